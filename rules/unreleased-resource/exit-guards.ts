// Exits that skip no release, so a release after them still covers every path that holds the
// resource: `if (err) return cb(err)` in an error-first callback, where on that path no resource
// was handed over; and `if (released) return` followed by `released = true; x.release(…)`, a
// guard against releasing twice (pg-pool's own `query()`, check 50).
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { Outer, skipOuter } from '../shared/ast';

/** `exit` (a `return` or `throw`) leaves only where there is nothing (more) to release. */
export function skipsNoRelease(exit: ts.ReturnStatement | ts.ThrowStatement, absentWhen: ts.Node | undefined): boolean {
  const guard = guardingIf(exit);
  if (!guard) return false;
  const condition = skipOuter(guard.expression, Outer.Parens);
  if (absentWhen && ts.isIdentifier(condition) && findDeclaration(condition.text, condition) === absentWhen) return true;
  return ts.isReturnStatement(exit) && setsFlagAfter(guard, condition);
}

/** The `if` (with no `else`) whose only branch is the exit, or a block ending in it. */
function guardingIf(exit: ts.Statement): ts.IfStatement | undefined {
  const p = exit.parent;
  if (ts.isIfStatement(p) && p.thenStatement === exit && !p.elseStatement) return p;
  if (ts.isBlock(p) && p.statements[p.statements.length - 1] === exit && ts.isIfStatement(p.parent) && p.parent.thenStatement === p && !p.parent.elseStatement) return p.parent;
  return undefined;
}

/** `if (done) return; done = true;`: the flag the guard reads is set to `true` later in the same block. */
function setsFlagAfter(guard: ts.IfStatement, flag: ts.Expression): boolean {
  if (!ts.isIdentifier(flag) && !(ts.isPropertyAccessExpression(flag) && flag.expression.kind === ts.SyntaxKind.ThisKeyword)) return false;
  const block = guard.parent;
  if (!ts.isBlock(block)) return false;
  const text = flag.getText();
  return block.statements.slice(block.statements.indexOf(guard) + 1).some((s) => {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression)) return false;
    const a = s.expression;
    return a.operatorToken.kind === ts.SyntaxKind.EqualsToken && a.left.getText() === text && a.right.kind === ts.SyntaxKind.TrueKeyword;
  });
}
