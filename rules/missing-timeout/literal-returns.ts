// Options spread from a call of a project function that only ever builds object literals
// (selenium-standalone's `got({ ...getProxtAgent(url), ...{ method, url, headers } })`, where
// `getProxtAgent` returns `{ agent: … }` or `{}`): the keys it can add are all in view, so the
// spread adds no bound unless one of them is a bounding key. A function of another module is
// judged where it is written and answered through project facts: one fact that every `return`
// builds a literal whose keys are in view, one per key it may return.
import { ts } from 'ts-morph';
import { isFunctionBoundary, unwrap } from '../shared/ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { findDeclaration } from '../../engine/scope';
import { elementKey, spreadKeys } from './options-binding';

/**
 * The keys a function may return, when every `return` (or an arrow's expression body) is an
 * object literal, or a choice of them, whose keys are all in view; undefined otherwise.
 */
export function literalReturnKeys(fn: ts.FunctionLikeDeclaration): string[] | undefined {
  const body = fn.body;
  if (!body || fn.asteriskToken || fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return undefined;
  if (!ts.isBlock(body)) return keysOf(body);
  const keys: string[] = [];
  let returns = 0;
  let ok = true;
  const visit = (n: ts.Node): WalkAnswer => {
    if (!ok) return SKIP;
    if (n !== body && isFunctionBoundary(n)) return SKIP;
    if (ts.isReturnStatement(n)) {
      returns++;
      const k = n.expression ? keysOf(n.expression) : undefined;
      if (k) keys.push(...k);
      else ok = false;
    }
  };
  walkTree(body, visit);
  return ok && returns > 0 ? keys : undefined;
}

function keysOf(e: ts.Expression): string[] | undefined {
  const elements = spreadKeys(unwrap(e));
  if (!elements) return undefined;
  const keys: string[] = [];
  for (const el of elements) {
    const key = ts.isSpreadAssignment(el) ? undefined : elementKey(el);
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return keys;
}

/** The function a top-level declaration holds: `function f() {}`, `const f = (…) => …`. */
export function declaredFunction(n: ts.Node): { name: ts.Identifier; fn: ts.FunctionLikeDeclaration } | undefined {
  if (ts.isFunctionDeclaration(n) && n.name) return { name: n.name, fn: n };
  if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer &&
    (ts.getCombinedNodeFlags(n) & ts.NodeFlags.Const) !== 0) {
    const init = unwrap(n.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return { name: n.name, fn: init };
  }
  return undefined;
}

/** A spread of a plain call by name (`...getProxtAgent(url)`): the callee, else undefined. */
export function spreadCallee(e: ts.Expression): ts.Identifier | undefined {
  const v = unwrap(e);
  return ts.isCallExpression(v) && ts.isIdentifier(v.expression) ? v.expression : undefined;
}

/** What reading a literal's spreads of project functions found: spreads that add no bound, and the facts that must hold for that. */
export interface OpenedSpreads {
  empty: Set<ts.Node>;
  /** `literal-returns` refs: each imported function builds only literals (judged in its module). */
  onlyIfAll: string[];
  /** `returned-key` refs: any one present says the imported function may return a bound. */
  unlessAny: string[];
}

/**
 * The spreads of `literal` that are calls of project functions building only literals without
 * any of `boundedBy`; undefined when there is none, or one of them may add a bound. A function of
 * this file is read here; one imported from a project module is left to that module's facts.
 */
export function openSpreads(literal: ts.ObjectLiteralExpression, boundedBy: readonly string[], ctx: { file: string; bindingRef(id: ts.Identifier): string | undefined }): OpenedSpreads | undefined {
  const out: OpenedSpreads = { empty: new Set(), onlyIfAll: [], unlessAny: [] };
  for (const p of literal.properties) {
    if (!ts.isSpreadAssignment(p) || spreadKeys(p.expression)) continue;
    const callee = spreadCallee(p.expression);
    if (!callee) continue;
    const decl = findDeclaration(callee.text, callee);
    const local = decl && declaredFunction(decl);
    if (local) {
      const keys = literalReturnKeys(local.fn);
      if (!keys || keys.some((k) => boundedBy.includes(k))) return undefined;
      out.empty.add(p);
      continue;
    }
    const ref = ctx.bindingRef(callee);
    if (!ref?.startsWith('mod:') || ref.startsWith(`mod:${ctx.file}#`)) continue;
    out.empty.add(p);
    out.onlyIfAll.push(ref);
    out.unlessAny.push(...boundedBy.map((k) => returnedKeyRef(ref, k)));
  }
  return out.empty.size ? out : undefined;
}

/** The fact ref saying the function `ref` may return an object with `key`. */
export function returnedKeyRef(ref: string, key: string): string {
  return `${ref}.${key}`;
}

/** A function declared at the top of its module: its name and body, for the facts its importers read. */
export function topLevelFunction(n: ts.Node): { name: ts.Identifier; fn: ts.FunctionLikeDeclaration } | undefined {
  const found = declaredFunction(n);
  if (!found) return undefined;
  const statement = ts.isFunctionDeclaration(n) ? n : n.parent?.parent;
  return statement && ts.isSourceFile(statement.parent) ? found : undefined;
}

/** The keys a spread adds, when all are in view: literals (`...(c ? { a } : {})`), or a call of a function of the file that builds only literals. */
export function spreadKeyNames(e: ts.Expression): string[] | undefined {
  const direct = keysOf(e);
  if (direct) return direct;
  const callee = spreadCallee(e);
  const decl = callee && findDeclaration(callee.text, callee);
  const local = decl && declaredFunction(decl);
  return local ? literalReturnKeys(local.fn) : undefined;
}
