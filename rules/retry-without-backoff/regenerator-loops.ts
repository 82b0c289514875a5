// Babel's regenerator output of an async loop: `while (1) switch (_context.prev = _context.next) {
// case 2: … _context.next = 6; return z.queues.register(params); … case 16: _context.t0 =
// _context["catch"](2); logError(_context.t0); case 19: _context.next = 1; break; }`, with the
// try's places in `wrap(fn, …, [[2, 16]])`. Packages ship it compiled, so a retry loop written as
// `while (true) { try { … } catch (e) { log(e) } }` has no `try` left to read: the catch case is
// followed instead, through its fall-throughs and jumps, back to the try's entry with nothing
// awaited on the way (each `_context.next = N; return x` is an await).
import { ts } from 'ts-morph';
import { skipOuter } from '../shared/ast';
import { RETRY_WRAPPERS } from './retry-delays';

/** How many statements the walk from a catch case follows before it gives up. */
const MAX_STEPS = 200;

/** The call a compiled loop retries at once, forever, when its catch case leads straight back into the try. */
export function regeneratorRetry(loop: ts.WhileStatement): ts.CallExpression | undefined {
  const sw = skipBlock(loop.statement);
  if (!sw || !ts.isSwitchStatement(sw)) return undefined;
  const context = contextName(sw.expression);
  const tries = context ? tryLocations(loop) : undefined;
  if (!context || !tries) return undefined;
  const clauses = sw.caseBlock.clauses;
  const caseAt = new Map<number, number>();
  clauses.forEach((c, i) => {
    if (ts.isCaseClause(c) && ts.isNumericLiteral(c.expression)) caseAt.set(Number(c.expression.text), i);
  });
  for (const [tryLoc, catchLoc] of tries) {
    const from = caseAt.get(catchLoc);
    if (from === undefined) continue;
    const call = walkBackToTry(clauses, caseAt, from, context, tryLoc);
    if (call) return call;
  }
  return undefined;
}

function skipBlock(s: ts.Statement): ts.Statement | undefined {
  return ts.isBlock(s) ? (s.statements.length === 1 ? s.statements[0] : undefined) : s;
}

/** `_context.prev = _context.next`: the state machine's name for its context. */
function contextName(e: ts.Expression): string | undefined {
  const x = skipOuter(e, RETRY_WRAPPERS);
  if (!ts.isBinaryExpression(x) || x.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const l = x.left;
  const r = x.right;
  if (!ts.isPropertyAccessExpression(l) || !ts.isPropertyAccessExpression(r) || l.name.text !== 'prev' || r.name.text !== 'next') return undefined;
  return ts.isIdentifier(l.expression) && l.expression.getText() === r.expression.getText() ? l.expression.text : undefined;
}

/** `wrap(function _callee$(_context) { while (1) … }, _callee, this, [[2, 16]])`: each try's entry and catch case. */
function tryLocations(loop: ts.WhileStatement): [number, number][] | undefined {
  let fn: ts.Node = loop.parent;
  while (ts.isBlock(fn)) fn = fn.parent;
  if (!ts.isFunctionExpression(fn) || !ts.isCallExpression(fn.parent) || fn.parent.arguments[0] !== fn) return undefined;
  const call = fn.parent;
  const callee = skipOuter(call.expression, RETRY_WRAPPERS);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isElementAccessExpression(callee) && ts.isStringLiteral(callee.argumentExpression) ? callee.argumentExpression.text : undefined;
  const locs = call.arguments[3];
  if (name !== 'wrap' || !locs || !ts.isArrayLiteralExpression(locs)) return undefined;
  const out: [number, number][] = [];
  for (const entry of locs.elements) {
    if (!ts.isArrayLiteralExpression(entry)) continue;
    const [t, c] = entry.elements;
    if (t && c && ts.isNumericLiteral(t) && ts.isNumericLiteral(c)) out.push([Number(t.text), Number(c.text)]);
  }
  return out;
}

/**
 * From the catch case, the path taken on every failure: fall through, follow `_context.next = N;
 * break;`, and stop at anything that leaves, awaits, or branches on a real condition. When it
 * re-enters the try (`_context.prev = tryLoc`), the try's first awaited call is the one retried.
 */
function walkBackToTry(clauses: readonly ts.CaseOrDefaultClause[], caseAt: ReadonlyMap<number, number>, from: number, context: string, tryLoc: number): ts.CallExpression | undefined {
  let clause = from;
  let at = 0;
  let inTry = false;
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    const stmts = clauses[clause]?.statements;
    if (!stmts) return undefined;
    if (at >= stmts.length) {
      clause += 1;
      at = 0;
      continue;
    }
    const s = stmts[at];
    const next = setsNext(s, context);
    if (next !== undefined) {
      const after = stmts[at + 1];
      if (after && ts.isBreakStatement(after) && !after.label) {
        const target = caseAt.get(next);
        if (target === undefined) return undefined;
        clause = target;
        at = 0;
        continue;
      }
      // `_context.next = N; return x;`: an await of x.
      if (after && ts.isReturnStatement(after) && after.expression) {
        const awaited = skipOuter(after.expression, RETRY_WRAPPERS);
        return inTry && ts.isCallExpression(awaited) ? awaited : undefined;
      }
      return undefined;
    }
    if (setsPrev(s, context) === tryLoc) inTry = true;
    else if (ts.isIfStatement(s)) {
      if (!isConstantFalse(s.expression)) return undefined;
    } else if (!ts.isExpressionStatement(s) || isContextCall(s, context, /^(abrupt|stop|finish|delegateYield)$/)) return undefined;
    at += 1;
  }
  return undefined;
}


/** `_context.next = 6;`: the number. */
function setsNext(s: ts.Statement, context: string): number | undefined {
  return setsField(s, context, 'next');
}

function setsPrev(s: ts.Statement, context: string): number | undefined {
  return setsField(s, context, 'prev');
}

function setsField(s: ts.Statement, context: string, field: string): number | undefined {
  if (!ts.isExpressionStatement(s)) return undefined;
  const e = skipOuter(s.expression, RETRY_WRAPPERS);
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isNumericLiteral(e.right)) return undefined;
  const l = e.left;
  return ts.isPropertyAccessExpression(l) && l.name.text === field && ts.isIdentifier(l.expression) && l.expression.text === context ? Number(e.right.text) : undefined;
}

/** `_context.abrupt("return", …)`, `_context.stop()`: the generator leaves. */
function isContextCall(s: ts.ExpressionStatement, context: string, names: RegExp): boolean {
  const e = skipOuter(s.expression, RETRY_WRAPPERS);
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return false;
  return ts.isIdentifier(e.expression.expression) && e.expression.expression.text === context && names.test(e.expression.name.text);
}

/** `!true`, `!1`, `false`: the compiled head of `while (true)`. */
function isConstantFalse(e: ts.Expression): boolean {
  const x = skipOuter(e, RETRY_WRAPPERS);
  if (x.kind === ts.SyntaxKind.FalseKeyword) return true;
  if (!ts.isPrefixUnaryExpression(x) || x.operator !== ts.SyntaxKind.ExclamationToken) return false;
  const o = skipOuter(x.operand, RETRY_WRAPPERS);
  return o.kind === ts.SyntaxKind.TrueKeyword || (ts.isNumericLiteral(o) && Number(o.text) !== 0);
}
