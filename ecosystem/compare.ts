// Compares the findings of a run with the snapshot: precision per rule, and the diff a rule
// change shows — findings that are new, findings that are gone, judged-false findings that came
// back. Pure: no files, no processes, so the unit tests drive it with small synthetic inputs.
import { compareText } from './order';
import { type Finding, findingKey, type JudgedFinding, type ProjectRecord, type Snapshot } from './snapshot';

export interface RuleRow {
  ruleId: string;
  /** Findings reported in this run. */
  findings: number;
  true: number;
  false: number;
  noise: number;
  /** Reported and not judged yet: new, or in the snapshot with no verdict. */
  unjudged: number;
  /** true / (true + false + noise); null when nothing is judged. */
  precision: number | null;
}

export interface VersionChange {
  project: string;
  judged: string;
  pinned: string;
}

export interface Comparison {
  rules: RuleRow[];
  total: RuleRow;
  /** Reported, not in the snapshot: the diff of a rule change, to judge. */
  added: Finding[];
  /** Reported, in the snapshot, no verdict yet. */
  unjudged: JudgedFinding[];
  /** Reported and judged, but with no reason: an incomplete verdict. */
  unreasoned: JudgedFinding[];
  /** Judged false, recorded as gone by an earlier --update, and reported again: a regression. */
  regressed: JudgedFinding[];
  /** Judged false and still reported: known false positives, counted in precision. */
  knownFalse: JudgedFinding[];
  /** Judged true and no longer reported: recall lost (or the code changed). */
  lostRecall: JudgedFinding[];
  /** Judged false or noise and no longer reported, not yet recorded: good news; --update records them. */
  fixed: JudgedFinding[];
  /** Judged false or noise, gone, and already recorded as gone. */
  stayFixed: number;
  /** In the snapshot with no verdict, and no longer reported. */
  goneUnjudged: JudgedFinding[];
  /** Projects whose snapshot entries were judged on another version: set aside, their findings count as new. */
  versionChanges: VersionChange[];
  /** Why the check fails; empty when it passes. */
  failures: string[];
  exitCode: 0 | 1;
}

export interface CompareOptions {
  /** Also fail while any judged-false finding is still reported (not only when one comes back). */
  strict?: boolean;
}

/**
 * `run.projects` names the projects linted in this run with their pinned versions; snapshot
 * entries of other projects are out of scope (a `--project` run says nothing about them).
 */
export function compareWithSnapshot(
  snapshot: Snapshot,
  run: { projects: Record<string, Pick<ProjectRecord, 'version'>>; findings: Finding[] },
  { strict = false }: CompareOptions = {},
): Comparison {
  const versionChanges: VersionChange[] = Object.keys(run.projects)
    .filter((name) => snapshot.projects[name] && snapshot.projects[name].version !== run.projects[name].version)
    .sort(compareText)
    .map((name) => ({ project: name, judged: snapshot.projects[name].version, pinned: run.projects[name].version }));
  const setAside = new Set(versionChanges.map((c) => c.project));
  const inScope = snapshot.findings.filter((e) => run.projects[e.project] && !setAside.has(e.project));
  const byKey = new Map(inScope.map((e) => [findingKey(e), e]));
  const reportedKeys = new Set(run.findings.map(findingKey));

  const c: Comparison = {
    rules: [],
    total: emptyRow('total'),
    added: [],
    unjudged: [],
    unreasoned: [],
    regressed: [],
    knownFalse: [],
    lostRecall: [],
    fixed: [],
    stayFixed: 0,
    goneUnjudged: [],
    versionChanges,
    failures: [],
    exitCode: 0,
  };
  const rows = new Map<string, RuleRow>();
  const rowFor = (ruleId: string): RuleRow => {
    let row = rows.get(ruleId);
    if (!row) rows.set(ruleId, (row = emptyRow(ruleId)));
    return row;
  };

  for (const f of run.findings) {
    const row = rowFor(f.ruleId);
    row.findings++;
    const entry = byKey.get(findingKey(f));
    if (!entry) {
      c.added.push(f);
      row.unjudged++;
      continue;
    }
    if (entry.verdict === null) {
      c.unjudged.push(entry);
      row.unjudged++;
      continue;
    }
    row[entry.verdict]++;
    if (!entry.reason.trim()) c.unreasoned.push(entry);
    if (entry.verdict === 'false') (entry.gone ? c.regressed : c.knownFalse).push(entry);
  }

  for (const entry of inScope) {
    if (reportedKeys.has(findingKey(entry))) continue;
    if (entry.verdict === 'true') c.lostRecall.push(entry);
    else if (entry.verdict === null) c.goneUnjudged.push(entry);
    else if (entry.gone) c.stayFixed++;
    else c.fixed.push(entry);
  }

  c.rules = [...rows.values()].sort((a, b) => compareText(a.ruleId, b.ruleId));
  for (const row of c.rules) {
    row.precision = precision(row);
    for (const k of ['findings', 'true', 'false', 'noise', 'unjudged'] as const) c.total[k] += row[k];
  }
  c.total.precision = precision(c.total);

  if (c.added.length) c.failures.push(`${c.added.length} new finding${plural(c.added.length)} not in the snapshot`);
  if (c.unjudged.length) c.failures.push(`${c.unjudged.length} finding${plural(c.unjudged.length)} with no verdict`);
  if (c.unreasoned.length) c.failures.push(`${c.unreasoned.length} verdict${plural(c.unreasoned.length)} with no reason`);
  if (c.regressed.length) c.failures.push(`${c.regressed.length} judged-false finding${plural(c.regressed.length)} reported again`);
  if (strict && c.knownFalse.length) c.failures.push(`${c.knownFalse.length} judged-false finding${plural(c.knownFalse.length)} still reported (--strict)`);
  c.exitCode = c.failures.length ? 1 : 0;
  return c;
}

function emptyRow(ruleId: string): RuleRow {
  return { ruleId, findings: 0, true: 0, false: 0, noise: 0, unjudged: 0, precision: null };
}

function precision(row: RuleRow): number | null {
  const judged = row.true + row.false + row.noise;
  return judged ? row.true / judged : null;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}
