// Library modules held where the file's imports do not show them: a `require` or dynamic
// `import()` inside a function (`const { default: got } = await import('got')`), a module picked
// by a condition (`const proto = secure ? require('https') : require('http')`), or a module kept
// on an object (`Parse.prototype = { _api_protocol: require('https') }`, then
// `this._api_protocol.request(…)`). The engine's callee resolution covers top-level imports.
import { ts } from 'ts-morph';
import { ModuleResolver } from '../../engine/resolve-module';
import { findDeclaration } from '../../engine/scope';
import type { ResolvedCallee } from '../../engine/types';
import { unwrap, unwrapAwaited } from '../shared/ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { isThisOrAlias } from './this-alias';

/** A library module and the export path taken from it (`default` dropped: it is the module). */
interface ModuleValue {
  module: string;
  path: string[];
}

/** Where `callee` comes from when it is reached through one of the holders above; undefined otherwise. */
export function heldModuleCallee(callee: ts.Expression): ResolvedCallee | undefined {
  const path: string[] = [];
  let e = unwrap(callee);
  while (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
    path.unshift(e.name.text);
    const inner = unwrap(e.expression);
    if (isThisOrAlias(inner)) {
      const held = memberModule(e.getSourceFile(), e.name.text);
      return held && { module: held.module, call: [...held.path, ...path.slice(1)].join('.'), library: true };
    }
    e = inner;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const held = identifierModule(e);
  return held && { module: held.module, call: [...held.path, ...path].join('.'), library: true };
}

/**
 * `sock.connect(…)` with `var sock = new net.Socket()`, where `net` is one of the holders above (a
 * `require` inside a wrapper function, infinispan's io.js): the method on what the held library made.
 * `made` tells whether the table knows a `returns` entry for that call.
 */
export function heldInstanceCallee(callee: ts.Expression, made: (node: ts.CallExpression | ts.NewExpression, by: ResolvedCallee) => boolean): ResolvedCallee | undefined {
  const e = unwrap(callee);
  if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.name)) return undefined;
  const receiver = unwrap(e.expression);
  if (!ts.isIdentifier(receiver)) return undefined;
  const decl = findDeclaration(receiver.text, receiver);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  const init = unwrapAwaited(decl.initializer);
  if (!ts.isCallExpression(init) && !ts.isNewExpression(init)) return undefined;
  const by = heldModuleCallee(init.expression);
  // `opts.socket = sock; tls.connect(opts)` once connected: the wait is judged at the TLS wrap (blynk-library).
  if (by && wrappedLater(decl, receiver.text)) return undefined;
  return by && made(init, by) ? { module: by.module, call: `${by.call}().${e.name.text}`, library: true } : undefined;
}

/** `socket: sock` or `x.socket = sock` in the scope that declares `sock`: the socket is handed on to a wrapping connect. */
function wrappedLater(decl: ts.VariableDeclaration, name: string): boolean {
  const scope = decl.parent.parent.parent ?? decl.getSourceFile();
  return new RegExp(`\\bsocket\\s*[:=]\\s*${name.replace(/\$/g, "\\$")}\\b`).test(scope.getText());
}

/** The module a local name holds: `const got = require('got')`, `const { default: got } = await import('got')`, a lazily loaded one. */
function identifierModule(e: ts.Identifier): ModuleValue | undefined {
  const decl = findDeclaration(e.text, e);
  if (!decl) return undefined;
  if (ts.isImportClause(decl) || ts.isNamespaceImport(decl) || ts.isImportSpecifier(decl)) return imported(decl);
  return ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) ? moduleOf(decl.initializer) ?? lazilyLoaded(decl)
    : ts.isBindingElement(decl) ? destructured(decl) : undefined;
}

/** `import request from 'm'`, `import * as request from 'm'`, `import { get } from 'm'`: a library's value, as a member may hold it. */
function imported(decl: ts.ImportClause | ts.NamespaceImport | ts.ImportSpecifier): ModuleValue | undefined {
  let n: ts.Node = decl;
  while (!ts.isImportDeclaration(n)) n = n.parent;
  const spec = n.moduleSpecifier;
  if (!ts.isStringLiteralLike(spec) || spec.text.startsWith('.') || spec.text.startsWith('/') || n.importClause?.isTypeOnly) return undefined;
  const module = ModuleResolver.libraryName(spec.text);
  if (!ts.isImportSpecifier(decl)) return { module, path: [] };
  const name = (decl.propertyName ?? decl.name).text;
  return { module, path: name === 'default' ? [] : [name] };
}

/** `require('m')`, `require('m').x`, `await import('m')`, `(await import('m')).default`, `c ? require('a') : require('b')`. */
function moduleOf(init: ts.Expression | undefined, depth = 0): ModuleValue | undefined {
  if (!init) return undefined;
  const e = unwrap(init);
  if (ts.isAwaitExpression(e)) return moduleOf(e.expression, depth);
  // `opts.request || request`: a client the caller may inject for tests, else the library.
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) &&
    isInjectedOption(e.left)) {
    const fallback = unwrap(e.right);
    return moduleOf(fallback, depth) ?? (ts.isIdentifier(fallback) ? identifierModule(fallback) : undefined);
  }
  if (ts.isConditionalExpression(e)) {
    // Either branch may run: both must be libraries with the same calls (http and https).
    const a = moduleOf(e.whenTrue, depth);
    const b = moduleOf(e.whenFalse, depth);
    return a && b && a.path.join('.') === b.path.join('.') && sameApi(a.module, b.module) ? a : undefined;
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
    const base = moduleOf(e.expression, depth);
    return base && { module: base.module, path: e.name.text === 'default' ? base.path : [...base.path, e.name.text] };
  }
  if (ts.isCallExpression(e) && depth < 2) {
    const picked = returnedModule(e, depth);
    if (picked) return picked;
  }
  if (!ts.isCallExpression(e) || e.arguments.length !== 1 || !ts.isStringLiteralLike(e.arguments[0])) return undefined;
  const isRequire = ts.isIdentifier(e.expression) && e.expression.text === 'require';
  if (!isRequire && e.expression.kind !== ts.SyntaxKind.ImportKeyword) return undefined;
  const spec = e.arguments[0].text;
  // A project file is not a library.
  if (spec.startsWith('.') || spec.startsWith('/')) return undefined;
  return { module: ModuleResolver.libraryName(spec), path: [] };
}

/**
 * A variable declared empty and given a module later, the lazy load of an ESM-only library from
 * CommonJS: `let got; … if (!got) got = (await import('got')).got;`. Every value assigned to it
 * in the file must be that module.
 */
function lazilyLoaded(decl: ts.VariableDeclaration): ModuleValue | undefined {
  const init = decl.initializer && unwrap(decl.initializer);
  if (init && init.kind !== ts.SyntaxKind.NullKeyword && !(ts.isIdentifier(init) && init.text === 'undefined')) return undefined;
  const name = (decl.name as ts.Identifier).text;
  return oneModule((assignmentsIn(decl.getSourceFile()).get(name) ?? []).filter((b) => findDeclaration(name, b.left) === decl).map((b) => moduleOf(b.right)));
}

const assignmentCache = new WeakMap<ts.SourceFile, Map<string, ts.BinaryExpression[]>>();

/** `name = …` assignments of a file, by name: one walk, only in files that load a module inside code. */
function assignmentsIn(sf: ts.SourceFile): Map<string, ts.BinaryExpression[]> {
  let byName = assignmentCache.get(sf);
  if (byName) return byName;
  assignmentCache.set(sf, (byName = new Map()));
  if (!/\brequire\s*\(|\bimport\s*\(/.test(sf.text)) return byName;
  const found = byName;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) {
      const list = found.get(n.left.text);
      if (list) list.push(n);
      else found.set(n.left.text, [n]);
    }
  };
  walkTree(sf, visit);
  return byName;
}

/**
 * A function of the file that hands back a module, picked by its argument: `getModule(url) {
 * return url.startsWith('https:') ? require('https') : require('http') }`, called as
 * `this.getModule(url)` or `getModule(url)`. Every `return` of it must give the same library API.
 */
function returnedModule(call: ts.CallExpression, depth: number): ModuleValue | undefined {
  const callee = unwrap(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text
    : ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword ? callee.name.text : undefined;
  if (!name) return undefined;
  const fn = fileFunctions(call.getSourceFile()).get(name);
  if (!fn?.body) return undefined;
  const returned: ts.Expression[] = [];
  if (!ts.isBlock(fn.body)) returned.push(fn.body);
  else {
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n)) return;
      if (ts.isReturnStatement(n) && n.expression) returned.push(n.expression);
      ts.forEachChild(n, visit);
    };
    fn.body.statements.forEach(visit);
  }
  return oneModule(returned.map((r) => moduleOf(r, depth + 1)));
}

type FileFunction = ts.FunctionDeclaration | ts.MethodDeclaration | ts.FunctionExpression | ts.ArrowFunction;
const functionCache = new WeakMap<ts.SourceFile, Map<string, FileFunction | undefined>>();

/** The file's functions and methods by name; a name given to two of them maps to neither. */
function fileFunctions(sf: ts.SourceFile): Map<string, FileFunction | undefined> {
  let byName = functionCache.get(sf);
  if (byName) return byName;
  functionCache.set(sf, (byName = new Map()));
  const found = byName;
  const add = (name: ts.PropertyName | undefined, fn: FileFunction): void => {
    if (!name || !(ts.isIdentifier(name) || ts.isStringLiteral(name))) return;
    found.set(name.text, found.has(name.text) ? undefined : fn);
  };
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) add(n.name, n);
    else if ((ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n)) && n.initializer && (ts.isFunctionExpression(n.initializer) || ts.isArrowFunction(n.initializer))) {
      add(n.name as ts.PropertyName, n.initializer);
    }
  };
  if (/\brequire\s*\(|\bimport\s*\(/.test(sf.text)) walkTree(sf, visit);
  return byName;
}

/** The one library API every value holds (`http` or `https`, the same export path), or undefined when some value is anything else. */
function oneModule(values: readonly (ModuleValue | undefined)[]): ModuleValue | undefined {
  const first = values[0];
  return first && values.every((m) => m && m.path.join('.') === first.path.join('.') && sameApi(m.module, first.module)) ? first : undefined;
}

/** Modules with the same calls under the same names: picked between by a condition. */
function sameApi(a: string, b: string): boolean {
  const pairs = [['http', 'https'], ['net', 'tls']];
  return a === b || pairs.some((p) => p.includes(a) && p.includes(b));
}

/** `const { default: got } = await import('got')`, `const { request } = require('undici')` inside a function. */
function destructured(el: ts.BindingElement): ModuleValue | undefined {
  const pattern = el.parent;
  if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(pattern.parent) || el.dotDotDotToken) return undefined;
  const base = moduleOf(pattern.parent.initializer);
  if (!base) return undefined;
  const key = el.propertyName ? (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName) ? el.propertyName.text : undefined) : ts.isIdentifier(el.name) ? el.name.text : undefined;
  if (key === undefined) return undefined;
  return { module: base.module, path: key === 'default' ? base.path : [...base.path, key] };
}

/** `opts.request`, `options.client`: an option read off a parameter, which callers leave out to get the default. */
function isInjectedOption(e: ts.Expression): boolean {
  const x = unwrap(e);
  if (!ts.isPropertyAccessExpression(x) || !ts.isIdentifier(x.expression)) return false;
  const decl = findDeclaration(x.expression.text, x.expression);
  return decl !== undefined && ts.isParameter(decl);
}

const memberCache = new WeakMap<ts.SourceFile, Map<string, ModuleValue | null>>();

/**
 * The module a member holds when every value the file gives it is that library:
 * `X.prototype = { m: require('https') }`, `X.prototype.m = require('https')`,
 * `this.m = require('https')`, a class field `m = require('https')`.
 */
function memberModule(sf: ts.SourceFile, name: string): ModuleValue | undefined {
  let byName = memberCache.get(sf);
  if (!byName) memberCache.set(sf, (byName = modulesOnMembers(sf)));
  return byName.get(name) ?? undefined;
}

/** One walk of the file: for each member name given a module somewhere, that module, or null when it is also given something else. */
function modulesOnMembers(sf: ts.SourceFile): Map<string, ModuleValue | null> {
  const out = new Map<string, ModuleValue | null>();
  if (!/\brequire\s*\(|\bimport\b/.test(sf.text)) return out;
  const values = new Map<string, ts.Expression[]>();
  const add = (name: string | undefined, value: ts.Expression | undefined): void => {
    if (name === undefined || value === undefined) return;
    let list = values.get(name);
    if (!list) values.set(name, (list = []));
    list.push(value);
  };
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isPropertyAssignment(n) && ts.isObjectLiteralExpression(n.parent)) add(propertyName(n.name), n.initializer);
    else if (ts.isPropertyDeclaration(n)) add(propertyName(n.name), n.initializer);
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)) add(n.left.name.text, n.right);
  };
  walkTree(sf, visit);
  for (const [name, list] of values) {
    // `this.got = got` after `const { default: got } = await import('got')`: the field holds what the name does.
    const modules = list.map((v) => moduleOf(v) ?? namedModule(v));
    if (!modules.some((m) => m)) continue;
    out.set(name, oneModule(modules) ?? null);
  }
  return out;
}

/** `https`, or `secure ? https : http` over names that hold modules: the one API they share. */
function namedModule(v: ts.Expression): ModuleValue | undefined {
  const e = unwrap(v);
  if (ts.isIdentifier(e)) return identifierModule(e);
  if (!ts.isConditionalExpression(e)) return undefined;
  return oneModule([namedModule(e.whenTrue), namedModule(e.whenFalse)]);
}

/**
 * Members this file gives a whole library module (`protocol: secure ? https : http`), as
 * `member#module` with the module named by the first of its pair (`http` for https too): a call
 * through that member of a parameter elsewhere (`const { protocol } = registry`) calls it.
 */
export function membersHoldingModules(sf: ts.SourceFile): string[] {
  let byName = memberCache.get(sf);
  if (!byName) memberCache.set(sf, (byName = modulesOnMembers(sf)));
  return [...byName].flatMap(([name, m]) => (m && !m.path.length ? [`${name}#${pairHead(m.module)}`] : []));
}

function pairHead(module: string): string {
  return module === 'https' ? 'http' : module === 'tls' ? 'net' : module;
}

/**
 * `protocol.request(…)` with `const { protocol } = registry` or `registry.protocol.request(…)`,
 * where `registry` is a parameter: the member, and the call made on it. The caller's object is
 * out of sight here; a project fact says whether some file gives that member a module.
 */
export function parameterMemberCall(callee: ts.Expression): { member: string; call: string } | undefined {
  const e = unwrap(callee);
  if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.name)) return undefined;
  const holder = unwrap(e.expression);
  if (ts.isPropertyAccessExpression(holder) && ts.isIdentifier(holder.name)) {
    const base = unwrap(holder.expression);
    return ts.isIdentifier(base) && isParameterName(base) ? { member: holder.name.text, call: e.name.text } : undefined;
  }
  if (!ts.isIdentifier(holder)) return undefined;
  const decl = findDeclaration(holder.text, holder);
  if (!decl || !ts.isBindingElement(decl) || decl.dotDotDotToken || !ts.isObjectBindingPattern(decl.parent)) return undefined;
  const key = decl.propertyName ? (ts.isIdentifier(decl.propertyName) ? decl.propertyName.text : undefined) : ts.isIdentifier(decl.name) ? decl.name.text : undefined;
  const owner = decl.parent.parent;
  const fromParameter = ts.isParameter(owner) ||
    (ts.isVariableDeclaration(owner) && owner.initializer !== undefined && ts.isIdentifier(unwrap(owner.initializer)) && isParameterName(unwrap(owner.initializer) as ts.Identifier));
  return key !== undefined && fromParameter ? { member: key, call: e.name.text } : undefined;
}

function isParameterName(id: ts.Identifier): boolean {
  const decl = findDeclaration(id.text, id);
  return decl !== undefined && ts.isParameter(decl) && ts.isIdentifier(decl.name);
}

function propertyName(n: ts.PropertyName): string | undefined {
  return ts.isIdentifier(n) || ts.isStringLiteral(n) ? n.text : undefined;
}
