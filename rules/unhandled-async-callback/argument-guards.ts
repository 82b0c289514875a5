// Argument guards: a `throw` (or a `reject(…)`, a `cbk(err)`) a callee reaches only when it was
// called wrongly — an `if` testing its own parameters (`if (!lnd) return cbk([400, 'ExpectedLnd'])`)
// or the type its object was configured with (`if (this._socket instanceof zmq.Push) throw …`),
// before the callee has awaited anything. A caller that passes what the callee asks for never meets
// it; such a rejection is a programmer error, not a failure of I/O the listener must survive.
import { ts } from 'ts-morph';
import { findDeclaration, rootDeclaration } from '../../engine/scope';
import { skipOuter, Outer } from '../shared/ast';

const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;

type Root = ts.FunctionLikeDeclaration;

/**
 * The node is in a branch of an `if` whose condition reads only the root function's parameters
 * (and module constants, and the type of a `this` member), and that `if` comes before the root's
 * first `await`: state the callee reached by waiting is no argument.
 */
export function isArgumentGuarded(node: ts.Node, root: Root): boolean {
  if (!root.body) return false;
  let guard: ts.IfStatement | undefined;
  for (let n: ts.Node = node; n !== root; n = n.parent) {
    if (!n.parent) return false;
    if (ts.isIfStatement(n.parent) && n !== n.parent.expression) {
      guard = n.parent;
      break;
    }
  }
  if (!guard || !isGuardCondition(guard.expression, root)) return false;
  const firstAwait = firstAwaitOf(root);
  return firstAwait === undefined || guard.getStart() < firstAwait;
}

/** Where the root's own first `await` starts (nested functions' awaits are theirs). */
function firstAwaitOf(root: Root): number | undefined {
  let found: number | undefined;
  const visit = (n: ts.Node): void => {
    if (found !== undefined) return;
    if (n !== root.body && ts.isFunctionLike(n)) return;
    if (ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) {
      found = n.getStart();
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(root.body!);
  return found;
}

/** A test of arguments: parameters of the root and literals, checked by module-scope functions; `this` only as the tested value of `instanceof`/`typeof`. */
function isGuardCondition(expr: ts.Expression, root: Root): boolean {
  const e = skipOuter(expr, SEEN_THROUGH);
  if (ts.isLiteralExpression(e) || ts.isRegularExpressionLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword ||
    e.kind === ts.SyntaxKind.NullKeyword || ts.isNoSubstitutionTemplateLiteral(e)) return true;
  // Module state (`if (state.closed) throw …`) is no argument: module values count only as checks, below.
  if (ts.isIdentifier(e)) return e.text === 'undefined' || isRootParameter(e, root);
  if (ts.isPropertyAccessExpression(e)) return isGuardCondition(e.expression, root);
  if (ts.isElementAccessExpression(e)) return isGuardCondition(e.expression, root) && isGuardCondition(e.argumentExpression, root);
  if (ts.isPrefixUnaryExpression(e)) return isGuardCondition(e.operand, root);
  if (ts.isTypeOfExpression(e)) return isConfiguredType(e.expression, root);
  if (ts.isBinaryExpression(e)) {
    if (e.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) return isConfiguredType(e.left, root) && isModuleValue(e.right);
    return TEST_OPERATORS.has(e.operatorToken.kind) && isGuardCondition(e.left, root) && isGuardCondition(e.right, root);
  }
  // `isPublicKey(id)`, `Array.isArray(tags)`, `/^[0-9a-f]+$/i.test(id)`: a check of module scope applied to arguments.
  if (ts.isCallExpression(e)) {
    const callee = skipOuter(e.expression, SEEN_THROUGH);
    const owner = ts.isPropertyAccessExpression(callee) ? skipOuter(callee.expression, SEEN_THROUGH) : undefined;
    const checker = ts.isIdentifier(callee) ? isModuleValue(callee) : owner !== undefined && (ts.isRegularExpressionLiteral(owner) || isModuleValue(owner));
    return checker && e.arguments.every((a) => isGuardCondition(a, root));
  }
  return false;
}

const TEST_OPERATORS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.InKeyword,
]);

/** An argument, or the object's configured type: `this._socket instanceof Push`, `typeof this.options.cb` (not a flag like `this.closed`). */
function isConfiguredType(expr: ts.Expression, root: Root): boolean {
  let e = skipOuter(expr, SEEN_THROUGH);
  while (ts.isPropertyAccessExpression(e)) e = skipOuter(e.expression, SEEN_THROUGH);
  return e.kind === ts.SyntaxKind.ThisKeyword || isGuardCondition(expr, root);
}

/** A parameter of the root function, or a name destructured from one. */
function isRootParameter(id: ts.Identifier, root: Root): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl) return false;
  const param = ts.isParameter(decl) ? decl : ts.isBindingElement(decl) ? rootDeclaration(decl) : undefined;
  return param !== undefined && ts.isParameter(param) && param.parent === root;
}

/** A `const` or function of module scope (`const isPublicKey = (n) => …`, `const { isArray } = Array`), an import, or a global. */
function isModuleValue(expr: ts.Expression): boolean {
  const e = skipOuter(expr, SEEN_THROUGH);
  if (ts.isPropertyAccessExpression(e)) return isModuleValue(e.expression);
  return ts.isIdentifier(e) && (isModuleConstant(e) || findDeclaration(e.text, e) === undefined);
}

function isModuleConstant(id: ts.Identifier): boolean {
  const decl = findDeclaration(id.text, id);
  if (!decl) return false;
  if (ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl)) return ts.isSourceFile(decl.parent);
  if (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl)) return true;
  const root = ts.isBindingElement(decl) ? rootDeclaration(decl) : decl;
  if (!ts.isVariableDeclaration(root) || !(root.parent.flags & ts.NodeFlags.Const)) return false;
  return ts.isSourceFile(root.parent.parent.parent);
}
