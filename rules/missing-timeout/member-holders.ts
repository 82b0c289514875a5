// A connection kept in a field of its object (`this.socket = net.connect(…)`) is the same socket
// everywhere the object names that field: `this.socket.setTimeout(ms)` right after the connect
// bounds it, and `this.socket.setKeepAlive(true)` keeps it open by design, exactly as the same
// calls do on a local `const socket`. The field is keyed by the class that writes it, so two
// classes of one file that both hold a `socket` are told apart; a prototype-style object (no class)
// is keyed by its file.
import { ts } from 'ts-morph';
import { thisMemberName, unwrap } from '../shared/ast';
import { findDeclaration } from '../../engine/scope';

/** The key of `this.<member>` as a holder: the member's name within its class (or file). */
export function memberHolderRef(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  const member = thisMemberName(e);
  if (member !== undefined) return `this.${member}@${ownerOf(expr)}`;
  // `self.socket`, with `var self = this` written where `this` is the object (no-kafka's connect).
  if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
  const decl = findDeclaration(e.expression.text, e.expression);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || unwrap(decl.initializer).kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  return `this.${e.name.text}@${ownerOf(decl)}`;
}

/** The member a call's result is stored in, directly or through a condition or `await`: `this.socket = net.connect(…)`. */
export function heldInMember(node: ts.Expression): string | undefined {
  let e: ts.Node = node;
  while (ts.isAwaitExpression(e.parent) || ts.isParenthesizedExpression(e.parent) ||
    (ts.isConditionalExpression(e.parent) && e.parent.condition !== e)) e = e.parent;
  const p = e.parent;
  if (!ts.isBinaryExpression(p) || p.right !== e || p.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  return memberHolderRef(p.left);
}

/** The class whose `this` the expression is written under (arrows keep their method's `this`), or the file. */
function ownerOf(node: ts.Node): string {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isClassLike(n)) return String(n.pos);
    // A nested `function` has a `this` of its own: a prototype method, keyed by the file.
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return 'file';
  }
  return 'file';
}

/** `x.setTimeout(0)` turns the idle timeout off: it bounds nothing. */
export function turnsBoundOff(call: ts.CallExpression): boolean {
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  return first !== undefined && ts.isNumericLiteral(first) && Number(first.text) === 0;
}
