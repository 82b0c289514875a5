// A fan-out whose work is done only for elements made under, or equal to, one of a few literal
// cases. Either the array is mapped from the keys of an object by a callback that builds an element
// only when the key is one of a fixed set of literals (`if (k === 'objectId') … else if (k == '$in')
// … else return;`), and the fan-out skips the rest (`if (!q) return Promise.resolve();`): keys of an
// object are distinct, so at most one element per literal case does work. Or the fan-out's own
// callback picks its work by comparing the element to literals and does nothing for any other
// (`query.meta.map((m) => { if (m === 'total_count') return count(); … return undefined; })`): the
// list names options of a set the code closes, one each, not data that grows.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { TYPE_ONLY_WRAPPERS, skipOuter } from '../shared/ast';
import { hasConstantSize } from './constant-size';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

type Fn = ts.ArrowFunction | ts.FunctionExpression;

export function workOnlyForLiteralCases(source: ts.Expression, callback: ts.Expression): boolean {
  const cb = skipOuter(callback, TYPE_ONLY_WRAPPERS);
  if (!isFn(cb) || !skipsFalsyFirst(cb)) return false;
  const src = skipOuter(source, TYPE_ONLY_WRAPPERS);
  if (!ts.isIdentifier(src)) return false;
  const decl = findDeclaration(src.text, src);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
  const values = valuesOf(decl);
  return values.length > 0 && values.every((v) => isNothing(v) || hasConstantSize(v) || mapsLiteralKeys(v));
}

/**
 * `(m) => { if (m === 'total_count') return count(); if (m === 'filter_count') return filtered(); return undefined; }`,
 * or a `switch (m)` over string cases: only an element equal to one of the literals reaches work.
 */
export function workOnlyForLiteralElements(callback: ts.Expression): boolean {
  const cb = skipOuter(callback, TYPE_ONLY_WRAPPERS);
  if (!isFn(cb) || !ts.isBlock(cb.body)) return false;
  const p = cb.parameters[0]?.name;
  if (!p || !ts.isIdentifier(p)) return false;
  const statements = cb.body.statements;
  let guarded = false;
  for (const [i, st] of statements.entries()) {
    if (ts.isIfStatement(st) && ifChainOnLiterals(st, p.text)) guarded = true;
    else if (ts.isSwitchStatement(st) && switchOnLiterals(st, p.text)) guarded = true;
    else if (!(i === statements.length - 1 && ts.isReturnStatement(st) && (!st.expression || isPlainValue(st.expression)))) return false;
  }
  return guarded;
}

/** `if (m === 'a') … else if (m === 'b' || m === 'c') …`, its last `else`, if any, doing nothing but return nothing. */
function ifChainOnLiterals(chain: ts.IfStatement, p: string): boolean {
  let node: ts.Statement | undefined = chain;
  while (node && ts.isIfStatement(node)) {
    if (!testsLiterals(node.expression, p)) return false;
    node = node.elseStatement;
  }
  return !node || returnsPlainValue(node);
}

/** `switch (m) { case 'a': …; case 'b': …; default: return; }`. */
function switchOnLiterals(sw: ts.SwitchStatement, p: string): boolean {
  if (skipOuter(sw.expression, TYPE_ONLY_WRAPPERS).getText() !== p) return false;
  return sw.caseBlock.clauses.every((c) => ts.isCaseClause(c)
    ? ts.isStringLiteralLike(skipOuter(c.expression, TYPE_ONLY_WRAPPERS))
    : c.statements.every((st) => ts.isBreakStatement(st) || returnsPlainValue(st)));
}

/** `return;`, `return {};`, `return null`: an element of no literal case gets a value and starts nothing. */
function returnsPlainValue(st: ts.Statement): boolean {
  const last = ts.isBlock(st) ? (st.statements.length === 1 ? st.statements[0] : undefined) : st;
  return last !== undefined && ts.isReturnStatement(last) && (!last.expression || isPlainValue(last.expression));
}

/** A value built without calling anything: `undefined`, a literal, `{}`, `[]`, `{ ok: false }`, a variable. */
function isPlainValue(e: ts.Expression): boolean {
  let plain = true;
  const visit = (n: ts.Node): void => {
    if (!plain) return;
    if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isAwaitExpression(n) || ts.isTaggedTemplateExpression(n) || ts.isYieldExpression(n)) plain = false;
    else ts.forEachChild(n, visit);
  };
  visit(e);
  return plain;
}

function testsLiterals(test: ts.Expression, p: string): boolean {
  const c = skipOuter(test, TYPE_ONLY_WRAPPERS);
  if (ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.BarBarToken) return testsLiterals(c.left, p) && testsLiterals(c.right, p);
  return comparesToLiteral(c, p);
}

function isFn(n: ts.Node): n is Fn {
  return ts.isArrowFunction(n) || ts.isFunctionExpression(n);
}

/** `(q) => { if (!q) return …; … }`. */
function skipsFalsyFirst(fn: Fn): boolean {
  const p = fn.parameters[0]?.name;
  if (!p || !ts.isIdentifier(p) || !ts.isBlock(fn.body)) return false;
  const first = fn.body.statements[0];
  if (!first || !ts.isIfStatement(first) || first.elseStatement) return false;
  const c = skipOuter(first.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isPrefixUnaryExpression(c) || c.operator !== ts.SyntaxKind.ExclamationToken || skipOuter(c.operand, TYPE_ONLY_WRAPPERS).getText() !== p.text) return false;
  const then = ts.isBlock(first.thenStatement) ? first.thenStatement.statements[0] : first.thenStatement;
  return then !== undefined && ts.isReturnStatement(then);
}

/** The initializer and every value assigned to the variable. */
function valuesOf(decl: ts.VariableDeclaration): ts.Expression[] {
  const name = (decl.name as ts.Identifier).text;
  const out: ts.Expression[] = decl.initializer ? [decl.initializer] : [];
  let scope: ts.Node = decl;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let opaque = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isBinaryExpression(n) && ts.isIdentifier(skipOuter(n.left, TYPE_ONLY_WRAPPERS)) && skipOuter(n.left, TYPE_ONLY_WRAPPERS).getText() === name) {
      if (n.operatorToken.kind === ts.SyntaxKind.EqualsToken) out.push(n.right);
      else if (n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) opaque = true;
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.expression.getText() === name &&
      /^(push|unshift|splice)$/.test(n.expression.name.text)) opaque = true;
  };
  walkTree(scope, visit);
  return opaque ? [] : out;
}

function isNothing(e: ts.Expression): boolean {
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  return x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined');
}

/** `Object.keys(x).map((k) => { if (k === 'a') … else if (k == 'b') … else { return; } return v; })`. */
function mapsLiteralKeys(e: ts.Expression): boolean {
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(x) || !ts.isPropertyAccessExpression(x.expression) || x.expression.name.text !== 'map' || x.arguments.length !== 1) return false;
  const keys = skipOuter(x.expression.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(keys) || keys.expression.getText() !== 'Object.keys') return false;
  const cb = skipOuter(x.arguments[0], TYPE_ONLY_WRAPPERS);
  if (!isFn(cb) || !ts.isBlock(cb.body)) return false;
  const k = cb.parameters[0]?.name;
  if (!k || !ts.isIdentifier(k)) return false;
  const chain = cb.body.statements.find(ts.isIfStatement);
  if (!chain) return false;
  // Before the chain nothing is returned; the chain's last `else` returns nothing.
  const before = cb.body.statements.slice(0, cb.body.statements.indexOf(chain));
  if (before.some(returnsSomething)) return false;
  let node: ts.Statement | undefined = chain;
  while (node && ts.isIfStatement(node)) {
    if (!comparesToLiteral(node.expression, k.text)) return false;
    node = node.elseStatement;
  }
  if (!node) return false;
  const last = ts.isBlock(node) ? node.statements[node.statements.length - 1] : node;
  return last !== undefined && ts.isReturnStatement(last) && (!last.expression || isNothing(last.expression));
}

function comparesToLiteral(test: ts.Expression, k: string): boolean {
  const c = skipOuter(test, TYPE_ONLY_WRAPPERS);
  if (!ts.isBinaryExpression(c)) return false;
  const op = c.operatorToken.kind;
  if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken) return false;
  const [a, b] = [skipOuter(c.left, TYPE_ONLY_WRAPPERS), skipOuter(c.right, TYPE_ONLY_WRAPPERS)];
  return (a.getText() === k && ts.isStringLiteralLike(b)) || (b.getText() === k && ts.isStringLiteralLike(a));
}

function returnsSomething(s: ts.Node): boolean {
  if (ts.isFunctionLike(s)) return false;
  if (ts.isReturnStatement(s)) return true;
  return ts.forEachChild(s, (c) => returnsSomething(c) || undefined) ?? false;
}
