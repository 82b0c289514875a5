// Makes the runtime shim's helpers (onShutdown, limiter, once, …) importable where a fix needs
// them: from the configured module (`runtime.import`), or from one shim file per project,
// added by the fix (skipped when it exists) and imported relatively.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { ts } from 'ts-morph';
import { addNamedImports, codeStyle } from './fix-text';
import { moduleSystemOf } from './module-system';
import { RUNTIME_SOURCES, RUNTIME_VERSION } from './runtime-source.generated';
import type { FileCreation, RuleContext, TextEdit } from './types';

export interface RuntimeImport {
  edits: TextEdit[];
  creates: FileCreation[];
}

/** Which build of the shim a file can import: TypeScript source, ES module or CommonJS. */
export type ShimFlavor = keyof typeof RUNTIME_SOURCES;

export interface ShimPlacement {
  flavor: ShimFlavor;
  /** Absolute path of the shim file. */
  file: string;
  /** How the linted file imports it (`./stability-runtime`, `../stability-runtime.cjs`). */
  specifier: string;
}

const SHIM_NAME = 'stability-runtime';
const TS_FILE = /\.(ts|tsx|mts|cts)$/;
const PROJECT_MARKERS = ['package.json', 'tsconfig.json', 'stability-lint.config.json'];

/**
 * Edits (and, without a configured module, the shim file) that make `names` importable in the
 * linted file; undefined when the file can import nothing (a UMD file, which must also run with
 * no module system): a fix that needs the shim is then not offered.
 */
export function importFromRuntime(ctx: RuleContext, names: string[]): RuntimeImport | undefined {
  if (moduleSystemOf(ctx.sourceFile) === 'umd') return undefined;
  if (ctx.runtimeImport) return { edits: addNamedImports(ctx, ctx.runtimeImport, names), creates: [] };
  const sf = ctx.sourceFile;
  // A file that imports the shim already keeps that import, however its path is written.
  const existing = existingShimSpecifier(sf);
  if (existing) return { edits: addNamedImports(ctx, existing, names), creates: [] };
  const shim = placeShim(ctx.file, sf);
  const content = shimContent(shim.flavor).replace(/\n/g, codeStyle(sf).eol);
  return { edits: addNamedImports(ctx, shim.specifier, names), creates: [ctx.create(shim.file, content)] };
}

/** The created file's text: a header naming its origin, then the shim in the right flavor. */
export function shimContent(flavor: ShimFlavor): string {
  return `// Added by stability-lint ${RUNTIME_VERSION} (runtime shim). Safe to edit; stability-lint never ` +
    `overwrites an existing copy.\n` + RUNTIME_SOURCES[flavor];
}

/**
 * Where a file's shim lives and how it is imported: one file per project (the nearest folder
 * with package.json or tsconfig.json, its `src/` for files under `src/`), so fixes share it.
 */
export function placeShim(file: string, sf: ts.SourceFile): ShimPlacement {
  const dir = shimFolder(file);
  if (TS_FILE.test(file)) {
    const target = path.join(dir, `${SHIM_NAME}.ts`);
    return { flavor: 'ts', file: target, specifier: relativeSpecifier(file, dir, tsImportExtension(file, sf, dir)) };
  }
  // JavaScript compiled along with TypeScript (allowJs) shares the TypeScript shim: a second
  // copy as .js would be overwritten by the first one's output.
  const tsShim = path.join(dir, `${SHIM_NAME}.ts`);
  if (fs.existsSync(tsShim)) {
    return { flavor: 'ts', file: tsShim, specifier: relativeSpecifier(file, dir, moduleSystemOf(sf) === 'commonjs' ? '' : '.js') };
  }
  // Node needs the extension in both module systems for anything but `.js` under require.
  const [flavor, ext]: [ShimFlavor, string] = moduleSystemOf(sf) === 'commonjs'
    ? ['cjs', '.cjs']
    : ['esm', packageType(dir) === 'module' ? '.js' : '.mjs'];
  return { flavor, file: path.join(dir, SHIM_NAME + ext), specifier: relativeSpecifier(file, dir, ext) };
}

function shimFolder(file: string): string {
  const root = projectRoot(path.dirname(file));
  if (!root) return path.dirname(file);
  const src = path.join(root, 'src');
  return file.startsWith(src + path.sep) ? src : root;
}

function projectRoot(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (PROJECT_MARKERS.some((m) => fs.existsSync(path.join(dir, m)))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function relativeSpecifier(from: string, shimDir: string, ext: string): string {
  const rel = path.relative(path.dirname(from), path.join(shimDir, SHIM_NAME)).split(path.sep).join('/');
  return (rel.startsWith('../') ? rel : `./${rel}`) + ext;
}

/**
 * The extension a TypeScript file writes on relative imports: as its own relative imports do;
 * with none to copy, `.js` where Node's ESM resolution demands one (`.mts`, nodenext ESM).
 */
function tsImportExtension(file: string, sf: ts.SourceFile, shimDir: string): string {
  const written = relativeSpecifiers(sf)[0];
  if (written !== undefined) {
    if (/\.(ts|tsx|mts|cts)$/.test(written)) return '.ts';
    return /\.(js|jsx|mjs|cjs)$/.test(written) ? '.js' : '';
  }
  if (file.endsWith('.mts')) return '.js';
  if (file.endsWith('.cts') || moduleSystemOf(sf) === 'commonjs') return '';
  return usesNodeEsmResolution(shimDir) ? '.js' : '';
}

function relativeSpecifiers(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  for (const s of sf.statements) {
    const spec = (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) ? s.moduleSpecifier : undefined;
    if (spec && ts.isStringLiteral(spec) && spec.text.startsWith('.')) out.push(spec.text);
  }
  return out;
}

function existingShimSpecifier(sf: ts.SourceFile): string | undefined {
  const isShim = (text: string) => text.startsWith('.') && /(^|\/)stability-runtime(\.[cm]?[jt]s)?$/.test(text);
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && isShim(s.moduleSpecifier.text)) {
      if (!s.importClause?.isTypeOnly) return s.moduleSpecifier.text;
    }
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer;
        if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' &&
          init.arguments.length === 1 && ts.isStringLiteral(init.arguments[0]) && isShim(init.arguments[0].text)) {
          return init.arguments[0].text;
        }
      }
    }
  }
  return undefined;
}

/** The `type` of the package.json nearest above `dir` (`commonjs` when there is none). */
function packageType(dir: string): string {
  const pkg = readJsonUp(dir, 'package.json');
  return typeof pkg?.type === 'string' ? pkg.type : 'commonjs';
}

/** True when TypeScript resolves imports as Node's ESM does there: relative imports need extensions. */
function usesNodeEsmResolution(dir: string): boolean {
  const options = readJsonUp(dir, 'tsconfig.json')?.compilerOptions as Record<string, unknown> | undefined;
  const setting = String(options?.moduleResolution ?? options?.module ?? '').toLowerCase();
  return (setting === 'node16' || setting === 'nodenext') && packageType(dir) === 'module';
}

function readJsonUp(start: string, name: string): Record<string, any> | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) {
      try {
        const value: unknown = parseJsonc(fs.readFileSync(file, 'utf8'));
        return value && typeof value === 'object' ? (value as Record<string, any>) : undefined;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
