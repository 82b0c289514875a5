// A call that never returns: it calls a function of the same file declared to return `never`
// (`protected rethrowGrpcError(err: unknown, msg: string): never`), or one whose every path throws
// (`function fail(err) { if (isGrpc(err)) throw new ServiceError(err); throw err; }`, the same
// helper once compiled to JavaScript, its `never` gone). A `catch` that calls such a helper leaves
// as surely as one that writes `throw err` itself. Read from the declaration's text (the
// annotation, the body), so it holds without the type checker; a helper another file exports is
// not read.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';

/** How many helpers deep a body whose last word is another helper's call is followed. */
const DEPTH = 2;

type FunctionBody = ts.FunctionLikeDeclaration;

/**
 * The call never returns normally: its callee, declared in this file, is typed `never` or throws
 * on every path. A bare call of an `async` function only rejects a promise, so it counts only
 * when awaited.
 */
export function neverReturns(call: ts.CallExpression, depth = DEPTH): boolean {
  const awaited = ts.isAwaitExpression(skipParens(call.parent));
  return calleeDeclarations(call).some((fn) => {
    const isAsync = fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
    if (fn.asteriskToken || (isAsync && !awaited)) return false;
    if (fn.type?.kind === ts.SyntaxKind.NeverKeyword) return true;
    return fn.body !== undefined && ts.isBlock(fn.body) && everyPathThrows(fn.body, depth);
  });
}

/** A statement that calls a never-returning function: `this.rethrowGrpcError(err, '…')`, `await fail(err)`. */
export function isNeverReturningStatement(s: ts.Statement): boolean {
  if (!ts.isExpressionStatement(s)) return false;
  let e = skipParens(s.expression);
  if (ts.isAwaitExpression(e)) e = skipParens(e.expression);
  return ts.isCallExpression(e) && neverReturns(e);
}

/**
 * No `return` in the body's own code, and one of its own statements always throws: control can
 * never fall off the end, so every path that ends, ends in a throw.
 */
function everyPathThrows(body: ts.Block, depth: number): boolean {
  if (hasOwnReturn(body)) return false;
  return body.statements.some((s) => alwaysThrows(s, depth));
}

function alwaysThrows(s: ts.Statement, depth: number): boolean {
  if (ts.isThrowStatement(s)) return true;
  if (ts.isBlock(s)) return s.statements.some((x) => alwaysThrows(x, depth));
  if (ts.isIfStatement(s)) return s.elseStatement !== undefined && alwaysThrows(s.thenStatement, depth) && alwaysThrows(s.elseStatement, depth);
  if (depth > 1 && ts.isExpressionStatement(s)) {
    const e = skipParens(s.expression);
    return ts.isCallExpression(e) && neverReturns(e, depth - 1);
  }
  return false;
}

function hasOwnReturn(n: ts.Node): boolean {
  if (ts.isReturnStatement(n)) return true;
  if (ts.isFunctionLike(n) || ts.isClassLike(n)) return false;
  return ts.forEachChild(n, (c) => hasOwnReturn(c) || undefined) ?? false;
}

/**
 * The functions a call reaches in this file: `this.name(…)` — the methods (or arrow properties)
 * of that name in the enclosing class and the classes of this file it extends; `name(…)` — the
 * function declared under that name in scope.
 */
function calleeDeclarations(call: ts.CallExpression): FunctionBody[] {
  const callee = skipParens(call.expression);
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const out: FunctionBody[] = [];
    for (let cls = enclosingClass(call), seen = 0; cls && seen < 5; cls = baseClass(cls), seen++) {
      for (const m of cls.members) {
        if (m.name?.getText() !== callee.name.text) continue;
        if (ts.isMethodDeclaration(m)) out.push(m);
        else if (ts.isPropertyDeclaration(m) && m.initializer && isFunction(m.initializer)) out.push(m.initializer);
      }
      if (out.length) return out;
    }
    return out;
  }
  if (!ts.isIdentifier(callee)) return [];
  const decl = findDeclaration(callee.text, call);
  if (!decl) return [];
  if (ts.isFunctionDeclaration(decl)) return [decl];
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? skipParens(decl.initializer) : undefined;
  if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return [init];
  return [];
}

/** The class whose `this` a call sees: that of the method (or arrow in a method) it stands in. */
function enclosingClass(n: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isClassLike(p)) return p;
    if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p)) {
      if (!ts.isClassLike(p.parent)) return undefined;
    }
  }
  return undefined;
}

/** `class B extends A`, with `A` a class of this file. */
function baseClass(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined {
  const clause = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  const base = clause?.types[0]?.expression;
  if (!base || !ts.isIdentifier(base)) return undefined;
  const decl = findDeclaration(base.text, cls);
  return decl && ts.isClassDeclaration(decl) ? decl : undefined;
}

function isFunction(e: ts.Expression): e is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(e) || ts.isFunctionExpression(e);
}

function skipParens(e: ts.Node): ts.Node {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}
