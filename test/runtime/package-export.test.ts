// Fixes that cannot add the shim file import `stability-lint/runtime`: the package must
// really export it, for both module systems.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { it } from 'node:test';

const REPO = path.resolve(__dirname, '../..');

it('stability-lint/runtime resolves and loads from CommonJS and ESM', () => {
  const names = ['boundedMap', 'boundedSet', 'limiter', 'onShutdown', 'once', 'retry', 'shutdownSignal', 'withTimeout'];
  const cjs = execFileSync(process.execPath, ['-e', "console.log(Object.keys(require('stability-lint/runtime')).sort().join(','))"], { cwd: REPO, encoding: 'utf8' });
  const esm = execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('stability-lint/runtime'); console.log(Object.keys(m).sort().join(','))"], { cwd: REPO, encoding: 'utf8' });
  for (const out of [cjs, esm]) {
    const exported = out.trim().split(',');
    for (const n of names) assert.ok(exported.includes(n), `${n} missing from ${out}`);
  }
});
