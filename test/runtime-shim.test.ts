// importFromRuntime: where the shim file goes, which build it is, how the linted file imports
// it, and that the embedded shim text is the current runtime source.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ts } from 'ts-morph';
import typescript from 'typescript';
import { applyEdits, applyFixes } from '../engine/apply-fixes';
import { ConfigLoader } from '../engine/config';
import { FileRuleContext, FileState } from '../engine/context';
import { Knowledge } from '../engine/knowledge';
import { ModuleResolver } from '../engine/resolve-module';
import { FileFacts, FileSystemFacts } from '../engine/file-system-facts';
import { importFromRuntime, type ShimHelper } from '../engine/runtime-shim';
import { RUNTIME_SOURCES, RUNTIME_VERSION } from '../engine/runtime-source.generated';
import type { Finding, Rule, RuleContext } from '../engine/types';
import { tempProject } from './temp-project';

const REPO = path.resolve(__dirname, '..');
const HEADER = `// Added by stability-lint ${RUNTIME_VERSION} (runtime shim). Safe to edit; stability-lint never overwrites an existing copy.\n`;

const probe: Rule<Record<string, unknown>> = {
  meta: {
    id: 'probe', description: 'test rule', defaultSeverity: 'warn', fixable: { safe: 'test' }, fileKinds: ['script'],
    messages: { m: 'm' }, options: {}, defaultOptions: {},
  },
  create: () => ({}),
};


function contextFor(file: string, runtimeImport?: string, workspaceRoot?: string): RuleContext {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  // The loader, not a literal, so the test follows the config shape as it grows.
  const config = new ConfigLoader(new Map([[probe.meta.id, probe]]), undefined, { runtime: runtimeImport ? { import: runtimeImport } : {} }).forFile(file);
  return new FileRuleContext(new FileState(file, 'script', text, sf, config, new Knowledge(), new ModuleResolver(), new FileFacts(new FileSystemFacts()), undefined, workspaceRoot), probe);
}

/** The linted file after the edits, and the files the fix creates (relative path -> text). */
function run(root: string, rel: string, names: ShimHelper[], runtimeImport?: string, workspaceRoot?: string) {
  const file = path.join(root, rel);
  const { edits, creates } = importFromRuntime(contextFor(file, runtimeImport, workspaceRoot), names)!;
  assert.ok(edits.every((e) => e.file === file), 'edits stay in the linted file');
  return {
    output: applyEdits(fs.readFileSync(file, 'utf8'), edits),
    created: Object.fromEntries(creates.map((c) => [path.relative(root, c.file).split(path.sep).join('/'), c.content])),
  };
}

/** Type errors under the strictest common settings, against this repo's @types/node. */
function strictTypeErrors(files: string[]): string[] {
  const program = typescript.createProgram(files, {
    strict: true, noEmit: true, target: typescript.ScriptTarget.ES2022, module: typescript.ModuleKind.ESNext,
    moduleResolution: typescript.ModuleResolutionKind.Bundler, lib: ['lib.es2023.d.ts'], types: ['node'],
    typeRoots: [path.join(REPO, 'node_modules/@types')], skipLibCheck: true, noUnusedLocals: true,
    noUnusedParameters: true, exactOptionalPropertyTypes: true, noImplicitOverride: true, noUncheckedIndexedAccess: true,
    noPropertyAccessFromIndexSignature: true, noImplicitReturns: true, isolatedModules: true,
  });
  return typescript.getPreEmitDiagnostics(program).map((d) =>
    `${d.file ? path.basename(d.file.fileName) : ''} ${typescript.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('importFromRuntime', () => {
  it('imports from the configured module and creates no file', () => {
    const root = tempProject({ 'package.json': '{}', 'src/app.ts': "import http from 'node:http';\n\nhttp.createServer();\n" });
    const { output, created } = run(root, 'src/app.ts', ['onShutdown'], '@acme/stability');
    assert.equal(output, "import http from 'node:http';\nimport { onShutdown } from '@acme/stability';\n\nhttp.createServer();\n");
    assert.deepEqual(created, {});
  });

  it('adds the TypeScript shim in src/ and imports it without an extension', () => {
    const root = tempProject({ 'package.json': '{}', 'src/server/app.ts': "import http from 'node:http';\nhttp.createServer();\n" });
    const { output, created } = run(root, 'src/server/app.ts', ['onShutdown', 'shutdownSignal']);
    assert.equal(output, "import http from 'node:http';\nimport { onShutdown, shutdownSignal } from '../stability-runtime';\nhttp.createServer();\n");
    assert.deepEqual(created, { 'src/stability-runtime.ts': HEADER + RUNTIME_SOURCES.ts });
  });

  it('puts the shim at the project root for files outside src/, found through tsconfig.json', () => {
    const root = tempProject({ 'svc/tsconfig.json': '{}', 'svc/scripts/job.ts': "import { x } from './x';\nx();\n" });
    const { output, created } = run(root, 'svc/scripts/job.ts', ['once']);
    assert.equal(output, "import { x } from './x';\nimport { once } from '../stability-runtime';\nx();\n");
    assert.deepEqual(Object.keys(created), ['svc/stability-runtime.ts']);
  });

  it('writes the .js extension when the TypeScript file imports relatives with .js', () => {
    const root = tempProject({ 'package.json': '{"type":"module"}', 'src/app.ts': "import { db } from './db.js';\ndb();\n" });
    const { output, created } = run(root, 'src/app.ts', ['retry']);
    assert.equal(output, "import { db } from './db.js';\nimport { retry } from './stability-runtime.js';\ndb();\n");
    assert.deepEqual(Object.keys(created), ['src/stability-runtime.ts']);
  });

  it('writes the .js extension for a TypeScript file under nodenext ESM with no relative imports yet', () => {
    const root = tempProject({
      'package.json': '{"type":"module"}',
      'tsconfig.json': '{ // comments allowed\n "compilerOptions": { "module": "NodeNext" } }',
      'src/app.ts': "import http from 'node:http';\nhttp.createServer();\n",
    });
    assert.equal(run(root, 'src/app.ts', ['once']).output, "import http from 'node:http';\nimport { once } from './stability-runtime.js';\nhttp.createServer();\n");
  });

  it('adds the ESM build as stability-runtime.js in a "type": "module" package', () => {
    const root = tempProject({ 'package.json': '{"type":"module"}', 'lib/app.js': 'import http from "node:http";\nhttp.createServer();\n' });
    const { output, created } = run(root, 'lib/app.js', ['limiter']);
    assert.equal(output, 'import http from "node:http";\nimport { limiter } from "../stability-runtime.js";\nhttp.createServer();\n');
    assert.deepEqual(created, { 'stability-runtime.js': HEADER + RUNTIME_SOURCES.esm });
  });

  it('an ES module of a CommonJS package imports the package\'s one CommonJS shim', () => {
    const root = tempProject({ 'package.json': '{}', 'src/app.mjs': "import http from 'node:http';\nhttp.createServer();\n" });
    const { output, created } = run(root, 'src/app.mjs', ['once']);
    assert.equal(output, "import http from 'node:http';\nimport { once } from '../stability-runtime.cjs';\nhttp.createServer();\n");
    assert.deepEqual(created, { 'stability-runtime.cjs': HEADER + RUNTIME_SOURCES.cjs });
  });

  it('adds the CommonJS build as .cjs next to package.json and requires it', () => {
    const root = tempProject({ 'package.json': '{}', 'src/index.js': "const http = require('http');\nhttp.createServer();\n" });
    const { output, created } = run(root, 'src/index.js', ['onShutdown']);
    assert.equal(output, "const http = require('http');\nconst { onShutdown } = require('../stability-runtime.cjs');\nhttp.createServer();\n");
    assert.deepEqual(created, { 'stability-runtime.cjs': HEADER + RUNTIME_SOURCES.cjs });
  });

  it('one shim per package: every file of the package, wherever it sits, imports the one next to package.json', () => {
    const root = tempProject({
      'package.json': '{}',
      'bin/cli.js': "const http = require('http');\n",
      'lib/deep/worker.js': "const http = require('http');\n",
      'lib/loader.mjs': "import http from 'node:http';\n",
      'packages/other/package.json': '{"type":"module"}',
      'packages/other/index.js': "import http from 'node:http';\n",
    });
    const shims = ['bin/cli.js', 'lib/deep/worker.js', 'lib/loader.mjs', 'packages/other/index.js'].map((rel) => Object.keys(run(root, rel, ['once']).created));
    assert.deepEqual(shims, [['stability-runtime.cjs'], ['stability-runtime.cjs'], ['stability-runtime.cjs'], ['packages/other/stability-runtime.js']]);
    assert.match(run(root, 'lib/deep/worker.js', ['once']).output, /require\('\.\.\/\.\.\/stability-runtime\.cjs'\)/);
  });

  it('with no package.json anywhere, one shim at the workspace root', () => {
    const root = tempProject({ 'a/one.js': "const x = require('x');\n", 'b/c/two.js': "const x = require('x');\n", 'd/three.mjs': "import x from 'x';\n" });
    const shims = ['a/one.js', 'b/c/two.js', 'd/three.mjs'].map((rel) => Object.keys(run(root, rel, ['once'], undefined, root).created));
    assert.deepEqual(shims, [['stability-runtime.cjs'], ['stability-runtime.cjs'], ['stability-runtime.cjs']]);
  });

  it('reuses a shim the package has already', () => {
    const root = tempProject({ 'package.json': '{}', 'stability-runtime.cjs': '// mine\n', 'src/a.mjs': "import x from 'x';\n" });
    const { output } = run(root, 'src/a.mjs', ['once']);
    assert.equal(output, "import x from 'x';\nimport { once } from '../stability-runtime.cjs';\n");
  });

  it('puts the shim in the first folder package.json "files" publishes when a root file would be left out', () => {
    const root = tempProject({ 'package.json': '{ "files": ["lib/", "bin"] }', 'lib/a.js': "const x = require('x');\n", 'bin/b.js': "const x = require('x');\n" });
    assert.deepEqual(Object.keys(run(root, 'bin/b.js', ['once']).created), ['lib/stability-runtime.cjs']);
    const both = tempProject({ 'package.json': '{ "files": ["lib", "*.cjs"] }', 'lib/a.js': "const x = require('x');\n" });
    assert.deepEqual(Object.keys(run(both, 'lib/a.js', ['once']).created), ['stability-runtime.cjs']);
  });

  it('keeps a TypeScript package\'s shim under its rootDir, or the one folder its include names', () => {
    const byRootDir = tempProject({ 'package.json': '{}', 'tsconfig.json': '{ "compilerOptions": { "rootDir": "source" } }', 'source/a/b.ts': "import x from 'x';\n" });
    assert.deepEqual(Object.keys(run(byRootDir, 'source/a/b.ts', ['once']).created), ['source/stability-runtime.ts']);
    const byInclude = tempProject({ 'package.json': '{}', 'tsconfig.json': '{ "include": ["lib/**/*.ts"] }', 'lib/a.ts': "import x from 'x';\n", 'scripts/s.ts': "import x from 'x';\n" });
    assert.deepEqual(Object.keys(run(byInclude, 'scripts/s.ts', ['once']).created), ['lib/stability-runtime.ts']);
  });

  it('offers no shim where the file could not load its package\'s: CommonJS in an ES-module package, plain JavaScript of a TypeScript one', () => {
    const esm = tempProject({ 'package.json': '{"type":"module"}', 'config.cjs': "const x = require('x');\n" });
    assert.equal(importFromRuntime(contextFor(path.join(esm, 'config.cjs')), ['once']), undefined);
    const typed = tempProject({ 'package.json': '{}', 'tsconfig.json': '{}', 'src/a.ts': '', 'scripts/run.js': "const x = require('x');\n" });
    assert.equal(importFromRuntime(contextFor(path.join(typed, 'scripts/run.js')), ['once']), undefined);
  });

  it('a package publishing TypeScript sources beside its compiled JavaScript, without its tsconfig, is a TypeScript package', () => {
    // Found by npm run fix-check (@temporalio/worker): one run gave src/ a .ts shim and a .cjs one.
    const root = tempProject({
      'package.json': '{ "name": "w", "files": ["src", "lib"] }',
      'src/worker.ts': "import x from 'x';\n",
      'lib/worker.js': "const x = require('x');\n",
    });
    assert.deepEqual(Object.keys(run(root, 'src/worker.ts', ['once']).created), ['src/stability-runtime.ts']);
    assert.equal(importFromRuntime(contextFor(path.join(root, 'lib/worker.js')), ['once']), undefined);
  });

  it('points JavaScript at the TypeScript shim a TypeScript fix added to the same folder', () => {
    const root = tempProject({
      'package.json': '{"type":"module"}',
      'tsconfig.json': '{"compilerOptions":{"allowJs":true}}',
      'src/stability-runtime.ts': '// the shim\n',
      'src/legacy/jobs.js': "import cron from 'node-cron';\n",
      'src/legacy/old.js': "const cron = require('node-cron');\n",
    });
    const esm = run(root, 'src/legacy/jobs.js', ['limiter']);
    assert.equal(esm.output, "import cron from 'node-cron';\nimport { limiter } from '../stability-runtime.js';\n");
    assert.deepEqual(Object.keys(esm.created), ['src/stability-runtime.ts']);
    const cjs = run(root, 'src/legacy/old.js', ['once']);
    assert.equal(cjs.output, "const cron = require('node-cron');\nconst { once } = require('../stability-runtime');\n");
  });

  it('merges into an existing import of the shim, whatever its path, and creates nothing', () => {
    const root = tempProject({
      'package.json': '{"type":"module"}',
      'src/app.ts': "import { once } from '../shared/stability-runtime.js';\nonce(() => 1);\n",
      'src/worker.js': "const { once } = require('./stability-runtime.cjs');\nonce(() => 1);\n",
    });
    const ts = run(root, 'src/app.ts', ['limiter', 'once']);
    assert.equal(ts.output, "import { once, limiter } from '../shared/stability-runtime.js';\nonce(() => 1);\n");
    assert.deepEqual(ts.created, {});
    const cjs = run(root, 'src/worker.js', ['onShutdown']);
    assert.equal(cjs.output, "const { once, onShutdown } = require('./stability-runtime.cjs');\nonce(() => 1);\n");
    assert.deepEqual(cjs.created, {});
  });

  it('creates one shim file for all fixes in a project', () => {
    const root = tempProject({
      'package.json': '{}',
      'src/a.ts': "import http from 'node:http';\nhttp.createServer();\n",
      'src/jobs/b.ts': "import { Pool } from 'pg';\nnew Pool();\n",
    });
    const first = importFromRuntime(contextFor(path.join(root, 'src/a.ts')), ['onShutdown'])!;
    const second = importFromRuntime(contextFor(path.join(root, 'src/jobs/b.ts')), ['once'])!;
    assert.deepEqual(first.creates.map((c) => c.file), [path.join(root, 'src/stability-runtime.ts')]);
    assert.deepEqual(second.creates, first.creates);
    const findings: Finding[] = [first, second].map((f, i) => ({
      ruleId: 'probe', messageId: 'm', severity: 'warn', message: 'm', file: f.edits[0].file, range: { start: i, end: i },
      fixes: [{ title: 't', safety: 'safe', edits: f.edits, creates: f.creates }],
    }));
    const applied = applyFixes(findings, (f) => fs.readFileSync(f, 'utf8'));
    assert.equal(applied.creates.length, 1);
    assert.equal(applied.texts.get(path.join(root, 'src/jobs/b.ts')), "import { Pool } from 'pg';\nimport { once } from '../stability-runtime';\nnew Pool();\n");
  });

  it('requires the shim in a CommonJS file whose requires all sit inside functions, or that only sets module.exports', () => {
    const root = tempProject({
      'package.json': '{}',
      'bin/tool.js': "'use strict';\n\nasync function main() {\n  const db = require('../db');\n  await db.run();\n}\nmain();\n",
      'lib/api.js': 'function api() {}\nmodule.exports = api;\n',
    });
    assert.equal(run(root, 'bin/tool.js', ['limiter']).output,
      "'use strict';\nconst { limiter } = require('../stability-runtime.cjs');\n\nasync function main() {\n  const db = require('../db');\n  await db.run();\n}\nmain();\n");
    assert.equal(run(root, 'lib/api.js', ['once']).output, "const { once } = require('../stability-runtime.cjs');\n\nfunction api() {}\nmodule.exports = api;\n");
  });

  it('imports in a file with no module syntax of its own when its package is "type": "module"', () => {
    const root = tempProject({ 'package.json': '{"type":"module"}', 'src/tick.js': 'setInterval(() => {}, 1000);\n' });
    assert.match(run(root, 'src/tick.js', ['onShutdown']).output, /^import \{ onShutdown \} from /);
  });

  it('offers nothing for a UMD file, which must also load with no module system', () => {
    const root = tempProject({
      'package.json': '{}',
      'lib/umd.js': "(function (root, factory) {\n  if (typeof define === 'function' && define.amd) define([], factory);\n  else if (typeof module === 'object' && module.exports) module.exports = factory();\n  else root.Lib = factory();\n})(this, function () {\n  return {};\n});\n",
    });
    assert.equal(importFromRuntime(contextFor(path.join(root, 'lib/umd.js')), ['once']), undefined);
    assert.equal(importFromRuntime(contextFor(path.join(root, 'lib/umd.js'), '@acme/runtime'), ['once']), undefined);
  });

  it('writes the shim with the linted file\'s CRLF line endings', () => {
    const root = tempProject({ 'package.json': '{}', 'src/app.ts': "import http from 'node:http';\r\nhttp.createServer();\r\n" });
    const { output, created } = run(root, 'src/app.ts', ['once']);
    assert.equal(output, "import http from 'node:http';\r\nimport { once } from './stability-runtime';\r\nhttp.createServer();\r\n");
    const shim = created['src/stability-runtime.ts'];
    assert.equal(shim, (HEADER + RUNTIME_SOURCES.ts).replace(/\n/g, '\r\n'));
  });
});

describe('the embedded shim', () => {
  it('is generated from the current runtime source (run node scripts/gen-runtime-source.mjs)', () => {
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts/gen-runtime-source.mjs'), '--stdout'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(REPO, 'engine/runtime-source.generated.ts'), 'utf8'), r.stdout);
    assert.equal(RUNTIME_SOURCES.ts, fs.readFileSync(path.join(REPO, 'runtime/stability-runtime.ts'), 'utf8').replace(/\r\n/g, '\n'));
  });

  it('type-checks as created, with the file that imports it, under strict settings', () => {
    const root = tempProject({
      'package.json': '{}',
      'src/app.ts': "import http from 'node:http';\nconst server = http.createServer();\n",
    });
    const file = path.join(root, 'src/app.ts');
    const { edits, creates } = importFromRuntime(contextFor(file), ['onShutdown', 'limiter', 'boundedMap'])!;
    for (const c of creates) fs.writeFileSync(c.file, c.content);
    fs.writeFileSync(file, applyEdits(fs.readFileSync(file, 'utf8'), edits) + [
      'onShutdown(() => new Promise<void>((done) => server.close(() => done())), { timeoutMs: 1000 });',
      'const limit = limiter(2);',
      'const cache: Map<string, number> = boundedMap<string, number>({ max: 10 });',
      'export const n: Promise<number> = limit(() => cache.get("a") ?? 0);',
      '',
    ].join('\n'));
    assert.deepEqual(strictTypeErrors([file, path.join(root, 'src/stability-runtime.ts')]), []);
  });

  it('loads as created in both JavaScript module systems, exporting the whole API (the CommonJS build to ES modules too)', () => {
    const cjsPackage = tempProject({ 'package.json': '{}', 'src/b.js': "const http = require('http');\n" });
    const esmPackage = tempProject({ 'package.json': '{"type":"module"}', 'src/a.js': "import http from 'node:http';\n" });
    for (const file of [path.join(cjsPackage, 'src/b.js'), path.join(esmPackage, 'src/a.js')]) {
      for (const c of importFromRuntime(contextFor(file), ['once'])!.creates) fs.writeFileSync(c.file, c.content);
    }
    const api = ['boundedMap', 'boundedSet', 'createShutdown', 'limiter', 'onShutdown', 'once', 'retry', 'runShutdown', 'shutdownSignal', 'withTimeout'];
    const named = api.filter((n) => n !== 'createShutdown');
    const esm = spawnSync(process.execPath, ['--input-type=module', '-e',
      `const m = await import(${JSON.stringify(path.join(esmPackage, 'stability-runtime.js'))}); console.log(Object.keys(m).sort().join())`], { encoding: 'utf8' });
    assert.equal(esm.stderr, '');
    assert.equal(esm.stdout.trim(), api.join());
    const cjs = spawnSync(process.execPath, ['-e',
      `const m = require(${JSON.stringify(path.join(cjsPackage, 'stability-runtime.cjs'))}); console.log(Object.keys(m).filter((k) => k !== '__esModule').sort().join())`], { encoding: 'utf8' });
    assert.equal(cjs.stderr, '');
    assert.equal(cjs.stdout.trim(), api.join());
    // An ES module of a CommonJS package imports the .cjs build by name.
    const mixed = spawnSync(process.execPath, ['--input-type=module', '-e',
      `import { ${named.join(', ')} } from ${JSON.stringify(path.join(cjsPackage, 'stability-runtime.cjs'))}; console.log([${named.join(', ')}].every((f) => typeof f === 'function'))`], { encoding: 'utf8' });
    assert.equal(mixed.stderr, '');
    assert.equal(mixed.stdout.trim(), 'true');
  });
});
