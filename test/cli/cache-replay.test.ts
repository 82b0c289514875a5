// --cache when nothing changed: dist/cli.js prints the last run's output again without loading the
// bundle (issue 13: nothing changed ≤ 3% of a full run). A stale replay is never used: after a
// file is changed, added, removed or ignored, a config or the arguments change, the run lints and
// reports what a run without --cache reports.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI, ensureBuilt } from '../built-cli';
import { removeProject, tempProject } from './helpers';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Whether the run loaded dist/bundle.js (it wrote a V8 code cache into its fresh temp folder). */
  linted: boolean;
}

function exec(dir: string, argv: string[]): Run {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-replay-tmp-'));
  try {
    const r = spawnSync(process.execPath, [CLI, ...argv], { cwd: dir, encoding: 'utf8', env: { ...process.env, TMPDIR: tmp, FORCE_COLOR: undefined, NO_COLOR: undefined } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, linted: fs.existsSync(path.join(tmp, 'stability-lint-code-cache')) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const CACHED = ['--cache', '--format', 'json'];
/** The findings of a JSON report, as `file: rule line:column`. */
function findings(stdout: string): string[] {
  const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
  return results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}: ${m.ruleId} ${m.line}:${m.column}`)).sort();
}
/** Sets a file's modification time a second later than it was, so a rewrite of the same size is seen on coarse clocks too. */
function write(file: string, text: string): void {
  const before = fs.existsSync(file) ? fs.statSync(file).mtimeMs : Date.now();
  fs.writeFileSync(file, text);
  const t = new Date(before + 1000);
  fs.utimesSync(file, t, t);
}

describe('--cache replays an unchanged run without loading the compiler', () => {
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = tempProject({
      'package.json': '{ "name": "svc" }\n',
      'src/client.ts': 'export async function get(url: string) {\n  return fetch(url);\n}\n',
      'src/clean.ts': 'export const answer = 42;\n',
    });
  });
  after(() => removeProject(dir));

  /** A run with --cache (linted, or replayed when the last test changed nothing), then one that must replay it: same output, bundle not loaded. */
  function lintThenReplay(argv = CACHED): Run {
    const first = exec(dir, argv);
    const again = exec(dir, argv);
    assert.deepEqual({ ...again, linted: false }, { ...first, linted: false }, 'the replay prints what the run printed');
    assert.equal(again.linted, false, 'nothing changed: replayed without the bundle');
    return first;
  }

  it('prints the same report and exit code, and the report matches a run without --cache', () => {
    assert.equal(fs.existsSync(path.join(dir, '.stability-lint-cache')), false);
    const r = lintThenReplay();
    assert.equal(r.linted, true, 'the first run lints');
    assert.deepEqual(findings(r.stdout), ['client.ts: missing-timeout 2:10']);
    assert.deepEqual(findings(exec(dir, ['--format', 'json']).stdout), findings(r.stdout));
  });

  it('a changed file is linted again', () => {
    lintThenReplay();
    write(path.join(dir, 'src/clean.ts'), 'export async function post(url: string) {\n  return fetch(url, { method: "POST" });\n}\n');
    const r = exec(dir, CACHED);
    assert.equal(r.linted, true);
    assert.deepEqual(findings(r.stdout), ['clean.ts: missing-timeout 2:10', 'client.ts: missing-timeout 2:10']);
  });

  it('an added, an ignored and a removed file are seen', () => {
    lintThenReplay();
    write(path.join(dir, 'src/added.ts'), 'export async function put(url: string) {\n  return fetch(url);\n}\n');
    let r = exec(dir, CACHED);
    assert.equal(r.linted, true);
    assert.ok(findings(r.stdout).includes('added.ts: missing-timeout 2:10'));

    lintThenReplay();
    write(path.join(dir, '.gitignore'), 'src/added.ts\n');
    r = exec(dir, CACHED);
    assert.equal(r.linted, true);
    assert.ok(!findings(r.stdout).includes('added.ts: missing-timeout 2:10'));

    lintThenReplay();
    fs.rmSync(path.join(dir, 'src/client.ts'));
    r = exec(dir, CACHED);
    assert.equal(r.linted, true);
    assert.ok(!findings(r.stdout).some((f) => f.startsWith('client.ts')));
  });

  it('a config change is applied', () => {
    lintThenReplay();
    write(path.join(dir, 'stability-lint.config.json'), '{ "rules": { "missing-timeout": "off" } }\n');
    const r = exec(dir, CACHED);
    assert.equal(r.linted, true);
    assert.deepEqual(findings(r.stdout), []);
    fs.rmSync(path.join(dir, 'stability-lint.config.json'));
    const back = exec(dir, CACHED);
    assert.equal(back.linted, true);
    assert.ok(findings(back.stdout).length > 0);
  });

  it('other arguments are another run; --output-file is written again by the replay', () => {
    lintThenReplay();
    const stylish = exec(dir, ['--cache']);
    assert.equal(stylish.linted, true, 'not replayed from the JSON run');
    const out = path.join(dir, 'report.json');
    const argv = [...CACHED, '--output-file', out];
    lintThenReplay(argv);
    const report = fs.readFileSync(out, 'utf8');
    fs.rmSync(out);
    const again = exec(dir, argv);
    assert.equal(again.linted, false, 'the report file is the run\'s own output, not an input');
    assert.equal(fs.readFileSync(out, 'utf8'), report);
  });
});
