// A loop that runs until a deadline: its condition reads a signal that a clock aborts
// (`const signal = AbortSignal.timeout(5000); while (!signal.aborted) { … }`), or a flag only a
// timer sets (`setTimeout(() => { timedOut = true }, ms); while (!timedOut) { … }`). That is a cap
// on the retry — it gives up after so many seconds — though it reads like a flag. A signal the
// caller hands in, or a flag anything else sets, is a stop: the retry runs until someone stops it,
// which caps nothing.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { skipOuter } from '../shared/ast';
import { RETRY_WRAPPERS } from './retry-delays';

/** `!signal.aborted` with a signal a clock aborts, or `!timedOut` with a flag only a timer sets. */
export function isDeadlineCondition(cond: ts.Expression): boolean {
  const e = skipOuter(cond, RETRY_WRAPPERS);
  if (!ts.isPrefixUnaryExpression(e) || e.operator !== ts.SyntaxKind.ExclamationToken) return false;
  const operand = skipOuter(e.operand, RETRY_WRAPPERS);
  if (ts.isPropertyAccessExpression(operand) && operand.name.text === 'aborted') return isClockSignal(operand.expression, 0);
  if (ts.isIdentifier(operand)) return isTimerFlag(operand);
  return false;
}

/**
 * `AbortSignal.timeout(ms)`; `AbortSignal.any([...])` with such a signal among its parts; a
 * `const` holding one; `controller.signal` of a `const controller = new AbortController()` that
 * a timer aborts (`setTimeout(() => controller.abort(), ms)`).
 */
function isClockSignal(expr: ts.Expression, depth: number): boolean {
  if (depth > 3) return false;
  const e = skipOuter(expr, RETRY_WRAPPERS);
  if (ts.isCallExpression(e) && isAbortSignalStatic(e.expression, 'timeout')) return true;
  if (ts.isCallExpression(e) && isAbortSignalStatic(e.expression, 'any')) {
    const list = e.arguments[0] && skipOuter(e.arguments[0], RETRY_WRAPPERS);
    return list !== undefined && ts.isArrayLiteralExpression(list) && list.elements.some((x) => isClockSignal(x, depth + 1));
  }
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e);
    return init !== undefined && isClockSignal(init, depth + 1);
  }
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'signal' && ts.isIdentifier(e.expression)) {
    const init = constInitializer(e.expression);
    const made = init && skipOuter(init, RETRY_WRAPPERS);
    return made !== undefined && ts.isNewExpression(made) && ts.isIdentifier(made.expression) && made.expression.text === 'AbortController' &&
      timerCallbacksIn(scopeOf(e.expression)).some((cb) => callsMethod(cb, e.expression.getText(), 'abort'));
  }
  return false;
}

/** `timedOut`, declared with `let`, set to `true` only inside timer callbacks. */
function isTimerFlag(id: ts.Identifier): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isVariableDeclarationList(decl.parent)) return false;
  const scope = scopeOf(id);
  const callbacks = timerCallbacksIn(scope);
  const writes = assignmentsTo(scope, id.text);
  return writes.length > 0 && writes.every((w) => callbacks.some((cb) => cb.pos <= w.pos && w.end <= cb.end) &&
    skipOuter(w.right, RETRY_WRAPPERS).kind === ts.SyntaxKind.TrueKeyword);
}

function isAbortSignalStatic(callee: ts.Expression, name: string): boolean {
  const c = skipOuter(callee, RETRY_WRAPPERS);
  return ts.isPropertyAccessExpression(c) && c.name.text === name && ts.isIdentifier(c.expression) && c.expression.text === 'AbortSignal';
}

export function constInitializer(id: ts.Identifier): ts.Expression | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isVariableDeclarationList(decl.parent)) return undefined;
  return decl.parent.flags & ts.NodeFlags.Const ? decl.initializer : undefined;
}

/** The function (or file) whose code the name lives in. */
function scopeOf(n: ts.Node): ts.Node {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) || ts.isSourceFile(p)) return p;
  return n.getSourceFile();
}

/** The callbacks handed to `setTimeout` in the scope's code: the code a clock runs. */
function timerCallbacksIn(scope: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.arguments.length >= 1) {
      const callee = skipOuter(n.expression, RETRY_WRAPPERS);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      const cb = skipOuter(n.arguments[0], RETRY_WRAPPERS);
      if (name === 'setTimeout' && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) out.push(cb);
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return out;
}

function callsMethod(root: ts.Node, target: string, method: string): boolean {
  if (ts.isCallExpression(root)) {
    const c = skipOuter(root.expression, RETRY_WRAPPERS);
    if (ts.isPropertyAccessExpression(c) && c.name.text === method && c.expression.getText() === target) return true;
  }
  return ts.forEachChild(root, (c) => callsMethod(c, target, method) || undefined) ?? false;
}

function assignmentsTo(scope: ts.Node, name: string): ts.BinaryExpression[] {
  const out: ts.BinaryExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      ts.isIdentifier(skipOuter(n.left, RETRY_WRAPPERS)) && (skipOuter(n.left, RETRY_WRAPPERS) as ts.Identifier).text === name) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return out;
}
