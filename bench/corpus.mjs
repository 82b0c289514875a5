// Installs the pinned benchmark corpus (bench/corpus.json) from the npm registry into
// bench/.cache and lays each corpus out as a plain project folder every tool can lint:
//   bench/.cache/work/<corpus>/<package>/<path in package>   the files, outside node_modules
//   bench/.cache/work/<corpus>-<n>/                          evenly spread subsets, for scaling
//   bench/.cache/work/<corpus>.files.json                    the absolute paths, sorted
// Each workspace is its own git repository so no .gitignore above it applies (ours ignores
// bench/.cache), and its own project (a package.json at its root): without one, the nearest
// package.json above the files is this repository's, and stability-lint would read the facts of
// this repository's files too, as it does for a project named only in part.
// Usage: node bench/corpus.mjs [--force]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CACHE = path.join(here, '.cache');
export const WORK = path.join(CACHE, 'work');
/** Subset sizes for the scaling table; the full corpus is the last row. */
export const SUBSETS = [500, 1000];

// Folder names stability-lint's discovery never enters (engine/files.ts SKIPPED_DIRS): files
// under them are left out so that every tool, walking the folder, sees exactly the same files.
const DISCOVERY_SKIPS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.output',
  '.turbo', '.cache', '.vercel', '.svelte-kit', '.stability-lint-cache',
]);
// Not source a project lints: tests and fixtures of the dependency, examples, docs, prebuilt bundles.
const JS_SKIPPED_FOLDERS = new Set(['test', 'tests', '__tests__', 'benchmark', 'benchmarks', 'example', 'examples', 'doc', 'docs', 'types', 'min', 'builds', 'locale', 'locales']);

const selectors = {
  ts(rel) {
    const parts = rel.split('/');
    return /\.tsx?$/.test(rel) && !/\.d\.[mc]?ts$/.test(rel) && parts.includes('src');
  },
  js(rel) {
    const parts = rel.split('/');
    if (!/\.[cm]?js$/.test(rel) || rel.endsWith('.min.js')) return false;
    if (rel.startsWith('lodash/fp/')) return false; // 400 generated one-line wrappers
    return !parts.slice(0, -1).some((p) => JS_SKIPPED_FOLDERS.has(p));
  },
};

export function loadCorpusSpec() {
  return JSON.parse(fs.readFileSync(path.join(here, 'corpus.json'), 'utf8'));
}

/** The sorted file list of a prepared corpus (absolute paths), or undefined when not prepared. */
export function corpusFiles(name) {
  const list = path.join(WORK, `${name}.files.json`);
  return fs.existsSync(list) ? JSON.parse(fs.readFileSync(list, 'utf8')) : undefined;
}

export function prepareCorpus(name, spec, { force = false, log = console.error } = {}) {
  const installDir = path.join(CACHE, `install-${name}`);
  const specs = Object.entries(spec.packages).map(([pkg, version]) => `${pkg}@${version}`);
  const stamp = createHash('sha256').update(JSON.stringify(specs) + JSON.stringify(SUBSETS) + selectors[name].toString() + writeWorkspace.toString()).digest('hex');
  const stampFile = path.join(WORK, `${name}.stamp`);
  if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp && corpusFiles(name)) {
    return corpusFiles(name);
  }

  log(`corpus ${name}: npm install ${specs.length} packages into ${path.relative(process.cwd(), installDir)}`);
  fs.rmSync(installDir, { recursive: true, force: true });
  fs.mkdirSync(installDir, { recursive: true });
  fs.writeFileSync(path.join(installDir, 'package.json'), '{ "private": true }\n');
  // --legacy-peer-deps: the corpus is read, never run, so peer ranges (react, graphql) need not resolve.
  execFileSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--legacy-peer-deps', '--loglevel=error', '--prefix', installDir, ...specs], { stdio: ['ignore', 'ignore', 'inherit'] });

  const modules = path.join(installDir, 'node_modules');
  const selected = listFiles(modules).filter((rel) => selectors[name](rel) && !rel.split('/').some((p) => DISCOVERY_SKIPS.has(p)));
  selected.sort();

  const files = writeWorkspace(path.join(WORK, name), modules, selected);
  fs.writeFileSync(path.join(WORK, `${name}.files.json`), JSON.stringify(files, null, 0));
  for (const n of SUBSETS) {
    const subset = spread(selected, n);
    const subsetFiles = writeWorkspace(path.join(WORK, `${name}-${n}`), modules, subset);
    fs.writeFileSync(path.join(WORK, `${name}-${n}.files.json`), JSON.stringify(subsetFiles, null, 0));
  }
  fs.writeFileSync(stampFile, stamp);
  const lines = files.reduce((sum, f) => sum + countLines(f), 0);
  log(`corpus ${name}: ${files.length} files, ${lines} lines`);
  return files;
}

/** Every file under `root` (top-level packages only: nested node_modules are other versions of the same code). */
function listFiles(root) {
  const out = [];
  const walk = (dir, rel) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name === 'node_modules' || e.name === '.bin') continue;
        walk(path.join(dir, e.name), r);
      } else if (e.isFile()) {
        out.push(r);
      }
    }
  };
  walk(root, '');
  return out;
}

function writeWorkspace(dir, modules, rels) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', dir]);
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: `bench-${path.basename(dir)}`, private: true })}\n`);
  const files = [];
  for (const rel of rels) {
    const to = path.join(dir, rel);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(modules, rel), to);
    files.push(to);
  }
  return files;
}

/** n items spread evenly over the list, so a subset mixes every package like the whole does. */
function spread(list, n) {
  if (n >= list.length) return list.slice();
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]);
}

function countLines(file) {
  const text = fs.readFileSync(file, 'utf8');
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const spec = loadCorpusSpec();
  for (const name of ['ts', 'js']) prepareCorpus(name, spec[name], { force });
}
