import rule from '../../rules/double-close';
import { runRuleTests } from '../rule-tester';

const poolEndMessage = (call: string, method: string) =>
  `\`${method}\` has no guard, and a second \`${call}\` rejects: return early once closed.\n` +
  `Callers can call \`${method}\` twice (an application's SIGTERM then SIGINT handlers, or a shutdown hook and a test's teardown), ` +
  `and a second pg Pool.end() rejects the promise \`${method}\` returns, which a caller that does not expect a failed close leaves unhandled. Return early once closed ` +
  '(`if (this.#closed) return; this.#closed = true;`) or wrap the method in `once`.';

/** orientjs's BasePool (check 62): generic-pool 3.x `drain()` then `clear()`, both safe to repeat. */
const ORIENTJS_POOL = `let genericPool = require("generic-pool");
const EventEmitter = require("events");
class BasePool extends EventEmitter {
  constructor(config) {
    super();
    this.pool = genericPool.createPool(config, {});
  }
  close() {
    return this.pool.drain().then(() => {
      return this.pool.clear();
    });
  }
}
module.exports = BasePool;
`;

/** celery-node's RedisBroker (check 60): a public disconnect() hands quit()'s promise to its caller. */
const CELERY_REDIS_BROKER = `const Redis = require("ioredis");
class RedisBroker {
  constructor(url, opts) {
    this.redis = new Redis(url, Object.assign({}, opts));
    this.channels = [];
  }
  disconnect() {
    this.closing = true;
    return Promise.all(this.channels).then(() => this.redis.quit());
  }
}
exports.default = RedisBroker;
`;

/** snmp-native's Session (check 37): a UDP socket held through `var self = this` in a constructor function. */
const SNMP_SESSION = `var dgram = require('dgram');
function Session(options) {
  var self = this;
  self.reqs = {};
  self.socket = dgram.createSocket('udp4');
  self.socket.on('close', function () {
    self.socket = undefined;
  });
}
Session.prototype.close = function () {
  for (var reqid in this.reqs) delete this.reqs[reqid];
  this.socket.close();
};
exports.Session = Session;
`;

/** magic-home's Discovery.scan (check 50): the 'error' listener closes the UDP socket, then the timer closes it again. */
const MAGIC_HOME_SCAN = `const dgram = require('dgram');
class Discovery {
  scan(timeout = 500) {
    return new Promise((resolve, reject) => {
      const socket = dgram.createSocket('udp4');
      socket.on('error', (err) => {
        socket.close();
        reject(err);
      });
      socket.on('listening', () => socket.send('HF-A11ASSISTHREAD', 48899, '255.255.255.255'));
      socket.bind(48899);
      setTimeout(() => {
        socket.close();
        resolve([]);
      }, timeout);
    });
  }
}
module.exports = Discovery;
`;

/** redis-smq-common's IoredisClient (check 54): shutdown() runs only while the flag the client's 'end' event sets says open. */
const IOREDIS_CLIENT = `const { Redis } = require('ioredis');
class IoredisClient {
  constructor(config = {}) {
    this.client = new Redis(config);
    this.client.once('ready', () => {
      this.connectionClosed = false;
    });
    this.client.once('end', () => {
      this.connectionClosed = true;
    });
  }
  shutdown(cb = () => void 0) {
    if (!this.connectionClosed) {
      this.client.once('end', cb);
      this.client.quit();
    }
    else
      cb();
  }
}
module.exports = IoredisClient;
`;

/** node-osc's Client (check 54): close(cb) passes through to the dgram socket in a callback branch and a promise branch. */
const NODE_OSC_CLIENT = `import { createSocket } from 'node:dgram';
class Client {
  constructor(host, port) {
    this._sock = createSocket({ type: 'udp4', reuseAddr: true });
  }
  close(cb) {
    if (cb) {
      this._sock.close(cb);
    } else {
      return new Promise((resolve, reject) => {
        this._sock.close((err) => {
          if (err) reject(err);
          else resolve();
        });
      });
    }
  }
}
export default Client;
`;

runRuleTests(rule, {
  valid: [
    {
      name: "a UDP socket's 'error' listener that clears the timer before closing it (magic-home, check 50)",
      filename: 'lib/Discovery.js',
      code: MAGIC_HOME_SCAN.replace('const socket =', 'let timer;\n      const socket =').replace("(err) => {\n        socket.close();", "(err) => {\n        clearTimeout(timer);\n        socket.close();").replace('setTimeout(', 'timer = setTimeout('),
    },
    {
      name: "a timer that closes the UDP socket only while it is still open (magic-home, check 50)",
      filename: 'lib/Discovery.js',
      code: MAGIC_HOME_SCAN.replace('const socket =', 'let closed = false;\n      const socket =').replace("(err) => {\n        socket.close();", "(err) => {\n        closed = true;\n        socket.close();").replace("setTimeout(() => {\n        socket.close();", "setTimeout(() => {\n        if (!closed) socket.close();"),
    },
    {
      name: 'a close() whose early exit on the cleared socket sits in the new Promise executor it returns (zkteco-js, check 47)',
      filename: 'src/zudp.js',
      code: "const dgram = require('dgram');\nclass ZUDP {\n  async createSocket() {\n    this.socket = dgram.createSocket('udp4');\n    this.socket.once('close', () => { this.socket = null; });\n  }\n  closeSocket() {\n    return new Promise((resolve, reject) => {\n      if (!this.socket) {\n        resolve(true);\n        return;\n      }\n      this.socket.removeAllListeners('message');\n      this.socket.close((err) => {\n        if (err) reject(err);\n        else resolve(true);\n        this.socket = null;\n      });\n    });\n  }\n}\nmodule.exports = ZUDP;\n",
    },
    {
      name: "an internal socket class's unguarded close, called once per one-shot query object that closes and leaves on every path (steam-server-query, check 43)",
      filename: 'lib/promiseSocket.js',
      code: "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.PromiseSocket = void 0;\nconst dgram_1 = require(\"dgram\");\nclass PromiseSocket {\n    constructor(_attempts, _timeout) {\n        this._attempts = _attempts;\n        this._timeout = _timeout;\n        this._socket = (0, dgram_1.createSocket)('udp4');\n    }\n    async send(buffer, host, port) {\n        return new Promise((resolve, reject) => this._socket.send(buffer, port, host, (err) => err ? reject(err) : resolve(buffer)));\n    }\n    closeSocket() {\n        this._socket.close();\n    }\n}\nexports.PromiseSocket = PromiseSocket;\n",
      files: { 'package.json': "{ \"name\": \"steam-server-query\", \"main\": \"lib/index.js\" }", 'lib/index.js': "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nvar gameServer_1 = require(\"./gameServer/gameServer\");\nObject.defineProperty(exports, \"queryGameServerInfo\", { enumerable: true, get: function () { return gameServer_1.queryGameServerInfo; } });\n", 'lib/gameServer/gameServer.js': "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.queryGameServerInfo = void 0;\nconst promiseSocket_1 = require(\"../promiseSocket\");\nasync function queryGameServerInfo(gameServer, attempts = 1, timeout = 1000) {\n    const [host, port] = gameServer.split(':');\n    const gameServerQuery = new GameServerQuery(host, parseInt(port), attempts, timeout);\n    const result = await gameServerQuery.info();\n    return result;\n}\nexports.queryGameServerInfo = queryGameServerInfo;\nclass GameServerQuery {\n    constructor(_host, _port, attempts, timeout) {\n        this._host = _host;\n        this._port = _port;\n        this._promiseSocket = new promiseSocket_1.PromiseSocket(attempts, timeout);\n    }\n    async info() {\n        let resultBuffer;\n        do {\n            try {\n                resultBuffer = await this._promiseSocket.send(Buffer.from([0x54]), this._host, this._port);\n            }\n            catch (err) {\n                this._promiseSocket.closeSocket();\n                throw new Error(err);\n            }\n        } while (resultBuffer[4] === 0x41);\n        this._promiseSocket.closeSocket();\n        const parsed = resultBuffer.slice(5);\n        return parsed;\n    }\n    async rules() {\n        const buf = await this._promiseSocket.send(Buffer.from([0x56]), this._host, this._port);\n        this._promiseSocket.closeSocket();\n        return buf;\n    }\n}\n" },
    },
    {
      name: "a second quit() of a node_redis v2 client (the package asks for redis 2.8.0): v2 and v3 answer a quit on a closed client with 'OK' (headless-chrome-crawler)",
      filename: 'cache/redis.js',
      code: "const redis = require('redis');\nclass RedisCache {\n  init() {\n    this.client = redis.createClient();\n  }\n  close() {\n    this.client.quit();\n  }\n}\nprocess.on('SIGINT', () => cache.close());\nprocess.on('SIGTERM', () => cache.close());\nconst cache = new RedisCache();\nmodule.exports = cache;\n",
      files: { 'package.json': "{ \"name\": \"c\", \"main\": \"cache/redis.js\", \"peerDependencies\": { \"redis\": \"2.8.0\" } }" },
    },
    {
      name: "a module the package's entry imports and uses but does not export: its close is the entry's to call (webtorrent's ConnPool)",
      filename: 'lib/http.js',
      code: `const http = require('http');
function HTTP(opts, done) {
  this.server = http.createServer((req, res) => res.end('ok'));
  this.server.listen(opts.port, done);
}
HTTP.prototype.close = function (done) {
  this.server.close(done);
};
module.exports = HTTP;
`,
      files: {
        'package.json': '{ "name": "bridge", "main": "index.js" }\n',
        'index.js': "const HTTP = require('./lib/http');\nclass Client {\n  constructor() { this.http = new HTTP({ port: 0 }); }\n  destroy(cb) {\n    if (this.destroyed) throw new Error('destroyed');\n    this.destroyed = true;\n    this.http.close(cb);\n  }\n}\nmodule.exports = Client;\n",
      },
    },
    {
      name: "a library class's close that only rejects its own promise a second time, where the project drops the rejection of another class's close() (`this.broker.close()` on a `new Broker()`): nothing drops this one's (matrix-appservice-bridge)",
      filename: 'src/media-proxy.ts',
      code: `import express from 'express';
import type { Server } from 'node:http';
export class MediaProxy {
  private server?: Server;
  start(port: number): Promise<void> {
    const app = express();
    return new Promise((res) => {
      this.server = app.listen(port, () => res());
    });
  }
  close(): Promise<void> {
    return new Promise((res, rej) => this.server?.close((e) => (e ? rej(e) : res())));
  }
}
`,
      files: { 'src/bridge.ts': `import { MediaProxy } from './media-proxy';
class Broker {
  async close(): Promise<void> {}
}
export class Bridge {
  private broker = new Broker();
  proxy = new MediaProxy();
  stop() {
    this.broker.close();
  }
}
` },
    },
    {
      name: "an internal module's close hands its caller's callback to server.close (`close(done) { this.server.close(done) }`): only the package's own code calls it, as Node's own close would report (ponte's HTTP service)",
      filename: 'lib/http.js',
      code: `const http = require('http');
function HTTP(opts, done) {
  this.server = http.createServer((req, res) => res.end('ok'));
  this.server.listen(opts.port, done);
}
HTTP.prototype.close = function (done) {
  this.server.close(done);
};
module.exports = HTTP;
`,
      files: {
        'package.json': '{ "name": "bridge", "main": "lib/bridge.js" }\n',
        'lib/bridge.js': "const async = require('async');\nconst services = require('./services');\nfunction Bridge() {}\nBridge.prototype.close = function (done) {\n  async.eachSeries(services, (s, cb) => s.instance.close(cb), done);\n};\nmodule.exports = Bridge;\n",
        'lib/services.js': "const HTTP = require('./http');\nmodule.exports = [{ name: 'http', factory: HTTP }];\n",
      },
    },
    {
      name: 'a close whose second call only rejects the promise it returns, and no call in the project drops it (a library method): the caller gets the error',
      code: "import { createServer } from 'node:net';\nexport class Reporter {\n  private server = createServer();\n  stop(): Promise<void> {\n    return new Promise((resolve, reject) => {\n      this.server.close((err) => {\n        if (err) reject(err);\n        resolve();\n      });\n    });\n  }\n}\n",
    },
    {
      name: 'a release in a try whose catch swallows the error, in a handler for several shutdown events: a second run cannot throw',
      filename: 'lib/workers.js',
      code: "const { fork } = require('child_process');\nclass Workers {\n  spawn(file) {\n    const child = fork(file);\n    const onExit = () => {\n      if (!child.killed || child.connected) {\n        try {\n          child.disconnect();\n        } catch (err) {\n          // the child may be gone already: nothing left to disconnect\n        }\n      }\n    };\n    process.on('exit', onExit);\n    process.on('SIGINT', onExit);\n    process.on('SIGTERM', onExit);\n    return child;\n  }\n}\nmodule.exports = { Workers };\n",
    },
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
    // ---- Classes judged on real code (ecosystem, real-bug after-sides): a second run that fails nowhere. ----
    {
      name: 'a second server.close(cb) only hands ERR_SERVER_NOT_RUNNING to a callback that logs (node-media-server)',
      filename: 'src/http_server.js',
      code: "const http = require('http');\nclass NodeHttpServer {\n  run() {\n    this.httpServer = http.createServer();\n    this.httpServer.listen(8000);\n  }\n  stop() {\n    this.httpServer?.close(() => {\n      console.info('HTTP server stopped');\n    });\n  }\n}\nmodule.exports = NodeHttpServer;\n",
    },
    {
      name: 'a callback that resolves and ignores the error (deepstream: close(() => resolve()))',
      code: "import { createServer, type Server } from 'node:net';\nexport class Endpoint {\n  private server: Server = createServer();\n  async close(): Promise<void> {\n    return new Promise((resolve) => this.server.close(() => resolve()));\n  }\n}\n",
    },
    {
      name: 'the second close rejects the promise stop() returns, and every caller catches it or passes it on (moleculer)',
      filename: 'src/metrics/reporters/prometheus.js',
      code: "const http = require('http');\nclass PrometheusReporter {\n  init() {\n    this.server = http.createServer();\n    this.server.listen(3030);\n  }\n  stop() {\n    return new Promise((resolve, reject) => {\n      this.server.close((err) => {\n        if (err) reject(err);\n        resolve();\n      });\n    });\n  }\n}\nmodule.exports = PrometheusReporter;\n",
      files: {
        'src/metrics/registry.js': "class MetricRegistry {\n  stop() {\n    return Promise.all(this.reporters.map((r) => r.stop()));\n  }\n}\nmodule.exports = MetricRegistry;\n",
        'src/service-broker.js': "class ServiceBroker {\n  constructor() {\n    const closeFn = () => this.stop().catch((err) => console.error(err)).then(() => process.exit(0));\n    process.on('SIGINT', closeFn);\n    process.on('SIGTERM', closeFn);\n  }\n  stop() {\n    return Promise.resolve()\n      .then(() => this.metrics.stop())\n      .catch((err) => console.error(err));\n  }\n}\nmodule.exports = ServiceBroker;\n",
      },
    },
    {
      name: 'server.close() with no callback: a second call reports nothing',
      code: "import http from 'node:http';\nexport class Api {\n  private server = http.createServer();\n  stop() {\n    this.server.close();\n  }\n}\n",
    },
    {
      name: 'guard: the server says it is no longer listening (mockyeah after the fix)',
      filename: 'app/index.js',
      code: "const http = require('http');\nclass MockServer {\n  constructor(app) {\n    this.server = http.createServer(app);\n    this.server.listen(4001);\n  }\n  close(done) {\n    if (!this.server.listening) {\n      if (done) done();\n      return;\n    }\n    this.server.close(done);\n  }\n}\nmodule.exports = MockServer;\n",
    },
    {
      name: 'a second pool.end() whose rejection is caught',
      code: "import { Pool } from 'pg';\nexport class Db {\n  private pool = new Pool();\n  close() {\n    this.pool.end().catch((err) => console.error('pool end failed', err));\n  }\n}\n",
    },
    {
      name: 'a repeated handler behind a module flag it sets (pg unhandledRejection, after the fix)',
      filename: 'src/index.js',
      code: "const { pool } = require('./db');\nlet endedPool = false;\nprocess.on('unhandledRejection', (error) => {\n  console.error(error);\n  if (!endedPool) {\n    endedPool = true;\n    pool.end();\n  }\n});\n",
      files: { 'src/db.js': "const { Pool } = require('pg');\nconst pool = new Pool({ connectionTimeoutMillis: 10000 });\nmodule.exports = { pool };\n" },
    },
    {
      name: 'a helper checks its parameter, and the caller clears the field it passes (ioredis, after the fix)',
      filename: 'src/cellar.js',
      code: "const Redis = require('ioredis');\nclass Cellar {\n  constructor(url) {\n    this.redis = new Redis(url);\n  }\n  start() {\n    process.on('SIGINT', () => {\n      this.stop();\n      setTimeout(() => process.exit(0), 1000);\n    });\n  }\n  stop() {\n    const redis = this.redis;\n    this.redis = null;\n    this.closeRedisSafely(redis);\n  }\n  closeRedisSafely(client) {\n    if (client) client.quit();\n  }\n}\nmodule.exports = { Cellar };\n",
    },
    {
      name: 'a signal handler that exits at once cannot run again',
      filename: 'src/main.js',
      code: "const { Pool } = require('pg');\nconst pool = new Pool();\nprocess.on('SIGINT', () => {\n  pool.end();\n  process.exit(0);\n});\n",
    },
    {
      name: 'a single process.once registration runs once',
      filename: 'src/main.js',
      code: "const { Pool } = require('pg');\nconst pool = new Pool();\nprocess.once('SIGTERM', async () => {\n  await pool.end();\n});\n",
    },
    {
      name: 'the snmp-native session when close() returns early once closed',
      filename: 'lib/snmp.js',
      code: SNMP_SESSION.replace('Session.prototype.close = function () {\n', 'Session.prototype.close = function () {\n  if (this.closed) return;\n  this.closed = true;\n'),
    },
    {
      name: 'the same session holding a net socket through `self`: end() is safe to repeat',
      filename: 'lib/snmp.js',
      code: SNMP_SESSION.replace("var dgram = require('dgram');", "var net = require('net');").replace("dgram.createSocket('udp4')", 'net.connect(161)').replace('this.socket.close()', 'this.socket.end()'),
    },
    {
      name: "a `self` that is not this function's `this` (another object's alias): its socket is not a member",
      filename: 'lib/snmp.js',
      code: SNMP_SESSION.replace('  var self = this;\n', '').replace('function Session(options) {', 'var self = {};\nfunction Session(options) {'),
    },
    {
      name: "an exported shutdown handler another module registers, guarded by a module flag (kraken, after the fix)",
      filename: 'lib/events.js',
      code: "var closing = false;\nexports.shutdown = function onshutdown(server, timeout) {\n  if (closing) {\n    return;\n  }\n  closing = true;\n  var stop = function (code) {\n    process.exit(code || 0);\n  };\n  server.close(stop);\n};\n",
      files: { 'index.js': "var http = require('http');\nvar events = require('./lib/events');\nvar app = new (require('events'))();\nvar server = http.createServer();\napp.on('shutdown', events.shutdown);\nprocess.on('SIGTERM', () => app.emit('shutdown', server, 1000));\nprocess.on('SIGINT', () => app.emit('shutdown', server, 1000));\n" },
    },
    {
      name: "a shutdown() guarded by a flag the client's own 'end' event sets (redis-smq-common, check 54)",
      filename: 'index.js',
      code: IOREDIS_CLIENT,
    },
    {
      name: 'a generic-pool 3.x pool drained then cleared: both resolve when repeated (orientjs, check 62)',
      filename: 'lib/client/pool/index.js',
      code: ORIENTJS_POOL,
    },
  ],
  invalid: [
    {
      name: "a public disconnect() returning ioredis quit()'s promise: the message names the caller's second call, not a shutdown path (celery-node, check 60)",
      filename: 'lib/kombu/brokers/redis.js',
      code: CELERY_REDIS_BROKER,
      errors: [{ messageId: 'unguardedClose', data: { call: 'this.redis.quit()', library: 'ioredis quit()', method: 'disconnect()', fails: 'rejects', failsWhy: 'rejects the promise `disconnect()` returns', twice: "Callers can call `disconnect()` twice (an application's SIGTERM then SIGINT handlers, or a shutdown hook and a test's teardown)", during: ', which a caller that does not expect a failed close leaves unhandled' }, line: 9, column: 50 }],
      output: CELERY_REDIS_BROKER.replace('class RedisBroker {\n', 'class RedisBroker {\n  #closed = false;\n').replace('  disconnect() {\n', '  disconnect() {\n    if (this.#closed) return Promise.resolve();\n    this.#closed = true;\n'),
    },
    {
      name: "the same disconnect() dropping quit()'s promise: the rejection reaches no caller",
      filename: 'lib/kombu/brokers/redis.js',
      code: CELERY_REDIS_BROKER.replace('return Promise.all(this.channels).then(() => this.redis.quit());', 'Promise.all(this.channels).then(() => this.redis.quit());'),
      errors: [{ messageId: 'unguardedClose', data: { call: 'this.redis.quit()', library: 'ioredis quit()', method: 'disconnect()', fails: 'rejects', failsWhy: 'rejects, and nothing on this path handles the rejection', twice: 'Shutdown paths call close twice (SIGTERM then SIGINT, or `close()` followed by dispose)', during: ', in the middle of the shutdown' }, line: 9, column: 43 }],
      output: CELERY_REDIS_BROKER.replace('return Promise.all(this.channels).then(() => this.redis.quit());', 'Promise.all(this.channels).then(() => this.redis.quit());').replace('class RedisBroker {\n', 'class RedisBroker {\n  #closed = false;\n').replace('  disconnect() {\n', '  disconnect() {\n    if (this.#closed) return;\n    this.#closed = true;\n'),
    },
    {
      name: 'the same close() ending a pg Pool instead: a second end() rejects',
      filename: 'lib/client/pool/index.js',
      code: ORIENTJS_POOL.replace('let genericPool = require("generic-pool");', 'const { Pool } = require("pg");').replace('genericPool.createPool(config, {})', 'new Pool(config)').replace('this.pool.drain()', 'this.pool.end()'),
      errors: [{ messageId: 'unguardedClose', line: 9, column: 12, severity: 'warn' }],
      output: ORIENTJS_POOL.replace('let genericPool = require("generic-pool");', 'const { Pool } = require("pg");').replace('genericPool.createPool(config, {})', 'new Pool(config)').replace('this.pool.drain()', 'this.pool.end()').replace('class BasePool extends EventEmitter {\n', 'class BasePool extends EventEmitter {\n  #closed = false;\n').replace('  close() {\n', '  close() {\n    if (this.#closed) return Promise.resolve();\n    this.#closed = true;\n'),
    },
    {
      name: "a close(cb) whose callback branch and promise branch both close the socket: one finding for the method (node-osc, check 54)",
      filename: 'lib/Client.mjs',
      code: NODE_OSC_CLIENT,
      errors: [{ messageId: 'unguardedClose', line: 8, column: 7, severity: 'warn' }],
    },
    {
      name: "the flag is set by the client's 'ready' event, not a closing one: shutdown() is not guarded",
      filename: 'index.js',
      code: IOREDIS_CLIENT.replace("    this.client.once('end', () => {\n      this.connectionClosed = true;\n    });\n", ''),
      errors: [{ messageId: 'unguardedClose', line: 12, column: 7, severity: 'warn' }],
      output: IOREDIS_CLIENT.replace("    this.client.once('end', () => {\n      this.connectionClosed = true;\n    });\n", '').replace('class IoredisClient {\n', 'class IoredisClient {\n  #closed = false;\n').replace('  shutdown(cb = () => void 0) {\n', '  shutdown(cb = () => void 0) {\n    if (this.#closed) return;\n    this.#closed = true;\n'),
    },
    {
      name: "the flag is set by another member's 'end' event: it says nothing about this client",
      filename: 'index.js',
      code: IOREDIS_CLIENT.replace("this.client.once('end', () => {\n      this.connectionClosed = true;", "this.sub = new Redis(config);\n    this.sub.once('end', () => {\n      this.connectionClosed = true;"),
      errors: [{ messageId: 'unguardedClose', line: 16, column: 7, severity: 'warn' }],
      output: IOREDIS_CLIENT.replace("this.client.once('end', () => {\n      this.connectionClosed = true;", "this.sub = new Redis(config);\n    this.sub.once('end', () => {\n      this.connectionClosed = true;").replace('class IoredisClient {\n', 'class IoredisClient {\n  #closed = false;\n').replace('  shutdown(cb = () => void 0) {\n', '  shutdown(cb = () => void 0) {\n    if (this.#closed) return;\n    this.#closed = true;\n'),
    },
    {
      name: "a UDP socket closed by its 'error' listener and again by the scan's timer (magic-home, check 50)",
      filename: 'lib/Discovery.js',
      code: MAGIC_HOME_SCAN,
      errors: [{ messageId: 'releasedByListenerAndTimer', data: { call: 'socket.close()', event: 'error', target: 'socket', fails: 'throws', failsWhy: 'throws', library: 'dgram.createSocket().close()' }, line: 13, column: 9, severity: 'warn' }],
    },
    {
      name: "a UDP socket closed by its 'message' listener and again by a timer armed beside it",
      filename: 'lib/probe.js',
      code: MAGIC_HOME_SCAN.replace("socket.on('error', (err) => {\n        socket.close();\n        reject(err);", "socket.on('error', reject);\n      socket.once('message', (msg) => {\n        socket.close();\n        resolve([msg]);"),
      errors: [{ messageId: 'releasedByListenerAndTimer', line: 14, column: 9, severity: 'warn' }],
    },
    {
      name: 'the same executor with no early exit: a second closeSocket() closes the closed socket; the guard returns a settled promise, as the method does',
      filename: 'src/zudp.js',
      code: "const dgram = require('dgram');\nclass ZUDP {\n  async createSocket() {\n    this.socket = dgram.createSocket('udp4');\n    this.socket.once('close', () => { this.socket = null; });\n  }\n  closeSocket() {\n    return new Promise((resolve, reject) => {\n      this.socket.removeAllListeners('message');\n      this.socket.close((err) => {\n        if (err) reject(err);\n        else resolve(true);\n        this.socket = null;\n      });\n    });\n  }\n}\nmodule.exports = ZUDP;\n",
      errors: [{ messageId: 'unguardedClose', line: 10, column: 7, severity: 'warn' }],
      output: "const dgram = require('dgram');\nclass ZUDP {\n  #closed = false;\n  async createSocket() {\n    this.socket = dgram.createSocket('udp4');\n    this.socket.once('close', () => { this.socket = null; });\n  }\n  closeSocket() {\n    if (this.#closed) return Promise.resolve();\n    this.#closed = true;\n    return new Promise((resolve, reject) => {\n      this.socket.removeAllListeners('message');\n      this.socket.close((err) => {\n        if (err) reject(err);\n        else resolve(true);\n        this.socket = null;\n      });\n    });\n  }\n}\nmodule.exports = ZUDP;\n",
    },
    {
      name: "an internal socket class closed by two methods called on one query object: the second close throws",
      filename: 'lib/promiseSocket.js',
      code: "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.PromiseSocket = void 0;\nconst dgram_1 = require(\"dgram\");\nclass PromiseSocket {\n    constructor(_attempts, _timeout) {\n        this._attempts = _attempts;\n        this._timeout = _timeout;\n        this._socket = (0, dgram_1.createSocket)('udp4');\n    }\n    async send(buffer, host, port) {\n        return new Promise((resolve, reject) => this._socket.send(buffer, port, host, (err) => err ? reject(err) : resolve(buffer)));\n    }\n    closeSocket() {\n        this._socket.close();\n    }\n}\nexports.PromiseSocket = PromiseSocket;\n",
      files: { 'package.json': "{ \"name\": \"steam-server-query\", \"main\": \"lib/index.js\" }", 'lib/index.js': "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nvar gameServer_1 = require(\"./gameServer/gameServer\");\nObject.defineProperty(exports, \"queryGameServerInfo\", { enumerable: true, get: function () { return gameServer_1.queryGameServerInfo; } });\n", 'lib/gameServer/gameServer.js': "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.queryGameServerInfo = void 0;\nconst promiseSocket_1 = require(\"../promiseSocket\");\nasync function queryGameServerInfo(gameServer, attempts = 1, timeout = 1000) {\n    const [host, port] = gameServer.split(':');\n    const gameServerQuery = new GameServerQuery(host, parseInt(port), attempts, timeout);\n    const info = await gameServerQuery.info();\n    const rules = await gameServerQuery.rules();\n    return { info, rules };\n}\nexports.queryGameServerInfo = queryGameServerInfo;\nclass GameServerQuery {\n    constructor(_host, _port, attempts, timeout) {\n        this._host = _host;\n        this._port = _port;\n        this._promiseSocket = new promiseSocket_1.PromiseSocket(attempts, timeout);\n    }\n    async info() {\n        let resultBuffer;\n        do {\n            try {\n                resultBuffer = await this._promiseSocket.send(Buffer.from([0x54]), this._host, this._port);\n            }\n            catch (err) {\n                this._promiseSocket.closeSocket();\n                throw new Error(err);\n            }\n        } while (resultBuffer[4] === 0x41);\n        this._promiseSocket.closeSocket();\n        const parsed = resultBuffer.slice(5);\n        return parsed;\n    }\n    async rules() {\n        const buf = await this._promiseSocket.send(Buffer.from([0x56]), this._host, this._port);\n        this._promiseSocket.closeSocket();\n        return buf;\n    }\n}\n" },
      errors: [{ messageId: 'unguardedClose', line: 15, column: 9, severity: 'warn' }],
      output: "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.PromiseSocket = void 0;\nconst dgram_1 = require(\"dgram\");\nclass PromiseSocket {\n    #closed = false;\n    constructor(_attempts, _timeout) {\n        this._attempts = _attempts;\n        this._timeout = _timeout;\n        this._socket = (0, dgram_1.createSocket)('udp4');\n    }\n    async send(buffer, host, port) {\n        return new Promise((resolve, reject) => this._socket.send(buffer, port, host, (err) => err ? reject(err) : resolve(buffer)));\n    }\n    closeSocket() {\n        if (this.#closed) return;\n        this.#closed = true;\n        this._socket.close();\n    }\n}\nexports.PromiseSocket = PromiseSocket;\n",
    },
    {
      name: "an internal socket class whose caller closes in catch and goes on to close again",
      filename: 'lib/promiseSocket.js',
      code: "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.PromiseSocket = void 0;\nconst dgram_1 = require(\"dgram\");\nclass PromiseSocket {\n    constructor(_attempts, _timeout) {\n        this._attempts = _attempts;\n        this._timeout = _timeout;\n        this._socket = (0, dgram_1.createSocket)('udp4');\n    }\n    async send(buffer, host, port) {\n        return new Promise((resolve, reject) => this._socket.send(buffer, port, host, (err) => err ? reject(err) : resolve(buffer)));\n    }\n    closeSocket() {\n        this._socket.close();\n    }\n}\nexports.PromiseSocket = PromiseSocket;\n",
      files: { 'package.json': "{ \"name\": \"steam-server-query\", \"main\": \"lib/index.js\" }", 'lib/index.js': "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nvar gameServer_1 = require(\"./gameServer/gameServer\");\nObject.defineProperty(exports, \"queryGameServerInfo\", { enumerable: true, get: function () { return gameServer_1.queryGameServerInfo; } });\n", 'lib/gameServer/gameServer.js': "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.queryGameServerInfo = void 0;\nconst promiseSocket_1 = require(\"../promiseSocket\");\nasync function queryGameServerInfo(gameServer, attempts = 1, timeout = 1000) {\n    const [host, port] = gameServer.split(':');\n    const gameServerQuery = new GameServerQuery(host, parseInt(port), attempts, timeout);\n    const result = await gameServerQuery.info();\n    return result;\n}\nexports.queryGameServerInfo = queryGameServerInfo;\nclass GameServerQuery {\n    constructor(_host, _port, attempts, timeout) {\n        this._host = _host;\n        this._port = _port;\n        this._promiseSocket = new promiseSocket_1.PromiseSocket(attempts, timeout);\n    }\n    async info() {\n        let resultBuffer;\n        do {\n            try {\n                resultBuffer = await this._promiseSocket.send(Buffer.from([0x54]), this._host, this._port);\n            }\n            catch (err) {\n                this._promiseSocket.closeSocket();\n            }\n        } while (resultBuffer[4] === 0x41);\n        this._promiseSocket.closeSocket();\n        const parsed = resultBuffer.slice(5);\n        return parsed;\n    }\n    async rules() {\n        const buf = await this._promiseSocket.send(Buffer.from([0x56]), this._host, this._port);\n        this._promiseSocket.closeSocket();\n        return buf;\n    }\n}\n" },
      errors: [{ messageId: 'unguardedClose', line: 15, column: 9, severity: 'warn' }],
      output: "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.PromiseSocket = void 0;\nconst dgram_1 = require(\"dgram\");\nclass PromiseSocket {\n    #closed = false;\n    constructor(_attempts, _timeout) {\n        this._attempts = _attempts;\n        this._timeout = _timeout;\n        this._socket = (0, dgram_1.createSocket)('udp4');\n    }\n    async send(buffer, host, port) {\n        return new Promise((resolve, reject) => this._socket.send(buffer, port, host, (err) => err ? reject(err) : resolve(buffer)));\n    }\n    closeSocket() {\n        if (this.#closed) return;\n        this.#closed = true;\n        this._socket.close();\n    }\n}\nexports.PromiseSocket = PromiseSocket;\n",
    },
    {
      name: "an internal socket class whose module the package's entry re-exports: users may close it twice",
      filename: 'lib/promiseSocket.js',
      code: "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.PromiseSocket = void 0;\nconst dgram_1 = require(\"dgram\");\nclass PromiseSocket {\n    constructor(_attempts, _timeout) {\n        this._attempts = _attempts;\n        this._timeout = _timeout;\n        this._socket = (0, dgram_1.createSocket)('udp4');\n    }\n    async send(buffer, host, port) {\n        return new Promise((resolve, reject) => this._socket.send(buffer, port, host, (err) => err ? reject(err) : resolve(buffer)));\n    }\n    closeSocket() {\n        this._socket.close();\n    }\n}\nexports.PromiseSocket = PromiseSocket;\n",
      files: { 'package.json': "{ \"name\": \"steam-server-query\", \"main\": \"lib/index.js\" }", 'lib/index.js': "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nvar gameServer_1 = require(\"./gameServer/gameServer\");\nObject.defineProperty(exports, \"queryGameServerInfo\", { enumerable: true, get: function () { return gameServer_1.queryGameServerInfo; } });\nexports.promiseSocket = require('./promiseSocket');\n", 'lib/gameServer/gameServer.js': "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.queryGameServerInfo = void 0;\nconst promiseSocket_1 = require(\"../promiseSocket\");\nasync function queryGameServerInfo(gameServer, attempts = 1, timeout = 1000) {\n    const [host, port] = gameServer.split(':');\n    const gameServerQuery = new GameServerQuery(host, parseInt(port), attempts, timeout);\n    const result = await gameServerQuery.info();\n    return result;\n}\nexports.queryGameServerInfo = queryGameServerInfo;\nclass GameServerQuery {\n    constructor(_host, _port, attempts, timeout) {\n        this._host = _host;\n        this._port = _port;\n        this._promiseSocket = new promiseSocket_1.PromiseSocket(attempts, timeout);\n    }\n    async info() {\n        let resultBuffer;\n        do {\n            try {\n                resultBuffer = await this._promiseSocket.send(Buffer.from([0x54]), this._host, this._port);\n            }\n            catch (err) {\n                this._promiseSocket.closeSocket();\n                throw new Error(err);\n            }\n        } while (resultBuffer[4] === 0x41);\n        this._promiseSocket.closeSocket();\n        const parsed = resultBuffer.slice(5);\n        return parsed;\n    }\n    async rules() {\n        const buf = await this._promiseSocket.send(Buffer.from([0x56]), this._host, this._port);\n        this._promiseSocket.closeSocket();\n        return buf;\n    }\n}\n" },
      errors: [{ messageId: 'unguardedClose', line: 15, column: 9, severity: 'warn' }],
      output: "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.PromiseSocket = void 0;\nconst dgram_1 = require(\"dgram\");\nclass PromiseSocket {\n    #closed = false;\n    constructor(_attempts, _timeout) {\n        this._attempts = _attempts;\n        this._timeout = _timeout;\n        this._socket = (0, dgram_1.createSocket)('udp4');\n    }\n    async send(buffer, host, port) {\n        return new Promise((resolve, reject) => this._socket.send(buffer, port, host, (err) => err ? reject(err) : resolve(buffer)));\n    }\n    closeSocket() {\n        if (this.#closed) return;\n        this.#closed = true;\n        this._socket.close();\n    }\n}\nexports.PromiseSocket = PromiseSocket;\n",
    },
    {
      name: 'a dgram socket made through `var self = this` in a constructor function, closed by a prototype close() with no guard (snmp-native, check 37)',
      filename: 'lib/snmp.js',
      code: SNMP_SESSION,
      errors: [{ messageId: 'unguardedClose', line: 12, column: 3, severity: 'warn' }],
    },
    {
      name: 'the same UDP socket held by a class field',
      filename: 'lib/udp.js',
      code: "const dgram = require('dgram');\nclass Listener {\n  constructor() {\n    this.socket = dgram.createSocket('udp4');\n  }\n  stop() {\n    this.socket.close();\n  }\n}\nmodule.exports = Listener;\n",
      errors: [{ messageId: 'unguardedClose', line: 7, column: 5, severity: 'warn' }],
      output: "const dgram = require('dgram');\nclass Listener {\n  #closed = false;\n  constructor() {\n    this.socket = dgram.createSocket('udp4');\n  }\n  stop() {\n    if (this.#closed) return;\n    this.#closed = true;\n    this.socket.close();\n  }\n}\nmodule.exports = Listener;\n",
    },
    {
      name: "the same second quit() when the package asks for redis 4: it rejects",
      filename: 'cache/redis.js',
      code: "const redis = require('redis');\nclass RedisCache {\n  init() {\n    this.client = redis.createClient();\n  }\n  close() {\n    this.client.quit();\n  }\n}\nprocess.on('SIGINT', () => cache.close());\nprocess.on('SIGTERM', () => cache.close());\nconst cache = new RedisCache();\nmodule.exports = cache;\n",
      files: { 'package.json': "{ \"name\": \"c\", \"main\": \"cache/redis.js\", \"dependencies\": { \"redis\": \"^4.6.0\" } }" },
      errors: [{ messageId: 'unguardedClose', line: 7, column: 5 }],
      output: "const redis = require('redis');\nclass RedisCache {\n  #closed = false;\n  init() {\n    this.client = redis.createClient();\n  }\n  close() {\n    if (this.#closed) return;\n    this.#closed = true;\n    this.client.quit();\n  }\n}\nprocess.on('SIGINT', () => cache.close());\nprocess.on('SIGTERM', () => cache.close());\nconst cache = new RedisCache();\nmodule.exports = cache;\n",
    },
    {
      name: 'the same close in a module the entry re-exports through another module (`index.js` → `lib/index.js` → `lib/http.js`): reported',
      filename: 'lib/http.js',
      code: `const http = require('http');
function HTTP(opts, done) {
  this.server = http.createServer((req, res) => res.end('ok'));
  this.server.listen(opts.port, done);
}
HTTP.prototype.close = function (done) {
  this.server.close(done);
};
module.exports = HTTP;
`,
      files: {
        'package.json': '{ "name": "bridge", "main": "index.js" }\n',
        'index.js': "module.exports = require('./lib');\n",
        'lib/index.js': "exports.HTTP = require('./http');\n",
      },
      errors: [{ messageId: 'unguardedClose', line: 7, column: 3, severity: 'warn' }],
    },
    {
      name: 'the same close, when the project drops the rejection of a close() on an object of this class: reported',
      filename: 'src/media-proxy.ts',
      code: `import express from 'express';
import type { Server } from 'node:http';
export class MediaProxy {
  private server?: Server;
  start(port: number): Promise<void> {
    const app = express();
    return new Promise((res) => {
      this.server = app.listen(port, () => res());
    });
  }
  close(): Promise<void> {
    return new Promise((res, rej) => this.server?.close((e) => (e ? rej(e) : res())));
  }
}
`,
      files: { 'src/bridge.ts': `import { MediaProxy } from './media-proxy';
class Broker {
  async close(): Promise<void> {}
}
export class Bridge {
  private broker = new Broker();
  proxy = new MediaProxy();
  stop() {
    this.broker.close();
    this.proxy.close();
  }
}
` },
      errors: [{ messageId: 'unguardedClose', line: 12, column: 38, severity: 'warn' }],
      output: `import express from 'express';
import type { Server } from 'node:http';
export class MediaProxy {
  #closed = false;
  private server?: Server;
  start(port: number): Promise<void> {
    const app = express();
    return new Promise((res) => {
      this.server = app.listen(port, () => res());
    });
  }
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    return new Promise((res, rej) => this.server?.close((e) => (e ? rej(e) : res())));
  }
}
`,
    },
    {
      name: 'the same close in a module the package entry exports: its users call it, a second call hands them ERR_SERVER_NOT_RUNNING (mockyeah)',
      filename: 'lib/http.js',
      code: `const http = require('http');
function HTTP(opts, done) {
  this.server = http.createServer((req, res) => res.end('ok'));
  this.server.listen(opts.port, done);
}
HTTP.prototype.close = function (done) {
  this.server.close(done);
};
module.exports = HTTP;
`,
      files: {
        'package.json': '{ "name": "bridge", "main": "lib/bridge.js" }\n',
        'lib/bridge.js': "const HTTP = require('./http');\nmodule.exports = { HTTP };\n",
      },
      errors: [{ messageId: 'unguardedClose', line: 7, column: 3, severity: 'warn' }],
    },
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
      name: 'net server closed in stop() with a callback that throws the error; JS with an existing boolean stopped flag',
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
    this.server.close((err) => {
      if (err) throw err;
    });
  }
}
`,
      errors: [{ messageId: 'unguardedClose', data: { call: 'this.server.close((err) => …)', library: 'net.createServer().close()', method: 'stop()', fails: 'reports an error', failsWhy: 'passes ERR_SERVER_NOT_RUNNING to its callback, which passes the error on', twice: 'Shutdown paths call close twice (SIGTERM then SIGINT, or `close()` followed by dispose)', during: ', in the middle of the shutdown' }, line: 14, column: 5, severity: 'warn' }],
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
    this.server.close((err) => {
      if (err) throw err;
    });
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
      name: 'a mysql2 pool and an http server closed in one method, tab indentation',
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
      // The http server's second close() has no callback to fail: only the pool is reported.
      errors: [
        { messageId: 'unguardedClose', data: { call: 'this.db.end()', library: 'mysql2/promise.createPool().end()', method: 'stop()', fails: 'throws', failsWhy: 'throws', twice: 'Shutdown paths call close twice (SIGTERM then SIGINT, or `close()` followed by dispose)', during: ', in the middle of the shutdown' }, line: 10, column: 9, severity: 'warn' },
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
        message: '`client.release()` in `finally` runs after `client` was already released in `catch`: release it in `finally` only.\n' +
          'On that path it is released twice: the second release throws (and replaces the original error) or returns one connection to its pool twice, handing it to two callers at once.',
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
    // ---- The true shapes next to the classes above: still reported. ----
    {
      name: "the caller's done callback gets the second close's error (mockyeah before the fix)",
      filename: 'app/index.js',
      code: "const http = require('http');\nclass MockServer {\n  constructor(app) {\n    this.server = http.createServer(app);\n    this.server.listen(4001);\n  }\n  close(done) {\n    this.server.close(done);\n  }\n}\nmodule.exports = MockServer;\n",
      errors: [{ messageId: 'unguardedClose', data: { call: 'this.server.close(done)', library: 'http.createServer().close()', method: 'close()', fails: 'reports an error', failsWhy: 'passes ERR_SERVER_NOT_RUNNING to its callback, which passes the error on', twice: 'Shutdown paths call close twice (SIGTERM then SIGINT, or `close()` followed by dispose)', during: ', in the middle of the shutdown' }, line: 8, column: 5 }],
      output: null,
    },
    {
      name: 'the second close rejects the promise stop() returns, and a signal listener drops that rejection',
      filename: 'src/metrics/reporters/prometheus.js',
      code: "const http = require('http');\nclass PrometheusReporter {\n  init() {\n    this.server = http.createServer();\n    this.server.listen(3030);\n  }\n  stop() {\n    return new Promise((resolve, reject) => {\n      this.server.close((err) => {\n        if (err) reject(err);\n        resolve();\n      });\n    });\n  }\n}\nmodule.exports = PrometheusReporter;\n",
      files: {
        'src/service-broker.js': "class ServiceBroker {\n  constructor(reporter) {\n    this.reporter = reporter;\n    process.on('SIGINT', () => this.reporter.stop());\n    process.on('SIGTERM', () => this.reporter.stop());\n  }\n}\nmodule.exports = ServiceBroker;\n",
      },
      errors: [{ messageId: 'unguardedClose', data: { call: 'this.server.close((err) => …)', library: 'http.createServer().close()', method: 'stop()', fails: 'reports an error', failsWhy: 'passes ERR_SERVER_NOT_RUNNING to its callback, which passes the error on', twice: 'Shutdown paths call close twice (SIGTERM then SIGINT, or `close()` followed by dispose)', during: ', in the middle of the shutdown' }, line: 9, column: 7 }],
      output: "const http = require('http');\nclass PrometheusReporter {\n  #closed = false;\n  init() {\n    this.server = http.createServer();\n    this.server.listen(3030);\n  }\n  stop() {\n    if (this.#closed) return Promise.resolve();\n    this.#closed = true;\n    return new Promise((resolve, reject) => {\n      this.server.close((err) => {\n        if (err) reject(err);\n        resolve();\n      });\n    });\n  }\n}\nmodule.exports = PrometheusReporter;\n",
    },
    {
      name: 'stop() on every SIGINT releases through a helper whose parameter check nothing resets (ioredis)',
      filename: 'src/cellar.js',
      code: "const Redis = require('ioredis');\nclass Cellar {\n  constructor(url) {\n    this.redis = new Redis(url);\n  }\n  start() {\n    process.on('SIGINT', () => {\n      this.stop();\n      setTimeout(() => process.exit(0), 1000);\n    });\n  }\n  stop() {\n    this.closeRedisSafely(this.redis);\n  }\n  closeRedisSafely(client) {\n    if (client) client.quit();\n  }\n}\nmodule.exports = { Cellar };\n",
      errors: [{
        message: '`client.quit()` runs again each time SIGINT comes, and a second one rejects: run the shutdown once.\n' +
          'The handler is registered so that it runs more than once (a second Ctrl+C, SIGTERM after SIGINT, one more unhandled rejection), ' +
          'and nothing on its way to `client.quit()` stops a second run: ioredis quit() a second time rejects, and nothing on this ' +
          'path handles the rejection, in the middle of the shutdown. Return early once shutting down (`if (stopping) return; stopping = true;`).',
        line: 16, column: 17, severity: 'warn',
      }],
      output: null,
    },
    {
      name: 'a release in a try whose catch rethrows, in a handler for several shutdown events: the second run still throws',
      filename: 'lib/workers.js',
      code: "const { fork } = require('child_process');\nclass Workers {\n  spawn(file) {\n    const child = fork(file);\n    const onExit = () => {\n      if (!child.killed || child.connected) {\n        try {\n          child.disconnect();\n        } catch (err) {\n          console.error('disconnect failed', err);\n          throw err;\n        }\n      }\n    };\n    process.on('exit', onExit);\n    process.on('SIGINT', onExit);\n    process.on('SIGTERM', onExit);\n    return child;\n  }\n}\nmodule.exports = { Workers };\n",
      errors: [{ messageId: 'repeatedRelease', line: 8, column: 11 }],
      output: null,
    },
    {
      name: 'an imported pg pool ended in an unhandledRejection handler (pg, before the fix)',
      filename: 'src/index.js',
      code: "const { pool } = require('./db');\nprocess.on('unhandledRejection', (error) => {\n  console.error(error);\n  pool.end();\n});\n",
      files: { 'src/db.js': "const { Pool } = require('pg');\nconst pool = new Pool({ connectionTimeoutMillis: 10000 });\nmodule.exports = { pool };\n" },
      errors: [{ messageId: 'repeatedRelease', data: { call: 'pool.end()', events: 'an unhandled rejection', fails: 'fails', failsWhy: 'fails (the library rejects or throws on a second release)', library: '`pool.end()`' }, line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'one shutdown function on SIGTERM and SIGINT ends a pool twice',
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nasync function shutdown() {\n  await pool.end();\n}\nprocess.on('SIGTERM', shutdown);\nprocess.on('SIGINT', shutdown);\n",
      errors: [{ messageId: 'repeatedRelease', data: { call: 'pool.end()', events: 'SIGTERM or SIGINT', fails: 'rejects', failsWhy: 'rejects, and nothing on this path handles the rejection', library: 'pg Pool.end()' }, line: 4, column: 9 }],
      output: null,
    },
    {
      name: "an exported shutdown handler another module registers for its 'shutdown' event (kraken, before the fix)",
      filename: 'lib/events.js',
      code: "exports.shutdown = function onshutdown(server, timeout) {\n  var stop = function (code) {\n    process.exit(code || 0);\n  };\n  server.close(stop);\n};\n",
      files: { 'index.js': "var http = require('http');\nvar events = require('./lib/events');\nvar app = new (require('events'))();\nvar server = http.createServer();\napp.on('shutdown', events.shutdown);\nprocess.on('SIGTERM', () => app.emit('shutdown', server, 1000));\nprocess.on('SIGINT', () => app.emit('shutdown', server, 1000));\n" },
      errors: [{ messageId: 'repeatedRelease', data: { call: 'server.close(stop)', events: 'its shutdown event', fails: 'reports an error', failsWhy: 'passes ERR_SERVER_NOT_RUNNING to its callback, which passes the error on', library: 'http.createServer().close()' }, line: 5, column: 3 }],
      output: null,
    },
    {
      name: 'a prototype method named stopServer ends a pg pool with no guard',
      filename: 'src/app.js',
      code: "var pg = require('pg');\nfunction App() {\n  this.pool = new pg.Pool();\n}\nApp.prototype.stopServer = function () {\n  return this.pool.end();\n};\nmodule.exports = App;\n",
      errors: [{ messageId: 'unguardedClose', data: { call: 'this.pool.end()', library: 'pg Pool.end()', method: 'stopServer()', fails: 'rejects', failsWhy: 'rejects the promise `stopServer()` returns', twice: "Callers can call `stopServer()` twice (an application's SIGTERM then SIGINT handlers, or a shutdown hook and a test's teardown)", during: ', which a caller that does not expect a failed close leaves unhandled' }, line: 6, column: 10 }],
      output: null,
    },
  ],
});
