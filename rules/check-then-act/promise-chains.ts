// The promise-chain form of check-then-act: a check of shared state, then a call that starts
// work and returns a promise, and the write the check protected only in a `.then` callback of
// that chain. Until the promise settles the state still looks missing, so every caller that
// arrives meanwhile starts the work again (tortoise's connection factory: `if (connection)
// return …; amqp.connect(url).then((c) => { connection = c })`, one AMQP connection per queue
// set up at start-up, all but the last leaked).
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { enclosingFunction, isFunctionBoundary, isWithin, leavesFunction, skipOuter } from '../shared/ast';
import { isAssignment, isWriteOf, loadsModule, readsState, sharedKey, type StateRef, STATE_WRAPPERS } from './state-checks';

/** Links of a chain: the head's promise flows through them. */
const CHAIN_LINKS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/**
 * A reaction of a chain whose whole promise is kept in shared state that the function checks and
 * hands back first (`if (this.subscribing != null) return this.subscribing; this.subscribing =
 * acquire().then((c) => c.send(…).then(() => { this.subscribed = true }))`): everything the chain
 * runs, nested chains too, runs once for all callers.
 */
const STORED = Symbol('stored chain');
type Head = ts.CallExpression | ts.NewExpression | typeof STORED;

/** The write in a `.then` callback and the call at the head of its chain, which started the work. */
export interface ChainRace {
  state: StateRef;
  write: ts.BinaryExpression | ts.CallExpression;
  head: ts.CallExpression | ts.NewExpression;
}

/**
 * The first write of a checked state in the region, when it sits in a `.then` callback of a
 * chain whose head starts work. A write before it (outside any such callback) has claimed the
 * state: `this.p = connect().then(…)` stores the promise itself. The region's own local
 * functions (`var connect = function () { return amqp.connect(url).then(…) }; return connect()`)
 * are followed, as the code after the check runs them; other callbacks are not.
 */
export function chainRaceIn(region: ts.Node[], states: StateRef[]): ChainRace | undefined {
  const locals = calledLocalFunctions(region);
  let found: ChainRace | undefined;
  let claimed = false;
  const visit = (n: ts.Node, head: Head | undefined): void => {
    if (found || claimed) return;
    const written = states.find((st) => isWriteOf(n, st));
    if (written) {
      if (head && head !== STORED && !isRechecked(n, states)) found = { state: written, write: n as ts.BinaryExpression | ts.CallExpression, head };
      else claimed = true;
      return;
    }
    if (isFunctionBoundary(n)) {
      const reactionHead = thenCallbackHead(n);
      if (reactionHead !== undefined) visitBody(n, head ?? reactionHead ?? undefined);
      else if (locals.has(n)) visitBody(n, head);
      return;
    }
    ts.forEachChild(n, (c) => visit(c, head));
  };
  const visitBody = (fn: ts.Node, head: Head | undefined): void => {
    const body = (fn as ts.FunctionLikeDeclaration).body;
    if (body) visit(body, head);
  };
  for (const n of region) visit(n, undefined);
  return found;
}

/**
 * For a function handed to `.then` as its fulfilment callback: the head of the chain when it is
 * a call that starts work (`amqp.connect(url)`, `this.init()`, `new Promise(…)`), `null` when the
 * head is a promise that already exists or is memoized (`this.ready.then(…)`, `(this.#p ??=
 * load()).then(…)`), a settled value (`Promise.resolve()`), or a module load (`import('m')`):
 * every caller shares it, or repeating it costs nothing. Undefined for any other function.
 */
function thenCallbackHead(fn: ts.Node): Head | null | undefined {
  const link = fn.parent;
  if (!link || !ts.isCallExpression(link) || link.arguments[0] !== fn || !ts.isPropertyAccessExpression(link.expression) ||
    link.expression.name.text !== 'then') return undefined;
  let head = skipOuter(link.expression.expression, STATE_WRAPPERS);
  while (ts.isCallExpression(head) && ts.isPropertyAccessExpression(head.expression) && CHAIN_LINKS.has(head.expression.name.text)) {
    head = skipOuter(head.expression.expression, STATE_WRAPPERS);
  }
  if (!ts.isCallExpression(head) && !ts.isNewExpression(head)) return null;
  const store = storedWhole(link);
  if (store) return store !== true && handedBackBefore(store) ? STORED : null;
  if (ts.isCallExpression(head) && (settledPromise(head) || loadsModule(head))) return null;
  if (ts.isNewExpression(head) && !(ts.isIdentifier(head.expression) && head.expression.text === 'Promise')) return null;
  return head;
}

/**
 * The chain's promise itself is kept in shared state (`connecting ??= amqp.connect(url).then(…)`,
 * `this.#ready = this.init().then(…)`, `pending.set(key, load(key).then(…))`): the memoised form,
 * which every later caller shares.
 */
function storedWhole(link: ts.CallExpression): boolean | ts.BinaryExpression {
  let top: ts.Node = link;
  while (ts.isPropertyAccessExpression(top.parent) && ts.isCallExpression(top.parent.parent) && CHAIN_LINKS.has(top.parent.name.text)) top = top.parent.parent;
  let p = top.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAwaitExpression(p) ||
    (ts.isBinaryExpression(p) && p.right === top && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(p.operatorToken.kind))) {
    top = p;
    p = p.parent;
  }
  if (ts.isBinaryExpression(p) && p.right === top && isAssignment(p.operatorToken.kind)) {
    const left = skipOuter(p.left, STATE_WRAPPERS);
    if (sharedKey(left) !== undefined) return p;
    return ts.isElementAccessExpression(left) && sharedKey(left.expression) !== undefined;
  }
  return ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && p.expression.name.text === 'set' &&
    p.arguments[1] === top && sharedKey(p.expression.expression) !== undefined;
}

/**
 * Before the store, its function checks the stored state and leaves (`if (this.subscribing) return
 * this.subscribing;`, or the `??=` form itself): a caller arriving while the chain runs gets it.
 */
function handedBackBefore(store: ts.BinaryExpression): boolean {
  if (store.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return true;
  const key = sharedKey(store.left);
  const fn = enclosingFunction(store);
  if (key === undefined || !fn) return false;
  const readsKey = (n: ts.Node): boolean => !isFunctionBoundary(n) && ((ts.isExpression(n) && sharedKey(n) === key) || (ts.forEachChild(n, readsKey) ?? false));
  const visit = (n: ts.Node): boolean => {
    if (n.pos >= store.pos || (n !== fn && isFunctionBoundary(n))) return false;
    if (ts.isIfStatement(n) && n.end <= store.pos && readsKey(n.expression) && leavesFunction(n.thenStatement)) return true;
    return ts.forEachChild(n, visit) ?? false;
  };
  return visit(fn);
}

/** `Promise.resolve(…)`, `Promise.reject(…)`: a value already there, no work started. */
function settledPromise(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise' &&
    (callee.name.text === 'resolve' || callee.name.text === 'reject');
}

/** `if (!connection) connection = c` inside the callback: the write happens only if the state is still missing. */
function isRechecked(write: ts.Node, states: StateRef[]): boolean {
  for (let n: ts.Node = write; n.parent && !isFunctionBoundary(n.parent); n = n.parent) {
    const p = n.parent;
    const cond = ts.isIfStatement(p) && n !== p.expression ? p.expression : ts.isConditionalExpression(p) && n !== p.condition ? p.condition : undefined;
    if (cond && states.some((st) => readsState(cond, st))) return true;
  }
  return false;
}

/**
 * Functions the region declares and calls outside their own body: `var connect = function () {…};
 * return connect();`, `function attempt() {…} attempt()`. Their bodies run as part of the code
 * after the check.
 */
function calledLocalFunctions(region: ts.Node[]): Set<ts.Node> {
  const declared = new Map<ts.Node, ts.FunctionLikeDeclaration>();
  const collect = (n: ts.Node): void => {
    if (ts.isFunctionDeclaration(n) && n.name) declared.set(n, n);
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const init = skipOuter(n.initializer, STATE_WRAPPERS);
      if (ts.isFunctionExpression(init) || ts.isArrowFunction(init)) declared.set(n, init);
    }
    if (isFunctionBoundary(n)) return;
    ts.forEachChild(n, collect);
  };
  for (const n of region) collect(n);
  const called = new Set<ts.Node>();
  if (!declared.size) return called;
  const calls = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
      const decl = findDeclaration(n.expression.text, n.expression);
      const fn = decl && declared.get(decl);
      if (fn && !isWithin(n, fn)) called.add(fn);
    }
    ts.forEachChild(n, calls);
  };
  for (const n of region) calls(n);
  return called;
}

/**
 * The function its callers call, for a check inside a callback that runs once per call of it:
 * a promise executor (`connect() { return new Promise((resolve) => { if (this._isReady) … }) }`)
 * or a reaction of a settled promise (`get() { return Promise.resolve().then(() => { if
 * (connection) … }) }`). What the rule knows about who calls a method (a start-up step, a
 * helper behind an entry's guard, an object used once) is known about that function.
 */
export function callerFacing(fn: ts.FunctionLikeDeclaration): ts.FunctionLikeDeclaration {
  let current = fn;
  for (;;) {
    const p = current.parent;
    if (!(ts.isArrowFunction(current) || ts.isFunctionExpression(current)) || !p) return current;
    const executor = ts.isNewExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 'Promise' && p.arguments?.[0] === current;
    if (!executor && !settledHead(current)) return current;
    let outer: ts.Node | undefined = p;
    while (outer && !ts.isFunctionLike(outer)) outer = outer.parent;
    if (!outer || !(ts.isFunctionDeclaration(outer) || ts.isFunctionExpression(outer) || ts.isArrowFunction(outer) || ts.isMethodDeclaration(outer))) return current;
    current = outer;
  }
}

/** A `.then` callback whose chain starts at `Promise.resolve(…)`. */
function settledHead(fn: ts.Node): boolean {
  const link = fn.parent;
  if (!link || !ts.isCallExpression(link) || !ts.isPropertyAccessExpression(link.expression) || link.expression.name.text !== 'then') return false;
  let head = skipOuter(link.expression.expression, STATE_WRAPPERS);
  while (ts.isCallExpression(head) && ts.isPropertyAccessExpression(head.expression) && CHAIN_LINKS.has(head.expression.name.text)) {
    head = skipOuter(head.expression.expression, STATE_WRAPPERS);
  }
  return ts.isCallExpression(head) && settledPromise(head);
}

/**
 * `if (connection) return Promise.resolve(connection)`, `if (this._isReady) return resolve(this._isReady)`:
 * a present-check whose early exit hands back the state is a get-or-create, which callers rely on
 * to share one value. One that returns nothing of it (`if (this.response) return;`, `if
 * (this.startedUp) return Promise.resolve()`) skips a step already done: a pipeline's short-circuit
 * or a start-up step, run once per object by its own flow (parse-server's RestWrite, matrix-js-sdk's
 * IndexedDBStore.startup: both judged false in the chain form).
 */
export function returnsTheState(stmt: ts.Statement, states: StateRef[]): boolean {
  const returns = ts.isReturnStatement(stmt) ? [stmt] : ts.isBlock(stmt) ? stmt.statements.filter(ts.isReturnStatement) : [];
  return returns.some((r) => r.expression !== undefined && states.some((st) => readsState(r.expression!, st)));
}
