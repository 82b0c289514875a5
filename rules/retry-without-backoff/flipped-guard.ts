// A retry whose guard the repair turns off: `catch (err) { if (keystore.fresh()) throw err; await
// keystore.refresh(); return verify(…) }` (oidc-provider's JWT verify). The handler leaves when the
// state `keystore.fresh()` holds, and the awaited repair on the same object is named for bringing
// that state about (`refresh` makes `fresh`, `connect` makes `connected`, `open` makes `isOpen`).
// So the call again runs after the repair, in the state where its own failure leaves: at most one
// retry per repair, each costing the repair's round trip. A negated guard (`if (!x.connected)
// throw`), a repair on another object, or a repair inside a `try` (its failure swallowed) is not this.
import { ts } from 'ts-morph';
import { skipOuter } from '../shared/ast';
import { RETRY_WRAPPERS } from './retry-delays';

/**
 * Before `reentry` (or the end of `body`, for a loop's catch), among the statements of the blocks
 * that hold it, a leaving `if (x.state…) throw|return` comes first and an awaited `x.repair()`
 * named for that state comes after it, outside any `try`.
 */
export function repairTurnsGuardOn(body: ts.Node, reentry: ts.Node | undefined): boolean {
  for (let n: ts.Node = reentry ?? lastStatement(body) ?? body; n !== body && n.parent; n = n.parent) {
    const block = n.parent;
    if (ts.isTryStatement(block) && block.tryBlock === n) return false;
    if (!ts.isBlock(block)) continue;
    const before = block.statements.filter((s) => s.getStart() < n.getStart() || (!reentry && s === n));
    for (let i = 0; i < before.length; i++) {
      const states = leavingStates(before[i]);
      if (!states.length) continue;
      if (before.slice(i + 1).some((s) => states.some((st) => awaitsRepairOf(s, st)))) return true;
    }
  }
  return false;
}

interface StateRead {
  receiver: string;
  stem: string;
}

function lastStatement(body: ts.Node): ts.Statement | undefined {
  return ts.isBlock(body) ? body.statements[body.statements.length - 1] : undefined;
}

/** `if (a || x.fresh()) throw err;` → the states read positively by one of its alternatives. */
function leavingStates(s: ts.Statement): StateRead[] {
  if (!ts.isIfStatement(s) || s.elseStatement || !leaves(s.thenStatement)) return [];
  return alternatives(s.expression).flatMap((alt) => {
    const read = stateRead(alt);
    return read ? [read] : [];
  });
}

function alternatives(e: ts.Expression): ts.Expression[] {
  const x = skipOuter(e, RETRY_WRAPPERS);
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.BarBarToken) return [...alternatives(x.left), ...alternatives(x.right)];
  return [x];
}

/** `x.fresh()`, `this.connected`, `await x.isOpen()`: a state of an object, read as it is. */
function stateRead(e: ts.Expression): StateRead | undefined {
  let x = skipOuter(e, RETRY_WRAPPERS);
  if (ts.isAwaitExpression(x)) x = skipOuter(x.expression, RETRY_WRAPPERS);
  if (ts.isCallExpression(x) && x.arguments.length === 0) x = skipOuter(x.expression, RETRY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(x)) return undefined;
  const stem = stateStem(x.name.text);
  return stem ? { receiver: x.expression.getText(), stem } : undefined;
}

/** `fresh` → `fresh`, `isConnected` → `connect`, `loaded` → `load`: the word a repair is named for; 4 letters at least. */
function stateStem(name: string): string | undefined {
  const stem = name.replace(/^(is|has|was)(?=[A-Z])/, '').replace(/(ed|d)$/, (m, _g, i: number) => (i >= 4 ? '' : m)).toLowerCase();
  return stem.length >= 4 ? stem : undefined;
}

/** The statement is `await x.refresh(…)` (or `await x.reload()`, …): a call on the same object, named for the state. */
function awaitsRepairOf(s: ts.Statement, state: StateRead): boolean {
  if (!ts.isExpressionStatement(s)) return false;
  const a = skipOuter(s.expression, RETRY_WRAPPERS);
  if (!ts.isAwaitExpression(a)) return false;
  const call = skipOuter(a.expression, RETRY_WRAPPERS);
  if (!ts.isCallExpression(call)) return false;
  const callee = skipOuter(call.expression, RETRY_WRAPPERS);
  return ts.isPropertyAccessExpression(callee) && callee.expression.getText() === state.receiver &&
    callee.name.text.toLowerCase().includes(state.stem);
}

function leaves(s: ts.Statement): boolean {
  const last = ts.isBlock(s) ? s.statements[s.statements.length - 1] : s;
  return last !== undefined && (ts.isThrowStatement(last) || ts.isReturnStatement(last));
}
