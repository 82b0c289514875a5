// A function of the file that cuts the list it returns to a count its caller passes:
// chainsafe-libp2p-gossipsub's `getRandomGossipPeers(topic, count, filter)` ends with
// `if (count > 0 && peers.length > count) peers = peers.slice(0, count)` and `return new Set(peers)`.
// Called with a count the configuration or the code fixes (`this.opts.prunePeers`), it hands back at
// most that many, however many peers the topic has.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { skipOuter, TYPE_ONLY_WRAPPERS } from '../shared/ast';
import { returnedExpressions, sameFileFunction, type FunctionNode } from './promise-returning';
import { walkTree } from '../../engine/file-nodes';

/** The argument of `call` that caps every list the called function of this file returns, if one does. */
export function cappingArgument(call: ts.CallExpression): ts.Expression | undefined {
  const fn = sameFileFunction(call.expression);
  if (!fn || !fn.body || !ts.isBlock(fn.body)) return undefined;
  const returned = returnedExpressions(fn);
  if (!returned.length) return undefined;
  let cap: ts.ParameterDeclaration | undefined;
  for (const r of returned) {
    const c = capOf(fn, r);
    if (c === undefined) return undefined;
    if (c === EMPTY) continue;
    if (cap && cap !== c) return undefined;
    cap = c;
  }
  if (!cap) return undefined;
  const at = fn.parameters.indexOf(cap);
  return at >= 0 && at < call.arguments.length && !call.arguments.slice(0, at + 1).some(ts.isSpreadElement) ? call.arguments[at] : undefined;
}

const EMPTY = 'empty';

/** The parameter that caps the list `expr` returns (`EMPTY` for an empty one), or undefined. */
function capOf(fn: FunctionNode, expr: ts.Expression, depth = 0): ts.ParameterDeclaration | typeof EMPTY | undefined {
  if (depth > 3) return undefined;
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  // `[]`, `new Set()`: nothing.
  if (ts.isArrayLiteralExpression(e) && e.elements.length === 0) return EMPTY;
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && (e.expression.text === 'Set' || e.expression.text === 'Map')) {
    if (!e.arguments?.length) return EMPTY;
    return e.arguments.length === 1 ? capOf(fn, e.arguments[0], depth + 1) : undefined;
  }
  // `[...peers]`, `Array.from(peers)`: as many as `peers`.
  if (ts.isArrayLiteralExpression(e) && e.elements.length === 1 && ts.isSpreadElement(e.elements[0])) return capOf(fn, e.elements[0].expression, depth + 1);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression) &&
    e.expression.expression.text === 'Array' && e.expression.name.text === 'from' && e.arguments.length === 1) return capOf(fn, e.arguments[0], depth + 1);
  const sliced = sliceCap(fn, e);
  if (sliced) return sliced;
  if (ts.isIdentifier(e)) return cutBeforeReturn(fn, e);
  return undefined;
}

/** `xs.slice(0, count)` with `count` a parameter of `fn`: that parameter. */
function sliceCap(fn: FunctionNode, e: ts.Expression): ts.ParameterDeclaration | undefined {
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'slice' || e.arguments.length !== 2) return undefined;
  const start = skipOuter(e.arguments[0], TYPE_ONLY_WRAPPERS);
  if (!ts.isNumericLiteral(start) || start.text !== '0') return undefined;
  return parameterOf(fn, e.arguments[1]);
}

function parameterOf(fn: FunctionNode, expr: ts.Expression): ts.ParameterDeclaration | undefined {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (!ts.isIdentifier(e)) return undefined;
  const decl = findDeclaration(e.text, e);
  return decl && ts.isParameter(decl) && decl.parent === fn && !reassigned(fn, e.text) ? decl : undefined;
}

/**
 * `peers` at `return new Set(peers)`, where the last thing done to the local before the return is
 * `peers = peers.slice(0, count)` — unconditionally, or under an `if` that cuts only when the list
 * is longer than the count (`if (count > 0 && peers.length > count)`), so that when it does not
 * run the list is no longer than the count already.
 */
function cutBeforeReturn(fn: FunctionNode, id: ts.Identifier): ts.ParameterDeclaration | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !fn.body || !(decl.pos >= fn.body.pos && decl.end <= fn.body.end)) return undefined;
  // The last statement before the use that changes the list: an assignment, or a call that grows it.
  let last: ts.Node | undefined;
  walkTree(fn.body, (n) => {
    if (n.pos >= id.pos || (last && n.pos < last.pos)) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === id.text) last = n;
    else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) &&
      n.expression.expression.text === id.text && /^(push|unshift|splice|add|set|concat)$/.test(n.expression.name.text)) last = n;
  });
  if (!last || !ts.isBinaryExpression(last)) return undefined;
  const cap = sliceCap(fn, skipOuter(last.right, TYPE_ONLY_WRAPPERS));
  if (!cap || !ts.isIdentifier(cap.name)) return undefined;
  // Nothing between the cut and the return may run it again or skip it: the cut's statement sits in
  // the function's own block, directly or in such an `if`.
  const statement = last.parent;
  if (!ts.isExpressionStatement(statement)) return undefined;
  let holder: ts.Node = statement.parent;
  if (ts.isBlock(holder) && holder !== fn.body) holder = holder.parent;
  if (holder === fn.body) return cap;
  if (ts.isIfStatement(holder) && !holder.elseStatement && holder.parent === fn.body && cutsOnlyWhenLonger(holder.expression, id.text, cap.name.text)) return cap;
  return undefined;
}

/** `peers.length > count`, alone or as a term of `&&`: the `if` runs whenever the list is longer than the count. */
function cutsOnlyWhenLonger(cond: ts.Expression, list: string, count: string): boolean {
  const c = skipOuter(cond, TYPE_ONLY_WRAPPERS);
  if (!ts.isBinaryExpression(c)) return false;
  if (c.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return cutsOnlyWhenLonger(c.left, list, count) || cutsOnlyWhenLonger(c.right, list, count);
  const isLength = (x: ts.Expression) => {
    const y = skipOuter(x, TYPE_ONLY_WRAPPERS);
    return ts.isPropertyAccessExpression(y) && y.name.text === 'length' && ts.isIdentifier(y.expression) && y.expression.text === list;
  };
  const isCount = (x: ts.Expression) => {
    const y = skipOuter(x, TYPE_ONLY_WRAPPERS);
    return ts.isIdentifier(y) && y.text === count;
  };
  const op = c.operatorToken.kind;
  if ((op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.GreaterThanEqualsToken) && isLength(c.left) && isCount(c.right)) return true;
  return (op === ts.SyntaxKind.LessThanToken || op === ts.SyntaxKind.LessThanEqualsToken) && isCount(c.left) && isLength(c.right);
}

/** The function assigns its parameter `name` somewhere: it no longer holds what the caller passed. */
function reassigned(fn: FunctionNode, name: string): boolean {
  let found = false;
  if (fn.body) walkTree(fn.body, (n) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      ts.isIdentifier(n.left) && n.left.text === name) found = true;
  });
  return found;
}
