// A loop that reads a stream until it ends is no retry: `while (!events.closed) { try { const e =
// await events.receive(); … } catch (err) { this.emit('error', err) } }`. Each iteration reads the
// next item of the object whose end the loop condition tests; it does not redo a failed call, and a
// read that fails because the stream closed ends the loop through its condition. A loop that sends
// the same request again (`while (!client.closed) { await client.request(…) }`) stays a retry.
import { ts } from 'ts-morph';
import { skipOuter } from '../shared/ast';
import { RETRY_WRAPPERS } from './retry-delays';
import { STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Methods that take the next item of a stream, socket, observer or queue. */
const READ_METHODS: ReadonlySet<string> = new Set(['receive', 'recv', 'read', 'readMessage', 'readLine', 'next', 'pull', 'take', 'dequeue']);

/** States a stream-like object reports its end (or that it still runs) by: `closed`, `done`, `readableEnded`, `isOpen()`. */
const END_STATES: ReadonlySet<string> = new Set([
  'closed', 'isClosed', 'closing', 'done', 'isDone', 'ended', 'isEnded', 'finished', 'destroyed', 'readable', 'readableEnded', 'open', 'isOpen',
]);

/** `call` reads the next item of an object (`events.receive()`) whose end `condition` tests (`!events.closed`). */
export function readsUntilEnd(condition: ts.Expression | undefined, call: ts.CallExpression): boolean {
  if (!condition) return false;
  const callee = skipOuter(call.expression, RETRY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(callee) || !READ_METHODS.has(callee.name.text)) return false;
  const source = skipOuter(callee.expression, RETRY_WRAPPERS).getText();
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isPropertyAccessExpression(n) && END_STATES.has(n.name.text) && skipOuter(n.expression, RETRY_WRAPPERS).getText() === source) found = true;
  };
  walkTree(condition, visit);
  return found;
}
