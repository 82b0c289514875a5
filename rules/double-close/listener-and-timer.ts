// A local resource released in two callbacks of the function that made it, both of which run:
// a listener on the resource itself (`socket.on('error', () => socket.close())`) and a timer armed
// next to it (`setTimeout(() => socket.close(), ms)`). The listener runs first (an error, a reply);
// the timer still fires and releases it again, inside a timer, where a throw crashes the process.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { Outer, skipOuter } from '../shared/ast';

const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const TIMER_CLEARS = new Set(['clearTimeout', 'clearInterval']);

/** The callback a release sits in: a listener on the released binding (with its event) or a timer. */
export type ReleaseCallback =
  | { kind: 'listener'; event: string; fn: ts.FunctionLikeDeclaration; armedIn: ts.Node }
  | { kind: 'timer'; fn: ts.FunctionLikeDeclaration; armedIn: ts.Node };

/**
 * What callback `call` (a release of the binding `decl`) runs in, when it runs there on every path.
 * `'close'` listeners are left out: they run after a release, not before one.
 */
export function releaseCallback(call: ts.CallExpression, decl: ts.Node): ReleaseCallback | undefined {
  const fn = enclosingCallback(call);
  if (!fn || !runsUnconditionally(call, fn)) return undefined;
  const arm = skipParensUp(fn).parent;
  if (!ts.isCallExpression(arm)) return undefined;
  const armedIn = enclosingFunctionOf(arm);
  if (!armedIn) return undefined;
  const callee = skipOuter(arm.expression, Outer.Parens);
  if (ts.isIdentifier(callee) && callee.text === 'setTimeout' && arm.arguments[0] && skipOuter(arm.arguments[0], Outer.Parens) === fn) {
    return { kind: 'timer', fn, armedIn };
  }
  if (!ts.isPropertyAccessExpression(callee) || !LISTEN_METHODS.has(callee.name.text)) return undefined;
  const target = skipOuter(callee.expression, Outer.Parens);
  const [event, handler] = arm.arguments;
  if (!ts.isIdentifier(target) || findDeclaration(target.text, target) !== decl) return undefined;
  if (!event || !ts.isStringLiteralLike(event) || event.text === 'close' || !handler || skipOuter(handler, Outer.Parens) !== fn) return undefined;
  return { kind: 'listener', event: event.text, fn, armedIn };
}

/** The listener clears a timer (`clearTimeout(timer)`): the timer's release is then not left to run. */
export function clearsATimer(fn: ts.FunctionLikeDeclaration): boolean {
  const visit = (n: ts.Node): boolean => {
    if (ts.isCallExpression(n)) {
      const callee = skipOuter(n.expression, Outer.Parens);
      if ((ts.isIdentifier(callee) && TIMER_CLEARS.has(callee.text)) || (ts.isPropertyAccessExpression(callee) && TIMER_CLEARS.has(callee.name.text))) return true;
    }
    return ts.forEachChild(n, (c) => visit(c) || undefined) ?? false;
  };
  return fn.body ? visit(fn.body) : false;
}

function enclosingCallback(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  const fn = enclosingFunctionOf(node);
  return fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? fn : undefined;
}

function enclosingFunctionOf(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n as ts.FunctionLikeDeclaration;
  return undefined;
}

function skipParensUp(node: ts.Node): ts.Node {
  let n = node;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  return n;
}

/** No branch, short circuit, `catch`, loop or early exit between the callback's start and the call. */
function runsUnconditionally(call: ts.CallExpression, fn: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (!body) return false;
  for (let n: ts.Node = call; n !== body; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && n !== p.expression) return false;
    if (ts.isConditionalExpression(p) && n !== p.condition) return false;
    if (ts.isBinaryExpression(p) && n === p.right && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(p.operatorToken.kind)) return false;
    if (ts.isCatchClause(p) || ts.isCaseClause(p) || ts.isDefaultClause(p) || ts.isIterationStatement(p, false)) return false;
    if (ts.isCallExpression(p) && p.questionDotToken) return false;
  }
  if (!ts.isBlock(body)) return true;
  // An `if (…) return` before the release makes it conditional too.
  const pos = call.getStart();
  return !body.statements.some((s) => s.end <= pos && (ts.isIfStatement(s) || ts.isReturnStatement(s) || ts.isThrowStatement(s)));
}
