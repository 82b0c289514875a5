// Whether an array-like expression has a size fixed in the code: a literal tuple, `Array.from({
// length: 3 })`, `xs.slice(0, 10)`, the keys of a literal object. Work fanned out over one of
// these is bounded by what the author wrote, so unbounded-concurrency stays quiet about it.
import { ts } from 'ts-morph';
import { assignedValues, findDeclaration } from '../../engine/scope';
import { skipOuter, TYPE_ONLY_WRAPPERS, isConstDeclaration, isNeverReassigned } from '../shared/ast';
import { returnedExpressions, sameFileFunction } from './promise-returning';
import { remainderOfSmallList } from './chunk-remainder';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Array methods whose result is no longer than their receiver. */
const SIZE_PRESERVING = new Set(['filter', 'map', 'reverse', 'sort', 'toSorted', 'toReversed', 'fill', 'keys', 'values', 'entries', 'flat']);
/** Methods whose result holds at most as many elements as a constant argument says. */
const SIZE_FROM_ARGS = new Set(['slice', 'splice']);

/** How deep `const a = b; const b = [...]` chains are followed. */
const MAX_DEPTH = 4;

export function hasConstantSize(expr: ts.Expression, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isArrayLiteralExpression(e)) {
    return e.elements.every((el) => !ts.isSpreadElement(el) || hasConstantSize(el.expression, depth + 1));
  }
  if (ts.isIdentifier(e)) return constantDeclaration(e, depth);
  // `...(cond ? [] : [a, b])`: either branch is written in the code.
  if (ts.isConditionalExpression(e)) return hasConstantSize(e.whenTrue, depth + 1) && hasConstantSize(e.whenFalse, depth + 1);
  if (ts.isNewExpression(e)) return isGlobal(e.expression, 'Array') && e.arguments?.length === 1 && isConstantNumber(e.arguments[0]);
  if (!ts.isCallExpression(e)) return false;
  const callee = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
  if (isGlobal(callee, 'Array')) return e.arguments.length === 1 && isConstantNumber(e.arguments[0]);
  if (returnsConstantSize(callee, depth)) return true;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  const receiver = callee.expression;
  if (isGlobal(receiver, 'Array') && method === 'from') return e.arguments.length > 0 && fromConstantSource(e.arguments[0], depth);
  if (isGlobal(receiver, 'Object') && method === 'freeze') return e.arguments.length === 1 && hasConstantSize(e.arguments[0], depth + 1);
  if (isGlobal(receiver, 'Object') && (method === 'keys' || method === 'values' || method === 'entries')) {
    return e.arguments.length === 1 && literalObject(e.arguments[0]);
  }
  if (SIZE_FROM_ARGS.has(method)) return sliceIsConstant(method, e.arguments) || hasConstantSize(receiver, depth + 1);
  if (SIZE_PRESERVING.has(method)) return hasConstantSize(receiver, depth + 1);
  return false;
}

/**
 * A function of this file every `return` of which hands back a list of constant size
 * (libp2p-kad-dht's `_getTrackedCommonPrefixLengthsForRefresh(max)`, which clamps `max` to
 * `MAX_COMMON_PREFIX_LENGTH = 15` and fills `dates` from 0 to it): its callers get at most that many.
 */
function returnsConstantSize(callee: ts.Expression, depth: number): boolean {
  const fn = sameFileFunction(callee);
  if (!fn || !fn.body) return false;
  const returned = returnedExpressions(fn);
  return returned.length > 0 && returned.every((r) => hasConstantSize(r, depth + 1));
}

/** A number written in the code: `10`, `-10`, or a `const` holding one. */
export function isConstantNumber(expr: ts.Expression): boolean {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isNumericLiteral(e)) return true;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) return ts.isNumericLiteral(e.operand);
  if (ts.isPropertyAccessExpression(e)) return isStaticConstant(e);
  if (!ts.isIdentifier(e)) return false;
  const decl = findDeclaration(e.text, e);
  // `var BATCH = 50` as bundlers write constants counts too, when nothing assigns it again.
  return decl !== undefined && ts.isVariableDeclaration(decl) && (isConstDeclaration(decl) || isNeverReassigned(decl)) && decl.initializer !== undefined &&
    ts.isNumericLiteral(skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS));
}

/**
 * `FileTranscriptStore.PageSize` where the class declares `private static readonly PageSize = 20`
 * (botbuilder), or `Limits.Page` of an enum whose member is a number: a constant the code writes.
 */
function isStaticConstant(e: ts.PropertyAccessExpression): boolean {
  const owner = skipOuter(e.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isIdentifier(owner)) return false;
  const decl = findDeclaration(owner.text, owner);
  const name = e.name.text;
  if (decl && ts.isClassDeclaration(decl)) {
    return decl.members.some((m) => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name &&
      (m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) ?? false) &&
      (m.modifiers?.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword) ?? false) &&
      m.initializer !== undefined && ts.isNumericLiteral(skipOuter(m.initializer, TYPE_ONLY_WRAPPERS)));
  }
  if (decl && ts.isEnumDeclaration(decl)) {
    return decl.members.some((m) => ts.isIdentifier(m.name) && m.name.text === name && m.initializer !== undefined && ts.isNumericLiteral(m.initializer));
  }
  return false;
}

/** `xs.slice(0, 10)`, `xs.slice(-5)`, `xs.splice(0, 10)`: at most a constant number of elements. */
function sliceIsConstant(method: string, args: ts.NodeArray<ts.Expression>): boolean {
  if (method === 'slice' && args.length === 1) {
    const a = skipOuter(args[0], TYPE_ONLY_WRAPPERS);
    return ts.isPrefixUnaryExpression(a) && a.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(a.operand);
  }
  if (args.length !== 2) return false;
  if (args.every(isConstantNumber)) return true;
  // `xs.slice(i, i + BATCH)`: a batch written by hand, at most BATCH long.
  const end = skipOuter(args[1], TYPE_ONLY_WRAPPERS);
  return ts.isBinaryExpression(end) && end.operatorToken.kind === ts.SyntaxKind.PlusToken && isConstantNumber(end.right) &&
    skipOuter(end.left, TYPE_ONLY_WRAPPERS).getText() === skipOuter(args[0], TYPE_ONLY_WRAPPERS).getText();
}

/** `Array.from({ length: 3 })` or `Array.from(constantArray, fn)`. */
function fromConstantSource(source: ts.Expression, depth: number): boolean {
  const s = skipOuter(source, TYPE_ONLY_WRAPPERS);
  if (ts.isObjectLiteralExpression(s)) {
    return s.properties.some((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'length' && isConstantNumber(p.initializer));
  }
  return hasConstantSize(s, depth + 1);
}

/** A literal object, or a `const` bound to one, whose keys are fixed by the code. */
export function literalObject(expr: ts.Expression): boolean {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isObjectLiteralExpression(e)) return e.properties.every((p) => !ts.isSpreadAssignment(p));
  if (!ts.isIdentifier(e)) return false;
  const decl = findDeclaration(e.text, e);
  return decl !== undefined && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && decl.initializer !== undefined &&
    ts.isObjectLiteralExpression(skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS)) && literalObject(decl.initializer);
}

/** A `const` whose initializer has a constant size, or a binding typed as a tuple. */
function constantDeclaration(id: ts.Identifier, depth: number): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl))) return false;
  if (decl.type && isTupleType(decl.type)) return true;
  if (ts.isVariableDeclaration(decl) && !isConstDeclaration(decl) && ts.isIdentifier(decl.name)) return everyValueConstant(decl, depth);
  if (!ts.isVariableDeclaration(decl) || !isConstDeclaration(decl) || decl.initializer === undefined || !ts.isIdentifier(decl.name)) return false;
  // `const ids = []` filled in a loop, or by a function of the file it is handed to, is as long as that made it.
  return hasConstantSize(decl.initializer, depth + 1) && !grownWithVariableItems(decl.name.text, scopeOf(decl)) && !fillingCalls(decl).length;
}

/**
 * `let chunk = []; if (xs.length > N) chunk = xs.splice(0, N); else chunk = xs.splice(0);`: a `let`
 * or `var` every value of which is a constant-size list, or all of a list then known to be that small.
 */
function everyValueConstant(decl: ts.VariableDeclaration, depth: number): boolean {
  const values = assignedValues(decl);
  if (!values?.length || !ts.isIdentifier(decl.name)) return false;
  return values.every((v) => hasConstantSize(v, depth + 1) || remainderOfSmallList(v, isConstantNumber)) &&
    !grownWithVariableItems(decl.name.text, scopeOf(decl)) && !fillingCalls(decl).length;
}

/**
 * The calls that hand an empty list declared `const xs = []` to a function of this file that adds
 * to that parameter (`collect(xs, deps)` with `function collect(out, deps) { … out.push(d) }`),
 * and the list's position among their arguments.
 */
export function fillingCalls(decl: ts.VariableDeclaration): { call: ts.CallExpression; at: number }[] {
  const init = decl.initializer && skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
  if (!init || !ts.isArrayLiteralExpression(init) || init.elements.length || !ts.isIdentifier(decl.name)) return [];
  const name = decl.name.text;
  const out: { call: ts.CallExpression; at: number }[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isCallExpression(n)) {
      const at = n.arguments.findIndex((a) => ts.isIdentifier(a) && a.text === name && findDeclaration(name, a) === decl);
      const fn = at >= 0 ? sameFileFunction(n.expression) : undefined;
      const param = fn?.parameters[at];
      if (fn && param && ts.isIdentifier(param.name) && addsTo(fn, param.name.text)) out.push({ call: n, at });
    }
  };
  walkTree(scopeOf(decl), visit);
  return out;
}

/** The function adds to its parameter `name` (`name.push(…)`, `name.add(…)`). */
function addsTo(fn: ts.SignatureDeclaration, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(push|unshift|add|set|splice)$/.test(n.expression.name.text) &&
      ts.isIdentifier(n.expression.expression) && n.expression.expression.text === name) found = true;
  };
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (body) walkTree(body, visit);
  return found;
}

/** The block, function or file a declaration is visible in. */
export function scopeOf(decl: ts.VariableDeclaration): ts.Node {
  let n: ts.Node = decl.parent;
  while (n.parent && !(ts.isBlock(n) || ts.isSourceFile(n) || ts.isFunctionLike(n) || ts.isModuleBlock(n))) n = n.parent;
  return n;
}

/**
 * `xs.push(item)`, `xs.unshift(…)`, `map.set(k, v)`, `set.add(x)`, `xs[i] = …`, `xs.splice(i, 0, …)` with anything but literals,
 * repeated by a loop (or an iteration callback) of unknown length: the array grows with the input.
 */
export function grownWithVariableItems(name: string, scope: ts.Node): boolean {
  // Asked for the same list and scope by every loop and fan-out over it: answered once per pair.
  let byName = grownIn.get(scope);
  if (!byName) grownIn.set(scope, (byName = new Map()));
  let known = byName.get(name);
  if (known === undefined) byName.set(name, (known = grownWithVariableItemsIn(name, scope)));
  return known;
}

const grownIn = new WeakMap<ts.Node, Map<string, boolean>>();

function grownWithVariableItemsIn(name: string, scope: ts.Node): boolean {
  let grown = false;
  const visit = (n: ts.Node, repeated: boolean): void => {
    if (grown) return;
    let adds = false;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) &&
      n.expression.expression.text === name && /^(push|unshift|splice|set|add)$/.test(n.expression.name.text)) {
      const added = n.expression.name.text === 'splice' ? n.arguments.slice(2) : n.arguments;
      adds = added.some((a) => !isLiteral(a) || ts.isSpreadElement(a));
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = skipOuter(n.left, TYPE_ONLY_WRAPPERS);
      if (ts.isElementAccessExpression(left) && ts.isIdentifier(left.expression) && left.expression.text === name) adds = true;
    }
    if (adds && repeated) {
      grown = true;
      return;
    }
    const again = repeated || repeatsUnbounded(n);
    ts.forEachChild(n, (c) => visit(c, again));
  };
  visit(scope, false);
  return grown;
}

/** A loop, or the callback of an iteration method, that runs an unknown number of times. */
function repeatsUnbounded(n: ts.Node): boolean {
  if (ts.isForStatement(n)) return !countedByConstant(n);
  if (ts.isIterationStatement(n, false)) return true;
  if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isCallExpression(n.parent)) {
    const callee = n.parent.expression;
    return ts.isPropertyAccessExpression(callee) && /^(forEach|map|flatMap|filter|reduce|some|every|on|once)$/.test(callee.name.text);
  }
  // A nested function may be called any number of times.
  return ts.isFunctionLike(n);
}

/**
 * `for (let i = start; i < start + N; i++)` or `for (let i = 0; i < N; i++)`, N a constant (or a
 * parameter every call in this file fills with one): N iterations at most.
 */
function countedByConstant(loop: ts.ForStatement): boolean {
  const init = loop.initializer;
  if (!init || !ts.isVariableDeclarationList(init) || init.declarations.length < 1 || !loop.condition) return false;
  const d = init.declarations[0];
  if (!ts.isIdentifier(d.name) || !d.initializer) return false;
  const counter = d.name.text;
  const start = skipOuter(d.initializer, TYPE_ONLY_WRAPPERS).getText();
  const terms: ts.BinaryExpression[] = [];
  const collect = (e: ts.Expression): void => {
    const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      collect(x.left);
      collect(x.right);
    } else if (ts.isBinaryExpression(x)) terms.push(x);
  };
  collect(loop.condition);
  return terms.some((t) => {
    if (t.operatorToken.kind !== ts.SyntaxKind.LessThanToken && t.operatorToken.kind !== ts.SyntaxKind.LessThanEqualsToken) return false;
    if (skipOuter(t.left, TYPE_ONLY_WRAPPERS).getText() !== counter) return false;
    const right = skipOuter(t.right, TYPE_ONLY_WRAPPERS);
    if (start === '0' && isConstantCount(right, loop)) return true;
    // `for (let r = keyRev; r < rev;)` with `keyRev = Math.floor(rev / 100) * 100`: fewer than 100.
    if (roundedDownFrom(skipOuter(d.initializer!, TYPE_ONLY_WRAPPERS), right.getText())) return true;
    // `for (let s = startNum; s < endNum; s += step)` where every caller passes `endNum = startNum + 100 * step`.
    if (stepsBoundedByCallers(loop, counter, skipOuter(d.initializer!, TYPE_ONLY_WRAPPERS), right)) return true;
    return ts.isBinaryExpression(right) && right.operatorToken.kind === ts.SyntaxKind.PlusToken &&
      skipOuter(right.left, TYPE_ONLY_WRAPPERS).getText() === start && isConstantCount(right.right);
  });
}

/**
 * `start` is `bound` rounded down to a multiple of a constant: `Math.floor(bound / K) * K`, directly,
 * through a `const`, or as what a function of this file returns for it (`this.keyRevision(bound)`
 * where `keyRevision = (n) => Math.floor(n / 100) * 100`). A count from there up to `bound` is
 * less than K.
 */
function roundedDownFrom(start: ts.Expression, bound: string, depth = 0): boolean {
  if (depth > 3) return false;
  const e = skipOuter(start, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    return decl !== undefined && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && decl.initializer !== undefined &&
      roundedDownFrom(decl.initializer, bound, depth + 1);
  }
  if (isRoundDown(e, bound)) return true;
  if (!ts.isCallExpression(e) || e.arguments.length !== 1 || skipOuter(e.arguments[0], TYPE_ONLY_WRAPPERS).getText() !== bound) return false;
  const fn = sameFileFunction(e.expression);
  const param = fn?.parameters[0]?.name;
  if (!fn || !fn.body || !param || !ts.isIdentifier(param)) return false;
  const returned = ts.isBlock(fn.body)
    ? (fn.body.statements.length === 1 && ts.isReturnStatement(fn.body.statements[0]) ? fn.body.statements[0].expression : undefined)
    : fn.body;
  return returned !== undefined && isRoundDown(skipOuter(returned, TYPE_ONLY_WRAPPERS), param.text);
}

/**
 * A loop from parameter `start` to parameter `end` by steps of parameter `step` (or of 1), in a
 * function every call of which in this file passes an `end` computed as `start + K * step`, K a
 * constant (through a `const` of the caller): at most K iterations. The function may lower `end`
 * (`if (end > max) end = max`, `end = Math.floor(end / step) * step`), never raise it, and must not
 * reassign `start` or `step`.
 */
function stepsBoundedByCallers(loop: ts.ForStatement, counter: string, start: ts.Expression, end: ts.Expression): boolean {
  const fn = enclosingFunctionOf(loop);
  if (!fn || !ts.isIdentifier(start) || !ts.isIdentifier(end)) return false;
  const param = (id: ts.Identifier): number => {
    const decl = findDeclaration(id.text, id);
    return decl && ts.isParameter(decl) && decl.parent === fn ? fn.parameters.indexOf(decl) : -1;
  };
  const s = param(start);
  const e = param(end);
  if (s < 0 || e < 0) return false;
  // The step: `counter += step` (a parameter) or `counter++`.
  const inc = loop.incrementor && skipOuter(loop.incrementor, TYPE_ONLY_WRAPPERS);
  let g = -1;
  if (inc && ts.isBinaryExpression(inc) && inc.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && inc.left.getText() === counter && ts.isIdentifier(inc.right)) {
    g = param(inc.right);
    if (g < 0) return false;
  } else if (!(inc && (ts.isPostfixUnaryExpression(inc) || ts.isPrefixUnaryExpression(inc)) && inc.operator === ts.SyntaxKind.PlusPlusToken && inc.operand.getText() === counter)) {
    return false;
  }
  if (!onlyLowered(fn, end.text, g >= 0 ? fn.parameters[g].name.getText() : undefined) || assignedIn(fn, start.text) || (g >= 0 && assignedIn(fn, fn.parameters[g].name.getText()))) return false;
  const name = functionName(fn);
  if (!name) return false;
  const calls = callsByNameInFile(fn.getSourceFile(), name);
  return calls.length > 0 && calls.every((c) => {
    const [sa, ea, ga] = [c.arguments[s], c.arguments[e], g >= 0 ? c.arguments[g] : undefined];
    if (!sa || !ea || (g >= 0 && !ga)) return false;
    return isStartPlusSteps(constValue(ea), sa.getText(), ga?.getText());
  });
}

/** `start + K * step` (either order, parenthesized or not), or `start + K` when the step is 1. */
function isStartPlusSteps(e: ts.Expression, start: string, step: string | undefined): boolean {
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  if (!ts.isBinaryExpression(x) || x.operatorToken.kind !== ts.SyntaxKind.PlusToken) return false;
  const [a, b] = [skipOuter(x.left, TYPE_ONLY_WRAPPERS), skipOuter(x.right, TYPE_ONLY_WRAPPERS)];
  const steps = (t: ts.Expression): boolean => {
    if (step === undefined) return isConstantNumber(t);
    const m = skipOuter(t, TYPE_ONLY_WRAPPERS);
    return ts.isBinaryExpression(m) && m.operatorToken.kind === ts.SyntaxKind.AsteriskToken &&
      ((isConstantNumber(m.left) && skipOuter(m.right, TYPE_ONLY_WRAPPERS).getText() === step) ||
        (isConstantNumber(m.right) && skipOuter(m.left, TYPE_ONLY_WRAPPERS).getText() === step));
  };
  return (a.getText() === start && steps(b)) || (b.getText() === start && steps(a));
}

/** What a `const` holds, or the expression itself. */
function constValue(e: ts.Expression): ts.Expression {
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  if (!ts.isIdentifier(x)) return x;
  const decl = findDeclaration(x.text, x);
  return decl && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && decl.initializer ? decl.initializer : x;
}

/** Every assignment to `name` in `fn` lowers it: `if (name > X) name = X`, `name = Math.min(name, …)`, `name = Math.floor(name / s) * s`. */
function onlyLowered(fn: ts.SignatureDeclaration, name: string, step: string | undefined): boolean {
  let ok = true;
  const visit = (n: ts.Node): WalkAnswer => {
    if (!ok) return STOP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      skipOuter(n.left, TYPE_ONLY_WRAPPERS).getText() === name) {
      ok = n.operatorToken.kind === ts.SyntaxKind.EqualsToken && lowers(n, name, step);
    }
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && n.operand.getText() === name && n.operator === ts.SyntaxKind.PlusPlusToken) ok = false;
  };
  walkTree(fn, visit);
  return ok;
}

function lowers(assign: ts.BinaryExpression, name: string, step: string | undefined): boolean {
  const right = skipOuter(assign.right, TYPE_ONLY_WRAPPERS);
  if (step !== undefined && isRoundDown(right, name, step)) return true;
  if (ts.isCallExpression(right) && right.expression.getText() === 'Math.min' && right.arguments.some((a) => a.getText() === name)) return true;
  // `if (name > X) name = X;`
  let p: ts.Node = assign.parent;
  if (ts.isExpressionStatement(p)) p = p.parent;
  if (ts.isBlock(p) && p.statements.length === 1) p = p.parent;
  if (!ts.isIfStatement(p)) return false;
  const c = skipOuter(p.expression, TYPE_ONLY_WRAPPERS);
  return ts.isBinaryExpression(c) && (c.operatorToken.kind === ts.SyntaxKind.GreaterThanToken || c.operatorToken.kind === ts.SyntaxKind.GreaterThanEqualsToken) &&
    c.left.getText() === name && c.right.getText() === assign.right.getText();
}

function assignedIn(fn: ts.SignatureDeclaration, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      skipOuter(n.left, TYPE_ONLY_WRAPPERS).getText() === name) found = true;
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken) &&
      n.operand.getText() === name) found = true;
  };
  walkTree(fn, visit);
  return found;
}

function enclosingFunctionOf(n: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return p as ts.FunctionLikeDeclaration;
  return undefined;
}

/** `Math.floor(x / K) * K`, K a constant (or the text `k` given), x the text given. */
function isRoundDown(e: ts.Expression, x: string, k?: string): boolean {
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.AsteriskToken) return false;
  if (k === undefined ? !isConstantNumber(e.right) : skipOuter(e.right, TYPE_ONLY_WRAPPERS).getText() !== k) return false;
  const floor = skipOuter(e.left, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(floor) || floor.arguments.length !== 1 || floor.expression.getText() !== 'Math.floor') return false;
  const div = skipOuter(floor.arguments[0], TYPE_ONLY_WRAPPERS);
  return ts.isBinaryExpression(div) && div.operatorToken.kind === ts.SyntaxKind.SlashToken &&
    skipOuter(div.left, TYPE_ONLY_WRAPPERS).getText() === x && div.right.getText() === e.right.getText();
}

/** A constant number, or a parameter that every call of its function in this file fills with one. */
function isConstantCount(e: ts.Expression, at?: ts.Node): boolean {
  if (isConstantNumber(e)) return true;
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  if (!ts.isIdentifier(x)) return false;
  if (at && clampedToConstant(x, at)) return true;
  const decl = findDeclaration(x.text, x);
  if (!decl || !ts.isParameter(decl)) return false;
  const fn = decl.parent;
  const index = fn.parameters.indexOf(decl);
  const name = functionName(fn);
  if (!name) return false;
  const calls = callsByNameInFile(fn.getSourceFile(), name);
  return calls.length > 0 && calls.every((c) => c.arguments[index] !== undefined && isConstantNumber(c.arguments[index]));
}

/**
 * `if (max > LIMIT) max = LIMIT` (or `max = Math.min(max, LIMIT)`), `LIMIT` a constant, among the
 * statements of the function before `at`, and nothing in the function ever raises `max` (a
 * parameter or a variable of the function): from there on it is at most `LIMIT`.
 */
function clampedToConstant(x: ts.Identifier, at: ts.Node): boolean {
  const decl = findDeclaration(x.text, x);
  const fn = decl && (ts.isParameter(decl) ? decl.parent : enclosingFunctionOf(decl));
  if (!fn || !ts.isFunctionLike(fn) || !(fn as ts.FunctionLikeDeclaration).body) return false;
  const body = (fn as ts.FunctionLikeDeclaration).body!;
  if (!ts.isBlock(body) || !onlyLowered(fn, x.text, undefined)) return false;
  return body.statements.some((st) => st.end <= at.pos && clampsToConstant(st, x.text));
}

function clampsToConstant(st: ts.Statement, name: string): boolean {
  let assign: ts.Statement | undefined = st;
  if (ts.isIfStatement(st) && !st.elseStatement) {
    assign = ts.isBlock(st.thenStatement) && st.thenStatement.statements.length === 1 ? st.thenStatement.statements[0] : st.thenStatement;
  }
  if (!assign || !ts.isExpressionStatement(assign)) return false;
  const a = skipOuter(assign.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isBinaryExpression(a) || a.operatorToken.kind !== ts.SyntaxKind.EqualsToken || skipOuter(a.left, TYPE_ONLY_WRAPPERS).getText() !== name) return false;
  const right = skipOuter(a.right, TYPE_ONLY_WRAPPERS);
  // `max = Math.min(max, LIMIT)`, unconditionally.
  if (st === assign) return ts.isCallExpression(right) && right.expression.getText() === 'Math.min' && right.arguments.some((r) => isConstantNumber(r));
  // `if (max > LIMIT) max = LIMIT`: the shape `lowers` accepts, to a constant.
  return isConstantNumber(right) && lowers(a, name, undefined);
}

function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  if (p && ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

function isLiteral(e: ts.Expression): boolean {
  const x = skipOuter(e, TYPE_ONLY_WRAPPERS);
  return ts.isStringLiteralLike(x) || ts.isNumericLiteral(x) || x.kind === ts.SyntaxKind.TrueKeyword || x.kind === ts.SyntaxKind.FalseKeyword ||
    x.kind === ts.SyntaxKind.NullKeyword;
}
function isTupleType(t: ts.TypeNode): boolean {
  if (ts.isTypeOperatorNode(t) && t.operator === ts.SyntaxKind.ReadonlyKeyword) return isTupleType(t.type);
  return ts.isTupleTypeNode(t) && t.elements.every((el) => !ts.isRestTypeNode(el) && !(ts.isNamedTupleMember(el) && el.dotDotDotToken));
}

function isGlobal(e: ts.Expression, name: string): boolean {
  return ts.isIdentifier(e) && e.text === name && findDeclaration(name, e) === undefined;
}

/** The calls in a file of a function or method named `name` (`name(…)`, `x.name(…)`). */
function callsByNameInFile(sf: ts.SourceFile, name: string): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isCallExpression(n)) {
      const c = skipOuter(n.expression, TYPE_ONLY_WRAPPERS);
      const called = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
      if (called === name) calls.push(n);
    }
  };
  walkTree(sf, visit);
  return calls;
}
