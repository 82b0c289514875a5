// The `stability-lint` executable: runs the CLI on this process's arguments and streams.
// Sets process.exitCode rather than calling process.exit, so a piped report is fully flushed.
import { run } from './run';

// `stability-lint | head` closes the pipe early; that is the reader's choice, not a crash. The
// run still finishes and sets the exit code; what it writes after that goes nowhere.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
});

run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`stability-lint: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
