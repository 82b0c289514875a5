// The library resource a value or a type annotation stands for (`new Pool()`, `pool: Pool` with
// `import { Pool } from 'pg'`), from library knowledge: what double-close and double-start
// know about the members of a class.
import { ts } from 'ts-morph';
import type { LibraryEntry, ResourceKnowledge } from '../../engine/knowledge';
import type { RuleContext } from '../../engine/types';
import { Outer, skipOuter, typeReferenceName, unwrapAwaited } from './ast';
import { libraryCallee, libraryEntries } from './library-call';

/** A library resource a value is known to be, and the entry that says how it is released. */
export interface ResourceOrigin {
  entry: LibraryEntry & { resource: NonNullable<LibraryEntry['resource']> };
}

/** The resource a creating expression makes (`new Pool()`, `http.createServer()`), from knowledge. */
export function originOfValue(ctx: RuleContext, value: ts.Expression): ResourceOrigin | undefined {
  const e = unwrapAwaited(value);
  if (!ts.isNewExpression(e) && !ts.isCallExpression(e)) return undefined;
  const callee = libraryCallee(ctx, e.expression);
  if (!callee) return undefined;
  const entry = libraryEntries(ctx, e, callee).find((x) => x.resource);
  return entry?.resource ? { entry: entry as ResourceOrigin['entry'] } : undefined;
}

/** The resource a type annotation names (`pool: Pool` with `import { Pool } from 'pg'`). */
export function originOfType(ctx: RuleContext, type: ts.TypeNode | undefined): ResourceOrigin | undefined {
  const ref = typeReferenceName(type);
  if (!ref) return undefined;
  const callee = ctx.resolveCallee(ref.head);
  if (!callee) return undefined;
  const call = [callee.call, ...ref.rest].filter(Boolean).join('.');
  const entry = ctx.knowledge.lookupAll(callee.module, call, true).find((x) => x.resource);
  return entry?.resource ? { entry: entry as ResourceOrigin['entry'] } : undefined;
}

/** `new WebSocketServer({ noServer: true })`: made with options under which it opens no handle of its own (knowledge `noHandleWith`). */
export function opensNoHandle(node: ts.CallExpression | ts.NewExpression, resource: ResourceKnowledge): boolean {
  const keys = resource.noHandleWith;
  const opts = node.arguments?.[0];
  if (!keys?.length || !opts) return false;
  const literal = skipOuter(opts, Outer.Parens);
  return ts.isObjectLiteralExpression(literal) && literal.properties.some((p) => {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    return key !== undefined && keys.includes(key) && !(ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.FalseKeyword);
  });
}
