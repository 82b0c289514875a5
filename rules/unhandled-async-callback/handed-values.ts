// What an argument or a receiver stands for, followed through the names it is known by: the
// async function handed to `on` by name (`process.on('SIGTERM', shutdown)`,
// `watcher.on('add', this.onFileAdded)`), and the value an emitter or app was made from
// (`this.app = express()` in the constructor, `const rl = readline.createInterface(…)`).
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { isAsync, isFunctionBoundary, memberName, skipOuter, thisMemberName, thisOwner } from '../shared/ast';
import { functionNamed, ownMember, SEEN_THROUGH, type FunctionWithBody } from './rejections';

/**
 * The async function an argument hands over, written inline or named: `async () => …`,
 * `shutdown` (a function declaration or `const`), `this.onFileAdded` (a method or a property
 * holding a function), and the same with `.bind(…)`.
 */
export function handedAsyncFunction(arg: ts.Expression): FunctionWithBody | undefined {
  const fn = handedFunction(arg);
  return fn && isAsync(fn) ? fn : undefined;
}

/** The function an argument hands over, async or not, written inline or named. */
export function handedFunction(arg: ts.Expression): FunctionWithBody | undefined {
  let e = skipOuter(arg, SEEN_THROUGH);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'bind') {
    e = skipOuter(e.expression.expression, SEEN_THROUGH);
  }
  let fn: FunctionWithBody | undefined;
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) fn = e;
  else if (ts.isIdentifier(e)) fn = functionNamed(e);
  else {
    const member = thisMemberName(e);
    if (member !== undefined) fn = ownMember(e, member);
  }
  return fn;
}

/**
 * The expression a receiver was made from: a variable's initializer, or the one value the class
 * assigns to a `this` member (in a property initializer, the constructor or a method).
 * Undefined when it is a parameter, assigned more than one value, or out of sight.
 */
export function madeFrom(receiver: ts.Expression): ts.Expression | undefined {
  const e = skipOuter(receiver, SEEN_THROUGH);
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    return decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.initializer ? decl.initializer : undefined;
  }
  const member = thisMemberName(e);
  if (member === undefined) return undefined;
  const owner = thisOwner(e);
  if (!owner) return undefined;
  const values: ts.Expression[] = [];
  for (const m of owner.cls.members) {
    if (ts.isPropertyDeclaration(m) && memberName(m.name) === member && m.initializer && !isEmpty(m.initializer)) values.push(m.initializer);
    const body = (ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m) || ts.isGetAccessor(m) || ts.isSetAccessor(m)) ? m.body : undefined;
    if (body) collectMemberAssignments(body, member, values);
  }
  return values.length === 1 ? values[0] : undefined;
}

function collectMemberAssignments(root: ts.Node, member: string, out: ts.Expression[]): void {
  const visit = (n: ts.Node): void => {
    if (isFunctionBoundary(n) && !ts.isArrowFunction(n)) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && thisMemberName(n.left) === member && !isEmpty(n.right)) out.push(n.right);
    ts.forEachChild(n, visit);
  };
  visit(root);
}

/** `null`, `undefined`, `void 0`: what a member is reset to, not what it is made from. */
function isEmpty(e: ts.Expression): boolean {
  const x = skipOuter(e, SEEN_THROUGH);
  return x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined') || ts.isVoidExpression(x);
}
