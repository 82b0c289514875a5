// The CLI as a function: arguments and streams in, exit code out, so tests run it in-process.
// Stdout carries only the report (or what was asked for: help, version, rules, config);
// everything else (warnings, fix notes, errors) goes to stderr.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, ConfigLoader } from '../engine/config';
import { didYouMean } from '../engine/did-you-mean';
import { UsageError } from '../engine/files';
import { cacheFilePath, DEFAULT_CACHE_FILE } from '../engine/lint-cache';
import { dropReplay, recordObservations, type Observation, replayFilePath, replayKey, saveReplay } from '../engine/run-replay';
import { lintProject } from '../engine/lint-project';
import type { FileReport, Rule } from '../engine/types';
import { allRules } from '../rules';
import type { CliArgs, FormatName } from './args';
import { useColor } from './colors';
import type { Formatter } from './formats/formatter';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatStylish } from './formats/stylish';
import { formatRuleTable, ruleListing } from './list-rules';
import { addCounts, countMessages } from './message-counts';
import { quickAnswer } from './quick-answers';
import { displayPath } from './paths';
import { TOOL_NAME, TOOL_VERSION } from './product';
import { terminalProgress, type Progress } from './progress';
import { SourceTexts } from './source-texts';

/** The CLI's lint worker script: beside this bundle when built, the TypeScript source under tsx. */
const CLI_WORKER = path.join(__dirname, __filename.endsWith('.ts') ? 'lint-worker.ts' : 'lint-worker.js');

export interface Writer {
  write(chunk: string): unknown;
}

export interface CliIo {
  cwd: string;
  stdout: Writer;
  stderr: Writer;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
  /** Whether stderr is a terminal (progress); defaults to isTTY. */
  stderrIsTTY?: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export interface RunOptions {
  /** The rules to offer instead of the product's own (tests register small rules here). */
  rules?: ReadonlyMap<string, Rule<any>>;
  /** The clock, for progress timing. */
  now?: () => number;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_FAILURE = 2;

const FORMATTERS: Record<FormatName, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

export async function run(argv: readonly string[], io: CliIo, opts: RunOptions = {}): Promise<number> {
  const args = quickAnswer(argv, io);
  if (typeof args === 'number') return args;
  const rules = opts.rules ?? allRules;
  try {
    if (args.listRules) {
      const listing = ruleListing(rules, args.verbose);
      return write(io.stdout, args.format === 'json' ? `${JSON.stringify(listing, null, 2)}\n` : formatRuleTable(listing));
    }
    if (args.printConfig !== undefined) return printConfig(args.printConfig, args.config, io, rules);
    if ((args.cache || args.cacheLocation !== undefined) && !args.fix && !args.fixDryRun) return await lintRecorded(argv, args, io, rules, opts);
    return await lint(args, io, rules, opts);
  } catch (e) {
    return reportFailure(e, io);
  }
}

/**
 * A --cache run, recorded (its file-system observations, what it printed) so that the next run
 * with the same arguments finds it in the replay file and, while every observation holds,
 * prints it again without loading the compiler (cli/start.ts, engine/run-replay.ts).
 */
async function lintRecorded(argv: readonly string[], args: CliArgs, io: CliIo, rules: ReadonlyMap<string, Rule<any>>, opts: RunOptions): Promise<number> {
  const cacheFile = cacheFilePath(args.cacheLocation ?? DEFAULT_CACHE_FILE, io.cwd);
  const replayFile = replayFilePath(cacheFile);
  // A replay found stale must not outlive this run if it fails half-way.
  dropReplay(replayFile);
  const stdout = new CapturingWriter(io.stdout);
  const stderr = new CapturingWriter(io.stderr);
  let done: LintDone = { replayable: false };
  const ownFiles = [cacheFile, replayFile, ...(args.outputFile !== undefined ? [path.resolve(io.cwd, args.outputFile)] : [])];
  const recording = recordObservations(ownFiles);
  let code: number;
  let observations: Observation[];
  try {
    code = await lint(args, { ...io, stdout, stderr }, rules, opts, { progressTo: io.stderr, onDone: (d) => (done = d) });
  } finally {
    observations = recording.stop();
  }
  if (done.replayable && code !== EXIT_FAILURE) {
    saveReplay(replayFile, {
      key: replayKey({ argv, cwd: io.cwd, env: io.env, isTTY: io.isTTY, stderrIsTTY: io.stderrIsTTY ?? io.isTTY, toolVersion: TOOL_VERSION, bundle: BUNDLE }),
      ownFiles,
      observations,
      stdout: stdout.text,
      stderr: stderr.text,
      exitCode: code,
      ...(done.report ? { outputFile: done.report.file, report: done.report.text } : {}),
    });
  }
  return code;
}

/** The bundle this module is built into (dist/bundle.js); under tsx a path that does not exist. */
export const BUNDLE = path.join(__dirname, 'bundle.js');

class CapturingWriter implements Writer {
  text = '';
  constructor(private readonly to: Writer) {}
  write(chunk: string): unknown {
    this.text += chunk;
    return this.to.write(chunk);
  }
}

interface LintDone {
  /** The run's output may be replayed while its inputs hold. */
  replayable: boolean;
  /** The report written to --output-file. */
  report?: { file: string; text: string };
}

async function lint(
  args: CliArgs,
  io: CliIo,
  rules: ReadonlyMap<string, Rule<any>>,
  opts: RunOptions,
  hooks: { progressTo?: Writer; onDone?: (d: LintDone) => void } = {},
): Promise<number> {
  for (const id of args.rules) {
    if (!rules.has(id)) throw new UsageError(`Unknown rule "${id}" in --rule${didYouMean(id, [...rules.keys()])}`);
  }
  const progressTo = hooks.progressTo ?? io.stderr;
  const progress: Progress | undefined = (io.stderrIsTTY ?? io.isTTY) ? terminalProgress((s) => progressTo.write(s), opts.now) : undefined;
  let result;
  try {
    result = await lintProject({
      cwd: io.cwd,
      paths: args.paths,
      rules,
      only: args.rules.length ? args.rules : undefined,
      configFile: args.config,
      fix: args.fix || args.fixDryRun ? { write: args.fix, unsafe: args.unsafe } : undefined,
      // The CLI's worker script bundles the product's rules; rules handed in exist only on this thread.
      workerRules: rules === allRules ? { script: CLI_WORKER } : undefined,
      onProgress: progress?.onProgress,
      reportUnusedDirectives: args.reportUnusedDirectives,
      cache: args.cache || args.cacheLocation !== undefined
        // A recorded run (lintRecorded) checks every stored result's dependencies where the recording sees it.
        ? { location: args.cacheLocation ?? DEFAULT_CACHE_FILE, toolVersion: TOOL_VERSION, checkStoredDependencies: hooks.onDone !== undefined }
        : undefined,
      shard: args.shard,
    });
  } finally {
    progress?.finish();
  }

  for (const w of result.warnings) io.stderr.write(`${TOOL_NAME}: warning: ${w}\n`);

  const total = result.reports.map((r) => countMessages(r.messages)).reduce(addCounts, countMessages([]));
  const shown = args.quiet ? result.reports.map(errorsOnly) : result.reports;
  // A report file is plain text unless colour is explicitly asked for.
  const color = args.outputFile !== undefined ? args.color === true : useColor(args.color, io.env, io.isTTY);
  const report = FORMATTERS[args.format](shown, { cwd: io.cwd, rules, color, texts: new SourceTexts(shown) });

  const reportFile = args.outputFile !== undefined ? path.resolve(io.cwd, args.outputFile) : undefined;
  if (reportFile !== undefined) writeReportFile(reportFile, report);
  else if (report) io.stdout.write(report);
  hooks.onDone?.({ replayable: result.replayable === true, ...(reportFile !== undefined ? { report: { file: reportFile, text: report } } : {}) });

  // A created file is the runtime shim: counted apart from the files fixes changed.
  const created = result.reports.filter((r) => r.created).length;
  if (args.fix && result.written.length) {
    io.stderr.write(`${plural(result.written.length - created, 'file')} fixed${created ? `, ${plural(created, 'file')} created` : ''}.\n`);
  }
  if (args.fixDryRun) {
    const changed = result.reports.filter((r) => r.output !== undefined && !r.created).length;
    const also = created ? ` and ${created} created` : '';
    if (changed) io.stderr.write(`${plural(changed, 'file')} would be fixed${also} (--fix-dry-run: nothing written).\n`);
  }
  if ((args.fix || args.fixDryRun) && !args.unsafe && total.unsafeFixable) {
    io.stderr.write(`${plural(total.unsafeFixable, 'problem')} left with unsafe fixes (timeouts, limits, eviction, loop conditions): ` +
      'apply them with --fix --unsafe and review the diff, or one by one in the editor.\n');
  }

  const tooManyWarnings = args.maxWarnings >= 0 && total.warnings > args.maxWarnings;
  if (tooManyWarnings) {
    io.stderr.write(`${TOOL_NAME} found too many warnings (${total.warnings}; maximum: ${args.maxWarnings}).\n`);
  }
  // A rule or the engine failed on some files: the report above is complete otherwise, and the
  // run still fails (2), with each stack for the bug report.
  const internal = result.reports.flatMap((r) => r.messages.filter((m) => m.internalError !== undefined).map((m) => ({ file: r.file, m })));
  for (const { file, m } of internal) {
    io.stderr.write(`${TOOL_NAME}: internal error${m.ruleId ? ` in rule ${m.ruleId}` : ''} on ${displayPath(io.cwd, file)}:${m.line}:${m.column}: ${m.internalError}\n`);
  }
  if (internal.length) return EXIT_FAILURE;
  return total.errors > 0 || tooManyWarnings ? EXIT_PROBLEMS : EXIT_OK;
}

function printConfig(file: string, configFile: string | undefined, io: CliIo, rules: ReadonlyMap<string, Rule<any>>): number {
  const explicit = configFile !== undefined ? path.resolve(io.cwd, configFile) : undefined;
  if (explicit !== undefined && !fs.existsSync(explicit)) throw new UsageError(`Config file not found: ${configFile}`);
  const resolved = new ConfigLoader(rules, explicit).forFile(path.resolve(io.cwd, file));
  return write(io.stdout, `${JSON.stringify(resolved, null, 2)}\n`);
}

/** --quiet keeps errors only, with the file's counts recomputed by the formatter. */
function errorsOnly(report: FileReport): FileReport {
  return { ...report, messages: report.messages.filter((m) => m.severity === 'error') };
}

function writeReportFile(file: string, text: string): void {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new UsageError(`Cannot write the report to ${file}: it is a directory`);
  }
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written even when empty, so a clean run never leaves a stale report behind.
    fs.writeFileSync(file, text);
  } catch (e) {
    throw new UsageError(`Cannot write the report to ${file}: ${(e as Error).message}`);
  }
}

function reportFailure(e: unknown, io: CliIo): number {
  if (e instanceof ConfigError) {
    // file:line:column first, so terminals and editors make it a link.
    io.stderr.write(`${displayPath(io.cwd, e.file)}:${e.line}:${e.column}: ${e.detail}\n`);
  } else if (e instanceof UsageError) {
    io.stderr.write(`${TOOL_NAME}: ${e.message}\n`);
  } else {
    io.stderr.write(`${TOOL_NAME}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  return EXIT_FAILURE;
}

function write(out: Writer, text: string): number {
  out.write(text);
  return EXIT_OK;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
