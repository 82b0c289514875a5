// Lifecycle hooks in constructor-function classes: `util.inherits(WebService, BaseService)` with
// `BaseService.prototype.start = function (done) { setImmediate(done); }`. The base declares the
// start method as a hook that does nothing but call back, and its subclasses fill it in for the
// project's own framework to call once (bitcore-node's services, started by `Node._startService`),
// as a class-syntax base's empty `start() {}` is.
import { ts } from 'ts-morph';
import { skipOuter } from '../shared/ast';

/** Calls that run a callback later and nothing else: `setImmediate(done)`, `process.nextTick(cb)`. */
const DEFER_CALLS = new Set(['setImmediate', 'nextTick', 'queueMicrotask']);

/**
 * `start() {}`, `start(done) { setImmediate(done); }`, `init(cb) { cb(); }`, `start(callback) {
 * return callback(null); }`: a body that only calls back (its callback parameter, now or
 * deferred), the base's placeholder for a hook its subclasses fill in.
 */
export function isNoOpHookBody(fn: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return false;
  const params = new Set(fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')).filter(Boolean));
  const isParam = (e: ts.Expression) => {
    const x = skipOuter(e, 0);
    return ts.isIdentifier(x) && params.has(x.text);
  };
  return body.statements.every((s) => {
    const e = ts.isExpressionStatement(s) ? s.expression : ts.isReturnStatement(s) ? s.expression : undefined;
    const call = e && skipOuter(e, 0);
    if (!call || !ts.isCallExpression(call)) return false;
    if (isParam(call.expression)) return call.arguments.every((a) => a.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(a) && a.text === 'undefined'));
    const callee = skipOuter(call.expression, 0);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    return name !== undefined && DEFER_CALLS.has(name) && call.arguments.length === 1 && isParam(call.arguments[0]);
  });
}

/**
 * The base a constructor function inherits from, as the file's top level says:
 * `util.inherits(Child, Base)`, `inherits(Child, Base)`, `Object.setPrototypeOf(Child.prototype,
 * Base.prototype)`, `Child.prototype = Object.create(Base.prototype)`.
 */
export function prototypeBaseOf(sf: ts.SourceFile, child: string): ts.Expression | undefined {
  const prototypeOf = (e: ts.Expression) => {
    const x = skipOuter(e, 0);
    return ts.isPropertyAccessExpression(x) && x.name.text === 'prototype' ? x.expression : undefined;
  };
  const isChild = (e: ts.Expression | undefined) => {
    const x = e && skipOuter(e, 0);
    return x !== undefined && ts.isIdentifier(x) && x.text === child;
  };
  for (const s of sf.statements) {
    if (!ts.isExpressionStatement(s)) continue;
    const e = skipOuter(s.expression, 0);
    if (ts.isCallExpression(e) && e.arguments.length === 2) {
      const callee = skipOuter(e.expression, 0);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (name === 'inherits' && isChild(e.arguments[0])) return e.arguments[1];
      if (name === 'setPrototypeOf' && isChild(prototypeOf(e.arguments[0]))) return prototypeOf(e.arguments[1]);
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && isChild(prototypeOf(e.left))) {
      const right = skipOuter(e.right, 0);
      if (ts.isCallExpression(right) && right.arguments.length >= 1) {
        const callee = skipOuter(right.expression, 0);
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'create') return prototypeOf(right.arguments[0]);
      }
    }
  }
  return undefined;
}
