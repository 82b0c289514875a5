// What the check prints: the projects linted, precision per rule, and the diff against the
// snapshot. Pure text builders (a palette for emphasis), so the tests can read the output.
import type { Palette } from '../cli/colors';
import type { Comparison, RuleRow } from './compare';
import type { FatalMessage } from './lint';
import type { Project } from './projects';
import { type Finding, findingLabel, type JudgedFinding, type ProjectRecord } from './snapshot';

export interface ProjectLine {
  project: Project;
  record: ProjectRecord;
  findings: number;
  ms: number;
}

/** Lists longer than this print their first lines and a count (all of them with --all). */
export const LISTED = 25;

export function table(header: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function projectTable(lines: ProjectLine[]): string {
  const rows = lines.map((l) => [
    l.project.name,
    l.project.version,
    l.project.kind,
    l.project.language,
    count(l.record.files),
    count(l.record.lines),
    count(l.findings),
    count(l.record.parseErrors),
    count(l.record.skippedFiles),
    `${(l.ms / 1000).toFixed(1)}s`,
  ]);
  const sum = (pick: (l: ProjectLine) => number) => count(lines.reduce((n, l) => n + pick(l), 0));
  rows.push([
    `total (${lines.length} project${lines.length === 1 ? '' : 's'})`, '', '', '',
    sum((l) => l.record.files), sum((l) => l.record.lines), sum((l) => l.findings),
    sum((l) => l.record.parseErrors), sum((l) => l.record.skippedFiles),
    // Projects are linted two at once: their times do not add up to the wall time.
    '',
  ]);
  return table(['project', 'version', 'kind', 'lang', 'files', 'lines', 'findings', 'fatal', 'skipped', 'lint'], rows, new Set([4, 5, 6, 7, 8, 9]));
}

export function ruleTable(c: Comparison): string {
  const row = (r: RuleRow) => [r.ruleId, count(r.findings), count(r.true), count(r.false), count(r.noise), count(r.unjudged), percent(r.precision)];
  return table(['rule', 'findings', 'true', 'false', 'noise', 'unjudged', 'precision'], [...c.rules.map(row), row(c.total)], new Set([1, 2, 3, 4, 5, 6]));
}

/** Changes in what was linted (files, lines, fatal and skipped counts) against the snapshot. */
export function projectChanges(before: Record<string, ProjectRecord>, after: ProjectLine[]): string[] {
  const out: string[] = [];
  for (const { project, record } of after) {
    const old = before[project.name];
    if (!old || old.version !== record.version) continue;
    const diffs = (['files', 'lines', 'parseErrors', 'skippedFiles'] as const)
      .filter((k) => old[k] !== record[k])
      .map((k) => `${k} ${old[k]} → ${record[k]}`);
    if (diffs.length) out.push(`  ${project.name}: ${diffs.join(', ')}`);
  }
  return out;
}

export function fatalList(fatal: FatalMessage[], project: string): string[] {
  return fatal.map((f) => `  ${project} ${f.file}: ${f.message.split('\n')[0]}`);
}

export interface DiffOptions {
  palette: Palette;
  /** Print every entry of every list. */
  all?: boolean;
}

/** The diff against the snapshot, most urgent first; each section only when it has entries. */
export function diffSections(c: Comparison, { palette: p, all = false }: DiffOptions): string[] {
  const out: string[] = [];
  const section = (title: string, items: (Finding | JudgedFinding)[], describe: (f: JudgedFinding) => string, limit = all ? Infinity : LISTED) => {
    if (!items.length) return;
    out.push('', title);
    for (const f of items.slice(0, limit)) out.push(`  ${describe(f as JudgedFinding)}`);
    if (items.length > limit) out.push(p.dim(`  … and ${items.length - limit} more (--all lists them; --context writes them to ecosystem/pending.md with their code)`));
  };
  const withMessage = (f: Finding) => `${findingLabel(f)}  ${p.dim(f.message)}`;
  const withReason = (f: JudgedFinding) => `${findingLabel(f)}  ${p.dim(`— ${f.reason || f.message}`)}`;

  for (const v of c.versionChanges) {
    out.push('', p.yellow(`${v.project}: the snapshot was judged on ${v.judged}, projects.json pins ${v.pinned}: its old entries are set aside and every finding counts as new. \`--update\` drops the old entries; then judge again.`));
  }
  section(p.bold(p.red(`REGRESSED (${c.regressed.length}): judged false, recorded as gone, reported again`)), c.regressed, (f) => p.red(withReason(f)));
  section(p.bold(p.red(`LOST RECALL (${c.lostRecall.length}): judged true, no longer reported`)), c.lostRecall, (f) => p.red(`${withReason(f)}${f.gone ? p.dim(' (already recorded as gone)') : ''}`));
  section(p.bold(`NEW (${c.added.length}): not in the snapshot — \`--update\` adds them, then judge each`), c.added, withMessage);
  section(p.bold(`UNJUDGED (${c.unjudged.length}): in the snapshot with no verdict`), c.unjudged, withMessage);
  section(p.bold(`NO REASON (${c.unreasoned.length}): a verdict needs a one-line reason`), c.unreasoned, withMessage);
  section(`GONE, good (${c.fixed.length}): judged false or noise, no longer reported — \`--update\` records them so a return is caught`, c.fixed, withReason);
  section(`GONE, unjudged (${c.goneUnjudged.length}): no verdict, no longer reported (\`--update --prune\` drops them)`, c.goneUnjudged, withMessage);
  if (c.stayFixed) out.push('', p.dim(c.stayFixed === 1 ? '1 judged false/noise finding recorded as gone stays gone.' : `${c.stayFixed} judged false/noise findings recorded as gone stay gone.`));
  if (c.knownFalse.length) out.push('', p.dim(`${c.knownFalse.length} known false positive${c.knownFalse.length === 1 ? '' : 's'} still reported (judged false: counted against precision; --strict fails on them).`));
  return out;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function percent(p: number | null): string {
  return p === null ? '–' : `${(p * 100).toFixed(0)}%`;
}
