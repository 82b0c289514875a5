// The small entry's half of --cache when nothing changed: the last recorded run's output, printed
// again when its arguments, environment, build and every file-system observation are the same
// (engine/run-replay.ts; recorded by cli/run.ts). Undefined: lint as usual.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheFilePath, DEFAULT_CACHE_FILE } from '../engine/lint-cache';
import { replayFilePath, replayKey, validReplay } from '../engine/run-replay';
import type { CliArgs } from './args';
import { TOOL_VERSION } from './product';
import type { QuickIo } from './quick-answers';

export interface ReplayIo extends QuickIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
  stderrIsTTY: boolean;
}

/** The exit code of the replayed run, or undefined when there is none to replay. */
export function replayUnchangedRun(argv: readonly string[], args: CliArgs, io: ReplayIo, bundle: string): number | undefined {
  if (!(args.cache || args.cacheLocation !== undefined) || args.fix || args.fixDryRun || args.listRules || args.printConfig !== undefined) return undefined;
  let replayFile: string;
  try {
    replayFile = replayFilePath(cacheFilePath(args.cacheLocation ?? DEFAULT_CACHE_FILE, io.cwd));
  } catch {
    return undefined;
  }
  const key = replayKey({ argv, cwd: io.cwd, env: io.env, isTTY: io.isTTY, stderrIsTTY: io.stderrIsTTY, toolVersion: TOOL_VERSION, bundle });
  const replay = validReplay(replayFile, key);
  if (!replay) return undefined;
  if (replay.outputFile !== undefined) {
    try {
      fs.mkdirSync(path.dirname(replay.outputFile), { recursive: true });
      fs.writeFileSync(replay.outputFile, replay.report ?? '');
    } catch {
      return undefined; // the full run reports why the file cannot be written
    }
  }
  io.stdout.write(replay.stdout);
  io.stderr.write(replay.stderr);
  return replay.exitCode;
}
