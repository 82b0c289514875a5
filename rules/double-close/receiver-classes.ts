// Whose close a call is: `this.broker.close()` with `this.broker = new EncryptedEventBroker(…)` is
// that class's, `logger.close()` on `winston.createLogger()` is the library's. A dropped rejection
// of one class's `close()` says nothing about another class's `close()` of the same name.
import { ts } from 'ts-morph';
import type { ModuleBinding, RuleContext } from '../../engine/types';
import { unwrapAwaited } from '../shared/ast';
import { classRefOfNew } from '../shared/fresh-objects';
import { madeFromAny } from '../shared/made-from';

/**
 * What the receiver of a call is known to be: `classes` when every value it may hold is `new` of a
 * project class, `library` when every value is made by a library call or `new`, undefined when
 * anything about it is unknown (a parameter, a value out of sight, a mix).
 */
export function receiverMaker(ctx: RuleContext, receiver: ts.Expression): { classes: ModuleBinding[] } | 'library' | undefined {
  const values = madeFromAny(receiver);
  if (!values?.length) return undefined;
  const classes: ModuleBinding[] = [];
  let library = 0;
  for (const v of values) {
    const e = unwrapAwaited(v);
    const ref = ts.isNewExpression(e) ? classRefOfNew(ctx, e) : undefined;
    if (ref) classes.push(ref);
    else if ((ts.isNewExpression(e) || ts.isCallExpression(e)) && ctx.resolveCallee(e.expression)?.library && !isGlobal(ctx, e.expression)) library++;
    else return undefined;
  }
  if (classes.length === values.length) return { classes };
  return library === values.length ? 'library' : undefined;
}

/** `Object.create(…)`, `new Proxy(…)`: globals say nothing about whose close it is. */
function isGlobal(ctx: RuleContext, callee: ts.Expression): boolean {
  return ctx.resolveCallee(callee)?.module === 'global';
}
