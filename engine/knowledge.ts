// Library knowledge, as data: which call waits on a peer and what bounds it, which call opens a
// resource and how it is released, whether that release is safe to repeat. Every rule reads
// this one table; users extend it from config (`libraries`).

/** What a call waits on, for picking the default bound from config `timeouts`. */
export type TimeoutKind = 'http' | 'dbConnect' | 'dbQuery' | 'childProcess' | 'socket' | 'event';

export interface TimeoutKnowledge {
  kind: TimeoutKind;
  /** Index of the options argument; -1 means the last argument when it is an object literal. */
  optionsArg: number;
  /** Option keys any one of which bounds the wait (`signal`, `timeout`, `connectionTimeoutMillis`). */
  boundedBy: string[];
  /** How a fix bounds it: add `signal: AbortSignal.timeout(ms)`, or a numeric option. */
  fix: { option: string; value: 'abort-signal' | 'ms' };
  /** A method on the returned object that also bounds it (`req.setTimeout(ms)`). */
  boundingMethod?: string;
  /** Calls on the returned instance inherit this bound (axios.create). */
  createsInstance?: boolean;
  /** Only reported when this option of the missing-timeout rule is on. */
  onlyWithOption?: string;
}

export type ResourceKind = 'pool' | 'client' | 'server' | 'watcher' | 'worker' | 'interval' | 'checkout' | 'socket' | 'process';

export interface ResourceKnowledge {
  kind: ResourceKind;
  /** Methods (or, for globals such as intervals, functions) that give it back. */
  release: string[];
  /** False when a second release throws or corrupts state (pg Pool.end, net.Server.close). */
  releaseIdempotent: boolean;
  /** For checkouts: the method on the checked-out object that returns it to its pool. */
  checkoutRelease?: string[];
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
  /** Why this entry is here: the documented default that makes it dangerous. */
  note?: string;
}

const HTTP_SIGNAL = { option: 'signal', value: 'abort-signal' } as const;

/** The built-in table. Order does not matter; lookups are by module and call. */
export const LIBRARIES: LibraryEntry[] = [
  // undici waits up to 300 s for headers and 300 s between body chunks: a trickle never ends.
  { module: 'global', call: 'fetch', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['signal'], fix: HTTP_SIGNAL }, note: 'undici default: 300 s headers, 300 s per body chunk' },
  { module: 'undici', call: 'fetch', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['signal'], fix: HTTP_SIGNAL } },
  { module: 'undici', call: 'request', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['signal', 'headersTimeout', 'bodyTimeout'], fix: HTTP_SIGNAL } },
  { module: 'node-fetch', call: '', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['signal', 'timeout'], fix: HTTP_SIGNAL }, note: 'no default timeout' },
  // axios: timeout 0 (none) by default.
  ...['get', 'delete', 'head', 'options'].map((m): LibraryEntry => ({ module: 'axios', call: m, invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['timeout', 'signal'], fix: { option: 'timeout', value: 'ms' } } })),
  ...['post', 'put', 'patch'].map((m): LibraryEntry => ({ module: 'axios', call: m, invoke: 'call', timeout: { kind: 'http', optionsArg: 2, boundedBy: ['timeout', 'signal'], fix: { option: 'timeout', value: 'ms' } } })),
  { module: 'axios', call: 'request', invoke: 'call', timeout: { kind: 'http', optionsArg: 0, boundedBy: ['timeout', 'signal'], fix: { option: 'timeout', value: 'ms' } } },
  { module: 'axios', call: 'create', invoke: 'call', timeout: { kind: 'http', optionsArg: 0, boundedBy: ['timeout', 'signal'], fix: { option: 'timeout', value: 'ms' }, createsInstance: true } },
  // got: no timeout by default.
  { module: 'got', call: '', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['timeout', 'signal'], fix: { option: 'timeout', value: 'ms' } } },
  ...['http', 'https'].flatMap((mod) => ['request', 'get'].map((m): LibraryEntry => ({
    module: mod, call: m, invoke: 'call',
    timeout: { kind: 'http', optionsArg: -1, boundedBy: ['timeout', 'signal'], fix: { option: 'timeout', value: 'ms' }, boundingMethod: 'setTimeout' },
  }))),
  ...['net', 'tls'].flatMap((mod) => ['connect', 'createConnection'].map((m): LibraryEntry => ({
    module: mod, call: m, invoke: 'call',
    timeout: { kind: 'socket', optionsArg: 0, boundedBy: ['timeout', 'signal'], fix: { option: 'timeout', value: 'ms' }, boundingMethod: 'setTimeout' },
    resource: { kind: 'socket', release: ['end', 'destroy'], releaseIdempotent: true },
  }))),
  // child_process: no timeout unless given.
  { module: 'child_process', call: 'exec', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: 1, boundedBy: ['timeout', 'signal'], fix: { option: 'timeout', value: 'ms' } } },
  { module: 'child_process', call: 'execFile', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: -1, boundedBy: ['timeout', 'signal'], fix: { option: 'timeout', value: 'ms' } } },
  { module: 'child_process', call: 'execSync', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: 1, boundedBy: ['timeout'], fix: { option: 'timeout', value: 'ms' } } },
  { module: 'child_process', call: 'execFileSync', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: -1, boundedBy: ['timeout'], fix: { option: 'timeout', value: 'ms' } } },
  { module: 'child_process', call: 'spawnSync', invoke: 'call', timeout: { kind: 'childProcess', optionsArg: -1, boundedBy: ['timeout'], fix: { option: 'timeout', value: 'ms' } } },
  { module: 'events', call: 'once', invoke: 'call', timeout: { kind: 'event', optionsArg: 2, boundedBy: ['signal'], fix: HTTP_SIGNAL } },
  // pg: connectionTimeoutMillis 0 = wait forever for a connection; no query timeout by default.
  { module: 'pg', call: 'Pool', invoke: 'new',
    timeout: { kind: 'dbConnect', optionsArg: 0, boundedBy: ['connectionTimeoutMillis'], fix: { option: 'connectionTimeoutMillis', value: 'ms' } },
    resource: { kind: 'pool', release: ['end'], releaseIdempotent: false, checkoutRelease: ['release'] }, note: 'pg: connectionTimeoutMillis defaults to 0 (no timeout); end() twice throws' },
  { module: 'pg', call: 'Client', invoke: 'new',
    timeout: { kind: 'dbConnect', optionsArg: 0, boundedBy: ['connectionTimeoutMillis'], fix: { option: 'connectionTimeoutMillis', value: 'ms' } },
    resource: { kind: 'client', release: ['end'], releaseIdempotent: false } },
  // mysql2 and ioredis have 10 s connect timeouts: a resource, not a missing timeout.
  { module: 'mysql2', call: 'createPool', invoke: 'call', resource: { kind: 'pool', release: ['end'], releaseIdempotent: false, checkoutRelease: ['release'] } },
  { module: 'mysql2/promise', call: 'createPool', invoke: 'call', resource: { kind: 'pool', release: ['end'], releaseIdempotent: false, checkoutRelease: ['release'] } },
  { module: 'mysql2', call: 'createConnection', invoke: 'call', resource: { kind: 'client', release: ['end', 'destroy'], releaseIdempotent: false } },
  { module: 'mysql2/promise', call: 'createConnection', invoke: 'call', resource: { kind: 'client', release: ['end', 'destroy'], releaseIdempotent: false } },
  { module: 'ioredis', call: '', invoke: 'new', resource: { kind: 'client', release: ['quit', 'disconnect'], releaseIdempotent: true } },
  { module: 'ioredis', call: 'Redis', invoke: 'new', resource: { kind: 'client', release: ['quit', 'disconnect'], releaseIdempotent: true } },
  { module: 'redis', call: 'createClient', invoke: 'call', resource: { kind: 'client', release: ['quit', 'disconnect', 'close', 'destroy'], releaseIdempotent: false } },
  { module: 'mongodb', call: 'MongoClient', invoke: 'new', resource: { kind: 'client', release: ['close'], releaseIdempotent: true } },
  { module: 'generic-pool', call: 'createPool', invoke: 'call', resource: { kind: 'pool', release: ['drain', 'clear'], releaseIdempotent: false, checkoutRelease: ['release', 'destroy'] } },
  ...['http', 'https', 'net', 'http2'].map((mod): LibraryEntry => ({
    module: mod, call: mod === 'http2' ? 'createSecureServer' : 'createServer', invoke: 'call',
    resource: { kind: 'server', release: ['close'], releaseIdempotent: false }, note: 'server.close() twice: ERR_SERVER_NOT_RUNNING',
  })),
  { module: 'http', call: 'Server', invoke: 'new', resource: { kind: 'server', release: ['close'], releaseIdempotent: false } },
  { module: 'fs', call: 'watch', invoke: 'call', resource: { kind: 'watcher', release: ['close'], releaseIdempotent: true } },
  { module: 'chokidar', call: 'watch', invoke: 'call', resource: { kind: 'watcher', release: ['close'], releaseIdempotent: true } },
  { module: 'worker_threads', call: 'Worker', invoke: 'new', resource: { kind: 'worker', release: ['terminate'], releaseIdempotent: true } },
  { module: 'ws', call: 'WebSocketServer', invoke: 'new', resource: { kind: 'server', release: ['close'], releaseIdempotent: true } },
  { module: 'global', call: 'setInterval', invoke: 'call', resource: { kind: 'interval', release: ['clearInterval'], releaseIdempotent: true } },
  { module: 'timers', call: 'setInterval', invoke: 'call', resource: { kind: 'interval', release: ['clearInterval'], releaseIdempotent: true } },
];

/** The table a run uses: built-ins plus the user's `libraries`, indexed by module and call. */
export class Knowledge {
  private readonly byKey = new Map<string, LibraryEntry[]>();

  constructor(extra: readonly LibraryEntry[] = []) {
    for (const e of [...LIBRARIES, ...extra]) {
      const key = `${e.module}\u0000${e.call}`;
      const list = this.byKey.get(key);
      if (list) list.unshift(e); // user entries win over built-ins
      else this.byKey.set(key, [e]);
    }
  }

  /** The entry for `module` + export path, invoked with or without `new`. */
  lookup(module: string, call: string, invokedWithNew: boolean): LibraryEntry | undefined {
    const list = this.byKey.get(`${module}\u0000${call}`);
    return list?.find((e) => e.invoke === 'either' || (e.invoke === 'new') === invokedWithNew);
  }

  /** True when some entry knows this module at all (a cheap pre-filter for rules). */
  knowsModule(module: string): boolean {
    for (const key of this.byKey.keys()) if (key.startsWith(module + '\u0000')) return true;
    return false;
  }
}
