// A listener that takes itself off right after the work it waits to do:
// `this.on(ClientEvent.Sync, this.startMatrixRTC)` with
// `startMatrixRTC = () => { if (synced) { this.matrixRTC.start(); this.off(ClientEvent.Sync, this.startMatrixRTC); } }`.
// Whatever runs before the removal on that path runs once per registration, so the registration
// stands for a call of it; a removal (`this.off(…, this.startMatrixRTC)` in `stop()`) runs none of it.
import { ts } from 'ts-morph';
import { isFunctionBoundary, skipOuter, thisMemberName, TYPE_ONLY_WRAPPERS } from './ast';
import { LISTENER_METHODS, LISTENER_REMOVAL_METHODS } from './start-shapes';

/** `emitter.on(event, this.<name>)`: the registration `ref` is the handler of, or undefined. */
export function registrationOf(ref: ts.Expression): ts.CallExpression | undefined {
  const call = handedTo(ref);
  return call && LISTENER_METHODS.has(methodName(call) ?? '') ? call : undefined;
}

/** `emitter.off(event, this.<name>)`: `ref` is the handler a removal takes off. */
export function isRemovalOf(ref: ts.Expression): boolean {
  const call = handedTo(ref);
  return call !== undefined && LISTENER_REMOVAL_METHODS.has(methodName(call) ?? '');
}

/**
 * Every run of `body` that reaches `node` then removes the handler `this.<name>`: a removal of it
 * follows `node` in a block that holds `node` (outside nested functions).
 */
export function removesItselfAfter(node: ts.Node, body: ts.Node, name: string): boolean {
  for (let n: ts.Node = node; n !== body && n.parent; n = n.parent) {
    const block = n.parent;
    if (isFunctionBoundary(block)) return false;
    if (!ts.isBlock(block) && !ts.isSourceFile(block)) continue;
    const after = block.statements.slice(block.statements.indexOf(n as ts.Statement) + 1);
    if (after.some((s) => ts.isExpressionStatement(s) && removesHandler(s.expression, name))) return true;
  }
  return false;
}

function removesHandler(e: ts.Expression, name: string): boolean {
  const call = skipOuter(e, TYPE_ONLY_WRAPPERS);
  return ts.isCallExpression(call) && LISTENER_REMOVAL_METHODS.has(methodName(call) ?? '') &&
    call.arguments.some((a) => thisMemberName(skipOuter(a, TYPE_ONLY_WRAPPERS)) === name);
}

function handedTo(ref: ts.Expression): ts.CallExpression | undefined {
  let arg: ts.Node = ref;
  while (ts.isParenthesizedExpression(arg.parent) || ts.isNonNullExpression(arg.parent) || ts.isAsExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent;
  return ts.isCallExpression(call) && call.arguments.includes(arg as ts.Expression) ? call : undefined;
}

function methodName(call: ts.CallExpression): string | undefined {
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}
