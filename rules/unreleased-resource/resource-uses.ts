// How one local resource is used inside the function that made it: where it is released,
// whether that release is in a `finally`, and whether it escapes (returned, stored, handed to a
// constructor) so that someone else owns it. Walks that one function body, nothing more.
import { ts } from 'ts-morph';
import { SHIM_SHUTDOWN, SHUTDOWN_EVENTS } from '../../engine/knowledge';
import { findDeclaration } from '../../engine/scope';

export interface Release {
  /** The statement holding the release, when it is a plain statement (`client.release();`). */
  statement: ts.Statement;
  /** The release expression itself: `client.release()`, `clearInterval(timer)`. */
  node: ts.Node;
  inFinally: boolean;
  /** Inside a nested function (a callback, a shutdown handler): runs some other time. */
  deferred: boolean;
}

export interface ResourceUses {
  releases: Release[];
  /** Returned, stored in a collection, handed to a constructor: someone else owns it now. */
  escapes: boolean;
  /** Stored on an object (`this.server = server`): owned by that object, released through its member. */
  storedOn: { member: string; text: string }[];
  /** Released from a shutdown handler (`process.on('SIGTERM', …)`, `onShutdown(…)`). */
  onShutdown: boolean;
}

export interface ReleaseForms {
  /** Methods called on the resource: `client.release()`, `server.close()`, `timer.unref()`. */
  methods: ReadonlySet<string>;
  /** Functions that take the resource: `clearInterval(timer)`, and pool methods: `pool.release(conn)`. */
  takers: ReadonlySet<string>;
}

/** Methods that store an argument somewhere longer-lived than this call, or hand it to an owner (`R.setup(knex)`). */
const STORING_METHODS = new Set(['push', 'unshift', 'set', 'add', 'resolve', 'register', 'emit', 'setup', 'use', 'attach', 'adopt', 'manage', 'track']);
/** `setPool(pool)`, `setClient(client)`: a setter keeps what it is given. */
const SETTER = /^set[A-Z]/;

export function resourceUses(body: ts.Node, name: string, decl: ts.Node, forms: ReleaseForms): ResourceUses {
  const out: ResourceUses = { releases: [], escapes: false, storedOn: [], onShutdown: false };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && isReference(node) && findDeclaration(name, node) === decl) {
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
    addRelease(ts.isCallExpression(p.parent) && p.parent.expression === p ? p.parent : p, body, out);
    return;
  }
  // clearInterval(timer), pool.release(conn)
  if (ts.isCallExpression(p) && p.arguments.includes(id)) {
    const callee = p.expression;
    const fn = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (fn && forms.takers.has(fn)) {
      addRelease(p, body, out);
      return;
    }
    if (fn && (STORING_METHODS.has(fn) || SETTER.test(fn))) out.escapes = true;
  }
  if (ts.isNewExpression(p) && p.arguments?.includes(id)) out.escapes = true;
  if (ts.isShorthandPropertyAssignment(p)) out.escapes ||= storedOrReturned(p.parent, body);
  if (ts.isPropertyAssignment(p) && p.initializer === id) out.escapes ||= storedOrReturned(p.parent, body);
  if (ts.isArrayLiteralExpression(p)) out.escapes ||= storedOrReturned(p, body);
  if (ts.isReturnStatement(p) || ts.isYieldExpression(p) || (ts.isArrowFunction(p) && p.body === id)) out.escapes = true;
  if (ts.isBinaryExpression(p) && p.right === id && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = p.left;
    if (ts.isPropertyAccessExpression(left)) out.storedOn.push({ member: left.name.text, text: left.getText() });
    else if (ts.isElementAccessExpression(left) && ts.isStringLiteral(left.argumentExpression)) out.storedOn.push({ member: left.argumentExpression.text, text: left.getText() });
    else out.escapes = true;
  }
  if (inShutdownHandler(id, body)) out.onShutdown = true;
}

/** An object or array literal holding the resource that is itself returned or assigned. */
function storedOrReturned(literal: ts.Node, body: ts.Node): boolean {
  let e: ts.Node = literal;
  while (e !== body && (ts.isObjectLiteralExpression(e.parent) || ts.isArrayLiteralExpression(e.parent) ||
    ts.isPropertyAssignment(e.parent) || ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent))) e = e.parent;
  const p = e.parent;
  return ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === e) || ts.isCallExpression(p) || ts.isNewExpression(p) ||
    (ts.isBinaryExpression(p) && p.right === e) || (ts.isVariableDeclaration(p) && p.initializer === e);
}

function addRelease(node: ts.Node, body: ts.Node, out: ResourceUses): void {
  let inFinally = false;
  let deferred = false;
  let statement: ts.Statement | undefined;
  for (let n: ts.Node = node; n !== body && n.parent; n = n.parent) {
    if (!statement && ts.isExpressionStatement(n.parent)) statement = n.parent;
    if (ts.isAwaitExpression(n.parent) || ts.isVoidExpression(n.parent)) continue;
    if (ts.isTryStatement(n.parent) && n.parent.finallyBlock === n) inFinally = true;
    if (ts.isFunctionLike(n.parent)) deferred = true;
  }
  out.releases.push({ statement: statement ?? (node as ts.Statement), node, inFinally: inFinally && !deferred, deferred });
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
