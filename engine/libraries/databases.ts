// Databases and ORMs beyond pg, mysql2, ioredis, redis and mongodb: how their pools and clients
// are released and whether twice is safe. Most connect with a sane default bound (listed at the
// end); the ones that wait forever say so in their entry.
import type { LibraryEntry } from '../knowledge';

export const DATABASES: LibraryEntry[] = [
  // mysql@2.18.1 ConnectionConfig.js:19-21 connectTimeout 10 s: resources only.
  // Pool.js:161-188 `end` twice calls back at once; Pool.js:135-138 a second `release` throws
  // 'Connection already released'; Protocol.js:214-216 a second connection `end` errors with
  // PROTOCOL_ENQUEUE_AFTER_QUIT; Connection.js:242-247 `destroy` is safe twice.
  { module: 'mysql', call: 'createPool', invoke: 'call',
    resource: { kind: 'pool', release: ['end'], releaseIdempotent: true, checkout: ['getConnection'], checkoutRelease: ['release', 'destroy'] } },
  // PoolCluster.js:70-73 `if (this._closed) { process.nextTick(cb); return; }`.
  { module: 'mysql', call: 'createPoolCluster', invoke: 'call',
    resource: { kind: 'pool', release: ['end'], releaseIdempotent: true, checkout: ['getConnection'], checkoutRelease: ['release', 'destroy'] } },
  { module: 'mysql', call: 'createConnection', invoke: 'call',
    resource: { kind: 'client', release: ['end', 'destroy'], releaseIdempotent: false, secondRelease: 'throws', idempotentReleases: ['destroy'], noun: 'MySQL connection', openState: ['state'] } },

  // mssql@12.7.16 lib/tedious/connection-pool.js:42-43 connect and request 15 s; tarn acquire 30 s.
  // lib/base/connection-pool.js:624-627 `close` on a closed pool calls back at once.
  // `await new sql.ConnectionPool(cfg).connect()` resolves to the pool itself.
  { module: 'mssql', call: 'ConnectionPool', invoke: 'new',
    resource: { kind: 'pool', release: ['close'], releaseIdempotent: true, releaseAwaitable: true },
    returns: { connect: { resource: { kind: 'pool', release: ['close'], releaseIdempotent: true, releaseAwaitable: true } } } },
  // tedious@19.2.2 lib/connection.js:54,58 connect and request 15 s; :1030-1033 `close` twice ends in FINAL once.
  { module: 'tedious', call: 'Connection', invoke: 'new', resource: { kind: 'client', release: ['close'], releaseIdempotent: true, noun: 'SQL Server connection' } },

  // oracledb@7.0.1 thin mode: transport connect 20 s (lib/thin/sqlnet/constants.js:191), pool
  // queue 60 s (lib/settings.js:59). lib/connection.js:835 a second `close` throws NJS-003;
  // lib/pool.js:252 a second pool `close` throws NJS-065.
  { module: 'oracledb', call: 'getConnection', invoke: 'call',
    resource: { kind: 'client', release: ['close', 'release'], releaseIdempotent: false, secondRelease: 'rejects', releaseAwaitable: true, noun: 'Oracle connection' } },
  { module: 'oracledb', call: 'createPool', invoke: 'call',
    resource: { kind: 'pool', release: ['close', 'terminate'], releaseIdempotent: false, secondRelease: 'rejects', releaseAwaitable: true, checkout: ['getConnection'], checkoutRelease: ['close', 'release'] } },

  // knex@3.3.0 lib/client.js:253-264 acquireConnectionTimeout 60 s (creating the connection
  // included, so even pg's 0 is bounded); :519-524 `destroy` twice is a no-op.
  ...['', 'knex'].map((call): LibraryEntry => ({ module: 'knex', call, invoke: 'call',
    resource: { kind: 'pool', release: ['destroy'], releaseIdempotent: true, releaseAwaitable: true } })),

  // sequelize@6.37.8 dialects/abstract/connection-manager.js:20-27 pool acquire 60 s; :60-73
  // `close` returns early once the pool is gone.
  ...['sequelize', 'sequelize-typescript'].flatMap((mod) => ['', 'Sequelize'].map((call): LibraryEntry => ({ module: mod, call, invoke: 'new',
    resource: { kind: 'pool', release: ['close'], releaseIdempotent: true, releaseAwaitable: true } }))),

  // typeorm@1.1.3 driver/postgres/PostgresDriver.js:1381 `connectionTimeoutMillis: options.connectTimeoutMS`
  // ("If undefined, or set to 0, there is no timeout. Defaults to undefined."): pg's wait forever.
  // mysql and others go to drivers with a connect bound.
  { module: 'typeorm', call: 'DataSource', invoke: 'new', when: [{ key: 'type', equals: ['postgres'] }],
    timeout: { kind: 'dbConnect', optionsArg: 0, boundedBy: ['connectTimeoutMS', 'extra'], fix: { option: 'connectTimeoutMS', value: 'ms' } },
    note: 'typeorm postgres: connectTimeoutMS defaults to undefined (no timeout)' },
  // data-source/DataSource.js:198-200 `destroy` when not initialized throws CannotExecuteNotConnectedError;
  // PostgresQueryRunner.js:94-98 a released query runner returns early.
  { module: 'typeorm', call: 'DataSource', invoke: 'new',
    resource: { kind: 'pool', release: ['destroy'], releaseIdempotent: false, secondRelease: 'rejects', releaseAwaitable: true, openState: ['isInitialized', 'isConnected'] },
    returns: { createQueryRunner: { resource: { kind: 'checkout', release: ['release'], releaseIdempotent: true, releaseAwaitable: true, noun: 'query runner' } } } },

  // @prisma/client@7.10.1 runtime: interactive transactions maxWait 2 s, timeout 5 s; `$disconnect`
  // on a disconnected engine returns. A module-level client needs no release (Prisma docs,
  // connection-management: "disconnects when the Node.js process ends"); one per request exhausts connections.
  { module: '@prisma/client', call: 'PrismaClient', invoke: 'new',
    resource: { kind: 'client', release: ['$disconnect'], releaseIdempotent: true, releaseAwaitable: true, scope: 'per-call', noun: 'Prisma client' } },
  // @prisma/adapter-pg@7.10.1 dist/index.js:812 `new pg.Pool(this.config)`: pg's connectionTimeoutMillis 0.
  { module: '@prisma/adapter-pg', call: 'PrismaPg', invoke: 'new',
    timeout: { kind: 'dbConnect', optionsArg: 0, boundedBy: ['connectionTimeoutMillis'], fix: { option: 'connectionTimeoutMillis', value: 'ms' } },
    note: 'Prisma 7 pg adapter: pool defaults come from pg (connectionTimeoutMillis 0)' },

  // mongoose@9.13.2 lib/connection.js:1255-1278 `close` on a closed connection is a no-op; connect
  // is bounded by serverSelectionTimeoutMS 30 s (mongodb@7.9.1 connection_string.js:1019-1020).
  { module: 'mongoose', call: 'createConnection', invoke: 'call',
    resource: { kind: 'client', release: ['close', 'destroy'], releaseIdempotent: true, releaseAwaitable: true, noun: 'MongoDB connection' } },

  // cassandra-driver@4.10.0 lib/client-options.js:81,85 connect 5 s, read 12 s; lib/client.js:883-890 `shutdown` twice returns.
  { module: 'cassandra-driver', call: 'Client', invoke: 'new',
    resource: { kind: 'client', release: ['shutdown'], releaseIdempotent: true, releaseAwaitable: true, noun: 'Cassandra client' } },

  // ioredis@5.11.1 built/cluster/index.js:207-264 a second `quit` finds no nodes and resolves "OK".
  ...['Cluster', 'Redis.Cluster'].map((call): LibraryEntry => ({ module: 'ioredis', call, invoke: 'new',
    resource: { kind: 'client', release: ['quit', 'disconnect'], releaseIdempotent: true, releaseAwaitable: true, noun: 'Redis cluster client' } })),
  // node-redis createCluster: which of its closes are safe twice is unconfirmed, so none is claimed unsafe.
  { module: 'redis', call: 'createCluster', invoke: 'call',
    resource: { kind: 'client', release: ['quit', 'disconnect', 'close', 'destroy'], releaseIdempotent: true, releaseAwaitable: true, noun: 'Redis cluster client' } },
];

/** Databases whose documented defaults bound every wait the rules look at: not findings. */
export const SANE_DATABASE_DEFAULTS: { module: string; default: string; source: string }[] = [
  { module: 'mysql', default: 'connectTimeout 10 s, acquireTimeout 10 s', source: 'mysql@2.18.1 lib/ConnectionConfig.js:19-21, lib/PoolConfig.js:10-12' },
  { module: 'mssql / tedious', default: 'connect 15 s, request 15 s, acquire 30 s', source: 'mssql@12.7.16 lib/tedious/connection-pool.js:42-43; tedious@19.2.2 lib/connection.js:54,58' },
  { module: 'oracledb', default: 'transport connect 20 s, pool queue 60 s', source: 'oracledb@7.0.1 lib/thin/sqlnet/constants.js:191, lib/settings.js:59' },
  { module: 'knex', default: 'acquireConnectionTimeout 60 s', source: 'knex@3.3.0 lib/client.js:253' },
  { module: 'sequelize', default: 'pool acquire 60 s', source: 'sequelize@6.37.8 lib/dialects/abstract/connection-manager.js:24' },
  { module: '@prisma/client', default: 'interactive transaction maxWait 2 s, timeout 5 s; connect 5 s (Prisma ≤ 6)', source: '@prisma/client@7.10.1 runtime/client.js transactionOptions' },
  { module: 'mongoose / mongodb', default: 'serverSelectionTimeoutMS 30 s', source: 'mongodb@7.9.1 lib/connection_string.js:1019-1020' },
  { module: 'postgres (postgres.js)', default: 'connect_timeout 30 s', source: 'postgres@3 README, Connection details: `connect_timeout: 30`' },
  { module: 'cassandra-driver', default: 'connect 5 s, read 12 s', source: 'cassandra-driver@4.10.0 lib/client-options.js:81,85' },
  { module: 'redis (createClient)', default: 'socket.connectTimeout 5 s', source: '@redis/client@6.4.0 dist/lib/client/socket.js:47' },
  { module: 'ioredis (Cluster)', default: 'connectTimeout 10 s, maxRetriesPerRequest 20', source: 'ioredis@5.11.1 built/redis/RedisOptions.js:9,52' },
];
