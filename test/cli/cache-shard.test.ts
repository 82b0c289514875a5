// --cache, --cache-location and --shard on the command line: parsing, usage errors, and that
// each reaches the engine (a cache file written where asked; shards that partition the report).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseArgs } from '../../cli/args';
import { cli, removeProject, tempProject } from './helpers';
import { testRules } from './test-rules';

describe('--cache and --shard', () => {
  let dir: string;
  const files: Record<string, string> = { 'stability-lint.config.json': '{ "root": true }' };
  for (let i = 0; i < 8; i++) files[`src/f${i}.ts`] = `const foo = ${i};\n`;
  before(() => {
    dir = tempProject(files);
  });
  after(() => removeProject(dir));

  it('parse: --cache, --cache-location <path>, --shard k/n; absent, they leave the arguments as they were', () => {
    const args = parseArgs(['--cache', '--cache-location', 'tmp/lint.cache', '--shard', '2/3', 'src']);
    assert.equal(args.cache, true);
    assert.equal(args.cacheLocation, 'tmp/lint.cache');
    assert.deepEqual(args.shard, { index: 2, count: 3 });
    const plain = parseArgs(['src']);
    assert.equal('cache' in plain || 'cacheLocation' in plain || 'shard' in plain, false);
  });

  it('a bad --shard is a usage error (exit 2) naming the value', async () => {
    const r = await cli(['--shard', '4/3', '.'], { cwd: dir, rules: testRules });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Invalid shard "4\/3": write k\/n with 1 ≤ k ≤ n/);
    assert.equal(r.stdout, '');
  });

  it('--cache writes .stability-lint-cache in the working folder; --cache-location elsewhere', async () => {
    const first = await cli(['--cache', '--format', 'json', '.'], { cwd: dir, rules: testRules });
    assert.ok(fs.existsSync(path.join(dir, '.stability-lint-cache')));
    const second = await cli(['--cache', '--format', 'json', '.'], { cwd: dir, rules: testRules });
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.code, first.code);
    await cli(['--cache-location', 'out/', '--format', 'json', '.'], { cwd: dir, rules: testRules });
    assert.ok(fs.existsSync(path.join(dir, 'out', '.stability-lint-cache')));
  });

  it('--shard 1/2 and 2/2 report disjoint files that together are the whole report', async () => {
    const files = async (argv: string[]) => {
      const r = await cli([...argv, '--format', 'json', 'src'], { cwd: dir, rules: testRules });
      return (JSON.parse(r.stdout) as { filePath: string; messages: unknown[] }[]).map((f) => [path.relative(dir, f.filePath), f.messages.length] as const);
    };
    const whole = await files([]);
    const one = await files(['--shard', '1/2']);
    const two = await files(['--shard', '2/2']);
    assert.equal(whole.length, 8);
    assert.ok(one.length > 0 && two.length > 0);
    assert.deepEqual([...one, ...two].sort(), [...whole].sort());
  });
});
