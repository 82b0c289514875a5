import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../rules/unbounded-concurrency';
import { runRuleTests } from '../rule-tester';

const HARM = 'A large input starts that many requests, queries or file operations at the same moment: the upstream or pool is swamped, calls time out, and the process can run out of memory or file descriptors (EMFILE).';
const UNHANDLED = ', and a rejection goes unhandled (by default Node 15 and later then exit)';
const fanOut = (combinator: string, what: string, array: string, limit = 8) =>
  `\`${combinator}\` starts a task per element of \`${array}\` at once: use a limiter.\n` +
  `It starts ${what} for every element, with no bound on how many run together. ${HARM} ` +
  `Run them through a limiter: \`const limit = limiter(${limit}); await ${combinator}(xs.map((x) => limit(() => …)))\`.`;
const mappedFanOut = (array: string, what: string, consumer: string) =>
  `\`map\` starts a task per element of \`${array}\` at once: use a limiter.\n` +
  `It starts ${what} for every element before handing the promises to \`${consumer}\`, with no bound on how many run together. ${HARM} ` +
  'Start each through a limiter: `const limit = limiter(8)`, then `xs.map((x) => limit(() => …))`.';
const forEachAsync = (array: string, unhandled = true) =>
  '`forEach` does not wait for its async callback: loop with `for … of` and `await` instead.\n' +
  `The callback starts for every element of \`${array}\` at once and nothing waits for it to finish${unhandled ? UNHANDLED : ''}. ` +
  'Loop with `for (const x of xs) { await … }` to run them one at a time, or use a limiter with `Promise.all` to run a bounded number at once and wait for all of them.';
const startedInLoop = (call: string, unhandled = true) =>
  `\`${call}\` starts on every iteration, unawaited: await it or use a limiter.\n` +
  `Its promises all run at once, as many as the loop has iterations${unhandled ? UNHANDLED : ''}. ${HARM} Await it in the loop, or start each through a limiter ` +
  '(`const limit = limiter(8)`, then `limit(() => …)`) and await them together.';
const unhandledReply = (call: string) =>
  `\`${call}\` replies on the connection with no rejection handler: add \`.catch(…)\`.\n` +
  'It writes the reply to one received frame on the object\'s own connection, in order, so it opens nothing per frame; ' +
  'but it rejects once the connection is gone, and nothing handles that rejection (by default Node 15 and later then exit). Handle it as the other replies do.';
const collectedInLoop = (call: string, into: string) =>
  `\`${call}\` starts on every iteration, all at once: use a limiter.\n` +
  `Its promises are collected in \`${into}\` and run together, as many as the loop has iterations. ${HARM} ` +
  `Start each through a limiter: \`const limit = limiter(8)\`, then \`${into}.push(limit(() => …))\`.`;

/**
 * Another file of the project that calls the function under test with a request's data
 * (`api.notifyAll(req.body.users)`): the fan-out's list then comes from outside the program.
 */
const calledFromRoute = (ext: string, ...calls: string[]): Record<string, string> => {
  const body = calls.map((c) => `api.${c}`).join(', ');
  if (ext === 'js' || ext === 'cjs') return { [`src/route.${ext}`]: `module.exports = (req, api) => [${body}];\n` };
  if (ext === 'mjs') return { 'src/route.mjs': `export default (req, api) => [${body}];\n` };
  return { 'src/route.ts': `export const route = (req: any, api: any) => [${body}];\n` };
};

const SHIM = { runtime: { import: '@acme/runtime' } };

// A page store that queues every read for one worker (wiki-server's page.js), its direct twin, a
// search module handed the store, a pool renewing its own connections, a plugin reading its
// manifest, and an archive extracted entry by entry (zapier's decompress.js).
const PAGE_QUEUED = "const fs = require('fs');\nmodule.exports = (argv) => {\n  const queue = [];\n  let working = false;\n  const itself = {};\n  const fileio = (action, file, cb) => fs.readFile(argv.db + '/' + file, 'utf8', (e, text) => cb(e, text && JSON.parse(text)));\n  const serial = (item) => {\n    if (!item) { working = false; return; }\n    working = true;\n    fileio(item.action, item.file, (e, page) => {\n      process.nextTick(() => serial(queue.shift()));\n      item.cb(e, page);\n    });\n  };\n  itself.get = (file, cb) => {\n    queue.push({ action: 'get', file, cb });\n    if (!working) serial(queue.shift());\n  };\n  itself.pages = (cb) => {\n    fs.readdir(argv.db, (e, files) => {\n      if (e) return cb(e);\n      Promise.all(files.map((file) => new Promise((resolve) => {\n        itself.get(file, (err, page) => resolve(err ? null : { slug: file, title: page.title }));\n      }))).then((all) => cb(null, all), cb);\n    });\n  };\n  return itself;\n};\n";
const PAGE_BURST = "const fs = require('fs');\nmodule.exports = (argv) => {\n  const queue = [];\n  let working = false;\n  const itself = {};\n  const fileio = (action, file, cb) => fs.readFile(argv.db + '/' + file, 'utf8', (e, text) => cb(e, text && JSON.parse(text)));\n  const serial = (item) => {\n    working = true;\n    for (let next = item; next; next = queue.shift()) fileio(next.action, next.file, next.cb);\n    working = false;\n  };\n  itself.get = (file, cb) => {\n    queue.push({ action: 'get', file, cb });\n    if (!working) serial(queue.shift());\n  };\n  itself.pages = (cb) => {\n    fs.readdir(argv.db, (e, files) => {\n      if (e) return cb(e);\n      Promise.all(files.map((file) => new Promise((resolve) => {\n        itself.get(file, (err, page) => resolve(err ? null : { slug: file, title: page.title }));\n      }))).then((all) => cb(null, all), cb);\n    });\n  };\n  return itself;\n};\n";
const PAGE_DIRECT = "const fs = require('fs');\nmodule.exports = (argv) => {\n  const queue = [];\n  let working = false;\n  const itself = {};\n  const fileio = (action, file, cb) => fs.readFile(argv.db + '/' + file, 'utf8', (e, text) => cb(e, text && JSON.parse(text)));\n  const serial = (item) => {\n    if (!item) { working = false; return; }\n    working = true;\n    fileio(item.action, item.file, (e, page) => {\n      process.nextTick(() => serial(queue.shift()));\n      item.cb(e, page);\n    });\n  };\n  itself.get = (file, cb) => fileio('get', file, cb);\n  itself.pages = (cb) => {\n    fs.readdir(argv.db, (e, files) => {\n      if (e) return cb(e);\n      Promise.all(files.map((file) => new Promise((resolve) => {\n        itself.get(file, (err, page) => resolve(err ? null : { slug: file, title: page.title }));\n      }))).then((all) => cb(null, all), cb);\n    });\n  };\n  return itself;\n};\n";
const SEARCH = "module.exports = (argv) => {\n  const itself = {};\n  itself.createIndex = (pagehandler) => {\n    pagehandler.slugs((e, slugs) => {\n      if (e) return;\n      const indexed = slugs.map((slug) => new Promise((resolve) => {\n        pagehandler.get(slug, (err, page) => resolve(err ? '' : page.title));\n      }));\n      Promise.all(indexed).then((titles) => { itself.titles = titles; });\n    });\n  };\n  return itself;\n};\n";
const POOL = "function Pool(options) {\n  this.options = options;\n  this._numConnections = 0;\n  this._pool = [];\n}\nPool.prototype.createConnection = function() {\n  var self = this;\n  self._numConnections++;\n  return connect(self.options).then(function(c) { self._pool.push(c); return c; }, function(e) { self._numConnections--; throw e; });\n};\nPool.prototype.expand = function() {\n  if (this._numConnections < this.options.max) this.createConnection();\n};\nPool.prototype.drainLocalhost = function() {\n  var self = this;\n  for (var i = 0, numConnections = self._numConnections; i < numConnections; i++) {\n    self.createConnection().finally(function() { self._replaced++; });\n  }\n};\nfunction connect(options) {\n  return new Promise(function(resolve, reject) { require('net').connect(options.port, options.host).once('connect', resolve).once('error', reject); });\n}\nmodule.exports = Pool;\n";
const POOL_UNCAPPED = "function Pool(options) {\n  this.options = options;\n  this._numConnections = 0;\n  this._pool = [];\n}\nPool.prototype.createConnection = function() {\n  var self = this;\n  self._numConnections++;\n  return connect(self.options).then(function(c) { self._pool.push(c); return c; }, function(e) { self._numConnections--; throw e; });\n};\nPool.prototype.expand = function() {\n  this.createConnection();\n};\nPool.prototype.drainLocalhost = function() {\n  var self = this;\n  for (var i = 0, numConnections = self._numConnections; i < numConnections; i++) {\n    self.createConnection().finally(function() { self._replaced++; });\n  }\n};\nfunction connect(options) {\n  return new Promise(function(resolve, reject) { require('net').connect(options.port, options.host).once('connect', resolve).once('error', reject); });\n}\nmodule.exports = Pool;\n";
const PLUGIN_MANIFEST = "const fsSync = require('fs');\nconst fs = fsSync.promises;\nconst path = require('path');\nclass Plugin {\n  constructor(dir) {\n    this.dir = dir;\n    this.manifest = JSON.parse(fsSync.readFileSync(path.join(dir, 'widget-plugin.json'), { encoding: 'utf8' }));\n  }\n  compile() {\n    const templates = this.manifest.templates || {};\n    return Promise.all(Object.keys(templates).map((name) => fs.readFile(path.join(this.dir, templates[name]), 'utf8').then((text) => `<script id=\"${name}\">${text}</script>`)));\n  }\n}\nmodule.exports = Plugin;\n";
const PLUGIN_LOCK = "const fsSync = require('fs');\nconst fs = fsSync.promises;\nconst path = require('path');\nclass Plugin {\n  constructor(dir) {\n    this.dir = dir;\n    this.manifest = JSON.parse(fsSync.readFileSync(path.join(dir, 'package-lock.json'), { encoding: 'utf8' }));\n  }\n  compile() {\n    const templates = this.manifest.templates || {};\n    return Promise.all(Object.keys(templates).map((name) => fs.readFile(path.join(this.dir, templates[name]), 'utf8').then((text) => `<script id=\"${name}\">${text}</script>`)));\n  }\n}\nmodule.exports = Plugin;\n";
const UNZIP = "const fsP = require('node:fs/promises');\nconst path = require('node:path');\nconst decompressUnzip = require('decompress-unzip');\nconst extractItem = async (item, out) => {\n  const dest = path.join(out, item.path);\n  await fsP.mkdir(path.dirname(dest), { recursive: true });\n  await fsP.writeFile(dest, item.data, { mode: item.mode });\n};\nconst decompress = async (input, output) => {\n  const buf = await fsP.readFile(input);\n  const items = await decompressUnzip()(buf);\n  return await Promise.all(items.map(async (x) => {\n    return await extractItem(x, output);\n  }));\n};\nmodule.exports = decompress;\n";
const UNZIP_OTHER = "const fsP = require('node:fs/promises');\nconst path = require('node:path');\nconst decompressUnzip = require('decompress-unzip');\nconst extractItem = async (item, out) => {\n  const dest = path.join(out, item.path);\n  await fsP.mkdir(path.dirname(dest), { recursive: true });\n  await fsP.writeFile(dest, item.data, { mode: item.mode });\n};\nconst decompress = async (input, output) => {\n  const buf = await fsP.readFile(input);\n  const items = await makeParser()(buf);\n  return await Promise.all(items.map(async (x) => {\n    return await extractItem(x, output);\n  }));\n};\nmodule.exports = decompress;\n";
// A want list that sends each peer a message through its network (helia-bitswap's want-list.ts), and
// network classes whose `sendMessage` enqueues on a queue made with a concurrency option, or not.
const WANT_LIST = "import type { Network } from './network';\nexport class WantList {\n  private readonly network: Network;\n  constructor(network: Network) {\n    this.network = network;\n  }\n  async broadcast(store: { list(): Promise<string[]> }) {\n    const peers = await store.list();\n    await Promise.all(peers.map(async (peer) => {\n      try {\n        await this.network.sendMessage(peer, 'want');\n      } catch (err) {\n        console.error(err);\n      }\n    }));\n  }\n}\n";
const queuedNetwork = (options: string) => "import { PeerQueue } from '@libp2p/utils';\nexport class Network {\n  private readonly outbox: PeerQueue;\n  constructor(init: { messageSendConcurrency?: number }) {\n    this.outbox = new PeerQueue(" + options + ");\n  }\n  async sendMessage(peer: string, message: string): Promise<void> {\n    const existingJob = this.outbox.queue.find((job) => job.options.peer === peer && job.status === 'queued');\n    if (existingJob != null) {\n      existingJob.options.message += message;\n      await existingJob.join();\n      return;\n    }\n    await this.outbox.add(async () => {\n      const res = await fetch(`http://${peer}/wants`, { method: 'POST', body: message });\n      await res.text();\n    }, { peer, message });\n  }\n}\n";
const NETWORK_DIRECT = "export class Network {\n  async sendMessage(peer: string, message: string): Promise<void> {\n    const res = await fetch(`http://${peer}/wants`, { method: 'POST', body: message });\n    await res.text();\n  }\n}\n";
// A peer exchange that picks peers through a selector cutting its list to a count
// (chainsafe-libp2p-gossipsub's getRandomGossipPeers), given a configured count or not.
const peerExchange = (cut: string, count: string) => "export class PeerExchange {\n  constructor(private readonly opts: { prunePeers: number; trim: boolean }) {}\n  private pick(all: string[], count: number): Set<string> {\n    let peers: string[] = [];\n    all.forEach((id) => {\n      if (id !== '') peers.push(id);\n    });\n    " + cut + " {\n      peers = peers.slice(0, count);\n    }\n    return new Set(peers);\n  }\n  async exchange(store: { list(): Promise<string[]> }) {\n    const all = await store.list();\n    const peers = this.pick(all, " + count + ");\n    return Promise.all(Array.from(peers).map(async (p) => (await fetch(`http://${p}/record`)).json()));\n  }\n}\n";
const peerExchangeLimited = (cut: string, count: string) => "import { limiter } from './stability-runtime';\n\n" + peerExchange(cut, count)
  .replace('    return Promise.all(Array.from(peers).map(async (p) => (await fetch(`http://${p}/record`)).json()));', '    const limit = limiter(8);\n    return Promise.all(Array.from(peers).map((p) => limit(async () => (await fetch(`http://${p}/record`)).json())));');
const RUNTIME_STUB = {
  'node_modules/@acme/runtime/package.json': '{ "name": "@acme/runtime", "types": "index.d.ts" }',
  'node_modules/@acme/runtime/index.d.ts': 'export declare function limiter(n: number): <T>(fn: () => T | PromiseLike<T>) => Promise<T>;\n',
};
const USERS = 'interface User { id: string; email: string }\ndeclare function sendEmail(u: User): Promise<void>;\n';
const SEND_EMAIL_DECL = 'async function sendEmail(u: { email: string }): Promise<void> {\n  await fetch(`https://mail.internal/send?to=${u.email}`, { signal: AbortSignal.timeout(5000) });\n}\n';

const FRAME_PARSER = (reply: string, loopHead = 'for (let i = 0; i < view.byteLength; ) {') => `import { Socket } from 'node:net';
export abstract class BaseClient {
  abstract send(bytes: Uint8Array): Promise<void>;
  private rejectConnect(err: Error): void {
    console.error(err);
  }
  protected parseFrames(view: DataView): void {
    ${loopHead}
      const type = view.getUint8(i);
      i += 1;
      const size = view.getUint32(i);
      i += 4;
      switch (type) {
        case 1: {
          const ok = new Uint8Array([10, 11]);
          ${reply}
          break;
        }
        default:
          i += size;
      }
      i += 1;
    }
  }
  attach(socket: Socket) {
    socket.on('data', (buf: Buffer) => this.parseFrames(new DataView(buf.buffer)));
  }
}
`;

const TILE_SERVER = (route: string) => `import fs from 'node:fs';
import express from 'express';
async function addSource(id, item) {
  try {
    await fetch(\`https://tiles.internal/\${id}/\${item.url}\`, { signal: AbortSignal.timeout(5000) });
    return true;
  } catch (err) {
    console.error(err);
    return false;
  }
}
export async function start(opts) {
  const app = express();
  const config = JSON.parse(fs.readFileSync(opts.configPath, 'utf8'));
  const loading = [];
  loading.push(Promise.resolve().then(() => {
    const pending = [];
    for (const id of Object.keys(config.data)) {
      pending.push(addSource(id, config.data[id]));
    }
    return Promise.all(pending);
  }));
  fs.readdir(opts.stylesDir, (err, files) => {
    if (err) return;
    for (const file of files) {
      addSource(file, { url: file });
    }
  });
${route}
  app.listen(opts.port);
  return Promise.all(loading);
}
`;

const DEVICE_REGISTRY = (lookup: string) => `class Station {
  constructor(api) {
    this.api = api;
    this.devices = {};
    this.devicesLoaded = api.listDevices().then((list) => { for (const d of list) this.devices[d.sn] = d; });
  }
  async getDevice(sn) {
${lookup}
  }
  async onQueryLatest(api, day) {
    const rows = await api.queryEvents(day);
    for (const row of rows) {
      this.getDevice(row.device_sn)
        .then((device) => {
          device.cover = row.crop_path;
        })
        .catch((err) => console.error('update failed', err));
    }
  }
}
module.exports = Station;
`;

const ADAPTER_PACKAGE = { 'package.json': '{ "name": "iobroker.airbot", "main": "main.js", "dependencies": { "@iobroker/adapter-core": "^3.1.0" } }\n' };
/** An ioBroker adapter that writes what a device reports into its host's database, one start per element. */
const AIRBOT_ADAPTER = (extra: string) => `const utils = require('@iobroker/adapter-core');
class Airbot extends utils.Adapter {
  onReady() {
    this.vacbot.on('ThreeModuleStatus', (modules) => {
      for (const m of modules) {
        this.createObjectNotExists('info.modules.' + m.type, m.name).then(() => {
          this.setStateConditional('info.modules.' + m.type, m.state === 1 ? 'active' : 'idle');
        });
      }
    });
    this.push.on('message', (message) => {
      for (const entry of JSON.parse(message.data)) {
        this.handleUpdate(entry);
      }
    });
  }
  async createObjectNotExists(id, name) {
    await this.setObjectNotExistsAsync(id, { type: 'state', common: { name }, native: {} });
  }
  setStateConditional(id, value) {
    this.setState(id, value, true);
  }
  async handleUpdate(update) {
    if (await this.objectExists(update.id)) {
      await this.setStateAsync(update.id, update.value, true);
    }${extra}
  }
}
module.exports = (options) => new Airbot(options);
`;
const REDIS_SWEEP = (call: string) => "const Redis = require('ioredis');\nconst redis = new Redis();\nasync function drop(k) {\n  await redis.del(k);\n}\nexports.sweep = async function () {\n  const keys = await redis.keys('session:*');\n  for (const k of keys) {\n    " + call + ";\n  }\n};\n";

/** helia's pubsub routing: a loop starts `#fetchFromPeer` per subscription; `before` runs ahead of the queue. */
const PUBSUB_FETCH = (before: string) => "import { Queue } from '@libp2p/utils';\n" +
  "export class PubSubRouting {\n" +
  "  private readonly fetchQueue: Queue<Uint8Array | undefined>;\n" +
  "  constructor(private readonly libp2p: any, private readonly store: any) {\n" +
  "    this.fetchQueue = new Queue<Uint8Array | undefined>({ concurrency: 8 });\n" +
  "    this.libp2p.services.pubsub.addEventListener('subscription-change', (evt: any) => {\n" +
  "      const { peerId, subscriptions } = evt.detail;\n" +
  "      for (const sub of subscriptions) {\n" +
  "        this.#fetchFromPeer(sub.topic, peerId)\n" +
  "          .catch((err) => { console.error(err); });\n" +
  "      }\n" +
  "    });\n" +
  "  }\n" +
  "  async #fetchFromPeer(topic: string, peerId: string): Promise<void> {\n" +
  before +
  "    const rec = await this.fetchQueue.add(async () => {\n" +
  "      return await this.libp2p.services.fetch.fetch(peerId, topic);\n" +
  "    });\n" +
  "    await this.store.put(topic, rec);\n" +
  "  }\n" +
  "}\n";

/** libp2p's reservation store: `method` clears the tag of every relay peer the store holds. */
const RESERVATION_STORE = (heritage: string, method: string) => "import type { PeerStore, Startable } from '@libp2p/interface';\n" +
  `export class ReservationStore${heritage} {\n` +
  "  constructor(private readonly peerStore: PeerStore) {}\n" +
  `  ${method}(): void {\n` +
  "    void Promise.resolve().then(async () => {\n" +
  "      const relayPeers = await this.peerStore.all({ filters: [(peer) => peer.tags.has('keep-alive')] });\n" +
  "      await Promise.all(relayPeers.map(async (peer) => {\n" +
  "        await this.peerStore.merge(peer.id, { tags: { 'keep-alive': undefined } });\n" +
  "      }));\n" +
  "    });\n" +
  "  }\n" +
  "}\n";

/** What the limiter fix makes of `RESERVATION_STORE`. */
const RESERVATION_STORE_LIMITED = (heritage: string, method: string) => RESERVATION_STORE(heritage, method)
  .replace("'@libp2p/interface';\n", "'@libp2p/interface';\nimport { limiter } from '../stability-runtime';\n")
  .replace('      await Promise.all(relayPeers.map(async (peer) => {\n', '      const limit = limiter(8);\n      await Promise.all(relayPeers.map((peer) => limit(async () => {\n')
  .replace('      }));\n', '      })));\n');

/** tarn's acquire loop: `canAcquire` is what `_canAcquire()` requires; each iteration validates one resource. */
const TARN_POOL = (canAcquire: string) => "'use strict';\n" +
  "const { PendingOperation } = require('./PendingOperation');\n" +
  "class Pool {\n" +
  "  constructor(opt) {\n" +
  "    this.free = [];\n" +
  "    this.used = [];\n" +
  "    this.pendingAcquires = [];\n" +
  "    this.validate = opt.validate;\n" +
  "  }\n" +
  "  _doAcquire() {\n" +
  "    while (this._canAcquire()) {\n" +
  "      const pendingAcquire = this.pendingAcquires.shift();\n" +
  "      const free = this.free.pop();\n" +
  "      this.used.push(free);\n" +
  "      const abortAbleValidation = new PendingOperation(30000);\n" +
  "      abortAbleValidation.promise\n" +
  "        .catch((err) => false)\n" +
  "        .then((ok) => { if (ok) pendingAcquire.resolve(free.resource); });\n" +
  "      this._validateResource(free.resource).then((ok) => abortAbleValidation.resolve(ok));\n" +
  "    }\n" +
  "  }\n" +
  "  _canAcquire() {\n" +
  `    return ${canAcquire};\n` +
  "  }\n" +
  "  async _validateResource(resource) {\n" +
  "    return await this.validate(resource);\n" +
  "  }\n" +
  "}\n" +
  "module.exports = { Pool };\n";

/** oidc-provider's processResponseTypes: each part of the response type picks its handler; `other` is the default's return. */
/**
 * clamscan's batches of ten (check 38): `chunk` takes ten off the list while more than ten are
 * left, else all that is left. `cond` is the test on the list's length.
 */
const CLAMSCAN_CHUNKS = (cond: string) => "const chunkSize = 10;\n" +
  "exports.scanFiles = async function (req) {\n" +
  "  const files = await req.db.find(req.query.text);\n" +
  "  let results = [];\n" +
  "  while (files.length > 0) {\n" +
  "    let chunk = [];\n" +
  "    if (" + cond + ") {\n" +
  "      chunk = files.splice(0, chunkSize);\n" +
  "    } else {\n" +
  "      chunk = files.splice(0);\n" +
  "    }\n" +
  "    const chunkResults = await Promise.all(chunk.map((file) => fetch(file.url, { signal: AbortSignal.timeout(1000) }).catch((e) => e)));\n" +
  "    results = results.concat(chunkResults);\n" +
  "  }\n" +
  "  return results;\n" +
  "};\n";

const RESPONSE_TYPES = (other: string) => "async function codeHandler(ctx) { return { code: await ctx.oidc.provider.AuthorizationCode.save(ctx) }; }\n" +
  "async function tokenHandler(ctx) { return { access_token: await ctx.oidc.provider.AccessToken.save(ctx) }; }\n" +
  "async function otherHandler(ctx) { return { other: await ctx.oidc.provider.Other.save(ctx) }; }\n" +
  "export default async function processResponseTypes(ctx) {\n" +
  "  const responses = ctx.oidc.params.response_type.split(' ');\n" +
  "  const response = Object.assign({}, ...await Promise.all(responses.map((responseType) => {\n" +
  "    switch (responseType) {\n" +
  "      case 'code':\n" +
  "        return codeHandler(ctx);\n" +
  "      case 'token':\n" +
  "        return tokenHandler(ctx);\n" +
  "      default:\n" +
  `        return ${other};\n` +
  "    }\n" +
  "  })));\n" +
  "  return response;\n" +
  "}\n";

// hyperdht's announcer (check 36): three generations of relays, rotated each cycle; the
// rotation moves the field's own maps between slots.
const ANNOUNCER = (lastSlot: string) => "module.exports = class Announcer {\n  constructor(dht) {\n    this.dht = dht\n    this._serverRelays = [new Map(), new Map(), new Map()]\n  }\n\n  async _update() {\n    this._cycle()\n    const q = this.dht.findPeer(this.target)\n    await q.finished()\n    const ann = []\n    const replies = pickBest(q.closestReplies)\n    for (const msg of replies) {\n      ann.push(this._commit(msg))\n    }\n    await Promise.allSettled(ann)\n    const removed = []\n    for (const [key, value] of this._serverRelays[1]) {\n      if (!this._serverRelays[2].has(key)) removed.push(value)\n    }\n    await this._unannounceAll(removed)\n  }\n\n  async stop() {\n    await this._unannounceAll(this._serverRelays[2].values())\n  }\n\n  _unannounceAll(relays) {\n    const unann = []\n    for (const r of relays) unann.push(this._unannounce(r))\n    return Promise.allSettled(unann)\n  }\n\n  async _unannounce(to) {\n    await this.dht.request({ command: 'unannounce' }, to)\n  }\n\n  async _commit(msg) {\n    const res = await this.dht.request({ command: 'announce' }, msg.from)\n    if (res.error !== 0) return\n    this._serverRelays[2].set(msg.from.host + ':' + msg.from.port, msg.from)\n  }\n\n  _cycle() {\n    const tmp = this._serverRelays[0]\n    this._serverRelays[0] = this._serverRelays[1]\n    this._serverRelays[1] = this._serverRelays[2]\n" +
  `    this._serverRelays[2] = ${lastSlot}\n` +
  "    tmp.clear()\n  }\n}\n\nfunction pickBest(replies) {\n  return replies.slice(0, 3)\n}\n";

/**
 * libp2p gossipsub's prunes (check 49), here over the topics a peer's message names: each PRUNE is
 * built from local bookkeeping, a pick of peers through a synchronous filter, and reads of the
 * node's own peer store, then pushed onto the peer's open stream.
 */
const GOSSIP_PRUNES = (pxRead: string, pick: string) => "class GossipSub {\n" +
  "  constructor(components) {\n" +
  "    this.components = components;\n" +
  "    this.mesh = new Map();\n" +
  "    this.streams = new Map();\n" +
  "  }\n" +
  "  async onControl(id, data) {\n" +
  "    const topics = JSON.parse(data).prune;\n" +
  "    await Promise.all(topics.map(async (topic) => {\n" +
  "      await this.sendPrune(id, topic);\n" +
  "    }));\n" +
  "  }\n" +
  "  async sendPrune(id, topic) {\n" +
  "    const prune = [await this.makePrune(id, topic)];\n" +
  "    this.sendRpc(id, { prune });\n" +
  "  }\n" +
  "  async makePrune(id, topic) {\n" +
  "    this.mesh.get(topic)?.delete(id);\n" +
  `    const peers = ${pick};\n` +
  "    const px = await Promise.all(Array.from(peers).slice(0, 16).map(async (peerId) => {\n" +
  `      const info = await ${pxRead};\n` +
  "      return { peerId, record: info?.record };\n" +
  "    }));\n" +
  "    return { topic, px };\n" +
  "  }\n" +
  "  getRandomGossipPeers(topic, filter) {\n" +
  "    const out = new Set();\n" +
  "    for (const p of this.mesh.get(topic) ?? []) if (filter(p)) out.add(p);\n" +
  "    return out;\n" +
  "  }\n" +
  "  later(fn) {\n" +
  "    setTimeout(fn, 10);\n" +
  "    return new Set();\n" +
  "  }\n" +
  "  sendRpc(id, rpc) {\n" +
  "    const stream = this.streams.get(id);\n" +
  "    if (stream == null) return false;\n" +
  "    stream.push(JSON.stringify(rpc));\n" +
  "    return true;\n" +
  "  }\n" +
  "}\n" +
  "module.exports = GossipSub;\n";

runRuleTests(rule, {
  valid: [
    {
      name: 'a loop over maps the class rotates between its own slots each cycle (hyperdht, check 36)',
      filename: 'lib/announcer.js',
      code: ANNOUNCER('tmp'),
    },
    {
      name: "a PRUNE per topic built from local bookkeeping and reads of the node's own peer store (libp2p gossipsub, check 49): no request per element",
      filename: 'src/gossipsub.js',
      code: GOSSIP_PRUNES('this.components.peerStore.get(peerId)', 'this.getRandomGossipPeers(topic, (p) => p !== id)'),
    },
    {
      name: 'a switch over literal cases does work only for them, the default hands back a plain `{}` (oidc-provider, check 37)',
      filename: 'lib/helpers/process_response_types.js',
      code: RESPONSE_TYPES('{}'),
    },
    {
      name: 'a loop that needs the pool\'s idle list non-empty and pops one idle resource per iteration runs at most pool-size times (tarn, check 37)',
      filename: 'lib/Pool.js',
      code: TARN_POOL('this.free.length > 0 && this.pendingAcquires.length > 0'),
    },
    {
      name: 'a `Promise.all` in the `afterStart()` lifecycle hook, run once per node start (libp2p__circuit-relay-v2, check 36)',
      filename: 'src/transport/reservation-store.ts',
      code: RESERVATION_STORE(' implements Startable', 'afterStart'),
    },
    {
      name: 'a `Promise.all` in `start()` of a class that implements libp2p\'s `Startable`',
      filename: 'src/transport/reservation-store.ts',
      code: RESERVATION_STORE(' implements Startable', 'start'),
    },
    {
      name: 'a loop starts a private method whose first step awaits a shared `new Queue({ concurrency })` (helia__ipns, check 36)',
      filename: 'src/routing/pubsub.ts',
      code: PUBSUB_FETCH(''),
    },
    {
      name: 'the list comes from a function of the file that cuts what it returns to a count, called with a configured count',
      code: peerExchange('if (count > 0 && peers.length > count)', 'this.opts.prunePeers'),
    },
    {
      name: 'each task calls a method of a member typed by a class of another file, which enqueues on a queue made with a concurrency option',
      filename: 'src/want-list.ts',
      code: WANT_LIST,
      files: { 'src/network.ts': queuedNetwork('{ concurrency: init.messageSendConcurrency ?? 50 }') },
    },
    // ---- A callee that queues its work for one worker ----
    {
      name: 'a fan-out through a method that queues each request for one worker runs them one at a time',
      filename: 'lib/page.js',
      code: PAGE_QUEUED,
    },
    {
      name: 'a fan-out through a serial store handed over as a parameter, its method defined in another file',
      filename: 'lib/search.js',
      code: SEARCH,
      files: { 'lib/page.js': PAGE_QUEUED },
    },
    // ---- A loop bounded by a pool's own capped counter ----
    {
      name: 'a loop over a pool\'s own connection count, which the pool caps at its configured max',
      filename: 'lib/pool.js',
      code: POOL,
    },
    // ---- A manifest the code names, read at construction ----
    {
      name: 'a fan-out over the templates a plugin\'s manifest lists, read once in the constructor',
      filename: 'lib/plugin.js',
      code: PLUGIN_MANIFEST,
    },
    {
      name: 'a function a factory made is no archive read unless the factory names one',
      filename: 'lib/decompress.js',
      code: UNZIP_OTHER,
    },
    {
      name: "fs-extra's readFile per element: graceful-fs underneath queues an open that fails with EMFILE and retries it, so the burst waits instead of failing",
      filename: 'lib/pages.js',
      files: { ...calledFromRoute('js', 'readAll(req.body.files)'), 'package.json': '{ "name": "pages", "dependencies": { "fs-extra": "^11.0.0" } }\n' },
      code: "const fs = require('fs-extra');\nexports.readAll = function (files) {\n  return Promise.all(files.map((file) => fs.readFile(file, 'utf8')));\n};\n",
    },
    {
      name: 'a service\'s answer about one thing (a login\'s accounts) is that thing\'s handful, not a collection read',
      code: "declare const bank: { getRequisition(id: string): Promise<{ accounts: string[] }> };\ndeclare function balance(account: string): Promise<number>;\nexport async function balances(req: { params: { id: string } }) {\n  const requisition = await bank.getRequisition(req.params.id);\n  return Promise.all(requisition.accounts.map((a) => balance(a)));\n}\n",
    },
    {
      name: 'a .then callback of a single-record read gets that record, not a collection',
      code: "declare const api: { getLocation(id: string): Promise<{ hubs: string[] }> };\ndeclare function subscribe(hub: string): Promise<void>;\nexport function watch(id: string) {\n  return api.getLocation(id).then((location) => Promise.all(location.hubs.map((h) => subscribe(h))));\n}\n",
    },
    {
      name: 'the same function exported and called nowhere in the project: its callers size its list (a library caller hands in its own batch)',
      filename: 'lib/minify.js',
      code: "const read = require('./read');\nconst requestURIs = (locations, callback) => {\n  Promise.all(locations.map((loc) => read.file(loc))).then((files) => callback(files));\n};\nmodule.exports = { requestURIs, other: read.file };\n",
      files: { 'lib/read.js': "const fs = require('fs');\nexports.file = (p) => fs.promises.readFile(p, 'utf8');\n" },
    },
    {
      name: 'what a helper of another project file returns is followed: two app setups made from a literal pair are no collection',
      filename: 'lib/setup.js',
      code: "const createApps = require('./create-apps');\nconst api = require('./api');\nexports.createPipeline = async function (heroku) {\n  const results = await createApps(heroku);\n  const setups = results.map((r) => r.body);\n  await Promise.all(setups.map((s) => api.pollSetup(heroku, s.id)));\n};\n",
      files: {
        'lib/create-apps.js': "module.exports = function createApps(heroku) {\n  const prod = heroku.post('/app-setups', { stage: 'production' });\n  const staging = heroku.post('/app-setups', { stage: 'staging' });\n  return Promise.all([prod, staging]).then((setups) => setups);\n};\n",
        'lib/api.js': "exports.pollSetup = async function (heroku, id) {\n  const res = await fetch(`${heroku.url}/app-setups/${id}`, { signal: AbortSignal.timeout(5000) });\n  return res.json();\n};\n",
      },
    },
    {
      name: 'a helper of another project file that picks one record out of a page: the fan-out is over that record\'s own handful',
      code: "import { getEndpoint } from './endpoints';\ndeclare const api: { get(path: string): Promise<{ body: { hostname: string } }> };\nexport async function domains(app: string) {\n  const endpoint = await getEndpoint(app);\n  return Promise.all(endpoint.domains.map(async (d) => (await api.get(`/apps/${app}/domains/${d}`)).body.hostname));\n}\n",
      files: { 'src/endpoints.ts': "declare const api: { get(path: string): Promise<{ body: { name: string; domains: string[] }[] }> };\nexport async function getEndpoint(app: string) {\n  const { body: endpoints } = await api.get(`/apps/${app}/sni-endpoints`);\n  if (endpoints.length !== 1) throw new Error('pass --name');\n  return endpoints[0];\n}\n" },
    },
    {
      name: 'a fourth parameter no call passes outside data, defaulting to what the object it is handed holds: followed like the first three',
      filename: 'lib/injector.js',
      code: "class Injector {\n  async loadInstance(item) {\n    await fetch(`http://registry.internal/${item.id}`, { signal: AbortSignal.timeout(5000) });\n  }\n  async loadEnhancersPerContext(wrapper, ctx, inquirer, enhancers = wrapper.getEnhancersMetadata() || []) {\n    await Promise.all(enhancers.map((item) => this.loadInstance(item)));\n  }\n  async loadController(wrapper, contextId) {\n    await this.loadEnhancersPerContext(wrapper, contextId, wrapper);\n  }\n}\nmodule.exports = Injector;\n",
    },
    {
      name: 'each element\'s work waits its turn in a queue a helper of this file is handed (and the helper retries by calling itself)',
      code: "declare const api: { create(e: { id: string }): Promise<{ id: string }> };\ntype Queue = { add<T>(task: () => Promise<T>): Promise<T> };\nasync function createEntry({ entry, requestQueue }: { entry: { id: string }; requestQueue: Queue }): Promise<{ id: string } | null> {\n  try {\n    return await requestQueue.add(() => api.create(entry));\n  } catch (err) {\n    if ((err as Error).name === 'UnknownField') return createEntry({ entry: { id: entry.id }, requestQueue });\n    return null;\n  }\n}\nexport async function createEntries(entries: { id: string }[], requestQueue: Queue) {\n  const rows = await Promise.all(entries.map((entry) => createEntry({ entry, requestQueue })));\n  return rows.filter(Boolean);\n}\nexport const importAll = (req: { body: { entries: { id: string }[] } }, q: Queue) => createEntries(req.body.entries, q);\n",
    },
    {
      name: 'a request\'s list of option names, the callback doing work only for an element equal to one of its literals',
      code: "declare function totalCount(c: string): Promise<number>;\ndeclare function filterCount(c: string, q: unknown): Promise<number>;\nexport async function metaFor(collection: string, req: { query: { meta: string[] } }) {\n  return Promise.all(req.query.meta.map((m) => {\n    if (m === 'total_count') return totalCount(collection);\n    if (m === 'filter_count') return filterCount(collection, req.query);\n    return undefined;\n  }));\n}\n",
    },
    {
      name: 'a switch over the element\'s literal cases, doing nothing for any other',
      code: "declare function totalCount(c: string): Promise<number>;\ndeclare function filterCount(c: string): Promise<number>;\nexport async function metaFor(collection: string, req: { query: { meta: string[] } }) {\n  return Promise.all(req.query.meta.map(async (m) => {\n    switch (m) {\n      case 'total_count': return totalCount(collection);\n      case 'filter_count': return filterCount(collection);\n      default: return null;\n    }\n  }));\n}\n",
    },
    {
      name: 'a parameter taken as one value or a list of them (Array.isArray(x) ? x : [x]): written for one, its callers pass a name or two',
      filename: 'lib/emitter.js',
      code: "class Emitter {\n  constructor(bus) {\n    this.bus = bus;\n  }\n  async notify(name, meta) {\n    await fetch(`http://hooks.internal/${name}`, { method: 'POST', body: JSON.stringify(meta), signal: AbortSignal.timeout(5000) });\n  }\n  emitAction(event, meta) {\n    const events = Array.isArray(event) ? event : [event];\n    for (const name of events) {\n      this.notify(name, meta).catch((err) => console.warn(err));\n    }\n  }\n}\nconst emitter = new Emitter();\nexports.onRows = async (db) => {\n  const rows = await db.query('select * from nested_events');\n  for (const row of rows) emitter.emitAction(row.event, row.meta);\n};\n",
    },
    {
      name: 'a list filled by a synchronous while loop walking what the object holds (a chain of upgraded rooms): as long as that chain',
      code: "interface Room { roomId: string; predecessorId: string | null }\nexport class Client {\n  private rooms = new Map<string, Room>();\n  getRoom(id: string): Room | undefined {\n    return this.rooms.get(id);\n  }\n  async leave(roomId: string): Promise<void> {\n    await fetch(`https://matrix.internal/rooms/${roomId}/leave`, { method: 'POST', signal: AbortSignal.timeout(5000) });\n  }\n  history(roomId: string): Room[] {\n    const out: Room[] = [];\n    let id: string | null = roomId;\n    while (id !== null) {\n      const room = this.getRoom(id);\n      if (!room) break;\n      out.push(room);\n      id = room.predecessorId;\n    }\n    return out;\n  }\n  leaveRoomChain(roomId: string) {\n    const promises: Promise<void>[] = [];\n    for (const room of this.history(roomId)) promises.push(this.leave(room.roomId));\n    return Promise.all(promises);\n  }\n}\n",
    },
    {
      name: 'a function of another project file is judged by what it returns, not by its name: listPipelineApps hands back one pipeline\'s apps',
      code: "import { listPipelineApps } from './api';\ndeclare function appInfo(id: string): Promise<{ hash: string }>;\nexport async function diff(pipelineId: string) {\n  const apps = await listPipelineApps(pipelineId);\n  return Promise.all(apps.map((a) => appInfo(a.id)));\n}\n",
      files: { 'src/api.ts': "declare const heroku: { get(path: string): Promise<{ body: { apps: { id: string }[] } }> };\nexport async function listPipelineApps(id: string) {\n  const { body } = await heroku.get(`/pipelines/${id}`);\n  return body.apps;\n}\n" },
    },
    {
      name: 'setup functions registered by code, each called on the new channel',
      filename: 'lib/channel-wrapper.js',
      code: "const pb = require('promise-breaker');\nclass ChannelWrapper {\n  constructor(manager) {\n    this._setups = [];\n    manager.on('connect', (c) => this._onConnect(c));\n  }\n  addSetup(setup) {\n    this._setups.push(setup);\n  }\n  removeSetup(setup) {\n    this._setups = this._setups.filter((s) => s !== setup);\n  }\n  async _onConnect({ connection }) {\n    const channel = await connection.createChannel();\n    await Promise.all(this._setups.map((setupFn) => pb.call(setupFn, this, channel).catch((err) => console.error(err))));\n  }\n}\nmodule.exports = ChannelWrapper;\n",
    },
    {
      name: 'a method wrapped by middleware and put back under its own name is still called only by its callers, here with a literal list',
      filename: 'src/broker.js',
      code: "class Broker {\n  constructor(wrap) {\n    this.mcall = wrap('mcall', this.mcall);\n  }\n  call(action) {\n    return fetch('http://svc.internal/' + action, { signal: AbortSignal.timeout(5000) });\n  }\n  mcall(defs) {\n    return Promise.all(defs.map((d) => this.call(d.action)));\n  }\n}\nmodule.exports = Broker;\n",
      files: { 'src/use.js': "const Broker = require('./broker');\nconst broker = new Broker((name, fn) => fn);\nexports.both = () => broker.mcall([{ action: 'users.list' }, { action: 'orders.list' }]);\n" },
    },
    {
      name: 'a function another file hands to its bundler as an option: that code calls it with the lists it makes',
      filename: 'lib/minify.js',
      code: "const read = require('./read');\nconst requestURIs = (locations, callback) => {\n  Promise.all(locations.map((loc) => read.file(loc))).then((files) => callback(files));\n};\nmodule.exports = { requestURIs };\n",
      files: {
        'lib/read.js': "const fs = require('fs');\nexports.file = (p) => fs.promises.readFile(p, 'utf8');\n",
        'lib/static.js': "const minify = require('./minify');\nconst Bundler = require('bundler');\nmodule.exports = (app) => {\n  app.use(new Bundler({ rootPath: 'static/js', requestURIs: minify.requestURIs }).handle);\n};\n",
      },
    },
    {
      name: 'a private method no call in sight reaches (called by name at run time, from inside the class): no caller outside the project can hand it a list',
      code: "declare function reserve(id: string): Promise<boolean>;\nexport class Room {\n  private async reserveSeats(ids: string[]) {\n    const ps: Promise<boolean>[] = [];\n    for (let i = 0; i < ids.length; i++) ps.push(reserve(ids[i]));\n    return Promise.all(ps);\n  }\n  async onMessage(method: string, arg: unknown) {\n    return (this as any)[method](arg);\n  }\n}\n",
    },
    {
      name: 'forEach(async) over a constant tuple: a constant domain is bounded',
      code: "declare function warm(name: string): Promise<void>;\nexport async function boot() {\n  ['users', 'orders'].forEach(async (t) => {\n    await warm(t);\n  });\n}\n",
    },
    {
      name: 'a list the program keeps for itself (a room\'s sockets from an in-memory lookup) is sized by the program, not by outside data',
      code: "declare function send(socket: { id: string }, msg: string): Promise<void>;\nconst rooms = new Map<string, { id: string }[]>();\nfunction roomSockets(room: string) {\n  return rooms.get(room) ?? [];\n}\nexport async function broadcast(room: string, msg: string) {\n  await Promise.all(roomSockets(room).map((s) => send(s, msg)));\n}\n",
    },
    {
      name: 'a hand-written batch of ten spliced off in an awaited loop, the rest taken only when ten or fewer are left (clamscan, check 38)',
      filename: 'index.js',
      code: CLAMSCAN_CHUNKS('files.length > chunkSize'),
    },
    {
      name: 'a batch sliced by hand, `xs.slice(i, i + BATCH)` in a loop stepping by BATCH',
      code: "declare function check(id: string): Promise<boolean>;\nconst BATCH = 50;\nexport async function allowed(ids: string[]) {\n  const out: boolean[] = [];\n  for (let i = 0; i < ids.length; i += BATCH) {\n    out.push(...(await Promise.all(ids.slice(i, i + BATCH).map((id) => check(id)))));\n  }\n  return out;\n}\n",
    },
    {
      name: 'a helper every caller hands a list of its own (a pad\'s authors), not outside data',
      code: "declare function getAuthor(id: string): Promise<unknown>;\nasync function loadAuthors(ids: string[]) {\n  return Promise.all(ids.map((id) => getAuthor(id)));\n}\nexport class Pad {\n  authors: string[] = ['a1'];\n  async info() {\n    return loadAuthors(this.authors);\n  }\n}\n",
    },
    {
      name: 'a literal array of promises',
      code: 'export async function boot(a: () => Promise<void>, b: () => Promise<void>) {\n  await Promise.all([a(), b()]);\n}\n',
    },
    {
      name: 'a literal tuple mapped',
      code: "export async function warm() {\n  await Promise.all(['users', 'orders'].map(async (t) => fetch(`https://cache.internal/${t}`, { signal: AbortSignal.timeout(1000) })));\n}\n",
    },
    {
      name: 'a const tuple declared above',
      code: "const REGIONS = ['eu', 'us', 'ap'] as const;\nexport async function ping() {\n  return Promise.all(REGIONS.map(async (r) => fetch(`https://${r}.internal/health`)));\n}\n",
    },
    {
      name: 'Array.from with a constant length',
      code: 'export async function workers(run: (i: number) => Promise<void>) {\n  await Promise.all(Array.from({ length: 3 }, async (_, i) => run(i)));\n}\n',
    },
    {
      name: 'an array sliced to a constant',
      code: 'const BATCH = 10;\nexport async function firstBatch(ids: string[]) {\n  await Promise.all(ids.slice(0, BATCH).map(async (id) => fetch(`/items/${id}`)));\n}\n',
    },
    {
      name: "an array sliced to a class's static readonly number (botbuilder's FileTranscriptStore.PageSize)",
      code: "import { readdir, readFile } from 'node:fs/promises';\nexport class TranscriptStore {\n  private static readonly PageSize: number = 20;\n  async page(folder: string) {\n    const items = (await readdir(folder)).filter((f) => f.endsWith('.json'));\n    return Promise.all(items.slice(0, TranscriptStore.PageSize).sort().map(async (f) => JSON.parse(await readFile(`${folder}/${f}`, 'utf8'))));\n  }\n}\n",
    },
    {
      name: 'the keys of a literal object',
      code: "const UPSTREAMS = { inventory: 'http://inv', payments: 'http://pay' };\nexport async function check() {\n  await Promise.all(Object.values(UPSTREAMS).map(async (u) => fetch(u)));\n}\n",
    },
    {
      name: 'a tuple-typed parameter',
      code: 'export async function pair(urls: [string, string]) {\n  return Promise.all(urls.map(async (u) => fetch(u)));\n}\n',
    },
    {
      name: 'the map callback goes through the shim limiter',
      code: "import { limiter } from './stability-runtime';\nconst limit = limiter(8);\nexport async function load(ids: string[]) {\n  return Promise.all(ids.map((id) => limit(() => fetch(`/items/${id}`))));\n}\n",
      files: { 'src/stability-runtime.ts': 'export function limiter(n: number) {\n  return <T>(fn: () => Promise<T>) => fn();\n}\n' },
    },
    {
      name: 'an async map callback that awaits through p-limit',
      code: "import pLimit from 'p-limit';\nconst limit = pLimit(4);\nexport async function load(ids: string[]) {\n  return Promise.all(ids.map(async (id) => {\n    const res = await limit(() => fetch(`/items/${id}`));\n    return res.json();\n  }));\n}\n",
    },
    {
      name: 'p-queue with a concurrency',
      code: "import PQueue from 'p-queue';\nconst queue = new PQueue({ concurrency: 2 });\nexport async function load(ids: string[]) {\n  return Promise.all(ids.map((id) => queue.add(() => fetch(`/items/${id}`))));\n}\n",
    },
    {
      name: 'Bottleneck schedule',
      code: "import Bottleneck from 'bottleneck';\nconst throttle = new Bottleneck({ maxConcurrent: 5 });\nexport async function load(ids: string[]) {\n  return Promise.all(ids.map(async (id) => throttle.schedule(() => fetch(`/items/${id}`))));\n}\n",
    },
    {
      name: 'a limiter imported from another module, named like one',
      code: "import { uploadLimit } from './limits';\nexport async function upload(files: string[], put: (f: string) => Promise<void>) {\n  await Promise.all(files.map((f) => uploadLimit(() => put(f))));\n}\n",
      files: { 'src/limits.ts': 'export const uploadLimit = <T>(fn: () => Promise<T>) => fn();\n' },
    },
    {
      name: 'a synchronous map callback',
      code: 'export async function total(xs: { n: number }[]) {\n  return Promise.all(xs.map((x) => x.n * 2));\n}\n',
    },
    {
      name: 'a mapped array of already-running promises is not a fan-out we can see',
      code: 'export async function settle(jobs: { done: Promise<void> }[]) {\n  await Promise.all(jobs.map((j) => j.done));\n}\n',
    },
    {
      name: 'a function imported from a project file that is not async',
      code: "import { format } from './fmt';\nexport function print(xs: string[]) {\n  for (const x of xs) {\n    format(x);\n  }\n}\n",
      files: { 'src/fmt.ts': 'export function format(x: string): string {\n  return x.trim();\n}\n' },
    },
    {
      name: 'a CommonJS export that is not async',
      filename: 'src/print.js',
      code: "const { format } = require('./fmt');\nfunction printAll(xs) {\n  for (const x of xs) format(x);\n}\nmodule.exports = { printAll };\n",
      files: { 'src/fmt.js': 'exports.format = function (x) {\n  return String(x).trim();\n};\n' },
    },
    {
      name: 'an awaited call in a loop',
      code: `${SEND_EMAIL_DECL}export async function notifyAll(users: { email: string }[]) {\n  for (const u of users) {\n    await sendEmail(u);\n  }\n}\n`,
    },
    {
      name: 'a loop that awaits each iteration paces the fire-and-forget call beside it',
      code: `${SEND_EMAIL_DECL}export async function drain(next: () => Promise<{ email: string } | undefined>) {\n  while (true) {\n    const u = await next();\n    if (!u) return;\n    sendEmail(u).catch(console.error);\n  }\n}\n`,
    },
    {
      name: 'for await paces the loop',
      code: `${SEND_EMAIL_DECL}export async function consume(stream: AsyncIterable<{ email: string }>) {\n  for await (const u of stream) {\n    sendEmail(u).catch(console.error);\n  }\n}\n`,
    },
    {
      name: 'a loop with a constant count',
      code: 'async function ping(i: number) {\n  await fetch(`/ping/${i}`);\n}\nexport function warmUp() {\n  for (let i = 0; i < 4; i++) {\n    ping(i).catch(() => undefined);\n  }\n}\n',
    },
    {
      name: 'a loop over a literal tuple',
      code: "async function ping(host: string) {\n  await fetch(host);\n}\nexport function warmUp() {\n  for (const h of ['a', 'b']) ping(h).catch(() => undefined);\n}\n",
    },
    {
      name: 'a synchronous forEach',
      code: 'export function log(xs: string[]) {\n  xs.forEach((x) => console.log(x));\n}\n',
    },
    {
      name: 'a promise started in a nested function of the loop is the function\'s business',
      code: `${SEND_EMAIL_DECL}export function later(users: { email: string }[]) {\n  for (const u of users) {\n    setTimeout(() => {\n      void sendEmail(u);\n    }, 1000);\n  }\n}\n`,
    },
    {
      name: 'a Promise that is not the global one',
      code: "import { Promise } from 'bluebird';\nexport async function load(ids: string[]) {\n  return Promise.all(ids.map(async (id) => fetch(id)));\n}\n",
    },
    // ---- Positive evidence: a callee starts work only when the code shows it ----
    {
      name: 'a logger module exporting an instance: its methods are synchronous',
      filename: 'src/protocol/rtcp.js',
      code: "const logger = require('../core/logger.js');\nfunction parse(packets) {\n  for (const p of packets) {\n    if (p.version !== 2) logger.trace(`bad version ${p.version}`);\n  }\n}\nmodule.exports = { parse };\n",
      files: { 'src/core/logger.js': "class Logger {\n  constructor(level) { this.level = level; }\n  trace(message) { if (this.level === 'trace') console.log(message); }\n}\nmodule.exports = new Logger('info');\n" },
    },
    {
      name: 'a static factory of a class from another file is synchronous',
      filename: 'src/queue.js',
      code: "const Job = require('./job');\nfunction hydrate(queue, ids, rows) {\n  const jobs = [];\n  for (let i = 0; i < ids.length; ++i) {\n    if (rows[i]) jobs.push(Job.fromData(queue, ids[i], rows[i]));\n  }\n  return jobs;\n}\nmodule.exports = { hydrate };\n",
      files: { 'src/job.js': "class Job {\n  constructor(queue, id, data) { Object.assign(this, { queue, id, data }); }\n  static fromData(queue, id, raw) { return new Job(queue, id, JSON.parse(raw)); }\n}\nmodule.exports = Job;\n" },
    },
    {
      name: 'methods a module attaches at run time prove nothing: no promise is known',
      filename: 'src/tls.js',
      code: "const log = require('./logger');\nexports.check = (certs) => {\n  for (const fp in certs) {\n    if (certs[fp].expired) log.error(`${fp} expired`);\n  }\n};\n",
      files: { 'src/logger.js': "const logger = exports;\nfor (const level of ['error', 'warn', 'info']) {\n  logger[level] = (msg) => { console.log(level, msg); return true; };\n}\n" },
    },
    {
      name: 'an async callback with no await and no promise returned starts nothing',
      code: "declare function adapterFor(p: string): { afterFind?(d: unknown): unknown } | undefined;\nexport async function runAfterFind(authData: Record<string, unknown>) {\n  await Promise.all(Object.keys(authData).map(async (provider) => {\n    const adapter = adapterFor(provider);\n    if (adapter?.afterFind) authData[provider] = adapter.afterFind(authData[provider]);\n  }));\n}\n",
    },
    {
      name: 'an async function exported by another file that never awaits starts nothing',
      filename: 'src/jobs.js',
      code: "const { normalize } = require('./normalize');\nasync function all(users) {\n  await Promise.all(users.map((u) => normalize(u)));\n}\nmodule.exports = { all };\n",
      files: { 'src/normalize.js': "async function normalize(u) {\n  return { ...u, email: u.email.toLowerCase() };\n}\nmodule.exports = { normalize };\n" },
    },
    {
      name: 'new Promise around promises already running starts nothing new',
      code: "export function firstOf<T>(promises: Promise<T>[], ok: (v: T) => boolean) {\n  const wrapped = promises.map((p) => new Promise<T>((resolve, reject) => p.then((v) => ok(v) && resolve(v), reject)));\n  return Promise.race(wrapped);\n}\n",
    },
    {
      name: 'a frozen literal array, and spreads of constant arrays chosen by a condition',
      code: "const MIRRORS = Object.freeze(['https://a.internal', 'https://b.internal']);\nexport async function ping(extra: boolean) {\n  const targets = [...MIRRORS, ...(extra ? ['https://c.internal'] : [])];\n  return Promise.all(targets.map(async (t) => fetch(t)));\n}\n",
    },
    // ---- Inputs bounded by their source ----
    {
      name: 'jobs from the configuration',
      filename: 'src/scheduler.js',
      code: "const { validate } = require('./validate');\nclass Scheduler {\n  constructor(config) { this.config = config; }\n  async init() {\n    this.config.jobs = await Promise.all(this.config.jobs.map(async (job) => validate(job)));\n  }\n  run() {\n    for (const job of this.config.jobs) this.start(job.name);\n  }\n  async start(name) { await fetch(`http://runner.internal/${name}`); }\n}\nmodule.exports = Scheduler;\n",
      files: { 'src/validate.js': "exports.validate = async (job) => { await new Promise((r) => setImmediate(r)); return job; };\n" },
    },
    {
      name: 'rate limits read from the request\'s configuration, and the keys of configured auth providers',
      code: "interface Req { config: { rateLimits?: { handler(): Promise<void> }[]; auth: Record<string, unknown> } }\nexport async function limits(req: Req, ensure: (p: string) => Promise<void>) {\n  await Promise.all((req.config.rateLimits || []).map(async (l) => l.handler()));\n  await Promise.all(Object.keys(req.config.auth).map(async (p) => ensure(p)));\n}\n",
    },
    {
      name: 'the hooks registered by installed plugins, and what they return',
      filename: 'src/export.js',
      code: "const hooks = require('./hooks');\nconst db = require('./db');\nexports.exportExtras = async (padId) => {\n  const prefixes = await hooks.aCallAll('exportExtras');\n  await Promise.all(prefixes.map(async (prefix) => db.get(`${prefix}:${padId}`)));\n};\n",
      files: {
        'src/hooks.js': "const pluginDefs = require('./plugin_defs');\nexports.aCallAll = async (hookName, context) => {\n  const hooks = pluginDefs.hooks[hookName] || [];\n  return Promise.all(hooks.map(async (hook) => hook.fn(context)));\n};\n",
        'src/plugin_defs.js': 'exports.hooks = {};\n',
        'src/db.js': 'exports.get = async (key) => { await new Promise((r) => setImmediate(r)); return key; };\n',
      },
    },
    {
      name: 'ids typed on the command line',
      filename: 'bin/remove.js',
      code: "class Remove {\n  constructor(argv, admin) { this.argv = argv; this.admin = admin; }\n  run() {\n    const argv = this.argv;\n    const ids = Array.isArray(argv.id) ? argv.id : [argv.id];\n    return Promise.all(ids.map((id) => this.admin.remove(id).then(() => console.log(`removed ${id}`))));\n  }\n}\nmodule.exports = Remove;\n",
    },
    {
      name: 'one request per broker of the cluster',
      code: "interface Broker { describe(r: string[]): Promise<unknown> }\nexport async function describeAll(resourcesByBroker: Map<Broker, string[]>) {\n  const brokers = Array.from(resourcesByBroker.keys());\n  return Promise.all(brokers.map(async (b) => b.describe(resourcesByBroker.get(b)!)));\n}\n",
    },
    {
      name: 'the classes of the data model',
      code: "declare function updateSchema(c: string): Promise<void>;\nexport async function enforce(allClasses: { className: string }[], local: Set<string>) {\n  const nonProvidedClasses = allClasses.filter((c) => !local.has(c.className));\n  await Promise.all(nonProvidedClasses.map(async (c) => updateSchema(c.className)));\n}\n",
    },
    {
      name: 'the scripts of a directory the package owns',
      filename: 'src/lua/index.js',
      code: "const fs = require('fs');\nconst path = require('path');\nconst readScript = (file) => fs.promises.readFile(path.join(__dirname, file), 'utf8');\nexports.readScripts = () => fs.promises.readdir(__dirname).then((files) => Promise.all(files.filter((f) => f.endsWith('.lua')).map(readScript)));\n",
    },
    {
      name: 'only configured elements reach the work',
      code: "interface Config { auth: { validatorFor(p: string): { validator?: unknown; adapter: { beforeFind(d: unknown): Promise<void> } } | undefined } }\nexport async function find(config: Config, authData: Record<string, unknown>) {\n  return Promise.all(Object.keys(authData).map(async (provider) => {\n    const v = config.auth.validatorFor(provider);\n    if (!v?.validator) return null;\n    await v.adapter.beforeFind(authData[provider]);\n    return provider;\n  }));\n}\n",
    },
    // ---- Work that opens nothing per element ----
    {
      name: 'Redis commands on the one connection a client keeps',
      code: "interface Conn { redis: { get(k: string): Promise<string | null> } }\nexport async function pings(connection: Conn, keys: string[]) {\n  return Promise.all(keys.map(async (k) => {\n    const raw = await connection.redis.get(k);\n    return raw ? JSON.parse(raw) : null;\n  }));\n}\n",
    },
    {
      name: 'distinctive Redis commands collected in a loop, and a helper that only sends one',
      code: "declare const db: { hgetall(k: string): Promise<Record<string, string>>; hdel(k: string, f: string): Promise<number> };\nasync function release(userId: string, sessionId: string) {\n  try { await db.hdel(`user:${userId}`, sessionId); } catch { /* best effort */ }\n}\nexport async function load(ids: Record<string, string>) {\n  const reads: Promise<unknown>[] = [];\n  for (const id in ids) reads.push(db.hgetall(id));\n  const releases: Promise<void>[] = [];\n  for (const [s, u] of Object.entries(ids)) releases.push(release(u, s));\n  await Promise.all([...reads, ...releases]);\n}\n",
    },
    {
      name: 'a transaction sent in one round trip per element, through helpers of the same object',
      filename: 'src/app.dao.js',
      code: "const db = require('./db');\nconst dao = {};\ndao.get = function (id) {\n  return db.hgetall(`app:${id}`).then((app) => app);\n};\ndao.remove = function ({ id, userId }) {\n  return db.multi().del(`app:${id}`).srem(`user:${userId}`, id).exec();\n};\ndao.removeAll = function (appIds) {\n  const removals = appIds.map((appId) => this.get(appId).then((app) => this.remove(app)));\n  return Promise.all(removals);\n};\nmodule.exports = dao;\n",
      files: { 'src/db.js': 'module.exports = {};\n' },
    },
    {
      name: 'Kafka cluster requests handed to a retry wrapper',
      filename: 'src/admin.js',
      code: "const createRetry = require('./retry');\nmodule.exports = ({ cluster }) => {\n  const fetchOffsets = async (topic) => {\n    const retrier = createRetry();\n    return retrier(async () => {\n      await cluster.refreshMetadataIfNecessary();\n      return cluster.fetchTopicsOffset([{ topic }]);\n    });\n  };\n  const resolveAll = (topics) => Promise.all(topics.map(async (t) => ({ topic: t, offsets: await fetchOffsets(t) })));\n  return { resolveAll };\n};\n",
      files: { 'src/retry.js': 'module.exports = () => (fn) => fn();\n' },
    },
    {
      name: 'service files loaded with import()',
      filename: 'src/runner.mjs',
      code: "export async function loadServices(files) {\n  await Promise.all(files.map(async (f) => {\n    const mod = await import(f);\n    return mod.default;\n  }));\n}\n",
    },
    {
      name: 'a recursion over a nested structure: the fan-out itself starts nothing else',
      code: "interface Node { path: string; children: Record<string, Node> }\ndeclare function include(path: string): Promise<void>;\nexport async function walk(root: Node) {\n  const visit = async (node: Node): Promise<void> => {\n    await include(node.path);\n    await Promise.all(Object.values(node.children).map(visit));\n  };\n  await visit(root);\n}\n",
    },
    {
      name: 'awaited project functions (of other files, transitively) that only build objects, look in a map and import() once: no work per element',
      filename: 'src/client.ts',
      code: "import { Schema } from './schema';\nimport { getEmbeddingFunction } from './embedding';\nexport class Client {\n  constructor(private api: { list(): Promise<{ data: { name: string; schema: unknown }[] }> }) {}\n  async listCollections() {\n    const { data } = await this.api.list();\n    return Promise.all(data.map(async (c) => {\n      const schema = await Schema.fromJSON(c.schema);\n      const ef = await getEmbeddingFunction(c.name);\n      return { name: c.name, schema, ef };\n    }));\n  }\n}\n",
      files: { 'src/schema.ts': "import { getEmbeddingFunction } from './embedding';\nexport class Schema {\n  keys: Record<string, unknown> = {};\n  static async fromJSON(json: unknown) {\n    const s = new Schema();\n    s.keys = await Schema.keysOf(json);\n    return s;\n  }\n  private static async keysOf(json: unknown) {\n    const ef = await getEmbeddingFunction(String(json));\n    return { ef };\n  }\n}\n", 'src/embedding.ts': "const known = new Map<string, { build(c: unknown): unknown }>();\nexport async function loadDefault() {\n  await import('node:path');\n}\nexport const getEmbeddingFunction = async (name: string) => {\n  if (name === 'default') await loadDefault();\n  let ef = known.get(name);\n  if (!ef) {\n    try {\n      await import(`@acme/${name}`);\n      ef = known.get(name);\n    } catch {\n      return undefined;\n    }\n  }\n  return ef ? ef.build({}) : undefined;\n};\n" },
    },
    {
      name: 'a list a function of the file returns, filled up to a parameter it first clamps to a constant: at most that many',
      code: "const MAX_CPL = 15;\nexport class Refresher {\n  refreshedAt: Date[] = [];\n  constructor(private table: { size: number }) {}\n  refreshTable() {\n    const cpl = Math.log2(this.table.size);\n    const lengths = this.tracked(cpl);\n    return Promise.all(lengths.map(async (last, index) => {\n      await fetch(`http://peers.internal/refresh/${index}?since=${last.getTime()}`);\n    }));\n  }\n  tracked(maxCpl: number): Date[] {\n    if (maxCpl > MAX_CPL) {\n      maxCpl = MAX_CPL;\n    }\n    const dates: Date[] = [];\n    for (let i = 0; i <= maxCpl; i++) {\n      dates[i] = this.refreshedAt[i] ?? new Date(0);\n    }\n    return dates;\n  }\n}\n",
    },
    {
      name: 'a worker draining the messages its port received, one handler per message: the posting side bounds them',
      filename: 'src/worker.ts',
      code: "import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';\nasync function onMessage(port: MessagePort, message: { url: string }) {\n  const res = await fetch(message.url);\n  port.postMessage(await res.text());\n}\nexport function drain(port: MessagePort) {\n  let entry;\n  while ((entry = receiveMessageOnPort(port)) !== undefined) {\n    onMessage(port, entry.message);\n  }\n}\n",
    },
    // ---- Shapes that bound the work ----
    {
      name: 'a loop whose condition holds a count of the started pings under a bound, raised beside each start: at most that many start',
      filename: 'lib/nat.js',
      code: "module.exports = class Sampler {\n  constructor (dht, session) { this.dht = dht; this.session = session; this.sampled = 0; this._minSamples = 4; this._visited = new Map() }\n  autoSample () {\n    const maxPings = this._minSamples\n    let pending = 0\n    for (let node = this.dht.nodes.latest; node && this.sampled + pending < maxPings; node = node.prev) {\n      if (this._visited.has(node.host)) continue\n      this._visited.set(node.host, 1)\n      pending++\n      this.session.ping(node, { retry: false }).then(onpong, onskip)\n    }\n    function onpong () { onskip() }\n    function onskip () { --pending }\n  }\n}\n",
    },
    {
      name: 'a semaphore loop: the counter bounds what runs',
      code: "export class Queue {\n  running = 0;\n  tasks: string[] = [];\n  constructor(private max: number, private worker: (t: string) => Promise<void>) {}\n  process() {\n    while (this.running < this.max && this.tasks.length > 0) {\n      this.running++;\n      this.worker(this.tasks.shift()!).catch(() => undefined).finally(() => {\n        this.running--;\n        this.process();\n      });\n    }\n  }\n}\n",
    },
    {
      name: 'a semaphore tested at the top of the loop body (if active >= concurrency, break): the counter bounds what runs',
      filename: 'src/queue.js',
      files: { 'package.json': '{ "name": "checker", "type": "module" }\n' },
      code: "import { EventEmitter } from 'node:events';\nexport class Queue extends EventEmitter {\n    q = [];\n    activeFunctions = 0;\n    concurrency;\n    wakeup;\n    wakeupTime;\n    constructor(options) {\n        super();\n        this.concurrency = options.concurrency;\n    }\n    on(event, listener) {\n        return super.on(event, listener);\n    }\n    add(function_, options) {\n        const delay = options?.delay || 0;\n        const timeToRun = Date.now() + delay;\n        this.q.push({\n            fn: function_,\n            timeToRun,\n        });\n        this.scheduleWakeup();\n    }\n    async onIdle() {\n        if (this.activeFunctions === 0 && this.q.length === 0) {\n            return;\n        }\n        return new Promise((resolve) => {\n            this.once('done', () => {\n                resolve();\n            });\n        });\n    }\n    runPendingNow() {\n        const now = Date.now();\n        for (const item of this.q) {\n            item.timeToRun = now;\n        }\n        this.cancelWakeup();\n        this.tick();\n    }\n    tick() {\n        if (this.activeFunctions === 0 && this.q.length === 0) {\n            this.cancelWakeup();\n            this.emit('done');\n            return;\n        }\n        const queuedItems = this.q.length;\n        for (let i = 0; i < queuedItems; i++) {\n            if (this.activeFunctions >= this.concurrency) {\n                break;\n            }\n            const item = this.q.shift();\n            if (item === undefined) {\n                throw new Error('unexpected undefined item in queue');\n            }\n            if (item.timeToRun <= Date.now()) {\n                this.activeFunctions++;\n                item\n                    .fn()\n                    .catch(() => {\n                })\n                    .finally(() => {\n                    this.activeFunctions--;\n                    this.tick();\n                });\n            }\n            else {\n                this.q.push(item);\n            }\n        }\n        if (this.q.length === 0) {\n            this.cancelWakeup();\n            return;\n        }\n        this.scheduleWakeup();\n    }\n    scheduleWakeup() {}\n    cancelWakeup() {}\n}\n",
    },
    {
      name: 'commands queued into one batch sent after the loop',
      code: "interface Batch { exec(): Promise<unknown> }\ninterface Job { save(send: (b: Batch) => void): Promise<void> }\nexport function saveAll(client: { batch(): Batch }, jobs: Job[]) {\n  const batch = client.batch();\n  for (const job of jobs) {\n    job.save(() => batch).catch(() => undefined);\n  }\n  return batch.exec();\n}\n",
    },
    {
      name: 'a stream paused for each message: flow-controlled',
      code: "export class Call {\n  constructor(private stream: { pause(): void }) {}\n  private async push(m: Buffer) { try { await fetch('http://x', { method: 'POST', body: m }); } catch { /* reported */ } }\n  onData(messages: Buffer[]) {\n    for (const m of messages) {\n      this.stream.pause();\n      this.push(m);\n    }\n  }\n}\n",
    },
    {
      name: 'a hand-written worker pool sized by Math.min(limit, n)',
      code: "export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {\n  const out = new Array<R>(items.length);\n  let next = 0;\n  const worker = async () => {\n    while (next < items.length) {\n      const i = next++;\n      out[i] = await fn(items[i]);\n    }\n  };\n  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));\n  return out;\n}\n",
    },
    {
      name: 'a loop that starts one worker per unit of a concurrency',
      code: "export async function timesLimit(total: number, concurrency: number, make: (i: number) => Promise<void>) {\n  let next = 0;\n  const addAnother = (): Promise<void> => make(next++).finally(() => { if (next < total) return addAnother(); });\n  const running: Promise<void>[] = [];\n  for (let i = 0; i < concurrency && i < total; i++) running.push(addAnother());\n  await Promise.all(running);\n}\n",
    },
    {
      name: 'workers started up to a concurrency held in a private field',
      code: "export class Consumer {\n  #concurrency: number;\n  #running = false;\n  #workers: Promise<void>[] = [];\n  constructor(opts: { concurrency?: number }) { this.#concurrency = opts.concurrency ?? 1; }\n  async start() {\n    this.#running = true;\n    for (let i = 0; i < this.#concurrency; i++) {\n      this.#workers.push(this.#work());\n    }\n  }\n  async stop() { this.#running = false; await Promise.all(this.#workers); }\n  async #work() {\n    while (this.#running) await fetch('http://queue/next');\n  }\n}\n",
    },
    {
      name: 'a switch on the keys of an object: each case runs at most once',
      code: "export class Listing {\n  async setMetadata(m: unknown) { await fetch('http://x', { method: 'POST', body: JSON.stringify(m) }); }\n  async setPrivate(p: boolean) { await fetch('http://y', { method: 'POST', body: String(p) }); }\n  update(updates: { metadata?: unknown; private?: boolean }) {\n    for (const key in updates) {\n      switch (key) {\n        case 'metadata': { this.setMetadata(updates.metadata).catch(() => undefined); break; }\n        case 'private': { this.setPrivate(!!updates.private).catch(() => undefined); break; }\n      }\n    }\n  }\n}\n",
    },
    {
      name: 'an array filled by a loop counted by a constant passed by every caller',
      code: "declare function getRevision(r: number): Promise<string>;\nexport class Diff {\n  private async bulk(startRev: number, count: number) {\n    const revisions: number[] = [];\n    for (let i = startRev; i < startRev + count; i++) revisions.push(i);\n    return Promise.all(revisions.map((r) => getRevision(r)));\n  }\n  async all(from: number, to: number) {\n    const bulkSize = 100;\n    for (let rev = from; rev <= to; rev += bulkSize) await this.bulk(rev, bulkSize);\n  }\n}\n",
    },
    // ---- One-shot code ----
    {
      name: 'initialisation at start-up',
      code: "declare const adapter: { ensureUniqueness(p: string): Promise<void> };\nexport async function performInitialization(providers: string[]) {\n  await Promise.all(providers.map((p) => adapter.ensureUniqueness(p)));\n}\n",
    },
    {
      name: 'binding the listening addresses',
      code: "export class Server {\n  private async bindOne(a: string) { await new Promise((r) => setTimeout(r, 1)); return a; }\n  async bindAddressList(addresses: string[]) {\n    return Promise.all(addresses.map((a) => this.bindOne(a)));\n  }\n}\n",
    },
    {
      name: 'test-only code guarded by the test environment',
      code: "declare const apps: Record<string, { clear(): Promise<void> }>;\nexport function destroyAll() {\n  if (!process.env.TESTING) throw new Error('Only supported in test environment');\n  return Promise.all(Object.keys(apps).map((id) => apps[id].clear()));\n}\n",
    },
    {
      name: 'file-system calls that hold no descriptor (rename, stat), through a helper of the module',
      filename: 'src/queue.js',
      code: "const fs = require('node:fs/promises');\nconst path = require('node:path');\nexports.queue_dir = '/var/spool/queue';\nexports.rename_one = async (file, pid) => {\n  try {\n    await fs.rename(path.join(exports.queue_dir, file), path.join(exports.queue_dir, `${pid}-${file}`));\n    return file;\n  } catch (err) {\n    throw new Error(`Unable to rename ${file}`, { cause: err });\n  }\n};\nexports.fix_up = async (files, pid) => {\n  return Promise.all(files.map(async (file) => {\n    const st = await fs.stat(path.join(exports.queue_dir, file));\n    if (!st.isFile()) return null;\n    return exports.rename_one(file, pid);\n  }));\n};\n",
    },
    {
      name: "a recursive directory walk with fs-extra's promise stat: no descriptor held per entry",
      filename: 'lib/utils.js',
      files: { 'package.json': '{ "name": "pages", "dependencies": { "fs-extra": "^11.0.0" } }\n' },
      code: "const fs = require('fs-extra');\nconst path = require('path');\nmodule.exports = {\n  walk: function walk(dir) {\n    return fs.readdir(dir).then((items) => {\n      return Promise.all(items.map((item) => {\n        const itemPath = path.join(dir, item);\n        return fs.stat(itemPath).then((stat) => {\n          if (stat.isDirectory()) return walk(itemPath);\n          return itemPath;\n        });\n      }));\n    });\n  },\n};\n",
    },
    {
      name: 'a fan-out over the objects a registration method keeps (metrics a registry holds): what the code registers, not input',
      filename: 'lib/registry.js',
      code: "class Registry {\n  constructor() {\n    this._metrics = {};\n  }\n  getMetricsAsArray() {\n    return Object.values(this._metrics);\n  }\n  async getMetricsAsString(metrics) {\n    const metric = await metrics.get();\n    return `${metric.name} ${metric.values.length}`;\n  }\n  async metrics() {\n    const promises = this.getMetricsAsArray().map((metric) => {\n      return this.getMetricsAsString(metric);\n    });\n    const resolves = await Promise.all(promises);\n    return resolves.join('\\n');\n  }\n  registerMetric(metric) {\n    this._metrics[metric.name] = metric;\n  }\n}\nmodule.exports = Registry;\n",
    },
    {
      name: "a function of the file passed by name to a page-context method, and used no other way, runs in the page (lighthouse's getCacheContents)",
      filename: 'core/gather/gatherers/cache-contents.js',
      code: "function getCacheContents() {\n  return caches.keys()\n    .then((cacheNames) => Promise.all(cacheNames.map((cacheName) => caches.open(cacheName))))\n    .then((opened) => {\n      const requests = [];\n      return Promise.all(opened.map((cache) => {\n        return cache.keys().then((reqs) => {\n          requests.push(...reqs.map((r) => r.url));\n        });\n      })).then(() => requests);\n    });\n}\nclass CacheContents {\n  async getArtifact(context) {\n    return context.driver.executionContext.evaluate(getCacheContents, { args: [] });\n  }\n}\nmodule.exports = CacheContents;\n",
    },
    {
      name: 'a fan-out whose work is page.evaluate in the local browser: commands over its one DevTools connection',
      filename: 'src/Client.js',
      code: "class Client {\n  async getChatById(chatId) {\n    const chat = await this.pupPage.evaluate(async (id) => window.Store.getChat(id), chatId);\n    return chat ? { ...chat, client: this } : undefined;\n  }\n  async getChatsByLabelId(labelId) {\n    const chatIds = await this.pupPage.evaluate((id) => window.Store.chatsWithLabel(id), labelId);\n    return Promise.all(chatIds.map((id) => this.getChatById(id)));\n  }\n}\nmodule.exports = Client;\n",
    },
    {
      name: 'jobs handed over in batches capped by a constant batchSize option',
      filename: 'src/timekeeper.js',
      code: "class Timekeeper {\n  constructor(manager) { this.manager = manager; }\n  async start() {\n    const options = { pollingIntervalSeconds: 30, batchSize: 50 };\n    await this.manager.work('send-it', options, (jobs) => this.onSendIt(jobs));\n  }\n  async onSendIt(jobs) {\n    return Promise.allSettled(jobs.map(async ({ data }) => fetch(data.url, { method: 'POST', signal: AbortSignal.timeout(5000) })));\n  }\n}\nmodule.exports = Timekeeper;\n",
    },
    {
      name: "ending every worker of the object's own list at once",
      filename: 'src/manager.js',
      code: "const Worker = require('./worker');\nclass Manager {\n  constructor() { this.workers = new Map(); }\n  async work(name, options, handler) {\n    const worker = new Worker({ name, options, handler });\n    this.workers.set(worker.id, worker);\n    worker.start();\n  }\n  getWorkers() { return Array.from(this.workers.values()); }\n  async offWork(name) {\n    const workers = this.getWorkers().filter((w) => w.name === name);\n    await Promise.allSettled(workers.map(async (worker) => {\n      await worker.stop();\n      this.workers.delete(worker.id);\n    }));\n  }\n}\nmodule.exports = Manager;\n",
    },
    {
      name: "one checkout per client a pg pool holds, then a statement on each of them",
      filename: 'src/db.js',
      code: "class Db {\n  constructor(pool) { this.pool = pool; }\n  async setSessionStatements(statements) {\n    const clients = await Promise.all(Array.from({ length: this.pool.totalCount }, async () => await this.pool.connect()));\n    try {\n      await Promise.all(clients.map(async (client) => {\n        for (const statement of statements) await client.query(statement);\n      }));\n    } finally {\n      for (const client of clients) client.release();\n    }\n  }\n}\nmodule.exports = Db;\n",
    },
    {
      name: 'Redis lookups three files away: route, service re-exported by an index, then a dao of multiplexed commands',
      filename: 'lib/routes/credentials.js',
      code: "const express = require('express');\nconst services = require('../services');\nmodule.exports = function () {\n  const router = express.Router();\n  router.get('/', (req, res) => {\n    services.user.findAll().then(({ users }) => Promise.all(users.map((u) => services.credential.getCredentials(u.id).then((cs) => cs.map((c) => ({ consumerId: u.id, ...c }))))))\n      .then((all) => res.json(all), (err) => res.status(500).send(err.message));\n  });\n  return router;\n};\n",
      files: { 'lib/services/index.js': "const s = {};\ns.user = require('./user.service.js');\ns.credential = require('./credential.service.js');\nmodule.exports = s;\n", 'lib/services/user.service.js': "const db = require('./db');\nconst s = {};\ns.findAll = function () {\n  return db.scan(0, 'COUNT', 100).then(([, keys]) => Promise.all(keys.map((k) => db.hgetall(k)))).then((users) => ({ users }));\n};\nmodule.exports = s;\n", 'lib/services/credential.service.js': "const credentialDao = require('./credential.dao.js');\nconst s = {};\ns.getCredentials = function (consumerId) {\n  return credentialDao.getAllCredentials(consumerId).then((credentials) => credentials.filter(Boolean));\n};\nmodule.exports = s;\n", 'lib/services/credential.dao.js': "const db = require('./db');\nconst dao = {};\ndao.getCredential = function (id, type) {\n  return db.hgetall(`${type}:${id}`).then((c) => (c && Object.keys(c).length ? c : null));\n};\ndao.getAllCredentials = function (consumerId) {\n  const lookups = ['key-auth', 'oauth2', 'basic-auth'].map((type) => {\n    if (type === 'key-auth') {\n      return db.smembers(`${type}:${consumerId}`).then((ids) => Promise.all(ids.map((id) => this.getCredential(id, type))));\n    }\n    return this.getCredential(consumerId, type);\n  });\n  return Promise.all(lookups).then((results) => [].concat(...results));\n};\nmodule.exports = dao;\n", 'lib/services/db.js': "const Redis = require('ioredis');\nmodule.exports = new Redis(process.env.REDIS_URL);\n" },
    },
    {
      name: 'a list a helper of the file fills from literals only',
      filename: 'src/health.js',
      code: "function addChecks(checks, names) {\n  for (const name of names) checks.push({ name, url: `http://localhost:8080/${name}` });\n}\nexports.ping = async function () {\n  const checks = [];\n  addChecks(checks, ['db', 'cache', 'queue']);\n  return Promise.all(checks.map((c) => fetch(c.url, { signal: AbortSignal.timeout(2000) })));\n};\n",
    },
    {
      name: 'work only for elements found in an LRU cache of 500: at most that many do anything',
      filename: 'src/live-query.js',
      code: "const { LRUCache } = require('lru-cache');\nclass LiveQueryServer {\n  constructor(sessions) {\n    this.sessions = sessions;\n    this.authCache = new LRUCache({ max: 500, ttl: 5000 });\n  }\n  async clearCachedRoles(userId) {\n    const tokens = await this.sessions.find({ user: userId });\n    await Promise.all(tokens.map(async (token) => {\n      const sessionToken = token.get('sessionToken');\n      const authPromise = this.authCache.get(sessionToken);\n      if (!authPromise) {\n        return;\n      }\n      const auth = await fetch(`https://auth.example/${sessionToken}`, { signal: AbortSignal.timeout(2000) });\n      this.authCache.set(sessionToken, Promise.resolve(auth));\n    }));\n  }\n}\nmodule.exports = LiveQueryServer;\n",
    },
    {
      name: 'forEach with an arrow that hands back what a synchronous call returns',
      filename: 'src/notify.js',
      code: "function format(user) {\n  return `${user.name} <${user.email}>`;\n}\nexports.print = function (req) {\n  req.body.users.forEach((user) => console.log(format(user)));\n};\n",
    },
    {
      name: 'batches sliced by a var constant, as bundlers write constants',
      filename: 'src/search.js',
      code: "var CHECK_ACCESS_BATCH_SIZE = 50;\nexports.search = async function (req, checkAccess) {\n  const results = await req.db.find(req.query.text);\n  const allowed = [];\n  for (let i = 0; i < results.length; i += CHECK_ACCESS_BATCH_SIZE) {\n    const batch = await Promise.all(results.slice(i, i + CHECK_ACCESS_BATCH_SIZE).map((r) => checkAccess(r, req.user)));\n    allowed.push(...batch.filter(Boolean));\n  }\n  return allowed;\n};\n",
    },
    {
      name: 'configuration loading, in a config folder',
      filename: 'src/config/yaml-loader.ts',
      code: "import { readFile } from 'node:fs/promises';\nexport async function loadIncludes(text: string) {\n  const names = text.match(/include\\((.*)\\)/g) ?? [];\n  const parts = names.map(async (n) => readFile(n, 'utf8'));\n  return Promise.all(parts);\n}\n",
    },
    {
      name: "a file whose header says it was copied from another project's repository",
      filename: 'src/vendor-copy/batch.js',
      code: "// Copied from https://github.com/example/batcher/blob/main/src/batch.js (MIT)\nexport async function runAll(items, send) {\n  await Promise.all(items.map((item) => fetch(item.url)));\n}\n",
    },
    {
      name: "a Promise library's own race: Promise.resolve(x).then(resolve, reject) wraps what the caller started",
      filename: 'lib/util/promise.js',
      code: "var Promise = function (task) { this._defer = []; task(this._fulfil.bind(this), this._reject.bind(this)); };\nPromise.race = function (promises) {\n  return new Promise(function (resolve, reject) {\n    for (var i = 0, n = promises.length; i < n; i++)\n      Promise.resolve(promises[i]).then(resolve, reject);\n  });\n};\nmodule.exports = Promise;\n",
    },
    {
      name: 'a fan-out whose only work is a function of another file that sends one Redis command (bound in the constructor)',
      filename: 'lib/queue.js',
      code: "const Job = require('./job');\nfunction Queue(client) {\n  this.client = client;\n  this.getJobFromId = Job.fromId.bind(null, this);\n}\nQueue.prototype.recoverStalled = function (stalled) {\n  return Promise.all(stalled.map((id) => {\n    return this.getJobFromId(id).then((job) => {\n      if (job) this.emit('stalled', job);\n      return null;\n    });\n  }));\n};\nmodule.exports = Queue;\n",
      files: { 'lib/job.js': "const Job = function (queue, id) {\n  this.queue = queue;\n  this.id = id;\n};\nJob.fromId = async function (queue, id) {\n  if (!id) return Promise.resolve();\n  const raw = await queue.client.hgetall(queue.key(id));\n  return raw ? new Job(queue, id) : null;\n};\nmodule.exports = Job;\n" },
    },
    {
      name: 'a fan-out whose only work is a validator in another file that only stats files',
      filename: 'src/index.js',
      code: "const validate = require('./validate');\nclass Scheduler {\n  async add(jobs) {\n    const errors = [];\n    await Promise.all(jobs.map(async (job) => {\n      try {\n        await validate(job);\n      } catch (err) {\n        errors.push(err);\n      }\n    }));\n    return errors;\n  }\n}\nmodule.exports = Scheduler;\n",
      files: { 'src/validate.js': "const fs = require('fs');\nmodule.exports = async (job) => {\n  const stats = await fs.promises.stat(job.path);\n  if (!stats.isFile()) throw new Error(job.path + ' is not a file');\n};\n" },
    },
    {
      name: 'revisions from the last snapshot (the target rounded down to a multiple of 100) up to the target',
      filename: 'lib/doc.js',
      code: "const db = require('./db');\nfunction Doc(id) {\n  this.id = id;\n}\nDoc.prototype.snapshotBefore = function (rev) {\n  return Math.floor(rev / 100) * 100;\n};\nDoc.prototype.readChange = async function (rev) {\n  return db.get('doc:' + this.id + ':rev:' + rev);\n};\nDoc.prototype.textAt = async function (targetRev) {\n  const snapRev = this.snapshotBefore(targetRev);\n  const needed = [];\n  for (let r = snapRev; r < targetRev;) {\n    needed.push(++r);\n  }\n  const changes = await Promise.all(needed.map((r) => this.readChange(r)));\n  return changes.join('');\n};\nmodule.exports = Doc;\n",
      files: { 'lib/db.js': "exports.get = async (key) => (await fetch('http://db.internal/' + key)).text();\n" },
    },
    {
      name: 'windows of a step from start to an end every caller sets to start + 100 steps (the function only lowers it)',
      filename: 'lib/history.js',
      code: "const db = require('./db');\nconst historyWindow = async (docId, startNum, endNum, step) => {\n  const head = await db.head(docId);\n  if (endNum > head + 1) endNum = head + 1;\n  endNum = Math.floor(endNum / step) * step;\n  const windows = [];\n  for (let start = startNum; start < endNum; start += step) {\n    windows.push({ start, end: start + step });\n  }\n  return Promise.all(windows.map((w) => db.compose(docId, w.start, w.end)));\n};\nexports.onHistoryRequest = async (socket, message) => {\n  const step = message.data.step;\n  const start = message.data.start;\n  const end = start + (100 * step);\n  socket.send(await historyWindow(message.docId, start, end, step));\n};\n",
      files: { 'lib/db.js': "exports.head = async (id) => (await fetch('http://db.internal/head/' + id)).json();\nexports.compose = async (id, a, b) => (await fetch('http://db.internal/compose/' + id + '/' + a + '/' + b)).json();\n" },
    },
    {
      name: 'lookups built only for a few literal operator keys, the fan-out skipping the rest',
      filename: 'lib/relations.js',
      code: "const store = require('./store');\nexports.expandRelation = function (query, key) {\n  let lookups = null;\n  if (query[key] && (query[key].$in || query[key].$nin)) {\n    lookups = Object.keys(query[key]).map((op) => {\n      let ids;\n      let negated = false;\n      if (op === 'objectId') {\n        ids = [query[key].objectId];\n      } else if (op == '$in') {\n        ids = query[key].$in.map((r) => r.objectId);\n      } else if (op == '$nin') {\n        negated = true;\n        ids = query[key].$nin.map((r) => r.objectId);\n      } else {\n        return;\n      }\n      return { negated, ids };\n    });\n  } else {\n    lookups = [{ negated: false, ids: [] }];\n  }\n  const promises = lookups.map((l) => {\n    if (!l) {\n      return Promise.resolve();\n    }\n    return store.owningIds(key, l.ids).then((ids) => ({ negated: l.negated, ids }));\n  });\n  return Promise.all(promises);\n};\n",
      files: { 'lib/store.js': "exports.owningIds = async (key, ids) => (await fetch('http://db.internal/' + key, { method: 'POST', body: JSON.stringify(ids) })).json();\n" },
    },
    {
      name: 'awaiting only an optional function that arrives with each element (a sink the user may not have set)',
      code: "export async function flushSinks(calls: { args: unknown[]; sink?: { fn?: (...a: unknown[]) => unknown } }[], log: (e: unknown) => void) {\n  await Promise.all(calls.map(async ({ args, sink }) => {\n    try {\n      await sink?.fn?.(...args);\n    } catch (error) {\n      log(error);\n    }\n  }));\n}\n",
    },
    {
      name: 'a counted loop whose bounds are a literal apart (port - 3 to port): three probes (eufy-security-client)',
      code: `${SEND_EMAIL_DECL}export function probe(users: { email: string }[], port: number) {\n  for (let i = port - 3; i < port; i++) {\n    sendEmail(users[i]);\n  }\n  for (let i = port + 1; i <= port + 3; i++) sendEmail(users[i]);\n}\n`,
      files: calledFromRoute('ts', 'probe(req.body.users, req.body.port)'),
    },
    {
      name: 'a lookup chained per row that only waits for the list the object already holds (`await this.devicesLoaded`) and reads memory: no work started per row',
      filename: 'lib/station.js',
      code: DEVICE_REGISTRY("    if (this.devicesLoaded) await this.devicesLoaded;\n    if (sn in this.devices) return this.devices[sn];\n    throw new Error(`no device ${sn}`);"),
    },
    {
      name: "a page's script that fetches every URL a message lists at once: the browser caps its connections per host",
      filename: 'static/page.js',
      code: "window.addEventListener('message', (event) => {\n  document.title = `${event.data.urls.length} checks`;\n  return Promise.all(event.data.urls.map((url) => fetch(url, { signal: AbortSignal.timeout(5000) })));\n});\n",
    },
    {
      name: 'a queue pump that starts one send and breaks out of the loop (eufy-security-client)',
      code: `${SEND_EMAIL_DECL}export function pump(queue: { email: string }[]) {\n  while (queue.length > 0) {\n    const next = queue.shift()!;\n    if (next.email) {\n      sendEmail(next);\n      break;\n    }\n  }\n}\n`,
      files: calledFromRoute('ts', 'pump(req.body.users)'),
    },
    {
      name: 'a start whose branch ends by returning, after other statements (supabase realtime-js _updatePostgresBindings): at most one per call',
      code: `${SEND_EMAIL_DECL}export class Channel {\n  state = 'joined';\n  bindings: { email: string }[] = [];\n  update(server: { email: string }[], callback?: (s: string) => void) {\n    const kept: { email: string }[] = [];\n    for (let i = 0; i < server.length; i++) {\n      if (server[i].email === this.bindings[i]?.email) {\n        kept.push(server[i]);\n      } else {\n        sendEmail(server[i]);\n        this.state = 'errored';\n        callback?.('CHANNEL_ERROR');\n        return;\n      }\n    }\n    this.bindings = kept;\n  }\n}\n`,
      files: { 'src/route.ts': 'export const route = (req: any, ch: any) => ch.update(req.body.users);\n' },
    },
    {
      name: 'a protocol reply per frame of a received buffer, written on the object\'s own connection with its rejection handled (amqp-client parseFrames): no burst',
      filename: 'src/base-client.ts',
      code: FRAME_PARSER('this.send(ok).catch(this.rejectConnect);'),
    },
    {
      name: 'what the function that opens the service\'s listener loads before it serves (each configured data source, each file of its styles directory), in a `.then` and a readdir callback (tileserver-gl start): one-shot start-up',
      filename: 'src/server.js',
      code: TILE_SERVER(''),
    },
    {
      name: 'a sync string builder whose only route to work is a function of a third file that starts none (knex columnize → wrapAsIdentifier): no promise',
      filename: 'lib/compiler.js',
      code: "const { columnize } = require('./fmt');\nexports.quoteAll = function (names, client) {\n  const parts = [];\n  for (const c of names) {\n    parts.push(columnize(c, client));\n  }\n  return parts;\n};\n",
      files: {
        ...calledFromRoute('js', 'quoteAll(req.body.names, req.client)'),
        'lib/fmt.js': "const { wrapId } = require('./util');\nfunction columnize(target, client) {\n  return wrapId(target, client);\n}\nmodule.exports = { columnize };\n",
        'lib/util.js': "function wrapId(value, client) {\n  return client.wrapIdentifier(value.trim());\n}\nmodule.exports = { wrapId };\n",
      },
    },
    {
      name: 'a chain whose head is a function of this file that only hands on another file\'s lookup of a list it holds: no work per row',
      filename: 'lib/station.js',
      code: "const registry = require('./registry');\nfunction lookup(sn) {\n  return registry.getDevice(sn);\n}\nexports.onQueryLatest = async function (api, day) {\n  const rows = await api.queryEvents(day);\n  await Promise.all(rows.map((row) => lookup(row.device_sn).then((device) => { device.cover = row.crop_path; })));\n};\n",
      files: { 'lib/registry.js': "const devices = {};\nconst loaded = fetch('http://hub.internal/devices').then((r) => r.json()).then((list) => { for (const d of list) devices[d.sn] = d; });\nexports.getDevice = async function (sn) {\n  await loaded;\n  return devices[sn];\n};\n" },
    },
    {
      name: 'a value wrapped in Promise.resolve whose callback only hands on another file\'s lookup of a list it holds: no work per row',
      filename: 'lib/station.js',
      code: "const registry = require('./registry');\nexports.onQueryLatest = async function (api, day) {\n  const rows = await api.queryEvents(day);\n  await Promise.all(rows.map((row) => Promise.resolve(row).then((r) => registry.getDevice(r.device_sn))));\n};\n",
      files: { 'lib/registry.js': "const devices = {};\nconst loaded = fetch('http://hub.internal/devices').then((r) => r.json()).then((list) => { for (const d of list) devices[d.sn] = d; });\nexports.getDevice = async function (sn) {\n  await loaded;\n  return devices[sn];\n};\n" },
    },
    {
      name: "an ioBroker adapter writing each reported element into its host's database, unawaited: commands over the adapter's one connection, and a rejection means the host is gone",
      filename: 'main.js',
      code: AIRBOT_ADAPTER(''),
      files: ADAPTER_PACKAGE,
    },
    {
      name: 'Redis commands started per key with their rejection handled: queued on one connection, nothing left unhandled',
      filename: 'lib/sweep.js',
      code: REDIS_SWEEP("drop(k).catch((err) => console.error('sweep failed', err))"),
    },
    {
      name: "a migration runner loading each pending migration of the project (knex's Migrator): as many as its developers wrote",
      filename: 'lib/migrator.js',
      code: "class Migrator {\n  constructor(knex, config) {\n    this.knex = knex;\n    this.config = config;\n  }\n  async up() {\n    const [all, completed] = await this.listAllAndCompleted();\n    const done = completed.map((m) => m.name);\n    const migrationsToRun = all.filter((m) => !done.includes(m.file));\n    const loaded = await Promise.all(migrationsToRun.map(async (m) => {\n      const mod = await this.config.migrationSource.getMigration(m);\n      return mod.config && mod.config.transaction === false;\n    }));\n    return loaded.some(Boolean);\n  }\n  async listAllAndCompleted() {\n    return Promise.all([this.config.migrationSource.getMigrations(), this.knex('knex_migrations').select('name')]);\n  }\n}\nmodule.exports = Migrator;\n",
    },
    {
      name: "a flush of every object a declare method keeps (nodecg's replicants, declared by name): what the code declares, not input",
      filename: 'lib/replicator.js',
      code: "class Replicator {\n  constructor(db) {\n    this.db = db;\n    this.declared = new Map();\n  }\n  declare(name, namespace) {\n    const key = namespace + ':' + name;\n    if (!this.declared.has(key)) this.declared.set(key, { name, namespace, value: null });\n    return this.declared.get(key);\n  }\n  async save(rep) {\n    await this.db.query('update replicants set value = $1 where name = $2', [rep.value, rep.name]);\n  }\n  replicants() {\n    return [...this.declared.values()];\n  }\n  async saveAllNow() {\n    const promises = [];\n    for (const rep of this.replicants()) {\n      promises.push(this.save(rep));\n    }\n    await Promise.all(promises);\n  }\n}\nmodule.exports = Replicator;\n",
    },
    {
      name: 'ICE candidates of one signalling message handed to the local WebRTC peer connection (stanza, check 63)',
      filename: 'src/ice.js',
      code: "exports.addCandidates = async function (session, changes) {\n  const all = (changes.contents || []).map((content) => {\n    const sdpMid = content.name;\n    const results = (content.transport.candidates || []).map(async (candidate) => {\n      try {\n        await session.pc.addIceCandidate({ sdpMid, candidate });\n      } catch (err) {\n        console.error(err);\n      }\n    });\n    return Promise.all(results);\n  });\n  await Promise.all(all);\n};\n",
      files: calledFromRoute('js', 'addCandidates(req.session, req.body)'),
    },
    {
      name: 'an eviction loop down to the limit after each add, and a shutdown over the entries it caps (supergateway, check 63)',
      filename: 'src/retained.js',
      code: "class RetainedChildren {\n  entries = new Map();\n  constructor(options) {\n    this.options = options;\n  }\n  retain(handle, child) {\n    this.entries.set(handle, { child });\n    while (this.entries.size > this.options.limit) {\n      const oldest = this.entries.keys().next().value;\n      const previous = this.entries.get(oldest);\n      this.entries.delete(oldest);\n      void this.discard(previous);\n    }\n  }\n  async discard(child) {\n    await fetch(child.url, { method: 'DELETE', signal: AbortSignal.timeout(1000) });\n  }\n  async close() {\n    const children = new Set([...this.entries.values()].map((binding) => binding.child));\n    await Promise.all([...children].map((child) => this.discard(child)));\n  }\n}\nmodule.exports = RetainedChildren;\n",
    },
  ],
  invalid: [
    {
      name: 'an eviction loop over another list: the entries a shutdown fans out over stay uncapped (supergateway near-miss, check 63)',
      filename: 'src/retained.js',
      code: "class RetainedChildren {\n  entries = new Map();\n  recent = [];\n  constructor(options) {\n    this.options = options;\n  }\n  retain(handle, child) {\n    this.entries.set(handle, { child });\n    this.recent.push(handle);\n    while (this.recent.length > this.options.limit) {\n      const oldest = this.recent.shift();\n      const previous = this.entries.get(oldest);\n      void this.discard(previous);\n    }\n  }\n  async discard(child) {\n    await fetch(child.url, { method: 'DELETE', signal: AbortSignal.timeout(1000) });\n  }\n  async close() {\n    const children = new Set([...this.entries.values()].map((binding) => binding.child));\n    await Promise.all([...children].map((child) => this.discard(child)));\n  }\n}\nmodule.exports = RetainedChildren;\n",
      errors: [{ messageId: 'fanOut', line: 21, column: 11 }],
      output: null,
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\nclass RetainedChildren {\n  entries = new Map();\n  recent = [];\n  constructor(options) {\n    this.options = options;\n  }\n  retain(handle, child) {\n    this.entries.set(handle, { child });\n    this.recent.push(handle);\n    while (this.recent.length > this.options.limit) {\n      const oldest = this.recent.shift();\n      const previous = this.entries.get(oldest);\n      void this.discard(previous);\n    }\n  }\n  async discard(child) {\n    await fetch(child.url, { method: 'DELETE', signal: AbortSignal.timeout(1000) });\n  }\n  async close() {\n    const children = new Set([...this.entries.values()].map((binding) => binding.child));\n    const limit = limiter(8);\n    await Promise.all([...children].map((child) => limit(() => this.discard(child))));\n  }\n}\nmodule.exports = RetainedChildren;\n",
    },
    {
      name: 'nested maps held in consts, each POSTing a candidate: one burst, reported once at the outer map (stanza near-miss, check 63)',
      filename: 'src/ice.js',
      code: "exports.addCandidates = async function (session, changes) {\n  const all = (changes.contents || []).map((content) => {\n    const sdpMid = content.name;\n    const results = (content.transport.candidates || []).map(async (candidate) => {\n      try {\n        await fetch(session.url, { method: 'POST', body: candidate, signal: AbortSignal.timeout(1000) });\n      } catch (err) {\n        console.error(err);\n      }\n    });\n    return Promise.all(results);\n  });\n  await Promise.all(all);\n};\n",
      files: calledFromRoute('js', 'addCandidates(req.session, req.body)'),
      errors: [{ messageId: 'mappedFanOut', line: 2, column: 15 }],
      output: null,
    },
    {
      name: 'the same rotation whose last slot takes another field\'s map: a fill in a method, per call',
      filename: 'lib/announcer.js',
      code: ANNOUNCER('this._incoming[0]'),
      errors: [{ messageId: 'collectedInLoop', line: 30, column: 40 }],
    },
    {
      name: 'the same prunes reading each exchanged peer from the DHT: a network lookup per peer for every topic',
      filename: 'src/gossipsub.js',
      code: GOSSIP_PRUNES('this.components.dht.get(peerId)', 'this.getRandomGossipPeers(topic, (p) => p !== id)'),
      errors: [{ messageId: 'fanOut', line: 9, column: 11 }],
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\n" + GOSSIP_PRUNES('this.components.dht.get(peerId)', 'this.getRandomGossipPeers(topic, (p) => p !== id)')
        .replace('    await Promise.all(topics.map(async (topic) => {', '    const limit = limiter(8);\n    await Promise.all(topics.map((topic) => limit(async () => {')
        .replace('    }));\n  }\n  async sendPrune', '    })));\n  }\n  async sendPrune'),
    },
    {
      name: 'the same prunes handing a function to a helper that runs it later: what it starts is out of sight',
      filename: 'src/gossipsub.js',
      code: GOSSIP_PRUNES('this.components.peerStore.get(peerId)', 'this.later(() => this.mesh.delete(topic))'),
      errors: [{ messageId: 'fanOut', line: 9, column: 11 }],
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\n" + GOSSIP_PRUNES('this.components.peerStore.get(peerId)', 'this.later(() => this.mesh.delete(topic))')
        .replace('    await Promise.all(topics.map(async (topic) => {', '    const limit = limiter(8);\n    await Promise.all(topics.map((topic) => limit(async () => {')
        .replace('    }));\n  }\n  async sendPrune', '    })));\n  }\n  async sendPrune'),
    },
    {
      name: 'the same chunks with the test turned round: all that is left is taken while more than ten are left',
      filename: 'index.js',
      code: CLAMSCAN_CHUNKS('files.length < chunkSize'),
      errors: [{ messageId: 'fanOut', line: 12, column: 32 }],
      unsafeOutput: "const { limiter } = require('./stability-runtime.cjs');\n\n" + CLAMSCAN_CHUNKS('files.length < chunkSize')
        .replace('    const chunkResults', '    const limit = limiter(8);\n    const chunkResults')
        .replace('(file) => fetch(file.url, { signal: AbortSignal.timeout(1000) }).catch((e) => e)', '(file) => limit(() => fetch(file.url, { signal: AbortSignal.timeout(1000) }).catch((e) => e))'),
    },
    {
      name: 'the default case of the switch starts work for every other element',
      filename: 'lib/helpers/process_response_types.js',
      code: RESPONSE_TYPES('otherHandler(ctx)'),
      errors: [{ messageId: 'fanOut', line: 6, column: 47 }],
      unsafeOutput: "import { limiter } from '../../stability-runtime.cjs';\n\n" + RESPONSE_TYPES('otherHandler(ctx)')
        .replace("  const response =", '  const limit = limiter(8);\n  const response =')
        .replace('responses.map((responseType) => {', 'responses.map((responseType) => limit(() => {')
        .replace('  })));\n', '  }))));\n'),
    },
    {
      name: 'the same loop bounded only by its waiters: as many validations at once as requests queue',
      filename: 'lib/Pool.js',
      code: TARN_POOL('this.pendingAcquires.length > 0'),
      errors: [
        // The chain's `.catch` on the operation's promise handles its rejection.
        { messageId: 'startedInLoop', message: startedInLoop('abortAbleValidation.…(…)', false), line: 16, column: 7 },
        { messageId: 'startedInLoop', message: startedInLoop('…._validateResource(…)'), line: 19, column: 7 },
      ],
    },
    {
      name: 'a `start()` of a class declaring no start-up lifecycle may run per call',
      filename: 'src/transport/reservation-store.ts',
      code: RESERVATION_STORE('', 'start'),
      errors: [{ messageId: 'fanOut', line: 7, column: 13 }],
      unsafeOutput: RESERVATION_STORE_LIMITED('', 'start'),
    },
    {
      name: 'the same fan-out in a method of a `Startable` class that is no lifecycle hook',
      filename: 'src/transport/reservation-store.ts',
      code: RESERVATION_STORE(' implements Startable', 'refreshRelays'),
      errors: [{ messageId: 'fanOut', line: 7, column: 13 }],
      unsafeOutput: RESERVATION_STORE_LIMITED(' implements Startable', 'refreshRelays'),
    },
    {
      name: 'the private method fetches before it waits in its queue: that request runs for every element at once',
      filename: 'src/routing/pubsub.ts',
      code: PUBSUB_FETCH("    await fetch(`https://${peerId}/probe`);\n"),
      errors: [{ messageId: 'startedInLoop', line: 9, column: 9 }],
    },
    {
      name: 'the selector cuts to the count only on a switch, not whenever the list is longer',
      code: peerExchange('if (this.opts.trim)', 'this.opts.prunePeers'),
      errors: [{ messageId: 'fanOut', line: 16, column: 12 }],
      unsafeOutput: peerExchangeLimited('if (this.opts.trim)', 'this.opts.prunePeers'),
    },
    {
      name: 'the selector cuts to a count its caller takes from the list itself',
      code: peerExchange('if (peers.length > count)', 'all.length'),
      errors: [{ messageId: 'fanOut', line: 16, column: 12 }],
      unsafeOutput: peerExchangeLimited('if (peers.length > count)', 'all.length'),
    },
    {
      name: 'the member\'s class sends each message itself: a request per peer at once',
      filename: 'src/want-list.ts',
      code: WANT_LIST,
      files: { 'src/network.ts': NETWORK_DIRECT },
      errors: [{ messageId: 'fanOut', line: 9, column: 11 }],
      unsafeOutput: "import type { Network } from './network';\nimport { limiter } from './stability-runtime';\nexport class WantList {\n  private readonly network: Network;\n  constructor(network: Network) {\n    this.network = network;\n  }\n  async broadcast(store: { list(): Promise<string[]> }) {\n    const peers = await store.list();\n    const limit = limiter(8);\n    await Promise.all(peers.map((peer) => limit(async () => {\n      try {\n        await this.network.sendMessage(peer, 'want');\n      } catch (err) {\n        console.error(err);\n      }\n    })));\n  }\n}\n",
    },
    {
      name: 'the member\'s class enqueues on a queue made without a concurrency option: no limiter',
      filename: 'src/want-list.ts',
      code: WANT_LIST,
      files: { 'src/network.ts': queuedNetwork('{ name: \'outbox\' }') },
      errors: [{ messageId: 'fanOut', line: 9, column: 11 }],
      unsafeOutput: "import type { Network } from './network';\nimport { limiter } from './stability-runtime';\nexport class WantList {\n  private readonly network: Network;\n  constructor(network: Network) {\n    this.network = network;\n  }\n  async broadcast(store: { list(): Promise<string[]> }) {\n    const peers = await store.list();\n    const limit = limiter(8);\n    await Promise.all(peers.map((peer) => limit(async () => {\n      try {\n        await this.network.sendMessage(peer, 'want');\n      } catch (err) {\n        console.error(err);\n      }\n    })));\n  }\n}\n",
    },
    {
      name: 'a function passed to a page-context method but also exported for Node code to call is Node code',
      filename: 'core/gather/gatherers/cache-contents.js',
      code: "function getCacheContents() {\n  return caches.keys()\n    .then((cacheNames) => Promise.all(cacheNames.map((cacheName) => caches.open(cacheName))))\n    .then((opened) => {\n      const requests = [];\n      return Promise.all(opened.map((cache) => {\n        return cache.keys().then((reqs) => {\n          requests.push(...reqs.map((r) => r.url));\n        });\n      })).then(() => requests);\n    });\n}\nclass CacheContents {\n  async getArtifact(context) {\n    return context.driver.executionContext.evaluate(getCacheContents, { args: [] });\n  }\n}\nmodule.exports = { CacheContents, getCacheContents };\n",
      errors: [{ messageId: 'fanOut', line: 6, column: 14 }],
      unsafeOutput: "const { limiter } = require('../../../stability-runtime.cjs');\n\nfunction getCacheContents() {\n  return caches.keys()\n    .then((cacheNames) => Promise.all(cacheNames.map((cacheName) => caches.open(cacheName))))\n    .then((opened) => {\n      const requests = [];\n      const limit = limiter(8);\n      return Promise.all(opened.map((cache) => limit(() => {\n        return cache.keys().then((reqs) => {\n          requests.push(...reqs.map((r) => r.url));\n        });\n      }))).then(() => requests);\n    });\n}\nclass CacheContents {\n  async getArtifact(context) {\n    return context.driver.executionContext.evaluate(getCacheContents, { args: [] });\n  }\n}\nmodule.exports = { CacheContents, getCacheContents };\n",
    },
    {
      name: "an array sliced to a static field anyone may change (not readonly): no constant",
      code: "import { readdir, readFile } from 'node:fs/promises';\nexport class TranscriptStore {\n  static PageSize: number = 20;\n  async page(folder: string) {\n    const items = (await readdir(folder)).filter((f) => f.endsWith('.json'));\n    return Promise.all(items.slice(0, TranscriptStore.PageSize).sort().map(async (f) => JSON.parse(await readFile(`${folder}/${f}`, 'utf8'))));\n  }\n}\n",
      errors: [{ messageId: 'fanOut', line: 6, column: 12 }],
      unsafeOutput: "import { readdir, readFile } from 'node:fs/promises';\nimport { limiter } from './stability-runtime';\nexport class TranscriptStore {\n  static PageSize: number = 20;\n  async page(folder: string) {\n    const items = (await readdir(folder)).filter((f) => f.endsWith('.json'));\n    const limit = limiter(8);\n    return Promise.all(items.slice(0, TranscriptStore.PageSize).sort().map((f) => limit(async () => JSON.parse(await readFile(`${folder}/${f}`, 'utf8')))));\n  }\n}\n",
    },
    {
      name: 'promisified fs functions start promises: a walk stat-ing a caller\'s directory, and a fan-out of promisify(fs.readFile), are reported',
      filename: 'lib/read-all.js',
      code: "const fs = require('fs');\nconst path = require('path');\nconst { promisify } = require('util');\nconst stat = promisify(fs.stat);\nconst readdir = promisify(fs.readdir);\nconst readFile = promisify(fs.readFile);\nasync function getFilepathsInFolder(dir, recursive = false) {\n  const pathsList = await readdir(dir);\n  return (await Promise.all(\n    pathsList.sort().map(async (currentPath) => {\n      const currentFile = path.resolve(dir, currentPath);\n      const statFile = await stat(currentFile);\n      if (statFile && statFile.isDirectory()) {\n        if (recursive) return await getFilepathsInFolder(currentFile, true);\n        return [];\n      }\n      return [currentFile];\n    })\n  )).flat();\n}\nasync function readAll(dir) {\n  const names = await readdir(dir);\n  return Promise.all(names.map(async (name) => readFile(path.join(dir, name), 'utf8')));\n}\nmodule.exports = { getFilepathsInFolder, readAll };\n",
      errors: [{ messageId: 'fanOut', line: 9, column: 17 }, { messageId: 'fanOut', line: 23, column: 10 }],
      unsafeOutput: "const fs = require('fs');\nconst path = require('path');\nconst { promisify } = require('util');\nconst { limiter } = require('../stability-runtime.cjs');\nconst stat = promisify(fs.stat);\nconst readdir = promisify(fs.readdir);\nconst readFile = promisify(fs.readFile);\nasync function getFilepathsInFolder(dir, recursive = false) {\n  const pathsList = await readdir(dir);\n  const limit = limiter(8);\n  return (await Promise.all(\n    pathsList.sort().map((currentPath) => limit(async () => {\n      const currentFile = path.resolve(dir, currentPath);\n      const statFile = await stat(currentFile);\n      if (statFile && statFile.isDirectory()) {\n        if (recursive) return await getFilepathsInFolder(currentFile, true);\n        return [];\n      }\n      return [currentFile];\n    }))\n  )).flat();\n}\nasync function readAll(dir) {\n  const names = await readdir(dir);\n  const limit = limiter(8);\n  return Promise.all(names.map((name) => limit(async () => readFile(path.join(dir, name), 'utf8'))));\n}\nmodule.exports = { getFilepathsInFolder, readAll };\n",
    },
    {
      name: 'the same fan-out when the method reads the file directly: one read per page at once',
      filename: 'lib/page.js',
      code: PAGE_DIRECT,
      errors: [{ messageId: 'fanOut', line: 19, column: 7 }],
      output: null,
      unsafeOutput: "const fs = require('fs');\nconst { limiter } = require('../stability-runtime.cjs');\nmodule.exports = (argv) => {\n  const queue = [];\n  let working = false;\n  const itself = {};\n  const fileio = (action, file, cb) => fs.readFile(argv.db + '/' + file, 'utf8', (e, text) => cb(e, text && JSON.parse(text)));\n  const serial = (item) => {\n    if (!item) { working = false; return; }\n    working = true;\n    fileio(item.action, item.file, (e, page) => {\n      process.nextTick(() => serial(queue.shift()));\n      item.cb(e, page);\n    });\n  };\n  itself.get = (file, cb) => fileio('get', file, cb);\n  itself.pages = (cb) => {\n    fs.readdir(argv.db, (e, files) => {\n      if (e) return cb(e);\n      const limit = limiter(8);\n      Promise.all(files.map((file) => limit(() => new Promise((resolve) => {\n        itself.get(file, (err, page) => resolve(err ? null : { slug: file, title: page.title }));\n      })))).then((all) => cb(null, all), cb);\n    });\n  };\n  return itself;\n};\n",
    },
    {
      name: 'the same queue when its drain shifts every request off in one synchronous loop: all start at once',
      filename: 'lib/page.js',
      code: PAGE_BURST,
      errors: [{ messageId: 'fanOut', line: 19, column: 7 }],
      output: null,
      unsafeOutput: "const fs = require('fs');\nconst { limiter } = require('../stability-runtime.cjs');\nmodule.exports = (argv) => {\n  const queue = [];\n  let working = false;\n  const itself = {};\n  const fileio = (action, file, cb) => fs.readFile(argv.db + '/' + file, 'utf8', (e, text) => cb(e, text && JSON.parse(text)));\n  const serial = (item) => {\n    working = true;\n    for (let next = item; next; next = queue.shift()) fileio(next.action, next.file, next.cb);\n    working = false;\n  };\n  itself.get = (file, cb) => {\n    queue.push({ action: 'get', file, cb });\n    if (!working) serial(queue.shift());\n  };\n  itself.pages = (cb) => {\n    fs.readdir(argv.db, (e, files) => {\n      if (e) return cb(e);\n      const limit = limiter(8);\n      Promise.all(files.map((file) => limit(() => new Promise((resolve) => {\n        itself.get(file, (err, page) => resolve(err ? null : { slug: file, title: page.title }));\n      })))).then((all) => cb(null, all), cb);\n    });\n  };\n  return itself;\n};\n",
    },
    {
      name: 'the same search module when the store it is handed reads directly',
      filename: 'lib/search.js',
      code: SEARCH,
      files: { 'lib/page.js': PAGE_DIRECT },
      errors: [{ messageId: 'mappedFanOut', line: 6, column: 23 }],
    },
    {
      name: 'the same loop when nothing caps the pool\'s counter',
      filename: 'lib/pool.js',
      code: POOL_UNCAPPED,
      errors: [{ messageId: 'startedInLoop', line: 17, column: 5 }],
    },
    {
      name: 'the same fan-out over a lock file\'s entries: as many as the dependency tree',
      filename: 'lib/plugin.js',
      code: PLUGIN_LOCK,
      errors: [{ messageId: 'fanOut', line: 11, column: 12 }],
      output: null,
      unsafeOutput: "const fsSync = require('fs');\nconst { limiter } = require('../stability-runtime.cjs');\nconst fs = fsSync.promises;\nconst path = require('path');\nclass Plugin {\n  constructor(dir) {\n    this.dir = dir;\n    this.manifest = JSON.parse(fsSync.readFileSync(path.join(dir, 'package-lock.json'), { encoding: 'utf8' }));\n  }\n  compile() {\n    const templates = this.manifest.templates || {};\n    const limit = limiter(8);\n    return Promise.all(Object.keys(templates).map((name) => limit(() => fs.readFile(path.join(this.dir, templates[name]), 'utf8').then((text) => `<script id=\"${name}\">${text}</script>`))));\n  }\n}\nmodule.exports = Plugin;\n",
    },
    {
      name: 'every entry of an archive extracted at once: as many files as it was packed with',
      filename: 'lib/decompress.js',
      code: UNZIP,
      errors: [{ messageId: 'fanOut', line: 12, column: 16 }],
      output: null,
      unsafeOutput: "const fsP = require('node:fs/promises');\nconst path = require('node:path');\nconst decompressUnzip = require('decompress-unzip');\nconst { limiter } = require('../stability-runtime.cjs');\nconst extractItem = async (item, out) => {\n  const dest = path.join(out, item.path);\n  await fsP.mkdir(path.dirname(dest), { recursive: true });\n  await fsP.writeFile(dest, item.data, { mode: item.mode });\n};\nconst decompress = async (input, output) => {\n  const buf = await fsP.readFile(input);\n  const items = await decompressUnzip()(buf);\n  const limit = limiter(8);\n  return await Promise.all(items.map((x) => limit(async () => {\n    return await extractItem(x, output);\n  })));\n};\nmodule.exports = decompress;\n",
    },
    {
      name: 'the same flush of objects a per-call method keeps (a change log): it grows with the input',
      filename: 'lib/replicator.js',
      code: "class Replicator {\n  constructor(db) {\n    this.db = db;\n    this.declared = new Map();\n  }\n  record(name, namespace) {\n    const key = namespace + ':' + name;\n    if (!this.declared.has(key)) this.declared.set(key, { name, namespace, value: null });\n    return this.declared.get(key);\n  }\n  async save(rep) {\n    await this.db.query('update replicants set value = $1 where name = $2', [rep.value, rep.name]);\n  }\n  replicants() {\n    return [...this.declared.values()];\n  }\n  async saveAllNow() {\n    const promises = [];\n    for (const rep of this.replicants()) {\n      promises.push(this.save(rep));\n    }\n    await Promise.all(promises);\n  }\n}\nmodule.exports = Replicator;\n",
      errors: [{ messageId: 'collectedInLoop', line: 20, column: 21 }],
    },
    {
      name: 'the same fan-out over a list whose name says nothing of where it comes from: a query\'s rows as far as the code shows',
      filename: 'lib/migrator.js',
      code: "class Migrator {\n  constructor(knex, config) {\n    this.knex = knex;\n    this.config = config;\n  }\n  async up() {\n    const [all, completed] = await this.listAllAndCompleted();\n    const done = completed.map((m) => m.name);\n    const pending = all.filter((m) => !done.includes(m.file));\n    const loaded = await Promise.all(pending.map(async (m) => {\n      const mod = await this.config.migrationSource.getMigration(m);\n      return mod.config && mod.config.transaction === false;\n    }));\n    return loaded.some(Boolean);\n  }\n  async listAllAndCompleted() {\n    return Promise.all([this.config.migrationSource.getMigrations(), this.knex('knex_migrations').select('name')]);\n  }\n}\nmodule.exports = Migrator;\n",
      errors: [{ messageId: 'fanOut', line: 10, column: 26 }],
      output: null,
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\nclass Migrator {\n  constructor(knex, config) {\n    this.knex = knex;\n    this.config = config;\n  }\n  async up() {\n    const [all, completed] = await this.listAllAndCompleted();\n    const done = completed.map((m) => m.name);\n    const pending = all.filter((m) => !done.includes(m.file));\n    const limit = limiter(8);\n    const loaded = await Promise.all(pending.map((m) => limit(async () => {\n      const mod = await this.config.migrationSource.getMigration(m);\n      return mod.config && mod.config.transaction === false;\n    })));\n    return loaded.some(Boolean);\n  }\n  async listAllAndCompleted() {\n    return Promise.all([this.config.migrationSource.getMigrations(), this.knex('knex_migrations').select('name')]);\n  }\n}\nmodule.exports = Migrator;\n",
    },
    {
      name: "the same adapter when an update also asks a cloud service: one request per element",
      filename: 'main.js',
      code: AIRBOT_ADAPTER("\n    await fetch('https://cloud.example/devices/' + update.id, { signal: AbortSignal.timeout(5000) });"),
      files: ADAPTER_PACKAGE,
      errors: [{ messageId: 'startedInLoop', line: 13, column: 9 }],
    },
    {
      name: "the same host-database calls in a package that is no adapter of that host: nothing says who answers them",
      filename: 'main.js',
      code: AIRBOT_ADAPTER(''),
      files: { 'package.json': '{ "name": "airbot-bridge", "main": "main.js" }\n' },
      errors: [{ messageId: 'startedInLoop', line: 6, column: 9 }, { messageId: 'startedInLoop', line: 13, column: 9 }],
    },
    {
      name: 'Redis commands started per key with nothing handling a rejection: a dropped connection rejects every one, unhandled',
      filename: 'lib/sweep.js',
      code: REDIS_SWEEP('drop(k)'),
      errors: [{ messageId: 'startedInLoop', line: 9, column: 5 }],
    },
    {
      name: 'the same chain when the other file\'s lookup asks the hub for each device: one request per row',
      filename: 'lib/station.js',
      code: "const registry = require('./registry');\nfunction lookup(sn) {\n  return registry.getDevice(sn);\n}\nexports.onQueryLatest = async function (api, day) {\n  const rows = await api.queryEvents(day);\n  await Promise.all(rows.map((row) => lookup(row.device_sn).then((device) => { device.cover = row.crop_path; })));\n};\n",
      files: { 'lib/registry.js': "exports.getDevice = async function (sn) {\n  const res = await fetch('http://hub.internal/devices/' + sn);\n  return res.json();\n};\n" },
      errors: [{ messageId: 'fanOut', line: 7, column: 9 }],
      output: null,
      unsafeOutput: "const registry = require('./registry');\nconst { limiter } = require('../stability-runtime.cjs');\nfunction lookup(sn) {\n  return registry.getDevice(sn);\n}\nexports.onQueryLatest = async function (api, day) {\n  const rows = await api.queryEvents(day);\n  const limit = limiter(8);\n  await Promise.all(rows.map((row) => limit(() => lookup(row.device_sn).then((device) => { device.cover = row.crop_path; }))));\n};\n",
    },
    {
      name: 'the same builder when the third file\'s function does start work: the chain of files says so',
      filename: 'lib/compiler.js',
      code: "const { columnize } = require('./fmt');\nexports.quoteAll = function (names, client) {\n  const parts = [];\n  for (const c of names) {\n    parts.push(columnize(c, client));\n  }\n  return parts;\n};\n",
      files: {
        ...calledFromRoute('js', 'quoteAll(req.body.names, req.client)'),
        'lib/fmt.js': "const { wrapId } = require('./util');\nfunction columnize(target, client) {\n  return wrapId(target, client);\n}\nmodule.exports = { columnize };\n",
        'lib/util.js': "async function wrapId(value, client) {\n  return (await fetch('http://ids.internal/' + value)).text();\n}\nmodule.exports = { wrapId };\n",
      },
      errors: [{ messageId: 'collectedInLoop', line: 5, column: 16 }],
      output: null,
    },
    {
      name: 'the same fan-out in a Node process (it loads `fs`): every request leaves this process at once',
      filename: 'lib/runner.js',
      code: "const fs = require('fs');\nprocess.on('message', (msg) => {\n  fs.appendFileSync('runs.log', `${msg.urls.length}\\n`);\n  return Promise.all(msg.urls.map((url) => fetch(url, { signal: AbortSignal.timeout(5000) })));\n});\n",
      errors: [{ messageId: 'fanOut', line: 4, column: 10 }],
      output: null,
      unsafeOutput: "const fs = require('fs');\nconst { limiter } = require('../stability-runtime.cjs');\nprocess.on('message', (msg) => {\n  fs.appendFileSync('runs.log', `${msg.urls.length}\\n`);\n  const limit = limiter(8);\n  return Promise.all(msg.urls.map((url) => limit(() => fetch(url, { signal: AbortSignal.timeout(5000) }))));\n});\n",
    },
    {
      name: 'a counted loop whose bound is the request\'s count: as many as the client asks',
      code: `${SEND_EMAIL_DECL}export function probe(users: { email: string }[], n: number) {\n  for (let i = 0; i < n; i++) {\n    sendEmail(users[i]);\n  }\n}\n`,
      files: calledFromRoute('ts', 'probe(req.body.users, req.body.n)'),
      errors: [{ messageId: 'startedInLoop', line: 6, column: 5 }],
    },
    {
      name: 'a protocol reply per received frame whose rejection nothing handles: reported for the unhandled rejection, not as a burst (amqp-client Basic.CancelOk)',
      filename: 'src/base-client.ts',
      code: FRAME_PARSER('this.send(ok);'),
      errors: [{ messageId: 'unhandledReply', line: 16, column: 11, message: unhandledReply('this.send(…)') }],
    },
    {
      name: 'a write on the own connection per element of a list (not a cursor over received bytes): a burst, reported',
      filename: 'src/base-client.ts',
      code: "export abstract class BaseClient {\n  abstract send(bytes: Uint8Array): Promise<void>;\n  attach(socket: { on(e: string, f: (b: Buffer) => void): void }) {\n    socket.on('data', (buf: Buffer) => {\n      for (const frame of JSON.parse(buf.toString()).frames) this.send(frame).catch(() => undefined);\n    });\n  }\n}\n",
      errors: [{ messageId: 'startedInLoop', line: 5, column: 62 }],
    },
    {
      name: 'a cursor loop over received bytes that starts a request per id it reads, not a write on the own connection: reported',
      filename: 'src/base-client.ts',
      code: FRAME_PARSER('this.fetchState(ok).catch(this.rejectConnect);').replace('  abstract send(bytes: Uint8Array): Promise<void>;', '  async fetchState(b: Uint8Array) { await fetch(`https://x.internal/${b[0]}`, { signal: AbortSignal.timeout(5000) }); }'),
      errors: [{ messageId: 'startedInLoop', line: 16, column: 11 }],
    },
    {
      name: 'a route the start-up function registers runs per request: its fan-out over the request is reported, start-up\'s is not',
      filename: 'src/server.js',
      code: TILE_SERVER("  app.post('/seed', (req, res) => {\n    for (const id of req.body.ids) {\n      addSource(id, { url: id });\n    }\n    res.end();\n  });"),
      errors: [{ messageId: 'startedInLoop', line: 31, column: 7 }],
    },
    {
      name: 'a start whose branch may go round again before it returns (`if (…) continue;` in between): one per item',
      code: `${SEND_EMAIL_DECL}export function warnAll(users: { email: string; ok: boolean }[], stop: () => boolean) {\n  for (let i = 0; i < users.length; i++) {\n    if (!users[i].ok) {\n      sendEmail(users[i]);\n      if (!stop()) continue;\n      return;\n    }\n  }\n}\n`,
      files: calledFromRoute('ts', 'warnAll(req.body.users, req.stop)'),
      errors: [{ messageId: 'startedInLoop', line: 7, column: 7 }],
    },
    {
      name: 'a start whose branch throws inside a try that catches it in the loop: the loop goes on, one per item',
      code: `${SEND_EMAIL_DECL}export function warnAll(users: { email: string; ok: boolean }[]) {\n  for (const u of users) {\n    try {\n      if (!u.ok) {\n        sendEmail(u);\n        throw new Error('bad user');\n      }\n    } catch (e) {\n      console.error(e);\n    }\n  }\n}\n`,
      files: calledFromRoute('ts', 'warnAll(req.body.users)'),
      errors: [{ messageId: 'startedInLoop', line: 8, column: 9 }],
    },
    {
      name: 'a send in a switch case that breaks out of the switch, not the loop: one per item',
      code: `${SEND_EMAIL_DECL}export function pumpAll(queue: { email: string; kind: string }[]) {\n  while (queue.length > 0) {\n    const next = queue.shift()!;\n    switch (next.kind) {\n      case 'mail': {\n        sendEmail(next);\n        break;\n      }\n    }\n  }\n}\n`,
      files: calledFromRoute('ts', 'pumpAll(req.body.users)'),
      errors: [{ messageId: 'startedInLoop', line: 9, column: 9 }],
    },
    {
      name: 'queue names registered the same way, each asserted at once: the elements are data, not functions',
      filename: 'lib/channel-wrapper.js',
      code: "const pb = require('promise-breaker');\nclass ChannelWrapper {\n  constructor(manager) {\n    this._setups = [];\n    manager.on('connect', (c) => this._onConnect(c));\n  }\n  addSetup(setup) {\n    this._setups.push(setup);\n  }\n  removeSetup(setup) {\n    this._setups = this._setups.filter((s) => s !== setup);\n  }\n  async _onConnect({ connection }) {\n    const channel = await connection.createChannel();\n    await Promise.all(this._setups.map((setupFn) => channel.assertQueue(setupFn).catch((err) => console.error(err))));\n  }\n}\nmodule.exports = ChannelWrapper;\n",
      errors: [{ messageId: 'fanOut', line: 15, column: 11 }],
      output: null,
      unsafeOutput: "const pb = require('promise-breaker');\nconst { limiter } = require('../stability-runtime.cjs');\nclass ChannelWrapper {\n  constructor(manager) {\n    this._setups = [];\n    manager.on('connect', (c) => this._onConnect(c));\n  }\n  addSetup(setup) {\n    this._setups.push(setup);\n  }\n  removeSetup(setup) {\n    this._setups = this._setups.filter((s) => s !== setup);\n  }\n  async _onConnect({ connection }) {\n    const channel = await connection.createChannel();\n    const limit = limiter(8);\n    await Promise.all(this._setups.map((setupFn) => limit(() => channel.assertQueue(setupFn).catch((err) => console.error(err)))));\n  }\n}\nmodule.exports = ChannelWrapper;\n",
    },
    {
      name: 'the same method handed to a wrapper whose result is kept under another name: whoever calls that feeds it',
      filename: 'src/broker.js',
      code: "class Broker {\n  constructor(wrap) {\n    this.onCalls = wrap('mcall', this.mcall);\n  }\n  call(action) {\n    return fetch('http://svc.internal/' + action, { signal: AbortSignal.timeout(5000) });\n  }\n  mcall(defs) {\n    return Promise.all(defs.map((d) => this.call(d.action)));\n  }\n}\nmodule.exports = Broker;\n",
      files: { 'src/use.js': "const Broker = require('./broker');\nconst broker = new Broker((name, fn) => fn);\nexports.both = () => broker.mcall([{ action: 'users.list' }, { action: 'orders.list' }]);\n" },
      errors: [{ messageId: 'fanOut', line: 9, column: 12 }],
      output: null,
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\nclass Broker {\n  constructor(wrap) {\n    this.onCalls = wrap('mcall', this.mcall);\n  }\n  call(action) {\n    return fetch('http://svc.internal/' + action, { signal: AbortSignal.timeout(5000) });\n  }\n  mcall(defs) {\n    const limit = limiter(8);\n    return Promise.all(defs.map((d) => limit(() => this.call(d.action))));\n  }\n}\nmodule.exports = Broker;\n",
    },
    {
      name: 'the same function another file registers as an event listener: it gets what happened',
      filename: 'lib/minify.js',
      code: "const read = require('./read');\nconst requestURIs = (locations, callback) => {\n  Promise.all(locations.map((loc) => read.file(loc))).then((files) => callback(files));\n};\nmodule.exports = { requestURIs };\n",
      files: {
        'lib/read.js': "const fs = require('fs');\nexports.file = (p) => fs.promises.readFile(p, 'utf8');\n",
        'lib/static.js': "const minify = require('./minify');\nmodule.exports = (bus) => {\n  bus.on('locations', minify.requestURIs);\n};\n",
      },
      errors: [{ messageId: 'fanOut', line: 3, column: 3 }],
      output: null,
      unsafeOutput: "const read = require('./read');\nconst { limiter } = require('../stability-runtime.cjs');\nconst requestURIs = (locations, callback) => {\n  const limit = limiter(8);\n  Promise.all(locations.map((loc) => limit(() => read.file(loc)))).then((files) => callback(files));\n};\nmodule.exports = { requestURIs };\n",
    },
    {
      name: 'the page an AWS SDK v3 list command brought back: as many objects as the bucket holds',
      code: "declare const s3: { send(c: unknown): Promise<{ Contents: { Key: string }[] }> };\ndeclare class ListObjectsV2Command { constructor(input: unknown) }\ndeclare function archive(key: string): Promise<void>;\nexport async function archiveAll() {\n  const page = await s3.send(new ListObjectsV2Command({ Bucket: 'logs' }));\n  await Promise.all(page.Contents.map((o) => archive(o.Key)));\n}\n",
      errors: [{ messageId: 'fanOut', line: 6, column: 9 }],
      output: null,
      unsafeOutput: "import { limiter } from './stability-runtime';\n\ndeclare const s3: { send(c: unknown): Promise<{ Contents: { Key: string }[] }> };\ndeclare class ListObjectsV2Command { constructor(input: unknown) }\ndeclare function archive(key: string): Promise<void>;\nexport async function archiveAll() {\n  const page = await s3.send(new ListObjectsV2Command({ Bucket: 'logs' }));\n  const limit = limiter(8);\n  await Promise.all(page.Contents.map((o) => limit(() => archive(o.Key))));\n}\n",
    },
    {
      name: 'a cursor read down the chain (find(q).fetch()): as many votes as match',
      code: "declare const Votes: { find(q: object): { fetch(): Promise<{ _id: string }[]> }; update(id: string): Promise<void> };\nexport async function recount() {\n  const votes = await Votes.find({ year: 2020 }).fetch();\n  votes.forEach(async (v) => {\n    await Votes.update(v._id);\n  });\n}\n",
      errors: [{ messageId: 'forEachAsync', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'rows handed to a .then callback: as many as the table holds',
      code: "declare const db: { query(sql: string): Promise<{ id: string }[]> };\ndeclare function notify(id: string): Promise<void>;\nexport function notifyAll() {\n  return db.query('select id from users').then((rows) => Promise.all(rows.map((r) => notify(r.id))));\n}\n",
      errors: [{ messageId: 'fanOut', line: 4, column: 58 }],
      output: null,
    },
    {
      name: 'what a function of another project file returns, awaited: that file shows it parses a document read from disk',
      code: "import { fetchPermissions } from './permissions';\ndeclare function addToGroup(user: string): Promise<void>;\nexport async function sync() {\n  const users = await fetchPermissions();\n  await Promise.all(users.map((u) => addToGroup(u)));\n}\n",
      files: { 'src/permissions.ts': "import { readFile } from 'node:fs/promises';\nexport async function fetchPermissions(): Promise<string[]> {\n  return JSON.parse(await readFile('/etc/permissions.json', 'utf8'));\n}\n" },
      errors: [{ messageId: 'fanOut', line: 5, column: 9 }],
      output: null,
      unsafeOutput: "import { fetchPermissions } from './permissions';\nimport { limiter } from './stability-runtime';\ndeclare function addToGroup(user: string): Promise<void>;\nexport async function sync() {\n  const users = await fetchPermissions();\n  const limit = limiter(8);\n  await Promise.all(users.map((u) => limit(() => addToGroup(u))));\n}\n",
    },
    {
      name: 'what a function of another project file returns, through a third file: each file shows where its result comes from',
      code: "import { loadUsers } from './users';\ndeclare function addToGroup(user: string): Promise<void>;\nexport async function sync() {\n  const users = await loadUsers();\n  await Promise.all(users.map((u) => addToGroup(u)));\n}\n",
      files: {
        'src/users.ts': "import { fetchPermissions } from './permissions';\nexport async function loadUsers(): Promise<string[]> {\n  const users = await fetchPermissions();\n  return users.filter((u) => u !== 'root');\n}\n",
        'src/permissions.ts': "import { readFile } from 'node:fs/promises';\nexport async function fetchPermissions(): Promise<string[]> {\n  return JSON.parse(await readFile('/etc/permissions.json', 'utf8'));\n}\n",
      },
      errors: [{ messageId: 'fanOut', line: 5, column: 9 }],
      output: null,
      unsafeOutput: "import { loadUsers } from './users';\nimport { limiter } from './stability-runtime';\ndeclare function addToGroup(user: string): Promise<void>;\nexport async function sync() {\n  const users = await loadUsers();\n  const limit = limiter(8);\n  await Promise.all(users.map((u) => limit(() => addToGroup(u))));\n}\n",
    },
    {
      name: 'a listing a function of another project file returns without an await, handed to a function of this file',
      filename: 'lib/clean.js',
      code: "const { readFile } = require('fs/promises');\nconst { listFiles } = require('./list');\nasync function readAll(files) {\n  await Promise.all(files.map((f) => readFile(f, 'utf8')));\n}\nexports.load = (dir) => readAll(listFiles(dir));\n",
      files: { 'lib/list.js': "const fs = require('fs');\nexports.listFiles = (dir) => fs.readdirSync(dir).map((n) => `${dir}/${n}`);\n" },
      errors: [{ messageId: 'fanOut', line: 4, column: 9 }],
      output: null,
      unsafeOutput: "const { readFile } = require('fs/promises');\nconst { listFiles } = require('./list');\nconst { limiter } = require('../stability-runtime.cjs');\nasync function readAll(files) {\n  const limit = limiter(8);\n  await Promise.all(files.map((f) => limit(() => readFile(f, 'utf8'))));\n}\nexports.load = (dir) => readAll(listFiles(dir));\n",
    },
    {
      name: 'a parameter left to its default, when the default reads a directory',
      code: "import { readdirSync } from 'node:fs';\nimport { readFile } from 'node:fs/promises';\nexport async function loadAll(dir: string, encoding: BufferEncoding, strict: boolean, names = readdirSync(dir)) {\n  return Promise.all(names.map((n) => readFile(`${dir}/${n}`, encoding)));\n}\nexport const load = (dir: string) => loadAll(dir, 'utf8', true);\n",
      errors: [{ messageId: 'fanOut', line: 4, column: 10 }],
      output: null,
      unsafeOutput: "import { readdirSync } from 'node:fs';\nimport { readFile } from 'node:fs/promises';\nimport { limiter } from './stability-runtime';\nexport async function loadAll(dir: string, encoding: BufferEncoding, strict: boolean, names = readdirSync(dir)) {\n  const limit = limiter(8);\n  return Promise.all(names.map((n) => limit(() => readFile(`${dir}/${n}`, encoding))));\n}\nexport const load = (dir: string) => loadAll(dir, 'utf8', true);\n",
    },
    {
      name: 'a fourth argument holding a request\'s list reaches the parameter it fills',
      filename: 'lib/injector.js',
      code: "class Injector {\n  async loadInstance(item) {\n    await fetch(`http://registry.internal/${item.id}`, { signal: AbortSignal.timeout(5000) });\n  }\n  async loadEach(wrapper, ctx, inquirer, items) {\n    await Promise.all(items.map((item) => this.loadInstance(item)));\n  }\n  async onRequest(req) {\n    await this.loadEach(null, null, null, req.body.items);\n  }\n}\nmodule.exports = Injector;\n",
      errors: [{ messageId: 'fanOut', line: 6, column: 11 }],
      output: null,
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\nclass Injector {\n  async loadInstance(item) {\n    await fetch(`http://registry.internal/${item.id}`, { signal: AbortSignal.timeout(5000) });\n  }\n  async loadEach(wrapper, ctx, inquirer, items) {\n    const limit = limiter(8);\n    await Promise.all(items.map((item) => limit(() => this.loadInstance(item))));\n  }\n  async onRequest(req) {\n    await this.loadEach(null, null, null, req.body.items);\n  }\n}\nmodule.exports = Injector;\n",
    },
    {
      name: 'a helper that makes its own limiter on every call bounds nothing across the elements',
      code: "import pLimit from 'p-limit';\nasync function createEntry(entry: { id: string }): Promise<Response> {\n  const limit = pLimit(2);\n  return limit(() => fetch(`https://cms.internal/entries/${entry.id}`, { method: 'PUT', signal: AbortSignal.timeout(5000) }));\n}\nexport async function createEntries(req: { body: { entries: { id: string }[] } }) {\n  return Promise.all(req.body.entries.map((entry) => createEntry(entry)));\n}\n",
      errors: [{ messageId: 'fanOut', line: 7, column: 10 }],
      output: null,
      unsafeOutput: "import pLimit from 'p-limit';\nimport { limiter } from './stability-runtime';\nasync function createEntry(entry: { id: string }): Promise<Response> {\n  const limit = pLimit(2);\n  return limit(() => fetch(`https://cms.internal/entries/${entry.id}`, { method: 'PUT', signal: AbortSignal.timeout(5000) }));\n}\nexport async function createEntries(req: { body: { entries: { id: string }[] } }) {\n  const limit = limiter(8);\n  return Promise.all(req.body.entries.map((entry) => limit(() => createEntry(entry))));\n}\n",
    },
    {
      name: 'literal cases that fall through to work for every other element',
      code: "declare function totalCount(c: string): Promise<number>;\ndeclare function countOf(c: string, field: string): Promise<number>;\nexport async function metaFor(collection: string, req: { query: { meta: string[] } }) {\n  return Promise.all(req.query.meta.map((m) => {\n    if (m === 'total_count') return totalCount(collection);\n    return countOf(collection, m);\n  }));\n}\n",
      errors: [{ messageId: 'fanOut', line: 4, column: 10 }],
      output: null,
      unsafeOutput: "import { limiter } from './stability-runtime';\n\ndeclare function totalCount(c: string): Promise<number>;\ndeclare function countOf(c: string, field: string): Promise<number>;\nexport async function metaFor(collection: string, req: { query: { meta: string[] } }) {\n  const limit = limiter(8);\n  return Promise.all(req.query.meta.map((m) => limit(() => {\n    if (m === 'total_count') return totalCount(collection);\n    return countOf(collection, m);\n  })));\n}\n",
    },
    {
      name: 'a request\'s repeated query parameter taken as one value or a list: the client decides how many',
      code: "declare function lookup(id: string): Promise<unknown>;\nexport async function byIds(req: { query: { id: string | string[] } }) {\n  const ids = Array.isArray(req.query.id) ? req.query.id : [req.query.id];\n  return Promise.all(ids.map((id) => lookup(id)));\n}\n",
      errors: [{ messageId: 'fanOut', line: 4, column: 10 }],
      output: null,
      unsafeOutput: "import { limiter } from './stability-runtime';\n\ndeclare function lookup(id: string): Promise<unknown>;\nexport async function byIds(req: { query: { id: string | string[] } }) {\n  const ids = Array.isArray(req.query.id) ? req.query.id : [req.query.id];\n  const limit = limiter(8);\n  return Promise.all(ids.map((id) => limit(() => lookup(id))));\n}\n",
    },
    {
      name: 'a list filled by a while loop matching over a request\'s text: as many as the text holds',
      code: "declare function lookup(tag: string): Promise<unknown>;\nexport async function tags(req: { body: { text: string } }) {\n  const found: string[] = [];\n  const re = /#(\\w+)/g;\n  let m: RegExpExecArray | null;\n  while ((m = re.exec(req.body.text)) !== null) found.push(m[1]);\n  return Promise.all(found.map((t) => lookup(t)));\n}\n",
      errors: [{ messageId: 'fanOut', line: 7, column: 10 }],
      output: null,
      unsafeOutput: "import { limiter } from './stability-runtime';\n\ndeclare function lookup(tag: string): Promise<unknown>;\nexport async function tags(req: { body: { text: string } }) {\n  const found: string[] = [];\n  const re = /#(\\w+)/g;\n  let m: RegExpExecArray | null;\n  while ((m = re.exec(req.body.text)) !== null) found.push(m[1]);\n  const limit = limiter(8);\n  return Promise.all(found.map((t) => limit(() => lookup(t))));\n}\n",
    },
    {
      name: 'a list filled by a while loop that awaits a page each time round',
      code: "declare const api: { page(token?: string): Promise<{ items: string[]; next?: string }> };\ndeclare function sync(id: string): Promise<void>;\nexport async function syncAll() {\n  const ids: string[] = [];\n  let token: string | undefined = '';\n  while (token !== undefined) {\n    const page = await api.page(token || undefined);\n    ids.push(...page.items);\n    token = page.next;\n  }\n  await Promise.all(ids.map((id) => sync(id)));\n}\n",
      errors: [{ messageId: 'fanOut', line: 11, column: 9 }],
      output: null,
      unsafeOutput: "import { limiter } from './stability-runtime';\n\ndeclare const api: { page(token?: string): Promise<{ items: string[]; next?: string }> };\ndeclare function sync(id: string): Promise<void>;\nexport async function syncAll() {\n  const ids: string[] = [];\n  let token: string | undefined = '';\n  while (token !== undefined) {\n    const page = await api.page(token || undefined);\n    ids.push(...page.items);\n    token = page.next;\n  }\n  const limit = limiter(8);\n  await Promise.all(ids.map((id) => limit(() => sync(id))));\n}\n",
    },
    {
      name: 'a function of another project file that hands back the promise of a query\'s rows unawaited: its callers\' await brings the rows',
      code: "import { activeUsers } from './users';\ndeclare function notify(id: string): Promise<void>;\nexport async function notifyActive() {\n  const rows = await activeUsers();\n  await Promise.all(rows.map((r) => notify(r.id)));\n}\n",
      files: { 'src/users.ts': "declare const db: { query(sql: string): Promise<{ id: string }[]> };\nexport function activeUsers() {\n  return db.query('select id from users where active');\n}\n" },
      errors: [{ messageId: 'fanOut', line: 5, column: 9 }],
      output: null,
      unsafeOutput: "import { activeUsers } from './users';\nimport { limiter } from './stability-runtime';\ndeclare function notify(id: string): Promise<void>;\nexport async function notifyActive() {\n  const rows = await activeUsers();\n  const limit = limiter(8);\n  await Promise.all(rows.map((r) => limit(() => notify(r.id))));\n}\n",
    },
    {
      name: 'the rows a query brought back: as many as the table holds',
      code: "declare const db: { query(sql: string): Promise<{ id: string }[]> };\ndeclare function notify(id: string): Promise<void>;\nexport async function notifyAll() {\n  const rows = await db.query('select id from users');\n  await Promise.all(rows.map((r) => notify(r.id)));\n}\n",
      errors: [{ messageId: 'fanOut', line: 5, column: 9 }],
      output: null,
      unsafeOutput: "import { limiter } from './stability-runtime';\n\ndeclare const db: { query(sql: string): Promise<{ id: string }[]> };\ndeclare function notify(id: string): Promise<void>;\nexport async function notifyAll() {\n  const rows = await db.query('select id from users');\n  const limit = limiter(8);\n  await Promise.all(rows.map((r) => limit(() => notify(r.id))));\n}\n",
    },
    {
      name: 'a request body\'s list, sent by the client',
      code: "declare function save(item: unknown): Promise<void>;\nexport async function create(req: { body: { items: unknown[] } }) {\n  await Promise.all(req.body.items.map((it) => save(it)));\n}\n",
      errors: [{ messageId: 'fanOut', line: 3, column: 9 }],
      output: null,
      unsafeOutput: "import { limiter } from './stability-runtime';\n\ndeclare function save(item: unknown): Promise<void>;\nexport async function create(req: { body: { items: unknown[] } }) {\n  const limit = limiter(8);\n  await Promise.all(req.body.items.map((it) => limit(() => save(it))));\n}\n",
    },
    {
      name: 'a helper another file calls with lines read from a file: its parameter is outside data',
      code: "declare function post(line: string): Promise<void>;\nexport async function postAll(lines: string[]) {\n  await Promise.all(lines.map((l) => post(l)));\n}\n",
      files: { 'src/main.ts': "import { readFileSync } from 'node:fs';\nimport { postAll } from './file';\nexport async function main(path: string) {\n  await postAll(readFileSync(path, 'utf8').split('\\n'));\n}\n" },
      errors: [{ messageId: 'fanOut', line: 3, column: 9 }],
      output: null,
      unsafeOutput: "import { limiter } from './stability-runtime';\n\ndeclare function post(line: string): Promise<void>;\nexport async function postAll(lines: string[]) {\n  const limit = limiter(8);\n  await Promise.all(lines.map((l) => limit(() => post(l))));\n}\n",
    },
    {
      name: 'a range filled up to a number the caller chooses',
      code: "declare function readRev(n: number): Promise<string>;\nexport async function revisions(from: number, to: number) {\n  const revs: number[] = [];\n  for (let r = from; r < to; r++) revs.push(r);\n  return Promise.all(revs.map((r) => readRev(r)));\n}\n",
      errors: [{ messageId: 'fanOut', line: 5, column: 10 }],
      output: null,
      unsafeOutput: "import { limiter } from './stability-runtime';\n\ndeclare function readRev(n: number): Promise<string>;\nexport async function revisions(from: number, to: number) {\n  const revs: number[] = [];\n  for (let r = from; r < to; r++) revs.push(r);\n  const limit = limiter(8);\n  return Promise.all(revs.map((r) => limit(() => readRev(r))));\n}\n",
    },
    {
      name: 'a header crediting a Q&A snippet, not another package, keeps the file linted',
      filename: 'src/batch.js',
      code: "// Copied from https://stackoverflow.com/a/12345 and adapted\nexport async function runAll(items) {\n  await Promise.all(items.map((item) => fetch(item.url)));\n}\n",
      files: calledFromRoute('js', 'runAll(req.body.items)'),
      errors: [{ messageId: 'fanOut', line: 3, column: 9 }],
      output: null,
      unsafeOutput: "// Copied from https://stackoverflow.com/a/12345 and adapted\nimport { limiter } from '../stability-runtime.cjs';\nexport async function runAll(items) {\n  const limit = limiter(8);\n  await Promise.all(items.map((item) => limit(() => fetch(item.url))));\n}\n",
    },
    {
      name: 'an optional sink beside a request per element still starts that many requests',
      code: "export async function flushSinks(calls: { args: unknown[]; url: string; sink?: { fn?: (...a: unknown[]) => unknown } }[], log: (e: unknown) => void) {\n  await Promise.all(calls.map(async ({ args, url, sink }) => {\n    try {\n      await sink?.fn?.(...args);\n      await fetch(url, { method: 'POST', signal: AbortSignal.timeout(5000) });\n    } catch (error) {\n      log(error);\n    }\n  }));\n}\n",
      files: calledFromRoute('ts', 'flushSinks(req.body.calls)'),
      errors: [{ messageId: 'fanOut', line: 2, column: 9 }],
      output: null,
      unsafeOutput: "import { limiter } from './stability-runtime';\n\nexport async function flushSinks(calls: { args: unknown[]; url: string; sink?: { fn?: (...a: unknown[]) => unknown } }[], log: (e: unknown) => void) {\n  const limit = limiter(8);\n  await Promise.all(calls.map(({ args, url, sink }) => limit(async () => {\n    try {\n      await sink?.fn?.(...args);\n      await fetch(url, { method: 'POST', signal: AbortSignal.timeout(5000) });\n    } catch (error) {\n      log(error);\n    }\n  })));\n}\n",
    },
    {
      name: 'lookups built for every key of the query object are as many as the client sends',
      filename: 'lib/relations.js',
      code: "const store = require('./store');\nexports.expandRelation = function (query, key) {\n  let lookups = null;\n  if (query[key] && (query[key].$in || query[key].$nin)) {\n    lookups = Object.keys(query[key]).map((op) => {\n      let ids;\n      let negated = false;\n      if (op === 'objectId') {\n        ids = [query[key].objectId];\n      } else if (op == '$in') {\n        ids = query[key].$in.map((r) => r.objectId);\n      } else if (op == '$nin') {\n        negated = true;\n        ids = query[key].$nin.map((r) => r.objectId);\n      }\n      return { negated, ids };\n    });\n  } else {\n    lookups = [{ negated: false, ids: [] }];\n  }\n  const promises = lookups.map((l) => {\n    if (!l) {\n      return Promise.resolve();\n    }\n    return store.owningIds(key, l.ids).then((ids) => ({ negated: l.negated, ids }));\n  });\n  return Promise.all(promises);\n};\n",
      files: { ...calledFromRoute('js', "expandRelation(req.query, 'owner')"), 'lib/store.js': "exports.owningIds = async (key, ids) => (await fetch('http://db.internal/' + key, { method: 'POST', body: JSON.stringify(ids) })).json();\n" },
      errors: [{ messageId: 'mappedFanOut', line: 21, column: 20 }],
      output: null,
    },
    {
      name: 'the same windows when the caller lets the client choose how many steps',
      filename: 'lib/history.js',
      code: "const db = require('./db');\nconst historyWindow = async (docId, startNum, endNum, step) => {\n  const head = await db.head(docId);\n  if (endNum > head + 1) endNum = head + 1;\n  endNum = Math.floor(endNum / step) * step;\n  const windows = [];\n  for (let start = startNum; start < endNum; start += step) {\n    windows.push({ start, end: start + step });\n  }\n  return Promise.all(windows.map((w) => db.compose(docId, w.start, w.end)));\n};\nexports.onHistoryRequest = async (socket, message) => {\n  const step = message.data.step;\n  const start = message.data.start;\n  const end = start + (message.data.count * step);\n  socket.send(await historyWindow(message.docId, start, end, step));\n};\n",
      files: { 'lib/db.js': "exports.head = async (id) => (await fetch('http://db.internal/head/' + id)).json();\nexports.compose = async (id, a, b) => (await fetch('http://db.internal/compose/' + id + '/' + a + '/' + b)).json();\n" },
      errors: [{ messageId: 'fanOut', line: 10, column: 10 }],
      output: null,
      unsafeOutput: "const db = require('./db');\nconst { limiter } = require('../stability-runtime.cjs');\nconst historyWindow = async (docId, startNum, endNum, step) => {\n  const head = await db.head(docId);\n  if (endNum > head + 1) endNum = head + 1;\n  endNum = Math.floor(endNum / step) * step;\n  const windows = [];\n  for (let start = startNum; start < endNum; start += step) {\n    windows.push({ start, end: start + step });\n  }\n  const limit = limiter(8);\n  return Promise.all(windows.map((w) => limit(() => db.compose(docId, w.start, w.end))));\n};\nexports.onHistoryRequest = async (socket, message) => {\n  const step = message.data.step;\n  const start = message.data.start;\n  const end = start + (message.data.count * step);\n  socket.send(await historyWindow(message.docId, start, end, step));\n};\n",
    },
    {
      name: 'a range whose start is not the target rounded down is as long as the caller makes it',
      filename: 'lib/doc.js',
      code: "const db = require('./db');\nfunction Doc(id) {\n  this.id = id;\n}\nDoc.prototype.snapshotBefore = function (rev) {\n  return Math.floor(rev / 100) * 100;\n};\nDoc.prototype.readChange = async function (rev) {\n  return db.get('doc:' + this.id + ':rev:' + rev);\n};\nDoc.prototype.textAt = async function (targetRev) {\n  const snapRev = this.snapshotBefore(targetRev) - 100 * targetRev;\n  const needed = [];\n  for (let r = snapRev; r < targetRev;) {\n    needed.push(++r);\n  }\n  const changes = await Promise.all(needed.map((r) => this.readChange(r)));\n  return changes.join('');\n};\nmodule.exports = Doc;\n",
      files: { 'lib/db.js': "exports.get = async (key) => (await fetch('http://db.internal/' + key)).text();\n" },
      errors: [{ messageId: 'fanOut', line: 17, column: 25 }],
      output: null,
      unsafeOutput: "const db = require('./db');\nconst { limiter } = require('../stability-runtime.cjs');\nfunction Doc(id) {\n  this.id = id;\n}\nDoc.prototype.snapshotBefore = function (rev) {\n  return Math.floor(rev / 100) * 100;\n};\nDoc.prototype.readChange = async function (rev) {\n  return db.get('doc:' + this.id + ':rev:' + rev);\n};\nDoc.prototype.textAt = async function (targetRev) {\n  const snapRev = this.snapshotBefore(targetRev) - 100 * targetRev;\n  const needed = [];\n  for (let r = snapRev; r < targetRev;) {\n    needed.push(++r);\n  }\n  const limit = limiter(8);\n  const changes = await Promise.all(needed.map((r) => limit(() => this.readChange(r))));\n  return changes.join('');\n};\nmodule.exports = Doc;\n",
    },
    {
      name: 'the same bound fan-out, when the function in the other file makes an HTTP request per job',
      filename: 'lib/queue.js',
      code: "const Job = require('./job');\nfunction Queue(client) {\n  this.client = client;\n  this.getJobFromId = Job.fromId.bind(null, this);\n}\nQueue.prototype.recoverStalled = function (stalled) {\n  return Promise.all(stalled.map((id) => {\n    return this.getJobFromId(id).then((job) => {\n      if (job) this.emit('stalled', job);\n      return null;\n    });\n  }));\n};\nmodule.exports = Queue;\n",
      files: { ...calledFromRoute('js', 'recoverStalled(req.body.ids)'), 'lib/job.js': "const Job = function (queue, id) {\n  this.queue = queue;\n  this.id = id;\n};\nJob.fromId = async function (queue, id) {\n  const res = await fetch(queue.url + '/jobs/' + id);\n  return new Job(queue, await res.json());\n};\nmodule.exports = Job;\n" },
      errors: [{ messageId: 'fanOut', line: 7, column: 10 }],
      output: null,
      unsafeOutput: "const Job = require('./job');\nconst { limiter } = require('../stability-runtime.cjs');\nfunction Queue(client) {\n  this.client = client;\n  this.getJobFromId = Job.fromId.bind(null, this);\n}\nQueue.prototype.recoverStalled = function (stalled) {\n  const limit = limiter(8);\n  return Promise.all(stalled.map((id) => limit(() => {\n    return this.getJobFromId(id).then((job) => {\n      if (job) this.emit('stalled', job);\n      return null;\n    });\n  })));\n};\nmodule.exports = Queue;\n",
    },
    {
      name: 'a Promise.resolve chain whose callback starts a request on every iteration is still reported',
      filename: 'lib/notify.js',
      code: "async function ping(url) {\n  await fetch(url);\n}\nfunction notifyAll(urls) {\n  for (const url of urls) {\n    Promise.resolve(url).then((u) => ping(u));\n  }\n}\nmodule.exports = { notifyAll };\n",
      files: calledFromRoute('js', 'notifyAll(req.body.urls)'),
      errors: [{ messageId: 'startedInLoop', line: 6, column: 5 }],
    },
    {
      name: 'Promise.all over map with an async callback: fixed with the shim limiter',
      code: [
        "import { db } from './db';",
        '',
        'export async function reindex(ids: string[]) {',
        '  await Promise.all(ids.map(async (id) => {',
        '    const row = await db.load(id);',
        '    await db.index(row);',
        '  }));',
        '}',
        '',
      ].join('\n'),
      files: { ...calledFromRoute('ts', 'reindex(req.body.ids)'), 'src/db.ts': 'export const db = {\n  async load(id: string) { return (await fetch(`http://db.internal/rows/${id}`)).json(); },\n  async index(row: { id: string }) { await fetch(`http://search.internal/index/${row.id}`, { method: \'PUT\' }); },\n};\n', ...RUNTIME_STUB },
      config: SHIM,
      errors: [{ message: fanOut('Promise.all', 'the async callback', 'ids'), line: 4, column: 9, endLine: 4, endColumn: 20 }],
      unsafeOutput: [
        "import { db } from './db';",
        "import { limiter } from '@acme/runtime';",
        '',
        'export async function reindex(ids: string[]) {',
        '  const limit = limiter(8);',
        '  await Promise.all(ids.map((id) => limit(async () => {',
        '    const row = await db.load(id);',
        '    await db.index(row);',
        '  })));',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'a callback that returns fetch(): the limit option, the shim file added once',
      code: "export async function prices(skus: string[]) {\n  const res = await Promise.allSettled(skus.map((s) => fetch(`https://prices.internal/${s}`, { signal: AbortSignal.timeout(2000) })));\n  return res;\n}\n",
      options: { limit: 4 },
      files: calledFromRoute('ts', 'prices(req.body.skus)'),
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.allSettled', what: '`fetch(…)`', array: 'skus', limit: 4 }, line: 2, column: 21 }],
      unsafeOutput: "import { limiter } from './stability-runtime';\n\nexport async function prices(skus: string[]) {\n  const limit = limiter(4);\n  const res = await Promise.allSettled(skus.map((s) => limit(() => fetch(`https://prices.internal/${s}`, { signal: AbortSignal.timeout(2000) }))));\n  return res;\n}\n",
      createdFiles: ['src/stability-runtime.ts'],
    },
    {
      name: 'an async function of the same file passed by name',
      code: `${SEND_EMAIL_DECL}export async function notifyAll(users: { email: string }[]) {\n  await Promise.all(users.map(sendEmail));\n}\n`,
      config: SHIM,
      files: { ...RUNTIME_STUB, ...calledFromRoute('ts', 'notifyAll(req.body.users)') },
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: '`sendEmail`', array: 'users', limit: 8 }, line: 5, column: 9 }],
      unsafeOutput: `import { limiter } from '@acme/runtime';\n\n${SEND_EMAIL_DECL}export async function notifyAll(users: { email: string }[]) {\n  const limit = limiter(8);\n  await Promise.all(users.map((item) => limit(() => sendEmail(item))));\n}\n`,
    },
    {
      name: 'Promise.race: the limiter is a suggestion, since which settles first may change',
      code: "export async function fastest(mirrors: string[]) {\n  return Promise.race(mirrors.map(async (m) => fetch(m)));\n}\n",
      config: SHIM,
      files: { ...RUNTIME_STUB, ...calledFromRoute('ts', 'fastest(req.body.mirrors)') },
      errors: [{
        messageId: 'fanOut', data: { combinator: 'Promise.race', what: 'the async callback', array: 'mirrors', limit: 8 }, line: 2, column: 10,
        suggestions: [{
          title: "Run at most 8 at once through the runtime shim's `limiter(8)`",
          output: "import { limiter } from '@acme/runtime';\n\nexport async function fastest(mirrors: string[]) {\n  const limit = limiter(8);\n  return Promise.race(mirrors.map((m) => limit(async () => fetch(m))));\n}\n",
        }],
      }],
      output: null,
    },
    {
      name: 'an arrow with an expression body gets no fix: no statement in its function to hold the limiter',
      code: 'export const loadAll = (ids: string[]) => Promise.all(ids.map(async (id) => fetch(`/items/${id}`)));\n',
      files: calledFromRoute('ts', 'loadAll(req.body.ids)'),
      errors: [{ messageId: 'fanOut', line: 1, column: 43 }],
      output: null,
    },
    {
      name: 'an async function imported from another project file, in a JS file',
      filename: 'src/jobs.js',
      code: "const { sendEmail } = require('./mailer');\n\nasync function notifyAll(users) {\n  await Promise.all(users.map((u) => sendEmail(u)));\n}\nmodule.exports = { notifyAll };\n",
      files: { ...calledFromRoute('js', 'notifyAll(req.body.users)'), 'src/mailer.js': "async function sendEmail(u) {\n  await fetch('https://mail.internal/send', { method: 'POST', body: u.email });\n}\nmodule.exports = { sendEmail };\n" },
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: '`sendEmail(…)`', array: 'users', limit: 8 }, line: 4, column: 9 }],
      unsafeOutput: "const { sendEmail } = require('./mailer');\nconst { limiter } = require('../stability-runtime.cjs');\n\nasync function notifyAll(users) {\n  const limit = limiter(8);\n  await Promise.all(users.map((u) => limit(() => sendEmail(u))));\n}\nmodule.exports = { notifyAll };\n",
    },
    {
      name: 'an async method of the same class',
      code: 'export class Sync {\n  async pushOne(id: string) {\n    await fetch(`/sync/${id}`, { method: \'POST\' });\n  }\n  async pushAll(ids: string[]) {\n    await Promise.all(ids.map((id) => this.pushOne(id)));\n  }\n}\n',
      config: SHIM,
      files: { ...RUNTIME_STUB, ...calledFromRoute('ts', 'pushAll(req.body.ids)') },
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: '`this.pushOne(…)`', array: 'ids', limit: 8 }, line: 6, column: 11 }],
      unsafeOutput: "import { limiter } from '@acme/runtime';\n\nexport class Sync {\n  async pushOne(id: string) {\n    await fetch(`/sync/${id}`, { method: 'POST' });\n  }\n  async pushAll(ids: string[]) {\n    const limit = limiter(8);\n    await Promise.all(ids.map((id) => limit(() => this.pushOne(id))));\n  }\n}\n",
    },
    {
      name: 'p-queue without concurrency bounds nothing',
      code: "import PQueue from 'p-queue';\nconst queue = new PQueue({ autoStart: true });\nexport async function load(ids: string[]) {\n  return Promise.all(ids.map(async (id) => queue.add(() => fetch(`/items/${id}`))));\n}\n",
      typecheck: false,
      files: calledFromRoute('ts', 'load(req.body.ids)'),
      errors: [{ messageId: 'fanOut', line: 4, column: 10 }],
      unsafeOutput: "import PQueue from 'p-queue';\nimport { limiter } from './stability-runtime';\nconst queue = new PQueue({ autoStart: true });\nexport async function load(ids: string[]) {\n  const limit = limiter(8);\n  return Promise.all(ids.map((id) => limit(async () => queue.add(() => fetch(`/items/${id}`)))));\n}\n",
    },
    {
      name: 'forEach with an async callback over an array: rewritten as for…of with await',
      code: `${USERS}export async function notifyAll(users: User[]) {\n  users.forEach(async (u) => {\n    if (!u.email) return;\n    await sendEmail(u);\n  });\n}\n`,
      files: calledFromRoute('ts', 'notifyAll(req.body.users)'),
      errors: [{ message: forEachAsync('users'), line: 4, column: 9, endLine: 4, endColumn: 16 }],
      unsafeOutput: `${USERS}export async function notifyAll(users: User[]) {\n  for (const u of users) {\n    if (!u.email) continue;\n    await sendEmail(u);\n  }\n}\n`,
    },
    {
      name: 'forEach with an index parameter over an array uses entries()',
      code: `${USERS}export async function notifyAll(users: User[]) {\n  users.forEach(async (u, i) => {\n    console.log(i);\n    await sendEmail(u);\n  });\n}\n`,
      files: calledFromRoute('ts', 'notifyAll(req.body.users)'),
      errors: [{ messageId: 'forEachAsync', line: 4, column: 9 }],
      unsafeOutput: `${USERS}export async function notifyAll(users: User[]) {\n  for (const [i, u] of users.entries()) {\n    console.log(i);\n    await sendEmail(u);\n  }\n}\n`,
    },
    {
      name: 'Map.forEach(async (value, key)) iterates the entries',
      code: 'declare function save(k: string, v: number): Promise<void>;\nconst pending = new Map<string, number>();\nexport function queue(k: string, v: number) {\n  pending.set(k, v);\n}\nexport async function flush() {\n  pending.forEach(async (v, k) => save(k, v));\n}\n',
      errors: [{ messageId: 'forEachAsync', line: 7, column: 11 }],
      unsafeOutput: 'declare function save(k: string, v: number): Promise<void>;\nconst pending = new Map<string, number>();\nexport function queue(k: string, v: number) {\n  pending.set(k, v);\n}\nexport async function flush() {\n  for (const [k, v] of pending) {\n    await save(k, v);\n  }\n}\n',
    },
    {
      name: 'forEach over something we cannot classify: the rewrite is a suggestion',
      code: `${USERS}export async function notifyAll(users: Iterable<User> & { forEach(cb: (u: User) => unknown): void }) {\n  users.forEach(async (u) => {\n    await sendEmail(u);\n  });\n}\n`,
      files: calledFromRoute('ts', 'notifyAll(req.body.users)'),
      errors: [{
        messageId: 'forEachAsync', line: 4, column: 9,
        suggestions: [{
          title: 'Await each element in turn: `for … of` with `await`',
          output: `${USERS}export async function notifyAll(users: Iterable<User> & { forEach(cb: (u: User) => unknown): void }) {\n  for (const u of users) {\n    await sendEmail(u);\n  }\n}\n`,
        }],
      }],
      output: null,
    },
    {
      name: 'forEach in a function that is not async: reported, no rewrite',
      code: `${USERS}export function notifyAll(users: User[]) {\n  users.forEach(async (u) => {\n    await sendEmail(u);\n  });\n}\n`,
      files: calledFromRoute('ts', 'notifyAll(req.body.users)'),
      errors: [{ messageId: 'forEachAsync', line: 4, column: 9, suggestions: [] }],
      output: null,
    },
    {
      name: 'forEach whose callback returns a value: no rewrite',
      code: `${USERS}export async function notifyAll(users: User[]) {\n  users.forEach(async (u) => {\n    return sendEmail(u);\n  });\n}\n`,
      files: calledFromRoute('ts', 'notifyAll(req.body.users)'),
      errors: [{ messageId: 'forEachAsync', line: 4, column: 9, suggestions: [] }],
      output: null,
    },
    {
      name: 'a promise started in a loop and not awaited: the await is a suggestion',
      code: `${SEND_EMAIL_DECL}export async function notifyAll(users: { email: string }[]) {\n  for (const u of users) {\n    sendEmail(u);\n  }\n}\n`,
      files: calledFromRoute('ts', 'notifyAll(req.body.users)'),
      errors: [{
        message: startedInLoop('sendEmail(…)'), line: 6, column: 5, endLine: 6, endColumn: 17,
        suggestions: [{
          title: 'Await `sendEmail(…)` in the loop (one at a time)',
          output: `${SEND_EMAIL_DECL}export async function notifyAll(users: { email: string }[]) {\n  for (const u of users) {\n    await sendEmail(u);\n  }\n}\n`,
        }],
      }],
      output: null,
    },
    {
      name: 'fetch with .catch in a while loop: handled, still unbounded; not async so no suggestion',
      code: "export function fanOut(queue: string[]) {\n  while (queue.length) {\n    const url = queue.pop()!;\n    fetch(url, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);\n  }\n}\n",
      errors: [{ messageId: 'startedInLoop', data: { call: 'fetch(…)', unhandled: '', limit: 8 }, line: 4, column: 5, suggestions: [] }],
      output: null,
    },
    {
      name: 'the same per-row lookup when a miss asks the cloud API: one request per row at once',
      filename: 'lib/station.js',
      code: DEVICE_REGISTRY("    if (this.devicesLoaded) await this.devicesLoaded;\n    if (sn in this.devices) return this.devices[sn];\n    return (this.devices[sn] = await this.api.getDevice(sn));"),
      errors: [{ messageId: 'startedInLoop', line: 15, column: 7 }],
      output: null,
    },
    {
      name: 'a .then chain on an unknown call proves a promise',
      code: "export function warm(keys: string[], cache: { load(k: string): any }) {\n  for (const k of keys) {\n    cache.load(k).then(() => console.log('warm', k));\n  }\n}\n",
      files: calledFromRoute('ts', 'warm(req.body.keys, api.cache)'),
      errors: [{ messageId: 'startedInLoop', data: { call: 'cache.load(…)', unhandled: UNHANDLED, limit: 8 }, line: 3, column: 5 }],
      output: null,
    },
    {
      name: 'one task per job held in a private field: the count is the input, not a concurrency',
      code: "export class Importer {\n  #jobs: string[] = [];\n  #tasks: Promise<void>[] = [];\n  add(url: string) {\n    this.#jobs.push(url);\n  }\n  async run() {\n    for (let i = 0; i < this.#jobs.length; i++) {\n      this.#tasks.push(this.#work(this.#jobs[i]));\n    }\n    await Promise.all(this.#tasks);\n  }\n  async #work(url: string) {\n    await fetch(url);\n  }\n}\n",
      errors: [{ messageId: 'collectedInLoop', data: { call: 'this.#work(…)', into: 'this.#tasks', method: 'push', limit: 8 }, line: 9, column: 24 }],
      output: null,
    },
    {
      name: 'a file opened per element: each holds a descriptor while it is read',
      filename: 'src/queue.js',
      code: "const fs = require('node:fs/promises');\nconst path = require('node:path');\nexports.queue_dir = '/var/spool/queue';\nexports.list = async (files) => {\n  return Promise.all(files.map(async (file) => {\n    await fs.stat(path.join(exports.queue_dir, file));\n    const handle = await fs.open(path.join(exports.queue_dir, file), 'r');\n    try { return await handle.read(); } finally { await handle.close(); }\n  }));\n};\n",
      files: calledFromRoute('js', 'list(req.body.files)'),
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: 'the async callback', array: 'files', limit: 8 }, line: 5, column: 10 }],
      output: null,
      unsafeOutput: "const fs = require('node:fs/promises');\nconst path = require('node:path');\nconst { limiter } = require('../stability-runtime.cjs');\nexports.queue_dir = '/var/spool/queue';\nexports.list = async (files) => {\n  const limit = limiter(8);\n  return Promise.all(files.map((file) => limit(async () => {\n    await fs.stat(path.join(exports.queue_dir, file));\n    const handle = await fs.open(path.join(exports.queue_dir, file), 'r');\n    try { return await handle.read(); } finally { await handle.close(); }\n  })));\n};\n",
    },
    {
      name: "fs/promises readFile per element: each holds a descriptor while it is read, and nothing queues on EMFILE",
      filename: 'lib/pages.js',
      files: { ...calledFromRoute('js', 'readAll(req.body.files)') },
      code: "const fs = require('fs/promises');\nexports.readAll = function (files) {\n  return Promise.all(files.map((file) => fs.readFile(file, 'utf8')));\n};\n",
      errors: [{ messageId: 'fanOut', line: 3, column: 10 }],
      output: null,
      unsafeOutput: "const fs = require('fs/promises');\nconst { limiter } = require('../stability-runtime.cjs');\nexports.readAll = function (files) {\n  const limit = limiter(8);\n  return Promise.all(files.map((file) => limit(() => fs.readFile(file, 'utf8'))));\n};\n",
    },
    {
      name: 'the same fan-out over objects a non-registration method keeps per call (an outbox): it grows with the input',
      filename: 'lib/outbox.js',
      code: "class Outbox {\n  constructor() {\n    this._pending = {};\n  }\n  pendingAsArray() {\n    return Object.values(this._pending);\n  }\n  async deliver(message) {\n    const res = await message.send();\n    return res.status;\n  }\n  async flush() {\n    const promises = this.pendingAsArray().map((message) => {\n      return this.deliver(message);\n    });\n    return Promise.all(promises);\n  }\n  enqueue(message) {\n    this._pending[message.id] = message;\n  }\n}\nmodule.exports = Outbox;\n",
      errors: [{ messageId: 'mappedFanOut', line: 13, column: 22 }],
      output: null,
    },
    {
      name: 'the same fan-out when each element loads a URL in the page: navigation fetches over the network',
      filename: 'src/Client.js',
      code: "class Client {\n  async visit(url) {\n    await this.pupPage.goto(url);\n    return this.pupPage.title();\n  }\n  async visitAll(listUrl) {\n    const urls = (await this.pupPage.content()).match(/https?:[^\\s<>]+/g);\n    return Promise.all(urls.map((u) => this.visit(u)));\n  }\n}\nmodule.exports = Client;\n",
      errors: [{ messageId: 'fanOut', line: 8, column: 12 }],
      output: null,
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\nclass Client {\n  async visit(url) {\n    await this.pupPage.goto(url);\n    return this.pupPage.title();\n  }\n  async visitAll(listUrl) {\n    const urls = (await this.pupPage.content()).match(/https?:[^\\s<>]+/g);\n    const limit = limiter(8);\n    return Promise.all(urls.map((u) => limit(() => this.visit(u))));\n  }\n}\nmodule.exports = Client;\n",
    },
    {
      name: 'an imported open per element: each holds a descriptor while it is read',
      filename: 'src/tasks.mjs',
      code: "import { lstat, open } from 'node:fs/promises';\nexport async function heads(files) {\n  return Promise.all(files.map(async (file) => {\n    await lstat(file);\n    const handle = await open(file, 'r');\n    try { return await handle.read(); } finally { await handle.close(); }\n  }));\n}\n",
      files: calledFromRoute('mjs', 'heads(req.body.files)'),
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: 'the async callback', array: 'files', limit: 8 }, line: 3, column: 10 }],
      output: null,
      unsafeOutput: "import { lstat, open } from 'node:fs/promises';\nimport { limiter } from '../stability-runtime.cjs';\nexport async function heads(files) {\n  const limit = limiter(8);\n  return Promise.all(files.map((file) => limit(async () => {\n    await lstat(file);\n    const handle = await open(file, 'r');\n    try { return await handle.read(); } finally { await handle.close(); }\n  })));\n}\n",
    },
    {
      name: 'nested fan-outs over one input: reported once, at the outer call (the inner one per key once the outer is bounded)',
      filename: 'src/bulk.js',
      code: "exports.bulk = function (set, targets) {\n  return Promise.all(Object.keys(set).map((name) => {\n    return Promise.all(set[name].map((message) => fetch(targets[name], { method: 'POST', body: message, signal: AbortSignal.timeout(1000) })));\n  }));\n};\n",
      files: calledFromRoute('js', 'bulk(req.body.set, api.targets)'),
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: 'the callback', array: 'Object.keys(set)', limit: 8 }, line: 2, column: 10 }],
      output: null,
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\nexports.bulk = function (set, targets) {\n  const limit = limiter(8);\n  return Promise.all(Object.keys(set).map((name) => limit(() => {\n    const limit2 = limiter(8);\n    return Promise.all(set[name].map((message) => limit2(() => fetch(targets[name], { method: 'POST', body: message, signal: AbortSignal.timeout(1000) }))));\n  })));\n};\n",
    },
    {
      name: 'an outer fan-out whose inner one runs over a literal list: the outer is the burst',
      filename: 'src/bulk.js',
      code: "exports.ping = function (hosts) {\n  return Promise.all(hosts.map((host) => {\n    return Promise.all(['/health', '/ready'].map((path) => fetch(host + path, { signal: AbortSignal.timeout(1000) })));\n  }));\n};\n",
      files: calledFromRoute('js', 'ping(req.body.hosts)'),
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: 'the callback', array: 'hosts', limit: 8 }, line: 2, column: 10 }],
      output: null,
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\nexports.ping = function (hosts) {\n  const limit = limiter(8);\n  return Promise.all(hosts.map((host) => limit(() => {\n    return Promise.all(['/health', '/ready'].map((path) => fetch(host + path, { signal: AbortSignal.timeout(1000) })));\n  })));\n};\n",
    },
    {
      name: 'jobs handed over by a work() call whose options cap nothing',
      filename: 'src/timekeeper.js',
      code: "class Timekeeper {\n  constructor(manager) { this.manager = manager; }\n  async start() {\n    const options = { pollingIntervalSeconds: 30 };\n    await this.manager.work('send-it', options, (jobs) => this.onSendIt(jobs));\n  }\n  async onSendIt(jobs) {\n    return Promise.allSettled(jobs.map(async ({ data }) => fetch(data.url, { method: 'POST', signal: AbortSignal.timeout(5000) })));\n  }\n}\nmodule.exports = Timekeeper;\n",
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.allSettled', what: 'the async callback', array: 'jobs', limit: 8 }, line: 8, column: 12 }],
      output: null,
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\nclass Timekeeper {\n  constructor(manager) { this.manager = manager; }\n  async start() {\n    const options = { pollingIntervalSeconds: 30 };\n    await this.manager.work('send-it', options, (jobs) => this.onSendIt(jobs));\n  }\n  async onSendIt(jobs) {\n    const limit = limiter(8);\n    return Promise.allSettled(jobs.map(({ data }) => limit(async () => fetch(data.url, { method: 'POST', signal: AbortSignal.timeout(5000) }))));\n  }\n}\nmodule.exports = Timekeeper;\n",
    },
    {
      name: 'a request per element of a list from outside, though the callback also stops something',
      filename: 'src/manager.js',
      code: "exports.drain = async function (jobs, worker) {\n  await Promise.allSettled(jobs.map(async (job) => {\n    await fetch(job.url, { signal: AbortSignal.timeout(5000) });\n    await worker.stop();\n  }));\n};\n",
      files: calledFromRoute('js', 'drain(req.body.jobs, api.worker)'),
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.allSettled', what: 'the async callback', array: 'jobs', limit: 8 }, line: 2, column: 9 }],
      output: null,
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\nexports.drain = async function (jobs, worker) {\n  const limit = limiter(8);\n  await Promise.allSettled(jobs.map((job) => limit(async () => {\n    await fetch(job.url, { signal: AbortSignal.timeout(5000) });\n    await worker.stop();\n  })));\n};\n",
    },
    {
      name: 'a request per page of a count that is no pool size',
      filename: 'src/pages.js',
      code: "exports.all = async function (client, result) {\n  const pages = await Promise.all(Array.from({ length: result.totalCount }, async (_, i) => client.page(i)));\n  return Promise.all(pages.map(async (page) => fetch(page.url, { signal: AbortSignal.timeout(5000) })));\n};\n",
      files: calledFromRoute('js', 'all(api.client, req.body)'),
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: 'the async callback', array: 'pages', limit: 8 }, line: 3, column: 10 }],
      output: null,
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\nexports.all = async function (client, result) {\n  const pages = await Promise.all(Array.from({ length: result.totalCount }, async (_, i) => client.page(i)));\n  const limit = limiter(8);\n  return Promise.all(pages.map((page) => limit(async () => fetch(page.url, { signal: AbortSignal.timeout(5000) }))));\n};\n",
    },
    {
      name: 'the same route when the dao queries a SQL pool: every lookup takes a pool slot',
      filename: 'lib/routes/credentials.js',
      code: "const express = require('express');\nconst services = require('../services');\nmodule.exports = function () {\n  const router = express.Router();\n  router.get('/', (req, res) => {\n    services.user.findAll().then(({ users }) => Promise.all(users.map((u) => services.credential.getCredentials(u.id).then((cs) => cs.map((c) => ({ consumerId: u.id, ...c }))))))\n      .then((all) => res.json(all), (err) => res.status(500).send(err.message));\n  });\n  return router;\n};\n",
      files: { 'lib/services/index.js': "const s = {};\ns.user = require('./user.service.js');\ns.credential = require('./credential.service.js');\nmodule.exports = s;\n", 'lib/services/user.service.js': "const db = require('./db');\nconst s = {};\ns.findAll = function () {\n  return db.scan(0, 'COUNT', 100).then(([, keys]) => Promise.all(keys.map((k) => db.hgetall(k)))).then((users) => ({ users }));\n};\nmodule.exports = s;\n", 'lib/services/credential.service.js': "const credentialDao = require('./credential.dao.js');\nconst s = {};\ns.getCredentials = function (consumerId) {\n  return credentialDao.getAllCredentials(consumerId).then((credentials) => credentials.filter(Boolean));\n};\nmodule.exports = s;\n", 'lib/services/credential.dao.js': "const pool = require('./pool');\nconst dao = {};\ndao.getAllCredentials = function (consumerId) {\n  return pool.query('select * from credentials where consumer = $1', [consumerId]).then((r) => r.rows);\n};\nmodule.exports = dao;\n", 'lib/services/db.js': "const Redis = require('ioredis');\nmodule.exports = new Redis(process.env.REDIS_URL);\n", 'lib/services/pool.js': "const { Pool } = require('pg');\nmodule.exports = new Pool({ connectionTimeoutMillis: 5000, query_timeout: 5000 });\n" },
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: '`services.credential.getCredentials(…)`', array: 'users', limit: 8 }, line: 6, column: 49 }],
      output: null,
    },
    {
      name: "a file listing from tinyglobby's globSync, imported by name: one open file per match",
      filename: 'src/minify.mjs',
      code: "import { readFile, writeFile } from 'node:fs/promises';\nimport { globSync } from 'tinyglobby';\nexport async function stripComments(dir) {\n  const files = globSync(['**/*.js'], { cwd: dir, absolute: true });\n  await Promise.all(files.map(async (file) => writeFile(file, (await readFile(file, 'utf8')).replace(/\\/\\*[^]*?\\*\\//g, ''))));\n}\n",
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: 'the async callback', array: 'files', limit: 8 }, line: 5, column: 9 }],
      output: null,
      unsafeOutput: "import { readFile, writeFile } from 'node:fs/promises';\nimport { globSync } from 'tinyglobby';\nimport { limiter } from '../stability-runtime.cjs';\nexport async function stripComments(dir) {\n  const files = globSync(['**/*.js'], { cwd: dir, absolute: true });\n  const limit = limiter(8);\n  await Promise.all(files.map((file) => limit(async () => writeFile(file, (await readFile(file, 'utf8')).replace(/\\/\\*[^]*?\\*\\//g, '')))));\n}\n",
    },
    {
      name: 'a list a helper of the file fills from a parsed lock file, then fanned out',
      filename: 'lib/index.js',
      code: "const fs = require('fs');\nfunction collect(out, deps) {\n  for (const [name, dep] of Object.entries(deps || {})) {\n    if (dep.resolved) out.push({ name, url: dep.resolved });\n    if (dep.dependencies) collect(out, dep.dependencies);\n  }\n}\nexports.fetchAll = async function (lockPath) {\n  const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));\n  const tarballs = [];\n  collect(tarballs, lock.dependencies);\n  return Promise.all(tarballs.map(({ url }) => fetch(url, { signal: AbortSignal.timeout(30_000) })));\n};\n",
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: '`fetch(…)`', array: 'tarballs', limit: 8 }, line: 12, column: 10 }],
      output: null,
      unsafeOutput: "const fs = require('fs');\nconst { limiter } = require('../stability-runtime.cjs');\nfunction collect(out, deps) {\n  for (const [name, dep] of Object.entries(deps || {})) {\n    if (dep.resolved) out.push({ name, url: dep.resolved });\n    if (dep.dependencies) collect(out, dep.dependencies);\n  }\n}\nexports.fetchAll = async function (lockPath) {\n  const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));\n  const tarballs = [];\n  collect(tarballs, lock.dependencies);\n  const limit = limiter(8);\n  return Promise.all(tarballs.map(({ url }) => limit(() => fetch(url, { signal: AbortSignal.timeout(30_000) }))));\n};\n",
    },
    {
      name: 'rows an ORM query returns, found with an options object, each updated unawaited in forEach',
      filename: 'src/wipe.ts',
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function wipeMyCal(userId: number) {\n  const bookings = await prisma.booking.findMany({ where: { userId } });\n  bookings.forEach(async (booking) => {\n    await prisma.booking.update({ where: { id: booking.id }, data: { status: 'CANCELLED' } });\n  });\n}\n",
      errors: [{ messageId: 'forEachAsync', data: { array: 'bookings', unhandled: ', and a rejection goes unhandled (by default Node 15 and later then exit)' }, line: 5, column: 12 }],
      output: null,
    },
    {
      name: 'work only for elements found in a Map that nothing bounds',
      filename: 'src/live-query.js',
      code: "class LiveQueryServer {\n  constructor(sessions) {\n    this.sessions = sessions;\n    this.authCache = new Map();\n  }\n  async clearCachedRoles(userId) {\n    const tokens = await this.sessions.find({ user: userId });\n    await Promise.all(tokens.map(async (token) => {\n      const sessionToken = token.get('sessionToken');\n      const authPromise = this.authCache.get(sessionToken);\n      if (!authPromise) {\n        return;\n      }\n      await fetch(`https://auth.example/${sessionToken}`, { signal: AbortSignal.timeout(2000) });\n    }));\n  }\n}\nmodule.exports = LiveQueryServer;\n",
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: 'the async callback', array: 'tokens', limit: 8 }, line: 8, column: 11 }],
      output: null,
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\nclass LiveQueryServer {\n  constructor(sessions) {\n    this.sessions = sessions;\n    this.authCache = new Map();\n  }\n  async clearCachedRoles(userId) {\n    const tokens = await this.sessions.find({ user: userId });\n    const limit = limiter(8);\n    await Promise.all(tokens.map((token) => limit(async () => {\n      const sessionToken = token.get('sessionToken');\n      const authPromise = this.authCache.get(sessionToken);\n      if (!authPromise) {\n        return;\n      }\n      await fetch(`https://auth.example/${sessionToken}`, { signal: AbortSignal.timeout(2000) });\n    })));\n  }\n}\nmodule.exports = LiveQueryServer;\n",
    },
    {
      name: 'forEach with an arrow that hands back the promise it starts: forEach drops it',
      filename: 'src/notify.js',
      code: "const axios = require('axios');\nasync function notify(user) {\n  await axios.post('https://hooks.example/notify', { id: user.id }, { timeout: 5000 });\n}\nexports.notifyAll = async function (req) {\n  req.body.users.forEach((user) => notify(user));\n};\n",
      errors: [{ messageId: 'forEachAsync', data: { array: 'req.body.users', unhandled: ', and a rejection goes unhandled (by default Node 15 and later then exit)' }, line: 6, column: 18 }],
      output: null,
    },
    {
      name: 'batches sliced by a var that is reassigned: no constant',
      filename: 'src/search.js',
      code: "var batchSize = 50;\nexports.setBatch = function (n) { batchSize = n; };\nexports.search = async function (req) {\n  const results = await req.db.find(req.query.text);\n  for (let i = 0; i < results.length; i += batchSize) {\n    await Promise.all(results.slice(i, i + batchSize).map((r) => fetch(r.url, { signal: AbortSignal.timeout(1000) })));\n  }\n};\n",
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: '`fetch(…)`', array: 'results.slice(i, i…', limit: 8 }, line: 6, column: 11 }],
      output: null,
      unsafeOutput: "const { limiter } = require('../stability-runtime.cjs');\n\nvar batchSize = 50;\nexports.setBatch = function (n) { batchSize = n; };\nexports.search = async function (req) {\n  const results = await req.db.find(req.query.text);\n  for (let i = 0; i < results.length; i += batchSize) {\n    const limit = limiter(8);\n    await Promise.all(results.slice(i, i + batchSize).map((r) => limit(() => fetch(r.url, { signal: AbortSignal.timeout(1000) }))));\n  }\n};\n",
    },
    {
      name: 'promises collected in the loop and awaited together',
      code: `${SEND_EMAIL_DECL}export async function notifyAll(users: { email: string }[]) {\n  const sends: Promise<void>[] = [];\n  for (const u of users) {\n    sends.push(sendEmail(u));\n  }\n  await Promise.all(sends);\n}\n`,
      files: calledFromRoute('ts', 'notifyAll(req.body.users)', 'refreshAll(req.body.entries)'),
      errors: [{ message: collectedInLoop('sendEmail(…)', 'sends'), line: 7, column: 16 }],
      output: null,
    },
    {
      name: 'an imported async function started in a for…in loop',
      code: "import { refresh } from './cache';\nexport function refreshAll(entries: Record<string, number>) {\n  for (const key in entries) {\n    void refresh(key);\n  }\n}\n",
      files: { ...calledFromRoute('ts', 'refreshAll(req.body.entries)'), 'src/cache.ts': 'export async function refresh(key: string): Promise<void> {\n  await fetch(`/cache/${key}`);\n}\n' },
      errors: [{ messageId: 'startedInLoop', data: { call: 'refresh(…)', unhandled: UNHANDLED, limit: 8 }, line: 4, column: 10, suggestions: [] }],
      output: null,
    },
    {
      name: 'an axios call in a loop',
      code: "import axios from 'axios';\nexport function ping(hosts: string[]) {\n  for (const h of hosts) axios.get(h, { timeout: 1000 });\n}\n",
      typecheck: false,
      files: calledFromRoute('ts', 'ping(req.body.hosts)'),
      errors: [{ messageId: 'startedInLoop', data: { call: 'axios.get(…)', unhandled: UNHANDLED, limit: 8 }, line: 3, column: 26 }],
      output: null,
    },
    // ---- Recall: shapes whose work the code shows ----
    {
      name: 'a non-async mapper returning a nested Promise.all over aws-sdk .promise() calls',
      filename: 'src/groups.js',
      code: "const AWS = require('aws-sdk');\nconst iam = new AWS.IAM();\nfunction addUserToGroup(user, group) {\n  return iam.addUserToGroup({ GroupName: group, UserName: user }).promise().catch((e) => { throw e; });\n}\nfunction assignGroups(users) {\n  return Promise.all(users.map((u) => Promise.all(u.groups.map((g) => addUserToGroup(u.name, g)))));\n}\nmodule.exports = { assignGroups };\n",
      // One burst, users × groups: reported once, at the outer call.
      files: calledFromRoute('js', 'assignGroups(req.body.users)'),
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: '`Promise.all(…)`', array: 'users', limit: 8 }, line: 7, column: 10 }],
      output: null,
      unsafeOutput: "const AWS = require('aws-sdk');\nconst { limiter } = require('../stability-runtime.cjs');\nconst iam = new AWS.IAM();\nfunction addUserToGroup(user, group) {\n  return iam.addUserToGroup({ GroupName: group, UserName: user }).promise().catch((e) => { throw e; });\n}\nfunction assignGroups(users) {\n  const limit = limiter(8);\n  return Promise.all(users.map((u) => limit(() => Promise.all(u.groups.map((g) => addUserToGroup(u.name, g))))));\n}\nmodule.exports = { assignGroups };\n",
    },
    {
      name: 'a prototype method called on this, over a range the caller chooses',
      filename: 'src/pad.js',
      code: "const db = require('./db');\nfunction Pad(id) { this.id = id; }\nPad.prototype.getChatMessage = async function (n) {\n  return await db.get(`pad:${this.id}:chat:${n}`);\n};\nPad.prototype.getChatMessages = async function (start, end) {\n  const needed = [];\n  for (let n = start; n <= end; n++) needed.push(n);\n  const entries = [];\n  await Promise.all(needed.map((n) => this.getChatMessage(n).then((e) => { entries.push(e); })));\n  return entries;\n};\nmodule.exports = Pad;\n",
      files: { 'src/db.js': 'exports.get = async (key) => key;\n' },
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: '`this.getChatMessage(…)`', array: 'needed', limit: 8 }, line: 10, column: 9 }],
      output: null,
      unsafeOutput: "const db = require('./db');\nconst { limiter } = require('../stability-runtime.cjs');\nfunction Pad(id) { this.id = id; }\nPad.prototype.getChatMessage = async function (n) {\n  return await db.get(`pad:${this.id}:chat:${n}`);\n};\nPad.prototype.getChatMessages = async function (start, end) {\n  const needed = [];\n  for (let n = start; n <= end; n++) needed.push(n);\n  const entries = [];\n  const limit = limiter(8);\n  await Promise.all(needed.map((n) => limit(() => this.getChatMessage(n).then((e) => { entries.push(e); }))));\n  return entries;\n};\nmodule.exports = Pad;\n",
    },
    {
      name: 'a map of async calls handed to a helper: map has started them all',
      filename: 'src/sessions.js',
      code: "const promises = require('./promises');\nexports.getSessionInfo = async (id) => {\n  const res = await fetch(`http://sessions.internal/${id}`);\n  return res.json();\n};\nexports.findAuthor = async (cookie, groupID) => {\n  const ids = cookie.split(',');\n  const infos = ids.map(async (id) => exports.getSessionInfo(id));\n  return promises.firstSatisfies(infos, (si) => si && si.groupID === groupID);\n};\n",
      files: { 'src/promises.js': 'exports.firstSatisfies = (ps, ok) => Promise.race(ps.map((p) => p.then((v) => (ok(v) ? v : new Promise(() => {})))));\n' },
      errors: [{ message: mappedFanOut('ids', 'the async callback', 'promises.firstSatisfies'), line: 8, column: 17 }],
      output: null,
    },
    {
      name: 'an exported async method of an instance module awaits work: its calls are promise starts',
      filename: 'src/sync.js',
      code: "const store = require('./store');\nexports.syncAll = (ids) => {\n  for (const id of ids) store.save(id);\n};\n",
      files: { ...calledFromRoute('js', 'syncAll(req.body.ids)'), 'src/store.js': "class Store {\n  async save(id) {\n    await fetch(`http://store.internal/${id}`, { method: 'POST' });\n  }\n}\nmodule.exports = new Store();\n" },
      errors: [{ messageId: 'startedInLoop', data: { call: 'store.save(…)', unhandled: UNHANDLED, limit: 8 }, line: 3, column: 25 }],
      output: null,
    },
    {
      name: 'a forEach whose callback catches every failure: no claim of an unhandled rejection',
      code: `${USERS}export async function notifyAll(users: User[]) {\n  users.forEach(async (u) => {\n    try {\n      await sendEmail(u);\n    } catch (err) {\n      console.error(err);\n    }\n  });\n}\n`,
      files: calledFromRoute('ts', 'notifyAll(req.body.users)'),
      errors: [{ message: forEachAsync('users', false), line: 4, column: 9 }],
      output: null,
      unsafeOutput: `${USERS}export async function notifyAll(users: User[]) {\n  for (const u of users) {\n    try {\n      await sendEmail(u);\n    } catch (err) {\n      console.error(err);\n    }\n  }\n}\n`,
    },
    {
      name: 'files of a configured data directory are data, not files the package owns',
      filename: 'src/local-storage.js',
      code: "const fs = require('fs');\nconst path = require('path');\nclass LocalStorage {\n  constructor(options) { this.options = options; }\n  async readFile(file) { return JSON.parse(await fs.promises.readFile(file, 'utf8')); }\n  async data() {\n    const files = await fs.promises.readdir(this.options.dir);\n    return Promise.all(files.map((f) => this.readFile(path.join(this.options.dir, f))));\n  }\n}\nmodule.exports = LocalStorage;\n",
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: '`this.readFile(…)`', array: 'files', limit: 8 }, line: 8, column: 12 }],
      output: null,
      unsafeOutput: "const fs = require('fs');\nconst path = require('path');\nconst { limiter } = require('../stability-runtime.cjs');\nclass LocalStorage {\n  constructor(options) { this.options = options; }\n  async readFile(file) { return JSON.parse(await fs.promises.readFile(file, 'utf8')); }\n  async data() {\n    const files = await fs.promises.readdir(this.options.dir);\n    const limit = limiter(8);\n    return Promise.all(files.map((f) => limit(() => this.readFile(path.join(this.options.dir, f)))));\n  }\n}\nmodule.exports = LocalStorage;\n",
    },
    {
      name: 'an array filled in a loop of unknown length is not a constant',
      code: "declare function load(n: number): Promise<string>;\nexport async function range(start: number, end: number) {\n  const needed: number[] = [];\n  for (let n = start; n <= end; n++) needed.push(n);\n  return Promise.all(needed.map((n) => load(n)));\n}\n",
      errors: [{ messageId: 'fanOut', line: 5, column: 10 }],
      output: null,
      createdFiles: ['src/stability-runtime.ts'],
      unsafeOutput: "import { limiter } from './stability-runtime';\n\ndeclare function load(n: number): Promise<string>;\nexport async function range(start: number, end: number) {\n  const needed: number[] = [];\n  for (let n = start; n <= end; n++) needed.push(n);\n  const limit = limiter(8);\n  return Promise.all(needed.map((n) => limit(() => load(n))));\n}\n",
    },
    {
      name: 'a request body\'s options are input, not configuration',
      code: "interface Req { body: { options: { recipients: string[] } } }\nexport async function send(req: Req) {\n  await Promise.all(req.body.options.recipients.map(async (to) => fetch(`http://mail.internal/${to}`)));\n}\n",
      errors: [{ messageId: 'fanOut', line: 3, column: 9 }],
      output: null,
      createdFiles: ['src/stability-runtime.ts'],
      unsafeOutput: "import { limiter } from './stability-runtime';\n\ninterface Req { body: { options: { recipients: string[] } } }\nexport async function send(req: Req) {\n  const limit = limiter(8);\n  await Promise.all(req.body.options.recipients.map((to) => limit(async () => fetch(`http://mail.internal/${to}`))));\n}\n",
    },
    {
      name: 'a limit test at the top of the loop whose counter nothing lowers is no semaphore',
      code: "declare function work(t: string): Promise<void>;\nexport function drain(tasks: string[], max: number) {\n  let started = 0;\n  for (const t of tasks) {\n    if (started >= max + tasks.length) break;\n    started++;\n    work(t).catch(() => undefined);\n  }\n}\n",
      files: calledFromRoute('ts', 'drain(req.body.tasks, 4)'),
      errors: [{ messageId: 'startedInLoop', data: { call: 'work(…)', unhandled: '', limit: 8 }, line: 7, column: 5, suggestions: [] }],
      output: null,
    },
    {
      name: 'a count under a bound in the loop condition, raised only on a path that starts nothing, caps nothing',
      filename: 'lib/nat.js',
      code: "module.exports = class Sampler {\n  constructor (dht, session) { this.dht = dht; this.session = session; this.sampled = 0; this._minSamples = 4; this._visited = new Map() }\n  autoSample () {\n    const maxPings = this._minSamples\n    let skipped = 0\n    for (let node = this.dht.nodes.latest; node && skipped < maxPings; node = node.prev) {\n      if (this._visited.has(node.host)) { skipped++; continue }\n      this.session.ping(node, { retry: false }).then(onpong, onskip)\n    }\n    function onpong () {}\n    function onskip () {}\n  }\n}\n",
      errors: [{ messageId: 'startedInLoop', data: { call: 'this.session.ping(…)', unhandled: '', limit: 8 }, line: 8, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'an awaited project function of another file that sends a request, reached through a third file: work per element',
      filename: 'src/client.ts',
      code: "import { Schema } from './schema';\nimport { getEmbeddingFunction } from './embedding';\nexport class Client {\n  constructor(private api: { list(): Promise<{ data: { name: string; schema: unknown }[] }> }) {}\n  async listCollections() {\n    const { data } = await this.api.list();\n    return Promise.all(data.map(async (c) => {\n      const schema = await Schema.fromJSON(c.schema);\n      const ef = await getEmbeddingFunction(c.name);\n      return { name: c.name, schema, ef };\n    }));\n  }\n}\n",
      files: { 'src/schema.ts': "import { getEmbeddingFunction } from './embedding';\nexport class Schema {\n  keys: Record<string, unknown> = {};\n  static async fromJSON(json: unknown) {\n    const s = new Schema();\n    s.keys = await Schema.keysOf(json);\n    return s;\n  }\n  private static async keysOf(json: unknown) {\n    const ef = await getEmbeddingFunction(String(json));\n    return { ef };\n  }\n}\n", 'src/embedding.ts': "export const getEmbeddingFunction = async (name: string) => {\n  const res = await fetch(`http://registry.internal/ef/${name}`);\n  return res.json();\n};\n" },
      errors: [{ message: fanOut('Promise.all', 'the async callback', 'data'), line: 7, column: 12 }],
      output: null,
      createdFiles: ['src/stability-runtime.ts'],
      unsafeOutput: "import { Schema } from './schema';\nimport { getEmbeddingFunction } from './embedding';\nimport { limiter } from './stability-runtime';\nexport class Client {\n  constructor(private api: { list(): Promise<{ data: { name: string; schema: unknown }[] }> }) {}\n  async listCollections() {\n    const { data } = await this.api.list();\n    const limit = limiter(8);\n    return Promise.all(data.map((c) => limit(async () => {\n      const schema = await Schema.fromJSON(c.schema);\n      const ef = await getEmbeddingFunction(c.name);\n      return { name: c.name, schema, ef };\n    })));\n  }\n}\n",
    },
    {
      name: 'a list a function of the file returns, filled up to a parameter it clamps only to another variable: as long as the input says',
      code: "const MAX_CPL = 15;\nexport class Refresher {\n  refreshedAt: Date[] = [];\n  constructor(private table: { size: number }) {}\n  refreshTable() {\n    const cpl = Math.log2(this.table.size);\n    const lengths = this.tracked(cpl);\n    return Promise.all(lengths.map(async (last, index) => {\n      await fetch(`http://peers.internal/refresh/${index}?since=${last.getTime()}`);\n    }));\n  }\n  tracked(maxCpl: number): Date[] {\n    if (maxCpl > this.table.size) maxCpl = this.table.size;\n    const dates: Date[] = [];\n    for (let i = 0; i <= maxCpl; i++) {\n      dates[i] = this.refreshedAt[i] ?? new Date(0);\n    }\n    return dates;\n  }\n}\n",
      errors: [{ messageId: 'fanOut', line: 8, column: 12 }],
      output: null,
      createdFiles: ['src/stability-runtime.ts'],
      unsafeOutput: "import { limiter } from './stability-runtime';\n\nconst MAX_CPL = 15;\nexport class Refresher {\n  refreshedAt: Date[] = [];\n  constructor(private table: { size: number }) {}\n  refreshTable() {\n    const cpl = Math.log2(this.table.size);\n    const lengths = this.tracked(cpl);\n    const limit = limiter(8);\n    return Promise.all(lengths.map((last, index) => limit(async () => {\n      await fetch(`http://peers.internal/refresh/${index}?since=${last.getTime()}`);\n    })));\n  }\n  tracked(maxCpl: number): Date[] {\n    if (maxCpl > this.table.size) maxCpl = this.table.size;\n    const dates: Date[] = [];\n    for (let i = 0; i <= maxCpl; i++) {\n      dates[i] = this.refreshedAt[i] ?? new Date(0);\n    }\n    return dates;\n  }\n}\n",
    },
    {
      name: 'the same drain over a list handed in, not messages a port received: a start per element',
      filename: 'src/worker.ts',
      code: "import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';\nasync function onMessage(port: MessagePort, message: { url: string }) {\n  const res = await fetch(message.url);\n  port.postMessage(await res.text());\n}\nexport function drain(port: MessagePort, queue: { url: string }[]) {\n  let entry;\n  while ((entry = queue.shift()) !== undefined) {\n    onMessage(port, entry);\n  }\n}\n",
      errors: [{ messageId: 'startedInLoop', data: { call: 'onMessage(…)', unhandled: UNHANDLED, limit: 8 }, line: 9, column: 5, suggestions: [] }],
      output: null,
    },
    {
      name: 'an awaited function of the file that hands the read to a queue as a callback is not shown to start nothing: work per element',
      code: "export class Store {\n  private queues: Record<string, Promise<unknown>> = {};\n  constructor(private games: { getItem(k: string): Promise<unknown>; keys(): Promise<string[]> }) {}\n  private async chain(key: string, request: () => Promise<unknown>) {\n    this.queues[key] = (this.queues[key] ?? Promise.resolve()).then(request, request);\n    return this.queues[key];\n  }\n  private async getItem(key: string) {\n    return this.chain(key, () => this.games.getItem(key));\n  }\n  async list() {\n    const keys = await this.games.keys();\n    return Promise.all(keys.map(async (k) => {\n      const item = await this.getItem(k);\n      return item;\n    }));\n  }\n}\n",
      errors: [{ messageId: 'fanOut', line: 13, column: 12 }],
      output: null,
      createdFiles: ['src/stability-runtime.ts'],
      unsafeOutput: "import { limiter } from './stability-runtime';\n\nexport class Store {\n  private queues: Record<string, Promise<unknown>> = {};\n  constructor(private games: { getItem(k: string): Promise<unknown>; keys(): Promise<string[]> }) {}\n  private async chain(key: string, request: () => Promise<unknown>) {\n    this.queues[key] = (this.queues[key] ?? Promise.resolve()).then(request, request);\n    return this.queues[key];\n  }\n  private async getItem(key: string) {\n    return this.chain(key, () => this.games.getItem(key));\n  }\n  async list() {\n    const keys = await this.games.keys();\n    const limit = limiter(8);\n    return Promise.all(keys.map((k) => limit(async () => {\n      const item = await this.getItem(k);\n      return item;\n    })));\n  }\n}\n",
    },
    {
      name: 'a counter that is only raised is no semaphore',
      code: "declare function work(t: string): Promise<void>;\nexport function drain(tasks: string[], max: number) {\n  let started = 0;\n  while (started < max + tasks.length) {\n    started++;\n    work(tasks[started]).catch(() => undefined);\n  }\n}\n",
      errors: [{ messageId: 'startedInLoop', data: { call: 'work(…)', unhandled: '', limit: 8 }, line: 6, column: 5, suggestions: [] }],
      output: null,
    },
  ],
});

it('unbounded-concurrency: every message opens with one sentence under 100 characters, at the longest data', () => {
  const longest = { combinator: 'Promise.allSettled', array: 'x'.repeat(20), call: 'x'.repeat(24), into: 'x'.repeat(40), consumer: 'x'.repeat(30), what: 'x', method: 'push', unhandled: '', limit: 8 };
  for (const [id, template] of Object.entries(rule.meta.messages)) {
    const first = template.split('\n')[0].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(longest[k as keyof typeof longest]));
    assert.ok(first.length < 100, `${id}: ${first.length} characters: ${first}`);
    assert.ok(template.includes('\n'), `${id}: no why after the first line`);
  }
});
