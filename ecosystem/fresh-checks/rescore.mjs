// Rescores the fresh checks: each check's packages (packages.json, exact versions) are fetched
// with `npm pack` into a cache outside the repository (~/.cache/stability-lint/fresh-checks: under
// the repository, its .gitignore would hide them from the linter), linted one by one with the
// built CLI, and their findings compared with the reviewer's verdicts (verdicts.jsonl).
//   node ecosystem/fresh-checks/rescore.mjs [--cli dist/cli.js] [--first-runs] [--show false,noise] [check-36 …]
// Prints, per check: findings, true, false, noise, unjudged; then every finding nobody judged
// and every judged-true one no longer reported. --first-runs prints the reviewers' own verdicts
// per rule instead (lines with a "judge" were added later by whoever fixed a recall miss).
// --show lists the findings still reported with the given verdicts, and the reviewer's reason.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
const cliAt = args.indexOf('--cli');
const cli = path.resolve(cliAt >= 0 ? args[cliAt + 1] : path.join(root, 'dist/cli.js'));
const firstRuns = args.includes('--first-runs');
const showAt = args.indexOf('--show');
const shown = new Set(showAt >= 0 ? args[showAt + 1].split(',') : []);
const cacheRoot = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'stability-lint', 'fresh-checks');
const optionValues = new Set([cliAt, showAt].filter((i) => i >= 0).map((i) => i + 1));
const named = args.filter((a, i) => !a.startsWith('--') && !optionValues.has(i));
const checks = named.length ? named : fs.readdirSync(here).filter((d) => d.startsWith('check-')).sort();

const verdictsOf = (check) => fs.readFileSync(path.join(here, check, 'verdicts.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

function tally(rows) {
  const t = {};
  for (const { rule, verdict } of rows) for (const k of [rule, 'all']) {
    t[k] ??= { findings: 0, true: 0, false: 0, noise: 0, unjudged: 0 };
    t[k].findings++;
    t[k][verdict]++;
  }
  return t;
}

if (firstRuns) {
  const t = tally(checks.flatMap((c) => verdictsOf(c).filter((v) => !v.judge)));
  for (const [rule, x] of Object.entries(t).sort((a, b) => b[1].findings - a[1].findings)) {
    console.log(`${rule.padEnd(26)} ${x.findings} findings, ${x.true} true, ${x.false} false, ${x.noise} noise`);
  }
  process.exit(0);
}

/** The package folders of a check, fetched once into the cache. */
function fetchPackages(check) {
  const pk = path.join(cacheRoot, check, 'pk');
  const tgz = path.join(cacheRoot, check, 'tgz');
  const packages = JSON.parse(fs.readFileSync(path.join(here, check, 'packages.json'), 'utf8'));
  for (const [folder, { name, version }] of Object.entries(packages)) {
    const dir = path.join(pk, folder);
    if (fs.existsSync(path.join(dir, 'package.json'))) continue;
    fs.mkdirSync(tgz, { recursive: true });
    const file = execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', tgz, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop();
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['xzf', path.join(tgz, file), '-C', dir, '--strip-components=1']);
  }
  return { pk, folders: Object.keys(packages) };
}

for (const check of checks) {
  const verdicts = verdictsOf(check);
  const key = (v) => `${v.pkg}|${v.file}|${v.line}|${v.rule}`;
  const byKey = new Map(verdicts.map((v) => [key(v), v]));
  const { pk, folders } = fetchPackages(check);
  const found = [];
  for (const folder of folders) {
    const dir = path.join(pk, folder);
    let out;
    try {
      out = execFileSync(process.execPath, [cli, '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    } catch (e) {
      out = e.stdout; // exit code 1 or 2: findings of error severity
    }
    for (const file of JSON.parse(out)) for (const m of file.messages) {
      if (m.ruleId) found.push({ pkg: folder, file: path.relative(dir, file.filePath), line: m.line, rule: m.ruleId, message: m.message.split('\n')[0] });
    }
  }
  const seen = new Set(found.map(key));
  const rows = found.map((f) => ({ ...f, verdict: byKey.get(key(f))?.verdict ?? 'unjudged' }));
  const all = tally(rows).all ?? { findings: 0, true: 0, false: 0, noise: 0, unjudged: 0 };
  console.log(`${check}: ${all.findings} findings, ${all.true} true, ${all.false} false, ${all.noise} noise, ${all.unjudged} unjudged`);
  for (const r of rows) if (shown.has(r.verdict)) console.log(`  ${r.verdict.toUpperCase()} ${r.pkg} ${r.file}:${r.line} ${r.rule} — ${byKey.get(key(r)).reason}`);
  for (const r of rows) if (r.verdict === 'unjudged') console.log(`  UNJUDGED ${r.pkg} ${r.file}:${r.line} ${r.rule} — ${r.message}`);
  for (const v of verdicts) if (v.verdict === 'true' && !seen.has(key(v))) console.log(`  LOST-TRUE ${v.pkg} ${v.file}:${v.line} ${v.rule}`);
}
