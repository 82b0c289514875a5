// A loop that hands out a pool's idle resources: tarn's `while (this._canAcquire())`, where
// `_canAcquire()` is `this.free.length > 0 && this.pendingAcquires.length > 0`, and each iteration
// takes one with `this.free.pop()` before it starts the validation. It runs at most as many times
// as the pool has idle resources, never more than the pool's configured size, however many waiters queue.
import { ts } from 'ts-morph';
import { skipOuter, thisClass, TYPE_ONLY_WRAPPERS } from '../shared/ast';
import { IDLE_RESOURCE_LIST } from './concurrency-limiters';

const TAKE_METHODS = new Set(['pop', 'shift']);

/** A `while`/`do` loop that needs a pool's idle list non-empty and takes one resource off it per iteration. */
export function drainsIdlePool(loop: ts.IterationStatement): boolean {
  if (!ts.isWhileStatement(loop) && !ts.isDoStatement(loop)) return false;
  const lists = new Set(nonEmptyTests(condition(loop.expression)).filter((l) => IDLE_RESOURCE_LIST.test(lastName(l))).map((l) => l.getText()));
  if (!lists.size || !ts.isBlock(loop.statement)) return false;
  return loop.statement.statements.some((st) => {
    const taken = takenFrom(st);
    return taken !== undefined && lists.has(taken.getText());
  });
}

/** The condition, or the one `return` of a method of the same class it calls (`this._canAcquire()`). */
function condition(expr: ts.Expression): ts.Expression {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(e) || e.arguments.length || !ts.isPropertyAccessExpression(e.expression) || e.expression.expression.kind !== ts.SyntaxKind.ThisKeyword) return e;
  const name = e.expression.name.text;
  const method = thisClass(e)?.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && !!m.name && ts.isIdentifier(m.name) && m.name.text === name);
  const only = method?.body?.statements.length === 1 ? method.body.statements[0] : undefined;
  return only && ts.isReturnStatement(only) && only.expression ? skipOuter(only.expression, TYPE_ONLY_WRAPPERS) : e;
}

/** The lists whose `length` the `&&` terms of a condition require non-zero: `xs.length > 0`, `xs.length !== 0`, `xs.length`. */
function nonEmptyTests(cond: ts.Expression): ts.Expression[] {
  const e = skipOuter(cond, TYPE_ONLY_WRAPPERS);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return [...nonEmptyTests(e.left), ...nonEmptyTests(e.right)];
  const lengthOf = (x: ts.Expression): ts.Expression | undefined => {
    const l = skipOuter(x, TYPE_ONLY_WRAPPERS);
    return ts.isPropertyAccessExpression(l) && l.name.text === 'length' ? l.expression : undefined;
  };
  if (!ts.isBinaryExpression(e)) {
    const l = lengthOf(e);
    return l ? [l] : [];
  }
  const op = e.operatorToken.kind;
  const zero = (x: ts.Expression): boolean => ts.isNumericLiteral(skipOuter(x, TYPE_ONLY_WRAPPERS)) && (skipOuter(x, TYPE_ONLY_WRAPPERS) as ts.NumericLiteral).text === '0';
  const l = lengthOf(e.left);
  if (l && zero(e.right) && (op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken)) return [l];
  return [];
}

/** `const free = this.free.pop()` or `this.free.shift();` as a statement of the loop's own block: the list taken from. */
function takenFrom(st: ts.Statement): ts.Expression | undefined {
  let e: ts.Expression | undefined;
  if (ts.isVariableStatement(st) && st.declarationList.declarations.length === 1) e = st.declarationList.declarations[0].initializer;
  else if (ts.isExpressionStatement(st)) e = st.expression;
  if (!e) return undefined;
  const call = skipOuter(e, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(call) || call.arguments.length || !ts.isPropertyAccessExpression(call.expression) || !TAKE_METHODS.has(call.expression.name.text)) return undefined;
  return call.expression.expression;
}

function lastName(e: ts.Expression): string {
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  return ts.isIdentifier(x) ? x.text : ts.isPropertyAccessExpression(x) ? x.name.text : '';
}
