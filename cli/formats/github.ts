// GitHub Actions workflow commands: each problem becomes an annotation on the pull request.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import type { LintMessage, Severity } from '../../engine/types';
import { TOOL_NAME } from '../product';
import { displayPath } from '../paths';
import type { Formatter } from './formatter';

const COMMAND: Record<Severity, string> = { error: 'error', warn: 'warning', info: 'notice' };

export const formatGithub: Formatter = (reports, ctx) => {
  let out = '';
  for (const report of reports) {
    const file = displayPath(ctx.cwd, report.file);
    for (const m of report.messages) out += `${annotation(file, m)}\n`;
  }
  return out;
};

function annotation(file: string, m: LintMessage): string {
  const props: [string, string | number][] = [['file', file], ['line', m.line], ['col', m.column]];
  if (m.endLine !== undefined) props.push(['endLine', m.endLine]);
  if (m.endColumn !== undefined) props.push(['endColumn', m.endColumn]);
  props.push(['title', m.ruleId ?? TOOL_NAME]);
  const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[m.severity]} ${list}::${escapeData(m.message)}`;
}

/** The message part: %, CR and LF are encoded, as the Actions toolkit does. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also encode the separators of the property list, `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
