// A client made with no bound (`const http = axios.create({ adapter: 'http' })`) is harmless when
// every request made through it in the file brings its own: `http.get(url, { timeout })`, or an
// options object built with one (`{ ...(timeout && { timeout }), url }`), passed in place, by a
// const, or through a parameter of a function whose every call in the file passes such an object.
// The client may be held in a const, in a field of its object (`this._instance = axios.create(…)`,
// every `this._instance` of the class), or through a function that hands the same client back
// (`rateLimit(axios.create(), …)`, CLIENT_PASS_THROUGH). Configuring it (`.defaults`,
// `.interceptors`) or testing it (`typeof this._instance === 'undefined'`) sends nothing; any other
// use (the client exported, handed to other code, returned) keeps the finding.
import { ts } from 'ts-morph';
import { CLIENT_PASS_THROUGH, type TimeoutKnowledge } from '../../engine/knowledge';
import { findDeclaration } from '../../engine/scope';
import type { RuleContext } from '../../engine/types';
import { unwrap } from '../shared/ast';
import { optionsIndex, readLiteral, readOptions } from './call-options';
import { memberHolderRef } from './member-holders';
import { optionsBinding } from './options-binding';
import { passesCallerOptions } from './caller-options';
import { heldModuleCallee } from './module-values';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** How many parameters deep an options object is followed to the calls that pass it. */
const MAX_DEPTH = 2;

/** True when the instance `create` makes is used only for requests that each pass a bound, and for its own setup. */
export function everyRequestBringsItsBound(ctx: RuleContext<any, any, any>, create: ts.CallExpression | ts.NewExpression, module: string, t: TimeoutKnowledge): boolean {
  const uses = instanceUses(ctx, create);
  if (!uses?.length) return false;
  const setup = new Set(t.instanceSetup ?? []);
  return uses.every((use) => {
    if (sendsNothing(use, setup)) return true;
    const request = requestOf(use);
    if (!request) return false;
    const entry = ctx.knowledge.lookup(module, request.call, false);
    if (entry?.timeout === undefined) return false;
    const at = optionsIndex(request.node, entry.timeout);
    return callBounded(request.node, at, t.boundedBy, 0) || passesCallerOptions(request.node, at, t.boundedBy);
  });
}

/**
 * A client whose every call in the file passes the library's per-call bound (allserver's
 * `this.awsSdkLambdaClient.invoke({ FunctionName, Payload }, { requestTimeout: this.timeout })`).
 */
export function everyCallBoundedPerCall(ctx: RuleContext<any, any, any>, create: ts.CallExpression | ts.NewExpression, t: TimeoutKnowledge): boolean {
  const perCall = t.perCallOptions;
  const uses = perCall && instanceUses(ctx, create);
  if (!perCall || !uses?.length) return false;
  const setup = new Set(perCall.setup);
  return uses.every((use) => {
    if (sendsNothing(use, setup)) return true;
    const request = requestOf(use);
    return request !== undefined && request.call !== '' && callBounded(request.node, perCall.optionsArg, perCall.boundedBy, 0);
  });
}

/**
 * `this.request = request.defaults({ forever: true }); this.request = this.request.defaults({ timeout })`:
 * the client is layered at once, in the next statement, into one with a bound, and only that one
 * is kept where the first was held (also `opts.request || request.defaults(…)`).
 */
export function layeredWithBoundAtOnce(ctx: RuleContext<any, any, any>, create: ts.CallExpression | ts.NewExpression, module: string): boolean {
  const e = heldExpression(ctx, create);
  const assignment = e.parent;
  if (!ts.isBinaryExpression(assignment) || assignment.right !== e || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const statement = assignment.parent;
  if (!ts.isExpressionStatement(statement) || !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent)) return false;
  const siblings = statement.parent.statements;
  const next = siblings[siblings.indexOf(statement) + 1];
  if (!next || !ts.isExpressionStatement(next)) return false;
  const layered = unwrap(next.expression);
  if (!ts.isBinaryExpression(layered) || layered.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const call = unwrap(layered.right);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return false;
  if (!sameHolder(assignment.left, layered.left) || !sameHolder(assignment.left, call.expression.expression)) return false;
  const t = ctx.knowledge.lookup(module, call.expression.name.text, false)?.timeout;
  return t?.createsInstance === true && callBounded(call, optionsIndex(call, t), t.boundedBy, 0);
}

/** Two writings of one holder: the same `this.<field>` of one object, or the same local binding. */
function sameHolder(a: ts.Expression, b: ts.Expression): boolean {
  const ka = memberHolderRef(a);
  if (ka !== undefined) return ka === memberHolderRef(b);
  const x = unwrap(a), y = unwrap(b);
  return ts.isIdentifier(x) && ts.isIdentifier(y) && x.text === y.text && findDeclaration(x.text, x) === findDeclaration(y.text, y) && findDeclaration(x.text, x) !== undefined;
}

/**
 * Every expression in the file that names the instance: the references of the const it is held
 * in, or every `this.<field>` of the class that holds it. Undefined when it is held anywhere else,
 * or when the field is also read off another object (`client._instance`), out of our sight.
 */
function instanceUses(ctx: RuleContext<any, any, any>, create: ts.Expression): ts.Expression[] | undefined {
  const e = heldExpression(ctx, create);
  const p = e.parent;
  if (ts.isVariableDeclaration(p) && p.initializer === e && ts.isIdentifier(p.name)) {
    return isExported(p) ? undefined : referencesOf(ctx.sourceFile, p.name.text, p);
  }
  if (ts.isBinaryExpression(p) && p.right === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const key = memberHolderRef(p.left);
    return key === undefined ? undefined : fieldUses(ctx.sourceFile, (unwrap(p.left) as ts.PropertyAccessExpression).name.text, key, p.left);
  }
  return undefined;
}

/**
 * The expression whose parent holds the client `create` makes: through `await`, parentheses, a
 * branch of a condition, a function that hands the same client back, and `options.request ||
 * axios.create()` (the user's own client, else ours, held in one place).
 */
function heldExpression(ctx: RuleContext<any, any, any>, create: ts.Expression): ts.Expression {
  let e: ts.Expression = create;
  for (;;) {
    const p: ts.Node = e.parent;
    if (ts.isAwaitExpression(p) || ts.isParenthesizedExpression(p) || (ts.isConditionalExpression(p) && p.condition !== e)) e = p;
    else if (ts.isCallExpression(p) && p.arguments[0] === e && handsClientBack(ctx, p)) e = p;
    else if (ts.isBinaryExpression(p) && p.right === e && (p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) e = p;
    else return e;
  }
}

/** `rateLimit(client, opts)`: a function CLIENT_PASS_THROUGH lists, which returns the client it is given. */
function handsClientBack(ctx: RuleContext<any, any, any>, call: ts.CallExpression): boolean {
  // A local `require` inside the module's wrapper function is no import the engine resolves.
  const callee = ctx.resolveCallee(call.expression) ?? heldModuleCallee(call.expression);
  return callee !== undefined && CLIENT_PASS_THROUGH.some((w) => w.module === callee.module && w.call === callee.call);
}

/** Every `this.<field>` keyed as `key`; undefined when some `x.<field>` in the file is on another object. */
function fieldUses(sf: ts.SourceFile, field: string, key: string, assigned: ts.Expression): ts.Expression[] | undefined {
  const out: ts.Expression[] = [];
  let foreign = false;
  const visit = (n: ts.Node): void => {
    if (foreign) return;
    if (ts.isPropertyAccessExpression(n) && n.name.text === field) {
      if (memberHolderRef(n) !== key) foreign = true;
      else if (n !== unwrap(assigned)) out.push(n);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return foreign ? undefined : out;
}

/**
 * A use that sends no request: a setup member (`api.defaults.headers…`, `api.interceptors.request.use(…)`),
 * a test of whether the instance exists, or a new value written over it.
 */
function sendsNothing(use: ts.Expression, setup: ReadonlySet<string>): boolean {
  let e: ts.Node = use;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (ts.isPropertyAccessExpression(p) && p.expression === e) return setup.has(p.name.text);
  if (ts.isTypeOfExpression(p)) return true;
  if (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) return true;
  if (ts.isIfStatement(p) && p.expression === e) return true;
  if (ts.isConditionalExpression(p) && p.condition === e) return true;
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken) return p.left === e;
    return op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  }
  return false;
}

function isExported(decl: ts.VariableDeclaration): boolean {
  const statement = decl.parent.parent;
  return ts.isVariableStatement(statement) && (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

/** Every identifier in the file that names `decl`, but not its own name, nor a member's of the same name (`data.request`, `{ request: … }`). */
function referencesOf(sf: ts.SourceFile, name: string, decl: ts.Node): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isIdentifier(n) && n.text === name && n.parent !== decl && !namesMember(n) && findDeclaration(name, n) === decl) out.push(n);
  };
  walkTree(sf, visit);
  return out;
}

/** The name of a property or member (`x.request`, `{ request: 1 }`, a method `request()`), no reference to a binding. */
function namesMember(id: ts.Identifier): boolean {
  const p = id.parent;
  return ((ts.isPropertyAccessExpression(p) || ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) ||
    ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p)) && p.name === id);
}

/** `api(config)` is the instance's call `''`; `api.get(url, config)` its `get`. */
function requestOf(use: ts.Expression): { node: ts.CallExpression; call: string } | undefined {
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
  return options.state === 'unknown' && options.node !== undefined && valueBounded(options.node, boundedBy, depth, call);
}

/** An options value `reader` is given that surely carries a bound: a literal with one, a const of such a literal, a local given such literals, a parameter every caller fills so. */
function valueBounded(value: ts.Expression, boundedBy: readonly string[], depth: number, reader: ts.CallExpression): boolean {
  const e = unwrap(value);
  if (ts.isObjectLiteralExpression(e)) return readLiteral(e, boundedBy).state === 'bounded';
  if (!ts.isIdentifier(e)) return false;
  const decl = findDeclaration(e.text, e);
  if (!decl) return false;
  if (ts.isVariableDeclaration(decl)) {
    const constant = ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
    const init = decl.initializer && unwrap(decl.initializer);
    if (constant) return init !== undefined && ts.isObjectLiteralExpression(init) && readLiteral(init, boundedBy).state === 'bounded';
    // `var op = { timeout: 60000, … }; return request(op)`: a binding of the function given literals,
    // every one with a bound, and read only by this request (any other use may change it).
    const binding = optionsBinding(e, boundedBy, (c) => c === reader);
    return binding !== undefined && (binding.state === 'bounded' ||
      (binding.uses === 1 && binding.literals.every((l) => readLiteral(l, boundedBy).state === 'bounded')));
  }
  if (ts.isParameter(decl) && ts.isIdentifier(decl.name) && depth < MAX_DEPTH) {
    const fn = decl.parent;
    const index = fn.parameters.indexOf(decl);
    const calls = callsOf(fn);
    return calls !== undefined && calls.length > 0 &&
      calls.every((c) => c.arguments[index] !== undefined && valueBounded(c.arguments[index], boundedBy, depth + 1, c));
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
