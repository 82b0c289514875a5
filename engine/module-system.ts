// Which module system a file is written in, so a fix adds `require` to CommonJS and `import` to
// an ES module and never mixes them: one `import` in a CommonJS file makes Node load it as an ES
// module, where `module.exports` is never set and every `require()` of it returns `{}`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { ts } from 'ts-morph';

/**
 * `esm`: import/export. `commonjs`: require/module.exports. `umd`: a file that also runs with no
 * module system at all (a UMD or AMD wrapper, `typeof module` checks): it can take neither an
 * `import` nor a top-level `require`, so fixes that need the runtime shim are not offered.
 */
export type ModuleSystem = 'esm' | 'commonjs' | 'umd';

const cache = new WeakMap<ts.SourceFile, ModuleSystem>();

/**
 * By extension (`.cjs`/`.cts`, `.mjs`/`.mts`); then by the file's own syntax (import/export or
 * `import.meta` make an ES module; `require`, `module.exports`, `exports.x` CommonJS; `typeof
 * define`/`module`/`exports` checks a UMD wrapper); then, for a file with neither, as Node reads
 * it: TypeScript sources write `import`, JavaScript follows the nearest package.json `type`.
 */
export function moduleSystemOf(sf: ts.SourceFile): ModuleSystem {
  let system = cache.get(sf);
  if (!system) {
    system = detect(sf);
    cache.set(sf, system);
  }
  return system;
}

function detect(sf: ts.SourceFile): ModuleSystem {
  const file = sf.fileName;
  if (/\.c[jt]s$/.test(file)) return 'commonjs';
  if (/\.m[jt]s$/.test(file)) return 'esm';
  const uses = syntaxUses(sf);
  if (uses.esm) return 'esm';
  if (uses.umd) return 'umd';
  if (uses.commonjs) return 'commonjs';
  if (/\.tsx?$/.test(file)) return 'esm';
  return packageTypeOf(path.dirname(file)) === 'module' ? 'esm' : 'commonjs';
}

interface SyntaxUses {
  esm: boolean;
  commonjs: boolean;
  umd: boolean;
}

function syntaxUses(sf: ts.SourceFile): SyntaxUses {
  const uses: SyntaxUses = { esm: false, commonjs: false, umd: false };
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) || (ts.isExportDeclaration(s)) || (ts.isExportAssignment(s) && !s.isExportEquals)) uses.esm = true;
    else if (ts.isImportEqualsDeclaration(s) || (ts.isExportAssignment(s) && s.isExportEquals)) uses.commonjs = true;
    else if (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) uses.esm = true;
  }
  if (uses.esm) return uses;
  const visit = (n: ts.Node): void => {
    if (ts.isMetaProperty(n) && n.keywordToken === ts.SyntaxKind.ImportKeyword) uses.esm = true;
    else if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require' && n.arguments.length === 1) uses.commonjs = true;
    else if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) &&
      ((n.expression.text === 'module' && n.name.text === 'exports') || (n.expression.text === 'exports' && isAssigned(n)))) uses.commonjs = true;
    else if (ts.isTypeOfExpression(n) && ts.isIdentifier(n.expression) && ['define', 'module', 'exports'].includes(n.expression.text)) uses.umd = true;
    if (!uses.esm) ts.forEachChild(n, visit);
  };
  visit(sf);
  return uses;
}

/** `exports.name = …`: the left side of an assignment. */
function isAssigned(n: ts.PropertyAccessExpression): boolean {
  return ts.isBinaryExpression(n.parent) && n.parent.left === n && n.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/** The file-system questions placing the shim asks: a rule's context in a lint (recorded with the result, so a cached result is redone when an answer changes), the disk itself elsewhere. */
export interface DiskLookups {
  fileExists(file: string): boolean;
  readJson(file: string): Record<string, unknown> | undefined;
}

export const directDisk: DiskLookups = {
  fileExists: (file) => {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
  readJson: (file) => {
    try {
      const value: unknown = parseJsonc(fs.readFileSync(file, 'utf8'));
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  },
};

/** The `type` of the package.json nearest above `dir`: `commonjs` when it has none, or there is none (or it cannot be read: that is Node's problem, for us it says nothing). */
export function packageTypeOf(dir: string, disk: DiskLookups = directDisk): string {
  for (let d = dir; ; d = path.dirname(d)) {
    const pkg = path.join(d, 'package.json');
    if (disk.fileExists(pkg)) {
      const value = disk.readJson(pkg);
      return value && typeof value.type === 'string' ? value.type : 'commonjs';
    }
    if (path.dirname(d) === d) return 'commonjs';
  }
}
