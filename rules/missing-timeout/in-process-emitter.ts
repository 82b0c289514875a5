// `events.once(emitter, name)` on an emitter the function made itself (`const emitter = new
// EventEmitter()`, `new EventTarget()`): only code of this process emits on it, so the wait is
// on that code, not on a peer or another process (temporalio's mapAsyncIterable races
// `once(emitter, 'error')` with its own workers' results). A socket's, a child's or a stream's
// events stay waits on the other side, and so does a local emitter that relays them: one whose
// `emit` runs inside a listener of another emitter (`socket.on('data', (d) => bus.emit('msg', d))`),
// or one handed to other code (`startWorker(bus)`), which may do so where we do not look.
import { ts } from 'ts-morph';
import type { ResolvedCallee } from '../../engine/types';
import { findDeclaration } from '../../engine/scope';
import { enclosingFunction, unwrap } from '../shared/ast';
import { walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** How the events module's emitter class is reached: `require('events')`, `events.EventEmitter`, the default import. */
const EMITTER_EXPORTS = new Set(['', 'default', 'EventEmitter', 'default.EventEmitter', 'EventEmitter.EventEmitter']);
/** Globals that make an in-process event target. */
const GLOBAL_EMITTERS = new Set(['EventTarget']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'addEventListener', 'prependListener', 'prependOnceListener']);

/** The first argument of `once(…)` is an emitter made in an enclosing function and fed by no other emitter's listener. */
export function onOwnEmitter(call: ts.CallExpression, resolve: (e: ts.Expression) => ResolvedCallee | undefined): boolean {
  const target = call.arguments[0] && unwrap(call.arguments[0]);
  if (!target || !ts.isIdentifier(target)) return false;
  const decl = findDeclaration(target.text, target);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const)) return false;
  // Made in a function: a module-level emitter is shared with whatever the module hands it to.
  const scope = enclosingFunction(decl);
  if (!scope) return false;
  const made = unwrap(decl.initializer);
  if (!ts.isNewExpression(made) || !isEmitterClass(made.expression, resolve)) return false;
  return !relaysOtherEvents(scope, target.text) && !handedOut(scope, target.text);
}

/** Functions of the events module that only listen: handing the emitter to them shares it with no one. */
const EVENTS_LISTENERS = new Set(['on', 'once']);

/** `startWorker(emitter)`: code we do not read here may emit on it, from a socket or a child process. */
function handedOut(scope: ts.Node, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || !ts.isCallExpression(n)) return;
    const callee = unwrap(n.expression);
    const calledName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (!EVENTS_LISTENERS.has(calledName) && n.arguments.some((a) => ts.isIdentifier(unwrap(a)) && (unwrap(a) as ts.Identifier).text === name)) found = true;
  };
  walkTree(scope, visit);
  return found;
}

function isEmitterClass(e: ts.Expression, resolve: (e: ts.Expression) => ResolvedCallee | undefined): boolean {
  const c = resolve(e);
  if (c) return (c.module === 'events' && EMITTER_EXPORTS.has(c.call)) || (c.module === 'global' && GLOBAL_EMITTERS.has(c.call));
  return ts.isIdentifier(e) && GLOBAL_EMITTERS.has(e.text) && !findDeclaration(e.text, e);
}

/** `other.on('data', (d) => emitter.emit('x', d))`: the emitter passes on events from elsewhere. */
function relaysOtherEvents(scope: ts.Node, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return;
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !['emit', 'dispatchEvent'].includes(n.expression.name.text)) return;
    const receiver = unwrap(n.expression.expression);
    if (!ts.isIdentifier(receiver) || receiver.text !== name) return;
    for (let p: ts.Node | undefined = n.parent; p && p !== scope; p = p.parent) {
      if (!ts.isFunctionLike(p) || !ts.isCallExpression(p.parent)) continue;
      const listen = p.parent.expression;
      if (ts.isPropertyAccessExpression(listen) && LISTENER_METHODS.has(listen.name.text)) {
        const source = unwrap(listen.expression);
        if (!(ts.isIdentifier(source) && source.text === name)) found = true;
      }
    }
  };
  walkTree(scope, visit);
  return found;
}

/**
 * `once(options.signal, 'abort')`: waits for a cancel the caller or this process asks for (an
 * AbortSignal's, a request's own `abort()`), never on a peer; and nothing hangs while it waits.
 */
export function waitsForCancel(call: ts.CallExpression): boolean {
  const name = call.arguments[1] && unwrap(call.arguments[1]);
  return name !== undefined && ts.isStringLiteralLike(name) && name.text === 'abort';
}
