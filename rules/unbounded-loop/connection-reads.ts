// A reader loop: `while (true) this.handle(await decodeFrame(read))` with `read` made over a
// socket the code opened (`net.connect`, `tls.connect`). Each iteration waits on the peer, and
// closing the connection — which any shutdown does — ends it: the read rejects, or waits forever
// on a dead socket that holds nothing open. It is the connection's to stop, not a stop signal's.
import { ts } from 'ts-morph';
import type { RuleContext } from '../../engine/types';
import { isFunctionBoundary, Outer, skipOuter, unwrapAwaited } from '../shared/ast';
import { madeFromAny } from '../shared/made-from';
import { originOfValue } from '../shared/resource-origin';

/** Resource kinds whose close ends every read pending on them. */
const CONNECTION_KINDS: ReadonlySet<string> = new Set(['socket']);

/** How far a value is followed back through the calls and names that made it (`read` ← `createAsyncReader(socket)` ← `net.connect(…)`). */
const MAX_DEPTH = 4;

/**
 * Every iteration awaits a read from a connection before anything else can go round again: an
 * `await` of a call, on the loop's straight path (no branch, inner loop or callback between), that
 * is handed or called on a value made from a known socket, with no `try` in the loop to catch its
 * rejection.
 */
export function readsFromConnection(ctx: RuleContext, body: ts.Statement): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionBoundary(n) || ts.isIterationStatement(n, false) || ts.isIfStatement(n) || ts.isSwitchStatement(n) ||
      ts.isConditionalExpression(n) || ts.isTryStatement(n)) return;
    if (ts.isBinaryExpression(n) && isShortCircuit(n.operatorToken.kind)) {
      visit(n.left);
      return;
    }
    if (ts.isAwaitExpression(n)) {
      const call = unwrapAwaited(n.expression);
      if (ts.isCallExpression(call) && callReadsConnection(ctx, call)) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

function callReadsConnection(ctx: RuleContext, call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, Outer.Parens | Outer.NonNull | Outer.As);
  const inputs = [...call.arguments, ...(ts.isPropertyAccessExpression(callee) ? [callee.expression] : [])];
  return inputs.some((e) => madeFromConnection(ctx, e, 0));
}

/** The value is a connection, or was made by a call handed one (`createAsyncReader(socket)`), through locals. */
function madeFromConnection(ctx: RuleContext, expr: ts.Expression, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const e = unwrapAwaited(expr);
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    if (isConnection(originOfValue(ctx, e)?.entry.resource.kind)) return true;
    return (e.arguments ?? []).some((a) => madeFromConnection(ctx, a, depth + 1));
  }
  const values = ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) ? madeFromAny(e) : undefined;
  return values?.some((v) => madeFromConnection(ctx, v, depth + 1)) ?? false;
}

function isConnection(kind: string | undefined): boolean {
  return kind !== undefined && CONNECTION_KINDS.has(kind);
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}
