// A retry loop can wait inside a function it calls between attempts: the catch awaits
// `this.handleError(err)`, and that method sleeps before returning (grammy's polling loop).
// The wait is looked for one call deep, in a function of the same file.
import { ts } from 'ts-morph';
import { functionOf } from '../shared/shutdown-handlers';
import { delayOf, RETRY_WRAPPERS, type Delay, type LoopState } from './retry-delays';
import { skipOuter } from '../shared/ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** The delay a same-file function awaited by the loop waits, if it waits one. */
export function delayInCalledFunction(awaited: ts.Expression): Delay | undefined {
  const call = skipOuter(awaited, RETRY_WRAPPERS);
  if (!ts.isCallExpression(call)) return undefined;
  const fn = functionOf(call.expression);
  if (!fn?.body || !ts.isBlock(fn.body)) return undefined;
  const state = calleeState(fn);
  for (const a of ownAwaits(fn.body)) {
    const delay = delayOf(a.expression, state);
    if (delay) return delay;
  }
  return undefined;
}

/**
 * Inside the callee nothing changes from one attempt to the next the way a loop counter does, but
 * a wait read from its parameters or from a local it reassigns (`sleepSeconds = err.retry_after`)
 * is decided per failure: unknown, not constant.
 */
function calleeState(fn: ts.FunctionLikeDeclaration): LoopState {
  const declared = new Map<string, ts.Expression | undefined>();
  for (const p of fn.parameters) if (ts.isIdentifier(p.name)) declared.set(p.name.text, undefined);
  const reassigned = new Set<string>();
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isFunctionLike(n) && n !== fn) return SKIP;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && !declared.has(n.name.text)) declared.set(n.name.text, n.initializer);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      ts.isIdentifier(n.left)) reassigned.add(n.left.text);
  };
  walkTree(fn, visit);
  for (const name of reassigned) if (declared.has(name)) declared.set(name, undefined);
  return { varying: new Set(), declared };
}

function ownAwaits(body: ts.Block): ts.AwaitExpression[] {
  const out: ts.AwaitExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isAwaitExpression(n)) out.push(n);
    ts.forEachChild(n, visit);
  };
  body.statements.forEach(visit);
  return out;
}
