// Code that ends a wait by hand when a bound runs out: a timer's callback, or a listener for an
// AbortSignal's 'abort' (`signal.addEventListener('abort', () => reject(signal.reason))`). A
// promise such a callback settles is one the caller stops waiting on when the bound runs out.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { enclosingFunction, isFunctionBoundary, memberName, unwrap } from '../shared/ast';
import { localFunction } from './timer-destroys';
import { FUNCTION_WRAPPERS } from '../../engine/knowledge';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Timer calls whose first argument is the callback. */
const TIMER_CALLS = new Set(['setTimeout', 'setInterval']);

/**
 * The callback a bound runs, when `call` registers one: `setTimeout(cb, ms)`,
 * `signal.addEventListener('abort', cb)`. Undefined for any other call.
 */
export function boundCallback(call: ts.CallExpression): ts.Expression | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee) && TIMER_CALLS.has(callee.text)) return call.arguments[0];
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'addEventListener' && isAbortEvent(call.arguments[0])) return call.arguments[1];
  return undefined;
}

/** `signal.onabort = cb`: the callback, for an assignment that sets one. */
export function onAbortAssigned(n: ts.Node): ts.Expression | undefined {
  return ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) &&
    n.left.name.text === 'onabort' ? n.right : undefined;
}

/**
 * A promise an AbortSignal settles, written in place: `once(signal, 'abort')`,
 * `aborted(signal, resource)` (node:util), or a registration of an 'abort' listener anywhere in
 * the expression (`new Promise((_, reject) => signal.addEventListener('abort', …))`).
 */
export function mentionsAbort(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n)) {
      const callee = unwrap(n.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if ((name === 'once' && isAbortEvent(n.arguments[1])) || (name === 'aborted' && n.arguments.length === 2) ||
        (name === 'addEventListener' && isAbortEvent(n.arguments[0]))) {
        found = true;
        return SKIP;
      }
    }
    if (onAbortAssigned(n)) {
      found = true;
      return SKIP;
    }
  };
  walkTree(node, visit);
  return found;
}

/**
 * In `scope`, a timer or an 'abort' listener runs one of `settlers`: it is the callback itself
 * (`setTimeout(reject, ms)`), or the callback (written in place or a local function) calls it
 * (`const onAbort = () => { reject(signal.reason) }`).
 */
export function settledByBound(scope: ts.Node, settlers: readonly string[]): boolean {
  if (!settlers.length) return false;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    const cb = ts.isCallExpression(n) ? boundCallback(n) : onAbortAssigned(n);
    if (cb && runs(cb, settlers)) {
      found = true;
      return SKIP;
    }
  };
  walkTree(scope, visit);
  return found;
}

/**
 * The callback is one of `names`, or its body calls one (`reject(err)`, `deferred.reject(err)`),
 * directly or through a local function it calls (`() => finishOnce(err)` where `finish` does `req.abort()`).
 */
export function runs(cb: ts.Expression, names: readonly string[]): boolean {
  const e = unwrap(cb);
  if (names.includes(e.getText())) return true;
  const fn = ts.isArrowFunction(e) || ts.isFunctionExpression(e) ? e : ts.isIdentifier(e) ? localFunctionNamed(e) : undefined;
  return !!fn?.body && (callsAny(fn.body, names) || callsLocalThatRuns(fn.body, names));
}

/** The body calls a function of the file (by name, or wrapped: `const finishOnce = Hoek.once(finish)`) whose own body calls one of `names`. */
function callsLocalThatRuns(body: ts.Node, names: readonly string[]): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    const callee = ts.isCallExpression(n) ? unwrap(n.expression) : undefined;
    const fn = callee && ts.isIdentifier(callee) ? localFunctionNamed(callee) : undefined;
    if (fn?.body && fn.body !== body && callsAny(fn.body, names)) {
      found = true;
      return SKIP;
    }
    if (n !== body && isFunctionBoundary(n)) return SKIP;
  };
  walkTree(body, visit);
  return found;
}

/** The local function a name holds, also through a wrapper that runs it (`once(fn)`, `memoize(fn)`: FUNCTION_WRAPPERS). */
function localFunctionNamed(id: ts.Identifier, depth = 0): ts.FunctionLikeDeclaration | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl) return undefined;
  const init = ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
  if (init && ts.isCallExpression(init) && FUNCTION_WRAPPERS.has(calledName(init)) && init.arguments.length === 1) {
    const wrapped = unwrap(init.arguments[0]);
    if (ts.isArrowFunction(wrapped) || ts.isFunctionExpression(wrapped)) return wrapped;
    return ts.isIdentifier(wrapped) && depth < 2 ? localFunctionNamed(wrapped, depth + 1) : undefined;
  }
  return localFunction(decl);
}

function calledName(call: ts.CallExpression): string {
  const callee = unwrap(call.expression);
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
}

/** The body calls one of `names` (not in a nested function, which may never run). */
export function callsAny(body: ts.Node, names: readonly string[]): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && names.includes(unwrap(n.expression).getText())) {
      found = true;
      return SKIP;
    }
    if (n !== body && isFunctionBoundary(n)) return SKIP;
  };
  walkTree(body, visit);
  return found;
}

function isAbortEvent(arg: ts.Expression | undefined): boolean {
  return !!arg && ts.isStringLiteralLike(arg) && arg.text === 'abort';
}

const ENDING_METHODS = ['destroy', 'end', 'abort', 'resetAndDestroy'];
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);

/**
 * In the function around the call, a timer or an 'abort' listener ends what the call made
 * (`signal.addEventListener('abort', () => socket.destroy())`), or settles the promise that the
 * call's own outcome settles (`socket.once('secureConnect', () => resolve(socket))` beside
 * `signal.addEventListener('abort', () => reject(signal.reason))`): whoever waits on the call
 * stops waiting when the bound runs out.
 */
export function wiredToBound(node: ts.Node, holders: readonly string[]): boolean {
  const scope = enclosingFunction(node);
  if (!scope || !holders.length) return false;
  if (settledByBound(scope, holders.flatMap((h) => ENDING_METHODS.map((m) => `${h}.${m}`)))) return true;
  return settlerGroups(scope).some((settlers) => outcomeSettles(scope, holders, settlers) && settledByBound(scope, settlers));
}

/**
 * The promises made in `scope`, each as the names that settle it: the executor's own
 * `(resolve, reject)` when `scope` is one, and deferreds destructured in it
 * (`const { promise, resolve, reject } = withResolvers()`).
 */
function settlerGroups(scope: ts.SignatureDeclaration): string[][] {
  const groups: string[][] = [];
  if (ts.isNewExpression(scope.parent) && ts.isIdentifier(scope.parent.expression) && scope.parent.expression.text === 'Promise') {
    groups.push(scope.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));
  }
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isObjectBindingPattern(n)) {
      const settlers = n.elements.filter((el) => SETTLER_KEYS.includes(bindingKey(el) ?? '') && ts.isIdentifier(el.name))
        .map((el) => (el.name as ts.Identifier).text);
      if (settlers.length) groups.push(settlers);
    }
    if (n !== scope && isFunctionBoundary(n)) return SKIP;
  };
  walkTree(scope, visit);
  return groups;
}

const SETTLER_KEYS = ['resolve', 'reject'];

/**
 * A listener on what the call made runs one of `settlers`: `socket.once('connect', resolve)`, or
 * an event-handler property (`ws.onopen = (e) => resolve(…)`, the WHATWG style ws also offers).
 */
export function outcomeSettles(scope: ts.Node, holders: readonly string[], settlers: readonly string[]): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (handlerPropertySettles(n, holders, settlers)) {
      found = true;
      return SKIP;
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && LISTENER_METHODS.has(n.expression.name.text) &&
      holders.includes(unwrap(n.expression.expression).getText()) && n.arguments.length >= 2 && runs(n.arguments[1], settlers)) {
      found = true;
      return SKIP;
    }
  };
  walkTree(scope, visit);
  return found;
}

/** `ws.onopen = (e) => { …resolve(…) }` on one of `holders`. */
function handlerPropertySettles(n: ts.Node, holders: readonly string[], settlers: readonly string[]): boolean {
  if (!ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const left = unwrap(n.left);
  return ts.isPropertyAccessExpression(left) && /^on[a-z]+$/.test(left.name.text) && holders.includes(unwrap(left.expression).getText()) && runs(n.right, settlers);
}

/** The property a destructured name reads: `promise` in `{ promise: signalAborted }`. */
export function bindingKey(el: ts.BindingElement): string | undefined {
  if (el.propertyName) return memberName(el.propertyName);
  return ts.isIdentifier(el.name) ? el.name.text : undefined;
}
