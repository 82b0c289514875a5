// What the callers of a project function pass it, across files: each call records, per argument,
// whether the value is fixed in the code (a literal, a template without substitutions, an object
// or array literal of such values, spreads of such arrays included, a `const` or never-reassigned
// local holding one, a choice or a concatenation of such values) or anything else. A parameter that every
// call in the project fills with a constant ranges over a constant domain: `matchesExactRoute(path,
// '/login')`, `addComponent('pad', …)`, `getHttpAgent({ maxCachedSessions: 0 })`.
import { ts } from 'ts-morph';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import type { ModuleBinding, RuleContext } from '../../engine/types';
import { TYPE_ONLY_WRAPPERS, hasModifier, skipOuter, isConstDeclaration } from './ast';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** The facts a call records about the function it reaches: argument `i` is a constant, or is not. */
export type ArgumentFactKind = `arg-constant-${number}` | `arg-variable-${number}`;

/** Only the first arguments are recorded: keys and names come first. */
export const RECORDED_ARGUMENTS = 3;

const MAX_DEPTH = 4;

type Fn = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

/** A value fixed by the code, the same on every run. */
export function isConstantValue(expr: ts.Expression | undefined, depth = 0): boolean {
  if (!expr || depth > MAX_DEPTH) return false;
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || ts.isBigIntLiteral(e) || ts.isRegularExpressionLiteral(e)) return true;
  if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isPrefixUnaryExpression(e)) return isConstantValue(e.operand, depth + 1);
  if (ts.isIdentifier(e)) {
    if (e.text === 'undefined') return !findDeclaration('undefined', e);
    const decl = findDeclaration(e.text, e);
    // A class is written in the code; so is the class a decorator is applied to.
    if (decl && (ts.isClassDeclaration(decl) || isDecoratorTarget(decl))) return true;
    return decl !== undefined && ts.isVariableDeclaration(decl) && (isConstDeclaration(decl) || neverAssigned(decl)) && isConstantValue(decl.initializer, depth + 1);
  }
  // `(h2 ? 'h2Sni' : 'sni') + (cert ? 'WithCert' : '')`: one of a few values the code spells out.
  if (ts.isConditionalExpression(e)) return isConstantValue(e.whenTrue, depth + 1) && isConstantValue(e.whenFalse, depth + 1);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return isConstantValue(e.left, depth + 1) && isConstantValue(e.right, depth + 1);
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((span) => isConstantValue(span.expression, depth + 1));
  if (ts.isObjectLiteralExpression(e)) {
    return e.properties.every((p) => ts.isPropertyAssignment(p) && !ts.isComputedPropertyName(p.name) && isConstantValue(p.initializer, depth + 1));
  }
  // `['@nestjs/microservices', ...names]` with `const names = ['@grpc/grpc-js', …]`: a spread of a constant list is constant too.
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((el) => isConstantValue(ts.isSpreadElement(el) ? el.expression : el, depth + 1));
  return false;
}

/** A `var` or `let` of a function that nothing assigns after its declaration: as fixed as a `const`. */
function neverAssigned(decl: ts.VariableDeclaration): boolean {
  if (!ts.isIdentifier(decl.name) || isTopLevel(decl)) return false;
  const name = decl.name.text;
  let holder: ts.Node = decl;
  while (holder.parent && !ts.isFunctionLike(holder)) holder = holder.parent;
  if (!ts.isFunctionLike(holder)) return false;
  let assigned = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (assigned) return STOP;
    const target = ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment ? n.left
      : (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken) ? n.operand : undefined;
    const id = target && skipOuter(target, TYPE_ONLY_WRAPPERS);
    if (id && ts.isIdentifier(id) && id.text === name && findDeclaration(name, id) === decl) assigned = true;
  };
  walkTree(holder, visit);
  return !assigned;
}

/**
 * The first parameter of a decorator, `(target, propertyKey, descriptor) => …` as TypeScript's
 * decorators are called (or compiled): the class, or its prototype, the decorator is applied to.
 */
function isDecoratorTarget(decl: ts.Node): boolean {
  if (!ts.isParameter(decl) || !ts.isIdentifier(decl.name) || decl.name.text !== 'target') return false;
  const params = decl.parent.parameters;
  if (params[0] !== decl || params.length !== 3) return false;
  const [, key, descriptor] = params.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
  return /^(key|propertyKey|propertyName|methodName|name)$/.test(key) && /^descriptor$/.test(descriptor);
}

/** The project function a call reaches, as its declaring file names it; undefined for libraries and what we cannot follow. */
export function calledFunction(ctx: RuleContext<any, string, any>, call: ts.CallExpression): ModuleBinding[] {
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(callee)) {
    const decl = findDeclaration(callee.text, callee);
    if (decl && !isImportBinding(decl)) {
      const fn = functionOf(decl);
      return fn ? functionRefs(ctx, fn) : [];
    }
  } else if (ts.isPropertyAccessExpression(callee)) {
    const owner = skipOuter(callee.expression, TYPE_ONLY_WRAPPERS);
    if (owner.kind === ts.SyntaxKind.ThisKeyword) {
      const fn = thisMethod(callee, callee.name.text);
      return fn ? functionRefs(ctx, fn) : [];
    }
    if (isExportsObject(owner)) return [{ file: ctx.file, name: callee.name.text }];
    if (ts.isIdentifier(owner)) {
      const decl = findDeclaration(owner.text, owner);
      if (decl && (ts.isClassDeclaration(decl) || (ts.isVariableDeclaration(decl) && !isImportBinding(decl))) && isTopLevel(decl)) {
        return [{ file: ctx.file, name: `${owner.text}.${callee.name.text}` }];
      }
    }
  } else {
    return [];
  }
  const resolved = ctx.resolveCallee(callee);
  if (!resolved || resolved.library) return [];
  const name = resolved.call === '' ? 'default' : resolved.call;
  return name.split('.').length <= 2 ? [{ file: resolved.module, name }] : [];
}

/**
 * Records, for each of the first arguments of a call to a project function, whether it is a
 * constant. A caller that knows the call runs once per process (a top-level statement at module
 * load) passes `runsOnce` (or a function answering it, asked only when the call reaches a project
 * function): whatever it passes is one fixed value, recorded as a constant.
 */
export function recordCallArguments(ctx: RuleContext<any, string, ArgumentFactKind>, call: ts.CallExpression, runsOnce: boolean | (() => boolean) = false): void {
  const targets = calledFunction(ctx, call);
  if (!targets.length) return;
  // Asked only of calls that reach a project function: a caller's test may walk its function.
  const once = typeof runsOnce === 'function' ? runsOnce() : runsOnce;
  const n = Math.min(call.arguments.length, RECORDED_ARGUMENTS);
  for (let i = 0; i < RECORDED_ARGUMENTS; i++) {
    const arg = i < n ? call.arguments[i] : undefined;
    if (arg && ts.isSpreadElement(arg)) return;
    // A missing argument is its default: as constant as a literal.
    const kind: ArgumentFactKind = once || arg === undefined || isConstantValue(arg) ? `arg-constant-${i}` : `arg-variable-${i}`;
    for (const ref of targets) ctx.addFact({ kind, ref });
  }
}

/**
 * The names under which other code calls `fn`: a top-level function or const, `exports.f = …`,
 * a method of a top-level object or a static method of a top-level class (`utils.deprecate`,
 * `Agent.getHttpAgent`, or plain `getHttpAgent` when the object or class is `module.exports`),
 * a method called on `this` in its own class.
 */
export function functionRefs(ctx: RuleContext<any, string, any>, fn: Fn): ModuleBinding[] {
  const file = ctx.file;
  const sf = ctx.sourceFile;
  const refs: ModuleBinding[] = [];
  if (ts.isFunctionDeclaration(fn)) {
    if (fn.name && isTopLevel(fn)) refs.push({ file, name: fn.name.text }, ...exportedInObject(ctx, fn.name.text));
    if (hasModifier(fn, ts.SyntaxKind.DefaultKeyword)) refs.push({ file, name: 'default' });
    return refs;
  }
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && isTopLevel(p)) return [{ file, name: p.name.text }, ...exportedInObject(ctx, p.name.text)];
  if (ts.isBinaryExpression(p) && p.right === fn && ts.isPropertyAccessExpression(p.left) && isExportsObject(skipOuter(p.left.expression, TYPE_ONLY_WRAPPERS))) {
    return [{ file, name: p.left.name.text }];
  }
  // A method of an object or class: named through its holder, and through `module.exports` when that is the holder.
  const holder = ts.isMethodDeclaration(fn) ? fn.parent : ts.isPropertyAssignment(p) ? p.parent : undefined;
  const member = ts.isMethodDeclaration(fn) ? fn.name : ts.isPropertyAssignment(p) ? p.name : undefined;
  if (!holder || !member || !(ts.isIdentifier(member) || ts.isStringLiteral(member) || ts.isPrivateIdentifier(member))) return refs;
  const m = member.text;
  if (ts.isClassDeclaration(holder) && holder.name && isTopLevel(holder)) {
    // An instance method is called on instances we cannot follow: only a private one has all its callers in sight.
    if (!hasModifier(fn, ts.SyntaxKind.StaticKeyword)) {
      return hasModifier(fn, ts.SyntaxKind.PrivateKeyword) || ts.isPrivateIdentifier(member) ? [{ file, name: `this:${holder.name.text}.${m}` }] : [];
    }
    refs.push({ file, name: `${holder.name.text}.${m}` });
    if (isModuleExportsOf(sf, holder.name.text)) refs.push({ file, name: m });
    return refs;
  }
  if (ts.isObjectLiteralExpression(holder)) {
    const owner = holder.parent;
    if (ts.isVariableDeclaration(owner) && ts.isIdentifier(owner.name) && isTopLevel(owner)) {
      refs.push({ file, name: `${owner.name.text}.${m}` });
      if (isModuleExportsOf(sf, owner.name.text)) refs.push({ file, name: m });
    } else if (ts.isBinaryExpression(owner) && isModuleExports(owner.left)) {
      refs.push({ file, name: m });
    }
  }
  return refs;
}

/**
 * The names a top-level function goes by when the module exports an object listing it:
 * `module.exports = { addTheme }` (`addTheme`), `exports.default = { addTheme }` and
 * `export default { addTheme }` (`default.addTheme`).
 */
function exportedInObject(ctx: RuleContext<any, string, any>, name: string): ModuleBinding[] {
  const out: ModuleBinding[] = [];
  for (const st of ctx.sourceFile.statements) {
    let obj: ts.Expression | undefined;
    let prefix = '';
    if (ts.isExportAssignment(st)) {
      obj = st.expression;
      prefix = 'default.';
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = skipOuter(st.expression.left, TYPE_ONLY_WRAPPERS);
      obj = st.expression.right;
      if (isModuleExports(left)) prefix = '';
      else if (ts.isPropertyAccessExpression(left) && left.name.text === 'default' && isExportsObject(skipOuter(left.expression, TYPE_ONLY_WRAPPERS))) prefix = 'default.';
      else continue;
    } else continue;
    const o = skipOuter(obj, TYPE_ONLY_WRAPPERS);
    if (!ts.isObjectLiteralExpression(o)) continue;
    for (const prop of o.properties) {
      const value = ts.isShorthandPropertyAssignment(prop) ? prop.name.text
        : ts.isPropertyAssignment(prop) && ts.isIdentifier(skipOuter(prop.initializer, TYPE_ONLY_WRAPPERS)) ? (skipOuter(prop.initializer, TYPE_ONLY_WRAPPERS) as ts.Identifier).text : undefined;
      if (value === name && prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) out.push({ file: ctx.file, name: `${prefix}${prop.name.text}` });
    }
  }
  return out;
}

/** `module.exports = Name`. */
function isModuleExportsOf(sf: ts.SourceFile, name: string): boolean {
  return sf.statements.some((s) => ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) &&
    s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && isModuleExports(s.expression.left) &&
    ts.isIdentifier(skipOuter(s.expression.right, TYPE_ONLY_WRAPPERS)) && (skipOuter(s.expression.right, TYPE_ONLY_WRAPPERS) as ts.Identifier).text === name);
}

/** The method `name` of the class `this` is in at `at` (arrows keep `this`). */
function thisMethod(at: ts.Node, name: string): Fn | undefined {
  for (let n: ts.Node | undefined = at.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if ((ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isAccessor(n)) && ts.isClassLike(n.parent)) {
      const statics = hasModifier(n, ts.SyntaxKind.StaticKeyword);
      return n.parent.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name &&
        hasModifier(m, ts.SyntaxKind.StaticKeyword) === statics);
    }
    if (ts.isFunctionLike(n)) return undefined;
  }
  return undefined;
}

function functionOf(decl: ts.Node): Fn | undefined {
  if (ts.isFunctionDeclaration(decl)) return decl;
  if (ts.isVariableDeclaration(decl) && decl.initializer) {
    const init = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

function isImportBinding(decl: ts.Node): boolean {
  if (ts.isImportClause(decl) || ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) || ts.isImportEqualsDeclaration(decl) || ts.isBindingElement(decl)) return true;
  if (!ts.isVariableDeclaration(decl) || !decl.initializer) return false;
  let x = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
  if (ts.isPropertyAccessExpression(x)) x = skipOuter(x.expression, TYPE_ONLY_WRAPPERS);
  return ts.isCallExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === 'require';
}

function isModuleExports(e: ts.Expression): boolean {
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  return ts.isPropertyAccessExpression(x) && x.name.text === 'exports' && ts.isIdentifier(x.expression) && x.expression.text === 'module';
}

function isExportsObject(e: ts.Expression): boolean {
  return isModuleExports(e) || (ts.isIdentifier(e) && e.text === 'exports' && !findDeclaration('exports', e));
}
