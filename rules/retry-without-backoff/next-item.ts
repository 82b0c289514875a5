// A loop that works through items is no retry, though its body catches: each iteration takes the
// next one (`req = queue.shift()`, `stage = stages[i]`, `it.next()`) and the call works on that,
// so a failure moves on to different work instead of repeating the same call (a queue drained
// with each failed request rejected, a list of fallbacks tried in order).
import { ts } from 'ts-morph';
import { boundNames } from '../../engine/module-symbols';
import { calleeName } from '../shared/ast';

/** Calls that take an item out of a collection or an iterator. */
const TAKING_METHODS = new Set(['shift', 'pop', 'next', 'dequeue', 'splice', 'take', 'poll']);
/** Helpers named for taking the next item of a plan: `getNextHost(iterator)`, `nextConnection()`. */
const TAKING_NAME = /^(get|take|borrow|pick)?Next[A-Z]\w*$|^next[A-Z]\w*$/;

/**
 * The call depends on something the iteration took anew: a loop counter, or a name (a local or a
 * member like `this.currentRequest`) set before the attempt from a taken item or from a counter.
 */
export function worksOnNextItem(loopBody: ts.Statement, condition: ts.Expression | undefined, counters: readonly string[], attempt: ts.TryStatement, call: ts.CallExpression): boolean {
  const varying = new Set(counters);
  // `while ((job = queue.shift()))`: the condition takes the item.
  if (condition) noteAssignments(condition, varying);
  const statements = ts.isBlock(loopBody) ? loopBody.statements : [loopBody];
  for (const s of statements) {
    if (s.end > attempt.pos) break;
    noteAssignments(s, varying);
  }
  if (!varying.size || !refersToAny(call, varying)) return false;
  // `catch { queue.push(job) }` puts the same item back: it is tried again, a retry after all.
  return !attempt.catchClause || !requeues(attempt.catchClause.block, varying);
}

function requeues(block: ts.Block, varying: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(push|unshift)$/.test(n.expression.name.text) &&
      n.arguments.some((a) => refersToAny(a, varying))) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(block);
  return found;
}

/** Names a statement sets from a taken item or from something already varying. */
function noteAssignments(node: ts.Node, varying: Set<string>): void {
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    // `const { path, options } = lock`: each destructured part is as new as the item.
    if (ts.isVariableDeclaration(n) && n.initializer && varies(n.initializer, varying)) for (const name of boundNames(n.name)) varying.add(name);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && varies(n.right, varying)) {
      const target = n.left;
      if (ts.isIdentifier(target) || ts.isPropertyAccessExpression(target)) varying.add(target.getText());
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
}

/** The expression takes an item (`queue.shift()`) or reads something varying (`stages[i]`, `buildArgs(stage)`). */
function varies(e: ts.Expression, varying: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && TAKING_METHODS.has(n.expression.name.text)) found = true;
    else if (ts.isCallExpression(n) && TAKING_NAME.test(calleeName(n.expression) ?? '')) found = true;
    else if ((ts.isIdentifier(n) || ts.isPropertyAccessExpression(n)) && varying.has(n.getText())) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}

function refersToAny(node: ts.Node, names: ReadonlySet<string>): boolean {
  if ((ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) && names.has(node.getText())) return true;
  return ts.forEachChild(node, (c) => refersToAny(c, names) || undefined) ?? false;
}
