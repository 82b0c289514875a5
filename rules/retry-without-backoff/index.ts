// retry-without-backoff: a loop that retries an awaited call from its `catch` straight away, or
// after the same fixed wait forever. When the peer is down, every instance retrying in lockstep
// keeps it down. A retry loop is one whose `try` leaves the loop on success (`return await f()`,
// `await f(); break`, `done = true` on the loop's flag) and whose `catch` does not leave it.
import { clipText } from '../shared/clip-text';
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { boundNames } from '../../engine/module-symbols';
import { codeStyle, indentationAt, semi } from '../../engine/fix-text';
import { importFromRuntime } from '../../engine/runtime-shim';
import type { Fix, Report, RuleContext } from '../../engine/types';
import { calleeName, isWithin, skipOuter } from '../shared/ast';
import { isProcessExit, keywordRange, loopHeader, type Loop } from '../shared/loop-exits';
import { isNeverReturningStatement, neverReturns } from '../shared/never-returns';
import { reindent } from '../shared/reindent';
import { signalInScope } from '../shared/signal-in-scope';
import { retriesOnlyCollisions, retriesOnlyConflicts } from './conflict-retry';
import { catchHandler, retriesAfterRepair } from './repair-retry';
import { readsUntilEnd } from './stream-reads';
import { iteratesReconnectingStream } from './reconnecting-streams';
import { isDeadlineCondition } from './deadline-loops';
import { recursiveRetry, spinningReschedule, type ImportedDelay, type RetryFunction } from './recursive-retry';
import { candidateWaits, recordTimerHelpers, type TimerHelperFactKind } from './timer-helpers';
import { delayInCalledFunction } from './handler-delays';
import { callsCallerFunction, delayOf, isRetryCall, loopState, measure, RETRY_WRAPPERS, type Delay } from './retry-delays';
import { worksOnNextItem } from './next-item';
import { retriesOnCaughtError } from './caught-error-condition';
import { retriesOnlyRejectedInput } from './rejected-input';
import { regeneratorRetry } from './regenerator-loops';
import { awaitedIn, failingCall } from './failing-call';
import { attemptsCappedInCatch, fixedAttempts, FEW_ATTEMPTS } from './few-attempts';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

interface Options {
  /** Attempts the fix writes when the loop's own count cannot be read. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}


/** A loop found to retry: the attempt, the call it repeats, and what it waits between attempts. */
interface RetryLoop {
  loop: Loop;
  attempt: ts.TryStatement;
  call: ts.CallExpression;
  delay: Delay | undefined;
  capped: boolean;
  /** Calls the loop awaits of functions other files export, each a wait if that file shows it is a wait helper. */
  importedWaits: ImportedDelay[];
}

const WHY =
  'When the peer is down, rate-limiting or overloaded, every instance retries in lockstep and the extra load keeps it down ' +
  '(a mail worker that retried IMAP and OpenAI calls this way hammered both servers until it was throttled and locked out).';
const DO = 'Wait with exponential backoff and jitter, capped, between attempts: `retry(fn, { attempts, baseMs, maxMs })` from the runtime shim, or grow the wait from the attempt number.';

type MessageId = 'noDelay' | 'noDelayForever' | 'constantDelay' | 'spinsOnFailure' | 'pollsSoonOnFailure';

const rule = createRule<Options, MessageId, TimerHelperFactKind>({
  meta: {
    id: 'retry-without-backoff',
    description: 'A loop (or a function calling itself) that retries an awaited call from its catch with no delay, or with a constant delay and no attempt cap.',
    defaultSeverity: 'warn',
    fixable: { unsafe: 'the shim\'s `retry(fn, { attempts, baseMs, maxMs })` for a counted loop', suggestion: '`retry(…)` for other loops (their catch is dropped)' },
    fileKinds: ['script'],
    // A retry is an attempt whose failure is caught: a `catch` clause or `.catch(…)`.
    needs: { anyOf: ['catch'] },
    messages: {
      noDelay: '`{{call}}` is retried with no wait between attempts: add a backoff.\n' +
        `\`{{loop}}\` retries it as soon as it fails. ${WHY} ${DO}`,
      noDelayForever: '`{{call}}` is retried at once, forever: add a cap and a backoff.\n' +
        `\`{{loop}}\` retries it as soon as it fails and never gives up: while the peer is down it spins through failures as fast as they come. ${WHY} ${DO}`,
      spinsOnFailure: 'When `{{call}}` fails, this loop runs it again at once: wait before retrying.\n' +
        '`{{loop}}` works on success, but while the call keeps failing (the peer is down, the connection closed) nothing on the failure path waits, ' +
        'so it spins through failures as fast as they come: a core at 100%, a flooded log, and with an await that rejects at once, an event loop that never gets to anything else. ' +
        'Wait in the `catch`, longer after each consecutive failure (`await sleep(Math.min(30_000, 100 * 2 ** failures))`), and reset the count on success.',
      pollsSoonOnFailure: 'When `{{call}}` fails, it reruns within {{delay}} ms, forever: back off.\n' +
        '`{{loop}}` schedules itself again after every run, and after a failure just as soon. That pace suits success (a long poll waits at the server), ' +
        'but while the call keeps failing (logged out, the server erroring or down) the poller sends it several times a second and never stops. ' +
        'Grow the wait after each consecutive failure (`setTimeout(poll, Math.min(30_000, 250 * 2 ** failures))`), reset the count on success, and stop on errors that will not pass.',
      constantDelay: '`{{call}}` is retried forever every `{{delay}}` ms: add a backoff or a cap.\n' +
        `\`{{loop}}\` waits the same \`{{delay}}\` ms after every failure and never gives up. ${WHY} ${DO}`,
    },
    options: {
      attempts: { type: 'number', description: 'Attempts the fix writes when the loop does not state its own count.', default: 5 },
      baseMs: { type: 'number', description: 'First wait the fix writes (it doubles after each failure, with jitter).', default: 100 },
      maxMs: { type: 'number', description: 'Longest wait the fix writes.', default: 10000 },
    },
  },

  create(ctx) {
    const onLoop = (loop: Loop): void => {
      const found = retryLoop(ctx, loop);
      if (!found) {
        const spin = spinningPoll(ctx, loop);
        if (spin) ctx.report({ range: keywordRange(ctx, loop), messageId: 'spinsOnFailure', data: { loop: loopHeader(ctx, loop), call: callText(ctx, spin) }, severity: 'warn' });
        // The same loop compiled by Babel's regenerator: its catch case leads straight back into the try.
        const compiled = !spin && ts.isWhileStatement(loop) ? regeneratorRetry(loop) : undefined;
        if (compiled) ctx.report({ range: keywordRange(ctx, loop), messageId: 'noDelayForever', data: { loop: loopHeader(ctx, loop), call: callText(ctx, compiled), delay: '' }, severity: 'error' });
        return;
      }
      // `catch (e) { if (e.status !== 401) throw e; await this.refreshToken(); }`: refresh-and-retry.
      if (retriesAfterRepair(catchHandler(found.attempt.catchClause!), undefined, found.call)) return;
      const { delay, capped } = found;
      if (delay && (delay.growth !== 'constant' || capped)) return;
      if (!delay && capped && retriesOnlyConflicts(found.attempt.catchClause!.block)) return;
      // A few attempts at once (`for (let i = 0; i < 3; i++)`): a bounded policy, not a retry storm.
      // So does a `catch` that gives up on a count (`if (++attempts >= maxAttempts) throw err`, `maxAttempts = props.maxAttempts || 1`).
      const attempts = fixedAttempts(loop) ?? attemptsCappedInCatch(loop, found.attempt.catchClause!.block);
      if (!delay && capped && (attempts ?? Infinity) <= FEW_ATTEMPTS) return;
      // Each iteration runs the whole body again: a random name drawn there is a new one.
      if (!delay && retriesOnlyCollisions(found.attempt.catchClause!.block, loop.statement, ctx.sourceFile)) return;
      const messageId = delay ? 'constantDelay' : capped ? 'noDelay' : 'noDelayForever';
      const exact = exactRewrite(ctx, found);
      const rewrite = exact ?? approximateRewrite(ctx, found);
      reportRetry(ctx, {
        range: keywordRange(ctx, loop),
        messageId,
        data: { loop: loopHeader(ctx, loop), call: callText(ctx, found.call), delay: clipText(delay?.text ?? '', 14) },
        severity: messageId === 'noDelayForever' ? 'error' : 'warn',
        fixes: exact ? [exact] : undefined,
        suggestions: !exact && rewrite ? [rewrite] : undefined,
      }, delay ? [] : found.importedWaits, capped);
    };
    /** A function that retries by calling itself from its catch: reported at the call that re-enters it. */
    const onFunction = (fn: RetryFunction): void => {
      const found = recursiveRetry(ctx, fn);
      if (!found) {
        const spin = spinningReschedule(ctx, fn);
        if (spin?.withinMs !== undefined) {
          ctx.report({ node: spin.reentry, messageId: 'pollsSoonOnFailure', data: { loop: spin.name, call: callText(ctx, spin.call), delay: String(Math.round(spin.withinMs)) }, severity: 'warn' });
        } else if (spin) ctx.report({ node: spin.reentry, messageId: 'spinsOnFailure', data: { loop: spin.name, call: callText(ctx, spin.call) }, severity: 'warn' });
        return;
      }
      // `({ host, connection } = this.getNextConnection())` before the attempt: each call works on the next host.
      const attempt = ts.isCatchClause(found.handler.parent) ? found.handler.parent.parent : undefined;
      if (attempt && fn.body && ts.isBlock(fn.body) && worksOnNextItem(fn.body, undefined, [], attempt, found.call)) return;
      const { delay, capped } = found;
      if (delay && (delay.growth !== 'constant' || capped)) return;
      if (!delay && capped && retriesOnlyConflicts(found.handler)) return;
      // A few attempts at once (`start(retries = 2)` calling `start(retries - 1)`), as for a counted loop.
      if (!delay && capped && (found.attempts ?? Infinity) <= FEW_ATTEMPTS) return;
      if (!delay && retriesOnlyCollisions(found.handler, fn, ctx.sourceFile)) return;
      // A poller whose `catch` calls it again at once: it spins through failures, unless it gives
      // up on a count (heroku's `_ssh(retries - 1)` on a 404 while the dyno starts): a schedule, as for a paced poller.
      if (found.pollsAgainAtOnce) {
        if (found.capped) return;
        ctx.report({ node: found.reentry, messageId: 'spinsOnFailure', data: { loop: found.name, call: callText(ctx, found.shown) }, severity: 'warn' });
        return;
      }
      // A poller whose failure handler schedules it again within a moment (`setTimeout(listen, Math.random() * 200 + 50)`).
      if (found.pollsAgainWithinMs !== undefined) {
        const within = String(Math.round(found.pollsAgainWithinMs));
        ctx.report({ node: found.reentry, messageId: 'pollsSoonOnFailure', data: { loop: found.name, call: callText(ctx, found.shown), delay: within }, severity: 'warn' });
        return;
      }
      const messageId = delay ? 'constantDelay' : capped ? 'noDelay' : 'noDelayForever';
      reportRetry(ctx, {
        node: found.reentry,
        messageId,
        data: { loop: found.name, call: callText(ctx, found.shown), delay: clipText(delay?.text ?? '', 14) },
        severity: messageId === 'noDelayForever' ? 'error' : 'warn',
      }, delay ? [] : found.importedWaits, capped);
    };

    return {
      [ts.SyntaxKind.WhileStatement]: onLoop,
      [ts.SyntaxKind.DoStatement]: onLoop,
      [ts.SyntaxKind.ForStatement]: onLoop,
      [ts.SyntaxKind.FunctionDeclaration]: onFunction,
      [ts.SyntaxKind.FunctionExpression]: onFunction,
      [ts.SyntaxKind.ArrowFunction]: onFunction,
      [ts.SyntaxKind.MethodDeclaration]: onFunction,
      end: () => recordTimerHelpers(ctx),
    };
  },

  // A file with no `catch` can still export the wait helper another file's retry awaits.
  facts(ctx) {
    return { end: () => recordTimerHelpers(ctx) };
  },
});

/**
 * Reports a retry found to wait for nothing, unless a call it awaits is another file's wait helper
 * (`await delayOp(retrySeconds * 1000)` with `delayOp` in ./utils), which the project's facts settle.
 * Then the retry waits the argument that helper waits on: a growing wait, or a constant one with a cap,
 * is fine; a constant one with no cap is reported as such.
 */
function reportRetry(ctx: RuleContext<Options, MessageId, TimerHelperFactKind>, report: Report<MessageId, TimerHelperFactKind>, waits: ImportedDelay[], capped: boolean): void {
  if (!waits.length) return ctx.report(report);
  ctx.report({ ...report, unlessAny: waits.map((w) => w.fact) });
  const constant = waits.filter((w) => w.delay.growth === 'constant');
  const other = waits.filter((w) => w.delay.growth !== 'constant');
  if (capped) return;
  // One candidate per constant wait, naming its own argument: the first one confirmed is reported.
  constant.forEach((w, i) => {
    const before = [...other, ...constant.slice(0, i)].map((o) => o.fact);
    ctx.report({
      ...report,
      messageId: 'constantDelay',
      data: { ...report.data, delay: clipText(w.delay.text, 14) },
      severity: 'warn',
      onlyIfAny: [w.fact],
      unlessAny: before.length ? before : undefined,
    });
  });
}

export default rule;

// ---- Recognising a retry loop ----


function retryLoop(ctx: RuleContext<Options, MessageId>, loop: Loop): RetryLoop | undefined {
  const conditionNames = namesIn(loopCondition(loop));
  for (const attempt of attemptsIn(loop.statement)) {
    const call = awaitedCall(attempt.tryBlock);
    if (!call || isRetryCall(ctx, call) || iteratesReconnectingStream(ctx, attempt.tryBlock)) continue;
    // `phone = await authParams.phoneNumber(); await client.sendCode(phone)`: each pass asks the caller's callback (a person) for new input.
    if (asksCaller(attempt.tryBlock)) continue;
    // `const phone = await details.getPhoneNumber(retry)` before the attempt, `catch { if (invalid) retry = true; else throw e }`: a person types a new value.
    if (retriesOnlyRejectedInput(loop.statement, attempt, call)) continue;
    // `fetch(mirrors[i])`: each iteration tries a different target (failover), not the same call again.
    if (loopCounters(loop).some((c) => mentions(call, c))) continue;
    // `req = queue.shift()`, `stage = stages[i]` before the attempt: each iteration works on the next item.
    if (worksOnNextItem(loop.statement, loopCondition(loop), loopCounters(loop), attempt, call)) continue;
    // `catch (e) { err = e } … while (err.code === ERR__STATE)`: the catch keeps the error to go round again.
    const onCaughtError = retriesOnCaughtError(attempt, conditionNames);
    if (!onCaughtError && !leavesOnSuccess(attempt.tryBlock, loop, conditionNames)) continue;
    // A catch that always leaves (rethrows, breaks, returns) gives up after one failure: no retry.
    if (alwaysLeaves(ctx, attempt.catchClause!.block) || (!onCaughtError && clearsLoopFlag(attempt.catchClause!.block, conditionNames))) continue;
    const state = loopState(loop);
    // A wait inside a function the loop awaits (`await this.handleError(err)`) counts too, and so does a
    // growing one inside the retried function itself (`getOrConnect()` backing off before it reconnects).
    const delays = awaitedIn(loop.statement)
      .map((a) => delayOf(a.expression, state) ?? calledDelay(a.expression, call))
      .filter((d): d is Delay => d !== undefined);
    const delay = delays.find((d) => d.growth !== 'constant') ?? delays[0];
    const importedWaits: ImportedDelay[] = [];
    for (const a of awaitedIn(loop.statement)) {
      if (skipOuter(a.expression, RETRY_WRAPPERS) === call || delayOf(a.expression, state)) continue;
      for (const other of candidateWaits(ctx, a.expression)) importedWaits.push({ fact: other.fact, delay: measure(other.ms, state) });
    }
    return { loop, attempt, call, delay, capped: hasCap(ctx, loop, attempt), importedWaits };
  }
  return undefined;
}

/** The wait a same-file function the loop awaits takes; for the retried call itself, only a wait that grows. */
function calledDelay(awaited: ts.Expression, call: ts.CallExpression): Delay | undefined {
  const delay = delayInCalledFunction(awaited);
  if (skipOuter(awaited, RETRY_WRAPPERS) !== call) return delay;
  return delay && delay.growth !== 'constant' ? delay : undefined;
}

/**
 * A worker or poll loop that runs forever (`while (true)`, `for (;;)`, a flag) around a `try` that
 * awaits a call and does not leave on success, whose `catch` neither leaves nor waits, with no
 * wait anywhere else in the iteration outside that `try`: on failure it goes straight to the next
 * attempt of the same call. A loop that takes the next item before the attempt moves on instead.
 */
function spinningPoll(ctx: RuleContext<Options, MessageId>, loop: Loop): ts.CallExpression | undefined {
  const cond = loopCondition(loop);
  if (cond && !isAlwaysTrue(cond) && !isFlag(cond)) return undefined;
  const conditionNames = namesIn(cond);
  const body = loop.statement;
  if (!ts.isBlock(body)) return undefined;
  const attempt = body.statements.find((st): st is ts.TryStatement => ts.isTryStatement(st) && st.catchClause !== undefined);
  if (!attempt) return undefined;
  // The call that can fail (a wait, or a function of this file that settles, cannot); none can, or the iteration waited before it: no spin.
  const failing = failingCall(ctx, loop, attempt.tryBlock);
  if (!failing || failing.waitedBefore) return undefined;
  const call = failing.call;
  if (isRetryCall(ctx, call) || asksCaller(attempt.tryBlock)) return undefined;
  if (worksOnNextItem(body, cond, loopCounters(loop), attempt, call)) return undefined;
  // `while (!events.closed) { … await events.receive() … }`: reads the next event until the stream ends.
  if (readsUntilEnd(cond, call)) return undefined;
  // `const item = next(); … await handler(item.batch)`: each iteration hands the call what it just took.
  if (usesPerIterationValue(body, attempt, call)) return undefined;
  const failure = attempt.catchClause!.block;
  if (alwaysLeaves(ctx, failure) || clearsLoopFlag(failure, conditionNames) || leavesConditionally(ctx, failure) || clearsLoopFlagSomewhere(failure, conditionNames)) return undefined;
  // `while (this.requested) { this.requested = false; … }`: the loop clears its own flag and runs again only when asked.
  if (clearsLoopFlag(body, conditionNames)) return undefined;
  if (retriesOnRequest(body, attempt)) return undefined;
  // Anything awaited outside the attempt's `try` runs on the failure path too, and may be the wait
  // that paces it (`this.loopDelay = clockDelay(ms); await this.loopDelay`): only a failure path
  // that awaits nothing at all is sure to spin.
  if (awaitedIn(body).some((a) => !isWithin(a, attempt.tryBlock))) return undefined;
  return call;
}

/**
 * `while (true) { this.retryDecryption = false; try { … } catch { if (this.retryDecryption) continue; … } …; return; }`:
 * the iteration leaves after its attempt, so a failure comes round again only through a `continue`
 * of the catch, taken only when a flag the iteration clears first was set again meanwhile — by
 * someone asking for a retry (new keys arrived). It retries on request, not on failure.
 */
function retriesOnRequest(body: ts.Block, attempt: ts.TryStatement): boolean {
  const last = body.statements[body.statements.length - 1];
  if (!last || last === attempt || !(ts.isReturnStatement(last) || ts.isBreakStatement(last) || ts.isThrowStatement(last))) return false;
  const cleared = new Set<string>();
  for (const st of body.statements) {
    if (st === attempt) break;
    const e = ts.isExpressionStatement(st) ? skipOuter(st.expression, RETRY_WRAPPERS) : undefined;
    if (e && ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && e.right.kind === ts.SyntaxKind.FalseKeyword) {
      cleared.add(skipOuter(e.left, RETRY_WRAPPERS).getText());
    }
  }
  const continues: ts.ContinueStatement[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n) || ts.isIterationStatement(n, false)) return SKIP;
    if (ts.isContinueStatement(n) && !n.label) continues.push(n);
  };
  walkTree(attempt.catchClause!.block, visit);
  if (!cleared.size || !continues.length) return false;
  return continues.every((c) => {
    for (let n: ts.Node = c; n !== attempt; n = n.parent) {
      const p = n.parent;
      if (ts.isIfStatement(p) && p.thenStatement === n && cleared.has(skipOuter(p.expression, RETRY_WRAPPERS).getText())) return true;
    }
    return false;
  });
}

/** The call reads a name the iteration declares before the attempt (`const { batch } = next()`). */
function usesPerIterationValue(body: ts.Block, attempt: ts.TryStatement, call: ts.CallExpression): boolean {
  const declared = new Set<string>();
  for (const st of body.statements) {
    if (st === attempt) break;
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) for (const n of boundNames(d.name)) declared.add(n);
  }
  if (!declared.size) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && declared.has(n.text)) found = true;
    ts.forEachChild(n, visit);
  };
  call.arguments.forEach(visit);
  visit(call.expression);
  return found;
}

/** A `return`, `throw` or `break` anywhere in the catch: the loop stops on some failures, a choice the code made. */
function leavesConditionally(ctx: RuleContext<Options, MessageId>, block: ts.Block): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || ts.isFunctionLike(n) || ts.isClassLike(n)) return SKIP;
    if (ts.isReturnStatement(n) || ts.isThrowStatement(n) || ts.isBreakStatement(n) || (ts.isCallExpression(n) && (isProcessExit(ctx, n.expression) || neverReturns(n)))) found = true;
  };
  walkTree(block, visit);
  return found;
}

/**
 * Besides its call, the attempt awaits a function the caller handed in (`await
 * authParams.password(hint)` between `GetPassword` and `CheckPassword`): each pass asks the
 * caller — a person typing a code — for new input. A helper whose one call is the caller's
 * function (`return await fn()`) is a plain retry.
 */
function asksCaller(block: ts.Block): boolean {
  const calls = awaitedIn(block).map((a) => skipOuter(a.expression, RETRY_WRAPPERS)).filter(ts.isCallExpression);
  return calls.some(callsCallerFunction) && calls.some((c) => !callsCallerFunction(c));
}

/** Names a `for` loop's initializer declares: its counter. */
function loopCounters(loop: Loop): string[] {
  return ts.isForStatement(loop) && loop.initializer && ts.isVariableDeclarationList(loop.initializer)
    ? loop.initializer.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : [])) : [];
}

function loopCondition(loop: Loop): ts.Expression | undefined {
  return ts.isForStatement(loop) ? loop.condition : loop.expression;
}

/** `try … catch` statements of the loop's own iteration: not inside nested loops or functions. */
function attemptsIn(body: ts.Statement): ts.TryStatement[] {
  const out: ts.TryStatement[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n) || ts.isIterationStatement(n, false)) return SKIP;
    if (ts.isTryStatement(n) && n.catchClause) out.push(n);
  };
  walkTree(body, visit);
  return out;
}

/** The first awaited call in the attempt: the call being retried. */
function awaitedCall(block: ts.Block): ts.CallExpression | undefined {
  for (const a of awaitedIn(block)) {
    const e = skipOuter(a.expression, RETRY_WRAPPERS);
    if (ts.isCallExpression(e)) return e;
  }
  return undefined;
}

/**
 * The attempt ends the loop when it succeeds: a statement at the top of the `try` (not under an
 * `if`: a conditional return is a worker loop's stop) returns, breaks out, or sets the loop's flag.
 */
function leavesOnSuccess(block: ts.Block, loop: Loop, conditionNames: Set<string>): boolean {
  return block.statements.some((s) => {
    if (ts.isReturnStatement(s)) return true;
    if (ts.isBreakStatement(s)) return breaksLoop(s, loop);
    if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      // `done = true`, `res = await fetch(u)`: success ends the loop. `hasMore = page.next` pages on.
      const value = skipOuter(s.expression.right, RETRY_WRAPPERS);
      return conditionNames.has(skipOuter(s.expression.left, RETRY_WRAPPERS).getText()) && (isLiteralValue(value) || ts.isAwaitExpression(value));
    }
    return false;
  });
}

function isLiteralValue(e: ts.Expression): boolean {
  return e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword ||
    ts.isNumericLiteral(e) || ts.isStringLiteralLike(e) || (ts.isIdentifier(e) && e.text === 'undefined');
}

/** The catch sets a name the loop condition reads (`hasMore = false`): a failure ends the loop. */
function clearsLoopFlag(block: ts.Block, conditionNames: Set<string>): boolean {
  return block.statements.some((s) => ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) &&
    s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && conditionNames.has(skipOuter(s.expression.left, RETRY_WRAPPERS).getText()));
}

/**
 * `catch (e) { if (e instanceof TimeoutError) log(…); else this._running = false; }`: on some
 * failures the catch ends the loop through its flag, as a conditional `break` would: a choice the code made.
 */
function clearsLoopFlagSomewhere(block: ts.Block, conditionNames: Set<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || ts.isFunctionLike(n) || ts.isClassLike(n)) return SKIP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && n.right.kind === ts.SyntaxKind.FalseKeyword &&
      conditionNames.has(skipOuter(n.left, RETRY_WRAPPERS).getText())) found = true;
  };
  walkTree(block, visit);
  return found;
}

function breaksLoop(s: ts.BreakStatement, loop: Loop): boolean {
  if (!s.label) return true;
  return ts.isLabeledStatement(loop.parent) && loop.parent.label.text === s.label.text;
}

/** Identifier and property texts a loop condition reads: `done`, `this.connected`. */
function namesIn(cond: ts.Expression | undefined): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isIdentifier(n) || ts.isPropertyAccessExpression(n)) out.add(n.getText());
  };
  if (cond) walkTree(cond, visit);
  return out;
}

/**
 * A block whose own top-level statements leave unconditionally: `throw err`, `return`, `break`,
 * `process.exit()`, or a call of a helper that never returns (`this.rethrowGrpcError(err, '…')`
 * declared `): never`, or whose every path throws).
 */
function alwaysLeaves(ctx: RuleContext<Options, MessageId>, block: ts.Block): boolean {
  return block.statements.some((s) => ts.isThrowStatement(s) || ts.isReturnStatement(s) || (ts.isBreakStatement(s)) ||
    (ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && isProcessExit(ctx, s.expression.expression)) ||
    isNeverReturningStatement(s));
}

/**
 * The loop gives up at some point: a condition that is more than `true` or a flag (`attempt < 5`),
 * or a conditional exit outside the attempt's `try` block (`if (attempt === max) throw err`).
 */
function hasCap(ctx: RuleContext<Options, MessageId>, loop: Loop, attempt: ts.TryStatement): boolean {
  const cond = loopCondition(loop);
  if (cond && !isAlwaysTrue(cond) && !isFlag(cond)) return true;
  // `while (tries) { tries -= 1; … }`: a count the loop runs down to zero.
  if (cond && countsDown(cond, loop.statement)) return true;
  let found = false;
  const visit = (n: ts.Node, breakable: number): void => {
    if (found || n === attempt.tryBlock || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) || ts.isThrowStatement(n)) found = true;
    else if (ts.isBreakStatement(n) && (n.label ? breaksLoop(n, loop) : breakable === 0)) found = true;
    else if (ts.isCallExpression(n) && (isProcessExit(ctx, n.expression) || neverReturns(n))) found = true;
    const nested = ts.isIterationStatement(n, false) || ts.isSwitchStatement(n) ? breakable + 1 : breakable;
    ts.forEachChild(n, (c) => visit(c, nested));
  };
  visit(loop.statement, 0);
  return found;
}

/** The condition is a name (`tries`, `this.retriesLeft`) the loop body lowers: `tries--`, `--tries`, `tries -= 1`. */
function countsDown(cond: ts.Expression, body: ts.Statement): boolean {
  const e = skipOuter(cond, RETRY_WRAPPERS);
  if (!ts.isIdentifier(e) && !ts.isPropertyAccessExpression(e)) return false;
  const name = e.getText();
  const visit = (n: ts.Node): boolean => {
    if (ts.isFunctionLike(n)) return false;
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && n.operator === ts.SyntaxKind.MinusMinusToken && n.operand.getText() === name) return true;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken && n.left.getText() === name) return true;
    return ts.forEachChild(n, visit) ?? false;
  };
  return visit(body);
}

function isAlwaysTrue(cond: ts.Expression): boolean {
  const e = skipOuter(cond, RETRY_WRAPPERS);
  return e.kind === ts.SyntaxKind.TrueKeyword || (ts.isNumericLiteral(e) && Number(e.text) !== 0);
}

/**
 * `done`, `!connected`, `this.running`: a flag says nothing about how many attempts run — unless
 * a clock sets it (`!signal.aborted` with `signal = AbortSignal.timeout(5000)`): a deadline, a cap.
 */
function isFlag(cond: ts.Expression): boolean {
  if (isDeadlineCondition(cond)) return false;
  let e = skipOuter(cond, RETRY_WRAPPERS);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) e = skipOuter(e.operand, RETRY_WRAPPERS);
  return ts.isIdentifier(e) || ts.isPropertyAccessExpression(e);
}

// ---- Fixes ----

/**
 * The one shape `retry(…)` replaces exactly, applied by --fix:
 *
 *   for (let i = 0; i < N; i++) {          // or i = 1; i <= N
 *     try { return await CALL; }
 *     catch (err) { if (i === N - 1) throw err; }   // i >= N - 1, i + 1 === N; i === N for 1-based
 *   }
 *
 * N attempts, the last error rethrown, the value returned: what `retry` does, plus the waits.
 */
function exactRewrite(ctx: RuleContext<Options, MessageId>, r: RetryLoop): Fix | undefined {
  const { loop, attempt } = r;
  if (!ts.isForStatement(loop) || ts.isLabeledStatement(loop.parent) || attempt.finallyBlock) return undefined;
  const header = countedHeader(ctx, loop);
  if (!header || !ts.isBlock(loop.statement) || loop.statement.statements.length !== 1 || loop.statement.statements[0] !== attempt) return undefined;
  const tried = attempt.tryBlock.statements;
  const ret = tried.length === 1 && ts.isReturnStatement(tried[0]) ? tried[0] : undefined;
  const awaited = ret?.expression && skipOuter(ret.expression, RETRY_WRAPPERS);
  if (!awaited || !ts.isAwaitExpression(awaited) || mentions(awaited, header.counter)) return undefined;
  if (!rethrowsOnLastAttempt(ctx, attempt.catchClause!, header)) return undefined;
  return retryFix(ctx, r, header.count, (retry) => `return await ${retryCall(ctx, r, awaited.expression, header.count, retry)}`);
}

/**
 * For other retry loops, an editor suggestion: replace the loop with `retry(…)` around the
 * attempt. The loop's catch (logging, conditions) is dropped, so a human must look.
 */
function approximateRewrite(ctx: RuleContext<Options, MessageId>, r: RetryLoop): Fix | undefined {
  const { loop, attempt } = r;
  if (ts.isLabeledStatement(loop.parent) || attempt.finallyBlock || !ts.isBlock(loop.statement)) return undefined;
  // Only the attempt and its waits make up the loop: anything else would be lost.
  const state = loopState(loop);
  const others = loop.statement.statements.filter((s) => s !== attempt);
  if (!others.every((s) => ts.isExpressionStatement(s) && ts.isAwaitExpression(s.expression) && delayOf(s.expression.expression, state))) return undefined;
  const header = ts.isForStatement(loop) ? countedHeader(ctx, loop) : undefined;
  const counters = loopCounters(loop);
  const stmts = attempt.tryBlock.statements;
  if (counters.some((c) => mentions(attempt.tryBlock, c)) || !stmts.length) return undefined;
  const last = stmts[stmts.length - 1];
  const count = header?.count ?? String(ctx.options.attempts ?? 5);
  const sf = ctx.sourceFile;
  if (ts.isReturnStatement(last)) {
    const only = stmts.length === 1 && last.expression ? skipOuter(last.expression, RETRY_WRAPPERS) : undefined;
    const body = only ? (ts.isAwaitExpression(only) ? only.expression : only) : undefined;
    return retryFix(ctx, r, count, (retry) => `return await ${body ? retryCall(ctx, r, body, count, retry) : retryBlock(ctx, r, stmts, count, retry)}`);
  }
  if (!ts.isBreakStatement(last) || !breaksLoop(last, loop)) return undefined;
  const work = stmts.slice(0, -1);
  if (work.some((w) => exitsLoop(w))) return undefined;
  const single = work.length === 1 && ts.isExpressionStatement(work[0]) ? skipOuter(work[0].expression, RETRY_WRAPPERS) : undefined;
  if (single && ts.isAwaitExpression(single)) return retryFix(ctx, r, count, (retry) => `await ${retryCall(ctx, r, single.expression, count, retry)}`);
  if (single && ts.isBinaryExpression(single) && single.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isAwaitExpression(skipOuter(single.right, RETRY_WRAPPERS))) {
    const call = (skipOuter(single.right, RETRY_WRAPPERS) as ts.AwaitExpression).expression;
    return retryFix(ctx, r, count, (retry) => `${single.left.getText(sf)} = await ${retryCall(ctx, r, call, count, retry)}`);
  }
  return retryFix(ctx, r, count, (retry) => `await ${retryBlock(ctx, r, work, count, retry)}`);
}

/** The fix: the loop replaced by `statement`, written with the name `retry` is imported under (another name where the file uses `retry`). */
function retryFix(ctx: RuleContext<Options, MessageId>, r: RetryLoop, count: string, statement: (retry: string) => string): Fix | undefined {
  const shim = importFromRuntime(ctx, ['retry']);
  if (!shim) return undefined;
  return {
    title: `Replace the loop with retry(…): ${count} attempts, exponential backoff with jitter`,
    // Backoff changes when, and for how long, the work runs.
    safety: 'unsafe',
    edits: [ctx.edit({ start: r.loop.getStart(ctx.sourceFile), end: r.loop.end }, statement(shim.names.retry) + semi(codeStyle(ctx.sourceFile))), ...shim.edits],
    creates: shim.creates,
    declares: shim.declares,
  };
}

/** `retry(() => CALL, { … })`, async when the call awaits inside. */
function retryCall(ctx: RuleContext<Options, MessageId>, r: RetryLoop, call: ts.Expression, count: string, retry: string): string {
  const text = call.getText(ctx.sourceFile);
  const fn = awaitedIn(call).length ? `async () => ${text}` : `() => ${text}`;
  return `${retry}(${fn}, ${retryOptions(ctx, r, count)})`;
}

/** `retry(async () => { …the attempt… }, { … })`, the attempt moved out of the loop one level. */
function retryBlock(ctx: RuleContext<Options, MessageId>, r: RetryLoop, stmts: readonly ts.Statement[], count: string, retry: string): string {
  const sf = ctx.sourceFile;
  const style = codeStyle(sf);
  const outer = indentationAt(ctx.text, r.loop.getStart(sf));
  const inner = outer + style.indentUnit;
  const start = stmts[0].getStart(sf);
  const end = stmts[stmts.length - 1].end;
  const depth = indentationAt(ctx.text, start);
  const body = reindent(sf, start, end, { remove: depth.slice(inner.length) || undefined });
  return `${retry}(async () => {${style.eol}${inner}${body}${style.eol}${outer}}, ${retryOptions(ctx, r, count)})`;
}

function retryOptions(ctx: RuleContext<Options, MessageId>, r: RetryLoop, count: string): string {
  const o = ctx.options;
  const signal = signalInScope(r.loop);
  return `{ attempts: ${count}, baseMs: ${o.baseMs ?? 100}, maxMs: ${o.maxMs ?? 10000}${signal ? `, signal: ${signal.expr}` : ''} }`;
}

interface CountedHeader {
  counter: string;
  /** 0 or 1: where the counter starts. */
  from: number;
  /** N as written. */
  limit: string;
  /** Attempts, as the fix writes them. */
  count: string;
}

/** `let i = 0; i < N; i++` or `let i = 1; i <= N; i++`: N attempts. */
function countedHeader(ctx: RuleContext<Options, MessageId>, loop: ts.ForStatement): CountedHeader | undefined {
  const init = loop.initializer;
  if (!init || !ts.isVariableDeclarationList(init) || init.declarations.length !== 1) return undefined;
  const d = init.declarations[0];
  if (!ts.isIdentifier(d.name) || !d.initializer || !ts.isNumericLiteral(d.initializer)) return undefined;
  const counter = d.name.text;
  const from = Number(d.initializer.text);
  const cond = loop.condition && skipOuter(loop.condition, RETRY_WRAPPERS);
  if (!cond || !ts.isBinaryExpression(cond) || !isName(cond.left, counter)) return undefined;
  const op = cond.operatorToken.kind;
  const limitOk = ts.isNumericLiteral(cond.right) || ts.isIdentifier(cond.right) || ts.isPropertyAccessExpression(cond.right);
  if (!limitOk || mentions(cond.right, counter)) return undefined;
  if (!((from === 0 && op === ts.SyntaxKind.LessThanToken) || (from === 1 && op === ts.SyntaxKind.LessThanEqualsToken))) return undefined;
  if (!isIncrementByOne(loop.incrementor, counter)) return undefined;
  const limit = cond.right.getText(ctx.sourceFile);
  return { counter, from, limit, count: limit };
}

function isIncrementByOne(inc: ts.Expression | undefined, counter: string): boolean {
  if (!inc) return false;
  const e = skipOuter(inc, RETRY_WRAPPERS);
  if ((ts.isPostfixUnaryExpression(e) || ts.isPrefixUnaryExpression(e)) && e.operator === ts.SyntaxKind.PlusPlusToken) return isName(e.operand, counter);
  return ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && isName(e.left, counter) &&
    ts.isNumericLiteral(e.right) && e.right.text === '1';
}

/** The catch is exactly `if (<last attempt>) throw <its error>;`. */
function rethrowsOnLastAttempt(ctx: RuleContext<Options, MessageId>, clause: ts.CatchClause, h: CountedHeader): boolean {
  const v = clause.variableDeclaration;
  if (!v || !ts.isIdentifier(v.name) || clause.block.statements.length !== 1) return false;
  const s = clause.block.statements[0];
  if (!ts.isIfStatement(s) || s.elseStatement) return false;
  const then = ts.isBlock(s.thenStatement) && s.thenStatement.statements.length === 1 ? s.thenStatement.statements[0] : s.thenStatement;
  if (!ts.isThrowStatement(then) || !isName(then.expression, v.name.text)) return false;
  const text = (e: ts.Node) => e.getText(ctx.sourceFile).replace(/\s+/g, '');
  const test = skipOuter(s.expression, RETRY_WRAPPERS);
  if (!ts.isBinaryExpression(test)) return false;
  const op = test.operatorToken.kind;
  const opOk = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.GreaterThanEqualsToken;
  if (!opOk) return false;
  const left = text(test.left);
  const right = text(test.right);
  const n = h.limit.replace(/\s+/g, '');
  if (h.from === 1) return left === h.counter && right === n;
  return (left === h.counter && right === `${n}-1`) || (left === `${h.counter}+1` && right === n);
}

/** A statement with a `return`, `break` or `continue` in it (outside nested functions). */
function exitsLoop(s: ts.Node): boolean {
  if (ts.isFunctionLike(s) || ts.isClassLike(s)) return false;
  if (ts.isReturnStatement(s) || ts.isBreakStatement(s) || ts.isContinueStatement(s)) return true;
  return ts.forEachChild(s, (c) => exitsLoop(c) || undefined) ?? false;
}

function mentions(node: ts.Node, name: string): boolean {
  if (ts.isIdentifier(node) && node.text === name) return true;
  if (ts.isFunctionLike(node) && node.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) return false;
  return ts.forEachChild(node, (c) => mentions(c, name) || undefined) ?? false;
}

function isName(e: ts.Expression | undefined, name: string): boolean {
  return e !== undefined && ts.isIdentifier(skipOuter(e, RETRY_WRAPPERS)) && (skipOuter(e, RETRY_WRAPPERS) as ts.Identifier).text === name;
}

// ---- Message parts ----

/** The retried call as the message names it: `fetchOrder(…)`, `this.client.send(…)`. */
function callText(ctx: RuleContext<Options, MessageId>, call: ts.CallExpression): string {
  const callee = call.expression.getText(ctx.sourceFile).replace(/\s+/g, '');
  const name = callee.length > 24 ? clipText(`${calleeName(call.expression) ?? 'call'}`, 24) : callee;
  return `${name}(${call.arguments.length ? '…' : ''})`;
}



