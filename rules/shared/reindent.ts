// Moving a stretch of code one level deeper or shallower (into a new `try`, out of a loop) without
// touching the inside of multi-line template literals, whose whitespace is part of the string.
import { ts } from 'ts-morph';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/**
 * `text` is the source between `start` and `end` of `sf`. Every line after the first gets
 * `add` prepended (or `remove` taken off its front, when present), except lines that begin
 * inside a template literal.
 */
export function reindent(sf: ts.SourceFile, start: number, end: number, change: { add?: string; remove?: string }): string {
  const literals = templateRanges(sf, start, end);
  const text = sf.text.slice(start, end);
  let out = '';
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '\n') continue;
    const line = text.slice(lineStart, i);
    const absolute = start + lineStart;
    const inLiteral = literals.some((r) => absolute > r.start && absolute < r.end);
    if (lineStart === 0 || inLiteral || line.trim() === '') out += line;
    else if (change.add !== undefined) out += change.add + line;
    else if (change.remove && line.startsWith(change.remove)) out += line.slice(change.remove.length);
    else out += line.replace(/^[ \t]+/, (ws) => ws.slice(Math.min(ws.length, change.remove?.length ?? 0)));
    if (i < text.length) out += '\n';
    lineStart = i + 1;
  }
  return out;
}

/** Template literals overlapping [start, end): the only tokens whose inner line breaks carry meaning. */
function templateRanges(sf: ts.SourceFile, start: number, end: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (n.end <= start || n.pos >= end) return SKIP;
    if (ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
      out.push({ start: n.getStart(sf), end: n.end });
      return SKIP;
    }
  };
  walkTree(sf, visit);
  return out;
}
