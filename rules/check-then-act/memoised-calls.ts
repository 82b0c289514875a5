// A library call that shares one run among concurrent callers itself: the method keeps its
// in-flight promise and caches what it resolved (MEMOISED_LIBRARY_CALLS in engine/knowledge.ts,
// google-auth-library's `GoogleAuth.getClient()`). `if (!this.authClient) this.authClient = await
// this.googleAuth.getClient()` then makes nothing twice: every racing caller stores the same client.
import { ts } from 'ts-morph';
import type { RuleContext } from '../../engine/types';
import { MEMOISED_LIBRARY_CALLS } from '../../engine/knowledge';
import { Outer, skipOuter, thisMemberName } from '../shared/ast';
import { madeFrom } from '../shared/made-from';

const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;

type Resolve = Pick<RuleContext, 'resolveCallee' | 'mentions'>;

/** `auth.getClient()` on an object made from a library class whose `getClient` is memoised. */
export function callsMemoisedLibraryMethod(ctx: Resolve, call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const entries = MEMOISED_LIBRARY_CALLS.filter((k) => k.methods.has(callee.name.text) && ctx.mentions(k.module));
  if (!entries.length) return false;
  const receiver = skipOuter(callee.expression, SEEN_THROUGH);
  const made = ts.isNewExpression(receiver) ? receiver : madeFrom(receiver);
  const made2 = made && skipOuter(made, SEEN_THROUGH);
  if (made2 && ts.isNewExpression(made2)) {
    const r = ctx.resolveCallee(made2.expression);
    const name = r?.call.split('.').pop() ?? '';
    if (r?.library) return entries.some((k) => k.module === r.module && k.classes.has(name));
  }
  // Out of sight (a getter returning it, a destructured helper's result): the name it is known by.
  const name = ts.isIdentifier(receiver) ? receiver.text : thisMemberName(receiver);
  return name !== undefined && entries.some((k) => k.receiver.test(name));
}
