// A local name for a library's callback function turned into a promise one:
// `const stat = promisify(fs.stat)`. Calls of it do what the library's promise form does.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import type { RuleContext } from '../../engine/types';
import { TYPE_ONLY_WRAPPERS, isConstDeclaration, skipOuter } from '../shared/ast';

/** Modules whose callback functions have a promise twin in another module. */
const PROMISE_TWIN: Readonly<Record<string, string>> = {
  fs: 'fs/promises', 'node:fs': 'fs/promises', dns: 'dns/promises', 'node:dns': 'dns/promises',
};

/**
 * For `readFile` declared `const readFile = promisify(fs.readFile)` (or `util.promisify(…)`):
 * the promise-form module and call it stands for (`fs/promises`, `readFile`).
 */
export function promisifiedLibraryCall(ctx: RuleContext<any, string, any>, callee: ts.Identifier): { module: string; call: string } | undefined {
  const decl = findDeclaration(callee.text, callee);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !isConstDeclaration(decl)) return undefined;
  const init = skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS);
  if (!ts.isCallExpression(init) || init.arguments.length !== 1) return undefined;
  const wrapper = skipOuter(init.expression, TYPE_ONLY_WRAPPERS);
  const wrapperName = ts.isIdentifier(wrapper) ? wrapper.text : ts.isPropertyAccessExpression(wrapper) ? wrapper.name.text : '';
  if (wrapperName !== 'promisify') return undefined;
  const wrapped = skipOuter(init.arguments[0], TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(wrapped)) return undefined;
  const resolved = ctx.resolveCallee(wrapped);
  const twin = resolved?.library ? PROMISE_TWIN[resolved.module] : undefined;
  return twin && resolved!.call && !resolved!.call.endsWith('Sync') ? { module: twin, call: resolved!.call } : undefined;
}
