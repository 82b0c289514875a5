// The `try { … } finally { release }` fix: wraps the statements that follow an acquisition, up to
// the end of its block, so the release runs on every path. Release statements already in that
// range move into the `finally` (a release left behind would run twice).
import { ts } from 'ts-morph';
import { codeStyle, indentationAt, lineStartOf } from '../../engine/fix-text';
import type { RuleContext, TextEdit } from '../../engine/types';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/**
 * The edit, or undefined when the wrap would change meaning: the acquisition is not a plain
 * statement of a block, nothing follows it, a release sits elsewhere, or a hoisted declaration
 * would move into the `try`.
 */
export function wrapInTryFinally(
  ctx: RuleContext,
  acquisition: ts.Statement,
  releases: readonly ts.Statement[],
  releaseText: string,
): TextEdit | undefined {
  const block = acquisition.parent;
  if (!ts.isBlock(block)) return undefined;
  const statements = block.statements;
  const rest = statements.slice(statements.indexOf(acquisition) + 1);
  const moved = new Set(releases);
  if (releases.some((r) => !rest.includes(r))) return undefined;
  const body = rest.filter((s) => !moved.has(s));
  if (!body.length) return undefined;
  if (body.some((s) => ts.isFunctionDeclaration(s) || (ts.isVariableStatement(s) && !(s.declarationList.flags & ts.NodeFlags.BlockScoped)))) return undefined;

  const sf = ctx.sourceFile;
  const text = ctx.text;
  const style = codeStyle(sf);
  const indent = indentationAt(text, acquisition.getStart(sf));
  const inner = indent + style.indentUnit;
  const start = nextLineStart(text, acquisition.end);
  const end = rest[rest.length - 1].end;
  if (start > rest[0].getStart(sf)) return undefined; // statements share a line: no clean layout

  // Moved releases must stand alone on their lines: those lines go, the rest shift one level in.
  const removed: [number, number][] = [];
  for (const r of releases) {
    const from = lineStartOf(text, r.getStart(sf));
    const to = nextLineStart(text, r.end);
    if (text.slice(from, r.getStart(sf)).trim() !== '' || text.slice(r.end, to).trim() !== '') return undefined;
    removed.push([from, to]);
  }
  const frozen = multilineTemplateSpans(body, sf);
  const shifted: string[] = [];
  for (let lineStart = start; lineStart < end; lineStart = nextLineStart(text, lineStart)) {
    if (removed.some(([f, t]) => lineStart >= f && lineStart < t)) continue;
    const line = text.slice(lineStart, Math.min(end, nextLineStart(text, lineStart))).replace(/\r?\n$/, '');
    const insideTemplate = frozen.some(([f, t]) => lineStart > f && lineStart <= t);
    shifted.push(!line.trim() || insideTemplate ? line : style.indentUnit + line);
  }
  while (shifted.length && !shifted[shifted.length - 1].trim()) shifted.pop();
  const eol = style.eol;
  const replacement = `${indent}try {${eol}${shifted.join(eol)}${eol}${indent}} finally {${eol}${inner}${releaseText}${eol}${indent}}`;
  return ctx.edit({ start, end }, replacement);
}

function nextLineStart(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl + 1;
}

/** Template literals spanning lines: their inner lines are text, not code, and keep their indentation. */
function multilineTemplateSpans(statements: readonly ts.Statement[], sf: ts.SourceFile): [number, number][] {
  const spans: [number, number][] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) {
      const s = n.getStart(sf);
      if (sf.text.slice(s, n.end).includes('\n')) spans.push([s, n.end]);
      return SKIP;
    }
  };
  for (const s of statements) walkTree(s, visit);
  return spans;
}
