// A loop whose condition reads the error its catch keeps: `do { try { await commit() } catch (e)
// { err = e } } while (err.code === ERR__STATE)`. The catch sets the name only to ask for another
// pass, so a failure of that kind runs the attempt again and success leaves (or would, were the
// name reset): a retry on that error, though no `break` or `return` marks success.
import { ts } from 'ts-morph';
import { skipOuter } from '../shared/ast';
import { RETRY_WRAPPERS } from './retry-delays';

/** The catch assigns its caught error to a name the loop condition reads (`err = e`). */
export function retriesOnCaughtError(attempt: ts.TryStatement, conditionNames: ReadonlySet<string>): boolean {
  const clause = attempt.catchClause;
  const caught = clause?.variableDeclaration?.name;
  if (!clause || !caught || !ts.isIdentifier(caught)) return false;
  return clause.block.statements.some((s) => {
    const e = ts.isExpressionStatement(s) ? skipOuter(s.expression, RETRY_WRAPPERS) : undefined;
    if (!e || !ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
    const right = skipOuter(e.right, RETRY_WRAPPERS);
    return ts.isIdentifier(right) && right.text === caught.text && conditionNames.has(skipOuter(e.left, RETRY_WRAPPERS).getText());
  });
}
