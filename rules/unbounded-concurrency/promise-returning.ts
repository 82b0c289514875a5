// Whether a call starts work that returns a promise, from positive evidence only: an async
// function that awaits something (or one declared to return a Promise, or whose body returns a
// `.then` chain, `new Promise`, `Promise.all(…)`, an aws-sdk `.promise()`), in this file, this
// class or prototype, or exported by another project file that says so; a library call the
// concurrency table lists (fetch, axios, fs/promises); a `.then` chain. A callee we cannot see
// into (a logger made at run time, a library object, a static factory) starts nothing we know of.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import type { ModuleBinding, RuleContext, RuleFact } from '../../engine/types';
import { hasModifier, unwrap, throwsWithin } from '../shared/ast';
import { CALLBACK_OR_PROMISE_FS, PROMISE_CALLS, matchesCall } from './concurrency-limiters';
import { promisifiedLibraryCall } from './promisified';
import { taskHandedToLimiter } from './limiter-calls';
import { readsLocalStore } from './local-reads';
import { serialQueueCondition, type SerialQueueFactKind } from './serial-queues';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/**
 * The project facts `recordPromiseExports` records: this exported function returns a promise and
 * starts work; all the work it starts is light (multiplexed commands, descriptor-free file calls),
 * outright or as long as the functions of other files it calls are.
 */
export type PromiseFactKind = 'starts-work' | 'light-work' | 'no-work' | SerialQueueFactKind;

/**
 * A call starts a promise: certainly, or only if another file shows that the function it calls
 * does (a `starts-work` fact about it, recorded by `recordPromiseExports`).
 */
export interface PromiseStart {
  onlyIfAny?: RuleFact<PromiseFactKind>[];
  /** …unless another file shows the work is light after all. */
  unlessAny?: RuleFact<PromiseFactKind>[];
  /** …unless other files show that every function awaited here starts nothing (`no-work` facts). */
  unlessAll?: RuleFact<PromiseFactKind>[];
}

type Ctx = RuleContext<any, string, PromiseFactKind>;

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);
const COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);
/** How deep calls to functions of the same file are followed. */
const MAX_DEPTH = 3;

export type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

/** Does calling `call` start a promise? Undefined when nothing in the code says so. */
export function startsPromise(ctx: Ctx, call: ts.CallExpression, depth = 0): PromiseStart | undefined {
  const settled = wrappedSettledValue(ctx, call, depth);
  if (settled) return settled.starts;
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    const inner = unwrap(callee.expression);
    if (CHAIN_METHODS.has(method) && ts.isCallExpression(inner)) return chainStarts(ctx, call, depth);
    // aws-sdk v2: `iam.addUserToGroup(params).promise()` sends the request.
    if (method === 'promise' && call.arguments.length === 0 && ts.isCallExpression(inner)) return {};
    if (COMBINATORS.has(method) && isGlobal(inner, 'Promise')) return combinatorStarts(ctx, call, depth);
  }
  const task = taskHandedToLimiter(ctx, call);
  if (task) return callbackStarts(ctx, unwrap(task), depth + 1);
  if (promiseFormOfCallbackFs(ctx, call)) return {};
  return promiseFunction(ctx, callee, depth);
}

/** `fse.readFile(p)` of fs-extra: a promise when no callback is handed over (and the name has no `Sync`). */
function promiseFormOfCallbackFs(ctx: Ctx, call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return false;
  const resolved = ctx.resolveCallee(callee);
  if (!resolved?.library || !CALLBACK_OR_PROMISE_FS.has(resolved.module) || !resolved.call || resolved.call.endsWith('Sync')) return false;
  return !call.arguments.some((a) => ts.isArrowFunction(unwrap(a)) || ts.isFunctionExpression(unwrap(a)) || ts.isIdentifier(unwrap(a)) && /^(cb|callback|done|next)$/.test((unwrap(a) as ts.Identifier).text));
}

/**
 * `Promise.resolve(x).then(resolve, reject)`: wrapping a value, or a promise someone else already
 * started, in a promise of this code's own `Promise` (the global or a polyfill's) starts no work;
 * such a chain starts what its callbacks start (surely, or as other files show), else nothing.
 * Undefined when the call is no such chain.
 */
function wrappedSettledValue(ctx: Ctx, call: ts.CallExpression, depth: number): { starts: PromiseStart | undefined } | undefined {
  let base = call;
  const callbacks: ts.Expression[] = [];
  while (true) {
    const callee = unwrap(base.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const inner = unwrap(callee.expression);
    if (CHAIN_METHODS.has(callee.name.text) && ts.isCallExpression(inner)) {
      callbacks.push(...base.arguments.map((a) => unwrap(a)));
      base = inner;
      continue;
    }
    if (!(callee.name.text === 'resolve' || callee.name.text === 'reject') || !ts.isIdentifier(inner) || inner.text !== 'Promise') return undefined;
    break;
  }
  return { starts: unionStarts(callbacks.map((cb) => callbackStarts(ctx, cb, depth + 1))) };
}

/**
 * `this.getDevice(sn).then(cb).catch(cb2)`: a chain is a promise, and it starts work unless its
 * head is a function of this file that starts none (`async getDevice(sn) { await this.loaded;
 * return this.devices[sn] }`) and no callback of the chain starts any. A head we cannot see
 * into (a library call) is taken to start work: it hands back a promise.
 */
function chainStarts(ctx: Ctx, call: ts.CallExpression, depth: number): PromiseStart | undefined {
  let head = call;
  const callbacks: ts.Expression[] = [];
  for (;;) {
    const callee = unwrap(head.expression);
    if (!ts.isPropertyAccessExpression(callee) || !CHAIN_METHODS.has(callee.name.text)) break;
    const inner = unwrap(callee.expression);
    if (!ts.isCallExpression(inner)) break;
    callbacks.push(...head.arguments.map((a) => unwrap(a)));
    head = inner;
  }
  const local = sameFileFunction(head.expression);
  if (!local || depth > MAX_DEPTH) return {};
  // A head that starts work only if another file's function does keeps that condition.
  return unionStarts([functionStartsWork(ctx, local, depth + 1), ...callbacks.map((cb) => callbackStarts(ctx, cb, depth + 1))]);
}

/** `Promise.all(ys.map(cb))` inside a callback starts what `cb` starts; `Promise.all([a(), b()])` what its calls do. */
function combinatorStarts(ctx: Ctx, call: ts.CallExpression, depth: number): PromiseStart | undefined {
  const arg = call.arguments[0] && unwrap(call.arguments[0]);
  if (!arg) return undefined;
  if (ts.isArrayLiteralExpression(arg)) {
    return unionStarts(arg.elements.map((el) => {
      const e = unwrap(ts.isSpreadElement(el) ? el.expression : el);
      return ts.isCallExpression(e) ? startsPromise(ctx, e, depth + 1) : undefined;
    }));
  }
  if (ts.isCallExpression(arg) && ts.isPropertyAccessExpression(arg.expression) &&
    (arg.expression.name.text === 'map' || arg.expression.name.text === 'flatMap') && arg.arguments.length >= 1) {
    return callbackStarts(ctx, unwrap(arg.arguments[0]), depth + 1);
  }
  return {};
}

/**
 * What a callback starts: an async function that awaits or returns a promise, a function whose
 * expression body starts one, or a promise-returning function passed by name.
 */
export function callbackStarts(ctx: Ctx, cb: ts.Expression, depth = 0): PromiseStart | undefined {
  if (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) return functionStartsWork(ctx, cb, depth);
  return ts.isIdentifier(cb) || ts.isPropertyAccessExpression(cb) ? promiseFunction(ctx, cb, depth) : undefined;
}

/** Is the function `fn` (a callee, or a function passed by name) one that returns a promise and starts work? */
export function promiseFunction(ctx: Ctx, fn: ts.Expression, depth = 0): PromiseStart | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrap(fn);
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (decl && !isImport(decl)) {
      const f = functionOfDeclaration(decl);
      if (f) return functionStartsWork(ctx, f, depth + 1);
      // `const readFile = promisify(fs.readFile)`: the promise form of a library call.
      const promisified = promisifiedLibraryCall(ctx, e);
      return promisified && matchesCall(PROMISE_CALLS, promisified.module, promisified.call) ? {} : undefined;
    }
  } else if (ts.isPropertyAccessExpression(e)) {
    const local = sameFileMember(e);
    if (local !== 'unknown') return local ? functionStartsWork(ctx, local, depth + 1) : undefined;
  } else {
    return undefined;
  }
  const resolved = ctx.resolveCallee(e);
  if (!resolved) return undefined;
  if (resolved.library) return matchesCall(PROMISE_CALLS, resolved.module, resolved.call) ? {} : undefined;
  // A function exported by another project file: only if that file shows it starts work.
  const name = resolved.call === '' ? 'default' : resolved.call;
  if (name.split('.').length > 2) return undefined;
  return { onlyIfAny: [{ kind: 'starts-work', ref: { file: resolved.module, name } }] };
}

/** The function of this file a callee names: a local function, a method of this class or prototype, `exports.x`. */
export function sameFileFunction(fn: ts.Expression): FunctionNode | undefined {
  const e = unwrap(fn);
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    return decl && !isImport(decl) ? functionOfDeclaration(decl) : undefined;
  }
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  const member = sameFileMember(e);
  return member === 'unknown' ? undefined : member;
}

/**
 * The function a member call reaches in this file: a method of the class or prototype `this` is
 * in, `exports.x = …` of this module, a method of an object or class declared here. Undefined when
 * it is in this file and is no function; 'unknown' when it is not in this file.
 */
function sameFileMember(e: ts.PropertyAccessExpression): FunctionNode | undefined | 'unknown' {
  const name = e.name.text;
  const owner = unwrap(e.expression);
  if (owner.kind === ts.SyntaxKind.ThisKeyword) return thisMethod(e, name);
  if (isExportsObject(owner)) {
    return exportedFunction(e.getSourceFile(), name) ?? 'unknown';
  }
  if (!ts.isIdentifier(owner)) return 'unknown';
  const decl = findDeclaration(owner.text, owner);
  if (!decl) return 'unknown';
  if (ts.isClassDeclaration(decl)) return classMember(decl, name, true);
  if (ts.isVariableDeclaration(decl) && decl.initializer) {
    const init = unwrap(decl.initializer);
    if (ts.isObjectLiteralExpression(init)) return objectMember(init, name);
    if (ts.isNewExpression(init) && ts.isIdentifier(init.expression)) {
      const cls = findDeclaration(init.expression.text, init.expression);
      if (cls && ts.isClassDeclaration(cls)) return classMember(cls, name, false) ?? prototypeMethod(e.getSourceFile(), cls.name?.text, name);
    }
  }
  return 'unknown';
}

/**
 * Answers of `functionStartsWork` per lint (its context), function and depth: a class whose
 * methods call each other (`this._parse(…)`) asks about the same methods again and again.
 */
const startsWorkAnswers = new WeakMap<Ctx, Map<FunctionNode, (PromiseStart | undefined)[]>>();

/** Does this function start work when called: does it await something, or return a promise it started? */
export function functionStartsWork(ctx: Ctx, fn: FunctionNode, depth = 0): PromiseStart | undefined {
  if (depth > MAX_DEPTH + 1) return undefined;
  let byFunction = startsWorkAnswers.get(ctx);
  if (!byFunction) startsWorkAnswers.set(ctx, (byFunction = new Map()));
  let byDepth = byFunction.get(fn);
  if (!byDepth) byFunction.set(fn, (byDepth = []));
  if (depth in byDepth) return byDepth[depth];
  return (byDepth[depth] = startsWork(ctx, fn, depth));
}

function startsWork(ctx: Ctx, fn: FunctionNode, depth: number): PromiseStart | undefined {
  const declaredPromise = fn.type !== undefined && isPromiseType(fn.type);
  if (!fn.body) return declaredPromise ? {} : undefined;
  const isAsyncFn = hasModifier(fn, ts.SyntaxKind.AsyncKeyword);
  const awaited = isAsyncFn ? awaitedWork(ctx, fn, depth) : undefined;
  if (awaited && !awaited.unlessAll) return awaited;
  if (!isAsyncFn && declaredPromise) return {};
  return unionStarts([awaited, ...returnedExpressions(fn).map((r) => {
    const e = unwrap(ts.isAwaitExpression(unwrap(r)) ? (unwrap(r) as ts.AwaitExpression).expression : r);
    if (ts.isNewExpression(e) && isGlobal(e.expression, 'Promise')) return executorStartsWork(ctx, e, depth);
    return ts.isCallExpression(e) ? startsPromise(ctx, e, depth) : undefined;
  })]);
}

/**
 * What the function's own `await`s start. Awaiting a call of a project function that the code
 * shows starts nothing is no work: chromadb's `await Schema.deserializeFromJSON(…)` and `await
 * getEmbeddingFunction(…)` only build objects, look in a map and `import()` a package once. A
 * function of this file is followed (up to MAX_DEPTH calls deep, past which it is taken to start
 * work); one of another file counts only when that file shows it (a `no-work` fact: the function
 * is there and starts nothing), so a method attached at run time, which no file shows, stays work.
 * Awaiting anything else (a library call, a promise, a call of a function we cannot see, a project
 * function handed a function it may call) is work. `await import(…)` loads code, cached by the
 * module system; a promise the object holds, or an optional function that arrives with the data,
 * is no evidence either. Undefined: no awaited work; `{ unlessAll }`: work unless those facts hold.
 */
function awaitedWork(ctx: Ctx, fn: FunctionNode, depth: number): PromiseStart | undefined {
  if (!fn.body) return undefined;
  const unless: RuleFact<PromiseFactKind>[] = [];
  let certain = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (certain) return STOP;
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return SKIP;
    if (ts.isForOfStatement(n) && n.awaitModifier) certain = true;
    if (!ts.isAwaitExpression(n) || callsOptionalParameterFunction(n.expression, fn) || awaitsHeldPromise(n.expression, fn)) return;
    const e = unwrap(n.expression);
    if (ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.ImportKeyword) return;
    const work = ts.isCallExpression(e) && depth <= MAX_DEPTH && !e.arguments.some(isFunctionValue) ? projectCallWork(ctx, e, depth) : 'work';
    if (work === 'work') certain = true;
    else if (work) unless.push(...work);
  };
  walkTree(fn.body, visit);
  if (certain) return {};
  return unless.length ? { unlessAll: unless } : undefined;
}

/**
 * Awaiting a call of a project function: undefined when it surely starts nothing, the `no-work`
 * facts under which it starts nothing, or 'work'.
 */
function projectCallWork(ctx: Ctx, call: ts.CallExpression, depth: number): RuleFact<PromiseFactKind>[] | undefined | 'work' {
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee) && (CHAIN_METHODS.has(callee.name.text) || callee.name.text === 'promise')) return 'work';
  // `await Promise.all(peers.map(async (p) => …))`: work only if the callbacks start some.
  if (ts.isPropertyAccessExpression(callee) && COMBINATORS.has(callee.name.text) && isGlobal(unwrap(callee.expression), 'Promise')) {
    return factsOrWork(combinatorStarts(ctx, call, depth));
  }
  // `await this.components.peerStore.get(id)`: answered from the node's own storage.
  if (readsLocalStore(callee)) return undefined;
  const local = sameFileFunction(callee);
  if (local) {
    if (handsOverCallback(ctx, local, depth)) return 'work';
    return factsOrWork(functionStartsWork(ctx, local, depth + 1));
  }
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return 'work';
  const resolved = ctx.resolveCallee(callee);
  if (!resolved || resolved.library) return 'work';
  const name = resolved.call === '' ? 'default' : resolved.call;
  if (name.split('.').length > 2) return 'work';
  return [{ kind: 'no-work', ref: { file: resolved.module, name } }];
}

/** What awaiting a call starts: nothing, work unless those `no-work` facts hold, or work. */
function factsOrWork(starts: PromiseStart | undefined): RuleFact<PromiseFactKind>[] | undefined | 'work' {
  if (!starts) return undefined;
  return starts.unlessAll && !starts.onlyIfAny && !starts.unlessAny ? starts.unlessAll : 'work';
}

/** Array methods that call their callback synchronously, there and then. */
const SYNC_ITERATION = new Set(['map', 'filter', 'forEach', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'reduce', 'reduceRight', 'sort', 'flatMap', 'toSorted']);

/**
 * The function hands a function to some call (`this.chainRequest(key, () => this.games.getItem(key))`,
 * boardgame.io's flat-file store queueing the read): whatever runs it may start work we cannot see
 * from here, so the function is not shown to start nothing. Synchronous array methods (`map`,
 * `filter`, …) only call it there and then, and do not count.
 */
function handsOverCallback(ctx: Ctx, fn: FunctionNode, depth: number): boolean {
  if (!fn.body) return false;
  let found = false;
  walkTree(fn.body, (n) => {
    if (found) return STOP;
    if (!ts.isCallExpression(n) || !n.arguments.some(isFunctionValue)) return;
    const callee = unwrap(n.expression);
    if (!(ts.isPropertyAccessExpression(callee) && SYNC_ITERATION.has(callee.name.text)) && !callsBackInPlace(ctx, n, depth)) found = true;
  });
  return found;
}

/**
 * A synchronous function of this file that starts no work and only calls the functions it is
 * handed (gossipsub's `getRandomGossipPeers(topic, n, (id) => score(id) >= 0)`, a filter): it runs
 * them there and then, and hands them to nothing that could run them later.
 */
function callsBackInPlace(ctx: Ctx, call: ts.CallExpression, depth: number): boolean {
  const target = sameFileFunction(call.expression);
  if (!target?.body || depth > MAX_DEPTH || hasModifier(target, ts.SyntaxKind.AsyncKeyword) || (target.type && isPromiseType(target.type))) return false;
  const handed = call.arguments.flatMap((a, i) => (isFunctionValue(a) ? [target.parameters[i]] : []));
  if (handed.some((p) => !p || !ts.isIdentifier(p.name) || !onlyCalled(p.name.text, target.body!))) return false;
  return functionStartsWork(ctx, target, depth + 1) === undefined && !handsOverCallback(ctx, target, depth + 1);
}

/** Every use of `name` in `body` is a call of it (`filter(p)`): it is not stored or handed on. */
function onlyCalled(name: string, body: ts.Node): boolean {
  let ok = true;
  walkTree(body, (n) => {
    if (!ok) return STOP;
    if (ts.isIdentifier(n) && n.text === name && !(ts.isCallExpression(n.parent) && n.parent.expression === n) &&
      !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) ok = false;
  });
  return ok;
}

function isFunctionValue(a: ts.Expression): boolean {
  const e = unwrap(a);
  return ts.isArrowFunction(e) || ts.isFunctionExpression(e);
}

/**
 * The function catches its own failures: every `await` of it sits in a `try` whose `catch` does
 * not rethrow, and it neither throws nor returns a promise outside one. Its promise never rejects
 * (short of a bug in the catch), so starting it unawaited leaves no rejection unhandled.
 */
export function handlesOwnRejections(fn: FunctionNode): boolean {
  if (!fn.body || !ts.isBlock(fn.body)) return false;
  let ok = true;
  const visit = (n: ts.Node, guarded: boolean): void => {
    if (!ok || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isTryStatement(n)) {
      const catches = n.catchClause !== undefined && !throwsWithin(n.catchClause.block);
      visit(n.tryBlock, guarded || catches);
      if (n.catchClause) visit(n.catchClause.block, guarded);
      if (n.finallyBlock) visit(n.finallyBlock, guarded);
      return;
    }
    if (!guarded && (ts.isAwaitExpression(n) || ts.isThrowStatement(n) || (ts.isReturnStatement(n) && n.expression && ts.isCallExpression(unwrap(n.expression))))) {
      ok = false;
      return;
    }
    ts.forEachChild(n, (c) => visit(c, guarded));
  };
  visit(fn.body, false);
  return ok;
}

/**
 * `new Promise(executor)` starts work when its executor does: a call handed a callback that
 * settles the promise (`fs.readFile(p, (err, data) => err ? reject(err) : resolve(data))`), or a
 * promise start. Wrapping an existing promise (`p.then(resolve, reject)`), a timer, or queueing
 * `{ resolve, reject }` for workers starts nothing of its own.
 */
function executorStartsWork(ctx: Ctx, e: ts.NewExpression, depth: number): PromiseStart | undefined {
  const executor = e.arguments?.[0] && unwrap(e.arguments[0]);
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return undefined;
  const settlers = new Set(executor.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));
  const starts: (PromiseStart | undefined)[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const callee = unwrap(n.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (!CHAIN_METHODS.has(name) && !TIMERS.has(name) && !settlers.has(name)) {
        const settles = n.arguments.some((a) => {
          const f = unwrap(a);
          return (ts.isArrowFunction(f) || ts.isFunctionExpression(f)) && callsAny(f.body, settlers);
        });
        starts.push(settles ? settlingCallStarts(ctx, n) : startsPromise(ctx, n, depth + 1));
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(executor.body);
  return unionStarts(starts);
}

/**
 * A call handed the callback that settles the promise starts work, unless the project shows its
 * method queues each request for one worker (`pagehandler.get(slug, cb)` of a serial page store).
 */
function settlingCallStarts(ctx: Ctx, call: ts.CallExpression): PromiseStart {
  const serial = serialQueueCondition(ctx, call);
  return serial ? { unlessAny: [serial] } : {};
}

const TIMERS = new Set(['setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask', 'setInterval']);

function callsAny(body: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isCallExpression(body) && ts.isIdentifier(unwrap(body.expression)) && names.has((unwrap(body.expression) as ts.Identifier).text)) return true;
  return ts.forEachChild(body, (c) => callsAny(c, names) || undefined) ?? false;
}

/**
 * Certain if any is certain; else every condition of any of them. Certain starts that all stand
 * unless the same facts hold (each a call of one serial queue) keep that exception together.
 */
function unionStarts(starts: (PromiseStart | undefined)[]): PromiseStart | undefined {
  const known = starts.filter((s): s is PromiseStart => s !== undefined);
  if (!known.length) return undefined;
  // Work unless every awaited function starts nothing: together, unless all of them do. Mixed with
  // any other condition, it is taken for certain.
  if (known.some((s) => s.unlessAll)) {
    const pure = known.every((s) => s.unlessAll && !s.onlyIfAny && !s.unlessAny);
    return pure ? { unlessAll: known.flatMap((s) => s.unlessAll ?? []) } : {};
  }
  if (known.some((s) => !s.onlyIfAny)) {
    const unless = sharedExceptions(known);
    return unless ? { unlessAny: unless } : {};
  }
  return { onlyIfAny: known.flatMap((s) => s.onlyIfAny ?? []) };
}

/** The exceptions every start shares, when each is certain but for the same ones. */
function sharedExceptions(known: PromiseStart[]): RuleFact<PromiseFactKind>[] | undefined {
  if (known.some((s) => s.onlyIfAny || !s.unlessAny?.length)) return undefined;
  const key = (s: PromiseStart) => JSON.stringify(s.unlessAny);
  return known.every((s) => key(s) === key(known[0])) ? known[0].unlessAny : undefined;
}

/**
 * `await this.devicesLoaded`, `await ready`: a promise the object or module already holds, made
 * by someone else. Waiting for it shares that work; it starts none. A local variable or a
 * parameter may hold a promise this call started, so those still count.
 */
function awaitsHeldPromise(expr: ts.Expression, fn: FunctionNode): boolean {
  let root = unwrap(expr);
  while (ts.isPropertyAccessExpression(root)) root = unwrap(root.expression);
  if (root === unwrap(expr) && !ts.isIdentifier(root)) return false;
  if (root.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (!ts.isIdentifier(root)) return false;
  const decl = findDeclaration(root.text, root);
  if (!decl) return false;
  for (let n: ts.Node | undefined = decl; n; n = n.parent) if (n === fn) return false;
  return true;
}

/**
 * `await sink?.fn(…)`, `await item.handler?.(…)` where `sink`/`item` is a parameter of the
 * function: an optional function that arrives with the data, which may well do nothing. Awaiting
 * it is no evidence that the function starts work.
 */
function callsOptionalParameterFunction(expr: ts.Expression, fn: FunctionNode): boolean {
  const e = unwrap(expr);
  if (!ts.isCallExpression(e)) return false;
  const callee = unwrap(e.expression);
  const optional = e.questionDotToken !== undefined || (ts.isPropertyAccessExpression(callee) && callee.questionDotToken !== undefined);
  if (!optional) return false;
  let root: ts.Expression = callee;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
  if (!ts.isIdentifier(root)) return false;
  const decl = findDeclaration(root.text, root);
  if (!decl) return false;
  for (let n: ts.Node | undefined = decl; n; n = n.parent) {
    if (ts.isParameter(n)) return n.parent === fn;
    if (ts.isFunctionLike(n)) return false;
  }
  return false;
}

/** `returnedExpressions` per function node: a node's subtree never changes (an edit reparses into new nodes). */
const returnedByFunction = new WeakMap<FunctionNode, ts.Expression[]>();

/** What the function returns: its expression body, or the values of its own `return`s. */
export function returnedExpressions(fn: FunctionNode): ts.Expression[] {
  let out = returnedByFunction.get(fn);
  if (!out) returnedByFunction.set(fn, (out = returnsOf(fn)));
  return out;
}

function returnsOf(fn: FunctionNode): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return SKIP;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
  };
  walkTree(fn.body, visit);
  return out;
}

/**
 * Records, for every binding this file exports that surely returns a promise and starts work,
 * that it does: calls to it from other files are then taken for promise starts. Functions and
 * consts, `exports.x = …`, `module.exports = { … }`, the methods of `module.exports = new C()`,
 * the static methods of an exported class, the methods of an exported object literal.
 */
export function recordPromiseExports(ctx: Ctx, lightness?: (f: FunctionNode) => ModuleBinding[] | undefined): void {
  moduleFunctions(ctx.sourceFile, (name, f) => {
    const starts = functionStartsWork(ctx, f);
    // Starts nothing, outright or as long as the functions of other files it awaits do not: callers
    // that await it wait for no work of its own.
    const noWork: RuleFact<PromiseFactKind> = { kind: 'no-work', ref: { file: ctx.file, name } };
    if (!handsOverCallback(ctx, f, 0)) {
      if (starts === undefined) ctx.addFact(noWork);
      else if (starts.unlessAll && !starts.onlyIfAny && !starts.unlessAny) ctx.addFact(noWork, starts.unlessAll);
    }
    if (starts === undefined) return;
    const fact: RuleFact<PromiseFactKind> = { kind: 'starts-work', ref: { file: ctx.file, name } };
    // Starting work only if a function of another file does (`str += wrapId(c)`, wrapId in
    // ./util) holds only when that file says so: one fact per alternative, each on its condition.
    if (starts.onlyIfAny) for (const alternative of starts.onlyIfAny) ctx.addFact(fact, [alternative]);
    else ctx.addFact(fact);
    // Light outright, or light if the functions of other files it calls are (a service over a dao).
    const elsewhere = lightness?.(f);
    if (elsewhere) ctx.addFact({ kind: 'light-work', ref: { file: ctx.file, name } }, elsewhere.map((ref) => ({ kind: 'light-work', ref })));
  });
}

/**
 * Every function other files can reach this file's top level by, under the name their calls
 * resolve to (`default`, `send`, `Job.fromId`): top-level functions and consts, `exports.x = …`,
 * `module.exports = …`, the static methods of a class, the methods of `new C()` or of an object.
 */
export function moduleFunctions(sf: ts.SourceFile, visit: (name: string, f: FunctionNode) => void): void {
  const members = (prefix: string, found: Map<string, FunctionNode>) => {
    for (const [m, f] of found) visit(`${prefix}${m}`, f);
  };
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s)) {
      if (s.name) visit(s.name.text, s);
      if (hasModifier(s, ts.SyntaxKind.DefaultKeyword)) visit('default', s);
    } else if (ts.isClassDeclaration(s) && s.name) {
      members(`${s.name.text}.`, classMembers(s, true));
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        const f = functionOfDeclaration(d);
        if (f) {
          visit(d.name.text, f);
          continue;
        }
        const found = membersOfValue(sf, d.initializer);
        if (found) members(`${d.name.text}.`, found);
      }
    } else if (ts.isExportAssignment(s)) {
      const f = asFunction(s.expression);
      if (f) visit('default', f);
    } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      commonJsExport(sf, s.expression, visit, members);
    }
  }
}

/** `exports.send = …`, `module.exports = { send: … }`, `module.exports = new Logger()`, `module.exports = Job`. */
function commonJsExport(
  sf: ts.SourceFile,
  assignment: ts.BinaryExpression,
  visit: (name: string, f: FunctionNode) => void,
  members: (prefix: string, found: Map<string, FunctionNode>) => void,
): void {
  const target = assignment.left;
  const value = unwrap(assignment.right);
  if (isModuleExports(target)) {
    const f = asFunction(value);
    if (f) {
      visit('default', f);
      return;
    }
    const found = membersOfValue(sf, value);
    if (found) members('', found);
    return;
  }
  if (ts.isPropertyAccessExpression(target) && isExportsObject(unwrap(target.expression))) {
    const f = asFunction(value);
    if (f) visit(target.name.text, f);
  }
}

/**
 * The methods a value exposes, by name: an object literal's, the instance methods of `new C()`
 * (class body and `C.prototype.m = …`), a class's static methods, or those of a binding to one.
 */
function membersOfValue(sf: ts.SourceFile, value: ts.Expression): Map<string, FunctionNode> | undefined {
  const v = unwrap(value);
  if (ts.isObjectLiteralExpression(v)) return objectMembers(v);
  if (ts.isNewExpression(v) && ts.isIdentifier(v.expression)) {
    const cls = findDeclaration(v.expression.text, v.expression);
    if (cls && ts.isClassDeclaration(cls)) {
      const members = classMembers(cls, false);
      for (const [m, f] of prototypeMethods(sf, cls.name?.text)) if (!members.has(m)) members.set(m, f);
      return members;
    }
    return cls && ts.isFunctionDeclaration(cls) ? prototypeMethods(sf, v.expression.text) : undefined;
  }
  if (ts.isClassExpression(v)) return classMembers(v, true);
  if (ts.isIdentifier(v)) {
    const decl = findDeclaration(v.text, v);
    if (decl && ts.isClassDeclaration(decl)) return classMembers(decl, true);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && !asFunction(decl.initializer)) {
      const members = membersOfValue(sf, decl.initializer);
      // `const s = {}; s.find = function …`: members assigned beside an object literal count too.
      if (!ts.isObjectLiteralExpression(unwrap(decl.initializer))) return members;
      for (const [m, f] of staticFunctions(sf, v.text)) if (!members?.has(m)) members?.set(m, f);
      return members;
    }
    // A constructor function: `Job.fromId = async function …` beside it.
    if (decl && (ts.isFunctionDeclaration(decl) || (ts.isVariableDeclaration(decl) && decl.initializer && asFunction(decl.initializer)))) {
      return staticFunctions(sf, v.text);
    }
  }
  return undefined;
}

function objectMembers(o: ts.ObjectLiteralExpression): Map<string, FunctionNode> {
  const out = new Map<string, FunctionNode>();
  for (const p of o.properties) {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (!key) continue;
    if (ts.isMethodDeclaration(p)) out.set(key, p);
    else if (ts.isPropertyAssignment(p)) {
      const f = asFunction(p.initializer);
      if (f) out.set(key, f);
    }
  }
  return out;
}

function objectMember(o: ts.ObjectLiteralExpression, name: string): FunctionNode | undefined {
  return objectMembers(o).get(name);
}

/** Methods (and function-valued fields) of a class: its static ones, or its instance ones. */
function classMembers(cls: ts.ClassLikeDeclaration, statics: boolean): Map<string, FunctionNode> {
  const out = new Map<string, FunctionNode>();
  for (const m of cls.members) {
    if (!m.name || !(ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name) || ts.isStringLiteral(m.name))) continue;
    if (hasModifier(m, ts.SyntaxKind.StaticKeyword) !== statics) continue;
    if (ts.isMethodDeclaration(m)) out.set(m.name.text, m);
    else if (ts.isPropertyDeclaration(m) && m.initializer) {
      const f = asFunction(m.initializer);
      if (f) out.set(m.name.text, f);
    }
  }
  return out;
}

function classMember(cls: ts.ClassLikeDeclaration, name: string, statics: boolean): FunctionNode | undefined {
  return classMembers(cls, statics).get(name);
}

/** `C.prototype.m = function …` at the top of the file, by method name. */
function prototypeMethods(sf: ts.SourceFile, className: string | undefined): Map<string, FunctionNode> {
  const out = new Map<string, FunctionNode>();
  if (!className) return out;
  for (const s of sf.statements) {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression) || s.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const left = s.expression.left;
    if (!ts.isPropertyAccessExpression(left)) continue;
    const proto = unwrap(left.expression);
    if (!ts.isPropertyAccessExpression(proto) || proto.name.text !== 'prototype' || !ts.isIdentifier(proto.expression) || proto.expression.text !== className) continue;
    const f = asFunction(s.expression.right);
    if (f) out.set(left.name.text, f);
  }
  return out;
}

/** `Job.fromId = async function …` at the top of the file: the functions assigned to members of `name`. */
function staticFunctions(sf: ts.SourceFile, name: string): Map<string, FunctionNode> {
  const out = new Map<string, FunctionNode>();
  for (const s of sf.statements) {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression) || s.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const left = s.expression.left;
    if (!ts.isPropertyAccessExpression(left) || !ts.isIdentifier(left.expression) || left.expression.text !== name) continue;
    const f = asFunction(s.expression.right);
    if (f) out.set(left.name.text, f);
  }
  return out;
}

/** `obj.name = function …` at the top of the file. */
function assignedMethod(sf: ts.SourceFile, objectName: string, name: string): FunctionNode | undefined {
  for (const s of sf.statements) {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression) || s.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const left = s.expression.left;
    if (ts.isPropertyAccessExpression(left) && left.name.text === name && ts.isIdentifier(left.expression) && left.expression.text === objectName) {
      return asFunction(s.expression.right);
    }
  }
  return undefined;
}

function prototypeMethod(sf: ts.SourceFile, className: string | undefined, name: string): FunctionNode | undefined {
  return prototypeMethods(sf, className).get(name);
}

/**
 * The method `name` of what `this` is at `at`: the class around it (arrows keep the method's
 * `this`), the prototype a `C.prototype.n = function …` belongs to, or the object literal a
 * method is written in.
 */
function thisMethod(at: ts.Node, name: string): FunctionNode | undefined {
  for (let n: ts.Node | undefined = at.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if (ts.isClassLike(n)) return classMember(n, name, false) ?? prototypeMethod(at.getSourceFile(), n.name?.text, name);
    if (ts.isMethodDeclaration(n) && ts.isClassLike(n.parent)) return classMember(n.parent, name, hasModifier(n, ts.SyntaxKind.StaticKeyword)) ??
      prototypeMethod(at.getSourceFile(), n.parent.name?.text, name);
    if (ts.isMethodDeclaration(n) && ts.isObjectLiteralExpression(n.parent)) return objectMember(n.parent, name);
    if ((ts.isConstructorDeclaration(n) || ts.isAccessor(n)) && ts.isClassLike(n.parent)) return classMember(n.parent, name, false);
    if (ts.isFunctionExpression(n)) {
      const p = n.parent;
      if (ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.parent)) return objectMember(p.parent, name);
      if (ts.isBinaryExpression(p) && p.right === n && ts.isPropertyAccessExpression(p.left)) {
        const proto = unwrap(p.left.expression);
        if (ts.isPropertyAccessExpression(proto) && proto.name.text === 'prototype' && ts.isIdentifier(proto.expression)) {
          return prototypeMethod(at.getSourceFile(), proto.expression.text, name);
        }
        // `dao.removeAll = function () { this.get(…) }`: `this` is `dao`, whose methods are assigned alike.
        if (ts.isIdentifier(proto)) return assignedMethod(at.getSourceFile(), proto.text, name);
      }
      return undefined;
    }
    if (ts.isFunctionLike(n)) return undefined;
  }
  return undefined;
}

/** `exports.name = fn` or `module.exports.name = fn` in this file. */
function exportedFunction(sf: ts.SourceFile, name: string): FunctionNode | undefined {
  for (const s of sf.statements) {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression) || s.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const left = s.expression.left;
    if (ts.isPropertyAccessExpression(left) && left.name.text === name && isExportsObject(unwrap(left.expression))) return asFunction(s.expression.right);
  }
  return undefined;
}

/** The function a declaration binds: `function f`, `const f = async () => …`. */
function functionOfDeclaration(decl: ts.Node): FunctionNode | undefined {
  if (ts.isFunctionDeclaration(decl)) return decl;
  if (ts.isVariableDeclaration(decl) && decl.initializer) return asFunction(decl.initializer);
  return undefined;
}

function asFunction(e: ts.Expression): FunctionNode | undefined {
  const f = unwrap(e);
  return ts.isArrowFunction(f) || ts.isFunctionExpression(f) ? f : undefined;
}

function isModuleExports(e: ts.Expression): boolean {
  const x = unwrap(e);
  return ts.isPropertyAccessExpression(x) && x.name.text === 'exports' && ts.isIdentifier(x.expression) && x.expression.text === 'module';
}

/** `exports` or `module.exports`, the CommonJS exports object of this file. */
function isExportsObject(e: ts.Expression): boolean {
  return isModuleExports(e) || (ts.isIdentifier(e) && e.text === 'exports' && !findDeclaration('exports', e));
}

/** An async function, or one whose declared return type is a Promise. */
export function returnsPromise(decl: ts.Node): boolean {
  if (ts.isVariableDeclaration(decl)) {
    if (!decl.initializer) return false;
    return isAsyncFunctionExpression(decl.initializer);
  }
  if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isFunctionExpression(decl) || ts.isArrowFunction(decl)) {
    return hasModifier(decl, ts.SyntaxKind.AsyncKeyword) || (decl.type !== undefined && isPromiseType(decl.type));
  }
  return false;
}

export function isAsyncFunctionExpression(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && returnsPromise(e);
}

function isPromiseType(t: ts.TypeNode): boolean {
  return ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && (t.typeName.text === 'Promise' || t.typeName.text === 'PromiseLike');
}

function isGlobal(e: ts.Expression, name: string): boolean {
  return ts.isIdentifier(e) && e.text === name && !findDeclaration(name, e);
}

function isImport(decl: ts.Node): boolean {
  return ts.isImportClause(decl) || ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) || ts.isImportEqualsDeclaration(decl) ||
    ts.isBindingElement(decl) || (ts.isVariableDeclaration(decl) && decl.initializer !== undefined && isRequire(decl.initializer));
}

function isRequire(e: ts.Expression): boolean {
  let x = unwrap(e);
  if (ts.isPropertyAccessExpression(x)) x = unwrap(x.expression);
  return ts.isCallExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === 'require';
}
