import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../rules/retry-without-backoff';
import { runRuleTests, type InvalidCase, type TestCase } from '../rule-tester';

const WHY =
  'When the peer is down, rate-limiting or overloaded, every instance retries in lockstep and the extra load keeps it down ' +
  '(a mail worker that retried IMAP and OpenAI calls this way hammered both servers until it was throttled and locked out).';
const DO = 'Wait with exponential backoff and jitter, capped, between attempts: `retry(fn, { attempts, baseMs, maxMs })` from the runtime shim, or grow the wait from the attempt number.';
const noDelay = (loop: string, call: string) => `\`${call}\` is retried with no wait between attempts: add a backoff.\n\`${loop}\` retries it as soon as it fails. ${WHY} ${DO}`;
const noDelayForever = (loop: string, call: string) =>
  `\`${call}\` is retried at once, forever: add a cap and a backoff.\n\`${loop}\` retries it as soon as it fails and never gives up: while the peer is down it spins through failures as fast as they come. ${WHY} ${DO}`;
const constantDelay = (loop: string, call: string, delay: string) =>
  `\`${call}\` is retried forever every \`${delay}\` ms: add a backoff or a cap.\n\`${loop}\` waits the same \`${delay}\` ms after every failure and never gives up. ${WHY} ${DO}`;
const title = (n: string | number) => `Replace the loop with retry(…): ${n} attempts, exponential backoff with jitter`;

const DECLS = `declare function fetchOrder(id: string): Promise<string>;
declare function sleep(ms: number): Promise<void>;
`;

const JWT_VERIFY = `import { compactVerify } from './jose.js';
export async function verify(jwt, keystore, options = {}) {
  let verified;
  try {
    verified = await compactVerify(jwt, await keystore.getKeyObject(options.kid));
    if (!verified) throw new Error('signature verification failed');
  } catch (err) {
    if (typeof keystore.fresh !== 'function' || keystore.fresh()) {
      throw err;
    }

    await keystore.refresh();
    return verify(jwt, keystore, options);
  }
  return verified;
}
`;
const JOSE = { 'jose.js': 'export async function compactVerify(jwt, key) { return key ? { jwt } : undefined; }\n' };

const OCPP_RECONNECT = `const { setTimeout } = require('timers/promises');
class RPCClient {
  async _tryReconnect() {
    this._reconnectAttempt++;
    if (this._reconnectAttempt > this._options.maxReconnects) {
      this.close({ code: 1001, reason: 'Giving up' });
    } else {
      try {
        this._state = CONNECTING;
        const delay = this._backoffStrategy.next();
        await setTimeout(delay, null, { signal: this._wsAbortController.signal });
        await this._beginConnect().catch(async (err) => {
          if (intolerableErrors.includes(err.message)) throw err;
          this._tryReconnect();
        }).catch((err) => {
          this.close({ code: 1001, reason: err.message });
        });
      } catch (err) {
        return;
      }
    }
  }
}
module.exports = RPCClient;
`;

// autobase's `_drainWithInterupt` (check 48): the catch throws when the failure before was under
// MIN_FF_WAIT ago and stamps this one, so a second failure in a row ends the loop.
const RECENT_FAILURE = (window: string, stamped: string) => `const MIN_FF_WAIT = 300_000;
class Autobase {
  constructor() {
    this.fastForwardFailedAt = 0;
    this.startedAt = Date.now();
  }
  async _drainWithInterupt() {
    while (true) {
      try {
        await this._drain();
        return;
      } catch (err) {
        if (this.closing || !this.fastForwardTo) throw err;
        if (Date.now() - ${stamped} < ${window}) throw err;
        this.fastForwardFailedAt = Date.now();
      }
    }
  }
  async _drain() {
    await this.system.update();
  }
}
module.exports = Autobase;
`;

const WEBDAV_COPY = (target: string, source = 'fileName') => `const { join } = require('node:path');
const { readFileSync } = require('node:fs');
async function copyFiles(client, dir, fileNames, log) {
  while (fileNames.length) {
    const fileName = fileNames.shift();
    try {
      const target = ${target};
      const content = readFileSync(${source});
      await client.putFileContents(target, content);
    } catch (e) {
      log.error(\`WebDAV: \${e}\`);
    }
  }
}
module.exports = { copyFiles };
`;

// graphql-sse lib/client.js (check 57): the loop retries getOrConnect(), which backs off itself
// (`await retry(retries)`, a destructured option defaulting to an exponential backoff) once the catch records a failure.
const GRAPHQL_SSE = (waitBeforeConnect: string) => `export function createClient(options) {
  const { retryAttempts = 5, retry = async function randomisedExponentialBackoff(retries) {
    let retryDelay = 1000;
    for (let i = 0; i < retries; i++) retryDelay *= 2;
    await new Promise((resolve) => setTimeout(resolve, retryDelay + Math.floor(Math.random() * 2700 + 300)));
  }, fetchFn } = options;
  let conn, retryingErr = null, retries = 0;
  async function getOrConnect() {
    return await (conn ??= (async () => {
${waitBeforeConnect}
      return await fetchFn('/stream');
    })());
  }
  return {
    async subscribe(sink) {
      for (;;) {
        try {
          const { getResults } = await getOrConnect();
          for await (const r of getResults()) sink.next(r);
          return;
        } catch (err) {
          conn = undefined;
          if (!retryAttempts || retries >= retryAttempts) throw err;
          retryingErr = err;
        }
      }
    },
  };
}
`;

// infinispan lib/io.js (check 57): protocol negotiation tries each version of a constant list once.
const INFINISPAN_NEGOTIATE = (picked: string) => `var protocols = require('./protocols');
function negotiateProtocol(transport, conn) {
  var versions = protocols.VERSION_ORDER;
  function tryVersion(index) {
    if (index >= 100) return Promise.reject(new Error('No compatible protocol version found'));
    var version = ${picked};
    transport.setProtocol(protocols.resolve(version));
    return ping(transport, conn)
      .then(function () { return version; })
      .catch(function (err) {
        if (String(err).indexOf('CacheNotFoundException') >= 0) return Promise.reject(err);
        return tryVersion(index + 1);
      });
  }
  return tryVersion(0);
}
module.exports = negotiateProtocol;
`;

// orientjs lib/server/index.js (check 62): a Bluebird chain with `.bind(this)` retried from its catch;
// `times--` passes the old value on, so the cap never takes effect.
const ORIENTJS_WITH_RETRY = `Server.prototype.withRetry = function (times, resolve, reject, operation, options) {
  this.transport.send(operation, options)
    .bind(this)
    .then(resolve)
    .catch(function (err) {
      if (err.type === 'ODistributedRedirectException') {
        if (times === 0) reject(err);
        else this.withRetry(times--, resolve, reject, operation, options);
      } else reject(err);
    });
};
module.exports = Server;
`;

// mysql2 lib/pool_cluster.js (check 54): a node picked afresh per call, tried again only while nodes
// remain; each failure counts against its node, which is offlined after a few.
const MYSQL2_CLUSTER = (guard: string) => `class PoolNamespace {
  constructor(cluster, pattern) { this._cluster = cluster; this._pattern = pattern; }
  getConnection(cb) {
    const clusterNode = this._getClusterNode();
    if (clusterNode === null) return cb(new Error('Pool does Not exist.'));
    return this._cluster._getConnection(clusterNode, (err, connection) => {
      if (err) {
        if (${guard}) {
          this._cluster.emit('warn', err);
          return this.getConnection(cb);
        }
        return cb(err);
      }
      return cb(null, connection);
    });
  }
  _getClusterNode() {
    const ids = this._cluster._findNodeIds(this._pattern);
    return ids.length ? this._cluster._getNode(ids[0]) : null;
  }
  end(cb) {
    this._cluster.end().then(() => cb(), (err) => cb(err)).catch(() => {});
  }
}
module.exports = PoolNamespace;
`;

// @confluentinc/kafka-javascript lib/kafkajs/_consumer.js (check 57 miss #1): the catch keeps the error the loop condition tests.
const KAFKA_COMMIT = (onError: string) => `declare function sleep(ms: number): Promise<void>;
export class Consumer {
  declare commitOffsets: (o: unknown) => Promise<void>;
  async commitOffsetsUntilNoStateErr(offsetsToCommit: unknown) {
    let err: any = { code: 0 };
    let tries = 0;
    do {
      try {
        await this.commitOffsets(offsetsToCommit);
      } catch (e) {
        ${onError}
      }
    } while (err.code && err.code === -172);
  }
}
`;
// socket.io redis-streams-adapter dist/adapter.js (check 58 miss #4): a long poll that calls itself again after the try, failure or not.
const REDIS_STREAMS_POLL = (onError: string) => `declare function XREAD(client: unknown, stream: string, offset: string): Promise<any>;
declare function sleep(ms: number): Promise<void>;
export function startPolling(redisClient: any, streamName: string, onMessage: (m: unknown) => void, signal: AbortSignal) {
  let offset = '$';
  async function poll() {
    try {
      const response = await XREAD(redisClient, streamName, offset);
      if (response) for (const entry of response[0].messages) { onMessage(entry.message); offset = entry.id; }
    } catch (e) {
      ${onError}
    }
    if (signal.aborted) {
      redisClient.disconnect();
    } else {
      poll();
    }
  }
  poll();
}
`;

const valid: (TestCase | string)[] = [
  {
    name: 'a catch that throws when the failure before was recent and stamps this one (autobase, check 48): at most one immediate retry',
    filename: 'index.js',
    code: RECENT_FAILURE('MIN_FF_WAIT', 'this.fastForwardFailedAt'),
  },
  {
    name: 'a reconnect that awaits its backoff strategy\'s next delay at its top, before the attempt whose .catch calls it again, and gives up after maxReconnects (ocpp-rpc, check 40)',
    filename: 'lib/client.js',
    code: OCPP_RECONNECT,
  },
  {
    name: "a player whose catch deletes the track that failed to resolve from its options and plays again: the next run takes the next track of the queue (lavalink-client, check 24)",
    filename: 'lib/player.js',
    code: "class Player {\n  async play(options = {}) {\n    if (options.clientTrack) {\n      try {\n        await options.clientTrack.resolve(this);\n      } catch (error) {\n        this.emit('trackError', error);\n        delete options.clientTrack;\n        if (this.queue.tracks[0]) return this.play(options);\n        return this;\n      }\n    }\n    const track = options.clientTrack ?? this.queue.tracks.shift();\n    await this.node.update(track);\n    this.once('end', () => this.play());\n    return this;\n  }\n}\nmodule.exports = Player;\n",
  },
  {
    name: "a poller that polls again a second after success, and whose catch retries at once only a counted number of times (heroku's _ssh on a 404)",
    filename: 'lib/dyno.js',
    code: "class Dyno {\n  async _ssh(retries = 20) {\n    try {\n      const { body } = await this.heroku.get('/dynos/web.1');\n      if (body.state === 'up') return this._connect();\n      await wait(1000);\n      return this._ssh();\n    } catch (error) {\n      if (error.statusCode === 404 && retries > 0) return this._ssh(retries - 1);\n      throw error;\n    }\n  }\n}\nmodule.exports = Dyno;\n",
  },
  {
    name: "a long poll, one file per method, whose catch polls again after 3 s: paced (node-vk-bot-api's startPolling with a wait)",
    filename: 'lib/methods/startPolling.js',
    code: "const axios = require('axios');\nmodule.exports = async function (callback, ts) {\n  try {\n    if (this.isStopped) return;\n    if (!this.longPollParams) {\n      this.longPollParams = await this.getLongPollParams();\n    }\n    const { data: body } = await axios.get(this.longPollParams.server, { params: { ...this.longPollParams, ts, act: 'a_check', wait: 25 } });\n    this.startPolling(callback, body.ts);\n    body.updates.forEach((update) => this.next(update));\n  } catch (err) {\n    if (callback) callback(err);\n    this.longPollParams = null;\n    setTimeout(() => this.startPolling(callback), 3000);\n  }\n};\n",
  },
  {
    name: 'a poll loop whose first awaited call is a helper of the file that never rejects, and which sleeps on every pass before the call that can fail (hyperswarm-dht announcer)',
    filename: 'lib/announcer.js',
    code: `class Announcer {
  async _background() {
    while (!this.stopped) {
      try {
        this._refreshing = false;
        for (let i = 0; i < 100 && !this.stopped && !this._refreshing; i++) {
          const pings = [];
          for (const node of this.relays) pings.push(this.dht.ping(node));
          const pongs = await allFastest(pings);
          if (this.stopped) return;
          this.best = pongs.slice(0, 3);
          await this._sleeper.pause(3000);
        }
        if (!this.stopped) await this._update();
      } catch (err) {
        safetyCatch(err);
      }
    }
  }
}
function allFastest(ps) {
  const result = [];
  let ticks = ps.length + 1;
  return new Promise((resolve) => {
    for (const p of ps) p.then(push, tick);
    tick();
    function push(v) { result.push(v); tick(); }
    function tick() { if (--ticks === 0) resolve(result); }
  });
}
module.exports = Announcer;
`,
  },
  {
    name: 'a reconnect that awaits a wait helper of its own file (`delayOp = (ms) => new Promise((resolve) => { setTimeout(resolve, ms) })`) and gives up on a count: waits, capped',
    filename: 'src/transport-ws.js',
    code: `const delayOp = ms => {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
};
export class Transport {
  constructor(config) {
    this._config = config;
    this._attempts = 0;
  }
  async _init() {}
  async _attemptOpen() {
    try {
      return await this._init();
    } catch (error) {
      this._attempts++;
      if (this._attempts >= this._config.getMaxRetries() + 1) throw error;
      await delayOp(this._config.getRetryTimeSeconds() * 1000);
      return this._attemptOpen();
    }
  }
}
`,
  },
  {
    name: 'a reconnect that awaits a wait helper imported from another file of the project (janode\'s `delayOp` in ./utils/utils.js, a file with no catch): waits, capped',
    filename: 'src/transport-ws.js',
    code: `import { delayOp } from './utils/utils.js';
export class Transport {
  constructor(config) {
    this._config = config;
    this._attempts = 0;
  }
  async _init() {}
  async _attemptOpen() {
    try {
      return await this._init();
    } catch (error) {
      this._attempts++;
      if (this._attempts >= this._config.getMaxRetries() + 1) throw error;
      await delayOp(this._config.getRetryTimeSeconds() * 1000);
      return this._attemptOpen();
    }
  }
}
`,
    files: { 'src/utils/utils.js': 'export const delayOp = ms => {\n  return new Promise((resolve) => {\n    setTimeout(resolve, ms);\n  });\n};\n' },
  },
  {
    name: 'a retry loop that awaits a required wait helper (`later(seconds)` resolving after `seconds * 1000`) that grows with the attempt: backs off',
    filename: 'lib/client.js',
    code: `const { later } = require('./timing');
exports.connect = async function connect(client) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.connect();
    } catch (err) {
      await later(2 ** attempt);
    }
  }
};
`,
    files: { 'lib/timing.js': 'exports.later = (seconds) => new Promise((r) => setTimeout(() => r(), seconds * 1000));\n' },
  },
  {
    name: 'a commit retried while a count of tries left runs down (`while (tries) { tries -= 1; … }`), a constant wait between: capped',
    code: `declare function commit(): Promise<void>;
declare function delay(ms: number): Promise<void>;
export async function save(maxTries: number) {
  let tries = maxTries;
  while (tries) {
    tries -= 1;
    try {
      await commit();
      break;
    } catch {
      await delay(500);
    }
  }
}
`,
  },
  {
    name: 'a failed refresh-token grant retried once without the token (read by the method that builds the grant): the call runs again down the password path, a fallback',
    code: `declare function post(body: object): Promise<{ refresh_token: string }>;
export class Auth {
  refreshToken: string | undefined;
  constructor(private email: string, private password: string) {}
  private grantData() {
    return this.refreshToken ? { grant_type: 'refresh_token', refresh_token: this.refreshToken } : { grant_type: 'password', username: this.email, password: this.password };
  }
  async getAuth(): Promise<{ refresh_token: string }> {
    const grant = this.grantData();
    try {
      return await post(grant);
    } catch (err) {
      if ('refresh_token' in grant) {
        this.refreshToken = undefined;
        return this.getAuth();
      }
      throw err;
    }
  }
}
`,
  },
  {
    name: 'a loop handing a host iterator to the call that connects: each failure moves on to the next host until they run out',
    code: `export class ControlConnection {
  connection: { query(q: string): Promise<void> } | undefined;
  constructor(private hosts: string[]) {}
  private async borrowFirstConnection(hosts: Iterator<string>): Promise<void> {
    const next = hosts.next();
    if (next.done) throw new Error('no host available');
    this.connection = { query: async () => {} };
  }
  async init() {
    const hostIterator = this.hosts[Symbol.iterator]();
    while (true) {
      await this.borrowFirstConnection(hostIterator);
      try {
        await this.connection!.query('select peers');
        break;
      } catch (err) {
        console.error(err);
      }
    }
  }
}
`,
  },
  {
    name: 'a function calling itself again after taking the next connection of its plan: a failover, not the same call',
    code: `declare const plan: { next(): { host: string; connection: { changeKeyspace(k: string): Promise<void> } } };
export class RequestHandler {
  async startExecution(): Promise<void> {
    const { host, connection } = plan.next();
    try {
      await connection.changeKeyspace('app');
    } catch (err) {
      console.warn(host, err);
      return this.startExecution();
    }
  }
}
`,
  },
  {
    name: 'an attempt on what a person typed, asked again after a wrong code: each try waits for someone',
    code: `declare function requestInput(question: string): Promise<string>;
declare const client: { getAuth(code: string): Promise<string> };
export async function authWith2fa(): Promise<string> {
  const code = await requestInput('2fa code: ');
  try {
    return await client.getAuth(code);
  } catch {
    console.log('Incorrect code, try again.');
    return authWith2fa();
  }
}
`,
  },
  {
    name: 'a queue drained one request at a time, each failed request rejected: no call is retried',
    code: `type Request = { tag: string; command: string; reject(err: unknown): void };
export class Connection {
  private queue: Request[] = [];
  private current: Request | undefined;
  private async send(req: { tag: string; command: string }): Promise<void> {}
  async trySend() {
    while (!this.current && this.queue.length) {
      this.current = this.queue.shift();
      try {
        await this.send({ tag: this.current!.tag, command: this.current!.command });
        return;
      } catch (err) {
        this.rejectCurrent(err);
      }
    }
  }
  private rejectCurrent(err: unknown) {
    this.current?.reject(err);
    this.current = undefined;
  }
}
`,
  },
  {
    name: 'fallback stages tried in order, each with its own arguments',
    code: `declare function runList(args: string[]): Promise<void>;
export async function list(stages: { status: boolean }[]) {
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i];
    const args = stage.status ? ['RETURN', '(STATUS)'] : [];
    try {
      await runList(args);
      return stage;
    } catch (err) {
      console.warn('stage refused', err);
    }
  }
  throw new Error('LIST refused');
}
`,
  },
  {
    name: 'delay computed from the attempt number (exponential, capped with Math.min)',
    code: `${DECLS}export async function load(id: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOrder(id);
    } catch {
      await sleep(Math.min(10_000, 100 * 2 ** attempt));
    }
  }
}
`,
  },
  {
    name: 'delay variable doubled in the catch',
    code: `${DECLS}export async function load(id: string) {
  let wait = 100;
  while (true) {
    try {
      return await fetchOrder(id);
    } catch {
      await sleep(wait);
      wait = Math.min(wait * 2, 30_000);
    }
  }
}
`,
  },
  {
    name: 'a delay declared in the loop from the attempt counter',
    code: `${DECLS}export async function load(id: string) {
  let attempt = 0;
  while (true) {
    try {
      return await fetchOrder(id);
    } catch {
      attempt++;
      const backoffMs = 2 ** attempt * 100;
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
    }
  }
}
`,
  },
  {
    name: 'constant delay with an attempt cap in the loop condition',
    code: `${DECLS}export async function load(id: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await fetchOrder(id);
    } catch {
      await sleep(1000);
    }
  }
  throw new Error('gave up');
}
`,
  },
  {
    name: 'constant delay with a conditional rethrow as the cap',
    code: `${DECLS}export async function load(id: string) {
  let failures = 0;
  while (true) {
    try {
      return await fetchOrder(id);
    } catch (err) {
      if (++failures > 3) throw err;
      await sleep(500);
    }
  }
}
`,
  },
  {
    name: 'wait computed by a helper we cannot see into',
    code: `${DECLS}declare function jitter(ms: number): number;
export async function load(id: string) {
  while (true) {
    try {
      return await fetchOrder(id);
    } catch {
      await sleep(jitter(1000));
    }
  }
}
`,
  },
  {
    name: 'a wait whose name says it backs off',
    code: `${DECLS}declare const policy: { backoff(): Promise<void> };
export async function load(id: string) {
  while (true) {
    try {
      return await fetchOrder(id);
    } catch {
      await policy.backoff();
    }
  }
}
`,
  },
  {
    name: 'for await over a stream: consuming, not retrying',
    code: `export async function consume(stream: AsyncIterable<string>, handle: (s: string) => Promise<void>) {
  for await (const chunk of stream) {
    try {
      await handle(chunk);
    } catch (err) {
      console.error(err);
    }
  }
}
`,
  },
  {
    name: 'catch rethrows: one attempt, no retry',
    code: `${DECLS}export async function load(id: string) {
  while (true) {
    try {
      return await fetchOrder(id);
    } catch (err) {
      console.error(err);
      throw err;
    }
  }
}
`,
  },
  {
    name: 'catch breaks out of the loop',
    code: `${DECLS}export async function load(id: string) {
  let value: string | undefined;
  for (let i = 0; i < 3; i++) {
    try {
      value = await fetchOrder(id);
      break;
    } catch {
      break;
    }
  }
  return value;
}
`,
  },
  {
    name: 'processing items: the catch logs and the loop moves to the next item',
    code: `${DECLS}export async function loadAll(ids: string[]) {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    try {
      out.push(await fetchOrder(ids[i]));
    } catch (err) {
      console.error('skipping', ids[i], err);
    }
  }
  return out;
}
`,
  },
  {
    name: 'failover: each iteration tries the next mirror, not the same call again',
    code: `export async function download(mirrors: string[]) {
  for (let i = 0; i < mirrors.length; i++) {
    try {
      return await fetch(mirrors[i], { signal: AbortSignal.timeout(5000) });
    } catch (err) {
      console.warn('mirror failed', mirrors[i], err);
    }
  }
  throw new Error('all mirrors failed');
}
`,
  },
  {
    name: 'p-retry inside the loop already backs off',
    code: `import pRetry from 'p-retry';
declare function fetchOrder(id: string): Promise<string>;
export async function load(id: string) {
  while (true) {
    try {
      return await pRetry(() => fetchOrder(id), { retries: 5 });
    } catch (err) {
      console.error(err);
    }
  }
}
`,
    filename: 'src/load.js',
  },
  {
    name: "the runtime shim's retry",
    code: `import { retry } from './stability-runtime';
declare function fetchOrder(id: string): Promise<string>;
export async function load(id: string) {
  for (;;) {
    try {
      return await retry(() => fetchOrder(id), { attempts: 5 });
    } catch (err) {
      console.error('still failing', err);
    }
  }
}
`,
  },
  {
    name: 'a try with no await retries nothing asynchronous',
    code: `export function parseAll(lines: string[]) {
  let i = 0;
  while (true) {
    try {
      return JSON.parse(lines[i]);
    } catch {
      i++;
    }
  }
}
`,
  },
  // ---- Recursion that is no retry ----
  {
    name: 'recursion with a wait that grows with the attempt number, retrying forever under a ceiling',
    code: `declare function request(o: object): Promise<string>;
declare function delay(ms: number): Promise<void>;
export async function requestWithRetry(options: object, retryCount = 0): Promise<string> {
  try {
    return await request(options);
  } catch {
    await delay(Math.min(5_000 * 2 ** retryCount, 60_000));
    return requestWithRetry(options, retryCount + 1);
  }
}
`,
  },
  {
    name: 'recursion with a constant wait and an attempt cap on a counted parameter',
    code: `declare function request(o: object): Promise<string>;
declare function delay(ms: number): Promise<void>;
export async function requestWithRetry(options: object, attempt = 1): Promise<string> {
  try {
    return await request(options);
  } catch (err) {
    if (attempt >= 3) throw err;
    await delay(1000);
    return requestWithRetry(options, attempt + 1);
  }
}
`,
  },
  {
    name: 'a poll rescheduled from .catch after a constant wait, capped by a counter of the closure stepped by plain assignment',
    filename: 'lib/port-polling.js',
    code: `const net = require('net');
function waitForPort(port, options) {
  const probe = () => new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(); });
    socket.setTimeout(1000, () => socket.destroy(new Error('timeout')));
    socket.on('error', reject);
  });
  return new Promise((resolve, reject) => {
    let tries = 0;
    (function retry() {
      probe().then(resolve).catch((err) => {
        if (tries < options.maxTries) {
          tries = tries + 1;
          setTimeout(retry, options.retryMs);
          return;
        }
        reject(err);
      });
    })();
  });
}
module.exports = { waitForPort };
`,
  },
  {
    name: 'a dyno start retried at once twice on any failure, by recursion with a counter defaulting to 2 (three attempts in all)',
    filename: 'lib/dyno.js',
    code: `class Dyno {
  async start(retries = 2) {
    try {
      this.dyno = await this.api.post('/dynos', { body: this.opts });
    } catch (error) {
      if (retries > 0) {
        return this.start(retries - 1);
      }
      throw error;
    }
  }
}
module.exports = Dyno;
`,
  },
  {
    name: 'a file-private retry helper whose count every call passes as a constant 2 (`withRetry.call(this, fn, API_RETRY_COUNT, label)`): three attempts at once',
    filename: 'lib/ha.js',
    code: `const API_RETRY_COUNT = 2;
const API_TIMEOUT_MS = 10000;
async function withRetry(fn, retries, label) {
  for (let i = 0; i <= retries; i++) {
    try {
      return await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), API_TIMEOUT_MS))]);
    } catch (err) {
      if (i === retries) {
        throw err;
      }
      this.log.debug(label + ': retry ' + (i + 1));
    }
  }
}
async function createHA() {
  return withRetry.call(this, () => this.proxmox.getHAStatusInformation(), API_RETRY_COUNT, 'createHA');
}
async function updateHA() {
  return withRetry(() => this.proxmox.getHAStatusInformation(), 1, 'updateHA');
}
module.exports = { createHA, updateHA };
`,
  },
  {
    name: 'a schema read retried by recursion counting up from 0 to a constant 3 (`if (attempt >= MAX_ATTEMPTS) throw`): three attempts',
    filename: 'lib/get-schema.js',
    code: `export async function getSchema(options, attempt = 0) {
  const MAX_ATTEMPTS = 3;
  const cached = await getLocalSchemaCache();
  if (cached) {
    return cached;
  }
  if (attempt >= MAX_ATTEMPTS) {
    throw new Error('Failed to get schema');
  }
  return waitForSchema(options).catch(() => getSchema(options, attempt + 1));
}
async function getLocalSchemaCache() {
  return null;
}
async function waitForSchema(options) {
  return options.bus.next();
}
`,
  },
  {
    name: 'an entry created again after its unknown fields are removed as the error lists them: the call again sends a corrected payload',
    filename: 'lib/create-entries.js',
    code: `async function createEntry({ entry, target, requestQueue }) {
  try {
    return await requestQueue.add(() => target.createEntry(entry.transformed));
  } catch (err) {
    if (err.name === 'UnknownField') {
      const errors = JSON.parse(err.message).details.errors;
      entry.transformed.fields = cleanupUnknownFields(entry.transformed.fields, errors);
      return createEntry({ entry, target, requestQueue });
    }
    throw err;
  }
}
function cleanupUnknownFields(fields, errors) {
  return fields;
}
module.exports = { createEntry };
`,
  },
  {
    name: 'a delayed event sent again with the largest delay the server allows, read from the error and back through a getter of the attempt',
    filename: 'src/membership.ts',
    code: `declare function resendIfRateLimited<T>(fn: () => Promise<T>): Promise<T>;
export class MembershipManager {
  private timeoutOverride?: number;
  constructor(private client: { sendDelayed(opts: { delay: number }): Promise<{ id: string }> }, private config: { timeout?: number }) {}
  private get timeout(): number {
    return this.timeoutOverride ?? this.config.timeout ?? 8000;
  }
  async join(): Promise<void> {
    const prepare = async (): Promise<void> => {
      try {
        await resendIfRateLimited(() => this.client.sendDelayed({ delay: this.timeout }));
      } catch (e: any) {
        const maxDelay = e.data?.max_delay;
        if (typeof maxDelay === 'number' && this.timeout > maxDelay) {
          this.timeoutOverride = maxDelay;
          return prepare();
        }
      }
    };
    await prepare();
  }
}
`,
  },
  {
    name: 'a request sent again only when the token refresh it awaited reports success',
    filename: 'src/http.ts',
    code: `enum Outcome { Success, Failure, Logout }
export class Http {
  constructor(private refresher: { handleUnknownToken(attempt: number): Promise<Outcome> }, private send: (path: string) => Promise<string>) {}
  async authedRequest(attempt: number, path: string): Promise<string> {
    try {
      return await this.send(path);
    } catch (error: any) {
      if (error.errcode === 'M_UNKNOWN_TOKEN') {
        const outcome = await this.refresher.handleUnknownToken(attempt);
        if (outcome === Outcome.Success) {
          return this.authedRequest(attempt + 1, path);
        }
      }
      throw error;
    }
  }
}
`,
  },
  {
    name: 'a flash retried only when the failure handler it awaited answers yes (`const { retry } = await handleFlashError(…)`, a confirm prompt)',
    filename: 'src/cmd/flash.js',
    code: `const { handleFlashError } = require('../lib/tachyon-utils');
class FlashCommand {
  async flashTachyon({ device, files }) {
    try {
      const qdl = new QdlFlasher({ files, device });
      await qdl.run();
    } catch (error) {
      const { retry } = await handleFlashError({ error, ui: this.ui });
      if (retry) {
        return this.flashTachyon({ device, files });
      }
      throw error;
    }
  }
}
module.exports = FlashCommand;
`,
  },
  {
    name: 'a login retried by recursion from .catch while a count on the object stays under 3 (`this.tries = (this.tries || 0) + 1`, reset to 0 on success): three attempts',
    filename: 'src/cmd/cloud.js',
    code: `class CloudCommand {
  login({ username } = {}) {
    return Promise.resolve()
      .then(() => prompts.getCredentials(username))
      .then((credentials) => api.login(credentials))
      .then((token) => {
        this.tries = 0;
        return token;
      })
      .catch((error) => {
        this.tries = (this.tries || 0) + 1;
        if (this.tries < 3) {
          return this.login({ username });
        }
        throw error;
      });
  }
}
module.exports = CloudCommand;
`,
  },
  {
    name: 'a pairing retried by recursion while a count the constructor sets to 3 stays above 1, counted down after each retry: three attempts',
    filename: 'lib/remote.js',
    code: `class Remote {
  constructor(api) {
    this.api = api;
    this.pairRetries = 3;
  }
  _pair() {
    this.api.pair().then(() => this.emit('paired')).catch((error) => {
      if (this.pairRetries > 1) {
        this._pair();
        this.pairRetries--;
      } else {
        console.error(error.message);
      }
    });
  }
  emit() {}
}
module.exports = Remote;
`,
  },
  {
    name: 'a decryption loop that runs again only when a retry was asked for during the attempt: the flag is cleared at the top of every pass',
    filename: 'src/event.ts',
    code: `export class Event {
  private retryDecryption = false;
  constructor(private crypto: { decrypt(e: Event): Promise<string> }) {}
  private async decryptionLoop(): Promise<void> {
    while (true) {
      this.retryDecryption = false;
      try {
        this.clear = await this.crypto.decrypt(this);
      } catch (e) {
        if (this.retryDecryption) {
          continue;
        }
        this.failure = String(e);
      }
      this.emitDecrypted();
      return;
    }
  }
  clear?: string;
  failure?: string;
  emitDecrypted(): void {}
}
`,
  },
  {
    name: 'a download retried once after a timeout: a flag set before the retry, and a second timeout in a row throws',
    filename: 'lib/download.js',
    code: `class Download {
  async request() {
    try {
      const result = await this.client.invoke(this.query);
      this.timedOut = false;
      return result.bytes;
    } catch (e) {
      if (e.errorMessage === 'TIMEOUT') {
        if (this.timedOut) {
          throw e;
        }
        this.timedOut = true;
        await sleep(1000);
        return await this.request();
      }
      throw e;
    }
  }
}
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
module.exports = Download;
`,
  },
  {
    name: 'a transaction commit retried at once, a few times, only on a write conflict (recursion from .catch)',
    filename: 'src/storage.js',
    code: `class Storage {
  commitTransaction(session) {
    const commit = (retries) => {
      return session.commitTransaction().catch((error) => {
        if (error && error.hasErrorLabel('TransientTransactionError') && retries > 0) {
          return commit(retries - 1);
        }
        throw error;
      }).then(() => session.endSession());
    };
    return commit(5);
  }
}
module.exports = { Storage };
`,
  },
  {
    name: 'a serializable transaction retried at once on a serialization failure, capped (loop)',
    code: `declare function transfer(from: string, to: string): Promise<void>;
export async function transferWithRetry(from: string, to: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await transfer(from, to);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '40001' || attempt >= 5) throw err;
    }
  }
}
`,
  },
  {
    name: 'an upsert retried at once only on a serialization failure named by a constant, capped by a constant (loop)',
    filename: 'lib/queue.js',
    code: `const SERIALIZATION_FAILURE = '40001';
const UPSERT_ATTEMPTS = 3;
class Queue {
  async upsert(name, data, opts) {
    const attempt = () => this.db.transaction((tx) => tx.query('insert into job (name, data) values ($1, $2)', [name, data]));
    let result;
    for (let attempts = 1;; attempts++) {
      try {
        result = await attempt();
        break;
      } catch (err) {
        if (opts.db || err?.code !== SERIALIZATION_FAILURE || attempts === UPSERT_ATTEMPTS) throw err;
      }
    }
    return result;
  }
}
module.exports = { Queue };
`,
  },
  {
    name: 'a user whose name is taken (errno 1396) created again under a freshly drawn random name: a collision, not a peer down',
    filename: 'lib/mysql.js',
    code: "class MysqlSetup {\n  randomUsername() {\n    return `ghost-${Math.floor(Math.random() * 1000)}`;\n  }\n  async createUser8(host) {\n    const username = this.randomUsername();\n    await this.query(`CREATE USER '${username}'@'${host}' IDENTIFIED BY RANDOM PASSWORD`);\n    return { username };\n  }\n  async createUser(ctx, host) {\n    try {\n      ctx.user = await this.createUser8(host);\n    } catch (error) {\n      if (error.err && error.err.errno === 1396) {\n        this.log('user exists, retrying with a new username');\n        return this.createUser(ctx, host);\n      }\n      throw error;\n    }\n  }\n}\nmodule.exports = { MysqlSetup };\n",
  },
  {
    name: 'a fallback: the call made again is a different one (another path, other options)',
    code: `declare function stat(p: string): Promise<{ mtime: Date }>;
declare function dirname(p: string): string;
export async function statFile(file: string, limit = 3): Promise<Date | null> {
  if (limit < 1) return null;
  try {
    return (await stat(file)).mtime;
  } catch {
    return statFile(dirname(file), limit - 1);
  }
}
`,
  },
  {
    name: 'a poller that reschedules itself after success too: the catch keeps the schedule',
    code: `declare function beat(): Promise<void>;
export function startMonitor(intervalMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    await beat();
    timer = setTimeout(safeBeat, intervalMs);
  };
  const safeBeat = async () => {
    try {
      await run();
    } catch (e) {
      console.error(e);
      timer = setTimeout(safeBeat, intervalMs);
    }
  };
  void safeBeat();
  return () => clearTimeout(timer);
}
`,
  },
  {
    name: 'a list of files uploaded one by one, the target built inside the try from the item just shifted (iobroker.backitup webdav, check 53)',
    filename: 'lib/webdav.js',
    code: WEBDAV_COPY("join(dir, fileName.split('/').pop())"),
  },
  {
    name: 'a queue drain that calls itself for the next item after success and failure alike',
    code: `declare function handler(x: unknown): Promise<unknown>;
const queue: { x: unknown; resolve(v: unknown): void; reject(e: unknown): void }[] = [];
export function callNext(): void {
  const item = queue.shift();
  if (!item) return;
  handler(item.x)
    .then((res) => { item.resolve(res); callNext(); })
    .catch((err) => { item.reject(err); callNext(); });
}
`,
  },
  {
    name: 'the catch awaits a method that sleeps for the server-directed retry_after, else 3 s',
    code: `declare function sleep(ms: number): Promise<void>;
declare function getUpdates(offset: number): Promise<unknown[]>;
export class Poller {
  running = true;
  async fetchUpdates(offset: number) {
    let updates: unknown[] | undefined;
    do {
      try {
        updates = await getUpdates(offset);
      } catch (error) {
        await this.handlePollingError(error);
      }
    } while (updates === undefined && this.running);
    return updates;
  }
  async handlePollingError(error: unknown) {
    let sleepSeconds = 3;
    if (error instanceof Error && 'retryAfter' in error) sleepSeconds = Number(error.retryAfter);
    await sleep(1000 * sleepSeconds);
  }
}
`,
  },
  {
    name: 'the wait is handed to a limiter that pauses meanwhile: pauseLimiter(() => waitForRetry(delay)), the delay doubling',
    code: `declare function makeRequest(url: string): Promise<{ status: number }>;
declare function waitForRetry(ms: number, signal?: AbortSignal): Promise<void>;
export async function fetchPage(url: string, retries: number, pauseLimiter: (fn: () => Promise<void>) => Promise<void>) {
  let errorRetries = 0;
  for (;;) {
    try {
      return await makeRequest(url);
    } catch {
      if (errorRetries >= retries) return undefined;
      errorRetries++;
      const retryDelay = 2 ** errorRetries * 1000 + Math.random() * 100;
      await pauseLimiter(() => waitForRetry(retryDelay));
    }
  }
}
`,
  },
  // ---- Loops that are no retry ----
  {
    name: 'a lock queue drained: the item taken is destructured, and each failure rejects that lock',
    code: `declare function open(path: string, options: object): Promise<void>;
type Lock = { path: string; options: object; resolve(): void; reject(e: unknown): void };
export class Locks {
  private locks: Lock[] = [];
  async process(): Promise<void> {
    while (this.locks.length > 0) {
      const lock = this.locks.shift()!;
      const { path, options, resolve, reject } = lock;
      try {
        await open(path, options);
        resolve();
        break;
      } catch (err) {
        reject(err);
      }
    }
  }
}
`,
  },
  {
    name: 'a paging loop: the flag is set from the page in the try and cleared in the catch',
    code: `declare function fetchPage(cursor: string | undefined): Promise<{ items: string[]; next?: string }>;
export async function all() {
  const out: string[] = [];
  let cursor: string | undefined;
  let hasMore = true;
  while (hasMore) {
    try {
      const page = await fetchPage(cursor);
      out.push(...page.items);
      cursor = page.next;
      hasMore = page.next !== undefined;
    } catch (err) {
      console.error(err);
      hasMore = false;
    }
  }
  return out;
}
`,
  },
  {
    name: 'three attempts at once with a last-attempt rethrow: a bounded policy, not a retry storm',
    code: `${DECLS}export async function load(id: string): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetchOrder(id);
    } catch (err) {
      if (attempt === 3 - 1) throw err;
    }
  }
  throw new Error('unreachable');
}
`,
  },
  {
    name: 'three tries of a local run, counted by the errors collected (attempts.length < 3)',
    filename: 'src/collect/node-runner.js',
    code: `class LighthouseRunner {
  async runUntilSuccess(url, options = {}) {
    const attempts = [];
    while (attempts.length < 3) {
      try {
        return await this.run(url, options);
      } catch (err) {
        attempts.push(err);
      }
    }
    throw attempts[0];
  }
}
module.exports = LighthouseRunner;
`,
  },
  {
    name: "a retry helper whose attempts default to three (retries = 3)",
    filename: 'lib/adapter/nv-memory.js',
    code: `class NvMemoryAdapter {
  async retry(fn, retries = 3) {
    let i = 0;
    while (i < retries) {
      try {
        return await fn();
      } catch (error) {
        if (i >= retries - 1) throw error;
        i++;
      }
    }
  }
}
module.exports = NvMemoryAdapter;
`,
  },
  {
    name: 'a wait compiled as an indirect call of an import, (0, utils_1.wait)(MIN_DELAY * i): it grows with the attempt',
    filename: 'src/driver/ezsp.js',
    code: `const utils_1 = require('../utils');
const MAX_ATTEMPTS = 5;
const MIN_DELAY = 2000;
class Ezsp {
  async connect() {
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      try {
        await this.serialDriver.connect();
        break;
      } catch (error) {
        if (i < MAX_ATTEMPTS) {
          await (0, utils_1.wait)(MIN_DELAY * i);
        }
      }
    }
  }
}
module.exports = Ezsp;
`,
  },
  {
    name: 'failover along a query plan: each pass takes the next host from a helper named for it (getNextHost)',
    filename: 'lib/prepare-handler.js',
    code: `class PrepareHandler {
  static getNextHost(iterator, tried) {
    const item = iterator.next();
    return item.done ? null : item.value;
  }
  async prepareWithQueryPlan(iterator, query) {
    const triedHosts = {};
    while (true) {
      const host = PrepareHandler.getNextHost(iterator, triedHosts);
      if (host === null) throw new Error('no host available');
      try {
        return await host.prepare(query);
      } catch (err) {
        triedHosts[host.address] = err;
      }
    }
  }
}
module.exports = PrepareHandler;
`,
  },
  {
    name: 'a worker loop that waits in its catch before the next read',
    code: `declare const redis: { brpop(key: string, s: number): Promise<[string, string] | null> };
declare function sleep(ms: number): Promise<void>;
let stopping = false;
export const halt = () => { stopping = true; };
export async function work(handle: (job: string) => Promise<void>) {
  while (!stopping) {
    try {
      const job = await redis.brpop('jobs', 5);
      if (job) await handle(job[1]);
    } catch (err) {
      console.error(err);
      await sleep(1000);
    }
  }
}
`,
  },
  {
    name: 'a poll loop whose wait after the try paces failures too',
    code: `declare function poll(): Promise<unknown[]>;
declare function sleep(ms: number): Promise<void>;
export async function run(onEvents: (e: unknown[]) => void) {
  for (;;) {
    try {
      onEvents(await poll());
    } catch (err) {
      console.error(err);
    }
    await sleep(5000);
  }
}
`,
  },
  {
    name: 'a poll loop that awaits a delay promise it keeps on the instance after the try (pg-boss)',
    code: `declare function clockDelay(ms: number): Promise<void> & { abort(): void };
export class Worker {
  stopping = false;
  loopDelayPromise: Promise<void> | null = null;
  constructor(private fetch: () => Promise<unknown[]>, private onError: (e: unknown) => void) {}
  async run() {
    while (!this.stopping) {
      try {
        await this.fetch();
      } catch (err) {
        this.onError(err);
      }
      this.loopDelayPromise = clockDelay(2000);
      await this.loopDelayPromise;
    }
  }
}
`,
  },
  {
    name: 'a poller that schedules itself again a second later, after success and failure alike',
    code: `declare const client: { xreadgroup(...args: unknown[]): Promise<unknown> };
export function subscribe(chan: { stopping: boolean; read?: () => Promise<void> }, handle: (m: unknown) => void) {
  chan.read = async () => {
    if (chan.stopping) return;
    try {
      handle(await client.xreadgroup('GROUP', 'g', 'c', 'BLOCK', 5000, 'STREAMS', 's', '>'));
    } catch (err) {
      console.error(err);
    }
    setTimeout(() => chan.read!(), 1000);
  };
  chan.read();
}
`,
  },
  {
    name: 'a coalescing loop that clears its own request flag each pass: it runs again only when asked (homebridge-unifi-protect)',
    code: `export class Supervisor {
  requested = false;
  constructor(private pass: () => Promise<boolean>) {}
  async loop() {
    let result = false;
    while (this.requested) {
      this.requested = false;
      try {
        result = await this.pass();
      } catch (error) {
        console.error(error);
        result = false;
      }
    }
    return result;
  }
}
`,
  },
  {
    name: "a sign-in loop that first asks the caller's callback for a code each pass: a person paces it (telegram)",
    code: `declare const client: { invoke(req: unknown): Promise<unknown> };
export async function signIn(authParams: { phoneCode(): Promise<string>; onError(e: unknown): Promise<boolean> }) {
  while (1) {
    try {
      const phoneCode = await authParams.phoneCode();
      if (!phoneCode) throw new Error('Code is empty');
      return await client.invoke({ phoneCode });
    } catch (err) {
      if (await authParams.onError(err)) throw new Error('AUTH_USER_CANCEL');
    }
  }
}
`,
  },
  {
    name: "a password loop that asks the caller's callback between two calls (telegram's 2FA)",
    code: `declare const client: { invoke(req: unknown): Promise<{ hint: string; user: unknown }> };
export async function signInWithPassword(authParams: { password(hint: string): Promise<string>; onError(e: unknown): Promise<boolean> }) {
  while (1) {
    try {
      const srp = await client.invoke({ get: 'password' });
      const password = await authParams.password(srp.hint);
      return (await client.invoke({ check: password })).user;
    } catch (err) {
      if (await authParams.onError(err)) throw new Error('AUTH_USER_CANCEL');
    }
  }
}
`,
  },
  {
    name: 'an email-code loop that asks a callback parameter for each new code (telegram)',
    code: `declare const client: { invoke(req: unknown): Promise<unknown> };
export async function confirmEmail(emailCodeCallback: (n: number) => Promise<string>, onEmailCodeError: (e: unknown) => void) {
  while (true) {
    try {
      const code = await emailCodeCallback(6);
      await client.invoke({ code });
      break;
    } catch (err) {
      onEmailCodeError(err);
    }
  }
}
`,
  },
  {
    name: 'a request that moves to the data center the error names, then runs again there (telegram downloads)',
    code: `declare class FileMigrateError extends Error { newDc: number }
export class Download {
  constructor(private client: { getSender(dc: number): Promise<{ dcId: number }>; invoke(req: unknown, sender: { dcId: number }): Promise<{ bytes: Buffer }> }, private sender: { dcId: number }, private request: unknown) {}
  async fetchChunk(): Promise<Buffer> {
    try {
      this.sender = await this.client.getSender(this.sender.dcId);
      return (await this.client.invoke(this.request, this.sender)).bytes;
    } catch (e) {
      if (e instanceof FileMigrateError) {
        this.sender = await this.client.getSender(e.newDc);
        return await this.fetchChunk();
      }
      throw e;
    }
  }
}
`,
  },
  {
    name: 'a call retried by recursion after asking the person for a second factor (heroku)',
    code: `declare const heroku: { post(path: string, body: unknown): Promise<{ body: unknown }>; twoFactorPrompt(): Promise<string> };
export async function promote(id: string, secondFactor?: string): Promise<unknown> {
  try {
    return (await heroku.post('/pipeline-promotions', { id, secondFactor })).body;
  } catch (error) {
    if ((error as { body?: { id?: string } }).body?.id !== 'two_factor') throw error;
    const code = await heroku.twoFactorPrompt();
    return promote(id, code);
  }
}
`,
  },
  {
    name: 'a worker loop that takes the next batch before the attempt: a failure moves on (kafkajs)',
    code: `export const createWorker = (handler: (b: unknown) => Promise<void>) => async (next: () => { batch: unknown; reject(e: unknown): void } | undefined) => {
  while (true) {
    const item = next();
    if (!item) break;
    const { batch, reject } = item;
    try {
      await handler(batch);
    } catch (error) {
      reject(error);
    }
  }
};
`,
  },
  {
    name: 'a poll loop whose catch stops the worker on a fatal error',
    code: `declare const queue: { pop(): Promise<string> };
let running = true;
export async function work(handle: (job: string) => void) {
  while (running) {
    try {
      handle(await queue.pop());
    } catch (err) {
      if ((err as { fatal?: boolean }).fatal) return;
      console.error(err);
    }
  }
}
`,
  },
  {
    name: 'a publisher that retries only when asked (`if (++attempts >= maxAttempts) throw err` in the catch, `props.maxAttempts || 1`): one attempt by default, at most what the caller configured',
    filename: 'lib/publisher.js',
    code: `export function createPublisher(channel, props = {}) {
  const maxAttempts = props.maxAttempts || 1;
  return async function send(envelope, body) {
    let attempts = 0;
    while (true)
      try {
        return await channel.publish(envelope, body);
      } catch (err) {
        if (++attempts >= maxAttempts) {
          throw err;
        } else {
          console.warn('retrying', err);
        }
      }
  };
}
`,
  },
  {
    name: 'a count taken before the test (`attempts++; if (attempts > 2) throw err`): three attempts at once',
    code: `${DECLS}export async function load(id: string) {
  let attempts = 0;
  while (true) {
    try {
      return await fetchOrder(id);
    } catch (err) {
      attempts++;
      if (attempts > 2) throw err;
    }
  }
}
`,
  },
  {
    name: 'a long poll that reschedules itself within a moment after success, but backs off from .catch with a wait it doubles',
    filename: 'src/listen.js',
    code: `module.exports = function (http, onEvent) {
  let running = true;
  let failureDelay = 250;
  function listen() {
    http.get('https://example.com/pull')
      .then((res) => {
        failureDelay = 250;
        onEvent(res);
        if (running) setTimeout(listen, Math.random() * 200 + 50);
      })
      .catch(() => {
        failureDelay = Math.min(failureDelay * 2, 60000);
        if (running) setTimeout(listen, failureDelay);
      });
  }
  listen();
  return () => { running = false; };
};
`,
  },
  {
    name: 'a long poll whose .catch reschedules it after a wait that grows with a failure count, capped (`Math.min(base * 2 ** failures, max)`)',
    filename: 'src/listen.js',
    code: `module.exports = function (http, onEvent) {
  let failures = 0;
  function listen() {
    http.get('https://example.com/pull')
      .then((res) => { failures = 0; onEvent(res); setTimeout(listen, 50); })
      .catch(() => {
        failures++;
        setTimeout(listen, Math.min(250 * 2 ** failures, 60000));
      });
  }
  listen();
};
`,
  },
  {
    name: 'a poller that reschedules itself from .catch a few seconds later, as after success: a paced schedule',
    filename: 'src/listen.js',
    code: `const POLL_MS = 5000;
module.exports = function (http, onEvent) {
  function poll() {
    http.get('https://example.com/status')
      .then((res) => { onEvent(res); setTimeout(poll, POLL_MS); })
      .catch(() => { setTimeout(poll, POLL_MS + Math.random() * 1000); });
  }
  poll();
};
`,
  },
  {
    name: 'a poller whose .catch gives up after a few failures in a row before rescheduling itself within a moment',
    filename: 'src/listen.js',
    code: `module.exports = function (http, onEvent, onFatal) {
  let failures = 0;
  function listen() {
    http.get('https://example.com/pull')
      .then((res) => { failures = 0; onEvent(res); setTimeout(listen, 100); })
      .catch((err) => {
        failures++;
        if (failures > 3) return onFatal(err);
        setTimeout(listen, 100);
      });
  }
  listen();
};
`,
  },
  {
    name: 'a cloud call retried once its session is renewed: only for `e.code === \'USER_SESSION_INVALID\'`, after an awaited `this.login(true)` that throws when it fails (refresh-and-retry)',
    filename: 'lib/appcloud.js',
    code: `class AppCloud {
  async login(autoReLogin) {
    if (autoReLogin && this.lastLoginErrored) throw new Error('Last login attempt failed');
    return this.cloudApi.loginEx({ email: this.username, password: this.password });
  }
  async getGroupDevices(groupId) {
    try {
      const res = await this.cloudApi.request({ action: 'tuya.m.my.group.device.list', gid: groupId });
      return res;
    } catch (e) {
      if (e.code === 'USER_SESSION_INVALID') {
        await this.login(true);
        return this.getGroupDevices(groupId);
      }
    }
  }
}
module.exports = AppCloud;
`,
  },
  {
    name: 'a verify retried once after a keystore refresh that turns on its `if (keystore.fresh()) throw err` guard (oidc-provider, check 37)',
    filename: 'lib/helpers/jwt.js',
    code: JWT_VERIFY,
    files: JOSE,
  },
  {
    name: 'a request retried from .catch only on a 401, after an awaited token refresh (refresh-and-retry)',
    filename: 'src/api.js',
    code: `class Api {
  get(path) {
    return this.http.get(path).catch(async (err) => {
      if (err.response && err.response.status === 401) {
        await this.refreshToken();
        return this.get(path);
      }
      throw err;
    });
  }
}
module.exports = Api;
`,
  },
  {
    name: 'a query loop whose catch rethrows every error but an expired token (`if (!(e instanceof TokenExpiredError)) throw e`), then renews it',
    filename: 'src/client.js',
    code: `class TokenExpiredError extends Error {}
class Client {
  async query(sql) {
    while (true) {
      try {
        return await this.conn.query(sql);
      } catch (e) {
        if (!(e instanceof TokenExpiredError)) throw e;
        await this.auth.renew();
      }
    }
  }
}
module.exports = { Client, TokenExpiredError };
`,
  },
  {
    name: 'a fetch retried under `case \'SESSION_EXPIRED\'` of a switch on the error code, after an awaited re-authentication',
    filename: 'src/store.js',
    code: `class Store {
  async fetchItem(id) {
    try {
      return await this.remote.fetch(id);
    } catch (err) {
      switch (err.code) {
        case 'SESSION_EXPIRED':
          await this.reauthenticate();
          return this.fetchItem(id);
        default:
          throw err;
      }
    }
  }
}
module.exports = Store;
`,
  },
  {
    name: 'an event read loop (`while (!events.closed) { … await events.receive() … }`) whose catch emits the error: it reads the next event of the stream whose end it tests, no call is redone',
    filename: 'src/compat.ts',
    code: `import { EventEmitter } from 'events';
declare const socket: { events: { closed: boolean; receive(): Promise<{ type: string }> } };
export class Socket extends EventEmitter {
  monitor() {
    const events = socket.events;
    const read = async () => {
      while (!events.closed) {
        try {
          const event = await events.receive();
          this.emit(event.type, event);
        } catch (err) {
          this.emit('error', err);
        }
      }
    };
    void read();
    return this;
  }
}
`,
  },
  {
    name: 'the retried function backs off itself before reconnecting, in a function it calls on the spot (graphql-sse, check 57)',
    filename: 'lib/client.js',
    code: GRAPHQL_SSE('      if (retryingErr) { await retry(retries); retries++; }'),
  },
  {
    name: 'a fallback that calls itself with the next index of a list, each entry tried once (infinispan, check 57)',
    filename: 'lib/io.js',
    code: INFINISPAN_NEGOTIATE('versions[index]'),
  },
  {
    name: 'a cluster failover that picks a node per call and calls itself again only while nodes remain (mysql2, check 54)',
    filename: 'lib/pool_cluster.js',
    code: MYSQL2_CLUSTER('this._cluster._canRetry && this._cluster._findNodeIds(this._pattern).length !== 0'),
  },
  {
    name: 'the same commit loop on a kept error, waiting longer after each failure',
    code: KAFKA_COMMIT('err = e; await sleep(100 * 2 ** tries++);'),
  },
  {
    name: 'a queue drain that takes the next job and calls itself again after the try (ocpp-rpc lib/queue.js, check 43)',
    code: `export class Queue {
  _queue: { fn(): Promise<unknown>; resolve(v: unknown): void; reject(e: unknown): void }[] = [];
  _pending = 0;
  async _next() {
    const job = this._queue.shift();
    if (!job) return false;
    this._pending++;
    try {
      job.resolve(await job.fn());
    } catch (err) {
      job.reject(err);
    }
    this._pending--;
    this._next();
  }
}
`,
  },
  {
    name: 'the same long poll whose catch waits before it polls again',
    code: REDIS_STREAMS_POLL("console.debug('consume failed', e); await sleep(1000);"),
  },
];

const invalid: InvalidCase[] = [
  {
    name: 'a commit loop whose catch keeps the error the condition tests, with no wait (@confluentinc/kafka-javascript, check 57)',
    code: KAFKA_COMMIT('err = e;'),
    errors: [{ messageId: 'noDelay', line: 7, column: 5, severity: 'warn' }],
  },
  {
    name: 'a long poll that calls itself again at once after the try, when the read failed too (socket.io redis-streams-adapter, check 58)',
    code: REDIS_STREAMS_POLL("console.debug('consume failed', e);"),
    errors: [{ messageId: 'spinsOnFailure', line: 15, column: 7, severity: 'warn' }],
  },
  {
    name: 'orientjs withRetry (check 62): a Bluebird `.bind(this)` step is passed through, the message names the retried send',
    filename: 'lib/server/index.js',
    code: ORIENTJS_WITH_RETRY,
    errors: [{ messageId: 'noDelay', data: { loop: 'withRetry', call: 'this.transport.send(…)', delay: '' }, line: 7, column: 9, severity: 'warn' }],
  },
  {
    name: 'the same failover gated only on a retry flag: while every node is down it calls itself again at once, forever',
    filename: 'lib/pool_cluster.js',
    code: MYSQL2_CLUSTER('this._cluster._canRetry'),
    errors: [{ messageId: 'noDelayForever', line: 10, column: 11, severity: 'error' }],
  },
  {
    name: 'the same recursion whose index only counts attempts at one fixed version: the same ping again at once, a hundred times',
    filename: 'lib/io.js',
    code: INFINISPAN_NEGOTIATE('versions.at(-1)'),
    errors: [{ messageId: 'noDelay', line: 12, column: 9, severity: 'warn' }],
  },
  {
    name: 'the same retried function whose backoff only sits in a callback it hands on: nothing waits before the reconnect',
    filename: 'lib/client.js',
    code: GRAPHQL_SSE('      options.onRetry?.(async () => { await retry(retries); retries++; });'),
    errors: [{ messageId: 'noDelay', line: 16, column: 7, severity: 'warn' }],
  },
  {
    name: 'the same loop uploading one fixed target, built inside the try from nothing the iteration took: the same call again at once',
    filename: 'lib/webdav.js',
    code: WEBDAV_COPY("join(dir, 'latest.tar.gz')", "'latest.tar.gz'"),
    errors: [{ messageId: 'spinsOnFailure', line: 4, column: 3, severity: 'warn' }],
  },
  {
    name: 'the same catch measuring from a time it never stamps: every failure after the window retries at once',
    filename: 'index.js',
    code: RECENT_FAILURE('MIN_FF_WAIT', 'this.startedAt'),
    errors: [{ messageId: 'noDelay', line: 8, column: 5, severity: 'warn' }],
  },
  {
    name: 'the same catch with a window of 5 ms: two immediate attempts can be that far apart',
    filename: 'index.js',
    code: RECENT_FAILURE('5', 'this.fastForwardFailedAt'),
    errors: [{ messageId: 'noDelay', line: 8, column: 5, severity: 'warn' }],
  },
  {
    name: 'the same reconnect when the backoff is awaited after the attempt: the .catch calls it again at once, before any wait',
    filename: 'lib/client.js',
    code: OCPP_RECONNECT.replace('        await setTimeout(delay, null, { signal: this._wsAbortController.signal });\n', '').replace('      } catch (err) {\n', '        await setTimeout(delay, null, { signal: this._wsAbortController.signal });\n      } catch (err) {\n'),
    errors: [{ messageId: 'noDelay', line: 13, column: 11, severity: 'warn' }],
  },
  {
    name: "a long poll, one file per method (lib/methods/startPolling.js, bound as this.startPolling), whose catch clears the poll server it refills and calls itself again at once: a hot loop while the network is down (check 33, node-vk-bot-api)",
    filename: 'lib/methods/startPolling.js',
    code: "const axios = require('axios');\nmodule.exports = async function (callback, ts) {\n  try {\n    if (this.isStopped) return;\n    if (!this.longPollParams) {\n      this.longPollParams = await this.getLongPollParams();\n    }\n    const { data: body } = await axios.get(this.longPollParams.server, { params: { ...this.longPollParams, ts, act: 'a_check', wait: 25 } });\n    this.startPolling(callback, body.ts);\n    body.updates.forEach((update) => this.next(update));\n  } catch (err) {\n    if (callback) callback(err);\n    this.longPollParams = null;\n    this.startPolling(callback);\n  }\n};\n",
    errors: [{ messageId: 'spinsOnFailure', data: { loop: 'startPolling', call: 'this.startPolling(…)' }, line: 14, column: 5, severity: 'warn' }],
  },
  {
    name: "the same long poll as a prototype method calling this.poll() again at once from its catch",
    filename: 'lib/poller.js',
    code: "function Poller(api) { this.api = api; }\nPoller.prototype.poll = async function (ts) {\n  try {\n    const body = await this.api.get({ ts, wait: 25 });\n    this.poll(body.ts);\n    this.emit(body.updates);\n  } catch (err) {\n    this.poll();\n  }\n};\nmodule.exports = Poller;\n",
    errors: [{ messageId: 'spinsOnFailure', data: { loop: 'poll', call: 'this.api.get(…)' }, line: 8, column: 5, severity: 'warn' }],
  },
  {
    name: 'the same poll loop whose helper can reject (`Promise.all`): it fails before the sleep, and the loop reruns it at once',
    filename: 'lib/announcer.js',
    code: `class Announcer {
  async _background() {
    while (!this.stopped) {
      try {
        this._refreshing = false;
        for (let i = 0; i < 100 && !this.stopped && !this._refreshing; i++) {
          const pings = [];
          for (const node of this.relays) pings.push(this.dht.ping(node));
          const pongs = await allFastest(pings);
          if (this.stopped) return;
          this.best = pongs.slice(0, 3);
          await this._sleeper.pause(3000);
        }
        if (!this.stopped) await this._update();
      } catch (err) {
        safetyCatch(err);
      }
    }
  }
}
function allFastest(ps) {
  return Promise.all(ps);
}
module.exports = Announcer;
`,
    errors: [{ messageId: 'spinsOnFailure', data: { loop: 'while (!this.stopped)', call: 'allFastest(…)' }, line: 3, column: 5, severity: 'warn' }],
  },
  {
    name: 'a helper that never rejects, but the sleep before the call that can fail is taken only on one branch: `_update()` failing reruns at once',
    filename: 'lib/announcer.js',
    code: `class Announcer {
  async _background() {
    while (!this.stopped) {
      try {
        this._refreshing = false;
        for (let i = 0; i < 100 && !this.stopped && !this._refreshing; i++) {
          const pings = [];
          for (const node of this.relays) pings.push(this.dht.ping(node));
          const pongs = await allFastest(pings);
          if (this.stopped) return;
          this.best = pongs.slice(0, 3);
          if (this.best.length === 0) await this._sleeper.pause(3000);
        }
        if (!this.stopped) await this._update();
      } catch (err) {
        safetyCatch(err);
      }
    }
  }
}
function allFastest(ps) {
  const result = [];
  let ticks = ps.length + 1;
  return new Promise((resolve) => {
    for (const p of ps) p.then(push, tick);
    tick();
    function push(v) { result.push(v); tick(); }
    function tick() { if (--ticks === 0) resolve(result); }
  });
}
module.exports = Announcer;
`,
    errors: [{ messageId: 'spinsOnFailure', line: 3, column: 5, severity: 'warn' }],
  },
  {
    name: 'the same verify when the guard is negated (`if (!keystore.fresh()) throw err`): a refresh does not end the retries',
    filename: 'lib/helpers/jwt.js',
    code: JWT_VERIFY.replace("typeof keystore.fresh !== 'function' || keystore.fresh()", '!keystore.fresh()'),
    files: JOSE,
    errors: [{ messageId: 'noDelayForever', line: 13, column: 5, severity: 'error' }],
  },
  {
    name: 'the same verify when the refresh failure is swallowed: the guard may never turn on',
    filename: 'lib/helpers/jwt.js',
    code: JWT_VERIFY.replace('await keystore.refresh();', 'try { await keystore.refresh(); } catch {}'),
    files: JOSE,
    errors: [{ messageId: 'noDelayForever', line: 13, column: 5, severity: 'error' }],
  },
  {
    name: 'a refresh-and-retry for an expired session beside a retry of every other failure: reported at the ungated call again',
    filename: 'lib/appcloud.js',
    code: `class AppCloud {
  async getScenes() {
    try {
      return await this.cloudApi.request({ action: 'tuya.m.scene.list' });
    } catch (e) {
      if (e.code === 'USER_SESSION_INVALID') {
        await this.login(true);
        return this.getScenes();
      }
      return this.getScenes();
    }
  }
}
module.exports = AppCloud;
`,
    errors: [{ messageId: 'noDelayForever', line: 10, column: 7, severity: 'error' }],
  },
  {
    name: 'a loop that sends the same request until the client closes (`while (!client.closed) { await client.request(…) }`): no read of the next item, the request is redone at once',
    filename: 'src/pinger.ts',
    code: `import { EventEmitter } from 'events';
declare const client: { closed: boolean; request(path: string): Promise<string> };
export class Pinger extends EventEmitter {
  async run() {
    while (!client.closed) {
      try {
        this.emit('pong', await client.request('/ping'));
      } catch (err) {
        this.emit('error', err);
      }
    }
  }
}
`,
    errors: [{ messageId: 'spinsOnFailure', line: 5, column: 5, severity: 'warn' }],
  },
  {
    name: 'a read loop whose condition tests another flag than the end of the stream (`while (!this.stopped) { await events.receive() }`): a read that keeps failing spins',
    filename: 'src/monitor.ts',
    code: `import { EventEmitter } from 'events';
declare const events: { closed: boolean; receive(): Promise<{ type: string }> };
export class Monitor extends EventEmitter {
  stopped = false;
  async run() {
    while (!this.stopped) {
      try {
        const event = await events.receive();
        this.emit(event.type, event);
      } catch (err) {
        this.emit('error', err);
      }
    }
  }
}
`,
    errors: [{ messageId: 'spinsOnFailure', line: 6, column: 5, severity: 'warn' }],
  },
  {
    name: 'a cloud call retried after a re-login on any failure (no test of the error): the peer down still spins it',
    filename: 'lib/appcloud.js',
    code: `class AppCloud {
  async getGroupDevices(groupId) {
    try {
      return await this.cloudApi.request({ action: 'tuya.m.my.group.device.list', gid: groupId });
    } catch (e) {
      await this.login(true);
      return this.getGroupDevices(groupId);
    }
  }
}
module.exports = AppCloud;
`,
    errors: [{ messageId: 'noDelayForever', line: 7, column: 7, severity: 'error' }],
  },
  {
    name: 'a query retried after a reconnect when the error is a network failure (`e.code === \'ECONNRESET\'`): a test true while the peer is down',
    filename: 'src/db.js',
    code: `class Db {
  async query(sql) {
    try {
      return await this.conn.query(sql);
    } catch (e) {
      if (e.code === 'ECONNRESET' || e.code === 'SESSION_EXPIRED') {
        await this.reconnect();
        return this.query(sql);
      }
      throw e;
    }
  }
}
module.exports = Db;
`,
    errors: [{ messageId: 'noDelayForever', line: 8, column: 9, severity: 'error' }],
  },
  {
    name: 'a cloud call retried on an expired session with nothing renewed first: the same request fails the same way, at once, forever',
    filename: 'lib/appcloud.js',
    code: `class AppCloud {
  async getGroupDevices(groupId) {
    try {
      return await this.cloudApi.request({ action: 'tuya.m.my.group.device.list', gid: groupId });
    } catch (e) {
      if (e.code === 'USER_SESSION_INVALID') {
        console.log('session expired');
        return this.getGroupDevices(groupId);
      }
    }
  }
}
module.exports = AppCloud;
`,
    errors: [{ messageId: 'noDelayForever', line: 8, column: 9, severity: 'error' }],
  },
  {
    name: 'a renewal whose failure is swallowed (`await this.login(true).catch(() => {})`) before the retry: a failed login does not end it',
    filename: 'lib/appcloud.js',
    code: `class AppCloud {
  async getGroupDevices(groupId) {
    try {
      return await this.cloudApi.request({ action: 'tuya.m.my.group.device.list', gid: groupId });
    } catch (e) {
      if (e.code === 'USER_SESSION_INVALID') {
        await this.login(true).catch(() => {});
        return this.getGroupDevices(groupId);
      }
    }
  }
}
module.exports = AppCloud;
`,
    errors: [{ messageId: 'noDelayForever', line: 8, column: 9, severity: 'error' }],
  },
  {
    name: 'a query loop whose catch rethrows only an expired token and renews on every other error (`if (e instanceof TokenExpiredError) throw e`)',
    filename: 'src/client.js',
    code: `class TokenExpiredError extends Error {}
class Client {
  async query(sql) {
    while (true) {
      try {
        return await this.conn.query(sql);
      } catch (e) {
        if (e instanceof TokenExpiredError) throw e;
        await this.auth.renew();
      }
    }
  }
}
module.exports = { Client, TokenExpiredError };
`,
    errors: [{ messageId: 'noDelay', line: 4, column: 5, severity: 'warn' }],
  },
  {
    name: 'a reconnect that awaits an imported function of the project which is no wait (it logs): still no wait between attempts',
    filename: 'src/transport-ws.js',
    code: `import { delayOp } from './utils/utils.js';
export class Transport {
  constructor(config) {
    this._config = config;
    this._attempts = 0;
  }
  async _init() {}
  async _attemptOpen() {
    try {
      return await this._init();
    } catch (error) {
      this._attempts++;
      if (this._attempts >= this._config.getMaxRetries() + 1) throw error;
      await delayOp(this._config.getRetryTimeSeconds() * 1000);
      return this._attemptOpen();
    }
  }
}
`,
    files: { 'src/utils/utils.js': 'export const delayOp = ms => {\n  console.log(ms);\n  return Promise.resolve();\n};\n' },
    errors: [{ messageId: 'noDelay', line: 15, column: 7, severity: 'warn' }],
  },
  {
    name: 'a same-file helper whose timer rejects (a deadline, not a wait): still no wait between attempts',
    filename: 'src/transport-ws.js',
    code: `const delayOp = ms => new Promise((resolve, reject) => setTimeout(() => reject(new Error('timeout')), ms));
export class Transport {
  constructor(config) {
    this._config = config;
    this._attempts = 0;
  }
  async _init() {}
  async _attemptOpen() {
    try {
      return await this._init();
    } catch (error) {
      this._attempts++;
      if (this._attempts >= this._config.getMaxRetries() + 1) throw error;
      await delayOp(this._config.getRetryTimeSeconds() * 1000);
      return this._attemptOpen();
    }
  }
}
`,
    errors: [{ messageId: 'noDelay', line: 15, column: 7, severity: 'warn' }],
  },
  {
    name: 'a retry loop that awaits an imported wait helper with the same wait each time and never gives up: a constant wait forever',
    filename: 'lib/client.js',
    code: `const { later } = require('./timing');
exports.connect = async function connect(client) {
  while (true) {
    try {
      return await client.connect();
    } catch (err) {
      await later(5);
    }
  }
};
`,
    files: { 'lib/timing.js': 'exports.later = (seconds) => new Promise((r) => setTimeout(() => r(), seconds * 1000));\n' },
    errors: [{ messageId: 'constantDelay', line: 3, column: 3, severity: 'warn' }],
  },
  {
    name: 'a flash retried after an awaited handler whose answer does not decide the retry: named by the function called again, as the try awaits more than one call',
    filename: 'src/cmd/flash.js',
    code: `const { logFlashError } = require('../lib/tachyon-utils');
class FlashCommand {
  async flashTachyon({ device, files }) {
    try {
      const dir = await temp.mkdir('flash');
      await new QdlFlasher({ files, device, dir }).run();
    } catch (error) {
      const { logged } = await logFlashError({ error, ui: this.ui });
      return this.flashTachyon({ device, files });
    }
  }
}
module.exports = FlashCommand;
`,
    errors: [{ message: noDelayForever('flashTachyon', 'this.flashTachyon(…)'), line: 9, column: 7, severity: 'error' }],
  },
  {
    name: 'a login retried while a count on the object stays under 10: ten attempts at once are reported, named by the function called again (the chain starts from Promise.resolve())',
    filename: 'src/cmd/cloud.js',
    code: `class CloudCommand {
  login({ username } = {}) {
    return Promise.resolve()
      .then(() => api.login(username))
      .catch((error) => {
        this.tries = (this.tries || 0) + 1;
        if (this.tries < 10) {
          return this.login({ username });
        }
        throw error;
      });
  }
}
module.exports = CloudCommand;
`,
    errors: [{ message: noDelay('login', 'this.login(…)'), line: 8, column: 11, severity: 'warn' }],
  },
  {
    name: 'a login whose count starts again in its own statements on every attempt: not a cap on attempts',
    filename: 'src/cmd/cloud.js',
    code: `class CloudCommand {
  login({ username } = {}) {
    this.tries = 0;
    return api.login(username)
      .catch((error) => {
        this.tries = (this.tries || 0) + 1;
        if (this.tries < 3) {
          return this.login({ username });
        }
        throw error;
      });
  }
}
module.exports = CloudCommand;
`,
    errors: [{ messageId: 'noDelay', line: 8, column: 11, severity: 'warn' }],
  },
  {
    name: 'the same download when nothing reads the flag: retried every second, forever',
    filename: 'lib/download.js',
    code: `class Download {
  async request() {
    try {
      const result = await this.client.invoke(this.query);
      this.timedOut = false;
      return result.bytes;
    } catch (e) {
      if (e.errorMessage === 'TIMEOUT') {
        this.timedOut = true;
        await sleep(1000);
        return await this.request();
      }
      throw e;
    }
  }
}
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
module.exports = Download;
`,
    errors: [{ messageId: 'constantDelay', line: 11, column: 9, severity: 'warn' }],
  },
  {
    name: 'the same retry helper exported: its callers elsewhere may pass any count, so ten retries at once stay reported',
    filename: 'lib/ha.js',
    code: `const API_RETRY_COUNT = 2;
async function withRetry(fn, retries, label) {
  for (let i = 0; i <= retries; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i === retries) {
        throw err;
      }
    }
  }
}
async function createHA() {
  return withRetry(() => this.proxmox.getHAStatusInformation(), API_RETRY_COUNT, 'createHA');
}
module.exports = { createHA, withRetry };
`,
    errors: [{ messageId: 'noDelay', line: 3, column: 3, severity: 'warn' }],
  },
  {
    name: 'the same file-private retry helper when one call passes 10: ten retries at once against a failing API',
    filename: 'lib/ha.js',
    code: `async function withRetry(fn, retries, label) {
  for (let i = 0; i <= retries; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i === retries) {
        throw err;
      }
    }
  }
}
async function createHA() {
  return withRetry(() => this.proxmox.getHAStatusInformation(), 2, 'createHA');
}
async function syncAll() {
  return withRetry(() => this.proxmox.getAll(), 10, 'syncAll');
}
module.exports = { createHA, syncAll };
`,
    errors: [{ messageId: 'noDelay', line: 2, column: 3, severity: 'warn' }],
  },
  {
    name: 'the same schema read counting up to a constant 10: ten attempts at once',
    filename: 'lib/get-schema.js',
    code: `export async function getSchema(options, attempt = 0) {
  const MAX_ATTEMPTS = 10;
  if (attempt >= MAX_ATTEMPTS) {
    throw new Error('Failed to get schema');
  }
  return waitForSchema(options).catch(() => getSchema(options, attempt + 1));
}
async function waitForSchema(options) {
  return options.bus.next();
}
`,
    errors: [{ messageId: 'noDelay', line: 6, column: 3, severity: 'warn' }],
  },
  {
    name: 'an entry created again after changing a part of an argument the attempt does not send: the same call again, forever',
    filename: 'lib/create-entries.js',
    code: `async function createEntry({ entry, target, stats }) {
  try {
    return await target.createEntry(entry.transformed);
  } catch (err) {
    stats.lastError = err.message;
    return createEntry({ entry, target, stats });
  }
}
module.exports = { createEntry };
`,
    errors: [{ messageId: 'noDelayForever', line: 6, column: 5, severity: 'error' }],
  },
  {
    name: 'a request sent again under a check of the error alone, with nothing awaited to recover: the same call again, forever',
    filename: 'src/http.ts',
    code: `export class Http {
  constructor(private refresher: { note(attempt: number): void }, private send: (path: string) => Promise<string>) {}
  async authedRequest(attempt: number, path: string): Promise<string> {
    try {
      return await this.send(path);
    } catch (error: any) {
      if (error.errcode === 'M_UNKNOWN_TOKEN') {
        this.refresher.note(attempt);
        return this.authedRequest(attempt + 1, path);
      }
      throw error;
    }
  }
}
`,
    errors: [{ messageId: 'noDelayForever', line: 9, column: 9, severity: 'error' }],
  },
  {
    name: 'the same decryption loop when the flag is cleared only after success: a failure with the flag set spins',
    filename: 'src/event.ts',
    code: `export class Event {
  private retryDecryption = true;
  constructor(private crypto: { decrypt(e: Event): Promise<string> }) {}
  private async decryptionLoop(): Promise<void> {
    while (true) {
      try {
        this.clear = await this.crypto.decrypt(this);
        this.retryDecryption = false;
      } catch (e) {
        if (this.retryDecryption) {
          continue;
        }
        this.failure = String(e);
      }
      this.emitDecrypted();
      return;
    }
  }
  clear?: string;
  failure?: string;
  emitDecrypted(): void {}
}
`,
    errors: [{ messageId: 'spinsOnFailure', line: 5, column: 5 }],
  },
  {
    name: 'the same dyno start when the counter defaults to 10: ten retries at once are a burst against a failing API',
    filename: 'lib/dyno.js',
    code: `class Dyno {
  async start(retries = 10) {
    try {
      this.dyno = await this.api.post('/dynos', { body: this.opts });
    } catch (error) {
      if (retries > 0) {
        return this.start(retries - 1);
      }
      throw error;
    }
  }
}
module.exports = Dyno;
`,
    errors: [{ messageId: 'noDelay', line: 7, column: 9, severity: 'warn' }],
  },
  {
    name: 'a count of tries run down with no wait between them: capped, but retried at once',
    code: `declare function commit(): Promise<void>;
export async function save(maxTries: number) {
  let tries = maxTries;
  while (tries) {
    tries--;
    try {
      await commit();
      break;
    } catch {
      console.warn('retrying');
    }
  }
}
`,
    errors: [{ messageId: 'noDelay', line: 4, column: 3, severity: 'warn' }],
  },
  {
    name: 'recursion that clears a member it never reads before its attempt: the same call again, forever',
    code: `declare function connectDb(url: string): Promise<{ close(): void }>;
export class Store {
  conn: { close(): void } | null = null;
  constructor(private url: string) {}
  async connect(): Promise<void> {
    try {
      this.conn = await connectDb(this.url);
    } catch (err) {
      this.conn = null;
      return this.connect();
    }
  }
}
`,
    errors: [{ messageId: 'noDelayForever', line: 10, column: 7, severity: 'error' }],
  },
  {
    name: 'a queue whose failed job is put back at once: the same job is retried with no wait',
    code: `declare function run(job: { id: string }): Promise<void>;
export async function sendFirst(queue: { id: string }[]) {
  while (queue.length) {
    const job = queue.shift()!;
    try {
      await run(job);
      return;
    } catch (err) {
      queue.unshift(job);
    }
  }
}
`,
    errors: [{ messageId: 'noDelayForever', line: 3, column: 3, severity: 'error' }],
    output: null,
  },
  {
    name: 'canonical counted retry with a last-attempt rethrow: exact --fix',
    code: `${DECLS}export async function load(id: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await fetchOrder(id);
    } catch (err) {
      if (attempt === 5 - 1) throw err;
    }
  }
  throw new Error('unreachable');
}
`,
    errors: [{ message: noDelay('for (let attempt = 0; attempt < 5; attempt++)', 'fetchOrder(…)'), line: 4, column: 3, endLine: 4, endColumn: 6, severity: 'warn' }],
    unsafeOutput: `import { retry } from './stability-runtime';

${DECLS}export async function load(id: string): Promise<string> {
  return await retry(() => fetchOrder(id), { attempts: 5, baseMs: 100, maxMs: 10000 });
  throw new Error('unreachable');
}
`,
    createdFiles: ['src/stability-runtime.ts'],
  },
  {
    name: 'canonical 1-based loop with a named limit and an AbortSignal in scope',
    code: `const MAX_ATTEMPTS = 4;
export async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  for (let i = 1; i <= MAX_ATTEMPTS; i++) {
    try {
      return await fetch(url, { signal }).then((r) => r.json());
    } catch (e) {
      if (i >= MAX_ATTEMPTS) {
        throw e;
      }
    }
  }
  return undefined;
}
`,
    errors: [{ messageId: 'noDelay', line: 3, column: 3, severity: 'warn' }],
    unsafeOutput: `import { retry } from './stability-runtime';

const MAX_ATTEMPTS = 4;
export async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  return await retry(() => fetch(url, { signal }).then((r) => r.json()), { attempts: MAX_ATTEMPTS, baseMs: 100, maxMs: 10000, signal: signal });
  return undefined;
}
`,
  },
  {
    name: 'while (true) with no delay: error, suggestion only (the catch logs)',
    code: `${DECLS}export async function load(id: string) {
  while (true) {
    try {
      return await fetchOrder(id);
    } catch (err) {
      console.warn('retrying', err);
    }
  }
}
`,
    errors: [{
      message: noDelayForever('while (true)', 'fetchOrder(…)'), line: 4, column: 3, endLine: 4, endColumn: 8, severity: 'error',
      suggestions: [{
        title: title(5),
        output: `import { retry } from './stability-runtime';

${DECLS}export async function load(id: string) {
  return await retry(() => fetchOrder(id), { attempts: 5, baseMs: 100, maxMs: 10000 });
}
`,
      }],
    }],
    output: null,
  },
  {
    name: 'constant delay and no cap: assignment and break, suggestion keeps the assignment',
    code: `${DECLS}export async function load(id: string) {
  let result: string;
  while (true) {
    try {
      result = await fetchOrder(id);
      break;
    } catch {
      await sleep(1000);
    }
  }
  return result;
}
`,
    errors: [{
      message: constantDelay('while (true)', 'fetchOrder(…)', '1000'), line: 5, column: 3, severity: 'warn',
      suggestions: [{
        title: title(5),
        output: `import { retry } from './stability-runtime';

${DECLS}export async function load(id: string) {
  let result: string;
  result = await retry(() => fetchOrder(id), { attempts: 5, baseMs: 100, maxMs: 10000 });
  return result;
}
`,
      }],
    }],
  },
  {
    name: 'the catch awaits a method whose wait is the same every time, and nothing caps the attempts',
    code: `declare function sleep(ms: number): Promise<void>;
declare function getUpdates(offset: number): Promise<unknown[]>;
export class Poller {
  async fetchUpdates(offset: number) {
    while (true) {
      try {
        return await getUpdates(offset);
      } catch (error) {
        await this.logFailure(error);
      }
    }
  }
  async logFailure(error: unknown) {
    console.error(error);
    await sleep(3000);
  }
}
`,
    errors: [{ messageId: 'constantDelay', data: { loop: 'while (true)', call: 'getUpdates(…)', delay: '3000' }, line: 5, column: 5, severity: 'warn' }],
  },
  {
    name: 'flag loop: the attempt sets the flag the loop waits on; constant named delay',
    code: `const RETRY_DELAY_MS = 2000;
export class Mailbox {
  connected = false;
  constructor(private readonly imap: { connect(): Promise<void> }) {}
  async open() {
    while (!this.connected) {
      try {
        await this.imap.connect();
        this.connected = true;
      } catch (err) {
        console.error('IMAP connect failed', err);
        await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
      }
    }
  }
}
`,
    errors: [{ messageId: 'constantDelay', data: { loop: 'while (!this.connected)', call: 'this.imap.connect()', delay: 'RETRY_DELAY_MS' }, line: 6, column: 5, severity: 'warn' }],
  },
  {
    name: 'counted loop with no delay and a logging catch: suggestion with the loop count',
    code: `${DECLS}export async function load(id: string) {
  for (let i = 0; i < 10; i++) {
    try {
      const order = await fetchOrder(id);
      return order.trim();
    } catch (err) {
      console.warn('attempt', i, 'failed', err);
    }
  }
  return '';
}
`,
    errors: [{
      messageId: 'noDelay', line: 4, column: 3, severity: 'warn',
      suggestions: [{
        title: title(10),
        output: `import { retry } from './stability-runtime';

${DECLS}export async function load(id: string) {
  return await retry(async () => {
    const order = await fetchOrder(id);
    return order.trim();
  }, { attempts: 10, baseMs: 100, maxMs: 10000 });
  return '';
}
`,
      }],
    }],
  },
  {
    name: 'do … while with a counter condition and no delay',
    code: `${DECLS}export async function load(id: string) {
  let tries = 0;
  do {
    try {
      return await fetchOrder(id);
    } catch (err) {
      console.error(err);
    }
  } while (++tries < 3);
  return undefined;
}
`,
    errors: [{ messageId: 'noDelay', data: { loop: 'do … while (++tries < 3)', call: 'fetchOrder(…)', delay: '' }, line: 5, column: 3, endColumn: 5, severity: 'warn' }],
  },
  {
    name: 'for (;;) in JavaScript with an empty catch (CommonJS shim import)',
    filename: 'src/client.js',
    code: `const { send } = require('./transport');
async function deliver(msg) {
  for (;;) {
    try {
      return await send(msg);
    } catch {}
  }
}
module.exports = { deliver };
`,
    errors: [{
      messageId: 'noDelayForever', data: { loop: 'for (;;)', call: 'send(…)', delay: '' }, line: 3, column: 3, severity: 'error',
      suggestions: [{
        title: title(5),
        output: `const { send } = require('./transport');
const { retry } = require('../stability-runtime.cjs');
async function deliver(msg) {
  return await retry(() => send(msg), { attempts: 5, baseMs: 100, maxMs: 10000 });
}
module.exports = { deliver };
`,
      }],
    }],
  },
  {
    name: 'options change the attempts, base and cap the suggestion writes',
    options: { attempts: 8, baseMs: 250, maxMs: 30000 },
    code: `${DECLS}export async function load(id: string) {
  while (true) {
    try {
      return await fetchOrder(id);
    } catch {
      continue;
    }
  }
}
`,
    errors: [{
      messageId: 'noDelayForever', line: 4, column: 3, severity: 'warn',
      suggestions: [{
        title: title(8),
        output: `import { retry } from './stability-runtime';

${DECLS}export async function load(id: string) {
  return await retry(() => fetchOrder(id), { attempts: 8, baseMs: 250, maxMs: 30000 });
}
`,
      }],
    }],
  },
  {
    name: 'a local function called retry: the shim\'s retry is imported under another name',
    code: `${DECLS}function retry() { return 0; }
export async function load(id: string) {
  while (true) {
    try {
      return await fetchOrder(id);
    } catch {
      await sleep(250);
    }
  }
}
export const unused = retry;
`,
    errors: [{
      messageId: 'constantDelay', line: 5, column: 3, severity: 'warn',
      suggestions: [{
        title: title(5),
        output: `import { retry as runtimeRetry } from './stability-runtime';

${DECLS}function retry() { return 0; }
export async function load(id: string) {
  return await runtimeRetry(() => fetchOrder(id), { attempts: 5, baseMs: 100, maxMs: 10000 });
}
export const unused = retry;
`,
      }],
    }],
  },
  {
    name: 'recursion from the catch after a constant wait, forever: reported at the call that re-enters',
    code: `import axios, { AxiosRequestConfig } from 'axios';
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function requestWithRetry<T>(options: AxiosRequestConfig): Promise<T> {
  try {
    const response = await axios.request<{ payload: T }>({ timeout: 20_000, ...options });
    return response.data.payload;
  } catch (e) {
    console.error(e);
    await delay(5000);
    return requestWithRetry<T>(options);
  }
}
`,
    typecheck: false,
    errors: [{ message: constantDelay('requestWithRetry', 'axios.request(…)', '5000'), line: 10, column: 5, severity: 'warn' }],
  },
  {
    name: 'a promise chain rescheduling itself from .catch with setTimeout, forever',
    filename: 'src/tunnel.js',
    code: `const axios = require('axios');
function init(uri, cb) {
  (function getUrl() {
    axios.get(uri).then((res) => cb(null, res.data)).catch(() => {
      return setTimeout(getUrl, 1000);
    });
  })();
}
module.exports = { init };
`,
    errors: [{ messageId: 'constantDelay', data: { loop: 'getUrl', call: 'axios.get(…)', delay: '1000' }, line: 5, column: 7, severity: 'warn' }],
  },
  {
    name: 'a connect retried from .catch every second forever, first run by a one-time setTimeout kick-off',
    filename: 'lib/browser.js',
    code: `const CDP = require('chrome-remote-interface');
function connectToBrowser(port) {
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error('no browser')), 20000);
    const connect = () => {
      CDP.Version({ port }).then(() => {
        clearTimeout(deadline);
        resolve();
      }).catch(() => {
        return setTimeout(connect, 1000);
      });
    };
    setTimeout(connect, 500);
  });
}
module.exports = { connectToBrowser };
`,
    errors: [{ messageId: 'constantDelay', data: { loop: 'connect', call: 'CDP.Version(…)', delay: '1000' }, line: 10, column: 9, severity: 'warn' }],
  },
  {
    name: 'a retry on a conflict and on a network error alike is a retry against a peer that may be down',
    code: `declare function transfer(from: string, to: string): Promise<void>;
export async function transferWithRetry(from: string, to: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await transfer(from, to);
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if ((code !== '40001' && code !== 'ECONNRESET') || attempt >= 5) throw err;
    }
  }
}
`,
    errors: [{ messageId: 'noDelay', data: { loop: 'for (let attempt = 1; ; attempt++)', call: 'transfer(…)', delay: '' }, line: 3, column: 3, endColumn: 6, severity: 'warn' }],
  },
  {
    name: 'a constant naming a network error beside the conflict one: a retry against a peer that may be down',
    filename: 'lib/queue.js',
    code: `const SERIALIZATION_FAILURE = '40001';
const CONNECTION_RESET = 'ECONNRESET';
async function upsert(attempt) {
  for (let attempts = 1;; attempts++) {
    try {
      return await attempt();
    } catch (err) {
      if ((err.code !== SERIALIZATION_FAILURE && err.code !== CONNECTION_RESET) || attempts === 3) throw err;
    }
  }
}
module.exports = { upsert };
`,
    errors: [{ messageId: 'noDelay', data: { loop: 'for (let attempts = 1;; attempts++)', call: 'attempt()', delay: '' }, line: 4, column: 3, endColumn: 6, severity: 'warn' }],
  },
  {
    name: 'a taken name retried with the same name (no random draw): it fails the same way forever, still reported',
    filename: 'lib/mysql.js',
    code: "class MysqlSetup {\n  randomUsername() {\n    return `ghost-${process.env.INSTANCE}`;\n  }\n  async createUser8(host) {\n    const username = this.randomUsername();\n    await this.query(`CREATE USER '${username}'@'${host}' IDENTIFIED BY RANDOM PASSWORD`);\n    return { username };\n  }\n  async createUser(ctx, host) {\n    try {\n      ctx.user = await this.createUser8(host);\n    } catch (error) {\n      if (error.err && error.err.errno === 1396) {\n        this.log('user exists, retrying with a new username');\n        return this.createUser(ctx, host);\n      }\n      throw error;\n    }\n  }\n}\nmodule.exports = { MysqlSetup };\n",
    errors: [{ messageId: 'noDelayForever', data: { loop: 'createUser', call: 'this.createUser8(…)', delay: '' }, line: 16, column: 9, severity: 'error' }],
  },
  {
    name: 'a conflict retried at once and forever is still reported',
    filename: 'src/storage.js',
    code: `class Storage {
  commitTransaction(session) {
    const commit = () => {
      return session.commitTransaction().catch((error) => {
        if (error.hasErrorLabel('TransientTransactionError')) return commit();
        throw error;
      });
    };
    return commit();
  }
}
module.exports = { Storage };
`,
    errors: [{ messageId: 'noDelayForever', data: { loop: 'commit', call: 'commitTransaction()', delay: '' }, line: 5, column: 9, severity: 'error' }],
  },
  {
    name: 'a method retrying itself at once and forever',
    code: `export class Client {
  constructor(private socket: { connect(): Promise<void> }) {}
  async connect(): Promise<void> {
    try {
      await this.socket.connect();
    } catch {
      await this.connect();
    }
  }
}
`,
    errors: [{ message: noDelayForever('connect', 'this.socket.connect()'), line: 7, column: 7, severity: 'error' }],
  },
  {
    name: 'a worker loop around a blocking read whose catch only logs: it spins while Redis is down',
    code: `declare const redis: { brpop(key: string, s: number): Promise<[string, string] | null> };
let stopping = false;
export const halt = () => { stopping = true; };
export async function work(handle: (job: string) => Promise<void>) {
  while (!stopping) {
    try {
      const job = await redis.brpop('jobs', 5);
      if (job) await handle(job[1]);
    } catch (err) {
      console.error(err);
    }
  }
}
`,
    errors: [{
      message: 'When `redis.brpop(…)` fails, this loop runs it again at once: wait before retrying.\n' +
        '\`while (!stopping)\` works on success, but while the call keeps failing (the peer is down, the connection closed) nothing on the failure path waits, ' +
        'so it spins through failures as fast as they come: a core at 100%, a flooded log, and with an await that rejects at once, an event loop that never gets to anything else. ' +
        'Wait in the \`catch\`, longer after each consecutive failure (\`await sleep(Math.min(30_000, 100 * 2 ** failures))\`), and reset the count on success.',
      line: 5, column: 3, severity: 'warn',
    }],
  },
  {
    name: 'worker loop: the return inside the try is a conditional stop, not success, so no retry loop; but a failing next() spins',
    code: `export async function work(queue: { next(): Promise<string | null> }, handle: (job: string) => Promise<void>) {
  while (true) {
    try {
      const job = await queue.next();
      if (job === null) return;
      await handle(job);
    } catch (err) {
      console.error(err);
    }
  }
}
`,
    errors: [{ messageId: 'spinsOnFailure', line: 2, column: 3, severity: 'warn' }],
  },
  {
    name: 'a poll loop whose wait sits inside the try, after the call: a failure skips it',
    code: `declare function poll(): Promise<unknown[]>;
declare function sleep(ms: number): Promise<void>;
export async function run(onEvents: (e: unknown[]) => void) {
  for (;;) {
    try {
      onEvents(await poll());
      await sleep(5000);
    } catch (err) {
      console.error(err);
    }
  }
}
`,
    errors: [{ messageId: 'spinsOnFailure', line: 4, column: 3 }],
  },
  {
    name: 'a poller that schedules itself again at once after a catch that only logs (moleculer-channels)',
    code: `declare const client: { xreadgroup(...args: unknown[]): Promise<unknown> };
export function subscribe(chan: { stopping: boolean; read?: () => Promise<void> }, handle: (m: unknown) => void) {
  chan.read = async () => {
    if (chan.stopping) return;
    try {
      handle(await client.xreadgroup('GROUP', 'g', 'c', 'BLOCK', 5000, 'STREAMS', 's', '>'));
    } catch (err) {
      console.error(err);
    }
    setTimeout(() => chan.read!(), 0);
  };
  chan.read();
}
`,
    errors: [{ messageId: 'spinsOnFailure', data: { loop: 'chan.read', call: 'client.xreadgroup(…)' }, line: 10, column: 5, severity: 'warn' }],
  },
  {
    name: "a generic retry helper whose only call is the caller's function: still retried at once, forever",
    code: `export async function retryForever<T>(fn: () => Promise<T>): Promise<T> {
  while (true) {
    try {
      return await fn();
    } catch (err) {
      console.warn('retrying', err);
    }
  }
}
`,
    errors: [{ messageId: 'noDelayForever', line: 2, column: 3, severity: 'error' }],
  },
  {
    name: 'a publisher whose catch gives up after ten attempts by default (`props.maxAttempts || 10`): ten at once, still reported',
    filename: 'lib/publisher.js',
    code: `export function createPublisher(channel, props = {}) {
  const maxAttempts = props.maxAttempts || 10;
  return async function send(envelope, body) {
    let attempts = 0;
    while (true)
      try {
        return await channel.publish(envelope, body);
      } catch (err) {
        if (++attempts >= maxAttempts) throw err;
      }
  };
}
`,
    errors: [{ messageId: 'noDelay', line: 5, column: 5, severity: 'warn' }],
  },
  {
    name: 'a count the catch starts again on some failures (`attempts = 0`): no fixed number of attempts, still reported',
    code: `${DECLS}export async function load(id: string) {
  let attempts = 0;
  while (true) {
    try {
      return await fetchOrder(id);
    } catch (err) {
      if ((err as { code?: string }).code === 'ECONNRESET') attempts = 0;
      if (++attempts >= 2) throw err;
    }
  }
}
`,
    errors: [{ messageId: 'noDelay', line: 5, column: 3, severity: 'warn' }],
  },
  {
    name: 'a long poll that reschedules itself from .catch within a moment, forever: jitter only (facebook-chat-api listen)',
    filename: 'src/listen.js',
    code: `module.exports = function (defaultFuncs, ctx, globalCallback) {
  let currentlyRunning = null;
  function listen() {
    defaultFuncs.get('https://0-edge-chat.facebook.com/pull', ctx.jar)
      .then((res) => {
        globalCallback(null, res);
        if (currentlyRunning) currentlyRunning = setTimeout(listen, Math.random() * 200 + 50);
      })
      .catch((err) => {
        if (err.code !== 'ETIMEDOUT') globalCallback(err);
        if (currentlyRunning) {
          currentlyRunning = setTimeout(listen, Math.random() * 200 + 50);
        }
      });
  }
  return function (callback) {
    globalCallback = callback;
    if (!currentlyRunning) currentlyRunning = setTimeout(listen, Math.random() * 200 + 50);
  };
};
`,
    errors: [{ messageId: 'pollsSoonOnFailure', data: { loop: 'listen', call: 'defaultFuncs.get(…)', delay: '250' }, line: 12, column: 11, severity: 'warn' }],
  },
  {
    name: 'a poller whose catch reschedules it a constant moment later (`const RETRY_MS = 100`), as after success',
    code: `declare const api: { pull(): Promise<unknown[]> };
const RETRY_MS = 100;
export async function pull(onEvents: (e: unknown[]) => void): Promise<void> {
  try {
    onEvents(await api.pull());
    setTimeout(pull, 0, onEvents);
  } catch (err) {
    console.error(err);
    setTimeout(pull, RETRY_MS, onEvents);
  }
}
`,
    errors: [{ messageId: 'pollsSoonOnFailure', data: { loop: 'pull', call: 'api.pull()', delay: '100' }, line: 9, column: 5, severity: 'warn' }],
  },
  {
    name: 'a poller that schedules itself again a moment later (jitter only) after a catch that only logs',
    code: `declare const client: { xreadgroup(...args: unknown[]): Promise<unknown> };
export function subscribe(chan: { stopping: boolean; read?: () => Promise<void> }, handle: (m: unknown) => void) {
  chan.read = async () => {
    if (chan.stopping) return;
    try {
      handle(await client.xreadgroup('GROUP', 'g', 'c', 'BLOCK', 5000, 'STREAMS', 's', '>'));
    } catch (err) {
      console.error(err);
    }
    setTimeout(() => chan.read!(), 100 + Math.floor(Math.random() * 100));
  };
  chan.read();
}
`,
    errors: [{ messageId: 'pollsSoonOnFailure', data: { loop: 'chan.read', call: 'client.xreadgroup(…)', delay: '200' }, line: 10, column: 5, severity: 'warn' }],
  },
];

runRuleTests(rule, { valid, invalid });

it('retry-without-backoff: every message opens with one sentence under 100 characters, at the longest data', () => {
  const longest = { call: 'x'.repeat(24) + '(…)', delay: 'x'.repeat(14), loop: 'x'.repeat(60) };
  for (const [id, template] of Object.entries(rule.meta.messages)) {
    const first = template.split('\n')[0].replace(/\{\{(\w+)\}\}/g, (_, k: string) => longest[k as keyof typeof longest]);
    assert.ok(first.length < 100, `${id}: ${first.length} characters: ${first}`);
    assert.ok(template.includes('\n'), `${id}: no why after the first line`);
  }
});

// A catch that calls a helper which never returns leaves the loop as surely as `throw err`:
// @temporalio/client's long-poll loops (`this.rethrowGrpcError(err, '…')` declared `): never`, check 30).
describe('retry-without-backoff: a catch that leaves through a helper that never returns', () => {
  runRuleTests(rule, {
    valid: [
      {
        name: 'a long poll whose catch calls a method declared `): never`: a failure leaves, only an empty answer polls again',
        code: `declare const service: { poll(req: object): Promise<{ outcome?: string }> };
export class Client {
  async pollOutcome(req: object): Promise<string> {
    for (;;) {
      try {
        const response = await service.poll(req);
        if (response.outcome) {
          return response.outcome;
        }
      } catch (err) {
        this.rethrowGrpcError(err, 'Poll failed');
      }
    }
  }
  protected rethrowGrpcError(err: unknown, fallbackMessage: string): never {
    if (err instanceof Error && err.name === 'NotFound') throw new Error('not found');
    throw new Error(fallbackMessage);
  }
}
`,
      },
      {
        name: 'a retry loop whose catch calls a function of the file that throws on every path (compiled JavaScript, no `never`)',
        filename: 'lib/client.js',
        code: `function rethrowUpdateError(err, message) {
  if (err && err.code === 4) {
    throw new Error('timed out');
  }
  throw new Error(message);
}
async function connect(client) {
  while (true) {
    try {
      await client.connect();
      break;
    } catch (err) {
      console.error('connect failed', err);
      rethrowUpdateError(err, 'connect failed');
    }
  }
}
module.exports = { connect };
`,
      },
      {
        name: 'a method of a base class in the file, declared `never`, called from the catch',
        code: `declare const api: { fetch(): Promise<string> };
class Base {
  protected fail(err: unknown): never { throw err; }
}
export class Child extends Base {
  async load(): Promise<string> {
    while (true) {
      try {
        return await api.fetch();
      } catch (err) {
        this.fail(err);
      }
    }
  }
}
`,
      },
    ],
    invalid: [
      {
        name: 'a catch that calls a helper which returns on some path still retries at once',
        filename: 'lib/client.js',
        code: `function report(err) {
  if (err && err.fatal) {
    throw err;
  }
  console.error(err);
}
async function connect(client) {
  while (true) {
    try {
      await client.connect();
      break;
    } catch (err) {
      report(err);
    }
  }
}
module.exports = { connect };
`,
        errors: [{ messageId: 'noDelayForever', data: { loop: 'while (true)', call: 'client.connect()', delay: '' }, line: 8, column: 3, severity: 'error' }],
      },
      {
        name: 'a catch that calls an async helper that throws, without awaiting it: the call only rejects a promise, the loop goes round',
        filename: 'lib/client.js',
        code: `async function fail(err) {
  throw err;
}
async function connect(client) {
  while (true) {
    try {
      await client.connect();
      break;
    } catch (err) {
      fail(err);
    }
  }
}
module.exports = { connect };
`,
        errors: [{ messageId: 'noDelayForever', data: { loop: 'while (true)', call: 'client.connect()', delay: '' }, line: 5, column: 3, severity: 'error' }],
      },
    ],
  });
});

// A loop whose condition is a deadline gives up when the clock runs out: serverless-offline's
// readiness probe `while (!signal.aborted)` with `signal = AbortSignal.timeout(5000)` (check 31).
describe('retry-without-backoff: a loop that runs until a deadline is capped', () => {
  runRuleTests(rule, {
    valid: [
      {
        name: 'a readiness probe polling every 100 ms until a signal `AbortSignal.timeout(…)` aborts',
        filename: 'src/wait-for-container.js',
        code: `import { setTimeout } from 'node:timers/promises';
const READINESS_TIMEOUT = 5000;
const RETRY_INTERVAL = 100;
export default async function waitForContainer(url) {
  const signal = AbortSignal.timeout(READINESS_TIMEOUT);
  while (!signal.aborted) {
    try {
      await fetch(url, { redirect: 'manual', signal });
      return;
    } catch {
      if (!signal.aborted) {
        await setTimeout(RETRY_INTERVAL);
      }
    }
  }
  throw new Error('not ready');
}
`,
      },
      {
        name: "a probe until a controller a timer aborts, or the caller's signal, whichever first (`AbortSignal.any`)",
        filename: 'src/probe.js',
        code: `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export async function waitUp(client, outer) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), 10000);
  const signal = AbortSignal.any([outer, ctrl.signal]);
  while (!ctrl.signal.aborted) {
    try {
      await client.ping({ signal });
      clearTimeout(timer);
      return;
    } catch {
      await sleep(250);
    }
  }
}
`,
      },
      {
        name: 'a poll until a flag only a timer sets (`setTimeout(() => { timedOut = true }, ms)`)',
        filename: 'src/poll.js',
        code: `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export async function waitReady(client) {
  let timedOut = false;
  setTimeout(() => { timedOut = true; }, 30000);
  while (!timedOut) {
    try {
      return await client.status();
    } catch {
      await sleep(500);
    }
  }
  throw new Error('timed out');
}
`,
      },
    ],
    invalid: [
      {
        name: 'the same probe until a signal the caller hands in: a stop, not a deadline, so it retries every 100 ms forever',
        filename: 'src/wait-for-container.js',
        code: `import { setTimeout } from 'node:timers/promises';
export default async function waitForContainer(url, signal) {
  while (!signal.aborted) {
    try {
      await fetch(url, { signal });
      return;
    } catch {
      await setTimeout(100);
    }
  }
}
`,
        errors: [{ messageId: 'constantDelay', data: { loop: 'while (!signal.aborted)', call: 'fetch(…)', delay: '100' }, line: 3, column: 3, severity: 'warn' }],
      },
      {
        name: "a flag a timer sets but the attempt sets too is the loop's own done-flag: still forever",
        filename: 'src/poll.js',
        code: `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export async function waitReady(client) {
  let done = false;
  setTimeout(() => { done = true; }, 30000);
  while (!done) {
    try {
      await client.status();
      done = true;
    } catch {
      await sleep(500);
    }
  }
}
`,
        errors: [{ messageId: 'constantDelay', data: { loop: 'while (!done)', call: 'client.status()', delay: '500' }, line: 5, column: 3, severity: 'warn' }],
      },
    ],
  });
});

// A function that calls itself again with arguments for which its retry guard is false retries
// once: homebridge-govee's `getDevices(isSync = true)` retries under `if (!isSync && …)` and calls
// `this.getDevices()`, which takes the default `true` (check 30).
describe('retry-without-backoff: a call again whose arguments turn the retry guard off retries once', () => {
  runRuleTests(rule, {
    valid: [
      {
        name: 'a retry under `if (!isSync && …)` calling itself with no argument, whose default is `isSync = true`',
        filename: 'lib/connection/http.js',
        code: `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const RETRY_CODES = ['ECONNRESET', 'ETIMEDOUT'];
export default class HttpClient {
  async getDevices(isSync = true) {
    try {
      const res = await this.request('/devices');
      return res.devices || [];
    } catch (err) {
      if (!isSync && err.code && RETRY_CODES.includes(err.code)) {
        await sleep(30000);
        return this.getDevices();
      }
      throw err;
    }
  }
  async request(path) { return { devices: [path] }; }
}
`,
      },
      {
        name: 'a retry behind a leaving `if (!allowRetry) throw err`, calling itself without the flag (undefined): one retry',
        filename: 'lib/client.js',
        code: `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function load(client, allowRetry) {
  try {
    return await client.fetch();
  } catch (err) {
    if (!allowRetry) throw err;
    await sleep(5000);
    return load(client);
  }
}
module.exports = { load };
`,
      },
    ],
    invalid: [
      {
        name: 'the same retry whose default is `isSync = false`: the call again keeps the guard open, retried every 30 s forever',
        filename: 'lib/connection/http.js',
        code: `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const RETRY_CODES = ['ECONNRESET', 'ETIMEDOUT'];
export default class HttpClient {
  async getDevices(isSync = false) {
    try {
      const res = await this.request('/devices');
      return res.devices || [];
    } catch (err) {
      if (!isSync && err.code && RETRY_CODES.includes(err.code)) {
        await sleep(30000);
        return this.getDevices();
      }
      throw err;
    }
  }
  async request(path) { return { devices: [path] }; }
}
`,
        errors: [{ messageId: 'constantDelay', data: { loop: 'getDevices', call: 'this.request(…)', delay: '30000' }, line: 11, column: 9, severity: 'warn' }],
      },
    ],
  });
});

describe('retry-without-backoff: a poll loop whose catch clears its flag on some failures stops on them', () => {
  const poll = (onError: string) => `export class LongPollingTransport {
  private _running = false;
  constructor(private http: { get(url: string): Promise<{ statusCode: number; content?: string }> }, private log: (m: string) => void) {}
  async connect(url: string) {
    this._running = true;
    await this._poll(url);
  }
  private async _poll(url: string): Promise<void> {
    while (this._running) {
      try {
        const response = await this.http.get(url + '&_=' + Date.now());
        if (response.statusCode === 204) this._running = false;
        else if (response.content) this.log(response.content);
      } catch (e) {
${onError}
      }
    }
  }
}
`;
  runRuleTests(rule, {
    valid: [
      {
        name: 'a long-poll loop whose catch reissues the poll only after a timeout and otherwise clears `_running` (@microsoft/signalr\'s LongPollingTransport, check 35)',
        filename: 'src/LongPollingTransport.ts',
        code: poll(`        if (!this._running) {
          this.log('Poll errored after shutdown');
        } else if (e instanceof Error && e.name === 'TimeoutError') {
          this.log('Poll timed out, reissuing.');
        } else {
          this._running = false;
        }`),
      },
    ],
    invalid: [
      {
        name: 'the same loop whose catch only logs: every failure reissues the poll at once',
        filename: 'src/LongPollingTransport.ts',
        code: poll(`        this.log('Poll failed, reissuing: ' + String(e));`),
        errors: [{ messageId: 'spinsOnFailure', data: { loop: 'while (this._running)', call: 'this.http.get(…)' }, line: 9, column: 5, severity: 'warn' }],
      },
    ],
  });
});

// tdl's login loops ask the caller for a new phone number, code or password before each attempt,
// and go round again only on the error that says the value was wrong: a person paces them (check 43).
describe('retry-without-backoff: a loop that asks for new input and retries only when the input is rejected', () => {
  const login = (onError: string) => `class Client {
  async login(loginDetails) {
    let retry = false;
    while (true) {
      const phoneNumber = await loginDetails.getPhoneNumber(retry);
      try {
        await this.invoke({ _: 'setAuthenticationPhoneNumber', phone_number: phoneNumber });
        return;
      } catch (e) {
${onError}
      }
    }
  }
}
module.exports = { Client };
`;
  runRuleTests(rule, {
    valid: [
      {
        name: 'a login loop that re-asks for the phone number on PHONE_NUMBER_INVALID and rethrows the rest (tdl, check 43)',
        filename: 'lib/client.js',
        code: login(`        if (e?.message === 'PHONE_NUMBER_INVALID') retry = true;
        else throw e;`),
      },
      {
        name: 'the same loop written with a negated test: `if (code !== INVALID) throw e` (tdl, check 43)',
        filename: 'lib/client.js',
        code: login(`        if (e?.message !== 'PHONE_CODE_EMPTY' && e?.message !== 'PHONE_CODE_INVALID') throw e;
        retry = true;`),
      },
    ],
    invalid: [
      {
        name: 'the same loop retrying every failure: a network error asks again and resends at once, forever',
        filename: 'lib/client.js',
        code: login(`        retry = true;`),
        errors: [{ messageId: 'noDelayForever', data: { loop: 'while (true)', call: 'this.invoke(…)', delay: '' }, line: 4, column: 5, severity: 'error' }],
      },
      {
        name: 'the same loop retrying only on a connection error: the peer being down is what it retries',
        filename: 'lib/client.js',
        code: login(`        if (e?.code === 'ECONNRESET') retry = true;
        else throw e;`),
        errors: [{ messageId: 'noDelay', data: { loop: 'while (true)', call: 'this.invoke(…)', delay: '' }, line: 4, column: 5, severity: 'warn' }],
      },
      {
        name: 'a rejected-input test whose other errors fall through too: they are retried at once',
        filename: 'lib/client.js',
        code: login(`        if (e?.message === 'PHONE_NUMBER_INVALID') retry = true;
        console.error(e);`),
        errors: [{ messageId: 'noDelayForever', data: { loop: 'while (true)', call: 'this.invoke(…)', delay: '' }, line: 4, column: 5, severity: 'error' }],
      },
    ],
  });
});

// node-xmpp-client's BOSH request retries a failed POST from its error-first callback by calling
// the method again through `var that = this`, at once, five times (check 43). The rule reads only
// files with a `catch` somewhere (its prefilter), as this one has.
describe('retry-without-backoff: a method that calls itself again from the `if (err)` branch of an error-first callback', () => {
  const bosh = (onError: string) => `var request = require('request')
function BOSHConnection() {}
BOSHConnection.prototype.maxHTTPRetries = 5
BOSHConnection.prototype.request = function (attrs, children, cb, retry) {
  var that = this
  retry = retry || 0
  request({ uri: this.boshURL, method: 'POST', body: String(attrs), timeout: 10000 },
    function (err, res, body) {
      if (err) {
${onError}
      }
      var bodyEl
      try { bodyEl = JSON.parse(body) } catch (e) { return cb(e) }
      cb(null, bodyEl)
    })
}
module.exports = BOSHConnection
`;
  runRuleTests(rule, {
    valid: [
      {
        name: 'the failed POST retried after a wait that doubles with each attempt',
        filename: 'lib/bosh.js',
        code: bosh(`        if (retry < that.maxHTTPRetries) {
          return setTimeout(() => that.request(attrs, children, cb, retry + 1), 100 * 2 ** retry)
        }
        return cb(err)`),
      },
      {
        name: 'the error branch calls the module-level `request`, another function than the method of that name',
        filename: 'lib/bosh.js',
        code: bosh(`        return request({ uri: that.fallbackURL, timeout: 10000 }, cb)`),
      },
      {
        name: 'a search that calls itself from `if (error)` with the next directory taken from the list (rosnodejs findPackageInDirectoryChain)',
        filename: 'lib/packages.js',
        code: `function findPackageInDirectoryChain(directories, packageName, callback) {
  if (directories.length < 1) {
    callback(new Error('ENOTFOUND - Package ' + packageName + ' not found'));
  } else {
    findPackageInDirectory(directories.shift(), packageName, function (error, directory) {
      if (error) {
        if (error.name === 'PackageNotFoundError') {
          return findPackageInDirectoryChain(directories, packageName, callback);
        } else {
          callback(error);
        }
      } else {
        callback(null, directory);
      }
    });
  }
}
function findPackageInDirectory(directory, packageName, callback) {
  try { callback(null, require.resolve(directory + '/' + packageName)); } catch (e) { callback(e); }
}
module.exports = { findPackageInDirectoryChain };
`,
      },
    ],
    invalid: [
      {
        name: 'a failed BOSH POST retried at once, five times (node-xmpp-client lib/bosh.js, check 43)',
        filename: 'lib/bosh.js',
        code: bosh(`        if (retry < that.maxHTTPRetries) {
          return that.request(attrs, children, cb, retry + 1)
        } else {
          return cb(err)
        }`),
        errors: [{ messageId: 'noDelay', data: { loop: 'request', call: 'request(…)', delay: '' }, line: 11, column: 11, severity: 'warn' }],
      },
      {
        name: 'a failed POST retried at once with no count: forever',
        filename: 'lib/bosh.js',
        code: bosh(`        return that.request(attrs, children, cb, retry)`),
        errors: [{ messageId: 'noDelayForever', data: { loop: 'request', call: 'request(…)', delay: '' }, line: 10, column: 9, severity: 'error' }],
      },
    ],
  });
});

// zulip-js ships Babel's regenerator output: `while (true) { try { … await register() … } catch (e) { log(e) } }`
// became a state machine whose catch case (16) jumps back (`_context.next = 1`) into the try (check 43).
describe('retry-without-backoff: a retry loop compiled to a regenerator state machine', () => {
  const compiled = (catchCase: string) => `var _regenerator = require("@babel/runtime/regenerator");
function registerQueue(z, params) {
  return _regenerator["default"].wrap(function _callee$(_context) {
    while (1) switch (_context.prev = _context.next) {
      case 0:
      case 1:
        if (!true) {
          _context.next = 21;
          break;
        }
        _context.prev = 2;
        _context.next = 6;
        return z.queues.register(params);
      case 6:
        return _context.abrupt("return", _context.sent);
      case 16:
        _context.prev = 16;
        _context.t0 = _context["catch"](2);
        console.log(_context.t0);
${catchCase}
      case 21:
      case "end":
        return _context.stop();
    }
  }, null, null, [[2, 16]]);
}
module.exports = { registerQueue };
`;
  runRuleTests(rule, {
    valid: [
      {
        name: 'the catch case awaits a wait before it jumps back into the try',
        filename: 'lib/events_wrapper.js',
        code: compiled(`        _context.next = 19;
        return sleep(1000 * Math.random());
      case 19:
        _context.next = 1;
        break;`),
      },
      {
        name: 'the catch case stops on a flag: the walk stops at a real branch and reports nothing (the uncompiled loop would be a capped noDelay)',
        filename: 'lib/events_wrapper.js',
        code: compiled(`        if (params.stopOnError) {
          _context.next = 21;
          break;
        }
        _context.next = 1;
        break;`),
      },
    ],
    invalid: [
      {
        name: 'the catch case logs and jumps straight back into the try (zulip-js lib/events_wrapper.js registerQueue, check 43)',
        filename: 'lib/events_wrapper.js',
        code: compiled(`      case 19:
        _context.next = 1;
        break;`),
        errors: [{ messageId: 'noDelayForever', data: { loop: 'while (1)', call: 'z.queues.register(…)', delay: '' }, line: 4, column: 5, severity: 'error' }],
      },
    ],
  });
});

describe('retry-without-backoff: a backoff wait a const holds, raced with a close', () => {
  runRuleTests(rule, {
    valid: [
      {
        name: "a catch that awaits Promise.race([de, nc.closed()]) of a const delay(bo.backoff(attempt)) waits between attempts (@nats-io/jetstream, check 45)",
        filename: 'lib/consumer.js',
        code: "const { delay, backoff } = require('@nats-io/nats-core/internal');\nclass Watcher {\n  async monitor() {\n    const bo = backoff([30000]);\n    let attempt = 0;\n    while (true) {\n      if (this.done) return false;\n      try {\n        await this.consumer.info();\n        return true;\n      } catch (err) {\n        attempt++;\n        const de = delay(bo.backoff(attempt));\n        await Promise.race([de, this.nc.closed()]);\n        de.cancel();\n      }\n    }\n  }\n}\nmodule.exports = Watcher;\n",
      },
    ],
    invalid: [
      {
        name: 'the same race with no wait in it: the catch goes straight back to the attempt',
        filename: 'lib/consumer.js',
        code: "const { delay, backoff } = require('@nats-io/nats-core/internal');\nclass Watcher {\n  async monitor() {\n    const bo = backoff([30000]);\n    let attempt = 0;\n    while (true) {\n      if (this.done) return false;\n      try {\n        await this.consumer.info();\n        return true;\n      } catch (err) {\n        attempt++;\n        await Promise.race([this.nc.closed(), this.nc.flush()]);\n      }\n    }\n  }\n}\nmodule.exports = Watcher;\n",
        errors: [{ messageId: 'noDelay', line: 6, column: 5, severity: 'warn' }],
      },
    ],
  });
});

const AWAIT_AT_MOST = `export const awaitAtMost = <T>(
  promise: Promise<T>,
  timeout: number
): Promise<unknown> => {
  let timeoutId: NodeJS.Timeout | null = null;
  const racePromise = Promise.race<Promise<unknown>>([
    promise,
    new Promise<void>(
      resolve =>
        (timeoutId = setTimeout(() => {
          timeoutId = null;
          resolve();
        }, timeout))
    ),
  ]);
  racePromise
    .finally(() => {
      if (timeoutId) clearTimeout(timeoutId);
    })
    .catch(() => {});
  return racePromise;
};
`;
const retrier = (delay: string, cap: string) => `import {awaitAtMost, pDefer} from "./util";
export class EventRetrier {
  public async retryPromise<T>(makePromise: () => Promise<T>): Promise<T> {
    let retryAttempts = 0;
    do {
      try {
        return await makePromise();
      } catch (e) {
${cap}        this.options.onError(e as Error);
        const retryInterval = ${delay};
        retryAttempts += 1;
        await awaitAtMost(this.cancelWait.promise, retryInterval);
      }
    } while (true);
  }
}
`;
const GROWING = 'Math.min(this.options.maxDelay, Math.max(this.options.minDelay, this.options.backoff ** retryAttempts * this.options.delay))';
const CAP = '        if (retryAttempts >= this.options.attempts) {\n          throw e;\n        }\n';

describe('retry-without-backoff: a project helper racing a timer against another promise, waiting its second argument', () => {
  runRuleTests(rule, {
    valid: [
      {
        name: 'a catch that awaits awaitAtMost(cancel, backoff ** attempts * delay) from ./util, a Promise.race with a resolving timer, and gives up on a count (@fluent-org/logger, check 45)',
        filename: 'src/event_retrier.ts',
        code: retrier(GROWING, CAP),
        files: { 'src/util.ts': AWAIT_AT_MOST },
      },
      {
        name: 'the same helper in the same file, a constant wait with a cap: waits, capped',
        filename: 'src/event_retrier.ts',
        code: retrier('this.options.delay', CAP).replace('import {awaitAtMost, pDefer} from "./util";\n', AWAIT_AT_MOST),
      },
    ],
    invalid: [
      {
        name: 'the helper races a timer that rejects (a deadline on the other promise, not a wait): still no wait between attempts',
        filename: 'src/event_retrier.ts',
        code: retrier(GROWING, CAP),
        files: { 'src/util.ts': AWAIT_AT_MOST.replace('resolve =>', '(resolve, reject) =>').replace('resolve();', "reject(new Error('timeout'));") },
        errors: [{ messageId: 'noDelay', line: 5, column: 5, severity: 'warn' }],
      },
      {
        name: 'the helper waits a constant interval and the catch never gives up: a constant wait forever, named by the argument the helper waits',
        filename: 'src/event_retrier.ts',
        code: retrier('5000', ''),
        files: { 'src/util.ts': AWAIT_AT_MOST },
        errors: [{ messageId: 'constantDelay', data: { loop: 'do … while (true)', call: 'makePromise()', delay: 'retryInterval' }, line: 5, column: 5, severity: 'warn' }],
      },
    ],
  });
});

const firehose = (from: string) => `import { wait } from '@atproto/common'
import { Subscription } from '${from}'
export class Firehose {
  private sub: Subscription<unknown>
  constructor(public opts: { service: string; subscriptionReconnectDelay?: number; onError: (e: unknown) => void }) {
    this.sub = new Subscription({ service: opts.service, method: 'com.atproto.sync.subscribeRepos', validate: (v: unknown) => v })
  }
  async start() {
    try {
      for await (const evt of this.sub) {
        await this.processEvt(evt)
      }
    } catch (err) {
      this.opts.onError(err)
      await wait(this.opts.subscriptionReconnectDelay ?? 3000)
      return this.start()
    }
  }
  private async processEvt(evt: unknown) {
    try {
      await this.handle(evt)
    } catch (err) {
      this.opts.onError(err)
    }
  }
  private async handle(evt: unknown) {}
}
`;

describe('retry-without-backoff: a restart around a stream that reconnects with backoff itself', () => {
  runRuleTests(rule, {
    valid: [
      {
        name: "a firehose that re-subscribes after a fixed delay when iterating @atproto/xrpc-server's Subscription (its WebSocketKeepAlive backs off) fails (@atproto/sync, check 47)",
        filename: 'src/firehose/index.ts',
        code: firehose('@atproto/xrpc-server'),
      },
    ],
    invalid: [
      {
        name: "the same restart around the project's own Subscription, which is not known to back off: a constant wait forever",
        filename: 'src/firehose/index.ts',
        code: firehose('../subscription'),
        files: { 'src/subscription.ts': 'export class Subscription<T> {\n  constructor(public opts: unknown) {}\n  async *[Symbol.asyncIterator](): AsyncGenerator<T> {}\n}\n' },
        errors: [{ messageId: 'constantDelay', line: 16, column: 7, severity: 'warn' }],
      },
    ],
  });
});

describe('retry-without-backoff: a failover that points the client at each base URL of a list once', () => {
  const REST = (pick: string) => `const axios = require('axios');
class RestService {
  constructor(baseURLs) { this.baseURLs = baseURLs; this.client = axios.create({ timeout: 10000 }); }
  setBaseURL(url) { this.client.defaults.baseURL = url; }
  async handleRequest(url, method, data) {
    for (let i = 0; i < this.baseURLs.length; i++) {
      try {
        this.setBaseURL(${pick});
        return await this.client.request({ url, method, data });
      } catch (error) {
        if (i === this.baseURLs.length - 1) throw error;
      }
    }
  }
}
module.exports = { RestService };
`;
  runRuleTests(rule, {
    valid: [
      {
        name: 'each iteration sets the next base URL, then requests (confluentinc schemaregistry rest-service, check 63)',
        filename: 'lib/rest-service.js',
        code: REST('this.baseURLs[i]'),
      },
    ],
    invalid: [
      {
        name: 'the same loop setting the first base URL every time: the same call again, still reported',
        filename: 'lib/rest-service.js',
        code: REST('this.baseURLs[0]'),
        errors: [{ messageId: 'noDelay', line: 6, column: 5, severity: 'warn' }],
      },
    ],
  });
});
