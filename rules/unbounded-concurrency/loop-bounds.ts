// Shapes of code that bound the work a loop starts although its input is unbounded: a semaphore
// (`while (running < max) { running++; f().finally(() => running--) }`, or `if (running >= max)
// break;` at the top of the body), a stream paused on every
// chunk, commands queued into one `.batch()`/`.multi()`/`.pipeline()` sent by `.exec()` after the
// loop, a `switch` on the keys of an object (each `case` runs at most once), and a hand-written
// worker pool (`Promise.all(Array.from({ length: Math.min(limit, n) }, worker))`).
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { TYPE_ONLY_WRAPPERS, skipOuter } from '../shared/ast';
import { BATCH_METHODS, MESSAGE_RECEIVE_CALLS, POOL_COUNT_PROPERTY, POOL_RECEIVER, POOL_SIZE_NAME, matchesCall } from './concurrency-limiters';
import type { RuleContext } from '../../engine/types';
import { isConstantNumber } from './constant-size';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** `while (this.running < max && …) { this.running++; start().finally(() => this.running--) }`. */
export function isSemaphoreLoop(loop: ts.IterationStatement): boolean {
  const cond = ts.isForStatement(loop) ? loop.condition : ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? loop.expression : undefined;
  // Or tested at the top of the body: `if (this.active >= this.concurrency) break;`.
  const counters = [...(cond ? countersBelowLimit(cond) : []), ...countersLeavingAtLimit(loop.statement)];
  for (const counter of counters) {
    if (updates(loop.statement, counter, +1, false) && updates(loop.statement, counter, -1, true)) return true;
  }
  return false;
}

/** `if (active >= max) break;` (or `return`) among the body's own statements: the left sides' texts. */
function countersLeavingAtLimit(body: ts.Statement): string[] {
  if (!ts.isBlock(body)) return [];
  const out: string[] = [];
  for (const st of body.statements) {
    if (!ts.isIfStatement(st) || st.elseStatement || !leaves(st.thenStatement)) continue;
    const e = skipOuter(st.expression, TYPE_ONLY_WRAPPERS);
    if (!ts.isBinaryExpression(e) || (e.operatorToken.kind !== ts.SyntaxKind.GreaterThanEqualsToken && e.operatorToken.kind !== ts.SyntaxKind.GreaterThanToken)) continue;
    const left = skipOuter(e.left, TYPE_ONLY_WRAPPERS);
    if (ts.isIdentifier(left) || ts.isPropertyAccessExpression(left)) out.push(left.getText());
  }
  return out;
}

/** `break;`, `return;`, or a block holding only one of them. */
function leaves(st: ts.Statement): boolean {
  if (ts.isBreakStatement(st) || ts.isReturnStatement(st)) return true;
  return ts.isBlock(st) && st.statements.length === 1 && leaves(st.statements[0]);
}

/** `a < b` terms of a condition joined by `&&`: the left sides' texts. */
function countersBelowLimit(cond: ts.Expression): string[] {
  const e = skipOuter(cond, TYPE_ONLY_WRAPPERS);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    return [...countersBelowLimit(e.left), ...countersBelowLimit(e.right)];
  }
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.LessThanToken || e.operatorToken.kind === ts.SyntaxKind.LessThanEqualsToken)) {
    const left = skipOuter(e.left, TYPE_ONLY_WRAPPERS);
    if (ts.isIdentifier(left) || ts.isPropertyAccessExpression(left)) return [left.getText()];
  }
  return [];
}

/** `x++`, `x += 1` (or `x--`, `x -= 1`) on the counter, in the loop's own statements or, with `nested`, in callbacks too. */
function updates(body: ts.Node, counter: string, sign: 1 | -1, nested: boolean): boolean {
  let found = false;
  const visit = (n: ts.Node, inFunction: boolean): void => {
    if (found) return;
    const inside = inFunction || ts.isFunctionLike(n);
    if (!inside || nested) {
      if ((ts.isPostfixUnaryExpression(n) || ts.isPrefixUnaryExpression(n)) &&
        n.operator === (sign > 0 ? ts.SyntaxKind.PlusPlusToken : ts.SyntaxKind.MinusMinusToken) && n.operand.getText() === counter) found = true;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === (sign > 0 ? ts.SyntaxKind.PlusEqualsToken : ts.SyntaxKind.MinusEqualsToken) &&
        n.left.getText() === counter) found = true;
    }
    ts.forEachChild(n, (c) => visit(c, inside));
  };
  visit(body, false);
  return found;
}

/** The loop's own statements pause a stream (`this.stream.pause()`): it is flow-controlled, one chunk of input at a time. */
export function pausesStream(body: ts.Statement): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || ts.isFunctionLike(n)) return SKIP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'pause' && n.arguments.length === 0) found = true;
  };
  walkTree(body, visit);
  return found;
}

/**
 * The started call hands its work to a batch made before the loop (`const batch = client.batch()`)
 * that is sent with `batch.exec()` after it: one round trip, whatever the loop's length.
 */
export function queuesIntoBatch(call: ts.CallExpression, loop: ts.IterationStatement): boolean {
  for (const id of identifiersIn(call)) {
    const decl = findDeclaration(id.text, id);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || decl.pos > loop.pos) continue;
    const init = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
    if (!ts.isCallExpression(init) || !ts.isPropertyAccessExpression(init.expression) || !BATCH_METHODS.has(init.expression.name.text)) continue;
    if (execAfter(id.text, loop)) return true;
  }
  return false;
}

function identifiersIn(node: ts.Node): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isIdentifier(n)) out.push(n);
  };
  walkTree(node, visit);
  return out;
}

/** `name.exec()` after the loop, in the function (or file) that holds both. */
function execAfter(name: string, loop: ts.Node): boolean {
  let scope: ts.Node = loop;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (n.pos >= loop.end && ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'exec') {
      const recv = skipOuter(n.expression.expression, TYPE_ONLY_WRAPPERS);
      if (ts.isIdentifier(recv) && recv.text === name) found = true;
    }
  };
  walkTree(scope, visit);
  return found;
}

/**
 * `for (const key in updates) switch (key) { case 'metadata': start(); … }`: the keys of an object
 * are distinct, so a `case` with a literal label runs at most once in the whole loop.
 */
export function inCaseOfLoopKey(start: ts.Node, loop: ts.IterationStatement): boolean {
  const key = loopKey(loop);
  if (!key) return false;
  for (let n: ts.Node = start; n !== loop; n = n.parent) {
    if (ts.isCaseClause(n) && ts.isStringLiteralLike(skipOuter(n.expression, TYPE_ONLY_WRAPPERS))) {
      const sw = n.parent.parent;
      const on = skipOuter(sw.expression, TYPE_ONLY_WRAPPERS);
      if (ts.isIdentifier(on) && on.text === key) return true;
    }
    if (ts.isFunctionLike(n)) return false;
  }
  return false;
}

/** The variable holding each distinct key: `for (const k in o)`, `for (const k of Object.keys(o))`, `for (const [k] of Object.entries(o))`. */
function loopKey(loop: ts.IterationStatement): string | undefined {
  if (!ts.isForInStatement(loop) && !ts.isForOfStatement(loop)) return undefined;
  const init = loop.initializer;
  const decl = ts.isVariableDeclarationList(init) && init.declarations.length === 1 ? init.declarations[0].name : undefined;
  if (!decl) return undefined;
  if (ts.isForInStatement(loop)) return ts.isIdentifier(decl) ? decl.text : undefined;
  const src = skipOuter(loop.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(src) || !ts.isPropertyAccessExpression(src.expression) || !ts.isIdentifier(src.expression.expression) ||
    src.expression.expression.text !== 'Object') return undefined;
  const m = src.expression.name.text;
  if (m === 'keys' && ts.isIdentifier(decl)) return decl.text;
  if (m === 'entries' && ts.isArrayBindingPattern(decl)) {
    const first = decl.elements[0];
    return first && ts.isBindingElement(first) && ts.isIdentifier(first.name) ? first.name.text : undefined;
  }
  return undefined;
}

/**
 * A hand-written worker pool: `Array.from({ length: Math.min(limit, items.length) }, worker)`, or a
 * length (or a loop's bound) named as a concurrency: as many run at once as the pool has workers.
 */
export function isWorkerPoolSize(expr: ts.Expression): boolean {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression) &&
    e.expression.expression.text === 'Math' && e.expression.name.text === 'min' && !findDeclaration('Math', e)) {
    // The author capped the pool: at a constant, a concurrency, or a limit (`Math.min(limit, items.length)`).
    return e.arguments.some((a) => isConstantNumber(a) || isPoolSizeName(a) || CAP_NAME.test(nameOf(a)));
  }
  return isPoolSizeName(e) || isPoolCount(e);
}

/** `this.pool.totalCount`: the clients a connection pool holds, never more than its `max`. */
function isPoolCount(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && POOL_COUNT_PROPERTY.has(e.name.text) && POOL_RECEIVER.test(nameOf(e.expression));
}

/** Inside `Math.min(…)`, a limit the author caps the count at. */
const CAP_NAME = /^(limit|max|\w*Limit|max[A-Z]\w*|[A-Z_]*(LIMIT|MAX)[A-Z_]*)$/;

function isPoolSizeName(expr: ts.Expression): boolean {
  return POOL_SIZE_NAME.test(nameOf(expr));
}

function nameOf(expr: ts.Expression): string {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  // `this.#concurrency`: a private field is named like any other.
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text.replace(/^#/, '') : '';
}

/** `{ length: Math.min(limit, n) }` of `Array.from`: the pool's size. */
export function arrayFromLength(fromCall: ts.Expression): ts.Expression | undefined {
  const e = skipOuter(fromCall, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'from') return undefined;
  const src = e.arguments[0] && skipOuter(e.arguments[0], TYPE_ONLY_WRAPPERS);
  if (!src || !ts.isObjectLiteralExpression(src)) return undefined;
  const len = src.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'length');
  return len?.initializer;
}

/** `for (let i = 0; i < concurrency && i < total; i++)`: a loop that starts one worker per unit of a concurrency. */
export function loopBoundedByPoolSize(loop: ts.IterationStatement): boolean {
  if (!ts.isForStatement(loop) || !loop.condition) return false;
  const terms: ts.Expression[] = [];
  const collect = (e: ts.Expression): void => {
    const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      collect(x.left);
      collect(x.right);
    } else if (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.LessThanToken || x.operatorToken.kind === ts.SyntaxKind.LessThanEqualsToken)) {
      terms.push(x.right);
    }
  };
  collect(loop.condition);
  return terms.some(isWorkerPoolSize) || terms.some((t) => isCappedCounter(t, loop));
}

/**
 * `for (let i = 0, n = self._numConnections; i < n; i++) self.createConnection()`: the bound is a
 * counter the object keeps of what it holds (only ever `++`, `--` or reset to a number), and the
 * file checks it against a configured cap before growing (`this._numConnections < this.options.max`).
 * The loop runs at most that cap's times, renewing the object's own pool, not once per input.
 */
function isCappedCounter(bound: ts.Expression, loop: ts.ForStatement): boolean {
  const field = counterField(bound, loop);
  if (!field) return false;
  const sf = loop.getSourceFile();
  let assignedOtherwise = false;
  let capped = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (assignedOtherwise) return SKIP;
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken && fieldName(n.left) === field && !ts.isNumericLiteral(skipOuter(n.right, TYPE_ONLY_WRAPPERS))) assignedOtherwise = true;
      if ((op === ts.SyntaxKind.PlusEqualsToken || op === ts.SyntaxKind.MinusEqualsToken) && fieldName(n.left) === field) assignedOtherwise = true;
      const below = op === ts.SyntaxKind.LessThanToken || op === ts.SyntaxKind.LessThanEqualsToken ? [n.left, n.right]
        : op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.GreaterThanEqualsToken ? [n.right, n.left] : undefined;
      if (below && fieldName(below[0]) === field && namesCap(below[1])) capped = true;
    }
  };
  walkTree(sf, visit);
  return capped && !assignedOtherwise;
}

/** The counter field a loop bound reads: `this.n`, `self._n`, or a variable of the loop's initializer holding one. */
function counterField(bound: ts.Expression, loop: ts.ForStatement): string | undefined {
  let e = skipOuter(bound, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(e) && loop.initializer && ts.isVariableDeclarationList(loop.initializer)) {
    const name = e.text;
    const decl = loop.initializer.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
    if (!decl?.initializer) return undefined;
    e = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
  }
  return ts.isPropertyAccessExpression(e) && isObjectSelf(e.expression) ? e.name.text : undefined;
}

/** `this`, or a variable holding it (`var self = this`). */
function isObjectSelf(e: ts.Expression): boolean {
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  if (x.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (!ts.isIdentifier(x)) return false;
  const decl = findDeclaration(x.text, x);
  return !!decl && ts.isVariableDeclaration(decl) && !!decl.initializer && skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS).kind === ts.SyntaxKind.ThisKeyword;
}

function fieldName(e: ts.Expression): string | undefined {
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  return ts.isPropertyAccessExpression(x) && isObjectSelf(x.expression) ? x.name.text : undefined;
}

/** `this.options.max + extra`, `MAX_CONNECTIONS`: an expression that reads a cap the author or the configuration sets. */
function namesCap(e: ts.Expression): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if ((ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) && (CAP_NAME.test(n.text.replace(/^#/, '')) || POOL_SIZE_NAME.test(n.text))) found = true;
  };
  walkTree(e, visit);
  return found;
}

/**
 * `for (node = list.latest; node && this.sampled + pending < maxPings; node = node.prev) { …;
 * pending++; this.session.ping(node).then(…) }` (hyperswarm-dht's NAT sampler): something else
 * drives the loop (its step, or another term of its condition), and a counter held under a bound
 * in the condition is counted up beside the started call. Every start raises the counter, so the
 * loop starts at most the bound's many, whatever it walks. The counter must be no more than a
 * count (in the body it is only raised or lowered, never read as an index or argument), and the
 * bound no list's length (`count < items.length` is as long as the list).
 */
export function startsCappedByCounter(start: ts.Node, loop: ts.IterationStatement): boolean {
  const cond = ts.isForStatement(loop) ? loop.condition : ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? loop.expression : undefined;
  if (!cond) return false;
  const terms = conjuncts(cond);
  const steps = ts.isForStatement(loop) && loop.incrementor !== undefined;
  for (const term of terms) {
    const cap = counterCap(term);
    if (!cap || mentionsLength(cap.bound)) continue;
    for (const counter of cap.counters) {
      // Another driver: the loop's own step (not of the counter) or another term of its condition.
      const driven = (steps && !mentions((loop as ts.ForStatement).incrementor!, counter)) || terms.some((t) => t !== term && !mentions(t, counter));
      if (driven && raisedBeside(start, loop, counter) && onlyCounted(loop.statement, counter)) return true;
    }
  }
  return false;
}

function conjuncts(e: ts.Expression): ts.Expression[] {
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return [...conjuncts(x.left), ...conjuncts(x.right)];
  return [x];
}

/** `count < max`, `max > count`, `done + count < max`: the counters (texts) and the bound. */
function counterCap(term: ts.Expression): { counters: string[]; bound: ts.Expression } | undefined {
  if (!ts.isBinaryExpression(term)) return undefined;
  const op = term.operatorToken.kind;
  const [low, bound] = op === ts.SyntaxKind.LessThanToken || op === ts.SyntaxKind.LessThanEqualsToken ? [term.left, term.right]
    : op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.GreaterThanEqualsToken ? [term.right, term.left] : [];
  if (!low || !bound) return undefined;
  const counters: string[] = [];
  const collect = (e: ts.Expression): boolean => {
    const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) return collect(x.left) && collect(x.right);
    if (ts.isIdentifier(x) || ts.isPropertyAccessExpression(x)) {
      counters.push(x.getText());
      return true;
    }
    return false;
  };
  return collect(low) ? { counters, bound } : undefined;
}

/** `items.length`, `set.size` anywhere in the bound: a list's length, not a cap. */
function mentionsLength(e: ts.Node): boolean {
  let found = false;
  walkTree(e, (n) => {
    if (found) return STOP;
    if (ts.isPropertyAccessExpression(n) && (n.name.text === 'length' || n.name.text === 'size')) found = true;
  });
  return found;
}

function mentions(e: ts.Node, text: string): boolean {
  let found = false;
  walkTree(e, (n) => {
    if (found) return STOP;
    if ((ts.isIdentifier(n) || ts.isPropertyAccessExpression(n)) && n.getText() === text) found = true;
  });
  return found;
}

/**
 * `counter++` (or `+= n`) as a statement of the loop's own body, in a block that holds the start:
 * whenever the start runs, the counter was (or will be, in that pass) raised.
 */
function raisedBeside(start: ts.Node, loop: ts.IterationStatement, counter: string): boolean {
  for (let n: ts.Node = start; n !== loop && n.parent; n = n.parent) {
    if (ts.isFunctionLike(n)) return false;
    const block = n.parent;
    if (!ts.isBlock(block) && block !== loop) continue;
    const siblings = ts.isBlock(block) ? block.statements : [loop.statement];
    if (siblings.some((s) => ts.isExpressionStatement(s) && isRaise(s.expression, counter))) return true;
  }
  return false;
}

function isRaise(e: ts.Expression, counter: string): boolean {
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  if ((ts.isPostfixUnaryExpression(x) || ts.isPrefixUnaryExpression(x)) && x.operator === ts.SyntaxKind.PlusPlusToken) return x.operand.getText() === counter;
  return ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && x.left.getText() === counter;
}

/** Every mention of the counter in the body (callbacks too) raises or lowers it: it counts, and feeds nothing. */
function onlyCounted(body: ts.Node, counter: string): boolean {
  let ok = true;
  walkTree(body, (n) => {
    if (!ok) return STOP;
    if ((ts.isIdentifier(n) || ts.isPropertyAccessExpression(n)) && n.getText() === counter) {
      const p = n.parent;
      const updated = ((ts.isPostfixUnaryExpression(p) || ts.isPrefixUnaryExpression(p)) &&
        (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) ||
        (ts.isBinaryExpression(p) && p.left === n && (p.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken || p.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken));
      // A prefix `--pending === 0` in a callback reads the count only to see the last one finish.
      if (!updated) ok = false;
      return SKIP;
    }
  });
  return ok;
}

/**
 * `while ((entry = receiveMessageOnPort(port)) !== undefined) onMessage(port, entry.message)`
 * (piscina's worker): the loop's condition takes one message the port has received (a call of
 * `MESSAGE_RECEIVE_CALLS`) into a variable, and the start handles that message. It does per
 * message what a `'message'` listener does; how many arrive is the posting side's to bound (piscina's
 * pool posts at most `concurrentTasksPerWorker`). A start that does not take the message stays checked.
 */
export function handlesDrainedMessage(ctx: RuleContext<any, string, any>, start: ts.CallExpression, loop: ts.IterationStatement): boolean {
  const cond = ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? loop.expression : ts.isForStatement(loop) ? loop.condition : undefined;
  if (!cond) return false;
  const received = new Set<string>();
  walkTree(cond, (n) => {
    if (!ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(n.left)) return;
    const right = skipOuter(n.right, TYPE_ONLY_WRAPPERS);
    if (!ts.isCallExpression(right)) return;
    const callee = skipOuter(right.expression, TYPE_ONLY_WRAPPERS);
    const resolved = ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee) ? ctx.resolveCallee(callee) : undefined;
    if (resolved?.library && matchesCall(MESSAGE_RECEIVE_CALLS, resolved.module, resolved.call)) received.add(n.left.text);
  });
  if (!received.size) return false;
  return start.arguments.some((a) => {
    let found = false;
    walkTree(a, (n) => {
      if (found) return STOP;
      if (ts.isIdentifier(n) && received.has(n.text)) found = true;
    });
    return found;
  });
}

const SHRINKING_METHODS = new Set(['delete', 'shift', 'pop', 'splice']);

/**
 * `while (this.entries.size > this.limit) { const oldest = …; this.entries.delete(oldest); void this.discard(old); }`:
 * an eviction loop that removes an entry per iteration until the collection is back at its limit.
 * It runs as many times as the collection outgrew the limit (one after each add), so what it
 * starts per evicted entry is no burst. A drain down to nothing (`while (q.length > 0)`) is not this.
 */
export function evictsDownToLimit(loop: ts.IterationStatement): boolean {
  const cond = ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? skipOuter(loop.expression, TYPE_ONLY_WRAPPERS) : undefined;
  if (!cond || !ts.isBinaryExpression(cond)) return false;
  const op = cond.operatorToken.kind;
  if (op !== ts.SyntaxKind.GreaterThanToken && op !== ts.SyntaxKind.GreaterThanEqualsToken) return false;
  const size = skipOuter(cond.left, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(size) || (size.name.text !== 'size' && size.name.text !== 'length')) return false;
  const limit = skipOuter(cond.right, TYPE_ONLY_WRAPPERS);
  if (ts.isNumericLiteral(limit) ? Number(limit.text) <= 0 : !(ts.isIdentifier(limit) || ts.isPropertyAccessExpression(limit))) return false;
  const collection = skipOuter(size.expression, TYPE_ONLY_WRAPPERS).getText();
  let shrinks = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (shrinks) return STOP;
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return SKIP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && SHRINKING_METHODS.has(n.expression.name.text) &&
      skipOuter(n.expression.expression, TYPE_ONLY_WRAPPERS).getText() === collection) shrinks = true;
  };
  walkTree(loop.statement, visit);
  return shrinks;
}
