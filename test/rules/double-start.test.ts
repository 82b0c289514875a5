import rule from '../../rules/double-start';
import { runRuleTests } from '../rule-tester';

const SECOND = 'A second call (a retry after a failed boot, a test harness, two code paths that each start the service)';
const timerMessage = (method: string, what: string, guard: string) =>
  `A second \`${method}()\` starts a second timer: return early when already started.\n` +
  `\`${what}\` runs on every call. ${SECOND} starts another timer and overwrites the handle of the first, ` +
  'which can then never be cleared: the work runs twice as often, and the process never exits on shutdown. ' +
  `Return early when already started (\`${guard}\`) or wrap the method in \`once\`.`;

const todo = (guard: string) => `Return early when already started (\`${guard}\`) or wrap the method in \`once\`.`;
const serverMessage = (method: string, what: string, guard: string) =>
  `A second \`${method}()\` opens the server again: return early when already started.\n` +
  `\`${what}\` runs on every call. ${SECOND} listens again and fails with EADDRINUSE, or leaks the first server, ` +
  `which keeps its port and connections. ${todo(guard)}`;
const listenerMessage = (method: string, what: string, guard: string) =>
  `A second \`${method}()\` adds the listener again: return early when already started.\n` +
  `\`${what}\` runs on every call. ${SECOND} registers it again, so every event is handled twice (two replies, two writes) ` +
  `and listeners pile up until MaxListenersExceededWarning. ${todo(guard)}`;
const loopMessage = (method: string, what: string, guard: string) =>
  `A second \`${method}()\` starts a second loop: return early when already started.\n` +
  `\`${what}\` runs on every call. ${SECOND} starts another loop alongside the first, so each job is picked up twice and ` +
  `the load doubles. ${todo(guard)}`;
const resourceMessage = (method: string, what: string, guard: string) =>
  `A second \`${method}()\` leaks what the first one created: return early when already started.\n` +
  `\`${what}\` runs on every call. ${SECOND} creates another and overwrites the first, which keeps running with no handle ` +
  `left to close it. ${todo(guard)}`;

/**
 * straightforward's proxy (check 51) as esbuild writes it: the http server made in the constructor
 * through `__toESM(require("http"))`, and `listen()` whose body is LISTEN.
 */
const straightforward = (listen: string, http = 'var import_http = __toESM(require("http"));\n'): string =>
  '"use strict";\nvar __create = Object.create;\nvar __getProtoOf = Object.getPrototypeOf;\n' +
  'var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, mod);\n' +
  http + 'var import_events = require("events");\n' +
  'class Straightforward extends import_events.EventEmitter {\n' +
  '  constructor() {\n    super();\n    this.server = import_http.default.createServer();\n  }\n' +
  '  async listen(port = 9191) {\n' + listen + '  }\n' +
  '  _onRequest(req, res) {}\n  _onConnect(req, socket) {}\n  _onUncaughtException(err) {}\n' +
  '  close() {\n    this.server.close();\n  }\n}\nmodule.exports = Straightforward;\n';
/** What --fix makes of straightforward's class: a `#started` guard at the top of listen(), reset by close(). */
const guardedStraightforward = (code: string): string => code
  .replace('EventEmitter {\n', 'EventEmitter {\n  #started = false;\n')
  .replace('  async listen(port = 9191) {\n', '  async listen(port = 9191) {\n    if (this.#started) return;\n    this.#started = true;\n')
  .replace('    this.server.close();\n', '    this.server.close();\n    this.#started = false;\n');
const STRAIGHTFORWARD_ON_FIRST =
  '    this.server.on("request", this._onRequest.bind(this));\n' +
  '    this.server.on("connect", this._onConnect.bind(this));\n' +
  '    process.on("uncaughtException", this._onUncaughtException.bind(this));\n' +
  '    return new Promise((resolve) => this.server.listen(port, () => resolve(this)));\n';

/** A client that starts its session manager from a sync listener; REMOVE is what the listener does after the start. */
const RTC_CLIENT = `import { EventEmitter } from 'node:events';
class SessionManager {
  constructor(private client: EventEmitter) {}
  start(): void {
    this.client.on('room', this.onRoom);
  }
  stop(): void {
    this.client.off('room', this.onRoom);
  }
  private onRoom = (): void => {};
}
export class Client extends EventEmitter {
  readonly rtc: SessionManager;
  private running = false;
  constructor() {
    super();
    this.rtc = new SessionManager(this);
  }
  startClient(): void {
    if (this.running) return;
    this.running = true;
    this.on('sync', this.startRtc);
  }
  stopClient(): void {
    this.off('sync', this.startRtc);
    this.rtc.stop();
    this.running = false;
  }
  private startRtc = (): void => {
    if (this.listenerCount('room') >= 0) {
      this.rtc.start();
      REMOVE
    }
  };
}
`;

/** A client that makes its call handler in the constructor and drops it on stop; EXTRA is another member. */
const CALL_CLIENT = `import { EventEmitter } from 'node:events';
class CallHandler {
  constructor(private client: EventEmitter) {}
  start(): void {
    this.client.on('call', this.onCall);
  }
  stop(): void {
    this.client.removeListener('call', this.onCall);
  }
  private onCall = (): void => {};
}
export class Client extends EventEmitter {
  callHandler?: CallHandler;
  constructor() {
    super();
    this.callHandler = new CallHandler(this);
    this.on('sync', this.startCallHandler);
  }
  stopClient(): void {
    this.callHandler?.stop();
    this.callHandler = undefined;
  }
  EXTRA
  private startCallHandler = (): void => {
    this.callHandler!.start();
    this.off('sync', this.startCallHandler);
  };
}
`;

/** A transport made for each join and handed at once to a new owner, whose start() starts it; EXTRA is more of join(). */
const HANDED_TRANSPORT = `import { EventEmitter } from 'node:events';
class RoomKeyTransport {
  constructor(private room: EventEmitter) {}
  start(): void {
    this.room.on('timeline', this.onTimeline);
  }
  stop(): void {
    this.room.off('timeline', this.onTimeline);
  }
  private onTimeline = (): void => {};
}
class CombinedTransport {
  constructor(private roomKeys: RoomKeyTransport, private name: string) {}
  start(): void {
    this.roomKeys.start();
  }
  stop(): void {
    this.roomKeys.stop();
  }
}
export function join(room: EventEmitter): CombinedTransport {
  const roomKeys = new RoomKeyTransport(room);
  const transport = new CombinedTransport(roomKeys, 'keys');
  EXTRA
  return transport;
}
`;

/** A key transport in JavaScript, a function that makes one and hands it to a new Combined, and Combined (START_FROM starts it). */
const KEY_TRANSPORT_JS = "class KeyTransport {\n  constructor(room) {\n    this.room = room;\n  }\n  start() {\n    this.room.on('timeline', () => this.consume());\n  }\n  consume() {}\n}\nexports.KeyTransport = KeyTransport;\n";
const JOIN_JS = "const { KeyTransport } = require('./key-transport');\nconst { Combined } = require('./combined');\nexports.join = function (room) {\n  const keys = new KeyTransport(room);\n  return new Combined(keys);\n};\n";
const COMBINED_JS = "class Combined {\n  constructor(keys) {\n    this.keys = keys;\n  }\n  START_FROM() {\n    this.keys.start();\n  }\n}\nexports.Combined = Combined;\n";

/** Discord connectors of a bundle: BASE_LISTEN is what the base class has of listen(). */
const CONNECTORS = "var Connector = class {\n  constructor(client) {\n    this.client = client;\n  }\n  BASE_LISTEN\n  ready(nodes) {\n    this.nodes = nodes;\n  }\n};\nvar DiscordJS = class extends Connector {\n  listen(nodes) {\n    this.client.on('raw', (packet) => this.ready(nodes, packet));\n  }\n};\nvar Eris = class extends Connector {\n  listen(nodes) {\n    this.client.on('rawWS', (packet) => this.ready(nodes, packet));\n  }\n};\nmodule.exports = { DiscordJS, Eris };\n";

/** A dev server interface its manager keeps in a list (hubspot-cli's DevServerManager). */
const APP_SERVER_JS = "class AppServer {\n  constructor(state) {\n    this.state = state;\n    this.onNodes = () => {};\n  }\n  async start() {\n    this.state.addListener('nodes', this.onNodes);\n  }\n  async cleanup() {\n    this.state.removeListener('nodes', this.onNodes);\n  }\n}\nmodule.exports = AppServer;\n";
/** START_EACH: how the manager's start() reaches each server of its list. */
const SERVER_MANAGER_JS = "const AppServer = require('./app-server');\nconst UiServer = require('./ui-server');\nclass ServerManager {\n  constructor(state) {\n    const apps = new AppServer(state);\n    const ui = new UiServer(state);\n    this.servers = [apps, ui];\n  }\n  async each(callback) {\n    await Promise.all(this.servers.map((server) => callback(server)));\n  }\n  async start() {\n    START_EACH\n  }\n  async cleanup() {\n    await this.each(async (server) => {\n      if (server.cleanup) await server.cleanup();\n    });\n  }\n}\nmodule.exports = ServerManager;\n";
const UI_SERVER_JS = "class UiServer {\n  constructor(state) {\n    this.state = state;\n  }\n}\nmodule.exports = UiServer;\n";

/** A trigger on a serial stream that its one caller makes, fills and starts once the port has opened (particle-cli's SerialTrigger). */
const SERIAL_TRIGGER_JS = "const EventEmitter = require('events').EventEmitter;\nclass SerialTrigger extends EventEmitter {\n  constructor(port, stream) {\n    super();\n    this.port = port;\n    this.stream = stream;\n    this.triggers = {};\n  }\n  addTrigger(prompt, next) {\n    this.triggers[prompt] = next;\n  }\n  start() {\n    this.dataCallback = (data) => this.match(String(data));\n    this.stream.on('data', this.dataCallback);\n  }\n  stop() {\n    this.stream.removeListener('data', this.dataCallback);\n  }\n  match(data) {\n    return this.triggers[data];\n  }\n}\nmodule.exports = SerialTrigger;\n";
/** OPEN: how the caller waits for the port before starting the trigger. */
const SERIAL_JS = "const SerialTrigger = require('../lib/serial-trigger');\nfunction configureWifi(serialPort, parser) {\n  return new Promise((resolve, reject) => {\n    const serialTrigger = new SerialTrigger(serialPort, parser);\n    serialTrigger.addTrigger('SSID:', (cb) => cb('home'));\n    serialTrigger.addTrigger('Password:', (cb) => cb('secret'));\n    OPEN((err) => {\n      if (err) {\n        return reject(err);\n      }\n      serialTrigger.start();\n      resolve();\n    });\n  });\n}\nmodule.exports = configureWifi;\n";

/**
 * hap-controller's GATT connection (check 39): `connect()` returns early on the state of the
 * peripheral it holds; `test` is that first condition.
 */
const GATT_CONNECTION = (test: string) => "const { EventEmitter } = require('events');\n" +
  "class GattConnection extends EventEmitter {\n" +
  "  constructor(peripheral) {\n" +
  "    super();\n" +
  "    this.peripheral = peripheral;\n" +
  "  }\n" +
  "  async connect() {\n" +
  "    if (" + test + ") {\n" +
  "      return;\n" +
  "    }\n" +
  "    if (this.peripheral.state !== 'disconnected') {\n" +
  "      await this.peripheral.disconnectAsync();\n" +
  "    }\n" +
  "    await this.peripheral.connectAsync();\n" +
  "    this.emit('connected');\n" +
  "    this.peripheral.once('disconnect', () => {\n" +
  "      this.emit('disconnected');\n" +
  "    });\n" +
  "  }\n" +
  "}\n" +
  "module.exports = GattConnection;\n";

// @ipshipyard/libp2p-auto-tls's DomainMapper (check 53): listeners added in start(), removed in stop();
// `guarded` is the class as the fix leaves it.
const DOMAIN_MAPPER = (start: string, { emitter = false, guarded = false } = {}): string => {
  const events = emitter ? 'EventEmitter' : 'TypedEventTarget<Record<string, Event>>';
  const imports = emitter ? "import type { EventEmitter } from 'node:events';" : "import type { TypedEventTarget } from '@libp2p/interface';";
  return `${imports}

export class DomainMapper {
${guarded ? '  #started = false;\n' : ''}  private readonly events: ${events};

  constructor (events: ${events}) {
    this.events = events;
    this.onCertificate = this.onCertificate.bind(this);
    this.onSelfUpdate = this.onSelfUpdate.bind(this);
  }

  start (): void {
${guarded ? '    if (this.#started) return;\n    this.#started = true;\n' : ''}${start}  }

  stop (): void {
    this.events.removeEventListener('self:peer:update', this.onSelfUpdate);
    this.events.removeEventListener('certificate:provision', this.onCertificate);
${guarded ? '    this.#started = false;\n' : ''}  }

  onSelfUpdate (): void {}
  onCertificate (): void {}
}
`;
};

runRuleTests(rule, {
  valid: [
    {
      name: 'addEventListener of the bound methods the constructor keeps on the object: EventTarget adds an identical listener once (libp2p-auto-tls, check 53)',
      code: DOMAIN_MAPPER("    this.events.addEventListener('self:peer:update', this.onSelfUpdate);\n" +
        "    this.events.addEventListener('certificate:provision', this.onCertificate);\n"),
    },
    {
      name: 'listen() run only from a setTimeout(…, 0) the constructor arms: once per object (modbus-stream, check 46)',
      filename: 'lib/transport/transport.js',
      code: "var EventEmitter = require('events').EventEmitter;\nvar util = require('util');\n\nfunction BaseTransport(stream) {\n  EventEmitter.call(this);\n  this.stream = stream;\n  setTimeout(function () {\n    this.listen();\n  }.bind(this), 0);\n}\nutil.inherits(BaseTransport, EventEmitter);\n\nBaseTransport.prototype.listen = function () {\n  var transport = this;\n  this.stream.on('data', function (data) {\n    transport.emit('request', data);\n  });\n};\n\nmodule.exports = BaseTransport;\n",
    },
    {
      name: 'listen() that hands the express server back to its caller, keeping nothing on `this`: the caller owns it (@atproto/xrpc-server, check 47)',
      code: "import express from 'express';\n\nexport class XrpcServer {\n  router = express();\n\n  listen(port: number, callback?: () => void) {\n    return this.router.listen(port, callback);\n  }\n}\n",
    },
    {
      name: 'a connect() returning early while the peripheral it holds is connected (hap-controller, check 39)',
      filename: 'lib/transport/ble/gatt-connection.js',
      code: GATT_CONNECTION("this.peripheral.state === 'connected'"),
    },
    {
      name: 'a throwing guard on a state getter the base class keeps (`if (!this.unconnected) throw`), in a subclass that neither declares nor assigns it (dank-twitch-irc, check 34)',
      filename: 'lib/client/connection.ts',
      files: { 'lib/client/base-client.ts': "import { EventEmitter } from 'node:events';\n\nexport abstract class BaseClient extends EventEmitter {\n  public state = 0;\n  public get unconnected(): boolean {\n    return this.state === 0;\n  }\n  public emitConnecting(): void { this.state = 1; this.emit('connecting'); }\n  public emitConnected(): void { this.state = 2; this.emit('connect'); }\n  public emitReady(): void { this.state = 3; this.emit('ready'); }\n}\n" },
      code: "import { BaseClient } from './base-client';\n\nexport class SingleConnection extends BaseClient {\n  constructor(private readonly transport: { connect(cb: () => void): void }) {\n    super();\n  }\n\n  public connect(): void {\n    if (!this.unconnected) {\n      throw new Error('connect() may only be called on unconnected connections');\n    }\n    this.emitConnecting();\n    this.once('connect', () => process.nextTick(() => this.emitReady()));\n    this.transport.connect(() => this.emitConnected());\n  }\n}\n",
    },
    {
      name: "an assertion on the started state at the top throws on a second call (mswjs: invariant(!this.realWebSocket, 'already open'))",
      filename: 'src/interceptors/WebSocket/WebSocketServerConnection.ts',
      code: "import { invariant } from 'outvariant';\n\nexport class ServerConnection {\n  private realWebSocket?: WebSocket;\n\n  constructor(private readonly client: EventTarget, private readonly url: string) {}\n\n  public connect(): void {\n    invariant(!this.realWebSocket, 'Failed to call \"connect()\": the connection is already open');\n    const realWebSocket = new WebSocket(this.url);\n    this.client.addEventListener('close', () => realWebSocket.close());\n    this.realWebSocket = realWebSocket;\n  }\n}\n",
    },
    {
      name: "a start whose once listener only settles the deferred it returns (zigbee-shepherd's controller): a completion wait, nothing stays",
      filename: 'lib/components/controller.js',
      code: "var EventEmitter = require('events').EventEmitter;\nvar util = require('util');\nvar Q = require('q');\nfunction Controller(znp, cfg) {\n  EventEmitter.call(this);\n  this._znp = znp;\n  this._cfg = cfg;\n}\nutil.inherits(Controller, EventEmitter);\nController.prototype.start = function (callback) {\n  var self = this,\n    deferred = Q.defer(),\n    readyLsn;\n  readyLsn = function (err) {\n    return err ? deferred.reject(err) : deferred.resolve();\n  };\n  this.once('ZNP:INIT', readyLsn);\n  Q.ninvoke(this._znp, 'init', this._cfg).fail(function (err) {\n    self.removeListener('ZNP:INIT', readyLsn);\n    deferred.reject(err);\n  }).done();\n  return deferred.promise.nodeify(callback);\n};\nmodule.exports = Controller;\n",
    },
    {
      name: "a constructor-function service filling in its base's start hook (util.inherits; the base's start only calls back): the project's framework starts it",
      filename: 'lib/services/web.js',
      code: "var http = require('http');\nvar inherits = require('util').inherits;\nvar BaseService = require('../service');\nfunction WebService(options) {\n  BaseService.call(this, options);\n  this.port = options.port;\n}\ninherits(WebService, BaseService);\nWebService.prototype.start = function(callback) {\n  this.server = http.createServer(this.app);\n  this.server.listen(this.port);\n  setImmediate(callback);\n};\nWebService.prototype.stop = function(callback) {\n  this.server.close();\n  setImmediate(callback);\n};\nmodule.exports = WebService;\n",
      files: {
        'lib/service.js': "var EventEmitter = require('events').EventEmitter;\nvar util = require('util');\nfunction Service(options) {\n  EventEmitter.call(this);\n  this.node = options.node;\n}\nutil.inherits(Service, EventEmitter);\nService.prototype.start = function(done) {\n  setImmediate(done);\n};\nService.prototype.stop = function(done) {\n  setImmediate(done);\n};\nmodule.exports = Service;\n",
      },
    },
    {
      name: "a method called only from an init() whose first step replaces init on the object (`this.init = function() {};`, tty.js): runs once per object",
      filename: 'lib/tty.js',
      code: `var http = require('http');
function Server(conf) {
  this.conf = conf;
  this.server = http.createServer();
  this.init();
}
Server.prototype.init = function() {
  this.init = function() {};
  if (this.conf.localOnly) this.initLocal();
  this.initRoutes();
};
Server.prototype.initLocal = function() {
  var self = this;
  this.server.on('connection', function(socket) {
    if (socket.remoteAddress !== '127.0.0.1') socket.destroy();
    self.refused = (self.refused || 0) + 1;
  });
};
Server.prototype.initRoutes = function() {
  this.routes = {};
};
module.exports = Server;
`,
    },
    {
      name: "an init() the project calls, that replaces itself on the object first and then adds a listener: runs once per object",
      filename: 'lib/tty.js',
      code: `var http = require('http');
function Server(conf) {
  this.conf = conf;
  this.server = http.createServer();
}
Server.prototype.init = function() {
  this.init = function() {};
  this.server.on('request', (req, res) => res.end());
  this.initRoutes();
};
Server.prototype.initRoutes = function() {
  this.routes = {};
};
module.exports = Server;
`,
    },
    {
      name: "a start() whose only listener is an 'error' handler that only logs (pomelo's master console): a second one would log twice, nothing more",
      filename: 'lib/master/master.js',
      code: `var admin = require('pomelo-admin');
var Server = function(app, opts) {
  this.app = app;
  this.masterConsole = admin.createMasterConsole(opts);
};
module.exports = Server;
Server.prototype.start = function(cb) {
  this.masterConsole.start(cb);
  this.masterConsole.on('error', function(err) {
    if (!!err) {
      logger.error('masterConsole encounters with error: ' + err.stack);
      return;
    }
  });
  
};
Server.prototype.stop = function(cb) {
  this.masterConsole.stop(cb);
};
`,
    },
    {
      name: "a trigger its one caller makes, fills with addTrigger(…) and starts in the port's open((err) => …) completion callback: started once per object",
      filename: 'src/lib/serial-trigger.js',
      code: SERIAL_TRIGGER_JS,
      files: { 'src/cmd/serial.js': SERIAL_JS.replace('OPEN', 'serialPort.open') },
    },
    {
      name: "a dev server its manager made in its constructor and keeps in a list, started through the manager's walk of the list from its start() (hubspot-cli's DevServerManager)",
      filename: 'lib/app-server.js',
      code: APP_SERVER_JS,
      files: {
        'lib/ui-server.js': UI_SERVER_JS,
        'lib/server-manager.js': SERVER_MANAGER_JS.replace('START_EACH', 'await this.each(async (server) => {\n      if (server.start) await server.start();\n    });'),
      },
    },
    {
      name: 'the same list walked in place with for … of in the manager\'s start()',
      filename: 'lib/app-server.js',
      code: APP_SERVER_JS,
      files: {
        'lib/ui-server.js': UI_SERVER_JS,
        'lib/server-manager.js': SERVER_MANAGER_JS.replace('START_EACH', 'for (const server of this.servers) await server.start();'),
      },
    },
    {
      name: "a subscribe call put off until the bus is ready (`if (!this.initialized) return this.on('ready', listen.bind(this, queue, callback))`): each call defers itself once (servicebus)",
      filename: 'bus/bus.js',
      code: `const EventEmitter = require('events').EventEmitter;
const util = require('util');
function Bus(channel) {
  EventEmitter.call(this);
  this.channel = channel;
  this.initialized = false;
  this.queues = {};
}
util.inherits(Bus, EventEmitter);
Bus.prototype.listen = function listen(queueName, callback) {
  if (!this.initialized) {
    return this.on('ready', listen.bind(this, queueName, callback));
  }
  this.channel.consume(queueName, (message) => callback(message.content));
};
module.exports = Bus;
`,
    },
    {
      name: "a subscription whose listener only hands each event to the caller's handler (`(msg) => callback(msg.content)`)",
      code: `import type { EventEmitter } from 'node:events';
export class Topics {
  constructor(private readonly bus: EventEmitter) {}

  listen(topic: string, callback: (content: unknown) => void) {
    this.bus.on(\`message:\${topic}\`, (msg: { content: unknown }) => callback(msg.content));
  }
}
`,
    },
    {
      name: 'a hook whose abstract declaration the compiler erased: every subclass of the bundle defines listen(), the base does not',
      filename: 'lib/connectors.js',
      code: CONNECTORS.replace('  BASE_LISTEN\n', ''),
    },
    {
      name: 'made per join and handed at once to a new owner that starts its constructor parameter from its own start()',
      code: HANDED_TRANSPORT.replace('EXTRA', ''),
    },
    {
      name: 'the same in JavaScript, over three files: the owner keeps the parameter with this.keys = keys',
      filename: 'lib/key-transport.js',
      code: KEY_TRANSPORT_JS,
      files: { 'lib/join.js': JOIN_JS, 'lib/combined.js': COMBINED_JS.replace('START_FROM', 'start') },
    },
    {
      name: "started from a listener that the owner's guarded start registers and that removes itself right after the start",
      code: RTC_CLIENT.replace('REMOVE', "this.off('sync', this.startRtc);"),
    },
    {
      name: 'made in the constructor, started once by a self-removing listener, and only emptied on stop',
      code: CALL_CLIENT.replace('EXTRA', ''),
    },
    {
      name: 'a factory that makes the server and starts it once, on one of two exclusive paths',
      code: `import http from 'node:http';
export class TestServer {
  server?: http.Server;
  constructor(readonly port: number) {}
  start(callback: (err?: Error) => void) {
    this.server = http.createServer((req, res) => res.end('ok'));
    this.server.listen(this.port, () => callback());
  }
}
export function startServer(port: number, callback?: (err?: Error) => void) {
  const server = new TestServer(port);
  if (callback) {
    return server.start(callback);
  }
  return new Promise<void>((resolve, reject) => {
    server.start((err) => (err ? reject(err) : resolve()));
  });
}
`,
    },
    {
      name: 'guard through an accessor the caller hands in: `if (deps.getIsRunning()) return;`',
      code: `import { createServer, type Server } from 'node:http';
export class Lifecycle {
  private server?: Server;

  async start(deps: { getIsRunning(): boolean }) {
    if (deps.getIsRunning()) {
      console.warn('already running');
      return;
    }
    this.server = createServer();
    this.server.listen(8080);
  }

  stop() {
    this.server?.close();
  }
}
`,
    },
    {
      name: 'guard: early return on the field the method fills',
      code: `export class Poller {
  private timer?: NodeJS.Timeout;

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.poll(), 1000);
  }

  poll() {}
}
`,
    },
    {
      name: 'guard: throw on a started flag the method sets',
      code: `import http from 'node:http';

export class Api {
  private started = false;
  private server = http.createServer();

  listen(port: number) {
    if (this.started) throw new Error('already listening');
    this.started = true;
    this.server.listen(port);
  }
}
`,
    },
    {
      name: 'guard: the creation runs only while the field is empty',
      code: `export class Poller {
  private timer: NodeJS.Timeout | undefined;

  start() {
    if (!this.timer) {
      this.timer = setInterval(() => this.poll(), 1000);
    }
  }

  poll() {}
}
`,
    },
    {
      name: 'guard: memoized start promise; the private starter runs only through ??=',
      code: `import http from 'node:http';

export class Api {
  #starting?: Promise<void>;
  private server?: http.Server;

  start(): Promise<void> {
    return (this.#starting ??= this.#start());
  }

  async #start() {
    this.server = http.createServer();
    await new Promise<void>((resolve) => this.server!.listen(3000, resolve));
  }
}
`,
    },
    {
      name: 'once: the method is a property wrapped in once()',
      code: `import { once } from './stability-runtime';

export class Poller {
  private timer?: NodeJS.Timeout;
  start = once(() => {
    this.timer = setInterval(() => undefined, 1000);
  });
}
`,
      files: { 'src/stability-runtime.ts': 'export function once<T extends (...a: any[]) => any>(fn: T): T { return fn; }\n' },
    },
    {
      name: 'once: rebound through once() in the constructor (CommonJS)',
      filename: 'src/bus.js',
      code: `const once = require('lodash.once');

class Bus {
  constructor() {
    this.init = once(this.init.bind(this));
  }

  init() {
    process.on('message', (m) => this.handle(m));
  }

  handle() {}
}

module.exports = { Bus };
`,
    },
    {
      name: 'restart: the previous timer is cleared first',
      code: `export class Poller {
  private timer?: NodeJS.Timeout;

  start(ms: number) {
    clearInterval(this.timer);
    this.timer = setInterval(() => undefined, ms);
  }
}
`,
    },
    {
      name: 'restart: stop() runs first',
      code: `export class Poller {
  private timer?: NodeJS.Timeout;

  start() {
    this.stop();
    this.timer = setInterval(() => undefined, 1000);
  }

  stop() {
    clearInterval(this.timer);
  }
}
`,
    },
    {
      name: 'memoized field: ??= creates the timer only once',
      code: `export class Poller {
  private timer?: NodeJS.Timeout;

  start() {
    this.timer ??= setInterval(() => undefined, 1000);
  }
}
`,
    },
    {
      name: 'guard: server.listening',
      code: `import http from 'node:http';

export class Api {
  private server = http.createServer();

  listen(port: number) {
    if (this.server.listening) return;
    this.server.listen(port);
  }
}
`,
    },
    {
      name: 'guard: module-level started flag',
      code: `let started = false;

export class Metrics {
  start() {
    if (started) return;
    started = true;
    process.on('SIGUSR2', () => undefined);
  }
}
`,
    },
    {
      name: 'listeners removed before they are added',
      code: `export class Bus {
  private onMessage = (m: unknown) => void m;

  init() {
    process.off('message', this.onMessage);
    process.on('message', this.onMessage);
  }
}
`,
    },
    {
      name: 'not start-like: schedule() is not a start method',
      code: `export class Poller {
  private timer?: NodeJS.Timeout;

  schedule() {
    this.timer = setInterval(() => undefined, 1000);
  }
}
`,
    },
    {
      name: 'listener on a fresh object the call creates',
      code: `import net from 'node:net';

export class Client {
  private socket?: net.Socket;

  connect(port: number) {
    this.socket = net.connect({ port, timeout: 5000 });
    this.socket.on('data', (d) => void d);
  }
}
`,
    },
    {
      name: 'listener on a parameter: nothing says it outlives the call',
      code: `import type { EventEmitter } from 'node:events';

export class Relay {
  listen(source: EventEmitter) {
    source.on('data', (d) => void d);
  }
}
`,
    },
    {
      name: 'a one-shot setTimeout is not a service timer',
      code: `export class Warmup {
  private timer?: NodeJS.Timeout;

  start() {
    this.timer = setTimeout(() => undefined, 1000);
  }
}
`,
    },
    {
      name: 'a condition on constructor-only options is no guard, but a local server is not on this',
      code: `import http from 'node:http';

export class Api {
  start(port: number) {
    const server = http.createServer();
    server.listen(port);
  }
}
`,
    },
    {
      name: 'a loop on a flag the method does not set first',
      code: `export class Worker {
  private running = false;

  async run() {
    while (this.running) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
`,
    },
    {
      name: 'a subscription: the caller passes the handler and gets a disposer back',
      code: `export class IpcReader {
  constructor(private readonly proc: NodeJS.Process) {}

  listen(callback: (message: unknown) => void) {
    this.proc.on('message', callback);
    return () => this.proc.off('message', callback);
  }
}
`,
    },
    {
      name: 'listen() on a member nothing shows to be a server',
      code: `export class Notebooks {
  private readonly documents = new Map<string, string>();
  private readonly cells = { listen: (connection: object) => connection };

  listen(connection: object) {
    return this.cells.listen(connection);
  }
}
`,
    },
    {
      name: 'a synchronous loop on a flag: it ends before a second call can start',
      filename: 'src/receiver.js',
      code: `export class Receiver {
  startLoop(cb) {
    this._loop = true;
    do {
      this._loop = this.step();
    } while (this._loop);
    cb();
  }

  step() {
    return false;
  }
}
`,
    },
    {
      name: 'a function outside a class',
      code: `export function start() {
  setInterval(() => undefined, 1000).unref();
}
`,
    },
    {
      name: 'listen() on a server the class made at construction: a second call throws ERR_SERVER_ALREADY_LISTEN, nothing leaks',
      code: `import http from 'node:http';

export class Api {
  private readonly server = http.createServer();

  listen(port: number) {
    this.server.listen(port);
    this.server.on('error', (err) => console.error(err));
  }
}
`,
    },
    {
      name: 'a lifecycle hook overriding its base class (super.init): the framework calls it once',
      filename: 'src/reporters/console.js',
      code: `const BaseReporter = require('./base');
class ConsoleReporter extends BaseReporter {
  init(registry) {
    super.init(registry);
    this.timer = setInterval(() => this.print(), 5000);
  }
  print() {}
}
module.exports = ConsoleReporter;
`,
      files: { 'src/reporters/base.js': 'class BaseReporter { init(registry) { this.registry = registry; } }\nmodule.exports = BaseReporter;\n' },
    },
    {
      name: "a plugin of a library's base class: the framework starts it",
      code: `import { DeepstreamPlugin } from '@deepstream/types';
export class ClusterRegistry extends DeepstreamPlugin {
  private publishInterval?: NodeJS.Timeout;
  public init() {
    this.publishInterval = setInterval(() => this.publish(), 1000);
  }
  private publish() {}
}
`,
    },
    {
      name: 'stop-before-start: the first call is a sibling that clears the same field',
      code: `export class RtmpClient {
  private heartbeatTimer: NodeJS.Timeout | null = null;
  startHeartbeat(interval = 30000) {
    this.stopHeartbeat();
    this.heartbeatTimer = setInterval(() => this.ping(), interval);
  }
  stopHeartbeat() {
    if (this.heartbeatTimer !== null) {
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = null;
    }
  }
  private ping() {}
}
`,
    },
    {
      name: "an unref()'d timer holds nothing open",
      code: `export class Gossip {
  private gossipTimer?: NodeJS.Timeout;
  startTimers() {
    this.gossipTimer = setInterval(() => this.gossip(), 1000);
    this.gossipTimer.unref();
  }
  private gossip() {}
}
`,
    },
    {
      name: 'every caller makes the object and starts it at once (another file)',
      filename: 'src/session/flv-session.js',
      code: `class FlvSession {
  constructor(req, res) {
    this.req = req;
    this.res = res;
  }
  run = () => {
    this.req.on('data', this.onData);
    this.req.on('error', this.onError);
  };
  onData = () => {};
  onError = () => {};
}
module.exports = FlvSession;
`,
      files: {
        'src/server/http-server.js': `const FlvSession = require('../session/flv-session.js');
const sessions = new Map();
exports.handleFlv = (req, res) => {
  const session = new FlvSession(req, res);
  session.run();
  sessions.set(session.id, session);
};
`,
      },
    },
    {
      name: "a helper only its class's start() calls, and start() run once on a fresh object by the bin",
      filename: 'src/runner.mjs',
      code: `import cluster from 'node:cluster';
export default class Runner {
  start(args) {
    return Promise.resolve(args).then(() => this.startWorkers(2));
  }
  startWorkers(count) {
    cluster.on('exit', () => cluster.fork());
    for (let i = 0; i < count; i++) cluster.fork();
  }
}
`,
      files: { 'bin/runner.mjs': "#!/usr/bin/env node\nimport Runner from '../src/runner.mjs';\nconst runner = new Runner();\nrunner.start(process.argv);\n" },
    },
    {
      name: "a heartbeat started from a helper of init(), and init() run on a fresh object (`new ClusterNode().init()`, through the folder's index) by the boot sequence",
      filename: 'lib/cluster/node.js',
      code: `class ClusterNode {
  constructor(publisher) {
    this.publisher = publisher;
    this.heartbeatTimer = null;
  }
  async init() {
    await this.publisher.init();
    await this.handshake();
  }
  async handshake() {
    await this.publisher.announce();
    this.startHeartbeat();
  }
  startHeartbeat() {
    this.heartbeatTimer = setInterval(() => this.publisher.sendHeartbeat(), 2000);
  }
}
module.exports = ClusterNode;
`,
      files: {
        'lib/cluster/index.js': "module.exports = require('./node');\n",
        'lib/kuzzle.js': `const ClusterNode = require('./cluster');
class Kuzzle {
  async start(options) {
    if (options.cluster) {
      await new ClusterNode(options.publisher).init();
    }
  }
}
module.exports = Kuzzle;
`,
      },
    },
    {
      name: "a refresh timer started by a method the owner calls once on its start path (`this.idCards.createIdCard()` in init's handshake)",
      filename: 'lib/cluster/idCardHandler.js',
      code: `class IdCardHandler {
  constructor(store) {
    this.store = store;
    this.refreshTimer = null;
  }
  async createIdCard() {
    await this.store.reserve();
    this.startTemporaryRefresh();
  }
  startTemporaryRefresh() {
    this.refreshTimer = setInterval(() => this.store.save(), 1000);
  }
}
module.exports = { IdCardHandler };
`,
      files: {
        'lib/cluster/node.js': `const { IdCardHandler } = require('./idCardHandler');
class ClusterNode {
  constructor(store) {
    this.idCards = new IdCardHandler(store);
  }
  async init() {
    await this.handshake();
  }
  async handshake() {
    await this.idCards.createIdCard();
  }
}
module.exports = ClusterNode;
`,
      },
    },
    {
      name: 'listen() on a held server the constructor makes in either branch of an option: a second call throws first',
      code: `const net = require('net');
class MailServer {
  constructor(options) {
    if (options.secure) {
      this.server = net.createServer(options, (socket) => this.accept(socket));
    } else {
      this.server = net.createServer((socket) => this.accept(socket));
    }
  }
  accept(socket) {}
  listen(...args) {
    return this.server.listen(...args);
  }
}
module.exports = MailServer;
`,
      filename: 'lib/mail-server.js',
    },
    {
      name: 'a start method only the constructor calls runs once per object',
      code: `import http from 'node:http';
export class App {
  server?: http.Server;
  constructor(private readonly handler: http.RequestListener) {
    this.initServer();
  }
  initServer(): void {
    this.server = http.createServer(this.handler);
    process.on('SIGTERM', () => this.server?.close());
  }
}
`,
    },
    {
      name: "a one-shot listener that hands the event to the caller's callback is a subscription, not a start",
      code: `import { EventEmitter } from 'node:events';
export class SmtpConnection extends EventEmitter {
  connect(callback?: () => void): void {
    if (typeof callback === 'function') {
      this.once('connect', () => {
        this.log('handshake finished');
        callback();
      });
    }
  }
  log(line: string): void {}
}
`,
    },
    {
      name: 'a hook definition a factory returns with no stop beside it: the loader runs it once',
      code: `module.exports = function blueprints(app) {
  let hook;
  return {
    defaults: { blueprints: { actions: false } },
    initialize: function (cb) {
      hook = this;
      app.on('router:before', () => hook.bindShadowRoutes());
      return cb();
    },
    bindShadowRoutes() {},
  };
};
`,
      filename: 'lib/hooks/blueprints/index.js',
    },
    {
      name: 'held by its owner and started once from the owner start(), compiled CommonJS across files',
      filename: 'src/state.js',
      code: `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
class State {
    constructor(eventBus) {
        this.eventBus = eventBus;
        this.timer = undefined;
    }
    start() {
        this.timer = setInterval(() => this.save(), 60000);
    }
    stop() {
        clearInterval(this.timer);
    }
    save() { }
}
exports.default = State;
`,
      files: {
        'src/controller.js': `"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { "default": mod }; };
Object.defineProperty(exports, "__esModule", { value: true });
const state_1 = __importDefault(require("./state"));
class Controller {
    constructor(eventBus) {
        this.state = new state_1.default(eventBus);
    }
    async start() {
        if (process.env.SKIP) return;
        this.initState();
    }
    initState() {
        this.state.start();
    }
    async stop() {
        this.state.stop();
    }
}
exports.default = Controller;
`,
      },
    },
    {
      name: 'made into a member and started at once, in a retry callback: each object is started once',
      filename: 'src/reverse.js',
      code: `module.exports = class Reverse {
  constructor (transport) {
    this.transport = transport
  }
  start () {
    this.transport.on('trigger:action', this.onAction.bind(this))
  }
  stop () {
    this.transport.removeAllListeners('trigger:action')
  }
  onAction () {}
}
`,
      files: {
        'src/daemon.js': `const Reverse = require('./reverse.js')
module.exports = class Daemon {
  start (transport, cb) {
    this.verify((err) => {
      if (err) return cb(err)
      this.reverse = new Reverse(transport)
      this.reverse.start()
      cb()
    })
  }
  verify (cb) { setTimeout(cb, 10) }
}
`,
      },
    },
    {
      name: "a private method its class calls from one place, the CLI's run() that exits the process on bad arguments: once per process",
      code: `export class Cli {
  run(argv: string[]): void {
    if (argv.includes('--help')) {
      console.log('usage: bridge --config <file>');
      process.exit(0);
    }
    this.startWithConfig(argv[0]);
  }

  private startWithConfig(configFile: string): void {
    process.on('SIGHUP', () => this.reload(configFile));
  }

  reload(configFile: string): string {
    return configFile;
  }
}
`,
    },
    {
      name: "fills in a hook the project's own base class declares empty: the project's framework starts it",
      filename: 'src/extension/frontend.ts',
      code: `import http from 'node:http';
import Extension from './extension';
export class Frontend extends Extension {
  private server?: http.Server;
  override async start(): Promise<void> {
    this.server = http.createServer((req, res) => res.end('ok'));
    this.server.listen(8080);
  }
  override async stop(): Promise<void> {
    this.server?.close();
  }
}
`,
      files: {
        'src/extension/extension.ts': `export default abstract class Extension {
  /** Called once when the extension has to start. */
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}
`,
      },
    },
    {
      name: "a per-client connect that returns early when its client is already in the object's set",
      filename: 'src/accessories.js',
      code: "class AccessoriesService {\n  constructor() {\n    this.activeClients = new Set();\n  }\n  async connect(client) {\n    if (this.activeClients.has(client)) {\n      return;\n    }\n    this.activeClients.add(client);\n    client.on('end', () => this.activeClients.delete(client));\n    this.bus.on('update', (data) => client.emit('accessories-data', data));\n  }\n}\nmodule.exports = AccessoriesService;\n",
    },
    {
      name: 'a start method only run through a promise memo the caller fills inside if (!this.startPromise)',
      filename: 'src/monitor.js',
      code: "class Monitor {\n  constructor() {\n    this.startPromise = null;\n  }\n  async ensureStarted() {\n    if (!this.startPromise) {\n      const attempt = this.startMonitoring().finally(() => {\n        if (this.startPromise === attempt) this.startPromise = null;\n      });\n      this.startPromise = attempt;\n    }\n    return this.startPromise;\n  }\n  async startMonitoring() {\n    this.timer = setInterval(() => this.poll(), 10000);\n  }\n  poll() {}\n}\nmodule.exports = Monitor;\n",
    },
    {
      name: "init() reached only past start()'s own guard: start() throws when already started, so init() runs once per start",
      filename: 'lib/diagram/runtime.js',
      code: `class DiagramRuntime {
  constructor(sandbox) {
    this.sandbox = sandbox;
    this.started = false;
  }
  start(options) {
    if (this.started) {
      throw new Error('The diagram is already running');
    }
    this.started = true;
    this.options = options;
    void this.init();
  }
  async init() {
    for (const id of this.options.inputs) {
      this.sandbox.on(id, () => this.run());
    }
  }
  run() {}
}
module.exports = DiagramRuntime;
`,
    },
    {
      name: 'listeners on a socket that the only caller, open(), makes anew right before calling listen()',
      filename: 'lib/connection.js',
      code: `const net = require('net');
const tls = require('tls');
class Connection {
  constructor(port, host, tlsOptions) {
    this.port = port;
    this.host = host;
    this.tlsOptions = tlsOptions;
    this.connected = false;
  }
  listen() {
    this.socket.once('connect', () => this.onConnect());
    this.socket.on('close', () => this.onClose());
    return this;
  }
  async open() {
    if (this.tlsOptions) {
      this.socket = tls.connect(this.port, this.host, this.tlsOptions);
    } else {
      this.socket = net.connect(this.port, this.host);
    }
    this.socket.setKeepAlive(true);
    this.listen();
  }
  onConnect() {
    this.connected = true;
  }
  onClose() {
    this.connected = false;
  }
  close() {
    this.socket.end();
  }
}
module.exports = { Connection };
`,
    },
    {
      name: "a driver makes the link and connects it in a try block just after: the link's connect() runs once per link",
      filename: 'lib/link.js',
      code: `class Link {
  constructor(port) {
    this.port = port;
  }
  async connect() {
    await this.port.open();
    this.watchdogTimer = setInterval(() => this.port.write('ping'), 10000);
  }
  async close() {
    clearInterval(this.watchdogTimer);
    await this.port.close();
  }
}
exports.Link = Link;
`,
      files: {
        'lib/driver.js': `const link_1 = require('./link');
class Driver {
  constructor(port) {
    this.port = port;
  }
  async startup() {
    this.link = new link_1.Link(this.port);
    try {
      await this.link.connect();
    } catch (error) {
      throw new Error('could not connect', { cause: error });
    }
  }
}
exports.Driver = Driver;
`,
      },
    },
    {
      name: 'a prototype-style listen() that only passes on to the net server its constructor made (a second call throws ERR_SERVER_ALREADY_LISTEN)',
      filename: 'lib/server.js',
      code: `const net = require('net');
const tls = require('tls');
function Server(options) {
  if (options.certificate) {
    this.server = tls.createServer(options, (c) => this.newConnection(c));
  } else {
    this.server = net.createServer((c) => this.newConnection(c));
  }
}
Server.prototype.newConnection = function (conn) {
  conn.end();
};
Server.prototype.listen = function (port, callback) {
  return this.server.listen(port, callback);
};
Server.prototype.close = function (callback) {
  return this.server.close(callback);
};
module.exports = Server;
`,
    },
    {
      name: "started on what a factory function has just returned (`ora(options).start()`), the function returning `new Spinner(…)` on every path",
      filename: 'lib/support/spinner.js',
      code: `class Spinner {
  constructor({ text = '', stream = process.stderr } = {}) {
    this.text = text;
    this.stream = stream;
    this.intervalId = undefined;
  }
  start() {
    this.intervalId = setInterval(() => this.stream.write(this.text), 500);
    return this;
  }
  succeed(text) {
    clearInterval(this.intervalId);
    this.stream.write(text + '\\n');
  }
}
export default function ora(options) {
  return new Spinner(options);
}
`,
      files: {
        'bin/cli.js': `#!/usr/bin/env node
import ora from '../lib/support/spinner.js';
const spinner = ora({ text: 'Sending the test' }).start();
spinner.succeed('Sent');
`,
      },
    },
    {
      name: 'a registry makes one subscriber per remote node, puts it in its map and inits it at once: once per subscriber',
      filename: 'lib/cluster/subscriber.js',
      code: `class ClusterSubscriber {
  constructor(node, remoteId) {
    this.node = node;
    this.remoteId = remoteId;
  }
  async init() {
    this.heartbeatTimer = setInterval(() => this.checkHeartbeat(), 5000);
  }
  checkHeartbeat() {}
  dispose() {
    clearInterval(this.heartbeatTimer);
  }
}
module.exports = ClusterSubscriber;
`,
      files: {
        'lib/cluster/node.js': `const ClusterSubscriber = require('./subscriber');
class ClusterNode {
  constructor() {
    this.remoteNodes = new Map();
  }
  async addNode(id) {
    if (this.remoteNodes.has(id)) {
      return false;
    }
    const subscriber = new ClusterSubscriber(this, id);
    this.remoteNodes.set(id, subscriber);
    await subscriber.init();
    return true;
  }
}
module.exports = ClusterNode;
`,
      },
    },
    {
      name: 'made, published on the app object, then started with the other APIs at boot: once per object',
      filename: 'src/api/corrector.js',
      code: `class OffsetCorrector {
  constructor(app) {
    this.app = app;
  }
  async start() {
    this.app.on('serverevent', (e) => this.rebuild(e));
  }
  rebuild(e) {
    return e;
  }
}
exports.OffsetCorrector = OffsetCorrector;
`,
      files: {
        'src/api/index.js': `const corrector_1 = require('./corrector');
exports.startApis = (app) => {
  const corrector = new corrector_1.OffsetCorrector(app);
  app.corrector = corrector;
  return Promise.all([corrector.start()]);
};
`,
      },
    },
    {
      name: "listen() that listens on the held server first (esbuild's `import_http.default.createServer()`), then adds its listeners: a second call throws before adding any (near-miss of straightforward, check 51)",
      filename: 'dist/index.js',
      files: { 'package.json': '{ "name": "straightforward", "main": "dist/index.js" }' },
      code: straightforward(
        '    this.server.listen(port);\n' +
        '    this.server.on("request", this._onRequest.bind(this));\n' +
        '    process.on("uncaughtException", this._onUncaughtException.bind(this));\n'),
    },
  ],
  invalid: [
    {
      name: "listen() that adds its server and process listeners before `this.server.listen()` on the held server: a second call adds them all again, then throws (straightforward, check 51)",
      filename: 'dist/index.js',
      files: { 'package.json': '{ "name": "straightforward", "main": "dist/index.js" }' },
      code: straightforward(STRAIGHTFORWARD_ON_FIRST),
      output: guardedStraightforward(straightforward(STRAIGHTFORWARD_ON_FIRST)),
      errors: [{ messageId: 'listener', line: 12, column: 9, data: { method: 'listen', what: 'this.server.on("request", …)', guard: 'if (this.#started) return;' } }],
    },
    {
      name: 'the same listen() on a server made from a plain `require("http")`: the listeners before the throw are still doubled',
      filename: 'dist/index.js',
      files: { 'package.json': '{ "name": "straightforward", "main": "dist/index.js" }' },
      code: straightforward(STRAIGHTFORWARD_ON_FIRST, 'var http = require("http");\n').replace('import_http.default.createServer()', 'http.createServer()'),
      output: guardedStraightforward(straightforward(STRAIGHTFORWARD_ON_FIRST, 'var http = require("http");\n').replace('import_http.default.createServer()', 'http.createServer()')),
      errors: [{ messageId: 'listener', line: 12, column: 9 }],
    },
    {
      name: 'listen() on a held server inside a new Promise, after a process listener: a second call adds the listener again before it rejects',
      code: `import { createServer, type Server } from 'node:http';
declare function destroy(): Promise<void>;
export class Hub {
  private httpServer: Server = createServer();
  async listen(port: number): Promise<void> {
    process.on('SIGTERM', () => void destroy());
    return new Promise((resolve) => {
      this.httpServer.listen(port, () => resolve());
    });
  }
}
`,
      errors: [{ messageId: 'listener', line: 5, column: 9, data: { method: 'listen', what: "process.on('SIGTERM', …)", guard: 'if (this.#started) return;' } }],
      output: `import { createServer, type Server } from 'node:http';
declare function destroy(): Promise<void>;
export class Hub {
  #started = false;
  private httpServer: Server = createServer();
  async listen(port: number): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    process.on('SIGTERM', () => void destroy());
    return new Promise((resolve) => {
      this.httpServer.listen(port, () => resolve());
    });
  }
}
`,
    },
    {
      name: 'the same start() adding a new arrow each call: EventTarget sees a different listener every time',
      code: DOMAIN_MAPPER("    this.events.addEventListener('self:peer:update', () => this.onSelfUpdate());\n" +
        "    this.events.addEventListener('certificate:provision', this.onCertificate);\n"),
      errors: [{ messageId: 'listener', line: 12, column: 3 }],
      output: DOMAIN_MAPPER("    this.events.addEventListener('self:peer:update', () => this.onSelfUpdate());\n" +
        "    this.events.addEventListener('certificate:provision', this.onCertificate);\n", { guarded: true }),
    },
    {
      name: 'the same start() with the bound method on an EventEmitter, whose on() adds a duplicate every call',
      code: DOMAIN_MAPPER("    this.events.on('self:peer:update', this.onSelfUpdate);\n" +
        "    this.events.addEventListener('certificate:provision', this.onCertificate);\n", { emitter: true }),
      errors: [{ messageId: 'listener', line: 12, column: 3 }],
      output: DOMAIN_MAPPER("    this.events.on('self:peer:update', this.onSelfUpdate);\n" +
        "    this.events.addEventListener('certificate:provision', this.onCertificate);\n", { emitter: true, guarded: true }),
    },
    {
      name: 'the same start() with a listener member start() itself replaces: each call hands over a new function',
      code: DOMAIN_MAPPER("    this.onSelfUpdate = () => {};\n" +
        "    this.events.addEventListener('self:peer:update', this.onSelfUpdate);\n" +
        "    this.events.addEventListener('certificate:provision', this.onCertificate);\n"),
      errors: [{ messageId: 'listener', line: 12, column: 3 }],
      output: DOMAIN_MAPPER("    this.onSelfUpdate = () => {};\n" +
        "    this.events.addEventListener('self:peer:update', this.onSelfUpdate);\n" +
        "    this.events.addEventListener('certificate:provision', this.onCertificate);\n", { guarded: true }),
    },
    {
      name: 'the same listen() run by an interval the constructor arms: it runs again every tick',
      filename: 'lib/transport/transport.js',
      code: "var EventEmitter = require('events').EventEmitter;\nvar util = require('util');\n\nfunction BaseTransport(stream) {\n  EventEmitter.call(this);\n  this.stream = stream;\n  setInterval(function () {\n    this.listen();\n  }.bind(this), 5000);\n}\nutil.inherits(BaseTransport, EventEmitter);\n\nBaseTransport.prototype.listen = function () {\n  var transport = this;\n  this.stream.on('data', function (data) {\n    transport.emit('request', data);\n  });\n};\n\nmodule.exports = BaseTransport;\n",
      errors: [{ messageId: 'listener', line: 13, column: 25 }],
    },
    {
      name: 'the same listen() that keeps the server nowhere and returns `this`: a second call opens a second port',
      code: "import express from 'express';\n\nexport class XrpcServer {\n  router = express();\n\n  listen(port: number, callback?: () => void) {\n    this.router.listen(port, callback);\n    return this;\n  }\n}\n",
      typecheck: false,
      errors: [{ messageId: 'server', line: 6, column: 3 }],
      output: "import express from 'express';\n\nexport class XrpcServer {\n  #started = false;\n  router = express();\n\n  listen(port: number, callback?: () => void) {\n    if (this.#started) return this;\n    this.#started = true;\n    this.router.listen(port, callback);\n    return this;\n  }\n}\n",
    },
    {
      name: 'the same connect() returning early on the peripheral\'s address, which no connection changes: no guard',
      filename: 'lib/transport/ble/gatt-connection.js',
      code: GATT_CONNECTION("this.peripheral.address === ''"),
      errors: [{ messageId: 'listener', line: 7, column: 9 }],
      output: GATT_CONNECTION("this.peripheral.address === ''")
        .replace('extends EventEmitter {\n', 'extends EventEmitter {\n  #started = false;\n')
        .replace('  async connect() {\n', '  async connect() {\n    if (this.#started) return;\n    this.#started = true;\n'),
    },
    {
      name: 'the same guard on a field the subclass declares and never changes: it guards nothing',
      filename: 'lib/client/connection.ts',
      files: { 'lib/client/base-client.ts': "import { EventEmitter } from 'node:events';\n\nexport abstract class BaseClient extends EventEmitter {\n  public state = 0;\n  public get unconnected(): boolean {\n    return this.state === 0;\n  }\n  public emitConnecting(): void { this.state = 1; this.emit('connecting'); }\n  public emitConnected(): void { this.state = 2; this.emit('connect'); }\n  public emitReady(): void { this.state = 3; this.emit('ready'); }\n}\n" },
      code: "import { BaseClient } from './base-client';\n\nexport class SingleConnection extends BaseClient {\n  private unconnected = true;\n\n  constructor(private readonly transport: { connect(cb: () => void): void }) {\n    super();\n  }\n\n  public connect(): void {\n    if (!this.unconnected) {\n      throw new Error('connect() may only be called on unconnected connections');\n    }\n    this.emitConnecting();\n    this.once('connect', () => process.nextTick(() => this.emitReady()));\n    this.transport.connect(() => this.emitConnected());\n  }\n}\n",
      errors: [{ messageId: 'listener', line: 10, column: 10 }],
      output: "import { BaseClient } from './base-client';\n\nexport class SingleConnection extends BaseClient {\n  #started = false;\n  private unconnected = true;\n\n  constructor(private readonly transport: { connect(cb: () => void): void }) {\n    super();\n  }\n\n  public connect(): void {\n    if (this.#started) return;\n    this.#started = true;\n    if (!this.unconnected) {\n      throw new Error('connect() may only be called on unconnected connections');\n    }\n    this.emitConnecting();\n    this.once('connect', () => process.nextTick(() => this.emitReady()));\n    this.transport.connect(() => this.emitConnected());\n  }\n}\n",
    },
    {
      name: 'an assertion on something the start does not change guards nothing',
      filename: 'src/interceptors/WebSocket/WebSocketServerConnection.ts',
      code: "import { invariant } from 'outvariant';\n\nexport class ServerConnection {\n  private realWebSocket?: WebSocket;\n\n  constructor(private readonly client: EventTarget, private readonly url: string) {}\n\n  public connect(): void {\n    invariant(this.url.length > 0, 'Failed to call \"connect()\": the connection is already open');\n    const realWebSocket = new WebSocket(this.url);\n    this.client.addEventListener('close', () => realWebSocket.close());\n    this.realWebSocket = realWebSocket;\n  }\n}\n",
      errors: [{ messageId: 'listener', line: 8, column: 10 }],
      output: "import { invariant } from 'outvariant';\n\nexport class ServerConnection {\n  #started = false;\n  private realWebSocket?: WebSocket;\n\n  constructor(private readonly client: EventTarget, private readonly url: string) {}\n\n  public connect(): void {\n    if (this.#started) return;\n    this.#started = true;\n    invariant(this.url.length > 0, 'Failed to call \"connect()\": the connection is already open');\n    const realWebSocket = new WebSocket(this.url);\n    this.client.addEventListener('close', () => realWebSocket.close());\n    this.realWebSocket = realWebSocket;\n  }\n}\n",
    },
    {
      name: "the same deferred settled from an on listener: it stays, and a second start adds another",
      filename: 'lib/components/controller.js',
      code: "var EventEmitter = require('events').EventEmitter;\nvar util = require('util');\nvar Q = require('q');\nfunction Controller(znp, cfg) {\n  EventEmitter.call(this);\n  this._znp = znp;\n  this._cfg = cfg;\n}\nutil.inherits(Controller, EventEmitter);\nController.prototype.start = function (callback) {\n  var self = this,\n    deferred = Q.defer(),\n    readyLsn;\n  readyLsn = function (err) {\n    return err ? deferred.reject(err) : deferred.resolve();\n  };\n  this.on('ZNP:INIT', readyLsn);\n  Q.ninvoke(this._znp, 'init', this._cfg).fail(function (err) {\n    self.removeListener('ZNP:INIT', readyLsn);\n    deferred.reject(err);\n  }).done();\n  return deferred.promise.nodeify(callback);\n};\nmodule.exports = Controller;\n",
      errors: [{ messageId: 'listener', line: 10, column: 22 }],
    },
    {
      name: "a constructor-function service whose base's start does work of its own: not a hook, the subclass's start stays reported",
      filename: 'lib/services/web.js',
      code: "var http = require('http');\nvar inherits = require('util').inherits;\nvar BaseService = require('../service');\nfunction WebService(options) {\n  BaseService.call(this, options);\n  this.port = options.port;\n}\ninherits(WebService, BaseService);\nWebService.prototype.start = function(callback) {\n  this.server = http.createServer(this.app);\n  this.server.listen(this.port);\n  setImmediate(callback);\n};\nWebService.prototype.stop = function(callback) {\n  this.server.close();\n  setImmediate(callback);\n};\nmodule.exports = WebService;\n",
      files: {
        'lib/service.js': "var EventEmitter = require('events').EventEmitter;\nvar util = require('util');\nfunction Service(options) {\n  EventEmitter.call(this);\n  this.node = options.node;\n}\nutil.inherits(Service, EventEmitter);\nService.prototype.start = function(done) {\n  this.startedAt = Date.now();\n  setImmediate(done);\n};\nService.prototype.stop = function(done) {\n  setImmediate(done);\n};\nmodule.exports = Service;\n",
      },
      errors: [{ messageId: 'server', line: 9, column: 22 }],
    },
    {
      name: "a constructor-function service with a no-op start in a class it does not inherit from stays reported",
      filename: 'lib/services/web.js',
      code: "var http = require('http');\nvar inherits = require('util').inherits;\nvar BaseService = require('../service');\nfunction WebService(options) {\n  BaseService.call(this, options);\n  this.port = options.port;\n}\nWebService.prototype.start = function(callback) {\n  this.server = http.createServer(this.app);\n  this.server.listen(this.port);\n  setImmediate(callback);\n};\nWebService.prototype.stop = function(callback) {\n  this.server.close();\n  setImmediate(callback);\n};\nmodule.exports = WebService;\n",
      files: {
        'lib/service.js': "var EventEmitter = require('events').EventEmitter;\nvar util = require('util');\nfunction Service(options) {\n  EventEmitter.call(this);\n  this.node = options.node;\n}\nutil.inherits(Service, EventEmitter);\nService.prototype.start = function(done) {\n  setImmediate(done);\n};\nService.prototype.stop = function(done) {\n  setImmediate(done);\n};\nmodule.exports = Service;\n",
      },
      errors: [{ messageId: 'server', line: 8, column: 22 }],
    },
    {
      name: "a method called from an init() that does not replace itself (it sets another member): still reported",
      filename: 'lib/tty.js',
      code: `var http = require('http');
function Server(conf) {
  this.conf = conf;
  this.server = http.createServer();
  this.init();
}
Server.prototype.init = function() {
  this.start = function() {};
  if (this.conf.localOnly) this.initLocal();
  this.initRoutes();
};
Server.prototype.initLocal = function() {
  var self = this;
  this.server.on('connection', function(socket) {
    if (socket.remoteAddress !== '127.0.0.1') socket.destroy();
    self.refused = (self.refused || 0) + 1;
  });
};
Server.prototype.initRoutes = function() {
  this.routes = {};
};
module.exports = Server;
`,
      errors: [{ messageId: 'listener', line: 12, column: 18 }],
    },
    {
      name: "a start() that adds a log-only 'error' listener and a 'reconnect' listener that does work: reported for the second",
      filename: 'lib/master/master.js',
      code: `var admin = require('pomelo-admin');
var Server = function(app, opts) {
  this.app = app;
  this.masterConsole = admin.createMasterConsole(opts);
};
module.exports = Server;
Server.prototype.start = function(cb) {
  this.masterConsole.start(cb);
  this.masterConsole.on('error', function(err) {
    if (!!err) {
      logger.error('masterConsole encounters with error: ' + err.stack);
      return;
    }
  });
  var self = this;\n  this.masterConsole.on('reconnect', function(info) {\n    self.app.addServers([info]);\n  });
};
Server.prototype.stop = function(cb) {
  this.masterConsole.stop(cb);
};
`,
      errors: [{ messageId: 'listener', line: 7, column: 18 }],
    },
    {
      name: "a start() whose 'error' listener does more than log (it restarts): still reported",
      filename: 'lib/master/master.js',
      code: `var admin = require('pomelo-admin');
var Server = function(app, opts) {
  this.app = app;
  this.masterConsole = admin.createMasterConsole(opts);
};
module.exports = Server;
Server.prototype.start = function(cb) {
  this.masterConsole.start(cb);
  this.masterConsole.on('error', function(err) {
    if (!!err) {
      logger.error('masterConsole encounters with error: ' + err.stack);
      return;
    }
    cb(err);
  });
  
};
Server.prototype.stop = function(cb) {
  this.masterConsole.stop(cb);
};
`,
      errors: [{ messageId: 'listener', line: 7, column: 18 }],
    },
    {
      name: "the same trigger started from a listener for the port's 'open' event: each open starts it again",
      filename: 'src/lib/serial-trigger.js',
      code: SERIAL_TRIGGER_JS,
      files: { 'src/cmd/serial.js': SERIAL_JS.replace('OPEN(', "serialPort.on('open', ") },
      errors: [{ messageId: 'listener', line: 12, column: 3 }],
      output: SERIAL_TRIGGER_JS.replace('extends EventEmitter {\n', 'extends EventEmitter {\n  #started = false;\n')
        .replace('  start() {\n', '  start() {\n    if (this.#started) return;\n    this.#started = true;\n')
        .replace("removeListener('data', this.dataCallback);\n", "removeListener('data', this.dataCallback);\n    this.#started = false;\n"),
    },
    {
      name: 'the manager walks its list from a reload listener: every reload starts each server again',
      filename: 'lib/app-server.js',
      code: APP_SERVER_JS,
      files: {
        'lib/ui-server.js': UI_SERVER_JS,
        'lib/server-manager.js': SERVER_MANAGER_JS.replace('START_EACH', "process.on('SIGHUP', () => this.each((server) => server.start()));"),
      },
      errors: [{ messageId: 'listener', line: 6, column: 9 }],
      output: APP_SERVER_JS.replace('class AppServer {\n', 'class AppServer {\n  #started = false;\n')
        .replace('  async start() {\n', '  async start() {\n    if (this.#started) return;\n    this.#started = true;\n'),
    },
    {
      name: 'a start that re-registers itself for every reconnect and goes on: each call adds one more restart per reconnect',
      code: `import type { EventEmitter } from 'node:events';
export class Poller {
  constructor(private readonly client: EventEmitter) {}

  start() {
    this.client.on('reconnect', this.start.bind(this));
    this.poll();
  }

  poll() {}
}
`,
      errors: [{ messageId: 'listener', line: 5, column: 3 }],
      output: `import type { EventEmitter } from 'node:events';
export class Poller {
  #started = false;
  constructor(private readonly client: EventEmitter) {}

  start() {
    if (this.#started) return;
    this.#started = true;
    this.client.on('reconnect', this.start.bind(this));
    this.poll();
  }

  poll() {}
}
`,
    },
    {
      name: "a listener that does the class's own work besides calling the caller's handler: still a start",
      code: `export class Reader {
  private count = 0;

  listen(callback: (message: unknown) => void) {
    process.on('message', (m) => {
      this.count++;
      callback(m);
    });
  }
}
`,
      errors: [{ messageId: 'listener', line: 4, column: 3 }],
      output: `export class Reader {
  #started = false;
  private count = 0;

  listen(callback: (message: unknown) => void) {
    if (this.#started) return;
    this.#started = true;
    process.on('message', (m) => {
      this.count++;
      callback(m);
    });
  }
}
`,
    },
    {
      name: 'the base defines listen() itself: the subclasses override a working method, no erased hook',
      filename: 'lib/connectors.js',
      code: CONNECTORS.replace('BASE_LISTEN', "listen(nodes) {\n    this.client.on('ready', () => this.ready(nodes));\n  }"),
      errors: [
        { messageId: 'listener', line: 5, column: 3 },
        { messageId: 'listener', line: 13, column: 3 },
        { messageId: 'listener', line: 18, column: 3 },
      ],
      output: CONNECTORS.replace('BASE_LISTEN', "listen(nodes) {\n    this.client.on('ready', () => this.ready(nodes));\n  }")
        .replace(/ = class( extends Connector)? \{\n/g, (head) => `${head}  #started = false;\n`)
        .replace(/  listen\(nodes\) \{\n/g, '  listen(nodes) {\n    if (this.#started) return;\n    this.#started = true;\n'),
    },
    {
      name: 'the owner starts the handed transport from a reconnect handler, no start method: once per reconnect',
      filename: 'lib/key-transport.js',
      code: KEY_TRANSPORT_JS,
      files: { 'lib/join.js': JOIN_JS, 'lib/combined.js': COMBINED_JS.replace('START_FROM', 'onReconnect') },
      errors: [{ messageId: 'listener', line: 5, column: 3 }],
      output: KEY_TRANSPORT_JS.replace('class KeyTransport {\n', 'class KeyTransport {\n  #started = false;\n')
        .replace('  start() {\n', '  start() {\n    if (this.#started) return;\n    this.#started = true;\n'),
    },
    {
      name: 'the handed transport is also started by the code that made it: two starts on one object',
      code: HANDED_TRANSPORT.replace('EXTRA', 'roomKeys.start();'),
      errors: [{ messageId: 'listener', line: 4, column: 3 }],
      output: HANDED_TRANSPORT.replace('EXTRA', 'roomKeys.start();').replace('class RoomKeyTransport {\n', 'class RoomKeyTransport {\n  #started = false;\n').replace("  start(): void {\n    this.room.on", "  start(): void {\n    if (this.#started) return;\n    this.#started = true;\n    this.room.on").replace("    this.room.off('timeline', this.onTimeline);\n  }", "    this.room.off('timeline', this.onTimeline);\n    this.#started = false;\n  }"),
    },
    {
      name: 'the same listener never removes itself: every sync starts the session manager again',
      code: RTC_CLIENT.replace('REMOVE', ''),
      errors: [{ messageId: 'listener', line: 4, column: 3 }],
      output: RTC_CLIENT.replace('REMOVE', '').replace('class SessionManager {\n', 'class SessionManager {\n  #started = false;\n').replace("  start(): void {\n    this.client.on('room', this.onRoom);", "  start(): void {\n    if (this.#started) return;\n    this.#started = true;\n    this.client.on('room', this.onRoom);").replace("    this.client.off('room', this.onRoom);\n  }", "    this.client.off('room', this.onRoom);\n    this.#started = false;\n  }"),
    },
    {
      name: 'the call handler field can also be given a handler from outside: that one may be started again',
      code: CALL_CLIENT.replace('EXTRA', 'useHandler(h: CallHandler): void {\n    this.callHandler = h;\n  }'),
      errors: [{ messageId: 'listener', line: 4, column: 3 }],
      output: CALL_CLIENT.replace('EXTRA', 'useHandler(h: CallHandler): void {\n    this.callHandler = h;\n  }').replace('class CallHandler {\n', 'class CallHandler {\n  #started = false;\n').replace("  start(): void {\n    this.client.on('call', this.onCall);", "  start(): void {\n    if (this.#started) return;\n    this.#started = true;\n    this.client.on('call', this.onCall);").replace("    this.client.removeListener('call', this.onCall);\n  }", "    this.client.removeListener('call', this.onCall);\n    this.#started = false;\n  }"),
    },
    {
      name: 'an object made once but started from a listener that fires again: started once per event',
      filename: 'src/poller.js',
      code: "class Poller {\n  start() {\n    this.timer = setInterval(() => this.poll(), 1000);\n  }\n  stop() {\n    clearInterval(this.timer);\n  }\n  poll() {}\n}\nmodule.exports = Poller;\n",
      files: { 'src/main.js': "const Poller = require('./poller');\nconst bus = require('./bus');\nconst poller = new Poller();\nbus.on('resume', () => poller.start());\n", 'src/bus.js': "module.exports = new (require('node:events'))();\n" },
      errors: [{ messageId: 'timer', line: 2, column: 3 }],
      output: "class Poller {\n  #started = false;\n  start() {\n    if (this.#started) return;\n    this.#started = true;\n    this.timer = setInterval(() => this.poll(), 1000);\n  }\n  stop() {\n    clearInterval(this.timer);\n    this.#started = false;\n  }\n  poll() {}\n}\nmodule.exports = Poller;\n",
    },
    {
      name: 'a per-client membership test does not guard one timer field shared by every client',
      filename: 'src/accessories.js',
      code: "class AccessoriesService {\n  constructor() {\n    this.activeClients = new Set();\n  }\n  async connect(client) {\n    if (this.activeClients.has(client)) {\n      return;\n    }\n    this.activeClients.add(client);\n    this.refresh = setInterval(() => client.emit('ping'), 5000);\n  }\n}\nmodule.exports = AccessoriesService;\n",
      errors: [{ messageId: 'timer', line: 5, column: 9 }],
      output: "class AccessoriesService {\n  constructor() {\n    this.activeClients = new Set();\n  }\n  async connect(client) {\n    if (this.refresh) return;\n    if (this.activeClients.has(client)) {\n      return;\n    }\n    this.activeClients.add(client);\n    this.refresh = setInterval(() => client.emit('ping'), 5000);\n  }\n}\nmodule.exports = AccessoriesService;\n",
    },
    {
      name: 'a start method the memo block does not hold: called outside the if (!this.startPromise) block',
      filename: 'src/monitor.js',
      code: "class Monitor {\n  constructor() {\n    this.startPromise = null;\n  }\n  async ensureStarted() {\n    if (!this.startPromise) {\n      this.startPromise = Promise.resolve();\n    }\n    await this.startMonitoring();\n    return this.startPromise;\n  }\n  async startMonitoring() {\n    this.timer = setInterval(() => this.poll(), 10000);\n  }\n  poll() {}\n}\nmodule.exports = Monitor;\n",
      errors: [{ messageId: 'timer', line: 12, column: 9 }],
      output: "class Monitor {\n  constructor() {\n    this.startPromise = null;\n  }\n  async ensureStarted() {\n    if (!this.startPromise) {\n      this.startPromise = Promise.resolve();\n    }\n    await this.startMonitoring();\n    return this.startPromise;\n  }\n  async startMonitoring() {\n    if (this.timer) return;\n    this.timer = setInterval(() => this.poll(), 10000);\n  }\n  poll() {}\n}\nmodule.exports = Monitor;\n",
    },
    {
      name: 'a factory that starts the fresh server twice on one path',
      code: `import http from 'node:http';
export class TestServer {
  server?: http.Server;
  constructor(readonly port: number) {}
  start(callback: (err?: Error) => void) {
    this.server = http.createServer((req, res) => res.end('ok'));
    this.server.listen(this.port, () => callback());
  }
}
export function startServer(port: number, callback?: (err?: Error) => void) {
  const server = new TestServer(port);
  if (callback) server.start(callback);
  return new Promise<void>((resolve, reject) => {
    server.start((err) => (err ? reject(err) : resolve()));
  });
}
`,
      errors: [{ messageId: 'server', line: 5, column: 3 }],
      output: `import http from 'node:http';
export class TestServer {
  server?: http.Server;
  constructor(readonly port: number) {}
  start(callback: (err?: Error) => void) {
    if (this.server) return;
    this.server = http.createServer((req, res) => res.end('ok'));
    this.server.listen(this.port, () => callback());
  }
}
export function startServer(port: number, callback?: (err?: Error) => void) {
  const server = new TestServer(port);
  if (callback) server.start(callback);
  return new Promise<void>((resolve, reject) => {
    server.start((err) => (err ? reject(err) : resolve()));
  });
}
`,
    },
    {
      name: 'a private method called once from a public start(): a second start() runs it again',
      code: `export class Service {
  start(): void {
    this.startPolling();
  }

  private startPolling(): void {
    process.on('message', (m) => this.handle(m));
  }

  handle(m: unknown): unknown {
    return m;
  }
}
`,
      errors: [{ messageId: 'listener', line: 6, column: 11 }],
      output: `export class Service {
  #started = false;
  start(): void {
    this.startPolling();
  }

  private startPolling(): void {
    if (this.#started) return;
    this.#started = true;
    process.on('message', (m) => this.handle(m));
  }

  handle(m: unknown): unknown {
    return m;
  }
}
`,
    },
    {
      name: 'made into a member and started at once, but a restart() of the owner starts the same object again',
      filename: 'src/reverse.js',
      code: `module.exports = class Reverse {
  constructor (transport) {
    this.transport = transport
  }
  start () {
    this.transport.on('trigger:action', this.onAction.bind(this))
  }
  onAction () {}
}
`,
      files: {
        'src/daemon.js': `const Reverse = require('./reverse.js')
module.exports = class Daemon {
  start (transport) {
    this.reverse = new Reverse(transport)
    this.reverse.start()
  }
  restart () {
    this.reverse.start()
  }
}
`,
      },
      errors: [{ messageId: 'listener', line: 5, column: 3 }],
      output: `module.exports = class Reverse {
  #started = false
  constructor (transport) {
    this.transport = transport
  }
  start () {
    if (this.#started) return
    this.#started = true
    this.transport.on('trigger:action', this.onAction.bind(this))
  }
  onAction () {}
}
`,
    },
    {
      name: 'held by its owner, but started from two places (start and a public reload): each reload adds a timer',
      code: `class State {
  timer?: NodeJS.Timeout;
  start(): void {
    this.timer = setInterval(() => this.save(), 60_000);
  }
  save(): void {}
}

export class Controller {
  private readonly state = new State();
  start(): void {
    this.state.start();
  }
  reload(): void {
    this.state.start();
  }
}
`,
      errors: [{ messageId: 'timer', data: { method: 'start', what: 'this.timer = setInterval(…)', guard: 'if (this.timer) return;' }, line: 3, column: 3 }],
      output: `class State {
  timer?: NodeJS.Timeout;
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.save(), 60_000);
  }
  save(): void {}
}

export class Controller {
  private readonly state = new State();
  start(): void {
    this.state.start();
  }
  reload(): void {
    this.state.start();
  }
}
`,
    },
    {
      name: 'a private method its class calls in a loop: it runs once per turn',
      code: `export class Cli {
  run(files: string[]): void {
    for (const file of files) this.startWithConfig(file);
  }

  private startWithConfig(file: string): void {
    process.on('SIGHUP', () => this.reload(file));
  }

  reload(file: string): string {
    return file;
  }
}
`,
      errors: [{ messageId: 'listener', line: 6, column: 11 }],
      output: `export class Cli {
  #started = false;
  run(files: string[]): void {
    for (const file of files) this.startWithConfig(file);
  }

  private startWithConfig(file: string): void {
    if (this.#started) return;
    this.#started = true;
    process.on('SIGHUP', () => this.reload(file));
  }

  reload(file: string): string {
    return file;
  }
}
`,
    },
    {
      name: 'made and started at once elsewhere, but the class restarts itself from a listener',
      filename: 'src/poller.js',
      code: `class Poller {
  constructor(emitter) {
    this.emitter = emitter;
    this.emitter.on('reconnect', () => this.start());
  }
  start() {
    this.timer = setInterval(() => this.poll(), 1000);
  }
  poll() {}
}
module.exports = Poller;
`,
      files: { 'src/main.js': "const Poller = require('./poller');\nconst p = new Poller(process);\np.start();\n" },
      errors: [{ messageId: 'timer', line: 6, column: 3 }],
      output: `class Poller {
  constructor(emitter) {
    this.emitter = emitter;
    this.emitter.on('reconnect', () => this.start());
  }
  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.poll(), 1000);
  }
  poll() {}
}
module.exports = Poller;
`,
    },
    {
      name: 'a heartbeat started from a helper of init(), but the class runs that helper again from a reconnect listener',
      filename: 'lib/cluster/node.js',
      code: `class ClusterNode {
  constructor(publisher) {
    this.publisher = publisher;
    this.publisher.on('reconnect', () => this.handshake());
  }
  async init() {
    await this.handshake();
  }
  async handshake() {
    await this.publisher.announce();
    this.startHeartbeat();
  }
  startHeartbeat() {
    this.heartbeatTimer = setInterval(() => this.publisher.sendHeartbeat(), 2000);
  }
}
module.exports = ClusterNode;
`,
      files: { 'lib/kuzzle.js': "const ClusterNode = require('./cluster/node');\nexports.boot = async (publisher) => { await new ClusterNode(publisher).init(); };\n" },
      errors: [{ messageId: 'timer', line: 13, column: 3 }],
      output: `class ClusterNode {
  constructor(publisher) {
    this.publisher = publisher;
    this.publisher.on('reconnect', () => this.handshake());
  }
  async init() {
    await this.handshake();
  }
  async handshake() {
    await this.publisher.announce();
    this.startHeartbeat();
  }
  startHeartbeat() {
    if (this.heartbeatTimer) return;
    this.heartbeatTimer = setInterval(() => this.publisher.sendHeartbeat(), 2000);
  }
}
module.exports = ClusterNode;
`,
    },
    {
      name: 'a heartbeat started from a helper of init() that the class also hands to a reconnect listener by name',
      filename: 'lib/cluster/node.js',
      code: `class ClusterNode {
  constructor(publisher) {
    this.publisher = publisher;
  }
  async init() {
    this.publisher.on('reconnect', this.handshake.bind(this));
    await this.handshake();
  }
  async handshake() {
    this.startHeartbeat();
  }
  startHeartbeat() {
    this.heartbeatTimer = setInterval(() => this.publisher.sendHeartbeat(), 2000);
  }
}
module.exports = ClusterNode;
`,
      files: { 'lib/kuzzle.js': "const ClusterNode = require('./cluster/node');\nexports.boot = async (publisher) => { await new ClusterNode(publisher).init(); };\n" },
      errors: [{ messageId: 'timer', line: 12, column: 3 }],
      output: `class ClusterNode {
  constructor(publisher) {
    this.publisher = publisher;
  }
  async init() {
    this.publisher.on('reconnect', this.handshake.bind(this));
    await this.handshake();
  }
  async handshake() {
    this.startHeartbeat();
  }
  startHeartbeat() {
    if (this.heartbeatTimer) return;
    this.heartbeatTimer = setInterval(() => this.publisher.sendHeartbeat(), 2000);
  }
}
module.exports = ClusterNode;
`,
    },
    {
      name: 'a refresh timer started by a method the owner calls on every reconnect: not once per object',
      filename: 'lib/cluster/idCardHandler.js',
      code: `class IdCardHandler {
  constructor(store) {
    this.store = store;
  }
  async createIdCard() {
    await this.store.reserve();
    this.startTemporaryRefresh();
  }
  startTemporaryRefresh() {
    this.refreshTimer = setInterval(() => this.store.save(), 1000);
  }
}
module.exports = { IdCardHandler };
`,
      files: {
        'lib/cluster/node.js': `const { IdCardHandler } = require('./idCardHandler');
class ClusterNode {
  constructor(store) {
    this.idCards = new IdCardHandler(store);
    store.on('reconnect', () => this.idCards.createIdCard());
  }
}
module.exports = ClusterNode;
`,
      },
      errors: [{ messageId: 'timer', line: 9, column: 3 }],
      output: `class IdCardHandler {
  constructor(store) {
    this.store = store;
  }
  async createIdCard() {
    await this.store.reserve();
    this.startTemporaryRefresh();
  }
  startTemporaryRefresh() {
    if (this.refreshTimer) return;
    this.refreshTimer = setInterval(() => this.store.save(), 1000);
  }
}
module.exports = { IdCardHandler };
`,
    },
    {
      name: 'overrides a base start() that does work of its own: not an empty hook',
      filename: 'src/extension/frontend.ts',
      code: `import http from 'node:http';
import Extension from './extension';
export class Frontend extends Extension {
  private server?: http.Server;
  override async start(): Promise<void> {
    this.server = http.createServer((req, res) => res.end('ok'));
    this.server.listen(8080);
  }
}
`,
      files: {
        'src/extension/extension.ts': `export default class Extension {
  started = 0;
  async start(): Promise<void> {
    this.started++;
  }
}
`,
      },
      errors: [{ messageId: 'server', line: 5, column: 18 }],
      output: `import http from 'node:http';
import Extension from './extension';
export class Frontend extends Extension {
  private server?: http.Server;
  override async start(): Promise<void> {
    if (this.server) return;
    this.server = http.createServer((req, res) => res.end('ok'));
    this.server.listen(8080);
  }
}
`,
    },
    {
      name: 'a start method called by the constructor and again by a public restart path',
      code: `export class Ticker {
  timer?: NodeJS.Timeout;
  constructor() {
    this.start();
  }
  start(): void {
    this.timer = setInterval(() => {}, 1000);
  }
  reload(): void {
    this.start();
  }
}
`,
      errors: [{ messageId: 'timer', data: { method: 'start', what: 'this.timer = setInterval(…)', guard: 'if (this.timer) return;' }, line: 6, column: 3 }],
      output: `export class Ticker {
  timer?: NodeJS.Timeout;
  constructor() {
    this.start();
  }
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {}, 1000);
  }
  reload(): void {
    this.start();
  }
}
`,
    },
    {
      name: 'a one-shot listener that does not hand the event to a caller is added again on every call',
      code: `import { EventEmitter } from 'node:events';
export class Link extends EventEmitter {
  connect(): void {
    this.once('ready', () => this.flush());
  }
  flush(): void {}
}
`,
      errors: [{ messageId: 'listener', data: { method: 'connect', what: "this.once('ready', …)", guard: 'if (this.#started) return;' }, line: 3, column: 3 }],
      output: `import { EventEmitter } from 'node:events';
export class Link extends EventEmitter {
  #started = false;
  connect(): void {
    if (this.#started) return;
    this.#started = true;
    this.once('ready', () => this.flush());
  }
  flush(): void {}
}
`,
    },
    {
      name: 'timer in a field, nothing stops it: guard on the field',
      code: `export class Poller {
  private timer?: NodeJS.Timeout;

  start() {
    this.timer = setInterval(() => this.poll(), 1000);
  }

  poll() {}
}
`,
      errors: [{ message: timerMessage('start', 'this.timer = setInterval(…)', 'if (this.timer) return;'), line: 4, column: 3, endLine: 4, endColumn: 8, severity: 'warn' }],
      output: `export class Poller {
  private timer?: NodeJS.Timeout;

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.poll(), 1000);
  }

  poll() {}
}
`,
    },
    {
      name: 'timer cleared and emptied by stop(): guard on the field keeps restart working',
      code: `export class Poller {
  private timer: NodeJS.Timeout | undefined;

  startPolling(ms: number): void {
    this.timer = setInterval(() => undefined, ms);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
`,
      errors: [{ messageId: 'timer', line: 4, column: 3, endLine: 4, endColumn: 15 }],
      output: `export class Poller {
  private timer: NodeJS.Timeout | undefined;

  startPolling(ms: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => undefined, ms);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
`,
    },
    {
      name: 'stop() clears the timer but keeps the handle: a started flag that stop() resets',
      code: `export class Poller {
  private timer?: NodeJS.Timeout;

  start() {
    this.timer = setInterval(() => undefined, 1000);
  }

  stop() {
    clearInterval(this.timer);
  }
}
`,
      errors: [{ messageId: 'timer', line: 4, column: 3 }],
      output: `export class Poller {
  #started = false;
  private timer?: NodeJS.Timeout;

  start() {
    if (this.#started) return;
    this.#started = true;
    this.timer = setInterval(() => undefined, 1000);
  }

  stop() {
    clearInterval(this.timer);
    this.#started = false;
  }
}
`,
    },
    {
      // Issue 9: \`if (this._worker) return\` was offered because the field is emptied somewhere
      // (the exit handler), but destroy() never empties it: the object could not start again.
      name: 'the field is emptied by an exit handler, not by destroy(): a started flag that destroy() resets',
      code: `import { Worker } from 'node:worker_threads';

export class Pool {
  private _worker: Worker | null = null;

  start() {
    this._worker = new Worker('./task.js');
    this._worker.on('exit', () => {
      this._worker = null;
    });
  }

  destroy() {
    void this._worker?.terminate();
  }
}
`,
      errors: [{ messageId: 'resource', line: 6, column: 3 }],
      output: `import { Worker } from 'node:worker_threads';

export class Pool {
  #started = false;
  private _worker: Worker | null = null;

  start() {
    if (this.#started) return;
    this.#started = true;
    this._worker = new Worker('./task.js');
    this._worker.on('exit', () => {
      this._worker = null;
    });
  }

  destroy() {
    void this._worker?.terminate();
    this.#started = false;
  }
}
`,
    },
    {
      name: 'the field is emptied by close() and by stop(): the guard on the field keeps restart working',
      code: `export class Poller {
  private timer: NodeJS.Timeout | undefined;

  start() {
    this.timer = setInterval(() => undefined, 1000);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  close() {
    this.stop();
    delete this.timer;
  }
}
`,
      errors: [{ messageId: 'timer', line: 4, column: 3 }],
      output: `export class Poller {
  private timer: NodeJS.Timeout | undefined;

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => undefined, 1000);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  close() {
    this.stop();
    delete this.timer;
  }
}
`,
    },
    {
      name: 'server created and listened in start(), closed and emptied in close()',
      code: `import http from 'node:http';

export class Api {
  private server?: http.Server;

  async start(port: number) {
    this.server = http.createServer((req, res) => res.end('ok'));
    this.server.listen(port);
  }

  close() {
    this.server?.close();
    this.server = undefined;
  }
}
`,
      errors: [{
        message: serverMessage('start', 'this.server = http.createServer(…)', 'if (this.server) return;'),
        line: 6, column: 9, endLine: 6, endColumn: 14,
      }],
      output: `import http from 'node:http';

export class Api {
  private server?: http.Server;

  async start(port: number) {
    if (this.server) return;
    this.server = http.createServer((req, res) => res.end('ok'));
    this.server.listen(port);
  }

  close() {
    this.server?.close();
    this.server = undefined;
  }
}
`,
    },
    {
      name: 'express app.listen stored on this',
      code: `import express from 'express';
import type { Server } from 'node:http';

export class Web {
  private app = express();
  private server: Server | null = null;

  start(port: number) {
    this.server = this.app.listen(port);
  }

  stop() {
    this.server?.close();
    this.server = null;
  }
}
`,
      typecheck: false,
      errors: [{ messageId: 'server', data: { method: 'start', what: 'this.server = this.app.listen(…)', guard: 'if (this.server) return;' }, line: 8, column: 3 }],
      output: `import express from 'express';
import type { Server } from 'node:http';

export class Web {
  private app = express();
  private server: Server | null = null;

  start(port: number) {
    if (this.server) return;
    this.server = this.app.listen(port);
  }

  stop() {
    this.server?.close();
    this.server = null;
  }
}
`,
    },
    {
      name: 'a listener on process in init() (JavaScript, no semicolons)',
      filename: 'src/bus.js',
      code: `export class Bus {
  init() {
    process.on('message', (m) => this.handle(m))
  }

  handle(m) {
    return m
  }
}

export const bus = new Bus()
`,
      errors: [{
        message: listenerMessage('init', "process.on('message', …)", 'if (this.#started) return;'),
        line: 2, column: 3, endLine: 2, endColumn: 7,
      }],
      output: `export class Bus {
  #started = false
  init() {
    if (this.#started) return
    this.#started = true
    process.on('message', (m) => this.handle(m))
  }

  handle(m) {
    return m
  }
}

export const bus = new Bus()
`,
    },
    {
      name: 'a listener on a module-level emitter, and stop() resets the flag before its final return',
      code: `import { EventEmitter } from 'node:events';

const bus = new EventEmitter();

export class Audit {
  private onOrder = (id: string) => void id;

  connect() {
    bus.on('order', this.onOrder);
  }

  disconnect(): boolean {
    bus.off('order', this.onOrder);
    return true;
  }
}
`,
      errors: [{ messageId: 'listener', line: 8, column: 3 }],
      output: `import { EventEmitter } from 'node:events';

const bus = new EventEmitter();

export class Audit {
  #started = false;
  private onOrder = (id: string) => void id;

  connect() {
    if (this.#started) return;
    this.#started = true;
    bus.on('order', this.onOrder);
  }

  disconnect(): boolean {
    bus.off('order', this.onOrder);
    this.#started = false;
    return true;
  }
}
`,
    },
    {
      name: 'a loop kicked off on a running flag that stop() clears: the flag is the guard',
      code: `export class Consumer {
  private running = false;

  async run(): Promise<void> {
    this.running = true;
    while (this.running) {
      await this.pollOnce();
    }
  }

  async pollOnce() {}

  stop() {
    this.running = false;
  }
}
`,
      errors: [{
        message: loopMessage('run', 'while (this.running)', 'if (this.running) return;'),
        line: 4, column: 9, endLine: 4, endColumn: 12,
      }],
      output: `export class Consumer {
  private running = false;

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    while (this.running) {
      await this.pollOnce();
    }
  }

  async pollOnce() {}

  stop() {
    this.running = false;
  }
}
`,
    },
    {
      name: 'a watcher (knowledge: fs.watch is a watcher)',
      code: `import fs from 'node:fs';

export class ConfigReloader {
  private watcher?: fs.FSWatcher;

  start(file: string) {
    this.watcher = fs.watch(file, () => this.reload());
  }

  reload() {}
}
`,
      errors: [{
        message: resourceMessage('start', 'this.watcher = fs.watch(…)', 'if (this.watcher) return;'),
        line: 6, column: 3,
      }],
      output: `import fs from 'node:fs';

export class ConfigReloader {
  private watcher?: fs.FSWatcher;

  start(file: string) {
    if (this.watcher) return;
    this.watcher = fs.watch(file, () => this.reload());
  }

  reload() {}
}
`,
    },
    {
      name: 'a return type the early return cannot satisfy: reported without a fix',
      code: `import http from 'node:http';

export class Api {
  private server?: http.Server;

  listen(port: number): http.Server {
    this.server = http.createServer();
    return this.server.listen(port);
  }
}
`,
      errors: [{ messageId: 'server', line: 6, column: 3 }],
      output: null,
    },
    {
      name: 'a guard on constructor-only configuration is not a guard against a second call',
      code: `export class Poller {
  private timer?: NodeJS.Timeout;

  constructor(private readonly enabled: boolean) {}

  start() {
    if (!this.enabled) return;
    this.timer = setInterval(() => undefined, 1000);
  }
}
`,
      errors: [{ messageId: 'timer', data: { method: 'start', what: 'this.timer = setInterval(…)', guard: 'if (this.timer) return;' }, line: 6, column: 3 }],
      output: `export class Poller {
  private timer?: NodeJS.Timeout;

  constructor(private readonly enabled: boolean) {}

  start() {
    if (this.timer) return;
    if (!this.enabled) return;
    this.timer = setInterval(() => undefined, 1000);
  }
}
`,
    },
    {
      name: 'a body on one line',
      code: `export class Poller {
  private timer?: NodeJS.Timeout;
  start() { this.timer = setInterval(() => undefined, 1000); }
}
`,
      errors: [{ messageId: 'timer', line: 3, column: 3 }],
      output: `export class Poller {
  private timer?: NodeJS.Timeout;
  start() { if (this.timer) return; this.timer = setInterval(() => undefined, 1000); }
}
`,
    },
    {
      name: 'a public start() guarded by state that never changes reaches init(): an EventEmitter base is no framework; the multi-worker calls connect() on the worker before start(), so it is no fresh start',
      code: `import { EventEmitter } from 'node:events';
export class Worker extends EventEmitter {
  private pingTimer?: NodeJS.Timeout;
  constructor(private readonly ready = true) {
    super();
  }
  async start() {
    if (this.ready) {
      await this.init();
    }
  }
  async init() {
    this.pingTimer = setInterval(() => this.emit('ping'), 1000);
  }
  async end() {
    clearInterval(this.pingTimer);
  }
  async connect() {}
}
`,
      files: {
        'src/multi-worker.ts': `import { Worker } from './test-case';
export class MultiWorker {
  workers: Worker[] = [];
  async add() {
    const worker = new Worker();
    this.workers.push(worker);
    await worker.connect();
    await worker.start();
  }
}
`,
      },
      errors: [{ messageId: 'timer', data: { method: 'init', what: 'this.pingTimer = setInterval(…)', guard: 'if (this.#started) return;' }, line: 12, column: 9 }],
      output: `import { EventEmitter } from 'node:events';
export class Worker extends EventEmitter {
  #started = false;
  private pingTimer?: NodeJS.Timeout;
  constructor(private readonly ready = true) {
    super();
  }
  async start() {
    if (this.ready) {
      await this.init();
    }
  }
  async init() {
    if (this.#started) return;
    this.#started = true;
    this.pingTimer = setInterval(() => this.emit('ping'), 1000);
  }
  async end() {
    clearInterval(this.pingTimer);
    this.#started = false;
  }
  async connect() {}
}
`,
    },
    {
      name: 'a sibling called first that does not clear the field is no guard',
      code: `export class Client {
  private heartbeatTimer: NodeJS.Timeout | null = null;
  startHeartbeat() {
    this.log();
    this.heartbeatTimer = setInterval(() => undefined, 1000);
  }
  log() {
    console.log('starting');
  }
}
`,
      errors: [{ messageId: 'timer', data: { method: 'startHeartbeat', what: 'this.heartbeatTimer = setInterval(…)', guard: 'if (this.heartbeatTimer) return;' }, line: 3, column: 3 }],
      output: `export class Client {
  private heartbeatTimer: NodeJS.Timeout | null = null;
  startHeartbeat() {
    if (this.heartbeatTimer) return;
    this.log();
    this.heartbeatTimer = setInterval(() => undefined, 1000);
  }
  log() {
    console.log('starting');
  }
}
`,
    },
    {
      name: 'a method assigned on a prototype',
      filename: 'lib/crawler.js',
      code: `var EventEmitter = require('events').EventEmitter;
var util = require('util');
var Crawler = function (url) {
  EventEmitter.call(this);
  this.url = url;
  this.running = false;
};
util.inherits(Crawler, EventEmitter);
Crawler.prototype.start = function () {
  var crawler = this;
  this.crawlIntervalID = setInterval(function () {
    crawler.crawl();
  }, 250);
  this.running = true;
  return this;
};
Crawler.prototype.crawl = function () {
  return this;
};
Crawler.prototype.stop = function () {
  clearInterval(this.crawlIntervalID);
  this.running = false;
  return this;
};
module.exports = Crawler;
`,
      errors: [{ messageId: 'timer', data: { method: 'start', what: 'this.crawlIntervalID = setInterval(…)', guard: 'if (this.started) return;' }, line: 9, column: 19 }],
    },
    {
      name: 'a start function a factory returns, its state in the closure; a flag only dispose() sets is no guard',
      code: `import type { EventEmitter } from 'node:events';
export function createController(appEvents: EventEmitter, runPass: () => void) {
  let disposed = false;
  function start(): void {
    if (disposed) return;
    const onWake = (): void => runPass();
    appEvents.on('focus', onWake);
  }
  function dispose(): void {
    disposed = true;
  }
  return { start, dispose };
}
`,
      errors: [{ messageId: 'listener', data: { method: 'start', what: "appEvents.on('focus', …)", guard: 'if (started) return;' }, line: 4, column: 12 }],
    },
    {
      name: 'an object made and started, then started again by the same caller',
      filename: 'src/session.js',
      code: `class Session {
  constructor(socket) {
    this.socket = socket;
  }
  run() {
    this.socket.on('data', () => undefined);
  }
}
module.exports = Session;
`,
      files: { 'src/server.js': "const Session = require('./session');\nexports.handle = (socket) => {\n  const s = new Session(socket);\n  s.run();\n  socket.on('reconnect', () => s.run());\n};\n" },
      errors: [{ messageId: 'listener', data: { method: 'run', what: "this.socket.on('data', …)", guard: 'if (this.#started) return;' }, line: 5, column: 3 }],
      output: `class Session {
  #started = false;
  constructor(socket) {
    this.socket = socket;
  }
  run() {
    if (this.#started) return;
    this.#started = true;
    this.socket.on('data', () => undefined);
  }
}
module.exports = Session;
`,
    },
    {
      name: "init() past start()'s guard, but also run by an unguarded restart(): a second run adds the listeners again",
      filename: 'lib/diagram/runtime.js',
      code: `class DiagramRuntime {
  constructor(sandbox) {
    this.sandbox = sandbox;
    this.started = false;
  }
  start(options) {
    if (this.started) {
      throw new Error('The diagram is already running');
    }
    this.started = true;
    this.options = options;
    void this.init();
  }
  restart() {
    void this.init();
  }
  async init() {
    for (const id of this.options.inputs) {
      this.sandbox.on(id, () => this.run());
    }
  }
  run() {}
}
module.exports = DiagramRuntime;
`,
      errors: [{ messageId: 'listener', data: { method: 'init', what: 'this.sandbox.on(…)', guard: 'if (this.#started) return;' }, line: 17, column: 9 }],
      output: `class DiagramRuntime {
  #started = false;
  constructor(sandbox) {
    this.sandbox = sandbox;
    this.started = false;
  }
  start(options) {
    if (this.started) {
      throw new Error('The diagram is already running');
    }
    this.started = true;
    this.options = options;
    void this.init();
  }
  restart() {
    void this.init();
  }
  async init() {
    if (this.#started) return;
    this.#started = true;
    for (const id of this.options.inputs) {
      this.sandbox.on(id, () => this.run());
    }
  }
  run() {}
}
module.exports = DiagramRuntime;
`,
    },
    {
      name: 'listeners on the socket the constructor made, wired by open(): a second open() wires the same socket twice',
      filename: 'lib/connection.js',
      code: `const net = require('net');
class Connection {
  constructor(port, host) {
    this.socket = new net.Socket();
    this.port = port;
    this.host = host;
  }
  listen() {
    this.socket.on('close', () => this.onClose());
    return this;
  }
  async open() {
    this.socket.connect(this.port, this.host);
    this.listen();
  }
  onClose() {}
}
module.exports = { Connection };
`,
      errors: [{ messageId: 'listener', data: { method: 'listen', what: "this.socket.on('close', …)", guard: 'if (this.#started) return;' }, line: 8, column: 3 }],
      output: `const net = require('net');
class Connection {
  #started = false;
  constructor(port, host) {
    this.socket = new net.Socket();
    this.port = port;
    this.host = host;
  }
  listen() {
    if (this.#started) return this;
    this.#started = true;
    this.socket.on('close', () => this.onClose());
    return this;
  }
  async open() {
    this.socket.connect(this.port, this.host);
    this.listen();
  }
  onClose() {}
}
module.exports = { Connection };
`,
    },
    {
      name: "the driver connects the link it made at start-up again from reconnect(): the link's connect() runs twice",
      filename: 'lib/link.js',
      code: `class Link {
  constructor(port) {
    this.port = port;
  }
  async connect() {
    await this.port.open();
    this.watchdogTimer = setInterval(() => this.port.write('ping'), 10000);
  }
  async close() {
    clearInterval(this.watchdogTimer);
    await this.port.close();
  }
}
exports.Link = Link;
`,
      files: {
        'lib/driver.js': `const link_1 = require('./link');
class Driver {
  constructor(port) {
    this.port = port;
  }
  async startup() {
    this.link = new link_1.Link(this.port);
    try {
      await this.link.connect();
    } catch (error) {
      throw new Error('could not connect', { cause: error });
    }
  }
  async reconnect() {
    await this.link.connect();
  }
}
exports.Driver = Driver;
`,
      },
      errors: [{ messageId: 'timer', data: { method: 'connect', what: 'this.watchdogTimer = setInterval(…)', guard: 'if (this.#started) return;' }, line: 5, column: 9 }],
      output: `class Link {
  #started = false;
  constructor(port) {
    this.port = port;
  }
  async connect() {
    if (this.#started) return;
    this.#started = true;
    await this.port.open();
    this.watchdogTimer = setInterval(() => this.port.write('ping'), 10000);
  }
  async close() {
    clearInterval(this.watchdogTimer);
    await this.port.close();
    this.#started = false;
  }
}
exports.Link = Link;
`,
    },
    {
      name: 'a prototype-style listen() that makes a new server on every call',
      filename: 'lib/server.js',
      code: `const net = require('net');
function Server(options) {
  this.options = options;
}
Server.prototype.listen = function (port, callback) {
  this.server = net.createServer((c) => c.end());
  return this.server.listen(port, callback);
};
Server.prototype.close = function (callback) {
  return this.server.close(callback);
};
module.exports = Server;
`,
      errors: [{ messageId: 'server', data: { method: 'listen', what: 'this.server = net.createServer(…)', guard: 'if (this.started) return;' }, line: 5, column: 18 }],
      output: null,
    },
    {
      name: "start() reaches init() under a precondition another method sets (`if (this.ready)`), which start() never raises: no guard",
      code: `import { EventEmitter } from 'node:events';
export class Worker extends EventEmitter {
  ready = false;
  started = false;
  private pingTimer?: NodeJS.Timeout;
  async connect() {
    this.ready = true;
  }
  async start() {
    if (this.ready) {
      this.started = true;
      await this.init();
    }
  }
  async init() {
    this.pingTimer = setInterval(() => this.emit('ping'), 1000);
  }
  async end() {
    clearInterval(this.pingTimer);
  }
}
`,
      errors: [{ messageId: 'timer', data: { method: 'init', what: 'this.pingTimer = setInterval(…)', guard: 'if (this.#started) return;' }, line: 15, column: 9 }],
      output: `import { EventEmitter } from 'node:events';
export class Worker extends EventEmitter {
  #started = false;
  ready = false;
  started = false;
  private pingTimer?: NodeJS.Timeout;
  async connect() {
    this.ready = true;
  }
  async start() {
    if (this.ready) {
      this.started = true;
      await this.init();
    }
  }
  async init() {
    if (this.#started) return;
    this.#started = true;
    this.pingTimer = setInterval(() => this.emit('ping'), 1000);
  }
  async end() {
    clearInterval(this.pingTimer);
    this.#started = false;
  }
}
`,
    },
    {
      name: 'started on what a factory function returns, but the function hands out one shared spinner: every caller starts the same one',
      filename: 'lib/support/spinner.js',
      code: `class Spinner {
  constructor({ text = '', stream = process.stderr } = {}) {
    this.text = text;
    this.stream = stream;
    this.intervalId = undefined;
  }
  start() {
    this.intervalId = setInterval(() => this.stream.write(this.text), 500);
    return this;
  }
  succeed(text) {
    clearInterval(this.intervalId);
    this.stream.write(text + '\\n');
  }
}
let shared;
export default function ora(options) {
  shared ??= new Spinner(options);
  return shared;
}
`,
      files: {
        'bin/cli.js': `#!/usr/bin/env node
import ora from '../lib/support/spinner.js';
const spinner = ora({ text: 'Sending the test' }).start();
spinner.succeed('Sent');
`,
      },
      errors: [{ messageId: 'timer', data: { method: 'start', what: 'this.intervalId = setInterval(…)', guard: 'if (this.intervalId) return;' }, line: 7, column: 3 }],
      output: `class Spinner {
  constructor({ text = '', stream = process.stderr } = {}) {
    this.text = text;
    this.stream = stream;
    this.intervalId = undefined;
  }
  start() {
    if (this.intervalId) return this;
    this.intervalId = setInterval(() => this.stream.write(this.text), 500);
    return this;
  }
  succeed(text) {
    clearInterval(this.intervalId);
    this.stream.write(text + '\\n');
  }
}
let shared;
export default function ora(options) {
  shared ??= new Spinner(options);
  return shared;
}
`,
    },
    {
      name: 'made and put in the registry, then inited twice by the same caller: not once per subscriber',
      filename: 'lib/cluster/subscriber.js',
      code: `class ClusterSubscriber {
  constructor(node, remoteId) {
    this.node = node;
    this.remoteId = remoteId;
  }
  async init() {
    this.heartbeatTimer = setInterval(() => this.checkHeartbeat(), 5000);
  }
  checkHeartbeat() {}
}
module.exports = ClusterSubscriber;
`,
      files: {
        'lib/cluster/node.js': `const ClusterSubscriber = require('./subscriber');
class ClusterNode {
  constructor() {
    this.remoteNodes = new Map();
  }
  async addNode(id) {
    const subscriber = new ClusterSubscriber(this, id);
    this.remoteNodes.set(id, subscriber);
    await subscriber.init();
    subscriber.node.on('rejoin', () => subscriber.init());
  }
}
module.exports = ClusterNode;
`,
      },
      errors: [{ messageId: 'timer', data: { method: 'init', what: 'this.heartbeatTimer = setInterval(…)', guard: 'if (this.heartbeatTimer) return;' }, line: 6, column: 9 }],
      output: `class ClusterSubscriber {
  constructor(node, remoteId) {
    this.node = node;
    this.remoteId = remoteId;
  }
  async init() {
    if (this.heartbeatTimer) return;
    this.heartbeatTimer = setInterval(() => this.checkHeartbeat(), 5000);
  }
  checkHeartbeat() {}
}
module.exports = ClusterSubscriber;
`,
    },
  ],
});

const WEB_WORKER = `import * as http from 'http';
export class WebWorker {
    protected server?: http.Server;
    constructor(public id: number, protected options: { port: number }) {}
    start() {
        this.server = http.createServer((req, res) => res.end());
        this.server.listen(this.options.port);
    }
    close() {
        this.server?.close();
    }
}
export class WebWorkerFactory {
    create(id: number, options: { port: number }): WebWorker {
        return new WebWorker(id, options);
    }
}
`;
/** The worker with the guard the fix writes. */
const guardedWorker = (worker: string) => worker
  .replace('export class WebWorker {\n', 'export class WebWorker {\n    #started = false;\n')
  .replace('    start() {\n', '    start() {\n        if (this.#started) return;\n        this.#started = true;\n')
  .replace('        this.server?.close();\n', '        this.server?.close();\n        this.#started = false;\n');
const applicationServer = (extra: string, create = 'this.webWorkerFactory.create(1, this.config)') => `import { WebWorker, WebWorkerFactory } from './worker';
export class ApplicationServer {
    protected httpWorker?: WebWorker;
    protected started = false;
    constructor(protected webWorkerFactory: WebWorkerFactory, protected config: { port: number }) {}
    async start(cluster: boolean) {
        if (this.started) throw new Error('ApplicationServer already started');
        this.started = true;
        if (cluster) {
            this.httpWorker = ${create.replace('1,', '2,')};
            this.httpWorker.start();
        } else {
            this.httpWorker = ${create};
            this.httpWorker.start();
        }
    }
${extra}}
`;

const KEPT_WORKER = WEB_WORKER.replace('return new WebWorker(id, options);', 'return this.worker ??= new WebWorker(id, options);')
  .replace('export class WebWorkerFactory {', 'export class WebWorkerFactory {\n    worker?: WebWorker;');

runRuleTests(rule, {
  valid: [
    {
      name: 'every start() is on a worker a project factory method (`this.webWorkerFactory.create(…)`, returning `new WebWorker(…)`) has just made, in two branches of a guarded start (@deepkit/framework, check 45)',
      filename: 'src/worker.ts',
      code: WEB_WORKER,
      files: { 'src/application-server.ts': applicationServer('') },
    },
  ],
  invalid: [
    {
      name: 'the owner also starts the worker it holds again from restart(), with no new one made: a second start on one worker',
      filename: 'src/worker.ts',
      code: WEB_WORKER,
      files: { 'src/application-server.ts': applicationServer('    restart() {\n        this.httpWorker!.start();\n    }\n') },
      output: guardedWorker(WEB_WORKER),
      errors: [{ messageId: 'server', line: 5, column: 5 }],
    },
    {
      name: 'the factory method hands back the worker it keeps (`return this.worker ??= new WebWorker(…)`): not a fresh worker each time',
      filename: 'src/worker.ts',
      code: KEPT_WORKER,
      files: { 'src/application-server.ts': applicationServer('') },
      output: guardedWorker(KEPT_WORKER),
      errors: [{ messageId: 'server', line: 5, column: 5 }],
    },
  ],
});
