// `--context`: writes ecosystem/pending.md (git-ignored), every reported finding that has no
// verdict yet with the code around it, so judging one is reading one screen instead of opening
// the package. The entry to edit in verdicts.json is named by its location line.
import * as path from 'node:path';
import type { ReportedFinding } from './lint';
import { findingLabel } from './snapshot';

export const CONTEXT_LINES = 8;

export interface PendingItem {
  finding: ReportedFinding;
  /** The file's text, or undefined when it cannot be read. */
  text: string | undefined;
}

export function renderPending(items: PendingItem[], { generatedBy }: { generatedBy: string }): string {
  const out = [
    '# Findings to judge',
    '',
    `${items.length} finding${items.length === 1 ? '' : 's'} with no verdict, from \`${generatedBy}\`. For each, set \`verdict\` ("true", "false" or "noise") and a one-line \`reason\` on its line in ecosystem/verdicts.json (search for \`"file":"<file>","line":<line>,"column":<column>\`). How to judge: ecosystem/README.md.`,
  ];
  for (const { finding: f, text } of items) {
    out.push('', `## ${findingLabel(f)}`, '', ...f.fullMessage.split('\n').map((l) => `> ${l}`), '');
    out.push(codeExcerpt(text, f.line, f.column, fenceLanguage(f.file)));
  }
  return `${out.join('\n')}\n`;
}

/** ±CONTEXT_LINES lines around `line`, numbered, the finding's line marked and a caret under its column. */
export function codeExcerpt(text: string | undefined, line: number, column: number, language: string): string {
  if (text === undefined) return '_(file not readable)_';
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, line - CONTEXT_LINES);
  const last = Math.min(lines.length, line + CONTEXT_LINES);
  const width = String(last).length;
  const body: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? '>' : ' ';
    body.push(`${marker}${String(n).padStart(width)} | ${lines[n - 1]}`);
    // Tabs kept under tabs, so the caret lands under the column however the tab is shown.
    if (n === line) body.push(`${' '.repeat(width + 1)} | ${lines[n - 1].slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ')}^`);
  }
  // A fence longer than any backtick run in the excerpt, so the code cannot close it.
  const longestRun = Math.max(2, ...(body.join('\n').match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return [`${fence}${language}`, ...body, fence].join('\n');
}

function fenceLanguage(file: string): string {
  const ext = path.extname(file).toLowerCase();
  if (['.ts', '.tsx', '.mts', '.cts'].includes(ext)) return 'ts';
  if (['.js', '.jsx', '.mjs', '.cjs'].includes(ext)) return 'js';
  if (ext === '.json') return 'json';
  if (path.basename(file).toLowerCase().startsWith('dockerfile')) return 'dockerfile';
  return '';
}
