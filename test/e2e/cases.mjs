// What every real-editor suite checks, on a temp copy of the example workspace
// (examples/service, whose README lists these findings): each case's finding (rule id,
// severity, 1-based line and column, message start), the title of its quick fix (preferred
// when safe; an unsafe fix is marked and never preferred),
// the exact lines around the fix before and after it, and that the finding is gone afterwards
// while the file's `others` findings of the same rule stay.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDirs } from './lib.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const exampleWorkspace = path.join(repoRoot, 'examples/service');

export const cases = [
  {
    file: 'src/upstream.ts',
    rule: 'missing-timeout',
    severity: 'warning',
    line: 26,
    column: 21,
    message: '`fetch()` has no time limit',
    // A timeout is an unsafe fix: offered in the menu, marked, not preferred.
    fixTitle: 'Add `signal: AbortSignal.timeout(10_000)` (unsafe)',
    preferred: false,
    others: 1, // axios.create on line 8 stays
    // `text.line` is the first line of `before`, and of `after` unless `text.afterLine` says otherwise; 1-based.
    text: {
      line: 29,
      before: [
        '    body: JSON.stringify(event),',
        '  });',
      ],
      after: [
        '    body: JSON.stringify(event),',
        '    signal: AbortSignal.timeout(10_000),',
        '  });',
      ],
    },
  },
  {
    file: 'package.json',
    rule: 'watch-mode-script',
    severity: 'error',
    line: 8,
    column: 15,
    message: 'Script "start" runs the service under `tsx watch`: run it once in production.',
    fixTitle: 'Run without the watcher: `tsx src/server.ts`',
    // The `dev` script's nudge (line 9) goes too: once `start` runs the entry without the
    // watcher, `dev` has its run-once sibling.
    others: 0,
    text: {
      line: 8,
      before: ['    "start": "tsx watch src/server.ts",'],
      after: ['    "start": "tsx src/server.ts",'],
    },
  },
  {
    file: 'src/worker.ts',
    rule: 'unbounded-loop',
    severity: 'warning',
    line: 48,
    column: 3,
    message: '`while (true)` never ends and nothing can stop it',
    // A changed loop condition is an unsafe fix: offered in the menu, marked, not preferred.
    fixTitle: 'Loop only while the shutdown signal is not aborted (unsafe)',
    preferred: false,
    others: 0,
    // The fix also imports `shutdownSignal` (one line more above), from where the client's
    // capabilities allow; the loop line itself is the same everywhere.
    text: {
      line: 47,
      before: [
        'export async function runNotificationWorker(): Promise<void> {',
        '  while (true) {',
      ],
      afterLine: 48,
      after: [
        'export async function runNotificationWorker(): Promise<void> {',
        '  while (!shutdownSignal().aborted) {',
      ],
    },
  },
];

/**
 * A fresh copy of the example workspace in a temp folder; the caller removes `dir`. Its
 * dependencies (axios, @types/node, @types/pg) are the repository's, linked in as
 * `node_modules`, so the editor's own TypeScript sees a project as a user has it installed.
 */
export function copyWorkspace(label) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stability-lint-e2e-${label}-`));
  tempDirs.add(dir);
  const ws = path.join(dir, 'service');
  fs.cpSync(exampleWorkspace, ws, { recursive: true, filter: (src) => path.basename(src) !== 'node_modules' });
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(ws, 'node_modules'), 'dir');
  return { dir, ws };
}
