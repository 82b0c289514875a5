// State that a member resource's own closing event sets: `this.client.once('end', () => {
// this.connectionClosed = true })`. A close method that releases `this.client` only while that
// state says "open" is guarded by it, as much as by a flag it sets itself.
import { ts } from 'ts-morph';
import { Outer, skipOuter, thisMemberName } from '../shared/ast';

const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** Events a resource emits once it is closed (or closing): what a listener on them learns is "closed". */
const CLOSING_EVENTS = new Set(['end', 'close', 'closed', 'finish', 'exit', 'disconnect', 'disconnected']);

/**
 * The member whose closing-event listener `node` (an assignment) runs in: `this.client.once('end', () => { node })`.
 * Only the listener written in place, as an arrow (it keeps `this`).
 */
export function closingEventMember(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    if (!ts.isArrowFunction(n)) return undefined;
    let arg: ts.Node = n;
    while (ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
    const arm = arg.parent;
    if (!ts.isCallExpression(arm) || arm.arguments[1] !== arg) return undefined;
    const callee = skipOuter(arm.expression, Outer.Parens);
    const event = arm.arguments[0];
    if (!ts.isPropertyAccessExpression(callee) || !LISTEN_METHODS.has(callee.name.text)) return undefined;
    if (!ts.isStringLiteralLike(event) || !CLOSING_EVENTS.has(event.text)) return undefined;
    return thisMemberName(callee.expression);
  }
  return undefined;
}
