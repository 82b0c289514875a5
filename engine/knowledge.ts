// Library knowledge, as data: which call waits on a peer and what bounds it, which call opens a
// resource and how it is released, whether that release is safe to repeat. Every rule reads
// this one table; users extend it from config (`libraries`).

/** What a call waits on, for picking the default bound from config `timeouts`. */
export type TimeoutKind = 'http' | 'dbConnect' | 'dbQuery' | 'childProcess' | 'socket' | 'event';

export interface TimeoutKnowledge {
  kind: TimeoutKind;
  /**
   * Index of the options argument. -1: the options may sit at several positions
   * (`http.get(url?, options?, cb?)`): the first object-literal argument, or, when there is
   * none, a new one goes before a trailing callback.
   */
  optionsArg: number;
  /** Option keys any one of which bounds the wait (`signal`, `timeout`, `connectionTimeoutMillis`). */
  boundedBy: string[];
  /**
   * How a fix bounds it: add `signal: AbortSignal.timeout(ms)`, or a numeric option. A dotted
   * option nests (`timeout.request` writes `timeout: { request: ms }`, as got wants).
   */
  fix: { option: string; value: 'abort-signal' | 'ms' };
  /** A method on the returned object that also bounds it (`req.setTimeout(ms)`). */
  boundingMethod?: string;
  /**
   * A method that turns on the connection's own liveness probe (`socket.setKeepAlive(true)`):
   * called with `true`, it marks a connection kept open by design, where an idle timeout is wrong.
   */
  keepAliveMethod?: string;
  /** Calls on the returned instance inherit this bound (axios.create). */
  createsInstance?: boolean;
  /** Only reported when this option of the missing-timeout rule is on. */
  onlyWithOption?: string;
  /**
   * Paths on the module object (or on an instance it creates) whose assignment anywhere in the
   * project bounds every call (`axios.defaults.timeout = 5000`).
   */
  projectDefaults?: string[];
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
  /** Releases among `release` that are safe to repeat even when the others are not (ioredis `disconnect`). */
  idempotentReleases?: string[];
  /** Options (of the first argument) with which it opens no handle of its own (ws `{ server }`, `{ noServer: true }`). */
  noHandleWith?: string[];
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

export interface LibraryEntry {
  /** Module as imported, `node:` stripped (`pg`, `http`); `global` for globals such as fetch. */
  module: string;
  /** Export path from the module object, dotted: `Pool`, `request`, `promises.readFile`; '' for the module itself. */
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
}

/**
 * Resources that serve until the process stops (a server, a watcher, an interval): released by
 * a shutdown hook, never by a `finally` right after they are made.
 */
export const SERVICE_LIFETIME_KINDS: ReadonlySet<ResourceKind> = new Set(['server', 'watcher', 'worker', 'interval']);

/** Methods that let the process exit despite a live handle: as good as a release on shutdown. */
export const DETACH_METHODS: readonly string[] = ['unref'];

/** Process events a shutdown handler is registered on. */
export const SHUTDOWN_EVENTS: readonly string[] = ['SIGTERM', 'SIGINT', 'beforeExit'];

/** Libraries that install SIGTERM/SIGINT handling for the process when used (terminus, close-with-grace). */
export const SHUTDOWN_LIBRARIES: readonly string[] = ['@godaddy/terminus', 'http-graceful-shutdown', 'close-with-grace', 'lightship', 'exit-hook', 'async-exit-hook', 'fastify-graceful-shutdown'];

/** The runtime shim's shutdown registration (`onShutdown(() => pool.end())`). */
export const SHIM_SHUTDOWN = 'onShutdown';

const ABORT_SIGNAL = { option: 'signal', value: 'abort-signal' } as const;
const TIMEOUT_MS = { option: 'timeout', value: 'ms' } as const;
const AXIOS_DEFAULTS = ['defaults.timeout', 'defaults.signal'];

/** The built-in table. Order does not matter; lookups are by module and call. */
export const LIBRARIES: LibraryEntry[] = [
  // undici waits up to 300 s for headers and 300 s between body chunks: a trickle never ends.
  { module: 'global', call: 'fetch', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['signal'], fix: ABORT_SIGNAL }, note: 'undici default: 300 s headers, 300 s per body chunk' },
  { module: 'undici', call: 'fetch', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['signal'], fix: ABORT_SIGNAL } },
  { module: 'undici', call: 'request', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['signal', 'headersTimeout', 'bodyTimeout'], fix: ABORT_SIGNAL } },
  { module: 'node-fetch', call: '', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['signal', 'timeout'], fix: ABORT_SIGNAL }, note: 'no default timeout' },
  // axios: timeout 0 (none) by default; instances made by create inherit the create's config.
  { module: 'axios', call: '', invoke: 'call', timeout: { kind: 'http', optionsArg: -1, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS, projectDefaults: AXIOS_DEFAULTS } },
  ...['get', 'delete', 'head', 'options'].map((m): LibraryEntry => ({ module: 'axios', call: m, invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS, projectDefaults: AXIOS_DEFAULTS } })),
  ...['post', 'put', 'patch'].map((m): LibraryEntry => ({ module: 'axios', call: m, invoke: 'call', timeout: { kind: 'http', optionsArg: 2, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS, projectDefaults: AXIOS_DEFAULTS } })),
  { module: 'axios', call: 'request', invoke: 'call', timeout: { kind: 'http', optionsArg: 0, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS, projectDefaults: AXIOS_DEFAULTS } },
  { module: 'axios', call: 'create', invoke: 'call', timeout: { kind: 'http', optionsArg: 0, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS, createsInstance: true, projectDefaults: AXIOS_DEFAULTS } },
  // got: "By default, there's no timeout"; its timeout is an object of phases.
  ...['', 'get', 'post', 'put', 'patch', 'delete', 'head'].map((m): LibraryEntry => ({
    module: 'got', call: m, invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['timeout', 'signal'], fix: { option: 'timeout.request', value: 'ms' } },
  })),
  // http(s): no timeout; the `timeout` option only emits 'timeout', a signal really aborts.
  ...['http', 'https'].flatMap((mod) => ['request', 'get'].map((m): LibraryEntry => ({
    module: mod, call: m, invoke: 'call',
    timeout: { kind: 'http', optionsArg: -1, boundedBy: ['timeout', 'signal'], fix: ABORT_SIGNAL, boundingMethod: 'setTimeout' },
  }))),
  ...['net', 'tls'].flatMap((mod) => ['connect', 'createConnection'].map((m): LibraryEntry => ({
    module: mod, call: m, invoke: 'call',
    timeout: { kind: 'socket', optionsArg: 0, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS, boundingMethod: 'setTimeout', keepAliveMethod: 'setKeepAlive' },
    resource: { kind: 'socket', release: ['end', 'destroy'], releaseIdempotent: true },
  }))),
  // child_process: no timeout unless given.
  { module: 'child_process', call: 'exec', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: 1, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS } },
  { module: 'child_process', call: 'execFile', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: -1, boundedBy: ['timeout', 'signal'], fix: TIMEOUT_MS } },
  { module: 'child_process', call: 'execSync', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: 1, boundedBy: ['timeout'], fix: TIMEOUT_MS } },
  { module: 'child_process', call: 'execFileSync', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: -1, boundedBy: ['timeout'], fix: TIMEOUT_MS } },
  { module: 'child_process', call: 'spawnSync', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: -1, boundedBy: ['timeout'], fix: TIMEOUT_MS } },
  // events.once waits forever for an event that may never come.
  { module: 'events', call: 'once', invoke: 'call', timeout: { kind: 'event', optionsArg: 2, boundedBy: ['signal'], fix: ABORT_SIGNAL } },
  { module: 'events', call: 'EventEmitter.once', invoke: 'call', timeout: { kind: 'event', optionsArg: 2, boundedBy: ['signal'], fix: ABORT_SIGNAL } },
  // pg: connectionTimeoutMillis defaults to 0 (wait forever for a connection); no query timeout by default.
  { module: 'pg', call: 'Pool', invoke: 'new',
    timeout: { kind: 'dbConnect', optionsArg: 0, boundedBy: ['connectionTimeoutMillis'], fix: { option: 'connectionTimeoutMillis', value: 'ms' } },
    resource: { kind: 'pool', release: ['end'], releaseIdempotent: false, secondRelease: 'rejects', releaseAwaitable: true, checkout: ['connect'], checkoutRelease: ['release'] },
    note: 'pg: connectionTimeoutMillis defaults to 0 (no timeout); end() twice rejects "Called end on pool more than once"' },
  { module: 'pg', call: 'Pool', invoke: 'new',
    timeout: { kind: 'dbQuery', optionsArg: 0, boundedBy: ['statement_timeout', 'query_timeout'], fix: { option: 'query_timeout', value: 'ms' }, onlyWithOption: 'requireQueryTimeout' } },
  { module: 'pg', call: 'Client', invoke: 'new',
    timeout: { kind: 'dbConnect', optionsArg: 0, boundedBy: ['connectionTimeoutMillis'], fix: { option: 'connectionTimeoutMillis', value: 'ms' } },
    resource: { kind: 'client', release: ['end'], releaseIdempotent: false, releaseAwaitable: true } },
  { module: 'pg', call: 'Client', invoke: 'new',
    timeout: { kind: 'dbQuery', optionsArg: 0, boundedBy: ['statement_timeout', 'query_timeout'], fix: { option: 'query_timeout', value: 'ms' }, onlyWithOption: 'requireQueryTimeout' } },
  // mysql2 and ioredis have 10 s connect timeouts: a resource, not a missing timeout.
  ...['mysql2', 'mysql2/promise', 'mysql'].flatMap((mod): LibraryEntry[] => [
    { module: mod, call: 'createPool', invoke: 'call', resource: { kind: 'pool', release: ['end'], releaseIdempotent: false, releaseAwaitable: mod === 'mysql2/promise', checkout: ['getConnection'], checkoutRelease: ['release'] } },
    { module: mod, call: 'createConnection', invoke: 'call', resource: { kind: 'client', release: ['end', 'destroy'], releaseIdempotent: false, releaseAwaitable: mod === 'mysql2/promise' } },
  ]),
  // ioredis: quit() on a closed connection rejects with "Connection is closed."; disconnect() does not.
  ...['', 'Redis'].map((call): LibraryEntry => ({ module: 'ioredis', call, invoke: 'new',
    resource: { kind: 'client', release: ['quit', 'disconnect'], releaseIdempotent: false, secondRelease: 'rejects', idempotentReleases: ['disconnect'], releaseAwaitable: true } })),
  // postgres.js: `postgres(url)` opens a pool of connections, ended with `sql.end()`.
  { module: 'postgres', call: '', invoke: 'call', resource: { kind: 'pool', release: ['end'], releaseIdempotent: true, releaseAwaitable: true } },
  { module: 'redis', call: 'createClient', invoke: 'call', resource: { kind: 'client', release: ['quit', 'disconnect', 'close', 'destroy'], releaseIdempotent: false, releaseAwaitable: true } },
  { module: 'mongodb', call: 'MongoClient', invoke: 'new', resource: { kind: 'client', release: ['close'], releaseIdempotent: true, releaseAwaitable: true } },
  { module: 'mongodb', call: 'MongoClient.connect', invoke: 'call', resource: { kind: 'client', release: ['close'], releaseIdempotent: true, releaseAwaitable: true } },
  { module: 'generic-pool', call: 'createPool', invoke: 'call', resource: { kind: 'pool', release: ['drain', 'clear'], releaseIdempotent: false, releaseAwaitable: true, checkout: ['acquire'], checkoutRelease: ['release', 'destroy'], checkoutReleasedByPool: true } },
  ...['http', 'https', 'net', 'http2'].map((mod): LibraryEntry => ({
    module: mod, call: mod === 'http2' ? 'createSecureServer' : 'createServer', invoke: 'call',
    resource: { kind: 'server', release: ['close'], releaseIdempotent: false, secondRelease: 'callback' },
    note: 'server.close() twice: ERR_SERVER_NOT_RUNNING, passed to the callback only',
  })),
  { module: 'http', call: 'Server', invoke: 'new', resource: { kind: 'server', release: ['close'], releaseIdempotent: false, secondRelease: 'callback' } },
  { module: 'fs', call: 'watch', invoke: 'call', resource: { kind: 'watcher', release: ['close'], releaseIdempotent: true } },
  { module: 'chokidar', call: 'watch', invoke: 'call', resource: { kind: 'watcher', release: ['close'], releaseIdempotent: true } },
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
  { module: 'global', call: 'setInterval', invoke: 'call', resource: { kind: 'interval', release: ['clearInterval'], releaseIdempotent: true, releaseIsFunction: true } },
  { module: 'timers', call: 'setInterval', invoke: 'call', resource: { kind: 'interval', release: ['clearInterval'], releaseIdempotent: true, releaseIsFunction: true } },
];

/** The table a run uses: built-ins plus the user's `libraries`, indexed by module and call. */
export class Knowledge {
  private readonly builtIn = new Map<string, LibraryEntry[]>();
  private readonly user = new Map<string, LibraryEntry[]>();
  private readonly modules = new Set<string>();
  private releaseSet: ReadonlySet<string> | undefined;
  private checkoutSet: ReadonlySet<string> | undefined;
  private poolModuleSet: ReadonlySet<string> | undefined;
  private boundingSet: ReadonlySet<string> | undefined;
  private globalSet: ReadonlySet<string> | undefined;

  constructor(extra: readonly LibraryEntry[] = []) {
    for (const e of LIBRARIES) add(this.builtIn, e);
    for (const e of extra) add(this.user, e);
    for (const e of [...LIBRARIES, ...extra]) this.modules.add(e.module);
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
    const list = this.user.get(key) ?? this.builtIn.get(key) ?? [];
    return list.filter((e) => e.invoke === 'either' || (e.invoke === 'new') === invokedWithNew);
  }

  /** True when some entry knows this module at all (a cheap pre-filter for rules). */
  knowsModule(module: string): boolean {
    return this.modules.has(module);
  }

  /** Every method or function name that releases some known resource (`end`, `close`, `clearInterval`). */
  releaseNames(): ReadonlySet<string> {
    return (this.releaseSet ??= new Set(this.entries().flatMap((e) => e.resource?.release ?? [])));
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
  checkoutPool(method: string): ResourceKnowledge | undefined {
    return this.entries().find((e) => e.resource?.checkout?.includes(method))?.resource;
  }

  /** Every method on a returned object that bounds its wait (`req.setTimeout`). */
  boundingMethods(): ReadonlySet<string> {
    return (this.boundingSet ??= new Set(this.entries().flatMap((e) => (e.timeout?.boundingMethod ? [e.timeout.boundingMethod] : []))));
  }

  /** First names of the globals the table knows (`fetch`, `setInterval`): calls on anything else need an import. */
  globalRoots(): ReadonlySet<string> {
    return (this.globalSet ??= new Set(this.entries().filter((e) => e.module === 'global').map((e) => e.call.split('.')[0])));
  }

  private entries(): LibraryEntry[] {
    return [...this.builtIn.values(), ...this.user.values()].flat();
  }
}

function add(index: Map<string, LibraryEntry[]>, e: LibraryEntry): void {
  const key = `${e.module}\u0000${e.call}`;
  const list = index.get(key);
  if (list) list.push(e);
  else index.set(key, [e]);
}
