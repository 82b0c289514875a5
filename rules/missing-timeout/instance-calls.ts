// A client made with no bound (`const http = axios.create({ adapter: 'http' })`) is harmless when
// every request made through it in the file brings its own: `http.get(url, { timeout })`, or an
// options object built with one (`{ ...(timeout && { timeout }), url }`), passed in place, by a
// const, or through a parameter of a function whose every call in the file passes such an object.
// Any other use (the client exported, handed to other code, its interceptors) keeps the finding.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import type { RuleContext } from '../../engine/types';
import { unwrap } from '../shared/ast';
import { readLiteral, readOptions } from './call-options';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** How many parameters deep an options object is followed to the calls that pass it. */
const MAX_DEPTH = 2;

/** True when `holder` (the binding an instance is stored in) is used only for requests that each pass a bound. */
export function everyRequestBringsItsBound(ctx: RuleContext<any, any, any>, holder: ts.Identifier, module: string, boundedBy: readonly string[]): boolean {
  const decl = holder.parent;
  if (!ts.isVariableDeclaration(decl) || decl.name !== holder || isExported(decl)) return false;
  const uses = referencesOf(ctx.sourceFile, holder.text, decl);
  if (!uses.length) return false;
  return uses.every((use) => {
    const request = requestOf(use);
    if (!request) return false;
    const entry = ctx.knowledge.lookup(module, request.call, false);
    return entry?.timeout !== undefined && callBounded(request.node, entry.timeout.optionsArg, boundedBy, 0);
  });
}

function isExported(decl: ts.VariableDeclaration): boolean {
  const statement = decl.parent.parent;
  return ts.isVariableStatement(statement) && (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

/** Every identifier in the file that names `decl`, but not its own name. */
function referencesOf(sf: ts.SourceFile, name: string, decl: ts.Node): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isIdentifier(n) && n.text === name && n.parent !== decl && findDeclaration(name, n) === decl) out.push(n);
  };
  walkTree(sf, visit);
  return out;
}

/** `api(config)` is the instance's call `''`; `api.get(url, config)` its `get`. */
function requestOf(use: ts.Identifier): { node: ts.CallExpression; call: string } | undefined {
  let e: ts.Node = use;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (ts.isCallExpression(p) && p.expression === e) return { node: p, call: '' };
  if (ts.isPropertyAccessExpression(p) && p.expression === e && ts.isIdentifier(p.name) && ts.isCallExpression(p.parent) && p.parent.expression === p) {
    return { node: p.parent, call: p.name.text };
  }
  return undefined;
}

function callBounded(call: ts.CallExpression, optionsArg: number, boundedBy: readonly string[], depth: number): boolean {
  const options = readOptions(call, optionsArg, boundedBy);
  if (options.state === 'bounded') return true;
  return options.state === 'unknown' && options.node !== undefined && valueBounded(options.node, boundedBy, depth);
}

/** An options value that surely carries a bound: a literal with one, a const of such a literal, a parameter every caller fills so. */
function valueBounded(value: ts.Expression, boundedBy: readonly string[], depth: number): boolean {
  const e = unwrap(value);
  if (ts.isObjectLiteralExpression(e)) return readLiteral(e, boundedBy).state === 'bounded';
  if (!ts.isIdentifier(e)) return false;
  const decl = findDeclaration(e.text, e);
  if (!decl) return false;
  if (ts.isVariableDeclaration(decl)) {
    const constant = ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
    const init = decl.initializer && unwrap(decl.initializer);
    return constant && init !== undefined && ts.isObjectLiteralExpression(init) && readLiteral(init, boundedBy).state === 'bounded';
  }
  if (ts.isParameter(decl) && ts.isIdentifier(decl.name) && depth < MAX_DEPTH) {
    const fn = decl.parent;
    const index = fn.parameters.indexOf(decl);
    const calls = callsOf(fn);
    return calls !== undefined && calls.length > 0 &&
      calls.every((c) => c.arguments[index] !== undefined && valueBounded(c.arguments[index], boundedBy, depth + 1));
  }
  return false;
}

/**
 * The calls of a named function in its file, also through a const that holds it or wraps it
 * (`const check = reverse ? negate(probe) : probe`: a wrapper passes the arguments on).
 * Undefined when it is used any other way (exported, stored, handed to other code).
 */
function callsOf(fn: ts.SignatureDeclaration): ts.CallExpression[] | undefined {
  const named = functionName(fn);
  if (!named) return undefined;
  const out: ts.CallExpression[] = [];
  const follow = (name: ts.Identifier, decl: ts.Node, aliases: number): boolean => {
    for (const use of referencesOf(name.getSourceFile(), name.text, decl)) {
      let e: ts.Node = use;
      while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
      if (ts.isCallExpression(e.parent) && e.parent.expression === e) {
        out.push(e.parent);
        continue;
      }
      const alias = aliasHolding(e);
      if (!alias || aliases > 0 || !follow(alias.name as ts.Identifier, alias, aliases + 1)) return false;
    }
    return true;
  };
  return follow(named.name, named.decl, 0) ? out : undefined;
}

function functionName(fn: ts.SignatureDeclaration): { name: ts.Identifier; decl: ts.Node } | undefined {
  if (ts.isFunctionDeclaration(fn) && fn.name) return { name: fn.name, decl: fn };
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) && !isExported(fn.parent)) {
    return { name: fn.parent.name, decl: fn.parent };
  }
  return undefined;
}

/** The const whose value is this function, directly, as a branch of a condition, or wrapped by a call. */
function aliasHolding(use: ts.Node): ts.VariableDeclaration | undefined {
  let e = use;
  for (;;) {
    const p = e.parent;
    if (ts.isParenthesizedExpression(p) || (ts.isConditionalExpression(p) && p.condition !== e) || (ts.isCallExpression(p) && p.expression !== e)) e = p;
    else break;
  }
  const p = e.parent;
  if (!ts.isVariableDeclaration(p) || p.initializer !== e || !ts.isIdentifier(p.name) || isExported(p)) return undefined;
  return ts.isVariableDeclarationList(p.parent) && (p.parent.flags & ts.NodeFlags.Const) !== 0 ? p : undefined;
}
