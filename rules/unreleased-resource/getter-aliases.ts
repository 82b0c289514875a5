// A release through a getter that only hands out a member: `get socket() { return this.#socket }`
// makes `this.socket.destroy()` release `#socket` (ethers' IpcSocketProvider).
import { ts } from 'ts-morph';

/** For `this.x` where the class's getter `x` returns `this.<member>`: that member's name. */
export function getterTargetMember(access: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(access) || access.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const name = access.name.text;
  let cls: ts.Node | undefined = access.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls) return undefined;
  for (const m of (cls as ts.ClassLikeDeclaration).members) {
    if (!ts.isGetAccessorDeclaration(m) || !m.name || m.name.getText() !== name || !m.body) continue;
    const [only] = m.body.statements;
    if (m.body.statements.length !== 1 || !ts.isReturnStatement(only) || !only.expression) return undefined;
    const returned = only.expression;
    return ts.isPropertyAccessExpression(returned) && returned.expression.kind === ts.SyntaxKind.ThisKeyword ? returned.name.text : undefined;
  }
  return undefined;
}
