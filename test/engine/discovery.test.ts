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

  it('lints a tooling folder that the package runs in production', () => {
    const dir = tempProject({
      'package.json': '{ "main": "lib/index.js", "scripts": { "start": "node scripts/server.js", "build": "node tools/build.js" } }',
      'lib/index.js': '', 'scripts/server.js': '', 'tools/build.js': '',
    });
    assert.deepEqual(discover(dir).files, ['lib/index.js', 'package.json', 'scripts/server.js']);
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

  it('a package whose code is all build output says so and names the folder; beside sources, build output is skipped quietly', () => {
    const shipped = tempProject({ 'package.json': '{}', 'dist/cjs/index.js': 'module.exports = 1;\n', 'dist/index.d.ts': '' });
    const r = discover(shipped);
    assert.deepEqual(r.files, ['package.json']);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(skippedFolders(shipped), [{ path: 'dist', message: 'Skipped: build output, the only code under . (name it to lint it: stability-lint dist)' }]);
    assert.deepEqual(discover(shipped, ['dist']).files, ['dist/cjs/index.js']);
    const repo = tempProject({ 'package.json': '{}', 'src/index.ts': '', 'dist/index.js': '' });
    assert.deepEqual(discover(repo).warnings, []);
    assert.deepEqual(skippedFolders(repo), []);
  });

  it('a tsconfig outDir shipped beside the sources it compiles is build output: the sources are linted, not their copy', () => {
    const tsconfig = '{\n  // compiled for npm\n  "compilerOptions": { "outDir": "./lib", },\n  "include": ["src/**/*"],\n}\n';
    const both = tempProject({ 'package.json': '{}', 'tsconfig.json': tsconfig, 'src/bridge.ts': '', 'lib/bridge.js': '', 'lib/bridge.d.ts': '' });
    assert.deepEqual(discover(both).files, ['package.json', 'src/bridge.ts']);
    assert.deepEqual(discover(both, ['lib']).files, ['lib/bridge.js']);
    const libOnly = tempProject({ 'package.json': '{}', 'tsconfig.json': tsconfig, 'lib/bridge.js': '' });
    assert.deepEqual(discover(libOnly).files, ['lib/bridge.js', 'package.json']);
  });
});
