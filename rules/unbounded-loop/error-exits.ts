// A loop left by the error its own calls throw: `try { while (true) { const h = proto.readMessageBegin(); … } }
// catch (e) { if (e instanceof InputBufferUnderrunError) rollback(); else throw e; }` (thrift's
// decoders). The reader throws when the buffer runs out, and the catch around the loop names that
// error: the author wrote the loop to end on it, so it has an exit. A catch that tests nothing
// about the error (`catch (e) { log(e) }`) shows no expected end and is no such exit.
import { ts } from 'ts-morph';
import { isFunctionBoundary } from '../shared/ast';

/** The loop sits in a `try` of its own function whose `catch` tests which error came. */
export function endsOnExpectedError(loop: ts.Node): boolean {
  for (let n: ts.Node = loop; n.parent && !isFunctionBoundary(n.parent); n = n.parent) {
    const p = n.parent;
    if (ts.isTryStatement(p) && p.tryBlock === n && p.catchClause && testsCaughtError(p.catchClause)) return true;
  }
  return false;
}

/** `e instanceof X`, `e.name === '…'`, `e.code !== '…'`, `err.message === '…'` on the caught binding. */
function testsCaughtError(clause: ts.CatchClause): boolean {
  const decl = clause.variableDeclaration;
  if (!decl || !ts.isIdentifier(decl.name)) return false;
  const caught = decl.name.text;
  const isCaught = (e: ts.Expression): boolean => ts.isIdentifier(e) && e.text === caught;
  const isCaughtField = (e: ts.Expression): boolean => ts.isPropertyAccessExpression(e) && isCaught(e.expression) && ['name', 'code', 'message'].includes(e.name.text);
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionBoundary(n)) return;
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (op === ts.SyntaxKind.InstanceOfKeyword && isCaught(n.left)) found = true;
      else if ((op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) &&
        (isCaughtField(n.left) || isCaughtField(n.right)) && (ts.isStringLiteralLike(n.left) || ts.isStringLiteralLike(n.right))) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(clause.block);
  return found;
}
