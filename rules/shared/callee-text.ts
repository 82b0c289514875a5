// A callee's text for a message, each call inside it shortened to `(…)`: `await x(a, b).catch()`
// reads `x(…).catch()`, never a cut through the first argument list (`x(…()`).
import { ts } from 'ts-morph';
import { clipText } from './clip-text';

/**
 * The callee on one line without spaces (`handle(id).catch`) when it fits in `max` characters;
 * else each call in it shortened (`this.disconnectFromTarget(…).catch` for
 * `this.disconnectFromTarget(force, again).catch`); else the middle of the chain gives way
 * (`this.….catch`).
 */
export function calleeText(callee: ts.Expression, sf: ts.SourceFile, max: number): string {
  // Short enough as written: arguments and all (`handle(id).catch`).
  const written = callee.getText(sf).replace(/\s+/g, '');
  if (written.length <= max) return written;
  const parts = chainParts(callee, sf);
  const whole = parts.join('');
  if (whole.length <= max) return whole;
  // Keep the head and the longest tail that starts at a member name and fits.
  let tail = '';
  for (let i = parts.length - 1, built = ''; i >= 1; i--) {
    built = parts[i] + built;
    if (`${parts[0]}.…${built}`.length > max) break;
    if (parts[i].startsWith('.') || parts[i].startsWith('?.')) tail = built;
  }
  return tail ? `${parts[0]}.…${tail}` : clipText(whole, max);
}

/** `this`, `.disconnectFromTarget`, `(…)`, `.catch`: the steps of a member and call chain. */
function chainParts(e: ts.Expression, sf: ts.SourceFile): string[] {
  if (ts.isPropertyAccessExpression(e)) return [...chainParts(e.expression, sf), `${e.questionDotToken ? '?.' : '.'}${e.name.text}`];
  if (ts.isCallExpression(e)) return [...chainParts(e.expression, sf), `${e.questionDotToken ? '?.' : ''}(${e.arguments.length ? '…' : ''})`];
  if (ts.isNonNullExpression(e)) return [...chainParts(e.expression, sf), '!'];
  // Anything else as written, without its spaces (`(0,tslib_1.load)`).
  return [e.getText(sf).replace(/\s+/g, '')];
}
