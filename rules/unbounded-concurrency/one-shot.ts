// Code that runs once, or only under a test runner: a fan-out there is no burst a service takes
// under load (the spec's one-shot code). Start-up is known by the name of a function around the
// fan-out (`init`, `performInitialization`, `bindManyPorts`), or by what the function does: it
// opens the service's listener (`app.listen(port, …)`), so what it loads before it serves (the
// data sources and styles its configuration names) is loaded once per start. Test-only code is
// known by a guard that refuses to run outside tests (`if (!process.env.TESTING) throw …`), and
// configuration loading by the folder or module it lives in (`src/config/`, `config-loader.js`).
import { ts } from 'ts-morph';
import { TYPE_ONLY_WRAPPERS, skipOuter } from '../shared/ast';
import { isCompletionCallback } from '../shared/run-once-closures';
import { isInvokedInPlace, isIterationCallback, isPromiseContinuation } from '../shared/start-up-reach';
import { CONFIG_LOADER_PATH, STARTUP_NAME } from './concurrency-limiters';
import { START_LIFECYCLE } from '../../engine/knowledge';

/** Inside a function named like start-up, the service's start-up, or one that only runs in tests. */
export function inOneShotCode(node: ts.Node): boolean {
  if (CONFIG_LOADER_PATH.test(node.getSourceFile().fileName)) return true;
  if (inServiceStartUp(node)) return true;
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const name = nameOf(n);
    if (name && STARTUP_NAME.test(name)) return true;
    if (isStartLifecycleHook(n)) return true;
    if (onlyRunsInTests(n)) return true;
  }
  return false;
}

/**
 * In the function that opens the service's listener, or in a callback that runs while it runs
 * (`.then(() => …)`, `fs.readdir(dir, (err, files) => …)`, `xs.forEach(…)`): tileserver-gl's
 * `start(opts)` loading each configured data source and each style of its styles directory before
 * `app.listen(port)`. A route or listener it registers (`app.get('/x', (req, res) => …)`) runs per
 * request, and is no start-up.
 */
function inServiceStartUp(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    if (isIterationCallback(n) || isPromiseContinuation(n) || isCompletionCallback(n) || isInvokedInPlace(n)) continue;
    return opensListener(n);
  }
  return false;
}

/** The function's own statements (not a function nested in them) call `….listen(…)`: `app.listen(port)`, `server.listen({ port })`. */
function opensListener(fn: ts.SignatureDeclaration): boolean {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'listen' && n.arguments.length > 0) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

function nameOf(fn: ts.SignatureDeclaration): string | undefined {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name) || ts.isStringLiteral(fn.name))) return fn.name.text;
  const p = fn.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return undefined;
}

/** The function opens with a guard that throws or returns unless a test environment is set (`TESTING`, `NODE_ENV === 'test'`). */
function onlyRunsInTests(fn: ts.SignatureDeclaration): boolean {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body || !ts.isBlock(body)) return false;
  const first = body.statements[0];
  if (!first || !ts.isIfStatement(first) || first.elseStatement) return false;
  const then = ts.isBlock(first.thenStatement) ? first.thenStatement.statements[0] : first.thenStatement;
  if (!then || !(ts.isThrowStatement(then) || ts.isReturnStatement(then))) return false;
  const test = skipOuter(first.expression, TYPE_ONLY_WRAPPERS);
  const text = test.getText();
  return /process\.env\.\w*TEST\w*/.test(text) && (ts.isPrefixUnaryExpression(test) || /!==?\s*['"]test['"]/.test(text)) ||
    /process\.env\.NODE_ENV\s*!==?\s*['"]test['"]/.test(text);
}

/**
 * `afterStart()` of a class, or `start()` of one that `implements Startable`: a hook the framework
 * calls once per start of the component (libp2p runs each node's hooks once when the node starts).
 */
function isStartLifecycleHook(fn: ts.SignatureDeclaration): boolean {
  if (!ts.isMethodDeclaration(fn) || !fn.name || !ts.isIdentifier(fn.name) || !START_LIFECYCLE.hooks.has(fn.name.text)) return false;
  if (START_LIFECYCLE.startOnlyHooks.has(fn.name.text)) return true;
  const cls = fn.parent;
  if (!ts.isClassLike(cls)) return false;
  return (cls.heritageClauses ?? []).some((h) => h.token === ts.SyntaxKind.ImplementsKeyword &&
    h.types.some((t) => START_LIFECYCLE.interfaces.has(t.expression.getText().split('.').pop() ?? '')));
}
