// Names a fix introduces (a `limit` for a limiter, an `interval` handle, an import of the shim):
// fresh where they are declared, and stated on the fix (Fix.declares) so that fixes applied in
// one pass never bind one name twice in one scope — the later one waits for the next pass,
// which sees the first and picks another name.
import { ts } from 'ts-morph';
import { findDeclaration } from './scope';
import type { FixDeclaration, RuleContext } from './types';
import { SKIP, walkTree, type WalkAnswer } from './file-nodes';

/**
 * The first of `candidates` (then the last one numbered: `interval2`, `interval3`, …) that no
 * scope around `at` declares and that no identifier inside `scope` uses, so the new binding
 * neither clashes with a declaration nor captures a use of another binding.
 */
export function freshName(candidates: readonly string[], scope: ts.Node, at: ts.Node, avoid: readonly string[] = []): string {
  const used = identifiersIn(scope);
  const free = (name: string) => !used.has(name) && !avoid.includes(name) && !findDeclaration(name, at);
  const found = candidates.find(free);
  if (found) return found;
  const base = candidates[candidates.length - 1];
  for (let i = 2; ; i++) if (free(`${base}${i}`)) return `${base}${i}`;
}

const identifierCache = new WeakMap<ts.Node, Set<string>>();

/** Every identifier inside a node that names a binding or a use of one (member names such as `x.once` or `{ once: 1 }` aside). */
export function identifiersIn(node: ts.Node): Set<string> {
  let names = identifierCache.get(node);
  if (!names) {
    const found = new Set<string>();
    const visit = (n: ts.Node): WalkAnswer => {
      if (ts.isIdentifier(n) && !isMemberName(n)) found.add(n.text);
    };
    walkTree(node, visit);
    names = found;
    identifierCache.set(node, names);
  }
  return names;
}

function isMemberName(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p)) return p.name === id;
  if (ts.isQualifiedName(p)) return p.right === id;
  return (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertySignature(p) ||
    ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isEnumMember(p)) && p.name === id;
}

/** A name a fix binds in `scope` (a block, a function body, the file), for Fix.declares. */
export function declared(ctx: RuleContext, name: string, scope: ts.Node, key?: string): FixDeclaration {
  const range = ts.isSourceFile(scope) ? { start: 0, end: ctx.text.length } : { start: scope.getStart(ctx.sourceFile), end: scope.end };
  return key === undefined ? { name, file: ctx.file, scope: range } : { name, file: ctx.file, scope: range, key };
}

/** The scope a statement's declarations go into: its block, case clause, module block or the file. */
export function scopeOfStatement(statement: ts.Node): ts.Node {
  const p = statement.parent;
  return ts.isBlock(p) || ts.isSourceFile(p) || ts.isModuleBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p) ? p : statement;
}
