// Finds an AbortSignal a fix can use at a point in the code: a parameter or variable named or
// typed as a signal, a local `AbortController`'s `.signal`, or one held on `this`.
import { ts } from 'ts-morph';
import { SIGNAL_NAME } from './loop-exits';

export interface SignalInScope {
  /** The expression to test, e.g. `signal`, `controller.signal`, `this.signal`. */
  expr: string;
  /** The binding may be undefined (`signal?: AbortSignal`): test with `?.`. */
  optional: boolean;
}

export function signalInScope(at: ts.Node): SignalInScope | undefined {
  let thisUsable = true;
  for (let child: ts.Node = at, n = at.parent; n; child = n, n = n.parent) {
    if (ts.isBlock(n) || ts.isSourceFile(n) || ts.isCaseClause(n) || ts.isDefaultClause(n) || ts.isModuleBlock(n)) {
      const found = inStatementsBefore(n.statements, child);
      if (found) return found;
    } else if (ts.isFunctionLike(n)) {
      // An event listener's untyped parameters are what the event carries: `(code, signal)` of a
      // child's 'exit' is the name of the signal that killed it, not an AbortSignal.
      const listener = isEventListener(n);
      for (const p of n.parameters) {
        if (listener && !p.type) continue;
        const found = fromParameter(p);
        if (found) return found;
      }
      if (!ts.isArrowFunction(n)) {
        const isStatic = ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        // `this` inside a method is the instance; inside any other function it is not ours to assume.
        thisUsable = thisUsable && !isStatic && (ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isAccessor(n)) && ts.isClassLike(n.parent);
        if (!thisUsable) continue;
        const found = onThis(n.parent as ts.ClassLikeDeclaration);
        if (found) return found;
        thisUsable = false;
      }
    } else if (ts.isPropertyDeclaration(n) && ts.isClassLike(n.parent) && thisUsable) {
      const isStatic = (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
      const found = isStatic ? undefined : onThis(n.parent);
      if (found) return found;
      thisUsable = false;
    }
  }
  return undefined;
}

/** `emitter.on('exit', function (code, signal) { … })`: the function is handed to a listener registration. */
function isEventListener(fn: ts.Node): boolean {
  const call = fn.parent;
  return ts.isCallExpression(call) && call.arguments.includes(fn as ts.Expression) && ts.isPropertyAccessExpression(call.expression) &&
    ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'].includes(call.expression.name.text);
}

function inStatementsBefore(statements: ts.NodeArray<ts.Statement>, containing: ts.Node): SignalInScope | undefined {
  let found: SignalInScope | undefined;
  for (const s of statements) {
    if (s.pos >= containing.pos) break;
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      if (!ts.isIdentifier(d.name)) continue;
      const f = fromBinding(d.name.text, d.type, d.initializer, false);
      if (f) found = f; // the nearest declaration before the use wins
    }
  }
  return found;
}

function fromParameter(p: ts.ParameterDeclaration): SignalInScope | undefined {
  const optional = p.questionToken !== undefined || (p.initializer === undefined && includesUndefined(p.type));
  if (ts.isIdentifier(p.name)) return fromBinding(p.name.text, p.type, p.initializer, optional);
  if (ts.isObjectBindingPattern(p.name)) {
    // `({ signal }: { signal: AbortSignal })`
    for (const el of p.name.elements) {
      if (ts.isIdentifier(el.name) && SIGNAL_NAME.test(el.name.text) && !el.dotDotDotToken) {
        return { expr: el.name.text, optional: el.initializer === undefined && propertyMayBeUndefined(p.type, el) };
      }
    }
  }
  return undefined;
}

function fromBinding(name: string, type: ts.TypeNode | undefined, init: ts.Expression | undefined, optional: boolean): SignalInScope | undefined {
  if (init && isNewAbortController(init)) return { expr: `${name}.signal`, optional: false };
  if (isAbortSignalType(type)) return { expr: name, optional };
  // A literal (`const shutdownSignal = 0`) is no signal, whatever its name: `.aborted` on it would not type-check.
  if (!type && SIGNAL_NAME.test(name) && (!init || !(ts.isFunctionLike(init) || ts.isCallExpression(init) && isRequire(init) || isLiteral(init)))) {
    return { expr: name, optional };
  }
  return undefined;
}

function isLiteral(e: ts.Expression): boolean {
  const k = e.kind;
  return ts.isLiteralExpression(e) || ts.isTemplateExpression(e) || ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e) ||
    ts.isPrefixUnaryExpression(e) || k === ts.SyntaxKind.TrueKeyword || k === ts.SyntaxKind.FalseKeyword || k === ts.SyntaxKind.NullKeyword;
}

function onThis(cls: ts.ClassLikeDeclaration): SignalInScope | undefined {
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)) &&
      !(ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) {
      const found = fromBinding(m.name.text, m.type, m.initializer, m.questionToken !== undefined || (!m.initializer && includesUndefined(m.type)));
      if (found) return { ...found, expr: `this.${found.expr}` };
    }
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) {
        if (!ts.getModifiers(p)?.length) continue;
        const found = fromParameter(p);
        if (found) return { ...found, expr: `this.${found.expr}` };
      }
      // JavaScript classes: `this.controller = new AbortController()` in the constructor.
      for (const s of m.body?.statements ?? []) {
        if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression) || s.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
        const left = s.expression.left;
        if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && isNewAbortController(s.expression.right)) {
          return { expr: `this.${left.name.text}.signal`, optional: false };
        }
      }
    }
  }
  return undefined;
}

function isNewAbortController(e: ts.Expression): boolean {
  return ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'AbortController';
}

function isAbortSignalType(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  if (ts.isUnionTypeNode(type)) return type.types.some(isAbortSignalType);
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'AbortSignal';
}

function includesUndefined(type: ts.TypeNode | undefined): boolean {
  return !!type && ts.isUnionTypeNode(type) && type.types.some((t) =>
    t.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
}

function propertyMayBeUndefined(type: ts.TypeNode | undefined, el: ts.BindingElement): boolean {
  if (!type || !ts.isTypeLiteralNode(type)) return false;
  const name = (el.propertyName ?? el.name) as ts.Identifier;
  const member = type.members.find((m) => m.name && ts.isIdentifier(m.name) && m.name.text === name.text);
  return !!member && ts.isPropertySignature(member) && (member.questionToken !== undefined || includesUndefined(member.type));
}

function isRequire(call: ts.CallExpression): boolean {
  return ts.isIdentifier(call.expression) && call.expression.text === 'require';
}
