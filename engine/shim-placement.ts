// Where the runtime shim of a package goes, and how a file of that package imports it: one file
// per package (per workspace root for files in no package), next to its package.json, in the
// package's flavour, so every fix in the package imports the same file. A TypeScript package
// keeps it among its sources (its rootDir), so the compiler's output layout does not change.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { isDirectory } from './folder-listings';
import { directDisk, moduleSystemOf, packageTypeOf, type DiskLookups } from './module-system';
import type { RUNTIME_SOURCES } from './runtime-source.generated';

/** Which build of the shim a file can import: TypeScript source, ES module or CommonJS. */
export type ShimFlavor = keyof typeof RUNTIME_SOURCES;

export interface ShimPlacement {
  flavor: ShimFlavor;
  /** Absolute path of the shim file. */
  file: string;
  /** How the linted file imports it (`./stability-runtime`, `../stability-runtime.cjs`). */
  specifier: string;
}

export const SHIM_NAME = 'stability-runtime';
const TS_FILE = /\.(ts|tsx|mts|cts)$/;
const ROOT_MARKERS = ['tsconfig.json', 'stability-lint.config.json'];

/**
 * The shim a file imports: the package's existing one when the file can load it, else the one
 * the package would get. Undefined when the file cannot load the package's shim: a CommonJS file
 * of an ES-module package (requiring an ES module fails on older Node) or plain JavaScript of a
 * TypeScript package (it cannot load the TypeScript shim) — a second copy in one package would
 * be worse than no fix. `disk` answers the file-system questions (the rule context's, in a lint).
 */
export function placeShim(file: string, sf: ts.SourceFile, workspaceRoot?: string, disk: DiskLookups = directDisk): ShimPlacement | undefined {
  const pkg = packageRoot(path.dirname(file), workspaceRoot, disk);
  const system = moduleSystemOf(sf);
  const tsHome = typeScriptHome(pkg, disk);
  const tsShim = path.join(tsHome, `${SHIM_NAME}.ts`);
  // Decided by the package, never by which file a run fixes first: a package with TypeScript
  // sources gets the .ts shim even where its tsconfig.json is not published, so its compiled
  // JavaScript is not given a .cjs copy beside it in the same run.
  const typeScriptPackage = disk.fileExists(path.join(pkg, 'tsconfig.json')) || disk.fileExists(tsShim) || hasTypeScriptSources(tsHome);
  if (TS_FILE.test(file)) return { flavor: 'ts', file: tsShim, specifier: relativeSpecifier(file, tsHome, tsImportExtension(file, sf, tsHome, disk)) };
  if (typeScriptPackage) {
    // JavaScript compiled along with the TypeScript (allowJs) shares its shim and imports it as the compiler's output.
    if (!compiledAlong(file, pkg, tsHome, disk)) return undefined;
    return { flavor: 'ts', file: tsShim, specifier: relativeSpecifier(file, tsHome, system === 'commonjs' ? '' : '.js') };
  }
  const esmPackage = packageTypeOf(pkg, disk) === 'module';
  if (esmPackage && system === 'commonjs') return undefined;
  // `.cjs` in a CommonJS package, so its ES modules (`.mjs`) import the same file; `.js` in an ES-module package.
  const [flavor, ext]: [ShimFlavor, string] = esmPackage ? ['esm', '.js'] : ['cjs', '.cjs'];
  const home = javaScriptHome(pkg, disk);
  const existing = [home, pkg].map((d) => path.join(d, SHIM_NAME + ext)).find((f) => disk.fileExists(f));
  const target = existing ?? path.join(home, SHIM_NAME + ext);
  return { flavor, file: target, specifier: relativeSpecifier(file, path.dirname(target), ext) };
}

/**
 * The folder of the file's package: the nearest one with a package.json; for a file in none,
 * the workspace root it lies in (else the nearest folder with a tsconfig.json or config file).
 */
export function packageRoot(start: string, workspaceRoot?: string, disk: DiskLookups = directDisk): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (disk.fileExists(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  if (workspaceRoot && isInside(start, workspaceRoot)) return workspaceRoot;
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (ROOT_MARKERS.some((m) => disk.fileExists(path.join(dir, m)))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

/**
 * Where a package's TypeScript sources start: the tsconfig's `rootDir`, else the one folder all
 * of its `include` patterns start in, else `src/` when there is one, else the package folder.
 */
function typeScriptHome(pkg: string, disk: DiskLookups): string {
  const options = disk.readJson(path.join(pkg, 'tsconfig.json'));
  const rootDir = (options?.compilerOptions as Record<string, unknown> | undefined)?.rootDir;
  if (typeof rootDir === 'string') return path.resolve(pkg, rootDir);
  const include = options?.include;
  if (Array.isArray(include) && include.length) {
    const firsts = new Set(include.map((p) => String(p).replace(/^\.\//, '').split('/')[0]));
    const [only] = firsts;
    if (firsts.size === 1 && !/[*?{[]/.test(only) && !/\.[cm]?[jt]sx?$/.test(only) && isDirectory(path.join(pkg, only))) return path.join(pkg, only);
    return pkg;
  }
  return isDirectory(path.join(pkg, 'src')) ? path.join(pkg, 'src') : pkg;
}

/** A JavaScript file the package's tsconfig compiles (`allowJs`, under its sources). */
function compiledAlong(file: string, pkg: string, tsHome: string, disk: DiskLookups): boolean {
  const options = disk.readJson(path.join(pkg, 'tsconfig.json'))?.compilerOptions as Record<string, unknown> | undefined;
  return options?.allowJs === true && isInside(file, tsHome);
}

/**
 * Next to package.json, unless its `files` list would leave a file there out of the published
 * package: then in the first folder `files` lists, so the shim ships with the code that imports it.
 */
function javaScriptHome(pkg: string, disk: DiskLookups): string {
  const files = disk.readJson(path.join(pkg, 'package.json'))?.files;
  if (!Array.isArray(files) || files.some((f) => typeof f === 'string' && coversRootFile(f))) return pkg;
  for (const f of files) {
    if (typeof f !== 'string') continue;
    const dir = path.join(pkg, f.replace(/^\.\//, '').replace(/\/(\*\*\/?)?\*?$/, ''));
    if (!/[*?{[]/.test(dir) && isDirectory(dir) && isInside(dir, pkg)) return dir;
  }
  return pkg;
}

/** A `files` entry that would publish a file named `stability-runtime.cjs` at the package root. */
function coversRootFile(entry: string): boolean {
  const e = entry.replace(/^\.\//, '');
  if (e === '*' || e === '**' || e === '**/*' || e === '.') return true;
  if (e.includes('/')) return false;
  const re = new RegExp(`^${e.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(`${SHIM_NAME}.cjs`) || re.test(`${SHIM_NAME}.js`);
}

export function relativeSpecifier(from: string, shimDir: string, ext: string): string {
  const rel = path.relative(path.dirname(from), path.join(shimDir, SHIM_NAME)).split(path.sep).join('/');
  return (rel.startsWith('../') ? rel : `./${rel}`) + ext;
}

/**
 * The extension a TypeScript file writes on relative imports: as its own relative imports do;
 * with none to copy, `.js` where Node's ESM resolution demands one (`.mts`, nodenext ESM).
 */
function tsImportExtension(file: string, sf: ts.SourceFile, shimDir: string, disk: DiskLookups): string {
  const written = relativeSpecifiers(sf)[0];
  if (written !== undefined) {
    if (/\.(ts|tsx|mts|cts)$/.test(written)) return '.ts';
    return /\.(js|jsx|mjs|cjs)$/.test(written) ? '.js' : '';
  }
  if (file.endsWith('.mts')) return '.js';
  if (file.endsWith('.cts') || moduleSystemOf(sf) === 'commonjs') return '';
  return usesNodeEsmResolution(shimDir, disk) ? '.js' : '';
}

function relativeSpecifiers(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  for (const s of sf.statements) {
    const spec = (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) ? s.moduleSpecifier : undefined;
    if (spec && ts.isStringLiteral(spec) && spec.text.startsWith('.')) out.push(spec.text);
  }
  return out;
}

/** True when TypeScript resolves imports as Node's ESM does there: relative imports need extensions. */
function usesNodeEsmResolution(dir: string, disk: DiskLookups): boolean {
  const options = readJsonUp(dir, 'tsconfig.json', disk)?.compilerOptions as Record<string, unknown> | undefined;
  const setting = String(options?.moduleResolution ?? options?.module ?? '').toLowerCase();
  return (setting === 'node16' || setting === 'nodenext') && packageTypeOf(dir, disk) === 'module';
}

function readJsonUp(start: string, name: string, disk: DiskLookups): Record<string, unknown> | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (disk.fileExists(path.join(dir, name))) return disk.readJson(path.join(dir, name));
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** A TypeScript source (not a declaration file) directly in `dir`; asked of the disk directly, as `isDirectory` is. */
function hasTypeScriptSources(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((name) => TS_FILE.test(name) && !/\.d\.[cm]?ts$/.test(name));
  } catch {
    return false;
  }
}


function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
