// How one local resource is used inside the function that made it: where it is released,
// whether that release is in a `finally`, and whether it escapes (returned, stored, handed to a
// constructor or to the caller's callback) so that someone else owns it. Walks that one function
// body, nothing more.
import { ts } from 'ts-morph';
import { MEMBER_DECORATORS, SHIM_SHUTDOWN, SHUTDOWN_EVENTS } from '../../engine/knowledge';
import { findDeclaration } from '../../engine/scope';
import { calleeName, Outer, skipOuter } from '../shared/ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { skipsNoRelease } from './exit-guards';

export interface Release {
  /** The statement holding the release, when it is a plain statement (`client.release();`). */
  statement: ts.Statement;
  /** The release expression itself: `client.release()`, `clearInterval(timer)`. */
  node: ts.Node;
  inFinally: boolean;
  /** Inside a nested function (a callback, a shutdown handler): runs some other time. */
  deferred: boolean;
  /** A `throw` or `return` in the same function comes before it, so some path skips it. */
  afterExit: boolean;
}

export interface ResourceUses {
  releases: Release[];
  /** Returned, stored in a collection, handed to a constructor or a callback: someone else owns it now. */
  escapes: boolean;
  /** Stored on an object (`this.server = server`): owned by that object, released through its member. */
  storedOn: { member: string; text: string; at: ts.Node }[];
  /** Released from a shutdown handler (`process.on('SIGTERM', …)`, `onShutdown(…)`). */
  onShutdown: boolean;
  /** Handed to another object's method (`registry.addInterval(key, ref)`): that method's name and the argument's place. */
  handedTo: { method: string; index: number }[];
}

export interface ReleaseForms {
  /** Methods called on the resource: `client.release()`, `server.close()`, `timer.unref()`. */
  methods: ReadonlySet<string>;
  /** Functions that take the resource: `clearInterval(timer)`, and pool methods: `pool.release(conn)`. */
  takers: ReadonlySet<string>;
  /** Methods returning an object that works through the resource (`client.db()`): handing that on hands the resource on. */
  handles?: ReadonlySet<string>;
  /** The error parameter of the error-first callback that receives the resource: set, there is none to release. */
  absentWhen?: ts.Node;
}

/** Methods that store an argument somewhere longer-lived than this call. */
const STORING_METHODS = new Set(['push', 'unshift', 'set', 'add', 'resolve', 'register', 'emit', 'setup', 'use', 'attach', 'adopt', 'manage', 'track']);
/** `setPool(pool)`, `setClient(client)`: a setter keeps what it is given; `R.setup(knex)` hands it to its owner. */
const SETTER = /^set[A-Z]/;

/** Methods that return the object they are called on: `return server.listen(port)` returns the server. */
export const RETURNS_THIS = new Set(['listen', 'on', 'once', 'addListener', 'prependListener', 'setTimeout', 'ref', 'unref',
  'setMaxListeners', 'setEncoding', 'setKeepAlive', 'setNoDelay']);

const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

export function resourceUses(body: ts.Node, name: string, decl: ts.Node, forms: ReleaseForms): ResourceUses {
  const out: ResourceUses = { releases: [], escapes: false, storedOn: [], onShutdown: false, handedTo: [] };
  // `var server` written in both branches of an `if` is one binding: its uses name the first one written.
  const binding = ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) ? findDeclaration(name, decl.name) ?? decl : decl;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && isReference(node) && findDeclaration(name, node) === binding) {
      classify(node, body, forms, out);
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return out;
}

function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p)) && p.name === id) return false;
  if (ts.isVariableDeclaration(p) && p.name === id) return false;
  return true;
}

function classify(id: ts.Identifier, body: ts.Node, forms: ReleaseForms, out: ResourceUses): void {
  const p = id.parent;
  // client.release(), timer.unref(), server.close — written, called or not.
  if (ts.isPropertyAccessExpression(p) && p.expression === id && forms.methods.has(p.name.text)) {
    addRelease(ts.isCallExpression(p.parent) && p.parent.expression === p ? p.parent : p, body, out, forms);
    return;
  }
  // socket.on('connect', function () { this.end() }): in a listener that is not an arrow, `this` is the emitter.
  if (ts.isPropertyAccessExpression(p) && p.expression === id && LISTEN_METHODS.has(p.name.text) && ts.isCallExpression(p.parent)) {
    for (const a of p.parent.arguments) if (ts.isFunctionExpression(a)) for (const r of thisReleases(a, forms)) addRelease(r, body, out, forms);
  }
  // return server.listen(port), return server.listen.apply(server, args): listen() returns the server.
  if (ts.isPropertyAccessExpression(p) && p.expression === id && RETURNS_THIS.has(p.name.text) && returnsValueOf(chainedCall(p), body)) {
    out.escapes = true;
  }
  // return client.db(): the Db runs through the client, so the client goes with it.
  if (ts.isPropertyAccessExpression(p) && p.expression === id && forms.handles?.has(p.name.text) && ts.isCallExpression(p.parent) &&
    p.parent.expression === p && handedOn(p.parent, body)) {
    out.escapes = true;
  }
  // clearInterval(timer), pool.release(conn)
  if (ts.isCallExpression(p) && p.arguments.includes(id)) {
    const callee = p.expression;
    // `calleeName` also reads `(0, timers_1.clearInterval)(t)`, as TypeScript compiles an imported function's call.
    const fn = calleeName(callee);
    if (fn && forms.takers.has(fn)) {
      addRelease(p, body, out, forms);
      return;
    }
    // fastify.decorate('db', pool): now the member `db` of the framework instance, released through it.
    const member = ts.isPropertyAccessExpression(callee) && MEMBER_DECORATORS.has(callee.name.text) ? decoratedMember(p, id) : undefined;
    if (member !== undefined && ts.isPropertyAccessExpression(callee)) out.storedOn.push({ member, text: `${callee.expression.getText()}.${member}`, at: p });
    else if (fn && (STORING_METHODS.has(fn) || SETTER.test(fn))) out.escapes = true;
    // this.initEngine(srv): handed to the object's own method, which keeps or releases it with the object.
    if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) out.escapes = true;
    // registry.addInterval(key, ref): kept by that object if its class releases what it stores (a project fact).
    else if (ts.isPropertyAccessExpression(callee)) out.handedTo.push({ method: callee.name.text, index: p.arguments.indexOf(id) });
    // container.register({ conn: asValue(conn) }): wrapped, then handed to a call that keeps it.
    if (wrappedIntoStoringCall(p)) out.escapes = true;
    // cb(null, client): handed to whoever called us, through their callback.
    if (ts.isIdentifier(callee) && isParameterOfEnclosing(callee)) out.escapes = true;
    // clientSocket.pipe(serverSocket): the source ends it when it ends, as a tunnel's two sockets end each other.
    if (fn === 'pipe' && p.arguments[0] === id && !endsNotWithSource(p.arguments[1])) out.escapes = true;
  }
  // `connecting.then((conn) => …)`: a promise of the resource; what the callback does with `conn` it does with the resource.
  if (ts.isPropertyAccessExpression(p) && p.expression === id && p.name.text === 'then' && ts.isCallExpression(p.parent) && p.parent.expression === p) {
    settledUses(p.parent, forms, out);
  }
  if (ts.isNewExpression(p) && p.arguments?.includes(id)) out.escapes ||= wrapperEscapes(p, body);
  if (ts.isShorthandPropertyAssignment(p)) out.escapes ||= storedOrReturned(p.parent, body);
  // `return (s)`, `this.conn = tlscon as IrcConnection`: parentheses and type assertions hand on the same value.
  let value: ts.Expression = id;
  while (ts.isParenthesizedExpression(value.parent) || ts.isAsExpression(value.parent) || ts.isNonNullExpression(value.parent) ||
    ts.isSatisfiesExpression(value.parent) || ts.isTypeAssertionExpression(value.parent)) value = value.parent;
  const v = value.parent;
  if (ts.isPropertyAssignment(v) && v.initializer === value) out.escapes ||= storedOrReturned(v.parent, body);
  if (ts.isArrayLiteralExpression(v)) out.escapes ||= storedOrReturned(v, body);
  if (ts.isReturnStatement(v) || ts.isYieldExpression(v) || (ts.isArrowFunction(v) && v.body === value)) out.escapes = true;
  if (ts.isBinaryExpression(v) && v.right === value && v.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = v.left;
    const holder = ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left) ? skipOuter(left.expression, Outer.Parens) : undefined;
    // `wrapper.socket = socket; return wrapper`: the object that holds it is handed back.
    if (holder && ts.isIdentifier(holder) && isReturnedLocal(holder, body)) out.escapes = true;
    else if (ts.isPropertyAccessExpression(left)) out.storedOn.push({ member: left.name.text, text: left.getText(), at: v });
    else if (ts.isElementAccessExpression(left) && ts.isStringLiteral(left.argumentExpression)) out.storedOn.push({ member: left.argumentExpression.text, text: left.getText(), at: v });
    else out.escapes = true;
  }
  // Captured by a function that is itself handed back (`return { query: (q) => pool.query(q) }`).
  if (capturedByEscapingFunction(id, body)) out.escapes = true;
  if (inShutdownHandler(id, body)) out.onShutdown = true;
}

/**
 * `connecting.then((conn) => { …; resolve(conn) })` (feathers-sync's NATS adapter, check 53): the
 * callback's first parameter is the resource the promise settles to, so its uses there count:
 * handed on, stored or released (later, in a callback).
 */
function settledUses(then: ts.CallExpression, forms: ReleaseForms, out: ResourceUses): void {
  const cb = then.arguments[0];
  if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) || !cb.parameters[0] || !ts.isIdentifier(cb.parameters[0].name)) return;
  const inner = resourceUses(cb.body, cb.parameters[0].name.text, cb.parameters[0], forms);
  out.escapes ||= inner.escapes;
  out.onShutdown ||= inner.onShutdown;
  out.storedOn.push(...inner.storedOn);
  out.handedTo.push(...inner.handedTo);
  out.releases.push(...inner.releases.map((r) => ({ ...r, inFinally: false, deferred: true })));
}

/** A storing call's name: `register`, `set`, `push`, or a setter (`setPool`). */
function isStoringCall(call: ts.CallExpression): boolean {
  const fn = calleeName(call.expression);
  return fn !== undefined && (STORING_METHODS.has(fn) || SETTER.test(fn));
}

/** Calls that turn a value into a string or number: what they return holds nothing of it. */
const CONVERSIONS = new Set(['String', 'Number', 'Boolean', 'stringify', 'inspect', 'format']);

/**
 * `container.register({ eventBusRedisConnection: asValue(connection) })` (awilix, medusa's loaders,
 * check 48): the value made from the resource by a wrapping call, inside object or array literals,
 * is an argument of a call that stores what it is given, so the resource goes with it.
 */
function wrappedIntoStoringCall(wrapper: ts.CallExpression): boolean {
  // Only a wrapper of the resource alone (`asValue(conn)`); `format(conn, rows)` makes something else.
  if (wrapper.arguments.length !== 1 || CONVERSIONS.has(calleeName(wrapper.expression) ?? '')) return false;
  let e: ts.Node = wrapper;
  for (;;) {
    const p: ts.Node = e.parent;
    if (ts.isParenthesizedExpression(p) || ts.isObjectLiteralExpression(p) || ts.isArrayLiteralExpression(p) || (ts.isPropertyAssignment(p) && p.initializer === e)) {
      e = p;
      continue;
    }
    if (!ts.isCallExpression(p) || !p.arguments.includes(e as ts.Expression)) return false;
    if (e !== wrapper && isStoringCall(p)) return true;
    // Through another wrapper of that one value alone: `register({ x: asValue(freeze(conn)) })`.
    if (p.arguments.length !== 1) return false;
    e = p;
  }
}

/** The member a decorator call names for `value`: the string literal argument just before it. */
function decoratedMember(call: ts.CallExpression, value: ts.Identifier): string | undefined {
  const i = call.arguments.indexOf(value);
  const name = i > 0 ? call.arguments[i - 1] : undefined;
  return name && ts.isStringLiteralLike(name) ? name.text : undefined;
}

/** A value returned, stored on an object, or held in a local that is itself returned or stored. */
function handedOn(value: ts.Expression, body: ts.Node): boolean {
  if (returnsValueOf(value, body)) return true;
  let e: ts.Node = value;
  while (ts.isAwaitExpression(e.parent) || ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (ts.isBinaryExpression(p) && p.right === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return ts.isPropertyAccessExpression(p.left) || ts.isElementAccessExpression(p.left);
  }
  if (ts.isVariableDeclaration(p) && p.initializer === e && ts.isIdentifier(p.name)) {
    const held = resourceUses(body, p.name.text, p, { methods: new Set(), takers: new Set() });
    return held.escapes || held.storedOn.length > 0;
  }
  return false;
}

/** `x.listen(…)` or `x.listen.apply(x, args)`: the call a returns-this method makes. */
function chainedCall(access: ts.PropertyAccessExpression): ts.Expression | undefined {
  const p = access.parent;
  if (ts.isCallExpression(p) && p.expression === access) return p;
  if (ts.isPropertyAccessExpression(p) && (p.name.text === 'apply' || p.name.text === 'call') && ts.isCallExpression(p.parent) && p.parent.expression === p) return p.parent;
  return undefined;
}

/** The value of `e` (through further returns-this calls) is returned from the function. */
function returnsValueOf(e: ts.Expression | undefined, body: ts.Node): boolean {
  while (e && e !== body) {
    const p: ts.Node = e.parent;
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === e)) return true;
    if (ts.isParenthesizedExpression(p) || ts.isAwaitExpression(p)) {
      e = p;
      continue;
    }
    if (ts.isPropertyAccessExpression(p) && p.expression === e && RETURNS_THIS.has(p.name.text)) {
      e = chainedCall(p);
      continue;
    }
    return false;
  }
  return false;
}

/** `this.end()`, `this.destroy()` in a listener function (nested functions aside). */
function thisReleases(fn: ts.FunctionExpression, forms: ReleaseForms): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (n !== fn && (ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n) || ts.isClassLike(n) || ts.isMethodDeclaration(n))) return SKIP;
    if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword && forms.methods.has(n.name.text)) {
      out.push(ts.isCallExpression(n.parent) && n.parent.expression === n ? n.parent : n);
    }
  };
  walkTree(fn, visit);
  return out;
}

function isParameterOfEnclosing(id: ts.Identifier): boolean {
  const decl = findDeclaration(id.text, id);
  return decl !== undefined && ts.isParameter(decl);
}

/** A binding declared in this function body that some `return` hands back. */
function isReturnedLocal(id: ts.Identifier, body: ts.Node): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !isInside(decl, body)) return false;
  const visit = (n: ts.Node): boolean => {
    if (n !== body && ts.isFunctionLike(n)) return false;
    if (ts.isReturnStatement(n) && n.expression && ts.isIdentifier(skipOuter(n.expression, Outer.Parens)) &&
      (skipOuter(n.expression, Outer.Parens) as ts.Identifier).text === id.text) return true;
    return ts.forEachChild(n, (c) => visit(c) || undefined) ?? false;
  };
  return visit(body);
}

function isInside(node: ts.Node, ancestor: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** A reference inside a nested function that is returned, or is a member of a returned object literal. */
function capturedByEscapingFunction(id: ts.Identifier, body: ts.Node): boolean {
  for (let n: ts.Node = id; n !== body && n.parent; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const fn = n;
    let e: ts.Node = fn;
    while (ts.isParenthesizedExpression(e.parent) || ts.isPropertyAssignment(e.parent) || ts.isObjectLiteralExpression(e.parent)) e = e.parent;
    if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent)) {
      e = fn.parent;
      while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
    }
    const p = e.parent;
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === e && p !== fn)) return true;
    // A callback an object keeps (`new RedisStore({ sendCommand: (...a) => client.sendCommand(a) })`,
    // `store.connect = async () => client.connect()`): the resource lives as long as that object.
    if (e !== fn && (ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(e as ts.Expression) && wrapperEscapes(p, body)) return true;
    if (ts.isBinaryExpression(p) && p.right === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      (ts.isPropertyAccessExpression(p.left) || ts.isElementAccessExpression(p.left))) return true;
  }
  return false;
}

/** An object or array literal holding the resource that is itself returned or assigned. */
function storedOrReturned(literal: ts.Node, body: ts.Node): boolean {
  let e: ts.Node = literal;
  while (e !== body && (ts.isObjectLiteralExpression(e.parent) || ts.isArrayLiteralExpression(e.parent) ||
    ts.isPropertyAssignment(e.parent) || ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent))) e = e.parent;
  const p = e.parent;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(e as ts.Expression)) return wrapperEscapes(p, body);
  return ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === e) || ts.isCallExpression(p) || ts.isNewExpression(p) ||
    (ts.isBinaryExpression(p) && p.right === e) || (ts.isVariableDeclaration(p) && p.initializer === e);
}

/**
 * Handed to a call or constructor that wraps it (`new Reloader(watcher)`, `drizzle({ client })`):
 * owned by the wrapper, unless the wrapper is a local of this function that is itself dropped
 * at the end of the call (not returned, stored or passed on).
 */
function wrapperEscapes(call: ts.CallExpression | ts.NewExpression, body: ts.Node): boolean {
  let e: ts.Node = call;
  while (ts.isAwaitExpression(e.parent) || ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (!ts.isVariableDeclaration(p) || p.initializer !== e || !ts.isIdentifier(p.name)) return true;
  const wrapper = resourceUses(body, p.name.text, p, { methods: new Set(), takers: new Set() });
  return wrapper.escapes || wrapper.storedOn.length > 0 || wrapper.onShutdown;
}

function addRelease(node: ts.Node, body: ts.Node, out: ResourceUses, forms: ReleaseForms): void {
  let inFinally = false;
  let deferred = false;
  let statement: ts.Statement | undefined;
  let fn: ts.Node = body;
  for (let n: ts.Node = node; n !== body && n.parent; n = n.parent) {
    if (!statement && ts.isExpressionStatement(n.parent)) statement = n.parent;
    if (ts.isAwaitExpression(n.parent) || ts.isVoidExpression(n.parent)) continue;
    if (ts.isTryStatement(n.parent) && n.parent.finallyBlock === n) inFinally = true;
    if (ts.isFunctionLike(n.parent)) {
      if (!deferred) fn = n.parent;
      deferred = true;
    }
  }
  const afterExit = !inFinally && exitsBefore(fn, node, forms.absentWhen);
  out.releases.push({ statement: statement ?? (node as ts.Statement), node, inFinally: inFinally && !deferred, deferred, afterExit });
}

/**
 * A `throw`, or a `return` that does not release first, before `node` in `fn` (nested functions
 * aside), unless it leaves only where nothing is held (exit-guards.ts).
 */
function exitsBefore(fn: ts.Node, node: ts.Node, absentWhen: ts.Node | undefined): boolean {
  const pos = node.getStart();
  const body = ts.isFunctionLike(fn) ? (fn as ts.FunctionLikeDeclaration).body : fn;
  if (!body) return false;
  const release = releaseText(node);
  const visit = (n: ts.Node): boolean => {
    if (n.pos >= pos) return false;
    if (n !== body && ts.isFunctionLike(n)) return false;
    if (ts.isThrowStatement(n) && n.end <= pos && !skipsNoRelease(n, absentWhen)) return true;
    if (ts.isReturnStatement(n) && n.end <= pos && !releasesFirst(n, release) && !skipsNoRelease(n, absentWhen)) return true;
    return ts.forEachChild(n, (c) => visit(c) || undefined) ?? false;
  };
  return visit(body);
}

/** `conn.release` for `conn.release()`, `clearInterval` for `clearInterval(t)`: how the release is written. */
function releaseText(node: ts.Node): string {
  return ts.isCallExpression(node) ? node.expression.getText() : node.getText();
}

/** The `return` releases on its own path: the same release is written before it in its block, or in it. */
function releasesFirst(ret: ts.ReturnStatement, release: string): boolean {
  const mentions = (n: ts.Node): boolean => ts.isCallExpression(n) && n.expression.getText() === release || (ts.forEachChild(n, (c) => mentions(c) || undefined) ?? false);
  if (ret.expression && mentions(ret.expression)) return true;
  const block = ret.parent;
  if (!ts.isBlock(block)) return false;
  return block.statements.slice(0, block.statements.indexOf(ret)).some(mentions);
}

/** Inside a handler passed to `process.on('SIGTERM', …)` or the shim's `onShutdown(…)`. */
export function inShutdownHandler(node: ts.Node, stop?: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n && n !== stop; n = n.parent) {
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isCallExpression(n.parent) && isShutdownRegistration(n.parent)) return true;
  }
  return false;
}

/** `process.on|once('SIGTERM' | 'SIGINT' | 'beforeExit', fn)` or `onShutdown(fn)`. */
export function isShutdownRegistration(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text === SHIM_SHUTDOWN;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  if (callee.name.text === SHIM_SHUTDOWN) return true;
  const event = call.arguments[0];
  return ts.isIdentifier(callee.expression) && callee.expression.text === 'process' &&
    ['on', 'once', 'addListener', 'prependListener'].includes(callee.name.text) &&
    event !== undefined && ts.isStringLiteralLike(event) && SHUTDOWN_EVENTS.includes(event.text);
}

/** `{ end: false }` as `pipe`'s options: the destination stays open when the source ends. */
function endsNotWithSource(options: ts.Expression | undefined): boolean {
  return options !== undefined && ts.isObjectLiteralExpression(options) &&
    options.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'end' && p.initializer.kind === ts.SyntaxKind.FalseKeyword);
}
