// The class a member of `this` holds, as the code types it, when that class lives in another project
// file: `private readonly network: Network` (or a constructor's `private network: Network`) with
// `import type { Network } from './network'` makes `this.network.sendMessage(…)` a call of
// `Network`'s instance method `sendMessage`, whose body that file shows. No type checker: the
// annotation is what the author wrote, and a member typed by an interface names no body (no fact is
// recorded for it, so nothing is settled by it).
import { ts } from 'ts-morph';
import type { ModuleBinding, RuleContext } from '../../engine/types';
import { hasModifier, skipOuter, thisClass, TYPE_ONLY_WRAPPERS } from '../shared/ast';
import type { FunctionNode } from './promise-returning';

/** How an instance method of a class is named in the project facts: `Network.prototype.sendMessage`. */
export function instanceMethodName(className: string, method: string): string {
  return `${className}.prototype.${method}`;
}

/**
 * `this.network.sendMessage` where the class types `network` as a class imported from another
 * project file: that class's instance method, as a module binding.
 */
export function memberMethodBinding(ctx: RuleContext<any, string, any>, callee: ts.Expression): ModuleBinding | undefined {
  const c = skipOuter(callee, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(c) || !ts.isIdentifier(c.name)) return undefined;
  const holder = skipOuter(c.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(holder) || holder.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const cls = thisClass(holder);
  const type = cls && declaredType(cls, holder.name.text);
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
  const resolved = ctx.resolveCallee(type.typeName);
  if (!resolved || resolved.library || resolved.call === '' || resolved.call.includes('.')) return undefined;
  return { file: resolved.module, name: instanceMethodName(resolved.call, c.name.text) };
}

/** The type a class gives its member `name`: a property declaration's, or a constructor parameter property's. */
function declaredType(cls: ts.ClassLikeDeclaration, name: string): ts.TypeNode | undefined {
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && m.name && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)) && m.name.text === name && !hasModifier(m, ts.SyntaxKind.StaticKeyword)) return m.type;
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) {
        if (ts.isIdentifier(p.name) && p.name.text === name && ts.isParameterPropertyDeclaration(p, m)) return p.type;
      }
    }
  }
  return undefined;
}

/** The instance methods of this file's top-level classes, under their fact names. */
export function instanceMethods(sf: ts.SourceFile, visit: (name: string, f: FunctionNode) => void): void {
  for (const s of sf.statements) {
    if (!ts.isClassDeclaration(s) || !s.name) continue;
    for (const m of s.members) {
      if (!ts.isMethodDeclaration(m) || !m.body || hasModifier(m, ts.SyntaxKind.StaticKeyword)) continue;
      if (!m.name || !(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) continue;
      visit(instanceMethodName(s.name.text, m.name.text), m);
    }
  }
}
