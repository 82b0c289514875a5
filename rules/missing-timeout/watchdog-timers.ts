// A connect bounded by a watchdog timer: the function that opens the handle, or the method that
// calls the helper keeping it on the object, arms a timer whose callback ends that handle
//   connect() {
//     this.connectType1();                                  // this.websocket = new WebSocket(url)
//     this.initTimeout = setTimeout(() => this.websocket.close(), 30000);
// Ending a handle still connecting aborts the connect (ws' `close()`/`terminate()` abort the
// handshake), so the wait ends when the timer fires. A timer armed in a listener (a heartbeat
// started on 'open', a reconnect delay on 'close') runs after the connect is over: no bound of it.
import { ts } from 'ts-morph';
import { enclosingFunction, isFunctionBoundary, memberName, unwrap } from '../shared/ast';
import { callsAny } from './bound-callbacks';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

const TIMER_CALLS = new Set(['setTimeout']);
/** Methods that end any handle: a socket's, a request's. A library adds its own (ws' `close`, `terminate`). */
const ENDING_METHODS = ['destroy', 'end', 'abort', 'resetAndDestroy'];

/**
 * A watchdog ends what the call made (`holders`): a timer armed in the same function, or, when
 * the handle is kept on the object (`this.ws = …`) by a method, in every method that calls it.
 */
export function endedByWatchdog(node: ts.Node, holders: readonly string[], libraryEnding: readonly string[]): boolean {
  const scope = enclosingFunction(node);
  if (!scope || !holders.length) return false;
  const endings = (of: readonly string[]) => of.flatMap((h) => [...ENDING_METHODS, ...libraryEnding].map((m) => `${h}.${m}`));
  if (armsWatchdog(scope, endings(holders))) return true;
  const members = holders.filter((h) => h.startsWith('this.'));
  if (!members.length) return false;
  const callers = callersOnThis(scope);
  return callers.length > 0 && callers.every((c) => armsWatchdog(c, endings(members)));
}

/** A timer in the function's own body (not in a listener or other nested function) whose callback ends one of `ends`. */
function armsWatchdog(scope: ts.SignatureDeclaration, ends: readonly string[]): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && TIMER_CALLS.has(n.expression.text) && n.arguments.length >= 2) {
      const cb = unwrap(n.arguments[0]);
      if ((ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && callsAny(cb.body, ends)) {
        found = true;
        return SKIP;
      }
    }
    if (n !== scope && isFunctionBoundary(n)) return SKIP;
  };
  walkTree(scope, visit);
  return found;
}

/** The functions that call the method `scope` is on `this` (`this.connectType1()`), in its class or, for a prototype method, its file. */
function callersOnThis(scope: ts.SignatureDeclaration): ts.SignatureDeclaration[] {
  const method = methodNameAndOwner(scope);
  if (!method) return [];
  const out: ts.SignatureDeclaration[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.expression.kind === ts.SyntaxKind.ThisKeyword &&
      n.expression.name.text === method.name) {
      const caller = enclosingFunction(n);
      if (caller && caller !== scope) out.push(caller);
    }
    ts.forEachChild(n, visit);
  };
  visit(method.owner);
  return out;
}

function methodNameAndOwner(scope: ts.SignatureDeclaration): { name: string; owner: ts.Node } | undefined {
  if (ts.isMethodDeclaration(scope) && ts.isClassLike(scope.parent)) {
    const name = memberName(scope.name);
    return name ? { name, owner: scope.parent } : undefined;
  }
  // `X.prototype.name = function () { … }`
  const p = scope.parent;
  if (ts.isFunctionExpression(scope) && ts.isBinaryExpression(p) && p.right === scope && p.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(p.left) && ts.isPropertyAccessExpression(p.left.expression) && p.left.expression.name.text === 'prototype') {
    return { name: p.left.name.text, owner: scope.getSourceFile() };
  }
  return undefined;
}
