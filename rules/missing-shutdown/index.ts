// missing-shutdown: the module that starts the service opens servers, pools or intervals and
// nothing in the package handles SIGTERM/SIGINT, and the package shows that a stop hurts.
// package.json says which modules are entries (`entry-module:<file>` facts); any module that
// registers shutdown handling says so for its package (`handles-shutdown:<dir>`). A missing
// handler costs something only with evidence of it: a Dockerfile that runs Node as PID 1 (which
// ignores SIGTERM without a handler, so every stop waits for SIGKILL), or work that an abrupt
// exit cuts off (jobs from a queue, database transactions, file writes). A service that only
// answers requests and keeps its state in memory loses nothing that a client retry does not redo.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { isPm2File } from '../../engine/file-kinds';
import { codeStyle, semi } from '../../engine/fix-text';
import { SHIM_SHUTDOWN, SHUTDOWN_LIBRARIES, type AppKnowledge, type ResourceKind, type ResourceKnowledge } from '../../engine/knowledge';
import { declared, freshName, scopeOfStatement } from '../../engine/fix-names';
import { importFromRuntime } from '../../engine/runtime-shim';
import { findDeclaration } from '../../engine/scope';
import type { Fix, Rule, RuleContext, RuleFact, TextEdit } from '../../engine/types';
import { Outer, skipOuter } from '../shared/ast';
import { imageCommand } from '../shared/process-files/dockerfile';
import { libraryCallee, libraryEntries } from '../shared/library-call';
import { opensNoHandle } from '../shared/resource-origin';
import { entryModules } from './entry-modules';
import { packageObject } from '../shared/package-object';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { oneCallPerChoice } from './branch-alternatives';

type Options = Record<string, never>;

/** What an entry opens that a signal should close: servers stop taking requests, pools end, timers stop. */
const SHUTDOWN_KINDS: ReadonlySet<ResourceKind> = new Set(['server', 'pool', 'interval']);

/** SIGTERM is what `docker stop`, Kubernetes and systemd send; SIGINT is Ctrl+C. `beforeExit` never fires on a signal. */
const SIGNALS = ['SIGTERM', 'SIGINT'];
const LISTEN_METHODS = ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'];
/** The shim's functions that install its SIGTERM/SIGINT handling. */
const SHIM_HANDLERS = [SHIM_SHUTDOWN, 'shutdownSignal'];
/** Methods that return the server or timer they are called on (`createServer(app).listen(port)`). */
const RETURNS_RECEIVER = ['listen', 'on', 'once', 'addListener', 'setTimeout', 'ref'];

const WHAT: Record<string, { noun: string; handle: string; inFlight: string }> = {
  server: { noun: 'a server', handle: 'server', inFlight: 'the requests in flight' },
  pool: { noun: 'a database pool', handle: 'pool', inFlight: 'the queries in flight' },
  interval: { noun: 'an interval timer', handle: 'timer', inFlight: 'a periodic job half-way through its work' },
};

/** Work an abrupt exit cuts off, in the order a message names it first, with how it is lost. */
const IN_FLIGHT = {
  jobs: { work: 'jobs in progress', lost: 'a job taken off its queue is cut off half-way, and depending on the queue it is retried later or lost' },
  transactions: { work: 'open transactions', lost: 'a transaction in flight is rolled back by the database and its request fails' },
  writes: { work: 'file writes', lost: 'a file being written can be left truncated' },
} as const;
type InFlight = keyof typeof IN_FLIGHT;
const IN_FLIGHT_ORDER: readonly InFlight[] = ['jobs', 'transactions', 'writes'];

/** Libraries that take jobs or messages off a queue: an abrupt exit interrupts the ones in progress. */
const JOB_LIBRARIES = new Set(['bull', 'bullmq', 'bee-queue', 'node-resque', 'agenda', 'kue', 'pg-boss', 'graphile-worker',
  'amqplib', 'amqp-connection-manager', 'kafkajs', 'sqs-consumer', 'nats', '@google-cloud/pubsub', 'rhea']);

/** Calls that open a transaction or check a connection out for several statements. */
const TRANSACTION_METHODS = new Set(['transaction', '$transaction', 'getConnection', 'beginTransaction', 'startSession']);
const TRANSACTION_SQL = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;

/** fs calls that write: a process killed during one can leave the file half-written. */
const WRITE_CALLS = new Set(['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'rename', 'renameSync',
  'unlink', 'unlinkSync', 'rm', 'rmSync', 'copyFile', 'copyFileSync']);

/**
 * A health-check route (`app.get('/healthz', …)`, `req.url === '/ready'`): an orchestrator or load
 * balancer probes the service, sends it traffic and stops it with SIGTERM.
 */
const HEALTH_PATH = /^(?:\/[\w.-]+)*\/(?:_?health(?:z|check|-check)?|ready(?:z|ness)?|live(?:z|ness)?)\/?$/i;
/** Router methods whose first argument is a route path. */
const ROUTE_METHODS = new Set(['get', 'head', 'all', 'use', 'route']);
/** Request members a handler compares with a path. */
const PATH_MEMBERS = new Set(['url', 'path', 'pathname', 'originalUrl']);

/** Programs that, started by a container's CMD/ENTRYPOINT in exec form, run Node itself as PID 1. */
const PID1_NODE = new Set(['node', 'nodejs', 'tsx', 'ts-node', 'bun']);
/** Init processes that forward signals: with one of these in front, nothing is PID 1 but the init. */
const INITS = new Set(['tini', 'dumb-init', 'pm2-runtime', 's6-svscan', 'catatonit']);

/** The project facts this rule records and reads. */
type FactKind = 'entry-module' | 'handles-shutdown' | 'container-pid1' | `in-flight-${InFlight}` | 'health-checked';

type MessageId = 'pid1' | 'inFlight' | 'healthChecked';

const rule = createRule<Options, MessageId, FactKind>({
  meta: {
    id: 'missing-shutdown',
    description: 'An entry module that opens servers, pools or intervals and handles no SIGTERM/SIGINT, where a stop is costly.',
    defaultSeverity: 'warn',
    fixable: { safe: '`onShutdown(() => …)` for each resource' },
    fileKinds: ['script', 'package-json', 'dockerfile'],
    messages: {
      pid1:
        'Node is PID 1 in the container and handles no SIGTERM: {{close}} `{{call}}` on shutdown.\n' +
        'This entry module opens {{noun}}, and nothing in the package handles SIGTERM or SIGINT. Node running as PID 1 in a ' +
        'container ignores SIGTERM unless a handler is installed, so every `docker stop`, deploy or scale-down waits out the ' +
        'grace period (10 s for Docker, 30 s in Kubernetes) and ends in SIGKILL, cutting off {{inFlight}}. ' +
        'Close it on shutdown: `{{registration}}`.',
      inFlight:
        'No SIGTERM handler: {{close}} `{{call}}` on shutdown so that {{work}} can finish.\n' +
        'This entry module opens {{noun}}, and nothing in the package handles SIGTERM or SIGINT, so on every deploy, ' +
        'scale-down or `docker stop` Node exits at once: {{lost}}. Close it on shutdown and let the work finish: `{{registration}}`.',
      healthChecked:
        'Health-checked service with no SIGTERM handler: {{close}} `{{call}}` on shutdown.\n' +
        'This entry module opens {{noun}}, and the package serves a health-check route, so an orchestrator or load balancer ' +
        'sends it traffic and stops it with SIGTERM; nothing in the package handles SIGTERM or SIGINT. Node then exits at ' +
        'once, cutting off {{inFlight}} while new requests are still routed to it, or, as PID 1 in a container, ignores the ' +
        'signal until SIGKILL ends it after the grace period. Close it on shutdown (failing the health check first lets the ' +
        'balancer drain it): `{{registration}}`.',
    },
    options: {},
  },
  create(ctx) {
    if (ctx.kind === 'package-json') return { [ts.SyntaxKind.SourceFile]: () => recordEntries(ctx) };
    if (ctx.kind === 'dockerfile') {
      recordContainer(ctx);
      return {};
    }
    if (ctx.kind !== 'script' || isPm2File(ctx.file)) return {};
    return lintModule(ctx);
  },
});

export default rule;

/** A module package.json starts (`main`, `bin`, a `start` script). */
function entryFact(file: string): RuleFact<FactKind> {
  return { kind: 'entry-module', ref: file };
}

/** The package handles SIGTERM/SIGINT somewhere: its entries need no handler of their own. */
function handlesShutdownFact(packageDir: string): RuleFact<FactKind> {
  return { kind: 'handles-shutdown', ref: packageDir };
}

/** A Dockerfile of the package in `dir` runs Node (or a shell) as PID 1. */
function containerFact(dir: string): RuleFact<FactKind> {
  return { kind: 'container-pid1', ref: dir };
}

/** The package serves a health-check route. */
function healthCheckedFact(packageDir: string): RuleFact<FactKind> {
  return { kind: 'health-checked', ref: packageDir };
}

/** The package does work that an abrupt exit cuts off. */
function inFlightFact(kind: InFlight, packageDir: string): RuleFact<FactKind> {
  return { kind: `in-flight-${kind}`, ref: packageDir };
}

/** The image's command starts Node (or `/bin/sh -c`, which ignores SIGTERM as well) as PID 1, with no init in front. */
function recordContainer(ctx: RuleContext<Options, MessageId, FactKind>): void {
  const { cmd, entrypoint } = imageCommand(ctx.text);
  const first = entrypoint ?? cmd;
  if (!first) return;
  const program = path.basename((first.exec ? first.exec.words[0] : first.shell?.split(/\s+/)[0]) ?? '');
  if (INITS.has(program)) return;
  // The image runs the package the Dockerfile belongs to (`docker/Dockerfile` of a package is its own).
  const dir = path.dirname(ctx.file);
  if (first.shell !== undefined || PID1_NODE.has(program)) ctx.addFact(containerFact(ctx.packageDirOf(dir) ?? dir));
}

function recordEntries(ctx: RuleContext<Options, MessageId, FactKind>): void {
  const pkg = packageObject(ctx.text);
  if (!pkg) return;
  for (const file of entryModules(path.dirname(ctx.file), pkg as Parameters<typeof entryModules>[1])) ctx.addFact(entryFact(file));
}

interface Opened {
  /** The call to report. */
  node: ts.CallExpression | ts.NewExpression;
  kind: ResourceKind;
  resource?: ResourceKnowledge;
  app?: AppKnowledge;
}

function lintModule(ctx: RuleContext<Options, MessageId, FactKind>): ReturnType<Rule['create']> {
  const opened: Opened[] = [];
  const inFlight = new Set<InFlight>();
  let handles = false;
  let healthChecked = false;
  let mentionsSignal = false;
  let signalHeldInVariable = false;

  const onCall = (node: ts.CallExpression | ts.NewExpression): void => {
    if (ts.isCallExpression(node) && registersShutdown(node)) handles = true;
    if (ts.isCallExpression(node)) noteInFlight(node);
    const callee = libraryCallee(ctx, node.expression);
    if (callee) {
      // A resource meant to live with the process whatever happens (`scope: 'per-call'`) needs no signal handling.
      const entry = libraryEntries(ctx, node, callee).find((e) => e.resource && SHUTDOWN_KINDS.has(e.resource.kind) && e.resource.scope !== 'per-call');
      if (entry && !opensNoHandle(node, entry.resource!)) opened.push({ node, kind: entry.resource!.kind, resource: entry.resource });
    }
    if (ts.isCallExpression(node)) {
      const app = appListened(ctx, node);
      if (app) opened.push({ node, kind: 'server', app });
    }
  };

  return {
    [ts.SyntaxKind.CallExpression]: onCall,
    [ts.SyntaxKind.NewExpression]: onCall,
    [ts.SyntaxKind.StringLiteral](node: ts.StringLiteral) {
      if (SIGNALS.includes(node.text)) mentionsSignal = true;
      else if (SHUTDOWN_LIBRARIES.includes(node.text) && isModuleSpecifier(node)) handles = true;
      else if (JOB_LIBRARIES.has(node.text) && isModuleSpecifier(node)) inFlight.add('jobs');
      else if (TRANSACTION_SQL.test(node.text)) inFlight.add('transactions');
      else if (HEALTH_PATH.test(node.text) && isHealthRoute(node)) healthChecked = true;
    },
    [ts.SyntaxKind.NoSubstitutionTemplateLiteral](node: ts.NoSubstitutionTemplateLiteral) {
      if (TRANSACTION_SQL.test(node.text)) inFlight.add('transactions');
      else if (HEALTH_PATH.test(node.text) && isHealthRoute(node)) healthChecked = true;
    },
    end() {
      // `process.once(signal, …)` in a loop over ['SIGTERM', 'SIGINT'] names the signals elsewhere.
      handles ||= mentionsSignal && signalHeldInVariable;
      const packageDir = ctx.packageDir ?? path.dirname(ctx.file);
      // An entry that only hands over to one module of the project (`bin/server`: `require('../lib/server')`)
      // makes that module the entry: what it opens as it loads is what the entry starts.
      const target = opened.length ? undefined : handoverTarget(ctx);
      if (target && isEntry(ctx, packageDir)) ctx.addFact(entryFact(target));
      for (const k of inFlight) ctx.addFact(inFlightFact(k, packageDir));
      if (healthChecked) ctx.addFact(healthCheckedFact(packageDir));
      if (!opened.length && !handles) return;
      if (handles) {
        ctx.addFact(handlesShutdownFact(packageDir));
        return;
      }
      const startup = startupFunctions(ctx.sourceFile);
      for (const o of oneCallPerChoice(opened)) {
        if (!runsAtStartup(o.node, startup) || isUnrefd(o.node)) continue;
        report(ctx, o, packageDir, isExecutable(ctx.text));
      }
    },
  };

  /** Work an abrupt exit would cut off: a transaction or checkout, an fs write. */
  function noteInFlight(call: ts.CallExpression): void {
    const callee = call.expression;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    if (name === undefined) return;
    if (ts.isPropertyAccessExpression(callee) && TRANSACTION_METHODS.has(name)) inFlight.add('transactions');
    if (WRITE_CALLS.has(name)) {
      const from = ctx.resolveCallee(callee);
      if (from?.library && /^(node:)?fs(\/promises)?$/.test(from.module)) inFlight.add('writes');
    }
  }

  /** `process.on('SIGTERM', …)`, `onShutdown(…)`; a listener on a signal held in a variable is settled at the end. */
  function registersShutdown(call: ts.CallExpression): boolean {
    const callee = call.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (name === undefined) return false;
    if (SHIM_HANDLERS.includes(name)) return true;
    if (!ts.isPropertyAccessExpression(callee) || !LISTEN_METHODS.includes(name)) return false;
    if (!ts.isIdentifier(callee.expression) || callee.expression.text !== 'process') return false;
    const event = call.arguments[0];
    if (!event) return false;
    if (ts.isStringLiteralLike(event)) return SIGNALS.includes(event.text);
    signalHeldInVariable = true;
    return false;
  }
}

/** This module is an entry: a program by its `#!` line, or one its package.json starts. */
function isEntry(ctx: RuleContext<Options, MessageId, FactKind>, packageDir: string): boolean {
  if (isExecutable(ctx.text)) return true;
  const pkg = ctx.packageJson(packageDir);
  return pkg !== undefined && entryModules(packageDir, pkg as Parameters<typeof entryModules>[1]).includes(ctx.file);
}

/**
 * The one project module this module loads as it starts (`require('../lib/cli')(process.argv)`,
 * `import './server.js'`), when it loads exactly one; loads inside functions do not count.
 */
function handoverTarget(ctx: RuleContext<Options, MessageId, FactKind>): string | undefined {
  const targets = new Set<string>();
  const note = (spec: ts.Expression | undefined): void => {
    if (!spec || !ts.isStringLiteralLike(spec) || !/^\.{1,2}(\/|$)/.test(spec.text)) return;
    const file = ctx.resolver.resolve(ctx.file, spec.text);
    // Data (`require('./config.json')`) is no code to hand over to.
    if (file && !file.endsWith('.json') && !file.split(path.sep).includes('node_modules')) targets.add(file);
  };
  const visit = (n: ts.Node): WalkAnswer => {
    if (isFunctionNode(n) || ts.isClassLike(n)) return SKIP;
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) {
      if (!(ts.isImportDeclaration(n) ? n.importClause?.isTypeOnly : n.isTypeOnly)) note(n.moduleSpecifier);
    }
    else if (ts.isCallExpression(n) && ((ts.isIdentifier(n.expression) && n.expression.text === 'require') || n.expression.kind === ts.SyntaxKind.ImportKeyword)) {
      note(n.arguments[0]);
    }
  };
  for (const st of ctx.sourceFile.statements) walkTree(st, visit);
  return targets.size === 1 ? [...targets][0] : undefined;
}

/** `app.listen(…)` on an app a web framework made (`express()`, `new Koa()`, `Fastify()`), directly or through a binding. */
function appListened(ctx: RuleContext<Options, MessageId, FactKind>, call: ts.CallExpression): AppKnowledge | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  let receiver: ts.Expression = callee.expression;
  if (ts.isIdentifier(receiver)) {
    const decl = findDeclaration(receiver.text, receiver);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
    receiver = decl.initializer;
  }
  while (ts.isAwaitExpression(receiver) || ts.isParenthesizedExpression(receiver)) receiver = receiver.expression;
  if (!ts.isCallExpression(receiver) && !ts.isNewExpression(receiver)) return undefined;
  const made = libraryCallee(ctx, receiver.expression);
  if (!made) return undefined;
  const app = ctx.knowledge.lookupAll(made.module, made.call, ts.isNewExpression(receiver)).find((e) => e.app)?.app;
  return app && app.listen === callee.name.text ? app : undefined;
}

function isModuleSpecifier(node: ts.StringLiteral): boolean {
  const p = node.parent;
  if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p)) return p.moduleSpecifier === node;
  return ts.isCallExpression(p) && p.arguments[0] === node &&
    ((ts.isIdentifier(p.expression) && p.expression.text === 'require') || p.expression.kind === ts.SyntaxKind.ImportKeyword);
}

/** A file run as a program: `#!/usr/bin/env node`, `#!/usr/bin/env -S npx tsx`. */
function isExecutable(text: string): boolean {
  return /^#!.*\b(node|tsx|ts-node|bun|deno)\b/.test(text.slice(0, text.indexOf('\n') >>> 0));
}

type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

/**
 * Functions that run when the module starts: called from top-level code (`main()`,
 * `main().catch(…)`, `if (require.main === module) start()`), or from such a function's body.
 */
function startupFunctions(sf: ts.SourceFile): Set<FunctionNode> {
  const byName = new Map<string, FunctionNode>();
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.body) byName.set(st.name.text, st);
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) byName.set(d.name.text, init);
      }
    }
  }
  const startup = new Set<FunctionNode>();
  const queue: ts.Node[] = [...sf.statements];
  while (queue.length) {
    const root = queue.shift()!;
    const visit = (n: ts.Node): WalkAnswer => {
      // Bodies of functions run only when called: the calls found are what makes them startup code.
      if (isFunctionNode(n) || ts.isClassLike(n)) return SKIP;
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
        const fn = byName.get(n.expression.text);
        if (fn && !startup.has(fn)) {
          startup.add(fn);
          if (fn.body) queue.push(fn.body);
        }
      }
    };
    walkTree(root, visit);
  }
  return startup;
}

function isFunctionNode(n: ts.Node): n is FunctionNode {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n);
}

/** The call runs once as the module starts: at top level, in a startup function or an IIFE — not in a callback. */
function runsAtStartup(node: ts.Node, startup: Set<FunctionNode>): boolean {
  for (let n: ts.Node = node.parent; !ts.isSourceFile(n); n = n.parent) {
    if (ts.isClassLike(n) || ts.isMethodDeclaration(n) || ts.isAccessor(n) || ts.isConstructorDeclaration(n)) return false;
    if (!isFunctionNode(n)) continue;
    if (startup.has(n)) continue;
    let outer: ts.Node = n.parent;
    while (ts.isParenthesizedExpression(outer)) outer = outer.parent;
    const iife = ts.isCallExpression(outer) && skipOuter(outer.expression, Outer.Parens) === n;
    if (!iife) return false;
  }
  return true;
}

/** `setInterval(…).unref()`, `createServer().listen().unref()`: the process may exit despite it. */
function isUnrefd(node: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(node.parent) && node.parent.name.text === 'unref' ||
    (ts.isPropertyAccessExpression(node.parent) && RETURNS_RECEIVER.includes(node.parent.name.text) && ts.isCallExpression(node.parent.parent) && isUnrefd(node.parent.parent));
}

// ---- Reporting and fixing ----

function report(ctx: RuleContext<Options, MessageId, FactKind>, o: Opened, packageDir: string, executable: boolean): void {
  const what = WHAT[o.kind];
  const plan = registrationPlan(ctx, o);
  const call = callText(ctx, o.node);
  const registration = plan?.registration ?? registrationText(o, what.handle);
  const fix = plan && fixFor(ctx, plan);
  const fixes = fix ? [fix] : undefined;
  // A `#!/usr/bin/env node` file is a program by itself; other modules are entries when package.json says so.
  const onlyIfAll = executable ? undefined : [entryFact(ctx.file)];
  const handled = handlesShutdownFact(packageDir);
  const close = o.kind === 'interval' ? 'clear' : 'close';
  const containers = [containerFact(packageDir)];
  ctx.report({
    node: o.node, messageId: 'pid1', data: { close, noun: what.noun, call, inFlight: what.inFlight, registration }, fixes,
    onlyIfAll, onlyIfAny: containers, unlessAny: [handled],
  });
  const inFlightFacts = IN_FLIGHT_ORDER.map((k) => inFlightFact(k, packageDir));
  ctx.report({
    node: o.node, messageId: 'healthChecked', data: { close, noun: what.noun, call, inFlight: what.inFlight, registration }, fixes,
    onlyIfAll, onlyIfAny: [healthCheckedFact(packageDir)], unlessAny: [handled, ...containers, ...inFlightFacts],
  });
  IN_FLIGHT_ORDER.forEach((kind, i) => {
    ctx.report({
      node: o.node, messageId: 'inFlight', data: { close, noun: what.noun, call, work: IN_FLIGHT[kind].work, lost: IN_FLIGHT[kind].lost, registration }, fixes,
      onlyIfAll, onlyIfAny: [inFlightFact(kind, packageDir)],
      // One finding per call: the container's, else the first kind of work the package shows.
      unlessAny: [handled, ...containers, ...IN_FLIGHT_ORDER.slice(0, i).map((k) => inFlightFact(k, packageDir))],
    });
  });
}

/** A path literal a router serves (`router.get('/healthz', …)`) or a request handler compares with (`req.url === '/health'`). */
function isHealthRoute(node: ts.StringLiteralLike): boolean {
  let e: ts.Node = node;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (ts.isCallExpression(p) && p.arguments[0] === e) {
    return ts.isPropertyAccessExpression(p.expression) && ROUTE_METHODS.has(p.expression.name.text);
  }
  if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(p.operatorToken.kind)) {
    const other = skipOuter(p.left === e ? p.right : p.left, Outer.Parens);
    return ts.isPropertyAccessExpression(other) && PATH_MEMBERS.has(other.name.text);
  }
  return ts.isCaseClause(p) && ts.isSwitchStatement(p.parent.parent) && ts.isPropertyAccessExpression(p.parent.parent.expression) &&
    PATH_MEMBERS.has(p.parent.parent.expression.name.text);
}

/** `http.createServer(…)`, `app.listen(…)`: the call as written, arguments elided. */
function callText(ctx: RuleContext<Options, MessageId, FactKind>, node: ts.CallExpression | ts.NewExpression): string {
  const callee = node.expression.getText(ctx.sourceFile);
  return `${ts.isNewExpression(node) ? 'new ' : ''}${callee}(${node.arguments?.length ? '…' : ''})`;
}

interface Plan {
  /** The statement the registration goes after. */
  statement: ts.Statement;
  registration: string;
  /** Keeping a thrown-away handle: `app.listen(port);` -> `const server = app.listen(port);`. */
  keep?: { name: string; expression: ts.Expression };
}

/** How a handle is closed: `pool.end()`, `clearInterval(timer)`, a server's close awaited through its callback. */
function registrationText(o: Opened, handle: string): string {
  if (o.app) {
    if (o.app.handle === 'app' || o.app.closeAwaitable) return `${SHIM_SHUTDOWN}(() => ${handle}.${o.app.close}())`;
    return `${SHIM_SHUTDOWN}(() => new Promise((resolve) => ${handle}.${o.app.close}(resolve)))`;
  }
  const r = o.resource!;
  if (r.releaseIsFunction) return `${SHIM_SHUTDOWN}(() => ${r.release[0]}(${handle}))`;
  // A server's close() returns at once; waiting for its callback lets requests in flight finish.
  if (o.kind === 'server' && !r.releaseAwaitable) return `${SHIM_SHUTDOWN}(() => new Promise((resolve) => ${handle}.${r.release[0]}(resolve)))`;
  return `${SHIM_SHUTDOWN}(() => ${handle}.${r.release[0]}())`;
}

function registrationPlan(ctx: RuleContext<Options, MessageId, FactKind>, o: Opened): Plan | undefined {
  // Fastify: the app itself closes; register after the statement that starts it.
  if (o.app?.handle === 'app') {
    const receiver = (o.node.expression as ts.PropertyAccessExpression).expression;
    const statement = enclosingStatement(o.node);
    return ts.isIdentifier(receiver) && statement ? { statement, registration: registrationText(o, receiver.text) } : undefined;
  }
  let e: ts.Expression = o.node;
  while (ts.isPropertyAccessExpression(e.parent) && RETURNS_RECEIVER.includes(e.parent.name.text) && ts.isCallExpression(e.parent.parent) && e.parent.parent.expression === e.parent) {
    e = e.parent.parent;
  }
  const p = e.parent;
  if (ts.isVariableDeclaration(p) && p.initializer === e && ts.isIdentifier(p.name) && ts.isVariableDeclarationList(p.parent) &&
    ts.isVariableStatement(p.parent.parent) && isInBlock(p.parent.parent)) {
    return { statement: p.parent.parent, registration: registrationText(o, p.name.text) };
  }
  if (ts.isExpressionStatement(p) && isInBlock(p)) {
    const name = freshName([WHAT[o.kind].handle], scopeOfStatement(p), p);
    return { statement: p, registration: registrationText(o, name), keep: { name, expression: e } };
  }
  return undefined;
}

function enclosingStatement(node: ts.Node): ts.Statement | undefined {
  for (let n: ts.Node = node; !ts.isSourceFile(n); n = n.parent) {
    if ((ts.isExpressionStatement(n) || ts.isVariableStatement(n)) && isInBlock(n)) return n;
    if (isFunctionNode(n)) return undefined;
  }
  return undefined;
}

function isInBlock(st: ts.Statement): boolean {
  return ts.isSourceFile(st.parent) || ts.isBlock(st.parent);
}

function fixFor(ctx: RuleContext<Options, MessageId, FactKind>, plan: Plan): Fix | undefined {
  const sf = ctx.sourceFile;
  const style = codeStyle(sf);
  const edits: TextEdit[] = [];
  if (plan.keep) {
    const start = plan.statement.getStart(sf);
    const exprText = ctx.text.slice(plan.keep.expression.getStart(sf), plan.keep.expression.end);
    const rest = ctx.text.slice(plan.keep.expression.end, plan.statement.end);
    edits.push(ctx.edit({ start, end: plan.statement.end }, `const ${plan.keep.name} = ${exprText}${rest}`));
  }
  const start = plan.statement.getStart(sf);
  const indent = ctx.text.slice(ctx.text.lastIndexOf('\n', start - 1) + 1, start);
  // After an end-of-line comment on the statement's line, so the comment stays with it.
  const lineRest = /^[^\S\r\n]*(\/\/[^\r\n]*)?/.exec(ctx.text.slice(plan.statement.end))![0];
  const at = plan.statement.end + lineRest.length;
  const shim = importFromRuntime(ctx, [SHIM_SHUTDOWN]);
  if (!shim) return undefined;
  // Written with the name the shim's onShutdown is imported under (another one where the file uses `onShutdown`).
  const registration = plan.registration.replace(/^onShutdown\b/, shim.names.onShutdown);
  edits.push(ctx.edit({ start: at, end: at }, `${style.eol}${/^\s*$/.test(indent) ? indent : ''}${registration}${semi(style)}`));
  const declares = plan.keep ? [declared(ctx, plan.keep.name, scopeOfStatement(plan.statement)), ...shim.declares] : shim.declares;
  return { title: `Close on shutdown: \`${registration}\``, safety: 'safe', edits: [...edits, ...shim.edits], creates: shim.creates, declares };
}
