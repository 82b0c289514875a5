// File discovery: which files are linted, what is skipped, and that it terminates.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigLoader } from '../../engine/config';
import { findFiles, UsageError } from '../../engine/files';
import { probeRules, tempProject } from './helpers';

function discover(dir: string, paths: string[] = ['.']) {
  const loader = new ConfigLoader(probeRules);
  const r = findFiles(paths, {
    cwd: dir,
    ignoresFor: (d) => loader.forDir(d).ignores,
    lintSupportFilesFor: (d) => loader.forDir(d).lintSupportFiles,
  });
  return { files: r.files.map((f) => path.relative(dir, f)).sort(), warnings: r.warnings };
}

/** Folders discovery left unread whose note goes in the report. */
function skippedFolders(dir: string) {
  return findFiles(['.'], { cwd: dir }).skipped.map((s) => ({ path: path.relative(dir, s.path), message: s.message }));
}

describe('file discovery', () => {
  it('finds scripts of every extension plus package.json, pm2, Dockerfile and Procfile files', () => {
    const dir = tempProject({
      'a.ts': '', 'b.tsx': '', 'c.mts': '', 'd.cts': '', 'e.js': '', 'f.jsx': '', 'g.mjs': '', 'h.cjs': '',
      'package.json': '{}', 'ecosystem.config.js': '', 'ecosystem.config.json': '{}', 'Dockerfile': '', 'Procfile': '',
      'types.d.ts': '', 'README.md': '', 'data.json': '{}', 'style.css': '',
    });
    assert.deepEqual(discover(dir).files, [
      'Dockerfile', 'Procfile', 'a.ts', 'b.tsx', 'c.mts', 'd.cts', 'e.js', 'ecosystem.config.js', 'ecosystem.config.json',
      'f.jsx', 'g.mjs', 'h.cjs', 'package.json',
    ]);
  });

  it('finds extensionless programs whose #! line runs Node, and only those', () => {
    const dir = tempProject({
      'bin/server': '#!/usr/bin/env node\nrequire("../lib/server");\n', 'bin/deploy': '#!/bin/sh\nexit 0\n',
      'bin/ts-tool': '#!/usr/bin/env -S npx tsx\nmain();\n', 'LICENSE': 'MIT', 'Makefile': 'all:\n',
    });
    assert.deepEqual(discover(dir).files, ['bin/server', 'bin/ts-tool']);
    assert.deepEqual(discover(dir, ['bin/server', 'bin/deploy']), { files: ['bin/server'], warnings: ['Not a file stability-lint reads: bin/deploy'] });
  });

  it('skips node_modules and build output, honours nested .gitignore files', () => {
    const dir = tempProject({
      'src/a.ts': '', 'node_modules/x/index.js': '', 'dist/a.js': '', 'build/a.js': '', 'coverage/a.js': '',
      '.gitignore': 'generated/\n*.gen.ts\n', 'generated/a.ts': '', 'src/b.gen.ts': '',
      'pkg/.gitignore': 'local.ts\n', 'pkg/local.ts': '', 'pkg/kept.ts': '', 'local.ts': '',
    });
    assert.deepEqual(discover(dir).files, ['local.ts', 'pkg/kept.ts', 'src/a.ts']);
  });

  it('skips hidden folders (a tool\'s worktree copy of the package, CI scripts); a hidden folder named on the command line is linted', () => {
    const dir = tempProject({
      'package.json': '{ "name": "p", "main": "lib/index.js" }', 'lib/index.js': '',
      '.claude/worktrees/agent-1/lib/index.js': '', '.github/scripts/release.js': '', '.eslintrc.js': '',
    });
    assert.deepEqual(discover(dir).files, ['.eslintrc.js', 'lib/index.js', 'package.json']);
    assert.deepEqual(discover(dir, ['.claude']).files, ['.claude/worktrees/agent-1/lib/index.js']);
  });

  it('skips tests, examples, fixtures, benchmarks and tooling scripts below the named folder', () => {
    const dir = tempProject({
      'package.json': '{ "scripts": { "release": "node scripts/release.js" } }',
      'src/a.ts': '', 'src/a.test.ts': '', 'src/b.spec.js': '', 'src/c_test.js': '', 'src/contest.ts': '',
      'test/x.js': '', '__tests__/y.ts': '', 'src/fixtures/f.ts': '', 'examples/demo.js': '', 'benchmark/b.js': '',
      'lib/templates/app.js': '', 'scripts/release.js': '', 'tools/gen.ts': '', 'extra/setup.js': '',
    });
    assert.deepEqual(discover(dir).files, ['package.json', 'src/a.ts', 'src/contest.ts']);
    // A folder named on the command line is linted whatever its name (folders above it do not count).
    assert.deepEqual(discover(dir, ['examples']).files, ['examples/demo.js']);
  });

  it('a bin/ folder whose files package.json `bin` does not name holds hand-run scripts; example-* files are examples', () => {
    const dir = tempProject({
      'package.json': '{ "main": "index.js", "bin": { "pad": "node/server.js" } }',
      'index.js': '', 'node/server.js': '', 'bin/rebuildPad.js': '', 'example-sendmail.js': '', 'demo_client.ts': '',
    });
    assert.deepEqual(discover(dir).files, ['index.js', 'node/server.js', 'package.json']);
    const cli = tempProject({ 'package.json': '{ "bin": { "eg": "./bin/index.js" } }', 'bin/index.js': '', 'bin/helpers.js': '' });
    assert.deepEqual(discover(cli).files, ['bin/helpers.js', 'bin/index.js', 'package.json']);
  });

  it('a root script package.json runs only for maintainers\' tasks (postinstall, build, release) is tooling; one a start or dev script runs is not', () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ main: 'index.js', scripts: {
        postinstall: 'node npm-scripts.mjs postinstall', 'worker:build': 'node npm-scripts.mjs worker:build', build: 'node build.js && tsc',
        start: 'node server.js', dev: 'node dev-server.js --watch', 'start:prod': 'node prod.js', 'test:e2e': 'node e2e.js', 'start:e2e': 'node e2e.js',
        repl: 'node shell.js',
      } }),
      'index.js': '', 'npm-scripts.mjs': '', 'build.js': '', 'server.js': '', 'dev-server.js': '', 'prod.js': '', 'other.js': '', 'e2e.js': '', 'shell.js': '',
    });
    assert.deepEqual(discover(dir).files, ['dev-server.js', 'e2e.js', 'index.js', 'other.js', 'package.json', 'prod.js', 'server.js', 'shell.js']);
    // Named on the command line it is skipped with a warning, as a test file is (lintSupportFiles lints it).
    assert.deepEqual(discover(dir, ['npm-scripts.mjs']).files, []);
  });

  it('helpers only tests load (src/testUtils.js, lib/test-helpers.ts, api.test-setup.ts, src/helpers.test/) are test files; contest-utils.js and utils.js are not', () => {
    const dir = tempProject({
      'package.json': '{ "main": "src/index.js" }',
      'src/index.js': '', 'src/testUtils.js': '', 'lib/test-helpers.ts': '', 'lib/api.test-setup.ts': '', 'lib/TestHarness.ts': '',
      'lib/contest-utils.js': '', 'lib/utils.js': '', 'lib/attestUtils.js': '', 'src/helpers.test/createPoolWithSpy.ts': '', 'src/api.spec/mock.ts': '',
    });
    assert.deepEqual(discover(dir).files, ['lib/attestUtils.js', 'lib/contest-utils.js', 'lib/utils.js', 'package.json', 'src/index.js']);
  });

  it('test suites named by kind (contract-tests/, integration_tests/, test-harness/) are test code like test/; a product folder ab-test/ or latest/ is not (launchdarkly-eventsource, check 57)', () => {
    const dir = tempProject({
      'package.json': '{ "main": "lib/index.js" }', 'lib/index.js': '',
      'contract-tests/streamEntity.js': '', 'contract-tests/package.json': '{ "name": "contract-test-service" }',
      'integration_tests/db.js': '', 'test-harness/server.js': '', 'sharedtest/helpers.js': '',
      'lib/ab-test/split.js': '', 'lib/latest/feed.js': '', 'lib/tests-api/run.js': '',
    });
    assert.deepEqual(discover(dir).files, ['lib/ab-test/split.js', 'lib/index.js', 'lib/latest/feed.js', 'lib/tests-api/run.js', 'package.json']);
  });

  it('support folders with a prefix (module_sample/, build_scripts/) and a package\'s root example.js or test.js are skipped, unless package.json runs them', () => {
    const dir = tempProject({
      'package.json': '{ "main": "proxy.js", "scripts": { "shell": "node ./shell.js", "docs": "node build_scripts/prebuild-doc.js" } }',
      'proxy.js': '', 'shell.js': '', 'example.js': '', 'test.js': '', 'module_sample/core_reload.js': '', 'build_scripts/prebuild-doc.js': '',
      'lib/test.js': '',
    });
    assert.deepEqual(discover(dir).files, ['lib/test.js', 'package.json', 'proxy.js', 'shell.js']);
    const runsExample = tempProject({ 'package.json': '{ "main": "example.js", "scripts": { "start": "node ./test.js" } }', 'example.js': '', 'test.js': '' });
    assert.deepEqual(discover(runsExample).files, ['example.js', 'package.json', 'test.js']);
  });

  it('a folder with its own page and bundler config is a browser front-end: skipped with a note; one built for node is linted', () => {
    const dir = tempProject({
      'package.json': '{ "main": "proxy.js" }', 'proxy.js': '',
      'web/index.html': '<div id="root"></div>', 'web/webpack.config.js': 'module.exports = { entry: "./src/index.jsx" };\n',
      'web/src/common/apiUtil.js': 'export const getJSON = (url) => fetch(url);\n',
      'ssr/index.html': '', 'ssr/webpack.config.js': 'module.exports = { target: "node" };\n', 'ssr/server.js': '',
    });
    assert.deepEqual(discover(dir).files, ['package.json', 'proxy.js', 'ssr/server.js', 'ssr/webpack.config.js']);
    const loader = new ConfigLoader(probeRules);
    const r = findFiles(['.'], { cwd: dir, ignoresFor: (d) => loader.forDir(d).ignores, lintSupportFilesFor: (d) => loader.forDir(d).lintSupportFiles });
    assert.deepEqual(r.skipped.map((x) => [path.relative(dir, x.path), x.message]), [['web', 'Skipped: a browser front-end, built by webpack.config.js for the page beside it']]);
  });

  it('a module folder named like build output inside the code (lib/out/ that lib/cli.js requires) is linted; build output beside package.json is not', () => {
    const dir = tempProject({
      'package.json': '{ "main": "lib/index.js" }', 'lib/index.js': '', 'lib/cli.js': "const show = require('./out/static-output');\n",
      'lib/out/static-output.js': '', 'dist/index.js': '', 'src/build/unused.js': '', 'src/a.js': '',
    });
    assert.deepEqual(discover(dir).files, ['lib/cli.js', 'lib/index.js', 'lib/out/static-output.js', 'package.json', 'src/a.js']);
  });

  it('lints a tooling folder that the package runs in production', () => {
    const dir = tempProject({
      'package.json': '{ "main": "lib/index.js", "scripts": { "start": "node scripts/server.js", "build": "node tools/build.js" } }',
      'lib/index.js': '', 'scripts/server.js': '', 'tools/build.js': '',
    });
    assert.deepEqual(discover(dir).files, ['lib/index.js', 'package.json', 'scripts/server.js']);
  });

  it('a tooling-named folder the package\'s code loads is runtime code (iobroker.backitup, check 53); one nothing loads is skipped with a note', () => {
    const dir = tempProject({
      'package.json': '{ "name": "iobroker.backitup", "main": "build/main.js", "scripts": { "release": "node scripts/release.js" } }',
      'build/main.js': "require('./lib/execute');\n",
      'build/lib/execute.js': "const fs = require('node:fs');\nfor (const file of fs.readdirSync(`${__dirname}/scripts`)) require(`${__dirname}/scripts/${file}`);\n",
      'build/lib/scripts/01-mount.js': "require('../tools/exec');\n", 'build/lib/tools/exec.js': '',
      'build/lib/list.js': "const steps = require('./steps/index.js');\n", 'build/lib/steps/index.js': '',
      'scripts/release.js': "require('./tools/bump');\n", 'scripts/tools/bump.js': '',
      'gulpfile.js': "require('./tools/build-steps');\n", 'tools/build-steps.js': '',
    });
    assert.deepEqual(discover(dir).files, [
      'build/lib/execute.js', 'build/lib/list.js', 'build/lib/scripts/01-mount.js', 'build/lib/steps/index.js', 'build/lib/tools/exec.js',
      'build/main.js', 'gulpfile.js', 'package.json',
    ]);
    const note = 'Skipped: maintainers\' tooling by its folder\'s name; no main, bin or start script runs it and no linted module loads it (set "lintSupportFiles": true to lint it)';
    assert.deepEqual(skippedFolders(dir), [{ path: 'scripts', message: note }, { path: 'tools', message: note }]);
  });

  it('a named support file is skipped with a warning; lintSupportFiles lints them all', () => {
    const dir = tempProject({ 'test/x.ts': '', 'src/a.test.ts': '', 'src/a.ts': '' });
    assert.deepEqual(discover(dir, ['test/x.ts', 'src/a.ts']), {
      files: ['src/a.ts'],
      warnings: ['File skipped as a test, example or tooling script (set "lintSupportFiles": true to lint it): test/x.ts'],
    });
    fs.writeFileSync(path.join(dir, 'stability-lint.config.json'), '{ "root": true, "lintSupportFiles": true }');
    assert.deepEqual(discover(dir).files, ['src/a.test.ts', 'src/a.ts', 'test/x.ts']);
    assert.deepEqual(discover(dir, ['test/x.ts']).files, ['test/x.ts']);
  });

  it('honours config ignores relative to the config file', () => {
    const dir = tempProject({
      'stability-lint.config.json': '{ "root": true, "ignores": ["scripts/**", "**/*.test.ts"] }',
      'scripts/seed.ts': '', 'src/a.ts': '', 'src/a.test.ts': '',
    });
    assert.deepEqual(discover(dir).files, ['src/a.ts']);
  });

  it('a named file is linted even if .gitignored, but not if config ignores it (with a warning)', () => {
    const dir = tempProject({
      'stability-lint.config.json': '{ "root": true, "ignores": ["vendor.ts"] }',
      '.gitignore': 'gen.ts\n', 'gen.ts': '', 'vendor.ts': '',
    });
    assert.deepEqual(discover(dir, ['gen.ts', 'vendor.ts']), { files: ['gen.ts'], warnings: ['File ignored by configuration: vendor.ts'] });
  });

  it('symlinked folders (a loop, a second way into src) are not followed; symlinked files are read', () => {
    const dir = tempProject({ 'src/a.ts': '' });
    fs.symlinkSync(dir, path.join(dir, 'src/loop'));
    fs.symlinkSync(path.join(dir, 'src'), path.join(dir, 'again'));
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling.ts'));
    fs.symlinkSync(path.join(dir, 'src/a.ts'), path.join(dir, 'link.ts'));
    assert.deepEqual(discover(dir).files, ['link.ts', 'src/a.ts']);
  });

  it('a missing path is a usage error; an empty folder and an unlintable file are warnings', () => {
    const dir = tempProject({ 'empty/.keep': '', 'notes.txt': '' });
    assert.throws(() => discover(dir, ['nope']), (e: unknown) => e instanceof UsageError && e.message === 'No such file or directory: nope');
    assert.deepEqual(discover(dir, ['empty', 'notes.txt']).warnings, ['No files to lint under empty', 'Not a file stability-lint reads: notes.txt']);
  });

  it('build output that package.json main runs is linted when the package ships no sources for it; with src/, or a tsconfig and TypeScript, it stays skipped', () => {
    const published = tempProject({
      'package.json': '{ "main": "./dist/lib/index.js", "exports": { "import": "./esm.mjs", "require": "./dist/lib/index.js" } }',
      'esm.mjs': "export * from './dist/lib/index.js';\n", 'dist/lib/index.js': 'module.exports = 1;\n', 'dist/lib/gateway/Shard.js': '',
    });
    assert.deepEqual(discover(published).files, ['dist/lib/gateway/Shard.js', 'dist/lib/index.js', 'esm.mjs', 'package.json']);
    const withSources = tempProject({
      'package.json': '{ "main": "./dist/index.cjs" }', 'src/Server.ts': '', 'dist/index.cjs': 'module.exports = 1;\n',
    });
    assert.deepEqual(discover(withSources).files, ['package.json', 'src/Server.ts']);
    // A tsconfig.json shipped with no TypeScript beside it compiles nothing: the build is the code.
    const tsconfigOnly = tempProject({
      'package.json': '{ "main": "./dist/index.cjs" }', 'tsconfig.json': '{ "include": ["source/"] }', 'dist/index.cjs': 'module.exports = 1;\n', 'dist/index.d.ts': '',
    });
    assert.deepEqual(discover(tsconfigOnly).files, ['dist/index.cjs', 'package.json']);
    const tsconfigAndSources = tempProject({
      'package.json': '{ "main": "./dist/index.cjs" }', 'tsconfig.json': '{}', 'source/index.ts': '', 'dist/index.cjs': 'module.exports = 1;\n',
    });
    assert.deepEqual(discover(tsconfigAndSources).files, ['package.json', 'source/index.ts']);
    // A build that copies a source folder shipped beside it (`dist/lib/cli.js` from `lib/cli.ts`, tsc with allowJs): the sources are linted.
    const mirrored = tempProject({
      'package.json': '{ "main": "dist/lib/cli.js", "bin": { "cf": "bin/cf.js" } }', 'bin/cf.js': "require('../dist/lib/cli.js');\n",
      'lib/cli.ts': '', 'lib/config.js': '', 'lib/context.js': '', 'dist/lib/cli.js': '', 'dist/lib/config.js': '', 'dist/lib/context.js': '',
    });
    assert.deepEqual(discover(mirrored).files, ['bin/cf.js', 'lib/cli.ts', 'lib/config.js', 'lib/context.js', 'package.json']);
    // One module of the same name is no copy of a folder: the build is the code.
    const oneName = tempProject({
      'package.json': '{ "main": "dist/lib/index.js" }', 'lib/util.js': '', 'dist/lib/index.js': '', 'dist/lib/Shard.js': '', 'dist/lib/util.js': '',
    });
    assert.deepEqual(discover(oneName).files, ['dist/lib/Shard.js', 'dist/lib/index.js', 'dist/lib/util.js', 'lib/util.js', 'package.json']);
  });

  it("build output that the package's main or bin loads by relative path (`module.exports = require('./dist')`) is linted when its sources are not shipped", () => {
    const files = {
      'package.json': '{ "main": "index.js", "bin": { "server": "./bin/server" } }', 'tsconfig.json': '{ "include": ["./src/**/*"] }',
      'index.js': "module.exports = require('./dist')\n", 'bin/server': "#!/usr/bin/env node\nconst Server = require('../dist')\nnew Server().start()\n",
      'dist/index.js': 'module.exports = class Server {};\n', 'dist/index.d.ts': '', 'examples/wasm/assembly/index.ts': 'export {};\n',
    };
    assert.deepEqual(discover(tempProject(files)).files, ['bin/server', 'dist/index.js', 'index.js', 'package.json']);
    // With the TypeScript it is built from shipped beside it, the build is a copy of that source.
    assert.deepEqual(discover(tempProject({ ...files, 'lib/server.ts': 'export {};\n' })).files, ['bin/server', 'index.js', 'lib/server.ts', 'package.json']);
  });

  it('a package whose code is all build output says so and names the folder; beside sources, build output is skipped with a note', () => {
    const shipped = tempProject({ 'package.json': '{}', 'dist/cjs/index.js': 'module.exports = 1;\n', 'dist/index.d.ts': '' });
    const r = discover(shipped);
    assert.deepEqual(r.files, ['package.json']);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(skippedFolders(shipped), [{ path: 'dist', message: 'Skipped: build output, the only code under . (name it to lint it: stability-lint dist)' }]);
    assert.deepEqual(discover(shipped, ['dist']).files, ['dist/cjs/index.js']);
    const repo = tempProject({ 'package.json': '{}', 'src/index.ts': '', 'dist/index.js': '' });
    assert.deepEqual(discover(repo).warnings, []);
    assert.deepEqual(skippedFolders(repo), [{ path: 'dist', message: 'Skipped: build output, beside the code that is linted (name it to lint it: stability-lint dist)' }]);
  });

  it('a tsconfig outDir shipped beside the sources it compiles is build output: the sources are linted, not their copy', () => {
    const tsconfig = '{\n  // compiled for npm\n  "compilerOptions": { "outDir": "./lib", },\n  "include": ["src/**/*"],\n}\n';
    const both = tempProject({ 'package.json': '{}', 'tsconfig.json': tsconfig, 'src/bridge.ts': '', 'lib/bridge.js': '', 'lib/bridge.d.ts': '' });
    assert.deepEqual(discover(both).files, ['package.json', 'src/bridge.ts']);
    assert.deepEqual(skippedFolders(both), [{ path: 'lib', message: 'Skipped: JavaScript compiled from the TypeScript in src (tsconfig.json outDir), which is linted' }]);
    assert.deepEqual(discover(both, ['lib']).files, ['lib/bridge.js']);
    const libOnly = tempProject({ 'package.json': '{}', 'tsconfig.json': tsconfig, 'lib/bridge.js': '' });
    assert.deepEqual(discover(libOnly).files, ['lib/bridge.js', 'package.json']);
  });
});

/** What discovery skipped under the named paths: path → note. */
function notes(dir: string, paths: string[] = ['.']) {
  return findFiles(paths, { cwd: dir }).skipped.map((s) => ({ path: path.relative(dir, s.path), message: s.message }));
}

describe('copies of code Node runs from elsewhere: browser builds, dual builds, compiled twins', () => {
  const tsc = (name: string) => `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.${name} = void 0;\n`;

  it('a build package.json gives to browsers while Node is given another file is skipped with a note; named, it is linted', () => {
    const dir = tempProject({
      'package.json': JSON.stringify({
        main: './out/mod.js',
        exports: {
          '.': { types: './out/mod.d.ts', node: './out/mod.js', browser: './out/web.mjs', default: './out/web.mjs' },
          './web': { types: './out/web.d.ts', default: './out/web.mjs' },
        },
      }),
      'out/mod.js': '', 'out/bot.js': '', 'out/web.mjs': '',
    });
    assert.deepEqual(discover(dir, ['out']).files, ['out/bot.js', 'out/mod.js']);
    assert.deepEqual(notes(dir, ['out']), [
      { path: 'out/web.mjs', message: 'Skipped: browser build named by the "browser" condition of "." in package.json exports; Node loads out/mod.js' },
    ]);
    assert.deepEqual(discover(dir, ['out/web.mjs']).files, ['out/web.mjs']);
    assert.deepEqual(notes(dir, ['out/web.mjs']), []);
  });

  it('the browser field, as a file or a map of replacements, names browser builds too; deno and worker conditions count', () => {
    const field = tempProject({ 'package.json': '{ "main": "index.js", "browser": "browser.js" }', 'index.js': '', 'browser.js': '' });
    assert.deepEqual(discover(field).files, ['index.js', 'package.json']);
    assert.deepEqual(notes(field), [{ path: 'browser.js', message: 'Skipped: browser build named by the package.json "browser" field; Node loads index.js' }]);
    const map = tempProject({
      'package.json': '{ "main": "lib/index.js", "browser": { "./lib/io-node.js": "./lib/io-browser.js", "fs": false } }',
      'lib/index.js': '', 'lib/io-node.js': '', 'lib/io-browser.js': '',
    });
    assert.deepEqual(discover(map).files, ['lib/index.js', 'lib/io-node.js', 'package.json']);
    assert.deepEqual(notes(map), [
      { path: 'lib/io-browser.js', message: 'Skipped: browser build named by the package.json "browser" field (in place of ./lib/io-node.js); Node loads lib/io-node.js' },
    ]);
    const deno = tempProject({
      'package.json': JSON.stringify({ exports: { '.': { deno: './deno.js', worker: './worker.js', require: './index.cjs', import: './index.cjs' } } }),
      'deno.js': '', 'worker.js': '', 'index.cjs': '',
    });
    assert.deepEqual(discover(deno).files, ['index.cjs', 'package.json']);
    assert.deepEqual(notes(deno).map((n) => n.path), ['deno.js', 'worker.js']);
  });

  it('a browser build that the package\'s Node code imports is Node code too', () => {
    const dir = tempProject({
      'package.json': '{ "main": "lib/index.js", "browser": { "./lib/io-node.js": "./lib/io-shared.js" } }',
      'lib/index.js': "const io = require('./io-node');\n", 'lib/io-node.js': "module.exports = require('./io-shared.js').wrap();\n", 'lib/io-shared.js': '',
    });
    assert.deepEqual(discover(dir).files, ['lib/index.js', 'lib/io-node.js', 'lib/io-shared.js', 'package.json']);
    assert.deepEqual(notes(dir), []);
  });

  it('a default that Node picks, and a file only non-Node runtimes are given, are Node code: nothing is lost', () => {
    const dir = tempProject({
      'package.json': JSON.stringify({
        exports: {
          // No `node` condition before it: Node picks `default`, the same file browsers get.
          '.': { browser: './web.js', default: './web.js' },
          // No file for Node at all: what the entry names may be all there is.
          './edge': { worker: './edge.js' },
          './types': { types: './types.d.ts', default: './types.js' },
        },
      }),
      'web.js': '', 'edge.js': '', 'types.js': '',
    });
    assert.deepEqual(discover(dir).files, ['edge.js', 'package.json', 'types.js', 'web.js']);
    assert.deepEqual(notes(dir), []);
  });

  it('a normal package loses nothing: cjs main only, or exports with node and default only', () => {
    const cjs = tempProject({ 'package.json': '{ "main": "lib/index.js" }', 'lib/index.js': '', 'lib/db.js': '', 'index.js': '' });
    assert.deepEqual(discover(cjs).files, ['index.js', 'lib/db.js', 'lib/index.js', 'package.json']);
    assert.deepEqual(notes(cjs), []);
    const exp = tempProject({
      'package.json': JSON.stringify({ exports: { '.': { node: './lib/node.js', default: './lib/index.js' }, './util': './lib/util.js' } }),
      'lib/node.js': '', 'lib/index.js': '', 'lib/util.js': '', 'src/a.ts': '', 'src/b.js': '',
    });
    assert.deepEqual(discover(exp).files, ['lib/index.js', 'lib/node.js', 'lib/util.js', 'package.json', 'src/a.ts', 'src/b.js']);
    assert.deepEqual(notes(exp), []);
  });

  it('dual builds: the tree `require` loads is linted, its `import` twin skipped with one note for the tree', () => {
    const dir = tempProject({
      'package.json': JSON.stringify({
        name: 'imap', type: 'module', main: './dist/cjs/imap.js',
        exports: { '.': { import: './dist/esm/imap.js', require: './dist/cjs/imap.js' }, './lib/*': { import: './dist/esm/*.js', require: './dist/cjs/*.js' } },
      }),
      'dist/cjs/package.json': '{ "type": "commonjs" }', 'dist/esm/package.json': '{ "type": "module" }',
      'dist/cjs/imap.js': '', 'dist/cjs/commands/list.js': '', 'dist/esm/imap.js': '', 'dist/esm/commands/list.js': '', 'dist/esm/only-esm.js': '',
    });
    assert.deepEqual(discover(dir, ['dist']).files, ['dist/cjs/commands/list.js', 'dist/cjs/imap.js', 'dist/cjs/package.json', 'dist/esm/only-esm.js', 'dist/esm/package.json']);
    assert.deepEqual(notes(dir, ['dist']), [{
      path: 'dist/esm',
      message: 'Skipped: ES module twin of dist/cjs, which is linted as require() loads it; 2 files (package.json exports: "require" ./dist/cjs/imap.js, "import" ./dist/esm/imap.js)',
    }]);
    // Named alone, the twin is linted: nothing else in the run holds its code.
    assert.deepEqual(discover(dir, ['dist/esm']).files, ['dist/esm/commands/list.js', 'dist/esm/imap.js', 'dist/esm/only-esm.js', 'dist/esm/package.json']);
    assert.deepEqual(notes(dir, ['dist/esm']), []);
  });

  it('dual builds named by main and module, and side-by-side .js/.mjs files', () => {
    const trees = tempProject({ 'package.json': '{ "main": "lib/index.js", "module": "es/index.js" }', 'lib/index.js': '', 'lib/a.js': '', 'es/index.js': '', 'es/a.js': '' });
    assert.deepEqual(discover(trees).files, ['lib/a.js', 'lib/index.js', 'package.json']);
    assert.deepEqual(notes(trees), [{ path: 'es', message: 'Skipped: ES module twin of lib, which is linted as require() loads it; 2 files (package.json: "main" lib/index.js, "module" es/index.js)' }]);
    const files = tempProject({ 'package.json': JSON.stringify({ exports: { import: './index.mjs', require: './index.js' } }), 'index.js': '', 'index.mjs': '' });
    assert.deepEqual(discover(files).files, ['index.js', 'package.json']);
    assert.deepEqual(notes(files), [{ path: 'index.mjs', message: 'Skipped: ES module twin of index.js, which is linted as require() loads it (package.json exports: "require" ./index.js, "import" ./index.mjs)' }]);
  });

  it('compiled twins: JavaScript compiled from TypeScript shipped beside it is skipped, the sources linted', () => {
    const dir = tempProject({
      'package.json': '{ "main": "lib/index.js" }',
      'src/index.ts': '', 'src/core/net.ts': '', 'lib/index.js': tsc('start'), 'lib/core/net.js': tsc('get'), 'lib/cli.mjs': 'run();\n',
      'filters.js': "module.exports = require('./lib/filters')\n",
    });
    assert.deepEqual(discover(dir).files, ['filters.js', 'lib/cli.mjs', 'package.json', 'src/core/net.ts', 'src/index.ts']);
    assert.deepEqual(notes(dir), [{ path: 'lib', message: 'Skipped: JavaScript compiled from the TypeScript in src, which is linted (lib/core/net.js is src/core/net.ts compiled); 2 files' }]);
    // A file named alone is linted; named with its source (a hook passing staged files), the source is.
    assert.deepEqual(discover(dir, ['lib/index.js']).files, ['lib/index.js']);
    assert.deepEqual(discover(dir, ['src/index.ts', 'lib/index.js']).files, ['src/index.ts']);
    assert.deepEqual(notes(dir, ['src/index.ts', 'lib/index.js']).map((n) => n.path), ['lib']);
  });

  it('a dual build, one folder per module system (lib/cjs, lib/mjs), compiled from src: both are skipped, the sources linted', () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ main: 'lib/cjs/index.js', exports: { '.': { import: './lib/mjs/index.js', require: './lib/cjs/index.js' } } }),
      'src/index.ts': '', 'src/client.ts': '', 'lib/cjs/index.js': tsc('start'), 'lib/cjs/client.js': tsc('get'),
      'lib/mjs/index.js': 'export const start = 1;\n', 'lib/mjs/client.js': 'export const get = 1;\n',
    });
    assert.deepEqual(discover(dir).files, ['package.json', 'src/client.ts', 'src/index.ts']);
    assert.deepEqual(notes(dir).map((n) => n.path), ['lib/mjs', 'lib/cjs']);
    assert.equal(notes(dir)[1].message, 'Skipped: JavaScript compiled from the TypeScript in src, which is linted (lib/cjs/client.js is src/client.ts compiled); 2 files');
    // Hand-written modules one level down that share names with the sources are not twins.
    const plain = tempProject({ 'package.json': '{}', 'src/index.ts': '', 'src/client.ts': '', 'lib/cjs/index.js': "require('http');\n", 'lib/cjs/client.js': "require('net');\n" });
    assert.deepEqual(discover(plain).files, ['lib/cjs/client.js', 'lib/cjs/index.js', 'package.json', 'src/client.ts', 'src/index.ts']);
  });

  it('a build published at the package folder itself (x.js, x.mjs beside src/x.ts) is skipped, the sources linted', () => {
    // groq-sdk: `internal/uploads.js` and `internal/uploads.mjs` are src/internal/uploads.ts compiled.
    const esm = (name: string) => `export const ${name} = 1;\n//# sourceMappingURL=${name}.mjs.map\n`;
    const dir = tempProject({
      'package.json': JSON.stringify({ main: './index.js', exports: { '.': { import: './index.mjs', require: './index.js' } } }),
      'src/index.ts': '', 'src/internal/uploads.ts': '', 'src/internal/shims.ts': '',
      'index.js': tsc('start'), 'index.mjs': esm('start'), 'internal/uploads.js': tsc('upload'), 'internal/uploads.mjs': esm('upload'),
      'internal/shims.js': tsc('shim'), 'internal/shims.mjs': esm('shim'), 'bin/cli.js': "require('../index.js').start();\n",
    });
    assert.deepEqual(discover(dir).files, ['bin/cli.js', 'package.json', 'src/index.ts', 'src/internal/shims.ts', 'src/internal/uploads.ts']);
    assert.deepEqual(notes(dir), [
      { path: 'index.mjs', message: 'Skipped: ES module twin of index.js (package.json exports: "require" ./index.js, "import" ./index.mjs); both are built from sources that are linted' },
      { path: '', message: 'Skipped: JavaScript compiled from the TypeScript in src, which is linted (index.js is src/index.ts compiled); 5 files' },
    ]);
    // Hand-written modules at the top that share names with the sources are not their build.
    const plain = tempProject({ 'package.json': '{ "main": "index.js" }', 'src/index.ts': '', 'src/worker.ts': '', 'index.js': "require('http');\n", 'worker.js': "require('net');\n" });
    assert.deepEqual(discover(plain).files, ['index.js', 'package.json', 'src/index.ts', 'src/worker.ts', 'worker.js']);
  });

  it('JavaScript compiled with declarations from JavaScript shipped beside it (tsc allowJs) is skipped, the sources linted', () => {
    const files = {
      'package.json': '{ "bin": "./bin/companion", "types": "lib/companion.d.ts" }',
      'src/companion.js': 'export default 1;\n', 'src/server/request.js': 'export const get = 1;\n', 'src/server/upload.js': 'export const put = 1;\n',
      'lib/companion.js': 'export default 1;\n', 'lib/companion.d.ts': '', 'lib/server/request.js': 'export const get = 1;\n', 'lib/server/request.d.ts': '',
      'lib/server/upload.js': 'export const put = 1;\n', 'lib/server/upload.d.ts': '',
    };
    const both = tempProject(files);
    assert.deepEqual(discover(both).files, ['package.json', 'src/companion.js', 'src/server/request.js', 'src/server/upload.js']);
    assert.deepEqual(notes(both), [{ path: 'lib', message: 'Skipped: JavaScript compiled, with declarations, from the JavaScript in src, which is linted (lib/companion.js); 3 files' }]);
    // Without the declarations nothing says which tree is the compiler's: both are linted.
    const plain = tempProject(Object.fromEntries(Object.entries(files).filter(([k]) => !k.endsWith('.d.ts'))));
    assert.deepEqual(notes(plain), []);
  });

  it('an older copy of a build left inside it, which nothing loads, is skipped; a folder the package loads is not', () => {
    const files = {
      'package.json': '{ "main": "build/main.js" }',
      'build/main.js': "const inspect = require('./lib/inspect');\nconst debug = require('./lib/debug');\n", 'build/lib/inspect.js': 'exports.a = 1;\n', 'build/lib/debug.js': 'exports.b = 1;\n',
      'build/src/main.js': "const inspect = require('./lib/inspect');\n", 'build/src/lib/inspect.js': 'exports.a = 0;\n', 'build/src/lib/debug.js': 'exports.b = 0;\n',
    };
    const stale = tempProject(files);
    assert.deepEqual(discover(stale).files, ['build/lib/debug.js', 'build/lib/inspect.js', 'build/main.js', 'package.json']);
    assert.deepEqual(notes(stale), [{ path: 'build/src', message: 'Skipped: a copy of the modules of build that nothing in the package loads, which are linted; 3 files' }]);
    // Loaded from outside (`require('./src/lib/debug')`), or holding the entry point, the folder is the package's code.
    const loaded = tempProject({ ...files, 'build/main.js': files['build/main.js'] + "require('./src/lib/debug');\n" });
    assert.deepEqual(notes(loaded), []);
    // A folder loaded through its index counts too, from a module anywhere else in the package.
    const byFolder = tempProject({ ...files, 'server.js': "require('./build/src/lib');\n" });
    assert.deepEqual(notes(byFolder), []);
    const entry = tempProject({ ...files, 'package.json': '{ "main": "build/src/main.js" }' });
    assert.deepEqual(notes(entry), []);
    // Only a module whose specifier names the folder can reach into it, but a folder named index is also what its parent's specifier loads.
    const asIndex = Object.fromEntries(Object.entries(files).map(([k, v]) => [k.replace('build/src/', 'build/index/'), v]));
    assert.deepEqual(notes(tempProject(asIndex)).map((n) => n.path), ['build/index']);
    assert.deepEqual(notes(tempProject({ ...asIndex, 'server.js': "require('./build');\n" })), []);
  });

  it('hand-written JavaScript that shares module names with TypeScript elsewhere is not a compiled twin', () => {
    const dir = tempProject({ 'package.json': '{}', 'src/server.ts': '', 'lib/server.js': "const http = require('http');\n", 'app/db.ts': '', 'app/db.js': 'module.exports = {};\n' });
    assert.deepEqual(discover(dir).files, ['app/db.js', 'app/db.ts', 'lib/server.js', 'package.json', 'src/server.ts']);
    const beside = tempProject({ 'package.json': '{}', 'app/db.ts': '', 'app/db.js': tsc('db') });
    assert.deepEqual(discover(beside).files, ['app/db.ts', 'package.json']);
    assert.deepEqual(notes(beside), [{ path: 'app', message: 'Skipped: JavaScript compiled from the TypeScript beside it, which is linted; 1 file' }]);
  });
});

describe('JavaScript whose source map names sources linted in the same run', () => {
  const map = (...sources: string[]) => JSON.stringify({ version: 3, file: 'x.js', sourceRoot: '', sources, mappings: 'AAAA' });

  it("a build folder with its own package.json marker (ethers' lib.commonjs from src.ts) is skipped, the sources linted", () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ name: 'ethers', main: './lib.commonjs/index.js' }),
      'lib.commonjs/package.json': JSON.stringify({ type: 'commonjs', browser: { './a.js': './a-browser.js' } }),
      'src.ts/index.ts': '', 'src.ts/providers/provider.ts': '',
      'lib.commonjs/index.js': 'exports.a = 1;\n//# sourceMappingURL=index.js.map\n', 'lib.commonjs/index.js.map': map('../src.ts/index.ts'),
      'lib.commonjs/providers/provider.js': 'exports.b = 1;\n', 'lib.commonjs/providers/provider.js.map': map('../../src.ts/providers/provider.ts'),
    });
    assert.deepEqual(discover(dir).files, ['lib.commonjs/package.json', 'package.json', 'src.ts/index.ts', 'src.ts/providers/provider.ts']);
    assert.deepEqual(notes(dir), [{ path: 'lib.commonjs', message: 'Skipped: JavaScript built from sources that are linted, as its source map says (lib.commonjs/index.js from src.ts/index.ts); 2 files' }]);
    // Named alone, a built file is linted.
    assert.deepEqual(discover(dir, ['lib.commonjs/index.js']).files, ['lib.commonjs/index.js']);
  });

  it('a bundle of the package\'s sources and its dependencies (Rollup lib/index.cjs.js of src/) is skipped; one whose sources are not shipped is linted', () => {
    const files = {
      'package.json': JSON.stringify({ name: 'web3', main: 'lib/index.cjs.js' }),
      'src/index.ts': '', 'src/connection.ts': '', 'src/utils/ed25519.ts': '',
      'lib/index.cjs.js': "'use strict';\nvar a = 1;\n", 'lib/index.cjs.js.map': map('../src/utils/ed25519.ts', '../src/connection.ts', '../src/index.ts', '../node_modules/bn.js/lib/bn.js'),
      'lib/cli.js': 'run();\n',
    };
    const dir = tempProject(files);
    assert.deepEqual(discover(dir).files, ['lib/cli.js', 'package.json', 'src/connection.ts', 'src/index.ts', 'src/utils/ed25519.ts']);
    assert.deepEqual(notes(dir), [{ path: 'lib', message: 'Skipped: JavaScript built from sources that are linted, as its source map says (lib/index.cjs.js from src/utils/ed25519.ts); 1 file' }]);
    // The sources are not shipped (or most of them are not): the bundle is the only copy, and is linted.
    const unshipped = tempProject({ ...files, 'lib/index.cjs.js.map': map('../src/utils/ed25519.ts', '../src/a.ts', '../src/b.ts', '../src/c.ts') });
    assert.deepEqual(discover(unshipped).files, ['lib/cli.js', 'lib/index.cjs.js', 'package.json', 'src/connection.ts', 'src/index.ts', 'src/utils/ed25519.ts']);
    // A URL source root names nothing on this disk.
    const webpack = tempProject({ ...files, 'lib/index.cjs.js.map': JSON.stringify({ version: 3, sourceRoot: 'webpack://', sources: ['../src/index.ts'], mappings: '' }) });
    assert.ok(discover(webpack).files.includes('lib/index.cjs.js'));
  });
});

describe('dual builds where one tree holds the other', () => {
  it('lib/ and lib/esm/: the esm twins are skipped, lib/ is linted', () => {
    const dir = tempProject({ 'package.json': '{ "main": "lib/index.js", "module": "lib/esm/index.js" }', 'lib/index.js': '', 'lib/a.js': '', 'lib/esm/index.js': '', 'lib/esm/a.js': '', 'lib/esm/b.js': '' });
    assert.deepEqual(discover(dir).files, ['lib/a.js', 'lib/esm/b.js', 'lib/index.js', 'package.json']);
    assert.deepEqual(notes(dir).map((n) => n.path), ['lib/esm']);
  });

  it('a root main with an esm/ twin; but the package folder itself is never skipped as a twin', () => {
    const root = tempProject({ 'package.json': '{ "main": "index.js", "module": "esm/index.js" }', 'index.js': '', 'esm/index.js': '' });
    assert.deepEqual(discover(root).files, ['index.js', 'package.json']);
    const reversed = tempProject({ 'package.json': '{ "main": "cjs/index.js", "module": "index.js" }', 'index.js': '', 'cjs/index.js': '' });
    assert.deepEqual(discover(reversed).files, ['cjs/index.js', 'index.js', 'package.json']);
  });
});

describe('dual builds: the require build is linted even when it is the compiled one', () => {
  it('a CommonJS build compiled from an ES module tree: the CommonJS one is linted, as require() loads it', () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ exports: { import: './esm/index.js', require: './cjs/index.js' } }),
      'esm/index.js': "export { get } from './get.js';\n", 'esm/get.js': 'export const get = () => 1;\n',
      'cjs/index.js': '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n', 'cjs/get.js': '"use strict";\nexports.get = void 0;\n',
    });
    assert.deepEqual(discover(dir).files, ['cjs/get.js', 'cjs/index.js', 'package.json']);
    assert.deepEqual(notes(dir), [{ path: 'esm', message: 'Skipped: ES module twin of cjs, which is linted as require() loads it; 2 files (package.json exports: "require" ./cjs/index.js, "import" ./esm/index.js)' }]);
  });
});

describe('which files are linted: fresh checks 60–63', () => {
  it('type tests (tstyche *.tst.ts, tsd/Vitest *.test-d.ts) are skipped like tests; a module named types.ts is linted (@fastify/rate-limit, check 62)', () => {
    const dir = tempProject({
      'package.json': '{ "main": "index.js" }', 'index.js': '',
      'types/index.tst.ts': "import { expect } from 'tstyche'\n", 'types/index.test-d.ts': '', 'types/index.d.ts': '', 'types/tst.ts': '',
    });
    assert.deepEqual(discover(dir).files, ['index.js', 'package.json', 'types/tst.ts']);
  });

  it('every build of the same code but the one require() loads is skipped with one note a folder, through `"type"` marker package.json files (@azure/core-amqp, check 60)', () => {
    const marker = (type: string) => JSON.stringify({ name: '@azure/core-amqp', version: '4.5.1', type, exports: { './package.json': './package.json' } });
    const dir = tempProject({
      'package.json': JSON.stringify({
        name: '@azure/core-amqp', type: 'module', main: './dist/commonjs/index.js', module: './dist/esm/index.js',
        exports: { '.': {
          browser: { default: './dist/browser/index.js' }, 'react-native': { default: './dist/react-native/index.js' },
          import: { default: './dist/esm/index.js' }, require: { default: './dist/commonjs/index.js' },
        } },
      }),
      'dist/commonjs/package.json': marker('commonjs'), 'dist/commonjs/index.js': '', 'dist/commonjs/util/retry.js': '',
      'dist/esm/package.json': marker('module'), 'dist/esm/index.js': '', 'dist/esm/util/retry.js': '',
      'dist/browser/package.json': marker('module'), 'dist/browser/index.js': '', 'dist/browser/util/retry.js': '', 'dist/browser/util/runtimeInfo-browser.mjs': '',
    });
    assert.deepEqual(discover(dir, ['dist']).files, ['dist/browser/package.json', 'dist/commonjs/index.js', 'dist/commonjs/package.json', 'dist/commonjs/util/retry.js', 'dist/esm/package.json']);
    assert.deepEqual(notes(dir, ['dist']).map((n) => n.path), ['dist/browser', 'dist/esm']);
    assert.match(notes(dir, ['dist'])[0].message, /^Skipped: build for another runtime named by the "browser" condition .*; Node loads dist\/commonjs; 3 files$/);
  });

  it('side-by-side .cjs/.js builds: every internal module\'s ES twin is skipped, not only the entries (restate-sdk, check 62)', () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ type: 'module', main: './dist/index.cjs', exports: { '.': { import: './dist/index.js', require: './dist/index.cjs' } } }),
      'dist/index.cjs': '', 'dist/index.js': '', 'dist/context_impl.cjs': '', 'dist/context_impl.js': '', 'dist/endpoint/x.cjs': '', 'dist/endpoint/x.js': '', 'dist/types.js': '',
    });
    assert.deepEqual(discover(dir, ['dist']).files, ['dist/context_impl.cjs', 'dist/endpoint/x.cjs', 'dist/index.cjs', 'dist/types.js']);
    // At the package's top (moleculer: index.js, index.mjs) the other .js/.mjs pairs are hand-written, each linted.
    const top = tempProject({
      'package.json': JSON.stringify({ main: 'index.js', exports: { '.': { require: './index.js', import: './index.mjs' } } }),
      'index.js': '', 'index.mjs': '', 'src/runner.js': '', 'src/runner.mjs': '',
    });
    assert.deepEqual(discover(top).files, ['index.js', 'package.json', 'src/runner.js', 'src/runner.mjs']);
  });

  it('a source folder a script transpiles into the folder main loads is skipped; the copy main loads is linted (tiny-lr, check 63)', () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ main: './src', scripts: { babel: 'babel lib/ -d src' } }),
      'lib/index.js': '', 'lib/server.js': '', 'src/index.js': '', 'src/server.js': '',
    });
    assert.deepEqual(discover(dir).files, ['package.json', 'src/index.js', 'src/server.js']);
    // Without the script nothing says which is the copy: both stay.
    const plain = tempProject({ 'package.json': JSON.stringify({ main: './src' }), 'lib/index.js': '', 'src/index.js': '' });
    assert.deepEqual(discover(plain).files, ['lib/index.js', 'package.json', 'src/index.js']);
  });

  it('a build that is the only code and the entry is linted though src/ holds only C++ (node-libcurl, check 62); beside sources a build folder gets a note (huggingface, check 61)', () => {
    const dir = tempProject({ 'package.json': '{ "main": "./dist/index.js" }', 'dist/index.js': '', 'src/Curl.cc': '' });
    assert.deepEqual(discover(dir).files, ['dist/index.js', 'package.json']);
    const ts = tempProject({ 'package.json': '{ "main": "./dist/index.js" }', 'dist/index.js': '', 'src/index.ts': '' });
    assert.deepEqual(discover(ts).files, ['package.json', 'src/index.ts']);
    assert.deepEqual(notes(ts), [{ path: 'dist', message: 'Skipped: build output, beside the code that is linted (name it to lint it: stability-lint dist)' }]);
  });
});
