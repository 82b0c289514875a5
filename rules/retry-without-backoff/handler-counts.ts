// How many attempts a function retrying by recursion makes when its failure handler keeps the
// count on something that outlives the call — a field of its object or a variable of an outer
// scope — rather than in a parameter:
//   `.catch(() => { this.tries = (this.tries || 0) + 1; if (this.tries < 3) return this.login(); })`
//   `.catch(() => { if (this.pairRetries > 1) { this._pair(); this.pairRetries--; } })` with
//   `this.pairRetries = 3` in the constructor.
// A count that starts from a number the code fixes, that only the handler steps, and that guards
// the call again makes a fixed number of attempts; other writes may only set it back to where it
// starts (a reset after success starts a new series).
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { isFunctionBoundary, isWithin, skipOuter, thisClass } from '../shared/ast';
import { RETRY_WRAPPERS } from './retry-delays';

/** Attempts past which the count is not followed: the caller only asks whether they are few. */
const FOLLOWED = 10;

type Op = ts.SyntaxKind.LessThanToken | ts.SyntaxKind.LessThanEqualsToken | ts.SyntaxKind.GreaterThanToken | ts.SyntaxKind.GreaterThanEqualsToken;

interface Step {
  node: ts.Expression;
  by: 1 | -1;
  /** `(x || 0) + 1`: the count starts at 0 when nothing set it yet. */
  fromZero: boolean;
}

/**
 * The attempts in all, when the call again (`reentry`, in `handler`) stands under an `if` whose
 * test compares such a count with a number, and the count is stepped by one in the handler —
 * before the test, or after it on the way to the call again. Undefined otherwise.
 */
export function attemptsCountedInHandler(fn: ts.FunctionLikeDeclaration, handler: ts.Node, reentry: ts.Node): number | undefined {
  for (let n: ts.Node = reentry; n !== handler && n.parent; n = n.parent) {
    const guard = n.parent;
    if (!ts.isIfStatement(guard) || guard.thenStatement !== n) continue;
    for (const test of conjuncts(guard.expression)) {
      const cmp = comparison(test);
      if (!cmp) continue;
      const steps = stepsOf(handler, cmp.counter);
      if (steps.length !== 1) continue;
      const step = steps[0];
      const before = step.node.end <= guard.getStart() && surelyRuns(step.node, guard, handler);
      if (!before && !isWithin(step.node, guard.thenStatement)) continue;
      const start = startOf(fn, handler, cmp.counter, step);
      if (start === undefined) continue;
      const attempts = follow(start, step.by, before, cmp.op, cmp.limit);
      if (attempts !== undefined) return attempts;
    }
  }
  return undefined;
}

/** Run the count: the failure number at which the test first fails is the number of attempts. */
function follow(start: number, by: number, before: boolean, op: Op, limit: number): number | undefined {
  let value = start;
  for (let failure = 1; failure <= FOLLOWED; failure++) {
    if (before) value += by;
    if (!compare(value, op, limit)) return failure;
    if (!before) value += by;
  }
  return undefined;
}

function compare(value: number, op: Op, limit: number): boolean {
  if (op === ts.SyntaxKind.LessThanToken) return value < limit;
  if (op === ts.SyntaxKind.LessThanEqualsToken) return value <= limit;
  if (op === ts.SyntaxKind.GreaterThanToken) return value > limit;
  return value >= limit;
}

function conjuncts(e: ts.Expression): ts.Expression[] {
  const x = skipOuter(e, RETRY_WRAPPERS);
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return [...conjuncts(x.left), ...conjuncts(x.right)];
  return [x];
}

const FLIP: Record<Op, Op> = {
  [ts.SyntaxKind.LessThanToken]: ts.SyntaxKind.GreaterThanToken,
  [ts.SyntaxKind.LessThanEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken,
  [ts.SyntaxKind.GreaterThanToken]: ts.SyntaxKind.LessThanToken,
  [ts.SyntaxKind.GreaterThanEqualsToken]: ts.SyntaxKind.LessThanEqualsToken,
};

/** `this.tries < 3`, `1 < pairRetries`: the count (as written), read as `count <op> limit`. */
function comparison(test: ts.Expression): { counter: string; op: Op; limit: number } | undefined {
  if (!ts.isBinaryExpression(test) || !(test.operatorToken.kind in FLIP)) return undefined;
  const op = test.operatorToken.kind as Op;
  const left = skipOuter(test.left, RETRY_WRAPPERS);
  const right = skipOuter(test.right, RETRY_WRAPPERS);
  if (isCounter(left) && ts.isNumericLiteral(right)) return { counter: left.getText(), op, limit: Number(right.text) };
  if (isCounter(right) && ts.isNumericLiteral(left)) return { counter: right.getText(), op: FLIP[op], limit: Number(left.text) };
  return undefined;
}

/** A plain name or a field of `this`. */
function isCounter(e: ts.Expression): e is ts.Identifier | ts.PropertyAccessExpression {
  return ts.isIdentifier(e) || (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword);
}

/** Where the handler steps the count by one: `n++`, `--n`, `n += 1`, `n = n - 1`, `n = (n || 0) + 1`. */
function stepsOf(handler: ts.Node, counter: string): Step[] {
  const out: Step[] = [];
  const visit = (n: ts.Node): void => {
    if (n !== handler && isFunctionBoundary(n)) return;
    const step = ts.isExpression(n) ? stepOf(n, counter) : undefined;
    if (step) out.push(step);
    else ts.forEachChild(n, visit);
  };
  visit(handler);
  return out;
}

function stepOf(n: ts.Expression, counter: string): Step | undefined {
  if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && n.operand.getText() === counter) {
    if (n.operator === ts.SyntaxKind.PlusPlusToken) return { node: n, by: 1, fromZero: false };
    if (n.operator === ts.SyntaxKind.MinusMinusToken) return { node: n, by: -1, fromZero: false };
  }
  if (!ts.isBinaryExpression(n) || skipOuter(n.left, RETRY_WRAPPERS).getText() !== counter) return undefined;
  const one = (e: ts.Expression): boolean => ts.isNumericLiteral(skipOuter(e, RETRY_WRAPPERS)) && skipOuter(e, RETRY_WRAPPERS).getText() === '1';
  const op = n.operatorToken.kind;
  if (op === ts.SyntaxKind.PlusEqualsToken && one(n.right)) return { node: n, by: 1, fromZero: false };
  if (op === ts.SyntaxKind.MinusEqualsToken && one(n.right)) return { node: n, by: -1, fromZero: false };
  if (op !== ts.SyntaxKind.EqualsToken) return undefined;
  const value = skipOuter(n.right, RETRY_WRAPPERS);
  if (!ts.isBinaryExpression(value) || !one(value.right)) return undefined;
  const by = value.operatorToken.kind === ts.SyntaxKind.PlusToken ? 1 : value.operatorToken.kind === ts.SyntaxKind.MinusToken ? -1 : 0;
  if (by === 0) return undefined;
  const base = skipOuter(value.left, RETRY_WRAPPERS);
  if (base.getText() === counter) return { node: n, by, fromZero: false };
  // `(this.tries || 0) + 1`: unset counts as zero.
  const fallsBack = ts.isBinaryExpression(base) && (base.operatorToken.kind === ts.SyntaxKind.BarBarToken || base.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) &&
    skipOuter(base.left, RETRY_WRAPPERS).getText() === counter && ts.isNumericLiteral(skipOuter(base.right, RETRY_WRAPPERS)) && skipOuter(base.right, RETRY_WRAPPERS).getText() === '0';
  return fallsBack ? { node: n, by, fromZero: true } : undefined;
}

/** The step is a statement of a block the test's `if` also stands in (or one around it): it runs before every test. */
function surelyRuns(step: ts.Node, guard: ts.Node, handler: ts.Node): boolean {
  let stmt: ts.Node = step;
  while (stmt.parent && !ts.isExpressionStatement(stmt)) {
    if (!ts.isParenthesizedExpression(stmt.parent) && !ts.isExpressionStatement(stmt.parent)) return false;
    stmt = stmt.parent;
  }
  const block = stmt.parent;
  return block !== undefined && (block === handler || isWithin(block, handler) || block === handler.parent) && isWithin(guard, block);
}

/**
 * Where the count starts: the one number every other write of it sets (the constructor's
 * `this.pairRetries = 3`, a `let tries = 0`, resets after success), or 0 for `(n || 0) + 1` with
 * no other write. A write in the function's own statements would start the count again on every
 * attempt: undefined.
 */
function startOf(fn: ts.FunctionLikeDeclaration, handler: ts.Node, counter: string, step: Step): number | undefined {
  const scope = counterScope(fn, counter);
  if (!scope) return undefined;
  const values = new Set<number>();
  let bad = false;
  const record = (value: ts.Expression | undefined, at: ts.Node): void => {
    const v = value && skipOuter(value, RETRY_WRAPPERS);
    if (!v || !ts.isNumericLiteral(v) || ownCodeOf(fn, at)) bad = true;
    else values.add(Number(v.text));
  };
  const visit = (n: ts.Node): void => {
    if (bad) return;
    if (n === step.node) return;
    // Another failure path counting the same way (`login()` and `enterOtp()` sharing `this.tries`) only reaches the limit sooner.
    if (ts.isExpression(n) && stepOf(n, counter)?.by === step.by) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      sameCounter(skipOuter(n.left, RETRY_WRAPPERS), counter, fn)) {
      if (n.operatorToken.kind === ts.SyntaxKind.EqualsToken) record(n.right, n);
      else bad = true;
    } else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken ||
      n.operator === ts.SyntaxKind.MinusMinusToken) && sameCounter(n.operand, counter, fn)) {
      bad = true;
    } else if ((ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n)) && ts.isIdentifier(n.name) && declares(n, counter, fn)) {
      if (n.initializer) record(n.initializer, n);
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  if (bad || values.size > 1) return undefined;
  if (values.size === 1) return [...values][0];
  return step.fromZero ? 0 : undefined;
}

/** What may write the count: the class of a `this` field, the scope that declares a variable. */
function counterScope(fn: ts.FunctionLikeDeclaration, counter: string): ts.Node | undefined {
  if (counter.startsWith('this.')) return thisClass(fn.body ?? fn) ?? (ts.isClassLike(fn.parent) ? fn.parent : undefined);
  const decl = fn.body && findDeclaration(counter, fn.body);
  return decl && ts.isVariableDeclaration(decl) && !isWithin(decl, fn) ? decl.parent?.parent?.parent : undefined;
}

function sameCounter(e: ts.Expression, counter: string, fn: ts.FunctionLikeDeclaration): boolean {
  if (e.getText() !== counter) return false;
  if (ts.isIdentifier(e)) return findDeclaration(counter, e) === findDeclaration(counter, fn.body ?? fn);
  return true;
}

function declares(d: ts.VariableDeclaration | ts.PropertyDeclaration, counter: string, fn: ts.FunctionLikeDeclaration): boolean {
  const name = (d.name as ts.Identifier).text;
  if (ts.isPropertyDeclaration(d)) return counter === `this.${name}`;
  return counter === name && findDeclaration(counter, fn.body ?? fn) === d;
}

/** In the function's own statements, not in a callback it hands on: it runs on every call. */
function ownCodeOf(fn: ts.FunctionLikeDeclaration, n: ts.Node): boolean {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (p === fn) return true;
    if (isFunctionBoundary(p)) return false;
  }
  return false;
}
