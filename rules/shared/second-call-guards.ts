// Whether a method is guarded against a second call, for double-close, double-start and
// check-then-act: which methods close, what state a guard can test and set (`this.#closed`,
// `started`), and the wrappers that run a function at most once (`once(fn)`).
import { ts } from 'ts-morph';
import { isFunctionBoundary, thisMemberName, unwrapAwaited } from './ast';

/** Method names whose second call is the usual shutdown double call. */
export const CLOSE_METHOD_NAMES = new Set([
  'close', 'stop', 'end', 'destroy', 'dispose', 'shutdown', 'disconnect', '[Symbol.dispose]', '[Symbol.asyncDispose]',
]);

/** A guard key for what a condition can test and a method can set: `m:closed` or `id:closed`. */
export function stateKey(expr: ts.Expression): string | undefined {
  const e = ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr) ? expr.expression : expr;
  const member = thisMemberName(e);
  if (member !== undefined) return 'm:' + member;
  if (ts.isIdentifier(e)) return 'id:' + e.text;
  return undefined;
}

/** True when the expression reads any of `keys` (`this.closed`, `!this.pool`, `closed === true`). */
export function mentionsAny(expr: ts.Node, keys: ReadonlySet<string>): boolean {
  if (ts.isExpression(expr)) {
    const key = stateKey(expr);
    if (key && keys.has(key)) return true;
  }
  return ts.forEachChild(expr, (c) => (isFunctionBoundary(c) ? undefined : mentionsAny(c, keys) || undefined)) ?? false;
}

/** `once(fn)`, `_.once(fn)`, `lodash.once(this.close.bind(this))`: a wrapper that runs its function at most once. */
export function isOnceWrapper(expr: ts.Expression): boolean {
  const e = unwrapAwaited(expr);
  if (!ts.isCallExpression(e) || e.arguments.length === 0) return false;
  const callee = e.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (name !== 'once' && name !== 'onetime') return false;
  const arg = unwrapAwaited(e.arguments[0]);
  return ts.isFunctionLike(arg) || ts.isPropertyAccessExpression(arg) || ts.isCallExpression(arg) || ts.isIdentifier(arg);
}

/** The function a close-like class element runs: a method, or a property holding a function. */
export function closeFunctionOf(member: ts.ClassElement): ts.FunctionLikeDeclaration | undefined {
  if (ts.isMethodDeclaration(member)) return member;
  if (ts.isPropertyDeclaration(member) && member.initializer) {
    const init = unwrapAwaited(member.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}
