// How long a timer waits at most, when the code fixes it: `250`, `Math.random() * 200 + 50`,
// `POLL_MS` with `const POLL_MS = 100`. A poller that schedules itself again within a moment of a
// failure (`setTimeout(listen, Math.random() * 200 + 50)` from its `.catch`) paces nothing: the
// jitter spreads instances apart, but each one still sends several requests a second while the
// peer is down.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { skipOuter } from '../shared/ast';
import { RETRY_WRAPPERS } from './retry-delays';

/**
 * Below this, a poller's wait after a failure is "again at once" for a peer that is down: a few
 * requests a second, forever. A poller that waits a second or more is paced.
 */
export const SHORT_WAIT_MS = 1000;

interface Range {
  lo: number;
  hi: number;
}

/** How many `const` hops are followed (`POLL_MS = BASE_MS`). */
const MAX_DEPTH = 4;

/** The longest wait `ms` can be, when it is built from numbers, `Math.random()` and `const`s of the file; undefined otherwise. */
export function longestWaitMs(ms: ts.Expression | undefined): number | undefined {
  if (!ms) return 0;
  return rangeOf(ms, 0)?.hi;
}

/** A fixed wait (jitter at most) shorter than SHORT_WAIT_MS: the `ms` of `setTimeout(self, ms)` after a failure. */
export function isShortFixedWait(ms: ts.Expression | undefined): boolean {
  const hi = longestWaitMs(ms);
  return hi !== undefined && hi < SHORT_WAIT_MS;
}

function rangeOf(expr: ts.Expression, depth: number): Range | undefined {
  const e = skipOuter(expr, RETRY_WRAPPERS);
  if (ts.isNumericLiteral(e)) return point(Number(e.text));
  if (ts.isIdentifier(e)) return depth < MAX_DEPTH ? constRange(e, depth) : undefined;
  if (ts.isBinaryExpression(e)) {
    const a = rangeOf(e.left, depth);
    const b = rangeOf(e.right, depth);
    if (!a || !b) return undefined;
    switch (e.operatorToken.kind) {
      case ts.SyntaxKind.PlusToken: return { lo: a.lo + b.lo, hi: a.hi + b.hi };
      case ts.SyntaxKind.MinusToken: return { lo: a.lo - b.hi, hi: a.hi - b.lo };
      case ts.SyntaxKind.AsteriskToken: return span([a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]);
      case ts.SyntaxKind.SlashToken: return b.lo > 0 ? span([a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi]) : undefined;
      default: return undefined;
    }
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression) && e.expression.expression.text === 'Math') {
    const fn = e.expression.name.text;
    if (fn === 'random' && e.arguments.length === 0) return { lo: 0, hi: 1 };
    const args = e.arguments.map((a) => rangeOf(a, depth));
    if (!args.length || args.some((a) => a === undefined)) return undefined;
    const rs = args as Range[];
    if (fn === 'min') return { lo: Math.min(...rs.map((r) => r.lo)), hi: Math.min(...rs.map((r) => r.hi)) };
    if (fn === 'max') return { lo: Math.max(...rs.map((r) => r.lo)), hi: Math.max(...rs.map((r) => r.hi)) };
    if ((fn === 'floor' || fn === 'ceil' || fn === 'round' || fn === 'trunc') && rs.length === 1) return { lo: Math.floor(rs[0].lo), hi: Math.ceil(rs[0].hi) };
  }
  return undefined;
}

/** `POLL_MS` declared `const POLL_MS = 100`: the range of its initializer. */
function constRange(id: ts.Identifier, depth: number): Range | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  const list = decl.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  return rangeOf(decl.initializer, depth + 1);
}

function point(n: number): Range {
  return { lo: n, hi: n };
}

function span(xs: number[]): Range {
  return { lo: Math.min(...xs), hi: Math.max(...xs) };
}
