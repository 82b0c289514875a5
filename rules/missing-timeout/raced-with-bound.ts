// A call raced against a bound: one element of `Promise.race([…])` beside a promise that a timer
// or an AbortSignal settles. The caller stops waiting when the bound wins, whatever the call does.
//   await Promise.race([once(parser, 'end'), sleep(5000).then(() => { throw … })])
//   const { promise: signalAborted, reject } = withResolvers();
//   signal.addEventListener('abort', () => reject(signal.reason));
//   await Promise.race([once(parser, 'end'), signalAborted])
import { ts } from 'ts-morph';
import { withoutIndirectCall } from '../../engine/module-symbols';
import { findDeclaration } from '../../engine/scope';
import { enclosingFunction, unwrap } from '../shared/ast';
import { bindingKey, mentionsAbort, settledByBound } from './bound-callbacks';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Calls that wait out a delay: `sleep(ms)`, `wait(ms)`, timers/promises `setTimeout(ms)`, `pTimeout`. */
const DELAY_CALL = /^(sleep|wait|delay|timeout|setTimeout|pTimeout|rejectAfter|timeoutAfter)$/i;

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
