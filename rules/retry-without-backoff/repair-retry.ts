// A retry after repairing what failed: the failure handler goes round again only for one kind of
// error it names (`e.code === 'USER_SESSION_INVALID'`, `err.status === 401`, `e instanceof
// TokenExpiredError`, `isAuthError(e)`), and only after an awaited step that mends it (`await
// this.login(true)`, `await this.refreshToken()`), outside any `try`, so a repair that fails ends
// the retry. Every other failure — the peer down, a timeout — leaves. That is refresh-and-retry:
// each pass costs the repair's round trip, and it only runs while the peer answers "your session
// expired". A test that is also true for a network failure (`e.code === 'ECONNRESET'`, `status
// === 503`, `isRetryable(e)`), a negated one (`e.code !== 'X'`), or none at all keeps the retry
// a retry.
import { ts } from 'ts-morph';
import { skipOuter } from '../shared/ast';
import { delayOf, RETRY_WRAPPERS } from './retry-delays';
import { repairTurnsGuardOn } from './flipped-guard';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/**
 * Error codes, statuses, names and words of a failure that passes with time — the network, a
 * timeout, throttling, an overloaded or unavailable peer — and predicates that may be true for one
 * (`isRetryable`, `isTransient`). A test naming one of these is a test for "the peer is down".
 */
const TRANSIENT = new RegExp([
  /^-?E(CONN[A-Z]*|TIMEDOUT|PIPE|HOSTUNREACH|HOSTDOWN|NETUNREACH|NETDOWN|NETRESET|AI_AGAIN|NOTFOUND|SOCKETTIMEDOUT|BUSY|AGAIN|NOBUFS|MFILE)$/.source,
  /^(408|425|429|5\d\d|-\d+)$/.source,
  /time[d_ -]?out|network|unavailable|throttl|rate[_ -]?limit|too[_ -]?many|overload|busy|socket|connect|hang[_ -]?up|refused|unreachable|offline|abort|reset|closed|fetch[_ -]?failed/.source,
  /retr[yi]|transient|temporar|recoverable|server[_ -]?error|internal/.source,
].join('|'), 'i');

/** What a failure handler is: the `catch` block (its clause names the error) or a `.catch` callback. */
export interface FailureHandler {
  /** The handler's code: a `catch` block, or the callback's body. */
  body: ts.Node;
  /** The caught error's name (`e` of `catch (e)`, or the callback's first parameter). */
  error: string | undefined;
}

/** The handler of a `catch` clause. */
export function catchHandler(clause: ts.CatchClause): FailureHandler {
  const v = clause.variableDeclaration;
  return { body: clause.block, error: v && ts.isIdentifier(v.name) ? v.name.text : undefined };
}

/** The handler of a `.catch((err) => …)` callback. */
export function callbackHandler(fn: ts.ArrowFunction | ts.FunctionExpression): FailureHandler {
  const p = fn.parameters[0];
  return { body: fn.body, error: p && ts.isIdentifier(p.name) ? p.name.text : undefined };
}

/**
 * The handler reaches `reentry` (the call again; `undefined` for a loop's catch, which goes round
 * by falling off its end) only past a test that names one non-transient kind of error, and after
 * an awaited repair that can fail: refresh-and-retry, not a retry of any failure.
 * `attempt` is the call that failed: awaiting it again is no repair.
 */
export function retriesAfterRepair(handler: FailureHandler, reentry: ts.Node | undefined, attempt: ts.CallExpression): boolean {
  // `if (keystore.fresh()) throw err; await keystore.refresh();`: the repair turns on the guard that ends the next failure.
  if (repairTurnsGuardOn(handler.body, reentry)) return true;
  if (!handler.error) return false;
  const errorNames = errorLocals(handler);
  const region = gatedRegion(handler.body, reentry, errorNames);
  if (!region) return false;
  const before = reentry ? reentry.getStart() : handler.body.end;
  return awaitsIn(region.root).some((a) => a.getStart() >= region.from && a.end <= before && isRepair(a, handler.body, attempt));
}

/** The error's name and the handler's locals read from it (`const code = e.response?.data?.code`). */
function errorLocals(handler: FailureHandler): Set<string> {
  const names = new Set([handler.error!]);
  const visit = (n: ts.Node): WalkAnswer => {
    if (n !== handler.body && ts.isFunctionLike(n)) return SKIP;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && readsAny(n.initializer, names)) names.add(n.name.text);
  };
  walkTree(handler.body, visit);
  return names;
}

/**
 * Where the handler's code runs only for the error kind it names: the `then` branch (or `case`)
 * that holds `reentry`, or — for a guard `if (e.code !== 'X') throw e` among a block's
 * statements — the rest of that block after the guard. `from` is where that region starts.
 */
function gatedRegion(body: ts.Node, reentry: ts.Node | undefined, errors: Set<string>): { root: ts.Node; from: number } | undefined {
  // A loop's catch goes round from its end: only guards among its own statements gate that.
  if (!reentry) {
    const guarded = ts.isBlock(body) ? guardedRest(body, body.end, errors) : undefined;
    // A `continue` before the guard goes round without passing it.
    return guarded && !continuesBefore(body, guarded.from) ? guarded : undefined;
  }
  for (let n: ts.Node = reentry; n !== body && n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && p.thenStatement === n && namesErrorKind(p.expression, errors)) return { root: p.thenStatement, from: p.thenStatement.getStart() };
    if (ts.isCaseClause(p) && readsAny(p.parent.parent.expression, errors) && isLabel(p.expression, errors) && !namesTransient(p.expression, errors)) {
      return { root: p, from: p.getStart() };
    }
    if (ts.isBlock(p)) {
      const guarded = guardedRest(p, n.getStart(), errors);
      if (guarded) return guarded;
    }
  }
  return undefined;
}

/** `if (e.code !== 'X') throw e;` among `block`'s statements before `upTo`: the statements after it run only for that kind. */
function guardedRest(block: ts.Block, upTo: number, errors: Set<string>): { root: ts.Node; from: number } | undefined {
  for (const s of block.statements) {
    if (s.getStart() >= upTo) break;
    if (ts.isIfStatement(s) && !s.elseStatement && leaves(s.thenStatement) && excludesOtherKinds(s.expression, errors)) return { root: block, from: s.end };
  }
  return undefined;
}

function continuesBefore(body: ts.Node, upTo: number): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || ts.isFunctionLike(n) || ts.isClassLike(n) || ts.isIterationStatement(n, false)) return SKIP;
    if (ts.isContinueStatement(n) && n.getStart() < upTo) found = true;
  };
  walkTree(body, visit);
  return found;
}

function leaves(s: ts.Statement): boolean {
  const first = ts.isBlock(s) ? s.statements[s.statements.length - 1] : s;
  return first !== undefined && (ts.isThrowStatement(first) || ts.isReturnStatement(first) || ts.isBreakStatement(first));
}

/** True only for the kinds of error the condition names, none of them transient. */
function namesErrorKind(cond: ts.Expression, errors: Set<string>): boolean {
  return identifiesKind(cond, errors) && !namesTransient(cond, errors);
}

function identifiesKind(cond: ts.Expression, errors: Set<string>): boolean {
  const e = skipOuter(cond, RETRY_WRAPPERS);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken) return identifiesKind(e.left, errors) && identifiesKind(e.right, errors);
    // Another condition beside it only narrows: `e.code === 'X' && !this.retried`.
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return identifiesKind(e.left, errors) || identifiesKind(e.right, errors);
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) {
      return (readsAny(e.left, errors) && isLabel(e.right, errors)) || (readsAny(e.right, errors) && isLabel(e.left, errors));
    }
    if (op === ts.SyntaxKind.InstanceOfKeyword) return readsAny(e.left, errors);
    return false;
  }
  // `e.message.includes('session expired')`, `/expired/.test(e.message)`, `isAuthError(e)`, `err.hasErrorLabel('X')`.
  if (ts.isCallExpression(e) && readsAny(e, errors)) {
    const callee = skipOuter(e.expression, RETRY_WRAPPERS);
    if (ts.isPropertyAccessExpression(callee) && ts.isRegularExpressionLiteral(skipOuter(callee.expression, RETRY_WRAPPERS))) return true;
    const labels = e.arguments.filter((a) => !readsAny(a, errors));
    if (labels.length) return labels.every((a) => isLabel(a, errors));
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    return /^(is|has)[A-Z]/.test(name);
  }
  return false;
}

/** False for the kinds of error the condition names, true for all others: `e.code !== 'X'`, `!isAuthError(e)`. */
function excludesOtherKinds(cond: ts.Expression, errors: Set<string>): boolean {
  const e = skipOuter(cond, RETRY_WRAPPERS);
  if (namesTransient(e, errors)) return false;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return identifiesKind(e.operand, errors);
  if (!ts.isBinaryExpression(e)) return false;
  const op = e.operatorToken.kind;
  // Leaves unless this kind (`e.code !== 'X' || this.retried`).
  if (op === ts.SyntaxKind.BarBarToken) return excludesOtherKinds(e.left, errors) || excludesOtherKinds(e.right, errors);
  // Leaves unless one of these kinds (`e.code !== 'A' && e.code !== 'B'`).
  if (op === ts.SyntaxKind.AmpersandAmpersandToken) return excludesOtherKinds(e.left, errors) && excludesOtherKinds(e.right, errors);
  if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) {
    return (readsAny(e.left, errors) && isLabel(e.right, errors)) || (readsAny(e.right, errors) && isLabel(e.left, errors));
  }
  return false;
}

/** A value an error is told apart by: a literal, or a name that is not the error (`ErrorCode.SessionExpired`, `SESSION_INVALID`). */
function isLabel(e: ts.Expression | undefined, errors: Set<string>): boolean {
  if (!e) return false;
  const v = skipOuter(e, RETRY_WRAPPERS);
  if (ts.isStringLiteralLike(v) || ts.isNumericLiteral(v) || ts.isRegularExpressionLiteral(v)) return true;
  return (ts.isIdentifier(v) || ts.isPropertyAccessExpression(v)) && !readsAny(v, errors) && v.getText() !== 'undefined';
}

/** The condition names a transient failure: a code, status, class or predicate matching TRANSIENT. */
function namesTransient(cond: ts.Node, errors: Set<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return SKIP;
    if (ts.isStringLiteralLike(n) || ts.isNumericLiteral(n) || ts.isRegularExpressionLiteral(n) || (ts.isIdentifier(n) && !errors.has(n.text))) {
      if (TRANSIENT.test(n.text)) found = true;
    } else if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(n.operand)) {
      // A negative errno (`-104`) is a system error: a socket's.
      found = true;
    }
  };
  walkTree(cond, visit);
  return found;
}

/** An awaited call that mends what failed: not a wait, not the failed call again, not inside a `try` or ending in `.catch(…)` (a repair whose failure is swallowed lets the retry spin). */
function isRepair(a: ts.AwaitExpression, body: ts.Node, attempt: ts.CallExpression): boolean {
  const call = skipOuter(a.expression, RETRY_WRAPPERS);
  if (!ts.isCallExpression(call)) return false;
  if (delayOf(a.expression, { varying: new Set(), declared: new Map() })) return false;
  const callee = skipOuter(call.expression, RETRY_WRAPPERS);
  if (callee.getText() === skipOuter(attempt.expression, RETRY_WRAPPERS).getText()) return false;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'catch') return false;
  for (let n: ts.Node = a; n !== body && n.parent; n = n.parent) if (ts.isTryStatement(n.parent) && n.parent.tryBlock === n) return false;
  return true;
}

function awaitsIn(root: ts.Node): ts.AwaitExpression[] {
  const out: ts.AwaitExpression[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (n !== root && (ts.isFunctionLike(n) || ts.isClassLike(n))) return SKIP;
    if (ts.isAwaitExpression(n)) out.push(n);
  };
  walkTree(root, visit);
  return out;
}

function readsAny(root: ts.Node, names: Set<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return SKIP;
    if (ts.isIdentifier(n) && names.has(n.text) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) found = true;
  };
  walkTree(root, visit);
  return found;
}
