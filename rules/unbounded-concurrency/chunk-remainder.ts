// The last batch of a hand-written chunking loop: `if (xs.length > N) chunk = xs.splice(0, N);
// else chunk = xs.splice(0);` (clamscan). The branch taking all that is left runs only when at
// most N elements are left, so that remainder is no larger than the constant-size batches.
import { ts } from 'ts-morph';
import { skipOuter, TYPE_ONLY_WRAPPERS } from '../shared/ast';

/**
 * `xs.splice(k)` or `xs.slice(k)` (everything from `k` on), in the branch of an `if` on
 * `xs.length` that runs only when `xs` holds at most a constant number of elements
 * (the `else` of `xs.length > N`, the `then` of `xs.length <= N`), `isConstant` telling a constant N.
 */
export function remainderOfSmallList(expr: ts.Expression, isConstant: (e: ts.Expression) => boolean): boolean {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(e) || e.arguments.length !== 1) return false;
  const callee = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'splice' && callee.name.text !== 'slice')) return false;
  const list = skipOuter(callee.expression, TYPE_ONLY_WRAPPERS).getText();
  for (let n: ts.Node = e; n.parent && !ts.isFunctionLike(n); n = n.parent) {
    const p = n.parent;
    if (!ts.isIfStatement(p) || p.expression === n) continue;
    return atMostConstant(p.expression, list, p.elseStatement === n, isConstant);
  }
  return false;
}

/** `cond` (negated when `inElse`) says `list.length` is at most a constant. */
function atMostConstant(cond: ts.Expression, list: string, inElse: boolean, isConstant: (e: ts.Expression) => boolean): boolean {
  const c = skipOuter(cond, TYPE_ONLY_WRAPPERS);
  if (!ts.isBinaryExpression(c)) return false;
  const isLength = (x: ts.Expression): boolean => {
    const l = skipOuter(x, TYPE_ONLY_WRAPPERS);
    return ts.isPropertyAccessExpression(l) && l.name.text === 'length' && skipOuter(l.expression, TYPE_ONLY_WRAPPERS).getText() === list;
  };
  const k = c.operatorToken.kind;
  const S = ts.SyntaxKind;
  // Normalised to `length OP N`.
  let op: ts.SyntaxKind | undefined;
  if (isLength(c.left) && isConstant(c.right)) op = k;
  else if (isLength(c.right) && isConstant(c.left)) {
    op = k === S.GreaterThanToken ? S.LessThanToken : k === S.LessThanToken ? S.GreaterThanToken
      : k === S.GreaterThanEqualsToken ? S.LessThanEqualsToken : k === S.LessThanEqualsToken ? S.GreaterThanEqualsToken : undefined;
  }
  if (op === undefined) return false;
  const small = inElse ? [S.GreaterThanToken, S.GreaterThanEqualsToken] : [S.LessThanToken, S.LessThanEqualsToken];
  return small.includes(op);
}
