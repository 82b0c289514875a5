// `async #readyCb() { if (bad state) throw new KafkaJSError(…); this.#state = CONNECTED; … }`: an
// async function with no `await` runs its whole body in the call, so a `throw` there fails exactly
// when a plain function's would. Handed to an emitter or a timer, a plain function's throw ends the
// process just the same (an uncaught exception): `async` adds no harm, and the throw is the code's
// own invariant check, not a failure of I/O it waits for (confluent kafka-javascript, check 57).
import { ts } from 'ts-morph';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import type { FunctionWithBody } from './rejections';

/** Every rejection point is a `throw`, and the body (not its nested functions) never awaits. */
export function throwsOnlyInTheCall(fn: FunctionWithBody, points: readonly ts.Node[]): boolean {
  if (!points.length || !points.every(ts.isThrowStatement)) return false;
  let awaits = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (awaits || (n !== fn.body && (ts.isFunctionLike(n) || ts.isClassLike(n)))) return SKIP;
    if (ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) {
      awaits = true;
      return SKIP;
    }
  };
  walkTree(fn.body, visit);
  return !awaits;
}
