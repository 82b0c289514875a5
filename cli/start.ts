// The entry of dist/cli.js, kept small: --help, --version and wrong usage are answered from the
// arguments (and package.json's version) without loading dist/bundle.js, the 15 MB bundle that
// holds the TypeScript compiler; so is a --cache run when nothing changed since the last one
// (cli/replay-run.ts). Anything else starts the CLI in that bundle through V8's code cache
// (dist/code-cache.js), which parses the arguments again (a microsecond) and lints.
import * as path from 'node:path';
import { quickAnswer } from './quick-answers';
import { replayUnchangedRun } from './replay-run';

// `stability-lint | head` closing the pipe early is the reader's choice (as in cli/main.ts).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
});

const argv = process.argv.slice(2);
const bundle = path.join(__dirname, 'bundle.js');
const answer = quickAnswer(argv, process);
const io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, isTTY: process.stdout.isTTY === true, stderrIsTTY: process.stderr.isTTY === true };
// Exit codes, not process.exit: a piped answer is flushed in full.
const code = typeof answer === 'number' ? answer : replayUnchangedRun(argv, answer, io, bundle);
if (code !== undefined) process.exitCode = code;
else require('./code-cache.js').run(bundle, module, 'cli', { cacheAtExit: true });
