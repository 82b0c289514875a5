// What check-then-act recognises: a condition that tests shared state (a `this` member, a
// module-level variable, an entry of a shared Map/Set), the write that fills that state, and
// the evidence that the code already serialises callers (a lock, a mutex, a `once` wrapper).
import { functionOf } from '../shared/shutdown-handlers';
import { callsDedupingMethod } from './deduping-callees';
import { isImportFunction, readsLoadedExport } from './module-loads';
import { isProbeCommand } from './probe-commands';
import { ts } from 'ts-morph';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import { calleeName, isFunctionBoundary, Outer, skipOuter, thisMemberName, isWithin } from '../shared/ast';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** What a state check sees through: parentheses and `!`. */
export const STATE_WRAPPERS = Outer.Parens | Outer.NonNull;

/**
 * Shared state a condition tests: a value (`this.client`, module `client`, a `let` of the
 * enclosing factory) or one entry of a collection (`cache.has(k)`, a local read through
 * `cache.get(k)` or `cache[k]`; `indexed` when it is written back as `cache[k] = v`).
 */
export type StateRef =
  | { kind: 'value'; key: string; target: ts.Expression; phase?: Phase }
  | { kind: 'entry'; key: string; entry: string; entryKey: ts.Expression; collection: ts.Expression; indexed?: boolean };

/**
 * A state compared with a literal (`this.state === 'connected'`): the check passes only for that
 * value (`equal`) or for any other (`!equal`), so only a write that makes it pass fills the state.
 */
export interface Phase {
  literal: string;
  equal: boolean;
}

export interface StateCheck {
  /** The states tested: one, or each side of `a && b` (present) / `!a || !b` (absent). */
  states: StateRef[];
  /** True when the condition holds while the state is missing (`!this.client`, `!cache.has(k)`). */
  absent: boolean;
}

/** Collection methods that test for an entry, and those that fill one. */
const ENTRY_TESTS: ReadonlySet<string> = new Set(['has', 'get']);
const ENTRY_WRITES: ReadonlySet<string> = new Set(['set', 'add']);

/**
 * Calls that run their callback with other callers shut out, and names of things that
 * serialise: `mutex.runExclusive(fn)`, `lock.acquire(key, fn)`, `await this.#lock`, `once(fn)`.
 */
const SERIALIZING_CALLS: ReadonlySet<string> = new Set([
  'runExclusive', 'acquire', 'lock', 'withLock', 'synchronized', 'exclusive', 'once', 'memoize', 'pMemoize', 'onetime',
]);
const SERIALIZING_NAME = /(lock|mutex|semaphore|serial)/i;

/** The state check a condition is, or undefined for anything else (other compound conditions, locals, calls). */
export function parseCheck(cond: ts.Expression): StateCheck | undefined {
  const e = skipOuter(cond, STATE_WRAPPERS);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = parseCheck(e.operand);
    return inner && inner.states.length === 1 ? { states: inner.states, absent: !inner.absent } : undefined;
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    // `_provider && _initialized` is present when both are; `!a || !b` is missing when either is.
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
      const left = parseCheck(e.left);
      const right = parseCheck(e.right);
      const absent = op === ts.SyntaxKind.BarBarToken;
      if (!left || !right || left.absent !== absent || right.absent !== absent) return undefined;
      return { states: [...left.states, ...right.states], absent };
    }
    const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const unequal = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (!equal && !unequal) return undefined;
    const phase = phaseCheck(e.left, e.right, equal) ?? phaseCheck(e.right, e.left, equal);
    if (phase) return phase;
    const [subject, other] = isNothing(e.right) ? [e.left, e.right] : isNothing(e.left) ? [e.right, e.left] : [];
    if (!subject || !other) return undefined;
    const state = ts.isTypeOfExpression(skipOuter(subject, STATE_WRAPPERS)) ? stateOf((skipOuter(subject, STATE_WRAPPERS) as ts.TypeOfExpression).expression) : stateOf(subject);
    return state && { states: [state], absent: equal };
  }
  const state = stateOf(e);
  return state && { states: [state], absent: false };
}

/**
 * `this.state === 'connected'` (present while it is), `this.status !== 'idle'` (present while it
 * is anything else): a value state that only a write of the right literal fills.
 */
function phaseCheck(subject: ts.Expression, other: ts.Expression, equal: boolean): StateCheck | undefined {
  const literal = skipOuter(other, STATE_WRAPPERS);
  if (!ts.isStringLiteral(literal) || (literal.text === 'undefined' && ts.isTypeOfExpression(skipOuter(subject, STATE_WRAPPERS)))) return undefined;
  const target = skipOuter(subject, STATE_WRAPPERS);
  const key = sharedKey(target);
  return key ? { states: [{ kind: 'value', key, target, phase: { literal: literal.text, equal } }], absent: false } : undefined;
}

/**
 * `this.client`, a module-level `client` or a factory's `let client`, `cache.has(k)` /
 * `cache.get(k)` on a shared collection, and a local read through one
 * (`const cached = this.sources.get(key)`, `let revision = revCache[r]`).
 */
function stateOf(expr: ts.Expression): StateRef | undefined {
  const e = skipOuter(expr, STATE_WRAPPERS);
  const entry = entryRead(e);
  if (entry) return entry;
  const key = sharedKey(e);
  if (key) return { kind: 'value', key, target: e };
  if (ts.isIdentifier(e)) {
    // A local copy of an entry: the state is the entry it was read from.
    const decl = findDeclaration(e.text, e);
    if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.initializer) {
      const init = skipOuter(decl.initializer, STATE_WRAPPERS);
      return entryRead(init);
    }
  }
  return undefined;
}

/** `cache.has(k)`, `cache.get(k)`, `cache[k]` on a collection shared between calls. */
function entryRead(e: ts.Expression): StateRef | undefined {
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ENTRY_TESTS.has(e.expression.name.text) && e.arguments.length === 1) {
    const key = sharedKey(e.expression.expression);
    return key ? { kind: 'entry', key, entry: textOf(e.arguments[0]), entryKey: e.arguments[0], collection: e.expression.expression } : undefined;
  }
  if (ts.isElementAccessExpression(e)) {
    const key = sharedKey(e.expression);
    return key ? { kind: 'entry', key, entry: textOf(e.argumentExpression), entryKey: e.argumentExpression, collection: e.expression, indexed: true } : undefined;
  }
  return undefined;
}

/**
 * A name for state every call of a function shares: `m:client` for `this.client`, `v:<pos>` for
 * a variable declared outside the function (module level, or in the factory whose closure it is).
 */
export function sharedKey(expr: ts.Expression): string | undefined {
  const e = skipOuter(expr, STATE_WRAPPERS);
  const member = thisMemberName(e);
  if (member !== undefined) return 'm:' + member;
  if (!ts.isIdentifier(e)) return undefined;
  const decl = findDeclaration(e.text, e);
  if (!decl || !ts.isVariableDeclaration(decl)) return undefined;
  if (isTopLevel(decl)) return `v:${decl.pos}`;
  const fn = enclosingFunctionOf(e);
  return fn && !isWithin(decl, fn) ? `v:${decl.pos}` : undefined;
}

function enclosingFunctionOf(node: ts.Node): ts.Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}

/** The write in `node` that fills the checked state, if it is one: `this.client = …`, `cache.set(k, …)`, `cache[k] = …`. */
export function isWriteOf(node: ts.Node, state: StateRef): boolean {
  if (state.kind === 'value') {
    if (!ts.isBinaryExpression(node) || !isAssignment(node.operatorToken.kind) || sharedKey(node.left) !== state.key) return false;
    if (!state.phase) return true;
    // `this.state = 'connecting'` does not fill a check for `'connected'`; any other value fills a check against `'idle'`.
    const value = skipOuter(node.right, STATE_WRAPPERS);
    const same = ts.isStringLiteral(value) && value.text === state.phase.literal;
    return state.phase.equal ? same : !same;
  }
  if (state.indexed) {
    const left = ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind) ? skipOuter(node.left, STATE_WRAPPERS) : undefined;
    return left !== undefined && ts.isElementAccessExpression(left) && sharedKey(left.expression) === state.key && textOf(left.argumentExpression) === state.entry;
  }
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ENTRY_WRITES.has(node.expression.name.text) &&
    node.arguments.length >= 1 && sharedKey(node.expression.expression) === state.key && textOf(node.arguments[0]) === state.entry;
}

/** True when the expression reads the checked state again (a re-check after the await). */
export function readsState(expr: ts.Node, state: StateRef): boolean {
  if (isFunctionBoundary(expr)) return false;
  if (ts.isExpression(expr) && sharedKey(expr) === state.key) return true;
  return ts.forEachChild(expr, (c) => readsState(c, state) || undefined) ?? false;
}

/**
 * An await that starts no work of its own: a memoized promise (`await (this.#p ??= load())`)
 * or a promise that already exists (`await this.#connecting`, `await llhttpPromise`), which
 * every concurrent caller shares.
 */
export function awaitsShared(node: ts.AwaitExpression): boolean {
  const e = skipOuter(node.expression, STATE_WRAPPERS);
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return true;
  return ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken || e.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken);
}

/**
 * Calls that make, start or write something a second caller would do again: a connection, a
 * client, a server, a migration. `apply` counts for migrations and schema changes, not for
 * `applyPayload(item)`, which copies a fetched value onto the object.
 */
const STARTING_CALL = /^(create|connect|open|init|initiali[sz]e|start|launch|spawn|fork|listen|duplicate|subscribe|register|setup|setUp|build|make|mount|attach|bind|insert|add|put|write|save|send|post|upload|run|exec|migrate|seed|sync|provision|install|deploy|apply(?=$|migration|schema|change)|commit|publish|enqueue|push|schedule|update|delete|remove|drop)/i;
/** `newNetSession(…)`, `getDbConnection(…)`: a call named for making, or for what holds a connection or process. */
const MAKING_CALL = /^new[A-Z]|(Connection|Client|Session|Socket|Pool|Browser|Channel|Producer|Consumer|Worker|Process|Server|Transport)$/;
/** Timers and listeners, by exact name. */
const STARTING_EXACT = new Set(['setInterval', 'setTimeout', 'on', 'once', 'addListener', 'addEventListener']);
/** Constructors of plain values: making two of these leaves nothing behind. */
const VALUE_CONSTRUCTORS = new Set(['Promise', 'Error', 'TypeError', 'RangeError', 'Date', 'Map', 'Set', 'WeakMap', 'WeakSet', 'URL', 'URLSearchParams', 'RegExp', 'Array', 'Object', 'Buffer']);
/**
 * Classes named for what they hold: an error, or settings and credentials (`new
 * AWS.SharedIniFileCredentials({ profile })`, `new ClientConfig(opts)`). Made twice, the second
 * replaces the first and nothing is left open.
 */
const VALUE_CLASS = /(Error|Exception|Credentials|Config|Configuration|Options|Settings)$/;

/**
 * The code between a check and its write makes or starts something (`new Pool()`, `connect()`,
 * `launch()`, a timer or listener): a second caller makes a second one, which leaks or fights
 * the first. Reads and idempotent statements (`query('LISTEN …')`, a GET) only repeat. With
 * `until`, only the code that starts before that position counts (what runs up to a write);
 * calls `shared` accepts hand every caller one memoised run.
 */
export function startsSomething(region: readonly ts.Node[], until = Infinity, shared?: (call: ts.CallExpression) => boolean): boolean {
  const visit = (n: ts.Node): boolean => {
    if (n.pos >= until) return false;
    if (ts.isNewExpression(n)) {
      const name = calleeName(n.expression);
      // An error a branch throws (`throw new MissingRequiredFileError(…)`) is a value, whatever its class,
      // and so are settings and credentials;
      // so is a request object handed to the call that sends it (`invoke(new Api.help.GetConfig())`),
      // unless its name says it holds a connection (`wrap(new Pool(…))`).
      const isValue = name !== undefined && (VALUE_CONSTRUCTORS.has(name) || VALUE_CLASS.test(name));
      const isArgument = isArgumentOfCall(n) && !MAKING_CALL.test(name ?? '');
      // A helper made only to ask one question (`await new AWS.CredentialProviderChain().resolvePromise()`):
      // what is kept is the answer; the helper is dropped. Asking it to connect or start still counts.
      const isAsked = askedOnce(n) && !MAKING_CALL.test(name ?? '');
      if (!ts.isThrowStatement(n.parent) && !isValue && !isArgument && !isAsked) return true;
    }
    if (ts.isCallExpression(n)) {
      const name = calleeName(n.expression);
      // A verb in a call that only computes another call's argument (`get(this.addPath('pubspec.yaml'))`)
      // builds a value; what it names making (`createConnection()`) still counts there.
      // A method of the class that claims its own state before awaiting (`this.startSyncingUser(u)`) dedupes its callers.
      // A verb on a collection the region itself makes (`const parts = []; … parts.push(s)`) builds the value being computed.
      // A command run only to ask a tool about itself (`execa('go', ['env'])`) reads, like a GET.
      if (name && (STARTING_EXACT.has(name) || MAKING_CALL.test(name) || (STARTING_CALL.test(name) && !isArgumentOfCall(n))) && !callsDedupingMethod(n) &&
        !onLocalCollection(n, region) && !isProbeCommand(n) && !shared?.(n)) return true;
    }
    return ts.forEachChild(n, visit) ?? false;
  };
  return region.some(visit);
}

/** Literal collections and the value constructors that make an empty one: `[]`, `{}`, `new Map()`, `new Set()`. */
function isFreshCollection(e: ts.Expression): boolean {
  const x = skipOuter(e, Outer.Parens | Outer.As);
  if (ts.isArrayLiteralExpression(x) || ts.isObjectLiteralExpression(x)) return true;
  return ts.isNewExpression(x) && ts.isIdentifier(x.expression) && ['Map', 'Set', 'Array'].includes(x.expression.text);
}

/**
 * `parts.push(s)` where `const parts = []` is declared in the region between the check and the
 * write: the call adds to a value that exists only in this run (jsreport's system helpers, joined
 * into source text and compiled into the cached value). Two concurrent runs build two such values
 * and the second replaces the first: nothing is left open (check 20, judged noise).
 */
function onLocalCollection(call: ts.CallExpression, region: readonly ts.Node[]): boolean {
  const callee = skipOuter(call.expression, Outer.Parens);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const receiver = skipOuter(callee.expression, Outer.Parens);
  if (!ts.isIdentifier(receiver)) return false;
  const decl = findDeclaration(receiver.text, receiver);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !isFreshCollection(decl.initializer)) return false;
  return region.some((r) => decl.pos >= r.pos && decl.end <= r.end);
}

/**
 * `new X(…).resolvePromise()`: the object is made only to be the receiver of one call, which is no
 * making or starting call (`new Client().connect()` is).
 */
function askedOnce(made: ts.NewExpression): boolean {
  let child: ts.Node = made;
  let p = made.parent;
  while (ts.isParenthesizedExpression(p)) {
    child = p;
    p = p.parent;
  }
  if (!ts.isPropertyAccessExpression(p) || p.expression !== child || !ts.isCallExpression(p.parent) || p.parent.expression !== p) return false;
  const method = p.name.text;
  return !STARTING_EXACT.has(method) && !STARTING_CALL.test(method) && !MAKING_CALL.test(method);
}

function isArgumentOfCall(call: ts.CallExpression | ts.NewExpression): boolean {
  let child: ts.Node = call;
  let p = call.parent;
  while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p)) {
    child = p;
    p = p.parent;
  }
  const args: readonly ts.Expression[] = ts.isCallExpression(p) || ts.isNewExpression(p) ? p.arguments ?? [] : [];
  return args.includes(child as ts.Expression);
}

/**
 * `await import('got')`, or its CommonJS compilation by TypeScript or Babel
 * (`await Promise.resolve().then(() => __importStar(require('got')))`): the module cache hands
 * every caller the same module; loading it twice costs nothing. So does loading several at once
 * (`await Promise.all([import('a'), import('b')])`) or through a local helper that only loads
 * modules (`const importModule = async (m) => { try { return await import(m) } catch … }`).
 */
export function awaitsModule(node: ts.AwaitExpression): boolean {
  return loadsModules(node.expression, 0);
}

/** The same for a call whose promise is chained rather than awaited (`import('got').then(…)`). */
export function loadsModule(call: ts.Expression): boolean {
  return loadsModules(call, 0);
}

/** How deep helpers that only load modules are followed. */
const MODULE_HELPER_DEPTH = 2;
const COMBINATORS: ReadonlySet<string> = new Set(['all', 'allSettled']);

function loadsModules(expr: ts.Expression, depth: number): boolean {
  const e = skipOuter(expr, STATE_WRAPPERS);
  if (ts.isAwaitExpression(e)) return loadsModules(e.expression, depth);
  // `await handler[name]` after `handler = await import(file)`: the export of a module just loaded.
  if (readsLoadedExport(e, (v) => loadsModules(v, depth))) return true;
  if (!ts.isCallExpression(e)) return false;
  if (e.expression.kind === ts.SyntaxKind.ImportKeyword || isCompiledImport(e)) return true;
  // `getImportESM()(url)`: a function built as `new Function('s', 'return import(s)')`.
  if (isImportFunction(e.expression)) return true;
  const callee = e.expression;
  if (ts.isPropertyAccessExpression(callee) && COMBINATORS.has(callee.name.text) && ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Promise' && e.arguments.length === 1) {
    const list = skipOuter(e.arguments[0], STATE_WRAPPERS);
    return ts.isArrayLiteralExpression(list) && list.elements.length > 0 &&
      list.elements.every((el) => !ts.isSpreadElement(el) && loadsModules(el, depth));
  }
  if (depth >= MODULE_HELPER_DEPTH) return false;
  // `loadPackage(['@nestjs/microservices'], () => import('@nestjs/microservices'), reason)`: a helper
  // handed a loader, whose work is that load (it may cache it, or build the error it throws).
  const loader = e.arguments.length ? loaderArgument(e.arguments) : undefined;
  if (loader) return onlyLoadsModules(loader, depth + 1);
  // A helper of this file (`importModule(m)`) or of the class (`this.loadMicroservices()`).
  if (!ts.isIdentifier(callee) && thisMemberName(callee) === undefined) return false;
  const helper = functionOf(callee);
  return helper !== undefined && onlyLoadsModules(helper, depth + 1);
}

/** The one function among a call's arguments, when the others make no call: the loader a helper is handed. */
function loaderArgument(args: readonly ts.Expression[]): ts.FunctionLikeDeclaration | undefined {
  const fns = args.map((a) => skipOuter(a, STATE_WRAPPERS)).filter((a): a is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
  if (fns.length !== 1) return undefined;
  const makesCall = (n: ts.Node): boolean => ts.isCallExpression(n) || ts.isNewExpression(n) || (ts.forEachChild(n, makesCall) ?? false);
  return args.every((a) => skipOuter(a, STATE_WRAPPERS) === fns[0] || !makesCall(a)) ? fns[0] : undefined;
}

/** `Promise.resolve().then(() => require('m'))`, the require possibly wrapped in one interop helper. */
function isCompiledImport(e: ts.CallExpression): boolean {
  const then = e.expression;
  if (!ts.isPropertyAccessExpression(then) || then.name.text !== 'then' || e.arguments.length !== 1) return false;
  const resolved = skipOuter(then.expression, STATE_WRAPPERS);
  if (!ts.isCallExpression(resolved) || !ts.isPropertyAccessExpression(resolved.expression) || resolved.expression.name.text !== 'resolve' ||
    !ts.isIdentifier(resolved.expression.expression) || resolved.expression.expression.text !== 'Promise') return false;
  const callback = e.arguments[0];
  if (!ts.isArrowFunction(callback) || ts.isBlock(callback.body)) return false;
  let body = skipOuter(callback.body, STATE_WRAPPERS);
  if (ts.isCallExpression(body) && body.arguments.length === 1 && !isRequire(body)) body = skipOuter(body.arguments[0], STATE_WRAPPERS);
  return isRequire(body);
}

/**
 * A helper whose only work is loading modules: it loads at least one, and every other call it
 * makes builds the error it throws. Anything else it calls may do I/O a second caller repeats.
 */
function onlyLoadsModules(fn: ts.FunctionLikeDeclaration, depth: number): boolean {
  if (!fn.body) return false;
  if (!ts.isBlock(fn.body)) return loadsModules(fn.body, depth);
  let loads = 0;
  let other = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (other || isFunctionBoundary(n) || ts.isThrowStatement(n)) return SKIP;
    if (ts.isAwaitExpression(n) || ts.isCallExpression(n)) {
      if (loadsModules(n, depth)) {
        loads++;
        return SKIP;
      }
      if (ts.isCallExpression(n)) {
        other = true;
        return SKIP;
      }
    }
  };
  walkTree(fn.body, visit);
  return loads > 0 && !other;
}

/** `require(<anything>)` with the global `require`. */
function isRequire(e: ts.Expression): boolean {
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1;
}

/**
 * Evidence that callers are serialised around the check: the function is the callback of a
 * lock or `once` call, or before the check it touches a lock (`await this.#lock`, `mutex.acquire()`).
 */
export function isSerialized(fn: ts.FunctionLikeDeclaration, before: number): boolean {
  for (let n: ts.Node = fn; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isCallExpression(p) && p.arguments.some((a) => a === n)) {
      const name = calleeName(p.expression);
      if (name !== undefined && (SERIALIZING_CALLS.has(name) || SERIALIZING_NAME.test(name))) return true;
    }
  }
  if (isSequentialClosure(fn)) return true;
  const visit = (n: ts.Node): boolean => {
    if (n.pos >= before || (isFunctionBoundary(n) && n !== fn)) return false;
    if ((ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) && SERIALIZING_NAME.test(n.text)) return true;
    if (ts.isCallExpression(n) && n.getStart() < before) {
      const name = calleeName(n.expression);
      if (name !== undefined && SERIALIZING_CALLS.has(name) && name !== 'once') return true;
    }
    return ts.forEachChild(n, (c) => visit(c) || undefined) ?? false;
  };
  return fn.body !== undefined && visit(fn.body);
}

/**
 * A closure whose every call we can see runs one at a time: a function local to another
 * function, called from there (not in a loop or a callback, a promise executor aside) once,
 * or each time awaited before the next (`await getUser(); …; await getUser()`), and otherwise
 * only by itself — a poller that reschedules itself after its awaits.
 */
function isSequentialClosure(fn: ts.FunctionLikeDeclaration): boolean {
  const name = ts.isFunctionDeclaration(fn) ? fn.name
    : (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name : undefined;
  const scope = name && enclosingFunctionOf(fn);
  if (!name || !scope) return false;
  const decl = ts.isFunctionDeclaration(fn) ? fn : fn.parent;
  let outside = 0;
  let unawaited = 0;
  let ok = true;
  const visit = (n: ts.Node): WalkAnswer => {
    if (!ok) return STOP;
    if (ts.isIdentifier(n) && n.text === name.text && n !== name && findDeclaration(n.text, n) === decl) {
      if (!ts.isCallExpression(n.parent) || n.parent.expression !== n) ok = false;
      else if (!isWithin(n, fn)) {
        outside++;
        if (!runsOnceIn(n, scope)) ok = false;
        if (!awaitedAlone(n.parent)) unawaited++;
      }
    }
  };
  walkTree(scope, visit);
  return ok && outside >= 1 && (outside === 1 || unawaited === 0);
}

/**
 * `await f(…);`, `const x = await f(…);`, `(await f()).query(…)`: the call is awaited where it
 * stands, so it finishes before the statement after it starts (not an element of a
 * `Promise.all([…])` or an argument of another call).
 */
function awaitedAlone(call: ts.CallExpression): boolean {
  if (!ts.isAwaitExpression(call.parent)) return false;
  for (let n: ts.Node = call.parent; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isStatement(p) || ts.isVariableDeclaration(p)) return true;
    if (ts.isArrayLiteralExpression(p) || ts.isObjectLiteralExpression(p) || ts.isConditionalExpression(p) ||
      (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) || ts.isFunctionLike(p)) return false;
  }
  return false;
}

/** No loop and no callback (a promise executor aside) between the node and the scope. */
function runsOnceIn(node: ts.Node, scope: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n && n !== scope; n = n.parent) {
    if (ts.isIterationStatement(n, false)) return false;
    if (ts.isFunctionLike(n)) {
      const p = n.parent;
      const executor = p && ts.isNewExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 'Promise';
      if (!executor) return false;
    }
  }
  return true;
}

/**
 * The entry's key is the variable of a loop around the check in the same function, which takes
 * a new key each turn (`for (id in nodes)`, `for (const id of ids)`, `id = queue.shift()` in a
 * `while`), and the loop awaits each turn before the next: one run fills distinct keys one at a
 * time, so a stampede needs a second concurrent run of the whole function.
 */
export function keyedBySequentialLoop(key: ts.Expression, check: ts.Node, fn: ts.Node): boolean {
  const e = skipOuter(key, STATE_WRAPPERS);
  if (!ts.isIdentifier(e)) return false;
  for (let n: ts.Node = check; n.parent && n !== fn; n = n.parent) {
    const loop = n.parent;
    if (isFunctionBoundary(loop)) return false;
    if (!ts.isIterationStatement(loop, false) || n === (loop as { expression?: ts.Node }).expression) continue;
    if ((ts.isForOfStatement(loop) || ts.isForInStatement(loop)) && !(ts.isForOfStatement(loop) && loop.awaitModifier) && bindsName(loop.initializer, e.text)) return true;
    if (ts.isForStatement(loop) && loop.initializer && bindsName(loop.initializer, e.text)) return true;
    if (ts.isBlock(loop.statement) && assignedBefore(loop.statement, e.text, check)) return true;
  }
  return false;
}

/** `const id`, `var id`, `id` as a for-in/of head. */
function bindsName(init: ts.ForInitializer, name: string): boolean {
  if (ts.isVariableDeclarationList(init)) return init.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name);
  return ts.isIdentifier(init) && init.text === name;
}

/** A statement of the loop body before the one holding the check assigns the name: `id = configNodes.shift();`. */
function assignedBefore(body: ts.Block, name: string, check: ts.Node): boolean {
  for (const s of body.statements) {
    if (s.pos <= check.pos && check.end <= s.end) return false;
    if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(s.expression.left) && s.expression.left.text === name) return true;
    if (ts.isVariableStatement(s) && bindsName(s.declarationList, name)) return true;
  }
  return false;
}

export function isAssignment(op: ts.SyntaxKind): boolean {
  return op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken;
}

function isNothing(expr: ts.Expression): boolean {
  const e = skipOuter(expr, STATE_WRAPPERS);
  return e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined') ||
    (ts.isStringLiteral(e) && e.text === 'undefined' && ts.isBinaryExpression(e.parent) &&
      [e.parent.left, e.parent.right].some((side) => ts.isTypeOfExpression(skipOuter(side, STATE_WRAPPERS))));
}

function textOf(node: ts.Node): string {
  return node.getText().replace(/\s+/g, '');
}

/**
 * The code that runs after the check when the state is missing: the `then` branch of
 * `if (!state)`, the `else` of `if (state)`, or the statements after `if (state) return …`.
 * A check that throws (`if (this.opened) throw …`) guards against misuse: nobody is meant to
 * wait for the state, so what follows is not a lazy initialisation.
 */
export function regionAfter(node: ts.IfStatement, absent: boolean): ts.Node[] {
  if (absent) return [node.thenStatement];
  if (node.elseStatement) return [node.elseStatement];
  if (!returnsFrom(node.thenStatement) || !ts.isBlock(node.parent)) return [];
  const siblings = node.parent.statements;
  return siblings.slice(siblings.indexOf(node) + 1);
}

/** `return …` or a block that returns (a `throw` is not a lazy initialisation's early exit). */
export function returnsFrom(stmt: ts.Statement): boolean {
  if (ts.isReturnStatement(stmt)) return true;
  return ts.isBlock(stmt) && stmt.statements.some(ts.isReturnStatement);
}
