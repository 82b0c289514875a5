// Names a plain object answers from its prototype (`constructor`, `toString`, `hasOwnProperty`,
// `__proto__`) used where the rules and the configuration look names up in tables: as a receiver,
// a module, a script's program, a child command, an export, a severity and an option. Each must
// be an ordinary name: no rule stops on the file, no run crashes, and the config says what is wrong.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { tempProject } from '../temp-project';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({
    name: 'proto', main: 'src/a.js',
    scripts: { start: 'constructor src/a.js', dev: 'toString --watch src/a.js', hasOwnProperty: 'valueOf x' },
  }),
  Dockerfile: 'FROM node:20\nCMD ["constructor", "start"]\n',
  'src/a.js': `const { exec } = require('child_process');
const toString = require('toString');
const b = require('./b');
exports.constructor = function () {};
exports.__proto__ = { x: 1 };
exports.toString = async () => b.hasOwnProperty();
exports.run = async (obj) => {
  const keys = hasOwnProperty.call(obj, 'list') && JSON.parse(obj.list);
  await Promise.all(keys.map(async (k) => fetch('http://x/' + k, { signal: AbortSignal.timeout(5000) })));
  exec('constructor --version', { timeout: 1000 }, () => {});
  exec('toString start', { timeout: 1000 }, () => {});
  return b.constructor(), b.valueOf(), b.__proto__;
};
`,
  'src/b.js': "module.exports = { hasOwnProperty: async () => 1, constructor: () => 2 };\nexports.__defineGetter__ = 1;\n",
};

async function run(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [CLI, '--format', 'json', '.'], { cwd: dir })
    .then((x) => ({ ...x, code: 0 }), (e: { code: number; stdout: string; stderr: string }) => e);
}

describe('names a plain object answers from its prototype', { timeout: 120_000 }, () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('are ordinary names to every rule: the one unbounded fan-out is reported, no rule stops', async () => {
    const dir = tempProject(FILES);
    dirs.push(dir);
    const r = await run(dir);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    const messages = (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; message: string }[] }[])
      .flatMap((f) => f.messages.map((m) => `${path.relative(dir, f.filePath)}:${m.line} ${m.ruleId} ${m.message.split('\n')[0]}`));
    assert.deepEqual(messages, ['src/a.js:9 unbounded-concurrency `Promise.all` starts a task per element of `keys` at once: use a limiter.']);
  });

  it('as a severity or an option of the configuration: a clear error naming it, exit 2', async () => {
    for (const [config, error] of [
      ['{"rules":{"missing-timeout":"toString"}}', 'stability-lint.config.json:1:29: rule "missing-timeout": invalid severity "toString"; use one of off, info, warn, error'],
      ['{"rules":{"missing-timeout":["warn",{"__proto__":{"x":1}}]}}', 'stability-lint.config.json:1:38: rule "missing-timeout": unknown option "__proto__"'],
      ['{"rules":{"missing-timeout":["warn",{"constructor":1}]}}', 'stability-lint.config.json:1:38: rule "missing-timeout": unknown option "constructor"'],
    ]) {
      const dir = tempProject({ ...FILES, 'stability-lint.config.json': config });
      dirs.push(dir);
      const r = await run(dir);
      assert.equal(r.code, 2, config);
      assert.equal(r.stdout, '', config);
      assert.equal(r.stderr.trim(), error, config);
    }
  });
});
