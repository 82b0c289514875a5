// What the CLI answers from its arguments alone: wrong usage, --help, --version. The small entry
// (cli/start.ts) answers these without loading the bundle that holds the compiler; `run` answers
// them the same way in-process.
import { UsageError } from '../engine/usage-error';
import { parseArgs, type CliArgs } from './args';
import { HELP_TEXT } from './help';
import { TOOL_NAME, TOOL_VERSION } from './product';

export interface QuickIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** The exit code when the arguments alone answer (0: help or version printed, 2: wrong usage); else the parsed arguments. */
export function quickAnswer(argv: readonly string[], io: QuickIo): number | CliArgs {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`${TOOL_NAME}: ${e.message}\nRun "${TOOL_NAME} --help" for usage.\n`);
    return 2;
  }
  if (args.help) return write(io, HELP_TEXT);
  if (args.version) return write(io, `${TOOL_VERSION}\n`);
  return args;
}

function write(io: QuickIo, text: string): number {
  io.stdout.write(text);
  return 0;
}
