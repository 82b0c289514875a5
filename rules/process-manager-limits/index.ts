// process-manager-limits: pm2 apps with no memory ceiling or no bound on crash restarts, and
// Dockerfiles whose image runs a dev or watch script. Whether `npm start` in a Dockerfile runs
// a watcher is package.json's to say: this rule records `watch-script:<dir>#<name>` (or
// `watch-free-script:…`) for every script there, and the Dockerfile's findings wait on those facts.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { isPm2File } from '../../engine/file-kinds';
import type { Fix, Range, RuleContext, RuleFact } from '../../engine/types';
import { propertyKey } from '../shared/ast';
import { commandLine, imageCommand, type CommandForm } from '../shared/process-files/dockerfile';
import { keysAreKnown, pm2Apps, propertyOf } from '../shared/process-files/pm2';
import { commandsIn, plainText, runOnceCommand, runOnceEdits, scriptRunOf, shellQuote, watchCommandOf, type Word } from '../shared/watch-commands';
import { pm2Deployment, RUNS_PM2, runsPm2Fact, type Pm2DeploymentFactKind } from './pm2-deployment';
import { insertPropertiesEdits, type PropertyValue } from './object-properties-fix';
import { AUTORESTART, MEMORY_LIMIT_KEY, RESTART_BOUND_KEYS, SUGGESTED_VALUES } from './pm2-settings';
import { ownEntry } from '../../engine/own-keys';

interface Options {
  /** What the memory-limit suggestion writes. */
  maxMemoryRestart: string;
  maxRestarts: number;
  expBackoffRestartDelay: number;
}

/** The project facts this rule records and reads. */
type FactKind = 'watch-script' | 'watch-free-script' | Pm2DeploymentFactKind;

type MessageId =
  | 'noMemoryLimit'
  | 'noRestartBound'
  | 'dockerWatcher'
  | 'dockerDevScript'
  | 'dockerDevScriptNoStart'
  | 'dockerWatchingScript';

const rule = createRule<Options, MessageId, FactKind>({
  meta: {
    id: 'process-manager-limits',
    description: 'pm2 apps with no memory ceiling or crash-restart bound, and Dockerfiles that run a dev or watch script.',
    defaultSeverity: 'warn',
    fixable: { safe: 'dropping the watcher from a Dockerfile command; `npm start` where a Dockerfile runs a dev script', unsafe: 'pm2 `max_memory_restart`, a restart backoff and cap', suggestion: 'a run-once command where the watcher\'s config may change what runs' },
    fileKinds: ['pm2-json', 'script', 'dockerfile', 'procfile', 'package-json'],
    messages: {
      noMemoryLimit:
        'pm2 app "{{app}}" has no memory ceiling: add `max_memory_restart: \'{{value}}\'`.\n' +
        'A memory leak then grows until the kernel\'s OOM killer ends the process (or the whole host swaps to a ' +
        'halt), dropping every request in flight without a graceful stop. With a ceiling below the memory the app ' +
        'is given, pm2 restarts it first.',
      noRestartBound:
        'pm2 app "{{app}}" has no crash backoff: add `exp_backoff_restart_delay: {{delay}}`.\n' +
        'pm2 restarts a crashed app at once (`autorestart` is on and `restart_delay` is 0 by default). It gives up ' +
        'only after 16 restarts that each come within `min_uptime` (1 s by default) of the start; an app that ' +
        'crashes after running a few seconds (a database that went away, a request that throws) is restarted ' +
        'forever, as fast as it crashes, hammering its dependencies and burying the first error in the logs. ' +
        '`exp_backoff_restart_delay: {{delay}}` waits longer after each crash (up to 15 s, reset once the app ' +
        'stays up 30 s); `max_restarts: {{max}}` ends a start-up crash loop sooner.',
      dockerWatcher:
        'The image runs the service under the file watcher `{{watcher}}`: run it once instead.\n' +
        'In a container the watcher restarts the service whenever a file under its folders changes (logs, uploads, ' +
        'a mounted volume), dropping requests in flight, and runs it as a child process that costs memory and ' +
        'start-up time. Run it once: `{{command}}`.',
      dockerDevScript:
        'The image runs the development script "{{script}}": run `{{start}}` instead.\n' +
        'It runs `{{run}}`. Development scripts run file watchers and workstation settings (inspectors, verbose ' +
        'logs, unbuilt sources); in production they restart the service on file changes and use more memory.',
      dockerDevScriptNoStart:
        'The image runs the development script "{{script}}": add a script that runs the service once.\n' +
        'It runs `{{run}}`. Development scripts run file watchers and workstation settings (inspectors, verbose ' +
        'logs, unbuilt sources); in production they restart the service on file changes and use more memory. Add a ' +
        'script that runs the service once (`node dist/server.js`) and run that in the image.',
      dockerWatchingScript:
        'The image runs script "{{script}}", which runs a file watcher: make it run the service once.\n' +
        'It runs `{{run}}`. In a container the watcher restarts the service whenever a file under its folders ' +
        'changes (logs, uploads, a mounted volume), dropping requests in flight. Make "{{script}}" run the service ' +
        'once (`node dist/server.js`, `tsx src/server.ts`).',
    },
    options: {
      maxMemoryRestart: { type: 'string', description: 'The `max_memory_restart` the suggestion writes (pm2 units: `512M`, `1G`).', default: SUGGESTED_VALUES.max_memory_restart },
      maxRestarts: { type: 'number', description: 'The `max_restarts` the fix writes.', default: SUGGESTED_VALUES.max_restarts },
      expBackoffRestartDelay: { type: 'number', description: 'The `exp_backoff_restart_delay` (ms) the fix writes.', default: SUGGESTED_VALUES.exp_backoff_restart_delay },
    },
  },
  create(ctx) {
    switch (ctx.kind) {
      case 'pm2-json':
        return { [ts.SyntaxKind.SourceFile]: (sf: ts.SourceFile) => lintPm2(ctx, pm2Apps(sf, true), true) };
      case 'script':
        // Only ecosystem.config.{js,cjs,mjs} are pm2 files; other scripts cost nothing.
        return isPm2File(ctx.file) ? { [ts.SyntaxKind.SourceFile]: (sf: ts.SourceFile) => lintPm2(ctx, pm2Apps(sf, false), false) } : {};
      case 'package-json':
        return { [ts.SyntaxKind.SourceFile]: (sf: ts.SourceFile) => recordWatchingScripts(ctx, sf) };
      case 'dockerfile':
        if (isDevDockerfile(ctx.file)) return {};
        return { end: () => { recordRunsPm2(ctx); lintDockerfile(ctx); } };
      case 'procfile':
        return { end: () => recordRunsPm2(ctx) };
      default:
        return {};
    }
  },
});

export default rule;

// ---- pm2 ----

function lintPm2(ctx: RuleContext<Options, MessageId, FactKind>, apps: ts.ObjectLiteralExpression[], json: boolean): void {
  // A pm2 file beside another deployment that nothing points to is a leftover or a convenience:
  // generic hardening advice on it is not what its maintainers act on. Beside one, the findings
  // stand only if a Dockerfile or Procfile of the package runs pm2.
  const deployment = pm2Deployment(ctx);
  const onlyIfAny = deployment === true ? undefined : deployment;
  const options = ctx.options;
  for (const [index, app] of apps.entries()) {
    // `...defaults` may carry the keys: we cannot see them.
    if (!keysAreKnown(app)) continue;
    const nameNode = propertyOf(app, 'name');
    const name = nameNode && ts.isPropertyAssignment(nameNode) && ts.isStringLiteralLike(nameNode.initializer) ? nameNode.initializer.text : `apps[${index}]`;
    const range: Range = { start: app.getStart(ctx.sourceFile), end: app.getStart(ctx.sourceFile) + 1 };
    if (!propertyOf(app, MEMORY_LIMIT_KEY)) {
      const edits = insertPropertiesEdits(ctx, app, [[MEMORY_LIMIT_KEY, options.maxMemoryRestart]], json);
      ctx.report({
        range,
        messageId: 'noMemoryLimit',
        data: { app: name, value: options.maxMemoryRestart },
        severity: 'warn',
        onlyIfAny,
        // A restart at a ceiling can stop legitimate work, and the right one depends on the app and its host.
        fixes: [{ title: `Add \`${MEMORY_LIMIT_KEY}: '${options.maxMemoryRestart}'\``, safety: 'unsafe', edits }],
      });
    }
    if (autorestarts(app) && !RESTART_BOUND_KEYS.some((k) => propertyOf(app, k))) {
      const added: [string, PropertyValue][] = [['exp_backoff_restart_delay', options.expBackoffRestartDelay], ['max_restarts', options.maxRestarts]];
      ctx.report({
        range,
        messageId: 'noRestartBound',
        data: { app: name, delay: options.expBackoffRestartDelay, max: options.maxRestarts },
        severity: 'warn',
        onlyIfAny,
        // After `max_restarts` pm2 stops restarting: a bound on a service that may have recovered.
        fixes: [{ title: 'Add a restart backoff and cap', safety: 'unsafe', edits: insertPropertiesEdits(ctx, app, added, json) }],
      });
    }
  }
}

/** pm2 restarts unless `autorestart: false`; an expression we cannot read may be false. */
function autorestarts(app: ts.ObjectLiteralExpression): boolean {
  const p = propertyOf(app, AUTORESTART.key);
  if (!p) return AUTORESTART.pm2Default;
  return ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.TrueKeyword;
}

/** A Dockerfile or Procfile that runs pm2 makes the package's pm2 file its deployment. */
function recordRunsPm2(ctx: RuleContext<Options, MessageId, FactKind>): void {
  if (RUNS_PM2.test(ctx.text)) ctx.addFact(runsPm2Fact(ctx.packageDir ?? path.dirname(ctx.file)));
}

// ---- package.json: which scripts run a watcher ----

/** A package.json script that runs the service under a file watcher. */
function watchScriptFact(packageDir: string, script: string): RuleFact<FactKind> {
  return { kind: 'watch-script', ref: `${packageDir}#${script}` };
}

/** A package.json script that runs no file watcher. */
function watchFreeScriptFact(packageDir: string, script: string): RuleFact<FactKind> {
  return { kind: 'watch-free-script', ref: `${packageDir}#${script}` };
}

/** A script runs a watcher itself or through the scripts of this package it runs (`start` -> `npm run dev`). */
function recordWatchingScripts(ctx: RuleContext<Options, MessageId, FactKind>, sf: ts.SourceFile): void {
  const first = sf.statements[0];
  const root = first && ts.isExpressionStatement(first) ? first.expression : undefined;
  const scriptsProp = root && ts.isObjectLiteralExpression(root) ? propertyOf(root, 'scripts') : undefined;
  if (!scriptsProp || !ts.isPropertyAssignment(scriptsProp) || !ts.isObjectLiteralExpression(scriptsProp.initializer)) return;
  const runs = new Map<string, { watches: boolean; calls: string[] }>();
  for (const p of scriptsProp.initializer.properties) {
    const name = propertyKey(p.name);
    if (name === undefined || !ts.isPropertyAssignment(p) || !ts.isStringLiteral(p.initializer)) continue;
    const commands = commandsIn(plainText(p.initializer.text, 0));
    runs.set(name, {
      watches: commands.some((words) => watchCommandOf(words) !== undefined),
      calls: commands.flatMap((words) => {
        const run = scriptRunOf(words);
        return run && run.dir === undefined ? run.scripts : [];
      }),
    });
  }
  const watching = new Set([...runs].filter(([, r]) => r.watches).map(([name]) => name));
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, r] of runs) {
      if (!watching.has(name) && r.calls.some((c) => watching.has(c))) {
        watching.add(name);
        grew = true;
      }
    }
  }
  const dir = path.dirname(ctx.file);
  for (const name of runs.keys()) ctx.addFact(watching.has(name) ? watchScriptFact(dir, name) : watchFreeScriptFact(dir, name));
}

// ---- Dockerfile ----

/** `Dockerfile.dev`, `dev.Dockerfile`, `Dockerfile.local`, `Dockerfile.test`: images for a workstation or CI. */
function isDevDockerfile(file: string): boolean {
  return /(?:^|[._-])(?:dev|develop|development|local|test|testing|e2e)(?:[._-]|$)/i.test(path.basename(file));
}

const isDevScriptName = (name: string): boolean => /^(?:dev|develop|development|watch)$|^(?:dev|watch):|:(?:dev|develop|development|watch)$/.test(name);

/** How each package manager runs the `start` script. */
const START_COMMAND: Record<string, string[]> = { npm: ['npm', 'start'], yarn: ['yarn', 'start'], pnpm: ['pnpm', 'start'], bun: ['bun', 'run', 'start'] };

/** One command of the image, with where its words sit: real offsets only when `exact`. */
interface ImageWords {
  words: Word[];
  form: CommandForm;
  /** For exec form: the exec word index of each word (by its start in the joined line). */
  execIndex?: Map<number, number>;
  /** The words are the whole of one instruction written on one line, with no ENTRYPOINT around it. */
  exact: boolean;
}

function lintDockerfile(ctx: RuleContext<Options, MessageId, FactKind>): void {
  const { cmd, entrypoint } = imageCommand(ctx.text);
  const at = cmd ?? entrypoint;
  if (!at) return;
  const alone = !entrypoint || !cmd ? at : undefined;
  const line = alone ? lineOf(alone) : combinedLine(entrypoint!, cmd!);
  for (const words of commandsIn(line.src)) {
    const image: ImageWords = { words, form: at, execIndex: line.execIndex, exact: !!alone && at.instruction.singleLine };
    const watch = watchCommandOf(words);
    if (watch) {
      reportWatcher(ctx, image, watch);
      continue;
    }
    const run = scriptRunOf(words);
    if (!run) continue;
    const runDir = path.resolve(path.dirname(ctx.file), run.dir ?? '.');
    const packageDir = ctx.packageDirOf(runDir) ?? runDir;
    for (const script of run.scripts) {
      if (script.includes('*')) continue;
      reportScript(ctx, image, script, packageDir, run.dir === undefined);
    }
  }
}

function reportWatcher(ctx: RuleContext<Options, MessageId, FactKind>, image: ImageWords, watch: NonNullable<ReturnType<typeof watchCommandOf>>): void {
  const runOnce = watch.runOnce;
  const configured = (watch.restarter.configFiles ?? []).some((f) => ctx.fileExists(f));
  let fix: Fix | undefined;
  if (runOnce && image.exact) {
    const edits = image.form.exec
      ? execRewrite(ctx, image, (texts) => texts.map((t, i) => (i === 0 && runOnce.program !== undefined ? runOnce.program : t)).filter((_, i) => !runOnce.drop.has(i)))
      : runOnceEdits(image.words, runOnce).map((e) => ctx.edit(e, e.newText));
    if (edits) fix = { title: `Run without the watcher: \`${runOnce.command}\``, safety: 'safe', edits };
  }
  const certain = !!runOnce?.certain && !configured;
  ctx.report({
    range: image.form.instruction.range,
    messageId: 'dockerWatcher',
    data: { watcher: watch.label, command: runOnceCommand(watch) },
    severity: 'error',
    fixes: fix && certain ? [fix] : undefined,
    suggestions: fix && !certain ? [fix] : undefined,
  });
}

function reportScript(ctx: RuleContext<Options, MessageId, FactKind>, image: ImageWords, script: string, packageDir: string, samePackage: boolean): void {
  const run = image.words.map((w) => w.text).join(' ');
  const range = image.form.instruction.range;
  if (!isDevScriptName(script)) {
    ctx.report({
      range, messageId: 'dockerWatchingScript', data: { script, run }, severity: 'error',
      onlyIfAny: [watchScriptFact(packageDir, script)],
    });
    return;
  }
  const start = ownEntry(START_COMMAND, image.words[0].text);
  const isPlainRun = image.words.length === 2 || (image.words.length === 3 && ['run', 'run-script'].includes(image.words[1].text));
  const startFix = start && samePackage && image.exact && isPlainRun ? startRewrite(ctx, image, start) : undefined;
  const startFree = watchFreeScriptFact(packageDir, 'start');
  // Which message stands depends on package.json: a watch-free `start` to switch to, or none.
  ctx.report({
    range, messageId: 'dockerDevScript', data: { script, run, start: (start ?? ['npm', 'start']).join(' ') }, severity: 'error',
    fixes: startFix ? [{ title: `Run \`${start!.join(' ')}\` instead`, safety: 'safe', edits: startFix }] : undefined,
    onlyIfAny: [startFree],
  });
  ctx.report({
    range, messageId: 'dockerDevScriptNoStart', data: { script, run }, severity: 'error',
    unlessAny: [startFree],
  });
}

function startRewrite(ctx: RuleContext<Options, MessageId, FactKind>, image: ImageWords, start: string[]): ReturnType<RuleContext['edit']>[] | undefined {
  if (image.form.exec) return execRewrite(ctx, image, () => start);
  const words = image.words;
  return [ctx.edit({ start: words[0].start, end: words[words.length - 1].end }, start.join(' '))];
}

/** Rewrites an exec-form array whose trailing words are this command, keeping the array's spacing. */
function execRewrite(ctx: RuleContext<Options, MessageId, FactKind>, image: ImageWords, change: (texts: string[]) => string[]): ReturnType<RuleContext['edit']>[] | undefined {
  const exec = image.form.exec!;
  const first = image.execIndex?.get(image.words[0].start);
  if (first === undefined || exec.words.length - first !== image.words.length) return undefined;
  const texts = change(exec.words.slice(first));
  const all = [...exec.words.slice(0, first), ...texts];
  const between = exec.ranges.length > 1 ? ctx.text.slice(exec.ranges[0].end, exec.ranges[1].start) : ', ';
  const range = { start: exec.ranges[0].start, end: exec.ranges[exec.ranges.length - 1].end };
  return [ctx.edit(range, all.map((t) => JSON.stringify(t)).join(between))];
}

/** The words of one instruction: shell form with file offsets, exec form as a line with an index per word. */
function lineOf(form: CommandForm): { src: ReturnType<typeof plainText>; execIndex?: Map<number, number> } {
  if (!form.exec) {
    const ins = form.instruction;
    return ins.singleLine ? { src: plainText(ins.args, ins.argsStart) } : { src: plainText(form.shell!, 0) };
  }
  const execIndex = new Map<number, number>();
  let text = '';
  for (const [i, w] of form.exec.words.entries()) {
    if (i) text += ' ';
    execIndex.set(text.length, i);
    text += shellQuote(w);
  }
  return { src: plainText(text, 0), execIndex };
}

/** ENTRYPOINT and CMD as Docker joins them; no offsets (no fixes across two instructions). */
function combinedLine(entrypoint: CommandForm, cmd: CommandForm): { src: ReturnType<typeof plainText>; execIndex?: Map<number, number> } {
  // A shell-form ENTRYPOINT ignores CMD.
  return { src: plainText(entrypoint.exec ? `${commandLine(entrypoint)} ${commandLine(cmd)}` : commandLine(entrypoint), 0) };
}
