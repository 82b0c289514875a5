// `if (host) app.listen(port, host) else app.listen(port)`: the two calls are one server opened
// one way or the other, so it gets one finding, not one per branch.
import { ts } from 'ts-morph';

/** The branches of an `if`/`else` or `c ? a : b` that hold `node`, innermost first: [the choice, the branch]. */
function branchesOf(node: ts.Node): [ts.Node, ts.Node][] {
  const out: [ts.Node, ts.Node][] = [];
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child !== parent.expression) out.push([parent, child]);
    else if (ts.isConditionalExpression(parent) && child !== parent.condition) out.push([parent, child]);
    else if (ts.isFunctionLike(parent)) break;
  }
  return out;
}

/** True when `a` and `b` sit in different branches of one `if`/`else` or conditional in the same function. */
export function inOtherBranches(a: ts.Node, b: ts.Node): boolean {
  const ofB = branchesOf(b);
  return branchesOf(a).some(([choice, branch]) => ofB.some(([c, other]) => c === choice && other !== branch));
}

/** Keeps the first of calls that open the same thing (same callee text) in other branches of one choice. */
export function oneCallPerChoice<T extends { node: ts.CallExpression | ts.NewExpression; kind: string }>(opened: T[]): T[] {
  const kept: T[] = [];
  for (const o of opened) {
    const callee = o.node.expression.getText();
    const twin = kept.some((k) => k.kind === o.kind && k.node.expression.getText() === callee && inOtherBranches(k.node, o.node));
    if (!twin) kept.push(o);
  }
  return kept;
}
