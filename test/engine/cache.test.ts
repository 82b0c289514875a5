// --cache: unchanged files are not linted again, and what a run reports with the cache is
// exactly what it reports without it — edits in other files, new files that change module
// resolution, config, tool version and damaged cache files included.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cacheFilePath, readCacheEntries } from '../../engine/lint-cache';
import { lintProject } from '../../engine/lint-project';
import type { Rule } from '../../engine/types';
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { PROBE_MODULE, probeRule, probeRules, tempProject } from './helpers';

/** The probe rule, noting every file it is created for: a file linted, not taken from the cache. */
function countingRules(linted: string[]): ReadonlyMap<string, Rule<any>> {
  const counting: Rule<any> = { meta: probeRule.meta, create: (ctx) => (linted.push(ctx.file), probeRule.create(ctx)) };
  return new Map([['probe', counting]]);
}

async function run(dir: string, opts: { toolVersion?: string; cache?: boolean; workers?: number } = {}) {
  const linted: string[] = [];
  const workers = opts.workers ?? 1;
  const result = await lintProject({
    cwd: dir,
    paths: ['.'],
    rules: workers > 1 ? probeRules : countingRules(linted),
    workers,
    workerRules: workers > 1 ? { module: PROBE_MODULE } : undefined,
    cache: opts.cache === false ? undefined : { location: '.cache-file', toolVersion: opts.toolVersion ?? '1.0.0' },
  });
  const byFile = Object.fromEntries(result.reports.map((r) => [path.relative(dir, r.file), r.messages.map((m) => `${m.line}:${m.column} ${m.severity} ${m.message}`)]));
  return { byFile, linted: linted.map((f) => path.relative(dir, f)).sort() };
}

const db = "import { Pool } from 'pg';\nexport const pool = new Pool();\n";
const stop = "import { pool } from './db';\npool.end();\n";

describe('--cache', () => {
  it('a second run lints nothing when nothing changed and reports the same', async () => {
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', 'src/db.ts': db, 'src/stop.ts': stop, 'src/loop.ts': 'while (true) {}\n' });
    const first = await run(dir);
    assert.deepEqual(first.linted, ['src/db.ts', 'src/loop.ts', 'src/stop.ts']);
    const second = await run(dir);
    assert.deepEqual(second.linted, []);
    assert.deepEqual(second.byFile, first.byFile);
    assert.deepEqual(second.byFile['src/loop.ts'], ['1:1 warn while (true)']);
  });

  it('a touched but unchanged file is still a hit (content hash), and its new time is remembered', async () => {
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', 'src/loop.ts': 'while (true) {}\n' });
    await run(dir);
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(dir, 'src/loop.ts'), later, later);
    const second = await run(dir);
    assert.deepEqual(second.linted, []);
    assert.deepEqual(second.byFile['src/loop.ts'], ['1:1 warn while (true)']);
    const stored = readCacheEntries(path.join(dir, '.cache-file'))[path.join(dir, 'src/loop.ts')];
    assert.equal(stored.mtimeMs, fs.statSync(path.join(dir, 'src/loop.ts')).mtimeMs);
  });

  it('an edit that keeps the size but changes the time is read and re-linted', async () => {
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', 'src/loop.ts': 'while (true) {}\n' });
    await run(dir);
    fs.writeFileSync(path.join(dir, 'src/loop.ts'), 'while (fals) {}\n'); // as long as 'while (true) {}\n'
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(dir, 'src/loop.ts'), later, later);
    const second = await run(dir);
    assert.deepEqual(second.linted, ['src/loop.ts']);
    assert.deepEqual(second.byFile['src/loop.ts'], []);
  });

  it('an edit in one file re-lints that file only, and settles cached files against its new facts', async () => {
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', 'src/db.ts': db, 'src/stop.ts': stop });
    const first = await run(dir);
    assert.deepEqual(first.byFile['src/db.ts'], ['2:21 warn callee pg:Pool']);
    fs.writeFileSync(path.join(dir, 'src/stop.ts'), "import { pool } from './db';\n");
    const second = await run(dir);
    assert.deepEqual(second.linted, ['src/stop.ts']);
    assert.deepEqual(second.byFile['src/db.ts'], ['2:21 warn callee pg:Pool', '2:21 warn pool pool is never ended']);
    assert.deepEqual(second.byFile, (await run(dir, { cache: false })).byFile);
  });

  it('a new file that changes what an unchanged file imports re-lints the importer', async () => {
    // stop.ts imports './db' before it exists: a library name then, the project file once created.
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', 'src/stop.ts': stop });
    await run(dir);
    fs.writeFileSync(path.join(dir, 'src/db.ts'), db);
    const second = await run(dir);
    assert.deepEqual(second.linted, ['src/db.ts', 'src/stop.ts']);
    assert.deepEqual(second.byFile['src/db.ts'], ['2:21 warn callee pg:Pool']);
    assert.deepEqual(second.byFile, (await run(dir, { cache: false })).byFile);
  });

  it('the imports discovery read to tell an old copy of a build from live code are kept; an edit that starts loading the copy lints it', async () => {
    const files = {
      'stability-lint.config.json': '{ "root": true }', 'package.json': '{ "main": "build/main.js" }',
      'build/main.js': "const inspect = require('./lib/inspect');\n", 'build/lib/inspect.js': 'exports.a = 1;\n', 'build/lib/debug.js': 'exports.b = 1;\n',
      'build/src/main.js': "const inspect = require('./lib/inspect');\n", 'build/src/lib/inspect.js': 'exports.a = 0;\n', 'build/src/lib/debug.js': 'exports.b = 0;\n',
    };
    const dir = tempProject(files);
    const first = await run(dir);
    assert.ok(first.byFile['build/src'], 'the copy is skipped with a note');
    const stored = readCacheEntries(path.join(dir, '.cache-file'))[path.join(dir, 'build/main.js')];
    assert.deepEqual(stored.imports, ['./lib/inspect']);
    assert.deepEqual((await run(dir)).byFile, first.byFile);
    fs.writeFileSync(path.join(dir, 'build/main.js'), `${files['build/main.js']}require('./src/lib/debug');\n`);
    const second = await run(dir);
    assert.equal(second.byFile['build/src'], undefined);
    assert.ok(second.linted.includes('build/src/lib/debug.js'));
    assert.deepEqual(second.byFile, (await run(dir, { cache: false })).byFile);
  });

  it('a config change or another tool version re-lints everything', async () => {
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', 'src/loop.ts': 'while (true) {}\n', 'src/x.ts': 'export {};\n' });
    await run(dir);
    fs.writeFileSync(path.join(dir, 'stability-lint.config.json'), '{ "root": true, "rules": { "probe": "error" } }');
    const reconfigured = await run(dir);
    assert.deepEqual(reconfigured.linted, ['src/loop.ts', 'src/x.ts']);
    assert.deepEqual(reconfigured.byFile['src/loop.ts'], ['1:1 error while (true)']);
    assert.deepEqual((await run(dir)).linted, []);
    assert.deepEqual((await run(dir, { toolVersion: '1.0.1' })).linted, ['src/loop.ts', 'src/x.ts']);
  });

  it('a damaged cache file is ignored and replaced', async () => {
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', 'src/loop.ts': 'while (true) {}\n' });
    fs.writeFileSync(path.join(dir, '.cache-file'), '{"format": 1, "run": "x", "entr');
    const first = await run(dir);
    assert.deepEqual(first.linted, ['src/loop.ts']);
    assert.deepEqual(first.byFile['src/loop.ts'], ['1:1 warn while (true)']);
    assert.deepEqual((await run(dir)).linted, []);
  });

  it('drops the entries of deleted files', async () => {
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', 'src/a.ts': 'export {};\n', 'src/b.ts': 'export {};\n' });
    await run(dir);
    const entries = () => Object.keys(readCacheEntries(path.join(dir, '.cache-file'))).map((f) => path.relative(dir, f)).sort();
    assert.deepEqual(entries(), ['src/a.ts', 'src/b.ts']);
    fs.rmSync(path.join(dir, 'src/b.ts'));
    await run(dir);
    assert.deepEqual(entries(), ['src/a.ts']);
  });

  it('after an edit the other files\' entries, written back as read, are still hits', async () => {
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', 'src/db.ts': db, 'src/stop.ts': stop, 'src/loop.ts': 'while (true) {}\n' });
    await run(dir);
    fs.writeFileSync(path.join(dir, 'src/stop.ts'), "import { pool } from './db';\n");
    assert.deepEqual((await run(dir)).linted, ['src/stop.ts']);
    const third = await run(dir);
    assert.deepEqual(third.linted, []);
    assert.deepEqual(third.byFile, (await run(dir, { cache: false })).byFile);
  });

  it('a damaged line costs only its own file a re-lint', async () => {
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', 'src/a.ts': 'while (true) {}\n', 'src/b.ts': 'while (true) {}\n' });
    const first = await run(dir);
    const file = path.join(dir, '.cache-file');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const b = lines.findIndex((l) => l.startsWith(JSON.stringify(path.join(dir, 'src/b.ts'))));
    lines[b] = lines[b].slice(0, lines[b].length - 10);
    fs.writeFileSync(file, lines.join('\n'));
    const second = await run(dir);
    assert.deepEqual(second.linted, ['src/b.ts']);
    assert.deepEqual(second.byFile, first.byFile);
    assert.deepEqual((await run(dir)).linted, []);
  });

  it('the string table is rebuilt once edits have left it mostly unused, and results stay the same', async () => {
    // 5,000 exported names a run: each edit leaves the last run's names unused in the table.
    const big = (n: number) => Array.from({ length: 5000 }, (_, i) => `export const name${n}x${i} = ${i};`).join('\n');
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', 'src/big.ts': big(0), 'src/loop.ts': 'while (true) {}\n' });
    const first = await run(dir);
    const file = path.join(dir, '.cache-file');
    const sizes = [fs.statSync(file).size];
    for (let n = 1; n <= 3; n++) {
      fs.writeFileSync(path.join(dir, 'src/big.ts'), big(n));
      assert.deepEqual((await run(dir)).linted, ['src/big.ts']);
      sizes.push(fs.statSync(file).size);
    }
    // The run numbers its strings in the table as it goes (facts and kept results share it), so the
    // second edit's names are in it when the first save past the limit rebuilds it.
    assert.ok(sizes[1] > 1.2 * sizes[0], `the table grows while below its limit: ${sizes}`);
    assert.ok(sizes[2] < 1.2 * sizes[0] && sizes[3] < 1.5 * sizes[0], `then it is rebuilt: ${sizes}`);
    const last = await run(dir);
    assert.deepEqual(last.linted, []);
    assert.deepEqual(last.byFile, (await run(dir, { cache: false })).byFile);
    assert.deepEqual(last.byFile['src/loop.ts'], first.byFile['src/loop.ts']);
    assert.equal(Object.keys(readCacheEntries(file)).length, 2);
  });

  it('strings that look like table references, and an export named __proto__, come back as written', async () => {
    const dir = tempProject({
      'stability-lint.config.json': '{ "root": true }',
      'src/odd.ts': "const x = 1;\nexport { x as __proto__ };\nexport const y = '\\x7f1';\nwhile (true) {}\n",
    });
    const first = await run(dir);
    const second = await run(dir);
    assert.deepEqual(second.linted, []);
    assert.deepEqual(second.byFile, first.byFile);
    const stored = readCacheEntries(path.join(dir, '.cache-file'))[path.join(dir, 'src/odd.ts')];
    assert.ok(Object.hasOwn(stored.result.summary!.exports, '__proto__'));
  });

  it('conditional facts come back from the cache with their conditions: a chain across files settles as without the cache', async () => {
    // mark('a') records a; markIf('b', 'a') records b if a holds; need('b') is reported unless b holds.
    const chain = createRule<Record<string, never>, 'missing', 'k'>({
      meta: { id: 'chain', description: 'test', defaultSeverity: 'warn', fixable: {}, fileKinds: ['script'], messages: { missing: 'no {{name}}' }, options: {} },
      create: (ctx) => ({
        [ts.SyntaxKind.CallExpression](node: ts.CallExpression) {
          const args = node.arguments.map((a) => (ts.isStringLiteral(a) ? a.text : ''));
          const callee = node.expression.getText();
          if (callee === 'mark') ctx.addFact({ kind: 'k', ref: args[0] });
          if (callee === 'markIf') ctx.addFact({ kind: 'k', ref: args[0] }, [{ kind: 'k', ref: args[1] }]);
          if (callee === 'need') ctx.report({ node, messageId: 'missing', data: { name: args[0] }, unlessAny: [{ kind: 'k', ref: args[0] }] });
        },
      }),
    });
    const rules = new Map<string, Rule<any>>([['chain', chain]]);
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', 'src/a.ts': "mark('a');\n", 'src/b.ts': "markIf('b', 'a');\n", 'src/c.ts': "need('b');\n" });
    const lint = async (cache: boolean) => {
      const result = await lintProject({ cwd: dir, paths: ['.'], rules, workers: 1, ...(cache ? { cache: { location: '.cache-file', toolVersion: '1' } } : {}) });
      return result.reports.map((r) => `${path.relative(dir, r.file)}: ${r.messages.map((m) => m.message).join(', ')}`);
    };
    assert.deepEqual(await lint(true), ['src/a.ts: ', 'src/b.ts: ', 'src/c.ts: ']);
    assert.deepEqual(await lint(true), await lint(false));
    fs.writeFileSync(path.join(dir, 'src/a.ts'), 'export {};\n');
    assert.deepEqual(await lint(true), ['src/a.ts: ', 'src/b.ts: ', 'src/c.ts: no b']);
    assert.deepEqual(await lint(true), await lint(false));
    const stored = readCacheEntries(path.join(dir, '.cache-file'))[path.join(dir, 'src/b.ts')].result.facts;
    assert.deepEqual(stored, [{ rule: 'chain', kind: 'k', ref: 'b', ifAll: [{ rule: 'chain', kind: 'k', ref: 'a' }] }]);
  });

  it('results linted in worker threads are cached the same way', async () => {
    const files: Record<string, string> = { 'stability-lint.config.json': '{ "root": true }', 'src/db.ts': db, 'src/stop.ts': stop };
    for (let i = 0; i < 6; i++) files[`src/f${i}.ts`] = `export const x${i} = ${i};\n`;
    const dir = tempProject(files);
    const inWorkers = await run(dir, { workers: 2 });
    const fromCache = await run(dir);
    assert.deepEqual(fromCache.linted, []);
    assert.deepEqual(fromCache.byFile, inWorkers.byFile);
  });

  it('a folder as location holds .stability-lint-cache', () => {
    const dir = tempProject({ 'cache/keep': '' });
    assert.equal(cacheFilePath('cache', dir), path.join(dir, 'cache', '.stability-lint-cache'));
    assert.equal(cacheFilePath('new-folder/', dir), path.join(dir, 'new-folder', '.stability-lint-cache'));
    assert.equal(cacheFilePath('my.cache', dir), path.join(dir, 'my.cache'));
  });
});
