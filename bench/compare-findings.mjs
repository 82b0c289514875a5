// Findings must not depend on how fast the linter got them. Lints a workspace as shipped (every
// speed-up on) and once without each speed-up, and diffs the findings as stable, sorted lines.
// A speed-up added later (a prefilter, lazy module resolution) gets an entry in SPEED_UPS with
// the switch that turns it off. Usage (also part of `npm run bench`):
//   node bench/compare-findings.mjs <workspace> [--config file] [--out dir]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

/**
 * Each speed-up and how to lint without it: `run(lint)` returns the ESLint-style JSON report of
 * the run without it; `lint(args, { env, entry, nodeArgs, report })` runs the CLI (or `entry`) with
 * extra arguments, writing its report to a new file (or the one named `report`: the same arguments
 * twice). `invert`: the speed-up is off by default and this run turns it on.
 */
/** The engine's own speed-ups (engine/speed-ups.ts), each turned off by naming it in STABILITY_LINT_WITHOUT. */
export const ENGINE_SPEED_UPS = ['skip-jsdoc', 'shared-dispatch', 'heap-trim', 'prefilter', 'askable-facts', 'compact-results', 'folder-listings'];

export const SPEED_UPS = [
  ...ENGINE_SPEED_UPS.map((name) => ({
    name,
    run: (lint) => lint([], { env: { STABILITY_LINT_WITHOUT: name } }),
  })),
  {
    // A copy of the rules cannot reach worker threads: cli/run.ts then lints every file here.
    name: 'worker threads',
    run: (lint) => lint([], { entry: path.join(here, 'lint-one-thread.ts'), nodeArgs: ['--import', 'tsx'] }),
  },
  {
    // The second run takes every file from the cache the first one wrote.
    name: '--cache (every file from the cache)',
    invert: true,
    run: (lint, scratch) => {
      const location = path.join(scratch, 'compare.cache');
      fs.rmSync(location, { force: true, recursive: true });
      // Each run writes another report file, so the second is not the first's replay: every file's
      // cached result, settled again.
      lint(['--cache', '--cache-location', location]);
      return lint(['--cache', '--cache-location', location]);
    },
  },
  {
    // Nothing changed since the first run: the small CLI entry prints its output again (cli/replay-run.ts).
    name: '--cache replayed (nothing changed)',
    invert: true,
    run: (lint, scratch) => {
      const location = path.join(scratch, 'compare-replay.cache');
      fs.rmSync(location, { force: true, recursive: true });
      lint(['--cache', '--cache-location', location], { report: 'replayed.json' });
      return lint(['--cache', '--cache-location', location], { report: 'replayed.json' });
    },
  },
];

/** A report's findings as sorted lines `file:line:col-endLine:endCol severity rule message`, paths relative to `base`. */
export function stableFindings(report, base) {
  const lines = [];
  for (const result of report) {
    const file = path.relative(base, result.filePath).split(path.sep).join('/');
    for (const m of result.messages) {
      const end = m.endLine === undefined ? '' : `-${m.endLine}:${m.endColumn}`;
      lines.push(`${file}:${m.line}:${m.column}${end} ${m.severity === 2 ? 'error' : 'warn'} ${m.ruleId ?? '(fatal)'} ${m.message.replace(/\s+/g, ' ')}`);
    }
  }
  return lines.sort();
}

/** What only one side has (as multisets: a finding reported twice counts twice). */
export function diffFindings(baseline, variant) {
  const counts = new Map();
  for (const l of baseline) counts.set(l, (counts.get(l) ?? 0) + 1);
  const onlyVariant = [];
  for (const l of variant) {
    const n = counts.get(l) ?? 0;
    if (n > 0) counts.set(l, n - 1);
    else onlyVariant.push(l);
  }
  const onlyBaseline = [...counts].flatMap(([l, n]) => Array(n).fill(l));
  return { identical: !onlyBaseline.length && !onlyVariant.length, onlyBaseline: onlyBaseline.sort(), onlyVariant };
}

/**
 * Lints `workspace` as shipped and without each speed-up; writes the stable findings and any
 * diff under `out`. Returns `{ baseline, variants: [{ name, identical, onlyBaseline, onlyVariant, diff? }] }`.
 */
export function compareFindings({ workspace, config, out, label = path.basename(workspace), speedUps = SPEED_UPS, baselineReport, log = () => {} }) {
  fs.mkdirSync(out, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-compare-'));
  let n = 0;
  const lint = (args, { entry = path.join(root, 'dist/cli.js'), nodeArgs = [], env = {}, report = `report-${n++}.json` } = {}) => {
    const file = path.join(scratch, report);
    const r = spawnSync(process.execPath, [...nodeArgs, entry, ...(config ? ['--config', config] : []), '--format', 'json', '--output-file', file, ...args, workspace], {
      cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8',
    });
    // 1: findings, which is what is compared here.
    if (r.status !== 0 && r.status !== 1) throw new Error(`lint failed (exit ${r.status}): ${entry} ${args.join(' ')}\n${r.stderr.slice(-2000)}`);
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  };
  try {
    const baseline = stableFindings(baselineReport ?? lint([]), workspace);
    fs.writeFileSync(path.join(out, `findings-${label}.txt`), `${baseline.join('\n')}\n`);
    const variants = speedUps.map((s) => {
      const t0 = performance.now();
      const findings = stableFindings(s.run(lint, scratch), workspace);
      const d = diffFindings(baseline, findings);
      const v = { name: s.name, identical: d.identical, findings: findings.length, onlyBaseline: d.onlyBaseline.length, onlyVariant: d.onlyVariant.length };
      if (!d.identical) {
        v.diff = path.join(out, `findings-${label}-${slug(s.name)}.diff`);
        fs.writeFileSync(v.diff, [...d.onlyBaseline.map((l) => `- ${l}`), ...d.onlyVariant.map((l) => `+ ${l}`)].join('\n') + '\n');
      }
      log(`  findings ${label}: ${s.invert ? 'with' : 'without'} ${s.name}: ${d.identical ? 'identical' : `DIFFERENT (-${v.onlyBaseline} +${v.onlyVariant}, ${v.diff})`} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      return v;
    });
    return { baseline: baseline.length, variants };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const workspace = args.find((a, i) => !a.startsWith('--') && !['--config', '--out'].includes(args[i - 1]));
  if (!workspace) {
    console.error('usage: node bench/compare-findings.mjs <workspace> [--config file] [--out dir]');
    process.exit(2);
  }
  const result = compareFindings({ workspace: path.resolve(workspace), config: opt('--config'), out: path.resolve(opt('--out') ?? path.join(here, '.cache/out')), log: (s) => console.error(s) });
  console.log(JSON.stringify(result, null, 2));
  process.exitCode = result.variants.every((v) => v.identical) ? 0 : 1;
}
