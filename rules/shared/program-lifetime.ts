// Whether a file is a short-lived program: a CLI or script whose run ends in `process.exit`.
// Harms that need a process that stays up — a handle that keeps it from exiting on shutdown, a
// collection that grows over days — do not apply there; a call that hangs it forever still does.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { RuleContext, RuleFact } from '../../engine/types';
import { packageObject } from './package-object';
import { perSourceFile } from './per-file';
import { unwrap } from './ast';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Libraries that parse a command line or draw a terminal UI: their users run and leave. */
const CLI_LIBRARIES = new Set([
  'commander', 'yargs', 'yargs/yargs', 'meow', 'cac', 'minimist', 'arg', 'sade', 'mri', 'caporal', '@caporal/core',
  '@oclif/core', 'clipanion', 'citty', 'inquirer', '@inquirer/prompts', 'prompts', 'enquirer', 'blessed', 'blessed-contrib', 'ink',
]);

export const isShortLivedProgram: (sf: ts.SourceFile) => boolean = perSourceFile(decide);

function decide(sf: ts.SourceFile): boolean {
  const exits = exitCalls(sf);
  if (!exits.length) return false;
  // Its top-level flow exits: `process.exit(0)`, `main().then(() => process.exit(0))`.
  if (sf.statements.some((s) => endsProgram(s, sf))) return true;
  // A command-line or terminal program (a #! line, an argument parser) that ends itself, unless it
  // waits for a service manager's signal to stop or reload (tileserver-gl's `#!` server.js, which
  // exits only on bad arguments and on SIGTERM): that program runs until it is stopped.
  return (sf.text.startsWith('#!') || importsCliLibrary(sf)) && !handlesStopSignal(sf);
}

/** Signals a service manager sends a daemon (`systemctl stop`, `docker stop`, `kill -HUP` to reload); Ctrl-C's SIGINT is a terminal's too. */
const DAEMON_SIGNALS = new Set(['SIGTERM', 'SIGHUP']);

/** `process.on('SIGTERM', …)`, `process.once('SIGHUP', …)` anywhere in the file. */
function handlesStopSignal(sf: ts.SourceFile): boolean {
  if (!/SIG(TERM|HUP)/.test(sf.text)) return false;
  let found = false;
  walkTree(sf, (n): WalkAnswer => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
    const target = unwrap(n.expression.expression);
    const arg = n.arguments[0];
    if ((n.expression.name.text === 'on' || n.expression.name.text === 'once') && ts.isIdentifier(target) && target.text === 'process' &&
      arg && ts.isStringLiteralLike(arg) && DAEMON_SIGNALS.has(arg.text)) {
      found = true;
      return STOP;
    }
  });
  return found;
}

/** Every `process.exit(…)` call in the file. */
function exitCalls(sf: ts.SourceFile): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  if (!sf.text.includes('process.exit')) return out;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isCallExpression(n) && isProcessExit(n)) out.push(n);
  };
  walkTree(sf, visit);
  return out;
}

function isProcessExit(call: ts.CallExpression): boolean {
  const e = unwrap(call.expression);
  return ts.isPropertyAccessExpression(e) && e.name.text === 'exit' && ts.isIdentifier(e.expression) && e.expression.text === 'process';
}

/**
 * A top-level statement after which the program is over on the success path: `process.exit()`
 * itself, a call whose `.then`/`.finally` exits, or a call of a function of this file whose
 * last statement exits. An exit only in `.catch` is error handling, as a service has too.
 */
function endsProgram(s: ts.Statement, sf: ts.SourceFile): boolean {
  if (!ts.isExpressionStatement(s)) return false;
  let e = unwrap(s.expression);
  if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (ts.isVoidExpression(e)) e = unwrap(e.expression);
  if (!ts.isCallExpression(e)) return false;
  if (isProcessExit(e)) return true;
  for (let call: ts.Expression = e; ts.isCallExpression(call);) {
    const callee = unwrap(call.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if ((method === 'then' || method === 'finally') && call.arguments.slice(0, 1).some(callbackExits)) return true;
      call = unwrap(callee.expression);
      continue;
    }
    return ts.isIdentifier(callee) && lastStatementExits(sf, callee.text);
  }
  return false;
}

/** `() => process.exit(0)`, `function () { …; process.exit(code) }`. */
function callbackExits(arg: ts.Expression): boolean {
  const fn = unwrap(arg);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  if (!ts.isBlock(fn.body)) {
    const body = unwrap(fn.body);
    return ts.isCallExpression(body) && isProcessExit(body);
  }
  return blockEndsInExit(fn.body);
}

function lastStatementExits(sf: ts.SourceFile, name: string): boolean {
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.name?.text === name && s.body) return blockEndsInExit(s.body);
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return callbackExits(d.initializer);
      }
    }
  }
  return false;
}

function blockEndsInExit(block: ts.Block): boolean {
  const last = block.statements[block.statements.length - 1];
  if (!last || !ts.isExpressionStatement(last)) return false;
  const e = unwrap(last.expression);
  return ts.isCallExpression(e) && isProcessExit(e);
}

function importsCliLibrary(sf: ts.SourceFile): boolean {
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && CLI_LIBRARIES.has(s.moduleSpecifier.text)) return true;
    if (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => d.initializer && requiresCliLibrary(d.initializer))) return true;
  }
  return false;
}

/** `require('commander')`, `require('yargs')(…)`, `require('commander').program`. */
function requiresCliLibrary(e: ts.Expression): boolean {
  let x = unwrap(e);
  while (ts.isPropertyAccessExpression(x) || (ts.isCallExpression(x) && !isRequire(x))) x = unwrap(x.expression);
  return ts.isCallExpression(x) && isRequire(x) && ts.isStringLiteral(x.arguments[0]) && CLI_LIBRARIES.has(x.arguments[0].text);
}

function isRequire(call: ts.CallExpression): boolean {
  return ts.isIdentifier(call.expression) && call.expression.text === 'require' && call.arguments.length === 1;
}

/**
 * A program whose run ends itself by design: its top-level flow exits on success
 * (`main().then(() => process.exit(0))`). Stricter than a `#!` line, an argument parser and an
 * exit on an error path, which a server's or worker's entry has too (Etherpad's `node/server.js`,
 * graphile-worker's yargs `cli.js` that runs the worker until it is stopped).
 */
const isCommandLineTool = perSourceFile((sf: ts.SourceFile): boolean => exitCalls(sf).length > 0 && sf.statements.some((s) => endsProgram(s, sf)));

/**
 * The facts that say a whole package is a command-line tool: each linted program that ends itself
 * records `exiting-program` (its file), and package.json records `cli-package` (its folder) when
 * it has no `start` script and every one of its `bin` programs does, or when it has bins, no `start`
 * script and its description or keywords call it a command-line tool (and name no server). A module
 * of such a package runs inside one of those short runs (a CLI's `lib/`), even though it calls no
 * `process.exit`.
 */
export type CliPackageFactKind = 'exiting-program' | 'cli-package';

/**
 * `startRunsBin`: a `start` script that only runs one of the package's own `bin` programs
 * (particle-cli's `"start": "node ./src/index.js"` with `bin: { particle: './src/index.js' }`) runs
 * the command-line tool from a checkout; it is no service entry. Only the rules that pass it read
 * it so (unreleased-resource); the others keep reading any `start` script as a service.
 */
export interface CliPackageOptions { startRunsBin?: boolean }

export function recordCliPackageFacts(ctx: RuleContext<any, string, CliPackageFactKind>, opts: CliPackageOptions = {}): void {
  if (ctx.kind !== 'package-json') {
    if (isCommandLineTool(ctx.sourceFile)) ctx.addFact({ kind: 'exiting-program', ref: ctx.file });
    return;
  }
  const pkg = packageObject(ctx.text) as { bin?: unknown; scripts?: Record<string, unknown>; description?: unknown; keywords?: unknown } | undefined;
  if (!pkg) return;
  const bins = typeof pkg.bin === 'string' ? [pkg.bin] : pkg.bin && typeof pkg.bin === 'object' ? Object.values(pkg.bin).filter((b): b is string => typeof b === 'string') : [];
  const dir = path.dirname(ctx.file);
  if (startsAService(pkg.scripts?.start, bins, dir, opts)) return;
  if (!bins.length) return;
  // The maintainers say it is a command-line tool (ovsx: "Command line interface for Eclipse Open VSX"):
  // its bins need not end in process.exit (a commander program returns after its one command).
  if (declaresCommandLineTool(pkg)) return ctx.addFact({ kind: 'cli-package', ref: dir });
  ctx.addFact({ kind: 'cli-package', ref: dir }, bins.map((b) => ({ kind: 'exiting-program' as const, ref: path.resolve(dir, b) })));
}

const CLI_WORDS = /\b(CLI|command[- ]?line)\b/i;
const CLI_KEYWORDS = new Set(['cli', 'command-line', 'commandline', 'command line']);
/**
 * What a program that runs until it is stopped calls itself: `a command-line http server`, forever's
 * "CLI tool for ensuring that a given script runs continuously", a process manager, a scheduler.
 */
const SERVING_WORDS = /\b(servers?|serve|serving|daemons?|services?|proxy|proxies|bots?|workers?|listen\w*|watch\w*|monitor\w*|continuous\w*|forever|background|supervis\w*|process managers?|schedul\w*|cron|keeps? \w+ alive|restart\w*)\b/i;

/**
 * The package.json calls the package a command-line tool and nothing that runs until stopped: its
 * description says CLI or command line (`CLI tool for CapRover`, `Command line interface for …`)
 * and names no server, daemon, service, proxy, bot, worker, watcher, scheduler or process that runs
 * continuously; or a `cli` keyword stands
 * among keywords and a description that name none of those (`http-server`'s "command-line http
 * server" and its `server` keyword keep it out).
 */
function declaresCommandLineTool(pkg: { description?: unknown; keywords?: unknown }): boolean {
  const description = typeof pkg.description === 'string' ? pkg.description : '';
  if (SERVING_WORDS.test(description)) return false;
  if (CLI_WORDS.test(description)) return true;
  const keywords = Array.isArray(pkg.keywords) ? pkg.keywords.filter((k): k is string => typeof k === 'string') : [];
  return keywords.some((k) => CLI_KEYWORDS.has(k.toLowerCase())) && !keywords.some((k) => SERVING_WORDS.test(k));
}

/**
 * The fact under which a finding of a process-lifetime harm in this file does not stand: its
 * package is a CLI. None where package.json already rules that out (no `bin`, or a `start`
 * script): the finding then stands at once, without waiting for the project's facts.
 */
export function cliPackageFact(ctx: RuleContext<any, string, CliPackageFactKind>, opts: CliPackageOptions = {}): RuleFact<CliPackageFactKind>[] {
  if (!ctx.packageDir) return [];
  const pkg = ctx.packageJson(ctx.packageDir) as { bin?: unknown; scripts?: { start?: unknown } } | undefined;
  const bins = typeof pkg?.bin === 'string' ? [pkg.bin] : pkg?.bin && typeof pkg.bin === 'object' ? Object.values(pkg.bin).filter((b): b is string => typeof b === 'string') : [];
  if (pkg && (pkg.bin === undefined || startsAService(pkg.scripts?.start, bins, ctx.packageDir, opts))) return [];
  return [{ kind: 'cli-package', ref: ctx.packageDir }];
}

/** A `start` script says the package runs as a service, unless (with `startRunsBin`) it is `node <one of its bins>`. */
function startsAService(start: unknown, bins: readonly string[], dir: string, opts: CliPackageOptions): boolean {
  if (typeof start !== 'string') return false;
  if (!opts.startRunsBin) return true;
  const run = /^\s*node\s+(\S+)\s*$/.exec(start);
  if (!run) return true;
  const withoutJs = (f: string): string => path.resolve(dir, f).replace(/\.(c|m)?js$/, '');
  return !bins.some((b) => withoutJs(b) === withoutJs(run[1]));
}
