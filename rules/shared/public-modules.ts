// Which modules of a package its users reach: the entry its package.json names (`main`, every
// path `exports` maps to, `index.js` when neither is set) and the project modules that entry
// re-exports. A class anywhere else is internal: only the package's own code calls
// it, so how often its methods run is decided by code in sight, not by users.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { requiredSpecifier } from '../../engine/module-symbols';
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

/**
 * The project modules a file hands on to its own importers: `export * from './x'`, `export { X }
 * from './x'`, an imported binding it exports (`import Server from './server.js'; export { Server }`,
 * `const HTTP = require('./http'); module.exports = { HTTP }`), or a module required in place
 * (`exports.Server = require('./server')`). A module it only uses is not handed on.
 */
export function reexportedProjectModules(ctx: RuleContext): string[] {
  const out = new Set<string>();
  const bySpecifier = (spec: string) => {
    const resolved = spec.startsWith('.') ? ctx.resolver.resolve(ctx.file, spec) : undefined;
    if (resolved) out.add(resolved);
  };
  const byValue = (value: ts.Expression | undefined): void => {
    const e = value && skipOuter(value, Outer.Parens);
    if (!e) return;
    if (ts.isIdentifier(e)) {
      const binding = ctx.imports.get(e.text);
      if (binding && !binding.library) out.add(binding.module);
    } else if (ts.isCallExpression(e) && requiredSpecifier(e) !== undefined) {
      bySpecifier(requiredSpecifier(e)!);
    } else if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (ts.isShorthandPropertyAssignment(p)) byValue(p.name);
        else if (ts.isPropertyAssignment(p)) byValue(p.initializer);
      }
    }
  };
  for (const s of ctx.sourceFile.statements) {
    if (ts.isExportDeclaration(s)) {
      const spec = s.moduleSpecifier && skipOuter(s.moduleSpecifier, Outer.Parens);
      if (spec && ts.isStringLiteral(spec)) bySpecifier(spec.text);
      else if (s.exportClause && ts.isNamedExports(s.exportClause)) for (const el of s.exportClause.elements) byValue(el.propertyName ?? el.name);
    } else if (ts.isExportAssignment(s)) {
      byValue(s.expression);
    } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      isExportsTarget(s.expression.left)) {
      byValue(s.expression.right);
    }
  }
  return [...out];
}

/** `module.exports`, `module.exports.X`, `exports.X`. */
function isExportsTarget(e: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(e)) return false;
  const head = e.expression;
  if (ts.isIdentifier(head) && head.text === 'module' && e.name.text === 'exports') return true;
  if (ts.isIdentifier(head) && head.text === 'exports') return true;
  return ts.isPropertyAccessExpression(head) && ts.isIdentifier(head.expression) && head.expression.text === 'module' && head.name.text === 'exports';
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
