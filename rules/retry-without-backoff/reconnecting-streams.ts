// A restart around a stream that reconnects with backoff itself is no retry storm: `try { for await
// (const evt of this.sub) … } catch (err) { await wait(3000); return this.start() }` with `this.sub =
// new Subscription({ maxReconnectSeconds })` from @atproto/xrpc-server (@atproto/sync's firehose).
// The library's own backoff paces the reconnects of the socket; what reaches the catch is what it let
// through, and the restart re-subscribes one stream. The libraries are data (RECONNECTING_STREAMS).
import { ts } from 'ts-morph';
import type { RuleContext } from '../../engine/types';
import { findDeclaration } from '../../engine/scope';
import { memberName, skipOuter, thisMemberName, thisOwner, unwrapAwaited } from '../shared/ast';
import { RECONNECTING_STREAMS } from '../../engine/libraries/messaging';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** The `try` iterates (`for await … of`) a stream a library makes that reconnects with backoff itself. */
export function iteratesReconnectingStream(ctx: RuleContext<any, string, any>, tryBlock: ts.Block): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || ts.isFunctionLike(n) || ts.isClassLike(n)) return SKIP;
    if (ts.isForOfStatement(n) && n.awaitModifier) {
      const made = madeWith(skipOuter(n.expression, 0));
      const callee = made && ctx.resolveCallee(made.expression);
      if (callee?.library && RECONNECTING_STREAMS.some((s) => s.module === callee.module && s.classes.includes(callee.call))) found = true;
    }
  };
  walkTree(tryBlock, visit);
  return found;
}

/** The `new` a stream was made with: in place, a const's initializer, or the only value its owner puts in `this.<field>`. */
function madeWith(source: ts.Expression): ts.NewExpression | undefined {
  const e = unwrapAwaited(source);
  if (ts.isNewExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrapAwaited(decl.initializer) : undefined;
    return init && ts.isNewExpression(init) ? init : undefined;
  }
  const field = thisMemberName(e);
  const cls = field !== undefined ? thisOwner(e)?.cls : undefined;
  if (!cls || field === undefined) return undefined;
  const values: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyDeclaration(n) && n.parent === cls && memberName(n.name) === field && n.initializer) values.push(n.initializer);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && thisMemberName(n.left) === field && thisOwner(n)?.cls === cls) values.push(n.right);
    ts.forEachChild(n, visit);
  };
  visit(cls);
  const only = values.length === 1 ? unwrapAwaited(values[0]) : undefined;
  return only && ts.isNewExpression(only) ? only : undefined;
}
