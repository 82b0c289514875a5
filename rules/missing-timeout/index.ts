// missing-timeout: a call that waits on a network peer, a database or another process with no
// time bound. Which calls wait, what bounds them and how to add a bound is library knowledge
// (engine/knowledge.ts); this rule reads the call's options against it, and the code around the
// call for a bound set another way or a wait that needs none (a build, a local query, a socket
// to this machine, a maintainer's script).
import { exportedFile, namedForOtherRuntime, underOtherRuntimeGuard } from '../shared/other-runtimes';
import { entryModules } from '../missing-shutdown/entry-modules';
import { computedLoadFolder } from '../shared/computed-loads';
import { replacingConnectMethod, retriedMethods } from './retried-connects';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { COMPUTED_VERB_CALLS, type LibraryEntry, type TimeoutKind, type TimeoutKnowledge } from '../../engine/knowledge';
import { requiredSpecifier, withoutIndirectCall } from '../../engine/module-symbols';
import { findDeclaration } from '../../engine/scope';
import type { Fix, ResolvedCallee, RuleContext, RuleFact, Visitor } from '../../engine/types';
import { libraryCallee, libraryEntries } from '../shared/library-call';
import { Outer, skipOuter, unwrap } from '../shared/ast';
import { cliPackageFact, isShortLivedProgram, recordCliPackageFacts, type CliPackageFactKind } from '../shared/program-lifetime';
import { isBrowserCode, runsInBrowser } from '../shared/browser-code';
import { isPm2File } from '../../engine/file-kinds';
import { commandLine, healthcheckCommand, imageCommand } from '../shared/process-files/dockerfile';
import { pm2Apps, propertyOf } from '../shared/process-files/pm2';
import { procfileProcesses } from '../shared/process-files/procfile';
import { projectFileOfImagePath, toolingRole } from '../shared/tooling-program';
import { cannotBeOptions, readLiteral, optionsIndex, optionsLiteral, readOptions, readableNumber, type OptionsState } from './call-options';
import { unboundedByDesign } from './child-commands';
import { fallbackOfCallee } from './fallback-callee';
import { isInstallScript } from './install-script';
import { firedAndForgotten } from './fire-and-forget';
import { declaredBelow } from '../shared/declared-version';
import { everyCallBoundedPerCall, everyRequestBringsItsBound, layeredWithBoundAtOnce } from './instance-calls';
import { heldInstanceCallee, heldModuleCallee, membersHoldingModules, parameterMemberCall } from './module-values';
import { optionsBinding } from './options-binding';
import { defaultedParameterCallee } from './parameter-defaults';
import { inAgentConnectHook, waitsForConnect } from './agent-connect';
import { answersOwnAction, connectsLocally, endedBesideWait, forcedByEarlierRelease, requestsLoopback, requestsOwnServer } from './waits-in-context';
import { defaultBoundSuits } from './suited-bound';
import { connectBoundEdits } from './connect-bound-fix';
import { destroyedByTimer } from './timer-destroys';
import { passedToBoundingFunction } from './handed-on';
import { boundThroughMember, endedWithPeer, handedToBoundingFunction, holdersOf, listenerChainEnd, memberEndedByTimer, closesOnConnect } from './bounded-elsewhere';
import { outcomeRacedWithBound, racedWithBound } from './raced-with-bound';
import { boundByEveryCaller } from './caller-bounded';
import { onOwnEmitter, waitsForCancel } from './in-process-emitter';
import { waitsOnOwnEnd } from './own-lifecycle';
import { requestObjectOptions } from './request-object';
import { wiredToBound } from './bound-callbacks';
import { endedByWatchdog } from './watchdog-timers';
import { armsIdleTimerOnly, armsTimerBeside, idleTimedMember, listensForTimeout, listensForTimeoutEvent } from './idle-timeouts';
import { ownerTimerFacts, ownerTimerRefs } from './owner-timers';
import { heldInMember, memberHolderRef, turnsBoundOff } from './member-holders';
import { literalReturnKeys, openSpreads, returnedKeyRef, topLevelFunction, type OpenedSpreads } from './literal-returns';

export interface MissingTimeoutOptions {
  requireQueryTimeout: boolean;
  requireLocalCommandTimeout: boolean;
}

/** Calls read through a parameter's member that may hold a module: http(s)'s, the same in both. */
const MEMBER_MODULE_CALLS = [{ module: 'http', call: 'request' }, { module: 'http', call: 'get' }];

/** What is held while an unbounded wait lasts, per kind: the "why" of the message. */
const CONSEQUENCE: Record<TimeoutKind, string> = {
  http: 'A server that stops answering (or trickles its body) holds the request, its socket and everything waiting on it forever; in a service such calls pile up until sockets or memory run out.',
  socket: 'Until the connect fails, its caller waits: for a peer that drops the handshake, as long as the operating system keeps retrying (about two minutes on Linux), and behind a proxy or a TLS handshake that stalls, forever. ' +
    'Arm `socket.setTimeout(ms, () => socket.destroy())` beside the connect and turn it off once connected (`setTimeout(0)` on \'connect\'): ' +
    'the `timeout` option alone only emits \'timeout\' after that much idle time and leaves the socket open, and left on it would cut a connection meant to idle. ' +
    'For a request/response protocol, also bound each reply.',
  dbConnect: 'When the database is unreachable or the pool is exhausted, every caller waits forever instead of failing fast, and the service stops answering.',
  dbQuery: 'A query stuck on a lock or a dead connection holds its client forever; once every client is held, the service stops answering.',
  childProcess: 'A child process that hangs never exits, so its callback or promise never settles and whatever waits on it hangs forever (the event loop itself keeps running).',
  event: 'If the event never fires, the awaiting code hangs forever with everything it holds.',
  llm: 'A stuck completion holds its caller for 10 minutes per attempt, and with the default 2 retries for half an hour: far beyond any request budget.',
  mail: 'A mail server that stops answering holds the connection and its caller until the socket is given up, far beyond any request budget',
  connect: 'A server that accepts the TCP connection but never completes its handshake (a broker, a WebSocket endpoint) holds the connection and everything waiting on it forever; a service starting up never becomes ready.',
};

/** The sync child-process calls block the event loop itself: in a service, everything it serves; in a program that ends itself, the program. */
const SYNC_CHILD_CONSEQUENCE = 'A child process that hangs blocks this call forever, and the sync call blocks the whole event loop with it: every request, timer and health check of the process waits.';
const SYNC_CHILD_IN_PROGRAM = 'A child process that hangs blocks this call forever, and the sync call blocks the whole event loop with it: the program hangs, its timers and signal handlers included, until someone kills it.';

/** The project facts this rule records and reads. */
type FactKind =
  /** `axios.defaults.timeout = …`, `api.defaults.timeout = …`: the path set, project-wide. */
  | 'assigned'
  /** Some module of the project loads this file (import, require, dynamic import). */
  | 'loaded'
  /** Some module of the project loads modules of this folder by a computed path (`require(`${__dirname}/scripts/${f}`)`). */
  | 'folder-loaded'
  /** A deployment runs this file: a Dockerfile's CMD/ENTRYPOINT, a Procfile process, a pm2 app's script. */
  | 'deployed'
  /** A Dockerfile's HEALTHCHECK runs this file: Docker kills it after its timeout. */
  | 'health-probe'
  /** `method#member`: a method that arms a timer ending its object, on objects holding `member` (owner-timers.ts). */
  | 'owner-timer'
  /** `mod:<file>#<fn>`: every `return` of the function builds an object literal whose keys are in view (literal-returns.ts). */
  | 'literal-returns'
  /** `mod:<file>#<fn>.<key>`: one of those literals has `key`. */
  | 'returned-key'
  /** Some file of the project registers a listener for a 'timeout' event (idle-timeouts.ts); ref `project`. */
  | 'timeout-listener'
  /** `connect`: some retry interval's callback calls a method of this name (retried-connects.ts). */
  | 'retried-by-interval'
  /** `member#module`: some file gives an object's `member` a whole library module (`protocol: secure ? https : http`). */
  | 'member-module'
  /** The package is a command-line tool (program-lifetime.ts). */
  | CliPackageFactKind;

type MessageId = 'missing' | 'missingSocket' | 'missingOnInstance' | 'missingQueryTimeout';

type Context = RuleContext<MissingTimeoutOptions, MessageId, FactKind>;

const rule = createRule<MissingTimeoutOptions, MessageId, FactKind>({
  meta: {
    id: 'missing-timeout',
    description: 'Calls that wait on a network peer, a database or another process with no time bound.',
    defaultSeverity: 'warn',
    fixable: { unsafe: '`signal: AbortSignal.timeout(ms)` or the library\'s own timeout option' },
    fileKinds: ['script', 'dockerfile', 'procfile', 'pm2-json', 'package-json'],
    // Every finding is a call the library knowledge lists: its module or global is in the text.
    needs: { libraries: true, // or a call of http(s) through a parameter's member, whose file names no library (member-module):
      anyOf: ['.request(', ['.get(', '(res']] },
    messages: {
      missing: '`{{callee}}` has no time limit: add `{{bound}}`.\n{{consequence}}{{alternative}}',
      missingSocket: '`{{callee}}` has no time limit: destroy the socket unless it connects within {{within}}.\n{{consequence}}',
      missingOnInstance: '`{{callee}}` creates a client with no time limit: add `{{bound}}`.\nEvery request made through it that passes no bound of its own inherits that. {{consequence}}',
      missingQueryTimeout: '`{{callee}}` sets no query time limit: add `{{bound}}`.\nNeither `statement_timeout` nor `query_timeout` is set. {{consequence}}',
    },
    options: {
      requireQueryTimeout: {
        type: 'boolean',
        description: 'Also require a query time limit on database clients whose default is none (pg `statement_timeout`/`query_timeout`).',
        default: false,
      },
      requireLocalCommandTimeout: {
        type: 'boolean',
        description: 'Also require a time limit on child processes that answer from the local machine (`id`, `uname`, `git rev-parse`, `<bin> --version`, `systemctl`, `service`).',
        default: false,
      },
    },
  },

  create(ctx) {
    if (ctx.kind === 'script' || ctx.kind === 'package-json') recordCliPackageFacts(ctx);
    if (ctx.kind === 'package-json') return {};
    if (ctx.kind === 'dockerfile') return { end: () => recordImagePrograms(ctx) };
    if (ctx.kind === 'procfile') return { end: () => recordDeployed(ctx, procfileProcesses(ctx.text).map((p) => p.command)) };
    if (ctx.kind === 'pm2-json') return { [ts.SyntaxKind.SourceFile]: (sf: ts.SourceFile) => recordDeployed(ctx, pm2Scripts(pm2Apps(sf, true))) };
    if (isPm2File(ctx.file)) recordDeployed(ctx, pm2Scripts(pm2Apps(ctx.sourceFile, false)));
    const knowledge = ctx.knowledge;
    const boundingMethods = knowledge.boundingMethods();
    /** Reports waiting for the end of the file: bounded later by `req.setTimeout()` or kept alive. */
    const pending: { ref: string; keepAlive: boolean; socket: boolean; timerBeside: boolean; report: (unlessAlso?: RuleFact<FactKind>[]) => void }[] = [];
    /** Bindings on which a bounding method was called somewhere in this file. */
    const boundLater = new Set<string>();
    /** Those of them whose only bound is an idle `.setTimeout(ms)`, in a file that listens for no 'timeout'. */
    const idleOnly = new Set<string>();
    /** Bindings bounded by a call that also ends them: a callback, a listener, another bounding method. */
    const boundEnding = new Set<string>();
    const fileListensForTimeout = listensForTimeout(ctx.text);
    /** Bindings on which `setKeepAlive(true)` was called: connections kept open by design. */
    const keptAlive = new Set<string>();
    /** Bindings given a 'timeout' listener: their author expects an idle bound, so keep-alive is no design to stay idle. */
    const awaitsTimeout = new Set<string>();
    /** Facts every finding of this file depends on: a health probe's, a maintainer script's. */
    const role = toolingRole(ctx, ctx.file);
    // A page's script (`window.x`, `location.port`, a service worker's `self`) runs in a browser,
    // which bounds its own requests and takes no service down with a stuck one.
    const inBrowser = isBrowserCode(ctx.sourceFile);
    const fileFacts = {
      // Only a program that runs and exits can be a health probe; other files' findings stay immediate.
      unlessAny: isShortLivedProgram(ctx.sourceFile) ? [fact('health-probe', ctx.file)] : [],
      // A file for another runtime (`blynk-espruino.js`) that the package does not run stands only if something loads it.
      onlyIfAny: role === 'tooling' || forOtherRuntime(ctx)
        ? [fact('loaded', ctx.file), fact('folder-loaded', path.dirname(ctx.file)), fact('deployed', ctx.file)]
        : undefined,
    };

    const known = (e: ts.Expression): ResolvedCallee | undefined => libraryCallee(ctx, e) ?? heldCallee(ctx, e) ?? heldInstance(e) ?? computedVerbCallee(e);
    // `sock.connect()` on a `new net.Socket()` whose `net` was required inside a function.
    const heldInstance = (e: ts.Expression): ResolvedCallee | undefined => (ts.isPropertyAccessExpression(e) && knowledge.returnMethods().has(e.name.text)
      ? heldInstanceCallee(e, (node, by) => ctx.knowledge.knowsModule(by.module) && libraryEntries(ctx, node, by).length > 0) : undefined);
    // `superagent[method](url)`: any verb of a library whose verbs all read alike (the knowledge table says which).
    const computedVerbCallee = (e: ts.Expression): ResolvedCallee | undefined => {
      const x = unwrap(e);
      if (!ts.isElementAccessExpression(x) || ts.isStringLiteralLike(x.argumentExpression)) return undefined;
      const target = libraryCallee(ctx, x.expression) ?? heldCallee(ctx, x.expression);
      const verb = target?.call === '' ? COMPUTED_VERB_CALLS.find((v) => v.module === target.module) : undefined;
      return target && verb ? { ...target, call: verb.as } : undefined;
    };
    const callee = (e: ts.Expression): ResolvedCallee | undefined => {
      const fallback = fallbackOfCallee(e);
      return known(e) ?? defaultedParameterCallee(e, known) ?? (fallback ? known(fallback) : undefined);
    };
    /** Calls resolved through a parameter's member that some file gives a module: the fact each finding needs. */
    const throughMember = new Map<ts.Node, RuleFact<FactKind>>();
    const waitingEntries = (node: ts.CallExpression | ts.NewExpression): { entry: LibraryEntry; timeout: TimeoutKnowledge }[] => {
      const c = callee(node.expression) ?? memberModuleCall(node);
      if (!c) return [];
      return libraryEntries(ctx, node, c).flatMap((entry) => (entry.timeout ? [{ entry, timeout: entry.timeout }] : []));
    };

    // `protocol.request(…)` on a parameter's `protocol`, which another file fills with http or https (avro-schema-registry).
    const memberModuleCall = (node: ts.CallExpression | ts.NewExpression): ResolvedCallee | undefined => {
      if (!ts.isCallExpression(node)) return undefined;
      const picked = parameterMemberCall(node.expression);
      const candidate = picked && MEMBER_MODULE_CALLS.find((m) => m.call === picked.call);
      if (!picked || !candidate) return undefined;
      throughMember.set(node, fact('member-module', `${picked.member}#${candidate.module}`));
      return { module: candidate.module, call: candidate.call, library: true };
    };

    const check = (node: ts.CallExpression | ts.NewExpression): void => {
      if (ts.isCallExpression(node)) {
        noteBoundingCall(node);
        noteLoadedModule(ctx, node);
        const made = libraryCallee(ctx, node.expression);
        if (made) noteDefaultsCall(node, made);
      }
      if (inBrowser) return;
      const waits = waitingEntries(node);
      // A class of page code in a file that also holds Node code (a custom element, a service worker's client).
      if (!waits.length || runsInBrowser(node)) return;
      for (const { entry, timeout: t } of waits) {
        if (t.onlyWithOption && !(ctx.options as unknown as Record<string, unknown>)[t.onlyWithOption]) continue;
        checkCall(node, entry, t);
      }
    };

    const noteBoundingCall = (node: ts.CallExpression): void => {
      const e = node.expression;
      if (!ts.isPropertyAccessExpression(e)) return;
      // `socket.setTimeout(ms)`, or `this.socket.setTimeout(ms)` on a socket the object holds.
      const ref = ts.isIdentifier(e.expression) ? ctx.bindingRef(e.expression) : memberHolderRef(e.expression);
      if (!ref) return;
      const method = e.name.text;
      if (boundingMethods.has(method) && !turnsBoundOff(node)) {
        boundLater.add(ref);
        if (!fileListensForTimeout && armsIdleTimerOnly(node)) idleOnly.add(ref);
        else boundEnding.add(ref);
      }
      // `req.on('socket', (s) => s.setTimeout(ms))`: the request's own socket, bounded as it is handed out.
      if (boundsItsSocket(node, boundingMethods)) boundLater.add(ref);
      if (method === 'setKeepAlive' && node.arguments[0]?.kind === ts.SyntaxKind.TrueKeyword) keptAlive.add(ref);
      if (listensForTimeoutEvent(node)) awaitsTimeout.add(ref);
    };

    /** The options as the call sees them, following a function-local binding to its literals. */
    const optionsOf = (node: ts.CallExpression | ts.NewExpression, t: TimeoutKnowledge): { state: OptionsState; literals: ts.ObjectLiteralExpression[] } => {
      const at = optionsIndex(node, t);
      // `fetch(request)`: the options are those the Request was built with (a wrapper's own `init`).
      const carried = requestObjectOptions(node, at, t.boundedBy);
      if (carried) return { state: carried, literals: [] };
      const state = optionsAfterAddress(node, at, t) ?? readOptions(node, at, t.boundedBy);
      if (state.state !== 'unknown' || !state.node || !ts.isIdentifier(state.node)) {
        const literal = optionsLiteral(node, at);
        return { state, literals: literal ? [literal] : [] };
      }
      const binding = optionsBinding(state.node, t.boundedBy, (c) => waitingEntries(c).length > 0);
      if (!binding) return { state, literals: [] };
      if (binding.state === 'bounded') return { state: { state: 'bounded' }, literals: [] };
      // A literal on each branch (`options = { … }` in both arms of an if): bounded if any is, out of sight if any is.
      const reads = binding.literals.map((l) => readLiteral(l, t.boundedBy));
      const other = reads.find((r) => r.state === 'bounded') ?? reads.find((r) => r.state === 'unknown');
      if (other) return { state: other, literals: binding.literals };
      // The literal is written away from the call: a signal made there would start its clock
      // early, and a literal several calls share is not this call's to change.
      const fixable = binding.uses === 1 && binding.literals.length === 1 && t.fix.value === 'ms';
      const insert = reads[0].state === 'missing' ? reads[0].insert : undefined;
      return { state: { state: 'missing', insert: fixable ? insert : undefined }, literals: binding.literals };
    };

    /** `needle.defaults({ response_timeout: 5000 })`: every call of the module is bounded, project-wide. */
    const noteDefaultsCall = (node: ts.CallExpression, callee: { module: string; call: string }): void => {
      const options = node.arguments[0];
      if (!options || !ts.isObjectLiteralExpression(options)) return;
      const boundedBy = knowledge.defaultsCallBounds(callee.module, callee.call);
      if (boundedBy.length && readOptions(node, 0, boundedBy).state === 'bounded') ctx.addFact(fact('assigned', `${callee.module}#${callee.call}()`));
    };

    /** A socket's bound is on its connect: a timer armed beside it, turned off once connected. */
    const socketFixes = (node: ts.CallExpression | ts.NewExpression, module: string, ms: string): Fix[] => {
      const edits = connectBoundEdits(ctx, node, module, ms);
      return edits ? [{ title: `Destroy the socket unless it connects within ${ms} ms`, safety: 'unsafe', edits }] : [];
    };

    const checkCall = (node: ts.CallExpression | ts.NewExpression, entry: LibraryEntry, known: TimeoutKnowledge): void => {
      // The fix the installed major supports: node-fetch 1.x takes `timeout`, and would ignore a `signal`.
      const t = known.fixBelow && declaredBelow(ctx, entry.module, known.fixBelow.major) ? { ...known, fix: known.fixBelow.fix } : known;
      // A bound chained as a method (superagent's `.timeout()`) is not in the arguments at all.
      const read: { state: OptionsState; literals: ts.ObjectLiteralExpression[] } = t.boundArg !== undefined ? { state: positionalBound(node, t.boundArg), literals: [] }
        : t.fix.value === 'method'
        ? { state: { state: 'missing', insert: (c, bound) => [c.edit({ start: node.end, end: node.end }, bound)] }, literals: [] }
        : optionsOf(node, t);
      const { literals } = read;
      let options = read.state;
      // `{ ...agentOptions(url), method }`: a spread of a project function that only builds literals hides no bound.
      let opened: OpenedSpreads | undefined;
      if (options.state === 'unknown' && literals.length === 1) {
        opened = openSpreads(literals[0], t.boundedBy, ctx);
        const reread = opened && readLiteral(literals[0], t.boundedBy, opened.empty);
        if (reread && reread.state !== 'unknown') {
          // The fix edits the literal only where the call writes it in place.
          const inPlace = optionsLiteral(node, optionsIndex(node, t)) === literals[0];
          options = reread.state === 'missing' && !inPlace ? { state: 'missing' } : reread;
        } else opened = undefined;
      }
      if (options.state === 'bounded') return;
      // `if (isEspruino()) { … }`: a branch for another runtime, which Node never takes.
      if (underOtherRuntimeGuard(node)) return;
      // Options that are one of several literals need no bound when any of them says so (a request to this machine on one branch).
      if ((literals.length ? literals : [undefined]).some((literal) => needsNoBound(ctx, node, entry, t, literal))) return;
      if (options.state === 'unknown' && !typesProveUnbounded(ctx, options.node, t.boundedBy)) return;
      // A watchdog timer beside the connect, or in the method calling the helper that keeps it on the object, ends it.
      if (endedByWatchdog(node, holdersOf(node), t.endedBy ?? [])) return;
      // `this.dataSocket.connect(…)` on a socket kept on an object: its methods bound it together
      // (a wait with a timeout elsewhere, a destroy on the next connection); only a local socket is judged here.
      // Unless the connecting function arms only an idle timer on it, which no listener of the file hears (fluent-logger).
      const memberSocket = entry.call.includes('().') && t.kind === 'socket' && ts.isCallExpression(node) && !connectingSocket(node, t);
      if (memberSocket && (fileListensForTimeout || !idleTimedMember(node as ts.CallExpression))) return;
      const holder = boundIdentifier(node) ?? connectingSocket(node, t);
      if (t.boundingMethod && (isChainedCall(node, t.boundingMethod) || chainedSocketBound(node, boundingMethods))) return;
      // A client whose every request in the file passes its own bound inherits nothing from it.
      if (t.createsInstance && everyRequestBringsItsBound(ctx, node, entry.module, t)) return;
      // A client whose every call passes the library's per-call bound (AWS SDK's `{ requestTimeout }`).
      if (t.perCallOptions && everyCallBoundedPerCall(ctx, node, t)) return;
      // Layered at once into a client with a bound, which is the one kept.
      if (t.createsInstance && layeredWithBoundAtOnce(ctx, node, entry.module)) return;

      const ms = readableNumber(t.fix.ms ?? ctx.timeouts[t.kind]);
      const bound = boundText(ctx, node, t, ms);
      // A default bound that would cut off an install, a build or an upload is no fix: the user picks it.
      const fixes: Fix[] = t.kind === 'socket' ? socketFixes(node, entry.module, ms)
        : options.state === 'missing' && options.insert && defaultBoundSuits(node, t.kind, t.uploads) ? [{ title: `Add \`${bound}\``, safety: 'unsafe', edits: options.insert(ctx, bound) }] : [];
      // A library bounded by default far beyond a request budget (global fetch: 300 s) is bounded
      // enough in a command-line run the user watches; only a service has a request budget to keep.
      if (t.defaultBoundS !== undefined && isShortLivedProgram(ctx.sourceFile)) return;
      const unlessAny = [...fileFacts.unlessAny, ...(t.projectDefaults ?? []).map((p) => fact('assigned', `${entry.module}#${p}`))];
      if (t.defaultBoundS !== undefined) unlessAny.push(...cliPackageFact(ctx));
      if (opened) unlessAny.push(...opened.unlessAny.map((r) => fact('returned-key', r)));
      const onlyIfAll = opened?.onlyIfAll.map((r) => fact('literal-returns', r)) ?? [];
      const heldBy = throughMember.get(node);
      if (heldBy) onlyIfAll.push(heldBy);
      for (const c of t.projectDefaultCalls ?? []) unlessAny.push(fact('assigned', `${entry.module}#${c}()`));
      // Kept on an object (`peer.conn = net.connect(…)`) whose method, called right after, arms a timer that ends it.
      for (const ref of ownerTimerFacts(node)) unlessAny.push(fact('owner-timer', ref));
      // Made in a method that first destroys the previous socket: a caller's retry interval calling that method bounds it.
      const replacing = t.kind === 'socket' ? replacingConnectMethod(node) : undefined;
      if (replacing) unlessAny.push(fact('retried-by-interval', replacing));
      if (t.createsInstance && holder) {
        const ref = ctx.bindingRef(holder);
        if (ref) unlessAny.push(...(t.projectDefaults ?? []).map((p) => fact('assigned', `${ref}#${p}`)));
      }
      const messageId: MessageId = t.kind === 'dbQuery' ? 'missingQueryTimeout' : t.createsInstance && t.fix.value !== 'method' ? 'missingOnInstance' : t.kind === 'socket' ? 'missingSocket' : 'missing';
      const alternative = t.boundingMethod && t.kind !== 'socket' && t.fix.value !== 'method'
        ? ` Calling \`.${t.boundingMethod}()\` on the result, and destroying it when that fires, also bounds it.` : '';
      const consequence = t.kind === 'childProcess' && entry.call.endsWith('Sync')
        ? (isShortLivedProgram(ctx.sourceFile) ? SYNC_CHILD_IN_PROGRAM : SYNC_CHILD_CONSEQUENCE)
        // How long a mail client waits differs by library (nodemailer 10 minutes, node-imap without end): the entry's note says.
        : t.kind === 'mail' ? `${CONSEQUENCE.mail}${entry.note ? ` (${entry.note})` : ''}.` : CONSEQUENCE[t.kind];
      const data: Record<string, string> = { callee: calleeText(ctx, node, bound), consequence, bound };
      if (messageId === 'missingSocket') {
        data.within = secondsText(ms);
        delete data.bound;
      }
      if (messageId === 'missing') data.alternative = alternative;
      // A bound passed by position (`promise(socket, 'connect', 'error', ms)`): the message names where.
      if (t.boundArg !== undefined) data.bound = `${t.fix.option} (${ordinal(t.boundArg + 1)} argument): ${ms}`;
      const report = (unlessAlso: RuleFact<FactKind>[] = []) => ctx.report({
        node, messageId, data, fixes, ...(unlessAny.length + unlessAlso.length ? { unlessAny: [...unlessAny, ...unlessAlso] } : {}),
        ...(fileFacts.onlyIfAny ? { onlyIfAny: fileFacts.onlyIfAny } : {}),
        ...(onlyIfAll.length ? { onlyIfAll } : {}),
      });
      const ref = !(t.boundingMethod || t.keepAliveMethod) ? undefined : holder ? ctx.bindingRef(holder) : heldInMember(node);
      if (ref) pending.push({ ref, keepAlive: !!t.keepAliveMethod, socket: t.kind === 'socket', timerBeside: !!t.keepAliveMethod && armsTimerBeside(node), report });
      else report(memberSocket ? [fact('timeout-listener', 'project')] : []);
    };

    return {
      ...recordedEverywhere(ctx),
      [ts.SyntaxKind.CallExpression]: (node: ts.CallExpression) => {
        noteRetriedMethods(ctx, node);
        check(node);
      },
      [ts.SyntaxKind.NewExpression]: check,
      end() {
        for (const p of pending) {
          // `socket.on('timeout', end)` with keep-alive on and no timer armed, idle or beside it: a bound meant and never set.
          if (p.keepAlive && keptAlive.has(p.ref) && (!awaitsTimeout.has(p.ref) || p.timerBeside)) continue;
          if (!boundLater.has(p.ref)) p.report();
          // A socket whose only bound is an idle timer nobody hears, unless some file of the project listens for 'timeout'.
          else if (p.socket && !boundEnding.has(p.ref) && idleOnly.has(p.ref)) p.report([fact('timeout-listener', 'project')]);
        }
      },
    };
  },

  // A script that names no library the knowledge lists waits on nothing it knows.
  facts(ctx) {
    if (ctx.kind === 'script' || ctx.kind === 'package-json') recordCliPackageFacts(ctx);
    if (ctx.kind === 'package-json') return {};
    if (isPm2File(ctx.file)) recordDeployed(ctx, pm2Scripts(pm2Apps(ctx.sourceFile, false)));
    return { ...recordedEverywhere(ctx), [ts.SyntaxKind.CallExpression]: (node: ts.CallExpression) => {
      noteLoadedModule(ctx, node);
      noteRetriedMethods(ctx, node);
    } };
  },
});

export default rule;

/** The facts the rule records in every script, whatever it calls: the project files it loads, the default bounds it assigns. */
function recordedEverywhere(ctx: Context): Visitor {
  const boundNames = ctx.knowledge.projectDefaultNames();
  // Only a file that arms timers can time its objects out.
  const armsTimers = /\bset(Timeout|Interval)\b/.test(ctx.text);
  const noteOwnerTimers = (node: ts.MethodDeclaration | ts.BinaryExpression): void => {
    if (armsTimers) for (const ref of ownerTimerRefs(node)) ctx.addFact(fact('owner-timer', ref));
  };
  // A function of this module that only builds object literals: importers that spread its result read its keys.
  const noteLiteralReturns = (node: ts.Node): void => {
    const top = topLevelFunction(node);
    const keys = top && literalReturnKeys(top.fn);
    const ref = keys && ctx.bindingRef(top.name);
    if (!keys || !ref?.startsWith('mod:')) return;
    ctx.addFact(fact('literal-returns', ref));
    for (const k of new Set(keys)) ctx.addFact(fact('returned-key', returnedKeyRef(ref, k)));
  };
  return {
    [ts.SyntaxKind.SourceFile]: () => {
      if (listensForTimeout(ctx.text)) ctx.addFact(fact('timeout-listener', 'project'));
      // Only a module the knowledge lists is ever asked about; a file naming none holds none on a member (a walk spared).
      if (ctx.knowledge.mentionedIn(ctx.text)) for (const ref of membersHoldingModules(ctx.sourceFile)) ctx.addFact(fact('member-module', ref));
    },
    [ts.SyntaxKind.FunctionDeclaration]: noteLiteralReturns,
    [ts.SyntaxKind.VariableDeclaration]: noteLiteralReturns,
    [ts.SyntaxKind.MethodDeclaration]: noteOwnerTimers,
    [ts.SyntaxKind.ImportDeclaration]: (node: ts.ImportDeclaration) => noteLoadedSpecifier(ctx, node.moduleSpecifier),
    [ts.SyntaxKind.ExportDeclaration]: (node: ts.ExportDeclaration) => noteLoadedSpecifier(ctx, node.moduleSpecifier),
    // `axios.defaults.timeout = 5000` bounds every call of the default instance, project-wide. Only
    // a path some entry's `projectDefaults` names is ever asked about.
    [ts.SyntaxKind.BinaryExpression](node: ts.BinaryExpression) {
      noteOwnerTimers(node);
      if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(node.left) || !boundNames.has(node.left.name.text)) return;
      const target = assignedProperty(ctx, node.left);
      if (target) ctx.addFact(fact('assigned', target));
    },
  };
}

/** A file named for a runtime other than Node that is none of the package's entries or exports. */
function forOtherRuntime(ctx: Context): boolean {
  if (!namedForOtherRuntime(ctx.file)) return false;
  const packageDir = ctx.packageDirOf(path.dirname(ctx.file));
  if (!packageDir) return false;
  const pkg = ctx.packageJson(packageDir) as { main?: unknown; bin?: unknown; scripts?: Record<string, string>; exports?: unknown } | undefined;
  if (!pkg) return false;
  const scripts = pkg.scripts && typeof pkg.scripts === 'object' ? pkg.scripts : {};
  return !entryModules(packageDir, { ...pkg, scripts }).includes(ctx.file) && !exportedFile(packageDir, pkg, ctx.file);
}

/** `self.timerConn = setInterval(doConnect, 10000)`: the methods a retry interval's callback calls. */
function noteRetriedMethods(ctx: Context, node: ts.CallExpression): void {
  if (!ctx.mentions('setInterval')) return;
  for (const m of retriedMethods(node)) ctx.addFact(fact('retried-by-interval', m));
}

function fact(kind: FactKind, ref: string): RuleFact<FactKind> {
  return { kind, ref };
}

/**
 * Waits that need no bound of ours: a child process that runs long by design, answers from this
 * machine, or is the user's to stop; an event the function forces; a socket to this machine.
 */
function needsNoBound(ctx: Context, node: ts.CallExpression | ts.NewExpression, entry: LibraryEntry, t: TimeoutKnowledge, literal: ts.ObjectLiteralExpression | undefined): boolean {
  if (!ts.isCallExpression(node)) return constructionNeedsNoBound(node, t);
  if (t.kind === 'childProcess') {
    const reason = unboundedByDesign(node, entry.call, literal);
    if (reason !== undefined && !(reason === 'local-query' && ctx.options.requireLocalCommandTimeout)) return true;
    // A command the package's install script runs is a step of `npm install`, as long as the install.
    if (reason === undefined && isInstallScript(ctx, ctx.file)) return true;
    // Started and left, its callback passing nothing on: no code waits on it, so none hangs.
    return !entry.call.endsWith('Sync') && firedAndForgotten(node);
  }
  // `tls.connect({ socket })`: TLS over a socket already connected, bounded (or not) where that socket was made.
  if (t.noPeerWith?.length && literal && readLiteral(literal, t.noPeerWith).state === 'bounded') return true;
  // Raced with a timer or an AbortSignal: the caller stops waiting when the bound wins.
  if (racedWithBound(node)) return true;
  // What the function waits on, when every caller of the function races its promise with a timer.
  if (boundByEveryCaller(node)) return true;
  // What the call made settles a promise raced with a bound, and is ended when the bound wins.
  if (outcomeRacedWithBound(node, holdersOf(node))) return true;
  // A timer or an 'abort' listener next to the call ends it, or settles the promise its outcome settles.
  if (wiredToBound(node, holdersOf(node))) return true;
  // An emitter the function made itself waits on code of this process, not on a peer.
  // An HTTP agent's connect hook hands its socket to the client, whose request owns the bound.
  if ((t.kind === 'socket' || (t.kind === 'event' && waitsForConnect(node))) && inAgentConnectHook(node)) return true;
  if (t.kind === 'event') return forcedByEarlierRelease(node) || endedBesideWait(node) || answersOwnAction(node) || onOwnEmitter(node, (e) => ctx.resolveCallee(e)) ||
    (ts.isCallExpression(node) && waitsForCancel(node)) ||
    // A graceful end() awaiting the object's own 'close', beside a destroy() that forces it: a drain the caller can cut short.
    (ts.isCallExpression(node) && waitsOnOwnEnd(node));
  // A timer the same function arms to destroy the socket bounds the connect by hand.
  if (t.kind === 'socket') {
    // `socket.connect(…)` on a `new Socket()` the object also holds (`this.stream = socket`), bounded through it.
    const local = connectingSocket(node, t);
    if (local && boundThroughMember(local, ctx.knowledge.boundingMethods())) return true;
    const holders = holdersOf(node);
    return connectsLocally(node, literal) || destroyedByTimer(node, boundIdentifier(node) ?? local) ||
      // Handed at once to a function that arms its timeout, or kept on the object and destroyed by the object's timer.
      handedToBoundingFunction(node, holders, ctx.knowledge.boundingMethods()) || memberEndedByTimer(node, holders) || endedWithPeer(node, holders) ||
      // Written as the argument of such a function, or returned by a connect function a helper passes on to it.
      passedToBoundingFunction(node, ctx.knowledge.boundingMethods()) ||
      // A TLS connect's callback waits for the handshake too, which no kernel timer bounds.
      (!mayBeTls(ctx, node, entry) && closesOnConnect(node, holders));
  }
  // A proxy's outbound request, destroyed when the inbound side closes, is bounded by that side;
  // a request to a server of this same process, or of this machine, has no remote peer.
  if (t.kind === 'http') return endedWithPeer(node, holdersOf(node)) || requestsOwnServer(literal) || requestsLoopback(node, literal);
  return false;
}

/**
 * `new WebSocket(url)` bounded beside it: returned to callers that each settle their promise by a
 * timer unless it opens first (chia-agent's `open()`), or a relay's outbound socket closed with
 * the inbound one it serves (micro-proxy's `ws.on('close', () => destWs.close())`).
 */
function constructionNeedsNoBound(node: ts.NewExpression, t: TimeoutKnowledge): boolean {
  if (t.kind !== 'connect') return false;
  return boundByEveryCaller(node) || endedWithPeer(node, holdersOf(node), t.endedBy ?? [], true);
}

/** The connect is `tls`'s, or a choice of modules one of which is (`(isTls ? tls : net).connect(…)`). */
function mayBeTls(ctx: Context, node: ts.CallExpression, entry: LibraryEntry): boolean {
  if (entry.module === 'tls') return true;
  const callee = unwrap(node.expression);
  const receiver = ts.isPropertyAccessExpression(callee) ? skipOuter(callee.expression, Outer.Parens) : undefined;
  if (!receiver || !ts.isConditionalExpression(receiver)) return false;
  return [receiver.whenTrue, receiver.whenFalse].some((m) => ts.isIdentifier(m) && /^lib:(node:)?tls#/.test(ctx.bindingRef(m) ?? ''));
}

/**
 * `tls.connect(port, host, options)`: options after the address, read where the library takes
 * them (`optionsAfterAddress`). A literal or an object out of sight there decides; with none, the
 * call reads as at `optionsArg` (no fix: the address form takes no options on every module).
 */
function optionsAfterAddress(node: ts.CallExpression | ts.NewExpression, at: number, t: TimeoutKnowledge): OptionsState | undefined {
  const address = node.arguments?.[at];
  if (!t.optionsAfterAddress || !address || !cannotBeOptions(address)) return undefined;
  const after = readOptions(node, -1, t.boundedBy);
  return after.state === 'missing' ? undefined : after;
}

/** `socket.connect(port, host)` on a socket made before: the socket itself is what a `setTimeout()` bounds. */
function connectingSocket(node: ts.CallExpression | ts.NewExpression, t: TimeoutKnowledge): ts.Identifier | undefined {
  if (t.kind !== 'socket' || !ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  const receiver = node.expression.expression;
  if (!ts.isIdentifier(receiver)) return undefined;
  const decl = findDeclaration(receiver.text, receiver);
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer, Outer.Parens) : undefined;
  return init && ts.isNewExpression(init) ? receiver : undefined;
}

/** A library module the file's imports do not show: a local `require`, a dynamic import, a module on `this`. */
function heldCallee(ctx: Context, e: ts.Expression): ResolvedCallee | undefined {
  const held = heldModuleCallee(e);
  return held && ctx.knowledge.knowsModule(held.module) ? held : undefined;
}

/** A module of the project this file loads: `import`, `export … from`, `require`, `import()`. */
function noteLoadedModule(ctx: Context, call: ts.CallExpression): void {
  const e = call.expression;
  if (!(ts.isIdentifier(e) && e.text === 'require') && e.kind !== ts.SyntaxKind.ImportKeyword) return;
  const spec = requiredSpecifier(call);
  if (spec !== undefined) noteLoaded(ctx, spec);
  else {
    const folder = computedLoadFolder(call, ctx.file);
    if (folder) ctx.addFact(fact('folder-loaded', folder));
  }
}

function noteLoadedSpecifier(ctx: Context, spec: ts.Expression | undefined): void {
  if (spec && ts.isStringLiteralLike(spec)) noteLoaded(ctx, spec.text);
}

function noteLoaded(ctx: Context, spec: string): void {
  const file = ctx.resolver.resolve(ctx.file, spec);
  if (file && file !== ctx.file) ctx.addFact(fact('loaded', file));
}

/** The program files an image runs and probes, as project files (`/app/bin/healthcheck.js` -> `bin/healthcheck.js`). */
function recordImagePrograms(ctx: Context): void {
  const dir = path.dirname(ctx.file);
  const { cmd, entrypoint } = imageCommand(ctx.text);
  const lines: [FactKind, string | undefined][] = [
    ['deployed', [entrypoint, cmd].filter((f) => f !== undefined).map((f) => commandLine(f)).join(' ')],
    ['health-probe', healthcheckCommand(ctx.text)],
  ];
  for (const [kind, line] of lines) recordFiles(ctx, kind, dir, line);
}

/** The program files a Procfile's processes or a pm2 file's apps run. */
function recordDeployed(ctx: Context, commandLines: string[]): void {
  for (const line of commandLines) recordFiles(ctx, 'deployed', path.dirname(ctx.file), line);
}

function recordFiles(ctx: Context, kind: FactKind, dir: string, line: string | undefined): void {
  for (const word of line?.split(/[\s'"]+/) ?? []) {
    const file = projectFileOfImagePath(ctx, dir, word);
    if (file) ctx.addFact(fact(kind, file));
  }
}

/** `script` of each pm2 app, with its `cwd`: `{ script: 'scripts/worker.js' }`. */
function pm2Scripts(apps: ts.ObjectLiteralExpression[]): string[] {
  return apps.flatMap((app) => {
    const value = (key: string): string | undefined => {
      const p = propertyOf(app, key);
      return p && ts.isPropertyAssignment(p) && ts.isStringLiteralLike(p.initializer) ? p.initializer.text : undefined;
    };
    const script = value('script');
    return script ? [value('cwd') ? `${value('cwd')}/${script}` : script] : [];
  });
}

/**
 * With config `typeAware`, an options variable whose type has none of the bounding keys at all
 * (`const opts = { retries: 3 }`) proves the call unbounded; otherwise we cannot tell.
 */
function typesProveUnbounded(ctx: Context, node: ts.Expression | undefined, boundedBy: readonly string[]): boolean {
  if (!node || !(ts.isIdentifier(node) || ts.isPropertyAccessExpression(node))) return false;
  const names = ctx.typeProperties(node);
  return names !== undefined && !names.some((n) => boundedBy.includes(n));
}

/**
 * The identifier a call's result is stored in: `const req = http.request(…)`, `const api =
 * axios.create(…)`, `const socket = ssl ? tls.connect(…) : net.connect(…)`.
 */
function boundIdentifier(node: ts.Expression): ts.Identifier | undefined {
  let e: ts.Node = listenerChainEnd(node);
  while (ts.isAwaitExpression(e.parent) || ts.isParenthesizedExpression(e.parent) ||
    (ts.isConditionalExpression(e.parent) && e.parent.condition !== e)) e = e.parent;
  const p = e.parent;
  if (ts.isVariableDeclaration(p) && p.initializer === e && ts.isIdentifier(p.name)) return p.name;
  if (ts.isBinaryExpression(p) && p.right === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(p.left)) return p.left;
  return undefined;
}

/**
 * `http.get(url).setTimeout(5000)`, `superagent.get(url).set(h).timeout(5000)`: bounded right
 * where it is made, anywhere along the chain of calls on it.
 */
/** `.on('socket', (socket) => { socket.setTimeout(ms); … })` chained on the request call itself. */
function chainedSocketBound(node: ts.Expression, boundingMethods: ReadonlySet<string>): boolean {
  for (let e: ts.Node = node; ts.isPropertyAccessExpression(e.parent) && e.parent.expression === e && ts.isCallExpression(e.parent.parent); e = e.parent.parent) {
    if (boundsItsSocket(e.parent.parent, boundingMethods)) return true;
  }
  return false;
}

/**
 * `x.on('socket', (socket) => socket.setTimeout(ms))` (or `once`): a request that bounds the
 * socket it is given, as `req.setTimeout(ms)` does (Node's own `setTimeout` on a request waits
 * for its socket and sets the same).
 */
function boundsItsSocket(call: ts.CallExpression, boundingMethods: ReadonlySet<string>): boolean {
  const e = call.expression;
  if (!ts.isPropertyAccessExpression(e) || (e.name.text !== 'on' && e.name.text !== 'once')) return false;
  const [event, listener] = call.arguments;
  if (!event || !ts.isStringLiteralLike(event) || event.text !== 'socket' || !listener) return false;
  const fn = unwrap(listener);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  const param = fn.parameters[0];
  if (!param || !ts.isIdentifier(param.name)) return false;
  const socket = param.name.text;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && boundingMethods.has(n.expression.name.text) &&
      ts.isIdentifier(n.expression.expression) && n.expression.expression.text === socket && !turnsBoundOff(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return found;
}

function isChainedCall(node: ts.Expression, method: string): boolean {
  for (let e: ts.Node = node; ts.isPropertyAccessExpression(e.parent) && e.parent.expression === e && ts.isCallExpression(e.parent.parent); e = e.parent.parent) {
    if (e.parent.name.text === method) return true;
  }
  return false;
}

/**
 * The property an assignment sets project-wide, as the `assigned` fact names it: `axios#defaults.timeout`,
 * `<binding>#defaults.timeout` for an instance (written as a key: instances are not followed through re-exports).
 */
function assignedProperty(ctx: Context, left: ts.PropertyAccessExpression): string | undefined {
  const lib = ctx.resolveCallee(left);
  if (lib?.library) return `${lib.module}#${lib.call}`;
  const parts: string[] = [];
  let e: ts.Expression = left;
  while (ts.isPropertyAccessExpression(e)) {
    parts.unshift(e.name.text);
    e = e.expression;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const ref = ctx.bindingRef(e);
  return ref ? `${ref}#${parts.join('.')}` : undefined;
}

/** The property a fix adds: `signal: AbortSignal.timeout(10_000)`, `timeout: 10_000`, `timeout: { request: 10_000 }`. */
/** `10_000` → `10 s`; `1_500` → `1500 ms`. */
function secondsText(ms: string): string {
  const n = Number(ms.replace(/_/g, ''));
  return n % 1000 === 0 ? `${n / 1000} s` : `${n} ms`;
}

function ordinal(n: number): string {
  return ['first', 'second', 'third', 'fourth', 'fifth'][n - 1] ?? `${n}th`;
}

/** `promise(socket, 'connect', 'error', ms)`: the bound as a positional argument; no fix writes the arguments before it. */
function positionalBound(node: ts.CallExpression | ts.NewExpression, index: number): OptionsState {
  const args = node.arguments ?? [];
  if (args.slice(0, index + 1).some(ts.isSpreadElement)) return { state: 'unknown' };
  const arg = args[index] && unwrap(args[index]);
  const none = !arg || (ts.isNumericLiteral(arg) && Number(arg.text) === 0) || (ts.isIdentifier(arg) && arg.text === 'undefined') || arg.kind === ts.SyntaxKind.NullKeyword;
  return none ? { state: 'missing' } : { state: 'bounded' };
}

function boundText(ctx: Context, node: ts.Node, t: TimeoutKnowledge, ms: string): string {
  if (t.fix.value === 'method') return `.${t.fix.option}(${ms})`;
  const [option, ...nested] = t.fix.option.split('.');
  let value: string;
  if (t.fix.value === 'abort-signal') {
    const signal = signalInScope(ctx, node);
    value = signal ? `AbortSignal.any([${signal}, AbortSignal.timeout(${ms})])` : `AbortSignal.timeout(${ms})`;
  } else {
    value = ms;
  }
  for (const key of nested.reverse()) value = `{ ${key}: ${value} }`;
  return `${option}: ${value}`;
}

/**
 * A caller's `signal` the call ignores: combined with the timeout rather than dropped. Only a
 * binding that is surely an AbortSignal (not optional) can go into `AbortSignal.any`.
 */
function signalInScope(ctx: Context, node: ts.Node): string | undefined {
  const decl = findDeclaration('signal', node);
  if (!decl) return undefined;
  if (ts.isParameter(decl) && !decl.questionToken && !decl.initializer && decl.type?.getText(ctx.sourceFile) === 'AbortSignal') return 'signal';
  if (ts.isVariableDeclaration(decl) && decl.initializer && isSurelySignal(decl.initializer)) return 'signal';
  return undefined;
}

/** `controller.signal`, `AbortSignal.timeout(…)`: an expression that is an AbortSignal, never undefined. */
function isSurelySignal(e: ts.Expression): boolean {
  if (ts.isPropertyAccessExpression(e)) return e.name.text === 'signal' && !e.questionDotToken && /controller|^ac$/i.test(e.expression.getText());
  return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) &&
    ts.isIdentifier(e.expression.expression) && e.expression.expression.text === 'AbortSignal';
}

/**
 * How the message names the call, as the code writes it (`undiciRequest()`, `new Pool()`), or by
 * its method alone when the whole first line would not fit in a hundred characters.
 */
function calleeText(ctx: Context, node: ts.CallExpression | ts.NewExpression, bound: string): string {
  const prefix = ts.isNewExpression(node) ? 'new ' : '';
  // `axios\n  .get` is written over lines: named as `axios.get`.
  // `(0, got_1.default)(…)` in compiled code: named as `got_1.default`.
  const e = withoutIndirectCall(node.expression);
  let text = e.getText(ctx.sourceFile).replace(/\s*\n\s*/g, '');
  if (text.length > 40 || /\s/.test(text) || text.length + bound.length > 62) {
    // `(url.startsWith('http:') ? http : https).get`: named by its two modules.
    const receiver = ts.isPropertyAccessExpression(e) ? skipOuter(e.expression, Outer.Parens) : undefined;
    const either = receiver && ts.isConditionalExpression(receiver) ? `(… ? ${receiver.whenTrue.getText(ctx.sourceFile)} : ${receiver.whenFalse.getText(ctx.sourceFile)}).` : '';
    // `(options?.fetch ?? fetch)(…)`: named by its default, the call that runs when no override is given.
    const fallback = fallbackOfCallee(e);
    text = ts.isPropertyAccessExpression(e) ? `${either.length < 40 ? either : ''}${e.name.text}` : ts.isIdentifier(e) ? e.text
      : fallback && ts.isIdentifier(unwrap(fallback)) ? unwrap(fallback).getText(ctx.sourceFile) : 'call';
  }
  return `${prefix}${text}()`;
}
