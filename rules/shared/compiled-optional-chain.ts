// TypeScript compiles `this.child?.kill()` for older targets to
// `(_a = this.child) === null || _a === void 0 ? void 0 : _a.kill()`: a call on the temporary `_a`
// is a call on what the condition stored in it. Compiled packages (dist/cjs) are full of these.
import { ts } from 'ts-morph';

/**
 * For `_a` in the `whenFalse` branch of such a conditional, the expression the condition assigned
 * to it (`this.child`); undefined for any other identifier.
 */
export function optionalChainTarget(id: ts.Identifier): ts.Expression | undefined {
  let child: ts.Node = id;
  for (let n: ts.Node = id.parent; n && !ts.isFunctionLike(n) && !ts.isStatement(n); child = n, n = n.parent) {
    if (!ts.isConditionalExpression(n) || n.whenFalse !== child) continue;
    const assigned = tempAssignment(n.condition, id.text);
    if (assigned) return assigned;
  }
  return undefined;
}

/** In `(_a = X) === null || _a === void 0`, X. */
function tempAssignment(condition: ts.Expression, temp: string): ts.Expression | undefined {
  const c = skipParens(condition);
  if (!ts.isBinaryExpression(c) || c.operatorToken.kind !== ts.SyntaxKind.BarBarToken) return undefined;
  const nullCheck = skipParens(c.left);
  if (!ts.isBinaryExpression(nullCheck) || nullCheck.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken) return undefined;
  const assignment = skipParens(nullCheck.left);
  if (!ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  return ts.isIdentifier(assignment.left) && assignment.left.text === temp ? assignment.right : undefined;
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}
