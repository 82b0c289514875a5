// Whether a call starts a promise, known without a type checker: an async function (or one
// declared to return a Promise) in this file, in this class, or exported by another project file;
// a library call the concurrency table lists (fetch, axios, fs/promises); or a `.then` chain.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import type { RuleContext, RuleFact } from '../../engine/types';
import { hasModifier, unwrap } from '../shared/ast';
import { PROMISE_CALLS, matchesCall } from './concurrency-limiters';

/** The project fact `recordSyncExports` records: this top-level binding is not an async function. */
export type PromiseFactKind = 'not-async';

/**
 * A call starts a promise: certainly, or unless another file shows the function it calls is not
 * async (a `not-async` fact about it, recorded by `recordSyncExports`).
 */
export interface PromiseStart {
  unlessAny?: RuleFact<PromiseFactKind>[];
}

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

/** Does calling `call` start a promise? Undefined when nothing in the code says so. */
export function startsPromise(ctx: RuleContext, call: ts.CallExpression): PromiseStart | undefined {
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee) && CHAIN_METHODS.has(callee.name.text) && ts.isCallExpression(unwrap(callee.expression))) {
    return {};
  }
  return promiseFunction(ctx, callee);
}

/** Is the function `fn` (a callee, or a function passed by name) one that returns a promise? */
export function promiseFunction(ctx: RuleContext, fn: ts.Expression): PromiseStart | undefined {
  const e = unwrap(fn);
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (decl && returnsPromise(decl)) return {};
    if (decl && !isImport(decl)) return undefined;
  } else if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const method = ownMethod(e, e.name.text);
    return method && returnsPromise(method) ? {} : undefined;
  } else if (!ts.isPropertyAccessExpression(e)) {
    return undefined;
  }
  const resolved = ctx.resolveCallee(e);
  if (!resolved) return undefined;
  if (resolved.library) return matchesCall(PROMISE_CALLS, resolved.module, resolved.call) ? {} : undefined;
  // A function exported by another project file: async unless that file says otherwise.
  if (!resolved.call || resolved.call.includes('.')) return undefined;
  return { unlessAny: [{ kind: 'not-async', ref: { file: resolved.module, name: resolved.call } }] };
}

/**
 * Records, for every top-level binding of this file that is not an async function, that it is
 * not: calls to it from other files are then not taken for promises.
 */
export function recordSyncExports(ctx: RuleContext<unknown, string, PromiseFactKind>): void {
  const note = (name: string) => ctx.addFact({ kind: 'not-async', ref: { file: ctx.file, name } });
  for (const s of ctx.sourceFile.statements) {
    if (ts.isFunctionDeclaration(s)) {
      if (returnsPromise(s)) continue;
      if (s.name) note(s.name.text);
      if (hasModifier(s, ts.SyntaxKind.DefaultKeyword)) note('default');
    } else if (ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) {
      if (s.name) note(s.name.text);
      if (hasModifier(s, ts.SyntaxKind.DefaultKeyword)) note('default');
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && !returnsPromise(d)) note(d.name.text);
      }
    } else if (ts.isExportAssignment(s) && !isAsyncFunctionExpression(s.expression)) {
      note('default');
    } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      noteCommonJsExports(s.expression, note);
    }
  }
}

/** `exports.send = …`, `module.exports.send = …`, `module.exports = { send: … }`. */
function noteCommonJsExports(assignment: ts.BinaryExpression, note: (name: string) => void): void {
  const target = assignment.left;
  const value = unwrap(assignment.right);
  if (isModuleExports(target) && ts.isObjectLiteralExpression(value)) {
    for (const p of value.properties) {
      if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && !isAsyncFunctionExpression(p.initializer)) note(p.name.text);
      if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name) && !returnsPromise(p)) note(p.name.text);
    }
    return;
  }
  if (ts.isPropertyAccessExpression(target) && (isModuleExports(target.expression) || isIdentifier(target.expression, 'exports')) &&
    !isAsyncFunctionExpression(value)) note(target.name.text);
}

function isModuleExports(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && e.name.text === 'exports' && isIdentifier(e.expression, 'module');
}

function isIdentifier(e: ts.Expression, name: string): boolean {
  return ts.isIdentifier(e) && e.text === name;
}

/** An async function, or one whose declared return type is a Promise. */
export function returnsPromise(decl: ts.Node): boolean {
  if (ts.isVariableDeclaration(decl)) {
    if (!decl.initializer) return false;
    return isAsyncFunctionExpression(decl.initializer);
  }
  if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isFunctionExpression(decl) || ts.isArrowFunction(decl)) {
    return hasModifier(decl, ts.SyntaxKind.AsyncKeyword) || (decl.type !== undefined && isPromiseType(decl.type));
  }
  return false;
}

export function isAsyncFunctionExpression(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && returnsPromise(e);
}

function isPromiseType(t: ts.TypeNode): boolean {
  return ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && (t.typeName.text === 'Promise' || t.typeName.text === 'PromiseLike');
}

/** The method `name` of the class `this` refers to at `at` (an arrow keeps the method's `this`). */
function ownMethod(at: ts.Node, name: string): ts.MethodDeclaration | undefined {
  let n: ts.Node | undefined = at.parent;
  while (n && !(ts.isClassLike(n))) {
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return undefined;
    n = n.parent;
  }
  if (!n) return undefined;
  for (const m of (n as ts.ClassLikeDeclaration).members) {
    if (ts.isMethodDeclaration(m) && m.name && ts.isIdentifier(m.name) && m.name.text === name) return m;
  }
  return undefined;
}

function isImport(decl: ts.Node): boolean {
  return ts.isImportClause(decl) || ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) || ts.isImportEqualsDeclaration(decl) ||
    ts.isBindingElement(decl) || (ts.isVariableDeclaration(decl) && decl.initializer !== undefined && isRequire(decl.initializer));
}

function isRequire(e: ts.Expression): boolean {
  let x = unwrap(e);
  if (ts.isPropertyAccessExpression(x)) x = unwrap(x.expression);
  return ts.isCallExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === 'require';
}
