// A connect bounded by code next to it rather than at the call: the socket is handed at once to a
// function of the file that arms its timeout (`this._onSocketCreate(options, socket)` calling
// `socket.setTimeout(ms)`), or it is kept on the object (`this.conn = net.connect(…)`) and a
// timer of the object destroys it (`retimer(handleTimeout, ms)` whose handler reaches
// `this.conn.destroy()`). Either way, the wait ends when the timer fires.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { enclosingFunction, unwrap } from '../shared/ast';
import { functionOf } from '../shared/shutdown-handlers';
import { localFunction } from './timer-destroys';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Timer calls whose first argument is the callback: Node's, and `retimer`'s resettable one. */
const TIMER_CALLS = new Set(['setTimeout', 'setInterval', 'retimer']);
const ENDING_METHODS = new Set(['destroy', 'end', 'resetAndDestroy']);

/** What the connect's result is stored in: `socket`, `this.conn`, or both (`socket = this.socket = net.connect(…)`). */
export function holdersOf(node: ts.Expression): string[] {
  const out: string[] = [];
  let e: ts.Node = listenerChainEnd(node);
  for (;;) {
    const p: ts.Node = e.parent;
    if (ts.isAwaitExpression(p) || ts.isParenthesizedExpression(p) || (ts.isConditionalExpression(p) && p.condition !== e)) {
      e = p;
      continue;
    }
    if (ts.isVariableDeclaration(p) && p.initializer === e && ts.isIdentifier(p.name)) out.push(p.name.text);
    else if (ts.isBinaryExpression(p) && p.right === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrap(p.left);
      if (ts.isIdentifier(left) || isThisMember(left)) out.push(left.getText());
      e = p;
      continue;
    }
    return out;
  }
}

/** Emitter methods that register a listener; each hands the emitter back (`req.on('error', cb)` is `req`). */
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/**
 * The outermost expression that is still the call's own result: `http.get(opts, cb).on('error',
 * onError)` stores the request in `var req = …` as surely as `http.get(opts, cb)` alone would.
 */
export function listenerChainEnd(node: ts.Expression): ts.Expression {
  let e: ts.Expression = node;
  while (ts.isPropertyAccessExpression(e.parent) && e.parent.expression === e && LISTENER_METHODS.has(e.parent.name.text) &&
    ts.isCallExpression(e.parent.parent) && e.parent.parent.expression === e.parent) e = e.parent.parent;
  return e;
}

/** The result is passed, in the connecting function, to a function of the file that calls `.setTimeout()` (a bounding method) on that parameter. */
export function handedToBoundingFunction(node: ts.Expression, holders: readonly string[], boundingMethods: ReadonlySet<string>): boolean {
  const scope = enclosingFunction(node);
  if (!scope || !holders.length) return false;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && n !== node) {
      const i = n.arguments.findIndex((a) => holders.includes(unwrap(a).getText()));
      const fn = i >= 0 ? functionOf(n.expression) : undefined;
      const param = fn?.parameters[i];
      if (fn?.body && param && ts.isIdentifier(param.name) && callsOn(fn.body, param.name.text, boundingMethods)) {
        found = true;
        return SKIP;
      }
    }
  };
  walkTree(scope, visit);
  return found;
}

/** A timer callback in the file reaches `this.<member>.destroy()`, directly or through the object's methods (two calls deep). */
export function memberEndedByTimer(node: ts.Node, holders: readonly string[]): boolean {
  const members = holders.filter((h) => h.startsWith('this.'));
  if (!members.length) return false;
  const sf = node.getSourceFile();
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && TIMER_CALLS.has(n.expression.text) && n.arguments.length >= 1) {
      const cb = callbackOf(n.arguments[0]);
      if (cb?.body && endsMember(cb.body, members, sf, 0)) {
        found = true;
        return SKIP;
      }
    }
  };
  walkTree(sf, visit);
  return found;
}

function callbackOf(arg: ts.Expression): ts.FunctionLikeDeclaration | undefined {
  const e = unwrap(arg);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    return decl && localFunction(decl);
  }
  return functionOf(e);
}

function endsMember(body: ts.Node, members: readonly string[], sf: ts.SourceFile, depth: number): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const target = unwrap(n.expression.expression);
      if (ENDING_METHODS.has(n.expression.name.text) && members.includes(target.getText())) {
        found = true;
        return SKIP;
      }
      // `this._destroyConnection()`: a method of the object, as a class member or on its prototype.
      if (depth < 2 && target.kind === ts.SyntaxKind.ThisKeyword) {
        for (const fn of objectMethods(sf, n.expression.name.text)) {
          if (fn.body && endsMember(fn.body, members, sf, depth + 1)) {
            found = true;
            return SKIP;
          }
        }
      }
    }
  };
  walkTree(body, visit);
  return found;
}

/** Methods called `name` in the file: class members, and `X.prototype.name = function …`. */
function objectMethods(sf: ts.SourceFile, name: string): ts.FunctionLikeDeclaration[] {
  const out: ts.FunctionLikeDeclaration[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isMethodDeclaration(n) && (ts.isIdentifier(n.name) || ts.isPrivateIdentifier(n.name)) && n.name.text === name) out.push(n);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) &&
      n.left.name.text === name && ts.isPropertyAccessExpression(n.left.expression) && n.left.expression.name.text === 'prototype') {
      const fn = unwrap(n.right);
      if (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) out.push(fn);
    }
  };
  walkTree(sf, visit);
  return out;
}

/** `name.setTimeout(…)` somewhere in the body (not in a nested function that shadows it). */
/**
 * `this.stream = socket; … this.stream.setTimeout(ms)`: a socket bounded through the member of
 * the object that holds it, in any method of the file.
 */
export function boundThroughMember(socket: ts.Identifier, boundingMethods: ReadonlySet<string>): boolean {
  const scope = enclosingFunction(socket);
  if (!scope) return false;
  const members = new Set<string>();
  const collect = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && isThisMember(unwrap(n.left)) &&
      ts.isIdentifier(unwrap(n.right)) && (unwrap(n.right) as ts.Identifier).text === socket.text) members.add((unwrap(n.left) as ts.PropertyAccessExpression).name.text);
    ts.forEachChild(n, collect);
  };
  collect(scope);
  if (!members.size) return false;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && boundingMethods.has(n.expression.name.text)) {
      const target = unwrap(n.expression.expression);
      if (isThisMember(target) && members.has((target as ts.PropertyAccessExpression).name.text)) {
        found = true;
        return SKIP;
      }
    }
  };
  walkTree(socket.getSourceFile(), visit);
  return found;
}

function callsOn(body: ts.Node, name: string, methods: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && methods.has(n.expression.name.text) &&
      ts.isIdentifier(unwrap(n.expression.expression)) && (unwrap(n.expression.expression) as ts.Identifier).text === name) {
      found = true;
      return SKIP;
    }
  };
  walkTree(body, visit);
  return found;
}

function isThisMember(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword;
}

/** Events that say the peer on the other side of a proxy is gone. */
const PEER_GONE_EVENTS = new Set(['close', 'end', 'aborted']);

/**
 * A proxy's outbound call lives as long as the inbound one: the connecting function listens for
 * `'close'` on the request, response or socket it was handed (a parameter) and ends the outbound
 * call there (`response.on('close', () => client.destroy())`, a WebSocket relay's
 * `ws.on('close', () => destWs.close())`, micro-proxy). The client's own timeout, and the
 * server's, bound the pair.
 */
export function endedWithPeer(node: ts.Expression, holders: readonly string[], endedBy: readonly string[] = [], peerOfScope = false): boolean {
  const scope = enclosingFunction(node);
  if (!scope || !holders.length) return false;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && LISTENER_METHODS.has(n.expression.name.text) &&
      n.arguments.length >= 2 && ts.isStringLiteralLike(n.arguments[0]) && PEER_GONE_EVENTS.has(n.arguments[0].text)) {
      const peer = unwrap(n.expression.expression);
      const cb = unwrap(n.arguments[1]);
      if (ts.isIdentifier(peer) && !holders.includes(peer.text) && isHandedIn(peer) && (!peerOfScope || handedTo(peer, scope)) &&
        (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && endsAny(cb.body, holders, endedBy)) {
        found = true;
        return SKIP;
      }
    }
  };
  walkTree(scope, visit);
  return found;
}

/** A parameter of an enclosing function, or a name destructured from one: `({ request, sourceSocket }) => …`. */
function isHandedIn(id: ts.Identifier): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl) return false;
  let n: ts.Node = decl;
  while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) n = n.parent;
  return ts.isParameter(n);
}

/** `endedBy`: the library's own methods that abort a pending connect (ws' `close()`, `terminate()`). */
/**
 * The peer is a parameter of the connecting function itself (or of one around it), not of a
 * listener inside it: `(request, response)` of the socket's own 'unexpected-response' is no inbound side.
 */
function handedTo(id: ts.Identifier, scope: ts.Node): boolean {
  let n: ts.Node | undefined = findDeclaration(id.text, id);
  while (n && !ts.isFunctionLike(n)) n = n.parent;
  return n !== undefined && isWithinNode(scope, n);
}

function isWithinNode(node: ts.Node, ancestor: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

function endsAny(body: ts.Node, holders: readonly string[], endedBy: readonly string[]): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) &&
      (ENDING_METHODS.has(n.expression.name.text) || n.expression.name.text === 'abort' || endedBy.includes(n.expression.name.text)) &&
      holders.includes(unwrap(n.expression.expression).getText())) {
      found = true;
      return SKIP;
    }
  };
  walkTree(body, visit);
  return found;
}

/**
 * `const socket = net.connect(port, host, () => { socket.write(data); socket.end(); })`: once
 * connected it sends and closes, waiting for no answer. Only the connect itself waits, and the
 * kernel gives that up (about two minutes of SYN retries on Linux).
 */
export function closesOnConnect(call: ts.CallExpression, holders: readonly string[]): boolean {
  const cb = call.arguments.find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a)) as ts.ArrowFunction | ts.FunctionExpression | undefined;
  if (!cb) return false;
  const self = ts.isFunctionExpression(cb) ? ['this', ...holders] : holders;
  const visit = (n: ts.Node): boolean => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ENDING_METHODS.has(n.expression.name.text) &&
      self.includes(unwrap(n.expression.expression).getText())) return true;
    if (n !== cb && ts.isFunctionLike(n)) return false;
    return ts.forEachChild(n, visit) ?? false;
  };
  return visit(cb.body);
}
