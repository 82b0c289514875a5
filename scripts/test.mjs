// Runs every test/**/*.test.ts with Node's test runner (TypeScript through tsx).
// Usage: node scripts/test.mjs [substring…] to run only matching test files.
//
// Temp folders: the run gets one root under the system temp folder; each test process works in
// a folder of its own inside it (test/setup/temp-root.mjs), removed when that process exits.
// Anything still there at the end (a test process that died, a child that outlived it) fails
// the run, listed, and the root is removed either way.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' || e.name === '.tmp' ? [] : find(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Everything under `dir`, as paths relative to it, folders listed before what they hold. */
function listAll(dir, rel = '') {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? join(rel, e.name) : e.name;
    return e.isDirectory() ? [p, ...listAll(dir, p)] : [p];
  });
}

const filters = process.argv.slice(2);
const files = find('test').filter((f) => !filters.length || filters.some((s) => f.includes(s))).sort();
const root = mkdtempSync(join(tmpdir(), 'sl-test-run-'));
let status;
try {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/setup/temp-root.mjs', '--test', '--test-concurrency=2', ...files], {
    stdio: 'inherit',
    env: { ...process.env, SL_TEST_TMP_ROOT: root },
  });
  status = r.status ?? 1;
  const left = listAll(root);
  if (left.length) {
    console.error(`\nTests left ${left.length} entries in the temp folder (${root}):\n${left.slice(0, 40).map((p) => `  ${p}`).join('\n')}`);
    status ||= 1;
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(status);
