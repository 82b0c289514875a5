// A call whose work first waits its turn in a limiter every call shares: helia's
// `#fetchFromPeer(…)`, whose first awaited step is `await this.fetchQueue.add(async … )` on a
// `new Queue({ concurrency: 8 })`. A loop that starts it for every element only queues work; what
// the function does after the limiter lets it through starts no faster than the limiter releases.
import { ts } from 'ts-morph';
import type { RuleContext } from '../../engine/types';
import { skipOuter, TYPE_ONLY_WRAPPERS } from '../shared/ast';
import { throughSharedLimiter } from './limiter-calls';
import { sameFileFunction, startsPromise } from './promise-returning';

/**
 * `call` reaches a function of this file whose first awaited expression is a call through a shared
 * limiter, and nothing before that await (outside nested functions) starts a promise of its own.
 */
export function gatedByLimiter(ctx: RuleContext<any, string, any>, call: ts.CallExpression): boolean {
  const fn = sameFileFunction(call.expression);
  if (!fn?.body || !ts.isBlock(fn.body)) return false;
  let gate: ts.CallExpression | undefined;
  let startsBefore = false;
  let done = false;
  const visit = (n: ts.Node): void => {
    if (done || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isAwaitExpression(n)) {
      const awaited = skipOuter(n.expression, TYPE_ONLY_WRAPPERS);
      if (ts.isCallExpression(awaited) && throughSharedLimiter(ctx, awaited)) gate = awaited;
      done = true;
      return;
    }
    // Children first: in `f(await g())`, `g` runs before `f`.
    ts.forEachChild(n, visit);
    if (!done && ts.isCallExpression(n) && startsPromise(ctx, n)) startsBefore = true;
  };
  ts.forEachChild(fn.body, visit);
  return gate !== undefined && !startsBefore;
}
