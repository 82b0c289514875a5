// A reply written for each frame of a buffer that came in. A parser loop walks the received bytes
// with a cursor it advances by what it reads (`for (let i = 0; i < view.byteLength; ) { const type
// = view.getUint8(i); i += 1; … }`), and a frame's case answers it on the object's own connection
// (`this.send(tuneOk).catch(this.rejectConnect)`, `this.socket.write(pong)`). The iterations are
// the frames the peer sent on that connection, and the replies are bytes queued on it in order:
// nothing is fanned out and nothing new is opened per frame. A reply whose rejection nothing
// handles is still a fault (an unhandled rejection once the connection is gone), reported as that.
import { ts } from 'ts-morph';
import { TYPE_ONLY_WRAPPERS, skipOuter } from '../shared/ast';
import { CONNECTION_WRITE_METHODS } from './concurrency-limiters';

/** `call` is a reply written on the object's own connection, per frame of a received buffer `loop` parses. */
export function repliesToReceivedFrame(call: ts.CallExpression, loop: ts.IterationStatement): boolean {
  return writesOnOwnConnection(call) && parsesReceivedBytes(loop);
}

/** `this.send(bytes)`, `this.socket.write(bytes)`: a write on the object itself or a connection it holds. */
function writesOnOwnConnection(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(callee) || !CONNECTION_WRITE_METHODS.has(callee.name.text)) return false;
  let receiver = skipOuter(callee.expression, TYPE_ONLY_WRAPPERS);
  if (ts.isPropertyAccessExpression(receiver)) receiver = skipOuter(receiver.expression, TYPE_ONLY_WRAPPERS);
  return receiver.kind === ts.SyntaxKind.ThisKeyword;
}

/**
 * A cursor loop over bytes: `for (let i = 0; i < buf.byteLength; )` or `while (pos < buf.length)`,
 * with no step of its own, whose body reads the buffer at the cursor by a method
 * (`view.getUint8(i)`, `buf.readUInt32BE(pos)`, not `xs[i]`) and advances the cursor by
 * `+=`: it walks what was read from the connection, not a list of elements.
 */
function parsesReceivedBytes(loop: ts.IterationStatement): boolean {
  let cond: ts.Expression | undefined;
  if (ts.isForStatement(loop)) {
    if (loop.incrementor) return false;
    cond = loop.condition;
  } else if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) {
    cond = loop.expression;
  }
  if (!cond) return false;
  const c = skipOuter(cond, TYPE_ONLY_WRAPPERS);
  if (!ts.isBinaryExpression(c) || (c.operatorToken.kind !== ts.SyntaxKind.LessThanToken && c.operatorToken.kind !== ts.SyntaxKind.LessThanEqualsToken)) return false;
  const cursor = skipOuter(c.left, TYPE_ONLY_WRAPPERS);
  const size = skipOuter(c.right, TYPE_ONLY_WRAPPERS);
  if (!ts.isIdentifier(cursor) || !ts.isPropertyAccessExpression(size) || (size.name.text !== 'byteLength' && size.name.text !== 'length')) return false;
  const buffer = skipOuter(size.expression, TYPE_ONLY_WRAPPERS).getText();
  let reads = false;
  let advances = false;
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken && skipOuter(n.left, TYPE_ONLY_WRAPPERS).getText() === cursor.text) advances = true;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && skipOuter(n.expression.expression, TYPE_ONLY_WRAPPERS).getText() === buffer &&
      n.arguments.some((a) => { const x = skipOuter(a, TYPE_ONLY_WRAPPERS); return ts.isIdentifier(x) && x.text === cursor.text; })) reads = true;
    ts.forEachChild(n, visit);
  };
  visit(loop.statement);
  return reads && advances;
}
