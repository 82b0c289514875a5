// A project's own wait helper: a function whose whole work is a promise that a timer resolves
// after its first parameter's milliseconds (janode's `export const delayOp = ms => new Promise((resolve) =>
// { setTimeout(resolve, ms); })`). A retry that awaits one before calling again waits: awaited
// from this file it is read at once; imported from another file, through a project fact that the
// helper's own file records, so the finding is settled once every file has been read.
import { ts } from 'ts-morph';
import type { RuleContext, RuleFact } from '../../engine/types';
import { calleeName, Outer, skipOuter } from '../shared/ast';
import { moduleFunctions, type FunctionNode } from '../unbounded-concurrency/promise-returning';

/** retry-delays' RETRY_WRAPPERS, restated: that module reads this one. */
const RETRY_WRAPPERS = Outer.Parens | Outer.NonNull | Outer.As | Outer.AngleAssertion;

export type TimerHelperFactKind = 'timer-helper';

/** The fact that `name`, exported by `file`, waits its first argument's milliseconds and does nothing else. */
export function timerHelperFact(file: string, name: string): RuleFact<TimerHelperFactKind> {
  return { kind: 'timer-helper', ref: { file, name } };
}

/** Records a fact for every function this file exports that is a wait helper on its first parameter. */
export function recordTimerHelpers(ctx: RuleContext<any, string, any>): void {
  moduleFunctions(ctx.sourceFile, (name, fn) => {
    if (timerParameter(fn) === 0) ctx.addFact(timerHelperFact(ctx.file, name));
  });
}

/**
 * The call's callee is a function exported by another project file (`delayOp(ms)` imported from
 * `./utils`): the fact under which it is a wait helper. Undefined for library and local calls.
 */
export function importedHelperFact(ctx: RuleContext<any, string, any>, call: ts.CallExpression): RuleFact<TimerHelperFactKind> | undefined {
  const callee = skipOuter(call.expression, RETRY_WRAPPERS);
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) return undefined;
  const resolved = ctx.resolveCallee(callee);
  if (!resolved || resolved.library || resolved.module === ctx.file) return undefined;
  const name = resolved.call === '' ? 'default' : resolved.call;
  return name.split('.').length > 2 ? undefined : timerHelperFact(resolved.module, name);
}

/**
 * The index of the parameter whose milliseconds the function waits, when its body is only a
 * promise resolved by a timer: `(ms) => new Promise((r) => setTimeout(r, ms))`, or a block that
 * returns (or awaits) one, the timer's wait being the parameter (or the parameter times a number:
 * `setTimeout(resolve, seconds * 1000)`). A promise that a timer rejects (a deadline) is no wait.
 */
export function timerParameter(fn: FunctionNode | ts.FunctionLikeDeclaration): number | undefined {
  const body = fn.body;
  if (!body) return undefined;
  let promise: ts.Expression | undefined;
  if (!ts.isBlock(body)) promise = body;
  else if (body.statements.length === 1) {
    const only = body.statements[0];
    if (ts.isReturnStatement(only)) promise = only.expression;
    else if (ts.isExpressionStatement(only) && ts.isAwaitExpression(skipOuter(only.expression, RETRY_WRAPPERS))) {
      promise = (skipOuter(only.expression, RETRY_WRAPPERS) as ts.AwaitExpression).expression;
    }
  }
  const ms = promise && resolvingTimerWait(skipOuter(promise, RETRY_WRAPPERS));
  if (!ms) return undefined;
  const at = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === ms);
  return at >= 0 ? at : undefined;
}

/** `new Promise((resolve) => setTimeout(resolve, ms))` (the executor doing nothing else): the name `ms` waits on. */
function resolvingTimerWait(e: ts.Expression): string | undefined {
  if (!ts.isNewExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'Promise') return undefined;
  const executor = e.arguments?.[0] && skipOuter(e.arguments[0], RETRY_WRAPPERS);
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return undefined;
  const resolve = executor.parameters[0];
  if (!resolve || !ts.isIdentifier(resolve.name)) return undefined;
  const timer = onlyCall(executor.body);
  if (!timer || calleeName(timer.expression) !== 'setTimeout' || timer.arguments.length < 2) return undefined;
  if (!runsResolve(timer.arguments[0], resolve.name.text)) return undefined;
  return waitName(timer.arguments[1]);
}

/** The one call a function body makes: its expression body, or its block's one expression statement. */
function onlyCall(body: ts.ConciseBody): ts.CallExpression | undefined {
  let e: ts.Expression | undefined;
  if (!ts.isBlock(body)) e = body;
  else if (body.statements.length === 1 && ts.isExpressionStatement(body.statements[0])) e = body.statements[0].expression;
  else if (body.statements.length === 1 && ts.isReturnStatement(body.statements[0])) e = body.statements[0].expression;
  const c = e && skipOuter(e, RETRY_WRAPPERS);
  return c && ts.isCallExpression(c) ? c : undefined;
}

/** The timer's callback is `resolve` itself, or a function that only calls it. */
function runsResolve(callback: ts.Expression, resolve: string): boolean {
  const cb = skipOuter(callback, RETRY_WRAPPERS);
  if (ts.isIdentifier(cb)) return cb.text === resolve;
  if (!ts.isArrowFunction(cb) && !ts.isFunctionExpression(cb)) return false;
  const call = onlyCall(cb.body);
  const callee = call && skipOuter(call.expression, RETRY_WRAPPERS);
  return callee !== undefined && ts.isIdentifier(callee) && callee.text === resolve;
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

/** An awaited call that may be another file's wait helper: the fact that says it is, and the wait it would be. */
export interface ImportedWait {
  fact: RuleFact<TimerHelperFactKind>;
  /** Its first argument: the milliseconds it would wait. */
  ms: ts.Expression | undefined;
}

/** The awaited expression calls a function another project file exports, which may be a wait helper. */
export function importedWait(ctx: RuleContext<any, string, any>, awaited: ts.Expression): ImportedWait | undefined {
  const call = skipOuter(awaited, RETRY_WRAPPERS);
  if (!ts.isCallExpression(call)) return undefined;
  const fact = importedHelperFact(ctx, call);
  return fact && { fact, ms: call.arguments[0] };
}
