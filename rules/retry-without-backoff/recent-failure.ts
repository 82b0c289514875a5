// A catch that gives up when the previous failure was recent: `if (Date.now() - this.failedAt <
// MIN_WAIT) throw err; this.failedAt = Date.now()`. The catch stamps the time of each failure it
// lets through, so with no wait in between the next failure finds the stamp fresh and throws: at
// most one immediate retry (autobase's `_drainWithInterupt`, check 48), a cap, not a retry storm.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { isConstDeclaration, skipOuter } from '../shared/ast';
import { RETRY_WRAPPERS } from './retry-delays';

/** Shorter than this, a "recent" window might pass between two immediate attempts. */
const MIN_WINDOW_MS = 100;

/** 2 (the attempt and one retry) when the catch throws on a fresh stamp it writes itself, else undefined. */
export function attemptsCappedByRecentFailure(failure: ts.Block, leaves: (s: ts.Statement) => boolean): number | undefined {
  const statements = failure.statements;
  for (const [i, st] of statements.entries()) {
    if (!ts.isIfStatement(st) || st.elseStatement || !leaves(st.thenStatement)) continue;
    const stamp = recentStamp(st.expression);
    if (stamp && statements.slice(i + 1).some((s) => stampsNow(s, stamp))) return 2;
  }
  return undefined;
}

/** `now() - S < W`, `now() - S <= W`, `W > now() - S`, `S + W > now()`, `now() < S + W`: the stamp S's text. */
function recentStamp(cond: ts.Expression): string | undefined {
  const c = skipOuter(cond, RETRY_WRAPPERS);
  if (!ts.isBinaryExpression(c)) return undefined;
  const op = c.operatorToken.kind;
  const less = op === ts.SyntaxKind.LessThanToken || op === ts.SyntaxKind.LessThanEqualsToken;
  const greater = op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.GreaterThanEqualsToken;
  if (!less && !greater) return undefined;
  const [small, large] = less ? [c.left, c.right] : [c.right, c.left];
  // `now() - S` against a window.
  const elapsed = skipOuter(small, RETRY_WRAPPERS);
  if (ts.isBinaryExpression(elapsed) && elapsed.operatorToken.kind === ts.SyntaxKind.MinusToken && isNow(elapsed.left) && longWindow(large)) {
    return stampText(elapsed.right);
  }
  // `now()` against `S + W`.
  const until = skipOuter(large, RETRY_WRAPPERS);
  if (isNow(small) && ts.isBinaryExpression(until) && until.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    if (longWindow(until.right)) return stampText(until.left);
    if (longWindow(until.left)) return stampText(until.right);
  }
  return undefined;
}

/** `S = Date.now()` as a statement of the catch. */
function stampsNow(s: ts.Statement, stamp: string): boolean {
  if (!ts.isExpressionStatement(s)) return false;
  const e = skipOuter(s.expression, RETRY_WRAPPERS);
  return ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && stampText(e.left) === stamp && isNow(e.right);
}

function stampText(e: ts.Expression): string | undefined {
  const x = skipOuter(e, RETRY_WRAPPERS);
  return ts.isIdentifier(x) || ts.isPropertyAccessExpression(x) ? x.getText() : undefined;
}

/** `Date.now()`, `performance.now()`, `new Date().getTime()`. */
function isNow(e: ts.Expression): boolean {
  const x = skipOuter(e, RETRY_WRAPPERS);
  if (!ts.isCallExpression(x) || x.arguments.length) return false;
  const callee = skipOuter(x.expression, RETRY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const owner = skipOuter(callee.expression, RETRY_WRAPPERS);
  if (callee.name.text === 'now') return ts.isIdentifier(owner) && (owner.text === 'Date' || owner.text === 'performance');
  return callee.name.text === 'getTime' && ts.isNewExpression(owner) && ts.isIdentifier(owner.expression) && owner.expression.text === 'Date' && !owner.arguments?.length;
}

/** A window the code fixes at MIN_WINDOW_MS or more: a literal, a `const`, products and sums of them. */
function longWindow(e: ts.Expression): boolean {
  const ms = milliseconds(e, 0);
  return ms !== undefined && ms >= MIN_WINDOW_MS;
}

function milliseconds(e: ts.Expression, depth: number): number | undefined {
  if (depth > 4) return undefined;
  const x = skipOuter(e, RETRY_WRAPPERS);
  if (ts.isNumericLiteral(x)) return Number(x.text.replace(/_/g, ''));
  if (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.AsteriskToken || x.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
    const a = milliseconds(x.left, depth + 1);
    const b = milliseconds(x.right, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    return x.operatorToken.kind === ts.SyntaxKind.AsteriskToken ? a * b : a + b;
  }
  if (ts.isIdentifier(x)) {
    const decl = findDeclaration(x.text, x);
    return decl && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && decl.initializer ? milliseconds(decl.initializer, depth + 1) : undefined;
  }
  return undefined;
}
