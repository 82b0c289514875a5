// A project method that takes a Node-style callback and calls it from inside a promise chain
// that ends in `.catch(…)`: bitcore-wallet-service's explorer
//
//   getTxidsInBlock(blockHash, cb) {
//     this.request.get(url).then((ret) => { …; return cb(null, res); }).catch(cb);
//   }
//
// returns what the callback returns into the chain, so an async callback's rejection reaches the
// `.catch`, which hands it back to the callback as its error. A call site that cannot see which
// object it calls (`this.explorers[chain][network].getTxidsInBlock(hash, async (err, txids) => …)`)
// learns this by the method's name: the file defining it records a project fact, and the call's
// finding goes when it is present.
import { ts } from 'ts-morph';
import { Outer, skipOuter } from '../shared/ast';

/** Names of the last parameter that carries a function's outcome to its caller. */
const CALLBACK_PARAMETER = /^(cb|callback|done|next)$/;

/**
 * The names of this file's functions and methods (by the name a caller uses: `getTxidsInBlock`)
 * every one of whose definitions here calls its callback only as the value a `.then` callback
 * returns, in a chain that goes on to a `.catch(…)`.
 */
export function chainedCallbackNames(sf: ts.SourceFile): Set<string> {
  const chained = new Set<string>();
  const unchained = new Set<string>();
  const visit = (n: ts.Node): void => {
    const name = calledName(n);
    if (name !== undefined) (returnsCallbackIntoChain(n as ts.FunctionLikeDeclaration) ? chained : unchained).add(name);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  for (const name of unchained) chained.delete(name);
  return chained;
}

/** The name callers use for a function-like node with a body: a method, a function, `name: function (…)`, `name = (…) =>`. */
function calledName(n: ts.Node): string | undefined {
  if ((ts.isMethodDeclaration(n) || ts.isFunctionDeclaration(n)) && n.body && n.name && ts.isIdentifier(n.name)) return n.name.text;
  if ((ts.isFunctionExpression(n) || ts.isArrowFunction(n)) && (ts.isPropertyAssignment(n.parent) || ts.isPropertyDeclaration(n.parent)) &&
    n.parent.initializer === n && ts.isIdentifier(n.parent.name)) return n.parent.name.text;
  return undefined;
}

/** Every call of the function's callback parameter is returned from a `.then` callback whose chain reaches a `.catch`. */
function returnsCallbackIntoChain(fn: ts.FunctionLikeDeclaration): boolean {
  const last = fn.parameters[fn.parameters.length - 1];
  if (!last || !ts.isIdentifier(last.name) || !CALLBACK_PARAMETER.test(last.name.text) || !fn.body) return false;
  const cb = last.name.text;
  let calls = 0;
  let loose = false;
  const visit = (n: ts.Node): void => {
    if (loose) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === cb) {
      calls++;
      if (!returnedIntoCaughtChain(n, fn)) loose = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return calls > 0 && !loose;
}

/**
 * `return cb(null, res)` (or an arrow's expression body) in a function handed to `.then(…)`, itself
 * followed along the chain by `.catch(…)`: the callback's promise becomes the chain's, which the
 * catch handles. A try/catch around the return is seen through: it returns the same value.
 */
function returnedIntoCaughtChain(call: ts.CallExpression, outer: ts.FunctionLikeDeclaration): boolean {
  let n: ts.Node = call;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAwaitExpression(n.parent)) n = n.parent;
  const p = n.parent;
  let inner: ts.Node | undefined;
  if (ts.isReturnStatement(p)) {
    inner = p.parent;
    while (inner && !ts.isFunctionLike(inner)) inner = inner.parent;
  } else if (ts.isArrowFunction(p) && p.body === n) {
    inner = p;
  }
  if (!inner || inner === outer || !(ts.isArrowFunction(inner) || ts.isFunctionExpression(inner))) return false;
  const then = inner.parent;
  if (!ts.isCallExpression(then) || !then.arguments.includes(inner as ts.Expression)) return false;
  const callee = skipOuter(then.expression, Outer.Parens);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'then') return false;
  return caughtLater(then);
}

/** `p.then(…)` is continued, through further `.then`/`.finally`, by `.catch(…)` (or `.then(…, onRejected)`). */
function caughtLater(link: ts.CallExpression): boolean {
  let n: ts.Expression = link;
  for (;;) {
    const access = n.parent;
    if (!ts.isPropertyAccessExpression(access) || access.expression !== n || !ts.isCallExpression(access.parent) || access.parent.expression !== access) return false;
    const next = access.parent;
    if (access.name.text === 'catch' && next.arguments.length) return true;
    if (access.name.text === 'then' && next.arguments.length >= 2) return true;
    if (access.name.text !== 'then' && access.name.text !== 'finally') return false;
    n = next;
  }
}
