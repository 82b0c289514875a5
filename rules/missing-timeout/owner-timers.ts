// A connection kept on an object whose own method arms the bound, possibly in another module:
//   peer.conn = net.connect(opts)
//   peer.startConnectTimeout()        // lib/peer.js: setTimeout(() => this.destroy(err), 5000)
// Two halves meet through a project fact. Where a class (or a prototype) is written, each method
// that arms a timer ending its own object is recorded with every member the object holds
// (`startConnectTimeout#conn`); where the connection is made, the methods called on its holder
// right after name the facts that bound it. Both a method name and the member that holds the
// connection must match, and the method must be seen ending the object.
import { ts } from 'ts-morph';
import { enclosingFunction, isFunctionBoundary, memberName, thisMemberName, unwrap } from '../shared/ast';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

const TIMER_CALLS = new Set(['setTimeout', 'setInterval']);
const ENDING_METHODS = new Set(['destroy', 'end', 'resetAndDestroy']);

/** How the fact names a method that times its object out, on an object holding `member`. */
export function ownerTimerRef(method: string, member: string): string {
  return `${method}#${member}`;
}

/**
 * The fact refs a method's declaration records when it arms a timer that ends the object or a
 * member of it: `name#member` for the member it ends (`this.conn.end()`), or for every member the
 * object holds when it ends the object itself (`this.destroy(…)`). Empty for every other method.
 */
export function ownerTimerRefs(method: ts.MethodDeclaration | ts.BinaryExpression): string[] {
  const found = methodOf(method);
  if (!found) return [];
  const { name, body, owner } = found;
  const ended = endedByTimer(body, owner);
  const members = ended.has(SELF) ? heldMembers(owner) : [...ended];
  return members.map((m) => ownerTimerRef(name, m));
}

/**
 * The facts that would bound a call whose result is kept on an object (`peer.conn = net.connect(…)`,
 * `this.socket = tls.connect(…)`): one per method called on that object later in the same function.
 */
export function ownerTimerFacts(node: ts.Node): string[] {
  let e: ts.Node = node;
  while (ts.isParenthesizedExpression(e.parent) || ts.isAwaitExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (!ts.isBinaryExpression(p) || p.right !== e || p.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return [];
  const left = unwrap(p.left);
  if (!ts.isPropertyAccessExpression(left) || !(ts.isIdentifier(left.expression) || left.expression.kind === ts.SyntaxKind.ThisKeyword)) return [];
  const owner = left.expression.getText();
  const member = left.name.text;
  const scope = enclosingFunction(node);
  if (!scope) return [];
  const refs: string[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (n !== scope && isFunctionBoundary(n)) return SKIP;
    if (ts.isCallExpression(n) && n.pos >= p.end && ts.isPropertyAccessExpression(n.expression) &&
      unwrap(n.expression.expression).getText() === owner) refs.push(ownerTimerRef(n.expression.name.text, member));
  };
  walkTree(scope, visit);
  return refs;
}

interface Method {
  name: string;
  body: ts.Node;
  /** Where the object's other methods and members are written: the class, or the file for a prototype. */
  owner: ts.Node;
}

/** A class method, or `X.prototype.name = function () { … }`. */
function methodOf(n: ts.MethodDeclaration | ts.BinaryExpression): Method | undefined {
  if (ts.isMethodDeclaration(n)) {
    const name = memberName(n.name);
    return name && n.body && ts.isClassLike(n.parent) ? { name, body: n.body, owner: n.parent } : undefined;
  }
  if (n.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(n.left) ||
    !ts.isPropertyAccessExpression(n.left.expression) || n.left.expression.name.text !== 'prototype') return undefined;
  const fn = unwrap(n.right);
  return ts.isFunctionExpression(fn) ? { name: n.left.name.text, body: fn.body, owner: n.getSourceFile() } : undefined;
}

/** Stands for the object itself among what a timer ends. */
const SELF = '';

/** What the timers in `body` end when they fire: the object (`this` kept by an arrow), members of it, or what its methods end. */
function endedByTimer(body: ts.Node, owner: ts.Node): Set<string> {
  const ended = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && TIMER_CALLS.has(n.expression.text) && n.arguments.length) {
      const cb = unwrap(n.arguments[0]);
      const target = ts.isArrowFunction(cb) ? cb.body : methodBody(owner, boundMethodName(cb));
      if (target) collectEnded(target, owner, 0, ended);
    }
    // A nested `function` has a `this` of its own; arrows keep the method's.
    if (n !== body && (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassLike(n))) return;
    ts.forEachChild(n, visit);
  };
  visit(body);
  return ended;
}

/** `this.onTimeout` or `this.onTimeout.bind(this)` handed to a timer: the method's name. */
function boundMethodName(cb: ts.Expression): string | undefined {
  const e = ts.isCallExpression(cb) && ts.isPropertyAccessExpression(cb.expression) && cb.expression.name.text === 'bind' ? cb.expression.expression : cb;
  return thisMemberName(e);
}

/** `this.destroy(…)` (the object), `this.conn.end()` (a member), or (one level down) what `this.fail()` ends. */
function collectEnded(body: ts.Node, owner: ts.Node, depth: number, ended: Set<string>): void {
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const target = unwrap(n.expression.expression);
      const method = n.expression.name.text;
      const onThis = target.kind === ts.SyntaxKind.ThisKeyword;
      const member = thisMemberName(target);
      if (ENDING_METHODS.has(method) && onThis) ended.add(SELF);
      else if (ENDING_METHODS.has(method) && member !== undefined) ended.add(member);
      const next = onThis && depth === 0 ? methodBody(owner, method) : undefined;
      if (next) collectEnded(next, owner, depth + 1, ended);
    }
    if (n !== body && (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassLike(n))) return SKIP;
  };
  walkTree(body, visit);
}

/** The body of the object's method `name`: a class member, or a prototype assignment in the file. */
function methodBody(owner: ts.Node, name: string | undefined): ts.Node | undefined {
  if (name === undefined) return undefined;
  if (ts.isClassLike(owner)) {
    const m = owner.members.find((x) => ts.isMethodDeclaration(x) && memberName(x.name) === name) as ts.MethodDeclaration | undefined;
    return m?.body;
  }
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isBinaryExpression(n)) {
      const m = methodOf(n);
      if (m && m.name === name) {
        found = m.body;
        return SKIP;
      }
    }
  };
  walkTree(owner, visit);
  return found;
}

/** The members the object is given (`this.conn = …`): a class's, or every `this.<x> =` of the file for a prototype. */
function heldMembers(owner: ts.Node): string[] {
  const out = new Set<string>();
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const name = thisMemberName(unwrap(n.left));
      if (name !== undefined) out.add(name);
    }
    if (ts.isPropertyDeclaration(n) && n.parent === owner) {
      const name = memberName(n.name);
      if (name !== undefined) out.add(name);
    }
  };
  walkTree(owner, visit);
  return [...out];
}
