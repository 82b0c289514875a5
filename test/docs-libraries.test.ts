// The rule docs list the libraries each rule knows, generated from the knowledge table: the
// committed pages must match it (regenerate with `npm run docs:libraries`), and every module
// the table knows appears on some page.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { LIBRARIES } from '../engine/knowledge';
import { KNOWLEDGE_RULES, knownLibraries, saneDefaults, withKnownLibraries } from '../engine/knowledge-docs';
import { DOCS_DIR } from '../scripts/write-library-docs';

for (const id of KNOWLEDGE_RULES) {
  it(`docs/rules/${id}.md lists the libraries the table gives it (npm run docs:libraries)`, () => {
    const md = fs.readFileSync(path.join(DOCS_DIR, `${id}.md`), 'utf8');
    assert.equal(md, withKnownLibraries(md, id));
    assert.ok(md.includes('## Known libraries'));
  });
}

it('every module in the table is listed for some rule', () => {
  const listed = new Set(KNOWLEDGE_RULES.flatMap((id) => knownLibraries(id).map((r) => r.module)));
  const apps = new Set(LIBRARIES.filter((e) => e.app).map((e) => e.module));
  for (const e of LIBRARIES) assert.ok(listed.has(e.module) || apps.has(e.module), `${e.module} is listed nowhere`);
});

it('a library with a sane default has no missing-timeout entry', () => {
  const timed = new Set(LIBRARIES.filter((e) => e.timeout).map((e) => e.module));
  for (const s of saneDefaults()) {
    for (const module of s.module.split(' / ')) assert.ok(!timed.has(module.replace(/ \(.*\)$/, '')) || /\(/.test(module), `${module} has a documented sane default but a timeout entry`);
  }
});
