// Code for a runtime other than Node, as the package itself marks it (blynk-library, check 44):
// a file named for that runtime that the package does not run (`blynk-espruino.js`, flashed to
// Espruino boards; `main` is `blynk.js`), or a block under a guard function named for it
//   function isEspruino() { … process.env.BOARD … }
//   if (isEspruino()) { var EspruinoTCP = function () { … net.connect(…) … } }
// Node never runs that code, so harms of a Node service (and fixes with Node's options) do not apply.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { NON_NODE_RUNTIMES } from '../../engine/knowledge';
import { withoutIndirectCall } from '../../engine/module-symbols';
import { findDeclaration } from '../../engine/scope';
import { unwrap } from './ast';

/** `-espruino`, `.browser`, `_deno` in a file's name: the runtime it is written for. */
const NAMED_RUNTIME = new RegExp(`(^|[-._])(${NON_NODE_RUNTIMES.join('|')})([-._]|$)`, 'i');
/** `isEspruino`, `isBrowser`, `isReactNative`: a guard named for such a runtime. */
const GUARD_NAMES = new Set(NON_NODE_RUNTIMES.map((r) => `is${r.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`));

/** The file's name says it is for another runtime (the caller also asks whether the package runs or loads it). */
export function namedForOtherRuntime(file: string): boolean {
  return NAMED_RUNTIME.test(path.basename(file).replace(/\.[cm]?[jt]sx?$/, ''));
}

/** A file the package's `exports` name (any condition): consumers load it by that name. */
export function exportedFile(packageDir: string, pkg: { exports?: unknown; browser?: unknown } | undefined, file: string): boolean {
  const targets: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') targets.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) collect(x);
  };
  collect(pkg?.exports);
  return targets.some((t) => path.resolve(packageDir, t) === file);
}

/**
 * Inside the branch of `if (isEspruino()) { … }` where the guard is a function named for another
 * runtime, declared in this file or imported (supabase's `import { isBrowser } from './lib/helpers'`):
 * the branch Node never takes. The guard may be one term of `&&` (`if (isBrowser() && this.detectSessionInUrl)`,
 * supabase auth-js, check 52): the branch still runs only where the guard holds.
 */
export function underOtherRuntimeGuard(node: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (!ts.isIfStatement(p) || p.thenStatement !== n) continue;
    if (conjuncts(p.expression).some(isRuntimeGuardCall)) return true;
  }
  return false;
}

/** `a && b && c`: each term that must hold. */
function conjuncts(e: ts.Expression): ts.Expression[] {
  const x = unwrap(e);
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return [...conjuncts(x.left), ...conjuncts(x.right)];
  return [x];
}

/**
 * `isEspruino()`, `isBrowser()`: a call, without arguments, of a function of this file or an import
 * named for another runtime; compiled, `(0, helpers_1.isBrowser)()` on a required module.
 */
function isRuntimeGuardCall(e: ts.Expression): boolean {
  if (!ts.isCallExpression(e) || e.arguments.length) return false;
  const callee = unwrap(withoutIndirectCall(unwrap(e.expression)));
  const named = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) ? unwrap(callee.expression) : undefined;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  if (!named || !ts.isIdentifier(named) || name === undefined || !GUARD_NAMES.has(name)) return false;
  const decl = findDeclaration(named.text, named);
  if (!decl) return false;
  if (ts.isPropertyAccessExpression(callee)) return ts.isVariableDeclaration(decl) || ts.isNamespaceImport(decl) || ts.isImportEqualsDeclaration(decl);
  return ts.isFunctionDeclaration(decl) || ts.isVariableDeclaration(decl) || ts.isImportSpecifier(decl) || ts.isBindingElement(decl);
}
