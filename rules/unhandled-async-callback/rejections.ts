// Where an async function can reject: an `await`, `for await` or `throw` no try/catch of the
// function covers. An awaited call counts only when it can reject: a function of this file is
// followed (three levels at most) and settles when every await, throw and returned promise in it
// is covered or itself settles — `this.end()` that catches everything, `await sleep(ms)` built
// on `new Promise(resolve => setTimeout(resolve, ms))`. A function of another project file is
// one hop further: its own file records a `settles` fact when it settles there, and the finding
// waits for that fact (only when it is the one thing left that could reject). A call we cannot
// see into can reject.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { ownEntry } from '../../engine/own-keys';
import { findDeclaration, rootDeclaration } from '../../engine/scope';
import { withoutIndirectCall } from '../../engine/module-symbols';
import type { FactRef, ModuleBinding, RuleContext } from '../../engine/types';
import { enclosingFunction, isAsync, isExportsObject, memberName, Outer, skipOuter, thisMemberName, thisOwner, isConstDeclaration } from '../shared/ast';
import { isDevelopmentCondition } from './development-only';
import { everyValueOf, madeFromAny as madeFromAnyUncached } from '../shared/made-from';
import { extendedName, hostApisOf } from '../shared/host-database';
import { IN_MEMORY_ASYNC_CALLS, RESOLVING_ASYNC_CALLS, SETTLING_LIBRARY_METHODS, TIMER_DELAY_CALLS } from '../../engine/knowledge';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { isArgumentGuarded } from './argument-guards';
import { isSettlingFlowPromise, promiseFlowTasks } from './callback-flows';

/**
 * What a `this` member was made from, remembered per class: every function of every file is now
 * read for the facts it records, and each call on a member asks again (a class of 40 methods asked
 * thousands of times). Variables are cheap to look up and not remembered.
 */
const memberValues = new WeakMap<ts.ClassLikeDeclaration, Map<string, ts.Expression[] | undefined>>();

function madeFromAny(receiver: ts.Expression): ts.Expression[] | undefined {
  const member = thisMemberName(receiver);
  const owner = member !== undefined ? thisOwner(receiver) : undefined;
  if (!owner) return madeFromAnyUncached(receiver);
  let byName = memberValues.get(owner.cls);
  if (!byName) memberValues.set(owner.cls, (byName = new Map()));
  if (!byName.has(member!)) byName.set(member!, madeFromAnyUncached(receiver));
  return byName.get(member!);
}

function madeFrom(receiver: ts.Expression): ts.Expression | undefined {
  const values = madeFromAny(receiver);
  return values?.length === 1 ? values[0] : undefined;
}

/** What this rule sees through: parentheses, `!` and `as`. */
export const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;

export type FunctionWithBody = ts.FunctionLikeDeclaration & { body: ts.ConciseBody };

/**
 * A fact of another file this analysis waits for: that function settles (`settles`), or that class's
 * method does (`settles:<method>`); that class's static factory returns an instance of it (`instance:<factory>`).
 */
export interface SettlesFact {
  kind: 'settles' | `settles:${string}` | `instance:${string}` | `${typeof IN_LISTENER}${'settles' | `settles:${string}`}`;
  ref: FactRef;
}

/**
 * Prefix of the facts that hold when the function runs from an event listener of a host whose
 * writes settle there (HOST_DATABASE_APIS' `inListeners`): a listener awaiting a helper module's
 * `createObjectNotExists(adapter, …)` that ends in `adapter.setObjectNotExists(…)`.
 */
const IN_LISTENER = 'in-listener:';

/** The fact a call in a listener waits for: the same function, judged as run from a listener. */
function asInListener(fact: SettlesFact): SettlesFact {
  return fact.kind === 'settles' || fact.kind.startsWith('settles:') ? { kind: `${IN_LISTENER}${fact.kind as 'settles'}`, ref: fact.ref } : fact;
}

/**
 * How deep callees of this file are followed: the callee, what it calls, and one more (a
 * worker's `init()` awaiting `renew()`, whose catch awaits `dispose()`, which catches).
 */
const MAX_DEPTH = 3;

/** Where the function can reject: points that surely can, and points that can unless other files' functions settle. */
export interface Rejections {
  sure: ts.Node[];
  pending: { point: ts.Node; waitsFor: SettlesFact[] }[];
}

type Verdict = { rejects: true } | { rejects: false; waitsFor: SettlesFact[] };
const REJECTS: Verdict = { rejects: true };
const SETTLES: Verdict = { rejects: false, waitsFor: [] };

/** The analysis reads bindings across files through the rule context; `undefined` keeps it to this file. */
type Resolver = (Pick<RuleContext, 'factRef' | 'packageDir' | 'file' | 'packageJson' | 'resolveCallee'> & { inListener?: boolean; fromRequest?: boolean }) | undefined;

/**
 * The resolver for a function a route runs: its arguments come from the request, which any client
 * writes, so a callee's argument guard (`if (!email) throw …`) is a rejection a request can cause.
 * Functions of this file are judged so; other files' facts are judged as for a listener.
 */
export function requestResolver(ctx: NonNullable<Resolver>): NonNullable<Resolver> {
  return {
    factRef: ctx.factRef.bind(ctx), packageDir: ctx.packageDir, file: ctx.file,
    packageJson: ctx.packageJson.bind(ctx), resolveCallee: ctx.resolveCallee.bind(ctx),
    fromRequest: true,
  };
}

/** Argument guards count as unreachable unless the arguments come from a request. */
function guarded(point: ts.Node, fn: FunctionWithBody, ctx: Resolver): boolean {
  return ctx?.fromRequest !== true && isArgumentGuarded(point, fn);
}

/** The resolver for a function an event listener runs: the host's writes settle there (HOST_DATABASE_APIS' `inListeners`). */
export function listenerResolver(ctx: NonNullable<Resolver>): NonNullable<Resolver> {
  return {
    factRef: ctx.factRef.bind(ctx), packageDir: ctx.packageDir, file: ctx.file,
    packageJson: ctx.packageJson.bind(ctx), resolveCallee: ctx.resolveCallee.bind(ctx),
    // Only a host whose writes settle in listeners makes a listener differ (and its files record `in-listener:` facts).
    inListener: hostApisOf(ctx).some((api) => api.inListeners),
  };
}

/**
 * The functions being followed, each with the parameters its call leaves false: a call back into
 * one of them (recursion) adds no rejection of its own when it leaves at least those false.
 */
type Followed = Map<ts.Node, ReadonlySet<string>>;

/** `falseNames`: parameters the call leaves false (`this.process()` passes no `extraJob`), whose branches cannot run. */
export function rejectionsOf(fn: FunctionWithBody, ctx: Resolver, falseNames: ReadonlySet<string> = new Set()): Rejections {
  const out: Rejections = { sure: [], pending: [] };
  for (const point of uncovered(fn, false, falseNames, true)) {
    const v = pointVerdict(point, 0, new Map([[fn, falseNames]]), ctx);
    if (v.rejects) out.sure.push(point);
    else if (v.waitsFor.length) out.pending.push({ point, waitsFor: v.waitsFor });
  }
  return out;
}

/**
 * Whether the function's returned promise cannot reject: by what this file shows, or unless the
 * other files' functions it waits for can (their `settles` facts are its conditions).
 */
function settlesVerdict(fn: FunctionWithBody, ctx: Resolver): Verdict {
  return functionVerdict(fn, new Set(), 0, new Map([[fn, new Set<string>()]]), ctx);
}

/**
 * Every `await`, `for await` or `throw` of the function's own body that no try/catch of the
 * function covers (an `await` in a catch or finally block is not covered by its own try); with
 * `returns`, also the expressions it returns (an async function's returned promise is its own).
 * Branches that cannot run are skipped: `if (flag)` for a parameter known to be false, code only
 * run in development.
 */
function uncovered(fn: FunctionWithBody, returns: boolean, falseNames: ReadonlySet<string>, ownCatches = false, from: ts.Node = fn.body): ts.Node[] {
  const found: ts.Node[] = [];
  if (!ts.isBlock(fn.body) && returns) found.push(fn.body);
  const visit = (n: ts.Node, covered: boolean): void => {
    if (n !== fn.body && (ts.isFunctionLike(n) || ts.isClassLike(n))) return;
    if (ts.isTryStatement(n)) {
      visit(n.tryBlock, covered || n.catchClause !== undefined);
      if (n.catchClause) visit(n.catchClause.block, covered);
      if (n.finallyBlock) visit(n.finallyBlock, covered);
      return;
    }
    if (ts.isIfStatement(n) && (isKnownFalse(n.expression, falseNames) || isDevelopmentCondition(n.expression))) {
      visit(n.expression, covered);
      if (n.elseStatement) visit(n.elseStatement, covered);
      return;
    }
    // `if (!extraJob) { … } else { … }` with `extraJob` left false: only the first branch runs.
    if (ts.isIfStatement(n) && isKnownFalseNegation(n.expression, falseNames)) {
      visit(n.expression, covered);
      visit(n.thenStatement, covered);
      return;
    }
    if (!covered) {
      if (ts.isAwaitExpression(n) && !handlesOwnRejection(n.expression)) found.push(n);
      else if ((ts.isThrowStatement(n) && !(ownCatches && isFilteringRethrow(n))) || (ts.isForOfStatement(n) && n.awaitModifier)) found.push(n);
    }
    // A returned promise rejects after the function has left its try: no catch covers it (`return await` is the await's).
    if (returns && ts.isReturnStatement(n) && n.expression && !ts.isAwaitExpression(skipOuter(n.expression, SEEN_THROUGH))) found.push(n.expression);
    ts.forEachChild(n, (c) => visit(c, covered));
  };
  visit(from, false);
  return found;
}

/**
 * `try { stopPinging(); await socket.close(); } catch (err) { await socket.close(); throw err; }`
 * (rethinkdb-ts's `close()`, check 54): a catch that rethrows the error it caught rejects only
 * when the try's awaits (or throws) can; the try is returned so that its points judge the `throw`.
 * Only where nothing else in the try can throw: every call in it is awaited, or runs a function of
 * this file with no `throw` (a sync `JSON.parse` or a library call could throw what is rethrown).
 */
function rethrownTry(t: ts.ThrowStatement): ts.TryStatement | undefined {
  const e = t.expression && skipOuter(t.expression, SEEN_THROUGH);
  if (!e || !ts.isIdentifier(e)) return undefined;
  let n: ts.Node = t;
  for (; n.parent && !ts.isCatchClause(n.parent); n = n.parent) if (ts.isFunctionLike(n.parent)) return undefined;
  const clause = n.parent;
  if (!clause || !ts.isCatchClause(clause) || !clause.variableDeclaration || !ts.isIdentifier(clause.variableDeclaration.name)) return undefined;
  if (clause.variableDeclaration.name.text !== e.text || !ts.isTryStatement(clause.parent)) return undefined;
  return onlyAwaitsCanThrow(clause.parent.tryBlock) ? clause.parent : undefined;
}

/** Every call of the block (outside nested functions) is awaited, or calls a function of this file that has no `throw`. */
function onlyAwaitsCanThrow(block: ts.Block): boolean {
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isNewExpression(n)) ok = false;
    if (ts.isCallExpression(n) && !ts.isAwaitExpression(skipOuterParent(n))) {
      const local = localCallee(n);
      if (!local || containsThrow(local.body)) ok = false;
    }
    ts.forEachChild(n, visit);
  };
  visit(block);
  return ok;
}

/** The node around `n` past parentheses, `!` and `as`. */
function skipOuterParent(n: ts.Node): ts.Node {
  let p = n.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p) || ts.isAsExpression(p))) p = p.parent;
  return p;
}

/**
 * `catch (err) { if (/Target closed/.test(err.message)) return; throw err; }`, `catch (err) { if
 * (this.enabled) throw err; }`: a catch that lets the errors it expects go and rethrows the rest
 * on purpose. The awaits have the try/catch the rule asks for; what the catch chose to rethrow is
 * the author's decision (lighthouse's target manager, check 30). A catch that rethrows every
 * error (`catch (e) { log(e); throw e }`) handles nothing, and stays a rejection. Only in the
 * callback's own body (`ownCatches`): a helper's filtered rethrow is meant for its caller, which
 * here is a timer or listener that drops it (flipt's `refresh()` under `errorStrategy: 'fail'`,
 * a real bug).
 */
function isFilteringRethrow(t: ts.ThrowStatement): boolean {
  const conditions: ts.Node[] = [];
  let n: ts.Node = t;
  for (; n.parent && !ts.isCatchClause(n.parent); n = n.parent) {
    if (ts.isFunctionLike(n.parent)) return false;
    if (ts.isIfStatement(n.parent) || ts.isSwitchStatement(n.parent) || ts.isCaseClause(n.parent)) conditions.push(n.parent);
  }
  const clause = n.parent;
  if (!clause || !ts.isCatchClause(clause) || !clause.variableDeclaration || !ts.isIdentifier(clause.variableDeclaration.name)) return false;
  const caught = clause.variableDeclaration.name.text;
  if (!t.expression || !ts.isIdentifier(t.expression) || t.expression.text !== caught) return false;
  // `if (error) throw error`: every error is truthy, so that tests nothing.
  const filters = conditions.some((c) => !(ts.isIfStatement(c) && testsOnlyPresence(c.expression, caught)));
  return filters || leavesEarly(clause.block, t);
}

/** `err`, `!!err`, `err != null`, `err !== undefined`: true for every caught error. */
function testsOnlyPresence(cond: ts.Expression, caught: string): boolean {
  const e = skipOuter(cond, SEEN_THROUGH);
  if (ts.isIdentifier(e)) return e.text === caught;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken && ts.isPrefixUnaryExpression(e.operand)) return testsOnlyPresence(e.operand.operand, caught);
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(e.operatorToken.kind)) {
    const other = ts.isIdentifier(e.left) && e.left.text === caught ? e.right : ts.isIdentifier(e.right) && e.right.text === caught ? e.left : undefined;
    return other !== undefined && (other.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(other) && other.text === 'undefined'));
  }
  return false;
}

/** A `return` in the block (not in a nested function) before `before`: some errors leave quietly. */
function leavesEarly(block: ts.Block, before: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || n.pos >= before.pos || ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(block, visit);
  return found;
}

/** `if (init)` or `if (init && …)` where `init` is a parameter the call leaves false. */
function isKnownFalse(cond: ts.Expression, falseNames: ReadonlySet<string>): boolean {
  const e = skipOuter(cond, SEEN_THROUGH);
  if (ts.isIdentifier(e)) return falseNames.has(e.text);
  return ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && isKnownFalse(e.left, falseNames);
}

/** `!init` where `init` is a parameter the call leaves false: always true. */
function isKnownFalseNegation(cond: ts.Expression, falseNames: ReadonlySet<string>): boolean {
  const e = skipOuter(cond, SEEN_THROUGH);
  return ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken && ts.isIdentifier(skipOuter(e.operand, SEEN_THROUGH)) &&
    falseNames.has((skipOuter(e.operand, SEEN_THROUGH) as ts.Identifier).text);
}

/** `await p.catch(…)`, `await p.then(ok, fail)`, `await Promise.allSettled(…)`: cannot reject on the awaited promise's account. */
export function handlesOwnRejection(e: ts.Expression): boolean {
  const x = skipOuter(e, SEEN_THROUGH);
  if (!ts.isCallExpression(x) || !ts.isPropertyAccessExpression(x.expression)) return false;
  const name = x.expression.name.text;
  if (name === 'allSettled') return true;
  const handler = name === 'catch' ? x.arguments[0] : name === 'then' && x.arguments.length >= 2 ? x.arguments[1] : undefined;
  return handler !== undefined && !rethrows(handler);
}

/** A rejection handler written here that throws again (`.catch((err) => { if (…) log(err); else throw err; })`): the promise still rejects. */
function rethrows(handler: ts.Expression): boolean {
  const h = skipOuter(handler, SEEN_THROUGH);
  if (!ts.isArrowFunction(h) && !ts.isFunctionExpression(h)) return false;
  return uncovered(h as FunctionWithBody, false, new Set()).some((n) => ts.isThrowStatement(n));
}

function pointVerdict(point: ts.Node, depth: number, seen: Followed, ctx: Resolver): Verdict {
  if (ts.isAwaitExpression(point)) return valueVerdict(point.expression, depth, seen, ctx);
  if (ts.isExpression(point)) return valueVerdict(point, depth, seen, ctx);
  if (ts.isThrowStatement(point)) return rethrowVerdict(point, depth, seen, ctx) ?? REJECTS;
  return REJECTS;
}

/** `throw err` of the error a catch caught (see `rethrownTry`): it rejects as the points of its try can. */
function rethrowVerdict(point: ts.ThrowStatement, depth: number, seen: Followed, ctx: Resolver): Verdict | undefined {
  const tried = rethrownTry(point);
  const fn = tried && (enclosingFunction(tried) as FunctionWithBody | undefined);
  if (!tried || !fn || !fn.body) return undefined;
  const falseNames = seen.get(fn) ?? new Set<string>();
  const points = uncovered(fn as FunctionWithBody, false, falseNames, false, tried.tryBlock);
  return everyVerdict(points.map((p) => pointVerdict(p, depth, seen, ctx)));
}

/** Whether a value can be a rejected promise: a literal cannot; a call can unless its function settles. */
function valueVerdict(expr: ts.Expression, depth: number, seen: Followed, ctx: Resolver): Verdict {
  const e = skipOuter(expr, SEEN_THROUGH);
  if (ts.isLiteralExpression(e) || ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e) ||
    ts.isTemplateExpression(e) || ts.isVoidExpression(e) || e.kind === ts.SyntaxKind.TrueKeyword ||
    e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined')) return SETTLES;
  // `return new MatrixProfile(id, {})` hands back an object, no promise: only a promise the function returns can reject later.
  if (ts.isNewExpression(e)) return isSettlingPromise(e) || isSettlingFlowPromise(e, ctx) || !makesPromise(e) ? SETTLES : REJECTS;
  // `return ok ? await req.json() : await req.text()`: an awaited value is never a promise (its own rejection is a point of its own).
  if (ts.isAwaitExpression(e)) return SETTLES;
  // `return this` of a fluent method: the object itself, no promise unless its class has a `then`.
  if (e.kind === ts.SyntaxKind.ThisKeyword) return isThenableThis(e) ? REJECTS : SETTLES;
  if (ts.isIdentifier(e) && isTypedPlainParameter(e)) return SETTLES;
  if (ts.isIdentifier(e)) return heldValueVerdict(e, depth, seen, ctx);
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(e.operatorToken.kind)) {
    return eitherVerdict(e.left, e.right, depth, seen, ctx);
  }
  if (ts.isConditionalExpression(e)) return eitherVerdict(e.whenTrue, e.whenFalse, depth, seen, ctx);
  // `response.status === 200`, `a + b`, `!ok`, `typeof x`: a comparison or arithmetic gives a plain value.
  if ((ts.isBinaryExpression(e) && PLAIN_OPERATORS.has(e.operatorToken.kind)) || ts.isPrefixUnaryExpression(e) || ts.isTypeOfExpression(e)) return SETTLES;
  // `data.producers` of an awaited `data`: a property of a settled value.
  const base = ts.isPropertyAccessExpression(e) && !ts.isCallExpression(e.parent) ? skipOuter(e.expression, SEEN_THROUGH) : undefined;
  if (base && ts.isIdentifier(base) && awaitedBinding(base)) return SETTLES;
  // `return this.credentials` of a member the class only ever sets to awaited or plain values.
  if (base && base.kind === ts.SyntaxKind.ThisKeyword && holdsSettledValues(e as ts.PropertyAccessExpression)) return SETTLES;
  // `await this.runPromise` of a member only ever given `this.run()` (or nothing): it rejects as that call can.
  if (base && base.kind === ts.SyntaxKind.ThisKeyword) {
    const stored = storedMemberVerdict(e as ts.PropertyAccessExpression, depth, seen, ctx);
    if (stored) return stored;
  }
  if (!ts.isCallExpression(e)) return REJECTS;
  if (handlesOwnRejection(e) || isPromiseResolveOfValue(e) || isSuppliedCall(e) || loadsOwnModule(e) || loadsDependency(e, ctx) || isSettledBuiltIn(e) || isHostDatabaseCall(e, ctx) ||
    isArrayMethodCall(e) || isPlainDelay(e, ctx) || readsShippedFile(e) || computesInMemory(e, ctx) || settlingLibraryMethod(e, ctx)) return SETTLES;
  const stored = storedPromiseVerdict(e, depth, seen, ctx);
  if (stored) return stored;
  const combined = combinatorVerdict(e, depth, seen, ctx);
  if (combined) return combined;
  const flow = promiseFlowVerdict(e, depth, seen, ctx);
  if (flow) return flow;
  const chained = thenVerdict(e, depth, seen, ctx);
  if (chained) return chained;
  const local = localCallee(e);
  if (local) {
    const falseNames = falseParameters(local, e);
    const following = seen.get(local);
    // Recursion: the call runs the same body again, which rejects only where the body already does.
    if (following && [...following].every((n) => falseNames.has(n))) return SETTLES;
    // With more parameters given (`this._refresh(hostIterator)` from `this._refresh()`) it may take other
    // branches: those are followed once more, and a further call with the same ones settles as above.
    if (depth >= MAX_DEPTH) {
      // Deeper than we follow here: the callee's own `settles` fact, which this file records and the project chains.
      const own = ctx && ownSettlesFact(local);
      return own ? { rejects: false, waitsFor: [ctx.inListener ? asInListener(own) : own] } : REJECTS;
    }
    seen.set(local, falseNames);
    const v = functionVerdict(local, falseNames, depth + 1, seen, ctx);
    if (following) seen.set(local, following);
    else seen.delete(local);
    return v;
  }
  const facts = ctx && otherFileCallee(e, ctx);
  if (facts) return { rejects: false, waitsFor: ctx.inListener ? facts.map(asInListener) : facts };
  // `await client.disconnect(done)`, `await server.shutdown(0, (err) => …)`: a library's callback form
  // hands its error to the callback and returns no promise, so the await has nothing to reject.
  return takesNodeCallback(e) ? SETTLES : REJECTS;
}

const PLAIN_OPERATORS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken,
  ts.SyntaxKind.InstanceOfKeyword, ts.SyntaxKind.InKeyword,
]);

/** The last argument is an error-first callback: a function whose first parameter is the error, or a name that says so. */
function takesNodeCallback(call: ts.CallExpression): boolean {
  const last = call.arguments[call.arguments.length - 1];
  if (!last) return false;
  // `p.catch((err) => …)` is a promise's handler, not a callback form: the promise it returns is awaited.
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (ts.isPropertyAccessExpression(callee) && ['catch', 'then', 'finally'].includes(callee.name.text)) return false;
  const e = skipOuter(last, SEEN_THROUGH);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
    const first = e.parameters[0];
    return first !== undefined && ts.isIdentifier(first.name) && ERROR_PARAMETER.test(first.name.text);
  }
  return ts.isIdentifier(e) && CALLBACK_NAME.test(e.text);
}

const ERROR_PARAMETER = /^(err|error|er|_err|_error)$/; // not `e`: `page.$eval(sel, (e) => e.innerText)` is an element
const CALLBACK_NAME = /^(cb|callback|done|next|_cb|_callback)$/;

/**
 * `import('./plugins/storage')`, or as TypeScript compiles it to CommonJS,
 * `Promise.resolve().then(() => __importStar(require('./plugins/storage')))`: a module of the
 * package itself, which ships with it; loading it fails only if the package is broken.
 */
function loadsOwnModule(call: ts.CallExpression): boolean {
  const isRelative = (a: ts.Expression | undefined): boolean => a !== undefined && ts.isStringLiteralLike(a) && /^\.\.?\//.test(a.text);
  if (call.expression.kind === ts.SyntaxKind.ImportKeyword) return isRelative(call.arguments[0]);
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'then' || call.arguments.length !== 1) return false;
  const cb = skipOuter(call.arguments[0], SEEN_THROUGH);
  if (!ts.isArrowFunction(cb) || ts.isBlock(cb.body)) return false;
  let body = skipOuter(cb.body, SEEN_THROUGH);
  // `__importStar(require(…))`, `__importDefault(require(…))`, or a bare `require(…)`.
  if (ts.isCallExpression(body) && ts.isIdentifier(body.expression) && /^__import(Star|Default)$/.test(body.expression.text) && body.arguments.length === 1) {
    body = skipOuter(body.arguments[0], SEEN_THROUGH);
  }
  const start = skipOuter(callee.expression, SEEN_THROUGH);
  return ts.isCallExpression(body) && ts.isIdentifier(body.expression) && body.expression.text === 'require' && isRelative(body.arguments[0]) &&
    ts.isCallExpression(start) && isPromiseResolveOfValue(start);
}

/**
 * `await import('axios')` at module load, with `axios` in the package's `dependencies`: installed
 * with the package itself, so loading it fails only in a broken install, which fails at start-up
 * (swagger-stats' lazy axios load in a top-level `new Promise(async …)`, check 59). Optional, peer
 * and dev dependencies may be missing where the package runs: those can reject. In a function that
 * runs later (a message handler), the import stays a point (iobroker.backitup, check 53).
 */
function loadsDependency(call: ts.CallExpression, ctx: Resolver): boolean {
  const spec = call.expression.kind === ts.SyntaxKind.ImportKeyword && call.arguments.length === 1 ? skipOuter(call.arguments[0], SEEN_THROUGH) : undefined;
  if (!spec || !ts.isStringLiteralLike(spec) || /^[./]/.test(spec.text) || !ctx?.packageDir || !runsAtModuleLoad(call)) return false;
  const name = spec.text.split('/').slice(0, spec.text.startsWith('@') ? 2 : 1).join('/');
  const deps = ctx.packageJson(ctx.packageDir)?.dependencies;
  return deps !== null && typeof deps === 'object' && typeof (deps as Record<string, unknown>)[name] === 'string';
}

/** The call is in a function run where it is written at the top of the module: an executor `new Promise(async …)` or an IIFE. */
function runsAtModuleLoad(call: ts.Node): boolean {
  const fn = enclosingFunction(call);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  let site: ts.Node = fn.parent;
  while (ts.isParenthesizedExpression(site)) site = site.parent;
  return (ts.isNewExpression(site) || (ts.isCallExpression(site) && skipOuter(site.expression, SEEN_THROUGH) === fn)) && enclosingFunction(site) === undefined;
}

/**
 * `Promise.all(names.map(async (n) => …))`, `Promise.race([a(), b()])`: rejects only if one of the
 * promises it waits for can — what the mapped function returns, or each listed call.
 */
function combinatorVerdict(call: ts.CallExpression, depth: number, seen: Followed, ctx: Resolver): Verdict | undefined {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(callee) || !['all', 'race', 'any'].includes(callee.name.text) || call.arguments.length !== 1) return undefined;
  const receiver = skipOuter(callee.expression, SEEN_THROUGH);
  if (!ts.isIdentifier(receiver) || receiver.text !== 'Promise' || findDeclaration('Promise', receiver)) return undefined;
  const list = skipOuter(call.arguments[0], SEEN_THROUGH);
  const parts: Verdict[] = [];
  if (ts.isArrayLiteralExpression(list)) {
    for (const el of list.elements) parts.push(ts.isSpreadElement(el) ? REJECTS : valueVerdict(el, depth, seen, ctx));
  } else if (ts.isCallExpression(list) && ts.isPropertyAccessExpression(list.expression) && list.expression.name.text === 'map' && list.arguments.length >= 1) {
    const mapped = skipOuter(list.arguments[0], SEEN_THROUGH);
    // `urls.map(lookupdRequest)`: a function of this file, by name.
    const fn = ts.isIdentifier(mapped) ? functionNamed(mapped) : mapped;
    if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn)) || !fn.body || depth >= MAX_DEPTH) return REJECTS;
    parts.push(isAsync(fn) ? functionVerdict(fn as FunctionWithBody, new Set(), depth + 1, seen, ctx)
      : ts.isBlock(fn.body) ? REJECTS : valueVerdict(fn.body, depth + 1, seen, ctx));
  } else {
    return undefined;
  }
  if (parts.some((v) => v.rejects)) return REJECTS;
  return { rejects: false, waitsFor: parts.flatMap((v) => (v.rejects ? [] : v.waitsFor)) };
}

/** `await asyncMap(routes, async (route) => …)` of a control-flow library: rejects only if one of its async tasks can. */
function promiseFlowVerdict(call: ts.CallExpression, depth: number, seen: Followed, ctx: Resolver): Verdict | undefined {
  const tasks = promiseFlowTasks(call, ctx);
  if (!tasks) return undefined;
  if (depth >= MAX_DEPTH) return REJECTS;
  return everyVerdict(tasks.map((t) => functionVerdict(t as FunctionWithBody, new Set(), depth + 1, seen, ctx)));
}

function everyVerdict(parts: Verdict[]): Verdict {
  if (parts.some((v) => v.rejects)) return REJECTS;
  return { rejects: false, waitsFor: parts.flatMap((v) => (v.rejects ? [] : v.waitsFor)) };
}

/**
 * `await this.createObjectNotExists(…).then(() => { this.setStateConditional(…); })`: the chain
 * rejects only if the promise it continues can, or a callback throws or returns one that can.
 */
function thenVerdict(call: ts.CallExpression, depth: number, seen: Followed, ctx: Resolver): Verdict | undefined {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(callee) || !['then', 'finally'].includes(callee.name.text) || call.arguments.length === 0) return undefined;
  const callbacks = call.arguments.map((a) => skipOuter(a, SEEN_THROUGH));
  if (!callbacks.every((f) => ts.isArrowFunction(f) || ts.isFunctionExpression(f))) return undefined;
  if (depth >= MAX_DEPTH) return REJECTS;
  const parts = [valueVerdict(callee.expression, depth, seen, ctx)];
  for (const f of callbacks as (ts.ArrowFunction | ts.FunctionExpression)[]) {
    parts.push(ts.isBlock(f.body) ? functionVerdict(f, new Set(), depth + 1, seen, ctx) : valueVerdict(f.body, depth + 1, seen, ctx));
  }
  if (parts.some((v) => v.rejects)) return REJECTS;
  return { rejects: false, waitsFor: parts.flatMap((v) => (v.rejects ? [] : v.waitsFor)) };
}

/** Built-ins that return plain values and do not throw on what they are given: `Object.values(nodes)`, `Math.max(…)`. */
const SETTLED_BUILT_INS: Record<string, ReadonlySet<string>> = {
  Object: new Set(['keys', 'values', 'entries', 'freeze', 'assign']),
  Array: new Set(['isArray', 'of']),
  Math: new Set(['max', 'min', 'round', 'floor', 'ceil', 'abs', 'random']),
};

function isSettledBuiltIn(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return false;
  const owner = callee.expression.text;
  return ownEntry(SETTLED_BUILT_INS, owner)?.has(callee.name.text) === true && !findDeclaration(owner, callee.expression);
}

/** `this.getStateAsync(id)` in a package of a host whose API it is (HOST_DATABASE_APIS): the host's own database. */
function isHostDatabaseCall(call: ts.CallExpression, ctx: Resolver): boolean {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (!ctx || !ts.isPropertyAccessExpression(callee)) return false;
  const name = callee.name.text;
  return hostApisOf(ctx).some((api) => api.methods.test(name) || (ctx.inListener === true && api.inListeners?.test(name) === true));
}


/** `await execution` with `const execution = func()`: what the local was made from. */
function heldValueVerdict(id: ts.Identifier, depth: number, seen: Followed, ctx: Resolver): Verdict {
  // `const { producers, data } = await res.json()`: an awaited value is settled, never a promise.
  if (awaitedBinding(id)) return SETTLES;
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl)) return REJECTS;
  // `let found = false; … found = type.startsWith(t); if (found) break; … return found`: a flag the
  // function starts as a boolean and tests as one holds no promise (one would always be truthy).
  // A variable that starts empty and is tested (`if (pending) await pending`) may well hold one.
  if (startsAsBoolean(decl) && testedAsCondition(decl)) return SETTLES;
  // `const out = ignore(); out.add(rules); return out`: a method a promise does not have is called on it.
  if (decl.initializer && isConstDeclaration(decl) && usedAsPlainObject(decl)) return SETTLES;
  if (decl.initializer && isConstDeclaration(decl)) return valueVerdict(decl.initializer, depth, seen, ctx);
  // `let fileClosePromise; … fileClosePromise = new Promise((res) => file.on('close', res))`: declared
  // empty, then assigned: every value it is given must settle.
  const values = laterValues(decl, id);
  if (!values?.length) return REJECTS;
  // `pending = pending || fetchAll()`: the variable's own earlier value is one of the values being
  // judged here, so meeting it again adds nothing (and following it would never end).
  if (judgingValuesOf.has(decl)) return SETTLES;
  judgingValuesOf.add(decl);
  try {
    return everyValueVerdict(values, depth, seen, ctx);
  } finally {
    judgingValuesOf.delete(decl);
  }
}

/** A promise's own methods: any other called on a value says it is no promise. */
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * The function calls a method on the `const` that no promise has (`out.add(…)`, `watcher.on(…)`),
 * not behind `?.`: had it held a promise, that call would throw right there, before any return.
 */
function usedAsPlainObject(decl: ts.VariableDeclaration): boolean {
  if (!ts.isIdentifier(decl.name)) return false;
  const name = decl.name.text;
  const fn = ts.findAncestor(decl, ts.isFunctionLike);
  if (!fn) return false;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && !n.expression.questionDotToken && !n.questionDotToken) {
      const receiver = skipOuter(n.expression.expression, SEEN_THROUGH);
      if (ts.isIdentifier(receiver) && receiver.text === name && !PROMISE_METHODS.has(n.expression.name.text) &&
        findDeclaration(name, receiver) === decl) found = true;
    }
  };
  walkTree(fn, visit);
  return found;
}

function startsAsBoolean(decl: ts.VariableDeclaration): boolean {
  const init = decl.initializer && skipOuter(decl.initializer, SEEN_THROUGH);
  return init !== undefined && (init.kind === ts.SyntaxKind.TrueKeyword || init.kind === ts.SyntaxKind.FalseKeyword);
}

/** The variable is read as a condition in its own function: `if (x)`, `x ? … : …`, `!x`, `while (x)`. */
function testedAsCondition(decl: ts.VariableDeclaration): boolean {
  if (!ts.isIdentifier(decl.name)) return false;
  const name = decl.name.text;
  const fn = ts.findAncestor(decl, ts.isFunctionLike);
  if (!fn) return false;
  const isIt = (e: ts.Expression | undefined): boolean => {
    const x = e && skipOuter(e, SEEN_THROUGH);
    return x !== undefined && ts.isIdentifier(x) && x.text === name && findDeclaration(name, x) === decl;
  };
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if ((ts.isIfStatement(n) || ts.isWhileStatement(n)) && isIt(n.expression)) found = true;
    else if (ts.isConditionalExpression(n) && isIt(n.condition)) found = true;
    else if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.ExclamationToken && isIt(n.operand)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

/** Rejects if any of the values may; else settles once what each waits for does. */
function everyValueVerdict(values: readonly ts.Expression[], depth: number, seen: Followed, ctx: Resolver): Verdict {
  const waitsFor: SettlesFact[] = [];
  for (const v of values) {
    const verdict = valueVerdict(v, depth, seen, ctx);
    if (verdict.rejects) return REJECTS;
    waitsFor.push(...verdict.waitsFor);
  }
  return { rejects: false, waitsFor };
}

/** Variables whose assigned values are being judged, further up this call stack. */
const judgingValuesOf = new Set<ts.VariableDeclaration>();

const laterValuesOf = new WeakMap<ts.VariableDeclaration, ts.Expression[] | undefined>();

/**
 * The values a variable of a function, declared empty, is assigned later; undefined for a
 * module-level one (state anything may set), one declared with a value, or one also assigned
 * with `||=`, `??=`, `+=`… Remembered per declaration.
 */
function laterValues(decl: ts.VariableDeclaration, id: ts.Identifier): ts.Expression[] | undefined {
  if (laterValuesOf.has(decl)) return laterValuesOf.get(decl);
  let values: ts.Expression[] | undefined;
  const inFunction = ts.findAncestor(decl, (n) => ts.isFunctionLike(n) || ts.isSourceFile(n));
  if (inFunction && !ts.isSourceFile(inFunction) && !compoundAssigned(decl, id.text)) {
    // Declared empty, or with a first value (`let found = false; … found = body.ok`): every value it is given.
    values = decl.initializer && !isEmptyValue(decl.initializer) ? everyValueOf(decl) : madeFromAny(id);
  }
  laterValuesOf.set(decl, values);
  return values;
}

/** `x ||= load()`, `x ??= …`, `x += …` anywhere in the variable's scope: values `madeFromAny` does not list. */
function compoundAssigned(decl: ts.VariableDeclaration, name: string): boolean {
  let scope: ts.Node = decl.parent;
  while (scope.parent && !ts.isSourceFile(scope) && !ts.isFunctionLike(scope)) scope = scope.parent;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind !== ts.SyntaxKind.EqualsToken && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(n.left) && n.left.text === name && findDeclaration(name, n.left) === decl) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

function isEmptyValue(e: ts.Expression): boolean {
  const x = skipOuter(e, SEEN_THROUGH);
  return x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined') || ts.isVoidExpression(x);
}

/**
 * A `this` member every value the class assigns to is plain: an awaited value, a literal, an
 * object or array literal; or a parameter (`setCredentials(credentials)`) when the class also
 * assigns it an awaited value, which says what kind of value it holds. Reading it gives no
 * promise to reject.
 */
function holdsSettledValues(member: ts.PropertyAccessExpression): boolean {
  const values = madeFromAny(member);
  if (!values?.length) return false;
  let plain = 0;
  for (const v of values) {
    const x = skipOuter(v, SEEN_THROUGH);
    if (ts.isAwaitExpression(x) || ts.isLiteralExpression(x) || ts.isObjectLiteralExpression(x) || ts.isArrayLiteralExpression(x) ||
      ts.isTemplateExpression(x) || x.kind === ts.SyntaxKind.TrueKeyword || x.kind === ts.SyntaxKind.FalseKeyword) plain++;
    else if (!(ts.isIdentifier(x) && isParameterBinding(x))) return false;
  }
  return plain > 0 && values.some((v) => ts.isAwaitExpression(skipOuter(v, SEEN_THROUGH))) || plain === values.length;
}

/** Methods of an array that return plain values (an array, a string, a number, a boolean), never one of its elements. */
const ARRAY_METHODS = new Set(['map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'sort', 'reverse', 'join', 'includes', 'indexOf',
  'findIndex', 'some', 'every', 'keys', 'values', 'entries', 'splice']);

/**
 * `ips.map((ip) => ({ value: ip }))` on an array made here (`const ips = []`, `Object.keys(…)`,
 * `a.concat(b)` of one): an array method with no async callback returns no promise.
 */
function isArrayMethodCall(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(callee) || !ARRAY_METHODS.has(callee.name.text)) return false;
  if (call.arguments.some((a) => { const f = skipOuter(a, SEEN_THROUGH); return (ts.isArrowFunction(f) || ts.isFunctionExpression(f)) && isAsync(f); })) return false;
  return isArrayValue(callee.expression, 0);
}

function isArrayValue(expr: ts.Expression, depth: number): boolean {
  const e = skipOuter(expr, SEEN_THROUGH);
  if (depth > 5) return false;
  if (ts.isArrayLiteralExpression(e)) return true;
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (decl === undefined || !ts.isVariableDeclaration(decl) || decl.initializer === undefined) return false;
    if (isConstDeclaration(decl)) return isArrayValue(decl.initializer, depth + 1);
    // `let areas = []; if (state) areas = state.val.toString().split(',')`: an array in every value it is given.
    const values = everyValueOf(decl);
    return values !== undefined && values.length > 0 && values.every((v) => isArrayValue(v, depth + 1));
  }
  if (!ts.isCallExpression(e)) return false;
  const callee = skipOuter(e.expression, SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  // `text.split(',')`: a string split by a literal separator.
  if (callee.name.text === 'split' && e.arguments.length >= 1 && (ts.isStringLiteralLike(e.arguments[0]) || ts.isRegularExpressionLiteral(e.arguments[0]))) return true;
  const owner = skipOuter(callee.expression, SEEN_THROUGH);
  // `Object.keys(o)`, `Array.from(x)`
  if (ts.isIdentifier(owner) && ((owner.text === 'Object' && ['keys', 'values', 'entries'].includes(callee.name.text)) ||
    (owner.text === 'Array' && ['from', 'of'].includes(callee.name.text))) && !findDeclaration(owner.text, owner)) return true;
  return ['map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'sort', 'reverse'].includes(callee.name.text) && isArrayValue(callee.expression, depth + 1);
}

/**
 * A delay that cannot fail: `promisify(process.nextTick)()`, `promisify(setImmediate)()`,
 * `promisify(setTimeout)(ms)`, `setTimeout(ms)` / `setImmediate()` of `timers/promises`
 * without options (only an abort signal makes those reject), and timer libraries (TIMER_DELAY_CALLS).
 */
function isPlainDelay(call: ts.CallExpression, ctx: Resolver): boolean {
  const callee = skipOuter(withoutIndirectCall(skipOuter(call.expression, SEEN_THROUGH)), SEEN_THROUGH);
  if (ts.isCallExpression(callee) && callee.arguments.length === 1) {
    const fn = skipOuter(withoutIndirectCall(skipOuter(callee.expression, SEEN_THROUGH)), SEEN_THROUGH);
    const name = ts.isIdentifier(fn) ? fn.text : ts.isPropertyAccessExpression(fn) ? fn.name.text : undefined;
    if (name !== 'promisify') return false;
    const arg = skipOuter(callee.arguments[0], SEEN_THROUGH);
    if (ts.isPropertyAccessExpression(arg)) return arg.getText().replace(/\s+/g, '') === 'process.nextTick' || /^timers\.(setTimeout|setImmediate)$/.test(arg.getText());
    return ts.isIdentifier(arg) && (arg.text === 'setImmediate' || arg.text === 'setTimeout') && !findDeclaration(arg.text, arg);
  }
  if (!ctx || call.arguments.length > 2) return false;
  const r = ctx.resolveCallee(callee);
  if (r?.library && TIMER_DELAY_CALLS.some((k) => k.module === r.module && k.calls.has(r.call))) return true;
  return r?.module === 'timers/promises' && (r.call === 'setTimeout' || r.call === 'setImmediate');
}

/**
 * `await hash(buf, 'hex')` of uint8-util: a library digest over memory (IN_MEMORY_ASYNC_CALLS), nothing to fail on;
 * `await isPortReachable(8001, { host })`: a library call that resolves false on failure (RESOLVING_ASYNC_CALLS).
 */
function computesInMemory(call: ts.CallExpression, ctx: Resolver): boolean {
  if (!ctx) return false;
  const r = ctx.resolveCallee(skipOuter(withoutIndirectCall(skipOuter(call.expression, SEEN_THROUGH)), SEEN_THROUGH));
  return r !== undefined && r.library && [...IN_MEMORY_ASYNC_CALLS, ...RESOLVING_ASYNC_CALLS].some((k) => k.module === r.module && k.calls.has(r.call));
}

/**
 * `await client.close()` of an MCP SDK `Client` (SETTLING_LIBRARY_METHODS): a library object's
 * method that only detaches and aborts. Every value the receiver is given must be made by that
 * library export (`let client = null; … client = new Client(…)`).
 */
function settlingLibraryMethod(call: ts.CallExpression, ctx: Resolver): boolean {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (!ctx || !ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  const known = SETTLING_LIBRARY_METHODS.filter((k) => k.methods.has(method));
  if (!known.length) return false;
  const values = madeFromAny(callee.expression);
  return values !== undefined && values.length > 0 && values.every((v) => {
    let made = skipOuter(v, SEEN_THROUGH);
    if (ts.isAwaitExpression(made)) made = skipOuter(made.expression, SEEN_THROUGH);
    if (!ts.isNewExpression(made) && !ts.isCallExpression(made)) return false;
    const r = ctx.resolveCallee(made.expression);
    return r !== undefined && r.library && known.some((k) => k.module === r.module && k.made.has(r.call));
  });
}

/**
 * `load(path.join(__dirname, './proto/mcs.proto'))`, `readFile(path.resolve(__dirname, 'schema.json'))`:
 * reading (loading) a file the package ships, at a path fixed here; it fails only if the package is broken.
 */
function readsShippedFile(call: ts.CallExpression): boolean {
  const callee = skipOuter(withoutIndirectCall(skipOuter(call.expression, SEEN_THROUGH)), SEEN_THROUGH);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (!name || !/^(load|read|readFile|readJson|loadFile)$/i.test(name) || call.arguments.length === 0) return false;
  const [first, ...rest] = call.arguments;
  const isLiteral = (a: ts.Expression) => { const x = skipOuter(a, SEEN_THROUGH); return ts.isStringLiteralLike(x) || ts.isNumericLiteral(x); };
  if (!rest.every(isLiteral)) return false;
  const p = skipOuter(first, SEEN_THROUGH);
  if (!ts.isCallExpression(p) || p.arguments.length < 2) return false;
  const join = skipOuter(withoutIndirectCall(skipOuter(p.expression, SEEN_THROUGH)), SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(join) || !['join', 'resolve'].includes(join.name.text)) return false;
  const [dir, ...parts] = p.arguments;
  const d = skipOuter(dir, SEEN_THROUGH);
  return ts.isIdentifier(d) && d.text === '__dirname' && parts.every((a) => ts.isStringLiteralLike(skipOuter(a, SEEN_THROUGH)));
}

/** A `const` made from an `await`, directly or destructured. */
function awaitedBinding(id: ts.Identifier): boolean {
  const decl = findDeclaration(id.text, id);
  const root = decl && ts.isBindingElement(decl) ? rootDeclaration(decl) : decl;
  return root !== undefined && ts.isVariableDeclaration(root) && root.initializer !== undefined && isConstDeclaration(root) &&
    ts.isAwaitExpression(skipOuter(root.initializer, SEEN_THROUGH));
}

/** `a || b`, `a ?? b`, `c ? a : b`: rejects if either value it can be may. */
function eitherVerdict(a: ts.Expression, b: ts.Expression, depth: number, seen: Followed, ctx: Resolver): Verdict {
  const va = valueVerdict(a, depth, seen, ctx);
  if (va.rejects) return REJECTS;
  const vb = valueVerdict(b, depth, seen, ctx);
  return vb.rejects ? REJECTS : { rejects: false, waitsFor: [...va.waitsFor, ...vb.waitsFor] };
}

/**
 * A call of a function the caller supplies: a parameter (`func()` in a debounce helper), or a
 * member the class only ever sets from a parameter (`this.messageHandler(…)` after
 * `init(transit, messageHandler) { this.messageHandler = messageHandler }`). Whether it can
 * reject is up to the code that supplies it, which is where its failure is handled or not.
 */
function isSuppliedCall(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (isOptionalHookCall(call)) return true;
  if (ts.isIdentifier(callee)) return isParameterBinding(callee);
  const member = thisMemberName(callee);
  if (member === undefined || ownMember(callee, member)) return false;
  const made = madeFrom(callee);
  const source = made && skipOuter(made, SEEN_THROUGH);
  return source !== undefined && ts.isIdentifier(source) && isParameterBinding(source);
}

/**
 * `collector.options.onStopError?.(reason, err)`: an event hook (`on…`) called only if it is there
 * is one the user may hand in with the options; the library does not write it.
 */
function isOptionalHookCall(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  return call.questionDotToken !== undefined && ts.isPropertyAccessExpression(callee) && /^on[A-Z]/.test(callee.name.text);
}

/** `this` in a class that declares `then` (a thenable of its own), or outside any class: it may be a promise. */
function isThenableThis(e: ts.Expression): boolean {
  const owner = thisOwner(e);
  return !owner || owner.cls.members.some((m) => memberName(m.name) === 'then');
}

/**
 * `resolveTrack(track: Track) { …; return track }`: a parameter whose declared type names a plain
 * value (a class, an interface, `string`), not a promise: returning it hands back no rejection.
 */
function isTypedPlainParameter(id: ts.Identifier): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isParameter(decl) || !decl.type) return false;
  return isPlainType(decl.type);
}

function isPlainType(t: ts.TypeNode): boolean {
  if (ts.isParenthesizedTypeNode(t)) return isPlainType(t.type);
  if (ts.isUnionTypeNode(t)) return t.types.every(isPlainType);
  if (ts.isArrayTypeNode(t) || ts.isTypeLiteralNode(t) || ts.isLiteralTypeNode(t)) return true;
  if (ts.isTypeReferenceNode(t)) return !/promise|thenable|deferred/i.test(t.typeName.getText()) && !(t.typeArguments?.length);
  return PLAIN_TYPE_KEYWORDS.has(t.kind);
}

const PLAIN_TYPE_KEYWORDS = new Set<ts.SyntaxKind>([ts.SyntaxKind.StringKeyword, ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.BooleanKeyword,
  ts.SyntaxKind.BigIntKeyword, ts.SyntaxKind.NullKeyword, ts.SyntaxKind.UndefinedKeyword, ts.SyntaxKind.VoidKeyword]);

/** A parameter, or a name destructured from one (`constructor({ onCrash }) { this.onCrash = onCrash }`). */
function isParameterBinding(id: ts.Identifier): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl) return false;
  return ts.isParameter(decl) || (ts.isBindingElement(decl) && ts.isParameter(rootDeclaration(decl)));
}

/** The maps whose stored promises are being read: a stored value read from the same map again is a cycle. */
const readingMaps = new Set<ts.Node>();

/** Members whose assigned values are being judged, further up this call stack. */
const readingMembers = new Set<string>();

/**
 * `this.runPromise` when every value the class gives the member is judged: a call of its own
 * method (`this.run()`), a literal, `null`. Undefined when a value is out of sight (a parameter).
 */
function storedMemberVerdict(member: ts.PropertyAccessExpression, depth: number, seen: Followed, ctx: Resolver): Verdict | undefined {
  const values = madeFromAny(member);
  if (!values?.length || depth >= MAX_DEPTH) return undefined;
  const owner = thisOwner(member);
  const key = `${owner ? owner.cls.pos : ''}:${member.name.text}`;
  if (readingMembers.has(key)) return REJECTS;
  readingMembers.add(key);
  try {
    return everyValueVerdict(values, depth + 1, seen, ctx);
  } finally {
    readingMembers.delete(key);
  }
}

/**
 * `await running.get(id)` on a Map of this scope that only ever stores promises that cannot
 * reject: awaiting a stored promise starts nothing that could.
 */
function storedPromiseVerdict(call: ts.CallExpression, depth: number, seen: Followed, ctx: Resolver): Verdict | undefined {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'get') return undefined;
  const map = skipOuter(callee.expression, SEEN_THROUGH);
  if (!ts.isIdentifier(map)) return undefined;
  const decl = findDeclaration(map.text, map);
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer, SEEN_THROUGH) : undefined;
  if (!init || !ts.isNewExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'Map' || init.arguments?.length) return undefined;
  const scope = decl!.parent.parent.parent;
  const stored: ts.Expression[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'set' &&
      ts.isIdentifier(n.expression.expression) && n.expression.expression.text === map.text && n.arguments[1]) stored.push(n.arguments[1]);
  };
  walkTree(scope, visit);
  if (!stored.length) return undefined;
  // `const p = cache.get(k) || load(); … cache.set(k, p)`: what is stored is read from the map again.
  if (readingMaps.has(decl!)) return REJECTS;
  readingMaps.add(decl!);
  try {
    return everyValueVerdict(stored, depth, seen, ctx);
  } finally {
    readingMaps.delete(decl!);
  }
}

/** Every uncovered point of the function, and every promise it returns, settles (or waits for other files); a throw rejects. */
function functionVerdict(fn: FunctionWithBody, falseNames: ReadonlySet<string>, depth: number, seen: Followed, ctx: Resolver): Verdict {
  const waitsFor: SettlesFact[] = [];
  for (const point of uncovered(fn, true, falseNames)) {
    // A callee's check of how it was called (`if (!id) throw …`) is no failure a caller that passes arguments meets.
    if ((ts.isThrowStatement(point) || isPromiseRejectCall(point)) && guarded(point, fn, ctx)) continue;
    if ((ts.isThrowStatement(point) && !rethrownTry(point)) || ts.isForOfStatement(point)) return REJECTS;
    const v = pointVerdict(point, depth, seen, ctx);
    if (v.rejects) return REJECTS;
    waitsFor.push(...v.waitsFor);
  }
  return { rejects: false, waitsFor };
}

/**
 * A call of a function of this file that cannot fail, by what the file shows: every await, throw
 * and returned promise of it is covered or settles (`allFastest(ps)` returning
 * `new Promise((resolve) => …)` that counts rejections as ticks; a method whose body is one
 * try/catch returning a value). Shared with the rules that ask which call of a loop can fail.
 * A function of another file, or one that waits for another file's fact, is not known here.
 */
export function localCallCannotFail(call: ts.CallExpression, ctx: Resolver): boolean {
  const local = localCallee(call);
  if (!local) return false;
  const falseNames = falseParameters(local, call);
  const v = functionVerdict(local, falseNames, 1, new Map([[local, falseNames]]), ctx);
  return !v.rejects && v.waitsFor.length === 0;
}

/**
 * Parameters a call leaves false: passed the literal `false`, or not passed at all — with a
 * `false` default, or with none (`undefined`).
 */
export function falseParameters(fn: FunctionWithBody, call: ts.CallExpression): Set<string> {
  const out = new Set<string>();
  if (call.arguments.some(ts.isSpreadElement)) return out;
  fn.parameters.forEach((p, i) => {
    const arg = call.arguments[i];
    // `close({ noreplyWait = false } = {})` called as `close()`: each option left at a `false` default, or with none.
    if (ts.isObjectBindingPattern(p.name) && !arg && (!p.initializer || ts.isObjectLiteralExpression(skipOuter(p.initializer, SEEN_THROUGH)))) {
      const given = p.initializer && ts.isObjectLiteralExpression(skipOuter(p.initializer, SEEN_THROUGH)) ? (skipOuter(p.initializer, SEEN_THROUGH) as ts.ObjectLiteralExpression).properties.length : 0;
      if (given) return;
      for (const el of p.name.elements) {
        if (!ts.isIdentifier(el.name) || el.dotDotDotToken) continue;
        if (!el.initializer || el.initializer.kind === ts.SyntaxKind.FalseKeyword) out.add(el.name.text);
      }
      return;
    }
    if (!ts.isIdentifier(p.name) || p.dotDotDotToken) return;
    if (!arg && !p.initializer) {
      out.add(p.name.text);
      return;
    }
    const value = arg ? skipOuter(arg, SEEN_THROUGH) : p.initializer;
    if (value?.kind === ts.SyntaxKind.FalseKeyword) out.add(p.name.text);
  });
  return out;
}

/** `new Promise((resolve) => …)` whose executor neither takes `reject` nor throws. */
/** `new Promise(…)`, `new Bluebird(…)`, `new Deferred()`: a constructor whose name says it makes a promise (or that we cannot name). */
function makesPromise(e: ts.NewExpression): boolean {
  const callee = skipOuter(e.expression, SEEN_THROUGH);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name === undefined || /promise|deferred|bluebird|thenable|task$/i.test(name);
}

function isSettlingPromise(e: ts.NewExpression): boolean {
  if (!ts.isIdentifier(e.expression) || e.expression.text !== 'Promise') return false;
  const exec = e.arguments?.[0] && skipOuter(e.arguments[0], SEEN_THROUGH);
  if (!exec || !(ts.isArrowFunction(exec) || ts.isFunctionExpression(exec)) || isAsync(exec)) return false;
  if (exec.parameters.length > 1) return false;
  return !containsThrow(exec.body);
}

/** `Promise.reject(err)`, returned. */
function isPromiseRejectCall(n: ts.Node): boolean {
  const e = ts.isExpression(n) ? skipOuter(n, SEEN_THROUGH) : undefined;
  if (!e || !ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'reject') return false;
  const owner = e.expression.expression;
  return ts.isIdentifier(owner) && owner.text === 'Promise' && !findDeclaration('Promise', owner);
}

/** `Promise.resolve()`, `Promise.resolve(value)` of a value that is no promise. */
function isPromiseResolveOfValue(e: ts.CallExpression): boolean {
  const callee = e.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'resolve' || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'Promise') return false;
  const arg = e.arguments[0];
  return !arg || !ts.isCallExpression(skipOuter(arg, SEEN_THROUGH));
}

function containsThrow(n: ts.Node): boolean {
  if (ts.isThrowStatement(n)) return true;
  if (ts.isFunctionLike(n)) return false;
  return ts.forEachChild(n, (c) => containsThrow(c) || undefined) ?? false;
}

// ---- Which function a call runs ----

/**
 * The function of this file a call runs: `this.end()` (a member of the enclosing class),
 * `loadScripts()` (a function declaration or a `const` function), `queue.end()` on an object
 * made from a class of this file.
 */
export function localCallee(call: ts.CallExpression): FunctionWithBody | undefined {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  const member = thisMemberName(callee) ?? thisAliasMemberName(callee);
  if (member !== undefined) return ownMember(callee, member) ?? inheritedMember(callee, member);
  // `super.receivedTopic(…)`: the base class's method, when the base class is in this file.
  const method = superMemberName(callee);
  if (method !== undefined) {
    const base = baseClassOf(callee, method);
    return base && ts.isClassLike(base) ? memberOf(base, method) : undefined;
  }
  if (ts.isIdentifier(callee)) return functionNamed(callee) ?? madeByFactory(callee);
  if (ts.isPropertyAccessExpression(callee)) {
    // `PushClient.init()`: a static method of a class of this file.
    const owner = skipOuter(callee.expression, SEEN_THROUGH);
    const named = ts.isIdentifier(owner) ? findDeclaration(owner.text, owner) : undefined;
    if (named && ts.isClassDeclaration(named)) return memberOf(named, callee.name.text);
    const cls = classMadeFrom(callee.expression);
    return cls && !ts.isIdentifier(cls) ? memberOf(cls, callee.name.text) : undefined;
  }
  return undefined;
}

/** `self._applyFilters` with `const self = this` (or `var _this = this`) in the method: a member of `this`. */
function thisAliasMemberName(callee: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return undefined;
  const decl = findDeclaration(callee.expression.text, callee.expression);
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer, SEEN_THROUGH) : undefined;
  return init?.kind === ts.SyntaxKind.ThisKeyword ? callee.name.text : undefined;
}

/**
 * The facts about another project file's function that say this call cannot reject:
 * `settles` for an imported function (`import { load } from './db'`, `db.load()` on a module,
 * `(0, util_1.load)()` as TypeScript compiles it), `settles:<method>` for a method of an
 * imported class (`this.queue.end()` with `this.queue = new Queue()` or `new queue_1.Queue()`,
 * `this.receive()` or `super.receive()` inherited from an imported base class, a static
 * `client_1.PushClient.init()`), and with `instance:<factory>` when the object came from a
 * static factory of that class (`this.api = await api_1.HTTPApi.initialize(…)`).
 */
function otherFileCallee(call: ts.CallExpression, ctx: NonNullable<Resolver>): SettlesFact[] | undefined {
  const callee = skipOuter(withoutIndirectCall(skipOuter(call.expression, SEEN_THROUGH)), SEEN_THROUGH);
  const project = (ref: FactRef | undefined) => (ref !== undefined && typeof ref !== 'string' ? ref : undefined);
  if (ts.isIdentifier(callee)) {
    const ref = project(ctx.factRef(callee));
    return ref && ref.file !== callee.getSourceFile().fileName ? [{ kind: 'settles', ref }] : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (thisMemberName(callee) !== undefined || superMemberName(callee) !== undefined) {
    // Inherited: `class Kafka extends Transporter` with Transporter imported, or `extends mqttBase_1.default`
    // as TypeScript compiles it; `super.receive()` of such a class. The first class of the chain not in this file.
    const base = baseClassOf(callee, method);
    const ref = base && !ts.isClassLike(base) ? baseClassRef(base, ctx) : undefined;
    return ref ? [{ kind: `settles:${method}`, ref }] : undefined;
  }
  const receiver = skipOuter(callee.expression, SEEN_THROUGH);
  // `db.load()` on a module object: `import * as db from './db'`, `const db = require('./db')`;
  // `utils_1.default.sleep()` as TypeScript compiles `import utils from './utils'; utils.sleep()`.
  const moduleObject = ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'default' ? skipOuter(receiver.expression, SEEN_THROUGH) : receiver;
  if (ts.isIdentifier(moduleObject)) {
    const ref = project(ctx.factRef(moduleObject));
    if (ref && (ref.name === '*' || ref.name === 'default') && ref.file !== moduleObject.getSourceFile().fileName) {
      return [{ kind: 'settles', ref: { file: ref.file, name: method } }];
    }
  }
  // A static method: `PushClient.init()` of an imported class, `client_1.PushClient.init()` compiled.
  const statics = projectClassRef(receiver, ctx);
  if (statics) return [{ kind: `settles:${method}`, ref: statics }];
  const cls = classMadeFrom(receiver);
  if (cls && ts.isIdentifier(cls)) {
    const ref = project(ctx.factRef(cls));
    return ref ? [{ kind: `settles:${method}`, ref }] : undefined;
  }
  const instance = !cls ? instanceOf(receiver, ctx) : undefined;
  if (instance) return [{ kind: `settles:${method}`, ref: instance.ref }, ...instance.via];
  // `this.mqtt.publish()` where nothing in this file says what `this.mqtt` holds (a base class or
  // a constructor parameter sets it): the project's class named after the member, `Mqtt`.
  const held = thisMemberName(receiver);
  if (held !== undefined && !cls && setElsewhere(receiver)) return [{ kind: `settles:${method}`, ref: classNameRef(held, packageOf(ctx)) }];
  // `adapter.createObjectNotExists()` on a parameter, in a helper module its callers hand the
  // object to (`createInitialInfoObjects(this)`): the project's class named after it, as for a member.
  if (ts.isIdentifier(receiver)) {
    const decl = findDeclaration(receiver.text, receiver);
    if (decl && ts.isParameter(decl) && ts.isIdentifier(decl.name)) return [{ kind: `settles:${method}`, ref: classNameRef(receiver.text, packageOf(ctx)) }];
  }
  // `this.player.node.rest.updatePlayer()`: a member of an object this class holds, which no file but
  // that object's class sets; the project's class named after the last member, `Rest`, as for a member.
  const nested = nestedThisMemberName(receiver);
  if (nested !== undefined) return [{ kind: `settles:${method}`, ref: classNameRef(nested, packageOf(ctx)) }];
  return undefined;
}

/** `this.player.node.rest`: the last name of a chain of plain member reads from `this`, two deep or more (one deep is `thisMemberName`'s). */
function nestedThisMemberName(expr: ts.Expression): string | undefined {
  const e = skipOuter(expr, SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.name)) return undefined;
  let base = skipOuter(e.expression, SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(base)) return undefined;
  while (ts.isPropertyAccessExpression(base)) base = skipOuter(base.expression, SEEN_THROUGH);
  return base.kind === ts.SyntaxKind.ThisKeyword ? e.name.text : undefined;
}

/**
 * A binding of another project file that names a class or function, as written: `PushClient`
 * imported by name, `client_1.PushClient` or `greenPower_1.default` of a module object. Not a
 * module object itself, and not a binding of this file.
 */
function projectClassRef(expr: ts.Expression, ctx: NonNullable<Resolver>): ModuleBinding | undefined {
  const e = skipOuter(expr, SEEN_THROUGH);
  const here = e.getSourceFile().fileName;
  if (ts.isIdentifier(e)) {
    const r = ctx.factRef(e);
    return r !== undefined && typeof r !== 'string' && r.name !== '*' && r.file !== here ? r : undefined;
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(skipOuter(e.expression, SEEN_THROUGH))) {
    const m = ctx.factRef(skipOuter(e.expression, SEEN_THROUGH) as ts.Identifier);
    return m !== undefined && typeof m !== 'string' && m.name === '*' && m.file !== here ? { file: m.file, name: e.name.text } : undefined;
  }
  return undefined;
}

/**
 * The class of another file an object was made from: `new queue_1.Queue()`, `new greenPower_1.default()`,
 * or a static factory of it (`await api_1.HTTPApi.initialize(…)`), which counts when that class's
 * file says the factory returns an instance of its class (`instance:<factory>`).
 */
function instanceOf(receiver: ts.Expression, ctx: NonNullable<Resolver>): { ref: ModuleBinding; via: SettlesFact[] } | undefined {
  const made = madeFrom(receiver);
  let e = made && skipOuter(made, SEEN_THROUGH);
  if (e && ts.isAwaitExpression(e)) e = skipOuter(e.expression, SEEN_THROUGH);
  if (!e) return undefined;
  if (ts.isNewExpression(e)) {
    const ref = projectClassRef(e.expression, ctx);
    return ref && { ref, via: [] };
  }
  if (ts.isCallExpression(e)) {
    const factory = skipOuter(withoutIndirectCall(skipOuter(e.expression, SEEN_THROUGH)), SEEN_THROUGH);
    if (!ts.isPropertyAccessExpression(factory)) return undefined;
    const ref = projectClassRef(factory.expression, ctx);
    return ref && { ref, via: [{ kind: `instance:${factory.name.text}`, ref }] };
  }
  return undefined;
}

/**
 * A static method that returns an instance of its own class: every `return` gives `new Cls(…)`,
 * `new this(…)`, or a `const` made from one (`const api = new HTTPApi(…); await api.load(); return api;`).
 */
function returnsOwnInstance(fn: FunctionWithBody, cls: ts.ClassLikeDeclaration): boolean {
  const own = (e: ts.Expression | undefined): boolean => {
    let x = e && skipOuter(e, SEEN_THROUGH);
    if (x && ts.isAwaitExpression(x)) x = skipOuter(x.expression, SEEN_THROUGH);
    if (!x) return false;
    if (ts.isIdentifier(x)) {
      const decl = findDeclaration(x.text, x);
      return decl !== undefined && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && decl.initializer !== undefined && own(decl.initializer);
    }
    if (!ts.isNewExpression(x)) return false;
    const made = skipOuter(x.expression, SEEN_THROUGH);
    return made.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(made) && cls.name !== undefined && made.text === cls.name.text);
  };
  if (!ts.isBlock(fn.body)) return own(fn.body);
  let returns = 0;
  let all = true;
  const visit = (n: ts.Node): void => {
    if (!all || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) {
      returns++;
      if (!own(n.expression)) all = false;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return all && returns > 0;
}

/**
 * `const analyzeTls = buildTlsAnalyzer(options)`: a `const` made by a function of this file that
 * returns one function written in it (`return async (socket) => { … }`); calling it runs that function.
 */
function madeByFactory(id: ts.Identifier): FunctionWithBody | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !isConstDeclaration(decl)) return undefined;
  const init = skipOuter(decl.initializer, SEEN_THROUGH);
  if (!ts.isCallExpression(init)) return undefined;
  const factoryCallee = skipOuter(init.expression, SEEN_THROUGH);
  const factory = ts.isIdentifier(factoryCallee) ? functionNamed(factoryCallee) : undefined;
  if (!factory || isAsync(factory)) return undefined;
  if (!ts.isBlock(factory.body)) {
    const x = skipOuter(factory.body, SEEN_THROUGH);
    return ts.isArrowFunction(x) || ts.isFunctionExpression(x) ? x : undefined;
  }
  const returned: ts.ReturnStatement[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) returned.push(n);
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(factory.body, visit);
  if (returned.length !== 1 || !returned[0].expression) return undefined;
  const x = skipOuter(returned[0].expression, SEEN_THROUGH);
  return ts.isArrowFunction(x) || ts.isFunctionExpression(x) ? x : undefined;
}

/** `super.name` as a callee. */
function superMemberName(e: ts.Expression): string | undefined {
  return ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.SuperKeyword ? e.name.text : undefined;
}

/** The class an `extends` clause names, when it is a class declared in this file. */
function extendsOf(cls: ts.ClassLikeDeclaration): { expression: ts.Expression; local?: ts.ClassLikeDeclaration } | undefined {
  const expression = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (!expression) return undefined;
  const e = skipOuter(expression, SEEN_THROUGH);
  const decl = ts.isIdentifier(e) ? findDeclaration(e.text, e) : undefined;
  return { expression, local: decl && ts.isClassDeclaration(decl) ? decl : undefined };
}

/**
 * Where the class whose `this` the node sees inherits `name` from: the first base class of this
 * file up the chain that declares it, else the `extends` expression of the first base class
 * declared elsewhere. Undefined without a base class.
 */
function baseClassOf(node: ts.Node, name: string): ts.ClassLikeDeclaration | ts.Expression | undefined {
  const owner = thisOwner(node);
  let ext = owner && extendsOf(owner.cls);
  for (let i = 0; ext?.local && i < 10; i++) {
    if (memberOf(ext.local, name)) return ext.local;
    const next = extendsOf(ext.local);
    if (!next) return ext.local;
    ext = next;
  }
  return ext?.local ?? ext?.expression;
}

/** `this.close()` of a method no class of this file in the chain declares… unless a base class of this file does. */
function inheritedMember(node: ts.Node, name: string): FunctionWithBody | undefined {
  const base = baseClassOf(node, name);
  return base && ts.isClassLike(base) ? memberOf(base, name) : undefined;
}

/** A `this` member this file never sets, or sets only from parameters: what it holds is decided in another file. */
function setElsewhere(member: ts.Expression): boolean {
  const values = madeFromAny(member);
  return !values || values.every((v) => {
    const x = skipOuter(v, SEEN_THROUGH);
    if (!ts.isIdentifier(x)) return false;
    const decl = findDeclaration(x.text, x);
    return decl !== undefined && ts.isParameter(decl);
  });
}

/** The imported base class: `extends Transporter`, or `extends base_1.default` as TypeScript compiles a default import. */
function baseClassRef(base: ts.Expression, ctx: NonNullable<Resolver>): ModuleBinding | undefined {
  const e = skipOuter(base, SEEN_THROUGH);
  const ref = (id: ts.Identifier) => { const r = ctx.factRef(id); return r !== undefined && typeof r !== 'string' ? r : undefined; };
  if (ts.isIdentifier(e)) return ref(e);
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'default' && ts.isIdentifier(e.expression)) {
    const module = ref(e.expression);
    return module && module.name === '*' ? { file: module.file, name: 'default' } : undefined;
  }
  return undefined;
}

/** The folder whose classes a member's name is matched against: the package's. */
function packageOf(ctx: NonNullable<Resolver>): string {
  return ctx.packageDir ?? path.dirname(ctx.file);
}

/**
 * The base a host's plugin class extends, when the package is that host's plugin and makes one
 * such object per process (HOST_DATABASE_APIS' hosts: `class Deebot extends utils.Adapter` in an
 * ioBroker adapter): its helper modules take it as `adapter`.
 */
function hostBaseName(cls: ts.ClassLikeDeclaration, ctx: Resolver): string | undefined {
  if (!ctx) return undefined;
  const name = extendedName(cls);
  return name !== undefined && hostApisOf(ctx).some((api) => api.baseClass === name) ? name : undefined;
}

/**
 * The key of a class by its name within a package, for a member named after it: `this.mqtt`,
 * `this._mqtt` and `this.#mqtt` match `class Mqtt`; `this.lockManager` matches `class LockManager`.
 */
export function classNameRef(name: string, packageDir: string): string {
  return `class:${name.replace(/^[#_]+/, '').toLowerCase()}@${packageDir}`;
}

/** The class an object was made from with `new C(…)`: its declaration when in this file, else the name. */
function classMadeFrom(receiver: ts.Expression): ts.ClassLikeDeclaration | ts.Identifier | undefined {
  const made = madeFrom(receiver);
  const e = made && skipOuter(made, SEEN_THROUGH);
  if (!e || !ts.isNewExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
  const decl = findDeclaration(e.expression.text, e.expression);
  if (decl && ts.isClassDeclaration(decl)) return decl;
  return e.expression;
}

/** The function a name stands for: `function f() {}` or `const f = async () => {}` in scope. */
export function functionNamed(id: ts.Identifier): FunctionWithBody | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl) return undefined;
  if (ts.isFunctionDeclaration(decl)) return decl.body ? (decl as FunctionWithBody) : undefined;
  if (ts.isVariableDeclaration(decl) && decl.initializer && isConstDeclaration(decl)) {
    const init = skipOuter(decl.initializer, SEEN_THROUGH);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

/** A member of the class whose `this` the node sees: a method with a body, or a property holding a function. */
export function ownMember(node: ts.Node, name: string): FunctionWithBody | undefined {
  const owner = thisOwner(node);
  return owner ? memberOf(owner.cls, name) : undefined;
}

export function memberOf(cls: ts.ClassLikeDeclaration, name: string): FunctionWithBody | undefined {
  for (const m of cls.members) {
    if (memberName(m.name) !== name) continue;
    if (ts.isMethodDeclaration(m) && m.body) return m as FunctionWithBody;
    if (ts.isPropertyDeclaration(m) && m.initializer) {
      const init = skipOuter(m.initializer, SEEN_THROUGH);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
  }
  return constructorField(cls, name);
}

/**
 * `constructor() { this._processRefresh = async () => { … } }`: a class field as compiled
 * TypeScript writes it (redis-semaphore, check 40), set once among the constructor's own statements.
 */
function constructorField(cls: ts.ClassLikeDeclaration, name: string): FunctionWithBody | undefined {
  const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
  const found: FunctionWithBody[] = [];
  for (const st of ctor?.body?.statements ?? []) {
    const e = ts.isExpressionStatement(st) ? skipOuter(st.expression, SEEN_THROUGH) : undefined;
    if (!e || !ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(e.left)) continue;
    if (e.left.expression.kind !== ts.SyntaxKind.ThisKeyword || e.left.name.text !== name) continue;
    const value = skipOuter(e.right, SEEN_THROUGH);
    if (!ts.isArrowFunction(value) && !ts.isFunctionExpression(value)) return undefined;
    found.push(value);
  }
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The `settles` fact `settlesFacts` records for a function of this file, when it records one: a
 * top-level function or `const` function, a member of a top-level class declaration.
 */
function ownSettlesFact(fn: FunctionWithBody): SettlesFact | undefined {
  const file = fn.getSourceFile().fileName;
  if (ts.isFunctionDeclaration(fn)) return fn.name && ts.isSourceFile(fn.parent) ? { kind: 'settles', ref: { file, name: fn.name.text } } : undefined;
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    let d: ts.Node = fn.parent;
    while (ts.isParenthesizedExpression(d) || ts.isAsExpression(d) || ts.isNonNullExpression(d)) d = d.parent;
    const statement = ts.isVariableDeclaration(d) ? d.parent.parent : undefined;
    return ts.isVariableDeclaration(d) && ts.isIdentifier(d.name) && statement && ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent)
      ? { kind: 'settles', ref: { file, name: d.name.text } } : undefined;
  }
  const cls = fn.parent;
  const name = memberName(fn.name);
  return ts.isClassDeclaration(cls) && cls.name && ts.isSourceFile(cls.parent) && name !== undefined && memberOf(cls, name) === fn
    ? { kind: `settles:${name}`, ref: { file, name: cls.name.text } } : undefined;
}

// ---- What this file tells others ----

/** A `settles` fact a file records, holding only when every fact of `ifAll` (other files' functions it awaits) holds too. */
export interface SettlesRecord {
  fact: SettlesFact;
  ifAll: SettlesFact[];
}

/**
 * The `settles` facts of a file: each top-level function, `const` function, `exports.x`
 * function and member of a top-level class that cannot reject by what the file shows, or
 * cannot unless a function of another file it awaits can (a fact with conditions, chained
 * across files when the project is settled: a listener awaiting `this.updateAlive()` of a base
 * class in another file, whose own awaits end in a try/catch of a third file).
 */
export function settlesFacts(sf: ts.SourceFile, packageDir: string, ctx: Resolver): SettlesRecord[] {
  const out: SettlesRecord[] = [];
  const file = sf.fileName;
  const fnOf = (e: ts.Expression | undefined) => {
    const x = e && skipOuter(e, SEEN_THROUGH);
    return x && (ts.isArrowFunction(x) || ts.isFunctionExpression(x)) ? x : undefined;
  };
  // In a package of a host whose writes settle in listeners, each function is also judged as run from one.
  const inListener = ctx && listenerResolver(ctx);
  const add = (fn: FunctionWithBody, facts: SettlesFact[]) => {
    const v = settlesVerdict(fn, ctx);
    if (!v.rejects) {
      const ifAll = uniqueSettles(v.waitsFor);
      for (const fact of facts) out.push({ fact, ifAll });
    }
    const l = inListener?.inListener && settlesVerdict(fn, inListener);
    if (l && !l.rejects) {
      const ifAll = uniqueSettles(l.waitsFor);
      for (const fact of facts) out.push({ fact: asInListener(fact), ifAll });
    }
  };
  const classFacts = (cls: ts.ClassLikeDeclaration, names: string[]) => {
    // A member the class only sets from parameters holds a function its creator supplies: whether
    // that rejects is the creator's to handle, as for such a member called in this file.
    for (const name of suppliedMembers(cls)) for (const n of names) out.push({ fact: { kind: `settles:${name}`, ref: { file, name: n } }, ifAll: [] });
    for (const m of cls.members) {
      const name = memberName(m.name);
      const fn = name !== undefined ? memberOf(cls, name) : undefined;
      if (!fn) continue;
      const isStatic = ts.getModifiers(m as ts.HasModifiers)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
      if (isStatic && returnsOwnInstance(fn, cls)) for (const n of names) out.push({ fact: { kind: `instance:${name}`, ref: { file, name: n } }, ifAll: [] });
      const facts: SettlesFact[] = names.map((n) => ({ kind: `settles:${name}`, ref: { file, name: n } }));
      // For `this.<member named after the class>.method()` in files that cannot see which object the member holds.
      if (cls.name) facts.push({ kind: `settles:${name}`, ref: classNameRef(cls.name.text, packageDir) });
      // A host's one plugin class (`class Deebot extends utils.Adapter`) goes by its base's name in helper modules (`adapter`).
      const host = hostBaseName(cls, ctx);
      if (host) facts.push({ kind: `settles:${name}`, ref: classNameRef(host, packageDir) });
      add(fn, facts);
    }
  };
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.name && s.body) add(s as FunctionWithBody, [{ kind: 'settles', ref: { file, name: s.name.text } }]);
    else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const fn = fnOf(d.initializer);
        if (fn && ts.isIdentifier(d.name)) add(fn, [{ kind: 'settles', ref: { file, name: d.name.text } }]);
      }
    } else if (ts.isClassDeclaration(s) && s.name) {
      classFacts(s, [s.name.text]);
    } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = s.expression.left;
      const right = skipOuter(s.expression.right, SEEN_THROUGH);
      const fn = fnOf(right);
      // `exports.load = async () => …`, `module.exports.load = function () {…}`
      if (fn && ts.isPropertyAccessExpression(left) && isExportsObject(left.expression)) add(fn, [{ kind: 'settles', ref: { file, name: left.name.text } }]);
      // `module.exports = class RequestQueue {…}`: required as the module object, imported as its default.
      if (ts.isClassExpression(right) && isExportsObject(left)) classFacts(right, ['*', 'default']);
      // `module.exports = ({ lnd, route }, cbk) => …`: the same for a function (one module per function).
      if (fn && isExportsObject(left)) add(fn, [{ kind: 'settles', ref: { file, name: '*' } }, { kind: 'settles', ref: { file, name: 'default' } }]);
    }
  }
  if (ctx) out.push(...reexportedRequires(sf, ctx));
  return out;
}

/**
 * A folder's index that requires its modules and exports them by name (`const describeRoute =
 * require('./describe_route'); module.exports = { describeRoute }`): the export settles when the
 * module it stands for does, so a caller importing it from the index waits for that module's fact.
 */
function reexportedRequires(sf: ts.SourceFile, ctx: NonNullable<Resolver>): SettlesRecord[] {
  const out: SettlesRecord[] = [];
  const file = sf.fileName;
  const reexport = (exported: string, local: ts.Expression) => {
    const id = skipOuter(local, SEEN_THROUGH);
    if (!ts.isIdentifier(id)) return;
    const ref = ctx.factRef(id);
    if (ref === undefined || typeof ref === 'string' || ref.file === file) return;
    const target: SettlesFact = { kind: 'settles', ref };
    out.push({ fact: { kind: 'settles', ref: { file, name: exported } }, ifAll: [target] });
  };
  for (const s of sf.statements) {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression) || s.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const { left, right } = s.expression;
    const value = skipOuter(right, SEEN_THROUGH);
    if (isExportsObject(left) && ts.isObjectLiteralExpression(value)) {
      for (const p of value.properties) {
        if (ts.isShorthandPropertyAssignment(p)) reexport(p.name.text, p.name);
        else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) reexport(p.name.text, p.initializer);
      }
    } else if (ts.isPropertyAccessExpression(left) && isExportsObject(left.expression)) {
      reexport(left.name.text, value);
    }
  }
  return out;
}

function uniqueSettles(facts: SettlesFact[]): SettlesFact[] {
  const seen = new Set<string>();
  return facts.filter((f) => {
    const key = `${f.kind}\u0000${typeof f.ref === 'string' ? f.ref : `${f.ref.file}#${f.ref.name}`}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Members a class sets only from parameters (`constructor(mqtt, publishEntityState) {
 * this.publishEntityState = publishEntityState; }`), with no initializer and no method of that name.
 */
function suppliedMembers(cls: ts.ClassLikeDeclaration): string[] {
  const values = new Map<string, ts.Expression[]>();
  const declared = new Set<string>();
  for (const m of cls.members) {
    const name = memberName(m.name);
    if (name !== undefined && (!ts.isPropertyDeclaration(m) || m.initializer)) declared.add(name);
    const body = ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m) || ts.isGetAccessor(m) || ts.isSetAccessor(m) ? m.body : undefined;
    if (!body) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n) && !ts.isArrowFunction(n)) return;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const member = thisMemberName(n.left);
        if (member !== undefined) values.set(member, [...(values.get(member) ?? []), n.right]);
      }
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(body, visit);
  }
  return [...values].filter(([name, vs]) => !declared.has(name) && vs.every((v) => {
    const x = skipOuter(v, SEEN_THROUGH);
    if (!ts.isIdentifier(x)) return false;
    const decl = findDeclaration(x.text, x);
    return decl !== undefined && ts.isParameter(decl);
  })).map(([name]) => name);
}
