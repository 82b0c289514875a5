// A method of the class that shares one run among concurrent callers itself: before its first
// `await` it reads its own state and stores the claim (`const state = this.syncing.get(user);
// if (state?.done) return; …; this.syncing.set(user, { preparing })`, `this.#p = this.load()`).
// That is the fix this rule asks for, already in place in the callee: a caller that awaits it
// starts nothing twice (matrix-appservice-bridge's `startSyncingUser`, "This MUST be stored
// before we do any awaits to avoid races").
import { ts } from 'ts-morph';
import { isFunctionBoundary, leavesFunction, skipOuter, thisMemberName, TYPE_ONLY_WRAPPERS } from '../shared/ast';
import { thisMethod } from '../shared/shutdown-handlers';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

const dedupes = new WeakMap<ts.FunctionLikeDeclaration, boolean>();

/** `this.startSyncingUser(user)` where that method claims its state before it first awaits. */
export function callsDedupingMethod(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const fn = thisMethod(callee);
  if (!fn?.body || !ts.isBlock(fn.body)) return false;
  let known = dedupes.get(fn);
  if (known === undefined) dedupes.set(fn, (known = claimsBeforeAwaiting(fn.body) || returnsKeptPromise(fn.body)));
  return known;
}

/**
 * A write of a `this` member (or of an entry of one) that the method read earlier, with no
 * `await` before it on its path (an await in a branch that leaves first is another path), and an
 * `await` after it: the claim is in place before any other caller can run.
 */
function claimsBeforeAwaiting(body: ts.Block): boolean {
  const reads = new Set<string>();
  let claimed = false;
  let awaitedFirst = false;
  let awaitsAfter = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (awaitsAfter || awaitedFirst || (n !== body && isFunctionBoundary(n))) return SKIP;
    if (ts.isAwaitExpression(n)) {
      if (claimed) awaitsAfter = true;
      else if (!insideLeavingBranch(n, body)) awaitedFirst = true;
      return SKIP;
    }
    const written = claimed ? undefined : writtenMember(n);
    if (written !== undefined && reads.has(written)) claimed = true;
    if (ts.isPropertyAccessExpression(n) && !isWriteTarget(n)) {
      const member = thisMemberName(n);
      if (member !== undefined) reads.add(member);
    }
  };
  walkTree(body, visit);
  return claimed && awaitsAfter;
}

/**
 * `return this.#p ??= this.load()`, or `if (!this.p) this.p = this.load(); return this.p`: every
 * return hands back a member the method fills only when missing, with a value it does not await.
 * Concurrent callers get the same promise, so the first run's work is shared.
 */
function returnsKeptPromise(body: ts.Block): boolean {
  const returns: ts.Expression[] = [];
  let awaits = false;
  let bare = false;
  walkTree(body, (n) => {
    if (n !== body && isFunctionBoundary(n)) return SKIP;
    if (ts.isAwaitExpression(n)) awaits = true;
    if (ts.isReturnStatement(n)) {
      if (n.expression) returns.push(skipOuter(n.expression, TYPE_ONLY_WRAPPERS));
      else bare = true;
    }
  });
  if (awaits || bare || !returns.length) return false;
  return returns.every((r) => {
    if (ts.isBinaryExpression(r) && (r.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken || r.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken)) {
      return thisMemberName(skipOuter(r.left, TYPE_ONLY_WRAPPERS)) !== undefined;
    }
    const member = thisMemberName(r);
    return member !== undefined && filledWhenMissing(body, member);
  });
}

/** `this.m ??= E;`, or `this.m = E` behind an `if` that reads `this.m`: the member is written only when missing. */
function filledWhenMissing(body: ts.Block, member: string): boolean {
  let filled = false;
  let checked = false;
  walkTree(body, (n) => {
    if (filled || (n !== body && isFunctionBoundary(n))) return SKIP;
    if (ts.isIfStatement(n) && readsMember(n.expression, member)) checked = true;
    if (ts.isBinaryExpression(n) && thisMemberName(skipOuter(n.left, TYPE_ONLY_WRAPPERS)) === member) {
      const op = n.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || (op === ts.SyntaxKind.EqualsToken && checked)) filled = true;
    }
  });
  return filled;
}

function readsMember(n: ts.Node, member: string): boolean {
  if (ts.isPropertyAccessExpression(n) && thisMemberName(n) === member) return true;
  return ts.forEachChild(n, (c) => readsMember(c, member) || undefined) ?? false;
}

/** `this.m = …`, `this.m.set(k, …)`, `this.m.add(k)`, `this.m[k] = …`: the member written. */
function writtenMember(n: ts.Node): string | undefined {
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = skipOuter(n.left, TYPE_ONLY_WRAPPERS);
    return thisMemberName(left) ?? (ts.isElementAccessExpression(left) ? thisMemberName(left.expression) : undefined);
  }
  if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && (n.expression.name.text === 'set' || n.expression.name.text === 'add')) {
    return thisMemberName(skipOuter(n.expression.expression, TYPE_ONLY_WRAPPERS));
  }
  return undefined;
}

function isWriteTarget(n: ts.PropertyAccessExpression): boolean {
  const p = n.parent;
  return ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/** The node sits in a branch of an `if` that leaves the function: code after the `if` is another path. */
function insideLeavingBranch(n: ts.Node, body: ts.Node): boolean {
  for (let c: ts.Node = n; c.parent && c !== body; c = c.parent) {
    const p = c.parent;
    if (ts.isIfStatement(p) && (c === p.thenStatement || c === p.elseStatement) && leavesFunction(c as ts.Statement)) return true;
  }
  return false;
}
