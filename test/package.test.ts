// The npm package holds what a user runs and reads, and nothing else: the launchers and the one
// shared bundle (one copy of the TypeScript compiler), the runtime shim, the config schema and
// the rule docs; no source maps, tests, bench or ecosystem folders, and no dependencies to
// install, because the bundle carries everything it needs.
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
/** A line of TypeScript's compiler source that every copy of it holds once. */
const COMPILER_MARK = ['var versionMajorMinor', '= "'].join(' ');

function packedFiles(): string[] {
  // --ignore-scripts: the prepack build is not needed to list what would be packed.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (JSON.parse(out)[0].files as { path: string }[]).map((f) => f.path).sort();
}

describe('npm package', () => {
  let files: string[];
  before(() => {
    if (!fs.existsSync(path.join(ROOT, 'dist/bundle.js'))) {
      const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, `build failed:\n${r.stderr}`);
    }
    files = packedFiles();
  });

  it('packs the launchers, the shared bundle, the runtime shim, the schema and the rule docs, and nothing else', () => {
    const docs = fs.readdirSync(path.join(ROOT, 'docs/rules')).filter((f) => f.endsWith('.md')).map((f) => `docs/rules/${f}`);
    const runtimeBuilds = fs.readdirSync(path.join(ROOT, 'runtime/dist')).map((f) => `runtime/dist/${f}`);
    assert.deepEqual(files, [
      'LICENSE', 'README.md', 'package.json',
      // `main` is the VS Code client (the manifest is also the extension's): npm always packs it.
      'dist/bundle.js', 'dist/cli.js', 'dist/code-cache.js', 'dist/extension.js', 'dist/lint-worker.js', 'dist/server.js',
      'runtime/README.md', 'runtime/stability-runtime.ts', ...runtimeBuilds,
      'schema/stability-lint.schema.json',
      ...docs,
    ].sort());
    assert.deepEqual(files.filter((f) => f.endsWith('.map') || /^(test|bench|ecosystem|examples|scripts)\//.test(f)), []);
  });

  it('says what to pack in .npmignore, not a `files` list: vsce refuses `files` beside the extension\'s .vscodeignore', () => {
    assert.ok(fs.existsSync(path.join(ROOT, '.vscodeignore')));
    assert.equal(manifest.files, undefined);
  });

  it('every bin, export and main named by the manifest is packed', () => {
    const named = [manifest.main, ...Object.values(manifest.bin as Record<string, string>)];
    for (const target of Object.values(manifest.exports as Record<string, string | Record<string, string>>)) {
      named.push(...(typeof target === 'string' ? [target] : Object.values(target)));
    }
    for (const f of named) assert.ok(files.includes(path.posix.normalize(f)), `${f} is packed`);
  });

  it('holds one copy of the TypeScript compiler: the CLI, its workers and the server share dist/bundle.js', () => {
    const withCompiler = files.filter((f) => /\.[cm]?js$/.test(f) && fs.readFileSync(path.join(ROOT, f), 'latin1').includes(COMPILER_MARK));
    assert.deepEqual(withCompiler, ['dist/bundle.js']);
    for (const launcher of ['dist/lint-worker.js', 'dist/server.js']) {
      assert.ok(fs.statSync(path.join(ROOT, launcher)).size < 1000, `${launcher} is a launcher`);
    }
    assert.match(fs.readFileSync(path.join(ROOT, 'dist/server.js'), 'utf8'), /require\('\.\/code-cache\.js'\)\.run\(.*'bundle\.js'\)/);
    // Workers load the same bundle without the code cache (less memory a thread, no CPU lost).
    assert.match(fs.readFileSync(path.join(ROOT, 'dist/lint-worker.js'), 'utf8'), /require\('\.\/bundle\.js'\)\.start\('lint-worker'\)/);
    // The CLI's entry answers --help and --version itself: small, and it starts the same bundle.
    const entry = fs.readFileSync(path.join(ROOT, 'dist/cli.js'), 'utf8');
    assert.ok(entry.length < 32_000, `dist/cli.js is a small entry, not ${entry.length} bytes`);
    assert.match(entry, /join\(__dirname, "bundle\.js"\)/);
    assert.match(entry, /require\("\.\/code-cache\.js"\)\.run\(/);
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    assert.deepEqual([...entry.matchAll(/\brequire\("([@\w./:-]+)"\)/g)].map((m) => m[1]).filter((m) => !builtins.has(m)), ['./code-cache.js']);
  });

  it('ships ASCII bundles: one non-ASCII character makes V8 hold all 15.8 MB of the bundle as two bytes a character, in every thread', () => {
    for (const f of files.filter((f) => f.startsWith('dist/') && f !== 'dist/code-cache.js' && f.endsWith('.js'))) {
      const at = fs.readFileSync(path.join(ROOT, f), 'latin1').search(/[^\x00-\x7f]/);
      assert.equal(at, -1, `${f}: non-ASCII at offset ${at}`);
    }
  });

  it('installs no dependencies: the bundle requires only Node built-ins', () => {
    assert.equal(manifest.dependencies, undefined);
    const bundle = fs.readFileSync(path.join(ROOT, 'dist/bundle.js'), 'utf8');
    const required = new Set([...bundle.matchAll(/\brequire\("([@\w./:-]+)"\)/g)].map((m) => m[1]));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    // TypeScript tries it inside a try/catch, for source-mapped stacks when it is installed.
    const optional = new Set(['source-map-support']);
    assert.deepEqual([...required].filter((m) => !builtins.has(m) && !optional.has(m)), []);
  });
});
