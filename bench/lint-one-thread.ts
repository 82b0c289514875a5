// The CLI with every file linted on this thread: cli/run.ts given a copy of the product's rules,
// which worker threads cannot load, so the run stays here. bench/compare-findings.mjs runs it
// (from source, through tsx) as the lint without worker threads.
// Usage: node --import tsx bench/lint-one-thread.ts [CLI arguments]
import { run } from '../cli/run';
import { allRules } from '../rules';

run(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, isTTY: false, env: process.env }, { rules: new Map(allRules) }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`lint-one-thread: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
