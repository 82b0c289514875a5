// Objects a caller makes and uses at once: `const session = new Session(socket); session.run();`
// or `runner = new Runner(opts); await runner.start();`. Before the call nothing else can reach
// the object (it is only configured: `s.x = …`, `s.on(…)`), and the call is the only one of
// that method on it, so that method runs once per object. double-start and check-then-act
// record this as a fact about the class: its objects are started (or used) once each.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import type { FactRef, RuleContext } from '../../engine/types';
import { unwrapAwaited } from './ast';

/** Methods on the object that only configure it before it is used. */
const CONFIGURES = /^(on|once|addListener|prependListener|set\w*)$/;

/**
 * The class of the object a method call is made on, when the object was made with `new C(…)`
 * just before in the same block and the call is the first real use of it and the only call of
 * that method on it; the class as a fact ref (`{ file, name }`), undefined otherwise.
 */
export function freshlyMadeClass(ctx: RuleContext, call: ts.CallExpression): FactRef | undefined {
  const callee = unwrapAwaited(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = unwrapAwaited(callee.expression);
  if (!ts.isIdentifier(receiver)) return undefined;
  const made = creationBefore(receiver, call);
  if (!made) return undefined;
  const { scope, newExpr, creation } = made;
  if (!onlyConfiguredBefore(scope, receiver.text, creation, call, callee.name.text)) return undefined;
  // Used in a loop the object was made outside of: used again on every turn.
  for (let n: ts.Node = call; n !== scope && n.parent; n = n.parent) if (ts.isIterationStatement(n, false)) return undefined;
  const ref = ctx.factRef(newExpr.expression as ts.Identifier);
  return ref !== undefined && typeof ref !== 'string' ? ref : undefined;
}

/**
 * Where the receiver got its value: `const x = new C(…)` or a statement `x = new C(…)` earlier
 * in a block that holds the call.
 */
function creationBefore(receiver: ts.Identifier, call: ts.CallExpression): { scope: ts.Node; newExpr: ts.NewExpression; creation: ts.Node } | undefined {
  const decl = findDeclaration(receiver.text, receiver);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return undefined;
  const isNew = (e: ts.Expression | undefined): e is ts.NewExpression => {
    const x = e && unwrapAwaited(e);
    return x !== undefined && ts.isNewExpression(x) && ts.isIdentifier(x.expression);
  };
  if (decl.initializer && isNew(decl.initializer)) {
    const scope = decl.parent?.parent?.parent;
    return scope && { scope, newExpr: unwrapAwaited(decl.initializer) as ts.NewExpression, creation: decl.name };
  }
  // `runner = new Runner(…)` as a statement of a block that also holds the call.
  for (let n: ts.Node = call; n.parent; n = n.parent) {
    const block = n.parent;
    if (!ts.isBlock(block) && !ts.isSourceFile(block)) continue;
    const index = block.statements.indexOf(n as ts.Statement);
    for (let i = index - 1; i >= 0; i--) {
      const s = block.statements[i];
      // `try { x = new C(…) } catch (e) { throw … }`: made in the try just before.
      const candidates = ts.isTryStatement(s) ? [...s.tryBlock.statements].reverse() : [s];
      for (const c of candidates) {
        if (!ts.isExpressionStatement(c) || !ts.isBinaryExpression(c.expression) || c.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
        const left = c.expression.left;
        if (!ts.isIdentifier(left) || left.text !== receiver.text) continue;
        return isNew(c.expression.right) ? { scope: block, newExpr: unwrapAwaited(c.expression.right) as ts.NewExpression, creation: left } : undefined;
      }
    }
    return undefined;
  }
  return undefined;
}

/** Every use of `name` in `scope` between the creation and `call` configures the object; none after calls `method` again. */
function onlyConfiguredBefore(scope: ts.Node, name: string, creation: ts.Node, call: ts.CallExpression, method: string): boolean {
  const receiver = (unwrapAwaited(call.expression) as ts.PropertyAccessExpression).expression;
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(n) && n.text === name && n !== creation && n !== unwrapAwaited(receiver) && n.pos >= creation.pos) {
      const use = n.parent;
      const member = ts.isPropertyAccessExpression(use) && use.expression === n ? use : undefined;
      if (n.pos < call.pos) {
        const configures = member !== undefined && ((ts.isBinaryExpression(member.parent) && member.parent.left === member &&
          member.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) ||
          (ts.isCallExpression(member.parent) && member.parent.expression === member && CONFIGURES.test(member.name.text)));
        if (!configures) ok = false;
      } else if (member && member.name.text === method && ts.isCallExpression(member.parent)) {
        ok = false;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return ok;
}
