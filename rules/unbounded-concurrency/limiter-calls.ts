// Whether a piece of code already runs its work through a concurrency limiter: a call through
// something a known factory made (`pLimit(4)`, the shim's `limiter(8)`, `new PQueue({ concurrency })`),
// or, when we cannot see where it was made, through something named like one (`limit(() => …)`).
import { ts } from 'ts-morph';
import { findDeclaration, rootDeclaration } from '../../engine/scope';
import type { RuleContext } from '../../engine/types';
import { enclosingFunction, skipOuter, thisClass, TYPE_ONLY_WRAPPERS } from '../shared/ast';
import { CONCURRENCY_OPTION, LIMITER_FACTORIES, LIMITER_METHODS, LIMITER_NAMES, type LimiterFactory } from './concurrency-limiters';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

const SHIM_MODULE = /(^|[\\/])stability-runtime(\.[cm]?[jt]s)?$/;

/** True when `body` (a callback's body; nested functions are not entered) calls through a limiter. */
export function goesThroughLimiter(ctx: RuleContext, body: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && isLimiterCall(ctx, n)) {
      found = true;
      return SKIP;
    }
    if (n !== body && ts.isFunctionLike(n)) return SKIP;
  };
  walkTree(body, visit);
  return found;
}

/**
 * `requestQueue.add(() => create(entry))`, `this.limit(() => …)`: a call through a limiter that
 * outlives the function making it (a parameter, a member, one made outside). Each call of that
 * function waits its turn in the one queue; a limiter the function makes on every call would
 * bound nothing across its callers.
 */
export function throughSharedLimiter(ctx: RuleContext, call: ts.CallExpression): boolean {
  if (!isLimiterCall(ctx, call)) return false;
  const callee = call.expression;
  // `queue.add(…)` is held by `queue`; `limit(…)` and `this.limit(…)` by themselves.
  const holder = ts.isPropertyAccessExpression(callee) && callee.expression.kind !== ts.SyntaxKind.ThisKeyword ? callee.expression : callee;
  if (!ts.isIdentifier(holder)) return true;
  const found = findDeclaration(holder.text, holder);
  const decl = found && ts.isBindingElement(found) ? rootDeclaration(found) : found;
  const fn = enclosingFunction(call);
  if (!decl || !fn || ts.isParameter(decl)) return true;
  return !(decl.pos >= fn.pos && decl.end <= fn.end);
}

function isLimiterCall(ctx: RuleContext, call: ts.CallExpression): boolean {
  const callee = call.expression;
  const handsOverWork = call.arguments.some((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a) || ts.isIdentifier(a));
  if (ts.isIdentifier(callee) || isMemberOfThis(callee)) {
    if (!handsOverWork) return false;
    const factory = madeBy(ctx, callee);
    if (factory === UNBOUNDED) return false;
    return factory ? factory.runs === 'call' : LIMITER_NAMES.test(nameOf(callee));
  }
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  const factory = madeBy(ctx, callee.expression);
  if (factory === UNBOUNDED) return false;
  if (factory) return Array.isArray(factory.runs) && factory.runs.includes(method);
  return LIMITER_METHODS.has(method) && (handsOverWork || method === 'acquire') &&
    (LIMITER_NAMES.test(nameOf(callee.expression)) || constructedWithConcurrency(ctx, callee.expression));
}

/**
 * `this.sendQueue = new PeerQueue({ concurrency: init.messageSendConcurrency })`, `const jobs = new
 * JobQueue({ concurrency: 4 })`: an object a class of any library or of the project makes with a
 * concurrency option runs the tasks handed to it that many at a time, whatever its name.
 */
function constructedWithConcurrency(ctx: RuleContext, holder: ts.Expression): boolean {
  const made = madeAs(holder);
  if (!made || !ts.isNewExpression(made)) return false;
  const options = made.arguments?.[0] && skipOuter(made.arguments[0], TYPE_ONLY_WRAPPERS);
  return options !== undefined && ts.isObjectLiteralExpression(options) &&
    options.properties.some((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && ts.isIdentifier(p.name) && CONCURRENCY_OPTION.test(p.name.text));
}

/**
 * What the limiter a name or a member of `this` holds was made by: a variable's initializer, or
 * the one value its class assigns the member (in a field's initializer or as `this.x = …`).
 */
function madeAs(holder: ts.Expression): ts.Expression | undefined {
  const e = skipOuter(holder, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    return decl && ts.isVariableDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS) : undefined;
  }
  if (!ts.isPropertyAccessExpression(e) || e.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const cls = thisClass(e);
  if (!cls) return undefined;
  const name = e.name.text;
  const values: ts.Expression[] = [];
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && m.initializer && m.name && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)) && m.name.text === name) values.push(m.initializer);
  }
  walkTree(cls, (n) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) &&
      n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === name) values.push(n.right);
  });
  return values.length === 1 ? skipOuter(values[0], TYPE_ONLY_WRAPPERS) : undefined;
}

/**
 * `const existingJob = this.sendQueue.queue.find((job) => …)`, then `await existingJob.join()`: a
 * value read out of a limiter (one of its queued jobs) — waiting on it waits for a task the
 * limiter runs, in its turn.
 */
export function readFromLimiter(ctx: RuleContext, receiver: ts.Expression): boolean {
  const r = skipOuter(receiver, TYPE_ONLY_WRAPPERS);
  if (!ts.isIdentifier(r)) return false;
  const decl = findDeclaration(r.text, r);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !isConstList(decl)) return false;
  let e: ts.Expression = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
  // Down the chain, `this.sendQueue.queue.find(…)` -> `this.sendQueue.queue` -> `this.sendQueue`.
  for (let steps = 0; steps < 6; steps++) {
    if (ts.isCallExpression(e)) e = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
    if (!ts.isPropertyAccessExpression(e)) return false;
    const inner = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
    if (isLimiterHolder(ctx, inner)) return true;
    e = inner;
  }
  return false;
}

function isConstList(decl: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** A limiter a known factory made with its bound, one made with a concurrency option, or (where it was made is out of sight) one named like a limiter. */
function isLimiterHolder(ctx: RuleContext, holder: ts.Expression): boolean {
  if (!ts.isIdentifier(holder) && !(ts.isPropertyAccessExpression(holder) && holder.expression.kind === ts.SyntaxKind.ThisKeyword)) return false;
  const factory = madeBy(ctx, holder);
  if (factory === UNBOUNDED) return false;
  if (factory) return true;
  return constructedWithConcurrency(ctx, holder) || LIMITER_NAMES.test(nameOf(holder));
}

/**
 * The task a call hands to a limiter a known factory made (`queue.add(() => fetch(u))`, `limit(fn)`),
 * bounded or not: the call's promise settles with that task, so it starts what the task starts.
 */
export function taskHandedToLimiter(ctx: RuleContext, call: ts.CallExpression): ts.Expression | undefined {
  const callee = call.expression;
  const task = call.arguments.find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a) || ts.isIdentifier(a));
  if (!task) return undefined;
  if (ts.isIdentifier(callee)) {
    const factory = madeBy(ctx, callee);
    return factory && factory !== UNBOUNDED && factory.runs === 'call' ? task : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return undefined;
  const factory = madeBy(ctx, callee.expression, true);
  return factory && factory !== UNBOUNDED && Array.isArray(factory.runs) && factory.runs.includes(callee.name.text) ? task : undefined;
}

/** Made by a limiter factory without the option that bounds it: no limiter at all. */
const UNBOUNDED = 'unbounded';

/** The factory that made the limiter `expr` names, when its declaration is in sight. */
function madeBy(ctx: RuleContext, expr: ts.Expression, anyBound = false): LimiterFactory | typeof UNBOUNDED | undefined {
  if (!ts.isIdentifier(expr)) return undefined;
  const decl = findDeclaration(expr.text, expr);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  const made = decl.initializer;
  if (!ts.isCallExpression(made) && !ts.isNewExpression(made)) return undefined;
  const from = ctx.resolveCallee(made.expression);
  if (!from) return undefined;
  const module = SHIM_MODULE.test(from.module) || from.module === ctx.runtimeImport ? 'runtime' : from.module;
  const invoke = ts.isNewExpression(made) ? 'new' : 'call';
  const factory = LIMITER_FACTORIES.find((f) => f.module === module && f.call === from.call && f.invoke === invoke);
  if (!factory?.boundedBy || anyBound) return factory;
  // p-queue without `concurrency` runs everything at once: it is no limiter.
  const options = made.arguments?.[factory.boundedBy.arg];
  if (!options) return UNBOUNDED;
  const bound = factory.boundedBy.option;
  // An options object we cannot see into may well set it.
  if (ts.isObjectLiteralExpression(options) && !options.properties.some(ts.isSpreadAssignment) &&
    !options.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === bound)) return UNBOUNDED;
  return factory;
}

function isMemberOfThis(e: ts.Expression): e is ts.PropertyAccessExpression {
  return ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword;
}

function nameOf(e: ts.Expression): string {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return '';
}
