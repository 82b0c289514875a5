// A function that queues its work for one worker: it pushes the request (with the callback that
// will get the answer) onto a list, and starts draining it only when a flag says no drain runs
// (`queue.push({ file, cb }); if (!working) serial(queue.shift())`, where the drain sets
// `working = true`). However many calls arrive together, their work runs one after another, so a
// fan-out through it starts no burst. The object that holds such a method is often made by a
// factory of another file or handed over as a parameter (`pagehandler.get(slug, cb)`), where no
// binding leads to it; the file that defines it records a project fact under the method's name and
// arity, and a call of that name and arity on a receiver that is no library's is read through it.
import { ts } from 'ts-morph';
import type { RuleContext, RuleFact } from '../../engine/types';
import { TYPE_ONLY_WRAPPERS, skipOuter } from '../shared/ast';
import { fileNodes } from '../../engine/file-nodes';

export type SerialQueueFactKind = 'serial-queue';

type Ctx = RuleContext<any, string, any>;
type FunctionLike = ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration | ts.FunctionDeclaration;

/** The fact a method `name` taking `arity` arguments records when it queues serially. */
export function serialQueueFact(name: string, arity: number): RuleFact<SerialQueueFactKind> {
  return { kind: 'serial-queue', ref: `queue:${name}/${arity}` };
}

/**
 * `recv.get(slug, (err, page) => resolve(page))` whose receiver is no library's: the fact under
 * which the call's work is queued by a serial method of the project. Undefined for other calls.
 */
export function serialQueueCondition(ctx: Ctx, call: ts.CallExpression): RuleFact<SerialQueueFactKind> | undefined {
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  if (ctx.resolveCallee(callee)?.library) return undefined;
  return serialQueueFact(callee.name.text, call.arguments.length);
}

/** Records a fact for every named function of this file that queues its work for one worker. */
export function recordSerialQueues(ctx: Ctx): void {
  // A queue needs a `push` and a flag set to `true`: a file with neither word holds none (two whole-file passes spared).
  if (!ctx.mentions('push') || !ctx.mentions('true')) return;
  const flagsSetTrue = flagsSetToTrue(ctx.sourceFile);
  if (!flagsSetTrue.size) return;
  const functions: { name: string; fn: FunctionLike }[] = [];
  for (const n of fileNodes(ctx.sourceFile)) {
    const named = namedFunction(n);
    if (named) functions.push(named);
  }
  const byName = new Map<string, FunctionLike[]>();
  for (const f of functions) {
    const same = byName.get(f.name);
    if (same) same.push(f.fn);
    else byName.set(f.name, [f.fn]);
  }
  for (const { name, fn } of functions) {
    if (queuesSerially(fn, flagsSetTrue, byName)) ctx.addFact(serialQueueFact(name, fn.parameters.length));
  }
}

/** `itself.get = (file, cb) => …`, `{ get(file, cb) { … } }`, `get: function (file, cb) { … }`, a class method. */
function namedFunction(n: ts.Node): { name: string; fn: FunctionLike } | undefined {
  if (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name)) return { name: n.name.text, fn: n };
  if (ts.isFunctionDeclaration(n) && n.name) return { name: n.name.text, fn: n };
  let target: ts.Node | undefined;
  let value: ts.Expression | undefined;
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)) [target, value] = [n.left.name, n.right];
  else if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name)) [target, value] = [n.name, n.initializer];
  else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) [target, value] = [n.name, n.initializer];
  if (!target || !value || !ts.isIdentifier(target)) return undefined;
  const fn = skipOuter(value, TYPE_ONLY_WRAPPERS);
  return ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? { name: target.text, fn } : undefined;
}

/**
 * The function's own statements push a request carrying one of its parameters onto a list
 * (`queue.push({ action: 'get', file, cb })`), then start a drain only under a negated flag
 * (`if (!working) serial(queue.shift())`) that the file sets to `true` while a drain runs, and
 * the drain takes the next request only when one is done.
 */
function queuesSerially(fn: FunctionLike, flagsSetTrue: ReadonlySet<string>, byName: ReadonlyMap<string, FunctionLike[]>): boolean {
  if (!fn.body || !ts.isBlock(fn.body)) return false;
  const params = new Set(fn.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));
  if (!params.size) return false;
  let pushesRequest = false;
  let guardedDrain = false;
  for (const st of fn.body.statements) {
    if (ts.isExpressionStatement(st) && pushesParameter(st.expression, params)) pushesRequest = true;
    else if (pushesRequest && ts.isIfStatement(st) && !st.elseStatement && guardedByIdleFlag(st.expression, flagsSetTrue) && startsOneAtATimeDrain(st.thenStatement, byName)) guardedDrain = true;
  }
  return pushesRequest && guardedDrain;
}

/** `queue.push({ file, cb })`, `this.jobs.push([args, done])`: a push whose argument mentions a parameter. */
function pushesParameter(e: ts.Expression, params: ReadonlySet<string>): boolean {
  const call = skipOuter(e, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(call)) return false;
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'push') return false;
  return call.arguments.some((a) => mentions(a, params));
}

function mentions(n: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(n) && names.has(n.text)) return true;
  if (ts.isShorthandPropertyAssignment(n) && names.has(n.name.text)) return true;
  return ts.forEachChild(n, (c) => mentions(c, names) || undefined) ?? false;
}

/** `!working`, `!this.busy`, whose flag the file sets to `true`. */
function guardedByIdleFlag(cond: ts.Expression, flagsSetTrue: ReadonlySet<string>): boolean {
  const e = skipOuter(cond, TYPE_ONLY_WRAPPERS);
  if (!ts.isPrefixUnaryExpression(e) || e.operator !== ts.SyntaxKind.ExclamationToken) return false;
  const name = flagName(e.operand);
  return name !== undefined && flagsSetTrue.has(name);
}

function flagName(e: ts.Expression): string | undefined {
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  return ts.isIdentifier(x) ? x.text : ts.isPropertyAccessExpression(x) ? x.name.text : undefined;
}

/** The names of flags this file sets to `true` (`working = true`, `this.busy = true`). */
function flagsSetToTrue(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const n of fileNodes(sf)) {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && skipOuter(n.right, TYPE_ONLY_WRAPPERS).kind === ts.SyntaxKind.TrueKeyword) {
      const name = flagName(n.left);
      if (name) out.add(name);
    }
  }
  return out;
}

/**
 * The guarded statement calls a drain of this file (`serial(…)`, `this.drain()`) that takes one
 * request at a time: it calls itself again from a callback (when the request's I/O is done), or
 * awaits in a loop. A drain that shifts every request off in one synchronous loop starts them all.
 */
function startsOneAtATimeDrain(then: ts.Statement, byName: ReadonlyMap<string, FunctionLike[]>): boolean {
  const calls: ts.CallExpression[] = [];
  const collect = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) calls.push(n);
    ts.forEachChild(n, collect);
  };
  collect(then);
  return calls.some((c) => {
    const callee = skipOuter(c.expression, TYPE_ONLY_WRAPPERS);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const drains = name === undefined ? undefined : byName.get(name);
    return drains !== undefined && drains.length > 0 && drains.every((d) => drainsOneAtATime(d, name!));
  });
}

function drainsOneAtATime(drain: FunctionLike, name: string): boolean {
  if (!drain.body) return false;
  let callsItselfLater = false;
  let awaitsInLoop = false;
  const visit = (n: ts.Node, nested: boolean, inLoop: boolean): void => {
    if (ts.isCallExpression(n) && nested) {
      const callee = skipOuter(n.expression, TYPE_ONLY_WRAPPERS);
      const called = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (called === name) callsItselfLater = true;
    }
    if (ts.isAwaitExpression(n) && inLoop && !nested) awaitsInLoop = true;
    const loop = ts.isIterationStatement(n, false);
    ts.forEachChild(n, (c) => visit(c, nested || ts.isFunctionLike(c), inLoop || loop));
  };
  visit(drain.body, false, false);
  return callsItselfLater || awaitsInLoop;
}
