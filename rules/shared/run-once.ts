// Whether code runs once per process — at module load, in a start-up function, behind a
// once-guard — and how a project function is named by the code that calls it, so that its
// call sites in other files can say whether it runs once. A resource made in code that runs once
// is one resource for the process, not one more per call.
import { ts } from 'ts-morph';
import { requiredSpecifier } from '../../engine/module-symbols';
import { DI_SINGLETON_DECORATORS } from '../../engine/knowledge';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import type { RuleContext } from '../../engine/types';
import { Outer, skipOuter } from './ast';
import { perSourceFile } from './per-file';
import { fileNodes } from '../../engine/file-nodes';

/** Calls whose callback runs at most once per call: a promise's reactions, a one-shot timer, `listen`'s callback. */
const ONCE_CALLBACK_METHODS = new Set(['then', 'catch', 'finally', 'listen', 'once', 'nextTick']);
const ONCE_CALLBACK_FUNCTIONS = new Set(['setTimeout', 'setImmediate', 'queueMicrotask']);

/**
 * True when `node` runs at most once per process as far as this file shows: at module top
 * level (loops over start-up data included), in an immediately invoked function, in a local
 * function every reference to which is a call that itself runs once, in a promise reaction or
 * one-shot callback of such code, or behind a once-guard (`if (!loaded) { …; loaded = true }`).
 */
export function runsOnce(node: ts.Node): boolean {
  return runsOnceFrom(node, new Set());
}

function runsOnceFrom(node: ts.Node, visiting: Set<ts.Node>): boolean {
  for (let n: ts.Node = node; !ts.isSourceFile(n); n = n.parent) {
    if (isOnceGuarded(n)) return true;
    if (n === node || !ts.isFunctionLike(n)) {
      if (ts.isClassLike(n) || ts.isClassStaticBlockDeclaration(n)) return false;
      continue;
    }
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
      if (isInvokedOnce(n)) continue;
      const binding = topLevelBinding(n);
      if (binding) return everyReferenceRunsOnce(binding, n, visiting);
      return false;
    }
    if (ts.isFunctionDeclaration(n) && n.name && isTopLevel(n)) return everyReferenceRunsOnce(n.name, n, visiting);
    // A NestJS provider's constructor: the container makes one instance.
    if (ts.isConstructorDeclaration(n) && isDiSingleton(n.parent)) return true;
    return false;
  }
  return true;
}

/**
 * `@Injectable() class S`, or as TypeScript compiles it, `S = __decorate([Injectable()], S)`:
 * one instance per application, unless the decorator is given a scope.
 */
function isDiSingleton(cls: ts.ClassLikeDeclaration): boolean {
  let known = diSingletons.get(cls);
  if (known === undefined) diSingletons.set(cls, (known = decoratedAsSingleton(cls)));
  return known;
}

/** Asked for every node in a constructor: answered once per class. */
const diSingletons = new WeakMap<ts.ClassLikeDeclaration, boolean>();

function decoratedAsSingleton(cls: ts.ClassLikeDeclaration): boolean {
  const singleton = (d: ts.Expression): boolean => {
    const call = skipOuter(d, Outer.Parens);
    if (!ts.isCallExpression(call)) return false;
    const callee = skipOuter(call.expression, Outer.Parens);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    const scoped = call.arguments.some((a) => ts.isObjectLiteralExpression(a) && a.properties.some((p) => p.name?.getText() === 'scope'));
    return DI_SINGLETON_DECORATORS.has(name) && !scoped;
  };
  if ((ts.getDecorators(cls) ?? []).some((d) => singleton(d.expression))) return true;
  const name = cls.name?.text;
  if (!name) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === '__decorate' && n.arguments.length === 2 &&
      ts.isIdentifier(n.arguments[1]) && n.arguments[1].text === name && ts.isArrayLiteralExpression(n.arguments[0])) {
      found = n.arguments[0].elements.some(singleton);
      return;
    }
    if (!ts.isFunctionLike(n) && !ts.isClassLike(n)) ts.forEachChild(n, visit);
  };
  visit(cls.getSourceFile());
  return found;
}

/** `(() => { … })()`, `new Promise((resolve) => …)`, `p.then(() => …)`, `setTimeout(() => …)`, `server.listen(port, () => …)`. */
export function isInvokedOnce(fn: ts.ArrowFunction | ts.FunctionExpression): boolean {
  let outer: ts.Node = fn.parent;
  let inner: ts.Node = fn;
  while (ts.isParenthesizedExpression(outer)) {
    inner = outer;
    outer = outer.parent;
  }
  // `setTimeout(function () { this.listen(); }.bind(this), 0)`: the bound function runs as the function would.
  if (ts.isPropertyAccessExpression(outer) && outer.expression === inner && outer.name.text === 'bind' && ts.isCallExpression(outer.parent)) {
    inner = outer.parent;
    outer = inner.parent;
  }
  if (ts.isCallExpression(outer) && outer.expression === inner) return true;
  if (ts.isNewExpression(outer) && ts.isIdentifier(outer.expression) && outer.expression.text === 'Promise') return true;
  if (!ts.isCallExpression(outer) || !outer.arguments.includes(inner as ts.Expression)) return false;
  const callee = skipOuter(outer.expression, Outer.Parens);
  if (ts.isIdentifier(callee)) return ONCE_CALLBACK_FUNCTIONS.has(callee.text);
  return ts.isPropertyAccessExpression(callee) && ONCE_CALLBACK_METHODS.has(callee.name.text);
}

/** The name of `const start = () => …` / `function start()` declared at top level. */
function topLevelBinding(fn: ts.ArrowFunction | ts.FunctionExpression): ts.Identifier | undefined {
  const p = skipParentParens(fn);
  return ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && isTopLevel(p) ? p.name : undefined;
}

function skipParentParens(n: ts.Node): ts.Node {
  let p = n.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  return p;
}

/** Every reference to the function's name in its file is a direct call that runs once (and there is one). */
const referencesRunOnce = new WeakMap<ts.Node, boolean>();

function everyReferenceRunsOnce(name: ts.Identifier, fn: ts.Node, visiting: Set<ts.Node>): boolean {
  const known = referencesRunOnce.get(fn);
  if (known !== undefined) return known;
  if (visiting.has(fn)) return false;
  visiting.add(fn);
  const decl = findDeclaration(name.text, name);
  let calls = 0;
  let ok = true;
  for (const n of identifiersByName(name.getSourceFile()).get(name.text) ?? []) {
    if (n === name || !isReference(n) || findDeclaration(n.text, n) !== decl) continue;
    const call = n.parent;
    if (ts.isCallExpression(call) && call.expression === n && runsOnceFrom(call, visiting)) calls++;
    else if (!isExportMention(n)) {
      ok = false;
      break;
    }
  }
  visiting.delete(fn);
  const result = ok && calls > 0;
  if (visiting.size === 0) referencesRunOnce.set(fn, result);
  return result;
}

/** A file's identifiers by name, in source order: the mentions of a name without walking the file for each. */
export const identifiersByName = perSourceFile((sf) => {
  const byName = new Map<string, ts.Identifier[]>();
  for (const n of fileNodes(sf)) {
    if (ts.isIdentifier(n)) {
      const list = byName.get(n.text);
      if (list) list.push(n);
      else byName.set(n.text, [n]);
    }
  }
  return byName;
});

/**
 * `module.exports = { main }`, `exports.main = main`, `export { main }`: exporting a function does
 * not call it (callers in other files say how they call it through their own call-site facts).
 */
export function isExportMention(id: ts.Identifier): boolean {
  let n: ts.Node = id;
  if (ts.isShorthandPropertyAssignment(n.parent) || (ts.isPropertyAssignment(n.parent) && n.parent.initializer === n)) n = n.parent.parent;
  const p = n.parent;
  if (ts.isExportSpecifier(p) || ts.isExportAssignment(p)) return true;
  return ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    (isModuleExports(p.left) || (ts.isPropertyAccessExpression(p.left) && (isModuleExports(p.left.expression) ||
      (ts.isIdentifier(p.left.expression) && p.left.expression.text === 'exports'))));
}

function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === id) return false;
  if ((ts.isFunctionDeclaration(p) || ts.isVariableDeclaration(p) || ts.isParameter(p)) && p.name === id) return false;
  return true;
}

/**
 * A once-guard around `n`: `if (!loaded) { …n…; loaded = true }` (the flag set in the guarded
 * block), or `if (loaded) return; loaded = true;` before `n` in its block. The flag is a
 * module-level binding: a flag on an instance guards once per instance, not per process.
 */
export function isOnceGuarded(n: ts.Node): boolean {
  const p = n.parent;
  if (ts.isIfStatement(p) && p.thenStatement === n) {
    const flag = negatedFlag(p.expression);
    return flag !== undefined && setsTruthy(n, flag);
  }
  if (ts.isBlock(p) || ts.isSourceFile(p)) {
    for (const s of p.statements) {
      if (s === n) break;
      if (!ts.isIfStatement(s) || s.elseStatement || !leaves(s.thenStatement)) continue;
      const flag = plainFlag(s.expression);
      if (flag !== undefined && setsTruthy(p, flag)) return true;
    }
  }
  return false;
}

/** `!loaded`, `loaded === false`, `!loaded.done`: the module-level flag the condition waits on. */
function negatedFlag(cond: ts.Expression): ts.Identifier | undefined {
  const e = skipOuter(cond, Outer.Parens);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return moduleFlag(skipOuter(e.operand, Outer.Parens));
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || e.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken) &&
    (e.right.kind === ts.SyntaxKind.FalseKeyword || e.right.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e.right) && e.right.text === 'undefined'))) {
    return moduleFlag(e.left);
  }
  return undefined;
}

function plainFlag(cond: ts.Expression): ts.Identifier | undefined {
  return moduleFlag(skipOuter(cond, Outer.Parens));
}

function moduleFlag(e: ts.Expression): ts.Identifier | undefined {
  if (!ts.isIdentifier(e)) return undefined;
  const decl = findDeclaration(e.text, e);
  return decl && ts.isVariableDeclaration(decl) && isTopLevel(decl) ? e : undefined;
}

/** `flag = <anything but false, null, undefined, 0>` somewhere in `scope` (nested functions aside). */
function setsTruthy(scope: ts.Node, flag: ts.Identifier): boolean {
  const decl = findDeclaration(flag.text, flag);
  const visit = (n: ts.Node): boolean => {
    if (ts.isFunctionLike(n)) return false;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) &&
      n.left.text === flag.text && findDeclaration(n.left.text, n.left) === decl && !isFalsyLiteral(n.right)) return true;
    return ts.forEachChild(n, (c) => visit(c) || undefined) ?? false;
  };
  return visit(scope);
}

function isFalsyLiteral(e: ts.Expression): boolean {
  return e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(e) && e.text === 'undefined') || (ts.isNumericLiteral(e) && Number(e.text) === 0);
}

function leaves(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true;
  return ts.isBlock(s) && s.statements.some(leaves);
}

// ---- Naming a project function as its callers see it ----

/**
 * The keys other code calls a function by: `<file>#start` for `exports.start = function …`,
 * `export function start`, `module.exports = { start }` and a top-level `function start`;
 * `<file>#` for the module's default export; `<file>#Db.connect` and `<file>#connect` for a
 * static method of a top-level class. Instance methods have none: their callers go through
 * objects we cannot follow.
 */
export function functionKeys(fn: ts.Node, file: string): string[] {
  const names = new Set<string>();
  if (ts.isFunctionDeclaration(fn) && fn.name && isTopLevel(fn)) {
    names.add(fn.name.text);
    if (isDefaultExported(fn)) names.add('');
    for (const n of exportedAs(fn.getSourceFile(), fn.name.text)) names.add(n);
  } else if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const p = skipParentParens(fn);
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && isTopLevel(p)) {
      names.add(p.name.text);
      for (const n of exportedAs(fn.getSourceFile(), p.name.text)) names.add(n);
    }
    else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      for (const n of exportNames(p.left)) names.add(n);
    } else if (ts.isPropertyAssignment(p)) {
      for (const n of objectMemberNames(p)) names.add(n);
    } else if (ts.isExportAssignment(p)) {
      names.add('');
    }
  } else if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent)) {
    for (const n of objectMemberNames(fn)) names.add(n);
  } else if (ts.isMethodDeclaration(fn) && ts.isClassDeclaration(fn.parent) && fn.parent.name && isTopLevel(fn.parent) &&
    (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword) && ts.isIdentifier(fn.name)) {
    names.add(`${fn.parent.name.text}.${fn.name.text}`);
    names.add(fn.name.text);
  }
  return [...names].map((n) => `${file}#${n}`);
}

/**
 * The names a top-level binding is exported under by a statement of its own: `module.exports =
 * handler` and `export default handler` (''), `exports.show = handler`, `module.exports = { show:
 * handler }`, `export { handler as show }`.
 */
export function exportedAs(sf: ts.SourceFile, name: string): string[] {
  const out: string[] = [];
  const isName = (e: ts.Expression) => ts.isIdentifier(e) && e.text === name;
  for (const st of sf.statements) {
    if (ts.isExportAssignment(st) && isName(st.expression)) out.push('');
    if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) if ((el.propertyName ?? el.name).text === name) out.push(el.name.text === 'default' ? '' : el.name.text);
    }
    if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const { left, right } = st.expression;
    if (isName(right)) out.push(...exportNames(left));
    if (ts.isObjectLiteralExpression(right) && isModuleExports(left)) {
      for (const p of right.properties) {
        if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) out.push(name);
        if (ts.isPropertyAssignment(p) && isName(p.initializer) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out.push(p.name.text);
      }
    }
  }
  return out;
}

/**
 * The keys other files reach a function by: only the names it is exported under (a subset of
 * functionKeys, which also names a top-level function by its local name for its own file's
 * callers). `exports.minify = (req, res, next) => minify(req, res)` exports the wrapper, not the
 * local `minify`.
 */
export function exportKeys(fn: ts.Node, file: string): string[] {
  const names = new Set<string>();
  const sf = fn.getSourceFile();
  if (ts.isFunctionDeclaration(fn) && fn.name && isTopLevel(fn)) {
    if (hasExportKeyword(fn)) names.add(isDefaultExported(fn) ? '' : fn.name.text);
    for (const n of exportedAs(sf, fn.name.text)) names.add(n);
  } else if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const p = skipParentParens(fn);
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && isTopLevel(p)) {
      const statement = p.parent.parent;
      if (ts.isVariableStatement(statement) && hasExportKeyword(statement)) names.add(p.name.text);
      for (const n of exportedAs(sf, p.name.text)) names.add(n);
    } else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      for (const n of exportNames(p.left)) names.add(n);
    } else if (ts.isPropertyAssignment(p)) {
      const holder = skipParentParens(p.parent);
      if (ts.isBinaryExpression(holder) && isModuleExports(holder.left)) for (const n of objectMemberNames(p)) names.add(n);
    } else if (ts.isExportAssignment(p)) {
      names.add('');
    }
  }
  return [...names].map((n) => `${file}#${n}`);
}

export function hasExportKeyword(n: ts.Node): boolean {
  return (ts.canHaveModifiers(n) ? ts.getModifiers(n) ?? [] : []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function isDefaultExported(fn: ts.FunctionDeclaration): boolean {
  const mods = ts.getModifiers(fn) ?? [];
  return mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

/** `exports.start`, `module.exports.start` -> start; `module.exports` -> '' (the default export). */
function exportNames(left: ts.Expression): string[] {
  if (!ts.isPropertyAccessExpression(left)) return [];
  const obj = left.expression;
  if (isModuleExports(left)) return [''];
  if ((ts.isIdentifier(obj) && obj.text === 'exports') || isModuleExports(obj)) return [left.name.text];
  return [];
}

function isModuleExports(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
}

/** `start` in `module.exports = { start() {} }`; `api.start` and `start` in a top-level `const api = { start: … }`. */
function objectMemberNames(member: ts.PropertyAssignment | ts.MethodDeclaration): string[] {
  const key = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
  const literal = member.parent;
  if (key === undefined || !ts.isObjectLiteralExpression(literal)) return [];
  const holder = skipParentParens(literal);
  if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken && isModuleExports(holder.left)) return [key];
  if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && isTopLevel(holder)) return [`${holder.name.text}.${key}`, key];
  return [];
}

/**
 * The key of the project function a call runs (see functionKeys), when the callee is one: an
 * import from a project file (`mgmt.start()`, `Database.connect()`, `require('./limit')(…)`) or
 * a top-level function, class or object of this file.
 */
export function calleeKey(ctx: RuleContext, callee: ts.Expression): string | undefined {
  const parts: string[] = [];
  let e = skipOuter(callee, Outer.Parens | Outer.NonNull);
  while (ts.isPropertyAccessExpression(e)) {
    parts.unshift(e.name.text);
    e = skipOuter(e.expression, Outer.Parens | Outer.NonNull);
  }
  const spec = requiredSpecifier(e);
  if (spec !== undefined) {
    const file = spec.startsWith('.') ? ctx.resolver.resolve(ctx.file, spec) : undefined;
    return file ? `${file}#${parts.join('.')}` : undefined;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const imported = ctx.imports.get(e.text);
  if (imported) {
    if (imported.library) return undefined;
    const resolved = ctx.resolveCallee(callee);
    return resolved && !resolved.library ? `${resolved.module}#${resolved.call}` : undefined;
  }
  const decl = findDeclaration(e.text, e);
  if (!decl || !isTopLevel(decl)) return undefined;
  if (ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl) ||
    (ts.isVariableDeclaration(decl) && decl.initializer !== undefined)) {
    return `${ctx.file}#${[e.text, ...parts].join('.')}`;
  }
  return undefined;
}
