// The built executable, spawned for real: the bundle starts, reads its own version, exits with
// the right code, flushes a large report through a pipe, and finds its worker-thread bundle.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { version } from '../../package.json';
import { CLI, ensureBuilt } from '../built-cli';
import { removeProject, tempProject } from './helpers';

function exec(argv: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FILE_COUNT = 320; // over two workers' worth (150 files each), so the worker bundle runs too

describe('dist/cli.js', () => {
  let dir: string;
  before(() => {
    ensureBuilt();
    const files: Record<string, string> = {
      'package.json': '{\n  "name": "svc",\n  "scripts": {\n    "start": "nodemon server.js"\n  }\n}\n',
      'src/broken.ts': 'const = ;\n',
    };
    for (let i = 0; i < FILE_COUNT; i++) {
      files[`src/client-${String(i).padStart(3, '0')}.ts`] = `export async function get${i}(url: string) {\n  return fetch(url);\n}\n`;
    }
    dir = tempProject(files);
  });
  after(() => removeProject(dir));

  it('--version', () => {
    assert.deepEqual(exec(['--version'], dir), { code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('exits 2 on an unknown option', () => {
    const r = exec(['--formt', 'json'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'stability-lint: Unknown option --formt; did you mean "--format"?\nRun "stability-lint --help" for usage.\n');
  });

  it('lints a project across worker threads and pipes the whole JSON report', () => {
    const r = exec(['--format', 'json'], dir);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number; severity: number }[] }[];
    assert.equal(results.length, FILE_COUNT + 2);
    const byFile = new Map(results.map((x) => [path.relative(dir, x.filePath), x.messages]));
    assert.deepEqual(byFile.get('package.json')!.map((m) => [m.ruleId, m.severity, m.line, m.column]), [['watch-mode-script', 2, 4, 15]]);
    assert.deepEqual(byFile.get('src/broken.ts')!.map((m) => [m.ruleId, m.severity, m.line, m.column]), [[null, 2, 1, 7]]);
    for (let i = 0; i < FILE_COUNT; i++) {
      const messages = byFile.get(`src/client-${String(i).padStart(3, '0')}.ts`)!;
      assert.deepEqual(messages.map((m) => [m.ruleId, m.severity, m.line, m.column]), [['missing-timeout', 1, 2, 10]]);
    }
  });

  it('prints GitHub annotations with real rule ids', () => {
    const r = exec(['--format', 'github', '--rule', 'watch-mode-script', 'package.json'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^::error file=package\.json,line=4,col=15,endLine=4,endColumn=\d+,title=watch-mode-script::Script "start" /);
    assert.equal(r.stdout.split('\n').length, 2);
  });
});
