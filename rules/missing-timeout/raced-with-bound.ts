// A call raced against a bound: one element of `Promise.race([…])` beside a promise that a timer
// or an AbortSignal settles. The caller stops waiting when the bound wins, whatever the call does.
//   await Promise.race([once(parser, 'end'), sleep(5000).then(() => { throw … })])
//   const { promise: signalAborted, reject } = withResolvers();
//   signal.addEventListener('abort', () => reject(signal.reason));
//   await Promise.race([once(parser, 'end'), signalAborted])
import { ts } from 'ts-morph';
import { withoutIndirectCall } from '../../engine/module-symbols';
import { findDeclaration } from '../../engine/scope';
import { enclosingFunction, isFunctionBoundary, unwrap } from '../shared/ast';
import { bindingKey, mentionsAbort, outcomeSettles, settledByBound } from './bound-callbacks';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Calls that wait out a delay: `sleep(ms)`, `wait(ms)`, timers/promises `setTimeout(ms)`, `pTimeout`, a `createTimeout(ms)` helper. */
const DELAY_CALL = /^(sleep|wait|delay|timeout|setTimeout|createTimeout|pTimeout|rejectAfter|timeoutAfter)$/i;

/** Methods that end a socket or stream for good. */
const ENDING_METHODS = ['destroy', 'end', 'resetAndDestroy'];

/** What a deferred's parts are called (`Promise.withResolvers()`, `p-defer`, hand-written ones). */
const DEFERRED_PROMISE = 'promise';
const DEFERRED_SETTLERS = ['resolve', 'reject'];

/**
 * The call is one element of `Promise.race([…])` beside a timer (`wait(ms).then(() => { throw … })`,
 * `new Promise((_, reject) => setTimeout(reject, ms))`) or a promise an AbortSignal settles, even
 * one added only when a timeout option is set: the caller stops waiting when the bound wins.
 */
export function racedWithBound(node: ts.Expression): boolean {
  let e: ts.Node = node;
  while (ts.isAwaitExpression(e.parent) || ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const list = e.parent;
  const race = list?.parent;
  if (!list || !ts.isArrayLiteralExpression(list) || !race || !ts.isCallExpression(race) || !isPromiseRace(race.expression)) return false;
  // `once(signal, 'abort')` is itself the race's bound, not a wait of its own.
  return mentionsAbort(e) || list.elements.some((el) => el !== e && settlesOnBound(el, 0));
}

/**
 * What the call made (held in `holders`) settles a promise its function awaits in
 * `Promise.race([…])` beside a bound, and the race sits in a `try` whose `finally` (or `catch`)
 * ends it: when the bound wins, the await throws and the socket is destroyed (gamedig's `withTcp`).
 *   socket = net.connect(port, address)
 *   const connected = new Promise((resolve, reject) => { socket.on('ready', resolve) })
 *   try { await Promise.race([connected, createTimeout(ms)]) } finally { socket.destroy() }
 * Without that end, a lost race leaves the socket open, waiting: the connect stays reported.
 */
export function outcomeRacedWithBound(node: ts.Expression, holders: readonly string[]): boolean {
  const scope = enclosingFunction(node);
  if (!scope || !holders.length) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && isPromiseRace(n.expression) && n.arguments.length === 1) {
      const list = unwrap(n.arguments[0]);
      if (ts.isArrayLiteralExpression(list) && list.elements.some((el) => settledByOutcome(el, holders) && list.elements.some((other) => other !== el && settlesOnBound(other, 0))) &&
        endedAfter(n, holders)) {
        found = true;
        return;
      }
    }
    if (n !== scope && isFunctionBoundary(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

/** `new Promise((resolve, reject) => { socket.on('ready', resolve) })`, in place or in the const that holds it. */
function settledByOutcome(el: ts.Expression, holders: readonly string[]): boolean {
  let e = unwrap(el);
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
    e = unwrap(decl.initializer);
  }
  if (!ts.isNewExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'Promise') return false;
  const executor = e.arguments?.[0] && unwrap(e.arguments[0]);
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return false;
  const settlers = executor.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : []));
  return settlers.length > 0 && outcomeSettles(executor.body, holders, settlers);
}

/** The race is in the `try` block of a statement whose `finally` or `catch` ends a holder (`socket?.destroy()`). */
function endedAfter(race: ts.Node, holders: readonly string[]): boolean {
  const endings = holders.flatMap((h) => ENDING_METHODS.map((m) => `${h}.${m}`));
  for (let n: ts.Node = race; n.parent && !isFunctionBoundary(n); n = n.parent) {
    const p = n.parent;
    if (ts.isTryStatement(p) && p.tryBlock === n && [p.finallyBlock, p.catchClause?.block].some((b) => b && ends(b, endings))) return true;
  }
  return false;
}

function ends(block: ts.Block, endings: readonly string[]): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && endings.includes(n.expression.getText().replace(/\?\./g, '.'))) {
      found = true;
      return;
    }
    if (!isFunctionBoundary(n)) ts.forEachChild(n, visit);
  };
  visit(block);
  return found;
}

function isPromiseRace(callee: ts.Expression): boolean {
  const c = unwrap(callee);
  return ts.isPropertyAccessExpression(c) && c.name.text === 'race' && ts.isIdentifier(c.expression) && c.expression.text === 'Promise';
}

/**
 * A delay call or an 'abort' wiring in the element, in what a local it reads was assigned
 * (`waitTimeout = wait(timeout)`), or a deferred's promise whose settler a timer or an 'abort'
 * listener of its scope runs.
 */
function settlesOnBound(node: ts.Node, depth: number): boolean {
  if (mentionsAbort(node)) return true;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && DELAY_CALL.test(calledName(n))) {
      found = true;
      return SKIP;
    }
    const isPropertyName = ts.isPropertyAccessExpression(n.parent) && n.parent.name === n;
    if (depth === 0 && ((ts.isIdentifier(n) && !isPropertyName) || ts.isPropertyAccessExpression(n)) && readsBoundPromise(n)) {
      found = true;
      return SKIP;
    }
  };
  walkTree(node, visit);
  return found;
}

/** `(0, helpers_1.wait)(ms)`: compiled TypeScript calls an imported function this way. */
function calledName(call: ts.CallExpression): string {
  const callee = unwrap(withoutIndirectCall(call.expression));
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
}

/** A local holding a bound's promise: assigned one, or a deferred (`{ promise, reject }`, `d.promise`) a bound settles. */
function readsBoundPromise(n: ts.Identifier | ts.PropertyAccessExpression): boolean {
  if (ts.isPropertyAccessExpression(n)) {
    // `deferred.promise`, with `deferred.reject` run by a timer or an 'abort' listener.
    if (n.name.text !== DEFERRED_PROMISE || !ts.isIdentifier(n.expression)) return false;
    const decl = findDeclaration(n.expression.text, n.expression);
    return !!decl && ts.isVariableDeclaration(decl) &&
      settledByBound(scopeOf(decl), DEFERRED_SETTLERS.map((s) => `${n.expression.getText()}.${s}`));
  }
  const decl = findDeclaration(n.text, n);
  if (!decl) return false;
  if (ts.isVariableDeclaration(decl)) return assignedValues(decl).some((v) => settlesOnBound(v, 1));
  // `const { promise: signalAborted, reject } = withResolvers()`.
  if (ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent) && bindingKey(decl) === DEFERRED_PROMISE) {
    const settlers = decl.parent.elements.filter((el) => DEFERRED_SETTLERS.includes(bindingKey(el) ?? '') && ts.isIdentifier(el.name))
      .map((el) => (el.name as ts.Identifier).text);
    return settledByBound(scopeOf(decl), settlers);
  }
  return false;
}

function scopeOf(decl: ts.Node): ts.Node {
  return enclosingFunction(decl) ?? decl.getSourceFile();
}

/** A local's initializer and every value assigned to it in its scope. */
function assignedValues(decl: ts.VariableDeclaration): ts.Expression[] {
  if (!ts.isIdentifier(decl.name)) return [];
  const name = decl.name.text;
  const out: ts.Expression[] = decl.initializer ? [decl.initializer] : [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === name) out.push(n.right);
  };
  walkTree(scopeOf(decl), visit);
  return out;
}
