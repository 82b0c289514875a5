// A listener added with a method that keeps one registration per function (`addEventListener`),
// when the function is one the object holds for its whole life (`this.onUpdate`, a method or a
// bind done in the constructor): a second start hands over the same function, and nothing is added.
import { ts } from 'ts-morph';
import { thisMemberName } from '../shared/ast';
import { DEDUPING_LISTENER_METHODS } from '../shared/start-shapes';

/** `this.events.addEventListener('x', this.onX)` where nothing but the constructor assigns `onX`. */
export function addsHeldListenerOnce(call: ts.Node, changing: ReadonlySet<string>): boolean {
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return false;
  if (!DEDUPING_LISTENER_METHODS.has(call.expression.name.text)) return false;
  const listener = call.arguments[1];
  const member = listener && thisMemberName(listener);
  return member !== undefined && !changing.has(member);
}
