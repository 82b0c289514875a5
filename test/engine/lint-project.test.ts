// The engine end to end with a probe rule: library recognition from import specifiers,
// cross-file facts through re-exports, bad input, suppressions and fixing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintProject } from '../../engine/lint-project';
import { PROBE_MODULE, probeRules, tempProject } from './helpers';

async function lint(files: Record<string, string | Buffer>, extra: Partial<Parameters<typeof lintProject>[0]> = {}) {
  const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', ...files });
  const run = await lintProject({ cwd: dir, paths: ['.'], rules: probeRules, ...extra });
  const byFile = Object.fromEntries(run.reports.map((r) => [path.relative(dir, r.file), r.messages.map((m) => `${m.line}:${m.column} ${m.message}`)]));
  return { dir, run, byFile };
}

describe('library calls recognised from import specifiers, without node_modules', () => {
  it('named, aliased, default, namespace, require, destructured require, node: prefix, globals', async () => {
    const { byFile } = await lint({
      'src/a.ts': [
        "import { Pool as PgPool } from 'pg';",
        "import axios from 'axios';",
        "import * as undici from 'undici';",
        "import { request as undiciRequest } from 'undici';",
        "import http from 'node:http';",
        'new PgPool();',
        'axios.get("/x");',
        'undici.request("/x");',
        'undiciRequest("/x");',
        'http.request("/x");',
        'fetch("/x");',
        '',
      ].join('\n'),
      'src/b.js': [
        "const pg = require('pg');",
        "const { exec } = require('child_process');",
        "const { request: r } = require('undici');",
        'new pg.Pool();',
        'exec("ls");',
        'r("/x");',
        '',
      ].join('\n'),
    });
    assert.deepEqual(byFile['src/a.ts'], [
      '6:1 callee pg:Pool', '7:1 callee axios:get', '8:1 callee undici:request', '9:1 callee undici:request',
      '10:1 callee http:request', '11:1 callee global:fetch',
    ]);
    assert.deepEqual(byFile['src/b.js'], ['4:1 callee pg:Pool', '5:1 callee child_process:exec', '6:1 callee undici:request']);
  });

  it('a local binding that shadows an import or a global is not the library', async () => {
    const { byFile } = await lint({
      'src/a.ts': [
        "import { Pool } from 'pg';",
        'function f(Pool: any, fetch: any) {',
        '  new Pool();',
        '  fetch("/x");',
        '}',
        'const axios = { get() {} };',
        'axios.get();',
        '',
      ].join('\n'),
    });
    assert.deepEqual(byFile['src/a.ts'], []);
  });
});

describe('extensionless programs', () => {
  it('a #! Node program with no extension is linted as JavaScript', async () => {
    const { byFile } = await lint({ 'bin/serve': "#!/usr/bin/env node\nconst pg = require('pg');\nconst pool = new pg.Pool();\n" });
    assert.deepEqual(byFile['bin/serve'], ['3:14 callee pg:Pool', '3:14 pool pool is never ended']);
  });
});

describe('cross-file facts', () => {
  const db = "import { Pool } from 'pg';\nexport const pool = new Pool();\nexport const other = new Pool();\n";
  it('a pool ended in another module is settled; a second pool that never is, is reported', async () => {
    const { byFile } = await lint({
      'src/db.ts': db,
      'src/shutdown.ts': "import { pool } from './db';\nexport const stop = () => pool.end();\n",
    });
    assert.deepEqual(byFile['src/db.ts'], ['2:21 callee pg:Pool', '3:22 callee pg:Pool', '3:22 pool other is never ended']);
  });

  it('linting some files of a package (a pre-commit hook) still reads its facts from the whole package', async () => {
    const staged = ['src/db.ts', 'test/db.test.ts'];
    const { byFile, run } = await lint({
      'package.json': '{ "name": "svc" }',
      'src/db.ts': db,
      'src/shutdown.ts': "import { pool } from './db';\nexport const stop = () => pool.end();\n",
      'src/unrelated.ts': "import { Pool } from 'pg';\nexport const third = new Pool();\n",
      'test/db.test.ts': "import { other } from '../src/db';\nafter(() => other.end());\n",
    }, { paths: staged });
    // Only the named files are reported; the release in shutdown.ts (not named) still counts,
    // the one in a test file (support code, not linted) does not.
    assert.deepEqual(run.reports.map((r) => r.file.slice(r.file.indexOf('/src/'))), ['/src/db.ts']);
    assert.deepEqual(byFile['src/db.ts'], ['2:21 callee pg:Pool', '3:22 callee pg:Pool', '3:22 pool other is never ended']);
    assert.deepEqual(run.warnings, ['File skipped as a test, example or tooling script (set "lintSupportFiles": true to lint it): test/db.test.ts']);
  });

  it('follows re-exports through a barrel, export aliases, `export *` and tsconfig paths', async () => {
    const { byFile } = await lint({
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"] } } }',
      'src/db.ts': db,
      'src/index.ts': "export { pool as mainPool } from './db';\nexport * from './db';\n",
      'src/shutdown.ts': "import { mainPool } from './index';\nimport { other } from '@app/index';\nmainPool.end();\nother.end();\n",
    });
    assert.deepEqual(byFile['src/db.ts'], ['2:21 callee pg:Pool', '3:22 callee pg:Pool']);
  });

  it('CommonJS module.exports and require across files', async () => {
    const { byFile } = await lint({
      'src/db.js': "const { Pool } = require('pg');\nconst pool = new Pool();\nmodule.exports = { pool };\n",
      'src/stop.js': "const { pool } = require('./db');\npool.end();\n",
    });
    assert.deepEqual(byFile['src/db.js'], ['2:14 callee pg:Pool']);
  });

  it('the same facts with worker threads as on the main thread', async () => {
    const files: Record<string, string> = { 'src/db.ts': db, 'src/shutdown.ts': "import { pool } from './db';\npool.end();\n" };
    for (let i = 0; i < 20; i++) files[`src/f${i}.ts`] = `export const x${i} = ${i};\nwhile (true) {}\n`;
    const single = await lint(files, { workers: 1 });
    const multi = await lint(files, { workers: 2, workerRules: { module: PROBE_MODULE } });
    assert.deepEqual(multi.byFile, single.byFile);
    assert.deepEqual(single.byFile['src/db.ts'], ['2:21 callee pg:Pool', '3:22 callee pg:Pool', '3:22 pool other is never ended']);
  });
});

describe('opt-in type queries', () => {
  const code = [
    'declare function inspectType(x: unknown): void;',
    "import { defaults } from './defaults';",
    'const local = { retries: 3, signal: AbortSignal.timeout(5) };',
    'inspectType(local);',
    'inspectType(defaults);',
    '',
  ].join('\n');
  const files = { 'src/a.ts': code, 'src/defaults.ts': 'export const defaults = { timeout: 1000 };\n' };

  it('are off by default: rules get no type information', async () => {
    const { byFile } = await lint(files);
    assert.deepEqual(byFile['src/a.ts'], ['4:1 props unknown', '5:1 props unknown']);
  });

  it('with "typeAware": true, answer for picked nodes, across files, from the nearest tsconfig', async () => {
    const { byFile } = await lint({
      ...files,
      'stability-lint.config.json': '{ "root": true, "typeAware": true }',
      'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "lib": ["ES2023", "DOM"] } }',
    });
    assert.deepEqual(byFile['src/a.ts'], ['4:1 props retries,signal', '5:1 props timeout']);
  });
});

describe('bad input', () => {
  it('a syntax error is one fatal message for that file; other files are still linted', async () => {
    const { byFile, run } = await lint({ 'src/bad.ts': 'const x = ;\n', 'src/good.ts': 'while (true) {}\n' });
    assert.deepEqual(byFile['src/bad.ts'], ['1:11 Parsing error: Expression expected.']);
    assert.equal(run.reports.find((r) => r.file.endsWith('bad.ts'))!.messages[0].fatal, true);
    assert.deepEqual(byFile['src/good.ts'], ['1:1 while (true)']);
  });

  it('a template whose placeholder stops the parse is skipped with an info note; a syntax error elsewhere in it stays an error', async () => {
    const { byFile, run } = await lint({
      'client/socket-client.js': "function Client() {}\nClient.prototype.defaults = function () {\n  %%DEFAULTS%%\n}\n",
      'src/config.js': 'module.exports = {{ settings }};\n',
      'src/page.js': 'const data = <%= JSON.stringify(data) %>;\n',
      'src/broken.js': '// fills {{ name }} below\nconst name = "{{ name }}";\nconst x = ;\n',
      'src/braces.js': 'const x = {{}};\n',
      'scaffold/trigger.template.js': "module.exports = {\n  perform,\n  <%= INTRO ? [\n    '// inputFields',\n  ].join('\\n') : '' %>\n};\n",
      'src/after.js': "const tag = '<% x %>'; const y = ;\n",
    });
    const skipped = (file: string) => run.reports.find((r) => r.file.endsWith(file))!.messages[0];
    assert.deepEqual(byFile['client/socket-client.js'], ['3:3 Skipped: a template, not code (the placeholder %%DEFAULTS%% is filled in before it runs)']);
    assert.equal(skipped('socket-client.js').severity, 'info');
    assert.equal(skipped('socket-client.js').fatal, true);
    assert.deepEqual(byFile['src/config.js'], ['1:19 Skipped: a template, not code (the placeholder {{ settings }} is filled in before it runs)']);
    assert.deepEqual(byFile['src/page.js'], ['1:14 Skipped: a template, not code (the placeholder <%= JSON.stringify(data) %> is filled in before it runs)']);
    assert.deepEqual(byFile['src/broken.js'], ['3:11 Parsing error: Expression expected.']);
    assert.equal(skipped('broken.js').severity, 'error');
    // Braces with nothing named inside are a typo, not a placeholder.
    assert.deepEqual(byFile['src/braces.js'], ['1:12 Parsing error: Property assignment expected.']);
    // A tag that runs over several lines (a scaffold's optional block) is named by its first line.
    assert.deepEqual(byFile['scaffold/trigger.template.js'], ['3:3 Skipped: a template, not code (the placeholder <%= INTRO ? [ … %> is filled in before it runs)']);
    // A tag closed before the parse stops is no placeholder there.
    assert.deepEqual(byFile['src/after.js'], ['1:34 Parsing error: Expression expected.']);
  });

  it('legacy octals Node runs in a sloppy-mode script are no parse error; in strict code they are', async () => {
    const sloppy = "console.log('\\033[31mError\\033[0m'); var mode = 0755; var day = 08;\nwhile (true) {}\n";
    const { byFile } = await lint({
      'src/sloppy.js': sloppy,
      'src/strict.js': `'use strict';\n${sloppy}`,
      'src/module.mjs': sloppy,
    });
    assert.deepEqual(byFile['src/sloppy.js'], ['2:1 while (true)']);
    assert.deepEqual(byFile['src/strict.js'], ["2:14 Parsing error: Octal escape sequences are not allowed. Use the syntax '\\x1b'."]);
    assert.deepEqual(byFile['src/module.mjs'], ["1:14 Parsing error: Octal escape sequences are not allowed. Use the syntax '\\x1b'."]);
  });

  it('a binary file is skipped with a note, an oversized file with an info message', async () => {
    const { run, byFile } = await lint({
      'stability-lint.config.json': '{ "root": true, "maxFileSize": 100 }',
      'src/bin.js': Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02]),
      'src/big.ts': `// ${'x'.repeat(200)}\nwhile (true) {}\n`,
      'src/ok.ts': 'while (true) {}\n',
    });
    assert.deepEqual(byFile['src/bin.js'], ['1:1 Skipped: binary file']);
    assert.deepEqual(byFile['src/big.ts'], ['1:1 Skipped: file is 220 bytes, over the 100 bytes limit (maxFileSize)']);
    const big = run.reports.find((r) => r.file.endsWith('big.ts'))!.messages[0];
    assert.equal(big.severity, 'info');
    assert.deepEqual(byFile['src/ok.ts'], ['1:1 while (true)']);
  });

  it('a test suite named like product code (describe() at its top level, a test library loaded) is skipped with a note; lintSupportFiles lints it', async () => {
    const suite = "var chai = require('chai');\nvar timers = [];\n\ndescribe('Bitcoind', function () {\n  before(function () { while (true) {} });\n});\n";
    const product = "const assert = require('assert');\nfunction describe(name) { return name; }\nmodule.exports = () => {\n  describe('x');\n  while (true) {}\n};\n";
    const { byFile } = await lint({ 'regtest/p2p.js': suite, 'lib/describe.js': product });
    assert.deepEqual(byFile['regtest/p2p.js'], ['1:1 Skipped: a test suite (describe(…) at its top level, with a test library loaded); set "lintSupportFiles": true to lint it']);
    assert.deepEqual(byFile['lib/describe.js'], ['5:3 while (true)']);
    const linted = await lint({ 'stability-lint.config.json': '{ "root": true, "lintSupportFiles": true }', 'regtest/p2p.js': suite });
    assert.deepEqual(linted.byFile['regtest/p2p.js'], ['5:24 while (true)']);
  });

  it("a jest suite named like product code, with no import of a test library but the runner's globals and hooks (node-ts/bus-rabbitmq, check 56), is skipped; a describe() helper without them is linted", async () => {
    const suite = "import { connect } from 'amqplib';\n\ndescribe('RabbitMqTransport', () => {\n  jest.setTimeout(10000);\n  beforeAll(async () => { while (true) {} });\n});\n";
    const product = "import { connect } from 'amqplib';\nconst beforeAllDone = true;\ndescribe('x', () => {\n  while (true) {}\n});\nfunction describe(name, fn) { fn(); }\n";
    const { byFile } = await lint({ 'src/rabbitmq-transport.integration.ts': suite, 'src/describe.ts': product });
    assert.deepEqual(byFile['src/rabbitmq-transport.integration.ts'], ["1:1 Skipped: a test suite (describe(…) at its top level, with a test runner's globals or hooks); set \"lintSupportFiles\": true to lint it"]);
    assert.deepEqual(byFile['src/describe.ts'], ['4:3 while (true)']);
  });
});

describe('suppression comments', () => {
  it('next-line, same-line and file-level directives, by id or for all rules; unused ones reported on request', async () => {
    const code = [
      '// stability-lint-disable-next-line probe -- the job runner owns this loop',
      'while (true) {}',
      'while (true) {} // stability-lint-disable-line probe',
      '// stability-lint-disable-next-line',
      'while (true) {}',
      '// stability-lint-disable-next-line other-rule',
      'while (true) {}',
      '// stability-lint-disable-next-line probe',
      'const fine = 1;',
      '',
    ].join('\n');
    const { byFile } = await lint({ 'src/a.ts': code }, { reportUnusedDirectives: 'warn' });
    assert.deepEqual(byFile['src/a.ts'], [
      "6:1 Unused stability-lint-disable-next-line directive (no problems were reported from 'other-rule').",
      '7:1 while (true)',
      "8:1 Unused stability-lint-disable-next-line directive (no problems were reported from 'probe').",
    ]);
  });

  it('a file-level block comment disables the rule in the whole file', async () => {
    const { byFile } = await lint({ 'src/a.ts': '/* stability-lint-disable probe */\nwhile (true) {}\nwhile (true) {}\n' });
    assert.deepEqual(byFile['src/a.ts'], []);
  });
});

describe('--fix', () => {
  it('writes fixed files and reports what remains', async () => {
    const { dir, run } = await lint({ 'src/a.ts': 'while (true) {}\nwhile (true) {}\n' }, { fix: { write: true } });
    assert.equal(fs.readFileSync(path.join(dir, 'src/a.ts'), 'utf8'), 'while (false) {}\nwhile (false) {}\n');
    assert.deepEqual(run.written, [path.join(dir, 'src/a.ts')]);
    assert.deepEqual(run.reports[0].messages, []);
    assert.equal(run.reports[0].output, 'while (false) {}\nwhile (false) {}\n');
  });

  it('a dry run computes the output and writes nothing', async () => {
    const { dir, run } = await lint({ 'src/a.ts': 'while (true) {}\n' }, { fix: { write: false } });
    assert.equal(fs.readFileSync(path.join(dir, 'src/a.ts'), 'utf8'), 'while (true) {}\n');
    assert.equal(run.reports[0].output, 'while (false) {}\n');
    assert.deepEqual(run.written, []);
  });
});
