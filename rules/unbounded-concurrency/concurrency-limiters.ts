// Concurrency knowledge, as data: which calls make a limiter (and how tasks go through it), and
// which library calls return a promise. unbounded-concurrency reads these tables; nothing else
// in the rule names a library.

/** A call that makes a concurrency limiter; tasks handed to it run a bounded number at a time. */
export interface LimiterFactory {
  /** Module as imported (`p-limit`); `runtime` for the stability-lint shim, wherever it lives. */
  module: string;
  /** Export path from the module object; '' for the module (default) export itself. */
  call: string;
  invoke: 'call' | 'new';
  /** How a task goes through the made limiter: calling it (`limit(fn)`) or these methods. */
  runs: 'call' | string[];
  /** The limiter bounds nothing unless this option is set (p-queue's default is Infinity). */
  boundedBy?: { option: string; arg: number };
}

export const LIMITER_FACTORIES: readonly LimiterFactory[] = [
  { module: 'runtime', call: 'limiter', invoke: 'call', runs: 'call' },
  { module: 'p-limit', call: '', invoke: 'call', runs: 'call' },
  { module: 'p-limit', call: 'default', invoke: 'call', runs: 'call' },
  { module: 'p-queue', call: '', invoke: 'new', runs: ['add', 'addAll'], boundedBy: { option: 'concurrency', arg: 0 } },
  { module: 'p-queue', call: 'default', invoke: 'new', runs: ['add', 'addAll'], boundedBy: { option: 'concurrency', arg: 0 } },
  // Bottleneck counts with either bound: maxConcurrent, or minTime pacing the start of each job.
  { module: 'bottleneck', call: '', invoke: 'new', runs: ['schedule', 'wrap', 'submit'] },
  { module: 'async-sema', call: 'Sema', invoke: 'new', runs: ['acquire'] },
  { module: 'async-mutex', call: 'Semaphore', invoke: 'new', runs: ['runExclusive', 'acquire'] },
  { module: 'async-mutex', call: 'Mutex', invoke: 'new', runs: ['runExclusive', 'acquire'] },
];

/**
 * Names that by convention hold a limiter made elsewhere (`import { limit } from './limits'`):
 * a call through one with a function argument (`limit(() => f(x))`) counts as going through a
 * limiter when we cannot see where it was made.
 */
export const LIMITER_NAMES = /^(limit|limiter|queue|sema|semaphore|mutex|bottleneck|[a-z]\w*(Limit|Limiter|Queue|Semaphore|Sema|Mutex))$/;

/**
 * Options that make an object a limiter, whatever class makes it (`new PeerQueue({ concurrency:
 * 4 })`, a project's own queue class): the tasks handed to it run that many at a time.
 */
export const CONCURRENCY_OPTION = /^(concurrency|maxConcurrency|maxConcurrent)$/;

/** Methods that run a task through a conventionally named limiter (`queue.add(() => …)`). */
export const LIMITER_METHODS: ReadonlySet<string> = new Set(['schedule', 'wrap', 'submit', 'add', 'run', 'runExclusive', 'acquire']);

/**
 * Library calls whose result is a promise: started and not awaited, each one is work running
 * in the background. `*` stands for every export of the module.
 */
export const PROMISE_CALLS: readonly { module: string; call: string }[] = [
  { module: 'global', call: 'fetch' },
  { module: 'undici', call: 'fetch' },
  { module: 'undici', call: 'request' },
  { module: 'node-fetch', call: '' },
  { module: 'axios', call: '*' },
  { module: 'got', call: '*' },
  { module: 'fs/promises', call: '*' },
  { module: 'fs', call: 'promises.*' },
  { module: 'dns/promises', call: '*' },
  { module: 'stream/promises', call: '*' },
  { module: 'timers/promises', call: '*' },
];

/** True when `module`/`call` is listed in a table whose `*` matches any call or the rest of a path. */
export function matchesCall(table: readonly { module: string; call: string }[], module: string, call: string): boolean {
  return table.some((e) => e.module === module && (e.call === call || e.call === '*' ||
    (e.call.endsWith('.*') && call.startsWith(e.call.slice(0, -1)))));
}

// ---- What bounds a fan-out's input, by the names the code gives its source ----

/**
 * Names of configuration, as a chain segment (`this.config.jobs`, `req.config.rateLimits`,
 * `Object.keys(this.options.auth)`, `schemaOptions.definitions`): read at start-up from files or
 * the environment, sized by whoever deploys the service, not by its traffic.
 */
export const CONFIG_NAME = /^(config|configuration|conf|cfg|settings|options|opts|\w+(Config|Configuration|Settings|Options|Opts))$/;

/** Registries of installed plugins and their hooks (`pluginDefs.hooks[name]`, `defs.plugins`, `plugins.plugins`, `npm ls` dependencies). */
export const REGISTRY_NAME = /^(plugins|pluginDefs|hooks|packages|dependencies)$/;

/** Segments that carry a request's own data: a chain through one of these is input, whatever names follow. */
export const INPUT_SEGMENT = /^(body|query|params|payload|headers|cookies|files|rawBody)$/;

/**
 * Methods whose result is data from outside the program, as many parts as that data holds: text
 * split into lines or matches, a directory listing, a file read (to be split), a parsed document.
 */
export const OUTSIDE_DATA_METHODS: ReadonlySet<string> = new Set([
  'split', 'match', 'matchAll', 'readdirSync', 'globSync', 'readFileSync', 'readLines',
]);
/**
 * Calls that read a collection (rows, keys, objects, files) whose size the world decides: awaited,
 * or handed to `.then`, what they bring back is outside data, as is anything further down their
 * chain (`Votes.find(q).fetch()`, `coll.find(q).toArray()`, `db.query(sql)` then `.rows`). A
 * single record (`get`, `findOne`) or a service's answer about one thing (`getLinkedRequisition()`,
 * `devices()`) is not: what it lists belongs to that one thing, a handful. An archive read into its
 * entries (`decompress(buf)`, `unzip(file)`, `decompressUnzip()(buf)`) holds as many files as it was packed with.
 */
export const COLLECTION_READ = /^(?:list|find|findAll|findMany|findAndCount|query|select|search|scan|readdir|readdirp|glob|globby|fg|paginate|getAll|fetchAll|getMany|getRawMany|keys|smembers|sscan|hgetall|hkeys|hvals|lrange|zrange|zrangebyscore|zrevrange|xrange|mget|all|aggregate|distinct|(?:decompress|unzip|untar|unpack)(?:[A-Z0-9_]\w*)?|(?:list|findAll|findMany|getAll|fetchAll|scan|search|query)[A-Z0-9_]\w*)$/;
/** `client.send(new ListObjectsV2Command(…))`: an AWS SDK v3 command that reads a collection. */
export const COLLECTION_COMMAND = /^(?:List|Scan|Query)\w*Command$/;

/** `JSON.parse(text)`, `glob.sync(pattern)`, `fg.sync(…)`: the receiver and method of such a call. */
export const OUTSIDE_DATA_CALLS: readonly { receiver: RegExp; method: string }[] = [
  { receiver: /^(JSON|JSON5|yaml|YAML|csv|Papa)$/, method: 'parse' },
  { receiver: /^(glob|fg|fastGlob|fastglob|globby)$/, method: 'sync' },
];

/**
 * Functions of libraries that list files matching a pattern and return the list at once (the
 * asynchronous ones hand it back through an `await`, which is outside data already), by module.
 */
export const FILE_LISTING_CALLS: Readonly<Record<string, ReadonlySet<string>>> = {
  globby: new Set(['sync', 'globbySync']),
  'fast-glob': new Set(['sync', 'globSync']),
  glob: new Set(['sync', 'globSync']),
  tinyglobby: new Set(['globSync']),
  fs: new Set(['readdirSync', 'globSync']),
  'node:fs': new Set(['readdirSync', 'globSync']),
};

/** Caches that hold at most a set number of entries (lru-cache, quick-lru, the shim's boundedMap), by constructor or factory name. */
export const BOUNDED_CACHE_MAKER = /^(LRU|LRUCache|LruCache|QuickLRU|TTLCache|BoundedMap|boundedMap|boundedSet)$/;

/** One per server of a cluster: `brokers`, `groupsByCoordinator`, `requestsByShard`. */
export const PER_SERVER_NAME = /(^|[a-z])([Bb]roker|[Cc]oordinator|[Ss]hard)s?([A-Z]\w*)?$|By(Broker|Coordinator|Shard|Leader|NodeId|Node|Host|Server)$/;

/** Functions whose result holds at most the elements of their first argument (`Object.keys(x)`, `_.uniq(x)`, `Array.from(x)`). */
export const SIZE_KEEPING_HELPERS: ReadonlySet<string> = new Set(['keys', 'values', 'entries', 'from', 'uniq', 'unique', 'uniqBy', 'compact', 'filter', 'sortBy', 'toArray', 'castArray']);

// ---- Work that opens nothing per call ----

/**
 * Clients that send every command over the one connection they keep (Redis, Kafka): a fan-out of
 * their calls queues commands on it and opens no socket or file per call.
 */
export const MULTIPLEXED_MODULES: ReadonlySet<string> = new Set(['ioredis', 'redis', '@redis/client', 'kafkajs']);

/** Receivers named for such a client: `this.connection.redis.get(k)`, `redisClient.get(k)`, kafkajs's `cluster` and `broker`. */
export const MULTIPLEXED_RECEIVER = /^(redis|ioredis|\w*Redis|redis[A-Z]\w*|cluster|broker|coordinator)$/;

/** Redis commands whose names no other client uses: a call of one is a command on a multiplexed connection. */
export const REDIS_COMMANDS: ReadonlySet<string> = new Set([
  'hget', 'hset', 'hdel', 'hgetall', 'hmget', 'hmset', 'hincrby', 'hexists', 'hkeys', 'hvals', 'hlen', 'hsetnx', 'hscan',
  'sadd', 'srem', 'smembers', 'sismember', 'scard', 'spop', 'srandmember', 'sscan', 'sunion', 'sinter', 'sdiff',
  'zadd', 'zrem', 'zrange', 'zrangebyscore', 'zrevrange', 'zrevrangebyscore', 'zscore', 'zcard', 'zincrby', 'zrank', 'zremrangebyscore', 'zscan',
  'lpush', 'rpush', 'lpop', 'rpop', 'lrange', 'llen', 'lrem', 'ltrim', 'lindex', 'lset', 'brpoplpush', 'rpoplpush', 'lmove',
  'setex', 'psetex', 'setnx', 'getset', 'mget', 'mset', 'incrby', 'decrby', 'incrbyfloat', 'expire', 'pexpire', 'expireat', 'ttl', 'pttl', 'persist',
  'evalsha', 'xadd', 'xread', 'xreadgroup', 'xack', 'xrange', 'xlen', 'pfadd', 'pfcount', 'getex', 'getdel',
]);

/**
 * File-system calls that hold no descriptor: they name a path, run on libuv's thread pool (four
 * threads by default) and return. A burst of them queues there; it opens no socket and cannot
 * exhaust descriptors (EMFILE), unlike `open`, `readFile` or `createReadStream`.
 */
export const FS_DESCRIPTOR_FREE: ReadonlySet<string> = new Set([
  'rename', 'stat', 'lstat', 'access', 'unlink', 'mkdir', 'rmdir', 'rm', 'realpath', 'readlink',
  'utimes', 'lutimes', 'chmod', 'lchmod', 'chown', 'lchown', 'symlink', 'link',
]);

/**
 * Modules whose file-system calls go through graceful-fs, which queues an `open` that fails with
 * EMFILE and retries it when a descriptor closes: a burst of reads waits instead of failing.
 */
export const EMFILE_QUEUEING_FS: ReadonlySet<string> = new Set(['fs-extra', 'fs-extra/esm', 'graceful-fs']);

/** Modules whose file-system functions return a promise when called without a callback (`fs.stat(p).then(…)`), `*Sync` aside. */
export const CALLBACK_OR_PROMISE_FS: ReadonlySet<string> = new Set(['fs-extra', 'fs-extra/esm', 'mz/fs']);

/** Calls that make a batch of commands sent together by `.exec()` (Redis `multi`/`pipeline`, bee-queue's `batch`). */
export const BATCH_METHODS: ReadonlySet<string> = new Set(['batch', 'multi', 'pipeline']);

/**
 * Options that cap how many items a library hands a callback at once (`work(queue, { batchSize:
 * 50 }, (jobs) => …)`, SQS's `MaxNumberOfMessages`): with a constant value, the batch is bounded.
 */
export const BATCH_SIZE_OPTION = /^(batchSize|maxBatchSize|maxMessages|MaxNumberOfMessages|maxNumberOfMessages|pageSize|perPage|prefetch)$/;

/** Counts a connection pool keeps of its own clients (pg-pool), bounded by the pool's `max`. */
export const POOL_COUNT_PROPERTY: ReadonlySet<string> = new Set(['totalCount', 'idleCount']);

/**
 * A pool's list of idle resources (tarn's `this.free`, `this.idleConnections`, `#available`): it
 * holds at most the resources the pool has made, never more than its configured size.
 */
export const IDLE_RESOURCE_LIST = /^[_#]?(free|idle|available)(Resources?|Connections?|Conns?|Clients?|Workers?|Sockets?|Objects?|Sessions?|Channels?|List)?$/;

/** A receiver named for a pool: `pool`, `this.pool`, `this.#pgPool`. */
export const POOL_RECEIVER = /^#?(pool|\w*Pool)$/;

/**
 * Methods that end an object's own life (`worker.stop()`, `socket.close()`): ending every element
 * of a list at once tears the program's objects down; it sends no burst of work to an upstream.
 */
export const TEARDOWN_METHODS: ReadonlySet<string> = new Set(['stop', 'close', 'end', 'destroy', 'terminate', 'kill', 'dispose', 'disconnect', 'quit', 'unref']);

/**
 * Methods that register code-made objects with their owner (`registerMetric(metric)`, `use(plugin)`,
 * nodecg's `declare(name, namespace)` of a replicant): a list they fill holds what the program
 * registers — metrics, plugins, routes, named shared objects — not its input.
 */
export const REGISTRATION_METHOD = /^(register|define|declare|use|plugin|install|mount)([A-Z]\w*)?$/;

/** Names of a concurrency: the size of a hand-written worker pool (`Array.from({ length: concurrency }, worker)`). */
export const POOL_SIZE_NAME = /^(concurrency|maxConcurrency|maxConcurrent|parallelism|parallel|maxParallel|workerCount|numWorkers|poolSize|maxInFlight|[A-Z_]*CONCURRENCY[A-Z_]*)$/;

/**
 * Names of functions that run once, at start-up: initialisation, binding the listening ports.
 * A fan-out awaited there (`Promise.all`) is bounded by what the service is configured with.
 */
export const STARTUP_NAME = /^(init|initiali[sz]e|bootstrap|setup|setUp|configure|boot|startup)([A-Z_]\w*)?$|^\w*(Init|Initiali[sz]e|Initiali[sz]ation|Bootstrap|Setup)$|^(bind|listen)\w*(Port|Address)\w*$/;

/**
 * The parts of the data model: the classes, schemas, tables or collections of a database, the
 * fields of a class (`nonProvidedClasses`, `insertedFields`, `Object.keys(fields)`), the
 * migrations that change it (`migrations`, `pendingMigrations`, `migrationsToRun`: the files a
 * migration runner loads). As many as the application defines, not as many as its users send.
 */
export const DATA_MODEL_NAME = /^(classes|\w*Classes|schemas|\w*Schemas|fields|\w*Fields|columns|\w*Columns|indexes|indices|tables|collections|migrations|\w*Migrations|migrations[A-Z]\w*)$/;

/** Where configuration is loaded: a `config/` folder, a config loader module. It runs once, at start-up. */
export const CONFIG_LOADER_PATH = /(^|[\\/])(config|configuration)[\\/]|(^|[\\/])[\w.-]*config[-_.]?loader\.[cm]?[jt]s$/i;

/**
 * Methods that write bytes on a connection the object holds (`this.send(frame)`,
 * `this.socket.write(pong)`): a reply queued in order on one stream, which opens nothing new.
 */
export const CONNECTION_WRITE_METHODS = new Set(['send', 'write', 'sendFrame', 'writeFrame', 'sendPacket', 'writePacket']);

/**
 * Library calls that take one message a port has already received, synchronously
 * (`receiveMessageOnPort(port)` of worker_threads): a loop draining them handles what the other
 * side posted, as a `'message'` listener would, and the poster decides how many it sends.
 */
export const MESSAGE_RECEIVE_CALLS: readonly { module: string; call: string }[] = [
  { module: 'worker_threads', call: 'receiveMessageOnPort' },
];
