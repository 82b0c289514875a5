import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cli, removeProject, tempProject } from './helpers';
import type { Rule } from '../../engine/types';
import { noFoo, testRules } from './test-rules';

describe('exit codes', () => {
  let dir: string;
  before(() => {
    dir = tempProject({
      'clean/ok.ts': 'export const ok = 1;\n',
      'errors/e.ts': 'foo();\n',
      'warnings/w.ts': 'todo();\ntodo();\n',
      'infos/i.ts': 'baz();\n',
    });
  });
  after(() => removeProject(dir));

  const lint = (argv: string[]) => cli(argv, { cwd: dir, rules: testRules });

  it('0 for a clean folder', async () => {
    assert.deepEqual(await lint(['clean']), { code: 0, stdout: '', stderr: '' });
  });

  it('1 when errors are found', async () => {
    assert.equal((await lint(['errors'])).code, 1);
  });

  it('0 for warnings with no limit, and within --max-warnings', async () => {
    assert.equal((await lint(['warnings'])).code, 0);
    assert.equal((await lint(['warnings', '--max-warnings', '2'])).code, 0);
  });

  it('1 for more warnings than --max-warnings, with a note on stderr', async () => {
    const r = await lint(['warnings', '--max-warnings', '0', '--format', 'json']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'stability-lint found too many warnings (2; maximum: 0).\n');
    assert.equal(JSON.parse(r.stdout)[0].warningCount, 2);
  });

  it('--quiet hides warnings but they still count against --max-warnings, as in ESLint', async () => {
    const r = await lint(['warnings', '--quiet', '--max-warnings', '1']);
    assert.deepEqual(r, { code: 1, stdout: '', stderr: 'stability-lint found too many warnings (2; maximum: 1).\n' });
    assert.deepEqual(await lint(['warnings', '--quiet']), { code: 0, stdout: '', stderr: '' });
  });

  it('infos never fail a run, even with --max-warnings 0', async () => {
    const r = await lint(['infos', '--max-warnings', '0']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /1 info\)/);
  });

  it('2 for an unknown option, with a did-you-mean and a pointer to --help', async () => {
    assert.deepEqual(await lint(['--max-warning', '3']), {
      code: 2,
      stdout: '',
      stderr: 'stability-lint: Unknown option --max-warning; did you mean "--max-warnings"?\nRun "stability-lint --help" for usage.\n',
    });
  });

  it('2 for an option missing its value', async () => {
    const r = await lint(['--config']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'stability-lint: --config needs a value: file\nRun "stability-lint --help" for usage.\n');
  });

  it('2 for --rule with an unknown id, with a did-you-mean', async () => {
    assert.deepEqual(await lint(['--rule', 'no-fooo', 'errors']), {
      code: 2, stdout: '', stderr: 'stability-lint: Unknown rule "no-fooo" in --rule; did you mean "no-foo"?\n',
    });
    assert.deepEqual(await lint(['--rule', 'nope', 'errors']), {
      code: 2, stdout: '', stderr: 'stability-lint: Unknown rule "nope" in --rule\n',
    });
  });

  it('--rule runs only the named rules', async () => {
    const r = await lint(['--rule', 'no-todo', '--format', 'json', 'errors', 'warnings']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout).map((f: { messages: { ruleId: string }[] }) => f.messages.map((m) => m.ruleId)), [[], ['no-todo', 'no-todo']]);
  });

  it('2 for a path that does not exist', async () => {
    assert.deepEqual(await lint(['missing']), { code: 2, stdout: '', stderr: 'stability-lint: No such file or directory: missing\n' });
  });

  it('2 for a --config file that does not exist', async () => {
    assert.deepEqual(await lint(['--config', 'nope.json', 'clean']), { code: 2, stdout: '', stderr: 'stability-lint: Config file not found: nope.json\n' });
  });

  it('2 for an internal error, with its stack on stderr', async () => {
    // A rule whose metadata cannot be read breaks the engine itself, outside any rule's guard.
    const broken: Rule = { ...noFoo, meta: { ...noFoo.meta, get fileKinds(): never { throw new Error('metadata exploded'); } } };
    const r = await cli(['errors'], { cwd: dir, rules: new Map([['no-foo', broken]]) });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^stability-lint: internal error: Error: metadata exploded\n {4}at /);
  });

  it('2 after the full report when a rule throws on a file, with the rule and its stack on stderr', async () => {
    const throwing: Rule = { ...noFoo, meta: { ...noFoo.meta, id: 'throws' }, create: () => ({ end() { throw new Error('rule exploded'); } }) };
    const r = await cli(['errors', 'clean', '--format', 'json'], { cwd: dir, rules: new Map([...testRules, ['throws', throwing]]) });
    assert.equal(r.code, 2);
    const report = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    assert.equal(report.length, 2, 'every file is in the report');
    for (const file of report) {
      assert.ok(file.messages.some((m) => m.ruleId === 'throws' && m.message.startsWith('Internal error in rule throws: rule exploded.')), file.filePath);
    }
    assert.ok(report.find((f) => f.filePath.endsWith('e.ts'))!.messages.some((m) => m.ruleId === 'no-foo'), "the other rules' findings stand");
    assert.match(r.stderr, /^stability-lint: internal error in rule throws on errors\/e\.ts:1:1: Error: rule exploded\n {4}at /);
  });

  describe('configuration errors: 2, reported as file:line:column: detail', () => {
    const withConfig = async (config: string, argv: string[] = []) => {
      const d = tempProject({ 'stability-lint.config.json': config, 'src/a.ts': 'foo();\n' });
      try {
        return await cli(argv, { cwd: d, rules: testRules });
      } finally {
        removeProject(d);
      }
    };

    it('an unknown rule, named with a did-you-mean', async () => {
      const r = await withConfig('{\n  "rules": {\n    "no-fo": "warn"\n  }\n}\n');
      assert.deepEqual(r, { code: 2, stdout: '', stderr: 'stability-lint.config.json:3:5: unknown rule "no-fo"; did you mean "no-foo"?\n' });
    });

    it('stays one line when a name quoted from the file holds a line separator (found by the config fuzz)', async () => {
      const d = tempProject({ 'package.json': '{ "name": "x", "stabilityLint": { "rules": { "no-\u2028foo": "warn" } } }', 'src/a.ts': 'foo();\n' });
      try {
        const r = await cli([], { cwd: d, rules: testRules });
        assert.deepEqual(r, { code: 2, stdout: '', stderr: 'package.json:1:46: unknown rule "no-\\u2028foo"; did you mean "no-foo"?\n' });
      } finally {
        removeProject(d);
      }
    });

    it('a JSON syntax error, at its position', async () => {
      const r = await withConfig('{\n  "rules": {\n    "no-foo": "warn"\n  \n}\n');
      assert.deepEqual(r, { code: 2, stdout: '', stderr: 'stability-lint.config.json:6:1: invalid JSON: CloseBraceExpected\n' });
    });

    it('an invalid value in a --config file, before anything is linted', async () => {
      const d = tempProject({ 'custom.json': '{ "maxFileSize": -1 }', 'src/a.ts': 'foo();\n' });
      try {
        const bad = await cli(['--config', 'custom.json'], { cwd: d, rules: testRules });
        assert.deepEqual(bad, { code: 2, stdout: '', stderr: 'custom.json:1:18: "maxFileSize" must be a positive number of bytes\n' });
      } finally {
        removeProject(d);
      }
    });
  });
});
