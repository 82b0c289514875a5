// Suppression comments: `// stability-lint-disable-next-line <id> -- reason`,
// `// stability-lint-disable-line <id>`, file-level `/* stability-lint-disable <id> */`.
// No id means every rule. Dockerfiles and Procfiles use `#` comments.
import type { Directive, FileKind, Finding } from './types';
import { lineColumn } from './text';

const MARKER = 'stability-lint-disable';
const SCRIPT_DIRECTIVE = /(\/\/|\/\*)[ \t]*stability-lint-(disable-next-line|disable-line|disable)(?![\w-])([^\n]*)/g;
const HASH_DIRECTIVE = /(#)[ \t]*stability-lint-(disable-next-line|disable-line|disable)(?![\w-])([^\n]*)/g;

export function parseDirectives(text: string, kind: FileKind, lineStarts: readonly number[]): Directive[] {
  if (!text.includes(MARKER)) return [];
  const pattern = kind === 'dockerfile' || kind === 'procfile' ? HASH_DIRECTIVE : kind === 'script' ? SCRIPT_DIRECTIVE : undefined;
  if (!pattern) return [];
  const out: Directive[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const block = m[1] === '/*';
    let rest = m[3];
    if (block) rest = rest.split('*/')[0];
    const ids = rest.split('--')[0].split(/[\s,]+/).filter(Boolean);
    const kindName = m[2] as 'disable-next-line' | 'disable-line' | 'disable';
    const { line } = lineColumn(lineStarts, m.index);
    const close = block ? text.indexOf('*/', m.index) : -1;
    const end = close >= 0 ? close + 2 : m.index + m[0].length;
    out.push({
      kind: kindName,
      ruleIds: ids,
      line: kindName === 'disable-next-line' ? line + 1 : kindName === 'disable-line' ? line : 0,
      range: { start: m.index, end },
    });
  }
  return out;
}

/** Splits findings into kept and suppressed, and returns the directives that suppressed nothing. */
export function applyDirectives(
  findings: Finding[],
  directives: readonly Directive[],
  lineStarts: readonly number[],
): { kept: Finding[]; unused: Directive[] } {
  if (!directives.length) return { kept: findings, unused: [] };
  const used = new Set<Directive>();
  const kept = findings.filter((f) => {
    const { line } = lineColumn(lineStarts, f.range.start);
    const hit = directives.find((d) => (d.line === 0 || d.line === line) && (d.ruleIds.length === 0 || d.ruleIds.includes(f.ruleId)));
    if (hit) used.add(hit);
    return !hit;
  });
  return { kept, unused: directives.filter((d) => !used.has(d)) };
}
