// The library resource a value or a type annotation stands for (`new Pool()`, `pool: Pool` with
// `import { Pool } from 'pg'`), from library knowledge: what double-close and double-start
// know about the members of a class.
import { ts } from 'ts-morph';
import type { LibraryEntry } from '../../engine/knowledge';
import type { RuleContext } from '../../engine/types';
import { unwrapAwaited } from './ast';
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
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  const names: string[] = [];
  let n: ts.EntityName = type.typeName;
  while (ts.isQualifiedName(n)) {
    names.unshift(n.right.text);
    n = n.left;
  }
  const callee = ctx.resolveCallee(n);
  if (!callee) return undefined;
  const call = [callee.call, ...names].filter(Boolean).join('.');
  const entry = ctx.knowledge.lookupAll(callee.module, call, true).find((x) => x.resource);
  return entry?.resource ? { entry: entry as ResourceOrigin['entry'] } : undefined;
}
