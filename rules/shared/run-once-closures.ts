// Closures that run as often as the function around them, found from their shape:
// - a hand-written asynchronous loop: a closure that takes the next element of a list its
//   enclosing function holds (`const key = keys[pos++]`) and returns once the list is done
//   (`if (pos >= keys.length) return done()`), scheduling itself for the next one. It runs once
//   per element per run of its enclosing function, as a `forEach` callback would;
// - a Node-style completion callback written in place (`proxy.start((err) => { … })`).
import { ts } from 'ts-morph';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import { unwrap } from '../shared/ast';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

type FunctionNode = ts.SignatureDeclaration;

/** The closure steps through a list of its enclosing function, one element per run, and stops at its end. */
export function isAsyncStepThrough(fn: FunctionNode): boolean {
  // Asked for every function around every call and add site a reach is judged for: answered once per function.
  let known = stepsThrough.get(fn);
  if (known === undefined) stepsThrough.set(fn, (known = stepThrough(fn)));
  return known;
}

const stepsThrough = new WeakMap<FunctionNode, boolean>();

function stepThrough(fn: FunctionNode): boolean {
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn)) || !fn.body || !ts.isBlock(fn.body)) return false;
  const outer = enclosingFunctionOf(fn);
  if (!outer) return false;
  const lists = new Set<string>();
  // `const key = keys[pos++]`, `const job = jobs.shift()`: the next element of a list the outer function holds.
  const visit = (n: ts.Node): WalkAnswer => {
    if (n !== fn && ts.isFunctionLike(n)) return SKIP;
    const taken = ts.isElementAccessExpression(n) && ts.isPostfixUnaryExpression(unwrap(n.argumentExpression)) ? n.expression
      : ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'shift' ? n.expression.expression : undefined;
    const list = taken && unwrap(taken);
    if (list && ts.isIdentifier(list) && declaredIn(list, outer)) lists.add(list.text);
  };
  walkTree(fn.body, visit);
  if (!lists.size) return false;
  // `if (pos >= keys.length) return done()`, `if (!jobs.length) return`: it stops when the list is done.
  return fn.body.statements.some((s) => ts.isIfStatement(s) && leaves(s.thenStatement) && mentionsLength(s.expression, lists));
}

function enclosingFunctionOf(fn: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n = fn.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}

function declaredIn(id: ts.Identifier, outer: ts.Node): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl) return false;
  for (let n: ts.Node | undefined = decl.parent; n; n = n.parent) if (n === outer) return true;
  return false;
}

function leaves(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s)) return true;
  return ts.isBlock(s) && s.statements.some(ts.isReturnStatement);
}

function mentionsLength(cond: ts.Expression, lists: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isPropertyAccessExpression(n) && n.name.text === 'length' && ts.isIdentifier(unwrap(n.expression)) && lists.has((unwrap(n.expression) as ts.Identifier).text)) found = true;
  };
  walkTree(cond, visit);
  return found;
}

/** Registrations whose callback runs per event, not once: listeners, subscriptions, routes, timers. */
const REPEATING_REGISTRATIONS = /^(on|once|addListener|prependListener|prependOnceListener|addEventListener|subscribe|use|all|get|post|put|patch|delete|head|options|route|handle|setInterval|every|schedule)$/;

/**
 * A Node-style completion callback written in place (`smtpProxy.start((err) => { … })`): its first
 * parameter is the error, it is the last argument, and the call is no registration of a listener,
 * a route or a timer. It runs once per call, as the code after an `await` would.
 */
export function isCompletionCallback(n: ts.Node): boolean {
  if (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) return false;
  const first = n.parameters[0];
  if (!first || !ts.isIdentifier(first.name) || !/^err(or)?$/.test(first.name.text)) return false;
  const call = n.parent;
  if (!ts.isCallExpression(call) || call.arguments[call.arguments.length - 1] !== n) return false;
  const callee = unwrap(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return name !== '' && !REPEATING_REGISTRATIONS.test(name);
}
