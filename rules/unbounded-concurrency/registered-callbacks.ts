// A fan-out over functions: each element is itself called (`setups.map((setup) => setup(channel))`,
// `pb.call(setupFn, this, channel)`, `hook.apply(this, args)`). Such a list holds code the program
// registered — setup hooks, plugins, middleware — as many as the code adds, not as its input
// brings; and waiters resolved in a burst do in-process work. Neither is a burst of I/O to bound.
import { ts } from 'ts-morph';
import { unwrap } from '../shared/ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** The callback calls its element: directly, through `.call`/`.apply` on it, or handing it first to a `call(fn, this, …)` helper. */
export function callsItsElement(cb: ts.Expression): boolean {
  const fn = unwrap(cb);
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  const first = fn.parameters[0];
  if (!first || !ts.isIdentifier(first.name)) return false;
  const name = first.name.text;
  const isElement = (e: ts.Expression | undefined): boolean => e !== undefined && ts.isIdentifier(unwrap(e)) && (unwrap(e) as ts.Identifier).text === name;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || (n !== fn && ts.isFunctionLike(n))) return SKIP;
    if (ts.isCallExpression(n)) {
      const callee = unwrap(n.expression);
      if (isElement(callee)) found = true;
      else if (ts.isPropertyAccessExpression(callee) && /^(call|apply)$/.test(callee.name.text) &&
        (isElement(callee.expression) || isElement(n.arguments[0]))) found = true;
    }
  };
  walkTree(fn.body, visit);
  return found;
}
