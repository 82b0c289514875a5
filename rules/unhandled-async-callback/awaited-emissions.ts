// Events the project emits only through a function of its own that awaits every listener:
// mswjs-interceptors' `emitAsync(emitter, eventName, ...data) { for (const listener of
// emitter.listeners(eventName)) await listener.apply(emitter, data) }`, with `'request'` emitted
// only as `await emitAsync(options.emitter, 'request', …)` (inside `until()`, which turns the
// rejection into a result). A listener of that event hands its promise to the helper, whose caller
// awaits it: its rejection lands at the emitting call (judged there), not at the listener.
//
// Settled over the project: the listener goes quiet when some file emits the event through such a
// helper and no file emits it with a plain `.emit('request', …)` (or any other `emit…` method).
// The emitter's library does not matter: strict-event-emitter's own `emit` is as synchronous as
// Node's; what awaits is the project's helper, read here.
import path from 'node:path';
import { ts } from 'ts-morph';
import type { FactRef, RuleContext } from '../../engine/types';
import { findDeclaration } from '../../engine/scope';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { calleeName, isFunctionBoundary, Outer, skipOuter } from '../shared/ast';
import { madeFrom } from '../shared/made-from';
import { exportedAs } from '../shared/run-once';

const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;

/** This project function awaits each listener of the event it is handed (`emitAsync(emitter, event, ...data)`). */
export type AwaitsEachKind = 'awaits-each-listener';
/** Some file emits this event through a function of the project named `emit…` (awaiting, if the fact above holds for it). */
export type EmitsAwaitedKind = `emits-awaited:${string}`;
/** Some file emits this event with an `emit…` method of an object: nothing says its listeners are awaited. */
export type EmitsPlainKind = `emits-plain:${string}`;

type Resolve = Pick<RuleContext, 'factRef' | 'file' | 'packageDir'>;

interface Fact {
  fact: { kind: AwaitsEachKind | EmitsAwaitedKind | EmitsPlainKind; ref: FactRef };
  ifAll?: { kind: AwaitsEachKind; ref: FactRef }[];
}

const EMIT_NAME = /^emit/i;

/** The facts a file records: its listener-awaiting helpers, and each event it emits, through one or plainly. */
export function awaitedEmissionFacts(sf: ts.SourceFile, ctx: Resolve): Fact[] {
  const out: Fact[] = [];
  const pkg = packageOf(ctx);
  for (const [name, fn] of topLevelFunctions(sf)) {
    if (!awaitsEachListener(fn)) continue;
    for (const ref of bindingRefs(sf, name, ctx.file)) out.push({ fact: { kind: 'awaits-each-listener', ref } });
  }
  const visit = (n: ts.Node): WalkAnswer => {
    if (!ts.isCallExpression(n)) return;
    const callee = skipOuter(n.expression, SEEN_THROUGH);
    if (ts.isPropertyAccessExpression(callee) && EMIT_NAME.test(callee.name.text)) {
      // `this.emit('request', …)`, `emitter.emitAsync('request', …)`: a method we do not read.
      const event = literal(n.arguments[0]);
      if (event !== undefined) out.push({ fact: { kind: `emits-plain:${event}`, ref: pkg } });
    } else if (ts.isIdentifier(callee) && EMIT_NAME.test(callee.text)) {
      // `emitAsync(this.emitter, 'request', …)`: awaiting when the helper is (settled with its fact).
      const event = literal(n.arguments[1]);
      const ref = ctx.factRef(callee);
      if (event !== undefined && ref !== undefined && typeof ref !== 'string') {
        out.push({ fact: { kind: `emits-awaited:${event}`, ref: pkg }, ifAll: [{ kind: 'awaits-each-listener', ref }] });
      }
    }
  };
  walkTree(sf, visit);
  return out;
}

/**
 * For `recv.on('request', async …)`: silenced when the event is emitted through an awaiting helper
 * and never plainly. Only on a receiver the project made: `this` in a class extending a project
 * class, or an object made with `new C(…)` of one; a Node server's or socket's `'request'` is
 * emitted by Node, whatever the project's own events are.
 */
export function awaitedEmissionCondition(receiver: ts.Expression, event: ts.Expression | undefined, ctx: Resolve):
  { all: { kind: EmitsAwaitedKind; ref: FactRef }[]; without: { kind: EmitsPlainKind; ref: FactRef }[] } | undefined {
  const name = literal(event);
  if (name === undefined || !madeByProject(skipOuter(receiver, SEEN_THROUGH), ctx)) return undefined;
  const pkg = packageOf(ctx);
  return { all: [{ kind: `emits-awaited:${name}`, ref: pkg }], without: [{ kind: `emits-plain:${name}`, ref: pkg }] };
}

function packageOf(ctx: Resolve): string {
  return ctx.packageDir ?? path.dirname(ctx.file);
}

function literal(e: ts.Expression | undefined): string | undefined {
  const x = e && skipOuter(e, SEEN_THROUGH);
  return x && ts.isStringLiteralLike(x) ? x.text : undefined;
}

function madeByProject(receiver: ts.Expression, ctx: Resolve): boolean {
  if (receiver.kind === ts.SyntaxKind.ThisKeyword) {
    let cls: ts.Node | undefined = receiver.parent;
    while (cls && !ts.isClassLike(cls)) cls = ts.isFunctionDeclaration(cls) || ts.isFunctionExpression(cls) ? undefined : cls.parent;
    const base = cls && (cls as ts.ClassLikeDeclaration).heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const id = base && skipOuter(base.expression, SEEN_THROUGH);
    return id !== undefined && ts.isIdentifier(id) && isProjectBinding(id, ctx);
  }
  const made = madeFrom(receiver);
  const x = made && skipOuter(made, SEEN_THROUGH);
  return x !== undefined && ts.isNewExpression(x) && ts.isIdentifier(x.expression) && isProjectBinding(x.expression, ctx);
}

/** A class of this file, or an import of a project file (not a library's). */
function isProjectBinding(id: ts.Identifier, ctx: Resolve): boolean {
  const decl = findDeclaration(id.text, id);
  if (decl && ts.isClassDeclaration(decl)) return true;
  const ref = ctx.factRef(id);
  return ref !== undefined && typeof ref !== 'string';
}

/** How other files name a top-level binding: its name, or the module for `module.exports = name`. */
function bindingRefs(sf: ts.SourceFile, name: string, file: string): FactRef[] {
  const refs: FactRef[] = [{ file, name }];
  for (const as of exportedAs(sf, name)) refs.push(...(as === '' ? [{ file, name: '*' }, { file, name: 'default' }] : [{ file, name: as }]));
  return refs;
}

type Fn = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

/** `function emitAsync(…) {…}`, `export const emitAsync = async (…) => {…}`, named `emit…`. */
function topLevelFunctions(sf: ts.SourceFile): [string, Fn][] {
  const out: [string, Fn][] = [];
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.name && s.body && EMIT_NAME.test(s.name.text)) out.push([s.name.text, s]);
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      const init = d.initializer && skipOuter(d.initializer, SEEN_THROUGH);
      if (ts.isIdentifier(d.name) && EMIT_NAME.test(d.name.text) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) out.push([d.name.text, init]);
    }
  }
  return out;
}

/**
 * `(emitter, eventName, ...data)` whose body awaits every `emitter.listeners(eventName)` in turn
 * (`for (const l of listeners) await l.apply(emitter, data)`, or `await l(...data)`), or awaits
 * or returns `Promise.all(emitter.listeners(eventName).map((l) => l(...data)))`.
 */
function awaitsEachListener(fn: Fn): boolean {
  const [emitter, event] = fn.parameters;
  if (!emitter || !event || !ts.isIdentifier(emitter.name) || !ts.isIdentifier(event.name) || !fn.body) return false;
  const e = emitter.name.text;
  const ev = event.name.text;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (n !== fn && isFunctionBoundary(n) && !isMapCallback(n)) return SKIP;
    if (ts.isForOfStatement(n) && !n.awaitModifier && isListenersOf(n.expression, e, ev) && awaitsLoopVariable(n)) found = true;
    if (ts.isCallExpression(n) && isPromiseAllOfListeners(n, e, ev) && (ts.isAwaitExpression(n.parent) || ts.isReturnStatement(n.parent) || n.parent === fn)) found = true;
  };
  walkTree(fn.body, visit);
  return found;
}

function isMapCallback(n: ts.Node): boolean {
  return ts.isCallExpression(n.parent) && calleeName(n.parent.expression) === 'map';
}

/** `emitter.listeners(eventName)`, directly or through a `const` holding it. */
function isListenersOf(expr: ts.Expression, emitter: string, event: string): boolean {
  let x = skipOuter(expr, SEEN_THROUGH);
  if (ts.isIdentifier(x)) {
    const decl = findDeclaration(x.text, x);
    const init = decl && ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const ? decl.initializer : undefined;
    if (!init) return false;
    x = skipOuter(init, SEEN_THROUGH);
  }
  if (!ts.isCallExpression(x) || !ts.isPropertyAccessExpression(x.expression) || x.arguments.length !== 1) return false;
  const owner = skipOuter(x.expression.expression, SEEN_THROUGH);
  const arg = skipOuter(x.arguments[0], SEEN_THROUGH);
  return ['listeners', 'rawListeners'].includes(x.expression.name.text) && ts.isIdentifier(owner) && owner.text === emitter &&
    ts.isIdentifier(arg) && arg.text === event;
}

/** The loop's body awaits, as a statement, a call of its variable (`await l(…)`, `await l.apply(…)`, `await l.call(…)`). */
function awaitsLoopVariable(loop: ts.ForOfStatement): boolean {
  const init = loop.initializer;
  const decl = ts.isVariableDeclarationList(init) ? init.declarations[0] : undefined;
  if (!decl || !ts.isIdentifier(decl.name)) return false;
  const v = decl.name.text;
  const statements = ts.isBlock(loop.statement) ? loop.statement.statements : [loop.statement];
  return statements.some((s) => {
    if (!ts.isExpressionStatement(s)) return false;
    const aw = skipOuter(s.expression, SEEN_THROUGH);
    return ts.isAwaitExpression(aw) && callsVariable(aw.expression, v);
  });
}

function callsVariable(expr: ts.Expression, v: string): boolean {
  const call = skipOuter(expr, SEEN_THROUGH);
  if (!ts.isCallExpression(call)) return false;
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (ts.isIdentifier(callee)) return callee.text === v;
  return ts.isPropertyAccessExpression(callee) && ['apply', 'call'].includes(callee.name.text) && ts.isIdentifier(callee.expression) && callee.expression.text === v;
}

/** `Promise.all(emitter.listeners(eventName).map((l) => l(...data)))` (or `allSettled`). */
function isPromiseAllOfListeners(call: ts.CallExpression, emitter: string, event: string): boolean {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(callee) || !['all', 'allSettled'].includes(callee.name.text) || call.arguments.length !== 1) return false;
  const owner = skipOuter(callee.expression, SEEN_THROUGH);
  if (!ts.isIdentifier(owner) || owner.text !== 'Promise') return false;
  const list = skipOuter(call.arguments[0], SEEN_THROUGH);
  if (!ts.isCallExpression(list) || !ts.isPropertyAccessExpression(list.expression) || list.expression.name.text !== 'map') return false;
  const f = list.arguments[0] && skipOuter(list.arguments[0], SEEN_THROUGH);
  if (!f || !(ts.isArrowFunction(f) || ts.isFunctionExpression(f)) || !f.parameters[0] || !ts.isIdentifier(f.parameters[0].name)) return false;
  const p = f.parameters[0].name.text;
  const body = ts.isBlock(f.body) ? (f.body.statements.length === 1 && ts.isReturnStatement(f.body.statements[0]) ? f.body.statements[0].expression : undefined) : f.body;
  return isListenersOf(list.expression.expression, emitter, event) && body !== undefined && callsVariable(body, p);
}
