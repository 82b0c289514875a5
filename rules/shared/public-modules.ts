// Which modules of a package its users reach: the entry its package.json names (`main`, every
// path `exports` maps to, `index.js` when neither is set) and the project modules that entry
// imports or re-exports. A class anywhere else is internal: only the package's own code calls
// it, so how often its methods run is decided by code in sight, not by users.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { RuleContext } from '../../engine/types';
import { sourceCandidates } from '../missing-shutdown/entry-modules';
import { Outer, skipOuter } from './ast';

/** The files a package's users load first: `main`, the targets of `exports`, else `index.js`; built paths also give their sources. */
export function publicEntries(packageDir: string, pkg: Record<string, unknown>): Set<string> {
  const targets: string[] = [];
  if (typeof pkg.main === 'string') targets.push(pkg.main);
  collectExportTargets(pkg.exports, targets);
  if (!targets.length) targets.push('index.js');
  return new Set(targets.flatMap((t) => sourceCandidates(path.resolve(packageDir, t), packageDir)));
}

/**
 * The linted file is one of its package's public entries, or belongs to no package.json that
 * could say otherwise (a loose file, a project with no manifest: anything may be called from outside).
 */
export function isPublicEntry(ctx: RuleContext): boolean {
  const dir = ctx.packageDir;
  const pkg = dir !== undefined ? ctx.packageJson(dir) : undefined;
  return dir === undefined || pkg === undefined || publicEntries(dir, pkg).has(ctx.file);
}

/** The project modules a file imports or re-exports (`import Server from './server.js'`, `export * from './x'`), absolute. */
export function importedProjectModules(ctx: RuleContext): string[] {
  const out = new Set<string>();
  for (const binding of ctx.imports.values()) if (!binding.library) out.add(binding.module);
  for (const s of ctx.sourceFile.statements) {
    const spec = ts.isExportDeclaration(s) && s.moduleSpecifier ? skipOuter(s.moduleSpecifier, Outer.Parens) : undefined;
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
    const resolved = ctx.resolver.resolve(ctx.file, spec.text);
    if (resolved) out.add(resolved);
  }
  return [...out];
}

/** The string leaves of package.json `exports` (`"./lib/index.js"`, `{ ".": { "import": "./esm/index.js" } }`). */
function collectExportTargets(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    if (value.startsWith('.') && !value.includes('*')) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectExportTargets(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) collectExportTargets(v, out);
  }
}
