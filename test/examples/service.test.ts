// The bundled example is the product's demo: it must show every core rule on the right lines,
// and `--fix` on a copy must leave code that compiles and lints clean of what it fixed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintProject } from '../../engine/lint-project';
import { allRules } from '../../rules';
import { typecheckErrors } from '../typecheck';

const EXAMPLE = path.resolve(__dirname, '../../examples/service');

/** `file:line:column rule severity` for every finding, sorted as the report is. */
async function findings(dir: string): Promise<string[]> {
  const run = await lintProject({ cwd: dir, paths: ['.'], rules: allRules });
  return run.reports.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.file)}:${m.line}:${m.column} ${m.ruleId} ${m.severity}`));
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

  it('--fix on a copy leaves code that compiles and lints clean of every fixable finding', async () => {
    const dir = copyExample();
    const before = await findings(dir);
    const run = await lintProject({ cwd: dir, paths: ['.'], rules: allRules, fix: { write: true } });
    assert.ok(run.written.length > 0, 'expected --fix to write files');
    assert.deepEqual(typecheckErrors(dir), []);
    const after = await lintProject({ cwd: dir, paths: ['.'], rules: allRules });
    const fixable = after.reports.flatMap((r) => r.messages.filter((m) => m.finding?.fixes?.length).map((m) => `${path.relative(dir, r.file)}:${m.line} ${m.ruleId}`));
    assert.deepEqual(fixable, []);
    // What remains is what needs a human (suggestions only), and strictly less than before.
    const remaining = await findings(dir);
    assert.ok(remaining.length < before.length, `expected fewer findings after --fix: ${remaining.join(', ')}`);
    assert.deepEqual(remaining.filter((f) => f.includes('missing-timeout') || f.includes('double-close')), []);
  });
});
