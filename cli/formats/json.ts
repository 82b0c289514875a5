// ESLint's JSON formatter shape, so tools that read ESLint results read ours unchanged.
// ESLint has no "info" severity: info messages get severity 1 (as warnings do) but are counted
// in neither errorCount nor warningCount, so they never fail --max-warnings in a consumer
// that recomputes from the counts. Paths are absolute, as in ESLint.
//
// Fixes: `fix` is the one `--fix` applies (the first safe fix), as in ESLint; every other fix
// and suggestion that is one replacement in this file is a `suggestions` entry, an unsafe one
// marked "(unsafe)" in its `desc`. A fix ESLint's fields cannot carry (it creates the runtime
// shim, or edits another file) would otherwise be invisible: then the message lists all its
// fixes, whole, under `stabilityLint.fixes` with their class and which command applies them.
// A file a fix creates is a result of its own, with the created text as `output`.
import { chosenFix, pendingCreations } from '../../engine/apply-fixes';
import type { Finding, Fix, FixSafety, LintMessage } from '../../engine/types';
import { countMessages } from '../message-counts';
import type { SourceTexts } from '../source-texts';
import type { Formatter } from './formatter';

export interface EslintFix {
  range: [number, number];
  text: string;
}

export interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  /** Which of the rule's messages this is (as ESLint gives it): stable across wording changes. */
  messageId?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix?: EslintFix;
  suggestions?: { desc: string; fix: EslintFix }[];
  fatal?: boolean;
  /**
   * Our extension: `fixes` when a fix cannot be carried by `fix` and `suggestions`; `skipped`
   * on the info note of a file that was not linted on purpose (minified, binary, a copy).
   */
  stabilityLint?: { fixes?: FixDescription[]; skipped?: true };
}

/** A fix in full, for the `stabilityLint.fixes` extension. */
export interface FixDescription {
  title: string;
  safety: FixSafety;
  /** `fix`: applied from the command line (see `appliedBy`); `suggestion`: offered in the editor only. */
  kind: 'fix' | 'suggestion';
  /** The commands that apply it: `--fix`, `--fix --unsafe`; empty for one the editor offers only. */
  appliedBy: string[];
  edits: { filePath: string; range: [number, number]; text: string }[];
  /** Files it adds (the runtime shim), when they do not exist yet. */
  creates: { filePath: string }[];
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: [];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  output?: string;
  usedDeprecatedRules: [];
}

export const formatJson: Formatter = (reports, ctx) => {
  const results = reports.map((report): EslintResult => {
    const c = countMessages(report.messages);
    const result: EslintResult = {
      filePath: report.file,
      messages: report.messages.map((m) => eslintMessage(m, report.file, ctx.texts)),
      suppressedMessages: [],
      errorCount: c.errors,
      fatalErrorCount: c.fatalErrors,
      warningCount: c.warnings,
      fixableErrorCount: c.fixableErrors,
      fixableWarningCount: c.fixableWarnings,
      usedDeprecatedRules: [],
    };
    // As ESLint: the fixed text when --fix changed the file, else the source when there is
    // something to show it for.
    if (report.output !== undefined) {
      result.output = report.output;
    } else if (report.messages.length) {
      const source = ctx.texts.text(report.file);
      if (source !== undefined) result.source = source;
    }
    return result;
  });
  return `${JSON.stringify(results)}\n`;
};

function eslintMessage(m: LintMessage, file: string, texts: SourceTexts): EslintMessage {
  const out: EslintMessage = {
    ruleId: m.ruleId,
    severity: m.severity === 'error' ? 2 : 1,
    message: m.message,
    line: m.line,
    column: m.column,
  };
  if (m.finding?.messageId) out.messageId = m.finding.messageId;
  if (m.endLine !== undefined) out.endLine = m.endLine;
  if (m.endColumn !== undefined) out.endColumn = m.endColumn;
  const finding = m.finding;
  if (finding) {
    const applied = chosenFix(finding, 'safe');
    const fix = applied && eslintFix(applied, file, texts);
    if (fix) out.fix = fix;
    const others = [...(finding.fixes ?? []), ...(finding.suggestions ?? [])].filter((f) => f !== applied);
    const suggestions = others.flatMap((s) => {
      const f = eslintFix(s, file, texts);
      return f ? [{ desc: fixDesc(s), fix: f }] : [];
    });
    if (suggestions.length) out.suggestions = suggestions;
    const all = [...(finding.fixes ?? []), ...(finding.suggestions ?? [])];
    if (all.some((f) => !eslintFix(f, file, texts))) out.stabilityLint = { fixes: describeFixes(finding) };
  }
  // ESLint's `fatal` means the file could not be linted because of an error (a parse error). A
  // file skipped with an info note (minified, binary, a copy of another file) is no failure: it
  // carries `stabilityLint.skipped` instead, as ESLint's own note on an ignored file has no `fatal`.
  if (m.fatal && m.severity === 'error') out.fatal = true;
  else if (m.fatal) out.stabilityLint = { ...out.stabilityLint, skipped: true };
  return out;
}

/** A suggestion's `desc`: its title, marked when it is unsafe. */
function fixDesc(fix: Fix): string {
  return fix.safety === 'unsafe' ? `${fix.title} (unsafe)` : fix.title;
}

/** Every fix and suggestion of a finding, whole: its edits in every file and the files it adds. */
export function describeFixes(finding: Finding): FixDescription[] {
  const safe = chosenFix(finding, 'safe');
  const unsafe = chosenFix(finding, 'unsafe');
  const describe = (f: Fix, kind: FixDescription['kind']): FixDescription => ({
    title: f.title,
    safety: f.safety,
    kind,
    appliedBy: [...(f === safe ? ['--fix'] : []), ...(f === unsafe ? ['--fix --unsafe'] : [])],
    edits: f.edits.map((e) => ({ filePath: e.file, range: [e.start, e.end], text: e.newText })),
    creates: pendingCreations(f).map((c) => ({ filePath: c.file })),
  });
  return [...(finding.fixes ?? []).map((f) => describe(f, 'fix')), ...(finding.suggestions ?? []).map((f) => describe(f, 'suggestion'))];
}

/**
 * A fix as ESLint expresses it: one replacement in this file. Several edits of this file merge
 * into one spanning replacement, as ESLint merges a fixer's edits; a fix that creates files
 * or edits another file cannot be expressed and is left out (--fix still applies it).
 */
export function eslintFix(fix: Fix, file: string, texts: SourceTexts): EslintFix | undefined {
  if (pendingCreations(fix).length || !fix.edits.length || fix.edits.some((e) => e.file !== file)) return undefined;
  const edits = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  if (edits.length === 1) return { range: [edits[0].start, edits[0].end], text: edits[0].newText };
  const source = texts.text(file);
  if (source === undefined) return undefined;
  let text = '';
  for (let i = 0; i < edits.length; i++) {
    if (i > 0 && edits[i].start < edits[i - 1].end) return undefined; // overlapping: not one replacement
    if (i > 0) text += source.slice(edits[i - 1].end, edits[i].start);
    text += edits[i].newText;
  }
  return { range: [edits[0].start, edits[edits.length - 1].end], text };
}
