// What a loop body shows about ending: a statement that leaves the loop, a stop-signal check,
// an `await` (the loop yields to the event loop) or a `yield` (the consumer controls it).
// Walks only the body, and never into nested functions: a `return` in a callback leaves the
// callback, not the loop.
import { ts } from 'ts-morph';
import type { RuleContext } from '../../engine/types';

export interface LoopBodySummary {
  /** A `break`/`continue` that targets an outer statement, `return`, uncaught `throw`, `process.exit()`. */
  exits: boolean;
  /** `signal.aborted`, `signal.throwIfAborted()`, or a signal handed to a call. */
  checksSignal: boolean;
  awaits: boolean;
  yields: boolean;
}

/** Names a stop signal goes by when handed to a call: `signal`, `abortSignal`, `shutdownSignal`. */
export const SIGNAL_NAME = /^(signal|[a-z]\w*Signal)$/;

export function analyzeLoopBody(ctx: RuleContext, body: ts.Statement): LoopBodySummary {
  const summary: LoopBodySummary = { exits: false, checksSignal: false, awaits: false, yields: false };
  const labels: string[] = [];

  // breakable: nested loops/switches between here and the loop; caught: inside a try block with a catch.
  const visit = (n: ts.Node, breakable: number, caught: boolean): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    switch (n.kind) {
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement: {
        const label = (n as ts.BreakOrContinueStatement).label?.text;
        if (label !== undefined ? !labels.includes(label) : n.kind === ts.SyntaxKind.BreakStatement && breakable === 0) summary.exits = true;
        return;
      }
      case ts.SyntaxKind.ReturnStatement:
        summary.exits = true;
        return;
      case ts.SyntaxKind.ThrowStatement:
        if (!caught) summary.exits = true;
        break;
      case ts.SyntaxKind.LabeledStatement: {
        const l = n as ts.LabeledStatement;
        labels.push(l.label.text);
        visit(l.statement, breakable, caught);
        labels.pop();
        return;
      }
      case ts.SyntaxKind.TryStatement: {
        const t = n as ts.TryStatement;
        visit(t.tryBlock, breakable, caught || t.catchClause !== undefined);
        if (t.catchClause) visit(t.catchClause, breakable, caught);
        if (t.finallyBlock) visit(t.finallyBlock, breakable, caught);
        return;
      }
      case ts.SyntaxKind.AwaitExpression:
        summary.awaits = true;
        break;
      case ts.SyntaxKind.YieldExpression:
        summary.yields = true;
        break;
      case ts.SyntaxKind.PropertyAccessExpression:
        if ((n as ts.PropertyAccessExpression).name.text === 'aborted') summary.checksSignal = true;
        break;
      case ts.SyntaxKind.ShorthandPropertyAssignment:
      case ts.SyntaxKind.PropertyAssignment: {
        const name = (n as ts.PropertyAssignment).name;
        // A signal handed on can stop the loop, unless it is a fresh per-call timeout (`AbortSignal.timeout(5000)`).
        if (ts.isIdentifier(name) && name.text === 'signal' && !(ts.isPropertyAssignment(n) && isFreshTimeoutSignal(n.initializer))) summary.checksSignal = true;
        break;
      }
      case ts.SyntaxKind.CallExpression:
        inspectCall(ctx, n as ts.CallExpression, summary);
        break;
    }
    if (ts.isForOfStatement(n) && n.awaitModifier) summary.awaits = true;
    const nested = ts.isIterationStatement(n, false) || ts.isSwitchStatement(n) ? breakable + 1 : breakable;
    ts.forEachChild(n, (c) => visit(c, nested, caught));
  };
  visit(body, 0, false);
  return summary;
}

function inspectCall(ctx: RuleContext, call: ts.CallExpression, summary: LoopBodySummary): void {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'throwIfAborted') summary.checksSignal = true;
  if (isProcessExit(ctx, callee)) summary.exits = true;
  // A signal handed to an awaited call rejects it on abort, which leaves the loop.
  for (const arg of call.arguments) {
    const name = ts.isIdentifier(arg) ? arg.text : ts.isPropertyAccessExpression(arg) ? arg.name.text : undefined;
    if (name !== undefined && SIGNAL_NAME.test(name)) summary.checksSignal = true;
  }
}

/** `process.exit()`, `process.abort()`, also through `import process from 'node:process'`. */
export function isProcessExit(ctx: RuleContext, callee: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'exit' && callee.name.text !== 'abort')) return false;
  const resolved = ctx.resolveCallee(callee);
  if (!resolved) return false;
  const call = resolved.module === 'global' ? resolved.call : resolved.module === 'process' ? `process.${resolved.call}` : '';
  return call === 'process.exit' || call === 'process.abort';
}

/** The counted and condition loops the loop rules report (not `for…of`/`for…in`). */
export type Loop = ts.WhileStatement | ts.DoStatement | ts.ForStatement;

/** The loop as a message names it: `while (true)`, `for (;;)`, `do … while (true)`. */
export function loopHeader(ctx: RuleContext, loop: Loop): string {
  const sf = ctx.sourceFile;
  if (ts.isDoStatement(loop)) return `do … while (${loop.expression.getText(sf)})`;
  const header = ctx.text.slice(loop.getStart(sf), loop.statement.getStart(sf)).trim().replace(/\s+/g, ' ');
  return header.length > 60 ? header.slice(0, 57) + '…' : header;
}

/** The loop keyword, where loop findings are reported. */
export function keywordRange(ctx: RuleContext, loop: Loop): { start: number; end: number } {
  const start = loop.getStart(ctx.sourceFile);
  const keyword = ts.isDoStatement(loop) ? 'do' : ts.isForStatement(loop) ? 'for' : 'while';
  return { start, end: start + keyword.length };
}

/** `AbortSignal.timeout(ms)`: a signal made for one call, aborted by its clock, never by a stop. */
function isFreshTimeoutSignal(e: ts.Expression): boolean {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x)) x = x.expression;
  return ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && x.expression.name.text === 'timeout' &&
    ts.isIdentifier(x.expression.expression) && x.expression.expression.text === 'AbortSignal';
}
