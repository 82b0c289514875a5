// The main job for a newcomer: lint the bundled example service and show what it finds.
// Findings make the CLI exit 1, which is the point of the demo, so this script reports the
// exit code in words and exits 0 (npm would otherwise print an error for a successful demo).
import { spawnSync } from 'node:child_process';

const target = process.argv[2] ?? 'examples/service';
const r = spawnSync(process.execPath, ['dist/cli.js', target], { stdio: 'inherit' });
const meaning = { 0: 'no problems found', 1: 'problems found (exit code 1, as CI would fail)', 2: 'usage or configuration error' };
console.log(`\nstability-lint ${target}: ${meaning[r.status] ?? `exit code ${r.status}`}`);
process.exit(r.status === 2 || r.status === null ? 1 : 0);
