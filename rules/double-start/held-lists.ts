// Objects an owner keeps in a list it fills once and starts one by one from its own start path:
//
//   constructor() { const apps = new AppServer(o); const ui = new UiServer(o); this.servers = [apps, ui]; }
//   iterate(cb) { return Promise.all(this.servers.map((s) => cb(s))); }
//   async start() { await this.iterate(async (s) => { await s.start(); }); }
//
// Each object of the list is started once per start of its owner, which is the owner's to guard,
// as for an object the owner holds in a field (shared/fresh-objects.ts `heldOnceClass`). The list may be
// walked in place (`for (const s of this.servers)`, `this.servers.forEach((s) => s.start())`) or
// through a helper of the class that hands each element to its callback.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import type { FactRef, RuleContext } from '../../engine/types';
import { isFunctionBoundary, memberName, thisMemberName, thisOwner, unwrapAwaited } from '../shared/ast';
import { classRefOfNew, fieldWrites, runsOnceWhenReached, runsOnOwnersStartPath } from '../shared/fresh-objects';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Array methods that call their callback once per element. */
const EACH_ELEMENT = new Set(['forEach', 'map']);

/**
 * The classes of the objects `call` starts (`s.start()`) when `s` is each element in turn of a list
 * the owner fills once in its constructor with objects it makes there, walked from one place on
 * the owner's start path, and the only place the owner calls that method on anything but itself.
 */
export function heldListClasses(ctx: RuleContext, call: ts.CallExpression): FactRef[] {
  const callee = unwrapAwaited(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return [];
  const element = unwrapAwaited(callee.expression);
  const owner = thisOwner(call);
  if (!ts.isIdentifier(element) || !owner) return [];
  const walk = elementWalk(element, call, owner.cls);
  if (!walk || !runsOnOwnersStartPath(walk.at, owner.member, owner.cls)) return [];
  if (elementCalls(owner.cls, callee.name.text) !== 1) return [];
  const made = listMadeInConstructor(owner.cls, walk.field);
  return made?.map((m) => classRefOfNew(ctx, m)).filter((r): r is NonNullable<typeof r> => r !== undefined) ?? [];
}

/**
 * How `element` gets each object of `this.<field>`, and the statement or call that walks the list
 * once: the `for … of` itself, `this.<field>.forEach(fn)`, or `this.<helper>(fn)`. The call must
 * run once per element (no loop or repeating callback between it and the element's binding).
 */
function elementWalk(element: ts.Identifier, call: ts.CallExpression, cls: ts.ClassLikeDeclaration): { field: string; at: ts.Node } | undefined {
  const decl = findDeclaration(element.text, element);
  if (!decl) return undefined;
  // `for (const s of this.servers) await s.start();`
  if (ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && ts.isForOfStatement(decl.parent.parent)) {
    const loop = decl.parent.parent;
    const field = thisMemberName(unwrapAwaited(loop.expression));
    return field !== undefined && onceWithin(call, loop.statement) ? { field, at: loop } : undefined;
  }
  if (!ts.isParameter(decl) || decl.parent.parameters[0] !== decl) return undefined;
  const fn = decl.parent;
  if ((!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) || !onceWithin(call, fn.body)) return undefined;
  const use = fn.parent;
  if (!ts.isCallExpression(use) || !use.arguments.includes(fn)) return undefined;
  const target = unwrapAwaited(use.expression);
  if (!ts.isPropertyAccessExpression(target)) return undefined;
  // `this.servers.forEach((s) => s.start())`
  const direct = thisMemberName(unwrapAwaited(target.expression));
  if (direct !== undefined && EACH_ELEMENT.has(target.name.text)) return { field: direct, at: use };
  // `this.iterate((s) => s.start())`, where `iterate(cb)` hands `cb` each element of a list.
  const helper = thisMemberName(target);
  const method = helper !== undefined ? cls.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && memberName(m.name) === helper) : undefined;
  const field = method && handsEachElement(method, use.arguments.indexOf(fn));
  return field !== undefined ? { field, at: use } : undefined;
}

/** Nothing between `node` and `top` runs it more than once: no loop, no callback but a promise's. */
function onceWithin(node: ts.Node, top: ts.Node): boolean {
  if (node === top) return true;
  for (let n: ts.Node | undefined = node.parent; n && n !== top; n = n.parent) {
    if (ts.isIterationStatement(n, false)) return false;
    if (isFunctionBoundary(n) && !runsOnceWhenReached(n)) return false;
  }
  return true;
}

/**
 * The list a helper walks, calling its callback parameter (at `index`) with each element once:
 * `Promise.all(this.servers.map((s) => cb(s)))`, `this.servers.forEach(cb)`, `for (const s of this.servers) await cb(s)`.
 */
function handsEachElement(method: ts.MethodDeclaration, index: number): string | undefined {
  const param = method.parameters[index];
  if (!param || !ts.isIdentifier(param.name) || !method.body) return undefined;
  const name = param.name.text;
  const isCallback = (e: ts.Expression) => ts.isIdentifier(e) && e.text === name;
  let field: string | undefined;
  let calls = 0;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isIdentifier(n) && n.text === name && n !== param.name) calls++;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && EACH_ELEMENT.has(n.expression.name.text)) {
      const list = thisMemberName(unwrapAwaited(n.expression.expression));
      const fn = n.arguments[0] && unwrapAwaited(n.arguments[0]);
      if (list !== undefined && fn && (isCallback(fn) || callsWithOwnParameter(fn, name))) field = list;
    }
    if (ts.isForOfStatement(n)) {
      const list = thisMemberName(unwrapAwaited(n.expression));
      const v = ts.isVariableDeclarationList(n.initializer) ? n.initializer.declarations[0]?.name : undefined;
      if (list !== undefined && v && ts.isIdentifier(v) && callsWith(n.statement, name, v.text)) field = list;
    }
  };
  walkTree(method.body, visit);
  // The callback is used for the walk alone, once.
  return calls === 1 ? field : undefined;
}

/** `(s) => cb(s)`: a function that calls `callback` with its own first parameter. */
function callsWithOwnParameter(fn: ts.Expression, callback: string): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  const p = fn.parameters[0];
  return p !== undefined && ts.isIdentifier(p.name) && callsWith(fn.body, callback, p.name.text);
}

/** `callback(arg)` somewhere in `node`, straight (not in a loop or a callback of its own). */
function callsWith(node: ts.Node, callback: string, arg: string): boolean {
  const visit = (n: ts.Node): boolean => {
    if (ts.isCallExpression(n) && ts.isIdentifier(unwrapAwaited(n.expression)) && (unwrapAwaited(n.expression) as ts.Identifier).text === callback &&
      n.arguments.length >= 1 && ts.isIdentifier(n.arguments[0]) && n.arguments[0].text === arg) return onceWithin(n, node);
    return ts.forEachChild(n, visit) ?? false;
  };
  return visit(node);
}

/** How many calls of `.<method>()` the class makes on anything but `this` itself or its members. */
function elementCalls(cls: ts.ClassLikeDeclaration, method: string): number {
  let count = 0;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isCallExpression(n)) {
      const callee = unwrapAwaited(n.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === method) {
        const receiver = unwrapAwaited(callee.expression);
        if (receiver.kind !== ts.SyntaxKind.ThisKeyword && thisMemberName(receiver) === undefined) count++;
      }
    }
  };
  walkTree(cls, visit);
  return count;
}

/**
 * The `new` expressions of a list the class writes once, in its constructor or a field:
 * `this.servers = [apps, ui]` with `const apps = new AppServer(…)` in the constructor, used there
 * only, or `[new AppServer(…), new UiServer(…)]` in place.
 */
function listMadeInConstructor(cls: ts.ClassLikeDeclaration, field: string): ts.NewExpression[] | undefined {
  if (fieldWrites(cls, field) !== 1) return undefined;
  const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
  let list: ts.Expression | undefined;
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && memberName(m.name) === field && m.initializer) list = m.initializer;
  }
  for (const s of ctor?.body?.statements ?? []) {
    if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      thisMemberName(s.expression.left) === field) list = s.expression.right;
  }
  const literal = list && unwrapAwaited(list);
  if (!literal || !ts.isArrayLiteralExpression(literal) || !literal.elements.length) return undefined;
  const made: ts.NewExpression[] = [];
  for (const el of literal.elements) {
    const e = unwrapAwaited(el);
    if (ts.isNewExpression(e)) made.push(e);
    else if (ts.isIdentifier(e) && ctor) {
      const value = madeOnlyForList(e, ctor);
      if (!value) return undefined;
      made.push(value);
    } else return undefined;
  }
  return made;
}

/** `const apps = new AppServer(…)` declared in the constructor's own statements and used only in the list. */
function madeOnlyForList(id: ts.Identifier, ctor: ts.ConstructorDeclaration): ts.NewExpression | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ctor.body) return undefined;
  const statement = decl.parent.parent;
  if (!ts.isVariableStatement(statement) || statement.parent !== ctor.body) return undefined;
  const value = unwrapAwaited(decl.initializer);
  if (!ts.isNewExpression(value)) return undefined;
  let uses = 0;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isIdentifier(n) && n !== decl.name && n.text === id.text && findDeclaration(n.text, n) === decl) uses++;
  };
  walkTree(ctor.body, visit);
  return uses === 1 ? value : undefined;
}
