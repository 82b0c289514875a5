// --shard k/n: each file is reported by exactly one shard, chosen by its relative path, and the
// shards together report exactly what one run reports — cross-file facts included.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../engine/files';
import { lintProject } from '../../engine/lint-project';
import { parseShard, shardOf, type Shard } from '../../engine/shard';
import type { Rule } from '../../engine/types';
import { probeRule, tempProject } from './helpers';

function countingRules(linted: string[]): ReadonlyMap<string, Rule<any>> {
  const counting: Rule<any> = { meta: probeRule.meta, create: (ctx) => (linted.push(ctx.file), probeRule.create(ctx)) };
  return new Map([['probe', counting]]);
}

async function run(dir: string, shard?: Shard) {
  const linted: string[] = [];
  const result = await lintProject({ cwd: dir, paths: ['.'], rules: countingRules(linted), workers: 1, shard });
  const byFile = Object.fromEntries(result.reports.map((r) => [path.relative(dir, r.file), r.messages.map((m) => `${m.line}:${m.column} ${m.message}`)]));
  return { byFile, linted: linted.map((f) => path.relative(dir, f)).sort() };
}

/** The first of `src/<stem><i>.ts` that falls in shard `index` of `count`. */
function nameInShard(stem: string, index: number, count: number, cwd: string): string {
  for (let i = 0; ; i++) {
    const rel = `src/${stem}${i}.ts`;
    if (shardOf(path.join(cwd, rel), count, cwd) === index) return rel;
  }
}

describe('--shard', () => {
  it('parses k/n and refuses anything else with a usage error', () => {
    assert.deepEqual(parseShard('1/4'), { index: 1, count: 4 });
    assert.deepEqual(parseShard('3/3'), { index: 3, count: 3 });
    for (const bad of ['0/2', '3/2', '1/0', '1', '1/2/3', 'a/b', '-1/2', '']) {
      assert.throws(() => parseShard(bad), (e: unknown) => e instanceof UsageError && e.message.includes(`"${bad}"`), bad);
    }
  });

  it('splits by the path relative to the working folder: every checkout agrees, every file has one shard', () => {
    const files = Array.from({ length: 200 }, (_, i) => `pkg${i % 7}/src/file${i}.ts`);
    const here = files.map((f) => shardOf(path.join('/ci/a', f), 4, '/ci/a'));
    const there = files.map((f) => shardOf(path.join('/home/dev/checkout', f), 4, '/home/dev/checkout'));
    assert.deepEqual(here, there);
    const sizes = [1, 2, 3, 4].map((k) => here.filter((s) => s === k).length);
    assert.equal(sizes.reduce((a, b) => a + b), 200);
    for (const size of sizes) assert.ok(size >= 30 && size <= 70, `shard sizes ${sizes}`);
    assert.equal(shardOf('/x/only.ts', 1, '/x'), 1);
  });

  it('shards together report exactly what one run reports, a fact in another shard settling a candidate', async () => {
    const cwd = tempProject({});
    const dbFile = nameInShard('db', 1, 2, cwd);
    const stopFile = nameInShard('stop', 2, 2, cwd);
    const stem = path.basename(dbFile, '.ts');
    const files: Record<string, string> = {
      'stability-lint.config.json': '{ "root": true }',
      [dbFile]: "import { Pool } from 'pg';\nexport const pool = new Pool();\nexport const other = new Pool();\n",
      [stopFile]: `import { pool } from './${stem}';\npool.end();\n`,
    };
    for (let i = 0; i < 12; i++) files[`src/loop${i}.ts`] = `export const x = ${i};\nwhile (true) {}\n`;
    const dir = tempProject(files);
    const whole = await run(dir);
    assert.deepEqual(whole.byFile[dbFile], ['2:21 callee pg:Pool', '3:22 callee pg:Pool', '3:22 pool other is never ended']);

    const first = await run(dir, { index: 1, count: 2 });
    const second = await run(dir, { index: 2, count: 2 });
    assert.deepEqual(first.byFile[dbFile], whole.byFile[dbFile]);
    assert.equal(second.byFile[dbFile], undefined);
    const ownFiles = [...Object.keys(first.byFile), ...Object.keys(second.byFile)].sort();
    assert.deepEqual(ownFiles, Object.keys(whole.byFile).sort());
    assert.deepEqual({ ...first.byFile, ...second.byFile }, whole.byFile);
    // db's candidates need every file's facts: shard 1 lints the other shard's files too.
    assert.deepEqual(first.linted, whole.linted);
  });

  it('a shard whose files leave nothing to settle lints only its own files', async () => {
    const files: Record<string, string> = { 'stability-lint.config.json': '{ "root": true }' };
    for (let i = 0; i < 12; i++) files[`src/loop${i}.ts`] = 'while (true) {}\n';
    const dir = tempProject(files);
    const shard = await run(dir, { index: 1, count: 3 });
    const own = Object.keys(shard.byFile).sort();
    assert.ok(own.length > 0 && own.length < 12, `${own.length} files in shard 1/3`);
    assert.deepEqual(shard.linted, own);
  });
});
