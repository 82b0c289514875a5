// The docs' examples are tests: every `incorrect` block in docs/rules/<id>.md must produce a
// diagnostic of that rule, every `correct` block none. Docs cannot rot.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixClassesLine } from '../cli/list-rules';
import { allRules } from '../rules';
import { docExamples } from './doc-examples';
import { lintCase } from './rule-tester';

const DOCS_DIR = path.resolve(__dirname, '../docs/rules');
it('the README links every rule to its docs page', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
  for (const id of allRules.keys()) {
    assert.ok(readme.includes(`[\`${id}\`](docs/rules/${id}.md)`), `README does not link ${id} to docs/rules/${id}.md`);
  }
});

for (const [id, rule] of allRules) {
  describe(`docs: docs/rules/${id}.md`, () => {
    const file = path.join(DOCS_DIR, `${id}.md`);
    it('exists, names the rule and has the standard sections', () => {
      assert.ok(fs.existsSync(file), `docs/rules/${id}.md is missing`);
      const md = fs.readFileSync(file, 'utf8');
      assert.match(md, new RegExp(`^# ${id}\\b`, 'm'));
      for (const section of ['## Why', '## Incorrect', '## Correct', '## Options', '## Fixes']) {
        assert.ok(md.includes(section), `docs/rules/${id}.md lacks a "${section}" section`);
      }
    });
    it('opens its Fixes section with the classes of fix the rule declares', () => {
      const md = fs.readFileSync(file, 'utf8');
      const fixes = md.slice(md.indexOf('## Fixes') + '## Fixes'.length).trimStart();
      assert.equal(fixes.split(/\r?\n\r?\n/)[0].replace(/\s*\n\s*/g, ' '), fixClassesLine(rule.meta.fixable));
    });
    if (!fs.existsSync(file)) return;
    const examples = docExamples(fs.readFileSync(file, 'utf8'));
    it('has at least one incorrect and one correct example', () => {
      assert.ok(examples.some((e) => e.kind === 'incorrect'), 'no incorrect example');
      assert.ok(examples.some((e) => e.kind === 'correct'), 'no correct example');
    });
    for (const ex of examples) {
      it(`${ex.kind} example at line ${ex.line} (${ex.filename})`, async () => {
        const { messages } = await lintCase(rule, { code: ex.code, filename: ex.filename });
        const own = messages.filter((m) => m.ruleId === id);
        const fatal = messages.filter((m) => m.fatal);
        assert.deepEqual(fatal.map((m) => m.message), [], 'the example does not parse');
        if (ex.kind === 'incorrect') assert.ok(own.length > 0, `expected a ${id} diagnostic`);
        else assert.deepEqual(own.map((m) => `${m.line}:${m.column} ${m.message}`), [], `expected no ${id} diagnostic`);
      });
    }
  });
}
