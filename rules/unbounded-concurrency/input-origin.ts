// Where a fan-out's input comes from, when that is from outside the program: a collection an
// `await` read (a query's rows, a directory listing, a listing API's page), text split into parts
// or a parsed document, a request's body or query, data an event handed over, a range of numbers,
// or an array filled from one of those. Such an input is as large as the world makes it. A list
// the program keeps for itself (its own sockets, a pad's authors, a subscription's request ids),
// a service's answer about one thing (a login's accounts, a location's hubs) or a list a
// library's caller hands in is sized by the code that made it; a fan-out over one is the design,
// and a maintainer dismisses a report about it. A parameter is from outside when some call in the
// project passes it such data, and what a function of another file returns when that file shows
// it returns such data: each call and each file records that as a project fact.
import { ts } from 'ts-morph';
import { findDeclaration, rootDeclaration } from '../../engine/scope';
import type { FactRef, RuleContext, RuleFact } from '../../engine/types';
import { TYPE_ONLY_WRAPPERS, calleeName, skipOuter, thisClass, isConstDeclaration } from '../shared/ast';
import { perSourceFile } from '../shared/per-file';
import { BATCH_SIZE_OPTION, COLLECTION_COMMAND, COLLECTION_READ, FILE_LISTING_CALLS, INPUT_SEGMENT, OUTSIDE_DATA_CALLS, OUTSIDE_DATA_METHODS, REGISTRATION_METHOD } from './concurrency-limiters';
import { fillingCalls, isConstantNumber, scopeOf } from './constant-size';
import { returnedExpressions, sameFileFunction, type FunctionNode } from './promise-returning';
import { ownEntry } from '../../engine/own-keys';
import { fileNodes } from '../../engine/file-nodes';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/**
 * The facts about where data comes from: a call records that the function it reaches gets data
 * from outside the program as its argument `i`; a file records that a function it exports returns
 * such data (`returns-outside`), outright or if one of its own sources is.
 */
export type OriginFactKind = `outside-arg-${number}` | 'returns-outside';

/**
 * The arguments followed into the function they reach: a list to fan out over comes early, and a
 * parameter past these is taken for outside data, since no call's facts can speak for it.
 */
const FOLLOWED_ARGUMENTS = 6;
const MAX_DEPTH = 5;

/** Methods whose result holds elements of their receiver (and, for `concat`, of their arguments). */
const ELEMENT_KEEPING = new Set([
  'filter', 'map', 'flatMap', 'flat', 'slice', 'splice', 'concat', 'sort', 'reverse', 'toSorted', 'toReversed',
  'keys', 'values', 'entries', 'get', 'at', 'find', 'findLast', 'toArray', 'getAll',
]);
/** `Object.keys(x)`, `Array.from(x)`: the elements of the argument. */
const ELEMENT_KEEPING_STATICS: Record<string, ReadonlySet<string>> = {
  Object: new Set(['keys', 'values', 'entries', 'getOwnPropertyNames']),
  Array: new Set(['from']),
};
/** Callbacks that get the receiver's elements one by one. */
const ITERATION_METHODS = new Set(['map', 'flatMap', 'forEach', 'filter', 'find', 'some', 'every', 'reduce']);
const FILL_METHODS = new Set(['push', 'unshift', 'add', 'set', 'splice']);

/**
 * A source an input may come from, as the fact that makes it outside data: a parameter some call
 * passes such data (`outside-arg-<i>` of the function's name), or what a function of another
 * project file returns when that file shows it returns such data (`returns-outside`).
 */
export type OriginSource = RuleFact<OriginFactKind>;

/**
 * What decides an input's size: data from outside (`outside`), or the sources it comes from
 * (its parameters' callers, the functions of other files that return it); with neither, it is
 * the program's own list.
 */
export type InputOrigin = { outside: true } | { outside: false; sources: OriginSource[] };

type Ctx = RuleContext<any, string, any>;
type Traced = 'outside' | OriginSource[];

/** Where `expr`'s elements come from. */
export function inputOrigin(ctx: Ctx, expr: ts.Expression): InputOrigin {
  const t = trace(ctx, expr, 0, new Set());
  return t === 'outside' ? { outside: true } : { outside: false, sources: t };
}

/**
 * The facts under which a fan-out over such sources stands, each once: some call in the project
 * passes a parameter outside data, or a function of another file returns it. A function no call in
 * sight passes such data to is sized by its callers — a library's caller hands in its own batch, a
 * service its own handful — and is left alone.
 */
export function originFacts(sources: readonly OriginSource[]): RuleFact<OriginFactKind>[] {
  return [...new Map(sources.map((f) => [factKey(f), f])).values()];
}

function factKey(f: OriginSource): string {
  return `${f.kind}|${typeof f.ref === 'string' ? f.ref : `${f.ref.file}#${f.ref.name}`}`;
}

/**
 * Records which of a call's first arguments hold data from outside the program: the callee's
 * parameter then does, wherever the callee is declared.
 */
export function recordOutsideArguments(ctx: Ctx, call: ts.CallExpression): void {
  // A call with no arguments fills no parameter; a built-in's callers matter to nobody.
  if (call.arguments.length === 0 || callsBuiltIn(call.expression)) return;
  const refs = calleeRefs(call);
  const recorded = recordedIn(ctx.sourceFile);
  const add = (kind: OriginFactKind, ref: FactRef, ifSource?: OriginSource): void => {
    const key = `${kind}|${typeof ref === 'string' ? ref : `${ref.file}#${ref.name}`}${ifSource ? `|if ${factKey(ifSource)}` : ''}`;
    if (recorded.has(key)) return;
    recorded.add(key);
    ctx.addFact({ kind, ref }, ifSource ? [ifSource] : undefined);
  };
  const n = Math.min(call.arguments.length, FOLLOWED_ARGUMENTS);
  for (let i = 0; i < n; i++) {
    const arg = call.arguments[i];
    const t: Traced = ts.isSpreadElement(arg) ? 'outside' : mayCarryData(arg) ? trace(ctx, arg, 1, new Set()) : [];
    const kind = `outside-arg-${i}` as OriginFactKind;
    if (t === 'outside') {
      for (const ref of refs) add(kind, ref);
      continue;
    }
    // What another file's function returns is passed on if that file shows it is outside data. A
    // parameter passed on is recorded where its own callers are seen, not here: those facts do not chain.
    for (const source of t) if (source.kind === 'returns-outside') for (const ref of refs) add(kind, ref, source);
  }
  // A function of another project file handed over (`bus.on('batch', jobs.onBatch)`) is called with what happened.
  if (wrapsInPlace(call)) return;
  for (const arg of call.arguments) {
    const name = projectFunctionReference(ctx, arg);
    if (name === undefined) continue;
    for (let i = 0; i < FOLLOWED_ARGUMENTS; i++) add(`outside-arg-${i}` as OriginFactKind, `name:${name}`);
  }
}

/** `minify.requestURIs` or `requestURIs`, imported from a project file: the name other files' facts reach it by. */
function projectFunctionReference(ctx: Ctx, arg: ts.Expression): string | undefined {
  const e = skipOuter(arg, TYPE_ONLY_WRAPPERS);
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && ctx.imports.get(e.expression.text)?.library === false) return e.name.text;
  if (ts.isIdentifier(e) && ctx.imports.get(e.text)?.library === false) return e.text;
  return undefined;
}

/** The facts this file has recorded already: each once. */
const recordedIn = perSourceFile((): Set<string> => new Set());

/** `console.log(…)`, `JSON.stringify(…)`, `require(…)`: globals no project function hides behind. */
function callsBuiltIn(callee: ts.Expression): boolean {
  let root = skipOuter(callee, TYPE_ONLY_WRAPPERS);
  while (ts.isPropertyAccessExpression(root)) root = skipOuter(root.expression, TYPE_ONLY_WRAPPERS);
  return ts.isIdentifier(root) && BUILT_INS.has(root.text) && !findDeclaration(root.text, root);
}

const BUILT_INS = new Set(['console', 'Math', 'JSON', 'Object', 'Array', 'Promise', 'Number', 'String', 'Reflect', 'Symbol', 'Buffer', 'require', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate', 'process', 'Date', 'RegExp', 'Error', 'parseInt', 'parseFloat', 'encodeURIComponent', 'decodeURIComponent']);

/**
 * The name a call's callee goes by in facts: `name:<its name>`, however it is reached (a function
 * of this file, an import, a method of an object made elsewhere). A name is a looser link than the
 * binding, but it needs no module resolution on every call of every file.
 */
function calleeRefs(call: ts.CallExpression): FactRef[] {
  const name = calleeName(call.expression);
  return name ? [`name:${name}`] : [];
}

/** Literals, functions and the like carry no list of outside data. */
function mayCarryData(arg: ts.Expression): boolean {
  const e = skipOuter(arg, TYPE_ONLY_WRAPPERS);
  return !(ts.isLiteralExpression(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isFunctionLike(e) || ts.isClassLike(e) ||
    e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword ||
    e.kind === ts.SyntaxKind.ThisKeyword);
}

function trace(ctx: Ctx, expr: ts.Expression, depth: number, seen: Set<ts.Node>): Traced {
  if (depth > MAX_DEPTH || seen.has(expr)) return [];
  seen.add(expr);
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isAwaitExpression(e)) return traceAwaited(ctx, e.expression, depth, seen);
  if (ts.isYieldExpression(e)) return 'outside';
  if (ts.isConditionalExpression(e)) {
    if (oneOrManyParameter(e)) return [];
    return union([trace(ctx, e.whenTrue, depth + 1, seen), trace(ctx, e.whenFalse, depth + 1, seen)]);
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
      return union([trace(ctx, e.left, depth + 1, seen), trace(ctx, e.right, depth + 1, seen)]);
    }
    return [];
  }
  if (ts.isArrayLiteralExpression(e)) {
    return union(e.elements.filter(ts.isSpreadElement).map((s) => trace(ctx, s.expression, depth + 1, seen)));
  }
  if (ts.isObjectLiteralExpression(e)) {
    return union(e.properties.map((p) => ts.isPropertyAssignment(p) ? trace(ctx, p.initializer, depth + 1, seen)
      : ts.isShorthandPropertyAssignment(p) ? trace(ctx, p.name, depth + 1, seen)
      : ts.isSpreadAssignment(p) ? trace(ctx, p.expression, depth + 1, seen) : []));
  }
  if (ts.isNewExpression(e)) {
    const ctor = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
    return ts.isIdentifier(ctor) && (ctor.text === 'Set' || ctor.text === 'Map') && e.arguments?.length === 1
      ? trace(ctx, e.arguments[0], depth + 1, seen) : [];
  }
  if (ts.isCallExpression(e)) return traceCall(ctx, e, depth, seen);
  if (ts.isIdentifier(e)) return traceIdentifier(ctx, e, depth, seen);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return traceMember(ctx, e, depth, seen);
  return [];
}

function traceCall(ctx: Ctx, call: ts.CallExpression, depth: number, seen: Set<ts.Node>): Traced {
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  if (listsFiles(ctx, callee)) return 'outside';
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    const receiver = skipOuter(callee.expression, TYPE_ONLY_WRAPPERS);
    if (parsesShippedManifest(call)) return [];
    if (OUTSIDE_DATA_METHODS.has(method)) return 'outside';
    if (ts.isIdentifier(receiver) && OUTSIDE_DATA_CALLS.some((c) => c.method === method && c.receiver.test(receiver.text))) return 'outside';
    if (ts.isIdentifier(receiver) && ownEntry(ELEMENT_KEEPING_STATICS, receiver.text)?.has(method) && !findDeclaration(receiver.text, receiver)) {
      return call.arguments.length ? trace(ctx, call.arguments[0], depth + 1, seen) : [];
    }
    if (ELEMENT_KEEPING.has(method)) {
      const parts = [trace(ctx, callee.expression, depth + 1, seen)];
      if (method === 'concat') for (const a of call.arguments) parts.push(trace(ctx, a, depth + 1, seen));
      return union(parts);
    }
  }
  // A function of another project file: what it returns, as that file shows it.
  const elsewhere = ts.isIdentifier(callee) ? returnOfProjectFunction(ctx, callee) : undefined;
  if (elsewhere) return [elsewhere];
  // A function of this file: what it returns.
  const fn = sameFileFunction(call.expression);
  if (!fn || depth >= MAX_DEPTH) return [];
  return union(returnedExpressions(fn).map((r) => traceReturned(ctx, r, depth + 1, seen)));
}

/**
 * `this.manifest = JSON.parse(fs.readFileSync(path.join(dir, 'ungit-plugin.json')))` in a
 * constructor or at module load: a manifest or settings file the code names itself, read once
 * as the object or module is set up. Its lists (a plugin's templates, a package's scripts) are
 * what the file's author wrote, like configuration, not data that grows with use. A lock file
 * (`package-lock.json`, a tool's dependency tree) or a path the code does not name stays outside.
 */
function parsesShippedManifest(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'parse' || callee.expression.getText() !== 'JSON') return false;
  const read = call.arguments[0] && skipOuter(call.arguments[0], TYPE_ONLY_WRAPPERS);
  if (!read || !ts.isCallExpression(read) || calleeName(read.expression) !== 'readFileSync' || !read.arguments[0]) return false;
  if (!namesManifestFile(read.arguments[0])) return false;
  for (let n: ts.Node | undefined = call.parent; n; n = n.parent) {
    if (ts.isConstructorDeclaration(n)) return true;
    if (ts.isFunctionLike(n)) return false;
  }
  return true;
}

/** A string literal in the path that names a `.json` file which is no lock file. */
function namesManifestFile(path: ts.Node): boolean {
  if (ts.isStringLiteralLike(path)) return /\.json$/i.test(path.text) && !LOCK_FILE.test(path.text);
  return ts.forEachChild(path, (c) => namesManifestFile(c) || undefined) ?? false;
}

/** Files a tool writes with every dependency of a tree: as large as the tree. */
const LOCK_FILE = /(lock|shrinkwrap)[^/]*\.json$/i;

/**
 * What a function returns, as its callers get it: a promise it hands back unawaited (`return
 * db.query(sql)`) is read as the `await` of it; nothing can run over the promise itself.
 */
function traceReturned(ctx: Ctx, r: ts.Expression, depth: number, seen: Set<ts.Node>): Traced {
  const e = skipOuter(r, TYPE_ONLY_WRAPPERS);
  return ts.isCallExpression(e) ? traceAwaited(ctx, e, depth, seen) : trace(ctx, e, depth, seen);
}

/**
 * `Array.isArray(event) ? event : [event]` over a parameter (or a member of one): the function is
 * written for one value and takes a list as a convenience, so its callers hand it a name or two
 * (`emitAction('items.sort')`, `emitAction(['items.sort', `${c}.items.sort`])`), not a collection.
 * A request's own field normalised so (`?id=1&id=2`) is no parameter, and stays outside data.
 */
function oneOrManyParameter(e: ts.ConditionalExpression): boolean {
  const test = skipOuter(e.condition, TYPE_ONLY_WRAPPERS);
  const negated = ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken;
  const check = negated ? skipOuter((test as ts.PrefixUnaryExpression).operand, TYPE_ONLY_WRAPPERS) : test;
  if (!ts.isCallExpression(check) || check.arguments.length !== 1 || check.expression.getText() !== 'Array.isArray') return false;
  const x = skipOuter(check.arguments[0], TYPE_ONLY_WRAPPERS).getText();
  const [list, single] = negated ? [e.whenFalse, e.whenTrue] : [e.whenTrue, e.whenFalse];
  const wrapped = skipOuter(single, TYPE_ONLY_WRAPPERS);
  if (skipOuter(list, TYPE_ONLY_WRAPPERS).getText() !== x || !ts.isArrayLiteralExpression(wrapped) || wrapped.elements.length !== 1 ||
    skipOuter(wrapped.elements[0], TYPE_ONLY_WRAPPERS).getText() !== x) return false;
  let root = skipOuter(check.arguments[0], TYPE_ONLY_WRAPPERS);
  while (ts.isPropertyAccessExpression(root)) root = skipOuter(root.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isIdentifier(root)) return false;
  const decl = findDeclaration(root.text, root);
  const param = decl && ts.isBindingElement(decl) ? rootDeclaration(decl) : decl;
  return param !== undefined && ts.isParameter(param) && !chainThroughRequest(check.arguments[0]);
}

/** `req.query.id`, `opts.body.ids`: a chain through a segment that carries a request's own data. */
function chainThroughRequest(e: ts.Expression): boolean {
  for (let x = skipOuter(e, TYPE_ONLY_WRAPPERS); ts.isPropertyAccessExpression(x); x = skipOuter(x.expression, TYPE_ONLY_WRAPPERS)) {
    if (INPUT_SEGMENT.test(x.name.text)) return true;
  }
  return false;
}

/**
 * What an `await` of `expr` brings back: a collection read (rows, keys, a listing) is outside
 * data; what a function of another project file returns is, if that file shows it (a
 * `returns-outside` fact). Anything else (a service's answer about one thing, a cached value) is
 * traced as the value itself.
 */
function traceAwaited(ctx: Ctx, expr: ts.Expression, depth: number, seen: Set<ts.Node>): Traced {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isCallExpression(e)) {
    const callee = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
    // `await Promise.all(files.map(read))`: one result per element of the list.
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && !findDeclaration('Promise', callee.expression)) {
      return e.arguments.length ? trace(ctx, e.arguments[0], depth + 1, seen) : [];
    }
    const elsewhere = ts.isIdentifier(callee) ? returnOfProjectFunction(ctx, callee) : undefined;
    if (elsewhere) return [elsewhere];
    if (readsCollection(e)) return 'outside';
  }
  return trace(ctx, e, depth + 1, seen);
}

/**
 * `fetchPermissions()` imported from a project file: its result is outside data when that file
 * records that the function returns such data. Until then it is no more than a value: a helper
 * that returns two app setups, or one record it picked from a page, is not a collection.
 */
function returnOfProjectFunction(ctx: Ctx, callee: ts.Identifier): OriginSource | undefined {
  if (ctx.imports.get(callee.text)?.library !== false) return undefined;
  const resolved = ctx.resolveCallee(callee);
  if (!resolved || resolved.library) return undefined;
  return { kind: 'returns-outside', ref: { file: resolved.module, name: resolved.call === '' ? 'default' : resolved.call } };
}

/**
 * At the end of a file: for each function it exports, whether what it returns is outside data —
 * outright, or if one of the sources it comes from is (a parameter some call passes such data, a
 * function of yet another file that returns it).
 */
export function recordReturnOrigins(ctx: Ctx, exported: (visit: (name: string, fn: FunctionNode) => void) => void): void {
  exported((name, fn) => {
    // A promise it returns (`return db.query(sql)`) is what its callers' `await` brings back.
    const t = union(returnedExpressions(fn).map((r) => traceReturned(ctx, r, 1, new Set())));
    const ref = { file: ctx.file, name };
    if (t === 'outside') ctx.addFact({ kind: 'returns-outside', ref });
    else for (const source of originFacts(t)) ctx.addFact({ kind: 'returns-outside', ref }, [source]);
  });
}

/** `db.query(sql)`, `Votes.find(q).fetch()`, `readdir(dir)`, `s3.send(new ListObjectsV2Command(…))`: a call down the chain reads a collection. */
function readsCollection(call: ts.CallExpression): boolean {
  if (onBuiltInValue(call)) return false;
  for (let c: ts.Expression = call; ;) {
    c = skipOuter(c, TYPE_ONLY_WRAPPERS);
    if (!ts.isCallExpression(c)) {
      if (!ts.isPropertyAccessExpression(c)) return false;
      c = c.expression;
      continue;
    }
    const callee = skipOuter(c.expression, TYPE_ONLY_WRAPPERS);
    // `decompressUnzip()(buf)`: a function a factory made does what the factory names.
    const named = ts.isCallExpression(callee) ? skipOuter(callee.expression, TYPE_ONLY_WRAPPERS) : callee;
    const name = ts.isPropertyAccessExpression(named) ? named.name.text : ts.isIdentifier(named) ? named.text : undefined;
    if (name !== undefined && COLLECTION_READ.test(name)) return true;
    if (c.arguments.some((a) => { const x = skipOuter(a, TYPE_ONLY_WRAPPERS); return ts.isNewExpression(x) && ts.isIdentifier(x.expression) && COLLECTION_COMMAND.test(x.expression.text); })) return true;
    if (!ts.isPropertyAccessExpression(callee)) return false;
    c = callee.expression;
  }
}

/** Globals whose functions compute in memory: a chain they start reads nothing from outside. */
const IN_MEMORY_GLOBALS = new Set(['Object', 'Array', 'Promise', 'JSON', 'Math', 'Reflect', 'Number', 'String']);

/** `Object.keys(room.sockets).map(…)`, `Promise.all(ps).then(…)`: a chain that starts at such a global. */
function onBuiltInValue(call: ts.CallExpression): boolean {
  let root: ts.Expression = call;
  for (;;) {
    root = skipOuter(root, TYPE_ONLY_WRAPPERS);
    if (ts.isCallExpression(root)) root = root.expression;
    else if (ts.isPropertyAccessExpression(root)) root = root.expression;
    else break;
  }
  return ts.isIdentifier(root) && IN_MEMORY_GLOBALS.has(root.text) && !findDeclaration(root.text, root);
}

/** `sync(pattern)` imported from globby, `fg.globSync(…)`: a file listing, however the library is imported. */
function listsFiles(ctx: Ctx, callee: ts.Expression): boolean {
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return false;
  const resolved = ctx.resolveCallee(callee);
  return resolved?.library === true && ownEntry(FILE_LISTING_CALLS, resolved.module)?.has(resolved.call) === true;
}

function traceMember(ctx: Ctx, e: ts.PropertyAccessExpression | ts.ElementAccessExpression, depth: number, seen: Set<ts.Node>): Traced {
  // `req.body.items`, `ctx.request.query.ids`: a request's own data, whatever names follow.
  if (readsRequestInput(e)) return 'outside';
  const base = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
  if (base.kind === ts.SyntaxKind.ThisKeyword && ts.isPropertyAccessExpression(e)) return traceField(ctx, e, depth, seen);
  return trace(ctx, e.expression, depth + 1, seen);
}

/** A chain from a parameter through `body`, `query`, `params`…: what a request carries. */
function readsRequestInput(e: ts.Expression): boolean {
  let sawInput = false;
  let x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) {
    if (ts.isPropertyAccessExpression(x) && INPUT_SEGMENT.test(x.name.text)) sawInput = true;
    x = skipOuter(x.expression, TYPE_ONLY_WRAPPERS);
  }
  if (!sawInput || !ts.isIdentifier(x)) return false;
  const decl = findDeclaration(x.text, x);
  return decl !== undefined && (ts.isParameter(decl) || (ts.isBindingElement(decl) && ts.isParameter(rootDeclaration(decl))));
}

/**
 * `this.items`: what the class assigns to it, and how often it fills it. A fill in a method runs
 * once per call, as often as the object is used: a queue of jobs grows with its input. A list
 * the constructor fills, or assigned from the program's own lists, is the program's own.
 */
function traceField(ctx: Ctx, e: ts.PropertyAccessExpression, depth: number, seen: Set<ts.Node>): Traced {
  const cls = thisClass(e);
  if (!cls) return [];
  let byName = tracedFields.get(cls);
  if (!byName) tracedFields.set(cls, (byName = new Map()));
  const known = byName.get(e.name.text);
  if (known) return known;
  byName.set(e.name.text, []); // a cycle reads as nothing from outside while it is traced
  const uses = classFields(cls).get(e.name.text);
  const t = union([
    ...(uses?.assigned ?? []).map((a) => trace(ctx, a, depth + 1, seen)),
    ...(uses?.fills ?? []).map((f) => fieldFillOrigin(ctx, f, depth, seen)),
  ]);
  byName.set(e.name.text, t);
  return t;
}

const tracedFields = new WeakMap<ts.ClassLikeDeclaration, Map<string, Traced>>();

/** Per class, one walk: by field name, the values assigned to `this.<name>` and the statements that fill it. */
const fieldUses = new WeakMap<ts.ClassLikeDeclaration, Map<string, { assigned: ts.Expression[]; fills: ts.Node[] }>>();

function classFields(cls: ts.ClassLikeDeclaration): Map<string, { assigned: ts.Expression[]; fills: ts.Node[] }> {
  let uses = fieldUses.get(cls);
  if (uses) return uses;
  const found = new Map<string, { assigned: ts.Expression[]; fills: ts.Node[] }>();
  const entry = (name: string) => {
    let u = found.get(name);
    if (!u) found.set(name, (u = { assigned: [], fills: [] }));
    return u;
  };
  const thisField = (x: ts.Expression): string | undefined => {
    const m = skipOuter(x, TYPE_ONLY_WRAPPERS);
    return ts.isPropertyAccessExpression(m) && m.expression.kind === ts.SyntaxKind.ThisKeyword ? m.name.text : undefined;
  };
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = skipOuter(n.left, TYPE_ONLY_WRAPPERS);
      const assigned = thisField(left);
      if (assigned !== undefined) entry(assigned).assigned.push(n.right);
      else if (ts.isElementAccessExpression(left)) {
        const filled = thisField(left.expression);
        if (filled !== undefined && !movesOwnElement(filled, n.right)) entry(filled).fills.push(n);
      }
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && FILL_METHODS.has(n.expression.name.text)) {
      const filled = thisField(n.expression.expression);
      if (filled !== undefined) entry(filled).fills.push(n);
    }
    if (ts.isPropertyDeclaration(n) && n.initializer && (ts.isIdentifier(n.name) || ts.isPrivateIdentifier(n.name))) entry(n.name.text).assigned.push(n.initializer);
  };
  walkTree(cls, visit);
  uses = found;
  fieldUses.set(cls, uses);
  return uses;
}

/**
 * `this.gens[1] = this.gens[2]`, or `const tmp = this.gens[0]; … this.gens[2] = tmp`: an element
 * assignment that moves one of the field's own elements to another slot (a rotation of
 * generations, a swap) brings in nothing new, so it is no fill from outside.
 */
function movesOwnElement(field: string, right: ts.Expression): boolean {
  let r = skipOuter(right, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(r)) {
    const decl = findDeclaration(r.text, r);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !isConstDeclaration(decl)) return false;
    r = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
  }
  if (!ts.isElementAccessExpression(r)) return false;
  const base = skipOuter(r.expression, TYPE_ONLY_WRAPPERS);
  return ts.isPropertyAccessExpression(base) && base.expression.kind === ts.SyntaxKind.ThisKeyword && base.name.text === field;
}

/**
 * A fill of a field: in the constructor, as often as what repeats it there; in a method, once per
 * call — except a registration method's (`registerMetric(metric)`), which holds what code registers.
 */
function fieldFillOrigin(ctx: Ctx, fill: ts.Node, depth: number, seen: Set<ts.Node>): Traced {
  let member: ts.Node = fill;
  while (member.parent && !ts.isClassLike(member.parent)) member = member.parent;
  if (ts.isConstructorDeclaration(member)) return repetitionOrigin(ctx, fill, member, depth, seen);
  const name = ts.isMethodDeclaration(member) && ts.isIdentifier(member.name) ? member.name.text : undefined;
  return name !== undefined && REGISTRATION_METHOD.test(name) ? [] : 'outside';
}


/** Each declaration is traced once per file: arguments and fan-outs ask about the same few again and again. */
const traced = new WeakMap<ts.Node, Traced>();

function traceIdentifier(ctx: Ctx, id: ts.Identifier, depth: number, seen: Set<ts.Node>): Traced {
  const decl = findDeclaration(id.text, id);
  if (!decl) return [];
  const known = traced.get(decl);
  if (known) return known;
  // A cycle (`a` filled from `b`, `b` from `a`) reads as nothing from outside while it is traced.
  traced.set(decl, []);
  const t = traceDeclaration(ctx, id, decl, 0, new Set([...seen]));
  traced.set(decl, t);
  return t;
}

function traceDeclaration(ctx: Ctx, id: ts.Identifier, decl: NonNullable<ReturnType<typeof findDeclaration>>, depth: number, seen: Set<ts.Node>): Traced {
  if (ts.isParameter(decl)) return traceParameter(ctx, decl, depth, seen);
  if (ts.isBindingElement(decl)) {
    const root = rootDeclaration(decl);
    if (ts.isParameter(root)) return traceParameter(ctx, root, depth, seen);
    // `for (const { items } of batches)`: an element of what the loop runs over.
    const loop = root.parent?.parent;
    if (loop && ts.isForOfStatement(loop)) return trace(ctx, loop.expression, depth + 1, seen);
    return root.initializer ? trace(ctx, root.initializer, depth + 1, seen) : [];
  }
  if (!ts.isVariableDeclaration(decl)) return [];
  const loop = decl.parent?.parent;
  if (loop && (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) && loop.initializer === decl.parent) {
    return trace(ctx, loop.expression, depth + 1, seen);
  }
  const parts: Traced[] = [];
  if (decl.initializer) parts.push(trace(ctx, decl.initializer, depth + 1, seen));
  parts.push(...assignmentsTo(id.text, decl).map((a) => trace(ctx, a, depth + 1, seen)));
  parts.push(fillsOf(ctx, id.text, decl, scopeOf(decl), depth, seen));
  parts.push(helperFills(ctx, decl, depth, seen));
  return union(parts);
}

/**
 * `const tarballs = []; collect(tarballs, lock.dependencies)`: an empty list a function of this
 * file fills holds what it was filled from: the call's other arguments.
 */
function helperFills(ctx: Ctx, decl: ts.VariableDeclaration, depth: number, seen: Set<ts.Node>): Traced {
  if (depth >= MAX_DEPTH) return [];
  return union(fillingCalls(decl).map(({ call, at }) => union(call.arguments.filter((_, i) => i !== at).map((a) => trace(ctx, a, depth + 1, seen)))));
}

/**
 * A parameter: the elements of the list an iteration callback walks; data an event, a request
 * handler or a `.then` hands over; else what the function's callers pass it, as project facts.
 */
function traceParameter(ctx: Ctx, param: ts.ParameterDeclaration, depth: number, seen: Set<ts.Node>): Traced {
  const fn = param.parent;
  const index = fn.parameters.indexOf(param);
  const call = fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(call) && call.arguments.includes(fn)) {
    const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (method && ITERATION_METHODS.has(method)) {
      const elementParam = method === 'reduce' ? 1 : 0;
      return index === elementParam ? trace(ctx, (callee as ts.PropertyAccessExpression).expression, depth + 1, seen) : [];
    }
    // `.then((rows) => …)` gets what an `await` would; `.catch((err) => …)` an error, no list.
    if (method === 'then' && index === 0 && call.arguments[0] === fn) return traceAwaited(ctx, (callee as ts.PropertyAccessExpression).expression, depth, seen);
    if (method === 'catch' || method === 'then' || method === 'finally') return [];
    // A batch capped by an option handed over with the callback (`{ batchSize: 50 }`) is bounded.
    if (call.arguments.some((a) => a !== fn && capsBatchSize(a))) return [];
    // `new Promise((resolve) => …)`-style helpers hand over functions, not data; a callback of anything else gets what happened.
    return 'outside';
  }
  if (!isFunctionNode(fn) || index >= FOLLOWED_ARGUMENTS) return index >= FOLLOWED_ARGUMENTS ? 'outside' : [];
  // Passed by name as a callback (`emitter.on('batch', onBatch)`, `router.post('/x', create)`): it gets what happened.
  if (passedAsValue(fn)) return 'outside';
  const name = functionName(fn);
  if (!name) return 'outside';
  // A call that leaves the parameter out hands the function its default.
  const byDefault = param.initializer ? trace(ctx, param.initializer, depth + 1, seen) : [];
  return union([[{ kind: `outside-arg-${index}`, ref: `name:${name}` }], byDefault]);
}

/** `{ batchSize: 50 }`, or a `const options = { …, batchSize: 50 }` in sight: an option capping each batch at a constant. */
function capsBatchSize(arg: ts.Expression): boolean {
  let e = skipOuter(arg, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (!decl || !ts.isVariableDeclaration(decl) || !isConstDeclaration(decl) || !decl.initializer) return false;
    e = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
  }
  return ts.isObjectLiteralExpression(e) && e.properties.some((p) =>
    ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && BATCH_SIZE_OPTION.test(p.name.text) && isConstantNumber(p.initializer));
}

function isFunctionNode(n: ts.Node): n is FunctionNode {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n);
}

/** The name calls use: a declaration's, a variable's, a property's or a method's. */
function functionName(fn: FunctionNode): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) {
    return ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name) || ts.isPrivateIdentifier(fn.name) ? fn.name.text : undefined;
  }
  const p = fn.parent;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return p.name.text;
  if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return undefined;
}

/** The function's name appears in this file as an argument of a call: something else calls it. */
function passedAsValue(fn: FunctionNode): boolean {
  const name = functionName(fn);
  return name !== undefined && fileIndex(fn.getSourceFile()).passed.has(name);
}

/**
 * One walk of a file for what tracing asks again and again: by name, the statements that fill a
 * list (`xs.push(…)`, `xs[k] = …`), the assignments to a variable, and the names passed as arguments.
 */
interface FileIndex {
  fills: Map<string, ts.Node[]>;
  assignments: Map<string, ts.BinaryExpression[]>;
  passed: Set<string>;
}

const fileIndex = perSourceFile((sf): FileIndex => {
  const index: FileIndex = { fills: new Map(), assignments: new Map(), passed: new Set() };
  const add = <T>(m: Map<string, T[]>, k: string, v: T): void => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const n of fileNodes(sf)) {
    if (ts.isCallExpression(n)) {
      if (ts.isPropertyAccessExpression(n.expression) && FILL_METHODS.has(n.expression.name.text)) {
        const r = skipOuter(n.expression.expression, TYPE_ONLY_WRAPPERS);
        if (ts.isIdentifier(r)) add(index.fills, r.text, n);
      }
      for (const a of wrapsInPlace(n) ? [] : n.arguments) {
        const x = skipOuter(a, TYPE_ONLY_WRAPPERS);
        const passed = ts.isIdentifier(x) ? x.text
          : ts.isPropertyAccessExpression(x) && x.expression.kind === ts.SyntaxKind.ThisKeyword ? x.name.text
          : ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && x.expression.name.text === 'bind' ? calleeName(x.expression.expression) : undefined;
        if (passed) index.passed.add(passed);
      }
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = skipOuter(n.left, TYPE_ONLY_WRAPPERS);
      if (ts.isIdentifier(left)) add(index.assignments, left.text, n);
      else if (ts.isElementAccessExpression(left)) {
        const target = skipOuter(left.expression, TYPE_ONLY_WRAPPERS);
        if (ts.isIdentifier(target)) add(index.fills, target.text, n);
      }
    }
  }
  return index;
});


/**
 * `this.mcall = this.wrapMethod('mcall', this.mcall)`: a function wrapped and put back under its
 * own name is still called by its own callers, not handed to code that feeds it events.
 */
function wrapsInPlace(call: ts.CallExpression): boolean {
  let p = call.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  if (!ts.isBinaryExpression(p) || p.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const target = skipOuter(p.left, TYPE_ONLY_WRAPPERS).getText();
  return call.arguments.some((a) => skipOuter(a, TYPE_ONLY_WRAPPERS).getText() === target);
}

/** What `name = …` assigns later, for a `let` or `var`. */
function assignmentsTo(name: string, decl: ts.VariableDeclaration): ts.Expression[] {
  if (isConstDeclaration(decl)) return [];
  const found = fileIndex(decl.getSourceFile()).assignments.get(name) ?? [];
  return found.filter((b) => findDeclaration(name, b) === decl).map((b) => b.right);
}

/**
 * `xs.push(…)`, `seen.add(…)`, `xs[i] = …`: the list is as long as what repeats the fill — a
 * loop over outside data or over a range to a bound the code does not fix, or a callback (an
 * event handler) that runs once per thing that happens.
 */
function fillsOf(ctx: Ctx, name: string, decl: ts.VariableDeclaration, scope: ts.Node, depth: number, seen: Set<ts.Node>): Traced {
  const found = fileIndex(decl.getSourceFile()).fills.get(name) ?? [];
  return union(found.filter((n) => findDeclaration(name, n) === decl).map((n) => repetitionOrigin(ctx, n, scope, depth, seen)));
}

/** What repeats a statement between it and `scope`: the loops and callbacks around it. */
function repetitionOrigin(ctx: Ctx, at: ts.Node, scope: ts.Node, depth: number, seen: Set<ts.Node>): Traced {
  const parts: Traced[] = [];
  for (let n = at.parent; n && n !== scope; n = n.parent) {
    if (ts.isForOfStatement(n) || ts.isForInStatement(n)) parts.push(trace(ctx, n.expression, depth + 1, seen));
    else if (ts.isForStatement(n)) parts.push(rangeOrigin(ctx, n, depth, seen));
    else if (ts.isWhileStatement(n) || ts.isDoStatement(n)) parts.push(conditionOrigin(ctx, n, depth, seen));
    else if (ts.isFunctionLike(n)) {
      const p = n.parent;
      const callee = ts.isCallExpression(p) ? skipOuter(p.expression, TYPE_ONLY_WRAPPERS) : undefined;
      const method = callee && ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (method && ITERATION_METHODS.has(method)) parts.push(trace(ctx, (callee as ts.PropertyAccessExpression).expression, depth + 1, seen));
      else return 'outside';
    }
  }
  return union(parts);
}

/**
 * How often a `while` runs: as often as what its condition reads decides. A loop that awaits
 * (a page at a time) or runs until a `break` (`while (true)`) reads from outside as long as it
 * likes; a synchronous one walks what the program holds in memory (`while (id !== null) { room =
 * this.getRoom(id); … }`, a chain of upgraded rooms), and is as long as that, unless its condition
 * reads outside data (`while ((m = re.exec(text)))` over a request's text).
 */
function conditionOrigin(ctx: Ctx, loop: ts.WhileStatement | ts.DoStatement, depth: number, seen: Set<ts.Node>): Traced {
  if (readsAsItGoes(loop)) return 'outside';
  const read: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    // The values the condition reads: whole member chains, variables, and what calls are handed.
    if ((ts.isIdentifier(n) || ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && !isChainHead(n)) read.push(n as ts.Expression);
    if (ts.isPropertyAccessExpression(n)) {
      visit(n.expression);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(loop.expression);
  if (!read.length) return 'outside';
  return union(read.map((r) => trace(ctx, r, depth + 1, seen)));
}

/** `xs` of `xs.length`, `a.b` of `a.b.c`: part of a longer chain, traced with it. */
function isChainHead(n: ts.Node): boolean {
  const p = n.parent;
  return (ts.isPropertyAccessExpression(p) && (p.expression === n || p.name === n)) || (ts.isElementAccessExpression(p) && p.expression === n) ||
    (ts.isCallExpression(p) && p.expression === n);
}

/** The loop waits on something each time round, or runs until a `break`: its condition alone does not decide its length. */
function readsAsItGoes(loop: ts.WhileStatement | ts.DoStatement): boolean {
  const cond = skipOuter(loop.expression, TYPE_ONLY_WRAPPERS);
  if (cond.kind === ts.SyntaxKind.TrueKeyword || ts.isNumericLiteral(cond)) return true;
  const waits = (n: ts.Node): boolean => !ts.isFunctionLike(n) && (ts.isAwaitExpression(n) || ts.isYieldExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier !== undefined) || ts.forEachChild(n, waits) === true);
  return waits(loop.expression) || waits(loop.statement);
}

/** `for (let i = a; i < xs.length; i++)` runs over `xs`; to a bound the code does not fix, over outside data. */
export function rangeOrigin(ctx: Ctx, loop: ts.ForStatement, depth = 0, seen: Set<ts.Node> = new Set()): Traced {
  const cond = loop.condition && skipOuter(loop.condition, TYPE_ONLY_WRAPPERS);
  if (!cond || !ts.isBinaryExpression(cond)) return 'outside';
  const op = cond.operatorToken.kind;
  if (op !== ts.SyntaxKind.LessThanToken && op !== ts.SyntaxKind.LessThanEqualsToken) return 'outside';
  const right = skipOuter(cond.right, TYPE_ONLY_WRAPPERS);
  if (isConstantNumber(right)) return [];
  if (ts.isPropertyAccessExpression(right) && right.name.text === 'length') return trace(ctx, right.expression, depth + 1, seen);
  return 'outside';
}

function union(parts: readonly Traced[]): Traced {
  const sources: OriginSource[] = [];
  for (const p of parts) {
    if (p === 'outside') return 'outside';
    sources.push(...p);
  }
  return sources;
}
