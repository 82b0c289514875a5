// Which awaited call of a poll loop's attempt can fail, and whether the iteration has already
// waited when it does. `while (!stopped) { try { for (…100…) { const pongs = await allFastest(pings);
// …; await this._sleeper.pause(3000) } await this._update() } catch (e) { … } }`: `allFastest` is a
// function of the file whose promise never rejects, so the call that can fail is `_update()`, and
// every path to it has slept first. A failure then reruns the loop after that sleep, not at once.
import { ts } from 'ts-morph';
import type { RuleContext } from '../../engine/types';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { localCallCannotFail } from '../unhandled-async-callback/rejections';
import { skipOuter } from '../shared/ast';
import { delayOf, loopState, RETRY_WRAPPERS } from './retry-delays';

export interface FailingCall {
  call: ts.CallExpression;
  /** A wait is awaited before the call on every path from the start of the attempt. */
  waitedBefore: boolean;
}

/**
 * The first awaited call of the attempt that can fail: not a wait, and not a call of a function of
 * this file shown to settle. Undefined when no awaited call can fail.
 */
export function failingCall(ctx: RuleContext, loop: ts.IterationStatement, attempt: ts.Block): FailingCall | undefined {
  const state = loopState(loop);
  let waitedBefore = false;
  for (const a of awaitedIn(attempt)) {
    if (delayOf(a.expression, state)) {
      if (alwaysReached(a, attempt)) waitedBefore = true;
      continue;
    }
    const e = skipOuter(a.expression, RETRY_WRAPPERS);
    if (!ts.isCallExpression(e)) continue;
    if (localCallCannotFail(e, ctx)) continue;
    return { call: e, waitedBefore };
  }
  return undefined;
}

/** The awaits of `node`'s own code (not of functions or classes inside it), in order. */
export function awaitedIn(node: ts.Node): ts.AwaitExpression[] {
  const out: ts.AwaitExpression[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return SKIP;
    if (ts.isAwaitExpression(n)) out.push(n);
  };
  walkTree(node, visit);
  return out;
}

/**
 * The node runs whenever the block runs: no `if`, `switch`, `?:`, `&&`/`||`/`??`, `catch` or
 * loop between them, except a counted loop that starts below its bound (`for (let i = 0; i < 100
 * && !this.stopped; i++)`: its first pass runs, its other conditions being ones the outer loop
 * was entered under).
 */
function alwaysReached(node: ts.Node, block: ts.Block): boolean {
  for (let n: ts.Node = node; n !== block; n = n.parent) {
    const p = n.parent;
    if (!p) return false;
    if (ts.isIfStatement(p) && n !== p.expression) return false;
    if (ts.isConditionalExpression(p) && n !== p.condition) return false;
    if (ts.isBinaryExpression(p) && n === p.right && CONDITIONAL_OPERATORS.has(p.operatorToken.kind)) return false;
    if (ts.isCaseClause(p) || ts.isDefaultClause(p) || ts.isCatchClause(p)) return false;
    if (ts.isIterationStatement(p, false) && n === p.statement && !(ts.isForStatement(p) && runsFirstPass(p))) return false;
  }
  return true;
}

const CONDITIONAL_OPERATORS = new Set<ts.SyntaxKind>([ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken]);

/** `for (let i = 0; i < N …; …)` with N a positive number literal: the first pass runs. */
function runsFirstPass(loop: ts.ForStatement): boolean {
  const init = loop.initializer;
  if (!init || !ts.isVariableDeclarationList(init) || init.declarations.length !== 1) return false;
  const d = init.declarations[0];
  if (!ts.isIdentifier(d.name) || !d.initializer || !ts.isNumericLiteral(d.initializer) || Number(d.initializer.text) !== 0) return false;
  let cond = loop.condition && skipOuter(loop.condition, RETRY_WRAPPERS);
  while (cond && ts.isBinaryExpression(cond) && cond.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) cond = skipOuter(cond.left, RETRY_WRAPPERS);
  return cond !== undefined && ts.isBinaryExpression(cond) && cond.operatorToken.kind === ts.SyntaxKind.LessThanToken &&
    ts.isIdentifier(cond.left) && cond.left.text === d.name.text && ts.isNumericLiteral(cond.right) && Number(cond.right.text) > 0;
}
