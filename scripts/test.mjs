// Runs every test/**/*.test.ts with Node's test runner (TypeScript through tsx).
// Usage: node scripts/test.mjs [substring…] to run only matching test files.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' || e.name === '.tmp' ? [] : find(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}
const filters = process.argv.slice(2);
const files = find('test').filter((f) => !filters.length || filters.some((s) => f.includes(s))).sort();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
