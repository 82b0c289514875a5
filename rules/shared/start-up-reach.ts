// How often code runs, read from the file's calls: once per process (module load, start-up), once
// per call of functions other files call (an exported function: its callers decide), or again and
// again (a request handler, a listener, a function handed to code we cannot follow).
//
// A function runs once when every reference to it is a call from code that runs once, followed
// through the functions that call it (`loadPluginFile` ← `scanAllPluginsDir` ← `loadPlugins` ←
// `scanModulesForPlugins()` at the top level), through callbacks that run while their caller runs
// (`forEach`, `.then`, a completion callback, `async.each(list, fn)`, `async.series([fn, …])`, a
// hand-written asynchronous loop), and across files: an exported function is a root, and the calls
// other files make of it (each judged the same way there) say whether it runs once.
import { ts } from 'ts-morph';
import { COMMAND_ACTIONS, FUNCTION_WRAPPERS, IN_PLACE_CONTROL_FLOW } from '../../engine/knowledge';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import type { ImportTable, RuleContext } from '../../engine/types';
import { unwrap } from './ast';
import { exportKeys, exportedAs, functionKeys, hasExportKeyword, identifiersByName, isExportMention } from './run-once';
import { isAsyncStepThrough, isCompletionCallback } from './run-once-closures';
import { isConstructorHelper } from './constructor-helpers';

type FunctionNode = ts.SignatureDeclaration;

/**
 * - `once`: at most once per process, as far as the project shows;
 * - `per-call`: once per call of `roots`, functions of this file that other files call (named by
 *   the keys call facts use, see run-once.ts functionKeys): their callers, recorded as project
 *   facts, decide;
 * - `again`: any number of times.
 */
export type Reach = { kind: 'once' } | { kind: 'again' } | { kind: 'per-call'; roots: string[] };

const ONCE: Reach = { kind: 'once' };
const AGAIN: Reach = { kind: 'again' };

/** What the file shows of how its code is called: its imports (a control-flow library's helpers) and its path (roots' keys). */
export interface ReachContext {
  imports: ImportTable;
  file: string;
  /** Names of functions that run once by the rule's reading (start-up registration), where the site itself is. */
  startUpName?: RegExp;
}

/**
 * How often the code at `site` runs. In a constructor (a class's, or a function the file calls with
 * `new`), a static block or a function named as `cx.startUpName` says (start-up registration,
 * `register…`, `init…`), code runs once: unbounded-collection's long-lived collections are filled
 * there by singletons and set-up code.
 */
export function reachOf(site: ts.Node, cx: ReachContext): Reach {
  return reachFrom(site, cx, newWalk(), true);
}

/** The facts a rule records about how often its code calls project functions, by function key. */
export type CallFactKind = 'called-once' | 'called-again';

/**
 * Records how often a call of the project function `called` runs: `called-once` from code that
 * runs once, `called-again` from anywhere else; from code that runs once per call of exported
 * functions, each as that function's own calls say (a fact that holds if the root's does).
 */
export function recordCallReach(ctx: RuleContext<any, string, CallFactKind>, called: string, reach: Reach): void {
  if (reach.kind !== 'per-call') return ctx.addFact({ kind: reach.kind === 'once' ? 'called-once' : 'called-again', ref: called });
  for (const root of reach.roots) {
    ctx.addFact({ kind: 'called-once', ref: called }, [{ kind: 'called-once', ref: root }]);
    ctx.addFact({ kind: 'called-again', ref: called }, [{ kind: 'called-again', ref: root }]);
  }
}

/** How often a call runs, judged by structure only (see reachFrom): what the call facts of a project function record. */
export function callReachOf(call: ts.CallExpression, cx: ReachContext): Reach {
  return reachFrom(call, cx, newWalk(), false);
}

/**
 * `direct`: `site` is the add itself, where constructors and start-up names count as once. A call
 * reached through callers is judged by structure only: a constructor runs per instance, and a
 * function named `registerClient` may run per connection.
 */
function reachFrom(site: ts.Node, cx: ReachContext, walk: Walk, direct: boolean): Reach {
  for (let n = site.parent; n; n = n.parent) {
    if (ts.isClassStaticBlockDeclaration(n)) return ONCE;
    // A private method only the constructor calls (`this._parseFormat()`) runs with it.
    if (ts.isConstructorDeclaration(n) || isConstructorFunction(n) || isConstructorHelper(n)) return direct ? ONCE : AGAIN;
    if (!ts.isFunctionLike(n)) continue;
    // Callbacks that run while their caller runs, as often as it does.
    if (isIterationCallback(n) || isPromiseContinuation(n) || isInvokedInPlace(n) || isControlFlowCallback(n, cx.imports)) continue;
    if (isAsyncStepThrough(n) || isCompletionCallback(n)) continue;
    if (direct && cx.startUpName?.test(functionName(n))) return ONCE;
    return callersReach(n, cx, walk);
  }
  return ONCE;
}

/** Answered once per function: every add site and project call of the file asks. */
const known = new WeakMap<ts.Node, Reach>();

/**
 * The functions being followed, and how many times a recursive reference was cut short (taken as
 * running no more often than the function itself). An answer reached without a cut is exact and
 * kept; so is one that runs again, which no cut can make less so.
 */
interface Walk {
  visiting: Set<ts.Node>;
  cuts: number;
}

function newWalk(): Walk {
  return { visiting: new Set(), cuts: 0 };
}

/** How often `fn` runs, from every reference to it in its file; exported, it is a root its callers decide. */
function callersReach(fn: FunctionNode, cx: ReachContext, walk: Walk): Reach {
  const cached = known.get(fn);
  if (cached) return cached;
  // A call of a function from inside itself (recursion) runs as often as the function does.
  if (walk.visiting.has(fn)) {
    walk.cuts++;
    return ONCE;
  }
  const cutsBefore = walk.cuts;
  walk.visiting.add(fn);
  const reaches: Reach[] = [];
  const name = declaredName(fn);
  const keys = exportedNames(fn, cx.file);
  let exported = keys.length > 0;
  if (name) {
    const decl = findDeclaration(name.text, name);
    for (const ref of identifiersByName(fn.getSourceFile()).get(name.text) ?? []) {
      if (ref === name || findDeclaration(ref.text, ref) !== decl || !isReference(ref)) continue;
      if (isExportMention(ref)) {
        exported = true;
        continue;
      }
      const call = ref.parent;
      if (ts.isCallExpression(call) && unwrap(call.expression) === ref) reaches.push(reachFrom(call, cx, walk, false));
      else if (ts.isCallExpression(call) && isCommandAction(call) && call.arguments[0] === ref) reaches.push(reachFrom(call, cx, walk, false));
      else reaches.push(AGAIN);
    }
  }
  walk.visiting.delete(fn);
  // Exported: other files' calls decide; a mention we cannot name them by leaves callers out of sight.
  if (exported) reaches.push(keys.length ? { kind: 'per-call', roots: namesOf(fn, cx.file) } : AGAIN);
  const result = reaches.length ? combine(reaches) : AGAIN;
  if (walk.cuts === cutsBefore || result.kind === 'again') known.set(fn, result);
  return result;
}

/** The keys other files call an exported function by (a wrapped one by its binding's). */
function exportedNames(fn: FunctionNode, file: string): string[] {
  const wrapped = wrapperBinding(fn);
  if (!wrapped) return exportKeys(fn, file);
  if (!isTopLevel(wrapped) || !ts.isIdentifier(wrapped.name)) return [];
  const statement = wrapped.parent.parent;
  const names = exportedAs(wrapped.getSourceFile(), wrapped.name.text);
  if (ts.isVariableStatement(statement) && hasExportKeyword(statement)) names.push(wrapped.name.text);
  return names.map((n) => `${file}#${n}`);
}

/** Every key a call fact about `fn` may be filed under: its local name and the names it is exported as. */
function namesOf(fn: FunctionNode, file: string): string[] {
  const wrapped = wrapperBinding(fn);
  const local = wrapped && isTopLevel(wrapped) && ts.isIdentifier(wrapped.name) ? [`${file}#${wrapped.name.text}`] : [];
  return [...new Set([...functionKeys(fn, file), ...local, ...exportedNames(fn, file)])];
}

/** Any call that runs again makes the function run again; roots add up. */
function combine(reaches: readonly Reach[]): Reach {
  if (reaches.some((r) => r.kind === 'again')) return AGAIN;
  const roots = [...new Set(reaches.flatMap((r) => (r.kind === 'per-call' ? r.roots : [])))];
  return roots.length ? { kind: 'per-call', roots } : ONCE;
}

/**
 * `program.command('start').action(startServer)`: a command-line program runs the action once, for
 * the command it was started with. The chain must name the command.
 */
export function isCommandAction(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== COMMAND_ACTIONS.register || call.arguments.length !== 1) return false;
  for (let e = unwrap(callee.expression); ts.isCallExpression(e);) {
    const c = unwrap(e.expression);
    if (!ts.isPropertyAccessExpression(c)) return false;
    if (c.name.text === COMMAND_ACTIONS.command) return true;
    e = unwrap(c.expression);
  }
  return false;
}

const ITERATION_METHODS = /^(forEach|map|flatMap|filter|reduce|reduceRight|some|every|find|findIndex)$/;

/** A function written in place as the callback of an array iteration: `xs.forEach((x) => …)`. */
export function isIterationCallback(n: ts.Node): boolean {
  if (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) return false;
  const call = n.parent;
  return ts.isCallExpression(call) && call.arguments[0] === n && ts.isPropertyAccessExpression(call.expression) &&
    ITERATION_METHODS.test(call.expression.name.text);
}

/** A function written in place as a callback of `.then`, `.catch` or `.finally`. */
export function isPromiseContinuation(n: ts.Node): boolean {
  if (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) return false;
  const call = n.parent;
  return ts.isCallExpression(call) && call.arguments.includes(n) && ts.isPropertyAccessExpression(call.expression) &&
    /^(then|catch|finally)$/.test(call.expression.name.text);
}

/**
 * `(function () { … })()`, `(() => { … })()`, a `new Promise((resolve) => …)` executor: called where
 * it is written, as often as the code around it runs.
 */
export function isInvokedInPlace(fn: ts.Node): boolean {
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return false;
  let n: ts.Node = fn;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isNewExpression(p) && p.arguments?.[0] === n) return ts.isIdentifier(p.expression) && p.expression.text === 'Promise' && !findDeclaration('Promise', p);
  return ts.isCallExpression(p) && p.expression === n;
}

/**
 * A function written in place as an argument of a control-flow library's helper (`async.each(list,
 * (x, cb) => …)`), or as a task in the list or object it is handed (`async.series([(cb) => …])`).
 */
function isControlFlowCallback(fn: ts.Node, imports: ImportTable): boolean {
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return false;
  let arg: ts.Node = fn;
  if (ts.isArrayLiteralExpression(arg.parent)) arg = arg.parent;
  else if (ts.isPropertyAssignment(arg.parent) && ts.isObjectLiteralExpression(arg.parent.parent)) arg = arg.parent.parent;
  const call = arg.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(arg as ts.Expression)) return false;
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    const named = imports.get(callee.text);
    return named !== undefined && named.library && IN_PLACE_CONTROL_FLOW.modules.has(named.module) && IN_PLACE_CONTROL_FLOW.calls.has(named.name);
  }
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return false;
  const lib = imports.get(callee.expression.text);
  return lib !== undefined && lib.library && IN_PLACE_CONTROL_FLOW.modules.has(lib.module) && (lib.name === 'default' || lib.name === '*') &&
    IN_PLACE_CONTROL_FLOW.calls.has(callee.name.text);
}

/** `function ApiCache() { … }` made with `new ApiCache()` in its file: a constructor, as a class's is. */
export function isConstructorFunction(n: ts.Node): boolean {
  if (!ts.isFunctionDeclaration(n) || !n.name || !/^[A-Z]/.test(n.name.text)) return false;
  const decl = findDeclaration(n.name.text, n.name);
  return (identifiersByName(n.getSourceFile()).get(n.name.text) ?? []).some((id) =>
    ts.isNewExpression(id.parent) && id.parent.expression === id && findDeclaration(id.text, id) === decl);
}

/**
 * The name a function is declared under, at any depth: `function f`, `const f = () => …`, or the
 * binding of a wrapper that runs it when called (`const main = Effect.fn('main')(function* () { … })`).
 */
function declaredName(fn: FunctionNode): ts.Identifier | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name;
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return undefined;
  let p: ts.Node = fn.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  const wrapped = wrapperBinding(fn);
  if (wrapped) return ts.isIdentifier(wrapped.name) ? wrapped.name : undefined;
  return ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) ? p.name : undefined;
}

/** The variable a wrapper of `fn` is bound to: `const main = Effect.fn('main')(function* () { … })`. */
function wrapperBinding(fn: FunctionNode): ts.VariableDeclaration | undefined {
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return undefined;
  let p: ts.Node = fn.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  if (!ts.isCallExpression(p) || !wraps(p, fn)) return undefined;
  p = p.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  return ts.isVariableDeclaration(p) ? p : undefined;
}

/** `memoize(fn, resolver)`, `Effect.fn('main')(fn, Effect.scoped)`: a wrapper's call, the function its first argument. */
function wraps(call: ts.CallExpression, fn: ts.Node): boolean {
  if (!call.arguments.length || unwrap(call.arguments[0]) !== fn) return false;
  const callee = unwrap(call.expression);
  const named = ts.isCallExpression(callee) ? unwrap(callee.expression) : callee;
  const name = ts.isIdentifier(named) ? named.text : ts.isPropertyAccessExpression(named) ? named.name.text : '';
  return FUNCTION_WRAPPERS.has(name);
}

function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === id) return false;
  if ((ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) || ts.isVariableDeclaration(p) || ts.isParameter(p)) && p.name === id) return false;
  return true;
}

/** The name a function goes by: declared, or the binding or member it is assigned to (`exports.init = function …`). */
export function functionName(fn: ts.SignatureDeclaration): string {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) return fn.name.text;
  const p = fn.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) return p.name.text;
  // `exports.init = function (…) {…}`, `Store.prototype.setup = …`.
  if (p && ts.isBinaryExpression(p) && p.right === fn && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return '';
}
