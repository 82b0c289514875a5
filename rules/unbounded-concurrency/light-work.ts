// Work that a fan-out may start for every element without swamping anything: commands on a client
// that multiplexes them over one connection it keeps (Redis, Kafka), file-system calls that hold
// no descriptor (`fs.rename`, `fs.stat`: queued on libuv's pool), commands to a local browser page
// over its one DevTools connection (`page.evaluate(fn, id)`), loading code (`import()`),
// ending the element itself (`workers.map((w) => w.stop())`), work that waits its turn in a
// limiter every call shares (`requestQueue.add(() => …)` in a helper the callback calls),
// and the function's own recursion over a nested structure (its I/O, one per node, is in its own
// body); a plugin's calls of its host's database (an ioBroker adapter's `setStateAsync`), sent over
// the one connection the host gave it. Read from the awaited and returned calls of a callback,
// following functions of the same file. Also a WebRTC peer connection's local state
// (`pc.addIceCandidate(c)` per candidate of one signalling message).
import { ts } from 'ts-morph';
import { LOCAL_PEER_CONNECTION_METHODS, PAGE_CONTEXT_METHODS } from '../../engine/knowledge';
import { findDeclaration } from '../../engine/scope';
import type { ModuleBinding, RuleContext } from '../../engine/types';
import { TYPE_ONLY_WRAPPERS, Outer, skipOuter, isConstDeclaration } from '../shared/ast';
import { BATCH_METHODS, EMFILE_QUEUEING_FS, FS_DESCRIPTOR_FREE, MULTIPLEXED_MODULES, CALLBACK_OR_PROMISE_FS, MULTIPLEXED_RECEIVER, REDIS_COMMANDS, TEARDOWN_METHODS } from './concurrency-limiters';
import { isHostDatabaseCall } from '../shared/host-database';
import { readFromLimiter, throughSharedLimiter } from './limiter-calls';
import { instanceMethods, memberMethodBinding } from './member-types';
import { sameFileFunction, startsPromise, type FunctionNode } from './promise-returning';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

const SEE_THROUGH = TYPE_ONLY_WRAPPERS | Outer.Await;
const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);
const MAX_DEPTH = 5;
/** A function light only if more functions of other files are than this is not followed. */
const MAX_ELSEWHERE = 3;

export type LightWork = 'multiplexed' | 'host-database' | 'descriptor-free' | 'code-loading' | 'recursion' | 'teardown' | 'limited' | 'local-state' | 'elsewhere';

/**
 * The kind of several pieces of light work together: 'host-database' only when every piece is
 * (its rejections mean the host is gone), 'multiplexed' only when every piece is that or the host's
 * (commands queued on one connection), else the first other kind.
 */
function together(kind: LightWork | undefined, next: LightWork): LightWork {
  if (kind === undefined || kind === 'host-database') return next;
  if (kind === 'multiplexed') return next === 'host-database' ? kind : next;
  return kind;
}

/**
 * Why every promise `fn` starts is light, or undefined: its awaited and returned calls are all
 * commands on a multiplexed client, `import()`s, or calls of `self` (the function the fan-out is
 * in), and there is at least one.
 */
export function lightWorkOf(ctx: RuleContext<any, string, any>, fn: ts.Expression, self: ts.Node | undefined, depth = 0, elsewhere?: ModuleBinding[]): LightWork | undefined {
  const f = skipOuter(fn, TYPE_ONLY_WRAPPERS);
  if (ts.isArrowFunction(f) || ts.isFunctionExpression(f)) return lightBody(ctx, f, self, depth, elsewhere);
  if (ts.isIdentifier(f) || ts.isPropertyAccessExpression(f)) {
    if (self && refersTo(f, self)) return 'recursion';
    const target = sameFileFunction(f);
    if (target) return lightBody(ctx, target, self, depth + 1, elsewhere);
    return elsewhere ? exportedElsewhere(ctx, f, elsewhere) : undefined;
  }
  return undefined;
}

/**
 * Whether every promise the function `fn` starts is light: undefined when not; else the functions
 * of other project files it calls, which must be light too (none when this file shows it all).
 */
export function lightFunction(ctx: RuleContext<any, string, any>, fn: FunctionNode): ModuleBinding[] | undefined {
  const elsewhere: ModuleBinding[] = [];
  if (!lightBody(ctx, fn, undefined, 0, elsewhere)) return undefined;
  const distinct = [...new Map(elsewhere.map((r) => [`${r.file}#${r.name}`, r])).values()];
  return distinct.length <= MAX_ELSEWHERE ? distinct : undefined;
}

function lightBody(ctx: RuleContext<any, string, any>, fn: FunctionNode, self: ts.Node | undefined, depth: number, elsewhere?: ModuleBinding[]): LightWork | undefined {
  if (depth > MAX_DEPTH || !fn.body) return undefined;
  // A function that calls itself again (a retry after cleaning the element up) does nothing new there.
  if (examining.has(fn)) return 'recursion';
  const work = workExpressions(ctx, fn);
  if (!work.length) return undefined;
  examining.add(fn);
  try {
    let kind: LightWork | undefined;
    for (const w of work) {
      const k = lightCall(ctx, w, self, depth, elsewhere);
      if (!k) return undefined;
      kind = together(kind, k);
    }
    return kind;
  } finally {
    examining.delete(fn);
  }
}

/** The functions whose bodies are being read, innermost last: a call back into one is recursion. */
const examining = new Set<FunctionNode>();

/**
 * A function another project file exports (`Job.fromId`, `validateJob`): light only if that file
 * records it is, which is settled once every file is read.
 */
function exportedElsewhere(ctx: RuleContext<any, string, any>, callee: ts.Expression, elsewhere: ModuleBinding[]): LightWork | undefined {
  const resolved = ctx.resolveCallee(callee);
  if (!resolved || resolved.library) return undefined;
  const name = resolved.call === '' ? 'default' : resolved.call;
  if (name.split('.').length > 2) return undefined;
  elsewhere.push({ file: resolved.module, name });
  return 'elsewhere';
}

/** `this.getJob` when the file assigns `this.getJob = Job.fromId.bind(null, this)`: the function bound. */
function boundFunction(callee: ts.PropertyAccessExpression): ts.Expression | undefined {
  if (callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const name = callee.name.text;
  const found: ts.Expression[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) &&
      n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === name) {
      const r = skipOuter(n.right, TYPE_ONLY_WRAPPERS);
      found.push(ts.isCallExpression(r) && ts.isPropertyAccessExpression(r.expression) && r.expression.name.text === 'bind' ? r.expression.expression : r);
    }
  };
  walkTree(callee.getSourceFile(), visit);
  return found.length === 1 && (ts.isPropertyAccessExpression(found[0]) || ts.isIdentifier(found[0])) ? found[0] : undefined;
}

/** The calls a function waits on or hands back: awaited expressions, returned promises, an expression body. */
function workExpressions(ctx: RuleContext<any, string, any>, fn: FunctionNode): ts.Expression[] {
  const out: ts.Expression[] = [];
  if (fn.body && !ts.isBlock(fn.body)) {
    const body = skipOuter(fn.body, SEE_THROUGH);
    if (ts.isAwaitExpression(skipOuter(fn.body, TYPE_ONLY_WRAPPERS)) || (ts.isCallExpression(body) && startsPromise(ctx, body))) out.push(body);
  }
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isAwaitExpression(n)) out.push(skipOuter(n.expression, SEE_THROUGH));
    else if (ts.isReturnStatement(n) && n.expression) {
      const r = skipOuter(n.expression, TYPE_ONLY_WRAPPERS);
      // A promise started here, or work handed to a wrapper (`return retrier(async () => { … })`).
      if (!ts.isAwaitExpression(r) && ts.isCallExpression(r) && (startsPromise(ctx, r) || handsOverFunction(r))) out.push(r);
    }
    ts.forEachChild(n, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return out;
}

/** The light work a started call does: a multiplexed command, or a function of this file doing only that. */
export function lightCallWork(ctx: RuleContext<any, string, any>, call: ts.CallExpression, self: ts.Node | undefined): LightWork | undefined {
  return lightCall(ctx, call, self, 0);
}

function lightCall(ctx: RuleContext<any, string, any>, expr: ts.Expression, self: ts.Node | undefined, depth: number, elsewhere?: ModuleBinding[]): LightWork | undefined {
  const e = skipOuter(expr, SEE_THROUGH);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return 'code-loading';
  // `requestQueue.add(() => create(entry))`: the work waits its turn in a limiter shared by every call.
  if (throughSharedLimiter(ctx, e)) return 'limited';
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    // `await existingJob.join()`, a job taken from the limiter's own queue: it runs in its turn.
    if (readFromLimiter(ctx, callee.expression)) return 'limited';
    // `cluster.findBroker(…).then((b) => …)`: the chain's start and each of its callbacks.
    if (CHAIN_METHODS.has(method)) {
      let base = lightCall(ctx, callee.expression, self, depth, elsewhere);
      if (!base) return undefined;
      for (const a of e.arguments) {
        const f = skipOuter(a, TYPE_ONLY_WRAPPERS);
        if (!(ts.isArrowFunction(f) || ts.isFunctionExpression(f)) || !workExpressions(ctx, f).length) continue;
        const k = lightBody(ctx, f, self, depth + 1, elsewhere);
        if (!k) return undefined;
        base = together(base, k);
      }
      return base;
    }
    if (isMultiplexedCommand(ctx, callee)) return 'multiplexed';
    if (isHostDatabaseCall(ctx, callee, sameFileFunction(callee) !== undefined)) return 'host-database';
    // `page.evaluate(fn, id)`: a command to the local browser over its one DevTools connection.
    if (PAGE_CONTEXT_METHODS.has(callee.name.text) && e.arguments.length > 0 && isFunctionArgument(e.arguments[0])) return 'multiplexed';
    if (endsElement(callee)) return 'teardown';
    // `pc.addIceCandidate(c)`: the local WebRTC agent's state, no request to any upstream.
    if (LOCAL_PEER_CONNECTION_METHODS.has(callee.name.text)) return 'local-state';
    if (isPromiseCombinator(callee)) return e.arguments.length === 1 ? lightList(ctx, e.arguments[0], self, depth, elsewhere) : undefined;
    if (isDescriptorFreeFs(ctx, callee)) return 'descriptor-free';
  }
  if (self && refersTo(callee, self)) return 'recursion';
  const target = sameFileFunction(callee);
  if (target) return lightBody(ctx, target, self, depth + 1, elsewhere);
  // `this.getJob(id)`, bound in the constructor to a function of this file or another.
  const bound = ts.isPropertyAccessExpression(callee) ? boundFunction(callee) : undefined;
  if (bound) {
    const f = sameFileFunction(bound);
    if (f) return lightBody(ctx, f, self, depth + 1, elsewhere);
    if (elsewhere) return exportedElsewhere(ctx, bound, elsewhere);
  }
  // `retrier(async () => { … })`: a wrapper runs the work it is handed.
  const handed = e.arguments.map((a) => skipOuter(a, TYPE_ONLY_WRAPPERS)).filter((a): a is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
  if (handed.length && ts.isIdentifier(callee)) {
    let kind: LightWork | undefined;
    for (const h of handed) {
      const k = lightBody(ctx, h, self, depth + 1, elsewhere);
      if (!k) return undefined;
      kind = together(kind, k);
    }
    return kind;
  }
  // `this.network.sendMessage(…)`, `network` typed as a class of another project file: light if
  // that file shows the method is (helia-bitswap's `Network.sendMessage` enqueues on a PeerQueue).
  const member = elsewhere ? memberMethodBinding(ctx, callee) : undefined;
  if (member && elsewhere) {
    elsewhere.push(member);
    return 'elsewhere';
  }
  return elsewhere && (ts.isPropertyAccessExpression(callee) || ts.isIdentifier(callee)) ? exportedElsewhere(ctx, callee, elsewhere) : undefined;
}

/**
 * Records which instance methods of this file's classes do only light work (outright, or as long
 * as the functions of other files they call do), for calls through a member typed by the class.
 */
export function recordInstanceMethodLightness(ctx: RuleContext<any, string, any>): void {
  instanceMethods(ctx.sourceFile, (name, f) => {
    const elsewhere = lightFunction(ctx, f);
    if (elsewhere) ctx.addFact({ kind: 'light-work', ref: { file: ctx.file, name } }, elsewhere.map((ref) => ({ kind: 'light-work', ref })));
  });
}

/** A command on a client that multiplexes one connection: a Redis command, or a call on a Redis or Kafka client. */
function isMultiplexedCommand(ctx: RuleContext<any, string, any>, callee: ts.PropertyAccessExpression): boolean {
  if (REDIS_COMMANDS.has(callee.name.text.toLowerCase())) return true;
  // `db.multi().del(k).srem(s, id).exec()`: a transaction or pipeline, sent in one round trip.
  if (callee.name.text === 'exec' && chainCalls(callee.expression).some((m) => BATCH_METHODS.has(m))) return true;
  const receiver = skipOuter(callee.expression, TYPE_ONLY_WRAPPERS);
  const name = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : '';
  if (MULTIPLEXED_RECEIVER.test(name)) return true;
  const resolved = ctx.resolveCallee(callee);
  if (resolved?.library && MULTIPLEXED_MODULES.has(resolved.module)) return true;
  // `const client = new Redis(url)` / `createClient()` in sight.
  if (ts.isIdentifier(receiver)) {
    const decl = findDeclaration(receiver.text, receiver);
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer, SEE_THROUGH) : undefined;
    if (init && (ts.isNewExpression(init) || ts.isCallExpression(init))) {
      const made = ctx.resolveCallee(init.expression);
      if (made?.library && MULTIPLEXED_MODULES.has(made.module)) return true;
    }
  }
  return false;
}

/** A function written at the call (`page.evaluate(async (id) => …, id)`), as the page-context methods take. */
function isFunctionArgument(a: ts.Expression): boolean {
  const f = skipOuter(a, TYPE_ONLY_WRAPPERS);
  return ts.isArrowFunction(f) || ts.isFunctionExpression(f) || ts.isStringLiteralLike(f);
}

/** `Promise.all(…)`, `Promise.allSettled(…)` of the global `Promise`. */
function isPromiseCombinator(callee: ts.PropertyAccessExpression): boolean {
  const receiver = skipOuter(callee.expression, TYPE_ONLY_WRAPPERS);
  return (callee.name.text === 'all' || callee.name.text === 'allSettled') && ts.isIdentifier(receiver) && receiver.text === 'Promise' && !findDeclaration('Promise', receiver);
}

/**
 * The promises a combinator waits for, when each is light work: `xs.map(cb)` with a light `cb`
 * (also through a `const` holding it), or a literal list of light calls.
 */
function lightList(ctx: RuleContext<any, string, any>, list: ts.Expression, self: ts.Node | undefined, depth: number, elsewhere?: ModuleBinding[]): LightWork | undefined {
  let e = skipOuter(list, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !isConstDeclaration(decl)) return undefined;
    e = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
  }
  if (ts.isArrayLiteralExpression(e)) {
    let kind: LightWork | undefined;
    for (const el of e.elements) {
      const k = ts.isSpreadElement(el) ? undefined : lightCall(ctx, el, self, depth + 1, elsewhere);
      if (!k) return undefined;
      kind = together(kind, k);
    }
    return kind;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && (e.expression.name.text === 'map' || e.expression.name.text === 'flatMap') && e.arguments.length >= 1) {
    return lightWorkOf(ctx, e.arguments[0], self, depth + 1, elsewhere);
  }
  return undefined;
}

/** `worker.stop()` on the element a callback is handed: the object's own end, no work for an upstream. */
function endsElement(callee: ts.PropertyAccessExpression): boolean {
  if (!TEARDOWN_METHODS.has(callee.name.text)) return false;
  const receiver = skipOuter(callee.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isIdentifier(receiver)) return false;
  const decl = findDeclaration(receiver.text, receiver);
  return decl !== undefined && ts.isParameter(decl) && (ts.isArrowFunction(decl.parent) || ts.isFunctionExpression(decl.parent)) && decl.parent.parameters[0] === decl;
}

/**
 * `fs.rename(a, b)` from `fs/promises` (or `fs.promises`): a file-system call that opens no
 * descriptor; or any call of fs-extra or graceful-fs, which queue on EMFILE instead of failing.
 */
function isDescriptorFreeFs(ctx: RuleContext<any, string, any>, callee: ts.PropertyAccessExpression): boolean {
  const resolved = ctx.resolveCallee(callee);
  if (!resolved?.library) return false;
  if (EMFILE_QUEUEING_FS.has(resolved.module)) return true;
  if (resolved.module === 'fs/promises' || CALLBACK_OR_PROMISE_FS.has(resolved.module)) return FS_DESCRIPTOR_FREE.has(resolved.call);
  return resolved.module === 'fs' && resolved.call.startsWith('promises.') && FS_DESCRIPTOR_FREE.has(resolved.call.slice('promises.'.length));
}

function handsOverFunction(call: ts.CallExpression): boolean {
  return ts.isIdentifier(skipOuter(call.expression, TYPE_ONLY_WRAPPERS)) &&
    call.arguments.some((a) => ts.isArrowFunction(skipOuter(a, TYPE_ONLY_WRAPPERS)) || ts.isFunctionExpression(skipOuter(a, TYPE_ONLY_WRAPPERS)));
}

/** The methods a call chain calls: `db.multi().del(k).exec` -> ['del', 'multi']. */
function chainCalls(e: ts.Expression): string[] {
  const out: string[] = [];
  let x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  while (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression)) {
    out.push(x.expression.name.text);
    x = skipOuter(x.expression.expression, TYPE_ONLY_WRAPPERS);
  }
  return out;
}

/** `f` names the function `self`: `self(…)`, `this.self(…)`, `exports.self(…)`. */
function refersTo(f: ts.Expression, self: ts.Node): boolean {
  const name = functionName(self);
  if (!name) return false;
  const e = skipOuter(f, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(e)) return e.text === name && findDeclaration(name, e) === declarationOf(self);
  return ts.isPropertyAccessExpression(e) && e.name.text === name &&
    (e.expression.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(e.expression) && e.expression.text === 'exports'));
}

function functionName(fn: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  if (p && ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

function declarationOf(fn: ts.Node): ts.Node | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn;
  if (fn.parent && ts.isVariableDeclaration(fn.parent)) return fn.parent;
  if (ts.isFunctionExpression(fn) && fn.name) return fn;
  return undefined;
}
