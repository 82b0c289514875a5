// What the commands in package.json scripts, Dockerfiles, Procfiles and pm2 files mean to
// `watch-mode-script`: which programs restart a service on file changes and how to run the
// same entry once, which watch modes are harmless, and which commands merely launch others.
// Knowledge lives in the tables; the functions below only read command lines with them.
import { ownEntry } from '../../engine/own-keys';

/** An option of a command-line program; `value` options take the next word unless written `--x=v`. */
export interface CommandOption {
  names: string[];
  value: boolean;
}

/** A program that watches files and restarts the service it runs when one changes. */
export interface Restarter {
  /** The names it is started by (`tsnd` is ts-node-dev's short bin). */
  programs: string[];
  /** Only this subcommand watches (`tsx watch`); without it the program runs once. */
  watchSubcommand?: string;
  /** Only these options watch (`node --watch`); without one the program runs once. */
  watchOptions?: CommandOption[];
  /** The program that runs the same entry once, without the watcher. */
  runOnce: string;
  /** A different run-once program by the entry's extension (nodemon runs `.ts` with ts-node). */
  runOnceByExtension?: Record<string, string>;
  /** Options of the watcher itself, dropped with it. */
  watcherOptions: CommandOption[];
  /** An option naming the program to run (nodemon `--exec`): it becomes the run-once program. */
  execOption?: string[];
  /**
   * The options the run-once program shares: 'all' when the watcher is the runtime itself (every
   * other option means the same without the watcher), else the list; any other option makes
   * dropping the watcher a judgement call, offered as a suggestion only.
   */
  sharedOptions: 'all' | CommandOption[];
  /** Config files that can change what the watcher runs (nodemon.json's `exec`): fixes become suggestions. */
  configFiles?: string[];
  /** A package.json key with the same role as the config files. */
  packageJsonKey?: string;
}

const opt = (value: boolean, ...names: string[]): CommandOption => ({ names, value });

/** Node's own options that take a value, which nodemon and node-dev pass through to node. */
const NODE_OPTIONS: CommandOption[] = [
  opt(true, '-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--env-file-if-exists',
    '--conditions', '-C', '--title', '--input-type', '--inspect-port', '--stack-trace-limit'),
  opt(false, '--inspect', '--inspect-brk', '--inspect-wait', '--enable-source-maps', '--no-warnings', '--no-deprecation',
    '--trace-warnings', '--trace-uncaught', '--trace-deprecation', '--experimental-strip-types',
    '--experimental-transform-types', '--experimental-specifier-resolution', '--unhandled-rejections',
    '--max-old-space-size', '--expose-gc', '--preserve-symlinks', '--abort-on-uncaught-exception'),
];

export const RESTARTERS: Restarter[] = [
  {
    programs: ['tsx'],
    watchSubcommand: 'watch',
    runOnce: 'tsx',
    watcherOptions: [opt(true, '--include', '--exclude', '--ignore'), opt(false, '--clear-screen')],
    sharedOptions: 'all',
  },
  {
    programs: ['node'],
    watchOptions: [opt(false, '--watch'), opt(true, '--watch-path')],
    runOnce: 'node',
    watcherOptions: [opt(false, '--watch-preserve-output')],
    sharedOptions: 'all',
  },
  {
    programs: ['nodemon'],
    runOnce: 'node',
    runOnceByExtension: { '.ts': 'ts-node', '.mts': 'ts-node', '.cts': 'ts-node' },
    watcherOptions: [
      opt(true, '-w', '--watch', '-e', '--ext', '-i', '--ignore', '-d', '--delay', '--signal', '-P', '--polling-interval', '--config'),
      opt(false, '-V', '--verbose', '-q', '--quiet', '-L', '--legacy-watch', '-C', '--on-change-only', '-I', '--no-stdin',
        '--no-colors', '--spawn', '--exitcrash', '--no-update-notifier'),
    ],
    execOption: ['-x', '--exec'],
    sharedOptions: NODE_OPTIONS,
    configFiles: ['nodemon.json'],
    packageJsonKey: 'nodemonConfig',
  },
  {
    programs: ['ts-node-dev', 'tsnd'],
    runOnce: 'ts-node',
    watcherOptions: [
      opt(true, '--watch', '--ignore-watch', '--interval', '--debounce', '--deps'),
      opt(false, '--respawn', '--poll', '--clear', '--cls', '--exit-child', '--rs', '--no-rs', '--notify', '--no-notify',
        '--all-deps', '--dedupe', '--fork', '--error-recompile', '--quiet'),
    ],
    sharedOptions: [
      opt(true, '-r', '--require', '-P', '--project', '-O', '--compiler-options', '-C', '--compiler', '--ignore'),
      opt(false, '-T', '--transpile-only', '--files', '--swc', '--prefer-ts-exts', '--type-check', '--log-error'),
    ],
  },
  {
    programs: ['node-dev'],
    runOnce: 'node',
    watcherOptions: [
      opt(true, '--ignore', '--interval', '--debounce', '--graceful_ipc'),
      opt(false, '--clear', '--notify', '--no-notify', '--respawn', '--deps', '--dedupe', '--fork', '--poll', '--timestamp', '--vm'),
    ],
    sharedOptions: NODE_OPTIONS,
  },
];

/**
 * Watch modes that rebuild or re-run tests and never restart a service: not flagged. `node --test
 * --watch` is here because `--test` turns node's watch into a test re-runner.
 */
export const NON_RESTARTERS: { program: string; options: string[]; example: string; does: string }[] = [
  { program: 'tsc', options: ['-w', '--watch'], example: 'tsc -w -p tsconfig.build.json', does: 'recompiles' },
  { program: 'node', options: ['--test'], example: 'node --test --watch', does: 're-runs tests' },
  { program: 'vitest', options: ['--watch', '-w'], example: 'vitest --watch', does: 're-runs tests' },
  { program: 'jest', options: ['--watch', '--watchAll'], example: 'jest --watch', does: 're-runs tests' },
  { program: 'webpack', options: ['--watch', '-w'], example: 'webpack --watch --mode development', does: 'rebuilds' },
  { program: 'rollup', options: ['-w', '--watch'], example: 'rollup -c -w', does: 'rebuilds' },
  { program: 'esbuild', options: ['--watch'], example: 'esbuild src/index.ts --bundle --outdir=dist --watch', does: 'rebuilds' },
  { program: 'tsup', options: ['--watch'], example: 'tsup src/index.ts --watch', does: 'rebuilds' },
];

/**
 * A restarter told to run the test suite (`nodemon -x npm test`, `nodemon --exec "mocha -R dot"`)
 * re-runs tests on change, as `jest --watch` does; it restarts no service. Test runners, and the
 * package managers' `test` scripts.
 */
const TEST_RUNNERS = new Set(['mocha', '_mocha', 'jest', 'lab', 'ava', 'tap', 'vitest', 'jasmine', 'karma', 'tape', 'c8', 'nyc']);
const SCRIPT_RUNNERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);

/** The words a restarter runs are a test run: a test runner, `node --test`, or `npm test` / `npm run test:unit`. */
function runsTests(ran: string[]): boolean {
  const words = ran[0] === 'npx' ? ran.slice(1) : ran;
  const program = programName(words[0]);
  if (TEST_RUNNERS.has(program)) return true;
  if (program === 'node' && words.includes('--test')) return true;
  if (!SCRIPT_RUNNERS.has(program)) return false;
  const script = words[1] === 'run' || words[1] === 'run-script' ? words[2] : words[1];
  return script !== undefined && /^(t|test)([:-]\S*)?$/.test(script);
}

/**
 * Programs that start the command after them: skipped to find the program that really runs.
 * `until` ends the launcher's own words (`dotenv -e .env -- nodemon`); `subcommands` must come
 * first (`pnpm exec nodemon`).
 */
export const LAUNCHERS: Record<string, { options: CommandOption[]; subcommands?: string[]; until?: string }> = {
  'cross-env': { options: [] },
  'cross-env-shell': { options: [] },
  env: { options: [opt(true, '-u', '--unset', '-C', '--chdir')] },
  dotenv: { options: [opt(true, '-e', '-c', '-v', '-p')], until: '--' },
  'env-cmd': { options: [opt(true, '-f', '--file', '-e', '--environments', '-r', '--rc-file')] },
  npx: { options: [opt(true, '-p', '--package'), opt(false, '-y', '--yes', '--no', '-q', '--quiet')] },
  bunx: { options: [] },
  pnpm: { options: [], subcommands: ['exec', 'dlx'] },
  yarn: { options: [], subcommands: ['exec', 'dlx'] },
  exec: { options: [] },
  nice: { options: [opt(true, '-n')] },
  tini: { options: [opt(false, '-g', '-s', '-v')], until: '--' },
  'dumb-init': { options: [opt(false, '-c', '--single-child', '-v', '--verbose')] },
  'docker-entrypoint.sh': { options: [] },
};

/** Programs whose arguments are whole command lines of their own. */
export const COMMAND_RUNNERS: Record<string, { kind: 'each-argument' } | { kind: 'option'; options: string[] }> = {
  concurrently: { kind: 'each-argument' },
  sh: { kind: 'option', options: ['-c'] },
  bash: { kind: 'option', options: ['-c'] },
};

/** Package managers and how each names the package.json script it runs. */
export const PACKAGE_MANAGERS: Record<string, {
  /** Subcommands followed by a script name. */
  run: string[];
  /** Subcommands that are scripts themselves (`npm start`). */
  lifecycle: Record<string, string[]>;
  /** When true, a word that is no builtin is a script name (`yarn serve`). */
  bareScripts: boolean;
  builtins: string[];
  /** Options that move to another package folder, relative to the current one. */
  dirOptions: string[];
  /** Options that pick another package by name: the script cannot be placed. */
  packageOptions: string[];
  valueOptions: string[];
}> = {
  npm: {
    run: ['run', 'run-script', 'rum', 'urn'],
    lifecycle: { start: ['start'], stop: ['stop'], test: ['test'], restart: ['restart', 'stop', 'start'] },
    bareScripts: false,
    builtins: [],
    dirOptions: ['--prefix'],
    packageOptions: ['-w', '--workspace'],
    valueOptions: ['--loglevel'],
  },
  yarn: {
    run: ['run'],
    lifecycle: { start: ['start'], test: ['test'] },
    bareScripts: true,
    builtins: ['add', 'install', 'remove', 'upgrade', 'up', 'init', 'info', 'why', 'workspace', 'workspaces', 'dlx', 'exec',
      'node', 'cache', 'config', 'global', 'link', 'unlink', 'pack', 'publish', 'version', 'audit', 'bin', 'outdated', 'set',
      'plugin', 'create', 'patch', 'npm', 'rebuild', 'dedupe'],
    dirOptions: ['--cwd'],
    packageOptions: [],
    valueOptions: [],
  },
  pnpm: {
    run: ['run', 'run-script'],
    lifecycle: { start: ['start'], test: ['test'], restart: ['restart', 'stop', 'start'] },
    bareScripts: true,
    builtins: ['add', 'install', 'i', 'remove', 'rm', 'update', 'up', 'exec', 'dlx', 'create', 'init', 'link', 'unlink',
      'pack', 'publish', 'store', 'prune', 'rebuild', 'outdated', 'list', 'ls', 'why', 'audit', 'deploy', 'fetch', 'env', 'setup'],
    dirOptions: ['-C', '--dir'],
    packageOptions: ['-F', '--filter'],
    valueOptions: ['--reporter'],
  },
  bun: {
    run: ['run'],
    lifecycle: {},
    bareScripts: false,
    builtins: [],
    dirOptions: ['--cwd'],
    packageOptions: ['--filter'],
    valueOptions: [],
  },
};

/** Programs that run package.json scripts by name, several at once (`run-p dev:*`). */
export const SCRIPT_LIST_RUNNERS = ['npm-run-all', 'npm-run-all2', 'run-s', 'run-p'];

/** `concurrently "npm:dev"`: concurrently's shorthand for running a script. */
export const CONCURRENTLY_SCRIPT_PREFIX = /^(?:npm|yarn|pnpm|bun):(.+)$/;

// ---- Reading command lines with the tables above ----

/** Text with where each character sits in the file, through JSON escapes and shell quotes. */
export interface SourceText {
  text: string;
  /** File offset where character i starts, and where it ends (an escape spans several). */
  starts: number[];
  ends: number[];
}

/** One shell word: its unquoted text, and `start`/`end` covering it as written (quotes included). */
export interface Word extends SourceText {
  start: number;
  end: number;
}

/** A word as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Text that stands for itself in the file from `offset` on (a Dockerfile or Procfile line). */
export function plainText(text: string, offset: number): SourceText {
  const starts = Array.from({ length: text.length }, (_, i) => offset + i);
  return { text, starts, ends: starts.map((s) => s + 1) };
}

/**
 * Splits a POSIX shell command line into simple commands (at `&&`, `||`, `;`, `|`, `&`,
 * parentheses and newlines) of words, honouring quotes and backslashes as sh does.
 */
export function splitCommandLine(src: SourceText): Word[][] {
  const t = src.text;
  const segments: Word[][] = [];
  let words: Word[] = [];
  let cur: Word | undefined;
  const begin = (i: number): Word => (cur ??= { text: '', starts: [], ends: [], start: src.starts[i], end: src.ends[i] });
  const push = (i: number): void => {
    const w = begin(i);
    w.text += t[i];
    w.starts.push(src.starts[i]);
    w.ends.push(src.ends[i]);
    w.end = src.ends[i];
  };
  const endWord = (): void => {
    if (cur) words.push(cur);
    cur = undefined;
  };
  const endSegment = (): void => {
    endWord();
    if (words.length) segments.push(words);
    words = [];
  };
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === ' ' || c === '\t' || c === '\r') endWord();
    else if (c === '\n') endSegment();
    else if (c === "'") {
      const w = begin(i);
      let j = i + 1;
      for (; j < t.length && t[j] !== "'"; j++) push(j);
      w.end = src.ends[Math.min(j, t.length - 1)];
      i = j;
    } else if (c === '"') {
      const w = begin(i);
      let j = i + 1;
      for (; j < t.length && t[j] !== '"'; j++) {
        if (t[j] === '\\' && j + 1 < t.length && '"\\$`'.includes(t[j + 1])) j++;
        push(j);
      }
      w.end = src.ends[Math.min(j, t.length - 1)];
      i = j;
    } else if (c === '\\' && i + 1 < t.length) {
      if (t[i + 1] === '\n') endWord(); // a line continuation
      else {
        begin(i);
        push(i + 1);
      }
      i++;
    } else if (c === ';' || c === '|' || c === '(' || c === ')') {
      endSegment();
      if (c === '|' && t[i + 1] === '|') i++;
    } else if (c === '&') {
      // `2>&1` and `&>` are redirections, not the background operator.
      if (cur?.text.endsWith('>') || t[i + 1] === '>') push(i);
      else {
        endSegment();
        if (t[i + 1] === '&') i++;
      }
    } else push(i);
  }
  endSegment();
  return segments;
}

/** `./node_modules/.bin/nodemon` and `nodemon.cmd` are nodemon. */
export function programName(word: string | undefined): string {
  if (!word) return '';
  return word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1).replace(/\.(cmd|exe)$/i, '');
}

const isAssignment = (w: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w);
const optionName = (w: string): string => (w.startsWith('--') && w.includes('=') ? w.slice(0, w.indexOf('=')) : w);
const findOption = (options: readonly CommandOption[] | undefined, w: string): CommandOption | undefined =>
  options?.find((o) => o.names.includes(optionName(w)));
const takesNextWord = (o: CommandOption, w: string): boolean => o.value && !w.includes('=');
const isRestarterName = (w: string | undefined): boolean => RESTARTERS.some((r) => r.programs.includes(programName(w)));

/** The words from the program that really runs on: environment assignments and launchers stepped over. */
function skipLaunchers(words: Word[]): Word[] {
  let i = 0;
  for (let hops = 0; hops < 8 && i < words.length; hops++) {
    while (i < words.length && isAssignment(words[i].text)) i++;
    const launcher = ownEntry(LAUNCHERS, programName(words[i]?.text));
    if (!launcher) break;
    const next = words[i + 1]?.text;
    if (launcher.subcommands) {
      // `pnpm exec nodemon`, and `yarn nodemon` running a bin; `yarn serve` runs a script instead.
      if (next !== undefined && launcher.subcommands.includes(next)) i += 2;
      else if (isRestarterName(next)) i += 1;
      else break;
    } else i += 1;
    while (i < words.length) {
      const w = words[i].text;
      if (launcher.until && w === launcher.until) {
        i++;
        break;
      }
      if (isAssignment(w)) i++;
      else if (w.startsWith('-')) {
        const o = findOption(launcher.options, w);
        i += o && takesNextWord(o, w) ? 2 : 1;
      } else break;
    }
  }
  return words.slice(i);
}

/** Every simple command a command line runs, launchers stepped over and nested command lines opened. */
export function commandsIn(src: SourceText, depth = 0): Word[][] {
  const out: Word[][] = [];
  for (const segment of splitCommandLine(src)) {
    const words = skipLaunchers(segment);
    if (!words.length) continue;
    const runner = ownEntry(COMMAND_RUNNERS, programName(words[0].text));
    if (runner && depth < 4) {
      if (runner.kind === 'each-argument') {
        for (const w of words.slice(1)) if (!w.text.startsWith('-')) out.push(...commandsIn(w, depth + 1));
      } else {
        const at = words.findIndex((w) => runner.options.includes(w.text));
        if (at > 0 && words[at + 1]) out.push(...commandsIn(words[at + 1], depth + 1));
      }
      continue;
    }
    out.push(words);
  }
  return out;
}

/** A restarter found in a command, and how to run the same entry once. */
export interface WatchCommand {
  restarter: Restarter;
  /** The words that say "watch": the program through the subcommand or option that turns watching on. */
  from: Word;
  to: Word;
  /** Those words as the user reads them: `tsx watch`, `node --watch`, `nodemon`. */
  label: string;
  /** Undefined when the command does not say what to run (nodemon reading package.json `main`). */
  runOnce?: RunOnce;
  /** The file it runs, when the command names one (`src/server.ts`); not set for an `--exec` command. */
  entry?: Word;
  /** The command an `--exec` option gives it (`nodemon --exec 'npm run build && npm start'`), when it is one word. */
  exec?: Word;
  /** The file an `--exec` program is given (`nodemon --exec ts-node src/index.ts` runs `ts-node src/index.ts`). */
  execEntry?: Word;
}

export interface RunOnce {
  /** The command without the watcher, for messages: `tsx src/server.ts`. */
  command: string;
  /** The program word's new text, when it changes (`nodemon` -> `node`). */
  program?: string;
  /** Indexes of the command's words to remove: the watch subcommand, watcher options and their values. */
  drop: Set<number>;
  /** False when an option's meaning without the watcher is unknown: a human should look. */
  certain: boolean;
}

/** The restarter a simple command runs, if any (`tsc -w` and `node --test --watch` are none). */
export function watchCommandOf(words: Word[]): WatchCommand | undefined {
  const name = programName(words[0]?.text);
  const restarter = RESTARTERS.find((r) => r.programs.includes(name));
  if (!restarter) return undefined;
  const harmless = NON_RESTARTERS.find((n) => n.program === name);
  if (harmless && words.some((w) => harmless.options.includes(optionName(w.text)))) return undefined;

  const drop = new Set<number>();
  let to = words[0];
  let i = 1;
  if (restarter.watchSubcommand) {
    if (words[1]?.text !== restarter.watchSubcommand) return undefined;
    to = words[1];
    drop.add(1);
    i = 2;
  }
  let watching = !restarter.watchOptions;
  let entry: number | undefined;
  let exec: Word | undefined;
  let execUnreadable = false;
  let certain = true;
  const valueOptions = restarter.sharedOptions === 'all' ? NODE_OPTIONS : restarter.sharedOptions;
  for (; i < words.length; i++) {
    const w = words[i].text;
    if (w === '--') {
      if (i + 1 < words.length) entry = i + 1;
      break;
    }
    if (!w.startsWith('-') || w === '-') {
      entry = i;
      break;
    }
    const watchOption = findOption(restarter.watchOptions, w);
    const own = watchOption ?? findOption(restarter.watcherOptions, w);
    if (own) {
      if (watchOption && !watching) to = words[i];
      if (watchOption) watching = true;
      drop.add(i);
      if (takesNextWord(own, w)) drop.add(++i);
    } else if (restarter.execOption?.includes(optionName(w))) {
      drop.add(i);
      if (w.includes('=')) execUnreadable = true;
      else {
        exec = words[++i];
        drop.add(i);
      }
    } else {
      const shared = findOption(valueOptions, w);
      if (!shared && restarter.sharedOptions !== 'all') certain = false;
      if (shared && takesNextWord(shared, w)) i++;
    }
  }
  if (!watching) return undefined;
  const ran = exec ? [...exec.text.trim().split(/\s+/), ...words.slice(words.indexOf(exec) + 1).map((w) => w.text)]
    : entry !== undefined ? words.slice(entry).map((w) => w.text) : [];
  if (runsTests(ran)) return undefined;

  const label = words.slice(0, words.indexOf(to) + 1).map((w) => w.text).join(' ');
  const found: WatchCommand = {
    restarter, from: words[0], to, label, ...(entry !== undefined && !exec ? { entry: words[entry] } : {}), ...(exec ? { exec } : {}),
    ...(entry !== undefined && exec ? { execEntry: words[entry] } : {}),
  };
  // The moved exec text lands outside its quotes: only plain words survive that unchanged.
  if (execUnreadable || (exec && !/^[\w@%+=:,./ -]*\w[\w@%+=:,./ -]*$/.test(exec.text))) return found;
  if (!exec && entry === undefined) return found;
  const extension = entry === undefined ? '' : /\.[^./]+$/.exec(words[entry].text)?.[0] ?? '';
  const runner = exec ? exec.text.trim() : restarter.runOnceByExtension?.[extension] ?? restarter.runOnce;
  const program = !exec && runner === name ? undefined : runner;
  const kept = words.slice(1).filter((_, k) => !drop.has(k + 1)).map((w) => (/[\s"'\\$`]/.test(w.text) ? JSON.stringify(w.text) : w.text));
  found.runOnce = { command: [runner, ...kept].join(' '), program, drop, certain };
  return found;
}

/**
 * The edits that remove a watcher from a command: the program word replaced, dropped words
 * removed with the space after them (or before them, at the end of the command).
 */
export function runOnceEdits(words: Word[], runOnce: RunOnce): { start: number; end: number; newText: string }[] {
  const edits: { start: number; end: number; newText: string }[] = [];
  if (runOnce.program !== undefined) edits.push({ start: words[0].start, end: words[0].end, newText: runOnce.program });
  for (let i = 1; i < words.length; i++) {
    if (!runOnce.drop.has(i)) continue;
    let j = i;
    while (runOnce.drop.has(j + 1)) j++;
    if (j + 1 < words.length) edits.push({ start: words[i].start, end: words[j + 1].start, newText: '' });
    else edits.push({ start: words[i - 1].end, end: words[j].end, newText: '' });
    i = j;
  }
  return edits;
}

/** Scripts a command runs by name (`npm start`, `yarn serve`, `run-p dev:*`); `dir` when it moves to another package folder. */
export interface ScriptRun {
  /** Script names; `run-p` patterns keep their `*`. */
  scripts: string[];
  dir?: string;
}

export function scriptRunOf(words: Word[]): ScriptRun | undefined {
  const name = programName(words[0]?.text);
  const shorthand = words.length === 1 ? CONCURRENTLY_SCRIPT_PREFIX.exec(words[0].text) : null;
  if (shorthand) return { scripts: [shorthand[1]] };
  if (SCRIPT_LIST_RUNNERS.includes(name)) {
    const scripts = words.slice(1).map((w) => w.text).filter((w) => !w.startsWith('-'));
    return scripts.length ? { scripts } : undefined;
  }
  const pm = ownEntry(PACKAGE_MANAGERS, name);
  if (!pm) return undefined;
  let dir: string | undefined;
  let i = 1;
  for (; i < words.length && words[i].text.startsWith('-'); i++) {
    const w = words[i].text;
    const option = optionName(w);
    const inline = w.includes('=') ? w.slice(w.indexOf('=') + 1) : undefined;
    if (pm.dirOptions.includes(option)) dir = inline ?? words[++i]?.text;
    else if (pm.packageOptions.includes(option)) return undefined;
    else if (pm.valueOptions.includes(option) && inline === undefined) i++;
  }
  const sub = words[i]?.text;
  if (sub === undefined) return undefined;
  let scripts: string[] | undefined;
  if (pm.run.includes(sub)) {
    let j = i + 1;
    while (words[j]?.text.startsWith('-')) j++;
    scripts = words[j] ? [words[j].text] : undefined;
  } else if (Object.hasOwn(pm.lifecycle, sub)) scripts = pm.lifecycle[sub];
  else if (pm.bareScripts && !pm.builtins.includes(sub)) scripts = [sub];
  return scripts ? { scripts, ...(dir !== undefined ? { dir } : {}) } : undefined;
}

/** True when a script name matches an `npm-run-all` pattern (`*` within a `:` part, `**` across). */
export function scriptMatches(pattern: string, script: string): boolean {
  if (!pattern.includes('*')) return pattern === script;
  const re = pattern.split(/(\*\*|\*)/).map((p) => (p === '**' ? '.*' : p === '*' ? '[^:]*' : p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${re}$`).test(script);
}

/**
 * The command that runs it once: the watcher's own words without it; else what its `--exec`
 * runs (`npm run build && node dist/server.js`); else, for a watcher given no entry (`nodemon`
 * alone runs the package's `main`), `node .`, which runs the same file.
 */
export function runOnceCommand(watch: WatchCommand): string {
  return watch.runOnce?.command ?? watch.exec?.text.trim() ?? `${watch.restarter.runOnce} .`;
}
