// A resource released by ending one of its streams (knowledge's `releasedByEnding`): a child run
// as a stdio peer exits on EOF on its stdin, so `child.stdin.end()` releases the child — also
// through a field the stream is kept in (`this.connection = child.stdin; … this.connection.end()`,
// thrift's StdIOConnection) or a local alias of it.
import { ts } from 'ts-morph';
import { Outer, skipOuter } from '../shared/ast';
import { findDeclaration } from '../../engine/scope';
import { walkTree } from '../../engine/file-nodes';

const OUTER = Outer.Parens | Outer.NonNull | Outer.As;

/** For `x.stdin` (a stream knowledge says releases its owner when ended): `x`. */
export function endedStreamOwner(released: ts.Expression, streams: ReadonlySet<string>): ts.Expression | undefined {
  const e = skipOuter(released, OUTER);
  return ts.isPropertyAccessExpression(e) && streams.has(e.name.text) ? e.expression : undefined;
}

/**
 * For a released `this.connection` or `const s = …` alias: the owners of the streams stored in it
 * anywhere in the file (`this.connection = child.stdin`, `const s = child.stdin`).
 */
export function ownersOfStoredStreams(released: ts.Expression, streams: ReadonlySet<string>): ts.Expression[] {
  if (!streams.size) return [];
  const e = skipOuter(released, OUTER);
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    const owner = decl && ts.isVariableDeclaration(decl) && decl.initializer ? endedStreamOwner(decl.initializer, streams) : undefined;
    return owner ? [owner] : [];
  }
  if (!ts.isPropertyAccessExpression(e) || e.expression.kind !== ts.SyntaxKind.ThisKeyword) return [];
  return storedStreams(e.getSourceFile(), streams).get(e.name.text) ?? [];
}

/** Per file, one walk: by field name, the owners of the streams `this.<field> = x.stdin` stores. */
const storedByFile = new WeakMap<ts.SourceFile, Map<string, ts.Expression[]>>();

function storedStreams(sf: ts.SourceFile, streams: ReadonlySet<string>): Map<string, ts.Expression[]> {
  let byField = storedByFile.get(sf);
  if (byField) return byField;
  const found = new Map<string, ts.Expression[]>();
  walkTree(sf, (n) => {
    if (!ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
    const left = skipOuter(n.left, OUTER);
    if (!ts.isPropertyAccessExpression(left) || left.expression.kind !== ts.SyntaxKind.ThisKeyword) return;
    const owner = endedStreamOwner(n.right, streams);
    if (owner) found.set(left.name.text, [...(found.get(left.name.text) ?? []), owner]);
  });
  storedByFile.set(sf, (byField = found));
  return byField;
}

/** `const child = (this.child = spawn(…))`: the member an alias was assigned together with. */
export function memberAssignedWith(init: ts.Expression): ts.Expression | undefined {
  const e = skipOuter(init, OUTER);
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const left = skipOuter(e.left, OUTER);
  return ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left) ? left : undefined;
}
