// Small node utilities every rule reaches for: seeing through wrappers, the enclosing
// function, modifiers, the names of members and properties. One copy each: copies drift.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';

// Kept in the engine, which resolves callees through such aliases too; rules import it from here as before.
export { isNeverReassigned } from '../../engine/scope';

/**
 * Wrappers `skipOuter` can see through, combined with `|` (as TypeScript's own
 * OuterExpressionKinds). Each caller names the ones that change nothing for its question.
 */
export const Outer = {
  Parens: 1,
  /** `x!` */
  NonNull: 2,
  /** `x as T` */
  As: 4,
  /** `x satisfies T` */
  Satisfies: 8,
  /** `<T>x` */
  AngleAssertion: 16,
  /** `await x`: only where the awaited value is what matters. */
  Await: 32,
} as const;

/** Parentheses and every wrapper that only changes the static type: the value is the same. */
export const TYPE_ONLY_WRAPPERS = Outer.Parens | Outer.NonNull | Outer.As | Outer.Satisfies | Outer.AngleAssertion;

/** Peels the wrappers named by `kinds` off an expression, outermost first. */
export function skipOuter(expr: ts.Expression, kinds: number): ts.Expression {
  // By kind number, not the `ts.is…` guards: every rule calls this on most expressions it looks at.
  for (;;) {
    if (!(kinds & OUTER_BY_KIND[expr.kind])) return expr;
    expr = (expr as ts.ParenthesizedExpression).expression;
  }
}

/** The `Outer` flag of each wrapper's syntax kind (0 for every other kind). */
const OUTER_BY_KIND: number[] = new Array<number>(ts.SyntaxKind.Count).fill(0);
OUTER_BY_KIND[ts.SyntaxKind.ParenthesizedExpression] = Outer.Parens;
OUTER_BY_KIND[ts.SyntaxKind.NonNullExpression] = Outer.NonNull;
OUTER_BY_KIND[ts.SyntaxKind.AsExpression] = Outer.As;
OUTER_BY_KIND[ts.SyntaxKind.SatisfiesExpression] = Outer.Satisfies;
OUTER_BY_KIND[ts.SyntaxKind.TypeAssertionExpression] = Outer.AngleAssertion;
OUTER_BY_KIND[ts.SyntaxKind.AwaitExpression] = Outer.Await;

/** Peels parentheses, `!`, `as` and `satisfies` (not `<T>x`) off an expression. */
export function unwrap(expr: ts.Expression): ts.Expression {
  return skipOuter(expr, Outer.Parens | Outer.NonNull | Outer.As | Outer.Satisfies);
}

/** Peels `await` and every type-only wrapper: the value an expression stands for (`await (x as Pool)!`). */
export function unwrapAwaited(expr: ts.Expression): ts.Expression {
  return skipOuter(expr, TYPE_ONLY_WRAPPERS | Outer.Await);
}

/** `undefined`, `null`, `false`, `void 0` (awaited or not): the value of a field that holds nothing started. */
export function isEmptyValue(expr: ts.Expression): boolean {
  const e = unwrapAwaited(expr);
  return e.kind === ts.SyntaxKind.NullKeyword || e.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isIdentifier(e) && e.text === 'undefined') || ts.isVoidExpression(e);
}

/** A node that starts a new `this` and scope for what is inside: a function, a class, a static block. */
export function isFunctionBoundary(node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isClassStaticBlockDeclaration(node);
}

/**
 * The nearest function-like node around `node`; undefined at top level, or when an ancestor
 * for which `stopAt` holds comes first (a class, for code that must stay in one member).
 */
export function enclosingFunction(node: ts.Node, stopAt?: (n: ts.Node) => boolean): ts.SignatureDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) return n;
    if (stopAt?.(n)) return undefined;
  }
  return undefined;
}

/** `exports` or `module.exports`, by name: the CommonJS export object. */
export function isExportsObject(e: ts.Expression): boolean {
  if (ts.isIdentifier(e)) return e.text === 'exports';
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
}

/** The last name of a callee: `sleep`, `this.sleep`, `timers.setTimeout`; undefined for other callees. */
export function calleeName(callee: ts.Expression): string | undefined {
  let e = skipOuter(callee, TYPE_ONLY_WRAPPERS);
  // `(0, utils_1.wait)(ms)`: how TypeScript and Babel compile a call of an imported function.
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken && ts.isNumericLiteral(skipOuter(e.left, TYPE_ONLY_WRAPPERS))) {
    e = skipOuter(e.right, TYPE_ONLY_WRAPPERS);
  }
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** The class `this` refers to at `node`: arrows keep it, a function declaration or expression starts its own. */
export function thisClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isClassLike(p)) return p;
    if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p)) return undefined;
  }
  return undefined;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** Declared `async`. */
export function isAsync(fn: ts.Node): boolean {
  return hasModifier(fn, ts.SyntaxKind.AsyncKeyword);
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

/** The key of an object literal property written as a name or a plain string: `a`, `'a'`, `` `a` ``. */
export function propertyKey(name: ts.PropertyName | undefined): string | undefined {
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) ? name.text : undefined;
}

/** `this.pool` -> 'pool', `this.#pool` -> '#pool' (through one pair of parentheses or a `!`). */
export function thisMemberName(expr: ts.Expression): string | undefined {
  const e = ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr) ? expr.expression : expr;
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) return e.name.text;
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

/** True when the branch leaves the function (`return`, `throw`), ignoring nested functions. */
export function leavesFunction(stmt: ts.Statement): boolean {
  if (ts.isReturnStatement(stmt) || ts.isThrowStatement(stmt)) return true;
  if (ts.isBlock(stmt)) return stmt.statements.some(leavesFunction);
  return false;
}

/** The source text of a node on one line, cut to 40 characters, for a message. */
export function shortText(node: ts.Node, sf: ts.SourceFile): string {
  const text = node.getText(sf).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** `amqp.Connection` in a type annotation: its first name (`amqp`) and the names after it (`['Connection']`). */
export function typeReferenceName(type: ts.TypeNode | undefined): { head: ts.Identifier; rest: string[] } | undefined {
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  const rest: string[] = [];
  let n: ts.EntityName = type.typeName;
  while (ts.isQualifiedName(n)) {
    rest.unshift(n.right.text);
    n = n.left;
  }
  return { head: n, rest };
}

/** A `const` declaration (not `let` or `var`): its initializer is the only value it ever holds. */
export function isConstDeclaration(decl: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** `node` is `ancestor` or lies inside it. */
export function isWithin(node: ts.Node, ancestor: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** The block throws somewhere of its own (not in a nested function): a `catch` that rethrows. */
export function throwsWithin(block: ts.Block): boolean {
  const visit = (n: ts.Node): boolean => {
    if (ts.isThrowStatement(n)) return true;
    if (ts.isFunctionLike(n)) return false;
    return ts.forEachChild(n, visit) ?? false;
  };
  return visit(block);
}
