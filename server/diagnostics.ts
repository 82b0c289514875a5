// Findings as LSP diagnostics: offsets become line/character positions (UTF-16, which is what
// JavaScript string offsets already count), severities map, and each diagnostic carries its
// rule id, a link to the rule's docs and its related locations.
import { DiagnosticSeverity, type Diagnostic, type Position, type Range as LspRange } from 'vscode-languageserver';
import type { ConfigError } from '../engine/config';
import type { FileResult, Finding, Range, Severity } from '../engine/types';
import { ruleDocsUrl } from '../engine/docs-url';
import { ruleErrorMessage } from '../engine/settle';
import { lineColumn } from '../engine/text';
import { fileUri } from './paths';

export const SOURCE = 'stability-lint';

/** An LSP position (0-based line and character) for an offset. */
export function positionAt(lineStarts: readonly number[], offset: number): Position {
  const { line, column } = lineColumn(lineStarts, offset);
  return { line: line - 1, character: Math.max(0, column - 1) };
}

export function offsetAt(lineStarts: readonly number[], pos: Position): number {
  const line = Math.min(Math.max(pos.line, 0), lineStarts.length - 1);
  return lineStarts[line] + Math.max(0, pos.character);
}

export function toLspRange(lineStarts: readonly number[], r: Range): LspRange {
  return { start: positionAt(lineStarts, r.start), end: positionAt(lineStarts, r.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warn: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * The diagnostics of one file. `lineStartsOf` gives the line starts of another file a related
 * location points into (undefined when unknown: that location is then left out rather than
 * placed wrongly).
 */
export function toDiagnostics(
  result: FileResult,
  findings: readonly Finding[],
  lineStartsOf: (file: string) => readonly number[] | undefined,
): Diagnostic[] {
  if (result.fatal) {
    const line = Math.max(0, (result.fatal.line ?? 1) - 1);
    const character = Math.max(0, (result.fatal.column ?? 1) - 1);
    return [{
      range: { start: { line, character }, end: { line, character } },
      severity: SEVERITY[result.fatal.severity],
      source: SOURCE,
      message: result.fatal.message,
    }];
  }
  const diagnostics = findings.map((f) => findingDiagnostic(result.lineStarts, f, lineStartsOf));
  for (const e of result.ruleErrors ?? []) {
    const at = positionAt(result.lineStarts, e.start ?? 0);
    diagnostics.push({ range: { start: at, end: at }, severity: DiagnosticSeverity.Error, code: e.ruleId, source: SOURCE, message: ruleErrorMessage(e) });
  }
  return diagnostics;
}

export function findingDiagnostic(
  lineStarts: readonly number[],
  f: Finding,
  lineStartsOf: (file: string) => readonly number[] | undefined,
): Diagnostic {
  const d: Diagnostic = {
    range: toLspRange(lineStarts, f.range),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    source: SOURCE,
    message: f.message,
  };
  const related = (f.related ?? []).flatMap((r) => {
    const starts = r.file === f.file ? lineStarts : lineStartsOf(r.file);
    return starts ? [{ location: { uri: fileUri(r.file), range: toLspRange(starts, r.range) }, message: r.message }] : [];
  });
  if (related.length) d.relatedInformation = related;
  return d;
}

/** A config file that cannot be used: one error at the line and column the loader named. */
export function configErrorDiagnostic(err: ConfigError): Diagnostic {
  const pos = { line: Math.max(0, err.line - 1), character: Math.max(0, err.column - 1) };
  return {
    range: { start: pos, end: pos },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    message: `Invalid stability-lint configuration: ${err.detail}${/[.?!]$/.test(err.detail) ? '' : '.'} Files under this folder are linted with the default settings until it is fixed.`,
  };
}

/** A stable fingerprint of a diagnostics list, to skip re-sending what the client already shows. */
export function diagnosticsKey(diags: readonly Diagnostic[]): string {
  return JSON.stringify(diags);
}
