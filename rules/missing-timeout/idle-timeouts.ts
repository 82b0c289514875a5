// `socket.setTimeout(ms)` only arms an idle timer that emits 'timeout': with no listener that
// destroys the socket, and no callback (which Node registers as one), nothing ends the connect.
// A listener may sit anywhere the socket goes (another method, another module it is handed to),
// so the project's every `.on('timeout', …)` counts: only a project with none is sure to have none.
import { ts } from 'ts-morph';
import { enclosingFunction, isFunctionBoundary, thisMemberName, unwrap } from '../shared/ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { turnsBoundOff } from './member-holders';

/**
 * `.on('timeout', …)` and the like, `once(socket, 'timeout')` (node:events, p-event), or
 * `x.ontimeout = …`, written anywhere in the text.
 */
const TIMEOUT_LISTENER = /\.(?:on|once|addListener|prependListener|prependOnceListener)\(\s*['"`]timeout['"`]|,\s*['"`]timeout['"`]\s*[,)]|\.ontimeout\s*=/;

/** The file registers some listener for a 'timeout' event. */
export function listensForTimeout(text: string): boolean {
  return TIMEOUT_LISTENER.test(text);
}

/** `x.setTimeout(ms)` with no callback: it arms an idle timer whose firing nobody in this call hears. */
export function armsIdleTimerOnly(call: ts.CallExpression): boolean {
  const e = unwrap(call.expression);
  return ts.isPropertyAccessExpression(e) && e.name.text === 'setTimeout' && call.arguments.length < 2;
}

/**
 * `this.socket.connect(…)` in a function that arms only an idle timer on that same member
 * (`this.socket.setTimeout(ms)`): the author meant that as the connect's bound, and it is none.
 */
export function idleTimedMember(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const member = thisMemberName(callee.expression);
  const scope = enclosingFunction(call);
  if (member === undefined || !scope) return false;
  let idle = false;
  // `this.socket.setTimeout(ms, () => this.socket.destroy())`: a timer whose callback Node registers as a listener.
  let heard = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(unwrap(n.expression)) &&
      thisMemberName((unwrap(n.expression) as ts.PropertyAccessExpression).expression) === member && !turnsBoundOff(n)) {
      if (armsIdleTimerOnly(n)) idle = true;
      else if ((unwrap(n.expression) as ts.PropertyAccessExpression).name.text === 'setTimeout') heard = true;
    }
    if (n !== scope && isFunctionBoundary(n)) return SKIP;
  };
  walkTree(scope, visit);
  return idle && !heard;
}

const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** `x.on('timeout', …)`: a listener for the idle timeout on this one object. */
export function listensForTimeoutEvent(call: ts.CallExpression): boolean {
  const e = unwrap(call.expression);
  const first = call.arguments[0] && unwrap(call.arguments[0]);
  return ts.isPropertyAccessExpression(e) && LISTENER_METHODS.has(e.name.text) && first !== undefined && ts.isStringLiteralLike(first) && first.text === 'timeout';
}

/** The function making the connection also arms a timer (`setTimeout(…)`), which may be its watchdog. */
export function armsTimerBeside(node: ts.Node): boolean {
  const scope = enclosingFunction(node);
  return scope !== undefined && /(^|[^.\w$])setTimeout\s*\(/.test(scope.getText());
}
