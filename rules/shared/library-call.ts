// Recognising a call to a known library cheaply: most calls in a file are to local code, so the
// callee's first name is checked against the file's imports and the known globals before the
// scope lookup that `resolveCallee` does. A method on what a library call returned
// (`browser.newPage()` after `const browser = await puppeteer.launch()`) resolves to the table's
// `launch().newPage`, followed through `await`, bindings and `this.<field>`.
import { ts } from 'ts-morph';
import { CLIENT_PASS_THROUGH, type LibraryEntry, type OptionCondition } from '../../engine/knowledge';
import { requiredSpecifier, withoutIndirectCall } from '../../engine/module-symbols';
import { mayNameLibrary } from '../../engine/prefilter';
import { assignedValues, findDeclaration } from '../../engine/scope';
import type { RuleContext, ResolvedCallee } from '../../engine/types';
import { enclosingFunction, isConstDeclaration, memberName, thisMemberName, thisOwner, typeReferenceName, unwrapAwaited } from './ast';

/** Per parsed file: whether its text names a library at all (most files name none, and then no call needs resolving). */
const namingLibraries = new WeakMap<ts.SourceFile, boolean>();

function namesLibrary(ctx: RuleContext): boolean {
  let known = namingLibraries.get(ctx.sourceFile);
  if (known === undefined) namingLibraries.set(ctx.sourceFile, (known = mayNameLibrary(ctx.text, ctx.knowledge)));
  return known;
}

/** How many returned values deep a chain is followed (browser → context → page). */
const MAX_DEPTH = 3;

/** Where a callee comes from, when it can be a library the knowledge table lists. */
export function libraryCallee(ctx: RuleContext, callee: ts.Expression): ResolvedCallee | undefined {
  if (!namesLibrary(ctx)) return undefined;
  return direct(ctx, callee) ?? returnedBy(ctx, callee, 0);
}

/**
 * The table's entries for this call that apply to it: by module and call, and by the conditions
 * some entries put on the options (`type: 'postgres'`, `pool: true`).
 */
export function libraryEntries(ctx: RuleContext, node: ts.CallExpression | ts.NewExpression, callee: ResolvedCallee): LibraryEntry[] {
  return ctx.knowledge.lookupAll(callee.module, callee.call, ts.isNewExpression(node)).filter((e) => conditionsHold(e, node));
}

/** `sub.on('message', …)` somewhere in the file, on what `holder` names (`sub`, `this.sub`). */
export function openedInFile(sf: ts.SourceFile, holder: string, openedBy: { methods: string[]; firstArg?: string }): boolean {
  const visit = (n: ts.Node): boolean => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && openedBy.methods.includes(n.expression.name.text) &&
      n.expression.expression.getText(sf) === holder) {
      const first = n.arguments[0];
      if (openedBy.firstArg === undefined || (first && ts.isStringLiteralLike(first) && first.text === openedBy.firstArg)) return true;
    }
    return ts.forEachChild(n, visit) ?? false;
  };
  return visit(sf);
}

/**
 * A resource made from a parent made in the same function (`const browser = await launch();
 * const page = await browser.newPage()`): closing the parent closes it, so the parent's own
 * release is what matters.
 */
export function madeFromLocalParent(node: ts.CallExpression | ts.NewExpression): boolean {
  const e = node.expression;
  if (!ts.isPropertyAccessExpression(e)) return false;
  const receiver = unwrapAwaited(e.expression);
  if (ts.isCallExpression(receiver) || ts.isNewExpression(receiver)) return true;
  if (!ts.isIdentifier(receiver)) return false;
  const decl = findDeclaration(receiver.text, receiver);
  return decl !== undefined && ts.isVariableDeclaration(decl) && enclosingFunction(decl) !== undefined && enclosingFunction(decl) === enclosingFunction(node);
}

function direct(ctx: RuleContext, callee: ts.Expression): ResolvedCallee | undefined {
  let root = callee;
  root = rootName(root);
  // `(secure ? https : http).get(…)`: either import, the same call in both (resolveCallee decides).
  if (ts.isConditionalExpression(root)) {
    const branches = [rootName(root.whenTrue), rootName(root.whenFalse)];
    if (!branches.every((b) => ts.isIdentifier(b) && ctx.imports.has(b.text))) return undefined;
    const resolved = ctx.resolveCallee(callee);
    return resolved?.library && ctx.knowledge.knowsModule(resolved.module) ? resolved : undefined;
  }
  // `REQUEST_LIBS[protocol].request(…)`: a table of imports, the same call in each (resolveCallee decides).
  if (ts.isElementAccessExpression(root)) {
    if (!picksFromImportTable(ctx, root)) return undefined;
    const resolved = ctx.resolveCallee(callee);
    return resolved?.library && ctx.knowledge.knowsModule(resolved.module) ? resolved : undefined;
  }
  // `require('request').defaults(…)`: resolveCallee reads a library required in place.
  if (ts.isCallExpression(root) && requiredSpecifier(root) !== undefined) {
    const resolved = ctx.resolveCallee(callee);
    return resolved?.library && ctx.knowledge.knowsModule(resolved.module) ? resolved : undefined;
  }
  if (!ts.isIdentifier(root)) return undefined;
  const name = root.text;
  const knownGlobal = ctx.knowledge.globalRoots().has(name) || name === 'globalThis' || name === 'global';
  if (!knownGlobal && !ctx.imports.has(name) && !aliasesImport(ctx, root)) return root === callee ? passedThrough(ctx, root) : undefined;
  const resolved = ctx.resolveCallee(callee);
  return resolved?.library && ctx.knowledge.knowsModule(resolved.module) ? resolved : undefined;
}

/** The name a member chain starts from: `http` for `http.request`, `_http2` for `_http2['default'].get`. */
function rootName(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isPropertyAccessExpression(e) || ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    else if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) e = e.expression;
    // `(0, got_1.default)(…)`, as compiled code calls an import.
    else if (withoutIndirectCall(e) !== e) e = withoutIndirectCall(e);
    else return e;
  }
}

/**
 * `var h = secure ? https : http`, or `let h = http; if (secure) h = https`: a local name for
 * imports, every value it is given one (resolveCallee decides what it calls).
 */
function aliasesImport(ctx: RuleContext, id: ts.Identifier): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl)) return false;
  // Cheap first: an initializer that names no import settles it without reading the file for assignments.
  if (decl.initializer && !namesImports(ctx, id, decl.initializer)) return false;
  const values = decl.initializer && isConstDeclaration(decl) ? [decl.initializer] : assignedValues(decl);
  if (!values?.length) return false;
  return values.every((value) => namesImports(ctx, id, value));
}

/**
 * `const exec = util.promisify(require('child_process').exec)`: a const holding what a function
 * that hands its argument back (CLIENT_PASS_THROUGH: a promisifier takes the same arguments, less
 * the callback) made of a library function. Calling it calls the library's.
 */
function passedThrough(ctx: RuleContext, id: ts.Identifier): ResolvedCallee | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !isConstDeclaration(decl)) return undefined;
  let init = decl.initializer;
  while (ts.isParenthesizedExpression(init)) init = init.expression;
  if (!ts.isCallExpression(init) || init.arguments.length === 0 || ts.isSpreadElement(init.arguments[0])) return undefined;
  const wrapper = ctx.resolveCallee(init.expression);
  if (!wrapper?.library || !CLIENT_PASS_THROUGH.some((w) => w.module === wrapper.module && w.call === wrapper.call)) return undefined;
  const wrapped = init.arguments[0];
  return wrapped === id ? undefined : direct(ctx, wrapped);
}

/** `https`, `secure ? https : http`: an import, or a choice of imports, other than `id` itself. */
function namesImports(ctx: RuleContext, id: ts.Identifier, value: ts.Expression): boolean {
  let v = value;
  while (ts.isParenthesizedExpression(v)) v = v.expression;
  const names = ts.isConditionalExpression(v) ? [v.whenTrue, v.whenFalse] : [v];
  return names.every((n) => {
    const r = rootName(n);
    return (ts.isIdentifier(r) && r !== id && ctx.imports.has(r.text)) || (ts.isElementAccessExpression(r) && picksFromImportTable(ctx, r));
  });
}

/**
 * `{ http, https }[proto]`, or `LIBS[proto]` with `const LIBS = { 'http:': http, 'https:': https }`:
 * an entry picked from an object literal whose every value is an import (mixpanel's `REQUEST_LIBS`).
 */
function picksFromImportTable(ctx: RuleContext, pick: ts.ElementAccessExpression): boolean {
  let table: ts.Expression = pick.expression;
  while (ts.isParenthesizedExpression(table)) table = table.expression;
  if (ts.isIdentifier(table)) {
    const decl = findDeclaration(table.text, table);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !isConstDeclaration(decl)) return false;
    table = decl.initializer;
  }
  if (!ts.isObjectLiteralExpression(table) || table.properties.length < 2) return false;
  return table.properties.every((p) => {
    const value = ts.isPropertyAssignment(p) ? rootName(p.initializer) : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
    return value !== undefined && ts.isIdentifier(value) && ctx.imports.has(value.text);
  });
}

/** `<made>.method`: the library value `made` stands for, and the method on what it returned. */
function returnedBy(ctx: RuleContext, callee: ts.Expression, depth: number): ResolvedCallee | undefined {
  if (depth > MAX_DEPTH || !ts.isPropertyAccessExpression(callee) || !ctx.knowledge.returnMethods().has(callee.name.text)) return undefined;
  const parent = valueOrigin(ctx, callee.expression, depth);
  return parent ? { module: parent.module, call: `${parent.call}().${callee.name.text}`, library: true } : undefined;
}

/**
 * The library call a value was made by: itself, a binding's initializer, what a class assigns to
 * `this.<field>`, or what a declared type names (`conn: amqp.Connection`, `browser: Browser`).
 */
function valueOrigin(ctx: RuleContext, value: ts.Expression, depth: number): ResolvedCallee | undefined {
  const e = unwrapAwaited(value);
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    const made = direct(ctx, e.expression) ?? returnedBy(ctx, e.expression, depth + 1);
    // What a call returns is known only when the table's entry for that call applies to it.
    return made && libraryEntries(ctx, e, made).length ? made : undefined;
  }
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (!decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl))) return undefined;
    if (decl.initializer && ts.isVariableDeclaration(decl)) {
      const init = unwrapAwaited(decl.initializer);
      return ts.isCallExpression(init) || ts.isNewExpression(init) ? valueOrigin(ctx, init, depth) : undefined;
    }
    return typeOrigin(ctx, decl.type);
  }
  const member = thisMemberName(e);
  const owner = member !== undefined ? thisOwner(e) : undefined;
  if (!owner || member === undefined) return undefined;
  const field = fieldValue(owner.cls, member);
  return field ? valueOrigin(ctx, field, depth) : typeOrigin(ctx, fieldType(owner.cls, member));
}

/** `amqp.Connection`, `Browser` imported from a library: the table's call that makes values of that type. */
function typeOrigin(ctx: RuleContext, type: ts.TypeNode | undefined): ResolvedCallee | undefined {
  const ref = typeReferenceName(type);
  if (!ref || !ctx.imports.has(ref.head.text)) return undefined;
  const lib = ctx.resolveCallee(ref.head);
  if (!lib?.library) return undefined;
  const typeName = [lib.call, ...ref.rest].filter(Boolean).join('.');
  const call = ctx.knowledge.madeAs(lib.module, typeName);
  return call === undefined ? undefined : { module: lib.module, call, library: true };
}

/** The declared type of `this.<member>`: a property or a constructor parameter property. */
function fieldType(cls: ts.ClassLikeDeclaration, member: string): ts.TypeNode | undefined {
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && memberName(m.name) === member) return m.type;
    if (ts.isConstructorDeclaration(m)) {
      const p = m.parameters.find((x) => ts.isIdentifier(x.name) && x.name.text === member && ts.getModifiers(x)?.length);
      if (p) return p.type;
    }
  }
  return undefined;
}

/** The call a class stores in `this.<member>`: a field initializer or the first such assignment. */
function fieldValue(cls: ts.ClassLikeDeclaration, member: string): ts.CallExpression | ts.NewExpression | undefined {
  let found: ts.CallExpression | ts.NewExpression | undefined;
  const take = (value: ts.Expression): void => {
    const v = unwrapAwaited(value);
    if (!found && (ts.isCallExpression(v) || ts.isNewExpression(v))) found = v;
  };
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && memberName(m.name) === member && m.initializer) take(m.initializer);
  }
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && thisMemberName(n.left) === member) take(n.right);
    if (!ts.isClassLike(n)) ts.forEachChild(n, visit);
  };
  for (const m of cls.members) ts.forEachChild(m, visit);
  return found;
}

/** Every condition of an entry holds for this call's options; options we cannot see satisfy none. */
function conditionsHold(entry: LibraryEntry, node: ts.CallExpression | ts.NewExpression): boolean {
  if (!entry.when?.length) return true;
  const onArgs = entry.when.filter((c) => c.arg !== undefined);
  if (onArgs.some((c) => !argumentHolds(c, node.arguments?.[c.arg!]))) return false;
  if (onArgs.length === entry.when.length) return true;
  const index = entry.timeout && entry.timeout.optionsArg >= 0 ? entry.timeout.optionsArg : 0;
  const arg = node.arguments?.[index];
  let props: ts.NodeArray<ts.ObjectLiteralElementLike> | undefined;
  if (arg === undefined || isPlainText(arg)) props = undefined; // no options, or a URL: every key is absent
  else if (ts.isObjectLiteralExpression(arg) && !arg.properties.some(ts.isSpreadAssignment)) props = arg.properties;
  else return false;
  return entry.when.every((c) => c.arg !== undefined || holds(c, props));
}

/** `literal`: the argument is absent or a number or string written out (a port, not a server). */
function argumentHolds(c: OptionCondition, arg: ts.Expression | undefined): boolean {
  return !c.literal || arg === undefined || ts.isNumericLiteral(arg) || ts.isStringLiteralLike(arg);
}

function holds(c: OptionCondition, props: ts.NodeArray<ts.ObjectLiteralElementLike> | undefined): boolean {
  const p = props?.find((x) => memberName(x.name) === c.key);
  if (c.present !== undefined && (p !== undefined) !== c.present) return false;
  if (c.equals === undefined && c.source === undefined) return true;
  if (!p || !ts.isPropertyAssignment(p)) return false;
  const v = p.initializer;
  if (c.source && !c.source.includes(v.getText().replace(/\s+/g, ''))) return false;
  if (c.equals) {
    const literal = ts.isStringLiteralLike(v) ? v.text : ts.isNumericLiteral(v) ? Number(v.text)
      : v.kind === ts.SyntaxKind.TrueKeyword ? true : v.kind === ts.SyntaxKind.FalseKeyword ? false : undefined;
    if (literal === undefined || !c.equals.includes(literal)) return false;
  }
  return true;
}

/** A string where options could go: `createTransport('smtps://…')`, `process.env.SMTP_URL`. */
function isPlainText(e: ts.Expression): boolean {
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) return true;
  return ts.isPropertyAccessExpression(e) && ts.isPropertyAccessExpression(e.expression) &&
    e.expression.getText() === 'process.env';
}
