// The bench's target table (bench/targets.mjs) judged on a synthetic result, and the findings
// comparison's stable form and diff (bench/compare-findings.mjs): no timing here, only the
// arithmetic and the verdicts the bench prints.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffFindings, stableFindings, type ReportMessage } from '../../bench/compare-findings.mjs';
import { ESLINT, evaluateTargets, FLOOR, LINT, targetsTable } from '../../bench/targets.mjs';

const m = (wall: number, cpu: number, rssMiB: number) => ({ median: { wall, cpu, rssMiB } });

/** Every part of a bench result, TypeScript meeting its targets and JavaScript missing them. */
function syntheticResult() {
  return {
    corpora: {
      ts: { contenders: { [FLOOR]: m(2.0, 3.0, 160), [LINT]: m(1.9, 4.6, 390), [ESLINT]: m(20, 30, 500) } },
      js: { contenders: { [FLOOR]: m(1.6, 2.4, 160), [LINT]: m(4.5, 8.4, 610), [ESLINT]: m(9.5, 13.4, 450) } },
    },
    findingsCompare: {
      ts: { baseline: 57, variants: [{ name: 'worker threads', identical: true, onlyBaseline: 0, onlyVariant: 0 }, { name: '--cache', identical: true, onlyBaseline: 0, onlyVariant: 0 }] },
      js: { baseline: 74, variants: [{ name: 'worker threads', identical: false, onlyBaseline: 1, onlyVariant: 2 }] },
    },
    cache: {
      ts: { full: { wall: 4 }, oneChanged: { wall: 0.2 }, noneChanged: { wall: 0.13 } },
      js: { full: { wall: 4 }, oneChanged: { wall: 0.44 }, noneChanged: { wall: 0.4 } },
    },
    large: {
      sizes: [
        { copies: 1, files: 4069, wall: 10, rssMiB: 600, filesReported: 4069, reportedTwice: 0 },
        { copies: 5, files: 20345, wall: 56, rssMiB: 900, filesReported: 20344, reportedTwice: 0 },
      ],
    },
    package: { packedBytes: 2_640_000, unpackedBytes: 16_300_000, files: 27, compilerCopies: 1, sourceMaps: [], devOnlyFiles: [], version: { npxColdS: 0.9, npxWarmMedianS: 0.45, npxWarmRunsS: Array(10).fill(0.45), npxOwnStartMedianS: 0.16, nodeWarmMedianS: 0.19 } },
    editor: {
      coldStartToFirstDiagnosticsMs: 593,
      workspacePass: { idleMs: 6300, typing: [{ intervalMs: 150, passMs: null as number | null, timeoutMs: 120_000, edits: 790, editP50Ms: 30, editP95Ms: 38 }] },
    },
  };
}

describe('bench targets', () => {
  it('judges every target of the issue, in its order, on a full result', () => {
    const rows = evaluateTargets(syntheticResult());
    assert.deepEqual(rows.map((r) => [r.id, r.verdict]), [
      ['wall-ts', 'met'], ['cpu-ts', 'missed'], ['wall-js', 'missed'], ['cpu-js', 'missed'],
      ['findings-identical', 'missed'],
      ['memory-ts', 'met'], ['memory-js', 'missed'],
      ['eslint-ts', 'met'], ['eslint-js', 'missed'],
      ['cache-one-ts', 'met'], ['cache-none-ts', 'missed'], ['cache-one-js', 'missed'], ['cache-none-js', 'missed'],
      ['large-time', 'missed'], ['large-memory', 'missed'], ['large-files', 'missed'],
      ['package-size', 'met'], ['version-time', 'missed'],
      ['editor-pass', 'missed'], ['editor-p95', 'met'], ['editor-first', 'missed'],
    ]);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    assert.equal(byId['wall-ts'].measured, '0.95× (1.90 s vs 2.00 s)');
    assert.equal(byId['cpu-ts'].measured, '1.53× (4.60 s vs 3.00 s)');
    assert.equal(byId['memory-js'].measured, '610 MiB');
    assert.equal(byId['eslint-ts'].measured, '10.53× wall (6.52× CPU)');
    assert.equal(byId['cache-one-ts'].measured, '5.0% (0.20 s of 4.00 s)');
    assert.equal(byId['cache-none-ts'].measured, '3.3% (0.13 s of 4.00 s)');
    assert.equal(byId['findings-identical'].measured, 'TS 57 findings, identical without worker threads, --cache; JS 74 findings, differ without worker threads (+2 −1)');
    assert.equal(byId['large-time'].measured, '2.75 ms/file at 20,345 files vs 2.46 at 4,069 (1.12×; 56.00 s)');
    assert.equal(byId['large-memory'].measured, '900 MiB at 20,345 files vs 600 MiB at 4,069 (1.50×)');
    assert.equal(byId['large-files'].measured, '20,344 of 20,345 reported');
    assert.equal(byId['package-size'].measured, '2.64 MB packed (16.30 MB unpacked, 27 files); 1 compiler, 0 source maps, 0 test/bench files');
    assert.match(byId['version-time'].measured, /^0\.45 s \(median of 10; first start 0\.90 s/);
    // With npx's cost of running a bin that does nothing beside it, when the result has it.
    const withPeer = syntheticResult();
    Object.assign(withPeer.package.version, { npxEmptyBinMedianS: 0.43 });
    assert.match(evaluateTargets(withPeer).find((x) => x.id === 'version-time')!.measured, /npx running an empty bin 0\.43 s/);
    // npx itself fast enough: the miss is the package's own.
    Object.assign(withPeer.package.version, { npxEmptyBinMedianS: 0.2 });
    assert.doesNotMatch(evaluateTargets(withPeer).find((x) => x.id === 'version-time')!.measured, /no package meets/);
    // npx alone past the limit: the figure says the target is npx's, and what ours adds.
    Object.assign(withPeer.package.version, { npxEmptyBinMedianS: 0.31, npxWarmMedianS: 0.315 });
    const bound = evaluateTargets(withPeer).find((x) => x.id === 'version-time')!;
    assert.match(bound.measured, /npx takes 0\.31 s to run an installed bin that does nothing, so no package meets 0\.30 s here: ours adds 5 ms to that\)$/);
    assert.equal(bound.verdict, 'missed');
    assert.equal(byId['editor-pass'].measured, 'did not finish within 120.00 s (> 19.05×; idle 6.30 s)');
    assert.equal(byId['editor-first'].measured, '593 ms');
  });

  it('limits are inclusive', () => {
    const r = syntheticResult();
    const rows = Object.fromEntries(evaluateTargets(r).map((row) => [row.id, row.verdict]));
    assert.equal(rows['cache-one-ts'], 'met'); // exactly 5.0%
    r.cache.ts.noneChanged.wall = 0.12; // exactly 3.0%
    assert.equal(Object.fromEntries(evaluateTargets(r).map((row) => [row.id, row.verdict]))['cache-none-ts'], 'met');
  });

  it('no file lost: every file of every size reported, none twice', () => {
    const r = syntheticResult();
    r.large.sizes[1].filesReported = 20345;
    const judge = () => evaluateTargets(r).find((x) => x.id === 'large-files')!;
    assert.deepEqual([judge().measured, judge().verdict], ['20,345 of 20,345 reported', 'met']);
    r.large.sizes[0].reportedTwice = 3;
    assert.deepEqual([judge().measured, judge().verdict], ['4,069 of 4,069 reported, 3 twice', 'missed']);
  });

  it('a pass that finishes while typing is judged by its ratio to the idle pass', () => {
    const r = syntheticResult();
    r.editor.workspacePass.typing[0].passMs = 9000;
    const row = evaluateTargets(r).find((x) => x.id === 'editor-pass')!;
    assert.deepEqual([row.measured, row.verdict], ['1.43× (9.00 s vs 6.30 s idle)', 'met']);
  });

  it('a package with source maps, tests or a second compiler misses, whatever its size', () => {
    for (const change of [{ sourceMaps: ['dist/bundle.js.map'] }, { devOnlyFiles: ['test/a.test.ts'] }, { compilerCopies: 2 }, { packedBytes: 8_000_001 }]) {
      const r = syntheticResult();
      Object.assign(r.package, change);
      assert.equal(evaluateTargets(r).find((x) => x.id === 'package-size')!.verdict, 'missed', JSON.stringify(change));
    }
  });

  it('what a run did not measure is "not measured", never met', () => {
    const rows = evaluateTargets({ corpora: { ts: { contenders: { [FLOOR]: m(2, 3, 160), [LINT]: m(1, 1, 100) } } } });
    assert.deepEqual(rows.filter((r) => r.verdict !== 'not measured').map((r) => r.id), ['wall-ts', 'cpu-ts', 'memory-ts']);
    assert.ok(rows.filter((r) => r.verdict === 'not measured').every((r) => r.measured === ''));
  });

  it('prints one table row per target, misses in bold', () => {
    const rows = evaluateTargets(syntheticResult());
    const lines = targetsTable(rows).split('\n');
    assert.equal(lines.length, rows.length + 2);
    assert.equal(lines[0], '| target | measured | verdict |');
    assert.equal(lines[2], '| wall ≤ 1.0× the single-thread parse floor (TypeScript) | 0.95× (1.90 s vs 2.00 s) | met |');
    assert.match(lines[3], /\| \*\*missed\*\* \|$/);
  });
});

describe('findings comparison', () => {
  const report = (file: string, messages: ReportMessage[]) => ({ filePath: `/w/${file}`, messages });
  const msg = (ruleId: string, line: number, message: string): ReportMessage => ({ ruleId, severity: 1, message, line, column: 1, endLine: line, endColumn: 5 });

  it('stable findings are sorted lines, paths relative to the workspace, whatever the report order', () => {
    const a = stableFindings([report('b.ts', [msg('r2', 3, 'two\n words')]), report('a.ts', [msg('r1', 9, 'one')])], '/w');
    const b = stableFindings([report('a.ts', [msg('r1', 9, 'one')]), report('b.ts', [msg('r2', 3, 'two\n words')])], '/w');
    assert.deepEqual(a, ['a.ts:9:1-9:5 warn r1 one', 'b.ts:3:1-3:5 warn r2 two words']);
    assert.deepEqual(a, b);
  });

  it('a diff counts duplicates: a finding reported twice on one side differs', () => {
    assert.deepEqual(diffFindings(['x', 'y'], ['y', 'x']), { identical: true, onlyBaseline: [], onlyVariant: [] });
    assert.deepEqual(diffFindings(['x', 'x', 'y'], ['x', 'y', 'z']), { identical: false, onlyBaseline: ['x'], onlyVariant: ['z'] });
  });
});
