// A sign-in loop that asks for a new value before each attempt (`const code = await
// details.getAuthCode(retry)`) and goes round again only when the peer said that value was wrong
// (`PHONE_CODE_INVALID`), rethrowing every other failure: each pass waits for a person to type
// something else. A peer that is down ends the loop at once, so nothing is retried in a storm.
import { ts } from 'ts-morph';
import { boundNames } from '../../engine/module-symbols';
import { skipOuter } from '../shared/ast';
import { isNeverReturningStatement } from '../shared/never-returns';
import { namesOnly } from './conflict-retry';
import { RETRY_WRAPPERS } from './retry-delays';

/** Error codes and messages that reject the input sent, not the peer's health: `PHONE_NUMBER_INVALID`, `PHONE_CODE_EMPTY`, 'Invalid code'. */
const REJECTED_INPUT = /(^|_)(INVALID|EMPTY|INCORRECT|WRONG|MISMATCH)(_|$)|^(invalid|incorrect|wrong)\b/i;

/**
 * The call sends a value the iteration awaited before the attempt, and the catch retries only on
 * an error that rejects such a value, leaving the loop (throw, return) on every other one.
 */
export function retriesOnlyRejectedInput(loopBody: ts.Statement, attempt: ts.TryStatement, call: ts.CallExpression): boolean {
  if (!attempt.catchClause || !sendsFreshInput(loopBody, attempt, call)) return false;
  return attempt.catchClause.block.statements.some((s) => ts.isIfStatement(s) && retriesOnlyOn(s));
}

/** `const phone = await ask(…)` (or `phone = await ask(…)`) before the attempt, and the call reads `phone`. */
function sendsFreshInput(loopBody: ts.Statement, attempt: ts.TryStatement, call: ts.CallExpression): boolean {
  if (!ts.isBlock(loopBody)) return false;
  const fresh = new Set<string>();
  for (const s of loopBody.statements) {
    if (s.end > attempt.pos) break;
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (d.initializer && isAwaitedCall(d.initializer)) boundNames(d.name).forEach((n) => fresh.add(n));
    } else if (ts.isExpressionStatement(s)) {
      const e = skipOuter(s.expression, RETRY_WRAPPERS);
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(e.left) && isAwaitedCall(e.right)) fresh.add(e.left.text);
    }
  }
  return fresh.size > 0 && call.arguments.some((a) => reads(a, fresh));
}

function isAwaitedCall(e: ts.Expression): boolean {
  const x = skipOuter(e, RETRY_WRAPPERS);
  return ts.isAwaitExpression(x) && ts.isCallExpression(skipOuter(x.expression, RETRY_WRAPPERS));
}

function reads(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(node) && names.has(node.text)) return true;
  return ts.forEachChild(node, (c) => reads(c, names) || undefined) ?? false;
}

/**
 * `if (e.message === 'PHONE_NUMBER_INVALID') retry = true; else throw e;`, or
 * `if (e.message !== 'PHONE_NUMBER_INVALID') throw e;`: only a rejected input goes round again.
 */
function retriesOnlyOn(s: ts.IfStatement): boolean {
  if (!namesOnly(s.expression, REJECTED_INPUT)) return false;
  if (s.elseStatement) return !leaves(s.thenStatement) && leaves(s.elseStatement);
  return isNegated(s.expression) && leaves(s.thenStatement);
}

/** A branch that ends in a `throw` or `return` (or a call that never returns). */
function leaves(s: ts.Statement): boolean {
  const last = ts.isBlock(s) ? s.statements[s.statements.length - 1] : s;
  return last !== undefined && (ts.isThrowStatement(last) || ts.isReturnStatement(last) || isNeverReturningStatement(last));
}

/** `e.code !== 'X'`, `!isInvalid(e)`, `a !== X && a !== Y`: true when the error is not the named one. */
function isNegated(cond: ts.Expression): boolean {
  const e = skipOuter(cond, RETRY_WRAPPERS);
  if (ts.isPrefixUnaryExpression(e)) return e.operator === ts.SyntaxKind.ExclamationToken;
  if (!ts.isBinaryExpression(e)) return false;
  const op = e.operatorToken.kind;
  if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) return true;
  return op === ts.SyntaxKind.AmpersandAmpersandToken && isNegated(e.left) && isNegated(e.right);
}
