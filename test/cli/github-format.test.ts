import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { escapeData, escapeProperty } from '../../cli/formats/github';
import { cli, removeProject, SAMPLE_FILES, tempProject } from './helpers';
import { testRules } from './test-rules';

describe('--format github', () => {
  let dir: string;
  before(() => {
    dir = tempProject({ ...SAMPLE_FILES, 'odd, dir:x/y.ts': 'foo;\n' });
  });
  after(() => removeProject(dir));

  it('prints one workflow command per problem: error, warning, notice', async () => {
    const r = await cli(['--format', 'github'], { cwd: dir, rules: testRules });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, [
      '::error file=odd%2C dir%3Ax/y.ts,line=1,col=1,endLine=1,endColumn=4,title=no-foo::Do not use "foo": it blocks the event loop.%0AA synchronous call holds every other request until it returns.',
      '::error file=src/a.ts,line=1,col=7,endLine=1,endColumn=10,title=no-foo::Do not use "foo": it blocks the event loop.%0AA synchronous call holds every other request until it returns.',
      '::warning file=src/a.ts,line=2,col=5,endLine=2,endColumn=9,title=no-todo::Unfinished: "todo", 100%25 sure.',
      '::error file=src/a.ts,line=2,col=12,endLine=2,endColumn=15,title=no-foo::Do not use "foo": it blocks the event loop.%0AA synchronous call holds every other request until it returns.',
      '::notice file=src/a.ts,line=3,col=7,endLine=3,endColumn=10,title=note-baz::Consider "baz".',
      '::warning file=src/a.ts,line=3,col=13,endLine=3,endColumn=16,title=wrap-qux::Wrap "qux".',
      '::error file=src/c.ts,line=1,col=7,title=stability-lint::Parsing error: Variable declaration expected.',
      '',
    ].join('\n'));
  });

  it('prints nothing for a clean project', async () => {
    const r = await cli(['--format', 'github', 'src/b.ts'], { cwd: dir, rules: testRules });
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext%3A a%2C b');
  });
});
