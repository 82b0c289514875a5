// Awaited calls that start no concurrent work: a read of the node's own record store
// (LOCAL_STORE_READS), answered from local storage, not a request to a peer or server.
import { ts } from 'ts-morph';
import { LOCAL_STORE_READS } from '../../engine/knowledge';
import { unwrap } from '../shared/ast';

/** `this.components.peerStore.get(id)`: a read of a local record store the knowledge table names. */
export function readsLocalStore(callee: ts.Expression): boolean {
  const e = unwrap(callee);
  if (!ts.isPropertyAccessExpression(e)) return false;
  const receiver = unwrap(e.expression);
  const name = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : undefined;
  return name !== undefined && LOCAL_STORE_READS.some((k) => k.receiver.test(name) && k.methods.has(e.name.text));
}
