// Whether an array-like expression has a size fixed in the code: a literal tuple, `Array.from({
// length: 3 })`, `xs.slice(0, 10)`, the keys of a literal object. Work fanned out over one of
// these is bounded by what the author wrote, so unbounded-concurrency stays quiet about it.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { skipOuter, TYPE_ONLY_WRAPPERS } from '../shared/ast';

/** Array methods whose result is no longer than their receiver. */
const SIZE_PRESERVING = new Set(['filter', 'map', 'reverse', 'sort', 'toSorted', 'toReversed', 'fill', 'keys', 'values', 'entries', 'flat']);
/** Methods whose result holds at most as many elements as a constant argument says. */
const SIZE_FROM_ARGS = new Set(['slice', 'splice']);

/** How deep `const a = b; const b = [...]` chains are followed. */
const MAX_DEPTH = 4;

export function hasConstantSize(expr: ts.Expression, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isArrayLiteralExpression(e)) {
    return e.elements.every((el) => !ts.isSpreadElement(el) || hasConstantSize(el.expression, depth + 1));
  }
  if (ts.isIdentifier(e)) return constantDeclaration(e, depth);
  if (ts.isNewExpression(e)) return isGlobal(e.expression, 'Array') && e.arguments?.length === 1 && isConstantNumber(e.arguments[0]);
  if (!ts.isCallExpression(e)) return false;
  const callee = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
  if (isGlobal(callee, 'Array')) return e.arguments.length === 1 && isConstantNumber(e.arguments[0]);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  const receiver = callee.expression;
  if (isGlobal(receiver, 'Array') && method === 'from') return e.arguments.length > 0 && fromConstantSource(e.arguments[0], depth);
  if (isGlobal(receiver, 'Object') && (method === 'keys' || method === 'values' || method === 'entries')) {
    return e.arguments.length === 1 && literalObject(e.arguments[0]);
  }
  if (SIZE_FROM_ARGS.has(method)) return sliceIsConstant(method, e.arguments) || hasConstantSize(receiver, depth + 1);
  if (SIZE_PRESERVING.has(method)) return hasConstantSize(receiver, depth + 1);
  return false;
}

/** A number written in the code: `10`, `-10`, or a `const` holding one. */
export function isConstantNumber(expr: ts.Expression): boolean {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isNumericLiteral(e)) return true;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) return ts.isNumericLiteral(e.operand);
  if (!ts.isIdentifier(e)) return false;
  const decl = findDeclaration(e.text, e);
  return decl !== undefined && ts.isVariableDeclaration(decl) && isConst(decl) && decl.initializer !== undefined &&
    ts.isNumericLiteral(skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS));
}

/** `xs.slice(0, 10)`, `xs.slice(-5)`, `xs.splice(0, 10)`: at most a constant number of elements. */
function sliceIsConstant(method: string, args: ts.NodeArray<ts.Expression>): boolean {
  if (method === 'slice' && args.length === 1) {
    const a = skipOuter(args[0], TYPE_ONLY_WRAPPERS);
    return ts.isPrefixUnaryExpression(a) && a.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(a.operand);
  }
  if (args.length !== 2 || !args.every(isConstantNumber)) return false;
  return true;
}

/** `Array.from({ length: 3 })` or `Array.from(constantArray, fn)`. */
function fromConstantSource(source: ts.Expression, depth: number): boolean {
  const s = skipOuter(source, TYPE_ONLY_WRAPPERS);
  if (ts.isObjectLiteralExpression(s)) {
    return s.properties.some((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'length' && isConstantNumber(p.initializer));
  }
  return hasConstantSize(s, depth + 1);
}

/** A `const` bound to a literal object, whose keys are fixed by the code. */
function literalObject(expr: ts.Expression): boolean {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isObjectLiteralExpression(e)) return e.properties.every((p) => !ts.isSpreadAssignment(p));
  if (!ts.isIdentifier(e)) return false;
  const decl = findDeclaration(e.text, e);
  return decl !== undefined && ts.isVariableDeclaration(decl) && isConst(decl) && decl.initializer !== undefined &&
    ts.isObjectLiteralExpression(skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS)) && literalObject(decl.initializer);
}

/** A `const` whose initializer has a constant size, or a binding typed as a tuple. */
function constantDeclaration(id: ts.Identifier, depth: number): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl))) return false;
  if (decl.type && isTupleType(decl.type)) return true;
  return ts.isVariableDeclaration(decl) && isConst(decl) && decl.initializer !== undefined && hasConstantSize(decl.initializer, depth + 1);
}

function isTupleType(t: ts.TypeNode): boolean {
  if (ts.isTypeOperatorNode(t) && t.operator === ts.SyntaxKind.ReadonlyKeyword) return isTupleType(t.type);
  return ts.isTupleTypeNode(t) && t.elements.every((el) => !ts.isRestTypeNode(el) && !(ts.isNamedTupleMember(el) && el.dotDotDotToken));
}

function isConst(decl: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
}

function isGlobal(e: ts.Expression, name: string): boolean {
  return ts.isIdentifier(e) && e.text === name && findDeclaration(name, e) === undefined;
}
