// Code for a runtime other than Node, as the package itself marks it (blynk-library, check 44):
// a file named for that runtime that the package does not run (`blynk-espruino.js`, flashed to
// Espruino boards; `main` is `blynk.js`), or a block under a guard function named for it
//   function isEspruino() { … process.env.BOARD … }
//   if (isEspruino()) { var EspruinoTCP = function () { … net.connect(…) … } }
// Node never runs that code, so harms of a Node service (and fixes with Node's options) do not apply.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { NON_NODE_RUNTIMES } from '../../engine/knowledge';
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
 * Inside the branch of `if (isEspruino()) { … }` where the guard is a function of this file named
 * for another runtime: the branch Node never takes.
 */
export function underOtherRuntimeGuard(node: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (!ts.isIfStatement(p) || p.thenStatement !== n) continue;
    const test = unwrap(p.expression);
    if (!ts.isCallExpression(test) || test.arguments.length || !ts.isIdentifier(test.expression) || !GUARD_NAMES.has(test.expression.text)) continue;
    const decl = findDeclaration(test.expression.text, test.expression);
    if (decl && (ts.isFunctionDeclaration(decl) || ts.isVariableDeclaration(decl))) return true;
  }
  return false;
}
