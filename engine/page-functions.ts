// Code that runs in a browser page although it is written in a Node file: a function handed to
// `page.evaluate(…)` and its kin (engine/knowledge.ts PAGE_CONTEXT_METHODS) is serialized and run
// in the page. A finding there names a Node harm that cannot happen; none is reported.
import { ts } from 'ts-morph';
import { PAGE_CONTEXT_METHODS } from './knowledge';

/** True when `node` sits inside a function literal passed to a page-context method. */
export function runsInPage(node: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    if (!(ts.isArrowFunction(n) || ts.isFunctionExpression(n))) continue;
    let arg: ts.Node = n;
    while (ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
    const call = arg.parent;
    if (ts.isCallExpression(call) && call.arguments.includes(arg as ts.Expression) && ts.isPropertyAccessExpression(call.expression) &&
      PAGE_CONTEXT_METHODS.has(call.expression.name.text)) return true;
  }
  return false;
}

/** The innermost node of the file that starts at or covers `pos`: where a range-only report points. */
export function nodeAt(sf: ts.SourceFile, pos: number): ts.Node {
  let found: ts.Node = sf;
  const visit = (n: ts.Node): void => {
    if (pos < n.getStart(sf) || pos >= n.end) return;
    found = n;
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, visit);
  return found;
}
