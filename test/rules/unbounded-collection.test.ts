import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../rules/unbounded-collection';
import { runRuleTests } from '../rule-tester';

const LEAK = 'gets entries from `{{add}}`, but nothing in the project removes any (no `delete`, `clear`, eviction or reassignment) or checks its size. ' +
  'Every new key stays in memory until the heap is exhausted and the process crashes or is OOM-killed, typically days after a deploy.';
const REMEDY = {
  Map: 'Bound it: `boundedMap({ max, ttlMs })` from the runtime shim evicts the least recently used entry and expires old ones; or delete entries when they are done.',
  Set: 'Bound it: `boundedSet({ max, ttlMs })` from the runtime shim evicts the oldest value and expires old ones; or delete values when they are done.',
  array: 'Cap it: drop the oldest items (`shift()`, `splice(0, n)`) once it passes a limit, or empty it once its items are handled.',
  object: 'Use `boundedMap({ max, ttlMs })` from the runtime shim instead, or `delete` keys when they are done.',
};
const onlyGrows = (name: string, what: string, add: string, kind: keyof typeof REMEDY) =>
  `\`${name}\` only grows, as long as the process lives: bound it or remove entries.\n${what} ${LEAK.replace('{{add}}', add)} ${REMEDY[kind]}`;

const SHIM = { runtime: { import: '@acme/runtime' } };
const RUNTIME_STUB = {
  'node_modules/@acme/runtime/package.json': '{ "name": "@acme/runtime", "types": "index.d.ts" }',
  'node_modules/@acme/runtime/index.d.ts': [
    'export interface BoundedOptions { max: number; ttlMs?: number }',
    'export declare function boundedMap<K, V>(options: BoundedOptions): Map<K, V>;',
    'export declare function boundedSet<T>(options: BoundedOptions): Set<T>;',
    '',
  ].join('\n'),
};
const MAP_TITLE = "Bound it with the runtime shim's `boundedMap({ max: 10_000, ttlMs: 3_600_000 })`";

/** A lib module of a package whose bin's top-level flow exits: the cases on command-line tools' packages. */
const CLI_CACHE = "const cache = new Map();\nexports.readConfig = function (key, load) {\n  if (!cache.has(key)) cache.set(key, load(key));\n  return cache.get(key);\n};\n";
const CLI_BIN = "#!/usr/bin/env node\nconst lib = require('../lib/cache');\nasync function main(keys) {\n  for (const key of keys) console.log(lib.readConfig(key, (k) => k.toUpperCase()));\n}\nmain(process.argv.slice(2)).then(() => process.exit(0), () => process.exit(1));\n";
const CLI_CACHE_BOUNDED = "const { boundedMap } = require('../stability-runtime.cjs');\n\nconst cache = boundedMap({ max: 10_000, ttlMs: 3_600_000 });\nexports.readConfig = function (key, load) {\n  if (!cache.has(key)) cache.set(key, load(key));\n  return cache.get(key);\n};\n";

/** oidc-provider's per-endpoint middleware stacks and user-code charsets (check 37). */
const STACKS = "import { strict as assert } from 'node:assert';\nconst A = 'authorization';\nconst R = 'resume';\nconst stacks = new Map([A, R].map((endpoint) => [endpoint, undefined]));\nexport default function authorizationAction(endpoint) {\n  assert(stacks.has(endpoint), 'invalid authorization endpoint');\n  const cached = stacks.get(endpoint);\n  if (cached) return cached;\n  const stack = [endpoint];\n  stacks.set(endpoint, stack);\n  return stack;\n}\n";
const CHARSETS = "import { customAlphabet } from './nanoid.js';\nconst CHARSETS = {\n  'base-20': 'BCDFGHJKLMNPQRSTVWXZ',\n  digits: '0123456789',\n};\nexport function generate(charset, mask) {\n  if (typeof CHARSETS[charset] !== 'function') {\n    CHARSETS[charset] = customAlphabet(CHARSETS[charset]);\n  }\n  return CHARSETS[charset](mask.length);\n}\n";
const NANOID = { 'lib/helpers/nanoid.js': 'export const customAlphabet = (alphabet) => (n) => alphabet.slice(0, n);\\n' };

/** A plugin loader that start-up code reaches through nested functions and loops (iframely's pluginLoader). */
const PLUGIN_LOADER = [
  "import * as fs from 'fs';",
  "import * as path from 'path';",
  'const providedParams = {};',
  'export { providedParams as _providedParams };',
  'async function loadPluginFile(file) {',
  '  const plugin = (await import(file)).default;',
  '  (plugin.provides || []).forEach(function (param) {',
  '    const list = providedParams[param] = providedParams[param] || [];',
  '    list.push(file);',
  '  });',
  '}',
  'async function loadPluginDir(dir) {',
  '  for (const name of fs.readdirSync(dir)) await loadPluginFile(path.resolve(dir, name));',
  '}',
  'async function scanModules(roots) {',
  '  for (const root of roots) {',
  '    async function loadPlugins(...bits) {',
  '      await loadPluginDir(path.resolve(root, ...bits));',
  '    }',
  "    await loadPlugins('plugins', 'domains');",
  "    await loadPlugins('plugins', 'links');",
  '  }',
  '}',
  'await scanModules([process.cwd()]);',
  '',
].join('\n');

/** A server's TLS set-up keyed by listener index, reached from the exported start function through async.series and async.each (droppy). */
const LISTENERS = [
  "const async = require('async');",
  "const https = require('https');",
  'module.exports = function droppy(opts, isStandalone, callback) {',
  '  async.series([',
  '    function (cb) { if (isStandalone) startListeners(opts.listeners, cb); else cb(); },',
  '  ], callback);',
  '};',
  'function startListeners(listeners, callback) {',
  '  const targets = listeners.map((listener, i) => ({ port: listener.port, opts: { key: listener.key, index: i } }));',
  '  async.each(targets, (target, cb) => {',
  '    createListener(target.opts, (err, server) => {',
  '      if (!err) server.listen(target.port);',
  '      cb(err);',
  '    });',
  '  }, callback);',
  '}',
  'function createListener(opts, callback) {',
  '  tlsInit(opts, (err, tlsOptions) => (err ? callback(err) : callback(null, https.createServer(tlsOptions))));',
  '}',
  'const cbs = [];',
  'function tlsInit(opts, cb) {',
  '  if (!cbs[opts.index]) {',
  '    cbs[opts.index] = [cb];',
  '    setImmediate(() => cbs[opts.index].forEach((fn) => fn(null, { key: opts.key })));',
  '  } else cbs[opts.index].push(cb);',
  '}',
  '',
].join('\n');
const LISTENERS_PACKAGE = '{ "name": "droppy", "bin": "./droppy.js", "scripts": { "start": "node droppy.js start" } }';

/** A retention job whose tasks one exported start-up step adds to, reached from the server's start (directus). */
const RETENTION = [
  "const tasks = [{ collection: 'activity' }];",
  'export async function handleRetentionJob() {',
  '  for (const task of tasks) console.log(task.collection);',
  '}',
  'export default async function schedule() {',
  "  if (process.env.REVISIONS_RETENTION) tasks.push({ collection: 'revisions' });",
  '  setInterval(handleRetentionJob, 3_600_000).unref();',
  '  return true;',
  '}',
  '',
].join('\n');
const RETENTION_SERVER = {
  'package.json': '{ "name": "api", "type": "module", "scripts": { "start": "node src/start.js" } }',
  'src/server.js': "import http from 'http';\nimport createApp from './app.js';\nexport async function createServer() {\n  return http.createServer(await createApp());\n}\nexport async function startServer() {\n  const server = await createServer();\n  server.listen(8055);\n}\n",
  'src/start.js': "import { startServer } from './server.js';\nstartServer();\n",
  'src/cli.js': "import { Command } from 'commander';\nimport { startServer } from './server.js';\nconst program = new Command();\nprogram.command('start').description('Start the API').action(startServer);\nprogram.parse(process.argv);\n",
};
const RETENTION_APP = "import retentionSchedule from './schedules/retention.js';\nexport default async function createApp() {\n  const app = (req, res) => res.end();\n  await retentionSchedule();\n  return app;\n}\n";

/** Optional peers loaded once each and cached by their names (@nestjs/terminus's loadPackage). */
const PACKAGE_CACHE = "const packageCache = new Map();\nexport async function loadPackage(packageNames, loader, reason) {\n  const cacheKey = packageNames.join();\n  const cached = packageCache.get(cacheKey);\n  if (cached) return cached;\n  const pkg = await loader();\n  packageCache.set(cacheKey, pkg);\n  return pkg;\n}\n";
const PACKAGE_CALLERS = "import { loadPackage } from './load-package.js';\nexport class GrpcHealth {\n  async loadGrpc() {\n    const names = ['@grpc/grpc-js', '@grpc/proto-loader'];\n    await loadPackage(['@nestjs/microservices', ...names], () => Promise.all(names.map((n) => import(n))), this.constructor.name);\n  }\n  async loadHttp() {\n    return loadPackage(['@nestjs/axios'], () => import('@nestjs/axios'), this.constructor.name);\n  }\n}\n";

/** A start-up step reached through functions wrapped by Effect.fn, across files (nodecg's assets middleware). */
const ASSETS = "const repsByNamespace = new Map();\nexport const createAssetsMiddleware = (bundles) => {\n  for (const bundle of bundles) repsByNamespace.set(bundle.name, bundle.categories);\n  return (req, res) => res.end(JSON.stringify(repsByNamespace.get(req.params.namespace)));\n};\n";
const ASSETS_SERVER = {
  'package.json': '{ "name": "cg", "type": "module", "scripts": { "start": "node src/bootstrap.js" } }',
  'src/server.js': "import { Effect } from 'effect';\nimport { createAssetsMiddleware } from './assets.js';\nexport const createServer = Effect.fn('createServer')(function* (bundles) {\n  return createAssetsMiddleware(bundles);\n});\n",
  'src/bootstrap.js': "import { Effect } from 'effect';\nimport { createServer } from './server.js';\nconst main = Effect.fn('main')(function* () {\n  yield* createServer([{ name: 'a', categories: [] }]);\n}, Effect.scoped);\nEffect.runPromise(main());\n",
};

/** A middleware factory whose handler caches a prefix per Host header it sees (fast-gateway's hostnames hook). */
const HOSTNAMES_HOOK = "module.exports = (hostname2prefix) => {\n  const matches = {};\n  return (req, res, cb) => {\n    const host = req.headers.host.split(':')[0];\n    let prefix = matches[host];\n    if (!prefix) {\n      const found = hostname2prefix.find((e) => host.endsWith(e.hostname));\n      if (found) matches[host] = prefix = found.prefix;\n    }\n    if (prefix) req.url = prefix + req.url;\n    return cb();\n  };\n};\n";

/** confluent-schema-registry's helper cache: keyed by a schema type that passed a switch whose default throws (check 56). */
const SCHEMA_HELPERS = (fallback: string) => `"use strict";
const _types_1 = require("./@types");
const helperTypeFromSchemaTypeMap = {};
const helperTypeFromSchemaType = (schemaType = _types_1.SchemaType.AVRO) => {
    const schemaTypeStr = schemaType.toString();
    if (!helperTypeFromSchemaTypeMap[schemaTypeStr]) {
        let helper;
        switch (schemaType) {
            case _types_1.SchemaType.AVRO: { helper = new AvroHelper(); break; }
            case _types_1.SchemaType.JSON: { helper = new JsonHelper(); break; }
            case _types_1.SchemaType.PROTOBUF: { helper = new ProtoHelper(); break; }
            default: ${fallback}
        }
        helperTypeFromSchemaTypeMap[schemaTypeStr] = helper;
    }
    return helperTypeFromSchemaTypeMap[schemaTypeStr];
};
exports.helperTypeFromSchemaType = helperTypeFromSchemaType;
`;

const SCHEMA_PACKAGE = '{ "name": "@kafkajs/confluent-schema-registry", "main": "dist/index.js" }';

/** chia-agent's logger registry: keyed by `writer || "console"`, and every call in the package passes no writer (check 56). */
const CHIA_LOGGER = "let currentLogLevel = \"error\";\nconst loggers = {};\nfunction getLogger(writer) {\n    const w = writer || \"console\";\n    const logger = loggers[w];\n    if (logger && logger.loglevel === currentLogLevel) return logger;\n    return loggers[w] = Logger.getLogger(currentLogLevel, w);\n}\nexports.getLogger = getLogger;\nclass Logger {\n    constructor(logLevel, writer) { this.loglevel = logLevel; this.writer = writer; }\n    static getLogger(logLevel, writer) { return new Logger(logLevel, writer); }\n}\n";
const chiaCaller = (args: string) => `const logger_1 = require("../logger");\nfunction open(url, name) {\n    logger_1.getLogger(${args}).debug("Opening " + url);\n}\nexports.open = open;\n`;

runRuleTests(rule, {
  valid: [
    {
      name: 'a map of packages by name, each value what a synchronous finder of installed packages returns for it (rosnodejs message_utils, check 40)',
      filename: 'lib/messages/message_utils.js',
      code: "const path = require('path');\nconst ros_msg_utils = require('ros_msg_utils');\nlet messagePackageMap = {};\nfunction loadMessagePackage(msgPackage) {\n    const pkg = messagePackageMap[msgPackage] = ros_msg_utils.Find(msgPackage);\n    return pkg;\n}\nexports.loadMessagePackage = loadMessagePackage;\nfunction getPackage(msgPackage) {\n    return messagePackageMap[msgPackage];\n}\nexports.getPackage = getPackage;\n",
    },
    {
      name: 'a memo of a type\'s spec, each value another cache\'s lookup of the same type name (rosnodejs MessageSpec, check 40)',
      filename: 'lib/messages/MessageSpec.js',
      code: "const specCache = {};\nclass MsgSpec {\n  constructor(msgCache, type) {\n    this.msgCache = msgCache;\n    this.type = type;\n  }\n  getMsgSpecForType(type) {\n    let spec = specCache[type];\n    if (!spec) {\n      spec = this.msgCache.getMessageSpec(type);\n      specCache[type] = spec;\n    }\n    return spec;\n  }\n}\nmodule.exports = MsgSpec;\n",
    },
    {
      name: 'an instance array filled by a private method only the constructor calls, from a constant format (rosnodejs LogFormatter, check 40)',
      filename: 'lib/logging/LogFormatter.js',
      code: "const FORMAT = process.env.LOG_FORMAT || '[${severity}] ${message}';\nconst TOKEN = /\\${([a-z]+)}/g;\nclass LogFormatter {\n  constructor() {\n    this._tokens = [];\n    this._parseFormat();\n  }\n  _parseFormat() {\n    let match;\n    while ((match = TOKEN.exec(FORMAT)) !== null) {\n      this._tokens.push(match[1]);\n    }\n  }\n  format(rec) {\n    return this._tokens.map((t) => rec[t]).join('');\n  }\n}\nconst logFormatter = new LogFormatter();\nmodule.exports = logFormatter.format.bind(logFormatter);\n",
    },
    {
      name: 'a list a recursive directory walk fills, started once at load',
      filename: 'lib/plugins.js',
      code: "const fs = require('fs');\nconst path = require('path');\nconst plugins = [];\nfunction loadDir(dir) {\n  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {\n    const file = path.join(dir, entry.name);\n    if (entry.isDirectory()) loadDir(file);\n    else plugins.push(file);\n  }\n}\nloadDir(path.join(__dirname, 'plugins'));\nmodule.exports = (name) => plugins.find((p) => path.basename(p) === name);\n",
    },
    {
      name: 'a map filled by a start-up step reached through functions wrapped by Effect.fn, called once from the entry',
      filename: 'src/assets.js',
      code: ASSETS,
      files: ASSETS_SERVER,
    },
    {
      name: "a middleware factory's map that its handler empties once it passes a size",
      filename: 'lib/hostnames-hook.js',
      code: HOSTNAMES_HOOK.replace('const matches = {};', 'const matches = new Map();').replace('let prefix = matches[host];', 'let prefix = matches.get(host);').replace('if (found) matches[host] = prefix = found.prefix;', 'if (matches.size > 1000) matches.clear();\n      if (found) matches.set(host, (prefix = found.prefix));'),
    },
    {
      name: "a middleware factory's dictionary filled only by the factory, from its configuration",
      filename: 'lib/hostnames-hook.js',
      code: "module.exports = (hostname2prefix) => {\n  const matches = {};\n  for (const e of hostname2prefix) matches[e.hostname] = e.prefix;\n  return (req, res, next) => {\n    const prefix = matches[req.headers.host];\n    if (prefix) req.url = prefix + req.url;\n    next();\n  };\n};\n",
    },
    {
      name: 'a cache keyed by the joined names of packages every caller lists in the code (a spread of a constant list included)',
      filename: 'src/load-package.js',
      code: PACKAGE_CACHE,
      files: { 'package.json': '{ "name": "health", "type": "module" }', 'src/grpc.health.js': PACKAGE_CALLERS },
    },
    {
      name: 'a dictionary filled by a plugin loader that only start-up code reaches, through nested functions and loops',
      filename: 'lib/loader/pluginLoader.mjs',
      code: PLUGIN_LOADER,
    },
    {
      name: "TLS set-up keyed by listener index, reached only from the exported start function that the bin calls once",
      filename: 'server/server.js',
      code: LISTENERS,
      files: {
        'package.json': LISTENERS_PACKAGE,
        'droppy.js': "#!/usr/bin/env node\nif (process.argv[2] === 'start') {\n  require('./server/server.js')({ listeners: [{ port: 8443, key: 'k' }] }, true, (err) => {\n    if (err) process.exit(1);\n  });\n}\n",
      },
    },
    {
      name: "a task list an exported start-up step adds to, called only from the server's start (a script's top level, a command's action)",
      filename: 'src/schedules/retention.js',
      code: RETENTION,
      files: { ...RETENTION_SERVER, 'src/app.js': RETENTION_APP },
    },
    {
      name: 'a registry filled by a listener of the plugin-added event: one entry per installed plugin',
      filename: 'lib/library/index.js',
      code: "const { events } = require('./events');\nconst libraryPlugins = {};\nlet runtime;\nfunction init(_runtime) {\n  runtime = _runtime;\n  events.on('registry:plugin-added', onPluginAdded);\n}\nfunction onPluginAdded(id) {\n  const plugin = runtime.plugins.getPlugin(id);\n  if (plugin.type === 'library-source') libraryPlugins[plugin.id] = plugin;\n}\nmodule.exports = { init, get: (id) => libraryPlugins[id] };\n",
      files: { 'lib/events.js': "exports.events = new (require('events'))();\n" },
    },
    {
      name: 'a cache of loggers made for each prefix: names the code chooses, one per plugin',
      filename: 'src/logger.js',
      code: "class Logger {\n  static loggerCache = new Map();\n  constructor(prefix) {\n    this.prefix = prefix;\n  }\n  static withPrefix(prefix) {\n    const cached = Logger.loggerCache.get(prefix);\n    if (cached) return cached;\n    const logger = new Logger(prefix);\n    const log = logger.info.bind(logger);\n    Logger.loggerCache.set(prefix, log);\n    return log;\n  }\n  info(msg) {\n    console.log(`[${this.prefix}] ${msg}`);\n  }\n}\nmodule.exports = { Logger };\n",
    },
    {
      name: "an ioBroker adapter's dictionaries keyed by the devices it reads from its account: bounded by the installation",
      filename: 'main.js',
      code: "const utils = require('@iobroker/adapter-core');\nconst playerDevices = {};\nconst refreshTimers = {};\nconst entityAppliances = {};\nlet adapter;\nfunction scheduleRefresh(deviceId, delay) {\n  if (refreshTimers[deviceId]) clearTimeout(refreshTimers[deviceId]);\n  refreshTimers[deviceId] = setTimeout(() => {\n    refreshTimers[deviceId] = null;\n    adapter.setState(`${deviceId}.refresh`, true, true);\n  }, delay);\n}\nfunction readDevices(api) {\n  api.getDevices((err, devices) => {\n    if (err) return;\n    for (const device of devices) {\n      if (device.controllable) playerDevices[device.serialNumber] = true;\n      entityAppliances[device.entityId] = device.applianceId;\n      scheduleRefresh(device.serialNumber, 1000);\n    }\n  });\n}\nmodule.exports = (options) => {\n  adapter = new utils.Adapter({ ...options, name: 'speakers', ready: () => readDevices(adapter.config.api) });\n  return adapter;\n};\n",
      files: { 'package.json': "{ \"name\": \"iobroker.speakers\", \"main\": \"main.js\", \"dependencies\": { \"@iobroker/adapter-core\": \"^3.3.2\" } }" },
    },
    {
      name: "a Homebridge plugin's accessories keyed by the configured lights' ids",
      filename: 'index.js',
      code: "const accessories = {};\nclass LightPlatform {\n  constructor(log, config, api) {\n    this.api = api;\n    api.on('didFinishLaunching', () => this.discover(config.lights || []));\n  }\n  discover(lights) {\n    for (const light of lights) this.addLight(light);\n  }\n  addLight(light) {\n    accessories[light.id] = new this.api.platformAccessory(light.name, light.id);\n  }\n}\nmodule.exports = (api) => api.registerPlatform('LightPlatform', LightPlatform);\n",
      files: { 'package.json': "{ \"name\": \"homebridge-lights\", \"keywords\": [\"homebridge-plugin\"], \"engines\": { \"homebridge\": \"^1.6.0\" } }" },
    },
    {
      name: "a module of a package that calls itself a command-line interface, whose commander bin returns after its one command",
      filename: 'lib/tokens.js',
      code: "const tokens = {};\nexports.tokenFor = async function (registry, namespace, exchange) {\n  const key = `${registry}/${namespace}`;\n  if (!tokens[key]) tokens[key] = await exchange(registry, namespace);\n  return tokens[key];\n};\n",
      files: { 'package.json': "{ \"name\": \"vsx-cli\", \"description\": \"Command line interface for the extension registry\", \"bin\": { \"vsx\": \"bin/vsx.js\" } }", 'bin/vsx.js': "#!/usr/bin/env node\nconst { program } = require('commander');\nconst { tokenFor } = require('../lib/tokens');\nprogram.command('publish <namespace>').action((namespace) => {\n  tokenFor(program.opts().registry, namespace, async () => 'token').then(console.log);\n});\nprogram.parse(process.argv);\n" },
    },
    {
      name: 'a lookup table filled by a function invoked where it is written, at the top of the module',
      filename: 'lib/crc.js',
      code: "const crcTable = [];\n(() => {\n  for (let i = 0; i < 256; i++) {\n    let c = i;\n    for (let j = 0; j < 8; j++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;\n    crcTable.push(c);\n  }\n})();\nmodule.exports = (buf) => buf.reduce((crc, b) => crcTable[(crc ^ b) & 0xff] ^ (crc >>> 8), -1);\n",
    },
    {
      name: 'a list a function fills from its parameter, called only from the top level with literals',
      filename: 'cronplus.js',
      code: "const topics = [{ command: 'trigger' }, { command: 'list' }];\nvar addAllVariant = function (base) {\n  topics.push({ command: `${base}-all`, payloadIsName: false });\n};\naddAllVariant('trigger');\naddAllVariant('list');\naddAllVariant('remove');\nmodule.exports = (msg) => topics.find((t) => t.command === msg.topic);\n",
    },
    {
      name: 'callbacks keyed by a server name each exported function spells out (a local var, a choice of literals)',
      filename: 'lib/https/ca.js',
      code: "const waiting = {};\nfunction addCallback(name, cb) {\n  let list = waiting[name];\n  if (!list) {\n    list = [];\n    waiting[name] = list;\n  }\n  list.push(cb);\n}\nexports.getHttp2Server = function (cb) {\n  var name = 'httpH2';\n  addCallback(name, cb);\n};\nexports.getSniServer = function (cb, h2, withCert) {\n  var name = (h2 ? 'h2Sni' : 'sni') + (withCert ? 'WithCert' : '');\n  addCallback(name, cb);\n};\n",
    },
    {
      name: "keyed by the element of a literal list that holds false, or a literal in its place",
      filename: 'lib/certs.js',
      code: "const fs = require('fs');\nconst config = require('./config');\nconst certs = {};\nexports.reload = () => {\n  [false, 'imap', 'pop3', 'api'].forEach((type) => {\n    const tls = (type && config[type] && config[type].tls) || config.tls;\n    if (!tls) return;\n    certs[type || 'default'] = { key: fs.readFileSync(tls.key, 'ascii') };\n  });\n};\nexports.get = (type) => certs[type] || certs.default;\n",
      files: { 'lib/config.js': "module.exports = { tls: { key: 'tls.key' } };\n" },
    },
    {
      name: 'an entry replaced only when it exists: the function throws for a key the table does not have',
      filename: 'src/structures.js',
      code: "const structures = {\n  Player: class Player {},\n  Queue: class Queue {},\n};\nclass Structure {\n  static extend(name, extender) {\n    if (!structures[name]) throw new TypeError(`\"${name}\" is not a valid structure`);\n    const extended = extender(structures[name]);\n    structures[name] = extended;\n    return extended;\n  }\n  static get(name) {\n    return structures[name];\n  }\n}\nmodule.exports = { Structure };\n",
    },
    {
      name: 'a Map seeded with constant keys whose set runs after assert(has(key)) (oidc-provider, check 37)',
      filename: 'lib/actions/authorization/index.js',
      code: STACKS,
    },
    {
      name: 'a literal table whose entries are compiled in place under typeof entry !== function (oidc-provider, check 37)',
      filename: 'lib/helpers/user_codes.js',
      code: CHARSETS,
      files: NANOID,
    },
    {
      name: 'a registry filled by init() through a hand-written async loop over the configured zones',
      filename: 'lib/sending-zone.js',
      code: "const config = require('./config');\nconst zonesByName = new Map();\nmodule.exports.init = (callback) => {\n  const zoneNames = Object.keys(config.zones || {});\n  let zonePos = 0;\n  const startNextZone = () => {\n    if (zonePos >= zoneNames.length) {\n      return callback();\n    }\n    const zoneName = zoneNames[zonePos++];\n    zonesByName.set(zoneName, { name: zoneName, ...config.zones[zoneName] });\n    return setImmediate(startNextZone);\n  };\n  startNextZone();\n};\nmodule.exports.get = (name) => zonesByName.get(name);\n",
      files: { 'lib/config.js': "module.exports = { zones: { default: {} } };\n" },
    },
    {
      name: 'filled by a hand-written async loop over configured interfaces, started once when the entry loads',
      filename: 'app.js',
      code: "const config = require('./config');\nconst Proxy = require('./proxy');\nconst interfaces = [];\nlet startInterfaces = (done) => {\n  let keys = Object.keys(config.interfaces || {});\n  let pos = 0;\n  let startNext = () => {\n    if (pos >= keys.length) {\n      return done();\n    }\n    let key = keys[pos++];\n    let proxy = new Proxy(key, config.interfaces[key]);\n    proxy.start((err) => {\n      if (err) return done(err);\n      interfaces.push(proxy);\n      setImmediate(startNext);\n    });\n  };\n  startNext();\n};\nstartInterfaces((err) => {\n  if (err) process.exitCode = 1;\n});\nprocess.on('SIGTERM', () => interfaces.forEach((i) => i.close()));\n",
      files: {"config.js": "module.exports = { interfaces: { feeder: { port: 2525 } } };\n", "proxy.js": "module.exports = class Proxy {\n  constructor(key, opts) { this.key = key; this.opts = opts; }\n  start(cb) { setImmediate(cb); }\n  close() {}\n};\n"},
    },
    {
      name: 'a cache of predicates compiled from filter queries: one per query written in the code',
      filename: 'lib/filter.js',
      code: "const filterQueryCache = new Map();\nfunction matchFilter(filter) {\n  const queries = Array.isArray(filter) ? filter : [filter];\n  const key = queries.join(',');\n  let predicate = filterQueryCache.get(key);\n  if (!predicate) {\n    const parsed = parse(queries);\n    predicate = compile(parsed);\n    filterQueryCache.set(key, predicate);\n  }\n  return predicate;\n}\nfunction parse(queries) {\n  return queries.map((q) => q.split(':'));\n}\nfunction compile(parsed) {\n  return (ctx) => parsed.some((path) => path.every((p) => p in ctx));\n}\nexports.matchFilter = matchFilter;\n",
    },
    {
      name: 'a registry keyed by the classes a decorator is applied to: classes are written in the code',
      filename: 'lib/meta-hosts.js',
      code: "class MetaHosts {\n  static links = new Map();\n  static add(target, metadataKey) {\n    const keys = this.links.get(target) ?? new Set();\n    keys.add(metadataKey);\n    this.links.set(target, keys);\n  }\n}\nexports.MetaHosts = MetaHosts;\n",
      files: { 'lib/discovery.js': "const { MetaHosts } = require('./meta-hosts');\nlet next = 0;\nexports.createDecorator = function () {\n  const metadataKey = `meta-${next++}`;\n  return (opts) => (target, key, descriptor) => {\n    if (!descriptor) MetaHosts.add(target, metadataKey);\n  };\n};\n" },
    },
    {
      name: 'a cache keyed by a locale name: a small, fixed domain',
      filename: 'lib/date-format.js',
      code: "const weekInfoCache = new Map();\nexports.getWeekInfo = function (locale) {\n  let data = weekInfoCache.get(locale.baseName);\n  if (!data) {\n    data = locale.getWeekInfo?.() ?? locale.weekInfo;\n    weekInfoCache.set(locale.baseName, data);\n  }\n  return data;\n};\n",
    },
    {
      name: 'a cache whose declaration says the maintainers weighed its growth ("no need for LRU")',
      filename: 'lib/get-jobs.js',
      code: "// This is unlikely to ever have many entries in it unless the user is\n// deliberately doing something funky - no need for LRU.\nconst queryCache = Object.create(null);\nexports.query = function (batchSize, schema) {\n  const signature = `get_job${batchSize}/${schema}`;\n  return (queryCache[signature] ??= `select * from ${schema}.jobs limit ${batchSize}`);\n};\n",
    },
    {
      name: 'keys drawn from a list of literals (settings sections): a constant domain',
      filename: 'lib/settings.js',
      code: "const SECTIONS = ['nodes', 'users', 'projects'];\nconst lastWritten = {};\nexports.writeSettings = function (data) {\n  SECTIONS.forEach((key) => {\n    const text = JSON.stringify(data[key] || {});\n    if (text !== lastWritten[key]) lastWritten[key] = text;\n  });\n};\n",
    },
    {
      name: 'keys that are members of an enum-like table of another module (LIST_TYPE.FAVORITES): a constant domain',
      filename: 'lib/NotificationListener.js',
      files: { 'lib/types/list-type.js': "const LIST_TYPE = Object.freeze({\n  SAVED_QUEUES: 'SavedQueuesUpdateID',\n  FAVORITES: 'FavoritesUpdateID',\n});\nmodule.exports = LIST_TYPE;\n" },
      code: "const LIST_TYPE = require('./types/list-type');\nlet lastUpdate = {};\nmodule.exports = function onNotify(property, emit) {\n  if (property.name === 'SavedQueuesUpdateID' && lastUpdate[LIST_TYPE.SAVED_QUEUES] !== property.text) {\n    lastUpdate[LIST_TYPE.SAVED_QUEUES] = property.text;\n    emit('list-change', LIST_TYPE.SAVED_QUEUES);\n  } else if (property.name === 'FavoritesUpdateID' && lastUpdate[LIST_TYPE.FAVORITES] !== property.text) {\n    lastUpdate[LIST_TYPE.FAVORITES] = property.text;\n    emit('list-change', LIST_TYPE.FAVORITES);\n  }\n};\n",
    },
    {
      name: 'keys that are members of a TypeScript enum: a constant domain',
      filename: 'src/last-seen.ts',
      code: "enum Channel { EMAIL = 'email', SMS = 'sms' }\nconst lastSent: Record<string, number> = {};\nexport function markSent(sms: boolean) {\n  if (sms) lastSent[Channel.SMS] = Date.now();\n  else lastSent[Channel.EMAIL] = Date.now();\n}\n",
    },
    {
      name: 'a memo of a constant table: the value is TABLE[`${key}.sql`] and the function throws when it is missing',
      filename: 'lib/sql-loader.js',
      code: "const { SQL } = require('./sql-scripts');\nconst cache = {};\nexports.loadSql = function (name) {\n  let sql = cache[name];\n  if (sql === undefined) {\n    sql = SQL[`${name}.sql`];\n    if (sql === undefined) throw new Error('no SQL for ' + name);\n    cache[name] = sql;\n  }\n  return sql;\n};\n",
      files: {"lib/sql-scripts.js": "exports.SQL = { 'add_job.sql': 'insert into jobs', 'get_job.sql': 'select * from jobs' };\n"},
    },
    {
      name: 'a memo of a schema lookup: the value is found by the names the key joins (proto.lookupService(iface).get(method)) and the function throws when it is missing (check 23, sofa-rpc-node)',
      filename: 'lib/util/proto_util.js',
      code: "const methodMap = new Map();\nexports.getMethodInfo = (proto, interfaceName, methodName) => {\n  const key = interfaceName + '#' + methodName;\n  let method = methodMap.get(key);\n  if (!method) {\n    const service = proto.lookupService(interfaceName);\n    method = service.get(methodName);\n    if (!method) {\n      throw new Error(`no such method ${methodName}`);\n    }\n    method = method.resolve();\n    methodMap.set(key, method);\n  }\n  return method;\n};\n",
    },
    {
      name: 'a registry of plugins the function loads by name: bounded by what is installed',
      filename: 'lib/plugins.js',
      code: "const path = require('path');\nconst PLUGIN_DIR = path.join(__dirname, 'plugins');\nconst loaded = {};\nfunction loadPlugin(name) {\n  loaded[name] = require(path.join(PLUGIN_DIR, name));\n}\nexports.loadPlugins = (names) => names.forEach(loadPlugin);\n",
    },
    {
      name: 'pushed in a .then continuation of init: start-up code, once per start',
      filename: 'lib/projects.js',
      code: "const startupNotes = [];\nconst checkGit = () => Promise.resolve(process.env.GIT_VERSION);\nexports.init = function (settings) {\n  return checkGit().then((version) => {\n    if (!version) startupNotes.push('git not found');\n  });\n};\n",
    },
    {
      name: 'keyed by the files of a directory listing: files on disk',
      filename: 'lib/themes.js',
      code: "const fs = require('fs');\nconst path = require('path');\nconst THEME_DIR = path.join(__dirname, 'themes');\nconst themes = {};\nexports.loadLocalThemes = function () {\n  fs.readdirSync(THEME_DIR).filter((f) => f.endsWith('.css')).map((f) => ({ name: f.slice(0, -4) })).forEach((t) => {\n    themes[t.name] = t;\n  });\n};\n",
    },
    {
      name: 'keys made by a function of the file from parameters that a plugin loader passes, through an exported object',
      filename: 'lib/themes.js',
      code: "const themes = {};\nfunction makeTheme(pkg, info) {\n  return { name: encodeURIComponent(pkg), css: info.css };\n}\nfunction addTheme(pkg, info) {\n  const theme = makeTheme(pkg, info);\n  themes[theme.name] = theme;\n}\nexports.default = { addTheme };\n",
      files: { 'lib/packages.js': "const path = require('path');\nconst themes_1 = require('./themes');\nconst DIR = path.join(__dirname, 'packages');\nfunction loadPackage(name) {\n  const info = require(path.join(DIR, name, 'package.json'));\n  themes_1.default.addTheme(name, info);\n}\nexports.loadPackages = (names) => names.forEach(loadPackage);\n" },
    },
    {
      name: 'a cache with delete in an eviction path',
      code: 'const sessions = new Map<string, { expires: number }>();\nexport function touch(id: string) {\n  sessions.set(id, { expires: Date.now() + 60_000 });\n}\nexport function expire(id: string) {\n  sessions.delete(id);\n}\n',
    },
    {
      name: 'a Map cleared on an interval',
      code: 'const seen = new Set<string>();\nexport function firstTime(id: string) {\n  if (seen.has(id)) return false;\n  seen.add(id);\n  return true;\n}\nsetInterval(() => seen.clear(), 60_000).unref();\n',
    },
    {
      name: 'a module-level array used as a constant lookup',
      code: "const ROLES = ['admin', 'editor', 'viewer'];\nexport function isRole(r: string) {\n  return ROLES.includes(r);\n}\n",
    },
    {
      name: 'a collection local to a function',
      code: 'export function dedupe(xs: string[]) {\n  const seen = new Set<string>();\n  for (const x of xs) seen.add(x);\n  return [...seen];\n}\n',
    },
    {
      name: 'a WeakMap is never flagged',
      code: 'const meta = new WeakMap<object, string>();\nexport function tag(o: object, t: string) {\n  meta.set(o, t);\n}\n',
    },
    {
      name: 'a collection reassigned somewhere',
      code: 'let buffer: string[] = [];\nexport function log(line: string) {\n  buffer.push(line);\n}\nexport function flush() {\n  const out = buffer;\n  buffer = [];\n  return out;\n}\n',
    },
    {
      name: 'removal in another module',
      code: 'export const pending = new Map<string, () => void>();\nexport function wait(id: string, done: () => void) {\n  pending.set(id, done);\n}\n',
      files: { 'src/resolver.ts': "import { pending } from './test-case';\nexport function resolve(id: string) {\n  pending.get(id)?.();\n  pending.delete(id);\n}\n" },
    },
    {
      name: 'an array capped with shift',
      code: 'const recent: number[] = [];\nexport function record(ms: number) {\n  recent.push(ms);\n  if (recent.length > 100) recent.shift();\n}\n',
    },
    {
      name: 'an add guarded by a size check',
      code: 'const cache = new Map<string, string>();\nconst MAX = 1000;\nexport function remember(k: string, v: string) {\n  if (cache.size < MAX) cache.set(k, v);\n}\n',
    },
    {
      name: 'emptied with length = 0',
      code: 'const queue: string[] = [];\nexport function enqueue(s: string) {\n  queue.push(s);\n}\nexport function drain() {\n  const items = queue.slice();\n  queue.length = 0;\n  return items;\n}\n',
    },
    {
      name: 'a dictionary whose keys are deleted',
      code: 'const inflight: Record<string, Promise<string>> = {};\nexport function start(k: string, p: Promise<string>) {\n  inflight[k] = p;\n  p.finally(() => {\n    delete inflight[k];\n  });\n}\n',
    },
    {
      name: 'only literal keys: a fixed set of slots',
      code: "const settings = new Map<string, string>();\nexport function setMode(mode: string) {\n  settings.set('mode', mode);\n}\n",
    },
    {
      name: 'filled at start-up, at module level',
      code: "const routes: string[] = [];\nroutes.push('/a');\nroutes.push('/b');\nexport function all() {\n  return routes;\n}\n",
    },
    {
      name: 'filled by a registration function',
      code: 'type Handler = (body: unknown) => void;\nconst handlers = new Map<string, Handler>();\nexport function registerHandler(name: string, h: Handler) {\n  handlers.set(name, h);\n}\n',
    },
    {
      name: 'handed to code we cannot follow',
      code: "import { startSweeper } from './sweeper';\nconst sessions = new Map<string, number>();\nexport function touch(id: string) {\n  sessions.set(id, Date.now());\n}\nstartSweeper(sessions);\n",
      files: { 'src/sweeper.ts': 'export function startSweeper(m: Map<string, number>) {\n  void m;\n}\n' },
    },
    {
      name: 'exported through module.exports: other modules may remove from it',
      filename: 'src/audit.js',
      code: "const events = [];\nfunction onRequest(req) {\n  events.push({ path: req.url, at: Date.now() });\n}\nmodule.exports = { onRequest, events };\n",
    },
    {
      name: 'a member of a class instantiated per call',
      code: 'class RequestScope {\n  private readonly seen = new Set<string>();\n  mark(id: string) {\n    this.seen.add(id);\n  }\n}\nexport function handle(ids: string[]) {\n  const scope = new RequestScope();\n  for (const id of ids) scope.mark(id);\n}\n',
    },
    {
      name: 'a singleton whose member is cleared by a method',
      code: 'class Cache {\n  private entries = new Map<string, string>();\n  put(k: string, v: string) {\n    this.entries.set(k, v);\n  }\n  reset() {\n    this.entries.clear();\n  }\n}\nexport const cache = new Cache();\n',
    },
    {
      name: 'a singleton member filled only in its constructor',
      code: "class Registry {\n  private readonly names = new Set<string>();\n  constructor(list: string[]) {\n    for (const n of list) this.names.add(n);\n  }\n  has(n: string) {\n    return this.names.has(n);\n  }\n}\nexport const registry = new Registry(['a', 'b']);\n",
    },
    {
      name: 'a static member evicted from another module',
      code: 'export class Tokens {\n  static revoked = new Set<string>();\n  static revoke(t: string) {\n    Tokens.revoked.add(t);\n  }\n}\n',
      files: { 'src/cleanup.ts': "import { Tokens } from './test-case';\nexport function forget(t: string) {\n  Tokens.revoked.delete(t);\n}\n" },
    },
    {
      name: 'a module-level collection only read',
      code: "const table = new Map([['a', 1], ['b', 2]]);\nexport function lookup(k: string) {\n  return table.get(k);\n}\n",
    },
    // ---- Constant domains ----
    {
      name: 'a warn-once set: the keys are warnings written in the code',
      code: "const devWarnings = new Set<string>();\nexport function warnDevOnce(message: string) {\n  if (devWarnings.has(message)) return;\n  devWarnings.add(message);\n  console.warn(message);\n}\n",
    },
    {
      name: 'a deprecation list deduplicated with indexOf before the push',
      filename: 'src/utils.js',
      code: "const deprecateList = [];\nconst utils = {\n  deprecate(prop, msg) {\n    if (arguments.length == 1) msg = prop;\n    if (deprecateList.indexOf(prop) === -1) {\n      console.warn(`DeprecationWarning: ${msg}`);\n      deprecateList.push(prop);\n    }\n  },\n};\nmodule.exports = utils;\n",
    },
    {
      name: 'handlers keyed by the event an on(event, handler) registers',
      filename: 'src/emitter.js',
      code: "const eventHandlers = {};\nfunction app() {}\napp.on = function (event, handler) {\n  if (!eventHandlers[event]) eventHandlers[event] = [];\n  eventHandlers[event].push(handler);\n  return app;\n};\nmodule.exports = app;\n",
    },
    {
      name: 'a flag per event name seen by a newListener listener',
      filename: 'src/bus.js',
      code: "const { EventEmitter } = require('events');\nconst bus = new EventEmitter();\nconst collected = {};\nbus.on('newListener', function (event) {\n  if (!collected[event]) {\n    collected[event] = true;\n    bus.on(event, () => console.log(event));\n  }\n});\nmodule.exports = bus;\n",
    },
    {
      name: 'templates cached by the path of the file they are read from',
      filename: 'src/templates.js',
      code: "const fs = require('fs');\nconst templateCache = new Map();\nexports.render = (file, args) => {\n  const template = templateCache.get(file) || compile(fs.readFileSync(file, 'utf8'));\n  templateCache.set(file, template);\n  return template(args);\n};\nfunction compile(text) {\n  return (args) => text.replace(/\\{(\\w+)\\}/g, (_, k) => args[k]);\n}\n",
    },
    {
      name: 'a help text cached per file name, filled in a read callback',
      filename: 'src/help.js',
      code: "const helpText = {};\nfunction showUsage(helpFile, res) {\n  if (helpText[helpFile] != null) return res.end(helpText[helpFile]);\n  require('fs').readFile(helpFile, 'utf8', (err, data) => {\n    if (err) return res.end();\n    helpText[helpFile] = data;\n    showUsage(helpFile, res);\n  });\n}\nmodule.exports = { showUsage };\n",
    },
    {
      name: 'a cache keyed by a parameter every call in the file fills with a literal',
      filename: 'src/middlewares.js',
      code: "const routeCache = Object.create(null);\nfunction matchesExactRoute(path, route) {\n  if (!routeCache[route]) routeCache[route] = new RegExp(`^${route}/?$`, 'i');\n  return routeCache[route].test(path);\n}\nfunction handle(req) {\n  return matchesExactRoute(req.path, '/login') || matchesExactRoute(req.path, '/sessions/me');\n}\nmodule.exports = { handle, matchesExactRoute };\n",
      files: { 'src/batch.js': "const { matchesExactRoute } = require('./middlewares');\nexports.isLogin = (p) => matchesExactRoute(p, '/login');\n" },
    },
    {
      name: 'components registered from another module with a literal name',
      filename: 'src/router.js',
      code: "const components = {};\nexports.addComponent = (moduleName, module) => {\n  components[moduleName] = module;\n};\nexports.route = (name, msg) => components[name].handle(msg);\n",
      files: { 'src/socketio.js': "const router = require('./router');\nconst pad = { handle() {} };\nrouter.addComponent('pad', pad);\n" },
    },
    {
      name: 'agents keyed by the JSON of options every caller writes as a literal',
      filename: 'src/agents.js',
      code: "const http = require('http');\nclass Agents {\n  static list = {};\n  static getHttpAgent(options) {\n    const key = JSON.stringify(options);\n    if (!(key in this.list)) this.list[key] = new http.Agent(options);\n    return this.list[key];\n  }\n}\nmodule.exports = Agents;\n",
      files: { 'src/monitor.js': "const Agents = require('./agents');\nexports.check = (url) => fetch(url, { agent: Agents.getHttpAgent({ maxCachedSessions: 0 }) });\n" },
    },
    {
      name: 'a script whose run ends in process.exit does not live long enough to leak',
      filename: 'scripts-like/rebuild.js',
      code: "const seen = new Set();\nasync function main(ids) {\n  for (const id of ids) remember(id);\n}\nfunction remember(id) {\n  seen.add(id);\n}\nmain(process.argv.slice(2)).then(() => process.exit(0));\n",
    },
    // ---- Removals the rule must see ----
    {
      name: 'delete this[…] in a method of the object literal itself',
      filename: 'src/pads.js',
      code: "const globalPads = {\n  get(name) { return this[`:${name}`]; },\n  set(name, value) { this[`:${name}`] = value; },\n  remove(name) { delete this[`:${name}`]; },\n};\nexports.load = (id, pad) => globalPads.set(id, pad);\nexports.unload = (id) => globalPads.remove(id);\n",
    },
    {
      name: 'a package-name to directory index filled while crawling the package path (rosnodejs messages/packages.js, check 40)',
      filename: 'lib/messages/packages.js',
      code: "const walk = require('./walk');\nconst rosPackageCache = {};\nasync function findPackage(packageName) {\n  const directory = rosPackageCache[packageName.toLowerCase()];\n  if (directory) return directory;\n  for (const root of process.env.ROS_PACKAGE_PATH.split(':')) {\n    for await (const pkg of walk.getPackages(root)) {\n      rosPackageCache[pkg.name.toLowerCase()] = pkg.directory;\n      if (pkg.name === packageName) return pkg.directory;\n    }\n  }\n  throw new Error('ENOTFOUND - Package ' + packageName + ' not found');\n}\nexports.findPackage = findPackage;\n",
    },
    {
      name: 'a package-name to directory cache filled by a finder\'s callback (rosnodejs utils/messageGeneration/packages.js, check 40)',
      filename: 'lib/utils/messageGeneration/packages.js',
      code: "const chain = require('./chain');\nconst cache = {};\nexports.findPackage = function (packageName, callback) {\n  var directory = cache[packageName.toLowerCase()];\n  if (directory) {\n    callback(null, directory);\n    return;\n  }\n  return chain.findPackageInDirectoryChain(process.env.ROS_PACKAGE_PATH.split(':'), packageName, function (err, directory) {\n    cache[packageName.toLowerCase()] = directory;\n    callback(err, directory);\n  });\n};\n",
    },
    {
      name: 'a wrapper object whose own remove method deletes from the Map it holds (mqlight activeClientList, check 46)',
      filename: 'mqlight.js',
      code: "var activeClientList = {\n  clients: new Map(),\n  add: function(client) {\n    this.clients.set(client.id, client);\n  },\n  remove: function(id) {\n    this.clients.delete(id);\n  },\n  get: function(id) {\n    return this.clients.get(id);\n  },\n};\nexports.createClient = function(client) {\n  activeClientList.add(client);\n  client.on('stopped', function() { activeClientList.remove(client.id); });\n  return client;\n};\n",
    },
    {
      name: 'entries pruned by reassigning a filtered copy',
      code: "interface Sub { unrefIfOneRef(): boolean }\nclass Pool {\n  private pool: Record<string, Sub[]> = Object.create(null);\n  unrefUnused() {\n    for (const target in this.pool) {\n      const subs = this.pool[target];\n      const kept = subs.filter((s) => !s.unrefIfOneRef());\n      this.pool[target] = kept;\n    }\n  }\n  get(target: string, make: () => Sub) {\n    if (!(target in this.pool)) this.pool[target] = [];\n    const sub = make();\n    this.pool[target].push(sub);\n    return sub;\n  }\n}\nexport const pool = new Pool();\n",
    },
    {
      name: 'a constructor function made once at module level pushes itself once',
      filename: 'src/apicache.js',
      code: "const instances = [];\nfunction ApiCache() {\n  instances.push(this);\n  this.id = instances.length;\n}\nmodule.exports = new ApiCache();\n",
    },
    {
      name: 'filled at module load from the callbacks of a top-level forEach over a JSON require',
      filename: 'lib/providers/index.js',
      code: "const providers = require('./providers.json');\nconst byHost = {};\nObject.keys(providers).forEach((name) => {\n  const p = providers[name];\n  byHost[name.toLowerCase()] = p;\n  [].concat(p.hosts || []).forEach((host) => {\n    byHost[host.toLowerCase()] = p;\n  });\n});\nmodule.exports = (host) => byHost[String(host).toLowerCase()];\n",
      files: { 'lib/providers/providers.json': '{ "mail": { "hosts": ["mail.example"] } }' },
    },
    {
      name: 'filled in the constructor of a module-level singleton from the callback of a forEach',
      filename: 'lib/codec.js',
      code: "class Codec {\n  constructor() {\n    this.decode = { __nan__: NaN, __inf__: Infinity };\n    this.encode = {};\n    Object.keys(this.decode).forEach((k) => {\n      this.encode[this.decode[k]] = k;\n    });\n  }\n  pack(v) {\n    return v in this.encode ? this.encode[v] : v;\n  }\n}\nconst codec = new Codec();\nmodule.exports = { pack: (v) => codec.pack(v) };\n",
    },
    {
      name: "a file whose header says it is a copy of another package's file",
      filename: 'src/modules/tz/index.js',
      code: "/**\n * Copy from node_modules/tzlib/plugin/zone.js\n * License: MIT\n */\nconst formatCache = {};\nexport function formatter(zone) {\n  if (!formatCache[zone]) formatCache[zone] = new Intl.DateTimeFormat('en-US', { timeZone: zone });\n  return formatCache[zone];\n}\n",
    },
    {
      name: 'keyed through nested functions by host:port of the configured nodes',
      filename: 'proxy.js',
      code: "const net = require('net');\nconst nodeStatus = {};\nloadConfig(process.argv[2], (config) => {\n  const nodes = config.nodes;\n  function markDown(id) {\n    nodeStatus[id] = (nodeStatus[id] || 0) + 1;\n  }\n  function check(node) {\n    const id = node.host + ':' + node.port;\n    const c = net.connect({ host: node.host, port: node.adminport });\n    c.on('error', () => markDown(id));\n  }\n  setInterval(() => {\n    nodes.forEach(function (node) {\n      check(node);\n    });\n  }, 10000);\n});\nfunction loadConfig(file, cb) {\n  cb(require(file));\n}\n",
    },
    {
      name: 'listeners added only by top-level statements of other modules, at load',
      filename: 'lib/configuration.js',
      code: "const listeners = [];\nconst addPreProcessor = (fn) => {\n  listeners.push(fn);\n};\nconst configure = (config) => {\n  listeners.forEach((l) => l(config));\n};\nmodule.exports = { addPreProcessor, configure };\n",
      files: {
        'lib/levels.js': "const configuration = require('./configuration');\nconfiguration.addPreProcessor((config) => {\n  if (config.levels) console.log('levels');\n});\n",
        'lib/appenders.js': "const configuration = require('./configuration');\nconst setup = (config) => console.log(Object.keys(config.appenders));\nif (!process.env.DISABLED) {\n  configuration.addPreProcessor(setup);\n}\n",
      },
    },
    {
      name: 'a table of named factories that users extend through a register function',
      filename: 'lib/formats.js',
      code: "const formatMakers = {\n  plain() {\n    return (e) => String(e.message);\n  },\n  json: () => (e) => JSON.stringify(e),\n};\nmodule.exports = {\n  addFormat(name, makeFormat) {\n    formatMakers[name] = makeFormat;\n  },\n  formatFor(config) {\n    return formatMakers[config.type] && formatMakers[config.type](config);\n  },\n};\n",
    },
    {
      name: 'a cache of regular expressions compiled from wildcard patterns',
      filename: 'src/match.js',
      code: "const patternCache = new Map();\nfunction matches(text, pattern) {\n  let re = patternCache.get(pattern);\n  if (re == null) {\n    const source = '^' + pattern.replace(/\\*/g, '[^.]*') + '$';\n    re = new RegExp(source);\n    patternCache.set(pattern, re);\n  }\n  return re.test(text);\n}\nmodule.exports = { matches };\n",
    },
    {
      name: 'one HTTP agent per distinct set of options, keyed by their JSON',
      filename: 'server/agents.js',
      code: "const https = require('https');\nclass Agents {\n  static list = {};\n  static get(options) {\n    const key = JSON.stringify(options);\n    if (!(key in this.list)) this.list[key] = new https.Agent(options);\n    return this.list[key];\n  }\n}\nmodule.exports = { Agents };\n",
    },
    {
      name: "a module of a command-line tool's package (every bin ends itself with process.exit): one short run, no growth over days",
      filename: 'lib/cache.js',
      code: CLI_CACHE,
      files: { 'package.json': '{ "name": "cfg-cli", "bin": { "cfg": "bin/cfg.js" } }', 'bin/cfg.js': CLI_BIN },
    },
    {
      name: 'a cache keyed by a schema type after a switch over three enum members whose default throws (confluent-schema-registry, check 56)',
      filename: 'dist/schemaTypeResolver.js',
      code: SCHEMA_HELPERS("throw new Error('invalid schemaType');"),
      files: { 'package.json': SCHEMA_PACKAGE },
    },
    {
      name: 'a logger registry keyed by `writer || "console"`, every call passing no writer (chia-agent, check 56)',
      filename: 'logger.js',
      code: CHIA_LOGGER,
      files: { 'package.json': '{ "name": "chia-agent", "main": "index.js" }', 'daemon/index.js': chiaCaller('') },
    },
  ],
  invalid: [
    {
      name: 'the same package index storing what a registry answers for the name, not a directory: still reported',
      filename: 'lib/messages/packages.js',
      code: "const registry = require('./registry-client');\nconst rosPackageCache = {};\nasync function findPackage(packageName) {\n  const cached = rosPackageCache[packageName.toLowerCase()];\n  if (cached) return cached;\n  const pkg = await registry.fetchManifest(packageName);\n  rosPackageCache[pkg.name.toLowerCase()] = pkg.manifest;\n  return pkg.manifest;\n}\nexports.findPackage = findPackage;\n",
      errors: [{ messageId: 'onlyGrows', line: 2, column: 7 }],
      output: null,
    },
    {
      name: 'a directory per user id, not per package: still reported',
      filename: 'lib/uploads.js',
      code: "const path = require('path');\nconst uploadDirs = {};\nexports.uploadDir = function (userId) {\n  const directory = path.join('/srv/uploads', userId);\n  uploadDirs[userId.toLowerCase()] = directory;\n  return directory;\n};\n",
      errors: [{ messageId: 'onlyGrows', line: 2, column: 7 }],
      output: null,
    },
    {
      name: 'the same wrapper object with no method that takes clients out: still reported',
      filename: 'mqlight.js',
      code: "var activeClientList = {\n  clients: new Map(),\n  add: function(client) {\n    this.clients.set(client.id, client);\n  },\n  get: function(id) {\n    return this.clients.get(id);\n  },\n};\nexports.createClient = function(client) {\n  activeClientList.add(client);\n  client.on('stopped', function() { activeClientList.get(client.id); });\n  return client;\n};\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 5 }],
      output: null,
    },
    {
      name: 'a wrapper object whose remove method deletes from another object\'s Map: still reported',
      filename: 'mqlight.js',
      code: "var retired = { clients: new Map() };\nvar activeClientList = {\n  clients: new Map(),\n  add: function(client) {\n    this.clients.set(client.id, client);\n  },\n  remove: function(id) {\n    retired.clients.delete(id);\n  },\n};\nexports.createClient = function(client) {\n  activeClientList.add(client);\n  client.on('stopped', function() { activeClientList.remove(client.id); });\n  return client;\n};\n",
      errors: [{ messageId: 'onlyGrows', line: 2, column: 5 }],
      output: null,
    },
    {
      name: 'the same map keyed by a user id a finder looks up: request data, still reported',
      filename: 'lib/profiles.js',
      code: "const path = require('path');\nconst users = require('./users');\nlet profileMap = {};\nfunction loadProfile(userId) {\n    const pkg = profileMap[userId] = users.find(userId);\n    return pkg;\n}\nexports.loadProfile = loadProfile;\nfunction getProfile(userId) {\n    return profileMap[userId];\n}\nexports.getProfile = getProfile;\n",
      errors: [{ messageId: 'onlyGrows', line: 3, column: 5 }],
      output: null,
    },
    {
      name: 'the same package map filled by an awaited finder (a registry answering over the network): still reported',
      filename: 'lib/messages/message_utils.js',
      code: "const path = require('path');\nconst registry = require('./registry-client');\nlet messagePackageMap = {};\nasync function loadMessagePackage(msgPackage) {\n    const pkg = messagePackageMap[msgPackage] = await registry.findPackage(msgPackage);\n    return pkg;\n}\nexports.loadMessagePackage = loadMessagePackage;\nfunction getPackage(msgPackage) {\n    return messagePackageMap[msgPackage];\n}\nexports.getPackage = getPackage;\n",
      errors: [{ messageId: 'onlyGrows', line: 3, column: 5 }],
      output: null,
    },
    {
      name: 'the same memo in front of another cache keyed by a user id: request data, still reported',
      filename: 'lib/profiles.js',
      code: "const profileCache = {};\nclass MsgSpec {\n  constructor(userCache, type) {\n    this.userCache = userCache;\n    this.type = type;\n  }\n  getProfile(userId) {\n    let spec = profileCache[userId];\n    if (!spec) {\n      spec = this.userCache.getUser(userId);\n      profileCache[userId] = spec;\n    }\n    return spec;\n  }\n}\nmodule.exports = MsgSpec;\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7 }],
      output: null,
    },
    {
      name: 'the same formatter when format() parses the format again on every record: the array grows per log line',
      filename: 'lib/logging/LogFormatter.js',
      code: "const FORMAT = process.env.LOG_FORMAT || '[${severity}] ${message}';\nconst TOKEN = /\\${([a-z]+)}/g;\nclass LogFormatter {\n  constructor() {\n    this._tokens = [];\n    this._parseFormat();\n  }\n  _parseFormat() {\n    let match;\n    while ((match = TOKEN.exec(FORMAT)) !== null) {\n      this._tokens.push(match[1]);\n    }\n  }\n  format(rec) {\n    this._parseFormat();\n    return this._tokens.map((t) => rec[t]).join('');\n  }\n}\nconst logFormatter = new LogFormatter();\nmodule.exports = logFormatter.format.bind(logFormatter);\n",
      errors: [{ messageId: 'onlyGrows', line: 5, column: 5 }],
      output: null,
    },
    {
      name: 'a constant-case member of a value the caller hands in is input, not a table: still reported',
      filename: 'lib/last-update.js',
      code: "let lastUpdate = {};\nmodule.exports = function onNotify(msg) {\n  lastUpdate[msg.ID] = msg.text;\n};\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 5 }],
      output: null,
    },
    {
      name: 'the same walk when a route reloads a folder per request',
      filename: 'lib/plugins.js',
      code: "const fs = require('fs');\nconst path = require('path');\nconst plugins = [];\nfunction loadDir(dir) {\n  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {\n    const file = path.join(dir, entry.name);\n    if (entry.isDirectory()) loadDir(file);\n    else plugins.push(file);\n  }\n}\nloadDir(path.join(__dirname, 'plugins'));\nmodule.exports = (app) => app.post('/reload', (req, res) => res.json(loadDir(req.body.dir)));\n",
      errors: [{ messageId: 'onlyGrows', line: 3, column: 7 }],
      output: null,
    },
    {
      name: 'the same map when the entry runs its main effect on a timer',
      filename: 'src/assets.js',
      code: ASSETS,
      files: { ...ASSETS_SERVER, 'src/bootstrap.js': ASSETS_SERVER['src/bootstrap.js'].replace('Effect.runPromise(main());', 'setInterval(() => Effect.runPromise(main()), 60_000);') },
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7 }],
      output: null,
      unsafeOutput: "import { boundedMap } from '../stability-runtime.js';\n\n" + ASSETS.replace('new Map()', 'boundedMap({ max: 10_000, ttlMs: 3_600_000 })'),
    },
    {
      name: "a middleware factory's dictionary its request handler fills with every Host header it sees",
      filename: 'lib/hostnames-hook.js',
      code: HOSTNAMES_HOOK,
      errors: [{ messageId: 'onlyGrows', data: {
        name: 'matches', what: 'The dictionary object `matches`, kept by the request handler its function returns,', add: 'matches[…] = …',
        remedy: 'Use `boundedMap({ max, ttlMs })` from the runtime shim instead, or `delete` keys when they are done.',
      }, line: 2, column: 9 }],
      output: null,
    },
    {
      name: 'the same cache when one caller passes the names it is given',
      filename: 'src/load-package.js',
      code: PACKAGE_CACHE,
      files: { 'package.json': '{ "name": "health", "type": "module" }', 'src/grpc.health.js': PACKAGE_CALLERS + "export function loadAny(names) {\n  return loadPackage(names, () => Promise.all(names.map((n) => import(n))), 'any');\n}\n" },
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7 }],
      output: null,
      unsafeOutput: "import { boundedMap } from '../stability-runtime.js';\n\n" + PACKAGE_CACHE.replace('new Map()', 'boundedMap({ max: 10_000, ttlMs: 3_600_000 })'),
    },
    {
      name: 'the same plugin loader when a route also loads a plugin per request',
      filename: 'lib/loader/pluginLoader.mjs',
      code: PLUGIN_LOADER + "export function route(app) {\n  app.post('/plugins', async (req, res) => {\n    await loadPluginFile(req.body.file);\n    res.end();\n  });\n}\n",
      errors: [{ messageId: 'onlyGrows', line: 3, column: 7 }],
      output: null,
    },
    {
      name: 'the same TLS set-up when an embedding app runs the start function per request',
      filename: 'server/server.js',
      code: LISTENERS,
      files: {
        'package.json': LISTENERS_PACKAGE,
        'app.js': "const droppy = require('./server/server.js');\nrequire('http').createServer((req, res) => droppy({ listeners: [] }, true, () => res.end())).listen(8080);\n",
      },
      errors: [{ messageId: 'onlyGrows', line: 20, column: 7 }],
      output: null,
    },
    {
      name: 'the same task list when a route also runs the start-up step',
      filename: 'src/schedules/retention.js',
      code: RETENTION,
      files: { ...RETENTION_SERVER, 'src/app.js': RETENTION_APP + "export function routes(router) {\n  router.post('/retention', () => retentionSchedule());\n}\n" },
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7 }],
      output: null,
    },
    {
      name: 'a registry a helper fills, called from the constructor of a class made per request',
      filename: 'lib/fetch.js',
      code: "const hostsCache = {};\nfunction addController(ctrl) {\n  hostsCache[ctrl.host] = hostsCache[ctrl.host] || [];\n  hostsCache[ctrl.host].push(ctrl);\n}\nclass HostAbortController {\n  constructor(url) {\n    this.host = new URL(url).hostname;\n    addController(this);\n  }\n}\nmodule.exports = (url) => new HostAbortController(url);\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7 }],
      output: null,
    },
    {
      name: 'the same registry filled by a listener of an ordinary event',
      filename: 'lib/library/index.js',
      code: "const { events } = require('./events');\nconst libraryPlugins = {};\nlet runtime;\nfunction init(_runtime) {\n  runtime = _runtime;\n  events.on('registry:message', onPluginAdded);\n}\nfunction onPluginAdded(id) {\n  const plugin = runtime.plugins.getPlugin(id);\n  if (plugin.type === 'library-source') libraryPlugins[plugin.id] = plugin;\n}\nmodule.exports = { init, get: (id) => libraryPlugins[id] };\n",
      files: { 'lib/events.js': "exports.events = new (require('events'))();\n" },
      errors: [{ messageId: 'onlyGrows', line: 2, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'a cache of connections made for each key is no logger cache',
      filename: 'src/logger.js',
      code: "class Connection {\n  constructor(url) {\n    this.url = url;\n  }\n  info() {}\n}\nclass Logger {\n  static loggerCache = new Map();\n  constructor(prefix) {\n    this.prefix = prefix;\n  }\n  static withPrefix(prefix) {\n    const cached = Logger.loggerCache.get(prefix);\n    if (cached) return cached;\n    const logger = new Connection(prefix);\n    const log = logger.info.bind(logger);\n    Logger.loggerCache.set(prefix, log);\n    return log;\n  }\n  info(msg) {\n    console.log(`[${this.prefix}] ${msg}`);\n  }\n}\nmodule.exports = { Logger };\n",
      errors: [{ messageId: 'onlyGrows', line: 8, column: 10 }],
      output: null,
      unsafeOutput: "const { boundedMap } = require('../stability-runtime.cjs');\n\nclass Connection {\n  constructor(url) {\n    this.url = url;\n  }\n  info() {}\n}\nclass Logger {\n  static loggerCache = boundedMap({ max: 10_000, ttlMs: 3_600_000 });\n  constructor(prefix) {\n    this.prefix = prefix;\n  }\n  static withPrefix(prefix) {\n    const cached = Logger.loggerCache.get(prefix);\n    if (cached) return cached;\n    const logger = new Connection(prefix);\n    const log = logger.info.bind(logger);\n    Logger.loggerCache.set(prefix, log);\n    return log;\n  }\n  info(msg) {\n    console.log(`[${this.prefix}] ${msg}`);\n  }\n}\nmodule.exports = { Logger };\n",
    },
    {
      name: "an ioBroker adapter's dictionary keyed by the sender of each chat message still grows with its users",
      filename: 'main.js',
      code: "const utils = require('@iobroker/adapter-core');\nconst lastCommand = {};\nlet adapter;\nfunction onMessage(msg) {\n  lastCommand[msg.from.id] = msg.text;\n  adapter.setState('lastCommand', msg.text, true);\n}\nmodule.exports = (options) => {\n  adapter = new utils.Adapter({ ...options, name: 'chatbridge', ready: () => adapter.config.bot.on('message', onMessage) });\n  return adapter;\n};\n",
      files: { 'package.json': "{ \"name\": \"iobroker.speakers\", \"main\": \"main.js\", \"dependencies\": { \"@iobroker/adapter-core\": \"^3.3.2\" } }" },
      errors: [{ messageId: 'onlyGrows', line: 2, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: "an ioBroker adapter's list pushed per device event: a list grows per event, not per device",
      filename: 'main.js',
      code: "const utils = require('@iobroker/adapter-core');\nconst history = [];\nlet adapter;\nfunction onDeviceEvent(device, event) {\n  history.push({ device: device.serialNumber, event });\n}\nmodule.exports = (options) => {\n  adapter = new utils.Adapter({ ...options, name: 'speakers', ready: () => adapter.config.api.on('event', onDeviceEvent) });\n  return adapter;\n};\n",
      files: { 'package.json': "{ \"name\": \"iobroker.speakers\", \"main\": \"main.js\", \"dependencies\": { \"@iobroker/adapter-core\": \"^3.3.2\" } }" },
      errors: [{ messageId: 'onlyGrows', line: 2, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'the same device dictionaries in a package that is no home-automation integration',
      filename: 'main.js',
      code: "const utils = require('@iobroker/adapter-core');\nconst playerDevices = {};\nconst refreshTimers = {};\nconst entityAppliances = {};\nlet adapter;\nfunction scheduleRefresh(deviceId, delay) {\n  if (refreshTimers[deviceId]) clearTimeout(refreshTimers[deviceId]);\n  refreshTimers[deviceId] = setTimeout(() => {\n    refreshTimers[deviceId] = null;\n    adapter.setState(`${deviceId}.refresh`, true, true);\n  }, delay);\n}\nfunction readDevices(api) {\n  api.getDevices((err, devices) => {\n    if (err) return;\n    for (const device of devices) {\n      if (device.controllable) playerDevices[device.serialNumber] = true;\n      entityAppliances[device.entityId] = device.applianceId;\n      scheduleRefresh(device.serialNumber, 1000);\n    }\n  });\n}\nmodule.exports = (options) => {\n  adapter = new utils.Adapter({ ...options, name: 'speakers', ready: () => readDevices(adapter.config.api) });\n  return adapter;\n};\n",
      files: { 'package.json': "{ \"name\": \"speakers-service\", \"main\": \"main.js\", \"dependencies\": { \"express\": \"^4.21.0\" } }" },
      errors: [
        { messageId: 'onlyGrows', line: 2, column: 7, suggestions: [] },
        { messageId: 'onlyGrows', line: 3, column: 7, suggestions: [] },
        { messageId: 'onlyGrows', line: 4, column: 7, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'a package that calls itself a command-line http server runs until it is stopped',
      filename: 'lib/tokens.js',
      code: "const tokens = {};\nexports.tokenFor = async function (registry, namespace, exchange) {\n  const key = `${registry}/${namespace}`;\n  if (!tokens[key]) tokens[key] = await exchange(registry, namespace);\n  return tokens[key];\n};\n",
      files: { 'package.json': "{ \"name\": \"vsx-serve\", \"description\": \"A command-line http server for extension files\", \"keywords\": [\"cli\", \"server\"], \"bin\": { \"vsx-serve\": \"bin/vsx.js\" } }", 'bin/vsx.js': "#!/usr/bin/env node\nconst { program } = require('commander');\nconst { tokenFor } = require('../lib/tokens');\nprogram.command('publish <namespace>').action((namespace) => {\n  tokenFor(program.opts().registry, namespace, async () => 'token').then(console.log);\n});\nprogram.parse(process.argv);\n" },
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'a CLI tool that keeps a script running continuously runs until it is stopped',
      filename: 'lib/tokens.js',
      code: "const tokens = {};\nexports.tokenFor = async function (registry, namespace, exchange) {\n  const key = `${registry}/${namespace}`;\n  if (!tokens[key]) tokens[key] = await exchange(registry, namespace);\n  return tokens[key];\n};\n",
      files: { 'package.json': "{ \"name\": \"vsx-forever\", \"description\": \"A simple CLI tool for ensuring that a given script runs continuously\", \"bin\": { \"vsx-forever\": \"bin/vsx.js\" } }", 'bin/vsx.js': "#!/usr/bin/env node\nconst { program } = require('commander');\nconst { tokenFor } = require('../lib/tokens');\nprogram.command('publish <namespace>').action((namespace) => {\n  tokenFor(program.opts().registry, namespace, async () => 'token').then(console.log);\n});\nprogram.parse(process.argv);\n" },
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'a function invoked where it is written, inside the exported function: it runs per call',
      filename: 'lib/crc.js',
      code: "const crcTable = [];\nmodule.exports = (buf) => {\n  (() => {\n    for (const b of buf) crcTable.push(b);\n  })();\n  return crcTable.length;\n};\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'the same list function also called per message with its topic',
      filename: 'cronplus.js',
      code: "const topics = [{ command: 'trigger' }, { command: 'list' }];\nvar addAllVariant = function (base) {\n  topics.push({ command: `${base}-all`, payloadIsName: false });\n};\naddAllVariant('trigger');\nmodule.exports = (msg) => {\n  addAllVariant(msg.topic);\n  return topics.length;\n};\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: "callbacks keyed by a name that one choice takes from the caller's value",
      filename: 'lib/https/ca.js',
      code: "const waiting = {};\nfunction addCallback(name, cb) {\n  let list = waiting[name];\n  if (!list) {\n    list = [];\n    waiting[name] = list;\n  }\n  list.push(cb);\n}\nexports.getHttp2Server = function (cb) {\n  var name = 'httpH2';\n  addCallback(name, cb);\n};\nexports.getSniServer = function (cb, h2, withCert) {\n  var name = h2 ? 'h2Sni' : cb.servername;\n  addCallback(name, cb);\n};\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'keyed by the element of a list that holds a request value',
      filename: 'lib/certs.js',
      code: "const certs = {};\nexports.remember = (req) => {\n  [false, req.body.type].forEach((type) => {\n    certs[type || 'default'] = { key: req.body.key };\n  });\n};\nexports.get = (type) => certs[type] || certs.default;\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'the same Map when the assert sits in a branch that does not enclose the set',
      filename: 'lib/actions/authorization/index.js',
      code: STACKS.replace("  assert(stacks.has(endpoint), 'invalid authorization endpoint');\n", "  if (endpoint === A) { assert(stacks.has(endpoint)); }\n"),
      errors: [{ messageId: 'onlyGrows', line: 4, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'the same Map when the assert checks another key than the one set',
      filename: 'lib/actions/authorization/index.js',
      code: STACKS.replace('stacks.set(endpoint, stack)', 'stacks.set(stack.join(), stack)'),
      errors: [{ messageId: 'onlyGrows', line: 4, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'a literal table used as a counter: a missing entry is defaulted, so new keys are added',
      filename: 'lib/helpers/user_codes.js',
      code: "const COUNTS = { a: 0 };\nexport function hit(name) {\n  if (typeof COUNTS[name] !== 'string') {\n    COUNTS[name] = (COUNTS[name] || 0) + 1;\n  }\n}\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'the compile-in-place table when it starts empty: every charset asked for is a new entry',
      filename: 'lib/helpers/user_codes.js',
      code: CHARSETS.replace("{\n  'base-20': 'BCDFGHJKLMNPQRSTVWXZ',\n  digits: '0123456789',\n}", '{}'),
      files: NANOID,
      errors: [{ messageId: 'onlyGrows', line: 2, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'a missing key that is only logged, then added',
      filename: 'src/structures.js',
      code: "const structures = {\n  Player: class Player {},\n  Queue: class Queue {},\n};\nclass Structure {\n  static extend(name, extender) {\n    if (!structures[name]) console.warn(`\"${name}\" is a new structure`);\n    const extended = extender(structures[name]);\n    structures[name] = extended;\n    return extended;\n  }\n  static get(name) {\n    return structures[name];\n  }\n}\nmodule.exports = { Structure };\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: "the same module when the package also has a start script: it may run in a service",
      filename: 'lib/cache.js',
      code: CLI_CACHE,
      files: {
        'package.json': '{ "name": "cfg-cli", "bin": { "cfg": "bin/cfg.js" }, "scripts": { "start": "node server.js" } }', 'bin/cfg.js': CLI_BIN,
        // The service the start script runs: it reads the cache per request.
        'server.js': "require('http').createServer((req, res) => res.end(require('./lib/cache').readConfig(req.url, String))).listen(8080);\n",
      },
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7 }],
      output: null,
      unsafeOutput: CLI_CACHE_BOUNDED,
    },
    {
      name: "the same module when the package's only bin is a server's entry that exits on a start-up error",
      filename: 'lib/cache.js',
      code: CLI_CACHE,
      files: { 'package.json': '{ "name": "pad", "bin": { "pad": "node/server.js" } }', 'node/server.js': "#!/usr/bin/env node\nconst http = require('http');\nconst server = http.createServer();\nserver.on('error', () => process.exit(1));\nserver.listen(9001);\n" },
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7 }],
      output: null,
      unsafeOutput: CLI_CACHE_BOUNDED,
    },
    {
      name: "the same module when the package's bin parses argv with yargs and exits only when its worker fails (graphile-worker)",
      filename: 'lib/cache.js',
      code: CLI_CACHE,
      files: { 'package.json': '{ "name": "cfg-worker", "bin": { "cfg-worker": "bin/worker.js" } }', 'bin/worker.js': "#!/usr/bin/env node\nconst yargs = require('yargs');\nconst lib = require('../lib/cache');\nasync function main() {\n  const argv = yargs.argv;\n  setInterval(() => lib.readConfig(String(Date.now()), String), argv.every);\n}\nmain().catch((e) => {\n  console.error(e);\n  process.exit(1);\n});\n" },
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7 }],
      output: null,
      unsafeOutput: CLI_CACHE_BOUNDED,
    },
    {
      name: "the same module when one of the package's bins serves and does not end itself",
      filename: 'lib/cache.js',
      code: CLI_CACHE,
      files: { 'package.json': '{ "name": "cfg-cli", "bin": { "cfg": "bin/cfg.js", "cfg-server": "bin/server.js" } }', 'bin/cfg.js': CLI_BIN, 'bin/server.js': "#!/usr/bin/env node\nrequire('http').createServer((req, res) => res.end(require('../lib/cache').readConfig(req.url, String))).listen(8080);\n" },
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7 }],
      output: null,
      unsafeOutput: CLI_CACHE_BOUNDED,
    },
    {
      name: 'the same loop in a function the module exports: every caller adds the interfaces again',
      filename: 'app.js',
      code: "const config = require('./config');\nconst Proxy = require('./proxy');\nconst interfaces = [];\nlet startInterfaces = (done) => {\n  let keys = Object.keys(config.interfaces || {});\n  let pos = 0;\n  let startNext = () => {\n    if (pos >= keys.length) {\n      return done();\n    }\n    let key = keys[pos++];\n    let proxy = new Proxy(key, config.interfaces[key]);\n    proxy.start((err) => {\n      if (err) return done(err);\n      interfaces.push(proxy);\n      setImmediate(startNext);\n    });\n  };\n  startNext();\n};\nmodule.exports = { startInterfaces };\nprocess.on('SIGTERM', () => interfaces.forEach((i) => i.close()));\n",
      files: {"config.js": "module.exports = { interfaces: { feeder: { port: 2525 } } };\n", "proxy.js": "module.exports = class Proxy {\n  constructor(key, opts) { this.key = key; this.opts = opts; }\n  start(cb) { setImmediate(cb); }\n  close() {}\n};\n"},
      errors: [{ messageId: 'onlyGrows', line: 3, column: 7 }],
      output: null,
    },
    {
      name: 'the same class-keyed registry, but a request handler adds what the client sent',
      filename: 'lib/meta-hosts.js',
      code: "class MetaHosts {\n  static links = new Map();\n  static add(target, metadataKey) {\n    const keys = this.links.get(target) ?? new Set();\n    keys.add(metadataKey);\n    this.links.set(target, keys);\n  }\n}\nexports.MetaHosts = MetaHosts;\n",
      files: { 'lib/routes.js': "const { MetaHosts } = require('./meta-hosts');\nexports.register = (req) => {\n  MetaHosts.add(req.body.kind, 'seen');\n};\n" },
      errors: [{ messageId: 'onlyGrows', line: 2, column: 10 }],
      output: null,
      unsafeOutput: "const { boundedMap } = require('../stability-runtime.cjs');\n\nclass MetaHosts {\n  static links = boundedMap({ max: 10_000, ttlMs: 3_600_000 });\n  static add(target, metadataKey) {\n    const keys = this.links.get(target) ?? new Set();\n    keys.add(metadataKey);\n    this.links.set(target, keys);\n  }\n}\nexports.MetaHosts = MetaHosts;\n",
    },
    {
      name: 'a cache keyed by a user id, with a comment that says nothing of its size',
      filename: 'lib/get-jobs.js',
      code: "// Compiled queries, one per signature.\nconst queryCache = Object.create(null);\nexports.query = function (userId, schema) {\n  const signature = `get_job${userId}/${schema}`;\n  return (queryCache[signature] ??= `select * from ${schema}.jobs where user = ${userId}`);\n};\n",
      errors: [{ messageId: 'onlyGrows', data: { name: "queryCache", what: "The module-level dictionary object `queryCache`", add: "queryCache[\u2026] = \u2026", remedy: "Use `boundedMap({ max, ttlMs })` from the runtime shim instead, or `delete` keys when they are done." }, line: 2, column: 7 }],
      output: null,
    },
    {
      name: 'a cache keyed by a user name, not a locale',
      filename: 'lib/date-format.js',
      code: "const weekInfoCache = new Map();\nexports.getWeekInfo = function (user) {\n  let data = weekInfoCache.get(user.name);\n  if (!data) {\n    data = user.weekInfo;\n    weekInfoCache.set(user.name, data);\n  }\n  return data;\n};\n",
      errors: [{ messageId: 'onlyGrows', data: { name: "weekInfoCache", what: "The module-level Map `weekInfoCache`", add: "weekInfoCache.set(\u2026)", remedy: "Bound it: `boundedMap({ max, ttlMs })` from the runtime shim evicts the least recently used entry and expires old ones; or delete entries when they are done." }, line: 1, column: 7 }],
      output: null,
      unsafeOutput: "const { boundedMap } = require('../stability-runtime.cjs');\n\nconst weekInfoCache = boundedMap({ max: 10_000, ttlMs: 3_600_000 });\nexports.getWeekInfo = function (user) {\n  let data = weekInfoCache.get(user.name);\n  if (!data) {\n    data = user.weekInfo;\n    weekInfoCache.set(user.name, data);\n  }\n  return data;\n};\n",
    },
    {
      name: 'keys drawn from the caller\'s data object: as many as it holds',
      filename: 'lib/settings.js',
      code: "const SECTIONS = ['nodes', 'users', 'projects'];\nconst lastWritten = {};\nexports.writeSettings = function (data) {\n  Object.keys(data).forEach((key) => {\n    const text = JSON.stringify(data[key] || {});\n    if (text !== lastWritten[key]) lastWritten[key] = text;\n  });\n};\n",
      errors: [{ messageId: 'onlyGrows', data: { name: "lastWritten", what: "The module-level dictionary object `lastWritten`", add: "lastWritten[\u2026] = \u2026", remedy: "Use `boundedMap({ max, ttlMs })` from the runtime shim instead, or `delete` keys when they are done." }, line: 2, column: 7 }],
      output: null,
    },
    {
      name: 'the same memo of a schema lookup that stores whatever it is asked, found or not',
      filename: 'lib/util/proto_util.js',
      code: "const methodMap = new Map();\nexports.getMethodInfo = (proto, interfaceName, methodName) => {\n  const key = interfaceName + '#' + methodName;\n  let method = methodMap.get(key);\n  if (!method) {\n    const service = proto.lookupService(interfaceName);\n    method = service.get(methodName);\n    method = method.resolve();\n    methodMap.set(key, method);\n  }\n  return method;\n};\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7 }],
      output: null,
      unsafeOutput: "const { boundedMap } = require('../../stability-runtime.cjs');\n\n" + "const methodMap = new Map();\nexports.getMethodInfo = (proto, interfaceName, methodName) => {\n  const key = interfaceName + '#' + methodName;\n  let method = methodMap.get(key);\n  if (!method) {\n    const service = proto.lookupService(interfaceName);\n    method = service.get(methodName);\n    method = method.resolve();\n    methodMap.set(key, method);\n  }\n  return method;\n};\n".replace('new Map()', 'boundedMap({ max: 10_000, ttlMs: 3_600_000 })'),
    },
    {
      name: 'a memo of a table that stores whatever key is asked, found or not',
      filename: 'lib/sql-loader.js',
      code: "const { SQL } = require('./sql-scripts');\nconst cache = {};\nexports.loadSql = function (name) {\n  let sql = cache[name];\n  if (sql === undefined) {\n    sql = SQL[`${name}.sql`];\n    cache[name] = sql;\n  }\n  return sql;\n};\n",
      files: {"lib/sql-scripts.js": "exports.SQL = { 'add_job.sql': 'insert into jobs', 'get_job.sql': 'select * from jobs' };\n"},
      errors: [{ messageId: 'onlyGrows', data: { name: "cache", what: "The module-level dictionary object `cache`", add: "cache[\u2026] = \u2026", remedy: "Use `boundedMap({ max, ttlMs })` from the runtime shim instead, or `delete` keys when they are done." }, line: 2, column: 7 }],
      output: null,
    },
    {
      name: 'the same registry filled with records, not loaded code',
      filename: 'lib/plugins.js',
      code: "const path = require('path');\nconst PLUGIN_DIR = path.join(__dirname, 'plugins');\nconst loaded = {};\nfunction loadPlugin(name) {\n  loaded[name] = { name, at: Date.now() };\n}\nexports.loadPlugins = (names) => names.forEach(loadPlugin);\n",
      errors: [{ messageId: 'onlyGrows', data: { name: "loaded", what: "The module-level dictionary object `loaded`", add: "loaded[\u2026] = \u2026", remedy: "Use `boundedMap({ max, ttlMs })` from the runtime shim instead, or `delete` keys when they are done." }, line: 3, column: 7 }],
      output: null,
    },
    {
      name: 'pushed in a .then continuation of a request handler: once per request',
      filename: 'lib/projects.js',
      code: "const startupNotes = [];\nconst checkGit = () => Promise.resolve(process.env.GIT_VERSION);\nexports.onRequest = function (req) {\n  return checkGit().then((version) => {\n    if (!version) startupNotes.push('git not found');\n  });\n};\n",
      errors: [{ messageId: 'onlyGrows', data: { name: "startupNotes", what: "The module-level array `startupNotes`", add: "startupNotes.push(\u2026)", remedy: "Cap it: drop the oldest items (`shift()`, `splice(0, n)`) once it passes a limit, or empty it once its items are handled." }, line: 1, column: 7 }],
      output: null,
    },
    {
      name: 'keyed by rows a caller hands in',
      filename: 'lib/themes.js',
      code: "const fs = require('fs');\nconst path = require('path');\nconst THEME_DIR = path.join(__dirname, 'themes');\nconst themes = {};\nexports.onThemes = function (rows) {\n  rows.forEach((t) => {\n    themes[t.name] = t;\n  });\n};\n",
      errors: [{ messageId: 'onlyGrows', data: { name: "themes", what: "The module-level dictionary object `themes`", add: "themes[\u2026] = \u2026", remedy: "Use `boundedMap({ max, ttlMs })` from the runtime shim instead, or `delete` keys when they are done." }, line: 4, column: 7 }],
      output: null,
    },
    {
      name: 'the same themes added from a request handler',
      filename: 'lib/themes.js',
      code: "const themes = {};\nfunction makeTheme(pkg, info) {\n  return { name: encodeURIComponent(pkg), css: info.css };\n}\nfunction addTheme(pkg, info) {\n  const theme = makeTheme(pkg, info);\n  themes[theme.name] = theme;\n}\nexports.default = { addTheme };\n",
      files: { 'lib/packages.js': "const themes_1 = require('./themes');\nexports.onUpload = (req) => themes_1.default.addTheme(req.body.name, req.body);\n" },
      errors: [{ messageId: 'onlyGrows', data: { name: "themes", what: "The module-level dictionary object `themes`", add: "themes[\u2026] = \u2026", remedy: "Use `boundedMap({ max, ttlMs })` from the runtime shim instead, or `delete` keys when they are done." }, line: 1, column: 7 }],
      output: null,
    },
    {
      name: 'a module-level Map cache: the suggestion bounds it with boundedMap',
      code: "import { fetchUser } from './users';\n\nconst userCache = new Map<string, { name: string }>();\n\nexport async function getUser(id: string) {\n  const hit = userCache.get(id);\n  if (hit) return hit;\n  const user = await fetchUser(id);\n  userCache.set(id, user);\n  return user;\n}\n",
      files: { 'src/users.ts': 'export async function fetchUser(id: string) {\n  return { name: id };\n}\n', ...RUNTIME_STUB },
      config: SHIM,
      errors: [{
        message: onlyGrows('userCache', 'The module-level Map `userCache`', 'userCache.set(…)', 'Map'), line: 3, column: 7, endLine: 3, endColumn: 16,
        fixes: [{
          title: MAP_TITLE,
          output: "import { fetchUser } from './users';\nimport { boundedMap } from '@acme/runtime';\n\nconst userCache = boundedMap<string, { name: string }>({ max: 10_000, ttlMs: 3_600_000 });\n\nexport async function getUser(id: string) {\n  const hit = userCache.get(id);\n  if (hit) return hit;\n  const user = await fetchUser(id);\n  userCache.set(id, user);\n  return user;\n}\n",
        }],
      }],
      output: null,
      unsafeOutput: `import { fetchUser } from './users';
import { boundedMap } from '@acme/runtime';

const userCache = boundedMap<string, { name: string }>({ max: 10_000, ttlMs: 3_600_000 });

export async function getUser(id: string) {
  const hit = userCache.get(id);
  if (hit) return hit;
  const user = await fetchUser(id);
  userCache.set(id, user);
  return user;
}
`,
    },
    {
      name: 'an exported Set with adds here and no removal anywhere; options shape the suggestion',
      code: 'export const seenIds = new Set<string>();\nexport function markSeen(id: string) {\n  seenIds.add(id);\n}\n',
      files: { 'src/report.ts': "import { seenIds } from './test-case';\nexport function count() {\n  return [...seenIds].length;\n}\n", ...RUNTIME_STUB },
      config: SHIM,
      options: { max: 500, ttlMs: 0 },
      errors: [{
        messageId: 'onlyGrows', data: { name: 'seenIds', what: 'The module-level Set `seenIds`', add: 'seenIds.add(…)', remedy: 'Bound it: `boundedSet({ max, ttlMs })` from the runtime shim evicts the oldest value and expires old ones; or delete values when they are done.' }, line: 1, column: 14,
        fixes: [{
          title: "Bound it with the runtime shim's `boundedSet({ max: 500 })`",
          output: "import { boundedSet } from '@acme/runtime';\n\nexport const seenIds = boundedSet<string>({ max: 500 });\nexport function markSeen(id: string) {\n  seenIds.add(id);\n}\n",
        }],
      }],
      output: null,
      unsafeOutput: `import { boundedSet } from '@acme/runtime';

export const seenIds = boundedSet<string>({ max: 500 });
export function markSeen(id: string) {
  seenIds.add(id);
}
`,
    },
    {
      name: 'an untyped new Map() keeps Map<any, any>',
      code: 'const hits = new Map();\nexport function hit(path: string) {\n  hits.set(path, (hits.get(path) ?? 0) + 1);\n}\n',
      files: RUNTIME_STUB,
      config: SHIM,
      errors: [{
        messageId: 'onlyGrows', line: 1, column: 7,
        fixes: [{ title: MAP_TITLE, output: "import { boundedMap } from '@acme/runtime';\n\nconst hits = boundedMap<any, any>({ max: 10_000, ttlMs: 3_600_000 });\nexport function hit(path: string) {\n  hits.set(path, (hits.get(path) ?? 0) + 1);\n}\n" }],
      }],
      output: null,
      unsafeOutput: `import { boundedMap } from '@acme/runtime';

const hits = boundedMap<any, any>({ max: 10_000, ttlMs: 3_600_000 });
export function hit(path: string) {
  hits.set(path, (hits.get(path) ?? 0) + 1);
}
`,
    },
    {
      name: 'a header that only mentions copying, not from another package, keeps the file linted',
      filename: 'src/modules/tz/index.js',
      code: "/**\n * Formatters, copied into a cache so they are built once per zone.\n */\nconst formatCache = {};\nexport function formatter(zone) {\n  if (!formatCache[zone]) formatCache[zone] = new Intl.DateTimeFormat('en-US', { timeZone: zone });\n  return formatCache[zone];\n}\n",
      errors: [{ messageId: 'onlyGrows', line: 4, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'keyed through nested functions by the address of every client that connects',
      filename: 'proxy.js',
      code: "const net = require('net');\nconst nodeStatus = {};\nloadConfig(process.argv[2], (config) => {\n  function markDown(id) {\n    nodeStatus[id] = (nodeStatus[id] || 0) + 1;\n  }\n  function check(peer) {\n    const id = peer.remoteAddress + ':' + peer.remotePort;\n    peer.on('error', () => markDown(id));\n  }\n  net.createServer((socket) => check(socket)).listen(config.port);\n});\nfunction loadConfig(file, cb) {\n  cb(require(file));\n}\n",
      errors: [{ messageId: 'onlyGrows', line: 2, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'listeners added at load and also from a function that runs per connection',
      filename: 'lib/configuration.js',
      code: "const listeners = [];\nconst addPreProcessor = (fn) => {\n  listeners.push(fn);\n};\nconst configure = (config) => {\n  listeners.forEach((l) => l(config));\n};\nmodule.exports = { addPreProcessor, configure };\n",
      files: {
        'lib/levels.js': "const configuration = require('./configuration');\nconfiguration.addPreProcessor((config) => console.log(config.levels));\n",
        'lib/server.js': "const net = require('net');\nconst configuration = require('./configuration');\nnet.createServer((socket) => {\n  configuration.addPreProcessor((config) => socket.write(JSON.stringify(config)));\n}).listen(5000);\n",
      },
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'a table that starts with factories but stores data keyed by request values',
      filename: 'lib/formats.js',
      code: "const formats = {\n  plain: { type: 'plain' },\n};\nmodule.exports = {\n  remember(req) {\n    formats[req.query.name] = { type: req.query.type };\n  },\n};\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'a cache of objects made from each key, keyed by the key itself',
      filename: 'src/wrap.js',
      code: "const wrappers = {};\nclass Wrapper {\n  constructor(id) {\n    this.id = id;\n  }\n}\nfunction wrap(id) {\n  if (!wrappers[id]) wrappers[id] = new Wrapper(id);\n  return wrappers[id];\n}\nmodule.exports = { wrap };\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'the same forEach fill inside a function called per request still grows',
      filename: 'lib/hosts.js',
      code: "const byHost = {};\nfunction remember(req) {\n  req.body.hosts.forEach((host) => {\n    byHost[host.toLowerCase()] = req.user;\n  });\n}\nmodule.exports = { remember };\n",
      errors: [{ messageId: 'onlyGrows', line: 1, column: 7, suggestions: [] }],
      output: null,
    },
    {
      name: 'a module-level array pushed per request, in a JS file: no suggestion for arrays',
      filename: 'src/audit.js',
      code: "const events = [];\nfunction onRequest(req) {\n  events.push({ path: req.url, at: Date.now() });\n}\nmodule.exports = { onRequest };\n",
      errors: [{ messageId: 'onlyGrows', data: { name: 'events', what: 'The module-level array `events`', add: 'events.push(…)', remedy: 'Cap it: drop the oldest items (`shift()`, `splice(0, n)`) once it passes a limit, or empty it once its items are handled.' }, line: 1, column: 7, fixes: [] }],
      output: null,
    },
    {
      name: 'a dictionary object filled by computed keys in a callback',
      code: "import { EventEmitter } from 'node:events';\nexport const bus = new EventEmitter();\nconst lastSeen: Record<string, number> = {};\nbus.on('ping', (id: string) => {\n  lastSeen[id] = Date.now();\n});\n",
      errors: [{ messageId: 'onlyGrows', data: { name: 'lastSeen', what: 'The module-level dictionary object `lastSeen`', add: 'lastSeen[…] = …', remedy: 'Use `boundedMap({ max, ttlMs })` from the runtime shim instead, or `delete` keys when they are done.' }, line: 3, column: 7 }],
      output: null,
    },
    {
      name: 'a member of a singleton class, reported at the field',
      code: 'class RateTracker {\n  private readonly counts = new Map<string, number>();\n  hit(ip: string) {\n    this.counts.set(ip, (this.counts.get(ip) ?? 0) + 1);\n  }\n}\nexport const tracker = new RateTracker();\n',
      errors: [{ messageId: 'onlyGrows', data: { name: 'this.counts', what: 'The Map `this.counts` of `RateTracker`, instantiated once at module level,', add: 'this.counts.set(…)', remedy: 'Bound it: `boundedMap({ max, ttlMs })` from the runtime shim evicts the least recently used entry and expires old ones; or delete entries when they are done.' }, line: 2, column: 20, endLine: 2, endColumn: 26 }],
      output: null,
      unsafeOutput: `import { boundedMap } from './stability-runtime';

class RateTracker {
  private readonly counts = boundedMap<string, number>({ max: 10_000, ttlMs: 3_600_000 });
  hit(ip: string) {
    this.counts.set(ip, (this.counts.get(ip) ?? 0) + 1);
  }
}
export const tracker = new RateTracker();
`,
    },
    {
      name: 'a singleton member created in the constructor, added to through the instance',
      code: 'class Subscriptions {\n  private listeners: Set<(m: string) => void>;\n  constructor() {\n    this.listeners = new Set();\n  }\n  emit(m: string) {\n    for (const l of this.listeners) l(m);\n  }\n}\nexport const subs = new Subscriptions();\nexport function subscribe(fn: (m: string) => void) {\n  (subs as any).listeners.add(fn);\n}\n',
      errors: [{ messageId: 'onlyGrows', line: 4, column: 5 }],
      output: null,
      unsafeOutput: `import { boundedSet } from './stability-runtime';

class Subscriptions {
  private listeners: Set<(m: string) => void>;
  constructor() {
    this.listeners = boundedSet({ max: 10_000, ttlMs: 3_600_000 });
  }
  emit(m: string) {
    for (const l of this.listeners) l(m);
  }
}
export const subs = new Subscriptions();
export function subscribe(fn: (m: string) => void) {
  (subs as any).listeners.add(fn);
}
`,
    },
    {
      name: 'a static member',
      code: 'export class Tokens {\n  static revoked = new Set<string>();\n  static revoke(t: string) {\n    this.revoked.add(t);\n  }\n}\n',
      errors: [{ messageId: 'onlyGrows', data: { name: 'Tokens.revoked', what: 'The static Set `Tokens.revoked`', add: 'this.revoked.add(…)', remedy: 'Bound it: `boundedSet({ max, ttlMs })` from the runtime shim evicts the oldest value and expires old ones; or delete values when they are done.' }, line: 2, column: 10 }],
      output: null,
      unsafeOutput: `import { boundedSet } from './stability-runtime';

export class Tokens {
  static revoked = boundedSet<string>({ max: 10_000, ttlMs: 3_600_000 });
  static revoke(t: string) {
    this.revoked.add(t);
  }
}
`,
    },
    {
      name: 'a private #field of a default-exported singleton',
      code: 'class Store {\n  #byId = new Map<string, object>();\n  save(id: string, o: object) {\n    this.#byId.set(id, o);\n  }\n}\nexport default new Store();\n',
      errors: [{ messageId: 'onlyGrows', data: { name: 'this.#byId', what: 'The Map `this.#byId` of `Store`, instantiated once at module level,', add: 'this.#byId.set(…)', remedy: 'Bound it: `boundedMap({ max, ttlMs })` from the runtime shim evicts the least recently used entry and expires old ones; or delete entries when they are done.' }, line: 2, column: 3 }],
      output: null,
      unsafeOutput: "import { boundedMap } from './stability-runtime';\n\nclass Store {\n  #byId = boundedMap<string, object>({ max: 10_000, ttlMs: 3_600_000 });\n  save(id: string, o: object) {\n    this.#byId.set(id, o);\n  }\n}\nexport default new Store();\n",
    },
    {
      name: 'a key made of a parameter one caller fills with request data',
      filename: 'src/sessions.js',
      code: "const sessionCaches = new Map();\nexports.onSessionStart = (sessionId, cwd) => {\n  sessionCaches.set(sessionId, { cwd, at: Date.now() });\n};\nexports.get = (id) => sessionCaches.get(id);\n",
      files: { 'src/hooks.js': "const { onSessionStart } = require('./sessions');\nexports.SessionStart = (input) => onSessionStart(input.session_id, input.cwd);\nexports.Boot = () => onSessionStart('boot', '/');\n" },
      errors: [{ messageId: 'onlyGrows', data: { name: 'sessionCaches', what: 'The module-level Map `sessionCaches`', add: 'sessionCaches.set(…)', remedy: 'Bound it: `boundedMap({ max, ttlMs })` from the runtime shim evicts the least recently used entry and expires old ones; or delete entries when they are done.' }, line: 1, column: 7 }],
      output: null,
      unsafeOutput: "const { boundedMap } = require('../stability-runtime.cjs');\n\nconst sessionCaches = boundedMap({ max: 10_000, ttlMs: 3_600_000 });\nexports.onSessionStart = (sessionId, cwd) => {\n  sessionCaches.set(sessionId, { cwd, at: Date.now() });\n};\nexports.get = (id) => sessionCaches.get(id);\n",
    },
    {
      name: 'a seen-set that also does the work is no warn-once set',
      code: "declare function notify(id: string): Promise<void>;\nconst notified = new Set<string>();\nexport async function notifyOnce(id: string) {\n  if (notified.has(id)) return;\n  notified.add(id);\n  console.warn(`notifying ${id}`);\n  await notify(id);\n}\n",
      errors: [{ messageId: 'onlyGrows', line: 2, column: 7 }],
      output: null,
      unsafeOutput: "import { boundedSet } from './stability-runtime';\n\ndeclare function notify(id: string): Promise<void>;\nconst notified = boundedSet<string>({ max: 10_000, ttlMs: 3_600_000 });\nexport async function notifyOnce(id: string) {\n  if (notified.has(id)) return;\n  notified.add(id);\n  console.warn(`notifying ${id}`);\n  await notify(id);\n}\n",
    },
    {
      name: 'a listener keyed by the payload of an ordinary event, not by event names',
      filename: 'src/seen.js',
      code: "const { EventEmitter } = require('events');\nconst bus = new EventEmitter();\nconst lastSeen = {};\nbus.on('ping', function (id) {\n  lastSeen[id] = Date.now();\n});\nmodule.exports = bus;\n",
      errors: [{ messageId: 'onlyGrows', line: 3, column: 7 }],
      output: null,
    },
    {
      name: 'the same cache when the default falls back to a helper instead of throwing: any value is a key (near-miss of confluent-schema-registry, check 56)',
      filename: 'dist/schemaTypeResolver.js',
      code: SCHEMA_HELPERS('{ helper = new AvroHelper(); break; }'),
      files: { 'package.json': SCHEMA_PACKAGE },
      errors: [{ messageId: 'onlyGrows', line: 3, column: 7 }],
    },
    {
      name: 'the same logger registry when a caller passes a name it is handed (near-miss of chia-agent, check 56)',
      filename: 'logger.js',
      code: CHIA_LOGGER,
      files: { 'package.json': '{ "name": "chia-agent", "main": "index.js" }', 'daemon/index.js': chiaCaller('name') },
      errors: [{ messageId: 'onlyGrows', line: 2, column: 7 }],
    },
  ],
});

it('unbounded-collection: the message opens with one sentence under 100 characters, at the longest name', () => {
  const first = rule.meta.messages.onlyGrows.split('\n')[0].replace('{{name}}', 'x'.repeat(24));
  assert.ok(first.length < 100, `${first.length} characters: ${first}`);
  assert.ok(rule.meta.messages.onlyGrows.includes('\n'));
});
