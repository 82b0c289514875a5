// Finds the files to lint under the given paths: honours .gitignore files on the way down and
// config `ignores`, skips node_modules and build output. Like git and ripgrep it does not
// descend into symlinked folders (no loops, no tree read twice); symlinked files are read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { parse as parseJsonc } from 'jsonc-parser';
import { dropBuildCopies, ImportScan, type ScannedImports, type StoredImportScans } from './build-copies';
import { fileKindOf, fileKindOfText } from './file-kinds';
import { foldersLoadedBy } from './loaded-folders';
import { readPackageJson, runtimeEntries } from './package-json';
import { UsageError } from './usage-error';

/** Folders never worth reading: dependencies, VCS data, build output, caches. */
export const SKIPPED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.output',
  '.turbo', '.cache', '.vercel', '.svelte-kit', '.stability-lint-cache',
]);

/** Build output among the skipped folders: the one place a published package may keep all its code. */
const BUILD_OUTPUT_DIRS = new Set(['dist', 'build', 'out']);

/**
 * Folders of code that is not the product: tests, examples, fixtures, benchmarks, scaffolding
 * templates. What would hurt a service there never runs in one; config `lintSupportFiles` lints them.
 */
export const SUPPORT_DIRS = new Set([
  'test', 'tests', '__tests__', '__mocks__', '__fixtures__', 'fixtures', 'spec', 'e2e',
  'example', 'examples', 'demo', 'demos', 'sample', 'samples', 'sample-apps', 'template', 'templates',
  'bench', 'benchmark', 'benchmarks',
]);

/** Folders of maintainers' tooling (release, build and dev scripts), skipped unless a start-like script runs a file in them. */
export const TOOLING_DIRS = new Set(['scripts', 'script', 'tools', 'tooling', 'extra']);

/**
 * Test files that sit next to the code they test, type tests that are only type-checked (tstyche's
 * `index.tst.ts`, tsd's and Vitest's `index.test-d.ts`), the helpers only tests load (`testUtils.js`,
 * `test-helpers.ts`, `api.test-setup.ts`), and examples next to the code they show (`example-sendmail.js`).
 */
const TEST_FILE = /[._-](test|spec|tests|tst|test-d|spec-d)\.[cm]?[jt]sx?$|(^|[._-])[Tt]est[-_]?([Uu]tils?|[Hh]elpers?|[Ss]upport|[Ss]etup|[Hh]arness)\.[cm]?[jt]sx?$|^(example|demo|sample)[-_][^/]*\.[cm]?[jt]sx?$/;

/**
 * Support folders named with a prefix: `module_sample`, `code-examples`, `api_demos`; tests' helpers
 * named as test files are (`helpers.test`); test suites and harnesses named by kind
 * (`contract-tests`, `integration_tests`, `e2e-specs`, `sharedtest`, `test-harness`, `test_utils`).
 */
const SUPPORT_DIR_NAME = /^.+[-_](examples?|samples?|demos?)$|^.+\.(tests?|specs?)$|^.+[-_](tests|specs)$|^sharedtests?$|^tests?[-_](harness|utils?|helpers?|support|fixtures?)$/;
/** Tooling folders named with a prefix: `build_scripts`, `dev-scripts`, `release-tools`. */
const TOOLING_DIR_NAME = /^.+[-_](scripts?|tools)$/;
/** A package's own example or test program at its root (`example.js`, `test.js`), unless package.json runs it. */
const ROOT_SUPPORT_FILE = /^(examples?|demos?|samples?|tests?)\.[cm]?[jt]sx?$/;

function isSupportDirName(name: string): boolean {
  return SUPPORT_DIRS.has(name) || SUPPORT_DIR_NAME.test(name);
}

/**
 * `example.js` at the root of a package whose `main`, `bin` and scripts do not run it as the
 * product; or a root script that package.json runs only for its maintainers' tasks.
 */
function isRootSupportFile(dir: string, name: string, packageRoot = true): boolean {
  // `packageRoot` false: discovery saw no package.json in `dir`, so nothing there is worth reading for.
  if (!ROOT_SUPPORT_FILE.test(name)) return packageRoot && isRootTaskScript(dir, name);
  const pkg = readPackageJson(dir);
  if (!pkg) return false;
  return !runtimeEntries(pkg).some((e) => typeof e === 'string' && path.normalize(e) === name) && !runsFrom(dir, name, true);
}

/** Script names under which a package runs itself, in production or in development. */
const SERVING_SCRIPT = /^(start|serve|server|prod|production|worker|dev|develop|debug)$|^(start|serve|dev):|:(start|serve|prod|production)$/;
/** npm's lifecycle scripts and the maintainers' usual tasks: install, build, lint, test, release. */
const TASK_SCRIPT = /^(pre|post)?(install|prepare|prepublish|prepublishOnly|prepack|pack|publish|version|build|compile|lint|format|test|coverage|release|clean|docs?|typecheck)(:|$)/;

/**
 * A root script that package.json's `scripts` run for a maintainers' task — install, build, lint,
 * test, release (mediasoup's `"postinstall": "node npm-scripts.mjs postinstall"`) — and that
 * `main`, `bin` and no serving script (`start`, `dev`, `serve`, `*:prod`) run: tooling, like a
 * `scripts/` folder's files. One only a script of another name runs (`"shell": "node shell.js"`)
 * may be the product's own, and is linted.
 */
function isRootTaskScript(dir: string, name: string): boolean {
  if (!/\.[cm]?[jt]s$/.test(name)) return false;
  const pkg = readPackageJson(dir);
  if (!pkg || runtimeEntries(pkg).some((e) => typeof e === 'string' && path.normalize(e) === name)) return false;
  const scripts = pkg.scripts && typeof pkg.scripts === 'object' ? Object.entries(pkg.scripts as Record<string, unknown>) : [];
  const mention = mentionOf(name, true);
  const runners = scripts.filter(([, v]) => typeof v === 'string' && mention.test(v));
  return runners.some(([k]) => TASK_SCRIPT.test(k)) && !runners.some(([k]) => SERVING_SCRIPT.test(k));
}

/** A source map of a script (`x.js.map`, `x.cjs.map`). */
const SCRIPT_MAP = /\.[cm]?jsx?\.map$/;

export interface DiscoveryResult {
  files: string[];
  /** Paths the user named that match nothing lintable, or are ignored. */
  warnings: string[];
  /**
   * Folders left unread that the report itself must name (a package whose code is all build
   * output): an info note each, so a CI job reading JSON or SARIF sees it too, not only stderr.
   */
  skipped: { path: string; message: string }[];
  /** Files found but left out as copies of code Node runs from elsewhere (engine/build-copies.ts), each covered by a note in `skipped`. */
  copies: string[];
  /** Modules read for their imports to tell copies apart (not those `importScans` answered): for the --cache file. */
  importScans: ReadonlyMap<string, ScannedImports>;
}

export interface DiscoveryOptions {
  cwd: string;
  /** Config `ignores` in force for a directory (patterns relative to their config's folder). */
  ignoresFor?: (dir: string) => { base: string; patterns: string[] }[];
  /** Config `lintSupportFiles` in force for a directory: lint tests, examples and tooling too. */
  lintSupportFilesFor?: (dir: string) => boolean;
  /** Modules' imports kept by an earlier run (--cache), so unchanged modules are not read again. */
  importScans?: StoredImportScans;
}

interface GitIgnoreLayer {
  base: string;
  ig: Ignore;
}

export function findFiles(paths: string[], opts: DiscoveryOptions): DiscoveryResult {
  const files = new Set<string>();
  /** Files named on the command line, not found by walking a folder. */
  const named = new Set<string>();
  const warnings: string[] = [];
  const skipped: DiscoveryResult['skipped'] = [];
  const skippedBuild: string[] = [];
  const visitedDirs = new Set<string>();
  /** The `x.js.map` files seen: what a built file was built from (engine/source-map-copies.ts). */
  const sourceMaps = new Set<string>();
  const configIgnores = new Map<string, Ignore>();
  /** Folders skipped as tooling by their name, until the linted code is seen not to load them. */
  const toolingFolders = new Map<string, { layers: GitIgnoreLayer[]; real?: string }>();
  /** Linted scripts already read for the tooling folders they load. */
  const scannedLoaders = new Set<string>();

  const configIgnored = (file: string, isDir: boolean): boolean => {
    for (const { base, patterns } of opts.ignoresFor?.(isDir ? file : path.dirname(file)) ?? []) {
      const rel = path.relative(base, file);
      if (!rel || rel.startsWith('..')) continue;
      let ig = configIgnores.get(base + '\0' + patterns.join('\0'));
      if (!ig) {
        ig = ignore().add(patterns);
        configIgnores.set(base + '\0' + patterns.join('\0'), ig);
      }
      if (ig.ignores(toPosix(rel) + (isDir ? '/' : ''))) return true;
    }
    return false;
  };

  const gitIgnored = (layers: GitIgnoreLayer[], file: string, isDir: boolean): boolean => {
    for (const { base, ig } of layers) {
      const rel = path.relative(base, file);
      if (rel && !rel.startsWith('..') && ig.ignores(toPosix(rel) + (isDir ? '/' : ''))) return true;
    }
    return false;
  };

  const lintSupport = (dir: string): boolean => opts.lintSupportFilesFor?.(dir) ?? false;
  /** `name`, a folder inside `dir`, holds support code that is not linted here. */
  const supportDir = (dir: string, name: string): boolean => {
    if (!isSupportDirName(name) && !toolingDir(dir, name)) return false;
    return !lintSupport(dir);
  };

  /** `knownReal`: the folder's real path, when its parent's is known and it is no link (a real path each costs a call per folder above it). */
  const walkDir = (dir: string, layers: GitIgnoreLayer[], named = false, knownReal?: string): void => {
    let real: string;
    try {
      real = knownReal ?? fs.realpathSync(dir);
    } catch {
      return;
    }
    if (visitedDirs.has(real)) return; // symlink loop, or the same tree reached twice
    visitedDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // Read only where the listing has one: most folders have none, and a failed read is a call too.
    const gi = entries.some((e) => e.name === '.gitignore') ? readGitignore(dir) : undefined;
    const here = gi ? [...layers, { base: dir, ig: gi }] : layers;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // A web front-end of the package (`web/` with its own webpack config and index.html): browser code, unless named.
    const frontEnd = named ? undefined : webFrontEnd(dir, entries);
    if (frontEnd) {
      if (holdsScripts(dir)) skipped.push({ path: dir, message: `Skipped: a browser front-end, built by ${frontEnd} for the page beside it` });
      return;
    }
    const compiledOut = compiledOutputOf(dir, entries);
    const packageRoot = entries.some((e) => e.name === 'package.json');
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          isFile = fs.statSync(full).isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) {
        // `lib/out/`, `src/build/`: a module folder that happens to share a build folder's name, inside code; build
        // output sits beside a project's package.json or tsconfig.json (or is ignored by git, checked below).
        const nestedModuleFolder = BUILD_OUTPUT_DIRS.has(e.name) && !entries.some((x) => x.name === 'package.json' || x.name === 'tsconfig.json') &&
          requiredFromBeside(dir, entries, e.name);
        if (SKIPPED_DIRS.has(e.name) && !nestedModuleFolder) {
          // A published package whose `main` runs its build output and that ships no sources for it: that is the product.
          if (BUILD_OUTPUT_DIRS.has(e.name) && runsBuildWithoutSources(dir, e.name) && !gitIgnored(here, full, true)) {
            walkDir(full, here, false, e.isDirectory() ? path.join(real, e.name) : undefined);
            continue;
          }
          if (BUILD_OUTPUT_DIRS.has(e.name)) skippedBuild.push(full);
          continue;
        }
        // Hidden folders (`.claude/worktrees/…` mirroring the package, `.github/`, `.husky/`): tool state and
        // CI scripts, never what the package runs. Named on the command line, one is linted.
        if (e.name.startsWith('.')) continue;
        if (gitIgnored(here, full, true) || configIgnored(full, true)) continue;
        if (supportDir(dir, e.name)) {
          // Tooling by its name only: linted after all if the package's code loads it (see lintLoadedTooling).
          if (!isSupportDirName(e.name) && holdsScripts(full)) toolingFolders.set(full, { layers: here, real: e.isDirectory() ? path.join(real, e.name) : undefined });
          continue;
        }
        // `lib/` that tsconfig compiles `src/` into, shipped beside it: its findings belong to the sources.
        if (compiledOut?.out === full) {
          if (holdsScripts(full)) {
            const show = (d: string) => toPosix(path.relative(opts.cwd, d)) || '.';
            skipped.push({ path: full, message: `Skipped: JavaScript compiled from the TypeScript in ${show(compiledOut.sources)} (tsconfig.json outDir), which is linted` });
          }
          continue;
        }
        walkDir(full, here, false, e.isDirectory() ? path.join(real, e.name) : undefined);
      } else if (isFile && SCRIPT_MAP.test(e.name)) {
        sourceMaps.add(full);
      } else if (isFile && (fileKindOf(full) || isNodeProgram(full, e.name))) {
        if ((TEST_FILE.test(e.name) || isRootSupportFile(dir, e.name, packageRoot)) && !lintSupport(dir)) continue;
        if (gitIgnored(here, full, false) || configIgnored(full, false)) continue;
        files.add(full);
      }
    }
  };

  /**
   * A folder named like tooling (`scripts/`, `tools/`) whose modules the linted code loads
   * (`require(`${__dirname}/scripts/${file}`)`) is runtime code: it is linted, and so is what it
   * loads in turn. One nothing loads stays out, with an info note rather than silently.
   */
  const lintLoadedTooling = (): void => {
    for (let found = true; found && toolingFolders.size; ) {
      found = false;
      for (const file of [...files]) {
        if (scannedLoaders.has(file) || fileKindOf(file) !== 'script') continue;
        scannedLoaders.add(file);
        for (const folder of foldersLoadedBy(file, [...toolingFolders.keys()])) {
          const t = toolingFolders.get(folder)!;
          toolingFolders.delete(folder);
          walkDir(folder, t.layers, false, t.real);
          found = true;
        }
      }
    }
    for (const folder of toolingFolders.keys()) {
      skipped.push({ path: folder, message: 'Skipped: maintainers\' tooling by its folder\'s name; no main, bin or start script runs it and no linted module loads it (set "lintSupportFiles": true to lint it)' });
    }
    toolingFolders.clear();
  };

  for (const p of paths.length ? paths : ['.']) {
    const abs = path.resolve(opts.cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw new UsageError(`Cannot read ${p}: a loop of symbolic links`);
      if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`Cannot read ${p}: permission denied`);
      throw new UsageError(`No such file or directory: ${p}`);
    }
    if (st.isDirectory()) {
      const before = new Set(files);
      skippedBuild.length = 0;
      walkDir(abs, ancestorGitignores(abs), true);
      lintLoadedTooling();
      const added = [...files].filter((f) => !before.has(f));
      // A published package whose code is all in `dist/`: say so rather than lint only its package.json.
      const builds = added.some((f) => fileKindOf(f) === 'script') ? [] : skippedBuild.filter(holdsScripts);
      for (const d of builds) {
        const name = toPosix(path.relative(opts.cwd, d)) || '.';
        skipped.push({ path: d, message: `Skipped: build output, the only code under ${p} (name it to lint it: stability-lint ${name})` });
      }
      // Every other build folder left out gets its note too (huggingface's `dist/` beside its `src/`): no silent skip.
      for (const d of added.length && !builds.length ? skippedBuild.filter(holdsScripts) : []) {
        const name = toPosix(path.relative(opts.cwd, d)) || '.';
        skipped.push({ path: d, message: `Skipped: build output, beside the code that is linted (name it to lint it: stability-lint ${name})` });
      }
      if (!builds.length && !added.length) warnings.push(`No files to lint under ${p}`);
    } else if (fileKindOf(abs) || isNodeProgram(abs, path.basename(abs))) {
      // A file named on the command line is linted unless config ignores it (as ESLint does),
      // or it is support code below the working folder (a hook passing every staged file).
      if (configIgnored(abs, false)) warnings.push(`File ignored by configuration: ${p}`);
      else if (isSupportPath(abs, opts.cwd) && !lintSupport(path.dirname(abs))) {
        warnings.push(`File skipped as a test, example or tooling script (set "lintSupportFiles": true to lint it): ${p}`);
      } else {
        files.add(abs);
        named.add(abs);
      }
    } else {
      warnings.push(`Not a file stability-lint reads: ${p}`);
    }
  }
  const found = [...files];
  const imports = new ImportScan(opts.importScans);
  skipped.push(...dropBuildCopies(files, named, opts.cwd, imports, sourceMaps));
  return { files: [...files], warnings, skipped, copies: found.filter((f) => !files.has(f)), importScans: imports.scanned };
}

/**
 * The folder a `tsconfig.json` in `dir` compiles into (`outDir`), when the TypeScript sources it
 * compiles from are there too (its `rootDir`, or the first folder its `include` names). Undefined
 * when there is no such config, no `outDir` below `dir`, or no sources beside it.
 */
function compiledOutputOf(dir: string, entries: readonly fs.Dirent[]): { out: string; sources: string } | undefined {
  if (!entries.some((e) => e.name === 'tsconfig.json' && e.isFile())) return undefined;
  let json: { compilerOptions?: { outDir?: unknown; rootDir?: unknown }; include?: unknown } | undefined;
  try {
    json = parseJsonc(fs.readFileSync(path.join(dir, 'tsconfig.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const outDir = json?.compilerOptions?.outDir;
  if (typeof outDir !== 'string') return undefined;
  const out = path.resolve(dir, outDir);
  if (path.dirname(out) !== dir) return undefined;
  const rootDir = json?.compilerOptions?.rootDir;
  const firstInclude = Array.isArray(json?.include) && typeof json.include[0] === 'string' ? json.include[0].split(/[\\/]/)[0] : undefined;
  const sourceRoot = typeof rootDir === 'string' ? rootDir : firstInclude && !/[*?]/.test(firstInclude) ? firstInclude : undefined;
  if (!sourceRoot) return undefined;
  const sources = path.resolve(dir, sourceRoot);
  return sources !== out && sources !== dir && holdsTypeScript(sources) ? { out, sources } : undefined;
}

/** TypeScript sources (not declaration files), at most three levels down. */
function holdsTypeScript(dir: string): boolean {
  return holdsFile(dir, (name) => /\.[cm]?tsx?$/.test(name) && !/\.d\.[cm]?ts$/.test(name));
}

/** A folder with a JavaScript or TypeScript file in it, at most three levels down. */
function holdsScripts(dir: string): boolean {
  return holdsFile(dir, (name, full) => fileKindOf(full) === 'script');
}

/** A file `matches` in `dir` or its folders, at most three levels down (node_modules aside). */
function holdsFile(dir: string, matches: (name: string, full: string) => boolean, depth = 0): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  if (entries.some((e) => e.isFile() && matches(e.name, path.join(dir, e.name)))) return true;
  return depth < 3 && entries.some((e) => e.isDirectory() && e.name !== 'node_modules' && holdsFile(path.join(dir, e.name), matches, depth + 1));
}

/** An extensionless file whose #! line runs Node (`bin/server`): a program, linted as JavaScript. */
function isNodeProgram(file: string, name: string): boolean {
  if (path.extname(name) !== '' || name.startsWith('.')) return false;
  let fd: number | undefined;
  try {
    if (!fs.statSync(file).isFile()) return false; // a FIFO would block the read
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(200);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return fileKindOfText(file, head.subarray(0, n).toString('utf8')) === 'script';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** True when a file below `root` lies in a support folder or is a test file (folders above `root` do not count). */
export function isSupportPath(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return TEST_FILE.test(path.basename(file));
  const parts = rel.split(path.sep);
  const name = parts.pop()!;
  if (TEST_FILE.test(name) || isRootSupportFile(path.dirname(file), name)) return true;
  let dir = root;
  for (const part of parts) {
    if (isSupportDirName(part) || toolingDir(dir, part)) return true;
    dir = path.join(dir, part);
  }
  return false;
}

/**
 * `name`, a folder of the package in `dir`, holds maintainers' tooling: a tooling folder the
 * package does not run from, or a `bin/` folder when the package declares its programs in
 * package.json `bin` and none of them is there (etherpad's hand-run `bin/*.js` repair scripts).
 */
function toolingDir(dir: string, name: string): boolean {
  if (!TOOLING_DIRS.has(name) && !TOOLING_DIR_NAME.test(name) && !(name === 'bin' && declaresBin(dir))) return false;
  return !runsFrom(dir, name);
}

function declaresBin(dir: string): boolean {
  const bin = readPackageJson(dir)?.bin;
  return bin !== undefined && bin !== null;
}

/**
 * True when the package in `dir` runs code from its folder `name` in production: its `main`,
 * `bin` or a start-like script names a file there (`"start": "node scripts/server.js"`).
 */
function runsFrom(dir: string, name: string, file = false): boolean {
  const pkg = readPackageJson(dir);
  if (!pkg) return false;
  const scripts = pkg.scripts && typeof pkg.scripts === 'object' ? pkg.scripts : {};
  const runtime = [...runtimeEntries(pkg),
    ...Object.entries(scripts).filter(([k]) => /^(start|serve|server|prod|production|worker)\b|:prod(uction)?$/.test(k)).map(([, v]) => v)];
  const mention = mentionOf(name, file);
  return runtime.some((v) => typeof v === 'string' && mention.test(v));
}

/** A command line's mention of the package's file or folder `name` (`node ./shell.js`, `scripts/server.js`). */
function mentionOf(name: string, file: boolean): RegExp {
  // Folder and file names here are plain words (letters, digits, `-`, `_`, one `.` before the extension).
  return new RegExp(`(^|[\\s"'=/])(\\./)?${name.replace(/\./g, '\\.')}${file ? '(?![\\w.])' : '/'}`);
}

/** .gitignore files above a starting folder, up to the repository root, outermost first. */
function ancestorGitignores(dir: string): GitIgnoreLayer[] {
  const layers: GitIgnoreLayer[] = [];
  if (fs.existsSync(path.join(dir, '.git'))) return layers;
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const gi = readGitignore(d);
    if (gi) layers.unshift({ base: d, ig: gi });
    if (fs.existsSync(path.join(d, '.git')) || path.dirname(d) === d) break;
  }
  return layers;
}

function readGitignore(dir: string): Ignore | undefined {
  try {
    return ignore().add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'));
  } catch {
    return undefined;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** A mistake in how the tool was called: exit code 2 with the message. */
export { UsageError };

/**
 * The package in `dir` runs a file of its build folder `name` (`"main": "dist/lib/index.js"`, a
 * `bin`, an `exports` target) and ships no source it was built from (`src/lib/index.ts`,
 * `lib/index.ts`): the build output is the only copy of that code, so it is linted.
 */
function runsBuildWithoutSources(dir: string, name: string): boolean {
  const pkg = readPackageJson(dir);
  if (!pkg) return false;
  const targets = [...runtimeEntries(pkg), ...exportTargets(pkg.exports, 0)];
  const inBuild = targets.flatMap((t) => {
    if (typeof t !== 'string') return [];
    const rel = path.normalize(t).split(path.sep);
    return rel[0] === name && rel.length > 1 && /\.[cm]?js$/.test(t) ? [rel.slice(1).join('/')] : [];
  });
  // A `src/` folder, or a tsconfig.json with TypeScript beside it: the build is made from sources the
  // package ships (a bundle need not mirror their names). A tsconfig.json alone compiles nothing shipped.
  // A `src/` of C++ only (node-libcurl's addon) is no source of the JavaScript build.
  if (holdsScripts(path.join(dir, 'src'))) return false;
  if (fs.existsSync(path.join(dir, 'tsconfig.json')) && shipsTypeScript(dir, name)) return false;
  if (mirrorsSourceFolder(dir, name)) return false;
  if (inBuild.length > 0 && inBuild.every((rest) => !hasSourceFor(dir, rest))) return true;
  // `"main": "index.js"` holding `module.exports = require('./dist')`, a bin that requires `../dist`.
  return targets.some((t) => typeof t === 'string' && path.normalize(t).split(path.sep)[0] !== name && entryLoadsFolder(dir, t, name));
}

/** Source extensions a compiled `.js` module may come from. */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/**
 * The build folder `name` holds a copy of a source folder the package ships beside it, by the
 * same name: `dist/lib/cli.js` ↔ `lib/cli.ts`, `dist/lib/config.js` ↔ `lib/config.js`
 * (contentful-cli, compiled by tsc with `allowJs` into `dist/`). Most of the copy's modules, and
 * two at least, have a source there.
 */
function mirrorsSourceFolder(dir: string, name: string): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(dir, name), { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((e) => {
    if (!e.isDirectory() || e.name === 'node_modules' || !fs.existsSync(path.join(dir, e.name))) return false;
    let modules: string[];
    try {
      modules = fs.readdirSync(path.join(dir, name, e.name)).filter((f) => /\.[cm]?js$/.test(f));
    } catch {
      return false;
    }
    const withSource = modules.filter((f) => {
      const stem = path.join(dir, e.name, f.replace(/\.[cm]?js$/, ''));
      return SOURCE_EXTENSIONS.some((ext) => fs.existsSync(stem + ext));
    });
    return withSource.length >= 2 && withSource.length * 2 >= modules.length;
  });
}

/** The start of a `require('…`, `from '…` or `import('…` of a module: a pattern source for the path that follows. */
const LOADS = `(?:\\brequire\\s*\\(|\\bfrom|\\bimport\\s*\\()\\s*['"]`;

/** The entry file `target` of the package in `dir` requires or imports the folder `name` (or a module in it) by relative path. */
function entryLoadsFolder(dir: string, target: string, name: string): boolean {
  const file = path.join(dir, target);
  let text: string;
  try {
    if (!fs.statSync(file).isFile() || fs.statSync(file).size > 1024 * 1024) return false;
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  let rel = toPosix(path.relative(path.dirname(file), path.join(dir, name)));
  if (!rel.startsWith('.')) rel = `./${rel}`;
  const spec = rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${LOADS}${spec}(?:/[^'"]*)?['"]`).test(text);
}

/** How many folder entries `shipsTypeScript` looks at before it assumes there are sources. */
const TYPESCRIPT_SCAN_LIMIT = 2000;

/** A TypeScript source (not a declaration file) in the package, outside its build folder and node_modules. */
function shipsTypeScript(dir: string, buildName: string): boolean {
  const queue = [dir];
  let seen = 0;
  while (queue.length) {
    const d = queue.shift()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (++seen > TYPESCRIPT_SCAN_LIMIT) return true;
      if (e.isDirectory()) {
        // Examples, tests and other builds compile separately: their TypeScript is not this build's source.
        if (SKIPPED_DIRS.has(e.name) || e.name.startsWith('.') || isSupportDirName(e.name) || (d === dir && e.name === buildName)) continue;
        queue.push(path.join(d, e.name));
      } else if (/\.[cm]?tsx?$/.test(e.name) && !/\.d\.[cm]?tsx?$/.test(e.name)) {
        return true;
      }
    }
  }
  return false;
}

/** Every string an `exports` map can hand out (conditions and subpaths, a few levels deep). */
function exportTargets(exp: unknown, depth: number): string[] {
  if (typeof exp === 'string') return [exp];
  if (!exp || typeof exp !== 'object' || depth > 4) return [];
  return Object.values(exp as Record<string, unknown>).flatMap((v) => exportTargets(v, depth + 1));
}

/** A source of `rest` (`lib/index.js` inside the build folder): `src/lib/index.ts`, `src/index.ts`, `lib/index.ts`. */
function hasSourceFor(dir: string, rest: string): boolean {
  const stem = rest.replace(/\.[cm]?js$/, '');
  const tail = stem.split('/').slice(1).join('/');
  const stems = [`src/${stem}`, stem, ...(tail ? [`src/${tail}`] : [])];
  return stems.some((st) => SOURCE_EXTENSIONS.some((ext) => fs.existsSync(path.join(dir, st + ext))));
}

/** Bundler configs that build a folder's code for a page. */
const BUNDLER_CONFIG = /^(webpack|vite|rollup|parcel|snowpack|rspack)\.config\.[cm]?[jt]s$/;

/**
 * `dir` is a web front-end: it holds the page (`index.html`) and a bundler config that builds its
 * code for that page, not for Node (no `target: 'node'`). Its code runs in the browser.
 */
function webFrontEnd(dir: string, entries: readonly fs.Dirent[]): string | undefined {
  const names = entries.map((e) => e.name);
  if (!names.includes('index.html')) return undefined;
  const config = names.find((n) => BUNDLER_CONFIG.test(n));
  if (!config) return undefined;
  let text = '';
  try {
    text = fs.readFileSync(path.join(dir, config), 'utf8');
  } catch {
    return undefined;
  }
  if (/\btarget\s*:\s*['"`](node|electron-main|async-node)/.test(text)) return undefined;
  return config;
}

/**
 * A script beside the folder `name` requires or imports a module in it by relative path
 * (`require('./out/text')` in `lib/cli.js`): the folder is part of the code, whatever its name.
 */
function requiredFromBeside(dir: string, entries: readonly fs.Dirent[], name: string): boolean {
  const pattern = new RegExp(`${LOADS}\\./${name}/`);
  for (const e of entries) {
    if (!e.isFile() || !/\.[cm]?[jt]sx?$/.test(e.name)) continue;
    try {
      const full = path.join(dir, e.name);
      if (fs.statSync(full).size > 1024 * 1024) continue;
      if (pattern.test(fs.readFileSync(full, 'utf8'))) return true;
    } catch {
      continue;
    }
  }
  return false;
}
