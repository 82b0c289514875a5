// `events.once(this, 'close')` in a graceful `end()` of a class that also offers a forced
// `destroy()` (blind-relay's sessions, check 52): the object waits on its own lifecycle event, a
// drain until its pending work is done. A caller that will not wait has the forced path to call;
// a time limit inside the graceful path would turn a drain into a forced end by the clock.
// Waits on another object (a socket's, a child's 'close'), on a non-terminal event, or in a class
// with no forced teardown of its own stay reported.
import { ts } from 'ts-morph';
import { memberName, thisOwner, unwrap } from '../shared/ast';

/** Events an object emits once when its life ends. */
const OWN_END_EVENTS = new Set(['close', 'closed', 'end', 'finish', 'exit']);
/** Methods that end an object at once, without waiting for its pending work. */
const FORCED_TEARDOWNS = new Set(['destroy', 'terminate', 'kill', 'forceClose']);

/** `once(this, 'close')` outside the forced teardown itself, in a class that declares one with a body. */
export function waitsOnOwnEnd(call: ts.CallExpression): boolean {
  const [emitter, event] = call.arguments.map(unwrap);
  if (!emitter || emitter.kind !== ts.SyntaxKind.ThisKeyword || !event || !ts.isStringLiteralLike(event) || !OWN_END_EVENTS.has(event.text)) return false;
  const owner = thisOwner(call);
  if (!owner) return false;
  const waitingIn = ts.isMethodDeclaration(owner.member) ? memberName(owner.member.name) : undefined;
  if (waitingIn === undefined || FORCED_TEARDOWNS.has(waitingIn)) return false;
  return owner.cls.members.some((m) => ts.isMethodDeclaration(m) && m.body !== undefined && m.body.statements.length > 0 &&
    FORCED_TEARDOWNS.has(memberName(m.name) ?? ''));
}
