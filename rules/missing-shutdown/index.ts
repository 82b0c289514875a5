// missing-shutdown: the module that starts the service opens servers, pools or intervals and
// nothing in the package handles SIGTERM/SIGINT, so every deploy kills it mid-request.
// package.json says which modules are entries (`entry-module:<file>` facts); any module that
// registers shutdown handling says so for its package (`handles-shutdown:<dir>`); the findings
// in a module stand only when it is an entry and its package handles no signal.
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
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
import { libraryCallee } from '../shared/library-call';
import { entryModules } from './entry-modules';

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

const WHAT: Record<string, { noun: string; handle: string; harm: string }> = {
  server: { noun: 'a server', handle: 'server', harm: 'requests in flight are cut off and clients see connection resets' },
  pool: { noun: 'a database pool', handle: 'pool', harm: 'queries and transactions in flight are abandoned half-done' },
  interval: { noun: 'an interval timer', handle: 'timer', harm: 'a periodic job can be killed half-way through its work' },
};

/** The project facts this rule records and reads. */
type FactKind = 'entry-module' | 'handles-shutdown';

type MessageId = 'noShutdown';

const rule = createRule<Options, MessageId, FactKind>({
  meta: {
    id: 'missing-shutdown',
    description: 'An entry module that opens servers, pools or intervals and handles no SIGTERM/SIGINT, so they are never closed.',
    defaultSeverity: 'warn',
    fixable: { safe: '`onShutdown(() => …)` for each resource' },
    fileKinds: ['script', 'package-json'],
    messages: {
      noShutdown:
        'This entry module opens {{noun}} (`{{call}}`), but nothing in the package handles SIGTERM or SIGINT. On every ' +
        'deploy, scale-down or `docker stop` Node then exits at once: {{harm}}. Close it on shutdown: `{{registration}}`.',
    },
    options: {},
  },
  create(ctx) {
    if (ctx.kind === 'package-json') return { [ts.SyntaxKind.SourceFile]: () => recordEntries(ctx) };
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

function recordEntries(ctx: RuleContext<Options, MessageId, FactKind>): void {
  let pkg: unknown;
  try {
    pkg = parseJsonc(ctx.text);
  } catch {
    return;
  }
  if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) return;
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
  let handles = false;
  let mentionsSignal = false;
  let signalHeldInVariable = false;

  const onCall = (node: ts.CallExpression | ts.NewExpression): void => {
    if (ts.isCallExpression(node) && registersShutdown(node)) handles = true;
    const callee = libraryCallee(ctx, node.expression);
    if (callee) {
      const entry = ctx.knowledge.lookupAll(callee.module, callee.call, ts.isNewExpression(node)).find((e) => e.resource && SHUTDOWN_KINDS.has(e.resource.kind));
      if (entry) opened.push({ node, kind: entry.resource!.kind, resource: entry.resource });
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
    },
    end() {
      // `process.once(signal, …)` in a loop over ['SIGTERM', 'SIGINT'] names the signals elsewhere.
      handles ||= mentionsSignal && signalHeldInVariable;
      if (!opened.length && !handles) return;
      const packageDir = ctx.packageDir ?? path.dirname(ctx.file);
      if (handles) {
        ctx.addFact(handlesShutdownFact(packageDir));
        return;
      }
      const startup = startupFunctions(ctx.sourceFile);
      for (const o of opened) {
        if (!runsAtStartup(o.node, startup) || isUnrefd(o.node)) continue;
        report(ctx, o, packageDir, isExecutable(ctx.text));
      }
    },
  };

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
    const visit = (n: ts.Node): void => {
      // Bodies of functions run only when called: the calls found are what makes them startup code.
      if (isFunctionNode(n) || ts.isClassLike(n)) return;
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
        const fn = byName.get(n.expression.text);
        if (fn && !startup.has(fn)) {
          startup.add(fn);
          if (fn.body) queue.push(fn.body);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(root);
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
  ctx.report({
    node: o.node,
    messageId: 'noShutdown',
    data: { noun: what.noun, call, harm: what.harm, registration: plan?.registration ?? registrationText(o, what.handle) },
    fixes: plan ? [fixFor(ctx, plan)].filter((f) => f !== undefined) : undefined,
    // A `#!/usr/bin/env node` file is a program by itself; other modules are entries when package.json says so.
    onlyIfAny: executable ? undefined : [entryFact(ctx.file)],
    unlessAny: [handlesShutdownFact(packageDir)],
  });
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
