// A project's own wait helper: a function whose returned promise is one a timer resolves after
// one of its parameters' milliseconds (janode's `export const delayOp = ms => new Promise((resolve) =>
// { setTimeout(resolve, ms); })`, @fluent-org/logger's `awaitAtMost(promise, timeout)` returning
// `Promise.race([promise, new Promise((r) => (id = setTimeout(() => { id = null; r(); }, timeout)))])`).
// A retry that awaits one before calling again waits: awaited from this file it is read at once;
// imported from another file, through a project fact that the helper's own file records (one
// per parameter it can wait on), so the finding is settled once every file has been read.
import { ts } from 'ts-morph';
import type { RuleContext, RuleFact } from '../../engine/types';
import { calleeName, Outer, skipOuter } from '../shared/ast';
import { moduleFunctions, type FunctionNode } from '../unbounded-concurrency/promise-returning';
import { findDeclaration } from '../../engine/scope';

/** retry-delays' RETRY_WRAPPERS, restated: that module reads this one. */
const RETRY_WRAPPERS = Outer.Parens | Outer.NonNull | Outer.As | Outer.AngleAssertion;

/** How many leading parameters a wait helper's milliseconds are looked for in (`(promise, ms)` is the second). */
const WAIT_PARAMETERS = 3;

/** `timer-helper` waits its first argument's milliseconds; `timer-helper-1`, `timer-helper-2` its second's, third's. */
export type TimerHelperFactKind = 'timer-helper' | `timer-helper-${number}`;

/** The fact that `name`, exported by `file`, returns a promise a timer resolves after its argument `at`'s milliseconds. */
export function timerHelperFact(file: string, name: string, at = 0): RuleFact<TimerHelperFactKind> {
  return { kind: at === 0 ? 'timer-helper' : `timer-helper-${at}`, ref: { file, name } };
}

/** Records a fact for every function this file exports that is a wait helper, naming the parameter it waits. */
export function recordTimerHelpers(ctx: RuleContext<any, string, any>): void {
  moduleFunctions(ctx.sourceFile, (name, fn) => {
    const at = timerParameter(fn);
    if (at !== undefined && at < WAIT_PARAMETERS) ctx.addFact(timerHelperFact(ctx.file, name, at));
  });
}

/**
 * The call's callee is a function exported by another project file (`delayOp(ms)` imported from
 * `./utils`): where it lives, for the facts under which it is a wait helper. Undefined for library and local calls.
 */
function importedHelper(ctx: RuleContext<any, string, any>, call: ts.CallExpression): { file: string; name: string } | undefined {
  const callee = skipOuter(call.expression, RETRY_WRAPPERS);
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) return undefined;
  const resolved = ctx.resolveCallee(callee);
  if (!resolved || resolved.library || resolved.module === ctx.file) return undefined;
  const name = resolved.call === '' ? 'default' : resolved.call;
  return name.split('.').length > 2 ? undefined : { file: resolved.module, name };
}

/**
 * The index of the parameter whose milliseconds the function waits, when what it returns (or its
 * one statement awaits) is a promise a timer resolves: `(ms) => new Promise((r) => setTimeout(r, ms))`,
 * a block ending in `return` of one (other statements before it, no early return), a const of the
 * function holding one, or a `Promise.race`/`Promise.all` with one among its elements; the timer's
 * wait being the parameter (or the parameter times a number: `setTimeout(resolve, seconds * 1000)`).
 * A promise that a timer rejects (a deadline) is no wait.
 */
export function timerParameter(fn: FunctionNode | ts.FunctionLikeDeclaration): number | undefined {
  const promise = returnedPromise(fn);
  const ms = promise && timerWait(promise, 0);
  if (!ms) return undefined;
  const at = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === ms);
  return at >= 0 ? at : undefined;
}

/** What the function hands back: its expression body, its one awaited expression, or the `return` its block ends with (and has no other). */
function returnedPromise(fn: FunctionNode | ts.FunctionLikeDeclaration): ts.Expression | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body;
  const last = body.statements[body.statements.length - 1];
  if (!last) return undefined;
  if (body.statements.length === 1 && ts.isExpressionStatement(last) && ts.isAwaitExpression(skipOuter(last.expression, RETRY_WRAPPERS))) {
    return (skipOuter(last.expression, RETRY_WRAPPERS) as ts.AwaitExpression).expression;
  }
  if (!ts.isReturnStatement(last) || returnsBefore(body, last)) return undefined;
  return last.expression;
}

/** The block returns somewhere other than its last statement (nested functions aside). */
function returnsBefore(body: ts.Block, last: ts.ReturnStatement): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) && n !== last) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** The name a timer-resolved promise waits on: the promise itself, one a `Promise.race`/`all` holds, or one a const holds. */
function timerWait(expr: ts.Expression, depth: number): string | undefined {
  const e = skipOuter(expr, RETRY_WRAPPERS);
  if (ts.isNewExpression(e)) return resolvingTimerWait(e);
  if (ts.isIdentifier(e) && depth < 3) {
    const decl = findDeclaration(e.text, e);
    if (!decl || !ts.isVariableDeclaration(decl) || !ts.isVariableDeclarationList(decl.parent)) return undefined;
    return decl.parent.flags & ts.NodeFlags.Const && decl.initializer ? timerWait(decl.initializer, depth + 1) : undefined;
  }
  // `Promise.race([promise, new Promise((r) => setTimeout(r, timeout))])`: the wait, cut short only by the other promise.
  if (ts.isCallExpression(e) && isPromiseCombinator(e.expression) && e.arguments[0] && depth < 3) {
    const list = skipOuter(e.arguments[0], RETRY_WRAPPERS);
    if (!ts.isArrayLiteralExpression(list)) return undefined;
    for (const el of list.elements) {
      const ms = timerWait(el, depth + 1);
      if (ms) return ms;
    }
  }
  return undefined;
}

/** `Promise.race` / `Promise.all` of the global Promise. */
function isPromiseCombinator(callee: ts.Expression): boolean {
  const c = skipOuter(callee, RETRY_WRAPPERS);
  return ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'Promise' &&
    (c.name.text === 'race' || c.name.text === 'all') && !findDeclaration('Promise', c.expression);
}

/**
 * `new Promise((resolve) => setTimeout(resolve, ms))`, the executor doing nothing else but perhaps
 * keeping the timer's handle (`(id = setTimeout(…))`): the name `ms` waits on.
 */
function resolvingTimerWait(e: ts.NewExpression): string | undefined {
  if (!ts.isIdentifier(e.expression) || e.expression.text !== 'Promise') return undefined;
  const executor = e.arguments?.[0] && skipOuter(e.arguments[0], RETRY_WRAPPERS);
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return undefined;
  const [resolve, reject] = executor.parameters;
  if (!resolve || !ts.isIdentifier(resolve.name)) return undefined;
  const timer = onlyCall(executor.body);
  if (!timer || calleeName(timer.expression) !== 'setTimeout' || timer.arguments.length < 2) return undefined;
  const rejectName = reject && ts.isIdentifier(reject.name) ? reject.name.text : undefined;
  if (!runsResolve(timer.arguments[0], resolve.name.text, rejectName)) return undefined;
  return waitName(timer.arguments[1]);
}

/** The one call a function body makes: its expression body, or its block's one statement; seen through `id = call` keeping its handle. */
function onlyCall(body: ts.ConciseBody): ts.CallExpression | undefined {
  let e: ts.Expression | undefined;
  if (!ts.isBlock(body)) e = body;
  else if (body.statements.length === 1 && ts.isExpressionStatement(body.statements[0])) e = body.statements[0].expression;
  else if (body.statements.length === 1 && ts.isReturnStatement(body.statements[0])) e = body.statements[0].expression;
  let c = e && skipOuter(e, RETRY_WRAPPERS);
  if (c && ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.EqualsToken) c = skipOuter(c.right, RETRY_WRAPPERS);
  return c && ts.isCallExpression(c) ? c : undefined;
}

/**
 * The timer's callback is `resolve` itself, or a function that calls it among plain statements
 * (`() => { id = null; resolve(); }`) and never calls `reject`.
 */
function runsResolve(callback: ts.Expression, resolve: string, reject: string | undefined): boolean {
  const cb = skipOuter(callback, RETRY_WRAPPERS);
  if (ts.isIdentifier(cb)) return cb.text === resolve;
  if (!ts.isArrowFunction(cb) && !ts.isFunctionExpression(cb)) return false;
  const statements = ts.isBlock(cb.body) ? cb.body.statements.map((s) => (ts.isExpressionStatement(s) ? s.expression : undefined)) : [cb.body];
  const callees = statements.map((s) => {
    const c = s && skipOuter(s, RETRY_WRAPPERS);
    const callee = c && ts.isCallExpression(c) ? skipOuter(c.expression, RETRY_WRAPPERS) : undefined;
    return callee && ts.isIdentifier(callee) ? callee.text : undefined;
  });
  return statements.every((s) => s !== undefined) && callees.includes(resolve) && (reject === undefined || !callees.includes(reject));
}

/** `ms`, or `seconds * 1000`: the parameter a timer's wait is read from. */
function waitName(arg: ts.Expression): string | undefined {
  const e = skipOuter(arg, RETRY_WRAPPERS);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AsteriskToken) {
    const [l, r] = [skipOuter(e.left, RETRY_WRAPPERS), skipOuter(e.right, RETRY_WRAPPERS)];
    if (ts.isIdentifier(l) && ts.isNumericLiteral(r)) return l.text;
    if (ts.isIdentifier(r) && ts.isNumericLiteral(l)) return r.text;
  }
  return undefined;
}

/** An awaited call that may be another file's wait helper: the fact that says it waits one argument, and that argument. */
export interface ImportedWait {
  fact: RuleFact<TimerHelperFactKind>;
  /** The argument whose milliseconds it would wait. */
  ms: ts.Expression;
}

/**
 * The awaited expression calls a function another project file exports, which may be a wait
 * helper on any of its first arguments: one candidate per argument, at most one of which the
 * helper's file can confirm.
 */
export function candidateWaits(ctx: RuleContext<any, string, any>, awaited: ts.Expression): ImportedWait[] {
  const call = skipOuter(awaited, RETRY_WRAPPERS);
  if (!ts.isCallExpression(call)) return [];
  const helper = importedHelper(ctx, call);
  if (!helper) return [];
  return call.arguments.slice(0, WAIT_PARAMETERS).map((ms, at) => ({ fact: timerHelperFact(helper.file, helper.name, at), ms }));
}
