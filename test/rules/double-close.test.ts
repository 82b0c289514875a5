import rule from '../../rules/double-close';
import { runRuleTests } from '../rule-tester';

const poolEndMessage = (call: string, method: string) =>
  `\`${call}\` (pg Pool.end()) throws or corrupts state when it runs a second time, and \`${method}\` has no guard against ` +
  'a second call. Shutdown paths call close twice (SIGTERM then SIGINT, or `close()` followed by dispose), and the ' +
  'second call fails in the middle of shutdown. Return early once closed (`if (this.#closed) return; this.#closed = true;`) ' +
  'or wrap the method in `once`.';

runRuleTests(rule, {
  valid: [
    {
      name: 'guard: early return on a closed flag the method sets',
      code: `import { Pool } from 'pg';

export class Database {
  private readonly pool = new Pool({ connectionTimeoutMillis: 5000 });
  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
`,
    },
    {
      name: 'guard: private #closed flag set after the check',
      code: `import { Pool } from 'pg';

export class Repo {
  #closed = false;
  constructor(private readonly pool: Pool) {}

  async [Symbol.asyncDispose]() {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    await this.pool.end();
  }
}
`,
    },
    {
      name: 'guard: cleared field with optional call',
      code: `import { Pool } from 'pg';

export class Store {
  private pool?: Pool = new Pool();

  async close() {
    await this.pool?.end();
    this.pool = undefined;
  }
}
`,
    },
    {
      name: 'guard: cleared field checked first',
      code: `import { Pool } from 'pg';

export class Store {
  private pool: Pool | undefined;

  start() {
    this.pool = new Pool();
  }

  async stop() {
    if (!this.pool) return;
    const pool = this.pool;
    this.pool = undefined;
    await pool.end();
  }
}
`,
    },
    {
      name: 'guard: release inside an if on state the method clears',
      code: `import http from 'node:http';

export class HttpServer {
  private server: http.Server | null = http.createServer();

  stop() {
    if (this.server) {
      this.server.close();
      this.server = null;
    }
  }
}
`,
    },
    {
      name: 'guard: memoized close promise',
      code: `import { Pool } from 'pg';

export class Db {
  private pool = new Pool();
  private closing?: Promise<void>;

  close(): Promise<void> {
    return (this.closing ??= this.pool.end());
  }
}
`,
    },
    {
      name: 'once: method is a property wrapped in once()',
      code: `import { Pool } from 'pg';
import { once } from './stability-runtime';

export class Db {
  private pool = new Pool();
  close = once(async () => {
    await this.pool.end();
  });
}
`,
      files: { 'src/stability-runtime.ts': 'export function once<T extends (...a: any[]) => any>(fn: T): T { return fn; }\n' },
    },
    {
      name: 'once: method rebound through once() in the constructor (CommonJS)',
      filename: 'src/server.js',
      code: `const http = require('http');
const once = require('lodash.once');

class Server {
  constructor() {
    this.server = http.createServer();
    this.close = once(this.close.bind(this));
  }

  close() {
    this.server.close();
  }
}

module.exports = { Server };
`,
    },
    {
      name: 'idempotent release: clearInterval (knowledge: releaseIdempotent)',
      code: `export class Poller {
  private timer = setInterval(() => this.poll(), 1000);

  poll() {}

  stop() {
    clearInterval(this.timer);
  }
}
`,
    },
    {
      name: 'idempotent release: ioredis disconnect and worker terminate',
      code: `import Redis from 'ioredis';
import { Worker } from 'node:worker_threads';

export class Jobs {
  private redis = new Redis();
  private worker = new Worker('./job.js');

  async shutdown() {
    this.redis.disconnect();
    await this.worker.terminate();
  }
}
`,
    },
    {
      name: 'not a close-like method: releasing in a restart helper',
      code: `import { Pool } from 'pg';

export class Db {
  private pool = new Pool();

  async recycle() {
    await this.pool.end();
    this.pool = new Pool();
  }
}
`,
    },
    {
      name: 'unknown member (express app.listen): nothing known about its close',
      code: `import express from 'express';

export class Api {
  private server = express().listen(3000);

  close() {
    this.server.close();
  }
}
`,
    },
    {
      name: 'a plain function rebinds this: not the class member',
      code: `import { Pool } from 'pg';

export class Db {
  private pool = new Pool();

  close() {
    return function (this: { pool: { end(): void } }) {
      this.pool.end();
    };
  }
}
`,
    },
    {
      name: 'catch + finally: idempotent clearInterval twice',
      code: `export async function poll(work: () => Promise<void>) {
  const timer = setInterval(() => undefined, 1000);
  try {
    await work();
  } catch (err) {
    clearInterval(timer);
    throw err;
  } finally {
    clearInterval(timer);
  }
}
`,
    },
    {
      name: 'catch + finally: the finally release is guarded by a flag',
      code: `import { Pool } from 'pg';

const pool = new Pool({ connectionTimeoutMillis: 2000 });

export async function transfer(sql: string) {
  const client = await pool.connect();
  let released = false;
  try {
    await client.query(sql);
  } catch (err) {
    client.release(err as Error);
    released = true;
    throw err;
  } finally {
    if (!released) client.release();
  }
}
`,
    },
    {
      name: 'catch + finally: released in finally only',
      code: `import { pool } from './db';

export async function findUser(id: string) {
  const client = await pool.connect();
  try {
    return await client.query('select * from users where id = $1', [id]);
  } catch (err) {
    console.error('query failed', err);
    throw err;
  } finally {
    client.release();
  }
}
`,
      files: { 'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionTimeoutMillis: 2000 });\n" },
    },
    {
      name: 'catch + finally: release in a callback in catch does not run on that path',
      code: `import { pool } from './db';

export async function run(sql: string) {
  const client = await pool.connect();
  try {
    await client.query(sql);
  } catch (err) {
    process.once('exit', () => client.release());
    throw err;
  } finally {
    client.release();
  }
}
`,
      files: { 'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionTimeoutMillis: 2000 });\n" },
    },
    {
      name: 'catch + finally: different bindings',
      code: `import { pool } from './db';

export async function copy() {
  const source = await pool.connect();
  const target = await pool.connect();
  try {
    await target.query('insert into t select 1');
  } catch (err) {
    source.release();
    throw err;
  } finally {
    target.release();
  }
}
`,
      files: { 'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionTimeoutMillis: 2000 });\n" },
    },
    {
      name: 'catch + finally: an unknown object is not presumed to be a resource',
      code: `export async function write(stream: { destroy(): void; write(s: string): void }) {
  try {
    stream.write('x');
  } catch (err) {
    stream.destroy();
    throw err;
  } finally {
    stream.destroy();
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'pg Pool ended in close() with no guard: adds a #closed guard',
      code: `import { Pool } from 'pg';

export class Database {
  private readonly pool = new Pool({ connectionTimeoutMillis: 5000 });

  async query(sql: string) {
    return this.pool.query(sql);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
`,
      errors: [{ messageId: 'unguardedClose', message: poolEndMessage('this.pool.end()', 'close()'), line: 11, column: 11, endLine: 11, endColumn: 26, severity: 'warn' }],
      output: `import { Pool } from 'pg';

export class Database {
  #closed = false;
  private readonly pool = new Pool({ connectionTimeoutMillis: 5000 });

  async query(sql: string) {
    return this.pool.query(sql);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.pool.end();
  }
}
`,
    },
    {
      name: 'pool assigned in the constructor, non-async close returning the promise',
      code: `import pg from 'pg';

export class UserRepository {
  private pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 3000 });
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
`,
      errors: [{ messageId: 'unguardedClose', line: 11, column: 12, endColumn: 27, severity: 'warn' }],
      output: `import pg from 'pg';

export class UserRepository {
  #closed = false;
  private pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 3000 });
  }

  end(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    return this.pool.end();
  }
}
`,
    },
    {
      name: 'a closed flag that is checked but never set is no guard: the fix sets it',
      code: `import { Pool } from 'pg';

export class Db {
  private pool = new Pool();
  private closed = false;

  async close() {
    if (this.closed) return;
    await this.pool.end();
  }
}
`,
      errors: [{ messageId: 'unguardedClose', line: 9, column: 11, severity: 'warn' }],
      output: `import { Pool } from 'pg';

export class Db {
  private pool = new Pool();
  private closed = false;

  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
`,
    },
    {
      name: 'net server closed in stop(), server created in start(), JS with an existing boolean stopped flag',
      filename: 'src/tcp.js',
      code: `import net from 'node:net';

export class TcpServer {
  constructor() {
    this.stopped = false;
  }

  start(port) {
    this.server = net.createServer((socket) => socket.end('hi\\n'));
    this.server.listen(port);
  }

  stop() {
    this.server.close();
  }
}
`,
      errors: [{ messageId: 'unguardedClose', data: { call: 'this.server.close()', library: 'net.createServer().close()', method: 'stop()' }, line: 14, column: 5, severity: 'warn' }],
      output: `import net from 'node:net';

export class TcpServer {
  constructor() {
    this.stopped = false;
  }

  start(port) {
    this.server = net.createServer((socket) => socket.end('hi\\n'));
    this.server.listen(port);
  }

  stop() {
    if (this.stopped) return;
    this.stopped = true;
    this.server.close();
  }
}
`,
    },
    {
      name: '[Symbol.asyncDispose] with no semicolons and an injected pool',
      code: `import { Pool } from 'pg'

export class Sessions {
  constructor(private readonly pool: Pool) {}

  async [Symbol.asyncDispose]() {
    await this.pool.end()
  }
}
`,
      errors: [{ messageId: 'unguardedClose', line: 7, column: 11, severity: 'warn' }],
      output: `import { Pool } from 'pg'

export class Sessions {
  #closed = false
  constructor(private readonly pool: Pool) {}

  async [Symbol.asyncDispose]() {
    if (this.#closed) return
    this.#closed = true
    await this.pool.end()
  }
}
`,
    },
    {
      name: 'no-semicolon class whose first member is computed: the field keeps its semicolon',
      code: `import { Pool } from 'pg'

export class Sessions {
  [Symbol.toStringTag] = 'Sessions'
  pool = new Pool()

  async shutdown() {
    await this.pool.end()
  }
}
`,
      errors: [{ messageId: 'unguardedClose', line: 8, column: 11, severity: 'warn' }],
      output: `import { Pool } from 'pg'

export class Sessions {
  #closed = false;
  [Symbol.toStringTag] = 'Sessions'
  pool = new Pool()

  async shutdown() {
    if (this.#closed) return
    this.#closed = true
    await this.pool.end()
  }
}
`,
    },
    {
      // Regression: the closed field was inserted as `#closed = false pool = …`, which does not parse.
      name: 'no-semicolon class whose body starts on the `{` line with `pool = new Pool(...)`: the field ends with `;`',
      code: `import { Pool } from 'pg'

export class Sessions { pool = new Pool({ max: 4 })
  async shutdown() {
    await this.pool.end()
  }
}
`,
      errors: [{ messageId: 'unguardedClose', line: 5, column: 11, severity: 'warn' }],
      output: `import { Pool } from 'pg'

export class Sessions { #closed = false; pool = new Pool({ max: 4 })
  async shutdown() {
    if (this.#closed) return
    this.#closed = true
    await this.pool.end()
  }
}
`,
    },
    {
      name: 'two non-idempotent releases in one method (mysql2 pool and http server), tab indentation',
      code: `import mysql from 'mysql2/promise';
import http from 'node:http';

export class App {
	private db = mysql.createPool({ uri: 'mysql://localhost/app' });
	private server = http.createServer();

	async stop() {
		this.server.close();
		await this.db.end();
	}
}
`,
      errors: [
        { messageId: 'unguardedClose', data: { call: 'this.server.close()', library: 'http.createServer().close()', method: 'stop()' }, line: 9, column: 3, severity: 'warn' },
        { messageId: 'unguardedClose', data: { call: 'this.db.end()', library: 'mysql2/promise.createPool().end()', method: 'stop()' }, line: 10, column: 9, severity: 'warn' },
      ],
      output: `import mysql from 'mysql2/promise';
import http from 'node:http';

export class App {
	#closed = false;
	private db = mysql.createPool({ uri: 'mysql://localhost/app' });
	private server = http.createServer();

	async stop() {
		if (this.#closed) return;
		this.#closed = true;
		this.server.close();
		await this.db.end();
	}
}
`,
    },
    {
      name: 'close and dispose both release: one shared flag',
      code: `import { Pool } from 'pg';

export class Pg {
  private pool = new Pool();

  async close() {
    await this.pool.end();
  }

  async [Symbol.asyncDispose]() {
    await this.pool.end();
  }
}
`,
      errors: [
        { messageId: 'unguardedClose', line: 7, column: 11, severity: 'warn' },
        { messageId: 'unguardedClose', line: 11, column: 11, severity: 'warn' },
      ],
      output: `import { Pool } from 'pg';

export class Pg {
  #closed = false;
  private pool = new Pool();

  async close() {
    if (this.#closed) return;
    this.#closed = true;
    await this.pool.end();
  }

  async [Symbol.asyncDispose]() {
    if (this.#closed) return;
    this.#closed = true;
    await this.pool.end();
  }
}
`,
    },
    {
      name: 'a check on a flag set only elsewhere is no guard; static members',
      code: `import { Pool } from 'pg';

export class Registry {
  static pool = new Pool();
  static stopping = false;

  static beginShutdown() {
    Registry.stopping = true;
  }

  static async disconnect() {
    if (this.stopping) {
      await this.pool.end();
    }
  }
}
`,
      errors: [{ messageId: 'unguardedClose', line: 13, column: 13, severity: 'warn' }],
      output: `import { Pool } from 'pg';

export class Registry {
  static #closed = false;
  static pool = new Pool();
  static stopping = false;

  static beginShutdown() {
    Registry.stopping = true;
  }

  static async disconnect() {
    if (this.#closed) return;
    this.#closed = true;
    if (this.stopping) {
      await this.pool.end();
    }
  }
}
`,
    },
    {
      name: 'an existing #closed field that other code sets is not reused; the new flag gets a free name',
      code: `import { Pool } from 'pg';

export class Db {
  #closed = false;
  private pool = new Pool();

  markClosed() {
    this.#closed = true;
  }

  async close() {
    await this.pool.end();
  }
}
`,
      errors: [{ messageId: 'unguardedClose', line: 12, column: 11, severity: 'warn' }],
      output: `import { Pool } from 'pg';

export class Db {
  #closeCalled = false;
  #closed = false;
  private pool = new Pool();

  markClosed() {
    this.#closed = true;
  }

  async close() {
    if (this.#closeCalled) return;
    this.#closeCalled = true;
    await this.pool.end();
  }
}
`,
    },
    {
      name: 'one-line method and class',
      code: `import { Pool } from 'pg';
export class Tiny { pool = new Pool(); async close() { await this.pool.end(); } }
`,
      errors: [{ messageId: 'unguardedClose', line: 2, column: 62, severity: 'warn' }],
      output: `import { Pool } from 'pg';
export class Tiny { #closed = false; pool = new Pool(); async close() { if (this.#closed) return; this.#closed = true; await this.pool.end(); } }
`,
    },
    {
      name: 'a method whose return type does not allow an early return: reported, no fix',
      code: `import { Pool } from 'pg';

export class Db {
  private pool = new Pool();

  close(): Promise<number> {
    return this.pool.end().then(() => 1);
  }
}
`,
      errors: [{ messageId: 'unguardedClose', line: 7, column: 12, endColumn: 27, severity: 'warn' }],
      output: null,
    },
    {
      name: 'catch + finally: checkout from a pool imported from another module, released twice',
      code: `import { pool } from './db';

export async function transfer(from: string, to: string, amount: number) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('update accounts set balance = balance - $1 where id = $2', [amount, from]);
    await client.query('update accounts set balance = balance + $1 where id = $2', [amount, to]);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    client.release();
    throw err;
  } finally {
    client.release();
  }
}
`,
      files: { 'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionTimeoutMillis: 2000 });\n" },
      errors: [{
        messageId: 'releasedTwice',
        message: '`client.release()` in `finally` runs after `client` was already released in the `catch` block, so on that path it is released twice: the second release throws (and replaces the original error) or returns one connection to its pool twice, handing it to two callers at once. Release it in `finally` only.',
        line: 15, column: 5, endLine: 15, endColumn: 21, severity: 'error',
      }],
      output: `import { pool } from './db';

export async function transfer(from: string, to: string, amount: number) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('update accounts set balance = balance - $1 where id = $2', [amount, from]);
    await client.query('update accounts set balance = balance + $1 where id = $2', [amount, to]);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
}
`,
    },
    {
      name: 'catch + finally: pg release(err) in catch differs from finally: a suggestion, not a fix',
      code: `import { Pool } from 'pg';

const pool = new Pool({ connectionTimeoutMillis: 2000 });

export async function save(sql: string) {
  const client = await pool.connect();
  try {
    await client.query(sql);
  } catch (err) {
    client.release(err as Error);
    throw err;
  } finally {
    client.release();
  }
}
`,
      errors: [{
        messageId: 'releasedTwice', line: 13, column: 5, severity: 'error',
        suggestions: [{
          title: 'Remove the release of `client` from the catch block (finally releases it)',
          output: `import { Pool } from 'pg';

const pool = new Pool({ connectionTimeoutMillis: 2000 });

export async function save(sql: string) {
  const client = await pool.connect();
  try {
    await client.query(sql);
  } catch (err) {
    throw err;
  } finally {
    client.release();
  }
}
`,
        }],
      }],
      output: null,
    },
    {
      name: 'try + finally: a local pg Client ended in try and again in finally (CommonJS)',
      filename: 'src/migrate.js',
      code: `const { Client } = require('pg');

async function migrate(url) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query('select 1');
    await client.end();
  } finally {
    await client.end();
  }
}

module.exports = { migrate };
`,
      errors: [{ messageId: 'releasedTwice', data: { call: 'client.end()', target: 'client', where: 'try' }, line: 10, column: 11, severity: 'error' }],
      output: `const { Client } = require('pg');

async function migrate(url) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query('select 1');
  } finally {
    await client.end();
  }
}

module.exports = { migrate };
`,
    },
    {
      name: 'catch + finally: mysql2 getConnection from a member pool, released in catch inside an if',
      code: `import mysql from 'mysql2/promise';

export class Orders {
  private pool = mysql.createPool({ uri: 'mysql://localhost/shop' });

  async place(id: string) {
    const conn = await this.pool.getConnection();
    try {
      await conn.query('insert into orders (id) values (?)', [id]);
    } catch (err) {
      if ((err as { code?: string }).code === 'ER_DUP_ENTRY') conn.release();
      throw err;
    } finally {
      conn.release();
    }
  }
}
`,
      errors: [{ messageId: 'releasedTwice', line: 14, column: 7, severity: 'error' }],
      output: null,
    },
  ],
});
