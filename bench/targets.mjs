// The targets of issue 13 (performance), judged on a bench result (bench/results.json): each
// with the measured figure and met / missed / not measured. `npm run bench` prints the table and
// stores it in the results; `node bench/targets.mjs [results.json]` prints it again from a file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FLOOR = 'parse floor (1 thread)';
export const LINT = 'stability-lint';
export const ESLINT = 'ESLint + typescript-eslint (no types)';
const CORPORA = { ts: 'TypeScript', js: 'JavaScript' };

const LIMITS = {
  wall: 1.0,
  cpu: 1.5,
  rssMiB: 400,
  eslint: 9,
  cacheOneChanged: 0.05,
  cacheNoneChanged: 0.03,
  largeFiles: 20_000,
  /** Time per file at the largest size over that at the smallest: linear in files (plus start-up). */
  perFileGrowth: 1.1,
  /** Peak memory at the largest size over that at the smallest: flat. */
  memoryGrowth: 1.15,
  packedBytes: 8_000_000,
  versionS: 0.3,
  passTypingRatio: 1.5,
  typingIntervalMs: 150,
  editP95Ms: 40,
  firstDiagnosticsMs: 500,
};

const x = (n) => `${n.toFixed(2)}×`;
const s = (n) => `${n.toFixed(2)} s`;
const pct = (n) => `${(n * 100).toFixed(1)}%`;
const mib = (n) => `${Math.round(n)} MiB`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const int = (n) => n.toLocaleString('en');

const contender = (r, corpus, name) => r.corpora?.[corpus]?.contenders?.[name]?.median;

/** Each target: its id, its text, and how to judge it on a result (undefined: not measured). */
export const TARGETS = [
  ...Object.entries(CORPORA).flatMap(([c, name]) => [
    {
      id: `wall-${c}`,
      target: `wall ≤ ${LIMITS.wall.toFixed(1)}× the single-thread parse floor (${name})`,
      judge(r) {
        const lint = contender(r, c, LINT);
        const floor = contender(r, c, FLOOR);
        if (!lint || !floor) return undefined;
        const ratio = lint.wall / floor.wall;
        return { measured: `${x(ratio)} (${s(lint.wall)} vs ${s(floor.wall)})`, met: ratio <= LIMITS.wall };
      },
    },
    {
      id: `cpu-${c}`,
      target: `CPU ≤ ${LIMITS.cpu.toFixed(1)}× the single-thread parse floor (${name})`,
      judge(r) {
        const lint = contender(r, c, LINT);
        const floor = contender(r, c, FLOOR);
        if (!lint || !floor) return undefined;
        const ratio = lint.cpu / floor.cpu;
        return { measured: `${x(ratio)} (${s(lint.cpu)} vs ${s(floor.cpu)})`, met: ratio <= LIMITS.cpu };
      },
    },
  ]),
  {
    id: 'findings-identical',
    target: 'findings identical with and without each speed-up (both corpora)',
    judge(r) {
      const compared = Object.entries(r.findingsCompare ?? {});
      if (!compared.length) return undefined;
      const parts = compared.map(([c, cmp]) => {
        const differing = cmp.variants.filter((v) => !v.identical);
        const what = differing.length
          ? `differ without ${differing.map((v) => `${v.name} (+${v.onlyVariant} −${v.onlyBaseline})`).join(', ')}`
          : `identical without ${cmp.variants.map((v) => v.name).join(', ')}`;
        return `${c.toUpperCase()} ${int(cmp.baseline)} findings, ${what}`;
      });
      return { measured: parts.join('; '), met: compared.every(([, cmp]) => cmp.variants.length > 0 && cmp.variants.every((v) => v.identical)) };
    },
  },
  ...Object.entries(CORPORA).map(([c, name]) => ({
    id: `memory-${c}`,
    target: `peak memory ≤ ${LIMITS.rssMiB} MiB (${name})`,
    judge(r) {
      const lint = contender(r, c, LINT);
      if (!lint) return undefined;
      return { measured: mib(lint.rssMiB), met: lint.rssMiB <= LIMITS.rssMiB };
    },
  })),
  ...Object.entries(CORPORA).map(([c, name]) => ({
    id: `eslint-${c}`,
    target: `ESLint (untyped, same rules it can run) ≥ ${LIMITS.eslint}× slower (${name})`,
    judge(r) {
      const lint = contender(r, c, LINT);
      const eslint = contender(r, c, ESLINT);
      if (!lint || !eslint) return undefined;
      const ratio = eslint.wall / lint.wall;
      return { measured: `${x(ratio)} wall (${x(eslint.cpu / lint.cpu)} CPU)`, met: ratio >= LIMITS.eslint };
    },
  })),
  ...Object.entries(CORPORA).flatMap(([c, name]) => [
    {
      id: `cache-one-${c}`,
      target: `--cache, one file changed ≤ ${pct(LIMITS.cacheOneChanged)} of a full run (${name})`,
      judge(r) {
        const run = r.cache?.[c];
        if (!run?.oneChanged) return undefined;
        const ratio = run.oneChanged.wall / run.full.wall;
        return { measured: `${pct(ratio)} (${s(run.oneChanged.wall)} of ${s(run.full.wall)})`, met: ratio <= LIMITS.cacheOneChanged };
      },
    },
    {
      id: `cache-none-${c}`,
      target: `--cache, nothing changed ≤ ${pct(LIMITS.cacheNoneChanged)} of a full run (${name})`,
      judge(r) {
        const run = r.cache?.[c];
        if (!run?.noneChanged) return undefined;
        const ratio = run.noneChanged.wall / run.full.wall;
        return { measured: `${pct(ratio)} (${s(run.noneChanged.wall)} of ${s(run.full.wall)})`, met: ratio <= LIMITS.cacheNoneChanged };
      },
    },
  ]),
  {
    id: 'large-time',
    target: `${int(LIMITS.largeFiles)} files: time linear in files (time per file ≤ ${x(LIMITS.perFileGrowth)} that of the smallest run)`,
    judge(r) {
      const sizes = largeSizes(r);
      if (!sizes) return undefined;
      const [small, big] = sizes;
      const perFile = (m) => (m.wall * 1000) / m.files;
      const ratio = perFile(big) / perFile(small);
      return {
        measured: `${perFile(big).toFixed(2)} ms/file at ${int(big.files)} files vs ${perFile(small).toFixed(2)} at ${int(small.files)} (${x(ratio)}; ${s(big.wall)})`,
        met: big.files >= LIMITS.largeFiles && ratio <= LIMITS.perFileGrowth,
      };
    },
  },
  {
    id: 'large-memory',
    target: `${int(LIMITS.largeFiles)} files: memory flat (peak ≤ ${x(LIMITS.memoryGrowth)} that of the smallest run)`,
    judge(r) {
      const sizes = largeSizes(r);
      if (!sizes) return undefined;
      const [small, big] = sizes;
      const ratio = big.rssMiB / small.rssMiB;
      return { measured: `${mib(big.rssMiB)} at ${int(big.files)} files vs ${mib(small.rssMiB)} at ${int(small.files)} (${x(ratio)})`, met: big.files >= LIMITS.largeFiles && ratio <= LIMITS.memoryGrowth };
    },
  },
  {
    id: 'large-files',
    target: `${int(LIMITS.largeFiles)} files: no file lost (every file reported once)`,
    judge(r) {
      const runs = r.large?.sizes;
      if (!runs?.length) return undefined;
      const wrong = runs.filter((m) => m.filesReported !== m.files || m.reportedTwice);
      const big = runs.at(-1);
      const say = (m) => `${int(m.filesReported)} of ${int(m.files)} reported${m.skippedWithFolders ? ` (${int(m.skippedWithFolders)} by the skip note of a folder left out as a copy)` : ''}${m.reportedTwice ? `, ${int(m.reportedTwice)} twice` : ''}`;
      return {
        measured: wrong.length ? wrong.map(say).join('; ') : say(big),
        met: big.files >= LIMITS.largeFiles && wrong.length === 0,
      };
    },
  },
  {
    id: 'package-size',
    target: `npm package: one TypeScript compiler, no source maps, no tests, ≤ ${mb(LIMITS.packedBytes).replace('.00', '')} packed`,
    judge(r) {
      const p = r.package;
      if (!p) return undefined;
      const measured = `${mb(p.packedBytes)} packed (${mb(p.unpackedBytes)} unpacked, ${p.files} files); ${p.compilerCopies} compiler${p.compilerCopies === 1 ? '' : 's'}, ${p.sourceMaps.length} source maps, ${p.devOnlyFiles.length} test/bench files`;
      return { measured, met: p.packedBytes <= LIMITS.packedBytes && p.compilerCopies === 1 && !p.sourceMaps.length && !p.devOnlyFiles.length };
    },
  },
  {
    id: 'version-time',
    target: `\`npx stability-lint --version\` from an install ≤ ${LIMITS.versionS} s`,
    judge(r) {
      const v = r.package?.version;
      if (!v) return undefined;
      // npx's own work to find and start an installed bin, measured with a bin that does nothing
      // installed beside ours: where that alone reaches the limit, no package can meet it.
      const npxBound = v.npxEmptyBinMedianS !== undefined && v.npxEmptyBinMedianS >= LIMITS.versionS
        ? `; npx takes ${s(v.npxEmptyBinMedianS)} to run an installed bin that does nothing, so no package meets ${s(LIMITS.versionS)} here: ours adds ${Math.round((v.npxWarmMedianS - v.npxEmptyBinMedianS) * 1000)} ms to that`
        : '';
      return {
        measured: `${s(v.npxWarmMedianS)} (median of ${v.npxWarmRunsS.length}; first start ${s(v.npxColdS)}; npx alone ${s(v.npxOwnStartMedianS)}${v.npxEmptyBinMedianS ? `, npx running an empty bin ${s(v.npxEmptyBinMedianS)}` : ''}, \`node dist/cli.js\` ${s(v.nodeWarmMedianS)}${npxBound})`,
        met: v.npxWarmMedianS <= LIMITS.versionS,
      };
    },
  },
  {
    id: 'editor-pass',
    target: `editor: workspace pass (~2,000 files) while typing every ${LIMITS.typingIntervalMs} ms ≤ ${LIMITS.passTypingRatio}× its idle time`,
    judge(r) {
      const pass = r.editor?.workspacePass;
      const typing = pass?.typing?.find((t) => t.intervalMs === LIMITS.typingIntervalMs);
      if (!pass || !typing) return undefined;
      const idle = pass.idleMs / 1000;
      if (typing.passMs === null) {
        return { measured: `did not finish within ${s(typing.timeoutMs / 1000)} (> ${x(typing.timeoutMs / pass.idleMs)}; idle ${s(idle)})`, met: false };
      }
      const ratio = typing.passMs / pass.idleMs;
      return { measured: `${x(ratio)} (${s(typing.passMs / 1000)} vs ${s(idle)} idle)`, met: ratio <= LIMITS.passTypingRatio };
    },
  },
  {
    id: 'editor-p95',
    target: `editor: edit → diagnostics p95 ≤ ${LIMITS.editP95Ms} ms while typing every ${LIMITS.typingIntervalMs} ms during the pass`,
    judge(r) {
      const typing = r.editor?.workspacePass?.typing?.find((t) => t.intervalMs === LIMITS.typingIntervalMs);
      if (!typing?.edits) return undefined;
      return { measured: `${typing.editP95Ms.toFixed(1)} ms (p50 ${typing.editP50Ms.toFixed(1)} ms, ${int(typing.edits)} edits)`, met: typing.editP95Ms <= LIMITS.editP95Ms };
    },
  },
  {
    id: 'editor-first',
    target: `editor: first diagnostics for the open file ≤ ${LIMITS.firstDiagnosticsMs} ms`,
    judge(r) {
      const ms = r.editor?.coldStartToFirstDiagnosticsMs;
      if (ms === undefined) return undefined;
      return { measured: `${Math.round(ms)} ms`, met: ms <= LIMITS.firstDiagnosticsMs };
    },
  },
];

/** The smallest and the largest run of the large-workspace scaling, or undefined. */
function largeSizes(r) {
  const runs = r.large?.sizes;
  if (!runs || runs.length < 2) return undefined;
  const sorted = [...runs].sort((a, b) => a.files - b.files);
  return [sorted[0], sorted.at(-1)];
}

/** Every target judged: `{ id, target, measured, verdict }`, verdict 'met', 'missed' or 'not measured'. */
export function evaluateTargets(results) {
  return TARGETS.map((t) => {
    const j = t.judge(results);
    return { id: t.id, target: t.target, measured: j ? j.measured : '', verdict: j ? (j.met ? 'met' : 'missed') : 'not measured' };
  });
}

/** The judged targets as a Markdown table. */
export function targetsTable(rows) {
  const escape = (cell) => cell.replace(/\|/g, '\\|');
  return [
    '| target | measured | verdict |',
    '|---|---|---|',
    ...rows.map((row) => `| ${escape(row.target)} | ${escape(row.measured || '—')} | ${row.verdict === 'missed' ? '**missed**' : row.verdict} |`),
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
  console.log(targetsTable(evaluateTargets(JSON.parse(fs.readFileSync(file, 'utf8')))));
}
