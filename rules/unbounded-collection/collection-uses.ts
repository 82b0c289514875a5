// How code treats a long-lived collection, read from single nodes of the shared walk: what adds
// to it, what removes from it (or bounds it with a size check), and where it escapes to code we
// cannot follow. Method names are data here; unbounded-collection decides what they mean.
import { ts } from 'ts-morph';
import { unwrap } from '../shared/ast';

export type CollectionKind = 'Map' | 'Set' | 'array' | 'object';

/** Calls that make an entry: `set`, `add`, `push`, `unshift`. */
export const ADD_METHODS: ReadonlySet<string> = new Set(['set', 'add', 'push', 'unshift']);
/** Calls that take entries out: any one of them anywhere counts as an eviction path. */
export const REMOVE_METHODS: ReadonlySet<string> = new Set(['delete', 'clear', 'splice', 'shift', 'pop']);
/** Functions that only read what they are given: passing a collection to them is no escape. */
const READERS = /^(console\.\w+|JSON\.stringify|Array\.from|Array\.isArray|Object\.(keys|values|entries|fromEntries)|structuredClone|String|Number|Boolean)$/;
/** Functions run once at start-up, by name: what they add is a fixed registration, not growth. */
export const STARTUP_FUNCTION = /^(register|define|install|provide|configure|setup|setUp|init|bootstrap)/;

/** `new Map()`, `new Set()`, `[]`, `{}`, `Object.create(null)`: the kind of collection an initializer makes. */
export function collectionKind(init: ts.Expression | undefined): CollectionKind | undefined {
  if (!init) return undefined;
  const e = unwrap(init);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) {
    const name = e.expression.text;
    if (name === 'Map' || name === 'Set') return name;
    if (name === 'Array') return 'array';
    return undefined;
  }
  if (ts.isArrayLiteralExpression(e)) return 'array';
  if (ts.isObjectLiteralExpression(e)) return 'object';
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression) &&
    e.expression.expression.text === 'Object' && e.expression.name.text === 'create' && e.arguments.length === 1 &&
    e.arguments[0].kind === ts.SyntaxKind.NullKeyword) return 'object';
  return undefined;
}

/**
 * True when `add` grows its collection: a key that is a literal (`cache.set('config', v)`,
 * `slots[0] = v`) names one fixed slot.
 */
export function grows(call: ts.CallExpression, method: string): boolean {
  if (method === 'push' || method === 'unshift') return call.arguments.length > 0;
  const key = call.arguments[0];
  return key !== undefined && !isLiteralKey(key);
}

export function isLiteralKey(e: ts.Expression): boolean {
  const k = unwrap(e);
  return ts.isStringLiteralLike(k) || ts.isNumericLiteral(k) || k.kind === ts.SyntaxKind.TrueKeyword || k.kind === ts.SyntaxKind.FalseKeyword;
}

/**
 * True when an expression's value leaves our sight here: handed to a function, returned,
 * aliased, stored elsewhere. Receivers (`x.set`), element access, iteration and spreads are not.
 */
export function escapes(node: ts.Expression): boolean {
  let child: ts.Node = node;
  let p = node.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p)) {
    child = p;
    p = p.parent;
  }
  if (ts.isCallExpression(p) || ts.isNewExpression(p)) {
    if (p.expression === child) return false;
    return !READERS.test(calleeText(p.expression));
  }
  if (ts.isReturnStatement(p) || ts.isArrowFunction(p) || ts.isShorthandPropertyAssignment(p) || ts.isArrayLiteralExpression(p)) return true;
  if (ts.isPropertyAssignment(p)) return p.initializer === child;
  if (ts.isVariableDeclaration(p)) return p.initializer === child;
  if (ts.isBinaryExpression(p)) return p.right === child && p.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  return false;
}

function calleeText(e: ts.Expression): string {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return `${calleeText(e.expression)}.${e.name.text}`;
  return '';
}
