// When a second call of a start method cannot leak, or surely does not happen: the evidence
// double-start weighs before it reports.
//
// - A lifecycle hook a framework calls once: `init(x) { super.init(x); … }` overrides a base
//   class's hook, and a class extending a library's base class (`extends DeepstreamPlugin`) is
//   a plugin the framework starts.
// - A second call that fails loudly: `this.server.listen()` on a server the class already holds
//   throws ERR_SERVER_ALREADY_LISTEN, so nothing after it is created twice. What the method does
//   before that call (`this.server.on('request', …)`, `process.on(…)`) has run again by then.
// - A timer that is `unref()`'d holds nothing open: a duplicate runs on, but never keeps the
//   process from exiting.
// - Objects the project creates and starts at once (`const s = new Session(req); s.run();`), or
//   holds and starts from one place on its own start path (`this.state = new State()` in the
//   constructor, `this.state.start()` once in `start()`): recorded as `fresh-start:<method>`
//   facts about the class; a start method whose every caller in its class is another start
//   method counts that method's facts too.
import { isBuiltin } from 'node:module';
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import type { FactRef, RuleContext } from '../../engine/types';
import { isFunctionBoundary, skipOuter, thisMemberName, unwrapAwaited } from '../shared/ast';
import { classRefOf, freshlyMadeClass, heldOnceClass } from '../shared/fresh-objects';
import { madeFromAny } from '../shared/made-from';
import { originOfValue } from '../shared/resource-origin';
import { isStartName } from '../shared/start-shapes';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** `init(x) { super.init(x); … }`: the method overrides its base class's hook of the same name. */
export function callsSuperOfSameName(fn: ts.FunctionLikeDeclaration, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || (n !== fn.body && isFunctionBoundary(n) && !ts.isArrowFunction(n))) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.expression.kind === ts.SyntaxKind.SuperKeyword &&
      n.expression.name.text === name) found = true;
    else ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

/** `class Registry extends DeepstreamPlugin` with the base imported from a library other than Node's own modules. */
export function extendsLibraryClass(ctx: RuleContext, cls: ts.ClassLikeDeclaration): boolean {
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (!base) return false;
  const head = ts.isPropertyAccessExpression(base) ? base.expression : base;
  if (!ts.isIdentifier(head)) return false;
  const imported = ctx.imports.get(head.text);
  if (!imported?.library) return false;
  const decl = findDeclaration(head.text, head);
  return decl !== undefined && !isBuiltin(imported.module) && !imported.module.startsWith('node:');
}

/**
 * The first `this.server.listen(…)` on a server the class holds and did not make in this method:
 * a second call of the method throws there, so only what comes before it runs twice. `valuesOf`
 * gives what a constructor function and its prototype's methods assign to a member, where the
 * class is written that way (`function Server() { this.server = … }`).
 */
export function heldServerListen(ctx: RuleContext, fn: ts.FunctionLikeDeclaration, valuesOf?: (member: string) => ts.Expression[] | undefined): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    // A `new Promise` executor runs at once, as part of the method.
    if (n !== fn.body && isFunctionBoundary(n) && !isPromiseExecutor(n)) return SKIP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'listen') {
      const receiver = unwrapAwaited(n.expression.expression);
      if (thisMemberName(receiver) !== undefined && !assignedWithin(fn, thisMemberName(receiver)!)) {
        // Every value the class may hold there is a server (one per branch of a `secure` option, say).
        const made = valuesOf ? valuesOf(thisMemberName(receiver)!) : madeFromAny(receiver);
        if (made?.every((value) => isServer(ctx, value))) found = n;
      }
    }
  };
  if (fn.body) walkTree(fn.body, visit);
  return found;
}

function isServer(ctx: RuleContext, value: ts.Expression): boolean {
  const origin = originOfValue(ctx, value);
  return origin?.entry.resource.kind === 'server' && !origin.entry.app;
}

function isPromiseExecutor(n: ts.Node): boolean {
  return (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isNewExpression(n.parent) &&
    ts.isIdentifier(n.parent.expression) && n.parent.expression.text === 'Promise';
}

function assignedWithin(fn: ts.FunctionLikeDeclaration, member: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && thisMemberName(n.left) === member) found = true;
    else ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

/**
 * The timer stored in `field` is `unref()`'d by the method (`this.timer.unref()`,
 * `this.timer = setInterval(…).unref()`), or by the value itself.
 */
export function isUnrefd(fn: ts.FunctionLikeDeclaration, node: ts.Node, field: string | undefined): boolean {
  if (ts.isBinaryExpression(node) && isUnrefCall(skipOuter(node.right, 0))) return true;
  if (field === undefined) return false;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || (n !== fn.body && isFunctionBoundary(n))) return SKIP;
    if (isUnrefCall(n) && ts.isPropertyAccessExpression((n as ts.CallExpression).expression)) {
      const target = unwrapAwaited(((n as ts.CallExpression).expression as ts.PropertyAccessExpression).expression);
      if (thisMemberName(target) === field || (ts.isIdentifier(target) && target.text === field)) found = true;
    }
  };
  if (fn.body) walkTree(fn.body, visit);
  return found;
}

function isUnrefCall(n: ts.Node): boolean {
  return ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'unref';
}

// ---- Objects made and started at once ----

export type FreshStartKind = `fresh-start:${string}`;

/**
 * `const session = new FlvSession(req, res); session.run();`: the object is started before
 * anything else can reach it, and once; or its owner starts it from one place on the owner's
 * start path. The fact is about the class; undefined for any other call.
 */
export function freshStartFact(ctx: RuleContext, call: ts.CallExpression): { kind: FreshStartKind; ref: FactRef } | undefined {
  const callee = skipOuter(call.expression, 0);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  // A start method, or any method of an object its owner holds and calls once on its start path
  // (`this.idCards.createIdCard()` in `handshake()`, run by `init()`): an entry to the object's start.
  const ref = isStartName(callee.name.text)
    ? freshlyMadeClass(ctx, call, { unnamed: true, nested: true, stored: true, completion: true }) ?? heldOnceClass(ctx, call) ?? madeByCall(ctx, callee)
    : heldOnceClass(ctx, call);
  return ref ? { kind: `fresh-start:${callee.name.text}`, ref } : undefined;
}

/**
 * `ora(options).start()`: started on what a project function has just returned, which nothing
 * else has seen. The fact is about the function; the class it makes counts it only when the
 * function returns a new object of that class on every path (`factoryRefs` in index.ts).
 */
function madeByCall(ctx: RuleContext, callee: ts.PropertyAccessExpression): FactRef | undefined {
  const receiver = unwrapAwaited(callee.expression);
  return ts.isCallExpression(receiver) ? classRefOf(ctx, receiver.expression) : undefined;
}
