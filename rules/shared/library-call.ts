// Recognising a call to a known library cheaply: most calls in a file are to local code, so the
// callee's first name is checked against the file's imports and the known globals before the
// scope lookup that `resolveCallee` does.
import { ts } from 'ts-morph';
import type { RuleContext, ResolvedCallee } from '../../engine/types';

/** Where a callee comes from, when it can be a library the knowledge table lists. */
export function libraryCallee(ctx: RuleContext, callee: ts.Expression): ResolvedCallee | undefined {
  let root = callee;
  while (ts.isPropertyAccessExpression(root) || ts.isParenthesizedExpression(root) || ts.isNonNullExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root)) return undefined;
  const name = root.text;
  const knownGlobal = ctx.knowledge.globalRoots().has(name) || name === 'globalThis' || name === 'global';
  if (!knownGlobal && !ctx.imports.has(name)) return undefined;
  const resolved = ctx.resolveCallee(callee);
  return resolved?.library && ctx.knowledge.knowsModule(resolved.module) ? resolved : undefined;
}
