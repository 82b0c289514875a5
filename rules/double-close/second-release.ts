// What a second release does at its call site. A library reports a second release in one of
// three ways (engine/knowledge.ts `secondRelease`): it throws, it rejects the promise it
// returns, or it only passes an error to its callback (`net.Server.close(cb)` never throws: a
// second call hands `ERR_SERVER_NOT_RUNNING` to `cb`). Whether that hurts depends on the call:
// a callback that logs or ignores its error, or a `.catch` on the promise, makes it harmless.
import { ts } from 'ts-morph';
import type { ResourceKnowledge } from '../../engine/knowledge';
import { findDeclaration } from '../../engine/scope';
import { Outer, skipOuter, throwsWithin } from '../shared/ast';
import { functionOf } from '../shared/shutdown-handlers';

/** How a second release reports failure, when the table does not say: it throws. */
export type SecondRelease = NonNullable<ResourceKnowledge['secondRelease']>;

/** The second `call` of a release that reports failure `how` reaches someone: an exception, a rejection nobody handles, a callback that passes the error on. */
export function secondReleaseFails(call: ts.CallExpression, how: SecondRelease | undefined): boolean {
  if (how === 'callback') {
    const cb = [...call.arguments].reverse().find((a) => ts.isIdentifier(skipOuter(a, Outer.Parens)) || ts.isFunctionLike(skipOuter(a, Outer.Parens)));
    return cb !== undefined && callbackPassesErrorOn(skipOuter(cb, Outer.Parens));
  }
  if (how === 'rejects') return !rejectionHandled(call);
  return !thrownIntoSwallowingCatch(call);
}

/**
 * `try { child.disconnect() } catch {}`: the call sits in a `try` whose `catch` does not rethrow,
 * so a second release that throws is caught there.
 */
function thrownIntoSwallowingCatch(call: ts.CallExpression): boolean {
  for (let n: ts.Node = call; n.parent && !ts.isFunctionLike(n); n = n.parent) {
    const t = n.parent;
    if (ts.isTryStatement(t) && t.tryBlock === n && t.catchClause) return !throwsWithin(t.catchClause.block);
  }
  return false;
}

/** A `throw` in the block itself (not in a function declared there). */
/** Which failure modes make this call fail, for a resource whose table entry another file holds. */
export function failingModes(call: ts.CallExpression): SecondRelease[] {
  return (['throws', 'rejects', 'callback'] as const).filter((how) => secondReleaseFails(call, how));
}

/** `.catch(…)` on the promise, `.then(ok, onError)`, or awaited inside a `try` with a `catch`. */
function rejectionHandled(call: ts.CallExpression): boolean {
  let e: ts.Node = call;
  while (ts.isParenthesizedExpression(e.parent) || ts.isVoidExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (ts.isPropertyAccessExpression(p) && p.expression === e && ts.isCallExpression(p.parent)) {
    if (p.name.text === 'catch') return true;
    if (p.name.text === 'then' && p.parent.arguments.length > 1) return true;
  }
  if (!ts.isAwaitExpression(p)) return false;
  for (let n: ts.Node = p; n.parent && !ts.isFunctionLike(n); n = n.parent) {
    if (ts.isTryStatement(n.parent) && n.parent.tryBlock === n && n.parent.catchClause) return true;
  }
  return false;
}

/**
 * The callback hands its error on: `reject`, the enclosing function's own callback parameter
 * (`close(done) { server.close(done) }`), an unknown function, or a function whose first
 * parameter reaches a `throw` or a call other than a logger or `resolve`.
 */
function callbackPassesErrorOn(cb: ts.Expression): boolean {
  if (ts.isIdentifier(cb)) {
    const role = executorRole(cb);
    if (role) return role === 'reject';
    const decl = findDeclaration(cb.text, cb);
    if (decl && ts.isParameter(decl)) return true;
    const fn = functionOf(cb);
    return fn ? firstParameterPassedOn(fn) : true;
  }
  if (ts.isFunctionLike(cb)) return firstParameterPassedOn(cb as ts.FunctionLikeDeclaration);
  return true;
}

/** `resolve` / `reject` of an enclosing `new Promise((resolve, reject) => …)`. */
export function executorRole(id: ts.Identifier): 'resolve' | 'reject' | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isParameter(decl)) return undefined;
  const fn = decl.parent;
  const outer = fn.parent;
  if (!ts.isNewExpression(outer) || !ts.isIdentifier(outer.expression) || outer.expression.text !== 'Promise') return undefined;
  const i = fn.parameters.indexOf(decl);
  return i === 0 ? 'resolve' : i === 1 ? 'reject' : undefined;
}

const LOG_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'verbose']);

function firstParameterPassedOn(fn: ts.FunctionLikeDeclaration): boolean {
  const p = fn.parameters[0];
  if (!p || !ts.isIdentifier(p.name) || !fn.body) return false;
  const name = p.name.text;
  const visit = (n: ts.Node): boolean => {
    if (ts.isIdentifier(n) && n.text === name && findDeclaration(name, n) === p && passesOn(n)) return true;
    return ts.forEachChild(n, (c) => visit(c) || undefined) ?? false;
  };
  return visit(fn.body);
}

function passesOn(id: ts.Identifier): boolean {
  let e: ts.Node = id;
  while (ts.isParenthesizedExpression(e.parent) || (ts.isBinaryExpression(e.parent) && e.parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken)) e = e.parent;
  const p = e.parent;
  if (ts.isThrowStatement(p)) return true;
  if (!ts.isCallExpression(p) || !p.arguments.includes(e as ts.Expression)) return false;
  const callee = skipOuter(p.expression, Outer.Parens);
  if (ts.isIdentifier(callee)) return callee.text !== 'debug' && callee.text !== 'log' && executorRole(callee) !== 'resolve';
  if (ts.isPropertyAccessExpression(callee)) {
    if (LOG_METHODS.has(callee.name.text)) return false;
    if (ts.isIdentifier(callee.expression) && callee.expression.text === 'console') return false;
  }
  return true;
}
