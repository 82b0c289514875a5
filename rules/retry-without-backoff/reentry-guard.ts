// A function that calls itself again from its failure handler, with arguments for which that
// handler's retry guard is false: `async getDevices(isSync = true) { … catch (err) { if (!isSync &&
// retryable(err)) { await sleep(30000); return this.getDevices() } throw err } }` — the call again
// takes the default `isSync = true`, so its own failure is thrown, not retried. One retry, not a
// loop. Read from the literal values the call passes (or the defaults it leaves), nothing more.
import { ts } from 'ts-morph';
import { skipOuter } from '../shared/ast';
import { RETRY_WRAPPERS } from './retry-delays';

type Known = { value: unknown };
type Env = Map<string, Known>;

/**
 * The call again binds the function's parameters so that a condition on the way to it is false
 * (`if (!isSync && …)` with `isSync` bound to `true`), or so that a leaving `if` before it in the
 * handler is true (`if (isSync) throw err`): the attempt it makes is the last.
 */
export function reentryTurnsGuardOff(fn: ts.SignatureDeclaration & { body?: ts.Node }, call: ts.CallExpression, args: readonly ts.Expression[], handler: ts.Node): boolean {
  const env = boundParameters(fn, args);
  if (!env.size) return false;
  for (let n: ts.Node = call; n !== handler && n.parent && n !== fn; n = n.parent) {
    const p = n.parent;
    let guard: ts.Expression | undefined;
    let needed = true;
    if (ts.isIfStatement(p) && p.expression !== n) { guard = p.expression; needed = p.thenStatement === n; }
    else if (ts.isConditionalExpression(p) && p.condition !== n) { guard = p.condition; needed = p.whenTrue === n; }
    else if (ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) guard = p.left;
    if (guard && truth(guard, env) === !needed) return true;
    // `if (isSync) throw err;` among the statements before the one that holds the call.
    if (ts.isBlock(p)) {
      for (const s of p.statements) {
        if (s === n) break;
        if (ts.isIfStatement(s) && leaves(s.thenStatement) && truth(s.expression, env) === true) return true;
      }
    }
  }
  return false;
}

/** Each parameter the call binds to a literal, or leaves to a literal default (or to `undefined`). */
function boundParameters(fn: ts.SignatureDeclaration & { body?: ts.Node }, args: readonly ts.Expression[]): Env {
  const env: Env = new Map();
  fn.parameters.forEach((p, i) => {
    if (!ts.isIdentifier(p.name) || p.dotDotDotToken || (fn.body && reassigned(fn.body, p.name.text))) return;
    const arg = args[i];
    if (args.some((a) => ts.isSpreadElement(a))) return;
    const given = arg ? literal(arg) : p.initializer ? literal(p.initializer) : { value: undefined };
    // `f(undefined)` takes the default, as an omitted argument does.
    const value = given && given.value === undefined && p.initializer ? literal(p.initializer) : given;
    if (value) env.set(p.name.text, value);
  });
  return env;
}

function literal(e: ts.Expression): Known | undefined {
  const x = skipOuter(e, RETRY_WRAPPERS);
  if (x.kind === ts.SyntaxKind.TrueKeyword) return { value: true };
  if (x.kind === ts.SyntaxKind.FalseKeyword) return { value: false };
  if (x.kind === ts.SyntaxKind.NullKeyword) return { value: null };
  if (ts.isIdentifier(x) && x.text === 'undefined') return { value: undefined };
  if (ts.isNumericLiteral(x)) return { value: Number(x.text) };
  if (ts.isStringLiteralLike(x)) return { value: x.text };
  return undefined;
}

function valueOf(e: ts.Expression, env: Env): Known | undefined {
  const x = skipOuter(e, RETRY_WRAPPERS);
  if (ts.isIdentifier(x) && env.has(x.text)) return env.get(x.text);
  return literal(x);
}

/** What a condition comes to under the bound parameters: true, false, or undefined when it depends on more. */
function truth(e: ts.Expression, env: Env): boolean | undefined {
  const x = skipOuter(e, RETRY_WRAPPERS);
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
    const t = truth(x.operand, env);
    return t === undefined ? undefined : !t;
  }
  if (ts.isBinaryExpression(x)) {
    const op = x.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) {
      const a = truth(x.left, env);
      const b = truth(x.right, env);
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return a === false || b === false ? false : a === true && b === true ? true : undefined;
      return a === true || b === true ? true : a === false && b === false ? false : undefined;
    }
    const l = valueOf(x.left, env);
    const r = valueOf(x.right, env);
    if (!l || !r) return undefined;
    switch (op) {
      case ts.SyntaxKind.EqualsEqualsEqualsToken: return l.value === r.value;
      case ts.SyntaxKind.ExclamationEqualsEqualsToken: return l.value !== r.value;
      // eslint-disable-next-line eqeqeq
      case ts.SyntaxKind.EqualsEqualsToken: return l.value == r.value;
      // eslint-disable-next-line eqeqeq
      case ts.SyntaxKind.ExclamationEqualsToken: return l.value != r.value;
      default: return undefined;
    }
  }
  const v = valueOf(x, env);
  return v ? Boolean(v.value) : undefined;
}

/** A `throw` or `return` at the top of a branch. */
function leaves(s: ts.Statement): boolean {
  if (ts.isThrowStatement(s) || ts.isReturnStatement(s)) return true;
  return ts.isBlock(s) && s.statements.some((x) => ts.isThrowStatement(x) || ts.isReturnStatement(x));
}

/** The function writes the parameter itself: its value at the guard is not the one the call passed. */
function reassigned(body: ts.Node, name: string): boolean {
  const visit = (n: ts.Node): boolean => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const left = skipOuter(n.left, RETRY_WRAPPERS);
      if (ts.isIdentifier(left) && left.text === name) return true;
    }
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand) && n.operand.text === name &&
      (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) return true;
    return ts.forEachChild(n, visit) ?? false;
  };
  return visit(body);
}
