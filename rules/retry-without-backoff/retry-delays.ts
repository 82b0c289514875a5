// What a retry loop waits between attempts: which awaited calls are delays, and whether the
// wait grows from one attempt to the next (backoff) or stays the same. Also which libraries
// already retry with backoff, so a loop around them is theirs to bound.
import { ts } from 'ts-morph';
import type { RuleContext } from '../../engine/types';
import { findDeclaration, rootDeclaration } from '../../engine/scope';
import { calleeName, Outer, skipOuter } from '../shared/ast';
import { functionOf } from '../shared/shutdown-handlers';
import { timerParameter } from './timer-helpers';
import { constInitializer } from './deadline-loops';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** What retry-without-backoff sees through: parentheses, `!`, `as` and `<T>x` (not `satisfies`). */
export const RETRY_WRAPPERS = Outer.Parens | Outer.NonNull | Outer.As | Outer.AngleAssertion;

/** Functions whose awaited call waits for their first argument's milliseconds (`sleep(ms)`, timers/promises `setTimeout(ms)`, `scheduler.wait(ms)`). */
export const DELAY_FUNCTIONS: ReadonlySet<string> = new Set(['sleep', 'delay', 'wait', 'pause', 'snooze', 'setTimeout', 'setTimeoutPromise']);

/** Delay functions named for what they wait before (`waitForRetry(ms)`, `sleepMs(ms)`, `delayBeforeRetry(ms)`). */
const DELAY_NAME = /^(sleep|delay|wait|pause|snooze)(Ms|Millis|Seconds|ForRetry|BeforeRetry|Retry)$/;

/** Calls that ask the person at the terminal (`prompt`, `twoFactorPrompt`, `promptForCode`, `askPassword`). */
const PROMPT_CALL = /^prompt([A-Z]\w*)?$|[a-z]Prompt$|^ask[A-Z]\w*$/;

/** A delay function whose name says it backs off (`backoff(attempt)`, `this.waitBackoff()`): its wait grows by design. */
export const BACKOFF_NAME = /backoff/i;

/** Libraries that retry with backoff themselves: a call to them is the bounded retry. */
export const RETRY_LIBRARIES: readonly { module: string; calls: readonly string[] }[] = [
  { module: 'p-retry', calls: ['', 'default'] },
  { module: 'async-retry', calls: ['', 'default'] },
  { module: 'retry', calls: ['operation', 'default.operation'] },
  { module: 'exponential-backoff', calls: ['backOff'] },
  { module: 'cockatiel', calls: ['retry', 'wrap'] },
  { module: 'promise-retry', calls: ['', 'default'] },
];

/** Math functions that pass growth through from their arguments (or, `random`, add only jitter). */
const MATH_PASS_THROUGH: ReadonlySet<string> = new Set(['min', 'max', 'floor', 'ceil', 'round', 'trunc', 'abs', 'pow', 'random']);

export type DelayGrowth = 'constant' | 'growing' | 'unknown';

export interface Delay {
  growth: DelayGrowth;
  /** The wait as written (`1000`, `RETRY_DELAY_MS`), for the message. */
  text: string;
}

/** What changes from one iteration to the next: names assigned in the loop, and its own declarations with their initializers. */
export interface LoopState {
  /** Identifiers and `this.x` / `obj.x` texts assigned or updated in the loop (its counter included). */
  varying: Set<string>;
  /** Variables declared inside the loop body, by name: their initializer decides their growth. */
  declared: Map<string, ts.Expression | undefined>;
}

export function loopState(loop: ts.IterationStatement): LoopState {
  const state: LoopState = { varying: new Set(), declared: new Map() };
  const record = (target: ts.Expression): void => {
    const t = skipOuter(target, RETRY_WRAPPERS);
    if (ts.isIdentifier(t) || ts.isPropertyAccessExpression(t)) state.varying.add(t.getText());
  };
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return SKIP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) record(n.left);
    else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) &&
      (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) record(n.operand);
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) state.declared.set(n.name.text, n.initializer);
  };
  if (ts.isForStatement(loop)) {
    // The counter a for loop declares changes every iteration, whatever its incrementor looks like.
    if (loop.initializer && ts.isVariableDeclarationList(loop.initializer)) {
      for (const d of loop.initializer.declarations) if (ts.isIdentifier(d.name)) state.varying.add(d.name.text);
    }
    if (loop.incrementor) walkTree(loop.incrementor, visit);
  }
  if (ts.isDoStatement(loop) || ts.isWhileStatement(loop)) walkTree(loop.expression, visit);
  else if (ts.isForStatement(loop) && loop.condition) walkTree(loop.condition, visit);
  walkTree(loop.statement, visit);
  return state;
}

/** The delay an awaited expression waits, if it is one. */
export function delayOf(awaited: ts.Expression, state: LoopState): Delay | undefined {
  const e = skipOuter(awaited, RETRY_WRAPPERS);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Promise') {
    const timer = e.arguments?.[0] && timerInExecutor(e.arguments[0]);
    return timer ? measure(timer.arguments[1], state) : undefined;
  }
  // `const de = delay(bo.backoff(attempt)); await de`: the wait a const holds.
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e);
    return init ? delayOf(init, state) : undefined;
  }
  if (!ts.isCallExpression(e)) return undefined;
  const name = calleeName(e.expression);
  if (name === undefined) return undefined;
  // `await Promise.race([de, nc.closed()])`: the wait, cut short only by the other promise (a close the loop then checks).
  if ((name === 'race' || name === 'all') && isPromiseStatic(e.expression) && e.arguments[0] && ts.isArrayLiteralExpression(skipOuter(e.arguments[0], RETRY_WRAPPERS))) {
    for (const el of (skipOuter(e.arguments[0], RETRY_WRAPPERS) as ts.ArrayLiteralExpression).elements) {
      const inner = delayOf(el, state);
      if (inner) return inner;
    }
    return undefined;
  }
  if (BACKOFF_NAME.test(name)) return { growth: 'growing', text: e.getText() };
  // `await heroku.twoFactorPrompt()`: a person answers before the next attempt, at a person's pace.
  if (PROMPT_CALL.test(name)) return { growth: 'unknown', text: e.getText() };
  if (DELAY_FUNCTIONS.has(name) || DELAY_NAME.test(name)) return measure(e.arguments[0], state);
  // `delayOp(ms)` with `const delayOp = (ms) => new Promise((r) => setTimeout(r, ms))` in this file: a wait, whatever its name.
  const helper = functionOf(e.expression);
  const at = helper && timerParameter(helper);
  if (at !== undefined && e.arguments[at]) return measure(e.arguments[at], state);
  // `pauseLimiter(() => waitForRetry(ms))`: the wait handed to a wrapper that runs it (and pauses other work meanwhile).
  for (const arg of e.arguments) {
    const fn = skipOuter(arg, RETRY_WRAPPERS);
    if (!ts.isArrowFunction(fn) || ts.isBlock(fn.body)) continue;
    const inner = delayOf(fn.body, state);
    if (inner) return inner;
  }
  return undefined;
}

/** `Promise.race`, `Promise.all` of the global Promise. */
function isPromiseStatic(callee: ts.Expression): boolean {
  const c = skipOuter(callee, RETRY_WRAPPERS);
  return ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'Promise' && !findDeclaration('Promise', c.expression);
}

/**
 * True when the call already retries with backoff: a retry library (`pRetry(fn)`), the runtime
 * shim's `retry`, or a project helper whose name says it retries (`withRetry(fn)`).
 */
export function isRetryCall(ctx: RuleContext, call: ts.CallExpression): boolean {
  const name = calleeName(call.expression);
  if (name !== undefined && RETRY_HELPER_NAME.test(name)) return true;
  const callee = ctx.resolveCallee(call.expression);
  return callee !== undefined && RETRY_LIBRARIES.some((l) => l.module === callee.module && l.calls.includes(callee.call));
}

/** Names of helpers that retry (`retry`, `pRetry`, `withRetry`, `retryWithBackoff`, `backOff`). */
const RETRY_HELPER_NAME = /^(p?retry\w*|with\w*Retry|backOff)$/i;

/** The wait `ms` stands for: constant, growing with the loop's state, or computed where we cannot see. */
export function measure(arg: ts.Expression | undefined, state: LoopState): Delay {
  if (!arg) return { growth: 'unknown', text: '' };
  return { growth: growthOf(arg, state, 0), text: arg.getText() };
}

/** Whether an expression's value changes between iterations: a loop-varying name anywhere in it makes it grow. */
function growthOf(expr: ts.Expression, state: LoopState, depth: number): DelayGrowth {
  const e = skipOuter(expr, RETRY_WRAPPERS);
  if (ts.isNumericLiteral(e) || ts.isStringLiteral(e)) return 'constant';
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    const text = e.getText();
    if (state.varying.has(text)) return 'growing';
    if (ts.isIdentifier(e) && state.declared.has(e.text)) {
      const init = state.declared.get(e.text);
      return init && depth < 4 ? growthOf(init, state, depth + 1) : 'unknown';
    }
    return 'constant';
  }
  if (ts.isBinaryExpression(e)) return combine([growthOf(e.left, state, depth), growthOf(e.right, state, depth)]);
  if (ts.isPrefixUnaryExpression(e)) return growthOf(e.operand, state, depth);
  if (ts.isConditionalExpression(e)) return combine([growthOf(e.whenTrue, state, depth), growthOf(e.whenFalse, state, depth)]);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression) &&
    e.expression.expression.text === 'Math' && MATH_PASS_THROUGH.has(e.expression.name.text)) {
    return combine(e.arguments.map((a) => growthOf(a, state, depth)));
  }
  // Any other call (`jitter(base)`, `policy.next()`) computes the wait: we cannot tell, so stay quiet.
  return 'unknown';
}

function combine(parts: DelayGrowth[]): DelayGrowth {
  if (parts.includes('unknown')) return 'unknown';
  return parts.includes('growing') ? 'growing' : 'constant';
}

/** `setTimeout(resolve, ms)` inside `new Promise((resolve) => …)`. */
function timerInExecutor(executor: ts.Expression): ts.CallExpression | undefined {
  const fn = skipOuter(executor, RETRY_WRAPPERS);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  let found: ts.CallExpression | undefined;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && calleeName(n.expression) === 'setTimeout' && n.arguments.length >= 2) {
      found = n;
      return SKIP;
    }
  };
  walkTree(fn.body, visit);
  return found;
}

/** A parameter named as a callback: `emailCodeCallback`, `onCodeCallback`. */
const CALLBACK_NAME = /[a-z]Callback$/;

/** Parameters that carry the caller's options and callbacks: `authParams`, `options`, `opts`, `hooks`. */
const OPTIONS_BAG = /^(\w*[pP]arams|\w*[oO]ptions|opts|\w*[cC]allbacks|hooks|handlers)$/;

/**
 * The call runs a function the caller handed in (`await authParams.phoneCode()`,
 * `await emailCodeCallback(n)`, with `authParams` and `emailCodeCallback` parameters): what it
 * does, and how long it takes, is the caller's — typically asking a person for a code.
 */
export function callsCallerFunction(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, RETRY_WRAPPERS);
  // A callback named so (`emailCodeCallback(n)`), or one in an options bag (`authParams.phoneCode()`):
  // not a job handler (`handle(job)`) nor a method of an injected object (`queue.next()`), which do their own work.
  const root = ts.isIdentifier(callee) ? (CALLBACK_NAME.test(callee.text) ? callee : undefined)
    : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && OPTIONS_BAG.test(callee.expression.text) ? callee.expression : undefined;
  if (!root) return false;
  const decl = findDeclaration(root.text, root);
  if (!decl) return false;
  return ts.isParameter(decl) || (ts.isBindingElement(decl) && ts.isParameter(rootDeclaration(decl)));
}
