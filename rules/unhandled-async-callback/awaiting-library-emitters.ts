// `new StreamSplitter({…}).on('beforeChunkStarted', async () => …)`: an object of a library class
// whose emit awaits each listener (engine/knowledge.ts, LISTENER_AWAITING_EMITTERS). The listener's
// promise is not dropped, so its rejection is not unhandled at the listener.
import { ts } from 'ts-morph';
import type { RuleContext } from '../../engine/types';
import { LISTENER_AWAITING_EMITTERS } from '../../engine/knowledge';
import { Outer, skipOuter } from '../shared/ast';
import { madeFrom } from '../shared/made-from';
import { LISTENER_METHODS } from './callback-sinks';

const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;

/** The receiver was made with `new C(…)` of a listener-awaiting library class, directly, through a variable or member, or up a chain of `.on(…)` calls. */
export function awaitsItsListeners(ctx: Pick<RuleContext, 'resolveCallee'>, receiver: ts.Expression): boolean {
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
  return LISTENER_AWAITING_EMITTERS.some((x) => x.module === r.module && x.classes.has(name));
}
