// What a package does when it is asked to stop (SIGTERM, SIGINT): a handler that ends the
// process (`process.exit`, a shutdown library, the runtime shim), or one that closes what it
// knows and waits for the event loop to drain. Only in the second case can a handle someone
// forgot to close keep the process alive; with no handler at all Node exits at once on SIGTERM.
import { ts } from 'ts-morph';
import { SHIM_SHUTDOWN, SHUTDOWN_LIBRARIES } from '../../engine/knowledge';
import { findDeclaration } from '../../engine/scope';
import { isFunctionBoundary, Outer, skipOuter } from './ast';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** 'exits': the handler ends the process; 'drains': it lets the event loop empty. */
export type SignalHandling = 'exits' | 'drains';

/** The signals an orchestrator (SIGTERM) or a terminal (SIGINT) stops a service with. */
export const STOP_SIGNALS: readonly string[] = ['SIGTERM', 'SIGINT'];

const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/**
 * The handling a call installs: `process.on('SIGTERM', fn)` (or a signal held in a variable,
 * when the file names a stop signal), the shim's `onShutdown(fn)`, which exits once its hooks
 * ran; undefined for any other call.
 */
export function signalHandlingOf(call: ts.CallExpression): SignalHandling | undefined {
  const callee = skipOuter(call.expression, Outer.Parens);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (name === SHIM_SHUTDOWN || name === 'shutdownSignal') return 'exits';
  if (!ts.isPropertyAccessExpression(callee) || !LISTEN_METHODS.has(callee.name.text)) return undefined;
  if (!ts.isIdentifier(callee.expression) || callee.expression.text !== 'process') return undefined;
  const [event, handler] = call.arguments;
  if (!event || !handler) return undefined;
  if (ts.isStringLiteralLike(event)) {
    if (!STOP_SIGNALS.includes(event.text)) return undefined;
  } else if (!STOP_SIGNALS.some((s) => call.getSourceFile().text.includes(`'${s}'`) || call.getSourceFile().text.includes(`"${s}"`))) {
    return undefined;
  }
  return reachesExit(handler, 0, new Set()) ? 'exits' : 'drains';
}

/** An import of a library that installs signal handling that ends the process (terminus, close-with-grace…). */
export function isShutdownLibraryImport(node: ts.StringLiteral): boolean {
  if (!SHUTDOWN_LIBRARIES.includes(node.text)) return false;
  const p = node.parent;
  if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p)) return p.moduleSpecifier === node;
  return ts.isCallExpression(p) && p.arguments[0] === node &&
    ((ts.isIdentifier(p.expression) && p.expression.text === 'require') || p.expression.kind === ts.SyntaxKind.ImportKeyword);
}

/**
 * The handler, or a function it calls (a local function, a method of the same class), calls
 * `process.exit()` or re-sends the signal to itself (`process.kill(process.pid, …)`), at any
 * depth of callbacks: `server.close(() => process.exit(0))` exits, and so does handing `process.exit`
 * itself to be called (`process.nextTick(process.exit)`, peerflix-server's last step).
 */
function reachesExit(handler: ts.Node, depth: number, seen: Set<ts.Node>): boolean {
  const fn = functionOf(handler);
  if (!fn || seen.has(fn) || depth > 3) return false;
  seen.add(fn);
  const visit = (n: ts.Node): boolean => {
    if (ts.isCallExpression(n)) {
      const callee = skipOuter(n.expression, Outer.Parens);
      if (isProcessCall(callee, 'exit') || isProcessCall(callee, 'abort') || (isProcessCall(callee, 'kill') && n.arguments[0]?.getText() === 'process.pid')) return true;
      const target = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword ? callee : undefined;
      if (target && reachesExit(target, depth + 1, seen)) return true;
      for (const a of n.arguments) {
        // `process.nextTick(process.exit)`, `server.close(process.exit)`: exit handed over to be called.
        const handed = skipOuter(a, Outer.Parens);
        if (isProcessCall(handed, 'exit') || isProcessCall(handed, 'abort')) return true;
        if ((ts.isIdentifier(a) || isThisMember(a)) && reachesExit(a, depth + 1, seen)) return true;
      }
    }
    if (ts.isClassLike(n)) return false;
    return ts.forEachChild(n, (c) => visit(c) || undefined) ?? false;
  };
  return fn.body !== undefined && visit(fn.body);
}

function isThisMember(e: ts.Node): boolean {
  return ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword;
}

function isProcessCall(callee: ts.Expression, method: string): boolean {
  return ts.isPropertyAccessExpression(callee) && callee.name.text === method && ts.isIdentifier(callee.expression) && callee.expression.text === 'process';
}

/** The function a handler expression stands for: inline, a local function by name, `this.stop`, `this.stop.bind(this)`. */
export function functionOf(handler: ts.Node): ts.FunctionLikeDeclaration | undefined {
  let e = handler;
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'bind') e = e.expression.expression;
  if (ts.isExpression(e)) e = skipOuter(e, Outer.Parens | Outer.As | Outer.NonNull);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isFunctionDeclaration(e) || ts.isMethodDeclaration(e)) return e;
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (decl && ts.isFunctionDeclaration(decl)) return decl;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
      const init = skipOuter(decl.initializer, Outer.Parens);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) return thisMethod(e);
  return undefined;
}

/** `this.stop` -> the class's `stop()` method (or a property holding a function, or `this.stop = () => …` set in the class). */
export function thisMethod(access: ts.PropertyAccessExpression): ts.FunctionLikeDeclaration | undefined {
  let cls: ts.Node | undefined = access.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls || !ts.isClassLike(cls)) return undefined;
  const name = access.name.text;
  for (const m of cls.members) {
    if (!m.name || !(ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)) || m.name.text !== name) continue;
    if (ts.isMethodDeclaration(m)) return m;
    if (ts.isPropertyDeclaration(m) && m.initializer) {
      const init = skipOuter(m.initializer, Outer.Parens);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
  }
  // `this._closeFn = () => …` assigned in some method of the class.
  let found: ts.FunctionLikeDeclaration | undefined;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) &&
      n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === name) {
      const init = skipOuter(n.right, Outer.Parens);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) found = init;
    }
    if (isFunctionBoundary(n) && ts.isClassLike(n) && n !== cls) return SKIP;
  };
  walkTree(cls, visit);
  return found;
}
