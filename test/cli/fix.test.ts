import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli, read, removeProject, SAMPLE_A, SAMPLE_A_FIXED, tempProject } from './helpers';
import { rulesWithUnsafe, testRules } from './test-rules';

describe('--fix and --fix-dry-run', () => {
  it('--fix writes the fixed files, reports what remains, and notes the count on stderr', async () => {
    const dir = tempProject({ 'src/a.ts': SAMPLE_A, 'src/b.ts': 'const foo = 2;\n', 'src/clean.ts': 'export {};\n' });
    try {
      const r = await cli(['--fix'], { cwd: dir, rules: testRules });
      assert.equal(read(dir, 'src/a.ts'), SAMPLE_A_FIXED);
      assert.equal(read(dir, 'src/b.ts'), 'const bar = 2;\n');
      assert.equal(read(dir, 'src/clean.ts'), 'export {};\n');
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '2 files fixed.\n');
      assert.equal(r.stdout, [
        '',
        'src/a.ts',
        '  2:5  warning  Unfinished: "todo", 100% sure.  no-todo',
        '  3:7  info     Consider "baz".                 note-baz',
        '',
        '✖ 2 problems (0 errors, 1 warning, 1 info)',
        '',
      ].join('\n'));
    } finally {
      removeProject(dir);
    }
  });

  it('--fix with --rule applies only that rule\'s fixes', async () => {
    const dir = tempProject({ 'src/a.ts': SAMPLE_A });
    try {
      const r = await cli(['--fix', '--rule', 'wrap-qux', '--format', 'json'], { cwd: dir, rules: testRules });
      assert.equal(read(dir, 'src/a.ts'), 'const foo = 1;\nlet todo = foo;\nconst baz = (qux);\n');
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '1 file fixed.\n');
      assert.equal(JSON.parse(r.stdout)[0].output, 'const foo = 1;\nlet todo = foo;\nconst baz = (qux);\n');
    } finally {
      removeProject(dir);
    }
  });

  it('--fix-dry-run computes the same fixes and writes nothing', async () => {
    const dir = tempProject({ 'src/a.ts': SAMPLE_A });
    try {
      const r = await cli(['--fix-dry-run'], { cwd: dir, rules: testRules });
      assert.equal(read(dir, 'src/a.ts'), SAMPLE_A);
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '1 file would be fixed (--fix-dry-run: nothing written).\n');
      assert.match(r.stdout, /✖ 2 problems \(0 errors, 1 warning, 1 info\)/);
    } finally {
      removeProject(dir);
    }
  });

  it('--fix applies the first safe fix of each finding and says what is left for --unsafe', async () => {
    const dir = tempProject({ 'src/w.ts': 'wait();\nslow();\n' });
    try {
      const r = await cli(['--fix', '--format', 'json'], { cwd: dir, rules: rulesWithUnsafe });
      assert.equal(read(dir, 'src/w.ts'), 'waitOnce();\nslow();\n');
      assert.equal(r.stderr, '1 file fixed.\n1 problem left with unsafe fixes (timeouts, limits, eviction, loop conditions): ' +
        'apply them with --fix --unsafe and review the diff, or one by one in the editor.\n');
      const [result] = JSON.parse(r.stdout);
      // What --fix --unsafe would apply is an ESLint suggestion, marked.
      assert.deepEqual(result.messages[0].suggestions, [{ desc: 'Rename to fast (unsafe)', fix: { range: [12, 16], text: 'fast' } }]);
      assert.equal(result.messages[0].fix, undefined);
    } finally {
      removeProject(dir);
    }
  });

  it('--fix --unsafe applies the first fix of each finding, whichever its class', async () => {
    const dir = tempProject({ 'src/w.ts': 'wait();\nslow();\n' });
    try {
      const r = await cli(['--fix', '--unsafe'], { cwd: dir, rules: rulesWithUnsafe });
      assert.equal(read(dir, 'src/w.ts'), 'waitBounded();\nfast();\n');
      assert.deepEqual(r, { code: 0, stdout: '', stderr: '1 file fixed.\n' });
    } finally {
      removeProject(dir);
    }
  });

  it('--fix leaves a file that does not parse alone and still fails on it', async () => {
    const dir = tempProject({ 'bad.ts': 'const foo = ;\n' });
    try {
      const r = await cli(['--fix'], { cwd: dir, rules: testRules });
      assert.equal(read(dir, 'bad.ts'), 'const foo = ;\n');
      assert.equal(r.code, 1);
      assert.equal(r.stderr, '');
    } finally {
      removeProject(dir);
    }
  });
});
