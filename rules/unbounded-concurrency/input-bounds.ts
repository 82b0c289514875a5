// Where the elements a fan-out runs over come from, when that source bounds their number: the
// service's configuration (`this.config.jobs`, `Object.keys(this.options.auth)`,
// `req.config.rateLimits`), the command line (`argv.ids`), a registry of installed plugins or
// hooks (`pluginDefs.hooks[name]`, `hooks.aCallAll(…)`), one entry per server of a cluster (a
// grouping by broker or coordinator), or the files of a directory the package owns
// (`readdir(__dirname)`). An input of unknown size is one whose source we cannot see.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { TYPE_ONLY_WRAPPERS, Outer, skipOuter, thisClass, isConstDeclaration } from '../shared/ast';
import { BOUNDED_CACHE_MAKER, CONFIG_NAME, DATA_MODEL_NAME, INPUT_SEGMENT, PER_SERVER_NAME, REGISTRY_NAME, SIZE_KEEPING_HELPERS } from './concurrency-limiters';
import { fillingCalls, grownWithVariableItems, hasConstantSize, isConstantNumber, scopeOf } from './constant-size';
import { cappingArgument } from './capped-returns';
import { arrayFromLength, evictsDownToLimit, isWorkerPoolSize } from './loop-bounds';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

export type InputBound = 'constant' | 'configuration' | 'command line' | 'plugin registry' | 'cluster' | 'data model' | 'package files' | 'pool size' | 'eviction limit';

const SEE_THROUGH = TYPE_ONLY_WRAPPERS | Outer.Await;
/** Methods whose result is no longer than their receiver (or, for `concat`, than receiver and arguments together). */
const SIZE_KEEPING_METHODS = new Set(['filter', 'map', 'flatMap', 'reverse', 'sort', 'toSorted', 'toReversed', 'slice', 'keys', 'values', 'entries', 'concat', 'flat']);
const MAX_DEPTH = 6;
/** Where the application itself is installed: `settings.root`, `config.appRoot`. */
const APP_ROOT_NAME = /^(root|rootDir|rootPath|appRoot|appDir|projectRoot|installDir)$/;

/** Why `expr` holds a bounded number of elements, or undefined when nothing in sight says so. */
export function inputBound(expr: ts.Expression, depth = 0): InputBound | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = skipOuter(expr, SEE_THROUGH);
  if (hasConstantSize(e)) return 'constant';
  if (ts.isArrayLiteralExpression(e)) {
    return allBounded(e.elements.filter(ts.isSpreadElement).map((s) => s.expression), depth);
  }
  // `x || {}`, `x ?? []`: an empty fallback.
  if ((ts.isObjectLiteralExpression(e) && e.properties.length === 0) || (ts.isArrayLiteralExpression(e) && e.elements.length === 0)) return 'constant';
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    return allBounded([e.left, e.right], depth);
  }
  if (ts.isConditionalExpression(e)) return allBounded([e.whenTrue, e.whenFalse], depth);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && (e.expression.text === 'Set' || e.expression.text === 'Map')) {
    return e.arguments?.length === 1 ? inputBound(e.arguments[0], depth + 1) : 'constant';
  }
  const named = chainBound(e);
  if (named) return named;
  if (ts.isCallExpression(e)) return settledBound(e, depth) ?? poolSized(e) ?? callBound(e, depth);
  if (ts.isIdentifier(e)) return identifierBound(e, depth);
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) return memberBound(e, depth);
  return undefined;
}

/** `await Promise.all(xs.map(f))`: one result per element of a bounded `xs`. */
function settledBound(call: ts.CallExpression, depth: number): InputBound | undefined {
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'Promise' ||
    findDeclaration('Promise', callee) || (callee.name.text !== 'all' && callee.name.text !== 'allSettled') || call.arguments.length !== 1) return undefined;
  return inputBound(call.arguments[0], depth + 1);
}

/** `Array.from({ length: this.pool.totalCount }, …)`: one element per client of a connection pool. */
function poolSized(call: ts.CallExpression): InputBound | undefined {
  const length = arrayFromLength(call);
  return length && isWorkerPoolSize(length) ? 'pool size' : undefined;
}

/** Every one of them bounded: the first reason found stands for all. */
function allBounded(parts: readonly ts.Expression[], depth: number): InputBound | undefined {
  let reason: InputBound | undefined = 'constant';
  for (const p of parts) {
    const r = inputBound(p, depth + 1);
    if (!r) return undefined;
    if (reason === 'constant') reason = r;
  }
  return reason;
}

function callBound(call: ts.CallExpression, depth: number): InputBound | undefined {
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  // `Object.keys(x)`, `Array.from(x)`, `_.uniq(x)`, `utils.uniq(x)`: as many as `x` has, or fewer.
  const first = call.arguments[0] && skipOuter(call.arguments[0], TYPE_ONLY_WRAPPERS);
  // Only a helper keeps its argument's size: `db.users.findMany({ where })` returns what the query finds.
  if (first && ts.isObjectLiteralExpression(first) && SIZE_KEEPING_HELPERS.has(name) && (ts.isIdentifier(callee) || isHelperNamespace(callee))) {
    // `Object.keys({ a: 1 })` is what the code wrote; `Array.from({ length: n })` is as long as `n`.
    return name !== 'from' && !first.properties.some(ts.isSpreadAssignment) ? 'constant' : undefined;
  }
  if (call.arguments.length >= 1 && SIZE_KEEPING_HELPERS.has(name) && (ts.isIdentifier(callee) || isHelperNamespace(callee))) {
    return inputBound(call.arguments[0], depth + 1);
  }
  // `_.take(history, config.max)`, `xs.slice(0, options.limit)`: at most as many as a bound set in configuration.
  const count = name === 'take' ? call.arguments[1] : name === 'slice' && call.arguments.length === 2 ? call.arguments[1] : undefined;
  if (count && countBound(count)) return 'configuration';
  // `this.getRandomGossipPeers(topic, this.opts.prunePeers)`: a function of the file that cuts what it returns to that count.
  const capping = cappingArgument(call);
  if (capping && (isConstantNumber(capping) || countBound(capping))) return isConstantNumber(capping) ? 'constant' : 'configuration';
  if (ts.isPropertyAccessExpression(callee) && SIZE_KEEPING_METHODS.has(name)) {
    return allBounded([callee.expression, ...(name === 'concat' ? call.arguments : [])], depth);
  }
  // What the hooks of installed plugins return: `hooks.aCallAll('exportContent')`.
  if (ts.isPropertyAccessExpression(callee) && chainNames(callee.expression).some((s) => REGISTRY_NAME.test(s))) return 'plugin registry';
  if (readsPackageDirectory(call)) return 'package files';
  return undefined;
}

/** A count fixed in the code or read from configuration (`this.config.passwordPolicy.maxPasswordHistory - 1`). */
function countBound(expr: ts.Expression): boolean {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isNumericLiteral(e)) return true;
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.MinusToken || e.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
    return countBound(e.left) && countBound(e.right);
  }
  return (ts.isPropertyAccessExpression(e) || ts.isIdentifier(e)) && chainNames(e).some((n) => CONFIG_NAME.test(n.replace(/^[_#]/, '')));
}

/** `Object`, `Array`, `_`, `lodash`, `utils`: namespaces whose helpers keep or shrink the size. */
function isHelperNamespace(callee: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) &&
    /^(Object|Array|_|lodash|utils?|helpers?)$/.test(callee.expression.text);
}

/** A local whose value (and every later assignment) is bounded, or a parameter holding files of a package directory. */
function identifierBound(id: ts.Identifier, depth: number): InputBound | undefined {
  if (PER_SERVER_NAME.test(id.text)) return 'cluster';
  const decl = findDeclaration(id.text, id);
  if (!decl) return undefined;
  if (ts.isParameter(decl)) return parameterBound(decl);
  if (!ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.name)) return undefined;
  const assigned = assignmentsTo(decl.name.text, scopeOf(decl));
  if (assigned === undefined) return undefined;
  if (grownWithVariableItems(decl.name.text, scopeOf(decl)) || fillingCalls(decl).length) return undefined;
  return allBounded([decl.initializer, ...assigned], depth);
}

/** `files` in `readdir(__dirname).then((files) => …)`: the entries of a directory the package owns. */
function parameterBound(p: ts.ParameterDeclaration): InputBound | undefined {
  const fn = p.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters[0] !== p) return undefined;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'then') return undefined;
  const source = skipOuter(call.expression.expression, TYPE_ONLY_WRAPPERS);
  return ts.isCallExpression(source) && readsPackageDirectory(source) ? 'package files' : undefined;
}

/** `this.localSchemas`: bounded when every assignment to it in its class is. */
function memberBound(e: ts.PropertyAccessExpression, depth: number): InputBound | undefined {
  const cls = thisClass(e);
  if (!cls) return undefined;
  const values: ts.Expression[] = [];
  // `while (this.entries.size > this.options.limit) this.entries.delete(oldest)` after each add:
  // the member never holds more than its limit (supergateway's retained children).
  let evicted = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isWhileStatement(n) && !evicted && evictsDownToLimit(n) && evictionTarget(n) === `this.${e.name.text}`) evicted = true;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = skipOuter(n.left, TYPE_ONLY_WRAPPERS);
      if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === e.name.text) values.push(n.right);
    }
    if (ts.isPropertyDeclaration(n) && n.initializer && ts.isIdentifier(n.name) && n.name.text === e.name.text) values.push(n.initializer);
  };
  walkTree(cls, visit);
  if (evicted) return 'eviction limit';
  return values.length ? allBounded(values, depth) : undefined;
}

/** The collection an eviction loop's condition sizes: `this.entries` in `while (this.entries.size > limit)`. */
function evictionTarget(loop: ts.WhileStatement): string {
  const cond = skipOuter(loop.expression, TYPE_ONLY_WRAPPERS) as ts.BinaryExpression;
  return skipOuter((skipOuter(cond.left, TYPE_ONLY_WRAPPERS) as ts.PropertyAccessExpression).expression, TYPE_ONLY_WRAPPERS).getText();
}

/**
 * The source names a chain reads, when they say what it is: a member of the configuration or the
 * command line (and not of a request's body, query or parameters), a plugin registry, a
 * per-server grouping.
 */
function chainBound(e: ts.Expression): InputBound | undefined {
  if (!(ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isIdentifier(e))) return undefined;
  const names = chainNames(e);
  if (!names.length || names.some((s) => INPUT_SEGMENT.test(s))) return undefined;
  if (names.some((s) => s === 'argv')) return 'command line';
  if (names.some((s) => REGISTRY_NAME.test(s))) return 'plugin registry';
  if (names.some((s) => CONFIG_NAME.test(s.replace(/^[_#]/, '')))) return 'configuration';
  const last = names[names.length - 1];
  if (PER_SERVER_NAME.test(last)) return 'cluster';
  if (DATA_MODEL_NAME.test(last)) return 'data model';
  return undefined;
}

/** `req.config.rateLimits` -> ['req', 'config', 'rateLimits']; calls and computed keys end the chain's names. */
function chainNames(expr: ts.Expression): string[] {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(e)) return [e.text];
  if (e.kind === ts.SyntaxKind.ThisKeyword) return ['this'];
  if (ts.isPropertyAccessExpression(e)) return [...chainNames(e.expression), e.name.text];
  if (ts.isElementAccessExpression(e)) return chainNames(e.expression);
  return [];
}

/**
 * `readdir(__dirname)`, `fs.promises.readdir(path.join(ROOT, 'js'))`: the entries of a directory
 * whose path is built only from the module's own location, constants and literals.
 */
export function readsPackageDirectory(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return /^readdir(Sync)?$/i.test(name) && call.arguments.length >= 1 && isFixedPath(call.arguments[0], 0);
}

/** A path made only of `__dirname`, literals, configuration members and constants holding such paths. */
function isFixedPath(expr: ts.Expression, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isStringLiteralLike(e)) return true;
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((s) => isFixedPath(s.expression, depth + 1));
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return isFixedPath(e.left, depth + 1) && isFixedPath(e.right, depth + 1);
  if (ts.isIdentifier(e)) {
    if (e.text === '__dirname' || e.text === '__filename') return !findDeclaration(e.text, e);
    const decl = findDeclaration(e.text, e);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && isConstDeclaration(decl)) return isFixedPath(decl.initializer, depth + 1);
    // The parameter of a callback over a literal list of fixed paths: `[join(ROOT, 'js'), …].map(async (dir) => …)`.
    if (decl && ts.isParameter(decl)) return parameterOverFixedPaths(decl, depth);
    return false;
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const names = chainNames(e);
    // `import.meta.dirname`; the configured root the application is installed in (`settings.root`), not a data directory.
    if (names[0] === 'import') return true;
    return names.length >= 2 && APP_ROOT_NAME.test(names[names.length - 1]) && names.some((s) => CONFIG_NAME.test(s.replace(/^[_#]/, '')));
  }
  if (ts.isCallExpression(e)) {
    const callee = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    if (/^(join|resolve|dirname|normalize|fileURLToPath)$/.test(name)) return e.arguments.every((a) => isFixedPath(a, depth + 1));
  }
  return false;
}

function parameterOverFixedPaths(p: ts.ParameterDeclaration, depth: number): boolean {
  const fn = p.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters[0] !== p) return false;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || !/^(map|forEach|flatMap)$/.test(call.expression.name.text)) return false;
  let list = skipOuter(call.expression.expression, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(list)) {
    const decl = findDeclaration(list.text, list);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !isConstDeclaration(decl)) return false;
    list = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
  }
  return ts.isArrayLiteralExpression(list) && list.elements.every((el) => !ts.isSpreadElement(el) && isFixedPath(el, depth + 1));
}

/** Values assigned to `name` after its declaration in `scope`; undefined when it is updated some other way. */
function assignmentsTo(name: string, scope: ts.Node): ts.Expression[] | undefined {
  const out: ts.Expression[] = [];
  let opaque = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isBinaryExpression(n) && ts.isIdentifier(skipOuter(n.left, TYPE_ONLY_WRAPPERS)) && (skipOuter(n.left, TYPE_ONLY_WRAPPERS) as ts.Identifier).text === name) {
      const op = n.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken) out.push(n.right);
      else if (op >= ts.SyntaxKind.FirstCompoundAssignment && op <= ts.SyntaxKind.LastCompoundAssignment) opaque = true;
    }
  };
  walkTree(scope, visit);
  return opaque ? undefined : out;
}


/**
 * The callback lets only configured elements reach its work: before its first `await`, it returns
 * unless a lookup of the element in the configuration finds something
 * (`const v = config.authDataManager.getValidatorForProvider(provider); if (!v?.validator) return null;`).
 */
export function filtersByConfiguration(cb: ts.Expression): boolean {
  const fn = skipOuter(cb, TYPE_ONLY_WRAPPERS);
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !ts.isBlock(fn.body) || !fn.parameters.length) return false;
  const param = fn.parameters[0].name;
  if (!ts.isIdentifier(param)) return false;
  // The element, and locals read from it (`const sessionToken = token.get('sessionToken')`).
  const element = new Set([param.text]);
  const lookups = new Set<string>();
  for (const st of fn.body.statements) {
    if (containsAwait(st)) return false;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer && skipOuter(d.initializer, TYPE_ONLY_WRAPPERS);
        if (!ts.isIdentifier(d.name) || !init) continue;
        if (ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && boundedLookup(init.expression.expression) &&
          init.arguments.some((a) => ts.isIdentifier(a) && element.has(a.text))) lookups.add(d.name.text);
        else if (element.has(rootName(init) ?? '')) element.add(d.name.text);
      }
    } else if (ts.isIfStatement(st) && !st.elseStatement && leaves(st.thenStatement) && negates(st.expression, lookups)) {
      return true;
    }
  }
  return false;
}

/** Where a lookup finds few things: the configuration, or a cache built with a size bound (`this.authCache`, an LRU of 500). */
function boundedLookup(receiver: ts.Expression): boolean {
  return chainNames(receiver).some((n) => CONFIG_NAME.test(n.replace(/^[_#]/, ''))) || isBoundedCache(receiver);
}

/** `this.authCache` when its class assigns it `new LRUCache({ max: 500 })` (or another cache made with a bound). */
function isBoundedCache(receiver: ts.Expression): boolean {
  const e = skipOuter(receiver, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(e) || e.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const cls = thisClass(e);
  if (!cls) return false;
  let bounded = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (bounded) return STOP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = skipOuter(n.left, TYPE_ONLY_WRAPPERS);
      if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === e.name.text &&
        makesBoundedCache(skipOuter(n.right, TYPE_ONLY_WRAPPERS))) bounded = true;
    }
  };
  walkTree(cls, visit);
  return bounded;
}

/** `new LRUCache({ max: 500 })`, `new QuickLRU({ maxSize: 100 })`, the shim's `boundedMap({ max })`. */
function makesBoundedCache(e: ts.Expression): boolean {
  if (!ts.isNewExpression(e) && !ts.isCallExpression(e)) return false;
  const made = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
  const name = ts.isIdentifier(made) ? made.text : ts.isPropertyAccessExpression(made) ? made.name.text : '';
  return BOUNDED_CACHE_MAKER.test(name);
}

/** `token` of `token.get('sessionToken')` or `token.id`: the variable an expression reads from. */
function rootName(e: ts.Expression): string | undefined {
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) return rootName(x.expression);
  if (ts.isCallExpression(x)) return rootName(x.expression);
  return undefined;
}

function containsAwait(n: ts.Node): boolean {
  if (ts.isFunctionLike(n)) return false;
  if (ts.isAwaitExpression(n)) return true;
  return ts.forEachChild(n, (c) => containsAwait(c) || undefined) ?? false;
}

function leaves(s: ts.Statement): boolean {
  const first = ts.isBlock(s) ? s.statements[0] : s;
  return first !== undefined && (ts.isReturnStatement(first) || ts.isContinueStatement(first));
}

/** `!v`, `!v?.validator`, `v == null`: the test fails when the lookup found nothing. */
function negates(test: ts.Expression, names: ReadonlySet<string>): boolean {
  const e = skipOuter(test, TYPE_ONLY_WRAPPERS);
  const root = (x: ts.Expression): string | undefined => {
    const y = skipOuter(x, TYPE_ONLY_WRAPPERS);
    if (ts.isIdentifier(y)) return y.text;
    return ts.isPropertyAccessExpression(y) ? root(y.expression) : undefined;
  };
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return names.has(root(e.operand) ?? '');
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken || e.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken)) {
    return names.has(root(e.left) ?? '') && (e.right.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e.right) && e.right.text === 'undefined'));
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken) return negates(e.left, names) || negates(e.right, names);
  return false;
}
