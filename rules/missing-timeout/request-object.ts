// `fetch(request)` with no init of its own, where `request = new Request(input, init)`: the
// Request carries the signal it was built with. A fetch-compatible wrapper builds it from its own
// parameters (urllib's `fetch(input, init)` does `new Request(input, init)`, then
// `UndiciFetch(request)`), so the caller's `init.signal`, or the signal of a Request the caller
// passed as `input`, travels inside it: the bound is the caller's, like `fetch(url, init)`.
// A Request built from literals we can read (`new Request(url, { method: 'POST' })`) is read as
// those options.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { unwrap } from '../shared/ast';
import { cannotBeOptions, readOptions, type OptionsState } from './call-options';

/** The options a call's lone Request argument was built with when they bound it or are out of sight; undefined when they hold no bound, or the argument is no Request we can see made. */
export function requestObjectOptions(call: ts.CallExpression | ts.NewExpression, optionsArg: number, boundedBy: readonly string[]): OptionsState | undefined {
  const args = call.arguments ?? [];
  if (optionsArg !== 1 || args.length !== 1 || !boundedBy.includes('signal')) return undefined;
  const made = requestMade(unwrap(args[0]));
  if (!made) return undefined;
  const init = readOptions(made, 1, boundedBy);
  if (init.state !== 'missing') return init;
  // `new Request(input)` with `input` a parameter that may itself be a Request, signal and all.
  const input = made.arguments?.[0] && unwrap(made.arguments[0]);
  if (input && ts.isIdentifier(input) && !cannotBeOptions(input) && ts.isParameter(findDeclaration(input.text, input) ?? input)) return { state: 'unknown' };
  // No bound: read as a fetch without init, which a fix gives one (`fetch(request, { signal })` overrides the Request's).
  return undefined;
}

/** `new Request(…)` in place, or in a `const` the argument names. */
function requestMade(e: ts.Expression): ts.NewExpression | undefined {
  let made = e;
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const)) return undefined;
    made = unwrap(decl.initializer);
  }
  return ts.isNewExpression(made) && ts.isIdentifier(made.expression) && made.expression.text === 'Request' ? made : undefined;
}
