import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule, { lowestMajor } from '../../rules/unhandled-async-callback';
import { runRuleTests, type InvalidCase, type TestCase } from '../rule-tester';

const CRASH = 'When it rejects, the rejection is unhandled, and Node (15 and later) ends the process on an unhandled rejection, ' +
  'taking every in-flight request and job with it (no `unhandledRejection` or `uncaughtException` handler in this package keeps it up).';
const listener = (sink: string, rejects: string) =>
  'Nothing handles a rejection of this async listener: wrap its body in try/catch.\n' +
  `\`${sink}\` ignores the promise the listener returns (EventEmitters do not await listeners), and nothing here catches \`${rejects}\`. ${CRASH} ` +
  "Handle the error in the catch (log it, emit 'error', nack the message).";
const timer = (sink: string, rejects: string) =>
  'Nothing handles a rejection of this async timer callback: wrap its body in try/catch.\n' +
  `\`${sink}\` ignores the promise the callback returns, and nothing here catches \`${rejects}\`. ${CRASH} ` +
  'Handle the error in the catch (log it, count it, stop the timer).';
const deferred = (sink: string, rejects: string) =>
  'Nothing handles a rejection of this async deferred callback: wrap its body in try/catch.\n' +
  `\`${sink}\` runs the callback once, right after the current code, and ignores the promise it returns; nothing here catches \`${rejects}\`. ${CRASH} ` +
  'Handle the error in the catch (log it, or settle what waits on the work).';
const callback = (sink: string, rejects: string) =>
  'Nothing handles a rejection of this async callback: wrap its body in try/catch.\n' +
  `\`${sink}\` calls it Node-style, error first, and ignores the promise it returns; nothing here catches \`${rejects}\`. ${CRASH} ` +
  'Handle the error in the catch (log it, hand it to your own callback).';
const route = (sink: string, rejects: string) =>
  'Express 4 ignores a rejection of this async handler: catch it and pass it to `next(err)`.\n' +
  `\`${sink}\`: Express 4 calls the handler and ignores the promise it returns. When \`${rejects}\` rejects, no response is sent ` +
  '(the request hangs until the client gives up), and the unhandled rejection ends the Node process (15 and later; no ' +
  '`unhandledRejection` or `uncaughtException` handler in this package keeps it up). Wrap the body in try/catch and call `next(err)` (Express 5 does this itself).';
const shutdown = (sink: string, rejects: string, skipped: string) =>
  'A rejection in this async shutdown handler skips the rest of the shutdown: catch it.\n' +
  `\`${sink}\` ignores the promise the handler returns. When \`${rejects}\` rejects, \`${skipped}\` and the rest of the shutdown ` +
  'never run, and the rejection is unhandled: the process dies with exit code 1 and a stack trace instead of shutting down ' +
  'cleanly, or, where an `unhandledRejection` handler only logs, keeps running after it was told to stop. Wrap the awaits ' +
  'in try/catch (or try/finally) so the shutdown always finishes.';
const executor = (sink: string, rejects: string, resolve: string, promise: string) =>
  'A rejection here leaves the enclosing promise pending forever: catch it and reject that promise.\n' +
  `\`${sink}\` ignores the promise the callback returns. When \`${rejects}\` rejects, \`${resolve}()\` is never called, so ` +
  `the \`new ${promise}(…)\` around it never settles and whatever awaits it hangs. The rejection is also unhandled, which ` +
  'ends the process (Node 15 and later) unless an `unhandledRejection` handler keeps it up. Wrap the body in try/catch ' +
  "and pass the error to the executor's reject.";
const STRAIGHTFORWARD = (onUncaught: string) => `"use strict";
const http = require("http");
const { EventEmitter } = require("events");
class Straightforward extends EventEmitter {
  constructor() {
    super();
    this.server = http.createServer();
  }
  async listen(port = 9191) {
    this.server.on("request", this._onRequest.bind(this));
    process.on("uncaughtException", this._onUncaughtException.bind(this));
    return new Promise((resolve) => this.server.listen(port, () => resolve(this)));
  }
  async _onRequest(req, res) {
    await this.onRequest.dispatch({ req, res });
    this._proxyRequest(req, res);
  }
  _onUncaughtException(err) {
    ${onUncaught}
  }
}
module.exports = Straightforward;
`;
const LOG = 'Wrap the body in try/catch and log the error';
const NEXT = 'Wrap the body in try/catch and pass the error to next(err)';

const EMITTER = `import { EventEmitter } from 'node:events';
declare function handle(msg: string): Promise<void>;
const bus = new EventEmitter();
`;
const EXPRESS = `import express from 'express';
declare function loadOrder(id: string): Promise<{ id: string }>;
const app = express();
`;

/** An ioBroker adapter whose state-change listener awaits only js-controller's database (iobroker.sonoff). */
const SONOFF_ADAPTER = `const utils = require('@iobroker/adapter-core');
class Sonoff extends utils.Adapter {
  constructor(options) {
    super({ ...options, name: 'sonoff' });
    this.on('stateChange', async (id, state) => {
      const obj = await this.getForeignObjectAsync(id);
      await this.setStateAsync(id + '.ack', { val: state.val, ack: true });
      await this.setObjectNotExistsAsync(id + '.info', { type: 'state', common: obj.common, native: {} });
    });
  }
}
module.exports = (options) => new Sonoff(options);
`;

/** A compiled TypeScript server whose listener awaits a method inherited from `base_1.default` in build/lib/base.js. */
const COMPILED_SERVER = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const base_1 = __importDefault(require("./base"));
class Server extends base_1.default {
    listen(server) {
        server.on('connection', (client) => {
            client.on('connect', async () => {
                await this.updateAlive(client, true);
                client.connack({ returnCode: 0 });
            });
        });
    }
}
exports.default = Server;
`;
const compiledBase = (method: string, imports = '') => `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
${imports}class Base {
${method}
}
exports.default = Base;
`;

/** mswjs-interceptors' shape: a subclass listens on its project base emitter; HELPER is emit-async.ts, HANDLER emits 'request' through it. */
const REMOTE_INTERCEPTOR = `import { Interceptor } from './interceptor';
export class RemoteInterceptor extends Interceptor {
  setup() {
    this.on('request', async ({ request, controller }) => {
      const body = await request.text();
      process.send?.(\`request:\${body}\`);
      controller.respondWith(body);
    });
  }
}
`;
const INTERCEPTOR_BASE = `import { Emitter } from 'strict-event-emitter';
export class Interceptor {
  protected emitter = new Emitter<any>();
  on(event: string, listener: (...args: any[]) => unknown): this {
    this.emitter.on(event, listener);
    return this;
  }
}
`;
const EMIT_ASYNC_HELPER = `import type { Emitter } from 'strict-event-emitter';
export async function emitAsync(emitter: Emitter<any>, eventName: string, ...data: unknown[]): Promise<void> {
  const listeners = emitter.listeners(eventName);
  if (listeners.length === 0) {
    return;
  }
  for (const listener of listeners) {
    AWAIT listener.apply(emitter, data);
  }
}
`;
const REQUEST_HANDLER = `import type { Emitter } from 'strict-event-emitter';
import { emitAsync } from './emit-async';
export async function handleRequest(options: { emitter: Emitter<any>; request: Request }) {
  try {
    await emitAsync(options.emitter, 'request', { request: options.request });
  } catch (error) {
    options.emitter.emit('unhandledException', { error });
  }
}
`;
const remoteFiles = (helperAwait: string, extra = '') => ({
  'package.json': '{"name":"interceptors","dependencies":{"strict-event-emitter":"^0.5.1"}}',
  'src/interceptor.ts': INTERCEPTOR_BASE,
  'src/emit-async.ts': EMIT_ASYNC_HELPER.replace('AWAIT', helperAwait),
  'src/handle-request.ts': REQUEST_HANDLER + extra,
});

const JSONRPC_WAIT_READY = (pause: string) => `const sleep = require("sleep-promise");
const { backoff } = require("backoff-lib");
class WebSocketTransport {
  waitReady() {
    return new Promise(async (fnResolve, fnReject) => {
      try {
        await this._connect();
        fnResolve();
      }
      catch (error) {
        console.error(error);
        await ${pause};
        fnReject(error);
      }
    });
  }
}
module.exports = WebSocketTransport;
`;

const SUPABASE_URL_LOGIN = (guard: string) => `import { isBrowser } from './lib/helpers';
declare function notify(event: string): Promise<void>;
export class GoTrueClient {
  detectSessionInUrl = true;
  async _initialize() {
    if (${guard}) {
      setTimeout(async () => {
        await notify('SIGNED_IN');
      }, 0);
    }
  }
}
`;

const RETHINKDB_CONNECTION = (closeCall: string, before = 'this.stopPinging();') => `const { EventEmitter } = require("events");
const net = require("net");
class RethinkDBSocket extends EventEmitter {
  close() {
    if (!this.socket) {
      return;
    }
    this.socket.destroy();
    this.socket = undefined;
  }
}
class RethinkDBConnection extends EventEmitter {
  constructor() {
    super();
    this.socket = new RethinkDBSocket();
  }
  async close({ noreplyWait = false } = {}) {
    try {
      ${before}
      if (noreplyWait) {
        await this.noreplyWait();
      }
      await this.socket.close();
    }
    catch (err) {
      await this.socket.close();
      throw err;
    }
  }
  async noreplyWait() {
    await this.runQuery("NOREPLY_WAIT");
  }
  stopPinging() {
    if (this.pingTimer) {
      clearTimeout(this.pingTimer);
    }
    this.pingTimer = undefined;
  }
  reconnect() {
    this.socket.on("close", (error) => {
      ${closeCall};
      this.emit("close", error);
    });
  }
}
module.exports = RethinkDBConnection;
`;

/** tus s3-store's upload splitter: an async listener on @tus/utils' StreamSplitter, whose emitEvent awaits each listener (check 59). */
const TUS_SPLITTER = (from: string) => `import os from 'node:os'
import {StreamSplitter} from '${from}'
export class S3Store {
  async uploadParts(readStream) {
    let permit
    const splitterStream = new StreamSplitter({ chunkSize: 1024, directory: os.tmpdir() })
      .on('beforeChunkStarted', async () => {
        permit = await this.partUploadSemaphore.acquire()
      })
      .on('chunkStarted', (filepath) => { this.pending = filepath })
    readStream.pipe(splitterStream)
  }
}
`;

/** swagger-stats' Elasticsearch emitter: an async executor at module load whose only await imports axios (check 59). */
const SWAGGER_AXIOS = `let axios = null;
let axiosPromise = new Promise(async (resolve) => {
    axios = (await import('axios')).default;
    resolve(axios);
});
module.exports = { axiosPromise };
`;

/** confluent kafka-javascript's producer: an async 'ready' listener whose only rejection is an invariant throw, before any await (check 57). */
const KAFKA_READY_CB = (beforeThrow: string) => `const RdKafka = require('./rdkafka');
class Producer {
  #state = 0;
  #internalClient = null;
  async #readyCb() {
    ${beforeThrow}if (this.#state !== 1 && this.#state !== 2) {
      throw new Error(\`Ready callback called in invalid state \${this.#state}\`);
    }
    this.#state = 3;
    this.#connectPromiseFunc.resolve();
  }
  connect() {
    this.#internalClient = new RdKafka.Producer({});
    this.#internalClient.on('ready', this.#readyCb.bind(this));
    this.#internalClient.connect();
  }
}
module.exports = { Producer };
`;

/** twurple chat's client: an async handler subscribed with ircv3's per-event `onRegister` method, awaiting the user's config (check 59 miss). */
const TWURPLE_REGISTER = (from: string) => `import { IrcClient } from '${from}';
import { resolveConfigValue } from '@d-fischer/shared-utils';
export class ChatClient {
  constructor(config) {
    this._ircClient = new IrcClient({ connection: { hostName: 'irc-ws.chat.twitch.tv' } });
    this._ircClient.onRegister(async () => {
      this._authVerified = true;
      const resolvedChannels = await resolveConfigValue(config.channels);
      for (const channel of resolvedChannels ?? []) this.join(channel);
    });
  }
}
`;

const valid: (TestCase | string)[] = [
  {
    name: "an async close() that awaits the promise a member holds, only ever `this.run()` whose loop catches every failure: it cannot reject (winston-loki, check 47)",
    filename: 'src/batcher.js',
    code: "class Batcher {\n  constructor(options) {\n    this.options = options;\n    this.runPromise = this.options.batching ? this.run() : null;\n    process.on('exit', () => {\n      this.close(() => {});\n    });\n  }\n\n  async sendBatch() {\n    return fetch(this.options.host, { method: 'POST', signal: AbortSignal.timeout(5000) });\n  }\n\n  wait(ms) {\n    return new Promise((resolve) => setTimeout(resolve, ms));\n  }\n\n  async run() {\n    this.runLoop = true;\n    while (this.runLoop) {\n      try {\n        await this.sendBatch();\n      } catch (e) {\n        this.interval = 10000;\n      }\n      await this.wait(this.interval);\n    }\n  }\n\n  async close(callback) {\n    this.runLoop = false;\n    if (this.runPromise) {\n      await this.runPromise;\n    }\n    try {\n      await this.sendBatch();\n    } catch (e) {\n      // ignore errors on the final flush\n    }\n    if (callback) callback();\n  }\n}\nmodule.exports = Batcher;\n",
    files: { 'package.json': "{\"name\":\"x\",\"version\":\"1.0.0\",\"main\":\"src/batcher.js\"}\n" },
  },
  {
    name: 'the same compiled class field whose try catches the refresh failure',
    filename: 'lib/Lock.js',
    code: "class Lock {\n  constructor(client, refreshInterval) {\n    this._client = client;\n    this._refreshInterval = refreshInterval;\n    this._processRefresh = async () => {\n      this._refreshing = true;\n      try {\n        const refreshed = await this._client.refresh();\n        if (!refreshed) this.stopRefresh();\n      } catch (err) {\n        this._onLockLost(err);\n      } finally {\n        this._refreshing = false;\n      }\n    };\n  }\n  _startRefresh() {\n    this._timer = setInterval(this._processRefresh, this._refreshInterval);\n    this._timer.unref();\n  }\n  stopRefresh() {\n    clearInterval(this._timer);\n  }\n}\nmodule.exports = Lock;\n",
  },
  {
    name: "a catch that lets the errors it expects go and rethrows the rest on purpose (lighthouse's target manager): the awaits have their try/catch",
    filename: 'core/gather/driver/target-manager.js',
    code: "const EventEmitter = require('events');\nclass TargetManager extends EventEmitter {\n  constructor(session) {\n    super();\n    this._rootCdpSession = session;\n    this._enabled = true;\n    session.on('Page.frameNavigated', async () => {\n      try {\n        await this._rootCdpSession.send('Target.setAutoAttach', { autoAttach: true });\n      } catch (err) {\n        // The page can be closed at the end of the run before this returns.\n        if (this._enabled) throw err;\n      }\n    });\n    session.on('sessionattached', async (cdpSession) => {\n      try {\n        await cdpSession.send('Network.enable');\n      } catch (err) {\n        if (/Target closed/.test(err.message)) return;\n        throw err;\n      }\n    });\n  }\n}\nmodule.exports = TargetManager;\n",
  },
  {
    name: "a listener on a project emitter whose event the project emits only through its own helper awaiting each listener in turn (mswjs-interceptors' emitAsync): the emitting call awaits the promise",
    filename: 'src/remote.ts',
    code: REMOTE_INTERCEPTOR,
    files: remoteFiles('await'),
  },
  {
    name: "a listener on a project emitter that emits the event only through `emitAsync`, which collects every listener's promise into `Promise.all`: the promise is awaited by the emitter",
    filename: 'lib/crawler.js',
    code: `const PriorityQueue = require('./priority-queue');
class Crawler {
  constructor(options) {
    this._queue = new PriorityQueue({ maxConcurrency: options.maxConcurrency });
    this._queue.on('pull', (opts, depth) => this._startRequest(opts, depth));
  }
  async _startRequest(opts, depth) {
    const res = await fetch(opts.url);
    this.results.push({ depth, body: await res.text() });
  }
}
module.exports = Crawler;
`,
    files: { 'package.json': '{"name":"crawler"}', 'lib/async-events.js': `const EventEmitter = require('events');
class AsyncEventEmitter extends EventEmitter {
  emitAsync(event, ...args) {
    const promises = [];
    this.listeners(event).forEach((listener) => {
      promises.push(listener(...args));
    });
    return Promise.all(promises);
  }
}
module.exports = AsyncEventEmitter;
`, 'lib/priority-queue.js': `const AsyncEventEmitter = require('./async-events');
class PriorityQueue extends AsyncEventEmitter {
  async _pull() {
    const args = await this._cache.dequeue('queue');
    if (!args) return;
    await this.emitAsync('pull', ...args);
  }
}
module.exports = PriorityQueue;
` },
  },
  {
    name: '`this.player.node.rest.updatePlayer()`: a member of a member, whose class `Rest` (named after it) catches every error of its fetch',
    filename: 'src/connection.ts',
    code: `import { Player } from './player';
export class Connection {
  player: Player;
  constructor(player: Player) {
    this.player = player;
  }
  setServersUpdate(): void {
    setTimeout(async () => {
      if (!this.player.active) return;
      await this.player.node.rest.updatePlayer(this.player.guildId, { paused: false });
    }, 1000);
  }
}
`,
    files: { 'package.json': '{"name":"svc"}', 'src/rest.ts': `export class Rest {
  async get(path: string): Promise<unknown> {
    try {
      const req = await globalThis.fetch(path);
      return req.headers.get('content-type') === 'application/json' ? await req.json() : await req.text();
    } catch (e) {
      return null;
    }
  }
  async updatePlayer(guildId: string, data: unknown): Promise<unknown> {
    return await this.patch('/players/' + guildId, data);
  }
  async patch(endpoint: string, body: unknown): Promise<unknown> {
    try {
      const req = await globalThis.fetch(endpoint, { method: 'PATCH', body: JSON.stringify(body) });
      return await req.json();
    } catch (e) {
      return null;
    }
  }
}
` },
  },
  {
    name: 'a fluent `play()` returning `this` and a typed parameter, awaiting only a `Rest` that catches (its return of `ok ? await a : await b` is inside the try)',
    filename: 'src/player.ts',
    code: `interface Track { title: string; encoded?: string }
export class Player {
  node: { rest: unknown };
  queue: Track[] = [];
  current: Track | null = null;
  loop(): void {
    setTimeout(async () => {
      await this.play();
    }, 3000);
  }
  async play(): Promise<Player> {
    if (!this.queue.length) return this;
    this.current = await this.resolveTrack(this.queue.shift()!);
    return this;
  }
  private async resolveTrack(track: Track): Promise<Track | null> {
    const result = await this.node.rest.get('/load?q=' + track.title);
    if (!result) return null;
    track.encoded = String(result);
    return track;
  }
}
`,
    files: { 'package.json': '{"name":"svc"}', 'src/rest.ts': `export class Rest {
  async get(path: string): Promise<unknown> {
    try {
      const req = await globalThis.fetch(path);
      return req.headers.get('content-type') === 'application/json' ? await req.json() : await req.text();
    } catch (e) {
      return null;
    }
  }
  async updatePlayer(guildId: string, data: unknown): Promise<unknown> {
    return await this.patch('/players/' + guildId, data);
  }
  async patch(endpoint: string, body: unknown): Promise<unknown> {
    try {
      const req = await globalThis.fetch(endpoint, { method: 'PATCH', body: JSON.stringify(body) });
      return await req.json();
    } catch (e) {
      return null;
    }
  }
}
` },
  },
  { name: "a listener awaiting a function of its file whose one throw checks its own parameter before any await, and which catches its I/O: a caller that passes the argument never meets it", code: "declare const db: { insert(email: string): Promise<void> };\nasync function register(email: string) {\n  if (!email) {\n    throw new TypeError('register needs an email');\n  }\n  try {\n    await db.insert(email);\n  } catch (err) {\n    console.error('signup failed', err);\n  }\n}\nimport { EventEmitter } from 'node:events';\nexport const bus = new EventEmitter();\nbus.on('signup', async (user: { email: string }) => {\n  await register(user.email);\n});\n" },
  { name: "a React component (JSX, an import of react) refreshing on a timer: it renders in a browser page, where a rejection ends no Node process (boardgame.io's lobby, check 24)", filename: "src/lobby/react.tsx", code: "import React from 'react';\nimport { LobbyConnection } from './connection';\n\nexport class Lobby extends React.Component<{ server: string }> {\n  connection = new LobbyConnection(this.props.server);\n  interval?: ReturnType<typeof setInterval>;\n  componentDidMount() {\n    this.interval = setInterval(async () => {\n      await this.connection.refresh();\n      this.forceUpdate();\n    }, 2000);\n  }\n  componentWillUnmount() {\n    clearInterval(this.interval);\n  }\n  render() {\n    return <div className=\"lobby\">{this.props.server}</div>;\n  }\n}\n" },
  { name: "a listener awaiting a project function (re-exported by its folder's index) that builds its promise from an async.auto flow whose lookups turn errors into values and which fails only on its argument checks: it cannot reject (balanceofsatoshis' describeRoute, check 24)", filename: "network/pay.js", code: "const { describeRoute } = require('../display');\nfunction watch(sub, lnd, logger) {\n  sub.on('probing', async ({ route }) => {\n    const { description } = await describeRoute({ route, lnd });\n    logger.info({ probing: description });\n  });\n}\nmodule.exports = watch;\n", files: { "display/index.js": "const describeRoute = require('./describe_route');\nmodule.exports = { describeRoute };\n", "display/describe_route.js": "const asyncAuto = require('async/auto');\nconst asyncMap = require('async/map');\nconst { getNode } = require('ln-service');\nconst { returnResult } = require('asyncjs-util');\n\nmodule.exports = ({ lnd, route }, cbk) => {\n  return new Promise((resolve, reject) => {\n    return asyncAuto({\n      validate: (cbk) => {\n        if (!lnd) {\n          return cbk([400, 'ExpectedLndObjectToDescribeRoute']);\n        }\n        if (!route) {\n          return cbk([400, 'ExpectedRouteToDescribe']);\n        }\n        return cbk();\n      },\n      getAliases: ['validate', ({}, cbk) => {\n        return asyncMap(route.hops, (hop, cbk) => {\n          return getNode({ lnd, public_key: hop.public_key }, (err, res) => {\n            if (!!err) {\n              return cbk(null, { alias: '', id: hop.public_key });\n            }\n            return cbk(null, { alias: res.alias, id: hop.public_key });\n          });\n        }, cbk);\n      }],\n      description: ['getAliases', ({ getAliases }, cbk) => {\n        return cbk(null, { description: getAliases.map((n) => n.alias) });\n      }],\n    },\n    returnResult({ reject, resolve, of: 'description' }, cbk));\n  });\n};\n" } },
  { name: "a listener awaiting a method whose one throw guards against the socket type it was configured with, before any await, and which catches the rest (zeromq's v5 compat _recv, check 25)", filename: "src/compat.ts", code: "import * as zmq from 'zeromq';\nimport { EventEmitter } from 'node:events';\nexport class Socket extends EventEmitter {\n  private _socket: zmq.Pull | zmq.Push;\n  private closed = false;\n  constructor(type: string) {\n    super();\n    this._socket = type === 'pull' ? new zmq.Pull() : new zmq.Push();\n    this.once('_flushRecv', async () => {\n      await this._recv();\n    });\n  }\n  async _recv() {\n    if (this._socket instanceof zmq.Push) {\n      throw new Error('Cannot receive on this socket.');\n    }\n    try {\n      const msg = await (this._socket as zmq.Pull).receive();\n      this.emit('message', ...msg);\n    } catch (err) {\n      this.emit('error', err);\n    }\n  }\n}\n" },
  { name: "a listener awaiting async.map's promise form whose async iteratee awaits only a function that catches everything (balanceofsatoshis' 'success' listener, check 24)", filename: "network/pay.js", code: "const asyncMap = require('async/map');\nconst { describe } = require('./describe');\nfunction watch(sub, logger) {\n  sub.on('success', async ({ routes }) => {\n    const paths = await asyncMap(routes, async (route) => {\n      const { description } = await describe(route);\n      return { path: description, fee: route.fee };\n    });\n    logger.info({ paths });\n  });\n}\nmodule.exports = watch;\n", files: { "network/describe.js": "async function describe(route) {\n  try {\n    return { description: await lookup(route) };\n  } catch (err) {\n    return { description: '' };\n  }\n}\nasync function lookup(route) { return route.id; }\nmodule.exports = { describe };\n" } },
  { name: "a timer dropping a method that wraps the user's onStop hook in try/catch and calls the optional onStopError hook in the catch: both hooks are the user's (seyfert's collectors, check 25)", filename: "lib/client/collectors.js", code: "class Collectors {\n  constructor() { this.values = new Map(); }\n  create(options) {\n    const entry = { options, timer: setTimeout(() => this.delete(options.event, 'idle'), options.idle) };\n    this.values.set(options.event, entry);\n    return options;\n  }\n  async delete(name, reason) {\n    const collector = this.values.get(name);\n    if (!collector) return;\n    this.values.delete(name);\n    try {\n      await collector.options.onStop?.(reason);\n    } catch (e) {\n      await collector.options.onStopError?.(reason, e);\n    }\n  }\n}\nmodule.exports = { Collectors };\n" },
  {
    name: "a listener awaiting a TV power probe built from isPortReachable (resolves false, never rejects) and a .catch(() => fallback) tail (check 20, homebridge-samsung-tizen)",
    filename: 'lib/remote.js',
    code: "const isPortReachable = require('is-port-reachable');\nconst { EventEmitter } = require('events');\nclass Api {\n  getStateHttp(fallback = false) {\n    return this.getInfo().then((d) => d.on).catch(() => fallback);\n  }\n  async getState() {\n    if (await isPortReachable(8001, { host: this.ip, timeout: 250 })) return this.getStateHttp(true);\n    return false;\n  }\n}\nconst api = new Api();\nconst bus = new EventEmitter();\nbus.on('get', async () => {\n  console.log(await api.getState());\n});\nmodule.exports = bus;\n",
  },
  {
    name: "an executor's stream listener in a command-line tool whose unhandledRejection handler exits: the one command fails either way (check 21, particle-cli's update download)",
    filename: 'src/cmd/update-cli.js',
    code: "const fs = require('fs');\nconst request = require('request');\nclass UpdateCommand {\n  async downloadCLI(url, file) {\n    return await new Promise((resolve, reject) => {\n      request(url).pipe(fs.createWriteStream(file))\n        .on('finish', async () => {\n          const hash = await this.getFileHash(file);\n          resolve(hash);\n        })\n        .on('error', reject);\n    });\n  }\n}\nmodule.exports = UpdateCommand;\n",
    files: { 'package.json': "{ \"name\": \"acme-cli\", \"description\": \"Command line tool for Acme devices\", \"bin\": { \"acme\": \"./src/index.js\" }, \"scripts\": { \"start\": \"node ./src/index.js\" } }", 'src/index.js': "#!/usr/bin/env node\nconst log = require('./lib/log');\nprocess.on('unhandledRejection', (reason) => {\n  log.fatal(reason);\n  process.exit(-1);\n});\nrequire('./cli').run(process.argv);\n" },
  },
  {
    name: "an executor's exit listener in a command-line tool whose bin's uncaughtException handler exits (no unhandledRejection handler): Node raises the rejection as that exception, the one command fails either way (check 23, node-gyp's build)",
    filename: 'lib/build.js',
    code: "const fs = require('fs/promises');\nasync function build(gyp, command, argv, dir) {\n  const proc = gyp.spawn(command, argv);\n  await new Promise((resolve, reject) => proc.on('exit', async (code) => {\n    if (dir) await fs.rm(dir, { recursive: true });\n    if (code !== 0) return reject(new Error('failed: ' + code));\n    resolve();\n  }));\n}\nmodule.exports = build;\n",
    files: { 'package.json': "{ \"name\": \"acme-gyp\", \"description\": \"Command line build tool for native addons\", \"bin\": \"./bin/acme-gyp.js\", \"main\": \"./lib/acme-gyp.js\" }", 'bin/acme-gyp.js': "#!/usr/bin/env node\nconst log = require('../lib/log');\nprocess.on('uncaughtException', function (err) {\n  log.error('UNCAUGHT EXCEPTION', err.stack);\n  process.exit(7);\n});\nrequire('../lib/acme-gyp').run(process.argv);\n" },
  },
  {
    name: "a Node-style callback handed to a method on an object the file cannot see, when the project's method of that name returns the callback into a promise chain ending in .catch(cb): the rejection reaches the catch (check 22, bitcore-wallet-service's explorer)",
    filename: 'lib/monitor.js',
    code: "class Monitor {\n  onBlock(chain, hash) {\n    const explorer = this.explorers[chain];\n    explorer.getTxidsInBlock(hash, async (err, txids) => {\n      if (err) return console.error(err);\n      const stream = this.storage.streamSubs(txids);\n      let sub = await stream.next();\n      while (sub) sub = await stream.next();\n    });\n  }\n}\nmodule.exports = Monitor;\n",
    files: { 'lib/explorer.js': "class Explorer {\n  getTxidsInBlock(blockHash, cb) {\n    this.request\n      .get(this.url + '/tx/?blockHash=' + blockHash)\n      .then((ret) => {\n        try {\n          return cb(null, JSON.parse(ret).map((t) => t.txid));\n        } catch (err) {\n          return cb(new Error('Could not read the block'));\n        }\n      })\n      .catch(cb);\n  }\n}\nmodule.exports = Explorer;\n" },
  },
  {
    name: "a poll timer awaiting a function of its file that catches everything and returns a flag it starts as false and tests (`found = type.startsWith(t); if (found) break`)",
    filename: 'shelly/lib/shelly.js',
    code: "async function shellyPing(node, types) {\n  let found = false;\n  try {\n    const body = await node.request('/shelly');\n    for (const type of types) {\n      found = body.type.startsWith(type);\n      if (found) break;\n    }\n  } catch (error) {\n    node.lastError = error.message;\n  }\n  return found;\n}\nfunction start(node, types) {\n  node.pollingTimer = setInterval(async function () {\n    if (node.closing) return;\n    const found = await shellyPing(node, types);\n    if (found) node.emit('input', {});\n  }, 1000);\n}\nmodule.exports = { start };\n",
  },
  {
    name: "an ioBroker adapter's ready listener awaiting a helper module that takes the adapter (`createInitialInfoObjects(this)`) and calls its own host-database wrappers, and its file store: nothing but the host's database",
    filename: 'main.js',
    code: "const utils = require('@iobroker/adapter-core');\nconst adapterObjects = require('./lib/adapterObjects');\nclass Deebot extends utils.Adapter {\n  constructor(options) {\n    super({ ...options, name: 'ecovacs-deebot' });\n    this.on('ready', this.onReady.bind(this));\n  }\n  async onReady() {\n    await adapterObjects.createInitialInfoObjects(this);\n    await this.writeFileAsync(this.namespace, 'map.png', Buffer.alloc(0));\n  }\n  async createObjectNotExists(id, name) {\n    await this.setObjectNotExistsAsync(id, { type: 'state', common: { name }, native: {} });\n  }\n}\nmodule.exports = (options) => new Deebot(options);\n",
    files: { 'package.json': "{ \"name\": \"iobroker.ecovacs-deebot\", \"dependencies\": { \"@iobroker/adapter-core\": \"^3.0.4\" } }", 'lib/adapterObjects.js': "async function createInitialInfoObjects(adapter) {\n  await adapter.createObjectNotExists('info.version', 'Adapter version');\n  await adapter.createObjectNotExists('info.connection', 'Connection');\n}\nmodule.exports = { createInitialInfoObjects };\n" },
  },
  {
    name: 'an async function with a callback API whose caller awaits it: the caller sees the rejection',
    filename: 'lib/client/http-tracker.js',
    code: `class HTTPTracker {
  announce(opts) {
    return this._request(this.announceUrl, opts, (err, data) => {
      if (err) return this.client.emit('warning', err);
      this._onAnnounceResponse(data);
    });
  }
  async _request(requestUrl, params, cb) {
    let res;
    try {
      res = await fetch(requestUrl, { signal: AbortSignal.timeout(15000) });
    } catch (err) {
      return cb(err);
    }
    const data = new Uint8Array(await res.arrayBuffer());
    cb(null, data);
  }
}
module.exports = HTTPTracker;
`,
  },
  {
    name: 'an async function with a callback API whose body hands every failure to the callback: nothing rejects',
    filename: 'lib/client/http-tracker.js',
    code: `class HTTPTracker {
  announce(opts) {
    this._request(this.announceUrl, opts, (err, data) => {
      if (err) return this.client.emit('warning', err);
      this._onAnnounceResponse(data);
    });
  }
  async _request(requestUrl, params, cb) {
    let res;
    try {
      res = await fetch(requestUrl, { signal: AbortSignal.timeout(15000) });
    } catch (err) {
      return cb(err);
    }
    try {
      cb(null, new Uint8Array(await res.arrayBuffer()));
    } catch (err) {
      cb(err);
    }
  }
}
module.exports = HTTPTracker;
`,
  },
  {
    name: 'a local async handler whose export is a wrapper passing its rejection to next(err): the route is the wrapper (etherpad Minify)',
    filename: 'node/utils/Minify.js',
    code: `const minify = async (req, res) => {
  res.send(await readAsset(req.params.filename));
};
exports.minify = (req, res, next) => minify(req, res).catch((err) => next(err));
`,
    files: { 'package.json': JSON.stringify({ name: 'pad', dependencies: { express: '^4.17.1' } }), 'node/hooks/static.js': "const minify = require('../utils/Minify');\nexports.expressCreateServer = (hookName, args) => {\n  args.app.all('/static/:filename(*)', minify.minify);\n};\n" },
  },
  {
    name: 'a controller file\'s async handler that another file mounts on an Express 5 router: Express 5 passes the rejection to next(err)',
    filename: 'src/views/jobDetails.js',
    code: `async function handler(req, res) {
  const queue = await req.app.locals.Queues.get(req.params.queueName);
  res.json(await queue.getJob(req.params.id));
}
module.exports = handler;
`,
    files: { 'package.json': JSON.stringify({ name: 'arena', dependencies: { express: '^5.1.0' } }), 'src/views/index.js': `const router = require('express').Router();
const jobDetails = require('./jobDetails');
router.get('/queue/:queueName/:id', jobDetails);
module.exports = router;
` },
  },
  {
    name: 'the same handler on Express 4 with express-async-errors installed: the patch passes the rejection to next(err)',
    filename: 'src/views/jobDetails.js',
    code: `async function handler(req, res) {
  const queue = await req.app.locals.Queues.get(req.params.queueName);
  res.json(await queue.getJob(req.params.id));
}
module.exports = handler;
`,
    files: { 'package.json': JSON.stringify({ name: 'arena', dependencies: { express: '^4.19.2', 'express-async-errors': '^3.1.1' } }), 'src/views/index.js': `const router = require('express').Router();
const jobDetails = require('./jobDetails');
router.get('/queue/:queueName/:id', jobDetails);
module.exports = router;
` },
  },
  {
    name: 'the same handler mounted through a wrapper that catches (`asyncHandler(jobDetails)`): not a bare Express 4 route',
    filename: 'src/views/jobDetails.js',
    code: `async function handler(req, res) {
  const queue = await req.app.locals.Queues.get(req.params.queueName);
  res.json(await queue.getJob(req.params.id));
}
module.exports = handler;
`,
    files: { 'package.json': JSON.stringify({ name: 'arena', dependencies: { express: '^4.19.2' } }), 'src/views/index.js': `const router = require('express').Router();
const jobDetails = require('./jobDetails');
const asyncHandler = require('express-async-handler');
router.get('/queue/:queueName/:id', asyncHandler(jobDetails));
module.exports = router;
` },
  },
  {
    name: 'an exported async (req, res) function no file registers as a route: nothing says Express calls it',
    filename: 'src/views/jobDetails.js',
    code: `async function handler(req, res) {
  const queue = await req.app.locals.Queues.get(req.params.queueName);
  res.json(await queue.getJob(req.params.id));
}
module.exports = handler;
`,
    files: { 'package.json': JSON.stringify({ name: 'arena', dependencies: { express: '^4.19.2' } }), 'src/views/index.js': "const jobDetails = require('./jobDetails');\nmodule.exports = { jobDetails };\n" },
  },
  {
    name: "a piece listener awaiting only uint8-util's hash of the buffer it was handed: an in-memory digest has nothing to fail on",
    filename: 'lib/torrent.js',
    code: `import { hash } from 'uint8-util';
export function watch(store, verify) {
  store.on('piece', async (index, buf) => {
    const digest = await hash(buf, 'hex');
    verify(index, digest);
  });
}
`,
  },
  {
    name: "a project function handed a Node-style async callback: the project's own code may await it",
    code: `declare const pool: { connect(): Promise<{ query(sql: string): Promise<void>; release(): void }> };
async function withConnection(cb: (err: Error | null, conn: { query(sql: string): Promise<void> }) => Promise<void>) {
  const conn = await pool.connect();
  try {
    await cb(null, conn);
  } finally {
    conn.release();
  }
}
export function touch() {
  return withConnection(async (err, conn) => {
    await conn.query('update jobs set seen = now()');
  });
}
`,
  },
  {
    name: "a web framework's error handler on an app handed to a plugin (`app.setErrorHandler(async (error, request, reply) => …)`): not a Node-style callback",
    filename: 'lib/routes.js',
    code: `module.exports = async function (app, opts) {
  app.setErrorHandler(async (error, request, reply) => {
    request.context = await opts.context(request, reply);
    return reply.code(500).send({ errors: [error.message] });
  });
};
`,
  },
  {
    name: 'a Node-style callback awaiting a method through `const self = this` that catches every failure itself',
    filename: 'lib/storage.js',
    code: `const async = require('async');
class Storage {
  async applyFilters(pkg) {
    const errors = [];
    let filtered = pkg;
    for (const filter of this.filters) {
      try {
        filtered = await filter.filterMetadata(filtered);
      } catch (err) {
        errors.push(err);
      }
    }
    return { filtered, errors };
  }
  sync(name, pkg, uplinks, callback) {
    const self = this;
    async.map(uplinks, (uplink, cb) => uplink.fetch(name, cb), async (err, results) => {
      const { filtered, errors } = await self.applyFilters(pkg);
      callback(null, filtered, errors.concat(results));
    });
  }
}
module.exports = Storage;
`,
  },
  {
    name: 'an async `.catch` handler and a Node-style callback that catches its own awaits',
    code: `import { readFile } from 'node:fs';
declare function report(e: unknown): Promise<void>;
declare function save(data: Buffer): Promise<void>;
export function load(p: string, job: Promise<void>) {
  job.catch(async (err) => {
    await report(err);
  });
  readFile(p, async (err, data) => {
    try {
      await save(data);
    } catch (e) {
      console.error(e);
    }
  });
}
`,
  },
  {
    name: "a restart timer drops start(), which awaits the start of a runner another file defines: that start catches and hands errors to the onCrash it was given",
    filename: 'src/consumer/index.js',
    code: "const Runner = require('./runner');\nmodule.exports = ({ logger }) => {\n  let runner = null;\n  const run = async () => {\n    const start = async (onCrash) => {\n      runner = new Runner({ logger, onCrash });\n      await runner.start();\n    };\n    const onCrash = async (e) => {\n      logger.error(e.message);\n      setTimeout(() => start(onCrash), 1000);\n    };\n    await start(onCrash);\n  };\n  return { run };\n};\n",
    files: { 'src/consumer/runner.js': "module.exports = class Runner {\n  constructor({ logger, onCrash }) {\n    this.logger = logger;\n    this.onCrash = onCrash;\n  }\n  async start() {\n    try {\n      await this.connect();\n    } catch (e) {\n      return this.onCrash(e);\n    }\n  }\n  async connect() {\n    try {\n      await this.logger.flush();\n    } catch (e) {\n      this.logger.error(e);\n    }\n  }\n};\n" },
  },
  {
    name: "a timer drops the promise of an async method that catches everything it awaits",
    filename: 'lib/poller.js',
    code: "class Poller {\n  start() {\n    this.timer = setInterval(() => this.poll(), 1000);\n  }\n  async poll() {\n    try {\n      const res = await fetch(this.url, { signal: AbortSignal.timeout(5000) });\n      this.last = await res.json();\n    } catch (err) {\n      this.emit('warning', err);\n    }\n  }\n}\nmodule.exports = Poller;\n",
  },
  {
    name: "a timer re-runs a refresh that retries itself with the plan it was given: each pass catches what it awaits",
    filename: 'lib/control.js',
    code: "class Control {\n  schedule(delay) {\n    setTimeout(() => this.refresh(), delay);\n  }\n  async refresh(plan) {\n    try {\n      if (!plan) plan = await this.newPlan();\n      await this.connect(plan);\n    } catch (err) {\n      this.emit('warning', err);\n      return;\n    }\n    try {\n      await this.loadTopology();\n    } catch (err) {\n      return await this.refresh(plan);\n    }\n  }\n}\nmodule.exports = Control;\n",
  },
  {
    name: "`void this.poll()` and `this.poll().catch(…)`: the promise is dropped on purpose, or handled",
    filename: 'lib/poller.js',
    code: "class Poller {\n  start() {\n    setInterval(() => { void this.poll(); }, 1000);\n    setInterval(() => this.poll().catch((err) => console.error(err)), 5000);\n  }\n  async poll() {\n    const res = await fetch(this.url, { signal: AbortSignal.timeout(5000) });\n    this.last = await res.json();\n  }\n}\nmodule.exports = Poller;\n",
  },
  {
    name: "an interval calls process() with no job: the branch that awaits a lock for an extra job cannot run, and the queue filling it awaits catches",
    filename: 'lib/processor.js',
    code: "class Processor {\n  start() {\n    this.interval = setInterval(() => this.process(), 5000);\n  }\n  async process(extraJob) {\n    if (!extraJob) {\n      await Promise.all(Object.keys(this.definitions).map(async (name) => {\n        await this.fill(name);\n      }));\n    } else {\n      await this.lock(extraJob);\n    }\n  }\n  async fill(name) {\n    try {\n      await this.db.next(name);\n    } catch (error) {\n      console.error(error);\n    }\n  }\n  async lock(job) {\n    await this.db.lock(job);\n  }\n}\nmodule.exports = Processor;\n",
  },
  {
    name: "a lookup whose requests each catch, returning fields of an awaited response, mapped by name",
    filename: 'lib/reader.js',
    code: "async function request(url) {\n  try {\n    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });\n    const { producers, data } = await response.json();\n    return producers || data.producers;\n  } catch (e) {\n    return [];\n  }\n}\nasync function lookup(urls) {\n  const results = await Promise.all(urls.map(request));\n  return Object.values(results);\n}\nclass Reader {\n  connect() {\n    this.timer = setInterval(() => {\n      this.query();\n    }, 30000);\n  }\n  async query() {\n    const nodes = await lookup(this.urls);\n    this.nodes = nodes;\n  }\n}\nmodule.exports = Reader;\n",
  },
  {
    name: 'the listener awaits a method whose catch hands back a fresh object: nothing can reject',
    code: `import { EventEmitter } from 'node:events';
declare function getProfile(userId: string): Promise<{ name: string }>;
class Profile {
  constructor(readonly userId: string, readonly data: { name?: string }) {}
}
export class ProfileCache {
  private cache = new Map<string, Profile>();
  watch(client: EventEmitter) {
    client.on('member', async (userId: string) => {
      if (this.cache.has(userId)) this.cache.set(userId, await this.profileOf(userId));
    });
  }
  private async profileOf(userId: string): Promise<Profile> {
    try {
      return new Profile(userId, await getProfile(userId));
    } catch (e) {
      console.warn('profile lookup failed', e);
      return new Profile(userId, {});
    }
  }
}
`,
  },
  {
    name: "`this.mqtt.publish()` set from a base class's constructor parameter: the package's class `Mqtt` catches in publish, and a recursive call adds nothing",
    filename: 'src/extension/availability.js',
    code: `const extension_1 = __importDefault(require("./extension"));
class Availability extends extension_1.default {
  resetTimer(device) {
    setTimeout(this.publishAvailability.bind(this, device, true), 60000);
  }
  async publishAvailability(entity, logLastSeen, forcePublish = false) {
    await this.mqtt.publish(\`\${entity.name}/availability\`, 'online');
    for (const group of entity.groups) {
      await this.publishAvailability(group, false, forcePublish);
    }
  }
}
exports.default = Availability;
`,
    files: { 'package.json': '{"name":"svc"}', 'src/extension/extension.js': `class Extension {
  constructor(mqtt, publishEntityState) {
    this.mqtt = mqtt;
    this.publishEntityState = publishEntityState;
  }
}
exports.default = Extension;
`, 'src/mqtt.js': `class Mqtt {
  async publish(topic, payload) {
    if (!this.client) return;
    try {
      await this.client.publishAsync(topic, payload);
    } catch (error) {
      console.error(\`could not publish to \${topic}: \${error.message}\`);
    }
  }
}
exports.default = Mqtt;
` },
  },
  {
    name: 'two awaits resolved in other files, each settling: `Mqtt.publish` catches, `publishEntityState` is supplied by whoever made the extension',
    filename: 'src/extension/homeassistant.js',
    code: `const extension_1 = __importDefault(require("./extension"));
class HomeAssistant extends extension_1.default {
  onOnline(entities) {
    setTimeout(async () => {
      await this.mqtt.publish('bridge/state', 'online');
      for (const entity of entities) {
        await this.publishEntityState(entity, 'publishCached');
      }
    }, 30000);
  }
}
exports.default = HomeAssistant;
`,
    files: { 'package.json': '{"name":"svc"}', 'src/extension/extension.js': `class Extension {
  constructor(mqtt, publishEntityState) {
    this.mqtt = mqtt;
    this.publishEntityState = publishEntityState;
  }
}
exports.default = Extension;
`, 'src/mqtt.js': `class Mqtt {
  async publish(topic, payload) {
    if (!this.client) return;
    try {
      await this.client.publishAsync(topic, payload);
    } catch (error) {
      console.error(\`could not publish to \${topic}: \${error.message}\`);
    }
  }
}
exports.default = Mqtt;
` },
  },
  {
    name: 'a sleep helper of the default-exported utils object, as TypeScript compiles `utils.sleep(10)`',
    filename: 'src/extension/configure.js',
    code: `const utils_1 = __importDefault(require("./utils"));
class Configure {
  start(devices) {
    setImmediate(async () => {
      for (const device of devices) {
        await utils_1.default.sleep(10);
        console.log(\`configuring \${device}\`);
      }
    });
  }
}
exports.default = Configure;
`,
    files: { 'package.json': '{"name":"svc"}', 'src/extension/utils.js': `function sleep(seconds) {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}
exports.default = { sleep };
` },
  },
  {
    name: 'a route of the Vite dev server, a devDependency: it runs only when a developer starts the app in development mode',
    filename: 'src/plugins/dev-server.js',
    code: `const vite_1 = require("vite");
exports.default = async (app) => {
  const vite = await (0, vite_1.createServer)({ server: { middlewareMode: true }, appType: "custom" });
  app.use(vite.middlewares);
  app.get("/", async (req, res) => {
    const html = await vite.transformIndexHtml(req.url, '<html></html>');
    res.send(html);
  });
};
`,
    files: { 'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '^4.21.0' }, devDependencies: { vite: '^8.0.0' } }) },
  },
  {
    name: 'a shutdown handler whose only await loads a module of the package itself (import(), or its CommonJS compilation)',
    filename: 'src/server.js',
    code: "process.on('SIGINT', async () => {\n  (await import('./plugins/storage.js')).emptyDir();\n  process.exit(0);\n});\nprocess.on('SIGTERM', async () => {\n  (await Promise.resolve().then(() => __importStar(require('./plugins/storage')))).default.emptyDir();\n  process.exit(0);\n});\n",
  },
  {
    name: 'the whole body is in try/catch',
    code: `${EMITTER}bus.on('message', async (msg: string) => {
  try {
    await handle(msg);
  } catch (err) {
    console.error('message failed', err);
  }
});
`,
  },
  {
    name: 'no await and no throw: nothing rejects later',
    code: `${EMITTER}let seen = 0;
bus.on('message', async () => {
  seen++;
});
`,
  },
  {
    name: '.catch() attached to the awaited promise',
    code: `${EMITTER}setInterval(async () => {
  await handle('tick').catch((err) => console.error(err));
}, 1000);
`,
  },
  {
    name: 'the await is inside a nested callback, not the async function itself',
    code: `${EMITTER}bus.on('batch', async (ids: string[]) => {
  ids.forEach((id) => {
    void handle(id).catch(console.error);
  });
});
`,
  },
  {
    name: 'Fastify awaits async handlers',
    code: `import Fastify from 'fastify';
declare function loadOrder(id: string): Promise<{ id: string }>;
const fastify = Fastify();
fastify.get('/orders/:id', async (req) => {
  return await loadOrder((req.params as { id: string }).id);
});
`,
  },
  {
    name: 'Koa awaits middleware',
    code: `import Koa from 'koa';
declare function loadOrder(id: string): Promise<{ id: string }>;
const app = new Koa();
app.use(async (ctx: { body: unknown }, next: () => Promise<void>) => {
  await next();
  ctx.body = await loadOrder('1');
});
`,
  },
  {
    name: 'Hono awaits handlers',
    code: `import { Hono } from 'hono';
declare function loadOrder(id: string): Promise<{ id: string }>;
const app = new Hono();
app.get('/orders/:id', async (c: { json(v: unknown): Response }) => c.json(await loadOrder('1')));
`,
  },
  {
    name: 'a Hono route chained on `new Hono()`: `.on(method, paths, handler)` is a route Hono awaits (spotlightjs sidecar, check 63)',
    code: `import { Hono } from 'hono';
declare function store(body: ArrayBuffer): Promise<void>;
const router = new Hono()
  .get('/stream', (ctx: { text(v: string): Response }) => ctx.text('ok'))
  .on('POST', ['/stream', '/api/:id/envelope'], async (ctx: { req: { arrayBuffer(): Promise<ArrayBuffer> }; body(v: null): Response }) => {
    await store(await ctx.req.arrayBuffer());
    return ctx.body(null);
  });
export default router;
`,
  },
  {
    name: 'an async supplier handed to a project function named addListener that awaits it (fabric-network, check 61)',
    filename: 'lib/network.js',
    code: "const listenersession_1 = require('./impl/listenersession');\nclass Network {\n  async addBlockListener(listener, options = {}) {\n    const sessionSupplier = async () => await this.newBlockListenerSession(listener, options);\n    return await (0, listenersession_1.addListener)(listener, this.blockListeners, sessionSupplier);\n  }\n  async newBlockListenerSession(listener, options) {\n    return fetch(options.url);\n  }\n}\nexports.Network = Network;\n",
    files: {
      'package.json': '{"name":"fabric-network","main":"lib/network.js"}',
      'lib/impl/listenersession.js': "async function addListener(listener, listenerSessions, sessionSupplier) {\n  if (!listenerSessions.has(listener)) {\n    const session = await sessionSupplier();\n    listenerSessions.set(listener, session);\n    await session.start();\n  }\n  return listener;\n}\nexports.addListener = addListener;\n",
    },
  },
  {
    name: 'async signal and onerror handlers awaiting only the MCP Client and the mcp-proxy stdio server close(), which only abort and detach (spotlight sidecar, check 63)',
    filename: 'src/cli/mcp.js',
    code: "import { Client } from \"@modelcontextprotocol/sdk/client/index.js\";\nimport { startStdioServer } from \"mcp-proxy\";\nasync function startProxy(port) {\n  let client = null;\n  let server = null;\n  const shutdown = async () => {\n    if (client) {\n      await client.close();\n    }\n    if (server) {\n      await server.close();\n    }\n    process.exit(0);\n  };\n  process.on(\"SIGINT\", shutdown);\n  server = await startStdioServer({\n    initStreamClient: () => {\n      client = new Client({ name: \"proxy\", version: \"1.0.0\" });\n      client.onerror = async (err) => {\n        if (/disconnected/i.test(err.message)) {\n          if (client) await client.close();\n          if (server) await server.close();\n        }\n      };\n      return Promise.resolve(client);\n    },\n    url: `http://localhost:${port}/mcp`,\n  });\n}\nexport { startProxy };\n",
    files: { 'package.json': '{"name":"sidecar","type":"module"}' },
  },
  {
    name: "Telegraf's bot.on is middleware it awaits",
    code: `import { Telegraf } from 'telegraf';
declare function reply(text: string): Promise<void>;
const bot = new Telegraf('token');
bot.on('message', async () => {
  await reply('hi');
});
`,
  },
  {
    name: 'Express 5 (package.json) passes rejections to next(err) itself',
    code: `${EXPRESS}app.get('/orders/:id', async (req, res) => {
  res.json(await loadOrder(req.params.id));
});
`,
    files: { 'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '^5.1.0' } }) },
  },
  {
    name: 'createServer whose listener hands the promise to .catch',
    code: `import { createServer } from 'node:http';
declare function handle(url: string): Promise<void>;
export const server = createServer((req, res) => {
  handle(req.url ?? '/').catch(() => res.end());
});
`,
  },
  {
    name: 'forEach(async …) belongs to unbounded-concurrency',
    code: `declare function handle(msg: string): Promise<void>;
export function all(msgs: string[]) {
  msgs.forEach(async (m) => {
    await handle(m);
  });
}
`,
  },
  {
    name: 'timers/promises setTimeout takes no callback',
    code: `import { setTimeout as sleep } from 'node:timers/promises';
export async function later() {
  await sleep(100);
}
`,
  },
  {
    name: 'a local function named setInterval',
    code: `declare function handle(msg: string): Promise<void>;
function setInterval(fn: () => Promise<void>, _ms: number) { return fn(); }
export const run = setInterval(async () => {
  await handle('x');
}, 10);
`,
  },
  {
    name: 'get on an object that is no router',
    code: `declare function loadOrder(id: string): Promise<{ id: string }>;
const cache = { get(_key: string, _load: () => Promise<unknown>) { return undefined; } };
cache.get('order', async () => await loadOrder('1'));
`,
  },
  {
    name: 'route on a router from elsewhere, in a Fastify file',
    code: `import type { FastifyInstance } from 'fastify';
declare function loadOrder(id: string): Promise<{ id: string }>;
export function routes(app: FastifyInstance) {
  app.get('/orders', async () => await loadOrder('1'));
}
`,
  },
  {
    name: 'a promise chain handles what the async callback returns',
    code: `declare function handle(msg: string): Promise<void>;
export function chain(p: Promise<string>) {
  return p.then(async (m) => {
    await handle(m);
  });
}
`,
  },
  {
    name: "the package's unhandledRejection handler only logs: a rejection does not end the process",
    code: `${EMITTER}bus.on('message', async (msg: string) => {
  await handle(msg);
});
`,
    files: {
      'package.json': JSON.stringify({ name: 'svc', main: 'src/server.ts' }),
      'src/server.ts': `process.addListener('unhandledRejection', (error) => {
  console.trace(error);
  console.error('If you keep encountering errors, please report them');
});
`,
    },
  },
  {
    name: "the unhandledRejection handler exits only for a port already in use and logs every other error: the process runs on",
    code: `${EMITTER}bus.on('message', async (msg: string) => {
  await handle(msg);
});
`,
    files: {
      'package.json': JSON.stringify({ name: 'svc', main: 'src/main.ts' }),
      'src/self-check.ts': `process.on('unhandledRejection', (err: NodeJS.ErrnoException) => {
  console.error(String(err));
  if (err.code === 'EADDRINUSE') {
    console.error('Another process is using the port. Ending process now.');
    setTimeout(() => process.exit(0));
  } else {
    console.error(err);
  }
});
`,
    },
  },
  {
    name: "the handler is registered on process imported from node:process, in a module loaded for its side effect",
    code: `${EMITTER}bus.on('message', async (msg: string) => {
  await handle(msg);
});
`,
    files: {
      'package.json': JSON.stringify({ name: 'svc', type: 'module', main: 'src/main.ts' }),
      'src/self-check.ts': `import process from 'node:process';
process.on('unhandledRejection', (err) => {
  console.error('Caught unhandled rejection error - details below:');
  console.error(err);
});
`,
    },
  },
  {
    name: 'the unhandledRejection handler rethrows only in development: in production it logs and the process runs on',
    code: `${EMITTER}export class Service {
  watch() {
    bus.on('token-expired', async (id: string) => {
      await handle(id);
    });
  }
  registerHandlers(log: { error(m: string): void }) {
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', (reason) => {
      log.error(\`unhandledRejection: \${String(reason)}\`);
      if (process.env.NODE_ENV === 'development') {
        log.error('shutting down: development mode');
        throw reason;
      }
    });
  }
}
`,
  },
  {
    name: 'a timer, in a package whose uncaughtException handler only logs (and no unhandledRejection handler): the rejection reaches it',
    code: `${EMITTER}setInterval(async () => {
  await handle('tick');
}, 1000);
process.on('uncaughtException', (err) => console.error('uncaught', err));
`,
  },
  {
    name: 'an Express 4 route, in a package whose unhandledRejection handler only logs',
    code: `${EXPRESS}app.get('/orders/:id', async (req, res) => {
  res.json(await loadOrder(req.params.id));
});
process.on('unhandledRejection', (err) => console.error(err));
`,
  },
  {
    name: 'a signal handler whose rejection skips nothing that matters (a hard-stop timer ends the process anyway)',
    code: `declare function shutdown(): Promise<void>;
declare function awaitHardStop(): ReturnType<typeof setTimeout>;
process.on('SIGTERM', async () => {
  console.log('[ SIGNAL ] - SIGTERM');
  const timer = awaitHardStop();
  await shutdown();
  clearTimeout(timer);
});
`,
  },
  {
    name: 'signal and crash listeners that arm a hard-stop timer (made by a helper) before awaiting the stop: the process ends either way',
    code: `declare function log(message: string): void;
declare const queue: { close(): Promise<void> };
export class Runner {
  running = false;
  shuttingDown = false;
  async stop(): Promise<void> {
    await queue.close();
    this.running = false;
  }
  registerSignals(timeout: number, stopCallback: (code: number) => void) {
    function awaitHardStop() {
      return setTimeout(() => {
        console.error(\`Did not stop within \${timeout}ms. Stopping now!\`);
        process.nextTick(() => process.exit(1));
      }, timeout);
    }
    process.once('uncaughtException', async (error: Error) => {
      console.error(error);
      if (!this.shuttingDown) {
        const timer = awaitHardStop();
        if (this.running) await this.stop();
        clearTimeout(timer);
        stopCallback(1);
      }
    });
    process.on('SIGTERM', async () => {
      log('[ SIGNAL ] - SIGTERM');
      const timer = awaitHardStop();
      if (this.running) await this.stop();
      if (!this.shuttingDown) {
        clearTimeout(timer);
        stopCallback(0);
      }
    });
  }
}
`,
  },
  {
    name: 'an async listener in a promise executor that catches and rejects',
    code: `import { EventEmitter } from 'node:events';
declare const client: EventEmitter & { setName(name: string): Promise<void> };
export function connect(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once('ready', async () => {
      try {
        await client.setName(name);
        resolve();
      } catch (error) {
        reject(error);
      }
    });
  });
}
`,
  },
  {
    name: 'a signal handler whose finally exits whatever happens',
    code: `declare function drain(): Promise<void>;
process.once('SIGINT', async () => {
  try {
    await drain();
  } finally {
    process.exit(0);
  }
});
`,
  },
  {
    name: "a child process's 'exit' listener that awaits the program's own exit wrapper: what follows an exit is not meant to run",
    code: `import { spawn } from 'node:child_process';
export function startDevServer(options: { exit(code: number): Promise<void> }) {
  const { exit } = options;
  const devServer = spawn('node', ['runner.js'], { stdio: 'inherit' });
  devServer.on('exit', async (code: number | null, signal: string | null) => {
    if (code !== 0 && code !== null) {
      console.error('dev server exited with ' + code);
      await exit(code);
    }
    if (signal) {
      console.error('dev server killed by ' + signal);
      await exit(1);
    }
  });
}
`,
  },
  {
    name: 'an async handler property whose body catches: not reported',
    filename: 'main.js',
    code: "const WebSocket = require('ws');\nconst db = require('./db');\nfunction connect(url, adapter) {\n  const ws = new WebSocket(url);\n  ws.onmessage = async (msg) => {\n    try {\n      const data = JSON.parse(msg.data);\n      const obj = await db.getObjectByDeviceId(data.id);\n      adapter.setState(obj.id, data.state);\n    } catch (err) {\n      adapter.log.error(err);\n    }\n  };\n  ws.onclose = () => setTimeout(() => connect(url, adapter), 5000);\n  return ws;\n}\nmodule.exports = connect;\n",
    files: { 'db.js': "exports.getObjectByDeviceId = async (id) => ({ id });\n" },
  },
  {
    name: 'an async handler property in page code (location, document): the browser logs the rejection, not reported',
    filename: 'src/page.js',
    code: "const socket = new WebSocket('wss://' + location.host + '/events');\nsocket.onmessage = async (event) => {\n  const res = await fetch('/api/items/' + JSON.parse(event.data).id);\n  document.getElementById('item').textContent = await res.text();\n};\n",
  },
  {
    name: "a listener on the way out: an 'error' listener whose last step awaits the shutdown",
    code: `import { createServer } from 'node:http';
declare function shutdownFunction(): Promise<void>;
const server = createServer();
server.once('error', async (err) => {
  console.error('Cannot listen: ' + err.message);
  await shutdownFunction();
});
`,
  },
  {
    name: 'the awaited method of the same class catches everything (two levels), and a sleep cannot reject',
    code: `import { EventEmitter } from 'node:events';
declare const queue: { end(): Promise<void> };
export class Scheduler extends EventEmitter {
  private timer?: ReturnType<typeof setTimeout>;
  start() {
    this.timer = setTimeout(async () => {
      await this.end();
      await sleep(100);
    }, 1000);
  }
  async end(): Promise<void> {
    try {
      await queue.end();
      this.emit('end');
    } catch (error) {
      this.emit('error', error);
    }
    return this.later();
  }
  private later(): Promise<null> {
    return new Promise((resolve) => {
      setTimeout(() => resolve(null), 10);
    });
  }
}
function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
`,
  },
  {
    name: "a worker's message listener awaits methods that catch three calls deep (init → renew → dispose)",
    code: `declare const redis: { pexpire(key: string, ms: number): Promise<number>; del(key: string): Promise<number>; connect(): Promise<void> };
class Renewer {
  disposed = true;
  timer: ReturnType<typeof setInterval> | null = null;
  async init(): Promise<void> {
    this.disposed = false;
    try {
      await redis.connect();
    } catch (error) {
      console.error(error);
      return;
    }
    await this.renew();
    this.timer = setInterval(() => void this.renew(), 2000);
  }
  async renew(): Promise<void> {
    try {
      await redis.pexpire('card', 4000);
    } catch (error) {
      await this.dispose();
      process.send?.({ error: String(error) });
    }
  }
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    try {
      await redis.del('card');
    } catch (error) {
      console.error(error);
    }
  }
}
const renewer = new Renewer();
process.on('message', async (message: { action: string }) => {
  if (message.action === 'start') {
    await renewer.init();
  } else if (message.action === 'dispose') {
    await renewer.dispose();
  }
});
`,
  },
  {
    name: 'a function of this file that handles its own failure',
    code: `${EMITTER}async function safely(msg: string) {
  try {
    await handle(msg);
  } catch (err) {
    console.error(err);
  }
}
bus.on('message', async (msg: string) => {
  await safely(msg);
});
`,
  },
  {
    name: 'code that only runs in development mode',
    code: `declare function decrement(): Promise<void>;
export function reserve(seconds: number, devModeReconnectionToken?: string) {
  if (devModeReconnectionToken) {
    setTimeout(async () => {
      await decrement();
    }, seconds * 1000);
  }
}
`,
  },
  {
    name: 'listeners on an interactive prompt over the terminal (a class member)',
    code: `import readline from 'node:readline';
import { appendFile } from 'node:fs/promises';
declare function receive(line: string): Promise<void>;
export class Shell {
  #rl: readline.Interface | null = null;
  run() {
    this.#rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    this.#rl.on('line', async (line) => {
      if (line === 'exit') process.exit(0);
      await receive(line.trim());
      this.#rl?.prompt();
    });
    this.#rl.on('history', async (history: string[]) => {
      await appendFile('.history', history[0] + '\\n');
    });
  }
}
`,
  },
  {
    name: "a start-up `once('connected')` listener at the top level of a module: a failure there is a failed boot",
    code: `import { EventEmitter } from 'node:events';
declare function loadScripts(): Promise<void>;
const adapter = new EventEmitter();
adapter.once('connected', async () => {
  await loadScripts();
});
`,
  },
  {
    name: 'an app handed in as a hook argument, in a package that does not depend on Express',
    filename: 'src/hooks/readonly.js',
    code: `const { getPadId } = require('../db');
exports.expressCreateServer = (hookName, args, cb) => {
  args.app.get('/ro/:id', async (req, res) => {
    res.send(await getPadId(req.params.id));
  });
  return cb();
};
`,
    files: { 'package.json': JSON.stringify({ name: 'svc', dependencies: { koa: '^2.0.0' } }), 'src/db.js': 'exports.getPadId = async (id) => id;\n' },
  },
  {
    name: 'an app handed in as a hook argument, in a package on Express 5',
    filename: 'src/hooks/readonly.js',
    code: `const { getPadId } = require('../db');
exports.expressCreateServer = (hookName, args, cb) => {
  args.app.get('/ro/:id', async (req, res) => {
    res.send(await getPadId(req.params.id));
  });
  return cb();
};
`,
    files: { 'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '^5.1.0' } }), 'src/db.js': 'exports.getPadId = async (id) => id;\n' },
  },
  {
    name: "a method of another file's class that cannot reject: its file records that it settles",
    code: `import { RequestQueue } from './request-queue';
export class Connection {
  private readonly requestQueue = new RequestQueue();
  connect(timeoutMs: number) {
    const onTimeout = async () => {
      console.error('Connection timeout');
      await this.disconnect();
    };
    return setTimeout(onTimeout, timeoutMs);
  }
  async disconnect() {
    await this.requestQueue.waitForPendingRequests();
    return true;
  }
}
`,
    files: {
      'src/request-queue.ts': `export class RequestQueue {
  private pending: unknown[] = [];
  waitForPendingRequests(): Promise<void> {
    return new Promise((resolve) => {
      if (this.pending.length === 0) return resolve();
      setTimeout(resolve, 10);
    });
  }
}
`,
    },
  },
  {
    name: "an imported function (CommonJS) that catches everything",
    filename: 'src/consumer.js',
    code: `const { EventEmitter } = require('node:events');
const store = require('./store');
const bus = new EventEmitter();
bus.on('message', async (msg) => {
  await store.save(msg);
});
module.exports = bus;
`,
    files: {
      'src/store.js': `exports.save = async (msg) => {
  try {
    await fetch('https://example.com', { method: 'POST', body: msg, signal: AbortSignal.timeout(5000) });
  } catch (err) {
    console.error(err);
  }
};
`,
    },
  },
  {
    name: 'the awaited function only awaits in a branch the call leaves off (a parameter defaulting to false)',
    code: `import { EventEmitter } from 'node:events';
declare function subscribeIPC(channel: string): Promise<void>;
const rooms: Record<string, unknown> = {};
async function createRoomReferences(roomId: string, init: boolean = false): Promise<boolean> {
  rooms[roomId] = true;
  if (init) {
    await subscribeIPC(roomId);
  }
  return true;
}
async function unlockRoom(roomId: string) {
  if (await createRoomReferences(roomId)) console.log('unlocked', roomId);
}
export function watch(events: EventEmitter, roomId: string) {
  events.on('unlock', unlockRoom.bind(undefined, roomId));
}
`,
  },
  {
    name: 'the only await is in development-only code',
    code: `import { EventEmitter } from 'node:events';
declare const isDevMode: boolean;
declare const presence: { hdel(key: string, field: string): Promise<void> };
async function disposeRoom(roomId: string) {
  if (isDevMode) {
    await presence.hdel('restore', roomId);
  }
  console.log('disposed', roomId);
}
export function watch(events: EventEmitter, roomId: string) {
  events.once('dispose', disposeRoom.bind(undefined, roomId));
}
`,
  },
  {
    name: 'a debounce helper that only awaits the function its caller supplies (and promises it stored of it)',
    code: `export const useDebounce = () => {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const running: Map<string, Promise<unknown>> = new Map();
  const debounce = async (id: string, func: () => Promise<unknown>, wait: number) => {
    const run = async () => {
      timers.delete(id);
      if (running.has(id)) {
        await running.get(id);
      }
      const execution = func();
      running.set(id, execution);
      const result = await execution;
      running.delete(id);
      return result;
    };
    timers.set(id, setTimeout(run, wait));
  };
  return { debounce };
};
`,
  },
  {
    name: 'an inherited receive() that hands messages to a handler injected through init()',
    filename: 'src/transporters/kafka.js',
    code: `const Transporter = require('./base');
class KafkaTransporter extends Transporter {
  listen(stream) {
    stream.on('data', async (message) => {
      await this.receive(message.topic, message.value);
    });
  }
}
module.exports = KafkaTransporter;
`,
    files: {
      'src/transporters/base.js': `class BaseTransporter {
  init(transit, messageHandler) {
    this.transit = transit;
    this.messageHandler = messageHandler;
  }
  incomingMessage(cmd, msg) {
    if (!msg) return;
    try {
      return this.messageHandler(cmd, JSON.parse(msg));
    } catch (err) {
      console.warn('Invalid incoming packet', err);
    }
  }
  receive(cmd, data) {
    return this.incomingMessage(cmd, data);
  }
}
module.exports = BaseTransporter;
`,
    },
  },
  {
    name: "an ioBroker adapter's ready listener awaiting the database's `getAdapterObjectsAsync()` and the host's `delay(ms)`",
    filename: 'main.js',
    code: `const utils = require('@iobroker/adapter-core');
class Tibberlink extends utils.Adapter {
  constructor(options) {
    super({ ...options, name: 'tibberlink' });
    this.on('ready', this.onReady.bind(this));
  }
  async onReady() {
    await this.setStateAsync('info.connection', false, true);
    this.existingObjects = await this.getAdapterObjectsAsync();
    await this.delay(5 * 60000);
    const last = await this.getStateAsync('info.LastSentryLogMonth');
    this.log.info(String(last && last.val));
  }
}
module.exports = (options) => new Tibberlink(options);
`,
    files: { 'package.json': '{ "name": "iobroker.tibberlink", "dependencies": { "@iobroker/adapter-core": "^3.4.3" } }' },
  },
  {
    name: "an ioBroker adapter's listeners awaiting or dropping only the suffix-less host writes (`this.setState`, `setStateChanged`): the next event runs them again",
    filename: 'main.js',
    code: `const utils = require('@iobroker/adapter-core');
class Worx extends utils.Adapter {
  constructor(options) {
    super({ ...options, name: 'worx' });
    this.on('ready', this.onReady.bind(this));
  }
  async onReady() {
    this.client.on('message', async (topic, message) => {
      await this.setLoginInfo();
      await this.setStateChanged(topic + '.raw', message.toString(), true);
    });
    this.client.on('error', (err) => {
      this.setDeleteSession();
    });
  }
  async setLoginInfo() {
    await this.setState('loginInfo', { val: JSON.stringify(this.loginInfo), ack: true });
  }
  async setDeleteSession() {
    await this.setState('info.session', '{}', true);
  }
}
module.exports = (options) => new Worx(options);
`,
    files: { 'package.json': '{ "name": "iobroker.worx", "dependencies": { "@iobroker/adapter-core": "^3.0.0" } }' },
  },
  {
    name: "an ioBroker adapter's listener awaiting a helper module whose function ends in the host's suffix-less writes (`adapter.setObjectNotExists`): they settle there as in the listener itself",
    filename: 'main.js',
    code: `const utils = require('@iobroker/adapter-core');
const mapObjects = require('./lib/mapObjects');
class Deebot extends utils.Adapter {
  constructor(options) {
    super({ ...options, name: 'ecovacs-deebot' });
    this.on('ready', this.onReady.bind(this));
  }
  onReady() {
    this.vacbot.on('Maps', async (maps) => {
      await mapObjects.processMaps(this, maps);
    });
  }
}
module.exports = (options) => new Deebot(options);
`,
    files: {
      'package.json': '{ "name": "iobroker.ecovacs-deebot", "dependencies": { "@iobroker/adapter-core": "^3.0.4" } }',
      'lib/mapObjects.js': `async function processMaps(adapter, maps) {
  await adapter.setObjectNotExists('map.count', { type: 'state', common: { name: 'Maps' }, native: {} });
  await adapter.setState('map.count', maps.length, true);
}
module.exports = { processMaps };
`,
    },
  },
  {
    name: 'a listener whose callee chain runs deeper than we follow in place, ending in a method that catches: the deeper method settles by its own fact',
    code: `const store = require('./store');
class Sync {
  async run(job) { await this.prepare(job); }
  async prepare(job) { await this.load(job); }
  async load(job) { await this.apply(job); }
  async apply(job) { await this.save(job); }
  async save(job) {
    try {
      await store.write(job);
    } catch (err) {
      console.error('save failed', err);
    }
  }
}
const sync = new Sync();
process.on('message', async (job) => {
  await sync.run(job);
});
`,
  },
  {
    name: "a listener awaiting `.then(…)` of a method that catches, whose callback only logs: the chain cannot reject",
    code: `class Cache {
  async init() {
    try {
      this.data = await loadAll();
    } catch (err) {
      this.data = {};
    }
  }
}
const cache = new Cache();
process.on('message', async () => {
  await cache.init().then(() => {
    console.log('reloaded', Object.keys(cache.data).length);
  });
});
`,
  },
  {
    name: "a listener awaiting a function that returns what a library made, after calling a method no promise has on it (`out.add(…)`): an object, no promise",
    code: `const ignore = require('ignore');
const fs = require('fs/promises');
const readIgnore = async (dir) => {
  const out = ignore();
  const text = await fs.readFile(dir + '/.gitignore', 'utf8').catch(() => null);
  if (text) out.add(text);
  return out;
};
process.on('message', async (msg) => {
  const rules = await readIgnore(msg.dir);
  console.log(rules.ignores('node_modules'));
});
`,
  },
  {
    name: 'a listener awaiting a function that returns `includes` of a `let` array, given `[]` or a string split: a boolean, no promise',
    code: `const cache = new Map();
async function isMember(id) {
  let members = [];
  const raw = cache.get('members');
  if (raw) members = raw.toString().split(',');
  return members.includes(id);
}
process.on('message', async (msg) => {
  if (await isMember(msg.id)) console.log('member', msg.id);
});
`,
  },
  {
    name: "an ioBroker adapter's listener awaiting only js-controller's own state database",
    filename: 'main.js',
    code: SONOFF_ADAPTER,
    files: { 'package.json': '{ "name": "iobroker.sonoff", "dependencies": { "@iobroker/adapter-core": "^3.0.0" } }' },
  },
  {
    name: "a close handler awaiting a library's callback form (node-opcua's disconnect(cb)): the error goes to the callback, no promise comes back",
    filename: 'opcua/client.js',
    code: `const opcua = require('node-opcua');
module.exports = function (RED) {
  function Client(config) {
    const client = opcua.OPCUAClient.create({});
    this.on('close', async (done) => {
      await client.disconnect(done);
    });
    this.on('input', async () => {
      await client.disconnect((err) => {
        if (err) this.error(err);
      });
    });
  }
  RED.nodes.registerType('opcua-client', Client);
};
`,
  },
  // ---- A function of another file that cannot reject, followed across files (session 12) ----
  {
    name: "compiled TypeScript: a method inherited from `base_1.default` in another file that only writes the host's own database (iobroker.sonoff)",
    filename: 'lib/server.js',
    code: COMPILED_SERVER,
    files: {
      'package.json': '{ "name": "iobroker.sonoff", "dependencies": { "@iobroker/adapter-core": "^3.0.0" } }',
      'lib/base.js': compiledBase(`    async updateAlive(client, alive) {
        const id = this.adapter.namespace + '.' + client.id + '.alive';
        const state = await this.adapter.getForeignStateAsync(id);
        if (!state || state.val !== alive) {
            await this.adapter.setForeignStateAsync(id, alive, true);
        }
    }`),
    },
  },
  {
    name: "a chain of files: the inherited method awaits a third file's function, which catches everything (facts with conditions)",
    filename: 'lib/server.js',
    code: COMPILED_SERVER,
    files: {
      'lib/base.js': compiledBase(`    async updateAlive(client, alive) {
        await (0, registry_1.markAlive)(client.id, alive);
    }`, 'const registry_1 = require("./registry");\n'),
      'lib/registry.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.markAlive = markAlive;
async function markAlive(id, alive) {
    try {
        await fetch('http://registry.local/alive/' + id, { method: 'PUT', body: String(alive), signal: AbortSignal.timeout(5000) });
    }
    catch (err) {
        console.error(err);
    }
}
`,
    },
  },
  {
    name: '`super.method()` of an override, whose base class in another file cannot reject',
    filename: 'src/server.js',
    code: `const Base = require('./base');
class Server extends Base {
  async receive(packet) {
    await super.receive(packet);
    this.count = (this.count || 0) + 1;
  }
  listen(socket) {
    socket.on('packet', async (packet) => {
      await this.receive(packet);
    });
  }
}
module.exports = Server;
`,
    files: {
      'src/base.js': `class Base {
  async receive(packet) {
    try {
      await fetch('http://sink.local/', { method: 'POST', body: packet, signal: AbortSignal.timeout(5000) });
    } catch (err) {
      console.error(err);
    }
  }
}
module.exports = Base;
`,
    },
  },
  {
    name: 'compiled TypeScript: a member made with `new session_1.Session()` and one from a static factory that returns an instance',
    filename: 'lib/station.js',
    code: `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const session_1 = require("./session");
const api_1 = require("./api");
class Station {
    constructor() {
        this.session = new session_1.Session();
    }
    async start() {
        this.api = await api_1.HttpApi.initialize('eu');
        this.session.on('connect', async (token) => {
            await this.api.registerToken(token);
        });
        setTimeout(() => {
            this.session.connect();
        }, 1000);
    }
}
exports.Station = Station;
`,
    files: {
      'lib/session.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const events_1 = require("events");
class Session extends events_1.EventEmitter {
    async connect() {
        try {
            await fetch('http://p2p.local/lookup', { signal: AbortSignal.timeout(5000) });
        }
        catch (err) {
            this.emit('error', err);
        }
    }
}
exports.Session = Session;
`,
      'lib/api.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
class HttpApi {
    static async initialize(region) {
        const api = new HttpApi(region);
        await api.loadRegions();
        return api;
    }
    constructor(region) {
        this.region = region;
    }
    async loadRegions() {
        this.regions = [this.region];
    }
    async post(path, body) {
        try {
            return await fetch('https://api.example/' + path, { method: 'POST', body, signal: AbortSignal.timeout(5000) });
        }
        catch (err) {
            console.error(err);
            return undefined;
        }
    }
    async registerToken(token) {
        const response = await this.post('push/register', token);
        return response !== undefined && response.status === 200;
    }
}
exports.HttpApi = HttpApi;
`,
    },
  },
  {
    name: 'compiled TypeScript: `(0, util_1.awaitWithTimeout)(…)`, whose body is a try/catch that returns the error',
    filename: 'lib/src/subscriber.js',
    code: `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const util_1 = require("./util");
class Subscriber {
    async close() {
        await (0, util_1.awaitWithTimeout)(this.flush(), 5000);
        this.closed = true;
    }
    open(stream) {
        stream.once('close', () => this.close());
    }
}
exports.Subscriber = Subscriber;
`,
    files: {
      'lib/src/util.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.awaitWithTimeout = awaitWithTimeout;
async function awaitWithTimeout(promise, ms) {
    let timer;
    const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), ms); });
    try {
        return { value: await Promise.race([timeout, promise]) };
    }
    catch (err) {
        return { error: err };
    }
    finally {
        clearTimeout(timer);
    }
}
`,
    },
  },
  {
    name: 'a method that returns an array it maps and a member it only sets to awaited values',
    code: `import { EventEmitter } from 'node:events';
declare function search(ms: number): Promise<{ ip: string }[]>;
export class Bridges extends EventEmitter {
  private found: { ip: string }[] | undefined;
  constructor() {
    super();
    this.on('message', async (msg: { timeout: number }) => {
      const list = await this.browse(msg.timeout);
      const cached = await this.cached();
      this.emit('result', list, cached);
    });
  }
  async browse(timeout: number) {
    let bridges: { ip: string }[] = [];
    try {
      bridges = await search(timeout);
    } catch (err) {
      console.error(err);
    }
    const ips: string[] = [];
    for (const b of bridges) if (!ips.includes(b.ip)) ips.push(b.ip);
    return ips.map((ip) => ({ value: ip, label: ip }));
  }
  async cached() {
    if (!this.found) {
      try {
        this.found = await search(1000);
      } catch {
        this.found = [];
      }
    }
    return this.found;
  }
}
`,
  },
  {
    name: 'a variable declared empty and assigned only a promise that resolves (puppeteer downloadFile)',
    code: `import { createWriteStream, type WriteStream } from 'node:fs';
import { get } from 'node:https';
export function download(url: string, dest: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let file: WriteStream | undefined;
    let fileClosePromise: Promise<void> | undefined;
    const cleanupAndReject = async (err: Error): Promise<void> => {
      if (file && fileClosePromise) {
        file.destroy();
        await fileClosePromise;
      }
      reject(err);
    };
    const request = get(url, (response) => {
      file = createWriteStream(dest);
      fileClosePromise = new Promise<void>((res) => {
        file!.on('close', () => res());
      });
      response.pipe(file);
      file.on('finish', () => resolve());
    });
    request.on('error', async (error) => {
      await cleanupAndReject(error);
    });
  });
}
`,
  },
  {
    name: 'a function made by a factory of this file whose whole body is a try/catch (mockttp buildTlsAnalyzer)',
    code: `import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
declare function readClientHello(socket: Socket): Promise<{ sni?: string }>;
function buildAnalyzer(passthrough: string[], onPassthrough: (socket: Socket) => void) {
  if (passthrough.some((h) => h.includes('*'))) throw new Error('wildcards are not supported');
  return async (socket: Socket): Promise<boolean> => {
    try {
      const hello = await readClientHello(socket);
      if (hello.sni && passthrough.includes(hello.sni)) {
        onPassthrough(socket);
        return true;
      }
    } catch (err) {
      console.warn('no TLS client hello', err);
    }
    return false;
  };
}
export function serve(dispatcher: EventEmitter, tls: EventEmitter, passthrough: string[]) {
  const analyze = buildAnalyzer(passthrough, (s) => s.destroy());
  dispatcher.on('connection', async (socket: Socket) => {
    const passedThrough = await analyze(socket);
    if (!passedThrough) tls.emit('connection', socket);
  });
}
`,
  },
  {
    name: 'awaiting a tick (`promisify(process.nextTick)()`) and a proto file the package ships',
    filename: 'lib/push/client.js',
    code: `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const path = require("path");
const util_1 = require("util");
const protobufjs_1 = require("protobufjs");
class PushClient {
    static async init() {
        this.proto = await (0, protobufjs_1.load)(path.join(__dirname, "./proto/mcs.proto"));
        return new PushClient();
    }
    watch(stream) {
        stream.on('error', async (err) => {
            await (0, util_1.promisify)(process.nextTick)();
            this.lastError = err;
        });
        stream.on('reconnect', async () => {
            await PushClient.init();
        });
    }
}
exports.PushClient = PushClient;
`,
  },
  {
    name: 'an async promise executor whose try/catch passes every failure to reject: the promise rejects (medusa event-bus-redis, check 48)',
    filename: 'dist/loaders/index.js',
    code: `"use strict";
const ioredis_1 = require("ioredis");
exports.default = async ({ logger, options }) => {
    const connection = new ioredis_1.default(options.redisUrl, { lazyConnect: true });
    await new Promise(async (resolve, reject) => {
        try {
            await connection.connect(resolve);
        }
        catch (err) {
            reject(err);
        }
    });
    logger.info("connected");
    return connection;
};
`,
    files: { 'package.json': '{ "name": "@medusajs/event-bus-redis", "main": "dist/index.js", "dependencies": { "ioredis": "^5.4.1" } }' },
  },
  {
    name: 'an async promise executor that awaits nothing: its body cannot reject',
    code: `export const ready = new Promise<number>(async (resolve) => {
  resolve(42);
});
`,
  },
  {
    name: 'an async promise executor wholly in try/catch whose catch awaits sleep-promise, a timer that cannot reject (jsonrpc-bidirectional, check 53)',
    filename: 'src/WebSocketTransport.js',
    code: JSONRPC_WAIT_READY('sleep(5000)'),
    files: { 'package.json': '{ "name": "jsonrpc-bidirectional", "main": "src/WebSocketTransport.js", "dependencies": { "sleep-promise": "^9.1.0" } }' },
  },
  {
    name: 'an async timer callback under `if (isBrowser() && …)`, a branch only a browser takes (supabase auth-js, check 52)',
    filename: 'src/GoTrueClient.ts',
    code: SUPABASE_URL_LOGIN('isBrowser() && this.detectSessionInUrl'),
    files: { 'src/lib/helpers.ts': "export const isBrowser = () => typeof window !== 'undefined' && typeof document !== 'undefined';\n" },
  },
  {
    name: 'a sync listener dropping `this.close()`, whose catch rethrows only what its try awaits, none of which can reject there (rethinkdb-ts, check 54)',
    filename: 'lib/connection/connection.js',
    code: RETHINKDB_CONNECTION('this.close()'),
    files: { 'package.json': '{ "name": "rethinkdb-ts", "main": "lib/connection/connection.js" }' },
  },
  {
    name: "an async listener on @tus/utils' StreamSplitter, whose emitEvent awaits each listener (tus s3-store, check 59)",
    filename: 'src/index.ts',
    code: TUS_SPLITTER('@tus/utils'),
    files: { 'package.json': '{ "name": "@tus/s3-store", "main": "dist/index.js", "dependencies": { "@tus/utils": "^0.7.0" } }' },
  },
  {
    name: "an async executor whose only await is import() of a package in `dependencies` (swagger-stats, check 59)",
    filename: 'lib/swsElasticEmitter.js',
    code: SWAGGER_AXIOS,
    files: { 'package.json': '{ "name": "swagger-stats", "main": "lib/index.js", "dependencies": { "axios": "^1.7.0" } }' },
  },
  {
    name: "an async listener with no await whose only rejection is an invariant throw, as a plain listener's would be (kafka-javascript, check 57)",
    filename: 'lib/kafkajs/_producer.js',
    code: KAFKA_READY_CB(''),
    files: { 'package.json': '{ "name": "@confluentinc/kafka-javascript", "main": "lib/index.js" }' },
  },
  {
    name: "an async `onRegister` handler on an object of a class not known to subscribe by method: it may await its handlers (near-miss of twurple chat, check 59)",
    filename: 'lib/ChatClient.js',
    code: TWURPLE_REGISTER('irc-framework-x'),
    files: { 'package.json': '{ "name": "@twurple/chat", "main": "lib/index.js", "dependencies": { "irc-framework-x": "^1.0.0", "@d-fischer/shared-utils": "^3.6.1" } }' },
  },
];

const invalid: InvalidCase[] = [
  {
    name: 'the same close() when run() lets a failed send escape its loop: the awaited member rejects',
    filename: 'src/batcher.js',
    code: "class Batcher {\n  constructor(options) {\n    this.options = options;\n    this.runPromise = this.options.batching ? this.run() : null;\n    process.on('exit', () => {\n      this.close(() => {});\n    });\n  }\n\n  async sendBatch() {\n    return fetch(this.options.host, { method: 'POST', signal: AbortSignal.timeout(5000) });\n  }\n\n  wait(ms) {\n    return new Promise((resolve) => setTimeout(resolve, ms));\n  }\n\n  async run() {\n    this.runLoop = true;\n    while (this.runLoop) {\n      await this.sendBatch();\n      await this.wait(this.interval);\n    }\n  }\n\n  async close(callback) {\n    this.runLoop = false;\n    if (this.runPromise) {\n      await this.runPromise;\n    }\n    try {\n      await this.sendBatch();\n    } catch (e) {\n      // ignore errors on the final flush\n    }\n    if (callback) callback();\n  }\n}\nmodule.exports = Batcher;\n",
    files: { 'package.json': "{\"name\":\"x\",\"version\":\"1.0.0\",\"main\":\"src/batcher.js\"}\n" },
    errors: [{ messageId: 'callbackApi', line: 26, column: 3 }],
  },
  {
    name: 'an async refresh set on this in the constructor (a compiled class field), handed to setInterval by reference, with try/finally and no catch (redis-semaphore, check 40)',
    filename: 'lib/Lock.js',
    code: "class Lock {\n  constructor(client, refreshInterval) {\n    this._client = client;\n    this._refreshInterval = refreshInterval;\n    this._processRefresh = async () => {\n      this._refreshing = true;\n      try {\n        const refreshed = await this._client.refresh();\n        if (!refreshed) this.stopRefresh();\n      } finally {\n        this._refreshing = false;\n      }\n    };\n  }\n  _startRefresh() {\n    this._timer = setInterval(this._processRefresh, this._refreshInterval);\n    this._timer.unref();\n  }\n  stopRefresh() {\n    clearInterval(this._timer);\n  }\n}\nmodule.exports = Lock;\n",
    errors: [{ messageId: 'timer', line: 5, column: 28 }],
  },
  {
    name: "a helper's filtered rethrow is meant for its caller: a timer awaiting it drops it (flipt's refresh() under errorStrategy 'fail')",
    filename: 'src/client.js',
    code: "class Client {\n  constructor(options) {\n    this.options = options;\n  }\n  async refresh() {\n    try {\n      this.snapshot = await fetch(this.options.url).then((r) => r.json());\n    } catch (err) {\n      if (this.options.errorStrategy === 'fail') throw err;\n    }\n  }\n  startAutoRefresh(interval) {\n    this.timer = setInterval(async () => {\n      await this.refresh();\n    }, interval);\n  }\n}\nmodule.exports = Client;\n",
    errors: [{ messageId: 'timer', data: { sink: 'setInterval(…)', rejects: 'await this.refresh()' }, line: 13, column: 30 }],
  },
  {
    name: 'the same chained `.on(…)` on an EventEmitter, not a Hono app: a listener whose promise is dropped',
    filename: 'src/feed.js',
    code: "const { EventEmitter } = require('events');\nconst feed = new EventEmitter()\n  .on('open', () => {})\n  .on('data', async (chunk) => {\n    await fetch('http://x/' + chunk);\n  });\nmodule.exports = feed;\n",
    errors: [{ messageId: 'listener', line: 4, column: 15 }],
  },
  {
    name: 'the same supplier handed to a project addListener that stores it and calls it from an emitter: its promise is dropped',
    filename: 'lib/network.js',
    code: "const listenersession_1 = require('./impl/listenersession');\nclass Network {\n  async addBlockListener(listener, options = {}) {\n    const sessionSupplier = async () => await this.newBlockListenerSession(listener, options);\n    return await (0, listenersession_1.addListener)(listener, this.blockListeners, sessionSupplier);\n  }\n  async newBlockListenerSession(listener, options) {\n    return fetch(options.url);\n  }\n}\nexports.Network = Network;\n",
    files: {
      'package.json': '{"name":"fabric-network","main":"lib/network.js"}',
      'lib/impl/listenersession.js': "async function addListener(listener, listenerSessions, sessionSupplier) {\n  listenerSessions.on(listener, () => sessionSupplier());\n  return listener;\n}\nexports.addListener = addListener;\n",
    },
    errors: [{ messageId: 'listener', line: 4, column: 29 }],
  },
  {
    name: 'the same MCP Client, whose handlers await a tool call, not close(): that request can reject',
    filename: 'src/cli/mcp.js',
    code: "import { Client } from \"@modelcontextprotocol/sdk/client/index.js\";\nasync function startProxy(port, transport) {\n  let client = null;\n  const shutdown = async () => {\n    if (client) {\n      await client.callTool({ name: \"bye\" });\n    }\n    process.exit(0);\n  };\n  process.on(\"SIGINT\", shutdown);\n  client = new Client({ name: \"proxy\", version: \"1.0.0\" });\n  client.onerror = async (err) => {\n    if (/disconnected/i.test(err.message)) {\n      await client.callTool({ name: \"reconnect\" });\n    }\n  };\n  await client.connect(transport);\n}\nexport { startProxy };\n",
    files: { 'package.json': '{"name":"sidecar","type":"module"}' },
    errors: [{ messageId: 'shutdown', line: 4, column: 20 }, { messageId: 'listener', line: 12, column: 20 }],
  },
  {
    name: 'a catch that logs and rethrows every error handles nothing: the rethrow is unhandled',
    filename: 'core/gather/driver/target-manager.js',
    code: "const EventEmitter = require('events');\nclass TargetManager extends EventEmitter {\n  constructor(session) {\n    super();\n    this._rootCdpSession = session;\n    this._enabled = true;\n    session.on('Page.frameNavigated', async () => {\n      try {\n        await this._rootCdpSession.send('Target.setAutoAttach', { autoAttach: true });\n      } catch (err) {\n        console.error('autoattach failed', err);\n        throw err;\n      }\n    });\n    session.on('sessionattached', async (cdpSession) => {\n      try {\n        await cdpSession.send('Network.enable');\n      } catch (err) {\n        if (/Target closed/.test(err.message)) return;\n        throw err;\n      }\n    });\n  }\n}\nmodule.exports = TargetManager;\n",
    errors: [{ messageId: 'listener', data: { sink: "session.on('Page.frameNavigated', …)", rejects: 'throw err' }, line: 7, column: 39 }],
  },
  {
    name: 'the same listener, where the queue also emits the event with a plain `emit`: that promise is dropped',
    filename: 'lib/crawler.js',
    code: `const PriorityQueue = require('./priority-queue');
class Crawler {
  constructor(options) {
    this._queue = new PriorityQueue({ maxConcurrency: options.maxConcurrency });
    this._queue.on('pull', (opts, depth) => this._startRequest(opts, depth));
  }
  async _startRequest(opts, depth) {
    const res = await fetch(opts.url);
    this.results.push({ depth, body: await res.text() });
  }
}
module.exports = Crawler;
`,
    files: { 'package.json': '{"name":"crawler"}', 'lib/async-events.js': `const EventEmitter = require('events');
class AsyncEventEmitter extends EventEmitter {
  emitAsync(event, ...args) {
    const promises = [];
    this.listeners(event).forEach((listener) => {
      promises.push(listener(...args));
    });
    return Promise.all(promises);
  }
}
module.exports = AsyncEventEmitter;
`, 'lib/priority-queue.js': `const AsyncEventEmitter = require('./async-events');
class PriorityQueue extends AsyncEventEmitter {
  async _pull() {
    const args = await this._cache.dequeue('queue');
    if (!args) return;
    await this.emitAsync('pull', ...args);
    this.emit('pull', ...args);
  }
}
module.exports = PriorityQueue;
` },
    errors: [{ messageId: 'dropped', line: 5, column: 45 }],
  },
  {
    name: 'the same listener, when another file also emits the event with a plain `emit`: that emission drops the promise',
    filename: 'src/remote.ts',
    code: REMOTE_INTERCEPTOR,
    files: remoteFiles('await', "export function replay(emitter: Emitter<any>, request: Request) {\n  emitter.emit('request', { request });\n}\n"),
    errors: [{ messageId: 'listener', line: 4, column: 24 }],
  },
  {
    name: 'the same listener, when the helper calls each listener without awaiting it',
    filename: 'src/remote.ts',
    code: REMOTE_INTERCEPTOR,
    files: remoteFiles('void'),
    errors: [{ messageId: 'listener', line: 4, column: 24 }],
  },
  {
    name: 'the same listener, where `emitAsync` calls the listeners but returns none of their promises',
    filename: 'lib/crawler.js',
    code: `const PriorityQueue = require('./priority-queue');
class Crawler {
  constructor(options) {
    this._queue = new PriorityQueue({ maxConcurrency: options.maxConcurrency });
    this._queue.on('pull', (opts, depth) => this._startRequest(opts, depth));
  }
  async _startRequest(opts, depth) {
    const res = await fetch(opts.url);
    this.results.push({ depth, body: await res.text() });
  }
}
module.exports = Crawler;
`,
    files: { 'package.json': '{"name":"crawler"}', 'lib/async-events.js': `const EventEmitter = require('events');
class AsyncEventEmitter extends EventEmitter {
  emitAsync(event, ...args) {
    this.listeners(event).forEach((listener) => {
      listener(...args);
    });
    return Promise.resolve();
  }
}
module.exports = AsyncEventEmitter;
`, 'lib/priority-queue.js': `const AsyncEventEmitter = require('./async-events');
class PriorityQueue extends AsyncEventEmitter {
  async _pull() {
    const args = await this._cache.dequeue('queue');
    if (!args) return;
    await this.emitAsync('pull', ...args);
  }
}
module.exports = PriorityQueue;
` },
    errors: [{ messageId: 'dropped', line: 5, column: 45 }],
  },
  {
    name: '`this.player.node.rest.updatePlayer()` where the class `Rest` named after the member lets the fetch error through',
    filename: 'src/connection.ts',
    code: `import { Player } from './player';
export class Connection {
  player: Player;
  constructor(player: Player) {
    this.player = player;
  }
  setServersUpdate(): void {
    setTimeout(async () => {
      if (!this.player.active) return;
      await this.player.node.rest.updatePlayer(this.player.guildId, { paused: false });
    }, 1000);
  }
}
`,
    files: { 'package.json': '{"name":"svc"}', 'src/rest.ts': `export class Rest {
  async updatePlayer(guildId: string, data: unknown): Promise<unknown> {
    const req = await globalThis.fetch('/players/' + guildId, { method: 'PATCH', body: JSON.stringify(data) });
    return await req.json();
  }
}
` },
    errors: [{ messageId: 'timer', line: 8, column: 16 }],
  },
  {
    name: 'a fluent `play()` returning a parameter typed as a promise: what it returns may reject',
    filename: 'src/player.ts',
    code: `export class Player {
  loop(pending: Promise<string>): void {
    setTimeout(async () => {
      await this.play(pending);
    }, 3000);
  }
  async play(next: Promise<string>): Promise<string> {
    return next;
  }
}
`,
    errors: [{ messageId: 'timer', line: 3, column: 16 }],
  },
  { name: "the same function awaited from an Express 4 route with the request's field: a client can leave it out, so the argument check rejects and the process ends", code: "declare const db: { insert(email: string): Promise<void> };\nasync function register(email: string) {\n  if (!email) {\n    throw new TypeError('register needs an email');\n  }\n  try {\n    await db.insert(email);\n  } catch (err) {\n    console.error('signup failed', err);\n  }\n}\nimport express from 'express';\nconst app = express();\napp.post('/signup', async (req, res) => {\n  await register(req.body.email);\n  res.sendStatus(201);\n});\n", output: "declare const db: { insert(email: string): Promise<void> };\nasync function register(email: string) {\n  if (!email) {\n    throw new TypeError('register needs an email');\n  }\n  try {\n    await db.insert(email);\n  } catch (err) {\n    console.error('signup failed', err);\n  }\n}\nimport express from 'express';\nconst app = express();\napp.post('/signup', async (req, res, next) => {\n  try {\n    await register(req.body.email);\n    res.sendStatus(201);\n  } catch (err) {\n    next(err);\n  }\n});\n", errors: [{ messageId: "route", line: 14, column: 21 }] },
  { name: "an Express server file that renders the same JSX with renderToString on a timer: it runs in the Node process", filename: "src/server/render.tsx", code: "import React from 'react';\nimport express from 'express';\nimport { renderToString } from 'react-dom/server';\nimport { LobbyConnection } from './connection';\n\nconst connection = new LobbyConnection('http://localhost:8000');\nlet html = '';\nsetInterval(async () => {\n  await connection.refresh();\n  html = renderToString(<div className=\"lobby\">{connection.matches.length}</div>);\n}, 2000);\nexpress().get('/', (req, res) => res.send(html)).listen(3000);\n", errors: [{ messageId: "timer", data: { sink: "setInterval(…)", rejects: "await connection.refresh()" }, line: 8, column: 13 }] },
  { name: "the same async.auto flow when the lookup hands its error on (`cbk([503, …])`): the promise rejects when the node is unreachable", filename: "network/pay.js", code: "const { describeRoute } = require('../display');\nfunction watch(sub, lnd, logger) {\n  sub.on('probing', async ({ route }) => {\n    const { description } = await describeRoute({ route, lnd });\n    logger.info({ probing: description });\n  });\n}\nmodule.exports = watch;\n", files: { "display/index.js": "const describeRoute = require('./describe_route');\nmodule.exports = { describeRoute };\n", "display/describe_route.js": "const asyncAuto = require('async/auto');\nconst asyncMap = require('async/map');\nconst { getNode } = require('ln-service');\nconst { returnResult } = require('asyncjs-util');\n\nmodule.exports = ({ lnd, route }, cbk) => {\n  return new Promise((resolve, reject) => {\n    return asyncAuto({\n      validate: (cbk) => {\n        if (!lnd) {\n          return cbk([400, 'ExpectedLndObjectToDescribeRoute']);\n        }\n        if (!route) {\n          return cbk([400, 'ExpectedRouteToDescribe']);\n        }\n        return cbk();\n      },\n      getAliases: ['validate', ({}, cbk) => {\n        return asyncMap(route.hops, (hop, cbk) => {\n          return getNode({ lnd, public_key: hop.public_key }, (err, res) => {\n            if (!!err) {\n              return cbk([503, 'UnexpectedErrorGettingNode', { err }]);\n            }\n            return cbk(null, { alias: res.alias, id: hop.public_key });\n          });\n        }, cbk);\n      }],\n      description: ['getAliases', ({ getAliases }, cbk) => {\n        return cbk(null, { description: getAliases.map((n) => n.alias) });\n      }],\n    },\n    returnResult({ reject, resolve, of: 'description' }, cbk));\n  });\n};\n" }, errors: [{ messageId: "listener", data: { sink: "sub.on('probing', …)", rejects: "await describeRoute(…)" }, line: 3, column: 21 }] },
  { name: "the same method when its throw tests a state flag (`this.closed`), not the configured type: a closed socket is a runtime failure", filename: "src/compat.ts", code: "import * as zmq from 'zeromq';\nimport { EventEmitter } from 'node:events';\nexport class Socket extends EventEmitter {\n  private _socket: zmq.Pull | zmq.Push;\n  private closed = false;\n  constructor(type: string) {\n    super();\n    this._socket = type === 'pull' ? new zmq.Pull() : new zmq.Push();\n    this.once('_flushRecv', async () => {\n      await this._recv();\n    });\n  }\n  async _recv() {\n    if (this.closed) {\n      throw new Error('Cannot receive on this socket.');\n    }\n    try {\n      const msg = await (this._socket as zmq.Pull).receive();\n      this.emit('message', ...msg);\n    } catch (err) {\n      this.emit('error', err);\n    }\n  }\n}\n", errors: [{ messageId: "listener", data: { sink: "this.once('_flushRecv', …)", rejects: "await this._recv()" }, line: 9, column: 29 }] },
  { name: "async.map's promise form whose async iteratee awaits a call that can reject", filename: "network/pay.js", code: "const asyncMap = require('async/map');\nconst { describe } = require('./describe');\nfunction watch(sub, logger) {\n  sub.on('success', async ({ routes }) => {\n    const paths = await asyncMap(routes, async (route) => {\n      const { description } = await fetch(route.url).then((r) => r.json());\n      return { path: description, fee: route.fee };\n    });\n    logger.info({ paths });\n  });\n}\nmodule.exports = watch;\n", errors: [{ messageId: "listener", data: { sink: "sub.on('success', …)", rejects: "await asyncMap(…)" }, line: 4, column: 21 }] },
  { name: "the same method when the catch awaits an optional method that is no user hook (`this.store.flush?.()`): the store's write can reject", filename: "lib/client/collectors.js", code: "class Collectors {\n  constructor() { this.values = new Map(); }\n  create(options) {\n    const entry = { options, timer: setTimeout(() => this.delete(options.event, 'idle'), options.idle) };\n    this.values.set(options.event, entry);\n    return options;\n  }\n  async delete(name, reason) {\n    const collector = this.values.get(name);\n    if (!collector) return;\n    this.values.delete(name);\n    try {\n      await collector.options.onStop?.(reason);\n    } catch (e) {\n      await this.store.flush?.(name);\n    }\n  }\n}\nmodule.exports = { Collectors };\n", errors: [{ messageId: "dropped", line: 4, column: 54 }] },
  {
    name: "the same function when the value it returns starts empty: it may hold what an unknown call returned, a promise",
    filename: 'shelly/lib/shelly.js',
    code: "async function shellyPing(node, types) {\n  let found;\n  try {\n    const body = await node.request('/shelly');\n    for (const type of types) {\n      found = body.type.startsWith(type);\n      if (found) break;\n    }\n  } catch (error) {\n    node.lastError = error.message;\n  }\n  return found;\n}\nfunction start(node, types) {\n  node.pollingTimer = setInterval(async function () {\n    if (node.closing) return;\n    const found = await shellyPing(node, types);\n    if (found) node.emit('input', {});\n  }, 1000);\n}\nmodule.exports = { start };\n",
    errors: [{ messageId: 'timer', data: { sink: 'setInterval(…)', rejects: 'await shellyPing(…)' }, line: 15, column: 35 }],
  },
  {
    name: "the same helper when the adapter's wrapper also asks the vendor's cloud: that can reject",
    filename: 'main.js',
    code: "const utils = require('@iobroker/adapter-core');\nconst adapterObjects = require('./lib/adapterObjects');\nclass Deebot extends utils.Adapter {\n  constructor(options) {\n    super({ ...options, name: 'ecovacs-deebot' });\n    this.on('ready', this.onReady.bind(this));\n  }\n  async onReady() {\n    await adapterObjects.createInitialInfoObjects(this);\n    await this.writeFileAsync(this.namespace, 'map.png', Buffer.alloc(0));\n  }\n  async createObjectNotExists(id, name) {\n    await this.setObjectNotExistsAsync(id, { type: 'state', common: { name }, native: {} });\n    await this.cloud.fetchDevice(id);\n  }\n}\nmodule.exports = (options) => new Deebot(options);\n",
    files: { 'package.json': "{ \"name\": \"iobroker.ecovacs-deebot\", \"dependencies\": { \"@iobroker/adapter-core\": \"^3.0.4\" } }", 'lib/adapterObjects.js': "async function createInitialInfoObjects(adapter) {\n  await adapter.createObjectNotExists('info.version', 'Adapter version');\n  await adapter.createObjectNotExists('info.connection', 'Connection');\n}\nmodule.exports = { createInitialInfoObjects };\n" },
    errors: [{ messageId: 'listener', data: { sink: "this.on('ready', …)", rejects: 'await adapterObjects.createInitialInfoObjects(…)' }, line: 8, column: 3 }],
  },
  {
    name: 'an async handler assigned to a socket\'s event-handler property (ws.onmessage = async …): a listener like ws.on(\'message\', …)',
    filename: 'main.js',
    code: "const WebSocket = require('ws');\nconst db = require('./db');\nfunction connect(url, adapter) {\n  const ws = new WebSocket(url);\n  ws.onmessage = async (msg) => {\n    const data = JSON.parse(msg.data);\n    const obj = await db.getObjectByDeviceId(data.id);\n    adapter.setState(obj.id, data.state);\n  };\n  ws.onclose = () => setTimeout(() => connect(url, adapter), 5000);\n  return ws;\n}\nmodule.exports = connect;\n",
    files: { 'db.js': "const { Pool } = require('pg');\nconst pool = new Pool();\nexports.getObjectByDeviceId = async (id) => (await pool.query('select * from objects where id = $1', [id])).rows[0];\n", 'package.json': '{ "name": "deconz-bridge", "dependencies": { "ws": "8.0.0", "pg": "8.0.0" } }' },
    errors: [{ messageId: 'listener', data: { sink: 'ws.onmessage = …', rejects: 'await db.getObjectByDeviceId(…)' }, line: 5, column: 18 }],
  },
  {
    name: "the same executor's listener in a service whose unhandledRejection handler exits: nothing hangs, the process ends (listener message, not executor)",
    filename: 'src/cmd/update-cli.js',
    code: "const fs = require('fs');\nconst request = require('request');\nclass UpdateCommand {\n  async downloadCLI(url, file) {\n    return await new Promise((resolve, reject) => {\n      request(url).pipe(fs.createWriteStream(file))\n        .on('finish', async () => {\n          const hash = await this.getFileHash(file);\n          resolve(hash);\n        })\n        .on('error', reject);\n    });\n  }\n}\nmodule.exports = UpdateCommand;\n",
    files: { 'package.json': "{ \"name\": \"acme-cli\", \"description\": \"Command line tool for Acme devices\", \"bin\": { \"acme\": \"./src/index.js\" }, \"scripts\": { \"start\": \"node server.js\" } }", 'src/index.js': "#!/usr/bin/env node\nconst log = require('./lib/log');\nprocess.on('unhandledRejection', (reason) => {\n  log.fatal(reason);\n  process.exit(-1);\n});\nrequire('./cli').run(process.argv);\n" },
    errors: [{ messageId: 'listener', line: 7, column: 23 }],
  },
  {
    name: "the same executor's listener with no unhandledRejection handler: the executor message",
    filename: 'src/cmd/update-cli.js',
    code: "const fs = require('fs');\nconst request = require('request');\nclass UpdateCommand {\n  async downloadCLI(url, file) {\n    return await new Promise((resolve, reject) => {\n      request(url).pipe(fs.createWriteStream(file))\n        .on('finish', async () => {\n          const hash = await this.getFileHash(file);\n          resolve(hash);\n        })\n        .on('error', reject);\n    });\n  }\n}\nmodule.exports = UpdateCommand;\n",
    files: { 'package.json': "{ \"name\": \"acme-cli\", \"description\": \"Command line tool for Acme devices\", \"bin\": { \"acme\": \"./src/index.js\" }, \"scripts\": { \"start\": \"node server.js\" } }" },
    errors: [{ messageId: 'executor', line: 7, column: 23 }],
  },
  {
    name: "the same exit listener when the bin's uncaughtException handler only logs: the command's promise stays pending (executor message)",
    filename: 'lib/build.js',
    code: "const fs = require('fs/promises');\nasync function build(gyp, command, argv, dir) {\n  const proc = gyp.spawn(command, argv);\n  await new Promise((resolve, reject) => proc.on('exit', async (code) => {\n    if (dir) await fs.rm(dir, { recursive: true });\n    if (code !== 0) return reject(new Error('failed: ' + code));\n    resolve();\n  }));\n}\nmodule.exports = build;\n",
    files: { 'package.json': "{ \"name\": \"acme-gyp\", \"description\": \"Command line build tool for native addons\", \"bin\": \"./bin/acme-gyp.js\", \"main\": \"./lib/acme-gyp.js\" }", 'bin/acme-gyp.js': "#!/usr/bin/env node\nconst log = require('../lib/log');\nprocess.on('uncaughtException', function (err) {\n  log.error('UNCAUGHT EXCEPTION', err.stack);\n});\nrequire('../lib/acme-gyp').run(process.argv);\n" },
    errors: [{ messageId: 'executor', line: 4, column: 58 }],
  },
  {
    name: "the same callback when the project's method calls it in the .then without returning it: its promise is dropped there",
    filename: 'lib/monitor.js',
    code: "class Monitor {\n  onBlock(chain, hash) {\n    const explorer = this.explorers[chain];\n    explorer.getTxidsInBlock(hash, async (err, txids) => {\n      if (err) return console.error(err);\n      const stream = this.storage.streamSubs(txids);\n      let sub = await stream.next();\n      while (sub) sub = await stream.next();\n    });\n  }\n}\nmodule.exports = Monitor;\n",
    files: { 'lib/explorer.js': "class Explorer {\n  getTxidsInBlock(blockHash, cb) {\n    this.request\n      .get(this.url + '/tx/?blockHash=' + blockHash)\n      .then((ret) => {\n        try {\n          cb(null, JSON.parse(ret).map((t) => t.txid));\n        } catch (err) {\n          return cb(new Error('Could not read the block'));\n        }\n      })\n      .catch(cb);\n  }\n}\nmodule.exports = Explorer;\n" },
    errors: [{ messageId: 'callback', data: { sink: 'explorer.getTxidsInBlock(…)', rejects: 'await stream.next()' }, line: 4, column: 36 }],
  },
  {
    name: "the same probe made with fetch, which rejects on a refused connection: reported",
    filename: 'lib/remote.js',
    code: "const isPortReachable = require('is-port-reachable');\nconst { EventEmitter } = require('events');\nclass Api {\n  getStateHttp(fallback = false) {\n    return this.getInfo().then((d) => d.on).catch(() => fallback);\n  }\n  async getState() {\n    if (await fetch('http://' + this.ip + ':8001')) return this.getStateHttp(true);\n    return false;\n  }\n}\nconst api = new Api();\nconst bus = new EventEmitter();\nbus.on('get', async () => {\n  console.log(await api.getState());\n});\nmodule.exports = bus;\n",
    errors: [{ messageId: 'listener', line: 14, column: 15 }],
  },
  {
    name: "one function handed to two sinks (homebridge-samsung-tizen's getSwitch: a 'get' listener with a callback API) is reported once, with the callback API's message (registration first)",
    filename: 'lib/services/switch.js',
    code: `class Switch {
  createService() {
    this.characteristic.on('get', this.getSwitch.bind(this));
  }
  refreshValue() {
    this.getSwitch((error, value) => this.update(value));
  }
  async getSwitch(callback) {
    const value = await this.remote.getPower();
    callback(null, value);
  }
}
module.exports = Switch;
`,
    errors: [{ messageId: 'callbackApi', data: { cb: 'callback', rejects: 'await this.remote.getPower()' }, line: 8, column: 3 }],
  },
  {
    name: 'one function handed to two sinks is reported once whichever comes first (the function before its registration)',
    filename: 'lib/services/switch.js',
    code: `class Switch {
  async getSwitch(callback) {
    const value = await this.remote.getPower();
    callback(null, value);
  }
  refreshValue() {
    this.getSwitch((error, value) => this.update(value));
  }
  createService() {
    this.characteristic.on('get', this.getSwitch.bind(this));
  }
}
module.exports = Switch;
`,
    errors: [{ messageId: 'callbackApi', data: { cb: 'callback', rejects: 'await this.remote.getPower()' }, line: 2, column: 3 }],
  },
  {
    name: 'an async function with a callback API (bittorrent-tracker): its caller drops the promise, and the body read after the try rejects past the callback',
    filename: 'lib/client/http-tracker.js',
    code: `class HTTPTracker {
  announce(opts) {
    this._request(this.announceUrl, opts, (err, data) => {
      if (err) return this.client.emit('warning', err);
      this._onAnnounceResponse(data);
    });
  }
  async _request(requestUrl, params, cb) {
    let res;
    try {
      res = await fetch(requestUrl, { signal: AbortSignal.timeout(15000) });
    } catch (err) {
      return cb(err);
    }
    const data = new Uint8Array(await res.arrayBuffer());
    cb(null, data);
  }
}
module.exports = HTTPTracker;
`,
    errors: [{
      messageId: 'callbackApi', data: { cb: 'cb', rejects: 'await res.arrayBuffer()' }, line: 8, column: 3,
      suggestions: [{
        title: 'Wrap the body in try/catch and pass the error to cb(err)',
        output: `class HTTPTracker {
  announce(opts) {
    this._request(this.announceUrl, opts, (err, data) => {
      if (err) return this.client.emit('warning', err);
      this._onAnnounceResponse(data);
    });
  }
  async _request(requestUrl, params, cb) {
    try {
      let res;
      try {
        res = await fetch(requestUrl, { signal: AbortSignal.timeout(15000) });
      } catch (err) {
        return cb(err);
      }
      const data = new Uint8Array(await res.arrayBuffer());
      cb(null, data);
    } catch (err) {
      cb(err);
    }
  }
}
module.exports = HTTPTracker;
`,
      }],
    }],
  },
  {
    name: 'a controller file\'s async handler that another file mounts on an Express 4 router (bull-arena): reported where it is declared, fixed with next(err)',
    filename: 'src/views/jobDetails.js',
    code: `async function handler(req, res) {
  const queue = await req.app.locals.Queues.get(req.params.queueName);
  res.json(await queue.getJob(req.params.id));
}
module.exports = handler;
`,
    files: { 'package.json': JSON.stringify({ name: 'arena', dependencies: { express: '^4.19.2' } }), 'src/views/index.js': `const router = require('express').Router();
const jobDetails = require('./jobDetails');
router.get('/queue/:queueName/:id', jobDetails);
module.exports = router;
` },
    errors: [{ messageId: 'routeElsewhere', data: { rejects: 'await req.app.locals.Queues.get(…)' }, line: 1, column: 1 }],
    output: `async function handler(req, res, next) {
  try {
    const queue = await req.app.locals.Queues.get(req.params.queueName);
    res.json(await queue.getJob(req.params.id));
  } catch (err) {
    next(err);
  }
}
module.exports = handler;
`,
  },
  {
    name: 'controller methods exported by name and mounted as `controller.show` on an Express 4 app in another file',
    filename: 'src/controllers/users.ts',
    code: `export const show = async (req: any, res: any) => {
  res.json(await req.db.users.find(req.params.id));
};
export async function list(req: any, res: any) {
  res.json([]);
}
`,
    files: { 'package.json': JSON.stringify({ name: 'arena', dependencies: { express: '^4.19.2' } }), 'src/app.ts': "import express from 'express';\nimport * as controller from './controllers/users';\nconst app = express();\napp.get('/users/:id', controller.show);\napp.get('/users', controller.list);\napp.listen(3000);\n" },
    errors: [{ messageId: 'routeElsewhere', line: 1, column: 21 }],
    output: `export const show = async (req: any, res: any, next: (err?: unknown) => void) => {
  try {
    res.json(await req.db.users.find(req.params.id));
  } catch (err) {
    next(err);
  }
};
export async function list(req: any, res: any) {
  res.json([]);
}
`,
  },
  {
    name: "the same listeners in a package that is no ioBroker adapter: its own setState may reject",
    filename: 'main.js',
    code: `const utils = require('./adapter');
class Worx extends utils.Adapter {
  constructor(options) {
    super({ ...options, name: 'worx' });
    this.on('ready', this.onReady.bind(this));
  }
  async onReady() {
    this.client.on('message', async (topic, message) => {
      await this.setLoginInfo();
      await this.setStateChanged(topic + '.raw', message.toString(), true);
    });
    this.client.on('error', (err) => {
      this.setDeleteSession();
    });
  }
  async setLoginInfo() {
    await this.setState('loginInfo', { val: JSON.stringify(this.loginInfo), ack: true });
  }
  async setDeleteSession() {
    await this.setState('info.session', '{}', true);
  }
}
module.exports = (options) => new Worx(options);
`,
    files: { 'package.json': '{ "name": "worx-bridge", "dependencies": { "mqtt": "^5.0.0" } }' },
    errors: [{ messageId: 'listener', line: 8, column: 31 }, { messageId: 'dropped', line: 13, column: 7 }],
  },
  {
    name: "the same piece listener awaiting a project's own hash helper: it may read a file, so its rejection is unhandled",
    filename: 'lib/torrent.js',
    code: `import { hash } from './hash-file.js';
export function watch(store, verify) {
  store.on('piece', async (index, buf) => {
    const digest = await hash(buf, 'hex');
    verify(index, digest);
  });
}
`,
    errors: [{ messageId: 'listener', line: 3, column: 21 }],
  },
  {
    name: "an ioBroker adapter's self-rescheduling timer awaiting the suffix-less `this.setState(…)`: reviewers judged a database error there a real crash",
    filename: 'main.js',
    code: `const utils = require('@iobroker/adapter-core');
class Scripts extends utils.Adapter {
  async timeSchedule() {
    await this.setState('variables.dayTime', new Date().toLocaleTimeString(), true);
    this.timeScheduleTimer = setTimeout(() => this.timeSchedule(), 60000);
  }
}
module.exports = (options) => new Scripts(options);
`,
    files: { 'package.json': '{ "name": "iobroker.javascript", "dependencies": { "@iobroker/adapter-core": "^3.0.0" } }' },
    errors: [{ messageId: 'dropped', line: 5, column: 47 }],
  },
  {
    name: 'a variable assigned its own earlier value or a fetch (`pending = pending || fetch(…)`): judged without following itself forever',
    filename: 'lib/watch.js',
    code: `exports.watch = function (bus) {
  let pending;
  bus.on('update', async () => {
    pending = pending || fetch('https://api.example.com/state', { signal: AbortSignal.timeout(5000) });
    await pending;
    pending = null;
  });
};
`,
    errors: [{ messageId: 'listener', data: { sink: "bus.on('update', …)", rejects: 'await pending' }, line: 3, column: 20 }],
  },
  {
    name: "a library's Node-style callback (`transport.sendMail(opts, async (error, info) => …)`) whose awaits nothing catches",
    code: `import nodemailer from 'nodemailer';
declare const queue: { remove(id: string): Promise<void> };
const transport = nodemailer.createTransport({ host: 'smtp.example.com' });
export function send(id: string, opts: object) {
  transport.sendMail(opts, async (error, info) => {
    if (error) console.error(error);
    await queue.remove(id);
  });
}
`,
    errors: [{
      messageId: 'callback', data: { sink: 'transport.sendMail(…)', rejects: 'await queue.remove(…)' },
      message: callback('transport.sendMail(…)', 'await queue.remove(…)'), line: 5, column: 28, severity: 'error',
      suggestions: [{
        title: 'Wrap the body in try/catch and log the error',
        output: `import nodemailer from 'nodemailer';
declare const queue: { remove(id: string): Promise<void> };
const transport = nodemailer.createTransport({ host: 'smtp.example.com' });
export function send(id: string, opts: object) {
  transport.sendMail(opts, async (error, info) => {
    try {
      if (error) console.error(error);
      await queue.remove(id);
    } catch (err) {
      console.error(err);
    }
  });
}
`,
      }],
    }],
  },
  {
    name: 'the same callback inside a `new Promise` executor that resolves after the await: the promise never settles when it rejects',
    code: `import nodemailer from 'nodemailer';
declare const queue: { remove(id: string): Promise<void> };
const transport = nodemailer.createTransport({ host: 'smtp.example.com' });
export function send(id: string, opts: object) {
  return new Promise<void>((resolve) => {
    transport.sendMail(opts, async (error, info) => {
      if (error) console.error(error);
      await queue.remove(id);
      resolve();
    });
  });
}
`,
    errors: [{ messageId: 'executor', line: 6, column: 30 }],
  },
  {
    name: "a timer drops the promise of an async method that can reject: reported once, at the first timer, with a .catch suggestion",
    filename: 'lib/worker.js',
    code: "class Worker {\n  start() {\n    this.running = true;\n    this.checkTimer = setTimeout(() => {\n      this.check();\n    }, 1000);\n  }\n  async check() {\n    await this.startWorker();\n    this.checkTimer = setTimeout(() => this.check(), 1000);\n  }\n  async startWorker() {\n    await this.connection.connect();\n  }\n}\nmodule.exports = Worker;\n",
    errors: [{
      messageId: 'dropped', line: 5, column: 7, severity: 'error',
      data: { call: 'this.check()', where: 'timer callback', sink: 'setTimeout(…)', rejects: 'await this.startWorker()' },
      suggestions: [{
        title: 'Catch the rejection and log it',
        output: "class Worker {\n  start() {\n    this.running = true;\n    this.checkTimer = setTimeout(() => {\n      this.check().catch((err) => console.error(err));\n    }, 1000);\n  }\n  async check() {\n    await this.startWorker();\n    this.checkTimer = setTimeout(() => this.check(), 1000);\n  }\n  async startWorker() {\n    await this.connection.connect();\n  }\n}\nmodule.exports = Worker;\n",
      }],
    }],
  },
  {
    name: "a listener whose arrow hands on an event to an async method that awaits a request with no catch",
    filename: 'src/dms.ts',
    code: "import { EventEmitter } from 'node:events';\ndeclare const client: EventEmitter & { setAccountData(type: string, body: object): Promise<void> };\nexport class DMs {\n  private cached = new Map<string, string[]>();\n  constructor() {\n    client.on('room.invite', (roomId: string, ev: { sender: string }) => this.handleInvite(roomId, ev));\n  }\n  private async handleInvite(roomId: string, ev: { sender: string }) {\n    this.cached.set(ev.sender, [roomId]);\n    await client.setAccountData('m.direct', Object.fromEntries(this.cached));\n  }\n}\n",
    errors: [{ messageId: 'dropped', line: 6, column: 74, severity: 'error' }],
  },
  {
    name: 'an async listener registered inside page.evaluate runs in the browser page; the page listener in Node is reported',
    filename: 'src/client.js',
    code: "exports.inject = async (page) => {\n  await page.evaluate(() => {\n    window.Store.Msg.on('add', async (msg) => {\n      await window.onAddMessageEvent(window.WWebJS.getMessageModel(msg));\n    });\n  });\n  page.on('response', async (res) => {\n    await res.text();\n  });\n};\n",
    errors: [{ messageId: 'listener', line: 7, column: 23 }],
  },
  {
    name: 'the same method whose catch returns another lookup\'s promise: that one can reject',
    code: `import { EventEmitter } from 'node:events';
declare function getProfile(userId: string): Promise<{ name: string }>;
class Profile {
  constructor(readonly userId: string, readonly data: { name?: string }) {}
}
export class ProfileCache {
  private cache = new Map<string, Profile>();
  watch(client: EventEmitter) {
    client.on('member', async (userId: string) => {
      if (this.cache.has(userId)) this.cache.set(userId, await this.profileOf(userId));
    });
  }
  private async profileOf(userId: string): Promise<Profile> {
    try {
      return new Profile(userId, await getProfile(userId));
    } catch (e) {
      console.warn('profile lookup failed', e);
      return getProfile(userId).then((d) => new Profile(userId, d));
    }
  }
}
`,
    errors: [{ messageId: 'listener', line: 9, column: 25 }],
  },
  {
    name: "`this.mqtt.publish()` set from a base class's constructor parameter, where the package's `Mqtt.publish` lets the error through",
    filename: 'src/extension/availability.js',
    code: `const extension_1 = __importDefault(require("./extension"));
class Availability extends extension_1.default {
  resetTimer(device) {
    setTimeout(this.publishAvailability.bind(this, device, true), 60000);
  }
  async publishAvailability(entity, logLastSeen, forcePublish = false) {
    await this.mqtt.publish(\`\${entity.name}/availability\`, 'online');
    for (const group of entity.groups) {
      await this.publishAvailability(group, false, forcePublish);
    }
  }
}
exports.default = Availability;
`,
    files: { 'package.json': '{"name":"svc"}', 'src/extension/extension.js': `class Extension {
  constructor(mqtt, publishEntityState) {
    this.mqtt = mqtt;
    this.publishEntityState = publishEntityState;
  }
}
exports.default = Extension;
`, 'src/mqtt.js': `class Mqtt {
  async publish(topic, payload) {
    await this.client.publishAsync(topic, payload);
  }
}
exports.default = Mqtt;
` },
    errors: [{ messageId: 'timer', data: { sink: 'setTimeout(…)', rejects: 'await this.mqtt.publish(…)' }, line: 6, column: 3 }],
  },
  {
    name: 'two awaits resolved in other files, one of which can reject: every one must settle',
    filename: 'src/extension/homeassistant.js',
    code: `const extension_1 = __importDefault(require("./extension"));
class HomeAssistant extends extension_1.default {
  onOnline(entities) {
    setTimeout(async () => {
      await this.mqtt.publish('bridge/state', 'online');
      for (const entity of entities) {
        await this.publishEntityState(entity, 'publishCached');
      }
    }, 30000);
  }
}
exports.default = HomeAssistant;
`,
    files: { 'package.json': '{"name":"svc"}', 'src/extension/extension.js': `class Extension {
  constructor(mqtt, publishEntityState) {
    this.mqtt = mqtt;
    this.publishEntityState = publishEntityState;
  }
}
exports.default = Extension;
`, 'src/mqtt.js': `class Mqtt {
  async publish(topic, payload) {
    await this.client.publishAsync(topic, payload);
  }
}
exports.default = Mqtt;
` },
    errors: [{ messageId: 'timer', data: { sink: 'setTimeout(…)', rejects: 'await this.mqtt.publish(…)' }, line: 4, column: 16 }],
  },
  {
    name: 'a production route in a file that imports only types from vite (a devDependency) is reported',
    filename: 'src/server.ts',
    code: `import express from 'express';
import type { ViteDevServer } from 'vite';
declare function render(url: string, vite?: ViteDevServer): Promise<string>;
const app = express();
app.get('*', async (req, res) => {
  res.send(await render(req.url));
});
`,
    files: { 'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '^4.21.0' }, devDependencies: { vite: '^8.0.0' } }) },
    errors: [{ messageId: 'route', line: 5, column: 14 }],
    output: `import express from 'express';
import type { ViteDevServer } from 'vite';
declare function render(url: string, vite?: ViteDevServer): Promise<string>;
const app = express();
app.get('*', async (req, res, next) => {
  try {
    res.send(await render(req.url));
  } catch (err) {
    next(err);
  }
});
`,
  },
  {
    name: 'a Vite-served route in a package that ships vite to production (a dependency) is reported',
    filename: 'src/plugins/dev-server.js',
    code: `const vite_1 = require("vite");
exports.default = async (app) => {
  const vite = await (0, vite_1.createServer)({ server: { middlewareMode: true }, appType: "custom" });
  app.use(vite.middlewares);
  app.get("/", async (req, res) => {
    const html = await vite.transformIndexHtml(req.url, '<html></html>');
    res.send(html);
  });
};
`,
    files: { 'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '^4.21.0', vite: '^8.0.0' } }) },
    errors: [{ messageId: 'route', line: 5, column: 16 }],
    output: `const vite_1 = require("vite");
exports.default = async (app) => {
  const vite = await (0, vite_1.createServer)({ server: { middlewareMode: true }, appType: "custom" });
  app.use(vite.middlewares);
  app.get("/", async (req, res, next) => {
    try {
      const html = await vite.transformIndexHtml(req.url, '<html></html>');
      res.send(html);
    } catch (err) {
      next(err);
    }
  });
};
`,
  },
  {
    name: 'emitter listener: suggestion wraps the body and logs',
    code: `${EMITTER}bus.on('message', async (msg: string) => {
  await handle(msg);
  console.log('done');
});
`,
    errors: [{
      message: listener("bus.on('message', …)", 'await handle(…)'), line: 4, column: 19, endLine: 4, endColumn: 41, severity: 'error',
      suggestions: [{
        title: LOG,
        output: `${EMITTER}bus.on('message', async (msg: string) => {
  try {
    await handle(msg);
    console.log('done');
  } catch (err) {
    console.error(err);
  }
});
`,
      }],
    }],
    output: null,
  },
  {
    name: '`queueMicrotask` and `process.nextTick` are no timers: a deferred callback, worded so',
    code: `${EMITTER}queueMicrotask(async () => {
  console.log(await handle('soon'));
});
process.nextTick(async () => {
  console.log(await handle('next'));
});
`,
    errors: [
      { message: deferred('queueMicrotask(…)', 'await handle(…)'), line: 4, column: 16 },
      { message: deferred('process.nextTick(…)', 'await handle(…)'), line: 7, column: 18 },
    ],
  },
  {
    name: 'setInterval with an expression-bodied async arrow',
    code: `${EMITTER}export const timerHandle = setInterval(async () => console.log(await handle('tick')), 1000);
`,
    errors: [{
      message: timer('setInterval(…)', 'await handle(…)'), line: 4, column: 40, endColumn: 51,
      suggestions: [{
        title: LOG,
        output: `${EMITTER}export const timerHandle = setInterval(async () => {
  try {
    console.log(await handle('tick'));
  } catch (err) {
    console.error(err);
  }
}, 1000);
`,
      }],
    }],
  },
  {
    name: 'a catch that rethrows leaves the rejection unhandled',
    code: `${EMITTER}bus.once('job', async () => {
  try {
    await handle('job');
  } catch (err) {
    console.error(err);
    throw err;
  }
});
`,
    errors: [{ messageId: 'listener', data: { sink: "bus.once('job', …)", rejects: 'throw err' }, line: 4, column: 17 }],
  },
  {
    name: 'an await in the catch block is not covered by its own try',
    code: `${EMITTER}bus.on('job', async (id: string) => {
  try {
    await handle(id);
  } catch (err) {
    await handle('failed:' + id);
  }
});
`,
    errors: [{ messageId: 'listener', data: { sink: "bus.on('job', …)", rejects: 'await handle(…)' }, line: 4, column: 15 }],
  },
  {
    name: 'for await in a listener',
    code: `${EMITTER}bus.on('stream', async (chunks: AsyncIterable<string>) => {
  for await (const c of chunks) console.log(c);
});
`,
    errors: [{ messageId: 'listener', data: { sink: "bus.on('stream', …)", rejects: 'for await (… of chunks)' }, line: 4, column: 18 }],
  },
  {
    name: 'a signal handler whose rejection skips process.exit(0): the shutdown message, and a suggestion that still exits',
    code: `declare function drain(): Promise<void>;
process.on('SIGTERM', async function onTerm() {
  await drain();
  process.exit(0);
});
`,
    errors: [{
      message: shutdown("process.on('SIGTERM', …)", 'await drain()', 'process.exit(0)'), line: 2, column: 23, endLine: 2, endColumn: 46, severity: 'error',
      suggestions: [{
        title: 'Wrap the body in try/catch, log the error and exit',
        output: `declare function drain(): Promise<void>;
process.on('SIGTERM', async function onTerm() {
  try {
    await drain();
    process.exit(0);
  } catch (err) {
    console.error(err);
    process.exit(1);
  }
});
`,
      }],
    }],
  },
  {
    name: 'setTimeout from node:timers',
    code: `import { setTimeout } from 'node:timers';
declare function refresh(): Promise<void>;
setTimeout(async () => {
  await refresh();
}, 5000);
`,
    errors: [{ messageId: 'timer', data: { sink: 'setTimeout(…)', rejects: 'await refresh()' }, line: 3, column: 12 }],
  },
  {
    name: 'http.createServer with an async request listener',
    code: `import * as http from 'node:http';
declare function route(url: string): Promise<string>;
export const server = http.createServer(async (req, res) => {
  res.end(await route(req.url ?? '/'));
});
`,
    errors: [{ messageId: 'listener', data: { sink: 'http.createServer(…)', rejects: 'await route(…)' }, line: 3, column: 41, endColumn: 60 }],
  },
  {
    name: 'a listener on a long chain of registrations: the message names the chain `…`, not its code, and a short receiver on one line',
    filename: 'lib/tv.js',
    code: "const WebSocket = require('ws');\nclass Tv {\n  connect(url) {\n    new WebSocket(url, { handshakeTimeout: 5000 })\n      .on('error', (error) => this.cleanup(error))\n      .on('open', async () => {\n        this.registerId = await this.getCid();\n      });\n    this\n      .socket\n      .on('message', async (m) => { await this.handle(m); });\n  }\n}\nmodule.exports = Tv;\n",
    errors: [
      { messageId: 'listener', data: { sink: "….on('open', …)", rejects: 'await this.getCid()' }, line: 6, column: 19 },
      { messageId: 'listener', data: { sink: "this.socket.on('message', …)", rejects: 'await this.handle(…)' }, line: 11, column: 22 },
    ],
  },
  {
    name: 'createServer as TypeScript compiles it to CommonJS, `(0, node_http_1.createServer)(async …)`: a URIError from decoding the path ends the process',
    filename: 'lib/receivers/socket-receiver.js',
    code: `const node_http_1 = require("node:http");
const routes = require("./routes");
class SocketReceiver {
    constructor(installer) {
        this.httpServer = (0, node_http_1.createServer)(async (req, res) => {
            if (req.url?.startsWith('/oauth')) {
                await installer.handleCallback(req, res);
                return;
            }
            const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
            routes.handle(path, req, res);
        });
    }
}
exports.SocketReceiver = SocketReceiver;
`,
    errors: [{ messageId: 'listener', data: { sink: 'node_http_1.createServer(…)', rejects: 'await installer.handleCallback(…)' }, line: 5, column: 57 }],
  },
  {
    name: 'Express 4 route (req, res): --fix adds next and passes the error to it',
    code: `${EXPRESS}app.get('/orders/:id', async (req, res) => {
  const order = await loadOrder(req.params.id);
  res.json(order);
});
`,
    files: { 'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '^4.21.0' } }) },
    errors: [{ message: route("app.get('/orders/:id', …)", 'await loadOrder(…)'), line: 4, column: 24, endLine: 4, endColumn: 43, severity: 'error' }],
    output: `${EXPRESS}app.get('/orders/:id', async (req, res, next) => {
  try {
    const order = await loadOrder(req.params.id);
    res.json(order);
  } catch (err) {
    next(err);
  }
});
`,
  },
  {
    // Found by npm run fix-check (@deepstream/server): an untyped \`next\` beside typed parameters is an implicit any.
    name: 'Express 4 route with typed parameters: the added next is typed too',
    code: `import express, { type Request, type Response } from 'express';
declare function loadOrder(id: string): Promise<unknown>;
const app = express();
app.get('/orders/:id', async (req: Request, res: Response) => {
  res.json(await loadOrder(req.params.id));
});
`,
    files: { 'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '^4.21.0' } }) },
    errors: [{ messageId: 'route', line: 4, column: 24 }],
    output: `import express, { type Request, type Response } from 'express';
declare function loadOrder(id: string): Promise<unknown>;
const app = express();
app.get('/orders/:id', async (req: Request, res: Response, next: (err?: unknown) => void) => {
  try {
    res.json(await loadOrder(req.params.id));
  } catch (err) {
    next(err);
  }
});
`,
  },
  {
    name: 'a range that admits Express 4 is not Express 5',
    code: `${EXPRESS}app.post('/orders', async (req, res) => res.status(201).json(await loadOrder('new')));
`,
    files: { 'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '^4.18.0 || ^5.0.0' } }) },
    errors: [{ messageId: 'route', line: 4, column: 21 }],
    output: `${EXPRESS}app.post('/orders', async (req, res, next) => {
  try {
    res.status(201).json(await loadOrder('new'));
  } catch (err) {
    next(err);
  }
});
`,
  },
  {
    name: 'express.Router() with its own next name; a chained app.route(); error middleware',
    code: `import express from 'express';
declare function loadOrder(id: string): Promise<{ id: string }>;
const router = express.Router();
router.use(async (req, res, proceed) => {
  await loadOrder('auth');
  proceed();
});
router.route('/orders').get(async (req, res, next) => { res.json(await loadOrder('1')); });
router.use(async (err, req, res, next) => {
  await loadOrder('log');
  res.status(500).end();
});
export default router;
`,
    errors: [
      { messageId: 'route', data: { sink: 'router.use(…)', rejects: 'await loadOrder(…)' }, line: 4, column: 12 },
      { messageId: 'route', data: { sink: "router.route('/orders').get(…)", rejects: 'await loadOrder(…)' }, line: 8, column: 29 },
      { messageId: 'route', data: { sink: 'router.use(…)', rejects: 'await loadOrder(…)' }, line: 9, column: 12 },
    ],
    output: `import express from 'express';
declare function loadOrder(id: string): Promise<{ id: string }>;
const router = express.Router();
router.use(async (req, res, proceed) => {
  try {
    await loadOrder('auth');
    proceed();
  } catch (err) {
    proceed(err);
  }
});
router.route('/orders').get(async (req, res, next) => {
  try {
    res.json(await loadOrder('1'));
  } catch (err) {
    next(err);
  }
});
router.use(async (err, req, res, next) => {
  try {
    await loadOrder('log');
    res.status(500).end();
  } catch (err) {
    next(err);
  }
});
export default router;
`,
  },
  {
    name: 'a router parameter typed from express, in CommonJS JavaScript',
    filename: 'src/routes.js',
    code: `const { Router } = require('express');
const { loadOrder } = require('./orders');
/** @param {import('express').Router} router */
function routes(router) {
  router.delete('/orders/:id', async (req, res) => {
    await loadOrder(req.params.id);
    res.sendStatus(204);
  });
}
module.exports = { routes, Router };
`,
    errors: [{ messageId: 'route', data: { sink: "router.delete('/orders/:id', …)", rejects: 'await loadOrder(…)' }, line: 5, column: 32 }],
    output: `const { Router } = require('express');
const { loadOrder } = require('./orders');
/** @param {import('express').Router} router */
function routes(router) {
  router.delete('/orders/:id', async (req, res, next) => {
    try {
      await loadOrder(req.params.id);
      res.sendStatus(204);
    } catch (err) {
      next(err);
    }
  });
}
module.exports = { routes, Router };
`,
  },
  {
    name: 'handler that cannot take next (one parameter): suggestion only',
    code: `${EXPRESS}app.get('/health', async (req) => {
  await loadOrder('probe');
});
`,
    errors: [{ messageId: 'route', line: 4, column: 20, suggestions: [{
      title: LOG,
      output: `${EXPRESS}app.get('/health', async (req) => {
  try {
    await loadOrder('probe');
  } catch (err) {
    console.error(err);
  }
});
`,
    }] }],
    output: null,
  },
  {
    name: 'a template literal inside the wrapped body keeps its text',
    code: `${EMITTER}bus.on('report', async () => {
  await handle(\`line one
line two\`);
});
`,
    errors: [{ messageId: 'listener', line: 4, column: 18, suggestions: [{
      title: LOG,
      output: `${EMITTER}bus.on('report', async () => {
  try {
    await handle(\`line one
line two\`);
  } catch (err) {
    console.error(err);
  }
});
`,
    }] }],
  },
  {
    name: 'an uncaughtException handler that logs does not keep the process up when an unhandledRejection handler exits first',
    code: `${EMITTER}setInterval(async () => {
  await handle('tick');
}, 1000);
process.on('unhandledRejection', () => process.exit(1));
process.on('uncaughtException', (err) => console.error('uncaught', err));
`,
    errors: [{ messageId: 'timer', data: { sink: 'setInterval(…)', rejects: "await handle(…)" }, line: 4, column: 13 }],
  },
  {
    name: 'an uncaughtException handler that hands the error to a shutdown callback it was given: no evidence it keeps the process up',
    code: `${EMITTER}setInterval(async () => {
  await handle('tick');
}, 1000);
export function registerGracefulShutdown(callback: (err?: Error) => void) {
  process.on('uncaughtException', (err) => {
    console.error(err);
    callback(err);
  });
}
`,
    errors: [{ messageId: 'timer', data: { sink: 'setInterval(…)', rejects: "await handle(…)" }, line: 4, column: 13 }],
  },
  {
    name: 'an uncaughtException handler that shuts down ends the process',
    code: `${EMITTER}setInterval(async () => {
  await handle('tick');
}, 1000);
process.on('uncaughtException', (err) => {
  console.error(err);
  process.exit(1);
});
`,
    errors: [{ messageId: 'timer', data: { sink: 'setInterval(…)', rejects: "await handle(…)" }, line: 4, column: 13 }],
  },
  {
    name: "an unhandledRejection handler that rethrows still ends the process",
    code: `${EMITTER}bus.on('message', async (msg: string) => {
  await handle(msg);
});
process.on('unhandledRejection', (err) => {
  console.error(err);
  throw err;
});
`,
    errors: [{ messageId: 'listener', data: { sink: "bus.on('message', …)", rejects: 'await handle(…)' }, line: 4, column: 19 }],
  },
  {
    name: 'an unhandledRejection handler that rethrows unless in production still ends the production process',
    code: `${EMITTER}bus.on('message', async (msg: string) => {
  await handle(msg);
});
process.on('unhandledRejection', (err) => {
  console.error(err);
  if (process.env.NODE_ENV === 'production') throw err;
});
`,
    errors: [{ messageId: 'listener', data: { sink: "bus.on('message', …)", rejects: 'await handle(…)' }, line: 4, column: 19 }],
  },
  {
    name: 'a hard-stop timer cleared before the await no longer ends the process: the skipped exit is reported',
    code: `declare function drain(): Promise<void>;
process.on('SIGTERM', async () => {
  const timer = setTimeout(() => process.exit(1), 10000);
  clearTimeout(timer);
  await drain();
  process.exit(0);
});
`,
    errors: [{ messageId: 'shutdown', data: { sink: "process.on('SIGTERM', …)", rejects: 'await drain()', skipped: 'process.exit(0)' }, line: 2, column: 23 }],
  },
  {
    name: 'a rejection before the awaited exit wrapper still skips it: the shutdown is reported',
    code: `declare function drain(): Promise<void>;
declare function exit(code: number): Promise<void>;
process.on('SIGTERM', async () => {
  await drain();
  await exit(0);
});
`,
    errors: [{ messageId: 'shutdown', data: { sink: "process.on('SIGTERM', …)", rejects: 'await drain()', skipped: 'await exit(0)' }, line: 3, column: 23 }],
  },
  {
    name: 'a timer armed before the await that only logs does not end the process',
    code: `declare function drain(): Promise<void>;
process.on('SIGTERM', async () => {
  const timer = setTimeout(() => console.error('still draining'), 10000);
  await drain();
  clearTimeout(timer);
  process.exit(0);
});
`,
    errors: [{ messageId: 'shutdown', data: { sink: "process.on('SIGTERM', …)", rejects: 'await drain()', skipped: 'process.exit(0)' }, line: 2, column: 23 }],
  },
  {
    name: "the same helper module awaited from an ioBroker adapter's self-rescheduling timer: the suffix-less writes stay reported there",
    filename: 'main.js',
    code: `const utils = require('@iobroker/adapter-core');
const mapObjects = require('./lib/mapObjects');
class Deebot extends utils.Adapter {
  constructor(options) {
    super({ ...options, name: 'ecovacs-deebot' });
    this.on('ready', this.onReady.bind(this));
  }
  onReady() {
    this.mapTimer = setInterval(async () => {
      await mapObjects.processMaps(this, this.maps);
    }, 60000);
  }
}
module.exports = (options) => new Deebot(options);
`,
    files: {
      'package.json': '{ "name": "iobroker.ecovacs-deebot", "dependencies": { "@iobroker/adapter-core": "^3.0.4" } }',
      'lib/mapObjects.js': `async function processMaps(adapter, maps) {
  await adapter.setObjectNotExists('map.count', { type: 'state', common: { name: 'Maps' }, native: {} });
  await adapter.setState('map.count', maps.length, true);
}
module.exports = { processMaps };
`,
    },
    errors: [{ messageId: 'timer', data: { sink: 'setInterval(…)', rejects: 'await mapObjects.processMaps(…)' }, line: 9, column: 33 }],
  },
  {
    name: 'a listener awaiting a function that returns what a library call gave, untouched: it may be a promise that rejects',
    code: `const { loadRules } = require('rules-loader');
const readRules = async (dir) => {
  const out = loadRules(dir);
  return out;
};
process.on('message', async (msg) => {
  const rules = await readRules(msg.dir);
  console.log(rules);
});
`,
    errors: [{ messageId: 'listener', data: { sink: "process.on('message', …)", rejects: 'await readRules(…)' }, line: 6, column: 23 }],
  },
  {
    name: 'a listener awaiting `.then(…)` whose callback awaits a request with no catch: the chain rejects',
    code: `class Cache {
  async init() {
    try {
      this.data = await loadAll();
    } catch (err) {
      this.data = {};
    }
  }
}
const cache = new Cache();
process.on('message', async () => {
  await cache.init().then(async () => {
    await fetch('http://localhost:8080/reloaded');
  });
});
`,
    errors: [{ messageId: 'listener', data: { sink: "process.on('message', …)", rejects: 'await cache.init().then(…)' }, line: 11, column: 23 }],
  },
  {
    name: 'a listener awaiting a function that returns `includes` of a `let` also given what an unknown function returns: that may be a promise',
    code: `const { parseMembers } = require('./members');
const cache = new Map();
async function isMember(id) {
  let members = [];
  const raw = cache.get('members');
  if (raw) members = parseMembers(raw);
  return members.includes(id);
}
process.on('message', async (msg) => {
  if (await isMember(msg.id)) console.log('member', msg.id);
});
`,
    errors: [{ messageId: 'listener', data: { sink: "process.on('message', …)", rejects: 'await isMember(…)' }, line: 9, column: 23 }],
  },
  {
    name: 'a worker listener whose callee chain rethrows at the fourth level is still reported',
    code: `declare const redis: { connect(): Promise<void> };
class Worker {
  async init(): Promise<void> { await this.a(); }
  async a(): Promise<void> { await this.b(); }
  async b(): Promise<void> { await this.c(); }
  async c(): Promise<void> {
    try {
      await redis.connect();
    } catch (error) {
      throw new Error('cannot connect');
    }
  }
}
const worker = new Worker();
process.on('message', async () => {
  await worker.init();
});
`,
    errors: [{ messageId: 'listener', data: { sink: "process.on('message', …)", rejects: 'await worker.init()' }, line: 15, column: 23 }],
  },
  {
    name: "an async 'ready' listener in a promise executor resolves after its await: a rejection leaves the promise pending, even where an unhandledRejection handler keeps the process up",
    code: `import { EventEmitter } from 'node:events';
declare const client: EventEmitter & { setName(name: string): Promise<void> };
export function connect(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once('ready', async () => {
      await client.setName(name);
      resolve();
    });
    client.once('error', (error) => reject(error));
  });
}
process.on('unhandledRejection', (reason) => {
  console.error(reason);
  if (process.env.NODE_ENV === 'development') throw reason;
});
`,
    errors: [{
      message: executor("client.once('ready', …)", 'await client.setName(…)', 'resolve', 'Promise'), line: 5, column: 26,
      suggestions: [{ title: 'Wrap the body in try/catch and pass the error to reject(err)', output: `import { EventEmitter } from 'node:events';
declare const client: EventEmitter & { setName(name: string): Promise<void> };
export function connect(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once('ready', async () => {
      try {
        await client.setName(name);
        resolve();
      } catch (err) {
        reject(err);
      }
    });
    client.once('error', (error) => reject(error));
  });
}
process.on('unhandledRejection', (reason) => {
  console.error(reason);
  if (process.env.NODE_ENV === 'development') throw reason;
});
` }],
    }],
  },
  {
    name: 'a handler passed by name to two signals: reported once, at the const arrow',
    code: `declare const server: { close(): void };
declare const lockFile: { remove(): Promise<void> };
export function serve() {
  const shutdown = async () => {
    server.close();
    await lockFile.remove();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
`,
    errors: [{ messageId: 'shutdown', data: { sink: "process.on('SIGTERM', …)", rejects: 'await lockFile.remove()', skipped: 'process.exit(0)' }, line: 4, column: 20 }],
  },
  {
    name: 'a class-property arrow passed by reference as a listener',
    code: `import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
export class LocalFileSystem {
  readonly events = new EventEmitter();
  constructor(private readonly watcher: EventEmitter) {}
  init() {
    this.watcher.on('add', this.onFileAdded);
  }
  private onFileAdded = async (relPath: string) => {
    const newContent = await readFile(relPath, 'utf8');
    this.events.emit('fileCreated', newContent);
  };
}
`,
    errors: [{ messageId: 'listener', data: { sink: "this.watcher.on('add', …)", rejects: 'await readFile(…)' }, line: 9, column: 25 }],
  },
  {
    name: 'a request listener held in a class field, handed to createServer; its catch rethrows',
    code: `import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
declare function hooks(name: string): Promise<void>;
export class Server {
  httpServer = createServer(this.requestHandler.bind(this));
  async requestHandler(request: IncomingMessage, response: ServerResponse) {
    try {
      await hooks('onRequest');
      response.end('ok');
    } catch (error) {
      if (error) throw error;
    }
  }
}
`,
    errors: [{ messageId: 'listener', data: { sink: 'createServer(…)', rejects: 'throw error' }, line: 5, column: 3 }],
  },
  {
    name: 'the awaited method of the same class can reject: it awaits a call we cannot see into',
    code: `import { EventEmitter } from 'node:events';
declare const queue: { end(): Promise<void> };
export class Scheduler extends EventEmitter {
  start() {
    setTimeout(async () => {
      await this.end();
    }, 1000);
  }
  async end(): Promise<void> {
    await queue.end();
    this.emit('end');
  }
}
`,
    errors: [{ messageId: 'timer', data: { sink: 'setTimeout(…)', rejects: 'await this.end()' }, line: 5, column: 16 }],
  },
  {
    name: 'an app handed in as a hook argument, in a package on Express 4: app.get and app.param',
    filename: 'src/hooks/readonly.js',
    code: `const { getPadId, sanitize } = require('../db');
exports.expressCreateServer = (hookName, args, cb) => {
  args.app.get('/ro/:id', async (req, res) => {
    res.send(await getPadId(req.params.id));
  });
  args.app.param('pad', async (req, res, next, padId) => {
    if ((await sanitize(padId)) === padId) next();
  });
  return cb();
};
`,
    files: { 'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '4.17.1' } }), 'src/db.js': 'exports.getPadId = async (id) => id;\nexports.sanitize = async (id) => id;\n' },
    errors: [
      { messageId: 'route', data: { sink: "args.app.get('/ro/:id', …)", rejects: 'await getPadId(…)' }, line: 3, column: 27 },
      { messageId: 'route', data: { sink: "args.app.param('pad', …)", rejects: 'await sanitize(…)' }, line: 6, column: 25 },
    ],
    output: `const { getPadId, sanitize } = require('../db');
exports.expressCreateServer = (hookName, args, cb) => {
  args.app.get('/ro/:id', async (req, res, next) => {
    try {
      res.send(await getPadId(req.params.id));
    } catch (err) {
      next(err);
    }
  });
  args.app.param('pad', async (req, res, next, padId) => {
    try {
      if ((await sanitize(padId)) === padId) next();
    } catch (err) {
      next(err);
    }
  });
  return cb();
};
`,
  },
  {
    name: 'an Express app held in a class field whatever its name',
    code: `import express from 'express';
declare function loadOrder(id: string): Promise<{ id: string }>;
export class Api {
  private readonly web = express();
  routes() {
    this.web.get('/orders/:id', async (req, res) => {
      res.json(await loadOrder(req.params.id));
    });
  }
}
`,
    errors: [{ messageId: 'route', data: { sink: "this.web.get('/orders/:id', …)", rejects: 'await loadOrder(…)' }, line: 6, column: 33 }],
    output: `import express from 'express';
declare function loadOrder(id: string): Promise<{ id: string }>;
export class Api {
  private readonly web = express();
  routes() {
    this.web.get('/orders/:id', async (req, res, next) => {
      try {
        res.json(await loadOrder(req.params.id));
      } catch (err) {
        next(err);
      }
    });
  }
}
`,
  },
  {
    name: "a `once('ready')` listener inside a function that can run again is not start-up code",
    code: `${EMITTER}export function reconnect(client: EventEmitter) {
  client.once('ready', async () => {
    await handle('ready');
  });
}
`,
    errors: [{ messageId: 'listener', data: { sink: "client.once('ready', …)", rejects: 'await handle(…)' }, line: 5, column: 24 }],
  },
  {
    name: "an imported function that can reject: its file records no settles fact",
    filename: 'src/consumer.js',
    code: `const { EventEmitter } = require('node:events');
const store = require('./store');
const bus = new EventEmitter();
bus.on('message', async (msg) => {
  await store.save(msg);
});
module.exports = bus;
`,
    files: {
      'src/store.js': `exports.save = async (msg) => {
  await fetch('https://example.com', { method: 'POST', body: msg, signal: AbortSignal.timeout(5000) });
};
`,
    },
    errors: [{ messageId: 'listener', data: { sink: "bus.on('message', …)", rejects: 'await store.save(…)' }, line: 4, column: 19 }],
  },
  {
    name: 'the awaited function awaits in the branch the call takes (the parameter passed as true)',
    code: `import { EventEmitter } from 'node:events';
declare function subscribeIPC(channel: string): Promise<void>;
async function createRoomReferences(roomId: string, init: boolean = false): Promise<boolean> {
  if (init) {
    await subscribeIPC(roomId);
  }
  return true;
}
export function watch(events: EventEmitter, roomId: string) {
  events.on('create', async () => {
    await createRoomReferences(roomId, true);
  });
}
`,
    errors: [{ messageId: 'listener', data: { sink: "events.on('create', …)", rejects: 'await createRoomReferences(…)' }, line: 10, column: 23 }],
  },
  {
    name: 'a listener that exits on one command is no shutdown path; a readline over a file is no terminal',
    code: `import readline from 'node:readline';
import { createReadStream } from 'node:fs';
declare function importLine(line: string): Promise<void>;
const rl = readline.createInterface({ input: createReadStream('import.csv') });
rl.on('line', async (line) => {
  if (line === 'EOF') process.exit(0);
  await importLine(line);
  console.log('imported');
});
`,
    errors: [{ messageId: 'listener', data: { sink: "rl.on('line', …)", rejects: 'await importLine(…)' }, line: 5, column: 15 }],
  },
  {
    name: 'an inherited method that awaits work of its own can reject',
    filename: 'src/transporters/kafka.js',
    code: `const Transporter = require('./base');
class KafkaTransporter extends Transporter {
  listen(stream) {
    stream.on('data', async (message) => {
      await this.receive(message.topic, message.value);
    });
  }
}
module.exports = KafkaTransporter;
`,
    files: {
      'src/transporters/base.js': `const { publish } = require('./bus');
class BaseTransporter {
  receive(cmd, data) {
    return publish(cmd, data);
  }
}
module.exports = BaseTransporter;
`,
      'src/transporters/bus.js': "exports.publish = async (cmd, data) => { await fetch('https://bus.example/' + cmd, { method: 'POST', body: data, signal: AbortSignal.timeout(5000) }); };\n",
    },
    errors: [{ messageId: 'listener', data: { sink: "stream.on('data', …)", rejects: 'await this.receive(…)' }, line: 4, column: 23 }],
  },
  {
    name: 'the same listener in a package that does not depend on the host: its getStateAsync is some client of its own',
    filename: 'main.js',
    code: SONOFF_ADAPTER,
    files: { 'package.json': '{ "name": "sonoff-bridge" }' },
    errors: [{ messageId: 'listener', line: 5, column: 28 }],
  },
  {
    name: "an ioBroker adapter's listener that also calls the device over HTTP",
    filename: 'main.js',
    code: `const utils = require('@iobroker/adapter-core');
class Hue extends utils.Adapter {
  constructor(options) {
    super({ ...options, name: 'hue' });
    this.on('stateChange', async (id, state) => {
      const obj = await this.getObjectAsync(id);
      await fetch('http://' + obj.native.ip + '/api/lights', { method: 'PUT', body: String(state.val), signal: AbortSignal.timeout(5000) });
    });
  }
}
module.exports = (options) => new Hue(options);
`,
    files: { 'package.json': '{ "name": "iobroker.sonoff", "dependencies": { "@iobroker/adapter-core": "^3.0.0" } }' },
    errors: [{ messageId: 'listener', line: 5, column: 28 }],
  },
  {
    name: 'a promise memo that stores what it read from the same map (heroku resolveAddon): followed once, no endless recursion',
    filename: 'lib/resolve.js',
    code: `const { EventEmitter } = require('events');
const cache = new Map();
async function resolve(key) {
  const promise = cache.get(key) || fetch('https://api.example/' + key, { signal: AbortSignal.timeout(5000) });
  try {
    await promise;
    cache.has(key) || cache.set(key, promise);
  } catch {
    cache.delete(key);
  }
  return promise;
}
const bus = new EventEmitter();
bus.on('resolve', async (key) => {
  await resolve(key);
});
module.exports = bus;
`,
    errors: [{ messageId: 'listener', line: 14, column: 19 }],
  },
  {
    name: 'the same close handler awaiting the promise form: a rejection is unhandled',
    filename: 'opcua/client.js',
    code: `const opcua = require('node-opcua');
module.exports = function (RED) {
  function Client(config) {
    const client = opcua.OPCUAClient.create({});
    this.on('close', async (done) => {
      await client.disconnect();
      done();
    });
  }
  RED.nodes.registerType('opcua-client', Client);
};
`,
    errors: [{ messageId: 'listener', line: 5, column: 22 }],
  },
  {
    name: "an await whose last argument is a page function of one element (`(e) => e.textContent`), not an error-first callback: it can reject",
    filename: 'lib/scrape.js',
    code: `const { EventEmitter } = require('events');
const bus = new EventEmitter();
module.exports = (page) => {
  bus.on('title', async () => {
    console.log(await page.$eval('h1', (e) => e.textContent));
  });
  return bus;
};
`,
    errors: [{ messageId: 'listener', line: 4, column: 19 }],
  },
  // ---- The same shapes where the other file's function can reject (session 12) ----
  {
    name: 'compiled TypeScript: the inherited method rethrows from its catch',
    filename: 'lib/server.js',
    code: COMPILED_SERVER,
    files: {
      'lib/base.js': compiledBase(`    async updateAlive(client, alive) {
        try {
            await fetch('http://registry.local/alive/' + client.id, { method: 'PUT', body: String(alive), signal: AbortSignal.timeout(5000) });
        }
        catch (err) {
            console.error('cannot update alive state', err);
            throw err;
        }
    }`),
    },
    errors: [{ messageId: 'listener', data: { sink: "client.on('connect', …)", rejects: 'await this.updateAlive(…)' }, line: 7, column: 34 }],
  },
  {
    name: "a chain of files where the third file's function awaits outside its try",
    filename: 'lib/server.js',
    code: COMPILED_SERVER,
    files: {
      'lib/base.js': compiledBase(`    async updateAlive(client, alive) {
        await (0, registry_1.markAlive)(client.id, alive);
    }`, 'const registry_1 = require("./registry");\n'),
      'lib/registry.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.markAlive = markAlive;
async function markAlive(id, alive) {
    await fetch('http://registry.local/alive/' + id, { method: 'PUT', body: String(alive), signal: AbortSignal.timeout(5000) });
}
`,
    },
    errors: [{ messageId: 'listener', data: { sink: "client.on('connect', …)", rejects: 'await this.updateAlive(…)' }, line: 7, column: 34 }],
  },
  {
    name: '`super.method()` of a base class in another file that awaits outside a try',
    filename: 'src/server.js',
    code: `const Base = require('./base');
class Server extends Base {
  async receive(packet) {
    await super.receive(packet);
  }
  listen(socket) {
    socket.on('packet', async (packet) => {
      await this.receive(packet);
    });
  }
}
module.exports = Server;
`,
    files: {
      'src/base.js': `class Base {
  async receive(packet) {
    await fetch('http://sink.local/', { method: 'POST', body: packet, signal: AbortSignal.timeout(5000) });
  }
}
module.exports = Base;
`,
    },
    errors: [{ messageId: 'listener', data: { sink: "socket.on('packet', …)", rejects: 'await this.receive(…)' }, line: 7, column: 25 }],
  },
  {
    name: "compiled TypeScript: a static factory's object whose method can reject",
    filename: 'lib/station.js',
    code: `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const api_1 = require("./api");
class Station {
    async start(session) {
        this.api = await api_1.HttpApi.initialize('eu');
        session.on('connect', async (token) => {
            await this.api.registerToken(token);
        });
    }
}
exports.Station = Station;
`,
    files: {
      'lib/api.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
class HttpApi {
    static async initialize(region) {
        const api = new HttpApi(region);
        return api;
    }
    constructor(region) {
        this.region = region;
    }
    async registerToken(token) {
        const response = await fetch('https://api.example/push', { method: 'POST', body: token, signal: AbortSignal.timeout(5000) });
        return response.status === 200;
    }
}
exports.HttpApi = HttpApi;
`,
    },
    errors: [{ messageId: 'listener', data: { sink: "session.on('connect', …)", rejects: 'await this.api.registerToken(…)' }, line: 7, column: 31 }],
  },
  {
    name: 'a static factory that does not return an instance of its class: its object is not known to settle',
    filename: 'lib/station.js',
    code: `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const api_1 = require("./api");
class Station {
    async start(session) {
        this.api = await api_1.HttpApi.initialize('eu');
        session.on('connect', async (token) => {
            await this.api.registerToken(token);
        });
    }
}
exports.Station = Station;
`,
    files: {
      'lib/api.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const client_1 = require("./client");
class HttpApi {
    static async initialize(region) {
        return (0, client_1.createClient)(region);
    }
    async registerToken(token) {
        try {
            await fetch('https://api.example/push', { method: 'POST', body: token, signal: AbortSignal.timeout(5000) });
        }
        catch (err) {
            console.error(err);
        }
    }
}
exports.HttpApi = HttpApi;
`,
    },
    errors: [{ messageId: 'listener', data: { sink: "session.on('connect', …)", rejects: 'await this.api.registerToken(…)' }, line: 7, column: 31 }],
  },
  {
    name: 'a `.catch` handler that rethrows what it does not expect: the awaited promise still rejects',
    code: `${EMITTER}bus.on('job', async (id: string) => {
  await handle(id).catch((err: Error) => {
    if (err.message.includes('timeout')) console.warn('job timed out', id);
    else throw err;
  });
});
`,
    errors: [{ messageId: 'listener', data: { sink: "bus.on('job', …)", rejects: 'await handle(id).catch(…)' }, line: 4, column: 15 }],
  },
  {
    name: 'a factory-made function that awaits outside its try',
    code: `import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
declare function readClientHello(socket: Socket): Promise<{ sni?: string }>;
function buildAnalyzer(passthrough: string[]) {
  return async (socket: Socket): Promise<boolean> => {
    const hello = await readClientHello(socket);
    return hello.sni !== undefined && passthrough.includes(hello.sni);
  };
}
export function serve(dispatcher: EventEmitter, tls: EventEmitter, passthrough: string[]) {
  const analyze = buildAnalyzer(passthrough);
  dispatcher.on('connection', async (socket: Socket) => {
    const passedThrough = await analyze(socket);
    if (!passedThrough) tls.emit('connection', socket);
  });
}
`,
    errors: [{ messageId: 'listener', data: { sink: "dispatcher.on('connection', …)", rejects: 'await analyze(…)' }, line: 12, column: 31 }],
  },
  {
    name: 'a variable declared empty and assigned a request: awaiting it can reject',
    code: `import { EventEmitter } from 'node:events';
export function watch(bus: EventEmitter, url: string) {
  let pending: Promise<Response> | undefined;
  bus.on('start', () => {
    pending = fetch(url, { signal: AbortSignal.timeout(5000) });
  });
  bus.on('stop', async () => {
    if (pending) await pending;
    bus.emit('stopped');
  });
}
`,
    errors: [{ messageId: 'listener', data: { sink: "bus.on('stop', …)", rejects: 'await pending' }, line: 7, column: 18 }],
  },
  {
    name: 'a file loaded from a path the caller gives: not a file the package ships',
    filename: 'lib/push/client.js',
    code: `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const protobufjs_1 = require("protobufjs");
class PushClient {
    watch(stream, protoPath) {
        stream.on('reconnect', async () => {
            this.proto = await (0, protobufjs_1.load)(protoPath);
        });
    }
}
exports.PushClient = PushClient;
`,
    errors: [{ messageId: 'listener', data: { sink: "stream.on('reconnect', …)", rejects: 'await (0,protobufjs_1.load)(…)' }, line: 6, column: 32 }],
  },
  {
    name: 'an async promise executor awaiting a connect: the constructor drops its promise, the rejection is unhandled (medusa event-bus-redis, check 48)',
    filename: 'dist/loaders/index.js',
    code: `"use strict";
const ioredis_1 = require("ioredis");
exports.default = async ({ logger, options }) => {
    const connection = new ioredis_1.default(options.redisUrl, { lazyConnect: true });
    try {
        await new Promise(async (resolve) => {
            await connection.connect(resolve);
        });
        logger.info("connected");
    }
    catch (err) {
        logger.error(err);
    }
    return connection;
};
`,
    files: { 'package.json': '{ "name": "@medusajs/event-bus-redis", "main": "dist/index.js", "dependencies": { "ioredis": "^5.4.1" } }' },
    errors: [{
      messageId: 'asyncExecutor', data: { promise: 'Promise', rejects: 'await connection.connect(…)', resolve: 'resolve' }, line: 6, column: 27,
      suggestions: [{
        title: 'Wrap the body in try/catch and pass the error to reject(err)',
        output: `"use strict";
const ioredis_1 = require("ioredis");
exports.default = async ({ logger, options }) => {
    const connection = new ioredis_1.default(options.redisUrl, { lazyConnect: true });
    try {
        await new Promise(async (resolve, reject) => {
            try {
                await connection.connect(resolve);
            } catch (err) {
                reject(err);
            }
        });
        logger.info("connected");
    }
    catch (err) {
        logger.error(err);
    }
    return connection;
};
`,
      }],
    }],
  },
  {
    name: 'an async promise executor awaiting `x(…).catch()`: the message shows the chained call whole, not cut in its first argument list (ads-client, check 38)',
    filename: 'dist/ads-client.js',
    code: `"use strict";
class Client {
    reconnectToTarget(forceDisconnect = false, isReconnecting = false) {
        return new Promise(async (resolve, reject) => {
            if (this.socket) {
                await this.disconnectFromTarget(forceDisconnect, isReconnecting).catch();
            }
            return this.connectToTarget(true).then(resolve, reject);
        });
    }
    disconnectFromTarget(force, again) { return Promise.resolve(); }
    connectToTarget(again) { return Promise.resolve(); }
}
exports.Client = Client;
`,
    files: { 'package.json': '{ "name": "ads-client", "main": "dist/ads-client.js" }' },
    errors: [{ messageId: 'asyncExecutor', data: { promise: 'Promise', rejects: 'await this.disconnectFromTarget(…).catch()', resolve: 'resolve' }, line: 4, column: 28 }],
  },
  {
    name: 'the same chained call under a long receiver chain: the middle of the chain gives way, the calls keep their parentheses',
    code: `declare const db: { connections: { primaryTarget: { disconnectFromTarget(a: boolean, b: boolean): Promise<void> } } };
export function reconnect(): Promise<void> {
  return new Promise(async (resolve) => {
    await db.connections.primaryTarget.disconnectFromTarget(true, false).finally(() => undefined);
    resolve();
  });
}
`,
    errors: [{ messageId: 'asyncExecutor', data: { promise: 'Promise', rejects: 'await db.….disconnectFromTarget(…).finally(…)', resolve: 'resolve' }, line: 3, column: 22 }],
  },
  {
    name: 'an async promise executor that declares reject but awaits outside any try: the fix uses its reject',
    code: `declare function loadConfig(): Promise<string>;
export function config(): Promise<string> {
  return new Promise(async (done, fail) => {
    const text = await loadConfig();
    done(text);
  });
}
`,
    errors: [{
      messageId: 'asyncExecutor', data: { promise: 'Promise', rejects: 'await loadConfig()', resolve: 'done' }, line: 3, column: 22,
      suggestions: [{
        title: 'Wrap the body in try/catch and pass the error to fail(err)',
        output: `declare function loadConfig(): Promise<string>;
export function config(): Promise<string> {
  return new Promise(async (done, fail) => {
    try {
      const text = await loadConfig();
      done(text);
    } catch (err) {
      fail(err);
    }
  });
}
`,
      }],
    }],
  },
  {
    name: "an async request listener in a package whose uncaughtException handler re-emits the error: the process runs on, the request is never answered (straightforward, check 51)",
    filename: 'dist/index.js',
    code: STRAIGHTFORWARD('this.emit("uncaughtException", err);'),
    files: { 'package.json': '{ "name": "straightforward", "main": "./dist/index.js" }' },
    errors: [{
      messageId: 'keptRunning', line: 14, column: 3,
      data: {
        what: 'this async listener', remedy: 'wrap its body in try/catch', rejects: 'await this.onRequest.dispatch(…)',
        ignored: '`this.server.on("request", …)` ignores the promise the listener returns (EventEmitters do not await listeners)',
        harm: 'the request it serves is never answered, and the client waits, its connection open, until it gives up',
        advice: "Handle the error in the catch (log it, emit 'error', answer or close what it serves).",
      },
    }],
  },
  {
    name: 'the same request listener when the uncaughtException handler exits: the process ends (listener message)',
    filename: 'dist/index.js',
    code: STRAIGHTFORWARD('this.emit("uncaughtException", err);\n    process.exit(1);'),
    files: { 'package.json': '{ "name": "straightforward", "main": "./dist/index.js" }' },
    errors: [{ messageId: 'listener', line: 14, column: 3 }],
  },
  {
    name: 'the same executor whose catch awaits a library call that is no timer: it can reject (near-miss of jsonrpc-bidirectional, check 53)',
    filename: 'src/WebSocketTransport.js',
    code: JSONRPC_WAIT_READY('backoff(5000)'),
    files: { 'package.json': '{ "name": "jsonrpc-bidirectional", "main": "src/WebSocketTransport.js", "dependencies": { "sleep-promise": "^9.1.0", "backoff-lib": "^1.0.0" } }' },
    errors: [{ messageId: 'asyncExecutor', data: { promise: 'Promise', rejects: 'await backoff(…)', resolve: 'fnResolve' }, line: 5, column: 24 }],
  },
  {
    name: 'the same timer under `if (isBrowser() || …)`: Node takes that branch too (near-miss of supabase auth-js, check 52)',
    filename: 'src/GoTrueClient.ts',
    code: SUPABASE_URL_LOGIN('isBrowser() || this.detectSessionInUrl'),
    files: { 'src/lib/helpers.ts': "export const isBrowser = () => typeof window !== 'undefined' && typeof document !== 'undefined';\n" },
    errors: [{ messageId: 'timer', data: { sink: 'setTimeout(…)', rejects: "await notify(…)" }, line: 7, column: 18 }],
  },
  {
    name: 'the same close() called with `noreplyWait: true`: its try awaits a query, which the catch rethrows (near-miss of rethinkdb-ts, check 54)',
    filename: 'lib/connection/connection.js',
    code: RETHINKDB_CONNECTION('this.close({ noreplyWait: true })'),
    files: { 'package.json': '{ "name": "rethinkdb-ts", "main": "lib/connection/connection.js" }' },
    errors: [{ messageId: 'dropped', data: { call: 'this.close()', where: 'listener', sink: 'this.socket.on("close", …)', rejects: 'throw err' }, line: 41, column: 7 }],
  },
  {
    name: 'the same close() whose try also runs a sync library call: the rethrown error may be that call\'s (near-miss of rethinkdb-ts, check 54)',
    filename: 'lib/connection/connection.js',
    code: RETHINKDB_CONNECTION('this.close()', 'net.connect(this.port);'),
    files: { 'package.json': '{ "name": "rethinkdb-ts", "main": "lib/connection/connection.js" }' },
    errors: [{ messageId: 'dropped', data: { call: 'this.close()', where: 'listener', sink: 'this.socket.on("close", …)', rejects: 'throw err' }, line: 41, column: 7 }],
  },
  {
    name: "the same listener on another library's StreamSplitter, a plain EventEmitter (near-miss of tus s3-store, check 59)",
    filename: 'src/index.ts',
    code: TUS_SPLITTER('stream-splitter'),
    files: { 'package.json': '{ "name": "@tus/s3-store", "main": "dist/index.js", "dependencies": { "stream-splitter": "^1.0.0" } }' },
    errors: [{ messageId: 'listener', line: 7, column: 33 }],
  },
  {
    name: 'the same executor when axios is only an optional dependency: it may be missing (near-miss of swagger-stats, check 59)',
    filename: 'lib/swsElasticEmitter.js',
    code: SWAGGER_AXIOS,
    files: { 'package.json': '{ "name": "swagger-stats", "main": "lib/index.js", "optionalDependencies": { "axios": "^1.7.0" } }' },
    errors: [{ messageId: 'asyncExecutor', line: 2, column: 32 }],
  },
  {
    name: 'the same listener when it awaits before the throw: the throw rejects later, outside the call (near-miss of kafka-javascript, check 57)',
    filename: 'lib/kafkajs/_producer.js',
    code: KAFKA_READY_CB('await this.#internalClient.flush();\n    '),
    files: { 'package.json': '{ "name": "@confluentinc/kafka-javascript", "main": "lib/index.js" }' },
    errors: [{ messageId: 'listener', line: 5, column: 3 }],
  },
  {
    name: "an async handler subscribed with ircv3's `onRegister`, whose emitter drops its promise, awaiting the user's config (twurple chat, check 59 miss)",
    filename: 'lib/ChatClient.js',
    code: TWURPLE_REGISTER('ircv3'),
    files: { 'package.json': '{ "name": "@twurple/chat", "main": "lib/index.js", "dependencies": { "ircv3": "^0.33.0", "@d-fischer/shared-utils": "^3.6.1" } }' },
    errors: [{ messageId: 'listener', data: { sink: 'this._ircClient.onRegister(…)', rejects: 'await resolveConfigValue(…)' }, line: 6, column: 32 }],
  },
  {
    name: 'import() of a declared dependency in a listener that runs later, not at module load: still a point (near-miss of swagger-stats, as iobroker.backitup, check 53)',
    filename: 'build/main.js',
    code: "const { EventEmitter } = require('events');\nconst bus = new EventEmitter();\nbus.on('message', async (obj) => {\n  const { createClient } = await import('webdav');\n  createClient(obj.url);\n});\nmodule.exports = bus;\n",
    files: { 'package.json': '{ "name": "iobroker.backitup", "main": "build/main.js", "dependencies": { "webdav": "^5.10.0" } }' },
    errors: [{ messageId: 'listener', line: 3, column: 19 }],
  },
];

runRuleTests(rule, { valid, invalid });

describe('unhandled-async-callback: lowestMajor', () => {
  it('reads the lowest major a dependency range admits', () => {
    assert.equal(lowestMajor('^5.1.0'), 5);
    assert.equal(lowestMajor('5.x'), 5);
    assert.equal(lowestMajor('>=5'), 5);
    assert.equal(lowestMajor('~4.21.2'), 4);
    assert.equal(lowestMajor('^4.18.0 || ^5.0.0'), 4);
    assert.equal(lowestMajor('npm:express@^5.0.1'), 5);
    assert.equal(lowestMajor('*'), undefined);
    assert.equal(lowestMajor('latest'), undefined);
  });
});
