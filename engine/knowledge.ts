// Library knowledge, as data: which call waits on a peer and what bounds it, which call opens a
// resource and how it is released, whether that release is safe to repeat. Every rule reads
// this one table; users extend it from config (`libraries`). Node's core modules and the most
// used clients are here; the wider ecosystem sits in engine/libraries/, one file per area.
import { BROWSERS_WORKERS } from './libraries/browsers-workers';
import { DATABASES } from './libraries/databases';
import { ABORT_SIGNAL, TIMEOUT_MS } from './libraries/fix-shapes';
import { HTTP_CLIENTS } from './libraries/http-clients';
export { COMPUTED_VERB_CALLS } from './libraries/http-clients';
import { MAIL_FILES_SHELLS } from './libraries/mail-files-shells';
import { MESSAGING } from './libraries/messaging';

/** What a call waits on, for picking the default bound from config `timeouts`. */
export type TimeoutKind = 'http' | 'dbConnect' | 'dbQuery' | 'childProcess' | 'socket' | 'event' | 'llm' | 'mail' | 'connect';

export interface TimeoutKnowledge {
  kind: TimeoutKind;
  /**
   * Index of the options argument. -1: the options may sit at several positions
   * (`http.get(url?, options?, cb?)`): the first object-literal argument, or, when there is
   * none, a new one goes before a trailing callback.
   */
  optionsArg: number;
  /**
   * The options may also stand alone as the only argument, the URL among them (`got({ url,
   * timeout })` beside `got(url, options)`): a lone argument that may be options is read as them.
   */
  optionsAlone?: boolean;
  /** Option keys any one of which bounds the wait (`signal`, `timeout`, `connectionTimeoutMillis`). */
  boundedBy: string[];
  /**
   * How a fix bounds it: add `signal: AbortSignal.timeout(ms)`, or a numeric option. A dotted
   * option nests (`timeout.request` writes `timeout: { request: ms }`, as got wants). `method`
   * chains a call instead (`.timeout(ms)` on a superagent request, which takes no options).
   * `ms`: a value this library needs whatever the kind's default (node-imap idles for 5 minutes).
   */
  fix: { option: string; value: 'abort-signal' | 'ms' | 'method'; ms?: number };
  /** The fix for the library's majors below `major`, which lack the usual one (node-fetch 1.x: `timeout`, no `signal`). */
  fixBelow?: { major: number; fix: { option: string; value: 'abort-signal' | 'ms' | 'method'; ms?: number } };
  /** The call sends a body of any size (form-data's `submit()`): no default bound is written by a fix. */
  uploads?: boolean;
  /** A method on the returned object that also bounds it (`req.setTimeout(ms)`). */
  boundingMethod?: string;
  /**
   * Methods of the returned handle, beyond `destroy`/`end`/`abort`, that abort a connect still
   * pending (ws' `close()`/`terminate()` during the handshake): a watchdog timer calling one bounds it.
   */
  endedBy?: string[];
  /**
   * A method that turns on the connection's own liveness probe (`socket.setKeepAlive(true)`):
   * called with `true`, it marks a connection kept open by design, where an idle timeout is wrong.
   */
  keepAliveMethod?: string;
  /** Calls on the returned instance inherit this bound (axios.create). */
  createsInstance?: boolean;
  /**
   * Every method of the returned client takes per-call options at `optionsArg` that bound that
   * call (the AWS SDK v3's `client.invoke(input, { requestTimeout })`): a client whose every call
   * in the file passes one needs no bound of its own. `setup`: members that send nothing.
   */
  perCallOptions?: { optionsArg: number; boundedBy: string[]; setup: string[] };
  /**
   * Members of such an instance that configure it and send nothing (axios' `defaults`,
   * `interceptors`): using them leaves every request made through the instance in sight.
   */
  instanceSetup?: string[];
  /**
   * Option keys with which the call connects to no new peer and so waits on nothing of its own
   * (`tls.connect({ socket })` starts TLS over a socket already made, whose own bound holds).
   */
  noPeerWith?: string[];
  /**
   * Where `optionsArg` holds a port or path, the options may follow it (`tls.connect(port, host,
   * options)`; net's port form reads none): an options object out of sight there counts too.
   */
  optionsAfterAddress?: boolean;
  /**
   * The bound is a positional argument at this index, not an options key (@xmpp/events'
   * `promise(target, event, rejectEvent, timeout)`): present and not 0/undefined, it bounds the wait.
   */
  boundArg?: number;
  /**
   * Seconds the library waits at most by default: a bound far beyond a request budget (undici's
   * 300 s), reported in a service; in a command-line run the user watches, it is a bound.
   */
  defaultBoundS?: number;
  /** Only reported when this option of the missing-timeout rule is on. */
  onlyWithOption?: string;
  /**
   * Paths on the module object (or on an instance it creates) whose assignment anywhere in the
   * project bounds every call (`axios.defaults.timeout = 5000`).
   */
  projectDefaults?: string[];
  /**
   * Functions on the module that set defaults for every call when given one of `boundedBy`
   * (`needle.defaults({ response_timeout: 5000 })`).
   */
  projectDefaultCalls?: string[];
}

export type ResourceKind = 'pool' | 'client' | 'server' | 'watcher' | 'worker' | 'interval' | 'checkout' | 'socket' | 'process';

export interface ResourceKnowledge {
  kind: ResourceKind;
  /** Methods (or, for globals such as intervals, functions) that give it back. */
  release: string[];
  /** False when a second release throws or corrupts state (pg Pool.end, net.Server.close). */
  releaseIdempotent: boolean;
  /** The release is a function taking the handle (`clearInterval(timer)`), not a method on it. */
  releaseIsFunction?: boolean;
  /** The release returns a promise worth awaiting (`await client.end()`). */
  releaseAwaitable?: boolean;
  /** For pools: methods that check a member out (`pool.connect()`, `getConnection()`, `acquire()`). */
  checkout?: string[];
  /**
   * For checkouts: the method that returns one to its pool, called on the checked-out object
   * (`client.release()`) or on the pool with it (`pool.release(resource)`).
   */
  checkoutRelease?: string[];
  /** The checkout is returned through the pool (`pool.release(resource)`), not on itself. */
  checkoutReleasedByPool?: boolean;
  /**
   * How a second release fails when `releaseIdempotent` is false: it throws, rejects its
   * promise, or only passes an error to its callback (`net.Server.close(cb)`: without a callback,
   * or with one that ignores its error, a second close is harmless).
   */
  secondRelease?: 'throws' | 'rejects' | 'callback';
  /** Releases among `release` that are safe to repeat even when the others are not (ioredis `disconnect`, nats `close`). */
  idempotentReleases?: string[];
  /**
   * Calls that release it when its holder's close-like method makes them, and only there: a
   * forked child told to exit over IPC (`close() { this.child.send({ type: 'close' }) }`).
   */
  releasedInCloseBy?: string[];
  /**
   * Streams of it whose end (or destroy) releases it: a child run as a stdio peer exits on EOF on
   * its stdin (`child.stdin.end()`), which is how a stdio server is told to stop.
   */
  releasedByEnding?: string[];
  /**
   * The major version from which a second release fails: a package whose package.json asks only for
   * older majors releases idempotently (node_redis v2 and v3 turn a `quit()` on a closed client into 'OK').
   */
  failsTwiceSince?: number;
  /** Options (of the first argument) with which it opens no handle of its own (ws `{ server }`, `{ noServer: true }`). */
  noHandleWith?: string[];
  /**
   * Where leaving it unreleased hurts: `per-call` only when made per call (a module-level
   * PrismaClient or AWS client is meant to live as long as the process); `service` only when it
   * outlives the call (a child process a function waits on is no leak).
   */
  scope?: 'per-call' | 'service';
  /** How messages name it, when the kind's noun would mislead ("browser page", "queue worker"). */
  noun?: string;
  /** What many of them made per call and never released pile up into, when the kind's words would mislead. */
  pilesUp?: string;
  /**
   * Properties or methods of the resource that say whether it is still open (`isInitialized`,
   * `isOpen`, `connected`): a close under a test of one of them is guarded.
   */
  openState?: string[];
  /**
   * It holds nothing until this method is called on it (`subscription.on('message', …)` opens the
   * streaming pull): one never opened in its file is not reported.
   */
  openedBy?: { methods: string[]; firstArg?: string };
  /**
   * Made from another resource and released with it (`browser.newPage()` closes with the
   * browser): not a leak of its own when that parent is made in the same function.
   */
  closedWithParent?: boolean;
  /**
   * Methods returning an object that works through this resource and keeps it in use (mongodb's
   * `client.db()`, mysql2's `pool.promise()`): handing that object back, or storing it, hands the
   * resource on as surely as handing the resource itself.
   */
  handles?: string[];
}

/** Which releases of a resource can throw or corrupt state when run twice. */
export function nonIdempotentReleases(r: ResourceKnowledge): string[] {
  if (r.releaseIdempotent) return [];
  return r.release.filter((m) => !r.idempotentReleases?.includes(m));
}

/**
 * A library that takes over a resource handed to it and closes it itself: socket.io's
 * `io.close()` closes the http server it was attached to; http-graceful-shutdown and terminus
 * close the server on SIGTERM.
 */
export interface AdoptionKnowledge {
  /** Index of the argument that is adopted. */
  arg: number;
  /** The adopted value is this property of that (object) argument: `createHttpTerminator({ server })`. */
  property?: string;
  /** Adopted by these methods of the returned instance (`io.attach(server)`), not by the call itself. */
  methods?: string[];
}

export interface AppKnowledge {
  /** The method that opens the listening socket (`listen`). */
  listen: string;
  /** What is closed on shutdown: the server `listen` returns (express, koa), or the app itself (fastify). */
  handle: 'returned-server' | 'app';
  /** The method that stops serving, called on that handle. */
  close: string;
  /** The close returns a promise (`await app.close()`); else it takes a callback (`server.close(cb)`). */
  closeAwaitable: boolean;
}

/**
 * A condition on the options argument (argument `optionsArg` of the entry's timeout, else 0): the
 * entry applies only when every condition holds. `equals`: the key is one of these literals;
 * `present`: the key is written (true) or not (false); `source`: its value is written as one of
 * these (`process.stdin`). Options we cannot see into (a variable) satisfy no condition.
 * With `arg` instead of `key`, the condition reads that argument itself: `literal` holds when it
 * is absent or a number or string literal (`new Server(3000)`, not `new Server(httpServer)`).
 */
export interface OptionCondition {
  key?: string;
  arg?: number;
  literal?: boolean;
  equals?: (string | number | boolean)[];
  present?: boolean;
  source?: string[];
}

/** What a method called on the value a library call returns makes (`browser.newPage()`). */
export interface InstanceKnowledge {
  timeout?: TimeoutKnowledge;
  resource?: ResourceKnowledge;
  returns?: Record<string, InstanceKnowledge>;
}

export interface LibraryEntry {
  /**
   * Module as imported, `node:` stripped (`pg`, `http`); `global` for globals such as fetch. A
   * trailing `*` matches a family (`@aws-sdk/client-*`).
   */
  module: string;
  /**
   * Export path from the module object, dotted: `Pool`, `request`, `promises.readFile`; '' for
   * the module itself. A leading `*` matches a suffix (`*Client`). Methods on what a call returns
   * read `launch().newPage` (from `returns`).
   */
  call: string;
  /** How it is invoked: with `new`, as a plain call, or either. */
  invoke: 'new' | 'call' | 'either';
  timeout?: TimeoutKnowledge;
  resource?: ResourceKnowledge;
  /** A web app whose method starts serving: `express().listen(port)` opens an http.Server. */
  app?: AppKnowledge;
  /** Takes over a resource passed to it and closes it (socket.io, http-graceful-shutdown, terminus). */
  adopts?: AdoptionKnowledge;
  /** Methods of the returned instance that register a function to run on shutdown (lightship `registerShutdownHandler`). */
  shutdownHooks?: string[];
  /** Why this entry is here: the documented default that makes it dangerous. */
  note?: string;
  /** Only when the call's options say so (typeorm `type: 'postgres'`, nodemailer `pool: true`). */
  when?: OptionCondition[];
  /**
   * The library's type names for what this call makes (`Browser` for `puppeteer.launch`), so a
   * parameter or field declared with that type is known too. A class made with `new` is its own type.
   */
  types?: string[];
  /** Methods on the returned value that wait or open resources of their own. */
  returns?: Record<string, InstanceKnowledge>;
}

/**
 * Resources that serve until the process stops (a server, a watcher, an interval): released by
 * a shutdown hook, never by a `finally` right after they are made.
 */
export const SERVICE_LIFETIME_KINDS: ReadonlySet<ResourceKind> = new Set(['server', 'watcher', 'worker', 'interval']);

/**
 * Libraries that serve a development build (a dev server, hot reload): a module that loads one
 * is the development server's plumbing, whatever else it registers.
 */
export const DEV_SERVER_LIBRARIES: ReadonlySet<string> = new Set(['vite', 'webpack-dev-server', 'webpack-dev-middleware', 'webpack-hot-middleware', 'browser-sync', 'livereload', 'connect-livereload']);

/**
 * Libraries that draw a terminal screen in place (erase, move the cursor, repaint widgets): a
 * function that repaints through one is the refresh of a screen someone is watching, like `top`,
 * and runs as long as they keep it open.
 */
export const TERMINAL_SCREEN_LIBRARIES: ReadonlySet<string> = new Set(['charm', 'blessed', 'neo-blessed', 'blessed-contrib', 'ink', 'terminal-kit', 'log-update', 'ansi-escapes']);

/**
 * Runtimes other than Node a package may carry code for, as a file's name or a guard function
 * names them (`blynk-espruino.js`, `if (isEspruino()) { … }`): that code runs on a board or in a
 * page, where Node's sockets and their options do not exist. Bun runs Node's APIs, so it is not one.
 */
export const NON_NODE_RUNTIMES: readonly string[] = ['espruino', 'browser', 'deno', 'react-native', 'tessel'];

/**
 * UI libraries whose JSX components render in a browser page: a file with JSX that imports one
 * of them (and no Node built-in, no server rendering) is a component, not server code.
 */
export const JSX_COMPONENT_LIBRARIES: ReadonlySet<string> = new Set(['react', 'preact', 'preact/hooks', 'preact/compat']);

/**
 * Libraries whose base classes make custom elements (`class X extends PolymerElement`,
 * `extends LitElement`): such a class runs in a browser page, as `HTMLElement` subclasses do.
 * Subpaths count (`lit/decorators.js`, `@polymer/polymer/polymer-element.js`).
 */
export const WEB_COMPONENT_LIBRARIES: ReadonlySet<string> = new Set(['@polymer/polymer', 'lit', 'lit-element', '@lit/reactive-element', '@microsoft/fast-element']);

/**
 * Lifecycle hooks a framework calls once per start of a component (libp2p's `Startable`:
 * `beforeStart`, `start`, `afterStart`, run once per node start). A hook named only for start-up
 * (`afterStart`) counts by its name; `start` counts in a class that declares one of the interfaces.
 */
export const START_LIFECYCLE: { interfaces: ReadonlySet<string>; hooks: ReadonlySet<string>; startOnlyHooks: ReadonlySet<string> } = {
  interfaces: new Set(['Startable']),
  hooks: new Set(['beforeStart', 'start', 'afterStart']),
  startOnlyHooks: new Set(['beforeStart', 'afterStart']),
};

/**
 * Node stream hooks that Node calls one at a time: it does not call `transform` (or `write`,
 * `final`, `flush`) again until the callback of the previous call has run. Keyed by the
 * stream classes whose options object takes them; a subclass names them with a leading `_`.
 */
export const SERIAL_STREAM_HOOKS: { classes: ReadonlySet<string>; hooks: ReadonlySet<string> } = {
  classes: new Set(['Transform', 'Writable', 'Duplex', 'PassThrough']),
  hooks: new Set(['transform', 'write', 'writev', 'final', 'flush']),
};

/**
 * Fields through which a connection-like object says whether it is open or opening: noble's
 * `peripheral.state`, a socket's or WebSocket's `readyState`, `status`, `connected`. A start
 * method that returns early on one of these of the peer it holds (`if (this.peripheral.state ===
 * 'connected') return;`) guards against a second start as a flag on `this` would.
 */
export const PEER_STATE_FIELDS: ReadonlySet<string> = new Set(['state', 'readyState', 'status', 'connected', 'connecting', 'isOpen', 'isConnected']);

/** Methods that let the process exit despite a live handle: as good as a release on shutdown. */
export const DETACH_METHODS: readonly string[] = ['unref'];

/**
 * Framework calls that make a value a named member of their receiver: after
 * `fastify.decorate('websocketServer', wss)` the server is `fastify.websocketServer` (`this.` in
 * its hooks); hapi's `server.decorate('server', 'db', pool)` likewise. The member's name is the
 * string argument just before the value.
 */
export const MEMBER_DECORATORS: ReadonlySet<string> = new Set(['decorate']);

/**
 * Class decorators of dependency-injection containers that make one instance per application
 * (NestJS providers, controllers and modules in their default scope): the constructor runs once.
 * A `scope` option (`{ scope: Scope.REQUEST }`) makes more, and is read as not a singleton.
 */
export const DI_SINGLETON_DECORATORS: ReadonlySet<string> = new Set(['Injectable', 'Controller', 'Module', 'Resolver', 'WebSocketGateway']);

/**
 * Host calls that take a plugin's class and make one instance of it per configured entry, at
 * start-up, for the life of the process: Homebridge's `api.registerPlatform(…, Platform)` and
 * `registerAccessory(…, Accessory)`. The constructor runs once per configuration, not per event.
 */
export const HOST_START_UP_REGISTRATIONS: ReadonlySet<string> = new Set(['registerPlatform', 'registerAccessory']);

/**
 * Control-flow libraries whose helpers call the functions written in place as their arguments
 * while the call runs: once per element (`async.each(list, fn)`, `mapSeries`) or once per call
 * (the tasks of `async.series([fn, …])`, `parallel`, `waterfall`, `auto`), never later, per event.
 * Loops that run until a condition (`whilst`, `forever`, `retry`) and queues that run a worker per
 * task pushed at any time (`queue`, `cargo`) are not listed.
 */
export const IN_PLACE_CONTROL_FLOW: { modules: ReadonlySet<string>; calls: ReadonlySet<string> } = {
  modules: new Set(['async', 'neo-async']),
  calls: new Set([
    'each', 'eachSeries', 'eachLimit', 'eachOf', 'eachOfSeries', 'eachOfLimit', 'forEach', 'forEachSeries', 'forEachLimit',
    'forEachOf', 'forEachOfSeries', 'forEachOfLimit', 'map', 'mapSeries', 'mapLimit', 'mapValues', 'mapValuesSeries', 'mapValuesLimit',
    'filter', 'filterSeries', 'filterLimit', 'reject', 'rejectSeries', 'rejectLimit', 'detect', 'detectSeries', 'detectLimit',
    'some', 'someSeries', 'someLimit', 'every', 'everySeries', 'everyLimit', 'concat', 'concatSeries', 'concatLimit',
    'groupBy', 'groupBySeries', 'groupByLimit', 'sortBy', 'reduce', 'reduceRight', 'transform', 'times', 'timesSeries', 'timesLimit',
    'series', 'parallel', 'parallelLimit', 'waterfall', 'auto', 'autoInject', 'applyEach', 'applyEachSeries',
  ]),
};

/**
 * Calls that take a function and return one that runs it when called, at most once per call:
 * `const main = Effect.fn('main')(function* () { … })` (Effect), lodash's `memoize` and `once`,
 * `util.promisify` and `callbackify`. How often the wrapped function runs is how often its binding
 * is called.
 */
export const FUNCTION_WRAPPERS: ReadonlySet<string> = new Set(['fn', 'memoize', 'once', 'promisify', 'callbackify']);

/**
 * A command-line program's command handler, handed to `program.command('start').action(fn)`
 * (commander, cac, sade): the program runs it once, for the one command the run was started with.
 * The call that names the command must be in the chain; `bot.action(trigger, fn)` (telegraf)
 * takes a trigger and runs per event.
 */
export const COMMAND_ACTIONS: { register: string; command: string } = { register: 'action', command: 'command' };

/**
 * Async library calls that only compute over memory they are handed — a digest of a buffer or a
 * string — with no peer, file or quota to fail on: `await hash(buf, 'hex')` of uint8-util (the
 * WebTorrent family's SHA-1), hash-wasm's digests. A callback awaiting only these cannot reject
 * in practice.
 */
export const IN_MEMORY_ASYNC_CALLS: readonly { module: string; calls: ReadonlySet<string> }[] = [
  { module: 'uint8-util', calls: new Set(['hash']) },
  { module: 'hash-wasm', calls: new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3', 'keccak', 'xxhash32', 'xxhash64', 'xxhash3', 'xxhash128', 'crc32', 'crc32c', 'blake2b', 'blake2s', 'blake3', 'ripemd160', 'whirlpool', 'sm3']) },
];

/**
 * Library calls that only wait: a promise around `setTimeout`, resolved when the time is up, with no
 * signal or peer to reject it. sleep-promise's `sleep(ms)` (jsonrpc-bidirectional's reconnect back-off,
 * check 53). A callback awaiting only these cannot reject on their account. `''` is the module itself
 * (`require('sleep-promise')(…)`), `default` its ES import.
 */
export const TIMER_DELAY_CALLS: readonly { module: string; calls: ReadonlySet<string> }[] = [
  { module: 'sleep-promise', calls: new Set(['', 'default']) },
];

/**
 * Async reads of a node's own record store, kept on its local datastore: no request to a peer or
 * server. libp2p's `components.peerStore` (the `PeerStore` of `@libp2p/interface`) answers
 * `get`/`has`/`all` from the node's datastore (gossipsub's PX lookups in `makePrune`, check 49).
 * Matched by the name of the receiver, the member a component bag names it by.
 */
export const LOCAL_STORE_READS: readonly { receiver: RegExp; methods: ReadonlySet<string> }[] = [
  { receiver: /^peerStore$/, methods: new Set(['get', 'has', 'all', 'getInfo']) },
];

/**
 * Library methods that keep their in-flight promise and hand it to every concurrent caller, then
 * cache what it resolved: racing callers all get the same object, so storing it twice is harmless.
 * google-auth-library's `GoogleAuth.getClient()` (`this.#pendingAuthClient ||= this.#determineClient()`,
 * then `cachedCredential`) and `getProjectId()` (`_findProjectIdPromise`), awaited behind
 * firebase-admin's `if (!this.authClient)` (check 61). Matched by the class the receiver was made
 * from (`new GoogleAuth(…)`), or, in a file that names the module, by the receiver's name.
 */
export const MEMOISED_LIBRARY_CALLS: readonly { module: string; classes: ReadonlySet<string>; methods: ReadonlySet<string>; receiver: RegExp }[] = [
  { module: 'google-auth-library', classes: new Set(['GoogleAuth']), methods: new Set(['getClient', 'getProjectId']), receiver: /^_*(googleAuth|auth)$/i },
];

/**
 * Library emitters whose emit path awaits every listener in turn, so a listener's promise is not
 * dropped: its rejection rejects the emitting call inside the library, which handles it there.
 * `@tus/utils`' `StreamSplitter` emits through `emitEvent(name, payload) { for (const l of
 * this.listeners(name)) await l(payload) }` inside its `_transform` (tus s3-store's
 * `'beforeChunkStarted'` listener, check 59). Named by module and exported class.
 */
export const LISTENER_AWAITING_EMITTERS: readonly { module: string; classes: ReadonlySet<string> }[] = [
  { module: '@tus/utils', classes: new Set(['StreamSplitter']) },
];

/**
 * Library classes whose events are subscribed with a method per event, `client.onRegister(fn)`,
 * instead of `on('register', fn)`, and emitted synchronously, dropping what the listener returns:
 * `@d-fischer/typed-event-emitter`'s `EventEmitter`, under ircv3's `IrcClient` (twurple chat's
 * `this._ircClient.onRegister(async () => …)`, check 59). Named by module and exported class.
 */
export const HANDLER_METHOD_EMITTERS: readonly { module: string; classes: ReadonlySet<string> }[] = [
  { module: 'ircv3', classes: new Set(['IrcClient']) },
  { module: '@d-fischer/typed-event-emitter', classes: new Set(['EventEmitter']) },
];

/**
 * Async library calls documented to turn every failure into a resolved value: they resolve a
 * boolean and never reject. sindresorhus's `isPortReachable(port, { host })` resolves false on a
 * refused, unreachable or timed-out connection (homebridge-samsung-tizen's TV power probe, check 20),
 * `isReachable(targets)` and `isOnline()` likewise. A callback awaiting only these cannot reject on
 * their account. `''` is the module itself (`require('is-port-reachable')(…)`), `default` its ES import.
 */
export const RESOLVING_ASYNC_CALLS: readonly { module: string; calls: ReadonlySet<string> }[] = [
  { module: 'is-port-reachable', calls: new Set(['', 'default']) },
  { module: 'is-reachable', calls: new Set(['', 'default']) },
  { module: 'is-online', calls: new Set(['', 'default']) },
  // ln-sync's `getNodeAlias({ id, lnd })`, "ignoring errors": a failed lookup gives `{ alias: '' }`
  // (it rejects only on its argument checks), awaited or with a callback (balanceofsatoshis, check 24).
  { module: 'ln-sync', calls: new Set(['getNodeAlias']) },
];

/**
 * Methods of library objects that only detach and abort, and resolve: nothing in them waits on a
 * peer that could fail. The object is named by the module and the export that makes it (a class
 * constructed with `new`, or a factory, awaited or not). The MCP SDK's `Client#close()` aborts its
 * transport's controller and calls `onclose`; mcp-proxy's `startStdioServer()` gives a stdio server
 * transport whose `close()` detaches its stdin listeners (spotlight sidecar's shutdown, check 63).
 */
export const SETTLING_LIBRARY_METHODS: readonly { module: string; made: ReadonlySet<string>; methods: ReadonlySet<string> }[] = [
  ...['@modelcontextprotocol/sdk/client/index.js', '@modelcontextprotocol/sdk/client/index'].map((module) => ({ module, made: new Set(['Client']), methods: new Set(['close']) })),
  ...['@modelcontextprotocol/sdk/server/stdio.js', '@modelcontextprotocol/sdk/server/stdio'].map((module) => ({ module, made: new Set(['StdioServerTransport']), methods: new Set(['close']) })),
  { module: 'mcp-proxy', made: new Set(['startStdioServer']), methods: new Set(['close']) },
];

/**
 * Error-first callback flows of control-flow libraries: the final callback (the last argument)
 * gets an error only when a task hands one to its own callback (the task's last parameter).
 * `collection`: the tasks are the functions of the object or list of the first argument
 * (`auto({ validate: (cbk) => …, getAlias: ['validate', (res, cbk) => …] }, done)`, `series([…])`);
 * a number: the one function at that argument (`map(list, iteratee, done)`, `mapLimit(list, n, iteratee, done)`).
 * `async/auto` required alone is `auto`.
 */
export const CALLBACK_FLOWS: { modules: ReadonlySet<string>; calls: Readonly<Record<string, 'collection' | number>> } = {
  modules: new Set(['async', 'neo-async']),
  calls: {
    auto: 'collection', series: 'collection', parallel: 'collection', waterfall: 'collection', parallelLimit: 'collection',
    each: 1, eachSeries: 1, eachOf: 1, eachOfSeries: 1, forEach: 1, forEachSeries: 1, map: 1, mapSeries: 1, mapValues: 1, mapValuesSeries: 1,
    eachLimit: 2, eachOfLimit: 2, forEachLimit: 2, mapLimit: 2, mapValuesLimit: 2,
  },
};

/**
 * Adapters that turn an error-first callback into a promise's settling: asyncjs-util's
 * `returnResult({ reject, resolve, of }, cbk)` returns the callback that calls `reject` only when
 * it is handed an error (alexbosworth's ln-service family ends each `asyncAuto` with it).
 */
export const CALLBACK_PROMISE_ADAPTERS: readonly { module: string; calls: ReadonlySet<string> }[] = [
  { module: 'asyncjs-util', calls: new Set(['returnResult']) },
];

/** js-controller's own adapter methods on its object and state database (not a project's wrappers named like them). */
const IOBROKER_DATABASE_METHODS = [
  'getObject', 'setObject', 'extendObject', 'delObject', 'setObjectNotExists', 'getForeignObject', 'getForeignObjects', 'setForeignObject',
  'extendForeignObject', 'delForeignObject', 'setForeignObjectNotExists', 'findForeignObject', 'getObjectView', 'getObjectList',
  'getAdapterObjects', 'getState', 'getStates', 'setState', 'setStateChanged', 'delState', 'getForeignState', 'getForeignStates',
  'setForeignState', 'setForeignStateChanged', 'delForeignState', 'createDevice', 'createChannel', 'createState', 'deleteDevice',
  'deleteChannel', 'deleteState', 'getDevices', 'getChannels', 'getChannelsOf', 'getStatesOf', 'subscribeStates', 'subscribeForeignStates',
  'unsubscribeStates', 'unsubscribeForeignStates', 'subscribeObjects', 'subscribeForeignObjects', 'unsubscribeObjects', 'unsubscribeForeignObjects',
];
const IOBROKER_FILE_METHODS = ['readFile', 'writeFile', 'delFile', 'unlink', 'mkdir', 'readDir', 'rename', 'fileExists'];

export interface HostDatabaseApi {
  /** The host's module a plugin package depends on. */
  module: string;
  /** The host's database calls whose rejection means the host is gone. */
  methods: RegExp;
  /** More of them, settled only in an event listener (the next event runs it again). */
  inListeners?: RegExp;
  /** The class a plugin extends to be the host's one object in its process: every method it inherits talks to the host. */
  baseClass?: string;
}

/**
 * Hosts that run a package as a plugin in their own process and end that process themselves once
 * their teardown is done: on SIGTERM/SIGINT Homebridge tears its plugins down and calls
 * `process.exit`, and ioBroker's js-controller stops an adapter with `unload` and then
 * `terminate` (`process.exit`). A plugin's timer left running cannot hold that shutdown up
 * (check 20: homebridge-samsung-tizen's per-device refresh intervals, judged noise). Node-RED is
 * not listed: it redeploys nodes in the same process, so a node's interval left running on
 * 'close' piles up with each deploy. A package is the host's plugin when its package.json names
 * the host's engine (`engines.homebridge`), depends on the host's module (`peerDependencies`,
 * `dependencies`), or carries the host's plugin keyword.
 */
export interface SelfExitingHost {
  host: string;
  engines?: readonly string[];
  modules?: readonly string[];
  keywords?: readonly string[];
}

export const SELF_EXITING_HOSTS: readonly SelfExitingHost[] = [
  { host: 'Homebridge', engines: ['homebridge'], modules: ['homebridge'], keywords: ['homebridge-plugin'] },
  { host: 'ioBroker', modules: ['@iobroker/adapter-core'] },
];

/**
 * Hosts whose own state database a plugin talks to through the host's API: a rejection there
 * means the host itself is gone (its supervisor restarts the plugin), not a peer that failed.
 * An await of one, in a package that depends on the host's module, is not reported. ioBroker's
 * js-controller: `this.getStateAsync(id)`, `adapter.setObjectNotExistsAsync(id, obj)`,
 * `this.getForeignObjectsAsync(pattern)`, `this.getAdapterObjectsAsync()`, `this.delay(ms)`, and its file store
 * (`this.writeFileAsync(this.namespace, file, buf)`) (holdouts 13-14: ten listeners judged noise for awaiting
 * only this database; the table settles the four whose awaits it sees directly).
 */
export const HOST_DATABASE_APIS: readonly HostDatabaseApi[] = [
  {
    module: '@iobroker/adapter-core',
    baseClass: 'Adapter',
    // In an event listener the suffix-less forms (`await this.setState(id, v, true)`, which return
    // the same promise) settle too: the next event runs the listener again, and a rejection means
    // the host is gone (holdout 16: three listeners of iobroker.worx judged noise). A timer stays
    // reported, where one rejection ends a chain that reschedules itself. Only the host's own names:
    // ecovacs' `createObjectNotExists` is its own wrapper, which may ask a cloud too.
    inListeners: new RegExp(`^(${IOBROKER_DATABASE_METHODS.join('|')})$`),
    // The `…Async` forms only: a reviewer judged `await this.setState(…)` in a timer that reschedules
    // itself every minute a real crash (iobroker.javascript), so the suffix-less forms stay reported.
    // `this.delay(ms)` is the host's own timer (cleared when the adapter unloads), with no peer to fail.
    methods: new RegExp(`^(${[...IOBROKER_DATABASE_METHODS, ...IOBROKER_FILE_METHODS].join('|')})Async$|^delay$`),
  },
];

/** Process events a shutdown handler is registered on. */
export const SHUTDOWN_EVENTS: readonly string[] = ['SIGTERM', 'SIGINT', 'beforeExit'];

/** Libraries that install SIGTERM/SIGINT handling for the process when used (terminus, close-with-grace). */
export const SHUTDOWN_LIBRARIES: readonly string[] = ['@godaddy/terminus', 'http-graceful-shutdown', 'close-with-grace', 'lightship', 'exit-hook', 'async-exit-hook', 'fastify-graceful-shutdown'];

/** The runtime shim's shutdown registration (`onShutdown(() => pool.end())`). */
export const SHIM_SHUTDOWN = 'onShutdown';

/**
 * Methods of puppeteer's and playwright's pages, frames and workers that run the function they are
 * given inside the browser, not in Node (`page.evaluate(() => fetch(url))`): the function's body
 * is page code, where no Node process hangs, leaks or crashes.
 */
/**
 * Functions that throw when their first argument is falsy: `assert(x)` (node:assert),
 * `assert.ok(x)`, `invariant(x, msg)` (invariant, tiny-invariant, outvariant). A call of one on a
 * state test is an early exit, like `if (!x) throw …` (`invariant(!this.realWebSocket, 'already open')`).
 */
export const ASSERTION_FUNCTIONS: ReadonlySet<string> = new Set(['assert', 'invariant', 'assert.ok', 'assert.strict', 'strict.ok']);

export const PAGE_CONTEXT_METHODS: ReadonlySet<string> = new Set([
  'evaluate', 'evaluateHandle', '$eval', '$$eval', 'waitForFunction', 'evaluateOnNewDocument', 'addInitScript', 'evaluateAll',
]);

/**
 * Methods of a WebRTC peer connection (the browser's `RTCPeerConnection`, wrtc, werift) that update
 * the local ICE and session state: `pc.addIceCandidate(c)` hands a candidate to the local ICE agent
 * and does no request of its own, so one call per candidate of a signalling message is no burst.
 */
export const LOCAL_PEER_CONNECTION_METHODS: ReadonlySet<string> = new Set([
  'addIceCandidate', 'setLocalDescription', 'setRemoteDescription', 'createOffer', 'createAnswer',
]);

const AXIOS_DEFAULTS = ['defaults.timeout', 'defaults.signal'];
const AXIOS_SETUP = ['defaults', 'interceptors'];

/**
 * Functions that take a client as their first argument and hand the same client back with a
 * behaviour added, every request still made through it with its own config:
 * `rateLimit(axios.create(), { maxRequests: 1 })`, `wrapper(axios.create({ jar }))`,
 * `setupCache(axios.create())`. What holds their result holds the client.
 */
export const CLIENT_PASS_THROUGH: readonly { module: string; call: string }[] = [
  { module: 'axios-rate-limit', call: '' },
  { module: 'axios-rate-limit', call: 'default' },
  { module: 'axios-cookiejar-support', call: 'wrapper' },
  { module: 'axios-cache-interceptor', call: 'setupCache' },
  // A promisified client (`bluebird.promisify(request.defaults({ jar: true }))`) calls the client
  // with the same arguments and a callback of its own: every request is still the client's.
  { module: 'util', call: 'promisify' },
  { module: 'bluebird', call: 'promisify' },
  { module: 'bluebird', call: 'Promise.promisify' },
];

/** The built-in table. Order does not matter; lookups are by module and call. */
export const LIBRARIES: LibraryEntry[] = [
  // undici waits up to 300 s for headers and 300 s between body chunks: a trickle never ends.
  { module: 'global', call: 'fetch', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['signal'], fix: ABORT_SIGNAL, defaultBoundS: 300 }, note: 'undici default: 300 s headers, 300 s per body chunk' },
  { module: 'undici', call: 'fetch', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['signal'], fix: ABORT_SIGNAL, defaultBoundS: 300 } },
  { module: 'undici', call: 'request', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['signal', 'headersTimeout', 'bodyTimeout'], fix: ABORT_SIGNAL, defaultBoundS: 300 } },
  // node-fetch@1.7.3 README "timeout: 0 // req/res timeout in ms, 0 to disable"; `signal` came in 2.3.0 (CHANGELOG), so 1.x is fixed with `timeout`.
  { module: 'node-fetch', call: '', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['signal', 'timeout'], fix: ABORT_SIGNAL, fixBelow: { major: 2, fix: TIMEOUT_MS } }, note: 'no default timeout' },
  // cross-fetch@3.2.0 and 4.1.0 dist/node-ponyfill.js:1-11: in Node it calls node-fetch v2 with the same options, so no default timeout.
  ...['', 'fetch'].map((call): LibraryEntry => ({ module: 'cross-fetch', call, invoke: 'call',
    timeout: { kind: 'http', optionsArg: 1, boundedBy: ['signal', 'timeout'], fix: ABORT_SIGNAL }, note: 'node-fetch v2 in Node: no default timeout' })),
  // bhttp 1.2.8 lib/bhttp.js:512-521: a response timer only when `responseTimeout` is given.
  ...[['get', 1], ['delete', 1], ['request', 1], ['post', 2], ['put', 2], ['patch', 2]].map(([m, arg]): LibraryEntry => ({
    module: 'bhttp', call: m as string, invoke: 'call', timeout: { kind: 'http', optionsArg: arg as number, boundedBy: ['responseTimeout'], fix: { option: 'responseTimeout', value: 'ms' } },
  })),
  // nodemailer's HTTP client (nodemailer 6.10 lib/fetch/index.js:151): `req.setTimeout` only when `options.timeout` is given.
  { module: 'nodemailer/lib/fetch', call: '', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['timeout'], fix: TIMEOUT_MS }, note: 'no timeout unless options.timeout' },
  // axios: timeout 0 (none) by default; instances made by create inherit the create's config.
  { module: 'axios', call: '', invoke: 'call', timeout: { kind: 'http', optionsArg: -1, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS, projectDefaults: AXIOS_DEFAULTS } },
  ...['get', 'delete', 'head', 'options'].map((m): LibraryEntry => ({ module: 'axios', call: m, invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS, projectDefaults: AXIOS_DEFAULTS } })),
  ...['post', 'put', 'patch'].map((m): LibraryEntry => ({ module: 'axios', call: m, invoke: 'call', timeout: { kind: 'http', optionsArg: 2, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS, projectDefaults: AXIOS_DEFAULTS } })),
  { module: 'axios', call: 'request', invoke: 'call', timeout: { kind: 'http', optionsArg: 0, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS, projectDefaults: AXIOS_DEFAULTS } },
  { module: 'axios', call: 'create', invoke: 'call', timeout: { kind: 'http', optionsArg: 0, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS, createsInstance: true, instanceSetup: AXIOS_SETUP, projectDefaults: AXIOS_DEFAULTS } },
  // got: "By default, there's no timeout"; its timeout is an object of phases. It is also its own named export (`{ got }`).
  // got@14 source/types.d.ts: `(url: string | URL, options?)` or `(options)` with the URL in them.
  ...['', 'get', 'post', 'put', 'patch', 'delete', 'head'].flatMap((m) => [m, m ? `got.${m}` : 'got']).map((m): LibraryEntry => ({
    module: 'got', call: m, invoke: 'call', timeout: { kind: 'http', optionsArg: 1, optionsAlone: true, boundedBy: ['timeout', 'signal'], fix: { option: 'timeout.request', value: 'ms' } },
  })),
  // got.extend: an instance with the given defaults, still no timeout unless they set one.
  ...['extend', 'got.extend'].map((m): LibraryEntry => ({
    module: 'got', call: m, invoke: 'call', timeout: { kind: 'http', optionsArg: 0, boundedBy: ['timeout', 'signal'], fix: { option: 'timeout.request', value: 'ms' }, createsInstance: true },
  })),
  // http(s): no timeout; the `timeout` option only emits 'timeout', a signal really aborts.
  ...['http', 'https'].flatMap((mod) => ['request', 'get'].map((m): LibraryEntry => ({
    module: mod, call: m, invoke: 'call',
    timeout: { kind: 'http', optionsArg: -1, boundedBy: ['timeout', 'signal'], fix: ABORT_SIGNAL, boundingMethod: 'setTimeout' },
  }))),
  // tls.connect({ socket }) wraps a socket already connected (a proxy tunnel, an in-memory pair): no new peer.
  ...['net', 'tls'].flatMap((mod) => ['connect', 'createConnection'].map((m): LibraryEntry => ({
    module: mod, call: m, invoke: 'call',
    timeout: { kind: 'socket', optionsArg: 0, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS, boundingMethod: 'setTimeout', keepAliveMethod: 'setKeepAlive', ...(mod === 'tls' ? { noPeerWith: ['socket'], optionsAfterAddress: true } : {}) },
    resource: { kind: 'socket', release: ['end', 'destroy'], releaseIdempotent: true },
  }))),
  // `new net.Socket()` waits on nothing until `socket.connect(port, host)`, which has no time bound either.
  ...['net', 'tls'].map((mod): LibraryEntry => ({
    module: mod, call: mod === 'net' ? 'Socket' : 'TLSSocket', invoke: 'new',
    returns: { connect: { timeout: { kind: 'socket', optionsArg: 0, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS, boundingMethod: 'setTimeout', keepAliveMethod: 'setKeepAlive' } } },
  })),
  // child_process: no timeout unless given.
  { module: 'child_process', call: 'exec', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: 1, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS } },
  { module: 'child_process', call: 'execFile', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: -1, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS } },
  { module: 'child_process', call: 'execSync', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: 1, boundedBy: ['timeout'], fix: TIMEOUT_MS } },
  { module: 'child_process', call: 'execFileSync', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: -1, boundedBy: ['timeout'], fix: TIMEOUT_MS } },
  { module: 'child_process', call: 'spawnSync', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: -1, boundedBy: ['timeout'], fix: TIMEOUT_MS } },
  // events.once waits forever for an event that may never come.
  { module: 'events', call: 'once', invoke: 'call', timeout: { kind: 'event', optionsArg: 2, boundedBy: ['signal'], fix: ABORT_SIGNAL } },
  { module: 'events', call: 'EventEmitter.once', invoke: 'call', timeout: { kind: 'event', optionsArg: 2, boundedBy: ['signal'], fix: ABORT_SIGNAL } },
  // @xmpp/events@0.14.0 lib/promise.js: `promise(target, event, rejectEvent = 'error', timeout)` arms a timer only when given a timeout.
  { module: '@xmpp/events', call: 'promise', invoke: 'call', timeout: { kind: 'event', optionsArg: 3, boundArg: 3, boundedBy: [], fix: { option: 'timeout', value: 'ms' } } },
  // pg: connectionTimeoutMillis defaults to 0 (wait forever for a connection); no query timeout by default.
  { module: 'pg', call: 'Pool', invoke: 'new',
    timeout: { kind: 'dbConnect', optionsArg: 0, boundedBy: ['connectionTimeoutMillis'], fix: { option: 'connectionTimeoutMillis', value: 'ms' } },
    resource: { kind: 'pool', release: ['end'], releaseIdempotent: false, secondRelease: 'rejects', releaseAwaitable: true, checkout: ['connect'], checkoutRelease: ['release'], openState: ['ended', 'ending'] },
    note: 'pg: connectionTimeoutMillis defaults to 0 (no timeout); end() twice rejects "Called end on pool more than once"' },
  { module: 'pg', call: 'Pool', invoke: 'new',
    timeout: { kind: 'dbQuery', optionsArg: 0, boundedBy: ['statement_timeout', 'query_timeout'], fix: { option: 'query_timeout', value: 'ms' }, onlyWithOption: 'requireQueryTimeout' } },
  { module: 'pg', call: 'Client', invoke: 'new',
    timeout: { kind: 'dbConnect', optionsArg: 0, boundedBy: ['connectionTimeoutMillis'], fix: { option: 'connectionTimeoutMillis', value: 'ms' } },
    resource: { kind: 'client', release: ['end'], releaseIdempotent: false, releaseAwaitable: true } },
  { module: 'pg', call: 'Client', invoke: 'new',
    timeout: { kind: 'dbQuery', optionsArg: 0, boundedBy: ['statement_timeout', 'query_timeout'], fix: { option: 'query_timeout', value: 'ms' }, onlyWithOption: 'requireQueryTimeout' } },
  // mysql2 and ioredis have 10 s connect timeouts: a resource, not a missing timeout.
  ...['mysql2', 'mysql2/promise'].flatMap((mod): LibraryEntry[] => [
    // mysql2 `pool.promise()` / `connection.promise()` wrap the callback pool or connection.
    { module: mod, call: 'createPool', invoke: 'call', resource: { kind: 'pool', release: ['end'], releaseIdempotent: false, releaseAwaitable: mod === 'mysql2/promise', checkout: ['getConnection'], checkoutRelease: ['release'], handles: mod === 'mysql2' ? ['promise'] : undefined } },
    { module: mod, call: 'createConnection', invoke: 'call', resource: { kind: 'client', release: ['end', 'destroy'], releaseIdempotent: false, releaseAwaitable: mod === 'mysql2/promise', handles: mod === 'mysql2' ? ['promise'] : undefined } },
  ]),
  // ioredis: quit() on a closed connection rejects with "Connection is closed."; disconnect() does not.
  ...['', 'Redis'].map((call): LibraryEntry => ({ module: 'ioredis', call, invoke: 'new',
    resource: { kind: 'client', release: ['quit', 'disconnect'], releaseIdempotent: false, secondRelease: 'rejects', idempotentReleases: ['disconnect'], releaseAwaitable: true } })),
  // postgres.js: `postgres(url)` opens a pool of connections (connect_timeout 30 s, README
  // "Connection details"), ended with `sql.end()`, which returns the same promise once ending.
  { module: 'postgres', call: '', invoke: 'call', resource: { kind: 'pool', release: ['end'], releaseIdempotent: true, releaseAwaitable: true } },
  // redis v4 (@redis/client@1.6.1 socket.js:61-71) `quit`/`disconnect` throw ClientClosedError the second time;
  // v5+ (@redis/client@6.4.0 socket.js:404-420) `close`/`quit` reject twice, `destroy` is idempotent.
  // v2/v3 (redis@2.8.0, 3.1.2 lib/individualCommands.js:82-92 quit_callback) answer a quit on a closed client with 'OK'.
  { module: 'redis', call: 'createClient', invoke: 'call', types: ['RedisClientType'],
    resource: { kind: 'client', release: ['quit', 'disconnect', 'close', 'destroy'], releaseIdempotent: false, secondRelease: 'rejects', idempotentReleases: ['destroy'], failsTwiceSince: 4, releaseAwaitable: true, openState: ['isOpen', 'isReady'] } },
  // mongodb: `client.db()` returns a Db that runs every command through the client.
  { module: 'mongodb', call: 'MongoClient', invoke: 'new', resource: { kind: 'client', release: ['close'], releaseIdempotent: true, releaseAwaitable: true, handles: ['db'] } },
  { module: 'mongodb', call: 'MongoClient.connect', invoke: 'call', resource: { kind: 'client', release: ['close'], releaseIdempotent: true, releaseAwaitable: true, handles: ['db'] } },
  // generic-pool 3.x (3.9.0 lib/Pool.js:580-640): `drain()` sets `_draining` and resolves once loans settle, `clear()`
  // destroys what is idle; neither throws nor rejects when called again.
  { module: 'generic-pool', call: 'createPool', invoke: 'call', resource: { kind: 'pool', release: ['drain', 'clear'], releaseIdempotent: true, releaseAwaitable: true, checkout: ['acquire'], checkoutRelease: ['release', 'destroy'], checkoutReleasedByPool: true } },
  // advanced-pool@0.3.3 (lib/advanced-pool.js:311-354, 404-409): `acquire(cb)` hands out an object that goes back with
  // `release(obj)`, or is destroyed with `removeBadObject(obj)`; `close()` returns at once when already closed.
  { module: 'advanced-pool', call: 'Pool', invoke: 'new', resource: { kind: 'pool', release: ['close'], releaseIdempotent: true, checkout: ['acquire'], checkoutRelease: ['release', 'removeBadObject'], checkoutReleasedByPool: true } },
  ...['http', 'https', 'net', 'tls', 'http2'].map((mod): LibraryEntry => ({
    module: mod, call: mod === 'http2' ? 'createSecureServer' : 'createServer', invoke: 'call',
    resource: { kind: 'server', release: ['close'], releaseIdempotent: false, secondRelease: 'callback' },
    note: 'server.close() twice: ERR_SERVER_NOT_RUNNING, passed to the callback only',
  })),
  { module: 'http', call: 'Server', invoke: 'new', resource: { kind: 'server', release: ['close'], releaseIdempotent: false, secondRelease: 'callback' } },
  { module: 'fs', call: 'watch', invoke: 'call', resource: { kind: 'watcher', release: ['close'], releaseIdempotent: true } },
  // dgram (Node lib/dgram.js Socket.prototype.close → healthCheck): a second close() throws ERR_SOCKET_DGRAM_NOT_RUNNING.
  ...[['createSocket', 'call'], ['Socket', 'new']].map(([call, invoke]): LibraryEntry => ({ module: 'dgram', call, invoke: invoke as 'call' | 'new',
    resource: { kind: 'socket', release: ['close'], releaseIdempotent: false, secondRelease: 'throws', noun: 'UDP socket' },
    note: 'dgram socket.close() twice throws ERR_SOCKET_DGRAM_NOT_RUNNING' })),
  // multicast-dns@7.2.5 index.js:25,62-66 binds a UDP socket (5353) and joins the multicast group;
  // :114-117 `destroy` is the only release and returns at once when already destroyed.
  { module: 'multicast-dns', call: '', invoke: 'either',
    resource: { kind: 'socket', release: ['destroy'], releaseIdempotent: true, noun: 'multicast DNS socket',
      pilesUp: 'each holds a UDP socket bound to port 5353 that receives every mDNS packet on the network, until the process runs out of file descriptors' } },
  // chokidar@5.0.0 index.js:413-416 `close` returns the same promise each time.
  { module: 'chokidar', call: 'watch', invoke: 'call', resource: { kind: 'watcher', release: ['close'], releaseIdempotent: true, releaseAwaitable: true } },
  { module: 'worker_threads', call: 'Worker', invoke: 'new', resource: { kind: 'worker', release: ['terminate'], releaseIdempotent: true } },
  // ws: with `server` or `noServer` it listens on nobody's port but borrows an http server's upgrades.
  ...['WebSocketServer', 'Server'].map((call): LibraryEntry => ({ module: 'ws', call, invoke: 'new',
    resource: { kind: 'server', release: ['close'], releaseIdempotent: true, noHandleWith: ['server', 'noServer'] } })),
  // Libraries that take a server over and close it: socket.io's close() closes the http server it
  // was attached to; the shutdown libraries close it on SIGTERM.
  ...['', 'Server'].map((call): LibraryEntry => ({ module: 'socket.io', call, invoke: 'either', adopts: { arg: 0, methods: ['attach', 'listen'] } })),
  { module: 'http-graceful-shutdown', call: '', invoke: 'call', adopts: { arg: 0 } },
  { module: '@godaddy/terminus', call: 'createTerminus', invoke: 'call', adopts: { arg: 0 } },
  { module: 'stoppable', call: '', invoke: 'call', adopts: { arg: 0 } },
  { module: 'http-terminator', call: 'createHttpTerminator', invoke: 'call', adopts: { arg: 0, property: 'server' } },
  { module: 'lightship', call: 'createLightship', invoke: 'call', shutdownHooks: ['registerShutdownHandler'] },
  // Web frameworks: the app serves once `listen` is called (express and koa return an http.Server).
  { module: 'express', call: '', invoke: 'call', app: { listen: 'listen', handle: 'returned-server', close: 'close', closeAwaitable: false } },
  { module: 'koa', call: '', invoke: 'new', app: { listen: 'listen', handle: 'returned-server', close: 'close', closeAwaitable: false } },
  { module: 'fastify', call: '', invoke: 'call', app: { listen: 'listen', handle: 'app', close: 'close', closeAwaitable: true } },
  { module: 'fastify', call: 'fastify', invoke: 'call', app: { listen: 'listen', handle: 'app', close: 'close', closeAwaitable: true } },
  // Node's clearTimeout and clearInterval clear either kind of timer (lib/timers.js: both unenroll the same Timeout).
  { module: 'global', call: 'setInterval', invoke: 'call', resource: { kind: 'interval', release: ['clearInterval', 'clearTimeout'], releaseIdempotent: true, releaseIsFunction: true } },
  { module: 'timers', call: 'setInterval', invoke: 'call', resource: { kind: 'interval', release: ['clearInterval', 'clearTimeout'], releaseIdempotent: true, releaseIsFunction: true } },
  ...HTTP_CLIENTS,
  ...DATABASES,
  ...MESSAGING,
  ...MAIL_FILES_SHELLS,
  ...BROWSERS_WORKERS,
];

/** The table a run uses: built-ins plus the user's `libraries`, indexed by module and call. */
export class Knowledge {
  private readonly builtIn = new Map<string, LibraryEntry[]>();
  private readonly user = new Map<string, LibraryEntry[]>();
  private readonly modules = new Set<string>();
  /** Entries whose module or call is a pattern (`@aws-sdk/client-*`, `*Client`): few, tried after the exact keys. */
  private readonly patterns: { entry: LibraryEntry; user: boolean }[] = [];
  private releaseSet: ReadonlySet<string> | undefined;
  private functionReleaseSet: ReadonlySet<string> | undefined;
  private closeReleaseSet: ReadonlySet<string> | undefined;
  private endingStreamSet: ReadonlySet<string> | undefined;
  private checkoutSet: ReadonlySet<string> | undefined;
  private poolModuleSet: ReadonlySet<string> | undefined;
  private boundingSet: ReadonlySet<string> | undefined;
  private globalSet: ReadonlySet<string> | undefined;
  private returnSet: ReadonlySet<string> | undefined;
  private mentionPattern: RegExp | undefined;
  private defaultNameSet: ReadonlySet<string> | undefined;

  constructor(extra: readonly LibraryEntry[] = []) {
    for (const e of LIBRARIES.flatMap(withReturns)) this.index(this.builtIn, e, false);
    for (const e of extra.flatMap(withReturns)) this.index(this.user, e, true);
  }

  /** The entry for `module` + export path, invoked with or without `new`. */
  lookup(module: string, call: string, invokedWithNew: boolean): LibraryEntry | undefined {
    return this.lookupAll(module, call, invokedWithNew)[0];
  }

  /**
   * Every entry for a call (pg's Pool has one for its connect bound, one for its query bound).
   * When the user describes a call, their entries replace the built-in ones.
   */
  lookupAll(module: string, call: string, invokedWithNew: boolean): LibraryEntry[] {
    const key = `${module}\u0000${call}`;
    let list = this.user.get(key) ?? this.builtIn.get(key);
    if (!list && this.patterns.length) {
      const matching = this.patterns.filter((p) => matches(p.entry.module, module) && matches(p.entry.call, call));
      const user = matching.filter((p) => p.user);
      list = (user.length ? user : matching).map((p) => p.entry);
    }
    return (list ?? []).filter((e) => e.invoke === 'either' || (e.invoke === 'new') === invokedWithNew);
  }

  /** True when some entry knows this module at all (a cheap pre-filter for rules). */
  knowsModule(module: string): boolean {
    return this.modules.has(module) || this.patterns.some((p) => matches(p.entry.module, module));
  }

  /** Every method or function name that releases some known resource (`end`, `close`, `clearInterval`). */
  releaseNames(): ReadonlySet<string> {
    return (this.releaseSet ??= new Set(this.entries().flatMap((e) => e.resource?.release ?? [])));
  }

  /** Releases that are functions taking the handle (`clearInterval(timer)`), not methods on it. */
  functionReleaseNames(): ReadonlySet<string> {
    return (this.functionReleaseSet ??= new Set(this.entries().flatMap((e) => (e.resource?.releaseIsFunction ? e.resource.release : []))));
  }

  /** Calls that release something when a close-like method makes them (`releasedInCloseBy`). */
  closeReleaseNames(): ReadonlySet<string> {
    return (this.closeReleaseSet ??= new Set(this.entries().flatMap((e) => e.resource?.releasedInCloseBy ?? [])));
  }

  /** Streams whose end releases their owner (`releasedByEnding`: a child's `stdin`). */
  endingStreamNames(): ReadonlySet<string> {
    return (this.endingStreamSet ??= new Set(this.entries().flatMap((e) => e.resource?.releasedByEnding ?? [])));
  }

  /** Modules that make pools handing out checkouts (`pg`, `mysql2`, `generic-pool`). */
  poolModules(): ReadonlySet<string> {
    return (this.poolModuleSet ??= new Set(this.entries().filter((e) => e.resource?.checkout?.length).map((e) => e.module.split('/')[0])));
  }

  /** Every method that checks a member out of some known pool (`connect`, `getConnection`, `acquire`). */
  checkoutMethods(): ReadonlySet<string> {
    return (this.checkoutSet ??= new Set(this.entries().flatMap((e) => e.resource?.checkout ?? [])));
  }

  /** The pool whose `checkout` includes `method`: how a member it hands out is given back. */
  /**
   * The pool knowledge for a checkout method; among pools with the same method (`acquire`), the
   * one from a library in `imported` (the file's imports) first: what gives back an
   * advanced-pool object is not what gives back a generic-pool one.
   */
  checkoutPool(method: string, imported?: ReadonlySet<string>): ResourceKnowledge | undefined {
    const pools = this.entries().filter((e) => e.resource?.checkout?.includes(method));
    return (pools.find((e) => imported?.has(e.module)) ?? pools[0])?.resource;
  }

  /** Every method on a returned object that bounds its wait (`req.setTimeout`). */
  boundingMethods(): ReadonlySet<string> {
    return (this.boundingSet ??= new Set(this.entries().flatMap((e) => (e.timeout?.boundingMethod ? [e.timeout.boundingMethod] : []))));
  }

  /** First names of the globals the table knows (`fetch`, `setInterval`): calls on anything else need an import. */
  globalRoots(): ReadonlySet<string> {
    return (this.globalSet ??= new Set(this.entries().filter((e) => e.module === 'global').map((e) => e.call.split('.')[0])));
  }

  /**
   * Whether a text can name something the table knows: a module as a quoted specifier
   * (`'pg'`, `"node:http"`, `'pg/lib/x'`) or a global's first name (`fetch`). A call the table
   * knows can only be resolved in a file whose text does (engine/prefilter.ts).
   */
  mentionedIn(text: string): boolean {
    if (!this.mentionPattern) {
      const spelled = (name: string) => name.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('[^\'"`]*');
      const modules = [...this.modules].filter((m) => m !== 'global').map(spelled);
      const globals = [...this.globalRoots()].map(spelled);
      this.mentionPattern = new RegExp(`['"\`](?:node:)?(?:${modules.join('|')})['"\`/]${globals.length ? `|${globals.join('|')}` : ''}`);
    }
    return this.mentionPattern.test(text);
  }

  /** The last names of every `projectDefaults` path (`timeout` of `defaults.timeout`): an assignment to any other sets no default bound. */
  projectDefaultNames(): ReadonlySet<string> {
    return (this.defaultNameSet ??= new Set(this.entries().flatMap((e) => (e.timeout?.projectDefaults ?? []).map((p) => p.slice(p.lastIndexOf('.') + 1)))));
  }

  /** Methods on a returned value that the table knows (`newPage`, `createChannel`): rules follow only these. */
  returnMethods(): ReadonlySet<string> {
    return (this.returnSet ??= new Set(this.entries().filter((e) => e.call.includes('().')).map((e) => e.call.slice(e.call.lastIndexOf('().') + 3))));
  }

  /** The call whose result a library type names: `Browser` → `launch`, `Kafka` → `Kafka` (a class). */
  madeAs(module: string, typeName: string): string | undefined {
    const made = this.entries().filter((e) => e.module === module && (e.types?.includes(typeName) || (e.call === typeName && e.invoke !== 'call')));
    return made[0]?.call;
  }

  /** The keys that make `module.<call>(options)` bound every call of the module (`needle.defaults`). */
  defaultsCallBounds(module: string, call: string): string[] {
    return this.entries().filter((e) => e.module === module && e.timeout?.projectDefaultCalls?.includes(call)).flatMap((e) => e.timeout!.boundedBy);
  }

  private index(into: Map<string, LibraryEntry[]>, e: LibraryEntry, user: boolean): void {
    if (isPattern(e.module) || isPattern(e.call)) this.patterns.push({ entry: e, user });
    else add(into, e);
    this.modules.add(e.module);
  }

  private entries(): LibraryEntry[] {
    return [...this.builtIn.values(), ...this.user.values()].flat().concat(this.patterns.map((p) => p.entry));
  }
}

/** The table with each `returns` method as an entry of its own (`launch().newPage`). */
export function expandReturns(entries: readonly LibraryEntry[]): LibraryEntry[] {
  return entries.flatMap(withReturns);
}

/**
 * An entry and one entry per method on what it returns, keyed `launch().newPage` (nested:
 * `launch().createBrowserContext().newPage`), so rules look them up like any call.
 */
function withReturns(e: LibraryEntry): LibraryEntry[] {
  const out: LibraryEntry[] = [e];
  const visit = (call: string, returns: Record<string, InstanceKnowledge> | undefined): void => {
    for (const [method, k] of Object.entries(returns ?? {})) {
      const child = `${call}().${method}`;
      out.push({ module: e.module, call: child, invoke: 'call', timeout: k.timeout, resource: k.resource });
      visit(child, k.returns);
    }
  };
  visit(e.call, e.returns);
  return out;
}

function isPattern(s: string): boolean {
  return s.startsWith('*') || s.endsWith('*');
}

/** `@aws-sdk/client-*` matches `@aws-sdk/client-s3`; `*Client` matches `S3Client`; otherwise equality. */
function matches(pattern: string, s: string): boolean {
  if (pattern.endsWith('*')) return s.startsWith(pattern.slice(0, -1)) && s.length > pattern.length - 1;
  if (pattern.startsWith('*')) return s.endsWith(pattern.slice(1)) && s.length > pattern.length - 1 && !s.includes('.');
  return pattern === s;
}

function add(index: Map<string, LibraryEntry[]>, e: LibraryEntry): void {
  const key = `${e.module}\u0000${e.call}`;
  const list = index.get(key);
  if (list) list.push(e);
  else index.set(key, [e]);
}
