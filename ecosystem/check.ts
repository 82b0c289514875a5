// `npm run ecosystem`: the ecosystem check. Installs the pinned corpus, lints each project with
// the built CLI, prints precision per rule and the diff against the judged snapshot
// (ecosystem/verdicts.json), and fails on findings nobody has judged and on judged-false
// findings that come back. See ecosystem/README.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { palette, useColor } from '../cli/colors';
import { parseCheckArgs, USAGE } from './args';
import { compareWithSnapshot } from './compare';
import { renderPending } from './context';
import { CACHE_DIR, installProjects, packageRoot, removeUnpinned } from './install';
import { assertCliBuilt, lintProject, type ProjectRun, type ReportedFinding } from './lint';
import { writeLock } from './lock';
import { mapWithConcurrency } from './pool';
import { ECOSYSTEM_DIR, EcosystemError, loadLock, loadProjects, projectDirName, type Project } from './projects';
import { diffSections, fatalList, projectChanges, projectTable, ruleTable } from './report';
import { findingKey, type ProjectRecord, readSnapshot, serializeSnapshot, updateSnapshot } from './snapshot';

export const VERDICTS_FILE = path.join(ECOSYSTEM_DIR, 'verdicts.json');
export const PENDING_FILE = path.join(ECOSYSTEM_DIR, 'pending.md');
const LINT_CONCURRENCY = 2;

const log = (line: string) => process.stderr.write(`${line}\n`);
const print = (line = '') => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const started = performance.now();
  const args = parseCheckArgs(argv);
  if (args.help) {
    print(USAGE);
    return 0;
  }
  const p = palette(useColor(undefined, process.env, process.stdout.isTTY ?? false));
  const corpus = loadProjects();

  if (args.lock) {
    const changes = writeLock(corpus, loadLock(), log);
    print(`projects.lock.json: ${changes.added.length} locked (${changes.added.join(', ') || 'none'}), ${changes.kept.length} kept, ${changes.removed.length} removed${changes.removed.length ? ` (${changes.removed.join(', ')})` : ''}`);
    return 0;
  }

  const selected = selectProjects(corpus, args.projects);
  assertCliBuilt();

  const installStarted = performance.now();
  const installs = await installProjects(selected, loadLock(), { log });
  if (!args.projects.length) for (const stale of removeUnpinned(corpus)) log(`install: removed ${stale} (no longer pinned)`);
  const fetched = installs.filter((i) => i.fetched).length;
  const installMs = performance.now() - installStarted;

  const lintStarted = performance.now();
  // Two at once: each run is a few seconds at most and spends part of it starting up on one
  // core, so two overlap well on the 2-core machines CI and developers have.
  const runs: ProjectRun[] = await mapWithConcurrency(selected, LINT_CONCURRENCY, (project) => {
    log(`lint: ${project.name}@${project.version}`);
    return lintProject(project, packageRoot(project), path.join(CACHE_DIR, 'results', `${projectDirName(project)}.json`));
  });
  const lintMs = performance.now() - lintStarted;

  const snapshot = readSnapshot(VERDICTS_FILE);
  const findings = runs.flatMap((r) => r.findings);
  const records: Record<string, ProjectRecord> = Object.fromEntries(runs.map((r) => [r.project.name, r.record]));
  const comparison = compareWithSnapshot(snapshot, { projects: records, findings }, { strict: args.strict });

  print(p.bold(`stability-lint ecosystem check: ${runs.length} project${runs.length === 1 ? '' : 's'}`));
  print(p.dim(`install ${(installMs / 1000).toFixed(1)}s (${fetched} fetched, ${installs.length - fetched} cached), lint ${(lintMs / 1000).toFixed(1)}s`));
  print();
  print(projectTable(runs.map((r) => ({ project: r.project, record: r.record, findings: r.findings.length, ms: r.ms }))));
  const fatal = runs.flatMap((r) => fatalList([...r.internalErrors, ...r.fatalErrors], r.project.name));
  if (fatal.length) print(['', 'Fatal (files whose findings are unknown):', ...fatal].join('\n'));
  const changes = projectChanges(snapshot.projects, runs.map((r) => ({ project: r.project, record: r.record, findings: r.findings.length, ms: r.ms })));
  if (changes.length) print(['', 'Changed since the snapshot (what was linted):', ...changes].join('\n'));
  print();
  print(ruleTable(comparison));
  for (const line of diffSections(comparison, { palette: p, all: args.all })) print(line);
  const orphans = Object.keys(snapshot.projects).filter((name) => !corpus.some((c) => c.name === name));
  if (orphans.length) print(p.dim(`\nThe snapshot has projects no longer in projects.json: ${orphans.join(', ')} (\`--update --prune\` drops them).`));

  let final = comparison;
  let judged = snapshot;
  if (args.update) {
    const updated = updateSnapshot(snapshot, { projects: records, findings }, { prune: args.prune, corpus: new Set(corpus.map((c) => c.name)) });
    fs.writeFileSync(VERDICTS_FILE, serializeSnapshot(updated.snapshot));
    const s = updated.summary;
    print(`\n${path.relative(process.cwd(), VERDICTS_FILE)} updated: ${s.added} added with no verdict, ${s.markedGone} marked gone, ${s.returned} back from gone, ${s.droppedForVersion} dropped (version changed), ${s.pruned} pruned.`);
    judged = updated.snapshot;
    final = compareWithSnapshot(judged, { projects: records, findings }, { strict: args.strict });
  }
  if (args.context) {
    const verdicts = new Map(judged.findings.map((e) => [findingKey(e), e.verdict]));
    const pending = findings.filter((f) => !verdicts.get(findingKey(f)));
    const roots = new Map(runs.map((r) => [r.project.name, packageRoot(r.project)]));
    const items = pending.map((f: ReportedFinding) => ({ finding: f, text: readText(path.join(roots.get(f.project)!, f.file)) }));
    fs.writeFileSync(PENDING_FILE, renderPending(items, { generatedBy: `npm run ecosystem -- ${argv.join(' ')}`.trim() }));
    print(`\n${path.relative(process.cwd(), PENDING_FILE)}: ${items.length} finding${items.length === 1 ? '' : 's'} to judge, with their code.`);
  }

  const failures = [...final.failures];
  const internal = runs.flatMap((r) => r.internalErrors);
  if (internal.length) failures.push(`${internal.length} file${internal.length === 1 ? '' : 's'} hit an internal error in a rule`);
  print();
  if (failures.length) print(p.bold(p.red(`FAIL: ${failures.join('; ')}.`)));
  else print(p.bold(`PASS: every finding has a verdict; no judged-false finding came back.`));
  print(p.dim(`wall time ${((performance.now() - started) / 1000).toFixed(1)}s`));
  return failures.length ? 1 : 0;
}

function selectProjects(corpus: Project[], names: string[]): Project[] {
  if (!names.length) return corpus;
  return names.map((name) => {
    const project = corpus.find((c) => c.name === name || c.name.toLowerCase() === name.toLowerCase());
    if (!project) throw new EcosystemError(`no project ${name} in projects.json (${corpus.map((c) => c.name).join(', ')})`);
    return project;
  });
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof EcosystemError) log(`ecosystem: ${error.message}`);
      else log(`ecosystem: ${(error as Error).stack ?? String(error)}`);
      process.exitCode = 2;
    },
  );
}
