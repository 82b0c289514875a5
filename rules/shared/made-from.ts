// What a receiver was made from, followed through the names it is known by: a variable's
// initializer, or the one value a class assigns to a `this` member (`this.app = express()` in
// the constructor). The question behind "is this an Express app", "is this a server the class
// already holds", "which class is this object an instance of".
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { isFunctionBoundary, memberName, Outer, skipOuter, thisMemberName, thisOwner } from './ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;

/**
 * The expression a receiver was made from: a variable's initializer, or the one value the class
 * assigns to a `this` member (in a property initializer, the constructor or a method).
 * Undefined when it is a parameter, assigned more than one value, or out of sight.
 */
export function madeFrom(receiver: ts.Expression): ts.Expression | undefined {
  const values = madeFromAny(receiver);
  return values?.length === 1 ? values[0] : undefined;
}

/**
 * Every value a receiver may have been made from: a variable's initializer, or each value the
 * class assigns to a `this` member (`if (secure) this.server = tls.createServer(…) else
 * this.server = net.createServer(…)`). Undefined when it is a parameter or out of sight.
 */
export function madeFromAny(receiver: ts.Expression): ts.Expression[] | undefined {
  const e = skipOuter(receiver, SEEN_THROUGH);
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return undefined;
    if (decl.initializer && !isEmpty(decl.initializer)) return [decl.initializer];
    // `let runner; … runner = new Runner(…)`: the values the scope assigns it later.
    const values = assignedLater(decl, decl.name.text);
    return values.length ? values : undefined;
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
  return values.length ? values : undefined;
}

/**
 * Every value a `let`/`var` holds: its initializer and each value its scope assigns it later
 * (`let found = false; … found = body.ok`). Undefined for a const or a binding pattern.
 */
export function everyValueOf(decl: ts.VariableDeclaration): ts.Expression[] | undefined {
  if (!ts.isIdentifier(decl.name) || !ts.isVariableDeclarationList(decl.parent) || (decl.parent.flags & ts.NodeFlags.Const) !== 0) return undefined;
  const later = assignedLater(decl, decl.name.text);
  return decl.initializer && !isEmpty(decl.initializer) ? [decl.initializer, ...later] : later;
}

/** The values assigned to a declared-empty variable anywhere in its scope (nested functions too). */
function assignedLater(decl: ts.VariableDeclaration, name: string): ts.Expression[] {
  const out: ts.Expression[] = [];
  let scope: ts.Node = decl.parent;
  while (!ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isFunctionLike(scope) && scope.parent) scope = scope.parent;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === name &&
      !isEmpty(n.right) && findDeclaration(name, n.left) === decl) out.push(n.right);
  };
  walkTree(scope, visit);
  return out;
}

function collectMemberAssignments(root: ts.Node, member: string, out: ts.Expression[]): void {
  const visit = (n: ts.Node): WalkAnswer => {
    if (isFunctionBoundary(n) && !ts.isArrowFunction(n)) return SKIP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && thisMemberName(n.left) === member && !isEmpty(n.right)) out.push(n.right);
  };
  walkTree(root, visit);
}

/** `null`, `undefined`, `void 0`: what a member is reset to, not what it is made from. */
function isEmpty(e: ts.Expression): boolean {
  const x = skipOuter(e, SEEN_THROUGH);
  return x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined') || ts.isVoidExpression(x);
}
