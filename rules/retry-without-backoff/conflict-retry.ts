// A transaction that lost a write conflict to another writer is retried at once, a few times:
// that is how the databases document it (MongoDB's TransientTransactionError label, PostgreSQL's
// serialization failures and deadlocks, MySQL's ER_LOCK_DEADLOCK). The database is not down or
// overloaded, so waiting between attempts protects nothing; only a retry with no cap stays a
// finding. Likewise a name that is taken (a duplicate key, "user exists") retried with a freshly
// drawn random name: the peer answered, and the next attempt asks for something else.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { skipOuter } from '../shared/ast';
import { RETRY_WRAPPERS } from './retry-delays';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Error labels, codes and names of a transaction conflict. */
const CONFLICT = /^(TransientTransactionError|UnknownTransactionCommitResult|WriteConflict|40001|40P01|ER_LOCK_DEADLOCK|SQLITE_BUSY|P2034)$|deadlock|serializ(ation|able)_?Failure|(^|[a-z_])(is)?((Write|Transaction)_?)?Conflict(_?Error)?$/i;

/**
 * The failure handler (a `catch` block, a `.catch` callback) decides to retry on a test for a
 * transaction conflict: an `if` or `?:` whose condition names one (`err.hasErrorLabel(
 * 'TransientTransactionError')`, `e.code === '40001'`, `isDeadlock(e)`) and names no other error.
 */
export function retriesOnlyConflicts(handler: ts.Node): boolean {
  return decidesOnlyOn(handler, CONFLICT);
}

/** Error codes and names of a value that is taken: MySQL 1396/1062, `ER_DUP_ENTRY`, PostgreSQL 23505, MongoDB 11000, `EEXIST`, Prisma P2002. */
const TAKEN = /^(1396|1062|ER_CANNOT_USER|ER_DUP_ENTRY|23505|11000|E11000|EEXIST|P2002)$|duplicate|already_?exists|unique_?violation/i;

/**
 * The handler retries only when the name asked for is taken (`error.errno === 1396`, "user
 * exists"), and the attempt draws a fresh random value each time (`ghost-${Math.random()…}`,
 * `randomUUID()`), in the call or in the project functions it calls: a collision, not a peer down.
 */
export function retriesOnlyCollisions(handler: ts.Node, attempt: ts.Node, sf: ts.SourceFile): boolean {
  return decidesOnlyOn(handler, TAKEN) && drawsRandom(attempt, sf, 0, new Set());
}

/** An `if` or `?:` in the handler whose condition names an error matching `pattern` and no other. */
function decidesOnlyOn(handler: ts.Node, pattern: RegExp): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || (n !== handler && ts.isFunctionLike(n))) return SKIP;
    const cond = ts.isIfStatement(n) ? n.expression : ts.isConditionalExpression(n) ? n.condition : undefined;
    if (cond && namesOnly(cond, pattern)) found = true;
  };
  walkTree(handler, visit);
  return found;
}

/** Calls that draw a random value. */
const RANDOM_CALL = /^(random|randomBytes|randomUUID|randomInt|getRandomValues|nanoid|uuid|uuidv4|v4|cuid|createId)$/;
/** How many project functions deep the random draw is looked for. */
const MAX_RANDOM_DEPTH = 3;

function drawsRandom(node: ts.Node, sf: ts.SourceFile, depth: number, seen: Set<ts.Node>): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n)) {
      const callee = skipOuter(n.expression, RETRY_WRAPPERS);
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
      if (name !== undefined && RANDOM_CALL.test(name)) {
        found = true;
        return SKIP;
      }
      const body = depth < MAX_RANDOM_DEPTH ? projectFunctionBody(callee, sf) : undefined;
      if (body && !seen.has(body)) {
        seen.add(body);
        if (drawsRandom(body, sf, depth + 1, seen)) {
          found = true;
          return SKIP;
        }
      }
    }
  };
  walkTree(node, visit);
  return found;
}

/** `this.randomName()` (a method of the enclosing class) or `pickName()` (a function of the file): its body. */
function projectFunctionBody(callee: ts.Expression, sf: ts.SourceFile): ts.Node | undefined {
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
    let cls: ts.Node | undefined = callee.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    const method = cls && (cls as ts.ClassLikeDeclaration).members.find((m) =>
      ts.isMethodDeclaration(m) && m.name && ts.isIdentifier(m.name) && m.name.text === callee.name.text);
    return method && ts.isMethodDeclaration(method) ? method.body : undefined;
  }
  if (ts.isIdentifier(callee)) {
    const decl = findDeclaration(callee.text, callee);
    if (decl && ts.isFunctionDeclaration(decl) && decl.getSourceFile() === sf) return decl.body;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && (ts.isArrowFunction(decl.initializer) || ts.isFunctionExpression(decl.initializer))) {
      return decl.initializer.body;
    }
  }
  return undefined;
}

/** The condition names an error matching `pattern` (a string, a code, a const holding one) and no other. */
export function namesOnly(cond: ts.Expression, pattern: RegExp): boolean {
  let conflict = false;
  let other = false;
  const visit = (n: ts.Node): WalkAnswer => {
    const e = ts.isExpression(n) ? skipOuter(n, RETRY_WRAPPERS) : n;
    if (ts.isStringLiteralLike(e)) {
      if (pattern.test(e.text)) conflict = true;
      else other = true;
    } else if (ts.isNumericLiteral(e) && pattern.test(e.text)) {
      // `errno === 1396`; other numbers are attempt counts.
      conflict = true;
    } else if (ts.isIdentifier(e)) {
      // A name, or the string a const of that name holds (`SERIALIZATION_FAILURE = '40001'`).
      const isMemberName = ts.isPropertyAccessExpression(e.parent) && e.parent.name === e;
      const value = isMemberName ? undefined : constantString(e);
      if (pattern.test(e.text) || (value !== undefined && pattern.test(value))) conflict = true;
      else if (value !== undefined) other = true;
    } else if (ts.isPrivateIdentifier(e) && pattern.test(e.text.slice(1))) conflict = true;
  };
  walkTree(cond, visit);
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
