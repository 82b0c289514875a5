// The npm package as a user gets it: `npm pack` (packed and unpacked size, files, and what must
// not be in it: source maps, tests, bench or ecosystem folders, a second TypeScript compiler),
// then a real install of the tarball in a scratch folder and `npx stability-lint --version`
// timed from there: the first start (no V8 code cache yet) once, then warm starts, median.
// Usage: node bench/package.mjs [--runs 10]   (writes bench/package-results.json)
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const SCRATCH = path.join(here, '.cache/package');
/** A line of TypeScript's compiler source that every copy of it (typescript.js, a bundle) holds once. */
const COMPILER_MARK = ['var versionMajorMinor', '= "'].join(' '); // joined, so this file holds no copy of it
/** Folders of the repository that are for its developers only. */
const DEV_ONLY = /^(test|bench|ecosystem|examples|scripts|\.ci)\//;

export function measurePackage({ runs = 10, log = (s) => process.stderr.write(`${s}\n`) } = {}) {
  fs.rmSync(SCRATCH, { recursive: true, force: true });
  fs.mkdirSync(SCRATCH, { recursive: true });
  // `npm pack` runs the package's prepack script (a production build) as publishing would.
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', SCRATCH], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 }));
  const tarball = path.join(SCRATCH, pack.filename);
  const unpacked = path.join(SCRATCH, 'unpacked');
  fs.mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
  const files = pack.files.map((f) => f.path);
  const result = {
    packedBytes: pack.size,
    unpackedBytes: pack.unpackedSize,
    files: files.length,
    fileList: files.sort(),
    sourceMaps: files.filter((f) => f.endsWith('.map')),
    devOnlyFiles: files.filter((f) => DEV_ONLY.test(f) || /\.test\.[cm]?[jt]s$/.test(f)),
    compilerCopies: filesContaining(path.join(unpacked, 'package'), COMPILER_MARK).length,
    dependencies: Object.keys(JSON.parse(fs.readFileSync(path.join(unpacked, 'package/package.json'), 'utf8')).dependencies ?? {}),
  };
  log(`package: ${pack.filename} ${mib(pack.size)} packed, ${mib(pack.unpackedSize)} unpacked, ${files.length} files`);

  const app = path.join(SCRATCH, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "scratch-app", "private": true }\n');
  // A peer installed beside it the same way: a package whose bin does nothing, to tell npx's own
  // cost of running an installed bin from ours.
  const emptyBin = path.join(SCRATCH, 'empty-bin');
  fs.mkdirSync(emptyBin);
  fs.writeFileSync(path.join(emptyBin, 'package.json'), '{ "name": "empty-bin", "version": "1.0.0", "bin": { "empty-bin": "bin.js" } }\n');
  fs.writeFileSync(path.join(emptyBin, 'bin.js'), '#!/usr/bin/env node\n', { mode: 0o755 });
  const [emptyPack] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', SCRATCH], { cwd: emptyBin, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, path.join(SCRATCH, emptyPack.filename)], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] });
  const modules = path.join(app, 'node_modules');
  result.installed = {
    bytes: treeBytes(modules),
    packages: fs.readdirSync(modules).filter((d) => !d.startsWith('.') && d !== 'empty-bin').flatMap((d) => (d.startsWith('@') ? fs.readdirSync(path.join(modules, d)).map((s) => `${d}/${s}`) : [d])),
    compilerCopies: filesContaining(modules, COMPILER_MARK).map((f) => path.relative(modules, f)),
  };
  log(`installed: ${mib(result.installed.bytes)} in node_modules (${result.installed.packages.length} package${result.installed.packages.length === 1 ? '' : 's'}), TypeScript compilers: ${result.installed.compilerCopies.join(', ')}`);

  // The V8 code cache lives in the OS temp folder: a fresh one makes the first start cold.
  const tmp = path.join(SCRATCH, 'tmp');
  fs.mkdirSync(tmp);
  const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, npm_config_update_notifier: 'false' };
  const { version } = JSON.parse(fs.readFileSync(path.join(modules, 'stability-lint/package.json'), 'utf8'));
  const timed = (cmd, args, expected = `${version}\n`) => {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: app, env, encoding: 'utf8' });
    const s = (performance.now() - t0) / 1000;
    if (r.status !== 0 || (expected && r.stdout !== expected)) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
    return s;
  };
  // Exactly what a user types; npx finds the installed bin (an option before the name would be npx's own).
  const npx = () => timed('npx', ['stability-lint', '--version']);
  const direct = () => timed(process.execPath, [path.join(modules, 'stability-lint/dist/cli.js'), '--version']);
  const emptyNpx = () => timed('npx', ['empty-bin', '--version'], '');
  const cold = npx();
  emptyNpx();
  // Alternated with the empty bin, so load from other processes falls on both alike.
  const warm = [];
  const emptyWarm = [];
  for (let i = 0; i < runs; i++) {
    warm.push(npx());
    emptyWarm.push(emptyNpx());
  }
  const directWarm = Array.from({ length: runs }, direct);
  // What npx itself costs (npm's own start-up), for reading the figures above.
  const npxAlone = Array.from({ length: Math.min(runs, 5) }, () => timed('npx', ['--version'], ''));
  result.version = {
    npxColdS: cold,
    npxWarmMedianS: median(warm),
    npxWarmRunsS: warm,
    nodeWarmMedianS: median(directWarm),
    npxOwnStartMedianS: median(npxAlone),
    npxEmptyBinMedianS: median(emptyWarm),
  };
  log(`--version: npx cold ${cold.toFixed(3)} s, npx warm median ${result.version.npxWarmMedianS.toFixed(3)} s (npx alone ${result.version.npxOwnStartMedianS.toFixed(3)} s, npx running an empty bin ${result.version.npxEmptyBinMedianS.toFixed(3)} s), node dist/cli.js warm ${result.version.nodeWarmMedianS.toFixed(3)} s`);
  return result;
}

function filesContaining(dir, needle) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.[cm]?js$/.test(e.name) && fs.readFileSync(p, 'latin1').includes(needle)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function treeBytes(dir) {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) n += treeBytes(p);
    else if (e.isFile()) n += fs.statSync(p).size;
  }
  return n;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  const result = measurePackage({ runs: i === -1 ? 10 : Number(process.argv[i + 1]) });
  fs.writeFileSync(path.join(here, 'package-results.json'), `${JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2)}\n`);
}
