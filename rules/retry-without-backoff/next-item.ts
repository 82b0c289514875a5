// A loop that works through items is no retry, though its body catches: each iteration takes the
// next one (`req = queue.shift()`, `stage = stages[i]`, `it.next()`, a host iterator handed to
// `borrowConnection(hosts)`) and the call works on that, so a failure moves on to different work
// instead of repeating the same call (a queue drained with each failed request rejected, a list
// of fallbacks or hosts tried in order until it runs out). A function that calls itself again is
// read the same way, and so is an attempt on what a person typed (`code = await
// requestInput('2fa code: ')`): each one waits for someone, no storm.
import { ts } from 'ts-morph';
import { boundNames } from '../../engine/module-symbols';
import { findDeclaration } from '../../engine/scope';
import { Outer, TYPE_ONLY_WRAPPERS, calleeName, skipOuter } from '../shared/ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Calls that take an item out of a collection or an iterator. */
const TAKING_METHODS = new Set(['shift', 'pop', 'next', 'dequeue', 'splice', 'take', 'poll']);
/** Helpers named for taking the next item of a plan: `getNextHost(iterator)`, `nextConnection()`. */
const TAKING_NAME = /^(get|take|borrow|pick)?Next[A-Z]\w*$|^next[A-Z]\w*$/;
/** Prompts that wait for a person's answer: `requestInput('Code: ')`, `rl.question(…)`, `inquirer.prompt(…)`. */
const PROMPT_NAME = /^(prompt|question|ask|askQuestion|requestInput|readInput|password|confirm)$/;
/** Calls that make an iterator over a collection: `hosts[Symbol.iterator]()`, `map.values()`. */
const ITERATOR_MAKERS = new Set(['values', 'keys', 'entries']);

/**
 * The call depends on something the iteration took anew: a loop counter, or a name (a local or a
 * member like `this.currentRequest`) set before the attempt from a taken item or from a counter.
 */
export function worksOnNextItem(loopBody: ts.Statement, condition: ts.Expression | undefined, counters: readonly string[], attempt: ts.TryStatement, call: ts.CallExpression): boolean {
  const varying = new Set(counters);
  // `while ((job = queue.shift()))`: the condition takes the item.
  if (condition) noteAssignments(condition, varying);
  const statements = ts.isBlock(loopBody) ? loopBody.statements : [loopBody];
  let movesToNext = false;
  for (const s of statements) {
    if (s.end > attempt.pos) break;
    noteAssignments(s, varying);
    movesToNext ||= passesIterator(s);
  }
  // `try { const target = join(dir, name); await upload(target) }`: names the attempt builds from the item first.
  for (const s of attempt.tryBlock.statements) {
    if (s.end > call.pos) break;
    noteAssignments(s, varying);
    movesToNext ||= pointsOwnerAtItem(s, varying, call);
  }
  if (!movesToNext && (!varying.size || !refersToAny(call, varying))) return false;
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
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return SKIP;
    // `const { path, options } = lock`: each destructured part is as new as the item.
    if (ts.isVariableDeclaration(n) && n.initializer && varies(n.initializer, varying)) for (const name of boundNames(n.name)) varying.add(name);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && varies(n.right, varying)) {
      for (const target of assignedTargets(n.left)) varying.add(target.getText());
    }
  };
  walkTree(node, visit);
}

/** The expression takes the next item of a collection or a plan (`directories.shift()`, `getNextHost(it)`). */
export function takesItem(e: ts.Expression): boolean {
  return varies(e, new Set());
}

/** The expression takes an item (`queue.shift()`) or reads something varying (`stages[i]`, `buildArgs(stage)`). */
function varies(e: ts.Expression, varying: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && TAKING_METHODS.has(n.expression.name.text)) found = true;
    else if (ts.isCallExpression(n) && (TAKING_NAME.test(calleeName(n.expression) ?? '') || PROMPT_NAME.test(calleeName(n.expression) ?? ''))) found = true;
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

/** `x = …`, `this.x = …`, and each name of `({ host, connection } = …)`. */
function assignedTargets(left: ts.Expression): ts.Expression[] {
  const e = skipOuter(left, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) return [e];
  if (ts.isObjectLiteralExpression(e)) {
    return e.properties.flatMap((p) => ts.isShorthandPropertyAssignment(p) ? [p.name] : ts.isPropertyAssignment(p) ? assignedTargets(p.initializer) : []);
  }
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((x) => (ts.isOmittedExpression(x) || ts.isSpreadElement(x) ? [] : assignedTargets(x)));
  return [];
}

/** Setters that point an object at a host, a base URL or an endpoint: `setBaseURL`, `useHost`, `selectServer`. */
const POINTING_SETTER = /^(set|use|select|switch(To)?)(Base)?(Url|URL|Uri|URI|Host|Endpoint|Server|Node|Address|Target)s?$/;

/**
 * `this.setBaseURL(this.baseURLs[i]); await this.client.request(…)`: the statement points the
 * object the call belongs to at the item, so each attempt goes to a different host, a failover
 * walking a list once (confluent's schema-registry client, check 63).
 */
function pointsOwnerAtItem(statement: ts.Statement, varying: ReadonlySet<string>, call: ts.CallExpression): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const setter = skipOuter(statement.expression, TYPE_ONLY_WRAPPERS | Outer.Await);
  if (!ts.isCallExpression(setter) || !ts.isPropertyAccessExpression(setter.expression) || !POINTING_SETTER.test(setter.expression.name.text)) return false;
  if (!setter.arguments.some((a) => refersToAny(a, varying))) return false;
  return rootOf(setter.expression.expression) === rootOf(call.expression);
}

/** `this` of `this.client.request`, `client` of `client.get`: the object a member chain starts at. */
function rootOf(e: ts.Expression): string {
  let x = e;
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = x.expression;
  return x.getText();
}

/** The statement hands an iterator to a call (`await this.borrowFirstConnection(hostIterator)`), which takes its next item. */
function passesIterator(statement: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isCallExpression(n) && n.arguments.some((a) => ts.isIdentifier(a) && isIterator(a))) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(statement);
  return found;
}

/** A name bound to an iterator made over a collection: `xs[Symbol.iterator]()`, `map.values()`. */
function isIterator(id: ts.Identifier): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
  const init = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(init) || init.arguments.length) return false;
  const callee = skipOuter(init.expression, TYPE_ONLY_WRAPPERS);
  if (ts.isPropertyAccessExpression(callee)) return ITERATOR_MAKERS.has(callee.name.text);
  return ts.isElementAccessExpression(callee) && callee.argumentExpression.getText() === 'Symbol.iterator';
}
