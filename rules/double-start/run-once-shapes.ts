// Two shapes of start code whose second run does no harm, read where the creation or the caller is:
//
// - a method that replaces itself on the object as its first step (`Server.prototype.init =
//   function () { this.init = function () {}; … }`, tty.js): every later `obj.init()` runs the
//   replacement, so the method, and what only it calls, runs once per object;
// - a listener for `'error'` whose handler only logs (`this.masterConsole.on('error', (err) => {
//   logger.error(…) })`, pomelo): added twice, an error is logged twice. No reply is sent twice,
//   no state written twice; the guard the rule asks for would protect nothing.
import { ts } from 'ts-morph';
import { skipOuter, thisMemberName, TYPE_ONLY_WRAPPERS } from '../shared/ast';

/** The function's first statement puts another function in its own place on `this`: `this.<name> = function () {}`. */
export function replacesItself(fn: ts.FunctionLikeDeclaration, name: string): boolean {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return false;
  const first = body.statements[0];
  if (!first || !ts.isExpressionStatement(first)) return false;
  const e = skipOuter(first.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || thisMemberName(e.left) !== name) return false;
  const value = skipOuter(e.right, TYPE_ONLY_WRAPPERS);
  return ts.isFunctionExpression(value) || ts.isArrowFunction(value);
}

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** Receivers that log: `console`, `logger`, `this.log`, `appLogger`. */
const LOGGING = /^(console|logger|log|_logger|debug)$|Logger$/;
const LOG_METHODS = /^(warn|warning|error|info|log|debug|trace|notice|fatal|verbose)$/;

/** `x.on('error', handler)` whose handler, written there, does nothing but log (under conditions, with bare returns). */
export function logsErrorsOnly(node: ts.Node): boolean {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || !LISTENER_METHODS.has(node.expression.name.text)) return false;
  const [event, handler] = node.arguments;
  if (!event || !ts.isStringLiteralLike(event) || event.text !== 'error' || !handler) return false;
  const fn = skipOuter(handler, TYPE_ONLY_WRAPPERS);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  return ts.isBlock(fn.body) ? onlyLogs(fn.body) : isLogging(fn.body);
}

function onlyLogs(s: ts.Statement): boolean {
  if (ts.isBlock(s)) return s.statements.every(onlyLogs);
  if (ts.isExpressionStatement(s)) return isLogging(s.expression);
  if (ts.isReturnStatement(s)) return s.expression === undefined;
  if (ts.isIfStatement(s)) return onlyLogs(s.thenStatement) && (s.elseStatement === undefined || onlyLogs(s.elseStatement));
  return ts.isEmptyStatement(s);
}

function isLogging(expr: ts.Expression): boolean {
  const call = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(call)) return false;
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(callee)) return LOGGING.test(callee.text);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const recv = skipOuter(callee.expression, TYPE_ONLY_WRAPPERS);
  const recvName = ts.isIdentifier(recv) ? recv.text : ts.isPropertyAccessExpression(recv) ? recv.name.text : '';
  return LOG_METHODS.test(callee.name.text) && LOGGING.test(recvName);
}
