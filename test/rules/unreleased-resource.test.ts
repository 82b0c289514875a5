import rule from '../../rules/unreleased-resource';
import { runRuleTests } from '../rule-tester';

const POOL_HOLDS = 'its open connections keep the event loop alive';
const CHECKOUT_WHY = 'Each leak keeps a connection checked out; once the pool is drained, every query waits for a connection that never comes and the service hangs while looking healthy.';
const SHIM = { runtime: { import: '@acme/runtime' } };

/** A command of a command-line tool that watches a project until the user quits (hubspot-cli's `hs project watch`). */
const WATCH_COMMAND = "const chokidar = require('chokidar');\nexports.createWatcher = async function (dir, onEvent) {\n  const watcher = chokidar.watch(dir, { ignoreInitial: true });\n  watcher.on('change', (path) => onEvent(path));\n};\n";
const WATCH_CLI = {
  'package.json': '{ "name": "acme-cli", "description": "The official CLI for developing on Acme", "bin": { "acme": "./bin/acme.js" } }',
  'bin/acme.js': "#!/usr/bin/env node\nconst { createWatcher } = require('../lib/watch');\nasync function main(argv) {\n  const startWatching = async () => createWatcher(argv[2], (p) => console.log(p));\n  process.on('SIGINT', () => process.exit(0));\n  await startWatching();\n}\nmain(process.argv).catch(() => process.exit(1));\nprocess.stdin.on('data', (key) => { if (String(key) === 'q') process.exit(0); });\n",
};

// thrift's StdIOConnection (check 41): a child spawned as a stdio peer, its stdin kept in a field
// and ended by the connection's end(); `stored` is what the field keeps, `ended` what end() does.
const STDIO_CONNECTION = (stored: string, ended: string) => `var child_process = require('child_process');\nvar EventEmitter = require('events').EventEmitter;\nvar util = require('util');\n\nvar StdIOConnection = (exports.StdIOConnection = function (command, options) {\n  var parts = command.split(' ');\n  var child = (this.child = child_process.spawn(parts[0], parts.slice(1)));\n  EventEmitter.call(this);\n  this.connection = ${stored};\n  this.options = options || {};\n  child.stdout.on('data', function (data) { this.emit('data', data); }.bind(this));\n});\nutil.inherits(StdIOConnection, EventEmitter);\n\nStdIOConnection.prototype.end = function () {\n  ${ended};\n};\n\nStdIOConnection.prototype.write = function (data) {\n  this.connection.write(data);\n};\n`;

const FTP_CONNECTION = (kept: string) => "var Socket = require('net').Socket;\nvar tls = require('tls');\nfunction FTP() { this._socket = undefined; }\nFTP.prototype.connect = function (options) {\n  var self = this;\n  var secureOptions = { host: options.host };\n  var socket = new Socket();\n  socket.setTimeout(0);\n  secureOptions.socket = socket;\n  this._socket = socket;\n  if (options.secure === 'implicit') socket = tls.connect(secureOptions, onconnect);\n  else socket.once('connect', onconnect);\n  function onconnect() {\n    " + kept + " = socket;\n  }\n  socket.connect(options.port, options.host);\n};\nFTP.prototype._reset = function () {\n  if (this._socket && this._socket.writable) this._socket.end();\n  this._socket = undefined;\n};\nFTP.prototype.end = function () { this._reset(); };\nFTP.prototype.destroy = function () { this._reset(); };\nmodule.exports = FTP;\n";

/** celery-node's AMQPBackend (check 60): the connection is held as the promise `amqplib.connect()` returns. */
const CELERY_AMQP_BACKEND = `const amqplib = require('amqplib');
class AMQPBackend {
  constructor(url, opts) {
    this.connect = amqplib.connect(url, opts);
    this.channel = this.connect.then((conn) => conn.createChannel());
  }
  disconnect() {
    return this.connect.then((conn) => conn.close());
  }
}
exports.default = AMQPBackend;
`;

runRuleTests(rule, {
  valid: [
    {
      name: "a TLS socket reassigned over the plain one, kept by the connect closure as `self._socket` and ended by the owner's end()/destroy(); the earlier `secureOptions.socket = socket` held the plain socket (@icetee/ftp, check 57)",
      filename: 'lib/connection.js',
      code: FTP_CONNECTION('self._socket'),
    },
    {
      name: "a spawned child killed through a compiled optional chain `(_b = this.child) === null || _b === void 0 ? void 0 : _b.kill()` in a shutdown registered on SIGINT/SIGTERM (redis-smq-common, check 54)",
      filename: "src/redis-server/redis-server.js",
      code: "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nconst child_process_1 = require(\"child_process\");\nclass RedisServer {\n    constructor() {\n        this.redisChildProcess = null;\n        this.other = null;\n        this.handleProcessExit = () => this.shutdown();\n        process.on('SIGINT', this.handleProcessExit);\n        process.on('SIGTERM', this.handleProcessExit);\n    }\n    start(port) {\n        this.redisChildProcess = (0, child_process_1.spawn)('redis-server', ['--port', String(port)]);\n    }\n    shutdown() {\n        var _b;\n        (_b = this.redisChildProcess) === null || _b === void 0 ? void 0 : _b.kill('SIGTERM');\n    }\n}\nexports.RedisServer = RedisServer;\n",
    },
    {
      name: "a tls socket stored on `this.conn` through `as IrcConnection`, destroyed before each reconnect: it escapes, not a per-call leak (matrix-org-irc, check 54)",
      filename: "src/irc.ts",
      code: "import * as tls from 'tls';\ninterface IrcConnection extends tls.TLSSocket { connecting: boolean }\nexport class Client {\n  private conn?: IrcConnection;\n  private isOurSocket = true;\n  connect(opts: tls.ConnectionOptions, selfSigned: boolean): void {\n    if (this.isOurSocket && this.conn) {\n      this.conn.destroy();\n      this.conn = undefined;\n    }\n    const tlscon: tls.TLSSocket = tls.connect(opts, () => {\n      if (!(tlscon instanceof tls.TLSSocket)) {\n        throw Error('Conn was not a TLSSocket');\n      }\n      if (!tlscon.authorized && !selfSigned) {\n        return tlscon.destroy(tlscon.authorizationError);\n      }\n      tlscon.setEncoding('utf-8');\n    });\n    this.conn = tlscon as IrcConnection;\n  }\n}\n",
    },
    {
      name: "a socket a factory returns as `return (s)`, held and ended by its caller (bunyan-syslog, check 52)",
      filename: "lib/tcp.js",
      code: "var net = require('net');\nfunction createSocket(opts) {\n  var s = net.connect({ host: opts.host, port: opts.port });\n  ['connect', 'error', 'close'].forEach(function (e) {\n    s.on(e, opts.proxy.emit.bind(opts.proxy, e));\n  });\n  return (s);\n}\nfunction TCPStream(opts) {\n  var self = this;\n  this.socket = createSocket({ host: opts.host, port: opts.port, proxy: this });\n  this.on('close', function () { self.socket = createSocket(opts); });\n}\nTCPStream.prototype.write = function (r) { this.socket.write(r); };\nTCPStream.prototype.close = function () { this.socket.end(); this.socket = null; };\nmodule.exports = { createSocket: createSocket, TCPStream: TCPStream };\n",
    },
    {
      name: "a NATS connection promise whose settled connection resolves `app.sync.ready`: handed to the app, not per call (feathers-sync, check 53)",
      filename: "lib/adapters/nats.js",
      code: "const { connect, StringCodec } = require('nats');\nmodule.exports = (config) => {\n  return (app) => {\n    const natsClient = connect({ servers: [config.uri] });\n    const sc = StringCodec();\n    app.sync = {\n      type: 'nats',\n      ready: new Promise((resolve, reject) => {\n        natsClient\n          .then((connection) => {\n            const sub = connection.subscribe(config.key);\n            (async () => { for await (const m of sub) app.emit('sync-in', sc.decode(m.data)); })();\n            resolve(connection);\n          })\n          .catch((error) => reject(error));\n      })\n    };\n  };\n};\n",
    },
    {
      name: 'a child spawned as a stdio peer is told to exit by ending its stdin, kept in a field (thrift, check 41)',
      filename: 'lib/thrift/connection.js',
      code: STDIO_CONNECTION('child.stdin', 'this.connection.end()'),
    },
    {
      name: 'a spawned child whose stdin is ended directly',
      filename: 'lib/thrift/connection.js',
      code: STDIO_CONNECTION('child.stdin', 'this.child.stdin.end()'),
    },
    {
      name: "a callback-style checkout released in the query's callback, a guarded 'error' listener and the catch, each behind `if (released) return` (pg-pool's query(), check 50)",
      filename: 'index.js',
      code: "const EventEmitter = require('events');\nclass Pool extends EventEmitter {\n  connect(cb) {}\n  query(text, values, cb) {\n    this.connect((err, client) => {\n      if (err) {\n        return cb(err);\n      }\n      let clientReleased = false;\n      const onError = (err) => {\n        if (clientReleased) {\n          return;\n        }\n        clientReleased = true;\n        client.release(err);\n        cb(err);\n      };\n      client.once('error', onError);\n      try {\n        client.query(text, values, (err, res) => {\n          client.removeListener('error', onError);\n          if (clientReleased) {\n            return;\n          }\n          clientReleased = true;\n          client.release(err);\n          if (err) {\n            return cb(err);\n          }\n          return cb(undefined, res);\n        });\n      } catch (err) {\n        client.release(err);\n        return cb(err);\n      }\n    });\n  }\n}\nmodule.exports = Pool;\n",
      files: { 'package.json': '{ "name": "pg-pool", "peerDependencies": { "pg": ">=8.0" } }\n' },
    },
    {
      name: 'an ioredis client a loader registers in a DI container through asValue, disconnected by the service it is injected into (medusajs__event-bus-redis, check 48)',
      filename: 'src/loaders/index.js',
      code: "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nconst awilix_1 = require(\"awilix\");\nvar __importDefault = (this && this.__importDefault) || function (mod) {\n  return (mod && mod.__esModule) ? mod : { \"default\": mod };\n};\nconst ioredis_1 = __importDefault(require(\"ioredis\"));\nexports.default = async ({ container, logger, options }) => {\n  const connection = new ioredis_1.default(options.redisUrl, { lazyConnect: true });\n  try {\n    await connection.connect();\n  } catch (err) {\n    logger.error(`Redis: ${err}`);\n  }\n  container.register({\n    eventBusRedisConnection: (0, awilix_1.asValue)(connection),\n    eventBusRedisQueueName: (0, awilix_1.asValue)(options.queueName),\n  });\n};\n",
    },
    {
      name: "an interval handed to a project registry whose class clears what it stores on a shutdown hook (@nestjs/schedule's SchedulerRegistry, check 43)",
      filename: 'lib/scheduler.orchestrator.js',
      code: "class SchedulerOrchestrator {\n  constructor(schedulerRegistry) { this.schedulerRegistry = schedulerRegistry; this.intervals = {}; }\n  mountIntervals() {\n    Object.keys(this.intervals).forEach((key) => {\n      const options = this.intervals[key];\n      const intervalRef = setInterval(options.target, options.timeout);\n      options.ref = intervalRef;\n      this.schedulerRegistry.addInterval(key, intervalRef);\n    });\n  }\n  beforeApplicationShutdown() {\n    this.clearIntervals();\n    this.closeCronJobs();\n  }\n  clearIntervals() {\n    this.schedulerRegistry.getIntervals().forEach((key) => this.schedulerRegistry.deleteInterval(key));\n  }\n  closeCronJobs() {}\n}\nexports.SchedulerOrchestrator = SchedulerOrchestrator;\n",
      files: { 'lib/scheduler.registry.js': "class SchedulerRegistry {\n  constructor() { this.intervals = new Map(); }\n  getInterval(name) {\n    const ref = this.intervals.get(name);\n    if (typeof ref === 'undefined') throw new Error(`No Interval was found with the given name (${name})`);\n    return ref;\n  }\n  addInterval(name, intervalId) {\n    if (this.intervals.get(name)) throw new Error(`Interval with the given name (${name}) already exists`);\n    this.intervals.set(name, intervalId);\n  }\n  getIntervals() { return [...this.intervals.keys()]; }\n  deleteInterval(name) {\n    const interval = this.getInterval(name);\n    clearInterval(interval);\n    this.intervals.delete(name);\n  }\n}\nexports.SchedulerRegistry = SchedulerRegistry;\n" },
    },
    {
      name: 'a `var server` written in both branches of an if is one binding, closed by the transport\'s destroy() (sip, check 41)',
      filename: 'sip.js',
      code: "var WebSocket = require('ws');\n\nfunction makeWsTransport(options, callback) {\n  function init(ws) {\n    ws.on('message', function (data) { callback(data); });\n  }\n\n  if (options.ws_port) {\n    if (options.tls) {\n      var http = require('https');\n      var server = new WebSocket.Server({\n        server: http.createServer(options.tls, function (rq, rs) { rs.end(''); }).listen(options.ws_port)\n      });\n    } else {\n      var server = new WebSocket.Server({ port: options.ws_port });\n    }\n    server.on('connection', init);\n  }\n\n  return {\n    destroy: function () { server.close(); }\n  };\n}\n\nexports.start = function (o, cb) { var t = makeWsTransport(o, cb); return { stop: function () { t.destroy(); } }; };\n",
    },
    {
      name: 'intervals cleared through `(0, timers_1.clearInterval)(…)`, as TypeScript compiles a clearInterval imported from `timers`: a member one by a sibling method, a local one by its own callback (tarn\'s dist/Pool.js, check 37)',
      filename: 'lib/Pool.js',
      code: "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nconst timers_1 = require(\"timers\");\nconst fs_1 = require(\"fs\");\nclass Pool {\n  constructor() { this.interval = null; }\n  _startReaping() {\n    if (!this.interval) {\n      this.interval = setInterval(() => this.check(), 1000);\n    }\n  }\n  _stopReaping() {\n    if (this.interval !== null) (0, timers_1.clearInterval)(this.interval);\n    this.interval = null;\n  }\n  check() {}\n  destroy() {\n    return new Promise((resolve) => {\n      const interval = setInterval(() => {\n        if (this.pending() === 0) { (0, timers_1.clearInterval)(interval); resolve(); }\n      }, 100);\n    });\n  }\n  pending() { return 0; }\n}\nexports.Pool = Pool;\n",
    },
    {
      name: "an advanced-pool object released on success and removed with removeBadObject on a render error: every path gives it back",
      filename: 'src/serve_rendered.js',
      code: "import advancedPool from 'advanced-pool';\nimport { makeRenderer } from './renderer.js';\n\nconst pool = new advancedPool.Pool({ min: 1, max: 4, create: makeRenderer, destroy: (r) => r.release() });\nprocess.on('SIGTERM', () => pool.close());\n\nexport function renderTile(req, res) {\n  pool.acquire((err, renderer) => {\n    if (err) return res.status(503).end();\n    renderer.render(req.params, (renderErr, data) => {\n      if (renderErr) {\n        pool.removeBadObject(renderer);\n        return res.status(500).end();\n      }\n      pool.release(renderer);\n      res.end(data);\n    });\n  });\n}\n",
    },
    {
      name: "a socket kept on this, handed on to its owner, and closed through the class's disconnect(socket) (check 20, drachtio-srf's reconnect)",
      filename: 'lib/wire-protocol.js',
      code: "const net = require('net');\nconst { EventEmitter } = require('events');\nmodule.exports = class WireProtocol extends EventEmitter {\n  reconnect() {\n    setTimeout(() => {\n      this.socket = net.connect({ port: this.port, host: this.host });\n    this.installListeners(this.socket);\n    }, this.delay);\n  }\n  installListeners(socket) {\n    socket.on('connect', () => this.emit('connect', socket));\n  }\n  disconnect(socket) {\n    this.closing = true;\n    socket.end();\n  }\n};\n",
    },
    {
      name: "a command's interval that polls until Ctrl-C, in a command-line tool whose start script only runs its own bin (check 21, particle-cli's esim bulk-provision)",
      filename: 'lib/esim.js',
      code: "const CommandBase = require('./base');\nclass ESimCommands extends CommandBase {\n  async bulkProvisionCommand(args) {\n    await this.loadProfiles(args);\n    const provisioned = new Set();\n    setInterval(async () => {\n      for (const device of await this.serial.findDevices()) {\n        if (!provisioned.has(device.id)) { provisioned.add(device.id); this.provision(device); }\n      }\n    }, 1000);\n    console.log('Ready to bulk provision. Press Ctrl-C to exit.');\n  }\n}\nmodule.exports = ESimCommands;\n",
      files: { ...WATCH_CLI, 'package.json': "{ \"name\": \"acme-cli\", \"description\": \"The official CLI for developing on Acme\", \"bin\": { \"acme\": \"./bin/acme.js\" }, \"scripts\": { \"start\": \"node ./bin/acme.js\" } }" },
    },
    {
      name: "a Homebridge plugin's refresh interval: the host ends its process itself after its teardown (check 20, homebridge-samsung-tizen)",
      filename: 'lib/device.js',
      code: "const EventEmitter = require('events');\nmodule.exports = class Device extends EventEmitter {\n  constructor(config) {\n    super();\n    this.config = config;\n    ['SIGINT', 'SIGTERM'].forEach((signal) => process.on(signal, () => this.emit('destroy')));\n    this.on('paired', () => {\n      setInterval(() => this.refresh(), this.config.refresh);\n    });\n  }\n  refresh() {}\n};\n",
      files: { 'package.json': '{ "name": "homebridge-tv", "keywords": ["homebridge-plugin"], "engines": { "homebridge": "^1.6.0" } }\n' },
    },
    {
      name: "an ioBroker adapter's interval: js-controller terminates the adapter's process after unload",
      filename: 'lib/device.js',
      code: "const EventEmitter = require('events');\nmodule.exports = class Device extends EventEmitter {\n  constructor(config) {\n    super();\n    this.config = config;\n    ['SIGINT', 'SIGTERM'].forEach((signal) => process.on(signal, () => this.emit('destroy')));\n    this.on('paired', () => {\n      setInterval(() => this.refresh(), this.config.refresh);\n    });\n  }\n  refresh() {}\n};\n",
      files: { 'package.json': '{ "name": "iobroker.tv", "dependencies": { "@iobroker/adapter-core": "^3.0.0" } }\n' },
    },
    {
      name: "a watcher a command of a command-line tool makes for the user's session: the program ends itself with process.exit",
      filename: 'lib/watch.js',
      code: WATCH_COMMAND,
      files: WATCH_CLI,
    },
    {
      name: "a tunnel's socket piped from the client socket: the client's end ends it",
      filename: 'lib/proxy.js',
      code: "var net = require('net');\nexports.tunnel = function (server) {\n  server.on('connect', function (request, clientSocket, head) {\n    var serverSocket = net.connect(8443, 'localhost', function () {\n      serverSocket.write(head);\n      clientSocket.pipe(serverSocket).pipe(clientSocket);\n    });\n  });\n};\n",
    },
    {
      name: 'a checkout whose try starts right after it, and whose finally releases first',
      code: "import { Pool, type PoolClient } from 'pg';\nconst pool = new Pool();\nprocess.on('SIGTERM', () => pool.end());\n\nexport async function withTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {\n  const client = await pool.connect();\n  try {\n    await client.query('BEGIN');\n    return await fn(client);\n  } finally {\n    try {\n      await client.query('COMMIT');\n    } finally {\n      client.release();\n    }\n  }\n}\n",
    },
    {
      name: 'synchronous code between the checkout and the try: nothing awaited there',
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nprocess.on('SIGTERM', () => pool.end());\n\nexport async function search(sql: string, params: unknown[]) {\n  const client = await pool.connect();\n  const text = sql.trim();\n  try {\n    return (await client.query(text, params)).rows;\n  } finally {\n    client.release();\n  }\n}\n",
    },
    {
      name: "a terminal prompt made per question, in a package whose command-line program ends itself with process.exit",
      filename: 'lib/npm.js',
      code: "const readline = require('readline');\nexports.askName = function (cb) {\n  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });\n  rl.question('Module name: ', (name) => cb(null, name));\n};\n",
      files: { 'package.json': '{"name":"cli-tool","bin":{"cli-tool":"bin/cli.js"}}', 'bin/cli.js': "#!/usr/bin/env node\nconst { program } = require('commander');\nconst npm = require('../lib/npm');\nprogram.command('init').action(() => npm.askName((err, name) => {\n  console.log(`created ${name}`);\n  process.exit(err ? 1 : 0);\n}));\nprogram.parse(process.argv);\n" },
    },
    {
      name: 'a refresh interval started per command in a CLI that ends itself with process.exit: timers cannot pile up over a process life',
      filename: 'bin/cli.js',
      code: "#!/usr/bin/env node\nconst { program } = require('commander');\nconst client = require('./client');\nprogram.command('ls').option('--watch').action((opts) => {\n  client.list((err, list) => {\n    if (err) process.exit(1);\n    if (opts.watch) {\n      setInterval(() => client.list((e, l) => console.table(l)), 900);\n      return;\n    }\n    console.table(list);\n    process.exit(0);\n  });\n});\nprogram.parse(process.argv);\n",
    },
    {
      name: 'an interval started by a terminal UI whose quit key ends the process: the function owns the process',
      filename: 'src/dashboard.js',
      code: "exports.init = function (screen, refresh) {\n  screen.key(['q', 'C-c'], () => {\n    screen.destroy();\n    process.exit(0);\n  });\n  setInterval(() => refresh(screen), 300);\n};\n",
    },
    {
      name: "a forked child awaited until its 'close' event settles the promise: it ends by itself",
      filename: 'src/job.js',
      code: "const { fork } = require('node:child_process');\nclass Job {\n  async run(helper) {\n    await new Promise((resolve, reject) => {\n      this.forkedChild = fork(helper.path, [this.name]);\n      this.forkedChild.on('close', (code) => {\n        if (code) reject(new Error(`child exited with ${code}`));\n        else resolve();\n      });\n    });\n    this.forkedChild = undefined;\n  }\n}\nmodule.exports = Job;\n",
    },
    {
      name: 'a helper program another module names by path (an askpass helper run by git) that reads process.argv: its socket is its one task',
      filename: 'src/git/auth-writer.js',
      code: "const net = require('net');\nconst socket = net.connect(process.argv[2], function () {\n  socket.on('data', (data) => console.log(data));\n  socket.write((process.argv[3] || '') + '\\n', 'utf8');\n});\nsocket.setEncoding('utf8');\n",
      files: { 'src/git/index.js': "const path = require('path');\nexports.env = function (socketPath) {\n  return { GIT_ASKPASS: path.join(__dirname, 'askpass.sh'), NODE_RED_GIT_ASKPASS_PATH: path.join(__dirname, 'auth-writer.js'), NODE_RED_GIT_SOCK_PATH: socketPath };\n};\n" },
    },
    {
      name: "a server made a framework member with fastify.decorate and closed through `this.<name>` in a preClose hook",
      filename: 'index.js',
      code: "const WebSocket = require('ws');\nfunction plugin(fastify, opts, next) {\n  const wss = new WebSocket.Server({ port: opts.port });\n  fastify.decorate('websocketServer', wss);\n  fastify.addHook('preClose', defaultPreClose);\n  next();\n}\nfunction defaultPreClose(done) {\n  const server = this.websocketServer;\n  for (const client of server.clients) client.close();\n  server.close(done);\n}\nmodule.exports = plugin;\n",
    },
    {
      name: "a MongoClient whose Db is handed back (`return client.db()`): the Db runs through the client, which lives with it",
      filename: 'lib/JobDbRepository.js',
      code: "const { MongoClient } = require('mongodb');\nclass JobDbRepository {\n  async connect(url) {\n    const db = await this.database(url);\n    this.collection = db.collection('jobs');\n  }\n  async database(url, options) {\n    const client = await MongoClient.connect(url, { ...options });\n    return client.db();\n  }\n}\nexports.JobDbRepository = JobDbRepository;\n",
    },
    {
      name: 'a watchdog interval kept on the object and cleared with clearTimeout in close(): Node clears either kind of timer',
      filename: 'lib/driver/ezsp.js',
      code: "class Ezsp {\n  connect() {\n    this.watchdogTimer = setInterval(() => this.watchdog(), 10000);\n  }\n  watchdog() {}\n  close() {\n    clearTimeout(this.watchdogTimer);\n  }\n}\nmodule.exports = Ezsp;\n",
    },
    {
      name: 'a NestJS provider starts a refresh interval in its constructor: the container makes one instance (compiled form)',
      filename: 'src/plugins.service.js',
      files: { 'package.json': '{ "name": "ui", "bin": { "ui": "src/main.js" } }\n' },
      code: "var __decorate = (this && this.__decorate) || function () {};\nimport { Injectable } from '@nestjs/common';\nlet PluginsService = class PluginsService {\n  constructor() {\n    setInterval(this.loadPluginList.bind(this), 60000 * 60 * 12);\n  }\n  loadPluginList() {}\n};\nPluginsService = __decorate([\n  Injectable(),\n], PluginsService);\nexport { PluginsService };\n",
    },
    {
      name: 'a NestJS provider starts a refresh interval in its constructor (decorator in the source)',
      filename: 'src/status.service.ts',
      files: { 'package.json': '{ "name": "ui", "bin": { "ui": "src/main.js" } }\n' },
      code: "import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class StatusService {\n  constructor() {\n    setInterval(() => this.refresh(), 60_000);\n  }\n  refresh() {}\n}\n",
    },
    {
      name: 'a server handed to a method of the same object, which keeps it for close()',
      code: "import { createServer, type Server } from 'node:http';\nexport class Hub {\n  httpServer?: Server;\n  attach(port: number) {\n    const srv = createServer((_req, res) => res.end());\n    srv.listen(port);\n    this.init(srv);\n  }\n  private init(srv: Server) {\n    this.httpServer = srv;\n  }\n  close() {\n    this.httpServer?.close();\n  }\n}\n",
    },
    {
      name: 'a client captured by a callback of a store the function keeps: it lives as long as the store',
      code: "import { createClient } from 'redis';\ndeclare class RedisStore { constructor(o: { sendCommand: (...a: string[]) => Promise<unknown> }) }\nexport function addRateLimit(url: string, limits: { store?: RedisStore }[]) {\n  const client = createClient({ url });\n  const holder: { store?: RedisStore } = {};\n  holder.store = new RedisStore({ sendCommand: (...args: string[]) => client.sendCommand(args) });\n  limits.push(holder);\n}\n",
    },
    {
      name: 'a worker kept by a chained assignment `this.worker = child = new Worker(…)` and terminated in kill()',
      code: "import { Worker } from 'node:worker_threads';\n\nexport class Child {\n  worker?: Worker;\n  async init(file: string) {\n    let child: Worker;\n    this.worker = child = new Worker(file);\n    child.on('error', () => {});\n  }\n  async kill() {\n    await this.worker?.terminate();\n  }\n}\n",
    },
    {
      name: 'a pool ended in another module',
      code: "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionTimeoutMillis: 5000 });\n",
      files: { 'src/shutdown.ts': "import { pool } from './test-case';\n\nexport async function shutdown() {\n  await pool.end();\n}\n" },
    },
    {
      name: 'a pool released through a barrel re-export',
      code: "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
      files: {
        'src/index.ts': "export { pool as db } from './test-case';\n",
        'src/main.ts': "import { db } from './index';\nprocess.on('SIGTERM', () => void db.end());\n",
      },
    },
    {
      name: 'a server closed from a SIGTERM handler in the same file',
      code: "import http from 'node:http';\n\nconst server = http.createServer((req, res) => res.end('ok'));\nserver.listen(3000);\nprocess.on('SIGTERM', () => {\n  server.close();\n});\n",
    },
    {
      name: 'registered with the shim onShutdown',
      code: "import { createClient } from 'redis';\nimport { onShutdown } from '@acme/runtime';\n\nexport const redis = createClient({ url: process.env.REDIS_URL });\nonShutdown(() => redis.quit());\n",
    },
    {
      name: 'registered by referring to the release without calling it',
      code: "import { Worker } from 'node:worker_threads';\nimport { onShutdown } from './runtime';\n\nconst worker = new Worker('./resize.js');\nonShutdown(worker.terminate.bind(worker));\n",
      files: { 'src/runtime.ts': 'export function onShutdown(fn: () => unknown) {\n  process.once(\'SIGTERM\', fn);\n}\n' },
    },
    {
      name: 'an interval that is unref()ed',
      code: "const sweep = setInterval(() => {\n  console.log('sweep');\n}, 60_000);\nsweep.unref();\n",
    },
    {
      name: 'an unref()ed interval, chained',
      code: "setInterval(() => console.log('heartbeat'), 30_000).unref();\n",
    },
    {
      name: 'an interval cleared on stop',
      code: "let timer: NodeJS.Timeout | undefined;\nexport function start() {\n  timer = setInterval(() => console.log('poll'), 5000);\n}\nexport function stop() {\n  clearInterval(timer);\n}\n",
    },
    {
      name: 'a checkout released in finally',
      code: [
        "import { Pool } from 'pg';",
        '',
        'const pool = new Pool();',
        "process.on('SIGTERM', () => pool.end());",
        '',
        'export async function transfer(from: string, to: string, amount: number) {',
        '  const client = await pool.connect();',
        '  try {',
        "    await client.query('BEGIN');",
        "    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);",
        "    await client.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);",
        "    await client.query('COMMIT');",
        '  } catch (err) {',
        "    await client.query('ROLLBACK');",
        '    throw err;',
        '  } finally {',
        '    client.release();',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'a checkout with await using',
      code: "import { pool } from './db';\nexport async function count() {\n  await using client = await pool.connect();\n  return client.query('select count(*) from users');\n}\n",
      files: { 'src/db.ts': 'export const pool = { async connect() { return { query: async (q: string) => q, release() {}, async [Symbol.asyncDispose]() {} }; } };\n' },
    },
    {
      name: 'a checkout returned from a factory escapes to its caller',
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nprocess.on('SIGTERM', () => pool.end());\nexport async function getClient() {\n  const client = await pool.connect();\n  return client;\n}\n",
    },
    {
      name: 'mysql2 getConnection released in finally (JavaScript)',
      filename: 'src/orders.js',
      code: "import mysql from 'mysql2/promise';\n\nconst db = mysql.createPool({ host: 'db' });\nprocess.on('SIGINT', () => db.end());\n\nexport async function orders(userId) {\n  const conn = await db.getConnection();\n  try {\n    const [rows] = await conn.query('select * from orders where user_id = ?', [userId]);\n    return rows;\n  } finally {\n    conn.release();\n  }\n}\n",
    },
    {
      name: 'connect() on something that is not a pool',
      code: "import { connect } from './broker';\nexport async function subscribe(broker: { connect(): Promise<{ on(e: string, f: () => void): void }> }) {\n  const channel = await broker.connect();\n  channel.on('message', () => {});\n  void connect;\n}\n",
      files: { 'src/broker.ts': 'export const connect = () => 1;\n' },
    },
    {
      name: 'a per-request client released in finally',
      code: [
        "import { Client } from 'pg';",
        '',
        'export async function handler(id: string) {',
        '  const client = new Client({ connectionTimeoutMillis: 2000 });',
        '  await client.connect();',
        '  try {',
        "    return (await client.query('select * from jobs where id = $1', [id])).rows;",
        '  } finally {',
        '    await client.end();',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'a per-call resource with await using',
      code: "import { Client } from 'pg';\nexport async function probe() {\n  await using client = new Client() as Client & AsyncDisposable;\n  await client.connect();\n}\n",
    },
    {
      name: 'a resource returned from a factory escapes',
      code: "import { Pool } from 'pg';\n\nexport function createPool(url: string) {\n  const pool = new Pool({ connectionString: url });\n  pool.on('error', (err) => console.error(err));\n  return pool;\n}\n",
    },
    {
      name: 'a server stored on the app object and closed through it elsewhere',
      code: "import http from 'node:http';\nexport function boot(app: { server?: http.Server }) {\n  const server = http.createServer();\n  app.server = server;\n}\n",
      files: { 'src/stop.ts': "export function stop(app: { server?: { close(): void } }) {\n  app.server?.close();\n}\n" },
    },
    {
      name: 'a server made in main and closed on SIGTERM',
      code: "import { createServer } from 'node:http';\n\nasync function main() {\n  const server = createServer((_req, res) => res.end());\n  server.listen(8080);\n  process.once('SIGTERM', () => server.close());\n}\nvoid main();\n",
    },
    {
      name: 'a watcher handed to a constructor is owned by it',
      code: "import chokidar from 'chokidar';\nclass Reloader { constructor(readonly watcher: unknown) {} }\nexport function watchConfig(dir: string) {\n  const watcher = chokidar.watch(dir);\n  return new Reloader(watcher);\n}\n",
    },
    {
      name: 'a class member closed in its close method',
      code: [
        "import { WebSocketServer } from 'ws';",
        '',
        'export class Realtime {',
        '  private wss = new WebSocketServer({ noServer: true });',
        '  async close() {',
        '    this.wss.close();',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'a member assigned in the constructor, ended in stop',
      code: "import { Pool } from 'pg';\nexport class Db {\n  pool: Pool;\n  constructor() {\n    this.pool = new Pool();\n  }\n  stop() {\n    return this.pool.end();\n  }\n}\n",
    },
    {
      name: 'CommonJS module-level watcher closed on SIGINT',
      filename: 'src/watch.cjs',
      code: "const fs = require('node:fs');\nconst watcher = fs.watch('./config');\nprocess.on('SIGINT', () => watcher.close());\n",
    },
    {
      name: 'a socket ended from its own event callback',
      code: "import net from 'node:net';\nexport function send(line: string) {\n  const socket = net.connect({ port: 7000, timeout: 1000 });\n  socket.on('connect', () => socket.end(line));\n}\n",
    },
    {
      name: 'a checkout released when its stream ends',
      code: "import { pool } from './db';\nexport async function stream(sink: { on(e: string, f: () => void): void }) {\n  const client = await pool.connect();\n  sink.on('close', () => client.release());\n}\n",
      files: { 'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\nprocess.on('SIGTERM', () => pool.end());\n" },
    },
    {
      name: 'a default-exported pool ended by its importer',
      code: "import { Pool } from 'pg';\nexport default new Pool();\n",
      files: { 'src/stop.ts': "import db from './test-case';\nprocess.on('SIGTERM', () => db.end());\n" },
    },
    {
      name: 'a user library resource released on shutdown',
      code: "import { connect } from '@acme/queue';\nconst queue = connect('amqp://mq');\nprocess.on('SIGTERM', () => queue.close());\n",
      config: { libraries: [{ module: '@acme/queue', call: 'connect', invoke: 'call', resource: { kind: 'client', release: ['close'] } }] },
    },
    {
      name: 'a pool released through a namespace import in another module',
      code: "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
      files: { 'src/stop.ts': "import * as db from './test-case';\nexport const stop = () => db.pool.end();\n" },
    },

    // ---- Classes judged on real code (ecosystem): each shape below was reported and is not a leak. ----
    {
      name: "released through a getter that hands out the member (ethers: get socket() { return this.#socket } … this.socket.destroy())",
      filename: 'src/providers/provider-ipcsocket.ts',
      code: "import { connect, type Socket } from 'node:net';\n\nexport class IpcSocketProvider {\n  #socket: Socket;\n\n  get socket(): Socket { return this.#socket; }\n\n  constructor(path: string) {\n    this.#socket = connect(path);\n    this.socket.on('end', () => {\n      this.socket.destroy();\n    });\n  }\n\n  destroy(): void {\n    this.socket.destroy();\n  }\n}\n",
    },
    {
      name: "a forked child its holder's close() tells to exit over IPC (st-ethernet-ip: this.child.send({ type: 'closeScanner' }))",
      filename: 'src/io/fork/parent.js',
      code: "const { fork } = require('child_process');\nconst path = require('path');\n\nclass ForkScanner {\n  constructor(port) {\n    this.child = fork(path.join(__dirname, 'child.js'), [String(port)]);\n    this.child.on('message', (m) => this.onMessage(m));\n  }\n\n  onMessage(message) {\n    this.last = message;\n  }\n\n  close(cb) {\n    if (this.child.connected) {\n      this.child.send({ type: 'closeScanner' });\n    }\n    cb();\n  }\n}\n\nmodule.exports = ForkScanner;\n",
    },
    {
      name: 'released through a local alias of the member (ws: const server = this._server; … server.close())',
      filename: 'src/hub.js',
      code: "const http = require('http');\n\nclass Hub {\n  constructor(port) {\n    this._server = http.createServer((req, res) => res.end());\n    this._server.listen(port);\n  }\n  close(cb) {\n    const server = this._server;\n    this._server = null;\n    server.close(cb);\n  }\n}\nmodule.exports = Hub;\n",
    },
    {
      name: 'released through an alias of an object member (live-server: var watcher = App.watcher; watcher.close())',
      filename: 'src/app.js',
      code: "const chokidar = require('chokidar');\nconst App = { watcher: null };\nApp.start = function (dir) {\n  App.watcher = chokidar.watch(dir);\n};\nApp.shutdown = function () {\n  var watcher = App.watcher;\n  if (watcher) watcher.close();\n};\nmodule.exports = App;\n",
    },
    {
      name: 'released through a destructured member (const { pool } = this; await pool.end())',
      code: "import { Pool } from 'pg';\nexport class Store {\n  pool = new Pool({ connectionTimeoutMillis: 2000 });\n  async stop() {\n    const { pool } = this;\n    await pool.end();\n  }\n}\n",
    },
    {
      name: 'the server escapes: listen() returns it (koa: return server.listen(...args))',
      filename: 'src/application.js',
      code: "const http = require('http');\nclass Application {\n  listen(...args) {\n    const server = http.createServer(this.callback());\n    return server.listen(...args);\n  }\n  callback() { return () => {}; }\n}\nmodule.exports = Application;\n",
    },
    {
      name: 'the server escapes through listen.apply (express: return server.listen.apply(server, args))',
      filename: 'src/application.js',
      code: "var http = require('http');\nexports.listen = function listen() {\n  var server = http.createServer(this);\n  var args = Array.prototype.slice.call(arguments);\n  return server.listen.apply(server, args);\n};\n",
    },
    {
      name: 'socket.io takes the server over: io.attach(server), and io.close() closes it',
      filename: 'src/web.js',
      code: "const http = require('http');\nconst socketio = require('socket.io');\nconst web = {};\nlet io;\nweb.start = function (app) {\n  web.server = http.createServer(app);\n  io = socketio({ path: '/socket.io' });\n  io.attach(web.server);\n};\nweb.close = function (cb) {\n  io.close(cb);\n};\nmodule.exports = web;\n",
    },
    {
      name: 'a server handed to http-graceful-shutdown in another module',
      filename: 'src/kuma-server.js',
      code: "const http = require('http');\nclass KumaServer {\n  constructor(app) {\n    this.httpServer = http.createServer(app);\n  }\n}\nmodule.exports = { KumaServer };\n",
      files: { 'src/server.js': "const gracefulShutdown = require('http-graceful-shutdown');\nconst { KumaServer } = require('./kuma-server');\nconst server = new KumaServer(() => {});\nserver.httpServer.listen(3001);\ngracefulShutdown(server.httpServer, { signals: 'SIGINT SIGTERM' });\n" },
    },
    {
      name: 'a server given to terminus and one to http-terminator',
      code: "import http from 'node:http';\nimport { createTerminus } from '@godaddy/terminus';\nimport { createHttpTerminator } from 'http-terminator';\n\nexport const api = http.createServer();\nexport const admin = http.createServer();\ncreateTerminus(api, { signals: ['SIGTERM'] });\nexport const terminator = createHttpTerminator({ server: admin });\n",
    },
    {
      name: 'a socket ended by this.end() in its own non-arrow listener (statsd graphite backend)',
      filename: 'src/graphite.js',
      code: "var net = require('net');\nexports.flush = function (host, port, lines) {\n  var graphite = net.createConnection(port, host);\n  graphite.on('error', function () {});\n  graphite.on('connect', function () {\n    this.write(lines.join('\\n'));\n    this.end();\n  });\n};\n",
    },
    {
      name: 'a client handed to a pool through the factory callback (generic-pool create: cb(null, client))',
      filename: 'src/repeater.js',
      code: "var net = require('net');\nvar Pool = require('generic-pool').Pool;\nexports.createPool = function (server) {\n  return Pool({\n    create: function (cb) {\n      var client = net.connect(server.port, server.host);\n      client.on('connect', function () { cb(null, client); });\n    },\n    destroy: function (client) { client.end(); },\n    max: 5,\n  });\n};\n",
    },
    {
      name: 'stored on a wrapper object that the function returns (Haraka: socket.cleartext = cleartext; return socket)',
      filename: 'src/tls.js',
      code: "const tls = require('tls');\nclass Wrapper { attach(s) { this.target = s; } end() { this.target.end(); } }\nexports.connect = function (options) {\n  const socket = new Wrapper();\n  const cleartext = tls.connect(options);\n  socket.cleartext = cleartext;\n  socket.attach(socket.cleartext);\n  return socket;\n};\n",
    },
    {
      name: 'a pool captured by the methods of the returned object',
      code: "import { Pool } from 'pg';\nexport function createPostgres(connectionString: string) {\n  const pool = new Pool({ connectionString, connectionTimeoutMillis: 5000 });\n  return {\n    query: (sql: string) => pool.query(sql),\n    async close() { await pool.end(); },\n  };\n}\n",
    },
    {
      name: 'released by a helper that releases its parameter (close_safely(redis) { redis.quit() })',
      filename: 'src/cellar.js',
      code: "const Redis = require('ioredis');\nclass Cellar {\n  constructor(url) {\n    this.redis = new Redis(url);\n  }\n  stop() {\n    const redis = this.redis;\n    this.redis = null;\n    this.closeSafely(redis);\n  }\n  closeSafely(client) {\n    if (client) client.quit();\n  }\n}\nmodule.exports = { Cellar };\n",
    },
    {
      name: "getConnection on a project's own pool-like object is no checkout (kafkajs connectionPool)",
      filename: 'src/broker.js',
      code: "class Broker {\n  constructor({ connectionPool }) {\n    this.connectionPool = connectionPool;\n  }\n  async connect() {\n    const connection = await this.connectionPool.getConnection();\n    return connection.authenticate();\n  }\n}\nmodule.exports = Broker;\n",
      files: { 'package.json': '{ "name": "kafka-client", "main": "src/broker.js", "dependencies": { "long": "^4.0.0" } }\n' },
    },
    {
      name: 'a server in a package whose SIGTERM handler drains its own work and then hands process.exit to nextTick: the shutdown exits (check 23, peerflix-server)',
      filename: 'server/bin.js',
      code: "const http = require('http');\nconst server = http.createServer(() => {});\nserver.listen(9000);\n",
      files: { 'server/store.js': "const torrents = {};\nfunction shutdown(signal) {\n  if (signal) console.log(signal);\n  const keys = Object.keys(torrents);\n  if (keys.length) {\n    const key = keys[0];\n    torrents[key].destroy(() => {\n  delete torrents[key];\n      process.nextTick(shutdown);\n    });\n  } else {\n    process.nextTick(process.exit);\n  }\n}\nprocess.on('SIGTERM', function () {\n  shutdown('SIGTERM');\n});\nmodule.exports = torrents;\n" },
    },
    {
      name: 'a server in the program another module forks as a child (fork(__dirname + "/../forward.js")), with no signal handler of its own: the parent\'s drain is not its shutdown, the signal kills it (check 22, foreman)',
      filename: 'forward.js',
      code: "const http = require('http');\nfunction startForward(port) {\n  const httpServer = http.createServer((req, res) => res.end('ok'));\n  httpServer.listen(port);\n}\nstartForward(process.env.PROXY_PORT);\n",
      files: { 'lib/forward.js': "const prog = require('child_process');\nexports.startForward = function (emitter) {\n  const proc = prog.fork(__dirname + '/../forward.js', []);\n  emitter.once('killall', (signal) => proc.kill(signal));\n};\n", 'lib/main.js': "const { EventEmitter } = require('events');\nconst forward = require('./forward');\nconst emitter = new EventEmitter();\nforward.startForward(emitter);\nprocess.on('SIGTERM', () => emitter.emit('killall', 'SIGINT'));\n", 'package.json': "{ \"name\": \"acme-foreman\", \"bin\": { \"nf\": \"lib/main.js\" } }" },
    },
    {
      name: 'an interval in the worker a package.json apps entry names (pm2 runs it until it kills it): a service, no library (check 23, pm2-logrotate)',
      filename: 'app.js',
      code: "const fs = require('fs');\nfunction updateFileCountProbe() {\n  fs.readdir('/var/log/app', () => {});\n}\nupdateFileCountProbe();\nsetInterval(updateFileCountProbe, 30000);\n",
      files: { 'package.json': "{ \"name\": \"acme-logrotate\", \"main\": \"app.js\", \"apps\": [{ \"name\": \"acme-logrotate\", \"script\": \"app.js\" }] }" },
    },
    {
      name: 'a SIGTERM handler that exits: no timer or server can hold shutdown (statsd)',
      filename: 'src/stats.js',
      code: "const net = require('net');\nlet keyFlushInt;\nexports.startup = function () {\n  keyFlushInt = setInterval(() => {}, 60000);\n};\nexports.server = net.createServer(() => {});\n",
      files: { 'src/process_mgmt.js': "exports.init = function () {\n  process.on('SIGTERM', function () {\n    process.exit();\n  });\n};\n" },
    },
    {
      name: 'a discarded interval behind a once-guard, in a package whose SIGTERM handler exits (statsd proxy)',
      filename: 'src/proxy.js',
      code: "let serversLoaded;\nfunction doHealthChecks() {}\nexports.configure = function (conf) {\n  if (!serversLoaded) {\n    serversLoaded = true;\n    setInterval(doHealthChecks, conf.interval);\n  }\n};\nprocess.on('SIGTERM', () => process.exit(0));\n",
    },
    {
      name: 'start-up code run once: a server made in an exported start() called once from the entry (statsd mgmt_server)',
      filename: 'src/mgmt.js',
      code: "const net = require('net');\nexports.start = function (config, onData) {\n  const server = net.createServer((stream) => stream.on('data', onData));\n  server.listen(config.port);\n  return true;\n};\n",
      files: {
        'src/stats.js': "const mgmt = require('./mgmt');\nlet loaded = false;\nexports.configure = function (config) {\n  if (!loaded) {\n    mgmt.start(config, () => {});\n    loaded = true;\n  }\n};\n",
        'package.json': '{ "name": "statsd", "bin": { "statsd": "bin/statsd" } }\n',
      },
    },
    {
      name: 'a connection released on the success path in start-up code whose failure ends the process (uptime-kuma Database.connect)',
      filename: 'server/database.js',
      code: "const mysql = require('mysql2/promise');\nclass Database {\n  static async connect() {\n    const connection = await mysql.createConnection({ host: 'db' });\n    await connection.execute('CREATE DATABASE IF NOT EXISTS kuma');\n    connection.end();\n  }\n}\nmodule.exports = Database;\n",
      files: { 'server/server.js': "const Database = require('./database');\n(async () => {\n  try {\n    await initDatabase();\n  } catch (e) {\n    process.exit(1);\n  }\n})();\nasync function initDatabase() {\n  await Database.connect();\n}\n" },
    },
    {
      name: 'a factory called once at start-up starts an interval (cors-anywhere rate limit)',
      filename: 'lib/rate-limit.js',
      code: "module.exports = function createRateLimitChecker(limit) {\n  var accessed = Object.create(null);\n  setInterval(function () {\n    accessed = Object.create(null);\n  }, 60000);\n  return function check(origin) { return accessed[origin] > limit; };\n};\n",
      files: {
        'server.js': "var checkRateLimit = require('./lib/rate-limit')(process.env.LIMIT);\nmodule.exports = checkRateLimit;\n",
        // No start script: `npm start` runs `node server.js`.
        'package.json': '{ "name": "cors-proxy", "main": "lib/cors.js" }\n',
      },
    },
    {
      name: 'browser code has no process to keep alive ($(document).ready)',
      filename: 'static/js/admin/plugins.js',
      code: "$(document).ready(() => {\n  const socket = socketio.connect('..');\n  setInterval(() => {\n    socket.emit('checkUpdates');\n  }, 1000 * 60 * 5);\n});\n",
    },
    {
      name: 'a ws server on a borrowed http server opens no port (noServer / server)',
      filename: 'src/server.js',
      code: "const WebSocket = require('ws');\nconst wss = new WebSocket.Server({ noServer: true });\nclass Adapter {\n  start() {\n    const live = new WebSocket.Server({ server: this.server });\n    live.on('connection', () => {});\n  }\n}\nmodule.exports = { wss, Adapter };\n",
    },
    {
      name: "a service's module-level resources with no signal handling at all are missing-shutdown's (Node exits at once on SIGTERM)",
      filename: 'src/server.js',
      code: "const http = require('http');\nconst { Pool } = require('pg');\nconst pool = new Pool({ connectionTimeoutMillis: 2000 });\nconst server = http.createServer((req, res) => pool.query('select 1').then(() => res.end()));\nserver.listen(8080);\n",
      files: { 'package.json': '{ "name": "svc", "scripts": { "start": "node src/server.js" } }\n' },
    },

    // ---- Made by code whose owner has no way to be torn down: what the program is for (holdouts 12-13). ----
    {
      name: "a plugin entry a host runs once per child process (whistle): its servers live as long as the child",
      filename: 'lib/plugin.js',
      code: "const http = require('http');\nmodule.exports = function (options, callback) {\n  const uiServer = http.createServer(options.handleUi);\n  uiServer.listen(0, () => callback(null, uiServer.address().port));\n};\n",
    },
    {
      name: "a Homebridge platform's launch hook starts its trigger server: the platform has no teardown, the server lives with Homebridge",
      filename: 'src/platform.js',
      code: "const http = require('http');\nclass Platform {\n  constructor(log, config, api) {\n    api.on('didFinishLaunching', () => this.didFinishLaunching());\n  }\n  didFinishLaunching() {\n    const server = http.createServer((req, res) => res.end());\n    server.listen(8080);\n  }\n}\nmodule.exports = Platform;\n",
    },
    {
      name: "a Homebridge platform's launch hook connects an MQTT client it listens to for messages: kept for the platform's life",
      filename: 'src/platform.js',
      code: "const mqtt = require('mqtt');\nclass Platform {\n  didFinishLaunching() {\n    const client = mqtt.connect('mqtt://broker:1883');\n    client.on('connect', () => client.subscribe('cam/+'));\n    client.on('message', (topic, message) => this.trigger(topic, message));\n  }\n  trigger() {}\n}\nmodule.exports = Platform;\n",
    },
    {
      name: 'a handler a framework runs once per instance starts a sweep interval (gun)',
      filename: 'lib/evict.js',
      code: "const Gun = require('./root');\nGun.on('opt', function (root) {\n  setInterval(() => root.evict(), 1000);\n  this.to.next(root);\n});\n",
    },
    {
      name: "a bot class whose methods are mixed in from its methods/ folder keeps its flush interval and the mixed-in stop clears it",
      filename: 'lib/index.js',
      code: "const methods = require('./methods');\nclass Bot {\n  constructor(settings) {\n    this.settings = settings;\n    Object.entries(methods).forEach(([key, method]) => {\n      this[key] = method.bind(this);\n    });\n    this.flushTimer = setInterval(() => this.flush(), this.settings.execute_timeout);\n  }\n}\nmodule.exports = Bot;\n",
      files: { 'lib/methods/index.js': "module.exports = { stop: require('./stop') };\n", 'lib/methods/stop.js': "module.exports = function () {\n  clearInterval(this.flushTimer);\n};\n" },
    },
    {
      name: 'a cache class with no teardown method sweeps with an interval from its constructor',
      filename: 'src/delta-cache.js',
      code: "class DeltaCache {\n  constructor() {\n    this.cache = {};\n    setInterval(() => this.prune(), 60000);\n  }\n  prune() {}\n}\nmodule.exports = DeltaCache;\n",
    },
    {
      name: 'a class with no teardown method holds its Redis client for the life of the program',
      filename: 'lib/url-list.js',
      code: "var RedisUrlList, redis = require('redis');\nRedisUrlList = function (opts) {\n  this._redis = redis.createClient(opts);\n};\nRedisUrlList.prototype.insert = function (url) {\n  return this._redis.sadd('urls', url);\n};\nmodule.exports = RedisUrlList;\n",
    },
    {
      name: "a dashboard's init, run once by its program, starts the refresh interval",
      filename: 'src/dashboard.js',
      code: "exports.init = function (screen, refresh) {\n  screen.key(['q', 'C-c'], () => screen.destroy());\n  setInterval(() => refresh(screen), 300);\n};\n",
    },
    {
      name: 'a Homebridge platform constructor handed to registerPlatform starts its discovery interval: Homebridge makes one platform for its life',
      filename: 'index.js',
      code: "function WemoPlatform(log, config, api) {\n  this.api = api;\n  setInterval(function () {\n    discover();\n  }, 30000);\n}\nWemoPlatform.prototype.configureAccessory = function (accessory) {};\nfunction discover() {}\nmodule.exports = function (homebridge) {\n  homebridge.registerPlatform('homebridge-platform-wemo', 'BelkinWeMo', WemoPlatform, true);\n};\n",
    },
    {
      name: 'an exported startPolling no project code calls: its callers own the polling',
      code: "export function startPolling(poll: () => void) {\n  setInterval(poll, 1000);\n}\n",
    },
    {
      name: 'an AMQP connection kept as its connect promise and closed through `.then(conn => conn.close())` (celery-node, check 60)',
      filename: 'lib/backends/amqp.js',
      code: CELERY_AMQP_BACKEND,
    },
  ],
  invalid: [
    {
      name: 'the same connect promise whose `.then` only opens a channel: nothing closes the connection',
      filename: 'lib/backends/amqp.js',
      code: CELERY_AMQP_BACKEND.replace('return this.connect.then((conn) => conn.close());', 'return this.channel.then((ch) => ch.close());'),
      errors: [{ messageId: 'keepsAlive', line: 4, column: 20 }],
    },
    {
      name: "the connect closure keeps the TLS socket in a member nothing ends: reported, named by that member",
      filename: 'lib/connection.js',
      code: FTP_CONNECTION('self._tlsSocket'),
      errors: [{
        messageId: 'keepsAlive', line: 11, column: 47,
        data: { what: 'The socket `self._tlsSocket`', closed: 'ended', close: 'end', missing: 'nothing in the project calls `self._tlsSocket.end()`', holds: 'the open socket keeps the event loop alive', registration: 'onShutdown(() => self._tlsSocket.end())' },
      }],
      output: null,
    },
    {
      name: "a compiled optional chain that kills another member leaves the spawned child open",
      filename: "src/redis-server/redis-server.js",
      code: "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nconst child_process_1 = require(\"child_process\");\nclass RedisServer {\n    constructor() {\n        this.redisChildProcess = null;\n        this.other = null;\n        this.handleProcessExit = () => this.shutdown();\n        process.on('SIGINT', this.handleProcessExit);\n        process.on('SIGTERM', this.handleProcessExit);\n    }\n    start(port) {\n        this.redisChildProcess = (0, child_process_1.spawn)('redis-server', ['--port', String(port)]);\n    }\n    shutdown() {\n        var _b;\n        (_b = this.other) === null || _b === void 0 ? void 0 : _b.kill('SIGTERM');\n    }\n}\nexports.RedisServer = RedisServer;\n",
      errors: [{ messageId: 'hangsShutdown', line: 13, column: 34 }],
      output: null,
    },
    {
      name: "a tls socket only read through a type assertion, never stored: still released only on the success path",
      filename: "src/irc.ts",
      code: "import * as tls from 'tls';\ninterface IrcConnection extends tls.TLSSocket { connecting: boolean }\nexport class Client {\n  private conn?: IrcConnection;\n  private isOurSocket = true;\n  connect(opts: tls.ConnectionOptions, selfSigned: boolean): void {\n    if (this.isOurSocket && this.conn) {\n      this.conn.destroy();\n      this.conn = undefined;\n    }\n    const tlscon: tls.TLSSocket = tls.connect(opts, () => {\n      if (!(tlscon instanceof tls.TLSSocket)) {\n        throw Error('Conn was not a TLSSocket');\n      }\n      if (!tlscon.authorized && !selfSigned) {\n        return tlscon.destroy(tlscon.authorizationError);\n      }\n      tlscon.setEncoding('utf-8');\n    });\n    const cert = (tlscon as tls.TLSSocket).getPeerCertificate();\n    console.log(cert);\n  }\n}\n",
      errors: [{ messageId: 'perCall', line: 11, column: 35, severity: 'error' }],
      output: null,
    },
    {
      name: "a socket whose address is returned, not the socket: still never released",
      filename: "lib/tcp.js",
      code: "var net = require('net');\nfunction createSocket(opts) {\n  var s = net.connect({ host: opts.host, port: opts.port });\n  ['connect', 'error', 'close'].forEach(function (e) {\n    s.on(e, opts.proxy.emit.bind(opts.proxy, e));\n  });\n  s.write('hello');\n  return (s.remoteAddress);\n}\nfunction TCPStream(opts) {\n  var self = this;\n  this.socket = createSocket({ host: opts.host, port: opts.port, proxy: this });\n  this.on('close', function () { self.socket = createSocket(opts); });\n}\nTCPStream.prototype.write = function (r) { this.socket.write(r); };\nTCPStream.prototype.close = function () { this.socket.end(); this.socket = null; };\nmodule.exports = { createSocket: createSocket, TCPStream: TCPStream };\n",
      errors: [{ messageId: 'perCall', line: 3, column: 11, severity: 'error' }],
      output: null,
    },
    {
      name: "a NATS connection promise whose settled connection is only used, never handed on or drained",
      filename: "lib/adapters/nats.js",
      code: "const { connect, StringCodec } = require('nats');\nmodule.exports = (config) => {\n  return (app) => {\n    const natsClient = connect({ servers: [config.uri] });\n    const sc = StringCodec();\n    app.sync = {\n      type: 'nats',\n      ready: new Promise((resolve, reject) => {\n        natsClient\n          .then((connection) => {\n            const sub = connection.subscribe(config.key);\n            (async () => { for await (const m of sub) app.emit('sync-in', sc.decode(m.data)); })();\n            resolve(sub.getProcessed());\n          })\n          .catch((error) => reject(error));\n      })\n    };\n  };\n};\n",
      errors: [{ messageId: 'perCall', line: 4, column: 24, severity: 'error' }],
      output: null,
    },
    {
      name: 'the field ended holds the child\'s stdout, not its stdin: the child is not told to exit',
      filename: 'lib/thrift/connection.js',
      code: STDIO_CONNECTION('child.stdout', 'this.connection.destroy()'),
      errors: [{ messageId: 'keepsAlive', line: 7, column: 29 }],
    },
    {
      name: 'the stdin kept in the field is only written to, never ended',
      filename: 'lib/thrift/connection.js',
      code: STDIO_CONNECTION('child.stdin', 'this.connection.write(\'\')'),
      errors: [{ messageId: 'keepsAlive', line: 7, column: 29 }],
    },
    {
      name: "a callback-style checkout whose release an early return on an empty result skips, though its error return is fine (pg)",
      filename: 'lib/users.js',
      code: "const { Pool } = require('pg');\nconst pool = new Pool();\nprocess.on('SIGTERM', () => pool.end());\nexports.find = function (id, cb) {\n  pool.connect((err, client) => {\n    if (err) return cb(err);\n    let done = false;\n    client.query('select 1', [id], (err, res) => {\n      if (done) return;\n      if (!res.rows.length) return cb(null, null);\n      client.release();\n      cb(err, res.rows[0]);\n    });\n  });\n};\n",
      errors: [{ messageId: 'checkout', data: { name: 'client', method: 'pool.connect', problem: 'is released only on the success path', release: 'client.release();' }, line: 5, column: 3, severity: 'error' }],
    },
    {
      name: 'a per-request ioredis client whose description (made from it and more) goes into a response: not handed on',
      filename: 'src/status.js',
      code: "const Redis = require('ioredis');\nconst describe = (c, extra) => ({ status: c.status, ...extra });\nexports.status = async function (req, res) {\n  const redis = new Redis(req.query.url);\n  await redis.ping();\n  res.json({ redis: describe(redis, { at: Date.now() }) });\n  state.set('last', { seen: String(redis) });\n};\n",
      errors: [{ messageId: 'perCall', line: 4, column: 17, severity: 'error' }],
      output: null,
    },
    {
      name: 'an interval handed to a project registry that only forgets it (deleteInterval drops the entry, never clears it): still kept alive',
      filename: 'lib/scheduler.orchestrator.js',
      code: "class SchedulerOrchestrator {\n  constructor(schedulerRegistry) { this.schedulerRegistry = schedulerRegistry; this.intervals = {}; }\n  mountIntervals() {\n    Object.keys(this.intervals).forEach((key) => {\n      const options = this.intervals[key];\n      const intervalRef = setInterval(options.target, options.timeout);\n      options.ref = intervalRef;\n      this.schedulerRegistry.addInterval(key, intervalRef);\n    });\n  }\n  beforeApplicationShutdown() {\n    this.clearIntervals();\n    this.closeCronJobs();\n  }\n  clearIntervals() {\n    this.schedulerRegistry.getIntervals().forEach((key) => this.schedulerRegistry.deleteInterval(key));\n  }\n  closeCronJobs() {}\n}\nexports.SchedulerOrchestrator = SchedulerOrchestrator;\n",
      files: { 'lib/scheduler.registry.js': "class SchedulerRegistry {\n  constructor() { this.intervals = new Map(); }\n  getInterval(name) {\n    const ref = this.intervals.get(name);\n    if (typeof ref === 'undefined') throw new Error(`No Interval was found with the given name (${name})`);\n    return ref;\n  }\n  addInterval(name, intervalId) {\n    if (this.intervals.get(name)) throw new Error(`Interval with the given name (${name}) already exists`);\n    this.intervals.set(name, intervalId);\n  }\n  getIntervals() { return [...this.intervals.keys()]; }\n  deleteInterval(name) {\n    this.intervals.delete(name);\n  }\n}\nexports.SchedulerRegistry = SchedulerRegistry;\n" },
      errors: [{ messageId: 'keepsAlive', line: 6, column: 27 }],
      output: null,
    },
    {
      name: 'an interval handed to a registry whose class clears the entries of another collection than the one it stores into: still kept alive',
      filename: 'lib/scheduler.orchestrator.js',
      code: "class SchedulerOrchestrator {\n  constructor(schedulerRegistry) { this.schedulerRegistry = schedulerRegistry; this.intervals = {}; }\n  mountIntervals() {\n    Object.keys(this.intervals).forEach((key) => {\n      const options = this.intervals[key];\n      const intervalRef = setInterval(options.target, options.timeout);\n      options.ref = intervalRef;\n      this.schedulerRegistry.addInterval(key, intervalRef);\n    });\n  }\n  beforeApplicationShutdown() {\n    this.clearIntervals();\n    this.closeCronJobs();\n  }\n  clearIntervals() {\n    this.schedulerRegistry.getIntervals().forEach((key) => this.schedulerRegistry.deleteInterval(key));\n  }\n  closeCronJobs() {}\n}\nexports.SchedulerOrchestrator = SchedulerOrchestrator;\n",
      files: { 'lib/scheduler.registry.js': "class SchedulerRegistry {\n  constructor() { this.intervals = new Map(); this.retired = new Map(); }\n  getInterval(name) {\n    const ref = this.intervals.get(name);\n    if (typeof ref === 'undefined') throw new Error(`No Interval was found with the given name (${name})`);\n    return ref;\n  }\n  addInterval(name, intervalId) {\n    if (this.intervals.get(name)) throw new Error(`Interval with the given name (${name}) already exists`);\n    this.intervals.set(name, intervalId);\n  }\n  getIntervals() { return [...this.intervals.keys()]; }\n  deleteInterval(name) {\n    const interval = this.retired.get(name);\n    clearInterval(interval);\n    this.intervals.delete(name);\n  }\n}\nexports.SchedulerRegistry = SchedulerRegistry;\n" },
      errors: [{ messageId: 'keepsAlive', line: 6, column: 27 }],
      output: null,
    },
    {
      name: 'the same `var server` in both branches when destroy() closes nothing: the server made per call is never released',
      filename: 'sip.js',
      code: "var WebSocket = require('ws');\n\nfunction makeWsTransport(options, callback) {\n  function init(ws) {\n    ws.on('message', function (data) { callback(data); });\n  }\n\n  if (options.ws_port) {\n    if (options.tls) {\n      var http = require('https');\n      var server = new WebSocket.Server({\n        server: http.createServer(options.tls, function (rq, rs) { rs.end(''); }).listen(options.ws_port)\n      });\n    } else {\n      var server = new WebSocket.Server({ port: options.ws_port });\n    }\n    server.on('connection', init);\n  }\n\n  return {\n    destroy: function () { options.closed = true; }\n  };\n}\n\nexports.start = function (o, cb) { var t = makeWsTransport(o, cb); return { stop: function () { t.destroy(); } }; };\n",
      errors: [{ messageId: 'perCall', line: 15, column: 20 }],
    },
    {
      name: 'the same compiled pool whose stop clears another timer: the reaping interval is never cleared',
      filename: 'lib/Pool.js',
      code: "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nconst timers_1 = require(\"timers\");\nconst fs_1 = require(\"fs\");\nclass Pool {\n  constructor() { this.interval = null; }\n  _startReaping() {\n    if (!this.interval) {\n      this.interval = setInterval(() => this.check(), 1000);\n    }\n  }\n  _stopReaping() {\n    if (this.interval !== null) (0, timers_1.clearTimeout)(this.timeout);\n    this.interval = null;\n  }\n  check() {}\n  destroy() {\n    return new Promise((resolve) => {\n      const interval = setInterval(() => {\n        if (this.pending() === 0) { (0, timers_1.clearInterval)(interval); resolve(); }\n      }, 100);\n    });\n  }\n  pending() { return 0; }\n}\nexports.Pool = Pool;\n",
      errors: [{ messageId: 'keepsAlive', line: 9, column: 23 }],
    },
    {
      name: "a bot class whose methods are mixed in (this[key] = method.bind(this)) starts an interval in its constructor and throws the handle away: its mixed-in stop cannot clear it (check 33, node-vk-bot-api)",
      filename: 'lib/index.js',
      code: "const methods = require('./methods');\nclass Bot {\n  constructor(settings) {\n    this.settings = settings;\n    Object.entries(methods).forEach(([key, method]) => {\n      this[key] = method.bind(this);\n    });\n    setInterval(() => this.flush(), this.settings.execute_timeout);\n  }\n}\nmodule.exports = Bot;\n",
      files: { 'lib/methods/index.js': "module.exports = { stop: require('./stop') };\n", 'lib/methods/stop.js': "module.exports = function () {\n  this.isStopped = true;\n};\n" },
      errors: [{ messageId: 'discardedInterval', line: 8, column: 5, severity: 'error' }],
    },
    {
      name: 'a message sent to the forked child outside any close-like method stops nothing',
      filename: 'src/io/fork/parent.js',
      code: "const { fork } = require('child_process');\nconst path = require('path');\n\nclass ForkScanner {\n  constructor(port) {\n    this.child = fork(path.join(__dirname, 'child.js'), [String(port)]);\n    this.child.on('message', (m) => this.onMessage(m));\n  }\n\n  onMessage(message) {\n    this.last = message;\n  }\n\n  report(cb) {\n    if (this.child.connected) {\n      this.child.send({ type: 'closeScanner' });\n    }\n    cb();\n  }\n}\n\nmodule.exports = ForkScanner;\n",
      errors: [{ messageId: 'keepsAlive', line: 6, column: 18 }],
    },
    {
      name: 'a getter that does more than hand out the member is no alias: the member is never released',
      filename: 'src/providers/provider-ipcsocket.ts',
      code: "import { connect, type Socket } from 'node:net';\n\nexport class IpcSocketProvider {\n  #socket: Socket;\n\n  #other?: Socket;\n\n  get socket(): Socket { return this.#other ?? this.#socket; }\n\n  constructor(path: string) {\n    this.#socket = connect(path);\n    this.socket.on('end', () => {\n      this.socket.destroy();\n    });\n  }\n\n  destroy(): void {\n    this.socket.destroy();\n  }\n}\n",
      errors: [{ messageId: 'keepsAlive', line: 11, column: 20 }],
    },
    {
      name: "the same advanced-pool object given back only on success: the render error path keeps it checked out",
      filename: 'src/serve_rendered.js',
      code: "import advancedPool from 'advanced-pool';\nimport { makeRenderer } from './renderer.js';\n\nconst pool = new advancedPool.Pool({ min: 1, max: 4, create: makeRenderer, destroy: (r) => r.release() });\nprocess.on('SIGTERM', () => pool.close());\n\nexport function renderTile(req, res) {\n  pool.acquire((err, renderer) => {\n    if (err) return res.status(503).end();\n    renderer.render(req.params, (renderErr, data) => {\n      if (renderErr) return res.status(500).end();\n      pool.release(renderer);\n      res.end(data);\n    });\n  });\n}\n",
      errors: [{ messageId: 'checkout', line: 8, column: 3 }],
    },
    {
      name: "the same socket never handed on: the class's disconnect(socket) closes other sockets, never this one",
      filename: 'lib/wire-protocol.js',
      code: "const net = require('net');\nconst { EventEmitter } = require('events');\nmodule.exports = class WireProtocol extends EventEmitter {\n  reconnect() {\n    setTimeout(() => {\n      this.socket = net.connect({ port: this.port, host: this.host });\n    this.socket.on('data', (d) => this.emit('msg', d));\n    }, this.delay);\n  }\n  installListeners(socket) {\n    socket.on('connect', () => this.emit('connect', socket));\n  }\n  disconnect(socket) {\n    this.closing = true;\n    socket.end();\n  }\n};\n",
      errors: [{ messageId: 'keepsAlive', line: 6, column: 21 }],
    },
    {
      name: "the same command's interval in a package whose start script runs a server: it piles up per call",
      filename: 'lib/esim.js',
      code: "const CommandBase = require('./base');\nclass ESimCommands extends CommandBase {\n  async bulkProvisionCommand(args) {\n    await this.loadProfiles(args);\n    const provisioned = new Set();\n    setInterval(async () => {\n      for (const device of await this.serial.findDevices()) {\n        if (!provisioned.has(device.id)) { provisioned.add(device.id); this.provision(device); }\n      }\n    }, 1000);\n    console.log('Ready to bulk provision. Press Ctrl-C to exit.');\n  }\n}\nmodule.exports = ESimCommands;\n",
      files: { ...WATCH_CLI, 'package.json': "{ \"name\": \"acme-cli\", \"description\": \"The official CLI for developing on Acme\", \"bin\": { \"acme\": \"./bin/acme.js\" }, \"scripts\": { \"start\": \"node server.js\" } }" },
      errors: [{ messageId: 'discardedInterval', line: 6, column: 5, severity: 'error' }],
    },
    {
      name: "the same interval in a Node-RED node: Node-RED redeploys nodes in its own process, so the interval stays reported",
      filename: 'lib/device.js',
      code: "const EventEmitter = require('events');\nmodule.exports = class Device extends EventEmitter {\n  constructor(config) {\n    super();\n    this.config = config;\n    ['SIGINT', 'SIGTERM'].forEach((signal) => process.on(signal, () => this.emit('destroy')));\n    this.on('paired', () => {\n      setInterval(() => this.refresh(), this.config.refresh);\n    });\n  }\n  refresh() {}\n};\n",
      files: { 'package.json': '{ "name": "node-red-contrib-tv", "keywords": ["node-red"], "node-red": { "nodes": { "tv": "lib/device.js" } } }\n' },
      errors: [{ messageId: 'hangsShutdown', line: 8, column: 7 }],
    },
    {
      name: 'the same watcher in a package that also runs as a service (a start script)',
      filename: 'lib/watch.js',
      code: WATCH_COMMAND,
      files: { ...WATCH_CLI, 'package.json': '{ "name": "acme-cli", "description": "The official CLI for developing on Acme", "bin": { "acme": "./bin/acme.js" }, "scripts": { "start": "node server.js" } }' },
      errors: [{ messageId: 'perCall', line: 3, column: 19, severity: 'error' }],
      output: null,
    },
    {
      name: 'a database client a command of the same command-line tool makes per call and never ends: it piles up within the run',
      filename: 'lib/watch.js',
      code: "const { Client } = require('pg');\nexports.createWatcher = async function (dir, onEvent) {\n  const client = new Client({ connectionTimeoutMillis: 3000 });\n  await client.connect();\n  onEvent(await client.query('select 1'));\n};\n",
      files: WATCH_CLI,
      errors: [{ messageId: 'perCall', line: 3, column: 18, severity: 'error' }],
      output: null,
    },
    {
      name: 'the same platform constructor run for every discovered device: each run starts one more interval',
      filename: 'index.js',
      code: "function WemoPlatform(log, config, api) {\n  this.api = api;\n  setInterval(function () {\n    discover();\n  }, 30000);\n}\nWemoPlatform.prototype.configureAccessory = function (accessory) {};\nfunction discover() {}\nmodule.exports = function (homebridge, bus) {\n  bus.on('device', WemoPlatform);\n};\n",
      errors: [{ messageId: 'discardedInterval', line: 3, column: 3, severity: 'error' }],
    },
    {
      name: 'a socket piped into with `{ end: false }` stays open when the source ends: still never released',
      filename: 'lib/proxy.js',
      code: "var net = require('net');\nexports.tunnel = function (server) {\n  server.on('connect', function (request, clientSocket) {\n    var serverSocket = net.connect(8443, 'localhost', function () {\n      clientSocket.pipe(serverSocket, { end: false });\n    });\n  });\n};\n",
      errors: [{ messageId: 'perCall', line: 4, column: 24, severity: 'error' }],
      output: null,
    },
    {
      name: 'a terminal prompt made per question and never closed, in a package whose program relies on exiting by itself',
      filename: 'lib/npm.js',
      code: "const readline = require('readline');\nexports.askName = function (cb) {\n  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });\n  rl.question('Module name: ', (name) => cb(null, name));\n};\n",
      errors: [{ messageId: 'perCall', data: { noun: 'readline interface on stdin', name: 'rl', fn: '`askName()`', problem: 'is never released', todo: 'release it in `finally`', pilesUp: 'each keeps a listener on stdin, and the program can no longer exit on its own', advice: 'Release it in `finally` (`try { … } finally { rl.close() }`) or declare it with `await using`.' }, line: 3, column: 14, severity: 'error' }],
    },
    {
      name: 'an interval a screen object starts on each init, when the screen can be destroyed: each init adds a timer nothing clears',
      filename: 'src/dashboard.js',
      code: "function Dashboard(screen) { this.screen = screen; }\nDashboard.prototype.init = function (refresh) {\n  setInterval(() => refresh(this.screen), 300);\n};\nDashboard.prototype.destroy = function () { this.screen.destroy(); };\nmodule.exports = Dashboard;\n",
      errors: [{ messageId: 'discardedInterval', data: { fn: '`Dashboard.init()`' }, line: 3, column: 3, severity: 'error' }],
    },
    {
      name: "a forked child whose promise settles on a message, not on 'close' or 'exit': still running after the await",
      filename: 'src/job.js',
      code: "const { fork } = require('node:child_process');\nclass Job {\n  async run(helper) {\n    await new Promise((resolve) => {\n      this.forkedChild = fork(helper.path, [this.name]);\n      this.forkedChild.on('message', () => resolve());\n    });\n  }\n}\nmodule.exports = Job;\n",
      errors: [{ messageId: 'keepsAlive', line: 5, column: 26 }],
      output: null,
    },
    {
      name: 'a module that reads process.argv, loaded with require(path.join(__dirname, …)): a module of the same process',
      filename: 'src/git/auth-writer.js',
      code: "const net = require('net');\nconst socket = net.connect(process.argv[2]);\nsocket.setEncoding('utf8');\nmodule.exports = socket;\n",
      files: { 'src/git/index.js': "const path = require('path');\nconst socket = require(path.join(__dirname, 'auth-writer.js'));\nexports.send = (line) => socket.write(line);\n" },
      errors: [{ messageId: 'keepsAlive', line: 2, column: 16 }],
      output: "const net = require('net');\nconst { onShutdown } = require('../../stability-runtime.cjs');\nconst socket = net.connect(process.argv[2]);\nonShutdown(() => socket.end());\nsocket.setEncoding('utf8');\nmodule.exports = socket;\n",
    },
    {
      name: 'a module-level socket in a program that reads process.argv but that no module names by path',
      filename: 'src/git/auth-writer.js',
      code: "const net = require('net');\nconst socket = net.connect(process.argv[2], function () {\n  socket.on('data', (data) => console.log(data));\n  socket.write((process.argv[3] || '') + '\\n', 'utf8');\n});\nsocket.setEncoding('utf8');\n",
      errors: [{ messageId: 'keepsAlive', line: 2, column: 16 }],
      output: "const net = require('net');\nconst { onShutdown } = require('../../stability-runtime.cjs');\nconst socket = net.connect(process.argv[2], function () {\n  socket.on('data', (data) => console.log(data));\n  socket.write((process.argv[3] || '') + '\\n', 'utf8');\n});\nonShutdown(() => socket.end());\nsocket.setEncoding('utf8');\n",
    },
    {
      name: 'a second pool that is never ended',
      code: "import { Pool } from 'pg';\n\nexport const pool = new Pool();\nexport const reportingPool = new Pool();\n",
      files: { 'src/shutdown.ts': "import { pool } from './test-case';\nprocess.on('SIGTERM', async () => {\n  await pool.end();\n});\n" },
      config: SHIM,
      errors: [{
        message: 'The connection pool `reportingPool` is never ended, so graceful shutdown hangs: end it on shutdown.\n' +
          'The package handles SIGTERM/SIGINT by closing what it knows and letting the event loop drain, but nothing in the project calls ' +
          `\`reportingPool.end()\`; ${POOL_HOLDS}, so after SIGTERM the process waits until it is killed with SIGKILL, cutting off whatever ` +
          'is still in flight. Register it: `onShutdown(() => reportingPool.end())`.',
        line: 4, column: 30, endLine: 4, endColumn: 40, severity: 'warn',
      }],
      output: "import { Pool } from 'pg';\nimport { onShutdown } from '@acme/runtime';\n\nexport const pool = new Pool();\nexport const reportingPool = new Pool();\nonShutdown(() => reportingPool.end());\n",
      typecheck: false,
    },
    {
      name: 'a class ending its own `this.pool` does not release a module-level `pool` of the same name',
      code: "import { Pool } from 'pg';\n\nexport const pool = new Pool({ connectionTimeoutMillis: 5000 });\n",
      files: {
        'src/audit.ts': "import { Pool } from 'pg';\n\nexport class Audit {\n  private pool = new Pool({ connectionTimeoutMillis: 5000 });\n  async close() {\n    await this.pool.end();\n  }\n}\n",
      },
      errors: [{ messageId: 'keepsAlive', line: 3, column: 21, endLine: 3, endColumn: 64 }],
      output: "import { Pool } from 'pg';\nimport { onShutdown } from './stability-runtime';\n\nexport const pool = new Pool({ connectionTimeoutMillis: 5000 });\nonShutdown(() => pool.end());\n",
      createdFiles: ['src/stability-runtime.ts'],
    },
    {
      name: 'a module-level pool, fixed with the shim file created once',
      code: "import { Pool } from 'pg';\n\nexport const pool = new Pool({ connectionTimeoutMillis: 5000 });\n",
      errors: [{ messageId: 'keepsAlive', line: 3, column: 21, endLine: 3, endColumn: 64 }],
      output: "import { Pool } from 'pg';\nimport { onShutdown } from './stability-runtime';\n\nexport const pool = new Pool({ connectionTimeoutMillis: 5000 });\nonShutdown(() => pool.end());\n",
      createdFiles: ['src/stability-runtime.ts'],
    },
    {
      name: 'the registration goes after a trailing comment, with the file quotes and no semicolons',
      code: 'import { createServer } from "node:net"\n\nconst server = createServer() // the admin port\nserver.listen(9000)\n',
      config: SHIM,
      errors: [{ messageId: 'keepsAlive', line: 3, column: 16, endLine: 3, endColumn: 30 }],
      output: 'import { createServer } from "node:net"\nimport { onShutdown } from "@acme/runtime"\n\nconst server = createServer() // the admin port\nonShutdown(() => server.close())\nserver.listen(9000)\n',
      typecheck: false,
    },
    {
      name: 'a module-level setInterval whose handle is discarded',
      code: "import { flushMetrics } from './metrics';\n\nsetInterval(flushMetrics, 10_000);\n",
      files: { 'src/metrics.ts': 'export function flushMetrics() {}\n' },
      errors: [{
        message: 'This `setInterval(flushMetrics)` is never cleared and keeps the process alive: clear it when done.\n' +
          'It stays open because its handle is thrown away, so nothing can clear it; the timer keeps the event loop alive and its callback ' +
          'keeps running, so a script, a test run or any program that loads this module keeps running after its work is done (nothing in ' +
          'the package handles SIGTERM/SIGINT by ending the process). Release it when its owner stops, or register it: ' +
          '`onShutdown(() => clearInterval(flushMetricsInterval))`.',
        line: 3, column: 1, endLine: 3, endColumn: 34, severity: 'warn',
      }],
      output: "import { flushMetrics } from './metrics';\nimport { onShutdown } from './stability-runtime';\n\nconst flushMetricsInterval = setInterval(flushMetrics, 10_000);\nonShutdown(() => clearInterval(flushMetricsInterval));\n",
    },
    {
      name: 'a discarded interval in CommonJS, no semicolons',
      filename: 'src/heartbeat.js',
      code: "const os = require('os')\n\nsetInterval(() => {\n  console.log(os.loadavg())\n}, 5000)\n",
      errors: [{ messageId: 'keepsAlive', line: 3, column: 1, endLine: 5, endColumn: 9 }],
      output: "const os = require('os')\nconst { onShutdown } = require('../stability-runtime.cjs')\n\nconst interval = setInterval(() => {\n  console.log(os.loadavg())\n}, 5000)\nonShutdown(() => clearInterval(interval))\n",
    },
    {
      name: 'a discarded interval inside a method of a class that can be stopped: error, suggestion only',
      code: "export class Poller {\n  startPolling(poll: () => void) {\n    setInterval(poll, 1000);\n  }\n  stop() {}\n}\n",
      config: SHIM,
      errors: [{
        messageId: 'discardedInterval', data: { fn: '`Poller.startPolling()`' },
        line: 3, column: 5, severity: 'error',
        suggestions: [{
          title: 'Keep the interval handle and clear it on shutdown',
          output: "import { onShutdown } from '@acme/runtime';\n\nexport class Poller {\n  startPolling(poll: () => void) {\n    const pollInterval = setInterval(poll, 1000);\n    onShutdown(() => clearInterval(pollInterval));\n  }\n  stop() {}\n}\n",
        }],
      }],
      output: null,
    },
    {
      name: 'client.release() only on the happy path',
      code: [
        "import { pool } from './db';",
        '',
        'export class UserRepository {',
        '  async findById(id: string) {',
        '    const client = await pool.connect();',
        "    const { rows } = await client.query('select * from users where id = $1', [id]);",
        '    client.release();',
        '    return rows[0];',
        '  }',
        '}',
        '',
      ].join('\n'),
      files: { 'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\nprocess.on('SIGTERM', () => pool.end());\n" },
      errors: [{
        message: `\`client\` from \`pool.connect()\` is released only on the success path: release it in \`finally\`.\n${CHECKOUT_WHY} Release it in \`finally\`: \`try { … } finally { client.release(); }\`.`,
        line: 5, column: 26, endLine: 5, endColumn: 40, severity: 'error',
      }],
      output: [
        "import { pool } from './db';",
        '',
        'export class UserRepository {',
        '  async findById(id: string) {',
        '    const client = await pool.connect();',
        '    try {',
        "      const { rows } = await client.query('select * from users where id = $1', [id]);",
        '      return rows[0];',
        '    } finally {',
        '      client.release();',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'a checkout released in finally, but a BEGIN awaited before the try: it leaks when BEGIN fails',
      code: "import { Pool, type PoolClient } from 'pg';\nconst pool = new Pool();\nprocess.on('SIGTERM', () => pool.end());\n\nexport async function withTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {\n  const client = await pool.connect();\n  await client.query('BEGIN');\n  try {\n    const result = await fn(client);\n    await client.query('COMMIT');\n    return result;\n  } finally {\n    client.release();\n  }\n}\n",
      errors: [{
        message: '`client` from `pool.connect()` is released in `finally`, but `client.query(…)` runs before the `try`: move it inside.\n' +
          'If it rejects (a lost connection, a refused statement), the `finally` never runs and the connection stays checked out; once the pool is drained, ' +
          'every query waits for a connection that never comes. Start the `try` right after the checkout.',
        line: 6, column: 24, severity: 'error',
      }],
      output: "import { Pool, type PoolClient } from 'pg';\nconst pool = new Pool();\nprocess.on('SIGTERM', () => pool.end());\n\nexport async function withTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {\n  const client = await pool.connect();\n  try {\n    await client.query('BEGIN');\n    const result = await fn(client);\n    await client.query('COMMIT');\n    return result;\n  } finally {\n    client.release();\n  }\n}\n",
    },
    {
      name: 'a COMMIT awaited in finally ahead of the release: a failed commit skips it (no fix: the order must stay)',
      code: "import { Pool, type PoolClient } from 'pg';\nconst pool = new Pool();\nprocess.on('SIGTERM', () => pool.end());\n\nexport async function withTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {\n  const client = await pool.connect();\n  try {\n    await client.query('BEGIN');\n    return await fn(client);\n  } finally {\n    await client.query('COMMIT');\n    client.release();\n  }\n}\n",
      errors: [{
        message: '`client` from `pool.connect()` is released in `finally` after `client.query(…)`: release it even if that rejects.\n' +
          'If the awaited call rejects (a failed `COMMIT`, a lost connection), the release after it never runs and the connection stays checked out; ' +
          'once the pool is drained, every query waits. Release in a `finally` of its own: `finally { try { await … } finally { client.release() } }`.',
        line: 6, column: 24, severity: 'error',
      }],
      output: null,
    },
    {
      name: 'an await before a try that has a catch: reported, no fix (moving it would hand its errors to the catch)',
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nprocess.on('SIGTERM', () => pool.end());\n\nexport async function count() {\n  const client = await pool.connect();\n  await client.query('SET statement_timeout = 5000');\n  try {\n    return (await client.query('select count(*) from jobs')).rows[0];\n  } catch (err) {\n    console.error(err);\n    return null;\n  } finally {\n    client.release();\n  }\n}\n",
      errors: [{ messageId: 'checkoutBeforeTry', data: { name: 'client', method: 'pool.connect', first: 'client.query(…)' }, line: 6, column: 24 }],
      output: null,
    },
    {
      name: 'a checkout never released',
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nprocess.on('SIGTERM', () => pool.end());\n\nexport async function ping() {\n  const client = await pool.connect();\n  await client.query('select 1');\n}\n",
      errors: [{ messageId: 'checkout', data: { name: 'client', method: 'pool.connect', problem: 'is never released', release: 'client.release();' }, line: 6, column: 24 }],
      output: "import { Pool } from 'pg';\nconst pool = new Pool();\nprocess.on('SIGTERM', () => pool.end());\n\nexport async function ping() {\n  const client = await pool.connect();\n  try {\n    await client.query('select 1');\n  } finally {\n    client.release();\n  }\n}\n",
    },
    {
      name: 'a checkout before a multi-line template literal: the template text keeps its indentation',
      code: [
        'export async function archive(db: { pool: { connect(): Promise<{ query(q: string): Promise<unknown>; release(): void }> } }) {',
        '  const conn = await db.pool.connect();',
        '  const sql = `',
        '    insert into archive',
        '    select * from events',
        '  `;',
        '  await conn.query(sql);',
        '  conn.release();',
        '}',
        '',
      ].join('\n'),
      errors: [{ messageId: 'checkout', line: 2, column: 22, endLine: 2, endColumn: 39, severity: 'error' }],
      output: [
        'export async function archive(db: { pool: { connect(): Promise<{ query(q: string): Promise<unknown>; release(): void }> } }) {',
        '  const conn = await db.pool.connect();',
        '  try {',
        '    const sql = `',
        '    insert into archive',
        '    select * from events',
        '  `;',
        '    await conn.query(sql);',
        '  } finally {',
        '    conn.release();',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'a release nested in an if: the fix would release twice, so none is offered',
      code: "import { pool } from './db';\nexport async function maybe(flag: boolean) {\n  const client = await pool.connect();\n  await client.query('select 1');\n  if (flag) {\n    client.release();\n  }\n}\n",
      files: { 'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\nprocess.on('SIGTERM', () => pool.end());\n" },
      errors: [{ messageId: 'checkout', line: 3, column: 24 }],
      output: null,
    },
    {
      name: 'mysql2 getConnection in an Express handler (JavaScript)',
      filename: 'src/routes.js',
      code: "import mysql from 'mysql2/promise';\n\nconst db = mysql.createPool({ host: 'db' });\nprocess.on('SIGTERM', () => db.end());\n\nexport function routes(app) {\n  app.get('/orders', async (req, res) => {\n    const conn = await db.getConnection();\n    const [rows] = await conn.query('select * from orders');\n    conn.release();\n    res.json(rows);\n  });\n}\n",
      errors: [{ messageId: 'checkout', line: 8, column: 24, severity: 'error' }],
      output: "import mysql from 'mysql2/promise';\n\nconst db = mysql.createPool({ host: 'db' });\nprocess.on('SIGTERM', () => db.end());\n\nexport function routes(app) {\n  app.get('/orders', async (req, res) => {\n    const conn = await db.getConnection();\n    try {\n      const [rows] = await conn.query('select * from orders');\n      res.json(rows);\n    } finally {\n      conn.release();\n    }\n  });\n}\n",
    },
    {
      name: 'a per-request client released only on the success path',
      code: [
        "import { Client } from 'pg';",
        '',
        'export async function handler(id: string) {',
        '  const client = new Client();',
        '  await client.connect();',
        "  const res = await client.query('select * from jobs where id = $1', [id]);",
        '  await client.end();',
        '  return res.rows;',
        '}',
        '',
      ].join('\n'),
      errors: [{
        message: 'The client `client` made in `handler()` is released only on the success path: release it in `finally`.\n' +
          'Every call that does not give it back leaks one: each holds a connection until the database refuses new clients. ' +
          'Release it in `finally` (`try { … } finally { await client.end() }`) or declare it with `await using`.',
        line: 4, column: 18, endLine: 4, endColumn: 30, severity: 'error',
      }],
      output: [
        "import { Client } from 'pg';",
        '',
        'export async function handler(id: string) {',
        '  const client = new Client();',
        '  try {',
        '    await client.connect();',
        "    const res = await client.query('select * from jobs where id = $1', [id]);",
        '    return res.rows;',
        '  } finally {',
        '    await client.end();',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'a checkout never released in a file without semicolons',
      filename: 'src/jobs.js',
      code: "import pg from 'pg'\n\nconst jobPool = new pg.Pool()\nprocess.on('SIGTERM', () => jobPool.end())\n\nexport async function claim() {\n  const client = await jobPool.connect()\n  await client.query('update jobs set claimed = true where id = (select id from jobs limit 1)')\n}\n",
      errors: [{ messageId: 'checkout', line: 7, column: 24, severity: 'error' }],
      output: "import pg from 'pg'\n\nconst jobPool = new pg.Pool()\nprocess.on('SIGTERM', () => jobPool.end())\n\nexport async function claim() {\n  const client = await jobPool.connect()\n  try {\n    await client.query('update jobs set claimed = true where id = (select id from jobs limit 1)')\n  } finally {\n    client.release()\n  }\n}\n",
    },
    {
      name: 'a per-request client never released: suggestion, not a safe fix',
      code: "import { Client } from 'pg';\n\nexport async function lookup(email: string) {\n  const client = new Client();\n  await client.connect();\n  return client.query('select id from users where email = $1', [email]);\n}\n",
      errors: [{
        messageId: 'perCall', line: 4, column: 18, severity: 'error',
        suggestions: [{
          title: 'Release `client` in `finally`',
          output: "import { Client } from 'pg';\n\nexport async function lookup(email: string) {\n  const client = new Client();\n  try {\n    await client.connect();\n    return client.query('select id from users where email = $1', [email]);\n  } finally {\n    await client.end();\n  }\n}\n",
        }],
      }],
      output: null,
    },
    {
      name: 'a watcher made per call (a request handler calls it) and never closed',
      code: "import chokidar from 'chokidar';\n\nexport function onChange(dir: string, cb: (path: string) => void) {\n  const watcher = chokidar.watch(dir);\n  watcher.on('change', cb);\n}\n",
      files: { 'src/routes.ts': "import { onChange } from './test-case';\nexport function handle(req: { dir: string }) {\n  onChange(req.dir, () => {});\n}\n" },
      config: SHIM,
      errors: [{
        messageId: 'perCall',
        data: {
          noun: 'file watcher', name: 'watcher', fn: '`onChange()`', problem: 'is never released', todo: 'close it when done, or on shutdown',
          pilesUp: 'each holds OS watch handles and calls its listeners, until the process runs out of them',
          advice: 'Release it when it is done (`watcher.close()`), or register it for shutdown: `onShutdown(() => watcher.close())`.',
        },
        line: 4, column: 19, severity: 'error',
        suggestions: [{
          title: 'Release on shutdown: `onShutdown(() => watcher.close())`',
          output: "import chokidar from 'chokidar';\nimport { onShutdown } from '@acme/runtime';\n\nexport function onChange(dir: string, cb: (path: string) => void) {\n  const watcher = chokidar.watch(dir);\n  onShutdown(() => watcher.close());\n  watcher.on('change', cb);\n}\n",
        }],
      }],
      output: null,
    },
    {
      name: 'a class field pool its dispose() forgets',
      code: "import { Pool } from 'pg';\n\nexport class OrderRepository {\n  private readonly pool = new Pool({ connectionTimeoutMillis: 3000 });\n  list() {\n    return this.pool.query('select * from orders');\n  }\n  dispose() {}\n}\n",
      errors: [{
        messageId: 'keepsAlive',
        data: { what: 'The connection pool `this.pool`', closed: 'ended', close: 'end', missing: 'nothing in the project calls `this.pool.end()`', holds: POOL_HOLDS, registration: 'onShutdown(() => this.pool.end())' },
        line: 4, column: 27, severity: 'warn',
      }],
      output: null,
    },
    {
      name: 'a member worker assigned in a service constructor, which close() forgets',
      code: "import { Worker } from 'node:worker_threads';\n\nexport class Thumbnailer {\n  #worker: Worker;\n  constructor() {\n    this.#worker = new Worker(new URL('./thumb.js', import.meta.url));\n  }\n  post(path: string) {\n    this.#worker.postMessage(path);\n  }\n  close() {}\n}\n",
      errors: [{ messageId: 'keepsAlive', line: 6, column: 20, severity: 'warn' }],
      output: null,
      typecheck: false,
    },
    {
      name: 'a dependency container object holding a client nobody quits',
      code: "import Redis from 'ioredis';\nimport { Pool } from 'pg';\n\nexport const deps = {\n  cache: new Redis(),\n  pool: new Pool({ connectionTimeoutMillis: 2000 }),\n};\n",
      files: { 'src/stop.ts': "import { deps } from './test-case';\nexport const stop = () => deps.pool.end();\n" },
      errors: [{
        messageId: 'keepsAlive',
        data: { what: 'The client `deps.cache`', closed: 'closed', close: 'close', missing: 'nothing in the project calls `deps.cache.quit()`', holds: 'its open connection keeps the event loop alive', registration: 'onShutdown(() => deps.cache.quit())' },
        line: 5, column: 10,
      }],
      output: null,
    },
    {
      name: 'a server assigned onto app.locals in a start function',
      code: "import http from 'node:http';\nexport function start(app: { locals: Record<string, unknown> }) {\n  app.locals.server = http.createServer();\n}\n",
      errors: [{ messageId: 'keepsAlive', line: 3, column: 23 }],
      output: null,
    },
    {
      name: 'a server made a framework member with fastify.decorate and closed nowhere',
      filename: 'index.js',
      code: "const WebSocket = require('ws');\nfunction plugin(fastify, opts, next) {\n  const wss = new WebSocket.Server({ port: opts.port });\n  fastify.decorate('websocketServer', wss);\n  next();\n}\nmodule.exports = plugin;\n",
      errors: [{
        messageId: 'keepsAlive',
        data: { what: 'The server `fastify.websocketServer`', closed: 'closed', close: 'close', missing: 'nothing in the project calls `fastify.websocketServer.close()`', holds: 'the listening socket keeps the event loop alive (and keeps accepting requests)', registration: 'onShutdown(() => fastify.websocketServer.close())' },
        line: 3, column: 15, severity: 'warn',
      }],
      output: null,
    },
    {
      name: 'a server stored on the app object and closed nowhere',
      code: "import http from 'node:http';\nexport function boot(app: { server?: http.Server }) {\n  const server = http.createServer();\n  app.server = server;\n}\n",
      errors: [{
        messageId: 'keepsAlive',
        data: { what: 'The server `app.server`', closed: 'closed', close: 'close', missing: 'nothing in the project calls `app.server.close()`', holds: 'the listening socket keeps the event loop alive (and keeps accepting requests)', registration: 'onShutdown(() => app.server.close())' },
        line: 3, column: 18, severity: 'warn',
      }],
      output: null,
    },
    {
      name: 'a module-level server in CommonJS, released nowhere',
      filename: 'src/server.cjs',
      code: "const http = require('node:http');\n\nconst server = http.createServer((req, res) => res.end('ok'));\nserver.listen(3000);\n",
      errors: [{ messageId: 'keepsAlive', line: 3, column: 16 }],
      output: "const http = require('node:http');\nconst { onShutdown } = require('../stability-runtime.cjs');\n\nconst server = http.createServer((req, res) => res.end('ok'));\nonShutdown(() => server.close());\nserver.listen(3000);\n",
    },
    {
      name: 'a module-level interval handle kept but never cleared',
      code: "export const refresher = setInterval(() => console.log('refresh'), 60_000);\n",
      config: SHIM,
      errors: [{ messageId: 'keepsAlive', line: 1, column: 26, endLine: 1, endColumn: 75 }],
      output: "import { onShutdown } from '@acme/runtime';\n\nexport const refresher = setInterval(() => console.log('refresh'), 60_000);\nonShutdown(() => clearInterval(refresher));\n",
      typecheck: false,
    },
    {
      name: 'the same server when the drain ends by handing a logger to nextTick, not process.exit: the shutdown waits on the server',
      filename: 'server/bin.js',
      code: "const http = require('http');\nconst server = http.createServer(() => {});\nserver.listen(9000);\n",
      files: { 'server/store.js': "const torrents = {};\nfunction shutdown(signal) {\n  if (signal) console.log(signal);\n  const keys = Object.keys(torrents);\n  if (keys.length) {\n    const key = keys[0];\n    torrents[key].destroy(() => {\n  delete torrents[key];\n      process.nextTick(shutdown);\n    });\n  } else {\n    process.nextTick(console.log);\n  }\n}\nprocess.on('SIGTERM', function () {\n  shutdown('SIGTERM');\n});\nmodule.exports = torrents;\n" },
      errors: [{ messageId: 'hangsShutdown', line: 2, column: 16 }],
      output: "const http = require('http');\nconst { onShutdown } = require('../stability-runtime.cjs');\nconst server = http.createServer(() => {});\nonShutdown(() => server.close());\nserver.listen(9000);\n",
    },
    {
      name: 'the same forked program when it handles SIGTERM itself without closing the server: its own shutdown waits on it',
      filename: 'forward.js',
      code: "const http = require('http');\nfunction startForward(port) {\n  const httpServer = http.createServer((req, res) => res.end('ok'));\n  httpServer.listen(port);\n}\nprocess.on('SIGTERM', () => console.log('stopping'));\nstartForward(process.env.PROXY_PORT);\n",
      files: { 'lib/forward.js': "const prog = require('child_process');\nexports.startForward = function (emitter) {\n  const proc = prog.fork(__dirname + '/../forward.js', []);\n  emitter.once('killall', (signal) => proc.kill(signal));\n};\n", 'lib/main.js': "const { EventEmitter } = require('events');\nconst forward = require('./forward');\nconst emitter = new EventEmitter();\nforward.startForward(emitter);\nprocess.on('SIGTERM', () => emitter.emit('killall', 'SIGINT'));\n", 'package.json': "{ \"name\": \"acme-foreman\", \"bin\": { \"nf\": \"lib/main.js\" } }" },
      errors: [{ messageId: 'hangsShutdown', line: 3, column: 22 }],
    },
    {
      name: 'the same interval in a package with no apps entry: its users\' programs are kept alive',
      filename: 'app.js',
      code: "const fs = require('fs');\nfunction updateFileCountProbe() {\n  fs.readdir('/var/log/app', () => {});\n}\nupdateFileCountProbe();\nsetInterval(updateFileCountProbe, 30000);\n",
      files: { 'package.json': "{ \"name\": \"acme-logrotate\", \"main\": \"app.js\" }" },
      errors: [{ messageId: 'keepsAlive', line: 6, column: 1 }],
      output: "const fs = require('fs');\nconst { onShutdown } = require('./stability-runtime.cjs');\nfunction updateFileCountProbe() {\n  fs.readdir('/var/log/app', () => {});\n}\nupdateFileCountProbe();\nconst updateFileCountProbeInterval = setInterval(updateFileCountProbe, 30000);\nonShutdown(() => clearInterval(updateFileCountProbeInterval));\n",
    },
    {
      name: 'a module-level ioredis client, cleared elsewhere by a different binding',
      code: "import Redis from 'ioredis';\nexport const cache = new Redis();\n",
      files: { 'src/other.ts': "import Redis from 'ioredis';\nconst cache = new Redis();\nprocess.on('SIGTERM', () => cache.quit());\n" },
      config: SHIM,
      errors: [{ messageId: 'hangsShutdown', line: 2, column: 22 }],
      output: "import Redis from 'ioredis';\nimport { onShutdown } from '@acme/runtime';\nexport const cache = new Redis();\nonShutdown(() => cache.quit());\n",
      typecheck: false,
    },
    {
      name: 'a default-exported pool nobody ends',
      code: "import { Pool } from 'pg';\nexport default new Pool();\n",
      errors: [{
        messageId: 'keepsAlive',
        data: { what: 'The default-exported connection pool', closed: 'ended', close: 'end', missing: 'nothing in the project calls `end()` on it', holds: POOL_HOLDS, registration: 'onShutdown(() => <import>.end())' },
        line: 2, column: 16,
      }],
      output: null,
    },
    {
      name: 'a generic-pool resource acquired and never given back',
      code: "import genericPool from 'generic-pool';\nimport { factory } from './factory';\n\nconst browsers = genericPool.createPool(factory, { max: 4 });\nprocess.on('SIGTERM', () => browsers.drain());\n\nexport async function render(url: string) {\n  const browser = await browsers.acquire();\n  return browser.render(url);\n}\n",
      files: { 'src/factory.ts': 'export const factory = {};\n' },
      errors: [{ messageId: 'checkout', data: { name: 'browser', method: 'browsers.acquire', problem: 'is never released', release: 'browsers.release(browser);' }, line: 8, column: 25 }],
      output: "import genericPool from 'generic-pool';\nimport { factory } from './factory';\n\nconst browsers = genericPool.createPool(factory, { max: 4 });\nprocess.on('SIGTERM', () => browsers.drain());\n\nexport async function render(url: string) {\n  const browser = await browsers.acquire();\n  try {\n    return browser.render(url);\n  } finally {\n    browsers.release(browser);\n  }\n}\n",
      typecheck: false,
    },
    {
      name: 'a user library resource never released',
      code: "import { connect } from '@acme/queue';\n\nexport const queue = connect('amqp://mq');\n",
      config: { ...SHIM, libraries: [{ module: '@acme/queue', call: 'connect', invoke: 'call', resource: { kind: 'client', release: ['close'] } }] },
      errors: [{ messageId: 'keepsAlive', line: 3, column: 22, severity: 'warn' }],
      output: "import { connect } from '@acme/queue';\nimport { onShutdown } from '@acme/runtime';\n\nexport const queue = connect('amqp://mq');\nonShutdown(() => queue.close());\n",
      typecheck: false,
    },
    {
      name: 'a request-scoped NestJS provider: one instance per request, each constructor run starts another interval',
      filename: 'src/audit.service.ts',
      code: "import { Injectable, Scope } from '@nestjs/common';\n@Injectable({ scope: Scope.REQUEST })\nexport class AuditService {\n  constructor() {\n    setInterval(() => this.flush(), 1000);\n  }\n  flush() {}\n}\n",
      errors: [{ messageId: 'discardedInterval', line: 5, column: 5, severity: 'error' }],
      output: null,
      typecheck: false,
    },
    {
      name: 'setInterval imported from node:timers, discarded in a worker loop',
      code: "import { setInterval } from 'node:timers';\n\nexport class Heartbeat {\n  start() {\n    setInterval(() => this.beat(), 1000);\n  }\n  beat() {}\n  stop() {}\n}\n",
      errors: [{ messageId: 'discardedInterval', line: 5, column: 5, severity: 'error' }],
      output: null,
    },

    // ---- The true shapes next to the classes above: still reported. ----
    {
      name: 'a Redis subscriber made per request for a server-sent event stream and never quit',
      filename: 'src/events.js',
      code: "const Redis = require('ioredis');\nmodule.exports = function (app) {\n  app.get('/events', (req, res) => {\n    const sub = new Redis();\n    sub.subscribe('updates');\n    sub.on('message', (channel, message) => res.write(`data: ${message}\\n\\n`));\n  });\n};\n",
      errors: [{ messageId: 'perCall', line: 4, column: 17, severity: 'error' }],
    },
    {
      name: 'a server made on each connection of another server: one more per connection',
      filename: 'src/relay.js',
      code: "const net = require('net');\nmodule.exports = function (gateway) {\n  gateway.on('connection', function (socket) {\n    const relay = net.createServer((peer) => peer.pipe(socket));\n    relay.listen(0);\n  });\n};\n",
      errors: [{ messageId: 'perCall', line: 4, column: 19, severity: 'error' }],
    },
    {
      name: "a multicast DNS socket whose release is destroy(): the message says 'never destroyed … destroy it', as the fix does (esphome-native-api, check 48)",
      filename: 'lib/discovery.js',
      files: { 'package.json': '{ "name": "esphome-native-api", "main": "index.js", "dependencies": { "multicast-dns": "^7.2.2" } }', 'index.js': "module.exports = require('./lib/discovery');\n" },
      code: "const events = require('events');\nconst Mdns = require('multicast-dns');\nclass EsphomeDiscovery extends events {\n    constructor(options = {}) {\n        super();\n        this._handleResponse = this._handleResponse.bind(this);\n        this.options = options;\n    }\n    run() {\n        this.mdns = Mdns(this.options);\n        this.mdns.on('response', this._handleResponse);\n        this.mdns.query({ questions: [{ name: '_esphomelib._tcp.local', type: 'PTR' }] });\n    }\n    close() {\n        this.mdns.off('response', this._handleResponse);\n        delete this.mdns;\n    }\n    _handleResponse(packet, rinfo) {\n        this.emit('info', packet, rinfo);\n    }\n}\nmodule.exports = EsphomeDiscovery;\n",
      errors: [{ messageId: 'keepsAlive', data: { what: 'The multicast DNS socket `this.mdns`', closed: 'destroyed', close: 'destroy', missing: 'nothing in the project calls `this.mdns.destroy()`', holds: 'the open socket keeps the event loop alive', registration: 'onShutdown(() => this.mdns.destroy())' }, line: 10, column: 21 }],
    },
    {
      name: 'an alias of another member does not release this one',
      filename: 'src/hub.js',
      code: "const http = require('http');\n\nclass Hub {\n  constructor() {\n    this._server = http.createServer();\n    this._admin = http.createServer();\n  }\n  close() {\n    const admin = this._admin;\n    admin.close();\n  }\n}\nmodule.exports = Hub;\n",
      errors: [{ messageId: 'keepsAlive', data: { what: 'The server `this._server`', closed: 'closed', close: 'close', missing: 'nothing in the project calls `this._server.close()`', holds: 'the listening socket keeps the event loop alive (and keeps accepting requests)', registration: 'onShutdown(() => this._server.close())' }, line: 5, column: 20 }],
    },
    {
      name: 'a server listened on but not returned is still made per call',
      filename: 'src/probe.js',
      code: "const http = require('http');\nexports.probe = function (port) {\n  const server = http.createServer();\n  server.listen(port);\n};\n",
      files: { 'src/app.js': "const { probe } = require('./probe');\nexports.handle = function (req) {\n  probe(req.port);\n};\n" },
      errors: [{ messageId: 'perCall', line: 3, column: 18, severity: 'error' }],
    },
    {
      name: 'a server socket.io never took over',
      filename: 'src/web.js',
      code: "const http = require('http');\nconst { Server } = require('socket.io');\nexports.start = function (app) {\n  exports.server = http.createServer(app);\n  exports.admin = http.createServer(app);\n  const io = new Server(exports.server);\n  exports.close = () => io.close();\n};\n",
      errors: [{ messageId: 'keepsAlive', line: 5, column: 19 }],
    },
    {
      name: 'a graceful SIGTERM handler that closes the server but not the pool',
      filename: 'src/main.js',
      code: "const http = require('http');\nconst { Pool } = require('pg');\nconst pool = new Pool({ connectionTimeoutMillis: 2000 });\nconst server = http.createServer();\nserver.listen(8080);\nprocess.on('SIGTERM', () => {\n  server.close();\n});\n",
      files: { 'package.json': '{ "name": "svc", "scripts": { "start": "node src/main.js" } }\n' },
      errors: [{ messageId: 'hangsShutdown', line: 3, column: 14, severity: 'warn' }],
      output: "const http = require('http');\nconst { Pool } = require('pg');\nconst { onShutdown } = require('../stability-runtime.cjs');\nconst pool = new Pool({ connectionTimeoutMillis: 2000 });\nonShutdown(() => pool.end());\nconst server = http.createServer();\nserver.listen(8080);\nprocess.on('SIGTERM', () => {\n  server.close();\n});\n",
    },
    {
      name: 'a function called from a request handler as well as at start-up still leaks per call',
      filename: 'src/mgmt.js',
      code: "const net = require('net');\nexports.start = function (port) {\n  const server = net.createServer();\n  server.listen(port);\n};\n",
      files: { 'src/app.js': "const mgmt = require('./mgmt');\nmgmt.start(9000);\nexports.handle = function (req) {\n  mgmt.start(req.port);\n};\n" },
      errors: [{ messageId: 'perCall', line: 3, column: 18, severity: 'error' }],
    },
    {
      name: 'an interval started on each message, with no once-guard',
      filename: 'src/worker.js',
      code: "let started = false;\nexports.onMessage = function (msg, send) {\n  setInterval(() => send(msg), 1000);\n  started = true;\n};\n",
      files: { 'src/bus.js': "const worker = require('./worker');\nexports.handle = function (msg, send) {\n  worker.onMessage(msg, send);\n};\n" },
      errors: [{ messageId: 'discardedInterval', data: { fn: '`onMessage()`' }, line: 3, column: 3, severity: 'error' }],
    },
    {
      name: 'getConnection on a pool-named object in a package that depends on mysql2',
      filename: 'src/orders.js',
      code: "exports.orders = async function (db) {\n  const conn = await db.readPool.getConnection();\n  return conn.query('select * from orders');\n};\n",
      files: { 'package.json': '{ "name": "orders", "dependencies": { "mysql2": "^3.0.0" } }\n' },
      errors: [{ messageId: 'checkout', data: { name: 'conn', method: 'readPool.getConnection', problem: 'is never released', release: 'conn.release();' }, line: 2, column: 22 }],
      output: "exports.orders = async function (db) {\n  const conn = await db.readPool.getConnection();\n  try {\n    return conn.query('select * from orders');\n  } finally {\n    conn.release();\n  }\n};\n",
    },
    {
      name: 'a callback-style checkout whose release a throw skips (mysql)',
      filename: 'lib/db.js',
      code: "var mysql = require('mysql');\nvar pool = mysql.createPool({ connectionLimit: 10 });\nprocess.on('SIGTERM', function () { pool.end(); });\nexports.query = function (sql, params, callback) {\n  pool.getConnection(function (err, connection) {\n    if (err) return callback(err);\n    connection.query(sql, params, function (err, rows) {\n      if (err) throw err;\n      callback(null, rows);\n      connection.release();\n    });\n  });\n};\n",
      errors: [{ messageId: 'checkout', data: { name: 'connection', method: 'pool.getConnection', problem: 'is released only on the success path', release: 'connection.release();' }, line: 5, column: 3, severity: 'error' }],
    },
    {
      name: 'a postgres.js client per request, handed to a wrapper that is dropped',
      filename: 'server/index.ts',
      code: "import express from 'express';\nimport postgres from 'postgres';\nimport { drizzle } from 'drizzle-orm/postgres-js';\n\nconst app = express();\napp.get('/agreements/:id', async (req, res) => {\n  const queryClient = postgres(process.env.DATABASE_URL!);\n  const db = drizzle({ client: queryClient });\n  res.json(await db.execute('select 1'));\n});\n",
      errors: [{ messageId: 'perCall', data: { noun: 'connection pool', name: 'queryClient', fn: "the `app.get('/agreements/:id')` handler", problem: 'is never released', todo: 'release it in `finally`', pilesUp: 'each holds its own connections until the database refuses new clients', advice: 'Release it in `finally` (`try { … } finally { await queryClient.end() }`) or declare it with `await using`.' }, line: 7, column: 23, severity: 'error' }],
      typecheck: false,
    },
    {
      name: "a MongoClient per call whose Db is used and dropped: only the query's result is handed back",
      filename: 'src/count.js',
      code: "const { MongoClient } = require('mongodb');\nexports.countJobs = async function (url) {\n  const client = await MongoClient.connect(url);\n  const db = client.db();\n  return db.collection('jobs').countDocuments();\n};\n",
      errors: [{ messageId: 'perCall', line: 3, column: 24, severity: 'error' }],
      output: null,
    },
    {
      name: 'MongoClient.connect per check, closed only when nothing throws',
      filename: 'src/ping.js',
      code: "const { MongoClient } = require('mongodb');\nexports.mongodbPing = async function (url) {\n  let client = await MongoClient.connect(url);\n  let res = await client.db().command({ ping: 1 });\n  await client.close();\n  return res;\n};\n",
      errors: [{ messageId: 'perCall', line: 3, column: 22, severity: 'error' }],
      output: "const { MongoClient } = require('mongodb');\nexports.mongodbPing = async function (url) {\n  let client = await MongoClient.connect(url);\n  try {\n    let res = await client.db().command({ ping: 1 });\n    return res;\n  } finally {\n    await client.close();\n  }\n};\n",
    },
  ],
});
