import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OPTIONS } from '../../cli/args';
import { HELP_TEXT } from '../../cli/help';
import { cli, removeProject, tempProject } from './helpers';
import { rulesWithUnsafe, testRules } from './test-rules';
import { version } from '../../package.json';

describe('--version, --help, --list-rules, --print-config', () => {
  let dir: string;
  before(() => {
    dir = tempProject({
      'stability-lint.config.json': '{\n  "rules": { "no-todo": "error", "wrap-qux": ["off"] },\n  "maxFileSize": 1000\n}\n',
      'packages/api/stability-lint.config.json': '{ "ignores": ["gen/**"], "timeouts": { "http": 2500 } }',
      'packages/api/src/a.ts': 'foo();\n',
      'other.json': '{ "rules": { "note-baz": "warn" } }',
    });
  });
  after(() => removeProject(dir));

  it('--version prints the package version', async () => {
    assert.deepEqual(await cli(['--version'], { cwd: dir, rules: testRules }), { code: 0, stdout: `${version}\n`, stderr: '' });
    assert.equal((await cli(['-v'], { cwd: dir, rules: testRules })).stdout, `${version}\n`);
  });

  it('--help prints the usage text, which names every option', async () => {
    const r = await cli(['--help'], { cwd: dir, rules: testRules });
    assert.deepEqual(r, { code: 0, stdout: HELP_TEXT, stderr: '' });
    assert.ok(HELP_TEXT.startsWith('Usage: stability-lint [options] [paths...]\n'));
    for (const o of OPTIONS) assert.ok(HELP_TEXT.includes(o.name), `help mentions ${o.name}`);
    assert.match(HELP_TEXT, /Exit codes:\n {2}0 .*\n {2}1 .*\n(.*\n)? {2}2 /);
  });

  it('--help wins over everything else on the line', async () => {
    assert.equal((await cli(['src', '--fix', '-h'], { cwd: dir, rules: testRules })).stdout, HELP_TEXT);
  });

  it('--list-rules prints id, default severity, the classes of its fixes and description, sorted by id', async () => {
    const r = await cli(['--list-rules'], { cwd: dir, rules: rulesWithUnsafe });
    assert.deepEqual(r, {
      code: 0,
      stderr: '',
      stdout: [
        'RULE        SEVERITY  FIXES        DESCRIPTION',
        'bound-wait  warn      safe+unsafe  Flags the identifier `wait`.',
        'no-foo      error     safe         Flags the identifier `foo`.',
        'no-slow     warn      unsafe       Flags the identifier `slow`.',
        'no-todo     warn      suggestion   Flags the identifier `todo`.',
        'note-baz    info      none         Flags the identifier `baz`.',
        'wrap-qux    warn      safe         Flags the identifier `qux`.',
        '',
        'Fixes: safe ones are applied by --fix; unsafe ones (timeouts, limits, eviction, loop conditions) only by',
        '--fix --unsafe; suggestions only in the editor. --list-rules --format json says what each writes.',
        '',
      ].join('\n'),
    });
  });

  it('--list-rules --verbose also prints the libraries each rule knows', async () => {
    const r = await cli(['--list-rules', '--verbose'], { cwd: dir });
    assert.equal(r.code, 0);
    const lines = r.stdout.split('\n');
    const knows = (id: string) => lines[lines.findIndex((l) => l.startsWith(`${id} `)) + 1].trim();
    assert.match(knows('missing-timeout'), /^Knows: fetch, undici, .*\bopenai, @anthropic-ai\/sdk\b.*\bimapflow\b/);
    assert.match(knows('unreleased-resource'), /^Knows: .*\bpuppeteer\b.*\bpiscina\b/);
    assert.match(knows('double-close'), /^Knows: .*\btypeorm\b.*\bamqplib\b/);
    assert.doesNotMatch(knows('unbounded-loop'), /^Knows:/);
  });

  it('--list-rules --format json prints the same as data', async () => {
    const r = await cli(['--list-rules', '--format', 'json'], { cwd: dir, rules: testRules });
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), [
      { id: 'no-foo', defaultSeverity: 'error', fixable: 'safe', fixes: { safe: 'renames it to bar' }, description: 'Flags the identifier `foo`.' },
      { id: 'no-todo', defaultSeverity: 'warn', fixable: 'suggestion', fixes: { suggestion: 'renames it to done' }, description: 'Flags the identifier `todo`.' },
      { id: 'note-baz', defaultSeverity: 'info', fixable: 'none', fixes: {}, description: 'Flags the identifier `baz`.' },
      { id: 'wrap-qux', defaultSeverity: 'warn', fixable: 'safe', fixes: { safe: 'wraps it in parentheses' }, description: 'Flags the identifier `qux`.' },
    ]);
  });

  it('--print-config prints the merged configuration for a file as JSON', async () => {
    const r = await cli(['--print-config', 'packages/api/src/a.ts'], { cwd: dir, rules: testRules });
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    const config = JSON.parse(r.stdout);
    assert.deepEqual(config.rules, {
      'no-foo': { severity: 'error', options: {} },
      'no-todo': { severity: 'error', explicit: true, options: {} },
      'note-baz': { severity: 'info', options: {} },
      'wrap-qux': { severity: 'off', explicit: true, options: {} },
    });
    assert.deepEqual(config.sources, [path.join(dir, 'stability-lint.config.json'), path.join(dir, 'packages/api/stability-lint.config.json')]);
    assert.deepEqual(config.ignores, [{ base: path.join(dir, 'packages/api'), patterns: ['gen/**'] }]);
    assert.equal(config.timeouts.http, 2500);
    assert.equal(config.maxFileSize, 1000);
  });

  it('--print-config with --config uses that file instead of searching', async () => {
    const r = await cli(['--config', 'other.json', '--print-config', 'packages/api/src/a.ts'], { cwd: dir, rules: testRules });
    assert.equal(r.code, 0);
    const config = JSON.parse(r.stdout);
    assert.deepEqual(config.sources, [path.join(dir, 'other.json')]);
    assert.equal(config.rules['note-baz'].severity, 'warn');
    assert.equal(config.rules['no-todo'].severity, 'warn');
  });

  it('--print-config reports a broken config like a lint run does', async () => {
    const d = tempProject({ 'stability-lint.config.json': '{ "rules": { "no-foo": "loud" } }' });
    try {
      const r = await cli(['--print-config', 'a.ts'], { cwd: d, rules: testRules });
      assert.deepEqual(r, {
        code: 2,
        stdout: '',
        stderr: 'stability-lint.config.json:1:24: rule "no-foo": invalid severity "loud"; use one of off, info, warn, error\n',
      });
    } finally {
      removeProject(d);
    }
  });
});
