// Where the rejection of a called method's promise goes: a `.catch` (or `.then(ok, onError)`, or
// `await` in a `try` with a `catch`) handles it; a `return` from a named function or method, an
// `await` in an async named function, or a `.then` callback of a chain, passes it to a caller that
// can; anything else (`this.stop();` as a statement, a listener's arrow that returns it to an
// emitter) drops it. A close method whose second run fails only by rejecting the promise it
// returns hurts only where some call of it drops that rejection.
import { ts } from 'ts-morph';
import { Outer, skipOuter } from '../shared/ast';
import { executorRole } from './second-release';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

export type RejectionFate = 'handled' | 'passed-on' | 'dropped';

const COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);

/** What happens to a rejection of the promise `call` returns. */
export function rejectionFate(call: ts.CallExpression): RejectionFate {
  return traceRejection(call).fate;
}

/**
 * The release's rejection goes only into the promise its close method returns (`disconnect() { return
 * this.redis.quit(); }`, `return Promise.all(chs).then(() => this.redis.quit())`): the caller gets it.
 */
export function rejectsOnlyToCallerOf(call: ts.CallExpression, fn: ts.FunctionLikeDeclaration): boolean {
  const { fate, passedBy } = traceRejection(call);
  return fate === 'passed-on' && passedBy === fn;
}

/** Where a rejection of `call`'s promise ends, and, when passed on, the function whose caller gets it. */
function traceRejection(call: ts.CallExpression): { fate: RejectionFate; passedBy?: ts.FunctionLikeDeclaration } {
  const passedOn = (fn: ts.FunctionLikeDeclaration | undefined) => fn && passesToCaller(fn) ? { fate: 'passed-on' as const, passedBy: fn } : { fate: 'dropped' as const };
  let e: ts.Expression = call;
  for (let depth = 0; depth < 20; depth++) {
    while (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) || ts.isNonNullExpression(e.parent)) e = e.parent;
    const p = e.parent;
    if (ts.isPropertyAccessExpression(p) && p.expression === e && ts.isCallExpression(p.parent) && p.parent.expression === p) {
      const name = p.name.text;
      if (name === 'catch' || (name === 'then' && p.parent.arguments.length > 1)) return { fate: 'handled' };
      if (name === 'then' || name === 'finally') {
        e = p.parent;
        continue;
      }
      return { fate: 'dropped' };
    }
    if (ts.isAwaitExpression(p)) {
      for (let n: ts.Node = p; n.parent && !ts.isFunctionLike(n); n = n.parent) {
        if (ts.isTryStatement(n.parent) && n.parent.tryBlock === n && n.parent.catchClause) return { fate: 'handled' };
      }
      return passedOn(enclosingFunction(p));
    }
    // `Promise.all([a.stop(), b.stop()])`, `Promise.all(list.map((x) => x.stop()))`: the combined promise.
    if (ts.isArrayLiteralExpression(p) && ts.isCallExpression(p.parent) && isCombinator(p.parent, p)) {
      e = p.parent;
      continue;
    }
    const returned = ts.isReturnStatement(p) ? enclosingFunction(p) : ts.isArrowFunction(p) && p.body === e ? p : undefined;
    if (!returned) return { fate: 'dropped' };
    const fp = skipUp(returned);
    const use = fp.parent;
    if (ts.isCallExpression(use) && use.arguments.includes(fp as ts.Expression)) {
      const callee = skipOuter(use.expression, Outer.Parens);
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (name === 'then' || name === 'finally') {
        e = use;
        continue;
      }
      if (name === 'catch') return { fate: 'handled' };
      if (name === 'map' && ts.isCallExpression(use.parent) && isCombinator(use.parent, use)) {
        e = use.parent;
        continue;
      }
      return { fate: 'dropped' };
    }
    return passedOn(returned);
  }
  return { fate: 'dropped' };
}

/** `Promise.all(x)` (also `this.broker.Promise.all`, `Bluebird.all`) with `arg` as its argument. */
function isCombinator(call: ts.CallExpression, arg: ts.Node): boolean {
  const callee = skipOuter(call.expression, Outer.Parens);
  return call.arguments[0] === arg && ts.isPropertyAccessExpression(callee) && COMBINATORS.has(callee.name.text);
}

function skipUp(n: ts.Node): ts.Node {
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  return n;
}

function enclosingFunction(n: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return p as ts.FunctionLikeDeclaration;
  return undefined;
}

/** A function whose callers get what it returns: a declaration, a method, one assigned to a name; not a callback handed to some API. */
function passesToCaller(fn: ts.FunctionLikeDeclaration): boolean {
  if (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isGetAccessor(fn)) return true;
  const use = skipUp(fn).parent;
  return ts.isVariableDeclaration(use) || ts.isPropertyAssignment(use) ||
    (ts.isBinaryExpression(use) && use.operatorToken.kind === ts.SyntaxKind.EqualsToken && use.right === skipUp(fn));
}

/**
 * The release's error only rejects the promise its close method returns:
 * `stop() { return new Promise((resolve, reject) => this.server.close((err) => { if (err) reject(err); resolve(); })) }`.
 */
export function failsOnlyByReturnedRejection(call: ts.CallExpression, fn: ts.FunctionLikeDeclaration): boolean {
  const cb = call.arguments.length ? skipOuter(call.arguments[call.arguments.length - 1], Outer.Parens) : undefined;
  if (!cb) return false;
  let executor: ts.Node | undefined;
  if (ts.isIdentifier(cb)) {
    if (executorRole(cb) !== 'reject') return false;
    executor = cb;
  } else if (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) {
    const p = cb.parameters[0];
    if (!p || !ts.isIdentifier(p.name)) return false;
    const name = p.name.text;
    let onlyReject = true;
    let any = false;
    const visit = (n: ts.Node): WalkAnswer => {
      if (ts.isIdentifier(n) && n.text === name && n !== p.name) {
        const parent = n.parent;
        if (ts.isCallExpression(parent) && parent.arguments.includes(n)) {
          any = true;
          const callee = skipOuter(parent.expression, Outer.Parens);
          if (!ts.isIdentifier(callee) || executorRole(callee) !== 'reject') onlyReject = false;
          else executor = callee;
        } else if (ts.isThrowStatement(parent)) onlyReject = false;
      }
    };
    if (cb.body) walkTree(cb.body, visit);
    if (!any || !onlyReject || !executor) return false;
  } else return false;
  // The `new Promise(…)` whose reject that is, returned by the close method itself.
  let n: ts.Node = executor;
  while (n && !(ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Promise')) n = n.parent;
  if (!n) return false;
  const up = skipUp(n);
  const p = up.parent;
  if (ts.isReturnStatement(p)) return enclosingFunction(p) === fn;
  return ts.isArrowFunction(p) && p.body === up && p === fn;
}
