import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, read, removeProject, SAMPLE_A, SAMPLE_A_FIXED, SAMPLE_FILES, tempProject } from './helpers';
import { testRules } from './test-rules';

describe('--format json', () => {
  let dir: string;
  before(() => {
    dir = tempProject(SAMPLE_FILES);
  });
  after(() => removeProject(dir));

  const aMessages = [
    {
      ruleId: 'no-foo', severity: 2, message: 'Do not use "foo": it blocks the event loop.\nA synchronous call holds every other request until it returns.', messageId: 'found',
      line: 1, column: 7, endLine: 1, endColumn: 10, fix: { range: [6, 9], text: 'bar' },
    },
    {
      ruleId: 'no-todo', severity: 1, message: 'Unfinished: "todo", 100% sure.', messageId: 'found',
      line: 2, column: 5, endLine: 2, endColumn: 9,
      suggestions: [{ desc: 'Rename to done', fix: { range: [19, 23], text: 'done' } }],
    },
    {
      ruleId: 'no-foo', severity: 2, message: 'Do not use "foo": it blocks the event loop.\nA synchronous call holds every other request until it returns.', messageId: 'found',
      line: 2, column: 12, endLine: 2, endColumn: 15, fix: { range: [26, 29], text: 'bar' },
    },
    { ruleId: 'note-baz', severity: 1, message: 'Consider "baz".', messageId: 'found', line: 3, column: 7, endLine: 3, endColumn: 10 },
    // Two edits of one fix, merged into one replacement as ESLint merges a fixer's edits.
    {
      ruleId: 'wrap-qux', severity: 1, message: 'Wrap "qux".', messageId: 'found',
      line: 3, column: 13, endLine: 3, endColumn: 16, fix: { range: [43, 46], text: '(qux)' },
    },
  ];

  it('is ESLint\'s JSON shape, field for field, with every linted file', async () => {
    const r = await cli(['--format', 'json'], { cwd: dir, rules: testRules });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.ok(r.stdout.endsWith(']\n'));
    assert.deepEqual(JSON.parse(r.stdout), [
      {
        filePath: path.join(dir, 'src/a.ts'),
        messages: aMessages,
        suppressedMessages: [],
        // The info message is severity 1 but counted in neither errorCount nor warningCount.
        errorCount: 2, fatalErrorCount: 0, warningCount: 2, fixableErrorCount: 2, fixableWarningCount: 1,
        source: SAMPLE_A,
        usedDeprecatedRules: [],
      },
      {
        filePath: path.join(dir, 'src/b.ts'),
        messages: [],
        suppressedMessages: [],
        errorCount: 0, fatalErrorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
      {
        filePath: path.join(dir, 'src/c.ts'),
        messages: [{ ruleId: null, severity: 2, message: 'Parsing error: Variable declaration expected.', line: 1, column: 7, fatal: true }],
        suppressedMessages: [],
        errorCount: 1, fatalErrorCount: 1, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0,
        source: 'const = ;\n',
        usedDeprecatedRules: [],
      },
    ]);
  });

  it('with --fix-dry-run carries the fixed text as output, lists what remains, and writes nothing', async () => {
    const r = await cli(['--format', 'json', '--fix-dry-run', 'src/a.ts'], { cwd: dir, rules: testRules });
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '1 file would be fixed (--fix-dry-run: nothing written).\n');
    assert.deepEqual(JSON.parse(r.stdout), [
      {
        filePath: path.join(dir, 'src/a.ts'),
        messages: [
          {
            ruleId: 'no-todo', severity: 1, message: 'Unfinished: "todo", 100% sure.', messageId: 'found',
            line: 2, column: 5, endLine: 2, endColumn: 9,
            suggestions: [{ desc: 'Rename to done', fix: { range: [19, 23], text: 'done' } }],
          },
          { ruleId: 'note-baz', severity: 1, message: 'Consider "baz".', messageId: 'found', line: 3, column: 7, endLine: 3, endColumn: 10 },
        ],
        suppressedMessages: [],
        errorCount: 0, fatalErrorCount: 0, warningCount: 1, fixableErrorCount: 0, fixableWarningCount: 0,
        output: SAMPLE_A_FIXED,
        usedDeprecatedRules: [],
      },
    ]);
    assert.equal(read(dir, 'src/a.ts'), SAMPLE_A);
  });

  it('with --quiet keeps errors only and recounts', async () => {
    const r = await cli(['--format', 'json', '--quiet', 'src/a.ts'], { cwd: dir, rules: testRules });
    assert.equal(r.code, 1);
    const [result] = JSON.parse(r.stdout);
    assert.deepEqual(result.messages.map((m: { ruleId: string; line: number }) => `${m.ruleId}@${m.line}`), ['no-foo@1', 'no-foo@2']);
    assert.deepEqual(
      [result.errorCount, result.warningCount, result.fixableErrorCount, result.fixableWarningCount],
      [2, 0, 2, 0],
    );
  });

  it('prints [] when there is nothing to lint, and says so on stderr', async () => {
    const empty = tempProject({ 'README.md': '# nothing to lint\n' });
    try {
      const r = await cli(['--format', 'json'], { cwd: empty, rules: testRules });
      assert.deepEqual(r, { code: 0, stdout: '[]\n', stderr: 'stability-lint: warning: No files to lint under .\n' });
    } finally {
      removeProject(empty);
    }
  });
});
