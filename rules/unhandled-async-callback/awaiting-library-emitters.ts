// What a library emitter does with its listeners, by the class an object was made from (data in
// engine/knowledge.ts). `new StreamSplitter({…}).on('beforeChunkStarted', async () => …)`: a class
// whose emit awaits each listener (LISTENER_AWAITING_EMITTERS), so the listener's promise is not
// dropped. `this._ircClient.onRegister(async () => …)` on `new IrcClient(…)`: a class subscribed
// with a method per event (HANDLER_METHOD_EMITTERS), which drops the listener's promise.
import { ts } from 'ts-morph';
import type { RuleContext } from '../../engine/types';
import { HANDLER_METHOD_EMITTERS, LISTENER_AWAITING_EMITTERS } from '../../engine/knowledge';
import { Outer, skipOuter } from '../shared/ast';
import { madeFrom } from '../shared/made-from';
import { LISTENER_METHODS } from './callback-sinks';

const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;

type Resolve = Pick<RuleContext, 'resolveCallee'>;
type ClassTable = readonly { module: string; classes: ReadonlySet<string> }[];

/** `onRegister`, `onMessage`: a per-event subscription method's name. */
export const HANDLER_METHOD = /^on[A-Z]\w*$/;

/** The receiver was made with `new C(…)` of a listener-awaiting library class, directly, through a variable or member, or up a chain of `.on(…)` calls. */
export function awaitsItsListeners(ctx: Resolve, receiver: ts.Expression): boolean {
  return madeFromLibraryClass(ctx, receiver, LISTENER_AWAITING_EMITTERS);
}

/** `recv.onRegister(fn)` with `recv` made from a class subscribed with a method per event. */
export function subscribesByHandlerMethod(ctx: Resolve, receiver: ts.Expression): boolean {
  return madeFromLibraryClass(ctx, receiver, HANDLER_METHOD_EMITTERS);
}

function madeFromLibraryClass(ctx: Resolve, receiver: ts.Expression, table: ClassTable): boolean {
  let e = skipOuter(receiver, SEEN_THROUGH);
  // `.on(…)` returns the emitter: `new S().on('a', f).on('b', g)`.
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && LISTENER_METHODS.has(e.expression.name.text)) e = skipOuter(e.expression.expression, SEEN_THROUGH);
  if (!ts.isNewExpression(e)) {
    const made = madeFrom(e);
    e = made ? skipOuter(made, SEEN_THROUGH) : e;
  }
  if (!ts.isNewExpression(e)) return false;
  const r = ctx.resolveCallee(e.expression);
  if (!r?.library) return false;
  const name = r.call.split('.').pop() ?? '';
  return table.some((x) => x.module === r.module && x.classes.has(name));
}
