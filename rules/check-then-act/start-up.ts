// A start-up entry: `init()`, `start()`, `connect()` … of a class that nothing in the project
// calls lazily. The class calls it only from its constructor or other start methods (or not at
// all), so it is the boot step an application runs once (`await app.init()`, `manager.init()` in
// a ready handler), and its done-flag is there for a later, sequential repeat. No concurrent
// caller shows anywhere: a call from a request path or a listener, in this class (copilot's
// `createSession()` → `start()`) or in any file of the project (`lazy-call:<method>` facts), keeps
// the race reported.
import { ts } from 'ts-morph';
import type { RuleContext } from '../../engine/types';
import { findDeclaration } from '../../engine/scope';
import { calleeName, enclosingFunction, isFunctionBoundary, memberName, skipOuter, TYPE_ONLY_WRAPPERS, unwrapAwaited } from '../shared/ast';
import { closeFunctionOf } from '../shared/second-call-guards';
import { freshlyMade, heldOnceClass, runsOnceWhenReached } from '../shared/fresh-objects';
import { isStartName } from '../shared/start-shapes';
import { startCallers } from '../shared/start-callers';

export type LazyCallFactKind = `lazy-call:${string}`;

/** The written key every lazy call of a method name is filed under: facts about a method whatever its class. */
export function methodKey(name: string): string {
  return `method:${name}`;
}

/**
 * The start method a check sits in, when its class calls it only on its own start path: from the
 * constructor, from other start methods, or from helpers only those reach. Undefined for any
 * other function, and for a start method the class calls from a non-start method, a listener
 * or a loop.
 */
export function startUpMethod(fn: ts.FunctionLikeDeclaration): string | undefined {
  const member: ts.Node = (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isPropertyDeclaration(fn.parent) ? fn.parent : fn;
  if (!(ts.isMethodDeclaration(member) || ts.isPropertyDeclaration(member)) || !ts.isClassLike(member.parent)) return undefined;
  const name = memberName(member.name);
  if (name === undefined || !isStartName(name)) return undefined;
  const cls = member.parent;
  const members = new Map<string, ts.FunctionLikeDeclaration>();
  for (const m of cls.members) {
    const n = memberName(m.name);
    const f = closeFunctionOf(m);
    if (n !== undefined && f) members.set(n, f);
  }
  const callers = startCallers(members, cls, name);
  return callers?.every((c) => c === 'constructor' || isStartName(c)) ? name : undefined;
}

/**
 * `store.init()`, `this.client.connect()`: a call of a start method on another object, from a
 * function that can run many times at once (a request handler, a listener, any method that is
 * no start step). Not a call on `this` (the class's own calls are read in place), on an object
 * just made or held and started once (`fresh-call` facts cover those), on a library's object,
 * or from a start step (the module's top level, a constructor, a start-named function, a
 * promise reaction or `once` listener of one).
 */
export function lazyCallFact(ctx: RuleContext, call: ts.CallExpression): { kind: LazyCallFactKind; ref: string } | undefined {
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(callee) || !isStartName(callee.name.text)) return undefined;
  const receiver = unwrapAwaited(callee.expression);
  if (receiver.kind === ts.SyntaxKind.ThisKeyword || receiver.kind === ts.SyntaxKind.SuperKeyword) return undefined;
  if (inStartStep(call)) return undefined;
  if (ctx.resolveCallee(callee)?.library) return undefined;
  if (freshlyMade(call, { unnamed: true, nested: true, stored: true }) || heldOnceClass(ctx, call) || madeInPlace(receiver, call)) return undefined;
  return { kind: `lazy-call:${callee.name.text}`, ref: methodKey(callee.name.text) };
}

/** Calls named for making a new object: `createApplicationContext(…)`, `this.createNestInstance(…)`, `makeClient()`, `newSession()`. */
const FACTORY_NAME = /^(create|make|new|build)([A-Z_$]|$)/;

/**
 * `const app = await NestFactory.create(…); await app.init();`: the receiver is a local of the
 * calling function, made there by `new` or by a call named for making one, and not in a loop or
 * callback between: each run of the function starts its own object.
 */
function madeInPlace(receiver: ts.Expression, call: ts.CallExpression): boolean {
  if (!ts.isIdentifier(receiver)) return false;
  const decl = findDeclaration(receiver.text, receiver);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
  const value = unwrapAwaited(decl.initializer);
  const made = ts.isNewExpression(value) || (ts.isCallExpression(value) && FACTORY_NAME.test(calleeName(value.expression) ?? ''));
  if (!made) return false;
  const home = enclosingFunction(decl);
  for (let n: ts.Node | undefined = call.parent; n && n !== home; n = n.parent) {
    if (ts.isIterationStatement(n, false) || (isFunctionBoundary(n) && !runsOnceWhenReached(n))) return false;
  }
  return true;
}

/** The call runs once per run of a start step: top-level code, a constructor, a start-named function (through promise reactions and `once` listeners). */
function inStartStep(call: ts.Node): boolean {
  for (let n: ts.Node | undefined = call.parent; n; n = n.parent) {
    if (ts.isIterationStatement(n, false)) return false;
    if (!isFunctionBoundary(n)) continue;
    if (ts.isClassLike(n) || ts.isClassStaticBlockDeclaration(n)) return false;
    if (ts.isConstructorDeclaration(n)) return true;
    const name = functionName(n as ts.FunctionLikeDeclaration);
    if (name !== undefined && (isStartName(name) || name === 'main')) return true;
    if (!runsOnceWhenReached(n)) return false;
  }
  return true;
}

/** `init` for `async init() {…}`, `function init() {…}`, `const init = async () => …`, `init = () => …` in a class. */
function functionName(fn: ts.FunctionLikeDeclaration): string | undefined {
  if ((ts.isMethodDeclaration(fn) || ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return memberName(fn.name);
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyDeclaration(p) || ts.isPropertyAssignment(p)) return memberName(p.name);
  if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return undefined;
}
