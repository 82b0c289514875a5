// A retry written as recursion instead of a loop: a function that, when its attempt fails, calls
// itself again — from the `catch` of a `try` around an awaited call (`catch { await delay(5000);
// return requestWithRetry(options) }`), or from the `.catch` of a promise chain, directly or
// through `setTimeout(self, ms)`. The parameters the recursive call changes (`retryCount + 1`)
// play the loop counter's part: a wait that grows with one backs off, a condition on one caps it.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { RuleContext, RuleFact } from '../../engine/types';
import { findDeclaration } from '../../engine/scope';
import { calleeName, skipOuter } from '../shared/ast';
import { isProcessExit } from '../shared/loop-exits';
import { isNeverReturningStatement, neverReturns } from '../shared/never-returns';
import { delayOf, isRetryCall, measure, RETRY_WRAPPERS, type Delay, type LoopState } from './retry-delays';
import { fixedRecursiveAttempts } from './few-attempts';
import { attemptsCountedInHandler } from './handler-counts';
import { iteratesReconnectingStream } from './reconnecting-streams';
import { candidateWaits, type TimerHelperFactKind } from './timer-helpers';
import { isShortFixedWait, longestWaitMs } from './short-waits';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { callbackHandler, catchHandler, retriesAfterRepair } from './repair-retry';
import { reentryTurnsGuardOff } from './reentry-guard';
import { takesItem, worksOnNextItem } from './next-item';
import { failsOverWhileNodesRemain } from './failover-picks';

export type RetryFunction = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

export interface RecursiveRetry {
  /** The function's name, as the message shows it. */
  name: string;
  /** The statement that calls the function again: where the finding stands. */
  reentry: ts.Node;
  /** The attempt: the call whose failure leads to the retry. */
  call: ts.CallExpression;
  /**
   * What the message names as retried: the attempt when it is the one call the `try` awaits;
   * otherwise the function's own call again (`this.backup(…)`), since any of the awaited calls
   * may be the one that failed (a chain from `Promise.resolve()` names no call of its own).
   */
  shown: ts.CallExpression;
  delay: Delay | undefined;
  capped: boolean;
  /** The attempts in all, when a counter parameter's default fixes them (`retries = 2`, called again with `retries - 1`). */
  attempts?: number;
  /** The failure handler the function is called again from: the `catch` block or `.catch` callback. */
  handler: ts.Node;
  /** Calls the handler awaits of functions other files export: each the wait it would be, if that file shows it is a wait helper. */
  importedWaits: ImportedDelay[];
  /**
   * The function runs again after success too (a poller), and its failure handler schedules it
   * again within a moment (`setTimeout(listen, Math.random() * 200 + 50)`), awaiting nothing first.
   */
  pollsAgainWithinMs?: number;
  /**
   * The function runs again after success too (a long poll), and its `catch` calls it again
   * directly, with no timer and nothing awaited first: a failure reruns it at once.
   */
  pollsAgainAtOnce?: boolean;
}

/** A wait that holds only if another file's function is a wait helper (a project fact settles it). */
export interface ImportedDelay {
  fact: RuleFact<TimerHelperFactKind>;
  delay: Delay;
}

/** The retry by recursion in `fn`, if it has one. */
export function recursiveRetry(ctx: RuleContext<any, string, any>, fn: RetryFunction): RecursiveRetry | undefined {
  const name = functionName(fn) ?? methodName(fn);
  if (!name || !fn.body || !ts.isBlock(fn.body)) return undefined;
  for (const t of ownNodes(fn.body, ts.isTryStatement)) {
    if (!t.catchClause) continue;
    const call = firstAwaitedCall(t.tryBlock);
    // `for await (const evt of this.sub)` over a stream that reconnects with backoff itself: the restart is the library's to pace.
    if (!call || isRetryCall(ctx, call) || iteratesReconnectingStream(ctx, t.tryBlock)) continue;
    // `catch (e) { if (e.code === 'USER_SESSION_INVALID') { await this.login(true); return this.list(); } }`: refresh-and-retry.
    // Only a call again that is not one is the retry.
    const again = selfCalls(t.catchClause.block, fn, name).find((a) => !retriesAfterRepair(catchHandler(t.catchClause!), a.statement, call));
    if (!again || leavesBefore(ctx, t.catchClause.block, again.statement)) continue;
    const poller = reenteredOnSuccess(fn, name, t.catchClause.block);
    const atOnce = poller && rerunsAtOnce(again, t.catchClause.block);
    if (triesSomethingElse(fn, again) || (poller && !atOnce && !pollsAgainSoon(again, t.catchClause.block))) continue;
    if (dropsStateItReads(fn, t, again.statement, call) || afterRecovery(t.catchClause.block, again)) continue;
    const shown = ownNodes(t.tryBlock, ts.isAwaitExpression).length === 1 || again.timerMs ? call : again.call;
    const pace = atOnce ? { pollsAgainAtOnce: true } : { pollsAgainWithinMs: poller ? longestWaitMs(again.timerMs) : undefined };
    return { ...describe(ctx, fn, name, again, call, t.catchClause.block, shown), ...pace };
  }
  // `attempt().then(…).catch((err) => setTimeout(self, 1000))`
  for (const c of ownNodes(fn.body, ts.isCallExpression)) {
    const callee = skipOuter(c.expression, RETRY_WRAPPERS);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'catch' || c.arguments.length !== 1) continue;
    const handler = skipOuter(c.arguments[0], RETRY_WRAPPERS);
    if (!ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) continue;
    const base = chainBase(c);
    if (!base || isRetryCall(ctx, base)) continue;
    const body = handler.body;
    const again = selfCalls(body, fn, name).find((a) => !retriesAfterRepair(callbackHandler(handler), a.statement, base));
    if (!again || (ts.isBlock(body) && leavesBefore(ctx, body, again.statement))) continue;
    const poller = reenteredOnSuccess(fn, name, handler);
    if (triesSomethingElse(fn, again) || (poller && !pollsAgainSoon(again, body))) continue;
    const shown = isPromiseStart(base) && !again.timerMs ? again.call : base;
    return { ...describe(ctx, fn, name, again, base, body, shown), pollsAgainWithinMs: poller ? longestWaitMs(again.timerMs) : undefined };
  }
  // `request(opts, function (err, res) { if (err) return that.request(attrs, cb, retry + 1); … })`
  for (const c of ownNodes(fn.body, ts.isCallExpression)) {
    const failure = errorFirstFailure(c);
    if (!failure || isRetryCall(ctx, c)) continue;
    // `findPackageIn(directories.shift(), name, cb)`: each call works on the next item, a search, not a retry.
    if (c.arguments.some(takesItem)) continue;
    const { branch, error } = failure;
    const again = selfCalls(branch, fn, name).find((a) => !retriesAfterRepair({ body: branch, error }, a.statement, c));
    if (!again || (ts.isBlock(branch) && leavesBefore(ctx, branch, again.statement))) continue;
    // `_getConnection(this._getClusterNode(), cb)` again only while `_findNodeIds(…).length !== 0`: failover until the nodes run out.
    if (failsOverWhileNodesRemain(c, again.statement, branch.parent)) continue;
    const poller = reenteredOnSuccess(fn, name, branch);
    if (triesSomethingElse(fn, again) || (poller && !pollsAgainSoon(again, branch))) continue;
    return { ...describe(ctx, fn, name, again, c, branch, c), pollsAgainWithinMs: poller ? longestWaitMs(again.timerMs) : undefined };
  }
  return undefined;
}

/**
 * A call whose last argument is an error-first callback (`function (err, res) {…}`, maybe
 * `.bind(this)`): the branch of its body that runs when the call failed, `if (err) …`.
 */
function errorFirstFailure(c: ts.CallExpression): { branch: ts.Statement; error: string } | undefined {
  let last = c.arguments.length ? skipOuter(c.arguments[c.arguments.length - 1], RETRY_WRAPPERS) : undefined;
  if (last && ts.isCallExpression(last) && ts.isPropertyAccessExpression(last.expression) && last.expression.name.text === 'bind') {
    last = skipOuter(last.expression.expression, RETRY_WRAPPERS);
  }
  if (!last || !(ts.isFunctionExpression(last) || ts.isArrowFunction(last)) || !ts.isBlock(last.body)) return undefined;
  const p = last.parameters[0];
  if (!p || !ts.isIdentifier(p.name) || last.parameters.length < 1) return undefined;
  const error = p.name.text;
  for (const s of last.body.statements) {
    if (!ts.isIfStatement(s)) continue;
    const test = skipOuter(s.expression, RETRY_WRAPPERS);
    if (ts.isIdentifier(test) && test.text === error) return { branch: s.thenStatement, error };
  }
  return undefined;
}

interface SelfCall {
  /** `self(…)`, or the `setTimeout(self, ms)` that schedules it. */
  call: ts.CallExpression;
  /** The arguments the function is called again with (none for `setTimeout(self, ms)`). */
  args: readonly ts.Expression[];
  /** The wait of a `setTimeout` reschedule. */
  timerMs?: ts.Expression;
  statement: ts.Node;
}

/** `Promise.resolve()`, `Promise.reject(x)`: a chain that starts with no call of its own. */
function isPromiseStart(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, RETRY_WRAPPERS);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise';
}

function describe(ctx: RuleContext<any, string, any>, fn: RetryFunction, name: string, again: SelfCall, call: ts.CallExpression, handler: ts.Node, shown: ts.CallExpression): RecursiveRetry {
  const state = recursionState(fn, again.args, handler);
  const waits: Delay[] = [];
  const importedWaits: ImportedDelay[] = [];
  if (again.timerMs) waits.push(measure(again.timerMs, state));
  for (const a of ownNodes(handler, ts.isAwaitExpression)) {
    const d = delayOf(a.expression, state);
    if (d) waits.push(d);
    if (!d) for (const other of candidateWaits(ctx, a.expression)) importedWaits.push({ fact: other.fact, delay: measure(other.ms, state) });
  }
  waits.push(...waitsBeforeAttempt(fn, call, state));
  const delay = waits.find((d) => d.growth !== 'constant') ?? waits[0];
  // `return this.getDevices()` with `getDevices(isSync = true)` under `if (!isSync && …)`: the call again does not retry.
  const once = reentryTurnsGuardOff(fn, again.call, again.args, handler);
  return {
    name, reentry: again.statement, call, shown, delay, capped: once || hasCap(fn, again, state, handler), handler, importedWaits,
    attempts: once ? 2 : fixedRecursiveAttempts(fn, again.args, again.call) ?? attemptsCountedInHandler(fn, handler, again.call),
  };
}

/**
 * Waits the function awaits before its attempt, on the path to it (`const delay =
 * this._backoffStrategy.next(); await setTimeout(delay); await this._beginConnect().catch(() =>
 * this._tryReconnect())`): every call again passes through them first, so they pace the retry as
 * a wait in the failure handler would (ocpp-rpc, check 40).
 */
function waitsBeforeAttempt(fn: RetryFunction, call: ts.CallExpression, state: LoopState): Delay[] {
  const out: Delay[] = [];
  for (let n: ts.Node = call; n !== fn && n.parent; n = n.parent) {
    const block = n.parent;
    if (!ts.isBlock(block)) continue;
    for (const st of block.statements) {
      if (st.end > call.getStart()) break;
      const awaited = awaitedByStatement(st);
      const d = awaited && delayOf(awaited, state);
      if (d) out.push(d);
    }
  }
  return out;
}

/** What a statement of its own awaits: `await x;` or `const r = await x;`. */
function awaitedByStatement(st: ts.Statement): ts.Expression | undefined {
  const e = ts.isExpressionStatement(st) ? st.expression
    : ts.isVariableStatement(st) && st.declarationList.declarations.length === 1 ? st.declarationList.declarations[0].initializer : undefined;
  const a = e && skipOuter(e, RETRY_WRAPPERS);
  return a && ts.isAwaitExpression(a) ? a.expression : undefined;
}

/**
 * The recursive call changes an argument other than by counting (`statFile(dirname(f), limit - 1)`,
 * `request(options, true)`, `connect(hosts.slice(1))`): each attempt tries something else — a
 * fallback or a failover, not the same call again.
 */
function triesSomethingElse(fn: RetryFunction, again: SelfCall): boolean {
  return fn.parameters.some((p, i) => {
    const arg = again.args[i];
    if (!arg || !ts.isIdentifier(p.name)) return false;
    const a = skipOuter(arg, RETRY_WRAPPERS);
    if (a.getText() === p.name.text) return false;
    // `tryVersion(index + 1)` with `versions[index]` read by the function: the next entry of a list, a fallback.
    return !isCountStep(a, p.name.text) || indexesList(fn, p.name.text);
  });
}

/**
 * The function reads `list[name]` (outside nested functions): the parameter picks an entry, it does
 * not count attempts. A schedule of waits (`delays[attempt]`) is a backoff, not an entry to try.
 */
function indexesList(fn: RetryFunction, name: string): boolean {
  return ownNodes(fn.body!, ts.isElementAccessExpression).some((e) => {
    const index = skipOuter(e.argumentExpression, RETRY_WRAPPERS);
    return ts.isIdentifier(index) && index.text === name && !WAIT_SCHEDULE.test(e.expression.getText());
  });
}

const WAIT_SCHEDULE = /delay|backoff|interval|wait|timeout|sleep/i;

/**
 * `catch { if (grantData.refresh_token) { this.refreshToken = undefined; return this.getAuth(); } }`
 * where `getAuth` reads `this.refreshToken` before its attempt: the call again runs without what
 * failed (a refresh token, a cached connection), a fallback along another path rather than the
 * same call repeated. So does a call again with input corrected from what the failure said:
 * `entry.fields = cleanupUnknownFields(entry.fields, errorsOf(err)); return createEntry({ entry })`,
 * or `this.timeoutOverride = e.data.max_delay` read back through a getter of the attempt.
 */
function dropsStateItReads(fn: RetryFunction, attempt: ts.TryStatement, reentry: ts.Node, call: ts.CallExpression): boolean {
  const clause = attempt.catchClause!;
  const dropped = new Set<string>();
  const corrected = new Set<string>();
  /** Members the handler only clears (not set from the error). */
  const emptied = new Set<string>();
  for (const a of ownNodes(clause.block, ts.isBinaryExpression)) {
    if (a.operatorToken.kind !== ts.SyntaxKind.EqualsToken || a.end > reentry.getStart()) continue;
    const left = skipOuter(a.left, RETRY_WRAPPERS);
    const right = skipOuter(a.right, RETRY_WRAPPERS);
    const cleared = right.kind === ts.SyntaxKind.NullKeyword || right.kind === ts.SyntaxKind.FalseKeyword || (ts.isIdentifier(right) && right.text === 'undefined');
    const fromError = readsCaughtError(right, clause);
    // Cleared, or set from what the failure said (`this._sender = await getSender(e.newDc)`): the next run goes elsewhere.
    if ((cleared || fromError) && ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword) {
      dropped.add(left.name.text);
      if (!fromError) emptied.add(left.name.text);
    }
    // A part of an argument rewritten from the failure (`entry.transformed.fields = …`): the next run sends something else.
    const root = fromError && ts.isPropertyAccessExpression(left) ? parameterRoot(fn, left) : undefined;
    if (root) corrected.add(root);
  }
  // A part of an argument deleted (`delete options.clientTrack; return this.play(options)`): the next
  // run goes without what failed, to the next track of the queue (lavalink-client, check 24).
  for (const d of ownNodes(clause.block, ts.isDeleteExpression)) {
    const target = skipOuter(d.expression, RETRY_WRAPPERS);
    const root = d.end <= reentry.getStart() && ts.isPropertyAccessExpression(target) ? parameterRoot(fn, target) : undefined;
    if (root) corrected.add(root);
  }
  if (corrected.size && [...corrected].some((p) => mentionsName(call, p) && mentionsName(reentry, p))) return true;
  // `this.longPollParams = null` where the attempt is `this.longPollParams = await this.getLongPollParams()`:
  // the attempt fills the cleared state back in, so the run after the drop makes that same call
  // again, and fails the same way (a refresh token dropped for a password grant takes another path).
  for (const member of refilledBy(call)) if (emptied.has(member)) dropped.delete(member);
  if (!dropped.size || !fn.body) return false;
  const cls = enclosingClass(fn);
  // `this.timeout` with `get timeout() { return this.timeoutOverride ?? … }`: reading the getter reads what it returns.
  const readsThrough = (name: string): boolean => dropped.has(name) || (cls?.members.some((m) => ts.isGetAccessorDeclaration(m) && m.name.getText() === name &&
    m.body !== undefined && ownNodes(m.body, ts.isPropertyAccessExpression).some((r) => r.expression.kind === ts.SyntaxKind.ThisKeyword && dropped.has(r.name.text))) ?? false);
  // Read before the attempt, or in the attempt's own arguments (`invoke(this.request, this._sender)` after `getSender(this._sender.dcId)`).
  const before = Math.max(attempt.getStart(), call.end);
  const readsDropped = (root: ts.Node, upTo: number): boolean => ownNodes(root, ts.isPropertyAccessExpression).some((r) =>
    r.end <= upTo && r.expression.kind === ts.SyntaxKind.ThisKeyword && readsThrough(r.name.text) && !isAssignmentTarget(r));
  if (readsDropped(fn.body, before)) return true;
  // The attempt's own callback reads it (`resendIfRateLimited(() => send({ delay: this.timeout }))`).
  if (call.arguments.some((a) => (ts.isArrowFunction(a) || ts.isFunctionExpression(a)) && readsDropped(a.body, a.body.end))) return true;
  // Read one call deep, in a method of the class the function calls first (`this.getGrantData()`).
  if (!cls) return false;
  return ownNodes(fn.body, ts.isCallExpression).some((c) => {
    if (c.end > before || !ts.isPropertyAccessExpression(c.expression) || c.expression.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
    const name = c.expression.name.text;
    const method = cls.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.name.getText() === name);
    return method?.body !== undefined && readsDropped(method.body, method.body.end);
  });
}

/**
 * `const outcome = await this.tokenRefresher.handleUnknownToken(req); if (outcome === Success) return this.request(…)`:
 * the call again runs only when a recovery step the handler awaited reports success. The failure
 * was dealt with first (a new token, a reconnection), and each retry costs that step's round trip.
 */
function afterRecovery(handler: ts.Block, again: SelfCall): boolean {
  const recovered = new Set<string>();
  for (const d of ownNodes(handler, ts.isVariableDeclaration)) {
    if (d.getStart() > again.statement.getStart() || !d.initializer) continue;
    const init = skipOuter(d.initializer, RETRY_WRAPPERS);
    if (ts.isAwaitExpression(init) && ts.isCallExpression(skipOuter(init.expression, RETRY_WRAPPERS)) && !delayOf(init.expression, { varying: new Set(), declared: new Map() })) {
      // `const { retry } = await handleFlashError({ error, ui })`: each name the answer is taken apart into.
      for (const bound of boundIdentifiers(d.name)) recovered.add(bound);
    }
  }
  if (!recovered.size) return false;
  for (let n: ts.Node = again.statement; n !== handler && n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && p.thenStatement === n && [...recovered].some((r) => mentionsName(p.expression, r))) return true;
  }
  return false;
}

/** The names a declaration binds: `outcome`, or `retry` and `reason` of `{ retry, reason: [reason] }`. */
function boundIdentifiers(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundIdentifiers(e.name)));
}

/** The class whose `this` the function sees: its own, or that of the method an arrow sits in. */
function enclosingClass(fn: RetryFunction): ts.ClassLikeDeclaration | undefined {
  for (let n: ts.Node = fn; n.parent; n = n.parent) {
    if (ts.isClassLike(n.parent)) return n.parent;
    if (n !== fn && (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n))) return undefined;
  }
  return undefined;
}

/** `entry` of `entry.transformed.fields`, when it is a parameter of the function (or named in its destructured parameter). */
function parameterRoot(fn: RetryFunction, target: ts.PropertyAccessExpression): string | undefined {
  let e: ts.Expression = target;
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = skipOuter(e.expression, RETRY_WRAPPERS);
  if (!ts.isIdentifier(e)) return undefined;
  const decl = findDeclaration(e.text, e);
  if (!decl) return undefined;
  const inParameters = fn.parameters.some((p) => p === decl || (decl.pos >= p.pos && decl.end <= p.end));
  return inParameters ? e.text : undefined;
}

function mentionsName(root: ts.Node, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isIdentifier(n) && n.text === name) found = true;
  };
  walkTree(root, visit);
  return found;
}

/**
 * `e.newDc`, `err.retryHost`: the value is read from the caught error, directly or through a
 * local the handler took from it (`const max = e.data.max_delay; … = max`).
 */
function readsCaughtError(value: ts.Expression, clause: ts.CatchClause): boolean {
  const v = clause.variableDeclaration;
  if (!v || !ts.isIdentifier(v.name)) return false;
  const names = new Set([v.name.text]);
  // Locals of the handler initialised from the error (or from such a local), in order.
  for (const d of ownNodes(clause.block, ts.isVariableDeclaration)) {
    if (ts.isIdentifier(d.name) && d.initializer && [...names].some((n) => mentionsName(d.initializer!, n))) names.add(d.name.text);
  }
  return [...names].some((n) => mentionsName(value, n));
}

/** The `this` members the attempt's result is assigned to: `this.params = await this.getParams()`. */
function refilledBy(call: ts.CallExpression): string[] {
  let n: ts.Node = call;
  while (n.parent && (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (!p || !ts.isBinaryExpression(p) || p.right !== n || p.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return [];
  const left = skipOuter(p.left, RETRY_WRAPPERS);
  return ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword ? [left.name.text] : [];
}

function isAssignmentTarget(e: ts.Expression): boolean {
  const p = e.parent;
  return ts.isBinaryExpression(p) && p.left === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/** `n + 1`, `n - 1`, `++n`, `n--`: the parameter counted up or down. */
function isCountStep(a: ts.Expression, name: string): boolean {
  if ((ts.isPrefixUnaryExpression(a) || ts.isPostfixUnaryExpression(a)) && ts.isIdentifier(a.operand) && a.operand.text === name) return true;
  return ts.isBinaryExpression(a) && (a.operatorToken.kind === ts.SyntaxKind.PlusToken || a.operatorToken.kind === ts.SyntaxKind.MinusToken) &&
    ts.isIdentifier(skipOuter(a.left, RETRY_WRAPPERS)) && (skipOuter(a.left, RETRY_WRAPPERS) as ts.Identifier).text === name && ts.isNumericLiteral(skipOuter(a.right, RETRY_WRAPPERS));
}

/**
 * A poller's failure handler that schedules the function again within a moment — a fixed wait
 * under SHORT_WAIT_MS, jitter at most (`setTimeout(listen, Math.random() * 200 + 50)`) — and
 * awaits nothing before: while the peer keeps failing, it is asked again several times a second,
 * forever. The schedule after success may be as short (a long poll waits at the server); after a
 * failure nothing does. A handler that awaits anything may be waiting there: left alone.
 */
/**
 * A poller's `catch` that calls it again directly (`this.startPolling(callback)`), with no timer
 * and nothing awaited before: while the peer is down (DNS failure, connection refused) each run
 * fails at once and starts the next, a hot loop (node-vk-bot-api's long poll, check 33).
 */
function rerunsAtOnce(again: SelfCall, handler: ts.Node): boolean {
  return again.timerMs === undefined && ts.isCallExpression(again.call) && ownNodes(handler, ts.isAwaitExpression).length === 0;
}

function pollsAgainSoon(again: SelfCall, handler: ts.Node): boolean {
  return again.timerMs !== undefined && isShortFixedWait(again.timerMs) && ownNodes(handler, ts.isAwaitExpression).length === 0;
}

/**
 * The function is run again after success too — rescheduled by a timer outside the failure path
 * (`setTimeout(safeBeat, interval)` after a good beat), or calling itself for the next item
 * (`callNext()` in `.then` and `.catch` alike): a poller or a queue drain, not a retry.
 */
function reenteredOnSuccess(fn: RetryFunction, name: string, failure: ts.Node): boolean {
  let scope: ts.Node = fn;
  while (scope.parent && !ts.isSourceFile(scope) && !(ts.isBlock(scope) && scope !== fn.body)) scope = scope.parent;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || n === failure) return;
    if (ts.isCallExpression(n)) {
      const callee = skipOuter(n.expression, RETRY_WRAPPERS);
      const timer = calleeName(callee);
      const target = n.arguments[0] && skipOuter(n.arguments[0], RETRY_WRAPPERS);
      // A timer in the scope's own statements runs once (`setTimeout(connect, 500)`: the first kick-off);
      // one inside a function (this one, or a sibling it calls after success) runs again each time.
      const inside = insideOf(n, fn);
      const repeats = timer === 'setInterval' || inFunctionBelow(n, scope);
      const rescheduled = (timer === 'setTimeout' || timer === 'setInterval' || timer === 'setImmediate') && repeats && target && namesFunction(target, name);
      // A method calls itself through `this` (or `that`): a bare `request(…)` in `Ctor.prototype.request` is another function.
      const selfCall = inside && (calledThroughThis(fn) ? isSelf(callee, fn, name) : namesFunction(callee, name));
      if (rescheduled || selfCall) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

function inFunctionBelow(n: ts.Node, scope: ts.Node): boolean {
  for (let p = n.parent; p && p !== scope; p = p.parent) if (ts.isFunctionLike(p)) return true;
  return false;
}

function namesFunction(e: ts.Expression, name: string): boolean {
  return (ts.isIdentifier(e) && e.text === name) ||
    (ts.isPropertyAccessExpression(e) && e.name.text === name && e.expression.kind === ts.SyntaxKind.ThisKeyword);
}

function readsText(e: ts.Node, text: string): boolean {
  if ((ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) && e.getText() === text) return true;
  return ts.forEachChild(e, (c) => readsText(c, text) || undefined) ?? false;
}

function insideOf(n: ts.Node, fn: ts.Node): boolean {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) if (p === fn) return true;
  return false;
}

/** The parameters the recursive call passes something else for: they change from one attempt to the next. */
function recursionState(fn: RetryFunction, args: readonly ts.Expression[], handler: ts.Node): LoopState {
  const varying = new Set<string>();
  fn.parameters.forEach((p, i) => {
    if (!ts.isIdentifier(p.name)) return;
    const arg = args[i];
    if (arg && skipOuter(arg, RETRY_WRAPPERS).getText() !== p.name.text) varying.add(p.name.text);
  });
  // Names the function updates itself (`this.retries++`) change from one attempt to the next as well.
  // The failure handler (a `.catch` callback) steps counters too: `tries = tries + 1`.
  const roots = fn.body ? (handler === fn.body ? [fn.body] : [fn.body, handler]) : [];
  for (const root of roots) {
    for (const n of ownNodes(root, (x): x is ts.Node => true)) {
      if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) &&
        (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) varying.add(n.operand.getText());
      if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstCompoundAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastCompoundAssignment) {
        varying.add(n.left.getText());
      }
      // A counter stepped by plain assignment: `tries = tries + 1`.
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && readsText(n.right, n.left.getText())) varying.add(n.left.getText());
    }
  }
  // The function's own consts (`const waitMs = base * 2 ** retryCount`) carry the parameters' growth.
  const declared = new Map<string, ts.Expression | undefined>();
  if (fn.body) for (const d of ownNodes(fn.body, ts.isVariableDeclaration)) if (ts.isIdentifier(d.name)) declared.set(d.name.text, d.initializer);
  return { varying, declared };
}

/**
 * It gives up at some point: a `throw` or `return` that does not recurse, under a condition that
 * reads a parameter the recursion changes, or the recursive call itself under such a condition.
 */
function hasCap(fn: RetryFunction, again: SelfCall, state: LoopState, handler: ts.Node): boolean {
  if (retriesOnce(fn, again)) return true;
  if (!state.varying.size) return false;
  const reads = (e: ts.Node): boolean => {
    if ((ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) && state.varying.has(e.getText())) return true;
    return ts.forEachChild(e, (c) => reads(c) || undefined) ?? false;
  };
  for (let n: ts.Node = again.call; n !== fn; n = n.parent) {
    if ((ts.isIfStatement(n) || ts.isConditionalExpression(n)) && reads(ts.isIfStatement(n) ? n.expression : n.condition)) return true;
  }
  // So does one in a `.catch` callback (`if (failures > 3) return onFatal(err)`), code of its own; a catch block is scanned twice, harmlessly.
  return [fn.body!, handler].some((root) => ownNodes(root, ts.isIfStatement).some((s) => reads(s.expression) && leavesWithout(s.thenStatement, again.call)));
}

/**
 * A retry-once flag: the failure handler sets a flag to `true` before calling again
 * (`this._timedOut = true; await sleep(ms); return this._request()`), and the function leaves when
 * it finds the flag set (`if (this._timedOut) throw e`). The second failure in a row gives up.
 */
function retriesOnce(fn: RetryFunction, again: SelfCall): boolean {
  const set = new Set<string>();
  for (let n: ts.Node = again.statement; n.parent && n !== fn; n = n.parent) {
    const block = n.parent;
    if (!ts.isBlock(block)) continue;
    for (const st of block.statements) {
      if (st.pos >= again.statement.pos) break;
      const e = ts.isExpressionStatement(st) ? skipOuter(st.expression, RETRY_WRAPPERS) : undefined;
      if (e && ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && e.right.kind === ts.SyntaxKind.TrueKeyword) set.add(e.left.getText());
    }
  }
  if (!set.size) return false;
  return ownNodes(fn.body!, ts.isIfStatement).some((s) => set.has(skipOuter(s.expression, RETRY_WRAPPERS).getText()) &&
    s.getStart() < again.statement.getStart() && leavesWithout(s.thenStatement, again.call));
}

function leavesWithout(s: ts.Statement, call: ts.Node): boolean {
  const first = ts.isBlock(s) ? s.statements.find((x) => ts.isThrowStatement(x) || ts.isReturnStatement(x)) : s;
  if (!first || !(ts.isThrowStatement(first) || ts.isReturnStatement(first))) return false;
  return !(first.pos <= call.pos && call.end <= first.end);
}

/** Calls of the function itself in `body` (not in nested functions other than a `setTimeout` callback). */
function selfCalls(body: ts.Node, fn: RetryFunction, name: string): SelfCall[] {
  const out: SelfCall[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isFunctionLike(n) && n !== body) return SKIP;
    if (ts.isCallExpression(n)) {
      if (isSelf(n.expression, fn, name)) out.push({ call: n, args: n.arguments, statement: statementOf(n, body) });
      else if (calleeName(n.expression) === 'setTimeout' && n.arguments.length >= 2) {
        const target = skipOuter(n.arguments[0], RETRY_WRAPPERS);
        const inner = (ts.isArrowFunction(target) || ts.isFunctionExpression(target)) && !ts.isBlock(target.body) ? skipOuter(target.body, RETRY_WRAPPERS) : undefined;
        if (isSelf(target, fn, name)) out.push({ call: n, args: [], timerMs: n.arguments[1], statement: statementOf(n, body) });
        else if (inner && ts.isCallExpression(inner) && isSelf(inner.expression, fn, name)) {
          out.push({ call: n, args: inner.arguments, timerMs: n.arguments[1], statement: statementOf(n, body) });
        }
      }
    }
  };
  walkTree(body, visit);
  return out;
}

function isSelf(callee: ts.Expression, fn: RetryFunction, name: string): boolean {
  const e = skipOuter(callee, RETRY_WRAPPERS);
  const viaThis = calledThroughThis(fn);
  if (ts.isIdentifier(e)) return e.text === name && !viaThis;
  return ts.isPropertyAccessExpression(e) && e.name.text === name && viaThis && (e.expression.kind === ts.SyntaxKind.ThisKeyword || isThisAlias(e.expression, fn));
}

/** `that` in `var that = this`, declared in the method's own body: callbacks reach the method through it. */
function isThisAlias(e: ts.Expression, fn: RetryFunction): boolean {
  if (!ts.isIdentifier(e) || !fn.body) return false;
  const decl = findDeclaration(e.text, e);
  return decl !== undefined && ts.isVariableDeclaration(decl) && decl.initializer?.kind === ts.SyntaxKind.ThisKeyword &&
    ownNodes(fn.body, ts.isVariableDeclaration).includes(decl);
}

/** A method calls itself as `this.name(…)`: a class or object-literal method, or a function that has only a method's name. */
function calledThroughThis(fn: RetryFunction): boolean {
  return ts.isMethodDeclaration(fn) || (functionName(fn) === undefined && methodName(fn) !== undefined);
}

/**
 * The name `this.name(…)` calls an unnamed function expression by, where it is installed as a
 * method: `Ctor.prototype.name = function`, `obj.name = function`, `{ name: function }`, or the
 * one function a module exports from a file of that name (`lib/methods/startPolling.js`:
 * `module.exports = async function`, which node-vk-bot-api binds onto its bot as `startPolling`,
 * one file per method). An arrow has no `this` of its own: none.
 */
function methodName(fn: RetryFunction): string | undefined {
  if (!ts.isFunctionExpression(fn)) return undefined;
  let p: ts.Node = fn.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  if (ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.parent) && ts.isIdentifier(p.name)) return p.name.text;
  if (!ts.isBinaryExpression(p) || p.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(p.left)) return undefined;
  const left = p.left;
  if (left.getText() === 'module.exports' && ts.isSourceFile(p.parent.parent)) {
    const base = path.basename(fn.getSourceFile().fileName).replace(/\.[cm]?[jt]sx?$/, '');
    return /^[A-Za-z_$][\w$]*$/.test(base) && base !== 'index' ? base : undefined;
  }
  return left.name.text === 'exports' ? undefined : left.name.text;
}

/** The statement of `body` that holds `n` (for an expression body, the expression itself). */
function statementOf(n: ts.Node, body: ts.Node): ts.Node {
  let s: ts.Node = n;
  while (s.parent && s.parent !== body && !(ts.isBlock(s.parent) || ts.isCaseClause(s.parent))) s = s.parent;
  return ts.isBlock(body) || ts.isBlock(s.parent) ? s : n;
}

/** A `throw`, `return` (not of the recursion) or `process.exit()` before `stmt` among the block's own statements: the retry is never reached. */
function leavesBefore(ctx: RuleContext<any, string, any>, block: ts.Block, stmt: ts.Node): boolean {
  for (const s of block.statements) {
    if (s.pos <= stmt.pos && stmt.end <= s.end) return false;
    if (ts.isThrowStatement(s) || ts.isReturnStatement(s)) return true;
    if (ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && isProcessExit(ctx, s.expression.expression)) return true;
    // `this.rethrow(err)` declared `): never`: the handler leaves there.
    if (isNeverReturningStatement(s)) return true;
  }
  return false;
}

function firstAwaitedCall(block: ts.Block): ts.CallExpression | undefined {
  for (const a of ownNodes(block, ts.isAwaitExpression)) {
    const e = skipOuter(a.expression, RETRY_WRAPPERS);
    if (ts.isCallExpression(e)) return e;
  }
  return undefined;
}

/** The call a `.then(…).catch(…)` chain starts with. */
/**
 * Steps of a promise chain that pass the attempt's outcome on: the standard three, and Bluebird's
 * (`send(op).bind(this).then(…).catch(…)` retries `send`, not `bind`).
 */
const CHAIN_STEPS = /^(then|catch|finally|bind|tap|tapCatch|spread|return|thenReturn)$/;

function chainBase(c: ts.CallExpression): ts.CallExpression | undefined {
  let e: ts.Expression = c;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && CHAIN_STEPS.test(e.expression.name.text)) {
    e = skipOuter(e.expression.expression, RETRY_WRAPPERS);
  }
  return ts.isCallExpression(e) && e !== c ? e : undefined;
}

function functionName(fn: RetryFunction): string | undefined {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

/** Nodes of a kind in a function's own code, not in nested functions. */
function ownNodes<T extends ts.Node>(root: ts.Node, is: (n: ts.Node) => n is T): T[] {
  const out: T[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (n !== root && (ts.isFunctionLike(n) || ts.isClassLike(n))) return SKIP;
    if (is(n)) out.push(n);
  };
  walkTree(root, visit);
  return out;
}

/** A poller that schedules itself again: the call to it, and the attempt whose failure falls through to it. */
export interface SpinningReschedule {
  name: string;
  reentry: ts.Node;
  call: ts.CallExpression;
  /** The longest wait before it runs again, when it is not at once but a fixed moment under SHORT_WAIT_MS (`setTimeout(poll, 100)`). */
  withinMs?: number;
}

/** Timers that run their callback as soon as the event loop turns. */
const AT_ONCE_TIMERS = new Set(['setImmediate', 'nextTick']);

/**
 * A poller that calls itself again at the end of every run, at once (`setTimeout(() => self(), 0)`,
 * `setImmediate(self)`), after a `try` around an awaited call whose `catch` neither leaves nor
 * waits: the loop form of a poll loop whose failures spin (`chan.xreadgroup = async () => { try {
 * … await client.xreadgroup(…) … } catch (e) { log(e) } setTimeout(() => chan.xreadgroup(), 0) }`).
 */
export function spinningReschedule(ctx: RuleContext<any, string, any>, fn: RetryFunction): SpinningReschedule | undefined {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return undefined;
  const name = functionName(fn) ?? assignedName(fn);
  if (!name) return undefined;
  const statements = body.statements;
  const at = statements.findIndex((s) => ts.isTryStatement(s) && s.catchClause !== undefined);
  if (at < 0) return undefined;
  const attempt = statements[at] as ts.TryStatement;
  const call = firstAwaitedCall(attempt.tryBlock);
  if (!call || isRetryCall(ctx, call)) return undefined;
  // `const job = this._queue.shift(); … await job.fn()`: each run drains the next item, no retry (ocpp-rpc's queue).
  if (worksOnNextItem(body, undefined, [], attempt, call)) return undefined;
  if (ownNodes(attempt.catchClause!.block, (n): n is ts.Node => ts.isReturnStatement(n) || ts.isThrowStatement(n) || ts.isAwaitExpression(n) ||
    (ts.isCallExpression(n) && neverReturns(n))).length) return undefined;
  for (const s of statements.slice(at + 1)) {
    if (ownNodes(s, ts.isAwaitExpression).length) return undefined;
    const again = soonSelfCallIn(s, fn, name);
    if (again) return { name, reentry: again.statement, call, withinMs: again.wait > 0 ? again.wait : undefined };
    if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return undefined;
  }
  return undefined;
}

/**
 * The statement, or a branch of an `if` it is (`if (signal.aborted) disconnect(); else poll();`:
 * a stop check, not a wait), that schedules the function again soon.
 */
function soonSelfCallIn(s: ts.Statement, fn: RetryFunction, name: string): { statement: ts.Statement; wait: number } | undefined {
  if (ts.isBlock(s)) {
    for (const inner of s.statements) {
      const found = soonSelfCallIn(inner, fn, name);
      if (found) return found;
    }
    return undefined;
  }
  if (ts.isIfStatement(s)) return soonSelfCallIn(s.thenStatement, fn, name) ?? (s.elseStatement && soonSelfCallIn(s.elseStatement, fn, name));
  const wait = soonSelfCall(s, fn, name) ?? (callsSelfDirectly(s, fn, name) ? 0 : undefined);
  return wait === undefined ? undefined : { statement: s, wait };
}

/**
 * `poll()` straight after the attempt in an async function: it has awaited already, so the call
 * runs on a fresh stack, as soon as a timer of 0 would.
 */
function callsSelfDirectly(s: ts.Statement, fn: RetryFunction, name: string): boolean {
  if (!ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return false;
  const e = ts.isExpressionStatement(s) ? skipOuter(s.expression, RETRY_WRAPPERS) : undefined;
  if (!e || !ts.isCallExpression(e)) return false;
  const callee = skipOuter(e.expression, RETRY_WRAPPERS);
  return callee.getText() === name || isSelf(callee, fn, name);
}

/** `chan.xreadgroup = async () => {…}`: the name the function calls itself by. */
function assignedName(fn: RetryFunction): string | undefined {
  const p = fn.parent;
  return ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === fn && ts.isPropertyAccessExpression(p.left)
    ? p.left.getText() : undefined;
}

/**
 * The statement schedules `name` again with no wait (`setTimeout(() => name(), 0)`, `setImmediate(name)`,
 * `process.nextTick(…)`): 0; or within a fixed moment (`setTimeout(poll, 100)`): the longest wait; otherwise undefined.
 */
function soonSelfCall(s: ts.Statement, fn: RetryFunction, name: string): number | undefined {
  const e = ts.isExpressionStatement(s) ? skipOuter(s.expression, RETRY_WRAPPERS) : ts.isReturnStatement(s) && s.expression ? skipOuter(s.expression, RETRY_WRAPPERS) : undefined;
  if (!e || !ts.isCallExpression(e)) return undefined;
  const timer = calleeName(e.expression);
  const delay = e.arguments[1];
  const wait = timer === undefined ? undefined : AT_ONCE_TIMERS.has(timer) ? 0 : timer === 'setTimeout' && isShortFixedWait(delay) ? longestWaitMs(delay) : undefined;
  if (wait === undefined || !callsSelfBack(e, fn, name)) return undefined;
  return wait;
}

/** The timer's callback is the function itself, or an arrow that only calls it. */
function callsSelfBack(e: ts.CallExpression, fn: RetryFunction, name: string): boolean {
  const target = e.arguments[0] && skipOuter(e.arguments[0], RETRY_WRAPPERS);
  if (!target) return false;
  const callsSelf = (x: ts.Expression): boolean => {
    const c = skipOuter(x, RETRY_WRAPPERS);
    return c.getText() === name || isSelf(c, fn, name);
  };
  if (callsSelf(target)) return true;
  if ((ts.isArrowFunction(target) || ts.isFunctionExpression(target)) && !ts.isBlock(target.body)) {
    const inner = skipOuter(target.body, RETRY_WRAPPERS);
    return ts.isCallExpression(inner) && callsSelf(inner.expression);
  }
  return false;
}
