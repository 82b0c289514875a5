// What the callers of a function nested in a closure pass it, when all of them are in sight: a
// function declared inside another one can only be called from that closure, so its calls in the
// file are all its calls. A key made of its parameters ranges over what those calls pass, followed
// back through locals, members of an element (`node.host + ':' + node.port`), other nested
// functions' parameters, and the elements of an array iterated in place — bounded when that array
// is (configuration: `config.nodes.forEach((node) => healthcheck(node))`).
import { ts } from 'ts-morph';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import { TYPE_ONLY_WRAPPERS, skipOuter } from '../shared/ast';
import { isConstantValue } from '../shared/call-site-arguments';
import { inputBound } from '../unbounded-concurrency/input-bounds';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

type Fn = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

const MAX_DEPTH = 16;
const ITERATION_METHODS = /^(forEach|map|flatMap|filter|some|every|find)$/;

/** Every call of the nested function `fn` passes, at each of `indexes`, a value from a bounded domain. */
export function closureCallersBound(fn: Fn, indexes: readonly number[]): boolean {
  return indexes.every((i) => callersPassBounded(fn, i, 0));
}

function callersPassBounded(fn: Fn, index: number, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const calls = callsOf(fn);
  if (!calls || !calls.length) return false;
  return calls.every((c) => {
    const arg = c.arguments[index];
    return arg === undefined || (!ts.isSpreadElement(arg) && boundedValue(arg, depth + 1));
  });
}

/**
 * The calls of a named function declared inside another function, or undefined when it is
 * referenced any other way (passed on, exported, assigned): then callers we cannot see may exist.
 */
function callsOf(fn: Fn): ts.CallExpression[] | undefined {
  const name = ts.isFunctionDeclaration(fn) && fn.name ? fn.name : undefined;
  if (!name || isTopLevel(fn) || !enclosingBody(fn)) return undefined;
  const scope = enclosingBody(fn)!;
  const calls: ts.CallExpression[] = [];
  let other = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (other) return STOP;
    if (ts.isIdentifier(n) && n !== name && n.text === name.text && findDeclaration(n.text, n) === fn) {
      const p = n.parent;
      if (ts.isCallExpression(p) && p.expression === n) calls.push(p);
      else other = true;
    }
  };
  walkTree(scope, visit);
  return other ? undefined : calls;
}

function enclosingBody(fn: Fn): ts.Node | undefined {
  for (let n = fn.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) return (n as ts.FunctionLikeDeclaration).body;
    if (ts.isSourceFile(n)) return undefined;
  }
  return undefined;
}

function boundedValue(expr: ts.Expression, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (isConstantValue(e)) return true;
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((s) => boundedValue(s.expression, depth + 1));
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return boundedValue(e.left, depth + 1) && boundedValue(e.right, depth + 1);
  // A member of a bounded element: `node.host`.
  if (ts.isPropertyAccessExpression(e)) return boundedValue(e.expression, depth + 1);
  if (!ts.isIdentifier(e)) return false;
  const decl = findDeclaration(e.text, e);
  if (!decl) return false;
  if (ts.isVariableDeclaration(decl)) {
    return decl.initializer !== undefined && ts.isIdentifier(decl.name) && !reassigned(decl) && boundedValue(decl.initializer, depth + 1);
  }
  if (!ts.isParameter(decl)) return false;
  const owner = decl.parent;
  const index = owner.parameters.indexOf(decl);
  // The element of an array iterated in place: as bounded as the array.
  if ((ts.isArrowFunction(owner) || ts.isFunctionExpression(owner)) && index === 0) {
    const call = owner.parent;
    if (ts.isCallExpression(call) && call.arguments[0] === owner && ts.isPropertyAccessExpression(call.expression) &&
      ITERATION_METHODS.test(call.expression.name.text)) return inputBound(call.expression.expression) !== undefined;
    return false;
  }
  return ts.isFunctionDeclaration(owner) && callersPassBounded(owner, index, depth + 1);
}

/** A variable assigned again after its declaration. */
function reassigned(decl: ts.VariableDeclaration): boolean {
  const name = (decl.name as ts.Identifier).text;
  let scope: ts.Node = decl;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const left = skipOuter(n.left, TYPE_ONLY_WRAPPERS);
      if (ts.isIdentifier(left) && left.text === name && findDeclaration(name, left) === decl) found = true;
    }
  };
  walkTree(scope, visit);
  return found;
}
