// How many attempts a counted retry loop makes, when the code fixes it: `for (let i = 0; i < 3; i++)`,
// `let attempt = 0; while (attempt < MAX_ATTEMPTS)` with `const MAX_ATTEMPTS = 3`. A loop that
// tries at most a few times at once is a deliberate, bounded policy — the attempts are usually each
// bounded by a timeout of their own — and maintainers do not add a backoff to it.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { isConstDeclaration, skipOuter } from '../shared/ast';
import type { Loop } from '../shared/loop-exits';
import { RETRY_WRAPPERS } from './retry-delays';

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
 * A numeric literal, a `const` initialised with one, or a parameter defaulting to one (a retry
 * helper's `retries = 3`: the policy its callers get unless they ask for another).
 */
function numericConstant(e: ts.Expression): number | undefined {
  const x = skipOuter(e, RETRY_WRAPPERS);
  if (ts.isNumericLiteral(x)) return Number(x.text);
  if (!ts.isIdentifier(x)) return undefined;
  const decl = findDeclaration(x.text, x);
  const value = decl && (ts.isVariableDeclaration(decl) && isConstDeclaration(decl) || ts.isParameter(decl)) ? decl.initializer : undefined;
  const v = value && skipOuter(value, RETRY_WRAPPERS);
  return v && ts.isNumericLiteral(v) ? Number(v.text) : undefined;
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
 * parameter defaulting to a literal (`async start(retries = 2)`) that the retry passes on less one
 * (`return this.start(retries - 1)`). Its cap (checked elsewhere) stops it at zero: one first
 * attempt and `retries` more.
 */
export function fixedRecursiveAttempts(fn: ts.FunctionLikeDeclaration, args: readonly ts.Expression[]): number | undefined {
  for (const [i, param] of fn.parameters.entries()) {
    if (!ts.isIdentifier(param.name) || !param.initializer) continue;
    const init = skipOuter(param.initializer, RETRY_WRAPPERS);
    if (!ts.isNumericLiteral(init)) continue;
    const arg = args[i] && skipOuter(args[i], RETRY_WRAPPERS);
    const lessOne = arg && (ts.isBinaryExpression(arg) && arg.operatorToken.kind === ts.SyntaxKind.MinusToken && ts.isIdentifier(arg.left) &&
      arg.left.text === param.name.text && ts.isNumericLiteral(arg.right) && arg.right.text === '1' ||
      ts.isPrefixUnaryExpression(arg) && arg.operator === ts.SyntaxKind.MinusMinusToken && ts.isIdentifier(arg.operand) && arg.operand.text === param.name.text);
    if (lessOne) return Number(init.text) + 1;
  }
  return undefined;
}
