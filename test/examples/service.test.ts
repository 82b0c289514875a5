// The bundled example is the product's demo: it must show every core rule on the right lines,
// and `--fix` on a copy must leave code that compiles and lints clean of what it fixed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { chosenFix } from '../../engine/apply-fixes';
import { lintProject } from '../../engine/lint-project';
import { allRules } from '../../rules';
import { typecheckErrors } from '../typecheck';

const EXAMPLE = path.resolve(__dirname, '../../examples/service');

/** `file:line:column rule severity` for every finding, sorted as the report is. */
async function findings(dir: string): Promise<string[]> {
  const run = await lintProject({ cwd: dir, paths: ['.'], rules: allRules });
  return run.reports.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.file)}:${m.line}:${m.column} ${m.ruleId} ${m.severity}`));
}

/** Every file of a folder by relative path, with its text. */
function readAll(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, rel);
    if (fs.statSync(p).isFile()) out.set(rel, fs.readFileSync(p, 'utf8'));
  }
  return out;
}

function copyExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-example-'));
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

describe('examples/service', () => {
  it('shows every core rule (and the rules beyond), on the lines its README lists', async () => {
    assert.deepEqual(await findings(EXAMPLE), [
      'Dockerfile:8:1 process-manager-limits error',
      'package.json:8:15 watch-mode-script error',
      'package.json:9:13 watch-mode-script info',
      'src/audit-log.ts:36:7 double-close error',
      'src/audit-log.ts:43:11 double-close warn',
      'src/db.ts:7:21 missing-timeout warn',
      'src/db.ts:7:21 unreleased-resource warn',
      'src/metrics.ts:11:3 unreleased-resource warn',
      'src/orders-repo.ts:31:24 unreleased-resource error',
      'src/upstream.ts:8:26 missing-timeout warn',
      'src/upstream.ts:26:21 missing-timeout warn',
      'src/worker.ts:48:3 unbounded-loop warn',
    ]);
  });

  it('type-checks as shipped', () => {
    assert.deepEqual(typecheckErrors(copyExample()), []);
  });

  it('--fix on a copy leaves code that compiles and lints clean of every safely fixable finding, adding no bound', async () => {
    const dir = copyExample();
    const before = await findings(dir);
    const texts = readAll(dir);
    const run = await lintProject({ cwd: dir, paths: ['.'], rules: allRules, fix: { write: true } });
    assert.ok(run.written.length > 0, 'expected --fix to write files');
    assert.deepEqual(typecheckErrors(dir), []);
    const after = await lintProject({ cwd: dir, paths: ['.'], rules: allRules });
    const fixable = after.reports.flatMap((r) => r.messages.filter((m) => m.finding && chosenFix(m.finding, 'safe')).map((m) => `${path.relative(dir, r.file)}:${m.line} ${m.ruleId}`));
    assert.deepEqual(fixable, []);
    // Safe fixes add no timeout, limiter or eviction: those stop legitimate work and wait for --unsafe.
    for (const [rel, text] of readAll(dir)) {
      if (!texts.has(rel)) continue; // the shim file defines its helpers; only edits of the code count
      const added = text.split('\n').filter((line) => !(texts.get(rel) ?? '').includes(line));
      assert.deepEqual(added.filter((line) => /AbortSignal\.timeout|timeout|TimeoutMillis|limiter\(|bounded(Map|Set)|max_memory_restart|max_restarts/.test(line)), [], rel);
    }
    const remaining = await findings(dir);
    assert.ok(remaining.length < before.length, `expected fewer findings after --fix: ${remaining.join(', ')}`);
    assert.deepEqual(remaining.filter((f) => f.includes('double-close')), []);
    assert.ok(remaining.some((f) => f.includes('missing-timeout')), 'timeouts are unsafe: --fix leaves them');
    const fixed = readAll(dir);
    await lintProject({ cwd: dir, paths: ['.'], rules: allRules, fix: { write: true } });
    assert.deepEqual(readAll(dir), fixed, 'a second --fix changed files');
  });

  it('--fix --unsafe on a copy leaves code that compiles and lints clean of every fixable finding; a second pass changes nothing', async () => {
    const dir = copyExample();
    const before = await findings(dir);
    const run = await lintProject({ cwd: dir, paths: ['.'], rules: allRules, fix: { write: true, unsafe: true } });
    assert.ok(run.written.length > 0, 'expected --fix --unsafe to write files');
    assert.deepEqual(typecheckErrors(dir), []);
    const after = await lintProject({ cwd: dir, paths: ['.'], rules: allRules });
    const fixable = after.reports.flatMap((r) => r.messages.filter((m) => m.finding && chosenFix(m.finding, 'unsafe')).map((m) => `${path.relative(dir, r.file)}:${m.line} ${m.ruleId}`));
    assert.deepEqual(fixable, []);
    // What remains is what needs a human (suggestions only), and strictly less than before.
    const remaining = await findings(dir);
    assert.ok(remaining.length < before.length, `expected fewer findings after --fix --unsafe: ${remaining.join(', ')}`);
    assert.deepEqual(remaining.filter((f) => f.includes('missing-timeout') || f.includes('double-close')), []);
    const fixed = readAll(dir);
    await lintProject({ cwd: dir, paths: ['.'], rules: allRules, fix: { write: true, unsafe: true } });
    assert.deepEqual(readAll(dir), fixed, 'a second --fix --unsafe changed files');
  });
});
