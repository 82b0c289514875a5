// Module loads written around TypeScript's compilation of `import()` to `require()`: a function
// built as `new Function('specifier', 'return import(specifier)')` (piscina's `getImportESM()`,
// kept in a module variable and handed out by a getter), and the export read off a module just
// loaded (`handler = await import(file); handler = await handler[name]`). Both load or read the
// same module for every caller: the module cache makes a second load of it the same module.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { everyValueOf } from '../shared/made-from';
import { Outer, skipOuter } from '../shared/ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As | Outer.AngleAssertion;

/** How many getters and variables are followed to the `new Function(…)`. */
const MAX_DEPTH = 3;

/** The body of a function that only imports its parameter: `return import(specifier)`. */
const IMPORT_BODY = /^\s*return\s+import\(\s*[A-Za-z_$][\w$]*\s*\)\s*;?\s*$/;

/**
 * The expression is a function that only imports what it is given: `new Function('s', 'return
 * import(s)')`, a variable every value of which is one, or a call of a parameterless function
 * of this file every return of which gives one (`getImportESM()`).
 */
export function isImportFunction(expr: ts.Expression, depth = 0): boolean {
  const e = skipOuter(expr, SEEN_THROUGH);
  if (depth > MAX_DEPTH) return false;
  if (ts.isNewExpression(e)) {
    const callee = skipOuter(e.expression, SEEN_THROUGH);
    const args = e.arguments ?? [];
    const body = args[args.length - 1];
    return ts.isIdentifier(callee) && callee.text === 'Function' && !findDeclaration('Function', callee) && args.length === 2 &&
      ts.isStringLiteralLike(args[0]) && body !== undefined && ts.isStringLiteralLike(body) && IMPORT_BODY.test(body.text);
  }
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    const values = decl && ts.isVariableDeclaration(decl) ? everyValueOf(decl) : undefined;
    return values !== undefined && values.length > 0 && values.every((v) => isImportFunction(v, depth + 1));
  }
  if (ts.isCallExpression(e) && e.arguments.length === 0) {
    const callee = skipOuter(e.expression, SEEN_THROUGH);
    const decl = ts.isIdentifier(callee) ? findDeclaration(callee.text, callee) : undefined;
    if (!decl || !ts.isFunctionDeclaration(decl) || !decl.body || decl.parameters.length) return false;
    const returned = returnsOf(decl.body);
    return returned.length > 0 && returned.every((r) => r !== undefined && isImportFunction(r, depth + 1));
  }
  return false;
}

/** Every `return` of the function's own body (an empty `return` as undefined). */
function returnsOf(body: ts.Block): (ts.Expression | undefined)[] {
  const out: (ts.Expression | undefined)[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return SKIP;
    if (ts.isReturnStatement(n)) out.push(n.expression);
  };
  walkTree(body, visit);
  return out;
}

/**
 * `await handler[name]`, `await mod.default`: an export read off a variable of the function that
 * holds only loaded modules, exports read off them, or what the cache lookup gave; no call, so
 * nothing a second caller repeats.
 * `isLoad` says whether a value is a module load.
 */
export function readsLoadedExport(expr: ts.Expression, isLoad: (e: ts.Expression) => boolean): boolean {
  const e = skipOuter(expr, SEEN_THROUGH);
  if (!ts.isElementAccessExpression(e) && !ts.isPropertyAccessExpression(e)) return false;
  if (ts.isElementAccessExpression(e) && containsCall(e.argumentExpression)) return false;
  const base = skipOuter(e.expression, SEEN_THROUGH);
  if (!ts.isIdentifier(base)) return false;
  const decl = findDeclaration(base.text, base);
  if (!decl || !ts.isVariableDeclaration(decl)) return false;
  const values = everyValueOf(decl);
  if (!values?.length || following.has(decl)) return false;
  following.add(decl);
  try {
    let loads = 0;
    const all = values.every((v) => {
      const x = skipOuter(v, SEEN_THROUGH);
      const awaited = ts.isAwaitExpression(x) ? skipOuter(x.expression, SEEN_THROUGH) : x;
      // Itself read off the variable (`handler = await handler[name]`).
      if ((ts.isElementAccessExpression(awaited) || ts.isPropertyAccessExpression(awaited)) && isNamed(awaited.expression, base.text)) return true;
      // The cache lookup the function starts from (`let handler = handlerCache.get(key)`): a hit returns before any load.
      if (isCacheLookup(x)) return true;
      return isLoad(x) && ++loads > 0;
    });
    return all && loads > 0;
  } finally {
    following.delete(decl);
  }
}

/** Variables whose values are being read, further up the stack (`a = await b[k]; b = await a[k]` would never end). */
const following = new Set<ts.VariableDeclaration>();

function isNamed(e: ts.Expression, name: string): boolean {
  const x = skipOuter(e, SEEN_THROUGH);
  return ts.isIdentifier(x) && x.text === name;
}

/** `cache.get(key)` with a key that makes no call. */
function isCacheLookup(e: ts.Expression): boolean {
  if (!ts.isCallExpression(e) || e.arguments.length !== 1 || containsCall(e.arguments[0])) return false;
  const callee = skipOuter(e.expression, SEEN_THROUGH);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'get' && !containsCall(callee.expression);
}

function containsCall(n: ts.Node): boolean {
  if (ts.isCallExpression(n) || ts.isNewExpression(n)) return true;
  return ts.forEachChild(n, (c) => containsCall(c) || undefined) ?? false;
}
