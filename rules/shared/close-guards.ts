// What double-close needs to know about classes and functions: which member holds which
// library resource, which close-like method releases it, and whether that method is guarded
// against a second call (an early return on a flag it sets, a cleared field, `once`).
import { ts } from 'ts-morph';
import type { RuleContext } from '../../engine/context';
import type { LibraryEntry } from '../../engine/knowledge';

/** Method names whose second call is the usual shutdown double call. */
export const CLOSE_METHOD_NAMES = new Set([
  'close', 'stop', 'end', 'destroy', 'dispose', 'shutdown', 'disconnect', '[Symbol.dispose]', '[Symbol.asyncDispose]',
]);

/** Methods that check a connection out of a pool; what they return goes back with the pool's `checkoutRelease`. */
export const CHECKOUT_METHODS = new Set(['connect', 'getConnection', 'acquire']);

/**
 * What a checkout from a pool we cannot see (imported from another module) is returned with.
 * Returning a checkout twice is never idempotent: the pool would hand one connection to two callers.
 */
export const UNKNOWN_POOL_CHECKOUT_RELEASE = ['release', 'destroy'];

/** A library resource a value is known to be, and the entry that says how it is released. */
export interface ResourceOrigin {
  entry: LibraryEntry & { resource: NonNullable<LibraryEntry['resource']> };
}

export function isFunctionBoundary(node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isClassStaticBlockDeclaration(node);
}

/** Peels `await`, parentheses, `as`/`satisfies` and `!` off an expression. */
export function unwrap(expr: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isAwaitExpression(expr) || ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr) ||
      ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isTypeAssertionExpression(expr)) {
      expr = expr.expression;
    } else {
      return expr;
    }
  }
}

/** The resource a creating expression makes (`new Pool()`, `http.createServer()`), from knowledge. */
export function originOfValue(ctx: RuleContext<any>, value: ts.Expression): ResourceOrigin | undefined {
  const e = unwrap(value);
  if (!ts.isNewExpression(e) && !ts.isCallExpression(e)) return undefined;
  const callee = ctx.resolveCallee(e.expression);
  if (!callee) return undefined;
  const entry = ctx.knowledge.lookup(callee.module, callee.call, ts.isNewExpression(e));
  return entry?.resource ? { entry: entry as ResourceOrigin['entry'] } : undefined;
}

/** The resource a type annotation names (`pool: Pool` with `import { Pool } from 'pg'`). */
export function originOfType(ctx: RuleContext<any>, type: ts.TypeNode | undefined): ResourceOrigin | undefined {
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  const names: string[] = [];
  let n: ts.EntityName = type.typeName;
  while (ts.isQualifiedName(n)) {
    names.unshift(n.right.text);
    n = n.left;
  }
  const callee = ctx.resolveCallee(n);
  if (!callee) return undefined;
  const call = [callee.call, ...names].filter(Boolean).join('.');
  const entry = ctx.knowledge.lookup(callee.module, call, true);
  return entry?.resource ? { entry: entry as ResourceOrigin['entry'] } : undefined;
}

/** `this.pool` -> 'pool', `this.#pool` -> '#pool'. */
export function thisMemberName(expr: ts.Expression): string | undefined {
  const e = ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr) ? expr.expression : expr;
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) return e.name.text;
  return undefined;
}

/** A guard key for what a condition can test and a method can set: `m:closed` or `id:closed`. */
export function stateKey(expr: ts.Expression): string | undefined {
  const e = ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr) ? expr.expression : expr;
  const member = thisMemberName(e);
  if (member !== undefined) return 'm:' + member;
  if (ts.isIdentifier(e)) return 'id:' + e.text;
  return undefined;
}

/** True when the expression reads any of `keys` (`this.closed`, `!this.pool`, `closed === true`). */
export function mentionsAny(expr: ts.Node, keys: ReadonlySet<string>): boolean {
  if (ts.isExpression(expr)) {
    const key = stateKey(expr);
    if (key && keys.has(key)) return true;
  }
  return ts.forEachChild(expr, (c) => (isFunctionBoundary(c) ? undefined : mentionsAny(c, keys) || undefined)) ?? false;
}

/** The name a class element is known by: `close`, `#close`, `[Symbol.asyncDispose]`. */
export function memberName(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isPropertyAccessExpression(name.expression) &&
    ts.isIdentifier(name.expression.expression) && name.expression.expression.text === 'Symbol') {
    return `[Symbol.${name.expression.name.text}]`;
  }
  return undefined;
}

/**
 * The class element whose `this` a node sees, and its class: arrow functions keep `this`,
 * any other function rebinds it.
 */
export function thisOwner(node: ts.Node): { cls: ts.ClassLikeDeclaration; member: ts.ClassElement } | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if (ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) ||
      ts.isSetAccessorDeclaration(n) || ts.isPropertyDeclaration(n) || ts.isClassStaticBlockDeclaration(n)) {
      return ts.isClassLike(n.parent) ? { cls: n.parent, member: n } : undefined;
    }
    if (isFunctionBoundary(n)) return undefined;
  }
  return undefined;
}

/** `once(fn)`, `_.once(fn)`, `lodash.once(this.close.bind(this))`: a wrapper that runs its function at most once. */
export function isOnceWrapper(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (!ts.isCallExpression(e) || e.arguments.length === 0) return false;
  const callee = e.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (name !== 'once' && name !== 'onetime') return false;
  const arg = unwrap(e.arguments[0]);
  return ts.isFunctionLike(arg) || ts.isPropertyAccessExpression(arg) || ts.isCallExpression(arg) || ts.isIdentifier(arg);
}

/** The function a close-like class element runs: a method, or a property holding a function. */
export function closeFunctionOf(member: ts.ClassElement): ts.FunctionLikeDeclaration | undefined {
  if (ts.isMethodDeclaration(member)) return member;
  if (ts.isPropertyDeclaration(member) && member.initializer) {
    const init = unwrap(member.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

/** True when the branch leaves the function (`return`, `throw`), ignoring nested functions. */
export function leavesFunction(stmt: ts.Statement): boolean {
  if (ts.isReturnStatement(stmt) || ts.isThrowStatement(stmt)) return true;
  if (ts.isBlock(stmt)) return stmt.statements.some(leavesFunction);
  return false;
}
