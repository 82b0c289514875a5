// A wait bounded by its callers: the call's promise is what its function waits on, and every
// call of that function in the file hands the function's promise to `Promise.race([…])` beside
// a timer, or to a helper of the file whose body does so (lighthouse's fetcher), or wires what
// it returns to a timer that settles the caller's promise first (chia-agent's `open()`):
//   async _fetchWithFetchApi(url) { const response = await fetch(url); … }
//   fetchResource(url, options) { return this._wrapWithTimeout(this._fetchWithFetchApi(url), options.timeout) }
//   async _wrapWithTimeout(promise, ms) { … await Promise.race([promise, timeoutPromise]) … }
// Only functions whose every call we can see count: a function the module does not export, or a
// method private to its class (`#fetch`, `private fetch`, `_fetch` by convention). One caller
// that waits unbounded keeps the call reported.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { enclosingFunction, unwrap } from '../shared/ast';
import { functionOf, thisMethod } from '../shared/shutdown-handlers';
import { walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { racedWithBound } from './raced-with-bound';
import { wiredToBound } from './bound-callbacks';
import { holdersOf } from './bounded-elsewhere';
import { commentsAbove } from '../shared/comments';

/** Levels of callers followed: the function's callers, and theirs when they only pass its promise on. */
const MAX_DEPTH = 2;
/** Call sites looked at per function: beyond that, the function is shared too widely to reason about. */
const MAX_CALL_SITES = 8;

/** Every caller of the function the call's promise belongs to bounds that promise. */
export function boundByEveryCaller(node: ts.Expression): boolean {
  return boundByCallers(node, 0);
}

function boundByCallers(node: ts.Expression, depth: number): boolean {
  const fn = functionWaitingOn(node);
  if (!fn) return false;
  const sites = callSitesOf(fn);
  if (!sites?.length || sites.length > MAX_CALL_SITES) return false;
  return sites.every((site) => boundAt(site, depth));
}

function boundAt(site: ts.CallExpression, depth: number): boolean {
  if (racedWithBound(site) || handedToRacingHelper(site)) return true;
  // `const ws = create(url)` in a Promise whose timer rejects unless `ws.onopen` resolves first (chia-agent's open()).
  if (wiredToBound(site, holdersOf(site))) return true;
  // `return this._fetch(url)` in a function whose own callers bound it.
  return depth + 1 < MAX_DEPTH && boundByCallers(site, depth + 1);
}

/**
 * The function whose promise settles only after the call does: the call is awaited in an async
 * function, or returned (`return fetch(url)`, `async (u) => fetch(u)`), possibly through a chain
 * on its result (`await fetch(url).then((r) => r.json())`).
 */
function functionWaitingOn(node: ts.Expression): ts.FunctionLikeDeclaration | undefined {
  const fn = enclosingFunction(node);
  if (!fn || !('body' in fn) || !fn.body) return undefined;
  const isAsync = ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async;
  let e: ts.Node = node;
  let awaited = false;
  for (;;) {
    const p: ts.Node = e.parent;
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p)) e = p;
    else if (ts.isAwaitExpression(p)) {
      awaited = true;
      e = p;
    } else if (ts.isPropertyAccessExpression(p) && p.expression === e && ts.isCallExpression(p.parent) && p.parent.expression === p) e = p.parent;
    else break;
  }
  const p = e.parent;
  if (awaited && isAsync) return fn as ts.FunctionLikeDeclaration;
  if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === e)) return fn as ts.FunctionLikeDeclaration;
  return undefined;
}

/**
 * Every call of `fn` in the file, or undefined when it may be called where we cannot see: it is
 * exported, public, or named anywhere but as the callee of a call.
 */
function callSitesOf(fn: ts.FunctionLikeDeclaration): ts.CallExpression[] | undefined {
  if (ts.isMethodDeclaration(fn)) return privateCallSites(fn);
  const decl = ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn ? fn.parent : undefined;
  if (!decl || !decl.name || !ts.isIdentifier(decl.name) || isExported(decl)) return undefined;
  const name = decl.name.text;
  const sites: ts.CallExpression[] = [];
  let seenElsewhere = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (!ts.isIdentifier(n) || n.text !== name || n === decl.name) return;
    if (ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) return;
    if (ts.isPropertyAssignment(n.parent) && n.parent.name === n) return;
    if (findDeclaration(name, n) !== decl) return;
    const call = n.parent;
    if (ts.isCallExpression(call) && call.expression === n) sites.push(call);
    else seenElsewhere = true;
  };
  walkTree(fn.getSourceFile(), visit);
  return seenElsewhere ? undefined : sites;
}

/** Call sites per method, found once: several waits of one method ask for them. */
const sitesOfMethod = new WeakMap<ts.MethodDeclaration, ts.CallExpression[] | undefined>();

/** `this.#fetch(…)`, `this._fetch(…)` in the class of a method only the class calls. */
export function privateCallSites(method: ts.MethodDeclaration): ts.CallExpression[] | undefined {
  if (!sitesOfMethod.has(method)) sitesOfMethod.set(method, methodCallSites(method));
  return sitesOfMethod.get(method);
}

function methodCallSites(method: ts.MethodDeclaration): ts.CallExpression[] | undefined {
  const cls = method.parent;
  if (!ts.isClassLike(cls) || !isPrivateMethod(method)) return undefined;
  const name = (method.name as ts.Identifier | ts.PrivateIdentifier).text;
  const sites: ts.CallExpression[] = [];
  let seenElsewhere = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (!ts.isPropertyAccessExpression(n) || n.name.text !== name) return;
    const call = n.parent;
    if (n.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isCallExpression(call) && call.expression === n && thisMethod(n) === method) sites.push(call);
    else seenElsewhere = true;
  };
  walkTree(method.getSourceFile(), visit);
  return seenElsewhere ? undefined : sites;
}

function isPrivateMethod(method: ts.MethodDeclaration): boolean {
  if (ts.isPrivateIdentifier(method.name)) return true;
  if (!ts.isIdentifier(method.name)) return false;
  if (ts.getCombinedModifierFlags(method) & ts.ModifierFlags.Private) return true;
  // A JavaScript file's `@private` JSDoc tag (compiled TypeScript keeps it), or its `_` convention for a member kept to its class.
  if (commentsAbove(method, method.getSourceFile().text).some((c) => /^\/\*\*[^]*@private\b/.test(c))) return true;
  return method.name.text.startsWith('_');
}

function isExported(decl: ts.FunctionDeclaration | ts.VariableDeclaration): boolean {
  const holder = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
  return ts.canHaveModifiers(holder) && !!ts.getModifiers(holder)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword);
}

/**
 * `this._wrapWithTimeout(this._fetch(url), ms)`: handed to a function of the file whose body
 * races that parameter against a timer (`await Promise.race([promise, timeoutPromise])`).
 */
function handedToRacingHelper(site: ts.CallExpression): boolean {
  let e: ts.Node = site;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const call = e.parent;
  if (!ts.isCallExpression(call) || call.expression === e) return false;
  const index = call.arguments.indexOf(e as ts.Expression);
  const helper = functionOf(unwrap(call.expression));
  const param = index >= 0 ? helper?.parameters[index] : undefined;
  if (!helper?.body || !param || !ts.isIdentifier(param.name)) return false;
  const name = param.name.text;
  let raced = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (raced) return;
    if (ts.isIdentifier(n) && n.text === name && n !== param.name && findDeclaration(name, n) === param && racedWithBound(n)) raced = true;
  };
  walkTree(helper.body, visit);
  return raced;
}
