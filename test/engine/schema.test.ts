// The committed JSON schema matches the rules' metadata (regenerate with `npm run schema`).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { it } from 'node:test';
import { LIBRARY_KEYS, RESOURCE_KEYS, TIMEOUT_KEYS, TOP_KEYS } from '../../engine/config';
import { allRules } from '../../rules';
import { SCHEMA_FILE, schemaText } from '../../scripts/write-schema';

it('schema/stability-lint.schema.json is current (npm run schema)', () => {
  assert.equal(fs.readFileSync(SCHEMA_FILE, 'utf8'), schemaText());
});

it('the schema lists every rule with its options', () => {
  const schema = JSON.parse(schemaText());
  assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...allRules.keys()].sort());
});

it('the schema knows exactly the keys the config loader accepts', () => {
  const p = JSON.parse(schemaText()).properties;
  const lib = p.libraries.items.properties;
  assert.deepEqual(Object.keys(p).sort(), [...TOP_KEYS].sort());
  assert.deepEqual(Object.keys(lib).sort(), [...LIBRARY_KEYS].sort());
  assert.deepEqual(Object.keys(lib.timeout.properties).sort(), [...TIMEOUT_KEYS].sort());
  assert.deepEqual(Object.keys(lib.resource.properties).sort(), [...RESOURCE_KEYS].sort());
});
