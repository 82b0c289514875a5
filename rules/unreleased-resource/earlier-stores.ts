// `var socket = new Socket(); opts.socket = socket; this._socket = socket; socket = tls.connect(opts)`:
// the stores written before the reassignment hold the plain socket, not what `tls.connect` makes.
// Only stores that can run after the creation (later in the function, in a closure, or in a loop
// around both) hold the resource.
import { ts } from 'ts-morph';

const isLoop = (n: ts.Node): boolean =>
  ts.isForStatement(n) || ts.isForInStatement(n) || ts.isForOfStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n);

/** True when `store` runs only before `creation` in `fn`'s body: same function, earlier text, no loop around both. */
export function storedBeforeCreation(store: ts.Node, creation: ts.Node, fn: ts.Node): boolean {
  if (store.end > creation.getStart()) return false;
  for (let n = store.parent; n && n !== fn; n = n.parent) {
    // In a closure: it runs whenever it is called, possibly after the creation.
    if (ts.isFunctionLike(n)) return false;
    if (isLoop(n) && creation.pos >= n.pos && creation.end <= n.end) return false;
  }
  return true;
}
