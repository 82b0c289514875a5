import rule from '../../rules/check-then-act';
import { describe } from 'node:test';
import { runRuleTests } from '../rule-tester';

const valueMessage = (check: string, target: string, hint: string) =>
  'Concurrent callers all pass this check during the `await`: keep the promise, not the result.\n' +
  `\`${check}\` is checked, but \`${target}\` is assigned only after an \`await\`, so every caller that arrives ` +
  'meanwhile runs the initialisation too: two concurrent calls both create the value and the first is overwritten: work done twice, ' +
  `and when the value is a client, a browser or a connection, one left running with nothing to close it. Keep the promise (\`${hint}\`), ` +
  'so every caller awaits the same one.';
const flagMessage = (check: string, target: string, hint: string, work: string) =>
  'Concurrent callers all pass this check during the `await`: claim or memoize before awaiting.\n' +
  `\`${check}\` is checked, but \`${target}\` is set only after an \`await\`, so \`${work}\` runs once per caller ` +
  'that arrives meanwhile, and what it starts or writes is started or written again. Memoize the promise ' +
  `(\`${hint}\`) so every caller awaits the same run, or claim the state before the first \`await\`.`;
const entryMessage = (check: string, write: string) =>
  'Concurrent callers for one key all miss this check during the `await`: store the promise.\n' +
  `\`${check}\` is checked, but \`${write}\` stores the entry only after an \`await\`, so every caller that asks ` +
  'for the same missing key meanwhile does the work again: a cold cache sends the same query N times at once, ' +
  'and a slow backend gets the whole burst. Store the promise before awaiting it (`map.set(key, load(key))`, ' +
  'then `await map.get(key)`), so later callers await the same work.';
const chainMessage = (check: string, target: string, work: string, hint: string) =>
  'Concurrent callers all pass this check while the promise is pending: keep the promise, not the result.\n' +
  `\`${check}\` is checked, but \`${target}\` is written only in a \`.then\` callback of \`${work}\`, so every caller that ` +
  `arrives before it settles starts \`${work}\` again: two connections or clients made and one left running with nothing ` +
  `to close it, or the same work done once per caller. Keep the promise before the chain settles (\`${hint}\`) and hand ` +
  'every caller that one, or claim the state before starting the work.';

const ORIENT_SERVER = `class OServer {
  constructor(pushNetwork) {
    this.pushNetwork = pushNetwork;
    this.subscribedForCluster = false;
    this.subscribing = null;
  }
  acquireForSubscribe() {
    return this.pushNetwork.acquireConnection();
  }
  subscribeCluster(data) {
    if (this.subscribedForCluster) {
      return Promise.resolve();
    } else {
GUARD      this.subscribing = this.acquireForSubscribe().then(connection => {
        return connection.send('subscribe-push-distributed', data).then(() => {
          this.subscribedForCluster = true;
          this.subscribing = null;
          return connection.close();
        });
      });
      return this.subscribing;
    }
  }
}
module.exports = OServer;
`;

/** firebase-admin's ApplicationDefaultCredential (check 61): METHOD is the GoogleAuth method awaited behind the check. */
const FIREBASE_ADC = `const google_auth_library_1 = require('google-auth-library');
class ApplicationDefaultCredential {
  constructor(httpAgent) {
    this.googleAuth = new google_auth_library_1.GoogleAuth({ scopes: SCOPES, clientOptions: { transporterOptions: { agent: httpAgent } } });
  }
  async getAccessToken() {
    if (!this.authClient) {
      this.authClient = await this.googleAuth.METHOD;
    }
    await this.authClient.getAccessToken();
    return this.authClient.credentials;
  }
}
exports.ApplicationDefaultCredential = ApplicationDefaultCredential;
`;

/** A store whose client comes from a method of its own class: GETTER is that method's body. */
const OWN_GETTER = `const { createClient } = require('redis');
class Store {
  getClient() {
GETTER  }
  async get(key) {
    if (!this.client) {
      this.client = await this.getClient();
    }
    return this.client.get(key);
  }
}
module.exports = Store;
`;

/** google-auth-library's BaseExternalAccountClient (check 61): the refresh runs only inside `#pendingAccessToken`, START is how it starts it. */
const GAL_BASE = `class BaseExternalAccountClient {
  #pendingAccessToken = null;
  async refreshAccessTokenAsync() {
START    try {
      return await this.#pendingAccessToken;
    } finally {
      this.#pendingAccessToken = null;
    }
  }
  async #internalRefreshAccessTokenAsync() {
    const subjectToken = await this.retrieveSubjectToken();
    return this.exchange(subjectToken);
  }
}
exports.BaseExternalAccountClient = BaseExternalAccountClient;
`;
const GAL_PACKAGE = '{"name": "google-auth-library", "version": "10.5.0", "main": "build/src/index.js"}\n';
const GAL_AWS = `const baseexternalclient_1 = require('./baseexternalclient');
const awsrequestsigner_1 = require('./awsrequestsigner');
class AwsClient extends baseexternalclient_1.BaseExternalAccountClient {
  async retrieveSubjectToken() {
    if (!this.awsRequestSigner) {
      this.region = await this.supplier.getAwsRegion(this.supplierContext);
      this.awsRequestSigner = new awsrequestsigner_1.AwsRequestSigner(async () => this.supplier.getAwsSecurityCredentials(), this.region);
    }
    return this.awsRequestSigner.getRequestOptions({ method: 'POST' });
  }
}
exports.AwsClient = AwsClient;
`;

/** cacheable-lookup's resolver: query() keeps each hostname's pending promise before awaiting it; CALLERS is any other caller. */
const CACHEABLE_LOOKUP = `'use strict';
const all = {all: true};

class CacheableLookup {
	constructor() {
		this._cache = new Map();
		this._pending = {};
		this._hostnamesToFallback = new Set();
	}

	async query(hostname) {
		let cached = await this._cache.get(hostname);
		if (!cached) {
			const pending = this._pending[hostname];
			if (pending) {
				cached = await pending;
			} else {
				const newPromise = this.queryAndCache(hostname);
				this._pending[hostname] = newPromise;
				try {
					cached = await newPromise;
				} finally {
					delete this._pending[hostname];
				}
			}
		}
		return cached;
	}

	async queryAndCache(hostname) {
		if (this._hostnamesToFallback.has(hostname)) {
			return this._dnsLookup(hostname, all);
		}
		let query = await this._resolve(hostname);
		if (query.entries.length === 0) {
			query = await this._lookup(hostname);
			if (query.entries.length !== 0) {
				this._hostnamesToFallback.add(hostname);
			}
		}
		await this._cache.set(hostname, query.entries);
		return query.entries;
	}
CALLERS}

module.exports = CacheableLookup;
`;

/** A consumer whose private initialiser sets its name after awaits; CALLERS is how the class calls it. */
const CONSUMER_UNIT = `declare function connect(): Promise<{ xgroup(...a: string[]): Promise<void>; client(name: string): Promise<void> }>;
export class ConsumerUnit {
  _name = '';
  _redis?: { xgroup(...a: string[]): Promise<void>; client(name: string): Promise<void> };
  constructor() {
    this._initialize();
  }
  async _initialize() {
    if (this._name) {
      await this._redis!.client(this._name);
      return;
    }
    this._redis = await connect();
    await this._redis.xgroup('CREATE', 'q');
    this._name = 'consumer-1';
  }
CALLERS}
`;

/** An outbound stream opened per peer by a private method; CALLERS is where the class calls it. */
const OUTBOUND_QUEUE = `declare function pushable<T>(): AsyncIterable<T> & { push(x: T): void };
declare function pipe<T>(source: AsyncIterable<T>, sink: (s: AsyncIterable<T>) => Promise<void>): Promise<void>;
declare function openStream(peer: string): Promise<{ close(): void }>;
export class Router {
  private readonly streams = new Map<string, { close(): void }>();
  private readonly queue = pushable<{ peer: string }>();
  start() {
    pipe(this.queue, async (source) => {
      for await (const { peer } of source) {
        await this.createOutboundStream(peer);
      }
    }).catch(() => undefined);
  }
  private async createOutboundStream(peer: string) {
    if (this.streams.has(peer)) {
      return;
    }
    const stream = await openStream(peer);
    this.streams.set(peer, stream);
  }
CALLERS}
`;

const CLIENT = `interface Client {
  query(sql: string): Promise<unknown>;
}

declare function connect(): Promise<Client>;
`;

/** A command-line tool's package: no start script, and its one bin ends its run with process.exit. */
const CLI_PACKAGE = '{ "name": "audit-cli", "bin": { "audit": "bin/audit.js" } }';
const CLI_BIN = "#!/usr/bin/env node\nconst { collect } = require('../lib/browser');\nasync function main(urls) {\n  for (const url of urls) await collect(url);\n}\nmain(process.argv.slice(2)).then(() => process.exit(0), () => process.exit(1));\n";
const LAZY_BROWSER = `const puppeteer = require('puppeteer');
const { readOptions } = require('./options');
let browser;
async function getBrowser() {
  if (!browser) {
    const opts = await readOptions();
    browser = await puppeteer.launch(opts);
  }
  return browser;
}
exports.collect = async function (url) {
  const page = await (await getBrowser()).newPage();
  await page.goto(url);
};
`;

/** A framework's application: init() runs from listen(), or once by the app at boot. */
const START_UP_APP = `declare function registerRoutes(): Promise<void>;
declare function openServer(port: number): Promise<{ close(): void }>;
export class Application {
  private isInitialized = false;
  async init() {
    if (this.isInitialized) return this;
    await registerRoutes();
    await openServer(0);
    this.isInitialized = true;
    return this;
  }
  async listen(port: number) {
    await this.init();
    return openServer(port);
  }
}
`;

/** A music manager: init() connects its nodes and opens a Redis client; the app calls it once when ready. */
const START_UP_MANAGER = `declare function createRedis(url: string): Promise<{ quit(): Promise<void> }>;
export class Manager {
  private initiated = false;
  private redis?: { quit(): Promise<void> };
  async init(clientId: string) {
    if (this.initiated) return this;
    this.redis = await createRedis(clientId);
    this.initiated = true;
    return this;
  }
}
`;

/** A knex migration that looks each comment's user up once and remembers it; ROWS_LOOP/ROWS_END say how the rows are walked. */
const MIGRATION = `export async function up(knex) {
  const existingUsers = new Set();
  const rows = await knex.select('*').from('comments');
  await knex.transaction(async (trx) => {
    ROWS_LOOP
      const user = row.user;
      if (!existingUsers.has(user)) {
        const found = await trx.select('id').from('users').where('id', '=', user).first();
        if (found) existingUsers.add(user);
      }
      await trx('comments_v2').insert({ user, text: row.text });
    ROWS_END
  });
}
export async function down(knex) {
  await knex.schema.dropTable('comments_v2');
}
`;

/** One gRPC client per key, made after the microservices package is loaded; LOADER is what loadPackage is handed. */
const GRPC_CLIENTS = `import { loadPackage } from './load-package';
declare function fetchProto(): Promise<void>;
export class GrpcHealth {
  private clients = new Map<string, { close(): void }>();
  async loadMicroservices() {
    return await loadPackage(['@nestjs/microservices'], LOADER, 'grpc');
  }
  async getClient(key: string) {
    let client = this.clients.get(key);
    if (!client) {
      const { ClientProxyFactory } = await this.loadMicroservices();
      client = ClientProxyFactory.create({ key });
      this.clients.set(key, client);
    }
    return client;
  }
}
`;

/** An event broker that picks a syncing user per room; startSyncingUser claims early (CLAIM_EARLY) or late (CLAIM_LATE). */
const SYNC_BROKER = `declare function joinedMembers(roomId: string): Promise<string[]>;
declare function startClient(userId: string): Promise<void>;
export class EventBroker {
  private userForRoom = new Map<string, string>();
  private syncing = new Map<string, { state: string; preparing: Promise<void> }>();
  async onEvent(roomId: string) {
    const existing = this.userForRoom.get(roomId);
    if (existing) {
      return false;
    }
    const members = await joinedMembers(roomId);
    await this.startSyncingUser(members[0]);
    this.userForRoom.set(roomId, members[0]);
    return false;
  }
  async startSyncingUser(userId: string) {
    const existing = this.syncing.get(userId);
    if (existing?.state === 'syncing') {
      return;
    } else if (existing?.state === 'preparing') {
      await existing.preparing;
      return;
    }
    const preparing = startClient(userId);
    CLAIM_EARLY
    await preparing;
    CLAIM_LATE
  }
}
`;

/** Encryption chained on a promise queue; STORE is what is done with the new link. */
const ENCRYPTOR = `declare function logDuration(name: string, f: () => Promise<void>): Promise<void>;
declare function startTracking(users: string[]): Promise<void>;
export class RoomEncryptor {
  private queue: Promise<void> = Promise.resolve();
  private membersLoaded = false;
  encrypt(users: string[]): Promise<void> {
    const prom = this.queue
      .catch(() => {})
      .then(async () => {
        await logDuration('ensureSession', async () => { await this.ensureSession(users); });
      });
    STORE
    return prom;
  }
  private async ensureSession(users: string[]) {
    if (!this.membersLoaded) {
      await startTracking(users);
      this.membersLoaded = true;
    }
  }
}
`;

/** A request signer that looks credentials up once, lazily, by the kind the options name (elasticdump's aws4signer). */
const SIGNER = [
  "const AWS = require('aws-sdk');",
  'let credentials;',
  'module.exports = async function sign(request, options) {',
  '  if (!credentials) {',
  '    if (options.awsChain) {',
  '      credentials = await new AWS.CredentialProviderChain().resolvePromise();',
  '    } else if (options.awsProfile) {',
  '      credentials = new AWS.SharedIniFileCredentials({ profile: options.awsProfile });',
  '    }',
  '  }',
  '  await credentials.getPromise();',
  '  return { ...request, credentials };',
  '};',
  '',
].join('\n');

/**
 * clamscan's passthrough (check 38): a Transform whose `transform` opens the socket on its first
 * chunk and calls `cb` (through `doTransform`) only once it is set. `opened` is the then-branch.
 */
const CLAMSCAN_TRANSFORM = (opened: string) => "const net = require('net');\n" +
  "const { Transform } = require('stream');\n" +
  "class Scanner {\n" +
  "  initSocket() {\n" +
  "    return new Promise((resolve) => {\n" +
  "      const s = net.connect(3310);\n" +
  "      s.once('connect', () => resolve(s));\n" +
  "    });\n" +
  "  }\n" +
  "  passthrough() {\n" +
  "    const me = this;\n" +
  "    return new Transform({\n" +
  "      transform(chunk, encoding, cb) {\n" +
  "        const doTransform = () => {\n" +
  "          this._fork.write(chunk);\n" +
  "          cb(null, chunk);\n" +
  "        };\n" +
  "        if (!this._socket) {\n" + opened +
  "        } else {\n" +
  "          doTransform();\n" +
  "        }\n" +
  "      },\n" +
  "    });\n" +
  "  }\n" +
  "}\n" +
  "module.exports = Scanner;\n";
const TRANSFORM_WAITS = "          me.initSocket().then((socket) => {\n            this._socket = socket;\n            doTransform();\n          });\n";
const TRANSFORM_GOES_ON = "          me.initSocket().then((socket) => {\n            this._socket = socket;\n          });\n          doTransform();\n";
/** A method of a Writable subclass connecting on its first chunk: the `_write` hook, or another `method`. */
const LAZY_WRITABLE = (method: string) => "import { Writable } from 'node:stream';\n" +
  "import net from 'node:net';\n" +
  "declare function connect(): Promise<net.Socket>;\n" +
  "export class Forwarder extends Writable {\n" +
  "  private sock?: net.Socket;\n" +
  "  async " + method + "(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error) => void) {\n" +
  "    if (!this.sock) {\n" +
  "      this.sock = await connect();\n" +
  "    }\n" +
  "    this.sock.write(chunk);\n" +
  "    done();\n" +
  "  }\n" +
  "}\n";

runRuleTests(rule, {
  valid: [
    {
      name: "a query method whose only caller keeps its promise per hostname in a pending map before awaiting it (cacheable-lookup, check 52)",
      filename: 'source/index.js',
      code: CACHEABLE_LOOKUP.replace('CALLERS', ''),
    },
    {
      name: 'a Transform\'s `transform` opening its socket on the first chunk, `cb` run only once it is set (clamscan, check 38)',
      filename: 'index.js',
      code: CLAMSCAN_TRANSFORM(TRANSFORM_WAITS),
    },
    {
      name: 'a Writable subclass\'s `_write` connecting on the first chunk, its callback after the await: Node writes one chunk at a time',
      filename: 'src/forwarder.ts',
      code: LAZY_WRITABLE('_write'),
    },
    {
      name: 'a handler cache filled from `import()`, then through a getter of `new Function(\'specifier\', \'return import(specifier)\')`, reading the export off the loaded module (piscina): loads only',
      filename: 'lib/worker.js',
      code: "const handlerCache = new Map();\nlet importESMCached;\nfunction getImportESM() {\n  if (importESMCached === undefined) {\n    importESMCached = new Function('specifier', 'return import(specifier)');\n  }\n  return importESMCached;\n}\nasync function getHandler(filename, name) {\n  let handler = handlerCache.get(`${filename}/${name}`);\n  if (handler != null) {\n    return handler;\n  }\n  try {\n    handler = await import(filename);\n    if (typeof handler !== 'function') {\n      handler = await handler[name];\n    }\n  } catch {}\n  if (typeof handler !== 'function') {\n    handler = await getImportESM()(filename);\n    if (typeof handler !== 'function') {\n      handler = await handler[name];\n    }\n  }\n  if (handlerCache.size > 1000) {\n    const [[key]] = handlerCache;\n    handlerCache.delete(key);\n  }\n  handlerCache.set(`${filename}/${name}`, handler);\n  return handler;\n}\nmodule.exports = getHandler;\n",
    },
    {
      name: "a memoised pure value: the initialiser only fills a collection of its own and compiles it (check 20, jsreport-core's system helpers)",
      filename: 'lib/worker/render/executeEngine.js',
      code: "let helpersCache = null;\nasync function systemHelpers(reporter, compileScript) {\n  if (helpersCache != null) {\n    return helpersCache;\n  }\n  const results = await reporter.registerHelpersListeners.fire();\n  const helpers = [];\n  for (const result of results) {\n    if (typeof result === 'string') helpers.push(result);\n  }\n  const source = helpers.join('\\n');\n  helpersCache = { source, script: compileScript(source) };\n  return helpersCache;\n}\nmodule.exports = systemHelpers;\n",
    },
    {
      name: 'credentials looked up lazily: a provider made only to ask for them, or a credentials object; a second caller replaces equal values',
      filename: 'lib/aws4signer.js',
      code: SIGNER,
    },
    {
      name: 'the comment at the await says the callee dedupes concurrent callers (a webhook handler awaiting bot.init())',
      code: `export function webhookCallback(bot: { init(): Promise<void>; handle(update: unknown): Promise<void> }) {
  let initialized = false;
  return async (update: unknown) => {
    if (!initialized) {
      // Will dedupe concurrently incoming calls from several updates
      await bot.init();
      initialized = true;
    }
    await bot.handle(update);
  };
}
`,
    },
    {
      name: 'an error latch: a row handler that stops once the consumer failed, recording the caught error',
      code: `declare function createLimitError(count: number): Error;
export async function fetchAll(rows: AsyncIterable<string>, consume: (row: string) => Promise<void>) {
  let consumerError: unknown = null;
  const onRow = async (row: string) => {
    if (consumerError) {
      return;
    }
    try {
      await consume(row);
    } catch (err) {
      consumerError = err;
    }
    if (++count > 10_000) consumerError = createLimitError(count);
  };
  let count = 0;
  for await (const row of rows) void onRow(row);
  if (consumerError) throw consumerError;
}
`,
    },
    {
      name: 'a phase claimed before the await: later callers find it moved on and leave',
      code: `import { spawn, type ChildProcess } from 'node:child_process';
export class Runner {
  private state: 'idle' | 'starting' | 'running' = 'idle';
  private proc?: ChildProcess;
  async start() {
    if (this.state !== 'idle') return;
    this.state = 'starting';
    this.proc = spawn('worker');
    await new Promise((r) => this.proc!.once('spawn', r));
    this.state = 'running';
  }
}
`,
    },
    {
      name: 'a state machine that turns away every other phase before its first await',
      code: `export class Server {
  phase = 'stopped';
  private async listen() {}
  async start() {
    if (this.phase === 'started') return;
    if (this.phase !== 'stopped') throw new Error('Cannot start server while it is in ' + this.phase + ' phase');
    this.phase = 'starting';
    this.startedAt = Date.now();
    await this.listen();
    this.phase = 'started';
  }
  startedAt = 0;
}
`,
    },
    {
      name: 'a cache filled by a read, with no burst of callers in sight: a cold key repeats one read',
      code: `const certificates: Record<string, string> = {};

export class AppleAuth {
  async certificate(url: string) {
    if (certificates[url]) {
      return certificates[url];
    }
    const { pem, maxAge } = await fetchCertificate(url);
    if (maxAge) {
      certificates[url] = pem;
      setTimeout(() => delete certificates[url], maxAge * 1000);
    }
    return pem;
  }
}

declare function fetchCertificate(url: string): Promise<{ pem: string; maxAge?: number }>;
`,
    },
    {
      name: 'a lookup memo of rows by name, read on a miss and stored',
      code: `type Queue = { name: string; policy: string };

export class Manager {
  private queues: Record<string, Queue> = {};

  async queue(name: string) {
    let queue = this.queues[name];
    if (queue) {
      return queue;
    }
    queue = await this.select(name);
    if (!queue) throw new Error(\`Queue \${name} does not exist\`);
    this.queues[name] = queue;
    return queue;
  }

  private async select(name: string): Promise<Queue | undefined> {
    return undefined;
  }
}
`,
    },
    {
      name: 'a value memoized after a read (a GET, an idempotent LISTEN): a second caller only repeats the read',
      code: "declare const client: { query(sql: string): Promise<unknown>; doRequest(m: string, p: string): Promise<unknown> };\nexport class Tracker {\n  private canUseAdmin: boolean | null = null;\n  private listening = false;\n  async online() {\n    if (this.canUseAdmin === null) {\n      this.canUseAdmin = Boolean(await client.doRequest('GET', '/admin'));\n    }\n    return this.canUseAdmin;\n  }\n  async listen() {\n    if (!this.listening) {\n      await client.query('LISTEN jobs');\n      this.listening = true;\n    }\n  }\n}\n",
    },
    {
      name: "an attachment's payload filled on first use from a GET and copied onto the object (`applyPayload`): a second caller only repeats the read",
      code: "declare const api: { getById(id: string): Promise<{ items: { title: string }[] }> };\nexport class Attachment {\n  private $filled = false;\n  title = '';\n  constructor(private id: string) {}\n  private applyPayload(p: { title: string }) {\n    this.title = p.title;\n  }\n  async loadPayload() {\n    if (this.$filled) {\n      return;\n    }\n    const { items } = await api.getById(this.id);\n    this.$filled = true;\n    this.applyPayload(items[0]);\n  }\n}\n",
    },
    {
      name: "a file's contents memoized after a read whose path a helper builds (`this.addPath('pubspec.yaml')`), a missing file thrown as a custom error: a second caller only repeats the read",
      filename: 'lib/dart.js',
      code: "class MissingFileError extends Error {}\nclass Dart {\n  addPath(p) {\n    return `${this.root}/${p}`;\n  }\n  async getContents() {\n    if (!this.contents) {\n      try {\n        this.contents = await this.github.getFileContentsOnBranch(this.addPath('pubspec.yaml'), this.targetBranch);\n      } catch (e) {\n        if (e.status === 404) throw new MissingFileError(this.addPath('pubspec.yaml'));\n        throw e;\n      }\n    }\n    return this.contents;\n  }\n}\nmodule.exports = Dart;\n",
    },
    {
      name: 'a module loaded on first use: a second `import()` gets the same module from the cache',
      code: "let got: ((url: string) => Promise<unknown>) | undefined;\nexport async function ping() {\n  if (!got) {\n    got = (await import('got')).got;\n  }\n  const res = await got('https://example.com/ping');\n  return res;\n}\n",
    },
    {
      name: 'a module loaded on first use in compiled CommonJS (`Promise.resolve().then(() => __importStar(require(…)))`): the module cache shares it',
      filename: 'src/server.js',
      code: `"use strict";
var __importStar = (this && this.__importStar) || function (mod) { return mod; };
let stopping = null;
const exitGracefully = async function () {
    if (stopping !== null) {
        return;
    }
    if (process.env.PREFETCH) {
        (await Promise.resolve().then(() => __importStar(require("./plugins/storage")))).default.emptyDir();
    }
    stopping = setTimeout(() => process.exit(1), 3000);
};
process.on("SIGINT", exitGracefully);
`,
    },
    {
      name: 'options set once after loading a renderer with `import()`: running it twice sets the same options',
      code: "declare const marked: { setOptions(o: object): void };\nlet optionsSet = false;\nexport async function render(text: string) {\n  if (!optionsSet) {\n    const { default: Renderer } = await import('marked-terminal');\n    marked.setOptions({ renderer: new Renderer() });\n    optionsSet = true;\n  }\n  return text;\n}\n",
    },
    {
      name: 'operators loaded once through a local helper that only `import()`s (its catch builds the error it throws): the module cache shares them',
      filename: 'lib/limiter.js',
      code: `let operators = null;
class LoadError extends Error {}
async function loadOperators() {
  if (operators) return operators;
  const importModule = async (specifier, { optional = false } = {}) => {
    try {
      return await import(specifier);
    } catch (error) {
      if (optional) return null;
      throw new LoadError(error.message);
    }
  };
  const main = await importModule('drizzle-orm');
  const sql = await importModule('drizzle-orm/sql', { optional: true });
  const resolved = {};
  const missing = [];
  for (const name of ['and', 'eq', 'sql']) {
    const operator = name === 'sql' && sql ? sql.sql : main[name];
    if (!operator) {
      missing.push(name);
      continue;
    }
    resolved[name] = operator;
  }
  if (missing.length > 0) throw new LoadError(\`missing \${missing.join(', ')}\`);
  operators = resolved;
  return operators;
}
module.exports = { loadOperators };
`,
    },
    {
      name: 'a token memoized after loading two modules at once (`Promise.all([import(a), import(b)])`) and building plain objects from them',
      code: `let cachedToken: string | undefined;
export async function getToken(root: string) {
  if (cachedToken !== undefined) {
    return cachedToken;
  }
  const [{ APIClient }, { Config }] = await Promise.all([import('@example/command'), import('@example/config')]);
  const client = new APIClient(new Config({ root }));
  cachedToken = client.auth;
  return cachedToken;
}
`,
    },
    {
      name: "a browser launched on first use in a module of a command-line tool's package: one sequential run, no concurrent caller",
      filename: 'lib/browser.js',
      code: LAZY_BROWSER,
      files: { 'package.json': CLI_PACKAGE, 'bin/audit.js': CLI_BIN },
    },
    {
      name: 'a client made on first use in a script that ends itself with process.exit',
      filename: 'src/report.js',
      code: "const { Client } = require('pg');\nlet client;\nasync function db() {\n  if (!client) {\n    const url = await readUrl();\n    client = new Client(url);\n    await client.connect();\n  }\n  return client;\n}\nasync function main() {\n  const { rows } = await (await db()).query('select 1');\n  console.log(rows);\n}\nmain().then(() => process.exit(0), () => process.exit(1));\n",
    },
    {
      name: 'no await between the check and the write',
      code: `${CLIENT}
export class Db {
  private client?: Client;

  async get() {
    if (!this.client) {
      this.client = makeClient();
    }
    return this.client;
  }
}

declare function makeClient(): Client;
`,
    },
    {
      name: 'claimed: the flag is written before the await',
      code: `export class Jobs {
  private starting = false;

  async start() {
    if (!this.starting) {
      this.starting = true;
      await this.migrate();
    }
  }

  async migrate() {}
}
`,
    },
    {
      name: 'the promise is what is stored (member)',
      code: `${CLIENT}
export class Db {
  private client?: Promise<Client>;

  async get() {
    if (!this.client) {
      this.client = connect();
    }
    return await this.client;
  }
}
`,
    },
    {
      name: 'the promise is what is stored (cache)',
      code: `const cache = new Map<string, Promise<string>>();

export async function load(key: string): Promise<string> {
  if (!cache.has(key)) {
    cache.set(key, fetchValue(key));
  }
  return await cache.get(key)!;
}

declare function fetchValue(key: string): Promise<string>;
`,
    },
    {
      name: 'the check is on a local variable',
      code: `${CLIENT}
export async function run() {
  let client: Client | undefined;
  if (!client) {
    client = await connect();
  }
  return client;
}
`,
    },
    {
      name: 'a mutex around it (runExclusive)',
      code: `${CLIENT}
declare const mutex: { runExclusive<T>(fn: () => Promise<T>): Promise<T> };

export class Db {
  private client?: Client;

  get() {
    return mutex.runExclusive(async () => {
      if (!this.client) {
        this.client = await connect();
      }
      return this.client;
    });
  }
}
`,
    },
    {
      name: 'a lock awaited before the check (this.#lock)',
      code: `${CLIENT}
export class Db {
  #lock: Promise<void> = Promise.resolve();
  private client?: Client;

  async get() {
    await this.#lock;
    if (!this.client) {
      this.client = await connect();
    }
    return this.client;
  }
}
`,
    },
    {
      name: 'a mutex acquired before the check',
      code: `${CLIENT}
declare const mutex: { acquire(): Promise<() => void> };
let client: Client | undefined;

export async function getClient() {
  const release = await mutex.acquire();
  try {
    if (!client) client = await connect();
    return client;
  } finally {
    release();
  }
}
`,
    },
    {
      name: 'code in a constructor',
      code: `${CLIENT}
export class Db {
  private client?: Client;
  ready: Promise<void>;

  constructor() {
    this.ready = (async () => {
      if (!this.client) this.client = await connect();
    })();
  }
}
`,
    },
    {
      name: 'a synchronous function',
      code: `const cache = new Map<string, number>();

export function size(key: string) {
  if (!cache.has(key)) cache.set(key, key.length);
  return cache.get(key);
}
`,
    },
    {
      name: 'double-checked: the write happens only if still missing after the await',
      code: `${CLIENT}
export class Db {
  private client?: Client;

  async get() {
    if (!this.client) {
      const fresh = await connect();
      if (!this.client) this.client = fresh;
    }
    return this.client;
  }
}
`,
    },
    {
      name: 'the awaited promise is memoized',
      code: `${CLIENT}
export class Db {
  #clientPromise: Promise<Client> | undefined;
  private client?: Client;

  async get() {
    if (!this.client) {
      this.client = await (this.#clientPromise ??= connect());
    }
    return this.client;
  }
}
`,
    },
    {
      name: 'awaiting a promise that already exists starts no work',
      code: `let parser: { parse(s: string): unknown } | undefined;
let parserPromise: Promise<{ parse(s: string): unknown }> | null = loadParser();

export async function connectH1() {
  if (!parser) {
    parser = await parserPromise!;
    parserPromise = null;
  }
}

declare function loadParser(): Promise<{ parse(s: string): unknown }>;
`,
    },
    {
      name: 'a different key is written',
      code: `const cache = new Map<string, string>();

export async function load(key: string) {
  if (!cache.has(key)) {
    cache.set('last', await fetchValue(key));
  }
}

declare function fetchValue(key: string): Promise<string>;
`,
    },
    {
      name: 'a Map passed in as a parameter: not shared state we can see',
      code: `export async function load(cache: Map<string, string>, key: string) {
  if (!cache.has(key)) cache.set(key, await fetchValue(key));
}

declare function fetchValue(key: string): Promise<string>;
`,
    },
    {
      name: 'the function is wrapped in once()',
      code: `${CLIENT}
import { once } from './stability-runtime';

let client: Client | undefined;

export const init = once(async () => {
  if (!client) client = await connect();
});
`,
      files: { 'src/stability-runtime.ts': 'export function once<T extends (...a: any[]) => any>(fn: T): T { return fn; }\n' },
    },
    {
      name: 'the branch only reports the missing state',
      code: `export class Jobs {
  private ready = false;

  async run() {
    if (!this.ready) {
      await this.log('not ready');
      throw new Error('not ready');
    }
  }

  async log(message: string) { void message; }
}
`,
    },
    {
      name: 'a check that throws guards against misuse: nobody waits for that state',
      code: `import { mkdir, writeFile } from 'node:fs/promises';
const lockedDirs = new Set<string>();

export class Store {
  private opened = false;

  async open(dir: string) {
    if (this.opened) throw new Error('store already open');
    if (lockedDirs.has(dir)) throw new Error(\`\${dir} is locked\`);
    await mkdir(dir, { recursive: true });
    await writeFile(\`\${dir}/.lock\`, String(process.pid), { flag: 'wx' });
    lockedDirs.add(dir);
    this.opened = true;
  }
}
`,
    },
    {
      name: 'every caller makes the object and calls the method once (another file)',
      filename: 'src/runner.js',
      code: `class Runner {
  constructor(group) {
    this.group = group;
    this.running = false;
  }
  async start() {
    if (this.running) {
      return;
    }
    await this.group.connect();
    this.running = true;
  }
}
module.exports = Runner;
`,
      files: {
        'src/consumer.js': `const Runner = require('./runner');
let runner = null;
exports.run = async (group) => {
  runner = new Runner(group);
  await runner.start();
};
`,
      },
    },
    {
      name: 'a method on a prototype, its object made in a try and used in sequence by its only caller',
      filename: 'src/pad-diff.js',
      code: `function PadDiff(pad) {
  this.pad = pad;
  this.html = null;
}
PadDiff.prototype.getHtml = async function () {
  if (this.html != null) {
    return this.html;
  }
  const text = await this.pad.getText();
  this.html = '<p>' + text + '</p>';
  return this.html;
};
module.exports = PadDiff;
`,
      files: {
        'src/api.js': `const PadDiff = require('./pad-diff');
exports.createDiffHTML = async (pad) => {
  let padDiff;
  try {
    padDiff = new PadDiff(pad);
  } catch (e) {
    throw { stop: e.message };
  }
  const html = await padDiff.getHtml();
  return { html };
};
`,
      },
    },
    {
      name: 'a poller closure that reschedules itself: its calls run one at a time',
      filename: 'src/wait-for.js',
      code: `const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
module.exports = (fn, { delay = 50 } = {}) => {
  let fulfilled = false;
  const checkCondition = async (resolve, reject) => {
    if (fulfilled) {
      return;
    }
    await sleep(delay);
    try {
      const result = await fn();
      if (result) {
        fulfilled = true;
        return resolve(result);
      }
      checkCondition(resolve, reject);
    } catch (e) {
      fulfilled = true;
      reject(e);
    }
  };
  return new Promise((resolve, reject) => {
    checkCondition(resolve, reject);
  });
};
`,
    },
    {
      name: 'a per-request memo closure whose calls are each awaited before the next',
      code: `${CLIENT}
export async function handle(id: string) {
  let client: Client | undefined;
  const getClient = async () => {
    if (!client) {
      client = await connect();
    }
    return client;
  };
  await (await getClient()).query('select 1');
  const c = await getClient();
  return c.query(id);
}
`,
    },
    {
      name: 'an init the start-up code runs once on a fresh object, made through a namespace in compiled code',
      filename: 'src/lib/storage.js',
      code: `const { LocalStorage } = require('./local-storage');
var Storage = class {
  constructor(config) {
    this.config = config;
    this.localStorage = null;
  }
  async init(config) {
    if (this.localStorage === null) {
      const plugin = await this.loadPlugin(config);
      this.localStorage = new LocalStorage(this.config, plugin);
    }
  }
  async loadPlugin(config) {
    return config.storage;
  }
};
exports.default = Storage;
`,
      files: {
        'src/lib/local-storage.js': 'exports.LocalStorage = class LocalStorage {\n  constructor(config, plugin) {\n    this.config = config;\n    this.plugin = plugin;\n  }\n};\n',
        'src/api/index.js': `const storage_1 = require('../lib/storage.js');
exports.default = async function (config) {
  const storage = new storage_1.default(config);
  await storage.init(config);
  return storage;
};
`,
      },
    },
    {
      name: 'a start-up init() its class runs only from listen(), or the app once at boot: no request path calls it',
      code: START_UP_APP,
    },
    {
      name: 'a start-up init() another file runs on an application a create… factory has just made for it (a REPL)',
      filename: 'src/app.ts',
      code: START_UP_APP,
      files: { 'src/repl.ts': "import { Application } from './app';\ndeclare function createApplication(): Promise<Application>;\nexport async function repl() {\n  const app = await createApplication();\n  await app.init();\n  return app;\n}\n" },
    },
    {
      name: "a manager's init() the app runs once in a ready handler (once), nothing in the project calls it lazily",
      filename: 'src/manager.ts',
      code: START_UP_MANAGER,
      files: {
        'src/player.ts': "import { Manager } from './manager';\nexport const manager = new Manager();\n",
        'src/bot.ts': "import { manager } from './player';\ndeclare const client: { once(e: string, f: () => void): void };\nclient.once('ready', () => manager.init('bot'));\n",
      },
    },
    {
      name: 'a knex migration (exports up and down): the runner runs it once, rows one at a time',
      filename: 'src/migrations/20240924A-migrate-comments.js',
      code: MIGRATION.replace('ROWS_LOOP', 'for (const row of rows) {').replace('ROWS_END', '}'),
    },
    {
      name: 'a TypeORM migration class with up and down methods',
      code: `declare function createIndex(name: string): Promise<void>;
export class AddIndex1700000000000 {
  private created = false;
  async up(queryRunner: { query(sql: string): Promise<unknown> }) {
    if (!this.created) {
      await createIndex('users_email');
      this.created = true;
    }
    await queryRunner.query('select 1');
  }
  async down() {}
}
`,
    },
    {
      name: 'a lazily read config: the new is the request object handed to the call that sends it',
      filename: 'client/TelegramClient.js',
      code: "const tl_1 = require('../tl');\nclass TelegramClient {\n  async getDC(dcId) {\n    if (!this._config) {\n      this._config = await this.invoke(new tl_1.Api.help.GetConfig());\n    }\n    return this._config.dcOptions.find((dc) => dc.id === dcId);\n  }\n  async invoke(request) {\n    return request;\n  }\n}\nexports.TelegramClient = TelegramClient;\n",
    },
    {
      name: "the only await loads a module through the class's helper and a loader it hands to a package helper",
      code: GRPC_CLIENTS.replace('LOADER', "() => import('@nestjs/microservices')"),
    },
    {
      name: "the work it starts is a method of the class that stores its claim before awaiting: concurrent callers share one sync",
      code: SYNC_BROKER.replace('CLAIM_EARLY', "this.syncing.set(userId, { state: 'preparing', preparing });").replace('CLAIM_LATE', ''),
    },
    {
      name: "a private initialiser called only from the constructor: runs once per object, no second caller",
      code: CONSUMER_UNIT.replace('CALLERS', ''),
    },
    {
      name: "a private method awaited item by item in the one for-await loop draining its queue: calls never overlap",
      code: OUTBOUND_QUEUE.replace('CALLERS', ''),
    },
    {
      name: "a private method run only as a link of the class's promise queue (stored back on the queue): one run at a time",
      code: ENCRYPTOR.replace('STORE', 'this.queue = prom;'),
    },
    {
      name: "an init its owner runs from one place on the owner's start path",
      code: `declare function openPool(url: string): Promise<{ end(): Promise<void> }>;
class Store {
  private pool?: { end(): Promise<void> };
  async init(url: string) {
    if (!this.pool) {
      this.pool = await openPool(url);
    }
  }
}

export class App {
  private readonly store = new Store();
  async start(url: string) {
    await this.store.init(url);
  }
}
`,
    },
    {
      name: 'a start method filling distinct ids one turn of a loop at a time (for-in and a queue shifted in a while)',
      code: `declare function createNode(flow: Flow, config: { id: string }): Promise<{ close(): void }>;
export class Flow {
  private activeNodes: Record<string, { close(): void }> = {};
  constructor(private flow: { nodes: Record<string, { id: string }>; configs: Record<string, { id: string }> }) {}
  async start() {
    const configIds = Object.keys(this.flow.configs);
    let id: string | undefined;
    while (configIds.length > 0) {
      id = configIds.shift()!;
      if (!this.activeNodes[id]) {
        const node = await createNode(this, this.flow.configs[id]);
        this.activeNodes[id] = node;
      }
    }
    for (const nodeId in this.flow.nodes) {
      if (!this.activeNodes[nodeId]) {
        this.activeNodes[nodeId] = await createNode(this, this.flow.nodes[nodeId]);
      }
    }
  }
}
`,
    },
    {
      name: 'promise-chain form, memoised: the chain itself is kept in shared state, every caller shares it',
      filename: 'lib/connectionFactory.js',
      code: "const amqp = require('amqplib');\nfunction connectionFactory(url) {\n  let connection = null;\n  let connecting = null;\n  this.get = function () {\n    if (connection) {\n      return Promise.resolve(connection);\n    }\n    connecting = connecting || amqp.connect(url).then(function (conn) {\n      connection = conn;\n      return conn;\n    });\n    return connecting;\n  };\n  return this;\n}\nmodule.exports = { create: connectionFactory };\n",
    },
    {
      name: 'promise-chain form, a step skipped when already done (`if (this.response) return;`): no get-or-create',
      filename: 'lib/RestWrite.js',
      code: "function RestWrite(db, data) {\n  this.db = db;\n  this.data = data;\n  this.response = null;\n}\nRestWrite.prototype.runDatabaseOperation = function () {\n  if (this.response) {\n    return;\n  }\n  return this.db.create(this.data).then((response) => {\n    this.response = { response };\n  });\n};\nmodule.exports = RestWrite;\n",
    },
    {
      name: 'promise-chain form in a promise executor of a start-up step the class runs from its constructor only',
      filename: 'lib/queue.js',
      code: "const redis = require('redis');\nclass Queue {\n  constructor(url) {\n    this.url = url;\n    this._isReady = false;\n    this.connect();\n  }\n  connect() {\n    return new Promise((resolve) => {\n      if (this._isReady) return resolve(this._isReady);\n      redis.createClient(this.url).then((client) => {\n        this.client = client;\n        this._isReady = true;\n        resolve(this._isReady);\n      });\n    });\n  }\n}\nmodule.exports = Queue;\n",
    },
    {
      name: 'the awaited library method memoises its in-flight promise: racing callers store one client (firebase-admin, check 61)',
      filename: 'lib/app/credential-internal.js',
      code: FIREBASE_ADC.replace('METHOD', 'getClient()'),
    },
    {
      name: 'the memoised GoogleAuth reached through a getter, known by its name (firebase-admin ServiceAccountCredential, check 61)',
      filename: 'lib/app/credential-internal.js',
      code: "const google_auth_library_1 = require('google-auth-library');\nclass ServiceAccountCredential {\n  getGoogleAuth() {\n    if (this.googleAuth) {\n      return this.googleAuth;\n    }\n    const { auth, client } = populateGoogleAuth(this.keyFile, this.httpAgent);\n    this.googleAuth = auth;\n    this.authClient = client;\n    return this.googleAuth;\n  }\n  async getAccessToken() {\n    const googleAuth = this.getGoogleAuth();\n    if (this.authClient === undefined) {\n      this.authClient = await googleAuth.getClient();\n    }\n    await this.authClient.getAccessToken();\n    return this.authClient.credentials;\n  }\n}\nexports.ServiceAccountCredential = ServiceAccountCredential;\n",
    },
    {
      name: 'the awaited method of the class keeps its promise (`return this.#p ??= …`): racing callers store one client',
      filename: 'lib/store.js',
      code: OWN_GETTER.replace('GETTER', '    return this.clientPromise ??= createClient().connect();\n'),
    },
    {
      name: 'the awaited method of the class fills its promise only when missing, then returns it',
      filename: 'lib/store.js',
      code: OWN_GETTER.replace('GETTER', '    if (!this.clientPromise) {\n      this.clientPromise = createClient().connect();\n    }\n    return this.clientPromise;\n'),
    },
    {
      name: 'a subclass method the base class runs only inside its pending-promise single-flight (google-auth-library, check 61)',
      filename: 'build/src/auth/awsclient.js',
      code: GAL_AWS,
      files: { 'package.json': GAL_PACKAGE, 'build/src/auth/baseexternalclient.js': GAL_BASE.replace('START', '    this.#pendingAccessToken =\n      this.#pendingAccessToken || this.#internalRefreshAccessTokenAsync();\n') },
    },
    {
      name: 'promise-chain form, the whole chain kept in a second field checked and handed back first (orientjs, check 62)',
      filename: 'lib/client/topology/server.js',
      code: ORIENT_SERVER.replace('GUARD', '      if (this.subscribing != null) {\n        return this.subscribing;\n      }\n'),
    },
  ],
  invalid: [
    {
      name: 'a GoogleAuth method that makes a new client per call (getIdTokenClient): racing callers each make one, stays reported',
      filename: 'lib/app/credential-internal.js',
      code: FIREBASE_ADC.replace('METHOD', 'getIdTokenClient(this.audience)'),
      errors: [{ messageId: 'value', line: 7, column: 5 }],
    },
    {
      name: 'the awaited method of the class connects afresh on every call: stays reported',
      filename: 'lib/store.js',
      code: OWN_GETTER.replace('GETTER', '    return createClient().connect();\n'),
      errors: [{ messageId: 'value', line: 7, column: 5 }],
    },
    {
      name: 'the same subclass method when the base class starts its refresh afresh on every call: stays reported',
      filename: 'build/src/auth/awsclient.js',
      code: GAL_AWS,
      files: { 'package.json': GAL_PACKAGE, 'build/src/auth/baseexternalclient.js': GAL_BASE.replace('START', '    this.#pendingAccessToken = this.#internalRefreshAccessTokenAsync();\n') },
      errors: [{ messageId: 'value', line: 5, column: 5 }],
    },
    {
      name: 'promise-chain form, the chain kept in a second field nobody checks first: every caller starts it again, stays reported',
      filename: 'lib/client/topology/server.js',
      code: ORIENT_SERVER.replace('GUARD', ''),
      errors: [{ messageId: 'chain', line: 11, column: 5 }],
    },
    {
      name: 'the same query method also run by a public refresh() that keeps no pending promise: refreshes race, stays reported',
      filename: 'source/index.js',
      code: CACHEABLE_LOOKUP.replace('CALLERS', '\n\trefresh(hostname) {\n\t\treturn this.queryAndCache(hostname);\n\t}\n'),
      errors: [{ messageId: 'entry', line: 31, column: 3 }],
    },
    {
      name: 'the same caller storing the pending promise only after an await: callers arriving meanwhile run the query again, stays reported',
      filename: 'source/index.js',
      code: CACHEABLE_LOOKUP.replace('CALLERS', '').replace('this.queryAndCache(hostname);\n', 'this.queryAndCache(hostname);\n\t\t\t\tawait this._cache.get(hostname);\n'),
      errors: [{ messageId: 'entry', line: 32, column: 3 }],
    },
    {
      name: 'the same Transform calling `cb` at once, before the socket is set: the next chunk passes the check too',
      filename: 'index.js',
      code: CLAMSCAN_TRANSFORM(TRANSFORM_GOES_ON),
      errors: [{ messageId: 'chain', line: 18, column: 9 }],
    },
    {
      name: 'the same body in a method Node does not call (`_send`): its callers are not held back by the callback',
      filename: 'src/forwarder.ts',
      code: LAZY_WRITABLE('_send'),
      errors: [{ messageId: 'value', line: 7, column: 5 }],
    },
    {
      name: 'the constructor-run initialiser also awaited by a public reconnect: two runs can overlap, stays reported',
      code: CONSUMER_UNIT.replace('CALLERS', '  async reconnect() {\n    await this._initialize();\n  }\n'),
      errors: [{ messageId: 'flag', line: 9, column: 5 }],
    },
    {
      name: 'the queue-drained stream opener also awaited by a public dial: a dial races the loop, stays reported',
      code: OUTBOUND_QUEUE.replace('CALLERS', '  async dial(peer: string) {\n    await this.createOutboundStream(peer);\n  }\n'),
      errors: [{ messageId: 'entry', line: 15, column: 5 }],
    },
    {
      name: 'the same handler cache whose fallback is a function built to fetch, not import: a second caller repeats the request',
      filename: 'lib/worker.js',
      code: "const handlerCache = new Map();\nlet importESMCached;\nfunction getImportESM() {\n  if (importESMCached === undefined) {\n    importESMCached = new Function('specifier', 'return fetch(specifier)');\n  }\n  return importESMCached;\n}\nasync function getHandler(filename, name) {\n  let handler = handlerCache.get(`${filename}/${name}`);\n  if (handler != null) {\n    return handler;\n  }\n  try {\n    handler = await import(filename);\n    if (typeof handler !== 'function') {\n      handler = await handler[name];\n    }\n  } catch {}\n  if (typeof handler !== 'function') {\n    handler = await getImportESM()(filename);\n    if (typeof handler !== 'function') {\n      handler = await handler[name];\n    }\n  }\n  if (handlerCache.size > 1000) {\n    const [[key]] = handlerCache;\n    handlerCache.delete(key);\n  }\n  handlerCache.set(`${filename}/${name}`, handler);\n  return handler;\n}\nmodule.exports = getHandler;\n",
      errors: [{ messageId: 'entry', line: 11, column: 3 }],
    },
    {
      name: 'promise-chain form: the check, a connect started, the state written only in its `.then` callback (tortoise)',
      filename: 'lib/connectionFactory.js',
      code: "const amqp = require('amqplib');\nfunction connectionFactory(url) {\n  let connection = null;\n  this.get = function () {\n    return Promise.resolve().then(function () {\n      if (connection) {\n        return Promise.resolve(connection);\n      }\n      var connect = function () {\n        return amqp.connect(url).then(function (conn) {\n          connection = conn;\n          return conn;\n        });\n      };\n      return connect();\n    });\n  };\n  return this;\n}\nmodule.exports = { create: connectionFactory };\n",
      errors: [{ messageId: 'chain', line: 6, column: 7, data: { check: 'connection', target: 'connection', work: 'amqp.connect(…)', hint: 'connectionPromise ??= amqp.connect(…).then(…)' } }],
    },
    {
      name: 'promise-chain form with a flag: `init()` started once per caller until its `.then` sets `ready`',
      filename: 'lib/service.js',
      code: "class Service {\n  ensureReady() {\n    if (!this.ready) {\n      return this.init().then(() => {\n        this.ready = true;\n      });\n    }\n    return Promise.resolve();\n  }\n  init() {\n    return Promise.resolve();\n  }\n}\nexports.handler = (svc) => (req, res) => svc.ensureReady().then(() => res.end());\nmodule.exports.Service = Service;\n",
      errors: [{ messageId: 'chain', line: 3, column: 5 }],
    },
    {
      name: 'promise-chain form, a present-check whose exit returns a skip and no state stays reported when it has an else branch',
      filename: 'lib/pool.js',
      code: "const mysql = require('mysql2/promise');\nlet pool = null;\nexports.getPool = function () {\n  if (pool) {\n    return Promise.resolve();\n  } else {\n    return mysql.createConnection({}).then((c) => {\n      pool = c;\n    });\n  }\n};\n",
      errors: [{ messageId: 'chain', line: 4, column: 3 }],
    },
    {
      name: 'promise-chain form in a promise executor of a start method called lazily elsewhere stays reported',
      filename: 'lib/queue.js',
      code: "const redis = require('redis');\nclass Queue {\n  connect() {\n    return new Promise((resolve) => {\n      if (this._isReady) return resolve(this._isReady);\n      redis.createClient(this.url).then((client) => {\n        this.client = client;\n        this._isReady = true;\n        resolve(this._isReady);\n      });\n    });\n  }\n}\nmodule.exports = Queue;\n",
      files: { 'lib/route.js': "exports.route = (queue) => (req, res) => queue.connect().then(() => res.end());\n" },
      errors: [{ messageId: 'chain', line: 5, column: 7 }],
    },
    {
      name: "the same memo whose initialiser pushes onto a module-level array: every concurrent first call adds to shared state",
      filename: 'lib/worker/render/executeEngine.js',
      code: "const registered = [];\nlet helpersCache = null;\nasync function systemHelpers(reporter, compileScript) {\n  if (helpersCache != null) {\n    return helpersCache;\n  }\n  const results = await reporter.registerHelpersListeners.fire();\n  for (const result of results) {\n    if (typeof result === 'string') registered.push(result);\n  }\n  const source = registered.join('\\n');\n  helpersCache = { source, script: compileScript(source) };\n  return helpersCache;\n}\nmodule.exports = systemHelpers;\n",
      errors: [{ messageId: 'value', line: 4, column: 3 }],
    },
    {
      name: 'a client made and asked to connect, lazily: a second caller connects a second one',
      filename: 'lib/aws4signer.js',
      code: SIGNER.replace('await new AWS.CredentialProviderChain().resolvePromise()', 'await new AWS.ElasticClient(options).connect()'),
      errors: [{ messageId: 'value', line: 4, column: 3 }],
    },
    {
      name: 'a provider made and asked a question, then a client made from the answer',
      filename: 'lib/aws4signer.js',
      code: SIGNER.replace('await new AWS.CredentialProviderChain().resolvePromise();', 'new AWS.ElasticClient(await new AWS.CredentialProviderChain().resolvePromise());'),
      errors: [{ messageId: 'value', line: 4, column: 3 }],
    },
    {
      name: 'the same module when the package also has a start script: it may serve concurrent requests',
      filename: 'lib/browser.js',
      code: LAZY_BROWSER,
      files: { 'package.json': '{ "name": "audit-cli", "scripts": { "start": "node server.js" }, "bin": { "audit": "bin/audit.js" } }', 'bin/audit.js': CLI_BIN },
      errors: [{ messageId: 'value', line: 5, column: 3 }],
      output: null,
    },
    {
      name: "the same module of a command-line tool's package when it maps over every URL at once: the burst races",
      filename: 'lib/browser.js',
      code: LAZY_BROWSER + 'exports.collectAll = (urls) => Promise.all(urls.map((url) => getBrowser().then((b) => b.newPage())));\n',
      files: { 'package.json': CLI_PACKAGE, 'bin/audit.js': CLI_BIN },
      errors: [{ messageId: 'value', line: 5, column: 3 }],
      output: null,
    },
    {
      name: 'a helper that loads a module and then calls the service it exports: the second caller repeats that call',
      code: `let session: { id: string } | undefined;
async function openSession(url: string) {
  const { connect } = await import('@example/client');
  return connect(url);
}
export async function getSession(url: string) {
  if (!session) {
    session = await openSession(url);
  }
  return session;
}
`,
      errors: [{ messageId: 'value', line: 7, column: 3 }],
      output: null,
    },
    {
      name: 'the same webhook handler with no word from the maintainers: every early update runs init()',
      code: `export function webhookCallback(bot: { init(): Promise<void>; handle(update: unknown): Promise<void> }) {
  let initialized = false;
  return async (update: unknown) => {
    if (!initialized) {
      // Fetch the bot's own info first
      await bot.init();
      initialized = true;
    }
    await bot.handle(update);
  };
}
`,
      errors: [{ messageId: 'flag', line: 4, column: 5 }],
      output: null,
    },
    {
      name: 'helpers only the guarded init() calls: their race is init\'s, reported once at its check',
      code: `declare function loadOptional(name: string): Promise<{ Module?: new () => object } | undefined>;
declare function registerRoutes(): Promise<void>;
export class Application {
  private isInitialized = false;
  private socketModule?: object;
  private queueModule?: object;
  async init() {
    if (this.isInitialized) return this;
    await Promise.all([this.loadSocketModule(), this.loadQueueModule()]);
    await registerRoutes();
    this.isInitialized = true;
    return this;
  }
  private async loadSocketModule() {
    if (!this.socketModule) {
      const mod = await loadOptional('sockets');
      if (mod?.Module) this.socketModule = new mod.Module();
    }
  }
  private async loadQueueModule() {
    if (!this.queueModule) {
      const mod = await loadOptional('queues');
      if (mod?.Module) this.queueModule = new mod.Module();
    }
  }
  async handle(req: unknown) {
    await this.init();
    return req;
  }
}
`,
      errors: [{ messageId: 'flag', line: 8, column: 5 }],
      output: null,
    },
    {
      name: 'a helper also called from a second, unguarded method: its own check is reported',
      code: `declare function loadOptional(name: string): Promise<{ Module?: new () => object } | undefined>;
declare function registerRoutes(): Promise<void>;
export class Application {
  private isInitialized = false;
  private socketModule?: object;
  private queueModule?: object;
  async init() {
    if (this.isInitialized) return this;
    await Promise.all([this.loadSocketModule(), this.loadQueueModule()]);
    await registerRoutes();
    this.isInitialized = true;
    return this;
  }
  private async loadSocketModule() {
    if (!this.socketModule) {
      const mod = await loadOptional('sockets');
      if (mod?.Module) this.socketModule = new mod.Module();
    }
  }
  async reload() {
    await this.loadSocketModule();
  }
  private async loadQueueModule() {
    if (!this.queueModule) {
      const mod = await loadOptional('queues');
      if (mod?.Module) this.queueModule = new mod.Module();
    }
  }
  async handle(req: unknown) {
    await this.init();
    return req;
  }
}
`,
      errors: [{ messageId: 'flag', line: 8, column: 5 }, { messageId: 'value', line: 15, column: 5 }],
      output: null,
    },
    {
      name: 'the same loop over ids in a request handler: two requests with one id both create it',
      code: `declare function createNode(config: { id: string }): Promise<{ close(): void }>;
export class Registry {
  private activeNodes: Record<string, { close(): void }> = {};
  async handle(configs: { id: string }[]) {
    for (const config of configs) {
      const id = config.id;
      if (!this.activeNodes[id]) {
        this.activeNodes[id] = await createNode(config);
      }
    }
  }
}
`,
      errors: [{ messageId: 'entry', data: { check: '!this.activeNodes[id]', write: 'this.activeNodes[id] = …' }, line: 7, column: 7 }],
    },
    {
      name: 'the same start-up init() called from a request handler in another file: concurrent requests both run it',
      filename: 'src/app.ts',
      code: START_UP_APP,
      files: { 'src/routes.ts': "import { Application } from './app';\nexport function mount(app: Application, router: { get(p: string, h: (req: unknown) => Promise<void>): void }) {\n  router.get('/warm', async () => { await app.init(); });\n}\n" },
      errors: [{ messageId: 'flag', line: 6, column: 5 }],
      output: null,
    },
    {
      name: 'the same init() on a shared application a getter hands out, from a plain function: each caller runs it',
      filename: 'src/app.ts',
      code: START_UP_APP,
      files: { 'src/repl.ts': "import { Application } from './app';\ndeclare function getApplication(): Application;\nexport async function warm() {\n  const app = getApplication();\n  await app.init();\n  return app;\n}\n" },
      errors: [{ messageId: 'flag', line: 6, column: 5 }],
      output: null,
    },
    {
      name: "a manager's init() called from a listener that fires again (on, not once)",
      filename: 'src/manager.ts',
      code: START_UP_MANAGER,
      files: { 'src/bot.ts': "import { Manager } from './manager';\ndeclare const client: { on(e: string, f: () => void): void };\nconst manager = new Manager();\nclient.on('ready', () => manager.init('bot'));\n" },
      errors: [{ messageId: 'flag', line: 6, column: 5 }],
      output: null,
    },
    {
      name: 'the same migration looking users up for all rows at once: the burst misses the set together',
      filename: 'src/migrations/20240924A-migrate-comments.js',
      code: MIGRATION.replace('ROWS_LOOP', 'await Promise.all(rows.map(async (row) => {').replace('ROWS_END', '}));'),
      errors: [{ messageId: 'entry', line: 7, column: 7 }],
    },
    {
      name: 'a pool made with new inside the argument of the awaited call: a second caller makes a second pool',
      filename: 'src/db.js',
      code: "const { Pool } = require('pg');\nconst { wrap } = require('./wrap');\nclass Db {\n  async pool() {\n    if (!this._pool) {\n      this._pool = await wrap(new Pool({ connectionTimeoutMillis: 5000 }));\n    }\n    return this._pool;\n  }\n}\nexports.Db = Db;\n",
      errors: [{ messageId: 'value', line: 5, column: 5 }],
      output: null,
    },
    {
      name: 'the handed function does more than load a module (it fetches the proto too): a second caller makes a second client',
      code: GRPC_CLIENTS.replace('LOADER', "async () => { const m = await import('@nestjs/microservices'); await fetchProto(); return m; }"),
      errors: [{ messageId: 'entry', line: 10, column: 5 }],
    },
    {
      name: 'the same method storing its state only after the await: two events start two syncs',
      code: SYNC_BROKER.replace('CLAIM_EARLY', '').replace('CLAIM_LATE', "this.syncing.set(userId, { state: 'syncing', preparing });"),
      errors: [{ messageId: 'entry', line: 8, column: 5 }],
    },
    {
      name: 'the same chain not stored back on the queue: every call starts from the same promise and runs at once',
      code: ENCRYPTOR.replace('STORE', ''),
      errors: [{ messageId: 'flag', line: 16, column: 5 }],
      output: null,
    },
    {
      name: 'an init its owner runs from start() and again from a request handler',
      code: `declare function openPool(url: string): Promise<{ end(): Promise<void> }>;
class Store {
  private pool?: { end(): Promise<void> };
  async init(url: string) {
    if (!this.pool) {
      this.pool = await openPool(url);
    }
  }
}

export class App {
  private readonly store = new Store();
  async start(url: string) {
    await this.store.init(url);
  }
  async handle(url: string) {
    await this.store.init(url);
  }
}
`,
      errors: [{ messageId: 'value', line: 5, column: 5 }],
      output: null,
    },
    {
      name: 'a member client assigned from an awaited connect: memoize the promise (suggestion)',
      code: `${CLIENT}
export class Db {
  private client?: Client;

  async get(): Promise<Client> {
    if (!this.client) {
      this.client = await connect();
    }
    return this.client;
  }
}
`,
      errors: [{
        message: valueMessage('!this.client', 'this.client', 'this.client = await (this.#clientPromise ??= connect())'),
        line: 11, column: 5, endLine: 11, endColumn: 22, severity: 'warn',
        suggestions: [{
          title: 'Memoize the promise in this.#clientPromise so concurrent callers share one result',
          output: `${CLIENT}
export class Db {
  #clientPromise: Promise<Client> | undefined;
  private client?: Client;

  async get(): Promise<Client> {
    if (!this.client) {
      this.client = await (this.#clientPromise ??= connect());
    }
    return this.client;
  }
}
`,
        }],
      }],
      output: null,
    },
    {
      name: 'a client made inside the argument of the awaited call still counts: a second caller makes a second connection',
      code: "declare function wrap<T>(x: T): Promise<T>;\ndeclare function createConnection(url: string): { close(): void };\nexport class Db {\n  private conn: { close(): void } | undefined;\n  async get() {\n    if (!this.conn) {\n      this.conn = await wrap(createConnection('postgres://db'));\n    }\n    return this.conn;\n  }\n}\n",
      errors: [{ messageId: 'value', line: 6, column: 5 }],
      output: null,
    },
    {
      name: 'a flag set after migrations are applied: a second caller applies them again',
      code: "declare const db: { applyMigrations(): Promise<void> };\nexport class Store {\n  private migrated = false;\n  async ready() {\n    if (!this.migrated) {\n      await db.applyMigrations();\n      this.migrated = true;\n    }\n  }\n}\n",
      errors: [{ messageId: 'flag', line: 5, column: 5 }],
      output: null,
    },
    {
      name: 'a ready flag set after an awaited init (suggestion)',
      code: `export class Service {
  private ready = false;

  async ensureReady() {
    if (!this.ready) {
      await this.init();
      this.ready = true;
    }
  }

  private async init() {}
}
`,
      errors: [{
        message: flagMessage('!this.ready', 'this.ready', 'await (this.#readyPromise ??= this.init())', 'this.init()'),
        line: 5, column: 5, endLine: 5, endColumn: 21,
        suggestions: [{
          title: 'Memoize the promise in this.#readyPromise so concurrent callers share one run',
          output: `export class Service {
  #readyPromise: Promise<unknown> | undefined;
  private ready = false;

  async ensureReady() {
    if (!this.ready) {
      await (this.#readyPromise ??= this.init());
      this.ready = true;
    }
  }

  private async init() {}
}
`,
        }],
      }],
      output: null,
    },
    {
      name: 'a cache entry set with an awaited load, called for every key at once (no fix: the map would hold promises)',
      code: `const cache = new Map<string, string>();

export async function load(key: string) {
  if (!cache.has(key)) {
    cache.set(key, await fetchValue(key));
  }
  return cache.get(key);
}

export function loadAll(keys: string[]) {
  return Promise.all(keys.map((key) => load(key)));
}

declare function fetchValue(key: string): Promise<string>;
`,
      errors: [{ message: entryMessage('!cache.has(key)', 'cache.set(key, …)'), line: 4, column: 3, endLine: 4, endColumn: 23 }],
      output: null,
    },
    {
      name: 'early return on a hit, then load and store, for many ids at once',
      code: `type User = { id: string };

export class Users {
  private cache = new Map<string, User>();

  async find(id: string) {
    if (this.cache.has(id)) return this.cache.get(id);
    const user = await fetchUser(id);
    this.cache.set(id, user);
    return user;
  }

  async findAll(ids: string[]) {
    return Promise.all(ids.map(async (id) => this.find(id)));
  }
}

declare function fetchUser(id: string): Promise<User>;
`,
      errors: [{ messageId: 'entry', line: 7, column: 5, endLine: 7, endColumn: 28 }],
      output: null,
    },
    {
      name: 'a module-level client (=== undefined): the memo goes next to it',
      code: `${CLIENT}
let client: Client | undefined;

export async function getClient() {
  if (client === undefined) client = await connect();
  return client;
}
`,
      errors: [{
        messageId: 'value', data: { check: 'client === undefined', target: 'client', hint: 'client = await (clientPromise ??= connect())' },
        line: 10, column: 3, endLine: 10, endColumn: 28,
        suggestions: [{
          title: 'Memoize the promise in clientPromise so concurrent callers share one result',
          output: `${CLIENT}
let client: Client | undefined;
let clientPromise: Promise<Client> | undefined;

export async function getClient() {
  if (client === undefined) client = await (clientPromise ??= connect());
  return client;
}
`,
        }],
      }],
      output: null,
    },
    {
      name: 'JavaScript: a member built locally, connected, then stored (no suggestion: the local is per call)',
      filename: 'src/db.js',
      code: `import pg from 'pg';

export class Db {
  async get() {
    if (!this.client) {
      const client = new pg.Client({ connectionTimeoutMillis: 5000 });
      await client.connect();
      this.client = client;
    }
    return this.client;
  }
}
`,
      errors: [{
        messageId: 'value', data: { check: '!this.client', target: 'this.client', hint: 'this.#clientPromise ??= (async () => { …; return value })()' },
        line: 5, column: 5,
      }],
      output: null,
    },
    {
      name: 'JavaScript: a member field with no type gets an untyped memo field',
      filename: 'src/db.js',
      code: `export class Db {
  client = null;

  async get() {
    if (this.client == null) {
      this.client = await open();
    }
    return this.client;
  }
}

async function open() {
  return {};
}
`,
      errors: [{
        messageId: 'value', line: 5, column: 5,
        suggestions: [{
          title: 'Memoize the promise in this.#clientPromise so concurrent callers share one result',
          output: `export class Db {
  #clientPromise;
  client = null;

  async get() {
    if (this.client == null) {
      this.client = await (this.#clientPromise ??= open());
    }
    return this.client;
  }
}

async function open() {
  return {};
}
`,
        }],
      }],
      output: null,
    },
    {
      name: 'two awaits before the flag: reported, no suggestion (memoizing one leaves the other)',
      code: `export class Service {
  private ready = false;

  async ensureReady() {
    if (!this.ready) {
      await this.migrate();
      await this.warm();
      this.ready = true;
    }
  }

  private async migrate() {}
  private async warm() {}
}
`,
      errors: [{ messageId: 'flag', line: 5, column: 5, suggestions: [] }],
      output: null,
    },
    {
      name: 'a Set of started ids, with an awaited start in between',
      code: `const started = new Set<string>();

export async function ensureWorker(id: string) {
  if (!started.has(id)) {
    await spawnWorker(id);
    started.add(id);
  }
}

declare function spawnWorker(id: string): Promise<void>;
`,
      errors: [{ messageId: 'entry', data: { check: '!started.has(id)', write: 'started.add(id)' }, line: 4, column: 3 }],
      output: null,
    },
    {
      name: "a factory's `let`, checked in an arrow it returns (closure state)",
      code: `${CLIENT}
export function connector() {
  let connection: Client | undefined;
  const getConnection = async () => {
    if (connection) {
      return connection;
    }
    connection = await connect();
    return connection;
  };
  return { query: async (sql: string) => (await getConnection()).query(sql) };
}
`,
      errors: [{ messageId: 'value', data: { check: 'connection', target: 'connection', hint: 'connection = await (connectionPromise ??= connect())' }, line: 10, column: 5 }],
    },
    {
      name: 'a compound check of two module variables',
      code: `interface Provider { initialize(): Promise<void> }
declare function createProvider(): Provider;
let provider: Provider | null = null;
let initialized = false;

export async function getProvider(): Promise<Provider> {
  if (provider && initialized) {
    return provider;
  }
  const created = createProvider();
  await Promise.resolve();
  provider = created;
  await provider.initialize();
  initialized = true;
  return provider;
}
`,
      errors: [{ messageId: 'value', line: 7, column: 3 }],
      output: null,
    },
    {
      name: 'a Map read through a local, filled after awaits',
      code: `interface Source { initialize(): Promise<void> }
declare function makeSource(id: string): Source;
export class Factory {
  private readonly sources = new Map<string, Source>();
  async create(id: string): Promise<Source> {
    const cached = this.sources.get(id);
    if (cached) {
      return cached;
    }
    const source = makeSource(id);
    await source.initialize();
    this.sources.set(id, source);
    return source;
  }
}
`,
      errors: [{ messageId: 'entry', data: { check: 'cached', write: 'this.sources.set(id, …)' }, line: 7, column: 5 }],
    },
    {
      name: 'a cache filled by a read in a function a library map runs for every hit',
      code: `import Bluebird from 'bluebird';
export async function search(hits: { _index: string }[], getAliases: (index: string) => Promise<string[]>) {
  const aliasCache = new Map<string, string[]>();
  const formatHit = async (hit: { _index: string }) => {
    let aliases = aliasCache.get(hit._index);
    if (!aliases) {
      aliases = await getAliases(hit._index);
      aliasCache.set(hit._index, aliases);
    }
    return { hit, alias: aliases[0] };
  };
  return Bluebird.map(hits, formatHit);
}
`,
      errors: [{ messageId: 'entry', data: { check: '!aliases', write: 'aliasCache.set(hit._index, …)' }, line: 6, column: 5 }],
      output: null,
    },
    {
      name: 'an entry whose last write follows a start call, though an earlier branch writes it after a read',
      code: `export class Rooms {
  private syncer = new Map<string, string>();

  async onEvent(room: string) {
    const existing = this.syncer.get(room);
    if (existing) return existing;
    const members = await this.members(room);
    const known = members.find((m) => [...this.syncer.values()].includes(m));
    if (known) {
      this.syncer.set(room, known);
      return known;
    }
    await this.startSyncing(members[0]);
    this.syncer.set(room, members[0]);
    return members[0];
  }

  private async members(room: string): Promise<string[]> { return [room]; }
  private async startSyncing(user: string) {}
}
`,
      errors: [{ messageId: 'entry', data: { check: 'existing', write: 'this.syncer.set(room, …)' }, line: 6, column: 5 }],
      output: null,
    },
    {
      name: "a phase compared with a literal, claimed with another one the check lets through ('connecting' is not 'connected')",
      code: `import { spawn, type ChildProcess } from 'node:child_process';
export class CopilotClient {
  private state: 'disconnected' | 'connecting' | 'connected' = 'disconnected';
  private proc?: ChildProcess;
  async start() {
    if (this.state === 'connected') return;
    this.state = 'connecting';
    this.proc = spawn('copilot', ['server']);
    await new Promise((r) => this.proc!.once('spawn', r));
    this.state = 'connected';
  }
  async createSession() {
    await this.start();
    return { id: Date.now() };
  }
}
`,
      errors: [{
        message: "Concurrent callers all pass this check during the `await`: claim a phase it turns away first.\n" +
          "`this.state === 'connected'` lets every caller through until `this.state` is set to 'connected', which happens only after an `await`, " +
          "so `new Promise(…)` and what comes before it run once per caller that arrives meanwhile. Before the first `await`, move `this.state` " +
          "to a phase the check turns away (`if (this.state !== 'idle') return; this.state = 'starting'`), or keep the run's promise and let every caller await it.",
        line: 6, column: 5, suggestions: [],
      }],
      output: null,
    },
    {
      name: 'a session made by a new… function, assigned after the await',
      code: `type NetSession = { fetch(url: string): Promise<Response>; close(): void };
declare function newNetSession(partition: string): Promise<NetSession>;
export class NTLMSession {
  private conn: NetSession | null = null;
  constructor(private partition: string) {}
  async request(url: string) {
    if (!this.conn) {
      this.conn = await newNetSession(this.partition);
    }
    return this.conn.fetch(url);
  }
}
`,
      errors: [{ messageId: 'value', line: 7, column: 5 }],
      output: null,
    },
    {
      name: 'a flag set after a process is spawned and awaited: memoizing the await would still spawn one per caller (no suggestion)',
      code: `import { spawn, type ChildProcess } from 'node:child_process';
export class Daemon {
  private ready = false;
  private proc?: ChildProcess;
  async ensure() {
    if (!this.ready) {
      this.proc = spawn('daemon');
      await new Promise((r) => this.proc!.once('spawn', r));
      this.ready = true;
    }
  }
}
`,
      errors: [{ messageId: 'flag', line: 6, column: 5, suggestions: [] }],
      output: null,
    },
    {
      name: 'a client kept in a closure after an await, the catch storing a fallback: still made twice',
      code: `declare function connect(url: string): Promise<{ close(): void }>;
declare function offline(): { close(): void };
export function makeGetter(url: string) {
  let client: { close(): void } | undefined;
  return async () => {
    if (client) return client;
    try {
      client = await connect(url);
    } catch (err) {
      client = offline();
    }
    return client;
  };
}
`,
      errors: [{ messageId: 'value', line: 6, column: 5 }],
      output: null,
    },
    {
      name: "a shared object's entry read through a local in concurrent callbacks",
      code: `interface Pad { getRevision(r: number): Promise<{ changeset: string }> }
export async function updateClients(pad: Pad, sockets: { rev: number }[]) {
  const revCache: Record<number, { changeset: string }> = {};
  await Promise.all(sockets.map(async (socket) => {
    const r = socket.rev + 1;
    let revision = revCache[r];
    if (!revision) {
      revision = await pad.getRevision(r);
      revCache[r] = revision;
    }
    return revision.changeset;
  }));
}
`,
      errors: [{ messageId: 'entry', data: { check: '!revision', write: 'revCache[r] = …' }, line: 7, column: 5 }],
    },
    {
      name: 'made fresh, but the method is called twice at once on it',
      filename: 'src/loader.js',
      code: `const { connect } = require('./db');
class Loader {
  async load() {
    if (!this.db) {
      this.db = await connect('postgres://localhost/app');
    }
    return this.db;
  }
}
module.exports = Loader;
`,
      files: {
        'src/use.js': "const Loader = require('./loader');\nexports.both = async () => {\n  const loader = new Loader();\n  return Promise.all([loader.load(), loader.load()]);\n};\n",
        'src/db.js': "exports.connect = async (url) => ({ url });\n",
      },
      errors: [{ messageId: 'value', line: 4, column: 5 }],
    },
    {
      name: 'the same memo closure called twice at once',
      code: `${CLIENT}
export async function handle() {
  let client: Client | undefined;
  const getClient = async () => {
    if (!client) {
      client = await connect();
    }
    return client;
  };
  return Promise.all([getClient(), getClient()]);
}
`,
      errors: [{ messageId: 'value', line: 10, column: 5 }],
      output: null,
    },
  ],
});

// A function that claims a flag its entry guard turns away on, before its first await
// (check 31: tibber-api's TibberFeed.connectWithTimeout(), judged false twice).
describe('check-then-act: a flag claimed on entry serialises the function', () => {
  runRuleTests(rule, {
    valid: [
      {
        name: 'the entry guard turns away a second call and the flag is claimed before any await',
        filename: 'lib/feed.js',
        code: `class Feed {
  async reconnectWithTimeout() {
    if (this._isConnecting || this._isConnected)
      return;
    if (Date.now() < this._rateLimitUntil) {
      this.schedule(this._rateLimitUntil - Date.now());
      return;
    }
    this._isConnecting = true;
    try {
      if (this._realTimeEnabled === null) {
        this._realTimeEnabled = await this._query.getRealTimeEnabled(this._homeId);
      }
      if (!this._socket) {
        this._socket = await this.openSocket();
      }
    } finally {
      this._isConnecting = false;
    }
  }
}
module.exports = Feed;
`,
      },
      {
        name: 'a phase moved on before the first await by the guard\'s own state',
        code: `declare function createClient(): Promise<{ close(): void }>;
export class Worker {
  private state: 'idle' | 'starting' | 'running' = 'idle';
  private client?: { close(): void };
  async resume() {
    if (this.state === 'starting' || this.state === 'running') return;
    this.state = 'starting';
    if (!this.client) {
      this.client = await createClient();
    }
    this.state = 'running';
  }
}
`,
      },
    ],
    invalid: [
      {
        name: 'the same method without the entry guard',
        filename: 'lib/feed.js',
        code: `class Feed {
  async reconnectWithTimeout() {
    this._isConnecting = true;
    try {
      if (!this._socket) {
        this._socket = await this.openSocket();
      }
    } finally {
      this._isConnecting = false;
    }
  }
}
module.exports = Feed;
`,
        errors: [{ messageId: 'value', line: 5, column: 7 }],
      },
      {
        name: 'the flag is claimed only after an await: two calls both pass the guard',
        filename: 'lib/feed.js',
        code: `class Feed {
  async reconnect() {
    if (this._isConnecting) return;
    await this.delay();
    this._isConnecting = true;
    if (!this._socket) {
      this._socket = await this.openSocket();
    }
    this._isConnecting = false;
  }
}
module.exports = Feed;
`,
        errors: [{ messageId: 'flag', line: 3, column: 5 }, { messageId: 'value', line: 6, column: 5 }],
      },
      {
        name: 'the claim is released again before the await',
        filename: 'lib/feed.js',
        code: `class Feed {
  async reconnect() {
    if (this._isConnecting) return;
    this._isConnecting = true;
    this.log('connecting');
    this._isConnecting = false;
    if (!this._socket) {
      this._socket = await this.openSocket();
    }
  }
}
module.exports = Feed;
`,
        errors: [{ messageId: 'value', line: 7, column: 5 }],
      },
      {
        name: 'a guard on a conjunction claims nothing by one write',
        filename: 'lib/feed.js',
        code: `class Feed {
  async reconnect() {
    if (this._isConnecting && this._ready) return;
    this._isConnecting = true;
    if (!this._socket) {
      this._socket = await this.openSocket();
    }
    this._isConnecting = false;
  }
}
module.exports = Feed;
`,
        errors: [{ messageId: 'value', line: 5, column: 5 }],
      },
    ],
  });
});

// A command run to its exit only to ask a tool about itself (check 31: serverless-offline's
// GoRunner memo of `go env`, false; check 27: node-red-contrib-s7's `pn-tools version`, noise).
describe('check-then-act: a probe command memoised is a read', () => {
  runRuleTests(rule, {
    valid: [
      {
        name: "a tool's environment, asked once and parsed into a field",
        filename: 'src/go-runner.js',
        code: `const { execa } = require('execa');
const { EOL } = require('os');
class GoRunner {
  #goEnv = null;
  async handle(event) {
    if (!this.#goEnv) {
      const res = await execa('go', ['env'], { encoding: 'utf8', stdio: 'pipe' });
      const text = res.stdout || res.stderr;
      this.#goEnv = text.split(EOL).reduce((a, b) => {
        const [k, v] = b.split('="');
        a[k] = v ? v.slice(0, -1) : '';
        return a;
      }, {});
    }
    return this.invoke(event, this.#goEnv);
  }
}
module.exports = GoRunner;
`,
      },
      {
        name: "a tool's version probed through a promisified exec and kept as a flag",
        filename: 'src/tools.js',
        code: `const util = require('util');
const exec = util.promisify(require('child_process').exec);
const toolPath = 'pn-tools';
class Tools {
  async isToolAvailable() {
    if (this.toolAvailable === null || this.toolAvailable === undefined) {
      try {
        await exec(\`\${toolPath} version\`);
        this.toolAvailable = true;
      } catch (e) {
        this.toolAvailable = false;
      }
    }
    return this.toolAvailable;
  }
}
module.exports = Tools;
`,
      },
    ],
    invalid: [
      {
        name: 'a command that starts a container, its id kept: two containers started',
        filename: 'src/docker-runner.js',
        code: `const { execa } = require('execa');
class DockerRunner {
  async invoke(event) {
    if (!this.containerId) {
      const res = await execa('docker', ['run', '-d', this.image]);
      this.containerId = res.stdout.trim();
    }
    return this.send(this.containerId, event);
  }
}
module.exports = DockerRunner;
`,
        errors: [{ messageId: 'value', line: 4, column: 5 }],
      },
      {
        name: 'a command that installs, behind a flag: the install runs once per caller',
        filename: 'src/tools.js',
        code: `const util = require('util');
const exec = util.promisify(require('child_process').exec);
class Tools {
  async ensureInstalled() {
    if (!this.installed) {
      await exec('npm install --no-save pn-tools');
      this.installed = true;
    }
  }
}
module.exports = Tools;
`,
        errors: [{ messageId: 'flag', line: 5, column: 5 }],
      },
    ],
  });
});
