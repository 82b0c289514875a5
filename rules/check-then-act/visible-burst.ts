// Whether the file shows concurrent calls of a function: it runs inside a callback that a fan-out
// calls for every element (`xs.map(async …)`, `Bluebird.map(hits, formatHit)`), or the file calls
// it from inside such a callback (`ids.map((id) => this.getQueue(id))`). A cache that only repeats
// a read on a cold miss costs a duplicate read once per key; only a burst makes that a stampede.
import { ts } from 'ts-morph';
import { memberName, skipOuter, TYPE_ONLY_WRAPPERS } from '../shared/ast';

/** Calls that run their callback for every element at once (not `mapSeries`, not a limited map). */
const FAN_OUT_METHODS = new Set(['map', 'flatMap', 'forEach', 'each']);

type FunctionNode = ts.SignatureDeclaration;

/** The function, or one it is nested in, is handed to a fan-out or called from one in this file. */
export function inVisibleBurst(fn: FunctionNode): boolean {
  for (let n: ts.Node | undefined = fn; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    if (handedToFanOut(n)) return true;
    const name = nameOf(n);
    if (name && calledFromFanOut(n, name)) return true;
  }
  return false;
}

/** `xs.map(async (x) => …)`, `lib.map(list, fn)`: the function is a fan-out's callback. */
function handedToFanOut(fn: ts.Node): boolean {
  let child: ts.Node = fn;
  let p = fn.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p))) {
    child = p;
    p = p.parent;
  }
  return p !== undefined && isFanOutCall(p) && (p as ts.CallExpression).arguments.includes(child as ts.Expression);
}

function isFanOutCall(n: ts.Node): n is ts.CallExpression {
  if (!ts.isCallExpression(n)) return false;
  const callee = skipOuter(n.expression, TYPE_ONLY_WRAPPERS);
  return ts.isPropertyAccessExpression(callee) && FAN_OUT_METHODS.has(callee.name.text);
}

/** How the file refers to the function: `formatHit` for `const formatHit = async …`, `getQueue` for a method. */
export function nameOf(fn: ts.Node): { text: string; method: boolean } | undefined {
  if (ts.isFunctionDeclaration(fn) && fn.name) return { text: fn.name.text, method: false };
  if (ts.isMethodDeclaration(fn)) {
    const name = memberName(fn.name);
    return name === undefined ? undefined : { text: name, method: true };
  }
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return { text: p.name.text, method: false };
  if (p && (ts.isPropertyDeclaration(p) || ts.isPropertyAssignment(p))) {
    const name = memberName(p.name);
    return name === undefined ? undefined : { text: name, method: true };
  }
  if (p && ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return { text: p.left.name.text, method: true };
  return undefined;
}

/**
 * A reference to the function inside a fan-out: passed to one by name, or called from one of its
 * callbacks (`this.name(…)` for a method, `name(…)` for a function).
 */
function calledFromFanOut(fn: ts.Node, name: { text: string; method: boolean }): boolean {
  let found = false;
  const refersTo = (e: ts.Expression): boolean => {
    const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
    if (name.method) return ts.isPropertyAccessExpression(x) && x.name.text === name.text && x.expression.kind === ts.SyntaxKind.ThisKeyword;
    return ts.isIdentifier(x) && x.text === name.text;
  };
  const visit = (n: ts.Node, inFanOut: boolean): void => {
    if (found || n === fn) return;
    if ((isFanOutCall(n) && n.arguments.some(refersTo)) || (inFanOut && ts.isCallExpression(n) && refersTo(n.expression))) {
      found = true;
      return;
    }
    const inner = inFanOut || (ts.isFunctionLike(n) && handedToFanOut(n));
    ts.forEachChild(n, (c) => visit(c, inner));
  };
  visit(fn.getSourceFile(), false);
  return found;
}
