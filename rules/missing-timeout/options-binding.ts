// Options passed by name (`axios(config)`, `https.request(http_options, cb)`) where the name is a
// binding of the enclosing function given object literals (initialised with one, or a `var`
// assigned one on each branch), or a parameter of a function only this file can call, which
// every call passes a literal (in place, or through such a binding of the caller): the literals
// are in view, and so is everything the function does with them. A write of a bounding key
// (`config.timeout = 5000`) bounds the call; handing the object to a function of this file is
// followed into that function (`bypass(req, res, params)` that only adds headers and calls
// `request(params)`); handing it to code we cannot see (`prepare(config)` imported,
// `Object.assign(config, …)`, `return config`) may bound it, so the options stay out of sight.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { enclosingFunction, propertyKey, unwrap } from '../shared/ast';
import { functionBody } from './waits-in-context';
import { readLiteral } from './call-options';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { calledFunctions } from './url-calls';
import { isThisOrAlias } from './this-alias';

export type OptionsBinding =
  /**
   * The literals the options may be (`literal`, the first), with how many waiting calls read them
   * (a fix edits one only when it is the only literal and this call its only reader).
   */
  | { state: 'literal'; literal: ts.ObjectLiteralExpression; literals: ts.ObjectLiteralExpression[]; uses: number }
  /** Somewhere in the function a bounding key is written on it. */
  | { state: 'bounded' };

/**
 * What a function-local options binding is. `isWaitingCall` tells a library call that reads
 * the options (this one, or another of the same kind) from code that may change them.
 * Module-level bindings are not followed: any function of the module, or an importer, may change them.
 */
export function optionsBinding(id: ts.Identifier, boundedBy: readonly string[], isWaitingCall: (call: ts.CallExpression | ts.NewExpression) => boolean): OptionsBinding | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl || following.has(decl)) return undefined;
  return guarded(decl, () => {
    if (ts.isParameter(decl)) return parameterOptions(decl, id, boundedBy, isWaitingCall);
    if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return undefined;
    const init = decl.initializer && unwrap(decl.initializer);
    // `let config = { … }`, or `var options;` given a literal on each branch (webpagetest's `get`).
    if (init && !ts.isObjectLiteralExpression(init)) return undefined;
    const literals = init && ts.isObjectLiteralExpression(init) ? [init] : [];
    const uses = usesIn(functionBody(enclosingFunction(decl)), decl, id, boundedBy, isWaitingCall, literals);
    if (uses === undefined || !literals.length) return undefined;
    return uses === 'bounded' ? { state: 'bounded' } : { state: 'literal', literal: literals[0], literals, uses };
  });
}

/**
 * Declarations being followed. Each is followed by a frame that also reads its function's whole
 * body, so one met again (a function handing the options on to itself, or to the caller being
 * asked about) needs no second look; a chain deeper than this stays out of sight.
 */
const following = new Set<ts.Node>();
const MAX_FOLLOWED = 8;

function guarded<T>(key: ts.Node, follow: () => T | undefined): T | undefined {
  if (following.size >= MAX_FOLLOWED) return undefined;
  following.add(key);
  try {
    return follow();
  } finally {
    following.delete(key);
  }
}

/**
 * `function ProvisionableRequest(opts) { … h.request(opts) }` called only in this file, each time
 * with a literal (`new ProvisionableRequest({ hostname, port, method })`), or with a binding of the
 * caller that is one (`bypass(req, res, params)` with `const params = { headers: {}, url }`): the
 * options are those literals. One call passing anything else, or a bound in any of them, leaves
 * the call alone; so does a function the module exports, which callers elsewhere may hand other options.
 */
function parameterOptions(param: ts.ParameterDeclaration, id: ts.Identifier, boundedBy: readonly string[], isWaitingCall: (call: ts.CallExpression | ts.NewExpression) => boolean): OptionsBinding | undefined {
  if (!ts.isIdentifier(param.name) || param.initializer || param.dotDotDotToken) return undefined;
  const fn = param.parent;
  const method = calledName(fn) === undefined ? methodName(fn) : undefined;
  const name = calledName(fn) ?? method;
  if (!name) return undefined;
  const index = fn.parameters.indexOf(param);
  const literals: ts.ObjectLiteralExpression[] = [];
  let ok = true;
  const sf = fn.getSourceFile();
  /** A literal passed in place, or the caller's own options binding read the same way (its other uses included). */
  const takePassed = (passedArg: ts.Expression | undefined): boolean => {
    const arg = passedArg && unwrap(passedArg);
    if (arg && ts.isObjectLiteralExpression(arg)) {
      literals.push(arg);
      return true;
    }
    const passed = arg && ts.isIdentifier(arg) ? optionsBinding(arg, boundedBy, isWaitingCall) : undefined;
    if (passed?.state !== 'literal') return false;
    literals.push(...passed.literals);
    return true;
  };
  const visit = (n: ts.Node): WalkAnswer => {
    if (!ok) return STOP;
    if (method !== undefined && ts.isIdentifier(n) && n.text === name) {
      // A method: every mention is its definition or the object calling it on itself (`this.name(…)`, `_this.name(…)`).
      const access = n.parent;
      if (ts.isMethodDeclaration(access) && access === fn) return undefined;
      if (!ts.isPropertyAccessExpression(access) || access.name !== n) { ok = false; return STOP; }
      if (ts.isBinaryExpression(access.parent) && access.parent.left === access && access.parent.right === fn) return undefined;
      const call = access.parent;
      if (!ts.isCallExpression(call) || call.expression !== access || !isThisOrAlias(access.expression) || !onlyFunction(calledFunctions(call), fn)) { ok = false; return STOP; }
      if (!takePassed(call.arguments[index])) ok = false;
      return undefined;
    }
    if (ts.isIdentifier(n) && n.text === name) {
      const p = n.parent;
      if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression === n) {
        if (!takePassed(p.arguments?.[index])) ok = false;
      } else if (exportsName(n)) ok = false;
    }
  };
  walkTree(sf, visit);
  if (!ok || !literals.length) return undefined;
  const uses = usesIn(functionBody(fn), param, id, boundedBy, isWaitingCall, undefined);
  if (uses === undefined) return undefined;
  if (uses === 'bounded') return { state: 'bounded' };
  for (const literal of literals) {
    const read = readLiteral(literal, boundedBy).state;
    if (read !== 'missing') return read === 'bounded' ? { state: 'bounded' } : undefined;
  }
  // The literals sit at the callers, away from the call: no fix edits them.
  return { state: 'literal', literal: literals[0], literals, uses: 0 };
}

/** The name calls reach a function by in its file: a declaration's, a class's (for its constructor), or a variable's. */
function calledName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return fn.name.text;
  if (ts.isConstructorDeclaration(fn)) return ts.isClassDeclaration(fn.parent) && fn.parent.name ? fn.parent.name.text : undefined;
  const p = fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

/**
 * The name of a method the object calls on itself: `X.prototype.name = function`, a class's
 * `name() {}`. Undefined for anything else.
 */
function methodName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isMethodDeclaration(fn)) return ts.isIdentifier(fn.name) ? fn.name.text : undefined;
  const p = fn.parent;
  if ((ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) && ts.isBinaryExpression(p) && p.right === fn &&
    p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(p.left) &&
    ts.isPropertyAccessExpression(p.left.expression) && p.left.expression.name.text === 'prototype') return p.left.name.text;
  return undefined;
}

/** `export`, `module.exports = Name`, `exports.Name = Name`, `{ Name }` in an exported object: callers elsewhere may exist. */
function exportsName(n: ts.Identifier): boolean {
  for (let p: ts.Node = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isExportAssignment(p) || ts.isExportSpecifier(p)) return true;
    if ((ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isVariableStatement(p)) && p.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && /^(module\.)?exports\b/.test(p.left.getText())) return true;
    if (ts.isBlock(p) || ts.isCallExpression(p)) return false;
  }
  return false;
}

/**
 * How a function's body uses the options binding `decl`: the waiting calls reading it, a bound
 * written on it (`config.timeout = 5000`), or undefined when code we cannot see may change it.
 * `assigned`, when given, collects the literals assigned to the binding (`options = { … }`); without it an assignment is out of sight.
 */
function usesIn(body: ts.Node | undefined, decl: ts.VariableDeclaration | ts.ParameterDeclaration, id: ts.Identifier, boundedBy: readonly string[], isWaitingCall: (call: ts.CallExpression | ts.NewExpression) => boolean, assigned: ts.ObjectLiteralExpression[] | undefined): number | 'bounded' | undefined {
  if (!body) return undefined;
  const declName = decl.name as ts.Identifier;

  let uses = 0;
  let bounded = false;
  let opaque = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (opaque) return SKIP;
    if (ts.isIdentifier(n) && n !== declName && n.text === id.text && !isMemberName(n) && findDeclaration(n.text, n) === decl) {
      const use = useOf(n, boundedBy, isWaitingCall, assigned);
      if (use === 'opaque') opaque = true;
      else if (use === 'bounds') bounded = true;
      else if (use === 'waiting-call') uses++;
      else if (typeof use === 'number') uses += use;
      return SKIP;
    }
  };
  walkTree(body, visit);
  if (opaque) return undefined;
  return bounded ? 'bounded' : uses;
}

/** What one mention does with the options; a number: handed to a function of this file, whose waiting calls read it that many times. */
type Use = 'read' | 'bounds' | 'waiting-call' | 'opaque' | number;

function useOf(id: ts.Identifier, boundedBy: readonly string[], isWaitingCall: (call: ts.CallExpression | ts.NewExpression) => boolean, assigned: ts.ObjectLiteralExpression[] | undefined): Use {
  let e: ts.Node = id;
  while (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) || ts.isNonNullExpression(e.parent)) e = e.parent;
  const p = e.parent;
  // `throw new RestError(err, fetchConfig)`: an error carrying the options for its report leaves the function; no call reads them after.
  if (inThrownValue(e)) return 'read';
  // `config.timeout = 5000`, `config['signal'] = s`: a write on the object itself.
  if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === e) {
    const key = ts.isPropertyAccessExpression(p) ? p.name.text
      : ts.isStringLiteralLike(p.argumentExpression) ? p.argumentExpression.text : undefined;
    const parent = p.parent;
    const written = ts.isBinaryExpression(parent) && parent.left === p && isAssignment(parent.operatorToken.kind);
    if (!written) return 'read';
    if (key === undefined) return 'opaque';
    return boundedBy.includes(key) ? 'bounds' : 'read';
  }
  // `options = { host, path }` on one branch, another literal on the other.
  if (assigned && ts.isBinaryExpression(p) && p.left === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const value = unwrap(p.right);
    if (!ts.isObjectLiteralExpression(value)) return 'opaque';
    assigned.push(value);
    return 'read';
  }
  if (ts.isSpreadAssignment(p) || ts.isSpreadElement(p) || ts.isTypeOfExpression(p) || ts.isDeleteExpression(p)) return 'read';
  if (ts.isBinaryExpression(p) && !isAssignment(p.operatorToken.kind)) return 'read';
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(e as ts.Expression)) {
    if (isWaitingCall(p)) return 'waiting-call';
    // `Object.assign({}, config)` and `JSON.stringify(config)` only read it.
    const callee = p.expression.getText();
    if ((callee === 'Object.assign' && p.arguments[0] !== e) || callee === 'JSON.stringify' || callee === 'console.log') return 'read';
    return handedOn(p, p.arguments.indexOf(e as ts.Expression), boundedBy, isWaitingCall);
  }
  return 'opaque';
}

/**
 * The options handed to a function of this file (`bypass(req, res, params)`, `new
 * RequestFailedError(requestOptions, res)`): what that function's body does with its parameter
 * is what the call does with them. A function we cannot see, or a parameter it rebinds or destructures, keeps them out of sight.
 */
function handedOn(call: ts.CallExpression | ts.NewExpression, index: number, boundedBy: readonly string[], isWaitingCall: (call: ts.CallExpression | ts.NewExpression) => boolean): Use {
  const fn = localFunction(call);
  const param = fn?.parameters[index];
  if (!fn || !param || !ts.isIdentifier(param.name) || param.dotDotDotToken || usesArguments(fn)) return 'opaque';
  const name = param.name;
  // Being read already, by a frame asking about it further up: counted as a shared reader.
  if (following.has(param)) return 1;
  const uses = guarded(param, () => usesIn(functionBody(fn), param, name, boundedBy, isWaitingCall, undefined));
  if (uses === undefined) return 'opaque';
  if (uses === 'bounded') return 'bounds';
  // Read by a waiting call there too: the literal is shared, and no fix edits it.
  return uses > 0 ? uses + 1 : 'read';
}

/** The function of this file a call reaches by name: a declaration, a `const` holding one, or a class's constructor for `new`. */
function localFunction(call: ts.CallExpression | ts.NewExpression): ts.SignatureDeclaration | undefined {
  const callee = unwrap(call.expression);
  // `this.prepareHeaders(socket, options)`, `_this.serverRequest(…)`: the object's one method of that name in this file.
  if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(callee)) {
    const fns = calledFunctions(call);
    return fns.length === 1 ? fns[0] : undefined;
  }
  if (!ts.isIdentifier(callee)) return undefined;
  const decl = findDeclaration(callee.text, callee);
  if (!decl) return undefined;
  if (ts.isFunctionDeclaration(decl)) return ts.isCallExpression(call) ? decl : undefined;
  if (ts.isClassDeclaration(decl)) return ts.isNewExpression(call) ? decl.members.find(ts.isConstructorDeclaration) : undefined;
  if (ts.isVariableDeclaration(decl) && decl.initializer && isConstLike(decl)) {
    const init = unwrap(decl.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return ts.isCallExpression(call) || ts.isFunctionExpression(init) ? init : undefined;
  }
  return undefined;
}

/** A `const`, or a `var`/`let` holding a function nothing replaces (a `var` is hoisted, and may be given another function). */
function isConstLike(decl: ts.VariableDeclaration): boolean {
  return (ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) !== 0;
}

/** `arguments[0]`: the function reads its arguments without naming them. */
function usesArguments(fn: ts.SignatureDeclaration): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === 'arguments') found = true;
    else if (!(ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n))) ts.forEachChild(n, visit);
  };
  const body = functionBody(fn);
  if (body) visit(body);
  return found;
}

/** The node is part of the value a `throw` statement throws (up to the nearest function). */
function inThrownValue(node: ts.Node): boolean {
  for (let n = node.parent; n && !ts.isFunctionLike(n); n = n.parent) {
    if (ts.isThrowStatement(n)) return true;
    if (ts.isStatement(n) || ts.isBlock(n)) return false;
  }
  return false;
}

/** `this.options`, `{ options: x }`: a member's name, not a mention of the binding of that name. */
function isMemberName(n: ts.Identifier): boolean {
  const p = n.parent;
  return ((ts.isPropertyAccessExpression(p) || ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === n);
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** True for an object spread whose keys are all in view: `...(cwd ? { cwd } : {})`, `...{ a: 1 }`. */
export function spreadKeys(e: ts.Expression): ts.ObjectLiteralElementLike[] | undefined {
  const v = unwrap(e);
  if (ts.isObjectLiteralExpression(v)) {
    const out: ts.ObjectLiteralElementLike[] = [];
    for (const p of v.properties) {
      if (ts.isSpreadAssignment(p)) {
        const inner = spreadKeys(p.expression);
        if (!inner) return undefined;
        out.push(...inner);
      } else out.push(p);
    }
    return out;
  }
  if (ts.isConditionalExpression(v)) {
    const a = spreadKeys(v.whenTrue);
    const b = spreadKeys(v.whenFalse);
    return a && b ? [...a, ...b] : undefined;
  }
  // `...(cond && { a })`: nothing, or the literal.
  if (ts.isBinaryExpression(v) && (v.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || v.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
    v.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    const right = spreadKeys(v.right);
    if (!right) return undefined;
    if (v.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return right;
    const left = spreadKeys(v.left);
    return left ? [...left, ...right] : undefined;
  }
  if (v.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(v) && v.text === 'undefined')) return [];
  // `...URL.parse(url)`, `...new URL(url)`: a parsed URL's fields (protocol, host, path…), never a bound.
  if (isParsedUrl(v)) return [];
  return undefined;
}

/** Calls that turn a URL string into its parts: none of them carries a timeout, signal or agent. */
const URL_PARSERS: ReadonlySet<string> = new Set(['URL.parse', 'url.parse', 'urlToHttpOptions', 'url.urlToHttpOptions']);

/** `url.parse(u)`, `new URL(u)`, `urlToHttpOptions(u)`: the parts of a URL, as an object that holds no bound. */
export function isParsedUrl(e: ts.Expression): boolean {
  if (ts.isNewExpression(e)) return ts.isIdentifier(e.expression) && e.expression.text === 'URL';
  return ts.isCallExpression(e) && URL_PARSERS.has(e.expression.getText().replace(/\s+/g, ''));
}

/** The key of an object-literal element, when it has a plain one. */
export function elementKey(p: ts.ObjectLiteralElementLike): string | undefined {
  return p.name ? propertyKey(p.name) : undefined;
}

/** The call reaches exactly `fn`, and no other function of that name. */
function onlyFunction(found: readonly ts.Node[], fn: ts.Node): boolean {
  return found.length === 1 && found[0] === fn;
}
