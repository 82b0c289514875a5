// Promises built from error-first callback flows: `new Promise((resolve, reject) => asyncAuto({
// validate: (cbk) => …, getAlias: ['validate', (res, cbk) => getNode(args, (err, res) => cbk(null, …))] },
// returnResult({ reject, resolve }, cbk)))`. The promise rejects only when `reject` is called, and
// here `reject` is called only when a task hands an error to its callback: a flow whose tasks turn
// their I/O errors into values (`if (err) return cbk(null, { alias: '' })`) and fail only on
// argument checks cannot reject.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { CALLBACK_FLOWS, CALLBACK_PROMISE_ADAPTERS, RESOLVING_ASYNC_CALLS } from '../../engine/knowledge';
import { withoutIndirectCall } from '../../engine/module-symbols';
import { ownEntry } from '../../engine/own-keys';
import type { RuleContext } from '../../engine/types';
import { isAsync, Outer, skipOuter } from '../shared/ast';
import { isArgumentGuarded } from './argument-guards';

const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;

/** `fromRequest`: the arguments come from a request, so argument guards can be met (see rejections.ts). */
type Resolve = Pick<RuleContext, 'resolveCallee'> & { fromRequest?: boolean };
type FunctionExpr = ts.ArrowFunction | ts.FunctionExpression;

/** How far a callback is followed into the flows it is handed to (`auto` → a task → `map` → its iteratee). */
const MAX_FLOW_DEPTH = 4;

/**
 * `new Promise((resolve, reject) => …)` that rejects only through a callback flow none of whose
 * tasks can hand on an error, or through argument guards of the function that builds it.
 * False when anything else may reject it (a `reject` handed elsewhere, a throw, an async executor).
 */
export function isSettlingFlowPromise(e: ts.NewExpression, ctx: Resolve | undefined): boolean {
  if (!ctx || !ts.isIdentifier(e.expression) || e.expression.text !== 'Promise' || findDeclaration('Promise', e.expression)) return false;
  const exec = e.arguments?.[0] && skipOuter(e.arguments[0], SEEN_THROUGH);
  if (!exec || !(ts.isArrowFunction(exec) || ts.isFunctionExpression(exec)) || isAsync(exec)) return false;
  const reject = exec.parameters[1];
  if (!reject || !ts.isIdentifier(reject.name)) return false;
  // The function that builds the promise: its parameters are what the guards test.
  const root = ts.findAncestor(e.parent, ts.isFunctionLike);
  if (!root || throwsUnguarded(exec.body, root, ctx)) return false;
  return usesOf(reject, exec).every((use) => rejectUseSettles(use, root, ctx));
}

/** A `throw` of the executor's own body outside an argument guard: it rejects the promise. */
function throwsUnguarded(body: ts.Node, root: ts.SignatureDeclaration, ctx: Resolve): boolean {
  const visit = (n: ts.Node): boolean => {
    if (ts.isFunctionLike(n)) return false;
    if (ts.isThrowStatement(n) && !guardedHere(n, root, ctx)) return true;
    return ts.forEachChild(n, visit) ?? false;
  };
  return visit(body);
}

/** `reject(…)` under an argument guard, or `reject` handed to an adapter (`returnResult({ reject })`) ending a flow that cannot fail. */
function rejectUseSettles(use: ts.Identifier, root: ts.SignatureDeclaration, ctx: Resolve): boolean {
  if (ts.isCallExpression(use.parent) && use.parent.expression === use) return guardedHere(use.parent, root, ctx);
  const holder = ts.isShorthandPropertyAssignment(use.parent) || (ts.isPropertyAssignment(use.parent) && use.parent.initializer === use)
    ? use.parent.parent : use;
  const adapter = holder.parent;
  if (!ts.isCallExpression(adapter) || !adapter.arguments.includes(holder as ts.Expression) || !isAdapter(adapter, ctx)) return false;
  return callbackValueSettles(adapter, root, ctx, 0);
}

/** A callback value (`returnResult(…)`, a task's `cbk`) is handed on as the final callback of a flow that cannot fail. */
function callbackValueSettles(value: ts.Expression, root: ts.SignatureDeclaration, ctx: Resolve, depth: number): boolean {
  const call = value.parent;
  if (!ts.isCallExpression(call) || depth > MAX_FLOW_DEPTH) return false;
  if (call.arguments[call.arguments.length - 1] !== value) return false;
  // A library call documented to resolve on every failure, in its callback form (ln-sync's `getNodeAlias(args, cbk)`).
  if (isLibraryCall(call, ctx, RESOLVING_ASYNC_CALLS)) return true;
  const tasks = flowTasks(call, ctx);
  return tasks !== undefined && tasks.every((task) => taskSettles(task, root, ctx, depth + 1));
}

/**
 * `await asyncMap(routes, async (route) => …)`: a flow called without its final callback returns a
 * promise that rejects only when one of its async tasks does. Its tasks, when all are async
 * functions written in place; undefined otherwise.
 */
export function promiseFlowTasks(call: ts.CallExpression, ctx: Resolve | undefined): FunctionExpr[] | undefined {
  return ctx ? flowTasks(call, ctx, true) : undefined;
}

/** The task functions of a known flow call, or undefined when it is none or a task is not written in place. */
function flowTasks(call: ts.CallExpression, ctx: Resolve, promiseForm = false): FunctionExpr[] | undefined {
  const r = ctx.resolveCallee(skipOuter(withoutIndirectCall(skipOuter(call.expression, SEEN_THROUGH)), SEEN_THROUGH));
  if (!r?.library) return undefined;
  // `require('async/auto')` is `auto`; `require('async').auto`, `async.auto` the same.
  const [pkg, sub] = r.module.split('/');
  const name = sub !== undefined && (r.call === '' || r.call === 'default') ? sub : sub === undefined ? r.call : undefined;
  if (!name || !CALLBACK_FLOWS.modules.has(pkg)) return undefined;
  const where = ownEntry(CALLBACK_FLOWS.calls, name);
  if (where === undefined) return undefined;
  // The promise form has no final callback after the tasks; the callback form ends with one.
  const hasFinalCallback = call.arguments.length > (where === 'collection' ? 1 : where + 1);
  if (promiseForm === hasFinalCallback) return undefined;
  const written: ts.Expression[] = [];
  if (where === 'collection') {
    const coll = call.arguments[0] && skipOuter(call.arguments[0], SEEN_THROUGH);
    if (!coll) return undefined;
    if (ts.isArrayLiteralExpression(coll)) written.push(...coll.elements);
    else if (ts.isObjectLiteralExpression(coll)) {
      for (const p of coll.properties) {
        if (!ts.isPropertyAssignment(p)) return undefined;
        const v = skipOuter(p.initializer, SEEN_THROUGH);
        // `auto`'s `getAlias: ['validate', (res, cbk) => …]`: the function after its dependencies.
        written.push(ts.isArrayLiteralExpression(v) && v.elements.length ? v.elements[v.elements.length - 1] : v);
      }
    } else return undefined;
  } else {
    if (!call.arguments[where]) return undefined;
    written.push(call.arguments[where]);
  }
  const fns = written.map((w) => skipOuter(w, SEEN_THROUGH));
  return fns.every((f): f is FunctionExpr => (ts.isArrowFunction(f) || ts.isFunctionExpression(f)) && isAsync(f) === promiseForm) ? fns : undefined;
}

/**
 * A task hands no error to its callback (its last parameter): every use of it is a call with no
 * error first (`cbk()`, `cbk(null, value)`), a call under an argument guard, or the final callback
 * of a flow or call that cannot fail. A throw outside a guard fails the task too.
 */
function taskSettles(task: FunctionExpr, root: ts.SignatureDeclaration, ctx: Resolve, depth: number): boolean {
  const cb = task.parameters[task.parameters.length - 1];
  if (!cb || !ts.isIdentifier(cb.name) || throwsUnguarded(task.body, root, ctx)) return false;
  return usesOf(cb, task).every((use) => {
    const call = use.parent;
    if (ts.isCallExpression(call) && call.expression === use) {
      return noError(call.arguments[0]) || guardedHere(call, root, ctx);
    }
    return callbackValueSettles(use, root, ctx, depth);
  });
}

function guardedHere(n: ts.Node, root: ts.SignatureDeclaration, ctx: Resolve): boolean {
  return ctx.fromRequest !== true && isArgumentGuarded(n, root as ts.FunctionLikeDeclaration);
}

/** No error argument: none, `null`, `undefined`. */
function noError(arg: ts.Expression | undefined): boolean {
  const a = arg && skipOuter(arg, SEEN_THROUGH);
  return a === undefined || a.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(a) && a.text === 'undefined') || ts.isVoidExpression(a);
}

function isAdapter(call: ts.CallExpression, ctx: Resolve): boolean {
  return isLibraryCall(call, ctx, CALLBACK_PROMISE_ADAPTERS);
}

function isLibraryCall(call: ts.CallExpression, ctx: Resolve, table: readonly { module: string; calls: ReadonlySet<string> }[]): boolean {
  const r = ctx.resolveCallee(skipOuter(withoutIndirectCall(skipOuter(call.expression, SEEN_THROUGH)), SEEN_THROUGH));
  return r !== undefined && r.library && table.some((k) => k.module === r.module && k.calls.has(r.call));
}

/** Every reference to a parameter within its function (nested functions included). */
function usesOf(param: ts.ParameterDeclaration, fn: FunctionExpr): ts.Identifier[] {
  const name = (param.name as ts.Identifier).text;
  const out: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    // `x.reject` names a property, not the parameter.
    const isPropertyName = ts.isPropertyAccessExpression(n.parent) && n.parent.name === n;
    if (ts.isIdentifier(n) && n.text === name && n !== param.name && !isPropertyName && findDeclaration(name, n) === param) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return out;
}
