import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cli, removeProject, SAMPLE_FILES, tempProject } from './helpers';
import { rulesWithUnsafe, testRules } from './test-rules';

const EXPECTED = [
  '',
  'src/a.ts',
  '  1:7   error    Do not use "foo": it blocks the event loop.  no-foo',
  '  2:5   warning  Unfinished: "todo", 100% sure.               no-todo',
  '  2:12  error    Do not use "foo": it blocks the event loop.  no-foo',
  '  3:7   info     Consider "baz".                              note-baz',
  '  3:13  warning  Wrap "qux".                                  wrap-qux',
  '',
  'src/c.ts',
  '  1:7  error  Parsing error: Variable declaration expected.',
  '',
  '✖ 6 problems (3 errors, 2 warnings, 1 info)',
  '  2 errors and 1 warning potentially fixable with the --fix option.',
  '',
].join('\n');

const ESC = '\u001b[';

describe('stylish format (default)', () => {
  let dir: string;
  before(() => {
    dir = tempProject(SAMPLE_FILES);
  });
  after(() => removeProject(dir));

  it('groups by relative path, aligns columns, and sums up', async () => {
    const r = await cli([], { cwd: dir, rules: testRules });
    assert.deepEqual(r, { code: 1, stdout: EXPECTED, stderr: '' });
  });

  it('counts problems only --fix --unsafe can fix apart from those --fix fixes', async () => {
    const d = tempProject({ 'src/w.ts': 'wait();\nslow();\nfoo();\n' });
    try {
      const r = await cli([], { cwd: d, rules: rulesWithUnsafe });
      assert.deepEqual(r.stdout.split('\n').slice(-4), [
        '✖ 3 problems (1 error, 2 warnings, 0 infos)',
        // `wait` has a safe fix after its unsafe one: --fix fixes it.
        '  1 error and 1 warning potentially fixable with the --fix option.',
        '  1 more problem fixable with --fix --unsafe (adds timeouts, limits or eviction: review the diff).',
        '',
      ]);
    } finally {
      removeProject(d);
    }
  });

  it('prints nothing and exits 0 when nothing is found', async () => {
    const r = await cli(['src/b.ts'], { cwd: dir, rules: testRules });
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
  });

  it('says "problem", "error", "warning" and "info" in the singular for one', async () => {
    const one = tempProject({ 'x.ts': 'const baz = 1;\n' });
    try {
      const r = await cli([], { cwd: one, rules: testRules });
      assert.equal(r.code, 0);
      assert.equal(r.stdout, '\nx.ts\n  1:7  info  Consider "baz".  note-baz\n\n✖ 1 problem (0 errors, 0 warnings, 1 info)\n');
    } finally {
      removeProject(one);
    }
  });

  it('with --quiet lists errors only', async () => {
    const r = await cli(['--quiet', 'src/a.ts'], { cwd: dir, rules: testRules });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, [
      '',
      'src/a.ts',
      '  1:7   error  Do not use "foo": it blocks the event loop.  no-foo',
      '  2:12  error  Do not use "foo": it blocks the event loop.  no-foo',
      '',
      '✖ 2 problems (2 errors, 0 warnings, 0 infos)',
      '  2 errors and 0 warnings potentially fixable with the --fix option.',
      '',
    ].join('\n'));
  });

  describe('colour', () => {
    const colored = (stdout: string) => stdout.includes(ESC);
    const cases: { name: string; argv: string[]; env: Record<string, string>; isTTY: boolean; expected: boolean }[] = [
      { name: 'on for a terminal', argv: [], env: {}, isTTY: true, expected: true },
      { name: 'off for a pipe', argv: [], env: {}, isTTY: false, expected: false },
      { name: 'NO_COLOR turns it off on a terminal', argv: [], env: { NO_COLOR: '1' }, isTTY: true, expected: false },
      { name: 'an empty NO_COLOR is ignored', argv: [], env: { NO_COLOR: '' }, isTTY: true, expected: true },
      { name: 'FORCE_COLOR turns it on for a pipe', argv: [], env: { FORCE_COLOR: '1' }, isTTY: false, expected: true },
      { name: 'FORCE_COLOR=0 turns it off on a terminal', argv: [], env: { FORCE_COLOR: '0' }, isTTY: true, expected: false },
      { name: 'FORCE_COLOR wins over NO_COLOR', argv: [], env: { FORCE_COLOR: '1', NO_COLOR: '1' }, isTTY: false, expected: true },
      { name: '--color wins over NO_COLOR', argv: ['--color'], env: { NO_COLOR: '1' }, isTTY: false, expected: true },
      { name: '--no-color wins over FORCE_COLOR', argv: ['--no-color'], env: { FORCE_COLOR: '1' }, isTTY: true, expected: false },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const r = await cli([...c.argv, 'src/a.ts'], { cwd: dir, rules: testRules, env: c.env, isTTY: c.isTTY });
        assert.equal(colored(r.stdout), c.expected);
      });
    }

    it('underlines the path, colours severities, and strips to the plain report', async () => {
      const r = await cli(['--color'], { cwd: dir, rules: testRules });
      assert.ok(r.stdout.includes(`${ESC}4msrc/a.ts${ESC}24m`));
      assert.ok(r.stdout.includes(`${ESC}31merror  ${ESC}39m`));
      assert.ok(r.stdout.includes(`${ESC}33mwarning${ESC}39m`));
      assert.ok(r.stdout.includes(`${ESC}34minfo   ${ESC}39m`));
      assert.equal(r.stdout.replace(/\u001b\[\d+m/g, ''), EXPECTED);
    });
  });

  describe('progress on a terminal', () => {
    it('stays silent for the first second, then redraws one line on stderr and clears it', async () => {
      let t = 0;
      const now = () => (t += 600); // 600 ms per call: the start, then one call per file
      const r = await cli(['--format', 'json'], { cwd: dir, rules: testRules, stderrIsTTY: true, now });
      assert.equal(r.stderr, `\r${ESC}KLinting… 2/3 files\r${ESC}KLinting… 3/3 files\r${ESC}K`);
    });

    it('draws nothing for a fast run', async () => {
      const r = await cli(['--format', 'json'], { cwd: dir, rules: testRules, stderrIsTTY: true, now: () => 0 });
      assert.equal(r.stderr, '');
    });

    it('draws nothing when stderr is not a terminal', async () => {
      let t = 0;
      const r = await cli(['--format', 'json'], { cwd: dir, rules: testRules, stderrIsTTY: false, isTTY: true, now: () => (t += 600) });
      assert.equal(r.stderr, '');
    });
  });
});
