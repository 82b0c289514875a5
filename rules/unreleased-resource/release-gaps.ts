// A checkout released in `finally` can still leak when an `await` runs outside the protection:
// between the checkout and the `try` (`const c = await pool.connect(); await c.query('BEGIN');
// try { … } finally { c.release() }`), or in the `finally` before the release (`finally { await
// c.query('COMMIT'); c.release() }`). If that await rejects, the release never runs.
import { ts } from 'ts-morph';
import { codeStyle } from '../../engine/fix-text';
import type { RuleContext, TextEdit } from '../../engine/types';
import { isFunctionBoundary } from '../shared/ast';
import type { Release } from './resource-uses';

export interface ReleaseGap {
  /** Where the await sits: before the `try`, or in the `finally` ahead of the release. */
  where: 'before-try' | 'in-finally';
  /** The awaited expression that can reject first. */
  awaited: ts.Expression;
  /** The statements between the checkout and the `try` (for the fix), when `where` is `before-try`. */
  gap: ts.Statement[];
  tryStatement: ts.TryStatement;
}

/**
 * The first way an await skips every `finally` release of the checkout made by `made`, or
 * undefined when some release runs whatever rejects.
 */
export function releaseGap(made: ts.Statement, releases: readonly Release[]): ReleaseGap | undefined {
  // A release deferred to a callback may run whatever rejects here: nothing to say.
  if (releases.some((r) => r.deferred)) return undefined;
  const guarded = releases.filter((r) => r.inFinally);
  if (!guarded.length || guarded.length !== releases.length) return undefined;
  let found: ReleaseGap | undefined;
  for (const r of guarded) {
    const t = finallyOwner(r.node);
    if (!t) return undefined;
    const gap = gapBefore(made, t) ?? gapInFinally(t.finallyBlock!, r.statement);
    if (!gap) return undefined; // this release is safe: the checkout goes back
    found ??= { ...gap, tryStatement: t };
  }
  return found;
}

function gapBefore(made: ts.Statement, t: ts.TryStatement): Omit<ReleaseGap, 'tryStatement'> | undefined {
  const block = made.parent;
  if (!ts.isBlock(block) || t.parent !== block) return undefined;
  const statements = block.statements;
  const gap = statements.slice(statements.indexOf(made) + 1, statements.indexOf(t));
  for (const s of gap) {
    const awaited = firstAwait(s);
    if (awaited) return { where: 'before-try', awaited, gap };
  }
  return undefined;
}

function gapInFinally(finallyBlock: ts.Block, release: ts.Statement): Omit<ReleaseGap, 'tryStatement'> | undefined {
  const i = finallyBlock.statements.indexOf(release);
  if (i < 0) return undefined;
  for (const s of finallyBlock.statements.slice(0, i)) {
    // An await in its own try that catches is contained: it cannot skip what follows.
    if (ts.isTryStatement(s) && s.catchClause) continue;
    const awaited = firstAwait(s);
    if (awaited) return { where: 'in-finally', awaited, gap: [] };
  }
  return undefined;
}

function finallyOwner(node: ts.Node): ts.TryStatement | undefined {
  for (let n = node; n.parent && !isFunctionBoundary(n); n = n.parent) {
    if (ts.isTryStatement(n.parent) && n.parent.finallyBlock === n) return n.parent;
  }
  return undefined;
}

function firstAwait(node: ts.Node): ts.Expression | undefined {
  if (isFunctionBoundary(node)) return undefined;
  if (ts.isAwaitExpression(node)) return node.expression;
  return ts.forEachChild(node, firstAwait);
}

/**
 * The fix for an await before the `try`: move the statements between the checkout and the `try`
 * to the start of its block, so the `finally` covers them. Only for a `try` with no `catch`
 * (moving code under a `catch` would change which errors it handles), laid out one statement a line.
 */
export function moveIntoTry(ctx: RuleContext, g: ReleaseGap): TextEdit[] | undefined {
  if (g.where !== 'before-try' || g.tryStatement.catchClause || !g.gap.length) return undefined;
  const sf = ctx.sourceFile;
  const text = ctx.text;
  const first = g.gap[0];
  const from = text.lastIndexOf('\n', first.getStart(sf) - 1) + 1;
  const to = text.lastIndexOf('\n', g.tryStatement.getStart(sf) - 1) + 1;
  // Each gap statement must start its own line, and the `try` too.
  if (text.slice(from, first.getStart(sf)).trim() || text.slice(to, g.tryStatement.getStart(sf)).trim()) return undefined;
  const open = g.tryStatement.tryBlock.getStart(sf) + 1;
  const lineEnd = text.indexOf('\n', open);
  if (lineEnd < 0 || text.slice(open, lineEnd).trim()) return undefined;
  const unit = codeStyle(sf).indentUnit;
  const moved = text.slice(from, to).split('\n').map((line) => (line.trim() ? unit + line : line)).join('\n');
  return [ctx.edit({ start: from, end: to }, ''), ctx.edit({ start: lineEnd + 1, end: lineEnd + 1 }, moved)];
}
