// A transaction that lost a write conflict to another writer is retried at once, a few times:
// that is how the databases document it (MongoDB's TransientTransactionError label, PostgreSQL's
// serialization failures and deadlocks, MySQL's ER_LOCK_DEADLOCK). The database is not down or
// overloaded, so waiting between attempts protects nothing; only a retry with no cap stays a
// finding.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { skipOuter } from '../shared/ast';
import { RETRY_WRAPPERS } from './retry-delays';

/** Error labels, codes and names of a transaction conflict. */
const CONFLICT = /^(TransientTransactionError|UnknownTransactionCommitResult|WriteConflict|40001|40P01|ER_LOCK_DEADLOCK|SQLITE_BUSY|P2034)$|deadlock|serializ(ation|able)_?Failure|(^|[a-z_])(is)?((Write|Transaction)_?)?Conflict(_?Error)?$/i;

/**
 * The failure handler (a `catch` block, a `.catch` callback) decides to retry on a test for a
 * transaction conflict: an `if` or `?:` whose condition names one (`err.hasErrorLabel(
 * 'TransientTransactionError')`, `e.code === '40001'`, `isDeadlock(e)`) and names no other error.
 */
export function retriesOnlyConflicts(handler: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || (n !== handler && ts.isFunctionLike(n))) return;
    const cond = ts.isIfStatement(n) ? n.expression : ts.isConditionalExpression(n) ? n.condition : undefined;
    if (cond && namesOnlyConflicts(cond)) found = true;
    ts.forEachChild(n, visit);
  };
  visit(handler);
  return found;
}

function namesOnlyConflicts(cond: ts.Expression): boolean {
  let conflict = false;
  let other = false;
  const visit = (n: ts.Node): void => {
    const e = ts.isExpression(n) ? skipOuter(n, RETRY_WRAPPERS) : n;
    if (ts.isStringLiteralLike(e)) {
      if (CONFLICT.test(e.text)) conflict = true;
      else other = true;
    } else if (ts.isIdentifier(e)) {
      // A name, or the string a const of that name holds (`SERIALIZATION_FAILURE = '40001'`).
      const isMemberName = ts.isPropertyAccessExpression(e.parent) && e.parent.name === e;
      const value = isMemberName ? undefined : constantString(e);
      if (CONFLICT.test(e.text) || (value !== undefined && CONFLICT.test(value))) conflict = true;
      else if (value !== undefined) other = true;
    } else if (ts.isPrivateIdentifier(e) && CONFLICT.test(e.text.slice(1))) conflict = true;
    ts.forEachChild(n, visit);
  };
  visit(cond);
  return conflict && !other;
}

/** The string a `const` name holds (`const SERIALIZATION_FAILURE = '40001'`), read where it is declared. */
function constantString(id: ts.Identifier): string | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isVariableDeclarationList(decl.parent)) return undefined;
  if (!(decl.parent.flags & ts.NodeFlags.Const)) return undefined;
  const init = skipOuter(decl.initializer, RETRY_WRAPPERS);
  return ts.isStringLiteralLike(init) ? init.text : undefined;
}
