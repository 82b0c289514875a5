// A method whose every caller in its file shares one run per key: the caller looks in a map of
// pending promises first, and stores the promise the method returns under that key before it
// awaits it (cacheable-lookup's `query()`: `const pending = this._pending[hostname]; if (pending)
// … else { const p = this.queryAndCache(hostname); this._pending[hostname] = p; try { await p }
// finally { delete this._pending[hostname] } }`). That is this rule's own fix, one level up:
// concurrent lookups of one key never run the method twice, so its check-then-act races nobody.
import { ts } from 'ts-morph';
import { enclosingFunction, skipOuter, thisMemberName, TYPE_ONLY_WRAPPERS } from '../shared/ast';
import { nameOf } from './visible-burst';
import { walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Every reference to the method in its file is a `this.m(k)` call whose promise the caller stores as pending under `k` before awaiting. */
export function calledOnlyThroughPendingMap(fn: ts.FunctionLikeDeclaration): boolean {
  const name = nameOf(fn);
  if (!name?.method) return false;
  const calls: ts.CallExpression[] = [];
  let other = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (other || !ts.isPropertyAccessExpression(n) || n.name.text !== name.text) return;
    const call = n.parent;
    if (n.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isCallExpression(call) && call.expression === n) calls.push(call);
    // Read off another object, passed on, or the definition itself: callers we cannot count.
    else if (!(ts.isBinaryExpression(call) && call.left === n && call.right === fn)) other = true;
  };
  walkTree(fn.getSourceFile(), visit);
  return !other && calls.length > 0 && calls.every(storedAsPending);
}

/** `const p = this.m(k); this.pending[k] = p;` (or `.set(k, p)`, or the call stored directly), with `this.pending[k]` read earlier in the caller. */
function storedAsPending(call: ts.CallExpression): boolean {
  const key = call.arguments[0];
  const caller = enclosingFunction(call);
  if (!key || !caller) return false;
  const store = storeOf(call);
  if (!store || store.key.getText() !== key.getText()) return false;
  return readsEntryBefore(caller, store.member, store.key.getText(), call.pos);
}

/** The write that keeps the call's promise: the statement itself, or one right after it with no `await` between. */
function storeOf(call: ts.CallExpression): { member: string; key: ts.Expression } | undefined {
  const direct = storeTarget(call, call);
  if (direct) return direct;
  const decl = call.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== call || !ts.isIdentifier(decl.name)) return undefined;
  const statement = decl.parent.parent;
  const block = statement.parent;
  if (!ts.isVariableStatement(statement) || !ts.isBlock(block)) return undefined;
  const local = decl.name.text;
  for (const s of block.statements.slice(block.statements.indexOf(statement) + 1)) {
    let found: { member: string; key: ts.Expression } | undefined;
    let awaits = false;
    walkTree(s, (n) => {
      if (ts.isAwaitExpression(n)) awaits = true;
      if (!found && ts.isIdentifier(n) && n.text === local) found = storeTarget(n, n);
    });
    if (found) return found;
    if (awaits) return undefined;
  }
  return undefined;
}

/** `this.pending[k] = value` or `this.pending.set(k, value)`, where `value` is the node given. */
function storeTarget(value: ts.Node, node: ts.Node): { member: string; key: ts.Expression } | undefined {
  const p = node.parent;
  if (ts.isBinaryExpression(p) && p.right === value && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = skipOuter(p.left, TYPE_ONLY_WRAPPERS);
    if (!ts.isElementAccessExpression(left)) return undefined;
    const member = thisMemberName(left.expression);
    return member !== undefined ? { member, key: left.argumentExpression } : undefined;
  }
  if (ts.isCallExpression(p) && p.arguments[1] === value && ts.isPropertyAccessExpression(p.expression) && p.expression.name.text === 'set') {
    const member = thisMemberName(skipOuter(p.expression.expression, TYPE_ONLY_WRAPPERS));
    return member !== undefined ? { member, key: p.arguments[0] } : undefined;
  }
  return undefined;
}

/** `this.pending[k]`, `this.pending.get(k)` or `.has(k)` read in the caller before the call: the check for a run already under way. */
function readsEntryBefore(caller: ts.Node, member: string, key: string, before: number): boolean {
  let found = false;
  walkTree(caller, (n) => {
    if (found || n.pos >= before) return;
    if (ts.isElementAccessExpression(n) && thisMemberName(n.expression) === member && n.argumentExpression.getText() === key && !isAssigned(n)) found = true;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && (n.expression.name.text === 'get' || n.expression.name.text === 'has') &&
      thisMemberName(skipOuter(n.expression.expression, TYPE_ONLY_WRAPPERS)) === member && n.arguments[0]?.getText() === key) found = true;
  });
  return found;
}

function isAssigned(n: ts.Expression): boolean {
  const p = n.parent;
  return ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}
