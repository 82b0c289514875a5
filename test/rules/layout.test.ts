// The tree tells a rule from a helper: rules/<id>.ts or rules/<id>/index.ts is a rule, each
// listed in rules/index.ts; a rule's own helpers sit in its folder, shared ones in rules/shared/.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { allRules } from '../../rules';

const RULES_DIR = path.resolve(__dirname, '../../rules');

it('every file and folder directly under rules/ is a rule (besides index.ts and shared/)', () => {
  const entries = fs.readdirSync(RULES_DIR, { withFileTypes: true })
    .filter((e) => e.name !== 'index.ts' && e.name !== 'shared')
    .map((e) => (e.isDirectory() ? e.name : e.name.replace(/\.ts$/, '')));
  assert.deepEqual(entries.sort(), [...allRules.keys()].sort());
  for (const e of fs.readdirSync(RULES_DIR, { withFileTypes: true })) {
    if (e.isDirectory() && e.name !== 'shared') assert.ok(fs.existsSync(path.join(RULES_DIR, e.name, 'index.ts')), `rules/${e.name}/ has no index.ts`);
  }
});
