// A call of a function of this file that builds a string (`https.get(this.fileLink(info), cb)`
// with `function fileLink(path) { return 'https://api.telegram.org/file/bot' + token + '/' + path }`):
// what it hands the library is a URL, never an options object, so the call's options are in view
// (absent) rather than out of sight.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { propertyKey, unwrap } from '../shared/ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { isThisOrAlias } from './this-alias';

/** True when `call` reaches only functions of this file, each of whose `return`s builds a string. */
export function callBuildsString(call: ts.CallExpression): boolean {
  const fns = calledFunctions(call);
  return fns.length > 0 && fns.every(returnsOnlyStrings);
}

/**
 * The functions of this file a call may reach: a name bound to a function (`fileLink(x)`), or
 * `this.name(x)` (or `_this.name(x)` through an alias of `this`), which reaches whatever the file gives that name: a method, a
 * `Ctor.prototype.name = function`, a `this.name = fileLink` mixin of a declared function.
 * Any other value given that name (a parameter, an import) makes the answer empty: out of sight.
 */
export function calledFunctions(call: ts.CallExpression | ts.NewExpression): ts.FunctionLikeDeclaration[] {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    const fn = functionOf(callee);
    return fn ? [fn] : [];
  }
  if (!ts.isPropertyAccessExpression(callee) || !isThisOrAlias(callee.expression)) return [];
  const name = callee.name.text;
  const found: ts.FunctionLikeDeclaration[] = [];
  let opaque = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (opaque) return SKIP;
    if ((ts.isMethodDeclaration(n) || ts.isPropertyDeclaration(n)) && propertyKey(n.name as ts.PropertyName) === name) {
      const fn = ts.isMethodDeclaration(n) ? n : n.initializer && functionValue(n.initializer);
      if (fn) found.push(fn);
      else opaque = true;
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.name.text === name) {
      // `this.fileLink = fileLink`, `Bot.prototype.fileLink = function …`.
      const fn = functionValue(n.right);
      if (fn) found.push(fn);
      else opaque = true;
    }
    return undefined;
  };
  walkTree(call.getSourceFile(), visit);
  return opaque ? [] : found;
}

function functionValue(e: ts.Expression): ts.FunctionLikeDeclaration | undefined {
  const v = unwrap(e);
  if (ts.isFunctionExpression(v) || ts.isArrowFunction(v)) return v;
  return ts.isIdentifier(v) ? functionOf(v) : undefined;
}

function functionOf(id: ts.Identifier): ts.FunctionLikeDeclaration | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl) return undefined;
  if (ts.isFunctionDeclaration(decl)) return decl;
  if (ts.isVariableDeclaration(decl) && decl.initializer && (ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) !== 0) {
    const init = unwrap(decl.initializer);
    if (ts.isFunctionExpression(init) || ts.isArrowFunction(init)) return init;
  }
  return undefined;
}

/** Every value the function gives back is a string it builds (at least one). */
function returnsOnlyStrings(fn: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return buildsString(body);
  let returns = 0;
  let other = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (other) return SKIP;
    if (n !== body && ts.isFunctionLike(n)) return SKIP;
    if (ts.isReturnStatement(n)) {
      if (n.expression && buildsString(n.expression)) returns++;
      else other = true;
    }
    return undefined;
  };
  walkTree(body, visit);
  return !other && returns > 0;
}

/** A string literal, a template, a `+` with a string on one side, or a choice between such. */
function buildsString(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) return true;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return buildsString(e.left) || buildsString(e.right);
  if (ts.isConditionalExpression(e)) return buildsString(e.whenTrue) && buildsString(e.whenFalse);
  return false;
}
