// Incremental parsing (the editor path) must give exactly what a fresh parse gives, edit after
// edit: same findings, candidates, facts and exports.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { ConfigLoader } from '../../engine/config';
import { lintFile, LintSession } from '../../engine/lint-file';
import type { FileResult } from '../../engine/types';
import { allRules } from '../../rules';

const FILE = path.resolve(__dirname, '../../examples/service/src/worker.ts');

function comparable(r: FileResult) {
  const { sourceFile: _sf, ...rest } = r;
  return JSON.parse(JSON.stringify(rest));
}

it('edit after edit, the incremental tree lints exactly like a fresh parse', () => {
  const session = new LintSession(allRules);
  const config = new ConfigLoader(allRules).forFile(FILE);
  let text = fs.readFileSync(FILE, 'utf8');
  let tree = lintFile(FILE, config, session, { text, keepSourceFile: true }).sourceFile;
  const edits: ((t: string) => string)[] = [
    (t) => t.replace('while (true) {', 'while (true) {\n    if (Math.random() > 2) break;'),
    (t) => t.replace('if (Math.random() > 2) break;', ''),
    (t) => `${t}\nexport function spin() {\n  for (;;) {}\n}\n`,
    (t) => t.replace('for (;;) {}', 'for (;;) { x'), // a syntax error mid-typing
    (t) => t.replace('for (;;) { x', 'for (;;) {}'),
    (t) => t.slice(0, 10) + t.slice(40),
    (t) => `import { setTimeout as sleep } from 'node:timers/promises';\n${t}`,
  ];
  for (const [i, edit] of edits.entries()) {
    text = edit(text);
    const incremental = lintFile(FILE, config, session, { text, previous: tree, keepSourceFile: true });
    const fresh = lintFile(FILE, config, session, { text });
    assert.deepEqual(comparable(incremental), comparable(fresh), `edit ${i + 1}`);
    assert.equal(incremental.sourceFile!.text, text);
    tree = incremental.sourceFile;
  }
});
