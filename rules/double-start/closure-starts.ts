// Start functions that keep their state in a closure instead of on `this`: a factory returns
// `{ start, dispose }`, and `start()` registers listeners on an emitter the factory was given,
// or stores a timer in one of the factory's variables. A second call does it all again.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import type { RuleContext } from '../../engine/types';
import { isFunctionBoundary, leavesFunction, propertyKey, skipOuter, unwrapAwaited, isWithin } from '../shared/ast';
import { originOfValue } from '../shared/resource-origin';
import { CLOSE_METHOD_NAMES } from '../shared/second-call-guards';
import { isStartName, shortForm, type Creation } from '../shared/start-shapes';
import { isUnrefd } from './second-calls';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);

export interface ClosureStart {
  /** Where to report: the start function's name. */
  name: ts.Node;
  method: string;
  fn: ts.FunctionLikeDeclaration;
  creation: Creation;
}

/**
 * The unguarded start functions a factory returns: `return { start, dispose }` with `function
 * start() {…}` in the factory, or `return { start() {…} }`.
 */
export function closureStarts(ctx: RuleContext, factory: ts.FunctionLikeDeclaration): ClosureStart[] {
  const body = factory.body;
  if (!body || !ts.isBlock(body)) return [];
  const out: ClosureStart[] = [];
  for (const ret of returnsOf(body)) {
    const obj = ret.expression && skipOuter(ret.expression, 0);
    if (!obj || !ts.isObjectLiteralExpression(obj)) continue;
    // With no stop beside it (`{ initialize, routes, defaults }`), the object is a one-time setup
    // definition a loader runs once (a framework's hook or plugin), not a start/stop API that
    // callers restart.
    if (!obj.properties.some((p) => CLOSE_METHOD_NAMES.has(propertyKey(p.name) ?? ''))) continue;
    for (const p of obj.properties) {
      const key = propertyKey(p.name);
      if (key === undefined || !isStartName(key)) continue;
      const fn = startFunctionOf(p, factory);
      if (!fn?.body) continue;
      const creation = findClosureCreations(ctx, fn, factory).find((c) => !isGuarded(fn, factory, c));
      if (creation) out.push({ name: nameNodeOf(p, fn), method: key, fn, creation });
    }
  }
  return out;
}

/** The factory's own return statements (nested functions aside). */
function returnsOf(body: ts.Block): ts.ReturnStatement[] {
  const out: ts.ReturnStatement[] = [];
  const visit = (n: ts.Node): void => {
    if (isFunctionBoundary(n)) return;
    if (ts.isReturnStatement(n)) out.push(n);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

function startFunctionOf(p: ts.ObjectLiteralElementLike, factory: ts.FunctionLikeDeclaration): ts.FunctionLikeDeclaration | undefined {
  if (ts.isMethodDeclaration(p)) return p;
  const value = ts.isShorthandPropertyAssignment(p) ? p.name : ts.isPropertyAssignment(p) ? skipOuter(p.initializer, 0) : undefined;
  if (!value) return undefined;
  if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
  if (!ts.isIdentifier(value)) return undefined;
  const decl = findDeclaration(value.text, value);
  if (!decl || !isWithin(decl, factory)) return undefined;
  if (ts.isFunctionDeclaration(decl)) return decl;
  if (ts.isVariableDeclaration(decl) && decl.initializer) {
    const init = skipOuter(decl.initializer, 0);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

function nameNodeOf(p: ts.ObjectLiteralElementLike, fn: ts.FunctionLikeDeclaration): ts.Node {
  if (ts.isFunctionDeclaration(fn) && fn.name) return fn.name;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent)) return fn.parent.name;
  return p.name ?? p;
}

/**
 * What the start function creates that outlives it: a listener on an emitter the factory holds
 * (a parameter, a variable of the factory, a module-level binding, `process`), a timer kept in a
 * variable of the factory.
 */
function findClosureCreations(ctx: RuleContext, fn: ts.FunctionLikeDeclaration, factory: ts.FunctionLikeDeclaration): Creation[] {
  const out: Creation[] = [];
  const sf = ctx.sourceFile;
  const visit = (n: ts.Node): WalkAnswer => {
    if (n !== fn.body && isFunctionBoundary(n)) return SKIP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && LISTENER_METHODS.has(n.expression.name.text) && n.arguments.length >= 2) {
      const root = rootIdentifier(n.expression.expression);
      if (root && heldOutside(root, fn, factory) && !isOwnParameter(n.arguments[1], fn)) out.push({ node: n, kind: 'listener', display: shortForm(sf, n) });
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) {
      const decl = findDeclaration(n.left.text, n.left);
      const kind = originOfValue(ctx, n.right)?.entry.resource.kind;
      if (decl && isWithin(decl, factory) && !isWithin(decl, fn) && kind === 'interval' && !isUnrefd(fn, n, n.left.text)) {
        out.push({ node: n, kind: 'timer', field: n.left.text, display: shortForm(sf, n) });
      }
    }
  };
  if (fn.body) walkTree(fn.body, visit);
  return out;
}

/**
 * Control before the creation: an early exit on, or a condition around it reading, a variable
 * of the factory that the start function itself sets (`if (started) return; started = true`,
 * `if (timer) return; timer = setInterval(…)`). A flag only `dispose()` sets is no guard.
 */
function isGuarded(fn: ts.FunctionLikeDeclaration, factory: ts.FunctionLikeDeclaration, c: Creation): boolean {
  const sets = variablesSetBy(fn, factory);
  const isState = (e: ts.Node): boolean => {
    if (ts.isIdentifier(e) && sets.has(e.text)) return true;
    return ts.forEachChild(e, (ch) => (isFunctionBoundary(ch) ? undefined : isState(ch) || undefined)) ?? false;
  };
  for (let n: ts.Node = c.node; n.parent && n !== fn.body; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && n !== p.expression && isState(p.expression)) return true;
  }
  const pos = c.node.getStart();
  let guarded = false;
  const visit = (n: ts.Node): void => {
    if (guarded || n.pos >= pos || (n !== fn.body && isFunctionBoundary(n))) return;
    if (ts.isIfStatement(n) && n.end <= pos && isState(n.expression) &&
      (leavesFunction(n.thenStatement) || (n.elseStatement !== undefined && leavesFunction(n.elseStatement)))) guarded = true;
    else ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return guarded;
}

/** Variables of the factory the start function assigns a value that is not empty. */
function variablesSetBy(fn: ts.FunctionLikeDeclaration, factory: ts.FunctionLikeDeclaration): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): WalkAnswer => {
    if (n !== fn.body && isFunctionBoundary(n)) return SKIP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) {
      const v = unwrapAwaited(n.right);
      const empty = v.kind === ts.SyntaxKind.NullKeyword || v.kind === ts.SyntaxKind.FalseKeyword || (ts.isIdentifier(v) && v.text === 'undefined');
      const decl = findDeclaration(n.left.text, n.left);
      if (!empty && decl && isWithin(decl, factory) && !isWithin(decl, fn)) out.add(n.left.text);
    }
  };
  if (fn.body) walkTree(fn.body, visit);
  return out;
}

function rootIdentifier(e: ts.Expression): ts.Identifier | undefined {
  let x = skipOuter(e, 0);
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = skipOuter(x.expression, 0);
  return ts.isIdentifier(x) ? x : undefined;
}

/** Declared outside the start function: in the factory (a parameter or a variable), at module level, or `process`. */
function heldOutside(id: ts.Identifier, fn: ts.FunctionLikeDeclaration, factory: ts.FunctionLikeDeclaration): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl) return id.text === 'process';
  return !isWithin(decl, fn) && (isWithin(decl, factory) || decl.getSourceFile() === id.getSourceFile());
}

function isOwnParameter(arg: ts.Expression, fn: ts.FunctionLikeDeclaration): boolean {
  const e = skipOuter(arg, 0);
  if (!ts.isIdentifier(e)) return false;
  const decl = findDeclaration(e.text, e);
  return decl !== undefined && ts.isParameter(decl) && decl.parent === fn;
}
