// The fix for a socket connect with no bound: destroy the socket unless it connects in time, then
// turn the timer off, so a connection meant to idle (a bus, a subscription) is never cut:
//   const socket = net.connect(opts);
//   socket.setTimeout(10_000, () => socket.destroy(new Error('Timed out connecting')));
//   socket.once('connect', () => socket.setTimeout(0));
// Node's `timeout` option alone only emits 'timeout' after that much idle time and leaves the
// socket open; with a listener that destroys it, it would also cut every healthy idle connection.
import { ts } from 'ts-morph';
import { codeStyle, indentationAt, semi } from '../../engine/fix-text';
import type { RuleContext, TextEdit } from '../../engine/types';
import { enclosingFunction, isFunctionBoundary, unwrap } from '../shared/ast';
import { memberHolderRef, turnsBoundOff } from './member-holders';
import { armsIdleTimerOnly } from './idle-timeouts';

/** The event a connected socket emits: a TLS socket is ready once its handshake is done. */
function connectedEvent(module: string): string {
  return module === 'tls' || module === 'node:tls' ? 'secureConnect' : 'connect';
}

/**
 * Edits that add the connect bound after the statement that makes (`const s = net.connect(…)`,
 * `this.socket = tls.connect(…)`) or connects (`this.socket.connect(port, host)`) the socket;
 * undefined when the socket is not named there (returned, handed on), where no statement can follow.
 */
export function connectBoundEdits(ctx: RuleContext<any, any, any>, node: ts.CallExpression | ts.NewExpression, module: string, ms: string): TextEdit[] | undefined {
  const found = holderAndStatement(node);
  if (!found) return undefined;
  const { holder, statement } = found;
  const sf = ctx.sourceFile;
  const indent = indentationAt(sf.text, statement.getStart(sf));
  const end = semi(codeStyle(sf));
  // The code arms an idle timer of its own (`socket.setTimeout(3000)`) that nothing hears: make it end the socket.
  const text = armsOwnIdleTimer(statement, holder)
    ? `\n${indent}${holder}.on('timeout', () => ${holder}.destroy(new Error('Socket timed out')))${end}`
    : `\n${indent}${holder}.setTimeout(${ms}, () => ${holder}.destroy(new Error('Timed out connecting')))${end}` +
      `\n${indent}${holder}.once('${connectedEvent(module)}', () => ${holder}.setTimeout(0))${end}`;
  return [ctx.edit({ start: statement.end, end: statement.end }, text)];
}

/**
 * Names a socket the rule follows to its later calls: a local (`socket`), or a member of the object
 * (`this._socket`, `self.socket`). On another object (`peer.conn`) the bound would not be seen.
 */
function isHolderText(e: ts.Expression): boolean {
  const x = unwrap(e);
  return ts.isIdentifier(x) || (ts.isPropertyAccessExpression(x) && memberHolderRef(x) !== undefined);
}

function holderAndStatement(node: ts.CallExpression | ts.NewExpression): { holder: string; statement: ts.Statement } | undefined {
  const p = node.parent;
  // `this.socket.connect(port, host);`: the socket is the receiver.
  if (ts.isExpressionStatement(p) && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'connect' &&
    isHolderText(node.expression.expression)) {
    return inStatementList(p) ? { holder: unwrap(node.expression.expression).getText(), statement: p } : undefined;
  }
  // `const socket = net.connect(…);`
  if (ts.isVariableDeclaration(p) && p.initializer === node && ts.isIdentifier(p.name) && ts.isVariableDeclarationList(p.parent) &&
    p.parent.declarations.length === 1 && ts.isVariableStatement(p.parent.parent)) {
    const statement = p.parent.parent;
    return inStatementList(statement) ? { holder: p.name.text, statement } : undefined;
  }
  // `this.socket = net.connect(…);`
  if (ts.isBinaryExpression(p) && p.right === node && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && isHolderText(p.left) && ts.isExpressionStatement(p.parent)) {
    return inStatementList(p.parent) ? { holder: unwrap(p.left).getText(), statement: p.parent } : undefined;
  }
  return undefined;
}

/** `holder.setTimeout(ms)` with no callback, written in the same function as the connect. */
function armsOwnIdleTimer(statement: ts.Statement, holder: string): boolean {
  const fn = enclosingFunction(statement);
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && n.arguments.length === 1 && armsIdleTimerOnly(n) && !turnsBoundOff(n) &&
      (unwrap(n.expression) as ts.PropertyAccessExpression).expression.getText() === holder) found = true;
    else if (n === fn || !isFunctionBoundary(n)) ts.forEachChild(n, visit);
  };
  visit(fn ?? statement.getSourceFile());
  return found;
}

function inStatementList(s: ts.Statement): boolean {
  return ts.isBlock(s.parent) || ts.isSourceFile(s.parent) || ts.isModuleBlock(s.parent) || ts.isCaseClause(s.parent) || ts.isDefaultClause(s.parent);
}
