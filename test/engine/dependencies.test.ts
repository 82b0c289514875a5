// The engine is the ground floor: it imports no rule and no front end. Rules, the CLI and the
// server hand it their rule set (and worker threads a script or module that loads it).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';

const ENGINE = path.resolve(__dirname, '../../engine');

it('no engine module imports rules/, cli/, server/ or client/', () => {
  const offending = fs.readdirSync(ENGINE).filter((f) => f.endsWith('.ts')).flatMap((f) => {
    const text = fs.readFileSync(path.join(ENGINE, f), 'utf8');
    return [...text.matchAll(/(?:from|import\(|require\()\s*'(\.\.\/(?:rules|cli|server|client)\b[^']*)'/g)].map((m) => `${f}: ${m[1]}`);
  });
  assert.deepEqual(offending, []);
});

it('types.ts imports nothing that imports it back (it declares RuleContext itself)', () => {
  const text = fs.readFileSync(path.join(ENGINE, 'types.ts'), 'utf8');
  const imported = [...text.matchAll(/from '\.\/([\w-]+)'/g)].map((m) => m[1]);
  for (const mod of imported) {
    const other = fs.readFileSync(path.join(ENGINE, `${mod}.ts`), 'utf8');
    assert.doesNotMatch(other, /from '\.\/types'/, `${mod}.ts imports types.ts, which imports it`);
  }
});
