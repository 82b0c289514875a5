// A child process started and left: `exec('umount dir', (err) => { if (err) log.debug(…) })` as a
// statement, its callback logging and nothing else. The rule's harm is a wait that never ends;
// here no code waits — no promise wraps it, no caller's callback or `resolve` is called from it,
// nothing is emitted, no flag is set — so a hang strands one child process and holds up nothing.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { unwrap } from '../shared/ast';
import { STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Calls in a callback that hand a result on: to a caller, a listener, a response or a promise. */
const SETTLING_METHODS = new Set(['emit', 'resolve', 'reject', 'send', 'end', 'json', 'reply', 'write', 'next', 'done', 'callback', 'cb', 'sendTo', 'respond']);

/** Timers: arming one (and keeping its handle) passes nothing on by itself; what its callback does is read too. */
const TIMER_CALLS = new Set(['setTimeout', 'setImmediate', 'setInterval']);

/**
 * An async child process call whose value is dropped and whose callback settles nothing. With
 * no callback at all the output may be what the program is for (a hook printing to the user),
 * so that form is left to the command's own reading.
 */
export function firedAndForgotten(call: ts.CallExpression): boolean {
  if (!resultDropped(call) || startedOverAndOver(call)) return false;
  const last = call.arguments[call.arguments.length - 1];
  const callback = last && ts.isFunctionLike(unwrap(last)) ? (unwrap(last) as ts.FunctionLikeDeclaration) : undefined;
  return !!callback && !settlesAnything(callback);
}

/**
 * In a loop or a `setInterval` callback, each hang strands one more process: they pile up until
 * the machine runs out, which is the harm, even with nothing waiting.
 */
function startedOverAndOver(call: ts.CallExpression): boolean {
  for (let n: ts.Node = call; n.parent && !ts.isSourceFile(n.parent); n = n.parent) {
    const p = n.parent;
    if (ts.isIterationStatement(p, false) && (p as ts.IterationStatement).statement === n) return true;
    if (ts.isFunctionLike(n) && ts.isCallExpression(p) && calleeName(p.expression) === 'setInterval') return true;
  }
  return false;
}

/** A statement of its own, or the whole body of an arrow handed to a timer (`setTimeout(() => exec(…), ms)`). */
function resultDropped(call: ts.CallExpression): boolean {
  let n: ts.Node = call;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isExpressionStatement(p) || (ts.isVoidExpression(p) && ts.isExpressionStatement(p.parent))) return true;
  return ts.isArrowFunction(p) && p.body === n && ts.isCallExpression(p.parent) && TIMER_CALLS.has(calleeName(p.parent.expression));
}

function settlesAnything(callback: ts.FunctionLikeDeclaration): boolean {
  let settles = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (settles) return STOP;
    if (ts.isIdentifier(n) && isOuterCallbackParameter(n, callback)) settles = true;
    else if (ts.isCallExpression(n) && SETTLING_METHODS.has(calleeName(n.expression))) settles = true;
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      !declaredInside(n.left, callback) && !isTimerCall(n.right)) settles = true;
  };
  if (callback.body) walkTree(callback.body, visit);
  return settles;
}

/** A parameter of a function around the child process call that its function calls: a caller's callback, a `resolve`. */
function isOuterCallbackParameter(id: ts.Identifier, callback: ts.FunctionLikeDeclaration): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isParameter(decl) || isWithin(decl, callback)) return false;
  const fn = decl.parent;
  if (!('body' in fn) || !fn.body) return false;
  let called = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (called) return STOP;
    if (ts.isCallExpression(n) && ts.isIdentifier(unwrap(n.expression)) && (unwrap(n.expression) as ts.Identifier).text === id.text &&
      findDeclaration(id.text, n.expression) === decl) called = true;
  };
  walkTree(fn.body, visit);
  return called;
}

/** `let x` inside the callback: writing it hands nothing out. */
function declaredInside(target: ts.Expression, callback: ts.FunctionLikeDeclaration): boolean {
  const t = unwrap(target);
  if (!ts.isIdentifier(t)) return false;
  const decl = findDeclaration(t.text, t);
  return !!decl && isWithin(decl, callback);
}

function isTimerCall(e: ts.Expression): boolean {
  const v = unwrap(e);
  return ts.isCallExpression(v) && TIMER_CALLS.has(calleeName(v.expression));
}

function calleeName(e: ts.Expression): string {
  const v = unwrap(e);
  return ts.isIdentifier(v) ? v.text : ts.isPropertyAccessExpression(v) ? v.name.text : '';
}

function isWithin(node: ts.Node, ancestor: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}
