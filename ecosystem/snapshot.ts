// The committed snapshot (verdicts.json): every finding the corpus produced, each with a verdict
// and a one-line reason, plus per-project counts. Findings are keyed by where they stand —
// project, file, line, column, rule — which pinned versions keep stable; the message is kept
// for context only, so rewording a message does not unjudge its findings.
import * as fs from 'node:fs';
import { compareText } from './order';
import { EcosystemError } from './projects';

export const VERDICTS = ['true', 'false', 'noise'] as const;
/** `true`: a maintainer would act. `false`: the rule missed a control, or the spec says quiet. `noise`: right by the letter, dismissed in practice. */
export type Verdict = (typeof VERDICTS)[number];

/** The first characters of a message kept in the snapshot: enough to recognise it. */
export const MESSAGE_CHARS = 120;

export interface Finding {
  project: string;
  /** Relative to the package root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  ruleId: string;
  /** 2, 3, … for further findings of one rule at one position (a rule may report two problems at one place); absent on the first. */
  occurrence?: number;
  message: string;
}

export interface JudgedFinding extends Finding {
  verdict: Verdict | null;
  reason: string;
  /** Set by --update when the finding is no longer reported; kept so that a judged-false one coming back is caught. */
  gone?: true;
}

export interface ProjectRecord {
  version: string;
  /** Files the linter read (sources, package.json, Dockerfiles, pm2 files). */
  files: number;
  lines: number;
  /** Files that did not parse (fatal errors); their findings are unknown. */
  parseErrors: number;
  /** Files the linter skipped with a note (generated, minified, bundled, too large). */
  skippedFiles: number;
}

export interface Snapshot {
  projects: Record<string, ProjectRecord>;
  findings: JudgedFinding[];
}

export function findingKey(f: Finding): string {
  return `${f.project}\t${f.file}\t${f.line}:${f.column}\t${f.ruleId}${f.occurrence ? `#${f.occurrence}` : ''}`;
}

/** Human-readable location, as the report and pending.md print it. */
export function findingLabel(f: Finding): string {
  return `${f.project} ${f.file}:${f.line}:${f.column} ${f.ruleId}${f.occurrence ? ` (#${f.occurrence})` : ''}`;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.project, b.project) ||
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.ruleId, b.ruleId) ||
    (a.occurrence ?? 1) - (b.occurrence ?? 1)
  );
}

/**
 * Numbers findings of one rule at one position (ordered by message, so the numbering does not
 * depend on the order the linter reported them in) and sorts the list.
 */
export function numberOccurrences<T extends Finding>(findings: T[]): T[] {
  const sorted = [...findings].sort((a, b) => compareFindings({ ...a, occurrence: undefined }, { ...b, occurrence: undefined }) || compareText(a.message, b.message));
  let previous: T | undefined;
  let n = 1;
  return sorted.map((f) => {
    const samePlace = previous && findingKey({ ...previous, occurrence: undefined }) === findingKey({ ...f, occurrence: undefined });
    n = samePlace ? n + 1 : 1;
    previous = f;
    const numbered = { ...f };
    if (n > 1) numbered.occurrence = n;
    else delete numbered.occurrence;
    return numbered;
  });
}

export function emptySnapshot(): Snapshot {
  return { projects: {}, findings: [] };
}

export function readSnapshot(file: string): Snapshot {
  if (!fs.existsSync(file)) return emptySnapshot();
  let data: Partial<Snapshot>;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new EcosystemError(`${file}: ${(error as Error).message}`);
  }
  if (typeof data.projects !== 'object' || !Array.isArray(data.findings)) throw new EcosystemError(`${file}: needs "projects" and "findings"`);
  const seen = new Set<string>();
  for (const [i, f] of data.findings.entries()) {
    const where = `${file}: findings[${i}]`;
    if (typeof f.project !== 'string' || typeof f.file !== 'string' || !Number.isInteger(f.line) || !Number.isInteger(f.column) || typeof f.ruleId !== 'string') {
      throw new EcosystemError(`${where}: needs project, file, line, column and ruleId`);
    }
    // Verdicts are strings: a bare JSON true/false is the likeliest slip when judging by hand.
    if (f.verdict !== null && !VERDICTS.includes(f.verdict as Verdict)) {
      throw new EcosystemError(`${where} (${findingLabel(f)}): verdict must be "true", "false", "noise" or null, not ${JSON.stringify(f.verdict)}`);
    }
    if (typeof f.reason !== 'string' || f.reason.includes('\n')) throw new EcosystemError(`${where} (${findingLabel(f)}): reason must be one line of text`);
    const key = findingKey(f);
    if (seen.has(key)) throw new EcosystemError(`${where}: ${findingLabel(f)} is listed twice`);
    seen.add(key);
  }
  return { projects: data.projects, findings: data.findings };
}

/**
 * The snapshot as committed: sorted, one finding per line with a fixed key order, so a diff
 * shows exactly which findings and verdicts changed and judging by hand is editing one line.
 */
export function serializeSnapshot(snapshot: Snapshot): string {
  const projects = Object.keys(snapshot.projects).sort(compareText);
  const projectLines = projects.map((name) => {
    const p = snapshot.projects[name];
    const record: ProjectRecord = { version: p.version, files: p.files, lines: p.lines, parseErrors: p.parseErrors, skippedFiles: p.skippedFiles };
    return `    ${JSON.stringify(name)}: ${JSON.stringify(record)}`;
  });
  const findingLines = [...snapshot.findings].sort(compareFindings).map((f) => `    ${JSON.stringify(orderedEntry(f))}`);
  return [
    '{',
    '  "$comment": "The ecosystem snapshot: every finding on the pinned corpus with a verdict (\\"true\\" a maintainer would act, \\"false\\" the rule missed a control or the spec says quiet, \\"noise\\" right by the letter but dismissed in practice) and a one-line reason. Maintained by `npm run ecosystem -- --update`; verdicts are written by hand. See ecosystem/README.md.",',
    '  "projects": {',
    projectLines.join(',\n'),
    '  },',
    '  "findings": [',
    findingLines.join(',\n'),
    '  ]',
    '}',
    '',
  ]
    .filter((line, i, all) => !(line === '' && i < all.length - 1))
    .join('\n');
}

function orderedEntry(f: JudgedFinding): JudgedFinding {
  const entry: JudgedFinding = { project: f.project, file: f.file, line: f.line, column: f.column, ruleId: f.ruleId } as JudgedFinding;
  if (f.occurrence) entry.occurrence = f.occurrence;
  entry.message = f.message;
  entry.verdict = f.verdict;
  entry.reason = f.reason;
  if (f.gone) entry.gone = true;
  return entry;
}

export interface UpdateSummary {
  added: number;
  markedGone: number;
  returned: number;
  /** Entries dropped because their project now pins another version (their lines no longer apply). */
  droppedForVersion: number;
  /** Entries dropped by --prune: gone and never judged, or of a project no longer in the corpus. */
  pruned: number;
}

/**
 * Merges the findings of the projects just linted into the snapshot: existing verdicts are kept,
 * new findings are added unjudged, findings no longer reported are marked `gone` (never deleted:
 * a judged one guards against regression). Projects not linted in this run are left alone.
 * When a project now pins another version than the snapshot recorded, its old entries are
 * dropped: line numbers of another version say nothing about this one.
 */
export function updateSnapshot(
  snapshot: Snapshot,
  run: { projects: Record<string, ProjectRecord>; findings: Finding[] },
  { prune = false, corpus }: { prune?: boolean; corpus?: Set<string> } = {},
): { snapshot: Snapshot; summary: UpdateSummary } {
  const summary: UpdateSummary = { added: 0, markedGone: 0, returned: 0, droppedForVersion: 0, pruned: 0 };
  const current = new Map(run.findings.map((f) => [findingKey(f), f]));
  const bumped = new Set(Object.keys(run.projects).filter((name) => snapshot.projects[name] && snapshot.projects[name].version !== run.projects[name].version));
  const kept: JudgedFinding[] = [];
  const known = new Set<string>();

  for (const entry of snapshot.findings) {
    if (bumped.has(entry.project)) {
      summary.droppedForVersion++;
      continue;
    }
    if (prune && corpus && !corpus.has(entry.project)) {
      summary.pruned++;
      continue;
    }
    if (!run.projects[entry.project]) {
      kept.push(entry);
      continue;
    }
    const key = findingKey(entry);
    const now = current.get(key);
    if (now) {
      known.add(key);
      const { gone, ...rest } = entry;
      if (gone) summary.returned++;
      kept.push({ ...rest, message: now.message });
    } else if (prune && entry.verdict === null) {
      summary.pruned++;
    } else {
      if (!entry.gone) summary.markedGone++;
      kept.push({ ...entry, gone: true });
    }
  }
  for (const [key, f] of current) {
    if (known.has(key)) continue;
    summary.added++;
    kept.push({ ...pickFinding(f), verdict: null, reason: '' });
  }
  const projects = { ...snapshot.projects, ...run.projects };
  if (prune && corpus) for (const name of Object.keys(projects)) if (!corpus.has(name)) delete projects[name];
  return { snapshot: { projects, findings: kept.sort(compareFindings) }, summary };
}

/** Only the snapshot's fields of a finding (the linter's result carries more). */
export function pickFinding(f: Finding): Finding {
  const out: Finding = { project: f.project, file: f.file, line: f.line, column: f.column, ruleId: f.ruleId, message: f.message };
  if (f.occurrence) out.occurrence = f.occurrence;
  return out;
}
