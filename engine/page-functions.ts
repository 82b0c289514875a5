// Code that runs in a browser page although it is written in a Node file: a function handed to
// `page.evaluate(…)` and its kin (engine/knowledge.ts PAGE_CONTEXT_METHODS) is serialized and run
// in the page. A finding there names a Node harm that cannot happen; none is reported.
import { ts } from 'ts-morph';
import { PAGE_CONTEXT_METHODS } from './knowledge';

/**
 * True when `node` sits inside a function literal passed to a page-context method, or inside a
 * function of the file that is only ever passed to one by name
 * (`function getCacheContents() { return caches.keys()… }` … `evaluate(getCacheContents, …)`).
 */
export function runsInPage(node: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    if (ts.isFunctionDeclaration(n) && n.name && pageFunctionNames(n.getSourceFile()).has(n.name.text)) return true;
    if (!(ts.isArrowFunction(n) || ts.isFunctionExpression(n))) continue;
    let arg: ts.Node = n;
    while (ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
    if (isPageContextArgument(arg)) return true;
    if (ts.isVariableDeclaration(arg.parent) && arg.parent.initializer === arg && ts.isIdentifier(arg.parent.name) &&
      pageFunctionNames(n.getSourceFile()).has(arg.parent.name.text)) return true;
  }
  return false;
}

function isPageContextArgument(arg: ts.Node): boolean {
  const call = arg.parent;
  return ts.isCallExpression(call) && call.arguments.includes(arg as ts.Expression) && ts.isPropertyAccessExpression(call.expression) &&
    PAGE_CONTEXT_METHODS.has(call.expression.name.text);
}

const pageNamesByFile = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/**
 * The names the file passes to a page-context method and uses in no other way (a call, an
 * export, a value kept): those functions run only in the page.
 */
function pageFunctionNames(sf: ts.SourceFile): ReadonlySet<string> {
  let names = pageNamesByFile.get(sf);
  if (names) return names;
  const passed = new Set<string>();
  const other = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && !isDeclarationName(n)) (isPageContextArgument(n) ? passed : other).add(n.text);
    ts.forEachChild(n, visit);
  };
  // Only files that call a page-context method can hold one (most do not: no walk).
  if ([...PAGE_CONTEXT_METHODS].some((m) => sf.text.includes(m))) visit(sf);
  names = new Set([...passed].filter((name) => !other.has(name)));
  pageNamesByFile.set(sf, names);
  return names;
}

/** The name a declaration introduces, or a property name after a dot: not a use of a binding. */
function isDeclarationName(n: ts.Identifier): boolean {
  const p = n.parent;
  return ((ts.isFunctionDeclaration(p) || ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) ||
    ts.isPropertyDeclaration(p) || ts.isParameter(p)) && p.name === n) || (ts.isPropertyAccessExpression(p) && p.name === n);
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
