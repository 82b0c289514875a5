// How fixes of one pass compose (the spec's "Fix safety": several fixes in one file never bind
// one name twice): list edits of one import merge, a second binding of a name in an
// overlapping scope waits for the next pass, the same binding (one key) is shared.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes } from '../../engine/apply-fixes';
import type { Finding, Fix, FixDeclaration, TextEdit } from '../../engine/types';

const FILE = '/p/a.js';

function finding(fix: Fix): Finding {
  return { ruleId: 'r', messageId: 'm', severity: 'warn', message: 'm', file: FILE, range: { start: 0, end: 0 }, fixes: [fix] };
}

function insert(at: number, text: string): TextEdit {
  return { file: FILE, start: at, end: at, newText: text };
}

function importOf(at: number, ...items: string[]): TextEdit {
  const before = 'const { ';
  const after = " } = require('./rt.cjs');\n";
  return { ...insert(at, before + items.join(', ') + after), list: { key: 'import:./rt.cjs', items, before, after } };
}

function declares(name: string, start: number, end: number, key?: string): FixDeclaration {
  return { name, file: FILE, scope: { start, end }, ...(key === undefined ? {} : { key }) };
}

const TEXT = 'a();\nb();\nfunction f() {\n  c();\n}\n';

function run(fixes: Fix[]) {
  return applyFixes(fixes.map(finding), (f) => (f === FILE ? TEXT : undefined));
}

describe('applyFixes composes the fixes of one pass', () => {
  it('adds names to one import from several fixes as one list', () => {
    const { texts, applied } = run([
      { title: 'x', safety: 'safe', edits: [importOf(0, 'onShutdown'), insert(5, 'onShutdown(x);\n')] },
      { title: 'y', safety: 'safe', edits: [importOf(0, 'limiter'), insert(10, 'limiter(8);\n')] },
      { title: 'z', safety: 'safe', edits: [importOf(0, 'onShutdown')] },
    ]);
    assert.equal(applied, 3);
    assert.equal(texts.get(FILE), "const { onShutdown, limiter } = require('./rt.cjs');\na();\nonShutdown(x);\nb();\nlimiter(8);\nfunction f() {\n  c();\n}\n");
  });

  it('holds back a fix that binds a name another fix of the pass binds in an overlapping scope', () => {
    const { texts, applied } = run([
      { title: 'x', safety: 'safe', edits: [insert(0, 'const interval = 1;\n')], declares: [declares('interval', 0, TEXT.length)] },
      { title: 'y', safety: 'safe', edits: [insert(5, 'const interval = 2;\n')], declares: [declares('interval', 0, TEXT.length)] },
      { title: 'z', safety: 'safe', edits: [insert(27, 'const interval = 3;\n')], declares: [declares('interval', 24, 33)] },
    ]);
    assert.equal(applied, 1);
    assert.equal(texts.get(FILE), 'const interval = 1;\n' + TEXT);
  });

  it('applies fixes binding one name in scopes that do not overlap', () => {
    const { texts, applied } = run([
      { title: 'x', safety: 'safe', edits: [insert(0, 'let n;\n')], declares: [declares('n', 0, 10)] },
      { title: 'y', safety: 'safe', edits: [insert(27, 'let n;\n  ')], declares: [declares('n', 24, 33)] },
    ]);
    assert.equal(applied, 2);
    assert.equal(texts.get(FILE), 'let n;\na();\nb();\nfunction f() {\n  let n;\n  c();\n}\n');
  });

  it('shares a binding several fixes declare under one key (one import of one helper)', () => {
    const key = 'import:./rt.cjs#onShutdown';
    const { applied } = run([
      { title: 'x', safety: 'safe', edits: [importOf(0, 'onShutdown'), insert(5, 'onShutdown(x);\n')], declares: [declares('onShutdown', 0, TEXT.length, key)] },
      { title: 'y', safety: 'safe', edits: [importOf(0, 'onShutdown'), insert(10, 'onShutdown(y);\n')], declares: [declares('onShutdown', 0, TEXT.length, key)] },
      { title: 'z', safety: 'safe', edits: [insert(27, 'const onShutdown = 0;\n  ')], declares: [declares('onShutdown', 24, 33)] },
    ]);
    assert.equal(applied, 2);
  });
});
