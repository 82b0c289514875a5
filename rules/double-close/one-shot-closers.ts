// A close call that cannot be the second one on its object: steam-server-query's `GameServerQuery`
// makes a `PromiseSocket` in its constructor, each query function makes one `GameServerQuery`,
// calls one method on it and drops it, and that method closes the socket once and leaves
// (`this._promiseSocket.closeSocket(); return parse(buf)`). When every call of an internal
// class's close method is such a call, nothing in the package can run it twice on one object, and
// its users cannot reach it: an unguarded close there is no double close.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { Outer, skipOuter, thisMemberName } from '../shared/ast';

/** Loops, whose next turn may come back to a call that does not leave the function. */
function isLoop(n: ts.Node): boolean {
  return ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n);
}

/**
 * `this.<member>.<close>()` as a statement of a method of a class private to its file, after which
 * the method calls no `<close>` again on any path, where every object of that class is made for one
 * method call and dropped.
 */
export function closesOnceThenLeaves(call: ts.CallExpression, isCloseName: (name: string) => boolean): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || thisMemberName(callee.expression) === undefined) return false;
  const close = callee.name.text;
  let stmt: ts.Node = call;
  while (ts.isAwaitExpression(stmt.parent) || ts.isParenthesizedExpression(stmt.parent)) stmt = stmt.parent;
  if (!ts.isExpressionStatement(stmt.parent)) return false;
  stmt = stmt.parent;
  // No further close on the way out: every block around the call, up to the method, has none after it;
  // a loop around it is left right after the call (`closeSocket(); throw err` in a retry loop's catch).
  // Once a block returns or throws after the call, what follows its block is never reached.
  for (let n: ts.Node = stmt; !ts.isMethodDeclaration(n); n = n.parent) {
    const p = n.parent;
    if (!p || (ts.isFunctionLike(p) && !ts.isMethodDeclaration(p)) || isLoop(p)) return false;
    if (!ts.isBlock(p)) continue;
    const after = p.statements.slice(p.statements.indexOf(n as ts.Statement) + 1);
    const exit = after.findIndex(leavesAtTop);
    if ((exit < 0 ? after : after.slice(0, exit + 1)).some((s) => callsMethod(s, close))) return false;
    if (exit >= 0) break;
  }
  // A `finally` around the call runs on the way out, and may close again.
  for (let n: ts.Node = stmt; n.parent && !ts.isMethodDeclaration(n); n = n.parent) {
    const p = n.parent;
    if (ts.isTryStatement(p) && p.finallyBlock && n !== p.finallyBlock && callsMethod(p.finallyBlock, close)) return false;
  }
  const method = enclosingMethod(call);
  if (!method || !ts.isIdentifier(method.name) || isCloseName(method.name.text)) return false;
  const cls = method.parent;
  return ts.isClassDeclaration(cls) && cls.name !== undefined && ts.isSourceFile(cls.parent) && !isExported(cls) && everyObjectServesOneCall(cls);
}

function leavesAtTop(s: ts.Statement): boolean {
  return ts.isReturnStatement(s) || ts.isThrowStatement(s);
}

function callsMethod(n: ts.Node, name: string): boolean {
  if (ts.isPropertyAccessExpression(n) && n.name.text === name) return true;
  return ts.forEachChild(n, (c) => callsMethod(c, name) || undefined) ?? false;
}

function enclosingMethod(n: ts.Node): ts.MethodDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isMethodDeclaration(p)) return p;
    if (ts.isFunctionLike(p) && !ts.isArrowFunction(p)) return undefined;
  }
  return undefined;
}

/** `export class X`, `exports.X = X`, `module.exports = X` / `{ X }`: the file hands the class out. */
function isExported(cls: ts.ClassDeclaration): boolean {
  if (ts.getModifiers(cls)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
  const name = cls.name!.text;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === name && n !== cls.name && !isConstruction(n) && findDeclaration(name, n) === cls) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(cls.getSourceFile());
  return found;
}

/** `new X(…)`: the one use of the class name that hands out no reference to the class itself. */
function isConstruction(id: ts.Identifier): boolean {
  return ts.isNewExpression(id.parent) && id.parent.expression === id;
}

/** Every `new X(…)` is `const q = new X(…)` in a function that calls one method on `q` and never mentions it again. */
function everyObjectServesOneCall(cls: ts.ClassDeclaration): boolean {
  const name = cls.name!.text;
  let ok = true;
  let made = 0;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) {
      made++;
      if (!servesOneCall(n)) ok = false;
    }
    ts.forEachChild(n, visit);
  };
  visit(cls.getSourceFile());
  return ok && made > 0;
}

function servesOneCall(made: ts.NewExpression): boolean {
  const decl = made.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== made || !ts.isIdentifier(decl.name)) return false;
  const list = decl.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return false;
  const scope = ts.findAncestor(decl, (n) => ts.isFunctionLike(n));
  if (!scope) return false;
  const local = decl.name.text;
  const uses: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === local && n !== decl.name && findDeclaration(local, n) === decl) uses.push(n);
    ts.forEachChild(n, visit);
  };
  visit(scope);
  if (uses.length !== 1) return false;
  const use = uses[0].parent;
  // `q.info()` (awaited or not): one call, and the object goes nowhere else.
  return ts.isPropertyAccessExpression(use) && use.expression === uses[0] && ts.isCallExpression(use.parent) && use.parent.expression === use &&
    !isInLoop(use.parent, scope) && skipOuter(use.parent, Outer.Parens) === use.parent;
}

function isInLoop(n: ts.Node, stop: ts.Node): boolean {
  for (let p = n.parent; p && p !== stop; p = p.parent) if (isLoop(p)) return true;
  return false;
}
