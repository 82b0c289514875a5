// Whether a file is code nobody maintains by hand: generated, minified, bundled or vendored.
// Findings there cannot be acted on (the next build or update overwrites any edit), so the
// file is skipped with one info note, as a binary file is.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDirectory } from './folder-listings';
import { mapSources } from './source-map-copies';

/**
 * Folders that hold other people's code copied in, or browser bundles served as they are.
 * Not `static/`: apps such as Etherpad keep code there that the server runs too.
 */
const VENDORED_FOLDERS = new Set(['vendor', 'vendors', 'third_party', 'third-party', 'thirdparty', 'bower_components', 'jspm_packages', 'public']);

/** Folders a web server serves as they are (`www/` of an ioBroker adapter), and the library folders in them. */
const WEB_ROOTS = new Set(['www', 'wwwroot', 'webroot', 'htdocs']);
const LIBRARY_FOLDERS = new Set(['lib', 'libs', 'vendor', 'vendors']);

/** `www/lib/js/materialize.js`: a library folder under a web root holds browser libraries copied in. */
function webRootLibrary(folders: string[]): string | undefined {
  const root = folders.findIndex((f) => WEB_ROOTS.has(f.toLowerCase()));
  if (root < 0) return undefined;
  const lib = folders.findIndex((f, i) => i > root && LIBRARY_FOLDERS.has(f.toLowerCase()));
  return lib < 0 ? undefined : folders.slice(root, lib + 1).join('/');
}

/**
 * Names bundlers and minifiers give their output. `-bundle.js` is not one: people name modules
 * after what they do to a bundle (`prepare-bundle.js`); a real one is caught by its content.
 */
const BUILT_NAME = /\.(min|bundle|umd)\.[cm]?js$|-(min|umd)\.[cm]?js$|^(vite-preload-helper|rolldown-runtime)[-.]/i;

/** How far into the file a banner or marker is looked for. */
const HEAD = 2048;

/** Banners and runtime helpers each bundler writes into its output. */
const BUNDLE_MARKERS: [RegExp, string][] = [
  // webpack's runtime defines and calls `__webpack_require__`; hand-written code may only test for it
  // (`typeof __webpack_require__ === "function" ? __non_webpack_require__ : require`, @microsoft/signalr).
  [/webpackBootstrap|function __webpack_require__\(|__webpack_require__(\.[a-z]+)?\(\s*(\/\*|["'\d])|__webpack_modules__\s*=|\bwebpackChunk|\bwebpackJsonp/, 'webpack bundle'],
  [/\bparcelRequire\b|\$parcel\$/, 'Parcel bundle'],
  [/\bvar __toESM = |\bvar __commonJS = |\bvar __defProp = Object\.defineProperty;\s*var __getOwnPropDesc/, 'esbuild bundle'],
  [/\bSystem\.register\(/, 'SystemJS bundle'],
  // Vite's chunk loader (`const __vite__mapDeps = …`, `__vitePreload(…)`), in every chunk that loads others, and
  // chunks importing Vite's preload helper or Rolldown's runtime by their hashed names.
  [/\b__vite__mapDeps\b|\b__vitePreload\b|from\s*["']\.\/(rolldown-runtime|vite-preload-helper)-[\w-]+\.js["']/, 'Vite build'],
  // Browserify's and Rollup's headers: `? module.exports = factory()` and `? factory(exports)`.
  [/typeof exports === ['"]object['"] && typeof module !== ['"]undefined['"] \? (module\.exports = factory\(|factory\(exports)/, 'UMD build'],
  // browser-pack's preludes, newer and older (`(function e(t,n,r){function s(o,u){`, node-xmpp-client's browserify.js).
  [/^\(function\(\)\{function r\(e,n,t\)|\(function\(\)\{function r\(e,n,t\)\{function o\(i,f\)\{|\(function e\(t,n,r\)\{function s\(o,u\)\{if\(!n\[o\]\)/, 'browserify bundle'],
];

/**
 * A script for browsers: the file is one call of a wrapper that finds the page's global object
 * (`typeof window` / `self` / `globalThis`) and hangs on it what the wrapped factory returns
 * (`(function (f) { … g.SockJS = f() })(function () { … })`), with no CommonJS or AMD branch
 * before it. Node can load nothing from such a file: it exports nothing.
 */
function isBrowserGlobalWrapper(code: string): boolean {
  const open = /^[;!]?\s*\(\s*function\s*\(\s*([\w$]+)\s*(?:,\s*([\w$]+)\s*)?\)\s*\{/.exec(code);
  if (!open) return false;
  const factory = open[2] ?? open[1];
  const body = code.slice(open[0].length, open[0].length + 800);
  const assigned = new RegExp(`[\\w$]+(?:\\.[\\w$]+|\\[['"][\\w$]+['"]\\])\\s*=\\s*${factory.replace(/\$/g, '\\$')}\\(\\s*\\)`).exec(body);
  if (!assigned) return false;
  const prologue = body.slice(0, assigned.index);
  return /\btypeof\s+(?:window|self|globalThis)\s*!==?\s*['"]undefined['"]/.test(prologue) && !/\bmodule\b|\bexports\b|\bdefine\b|\brequire\b/.test(prologue);
}

/** `Documentation-uz4Ut9pT.js`: a name ending in a bundler's 8-character content hash. */
const HASHED_NAME = /-([A-Za-z0-9_-]{8})\.[cm]?js$/;
/** An import of a sibling chunk named the same way: `from "./index-NI-3Uv4e.js"`. */
const HASHED_IMPORT = /\bfrom\s*["']\.\/[\w.-]*-([A-Za-z0-9_-]{8})\.[cm]?js["']/g;

/**
 * A chunk a bundler wrote (Vite, Rolldown, Rollup with hashed file names): its own name ends in a
 * content hash and it imports a sibling whose name does too. A hash mixes cases or digits, so
 * `user-handlers.js` importing `./auth-handlers.js` is not one.
 */
function isHashedChunk(name: string, head: string): boolean {
  const own = HASHED_NAME.exec(name);
  if (!own || !looksLikeHash(own[1])) return false;
  // A server build keeps Node's modules and its dependencies outside (`from "node:fs"`,
  // `from "express"`): that chunk is the only copy of the server's code Node runs, and is linted.
  if (BARE_IMPORT.test(head)) return false;
  return [...head.matchAll(HASHED_IMPORT)].some((m) => looksLikeHash(m[1]));
}

/** An import of a package or a Node built-in rather than a sibling file. */
const BARE_IMPORT = /\bfrom\s*["'](?![./])[^"']+["']|\brequire\(\s*["'](?![./])[^"']+["']\s*\)/;

function looksLikeHash(s: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9_-]/].filter((r) => r.test(s)).length;
  return classes >= 2 && !/^[A-Z][a-z]+$/.test(s);
}

/** Rollup renames the bundled modules' clashing top-level names `alloc$1`, `N1$1`: people do not name things so. */
const ROLLUP_RENAMED = /^(?:export )?(?:async )?(?:function\*?|const|let|var|class) +[A-Za-z_$][\w$]*\$\d+\b/gm;
const MIN_ROLLUP_RENAMES = 5;
/** Smaller files are not read for renames: a bundle of several modules is larger. */
const MIN_BUNDLE_SIZE = 20_000;

/**
 * A Rollup bundle (`bundle/index.js` of @waku/sdk, 40k lines, not minified) beside the sources it
 * was built from: `src/` in the same package, which is linted. A bundle shipped without its
 * sources is the package's only copy of its code, and is linted.
 */
function isRollupBundleOfShippedSources(file: string, text: string, root: string | undefined): boolean {
  if (!root || text.length < MIN_BUNDLE_SIZE) return false;
  const src = path.join(root, 'src');
  if (file.startsWith(src + path.sep) || !isDirectory(src)) return false;
  ROLLUP_RENAMED.lastIndex = 0;
  for (let n = 0; ROLLUP_RENAMED.exec(text); ) if (++n >= MIN_ROLLUP_RENAMES) return true;
  return false;
}

/**
 * Comments generators put on their output to warn people off editing it. "Auto-generated" counts
 * where a comment line opens with it: inside a sentence it is about something else ("the
 * deprecation warning, which is auto-generated", in parse-server's Deprecations.js).
 */
const GENERATED_MARKER = /@generated\b|\bDO NOT EDIT\b|^[\s/*#!-]*(auto-?|automatically )generated\b|\bcode generated by\b|\bthis (file|code) (is|was|has been) (auto-?|automatically )?generated\b/im;

/** A relative `require` or import near the top: the file is a module of its package's graph. */
const RELATIVE_MODULE = /(?:\brequire\s*\(|\bfrom)\s*['"]\.{1,2}\//;

/** Minified code: long lines that make up most of the file. */
const MIN_MINIFIED_SIZE = 2048;
const LONG_LINE = 500;
/** Longer than any line a person writes, even a long type union or table row (groq-sdk's reach 932). */
const MINIFIED_LINE = 2000;
/** Minifiers leave a few ordinary lines (`"use strict";`, a banner, an export): this many per long line, and a few more. */
const SHORT_LINES_PER_LONG = 4;
const SHORT_LINES_ANYWAY = 8;

/**
 * Why this file is not hand-written code, in a few words for the info note ('a webpack
 * bundle', 'minified', 'vendored code (under vendor/)'); undefined for ordinary source.
 * `root` is the folder the run is rooted at: folders above it do not count.
 */
export function generatedCodeReason(file: string, text: string, root?: string): string | undefined {
  const rel = root && file.startsWith(root + path.sep) ? file.slice(root.length + 1) : file;
  const folders = rel.split(/[\\/]/).slice(0, -1);
  const vendored = folders.find((f) => VENDORED_FOLDERS.has(f.toLowerCase()));
  // A `public/` folder holds what a web server sends to browsers; a module there that requires its
  // package's other modules by relative path (`require('../internal/x')`) is the package's own code.
  if (vendored && !(vendored.toLowerCase() === 'public' && RELATIVE_MODULE.test(text.slice(0, HEAD)))) return `vendored code (under ${vendored}/)`;
  const webLibrary = webRootLibrary(folders);
  if (webLibrary) return `vendored code (browser libraries under ${webLibrary}/)`;
  if (BUILT_NAME.test(path.basename(file))) return 'build output (by its name)';
  const head = text.slice(0, HEAD);
  for (const [marker, what] of BUNDLE_MARKERS) if (marker.test(head) && !(what === 'esbuild bundle' && !isEsbuildBundle(file, text, root))) return what;
  if (isHashedChunk(path.basename(file), head)) return 'build output (a chunk with a content hash in its name)';
  if (isRollupBundleOfShippedSources(file, text, root)) return 'Rollup bundle (its modules\' clashing names renamed `name$1`); the sources in src/ are linted';
  const comments = leadingComments(head);
  if (GENERATED_MARKER.test(comments)) return 'generated code (its header says so)';
  if (isBrowserGlobalWrapper(head.slice(comments.length + (head.startsWith('#!') ? head.indexOf('\n') + 1 : 0)))) return 'browser bundle (it sets a global on window or self)';
  if (isMinified(text)) return 'minified code';
  return undefined;
}

/** esbuild's wrappers of the modules it bundles: `__commonJS({ "node_modules/ms/index.js"(exports, module) {`, `__esm({ "src/db.ts"() {`. */
const BUNDLED_MODULE_WRAPPER = /\b__(?:commonJS|esm)\(\{\s*["'][^"']+["']\s*\(/;

/**
 * Whether a file with esbuild's helpers (`__toESM`, `__export`, `__toCommonJS`) holds several
 * modules. esbuild writes the same helpers when it transpiles one file at a time (`build/cjs/**`
 * of @iobroker/db-states-redis: each file `require`s the next, each map names one source), and
 * such a file is the package's code like tsc's output. A bundle wraps the modules it copies in
 * (`__commonJS`, `__esm`), heads each with a `// src/x.ts` comment, or its map names several sources.
 */
function isEsbuildBundle(file: string, text: string, root: string | undefined): boolean {
  const sections = new Set([...text.matchAll(SECTION_COMMENT)].map((m) => m[1]));
  const several = BUNDLED_MODULE_WRAPPER.test(text) || sections.size > 1 || mappedSourceCount(file, text) > 1;
  return several && !isOwnSingleFileBuild(sections, root);
}

/** The last line's `//# sourceMappingURL=x.js.map`, a file beside (not an inline `data:` map). */
const SOURCE_MAP_FILE = /\/\/# sourceMappingURL=([^\s:]+\.map)\s*$/;

/** How many sources the file's source map names (0 without a map file). */
function mappedSourceCount(file: string, text: string): number {
  const url = SOURCE_MAP_FILE.exec(text.slice(-512))?.[1];
  return url ? mapSources(path.resolve(path.dirname(file), url)).length : 0;
}

/** The comment esbuild writes before each module it puts in its output: `// src/crawler.ts`. */
const SECTION_COMMENT = /^\/\/ ((?:[\w@.+-]+\/)*[\w@.+-]+\.[cm]?[jt]sx?)\r?$/gm;

/**
 * A tsup or esbuild build of the package's own modules into one file: every section names a
 * module of the package (none under `node_modules/`: no dependency copied in), and none of those
 * sources ships beside it (under the package folder `root`). Then this file is the only copy of
 * the package's code Node runs, and it is linted like hand-written code.
 */
function isOwnSingleFileBuild(sections: ReadonlySet<string>, root: string | undefined): boolean {
  if (!root || !sections.size) return false;
  for (const section of sections) {
    if (section.includes('node_modules/') || section.startsWith('../')) return false;
    if (fs.existsSync(path.join(root, section))) return false;
  }
  return true;
}

/** The `"use strict";` directive. */
const USE_STRICT = /^(["'])use strict\1;?/;

/** The comments (and blank lines, a #! line, a "use strict" directive) before the first statement. */
function leadingComments(head: string): string {
  let i = 0;
  if (head.startsWith('#!')) i = head.indexOf('\n') + 1 || head.length;
  const start = i;
  while (i < head.length) {
    while (i < head.length && /\s/.test(head[i])) i++;
    if (head.startsWith('//', i)) {
      const nl = head.indexOf('\n', i);
      i = nl === -1 ? head.length : nl + 1;
    } else if (head.startsWith('/*', i)) {
      const close = head.indexOf('*/', i + 2);
      i = close === -1 ? head.length : close + 2;
    } else if (USE_STRICT.test(head.slice(i, i + 16))) {
      // tsc puts the directive above the generator's banner (bullmq's generated sql-scripts.js).
      i += USE_STRICT.exec(head.slice(i, i + 16))![0].length;
    } else {
      break;
    }
  }
  return head.slice(start, i);
}

/** An inline source map: compiled per-file output (Babel, tsc) carries one, and it is one long line. */
const SOURCE_MAP_LINE = /^\/\/[#@] sourceMappingURL=/;

/** A line that holds no code: blank, or inside or opening a comment (` * …`, `// …`, `/* …`). */
const NON_CODE_LINE = /^\s*(?:$|\/\/|\/\*|\*)/;

/**
 * Most of the code sits on lines longer than any person writes (an inline source map aside), and
 * little code sits on ordinary lines: a hand-written file with a few long type unions or tables
 * among dozens of ordinary lines is not minified.
 */
function isMinified(text: string): boolean {
  if (text.length < MIN_MINIFIED_SIZE) return false;
  let inLongLines = 0;
  let longLines = 0;
  let longest = 0;
  let sourceMaps = 0;
  forEachLine(text, (start, end) => {
    if (end - start <= LONG_LINE) return;
    if (SOURCE_MAP_LINE.test(text.slice(start, start + 24))) sourceMaps += end - start;
    else {
      inLongLines += end - start;
      longLines++;
      longest = Math.max(longest, end - start);
    }
  });
  if (inLongLines <= (text.length - sourceMaps) / 2) return false;
  // No person writes a line this long; a bundle's template literals (CSS, HTML) add many short lines.
  if (longest > MINIFIED_LINE) return true;
  // Rare (a file with long lines): worth a second pass.
  let shortCodeLines = 0;
  forEachLine(text, (start, end) => {
    if (end - start <= LONG_LINE && !NON_CODE_LINE.test(text.slice(start, Math.min(end, start + 80)))) shortCodeLines++;
  });
  return shortCodeLines <= SHORT_LINES_PER_LONG * longLines + SHORT_LINES_ANYWAY;
}

/** Calls `each` with the start and end (before the newline) of each line of `text`. */
function forEachLine(text: string, each: (start: number, end: number) => void): void {
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      each(lineStart, i);
      lineStart = i + 1;
    }
  }
}
