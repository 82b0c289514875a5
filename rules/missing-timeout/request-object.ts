// `fetch(request)` with no init of its own, where `request = new Request(input, init)`: the
// Request carries the signal it was built with. A fetch-compatible wrapper builds it from its own
// parameters (urllib's `fetch(input, init)` does `new Request(input, init)`, then
// `UndiciFetch(request)`), so the caller's `init.signal`, or the signal of a Request the caller
// passed as `input`, travels inside it: the bound is the caller's, like `fetch(url, init)`.
// A Request built from literals we can read (`new Request(url, { method: 'POST' })`) is read as
// those options, whoever builds it: in place, a `const`, a helper of the file that returns it
// (`this.generateRequest(action)`), or, for a parameter of a method its class alone calls, what
// every call site passes (svrooij/sonos: `this.handleRequest(this.generateRequest(…))`, each
// Request carrying node-fetch v2's `timeout: 30000`).
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { isFunctionBoundary, unwrap } from '../shared/ast';
import { functionOf } from '../shared/shutdown-handlers';
import { walkTree, SKIP, type WalkAnswer } from '../../engine/file-nodes';
import { cannotBeOptions, readOptions, type OptionsState } from './call-options';
import { privateCallSites } from './caller-bounded';

/** The options a call's lone Request argument was built with when they bound it or are out of sight; undefined when they hold no bound, or the argument is no Request we can see made. */
export function requestObjectOptions(call: ts.CallExpression | ts.NewExpression, optionsArg: number, boundedBy: readonly string[]): OptionsState | undefined {
  const args = call.arguments ?? [];
  if (optionsArg !== 1 || args.length !== 1 || !boundedBy.includes('signal')) return undefined;
  const arg = unwrap(args[0]);
  const made = requestMade(arg);
  if (!made) return passedRequestsBounded(arg, boundedBy) ? { state: 'bounded' } : undefined;
  const init = readOptions(made, 1, boundedBy);
  if (init.state !== 'missing') return init;
  // `new Request(input)` with `input` a parameter that may itself be a Request, signal and all.
  const input = made.arguments?.[0] && unwrap(made.arguments[0]);
  if (input && ts.isIdentifier(input) && !cannotBeOptions(input) && ts.isParameter(findDeclaration(input.text, input) ?? input)) return { state: 'unknown' };
  // No bound: read as a fetch without init, which a fix gives one (`fetch(request, { signal })` overrides the Request's).
  return undefined;
}

/** `new Request(…)` in place, in a `const` the argument names, or returned by a function of the file the argument calls. */
function requestMade(e: ts.Expression): ts.NewExpression | undefined {
  let made = e;
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const)) return undefined;
    made = unwrap(decl.initializer);
  }
  if (ts.isCallExpression(made)) return builtRequest(made);
  return isRequestConstruction(made) ? made : undefined;
}

/** `new Request(…)`, `new nodeFetch.Request(…)` (node-fetch's own, compiled `node_fetch_1.Request`). */
function isRequestConstruction(e: ts.Expression): e is ts.NewExpression {
  if (!ts.isNewExpression(e)) return false;
  const c = e.expression;
  return (ts.isIdentifier(c) && c.text === 'Request') || (ts.isPropertyAccessExpression(c) && c.name.text === 'Request');
}

/** The one `new Request(…)` a helper of the file returns (`generateRequest(action, body) { return new Request(url, {…}) }`). */
function builtRequest(call: ts.CallExpression): ts.NewExpression | undefined {
  const fn = functionOf(call.expression);
  if (!fn?.body) return undefined;
  if (!ts.isBlock(fn.body)) return isRequestConstruction(unwrap(fn.body)) ? (unwrap(fn.body) as ts.NewExpression) : undefined;
  const returned: ts.Expression[] = [];
  let bare = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (n !== fn.body && isFunctionBoundary(n)) return SKIP;
    if (ts.isReturnStatement(n)) {
      if (n.expression) returned.push(unwrap(n.expression));
      else bare = true;
    }
  };
  walkTree(fn.body, visit);
  const made = returned[0];
  return !bare && returned.length === 1 && isRequestConstruction(made) ? made : undefined;
}

/** A parameter of a method only its class calls, where every call passes a Request built with a bound. */
function passedRequestsBounded(e: ts.Expression, boundedBy: readonly string[]): boolean {
  if (!ts.isIdentifier(e)) return false;
  const param = findDeclaration(e.text, e);
  if (!param || !ts.isParameter(param) || !ts.isMethodDeclaration(param.parent)) return false;
  const index = param.parent.parameters.indexOf(param);
  const sites = privateCallSites(param.parent);
  if (!sites?.length) return false;
  return sites.every((site) => {
    const arg = site.arguments[index];
    const made = arg && !ts.isSpreadElement(arg) ? requestMade(unwrap(arg)) : undefined;
    return made !== undefined && readOptions(made, 1, boundedBy).state === 'bounded';
  });
}
