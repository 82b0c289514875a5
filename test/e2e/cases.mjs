// What every real-editor suite checks: in the workspace copy, each file's finding (rule id,
// severity, 1-based line and column, message start), the exact line before and after its
// preferred quick fix (and that fix's title), and that the finding is gone afterwards.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtureWorkspace = path.join(repoRoot, 'test/e2e/fixtures/service');

export const cases = [
  {
    file: 'src/prices.js',
    rule: 'missing-timeout',
    severity: 'warning',
    line: 3,
    column: 21,
    message: '`fetch()` has no time limit',
    fixTitle: 'Add `signal: AbortSignal.timeout(10_000)`',
    before: '  const res = await fetch(`https://prices.internal/v1/${sku}`);',
    after: '  const res = await fetch(`https://prices.internal/v1/${sku}`, { signal: AbortSignal.timeout(10_000) });',
  },
  {
    file: 'package.json',
    rule: 'watch-mode-script',
    severity: 'error',
    line: 7,
    column: 15,
    message: 'Script "start" runs the service under a file watcher (`nodemon`)',
    fixTitle: 'Run without the watcher: `node src/server.js`',
    before: '    "start": "nodemon src/server.js"',
    after: '    "start": "node src/server.js"',
  },
];

/** A fresh copy of the fixture workspace in a temp folder; the caller removes it. */
export function copyWorkspace(label) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stability-lint-e2e-${label}-`));
  const ws = path.join(dir, 'service');
  fs.cpSync(fixtureWorkspace, ws, { recursive: true });
  return { dir, ws };
}
