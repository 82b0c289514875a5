// How many attempts a counted retry loop makes, when the code fixes it: `for (let i = 0; i < 3; i++)`,
// `let attempt = 0; while (attempt < MAX_ATTEMPTS)` with `const MAX_ATTEMPTS = 3`. A loop that
// tries at most a few times at once is a deliberate, bounded policy — the attempts are usually each
// bounded by a timeout of their own — and maintainers do not add a backoff to it.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { isConstDeclaration, skipOuter } from '../shared/ast';
import type { Loop } from '../shared/loop-exits';
import { RETRY_WRAPPERS } from './retry-delays';
import { argumentsForParameter } from '../shared/same-file-calls';
import { attemptsCappedByRecentFailure } from './recent-failure';

/** At most this many attempts in all (the first one and two retries): too few to be a retry storm. */
export const FEW_ATTEMPTS = 3;

/** The number of attempts the loop's header fixes, or undefined when the code does not fix it. */
export function fixedAttempts(loop: Loop): number | undefined {
  const cond = ts.isForStatement(loop) ? loop.condition : ts.isWhileStatement(loop) || ts.isDoStatement(loop) ? loop.expression : undefined;
  if (!cond) return undefined;
  const c = skipOuter(cond, RETRY_WRAPPERS);
  if (!ts.isBinaryExpression(c)) return undefined;
  const op = c.operatorToken.kind;
  if (op !== ts.SyntaxKind.LessThanToken && op !== ts.SyntaxKind.LessThanEqualsToken) return undefined;
  const left = skipOuter(c.left, RETRY_WRAPPERS);
  // `attempts.length < 3` with `const attempts = []` filled in the catch: it counts from 0.
  const counter = ts.isIdentifier(left) ? left : ts.isPropertyAccessExpression(left) && left.name.text === 'length' && ts.isIdentifier(left.expression) ? left.expression : undefined;
  if (!counter) return undefined;
  const limit = numericConstant(c.right);
  const from = counter === left ? counterStart(loop, counter) : emptyListBefore(loop, counter) ? 0 : undefined;
  if (limit === undefined || from === undefined) return undefined;
  return limit - from + (op === ts.SyntaxKind.LessThanEqualsToken ? 1 : 0);
}

/**
 * The attempts a loop makes when its `catch` gives up on a count the loop keeps:
 * `let attempts = 0; while (true) try { … } catch (err) { if (++attempts >= maxAttempts) throw err; }`
 * makes `maxAttempts`, and `attempts++; if (attempts > 2) throw err` three. The counter is a `let`
 * declared before the loop with a number, that the loop only counts up. A catch that throws when
 * the failure before was recent, and stamps the time of this one, makes two.
 */
export function attemptsCappedInCatch(loop: Loop, failure: ts.Block): number | undefined {
  let countedBefore: string | undefined;
  for (const st of failure.statements) {
    const bumped = ts.isExpressionStatement(st) ? countedUp(st.expression) : undefined;
    if (bumped) {
      countedBefore = bumped.name;
      continue;
    }
    if (!ts.isIfStatement(st) || !leaves(st.thenStatement)) continue;
    const cap = countCap(st.expression);
    if (!cap) continue;
    const counted = cap.counted ?? (countedBefore === cap.counter.text ? 'before' : undefined);
    const from = counterStart(loop, cap.counter);
    if (from === undefined || !onlyCountedUp(loop.statement, cap.counter.text)) continue;
    // The failure number k (from 1) at which the catch gives up: the counter reads `from + k` when
    // it was counted before the test (`++n`, or `n++` a statement earlier), `from + k - 1` otherwise.
    const shift = counted === 'before' ? 0 : 1;
    const k = cap.op === ts.SyntaxKind.GreaterThanToken ? cap.limit - from + 1 + shift : cap.limit - from + shift;
    if (k >= 1) return k;
  }
  // `if (Date.now() - this.failedAt < MIN_WAIT) throw err; this.failedAt = Date.now()`.
  return attemptsCappedByRecentFailure(failure, leaves);
}

/** `n++`, `++n`, `n += 1`: the counter and that it is counted up. */
function countedUp(e: ts.Expression): { name: string } | undefined {
  const x = skipOuter(e, RETRY_WRAPPERS);
  if ((ts.isPrefixUnaryExpression(x) || ts.isPostfixUnaryExpression(x)) && x.operator === ts.SyntaxKind.PlusPlusToken && ts.isIdentifier(x.operand)) return { name: x.operand.text };
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && ts.isIdentifier(x.left) && ts.isNumericLiteral(x.right) && x.right.text === '1') {
    return { name: x.left.text };
  }
  return undefined;
}

/**
 * `++n >= K`, `n++ >= K`, `n > K`, `n === K`, `K <= ++n` and the like: the counter, the limit, how
 * the test counts (`before` for `++n`, `after` for `n++`, none when it only reads), read as `n >= K`
 * or `n > K`.
 */
function countCap(cond: ts.Expression): { counter: ts.Identifier; limit: number; op: ts.SyntaxKind; counted?: 'before' | 'after' } | undefined {
  const c = skipOuter(cond, RETRY_WRAPPERS);
  if (!ts.isBinaryExpression(c)) return undefined;
  const asGreater: Partial<Record<ts.SyntaxKind, ts.SyntaxKind>> = {
    [ts.SyntaxKind.GreaterThanEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken, [ts.SyntaxKind.GreaterThanToken]: ts.SyntaxKind.GreaterThanToken,
    [ts.SyntaxKind.EqualsEqualsEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken, [ts.SyntaxKind.EqualsEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken,
  };
  const flipped: Partial<Record<ts.SyntaxKind, ts.SyntaxKind>> = {
    [ts.SyntaxKind.LessThanEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken, [ts.SyntaxKind.LessThanToken]: ts.SyntaxKind.GreaterThanToken,
    [ts.SyntaxKind.EqualsEqualsEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken, [ts.SyntaxKind.EqualsEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken,
  };
  const op = c.operatorToken.kind;
  const read = (side: ts.Expression): { counter: ts.Identifier; counted?: 'before' | 'after' } | undefined => {
    const x = skipOuter(side, RETRY_WRAPPERS);
    if (ts.isIdentifier(x)) return { counter: x };
    if ((ts.isPrefixUnaryExpression(x) || ts.isPostfixUnaryExpression(x)) && x.operator === ts.SyntaxKind.PlusPlusToken && ts.isIdentifier(x.operand)) {
      return { counter: x.operand, counted: ts.isPrefixUnaryExpression(x) ? 'before' : 'after' };
    }
    return undefined;
  };
  const left = asGreater[op] !== undefined ? read(c.left) : undefined;
  const leftLimit = left && numericConstant(c.right);
  if (left && leftLimit !== undefined) return { ...left, limit: leftLimit, op: asGreater[op]! };
  const right = flipped[op] !== undefined ? read(c.right) : undefined;
  const rightLimit = right && numericConstant(c.left);
  if (right && rightLimit !== undefined) return { ...right, limit: rightLimit, op: flipped[op]! };
  return undefined;
}

/** The loop changes the counter only by counting it up: no `n = 0` that would start the count again. */
function onlyCountedUp(body: ts.Statement, name: string): boolean {
  const visit = (n: ts.Node): boolean => {
    if (ts.isBinaryExpression(n) && ts.isIdentifier(n.left) && n.left.text === name && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && !countedUp(n)) return false;
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && n.operator === ts.SyntaxKind.MinusMinusToken &&
      ts.isIdentifier(n.operand) && n.operand.text === name) return false;
    return ts.forEachChild(n, (ch) => (visit(ch) ? undefined : true)) === undefined;
  };
  return visit(body);
}

/**
 * A numeric literal, a `const` initialised with one, or a parameter defaulting to one (a retry
 * helper's `retries = 3`: the policy its callers get unless they ask for another). An option read
 * with a default (`props.maxAttempts || 1`, `opts.retries ?? 2`, in place or in a `const`) is that
 * default, for the same reason. A parameter
 * with no default that every call of its file-private function fills with such a number
 * (`withRetry(fn, API_RETRY_COUNT, label)`) is at most the largest of them.
 */
function numericConstant(e: ts.Expression, depth = 0): number | undefined {
  const x = skipOuter(e, RETRY_WRAPPERS);
  if (ts.isNumericLiteral(x)) return Number(x.text);
  const fallback = optionDefault(x);
  if (fallback !== undefined) return fallback;
  if (!ts.isIdentifier(x)) return undefined;
  const decl = findDeclaration(x.text, x);
  if (decl && ts.isParameter(decl) && !decl.initializer && depth === 0) {
    const passed = argumentsForParameter(decl)?.map((a) => numericConstant(a, depth + 1));
    return passed && passed.every((n) => n !== undefined) ? Math.max(...(passed as number[])) : undefined;
  }
  const value = decl && (ts.isVariableDeclaration(decl) && isConstDeclaration(decl) || ts.isParameter(decl)) ? decl.initializer : undefined;
  const v = value && skipOuter(value, RETRY_WRAPPERS);
  if (!v) return undefined;
  return ts.isNumericLiteral(v) ? Number(v.text) : optionDefault(v);
}

/** `props.maxAttempts || 1`, `this._props.maxAttempts ?? 2`, `retries || 3`: the number an option falls back to. */
function optionDefault(e: ts.Expression): number | undefined {
  if (!ts.isBinaryExpression(e)) return undefined;
  const op = e.operatorToken.kind;
  if (op !== ts.SyntaxKind.BarBarToken && op !== ts.SyntaxKind.QuestionQuestionToken) return undefined;
  const option = skipOuter(e.left, RETRY_WRAPPERS);
  const fallback = skipOuter(e.right, RETRY_WRAPPERS);
  const readsOption = ts.isIdentifier(option) || ts.isPropertyAccessExpression(option);
  return readsOption && ts.isNumericLiteral(fallback) ? Number(fallback.text) : undefined;
}

/** `const attempts = []` declared before the loop. */
function emptyListBefore(loop: Loop, list: ts.Identifier): boolean {
  const decl = findDeclaration(list.text, list);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || decl.getStart() > loop.getStart()) return false;
  const init = skipOuter(decl.initializer, RETRY_WRAPPERS);
  return ts.isArrayLiteralExpression(init) && init.elements.length === 0;
}

/** The counter's first value: the `for` initializer's, or its declaration's (`let attempt = 0` before the loop). */
function counterStart(loop: Loop, counter: ts.Identifier): number | undefined {
  const decl = findDeclaration(counter.text, counter);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  const inFor = ts.isForStatement(loop) && loop.initializer && ts.isVariableDeclarationList(loop.initializer) && loop.initializer.declarations.includes(decl);
  if (!inFor && decl.getStart() > loop.getStart()) return undefined;
  const init = skipOuter(decl.initializer, RETRY_WRAPPERS);
  return ts.isNumericLiteral(init) ? Number(init.text) : undefined;
}

/**
 * The attempts a function retrying by recursion makes with its callers' default: a counter
 * parameter defaulting to a literal that the retry passes on less one (`async start(retries = 2)`
 * calling `this.start(retries - 1)`: its cap, checked elsewhere, stops it at zero, one first
 * attempt and `retries` more), or more one up to a constant (`getSchema(options, attempt = 0)`
 * calling `getSchema(options, attempt + 1)`, with `if (attempt >= MAX_ATTEMPTS) throw …` or the
 * call under `if (attempt < MAX_ATTEMPTS)`).
 */
export function fixedRecursiveAttempts(fn: ts.FunctionLikeDeclaration, args: readonly ts.Expression[], reentry?: ts.Node): number | undefined {
  for (const [i, param] of fn.parameters.entries()) {
    if (!ts.isIdentifier(param.name) || !param.initializer) continue;
    const init = skipOuter(param.initializer, RETRY_WRAPPERS);
    if (!ts.isNumericLiteral(init)) continue;
    const arg = args[i] && skipOuter(args[i], RETRY_WRAPPERS);
    const name = param.name.text;
    if (arg && stepsBy(arg, name, ts.SyntaxKind.MinusToken, ts.SyntaxKind.MinusMinusToken)) return Number(init.text) + 1;
    if (arg && reentry && stepsBy(arg, name, ts.SyntaxKind.PlusToken, ts.SyntaxKind.PlusPlusToken)) {
      const limit = countUpLimit(fn, name, reentry);
      if (limit !== undefined) return limit - Number(init.text);
    }
  }
  return undefined;
}

/** `n - 1` or `--n` (or `n + 1`, `++n`): the argument passes the parameter on one step along. */
function stepsBy(arg: ts.Expression, name: string, op: ts.SyntaxKind, prefixOp: ts.SyntaxKind): boolean {
  if (ts.isPrefixUnaryExpression(arg)) return arg.operator === prefixOp && ts.isIdentifier(arg.operand) && arg.operand.text === name;
  return ts.isBinaryExpression(arg) && arg.operatorToken.kind === op && ts.isIdentifier(arg.left) && arg.left.text === name &&
    ts.isNumericLiteral(arg.right) && arg.right.text === '1';
}

/**
 * The value at which a counter counted up stops the recursion: `if (n >= K) throw` (K; `n > K`
 * stops at K + 1) in the function's own statements, or the recursive call under `if (n < K)`
 * (K + 1; `n <= K`, K + 2). K is a number the code fixes.
 */
function countUpLimit(fn: ts.FunctionLikeDeclaration, name: string, reentry: ts.Node): number | undefined {
  const limits: number[] = [];
  for (let n: ts.Node = reentry; n.parent && n !== fn; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && p.thenStatement === n) {
      const bound = counterBound(p.expression, name);
      if (bound?.op === ts.SyntaxKind.LessThanToken) limits.push(bound.k + 1);
      if (bound?.op === ts.SyntaxKind.LessThanEqualsToken) limits.push(bound.k + 2);
    }
  }
  const body = fn.body && ts.isBlock(fn.body) ? fn.body : undefined;
  for (const st of body?.statements ?? []) {
    if (!ts.isIfStatement(st) || st.getStart() > reentry.getStart() || !leaves(st.thenStatement)) continue;
    const bound = counterBound(st.expression, name);
    if (bound?.op === ts.SyntaxKind.GreaterThanEqualsToken) limits.push(bound.k);
    if (bound?.op === ts.SyntaxKind.GreaterThanToken) limits.push(bound.k + 1);
  }
  return limits.length ? Math.min(...limits) : undefined;
}

/** `n < K`, `K > n` and the like, turned to read `n <op> K`. */
function counterBound(cond: ts.Expression, name: string): { op: ts.SyntaxKind; k: number } | undefined {
  const c = skipOuter(cond, RETRY_WRAPPERS);
  if (!ts.isBinaryExpression(c)) return undefined;
  const flip: Partial<Record<ts.SyntaxKind, ts.SyntaxKind>> = {
    [ts.SyntaxKind.LessThanToken]: ts.SyntaxKind.GreaterThanToken, [ts.SyntaxKind.GreaterThanToken]: ts.SyntaxKind.LessThanToken,
    [ts.SyntaxKind.LessThanEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken, [ts.SyntaxKind.GreaterThanEqualsToken]: ts.SyntaxKind.LessThanEqualsToken,
  };
  const op = c.operatorToken.kind;
  if (!(op in flip)) return undefined;
  const left = skipOuter(c.left, RETRY_WRAPPERS);
  const right = skipOuter(c.right, RETRY_WRAPPERS);
  if (ts.isIdentifier(left) && left.text === name) {
    const k = numericConstant(right);
    return k === undefined ? undefined : { op, k };
  }
  if (ts.isIdentifier(right) && right.text === name) {
    const k = numericConstant(left);
    return k === undefined ? undefined : { op: flip[op]!, k };
  }
  return undefined;
}

/** A `throw` or `return`, alone or among a block's statements. */
function leaves(s: ts.Statement): boolean {
  if (ts.isThrowStatement(s) || ts.isReturnStatement(s)) return true;
  return ts.isBlock(s) && s.statements.some((x) => ts.isThrowStatement(x) || ts.isReturnStatement(x));
}
