// unhandled-async-callback: an async function handed to an API that ignores the promise it
// returns (an EventEmitter listener, a timer callback, an Express 4 route handler), with an
// `await` or `throw` no try/catch covers. Its rejection is unhandled, and since Node 15 an
// unhandled rejection ends the process. Which APIs ignore the promise, and which frameworks
// handle it, is data in callback-sinks.ts; Express 5 is recognised from package.json.
import { clipText } from '../shared/clip-text';
import { calleeText } from '../shared/callee-text';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { codeStyle, indentationAt, semi } from '../../engine/fix-text';
import { withoutIndirectCall } from '../../engine/module-symbols';
import { findDeclaration } from '../../engine/scope';
import type { Fix, Report, RuleContext, RuleFact } from '../../engine/types';
import { enclosingFunction, isAsync, skipOuter } from '../shared/ast';
import { cliPackageFact, isShortLivedProgram, recordCliPackageFacts, type CliPackageFactKind } from '../shared/program-lifetime';
import { calleeKey, exportKeys } from '../shared/run-once';
import { reindent } from '../shared/reindent';
import {
  CALLBACK_FUNCTION_NAMES, CALLBACK_FUNCTIONS, FRAMEWORKS, LISTENER_METHODS, ROUTE_METHODS, handlesRejectionsFact, REJECTION_PATCHES, type Framework,
} from './callback-sinks';
import { handedAsyncFunction, handedFunction } from './handed-values';
import { asyncExecutorOf } from './async-executors';
import { awaitsItsListeners, HANDLER_METHOD, subscribesByHandlerMethod } from './awaiting-library-emitters';
import { throwsOnlyInTheCall } from './synchronous-throws';
import { KEPT_RUNNING_MESSAGE, keptRunningData } from './kept-running';
import { chainedCallbackNames } from './chained-callbacks';
import { madeFrom } from '../shared/made-from';
import { isDevelopmentOnly, servesDevelopmentBuild } from './development-only';
import { falseParameters, listenerResolver, localCallee, rejectionsOf, requestResolver, SEEN_THROUGH, settlesFacts, type FunctionWithBody, type SettlesFact } from './rejections';
import { isComponentFile, runsInBrowser } from '../shared/browser-code';
import { underOtherRuntimeGuard } from '../shared/other-runtimes';
import { isShutdownEvent, leadsToExit, rejectionPolicy, skippedStep } from './shutdown-paths';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { awaitedListenerFact, awaitedListenerFacts, type AwaitsKind, type CollectsKind } from './awaited-listeners';
import { awaitedEmissionCondition, awaitedEmissionFacts, type AwaitsEachKind, type EmitsAwaitedKind, type EmitsPlainKind } from './awaited-emissions';
import { awaitedArgumentFact, awaitedArgumentFacts, type AwaitsArgumentKind } from './awaited-arguments';

type Options = Record<string, never>;

/** Where the async function was handed: the message and the fix depend on it. */
type Sink =
  // `call` is the registration: `ws.on('message', fn)`, or the assignment `ws.onmessage = fn`.
  | { kind: 'listener'; call: ts.CallExpression | ts.BinaryExpression; text: string }
  // `deferred`: `queueMicrotask`, `process.nextTick`: a callback run once soon, not a timer (worded so).
  | { kind: 'timer'; call: ts.CallExpression; text: string; deferred?: boolean }
  // `chained`: the project's methods of the called name return the callback into a caught chain (see chained-callbacks.ts).
  | { kind: 'callback'; call: ts.CallExpression; text: string; chained?: RuleFact<FactKind> }
  | { kind: 'route'; call: ts.CallExpression; text: string; framework: Framework; fromDependency?: boolean };

const CRASH = 'When it rejects, the rejection is unhandled, and Node (15 and later) ends the process on an unhandled rejection, ' +
  'taking every in-flight request and job with it (no `unhandledRejection` or `uncaughtException` handler in this package keeps it up).';

/** The project facts this rule records and reads. */
type FactKind = 'handles-async-rejections' | 'depends-on' | 'rejections-kept-up' | 'rejections-end-process' | 'uncaught-handler-runs-on' | 'command-ends-on-rejection' | 'express-route' |
  'callback-chained' |
  CliPackageFactKind | SettlesFact['kind'] | CollectsKind | AwaitsKind | AwaitsEachKind | EmitsAwaitedKind | EmitsPlainKind | AwaitsArgumentKind;

type MessageId = 'listener' | 'timer' | 'deferred' | 'callback' | 'route' | 'routeElsewhere' | 'callbackApi' | 'shutdown' | 'executor' | 'asyncExecutor' | 'dropped' | 'keptRunning';

type Context = RuleContext<Options, MessageId, FactKind>;

const rule = createRule<Options, MessageId, FactKind>({
  meta: {
    id: 'unhandled-async-callback',
    description: 'An async function handed to an API that ignores its promise (emitter listener, timer, Express 4 route) with awaits no try/catch covers.',
    defaultSeverity: 'error',
    fixable: { safe: '`try/catch` passing the error to `next(err)` in an Express route', suggestion: '`try/catch` logging the error elsewhere' },
    fileKinds: ['script', 'package-json'],
    // A finding is an async function that awaits or throws; `rejections-kept-up` names the event.
    // Elsewhere only the `settles` facts of `facts` below.
    needs: { anyOf: [['async', 'await'], ['async', 'throw'], 'unhandledRejection', 'uncaughtException'] },
    messages: {
      listener: 'Nothing handles a rejection of this async listener: wrap its body in try/catch.\n' +
        `\`{{sink}}\` ignores the promise the listener returns (EventEmitters do not await listeners), and nothing here catches \`{{rejects}}\`. ${CRASH} ` +
        "Handle the error in the catch (log it, emit 'error', nack the message).",
      timer: 'Nothing handles a rejection of this async timer callback: wrap its body in try/catch.\n' +
        `\`{{sink}}\` ignores the promise the callback returns, and nothing here catches \`{{rejects}}\`. ${CRASH} ` +
        'Handle the error in the catch (log it, count it, stop the timer).',
      deferred: 'Nothing handles a rejection of this async deferred callback: wrap its body in try/catch.\n' +
        `\`{{sink}}\` runs the callback once, right after the current code, and ignores the promise it returns; nothing here catches \`{{rejects}}\`. ${CRASH} ` +
        'Handle the error in the catch (log it, or settle what waits on the work).',
      callback: 'Nothing handles a rejection of this async callback: wrap its body in try/catch.\n' +
        `\`{{sink}}\` calls it Node-style, error first, and ignores the promise it returns; nothing here catches \`{{rejects}}\`. ${CRASH} ` +
        'Handle the error in the catch (log it, hand it to your own callback).',
      route: 'Express 4 ignores a rejection of this async handler: catch it and pass it to `next(err)`.\n' +
        '`{{sink}}`: Express 4 calls the handler and ignores the promise it returns. When `{{rejects}}` rejects, no response is sent ' +
        '(the request hangs until the client gives up), and the unhandled rejection ends the Node process (15 and later; no ' +
        '`unhandledRejection` or `uncaughtException` handler in this package keeps it up). Wrap the body in try/catch and call `next(err)` (Express 5 does this itself).',
      routeElsewhere: 'Express 4 ignores a rejection of this async route handler: catch it and pass it to `next(err)`.\n' +
        'Another file registers it as an Express 4 route, and Express 4 calls the handler and ignores the promise it returns. When `{{rejects}}` rejects, no response is sent ' +
        '(the request hangs until the client gives up), and the unhandled rejection ends the Node process (15 and later; no ' +
        '`unhandledRejection` or `uncaughtException` handler in this package keeps it up). Wrap the body in try/catch and call `next(err)` (Express 5 does this itself).',
      callbackApi: 'Nothing handles a rejection of this async function: its callers drop the promise and wait for `{{cb}}`.\n' +
        'It hands its outcome to `{{cb}}`, and every call of it here drops the promise it returns; nothing catches `{{rejects}}`. When it rejects, ' +
        '`{{cb}}` is never called, so the caller waits forever, and the rejection is unhandled, which ends the Node process (15 and later; no ' +
        '`unhandledRejection` or `uncaughtException` handler in this package keeps it up). Wrap the body in try/catch and pass the error to `{{cb}}(err)`.',
      executor: 'A rejection here leaves the enclosing promise pending forever: catch it and reject that promise.\n' +
        '`{{sink}}` ignores the promise the callback returns. When `{{rejects}}` rejects, `{{resolve}}()` is never called, so ' +
        'the `new {{promise}}(…)` around it never settles and whatever awaits it hangs. The rejection is also unhandled, which ' +
        'ends the process (Node 15 and later) unless an `unhandledRejection` handler keeps it up. Wrap the body in try/catch ' +
        "and pass the error to the executor's reject.",
      asyncExecutor: 'The Promise constructor ignores the promise this async executor returns: catch the rejection and reject `new {{promise}}(…)` with it.\n' +
        '`new {{promise}}(async …)` calls the executor and drops what it returns, so when `{{rejects}}` rejects, the promise being made does not reject: ' +
        'unless `{{resolve}}` was called before, it never settles and whatever awaits it hangs (a try/catch around that `await` never sees the error). ' +
        'The rejection itself is unhandled, which ends the process (Node 15 and later) unless an `unhandledRejection` or `uncaughtException` handler keeps it up. ' +
        "Wrap the body in try/catch and pass the error to the executor's reject (or drop `async`, and chain the awaited call with `.then(resolve, reject)`).",
      keptRunning: KEPT_RUNNING_MESSAGE,
      dropped: 'Nothing handles a rejection of `{{call}}` in this {{where}}: add `.catch(…)`.\n' +
        `\`{{sink}}\` ignores what the callback returns, and the callback drops the promise of the async \`{{call}}\`, where nothing catches \`{{rejects}}\`. ${CRASH} ` +
        'Catch it where it is dropped (`.catch((err) => …)`: log it, count it), or inside the async function.',
      shutdown: 'A rejection in this async shutdown handler skips the rest of the shutdown: catch it.\n' +
        '`{{sink}}` ignores the promise the handler returns. When `{{rejects}}` rejects, `{{skipped}}` and the rest of the shutdown ' +
        'never run, and the rejection is unhandled: the process dies with exit code 1 and a stack trace instead of shutting down ' +
        'cleanly, or, where an `unhandledRejection` handler only logs, keeps running after it was told to stop. Wrap the awaits ' +
        'in try/catch (or try/finally) so the shutdown always finishes.',
    },
    options: {},
  },

  create(ctx) {
    recordCliPackageFacts(ctx, CLI_PACKAGE);
    if (ctx.kind === 'package-json') {
      return { [ts.SyntaxKind.SourceFile]: (sf: ts.SourceFile) => recordDependencies(ctx, sf) };
    }
    const reported = new Set<ts.Node>();
    // An async function whose dropped promise is reported once: the fix belongs in it, not at each timer.
    const droppedTargets = new Set<ts.Node>();
    const onFunction = (fn: ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration): void => {
      if (!ts.isMethodDeclaration(fn)) reportRouteElsewhere(ctx, fn as FunctionWithBody);
      if (reportCallbackApi(ctx, fn as FunctionWithBody)) reported.add(fn);
    };
    return {
      [ts.SyntaxKind.MethodDeclaration]: onFunction,
      [ts.SyntaxKind.FunctionDeclaration]: onFunction,
      [ts.SyntaxKind.FunctionExpression]: onFunction,
      [ts.SyntaxKind.ArrowFunction]: onFunction,
      [ts.SyntaxKind.BinaryExpression](assignment: ts.BinaryExpression) {
        const fn = handlerAssigned(assignment);
        if (!fn || reported.has(fn) || runsInBrowser(assignment)) return;
        const sink: Sink = { kind: 'listener', call: assignment, text: `${clipText(assignment.left.getText(ctx.sourceFile).replace(/\s+/g, ''), 40)} = …` };
        const rejections = rejectionsOf(fn, listenerResolver(ctx));
        if (throwsOnlyInTheCall(fn, allPoints(rejections))) return;
        const waitsFor = uniqueFacts(rejections.pending.flatMap((p) => p.waitsFor));
        const point = rejections.sure[0] ?? rejections.pending[0]?.point;
        if (point && reportUnhandled(ctx, fn, sink, point, rejections.sure.length ? [] : waitsFor)) reported.add(fn);
      },
      [ts.SyntaxKind.NewExpression](made: ts.NewExpression) {
        const fn = reportAsyncExecutor(ctx, made);
        if (fn) reported.add(fn);
      },
      [ts.SyntaxKind.CallExpression](call: ts.CallExpression) {
        if (!couldBeSink(call)) return;
        recordRejectionPolicy(ctx, call);
        recordRouteHandlers(ctx, call);
        for (const arg of call.arguments) {
          const fn = handedAsyncFunction(arg);
          if (!fn) {
            reportDroppedPromises(ctx, call, arg, reported, droppedTargets);
            continue;
          }
          if (reported.has(fn) || fn.getSourceFile() !== ctx.sourceFile) continue;
          // Reported by the function visitor with its callback API's message, whichever is visited first.
          if (callbackApiOf(ctx, fn as FunctionWithBody)) continue;
          const sink = sinkOf(ctx, call, arg);
          if (!sink) continue;
          const rejections = rejectionsOf(fn, sink.kind === 'listener' ? listenerResolver(ctx) : sink.kind === 'route' ? requestResolver(ctx) : ctx);
          if ((sink.kind === 'listener' || sink.kind === 'timer') && throwsOnlyInTheCall(fn, allPoints(rejections))) continue;
          // A point that surely rejects is reported as is; points that reject unless other files' functions
          // settle wait for those facts: the finding goes when every one of them is in the project.
          const waitsFor = uniqueFacts(rejections.pending.flatMap((p) => p.waitsFor));
          const point = rejections.sure[0] ?? rejections.pending[0]?.point;
          if (!point) continue;
          const unless = rejections.sure.length ? [] : waitsFor;
          if (reportUnhandled(ctx, fn, sink, point, unless)) reported.add(fn);
        }
      },
      end: () => {
        recordSettles(ctx);
        recordChainedCallbacks(ctx);
      },
    };
  },

  facts(ctx) {
    return {
      [ts.SyntaxKind.CallExpression](call: ts.CallExpression) {
        if (couldBeSink(call)) recordRouteHandlers(ctx, call);
      },
      end: () => {
        recordSettles(ctx);
        recordChainedCallbacks(ctx);
      },
    };
  },
});

/**
 * `router.get('/job/:id', jobDetails)` with `jobDetails` another project file's function
 * (`require('./jobDetails')`, an import, `controller.show`): that function is an Express 4 route
 * handler, which its own file reports if it can reject.
 */
function recordRouteHandlers(ctx: Context, call: ts.CallExpression): void {
  const callee = calleeOf(call);
  if (!ts.isPropertyAccessExpression(callee) || !ROUTE_METHODS.includes(callee.name.text)) return;
  for (const arg of call.arguments) {
    const a = skipOuter(arg, SEEN_THROUGH);
    if (!ts.isIdentifier(a) && !ts.isPropertyAccessExpression(a) && !ts.isCallExpression(a)) continue;
    const key = calleeKey(ctx, a);
    if (!key || key.startsWith(`${ctx.file}#`)) continue;
    const sink = knownSinkOf(ctx, call, arg, true);
    if (sink?.kind === 'route' && sink.framework.module === 'express') ctx.addFact({ kind: 'express-route', ref: key });
  }
}

/**
 * `new Promise(async (resolve) => { await connection.connect(resolve) })`: the constructor drops the
 * executor's promise, so a rejection in it neither rejects the promise being made nor is handled.
 * Reported at the executor when its body can reject; the fix passes the error to the executor's
 * reject, declared for it when the executor takes only `resolve`. Returns the function reported.
 */
function reportAsyncExecutor(ctx: Context, made: ts.NewExpression): FunctionWithBody | undefined {
  const executor = asyncExecutorOf(made);
  if (!executor || executor.fn.getSourceFile() !== ctx.sourceFile) return undefined;
  const { fn } = executor;
  // Page code has no process to end, and no Node service waits on it.
  if (runsInBrowser(made) || isComponentFile(ctx.sourceFile) || underOtherRuntimeGuard(made)) return undefined;
  const rejections = rejectionsOf(fn, ctx);
  const point = rejections.sure[0] ?? rejections.pending[0]?.point;
  if (!point) return undefined;
  const waitsFor = rejections.sure.length ? [] : uniqueFacts(rejections.pending.flatMap((p) => p.waitsFor));
  ctx.report({
    range: headerRange(ctx, fn),
    messageId: 'asyncExecutor',
    data: { promise: executor.promise, rejects: rejectionText(ctx, point), resolve: executor.resolve ?? 'resolve' },
    suggestions: [executorFix(ctx, fn, executor.reject)],
    unlessAll: waitsFor.length ? waitsFor : undefined,
  });
  return fn;
}

/** try/catch passing the error to the executor's reject; `(resolve)` gets `, reject` added, as a maintainer writes it. */
function executorFix(ctx: Context, fn: FunctionWithBody, reject: string | undefined): Fix {
  if (reject) return wrapFix(ctx, fn, [`${reject}(err)`], `Wrap the body in try/catch and pass the error to ${reject}(err)`);
  const params = fn.parameters;
  const parenthesized = fn.getChildren(ctx.sourceFile).some((c) => c.kind === ts.SyntaxKind.OpenParenToken);
  if (params.length === 1 && ts.isIdentifier(params[0].name) && !params[0].dotDotDotToken && parenthesized && !usesName(fn.body, 'reject') && !findDeclaration('reject', fn)) {
    const type = params[0].type ? ': (reason?: unknown) => void' : '';
    const addParam = ctx.edit({ start: params[0].end, end: params[0].end }, `, reject${type}`);
    const wrap = wrapFix(ctx, fn, ['reject(err)'], 'Wrap the body in try/catch and pass the error to reject(err)');
    return { ...wrap, edits: [addParam, ...wrap.edits] };
  }
  return wrapFix(ctx, fn, ['console.error(err)'], 'Wrap the body in try/catch and log the error');
}

/** A last parameter that carries a function's outcome back to its caller, Node-style. */
const OUTCOME_CALLBACK = /^(cb|callback|done)$/;

/**
 * `async _request(url, params, cb) { … cb(null, data) }` called as `this._request(url, params, (err, data) => …)`:
 * an async function with a callback API, whose callers in this file all drop its promise and
 * wait for the callback. A rejection outside its try/catch skips the callback and is unhandled
 * (bittorrent-tracker's `await res.arrayBuffer()` after a try that covered only the fetch).
 */
function reportCallbackApi(ctx: Context, fn: FunctionWithBody): boolean {
  const found = callbackApiOf(ctx, fn);
  if (!found) return false;
  const { cb, point, waitsFor } = found;
  reportCrash(ctx, fn, {
    range: headerRange(ctx, fn),
    messageId: 'callbackApi',
    data: { cb, rejects: rejectionText(ctx, point) },
    suggestions: [wrapFix(ctx, fn, [`${cb}(err)`], `Wrap the body in try/catch and pass the error to ${cb}(err)`)],
    unlessAny: [keptUpFact(ctx)],
    unlessAll: waitsFor.length ? waitsFor : undefined,
  });
  return true;
}

/** What `callbackApi` reports for a function, worked out once per function (the sink visitor asks too). */
type CallbackApi = { cb: string; point: ts.Node; waitsFor: SettlesFact[] };
/** Per file run (one context), so a finding never reads facts of another run. */
const callbackApis = new WeakMap<Context, Map<ts.Node, CallbackApi | null>>();

/**
 * The function has a callback API (see `reportCallbackApi`) and can reject: `callbackApi` reports it.
 * That message is the most specific one for the function, so a registration of the same function
 * (`characteristic.on('get', this.getSwitch.bind(this))`, whose 'get' hands it the callback) does not
 * report it a second time: one function, one finding.
 */
function callbackApiOf(ctx: Context, fn: FunctionWithBody): CallbackApi | undefined {
  let seen = callbackApis.get(ctx);
  if (!seen) callbackApis.set(ctx, (seen = new Map()));
  const known = seen.get(fn);
  if (known !== undefined) return known ?? undefined;
  const found = findCallbackApi(ctx, fn);
  seen.set(fn, found ?? null);
  return found;
}

function findCallbackApi(ctx: Context, fn: FunctionWithBody): CallbackApi | undefined {
  if (!isAsync(fn) || !fn.body || !ts.isBlock(fn.body) || isShortLivedProgram(ctx.sourceFile)) return undefined;
  const last = fn.parameters[fn.parameters.length - 1];
  if (!last || !ts.isIdentifier(last.name) || !OUTCOME_CALLBACK.test(last.name.text)) return undefined;
  const cb = last.name.text;
  if (!callsName(fn.body, cb)) return undefined;
  const calls = callsInFile(ctx.sourceFile, fn);
  if (!calls.length || !calls.every(dropsResult)) return undefined;
  const rejections = rejectionsOf(fn, ctx);
  const point = rejections.sure[0] ?? rejections.pending[0]?.point;
  if (!point) return undefined;
  const waitsFor = rejections.sure.length ? [] : uniqueFacts(rejections.pending.flatMap((p) => p.waitsFor));
  return { cb, point, waitsFor };
}

/** `cb(…)` somewhere in the body (also in nested callbacks): the outcome goes through it. */
function callsName(body: ts.Node, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

/** The calls of this file that run `fn` (`this._request(…)`, `announce(…)`). */
function callsInFile(sf: ts.SourceFile, fn: FunctionWithBody): ts.CallExpression[] {
  const name = fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name)) ? fn.name.text : undefined;
  if (!name) return [];
  const out: ts.CallExpression[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isCallExpression(n)) {
      const callee = skipOuter(n.expression, SEEN_THROUGH);
      const named = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (named === name && localCallee(n) === fn) out.push(n);
    }
  };
  walkTree(sf, visit);
  return out;
}

/** The call is a statement of its own: nothing awaits, returns, chains or keeps its promise (`void` says it is dropped on purpose). */
function dropsResult(call: ts.CallExpression): boolean {
  let n: ts.Node = call;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  return ts.isExpressionStatement(n.parent);
}

/**
 * An exported async `(req, res)` function that can reject, reported where it is declared when some
 * other file registers it as an Express 4 route (the `express-route` fact): a controller file's
 * handlers, mounted by a routes file.
 */
function reportRouteElsewhere(ctx: Context, fn: FunctionWithBody): void {
  if (!isAsync(fn) || !fn.body || !takesRequest(fn)) return;
  const keys = exportKeys(fn, ctx.file);
  if (!keys.length || isShortLivedProgram(ctx.sourceFile)) return;
  const rejections = rejectionsOf(fn, requestResolver(ctx));
  const point = rejections.sure[0] ?? rejections.pending[0]?.point;
  if (!point) return;
  const waitsFor = rejections.sure.length ? [] : uniqueFacts(rejections.pending.flatMap((p) => p.waitsFor));
  const express = FRAMEWORKS.find((f) => f.module === 'express')!;
  const packageDir = ctx.packageDir ?? path.dirname(ctx.file);
  const route = routeFix(ctx, fn, express, undefined);
  reportCrash(ctx, fn, {
    range: headerRange(ctx, fn),
    messageId: 'routeElsewhere',
    data: { rejects: rejectionText(ctx, point) },
    fixes: route ? [route] : undefined,
    onlyIfAny: keys.map((ref): RuleFact<FactKind> => ({ kind: 'express-route', ref })),
    // The package runs on Express (4, unless `handles-async-rejections` says 5) and no framework that catches for it.
    onlyIfAll: [dependsOnFact(express.module, packageDir)],
    unlessAny: [keptUpFact(ctx), handlesRejectionsFact(express.module, packageDir), ...FRAMEWORKS.filter((f) => f.handlesRejections).map((f) => dependsOnFact(f.module, packageDir))],
    unlessAll: waitsFor.length ? waitsFor : undefined,
  });
}

/** This file's methods that return the callback they are handed into a promise chain with a `.catch`. */
function recordChainedCallbacks(ctx: Context): void {
  for (const name of chainedCallbackNames(ctx.sourceFile)) ctx.addFact(chainedFact(ctx, name));
}

function chainedFact(ctx: Context, name: string): RuleFact<FactKind> {
  return { kind: 'callback-chained', ref: `${name}@${ctx.packageDir ?? path.dirname(ctx.file)}` };
}

/** Which of this file's functions settle, for findings in the files that await them. */
function recordSettles(ctx: Context): void {
  for (const { fact, ifAll } of settlesFacts(ctx.sourceFile, ctx.packageDir ?? path.dirname(ctx.file), ctx)) ctx.addFact(fact, ifAll.length ? ifAll : undefined);
  for (const { fact, ifAll } of awaitedListenerFacts(ctx.sourceFile, ctx)) ctx.addFact(fact, ifAll);
  for (const { fact, ifAll } of awaitedEmissionFacts(ctx.sourceFile, ctx)) ctx.addFact(fact, ifAll);
  for (const { fact } of awaitedArgumentFacts(ctx.sourceFile)) ctx.addFact(fact);
}

export default rule;

// ---- Where the async function goes ----

/** Only calls whose last name can be a timer, a server factory, a listener or route registration are looked at further. */
function couldBeSink(call: ts.CallExpression): boolean {
  const callee = calleeOf(call);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (name === undefined) return false;
  return CALLBACK_FUNCTION_NAMES.has(name) || LISTENER_METHODS.has(name) || ROUTE_METHODS.includes(name) || FRAMEWORKS.some((f) => f.methods.includes(name)) ||
    HANDLER_METHOD.test(name) ||
    nodeStyleCallback(call) !== undefined;
}

/** Names of the first parameter of a Node-style callback: the error it is called with. */
const ERROR_PARAMETER = /^(err|error|\w+(Err|Error))$/;
/** HTTP verbs: `cache.get(key, async (err, value) => …)` is as Node-style as any other call. */
const HTTP_VERBS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'head']);
/**
 * Calls that take a callback but are no Node-style API: promise chains, listener registrations,
 * and a web framework's registrations (`app.setErrorHandler(async (error, request, reply) => …)`,
 * `app.use(async (err, req, res, next) => …)`), whose first parameter is the error being handled.
 */
const NOT_NODE_STYLE: ReadonlySet<string> = new Set(['then', 'catch', 'finally', ...LISTENER_METHODS, 'removeListener', 'off',
  ...ROUTE_METHODS.filter((m) => !HTTP_VERBS.has(m)), ...FRAMEWORKS.flatMap((f) => f.methods).filter((m) => !HTTP_VERBS.has(m))]);

/**
 * `transport.sendMail(opts, async (error, info) => { … })`, `fs.readFile(p, async (err, data) => …)`:
 * an inline async function handed last, its first parameter the error. A Node-style API calls it
 * and drops what it returns. Calls of this file's or this class's own functions are left out: the
 * project may await what it hands itself.
 */
function nodeStyleCallback(call: ts.CallExpression): FunctionWithBody | undefined {
  const last = call.arguments[call.arguments.length - 1];
  const fn = last && skipOuter(last, SEEN_THROUGH);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !isAsync(fn)) return undefined;
  const first = fn.parameters[0];
  if (!first || !ts.isIdentifier(first.name) || !ERROR_PARAMETER.test(first.name.text)) return undefined;
  const callee = calleeOf(call);
  if (ts.isPropertyAccessExpression(callee)) {
    if (NOT_NODE_STYLE.has(callee.name.text) || callee.expression.kind === ts.SyntaxKind.ThisKeyword) return undefined;
  } else if (!ts.isIdentifier(callee)) return undefined;
  return fn;
}

/**
 * The function a call names, past parentheses and the `(0, http_1.createServer)(…)` form
 * TypeScript and Babel compile an imported function's call to.
 */
function calleeOf(call: ts.CallExpression): ts.Expression {
  return skipOuter(withoutIndirectCall(skipOuter(call.expression, SEEN_THROUGH)), SEEN_THROUGH);
}

/** Event-handler properties an emitter calls, as `ws` and worker ports name them: `onmessage`, `onerror`, `onclose`. */
const HANDLER_PROPERTY = /^on(message|error|close|open|data|end|connect|connection|request|upgrade|ping|pong|exit|disconnect|timeout)$/;

/** `ws.onmessage = async (msg) => { … }`: an async function handed to an emitter by assigning its handler property. */
function handlerAssigned(assignment: ts.BinaryExpression): FunctionWithBody | undefined {
  if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(assignment.left)) return undefined;
  if (!HANDLER_PROPERTY.test(assignment.left.name.text) || assignment.left.expression.kind === ts.SyntaxKind.ThisKeyword) return undefined;
  const fn = handedAsyncFunction(assignment.right);
  return fn && fn.getSourceFile() === assignment.getSourceFile() ? fn : undefined;
}

function sinkOf(ctx: Context, call: ts.CallExpression, arg: ts.Expression): Sink | undefined {
  const sink = knownSinkOf(ctx, call, arg);
  if (sink || nodeStyleCallback(call) !== skipOuter(arg, SEEN_THROUGH)) return sink;
  // A function of this project (this file's, or another file's) may await the callback it is handed.
  const resolved = ctx.resolveCallee(calleeOf(call));
  if (resolved && !resolved.library) return undefined;
  if (!resolved && ts.isIdentifier(calleeOf(call)) && findDeclaration((calleeOf(call) as ts.Identifier).text, call)) return undefined;
  // A method on an object this file cannot see: the project's methods of that name may return the callback into a caught chain.
  const callee = calleeOf(call);
  const chained = ts.isPropertyAccessExpression(callee) ? chainedFact(ctx, callee.name.text) : undefined;
  return { kind: 'callback', call, text: `${calleeText(callee, ctx.sourceFile, 40)}(…)`, chained };
}

/** `handedElsewhere`: the argument names another file's function, whose parameters that file checks. */
function knownSinkOf(ctx: Context, call: ts.CallExpression, arg: ts.Expression, handedElsewhere = false): Sink | undefined {
  const callee = calleeOf(call);
  const sf = ctx.sourceFile;
  const lastName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (lastName !== undefined && CALLBACK_FUNCTION_NAMES.has(lastName)) {
    // Resolving is a scope walk: only for the few names that can be timers or server factories.
    const r = ctx.resolveCallee(callee);
    const called = r?.module === 'timers' ? r.call.replace(/^timers\./, '') : r?.call;
    const known = r && CALLBACK_FUNCTIONS.find((f) => f.module === r.module && f.call === called);
    if (known) {
      const args = call.arguments;
      const handed = known.argument === 'first' ? args[0] : args[args.length - 1];
      if (handed !== arg) return undefined;
      return known.kind === 'timer'
        ? { kind: 'timer', call, text: `${callee.getText(sf)}(…)`, ...(known.deferred ? { deferred: true } : {}) }
        : { kind: known.kind, call, text: `${callee.getText(sf)}(…)` };
    }
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  // `this._ircClient.onRegister(async () => …)`: the handler is the only argument.
  if (HANDLER_METHOD.test(method) && call.arguments.length === 1 && call.arguments[0] === arg && subscribesByHandlerMethod(ctx, callee.expression)) {
    return { kind: 'listener', call, text: `${receiverBrief(callee.expression, sf)}.${method}(…)` };
  }
  const isListener = LISTENER_METHODS.has(method);
  const isRoute = ROUTE_METHODS.includes(method);
  if (!isListener && !isRoute && !FRAMEWORKS.some((f) => f.methods.includes(method))) return undefined;
  const origin = originOf(ctx, callee.expression);
  const text = `${receiverBrief(callee.expression, sf)}.${method}(${firstArgText(ctx, call, arg)}…)`;
  if (origin.kind === 'framework' && origin.framework.methods.includes(method)) {
    if (origin.framework.handlesRejections) return undefined;
    return { kind: 'route', call, text, framework: origin.framework };
  }
  if (isListener) {
    if (!isEventName(call.arguments[0], arg) || origin.kind === 'interactive-console' || awaitsItsListeners(ctx, callee.expression)) return undefined;
    return { kind: 'listener', call, text };
  }
  if ((isRoute || method === 'param') && origin.kind === 'unknown' && ROUTE_RECEIVER.test(receiverName(callee.expression))) {
    // A router handed in from elsewhere: Express-style when the file uses Express and no framework that handles rejections,
    // or, in a file that imports no web framework, when its package depends on Express (settled with the package's facts).
    const imported = frameworksImported(ctx);
    if (imported.size === 0) {
      const express = FRAMEWORKS.find((f) => f.module === 'express')!;
      if ((isRoute || express.methods.includes(method)) && (handedElsewhere || takesRequest(handedAsyncFunction(arg)))) return { kind: 'route', call, text, framework: express, fromDependency: true };
      return undefined;
    }
    const [only] = imported;
    if (imported.size === 1 && !only.handlesRejections && isRoute) return { kind: 'route', call, text, framework: only };
  }
  return undefined;
}

/** Names a router or app goes by when we cannot see where it was made. */
const ROUTE_RECEIVER = /^(app|api|server|router|\w*Router|\w*App)$/;

type Origin = { kind: 'framework'; framework: Framework } | { kind: 'interactive-console' } | { kind: 'other' } | { kind: 'unknown' };

/**
 * What made the receiver: `express()`, `express.Router()`, `new Koa()`, a parameter typed
 * `Router` from express, a class member assigned one of those; a readline interface on the
 * terminal. Followed through variables and `this` members to the value they were made from.
 */
function originOf(ctx: Context, receiver: ts.Expression): Origin {
  let e = skipOuter(receiver, SEEN_THROUGH);
  // `app.route('/orders').get(…)`: the route belongs to the app.
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'route') e = skipOuter(e.expression.expression, SEEN_THROUGH);
  // `new Hono().get('/a', …).on('POST', paths, …)`: a framework's registration returns the app, so a
  // chain of them belongs to the app it starts from (when that framework has every method chained).
  const chained = new Set<string>();
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && FRAMEWORKS.some((f) => f.methods.includes((e as ts.CallExpression & { expression: ts.PropertyAccessExpression }).expression.name.text))) {
    chained.add(e.expression.name.text);
    e = skipOuter(e.expression.expression, SEEN_THROUGH);
  }
  if (chained.size) {
    const origin = originOf(ctx, e);
    return origin.kind === 'framework' && [...chained].every((m) => origin.framework.methods.includes(m)) ? origin : { kind: 'unknown' };
  }
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (decl && ts.isParameter(decl)) return parameterOrigin(ctx, decl);
  }
  const made = ts.isNewExpression(e) || ts.isCallExpression(e) ? e : madeFrom(e);
  if (!made) return { kind: 'unknown' };
  let init = skipOuter(made, SEEN_THROUGH);
  if (ts.isAwaitExpression(init)) init = skipOuter(init.expression, SEEN_THROUGH);
  if (ts.isCallExpression(init) || ts.isNewExpression(init)) {
    const r = ctx.resolveCallee(init.expression);
    if (r?.library) {
      if ((r.module === 'readline' || r.module === 'readline/promises') && r.call === 'createInterface' && readsTerminal(init)) return { kind: 'interactive-console' };
      const framework = FRAMEWORKS.find((f) => f.module === r.module);
      return framework ? { kind: 'framework', framework } : { kind: 'other' };
    }
    return r?.module === 'global' ? { kind: 'other' } : { kind: 'unknown' };
  }
  return ts.isObjectLiteralExpression(init) ? { kind: 'other' } : { kind: 'unknown' };
}

function parameterOrigin(ctx: Context, decl: ts.ParameterDeclaration): Origin {
  if (!decl.type || !ts.isTypeReferenceNode(decl.type)) return { kind: 'unknown' };
  const typeName = decl.type.typeName;
  const head = ts.isIdentifier(typeName) ? typeName : ts.isIdentifier(typeName.left) ? typeName.left : undefined;
  const imported = head && ctx.imports.get(head.text);
  const framework = imported?.library ? FRAMEWORKS.find((f) => f.module === imported.module) : undefined;
  return framework ? { kind: 'framework', framework } : { kind: 'unknown' };
}

/** `readline.createInterface({ input: process.stdin, … })`: an interactive prompt, whose listeners serve one person at a terminal. */
function readsTerminal(call: ts.CallExpression | ts.NewExpression): boolean {
  const opts = call.arguments?.[0] && skipOuter(call.arguments[0], SEEN_THROUGH);
  if (!opts) return false;
  if (!ts.isObjectLiteralExpression(opts)) return /\bstdin\b/.test(opts.getText());
  return opts.properties.some((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText() === 'input' &&
    /\bstdin\b/.test(ts.isPropertyAssignment(p) ? p.initializer.getText() : p.name.getText()));
}

/** The web frameworks this file imports. */
function frameworksImported(ctx: Context): Set<Framework> {
  const imported = new Set<Framework>();
  for (const binding of ctx.imports.values()) {
    const framework = binding.library ? FRAMEWORKS.find((f) => f.module === binding.module) : undefined;
    if (framework) imported.add(framework);
  }
  return imported;
}

/** `(req, res)`, `(request, response, next)`: a handler that takes a request. */
function takesRequest(fn: FunctionWithBody | undefined): boolean {
  const [first, second] = fn?.parameters ?? [];
  const name = (p: ts.ParameterDeclaration | undefined) => (p && ts.isIdentifier(p.name) ? p.name.text : '');
  return /^(req|request)$/i.test(name(first)) || /^(res|response)$/i.test(name(second));
}

function receiverName(e: ts.Expression): string {
  const r = skipOuter(e, SEEN_THROUGH);
  if (ts.isIdentifier(r)) return r.text;
  if (ts.isPropertyAccessExpression(r)) return r.name.text;
  return '';
}

/** A listener registration names its event first: `'message'`, `Events.Ready`, `eventName`. */
function isEventName(first: ts.Expression | undefined, arg: ts.Expression): boolean {
  if (first === undefined || first === arg) return false;
  const e = skipOuter(first, SEEN_THROUGH);
  return !ts.isArrowFunction(e) && !ts.isFunctionExpression(e);
}

function firstArgText(ctx: Context, call: ts.CallExpression, arg: ts.Expression): string {
  const first = call.arguments[0];
  if (!first || first === arg) return '';
  const text = first.getText(ctx.sourceFile);
  return text.length <= 40 && !text.includes('\n') ? `${text}, ` : '';
}

/** Every point where the function can reject, sure or waiting on other files' facts. */
function allPoints(rejections: ReturnType<typeof rejectionsOf>): ts.Node[] {
  return [...rejections.sure, ...rejections.pending.map((p) => p.point)];
}

function uniqueFacts(facts: SettlesFact[]): SettlesFact[] {
  const seen = new Map<string, SettlesFact>();
  for (const f of facts) seen.set(`${f.kind}|${typeof f.ref === 'string' ? f.ref : `${f.ref.file}#${f.ref.name}`}`, f);
  return [...seen.values()];
}

// ---- When an unhandled rejection does not end the process, or ends it anyway ----

/**
 * `process.on('unhandledRejection', (err) => log(err))`: a handler that neither rethrows nor
 * exits keeps the process up, for the whole package. (`once` keeps it up for one rejection only.)
 * So does such an `uncaughtException` handler in a file that registers no `unhandledRejection` one.
 */
function recordRejectionPolicy(ctx: Context, call: ts.CallExpression): void {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(callee) || !['on', 'addListener', 'prependListener'].includes(callee.name.text)) return;
  const receiver = skipOuter(callee.expression, SEEN_THROUGH);
  // The global `process`, or the same object imported (`import process from 'node:process'`).
  if (!ts.isIdentifier(receiver) || receiver.text !== 'process') return;
  if (findDeclaration('process', receiver) && ctx.imports.get('process')?.module !== 'process') return;
  const [event, handler] = call.arguments;
  const name = event && skipOuter(event, SEEN_THROUGH);
  if (!name || !ts.isStringLiteralLike(name) || !handler) return;
  // With no `unhandledRejection` handler, Node raises the rejection as an uncaught exception:
  // an `uncaughtException` handler that only logs keeps the process up just the same.
  const uncaught = name.text === 'uncaughtException' && !/\bunhandledRejection\b/.test(ctx.text);
  if (name.text !== 'unhandledRejection' && !uncaught) return;
  const fn = handedFunction(handler);
  // An `uncaughtException` handler also sees every crash, so it often hands the error to a shutdown:
  // it keeps the process up only when all it does is log.
  if (fn && rejectionPolicy(fn) === 'keeps-up' && (!uncaught || onlyLogs(fn))) ctx.addFact(keptUpFact(ctx));
  // One that also re-emits the error on an emitter (not as 'error') and neither exits nor rethrows keeps it up too:
  // the findings stand, with the harm that is left (straightforward's proxy, check 51). A handler that calls
  // anything else (a shutdown callback it was handed) may end the process: no fact.
  else if (fn && uncaught && rejectionPolicy(fn) === 'keeps-up' && onlyLogs(fn, true)) ctx.addFact(runsOnFact(ctx));
  // `process.on('unhandledRejection', (r) => { log.fatal(r); process.exit(-1) })`: a rejection ends the process, it hangs nothing.
  // So does an `uncaughtException` handler that exits in a file with no `unhandledRejection` one:
  // Node (`--unhandled-rejections=throw`, the default) raises the rejection as that exception
  // (node-gyp's bin: `process.on('uncaughtException', (err) => { log.error(…); process.exit(7) })`).
  if (fn && rejectionPolicy(fn) === 'ends') {
    ctx.addFact(endsProcessFact(ctx));
    const cli = cliPackageFact(ctx, CLI_PACKAGE);
    if (cli.length) ctx.addFact(commandEndsFact(ctx), cli);
  }
}

/** A `start` script that only runs the package's own bin (particle-cli's `node ./src/index.js`) leaves it a command-line tool. */
const CLI_PACKAGE = { startRunsBin: true } as const;

/** The package's `unhandledRejection` handler ends the process. */
function endsProcessFact(ctx: Context): RuleFact<FactKind> {
  return { kind: 'rejections-end-process', ref: ctx.packageDir ?? path.dirname(ctx.file) };
}

/** …and the package is a command-line tool: one command per process, which an unhandled rejection ends. */
function commandEndsFact(ctx: Context): RuleFact<FactKind> {
  return { kind: 'command-ends-on-rejection', ref: ctx.packageDir ?? path.dirname(ctx.file) };
}

/**
 * Every call in the handler writes a log line: `console.error(err)`, `logger.warn(…)`, `log('uncaught', err)`;
 * with `reEmits`, or emits it on an emitter under a named event other than 'error' (`this.emit('uncaughtException', err)`).
 */
function onlyLogs(fn: FunctionWithBody, reEmits = false): boolean {
  let others = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (others) return SKIP;
    if (ts.isCallExpression(n)) {
      const callee = skipOuter(n.expression, SEEN_THROUGH);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (!/^(log|error|warn|warning|info|debug|trace|print)$/i.test(name) && !(reEmits && reEmitsNamedEvent(n, name))) {
        others = true;
        return SKIP;
      }
    }
  };
  walkTree(fn.body, visit);
  return !others;
}

/** `this.emit('uncaughtException', err)`: an emit of a literal event other than 'error', which throws when nobody listens. */
function reEmitsNamedEvent(call: ts.CallExpression, name: string): boolean {
  const event = call.arguments[0] && skipOuter(call.arguments[0], SEEN_THROUGH);
  return name === 'emit' && event !== undefined && ts.isStringLiteralLike(event) && event.text !== 'error';
}

/** `this._queue.on('pull', …)` on an object of a project class that emits 'pull' only through a method awaiting its listeners. */
function listenerAwaitedFact(ctx: Context, registration: ts.CallExpression): RuleFact<FactKind> | undefined {
  const callee = skipOuter(registration.expression, SEEN_THROUGH);
  return ts.isPropertyAccessExpression(callee) ? awaitedListenerFact(callee.expression, registration.arguments[0], ctx) : undefined;
}

/** `this.on('request', …)` in a project emitter whose 'request' the project emits only through a helper awaiting each listener. */
function listenerEmissionCondition(ctx: Context, registration: ts.CallExpression): ReturnType<typeof awaitedEmissionCondition> {
  const callee = skipOuter(registration.expression, SEEN_THROUGH);
  return ts.isPropertyAccessExpression(callee) ? awaitedEmissionCondition(callee.expression, registration.arguments[0], ctx) : undefined;
}

/** The package's `uncaughtException` handler only logs or re-emits the error, and neither exits nor rethrows: the process runs on. */
function runsOnFact(ctx: Context): RuleFact<FactKind> {
  return { kind: 'uncaught-handler-runs-on', ref: ctx.packageDir ?? path.dirname(ctx.file) };
}

/**
 * Reports a finding whose message says the process ends, and, for a package whose
 * `uncaughtException` handler keeps it running, the same finding with the harm that is left
 * (`keptRunning`): which of the two stands is settled with the project's facts.
 */
function reportCrash(ctx: Context, fn: FunctionWithBody, report: Report<MessageId, FactKind>): void {
  const runsOn = runsOnFact(ctx);
  const kept = keptRunningData(report.messageId, report.data ?? {}, takesRequest(fn));
  if (!kept) {
    ctx.report(report);
    return;
  }
  ctx.report({ ...report, unlessAny: [...(report.unlessAny ?? []), runsOn] });
  ctx.report({ ...report, messageId: 'keptRunning', data: kept, onlyIfAll: [...(report.onlyIfAll ?? []), runsOn] });
}

function keptUpFact(ctx: Context): RuleFact<FactKind> {
  return { kind: 'rejections-kept-up', ref: ctx.packageDir ?? path.dirname(ctx.file) };
}

function dependsOnFact(module: string, packageDir: string): RuleFact<FactKind> {
  return { kind: 'depends-on', ref: `${module}@${packageDir}` };
}

/** Events an app sees once, while it starts: a `once` listener for one runs at boot, before any work is in flight. */
const STARTUP_EVENTS = new Set(['ready', 'connected', 'connect', 'open', 'listening', 'start', 'started', 'online', 'up', 'spawn', 'init', 'initialized']);

/** `bot.once('ready', async …)` at the top level of a module (or of its top-level async IIFE): start-up code that runs once. */
function isStartupOnce(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  const event = call.arguments[0] && skipOuter(call.arguments[0], SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'once' || !event || !ts.isStringLiteralLike(event) || !STARTUP_EVENTS.has(event.text)) return false;
  const fn = enclosingFunction(call);
  if (!fn) return true;
  const iife = fn.parent && ts.isParenthesizedExpression(fn.parent) ? fn.parent.parent : fn.parent;
  return iife !== undefined && ts.isCallExpression(iife) && enclosingFunction(iife) === undefined;
}

// ---- Report and fix ----

/**
 * The promise executor the registration is made in, when the async function calls the
 * executor's `resolve` after the rejection point: `new Promise((resolve, reject) => {
 * client.once('ready', async () => { await client.setName(…); resolve(); }) })`. A rejection
 * skips the `resolve()`, and the promise never settles.
 */
function pendingExecutor(fn: FunctionWithBody, registration: ts.Node, point: ts.Node): { resolve: string; reject?: string; promise: string } | undefined {
  const exec = enclosingFunction(registration);
  if (!exec || !(ts.isArrowFunction(exec) || ts.isFunctionExpression(exec)) || !ts.isNewExpression(exec.parent) || exec.parent.arguments?.[0] !== exec) return undefined;
  const made = skipOuter(exec.parent.expression, SEEN_THROUGH);
  const promise = ts.isIdentifier(made) ? made.text : ts.isPropertyAccessExpression(made) ? made.name.text : '';
  if (!/Promise$|^Bluebird$/.test(promise)) return undefined;
  const [first, second] = exec.parameters;
  if (!first || !ts.isIdentifier(first.name)) return undefined;
  const resolve = first.name.text;
  let called = false;
  const visit = (n: ts.Node): void => {
    if (called || (n !== fn.body && ts.isFunctionLike(n))) return;
    if (ts.isCallExpression(n) && n.pos >= point.end && ts.isIdentifier(n.expression) && n.expression.text === resolve) called = true;
    else ts.forEachChild(n, visit);
  };
  visit(fn.body);
  if (!called) return undefined;
  return { resolve, reject: second && ts.isIdentifier(second.name) ? second.name.text : undefined, promise };
}

/**
 * Reports the function for this sink unless the harm does not apply here; true when reported
 * (a function handed to several sinks is reported once).
 */
function reportUnhandled(ctx: Context, fn: FunctionWithBody, sink: Sink, rejects: ts.Node, unlessSettled: SettlesFact[]): boolean {
  const registration = sink.call;
  // Shutting down: what a rejection costs is the rest of the shutdown.
  const callee = ts.isCallExpression(registration) ? skipOuter(registration.expression, SEEN_THROUGH) : undefined;
  const onProcessSignal = sink.kind === 'listener' && ts.isCallExpression(registration) && callee !== undefined && ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) && callee.expression.text === 'process' && isShutdownEvent(registration.arguments[0]);
  if (onProcessSignal || (sink.kind === 'listener' && leadsToExit(fn, rejects))) {
    const skipped = skippedStep(fn, rejects, ctx.sourceFile);
    if (skipped === undefined) return false;
    ctx.report({
      range: headerRange(ctx, fn),
      messageId: 'shutdown',
      data: { sink: sink.text, rejects: rejectionText(ctx, rejects), skipped },
      suggestions: [wrapFix(ctx, fn, ['console.error(err)', 'process.exit(1)'], 'Wrap the body in try/catch, log the error and exit')],
      unlessAll: unlessSettled.length ? unlessSettled : undefined,
    });
    return true;
  }
  // A crash that takes nothing in flight with it: a short-lived program, code only run in development,
  // a start-up `once` listener.
  if (isShortLivedProgram(ctx.sourceFile) || isDevelopmentOnly(registration) || servesDevelopmentBuild(ctx) || (ts.isCallExpression(registration) && isStartupOnce(registration))) return false;
  // A React or Preact component renders in a browser page: there is no Node process to end.
  if (sink.kind !== 'route' && isComponentFile(ctx.sourceFile)) return false;
  // `if (isBrowser() && …) { setTimeout(async () => …) }`: a branch only another runtime takes, where no Node process ends.
  if (underOtherRuntimeGuard(registration)) return false;
  // In a promise executor that resolves after the await: a rejection leaves that promise pending, kept-up process or not.
  const executor = sink.kind !== 'route' ? pendingExecutor(fn, registration, rejects) : undefined;
  const packageDir = ctx.packageDir ?? path.dirname(ctx.file);
  const unlessAny: RuleFact<FactKind>[] = [keptUpFact(ctx)];
  if (sink.kind === 'callback' && sink.chained) unlessAny.push(sink.chained);
  const awaited = sink.kind === 'listener' && ts.isCallExpression(sink.call) ? listenerAwaitedFact(ctx, sink.call) : undefined;
  if (awaited) unlessAny.push(awaited);
  // `addListener(listener, sessions, async () => …)` of a project function that awaits that argument: its caller gets the rejection.
  const handedAt = ts.isCallExpression(registration) ? registration.arguments.findIndex((a) => handedAsyncFunction(a) === fn) : -1;
  const awaitedArgument = handedAt >= 0 ? awaitedArgumentFact(registration as ts.CallExpression, handedAt, ctx) : undefined;
  if (awaitedArgument) unlessAny.push(awaitedArgument);
  const emittedAwaited = sink.kind === 'listener' && ts.isCallExpression(sink.call) ? listenerEmissionCondition(ctx, sink.call) : undefined;
  let onlyIfAny: RuleFact<FactKind>[] | undefined;
  if (executor) {
    const reject = executor.reject ? [`${executor.reject}(err)`] : ['console.error(err)'];
    ctx.report({
      range: headerRange(ctx, fn),
      messageId: 'executor',
      data: { sink: sink.text, rejects: rejectionText(ctx, rejects), resolve: executor.resolve, promise: executor.promise },
      suggestions: [wrapFix(ctx, fn, reject, executor.reject ? `Wrap the body in try/catch and pass the error to ${executor.reject}(err)` : 'Wrap the body in try/catch and log the error')],
      // A package whose `unhandledRejection` handler ends the process: nothing is left pending.
      unlessAny: [endsProcessFact(ctx), ...(sink.kind === 'callback' && sink.chained ? [sink.chained] : [])],
      unlessAll: unlessSettled.length ? unlessSettled : undefined,
    });
    // There the harm is the crash, told by the sink's own message; in a command-line tool, none:
    // the enclosing promise would have rejected and failed the one command the process runs
    // (particle-cli's download 'finish' handler, check 21, noise).
    onlyIfAny = [endsProcessFact(ctx)];
    unlessAny.push(commandEndsFact(ctx));
  }
  if (sink.kind === 'route') {
    if (sink.framework.handlesRejectionsFromMajor !== undefined) unlessAny.push(handlesRejectionsFact(sink.framework.module, packageDir));
    if (sink.fromDependency) {
      onlyIfAny = [dependsOnFact(sink.framework.module, packageDir)];
      for (const f of FRAMEWORKS) if (f.handlesRejections) unlessAny.push(dependsOnFact(f.module, packageDir));
    }
  }
  const route = sink.kind === 'route' ? routeFix(ctx, fn, sink.framework, registeredWith(sink.call)) : undefined;
  reportCrash(ctx, fn, {
    range: headerRange(ctx, fn),
    messageId: sink.kind === 'timer' && sink.deferred ? 'deferred' : sink.kind,
    data: { sink: sink.text, rejects: rejectionText(ctx, rejects) },
    fixes: route ? [route] : undefined,
    suggestions: route ? undefined : [wrapFix(ctx, fn, ['console.error(err)'], 'Wrap the body in try/catch and log the error')],
    unlessAny,
    unlessAll: unlessSettled.length ? unlessSettled : undefined,
    unlessAllWithout: emittedAwaited,
    onlyIfAny,
  });
  return true;
}

/**
 * `setInterval(() => this.poll(), ms)`, `bus.on('job', (j) => { this.handle(j); })`: a plain
 * callback that drops the promise of an async function of this file, which can reject. The sink
 * ignores the callback's value as it would an async callback's: the rejection is unhandled.
 * Timers and listeners only; `void this.poll()` says the promise is dropped on purpose.
 */
function reportDroppedPromises(ctx: Context, call: ts.CallExpression, arg: ts.Expression, reported: Set<ts.Node>, droppedTargets: Set<ts.Node>): void {
  const plain = handedFunction(arg);
  if (!plain || isAsync(plain) || plain.getSourceFile() !== ctx.sourceFile || reported.has(plain)) return;
  const sink = sinkOf(ctx, call, arg);
  if (!sink || (sink.kind !== 'timer' && sink.kind !== 'listener')) return;
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  const onProcess = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'process';
  if (onProcess || isShortLivedProgram(ctx.sourceFile) || isDevelopmentOnly(call) || servesDevelopmentBuild(ctx) || isStartupOnce(call) || isComponentFile(ctx.sourceFile) || underOtherRuntimeGuard(call)) return;
  for (const dropped of droppedCalls(plain)) {
    const target = handedAsyncFunction(dropped.expression);
    if (!target || target === plain || target.getSourceFile() !== ctx.sourceFile || droppedTargets.has(target)) continue;
    const rejections = rejectionsOf(target, sink.kind === 'listener' ? listenerResolver(ctx) : ctx, falseParameters(target, dropped));
    const point = rejections.sure[0] ?? rejections.pending[0]?.point;
    if (!point) continue;
    const waitsFor = rejections.sure.length ? [] : uniqueFacts(rejections.pending.flatMap((p) => p.waitsFor));
    const text = `${dropped.expression.getText(ctx.sourceFile).replace(/\s+/g, '')}()`;
    reportCrash(ctx, target, {
      node: dropped,
      messageId: 'dropped',
      data: { call: text, where: sink.kind === 'timer' ? (sink.deferred ? 'deferred callback' : 'timer callback') : 'listener', sink: sink.text, rejects: rejectionText(ctx, point) },
      suggestions: [{
        title: 'Catch the rejection and log it',
        safety: 'unsafe',
        edits: [ctx.edit({ start: dropped.end, end: dropped.end }, '.catch((err) => console.error(err))')],
      }],
      unlessAny: [keptUpFact(ctx), ...(sink.kind === 'listener' ? [listenerAwaitedFact(ctx, call)].filter((f) => f !== undefined) : [])],
      unlessAll: waitsFor.length ? waitsFor : undefined,
    });
    reported.add(plain);
    droppedTargets.add(target);
    return;
  }
}

/** The calls a plain function drops: its expression body, and calls standing as statements or returned at its top level. */
function droppedCalls(fn: FunctionWithBody): ts.CallExpression[] {
  const body = fn.body;
  if (!ts.isBlock(body)) {
    const e = skipOuter(body, SEEN_THROUGH);
    return ts.isCallExpression(e) ? [e] : [];
  }
  const out: ts.CallExpression[] = [];
  for (const st of body.statements) {
    const e = ts.isExpressionStatement(st) ? st.expression : ts.isReturnStatement(st) ? st.expression : undefined;
    const call = e && skipOuter(e, SEEN_THROUGH);
    if (call && ts.isCallExpression(call)) out.push(call);
  }
  return out;
}

/** For a route handler: `next(err)` in the catch, with `next` added after `(req, res` when missing. */
function routeFix(ctx: Context, fn: FunctionWithBody, framework: Framework, method: string | undefined): Fix | undefined {
  const cb = framework.errorCallback;
  if (!cb) return undefined;
  const params = fn.parameters;
  // Error middleware `(err, req, res, next)` has `next` one place later; a param handler `(req, res, next, value)` does not.
  const at = params.length === cb.position + 2 && method !== 'param' ? cb.position + 1 : cb.position;
  const existing = params[at];
  if (existing) {
    if (!ts.isIdentifier(existing.name) || existing.dotDotDotToken) return undefined;
    return wrapFix(ctx, fn, [`${existing.name.text}(err)`], `Wrap the body in try/catch and pass the error to ${existing.name.text}(err)`);
  }
  if (params.length !== cb.position || params.some((p) => !ts.isIdentifier(p.name) || p.dotDotDotToken) || usesName(fn.body, cb.name)) return undefined;
  const last = params[params.length - 1];
  // Typed parameters get a typed callback: an untyped one is an implicit any where nothing types the handler.
  const type = last.type ? ': (err?: unknown) => void' : '';
  const addParam = ctx.edit({ start: last.end, end: last.end }, `, ${cb.name}${type}`);
  const wrap = wrapFix(ctx, fn, [`${cb.name}(err)`], `Wrap the body in try/catch and pass the error to ${cb.name}(err)`);
  return { ...wrap, edits: [addParam, ...wrap.edits] };
}

/** `get` for `app.get(…)`. */
function registeredWith(call: ts.CallExpression): string | undefined {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** Replaces the body with `{ try { <body> } catch (err) { <handle>; } }`, indented as the file indents. */
function wrapFix(ctx: Context, fn: FunctionWithBody, handle: string[], title: string): Fix {
  const sf = ctx.sourceFile;
  const style = codeStyle(sf);
  const unit = style.indentUnit;
  const eol = style.eol;
  const s = semi(style);
  const body = fn.body;
  const handling = (inner: string) => handle.map((line) => `${inner}${unit}${line}${s}`).join(eol);
  if (ts.isBlock(body)) {
    const open = body.getStart(sf);
    const close = body.end - 1;
    const outer = indentationAt(ctx.text, close);
    const contentStart = skipSpace(ctx.text, open + 1, close);
    const contentEnd = skipSpaceBack(ctx.text, close, contentStart);
    const sameLine = !ctx.text.slice(open, contentStart).includes('\n');
    const inner = sameLine ? outer + unit : indentationAt(ctx.text, contentStart);
    const content = reindent(sf, contentStart, contentEnd, { add: unit });
    const text = `{${eol}${inner}try {${eol}${inner}${unit}${content}${eol}${inner}} catch (err) {${eol}${handling(inner)}${eol}${inner}}${eol}${outer}}`;
    return { title, safety: 'safe', edits: [ctx.edit({ start: open, end: body.end }, text)] };
  }
  const outer = indentationAt(ctx.text, fn.getStart(sf));
  const inner = outer + unit;
  const expr = reindent(sf, body.getStart(sf), body.end, { add: unit });
  const text = `{${eol}${inner}try {${eol}${inner}${unit}${expr}${s}${eol}${inner}} catch (err) {${eol}${handling(inner)}${eol}${inner}}${eol}${outer}}`;
  return { title, safety: 'safe', edits: [ctx.edit({ start: body.getStart(sf), end: body.end }, text)] };
}

/** From `async` to the arrow (or to the body): the async function as the reader spots it. */
function headerRange(ctx: Context, fn: FunctionWithBody): { start: number; end: number } {
  const asyncKeyword = ts.getModifiers(fn)?.find((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  const start = (asyncKeyword ?? fn).getStart(ctx.sourceFile);
  if (ts.isArrowFunction(fn)) return { start, end: fn.equalsGreaterThanToken.end };
  return { start, end: skipSpaceBack(ctx.text, fn.body.getStart(ctx.sourceFile), start) };
}

function rejectionText(ctx: Context, n: ts.Node): string {
  const sf = ctx.sourceFile;
  if (ts.isForOfStatement(n)) return `for await (… of ${n.expression.getText(sf).replace(/\s+/g, ' ')})`;
  // `throw new MagmaStreamError(…)`, `throw err`: the statement, its value in short.
  if (ts.isThrowStatement(n)) return `throw ${thrownText(n, sf)}`;
  const awaited = skipOuter((n as ts.AwaitExpression).expression, SEEN_THROUGH);
  if (ts.isCallExpression(awaited)) {
    return `await ${calleeText(awaited.expression, sf, 40)}(${awaited.arguments.length ? '…' : ''})`;
  }
  return `await ${clipText(awaited.getText(sf).replace(/\s+/g, ' '), 40)}`;
}

/** What a `throw` throws: `new MagmaStreamError(…)`, `err`, or `…` for anything longer. */
function thrownText(n: ts.ThrowStatement, sf: ts.SourceFile): string {
  const e = n.expression && skipOuter(n.expression, SEEN_THROUGH);
  if (!e) return '…';
  if (ts.isNewExpression(e)) return `new ${clipText(e.expression.getText(sf), 30)}(${e.arguments?.length ? '…' : ''})`;
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) return clipText(e.getText(sf), 30);
  return '…';
}

// ---- Frameworks from package.json ----

/**
 * Records, per package folder, the web frameworks it depends on, and those whose declared
 * version handles async rejections (`express: ^5`).
 */
function recordDependencies(ctx: Context, sf: ts.SourceFile): void {
  const root = sf.statements[0] && ts.isExpressionStatement(sf.statements[0]) ? sf.statements[0].expression : undefined;
  if (!root || !ts.isObjectLiteralExpression(root)) return;
  const dir = path.dirname(ctx.file);
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const deps = propertyValue(root, key);
    if (!deps || !ts.isObjectLiteralExpression(deps)) continue;
    for (const [patch, framework] of Object.entries(REJECTION_PATCHES)) {
      if (propertyValue(deps, patch)) ctx.addFact(handlesRejectionsFact(framework, dir));
    }
    for (const framework of FRAMEWORKS) {
      const range = propertyValue(deps, framework.module);
      if (!range || !ts.isStringLiteral(range)) continue;
      ctx.addFact(dependsOnFact(framework.module, dir));
      if (framework.handlesRejectionsFromMajor === undefined) continue;
      const major = lowestMajor(range.text);
      if (major !== undefined && major >= framework.handlesRejectionsFromMajor) ctx.addFact(handlesRejectionsFact(framework.module, dir));
    }
  }
}

/** The lowest major version a semver range admits (`^5.1.0` -> 5, `^4 || ^5` -> 4); undefined for `*`, tags, URLs. */
export function lowestMajor(range: string): number | undefined {
  let lowest: number | undefined;
  for (const part of range.split('||')) {
    const m = /^\s*(?:npm:[^@\s]+@)?[\^~]?(?:>=?\s*)?v?(\d+)(?:[.\s]|$)/.exec(part);
    if (!m) return undefined;
    const major = Number(m[1]);
    lowest = lowest === undefined ? major : Math.min(lowest, major);
  }
  return lowest;
}

function propertyValue(obj: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) && p.name.text === key) return p.initializer;
  }
  return undefined;
}

// ---- Small helpers ----

function usesName(node: ts.Node, name: string): boolean {
  if (ts.isIdentifier(node) && node.text === name) return true;
  return ts.forEachChild(node, (c) => usesName(c, name) || undefined) ?? false;
}

/**
 * The receiver of a registration as a message shows it: on one line, and `…` for a long chain
 * (`new Socket({…}).on('error', …).on('open', …)`), which would fill the message with code.
 */
function receiverBrief(receiver: ts.Expression, sf: ts.SourceFile): string {
  const text = receiver.getText(sf).replace(/\s+/g, ' ').replace(/([([{.]) /g, '$1').replace(/ ([)\]}.])/g, '$1');
  return text.length <= 40 ? text : '…';
}

function skipSpace(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && /\s/.test(text[i])) i++;
  return i;
}

function skipSpaceBack(text: string, from: number, limit: number): number {
  let i = from;
  while (i > limit && /\s/.test(text[i - 1])) i--;
  return i;
}
