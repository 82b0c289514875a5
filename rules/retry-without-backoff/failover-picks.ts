// A failover across a cluster: the function picks a node afresh each time (`const node =
// this._getClusterNode()`), attempts the call on it, and on failure calls itself again only while
// nodes remain (`if (this._cluster._findNodeIds(pattern).length !== 0)`). Failures take nodes out
// of that set (mysql2's PoolCluster offlines a node after `removeNodeErrorCount` errors), so the
// calls run out with the nodes: a bounded walk over the cluster, not the same call repeated.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { calleeName, skipOuter } from '../shared/ast';
import { RETRY_WRAPPERS } from './retry-delays';

/** Pickers of one member of a set of peers: `_getClusterNode()`, `pickHost()`, `selectReplica()`. */
const PICK_NAME = /^_?(get|pick|select|choose|next)\w*(Node|Host|Server|Peer|Endpoint|Replica|Member|Instance)$/i;

/** The attempt works on a node picked before it, and the call again happens only while nodes remain. */
export function failsOverWhileNodesRemain(attempt: ts.CallExpression, reentry: ts.Node, stopAt: ts.Node): boolean {
  return attempt.arguments.some(isPickedPeer) && guardedByNonEmpty(reentry, stopAt);
}

function isPickedPeer(arg: ts.Expression): boolean {
  const e = skipOuter(arg, RETRY_WRAPPERS);
  const init = ts.isIdentifier(e) ? declaredValue(e) : e;
  if (!init) return false;
  const call = skipOuter(init, RETRY_WRAPPERS);
  return ts.isCallExpression(call) && PICK_NAME.test(calleeName(call.expression) ?? '');
}

function declaredValue(id: ts.Identifier): ts.Expression | undefined {
  const decl = findDeclaration(id.text, id);
  return decl && ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
}

/** An enclosing `if` (up to `stopAt`) whose test says a collection is not empty: `xs.length !== 0`, `xs.length > 0`, `xs.length`. */
function guardedByNonEmpty(node: ts.Node, stopAt: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n && n !== stopAt; n = n.parent) {
    if (ts.isIfStatement(n.parent) && n.parent.thenStatement === n && testsNonEmpty(n.parent.expression)) return true;
  }
  return false;
}

function testsNonEmpty(test: ts.Expression): boolean {
  const e = skipOuter(test, RETRY_WRAPPERS);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return testsNonEmpty(e.left) || testsNonEmpty(e.right);
  if (isLength(e)) return true;
  if (!ts.isBinaryExpression(e) || !isLength(skipOuter(e.left, RETRY_WRAPPERS))) return false;
  const right = skipOuter(e.right, RETRY_WRAPPERS);
  const op = e.operatorToken.kind;
  const againstZero = ts.isNumericLiteral(right) && right.text === '0';
  return againstZero && (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken || op === ts.SyntaxKind.GreaterThanToken);
}

function isLength(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && e.name.text === 'length';
}
