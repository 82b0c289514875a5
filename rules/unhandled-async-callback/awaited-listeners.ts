// Emitters of the project that await their listeners: `class AsyncEventEmitter extends EventEmitter
// { emitAsync(event, ...args) { const promises = []; this.listeners(event).forEach((l) => {
// promises.push(l(...args)); }); return Promise.all(promises); } }`, and a subclass that emits an
// event only through it (`await this.emitAsync('pull', …)`). A listener of that event hands its
// promise to the emitter, whose caller awaits it: its rejection is not dropped at the listener
// (the emitting call is where it lands, and is judged there).
import { ts } from 'ts-morph';
import type { FactRef, RuleContext } from '../../engine/types';
import { findDeclaration } from '../../engine/scope';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { memberName, Outer, skipOuter, thisMemberName } from '../shared/ast';
import { madeFrom } from '../shared/made-from';
import { exportedAs } from '../shared/run-once';

const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;

/** The class's method of this name collects its listeners' promises into `Promise.all`. */
export type CollectsKind = `collects-listeners:${string}`;
/** The class emits this event only through such a method. */
export type AwaitsKind = `awaits-listeners:${string}`;

interface AwaitedFact {
  fact: { kind: CollectsKind | AwaitsKind; ref: FactRef };
  ifAll?: { kind: CollectsKind; ref: FactRef }[];
}

type Resolve = Pick<RuleContext, 'factRef' | 'file'>;

/** The facts a file records: each class's collecting emit methods, and the events it emits only through one. */
export function awaitedListenerFacts(sf: ts.SourceFile, ctx: Resolve): AwaitedFact[] {
  const out: AwaitedFact[] = [];
  for (const s of sf.statements) {
    if (!ts.isClassDeclaration(s) || !s.name) continue;
    const refs = classRefs(sf, s.name.text, ctx.file);
    const collecting = new Set<string>();
    for (const m of s.members) {
      const name = memberName(m.name);
      if (name !== undefined && ts.isMethodDeclaration(m) && m.body && collectsListenerPromises(m)) {
        collecting.add(name);
        for (const ref of refs) out.push({ fact: { kind: `collects-listeners:${name}`, ref } });
      }
    }
    const base = importedBase(s, ctx);
    for (const [event, methods] of emittedEvents(s)) {
      if (methods.size !== 1) continue;
      const [method] = methods;
      if (method === 'emit') continue;
      if (collecting.has(method)) {
        for (const ref of refs) out.push({ fact: { kind: `awaits-listeners:${event}`, ref } });
      } else if (base && !s.members.some((m) => memberName(m.name) === method)) {
        for (const ref of refs) out.push({ fact: { kind: `awaits-listeners:${event}`, ref }, ifAll: [{ kind: `collects-listeners:${method}`, ref: base }] });
      }
    }
  }
  return out;
}

/**
 * The fact that says a listener of `event` on the receiver is awaited: the receiver is a `this`
 * member or variable made with `new C(…)` of a project class.
 */
export function awaitedListenerFact(receiver: ts.Expression, event: ts.Expression | undefined, ctx: Resolve): { kind: AwaitsKind; ref: FactRef } | undefined {
  const e = event && skipOuter(event, SEEN_THROUGH);
  if (!e || !ts.isStringLiteralLike(e)) return undefined;
  const made = madeFrom(skipOuter(receiver, SEEN_THROUGH));
  const x = made && skipOuter(made, SEEN_THROUGH);
  if (!x || !ts.isNewExpression(x) || !ts.isIdentifier(x.expression)) return undefined;
  const ref = ctx.factRef(x.expression);
  return ref !== undefined && typeof ref !== 'string' ? { kind: `awaits-listeners:${e.text}`, ref } : undefined;
}

/** How other files name a top-level class: its name, or the module for `module.exports = Name`. */
function classRefs(sf: ts.SourceFile, name: string, file: string): FactRef[] {
  const refs: FactRef[] = [{ file, name }];
  for (const as of exportedAs(sf, name)) refs.push(...(as === '' ? [{ file, name: '*' }, { file, name: 'default' }] : [{ file, name: as }]));
  return refs;
}

/** `extends AsyncEventEmitter` of an import of the project. */
function importedBase(cls: ts.ClassDeclaration, ctx: Resolve): FactRef | undefined {
  const clause = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  const base = clause?.types[0] && skipOuter(clause.types[0].expression, SEEN_THROUGH);
  if (!base || !ts.isIdentifier(base)) return undefined;
  const decl = findDeclaration(base.text, base);
  if (decl && ts.isClassDeclaration(decl)) return undefined;
  const ref = ctx.factRef(base);
  return ref !== undefined && typeof ref !== 'string' ? ref : undefined;
}

/** Every event the class emits with a literal name, and the methods of `this` it emits it through (`this.emit`, `this.emitAsync`). */
function emittedEvents(cls: ts.ClassDeclaration): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isClassLike(n) && n !== cls) return SKIP;
    if (!ts.isCallExpression(n)) return;
    const method = thisMemberName(skipOuter(n.expression, SEEN_THROUGH));
    const event = n.arguments[0] && skipOuter(n.arguments[0], SEEN_THROUGH);
    if (method === undefined || !/^emit/i.test(method) || !event || !ts.isStringLiteralLike(event)) return;
    const methods = out.get(event.text) ?? new Set<string>();
    methods.add(method);
    out.set(event.text, methods);
  };
  walkTree(cls, visit);
  return out;
}

/**
 * `emitAsync(event, ...args) { const promises = []; this.listeners(event).forEach((l) => {
 * promises.push(l(...args)); }); return Promise.all(promises); }`, or `return
 * Promise.all(this.listeners(event).map((l) => l(...args)))`: every listener's returned value
 * goes into the `Promise.all` (or `allSettled`) the method returns.
 */
function collectsListenerPromises(m: ts.MethodDeclaration): boolean {
  const event = m.parameters[0];
  if (!m.body || !event || !ts.isIdentifier(event.name)) return false;
  const eventName = event.name.text;
  const returns: ts.Expression[] = [];
  let bare = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isFunctionLike(n) && n !== m) return SKIP;
    if (ts.isReturnStatement(n)) {
      if (n.expression) returns.push(n.expression);
      else bare = true;
    }
  };
  walkTree(m.body, visit);
  if (bare || returns.length !== 1) return false;
  let r = skipOuter(returns[0], SEEN_THROUGH);
  if (ts.isAwaitExpression(r)) r = skipOuter(r.expression, SEEN_THROUGH);
  if (!isPromiseCombinator(r)) return false;
  const list = skipOuter((r as ts.CallExpression).arguments[0], SEEN_THROUGH);
  // `Promise.all(this.listeners(event).map((l) => l(...args)))`
  if (ts.isCallExpression(list) && ts.isPropertyAccessExpression(list.expression) && list.expression.name.text === 'map') {
    return isListenersOf(list.expression.expression, eventName) && callsItsParameter(list.arguments[0]);
  }
  // `promises.push(l(...args))` inside `this.listeners(event).forEach((l) => …)`.
  if (!ts.isIdentifier(list)) return false;
  const decl = findDeclaration(list.text, list);
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer, SEEN_THROUGH) : undefined;
  if (!init || !ts.isArrayLiteralExpression(init) || init.elements.length) return false;
  let pushes = 0;
  let ok = true;
  const pushVisit = (n: ts.Node): WalkAnswer => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
    const target = skipOuter(n.expression.expression, SEEN_THROUGH);
    if (!ts.isIdentifier(target) || target.text !== list.text) return;
    if (n.expression.name.text !== 'push' || n.arguments.length !== 1 || !pushesListenerResult(n, eventName)) ok = false;
    else pushes++;
  };
  walkTree(m.body, pushVisit);
  return ok && pushes > 0;
}

function isPromiseCombinator(e: ts.Expression): boolean {
  if (!ts.isCallExpression(e) || e.arguments.length !== 1 || !ts.isPropertyAccessExpression(e.expression)) return false;
  const owner = skipOuter(e.expression.expression, SEEN_THROUGH);
  return ts.isIdentifier(owner) && owner.text === 'Promise' && !findDeclaration('Promise', owner) && ['all', 'allSettled'].includes(e.expression.name.text);
}

/** `this.listeners(event)` or `this.rawListeners(event)`. */
function isListenersOf(expr: ts.Expression, event: string): boolean {
  const e = skipOuter(expr, SEEN_THROUGH);
  if (!ts.isCallExpression(e) || e.arguments.length !== 1) return false;
  const method = thisMemberName(skipOuter(e.expression, SEEN_THROUGH));
  const arg = skipOuter(e.arguments[0], SEEN_THROUGH);
  return (method === 'listeners' || method === 'rawListeners') && ts.isIdentifier(arg) && arg.text === event;
}

/** `(l) => l(...args)`: a callback that returns the call of its parameter. */
function callsItsParameter(fn: ts.Expression | undefined): boolean {
  const f = fn && skipOuter(fn, SEEN_THROUGH);
  if (!f || !(ts.isArrowFunction(f) || ts.isFunctionExpression(f)) || !f.parameters[0] || !ts.isIdentifier(f.parameters[0].name)) return false;
  const p = f.parameters[0].name.text;
  let body: ts.Node = f.body;
  if (ts.isBlock(body)) {
    const last = body.statements[body.statements.length - 1];
    if (body.statements.length !== 1 || !last || !ts.isReturnStatement(last) || !last.expression) return false;
    body = last.expression;
  }
  const call = skipOuter(body as ts.Expression, SEEN_THROUGH);
  return ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === p;
}

/** `promises.push(listener(...args))` in `this.listeners(event).forEach((listener) => …)` or `for (const listener of this.listeners(event))`. */
function pushesListenerResult(push: ts.CallExpression, event: string): boolean {
  const value = skipOuter(push.arguments[0], SEEN_THROUGH);
  if (!ts.isCallExpression(value) || !ts.isIdentifier(value.expression)) return false;
  const decl = findDeclaration(value.expression.text, value.expression);
  if (!decl) return false;
  if (ts.isParameter(decl)) {
    const fn = decl.parent;
    const call = fn.parent;
    return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parameters[0] === decl && ts.isCallExpression(call) &&
      ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'forEach' && isListenersOf(call.expression.expression, event);
  }
  const list = ts.isVariableDeclaration(decl) ? decl.parent : undefined;
  const loop = list?.parent;
  return loop !== undefined && ts.isForOfStatement(loop) && loop.initializer === list && isListenersOf(loop.expression, event);
}

