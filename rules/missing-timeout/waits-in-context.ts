// Waits that the code around them already ends or keeps short: an event the function forces by
// closing what it waits on, and a socket to this machine.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { enclosingFunction, propertyKey, unwrap } from '../shared/ast';
import { spreadKeyNames } from './literal-returns';
import { cannotBeOptions, isCallbackName } from './call-options';

/** Releases that make the awaited emitter (or its owner) emit its last events: `close`, `end`, `exit`. */
const FORCING_RELEASES = new Set(['close', 'destroy', 'end', 'terminate', 'disconnect', 'kill', 'abort', 'quit']);
/** Timers whose callback runs later in the same wait: a destroy there bounds it. */
const TIMER_CALLS = new Set(['setTimeout', 'setImmediate']);

/**
 * `events.once(e, name)` after the same function has closed or destroyed something, directly or
 * in a timer it set (`setTimeout(() => { for (const s of sockets) s.destroy() }, 5000)`): the
 * awaited event is one the function forces, so the wait ends.
 */
export function forcedByEarlierRelease(call: ts.CallExpression): boolean {
  if (!awaitsTheEnd(call)) return false;
  const body = functionBody(enclosingFunction(call));
  if (!body) return false;
  const before = call.getStart();
  let found = false;
  const visit = (n: ts.Node, inTimer: boolean): void => {
    if (found || n.pos >= before) return;
    if (ts.isFunctionLike(n) && !inTimer) return;
    if (ts.isCallExpression(n)) {
      const callee = unwrap(n.expression);
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
      if (name && FORCING_RELEASES.has(name) && ts.isPropertyAccessExpression(callee)) {
        found = true;
        return;
      }
      if (name && TIMER_CALLS.has(name) && n.arguments[0] && ts.isFunctionLike(unwrap(n.arguments[0]))) {
        const timerBody = functionBody(unwrap(n.arguments[0]) as ts.SignatureDeclaration);
        if (timerBody) visit(timerBody, true);
        for (const a of n.arguments.slice(1)) visit(a, inTimer);
        return;
      }
    }
    ts.forEachChild(n, (c) => visit(c, inTimer));
  };
  ts.forEachChild(body, (c) => visit(c, false));
  return found;
}

/**
 * `once(workerInfo.worker, 'exit')` in a block whose other statements end what it waits on:
 * `worker.terminate()`, the holder's `workerInfo.destroy()`, or a method of this class handed
 * either that does so (`this._removeWorker(workerInfo)` whose body calls `workerInfo.destroy()`),
 * before or after the wait is taken. The end event is the code's own doing, so the wait ends
 * (piscina's `destroy()`, check 29). Nothing ending it in the block: the wait stays reported.
 */
export function endedBesideWait(call: ts.CallExpression): boolean {
  const name = call.arguments[1] && unwrap(call.arguments[1]);
  if (!name || !ts.isStringLiteralLike(name) || !TERMINAL_EVENTS.has(name.text)) return false;
  const emitter = call.arguments[0] && unwrap(call.arguments[0]);
  if (!emitter) return false;
  // What ends it: the emitter itself, or the object holding it (`workerInfo` of `workerInfo.worker`).
  const targets = [emitter.getText()];
  if (ts.isPropertyAccessExpression(emitter)) targets.push(unwrap(emitter.expression).getText());
  const at = statementInBlock(call);
  return at !== undefined && at.block.statements.some((s) => endsAnyOf(s, targets, 0));
}

/**
 * Events that answer a local action of the code itself, and that action: a server told to
 * `listen(port)` emits 'listening' once the port is bound, or 'error' (which rejects
 * `events.once`), with no peer involved.
 */
const LOCAL_OUTCOME_EVENTS = new Map([['listening', 'listen']]);

/**
 * `server.listen(port); await once(server, 'listening')`: the wait is for the outcome of a bind on
 * this machine that an earlier statement of the same block asked for (@atproto/bsync, check 34).
 * Without the `listen` call beside it (a server someone else starts) the wait stays reported.
 */
export function answersOwnAction(call: ts.CallExpression): boolean {
  const name = call.arguments[1] && unwrap(call.arguments[1]);
  const action = name && ts.isStringLiteralLike(name) ? LOCAL_OUTCOME_EVENTS.get(name.text) : undefined;
  const emitter = call.arguments[0] && unwrap(call.arguments[0]);
  if (!action || !emitter) return false;
  const at = statementInBlock(call);
  if (!at) return false;
  const target = emitter.getText();
  return at.block.statements.some((s) => s.end <= at.statement.pos && ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) &&
    ts.isPropertyAccessExpression(s.expression.expression) && s.expression.expression.name.text === action &&
    unwrap(s.expression.expression.expression).getText() === target);
}

/** The statement of the nearest block (or the file) that holds `call`, not crossing a function. */
function statementInBlock(call: ts.Node): { statement: ts.Node; block: ts.Block | ts.SourceFile } | undefined {
  let statement: ts.Node = call;
  while (statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent)) {
    if (ts.isFunctionLike(statement.parent)) return undefined;
    statement = statement.parent;
  }
  const block = statement.parent;
  return block && (ts.isBlock(block) || ts.isSourceFile(block)) ? { statement, block } : undefined;
}

/** How deep `this.method(x)` is followed into the class's methods. */
const MAX_METHOD_DEPTH = 2;

function endsAnyOf(root: ts.Node, targets: readonly string[], depth: number): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || (n !== root && ts.isFunctionLike(n))) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const receiver = unwrap(n.expression.expression);
      if (FORCING_RELEASES.has(n.expression.name.text) && targets.includes(receiver.getText())) {
        found = true;
        return;
      }
      if (receiver.kind === ts.SyntaxKind.ThisKeyword && depth < MAX_METHOD_DEPTH && methodEnds(n, n.expression.name.text, targets, depth)) {
        found = true;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(root);
  return found;
}

/** `this.m(…, x, …)` where `x` is a target and m, a method of the enclosing class, ends its parameter (or the object it holds). */
function methodEnds(call: ts.CallExpression, method: string, targets: readonly string[], depth: number): boolean {
  const index = call.arguments.findIndex((a) => targets.includes(unwrap(a).getText()));
  if (index < 0) return false;
  let cls: ts.Node | undefined = call.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls || !ts.isClassLike(cls)) return false;
  const m = cls.members.find((x): x is ts.MethodDeclaration => ts.isMethodDeclaration(x) && propertyKey(x.name) === method);
  const param = m?.parameters[index];
  if (!m?.body || !param || !ts.isIdentifier(param.name)) return false;
  const passed = unwrap(call.arguments[index]).getText();
  // The parameter stands for what was passed: `workerInfo` there, or `workerInfo.worker` if the holder was passed.
  const inside = targets.map((t) => (t === passed ? param.name.getText() : t.startsWith(`${passed}.`) ? `${param.name.getText()}${t.slice(passed.length)}` : undefined))
    .filter((t): t is string => t !== undefined);
  return endsAnyOf(m.body, inside, depth + 1);
}

/** Events a release makes the emitter send. */
const TERMINAL_EVENTS = new Set(['close', 'exit', 'end', 'finish', 'disconnect', 'closed', 'disconnected']);

/**
 * The wait is for the end of something: a terminal event (`once(child, 'exit')`), or any event
 * awaited until a collection empties (`while (sockets.size > 0) await once(tracker, 'updated')`).
 */
function awaitsTheEnd(call: ts.CallExpression): boolean {
  const name = call.arguments[1] && unwrap(call.arguments[1]);
  if (name && ts.isStringLiteralLike(name) && TERMINAL_EVENTS.has(name.text)) return true;
  for (let n: ts.Node = call; n.parent && !ts.isFunctionLike(n.parent); n = n.parent) {
    const p = n.parent;
    if ((ts.isWhileStatement(p) || ts.isDoStatement(p)) && p.statement === n && drainsCollection(p.expression)) return true;
  }
  return false;
}

/** `set.size > 0`, `list.length`, `map.size !== 0`. */
function drainsCollection(cond: ts.Expression): boolean {
  const c = unwrap(cond);
  const sized = (e: ts.Expression): boolean => {
    const x = unwrap(e);
    return ts.isPropertyAccessExpression(x) && (x.name.text === 'size' || x.name.text === 'length');
  };
  if (sized(c)) return true;
  return ts.isBinaryExpression(c) && (sized(c.left) || sized(c.right));
}

/** The body of a function-like node that has one. */
export function functionBody(fn: ts.SignatureDeclaration | undefined): ts.Node | undefined {
  return fn && 'body' in fn ? (fn.body as ts.Node | undefined) : undefined;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);
/** Options keys that say where a connection goes. */
const ADDRESS_KEYS: ReadonlySet<string> = new Set(['host', 'hostname', 'port', 'path', 'socket']);

/**
 * `net.connect({ host: 'localhost', port })`, `net.connect(port)` (host defaults to localhost),
 * `net.connect('/run/app.sock')`, `net.connect(socketPath)`, `{ path }`: a connection to this machine, refused or accepted at
 * once, whose life is that of the local process at the other end. A host variable whose default
 * is such a literal (`opt.local_host || 'localhost'`) counts too.
 */
export function connectsLocally(call: ts.CallExpression, options: ts.ObjectLiteralExpression | undefined): boolean {
  const [first, second] = call.arguments;
  if (options) {
    let host: ts.Expression | undefined;
    for (const p of options.properties) {
      const key = p.name && propertyKey(p.name);
      if (key === 'path') return true;
      if (key === 'host' || key === 'hostname') host = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
      // A spread may set the address, unless its keys are in view (`...certOptions()` building `{ cert, key, ca }`).
      if (ts.isSpreadAssignment(p) && (spreadKeyNames(p.expression)?.some((k) => ADDRESS_KEYS.has(k)) ?? true)) return false;
    }
    return host === undefined ? options.properties.some((p) => p.name && propertyKey(p.name) === 'port') : isLocalHost(host, new Set());
  }
  if (!first) return false;
  const f = unwrap(first);
  // `net.connect('/tmp/app.sock')`: an IPC path.
  if (ts.isStringLiteralLike(f) && !/^\d+$/.test(f.text)) return true;
  // `net.connect(socket_path, cbs.ready)`: a value named a path is an IPC path, never a port, so
  // what follows it is the connect listener whatever its name (naught's CLI to its own daemon).
  if (namesIpcPath(f)) return true;
  // One value that is no options object (`net.connect(socketPath)`, `net.connect(port)`): a string
  // is always an IPC path, a number a port on localhost.
  if (second === undefined || ts.isFunctionLike(unwrap(second)) || isCallbackName(second)) return ts.isNumericLiteral(f) || cannotBeOptions(f);
  return isLocalHost(second, new Set());
}

/** Names of a unix-domain socket or pipe: `socketPath`, `socket_path`, `opts.ipcPath`, `sockFile`. */
const IPC_PATH_NAME = /(path|sock(et)?_?file|ipc_?file)$/i;

function namesIpcPath(e: ts.Expression): boolean {
  const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
  return name !== undefined && IPC_PATH_NAME.test(name);
}

/** `http://localhost:4040`, `http://127.0.0.1:${port}/stop`: a URL on this machine. */
const LOOPBACK_URL = /^(?:https?|wss?):\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(?:[:/?#]|$)/i;
const URL_OPTIONS: ReadonlySet<string> = new Set(['url', 'baseURL', 'baseUrl', 'prefixUrl', 'uri']);

/**
 * A request to this machine: its URL names a loopback host (`http.get(\`http://127.0.0.1:${port}/stop\`)`,
 * `axios.create({ baseURL: 'http://localhost:4040' })`), or its options do (`{ hostname: 'localhost',
 * port }`). The server at the other end is the user's own (a CLI's daemon, a dev server behind a
 * tunnel, a local agent's API): it fails or answers as that process does, not as a network peer.
 */
export function requestsLoopback(call: ts.CallExpression | ts.NewExpression, options: ts.ObjectLiteralExpression | undefined): boolean {
  // A status check of the local service (`hb-service status`, a probe script) exists to fail when
  // that service is wedged; hanging with it is the failure it was written to catch.
  if (reportsFailureByExit(call)) return false;
  const first = call.arguments?.[0];
  if (first !== undefined && unwrap(first) !== options && isLoopbackUrl(first, new Set())) return true;
  if (!options) return false;
  for (const p of options.properties) {
    const key = p.name && propertyKey(p.name);
    if (key === undefined) continue;
    const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
    if (!value) continue;
    if ((key === 'host' || key === 'hostname') && isLocalHost(value, new Set())) return true;
    if (URL_OPTIONS.has(key) && isLoopbackUrl(value, new Set())) return true;
  }
  return false;
}

/**
 * The function around the request (its callbacks included), or the file when it runs at the top
 * level, ends the program with a failure status (`process.exit(1)`, `process.exit(ok ? 0 : 1)`):
 * the request's outcome is the program's verdict.
 */
function reportsFailureByExit(call: ts.Node): boolean {
  let scope: ts.Node = call;
  while (scope.parent && !ts.isFunctionLike(scope)) scope = scope.parent;
  const visit = (n: ts.Node): boolean => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'exit' &&
      ts.isIdentifier(n.expression.expression) && n.expression.expression.text === 'process') {
      const code = n.arguments[0] && unwrap(n.arguments[0]);
      if (code && !(ts.isNumericLiteral(code) && code.text === '0')) return true;
    }
    return ts.forEachChild(n, visit) ?? false;
  };
  return visit(scope);
}

/** A URL whose text, as far as it is written out (a literal, a template's head, the left end of `+`, a const), names a loopback host. */
function isLoopbackUrl(e: ts.Expression, seen: Set<ts.Node>): boolean {
  const v = unwrap(e);
  if (ts.isStringLiteralLike(v)) return LOOPBACK_URL.test(v.text);
  // `${REMOTE_HOST}:${port}` with `const REMOTE_HOST = 'http://127.0.0.1'`: the first part decides.
  if (ts.isTemplateExpression(v)) return v.head.text === '' ? isLoopbackUrl(v.templateSpans[0].expression, seen) : LOOPBACK_URL.test(v.head.text);
  if (ts.isBinaryExpression(v) && v.operatorToken.kind === ts.SyntaxKind.PlusToken) return isLoopbackUrl(v.left, seen);
  if (ts.isNewExpression(v) && ts.isIdentifier(v.expression) && v.expression.text === 'URL' && v.arguments?.length === 1) return isLoopbackUrl(v.arguments[0], seen);
  const init = constInitializer(v, seen);
  return init !== undefined && isLoopbackUrl(init, seen);
}

/** What a `const` name was initialised with, once per name (`seen` breaks cycles). */
function constInitializer(v: ts.Expression, seen: Set<ts.Node>): ts.Expression | undefined {
  if (!ts.isIdentifier(v) || seen.has(v)) return undefined;
  seen.add(v);
  const decl = findDeclaration(v.text, v);
  return decl && ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) ? decl.initializer : undefined;
}

/**
 * `http.get({ hostname: addr.address, port: addr.port })` with `addr = staticServer.address()`: a
 * request to a server of this very process, which answers as this process does — no remote peer.
 */
export function requestsOwnServer(options: ts.ObjectLiteralExpression | undefined): boolean {
  const value = (keys: string[]): ts.Expression | undefined => {
    const p = options?.properties.find((q) => q.name && keys.includes(propertyKey(q.name) ?? ''));
    return p && ts.isPropertyAssignment(p) ? p.initializer : undefined;
  };
  const host = value(['host', 'hostname']);
  if (host === undefined) return false;
  if (isOwnServerAddress(host, 'address')) return true;
  // `{ host: 'localhost', port: addr.port }`: this process's own port on this machine.
  const port = value(['port']);
  return port !== undefined && isOwnServerAddress(port, 'port') && isLocalHost(host, new Set());
}

/** `addr.address` (or `.port`) or `server.address().address`, `addr` bound to `<server>.address()`. */
function isOwnServerAddress(e: ts.Expression, field = 'address'): boolean {
  const v = unwrap(e);
  if (!ts.isPropertyAccessExpression(v) || v.name.text !== field) return false;
  let base = unwrap(v.expression);
  if (ts.isIdentifier(base)) {
    const decl = findDeclaration(base.text, base);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
    base = unwrap(decl.initializer);
  }
  return ts.isCallExpression(base) && base.arguments.length === 0 && ts.isPropertyAccessExpression(base.expression) && base.expression.name.text === 'address';
}

/** The value's name says it is this machine's: `local_host`, `opts.localHost`, `localAddress`. */
function namesLocal(e: ts.Expression): boolean {
  const v = unwrap(e);
  const name = ts.isIdentifier(v) ? v.text : ts.isPropertyAccessExpression(v) ? v.name.text : undefined;
  return name !== undefined && /local/i.test(name);
}

function isLocalHost(e: ts.Expression, seen: Set<ts.Node>): boolean {
  const v = unwrap(e);
  if (ts.isStringLiteralLike(v)) return LOCAL_HOSTS.has(v.text);
  if (isOwnServerAddress(v)) return true;
  // `opt.local_host || 'localhost'`: a host named local, this machine by default. A host the user
  // configures (`params.host || 'localhost'`) is this machine only until it is set: no local peer.
  if (ts.isBinaryExpression(v) && (v.operatorToken.kind === ts.SyntaxKind.BarBarToken || v.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    return namesLocal(v.left) && isLocalHost(v.right, seen);
  }
  const init = constInitializer(v, seen);
  return init !== undefined && isLocalHost(init, seen);
}
