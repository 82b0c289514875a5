// A connect whose socket goes straight into a function of the file that bounds it: written as
// an argument (`init(net.connect(port, host), remote)`), or returned by a connect function the
// file hands to a helper, which passes each socket it makes on (`makeTransport(…, (port, host) =>
// net.connect(port, host), …)` calling `init(connect(port, host), remote)`). The function sets
// the idle timeout on its parameter and destroys it on 'timeout' (sip's `init(stream, remote)`):
// every socket that reaches it is bounded there.
import { ts } from 'ts-morph';
import { isFunctionBoundary, unwrap } from '../shared/ast';
import { functionOf } from '../shared/shutdown-handlers';
import { holdersOf, handedToBoundingFunction } from './bounded-elsewhere';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

const ENDING_METHODS = new Set(['destroy', 'end', 'resetAndDestroy']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener']);

/** The socket the call makes reaches a function of the file that bounds its parameter, directly or through a connect function handed to a helper. */
export function passedToBoundingFunction(node: ts.Expression, boundingMethods: ReadonlySet<string>): boolean {
  if (handedAsArgument(node, boundingMethods)) return true;
  const connectFn = returnedBy(node);
  if (!connectFn) return false;
  const uses = connectFunctionCalls(connectFn);
  return uses.length > 0 && uses.every((call) => handedAsArgument(call, boundingMethods) || handedToBoundingFunction(call, holdersOf(call), boundingMethods));
}

/** `init(net.connect(…), remote)`: the call itself is an argument whose parameter the function bounds. */
function handedAsArgument(node: ts.Expression, boundingMethods: ReadonlySet<string>): boolean {
  let e: ts.Node = node;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const call = e.parent;
  if (!ts.isCallExpression(call) || call.expression === e) return false;
  const i = call.arguments.indexOf(e as ts.Expression);
  const fn = functionOf(call.expression);
  const param = fn?.parameters[i];
  return !!fn?.body && !!param && ts.isIdentifier(param.name) && boundsParameter(fn.body, param.name.text, boundingMethods);
}

/** `name.setTimeout(ms)` and `name.on('timeout', () => name.destroy())` in the body: an idle bound that ends the socket. */
function boundsParameter(body: ts.Node, name: string, boundingMethods: ReadonlySet<string>): boolean {
  let armed = false;
  let ends = false;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && isName(n.expression.expression, name)) {
      const method = n.expression.name.text;
      if (boundingMethods.has(method) && n.arguments.length >= 1) armed = true;
      const [event, listener] = n.arguments;
      if (LISTENER_METHODS.has(method) && event && ts.isStringLiteralLike(event) && event.text === 'timeout' && listener && endsName(listener, name)) ends = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return armed && ends;
}

function endsName(listener: ts.Expression, name: string): boolean {
  const fn = functionOf(listener);
  if (!fn?.body) return false;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ENDING_METHODS.has(n.expression.name.text) && isName(n.expression.expression, name)) {
      found = true;
      return SKIP;
    }
  };
  walkTree(fn.body, visit);
  return found;
}

function isName(e: ts.Expression, name: string): boolean {
  const x = unwrap(e);
  return ts.isIdentifier(x) && x.text === name;
}

/** The function whose result the call is: `return net.connect(…)`, or an arrow's body. */
function returnedBy(node: ts.Expression): ts.ArrowFunction | ts.FunctionExpression | undefined {
  let e: ts.Node = node;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (ts.isArrowFunction(p) && p.body === e) return p;
  if (!ts.isReturnStatement(p)) return undefined;
  let fn: ts.Node = p.parent;
  while (!isFunctionBoundary(fn) && !ts.isSourceFile(fn)) fn = fn.parent;
  return ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? fn : undefined;
}

/**
 * The calls of a connect function handed to a helper of the file (`makeTransport(…, fn, …)`):
 * the helper's calls of that parameter. None when it is handed anywhere else.
 */
function connectFunctionCalls(fn: ts.ArrowFunction | ts.FunctionExpression): ts.CallExpression[] {
  let e: ts.Node = fn;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const call = e.parent;
  if (!ts.isCallExpression(call) || call.expression === e) return [];
  const i = call.arguments.indexOf(e as ts.Expression);
  const helper = functionOf(call.expression);
  const param = helper?.parameters[i];
  if (!helper?.body || !param || !ts.isIdentifier(param.name)) return [];
  const name = param.name.text;
  const out: ts.CallExpression[] = [];
  let escapes = false;
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name && n !== param.name) {
      if (ts.isCallExpression(n.parent) && n.parent.expression === n) out.push(n.parent);
      else escapes = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(helper.body);
  return escapes ? [] : out;
}
