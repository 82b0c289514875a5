// Preloaded into every test process by scripts/test.mjs: the process gets a temp folder of its
// own under the run's root and points TMPDIR at it, so every mkdtemp of a test (and of the CLI
// or server it spawns) lands there, and the folder goes when the process exits.
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = process.env.SL_TEST_TMP_ROOT;
if (root && fs.existsSync(root)) {
  const dir = fs.mkdtempSync(path.join(root, `pid${process.pid}-`));
  process.env.TMPDIR = dir;
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
}
