// What check-then-act recognises: a condition that tests shared state (a `this` member, a
// module-level variable, an entry of a shared Map/Set), the write that fills that state, and
// the evidence that the code already serialises callers (a lock, a mutex, a `once` wrapper).
import { ts } from 'ts-morph';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import { isFunctionBoundary, Outer, skipOuter, thisMemberName } from '../shared/ast';

/** What a state check sees through: parentheses and `!`. */
export const STATE_WRAPPERS = Outer.Parens | Outer.NonNull;

/** Shared state a condition tests: a value (`this.client`, module `client`) or one entry of a collection (`cache.has(k)`). */
export type StateRef =
  | { kind: 'value'; key: string; target: ts.Expression }
  | { kind: 'entry'; key: string; entry: string; collection: ts.Expression };

export interface StateCheck {
  state: StateRef;
  /** True when the condition holds while the state is missing (`!this.client`, `!cache.has(k)`). */
  absent: boolean;
}

/** Collection methods that test for an entry, and those that fill one. */
const ENTRY_TESTS: ReadonlySet<string> = new Set(['has', 'get']);
const ENTRY_WRITES: ReadonlySet<string> = new Set(['set', 'add']);

/**
 * Calls that run their callback with other callers shut out, and names of things that
 * serialise: `mutex.runExclusive(fn)`, `lock.acquire(key, fn)`, `await this.#lock`, `once(fn)`.
 */
const SERIALIZING_CALLS: ReadonlySet<string> = new Set([
  'runExclusive', 'acquire', 'lock', 'withLock', 'synchronized', 'exclusive', 'once', 'memoize', 'pMemoize', 'onetime',
]);
const SERIALIZING_NAME = /(lock|mutex|semaphore|serial)/i;

/** The state check a condition is, or undefined for anything else (compound conditions, locals, calls). */
export function parseCheck(cond: ts.Expression): StateCheck | undefined {
  const e = skipOuter(cond, STATE_WRAPPERS);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = parseCheck(e.operand);
    return inner && { state: inner.state, absent: !inner.absent };
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const unequal = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (!equal && !unequal) return undefined;
    const [subject, other] = isNothing(e.right) ? [e.left, e.right] : isNothing(e.left) ? [e.right, e.left] : [];
    if (!subject || !other) return undefined;
    const state = ts.isTypeOfExpression(skipOuter(subject, STATE_WRAPPERS)) ? stateOf((skipOuter(subject, STATE_WRAPPERS) as ts.TypeOfExpression).expression) : stateOf(subject);
    return state && { state, absent: equal };
  }
  const state = stateOf(e);
  return state && { state, absent: false };
}

/** `this.client`, a module-level `client`, `cache.has(k)` / `cache.get(k)` on a member or module-level collection. */
function stateOf(expr: ts.Expression): StateRef | undefined {
  const e = skipOuter(expr, STATE_WRAPPERS);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ENTRY_TESTS.has(e.expression.name.text) && e.arguments.length === 1) {
    const key = sharedKey(e.expression.expression);
    return key ? { kind: 'entry', key, entry: textOf(e.arguments[0]), collection: e.expression.expression } : undefined;
  }
  const key = sharedKey(e);
  return key ? { kind: 'value', key, target: e } : undefined;
}

/** A name for state every call of a function shares: `m:client` for `this.client`, `v:<pos>` for a module-level variable. */
export function sharedKey(expr: ts.Expression): string | undefined {
  const e = skipOuter(expr, STATE_WRAPPERS);
  const member = thisMemberName(e);
  if (member !== undefined) return 'm:' + member;
  if (!ts.isIdentifier(e)) return undefined;
  const decl = findDeclaration(e.text, e);
  return decl && ts.isVariableDeclaration(decl) && isTopLevel(decl) ? `v:${decl.pos}` : undefined;
}

/** The write in `node` that fills the checked state, if it is one: `this.client = …`, `cache.set(k, …)`. */
export function isWriteOf(node: ts.Node, state: StateRef): boolean {
  if (state.kind === 'value') {
    return ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind) && sharedKey(node.left) === state.key;
  }
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ENTRY_WRITES.has(node.expression.name.text) &&
    node.arguments.length >= 1 && sharedKey(node.expression.expression) === state.key && textOf(node.arguments[0]) === state.entry;
}

/** True when the expression reads the checked state again (a re-check after the await). */
export function readsState(expr: ts.Node, state: StateRef): boolean {
  if (isFunctionBoundary(expr)) return false;
  if (ts.isExpression(expr) && sharedKey(expr) === state.key) return true;
  return ts.forEachChild(expr, (c) => readsState(c, state) || undefined) ?? false;
}

/**
 * An await that starts no work of its own: a memoized promise (`await (this.#p ??= load())`)
 * or a promise that already exists (`await this.#connecting`, `await llhttpPromise`), which
 * every concurrent caller shares.
 */
export function awaitsShared(node: ts.AwaitExpression): boolean {
  const e = skipOuter(node.expression, STATE_WRAPPERS);
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return true;
  return ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken || e.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken);
}

/**
 * Evidence that callers are serialised around the check: the function is the callback of a
 * lock or `once` call, or before the check it touches a lock (`await this.#lock`, `mutex.acquire()`).
 */
export function isSerialized(fn: ts.FunctionLikeDeclaration, before: number): boolean {
  for (let n: ts.Node = fn; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isCallExpression(p) && p.arguments.some((a) => a === n)) {
      const name = calleeName(p);
      if (name !== undefined && (SERIALIZING_CALLS.has(name) || SERIALIZING_NAME.test(name))) return true;
    }
  }
  const visit = (n: ts.Node): boolean => {
    if (n.pos >= before || (isFunctionBoundary(n) && n !== fn)) return false;
    if ((ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) && SERIALIZING_NAME.test(n.text)) return true;
    if (ts.isCallExpression(n) && n.getStart() < before) {
      const name = calleeName(n);
      if (name !== undefined && SERIALIZING_CALLS.has(name) && name !== 'once') return true;
    }
    return ts.forEachChild(n, (c) => visit(c) || undefined) ?? false;
  };
  return fn.body !== undefined && visit(fn.body);
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = skipOuter(call.expression, STATE_WRAPPERS);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

export function isAssignment(op: ts.SyntaxKind): boolean {
  return op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken;
}

function isNothing(expr: ts.Expression): boolean {
  const e = skipOuter(expr, STATE_WRAPPERS);
  return e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined') ||
    (ts.isStringLiteral(e) && e.text === 'undefined' && ts.isBinaryExpression(e.parent) &&
      [e.parent.left, e.parent.right].some((side) => ts.isTypeOfExpression(skipOuter(side, STATE_WRAPPERS))));
}

function textOf(node: ts.Node): string {
  return node.getText().replace(/\s+/g, '');
}
