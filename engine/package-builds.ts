// Which files of a published package are copies of code Node runs from elsewhere, as its
// package.json says: a build for browsers (or Deno, workers, React Native) beside the Node entry,
// and the ES module twin of a CommonJS build. Linting them reports the same code twice, or code
// no Node process runs. Discovery reads this and skips them with a note (engine/files.ts).
import * as path from 'node:path';

/** `exports` conditions of runtimes that are not Node: a file only they are given is not Node's code. */
const NON_NODE_CONDITIONS = new Set(['browser', 'deno', 'worker', 'react-native', 'edge-light', 'workerd', 'electron-renderer']);

/** The conditions Node matches when a package is `require`d, and when it is `import`ed. */
const REQUIRE_CONDITIONS = new Set(['node', 'require', 'node-addons', 'default']);
const IMPORT_CONDITIONS = new Set(['node', 'import', 'node-addons', 'default']);

/** A file package.json gives only to a runtime that is not Node, and what says so. */
export interface BrowserBuild {
  file: string;
  /** `"browser" condition of "." in package.json exports`, `package.json "browser" field`. */
  namedBy: string;
  /** The file Node loads for that entry instead, when known. */
  nodeFile?: string;
}

/**
 * Two parallel builds of the same modules: `import` gets one, `require` (or `main`) the other.
 * Folders (`dist/esm`, `dist/cjs`) when the builds are trees, files when they sit side by side.
 */
export interface TwinBuild {
  /** The build Node's `require` loads (or `main` names): linted. */
  kept: string;
  /** The other build: skipped where `kept` is linted. */
  twin: string;
  /** Folders, or single files. */
  trees: boolean;
  /** What names them: `package.json exports: "require" ./dist/cjs/x.js, "import" ./dist/esm/x.js`. */
  namedBy: string;
}

/** A whole folder built for a runtime that is not Node (`dist/browser/` beside `dist/commonjs/`). */
export interface BrowserTree {
  dir: string;
  namedBy: string;
  /** The folder of the build Node loads instead. */
  nodeDir: string;
}

export interface PackageBuilds {
  browser: BrowserBuild[];
  browserTrees: BrowserTree[];
  twins: TwinBuild[];
}

type Json = unknown;

/** The target Node picks for an `exports` value under `conditions`, as its resolver does (first match in key order). */
function resolveTarget(value: Json, conditions: ReadonlySet<string>): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = resolveTarget(v, conditions);
      if (t !== undefined) return t;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (!conditions.has(key)) continue;
      const t = resolveTarget(v, conditions);
      if (t !== undefined) return t;
    }
  }
  return undefined;
}

/** Every target under a non-Node condition in an `exports` value, with the condition that names it. */
function nonNodeTargets(value: Json, out: { target: string; condition: string }[], under?: string): void {
  if (typeof value === 'string') {
    if (under) out.push({ target: value, condition: under });
  } else if (Array.isArray(value)) {
    for (const v of value) nonNodeTargets(v, out, under);
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) nonNodeTargets(v, out, under ?? (NON_NODE_CONDITIONS.has(key) ? key : undefined));
  }
}

/** The entries of an `exports` field: subpath → value (a bare condition object or string is the "." entry). */
function exportEntries(exports: Json): [string, Json][] {
  if (typeof exports === 'string' || Array.isArray(exports)) return [['.', exports]];
  if (!exports || typeof exports !== 'object') return [];
  const keys = Object.keys(exports);
  if (keys.length && keys.every((k) => k.startsWith('.'))) return Object.entries(exports);
  return [['.', exports]];
}

/** A type declaration or a non-script target: neither is linted. */
function isScriptTarget(target: string): boolean {
  return /\.[cm]?[jt]sx?$|\*$/.test(target) && !/\.d\.[cm]?ts$/.test(target);
}

function absolute(pkgDir: string, target: string): string {
  return path.resolve(pkgDir, target);
}

/** What package.json in `pkgDir` says about the builds it ships. */
export function packageBuilds(pkgDir: string, pkg: Record<string, unknown>): PackageBuilds {
  const entries = exportEntries(pkg.exports);
  const main = typeof pkg.main === 'string' ? pkg.main : undefined;
  // What Node loads for the package itself: never a browser build, whatever else names it.
  const nodeMain = new Set<string>();
  const dot = entries.find(([k]) => k === '.')?.[1];
  for (const conditions of [REQUIRE_CONDITIONS, IMPORT_CONDITIONS]) {
    const t = dot !== undefined ? resolveTarget(dot, conditions) : undefined;
    if (t) nodeMain.add(absolute(pkgDir, t));
  }
  if (main) nodeMain.add(absolute(pkgDir, main));
  if (dot === undefined && !main) nodeMain.add(path.join(pkgDir, 'index.js'));
  const nodeFiles = [...nodeMain];

  const browser = new Map<string, BrowserBuild>();
  const browserTrees = new Map<string, BrowserTree>();
  const addBrowser = (target: string, namedBy: string, nodeTarget?: string) => {
    if (!isScriptTarget(target) || target.includes('*')) return;
    const file = absolute(pkgDir, target);
    const nodeFile = nodeTarget ? absolute(pkgDir, nodeTarget) : undefined;
    if (nodeMain.has(file) || file === nodeFile || browser.has(file)) return;
    browser.set(file, { file, namedBy, nodeFile });
    // The same module in a parallel folder (`dist/browser/index.js` ↔ `dist/commonjs/index.js`): the whole folder is that runtime's build.
    const pair = nodeTarget && isScriptTarget(nodeTarget) ? twinPair(nodeTarget, target) : undefined;
    if (pair?.trees && pair.twin) {
      const dir = absolute(pkgDir, pair.twin);
      const nodeDir = absolute(pkgDir, pair.kept);
      if (!isInside(nodeDir, dir) && !browserTrees.has(dir)) browserTrees.set(dir, { dir, namedBy, nodeDir });
    }
  };
  for (const [subpath, value] of entries) {
    const nodeTarget = resolveTarget(value, REQUIRE_CONDITIONS) ?? resolveTarget(value, IMPORT_CONDITIONS);
    // Only where Node is given a file of its own for the entry: else the browser file may be all there is.
    if (!nodeTarget) continue;
    const others: { target: string; condition: string }[] = [];
    nonNodeTargets(value, others);
    const importTarget = resolveTarget(value, IMPORT_CONDITIONS);
    for (const { target, condition } of others) {
      if (target === nodeTarget || target === importTarget) continue;
      addBrowser(target, `the "${condition}" condition of "${subpath}" in package.json exports`, nodeTarget);
    }
  }
  // The `browser` field: a file bundlers use instead of `main`, or a map of replacements.
  if (typeof pkg.browser === 'string' && (main || dot !== undefined)) {
    addBrowser(pkg.browser, 'the package.json "browser" field', main ?? nodeFiles[0]);
  } else if (pkg.browser && typeof pkg.browser === 'object' && !Array.isArray(pkg.browser)) {
    for (const [from, to] of Object.entries(pkg.browser as Record<string, unknown>)) {
      if (typeof to !== 'string' || !from.startsWith('.') || absolute(pkgDir, from) === absolute(pkgDir, to)) continue;
      addBrowser(to, `the package.json "browser" field (in place of ${from})`, from);
    }
  }
  // A file the `browser` field swaps out that Node still loads through an exports subpath no
  // non-Node condition names (a plain `"./web": "./web.js"` only) stays Node's code.
  for (const [, value] of entries) {
    const others: { target: string; condition: string }[] = [];
    nonNodeTargets(value, others);
    if (others.length) continue;
    for (const conditions of [REQUIRE_CONDITIONS, IMPORT_CONDITIONS]) {
      const t = resolveTarget(value, conditions);
      if (t && browser.has(absolute(pkgDir, t)) && !isBrowserNamedSubpath(entries, t)) browser.delete(absolute(pkgDir, t));
    }
  }

  const twins = new Map<string, TwinBuild>();
  const addTwin = (required: string, imported: string, namedBy: string) => {
    const pair = twinPair(required, imported);
    if (!pair) return;
    const kept = absolute(pkgDir, pair.kept);
    const twin = absolute(pkgDir, pair.twin);
    if (kept === twin || twins.has(twin) || [...twins.values()].some((t) => t.twin === kept)) return;
    twins.set(twin, { kept, twin, trees: pair.trees, namedBy });
  };
  for (const [, value] of entries) {
    const required = resolveTarget(value, REQUIRE_CONDITIONS);
    const imported = resolveTarget(value, IMPORT_CONDITIONS);
    if (required && imported && required !== imported && isScriptTarget(required) && isScriptTarget(imported)) {
      addTwin(required, imported, `package.json exports: "require" ${required}, "import" ${imported}`);
    }
  }
  const moduleField = typeof pkg.module === 'string' ? pkg.module : undefined;
  if (main && moduleField && isScriptTarget(main) && isScriptTarget(moduleField)) {
    addTwin(main, moduleField, `package.json: "main" ${main}, "module" ${moduleField}`);
  }
  // A folder Node loads through some entry is Node's code after all.
  for (const f of nodeFiles) for (const [dir] of browserTrees) if (isInside(f, dir)) browserTrees.delete(dir);
  return { browser: [...browser.values()], browserTrees: [...browserTrees.values()], twins: [...twins.values()] };
}

/** `file` is `dir` or lies below it. */
function isInside(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir + path.sep);
}

/** True when some entry of the package names `target` under a non-Node condition. */
function isBrowserNamedSubpath(entries: [string, Json][], target: string): boolean {
  return entries.some(([, value]) => {
    const others: { target: string; condition: string }[] = [];
    nonNodeTargets(value, others);
    return others.some((o) => o.target === target);
  });
}

/**
 * The two builds two targets of one entry belong to: the folders where their paths part
 * (`./dist/cjs/x.js`, `./dist/esm/x.js` → `dist/cjs`, `dist/esm`), or the files themselves when
 * they sit in one folder under one name (`index.js`, `index.mjs`). Undefined when the module
 * names differ (not the same module built twice).
 */
function twinPair(required: string, imported: string): { kept: string; twin: string; trees: boolean } | undefined {
  const a = path.posix.normalize(required.replace(/^\.\//, '')).split('/');
  const b = path.posix.normalize(imported.replace(/^\.\//, '')).split('/');
  const stem = (s: string) => s.replace(/\.[cm]?[jt]sx?$/, '');
  if (stem(a[a.length - 1]) !== stem(b[b.length - 1])) return undefined;
  let i = a.length - 2;
  let j = b.length - 2;
  while (i >= 0 && j >= 0 && a[i] === b[j]) {
    i--;
    j--;
  }
  if (i < 0 && j < 0) return { kept: a.join('/'), twin: b.join('/'), trees: false };
  // The package folder itself is never a twin to skip (it holds everything else too).
  if (j < 0) return undefined;
  return { kept: a.slice(0, i + 1).join('/'), twin: b.slice(0, j + 1).join('/'), trees: true };
}
