// unreleased-resource: pools, clients, servers, watchers, workers and intervals that are made and
// never given back. What opens a resource and what releases it is library knowledge
// (engine/knowledge.ts); a release anywhere in the project counts, settled through facts.
//
// What a missing release costs depends on where the resource is made:
// - made per call (per request): every call leaks one, and they pile up;
// - held for the process (module level, a long-lived object, start-up code): it matters only when
//   something expects the process to end — a shutdown handler that closes the rest and waits for
//   the event loop to drain (then this one hangs the shutdown), or, in a library, the program
//   using it. A handler that calls `process.exit` ends the process whatever is open, and with no
//   handler at all Node exits at once on SIGTERM (missing-shutdown reports a service's entry).
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { codeStyle, semi } from '../../engine/fix-text';
import { releaseWords } from './release-verbs';
import { DETACH_METHODS, HOST_START_UP_REGISTRATIONS, SELF_EXITING_HOSTS, SERVICE_LIFETIME_KINDS, type LibraryEntry, type ResourceKind, type ResourceKnowledge } from '../../engine/knowledge';
import { declared, freshName, scopeOfStatement } from '../../engine/fix-names';
import { importFromRuntime } from '../../engine/runtime-shim';
import { findDeclaration, isTopLevel, rootDeclaration } from '../../engine/scope';
import type { Fix, FixDeclaration, RuleContext, RuleFact, TextEdit } from '../../engine/types';
import { calleeName, enclosingFunction, isAsync, Outer, skipOuter, thisOwner } from '../shared/ast';
import { isBrowserCode } from '../shared/browser-code';
import { optionalChainTarget } from '../shared/compiled-optional-chain';
import { libraryCallee, libraryEntries, madeFromLocalParent, openedInFile } from '../shared/library-call';
import { opensNoHandle, originOfType } from '../shared/resource-origin';
import { cliPackageFact, isShortLivedProgram, recordCliPackageFacts, type CliPackageFactKind } from '../shared/program-lifetime';
import { calleeKey, functionKeys, runsOnce } from '../shared/run-once';
import { functionOf, isShutdownLibraryImport, signalHandlingOf } from '../shared/shutdown-handlers';
import { packageObject } from '../shared/package-object';
import { ownerTeardown } from '../shared/owner-teardown';
import { LISTENER_METHODS, ROUTE_METHODS } from '../unhandled-async-callback/callback-sinks';
import { isShutdownRegistration, resourceUses, type ReleaseForms } from './resource-uses';
import { nothingThrowsBefore, releasedInTryAndCatch } from './exception-paths';
import { getterTargetMember } from './getter-aliases';
import { CLOSE_METHOD_NAMES } from '../shared/second-call-guards';
import { wrapInTryFinally } from './try-finally-fix';
import { moveIntoTry, releaseGap, type ReleaseGap } from './release-gaps';
import { keptForReleaseRef, keptForReleaseRefs } from './releasing-registries';
import { awaitedUntilExit } from './awaited-exit';
import { endedStreamOwner, memberAssignedWith, ownersOfStoredStreams } from './ending-streams';
import { forkedProgramPath, handlesStopSignal, namedProgramPath, readsArgvAtTopLevel } from './helper-programs';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';
import { storedBeforeCreation } from './earlier-stores';

/** How messages name each kind of resource. */
const NOUN: Record<ResourceKind, string> = {
  pool: 'connection pool', client: 'client', server: 'server', watcher: 'file watcher', worker: 'worker thread',
  interval: 'interval', checkout: 'pooled connection', socket: 'socket', process: 'child process',
};

/** What an open resource of each kind holds, that keeps Node's event loop from emptying. */
const HOLDS: Record<ResourceKind, string> = {
  pool: 'its open connections keep the event loop alive',
  client: 'its open connection keeps the event loop alive',
  socket: 'the open socket keeps the event loop alive',
  checkout: 'the connection stays checked out of its pool',
  server: 'the listening socket keeps the event loop alive (and keeps accepting requests)',
  watcher: 'the watch handle keeps the event loop alive',
  worker: 'the running worker keeps the process alive',
  interval: 'the timer keeps the event loop alive and its callback keeps running',
  process: 'the child keeps running',
};

/** What a resource made per call and never released piles up into. */
const PILES_UP: Record<ResourceKind, string> = {
  pool: 'each holds its own connections until the database refuses new clients',
  client: 'each holds a connection until the database refuses new clients',
  socket: 'each holds a socket until the process runs out of file descriptors',
  checkout: 'each keeps a connection checked out until the pool is drained',
  server: 'each holds a listening socket that nothing can close any more',
  watcher: 'each holds OS watch handles and calls its listeners, until the process runs out of them',
  worker: 'each keeps a thread and its memory',
  interval: 'each runs its callback forever, with everything it closes over kept in memory',
  process: 'each keeps a child process running',
};

/** A `start` script that only runs the package's own bin (`node ./src/index.js`) leaves it a command-line tool. */
const CLI_PACKAGE = { startRunsBin: true } as const;

type Options = Record<string, never>;

/**
 * The project facts this rule records and reads: a binding released (`released`), a member of that
 * name released on some object (`released-member`), or on an object other than `this`
 * (`released-external-member`); what the package does on SIGTERM/SIGINT (`signal-exits`,
 * `signal-drains`, by package folder); a package that runs as a service (`service`: a `start`
 * script, a `bin`, or processes a process manager runs, pm2's `apps`); how a project function is called (`called-once` from start-up code,
 * `called-again` from anywhere else, by function key); a module binding that is a project-made
 * object (`project-object`), not a library pool; a package that depends on a pooling library
 * (`pool-library`), without which an object merely named like a pool hands out no checkouts; a
 * file another module names by path to run it as its own process (`helper-program`, by file), or
 * forks as a child process (`forked-program`, by file; it counts when the file has no signal
 * handler of its own); a
 * package with a program that ends itself with `process.exit` (`program-exits`, by package folder);
 * a member a close-like method tells to stop with a message (`told-to-stop-member`: a forked child
 * sent `{ type: 'close' }`), which counts only for resources knowledge says stop so;
 * a package that is a command-line tool (`cli-package`, see program-lifetime.ts); a project
 * method that keeps its argument in a collection its class releases the entries of
 * (`kept-for-release`, by `method#index#release`, see releasing-registries.ts).
 */
type FactKind = 'released' | 'released-member' | 'released-external-member' | 'signal-exits' | 'signal-drains' | 'service' |
  'called-once' | 'called-again' | 'project-object' | 'pool-library' | 'helper-program' | 'forked-program' | 'program-exits' | 'told-to-stop-member' | 'kept-for-release' | CliPackageFactKind;

type MessageId = 'hangsShutdown' | 'keepsAlive' | 'perCall' | 'checkout' | 'checkoutBeforeTry' | 'checkoutInFinally' | 'discardedInterval';

/** Owned for the process: what the lifetime messages need. */
interface Lifetime {
  node: ts.Node;
  noun: string;
  name: string;
  /** Why it stays open: `nothing in the project calls \`pool.end()\``. */
  missing: string;
  registration: string;
  kind: ResourceKind;
  /** The release the table names first (`terminate` for a thread, `close` for a queue worker). */
  method?: string;
  releasedBy: RuleFact<FactKind>[];
  fixes?: Fix[];
  /** Held by an object with no teardown method: it lives as long as the program by design, so it keeps nothing alive that should end. */
  ownedForLife?: boolean;
}

const rule = createRule<Options, MessageId, FactKind>({
  meta: {
    id: 'unreleased-resource',
    description: 'Pools, clients, servers, watchers, workers and intervals that are acquired and never given back.',
    defaultSeverity: 'warn',
    fixable: { safe: 'moving the release into `finally`; `onShutdown(() => …)` for a module-level resource or interval', suggestion: 'a new release in `finally` (unsafe: the resource may still be in use)' },
    fileKinds: ['script', 'package-json'],
    messages: {
      hangsShutdown:
        '{{what}} is never {{closed}}, so graceful shutdown hangs: {{close}} it on shutdown.\n' +
        'The package handles SIGTERM/SIGINT by closing what it knows and letting the event loop drain, but {{missing}}; ' +
        '{{holds}}, so after SIGTERM the process waits until it is killed with SIGKILL, cutting off whatever is still in ' +
        'flight. Register it: `{{registration}}`.',
      keepsAlive:
        '{{what}} is never {{closed}} and keeps the process alive: {{close}} it when done.\n' +
        'It stays open because {{missing}}; {{holds}}, so a script, a test run or any program that loads this module keeps ' +
        'running after its work is done (nothing in the package handles SIGTERM/SIGINT by ending the process). ' +
        'Release it when its owner stops, or register it: `{{registration}}`.',
      perCall:
        'The {{noun}} `{{name}}` made in {{fn}} {{problem}}: {{todo}}.\n' +
        // What piles up is the resource's own (a readline on stdin keeps a CLI from exiting; a
        // database client exhausts the server): no claim about a service that may not exist.
        'Every call that does not give it back leaks one: {{pilesUp}}. {{advice}}',
      checkout:
        '`{{name}}` from `{{method}}()` {{problem}}: release it in `finally`.\n' +
        'Each leak keeps a connection checked out; once the pool is drained, every query waits for a connection that ' +
        'never comes and the service hangs while looking healthy. Release it in `finally`: `try { … } finally { {{release}} }`.',
      checkoutBeforeTry:
        '`{{name}}` from `{{method}}()` is released in `finally`, but `{{first}}` runs before the `try`: move it inside.\n' +
        'If it rejects (a lost connection, a refused statement), the `finally` never runs and the connection stays checked ' +
        'out; once the pool is drained, every query waits for a connection that never comes. Start the `try` right after the checkout.',
      checkoutInFinally:
        '`{{name}}` from `{{method}}()` is released in `finally` after `{{first}}`: release it even if that rejects.\n' +
        'If the awaited call rejects (a failed `COMMIT`, a lost connection), the release after it never runs and the ' +
        'connection stays checked out; once the pool is drained, every query waits. Release in a `finally` of its own: ' +
        '`finally { try { await … } finally { {{name}}.release() } }`.',
      discardedInterval:
        'Each run of {{fn}} starts a `setInterval` and throws its handle away: keep it and clear it.\n' +
        'Nothing can ever clear this timer: it calls its callback for as long as the process lives, with everything it ' +
        'closes over kept in memory, and every further run adds another. Keep the handle and clear it when its owner stops, or on shutdown ' +
        '(`onShutdown(() => clearInterval(handle))`).',
    },
    options: {},
  },

  create(ctx) {
    if (ctx.kind === 'package-json') {
      return {
        [ts.SyntaxKind.SourceFile]: () => {
          recordPackage(ctx);
          recordCliPackageFacts(ctx, CLI_PACKAGE);
        },
      };
    }
    recordCliPackageFacts(ctx, CLI_PACKAGE);
    const sf = ctx.sourceFile;
    if (isBrowserCode(sf)) return {};
    const knowledge = ctx.knowledge;
    const releaseNames = knowledge.releaseNames();
    const functionReleaseNames = knowledge.functionReleaseNames();
    const closeReleaseNames = knowledge.closeReleaseNames();
    const endingStreams = knowledge.endingStreamNames();
    const checkoutMethods = knowledge.checkoutMethods();
    const pkg = ctx.packageDir ?? path.dirname(ctx.file);
    const shortLived = isShortLivedProgram(sf);
    /** A program run with arguments: when another module names it by path, it is a helper run as its own process. */
    const helperProgram: RuleFact<FactKind>[] = readsArgvAtTopLevel(sf) ? [{ kind: 'helper-program', ref: ctx.file }] : [];
    // A program another module forks, with no signal handler of its own: the parent's signal kills it at once.
    if (!handlesStopSignal(sf)) helperProgram.push({ kind: 'forked-program', ref: ctx.file });
    if (shortLived) ctx.addFact({ kind: 'program-exits', ref: pkg });
    /**
     * Together, these say the file is a module of a command-line tool whose program ends itself with
     * `process.exit` (`hs project watch`): a server, watcher, worker or interval a command makes
     * lives for that command's run, which the program ends; it piles up nowhere.
     */
    // No `cli-package` condition means package.json already rules a command-line tool out.
    const cliPackage = ctx.packageDir ? cliPackageFact(ctx, CLI_PACKAGE) : [];
    const commandRun: RuleFact<FactKind>[] = cliPackage.length ? [...cliPackage, { kind: 'program-exits', ref: pkg }] : [];
    const inCommandRun = (kind: ResourceKind): { unlessAll?: RuleFact<FactKind>[] } => (commandRun.length && SERVICE_LIFETIME_KINDS.has(kind) ? { unlessAll: commandRun } : {});
    /** `readline.createInterface({ input: process.stdin, … })`: a prompt for the person at the terminal. */
    const isTerminalPrompt = (node: ts.Expression): boolean => {
      if (!ts.isCallExpression(node)) return false;
      const callee = libraryCallee(ctx, node.expression);
      return callee !== undefined && (callee.module === 'readline' || callee.module === 'readline/promises');
    };
    /** Calls that may hand a resource to a helper that releases its parameter, settled at the end. */
    const helperCalls: ts.CallExpression[] = [];
    /** Parameters a function releases (`close_safely(client) { client.quit() }`), by function. */
    const releasingHelpers = new Map<ts.Node, Set<number>>();
    /** Calls `x.attach(server)` on something that may be an adopting library's instance. */
    const adoptionCalls: ts.CallExpression[] = [];
    /** Bindings and `this` members an adopting library's instance was stored in. */
    const adopters: { decls: Set<ts.Node>; members: Set<string>; entries: Map<string, LibraryEntry> } = { decls: new Set(), members: new Set(), entries: new Map() };

    /** `pool.end`, `clearInterval(timer)`, `timer.unref()`: a fact for whatever is released, and for what an alias stands for. */
    const noteRelease = (target: ts.Expression): void => {
      for (const fact of releaseFacts(ctx, target)) ctx.addFact(fact);
      // `child.stdin.end()`, or the stream kept in a field or alias: ending it releases the child.
      const streamOwner = endedStreamOwner(target, endingStreams);
      if (streamOwner) noteRelease(streamOwner);
      for (const owner of ownersOfStoredStreams(target, endingStreams)) noteRelease(owner);
      const e = skipOuter(target, Outer.Parens | Outer.NonNull | Outer.As);
      if (e.kind === ts.SyntaxKind.ThisKeyword) {
        // socket.on('connect', function () { this.end() }): `this` is the emitter.
        const emitter = listenerReceiver(e);
        if (emitter) noteRelease(emitter);
        return;
      }
      if (!ts.isIdentifier(e)) return;
      // `(_a = this.child) === null || _a === void 0 ? void 0 : _a.kill()`, compiled `this.child?.kill()`.
      const chained = optionalChainTarget(e);
      if (chained) noteRelease(chained);
      const decl = findDeclaration(e.text, e);
      // `const s = this._server; … s.close()` releases `this._server`.
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
        const init = skipOuter(decl.initializer, Outer.Parens | Outer.NonNull | Outer.As | Outer.Await);
        if (ts.isPropertyAccessExpression(init) || ts.isElementAccessExpression(init)) for (const f of releaseFacts(ctx, init)) ctx.addFact(f);
        // `const child = (this.child = spawn(…)); … child.kill()` releases `this.child` too.
        const member = memberAssignedWith(init);
        if (member) for (const f of releaseFacts(ctx, member)) ctx.addFact(f);
      }
      // `const { pool } = this; … pool.end()` releases the member `pool`.
      if (decl && ts.isBindingElement(decl)) {
        const root = rootDeclaration(decl);
        const key = decl.propertyName && (ts.isIdentifier(decl.propertyName) || ts.isStringLiteral(decl.propertyName)) ? decl.propertyName.text : e.text;
        if (ts.isVariableDeclaration(root) && root.initializer) {
          const from = skipOuter(root.initializer, Outer.Parens);
          ctx.addFact({ kind: 'released-member', ref: key });
          if (from.kind !== ts.SyntaxKind.ThisKeyword) ctx.addFact({ kind: 'released-external-member', ref: key });
        }
      }
      // `this.connect.then((conn) => conn.close())`: the value a stored promise resolves to is released.
      const promise = decl && ts.isParameter(decl) ? thenCallbackSource(decl) : undefined;
      if (promise) noteRelease(promise);
      // A helper's parameter: the callers' arguments are what it releases (settled at the end).
      if (decl && ts.isParameter(decl) && ts.isIdentifier(decl.name)) {
        const fn = decl.parent;
        let set = releasingHelpers.get(fn);
        if (!set) releasingHelpers.set(fn, (set = new Set()));
        set.add(fn.parameters.indexOf(decl));
      }
    };

    /** `clearInterval(this.intervals.get(name))` in a class: its methods storing into `intervals` keep what they are handed for release. */
    const noteKeptForRelease = (released: ts.Expression, release: string): void => {
      for (const ref of keptForReleaseRefs(released, release)) ctx.addFact({ kind: 'kept-for-release', ref });
    };

    const onCreation = (node: ts.CallExpression | ts.NewExpression, resource: ResourceKnowledge): void => {
      if (opensNoHandle(node, resource)) return;
      const site = creationSite(node);
      const p = site.parent;
      // A subscription that is never listened to holds nothing.
      const holder = ts.isVariableDeclaration(p) ? p.name : ts.isBinaryExpression(p) ? p.left : ts.isPropertyDeclaration(p) ? p.name : undefined;
      if (resource.openedBy && holder && !openedInFile(sf, ts.isPropertyDeclaration(p) ? `this.${holder.getText(sf)}` : holder.getText(sf), resource.openedBy)) return;
      // A child the code awaits until its 'exit'/'close' settles the promise ends by itself.
      if (resource.kind === 'process' && holder && !ts.isPropertyDeclaration(p) && awaitedUntilExit(site, holder.getText(sf).replace(/\s+/g, ''))) return;
      if (ts.isVariableDeclaration(p) && p.initializer === site && ts.isIdentifier(p.name)) {
        if (ts.isVariableDeclarationList(p.parent) && (p.parent.flags & ts.NodeFlags.Using)) return; // using / await using
        if (isTopLevel(p)) return reportModuleLevel(node, p.name, resource, p.parent.parent as ts.Statement);
        return checkPerCall(node, p.name, p, resource);
      }
      if (ts.isBinaryExpression(p) && p.right === site && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        // `this.worker = child = new Worker(…)`: held by the member too, and released through it.
        const held = memberInAssignmentChain(p);
        if (held) {
          const member = accessedMemberName(held);
          if (member) reportMember(node, member, held.getText(sf), resource);
          return;
        }
        if (ts.isIdentifier(p.left)) {
          const decl = findDeclaration(p.left.text, p.left);
          if (!decl) return;
          if (isTopLevel(decl)) return reportModuleLevel(node, p.left, resource, undefined);
          return checkPerCall(node, p.left, decl, resource);
        }
        const member = accessedMemberName(p.left);
        if (member) reportMember(node, member, p.left.getText(sf), resource);
        return;
      }
      if ((ts.isPropertyDeclaration(p) || ts.isPropertyAssignment(p)) && p.initializer === site) {
        const member = p.name && (ts.isIdentifier(p.name) || ts.isPrivateIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
        if (member) reportMember(node, member, ts.isPropertyDeclaration(p) ? `this.${member}` : ownerName(p, member), resource);
        return;
      }
      if (ts.isExportAssignment(p)) {
        if (resource.scope === 'per-call') return;
        reportLifetime({
          node, noun: nounOf(resource), name: 'default export', kind: resource.kind, method: resource.release[0],
          missing: `nothing in the project calls \`${resource.releaseIsFunction ? releaseCallText('…', resource) : `${resource.release[0]}()`}\` on it`,
          registration: registrationText('<import>', resource),
          releasedBy: [{ kind: 'released', ref: { file: ctx.file, name: 'default' } }],
        });
        return;
      }
      if (ts.isExpressionStatement(p) && resource.releaseIsFunction) reportDiscardedInterval(node, p);
    };

    /**
     * A resource owned for the process: reported when a draining shutdown handler in the package
     * would wait on it, or, in a library (no service, no handler), because it keeps its users'
     * programs from exiting. Never in a program that ends itself. `when` adds what else must hold
     * (start-up code: every call of its function runs once).
     */
    const reportLifetime = (l: Lifetime, when: { onlyIfAny?: RuleFact<FactKind>[]; unlessAny?: RuleFact<FactKind>[] } = {}): void => {
      if (shortLived) return;
      // The resource's own release verb: "never destroyed … destroy it" for a socket released by `destroy()`.
      const [closed, close] = releaseWords(l.kind, l.method);
      // `The connection pool \`pool\``; `This \`setInterval(flush)\`` for a call, which names itself.
      const what = !l.noun ? `This \`${l.name}\`` : l.name === 'default export' ? `The default-exported ${l.noun}` : `The ${l.noun} \`${l.name}\``;
      const data = { what, closed, close, missing: l.missing, holds: HOLDS[l.kind], registration: l.registration };
      const unless = [...l.releasedBy, ...(when.unlessAny ?? []), ...helperProgram];
      ctx.report({
        node: l.node, messageId: 'hangsShutdown', data, fixes: l.fixes,
        onlyIfAny: when.onlyIfAny, onlyIfAll: [{ kind: 'signal-drains', ref: pkg }],
        unlessAny: [...unless, { kind: 'signal-exits', ref: pkg }],
      });
      if (l.ownedForLife) return;
      ctx.report({
        node: l.node, messageId: 'keepsAlive', data, fixes: l.fixes, onlyIfAny: when.onlyIfAny,
        unlessAny: [...unless, { kind: 'signal-drains', ref: pkg }, { kind: 'signal-exits', ref: pkg }, { kind: 'service', ref: pkg }],
      });
    };

    const reportModuleLevel = (node: ts.Node, name: ts.Identifier, resource: ResourceKnowledge, statement: ts.Statement | undefined): void => {
      const ref = ctx.factRef(name);
      // A client meant to live as long as the process (`scope: 'per-call'`) is no leak at module level.
      if (!ref || resource.scope === 'per-call') return;
      // A child process a script starts at its top level is that script's work, not a leak.
      if (resource.kind === 'process' && ctx.text.startsWith('#!')) return;
      const registration = registrationText(name.text, resource);
      const fix = statement && ts.isSourceFile(statement.parent) ? registerOnShutdown(statement, registration) : undefined;
      const fixes: Fix[] = fix ? [fix] : [];
      reportLifetime({
        node, noun: nounOf(resource), name: name.text, kind: resource.kind, method: resource.release[0], missing: nothingCalls(releaseCallText(name.text, resource)), registration, fixes,
        // `deps.pool.end()` may release this binding; `this.pool.end()` is some class's own pool.
        releasedBy: [{ kind: 'released', ref }, { kind: 'released-external-member', ref: name.text }],
      });
    };

    /** A resource on a long-lived object: `this.pool`, `app.locals.pool`, `deps.pool`. */
    const reportMember = (node: ts.Node, member: string, name: string, resource: ResourceKnowledge, keptBy: RuleFact<FactKind>[] = []): void => {
      if (resource.scope === 'per-call') return;
      reportLifetime({
        node, noun: nounOf(resource), name, kind: resource.kind, method: resource.release[0], missing: nothingCalls(releaseCallText(name, resource)),
        registration: registrationText(name, resource),
        releasedBy: [{ kind: 'released-member', ref: member }, ...(resource.releasedInCloseBy?.length ? [{ kind: 'told-to-stop-member' as const, ref: member }] : []), ...keptBy],
        ownedForLife: resource.kind !== 'process' && ownerTeardown(node) === 'none' && !inPromiseExecutor(node) && !madePerRequest(node),
      });
    };

    /** Made inside a function: must escape, or be released on every path. */
    const checkPerCall = (node: ts.Expression, name: ts.Identifier, decl: ts.Node, resource: ResourceKnowledge): void => {
      const fn = enclosingFunctionBody(node);
      if (!fn?.body) return;
      const handles = new Set(resource.handles);
      const forms: ReleaseForms = resource.releaseIsFunction
        ? { methods: new Set(DETACH_METHODS), takers: new Set(resource.release), handles }
        : { methods: new Set([...resource.release, ...DETACH_METHODS]), takers: new Set(), handles };
      // `server = http.createServer()` on a binding of an outer scope: released (or not) there.
      if (!isInside(decl, fn)) {
        const outer = enclosingFunctionBody(decl)?.body ?? decl.getSourceFile();
        const outerUses = resourceUses(outer, name.text, decl, forms);
        if (outerUses.escapes || outerUses.onShutdown || outerUses.releases.length) return;
      }
      const uses = resourceUses(fn.body, name.text, decl, forms);
      if (uses.escapes || uses.onShutdown) return;
      // `opts.socket = socket` written before `socket = tls.connect(opts)` held the binding's earlier value.
      uses.storedOn = uses.storedOn.filter((s) => !storedBeforeCreation(s.at, creationSite(node), fn));
      // `registry.addInterval(key, ref)` where the registry's class clears what it stores: released by that class.
      const keptBy = uses.handedTo.flatMap((h) => resource.release.map((r): RuleFact<FactKind> => ({ kind: 'kept-for-release', ref: keptForReleaseRef(h.method, h.index, r) })));
      if (uses.storedOn.length) {
        // Kept on an object that outlives the call: released through that member, project-wide.
        if (!uses.releases.length) for (const s of uses.storedOn) reportMember(node, s.member, s.text, resource, keptBy);
        return;
      }
      // Held only for the call (a child process the function waits on): not a leak.
      if (resource.scope === 'service') return;
      const service = SERVICE_LIFETIME_KINDS.has(resource.kind);
      // A server or a timer lives on after the call: any release counts. Otherwise a release in
      // `finally`, or in a callback that no earlier `throw`/`return` skips.
      if (service ? uses.releases.length > 0 : uses.releases.some((r) => r.inFinally || (r.deferred && !r.afterExit))) return;
      // Releases in both `try` and its `catch`, or one that nothing before it can skip, cover every path.
      if (!service && (releasedInTryAndCatch(uses.releases) || nothingThrowsBefore(madeIn(decl), uses.releases, name.text))) return;
      const release = releaseCallText(name.text, resource);
      if (runsOnce(node)) {
        // Start-up code makes one for the process: a leak on a failure path is at most one.
        if (uses.releases.length || resource.scope === 'per-call') return;
        reportLifetime({ node, noun: nounOf(resource), name: name.text, kind: resource.kind, method: resource.release[0], missing: nothingCalls(release), registration: registrationText(name.text, resource), releasedBy: keptBy });
        return;
      }
      const awaited = resource.releaseAwaitable && isAsync(fn) ? `await ${release}` : release;
      const problem = uses.releases.length ? 'is released only on the success path' : 'is never released';
      const todo = service ? `close it when done, or on shutdown` : 'release it in `finally`';
      const advice = service
        ? `Release it when it is done (\`${release}\`), or register it for shutdown: \`${registrationText(name.text, resource)}\`.`
        : `Release it in \`finally\` (\`try { … } finally { ${awaited} }\`) or declare it with \`await using\`.`;
      const fixes: Fix[] = [];
      const suggestions: Fix[] = [];
      // Only a declaration that makes the resource can start the `try`: `let x; … x = new …` cannot.
      const statement = ts.isVariableDeclaration(decl) && decl.initializer === creationSite(node) ? declarationStatement(decl) : undefined;
      if (!service && statement) {
        const direct = uses.releases.filter((r) => !r.deferred).map((r) => r.statement);
        const wrap = uses.releases.some((r) => r.deferred) ? undefined : wrapInTryFinally(ctx, statement, direct, releaseStatementText(ctx, direct[0], awaited));
        // With a release already written, moving it into `finally` keeps the intent: safe. A new
        // release changes what the success path does (the resource may be meant to live on).
        if (wrap) (direct.length ? fixes : suggestions).push({ title: `Release \`${name.text}\` in \`finally\``, safety: direct.length ? 'safe' : 'unsafe', edits: [wrap] });
      } else if (service && statement && ts.isBlock(statement.parent)) {
        const register = registerOnShutdown(statement, registrationText(name.text, resource));
        if (register) suggestions.push(register);
      }
      const lifetime: Lifetime | undefined = uses.releases.length || resource.scope === 'per-call' ? undefined
        : { node, noun: nounOf(resource), name: name.text, kind: resource.kind, method: resource.release[0], missing: nothingCalls(release), registration: registrationText(name.text, resource), releasedBy: keptBy };
      // A prompt on the terminal runs in the package's command-line program: when that program ends
      // itself with `process.exit`, an open prompt cannot keep it from exiting.
      const prompt: RuleFact<FactKind>[] = isTerminalPrompt(node) ? [{ kind: 'program-exits', ref: pkg }] : [];
      reportPerCall(fn, (once) => ({
        node, messageId: 'perCall', severity: 'error', fixes, suggestions, ...once, ...inCommandRun(resource.kind),
        unlessAny: once.unlessAny || prompt.length || keptBy.length ? [...(once.unlessAny ?? []), ...prompt, ...keptBy] : undefined,
        data: { noun: nounOf(resource), name: name.text, fn: functionName(fn), problem, todo, pilesUp: resource.pilesUp ?? PILES_UP[resource.kind], advice },
      }), lifetime, { node, kind: resource.kind, listened: listensForMessages(fn.body, name.text), forTheCall: returnsWorkOf(fn.body, name.text) });
    };

    /**
     * A per-call finding for code in `fn`, unless every call of `fn` in the project runs once
     * (start-up code): two complementary candidates, one standing when some call runs again, the
     * other when no call of `fn` is seen at all (an exported API, a callback we cannot follow).
     * When every call runs once, what was made is owned for the process: `lifetime` says how to
     * report it then (nothing, for a release that only a failure skips).
     *
     * A server, watcher, worker or interval made where no call is seen needs more: its owner can be
     * torn down (a class with `stop()`), or its call settles (a `new Promise` executor). Otherwise
     * it is what the code is for — a plugin's entry, a platform's launch hook, a handler a
     * framework runs once — and it is treated like start-up code.
     */
    const reportPerCall = (
      fn: ts.FunctionLikeDeclaration,
      make: (once: { onlyIfAny?: RuleFact<FactKind>[]; unlessAny?: RuleFact<FactKind>[] }) => Parameters<typeof ctx.report>[0],
      lifetime?: Lifetime,
      made?: { node: ts.Node; kind: ResourceKind; listened?: boolean; forTheCall?: boolean },
    ): void => {
      const keys = functionKeys(fn, ctx.file);
      const forLife = made !== undefined && !made.forTheCall && longLivedByDesign(made.node, made.kind, made.listened === true) && !runsPerEvent(fn);
      if (!keys.length) {
        if (!forLife) ctx.report(make({}));
        else if (lifetime) reportLifetime({ ...lifetime, ownedForLife: true });
        return;
      }
      const again = keys.map((ref): RuleFact<FactKind> => ({ kind: 'called-again', ref }));
      const once = keys.map((ref): RuleFact<FactKind> => ({ kind: 'called-once', ref }));
      ctx.report(make({ onlyIfAny: again }));
      if (!forLife) ctx.report(make({ unlessAny: [...once, ...again] }));
      else if (lifetime) reportLifetime({ ...lifetime, ownedForLife: true }, { unlessAny: [...once, ...again] });
      // Made once for the program by an owner nothing tears down: the program's own, as when no call is seen.
      if (lifetime) reportLifetime(forLife ? { ...lifetime, ownedForLife: true } : lifetime, { onlyIfAny: once, unlessAny: again });
    };

    const onCheckout = (call: ts.CallExpression, receiver: ts.Expression, method: string): void => {
      const site = creationSite(call);
      const p = site.parent;
      const fn = enclosingFunctionBody(call);
      if (!fn?.body) return;
      const pool = knowledge.checkoutPool(method, importedLibraries(ctx));
      const releases = pool?.checkoutRelease ?? [];
      const forms: ReleaseForms = pool?.checkoutReleasedByPool
        ? { methods: new Set(), takers: new Set(releases) }
        : { methods: new Set(releases), takers: new Set() };
      const made = poolOrigin(ctx, receiver);
      // A project's own object named like a pool (kafkajs' connectionPool) hands out nothing to give back.
      if (made === 'project') return;
      const importedPool = ts.isIdentifier(receiver) ? importedProjectBinding(ctx, receiver) : undefined;
      // Callback style: `pool.getConnection((err, connection) => { … connection.release() … })`.
      const callback = call.arguments.find((a): a is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
      let name: string;
      let decl: ts.Node;
      let scope: ts.Node;
      if (ts.isVariableDeclaration(p) && p.initializer === site && ts.isIdentifier(p.name)) {
        if (ts.isVariableDeclarationList(p.parent) && (p.parent.flags & ts.NodeFlags.Using)) return;
        name = p.name.text;
        decl = p;
        scope = fn.body;
      } else if (callback && callback.parameters.length >= 2 && ts.isIdentifier(callback.parameters[1].name) && callback.body) {
        name = callback.parameters[1].name.text;
        decl = callback.parameters[1];
        scope = callback.body;
      } else {
        return;
      }
      // `(err, client) => { if (err) return cb(err); … }`: with an error there is no checkout to release.
      const errorParameter = decl !== p && callback ? callback.parameters[0] : undefined;
      const uses = resourceUses(scope, name, decl, { ...forms, absentWhen: errorParameter });
      // Only a pool hands out checkouts: a receiver made as one, a release seen, or one named like
      // a pool in a package that uses a pooling library.
      const unknownPool = made !== 'library' && !uses.releases.length;
      if (unknownPool && !looksLikePool(receiver)) return;
      const callbackStyle = decl !== p;
      const onEveryPath = (r: { inFinally: boolean; deferred: boolean; afterExit: boolean }) => r.inFinally || (!callbackStyle && r.deferred && !r.afterExit) || (callbackStyle && !r.afterExit);
      if (uses.releases.some(onEveryPath)) {
        // Released in `finally`, unless an await outside it rejects first. (Handing the checkout to a
        // callback for the time of a call does not matter here: this function releases it.)
        const made = callbackStyle ? undefined : declarationStatement(p);
        const gap = made && releaseGap(made, uses.releases);
        if (gap) reportGap(call, name, `${shortReceiver(receiver)}.${method}`, gap);
        return;
      }
      if (uses.escapes) return;
      const release = pool?.checkoutReleasedByPool ? `${receiver.getText(sf)}.${releases[0]}(${name})` : `${name}.${releases[0] ?? 'release'}()`;
      const problem = uses.releases.length ? 'is released only on the success path' : 'is never released';
      const statement = callbackStyle ? undefined : declarationStatement(p);
      const direct = uses.releases.filter((r) => !r.deferred).map((r) => r.statement);
      const wrap = statement && !uses.releases.some((r) => r.deferred) ? wrapInTryFinally(ctx, statement, direct, releaseStatementText(ctx, direct[0], release)) : undefined;
      ctx.report({
        node: call,
        messageId: 'checkout',
        data: { name, method: `${shortReceiver(receiver)}.${method}`, problem, release: release + semi(codeStyle(sf)) },
        severity: 'error',
        // A checkout that does not escape is always meant to go back to its pool: safe.
        fixes: wrap ? [{ title: `Release \`${name}\` in \`finally\``, safety: 'safe', edits: [wrap] }] : [],
        unlessAny: importedPool ? [{ kind: 'project-object', ref: importedPool }] : undefined,
        onlyIfAny: unknownPool ? [{ kind: 'pool-library', ref: pkg }] : undefined,
      });
    };

    const reportGap = (call: ts.CallExpression, name: string, method: string, gap: ReleaseGap): void => {
      const edits = moveIntoTry(ctx, gap);
      const first = awaitedText(gap.awaited, sf);
      ctx.report({
        node: call,
        messageId: gap.where === 'before-try' ? 'checkoutBeforeTry' : 'checkoutInFinally',
        data: { name, method, first },
        severity: 'error',
        // Moving the statements under the `finally` changes nothing when they succeed: safe.
        fixes: edits ? [{ title: `Start the \`try\` right after \`${name}\` is checked out`, safety: 'safe', edits }] : [],
      });
    };

    const reportDiscardedInterval = (node: ts.CallExpression | ts.NewExpression, statement: ts.ExpressionStatement): void => {
      const fn = enclosingFunctionBody(node);
      const scope = scopeOfStatement(statement);
      const handle = handleName(node, statement, scope);
      const text = ctx.text.slice(node.getStart(sf), node.end);
      const style = codeStyle(sf);
      const keep = ctx.edit({ start: node.getStart(sf), end: statement.end }, `const ${handle} = ${text}${semi(style)}`);
      const register = registerOnShutdown(statement, `onShutdown(() => clearInterval(${handle}))`, [keep], [declared(ctx, handle, scope)]);
      const fix = register && { ...register, title: 'Keep the interval handle and clear it on shutdown' };
      const lifetime: Lifetime = {
        node, noun: '', name: shortCall(node, sf), kind: 'interval', missing: 'its handle is thrown away, so nothing can clear it',
        registration: `onShutdown(() => clearInterval(${handle}))`, releasedBy: [], fixes: fn || !fix ? undefined : [fix],
      };
      if (!fn || runsOnce(node)) return reportLifetime(lifetime);
      // Timers piling up over the life of a process: not in a program that ends itself, nor in a
      // function that does (a terminal UI whose quit key calls `process.exit`).
      if (shortLived || endsTheProcess(fn)) return;
      reportPerCall(fn, (once) => ({ node, messageId: 'discardedInterval', data: { fn: functionName(fn) }, severity: 'error', suggestions: fix ? [fix] : [], ...once, ...inCommandRun('interval') }), lifetime, { node, kind: 'interval' });
    };

    /** `onShutdown(() => …)` on the line after `statement`, importing the shim; undefined where the shim cannot be imported. */
    const registerOnShutdown = (statement: ts.Statement, registration: string, extra: TextEdit[] = [], declares: FixDeclaration[] = []): Fix | undefined => {
      const style = codeStyle(sf);
      const indent = ctx.text.slice(ctx.text.lastIndexOf('\n', statement.getStart(sf) - 1) + 1, statement.getStart(sf));
      // After a trailing `// comment` on the statement's line, so the comment stays with it.
      const lineRest = /^[^\S\r\n]*(\/\/[^\r\n]*)?/.exec(ctx.text.slice(statement.end))![0];
      const at = statement.end + lineRest.length;
      const r = importFromRuntime(ctx, ['onShutdown']);
      if (!r) return undefined;
      // Written with the name the shim's onShutdown is imported under (another one where the file uses `onShutdown`).
      const call = registration.replace(/^onShutdown\b/, r.names.onShutdown);
      return {
        title: `Release on shutdown: \`${call}\``,
        safety: 'safe',
        edits: [...extra, ctx.edit({ start: at, end: at }, `${style.eol}${/^\s*$/.test(indent) ? indent : ''}${call}${semi(style)}`), ...r.edits],
        creates: r.creates,
        declares: [...declares, ...r.declares],
      };
    };

    /** How the code calls project functions: from start-up code (once) or from anywhere else. */
    const noteProjectCall = (call: ts.CallExpression): void => {
      const key = calleeKey(ctx, call.expression);
      if (key) ctx.addFact({ kind: runsOnce(call) ? 'called-once' : 'called-again', ref: key });
      // A project function handed on as a callback (`app.get('/x', handler)`) runs any number of times;
      // a plugin class handed to its host's start-up registration runs once (`registerPlatform(…, Platform)`).
      const startUp = ts.isPropertyAccessExpression(call.expression) && HOST_START_UP_REGISTRATIONS.has(call.expression.name.text);
      for (const a of call.arguments) {
        if (!ts.isIdentifier(a) && !ts.isPropertyAccessExpression(a)) continue;
        const passed = calleeKey(ctx, a);
        if (passed) ctx.addFact({ kind: startUp ? 'called-once' : 'called-again', ref: passed });
      }
    };

    return {
      [ts.SyntaxKind.PropertyAccessExpression](node: ts.PropertyAccessExpression) {
        const m = node.name.text;
        if (releaseNames.has(m) || DETACH_METHODS.includes(m)) noteRelease(node.expression);
        if (releaseNames.has(m) && ts.isCallExpression(node.parent) && node.parent.expression === node) noteKeptForRelease(node.expression, m);
        else if (closeReleaseNames.has(m) && inCloseMethod(node)) {
          // `close() { this.child.send({ type: 'exit' }) }`: releases only what knowledge says stops on such a message.
          const member = accessedMemberName(skipOuter(node.expression, Outer.Parens | Outer.NonNull | Outer.As));
          if (member) ctx.addFact({ kind: 'told-to-stop-member', ref: member });
        }
      },
      [ts.SyntaxKind.CallExpression](node: ts.CallExpression) {
        const callee = node.expression;
        if (ts.isIdentifier(callee) && releaseNames.has(callee.text) && node.arguments[0]) noteRelease(node.arguments[0]);
        // `timers.clearInterval(t)`, and `(0, timers_1.clearInterval)(t)` as TypeScript compiles an imported one.
        else if (!ts.isIdentifier(callee) && functionReleaseNames.has(calleeName(callee) ?? '') && node.arguments[0]) noteRelease(node.arguments[0]);
        if (functionReleaseNames.has(calleeName(callee) ?? '') && node.arguments[0]) noteKeptForRelease(node.arguments[0], calleeName(callee)!);
        if (isShutdownRegistration(node)) noteShutdownHandler(ctx, node);
        const forked = forkedProgramPath(node, ctx.file);
        if (forked) ctx.addFact({ kind: 'forked-program', ref: forked });
        const handling = signalHandlingOf(node);
        if (handling) ctx.addFact({ kind: handling === 'exits' ? 'signal-exits' : 'signal-drains', ref: pkg });
        // A library call that makes a resource of its own (`oracledb.getConnection()`) is checked as that.
        const made = creation(node);
        if (!made && ts.isPropertyAccessExpression(callee) && checkoutMethods.has(callee.name.text)) onCheckout(node, callee.expression, callee.name.text);
        if (ts.isPropertyAccessExpression(callee) && node.arguments.length) adoptionCalls.push(node);
        if (node.arguments.length && (ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword))) helperCalls.push(node);
        noteProjectCall(node);
      },
      [ts.SyntaxKind.NewExpression]: (node: ts.NewExpression) => void creation(node),
      [ts.SyntaxKind.StringLiteral](node: ts.StringLiteral) {
        if (isShutdownLibraryImport(node)) ctx.addFact({ kind: 'signal-exits', ref: pkg });
        const program = namedProgramPath(node, ctx.file);
        if (program) ctx.addFact({ kind: 'helper-program', ref: program });
      },
      [ts.SyntaxKind.VariableDeclaration](node: ts.VariableDeclaration) {
        // A module binding made by a project's own constructor or factory is not a library pool.
        if (!isTopLevel(node) || !ts.isIdentifier(node.name) || !node.initializer) return;
        if (madeByProject(ctx, node.initializer)) {
          const ref = ctx.factRef(node.name);
          if (ref) ctx.addFact({ kind: 'project-object', ref });
        }
      },
      end() {
        // socket.io's `io.attach(server)`, lightship's `registerShutdownHandler(fn)`.
        for (const call of adoptionCalls) {
          const callee = call.expression as ts.PropertyAccessExpression;
          const entry = adopterOf(callee.expression);
          if (!entry) continue;
          if (entry.adopts?.methods?.includes(callee.name.text)) noteAdopted(call, entry);
          if (entry.shutdownHooks?.includes(callee.name.text)) noteShutdownHandler(ctx, call);
        }
        // `close_safely(this.redis)` where `close_safely(client) { client.quit() }`.
        if (releasingHelpers.size) for (const call of helperCalls) {
          const fn = functionOf(call.expression);
          const params = fn && releasingHelpers.get(fn);
          if (!params) continue;
          for (const i of params) if (call.arguments[i]) noteRelease(call.arguments[i]);
        }
        for (const [fn, params] of releasingHelpers) for (const handed of membersComingBack(fn, params)) noteRelease(handed);
      },
    };

    /** Checks what a library call makes; true when the table says it makes a resource. */
    function creation(node: ts.CallExpression | ts.NewExpression): boolean {
      const callee = libraryCallee(ctx, node.expression);
      if (!callee) return false;
      const entries = libraryEntries(ctx, node, callee);
      const resource = entries.find((e) => e.resource)?.resource;
      // `browser.newPage()` on a browser made in this function closes with it: the browser is checked.
      if (resource && !(resource.closedWithParent && madeFromLocalParent(node))) onCreation(node, resource);
      const adopting = entries.find((e) => e.adopts || e.shutdownHooks);
      if (adopting) {
        if (adopting.adopts && !adopting.adopts.methods) noteAdopted(node, adopting);
        if (adopting.adopts?.methods && node.arguments?.length && !ts.isObjectLiteralExpression(node.arguments[0])) noteAdopted(node, adopting);
        rememberAdopter(node, adopting);
      }
      return resource !== undefined;
    }

    /** The resource an adopting call takes over counts as released. */
    function noteAdopted(call: ts.CallExpression | ts.NewExpression, entry: LibraryEntry): void {
      const arg = call.arguments?.[entry.adopts!.arg];
      if (!arg) return;
      const property = entry.adopts!.property;
      if (!property) return noteRelease(arg);
      const literal = skipOuter(arg, Outer.Parens);
      if (!ts.isObjectLiteralExpression(literal)) return;
      for (const prop of literal.properties) {
        if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === property) noteRelease(prop.name);
        if (ts.isPropertyAssignment(prop) && ts.isIdentifier(prop.name) && prop.name.text === property) noteRelease(prop.initializer);
      }
    }

    /** `io = socketio(…)`, `this.io = new Server(…)`: where an adopting library's instance is kept. */
    function rememberAdopter(node: ts.CallExpression | ts.NewExpression, entry: LibraryEntry): void {
      const site = creationSite(node);
      const p = site.parent;
      if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) {
        adopters.decls.add(p);
        adopters.entries.set(`d${p.pos}`, entry);
      } else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === site) {
        if (ts.isIdentifier(p.left)) {
          const decl = findDeclaration(p.left.text, p.left);
          if (decl) {
            adopters.decls.add(decl);
            adopters.entries.set(`d${decl.pos}`, entry);
          }
        } else {
          const member = accessedMemberName(p.left);
          if (member) {
            adopters.members.add(member);
            adopters.entries.set(`m${member}`, entry);
          }
        }
      }
    }

    function adopterOf(receiver: ts.Expression): LibraryEntry | undefined {
      const e = skipOuter(receiver, Outer.Parens | Outer.NonNull);
      if (ts.isIdentifier(e)) {
        const decl = findDeclaration(e.text, e);
        return decl && adopters.decls.has(decl) ? adopters.entries.get(`d${decl.pos}`) : undefined;
      }
      const member = accessedMemberName(e);
      return member !== undefined && adopters.members.has(member) ? adopters.entries.get(`m${member}`) : undefined;
    }
  },
});

export default rule;

/** The function, or a callback in it, calls `process.exit(…)`: it decides when the process ends. */
function endsTheProcess(fn: ts.FunctionLikeDeclaration): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n)) {
      const e = skipOuter(n.expression, Outer.Parens);
      if (ts.isPropertyAccessExpression(e) && e.name.text === 'exit' && ts.isIdentifier(e.expression) && e.expression.text === 'process' && !findDeclaration('process', e.expression)) {
        found = true;
        return SKIP;
      }
    }
  };
  if (fn.body) walkTree(fn.body, visit);
  return found;
}

/** The member an assignment chain (`this.worker = child = new Worker(…)`) also stores its value in, outermost first. */
function memberInAssignmentChain(assignment: ts.BinaryExpression): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  for (let a: ts.Node = assignment; ts.isBinaryExpression(a) && a.operatorToken.kind === ts.SyntaxKind.EqualsToken; a = a.parent) {
    const left = a.left;
    if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) found = left;
    const up = a.parent;
    if (!ts.isBinaryExpression(up) || up.right !== a) break;
  }
  return found;
}

/**
 * What package.json says: the package runs as a service (a `start` script, a `bin`, npm's default
 * `node server.js`, a Procfile), so its
 * modules are not a library's; it depends on a pooling library (pg, mysql2, generic-pool…).
 */
function recordPackage(ctx: RuleContext<Options, MessageId, FactKind>): void {
  const pkg = packageObject(ctx.text);
  if (!pkg) return;
  const p = pkg as { bin?: unknown; scripts?: Record<string, unknown>; dependencies?: unknown; devDependencies?: unknown; peerDependencies?: unknown };
  const dir = path.dirname(ctx.file);
  // `npm start` runs `node server.js` when there is no start script; a Procfile runs a process.
  const runs = p.bin || typeof p.scripts?.start === 'string' || ctx.fileExists(path.join(dir, 'server.js')) || ctx.fileExists(path.join(dir, 'Procfile')) ||
    declaresManagedApps(pkg);
  if (runs) ctx.addFact({ kind: 'service', ref: dir });
  const deps = [p.dependencies, p.devDependencies, p.peerDependencies].flatMap((d) => (d && typeof d === 'object' ? Object.keys(d) : []));
  if (deps.some((d) => ctx.knowledge.poolModules().has(d))) ctx.addFact({ kind: 'pool-library', ref: dir });
  // A plugin of a host that ends its process itself after its teardown: as if the package's own SIGTERM handler exited.
  if (selfExitingHostOf(pkg, deps)) ctx.addFact({ kind: 'signal-exits', ref: dir });
}

/**
 * package.json's `apps: [{ script: 'app.js' }]`: the processes pm2 starts from it (`pm2 start
 * package.json`, `pm2 install` of a pm2 module) and keeps running until it kills them, as a
 * Procfile lists a service's (pm2-logrotate's worker, check 23).
 */
function declaresManagedApps(pkg: Record<string, unknown>): boolean {
  const apps = pkg.apps;
  return Array.isArray(apps) && apps.some((a) => a !== null && typeof a === 'object' && typeof (a as { script?: unknown }).script === 'string');
}

/** The host that runs this package as a plugin and exits its process itself (SELF_EXITING_HOSTS), if any. */
function selfExitingHostOf(pkg: Record<string, unknown>, deps: string[]): string | undefined {
  const engines = pkg.engines && typeof pkg.engines === 'object' ? Object.keys(pkg.engines) : [];
  const keywords = Array.isArray(pkg.keywords) ? pkg.keywords.filter((k): k is string => typeof k === 'string') : [];
  const found = SELF_EXITING_HOSTS.find((h) => h.engines?.some((e) => engines.includes(e)) || h.modules?.some((m) => deps.includes(m)) ||
    h.keywords?.some((k) => keywords.includes(k)));
  return found?.host;
}

/**
 * drachtio-srf's `disconnect(socket) { …; socket.end() }` in the class that keeps `this.socket` and
 * hands it on (`this.installListeners(this.socket)`, which emits it with 'connect' to the owner,
 * who closes it later through `wp.disconnect(socket)`): a method that releases a parameter named
 * like a member, in a class that hands that member to a call, releases the member's object when
 * it comes back (check 20, judged false). The `this.<member>` arguments so handed are returned.
 */
function membersComingBack(fn: ts.Node, params: ReadonlySet<number>): ts.Expression[] {
  if (!ts.isMethodDeclaration(fn) || !ts.isClassLike(fn.parent)) return [];
  const bare = (name: string): string => name.replace(/^[_#]+/, '');
  const names = new Set<string>();
  for (const i of params) {
    const p = fn.parameters[i];
    if (p && ts.isIdentifier(p.name)) names.add(bare(p.name.text));
  }
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      for (const a of n.arguments) {
        const e = skipOuter(a, Outer.Parens);
        if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword && names.has(bare(e.name.text))) out.push(e);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(fn.parent);
  return out;
}

/** The facts a release of `target` records: by binding, by member name, by module export. */
function releaseFacts(ctx: RuleContext, released: ts.Expression): RuleFact<FactKind>[] {
  const target = skipOuter(released, Outer.Parens | Outer.NonNull | Outer.As);
  if (ts.isIdentifier(target)) {
    const ref = ctx.factRef(target);
    return ref ? [{ kind: 'released', ref }] : [];
  }
  const member = accessedMemberName(target);
  if (!member) return [];
  const facts: RuleFact<FactKind>[] = [{ kind: 'released-member', ref: member }];
  const held = getterTargetMember(target);
  if (held) facts.push({ kind: 'released-member', ref: held });
  const receiver = (target as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression;
  if (receiver.kind !== ts.SyntaxKind.ThisKeyword) facts.push({ kind: 'released-external-member', ref: member });
  // `db.pool.end()` with `import * as db from './db'` releases db.ts's `pool`.
  const from = ctx.resolveCallee(target);
  if (from && !from.library && from.call && !from.call.includes('.')) facts.push({ kind: 'released', ref: { file: from.module, name: from.call } });
  return facts;
}

/** Inside a method (or function) named like a release: `close`, `stop`, `destroy`, … */
function inCloseMethod(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    if (ts.isArrowFunction(n) || (ts.isFunctionExpression(n) && !n.name && !ts.isPropertyAssignment(n.parent) && !ts.isBinaryExpression(n.parent))) continue;
    const name = ts.isFunctionExpression(n) && !n.name ? functionExpressionName(n) : n.name && ts.isIdentifier(n.name) ? n.name.text : undefined;
    return name !== undefined && CLOSE_METHOD_NAMES.has(name);
  }
  return false;
}

/** `close: function () {}`, `Foo.prototype.close = function () {}`: the name it is given. */
function functionExpressionName(fn: ts.FunctionExpression): string | undefined {
  const p = fn.parent;
  if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return undefined;
}

/** In `x.on('event', function () { … this … })`, what `this` is: `x`. */
function listenerReceiver(thisNode: ts.Node): ts.Expression | undefined {
  let fn: ts.Node | undefined = thisNode.parent;
  while (fn && !(ts.isFunctionLike(fn) && !ts.isArrowFunction(fn))) fn = fn.parent;
  if (!fn || !ts.isFunctionExpression(fn)) return undefined;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn)) return undefined;
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'].includes(callee.name.text)
    ? callee.expression
    : undefined;
}

/** Every binding and member a shutdown handler touches counts as released by it. */
function noteShutdownHandler(ctx: RuleContext<unknown, string, FactKind>, call: ts.CallExpression): void {
  const handler = call.arguments.find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
  if (!handler) {
    // `onShutdown(pool.end.bind(pool))`, `process.on('SIGTERM', server.close)`: the release is written there.
    return;
  }
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
      for (const f of releaseFacts(ctx, n)) ctx.addFact(f);
    } else if (ts.isPropertyAccessExpression(n) && !ts.isCallExpression(n.parent)) {
      for (const f of releaseFacts(ctx, n)) ctx.addFact(f);
    } else if (ts.isCallExpression(n)) {
      for (const a of n.arguments) if (ts.isPropertyAccessExpression(a)) for (const f of releaseFacts(ctx, a)) ctx.addFact(f);
    }
  };
  walkTree(handler, visit);
}

/** `this.pool`, `this.#pool`, `app.locals.pool`: the member name. */
function accessedMemberName(e: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteral(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

/** `db.pool` for `const db = { pool: new Pool() }`; the bare member name when the object is not named. */
function ownerName(p: ts.PropertyAssignment, member: string): string {
  const owner = p.parent.parent;
  return ts.isVariableDeclaration(owner) && ts.isIdentifier(owner.name) ? `${owner.name.text}.${member}` : member;
}

/** The expression whose parent says where the result goes: past `await`, parentheses and `as`. */
function creationSite(node: ts.Expression): ts.Expression {
  let e: ts.Expression = node;
  while (ts.isAwaitExpression(e.parent) || ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) ||
    ts.isNonNullExpression(e.parent) || ts.isSatisfiesExpression(e.parent)) e = e.parent;
  return e;
}

/**
 * How a message names the code that runs per call: `` `startPolling()` ``, `` `new Heartbeat()` ``,
 * `` `Cache.refresh()` ``, the `` `app.get('/orders')` `` handler, the callback passed to `` `pool.getConnection()` ``.
 */
function functionName(fn: ts.FunctionLikeDeclaration): string {
  const cls = ts.isClassLike(fn.parent) ? fn.parent : undefined;
  if (ts.isConstructorDeclaration(fn)) return cls?.name ? `\`new ${cls.name.text}()\`` : 'the class constructor';
  const own = fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name)) ? fn.name.text : undefined;
  if (own) return cls?.name && ts.isMethodDeclaration(fn) ? `\`${cls.name.text}.${own}()\`` : `\`${own}()\``;
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return `\`${p.name.text}()\``;
  if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return `\`${p.name.text}()\``;
  if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) {
    const owner = p.left.expression.getText().replace(/\.prototype$/, '');
    return /^(module\.)?exports$/.test(owner) ? `\`${p.left.name.text}()\`` : `\`${owner}.${p.left.name.text}()\``;
  }
  if (ts.isCallExpression(p)) {
    const route = p.arguments[0];
    const callee = p.expression.getText();
    return route && ts.isStringLiteralLike(route) ? `the \`${callee}('${route.text}')\` handler` : `the callback passed to \`${callee}()\``;
  }
  return 'the enclosing function';
}

/** `setInterval(flush, …)`: a call as a message names it. */
function shortCall(node: ts.CallExpression | ts.NewExpression, sf: ts.SourceFile): string {
  const first = node.arguments?.[0];
  const arg = first && ts.isIdentifier(first) ? first.text : first ? '() => …' : '';
  return `${node.expression.getText(sf)}(${arg})`;
}

/** `client.query(…)`: an awaited call as a message's first line names it; anything else, shortened. */
function awaitedText(e: ts.Expression, sf: ts.SourceFile): string {
  const x = skipOuter(e, Outer.Parens);
  if (ts.isCallExpression(x)) return `${x.expression.getText(sf)}(${x.arguments.length ? '…' : ''})`;
  const text = x.getText(sf).replace(/\s+/g, ' ');
  return text.length > 30 ? `${text.slice(0, 29)}…` : text;
}

/** How messages name a resource: its own noun ("browser page"), else its kind's. */
function nounOf(resource: ResourceKnowledge): string {
  return resource.noun ?? NOUN[resource.kind];
}

/** The statement that declares a binding, whatever else it declares. */
function madeIn(decl: ts.Node): ts.Statement | undefined {
  return ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && ts.isVariableStatement(decl.parent.parent) ? decl.parent.parent : undefined;
}

function declarationStatement(decl: ts.Node): ts.Statement | undefined {
  if (!ts.isVariableDeclaration(decl) || !ts.isVariableDeclarationList(decl.parent) || decl.parent.declarations.length !== 1) return undefined;
  const stmt = decl.parent.parent;
  return ts.isVariableStatement(stmt) ? stmt : undefined;
}

/** The release to put in `finally`: the one already written, moved, or a new one. */
function releaseStatementText(ctx: RuleContext, existing: ts.Statement | undefined, release: string): string {
  if (existing && ts.isExpressionStatement(existing)) return existing.getText(ctx.sourceFile);
  return release + semi(codeStyle(ctx.sourceFile));
}

/** `pool.end()`, `clearInterval(timer)`. */
function releaseCallText(name: string, resource: ResourceKnowledge): string {
  return resource.releaseIsFunction ? `${resource.release[0]}(${name})` : `${name}.${resource.release[0]}()`;
}

/** The promise whose resolved value a `.then` callback's first parameter is: `this.connect` in `this.connect.then((conn) => …)`. */
function thenCallbackSource(param: ts.ParameterDeclaration): ts.Expression | undefined {
  const fn = param.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters[0] !== param) return undefined;
  let arg: ts.Node = fn;
  while (ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== arg) return undefined;
  const callee = skipOuter(call.expression, Outer.Parens);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'then' ? callee.expression : undefined;
}

function nothingCalls(release: string): string {
  return `nothing in the project calls \`${release}\``;
}

function registrationText(name: string, resource: ResourceKnowledge): string {
  return `onShutdown(() => ${releaseCallText(name, resource)})`;
}

/** A receiver named like a pool: `pool`, `this.readPool`, `db.pool`. */
function looksLikePool(receiver: ts.Expression): boolean {
  const name = ts.isIdentifier(receiver) ? receiver.text : accessedMemberName(receiver);
  return name !== undefined && /pool/i.test(name);
}

/** `pool.connect()` as the message names it: the receiver's last name. */
function shortReceiver(receiver: ts.Expression): string {
  return ts.isIdentifier(receiver) ? receiver.text : accessedMemberName(receiver) ?? 'pool';
}

/**
 * What made a pool-like receiver: a library pool ('library'), the project's own class or
 * factory ('project'), or nothing we can see (undefined).
 */
/** The libraries the file imports, by module name. */
function importedLibraries(ctx: RuleContext): ReadonlySet<string> {
  return new Set([...ctx.imports.values()].filter((b) => b.library).map((b) => b.module));
}

function poolOrigin(ctx: RuleContext, receiver: ts.Expression): 'library' | 'project' | undefined {
  const e = skipOuter(receiver, Outer.Parens | Outer.NonNull);
  const values: ts.Expression[] = [];
  const types: (ts.TypeNode | undefined)[] = [];
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) values.push(decl.initializer);
    if (decl && (ts.isVariableDeclaration(decl) || ts.isParameter(decl))) types.push(decl.type);
  } else if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    let cls: ts.Node | undefined = e.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    if (cls && ts.isClassLike(cls)) {
      values.push(...memberValues(cls, e.name.text));
      types.push(...memberTypes(cls, e.name.text));
    }
  }
  if (types.some((t) => originOfType(ctx, t)?.entry.resource.checkout)) return 'library';
  let origin: 'library' | 'project' | undefined;
  for (const v of values) {
    const made = creationCall(v);
    if (!made) continue;
    const callee = ctx.resolveCallee(made.expression);
    if (callee?.library && ctx.knowledge.lookup(callee.module, callee.call, ts.isNewExpression(made))?.resource?.checkout) return 'library';
    if (madeByProject(ctx, v)) origin = 'project';
  }
  return origin;
}

/** What a class assigns to `this.<name>` (field initializers and assignments in its methods). */
function memberValues(cls: ts.Node, name: string): ts.Expression[] {
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isPropertyDeclaration(n) && n.name && ts.isIdentifier(n.name) && n.name.text === name && n.initializer) out.push(n.initializer);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) &&
      n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === name) out.push(n.right);
    if (n !== cls && ts.isClassLike(n)) return SKIP;
  };
  walkTree(cls, visit);
  return out;
}

/** The declared types of a class member: its field's annotation, or a constructor parameter property's. */
function memberTypes(cls: ts.ClassLikeDeclaration, name: string): (ts.TypeNode | undefined)[] {
  const out: (ts.TypeNode | undefined)[] = [];
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && m.name && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)) && m.name.text === name) out.push(m.type);
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) if (ts.getModifiers(p)?.length && ts.isIdentifier(p.name) && p.name.text === name) out.push(p.type);
    }
  }
  return out;
}

/** `new ConnectionPool(…)` or `createPool(…)` where the callee is the project's own code. */
function madeByProject(ctx: RuleContext, value: ts.Expression): boolean {
  const made = creationCall(value);
  if (!made || !ts.isNewExpression(made)) return false;
  const callee = skipOuter(made.expression, Outer.Parens);
  let root = callee;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root)) return false;
  const imported = ctx.imports.get(root.text);
  if (imported) return !imported.library;
  const decl = findDeclaration(root.text, root);
  return decl !== undefined && (ts.isClassDeclaration(decl) || ts.isFunctionDeclaration(decl) || ts.isVariableDeclaration(decl));
}

/** A pool imported from another project module (`import { pool } from './db'`): its binding. */
function importedProjectBinding(ctx: RuleContext, id: ts.Identifier): { file: string; name: string } | undefined {
  const imported = ctx.imports.get(id.text);
  if (!imported || imported.library) return undefined;
  const ref = ctx.factRef(id);
  return ref && typeof ref !== 'string' ? ref : undefined;
}

function creationCall(e: ts.Expression): ts.CallExpression | ts.NewExpression | undefined {
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isCallExpression(e) || ts.isNewExpression(e) ? e : undefined;
}

/** A fresh name for a kept interval handle: `flushMetricsInterval` for `setInterval(flushMetrics, …)`, else `interval`. */
function handleName(node: ts.CallExpression | ts.NewExpression, at: ts.Node, scope: ts.Node): string {
  const first = node.arguments?.[0];
  return freshName([first && ts.isIdentifier(first) ? `${first.text}Interval` : 'interval'], scope, at);
}

function isInside(node: ts.Node, ancestor: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** The function whose body holds `node` (not a type signature); a class static block ends the search. */
function enclosingFunctionBody(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  return enclosingFunction(node, ts.isClassStaticBlockDeclaration) as ts.FunctionLikeDeclaration | undefined;
}

/**
 * A long-lived resource (server, watcher, worker, interval) whose maker's owner has no teardown
 * method and whose call does not settle: kept for as long as the program runs, by design.
 */
function longLivedByDesign(node: ts.Node, kind: ResourceKind, listened: boolean): boolean {
  return (SERVICE_LIFETIME_KINDS.has(kind) || listened) && ownerTeardown(node) !== 'has' && !inPromiseExecutor(node) && !madePerRequest(node);
}

/** Events that come once per request, connection, message or tick: a handler of one runs again and again. */
const PER_EVENT = new Set(['request', 'connection', 'connect', 'upgrade', 'message', 'data', 'line', 'stream', 'session', 'job', 'change', 'add']);
const PER_TICK = new Set(['setInterval']);
const SERVER_FACTORIES = new Set(['createServer', 'createSecureServer']);

/**
 * `fn` is handed to something that calls it per request, connection, message or tick: a route
 * (`app.get('/x', fn)`), a listener for such an event (`wss.on('connection', fn)`), a server
 * factory's request listener, an interval.
 */
function runsPerEvent(fn: ts.Node): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
  const callee = skipOuter(call.expression, Outer.Parens);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (!name) return false;
  if (PER_TICK.has(name) || SERVER_FACTORIES.has(name)) return true;
  const first = call.arguments[0];
  if (ROUTE_METHODS.includes(name)) return call.arguments.length >= 2 && first !== fn;
  if (LISTENER_METHODS.has(name) && first && ts.isStringLiteralLike(first)) return PER_EVENT.has(first.text);
  return false;
}

/**
 * `return pool.run(img)`: the function's result is work done through the resource, so it was made
 * for this call (a worker pool spawned per task), not kept to serve.
 */
function returnsWorkOf(body: ts.Node, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || (n !== body && ts.isFunctionLike(n))) return SKIP;
    if (ts.isReturnStatement(n) && n.expression && callsOn(n.expression, name)) found = true;
  };
  if (!ts.isBlock(body)) return callsOn(body as ts.Expression, name);
  walkTree(body, visit);
  return found;
}

function callsOn(expr: ts.Node, name: string): boolean {
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression)) {
    const recv = skipOuter(expr.expression.expression, Outer.Parens);
    if (ts.isIdentifier(recv) && recv.text === name) return true;
  }
  return ts.forEachChild(expr, (c) => (ts.isFunctionLike(c) ? undefined : callsOn(c, name) || undefined)) ?? false;
}

/** Events a connection delivers for as long as it lives, as opposed to its own lifecycle. */
const LIFECYCLE_EVENTS = new Set(['error', 'close', 'end', 'finish', 'exit', 'ready', 'connect', 'reconnect', 'disconnect', 'timeout']);

/**
 * `client.on('message', …)` or `client.subscribe(topic)` in the function that made it: a client
 * kept to receive messages (an MQTT or Redis subscriber), like a server, not one used for a query.
 */
function listensForMessages(body: ts.Node, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === name) {
      const method = n.expression.name.text;
      const event = n.arguments[0];
      if (method === 'subscribe' || method === 'psubscribe') found = true;
      else if ((method === 'on' || method === 'addListener') && event && ts.isStringLiteralLike(event) && !LIFECYCLE_EVENTS.has(event.text)) found = true;
    }
  };
  walkTree(body, visit);
  return found;
}

/** In a class a DI container makes per request or per injection (`@Injectable({ scope: Scope.REQUEST })`): one more per request. */
function madePerRequest(node: ts.Node): boolean {
  const cls = thisOwner(node)?.cls;
  if (!cls) return false;
  const decorators = ts.canHaveDecorators(cls) ? ts.getDecorators(cls) ?? [] : [];
  // As TypeScript compiles it: `S = __decorate([Injectable({ scope: Scope.REQUEST })], S)` later in the file.
  const text = decorators.length ? decorators.map((d) => d.getText()).join(' ') : cls.name ? compiledDecorations(cls.getSourceFile(), cls.name.text) : '';
  return /\bScope\.(REQUEST|TRANSIENT)\b/.test(text);
}

function compiledDecorations(sf: ts.SourceFile, name: string): string {
  const at = sf.text.indexOf(`${name} = __decorate([`);
  return at < 0 ? '' : sf.text.slice(at, sf.text.indexOf('], ' + name, at) + 1 || at + 400);
}

/** Made inside `new Promise((resolve, reject) => …)`: the call's work ends when the promise settles, and what it made should too. */
function inPromiseExecutor(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isNewExpression(n.parent) && n.parent.arguments?.[0] === n &&
      ts.isIdentifier(n.parent.expression) && n.parent.expression.text === 'Promise') return true;
  }
  return false;
}
