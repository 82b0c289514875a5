// unbounded-concurrency: work fanned out over an input of unknown size with nothing bounding how
// much runs at once — `Promise.all(xs.map(async …))`, `xs.forEach(async …)`, a promise started on
// every iteration of a loop and not awaited there.
import { clipText } from '../shared/clip-text';
import { isBrowserCode } from '../shared/browser-code';
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { codeStyle, indentationAt, semi } from '../../engine/fix-text';
import { declared, freshName, scopeOfStatement } from '../../engine/fix-names';
import { importFromRuntime } from '../../engine/runtime-shim';
import { findDeclaration } from '../../engine/scope';
import type { Fix, ModuleBinding, RuleContext, RuleFact, TextEdit } from '../../engine/types';
import { enclosingFunction, isAsync, unwrap, isConstDeclaration } from '../shared/ast';
import { hasConstantSize, isConstantNumber } from './constant-size';
import { forOfRewrite } from './for-each-rewrite';
import { goesThroughLimiter } from './limiter-calls';
import { gatedByLimiter } from './limiter-gated';
import { drainsIdlePool } from './idle-pool-drain';
import { filtersByConfiguration, inputBound } from './input-bounds';
import { lightCallWork, lightFunction, lightWorkOf, recordInstanceMethodLightness } from './light-work';
import { callsItsElement } from './registered-callbacks';
import { recordSerialQueues } from './serial-queues';
import { arrayFromLength, evictsDownToLimit, inCaseOfLoopKey, isSemaphoreLoop, isWorkerPoolSize, loopBoundedByPoolSize, pausesStream, queuesIntoBatch, startsCappedByCounter, handlesDrainedMessage } from './loop-bounds';
import { workOnlyForLiteralCases, workOnlyForLiteralElements } from './literal-cases';
import { inOneShotCode } from './one-shot';
import { repliesToReceivedFrame } from './frame-replies';
import { inputOrigin, originFacts, rangeOrigin, recordOutsideArguments, recordReturnOrigins, type InputOrigin, type OriginFactKind } from './input-origin';
import { isCopiedFromAnotherPackage } from '../shared/copied-source';
import {
  callbackStarts, handlesOwnRejections, isAsyncFunctionExpression, moduleFunctions, recordPromiseExports, sameFileFunction, startsPromise,
  type FunctionNode, type PromiseFactKind, type PromiseStart,
} from './promise-returning';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

interface Options {
  limit: number;
}

const COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);
/** Their result is the same with a limiter; `any` and `race` settle on the first to finish, so that may change. */
const RESULT_KEEPING = new Set(['all', 'allSettled']);
const COLLECTING_METHODS = new Set(['push', 'unshift', 'add']);

/** What a burst does, true of any work the rule counts (a request, a query, a file operation). */
const HARM = 'A large input starts that many requests, queries or file operations at the same moment: the upstream or pool is swamped, calls time out, and the process can run out of memory or file descriptors (EMFILE).';
const UNHANDLED = ', and a rejection goes unhandled (by default Node 15 and later then exit)';

type MessageId = 'fanOut' | 'mappedFanOut' | 'forEachAsync' | 'startedInLoop' | 'collectedInLoop' | 'unhandledReply';

const rule = createRule<Options, MessageId, PromiseFactKind | OriginFactKind>({
  meta: {
    id: 'unbounded-concurrency',
    description: 'Work started for every element of an input of unknown size, all at once: Promise.all over map, forEach(async …), promises started in a loop.',
    defaultSeverity: 'warn',
    fixable: { unsafe: 'the shim\'s `limiter(n)` for `Promise.all`/`allSettled`; a sequential `for … of` for `forEach(async …)`', suggestion: 'the same for `any`/`race`, a receiver of unknown kind, or `await` in a loop' },
    fileKinds: ['script'],
    messages: {
      fanOut: '`{{combinator}}` starts a task per element of `{{array}}` at once: use a limiter.\n' +
        `It starts {{what}} for every element, with no bound on how many run together. ${HARM} Run them through a limiter: \`const limit = limiter({{limit}}); await {{combinator}}(xs.map((x) => limit(() => …)))\`.`,
      mappedFanOut: '`map` starts a task per element of `{{array}}` at once: use a limiter.\n' +
        `It starts {{what}} for every element before handing the promises to \`{{consumer}}\`, with no bound on how many run together. ${HARM} ` +
        'Start each through a limiter: `const limit = limiter({{limit}})`, then `xs.map((x) => limit(() => …))`.',
      forEachAsync: '`forEach` does not wait for its async callback: loop with `for … of` and `await` instead.\n' +
        'The callback starts for every element of `{{array}}` at once and nothing waits for it to finish{{unhandled}}. ' +
        'Loop with `for (const x of xs) { await … }` to run them one at a time, or use a limiter with `Promise.all` to run a bounded number at once and wait for all of them.',
      startedInLoop: '`{{call}}` starts on every iteration, unawaited: await it or use a limiter.\n' +
        `Its promises all run at once, as many as the loop has iterations{{unhandled}}. ${HARM} Await it in the loop, or start each through a limiter (\`const limit = limiter({{limit}})\`, then \`limit(() => …)\`) and await them together.`,
      unhandledReply: '`{{call}}` replies on the connection with no rejection handler: add `.catch(…)`.\n' +
        'It writes the reply to one received frame on the object\'s own connection, in order, so it opens nothing per frame; ' +
        'but it rejects once the connection is gone, and nothing handles that rejection (by default Node 15 and later then exit). Handle it as the other replies do.',
      collectedInLoop: '`{{call}}` starts on every iteration, all at once: use a limiter.\n' +
        `Its promises are collected in \`{{into}}\` and run together, as many as the loop has iterations. ${HARM} Start each through a limiter: \`const limit = limiter({{limit}})\`, then \`{{into}}.{{method}}(limit(() => …))\`.`,
    },
    options: {
      limit: { type: 'number', description: 'How many tasks the limiter a fix adds runs at once.', default: 8 },
    },
  },

  create(ctx) {
    const limit = Math.max(1, Math.floor(ctx.options.limit ?? 8));

    /**
     * What a fan-out starts, when nothing bounds it: not a size fixed or bounded by its source, not
     * a worker pool, not through a limiter, not light work, not one-shot code, not filtered by configuration.
     */
    const unboundedFanOut = (at: ts.Node, fanOut: FanOut): Verdict[] => {
      if (hasConstantSize(fanOut.sized) || inputBound(fanOut.source)) return [];
      const poolSize = arrayFromLength(fanOut.sized);
      if (poolSize && isWorkerPoolSize(poolSize)) return [];
      const cb = unwrap(fanOut.callback);
      const started: Verdict | undefined = callbackStarts(ctx, cb);
      if (!started) return [];
      if ((ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && (goesThroughLimiter(ctx, cb.body) || handsOnGatedCall(ctx, cb))) return [];
      if (inOneShotCode(at) || filtersByConfiguration(cb) || workOnlyForLiteralCases(fanOut.source, cb) || workOnlyForLiteralElements(cb)) return [];
      // Registered functions called in turn (setup hooks, plugins): code the program added, not input.
      if (callsItsElement(cb)) return [];
      let verdict = started;
      // Light work (multiplexed commands, descriptor-free file calls), here or in the one function of another file it calls.
      const elsewhere: ModuleBinding[] = [];
      if (lightWorkOf(ctx, cb, enclosingFunction(at), 0, elsewhere)) {
        const refs = [...new Map(elsewhere.map((r) => [`${r.file}#${r.name}`, r])).values()];
        if (!refs.length) return [];
        if (refs.length === 1) verdict = { ...verdict, unlessAny: [...(verdict.unlessAny ?? []), { kind: 'light-work', ref: refs[0] }] };
      }
      const verdicts = fromOutside(verdict, inputOrigin(ctx, fanOut.source));
      return verdicts.length && reportedAround(at, verdicts) ? [] : verdicts;
    };

    /**
     * `Promise.all(keys.map((k) => Promise.all(set[k].map(…))))`: the outer callback's only work is
     * this inner fan-out, and the outer one stands whenever this one does. One burst is reported
     * once, at the outer call, where a limiter bounds it all. The same when the maps are held in
     * `const`s first (`const all = cs.map((c) => { const rs = c.xs.map(async …); return Promise.all(rs); });
     * await Promise.all(all)`): a synchronous callback whose one return is the inner combinator.
     */
    const reportedAround = (at: ts.Node, verdicts: Verdict[]): boolean => {
      if (!ts.isCallExpression(at)) return false;
      const combinator = isCombinatorCall(at) ? at : combinatorOfHeldMap(at);
      if (!combinator) return false;
      const cb = enclosingFunction(combinator);
      if (!cb || (!ts.isArrowFunction(cb) && !ts.isFunctionExpression(cb)) || !onlyHandsBack(cb, combinator)) return false;
      let map: ts.Node = cb.parent;
      while (ts.isParenthesizedExpression(map)) map = map.parent;
      if (!ts.isCallExpression(map)) return false;
      let outer: ts.Node = map.parent;
      while (ts.isParenthesizedExpression(outer)) outer = outer.parent;
      const wrapped = ts.isCallExpression(outer) && isCombinatorCall(outer) && outer.arguments.length === 1 && unwrap(outer.arguments[0]) === map;
      const outerAt = wrapped ? outer as ts.CallExpression : handedOn(map) ? map : undefined;
      if (!outerAt) return false;
      const outerFanOut = fanOutOf(map);
      if (!outerFanOut || unwrap(outerFanOut.callback) !== cb) return false;
      const outerKeys = new Set(unboundedFanOut(outerAt, outerFanOut).map(conditionsKey));
      return verdicts.every((v) => outerKeys.has(conditionsKey(v)));
    };

    /** `Promise.all(xs.map(async …))` and `Promise.all(Array.from(xs, async …))`. */
    const onCombinator = (call: ts.CallExpression, combinator: string): void => {
      const fanOut = fanOutOf(call.arguments[0]);
      if (!fanOut) return;
      const verdicts = unboundedFanOut(call, fanOut);
      if (!verdicts.length) return;
      const cb = unwrap(fanOut.callback);
      const name = `Promise.${combinator}`;
      const fix = limiterFix(ctx, call, cb, limit);
      const keeps = RESULT_KEEPING.has(combinator);
      for (const verdict of verdicts) ctx.report({
        node: call.expression,
        messageId: 'fanOut',
        data: { combinator: name, what: describeCallback(ctx, cb), array: brief(fanOut.source, ctx.sourceFile, 20), limit },
        fixes: fix && keeps ? [fix] : [],
        suggestions: fix && !keeps ? [fix] : [],
        onlyIfAny: verdict.onlyIfAny,
        onlyIfAll: verdict.onlyIfAll,
        unlessAny: verdict.unlessAny,
        unlessAll: verdict.unlessAll,
      });
    };

    /**
     * `const ps = xs.map(async …)` handed to a function later (`firstSatisfies(ps, …)`,
     * `Promise.all(ps)`), or `settle(xs.map(async …))`: `map` has started every task already.
     */
    const onMap = (map: ts.CallExpression): void => {
      const consumer = handedOn(map);
      if (!consumer) return;
      const fanOut = fanOutOf(map);
      if (!fanOut) return;
      const verdicts = unboundedFanOut(map, fanOut);
      if (!verdicts.length) return;
      const cb = unwrap(fanOut.callback);
      const fix = limiterFix(ctx, map, cb, limit);
      for (const verdict of verdicts) ctx.report({
        node: map.expression,
        messageId: 'mappedFanOut',
        data: { consumer: brief(consumer, ctx.sourceFile, 30), what: describeCallback(ctx, cb), array: brief(fanOut.source, ctx.sourceFile, 20), limit },
        suggestions: fix ? [fix] : [],
        onlyIfAny: verdict.onlyIfAny,
        onlyIfAll: verdict.onlyIfAll,
        unlessAny: verdict.unlessAny,
        unlessAll: verdict.unlessAll,
      });
    };

    const onForEach = (call: ts.CallExpression, callee: ts.PropertyAccessExpression): void => {
      const cb = unwrap(call.arguments[0]);
      const isFunction = ts.isArrowFunction(cb) || ts.isFunctionExpression(cb);
      const isAsync = isFunction ? isAsyncFunctionExpression(cb) : false;
      // forEach drops what its callback returns: an async callback, one passed by name, or an arrow that
      // hands back a promise it starts (`(u) => notify(u)`) leaves that work running.
      const handsBack = ts.isArrowFunction(cb) && !ts.isBlock(cb.body);
      const started: PromiseStart | undefined = isAsync || handsBack || ts.isIdentifier(cb) ? callbackStarts(ctx, cb) : undefined;
      if (!started) return;
      // A constant domain, or a list the program keeps for itself, is no burst.
      const list = callee.expression;
      if (hasConstantSize(list) || inputBound(list)) return;
      const verdicts = fromOutside(started, inputOrigin(ctx, list));
      if (!verdicts.length) return;
      const rewrite = forOfRewrite(ctx, call, callee, cb);
      const target = ts.isIdentifier(cb) ? sameFileFunction(cb) : (cb as FunctionNode);
      for (const verdict of verdicts) ctx.report({
        node: callee.name,
        messageId: 'forEachAsync',
        data: { array: brief(callee.expression, ctx.sourceFile, 40), unhandled: target && handlesOwnRejections(target) ? '' : UNHANDLED },
        fixes: rewrite?.safe ? [rewrite.fix] : [],
        suggestions: rewrite && !rewrite.safe ? [rewrite.fix] : [],
        onlyIfAny: verdict.onlyIfAny,
        onlyIfAll: verdict.onlyIfAll,
        unlessAny: verdict.unlessAny,
        unlessAll: verdict.unlessAll,
      });
    };

    const onLoop = (loop: ts.IterationStatement): void => {
      if (ts.isForOfStatement(loop) && loop.awaitModifier) return; // each iteration waits for the next item
      if (hasConstantIterations(loop) || loopBoundedByPoolSize(loop) || drainsIdlePool(loop)) return;
      if ((ts.isForOfStatement(loop) || ts.isForInStatement(loop)) && inputBound(loop.expression)) return;
      if (ts.isForStatement(loop) && loopLengthBound(loop)) return;
      // An eviction loop runs as often as the collection outgrew its limit: no burst.
      if (isSemaphoreLoop(loop) || pausesStream(loop.statement) || evictsDownToLimit(loop)) return;
      const body = scanLoopBody(ctx, loop.statement);
      // An iteration that waits on something is paced by it; fire-and-forget work beside it is a choice.
      if (body.awaits || !body.starts.length) return;
      const origin = loopOrigin(ctx, loop);
      for (const s of body.starts) {
        if (queuesIntoBatch(s.call, loop) || inCaseOfLoopKey(s.call, loop) || startsCappedByCounter(s.call, loop) || handlesDrainedMessage(ctx, s.call, loop)) continue;
        if (s.into && (lightCallWork(ctx, s.call, undefined) || inOneShotCode(loop))) continue;
        if (!s.into && lightAndSettled(ctx, s)) continue;
        // Its work waits first in a limiter every call shares: the loop only queues it.
        if ((s.into || settles(s)) && gatedByLimiter(ctx, s.call)) continue;
        // Started at start-up and left running, with no rejection escaping: loaded once per start.
        if (!s.into && settles(s) && inOneShotCode(loop)) continue;
        // One reply per frame of a received buffer, on the object's own connection: no burst, but
        // its rejection must still be handled.
        if (!s.into && repliesToReceivedFrame(s.call, loop)) {
          if (!settles(s)) for (const verdict of fromOutside(s.verdict, origin)) reportUnhandledReply({ ...s, verdict });
          continue;
        }
        for (const verdict of fromOutside(s.verdict, origin)) reportStart(loop, { ...s, verdict });
      }
    };

    const reportUnhandledReply = (s: LoopStart): void => {
      ctx.report({
        node: s.call,
        messageId: 'unhandledReply',
        data: { call: shortCall(ctx, s.call, 24) },
        onlyIfAny: s.verdict.onlyIfAny,
        onlyIfAll: s.verdict.onlyIfAll,
        unlessAny: s.verdict.unlessAny,
        unlessAll: s.verdict.unlessAll,
      });
    };

    const reportStart = (loop: ts.IterationStatement, s: LoopStart): void => {
      const call = shortCall(ctx, s.call, 24);
      if (s.into) {
        ctx.report({
          node: s.call,
          messageId: 'collectedInLoop',
          data: { call, into: s.into.name, method: s.into.method, limit },
          onlyIfAny: s.verdict.onlyIfAny,
          onlyIfAll: s.verdict.onlyIfAll,
          unlessAny: s.verdict.unlessAny,
          unlessAll: s.verdict.unlessAll,
        });
        return;
      }
      const suggestions: Fix[] = [];
      const outer = enclosingFunction(loop);
      if (s.awaitable && outer !== undefined && isAsync(outer)) {
        suggestions.push({ title: `Await \`${call}\` in the loop (one at a time)`, safety: 'unsafe', edits: [ctx.edit({ start: s.statementExpr.getStart(ctx.sourceFile), end: s.statementExpr.getStart(ctx.sourceFile) }, 'await ')] });
      }
      ctx.report({
        node: s.call,
        messageId: 'startedInLoop',
        data: { call, unhandled: settles(s) ? '' : UNHANDLED, limit },
        suggestions,
        onlyIfAny: s.verdict.onlyIfAny,
        onlyIfAll: s.verdict.onlyIfAll,
        unlessAny: s.verdict.unlessAny,
        unlessAll: s.verdict.unlessAll,
      });
    };

    // A copy of another package's file, as its header says: the finding belongs upstream. A page's
    // script fans out through the browser, which caps its connections per host.
    const copied = isCopiedFromAnotherPackage(ctx.sourceFile) || isBrowserCode(ctx.sourceFile);
    const loop = (node: ts.IterationStatement): void => {
      if (!copied) onLoop(node);
    };

    return {
      [ts.SyntaxKind.CallExpression](node: ts.CallExpression) {
        recordOutsideArguments(ctx, node);
        if (copied) return;
        const callee = node.expression;
        if (!ts.isPropertyAccessExpression(callee)) return;
        const method = callee.name.text;
        if (COMBINATORS.has(method) && isGlobalPromise(callee.expression) && node.arguments.length === 1) onCombinator(node, method);
        else if (method === 'forEach' && node.arguments.length >= 1) onForEach(node, callee);
        else if ((method === 'map' || method === 'flatMap') && node.arguments.length === 1) onMap(node);
      },
      [ts.SyntaxKind.ForOfStatement]: loop,
      [ts.SyntaxKind.ForInStatement]: loop,
      [ts.SyntaxKind.ForStatement]: loop,
      [ts.SyntaxKind.WhileStatement]: loop,
      [ts.SyntaxKind.DoStatement]: loop,
      end() {
        recordPromiseExports(ctx, (f) => lightFunction(ctx, f));
        recordInstanceMethodLightness(ctx);
        recordSerialQueues(ctx);
        recordReturnOrigins(ctx, (visit) => moduleFunctions(ctx.sourceFile, visit));
      },
    };
  },
});

export default rule;

/** When a finding stands: the promise facts of its work, and the origin facts of its input. */
interface Verdict {
  onlyIfAny?: RuleFact<PromiseFactKind | OriginFactKind>[];
  onlyIfAll?: RuleFact<PromiseFactKind | OriginFactKind>[];
  unlessAny?: RuleFact<PromiseFactKind | OriginFactKind>[];
  unlessAll?: RuleFact<PromiseFactKind | OriginFactKind>[];
}

/**
 * When a fan-out stands, as the verdicts of its reports: its work starts a promise, and its input
 * comes from outside the program, surely or as the rest of the project shows (a call passing its
 * parameters such data, another file's function returning it).
 */
function fromOutside(started: Verdict, origin: InputOrigin): Verdict[] {
  if (origin.outside) return [started];
  if (!origin.sources.length) return [];
  // Alternatives on both sides cannot be stated as facts.
  if (started.onlyIfAny && started.onlyIfAny.length > 1) return [];
  return [{ ...started, onlyIfAny: originFacts(origin.sources), ...(started.onlyIfAny ? { onlyIfAll: started.onlyIfAny } : {}) }];
}

/** Where a loop's iterations come from: what it runs over, its range, or (a `while`) anything. */
function loopOrigin(ctx: RuleContext<Options, MessageId, PromiseFactKind | OriginFactKind>, loop: ts.IterationStatement): InputOrigin {
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) return inputOrigin(ctx, loop.expression);
  if (ts.isForStatement(loop)) {
    const t = rangeOrigin(ctx, loop);
    return t === 'outside' ? { outside: true } : { outside: false, sources: t };
  }
  return { outside: true };
}

/** What a loop body starts without waiting: the starting call, and where its promise goes. */
interface LoopStart {
  call: ts.CallExpression;
  verdict: Verdict;
  /** The statement's expression, where `await ` would go. */
  statementExpr: ts.Expression;
  /** A plain `f(x);` or `f(x).catch(…);` statement: awaiting it in place keeps the code's meaning. */
  awaitable: boolean;
  /** The chain handles a rejection (`.catch(…)`, `.then(ok, fail)`). */
  handled: boolean;
  /** Collected into an array or set (`tasks.push(f(x))`). */
  into?: { name: string; method: string };
  /** The whole started expression, chain and all (`this.save(x).then(…)`). */
  started: ts.CallExpression;
}

/** No rejection of the start escapes: its chain handles one, or the function it calls catches its own. */
function settles(s: LoopStart): boolean {
  if (s.handled) return true;
  const target = sameFileFunction(s.call.expression);
  return target !== undefined && handlesOwnRejections(target);
}

/**
 * A start left running that harms nothing: its work is commands queued on one connection (a
 * multiplexed client, a host's database) and no rejection escapes it — the chain handles one, the
 * function catches its own, or the work is all the host's database, where a rejection means the
 * host is gone. File-system calls stay reported: left running, a listing's worth of them holds
 * libuv's few threads, which every other file and DNS call of the process waits for.
 */
function lightAndSettled(ctx: RuleContext<Options, MessageId, PromiseFactKind | OriginFactKind>, s: LoopStart): boolean {
  const light = lightCallWork(ctx, s.started, undefined);
  if (light !== 'multiplexed' && light !== 'host-database') return false;
  return light === 'host-database' || settles(s);
}

/**
 * The promise starts among a loop body's own statements (nested loops and functions are
 * theirs to answer for), and whether the iteration awaits anything at all.
 */
function scanLoopBody(ctx: RuleContext<Options, MessageId, PromiseFactKind | OriginFactKind>, body: ts.Statement): { awaits: boolean; starts: LoopStart[] } {
  const starts: LoopStart[] = [];
  let awaits = false;
  const visit = (n: ts.Node, nested: boolean): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) awaits = true;
    if (!nested && ts.isExpressionStatement(n) && !leavesLoopAfter(n)) {
      const start = loopStart(ctx, n);
      if (start) starts.push(start);
    }
    const inner = nested || (n !== body && isLoop(n));
    ts.forEachChild(n, (c) => visit(c, inner));
  };
  visit(body, false);
  return { awaits, starts };
}

function loopStart(ctx: RuleContext<Options, MessageId, PromiseFactKind | OriginFactKind>, statement: ts.ExpressionStatement): LoopStart | undefined {
  const statementExpr = statement.expression;
  const isVoid = ts.isVoidExpression(statementExpr);
  const expr = unwrap(isVoid ? statementExpr.expression : statementExpr);
  if (!ts.isCallExpression(expr)) return undefined;
  const callee = unwrap(expr.expression);
  if (ts.isPropertyAccessExpression(callee) && COLLECTING_METHODS.has(callee.name.text) && expr.arguments.length === 1) {
    const arg = unwrap(expr.arguments[0]);
    if (!ts.isCallExpression(arg)) return undefined;
    const verdict = startsPromise(ctx, arg);
    if (!verdict) return undefined;
    const { base } = chainOf(arg);
    return { call: base, verdict, statementExpr, awaitable: false, handled: true, into: { name: brief(callee.expression, ctx.sourceFile, 40), method: callee.name.text }, started: arg };
  }
  const verdict = startsPromise(ctx, expr);
  if (!verdict) return undefined;
  const { base, handled } = chainOf(expr);
  const baseVerdict = base === expr ? verdict : (startsPromise(ctx, base) ?? verdict);
  return { call: base, verdict: baseVerdict, statementExpr, awaitable: !isVoid, handled, started: expr };
}

/** The call that starts a `.then/.catch/.finally` chain, and whether the chain handles a rejection. */
function chainOf(call: ts.CallExpression): { base: ts.CallExpression; handled: boolean } {
  let base = call;
  let handled = false;
  while (true) {
    const callee = unwrap(base.expression);
    if (!ts.isPropertyAccessExpression(callee)) break;
    const m = callee.name.text;
    if (m !== 'then' && m !== 'catch' && m !== 'finally') break;
    // `task.promise.catch(log).then(…)`: a `.catch` handles a rejection whatever promise it hangs on.
    if (m === 'catch' || (m === 'then' && base.arguments.length >= 2)) handled = true;
    const inner = unwrap(callee.expression);
    if (!ts.isCallExpression(inner)) break;
    base = inner;
  }
  return { base, handled };
}

/**
 * `xs.map(cb)`, `xs.flatMap(cb)` or `Array.from(xs, cb)`: the source, the expression whose size
 * is the number of tasks, and the callback.
 */
interface FanOut {
  /** The input, as written. */
  source: ts.Expression;
  /** The expression whose size is the number of tasks. */
  sized: ts.Expression;
  callback: ts.Expression;
}

function fanOutOf(arg: ts.Expression | undefined): FanOut | undefined {
  if (!arg) return undefined;
  const e = unwrap(arg);
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return undefined;
  const method = e.expression.name.text;
  if ((method === 'map' || method === 'flatMap') && e.arguments.length >= 1) {
    return { source: e.expression.expression, sized: e.expression.expression, callback: e.arguments[0] };
  }
  const receiver = e.expression.expression;
  if (method === 'from' && ts.isIdentifier(receiver) && receiver.text === 'Array' && !findDeclaration('Array', receiver) && e.arguments.length >= 2) {
    return { source: e.arguments[0], sized: e, callback: e.arguments[1] };
  }
  return undefined;
}

function describeCallback(ctx: RuleContext<Options, MessageId, PromiseFactKind>, cb: ts.Expression): string {
  if (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) {
    if (isAsyncFunctionExpression(cb)) return 'the async callback';
    if (!ts.isBlock(cb.body)) {
      const body = unwrap(cb.body as ts.Expression);
      if (ts.isCallExpression(body)) return `\`${shortCall(ctx, chainOf(body).base)}\``;
    }
    return 'the callback';
  }
  return `\`${brief(cb, ctx.sourceFile, 40)}\``;
}

/**
 * The limiter fix: `const limit = limiter(8);` before the statement, and the callback's work
 * handed to it (`async (x) => {…}` becomes `(x) => limit(async () => {…})`). Offered only where
 * the limiter can sit in the same function as the fan-out, so it bounds this call's work.
 */
function limiterFix(ctx: RuleContext<Options, MessageId, PromiseFactKind>, call: ts.CallExpression, cb: ts.Expression, n: number): Fix | undefined {
  const statement = statementInSameFunction(call);
  if (!statement) return undefined;
  const sf = ctx.sourceFile;
  const shim = importFromRuntime(ctx, ['limiter']);
  if (!shim) return undefined;
  const paramNames = ts.isArrowFunction(cb) || ts.isFunctionExpression(cb) ? cb.parameters.map((p) => p.name.getText(sf)) : [];
  const scope = scopeOfStatement(statement);
  const limitName = freshName(['limit'], scope, statement, [...paramNames, shim.names.limiter]);
  const edits: TextEdit[] = [];
  if (ts.isArrowFunction(cb)) {
    const asyncMod = ts.getModifiers(cb)?.find((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
    if (asyncMod) edits.push(ctx.edit({ start: asyncMod.getStart(sf), end: skipSpaces(ctx.text, asyncMod.end) }, ''));
    const body = cb.body;
    edits.push(ctx.edit({ start: body.getStart(sf), end: body.getStart(sf) }, `${limitName}(${asyncMod ? 'async ' : ''}() => `));
    edits.push(ctx.edit({ start: body.end, end: body.end }, ')'));
  } else if (ts.isIdentifier(cb)) {
    const decl = findDeclaration(cb.text, cb);
    const arity = decl && (ts.isFunctionDeclaration(decl) ? decl.parameters.length : undefined);
    // `map` passes (element, index, array): only a one-parameter function keeps its meaning.
    if (arity === undefined || arity > 1) return undefined;
    const item = freshName(['item'], cb, cb, [limitName, cb.text]);
    edits.push(ctx.edit(ctx.rangeOf(cb), `(${item}) => ${limitName}(() => ${cb.text}(${item}))`));
  } else {
    return undefined;
  }
  const style = codeStyle(sf);
  const at = statement.getStart(sf);
  edits.push(ctx.edit({ start: at, end: at }, `const ${limitName} = ${shim.names.limiter}(${n})${semi(style)}${style.eol}${indentationAt(ctx.text, at)}`));
  return {
    title: `Run at most ${n} at once through the runtime shim's \`limiter(${n})\``,
    safety: 'unsafe',
    edits: [...edits, ...shim.edits],
    creates: shim.creates,
    declares: [declared(ctx, limitName, scope), ...shim.declares],
  };
}

/**
 * Where the promises a `map` makes go, when a function receives them: the map is an argument of a
 * call other than a Promise combinator (reported there), or a `const` later passed to one.
 */
function handedOn(map: ts.CallExpression): ts.Expression | undefined {
  let child: ts.Node = map;
  let p = map.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p)) {
    child = p;
    p = p.parent;
  }
  if (ts.isCallExpression(p) && p.expression !== child) return isCombinatorCall(p) ? undefined : p.expression;
  if (!ts.isVariableDeclaration(p) || !ts.isIdentifier(p.name) || !isConstDeclaration(p)) return undefined;
  const name = p.name.text;
  let scope: ts.Node = p;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let consumer: ts.Expression | undefined;
  const visit = (n: ts.Node): WalkAnswer => {
    if (consumer) return SKIP;
    if (ts.isCallExpression(n) && n.arguments.some((a) => ts.isIdentifier(unwrap(a)) && (unwrap(a) as ts.Identifier).text === name)) consumer = n.expression;
  };
  walkTree(scope, visit);
  return consumer;
}

/** `const rs = xs.map(async …)` later handed to `Promise.all(rs)`: that combinator call. */
function combinatorOfHeldMap(map: ts.CallExpression): ts.CallExpression | undefined {
  const consumer = handedOn(map);
  const call = consumer?.parent;
  return call && ts.isCallExpression(call) && call.expression === consumer && isCombinatorCall(call) ? call : undefined;
}

/**
 * The callback's work is only `result`: it is its sole result, or, in a synchronous callback, the
 * expression of its one `return` (the other statements only prepare it).
 */
function onlyHandsBack(cb: ts.ArrowFunction | ts.FunctionExpression, result: ts.CallExpression): boolean {
  if (soleResult(cb) === result) return true;
  if (isAsyncFunctionExpression(cb) || !ts.isBlock(cb.body)) return false;
  const returns: ts.ReturnStatement[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) returns.push(n);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(cb.body, visit);
  return returns.length === 1 && returns[0].parent === cb.body && returns[0].expression !== undefined && unwrap(returns[0].expression) === result;
}

/** A verdict's conditions as one string: two verdicts with equal keys stand or fall together. */
function conditionsKey(v: Verdict): string {
  return JSON.stringify([v.onlyIfAny ?? null, v.onlyIfAll ?? null, v.unlessAny ?? null, v.unlessAll ?? null]);
}

/** What a callback hands back and does nothing else: its expression body, or its block's one `return` (awaited or not). */
function soleResult(cb: ts.ArrowFunction | ts.FunctionExpression): ts.Expression | undefined {
  let e: ts.Expression | undefined;
  if (!ts.isBlock(cb.body)) e = cb.body;
  else if (cb.body.statements.length === 1 && ts.isReturnStatement(cb.body.statements[0])) e = cb.body.statements[0].expression;
  if (!e) return undefined;
  e = unwrap(e);
  return ts.isAwaitExpression(e) ? unwrap(e.expression) : e;
}

/** `(x) => this.fetchOne(x)`: the callback hands back a call whose work first waits in a shared limiter. */
function handsOnGatedCall(ctx: RuleContext<Options, MessageId, PromiseFactKind | OriginFactKind>, cb: ts.ArrowFunction | ts.FunctionExpression): boolean {
  const result = soleResult(cb);
  return result !== undefined && ts.isCallExpression(result) && gatedByLimiter(ctx, result);
}

/** `Promise.all(…)` and its kin, the global one (reported there) or a library's we cannot see into. */
function isCombinatorCall(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) && COMBINATORS.has(callee.name.text) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise';
}

/** The statement holding `node`, when no function boundary lies between them. */
function statementInSameFunction(node: ts.Node): ts.Statement | undefined {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return undefined;
    const p = n.parent;
    if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isModuleBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) return n as ts.Statement;
  }
  return undefined;
}

/** `for (let i = 0; i < 10; i++)`, `for (const x of [a, b])`: a count fixed by the code. */
function hasConstantIterations(loop: ts.IterationStatement): boolean {
  if (ts.isForOfStatement(loop)) return hasConstantSize(loop.expression);
  if (!ts.isForStatement(loop) || !loop.condition || !ts.isBinaryExpression(loop.condition)) return false;
  const { operatorToken, right } = loop.condition;
  const op = operatorToken.kind;
  if (op !== ts.SyntaxKind.LessThanToken && op !== ts.SyntaxKind.LessThanEqualsToken) return false;
  if (isConstantNumber(right)) return true;
  const r = unwrap(right);
  if (ts.isPropertyAccessExpression(r) && r.name.text === 'length' && hasConstantSize(r.expression)) return true;
  // `for (let i = port - 3; i < port; i++)`, `i = port + 1; i <= port + 3`: bounds a literal apart.
  const start = loopStartValue(loop);
  return start !== undefined && constantApart(start, r);
}

/** What a `for` loop's one declared counter starts at. */
function loopStartValue(loop: ts.ForStatement): ts.Expression | undefined {
  const init = loop.initializer;
  if (!init || !ts.isVariableDeclarationList(init) || init.declarations.length !== 1) return undefined;
  return init.declarations[0].initializer && unwrap(init.declarations[0].initializer);
}

/** `x - 3` and `x`, `x + 1` and `x + 3`: the same expression, offset by numeric literals. */
function constantApart(a: ts.Expression, b: ts.Expression): boolean {
  const split = (e: ts.Expression): { base: string; offset: boolean } => {
    const x = unwrap(e);
    if (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.PlusToken || x.operatorToken.kind === ts.SyntaxKind.MinusToken) && ts.isNumericLiteral(unwrap(x.right))) {
      return { base: unwrap(x.left).getText(), offset: true };
    }
    return { base: x.getText(), offset: false };
  };
  const l = split(a);
  const r = split(b);
  return l.base === r.base && (l.offset || r.offset);
}

/**
 * `this.send(msg); break;`, or `this.unsubscribe(); this.state = errored; return;`: the statements
 * after the start, in its block or `case`, end by leaving the loop (`return`, `throw`, a `break` of
 * this loop) and none of them can go round again (`continue`). The loop starts this one and leaves,
 * so it starts at most one per run, however many iterations it has.
 */
function leavesLoopAfter(statement: ts.Statement): boolean {
  const holder = statement.parent;
  if (!ts.isBlock(holder) && !ts.isCaseClause(holder) && !ts.isDefaultClause(holder)) return false;
  const rest = holder.statements.slice(holder.statements.indexOf(statement) + 1);
  const last = rest[rest.length - 1];
  if (last === undefined || rest.some(goesRoundAgain)) return false;
  if (ts.isReturnStatement(last)) return true;
  if (ts.isThrowStatement(last)) return !caughtInLoop(holder);
  if (!ts.isBreakStatement(last) || last.label !== undefined) return false;
  // The `break` leaves the nearest loop, not a `switch` around it.
  for (let n: ts.Node = holder; !isLoop(n); n = n.parent) if (ts.isSwitchStatement(n) || ts.isFunctionLike(n) || ts.isSourceFile(n)) return false;
  return true;
}

/** `node` sits in a `try` with a `catch` inside its loop: a `throw` there may go round again. */
function caughtInLoop(node: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent && !isLoop(n) && !ts.isFunctionLike(n); n = n.parent) {
    if (ts.isTryStatement(n.parent) && n.parent.tryBlock === n && n.parent.catchClause) return true;
  }
  return false;
}

/** A `continue` among these statements (not one of a nested loop or function): the loop may go on. */
function goesRoundAgain(statement: ts.Statement): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n) || ts.isClassLike(n) || (n !== statement && isLoop(n))) return;
    if (ts.isContinueStatement(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(statement);
  return found;
}

function isLoop(n: ts.Node): boolean {
  return ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isForStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n);
}

function isGlobalPromise(e: ts.Expression): boolean {
  return ts.isIdentifier(e) && e.text === 'Promise' && !findDeclaration('Promise', e);
}

/** `send(…)` for `send(user, { retries: 3 })`: the callee and a hint of arguments. */
function shortCall(ctx: RuleContext<Options, MessageId, PromiseFactKind>, call: ts.CallExpression, max = 40): string {
  return `${brief(call.expression, ctx.sourceFile, max - 3)}(${call.arguments.length ? '…' : ''})`;
}

/** A node's text on one line, cut to `max` characters: short enough for a message's first line. */
function brief(node: ts.Node, sf: ts.SourceFile, max: number): string {
  return clipText(node.getText(sf).replace(/\s+/g, ' '), max);
}

/** `for (let i = 0; i < xs.length; i++)` over a bounded `xs`. */
function loopLengthBound(loop: ts.ForStatement): boolean {
  const cond = loop.condition && unwrap(loop.condition);
  if (!cond || !ts.isBinaryExpression(cond) || (cond.operatorToken.kind !== ts.SyntaxKind.LessThanToken && cond.operatorToken.kind !== ts.SyntaxKind.LessThanEqualsToken)) return false;
  const r = unwrap(cond.right);
  return ts.isPropertyAccessExpression(r) && r.name.text === 'length' && inputBound(r.expression) !== undefined;
}



function skipSpaces(text: string, pos: number): number {
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++;
  return pos;
}
