// A connect bounded by its caller's retry interval (blynk-library, check 44):
//   this.connect = function (done) {                 // the transport, one file
//     if (self.sock) self.disconnect();              // destroy()s the pending socket
//     self.sock = tls.connect(opts, () => done());
//   };
//   self.timerConn = setInterval(doConnect, 10000);  // the owner, maybe another file: doConnect calls
//   …clearInterval(self.timerConn)                   // `self.conn.connect(…)`; cleared once logged in
// Each call first destroys the socket the previous one left, and the interval calls it again until
// the caller clears it: a stalled connect is abandoned within one interval. Two halves meet through
// a project fact named for the method: where an interval is armed, the methods its callback calls;
// where the connect is made, the method it is made in, when that method first destroys the holder.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { enclosingFunction, isFunctionBoundary, memberName, unwrap } from '../shared/ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Methods that end a pending socket. */
const ENDING_METHODS = new Set(['destroy', 'end', 'resetAndDestroy']);
/** The longest retry interval that counts as a bound: beyond a minute, the wait is no budget anyone keeps. */
const MAX_INTERVAL_MS = 60_000;

/**
 * The method a connect is made in (`connect` for `this.connect = function () { … self.sock = tls.connect(…) }`),
 * when that method, before the connect, destroys what the holder kept: directly (`self.sock.destroy()`)
 * or through a method of the same object that does (`self.disconnect()`).
 */
export function replacingConnectMethod(node: ts.Expression): string | undefined {
  let e: ts.Node = node;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (!ts.isBinaryExpression(p) || p.right !== e || p.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const left = unwrap(p.left);
  if (!ts.isPropertyAccessExpression(left) || !ownObject(left.expression)) return undefined;
  const member = left.name.text;
  // `sock.connect(opts, function () { self.sock = tls.connect(…) })`: through callbacks, to the method.
  let fn = enclosingFunction(node);
  while (fn && !methodName(fn) && (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) && ts.isCallExpression(fn.parent)) fn = enclosingFunction(fn);
  const name = fn && methodName(fn);
  if (!fn || !name || !('body' in fn) || !fn.body) return undefined;
  let destroysFirst = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (destroysFirst || n.pos >= p.pos) return SKIP;
    if (n !== fn && isFunctionBoundary(n)) return SKIP;
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !ownObject(n.expression.expression)) return undefined;
    if (sameObjectMethodEnds(fn, n.expression.name.text, member)) destroysFirst = true;
    return undefined;
  };
  walkTree(fn.body, visit);
  // `self.sock.destroy()` written out in the method itself.
  if (!destroysFirst) destroysFirst = endsMember(fn.body, member, p.pos);
  return destroysFirst ? name : undefined;
}

/**
 * The methods an interval's callback calls directly (`setInterval(doConnect, 10000)` where
 * `doConnect` calls `self.conn.connect(…)`), when the interval retries: its handle is kept and
 * cleared somewhere in the file, and it fires at least once a minute.
 */
export function retriedMethods(call: ts.CallExpression): string[] {
  const callee = unwrap(call.expression);
  if (!ts.isIdentifier(callee) || callee.text !== 'setInterval' || findDeclaration('setInterval', callee) || call.arguments.length < 2) return [];
  const ms = unwrap(call.arguments[1]);
  if (!ts.isNumericLiteral(ms) || Number(ms.text) > MAX_INTERVAL_MS) return [];
  const holder = keptIn(call);
  if (!holder || !clearedInFile(call.getSourceFile(), holder)) return [];
  const body = callbackBody(call.arguments[0]);
  if (!body) return [];
  const names: string[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (n !== body && isFunctionBoundary(n)) return SKIP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) names.push(n.expression.name.text);
    return undefined;
  };
  walkTree(body, visit);
  return [...new Set(names)];
}

/** `this`, or a `self`/`that` alias of it. */
function ownObject(e: ts.Expression): boolean {
  const x = unwrap(e);
  if (x.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (!ts.isIdentifier(x)) return false;
  const decl = findDeclaration(x.text, x);
  return decl !== undefined && ts.isVariableDeclaration(decl) && decl.initializer !== undefined && unwrap(decl.initializer).kind === ts.SyntaxKind.ThisKeyword;
}

/** `this.connect = function`, `X.prototype.connect = function`, a class method `connect() {}`, `{ connect: function }`. */
function methodName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isMethodDeclaration(fn)) return memberName(fn.name);
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return undefined;
  const p = fn.parent;
  if (ts.isPropertyAssignment(p)) return memberName(p.name);
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return undefined;
}

/** A method of the object `fn` belongs to, named `name`, that ends `member` (`this.disconnect = function () { self.sock.destroy() }`). */
function sameObjectMethodEnds(fn: ts.SignatureDeclaration, name: string, member: string): boolean {
  // The object's methods are written beside this one: in the constructor, the class, or the file for a prototype.
  let owner: ts.Node | undefined = fn.parent;
  while (owner && !ts.isFunctionLike(owner) && !ts.isClassLike(owner) && !ts.isSourceFile(owner)) owner = owner.parent;
  if (!owner) return false;
  let ends = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ends) return SKIP;
    const method = ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) ? n : undefined;
    if (method && method !== fn && methodName(method) === name && method.body && endsMember(method.body, member, Infinity)) ends = true;
    return undefined;
  };
  walkTree(owner, visit);
  return ends;
}

/** `self.sock.destroy()` (on the object's own member) before position `before`, outside nested functions. */
function endsMember(body: ts.Node, member: string, before: number): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || n.pos >= before) return SKIP;
    if (n !== body && isFunctionBoundary(n)) return SKIP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ENDING_METHODS.has(n.expression.name.text)) {
      const target = unwrap(n.expression.expression);
      if (ts.isPropertyAccessExpression(target) && target.name.text === member && ownObject(target.expression)) found = true;
    }
    return undefined;
  };
  walkTree(body, visit);
  return found;
}

/** What the interval's handle is kept in: `self.timerConn`, `timer`. */
function keptIn(call: ts.CallExpression): string | undefined {
  let e: ts.Node = call;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === e) {
    const left = unwrap(p.left);
    return ts.isPropertyAccessExpression(left) ? left.name.text : ts.isIdentifier(left) ? left.text : undefined;
  }
  return undefined;
}

/** `clearInterval(self.timerConn)` somewhere in the file. */
function clearedInFile(sf: ts.SourceFile, holder: string): boolean {
  let found = false;
  walkTree(sf, (n): WalkAnswer => {
    if (found) return SKIP;
    if (!ts.isCallExpression(n) || !ts.isIdentifier(n.expression) || n.expression.text !== 'clearInterval' || !n.arguments[0]) return undefined;
    const a = unwrap(n.arguments[0]);
    const name = ts.isPropertyAccessExpression(a) ? a.name.text : ts.isIdentifier(a) ? a.text : undefined;
    if (name === holder) found = true;
    return undefined;
  });
  return found;
}

/** The body of the interval's callback: written in place, or a function of the file it names. */
function callbackBody(arg: ts.Expression): ts.Node | undefined {
  const e = unwrap(arg);
  if (ts.isFunctionExpression(e) || ts.isArrowFunction(e)) return e.body;
  if (!ts.isIdentifier(e)) return undefined;
  const decl = findDeclaration(e.text, e);
  if (decl && ts.isFunctionDeclaration(decl)) return decl.body;
  if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
    const init = unwrap(decl.initializer);
    if (ts.isFunctionExpression(init) || ts.isArrowFunction(init)) return init.body;
  }
  return undefined;
}
