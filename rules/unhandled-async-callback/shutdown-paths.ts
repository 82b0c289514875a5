// What a rejection means where the process is going down anyway. A signal handler or a listener
// that ends in `process.exit` is shutting down: its rejection takes no healthy work down, but
// it stops the shutdown where it stands, so what comes after (`process.exit(0)`, closing the
// database) never runs. And a process-wide `unhandledRejection` handler that neither rethrows
// nor exits means an unhandled rejection does not end the process at all.
import { ts } from 'ts-morph';
import { isFunctionBoundary, shortText, skipOuter } from '../shared/ast';
import { mentionsAny } from '../shared/second-call-guards';
import { isDevelopmentOnly } from './development-only';
import { functionNamed, SEEN_THROUGH, type FunctionWithBody } from './rejections';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Events the process emits when it is asked to stop. */
const SHUTDOWN_EVENT = /^(SIG[A-Z0-9]+|beforeExit)$/;

/** Calls that end the process, or ask for it to end, from a handler. */
const EXIT_CALL = /^(exit|reallyExit|abort|kill)$/;

/** Names of functions that end or tear down the process: a handler calling one is not merely logging. */
const ENDS_PROCESS_NAME = /exit|shutdown|crash|abort|die$|fatal|terminate|kill/i;

/** A program's own exit wrapper (`await exit(code)`): nothing after it is meant to run. */
const EXIT_WRAPPER_NAME = /^(exit|exitProcess|processExit|exitWith[A-Z]\w*|die)$/;

/** Names of the steps of a shutdown that matter when skipped: releases, flushes, cleanups. */
const CLEANUP_NAME = /^(close|end|quit|disconnect|destroy|dispose|stop|terminate|shutdown|flush|drain|remove|unlink|release|kill|unref|save|persist|commit|exit)\w*$/i;

/** `process.on('SIGTERM', …)`: the event is a signal or `beforeExit`. */
export function isShutdownEvent(first: ts.Expression | undefined): boolean {
  const e = first && skipOuter(first, SEEN_THROUGH);
  return e !== undefined && ts.isStringLiteralLike(e) && SHUTDOWN_EVENT.test(e.text);
}

/** `process.exit(…)`, `process.kill(…)`, `process.abort()`. */
export function isProcessExit(n: ts.Node): n is ts.CallExpression {
  if (!ts.isCallExpression(n)) return false;
  const callee = skipOuter(n.expression, SEEN_THROUGH);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'process' &&
    EXIT_CALL.test(callee.name.text);
}

/**
 * A listener on the way out: after the rejection point it goes on to `process.exit`, or the
 * point awaits a shutdown (`await shutdown()`, `await gracefulShutdown(server)`).
 */
export function leadsToExit(fn: FunctionWithBody, point: ts.Node): boolean {
  if (armsHardStop(fn, point)) return true;
  if (ts.isAwaitExpression(point)) {
    const awaited = skipOuter(point.expression, SEEN_THROUGH);
    if (ts.isCallExpression(awaited) && /shutdown|^exit|terminate/i.test(lastName(awaited.expression) ?? '')) return true;
  }
  return laterStatements(fn, point).some((s) => findInBody(s, isProcessExit) !== undefined);
}

/**
 * Before `point`, the listener arms a hard-stop timer that ends the process and does not clear
 * it: `const timer = setTimeout(() => process.exit(1), 10_000)`, or a call of a function of
 * this file that arms one and returns it (`let timer = awaitHardStop()`). Whatever a rejection
 * at `point` skips, the process still ends when the timer fires.
 */
export function armsHardStop(fn: FunctionWithBody, point: ts.Node): boolean {
  const before = earlierStatements(fn, point);
  const armed = before.findIndex((s) => findInBody(s, isHardStopCall) !== undefined);
  return armed >= 0 && !before.slice(armed + 1).some((s) => findInBody(s, isClearTimer) !== undefined);
}

/** `setTimeout(() => { …; process.exit(1) }, ms)`, or `awaitHardStop()` for a function of this file whose body makes one. */
function isHardStopCall(n: ts.Node): boolean {
  if (!ts.isCallExpression(n)) return false;
  if (exitTimer(n)) return true;
  const callee = skipOuter(n.expression, SEEN_THROUGH);
  const local = ts.isIdentifier(callee) ? functionNamed(callee) : undefined;
  return local !== undefined && findInBody(local.body, (x) => ts.isCallExpression(x) && exitTimer(x)) !== undefined;
}

/** `setTimeout(cb, ms)` whose callback ends the process. */
function exitTimer(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) &&
    ['global', 'globalThis', 'timers'].includes(callee.expression.text) ? callee.name.text : undefined;
  if (name !== 'setTimeout') return false;
  const cb = call.arguments[0] && skipOuter(call.arguments[0], SEEN_THROUGH);
  return cb !== undefined && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && findInBody(cb.body, isProcessExit, true) !== undefined;
}

function isClearTimer(n: ts.Node): boolean {
  return ts.isCallExpression(n) && /^clear(Timeout|Interval)$/.test(lastName(n.expression) ?? '');
}

/** The statements that run before `point` on its way through the function's blocks, in order. */
function earlierStatements(fn: FunctionWithBody, point: ts.Node): ts.Statement[] {
  const out: ts.Statement[] = [];
  for (let n: ts.Node = point; n !== fn.body && n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isBlock(p)) out.unshift(...p.statements.slice(0, p.statements.indexOf(n as ts.Statement)));
  }
  return out;
}

/** The statements that run after `point` on its way through the function's blocks. */
function laterStatements(fn: FunctionWithBody, point: ts.Node): ts.Statement[] {
  const out: ts.Statement[] = [];
  for (let n: ts.Node = point; n !== fn.body && n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isBlock(p)) out.push(...p.statements.slice(p.statements.indexOf(n as ts.Statement) + 1));
    else if (ts.isTryStatement(p) && n === p.tryBlock && p.finallyBlock) out.push(p.finallyBlock);
  }
  return out;
}

/**
 * The first step of the shutdown that a rejection at `point` skips: `process.exit(0)` (the
 * rejection makes it exit 1, or not at all), a later cleanup call or await. Undefined when
 * nothing that matters is skipped: a `finally` that exits anyway, only logging left, an exit
 * with a failure code.
 */
export function skippedStep(fn: FunctionWithBody, point: ts.Node, sf: ts.SourceFile): string | undefined {
  // A hard-stop timer ends the process whatever the rejection skips: the shutdown cannot stall.
  if (armsHardStop(fn, point)) return undefined;
  // Rejecting on the way out of the process skips only code meant never to run after it.
  if (awaitsExitWrapper(point)) return undefined;
  for (let n: ts.Node = point; n !== fn.body && n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isTryStatement(p) && n === p.tryBlock && p.finallyBlock && findInBody(p.finallyBlock, isProcessExit)) return undefined;
    if (!ts.isBlock(p) && !ts.isSourceFile(p)) continue;
    const statements = p.statements;
    for (const s of statements.slice(statements.indexOf(n as ts.Statement) + 1)) {
      const step = findInBody(s, (x) => mattersWhenSkipped(x));
      if (step) return shortText(step, sf);
    }
  }
  return undefined;
}

/** `await exit(EXIT_CODES.ERROR)`: the point awaits the program's own wrapper around `process.exit`. */
function awaitsExitWrapper(point: ts.Node): boolean {
  if (!ts.isAwaitExpression(point)) return false;
  const awaited = skipOuter(point.expression, SEEN_THROUGH);
  return ts.isCallExpression(awaited) && EXIT_WRAPPER_NAME.test(lastName(awaited.expression) ?? '');
}

function mattersWhenSkipped(n: ts.Node): boolean {
  if (isProcessExit(n)) {
    const code = n.arguments[0] && skipOuter(n.arguments[0], SEEN_THROUGH);
    return lastName(n.expression) === 'exit' && (code === undefined || (ts.isNumericLiteral(code) && code.text === '0'));
  }
  if (ts.isAwaitExpression(n)) return true;
  return ts.isCallExpression(n) && CLEANUP_NAME.test(lastName(n.expression) ?? '');
}

/**
 * What a process-wide `unhandledRejection` handler does: `keeps-up` when it neither rethrows nor
 * ends the process (the rejection is logged and the process runs on), `ends` otherwise. A
 * rethrow or exit only in development (`if (NODE_ENV === 'development') throw reason`) leaves
 * production running on: that is `keeps-up` too.
 */
export function rejectionPolicy(handler: FunctionWithBody): 'keeps-up' | 'ends' {
  const errorName = handler.parameters[0] && ts.isIdentifier(handler.parameters[0].name) ? handler.parameters[0].name.text : undefined;
  // `if (err.code === 'EADDRINUSE') process.exit(1)`: only that kind of error ends the process; the rest are kept up.
  const ends = findInBody(handler.body, (n) => (ts.isThrowStatement(n) || isProcessExit(n) ||
    (ts.isCallExpression(n) && ENDS_PROCESS_NAME.test(lastName(n.expression) ?? ''))) && !isDevelopmentOnly(n) &&
    !(errorName && underTestOf(n, errorName, handler)), true);
  return ends ? 'ends' : 'keeps-up';
}

/** `node` sits in a branch of an `if` (inside `fn`) whose condition reads the name `name`. */
function underTestOf(node: ts.Node, name: string, fn: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent && n !== fn; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && (p.thenStatement === n || p.elseStatement === n) && mentionsAny(p.expression, new Set([`id:${name}`]))) return true;
  }
  return false;
}

/** The first node under `root` (nested functions aside, unless `nested`) for which `test` holds. */
function findInBody(root: ts.Node, test: (n: ts.Node) => boolean, nested = false): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (n !== root && !nested && isFunctionBoundary(n)) return SKIP;
    if (test(n)) {
      found = n;
      return SKIP;
    }
  };
  walkTree(root, visit);
  return found;
}

function lastName(e: ts.Expression): string | undefined {
  const x = skipOuter(e, SEEN_THROUGH);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x)) return x.name.text;
  return undefined;
}
