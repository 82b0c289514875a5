// The ecosystem check's logic on small synthetic inputs: no download, no lint run.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { palette } from '../../cli/colors';
import { parseCheckArgs } from '../../ecosystem/args';
import { compareWithSnapshot } from '../../ecosystem/compare';
import { codeExcerpt, renderPending } from '../../ecosystem/context';
import { readResults } from '../../ecosystem/lint';
import type { Project } from '../../ecosystem/projects';
import { diffSections, ruleTable } from '../../ecosystem/report';
import {
  type Finding,
  type JudgedFinding,
  numberOccurrences,
  readSnapshot,
  serializeSnapshot,
  type Snapshot,
  updateSnapshot,
  type Verdict,
} from '../../ecosystem/snapshot';

const plain = palette(false);

function finding(project: string, line: number, ruleId = 'missing-timeout', file = 'src/a.js'): Finding {
  return { project, file, line, column: 1, ruleId, message: `${ruleId} at ${line}` };
}

function judged(f: Finding, verdict: Verdict | null, extra: Partial<JudgedFinding> = {}): JudgedFinding {
  return { ...f, verdict, reason: verdict ? `because ${verdict}` : '', ...extra };
}

function record(version: string) {
  return { version, files: 1, lines: 10, parseErrors: 0, skippedFiles: 0 };
}

/** A snapshot of project `p` at 1.0.0. */
function snapshotOf(...findings: JudgedFinding[]): Snapshot {
  return { projects: { p: record('1.0.0') }, findings };
}

const runOf = (...findings: Finding[]) => ({ projects: { p: record('1.0.0') }, findings });

describe('compareWithSnapshot', () => {
  it('passes when every reported finding is judged', () => {
    const c = compareWithSnapshot(snapshotOf(judged(finding('p', 1), 'true'), judged(finding('p', 2), 'noise')), runOf(finding('p', 1), finding('p', 2)));
    assert.equal(c.exitCode, 0);
    assert.deepEqual(c.failures, []);
  });

  it('fails on a finding not in the snapshot, and lists it as new', () => {
    const c = compareWithSnapshot(snapshotOf(judged(finding('p', 1), 'true')), runOf(finding('p', 1), finding('p', 5)));
    assert.equal(c.exitCode, 1);
    assert.deepEqual(c.added.map((f) => f.line), [5]);
    assert.match(c.failures.join(), /1 new finding not in the snapshot/);
  });

  it('fails on a reported finding whose verdict is null, and on a verdict with no reason', () => {
    const c = compareWithSnapshot(snapshotOf(judged(finding('p', 1), null), judged(finding('p', 2), 'true', { reason: ' ' })), runOf(finding('p', 1), finding('p', 2)));
    assert.equal(c.exitCode, 1);
    assert.deepEqual(c.unjudged.map((f) => f.line), [1]);
    assert.deepEqual(c.unreasoned.map((f) => f.line), [2]);
  });

  it('a judged-false finding still reported is a known false positive: it counts against precision but does not fail', () => {
    const c = compareWithSnapshot(snapshotOf(judged(finding('p', 1), 'false')), runOf(finding('p', 1)));
    assert.equal(c.exitCode, 0);
    assert.equal(c.knownFalse.length, 1);
    assert.equal(c.regressed.length, 0);
    assert.equal(c.total.precision, 0);
  });

  it('--strict fails on known false positives too', () => {
    const c = compareWithSnapshot(snapshotOf(judged(finding('p', 1), 'false')), runOf(finding('p', 1)), { strict: true });
    assert.equal(c.exitCode, 1);
    assert.match(c.failures.join(), /still reported \(--strict\)/);
  });

  it('a judged-false finding recorded as gone that is reported again is a regression and fails', () => {
    const c = compareWithSnapshot(snapshotOf(judged(finding('p', 1), 'false', { gone: true })), runOf(finding('p', 1)));
    assert.equal(c.exitCode, 1);
    assert.deepEqual(c.regressed.map((f) => f.line), [1]);
    assert.match(c.failures.join(), /1 judged-false finding reported again/);
  });

  it('sorts findings no longer reported: true ones are lost recall, false/noise ones are fixed (or stay fixed once recorded), unjudged ones just gone', () => {
    const c = compareWithSnapshot(
      snapshotOf(
        judged(finding('p', 1), 'true'),
        judged(finding('p', 2), 'false'),
        judged(finding('p', 3), 'noise'),
        judged(finding('p', 4), 'noise', { gone: true }),
        judged(finding('p', 5), null),
      ),
      runOf(),
    );
    assert.deepEqual(c.lostRecall.map((f) => f.line), [1]);
    assert.deepEqual(c.fixed.map((f) => f.line), [2, 3]);
    assert.equal(c.stayFixed, 1);
    assert.deepEqual(c.goneUnjudged.map((f) => f.line), [5]);
    // Losing recall is printed prominently but is no failure: the diff shows it for review.
    assert.equal(c.exitCode, 0);
  });

  it('ignores snapshot entries of projects not linted in this run (a --project run)', () => {
    const snapshot: Snapshot = { projects: { p: record('1.0.0'), q: record('2.0.0') }, findings: [judged(finding('q', 1), 'true'), judged(finding('p', 1), 'true')] };
    const c = compareWithSnapshot(snapshot, runOf(finding('p', 1)));
    assert.equal(c.lostRecall.length, 0);
    assert.equal(c.exitCode, 0);
  });

  it('sets aside the entries of a project judged on another version: its findings count as new', () => {
    const c = compareWithSnapshot(snapshotOf(judged(finding('p', 1), 'true')), { projects: { p: record('1.1.0') }, findings: [finding('p', 1)] });
    assert.deepEqual(c.versionChanges, [{ project: 'p', judged: '1.0.0', pinned: '1.1.0' }]);
    assert.equal(c.added.length, 1);
    assert.equal(c.lostRecall.length, 0);
    assert.equal(c.exitCode, 1);
  });

  it('counts per rule and computes precision as true / (true + false + noise)', () => {
    const snapshot = snapshotOf(
      judged(finding('p', 1, 'a'), 'true'),
      judged(finding('p', 2, 'a'), 'true'),
      judged(finding('p', 3, 'a'), 'true'),
      judged(finding('p', 4, 'a'), 'noise'),
      judged(finding('p', 5, 'b'), 'false'),
      judged(finding('p', 6, 'b'), null),
    );
    const c = compareWithSnapshot(snapshot, runOf(...[1, 2, 3, 4].map((n) => finding('p', n, 'a')), finding('p', 5, 'b'), finding('p', 6, 'b'), finding('p', 7, 'b')));
    assert.deepEqual(
      c.rules.map((r) => [r.ruleId, r.findings, r.true, r.false, r.noise, r.unjudged, r.precision]),
      [
        ['a', 4, 3, 0, 1, 0, 0.75],
        ['b', 3, 0, 1, 0, 2, 0],
      ],
    );
    assert.deepEqual([c.total.findings, c.total.true, c.total.false, c.total.noise, c.total.unjudged], [7, 3, 1, 1, 2]);
    assert.equal(c.total.precision, 0.6);
    const text = ruleTable(c);
    assert.match(text, /^rule\s+findings\s+true\s+false\s+noise\s+unjudged\s+precision$/m);
    assert.match(text, /^a\s+4\s+3\s+0\s+1\s+0\s+75%$/m);
    assert.match(text, /^b\s+3\s+0\s+1\s+0\s+2\s+0%$/m);
    assert.match(text, /^total\s+7\s+3\s+1\s+1\s+2\s+60%$/m);
  });

  it('shows a rule with nothing judged as having no precision yet', () => {
    const c = compareWithSnapshot(snapshotOf(), runOf(finding('p', 1, 'a')));
    assert.equal(c.rules[0].precision, null);
    assert.match(ruleTable(c), /^a\s+1\s+0\s+0\s+0\s+1\s+–$/m);
  });

  it('prints regressions and lost recall before the rest of the diff', () => {
    const c = compareWithSnapshot(
      snapshotOf(judged(finding('p', 1), 'false', { gone: true }), judged(finding('p', 2), 'true')),
      runOf(finding('p', 1), finding('p', 3)),
    );
    const text = diffSections(c, { palette: plain }).join('\n');
    const order = ['REGRESSED (1)', 'LOST RECALL (1)', 'NEW (1)'].map((title) => text.indexOf(title));
    assert.ok(order.every((at) => at >= 0), text);
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    assert.match(text, /p src\/a\.js:2:1 missing-timeout {2}— because true/);
  });

  it('lists the first entries of a long section and says how many more there are', () => {
    const many = Array.from({ length: 30 }, (_, i) => finding('p', i + 1));
    const text = diffSections(compareWithSnapshot(snapshotOf(), runOf(...many)), { palette: plain }).join('\n');
    assert.match(text, /NEW \(30\)/);
    assert.match(text, /… and 5 more/);
    assert.doesNotMatch(diffSections(compareWithSnapshot(snapshotOf(), runOf(...many)), { palette: plain, all: true }).join('\n'), /more/);
  });
});

describe('updateSnapshot', () => {
  it('keeps verdicts, adds new findings unjudged, marks vanished ones gone and never deletes them', () => {
    const before = snapshotOf(judged(finding('p', 1), 'true'), judged(finding('p', 2), 'false'), judged(finding('p', 3), null));
    const { snapshot, summary } = updateSnapshot(before, runOf({ ...finding('p', 1), message: 'reworded' }, finding('p', 9)));
    assert.deepEqual(
      snapshot.findings.map((f) => [f.line, f.verdict, f.gone ?? false, f.message]),
      [
        [1, 'true', false, 'reworded'],
        [2, 'false', true, 'missing-timeout at 2'],
        [3, null, true, 'missing-timeout at 3'],
        [9, null, false, 'missing-timeout at 9'],
      ],
    );
    assert.deepEqual(summary, { added: 1, markedGone: 2, returned: 0, droppedForVersion: 0, pruned: 0 });
    // After the update, the check fails only on what is left to judge.
    const c = compareWithSnapshot(snapshot, runOf(finding('p', 1), finding('p', 9)));
    assert.equal(c.added.length, 0);
    assert.deepEqual(c.unjudged.map((f) => f.line), [9]);
  });

  it('clears `gone` when a finding returns, so a regression is caught only once recorded', () => {
    const { snapshot, summary } = updateSnapshot(snapshotOf(judged(finding('p', 1), 'noise', { gone: true })), runOf(finding('p', 1)));
    assert.equal(snapshot.findings[0].gone, undefined);
    assert.equal(summary.returned, 1);
  });

  it('leaves projects not linted in this run alone', () => {
    const before: Snapshot = { projects: { p: record('1.0.0'), q: record('1.0.0') }, findings: [judged(finding('q', 1), 'true')] };
    const { snapshot } = updateSnapshot(before, runOf());
    assert.deepEqual(snapshot.findings, before.findings);
    assert.deepEqual(snapshot.projects.q, record('1.0.0'));
  });

  it('drops the entries of a project whose pinned version changed, and records the new version', () => {
    const { snapshot, summary } = updateSnapshot(snapshotOf(judged(finding('p', 1), 'true')), { projects: { p: record('1.1.0') }, findings: [finding('p', 4)] });
    assert.deepEqual(snapshot.findings.map((f) => [f.line, f.verdict]), [[4, null]]);
    assert.equal(snapshot.projects.p.version, '1.1.0');
    assert.equal(summary.droppedForVersion, 1);
  });

  it('--prune drops gone findings nobody judged and projects no longer in the corpus, but keeps judged gone ones', () => {
    const before: Snapshot = {
      projects: { p: record('1.0.0'), old: record('1.0.0') },
      findings: [judged(finding('p', 1), null), judged(finding('p', 2), 'false'), judged(finding('old', 1), 'true')],
    };
    const { snapshot, summary } = updateSnapshot(before, runOf(), { prune: true, corpus: new Set(['p']) });
    assert.deepEqual(snapshot.findings.map((f) => [f.project, f.line, f.gone]), [['p', 2, true]]);
    assert.deepEqual(Object.keys(snapshot.projects), ['p']);
    assert.equal(summary.pruned, 2);
  });
});

describe('snapshot file', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecosystem-test-'));

  it('round-trips, sorted, one finding per line', () => {
    const file = path.join(tmp, 'verdicts.json');
    const snapshot = snapshotOf(judged(finding('p', 2), 'noise'), judged(finding('p', 1, 'a', 'b.js'), null), judged({ ...finding('p', 2), occurrence: 2 }, 'true', { gone: true }));
    fs.writeFileSync(file, serializeSnapshot(snapshot));
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n').filter((l) => l.includes('"ruleId"'));
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^ {4}\{"project":"p","file":"b\.js","line":1,"column":1,"ruleId":"a","message":"a at 1","verdict":null,"reason":""\},$/);
    assert.match(lines[2], /"occurrence":2,.*"gone":true\}$/);
    const back = readSnapshot(file);
    assert.deepEqual(back.findings.map((f) => [f.file, f.line, f.occurrence]), [['b.js', 1, undefined], ['src/a.js', 2, undefined], ['src/a.js', 2, 2]]);
    assert.equal(serializeSnapshot(back), text);
  });

  it('names the entry when a verdict is not one of the three strings', () => {
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ projects: {}, findings: [{ ...finding('p', 3), verdict: true, reason: 'x' }] }));
    assert.throws(() => readSnapshot(file), /findings\[0\] \(p src\/a\.js:3:1 missing-timeout\): verdict must be "true", "false", "noise" or null, not true/);
  });

  it('rejects the same finding listed twice', () => {
    const file = path.join(tmp, 'twice.json');
    fs.writeFileSync(file, JSON.stringify({ projects: {}, findings: [judged(finding('p', 3), null), judged(finding('p', 3), 'true')] }));
    assert.throws(() => readSnapshot(file), /listed twice/);
  });
});

describe('reading the linter output', () => {
  const project: Project = { name: 'p', version: '1.0.0', kind: 'service', language: 'js', why: 'test' };
  const root = path.join(os.tmpdir(), 'no-such-ecosystem-root');

  it('keeps every finding, relative to the package root, and counts fatal messages apart', () => {
    const long = `${'x'.repeat(150)}\nsecond line`;
    const run = readResults(project, root, [
      {
        filePath: path.join(root, 'src', 'a.js'),
        messages: [
          { ruleId: 'missing-timeout', severity: 1, message: long, line: 3, column: 7 },
          { ruleId: null, severity: 2, message: 'Parsing error: x', line: 1, column: 1, fatal: true },
          { ruleId: null, severity: 1, message: 'Skipped: generated file', line: 1, column: 1, stabilityLint: { skipped: true } },
          { ruleId: null, severity: 2, message: 'Internal error in rule y', line: 1, column: 1, fatal: true },
        ],
      },
      { filePath: path.join(root, 'package.json'), messages: [] },
    ]);
    assert.equal(run.findings.length, 1);
    assert.equal(run.findings[0].file, 'src/a.js');
    assert.equal(run.findings[0].message, 'x'.repeat(120));
    assert.equal(run.findings[0].fullMessage, long);
    assert.deepEqual(run.record, { version: '1.0.0', files: 2, lines: 0, parseErrors: 2, skippedFiles: 1 });
    assert.equal(run.internalErrors.length, 1);
  });

  it('numbers two findings of one rule at one place, in message order', () => {
    const a = { ...finding('p', 4), message: 'second problem' };
    const b = { ...finding('p', 4), message: 'first problem' };
    assert.deepEqual(numberOccurrences([a, b]).map((f) => [f.message, f.occurrence]), [['first problem', undefined], ['second problem', 2]]);
  });
});

describe('pending.md', () => {
  it('shows ±8 lines around the finding, its line marked and a caret under its column', () => {
    const text = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');
    const excerpt = codeExcerpt(text, 15, 3, 'js').split('\n');
    assert.equal(excerpt[0], '```js');
    assert.equal(excerpt[1], '  7 | line 7');
    assert.ok(excerpt.includes('>15 | line 15'));
    assert.equal(excerpt[excerpt.indexOf('>15 | line 15') + 1], '    |   ^');
    assert.equal(excerpt.at(-2), ' 23 | line 23');
  });

  it('keeps tabs before the caret so it stays under its column', () => {
    assert.match(codeExcerpt('\t\tfetch(url)', 1, 3, 'js'), /\n {3}\| \t\t\^\n/);
  });

  it('uses a fence longer than any backtick run in the code', () => {
    assert.match(codeExcerpt('const s = ```x```;', 1, 1, 'js'), /^````js/);
  });

  it('names each finding and quotes its whole message', () => {
    const f = { ...finding('p', 1), fullMessage: 'all of it\nline two' };
    const md = renderPending([{ finding: f, text: 'fetch(url)' }], { generatedBy: 'npm run ecosystem -- --context' });
    assert.match(md, /^## p src\/a\.js:1:1 missing-timeout$/m);
    assert.match(md, /^> all of it\n> line two$/m);
  });
});

describe('parseCheckArgs', () => {
  it('reads repeated --project and the mode flags', () => {
    const a = parseCheckArgs(['--project', 'ws', '--project=koa', '--update', '--prune', '--context', '--strict']);
    assert.deepEqual(a.projects, ['ws', 'koa']);
    assert.ok(a.update && a.prune && a.context && a.strict && !a.lock);
  });

  it('refuses unknown arguments and --prune without --update', () => {
    assert.throws(() => parseCheckArgs(['--updat']), /unknown argument --updat/);
    assert.throws(() => parseCheckArgs(['--prune']), /--prune only goes with --update/);
  });
});
