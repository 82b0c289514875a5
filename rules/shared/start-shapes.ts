// What double-start recognises inside a start-like method: which methods count as starting
// something, and which statements create something that a second call would create again
// (a timer, a server or a `listen`, a listener on a long-lived emitter, a loop on a flag).
import { ts } from 'ts-morph';
import { SERVICE_LIFETIME_KINDS, type ResourceKind } from '../../engine/knowledge';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import type { RuleContext } from '../../engine/types';
import { isAsync, isFunctionBoundary, thisMemberName, unwrapAwaited, isWithin } from './ast';
import { originOfValue } from './resource-origin';
import { stateKey } from './second-call-guards';

/**
 * Method names that start something: `start`, `listen`, `init`, `initialize`, `connect`, `run`,
 * and the prefixed forms of the first four (`startPolling`, `initTimers`, `listenTo`).
 */
const START_NAME = /^#?(?:(?:start|listen|init|connect)(?:[A-Z_]\w*)?|initialize|run)$/;

export function isStartName(name: string): boolean {
  return START_NAME.test(name);
}

/** Methods that register an event listener that stays until it is removed. */
export const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);

/**
 * Methods that keep one registration per (type, listener): EventTarget's `addEventListener` (and
 * ws's, which copies it) ignores a listener it already holds, so adding the same function twice adds nothing.
 */
export const DEDUPING_LISTENER_METHODS: ReadonlySet<string> = new Set(['addEventListener']);

/** Methods that take listeners off again: a start that removes before adding does not double up. */
export const LISTENER_REMOVAL_METHODS: ReadonlySet<string> = new Set(['off', 'removeListener', 'removeAllListeners', 'removeEventListener']);

/** The method that makes a server (or a web app) accept connections. */
const LISTEN_METHOD = 'listen';

export type CreationKind = 'timer' | 'server' | 'listener' | 'loop' | 'resource';

/** How a resource kind from the knowledge table reads in a double-start message. */
const CREATION_OF_RESOURCE: Partial<Record<ResourceKind, CreationKind>> = {
  interval: 'timer', server: 'server', watcher: 'resource', worker: 'resource',
};

export interface Creation {
  node: ts.Node;
  kind: CreationKind;
  /** The `this` member it is stored in (`timer` for `this.timer = setInterval(…)`), which can double as the guard. */
  field?: string;
  /** The source of the creating code, one line, for the message. */
  display: string;
  /** For `x.listen()`: the receiver, which must be known to be a server or web app. */
  listenOn?: ts.Expression;
}

/**
 * The creations in a method body, in source order, nested functions aside (a callback runs
 * later, and a fresh object made per call is not started twice).
 */
export function findCreations(ctx: RuleContext, fn: ts.FunctionLikeDeclaration): Creation[] {
  const body = fn.body;
  if (!body) return [];
  const out: Creation[] = [];
  /** `this` members the method assigns before a point: a listener on one of those is on a fresh object. */
  const assignedSoFar = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (isFunctionBoundary(n)) return;
    ts.forEachChild(n, visit);
    // Post-order: an assignment is recorded after its right side, so `this.s = x.listen()` is one creation.
    const found = creationAt(ctx, n, fn, assignedSoFar);
    if (found) out.push(found);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const member = thisMemberName(n.left);
      if (member !== undefined) assignedSoFar.add(member);
    }
  };
  ts.forEachChild(body, visit);
  // Drop the inner `listen()` of `this.server = app.listen()`: the assignment reports it.
  return out.filter((c) => !out.some((o) => o !== c && o.node.pos <= c.node.pos && c.node.end <= o.node.end))
    .sort((a, b) => a.node.pos - b.node.pos);
}

function creationAt(ctx: RuleContext, n: ts.Node, fn: ts.FunctionLikeDeclaration, assigned: ReadonlySet<string>): Creation | undefined {
  const sf = ctx.sourceFile;
  const display = (node: ts.Expression) => shortForm(sf, node);
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const field = thisMemberName(n.left);
    if (field === undefined) return undefined;
    const created = createdKind(ctx, n.right, fn);
    return created ? { node: n, kind: created.kind, field, display: display(n), listenOn: created.listenOn } : undefined;
  }
  if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
    const method = n.expression.name.text;
    const receiver = unwrapAwaited(n.expression.expression);
    if (method === LISTEN_METHOD && thisMemberName(receiver) !== undefined) {
      return { node: n, kind: 'server', display: display(n), listenOn: receiver };
    }
    // A handler the caller passes in (`listen(callback) { this.process.on('message', callback) }`) is a subscription, not a start.
    // So is a one-shot listener that hands the event to the caller's callback (`this.once('connect', () => { …; done(); })`).
    // So is a call put off until the emitter is ready (`if (!this.initialized) return this.on('ready', listen.bind(this, queue, cb))`):
    // each call defers itself once, as a later call would run.
    if (LISTENER_METHODS.has(method) && n.arguments.length >= 2 && outlivesCall(receiver, assigned) && !handsOnToParameter(n.arguments[1], fn) &&
      !(ONCE_METHODS.has(method) && callsParameterOf(n.arguments[1], fn)) && !defersItself(n, fn)) {
      return { node: n, kind: 'listener', display: display(n) };
    }
    return undefined;
  }
  if (ts.isWhileStatement(n) || ts.isDoStatement(n) || ts.isForStatement(n)) {
    const cond = ts.isForStatement(n) ? n.condition : n.expression;
    const key = cond && stateKey(unwrapAwaited(cond));
    // `this.running = true; while (this.running) …`: the kick-off of a loop that runs until stopped.
    // Only an async loop runs alongside its caller; a synchronous one ends before a second call can start.
    if (key?.startsWith('m:') && isAsync(fn) && setsTrueBefore(fn, key.slice(2), n.pos)) {
      const header = ts.isDoStatement(n) ? `do … while (${cond!.getText(sf)})` : `${ts.isForStatement(n) ? 'for' : 'while'} (${cond!.getText(sf)})`;
      return { node: n, kind: 'loop', field: key.slice(2), display: oneLine(header) };
    }
  }
  return undefined;
}

/** What a value assigned to a member starts: a known service resource, or a server from `listen()`. */
function createdKind(ctx: RuleContext, value: ts.Expression, fn: ts.FunctionLikeDeclaration): { kind: CreationKind; listenOn?: ts.Expression } | undefined {
  let e = unwrapAwaited(value);
  // `const server = http.createServer(h); …; this.server = server`: follow a local of this method.
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !isWithin(decl, fn)) return undefined;
    e = unwrapAwaited(decl.initializer);
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === LISTEN_METHOD) {
    return { kind: 'server', listenOn: unwrapAwaited(e.expression.expression) };
  }
  const origin = originOfValue(ctx, e);
  const kind = origin?.entry.resource.kind;
  const created = kind && SERVICE_LIFETIME_KINDS.has(kind) ? CREATION_OF_RESOURCE[kind] : undefined;
  return created && { kind: created };
}

/**
 * True when a value is something that listens on a port: a known server (`http.createServer()`,
 * `new WebSocketServer()`), a web app (`express()`, `fastify()`), or what an app's `listen()` returns.
 */
export function makesListener(ctx: RuleContext, value: ts.Expression): boolean {
  const e = unwrapAwaited(value);
  if (!ts.isCallExpression(e) && !ts.isNewExpression(e)) return false;
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === LISTEN_METHOD) return true;
  if (originOfValue(ctx, e)?.entry.resource.kind === 'server') return true;
  const callee = ctx.resolveCallee(e.expression);
  return callee !== undefined && ctx.knowledge.lookupAll(callee.module, callee.call, ts.isNewExpression(e)).some((entry) => entry.app);
}

/** A module-level or method-local binding whose initializer listens (`const app = express()`). */
export function bindingMakesListener(ctx: RuleContext, id: ts.Identifier): boolean {
  const decl = findDeclaration(id.text, id);
  return decl !== undefined && ts.isVariableDeclaration(decl) && decl.initializer !== undefined && makesListener(ctx, decl.initializer);
}

const ONCE_METHODS: ReadonlySet<string> = new Set(['once', 'prependOnceListener']);

/**
 * A function literal that settles the call it was registered in when the event comes: it calls a
 * parameter of `fn` (the caller's callback), the `resolve`/`reject` of a `new Promise` made in
 * `fn`, or `resolve`/`reject` on a deferred `fn` made (`readyLsn = (err) => err ?
 * deferred.reject(err) : deferred.resolve()`, zigbee-shepherd's start). Given by name, the
 * function is the one a local of `fn` holds.
 */
function callsParameterOf(handler: ts.Expression, fn: ts.FunctionLikeDeclaration): boolean {
  // `this.once('ready', resolve)`: the promise's own settling function, handed over as it is.
  if (settlesOwnPromise(handler, fn)) return true;
  const h = localFunction(unwrapAwaited(handler), fn);
  if (!h) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && (isParameterOf(n.expression, fn) || settlesOwnPromise(n.expression, fn))) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(h.body);
  return found;
}

/** The function literal itself, or the one a local of `fn` is declared or assigned with (its only value). */
function localFunction(e: ts.Expression, fn: ts.FunctionLikeDeclaration): ts.ArrowFunction | ts.FunctionExpression | undefined {
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
  if (!ts.isIdentifier(e)) return undefined;
  const decl = findDeclaration(e.text, e);
  if (!decl || !ts.isVariableDeclaration(decl) || !isWithin(decl, fn)) return undefined;
  const values: ts.Expression[] = decl.initializer ? [decl.initializer] : [];
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === e.text &&
      findDeclaration(n.left.text, n.left) === decl) values.push(n.right);
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  if (values.length !== 1) return undefined;
  const v = unwrapAwaited(values[0]);
  return ts.isArrowFunction(v) || ts.isFunctionExpression(v) ? v : undefined;
}

/** `resolve(…)`/`reject(…)` of a `new Promise` executor inside `fn`, or `d.resolve(…)`/`d.reject(…)` on a local of `fn`. */
function settlesOwnPromise(callee: ts.Expression, fn: ts.FunctionLikeDeclaration): boolean {
  const e = unwrapAwaited(callee);
  if (ts.isPropertyAccessExpression(e) && (e.name.text === 'resolve' || e.name.text === 'reject') && ts.isIdentifier(e.expression)) {
    const decl = findDeclaration(e.expression.text, e.expression);
    return decl !== undefined && ts.isVariableDeclaration(decl) && isWithin(decl, fn);
  }
  if (!ts.isIdentifier(e)) return false;
  const decl = findDeclaration(e.text, e);
  const executor = decl && ts.isParameter(decl) ? decl.parent : undefined;
  return executor !== undefined && (ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) && isWithin(executor, fn) &&
    ts.isNewExpression(executor.parent) && ts.isIdentifier(executor.parent.expression) && executor.parent.expression.text === 'Promise';
}

/**
 * `return this.on('ready', listen.bind(this, queueName, callback))`: the listener runs the method
 * itself again (bound, or through an arrow that only calls it), and the method leaves right after
 * registering it. The call waits for the emitter instead of running now; a second call waits too,
 * and when the event comes each runs once, as two calls would have.
 */
function defersItself(registration: ts.CallExpression, fn: ts.FunctionLikeDeclaration): boolean {
  const names = ownNames(fn);
  if (!names.size || !callsItself(registration.arguments[1], fn, names)) return false;
  let stmt: ts.Node = registration;
  while (ts.isParenthesizedExpression(stmt.parent) || ts.isVoidExpression(stmt.parent) || ts.isAwaitExpression(stmt.parent)) stmt = stmt.parent;
  if (ts.isReturnStatement(stmt.parent)) return true;
  if (!ts.isExpressionStatement(stmt.parent) || !ts.isBlock(stmt.parent.parent)) return false;
  const statements = stmt.parent.parent.statements;
  const next = statements[statements.indexOf(stmt.parent) + 1];
  return next !== undefined && ts.isReturnStatement(next);
}

/** The names a method is called by: its own name, and a named function expression's name (`function listen (…)`). */
function ownNames(fn: ts.FunctionLikeDeclaration): Set<string> {
  const out = new Set<string>();
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) out.add(fn.name.text);
  const p = fn.parent;
  // `Bus.prototype.listen = function (…) {…}`
  if (ts.isBinaryExpression(p) && p.right === fn && ts.isPropertyAccessExpression(p.left)) out.add(p.left.name.text);
  return out;
}

/** `listen.bind(this, …)`, `this.listen.bind(this, …)`, `() => this.listen(…)`, `() => listen.call(this, …)`. */
function callsItself(handler: ts.Expression | undefined, fn: ts.FunctionLikeDeclaration, names: ReadonlySet<string>): boolean {
  if (!handler) return false;
  const h = unwrapAwaited(handler);
  const isSelf = (e: ts.Expression): boolean => {
    const x = unwrapAwaited(e);
    // `listen` names the method only as a named function's own name (`function listen (…) {…}`).
    if (ts.isIdentifier(x)) return names.has(x.text) && findDeclaration(x.text, x) === fn;
    return thisMemberName(x) !== undefined && names.has(thisMemberName(x)!);
  };
  const boundOrCalled = (e: ts.Expression): boolean => {
    const x = unwrapAwaited(e);
    if (!ts.isCallExpression(x)) return false;
    if (isSelf(x.expression)) return true;
    const callee = x.expression;
    return ts.isPropertyAccessExpression(callee) && ['bind', 'call', 'apply'].includes(callee.name.text) && isSelf(callee.expression);
  };
  if (ts.isCallExpression(h)) return boundOrCalled(h) && ts.isPropertyAccessExpression(h.expression) && h.expression.name.text === 'bind';
  if (!ts.isArrowFunction(h) && !ts.isFunctionExpression(h)) return false;
  if (!ts.isBlock(h.body)) return boundOrCalled(h.body);
  const only = h.body.statements.length === 1 ? h.body.statements[0] : undefined;
  const e = only && (ts.isExpressionStatement(only) ? only.expression : ts.isReturnStatement(only) ? only.expression : undefined);
  return e !== undefined && boundOrCalled(e);
}

/**
 * The listener is the caller's handler: the method's parameter itself (`this.proc.on('message', callback)`),
 * or a function that only hands the event to it (`(msg) => callback(msg.content)`).
 */
function handsOnToParameter(handler: ts.Expression, fn: ts.FunctionLikeDeclaration): boolean {
  if (isParameterOf(handler, fn)) return true;
  const h = unwrapAwaited(handler);
  if (!ts.isArrowFunction(h) && !ts.isFunctionExpression(h)) return false;
  let e: ts.Expression | undefined;
  if (!ts.isBlock(h.body)) e = h.body;
  else if (h.body.statements.length === 1) {
    const only = h.body.statements[0];
    e = ts.isExpressionStatement(only) ? only.expression : ts.isReturnStatement(only) ? only.expression : undefined;
  }
  const call = e && unwrapAwaited(e);
  return call !== undefined && ts.isCallExpression(call) && isParameterOf(call.expression, fn);
}

function isParameterOf(arg: ts.Expression, fn: ts.FunctionLikeDeclaration): boolean {
  const e = unwrapAwaited(arg);
  if (!ts.isIdentifier(e)) return false;
  const decl = findDeclaration(e.text, e);
  return decl !== undefined && ts.isParameter(decl) && decl.parent === fn;
}

/** An emitter that stays after the call: `this`, a `this` member not replaced in this call, `process`, a module-level binding. */
function outlivesCall(receiver: ts.Expression, assigned: ReadonlySet<string>): boolean {
  if (receiver.kind === ts.SyntaxKind.ThisKeyword) return true;
  const member = thisMemberName(receiver);
  if (member !== undefined) return !assigned.has(member);
  if (!ts.isIdentifier(receiver)) return false;
  const decl = findDeclaration(receiver.text, receiver);
  if (!decl) return receiver.text === 'process';
  return isTopLevel(decl);
}

/** True when the method sets `this.<member> = true` before `pos` (outside nested functions). */
function setsTrueBefore(fn: ts.FunctionLikeDeclaration, member: string, pos: number): boolean {
  const visit = (n: ts.Node): boolean => {
    if (n.pos >= pos || isFunctionBoundary(n)) return false;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && n.end <= pos &&
      thisMemberName(n.left) === member && n.right.kind === ts.SyntaxKind.TrueKeyword) return true;
    return ts.forEachChild(n, (c) => visit(c) || undefined) ?? false;
  };
  return fn.body !== undefined && visit(fn.body);
}

/** Code shortened for a message: `this.timer = setInterval(…)`, `process.on('message', …)`. */
export function shortForm(sf: ts.SourceFile, expr: ts.Expression): string {
  const e = unwrapAwaited(expr);
  if (ts.isBinaryExpression(e)) return `${oneLine(e.left.getText(sf))} = ${shortForm(sf, e.right)}`;
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    const callee = oneLine(e.expression.getText(sf));
    const args = e.arguments ?? [];
    const first = args[0];
    const shown = !args.length ? '' : first && ts.isStringLiteralLike(first) ? `${first.getText(sf)}${args.length > 1 ? ', …' : ''}` : '…';
    return `${ts.isNewExpression(e) ? 'new ' : ''}${callee}(${shown})`;
  }
  return oneLine(e.getText(sf));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
