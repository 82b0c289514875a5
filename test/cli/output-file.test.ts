import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, read, removeProject, SAMPLE_FILES, tempProject } from './helpers';
import { testRules } from './test-rules';

describe('--output-file', () => {
  let dir: string;
  before(() => {
    dir = tempProject(SAMPLE_FILES);
  });
  after(() => removeProject(dir));

  it('writes the report to the file (creating folders) and nothing to stdout', async () => {
    const r = await cli(['--format', 'json', '-o', 'reports/lint.json'], { cwd: dir, rules: testRules });
    assert.deepEqual(r, { code: 1, stdout: '', stderr: '' });
    const results = JSON.parse(read(dir, 'reports/lint.json'));
    assert.deepEqual(results.map((x: { filePath: string }) => path.basename(x.filePath)), ['a.ts', 'b.ts', 'c.ts']);
  });

  it('writes plain text even on a terminal, unless --color asks for colour', async () => {
    await cli(['--output-file', 'plain.txt'], { cwd: dir, rules: testRules, isTTY: true, env: { FORCE_COLOR: '1' } });
    const plain = read(dir, 'plain.txt');
    assert.ok(plain.startsWith('\nsrc/a.ts\n'));
    assert.ok(!plain.includes('\u001b['));
    await cli(['--output-file', 'colored.txt', '--color'], { cwd: dir, rules: testRules });
    assert.ok(read(dir, 'colored.txt').includes('\u001b['));
  });

  it('writes an empty file for a clean run, so no stale report survives', async () => {
    fs.writeFileSync(path.join(dir, 'stale.txt'), 'old problems\n');
    const r = await cli(['src/b.ts', '--output-file', 'stale.txt'], { cwd: dir, rules: testRules });
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
    assert.equal(read(dir, 'stale.txt'), '');
  });

  it('exits 2 when the path is a folder', async () => {
    const r = await cli(['--output-file', 'src'], { cwd: dir, rules: testRules });
    assert.deepEqual(r, { code: 2, stdout: '', stderr: `stability-lint: Cannot write the report to ${path.join(dir, 'src')}: it is a directory\n` });
  });
});
