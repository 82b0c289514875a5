// A transaction that lost a write conflict to another writer is retried at once, a few times:
// that is how the databases document it (MongoDB's TransientTransactionError label, PostgreSQL's
// serialization failures and deadlocks, MySQL's ER_LOCK_DEADLOCK). The database is not down or
// overloaded, so waiting between attempts protects nothing; only a retry with no cap stays a
// finding.
import { ts } from 'ts-morph';
import { skipOuter } from '../shared/ast';
import { RETRY_WRAPPERS } from './retry-delays';

/** Error labels, codes and names of a transaction conflict. */
const CONFLICT = /^(TransientTransactionError|UnknownTransactionCommitResult|WriteConflict|40001|40P01|ER_LOCK_DEADLOCK|SQLITE_BUSY|P2034)$|deadlock|serializ(ation|able)Failure|(^|[a-z_])(is)?(Write|Transaction)?Conflict(Error)?$/i;

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
    } else if (ts.isIdentifier(e) && CONFLICT.test(e.text)) conflict = true;
    else if (ts.isPrivateIdentifier(e) && CONFLICT.test(e.text.slice(1))) conflict = true;
    ts.forEachChild(n, visit);
  };
  visit(cond);
  return conflict && !other;
}
