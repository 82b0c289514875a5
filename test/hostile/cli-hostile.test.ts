// The built CLI over a folder of hostile files: it exits 0 or 1, never 2, reports every file it
// found, and each odd file gets the one message a user would expect.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { lintProject } from '../../engine/lint-project';
import { allRules } from '../../rules';
import { tempProject } from '../temp-project';
import { lintableHostile, writeHostile } from './hostile-files';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

interface JsonReport {
  filePath: string;
  messages: { ruleId: string | null; message: string; fatal?: boolean; stabilityLint?: { skipped?: true }; severity: number; line: number }[];
}

describe('CLI over hostile files', { timeout: 240_000 }, () => {
  let dir: string;
  let code: number;
  let stderr: string;
  let report: Map<string, JsonReport['messages']>;

  before(async () => {
    dir = tempProject({ 'stability-lint.config.json': '{ "root": true }' });
    writeHostile(dir);
    const r = await promisify(execFile)(process.execPath, [CLI, '--format', 'json', '.'], { cwd: dir, maxBuffer: 64 << 20 })
      .then((x) => ({ ...x, code: 0 }), (e: { code: number; stdout: string; stderr: string }) => e);
    code = r.code;
    stderr = r.stderr;
    report = new Map((JSON.parse(r.stdout) as JsonReport[]).map((f) => [path.relative(dir, f.filePath), f.messages]));
  });
  after(() => {
    fs.chmodSync(path.join(dir, 'unreadable/secret.js'), 0o644);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Not linted: a fatal error (ESLint's `fatal`), or a skip note (`stabilityLint.skipped`).
  const fatal = (rel: string) => report.get(rel)?.filter((m) => m.fatal || m.stabilityLint?.skipped).map((m) => m.message);

  it('exits 1 (errors found), nothing on stderr, every file discovered in the report', () => {
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.deepEqual([...report.keys()].sort(), lintableHostile());
  });

  it('binary, UTF-16, too large, minified and too deep files are skipped with a note', () => {
    assert.deepEqual(fatal('src/binary.js'), ['Skipped: binary file']);
    assert.deepEqual(fatal('src/utf16.js'), ['Skipped: UTF-16 text (stability-lint reads UTF-8 source files)']);
    assert.deepEqual(fatal('bad-pkg/huge/package.json'), ['Skipped: file is 10.6 MB, over the 2.0 MB limit (maxFileSize)']);
    assert.deepEqual(fatal('src/one-line.js'), ['Skipped: minified code']);
    assert.deepEqual(fatal('src/too-deep.ts'), ['Skipped: nesting too deep to parse (300000 levels)']);
  });

  it('20,000 levels of expressions, types, JSX and templates are linted (in a worker with a big stack)', () => {
    for (const rel of ['src/deep-expr.ts', 'src/deep-type.ts', 'src/deep-jsx.tsx', 'src/deep-template.ts']) {
      const messages = report.get(rel)!;
      assert.deepEqual(fatal(rel), [], rel);
      assert.ok(messages.some((m) => m.ruleId === 'missing-timeout'), `${rel}: the fetch after the nesting is found`);
    }
  });

  it('odd encodings and sizes are linted: invalid UTF-8, a BOM, CRLF, a late NUL, 60,000 functions', () => {
    for (const rel of ['src/invalid-utf8.js', 'src/utf8-bom.js', 'src/crlf.js', 'src/nul-late.js', 'src/many-functions.js']) {
      assert.deepEqual(fatal(rel), [], rel);
      assert.equal(report.get(rel)!.filter((m) => m.ruleId === 'missing-timeout').length, 1, rel);
    }
    assert.equal(report.get('src/crlf.js')!.find((m) => m.ruleId === 'missing-timeout')!.line, 3);
    assert.equal(report.get('src/many-functions.js')!.find((m) => m.ruleId === 'missing-timeout')!.line, 60_001);
  });

  it('syntax errors are one parsing error each', () => {
    assert.equal(fatal('src/syntax-error.ts')!.length, 1);
    assert.match(fatal('src/half-typed.ts')![0], /^Parsing error: /);
    assert.match(fatal('bad-pkg/broken/package.json')![0], /^Parsing error: /);
  });

  it('package.json files that are not objects are linted as data, and the code beside them is too', () => {
    for (const kind of ['array', 'string', 'null', 'scripts-array']) {
      assert.deepEqual(fatal(`bad-pkg/${kind}/package.json`), [], kind);
      assert.ok(report.get(`bad-pkg/${kind}/index.js`)!.some((m) => m.ruleId === 'missing-timeout'), kind);
    }
  });

  it('a file it cannot read is one fatal error (unless the run may read anything, as root)', () => {
    const messages = fatal('unreadable/secret.js')!;
    if (process.getuid?.() === 0) assert.deepEqual(messages, []);
    else assert.deepEqual(messages, ['Cannot read file: EACCES']);
  });

  it('named on the command line, a FIFO is skipped and a symlink loop is a usage error', async () => {
    const run = (args: string[]) => promisify(execFile)(process.execPath, [CLI, ...args], { cwd: dir, timeout: 60_000 })
      .then((x) => ({ ...x, code: 0 }), (e: { code: number; stdout: string; stderr: string }) => e);
    const fifo = await run(['--format', 'json', 'src/fifo.js']);
    assert.equal(fifo.code, 0);
    assert.deepEqual(JSON.parse(fifo.stdout)[0].messages.map((m: { message: string }) => m.message), ['Skipped: not a regular file']);
    const loop = await run(['links/loop-a.js']);
    assert.deepEqual({ code: loop.code, stderr: loop.stderr }, { code: 2, stderr: 'stability-lint: Cannot read links/loop-a.js: a loop of symbolic links\n' });
  });
});

describe('files that change while the run reads them', () => {
  it('a file deleted and another rewritten after discovery: the run ends, every file reported', async () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`src/f${i}.ts`, "fetch('/x');\n"]));
    const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', ...files });
    let once = false;
    const run = await lintProject({
      cwd: dir, paths: ['.'], rules: allRules, workers: 0,
      onProgress: () => {
        if (once) return;
        once = true;
        fs.rmSync(path.join(dir, 'src/f4.ts'));
        fs.writeFileSync(path.join(dir, 'src/f5.ts'), "const a = 1;\n\nfetch('/y');\n");
      },
    });
    const byFile = new Map(run.reports.map((r) => [path.relative(dir, r.file), r.messages]));
    assert.equal(byFile.size, 6);
    assert.deepEqual(byFile.get('src/f4.ts')!.map((m) => `${m.fatal} ${m.message}`), ['true Cannot read file: ENOENT']);
    assert.deepEqual(byFile.get('src/f5.ts')!.map((m) => `${m.line} ${m.ruleId}`), ['3 missing-timeout']);
  });
});
