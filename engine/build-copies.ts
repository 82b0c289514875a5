// The files discovery found that are copies of other code in the same run, or builds Node never
// runs: a browser build package.json names beside the Node entry, the ES module twin of a
// CommonJS build, the compiled JavaScript of TypeScript sources shipped with it. Linting them
// reports the same code twice (or code no Node process runs), so they are dropped with one info
// note each (per folder for whole trees). A copy is dropped only while what it copies is linted
// in the same run: a twin named alone (`stability-lint dist/esm`) is linted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPackageJson } from './package-json';
import { packageBuilds, type TwinBuild } from './package-builds';
import { dropSourceMappedCopies } from './source-map-copies';

export interface SkipNote {
  path: string;
  message: string;
}

const SCRIPT = /\.[cm]?[jt]sx?$/;
const TYPESCRIPT = /\.[cm]?tsx?$/;
const JAVASCRIPT = /\.[cm]?jsx?$/;

/** What tsc (or Babel) writes into CommonJS output, and the source map comment it ends compiled files with. */
const COMPILED_MARKER = /Object\.defineProperty\(exports, ["']__esModule["']|\bexports\.[\w$]+ = void 0|\b__awaiter\b|\b__importDefault\b|\b__createBinding\b|^\/\/# sourceMappingURL=\S+\.js\.map\s*$/m;

/**
 * Removes from `files` the copies described above, returning the notes that say so.
 * `named`: files named on the command line (a browser build named so is linted). `imports`: the
 * modules' imports, read as needed (and kept for a --cache run: ImportScan).
 */
export function dropBuildCopies(files: Set<string>, named: ReadonlySet<string>, cwd: string, imports = new ImportScan(), sourceMaps: ReadonlySet<string> = new Set()): SkipNote[] {
  const notes: SkipNote[] = [];
  const show = (p: string) => toPosix(path.relative(cwd, p)) || '.';
  const byPackage = new Map<string, string[]>();
  const pkgOf = new Map<string, Record<string, unknown> | null>();
  /** The ES module twins dropped for their require build (`dropped`: how many, for a tree). */
  const twinNotes: { note: SkipNote; kept: string; namedBy: string; dropped?: number }[] = [];
  for (const f of files) {
    if (!SCRIPT.test(f)) continue;
    const pkg = packageDirOf(path.dirname(f), pkgOf);
    if (!pkg) continue;
    let list = byPackage.get(pkg);
    if (!list) byPackage.set(pkg, (list = []));
    list.push(f);
  }
  for (const [pkgDir, list] of byPackage) {
    const pkg = readPackageJson(pkgDir);
    if (pkg) {
      const builds = packageBuilds(pkgDir, pkg);
      // 1. Builds for browsers and other runtimes: not code Node runs (unless Node code imports it).
      const candidates = builds.browser.filter((b) => files.has(b.file) && !named.has(b.file));
      const imported = candidates.length ? importedModules(list.filter((f) => !candidates.some((b) => b.file === f)), imports) : new Set<string>();
      for (const b of candidates) {
        if (imported.has(b.file.replace(SCRIPT, ''))) continue;
        files.delete(b.file);
        const instead = b.nodeFile ? `; Node loads ${show(b.nodeFile)}` : '';
        notes.push({ path: b.file, message: `Skipped: browser build named by ${b.namedBy}${instead}` });
      }
      // 1b. Whole folders built for such a runtime (`dist/browser/`, `dist/react-native/`), one note each.
      for (const t of builds.browserTrees) {
        const inside = list.filter((f) => files.has(f) && f.startsWith(t.dir + path.sep) && !named.has(f));
        if (!inside.length || !list.some((f) => files.has(f) && f.startsWith(t.nodeDir + path.sep))) continue;
        const loaded = importedModules(list.filter((f) => files.has(f) && !f.startsWith(t.dir + path.sep)), imports);
        const dropped = inside.filter((f) => !loaded.has(f.replace(SCRIPT, '')));
        for (const f of dropped) files.delete(f);
        // The entry file's own note (step 1) is folded into the folder's.
        const folded = notes.filter((n) => n.path.startsWith(t.dir + path.sep) && n.message.startsWith('Skipped: browser build'));
        for (const n of folded) notes.splice(notes.indexOf(n), 1);
        dropped.push(...folded.map((n) => n.path));
        if (dropped.length) notes.push({ path: t.dir, message: `Skipped: build for another runtime named by ${t.namedBy}; Node loads ${show(t.nodeDir)}; ${count(dropped.length)}` });
      }
      // 2. The `import` build of modules whose `require` build is linted too.
      for (const t of builds.twins) {
        if (!t.trees) {
          if (files.has(t.twin) && files.has(t.kept)) {
            files.delete(t.twin);
            const note = { path: t.twin, message: `Skipped: ES module twin of ${show(t.kept)}, which is linted as require() loads it (${t.namedBy})` };
            notes.push(note);
            twinNotes.push({ note, kept: t.kept, namedBy: t.namedBy });
          }
          continue;
        }
        const dropped = dropTwinsUnder(files, t.twin, t.kept);
        if (dropped) {
          const note = { path: t.twin, message: `Skipped: ES module twin of ${show(t.kept)}, which is linted as require() loads it; ${count(dropped)} (${t.namedBy})` };
          notes.push(note);
          twinNotes.push({ note, kept: t.kept, namedBy: t.namedBy, dropped });
        }
      }
    }
    // 3. JavaScript compiled from TypeScript sources shipped beside it: the sources are linted.
    notes.push(...dropCompiledTwins(files, pkgDir, list.filter((f) => files.has(f)), show));
    // 4. An older copy of a build folder's modules left inside it, which nothing loads.
    notes.push(...dropNestedCopies(files, pkgDir, pkg, list.filter((f) => files.has(f)), show, imports));
    // 4b. The internal modules of side-by-side entry twins (`dist/context_impl.js` beside `dist/context_impl.cjs`).
    if (pkg) notes.push(...dropSideBySideTwins(files, pkgDir, packageBuilds(pkgDir, pkg).twins, show));
    // 4c. The source folder a script transpiles into the folder `main` loads (tiny-lr: `babel lib/ -d src`, main ./src).
    if (pkg) notes.push(...dropTranspiledSources(files, pkgDir, pkg, show));
  }
  // 5. What the rest missed, where a source map names the linted sources a file was built from.
  notes.push(...dropSourceMappedCopies(files, sourceMaps, named, show));
  // A twin whose require build turned out to be built from sources too: the sources are what is linted.
  for (const { note, kept, namedBy, dropped } of twinNotes) {
    const keptLinted = dropped === undefined ? files.has(kept) : [...files].some((f) => SCRIPT.test(f) && isUnder(f, kept));
    if (keptLinted) continue;
    note.message = `Skipped: ES module twin of ${show(kept)} (${namedBy}); both are built from sources that are linted${dropped === undefined ? '' : `; ${count(dropped)}`}`;
  }
  return notes;
}

/** At least this many modules, and this share of them, must have a twin for a folder to be a copy. */
const MIN_COPIED = 3;
const COPIED_SHARE = 0.8;

/**
 * A folder inside a build folder that holds an older copy of that build's modules
 * (`build/src/main.js`, `build/src/lib/inspect.js` beside `build/main.js`, `build/lib/inspect.js`):
 * most of its modules have a twin at the same path one level up, none of the package's entry
 * points is in it, and no module outside it imports one of its modules. Node never runs it; the
 * live copy is linted.
 */
function dropNestedCopies(files: Set<string>, pkgDir: string, pkg: Record<string, unknown> | undefined, list: string[], show: (p: string) => string, imports: ImportScan): SkipNote[] {
  const notes: SkipNote[] = [];
  const stems = new Set(list.map((f) => f.replace(SCRIPT, '')));
  const entries = entryPoints(pkgDir, pkg);
  // Each folder below the package's top level with the files under it, in one pass over the files.
  const under = new Map<string, string[]>();
  for (const f of list) {
    for (let d = path.dirname(f); d !== pkgDir && isUnder(d, pkgDir); d = path.dirname(d)) {
      let inDir = under.get(d);
      if (!inDir) under.set(d, (inDir = []));
      inDir.push(f);
    }
  }
  for (const dir of [...under.keys()].sort((a, b) => a.length - b.length)) {
    const parent = path.dirname(dir);
    if (parent === pkgDir) continue; // a top-level folder is a build or source of its own, not a copy inside one
    const inside = under.get(dir)!.filter((f) => files.has(f));
    if (inside.length < MIN_COPIED) continue;
    const twins = inside.filter((f) => stems.has(path.join(parent, relativeBelow(dir, f)).replace(SCRIPT, '')));
    if (twins.length < MIN_COPIED || twins.length < inside.length * COPIED_SHARE) continue;
    if (entries.some((e) => isUnder(e, dir))) continue;
    // Loaded when a module outside imports one of its modules or folders (an index).
    const targets = new Set(inside.flatMap((f) => [f.replace(SCRIPT, ''), path.dirname(f)]));
    const outside = list.filter((f) => files.has(f) && !isUnder(f, dir));
    // The modules nearest the folder are the likeliest to import it: read first, and the scan stops at the first.
    const near = parent + path.sep;
    outside.sort((a, b) => Number(b.startsWith(near)) - Number(a.startsWith(near)));
    // From outside, a relative path into the folder steps in by its name (`./beta/x`, `../src/beta`):
    // only a module with such a specifier is resolved. (A folder named `index` is also `.`'s index.)
    const name = path.basename(dir);
    const mayReach = (f: string) => name === 'index' || imports.specifiersOf(f).some((s) => s.includes(name));
    if (outside.some((f) => mayReach(f) && imports.of(f).some((m) => targets.has(m)))) continue;
    for (const f of inside) files.delete(f);
    notes.push({ path: dir, message: `Skipped: a copy of the modules of ${show(parent)} that nothing in the package loads, which are linted; ${count(inside.length)}` });
  }
  return notes;
}

/** The files package.json names as entry points (`main`, `bin`, `exports`), resolved against the package folder. */
function entryPoints(pkgDir: string, pkg: Record<string, unknown> | undefined): string[] {
  if (!pkg) return [];
  const out: string[] = [];
  const add = (v: unknown): void => {
    if (typeof v === 'string') out.push(path.resolve(pkgDir, v));
    else if (v && typeof v === 'object') for (const x of Object.values(v)) add(x);
  };
  add(pkg.main);
  add(pkg.bin);
  add(pkg.exports);
  add(pkg.module);
  return out;
}

/** A relative module specifier in an import, export-from, dynamic import or require. */
const RELATIVE_SPECIFIER = /(?:\brequire\s*\(|\bimport\s*\(|\bfrom|\bimport)\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** Files larger than this are not scanned for imports: a bundle, not code that imports a browser build. */
const MAX_SCANNED_BYTES = 1024 * 1024;

/**
 * The modules (absolute paths without extension) that `files` import by relative path: a browser
 * build that the package's own Node code imports (a fallback, a shared helper) is Node's code too.
 */
function importedModules(files: string[], imports: ImportScan): Set<string> {
  const out = new Set<string>();
  for (const f of files) for (const m of imports.of(f)) out.add(m);
  return out;
}

/** A module's relative import specifiers, as read when the file had this size and modification time. */
export interface ScannedImports {
  size: number;
  mtimeMs: number;
  specifiers: string[];
}

/** Scans kept from an earlier run (the --cache file): a file's specifiers while its size and modification time are as they were. */
export interface StoredImportScans {
  storedImports(file: string, size: number, mtimeMs: number): string[] | undefined;
}

/**
 * Each module's relative imports (a module's path without extension, and its folder's `index`),
 * read once per discovery; with `stored`, a file whose size and modification time are as an
 * earlier run read them is not read again (as --cache trusts them for results).
 */
export class ImportScan {
  private readonly byFile = new Map<string, string[]>();
  private readonly written = new Map<string, string[]>();
  /** The files this run read, for the --cache file to keep (with `stored` only: nothing else keeps them). */
  readonly scanned = new Map<string, ScannedImports>();

  constructor(private readonly stored?: StoredImportScans) {}

  of(f: string): string[] {
    let modules = this.byFile.get(f);
    if (!modules) {
      const dir = path.dirname(f);
      modules = this.specifiersOf(f).flatMap((s) => {
        const target = path.resolve(dir, s);
        return [target.replace(SCRIPT, ''), path.join(target, 'index')];
      });
      this.byFile.set(f, modules);
    }
    return modules;
  }

  /** The module's relative import specifiers as written (`./beta/x`), read once. */
  specifiersOf(f: string): string[] {
    let specifiers = this.written.get(f);
    if (!specifiers) this.written.set(f, (specifiers = this.specifiers(f)));
    return specifiers;
  }

  private specifiers(f: string): string[] {
    if (!SCRIPT.test(f)) return [];
    let text: string;
    let st: fs.Stats;
    try {
      st = fs.statSync(f);
      if (st.size > MAX_SCANNED_BYTES) return [];
      const kept = this.stored?.storedImports(f, st.size, st.mtimeMs);
      if (kept) return kept;
      text = fs.readFileSync(f, 'utf8');
    } catch {
      return [];
    }
    // Copies, not slices of the text: a slice keeps the whole file's text alive as long as the run keeps the specifiers.
    const specifiers: string[] = JSON.parse(JSON.stringify(Array.from(text.matchAll(RELATIVE_SPECIFIER), (m) => m[1])));
    if (this.stored) this.scanned.set(f, { size: st.size, mtimeMs: st.mtimeMs, specifiers });
    return specifiers;
  }
}

/**
 * Where package.json names side-by-side twins in a folder below the package's (`"require": "./dist/index.cjs",
 * "import": "./dist/index.js"`), the build wrote every module twice into that folder: each import-build module whose require-build
 * twin (same name, the kept entry's extension) is linted is dropped, one note per folder.
 */
function dropSideBySideTwins(files: Set<string>, pkgDir: string, twins: readonly TwinBuild[], show: (p: string) => string): SkipNote[] {
  const notes: SkipNote[] = [];
  const seen = new Set<string>();
  for (const t of twins) {
    const keptExt = path.extname(t.kept);
    const twinExt = path.extname(t.twin);
    const dir = path.dirname(t.kept);
    // Only in a build folder: at the package's top (moleculer's index.js, index.mjs) the other modules are hand-written, each its own code.
    if (t.trees || dir === pkgDir || keptExt === twinExt || path.dirname(t.twin) !== dir || seen.has(dir + '\0' + twinExt)) continue;
    seen.add(dir + '\0' + twinExt);
    let dropped = 0;
    for (const f of [...files]) {
      if (!f.startsWith(dir + path.sep) || !f.endsWith(twinExt) || f === t.twin) continue;
      if (!files.has(f.slice(0, -twinExt.length) + keptExt)) continue;
      files.delete(f);
      dropped++;
    }
    if (dropped) notes.push({ path: dir, message: `Skipped: ES module twins (${twinExt}) of the ${keptExt} modules beside them, which are linted as require() loads them; ${count(dropped)} (${t.namedBy})` });
  }
  return notes;
}

/**
 * A package that ships both a source folder and its transpiled copy, `main` loading the copy
 * (`"main": "./src"`, `"babel": "babel lib/ -d src"`): Node runs the copy, so it is linted and the
 * source folder, the same modules again, is skipped with one note.
 */
function dropTranspiledSources(files: Set<string>, pkgDir: string, pkg: Record<string, unknown>, show: (p: string) => string): SkipNote[] {
  if (typeof pkg.main !== 'string' || !pkg.scripts || typeof pkg.scripts !== 'object') return [];
  const mainTop = path.posix.normalize(pkg.main.replace(/^\.\//, '')).split('/')[0];
  if (!mainTop || mainTop === '.' || mainTop === '..') return [];
  const notes: SkipNote[] = [];
  for (const [name, cmd] of Object.entries(pkg.scripts as Record<string, unknown>)) {
    if (typeof cmd !== 'string') continue;
    for (const m of cmd.matchAll(TRANSPILE_INTO)) {
      const from = m[1].replace(/\/$/, '');
      if (m[2].replace(/\/$/, '') !== mainTop || from === mainTop || from.includes('/')) continue;
      const fromDir = path.join(pkgDir, from);
      const intoDir = path.join(pkgDir, mainTop);
      const inside = [...files].filter((f) => f.startsWith(fromDir + path.sep) && SCRIPT.test(f));
      // Only modules the copy has too: what the source holds alone is not run, but is not a duplicate either.
      const twins = inside.filter((f) => files.has(path.join(intoDir, path.relative(fromDir, f))));
      if (!twins.length) continue;
      for (const f of twins) files.delete(f);
      notes.push({ path: fromDir, message: `Skipped: source of ${show(intoDir)}, which is linted as main loads it ("${name}": ${cmd.slice(m.index!, m.index! + m[0].length)}); ${count(twins.length)}` });
    }
  }
  return notes;
}

/** `babel lib/ -d src`, `babel lib --out-dir src`, `swc lib -d src`: a transpiler writing one folder into another. */
const TRANSPILE_INTO = /\b(?:babel|swc|sucrase)\s+(?:--?[\w-]+\s+)*\.?\/?([\w.-]+\/?)\s+(?:-d|--out-dir)\s+\.?\/?([\w.-]+\/?)/g;

function count(n: number): string {
  return n === 1 ? '1 file' : `${n} files`;
}

/** A module's path without its extension, relative to `root`. */
function stemIn(root: string, file: string): string {
  return toPosix(relativeBelow(root, file)).replace(SCRIPT, '');
}

/** `path.relative(root, file)`, without its cost when `file` is inside `root` (as nearly always here: discovery's paths are absolute and normal). */
function relativeBelow(root: string, file: string): string {
  return isUnder(file, root) ? file.slice(root.length + 1) : path.relative(root, file);
}

function isUnder(file: string, dir: string): boolean {
  return file.startsWith(dir + path.sep);
}

/** Drops each file under `twinDir` whose module (same path and name) is linted under `keptDir`; how many. */
function dropTwinsUnder(files: Set<string>, twinDir: string, keptDir: string): number {
  // One tree may hold the other (`lib/` and `lib/esm/`): each has only the files not in the inner one.
  const own = (f: string, dir: string, other: string) => isUnder(f, dir) && !(isUnder(other, dir) && isUnder(f, other));
  const kept = new Set([...files].filter((f) => own(f, keptDir, twinDir)).map((f) => stemIn(keptDir, f)));
  let dropped = 0;
  for (const f of [...files]) {
    if (own(f, twinDir, keptDir) && SCRIPT.test(f) && kept.has(stemIn(twinDir, f))) {
      files.delete(f);
      dropped++;
    }
  }
  return dropped;
}

/**
 * Folders of the package holding JavaScript compiled from the TypeScript of another folder
 * (`lib/x.js` ↔ `src/x.ts`): most of the folder's modules have a source twin, and a twin carries
 * what a compiler writes. Also compiled files beside their source (`x.js` next to `x.ts`).
 */
function dropCompiledTwins(files: Set<string>, pkgDir: string, list: string[], show: (p: string) => string): SkipNote[] {
  const notes: SkipNote[] = [];
  const parts = (f: string) => relativeBelow(pkgDir, f).split(path.sep);
  const tsByTop = new Map<string, Set<string>>();
  // Output folders: each top folder (`lib`), each folder one level down (`lib/cjs`), where a dual
  // build writes one tree per module system from the same sources, and the package folder itself,
  // where some packages publish their build (`internal/x.js`, `internal/x.mjs` beside `src/internal/x.ts`).
  const jsByOut = new Map<string, string[]>();
  const addJs = (out: string, f: string) => {
    let a = jsByOut.get(out);
    if (!a) jsByOut.set(out, (a = []));
    a.push(f);
  };
  for (const f of list) {
    const p = parts(f);
    if (JAVASCRIPT.test(f)) addJs(PACKAGE_FOLDER, f);
    if (p.length < 2) continue;
    if (TYPESCRIPT.test(f)) {
      let s = tsByTop.get(p[0]);
      if (!s) tsByTop.set(p[0], (s = new Set()));
      s.add(stemIn(path.join(pkgDir, p[0]), f));
    } else if (JAVASCRIPT.test(f)) {
      addJs(p[0], f);
      if (p.length > 2) addJs(path.join(p[0], p[1]), f);
    }
  }
  for (const [out, all] of jsByOut) {
    const outDir = path.join(pkgDir, out);
    const inOut = all.filter((f) => files.has(f));
    for (const [src, stems] of tsByTop) {
      if (src === out.split(path.sep)[0]) continue;
      // The package folder holds the sources too: only the modules outside them can be their build.
      const js = out === PACKAGE_FOLDER ? inOut.filter((f) => !isUnder(f, path.join(pkgDir, src))) : inOut;
      const twins = js.filter((f) => stems.has(stemIn(outDir, f)));
      if (twins.length * 2 < js.length || !twins.slice(0, 5).some(looksCompiled)) continue;
      for (const f of twins) files.delete(f);
      const srcDir = path.join(pkgDir, src);
      const example = twins[0];
      const source = [...files].find((f) => isUnder(f, srcDir) && TYPESCRIPT.test(f) && stemIn(srcDir, f) === stemIn(outDir, example));
      const pair = source ? ` (${show(example)} is ${show(source)} compiled)` : '';
      notes.push({ path: outDir, message: `Skipped: JavaScript compiled from the TypeScript in ${show(srcDir)}, which is linted${pair}; ${count(twins.length)}` });
      break;
    }
  }
  // tsc with `allowJs` and `declaration`: `lib/x.js` and `lib/x.d.ts` compiled from `src/x.js`.
  const declared = new Map<string, boolean>();
  const hasDeclarations = (f: string) => {
    let d = declared.get(f);
    if (d === undefined) declared.set(f, (d = fs.existsSync(f.replace(SCRIPT, '.d.ts'))));
    return d;
  };
  const jsByTop = new Map([...jsByOut].filter(([out]) => out !== PACKAGE_FOLDER && !out.includes(path.sep)));
  for (const [out, js] of jsByTop) {
    const outDir = path.join(pkgDir, out);
    const compiled = js.filter((f) => files.has(f) && hasDeclarations(f));
    if (compiled.length < MIN_COPIED || compiled.length < js.length * COPIED_SHARE) continue;
    for (const [src, sources] of jsByTop) {
      if (src === out) continue;
      const srcDir = path.join(pkgDir, src);
      const stems = new Set(sources.filter((f) => !hasDeclarations(f)).map((f) => stemIn(srcDir, f)));
      const twins = compiled.filter((f) => stems.has(stemIn(outDir, f)));
      if (twins.length < MIN_COPIED || twins.length < compiled.length * COPIED_SHARE) continue;
      for (const f of twins) files.delete(f);
      notes.push({ path: outDir, message: `Skipped: JavaScript compiled, with declarations, from the JavaScript in ${show(srcDir)}, which is linted (${show(twins[0])}); ${count(twins.length)}` });
      break;
    }
  }
  // `x.js` beside `x.ts` in one folder, written by the compiler.
  const sideBySide = new Map<string, number>();
  const ts = new Set(list.filter((f) => files.has(f) && TYPESCRIPT.test(f)).map((f) => f.replace(SCRIPT, '')));
  for (const f of list) {
    if (!files.has(f) || !JAVASCRIPT.test(f) || !ts.has(f.replace(SCRIPT, '')) || !looksCompiled(f)) continue;
    files.delete(f);
    sideBySide.set(path.dirname(f), (sideBySide.get(path.dirname(f)) ?? 0) + 1);
  }
  for (const [dir, n] of sideBySide) {
    notes.push({ path: dir, message: `Skipped: JavaScript compiled from the TypeScript beside it, which is linted; ${count(n)}` });
  }
  return notes;
}

/** The package folder, as an output folder of dropCompiledTwins. */
const PACKAGE_FOLDER = '';

/** The file carries what tsc or Babel writes into its output (read: its first and last 4 KB). */
function looksCompiled(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, 4096));
    fs.readSync(fd, head, 0, head.length, 0);
    const tailStart = Math.max(head.length, size - 4096);
    const tail = Buffer.alloc(size - tailStart);
    fs.readSync(fd, tail, 0, tail.length, tailStart);
    return COMPILED_MARKER.test(head.toString('utf8')) || COMPILED_MARKER.test(tail.toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The folder of the package a file belongs to: the nearest package.json that describes a package
 * (a name or an entry point), not a `{ "type": "module" }` marker inside a build folder; failing
 * that, the nearest package.json of any kind.
 */
function packageDirOf(dir: string, known: Map<string, Record<string, unknown> | null>): string | undefined {
  let nearest: string | undefined;
  /** The name a build's module-type marker below gave (`''` for none), while looking for its package. */
  let markerName: string | undefined;
  let marker: string | undefined;
  for (let d = dir; ; d = path.dirname(d)) {
    let pkg = known.get(d);
    if (pkg === undefined) known.set(d, (pkg = fs.existsSync(path.join(d, 'package.json')) ? readPackageJson(d) ?? {} : null));
    if (pkg && ['name', 'main', 'exports', 'module', 'browser'].some((k) => pkg[k] !== undefined)) {
      // `dist/esm/package.json` saying `"type": "module"` and the package's name again (@azure/core-amqp):
      // a marker of one build's module system, not a package of its own; its builds are the outer one's.
      if (marker === undefined && isModuleTypeMarker(pkg)) {
        marker = d;
        markerName = typeof pkg.name === 'string' ? pkg.name : '';
      } else {
        if (marker !== undefined && markerName && pkg.name !== markerName) return marker;
        return d;
      }
    }
    if (pkg) nearest ??= d;
    if (path.dirname(d) === d) return marker ?? nearest;
  }
}

/** A package.json that names no code: no main, module or browser, and `exports` of nothing but itself. */
function isModuleTypeMarker(pkg: Record<string, unknown>): boolean {
  if (pkg.main !== undefined || pkg.module !== undefined || pkg.browser !== undefined) return false;
  const exports = pkg.exports;
  if (exports === undefined) return true;
  if (!exports || typeof exports !== 'object' || Array.isArray(exports)) return false;
  return Object.entries(exports).every(([k, v]) => k === './package.json' && v === './package.json');
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
