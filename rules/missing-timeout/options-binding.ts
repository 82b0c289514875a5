// Options passed by name (`axios(config)`, `https.request(http_options, cb)`) where the name is a
// binding of the enclosing function initialised with an object literal: the literal is in view,
// and so is everything the function does with it. A write of a bounding key (`config.timeout =
// 5000`) bounds the call; handing the object to code we cannot see (`prepare(config)`,
// `Object.assign(config, …)`, `return config`) may, so the options stay out of sight.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { enclosingFunction, propertyKey, unwrap } from '../shared/ast';
import { functionBody } from './waits-in-context';

export type OptionsBinding =
  /** The literal the options are, with how many waiting calls read it (a fix edits it only for one). */
  | { state: 'literal'; literal: ts.ObjectLiteralExpression; uses: number }
  /** Somewhere in the function a bounding key is written on it. */
  | { state: 'bounded' };

/**
 * What a function-local options binding is. `isWaitingCall` tells a library call that reads
 * the options (this one, or another of the same kind) from code that may change them.
 * Module-level bindings are not followed: any function of the module, or an importer, may change them.
 */
export function optionsBinding(id: ts.Identifier, boundedBy: readonly string[], isWaitingCall: (call: ts.CallExpression | ts.NewExpression) => boolean): OptionsBinding | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !decl.initializer) return undefined;
  const literal = unwrap(decl.initializer);
  if (!ts.isObjectLiteralExpression(literal)) return undefined;
  const body = functionBody(enclosingFunction(decl));
  if (!body) return undefined;

  let uses = 0;
  let bounded = false;
  let opaque = false;
  const visit = (n: ts.Node): void => {
    if (opaque) return;
    if (ts.isIdentifier(n) && n !== decl.name && n.text === id.text && findDeclaration(n.text, n) === decl) {
      const use = useOf(n, boundedBy, isWaitingCall);
      if (use === 'opaque') opaque = true;
      else if (use === 'bounds') bounded = true;
      else if (use === 'waiting-call') uses++;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  if (opaque) return undefined;
  if (bounded) return { state: 'bounded' };
  return { state: 'literal', literal, uses };
}

type Use = 'read' | 'bounds' | 'waiting-call' | 'opaque';

function useOf(id: ts.Identifier, boundedBy: readonly string[], isWaitingCall: (call: ts.CallExpression | ts.NewExpression) => boolean): Use {
  let e: ts.Node = id;
  while (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) || ts.isNonNullExpression(e.parent)) e = e.parent;
  const p = e.parent;
  // `config.timeout = 5000`, `config['signal'] = s`: a write on the object itself.
  if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === e) {
    const key = ts.isPropertyAccessExpression(p) ? p.name.text
      : ts.isStringLiteralLike(p.argumentExpression) ? p.argumentExpression.text : undefined;
    const parent = p.parent;
    const written = ts.isBinaryExpression(parent) && parent.left === p && isAssignment(parent.operatorToken.kind);
    if (!written) return 'read';
    if (key === undefined) return 'opaque';
    return boundedBy.includes(key) ? 'bounds' : 'read';
  }
  if (ts.isSpreadAssignment(p) || ts.isSpreadElement(p) || ts.isTypeOfExpression(p) || ts.isDeleteExpression(p)) return 'read';
  if (ts.isBinaryExpression(p) && !isAssignment(p.operatorToken.kind)) return 'read';
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(e as ts.Expression)) {
    if (isWaitingCall(p)) return 'waiting-call';
    // `Object.assign({}, config)` and `JSON.stringify(config)` only read it.
    const callee = p.expression.getText();
    if ((callee === 'Object.assign' && p.arguments[0] !== e) || callee === 'JSON.stringify' || callee === 'console.log') return 'read';
    return 'opaque';
  }
  return 'opaque';
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** True for an object spread whose keys are all in view: `...(cwd ? { cwd } : {})`, `...{ a: 1 }`. */
export function spreadKeys(e: ts.Expression): ts.ObjectLiteralElementLike[] | undefined {
  const v = unwrap(e);
  if (ts.isObjectLiteralExpression(v)) {
    const out: ts.ObjectLiteralElementLike[] = [];
    for (const p of v.properties) {
      if (ts.isSpreadAssignment(p)) {
        const inner = spreadKeys(p.expression);
        if (!inner) return undefined;
        out.push(...inner);
      } else out.push(p);
    }
    return out;
  }
  if (ts.isConditionalExpression(v)) {
    const a = spreadKeys(v.whenTrue);
    const b = spreadKeys(v.whenFalse);
    return a && b ? [...a, ...b] : undefined;
  }
  // `...(cond && { a })`: nothing, or the literal.
  if (ts.isBinaryExpression(v) && (v.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || v.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
    v.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    const right = spreadKeys(v.right);
    if (!right) return undefined;
    if (v.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return right;
    const left = spreadKeys(v.left);
    return left ? [...left, ...right] : undefined;
  }
  if (v.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(v) && v.text === 'undefined')) return [];
  return undefined;
}

/** The key of an object-literal element, when it has a plain one. */
export function elementKey(p: ts.ObjectLiteralElementLike): string | undefined {
  return p.name ? propertyKey(p.name) : undefined;
}
