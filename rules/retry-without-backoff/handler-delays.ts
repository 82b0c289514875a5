// A retry loop can wait inside a function it calls between attempts: the catch awaits
// `this.handleError(err)`, and that method sleeps before returning (grammy's polling loop).
// The wait is looked for one call deep, in a function of the same file. The retried call itself
// can be that function: graphql-sse's `getOrConnect()` awaits `retry(retries)` (a growing wait)
// before reconnecting once a failure has been recorded.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { functionOf } from '../shared/shutdown-handlers';
import { BACKOFF_NAME, delayOf, RETRY_WRAPPERS, type Delay, type LoopState } from './retry-delays';
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
    const delay = delayOf(a.expression, state) ?? waitHelperDelay(a.expression);
    if (delay) return delay;
  }
  return undefined;
}

/**
 * `await retry(retries)` where `retry` is a local function (a declaration, or a destructured
 * option's default `async function randomisedExponentialBackoff(n) { … setTimeout … }`) that
 * is itself a wait: named for a backoff, or awaiting a timer of its own.
 */
function waitHelperDelay(awaited: ts.Expression): Delay | undefined {
  const call = skipOuter(awaited, RETRY_WRAPPERS);
  if (!ts.isCallExpression(call)) return undefined;
  const helper = localFunction(call.expression);
  if (!helper?.body || !ts.isBlock(helper.body)) return undefined;
  if (helper.name && ts.isIdentifier(helper.name) && BACKOFF_NAME.test(helper.name.text)) return { growth: 'growing', text: call.getText() };
  const state = calleeState(helper);
  for (const a of ownAwaits(helper.body)) {
    const delay = delayOf(a.expression, state);
    if (delay) return delay;
  }
  return undefined;
}

/** The function a callee names: what functionOf finds, or a destructured binding's default function. */
function localFunction(callee: ts.Expression): ts.FunctionLikeDeclaration | undefined {
  const fn = functionOf(callee);
  if (fn || !ts.isIdentifier(callee)) return fn;
  const decl = findDeclaration(callee.text, callee);
  const init = decl && ts.isBindingElement(decl) && decl.initializer ? skipOuter(decl.initializer, RETRY_WRAPPERS) : undefined;
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
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

/** The awaits the body runs itself, including those of a function it calls on the spot (`conn ??= (async () => { … })()`). */
function ownAwaits(body: ts.Block): ts.AwaitExpression[] {
  const out: ts.AwaitExpression[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isFunctionLike(n) && !isCalledOnTheSpot(n)) || ts.isClassLike(n)) return;
    if (ts.isAwaitExpression(n)) out.push(n);
    ts.forEachChild(n, visit);
  };
  body.statements.forEach(visit);
  return out;
}

/** `(async () => { … })()`: a function expression invoked where it is written. */
function isCalledOnTheSpot(fn: ts.Node): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  let e: ts.Node = fn;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  return ts.isCallExpression(e.parent) && e.parent.expression === e;
}
