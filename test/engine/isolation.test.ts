// One file the parser or a rule cannot handle costs that file, never the run: a stack overflow
// on deep nesting, a rule that throws, a rule that runs out of memory in a worker.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintProject, type LintRunOptions } from '../../engine/lint-project';
import { nestingDepth } from '../../engine/lint-file';
import { HOSTILE_MODULE, rules } from './hostile-rules';
import { tempProject } from './helpers';

const deepParens = (n: number) => `const x = ${'(\n'.repeat(n)}1${')\n'.repeat(n)};\nfetch('/x');\n`;
const OK = "import axios from 'axios';\naxios.get('/x');\n";

async function lint(files: Record<string, string>, extra: Partial<LintRunOptions> = {}) {
  const dir = tempProject({ 'stability-lint.config.json': '{ "root": true }', ...files });
  const run = await lintProject({ cwd: dir, paths: ['.'], rules, ...extra });
  const byFile = Object.fromEntries(run.reports.map((r) => [path.relative(dir, r.file), r.messages.map((m) => ({
    at: `${m.line}:${m.column}`, ruleId: m.ruleId, severity: m.severity, message: m.message, fatal: !!m.fatal, internal: m.internalError !== undefined,
  }))]));
  return { run, byFile };
}

describe('deep nesting', () => {
  it('overflowing this thread is one fatal message on the file; the other files are reported', async () => {
    const { byFile } = await lint({ 'src/deep.ts': deepParens(20_000), 'src/ok.ts': OK });
    assert.deepEqual(byFile['src/deep.ts'], [{ at: '1:1', ruleId: null, severity: 'error', message: 'Skipped: nesting too deep to parse (20000 levels)', fatal: true, internal: false }]);
    assert.deepEqual(byFile['src/ok.ts'].map((m) => m.message), ['callee axios:get']);
  });

  it('a worker with a big stack lints what overflows the main thread, rules recursing included', async () => {
    const { byFile } = await lint({ 'src/deep.ts': deepParens(20_000), 'src/ok.ts': OK }, { workerRules: { module: HOSTILE_MODULE } });
    assert.deepEqual(byFile['src/deep.ts'].map((m) => `${m.at} ${m.message}`), ['40002:1 callee global:fetch']);
    assert.deepEqual(byFile['src/ok.ts'].map((m) => m.message), ['callee axios:get']);
  });

  it("a rule's own endless recursion on a shallow file is named as an internal error, not as the file's nesting", async () => {
    const { byFile } = await lint({ 'src/memo.ts': '// @overflows\nexport const x = [1, [2, [3]]];\n', 'src/ok.ts': OK });
    assert.deepEqual(byFile['src/memo.ts'].map((m) => `${m.severity} ${m.fatal} ${m.message}`), [
      'error true Internal error: a rule overflowed the stack on this file, though it nests only 7 levels deep (please report it)',
    ]);
    assert.deepEqual(byFile['src/ok.ts'].map((m) => m.message), ['callee axios:get']);
  });

  it('nesting too deep even for the worker is skipped with the depth named', async () => {
    const { byFile } = await lint({ 'src/deeper.ts': deepParens(300_000), 'src/ok.ts': OK }, { workerRules: { module: HOSTILE_MODULE } });
    assert.deepEqual(byFile['src/deeper.ts'].map((m) => `${m.severity} ${m.fatal} ${m.message}`), ['error true Skipped: nesting too deep to parse (300000 levels)']);
    assert.deepEqual(byFile['src/ok.ts'].map((m) => m.message), ['callee axios:get']);
  });

  it('the depth is counted without recursion, from the tree or the text', () => {
    assert.equal(nestingDepth('a(b[c{d}])'), 3);
    assert.equal(nestingDepth('<a><b></b><c/></a>'), 2);
    assert.equal(nestingDepth(deepParens(100_000)), 100_000);
  });
});

describe('a rule that throws', () => {
  it('is reported on the file naming the rule, at the node it was visiting; other rules and files stand', async () => {
    const { byFile } = await lint({ 'src/a.ts': `// @throws\n${OK}`, 'src/ok.ts': OK });
    const messages = byFile['src/a.ts'];
    assert.deepEqual(messages.map((m) => `${m.at} ${m.ruleId} ${m.internal}`), ['3:1 probe false', '3:1 throws true']);
    assert.equal(messages[1].message, 'Internal error in rule throws: cannot read properties of undefined (reading "kind"). The rule stopped on this file (the other rules\' findings stand); please report it with this file.');
    assert.deepEqual(byFile['src/ok.ts'].map((m) => m.message), ['callee axios:get']);
  });

  it('is the same from a worker thread', async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`src/f${i}.ts`, i === 7 ? `// @throws\n${OK}` : OK]));
    const { byFile } = await lint(files, { workers: 2, workerRules: { module: HOSTILE_MODULE } });
    assert.equal(Object.keys(byFile).length, 40);
    assert.deepEqual(byFile['src/f7.ts'].map((m) => `${m.ruleId} ${m.internal}`), ['probe false', 'throws true']);
    assert.deepEqual(byFile['src/f8.ts'].map((m) => m.message), ['callee axios:get']);
  });
});

describe('a worker that dies', () => {
  it('running out of memory on one file: that file is fatal, every other file is linted', { timeout: 120_000 }, async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`src/f${String(i).padStart(2, '0')}.ts`, i === 5 ? `// @hungry\n${OK}` : OK]));
    const { run, byFile } = await lint(files, { workers: 2, workerRules: { module: HOSTILE_MODULE }, workerHeapMb: 64 });
    assert.equal(run.reports.length, 40);
    assert.deepEqual(byFile['src/f05.ts'], [{ at: '1:1', ruleId: null, severity: 'error', message: 'Skipped: linting this file ran out of memory', fatal: true, internal: false }]);
    for (const [file, messages] of Object.entries(byFile)) {
      if (file !== 'src/f05.ts') assert.deepEqual(messages.map((m) => m.message), ['callee axios:get'], file);
    }
  });

  it('stuck in an endless loop on one file: after the time limit that file is fatal, every other file is linted', { timeout: 120_000 }, async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`src/f${String(i).padStart(2, '0')}.ts`, i === 9 ? `// @endless\n${OK}` : OK]));
    const { run, byFile } = await lint(files, { workers: 2, workerRules: { module: HOSTILE_MODULE }, fileTimeoutMs: 2000 });
    assert.equal(run.reports.length, 40);
    assert.deepEqual(byFile['src/f09.ts'], [{ at: '1:1', ruleId: null, severity: 'error', message: 'Skipped: linting this file took over 2 s', fatal: true, internal: false }]);
    for (const [file, messages] of Object.entries(byFile)) {
      if (file !== 'src/f09.ts') assert.deepEqual(messages.map((m) => m.message), ['callee axios:get'], file);
    }
  });
});
