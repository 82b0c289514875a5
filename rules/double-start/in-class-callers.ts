// Where a class calls one of its own start methods, and what each call site shows: a second
// call cannot happen (every caller returns or throws first when already started), or cannot
// double what the method creates (every caller puts a new object in the member the method
// wires listeners on, right before calling it).
import { thisMemberUse } from '../shared/start-callers';
import { runsOnceWhenReached } from '../shared/fresh-objects';
import { ts } from 'ts-morph';
import { isEmptyValue, isFunctionBoundary, leavesFunction, thisMemberName } from '../shared/ast';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

export interface InClassCall {
  call: ts.CallExpression;
  /** The member function the call runs in, once per run of it. */
  caller: ts.FunctionLikeDeclaration;
}

/**
 * Every `this.<name>` in the class's code, each a direct call that runs once per run of a member
 * function (no loop, no callback between them; a promise executor or reaction aside). Undefined
 * when one is not (handed on as a callback, called from a listener or a loop), or there are none.
 */
export function inClassCalls(bodies: readonly ts.Node[], members: ReadonlySet<ts.Node>, name: string): InClassCall[] | undefined {
  const out: InClassCall[] = [];
  let ok = true;
  const visit = (n: ts.Node): WalkAnswer => {
    if (!ok) return STOP;
    const call = thisMemberUse(n, name);
    if (call !== undefined) {
      const caller = call !== 'other' ? callerOf(call, members) : undefined;
      if (!caller) ok = false;
      else out.push({ call: call as ts.CallExpression, caller });
    }
  };
  for (const body of bodies) walkTree(body, visit);
  return ok && out.length ? out : undefined;
}

function callerOf(call: ts.Node, members: ReadonlySet<ts.Node>): ts.FunctionLikeDeclaration | undefined {
  for (let n: ts.Node = call; n.parent; n = n.parent) {
    if (ts.isIterationStatement(n, false)) return undefined;
    if (!isFunctionBoundary(n)) continue;
    if (members.has(n)) return n as ts.FunctionLikeDeclaration;
    if (!runsOnceWhenReached(n)) return undefined;
  }
  return undefined;
}

/**
 * The call runs only past an early exit on a flag the caller itself raises (`if (this.started)
 * throw …; this.started = true; … this.init()`) or inside a branch testing it: the caller's own
 * guard stops a second run before it reaches the call. A test of other state (`if (this.ready)`,
 * which start() never changes) is a precondition, not a guard. `readsState` says which
 * conditions read state that changes.
 */
export function guardedBefore(call: ts.Node, caller: ts.FunctionLikeDeclaration, readsState: (cond: ts.Expression) => boolean): boolean {
  const body = caller.body;
  if (!body) return false;
  const raised = membersSetBy(body);
  const isState = (cond: ts.Expression) => readsState(cond) && mentionsMember(cond, raised);
  for (let n: ts.Node = call; n.parent && n !== body; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && n !== p.expression && isState(p.expression)) return true;
  }
  const pos = call.getStart();
  let guarded = false;
  const visit = (n: ts.Node): void => {
    if (guarded || n.pos >= pos || (n !== body && isFunctionBoundary(n))) return;
    if (ts.isIfStatement(n) && n.end <= pos && isState(n.expression) &&
      (leavesFunction(n.thenStatement) || (n.elseStatement !== undefined && leavesFunction(n.elseStatement)))) guarded = true;
    else ts.forEachChild(n, visit);
  };
  visit(body);
  return guarded;
}

/**
 * Before the call, on every path through the caller, `this.<member>` gets a new value
 * (`this.socket = net.connect(…)`, in each branch of an `if`/`else`): listeners the called
 * method adds to it land on that new object.
 */
export function freshBefore(call: ts.Node, caller: ts.FunctionLikeDeclaration, member: string): boolean {
  const body = caller.body;
  for (let n: ts.Node = call; n.parent && n !== body; n = n.parent) {
    const block = n.parent;
    if (!ts.isBlock(block)) continue;
    const index = block.statements.indexOf(n as ts.Statement);
    for (let i = index - 1; i >= 0; i--) if (assignsOnEveryPath(block.statements[i], member)) return true;
  }
  return false;
}

function assignsOnEveryPath(s: ts.Statement, member: string): boolean {
  if (ts.isExpressionStatement(s)) {
    const e = s.expression;
    return ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && thisMemberName(e.left) === member && !isEmptyValue(e.right);
  }
  if (ts.isBlock(s)) return s.statements.some((x) => assignsOnEveryPath(x, member));
  if (ts.isIfStatement(s)) return s.elseStatement !== undefined && assignsOnEveryPath(s.thenStatement, member) && assignsOnEveryPath(s.elseStatement, member);
  return false;
}

/** `this` members the function body sets to a value that is not empty (nested functions aside). */
function membersSetBy(body: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): WalkAnswer => {
    if (n !== body && isFunctionBoundary(n)) return SKIP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && !isEmptyValue(n.right)) {
      const member = thisMemberName(n.left);
      if (member !== undefined) out.add(member);
    }
  };
  walkTree(body, visit);
  return out;
}

function mentionsMember(expr: ts.Node, members: ReadonlySet<string>): boolean {
  if (ts.isPropertyAccessExpression(expr)) {
    const member = thisMemberName(expr);
    if (member !== undefined && members.has(member)) return true;
  }
  return ts.forEachChild(expr, (ch) => (isFunctionBoundary(ch) ? undefined : mentionsMember(ch, members) || undefined)) ?? false;
}
