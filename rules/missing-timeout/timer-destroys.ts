// A connect bounded by hand: the same function arms a timer whose callback destroys the socket
// (`timer = setTimeout(() => socket.destroy(), timeout)`), directly or through a local helper it
// calls (`setTimeout(() => fail(err), ms)` where `fail` destroys it). When the timer fires, the
// connect is over: that is a time limit, written out.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { enclosingFunction, unwrap, isWithin } from '../shared/ast';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

const TIMERS = new Set(['setTimeout']);
const ENDING_METHODS = new Set(['destroy', 'end', 'resetAndDestroy']);

/** A timer in the enclosing function (or promise executor) ends `holder` when it fires. */
export function destroyedByTimer(node: ts.Node, holder: ts.Identifier | undefined): boolean {
  if (!holder) return false;
  const scope = enclosingFunction(node);
  if (!scope) return false;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && TIMERS.has(n.expression.text) && n.arguments.length >= 1) {
      const cb = unwrap(n.arguments[0]);
      if ((ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && endsHolder(cb.body, holder.text, scope, 0)) {
        found = true;
        return SKIP;
      }
    }
    // A timer armed in a listener (`sock.on('close', () => setTimeout(() => { sock.destroy(); reconnect() }, retry))`)
    // runs after the connect is over: a reconnect delay, no bound of it.
    if (n !== scope && ts.isFunctionLike(n)) return SKIP;
  };
  walkTree(scope, visit);
  return found;
}

/** The body ends `name` (`name.destroy()`), or calls a local function that does, one level down. */
function endsHolder(body: ts.Node, name: string, scope: ts.Node, depth: number): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n)) {
      const callee = unwrap(n.expression);
      if (ts.isPropertyAccessExpression(callee) && ENDING_METHODS.has(callee.name.text) && ts.isIdentifier(unwrap(callee.expression)) &&
        (unwrap(callee.expression) as ts.Identifier).text === name) {
        found = true;
        return SKIP;
      }
      if (depth === 0 && ts.isIdentifier(callee)) {
        const decl = findDeclaration(callee.text, callee);
        const fn = decl && localFunction(decl);
        if (fn && fn.body && isWithin(fn, scope) && endsHolder(fn.body, name, scope, depth + 1)) {
          found = true;
          return SKIP;
        }
      }
    }
  };
  walkTree(body, visit);
  return found;
}

/** The function a declaration holds: a function declaration, or a `const` given an arrow or function expression. */
export function localFunction(decl: ts.Node): ts.FunctionLikeDeclaration | undefined {
  if (ts.isFunctionDeclaration(decl)) return decl;
  if (ts.isVariableDeclaration(decl) && decl.initializer) {
    const init = unwrap(decl.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}
