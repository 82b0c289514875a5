// Which keys an add can bring into a collection. A collection only grows when they come from the
// program's input; these domains are fixed by the code or the machine instead:
// - warn-once sets: the key is a warning the function logs once (`if (seen.has(msg)) return;
//   seen.add(msg); logger.warn(msg)`), and warnings are written in the code;
// - event names: the key is the event a listener is registered for (`on(event, handler)`, a
//   `'newListener'` listener);
// - files on disk: the same function reads the file the key names (a template cache);
// - constants: the key runs over a list of literals (`['nodes', 'users'].forEach((k) => …)`), or
//   is a choice or concatenation of such and literals (`type || 'default'`), or is a member of an
//   enum-like constant table (`LIST_TYPE.FAVORITES` of a required module, a TypeScript enum);
// - a table: the value stored is looked up in another table under the same key (or a name the
//   key joins), and the function gives up when it is missing (a memo of `SQL[file]`, of
//   `proto.lookupService(iface).get(method)`): keys are that table's keys; or the key names a
//   type or package and the value is another cache's lookup of it (`specCache[type] =
//   this.msgCache.getMessageSpec(type)`): a mirror of that cache, over the types the code declares;
// - existing keys: the function gives up when the key is not in the collection yet (`if
//   (!structures[name]) throw …`, `assert(stacks.has(name))`), or upgrades a declared entry in
//   place (`CHARSETS[c] = compile(CHARSETS[c])`): the add replaces an entry the code declared;
// - modules: the function loads code by a computed name (`require(dir)`), or stores what a
//   synchronous finder returns for a package name (`map[msgPackage] = Find(msgPackage)`), or listens for an event
//   named for a plugin or module being added (`'registry:plugin-added'`): a registry of what is
//   installed, bounded by the plugins and packages on disk;
// - loggers: the function makes a logger named by the key (`new Logger(prefix)`): one per module,
//   plugin or category the code names;
// - locales: the key is a locale's or time zone's name (`locale.baseName`, `lang`): as many as the
//   languages the program is asked for, a few hundred at most;
// - parameters: the key is made of the function's parameters and literals only, and is bounded
//   when every call in the project passes constants (settled with the call-site facts).
import { ts } from 'ts-morph';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import { literalObject } from '../unbounded-concurrency/constant-size';
import { Outer, TYPE_ONLY_WRAPPERS, skipOuter, isConstDeclaration } from '../shared/ast';
import { identifiersByName } from '../shared/run-once';
import { assertsPresence, upgradesSeededEntry } from './seeded-entries';
import { switchedOverConstants } from './switched-keys';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

type Fn = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

export type KeyDomain =
  | { kind: 'grows' }
  | { kind: 'fixed'; why: 'warn-once' | 'event names' | 'files' | 'compiled' | 'constants' | 'table' | 'existing' | 'modules' | 'locales' | 'loggers' }
  | { kind: 'parameters'; fn: Fn; indexes: number[] };

const LISTENER_METHODS = /^(on|once|addListener|prependListener|prependOnceListener|addEventListener)$/;
const LISTENER_EVENTS = new Set(['newListener', 'removeListener']);
const FILE_READS = /^(readFile|readFileSync|createReadStream|require|resolve|stat|statSync|lstat|existsSync|access|accessSync|open|openSync|compileFile|renderFile)$/;
const LOGGING = /^(console|logger|log|_logger|debug)$|Logger$/;
const LOG_METHODS = /^(warn|warning|error|info|log|debug|trace|notice|emitWarning)$/;
/** Names of a locale or time zone (`Intl.Locale#baseName`): keys from a small, fixed domain. */
const LOCALE_NAME = /^(locale|localeName|lang|language|baseName|timeZone|timezone|tz)$|Locale$/;

/** The domain of `key`, added at `site` to the collection `collection` (its text). */
export function keyDomain(site: ts.Node, collection: string, key: ts.Expression | undefined): KeyDomain {
  if (!key) return { kind: 'grows' };
  const fn = enclosingFunction(site);
  if (!fn) return { kind: 'grows' };
  const k = skipOuter(key, TYPE_ONLY_WRAPPERS);
  if (warnsOnce(fn, site, collection, k)) return { kind: 'fixed', why: 'warn-once' };
  if (namesLocale(k)) return { kind: 'fixed', why: 'locales' };
  if (compiledFromKey(fn, site, k)) return { kind: 'fixed', why: 'compiled' };
  if (makesLoggerNamed(fn, k)) return { kind: 'fixed', why: 'loggers' };
  if (madeOfConstants(k) || switchedOverConstants(fn, site, k, isCaseConstant)) return { kind: 'fixed', why: 'constants' };
  if (lookedUpInTable(fn, site, collection, k) || mirrorsTypeCache(fn, site, k)) return { kind: 'fixed', why: 'table' };
  if (replacesExisting(fn, site, collection, k)) return { kind: 'fixed', why: 'existing' };
  if (assertsPresence(fn, site, collection, k.getText()) || upgradesSeededEntry(site, collection, k.getText())) return { kind: 'fixed', why: 'existing' };
  if (loadsCodeByName(fn) || listensForInstalledCode(fn) || findsInstalledPackage(fn, site, k)) return { kind: 'fixed', why: 'modules' };
  if (indexesPackageDirectories(fn, site, k)) return { kind: 'fixed', why: 'files' };
  // A key that is a parameter of an outer function (the add sits in a callback): that function decides.
  const owner = ts.isIdentifier(k) ? parameterOwner(k) ?? fn : fn;
  if (ts.isIdentifier(k) && isEventName(owner, k)) return { kind: 'fixed', why: 'event names' };
  if (ts.isIdentifier(k) && readsFileNamed(owner, k.text)) return { kind: 'fixed', why: 'files' };
  const indexes = parameterIndexes(owner, k);
  return indexes && indexes.length ? { kind: 'parameters', fn: owner, indexes } : { kind: 'grows' };
}

/**
 * The value stored is built from what the key names, as a compile cache does: a `RegExp` compiled
 * from a pattern (`cache.set(pattern, new RegExp(…))`), a function compiled from a query or
 * template (`cache.set(key, compile(parse(queries)))`), or an object made from the options the key
 * serializes (`agents[JSON.stringify(opts)] = new https.Agent(opts)`). Patterns and option sets are
 * written in the code or the configuration; one is compiled per distinct one, not per request.
 */
function compiledFromKey(fn: Fn, site: ts.Node, key: ts.Expression): boolean {
  const value = ts.isBinaryExpression(site) ? site.right
    : ts.isCallExpression(site) && ts.isPropertyAccessExpression(site.expression) && site.expression.name.text === 'set' ? site.arguments[1] : undefined;
  if (!value) return false;
  const values = valuesOf(fn, skipOuter(value, TYPE_ONLY_WRAPPERS));
  // `pred = compile(parse(queries))`: a matcher, template or schema validator compiled from what the key names.
  if (values.some((v) => ts.isCallExpression(v) && COMPILING.test(calledName(v) ?? ''))) return true;
  const made = values.filter(ts.isNewExpression);
  if (!made.length) return false;
  if (made.some((m) => ts.isIdentifier(m.expression) && m.expression.text === 'RegExp' && !findDeclaration('RegExp', m))) return true;
  const serialized = serializedOptions(fn, key);
  return serialized !== undefined && made.some((m) => m.arguments?.length === 1 && skipOuter(m.arguments[0], TYPE_ONLY_WRAPPERS).getText() === serialized);
}

const LOGGER_CLASS = /^(\w*Logger|Logging)$/;
const LOGGER_FACTORY = /^(getLogger|createLogger|makeLogger|newLogger)$/;

/**
 * The function makes a logger named by the key (`new Logger(prefix)`, `getLogger(category)`): a
 * cache of loggers by name, and names are chosen by the code, one per module, plugin or category.
 */
function makesLoggerNamed(fn: Fn, key: ts.Expression): boolean {
  if (!ts.isIdentifier(key) || !fn.body) return false;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || (n !== fn.body && ts.isFunctionLike(n))) return SKIP;
    if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && n.arguments?.length) {
      const first = skipOuter(n.arguments[0], TYPE_ONLY_WRAPPERS);
      const callee = skipOuter(n.expression, TYPE_ONLY_WRAPPERS);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (ts.isIdentifier(first) && first.text === key.text && (ts.isNewExpression(n) ? LOGGER_CLASS.test(name) : LOGGER_FACTORY.test(name))) found = true;
    }
  };
  walkTree(fn.body, visit);
  return found;
}

/** Calls that compile code-like input into a function or matcher: `compile`, `ajv.compile`, `Handlebars.compile`, `compileFilter`. */
const COMPILING = /^compile([A-Z]\w*)?$|[a-z]Compile$/;

function calledName(call: ts.CallExpression): string | undefined {
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** `locale.baseName`, `lang`, `this.timeZone`: a key that names a locale or time zone. */
function namesLocale(key: ts.Expression): boolean {
  const name = ts.isIdentifier(key) ? key.text : ts.isPropertyAccessExpression(key) ? key.name.text : undefined;
  return name !== undefined && LOCALE_NAME.test(name);
}

/**
 * The key is the element of a loop over literals (or a part of it), a literal, or a choice or
 * concatenation of such: `type || 'default'`, `` `${section}.tls` ``, `k.name`.
 */
function madeOfConstants(key: ts.Expression, depth = 0): boolean {
  const e = skipOuter(key, TYPE_ONLY_WRAPPERS);
  if (depth > 4) return false;
  if (depth > 0 && (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e))) return true;
  if (ts.isBinaryExpression(e) && /^(\|\||\?\?|\+)$/.test(e.operatorToken.getText())) return madeOfConstants(e.left, depth + 1) && madeOfConstants(e.right, depth + 1);
  if (ts.isConditionalExpression(e)) return madeOfConstants(e.whenTrue, depth + 1) && madeOfConstants(e.whenFalse, depth + 1);
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((s) => madeOfConstants(s.expression, depth + 1));
  if (enumMember(e)) return true;
  const root = rootIdentifier(e);
  return root !== undefined && runsOverConstants(root);
}

/** Names written as constants: `FAVORITES`, `SAVED_QUEUES`. */
const CONSTANT_CASE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/**
 * `LIST_TYPE.FAVORITES` where `LIST_TYPE` is a TypeScript enum, or a module-level `const` holding
 * an imported or required module or an object literal (`Object.freeze({ … })` too), and the
 * member is written in constant case: one of the names the table declares.
 */
function enumMember(e: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(e) || !CONSTANT_CASE.test(e.name.text)) return false;
  const owner = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isIdentifier(owner)) return false;
  const decl = findDeclaration(owner.text, owner);
  if (!decl) return false;
  if (ts.isEnumDeclaration(decl) || ts.isImportClause(decl) || ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl)) return true;
  if (!ts.isVariableDeclaration(decl) || !decl.initializer || !isConstDeclaration(decl) || !isTopLevel(decl)) return false;
  let init = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
  if (ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && init.expression.name.text === 'freeze' && init.arguments.length === 1) {
    init = skipOuter(init.arguments[0], TYPE_ONLY_WRAPPERS);
  }
  if (ts.isObjectLiteralExpression(init)) return true;
  return ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' &&
    init.arguments.length === 1 && ts.isStringLiteralLike(init.arguments[0]);
}

/**
 * A `case` label the code writes: a literal, or a member of an enum-like table, also as TypeScript
 * compiles an imported enum (`_types_1.SchemaType.AVRO`, the module object `require('./@types')`).
 */
function isCaseConstant(e: ts.Expression): boolean {
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || enumMember(e)) return true;
  if (!ts.isPropertyAccessExpression(e) || !CONSTANT_CASE.test(e.name.text) || !ts.isPropertyAccessExpression(e.expression)) return false;
  const root = skipOuter(e.expression.expression, TYPE_ONLY_WRAPPERS);
  const decl = ts.isIdentifier(root) ? findDeclaration(root.text, root) : undefined;
  if (!decl) return false;
  if (ts.isImportClause(decl) || ts.isNamespaceImport(decl)) return true;
  const init = ts.isVariableDeclaration(decl) && decl.initializer && isConstDeclaration(decl) && isTopLevel(decl) ? skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS) : undefined;
  return init !== undefined && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments.length === 1 && ts.isStringLiteralLike(init.arguments[0]);
}

/** `theme` of `theme.name`, `k` of `k`: the variable a key is read from. */
function rootIdentifier(e: ts.Expression): ts.Identifier | undefined {
  let x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  while (ts.isPropertyAccessExpression(x)) x = skipOuter(x.expression, TYPE_ONLY_WRAPPERS);
  return ts.isIdentifier(x) ? x : undefined;
}

const ELEMENT_CALLBACKS = /^(forEach|map|flatMap|filter|some|every|find)$/;

/** `key` is the element of a loop or iteration callback over literals: `for (const k of ['a', 'b'])`, `SECTIONS.forEach((k) => …)`. */
function runsOverConstants(key: ts.Identifier): boolean {
  const decl = findDeclaration(key.text, key);
  if (!decl) return false;
  if (ts.isParameter(decl)) {
    const fn = decl.parent;
    const call = fn.parent;
    if (fn.parameters[0] !== decl || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !ts.isCallExpression(call) || call.arguments[0] !== fn) return false;
    const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
    return ts.isPropertyAccessExpression(callee) && ELEMENT_CALLBACKS.test(callee.name.text) && fixedList(callee.expression);
  }
  const loop = ts.isVariableDeclaration(decl) ? decl.parent?.parent : undefined;
  return loop !== undefined && ts.isForOfStatement(loop) && fixedList(loop.expression);
}

function fixedList(expr: ts.Expression): boolean {
  return literalValues(expr, 0) || listsDirectory(expr);
}

/** `[false, 'imap', 'pop3']`: `false`, `true` and `null` are literals too. */
const LITERAL_KEYWORDS = new Set([ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.NullKeyword]);

const LIST_STEPS = /^(filter|map|sort|slice|reverse)$/;

/** The entries of a directory, filtered or mapped: `fs.readdirSync(dir).filter(…).map(…)`. Files on disk, as a template cache's are. */
function listsDirectory(expr: ts.Expression): boolean {
  let e = skipOuter(expr, TYPE_ONLY_WRAPPERS | Outer.Await);
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && LIST_STEPS.test(e.expression.name.text)) {
    e = skipOuter(e.expression.expression, TYPE_ONLY_WRAPPERS | Outer.Await);
  }
  if (ts.isIdentifier(e)) {
    const decl = constDeclaration(e);
    return decl !== undefined && decl.initializer !== undefined && e !== skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS) && listsDirectory(decl.initializer);
  }
  if (!ts.isCallExpression(e)) return false;
  const callee = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return name === 'readdirSync' || name === 'readdir';
}

/** A list of literals fixed in the code: `['a', 'b']`, a `const` holding one that nothing fills, `Object.keys(LITERAL)`. */
function literalValues(expr: ts.Expression, depth: number): boolean {
  if (depth > 3) return false;
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((el) => ts.isStringLiteralLike(el) || ts.isNumericLiteral(el) || LITERAL_KEYWORDS.has(el.kind));
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression) &&
    e.expression.expression.text === 'Object' && /^(keys|freeze)$/.test(e.expression.name.text) && e.arguments.length === 1) {
    const arg = skipOuter(e.arguments[0], TYPE_ONLY_WRAPPERS);
    return e.expression.name.text === 'keys' ? literalObject(arg) : literalValues(arg, depth + 1);
  }
  const decl = ts.isIdentifier(e) ? constDeclaration(e) : undefined;
  return decl !== undefined && !filled(decl) && literalValues(decl.initializer!, depth + 1);
}

function constDeclaration(id: ts.Identifier): ts.VariableDeclaration | undefined {
  const decl = findDeclaration(id.text, id);
  return decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.isIdentifier(decl.name) && isConstDeclaration(decl) ? decl : undefined;
}

/** A `const` list something pushes to or assigns into: its values are not all written at its declaration. */
function filled(decl: ts.VariableDeclaration): boolean {
  const name = (decl.name as ts.Identifier).text;
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isPropertyAccessExpression(n) && /^(push|unshift|splice)$/.test(n.name.text) && ts.isIdentifier(n.expression) && n.expression.text === name) found = true;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(n.left) &&
      ts.isIdentifier(n.left.expression) && n.left.expression.text === name) found = true;
  };
  walkTree(decl.getSourceFile(), visit);
  return found;
}

/** Names of a message, data or schema type, or of a package: keys declared in code or files, not request data. */
const TYPE_OR_PACKAGE_NAME = /^(type|typeName|[a-z]\w*Type|packageName|pkgName|msgPackage|[a-z]\w*PackageName)$/;
/** A cache, by the name it is held under: `msgCache`, `this.cache`, `specCache`. */
const CACHE_NAME = /^_?([a-z]\w*)?[cC]ache$/;

/**
 * `spec = this.msgCache.getMessageSpec(type); specCache[type] = spec`: the value is another cache's
 * lookup (`get…(key)` on something named a cache) of a key that names a type or package: a second
 * memo of what that cache holds, with as many entries as the types the program declares or loads
 * (rosnodejs's message specs, check 40). A user id or URL key is not a type's name: still reported.
 */
function mirrorsTypeCache(fn: Fn, site: ts.Node, key: ts.Expression): boolean {
  if (!ts.isIdentifier(key) || !TYPE_OR_PACKAGE_NAME.test(key.text)) return false;
  const values = storedValues(fn, site);
  return values.length > 0 && values.every((v) => {
    const e = ts.isAwaitExpression(v) ? skipOuter(v.expression, TYPE_ONLY_WRAPPERS) : v;
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || !/^get([A-Z]\w*)?$/.test(e.expression.name.text)) return false;
    const recv = skipOuter(e.expression.expression, TYPE_ONLY_WRAPPERS);
    const recvName = ts.isIdentifier(recv) ? recv.text : ts.isPropertyAccessExpression(recv) ? recv.name.text : '';
    const first = e.arguments[0] && skipOuter(e.arguments[0], TYPE_ONLY_WRAPPERS);
    return CACHE_NAME.test(recvName) && first !== undefined && ts.isIdentifier(first) && first.text === key.text;
  });
}

/** What an add stores (`m[k] = v`, `m.set(k, v)`), followed to its values in the function; none read back empty. */
function storedValues(fn: Fn, site: ts.Node): ts.Expression[] {
  const value = ts.isBinaryExpression(site) ? site.right
    : ts.isCallExpression(site) && ts.isPropertyAccessExpression(site.expression) && site.expression.name.text === 'set' ? site.arguments[1] : undefined;
  return value ? valuesOf(fn, skipOuter(value, TYPE_ONLY_WRAPPERS)).filter((v) => !isEmptyRead(v, site)) : [];
}

/** Names of a package: `packageName`, `pkgName`, `msgPackage`. */
const PACKAGE_NAME = /^(packageName|pkgName|msgPackage|[a-z]\w*PackageName)$/;
/** Calls that find something installed by its name: `Find`, `findPackage`, `resolve`, `locatePlugin`. */
const FINDER = /^([fF]ind|resolve|locate)([A-Z]\w*)?$/;

/**
 * A memo of a synchronous lookup of installed code (`map[msgPackage] = ros_msg_utils.Find(msgPackage)`,
 * rosnodejs' message_utils, check 40): the key names a package, and what is stored is found on
 * the machine for it at once (no `await`, no callback: a local search, not a registry's
 * answer over the network), so the keys are the packages installed.
 */
function findsInstalledPackage(fn: Fn, site: ts.Node, key: ts.Expression): boolean {
  if (!ts.isIdentifier(key) || !PACKAGE_NAME.test(key.text)) return false;
  const values = storedValues(fn, site);
  return values.length > 0 && values.every((v) => {
    if (!ts.isCallExpression(v) || !FINDER.test(calledName(v) ?? '') || v.arguments.some((a) => ts.isFunctionLike(a))) return false;
    const first = v.arguments[0] && skipOuter(v.arguments[0], TYPE_ONLY_WRAPPERS);
    return first !== undefined && ts.isIdentifier(first) && first.text === key.text;
  });
}

/** A package's name as a key, maybe case-folded: `packageName`, `pkg.name.toLowerCase()`. */
const PACKAGE_HOLDER = /^(pkg|package|pack|rosPackage|[a-z]\w*Package)$/;
const CASE_FOLDING = /^(toLowerCase|toUpperCase|trim)$/;
/** Where a package sits on disk: `directory`, `pkg.directory`, `packageDir`. */
const DIRECTORY_NAME = /^(dir|directory|[a-z]\w*(Dir|Directory))$/;

/**
 * An index of package directories (`cache[pkg.name.toLowerCase()] = pkg.directory` while crawling
 * ROS_PACKAGE_PATH, rosnodejs packages.js, check 40): the key names a package and every value
 * stored is a directory found for it, so the index holds at most the packages on the machine's
 * search path. A package name mapped to anything else (metadata a registry answers) is reported.
 */
function indexesPackageDirectories(fn: Fn, site: ts.Node, key: ts.Expression): boolean {
  if (!namesPackage(key)) return false;
  const values = storedValues(fn, site);
  return values.length > 0 && values.every((v) => {
    const name = ts.isIdentifier(v) ? v.text : ts.isPropertyAccessExpression(v) ? v.name.text : undefined;
    return name !== undefined && DIRECTORY_NAME.test(name);
  });
}

function namesPackage(key: ts.Expression): boolean {
  let k = skipOuter(key, TYPE_ONLY_WRAPPERS);
  if (ts.isCallExpression(k) && !k.arguments.length && ts.isPropertyAccessExpression(k.expression) && CASE_FOLDING.test(k.expression.name.text)) {
    k = skipOuter(k.expression.expression, TYPE_ONLY_WRAPPERS);
  }
  if (ts.isIdentifier(k)) return PACKAGE_NAME.test(k.text);
  return ts.isPropertyAccessExpression(k) && k.name.text === 'name' && ts.isIdentifier(k.expression) && PACKAGE_HOLDER.test(k.expression.text);
}

/** `let spec = specCache[type]`: the memo's own read, before it is filled. */
function isEmptyRead(v: ts.Expression, site: ts.Node): boolean {
  const target = ts.isBinaryExpression(site) ? skipOuter(site.left, TYPE_ONLY_WRAPPERS) : undefined;
  return target !== undefined && v.getText() === target.getText();
}

/**
 * A memo of another table: the value stored is `TABLE[key]` (directly or through a local), and
 * the function leaves (`throw`, `return`) when it is missing, so only the table's keys get in.
 */
function lookedUpInTable(fn: Fn, site: ts.Node, collection: string, key: ts.Expression): boolean {
  const value = ts.isBinaryExpression(site) ? site.right
    : ts.isCallExpression(site) && ts.isPropertyAccessExpression(site.expression) && site.expression.name.text === 'set' ? site.arguments[1] : undefined;
  if (!value || !fn.body) return false;
  const keyText = key.getText();
  const parts = keyParts(fn, key);
  const lookup = valuesOf(fn, skipOuter(value, TYPE_ONLY_WRAPPERS)).some((v) => (ts.isElementAccessExpression(v) &&
    madeOfKey(v.argumentExpression, keyText) && skipOuter(v.expression, TYPE_ONLY_WRAPPERS).getText() !== collection) ||
    lookupCall(v, collection, keyText, parts));
  if (!lookup) return false;
  const held = skipOuter(value, TYPE_ONLY_WRAPPERS).getText();
  let leaves = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (leaves || (n !== fn.body && ts.isFunctionLike(n))) return SKIP;
    if (ts.isIfStatement(n) && n.expression.getText().includes(held) && exits(n.thenStatement) && n.getStart() < site.getStart()) leaves = true;
  };
  walkTree(fn.body, visit);
  return leaves;
}

/** Method names of a synchronous lookup in a table: `map.get(name)`, protobuf's `root.lookupService(name)`. */
const LOOKUP_METHOD = /^(get|lookup\w*)$/;

/**
 * `service.get(methodName)`: a lookup in a table other than the collection, under the key or one of
 * the names the key joins (`const key = interfaceName + '#' + methodName`), on any receiver but
 * the collection (`proto.lookupService(interfaceName).get(methodName)`). An awaited call (a
 * database read) is no table lookup: `valuesOf` sees the `await`, not the call.
 */
function lookupCall(v: ts.Expression, collection: string, keyText: string, parts: Set<string>): boolean {
  if (!ts.isCallExpression(v) || v.arguments.length !== 1) return false;
  const callee = skipOuter(v.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(callee) || !LOOKUP_METHOD.test(callee.name.text)) return false;
  if (skipOuter(callee.expression, TYPE_ONLY_WRAPPERS).getText() === collection) return false;
  const arg = skipOuter(v.arguments[0], TYPE_ONLY_WRAPPERS);
  return madeOfKey(arg, keyText) || (ts.isIdentifier(arg) && parts.has(arg.text));
}

/** The names a key joins with literals: `interfaceName + '#' + methodName`, also through a local `key` declared so. */
function keyParts(fn: Fn, key: ts.Expression): Set<string> {
  let k = key;
  if (ts.isIdentifier(k)) {
    const decl = findDeclaration(k.text, k);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && insideFunction(decl, fn) && !reassignedOtherThanDeclaration(decl, fn)) {
      k = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
    }
  }
  const names = new Set<string>();
  const collect = (e: ts.Expression): boolean => {
    const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
    if (ts.isStringLiteralLike(x)) return true;
    if (ts.isIdentifier(x)) return names.add(x.text), true;
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) return collect(x.left) && collect(x.right);
    if (ts.isTemplateExpression(x)) return x.templateSpans.every((span) => collect(span.expression));
    return false;
  };
  return collect(k) && names.size > 1 ? names : new Set();
}

/**
 * The function leaves (`throw`, `return`) before the add when the key is not in the collection
 * yet (`if (!structures[name]) throw new TypeError(…)`): the add replaces an entry, never makes one.
 */
function replacesExisting(fn: Fn, site: ts.Node, collection: string, key: ts.Expression): boolean {
  if (!fn.body || !ts.isBlock(fn.body)) return false;
  const keyText = key.getText();
  let guarded = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (guarded || n.getStart() >= site.getStart() || (n !== fn.body && ts.isFunctionLike(n))) return SKIP;
    if (ts.isIfStatement(n) && exits(n.thenStatement) && testsAbsence(n.expression, collection, keyText) && !contains(n, site)) guarded = true;
  };
  walkTree(fn.body, visit);
  return guarded;
}

/** `!coll[key]`, `!coll.has(key)`, `!(key in coll)`, `coll[key] === undefined`. */
function testsAbsence(cond: ts.Expression, collection: string, keyText: string): boolean {
  const c = skipOuter(cond, TYPE_ONLY_WRAPPERS);
  const isEntry = (x: ts.Expression): boolean => {
    const e = skipOuter(x, TYPE_ONLY_WRAPPERS);
    return ts.isElementAccessExpression(e) && e.expression.getText() === collection && e.argumentExpression.getText() === keyText;
  };
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) {
    const x = skipOuter(c.operand, TYPE_ONLY_WRAPPERS);
    return isEntry(x) || isMembershipCheck(x, collection, keyText);
  }
  if (ts.isBinaryExpression(c) && /^(===|==)$/.test(c.operatorToken.getText())) {
    const absent = (x: ts.Expression) => { const e = skipOuter(x, TYPE_ONLY_WRAPPERS); return e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined'); };
    return (isEntry(c.left) && absent(c.right)) || (isEntry(c.right) && absent(c.left));
  }
  return false;
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.getStart() >= outer.getStart() && inner.getEnd() <= outer.getEnd();
}

/** The key itself, or the key with literals around it: `` `${name}.sql` ``, `prefix + name`. */
function madeOfKey(expr: ts.Expression, keyText: string): boolean {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (e.getText() === keyText) return true;
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((span) => skipOuter(span.expression, TYPE_ONLY_WRAPPERS).getText() === keyText);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const literal = (x: ts.Expression) => ts.isStringLiteralLike(skipOuter(x, TYPE_ONLY_WRAPPERS));
    return (literal(e.left) && madeOfKey(e.right, keyText)) || (madeOfKey(e.left, keyText) && literal(e.right));
  }
  return false;
}

function exits(s: ts.Statement): boolean {
  if (ts.isThrowStatement(s) || ts.isReturnStatement(s)) return true;
  return ts.isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]);
}

const CODE_WORDS = new Set(['plugin', 'plugins', 'module', 'modules', 'extension', 'extensions', 'addon', 'addons', 'package', 'packages', 'theme', 'themes']);
const ARRIVAL_WORDS = new Set(['add', 'added', 'install', 'installed', 'register', 'registered', 'load', 'loaded']);

/**
 * The function, or one it is written in, listens for an event whose name says a plugin, module or
 * package was added, installed, registered or loaded (`events.on('registry:plugin-added',
 * onPluginAdded)`): it runs once per piece of installed code, as a loader does.
 */
function listensForInstalledCode(fn: Fn): boolean {
  for (let n: ts.Node | undefined = fn; n; n = n.parent) {
    if ((ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n)) && registeredFor(n).some(namesCodeArrival)) return true;
  }
  return false;
}

/** The literal event names a function is registered for with `x.on(event, fn)`: written there, or passed by its name. */
function registeredFor(fn: ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction): string[] {
  const eventOf = (call: ts.Node, arg: ts.Node): string | undefined => {
    if (!ts.isCallExpression(call) || call.arguments[1] !== arg || !ts.isPropertyAccessExpression(call.expression) || !LISTENER_METHODS.test(call.expression.name.text)) return undefined;
    const event = call.arguments[0];
    return ts.isStringLiteralLike(event) ? event.text : undefined;
  };
  const inPlace = eventOf(fn.parent, fn);
  if (inPlace) return [inPlace];
  const name = ts.isFunctionDeclaration(fn) ? fn.name : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name : undefined;
  if (!name) return [];
  // The file's identifiers by name (one walk per file), not a walk of the whole file per function:
  // every add site asks this of each function around it.
  const out: string[] = [];
  for (const n of identifiersByName(fn.getSourceFile()).get(name.text) ?? []) {
    if (n === name) continue;
    const event = eventOf(n.parent, n);
    if (event) out.push(event);
  }
  return out;
}

function namesCodeArrival(event: string): boolean {
  const words = event.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return words.some((w) => CODE_WORDS.has(w)) && words.some((w) => ARRIVAL_WORDS.has(w));
}

const loadsCode = new WeakMap<Fn, boolean>();

/** The function loads a module by a computed name: `require(path)`, `import(name)`. Asked for every call in a function: answered once per function. */
export function loadsCodeByName(fn: Fn): boolean {
  let known = loadsCode.get(fn);
  if (known === undefined) loadsCode.set(fn, (known = findsCodeLoad(fn)));
  return known;
}

function findsCodeLoad(fn: Fn): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || (n !== fn.body && ts.isFunctionLike(n))) return SKIP;
    if (ts.isCallExpression(n) && n.arguments.length === 1 && !ts.isStringLiteralLike(skipOuter(n.arguments[0], TYPE_ONLY_WRAPPERS)) &&
      (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require' && !findDeclaration('require', n)))) found = true;
  };
  if (fn.body) walkTree(fn.body, visit);
  return found;
}

/** An expression, or what a local of `fn` is assigned anywhere in it (`regex = new RegExp(p)` before `cache.set(k, regex)`). */
function valuesOf(fn: Fn, value: ts.Expression): ts.Expression[] {
  if (!ts.isIdentifier(value)) return [value];
  const decl = findDeclaration(value.text, value);
  if (!decl || !ts.isVariableDeclaration(decl) || !insideFunction(decl, fn)) return [value];
  const out: ts.Expression[] = decl.initializer ? [skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS)] : [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === value.text) {
      out.push(skipOuter(n.right, TYPE_ONLY_WRAPPERS));
    }
  };
  if (fn.body) walkTree(fn.body, visit);
  return out;
}

/** `JSON.stringify(opts)` as the key, directly or through a local: the text of `opts`. */
function serializedOptions(fn: Fn, key: ts.Expression): string | undefined {
  let k = key;
  if (ts.isIdentifier(k)) {
    const decl = findDeclaration(k.text, k);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !insideFunction(decl, fn) || reassignedOtherThanDeclaration(decl, fn)) return undefined;
    k = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
  }
  if (!ts.isCallExpression(k) || !ts.isPropertyAccessExpression(k.expression) || k.expression.name.text !== 'stringify' ||
    !ts.isIdentifier(k.expression.expression) || k.expression.expression.text !== 'JSON' || k.arguments.length !== 1) return undefined;
  return skipOuter(k.arguments[0], TYPE_ONLY_WRAPPERS).getText();
}

function reassignedOtherThanDeclaration(decl: ts.VariableDeclaration, fn: Fn): boolean {
  return ts.isIdentifier(decl.name) && reassigned(decl.name.text, fn);
}

/** The function whose parameter `id` is. */
function parameterOwner(id: ts.Identifier): Fn | undefined {
  const decl = findDeclaration(id.text, id);
  const fn = decl && ts.isParameter(decl) ? decl.parent : undefined;
  return fn && (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn) || ts.isMethodDeclaration(fn)) ? fn : undefined;
}

/** The function a site runs in; arrows count (`exports.add = (name, m) => { … }`). */
function enclosingFunction(site: ts.Node): Fn | undefined {
  for (let n: ts.Node | undefined = site.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)) return n;
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return undefined;
  }
  return undefined;
}

/**
 * The function checks whether the key is in the collection, and besides that check and the add
 * only logs: a set of warnings already given.
 */
function warnsOnce(fn: Fn, site: ts.Node, collection: string, key: ts.Expression): boolean {
  if (!fn.body || !ts.isBlock(fn.body)) return false;
  const keyText = key.getText();
  let checks = false;
  let logs = false;
  let other = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (other || (n !== fn.body && ts.isFunctionLike(n))) return SKIP;
    if (isMembershipCheck(n, collection, keyText)) checks = true;
    const done = ts.isExpressionStatement(n) ? n.expression : ts.isReturnStatement(n) ? n.expression : undefined;
    if (done && !n.getText().includes(site.getText())) {
      let e = skipOuter(done, TYPE_ONLY_WRAPPERS | Outer.Await);
      if (ts.isVoidExpression(e)) e = skipOuter(e.expression, TYPE_ONLY_WRAPPERS | Outer.Await);
      if (ts.isCallExpression(e) && isLogging(e)) logs = true;
      else if (ts.isCallExpression(e)) other = true;
    }
  };
  walkTree(fn.body, visit);
  return checks && logs && !other;
}

function isMembershipCheck(n: ts.Node, collection: string, key: string): boolean {
  if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(has|indexOf|includes)$/.test(n.expression.name.text)) {
    return n.expression.expression.getText() === collection && n.arguments[0]?.getText() === key;
  }
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.InKeyword) return n.left.getText() === key && n.right.getText() === collection;
  return false;
}

function isLogging(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const recv = skipOuter(callee.expression, TYPE_ONLY_WRAPPERS);
  const recvName = ts.isIdentifier(recv) ? recv.text : ts.isPropertyAccessExpression(recv) ? recv.name.text : '';
  return LOG_METHODS.test(callee.name.text) && (LOGGING.test(recvName) || recvName === 'process');
}

/** `key` is the event a listener is registered for: the first parameter of an `on(event, …)`, or of a `'newListener'` listener. */
function isEventName(fn: Fn, key: ts.Identifier): boolean {
  const first = fn.parameters[0];
  if (!first || !ts.isIdentifier(first.name) || first.name.text !== key.text || findDeclaration(key.text, key) !== first) return false;
  if (LISTENER_METHODS.test(functionName(fn) ?? '')) return true;
  const call = fn.parent;
  return ts.isCallExpression(call) && call.arguments[1] === fn && ts.isPropertyAccessExpression(call.expression) &&
    LISTENER_METHODS.test(call.expression.name.text) && ts.isStringLiteralLike(call.arguments[0]) && LISTENER_EVENTS.has(call.arguments[0].text);
}

/** The function reads the file named by `name` (`fs.readFileSync(name)`, `readFile(name, cb)`): keys are files on disk. */
function readsFileNamed(fn: Fn, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n)) {
      const callee = skipOuter(n.expression, TYPE_ONLY_WRAPPERS);
      const called = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      const first = n.arguments[0] && skipOuter(n.arguments[0], TYPE_ONLY_WRAPPERS);
      if (FILE_READS.test(called) && first && ts.isIdentifier(first) && first.text === name) found = true;
    }
  };
  if (fn.body) walkTree(fn.body, visit);
  return found;
}

/**
 * The parameters a key is made of, when it is made only of them and literals: `route`,
 * `` `${a}:${b}` ``, `JSON.stringify(options)`, a `const` of the function holding such a value.
 * Undefined when anything else goes into it.
 */
function parameterIndexes(fn: Fn, key: ts.Expression): number[] | undefined {
  const out = new Set<number>();
  const visit = (expr: ts.Expression, depth: number): boolean => {
    if (depth > 4) return false;
    const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
    if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e)) return true;
    if (ts.isTemplateExpression(e)) return e.templateSpans.every((s) => visit(s.expression, depth + 1));
    // `a + b`, and a parameter's fallback (`writer || 'console'`, `name ?? 'default'`): only those values.
    if (ts.isBinaryExpression(e) && KEY_JOINING.has(e.operatorToken.kind)) return visit(e.left, depth + 1) && visit(e.right, depth + 1);
    if (ts.isCallExpression(e)) {
      const callee = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
      const pure = (ts.isIdentifier(callee) && callee.text === 'String') ||
        (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON' && callee.name.text === 'stringify');
      if (pure) return e.arguments.length >= 1 && visit(e.arguments[0], depth + 1);
      // `names.join()`, `name.toLowerCase()`: a string made from such a value and literals.
      if (ts.isPropertyAccessExpression(callee) && STRING_FORMING.has(callee.name.text)) {
        return e.arguments.every((a) => ts.isStringLiteralLike(a) || ts.isNumericLiteral(a)) && visit(callee.expression, depth + 1);
      }
      // `makeTheme(name, pkg)`: a function of this file, given only such values, makes a value from them.
      return isFileFunction(callee) && e.arguments.length > 0 && e.arguments.every((a) => !ts.isSpreadElement(a) && visit(a, depth + 1));
    }
    // `theme.name`, `opts.id`: a part of such a value.
    if (ts.isPropertyAccessExpression(e) && e.expression.kind !== ts.SyntaxKind.ThisKeyword) return visit(e.expression, depth + 1);
    if (!ts.isIdentifier(e)) return false;
    const decl = findDeclaration(e.text, e);
    if (decl && ts.isParameter(decl) && decl.parent === fn && ts.isIdentifier(decl.name)) {
      out.add(fn.parameters.indexOf(decl));
      return true;
    }
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && insideFunction(decl, fn) && !reassigned(e.text, fn)) return visit(decl.initializer, depth + 1);
    return false;
  };
  return visit(key, 0) ? [...out] : undefined;
}

const KEY_JOINING: ReadonlySet<ts.SyntaxKind> = new Set([ts.SyntaxKind.PlusToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken]);

/** Methods that only turn a value into a string (or another spelling of it), given literal arguments. */
const STRING_FORMING: ReadonlySet<string> = new Set(['join', 'toString', 'toLowerCase', 'toUpperCase', 'trim', 'normalize']);

/** A function declared at the top of this file, by a declaration or a `const`. */
function isFileFunction(callee: ts.Expression): boolean {
  if (!ts.isIdentifier(callee)) return false;
  const decl = findDeclaration(callee.text, callee);
  if (!decl || !isTopLevel(decl)) return false;
  if (ts.isFunctionDeclaration(decl)) return true;
  const init = ts.isVariableDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS) : undefined;
  return init !== undefined && (ts.isArrowFunction(init) || ts.isFunctionExpression(init));
}

function insideFunction(n: ts.Node, fn: Fn): boolean {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (p === fn) return true;
    if (ts.isFunctionLike(p)) return false;
  }
  return false;
}

function reassigned(name: string, fn: Fn): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      ts.isIdentifier(skipOuter(n.left, TYPE_ONLY_WRAPPERS)) && (skipOuter(n.left, TYPE_ONLY_WRAPPERS) as ts.Identifier).text === name) found = true;
  };
  if (fn.body) walkTree(fn.body, visit);
  return found;
}

function functionName(fn: Fn): string | undefined {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return undefined;
}
