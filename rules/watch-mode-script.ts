// watch-mode-script: file-watching restarters (`tsx watch`, `node --watch`, nodemon, ts-node-dev,
// node-dev) in package.json scripts that production runs, in Procfile processes, and pm2 apps
// with `watch: true`. Dockerfiles, Procfiles and pm2 files record which scripts production runs;
// the package.json findings they raise are settled by the engine once every file is read.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { applyEdits } from '../engine/apply-fixes';
import { createRule } from '../engine/create-rule';
import { isPm2File } from '../engine/file-kinds';
import type { Fix, RuleContext, RuleFact } from '../engine/types';
import { moduleFileOf, sourceCandidates } from './missing-shutdown/entry-modules';
import { propertyKey } from './shared/ast';
import { serviceTargets } from './shared/service-targets';
import { commandLine, imageCommand } from './shared/process-files/dockerfile';
import { pm2Apps } from './shared/process-files/pm2';
import { procfileProcesses } from './shared/process-files/procfile';
import {
  commandsIn, plainText, type RunOnce, runOnceCommand, runOnceEdits, scriptMatches, scriptRunOf, shellQuote, type SourceText, type WatchCommand, watchCommandOf, type Word,
} from './shared/watch-commands';

interface Options {
  /** More script names production runs, besides `start`, `serve`, `prod*` and `*:prod`. */
  productionScripts: string[];
}

/** The project facts this rule records and reads. */
type FactKind = 'production-runs-script' | 'deployment-runs-once';

type MessageId = 'productionScript' | 'devScript' | 'procfileProcess' | 'pm2Watch';

const rule = createRule<Options, MessageId, FactKind>({
  meta: {
    id: 'watch-mode-script',
    description: 'File-watching restarters (tsx watch, node --watch, nodemon, ts-node-dev, node-dev) in scripts production runs, and pm2 `watch: true`.',
    defaultSeverity: 'error',
    fixable: { safe: 'dropping the watcher from a production script, Dockerfile or Procfile', suggestion: 'the same where a watcher config may change what runs; a `dev:once` script; pm2 `watch: false`' },
    fileKinds: ['package-json', 'pm2-json', 'script', 'dockerfile', 'procfile'],
    messages: {
      productionScript:
        'Script "{{script}}" runs the service under `{{watcher}}`: run it once in production.\n' +
        '{{reason}}. There the file watcher restarts the service on every file change under its folders (logs, ' +
        'uploads, a deploy being copied in), dropping requests mid-flight, and runs it as a child process with no ' +
        'memory limit or crash backoff. Run it once: `{{command}}`.',
      devScript:
        'Script "{{script}}" runs the service under `{{watcher}}`: keep a sibling that runs it once.\n' +
        'A file watcher suits a workstation, but wherever production runs this script (a Dockerfile, Procfile or ' +
        'pm2 app that runs it makes this an error), every file change restarts the service mid-request, with no ' +
        'memory limit or crash backoff. Add `"{{sibling}}": "{{command}}"`.',
      procfileProcess:
        'Procfile process "{{process}}" runs the service under `{{watcher}}`: run it once instead.\n' +
        'Every Procfile process runs in production. The file watcher restarts the service on every file change ' +
        'under its folders, dropping requests mid-flight, and runs it as a child process with no memory limit or ' +
        'crash backoff. Run it once: `{{command}}`.',
      pm2Watch:
        'pm2 app "{{app}}" has `watch: true`: set `watch: false` and reload on deploy.\n' +
        'pm2 restarts it whenever a file in its folder changes (log files, uploads, a deploy being copied in), ' +
        'dropping in-flight requests and restarting in a loop while files keep changing. Restart deliberately on ' +
        'deploy (`pm2 reload`).',
    },
    options: {
      productionScripts: {
        type: 'string[]',
        description: 'More package.json script names that production runs (as `start` is), so a watcher in them is an error.',
        default: [],
      },
    },
  },
  create(ctx) {
    switch (ctx.kind) {
      case 'package-json':
        return { [ts.SyntaxKind.SourceFile]: (sf: ts.SourceFile) => lintPackageJson(ctx, sf) };
      case 'pm2-json':
        return { [ts.SyntaxKind.SourceFile]: (sf: ts.SourceFile) => lintPm2(ctx, pm2Apps(sf, true)) };
      case 'script':
        // Only ecosystem.config.{js,cjs,mjs} are pm2 files; other scripts cost nothing.
        return isPm2File(ctx.file) ? { [ts.SyntaxKind.SourceFile]: (sf: ts.SourceFile) => lintPm2(ctx, pm2Apps(sf, false)) } : {};
      case 'dockerfile':
        // `dev.Dockerfile`, `Dockerfile.dev`: an image for local work, where a watcher belongs.
        if (DEVELOPMENT_IMAGE.test(path.basename(ctx.file))) return {};
        return {
          end: () => {
            const lines = dockerfileCommands(ctx.text);
            recordScriptRuns(ctx, lines, path.dirname(ctx.file));
            recordDeploymentRunsOnce(ctx, lines, path.dirname(ctx.file));
          },
        };
      case 'procfile':
        return { end: () => lintProcfile(ctx) };
      default:
        return {};
    }
  },
});

export default rule;

// ---- Which scripts production runs ----

/** The fact a Dockerfile, Procfile or pm2 file records for a package.json script it runs. */
function runsScriptFact(packageDir: string, script: string): RuleFact<FactKind> {
  return { kind: 'production-runs-script', ref: `${packageDir}#${script}` };
}

function recordScriptRuns(ctx: RuleContext<Options, MessageId, FactKind>, commandLines: string[], dir: string): void {
  for (const line of commandLines) {
    for (const words of commandsIn(plainText(line, 0))) {
      const run = scriptRunOf(words);
      if (!run) continue;
      const runDir = path.resolve(dir, run.dir ?? '.');
      const packageDir = ctx.packageDirOf(runDir) ?? runDir;
      for (const script of run.scripts) if (!script.includes('*')) ctx.addFact(runsScriptFact(packageDir, script));
    }
  }
}

/** The fact a production Dockerfile or Procfile records when it runs no watcher itself: the project's deployment is visible. */
function deploymentRunsOnceFact(packageDir: string): RuleFact<FactKind> {
  return { kind: 'deployment-runs-once', ref: packageDir };
}

// `CMD ./server.sh` -> `node dist/start`: a dev script's watcher is not what the deployment runs
// (unless the image runs that script, which its own `production-runs-script` fact says).
function recordDeploymentRunsOnce(ctx: RuleContext<Options, MessageId, FactKind>, commandLines: string[], dir: string): void {
  const commands = commandLines.flatMap((line) => commandsIn(plainText(line, 0)));
  // A package script it runs (`CMD ["npm", "start"]`) may hold the watcher itself (`start: tsx watch …`).
  if (!commands.length || commands.some((words) => watchCommandOf(words) || scriptRunOf(words))) return;
  const packageDir = ctx.packageDirOf(dir) ?? dir;
  ctx.addFact(deploymentRunsOnceFact(packageDir));
}

/** A Dockerfile named for development (`dev.Dockerfile`, `Dockerfile.dev`, `Dockerfile.local`): not what production runs. */
const DEVELOPMENT_IMAGE = /^(dev|develop|development|local|debug)[.-]dockerfile$|^dockerfile[.-](dev|develop|development|local|debug)$/i;

const isStartLike = (name: string): boolean =>
  name === 'start' || name === 'serve' || /^prod(uction)?(?![a-z0-9])/i.test(name) || /:prod(uction)?$/i.test(name);

/** Scripts whose name says they are the watcher (`watch`, `dev:watch`): no sibling nudge for them. */
const isNamedWatch = (name: string): boolean => /(^|:)watch($|:)/.test(name);

// ---- package.json ----

interface Script {
  name: string;
  property: ts.PropertyAssignment;
  value: ts.StringLiteral;
  commands: Word[][];
}

function lintPackageJson(ctx: RuleContext<Options, MessageId, FactKind>, sf: ts.SourceFile): void {
  const root = jsonRoot(sf);
  const scriptsNode = root && ts.isObjectLiteralExpression(root) ? propertyOf(root, 'scripts')?.initializer : undefined;
  if (!scriptsNode || !ts.isObjectLiteralExpression(scriptsNode)) return;
  const scripts = new Map<string, Script>();
  for (const p of scriptsNode.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isStringLiteral(p.initializer)) continue;
    const name = propertyKey(p.name);
    if (name === undefined) continue;
    scripts.set(name, { name, property: p, value: p.initializer, commands: commandsIn(jsonStringSource(ctx, p.initializer)) });
  }

  const callers = callersOf(scripts);
  const targets = serviceTargets(ctx, path.dirname(ctx.file));
  const production = productionScripts(scripts, callers, ctx.options.productionScripts ?? []);
  const packageDir = path.dirname(ctx.file);
  const configured = new Set<string>();
  if (root && ts.isObjectLiteralExpression(root)) {
    for (const key of ['nodemonConfig']) if (propertyOf(root, key)) configured.add(key);
  }

  for (const script of scripts.values()) {
    const watches = script.commands.flatMap((words) => {
      const w = watchCommandOf(words);
      return w ? [{ words, watch: w }] : [];
    });
    if (!watches.length) continue;
    const reason = production.get(script.name);
    if (reason !== undefined) {
      for (const { words, watch } of watches) reportProduction(ctx, script, words, watch, reason, packageDir, configured);
      continue;
    }
    if (isNamedWatch(script.name)) continue;
    const sibling = siblingOf(ctx, script, watches, scripts);
    const runFacts = [script.name, ...ancestorsOf(script.name, callers)].map((s) => runsScriptFact(packageDir, s));
    // Another script already runs it once (`dev:once`, or `start` running the built entry): no
    // nudge, but a Dockerfile, Procfile or pm2 app that runs this one still makes it an error.
    if (sibling.exists || runsEntriesOnce(ctx, script, watches, scripts)) {
      for (const { words, watch } of watches) reportProduction(ctx, script, words, watch, PRODUCTION_RUNS_IT, packageDir, configured, runFacts);
      continue;
    }
    for (const { watch } of watches) {
      // A watcher on a benchmark, an example or a file the package does not have is not the
      // service: it matters only where production runs the script.
      const service = !watch.entry || targets.isService(watch.entry.text);
      ctx.report({
        range: { start: watch.from.start, end: watch.to.end },
        messageId: 'devScript',
        data: { script: script.name, watcher: watch.label, sibling: sibling.name, command: runOnceCommand(watch) },
        severity: 'info',
        suggestions: sibling.fix ? [sibling.fix] : undefined,
        severityIf: runFacts.map((fact) => ({ fact, severity: 'error' as const })),
        // The project's own Dockerfile or Procfile runs the service without a watcher and not through this script.
        unlessAllWithout: { all: [deploymentRunsOnceFact(packageDir)], without: runFacts },
        ...(service ? {} : { onlyIfAny: runFacts }),
      });
    }
  }
}

/** The reason a script production runs by name cannot give: a Dockerfile, Procfile or pm2 app runs it (settled project-wide). */
const PRODUCTION_RUNS_IT = 'A Dockerfile, Procfile or pm2 app runs it';

/** `onlyIf`: report only once the project shows production runs the script. */
function reportProduction(
  ctx: RuleContext<Options, MessageId, FactKind>, script: Script, words: Word[], watch: WatchCommand, reason: string, packageDir: string, configured: Set<string>,
  onlyIf?: RuleFact<FactKind>[],
): void {
  const runOnce = watch.runOnce;
  let fix: Fix | undefined;
  let certain = false;
  if (runOnce) {
    fix = { title: `Run without the watcher: \`${runOnce.command}\``, safety: 'safe', edits: runOnceEdits(words, runOnce).map((e) => ctx.edit(e, e.newText)) };
    // A watcher config file may change what runs (nodemon.json `exec`): then a human decides.
    const r = watch.restarter;
    const hasConfig = (r.packageJsonKey !== undefined && configured.has(r.packageJsonKey)) ||
      (r.configFiles ?? []).some((f) => ctx.fileExists(path.join(packageDir, f)));
    // A development script that production happens to run: the developer may want its watcher kept.
    certain = runOnce.certain && !hasConfig && !onlyIf;
  }
  ctx.report({
    range: { start: watch.from.start, end: watch.to.end },
    messageId: 'productionScript',
    data: { script: script.name, watcher: watch.label, reason, command: runOnceCommand(watch) },
    severity: 'error',
    fixes: fix && certain ? [fix] : undefined,
    suggestions: fix && !certain ? [fix] : undefined,
    ...(onlyIf ? { onlyIfAny: onlyIf } : {}),
  });
}


/** `${name}:once`, and whether the package already has a script that runs this one without its watchers. */
function siblingOf(
  ctx: RuleContext<Options, MessageId, FactKind>, script: Script, watches: { words: Word[]; watch: WatchCommand }[], scripts: Map<string, Script>,
): { name: string; exists: boolean; fix?: Fix } {
  const name = `${script.name}:once`;
  if (scripts.has(name)) return { name, exists: true };
  if (watches.some((w) => !w.watch.runOnce)) return { name, exists: false };
  const literal = ctx.rangeOf(script.value);
  const edits = watches.flatMap(({ words, watch }) => runOnceEdits(words, watch.runOnce as RunOnce))
    .map((e) => ({ file: ctx.file, start: e.start - literal.start, end: e.end - literal.start, newText: e.newText }));
  const onceLiteral = applyEdits(ctx.text.slice(literal.start, literal.end), edits);
  const onceValue = JSON.parse(onceLiteral) as string;
  for (const other of scripts.values()) if (other !== script && other.value.text === onceValue) return { name, exists: true };
  const propertyStart = ctx.rangeOf(script.property).start;
  const lineStart = ctx.text.lastIndexOf('\n', propertyStart - 1) + 1;
  const indent = ctx.text.slice(lineStart, propertyStart);
  const separator = /^[ \t]*$/.test(indent) ? `\n${indent}` : ' ';
  return {
    name,
    exists: false,
    fix: {
      title: `Add a "${name}" script that runs without the watcher`,
      safety: 'safe',
      edits: [ctx.edit({ start: script.property.end, end: script.property.end }, `,${separator}${JSON.stringify(name)}: ${onceLiteral}`)],
    },
  };
}

/**
 * Whether another script already runs each watched entry without a watcher: `start: node
 * dist/server.js` beside `dev: ts-node-dev src/server` (a built file counts as its source).
 */
function runsEntriesOnce(
  ctx: RuleContext<Options, MessageId, FactKind>, script: Script, watches: { watch: WatchCommand }[], scripts: Map<string, Script>,
): boolean {
  const packageDir = path.dirname(ctx.file);
  const runOnce = new Set<string>();
  for (const other of scripts.values()) {
    if (other === script) continue;
    for (const words of other.commands) {
      const file = watchCommandOf(words) ? undefined : moduleFileOf(words);
      if (file) for (const f of sourceCandidates(path.resolve(packageDir, file), packageDir)) runOnce.add(f);
    }
  }
  return watches.every(({ watch }) => execRunsScriptOnce(watch, script, scripts) || execRunsFileOnce(watch, packageDir, runOnce) ||
    runsFileOnce(watch.entry ?? watch.execEntry, packageDir, runOnce));
}

/** Whether the watched file (or the source it is built from) is one another script runs once. */
function runsFileOnce(entry: Word | undefined, packageDir: string, runOnce: ReadonlySet<string>): boolean {
  return entry !== undefined && sourceCandidates(path.resolve(packageDir, entry.text), packageDir).some((f) => runOnce.has(f));
}

/** `nodemon --exec 'yarn build && node build/app.js'` beside `start: yarn build && node build/app.js`: the file it restarts is run once already. */
function execRunsFileOnce(watch: WatchCommand, packageDir: string, runOnce: ReadonlySet<string>): boolean {
  if (!watch.exec) return false;
  const files = commandsIn(plainText(watch.exec.text, 0)).flatMap((words) => {
    const file = moduleFileOf(words);
    return file ? [file] : [];
  });
  return files.length > 0 && files.every((file) => sourceCandidates(path.resolve(packageDir, file), packageDir).some((f) => runOnce.has(f)));
}

/**
 * `nodemon --exec 'npm run build && npm run start'`: what the watcher restarts is another script
 * (`start: node dist/server.js`), which already runs the service once.
 */
function execRunsScriptOnce(watch: WatchCommand, script: Script, scripts: Map<string, Script>): boolean {
  if (!watch.exec) return false;
  return commandsIn(plainText(watch.exec.text, 0)).some((words) => {
    const run = scriptRunOf(words);
    if (!run || run.dir !== undefined) return false;
    return run.scripts.some((name) => {
      const other = scripts.get(name);
      return other !== undefined && other !== script && other.commands.some((w) => moduleFileOf(w) !== undefined) &&
        !other.commands.some((w) => watchCommandOf(w) !== undefined);
    });
  });
}

/** For each script, the scripts that run it: `npm run x`, `run-p x:*`, and `x` for `prex`/`postx`. */
function callersOf(scripts: Map<string, Script>): Map<string, Set<string>> {
  const callers = new Map<string, Set<string>>();
  const add = (callee: string, caller: string): void => {
    if (callee === caller || !scripts.has(callee)) return;
    let set = callers.get(callee);
    if (!set) callers.set(callee, (set = new Set()));
    set.add(caller);
  };
  for (const s of scripts.values()) {
    for (const base of [s.name.replace(/^pre/, ''), s.name.replace(/^post/, '')]) if (base !== s.name) add(s.name, base);
    for (const words of s.commands) {
      const run = scriptRunOf(words);
      if (!run || run.dir !== undefined) continue;
      for (const pattern of run.scripts) for (const callee of scripts.keys()) if (scriptMatches(pattern, callee)) add(callee, s.name);
    }
  }
  return callers;
}

function ancestorsOf(name: string, callers: Map<string, Set<string>>): string[] {
  const seen = new Set<string>([name]);
  const queue = [name];
  while (queue.length) {
    for (const caller of callers.get(queue.shift()!) ?? []) {
      if (seen.has(caller)) continue;
      seen.add(caller);
      queue.push(caller);
    }
  }
  seen.delete(name);
  return [...seen];
}

/** Scripts production runs by their name, and the scripts those run; each with the reason shown in the message. */
function productionScripts(scripts: Map<string, Script>, callers: Map<string, Set<string>>, extra: string[]): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const name of scripts.keys()) {
    if (name === 'start') reasons.set(name, 'It is what `npm start` runs in production');
    else if (isStartLike(name) || extra.includes(name)) reasons.set(name, `"${name}" is a script production runs`);
  }
  const queue = [...reasons.keys()];
  while (queue.length) {
    const caller = queue.shift()!;
    for (const [callee, set] of callers) {
      if (!set.has(caller) || reasons.has(callee)) continue;
      reasons.set(callee, `The production script "${caller}" runs it`);
      queue.push(callee);
    }
  }
  return reasons;
}

// ---- JSON helpers ----

function jsonRoot(sf: ts.SourceFile): ts.Expression | undefined {
  const first = sf.statements[0];
  return first && ts.isExpressionStatement(first) ? first.expression : undefined;
}

function propertyOf(obj: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  for (const p of obj.properties) if (ts.isPropertyAssignment(p) && propertyKey(p.name) === name) return p;
  return undefined;
}

/** A JSON string's value with the file offsets of each character, so `\"` and `\u0041` map back exactly. */
function jsonStringSource(ctx: RuleContext<Options, MessageId, FactKind>, node: ts.StringLiteral): SourceText {
  const start = ctx.rangeOf(node).start + 1;
  const raw = ctx.text.slice(start, node.end - 1);
  const out: SourceText = { text: '', starts: [], ends: [] };
  const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
  for (let i = 0; i < raw.length;) {
    let char = raw[i];
    let length = 1;
    if (char === '\\') {
      const next = raw[i + 1];
      if (next === 'u') {
        char = String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
        length = 6;
      } else {
        char = SIMPLE[next] ?? next;
        length = 2;
      }
    }
    out.text += char;
    out.starts.push(start + i);
    out.ends.push(start + i + length);
    i += length;
  }
  return out;
}

// ---- pm2 ecosystem files ----

function lintPm2(ctx: RuleContext<Options, MessageId, FactKind>, apps: ts.ObjectLiteralExpression[]): void {
  const commandLines: { line: string; dir: string }[] = [];
  for (const [index, app] of apps.entries()) {
    const name = stringValue(propertyOf(app, 'name')?.initializer) ?? `apps[${index}]`;
    const watch = propertyOf(app, 'watch');
    if (watch && watch.initializer.kind === ts.SyntaxKind.TrueKeyword) {
      ctx.report({
        node: watch,
        messageId: 'pm2Watch',
        data: { app: name },
        severity: 'warn',
        suggestions: [{ title: 'Set `watch: false`', safety: 'safe', edits: [ctx.edit(ctx.rangeOf(watch.initializer), 'false')] }],
      });
    }
    const script = stringValue(propertyOf(app, 'script')?.initializer);
    if (script === undefined) continue;
    const argsNode = propertyOf(app, 'args')?.initializer;
    const args = argsNode && ts.isArrayLiteralExpression(argsNode)
      ? argsNode.elements.map((e) => stringValue(e)).filter((s): s is string => s !== undefined).map(shellQuote).join(' ')
      : stringValue(argsNode) ?? '';
    const cwd = stringValue(propertyOf(app, 'cwd')?.initializer);
    commandLines.push({ line: `${script} ${args}`, dir: path.resolve(path.dirname(ctx.file), cwd ?? '.') });
  }
  for (const { line, dir } of commandLines) recordScriptRuns(ctx, [line], dir);
}

function stringValue(e: ts.Expression | undefined): string | undefined {
  return e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) ? e.text : undefined;
}

// ---- Dockerfile and Procfile ----

/** The command line the image runs: ENTRYPOINT and CMD combined as Docker does. */
function dockerfileCommands(text: string): string[] {
  const { cmd, entrypoint } = imageCommand(text);
  if (entrypoint?.shell !== undefined) return [commandLine(entrypoint)];
  if (entrypoint) return [[commandLine(entrypoint), cmd ? commandLine(cmd) : ''].join(' ')];
  return cmd ? [commandLine(cmd)] : [];
}

/** A Procfile that runs a watcher itself (`web: nodemon server.js`): production runs every process type. */
function lintProcfile(ctx: RuleContext<Options, MessageId, FactKind>): void {
  const processes = procfileProcesses(ctx.text);
  for (const p of processes) {
    for (const words of commandsIn(plainText(p.command, p.offset))) {
      const watch = watchCommandOf(words);
      if (!watch) continue;
      const runOnce = watch.runOnce;
      const fix: Fix | undefined = runOnce && {
        title: `Run without the watcher: \`${runOnce.command}\``,
        safety: 'safe',
        edits: runOnceEdits(words, runOnce).map((e) => ctx.edit(e, e.newText)),
      };
      const configured = (watch.restarter.configFiles ?? []).some((f) => ctx.fileExists(f));
      const certain = !!runOnce?.certain && !configured;
      ctx.report({
        range: { start: watch.from.start, end: watch.to.end },
        messageId: 'procfileProcess',
        data: { process: p.name, watcher: watch.label, command: runOnceCommand(watch) },
        severity: 'error',
        fixes: fix && certain ? [fix] : undefined,
        suggestions: fix && !certain ? [fix] : undefined,
      });
    }
  }
  recordScriptRuns(ctx, processes.map((p) => p.command), path.dirname(ctx.file));
  recordDeploymentRunsOnce(ctx, processes.map((p) => p.command), path.dirname(ctx.file));
}
