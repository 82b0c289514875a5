// Adds that only replace the value of a key the collection already holds, so they never grow it:
// - asserted keys: `assert(stacks.has(endpoint), …)` (or `assert.ok`, `invariant`) stands before
//   the add in a block that encloses it, so a new key throws instead of being added (oidc-provider's
//   per-endpoint middleware stacks, seeded with seven constant endpoints);
// - entries upgraded in place: `if (typeof CHARSETS[c] !== 'function') CHARSETS[c] = compile(CHARSETS[c])`
//   on a `const` seeded with an object literal: the stored value is made from the entry already
//   there, once, as a lazy compile of a table the code declares (oidc-provider's user-code charsets).
import { ts } from 'ts-morph';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import { TYPE_ONLY_WRAPPERS, skipOuter, isConstDeclaration } from '../shared/ast';

type Fn = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

/** `assert(x)`, `assert.ok(x)`, `ok(x)`, `invariant(x)`; not `console.assert`, which only logs. */
const ASSERT_CALLS = /^(assert|assert\.ok|assert\.strict|assert\.strict\.ok|ok|invariant)$/;

/** An assertion that the key is in the collection runs before the add, on every path that reaches it. */
export function assertsPresence(fn: Fn, site: ts.Node, collection: string, keyText: string): boolean {
  for (let n: ts.Node = site; n !== fn && n.parent; n = n.parent) {
    const block = n.parent;
    if (!ts.isBlock(block) && !ts.isSourceFile(block)) continue;
    for (const s of block.statements) {
      if (s.getStart() >= n.getStart()) break;
      if (ts.isExpressionStatement(s) && assertsEntry(s.expression, collection, keyText)) return true;
    }
  }
  return false;
}

function assertsEntry(e: ts.Expression, collection: string, keyText: string): boolean {
  const call = skipOuter(e, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(call) || !call.arguments.length || !ASSERT_CALLS.test(call.expression.getText())) return false;
  return presenceTest(call.arguments[0], collection, keyText);
}

/** `coll.has(key)`, `coll.includes(key)`, `key in coll`, `coll[key]`, `coll[key] !== undefined`. */
function presenceTest(expr: ts.Expression, collection: string, keyText: string): boolean {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && /^(has|includes)$/.test(e.expression.name.text)) {
    return e.expression.expression.getText() === collection && e.arguments[0]?.getText() === keyText;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.InKeyword) return e.left.getText() === keyText && e.right.getText() === collection;
  if (ts.isBinaryExpression(e) && /^(!==|!=)$/.test(e.operatorToken.getText())) {
    const absent = (x: ts.Expression) => { const v = skipOuter(x, TYPE_ONLY_WRAPPERS); return v.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(v) && v.text === 'undefined'); };
    return (isEntry(e.left, collection, keyText) && absent(e.right)) || (isEntry(e.right, collection, keyText) && absent(e.left));
  }
  return isEntry(e, collection, keyText);
}

function isEntry(x: ts.Expression, collection: string, keyText: string): boolean {
  const e = skipOuter(x, TYPE_ONLY_WRAPPERS);
  return ts.isElementAccessExpression(e) && e.expression.getText() === collection && e.argumentExpression.getText() === keyText;
}

/**
 * `coll[key] = f(coll[key])` under `if (typeof coll[key] !== 'function')`, `coll` a module `const`
 * seeded with a non-empty object literal: the entry the code declared is replaced by what is made
 * from it. A counter (`coll[key] = (coll[key] || 0) + 1`) defaults a missing entry and is not this.
 */
export function upgradesSeededEntry(site: ts.Node, collection: string, keyText: string): boolean {
  if (!ts.isBinaryExpression(site) || site.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const value = skipOuter(site.right, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(value) || !value.arguments.some((a) => isEntry(a, collection, keyText))) return false;
  if (!underTypeofGuard(site, collection, keyText)) return false;
  return seededWithLiteral(skipOuter(site.left, TYPE_ONLY_WRAPPERS));
}

/** The add sits in the `then` branch of `if (typeof coll[key] !== '…')`. */
function underTypeofGuard(site: ts.Node, collection: string, keyText: string): boolean {
  for (let n: ts.Node = site; n.parent && !ts.isFunctionLike(n.parent); n = n.parent) {
    const p = n.parent;
    if (!ts.isIfStatement(p) || p.thenStatement !== n) continue;
    const c = skipOuter(p.expression, TYPE_ONLY_WRAPPERS);
    if (!ts.isBinaryExpression(c) || !/^(!==|!=)$/.test(c.operatorToken.getText())) continue;
    const typeOfEntry = (x: ts.Expression) => { const v = skipOuter(x, TYPE_ONLY_WRAPPERS); return ts.isTypeOfExpression(v) && isEntry(v.expression, collection, keyText); };
    const literal = (x: ts.Expression) => ts.isStringLiteralLike(skipOuter(x, TYPE_ONLY_WRAPPERS));
    if ((typeOfEntry(c.left) && literal(c.right)) || (typeOfEntry(c.right) && literal(c.left))) return true;
  }
  return false;
}

/** `CHARSETS` of `CHARSETS[k]` is a top-level `const` whose initializer is an object literal with members. */
function seededWithLiteral(left: ts.Expression): boolean {
  if (!ts.isElementAccessExpression(left)) return false;
  const holder = skipOuter(left.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isIdentifier(holder)) return false;
  const decl = findDeclaration(holder.text, holder);
  if (!decl || !ts.isVariableDeclaration(decl) || !isTopLevel(decl) || !isConstDeclaration(decl) || !decl.initializer) return false;
  const init = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
  return ts.isObjectLiteralExpression(init) && init.properties.length > 0;
}
