import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cli, removeProject, tempProject } from './helpers';
import { testRules } from './test-rules';

type JsonResult = { filePath: string; messages: { ruleId: string | null; severity: number; message: string; fatal?: boolean; stabilityLint?: { skipped?: true } }[] };

describe('which files are linted, and files that cannot be', () => {
  let dir: string;
  before(() => {
    dir = tempProject({
      '.gitignore': 'generated/\n*.local.ts\n',
      'stability-lint.config.json': '{ "ignores": ["vendor/**"], "maxFileSize": 64 }',
      'src/good.ts': 'foo();\n',
      'src/broken.ts': 'function (\n',
      'src/also-good.js': 'todo();\n',
      'src/blob.js': new Uint8Array([0x66, 0x6f, 0x6f, 0x00, 0x01, 0x02, 0x0a]),
      'src/huge.ts': `// ${'x'.repeat(100)}\nfoo();\n`,
      'generated/out.ts': 'foo();\n',
      'src/secret.local.ts': 'foo();\n',
      'vendor/lib.ts': 'foo();\n',
      'notes.txt': 'foo\n',
    });
  });
  after(() => removeProject(dir));

  const lintJson = async (argv: string[] = []) => {
    const r = await cli(['--format', 'json', ...argv], { cwd: dir, rules: testRules });
    return { ...r, results: JSON.parse(r.stdout) as JsonResult[] };
  };
  const rel = (f: string) => f.slice(dir.length + 1);

  it('honours .gitignore and config ignores, and reads only the file kinds it knows', async () => {
    const { results } = await lintJson();
    assert.deepEqual(results.map((r) => rel(r.filePath)), ['src/also-good.js', 'src/blob.js', 'src/broken.ts', 'src/good.ts', 'src/huge.ts']);
  });

  it('a file that does not parse is one fatal message; the files beside it are still linted', async () => {
    const { code, results } = await lintJson();
    assert.equal(code, 1);
    const byFile = Object.fromEntries(results.map((r) => [rel(r.filePath), r.messages]));
    assert.deepEqual(byFile['src/broken.ts'], [
      { ruleId: null, severity: 2, message: 'Parsing error: Identifier expected.', line: 1, column: 10, fatal: true },
    ]);
    assert.deepEqual(byFile['src/good.ts'].map((m) => m.ruleId), ['no-foo']);
    assert.deepEqual(byFile['src/also-good.js'].map((m) => m.ruleId), ['no-todo']);
  });

  it('a template (a placeholder where the parse stops) is an info note, and does not fail the run', async () => {
    const tpl = tempProject({ 'client/ws-client.js': 'Client.prototype.defaults = function () {\n  %%DEFAULTS%%\n}\n' });
    try {
      const r = await cli(['--format', 'json', '.'], { cwd: tpl, rules: testRules });
      assert.equal(r.code, 0);
      assert.deepEqual((JSON.parse(r.stdout) as JsonResult[])[0].messages, [
        { ruleId: null, severity: 1, message: 'Skipped: a template, not code (the placeholder %%DEFAULTS%% is filled in before it runs)', line: 2, column: 3, stabilityLint: { skipped: true } },
      ]);
    } finally {
      removeProject(tpl);
    }
  });

  it('a binary file is skipped with an info note', async () => {
    const { results } = await lintJson(['src/blob.js']);
    assert.deepEqual(results[0].messages, [{ ruleId: null, severity: 1, message: 'Skipped: binary file', line: 1, column: 1, stabilityLint: { skipped: true } }]);
    assert.equal((results[0] as { source?: string }).source, undefined);
  });

  it('a file over maxFileSize is skipped with an info message, and does not fail the run', async () => {
    const r = await cli(['src/huge.ts'], { cwd: dir, rules: testRules });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, [
      '',
      'src/huge.ts',
      '  1:1  info  Skipped: file is 111 bytes, over the 64 bytes limit (maxFileSize)',
      '',
      '✖ 1 problem (0 errors, 0 warnings, 1 info)',
      '',
    ].join('\n'));
  });

  it('a file named on the command line but ignored by config is not linted, with a warning on stderr', async () => {
    const r = await lintJson(['vendor/lib.ts', 'src/good.ts']);
    assert.deepEqual(r.results.map((x) => rel(x.filePath)), ['src/good.ts']);
    assert.equal(r.stderr, 'stability-lint: warning: File ignored by configuration: vendor/lib.ts\n');
  });

  it('a named file of a kind it does not read is a warning, not an error', async () => {
    const r = await lintJson(['notes.txt']);
    assert.deepEqual(r, { code: 0, stdout: '[]\n', stderr: 'stability-lint: warning: Not a file stability-lint reads: notes.txt\n', results: [] });
  });
});

describe('a package whose code is all build output', () => {
  let dir: string;
  before(() => {
    dir = tempProject({ 'package.json': '{ "name": "shipped" }', 'dist/index.js': 'foo();\n', 'dist/index.d.ts': '' });
  });
  after(() => removeProject(dir));

  const note = 'Skipped: build output, the only code under . (name it to lint it: stability-lint dist)';
  const lint = (argv: string[]) => cli(argv, { cwd: dir, rules: testRules });

  it('the report itself says so, as an info note on the folder: a CI job reading JSON sees it, and the run passes', async () => {
    const r = await lint(['--format', 'json', '.']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    const results = JSON.parse(r.stdout) as (JsonResult & { errorCount: number; warningCount: number })[];
    const folder = results.find((x) => x.filePath === `${dir}/dist`)!;
    assert.deepEqual(folder.messages, [{ ruleId: null, severity: 1, message: note, line: 1, column: 1, stabilityLint: { skipped: true } }]);
    assert.equal(folder.errorCount + folder.warningCount, 0);
  });

  it('the listing shows it as an info line; SARIF as a notification; GitHub as a notice', async () => {
    const stylish = await lint(['.']);
    assert.equal(stylish.code, 0);
    assert.equal(stylish.stdout, ['', 'dist', `  1:1  info  ${note}`, '', '✖ 1 problem (0 errors, 0 warnings, 1 info)', ''].join('\n'));
    const sarif = await lint(['--format', 'sarif', '.']);
    assert.equal(sarif.code, 0);
    const run = JSON.parse(sarif.stdout).runs[0];
    assert.deepEqual(run.results, []);
    assert.deepEqual(run.invocations[0].toolExecutionNotifications, [
      { level: 'note', message: { text: note }, locations: [{ physicalLocation: { artifactLocation: { uri: 'dist', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } } }] },
    ]);
    const github = await lint(['--format', 'github', '.']);
    assert.equal(github.code, 0);
    assert.equal(github.stdout, `::notice file=dist,line=1,col=1,title=stability-lint::${note}\n`);
  });

  it('naming the folder lints it, with no note', async () => {
    const r = await lint(['--format', 'json', 'dist']);
    const results = JSON.parse(r.stdout) as JsonResult[];
    assert.deepEqual(results.map((x) => x.filePath.slice(dir.length + 1)), ['dist/index.js']);
    assert.equal(r.code, 1);
  });
});

describe('copies of code Node runs from elsewhere (browser builds, dual builds, compiled twins)', () => {
  let dir: string;
  const tsc = '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nfoo();\n';
  before(() => {
    dir = tempProject({
      'package.json': JSON.stringify({
        name: 'client', main: './dist/cjs/index.js',
        exports: { '.': { node: { import: './dist/esm/index.js', require: './dist/cjs/index.js' }, browser: './dist/web.mjs', default: './dist/web.mjs' } },
      }),
      // Each copy calls foo() (an error); the code Node runs only has todo (a warning).
      'dist/cjs/index.js': 'todo;\n', 'dist/esm/index.js': 'foo();\n', 'dist/web.mjs': 'foo();\n',
      'src/index.ts': 'todo;\n', 'lib/index.js': tsc,
      'transformers/sockjs/library.js': "(function(f){var g;if(typeof window!=='undefined'){g=window}g.SockJS=f()})(function(){foo();});\n",
    });
  });
  after(() => removeProject(dir));
  const lint = (argv: string[]) => cli(argv, { cwd: dir, rules: testRules });
  const browserNote = 'Skipped: browser build named by the "browser" condition of "." in package.json exports; Node loads dist/cjs/index.js';
  const twinNote = 'Skipped: ES module twin of dist/cjs, which is linted as require() loads it; 1 file (package.json exports: "require" ./dist/cjs/index.js, "import" ./dist/esm/index.js)';
  const compiledNote = 'Skipped: JavaScript compiled from the TypeScript in src, which is linted (lib/index.js is src/index.ts compiled); 1 file';
  const bundleNote = 'Skipped: browser bundle (it sets a global on window or self)';

  it('the listing names each skipped copy once, with why; what Node runs is linted, and the run passes', async () => {
    const r = await lint(['.']);
    assert.equal(r.stdout, [
      '',
      'src/index.ts',
      '  1:1  warning  Unfinished: "todo", 100% sure.  no-todo',
      '',
      'transformers/sockjs/library.js',
      `  1:1  info  ${bundleNote}`,
      '',
      'dist',
      '  1:1  info  Skipped: build output, beside the code that is linted (name it to lint it: stability-lint dist)',
      '',
      'lib',
      `  1:1  info  ${compiledNote}`,
      '',
      '✖ 4 problems (0 errors, 1 warning, 3 infos)',
      '',
    ].join('\n'));
    assert.equal(r.code, 0);
    const dist = await lint(['dist']);
    assert.equal(dist.stdout, [
      '',
      'dist/cjs/index.js',
      '  1:1  warning  Unfinished: "todo", 100% sure.  no-todo',
      '',
      'dist/web.mjs',
      `  1:1  info  ${browserNote}`,
      '',
      'dist/esm',
      `  1:1  info  ${twinNote}`,
      '',
      '✖ 3 problems (0 errors, 1 warning, 2 infos)',
      '',
    ].join('\n'));
    assert.equal(dist.code, 0);
  });

  it('JSON carries the same notes, as info messages marked stabilityLint.skipped (not the fatal of a parse error) on the skipped file or folder', async () => {
    const r = await lint(['--format', 'json', 'dist', 'src', 'lib']);
    assert.equal(r.code, 0);
    const byFile = Object.fromEntries((JSON.parse(r.stdout) as JsonResult[]).map((x) => [x.filePath.slice(dir.length + 1), x.messages]));
    const note = (message: string) => [{ ruleId: null, severity: 1, message, line: 1, column: 1, stabilityLint: { skipped: true } }];
    assert.deepEqual(Object.keys(byFile).sort(), ['dist/cjs/index.js', 'dist/esm', 'dist/web.mjs', 'lib', 'src/index.ts']);
    assert.deepEqual(byFile['dist/esm'], note(twinNote));
    assert.deepEqual(byFile['dist/web.mjs'], note(browserNote));
    assert.deepEqual(byFile.lib, note(compiledNote));
    assert.deepEqual(byFile['src/index.ts'].map((m) => m.ruleId), ['no-todo']);
  });

  it('linting a subset still works: the named source alone, with no note about copies outside the run', async () => {
    const r = await lint(['src/index.ts']);
    assert.equal(r.stdout, ['', 'src/index.ts', '  1:1  warning  Unfinished: "todo", 100% sure.  no-todo', '', '✖ 1 problem (0 errors, 1 warning, 0 infos)', ''].join('\n'));
    assert.equal(r.code, 0);
  });

  it('a copy named on its own is linted, as the user asked (its twin is not in the run)', async () => {
    const r = await lint(['--format', 'json', 'dist/web.mjs', 'dist/esm', 'lib/index.js']);
    assert.equal(r.code, 1);
    const results = JSON.parse(r.stdout) as JsonResult[];
    assert.deepEqual(results.map((x) => [x.filePath.slice(dir.length + 1), x.messages.map((m) => m.ruleId)]), [
      ['dist/web.mjs', ['no-foo']], ['dist/esm/index.js', ['no-foo']], ['lib/index.js', ['no-foo']],
    ]);
  });
});
