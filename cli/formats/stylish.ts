// The default, human report: problems grouped by file, columns aligned per file, a summary.
// Modelled on ESLint's stylish, with paths relative to the working directory.
import type { LintMessage, Severity } from '../../engine/types';
import { palette, type Palette } from '../colors';
import { addCounts, countMessages, type MessageCounts } from '../message-counts';
import { displayPath } from '../paths';
import type { Formatter } from './formatter';

const LABEL: Record<Severity, string> = { error: 'error', warn: 'warning', info: 'info' };

export const formatStylish: Formatter = (reports, ctx) => {
  const p = palette(ctx.color);
  let total = countMessages([]);
  let out = '';
  for (const report of reports) {
    if (!report.messages.length) continue;
    total = addCounts(total, countMessages(report.messages));
    out += `\n${p.underline(displayPath(ctx.cwd, report.file))}\n${rows(report.messages, p)}`;
  }
  if (!out) return '';
  return `${out}\n${summary(total, p)}`;
};

function rows(messages: readonly LintMessage[], p: Palette): string {
  const lineWidth = Math.max(...messages.map((m) => String(m.line).length));
  const columnWidth = Math.max(...messages.map((m) => String(m.column).length));
  const labelWidth = Math.max(...messages.map((m) => LABEL[m.severity].length));
  const messageWidth = Math.max(...messages.map((m) => headline(m.message).length));
  return messages
    .map((m) => {
      // Line numbers right-aligned and columns left-aligned keep the colons in one column.
      const position = `${String(m.line).padStart(lineWidth)}:${String(m.column).padEnd(columnWidth)}`;
      const label = colorBySeverity(m.severity, LABEL[m.severity].padEnd(labelWidth), p);
      // The listing shows what is wrong and what to do; the why follows in JSON, SARIF and the editor's hover.
      const text = m.ruleId ? headline(m.message).padEnd(messageWidth) : m.message;
      const rule = m.ruleId ? `  ${p.dim(m.ruleId)}` : '';
      return `  ${p.dim(position)}  ${label}  ${text}${rule}`.trimEnd() + '\n';
    })
    .join('');
}

/** A message's first line: one short sentence saying what is wrong and what to do. */
function headline(message: string): string {
  const nl = message.indexOf('\n');
  return nl === -1 ? message : message.slice(0, nl);
}

function summary(c: MessageCounts, p: Palette): string {
  const problems = c.errors + c.warnings + c.infos;
  const severity: Severity = c.errors ? 'error' : c.warnings ? 'warn' : 'info';
  const headline = `✖ ${plural(problems, 'problem')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'info')})`;
  let out = `${p.bold(colorBySeverity(severity, headline, p))}\n`;
  if (c.fixableErrors || c.fixableWarnings) {
    const fixable = `  ${plural(c.fixableErrors, 'error')} and ${plural(c.fixableWarnings, 'warning')} potentially fixable with the --fix option.`;
    out += `${p.bold(colorBySeverity(severity, fixable, p))}\n`;
  }
  // Unsafe fixes add a bound that can stop legitimate work: counted apart, never as --fix's.
  if (c.unsafeFixable) {
    out += `${p.bold(colorBySeverity(severity, `  ${plural(c.unsafeFixable, 'more problem')} fixable with --fix --unsafe (adds timeouts, limits or eviction: review the diff).`, p))}\n`;
  }
  return out;
}

function colorBySeverity(severity: Severity, s: string, p: Palette): string {
  return severity === 'error' ? p.red(s) : severity === 'warn' ? p.yellow(s) : p.blue(s);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
