// The fix fuzzer, as ESLint's (tools/fuzzer) checks that an autofix never breaks code: over
// generated programs (fix-programs.ts), corpus files and corpus files with snippets added, it
// applies every fix and every suggestion alone, then all safe fixes together (--fix), then all
// fixes (--fix --unsafe), and checks what the spec's "Fix safety" promises: the file parses as
// well as before, keeps its module system, declares no name twice, adds no type error to a
// TypeScript input, the fix clears its finding, a second --fix changes nothing, one shim per
// package, and --fix alone adds no timeout, limiter or eviction.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyFixes } from '../../engine/apply-fixes';
import type { Finding, Fix } from '../../engine/types';
import { typecheckErrors } from '../typecheck';
import { fileRegressions, isScript, moduleSystem, newErrors, readScripts } from './fix-checks';
import { fixRuns, lintMessages } from './fix-runs';
import { generateProject, snippetsFor, type ModuleFlavor } from './fix-programs';
import { random, type FuzzBounds, type FuzzOutcome, type Random } from './random';

/** The ecosystem corpus (npm tarballs of popular services), when it has been installed. */
export const DEFAULT_CORPUS = process.env.SL_FIX_CORPUS ?? path.resolve(__dirname, '../../ecosystem/.cache/projects');

export interface FixFuzzBounds extends FuzzBounds {
  /** Folder of installed corpus projects (`<name>@<version>/package`); none: generated programs only. */
  corpus?: string;
}

export interface FixFuzzOutcome extends FuzzOutcome {
  /** Fixes and suggestions applied alone, and --fix runs made. */
  fixesTried: number;
  runs: number;
  note: string;
}

export async function fuzzFixes(bounds: FixFuzzBounds): Promise<FixFuzzOutcome> {
  const corpusFiles = bounds.corpus ? corpusScripts(bounds.corpus) : [];
  const started = Date.now();
  const failures: string[] = [];
  let fixesTried = 0;
  let runs = 0;
  let i = 0;
  const kinds = { generated: 0, corpus: 0, mutated: 0 };
  for (; i < bounds.iterations; i++) {
    if (bounds.seconds !== undefined && Date.now() - started > bounds.seconds * 1000) break;
    const rng = random(bounds.seed + i);
    const kind = corpusFiles.length && rng.chance(0.4) ? (rng.chance(0.5) ? 'corpus' : 'mutated') : 'generated';
    kinds[kind]++;
    const input = kind === 'generated' ? generated(rng) : fromCorpus(rng, corpusFiles, kind === 'mutated');
    const dir = writeProject(input.files);
    try {
      const out = await checkProject(dir, input.typed);
      fixesTried += out.tried;
      runs += out.runs;
      for (const f of out.failures) failures.push(`seed ${bounds.seed + i} (${kind}: ${input.summary}): ${f}`);
    } catch (e) {
      failures.push(`seed ${bounds.seed + i} (${kind}: ${input.summary}): threw ${(e as Error).stack ?? e}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    bounds.log?.(`  ${i + 1}: ${kind} ${input.summary}: ${failures.length} failures so far`);
  }
  return {
    iterations: i, failures, fixesTried, runs,
    note: `${kinds.generated} generated, ${kinds.corpus} corpus, ${kinds.mutated} mutated corpus; ${fixesTried} fixes and suggestions applied alone, ${runs} --fix runs`,
  };
}

interface Input {
  files: Record<string, string>;
  summary: string;
  /** TypeScript input: no new type errors allowed. */
  typed: boolean;
}

function generated(rng: Random): Input {
  const p = generateProject(rng);
  return { files: p.files, summary: p.summary, typed: p.flavor === 'ts' };
}

/** A corpus file with its package.json; mutated: with snippets added in the file's module system. */
function fromCorpus(rng: Random, files: readonly { pkg: string; rel: string }[], mutate: boolean): Input {
  const { pkg, rel } = rng.pick(files);
  let text = fs.readFileSync(path.join(pkg, rel), 'utf8');
  const out: Record<string, string> = { 'package.json': fs.readFileSync(path.join(pkg, 'package.json'), 'utf8') };
  let summary = `${path.basename(path.dirname(pkg))}/${rel}`;
  if (mutate) {
    const system = moduleSystem(path.join(pkg, rel), text);
    if (system !== 'umd') {
      const flavor: ModuleFlavor = /\.tsx?$/.test(rel) ? 'ts' : system === 'esm' ? 'esm-js' : 'cjs-js';
      const { body } = snippetsFor(rng, flavor);
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      text = `${text}${text.endsWith('\n') ? '' : eol}${eol}${body.replace(/\n/g, eol)}${eol}`;
      summary += ' + snippets';
    }
  }
  out[rel] = text;
  return { files: out, summary, typed: false };
}

/** Script files of 40 KB at most (minified bundles and declarations aside) in each corpus package. */
export function corpusScripts(corpus: string): { pkg: string; rel: string }[] {
  if (!fs.existsSync(corpus)) return [];
  const out: { pkg: string; rel: string }[] = [];
  for (const project of fs.readdirSync(corpus).sort()) {
    const pkg = path.join(corpus, project, 'package');
    if (!fs.existsSync(path.join(pkg, 'package.json'))) continue;
    for (const file of readScripts(pkg).keys()) {
      if (/\.min\.js$/.test(file) || fs.statSync(file).size > 40_000) continue;
      out.push({ pkg, rel: path.relative(pkg, file) });
    }
  }
  return out;
}

function writeProject(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sl-fixfuzz-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

interface Message {
  ruleId: string;
  finding?: Finding;
}

const lint = lintMessages;

/** Every check on one project folder; restores nothing (the caller removes the folder). */
export async function checkProject(dir: string, typed: boolean): Promise<{ failures: string[]; tried: number; runs: number }> {
  const failures: string[] = [];
  const original = readScripts(dir);
  const typeErrors0 = typed ? typecheckErrors(dir) : [];
  const reports = await lint(dir);
  let tried = 0;

  // Each fix and suggestion alone.
  for (const r of reports) {
    for (const m of r.messages) {
      const f = m.finding;
      if (!f) continue;
      for (const fix of [...(f.fixes ?? []), ...(f.suggestions ?? [])]) {
        tried++;
        const what = `${path.relative(dir, r.file)} ${f.ruleId}/${f.messageId} "${fix.title}" (${fix.safety}) alone`;
        for (const p of await checkAlone(dir, r.file, f, fix, original, reports, typed ? typeErrors0 : undefined)) failures.push(`${what}: ${p}`);
      }
    }
  }

  // All together: --fix, then --fix --unsafe, each twice.
  const together = await fixRuns(dir, typed ? { before: typeErrors0 } : undefined);
  return { failures: [...failures, ...together.failures], tried, runs: 4 };
}

/** One fix applied alone: the checks on each file it changes, its finding cleared, then the folder as it was. */
async function checkAlone(
  dir: string, file: string, finding: Finding, fix: Fix, original: Map<string, string>, reports0: { messages: Message[] }[], typeErrors0: string[] | undefined,
): Promise<string[]> {
  const out: string[] = [];
  const read = (f: string) => original.get(f) ?? (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);
  const { texts, creates } = applyFixes([{ ...finding, fixes: [fix] }], read, 'unsafe');
  const created = creates.filter((c) => !fs.existsSync(c.file));
  try {
    for (const [f, text] of texts) {
      const was = read(f);
      if (was !== undefined && isScript(f)) for (const p of fileRegressions(f, was, text)) out.push(p);
      fs.writeFileSync(f, text);
    }
    for (const c of created) {
      fs.mkdirSync(path.dirname(c.file), { recursive: true });
      fs.writeFileSync(c.file, c.content);
    }
    const count = (reports: { messages: Message[] }[]) => reports.flatMap((r) => r.messages)
      .filter((m) => m.finding?.ruleId === finding.ruleId && m.finding.messageId === finding.messageId && m.finding.file === file).length;
    const before = count(reports0);
    const after = count(await lint(dir));
    if (after >= before) out.push(`finding not cleared (${before} -> ${after} ${finding.ruleId}/${finding.messageId})`);
    if (typeErrors0) for (const e of newErrors(typeErrors0, typecheckErrors(dir)).filter((e) => typeClean(e, typeErrors0))) out.push(`new type error ${e}`);
  } finally {
    for (const f of texts.keys()) {
      const was = original.get(f);
      if (was !== undefined) fs.writeFileSync(f, was);
    }
    for (const c of created) fs.rmSync(c.file, { force: true });
  }
  return out;
}

/** A new error in a file that type-checked before: a file with errors already is not held to it. */
function typeClean(error: string, before: readonly string[]): boolean {
  const rel = error.split(' ')[0];
  return !before.some((e) => e.startsWith(`${rel}:`));
}
