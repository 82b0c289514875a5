// Command-line arguments, parsed by hand: the option table below is the single source for
// parsing, did-you-mean on typos and the names listed in errors.
import { didYouMean } from '../engine/did-you-mean';
import { UsageError } from '../engine/usage-error';
import { parseShard, type Shard } from '../engine/shard';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface CliArgs {
  paths: string[];
  format: FormatName;
  outputFile?: string;
  fix: boolean;
  fixDryRun: boolean;
  /** With --fix or --fix-dry-run: apply unsafe fixes too (timeouts, limits, eviction, loop conditions). */
  unsafe: boolean;
  rules: string[];
  /** -1: no limit, as in ESLint. */
  maxWarnings: number;
  quiet: boolean;
  config?: string;
  printConfig?: string;
  listRules: boolean;
  /** With --list-rules: also the libraries each rule knows. */
  verbose: boolean;
  reportUnusedDirectives?: 'warn' | 'error';
  /** Undefined: decide from the terminal and the environment. */
  color?: boolean;
  version: boolean;
  help: boolean;
  /** Reuse results of unchanged files (--cache); set only when asked for. */
  cache?: true;
  cacheLocation?: string;
  /** Report only this shard's files (--shard k/n). */
  shard?: Shard;
}

type Flag = { name: string; short?: string; takes: 'none' } | { name: string; short?: string; takes: 'value'; valueName: string };

/** Every option, in the order --help lists them. */
export const OPTIONS: readonly Flag[] = [
  { name: '--format', short: '-f', takes: 'value', valueName: FORMATS.join('|') },
  { name: '--output-file', short: '-o', takes: 'value', valueName: 'file' },
  { name: '--fix', takes: 'none' },
  { name: '--fix-dry-run', takes: 'none' },
  { name: '--unsafe', takes: 'none' },
  { name: '--rule', takes: 'value', valueName: 'rule-id' },
  { name: '--max-warnings', takes: 'value', valueName: 'n' },
  { name: '--quiet', takes: 'none' },
  { name: '--config', short: '-c', takes: 'value', valueName: 'file' },
  { name: '--print-config', takes: 'value', valueName: 'file' },
  { name: '--list-rules', takes: 'none' },
  { name: '--verbose', takes: 'none' },
  { name: '--report-unused-disable-directives', takes: 'none' },
  { name: '--report-unused-disable-directives-severity', takes: 'value', valueName: 'error|warn' },
  { name: '--color', takes: 'none' },
  { name: '--no-color', takes: 'none' },
  { name: '--cache', takes: 'none' },
  { name: '--cache-location', takes: 'value', valueName: 'path' },
  { name: '--shard', takes: 'value', valueName: 'k/n' },
  { name: '--version', short: '-v', takes: 'none' },
  { name: '--help', short: '-h', takes: 'none' },
];

const UNUSED_DIRECTIVE_SEVERITIES = ['error', 'warn'] as const;

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    paths: [],
    format: 'stylish',
    fix: false,
    fixDryRun: false,
    unsafe: false,
    rules: [],
    maxWarnings: -1,
    quiet: false,
    listRules: false,
    verbose: false,
    version: false,
    help: false,
  };
  let reportUnused = false;
  let unusedSeverity: 'warn' | 'error' | undefined;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      args.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      args.paths.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const written = eq === -1 ? arg : arg.slice(0, eq);
    const flag = OPTIONS.find((o) => o.name === written || o.short === written);
    if (!flag) {
      // Suggest long names only: any one-letter typo is "close" to every short flag. A long
      // name written with one dash (-format) is compared as if it had two.
      const asLong = written.startsWith('--') ? written : written.length > 2 ? `-${written}` : '';
      const hint = asLong ? didYouMean(asLong, OPTIONS.map((o) => o.name)) : '';
      throw new UsageError(`Unknown option ${written}${hint}`);
    }
    let value: string | undefined;
    if (flag.takes === 'none') {
      if (eq !== -1) throw new UsageError(`${flag.name} takes no value`);
    } else if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      // Another option where a value belongs means the value was forgotten; only a negative
      // number (--max-warnings -1) may start with a dash.
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d+$/.test(next))) {
        throw new UsageError(`${flag.name} needs a value: ${flag.valueName}`);
      }
      value = next;
      i++;
    }
    switch (flag.name) {
      case '--format':
        args.format = oneOf(flag.name, value!, FORMATS);
        break;
      case '--output-file':
        args.outputFile = nonEmpty(flag.name, value!);
        break;
      case '--fix':
        args.fix = true;
        break;
      case '--fix-dry-run':
        args.fixDryRun = true;
        break;
      case '--unsafe':
        args.unsafe = true;
        break;
      case '--rule':
        args.rules.push(nonEmpty(flag.name, value!));
        break;
      case '--max-warnings':
        args.maxWarnings = warningLimit(value!);
        break;
      case '--quiet':
        args.quiet = true;
        break;
      case '--config':
        args.config = nonEmpty(flag.name, value!);
        break;
      case '--print-config':
        args.printConfig = nonEmpty(flag.name, value!);
        break;
      case '--list-rules':
        args.listRules = true;
        break;
      case '--verbose':
        args.verbose = true;
        break;
      case '--report-unused-disable-directives':
        reportUnused = true;
        break;
      case '--report-unused-disable-directives-severity':
        unusedSeverity = oneOf(flag.name, value!, UNUSED_DIRECTIVE_SEVERITIES);
        break;
      case '--color':
        args.color = true;
        break;
      case '--no-color':
        args.color = false;
        break;
      case '--version':
        args.version = true;
        break;
      case '--help':
        args.help = true;
        break;
      case '--cache':
        args.cache = true;
        break;
      case '--cache-location':
        args.cacheLocation = nonEmpty(flag.name, value!);
        break;
      case '--shard':
        args.shard = parseShard(value!);
        break;
    }
  }

  if (args.fix && args.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if (args.unsafe && !args.fix && !args.fixDryRun) throw new UsageError('--unsafe applies unsafe fixes: use it with --fix or --fix-dry-run');
  // Naming a severity is enough to ask for the report; the plain flag reports as warnings.
  if (unusedSeverity) args.reportUnusedDirectives = unusedSeverity;
  else if (reportUnused) args.reportUnusedDirectives = 'warn';
  return args;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const list = allowed.map((a) => `"${a}"`).join(', ');
  throw new UsageError(`Invalid value for ${flag}: "${value}" (expected one of ${list})${didYouMean(value, allowed)}`);
}

function nonEmpty(flag: string, value: string): string {
  if (value === '') throw new UsageError(`${flag} needs a non-empty value`);
  return value;
}

function warningLimit(value: string): number {
  if (!/^-?\d+$/.test(value) || Number(value) < -1) {
    throw new UsageError(`Invalid value for --max-warnings: "${value}" (expected a whole number of warnings, or -1 for no limit)`);
  }
  return Number(value);
}
