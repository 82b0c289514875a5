// Turns a file's raw result into what users see: candidates settled against project facts,
// suppression comments applied, offsets turned into lines and columns.
import type { ProjectFacts } from './project-facts';
import { applyDirectives } from './suppressions';
import { lineColumn } from './text';
import type { FileResult, Finding, LintMessage, RuleError } from './types';

export interface SettleOptions {
  /** Report directives that suppressed nothing, at this severity. */
  reportUnusedDirectives?: 'warn' | 'error';
}

/** The findings of a file after project facts and suppressions, in source order. */
export function settledFindings(result: FileResult, facts: ProjectFacts): { findings: Finding[]; unused: FileResult['directives'] } {
  const all = [...result.findings];
  for (const c of result.candidates) {
    const f = facts.settle(c);
    if (f) all.push(f);
  }
  all.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  const { kept, unused } = applyDirectives(all, result.directives, result.lineStarts);
  return { findings: kept, unused };
}

export function toMessages(result: FileResult, facts: ProjectFacts, opts: SettleOptions = {}): LintMessage[] {
  if (result.fatal) {
    const m: LintMessage = { ruleId: null, fatal: true, severity: result.fatal.severity, message: result.fatal.message, line: result.fatal.line ?? 1, column: result.fatal.column ?? 1 };
    if (result.internalError !== undefined) m.internalError = result.internalError;
    return [m];
  }
  const { findings, unused } = settledFindings(result, facts);
  const messages: LintMessage[] = findings.map((f) => {
    const start = lineColumn(result.lineStarts, f.range.start);
    const end = lineColumn(result.lineStarts, f.range.end);
    return { ruleId: f.ruleId, severity: f.severity, message: f.message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, finding: f };
  });
  for (const e of result.ruleErrors ?? []) {
    const at = lineColumn(result.lineStarts, e.start ?? 0);
    messages.push({ ruleId: e.ruleId, severity: 'error', message: ruleErrorMessage(e), line: at.line, column: at.column, internalError: e.stack });
  }
  if (result.ruleErrors?.length) messages.sort((a, b) => a.line - b.line || a.column - b.column);
  if (opts.reportUnusedDirectives) {
    for (const d of unused) {
      const start = lineColumn(result.lineStarts, d.range.start);
      const end = lineColumn(result.lineStarts, d.range.end);
      const what = d.ruleIds.length ? ` from ${d.ruleIds.map((id) => `'${id}'`).join(', ')}` : '';
      messages.push({
        ruleId: null,
        severity: opts.reportUnusedDirectives,
        message: `Unused stability-lint-${d.kind} directive (no problems were reported${what}).`,
        line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
      });
    }
    messages.sort((a, b) => a.line - b.line || a.column - b.column);
  }
  return messages;
}

/** What users read when a rule threw on their file. */
export function ruleErrorMessage(e: RuleError): string {
  return `Internal error in rule ${e.ruleId}: ${e.message.split('\n')[0]}. The rule stopped on this file (the other rules' findings stand); please report it with this file.`;
}
