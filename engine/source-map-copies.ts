// JavaScript that a compiler or bundler built from sources linted in the same run, as the file's
// source map says: ethers' `lib.commonjs/x.js` (its map names `../../src.ts/x.ts`), a Rollup
// bundle `lib/index.cjs.js` of `src/` (@solana/web3.js). The folder heuristics of build-copies.ts
// miss these (a build folder with its own package.json, a bundle of many modules in one file);
// the map names the sources outright. Linting both reports each problem twice or more.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SkipNote } from './build-copies';
import { readPackageJson } from './package-json';

/**
 * How much of a map is read for its `sources`, which compilers write before the (long)
 * `mappings`: a first read, doubled while the list is still open, up to the most.
 */
const FIRST_READ = 16 * 1024;
const MOST_READ = 1024 * 1024;
const SOURCES = /"sources"\s*:\s*\[([^\]]*)\]/;
const SOURCE_ROOT = /"sourceRoot"\s*:\s*"((?:[^"\\]|\\.)*)"/;
const JSON_STRING = /"((?:[^"\\]|\\.)*)"/g;
const JAVASCRIPT = /\.[cm]?jsx?$/;

/** A dependency the bundle copied in: not the package's own code, and never linted. */
const DEPENDENCY_SOURCE = /(^|\/)node_modules\//;

/**
 * Drops from `files` each JavaScript file (not named on the command line) whose source map
 * (`x.js.map` beside it, found by discovery: `sourceMaps`) names sources that are linted in this
 * run: at least one, and at least half of the sources that are not dependencies. One note per
 * folder holding the dropped files of one package.
 */
export function dropSourceMappedCopies(
  files: Set<string>,
  sourceMaps: ReadonlySet<string>,
  named: ReadonlySet<string>,
  show: (p: string) => string,
): SkipNote[] {
  if (!sourceMaps.size) return [];
  const linted = new Set(files);
  const dropped: { file: string; source: string }[] = [];
  for (const f of linted) {
    if (!JAVASCRIPT.test(f) || named.has(f) || !sourceMaps.has(f + '.map')) continue;
    const sources = mapSources(f + '.map');
    const own = sources.filter((s) => !DEPENDENCY_SOURCE.test(s) && s !== f);
    const lintedSources = own.filter((s) => linted.has(s));
    if (!lintedSources.length || lintedSources.length * 2 < own.length) continue;
    files.delete(f);
    dropped.push({ file: f, source: lintedSources[0] });
  }
  return notesByFolder(dropped, show);
}

/** The sources a map names, as absolute paths (resolved against the map's folder and its `sourceRoot`). */
export function mapSources(mapFile: string): string[] {
  let head = '';
  let list: RegExpExecArray | null = null;
  let fd: number | undefined;
  try {
    fd = fs.openSync(mapFile, 'r');
    const size = fs.fstatSync(fd).size;
    for (let want = FIRST_READ; !list; want *= 2) {
      const buf = Buffer.alloc(Math.min(size, want, MOST_READ));
      fs.readSync(fd, buf, 0, buf.length, 0);
      head = buf.toString('utf8');
      list = SOURCES.exec(head);
      if (buf.length === size || buf.length === MOST_READ) break;
    }
  } catch {
    return [];
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (!list) return [];
  const root = unescape(SOURCE_ROOT.exec(head)?.[1] ?? '');
  // A URL root (`webpack://`, `https://`) names no file on this disk.
  if (/^[a-z][\w+.-]*:/i.test(root)) return [];
  const base = path.resolve(path.dirname(mapFile), root);
  const out: string[] = [];
  for (const m of list[1].matchAll(JSON_STRING)) {
    const s = unescape(m[1]);
    if (/^[a-z][\w+.-]*:/i.test(s) && !s.startsWith('file:')) continue;
    out.push(path.resolve(base, s.startsWith('file://') ? s.slice('file://'.length) : s));
  }
  return out;
}

function unescape(s: string): string {
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return s;
  }
}

/**
 * One note per top folder of a package (the nearest package.json with a name: a build folder's
 * own `{ "type": "commonjs" }` marker is no package), on the deepest folder holding its files.
 */
function notesByFolder(dropped: { file: string; source: string }[], show: (p: string) => string): SkipNote[] {
  const packages = new Map<string, string | undefined>();
  const groups = new Map<string, { dir: string; files: { file: string; source: string }[] }>();
  for (const d of dropped) {
    const pkg = namedPackageOf(path.dirname(d.file), packages) ?? path.dirname(d.file);
    const top = path.relative(pkg, d.file).split(path.sep)[0];
    const key = path.join(pkg, top);
    const group = groups.get(key);
    if (group) {
      group.dir = commonFolder(group.dir, path.dirname(d.file));
      group.files.push(d);
    } else {
      groups.set(key, { dir: path.dirname(d.file), files: [d] });
    }
  }
  return [...groups.values()].map(({ dir, files }) => ({
    path: dir,
    message: `Skipped: JavaScript built from sources that are linted, as its source map says (${show(files[0].file)} from ${show(files[0].source)}); ${files.length === 1 ? '1 file' : `${files.length} files`}`,
  }));
}

/** The nearest folder at or above `dir` whose package.json has a name. */
function namedPackageOf(dir: string, known: Map<string, string | undefined>): string | undefined {
  if (known.has(dir)) return known.get(dir);
  let found = typeof readPackageJson(dir)?.name === 'string' ? dir : undefined;
  if (!found && path.dirname(dir) !== dir) found = namedPackageOf(path.dirname(dir), known);
  known.set(dir, found);
  return found;
}

function commonFolder(a: string, b: string): string {
  const pa = a.split(path.sep);
  const pb = b.split(path.sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join(path.sep) || path.sep;
}
