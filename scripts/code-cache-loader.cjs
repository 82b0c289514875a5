// Copied to dist/code-cache.js. Runs a program of the shared bundle (dist/bundle.js) through V8's
// code cache: the bundle carries the TypeScript compiler (~14 MB), and compiling it costs every
// process about 0.15–0.2 s of CPU before any work; with the cache that start-up is mostly gone.
// (Lint worker threads load the bundle without it: see scripts/build.mjs.) The cache is a file per
// bundle version and program (the CLI and the server compile different parts of it) in the OS
// temp folder; anything wrong with it means a normal compile.
'use strict';
const crypto = require('node:crypto');
// fs's functions as they are now: the program may record its own file-system reads later
// (engine/run-replay.ts), and this loader's are none of its inputs.
const fs = { ...require('node:fs') };
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

/**
 * Loads `file` (a bundle exporting `start(program)`) and starts `program`; returns the bundle's
 * exports. A missing or rejected cache is written once the program has started, or with
 * `cacheAtExit` when the process exits: the CLI records its own file-system reads while it runs
 * (engine/run-replay.ts), and its cache then also holds the functions the whole run compiled.
 */
exports.run = function run(file, parent, program, { cacheAtExit = false } = {}) {
  const source = fs.readFileSync(file, 'utf8');
  const stat = fs.statSync(file);
  const key = crypto.createHash('sha1').update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
  // Per install (the bundle's folder): a new build drops its own earlier caches, never those of
  // another install on the machine (another project's copy, the editor's), which would then start cold.
  const install = crypto.createHash('sha1').update(path.dirname(file)).digest('hex').slice(0, 8);
  const prefix = `${path.basename(file)}.${program}.${install}.`;
  const cacheFile = path.join(os.tmpdir(), 'stability-lint-code-cache', `${prefix}${key}`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source.replace(/^#!.*/, '')), {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const mod = new Module(file, parent);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  const req = Module.createRequire(file);
  script.runInThisContext().call(mod.exports, mod.exports, req, mod, file, path.dirname(file));
  mod.loaded = true;
  const warmedUp = mod.exports.start(program);
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the program started: the cache also holds the functions its start-up compiled. A
    // program that says when it has done its usual work (the server: the first file linted) gets
    // it written then, or after a minute at the latest.
    if (cacheAtExit) process.once('exit', () => writeCache(script, cacheFile, prefix));
    else if (warmedUp && typeof warmedUp.then === 'function') {
      let written = false;
      const write = () => {
        if (written) return;
        written = true;
        writeCache(script, cacheFile, prefix);
      };
      warmedUp.then(() => setImmediate(write), () => undefined);
      setTimeout(write, 60_000).unref();
    } else writeCache(script, cacheFile, prefix);
  }
  return mod.exports;
};

function writeCache(script, cacheFile, prefix) {
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.tmp${process.pid}${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, cacheFile);
    // Caches of earlier builds of this bundle are dead weight.
    for (const f of fs.readdirSync(path.dirname(cacheFile))) {
      if (f.startsWith(prefix) && path.join(path.dirname(cacheFile), f) !== cacheFile && !f.includes('.tmp')) {
        fs.rmSync(path.join(path.dirname(cacheFile), f), { force: true });
      }
    }
  } catch {
    // A read-only or full temp folder only costs the next start its compile.
  }
}
