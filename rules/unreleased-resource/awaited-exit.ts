// A child process the code waits on until it ends: made inside a promise's executor whose
// `'exit'`/`'close'` listener on that child settles the promise, with the promise awaited or
// returned. The child is a task that ends by itself, and its owner waits for that: no leak.
import { ts } from 'ts-morph';
import { isFunctionBoundary, Outer, skipOuter } from '../shared/ast';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;
const EXIT_EVENTS = new Set(['exit', 'close']);

/** `holder` is how the code names the child (`child`, `this.forkedChild`); `site` is the creation expression. */
export function awaitedUntilExit(site: ts.Node, holder: string): boolean {
  const executor = enclosingExecutor(site);
  if (!executor) return false;
  const settlers = new Set(executor.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')).filter(Boolean));
  if (!settlers.size || !isAwaitedOrReturned(executor.parent as ts.NewExpression)) return false;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ['on', 'once', 'addListener'].includes(n.expression.name.text)) {
      const [event, listener] = n.arguments;
      const receiver = skipOuter(n.expression.expression, SEEN_THROUGH).getText().replace(/\s+/g, '');
      if (receiver === holder && event && ts.isStringLiteralLike(event) && EXIT_EVENTS.has(event.text) && listener && callsAny(listener, settlers)) {
        found = true;
        return SKIP;
      }
    }
  };
  walkTree(executor.body, visit);
  return found;
}

/** The executor `(resolve, reject) => { … }` of the `new Promise(…)` the node is made in, with no other function between. */
function enclosingExecutor(node: ts.Node): ts.ArrowFunction | ts.FunctionExpression | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
      const p = n.parent;
      return ts.isNewExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 'Promise' && p.arguments?.[0] === n ? n : undefined;
    }
    if (isFunctionBoundary(n)) return undefined;
  }
  return undefined;
}

/** `await new Promise(…)`, `return new Promise(…)`, `const done = new Promise(…); … await done` is not followed. */
function isAwaitedOrReturned(promise: ts.NewExpression): boolean {
  let n: ts.Node = promise;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent))) n = n.parent;
  return ts.isAwaitExpression(n.parent) || ts.isReturnStatement(n.parent) || (ts.isArrowFunction(n.parent) && n.parent.body === n);
}

function callsAny(fn: ts.Node, names: ReadonlySet<string>): boolean {
  const f = skipOuter(fn as ts.Expression, SEEN_THROUGH);
  if (ts.isIdentifier(f)) return names.has(f.text);
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && names.has(n.expression.text)) hit = true;
    else ts.forEachChild(n, visit);
  };
  visit(f);
  return hit;
}
