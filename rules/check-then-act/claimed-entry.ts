// A function that turns itself away while it runs: its body opens with a guard that leaves when
// a flag is set (`if (this._isConnecting || this._isConnected) return;`) and then sets that flag
// (`this._isConnecting = true;`) before its first `await`. That is the rule's own fix, "claim
// before awaiting", written once for the whole method: a second call arriving while the first
// awaits meets the claimed flag and leaves, so check-then-acts on other state later in the same
// function cannot interleave with another call of it (tibber-api's `connectWithTimeout()`,
// check 31, judged false twice).
import { ts } from 'ts-morph';
import { isFunctionBoundary, leavesFunction, Outer, skipOuter } from '../shared/ast';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { isAssignment, isWriteOf, parseCheck, sharedKey, STATE_WRAPPERS, type StateRef } from './state-checks';

/**
 * True when `fn` claims a flag its entry guard turns away on, before `firstWork` (the race's first
 * await or the call starting its promise chain) and before any await of the function, and `check`
 * comes after the claim. Both guard and claim are statements of the function's own body (not
 * behind a condition or in a loop), and the flag is not released again before `firstWork`.
 */
export function claimedOnEntry(fn: ts.FunctionLikeDeclaration, check: ts.IfStatement, firstWork: ts.Node): boolean {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return false;
  const limit = Math.min(firstAwait(body), firstWork.pos);
  let guarded: StateRef[] = [];
  for (const stmt of body.statements) {
    if (stmt.end > limit || stmt.pos >= check.pos) return false;
    const states = guardStates(stmt);
    if (states) {
      guarded = [...guarded, ...states];
      continue;
    }
    const claimed = claimOf(stmt, guarded);
    if (claimed) return !released(body, claimed, stmt.end, firstWork.pos);
  }
  return false;
}

/**
 * `if (a || this.busy || this.state === 'running') return;` with no `else`: the value states whose
 * presence alone sends a caller away. A conjunction (`a && b`) turns a caller away only when every
 * side holds, so it claims nothing by one write and is not read as a guard.
 */
function guardStates(stmt: ts.Statement): StateRef[] | undefined {
  if (!ts.isIfStatement(stmt) || stmt.elseStatement || !leavesFunction(stmt.thenStatement)) return undefined;
  const states = disjuncts(stmt.expression).flatMap((d) => {
    const check = parseCheck(d);
    return check && !check.absent && check.states.length === 1 && check.states[0].kind === 'value' ? check.states : [];
  });
  return states.length ? states : undefined;
}

function disjuncts(e: ts.Expression): ts.Expression[] {
  const x = skipOuter(e, STATE_WRAPPERS);
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.BarBarToken) return [...disjuncts(x.left), ...disjuncts(x.right)];
  return [x];
}

/** `this.busy = true;`, `this.state = 'connecting';`: a write that makes one of the guard's checks hold. */
function claimOf(stmt: ts.Statement, guarded: StateRef[]): StateRef | undefined {
  if (!ts.isExpressionStatement(stmt)) return undefined;
  const e = skipOuter(stmt.expression, Outer.Parens);
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  return guarded.find((st) => isWriteOf(e, st) && (st.kind !== 'value' || st.phase !== undefined || !isFalsy(e.right)));
}

/** `false`, `0`, `''`, `null`, `undefined`, `void 0`: a write that clears a flag rather than claiming it. */
function isFalsy(expr: ts.Expression): boolean {
  const e = skipOuter(expr, STATE_WRAPPERS);
  if (e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(e)) return true;
  if (ts.isIdentifier(e)) return e.text === 'undefined';
  if (ts.isNumericLiteral(e)) return Number(e.text) === 0;
  if (ts.isStringLiteralLike(e)) return e.text === '';
  return false;
}

/** Any other write of the claimed state between the claim and the race's first work: the claim may be gone by then. */
function released(body: ts.Block, claimed: StateRef, from: number, to: number): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (n.end <= from || n.pos >= to) return SKIP;
    if (isFunctionBoundary(n)) return SKIP;
    if (n.pos >= from && ts.isBinaryExpression(n) && isAssignment(n.operatorToken.kind) && sharedKey(n.left) === claimed.key) {
      found = true;
      return STOP;
    }
  };
  walkTree(body, visit);
  return found;
}

/** Where the function's first `await` (or `for await`) starts, nested functions aside. */
function firstAwait(body: ts.Block): number {
  let at = Infinity;
  const visit = (n: ts.Node): WalkAnswer => {
    if (n.pos >= at || isFunctionBoundary(n)) return SKIP;
    if (ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) {
      at = Math.min(at, n.pos);
      return SKIP;
    }
  };
  walkTree(body, visit);
  return at;
}
