import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../rules/missing-timeout';
import { lintCase, runRuleTests } from '../rule-tester';

const HTTP_WHY = 'A server that stops answering (or trickles its body) holds the request, its socket and everything waiting on it forever; in a service such calls pile up until sockets or memory run out.';
const DB_WHY = 'When the database is unreachable or the pool is exhausted, every caller waits forever instead of failing fast, and the service stops answering.';
const CHILD_WHY = 'A child process that hangs never exits, so its callback or promise never settles and whatever waits on it hangs forever (the event loop itself keeps running).';
const SYNC_CHILD_WHY = 'A child process that hangs blocks this call forever, and the sync call blocks the whole event loop with it: every request, timer and health check of the process waits.';
const SYNC_CHILD_IN_PROGRAM = 'A child process that hangs blocks this call forever, and the sync call blocks the whole event loop with it: the program hangs, its timers and signal handlers included, until someone kills it.';
const SOCKET_WHY = "Until the connect fails, its caller waits: for a peer that drops the handshake, as long as the operating system keeps retrying (about two minutes on Linux), and behind a proxy or a TLS handshake that stalls, forever. Arm `socket.setTimeout(ms, () => socket.destroy())` beside the connect and turn it off once connected (`setTimeout(0)` on 'connect'): the `timeout` option alone only emits 'timeout' after that much idle time and leaves the socket open, and left on it would cut a connection meant to idle. For a request/response protocol, also bound each reply.";
const EVENT_WHY = 'If the event never fires, the awaiting code hangs forever with everything it holds.';

/** blind-relay's session: a graceful end() awaiting its own 'close'; DESTROY is its forced teardown. */
const BLIND_RELAY_SESSION = `const EventEmitter = require('events');

class BlindRelaySession extends EventEmitter {
  constructor(channel) {
    super();
    this._channel = channel;
    this._pairing = new Set();
    this._ending = null;
    this._destroyed = false;
  }

  async end() {
    if (this._ending) return this._ending;

    this._ending = EventEmitter.once(this, 'close');
    this._endMaybe();

    return this._ending;
  }

  _endMaybe() {
    if (this._ending && this._pairing.size === 0) {
      this._channel.close();
    }
  }
DESTROY}

module.exports = BlindRelaySession;
`;
const BLIND_RELAY_DESTROY = `
  destroy(err) {
    if (this._destroyed) return;
    this._destroyed = true;
    this._error = err;
    this._channel.close();
  }
`;

const HTTP_ALTERNATIVE = " Calling `.setTimeout()` on the result, and destroying it when that fires, also bounds it.";

const ACME_LIBRARY = {
  libraries: [
    { module: '@acme/http', call: 'request', invoke: 'call', timeout: { kind: 'http', optionsArg: 1, boundedBy: ['timeoutMs'] } },
  ],
};

/** pac-proxy-agent's PacProxyAgent.connect (check 50): a DIRECT connect in an agent-base Agent's connect hook, awaited with once(socket, 'connect'). */
const PAC_PROXY_AGENT = `import * as net from 'net';
import * as tls from 'tls';
import { once } from 'events';
import { Agent } from 'agent-base';
export class PacProxyAgent extends Agent {
    async connect(req, opts) {
        const secureEndpoint = opts.secureEndpoint;
        let socket = null;
        if (secureEndpoint) {
            socket = tls.connect(opts);
        }
        else {
            socket = net.connect(opts);
        }
        await once(socket, 'connect');
        req.emit('proxy', { socket });
        return socket;
    }
}
`;

runRuleTests(rule, {
  valid: [
    {
      name: 'a table whose entries are not all modules (an in-process stub beside http): nothing says which one waits on a peer',
      filename: 'lib/transport.js',
      code: "const http = require('http');\nconst offline = { request: (options, cb) => cb({ statusCode: 204 }) };\nconst TRANSPORTS = { http, offline };\nexports.send = (mode, body) => TRANSPORTS[mode].request({ host: 'api.example.com' }, () => {});\n",
    },
    {
      name: 'local mount-table queries, a lazy umount and a background redis rewrite; a fire-and-forget umount whose callback only logs (iobroker.backitup, check 53)',
      filename: 'lib/cifs.js',
      code: "const { exec } = require('node:child_process');\nfunction umount(options, log, callback) {\n  exec(`mount | grep -o \"${options.dir}\"`, (_e, stdout) => {\n    if (!stdout.includes(options.dir)) return callback(null);\n    exec(`${options.sudo ? 'sudo umount' : 'umount'} -l ${options.dir}`, (err) => callback(err));\n  });\n}\nfunction remount(options, log) {\n  exec(`umount ${options.dir}`, (error) => {\n    if (error) {\n      log.debug('device is busy');\n      setTimeout(() => exec(`umount -l ${options.dir}`, (e) => log.debug(`lazy: ${e}`)), 120000);\n    }\n  });\n}\nfunction rewrite(ctx) {\n  exec('redis-cli bgrewriteaof', (error) => { if (error) ctx.log.debug(`${error}`); });\n}\nmodule.exports = { umount, remount, rewrite };\n",
    },
    {
      name: 'restores that run as long as the dump: `mysql db < dump`, `influx restore` picked per version, the system start script (iobroker.backitup, check 53)',
      filename: 'lib/restore.js',
      code: "const { exec } = require('node:child_process');\nasync function restoreMysql(o, file) {\n  const cmd = `mysql -u ${o.user} -h ${o.host} ${o.dbName} < ${file}`;\n  await new Promise((resolve) => exec(cmd, () => resolve()));\n}\nasync function restoreInflux(o, dir) {\n  let cmd;\n  if (o.dbversion === '1.x') cmd = `${o.exe ? `\"${o.exe}\"` : 'influxd'} restore -portable -db ${o.db} \"${dir}\"`;\n  else cmd = `${o.exe ? `\"${o.exe}\"` : 'influx'} restore --bucket ${o.db} \"${dir}\"`;\n  await new Promise((resolve) => exec(cmd, () => resolve()));\n}\nfunction restart(bashDir, isWin, done) {\n  exec(isWin ? `${bashDir}/startIOB.bat` : `bash ${bashDir}/startIOB.sh`, (err) => done(err));\n}\nmodule.exports = { restoreMysql, restoreInflux, restart };\n",
    },
    {
      name: 'an rpm payload extracted from a local file through `dd | xz | cpio` (redis-smq-common, check 54)',
      filename: 'src/archive/extract-rpm.js',
      code: "const { exec } = require('node:child_process');\nconst { promisify } = require('node:util');\nconst execAsync = promisify(exec);\nasync function extractRpm(filePath, dest, offset, decompress) {\n  await execAsync(`dd if=\"${filePath}\" skip=\"${offset}\" iflag=skip_bytes status=none | ${decompress} | cpio -idmv`, { cwd: dest });\n}\nmodule.exports = { extractRpm };\n",
    },
    {
      name: "a graceful end() awaiting the object's own 'close', in a class with a destroy() that forces it (blind-relay, check 52)",
      filename: 'index.js',
      code: BLIND_RELAY_SESSION.replace('DESTROY', BLIND_RELAY_DESTROY),
    },
    {
      name: 'a transport connect that first destroys the pending socket, re-driven by the owner\'s retry interval until login clears it (blynk-library, check 44)',
      filename: 'blynk-node.js',
      code: "var events = require('events');\nvar util = require('util');\n\nexports.SslClient = function(options) {\n  var self = this;\n  events.EventEmitter.call(this);\n  self.addr = options.addr;\n  self.port = options.port || 443;\n  var net = require('net');\n  var tls = require('tls');\n\n  this.connect = function(done) {\n    if (self.sock) {\n      self.disconnect();\n    }\n    var opts = { host: self.addr, port: self.port, rejectUnauthorized: false };\n    var sock = new net.Socket();\n    sock.connect({ host: self.addr, port: self.port }, function() {\n      opts.socket = sock;\n      self.sock = tls.connect(opts, function() {\n        done();\n      });\n      self.sock.on('error', function(err) { self.emit('error', err); });\n    });\n  };\n\n  this.disconnect = function() {\n    if (self.sock) {\n      self.sock.destroy();\n      self.sock = null;\n    }\n  };\n};\nutil.inherits(exports.SslClient, events.EventEmitter);\n",
      files: { 'blynk.js': "var bl_node = require('./blynk-node.js');\n\nfunction Blynk(auth, options) {\n  this.auth = auth;\n  this.conn = new bl_node.SslClient(options || {});\n}\n\nBlynk.prototype.connect = function() {\n  var self = this;\n  var doConnect = function() {\n    self.conn.connect(function() {\n      self.conn.write(self.auth);\n    });\n  };\n  self.timerConn = setInterval(doConnect, 10000);\n  doConnect();\n};\n\nBlynk.prototype.onLogin = function() {\n  clearInterval(this.timerConn);\n  this.timerConn = null;\n};\n\nmodule.exports = Blynk;\n", 'package.json': '{ "name": "blynk-library", "main": "./blynk.js" }' },
    },
    {
      name: 'a connect inside `if (isEspruino()) { … }`, the branch only the Espruino runtime takes (blynk-library, check 44)',
      filename: 'blynk.js',
      code: "function isEspruino() {\n  if (typeof process === 'undefined') return false;\n  if (typeof process.env.BOARD === 'undefined') return false;\n  return true;\n}\n\nif (isEspruino()) {\n  var EspruinoTCP = function(options) {\n    var self = this;\n    self.addr = options.addr || 'blynk-cloud.com';\n    self.port = options.port || 80;\n    var net = require('net');\n    this.connect = function(done) {\n      if (self.sock) {\n        self.disconnect();\n      }\n      self.sock = net.connect({ host: self.addr, port: self.port }, function() {\n        done();\n      });\n    };\n    this.disconnect = function() {\n      self.sock = null;\n    };\n  };\n  exports.EspruinoTCP = EspruinoTCP;\n}\n",
    },
    {
      name: 'a file named for the Espruino runtime that the package neither runs nor loads (blynk-library blynk-espruino.js, check 44)',
      filename: 'blynk-espruino.js',
      code: "var EspruinoTCP = function(options) {\n  var self = this;\n  self.addr = options.addr || 'blynk-cloud.com';\n  self.port = options.port || 80;\n  var net = require('net');\n  this.connect = function(done) {\n    if (self.sock) {\n      self.disconnect();\n    }\n    self.sock = net.connect({ host: self.addr, port: self.port }, function() {\n      done();\n    });\n  };\n  this.disconnect = function() {\n    self.sock = null;\n  };\n};\nexports.EspruinoTCP = EspruinoTCP;\n",
      files: { 'blynk.js': 'module.exports = {};\n', 'package.json': '{ "name": "blynk-library", "main": "./blynk.js" }' },
    },
    {
      name: "a DIRECT connect in an HTTP agent's connect(req, opts) hook, awaited with once(socket, 'connect'): the request owns the bound (pac-proxy-agent, check 50)",
      filename: 'src/index.js',
      code: PAC_PROXY_AGENT,
    },
    {
      name: "net.connect returned from an http.Agent subclass's createConnection, as Node's own agent does (pac-proxy-agent, check 50)",
      filename: 'lib/agent.js',
      code: "const http = require('http');\nconst net = require('net');\nclass SocketAgent extends http.Agent {\n  createConnection(options, cb) {\n    return net.connect({ host: options.host, port: options.port }, cb);\n  }\n}\nmodule.exports = SocketAgent;\n",
    },
    {
      name: "exec of `<python> -m py_compile <file>` with the interpreter picked at run time: compiles a local file and exits (python-shell, check 40)",
      filename: 'index.js',
      code: "const child_process = require('child_process');\nconst { promisify } = require('util');\nconst execPromise = promisify(child_process.exec);\nclass PythonShell {\n  static checkSyntaxFile(filePath) {\n    const pythonPath = this.getPythonPath();\n    return execPromise(`${pythonPath} -m py_compile ${filePath}`);\n  }\n}\nmodule.exports = PythonShell;\n",
    },
    {
      name: "axios.create() in a client whose every request carries the caller's per-call options, copied key by key into the request config (soap, check 41)",
      filename: 'lib/http.js',
      code: "const axios = require('axios');\nclass HttpClient {\n  constructor(options) {\n    options = options || {};\n    this._request = options.request || axios.create();\n  }\n  buildRequest(rurl, data, exoptions = {}) {\n    const { attachments, ...rest } = exoptions;\n    const options = { url: rurl, method: data ? 'POST' : 'GET', data };\n    for (const attr in rest) options[attr] = exoptions[attr];\n    return options;\n  }\n  request(rurl, data, callback, exoptions) {\n    const options = this.buildRequest(rurl, data, exoptions);\n    return this._request(options).then((res) => callback(null, res), callback);\n  }\n}\nmodule.exports = HttpClient;\n",
    },
    {
      name: "a connect returned by a connect function the helper passes on to init(stream), or written as init's argument: init sets the idle timeout and destroys on 'timeout' (sip, check 41)",
      filename: 'sip.js',
      code: "const net = require('net');\nvar refs = 0;\nfunction init(stream, remote) {\n  stream.on('timeout', function () { if (refs === 0) stream.destroy(); });\n  stream.setTimeout(120000);\n  return remote;\n}\nfunction makeStreamTransport(protocol, connect) {\n  return { open: function (remote) { return init(connect(remote.port, remote.address), remote); } };\n}\nexports.tcp = function () {\n  return makeStreamTransport('TCP', function (port, host, callback) { return net.connect(port, host, callback); });\n};\nexports.direct = function (remote) {\n  return init(net.connect(remote.port, remote.address), remote);\n};\n",
    },
    {
      name: "a request whose timer, armed on the caller's timeout option, runs a once-wrapped local finish that aborts it (@hapi/wreck, check 41)",
      filename: 'lib/index.js',
      code: "const Http = require('http');\nconst Hoek = require('@hapi/hoek');\nexports.request = function (uri, options, callback) {\n  const req = Http.request(uri);\n  let timeoutId;\n  const finish = (err, res) => {\n    if (err) req.abort();\n    clearTimeout(timeoutId);\n    callback(err, res);\n  };\n  const finishOnce = Hoek.once(finish);\n  req.once('response', (res) => finishOnce(null, res));\n  if (options.timeout) {\n    timeoutId = setTimeout(() => finishOnce(new Error('Client request timeout')), options.timeout);\n  }\n  req.end();\n};\n",
    },
    {
      name: "tls.connect(port, host, options) with the caller's options object: tls reads options after a port and host, out of sight (thrift, check 41)",
      filename: 'lib/connection.js',
      code: "const tls = require('tls');\nexports.createSSLConnection = function (host, port, options) {\n  if (!('secureProtocol' in options)) options.secureProtocol = 'SSLv23_method';\n  var stream = tls.connect(port, host, options);\n  return new Connection(stream, options);\n};\n",
    },
    {
      name: "a kept-alive socket with a 'timeout' listener, whose connecting function arms a timer beside it that destroys it (near-miss of hap-controller: rethinkdb's TcpConnection, check 40)",
      filename: 'net.js',
      code: "var net = require('net');\nfunction TcpConnection(host) {\n  var timeout;\n  this.rawSocket = net.connect(this.port, this.host);\n  this.rawSocket.setKeepAlive(true);\n  timeout = setTimeout((function (_this) {\n    return function () {\n      _this.rawSocket.destroy();\n      _this.emit('error', new Error('Could not connect'));\n    };\n  })(this), this.timeout * 1000);\n  this.rawSocket.once('connect', function () { clearTimeout(timeout); });\n  this.rawSocket.on('timeout', (function (_this) {\n    return function () { _this.emit('timeout'); };\n  })(this));\n}\nmodule.exports = TcpConnection;\n",
    },
    {
      name: "the same request.post whose options get a timeout in the method the object hands them to (near-miss of laravel-echo-server, check 39)",
      filename: 'lib/private-channel.js',
      code: "var request = require('request');\nvar PrivateChannel = (function () {\n    function PrivateChannel(options) {\n        this.options = options;\n        this.request = request;\n    }\n    PrivateChannel.prototype.authenticate = function (socket, data) {\n        var options = {\n            url: this.options.authHost + this.options.authEndpoint,\n            form: { channel_name: data.channel },\n            rejectUnauthorized: false\n        };\n        return this.serverRequest(socket, options);\n    };\n    PrivateChannel.prototype.serverRequest = function (socket, options) {\n        var _this = this;\n        return new Promise(function (resolve, reject) {\n            options.headers = _this.prepareHeaders(socket, options);\n            _this.request.post(options, function (error, response) {\n                if (error) reject(error);\n                else resolve(response.body);\n            });\n        });\n    };\n    PrivateChannel.prototype.prepareHeaders = function (socket, options) {\n        options.headers = options.headers || {};\n        options.timeout = socket.authTimeout;\n        options.headers['Cookie'] = socket.request.headers.cookie;\n        return options.headers;\n    };\n    return PrivateChannel;\n}());\nexports.PrivateChannel = PrivateChannel;\n",
    },
    {
      name: "the same request.post whose method is also called with options out of sight, a parameter (near-miss of laravel-echo-server, check 39)",
      filename: 'lib/private-channel.js',
      code: "var request = require('request');\nvar PrivateChannel = (function () {\n    function PrivateChannel(options) {\n        this.options = options;\n        this.request = request;\n    }\n    PrivateChannel.prototype.authenticate = function (socket, data) {\n        var options = {\n            url: this.options.authHost + this.options.authEndpoint,\n            form: { channel_name: data.channel },\n            rejectUnauthorized: false\n        };\n        return this.serverRequest(socket, options);\n    };\n    PrivateChannel.prototype.retry = function (socket, opts) {\n        return this.serverRequest(socket, opts);\n    };\n    PrivateChannel.prototype.serverRequest = function (socket, options) {\n        var _this = this;\n        return new Promise(function (resolve, reject) {\n            options.headers = _this.prepareHeaders(socket, options);\n            _this.request.post(options, function (error, response) {\n                if (error) reject(error);\n                else resolve(response.body);\n            });\n        });\n    };\n    PrivateChannel.prototype.prepareHeaders = function (socket, options) {\n        options.headers = options.headers || {};\n        options.headers['Cookie'] = socket.request.headers.cookie;\n        return options.headers;\n    };\n    return PrivateChannel;\n}());\nexports.PrivateChannel = PrivateChannel;\n",
    },
    {
      name: "execFile given its options by a call of the object (`this._execOptions()`) that may set a timeout: out of sight (near-miss of clamscan, check 38)",
      filename: 'lib/runner.js',
      code: "const { execFile } = require('child_process');\nclass Runner {\n  _execOptions() {\n    return { timeout: this.timeoutMs, cwd: this.cwd };\n  }\n  run(bin, cb) {\n    execFile(bin, this._execOptions(), (err, stdout) => cb(err, stdout));\n  }\n}\nmodule.exports = Runner;\n",
    },
    {
      name: "fetch options handed to an object kept and given to hooks before the call, which may add a signal: out of sight (near-miss of lavacord, check 39)",
      filename: 'lib/send.js',
      code: "var Prepared = class {\n  constructor(data) {\n    this.data = data;\n  }\n};\nexports.send = async function (url, init, hooks) {\n  const fetchConfig = { method: init.method, body: init.body };\n  const prepared = new Prepared(fetchConfig);\n  hooks.beforeRequest(prepared);\n  return fetch(url, fetchConfig);\n};\n",
    },
    {
      name: "a socket kept alive by design, while the 'timeout' listener belongs to another socket of the object, one given a timeout (near-miss of hap-controller, check 39)",
      filename: 'lib/link.js',
      code: "const net = require('net');\nclass Link {\n  open() {\n    this.socket = net.createConnection(this.port, this.host);\n    this.socket.setKeepAlive(true);\n    this.socket.on('close', () => this.emit('down'));\n  }\n  probe() {\n    this.probeSocket = net.createConnection({ port: this.port, host: this.host, timeout: 2000 });\n    this.probeSocket.on('timeout', () => this.probeSocket.destroy());\n  }\n}\nmodule.exports = Link;\n",
    },
    {
      name: "an idle socket.setTimeout(ms) whose 'timeout' listener is registered in another file of the project, where the socket goes (near-miss of fluent-logger, check 36)",
      filename: 'lib/open.js',
      code: "const net = require('net');\nexports.open = function (port, host) {\n  const socket = net.connect(port, host);\n  socket.setTimeout(3000);\n  return socket;\n};\n",
      files: {"lib/client.js": "const { open } = require('./open');\nexports.client = (port, host) => {\n  const socket = open(port, host);\n  socket.on('timeout', () => socket.destroy(new Error('timed out')));\n  return socket;\n};\n"},
    },
    {
      name: "a socket kept on the object given setTimeout(ms, cb) in the connecting method: the callback destroys it (near-miss of fluent-logger, check 36)",
      filename: 'lib/sender.js',
      code: "const net = require('net');\nclass Sender {\n  connect() {\n    this._socket = new net.Socket();\n    this._socket.setTimeout(this.timeout, () => this._socket.destroy());\n    this._socket.connect(this.port, this.host);\n  }\n}\nmodule.exports = Sender;\n",
    },
    {
      name: "a ws client kept on the object by a helper, whose caller arms a watchdog timer that closes it (alexa-remote2, check 36)",
      filename: 'alexa-wsmqtt.js',
      code: "const WebSocket = require('ws');\nclass AlexaWsMqtt {\n  connectType1() {\n    this.websocket = new WebSocket(this.url, [], { perMessageDeflate: true });\n  }\n  connect() {\n    this.connectType1();\n    this.initTimeout = setTimeout(() => {\n      try {\n        this.websocket && this.websocket.close();\n      } catch (err) {}\n    }, 30000);\n    this.websocket.on('open', () => clearTimeout(this.initTimeout));\n  }\n}\nmodule.exports = AlexaWsMqtt;\n",
    },
    {
      name: "a ws client whose watchdog timer beside it terminates it until it opens (alexa-remote2, check 36)",
      filename: 'src/open.ts',
      code: "import WebSocket from 'ws';\nexport function open(url: string) {\n  const ws = new WebSocket(url, { perMessageDeflate: true });\n  const watchdog = setTimeout(() => ws.terminate(), 30_000);\n  ws.once('open', () => clearTimeout(watchdog));\n  return ws;\n}\n",
    },
    {
      name: "superagent through a computed verb with `.timeout()` chained",
      filename: 'lib/api.js',
      code: "const superagent = require('superagent');\nexports.send = function (method, url, cb) {\n  superagent[method](url).timeout(5000).end(cb);\n};\n",
    },
    {
      name: "form-data's submit whose returned request gets `.setTimeout()`",
      filename: 'lib/bot.js',
      code: "const FormData = require('form-data');\nexports.callMethod = function (url, cb) {\n  const form = new FormData();\n  form.append('a', 'b');\n  const req = form.submit(url, cb);\n  req.setTimeout(30000, () => req.destroy());\n};\n",
    },
    {
      name: "a ws client given a handshakeTimeout, and a page's WebSocket (the browser's, not ws)",
      filename: 'src/node.ts',
      code: "import WebSocket from 'ws';\nexport const open = (url: string) => new WebSocket(url, ['v1'], { handshakeTimeout: 10_000 });\nexport const page = (url: string) => new globalThis.WebSocket(url);\n",
    },
    {
      name: "once(worker, 'exit') taken in a loop whose next statement hands the worker's holder to a method of the class that destroys it, which terminates the worker (piscina's destroy)",
      filename: 'src/pool.ts',
      code: "import { once } from 'node:events';\nimport type { Worker } from 'node:worker_threads';\ninterface WorkerInfo { worker: Worker; destroy(): void }\nexport class Pool {\n  workers = new Set<WorkerInfo>();\n  _removeWorker(workerInfo: WorkerInfo): void {\n    workerInfo.destroy();\n    this.workers.delete(workerInfo);\n  }\n  async destroy() {\n    const exitEvents: Promise<unknown[]>[] = [];\n    while (this.workers.size > 0) {\n      const [workerInfo] = this.workers;\n      exitEvents.push(once(workerInfo.worker, 'exit'));\n      this._removeWorker(workerInfo);\n    }\n    await Promise.allSettled(exitEvents);\n  }\n}\n",
    },
    {
      name: "once(child, 'close') right after the code kills the child in the same block",
      filename: 'src/run.js',
      code: "const { once } = require('node:events');\nexports.stop = async function (child) {\n  const closed = once(child, 'close');\n  child.kill('SIGTERM');\n  await closed;\n};\n",
    },
    {
      name: "a function of the file that builds the options object, called for them: out of sight whether it bounds them",
      filename: 'lib/misc.js',
      code: "var https = require('https');\nfunction Bot() {}\nBot.prototype.fileOptions = function (path) {\n  if (!path) return 'https://api.telegram.org/';\n  return { host: 'api.telegram.org', path: '/file/' + path, timeout: this.timeout };\n};\nBot.prototype.fileStream = function (info, cb) {\n  https.get(this.fileOptions(info), function (res) {\n    cb(null, res);\n  }).on('error', cb);\n};\nmodule.exports = Bot;\n",
    },
    {
      name: "the same options with a timeout, and a callback bound to the object: bounded",
      filename: 'client.js',
      code: "var http = require('http');\nfunction Client() {}\nClient.prototype.subscribe = function (type) {\n  var options = { host: this.host, method: 'SUBSCRIBE', timeout: 10000, headers: {} };\n  var req = http.request(options, function (res) {\n    this.sid = res.headers.sid;\n  }.bind(this));\n  req.end();\n};\nmodule.exports = Client;\n",
    },
    {
      name: "a socket kept as self.socket (var self = this) in a promise executor, with self.socket.setTimeout right after the connect (no-kafka's connection)",
      filename: 'lib/connection.js',
      code: "var net = require('net');\nfunction Connection(options) {\n  this.options = options;\n}\nConnection.prototype.connect = function () {\n  var self = this;\n  return new Promise(function (resolve, reject) {\n    self.socket = net.connect(self.options.port, self.options.host, resolve);\n    self.socket.setTimeout(self.options.socketTimeout);\n    self.socket.on('timeout', function () {\n      self.socket.destroy(new Error('Socket timeout'));\n    });\n    self.socket.on('error', reject);\n  });\n};\nmodule.exports = Connection;\n",
    },
    {
      name: "Mercurial's working-copy queries and a find over a local tree answer from the machine, as git's do (codecov's uploader)",
      filename: 'lib/codecov.js',
      code: "const { execFileSync, execSync } = require('child_process');\nfunction files(root) {\n  let listed = execFileSync('git', ['ls-files'], { cwd: root }).toString();\n  if (listed === '') listed = execFileSync('hg', ['locate'], { cwd: root }).toString();\n  const found = execSync(`find ${root} -name '*.lcov'`).toString();\n  const branch = execSync('git rev-parse --abbrev-ref HEAD || hg branch').toString().trim();\n  return { listed, found, branch };\n}\nmodule.exports = files;\n",
    },
    {
      name: "a request whose 'socket' listener, chained on the call, sets a timeout on the socket it is given (thumbd's grabber)",
      filename: 'lib/grabber.js',
      code: "var http = require('http')\nvar https = require('https')\nvar config = require('./config').Config\n\nfunction Grabber () {}\n\nGrabber.prototype.getFileHTTP = function (remoteImagePath, localImagePath, stream, callback) {\n  var protocol = remoteImagePath.match('https://') ? https : http\n  var req = protocol.get(remoteImagePath, function (res) {\n    res.on('error', function (err) {\n      stream.end()\n      callback(err)\n    })\n\n    res.on('end', function () {\n      stream.end()\n      callback(null, localImagePath)\n    })\n\n    res.pipe(stream)\n\n  }).on('error', function (err) {\n    stream.end()\n    callback(err)\n  }).on('socket', function (socket) { // abort connection if we're in idle state too long.\n    socket.setTimeout(config.get('requestTimeout'))\n    socket.on('timeout', function () {\n      stream.end()\n      req.abort()\n      callback('socket timed out while downloading ' + remoteImagePath)\n    })\n  })\n}\n\nmodule.exports = Grabber\n",
    },
    {
      name: "a request held in a const whose 'socket' listener sets a timeout on the socket",
      filename: 'lib/get.js',
      code: "const http = require('http');\nmodule.exports.get = function (url, cb) {\n  const req = http.get(url, (res) => res.pipe(process.stdout));\n  req.on('socket', (socket) => {\n    socket.setTimeout(30000);\n    socket.on('timeout', () => req.destroy(new Error('idle')));\n  });\n  req.on('error', cb);\n};\n",
    },
    {
      name: "a promisified child_process exec given a timeout",
      filename: 'src/tools.js',
      code: "const util = require('util');\nconst exec = util.promisify(require('child_process').exec);\n\nmodule.exports.discover = async function (iface) {\n  const { stdout } = await exec(`pn-tools discovery -i \"${iface}\"`, { timeout: 60_000 });\n  return stdout;\n};\n",
    },
    {
      name: "a const holding what a function of the project made of a library call is not the library's",
      filename: 'src/tools.js',
      code: "const { exec } = require('child_process');\nconst wrap = (fn) => (cmd) => fn(cmd, { timeout: 5000 });\nconst run = wrap(exec);\nmodule.exports = () => run('pn-tools discovery');\n",
    },
    {
      name: 'undici\'s fetch through an explicit dispatcher (`new RetryAgent(new Agent())`) in a program that ends itself: the Agent keeps undici\'s 300 s header and body bounds, a bound in a run the user watches (node-gyp\'s download)',
      filename: 'main.js',
      code: "const { Agent, RetryAgent, fetch } = require('undici');\nasync function download(url) {\n  const res = await fetch(url, { dispatcher: new RetryAgent(new Agent(), { maxRetries: 3 }) });\n  return res.text();\n}\ndownload(process.argv[2]).then((body) => {\n  process.stdout.write(body);\n  process.exit(0);\n});\n",
    },
    {
      name: 'an axios instance whose request writes an optional timeout before a spread of a const whose literals hold no bounding key: the spread cannot override it (wait-on\'s httpCallSucceeds)',
      filename: 'lib/wait-on.js',
      code: "const axios = require('axios');\nconst client = axios.create({ adapter: 'http' });\nasync function probe(url, timeout, unix) {\n  const target = unix ? { socketPath: unix, url } : { url };\n  return client({ method: 'get', ...(timeout && { timeout }), ...target });\n}\nmodule.exports = { probe };\n",
    },
    {
      name: 'a connect to a value named a socket path, with a connect listener of any name after it: a unix-domain socket to a local daemon (naught\'s connectToDaemon)',
      filename: 'lib/main.js',
      code: "var net = require('net');\nvar jsonSocket = require('./json-socket');\nfunction connectToDaemon(socket_path, cbs) {\n  var socket = net.connect(socket_path, cbs.ready);\n  jsonSocket.listen(socket, cbs.event);\n  return socket;\n}\nmodule.exports = connectToDaemon;\n",
    },
    {
      name: 'a connect whose socket settles a promise raced with a timeout helper\'s promise, in a try whose finally destroys the socket (gamedig\'s withTcp)',
      filename: 'lib/core.js',
      code: "const net = require('net');\nconst Promises = require('./Promises');\nclass Core {\n  async withTcp(fn, port) {\n    let socket, connectionTimeout;\n    try {\n      socket = net.connect(port, this.options.address);\n      socket.on('error', () => {});\n      const connectionPromise = new Promise((resolve, reject) => {\n        socket.on('ready', resolve);\n        socket.on('close', () => reject(new Error('TCP Connection Refused')));\n      });\n      connectionTimeout = Promises.createTimeout(this.options.socketTimeout, 'TCP Opening');\n      await Promise.race([connectionPromise, connectionTimeout, this.abortedPromise]);\n      return await fn(socket);\n    } finally {\n      socket?.destroy();\n      connectionTimeout?.cancel();\n    }\n  }\n}\nmodule.exports = Core;\n",
    },
    {
      name: 'a request client made by request.defaults and promisified, whose every request passes a local `var` options object with a timeout; `request.jar` makes a jar and `data.request` is another object\'s member (facebook-chat-api\'s utils.js)',
      filename: 'utils.js',
      code: "\"use strict\";\nvar bluebird = require(\"bluebird\");\nvar request = bluebird.promisify(require(\"request\").defaults({ jar: true }), { multiArgs: true });\nfunction get(url, jar, qs) {\n  var op = { timeout: 60000, qs: qs, url: url, method: \"GET\", jar: jar };\n  return request(op).then(function(res) { return res[0]; });\n}\nfunction post(url, jar, form) {\n  var op = { timeout: 60000, url: url, method: \"POST\", form: form, jar: jar };\n  return request(op).then(function(res) { return res[0]; });\n}\nfunction retried(data) {\n  return data.request.method === \"GET\" ? get(data.request.uri.href, null, {}) : null;\n}\nmodule.exports = { get: get, post: post, retried: retried, getJar: request.jar };\n",
    },
    {
      name: 'a request.defaults client layered at once, in the next statement, into the same field by `.defaults()` with a timeout: only the layered client is kept (steamcommunity)',
      filename: 'index.js',
      code: "const request = require('request');\nfunction Community(options) {\n  options = options || {};\n  const defaults = { jar: request.jar(), timeout: options.timeout || 50000, gzip: true };\n  this.request = options.request || request.defaults({ forever: true });\n  this.request = this.request.defaults(defaults);\n}\nCommunity.prototype.get = function (id, cb) {\n  this.request.get({ uri: 'https://example.org/x/' + id, json: true }, (err, res, body) => cb(err, body));\n};\nmodule.exports = Community;\n",
    },
    {
      name: "once(options.signal, 'abort') waits for the caller's own cancel, not a peer (ocpp-rpc, check 40)",
      filename: 'lib/client.js',
      code: "const { once } = require('node:events');\nclass Client {\n  call(method, params, options = {}) {\n    const pending = { abort: (reason) => this.reject(reason) };\n    if (options.signal) {\n      once(options.signal, 'abort').then(() => {\n        pending.abort(options.signal.reason);\n      });\n    }\n    return this.send(method, params, pending);\n  }\n}\nmodule.exports = Client;\n",
    },
    {
      name: 'got given its options alone, the URL among them, with a request timeout written after a spread of the caller\'s params (gamedig\'s request)',
      filename: 'lib/core.js',
      code: "const got = require('got');\nclass Core {\n  async request(params) {\n    return got({\n      ...params,\n      timeout: { request: this.options.socketTimeout },\n      retry: { limit: 0 },\n    });\n  }\n}\nmodule.exports = Core;\n",
    },
    {
      name: "an axios instance held in a field whose every request through `this._instance` passes a timeout; its defaults, interceptors and a typeof test send nothing (node-unifi)",
      filename: 'unifi.js',
      code: [
        "const axios = require('axios');",
        'class Controller {',
        '  constructor(opts) { this.opts = opts; }',
        '  async _init() {',
        '    this._instance = axios.create({ httpsAgent: this.opts.agent });',
        '    const response = await this._instance.get(this.opts.url, { timeout: this.opts.timeout, maxRedirects: 0 });',
        "    this._instance.defaults.headers.common['x-csrf-token'] = response.headers['x-csrf-token'];",
        '    this._instance.interceptors.request.use((request) => request);',
        '  }',
        '  async login(url, data) {',
        "    if (typeof (this._instance) === 'undefined') await this._init();",
        '    return this._instance.post(url, data, { timeout: this.opts.timeout });',
        '  }',
        '  async _request(path, payload) {',
        "    return (await this._instance.request({ url: path, method: 'POST', data: payload, timeout: this.opts.timeout })).data;",
        '  }',
        '}',
        'module.exports = Controller;',
        '',
      ].join('\n'),
    },
    {
      name: "an axios instance wrapped by a function that hands it back (`rateLimit(axios.create(), …)`), whose every request passes a timeout in a const config (node-red-contrib-shelly)",
      filename: 'shelly/nodes/cloud-node.js',
      code: [
        'module.exports = function (RED) {',
        "  const axios = require('axios').default;",
        "  const rateLimit = require('axios-rate-limit');",
        '  const cloudAxios = rateLimit(axios.create(), { maxRequests: 1, perMilliseconds: 1000 });',
        '  function getRequestTimeout(timeout) { return timeout > 0 ? timeout : 10000; }',
        '  async function cloudRequest(method, route, credentials, timeout) {',
        '    const config = { baseURL: credentials.serverUri, url: route, method, timeout: getRequestTimeout(timeout) };',
        '    return (await cloudAxios.request(config)).data;',
        '  }',
        "  RED.nodes.registerType('shelly-cloud', function (config) { this.request = cloudRequest; });",
        '};',
        '',
      ].join('\n'),
    },
    {
      name: "a socket kept in a field, given an idle timeout right after the connect that destroys it (this.socket.setTimeout(ms)), and a reconnect kept alive by design (this.socket.setKeepAlive(true)) (ts3-nodejs-library, drachtio-srf)",
      filename: 'src/transport/raw.ts',
      code: [
        "import { connect, Socket } from 'net';",
        'export class ProtocolRAW {',
        '  private socket: Socket;',
        '  constructor(config: { host: string; port: number; readyTimeout: number }) {',
        '    this.socket = connect({ port: config.port, host: config.host });',
        '    this.socket.setTimeout(config.readyTimeout);',
        "    this.socket.on('timeout', () => this.socket.destroy());",
        "    this.socket.on('connect', () => this.socket.setTimeout(0));",
        '  }',
        '}',
        'export class Wire {',
        '  private socket: Socket;',
        '  constructor(private host: string, private port: number) {}',
        '  reconnect(delay: number) {',
        '    setTimeout(() => {',
        '      this.socket = connect({ port: this.port, host: this.host });',
        '      this.socket.setKeepAlive(true);',
        '    }, delay);',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: "a timer armed just before `socket.connect(port, host)` on a `new Socket()` that destroys the socket and rejects: the connect's bound, written out (ts3-nodejs-library FileTransfer)",
      filename: 'src/transport/FileTransfer.ts',
      code: [
        "import { Socket } from 'net';",
        'export function init(host: string, port: number, ms: number): Promise<Socket> {',
        '  return new Promise((fulfill, reject) => {',
        '    const socket = new Socket();',
        '    const timeout = setTimeout(() => {',
        '      socket.destroy();',
        "      reject(new Error('Filetransfer Timeout Limit reached'));",
        '    }, ms);',
        '    socket.connect(port, host);',
        "    socket.on('connect', () => { clearTimeout(timeout); fulfill(socket); });",
        "    socket.once('error', reject);",
        '  });',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: "a project module required in place (`require('./request').defaults(…)`): not the request library",
      filename: 'lib/platforms/slack.js',
      code: "var request = require('./request').defaults({ encoding: null });\nexports.send = function (url, cb) {\n  request({ uri: url, method: 'POST' }, cb);\n};\n",
    },
    {
      name: "a CLI launching the user's media player (mpv, vlc by name or by a path under $HOME), the user's own hooks from its command line (rc merges argv), and the desktop opener chosen per platform (peerflix)",
      filename: 'app.js',
      code: "const proc = require('child_process');\nconst rc = require('rc');\nconst optimist = require('optimist');\nvar argv = rc('peerflix', {}, optimist.usage('Usage: $0 magnet-link').argv);\nvar onTop = !argv['not-on-top'];\nvar VLC_ARGS = '-q' + (onTop ? ' --video-on-top' : '') + ' --play-and-exit';\nvar MPV_EXEC = 'mpv ' + (onTop ? '--ontop' : '') + ' --really-quiet --loop=no ';\nif (argv.t) MPV_EXEC += ' --sub-file=' + argv.t;\nexports.play = function (href, path) {\n  if (argv['on-listening']) proc.exec(argv['on-listening'] + ' ' + href);\n  if (argv.mpv) proc.exec(MPV_EXEC + ' ' + href);\n  if (argv.vlc) {\n    var root = '/Applications/VLC.app/Contents/MacOS/VLC';\n    var home = (process.env.HOME || '') + root;\n    proc.exec('vlc ' + VLC_ARGS + ' ' + href + ' || ' + home + ' ' + VLC_ARGS + ' ' + href);\n  }\n  var command = 'xdg-open';\n  if (process.platform === 'win32') { command = 'explorer'; }\n  if (process.platform === 'darwin') { command = 'open'; }\n  proc.exec(command + ' ' + path);\n};\n",
    },
    {
      name: "either of two different calls chosen by a condition (`(secure ? https.get : download)`), and options spread from a variable: nothing known to bound or to flag",
      filename: 'lib/repo.js',
      code: "const https = require('https');\nconst { download } = require('./download');\nexports.load = function (url, secure, opts) {\n  (secure ? https : { get: download }).get(url);\n  https.get({ ...opts, host: url });\n};\n",
    },
    {
      name: "once() raced with a deferred that an AbortSignal's 'abort' listener rejects (`{ promise: signalAborted, reject } = withResolvers()`): the signal ends the wait",
      filename: "lib/connection.js",
      code: "const { once } = require('events');\nfunction withResolvers() { let resolve, reject; const promise = new Promise((a, b) => { resolve = a; reject = b; }); return { promise, resolve, reject }; }\nexports.login = async function (parser, signal) {\n  const { promise: signalAborted, reject } = withResolvers();\n  const onAbort = () => {\n    reject(signal.reason);\n  };\n  signal.addEventListener('abort', onAbort, { once: true });\n  try {\n    await Promise.race([once(parser, 'end'), signalAborted]);\n  } finally {\n    signal.removeEventListener('abort', onAbort);\n  }\n};\n",
    },
    {
      name: "once() raced with a promise settled by an AbortSignal made in place, with once(signal, 'abort'), or with a deferred a timer rejects",
      filename: "lib/wait.js",
      code: "const { once } = require('events');\nexports.ready = async function (emitter, signal) {\n  await Promise.race([once(emitter, 'ready'), new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))]);\n  await Promise.race([once(emitter, 'open'), once(signal, 'abort')]);\n  const deferred = Promise.withResolvers();\n  const timer = setTimeout(() => deferred.reject(new Error('timed out')), 5000);\n  await Promise.race([once(emitter, 'drain'), deferred.promise]);\n  clearTimeout(timer);\n};\n",
    },
    {
      name: "a TLS connect whose outcome settles a promise that the AbortSignal handed in also rejects, destroyed in catch: the signal bounds it",
      filename: "lib/secure.js",
      code: "const tls = require('tls');\nexports.secure = async function (host, signal) {\n  signal.throwIfAborted();\n  const { promise, resolve, reject } = Promise.withResolvers();\n  const encrypted = tls.connect({ host, port: 443, servername: host });\n  try {\n    const onAbort = () => {\n      reject(signal.reason);\n    };\n    signal.addEventListener('abort', onAbort, { once: true });\n    encrypted.once('error', reject);\n    encrypted.once('secureConnect', () => resolve(encrypted));\n    return await promise;\n  } catch (err) {\n    encrypted.destroy();\n    throw err;\n  }\n};\n",
    },
    {
      name: "a connect in a promise executor whose 'abort' listener destroys the socket and rejects",
      filename: "lib/open.js",
      code: "const net = require('net');\nexports.open = (host, port, signal) => new Promise((resolve, reject) => {\n  const socket = net.connect({ host, port });\n  socket.once('connect', () => resolve(socket));\n  signal.addEventListener('abort', () => {\n    socket.destroy();\n    reject(signal.reason);\n  });\n});\n",
    },
    {
      name: "tls.connect over a socket that already exists (`{ socket }`, in place or in a local literal): no new peer to wait on",
      filename: "lib/message-io.js",
      code: "const tls = require('tls');\nexports.startTls = function (duplexpair, secureContext, servername) {\n  return tls.connect({ socket: duplexpair.socket1, servername, secureContext });\n};\nexports.upgrade = function (stream, host) {\n  const options = { host, socket: stream, rejectUnauthorized: false };\n  return tls.connect(options);\n};\n",
    },
    {
      name: "a connect kept on an object whose method, called right after, arms a timer that destroys the object (the method in another module)",
      filename: "lib/torrent.js",
      files: { "lib/peer.js": "class Peer {\n  constructor(addr) {\n    this.addr = addr;\n    this.conn = null;\n    this.connectTimeout = null;\n  }\n  startConnectTimeout() {\n    clearTimeout(this.connectTimeout);\n    this.connectTimeout = setTimeout(() => {\n      this.destroy(new Error('connect timeout'));\n    }, 5000);\n  }\n  destroy(err) {\n    clearTimeout(this.connectTimeout);\n    if (this.conn) this.conn.destroy(err);\n    this.conn = null;\n  }\n}\nmodule.exports = Peer;\n" },
      code: "const net = require('net');\nexports.drain = function (queue) {\n  const peer = queue.shift();\n  const [host, port] = peer.addr.split(':');\n  peer.conn = net.connect({ host, port: Number(port) });\n  peer.conn.once('error', (err) => peer.destroy(err));\n  peer.startConnectTimeout();\n};\n",
    },
    {
      name: "a prototype-style owner in another module whose timer method calls another of its methods that ends the connection member",
      filename: "lib/pool.js",
      files: { "lib/link.js": "function Link(host) {\n  this.host = host;\n  this.socket = null;\n}\nLink.prototype.armTimeout = function () {\n  this.timer = setTimeout(() => this.fail(), 10000);\n};\nLink.prototype.fail = function () {\n  this.socket.destroy();\n};\nmodule.exports = Link;\n" },
      code: "const net = require('net');\nconst Link = require('./link');\nexports.open = function (host) {\n  const link = new Link(host);\n  link.socket = net.connect({ host, port: 7000 });\n  link.armTimeout();\n  return link;\n};\n",
    },
    {
      name: "page code in a file that also holds a Node server: the class that uses navigator.serviceWorker fetches its own service worker's paths",
      filename: "lib/server.js",
      code: "import http from 'http';\nclass NodeServer {\n  constructor() {\n    this.server = http.createServer();\n  }\n}\nclass BrowserServer {\n  constructor(opts) {\n    this.pathname = new URL(opts.controller.scope).pathname + 'app';\n    navigator.serviceWorker.addEventListener('message', (e) => this.onMessage(e));\n    fetch(`${this.pathname}/cancel/`).then((res) => res.body.cancel());\n  }\n  onMessage() {\n    this.keepAlive = setInterval(() => fetch(`${this.pathname}/keepalive/`), 20000);\n  }\n}\nexport { NodeServer, BrowserServer };\n",
    },
    {
      name: "a Polymer custom element's fetch to its own server: page code",
      filename: "src/client/elements/asset-file.js",
      code: "import * as Polymer from '@polymer/polymer';\nclass NcgAssetFile extends Polymer.PolymerElement {\n  _handleDeleteClick() {\n    void fetch(this.file.url, { method: 'DELETE', credentials: 'include' }).then(() => {\n      this.dispatchEvent(new CustomEvent('deleted', { bubbles: true, composed: true }));\n    });\n  }\n}\nexport { NcgAssetFile };\n",
    },
    {
      name: "an HTMLElement subclass in a file that also loads a Node module: the element is page code",
      filename: "lib/plain-file.js",
      code: "import path from 'path';\nexport const name = (file) => path.basename(file);\nexport class PlainFile extends HTMLElement {\n  remove() {\n    return fetch(this.getAttribute('src'), { method: 'DELETE' });\n  }\n}\n",
    },
    {
      name: "a file that registers a custom element (`customElements.define`): page code",
      filename: "lib/loader.js",
      code: "export async function load(url) {\n  const res = await fetch(url);\n  return res.json();\n}\ncustomElements.define('x-loader', class extends HTMLElement {});\n",
    },
    {
      name: "the machine's certificate stores (security, certutil, update-ca-certificates), a process check picked per platform through util.format, and git archive of the local repo",
      filename: 'bin/ca.js',
      code: "const { spawnSync, execSync, exec } = require('child_process');\nconst util = require('util');\nconst CHECK = process.platform === 'win32' ? 'tasklist /fi \"PID eq %s\" | findstr /i \"node.exe\"' : 'ps -f -p %s | grep \"node\"';\nexports.install = function (cert, pid, done) {\n  spawnSync('security', ['add-trusted-cert', '-k', 'login.keychain', cert]);\n  spawnSync('certutil', ['-addstore', '-user', 'Root', cert]);\n  execSync('sudo cp ' + cert + ' /usr/local/share/ca-certificates/ && sudo update-ca-certificates');\n  execSync('git archive --format tar --output /tmp/src.tar HEAD');\n  exec(util.format(CHECK, pid), done);\n};\n",
    },
    {
      name: 'a metrics sender that writes and ends its socket once connected: it waits for no answer, and the kernel bounds the connect',
      filename: 'lib/graphite-sender.js',
      code: "const { connect } = require('node:net');\nexports.bulk = function (host, port, data) {\n  return new Promise((resolve, reject) => {\n    const socket = connect(port, host, () => {\n      socket.write(data);\n      socket.end();\n      resolve();\n    });\n    socket.on('error', reject);\n  });\n};\n",
    },
    {
      name: "requests and connections to a server of this same process (`addr = server.address()`): no remote peer",
      filename: 'lib/proxy.js',
      code: "var http = require('http');\nvar net = require('net');\nexports.relay = function (staticServer, proxyServer, head) {\n  var addr = staticServer.address();\n  http.get({ hostname: addr.address, port: addr.port, path: '/x' }, function () {});\n  var own = proxyServer.address();\n  http.request({ host: 'localhost', port: own.port, method: 'GET', path: '/' }, function () {}).end();\n  var socket = net.connect(addr.port, addr.address, function () { socket.write(head); });\n  return socket;\n};\n",
    },
    {
      name: "requests to this machine: a CLI's stop command to its own daemon, a tunnel forwarding to the user's dev server, a local agent's API",
      filename: 'lib/local.js',
      code: "const http = require('http');\nconst axios = require('axios');\nexports.stop = function (port) {\n  const stopUrl = `http://127.0.0.1:${port}/stop`;\n  return new Promise((resolve, reject) => {\n    http.get(stopUrl, (res) => res.on('end', resolve).resume()).on('error', reject);\n  });\n};\nexports.forward = function (port, path, done) {\n  const requestOptions = { hostname: 'localhost', port, path, method: 'GET' };\n  http.request(requestOptions, done).end();\n};\nexports.agent = axios.create({ baseURL: 'http://localhost:4040/api' });\nexports.tunnels = () => fetch('http://[::1]:4040/api/tunnels');\n",
    },
    {
      name: "a service worker's fetch handler (`self.addEventListener`): the browser runs it and bounds it",
      filename: 'static/sw.js',
      code: "self.addEventListener('fetch', (event) => {\n  event.respondWith(fetch(event.request).catch(() => caches.match(event.request)));\n});\n",
    },
    {
      name: "a page's script that posts to the server it was served from (`location.port`)",
      filename: 'compare/src/approve.js',
      code: "const REMOTE = `https://reports.example.com:${location.port}`;\nexport function approve(id) {\n  return fetch(`${REMOTE}/approve/${id}`, { method: 'POST' });\n}\n",
    },
    {
      name: 'a request to a loopback base URL held in a const and written first in a template',
      filename: 'lib/approve.js',
      code: "const REMOTE_HOST = 'http://127.0.0.1';\nexports.approve = (port, id) => fetch(`${REMOTE_HOST}:${port}/approve/${id}`, { method: 'POST' });\n",
    },
    {
      name: 'a field given a local function of the same name as a library (`this.got = got` with a `function got()` of its own): no library call',
      filename: 'lib/push.js',
      code: "function got(url, opts) {\n  return { body: { url, opts } };\n}\nclass PushService {\n  async loadLibraries() {\n    this.got = got;\n  }\n  async register(url, body) {\n    const response = await this.got(url, { method: 'post', json: body });\n    return response.body;\n  }\n}\nmodule.exports = PushService;\n",
    },
    {
      name: 'a module-private function whose one caller passes options we cannot see into: left alone',
      filename: 'lib/cycle.js',
      code: "var http = require('http');\nfunction send(opts) {\n  return http.request(opts);\n}\nexports.serve = function (req, opts) {\n  return send(opts);\n};\n",
    },
    {
      name: 'an exported function taking options: callers elsewhere may pass a timeout',
      filename: 'lib/cycle.js',
      code: "var http = require('http');\nfunction send(opts) {\n  return http.request(opts);\n}\nexports.send = send;\nexports.ping = function () {\n  return send({ hostname: 'a', path: '/' });\n};\n",
    },
    {
      name: 'a module-private function one of whose callers passes a timeout: each caller decides',
      filename: 'lib/cycle.js',
      code: "var http = require('http');\nfunction send(opts) {\n  return http.request(opts);\n}\nexports.a = () => send({ hostname: 'a', timeout: 5000 });\nexports.b = () => send({ hostname: 'b' });\n",
    },
    {
      name: "the Windows shell's start opens a folder and returns at once, as open -R does on macOS",
      filename: 'bin/ca.js',
      code: "const { exec } = require('child_process');\nconst path = require('path');\nfunction openFolderOfFile(filePath) {\n  if (/^win/.test(process.platform)) {\n    exec('start .', { cwd: path.dirname(filePath) });\n  } else if (/darwin/.test(process.platform)) {\n    exec(`open -R ${filePath}`);\n  }\n}\nmodule.exports = openFolderOfFile;\n",
    },
    {
      name: 'bhttp given a response timeout',
      filename: 'lib/robots.js',
      code: "const bhttp = require('bhttp');\nmodule.exports = (url) => bhttp.get(url, { discardResponse: true, responseTimeout: 5000 });\n",
    },
    {
      name: "nodemailer's fetch given a timeout",
      filename: 'plugins/http-auth.js',
      code: "const fetch = require('nodemailer/lib/fetch');\nmodule.exports = (url, cb) => {\n  const req = fetch(url, { timeout: 5000 });\n  req.on('error', cb);\n  return req;\n};\n",
    },
    {
      name: 'once() raced with a timer the caller may ask for (amqp-connection-manager)',
      code: "import { once, EventEmitter } from 'node:events';\ndeclare function wait(ms: number): { promise: Promise<void>; cancel(): void };\nexport class Manager extends EventEmitter {\n  async connect({ timeout }: { timeout?: number } = {}) {\n    let waitTimeout: ReturnType<typeof wait> | undefined;\n    if (timeout) waitTimeout = wait(timeout);\n    try {\n      await Promise.race([\n        once(this, 'connect'),\n        ...(waitTimeout ? [waitTimeout.promise.then(() => { throw new Error('connect timeout'); })] : []),\n      ]);\n    } finally {\n      waitTimeout?.cancel();\n    }\n  }\n}\n",
    },
    {
      name: 'a tunnel ended when the client socket it serves closes (proxy-chain)',
      code: "import net from 'node:net';\nexport const direct = ({ sourceSocket, host, port }: { sourceSocket: net.Socket; host: string; port: number }) => {\n  const targetSocket = net.createConnection({ host, port }, () => {\n    sourceSocket.write('HTTP/1.1 200 Connection Established\\r\\n\\r\\n');\n  });\n  sourceSocket.pipe(targetSocket);\n  targetSocket.pipe(sourceSocket);\n  sourceSocket.on('close', () => {\n    if (targetSocket.writable) targetSocket.end();\n  });\n};\n",
    },
    {
      name: 'a forwarded request destroyed when the inbound response closes',
      code: "import http from 'node:http';\nexport function forward(request: http.IncomingMessage, response: http.ServerResponse) {\n  const client = http.request(request.url!, { method: request.method }, (res) => {\n    response.writeHead(res.statusCode ?? 502);\n    res.pipe(response);\n  });\n  request.pipe(client);\n  response.on('close', () => {\n    client.destroy();\n  });\n}\n",
    },
    {
      name: 'the socket handed at once to a method that arms its timeout (irc-framework)',
      code: "import net from 'node:net';\nexport class Transport {\n  socket: net.Socket | null = null;\n  connect(options: { host: string; port: number; pingTimeout: number }) {\n    let socket: net.Socket;\n    socket = this.socket = net.connect({ host: options.host, port: options.port });\n    this.onSocketCreate(options, socket);\n  }\n  private onSocketCreate(options: { pingTimeout: number }, socket: net.Socket) {\n    socket.setTimeout(options.pingTimeout * 1000);\n    socket.on('timeout', () => socket.destroy());\n  }\n}\n",
    },
    {
      name: 'a socket kept on the object, destroyed by the object\'s timer through its methods (autocannon)',
      filename: 'lib/client.js',
      code: "const net = require('net');\nfunction Client(opts) {\n  this.opts = opts;\n  const handleTimeout = () => {\n    this._destroyConnection();\n    this._connect();\n  };\n  this.ticker = setTimeout(handleTimeout, opts.timeout || 10000);\n  this._connect();\n}\nClient.prototype._connect = function () {\n  this.conn = net.connect(this.opts.port, this.opts.hostname);\n  this.conn.on('data', () => this.ticker.refresh());\n};\nClient.prototype._destroyConnection = function () {\n  this.conn.removeAllListeners('error');\n  this.conn.destroy();\n};\nmodule.exports = Client;\n",
    },
    {
      name: 'a connect whose function arms a timer that destroys the socket (wait-port)',
      code: "import net from 'node:net';\nexport function connectWithTimeout(host: string, port: number, timeout: number, callback: (err?: Error) => void) {\n  let timer: NodeJS.Timeout | undefined;\n  const socket = net.createConnection({ host, port }, () => {\n    clearTimeout(timer);\n    callback();\n  });\n  socket.on('error', (err) => {\n    clearTimeout(timer);\n    socket.destroy();\n    callback(err);\n  });\n  timer = setTimeout(() => {\n    socket.destroy();\n    callback(new Error(`Timeout connecting to ${host}:${port}`));\n  }, timeout);\n  return socket;\n}\n",
    },
    {
      name: 'a deadline timer armed before the connect, destroying the socket through a local fail()',
      code: "import net from 'node:net';\nexport function tunnel(host: string, port: number, ms: number): Promise<net.Socket> {\n  return new Promise((resolve, reject) => {\n    let socket: net.Socket | undefined;\n    const fail = (err: Error) => {\n      clearTimeout(timer);\n      socket?.destroy();\n      reject(err);\n    };\n    const timer = setTimeout(() => fail(new Error('deadline')), ms);\n    socket = net.connect({ host, port }, () => {\n      clearTimeout(timer);\n      resolve(socket!);\n    });\n    socket.once('error', fail);\n  });\n}\n",
    },
    {
      name: 'a method of the file that hands back a library or a project module: not one library',
      filename: 'lib/http-utils.js',
      code: "module.exports = {\n  getModule(url) {\n    return url.startsWith('https://') ? require('https') : require('./fake-http');\n  },\n  send(url, body, cb) {\n    const client = this.getModule(url);\n    const req = client.request(url, { method: 'POST' }, (res) => cb(null, res.statusCode));\n    req.on('error', cb);\n    req.end(JSON.stringify(body));\n  },\n};\n",
      files: { 'lib/fake-http.js': "exports.request = (url, opts, cb) => ({ on() {}, end() { cb({ statusCode: 200 }); } });\n" },
    },
    {
      name: 'a variable given got and then a wrapper of the project: not the library any more',
      filename: 'lib/telemetry.js',
      code: "let client = null;\nasync function ping(metrics) {\n  if (!client) {\n    client = (await import('got')).got;\n  }\n  client = makeClient(client);\n  return client.post('https://telemetry.example.org/ping', { json: metrics });\n}\nfunction makeClient(base) {\n  return { post: (url, o) => base.post(url, { ...o, timeout: { request: 5000 } }) };\n}\nmodule.exports = { ping };\n",
    },
    {
      name: 'code after an unconditional return never runs (an experiment switched off with `return;`)',
      code: "export function startSync() {\n  return;\n  fetch('https://peer.example/sync').then((r) => r.json());\n}\n",
    },
    {
      name: 'a program picked per platform among desktop openers (open, cmd /c start, xdg-open, behind sudo): the user sees what it opens',
      filename: 'src/open.js',
      code: "const { execFile } = require('child_process');\nfunction open(target, appName, callback) {\n  let cmd;\n  let args = [];\n  switch (process.platform) {\n    case 'darwin':\n      cmd = 'open';\n      args.push(target);\n      break;\n    case 'win32':\n      cmd = 'cmd';\n      args = ['/c', 'start', '\"\"', target];\n      break;\n    default:\n      cmd = appName || 'xdg-open';\n      args.push(target);\n  }\n  if (process.env.SUDO_USER) {\n    args = ['-u', process.env.SUDO_USER, cmd].concat(args);\n    cmd = 'sudo';\n  }\n  return execFile(cmd, args, callback);\n}\nmodule.exports = open;\n",
    },
    {
      name: 'fetch with the caller signal',
      code: [
        'export async function getUser(id: string, signal: AbortSignal) {',
        '  const res = await fetch(`https://users.internal/users/${id}`, { signal });',
        '  return res.json();',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'fetch with AbortSignal.timeout',
      code: "export const load = (url: string) => fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5_000) });\n",
    },
    {
      name: 'fetch with options in a variable we cannot see into',
      code: 'export function post(url: string, init: RequestInit) {\n  return fetch(url, init);\n}\n',
    },
    {
      name: 'fetch with spread options',
      code: "const defaults: RequestInit = { signal: AbortSignal.timeout(5000) };\nexport const send = (url: string, body: string) => fetch(url, { ...defaults, method: 'POST', body });\n",
    },
    {
      name: 'a local function called fetch is not the global',
      code: 'function fetch(url: string) {\n  return url.length;\n}\nexport const n = fetch("x");\n',
    },
    {
      name: 'a project module exporting fetch is not the global',
      code: "import { fetch } from './http-client';\nexport const r = fetch('/users');\n",
      files: { 'src/http-client.ts': 'export function fetch(path: string) {\n  return path;\n}\n' },
    },
    {
      name: 'axios instance created with a timeout: calls on it are bounded',
      code: [
        "import axios from 'axios';",
        '',
        "const billing = axios.create({ baseURL: 'https://billing.internal', timeout: 5_000 });",
        '',
        'export class BillingClient {',
        '  async invoice(id: string) {',
        '    const { data } = await billing.get(`/invoices/${id}`);',
        '    return data;',
        '  }',
        '  async charge(body: unknown) {',
        "    return billing.post('/charges', body);",
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'axios default instance with a per-call timeout',
      code: "import axios from 'axios';\nexport const ping = () => axios.get('https://status.internal/ping', { timeout: 2000 });\n",
    },
    {
      name: 'axios defaults bounded in another module',
      code: "import axios from 'axios';\nexport async function rates() {\n  return (await axios.get('https://fx.internal/rates')).data;\n}\n",
      files: { 'src/setup.ts': "import axios from 'axios';\naxios.defaults.timeout = 8000;\n" },
    },
    {
      name: 'got.extend with a request timeout in its defaults',
      code: "import got from 'got';\nexport const zoom = got.extend({ prefixUrl: 'https://zoom.us/v2', timeout: { request: 10_000 } });\n",
    },
    {
      name: 'axios instance bounded through its defaults',
      code: "import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://api.internal' });\napi.defaults.timeout = 4000;\n",
    },
    {
      name: 'http.request with req.setTimeout() later',
      code: [
        "import http from 'node:http';",
        '',
        'export function ping(host: string) {',
        "  const req = http.request({ host, path: '/health' }, (res) => res.resume());",
        '  req.setTimeout(3000, () => req.destroy());',
        '  req.end();',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'https.get with a timeout option',
      code: "import https from 'https';\nhttps.get('https://example.com', { timeout: 5000 }, (res) => res.resume());\n",
    },
    {
      name: 'http.get bounded by a chained setTimeout',
      code: "import { get } from 'node:http';\nget('http://localhost:3000/health', (res) => res.resume()).setTimeout(2000);\n",
    },
    {
      name: 'http.request with options in a variable',
      code: "import * as http from 'http';\nexport function call(options: http.RequestOptions) {\n  return http.request(options);\n}\n",
    },
    {
      name: 'child_process calls with a timeout',
      code: [
        "import { exec, execFile, spawnSync } from 'node:child_process';",
        "exec('git fetch', { timeout: 30_000 }, () => {});",
        "execFile('git', ['status'], { timeout: 10_000 }, () => {});",
        "spawnSync('ls', ['-la'], { timeout: 5000 });",
        '',
      ].join('\n'),
    },
    {
      name: 'spawn streams and is not a waiting call',
      code: "import { spawn } from 'child_process';\nexport const child = spawn('tail', ['-f', 'app.log']);\n",
    },
    {
      name: 'events.once with a signal',
      code: "import { once, EventEmitter } from 'node:events';\nexport async function ready(e: EventEmitter) {\n  await once(e, 'ready', { signal: AbortSignal.timeout(10_000) });\n}\n",
    },
    {
      name: 'pg Pool with connectionTimeoutMillis',
      code: "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 5000 });\n",
    },
    {
      name: 'pg Pool with a config variable',
      code: "import pg from 'pg';\nimport { dbConfig } from './config';\nexport const pool = new pg.Pool(dbConfig);\n",
      files: { 'src/config.ts': 'export const dbConfig = { connectionTimeoutMillis: 2000 };\n' },
    },
    {
      name: 'pg query timeout not required by default',
      code: "import { Client } from 'pg';\nexport const client = new Client({ connectionTimeoutMillis: 3000 });\n",
    },
    {
      name: 'pg query timeout present when required',
      code: "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionTimeoutMillis: 3000, statement_timeout: 15_000 });\n",
      options: { requireQueryTimeout: true },
    },
    {
      name: 'mysql2 and ioredis have sane connect timeouts',
      code: [
        "import mysql from 'mysql2/promise';",
        "import Redis from 'ioredis';",
        "export const db = mysql.createPool({ host: 'db', user: 'app' });",
        "export const conn = await mysql.createConnection({ host: 'db' });",
        'export const redis = new Redis(6379);',
        '',
      ].join('\n'),
    },
    {
      name: 'undici request with its own timeouts',
      code: "import { request } from 'undici';\nexport const r = request('http://svc', { headersTimeout: 5000, bodyTimeout: 5000 });\n",
    },
    {
      name: 'got with a timeout',
      code: "import got from 'got';\nexport const body = got('https://example.com', { timeout: { request: 5000 } });\n",
    },
    {
      name: 'CommonJS execSync with a timeout',
      filename: 'src/build.cjs',
      code: "const { execSync } = require('node:child_process');\nexecSync('npm run build', { timeout: 120000, stdio: 'inherit' });\n",
    },
    {
      name: 'net.connect with a timeout',
      code: "import net from 'node:net';\nexport const socket = net.connect({ host: 'cache', port: 11211, timeout: 2000 });\n",
    },
    {
      name: 'user library entry, bounded',
      code: "import { request } from '@acme/http';\nexport const me = request('/me', { timeoutMs: 2000 });\n",
      config: ACME_LIBRARY,
    },
    {
      name: 'an options variable is out of sight without typeAware',
      code: "import axios from 'axios';\nconst opts = { headers: { accept: 'json' } };\nexport const r = axios.get('https://svc', opts);\n",
    },
    {
      name: 'typeAware: an options variable whose type has the bound',
      code: "import axios from 'axios';\nconst opts = { timeout: 2000 };\nexport const r = axios.get('https://svc', opts);\n",
      config: { typeAware: true },
    },
    {
      name: 'typeAware: a parameter typed as RequestInit may carry a signal',
      code: 'export const get = (url: string, init: RequestInit) => fetch(url, init);\n',
      config: { typeAware: true },
    },
    // ---- Child processes that need no default kill (spec: Fix safety) ----
    {
      name: 'a package manager in every call shape: options, shell: true, a terminal handed over',
      filename: 'src/create.mjs',
      code: [
        "import { spawnSync, execSync, exec } from 'node:child_process';",
        '',
        'export function scaffold(dir, pkg) {',
        "  spawnSync('npm', ['init', '-y'], { shell: true, cwd: dir });",
        "  spawnSync('npm', ['i', `${pkg}@latest`], { shell: true });",
        "  execSync('pnpm install --frozen-lockfile', { cwd: dir, encoding: 'utf8' });",
        "  exec('yarn build', { cwd: dir }, () => {});",
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'an install chained in one shell line, and a build',
      filename: 'src/browser.js',
      code: [
        "const childProcess = require('child_process');",
        '',
        'async function installChromium() {',
        "  const child = childProcess.exec('apt update && apt --yes --no-install-recommends install chromium');",
        "  await new Promise((resolve) => child.on('exit', resolve));",
        "  childProcess.execSync('go build -o ./bin/healthcheck ./healthcheck.go');",
        '}',
        'module.exports = { installChromium };',
        '',
      ].join('\n'),
    },
    {
      name: 'the user\'s own command line handed on: process.argv, a command passed in',
      filename: 'src/delegate.js',
      code: [
        "const { execFileSync, execSync } = require('child_process');",
        '',
        'function forward(localBin, cwd) {',
        '  execFileSync(localBin, process.argv.slice(2), { cwd });',
        '}',
        'function runHook(command) {',
        '  return execSync(command, { encoding: \'utf8\' });',
        '}',
        'module.exports = { forward, runHook };',
        '',
      ].join('\n'),
    },
    {
      name: "stdio: 'inherit' hands the user's terminal to the child",
      code: "import { spawnSync } from 'node:child_process';\nexport const convert = (args: string[]) => spawnSync('ffmpeg', args, { stdio: 'inherit' });\n",
    },
    {
      name: 'a let given http and, on one branch, a client made elsewhere: not a module alias, not read',
      filename: 'lib/helpers/request.js',
      code: "const http = require('http');\nconst https = require('https');\nfunction request(options) {\n  return new Promise((resolve, reject) => {\n    let httpModule = http;\n    if (options.secure) {\n      httpModule = options.client;\n    }\n    const client = httpModule.request({ host: options.host, path: '/' }, (res) => resolve(res));\n    client.on('error', reject);\n    client.end();\n  });\n}\nmodule.exports = request;\n",
    },
    {
      name: 'a command line that bounds itself with its own deadline option (ping -w, curl -m, nc -w), and clipboard tools',
      filename: 'lib/utils.js',
      code: "const { exec, execSync, execFile } = require('child_process');\nexports.ping = function (host, cb) {\n  var cmd = 'ping -w 15 ' + host;\n  exec(cmd, (err) => cb(!err));\n};\nexports.fetchStatus = () => execSync('curl -s --max-time=10 https://status.example.com');\nexports.probe = (host, port, cb) => exec(`nc -z -w 5 ${host} ${port}`, cb);\nexports.paste = (cb) => execFile('pbpaste', [], cb);\n",
    },
    {
      name: 'a field given only what the caller injects (opts.request), or a fallback that is no library: not read',
      filename: 'src/lib/explorer.ts',
      code: "import request from 'request-promise-native';\nexport class V8 {\n  request: any;\n  other: any;\n  constructor(opts: { request?: any }) {\n    this.request = opts.request;\n    this.other = opts.request || makeClient();\n  }\n  getTx(id: string) {\n    return this.request.get('https://api.example.com/tx/' + id, { json: true }).then(() => this.other.get('/x'));\n  }\n}\ndeclare function makeClient(): any;\nexport const plain = request;\n",
    },
    {
      name: 'stdio: [0, 1, 2] is the same inheritance written as descriptors: the operator sees the child',
      filename: 'docker-server/start.js',
      code: "const child_process = require('child_process');\nfunction rundown(dist) {\n  child_process.execSync(dist + '/mupip rundown -region DEFAULT', { stdio: [0, 1, 2] });\n}\nmodule.exports = { rundown };\n",
    },
    {
      name: 'local OS queries and init-system commands: a literal, a template, a const, `<bin> --version`',
      filename: 'src/system.js',
      code: [
        "const childProcess = require('child_process');",
        '',
        'function queueOwner(user) {',
        '  return parseInt(childProcess.execSync(`id -u ${user}`).toString(), 10);',
        '}',
        'function startServices() {',
        "  childProcess.execSync('sudo service nscd start', { stdio: 'pipe' });",
        '}',
        'function reload(callback) {',
        "  const cmd = 'systemctl daemon-reload';",
        '  childProcess.exec(cmd, (e) => callback(e));',
        '}',
        'function chromiumVersion(executablePath) {',
        "  return childProcess.execSync(executablePath + ' --version').toString();",
        '}',
        'module.exports = { queueOwner, startServices, reload, chromiumVersion };',
        '',
      ].join('\n'),
    },
    {
      name: 'archives, a Node version install, the crontab and status queries of the local Docker daemon: local work, sized by its input',
      filename: 'lib/tooling.js',
      code: [
        "const { exec, execSync } = require('child_process');",
        '',
        'function pack(target, base, folder, cb) {',
        "  exec(`tar zcf ${target} -C ${base} ${folder}`, (err) => cb(err));",
        '}',
        'function packModule(target, base, folder, cb) {',
        "  var cmd = `tar zcf ${target} -C ${base} --transform 's,${folder},module,' ${folder}`;",
        '  exec(cmd, (err) => cb(err));',
        '}',
        'function installNode() {',
        "  const nvmBin = process.env.NVM_DIR + '/nvm.sh';",
        "  const version = process.versions.node;",
        "  execSync('. ' + nvmBin + ' ; nvm install ' + version, { env: process.env });",
        '}',
        'function cronInstalled() {',
        "  return execSync('crontab -l').toString().includes('@reboot');",
        '}',
        'function dockerReady(cb) {',
        "  exec(\"docker version -f '{{.Client.Version}}'\", (err, out) => cb(err, out));",
        "  exec('docker ps -lq', (err, out) => cb(err, out));",
        '}',
        'module.exports = { pack, packModule, installNode, cronInstalled, dockerReady };',
        '',
      ].join('\n'),
    },
    {
      name: 'a process-list query and a desktop opener: the answer is local, what opens is in front of the user',
      filename: 'lib/open-browser.js',
      code: [
        "const { execSync } = require('child_process');",
        '',
        'function openInChrome(url) {',
        "  execSync('ps cax | grep \"Google Chrome\"');",
        '  execSync(`osascript openChrome.applescript "${encodeURI(url)}"`, { cwd: __dirname, stdio: \'ignore\' });',
        "  execSync(`xdg-open ${url}`);",
        '}',
        'module.exports = { openInChrome };',
        '',
      ].join('\n'),
    },
    {
      name: "Windows process-table queries (`wmic process … get ProcessId`, `tasklist`) through an alias of child_process's execSync answer locally",
      filename: 'lib/run.js',
      code: "var childProcess = require('child_process');\nvar execSync = childProcess.execSync;\nexports.kill = function (child) {\n  var out = execSync(`wmic process where (ParentProcessId=${child.pid}) get ProcessId 2> nul`);\n  return out + execSync('tasklist /fi \"imagename eq node.exe\"');\n};\n",
    },
    {
      name: "`git remote -v` and `git remote get-url origin` list the repository's configured remotes: no peer is asked",
      filename: 'lib/fetchGitData.js',
      code: "const { execFile } = require('child_process');\nfunction fetchRemotes(git, cb) {\n  execFile('git', ['remote', '-v'], (err, remotes) => cb(err, remotes));\n  execFile('git', ['remote', 'get-url', 'origin'], (err, url) => cb(err, url));\n}\nmodule.exports = fetchRemotes;\n",
    },
    {
      name: "global fetch in a command-line tool's module: undici's 300 s default bounds it, and the user watching the run is the budget",
      filename: 'src/utils/api.js',
      code: "const callAPI = async (route, options = {}) => {\n  const res = await fetch(`https://zapier.com/api${route}`, { method: options.method || 'GET' });\n  return res.json();\n};\nmodule.exports = { callAPI };\n",
      files: {
        'package.json': '{ "name": "zapier-platform-cli", "description": "The CLI for managing integrations in Zapier Developer Platform.", "bin": { "zapier-platform": "./src/bin/run" } }',
        'src/bin/run': "#!/usr/bin/env node\nrequire('../index.js').run().then(() => process.exit(0));\n",
      },
    },
    {
      name: 'undici request in a script that runs and exits',
      filename: 'src/latest.mjs',
      code: "#!/usr/bin/env node\nimport { request } from 'undici';\nconst { body } = await request('https://registry.npmjs.org/zapier-platform-cli/latest');\nconsole.log((await body.json()).version);\nprocess.exit(0);\n",
    },
    {
      name: 'a wrapper whose every caller in the file passes a local query',
      filename: 'lib/version.js',
      code: [
        "const { exec } = require('child_process');",
        '',
        'function command(cmd) {',
        '  return new Promise((resolve, reject) => {',
        '    exec(cmd, { cwd: __dirname }, (err, stdout) => (err ? reject(err) : resolve(stdout.trim())));',
        '  });',
        '}',
        "const commit = () => command('git rev-parse HEAD');",
        "const dirty = () => command('expr $(git status --porcelain 2>/dev/null | egrep \"^(M| M)\" | wc -l)');",
        'module.exports = { commit, dirty };',
        '',
      ].join('\n'),
    },
    {
      name: 'a command run under `timeout` is bounded already',
      code: "import { execSync } from 'node:child_process';\nexport const probe = (host: string) => execSync(`timeout 5 curl -sf https://${host}/health`);\n",
    },
    // ---- Sockets kept open by design, or to this machine ----
    {
      name: 'a tunnel socket with keep-alive on: idle by design',
      filename: 'lib/tunnel.js',
      code: [
        "const net = require('net');",
        '',
        'function open(opt) {',
        '  const remote = net.connect({ host: opt.remote_host, port: opt.remote_port });',
        '  remote.setKeepAlive(true);',
        '  return remote;',
        '}',
        'module.exports = { open };',
        '',
      ].join('\n'),
    },
    {
      name: 'a socket picked between tls and net, with keep-alive on',
      filename: 'src/socket-factory.js',
      code: [
        'module.exports = () => {',
        "  const net = require('net');",
        "  const tls = require('tls');",
        '  return ({ host, port, ssl }) => {',
        '    const socket = ssl ? tls.connect({ host, port, ...ssl }) : net.connect({ host, port });',
        '    socket.setKeepAlive(true, 60000);',
        '    return socket;',
        '  };',
        '};',
        '',
      ].join('\n'),
    },
    {
      name: 'sockets to this machine: localhost by default, an IPC path, a bare port',
      filename: 'lib/local.js',
      code: [
        "const net = require('net');",
        '',
        'function proxyTo(opt) {',
        "  const localHost = opt.local_host || 'localhost';",
        '  return net.connect({ host: localHost, port: opt.local_port });',
        '}',
        "const ipc = () => net.connect('/run/app.sock');",
        'const dev = () => net.connect(3000);',
        'module.exports = { proxyTo, ipc, dev };',
        '',
      ].join('\n'),
    },
    {
      name: 'a probe of a Unix-domain socket: one path argument, refused or accepted at once',
      filename: 'lib/probe.js',
      code: [
        "const net = require('net');",
        '',
        'function socketAnswers(log, socketPath) {',
        '  return new Promise((resolve) => {',
        '    const conn = net',
        '      .connect(socketPath)',
        "      .on('error', () => resolve(false))",
        "      .on('connect', () => { conn.destroy(); resolve(true); });",
        '  });',
        '}',
        'const byPort = (port, cb) => net.createConnection(port, cb);',
        'module.exports = { socketAnswers, byPort };',
        '',
      ].join('\n'),
    },
    {
      name: 'fetch parameters that default to a project function, or a field also set to a bounded wrapper: not the library',
      filename: 'relay.js',
      code: "import { fetch as undiciFetch } from 'undici';\nimport { fetchWithDeadline } from './http.js';\n\nexport class Relay {\n  #fetch;\n  constructor({ fetch = fetchWithDeadline, legacy = false }) {\n    this.#fetch = fetch;\n    if (legacy) this.#fetch = (url, init) => undiciFetch(url, { ...init, signal: AbortSignal.timeout(5000) });\n  }\n  forward(url, body) {\n    return this.#fetch(url, { method: 'POST', body });\n  }\n  static probe({ fetch = fetchWithDeadline } = {}) {\n    return fetch('https://relay.example/health', { method: 'HEAD' });\n  }\n}\n",
      files: { 'http.js': 'export const fetchWithDeadline = (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(5000) });\n' },
    },
    {
      name: 'axios.create with no timeout whose every request builds its options with one (in place, a const, a parameter filled by every caller)',
      filename: 'lib/wait.js',
      code: [
        "const axiosModule = require('axios').default;",
        "const http = axiosModule.create({ adapter: 'http' });",
        '',
        'async function answers(log, options) {',
        '  try {',
        '    await http(options);',
        '    return true;',
        '  } catch (err) {',
        '    log(err.message);',
        '    return false;',
        '  }',
        '}',
        'function poll(resource, { timeout, headers, negate }) {',
        "  const options = { headers, ...(timeout && { timeout }), url: resource, method: 'head' };",
        '  const check = negate ? flip(answers) : answers;',
        '  return check(console.log, options);',
        '}',
        'const flip = (fn) => async (...args) => !(await fn(...args));',
        'async function fetchStatus(url) {',
        '  const { data } = await http.get(url, { timeout: 2000 });',
        '  return data;',
        '}',
        'module.exports = { poll, fetchStatus };',
        '',
      ].join('\n'),
    },
    // ---- Events the function forces ----
    {
      name: 'waiting for sockets to drain after a timer destroys every one of them',
      filename: 'src/close-server.js',
      code: [
        "const events = require('events');",
        '',
        'async function closeServer(server, sockets, socketsEvents) {',
        '  server.close();',
        '  const timeout = setTimeout(() => {',
        "    for (const socket of sockets) socket.destroy(new Error('closing'));",
        '  }, 5000);',
        '  while (sockets.size > 0) {',
        "    await events.once(socketsEvents, 'updated');",
        '  }',
        '  clearTimeout(timeout);',
        '}',
        'module.exports = { closeServer };',
        '',
      ].join('\n'),
    },
    {
      name: 'waiting for disconnects that a preceding close forces',
      filename: 'src/close-io.js',
      code: [
        "const events = require('events');",
        '',
        'async function closeIo(io, sockets, socketsEvents) {',
        '  io.engine.close();',
        '  while (sockets.size > 0) {',
        "    await events.once(socketsEvents, 'updated');",
        '  }',
        '}',
        'module.exports = { closeIo };',
        '',
      ].join('\n'),
    },
    // ---- Programs something else bounds or a maintainer runs ----
    {
      name: "a Docker HEALTHCHECK probe: Docker kills it after its --timeout",
      filename: 'bin/healthcheck.js',
      code: "#!/usr/bin/env node\nconst http = require('http');\nhttp.get('http://127.0.0.1:8081/healthcheck', (res) => process.exit(res.statusCode === 200 ? 0 : 1));\n",
      files: {
        'package.json': '{ "name": "app", "main": "server.js" }\n',
        Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY . .\nHEALTHCHECK --interval=1m --timeout=2s CMD ["/app/bin/healthcheck.js"]\nCMD ["node", "server.js"]\n',
      },
    },
    {
      name: 'a release script in a tooling folder that the bin beside it does not load',
      filename: 'extra/release.js',
      code: "const childProcess = require('child_process');\nchildProcess.spawnSync('git', ['push', 'origin', '--tags']);\n",
      files: {
        'package.json': '{ "name": "app", "bin": { "app": "./extra/cli.js" }, "scripts": { "release": "node extra/release.js" } }\n',
        'extra/cli.js': "#!/usr/bin/env node\nrequire('./lib.js');\n",
        'extra/lib.js': 'module.exports = {};\n',
      },
    },
    {
      name: 'a release script in scripts/ beside a module that loads another folder by a computed path (iobroker.backitup, check 53)',
      filename: 'scripts/release.js',
      code: "const cp = require('node:child_process');\ncp.exec('git push origin --tags', () => {});\n",
      files: {
        'package.json': '{ "name": "app", "main": "lib/execute.js", "scripts": { "release": "node scripts/release.js" } }\n',
        'lib/execute.js': "const fs = require('node:fs');\nfor (const file of fs.readdirSync(`${__dirname}/steps`)) require(`${__dirname}/steps/${file}`);\n",
      },
    },
    // ---- Options bound in view ----
    {
      name: 'a function-local options literal given a timeout later in the function',
      filename: 'src/webhook.js',
      code: [
        "const axios = require('axios');",
        '',
        'async function send(url, data, proxy) {',
        '  const config = { headers: {} };',
        '  if (proxy) config.proxy = proxy;',
        '  config.timeout = 48_000;',
        '  return axios.post(url, data, config);',
        '}',
        'module.exports = { send };',
        '',
      ].join('\n'),
    },
    {
      name: 'a function-local options literal handed to code we cannot see before the call',
      filename: 'src/webhook.js',
      code: [
        "const axios = require('axios');",
        "const { applyDefaults } = require('./defaults');",
        '',
        'async function send(url, data) {',
        '  const config = { headers: {} };',
        '  applyDefaults(config);',
        '  return axios.post(url, data, config);',
        '}',
        'module.exports = { send };',
        '',
      ].join('\n'),
      files: { 'src/defaults.js': 'exports.applyDefaults = (c) => { c.timeout = 5000; };\n' },
    },
    {
      name: 'a function-local options literal handed to a function of this file that writes the bound on it, then requested: bounded',
      filename: 'lib/proxy.js',
      code: [
        "const request = require('request');",
        '',
        'function withDefaults(params) {',
        '  params.timeout = 30000;',
        '}',
        'exports.handler = function (req, res) {',
        '  const params = { headers: {}, url: req.url };',
        '  withDefaults(params);',
        '  request(params).pipe(res);',
        '};',
        '',
      ].join('\n'),
    },
    {
      name: 'a function-local options literal handed to a function of this file that keeps it on an object: out of sight',
      filename: 'lib/proxy.js',
      code: [
        "const request = require('request');",
        '',
        'function remember(holder, params) {',
        '  holder.params = params;',
        '}',
        'exports.handler = function (req, res) {',
        '  const params = { headers: {}, url: req.url };',
        '  remember(this, params);',
        '  request(params).pipe(res);',
        '};',
        '',
      ].join('\n'),
    },
    {
      name: 'options handed through a module-private function from a caller whose literal carries the bound: bounded',
      filename: 'lib/proxy.js',
      code: [
        "const request = require('request');",
        '',
        'function bypass(res, params) {',
        "  params.method = 'POST';",
        '  request(params).pipe(res);',
        '}',
        'exports.handler = function (req, res) {',
        '  const params = { headers: {}, url: req.url, timeout: 30000 };',
        '  return bypass(res, params);',
        '};',
        '',
      ].join('\n'),
    },
    {
      name: 'a `var` given an options literal on each branch, one of them bounded: left alone',
      filename: 'lib/api.js',
      code: [
        "var http = require('http');",
        '',
        'exports.get = function (config, proxy, done) {',
        '  var options;',
        '  if (proxy) {',
        '    options = { host: proxy.hostname, port: proxy.port, path: config.path, timeout: 5000 };',
        '  } else {',
        '    options = { host: config.hostname, path: config.path };',
        '  }',
        '  http.request(options, done).end();',
        '};',
        '',
      ].join('\n'),
    },
    {
      name: 'a `var` given an options literal on one branch and a caller\'s object on the other: out of sight',
      filename: 'lib/api.js',
      code: [
        "var http = require('http');",
        '',
        'exports.get = function (config, proxy, done) {',
        '  var options;',
        '  if (proxy) {',
        '    options = { host: proxy.hostname, port: proxy.port, path: config.path };',
        '  } else {',
        '    options = config.requestOptions;',
        '  }',
        '  http.request(options, done).end();',
        '};',
        '',
      ].join('\n'),
    },
    {
      name: 'a spread of literals that carries the bound',
      code: "import { execFileSync } from 'node:child_process';\nexport const run = (args: string[], t?: number) => execFileSync('curl', args, { encoding: 'utf8', ...(t ? { timeout: t } : {}) });\n",
    },
    {
      name: 'a socket made with new net.Socket() whose idle timeout is set before connect()',
      filename: 'lib/tcp.js',
      code: "const net = require('net');\nmodule.exports = function (options, callback) {\n  const socket = new net.Socket();\n  socket.setTimeout(options.timeout || 5000);\n  socket.on('timeout', () => socket.destroy(new Error('timeout')));\n  socket.connect(options.port, options.address, () => {\n    socket.destroy();\n    callback(null);\n  });\n  socket.on('error', (error) => callback(error));\n};\n",
    },
    {
      name: "a socket kept on the object (this.dataSocket = new Socket()) connected in one method, waited for with a timeout in another",
      filename: 'src/connector/active.js',
      code: "const { Socket } = require('net');\nclass Active {\n  waitForConnection({ timeout = 5000 } = {}) {\n    return new Promise((resolve, reject) => {\n      const timer = setTimeout(() => reject(new Error('timeout')), timeout);\n      this.dataSocket.once('connect', () => { clearTimeout(timer); resolve(this.dataSocket); });\n    });\n  }\n  setupConnection(host, port) {\n    if (this.dataSocket) this.dataSocket.destroy();\n    this.dataSocket = new Socket();\n    this.dataSocket.connect({ host, port }, () => this.dataSocket.pause());\n  }\n}\nmodule.exports = Active;\n",
    },
    {
      name: 'an install command changing this machine: users, ownership, firewall, service registration, a libc query, a shell -c line',
      filename: 'lib/platforms/linux.js',
      files: { 'package.json': '{ "name": "svc", "bin": { "hb-service": "lib/hb-service.js" } }\n' },
      code: "const { execSync, spawnSync } = require('node:child_process');\nclass LinuxInstaller {\n  createUser(user) {\n    execSync(`useradd -m --system ${user}`);\n    execSync(`usermod -a -G audio,dialout ${user} 2> /dev/null`);\n    execSync(`chown -R ${user}: \"${this.storagePath}\"`);\n    execSync(`ufw allow ${this.port}/tcp 2> /dev/null`);\n    execSync(`sysrc ${this.name}_enable=\"YES\"`);\n  }\n  glibc() {\n    return execSync('getconf GNU_LIBC_VERSION').toString();\n  }\n  hasSystemctl() {\n    return spawnSync('sh', ['-c', 'which systemctl']).status === 0;\n  }\n  logs() {\n    return execSync('journalctl -n 50 --no-pager -u homebridge').toString();\n  }\n}\nmodule.exports = LinuxInstaller;\n",
    },
    {
      name: 'WSL and Cygwin queries: cmd.exe /c echo of a variable, wslinfo, cygpath',
      filename: 'src/browser-data/chrome.js',
      code: "const { execSync, execFileSync } = require('node:child_process');\nexports.windowsHome = () => execSync('cmd.exe /c echo %USERPROFILE%').toString().trim();\nexports.wslVersion = () => execFileSync('wslinfo', ['--version']).toString();\nexports.winPath = (p) => execFileSync('cygpath', ['-w', p]).toString().trim();\n",
    },
    {
      name: 'a new Socket() the object also holds (this.stream = socket), bounded through the member right after connect()',
      filename: 'lib/tcp.js',
      code: "const { Socket } = require('net');\nclass TCPConnection {\n  connect(host, port) {\n    const socket = new Socket();\n    this.stream = socket;\n    this.stream.on('timeout', () => this.stream.destroy());\n    socket.connect({ host, port });\n    this.stream.setTimeout(this.connectTimeout);\n  }\n}\nmodule.exports = TCPConnection;\n",
    },
    {
      name: "a timer armed before the request it aborts, the request stored through a chained `.on('error', \u2026)` (`var req = http.get(\u2026).on('error', \u2026)`, hoisted): the bound, written by hand (zetta's confirmConnection, check 33)",
      filename: 'lib/peer_socket.js',
      code: "var http = require('http');\nfunction PeerSocket() {}\nPeerSocket.prototype.confirmConnection = function (connectionId, callback) {\n  var timeout = setTimeout(function () {\n    req.abort();\n    callback(new Error('Confirm connection timeout reached.'));\n  }, this._confirmationTimeout);\n  var opts = { agent: this.agent, path: '/_initiate_peer/' + connectionId };\n  var req = http.get(opts, function (res) {\n    clearTimeout(timeout);\n    callback(res.statusCode === 200 ? null : new Error('Unexpected status code'));\n  }).on('error', function (err) {\n    clearTimeout(timeout);\n    callback(err);\n  });\n};\nmodule.exports = PeerSocket;\n",
    },
    {
      name: "a request stored through a chained `.once('error', \u2026)` and given `.setTimeout()` on the next line",
      filename: 'lib/peer_socket.js',
      code: "var http = require('http');\nfunction PeerSocket() {}\nPeerSocket.prototype.fetch = function (path, cb) {\n  var req = http.get({ agent: this.agent, path: path }, cb).once('error', cb);\n  req.setTimeout(10000, function () { req.destroy(); });\n};\nmodule.exports = PeerSocket;\n",
    },
    {
      name: "a request given a URL's parts (`https.get(url.parse(uri), cb)`) and `.setTimeout()` on the next line",
      filename: 'src/Https.ts',
      code: "import https from 'https';\nimport url from 'url';\nexport function getResponse(uri: string): Promise<string> {\n  return new Promise((resolve, reject) => {\n    const req = https.get(url.parse(uri), (res) => {\n      const chunks: Buffer[] = [];\n      res.on('data', (d: Buffer) => chunks.push(d));\n      res.on('end', () => resolve(Buffer.concat(chunks).toString()));\n    });\n    req.setTimeout(15000, () => req.destroy(new Error('timeout')));\n    req.on('error', reject);\n    req.end();\n  });\n}\n",
    },
    {
      name: "got options spread from a function of another project module one of whose literals holds a timeout",
      filename: "lib/compute-download-urls.js",
      files: {"lib/proxyManager.js": "const { HttpsProxyAgent } = require('https-proxy-agent');\nfunction getProxtAgent(url) {\n  if (url.startsWith('https:') && process.env.HTTPS_PROXY) {\n    return { agent: { https: new HttpsProxyAgent(process.env.HTTPS_PROXY) } };\n  }\n  return { timeout: { request: 10000 } };\n}\nmodule.exports = { getProxtAgent };\n"},
      code: "const got = require('got');\nconst { getProxtAgent } = require('./proxyManager');\nasync function getLatestChromeVersion() {\n  const url = 'https://googlechromelabs.github.io/chrome-for-testing/last-known-good-versions.json';\n  const response = await got({\n    ...getProxtAgent(url),\n    ...{ method: 'get', url: url, headers: { 'Content-Type': 'application/json' } },\n  }).json();\n  return response.channels.Stable.version;\n}\nmodule.exports = { getLatestChromeVersion };\n",
    },
    {
      name: "got options spread from a function of the file that may return something other than a literal (a required defaults object): out of sight",
      filename: "lib/latest.js",
      code: "const got = require('got');\nconst defaults = require('./defaults');\nfunction proxyOptions(url) {\n  return process.env.HTTPS_PROXY ? { agent: { https: makeAgent(process.env.HTTPS_PROXY) } } : defaults;\n}\nfunction makeAgent(proxy) {\n  return require('./agent')(proxy);\n}\nexports.latest = async function (url) {\n  return got({ ...proxyOptions(url), method: 'get', url }).json();\n};\n",
    },
    {
      name: "a connect to localhost whose spread certificate options come from a local function building only literals without an address (localtunnel's TunnelCluster)",
      filename: 'lib/cluster.js',
      code: "const tls = require('tls');\nconst fs = require('fs');\nexports.connectLocal = (opt) => {\n  const certOpts = () => (opt.insecure ? { rejectUnauthorized: false } : { cert: fs.readFileSync(opt.cert), key: fs.readFileSync(opt.key) });\n  return tls.connect({ host: 'localhost', port: opt.port, ...certOpts() });\n};\n",
    },
    {
      name: "esbuild's `__toESM(require('net'))` interop, the socket bounded by setTimeout and destroyed on 'timeout' (near-miss of straightforward, check 51)",
      filename: 'dist/index.js',
      files: { 'package.json': '{ "name": "straightforward", "main": "dist/index.js" }' },
      code: "\"use strict\";\nvar __create = Object.create;\nvar __getProtoOf = Object.getPrototypeOf;\nvar __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, mod);\n" + "var import_net = __toESM(require(\"net\"));\nclass Proxy {\n  _proxyConnect(port, host, done) {\n    const serverSocket = import_net.default.connect(port, host, done);\n    serverSocket.setTimeout(30000, () => serverSocket.destroy());\n    return serverSocket;\n  }\n}\nmodule.exports = Proxy;\n",
    },
    {
      name: 'node-fetch v2 Requests built with `timeout`, in place or by a sibling method every caller of a private handler goes through (svrooij/sonos, check 59)',
      filename: 'lib/services/base-service.js',
      code: "\"use strict\";\nconst node_fetch_1 = require(\"node-fetch\");\nclass BaseService {\n    async SetVolume(body) {\n        return await this.handleRequest(this.generateRequest('SetVolume', body), 'SetVolume');\n    }\n    async Play() {\n        return await this.handleRequest(this.generateRequest('Play', undefined), 'Play');\n    }\n    generateRequest(action, body) {\n        return new node_fetch_1.Request(this.getUrl(), { method: 'POST', body: this.body(action, body), timeout: 30000 });\n    }\n    /**\n     * @private\n     * @param {Request} request the request to send\n     */\n    async handleRequest(request, action) {\n        const response = await node_fetch_1.default(request);\n        return response.ok;\n    }\n    async subscribeForEvents(url) {\n        const resp = await node_fetch_1.default(new node_fetch_1.Request(url, { method: 'SUBSCRIBE', timeout: 15000 }));\n        return resp.headers.get('sid');\n    }\n}\nexports.BaseService = BaseService;\n",
    },
    {
      name: "an AWS SDK client whose every call passes a per-call `requestTimeout` (allserver, check 56)",
      filename: 'src/client/LambdaClientTransport.js',
      code: "module.exports = require(\"./ClientTransport\").compose({\n    props: { awsSdkLambdaClient: null },\n    init() {\n        if (!this.awsSdkLambdaClient) {\n            const { Lambda } = require(\"@aws-sdk/client-lambda\");\n            this.awsSdkLambdaClient = new Lambda();\n        }\n    },\n    methods: {\n        async call(ctx) {\n            const res = await this.awsSdkLambdaClient.invoke({ FunctionName: this.name, Payload: JSON.stringify(ctx.arg) }, { requestTimeout: this.timeout });\n            return res.Payload;\n        },\n    },\n});\n",
    },
    {
      name: "a ws connect returned to a caller whose promise a timer rejects unless `ws.onopen` resolves it first (chia-agent, check 56)",
      filename: 'daemon/connection.js',
      code: "\"use strict\";\nconst WS = require(\"ws\");\nfunction create(url) {\n    const options = { rejectUnauthorized: false };\n    return new WS(url, options);\n}\nfunction open(url, timeoutMs) {\n    return new Promise((resolve, reject) => {\n        const ws = create(url);\n        let timer = setTimeout(() => {\n            timer = null;\n            reject(\"Timeout\");\n        }, timeoutMs ?? 50000);\n        ws.onopen = (openEvent) => {\n            if (timer !== null) {\n                clearTimeout(timer);\n                resolve({ ws, openEvent });\n            }\n        };\n    });\n}\nexports.open = open;\n",
    },
    {
      name: "a WebSocket relay's outbound socket closed when the inbound one it serves closes (micro-proxy, check 58)",
      filename: 'index.js',
      code: "const WebSocket = require('ws')\nfunction proxyWs (ws, req, dest) {\n  const destWs = new WebSocket(`ws://${dest}${req.url}`)\n  destWs.on('open', () => { ws.on('message', (m) => destWs.send(m)) })\n  ws.on('close', () => { destWs.close() })\n  destWs.on('close', () => { ws.close() })\n}\nmodule.exports = proxyWs\n",
    },
  ],
  invalid: [
    {
      name: "a WebSocket closed from a listener on its own 'unexpected-response', whose response is no inbound side (bitmex-realtime-api, check 44): still reported",
      filename: 'lib/ReconnectingSocket.js',
      code: "const WebSocket = require('ws');\nfunction Client() {}\nClient.prototype.open = function (url) {\n  this.instance = new WebSocket(url);\n  this.instance.on('unexpected-response', (request, response) => {\n    response.on('end', () => { request.abort(); this.instance.close(); });\n  });\n};\nmodule.exports = Client;\n",
      errors: [{ messageId: 'missing', line: 4, column: 19 }],
      output: null,
      unsafeOutput: "const WebSocket = require('ws');\nfunction Client() {}\nClient.prototype.open = function (url) {\n  this.instance = new WebSocket(url, { handshakeTimeout: 10_000 });\n  this.instance.on('unexpected-response', (request, response) => {\n    response.on('end', () => { request.abort(); this.instance.close(); });\n  });\n};\nmodule.exports = Client;\n",
    },
    {
      name: "an AWS SDK client with one call passing no per-call bound (near-miss of allserver, check 56): still reported",
      filename: 'src/client/LambdaClientTransport.js',
      errors: [{ messageId: 'missing', line: 6, column: 39 }],
      output: null,
      unsafeOutput: "module.exports = require(\"./ClientTransport\").compose({\n    props: { awsSdkLambdaClient: null },\n    init() {\n        if (!this.awsSdkLambdaClient) {\n            const { Lambda } = require(\"@aws-sdk/client-lambda\");\n            this.awsSdkLambdaClient = new Lambda({ requestHandler: { socketTimeout: 10_000 } });\n        }\n    },\n    methods: {\n        async call(ctx) {\n            const res = await this.awsSdkLambdaClient.invoke({ FunctionName: this.name, Payload: JSON.stringify(ctx.arg) }, { requestTimeout: this.timeout });\n            return res.Payload;\n        },\n        async ping() {\n            return this.awsSdkLambdaClient.invoke({ FunctionName: this.name });\n        },\n    },\n});\n",
      code: "module.exports = require(\"./ClientTransport\").compose({\n    props: { awsSdkLambdaClient: null },\n    init() {\n        if (!this.awsSdkLambdaClient) {\n            const { Lambda } = require(\"@aws-sdk/client-lambda\");\n            this.awsSdkLambdaClient = new Lambda();\n        }\n    },\n    methods: {\n        async call(ctx) {\n            const res = await this.awsSdkLambdaClient.invoke({ FunctionName: this.name, Payload: JSON.stringify(ctx.arg) }, { requestTimeout: this.timeout });\n            return res.Payload;\n        },\n        async ping() {\n            return this.awsSdkLambdaClient.invoke({ FunctionName: this.name });\n        },\n    },\n});\n",
    },
    {
      name: "a ws connect returned to a caller whose timer settles nothing (near-miss of chia-agent, check 56): still reported",
      filename: 'daemon/connection.js',
      errors: [{ messageId: 'missing', line: 5, column: 12 }],
      output: null,
      unsafeOutput: "\"use strict\";\nconst WS = require(\"ws\");\nfunction create(url) {\n    const options = { rejectUnauthorized: false, handshakeTimeout: 10_000 };\n    return new WS(url, options);\n}\nfunction open(url, timeoutMs) {\n    return new Promise((resolve, reject) => {\n        const ws = create(url);\n        let timer = setTimeout(() => {\n            timer = null;\n        }, timeoutMs ?? 50000);\n        ws.onopen = (openEvent) => {\n            if (timer !== null) {\n                clearTimeout(timer);\n                resolve({ ws, openEvent });\n            }\n        };\n    });\n}\nexports.open = open;\n",
      code: "\"use strict\";\nconst WS = require(\"ws\");\nfunction create(url) {\n    const options = { rejectUnauthorized: false };\n    return new WS(url, options);\n}\nfunction open(url, timeoutMs) {\n    return new Promise((resolve, reject) => {\n        const ws = create(url);\n        let timer = setTimeout(() => {\n            timer = null;\n        }, timeoutMs ?? 50000);\n        ws.onopen = (openEvent) => {\n            if (timer !== null) {\n                clearTimeout(timer);\n                resolve({ ws, openEvent });\n            }\n        };\n    });\n}\nexports.open = open;\n",
    },
    {
      name: "a WebSocket relay whose inbound close leaves the outbound socket connecting (near-miss of micro-proxy, check 58): still reported",
      filename: 'index.js',
      errors: [{ messageId: 'missing', line: 3, column: 18 }],
      output: null,
      unsafeOutput: "const WebSocket = require('ws')\nfunction proxyWs (ws, req, dest) {\n  const destWs = new WebSocket(`ws://${dest}${req.url}`, { handshakeTimeout: 10_000 })\n  destWs.on('open', () => { ws.on('message', (m) => destWs.send(m)) })\n  ws.on('close', () => { ws.removeAllListeners() })\n  destWs.on('close', () => { ws.close() })\n}\nmodule.exports = proxyWs\n",
      code: "const WebSocket = require('ws')\nfunction proxyWs (ws, req, dest) {\n  const destWs = new WebSocket(`ws://${dest}${req.url}`)\n  destWs.on('open', () => { ws.on('message', (m) => destWs.send(m)) })\n  ws.on('close', () => { ws.removeAllListeners() })\n  destWs.on('close', () => { ws.close() })\n}\nmodule.exports = proxyWs\n",
    },
    {
      name: "node-fetch 1.x installed: the fix is its `timeout` option, which 1.x reads, not `signal` (micro-proxy, check 58)",
      filename: 'index.js',
      files: { 'package.json': '{ "name": "micro-proxy", "dependencies": { "node-fetch": "^1.7.3" } }' },
      errors: [{ messageId: 'missing', line: 3, column: 21 }],
      output: null,
      unsafeOutput: "const fetch = require('node-fetch')\nmodule.exports = async (url, req) => {\n  const res = await fetch(url, { method: req.method, headers: req.headers, timeout: 10_000 })\n  return res.text()\n}\n",
      code: "const fetch = require('node-fetch')\nmodule.exports = async (url, req) => {\n  const res = await fetch(url, { method: req.method, headers: req.headers })\n  return res.text()\n}\n",
    },
    {
      name: 'node-fetch Requests: one caller of the handler passes a Request of its own, and one Request is built without a bound (near-miss of svrooij/sonos, check 59): still reported',
      filename: 'lib/musicservices/smapi-client.js',
      code: "\"use strict\";\nconst node_fetch_1 = require(\"node-fetch\");\nclass SmapiClient {\n    async GetMetadata(body) {\n        return await this.handleRequest(this.generateRequest('getMetadata', body), 'getMetadata');\n    }\n    async Retry(request) {\n        return await this.handleRequest(request, 'retry');\n    }\n    generateRequest(action, body) {\n        return new node_fetch_1.Request(this.url, { method: 'POST', body: this.body(action, body), timeout: 30000 });\n    }\n    /** @private */\n    async handleRequest(request, action) {\n        const response = await node_fetch_1.default(request);\n        return response.ok;\n    }\n    async speak(url) {\n        const resp = await node_fetch_1.default(new node_fetch_1.Request(url, { method: 'POST' }));\n        return resp.json();\n    }\n}\nexports.SmapiClient = SmapiClient;\n",
      errors: [
        { messageId: 'missing', line: 15, column: 32 },
        { messageId: 'missing', line: 19, column: 28 },
      ],
      output: null,
      unsafeOutput: "\"use strict\";\nconst node_fetch_1 = require(\"node-fetch\");\nclass SmapiClient {\n    async GetMetadata(body) {\n        return await this.handleRequest(this.generateRequest('getMetadata', body), 'getMetadata');\n    }\n    async Retry(request) {\n        return await this.handleRequest(request, 'retry');\n    }\n    generateRequest(action, body) {\n        return new node_fetch_1.Request(this.url, { method: 'POST', body: this.body(action, body), timeout: 30000 });\n    }\n    /** @private */\n    async handleRequest(request, action) {\n        const response = await node_fetch_1.default(request, { signal: AbortSignal.timeout(10_000) });\n        return response.ok;\n    }\n    async speak(url) {\n        const resp = await node_fetch_1.default(new node_fetch_1.Request(url, { method: 'POST' }), { signal: AbortSignal.timeout(10_000) });\n        return resp.json();\n    }\n}\nexports.SmapiClient = SmapiClient;\n",
    },
    {
      name: 'a network mount, a plain umount whose callback the caller waits on, a remote query without input, a redis command to another host (iobroker.backitup, check 53): still reported',
      filename: 'lib/cifs.js',
      code: "const { exec } = require('node:child_process');\nfunction mount(o, callback) {\n  exec(`mount -t cifs //${o.server}/share ${o.dir}`, (err) => callback(err));\n}\nfunction umount(o, callback) {\n  exec(`umount ${o.dir}`, (err) => callback(err));\n}\nfunction create(o) {\n  return new Promise((resolve) => exec(`mysql -h ${o.host} --execute='CREATE DATABASE x;'`, () => resolve()));\n}\nfunction save(o, done) {\n  exec(`redis-cli -h ${o.host} bgsave`, (e) => done(e));\n}\nmodule.exports = { mount, umount, create, save };\n",
      errors: [
        { messageId: 'missing', line: 3, column: 3 },
        { messageId: 'missing', line: 6, column: 3 },
        { messageId: 'missing', line: 9, column: 35 },
        { messageId: 'missing', line: 12, column: 3 },
      ],
      unsafeOutput: "const { exec } = require('node:child_process');\nfunction mount(o, callback) {\n  exec(`mount -t cifs //${o.server}/share ${o.dir}`, { timeout: 60_000 }, (err) => callback(err));\n}\nfunction umount(o, callback) {\n  exec(`umount ${o.dir}`, { timeout: 60_000 }, (err) => callback(err));\n}\nfunction create(o) {\n  return new Promise((resolve) => exec(`mysql -h ${o.host} --execute='CREATE DATABASE x;'`, { timeout: 60_000 }, () => resolve()));\n}\nfunction save(o, done) {\n  exec(`redis-cli -h ${o.host} bgsave`, { timeout: 60_000 }, (e) => done(e));\n}\nmodule.exports = { mount, umount, create, save };\n",
    },
    {
      name: 'a fire-and-forget exec whose callback only logs, started by an interval or in a loop: each hang strands one more process, still reported',
      filename: 'lib/unmount.js',
      code: "const { exec } = require('node:child_process');\nsetInterval(() => {\n  exec('umount /mnt/share', (err) => { if (err) console.error(err); });\n}, 60_000);\nexports.unmountAll = (dirs) => {\n  for (const dir of dirs) exec(`umount ${dir}`, (err) => { if (err) console.error(err); });\n};\n",
      errors: [
        { messageId: 'missing', line: 3, column: 3 },
        { messageId: 'missing', line: 6, column: 27 },
      ],
      unsafeOutput: "const { exec } = require('node:child_process');\nsetInterval(() => {\n  exec('umount /mnt/share', { timeout: 60_000 }, (err) => { if (err) console.error(err); });\n}, 60_000);\nexports.unmountAll = (dirs) => {\n  for (const dir of dirs) exec(`umount ${dir}`, { timeout: 60_000 }, (err) => { if (err) console.error(err); });\n};\n",
    },
    {
      name: 'a fire-and-forget exec whose callback clears a busy flag or emits: something waits on it, still reported',
      filename: 'lib/sync.js',
      code: "const { exec } = require('node:child_process');\nconst events = new (require('node:events'))();\nlet busy = false;\nfunction sync(host) {\n  busy = true;\n  exec(`rsync -a data/ ${host}:/srv`, () => { busy = false; });\n  exec(`ssh ${host} uptime`, (e, out) => { events.emit('uptime', out); });\n}\nmodule.exports = { sync, events, isBusy: () => busy };\n",
      errors: [
        { messageId: 'missing', line: 6, column: 3 },
        { messageId: 'missing', line: 7, column: 3 },
      ],
      unsafeOutput: "const { exec } = require('node:child_process');\nconst events = new (require('node:events'))();\nlet busy = false;\nfunction sync(host) {\n  busy = true;\n  exec(`rsync -a data/ ${host}:/srv`, { timeout: 60_000 }, () => { busy = false; });\n  exec(`ssh ${host} uptime`, { timeout: 60_000 }, (e, out) => { events.emit('uptime', out); });\n}\nmodule.exports = { sync, events, isBusy: () => busy };\n",
    },
    {
      name: "the same graceful end() in a class with no forced teardown: nothing cuts the wait short, stays reported",
      filename: 'index.js',
      code: BLIND_RELAY_SESSION.replace('DESTROY', ''),
      errors: [{ messageId: 'missing', line: 15, column: 20 }],
      unsafeOutput: BLIND_RELAY_SESSION.replace('DESTROY', '').replace("EventEmitter.once(this, 'close')", "EventEmitter.once(this, 'close', { signal: AbortSignal.timeout(30_000) })"),
    },
    {
      name: "the same end() awaiting its channel's 'close' rather than its own: a wait on the peer, stays reported",
      filename: 'index.js',
      code: BLIND_RELAY_SESSION.replace('DESTROY', BLIND_RELAY_DESTROY).replace("EventEmitter.once(this, 'close')", "EventEmitter.once(this._channel, 'close')"),
      errors: [{ messageId: 'missing', line: 15, column: 20 }],
      unsafeOutput: BLIND_RELAY_SESSION.replace('DESTROY', BLIND_RELAY_DESTROY).replace("EventEmitter.once(this, 'close')", "EventEmitter.once(this._channel, 'close', { signal: AbortSignal.timeout(30_000) })"),
    },
    {
      name: 'the same transport whose disconnect only drops the socket without destroying it: a retry leaves the stalled connect running',
      filename: 'blynk-node.js',
      code: "var events = require('events');\nvar util = require('util');\n\nexports.SslClient = function(options) {\n  var self = this;\n  events.EventEmitter.call(this);\n  self.addr = options.addr;\n  self.port = options.port || 443;\n  var net = require('net');\n  var tls = require('tls');\n\n  this.connect = function(done) {\n    if (self.sock) {\n      self.disconnect();\n    }\n    var opts = { host: self.addr, port: self.port, rejectUnauthorized: false };\n    var sock = new net.Socket();\n    sock.connect({ host: self.addr, port: self.port }, function() {\n      opts.socket = sock;\n      self.sock = tls.connect(opts, function() {\n        done();\n      });\n      self.sock.on('error', function(err) { self.emit('error', err); });\n    });\n  };\n\n  this.disconnect = function() {\n    if (self.sock) {\n      self.sock = null;\n    }\n  };\n};\nutil.inherits(exports.SslClient, events.EventEmitter);\n",
      files: { 'blynk.js': "var bl_node = require('./blynk-node.js');\n\nfunction Blynk(auth, options) {\n  this.auth = auth;\n  this.conn = new bl_node.SslClient(options || {});\n}\n\nBlynk.prototype.connect = function() {\n  var self = this;\n  var doConnect = function() {\n    self.conn.connect(function() {\n      self.conn.write(self.auth);\n    });\n  };\n  self.timerConn = setInterval(doConnect, 10000);\n  doConnect();\n};\n\nBlynk.prototype.onLogin = function() {\n  clearInterval(this.timerConn);\n  this.timerConn = null;\n};\n\nmodule.exports = Blynk;\n", 'package.json': '{ "name": "blynk-library", "main": "./blynk.js" }' },
      errors: [{ messageId: 'missingSocket', line: 20, column: 19 }],
      unsafeOutput: "var events = require('events');\nvar util = require('util');\n\nexports.SslClient = function(options) {\n  var self = this;\n  events.EventEmitter.call(this);\n  self.addr = options.addr;\n  self.port = options.port || 443;\n  var net = require('net');\n  var tls = require('tls');\n\n  this.connect = function(done) {\n    if (self.sock) {\n      self.disconnect();\n    }\n    var opts = { host: self.addr, port: self.port, rejectUnauthorized: false };\n    var sock = new net.Socket();\n    sock.connect({ host: self.addr, port: self.port }, function() {\n      opts.socket = sock;\n      self.sock = tls.connect(opts, function() {\n        done();\n      });\n      self.sock.setTimeout(10_000, () => self.sock.destroy(new Error('Timed out connecting')));\n      self.sock.once('secureConnect', () => self.sock.setTimeout(0));\n      self.sock.on('error', function(err) { self.emit('error', err); });\n    });\n  };\n\n  this.disconnect = function() {\n    if (self.sock) {\n      self.sock = null;\n    }\n  };\n};\nutil.inherits(exports.SslClient, events.EventEmitter);\n",
    },
    {
      name: 'the same transport driven once by a timer, not by a retry interval: nothing abandons a stalled connect',
      filename: 'blynk-node.js',
      code: "var events = require('events');\nvar util = require('util');\n\nexports.SslClient = function(options) {\n  var self = this;\n  events.EventEmitter.call(this);\n  self.addr = options.addr;\n  self.port = options.port || 443;\n  var net = require('net');\n  var tls = require('tls');\n\n  this.connect = function(done) {\n    if (self.sock) {\n      self.disconnect();\n    }\n    var opts = { host: self.addr, port: self.port, rejectUnauthorized: false };\n    var sock = new net.Socket();\n    sock.connect({ host: self.addr, port: self.port }, function() {\n      opts.socket = sock;\n      self.sock = tls.connect(opts, function() {\n        done();\n      });\n      self.sock.on('error', function(err) { self.emit('error', err); });\n    });\n  };\n\n  this.disconnect = function() {\n    if (self.sock) {\n      self.sock.destroy();\n      self.sock = null;\n    }\n  };\n};\nutil.inherits(exports.SslClient, events.EventEmitter);\n",
      files: { 'blynk.js': "var bl_node = require('./blynk-node.js');\n\nfunction Blynk(auth, options) {\n  this.auth = auth;\n  this.conn = new bl_node.SslClient(options || {});\n}\n\nBlynk.prototype.connect = function() {\n  var self = this;\n  var doConnect = function() {\n    self.conn.connect(function() {\n      self.conn.write(self.auth);\n    });\n  };\n  self.timerConn = setTimeout(doConnect, 10000);\n  doConnect();\n};\n\nBlynk.prototype.onLogin = function() {\n  clearInterval(this.timerConn);\n  this.timerConn = null;\n};\n\nmodule.exports = Blynk;\n", 'package.json': '{ "name": "blynk-library", "main": "./blynk.js" }' },
      errors: [{ messageId: 'missingSocket', line: 20, column: 19 }],
      unsafeOutput: "var events = require('events');\nvar util = require('util');\n\nexports.SslClient = function(options) {\n  var self = this;\n  events.EventEmitter.call(this);\n  self.addr = options.addr;\n  self.port = options.port || 443;\n  var net = require('net');\n  var tls = require('tls');\n\n  this.connect = function(done) {\n    if (self.sock) {\n      self.disconnect();\n    }\n    var opts = { host: self.addr, port: self.port, rejectUnauthorized: false };\n    var sock = new net.Socket();\n    sock.connect({ host: self.addr, port: self.port }, function() {\n      opts.socket = sock;\n      self.sock = tls.connect(opts, function() {\n        done();\n      });\n      self.sock.setTimeout(10_000, () => self.sock.destroy(new Error('Timed out connecting')));\n      self.sock.once('secureConnect', () => self.sock.setTimeout(0));\n      self.sock.on('error', function(err) { self.emit('error', err); });\n    });\n  };\n\n  this.disconnect = function() {\n    if (self.sock) {\n      self.sock.destroy();\n      self.sock = null;\n    }\n  };\n};\nutil.inherits(exports.SslClient, events.EventEmitter);\n",
    },
    {
      name: 'a connect under a guard named for Node (`isNode()`): Node takes that branch',
      filename: 'blynk.js',
      code: "function isNode() {\n  if (typeof process === 'undefined') return false;\n  if (typeof process.env.BOARD === 'undefined') return false;\n  return true;\n}\n\nif (isNode()) {\n  var EspruinoTCP = function(options) {\n    var self = this;\n    self.addr = options.addr || 'blynk-cloud.com';\n    self.port = options.port || 80;\n    var net = require('net');\n    this.connect = function(done) {\n      if (self.sock) {\n        self.disconnect();\n      }\n      self.sock = net.connect({ host: self.addr, port: self.port }, function() {\n        done();\n      });\n    };\n    this.disconnect = function() {\n      self.sock = null;\n    };\n  };\n  exports.EspruinoTCP = EspruinoTCP;\n}\n",
      errors: [{ messageId: 'missingSocket', line: 17, column: 19 }],
      unsafeOutput: "function isNode() {\n  if (typeof process === 'undefined') return false;\n  if (typeof process.env.BOARD === 'undefined') return false;\n  return true;\n}\n\nif (isNode()) {\n  var EspruinoTCP = function(options) {\n    var self = this;\n    self.addr = options.addr || 'blynk-cloud.com';\n    self.port = options.port || 80;\n    var net = require('net');\n    this.connect = function(done) {\n      if (self.sock) {\n        self.disconnect();\n      }\n      self.sock = net.connect({ host: self.addr, port: self.port }, function() {\n        done();\n      });\n      self.sock.setTimeout(10_000, () => self.sock.destroy(new Error('Timed out connecting')));\n      self.sock.once('connect', () => self.sock.setTimeout(0));\n    };\n    this.disconnect = function() {\n      self.sock = null;\n    };\n  };\n  exports.EspruinoTCP = EspruinoTCP;\n}\n",
    },
    {
      name: 'a file named for the Espruino runtime that is the package\'s main: Node runs it',
      filename: 'blynk-espruino.js',
      code: "var EspruinoTCP = function(options) {\n  var self = this;\n  self.addr = options.addr || 'blynk-cloud.com';\n  self.port = options.port || 80;\n  var net = require('net');\n  this.connect = function(done) {\n    if (self.sock) {\n      self.disconnect();\n    }\n    self.sock = net.connect({ host: self.addr, port: self.port }, function() {\n      done();\n    });\n  };\n  this.disconnect = function() {\n    self.sock = null;\n  };\n};\nexports.EspruinoTCP = EspruinoTCP;\n",
      files: { 'package.json': '{ "name": "blynk-library", "main": "./blynk-espruino.js" }' },
      errors: [{ messageId: 'missingSocket', line: 10, column: 17 }],
      unsafeOutput: "var EspruinoTCP = function(options) {\n  var self = this;\n  self.addr = options.addr || 'blynk-cloud.com';\n  self.port = options.port || 80;\n  var net = require('net');\n  this.connect = function(done) {\n    if (self.sock) {\n      self.disconnect();\n    }\n    self.sock = net.connect({ host: self.addr, port: self.port }, function() {\n      done();\n    });\n    self.sock.setTimeout(10_000, () => self.sock.destroy(new Error('Timed out connecting')));\n    self.sock.once('connect', () => self.sock.setTimeout(0));\n  };\n  this.disconnect = function() {\n    self.sock = null;\n  };\n};\nexports.EspruinoTCP = EspruinoTCP;\n",
    },
    {
      name: "the same connect and once(socket, 'connect') in a plain class's connect(): no HTTP client holds a bound",
      filename: 'src/index.js',
      code: PAC_PROXY_AGENT.replace('extends Agent ', '').replace('const secureEndpoint = opts.secureEndpoint;', 'const secureEndpoint = false;').replace('socket = net.connect(opts);', "socket = net.connect({ host: opts.host, port: 80 });"),
      errors: [{ messageId: 'missingSocket', line: 13, column: 22 }, { messageId: 'missing', line: 15, column: 15 }],
      unsafeOutput: PAC_PROXY_AGENT.replace('extends Agent ', '').replace('const secureEndpoint = opts.secureEndpoint;', 'const secureEndpoint = false;')
        .replace('socket = net.connect(opts);', "socket = net.connect({ host: opts.host, port: 80 });\n            socket.setTimeout(10_000, () => socket.destroy(new Error('Timed out connecting')));\n            socket.once('connect', () => socket.setTimeout(0));")
        .replace("once(socket, 'connect')", "once(socket, 'connect', { signal: AbortSignal.timeout(30_000) })"),
    },
    {
      name: "an agent's connect hook that waits for the proxy's first bytes: no kernel timer ends that wait",
      filename: 'src/index.js',
      code: PAC_PROXY_AGENT.replace("await once(socket, 'connect');", "await once(socket, 'data');"),
      errors: [{ messageId: 'missing', line: 15, column: 15 }],
      unsafeOutput: PAC_PROXY_AGENT.replace("await once(socket, 'connect');", "await once(socket, 'data', { signal: AbortSignal.timeout(30_000) });"),
    },
    {
      name: "net.connect written by esbuild through its interop helper, `import_net.default.connect(…)` after `__toESM(require(\"net\"))` or `__toESM(require(\"node:net\"), 1)` (straightforward, check 51)",
      filename: 'dist/index.js',
      files: { 'package.json': '{ "name": "straightforward", "main": "dist/index.js" }' },
      code: "\"use strict\";\nvar __create = Object.create;\nvar __getProtoOf = Object.getPrototypeOf;\nvar __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, mod);\n" + "var import_net = __toESM(require(\"net\"));\nvar import_node_net = __toESM(require(\"node:net\"), 1);\nclass Proxy {\n  _proxyConnect(port, host, done) {\n    const serverSocket = import_net.default.connect(port, host, done);\n    return serverSocket;\n  }\n  _tunnel(port, host, done) {\n    return import_node_net.default.connect(port, host, done);\n  }\n}\nmodule.exports = Proxy;\n",
      errors: [{ messageId: 'missingSocket', line: 9, column: 26 }, { messageId: 'missingSocket', line: 13, column: 12 }],
      output: null,
      unsafeOutput: "\"use strict\";\nvar __create = Object.create;\nvar __getProtoOf = Object.getPrototypeOf;\nvar __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, mod);\n" + "var import_net = __toESM(require(\"net\"));\nvar import_node_net = __toESM(require(\"node:net\"), 1);\nclass Proxy {\n  _proxyConnect(port, host, done) {\n    const serverSocket = import_net.default.connect(port, host, done);\n    serverSocket.setTimeout(10_000, () => serverSocket.destroy(new Error('Timed out connecting')));\n    serverSocket.once('connect', () => serverSocket.setTimeout(0));\n    return serverSocket;\n  }\n  _tunnel(port, host, done) {\n    return import_node_net.default.connect(port, host, done);\n  }\n}\nmodule.exports = Proxy;\n",
    },
    {
      name: "exec of `<python> -m pip install requests` with the interpreter picked at run time, or named: a download, still reported (near-miss of python-shell, check 40)",
      filename: 'index.js',
      code: "const child_process = require('child_process');\nconst { promisify } = require('util');\nconst execPromise = promisify(child_process.exec);\nclass PythonShell {\n  static installRequests() {\n    const pythonPath = this.getPythonPath();\n    return execPromise(`${pythonPath} -m pip install requests`);\n  }\n  static installNamed() {\n    return execPromise('python3 -m pip install requests');\n  }\n}\nmodule.exports = PythonShell;\n",
      errors: [{ messageId: 'missing', line: 7, column: 12 }, { messageId: 'missing', line: 10, column: 12 }],
      output: null,
      unsafeOutput: "const child_process = require('child_process');\nconst { promisify } = require('util');\nconst execPromise = promisify(child_process.exec);\nclass PythonShell {\n  static installRequests() {\n    const pythonPath = this.getPythonPath();\n    return execPromise(`${pythonPath} -m pip install requests`, { timeout: 60_000 });\n  }\n  static installNamed() {\n    return execPromise('python3 -m pip install requests', { timeout: 60_000 });\n  }\n}\nmodule.exports = PythonShell;\n",
    },
    {
      name: "axios.create() in a client whose request builder reads one flag of the caller's options and copies none: still reported (near-miss of soap, check 41)",
      filename: 'lib/http.js',
      code: "const axios = require('axios');\nclass HttpClient {\n  constructor(options) {\n    options = options || {};\n    this._request = options.request || axios.create();\n  }\n  buildRequest(rurl, data, exoptions = {}) {\n    const { attachments, ...rest } = exoptions;\n    const options = { url: rurl, method: data ? 'POST' : 'GET', data };\n    if (rest.forever) options.headers = { Connection: 'keep-alive' };\n    return options;\n  }\n  request(rurl, data, callback, exoptions) {\n    const options = this.buildRequest(rurl, data, exoptions);\n    return this._request(options).then((res) => callback(null, res), callback);\n  }\n}\nmodule.exports = HttpClient;\n",
      errors: [{ messageId: 'missingOnInstance', line: 5, column: 40 }],
      output: null,
      unsafeOutput: "const axios = require('axios');\nclass HttpClient {\n  constructor(options) {\n    options = options || {};\n    this._request = options.request || axios.create({ timeout: 10_000 });\n  }\n  buildRequest(rurl, data, exoptions = {}) {\n    const { attachments, ...rest } = exoptions;\n    const options = { url: rurl, method: data ? 'POST' : 'GET', data };\n    if (rest.forever) options.headers = { Connection: 'keep-alive' };\n    return options;\n  }\n  request(rurl, data, callback, exoptions) {\n    const options = this.buildRequest(rurl, data, exoptions);\n    return this._request(options).then((res) => callback(null, res), callback);\n  }\n}\nmodule.exports = HttpClient;\n",
    },
    {
      name: "a connect function the helper also hands out, and a connect given to a function whose 'timeout' listener only logs: still unbounded (near-miss of sip, check 41)",
      filename: 'sip.js',
      code: "const net = require('net');\nfunction init(stream, remote) {\n  stream.on('timeout', function () { stream.destroy(); });\n  stream.setTimeout(120000);\n  return remote;\n}\nfunction watch(stream) {\n  stream.on('timeout', function () { console.log('idle'); });\n  stream.setTimeout(120000);\n}\nfunction makeStreamTransport(protocol, connect) {\n  exports.raw = connect;\n  return { open: function (remote) { return init(connect(remote.port, remote.address), remote); } };\n}\nexports.tcp = function () {\n  return makeStreamTransport('TCP', function (port, host, callback) { return net.connect(port, host, callback); });\n};\nexports.direct = function (remote) {\n  return watch(net.connect(remote.port, remote.address));\n};\n",
      errors: [{ messageId: 'missingSocket', line: 16, column: 78 }, { messageId: 'missingSocket', line: 19, column: 16 }],
      output: null,
    },
    {
      name: "a request whose timer runs a once-wrapped local function that only logs: still unbounded (near-miss of @hapi/wreck, check 41)",
      filename: 'lib/index.js',
      code: "const Http = require('http');\nconst Hoek = require('@hapi/hoek');\nexports.request = function (uri, options, callback) {\n  const req = Http.request(uri);\n  const finish = (err, res) => {\n    console.log(err);\n    callback(err, res);\n  };\n  const finishOnce = Hoek.once(finish);\n  req.once('response', (res) => finishOnce(null, res));\n  setTimeout(() => finishOnce(new Error('Client request timeout')), options.timeout);\n  req.end();\n};\n",
      errors: [{ messageId: 'missing', line: 4, column: 15 }],
      output: null,
      unsafeOutput: "const Http = require('http');\nconst Hoek = require('@hapi/hoek');\nexports.request = function (uri, options, callback) {\n  const req = Http.request(uri, { signal: AbortSignal.timeout(10_000) });\n  const finish = (err, res) => {\n    console.log(err);\n    callback(err, res);\n  };\n  const finishOnce = Hoek.once(finish);\n  req.once('response', (res) => finishOnce(null, res));\n  setTimeout(() => finishOnce(new Error('Client request timeout')), options.timeout);\n  req.end();\n};\n",
    },
    {
      name: "tls.connect(port, host) with no options, and net.connect(port, host, options) whose port form reads no options: still unbounded (near-miss of thrift, check 41)",
      filename: 'lib/connection.js',
      code: "const tls = require('tls');\nconst net = require('net');\nexports.secure = function (host, port) {\n  return tls.connect(port, host);\n};\nexports.plain = function (host, port, options) {\n  return net.connect(port, host, options);\n};\n",
      errors: [{ messageId: 'missingSocket', line: 4, column: 10 }, { messageId: 'missingSocket', line: 7, column: 10 }],
    },
    {
      name: "request.post through a module held on the object, read via `var _this = this`, with options a literal its one caller in the file builds (laravel-echo-server, check 39)",
      filename: 'lib/channels/private-channel.js',
      code: "var request = require('request');\nvar PrivateChannel = (function () {\n    function PrivateChannel(options) {\n        this.options = options;\n        this.request = request;\n    }\n    PrivateChannel.prototype.authenticate = function (socket, data) {\n        var options = {\n            url: this.options.authHost + this.options.authEndpoint,\n            form: { channel_name: data.channel },\n            rejectUnauthorized: false\n        };\n        return this.serverRequest(socket, options);\n    };\n    PrivateChannel.prototype.serverRequest = function (socket, options) {\n        var _this = this;\n        return new Promise(function (resolve, reject) {\n            options.headers = _this.prepareHeaders(socket, options);\n            _this.request.post(options, function (error, response) {\n                if (error) reject(error);\n                else resolve(response.body);\n            });\n        });\n    };\n    PrivateChannel.prototype.prepareHeaders = function (socket, options) {\n        options.headers = options.headers || {};\n        options.headers['Cookie'] = socket.request.headers.cookie;\n        return options.headers;\n    };\n    return PrivateChannel;\n}());\nexports.PrivateChannel = PrivateChannel;\n",
      errors: [{ messageId: 'missing', line: 19, column: 13 }],
    },
    {
      name: "execFile given its arguments by a call named for them (`self._buildClamArgs(path)`): no options there (clamscan, check 38)",
      filename: 'index.js',
      code: "const { execFile } = require('child_process');\nclass NodeClam {\n  _buildClamArgs(item) {\n    let args = this.clamFlags.slice();\n    if (typeof item === 'string') args.push(item);\n    if (Array.isArray(item)) args = args.concat(item);\n    return args;\n  }\n  scanDir(path, cb) {\n    const self = this;\n    execFile(self.settings.clamscan.path, self._buildClamArgs(path), (err, stdout) => cb(err, stdout));\n  }\n}\nmodule.exports = NodeClam;\n",
      errors: [{ messageId: 'missing', line: 11, column: 5 }],
      unsafeOutput: "const { execFile } = require('child_process');\nclass NodeClam {\n  _buildClamArgs(item) {\n    let args = this.clamFlags.slice();\n    if (typeof item === 'string') args.push(item);\n    if (Array.isArray(item)) args = args.concat(item);\n    return args;\n  }\n  scanDir(path, cb) {\n    const self = this;\n    execFile(self.settings.clamscan.path, self._buildClamArgs(path), { timeout: 60_000 }, (err, stdout) => cb(err, stdout));\n  }\n}\nmodule.exports = NodeClam;\n",
    },
    {
      name: "fetch options from a literal of the function, also handed to errors it throws: a thrown error changes no call's options (lavacord, check 39)",
      filename: 'lib/rest.cjs',
      code: "var RestError = class extends Error {\n  constructor(error, data) {\n    super(error.message);\n    this.data = data;\n  }\n};\nvar Rest = class {\n  static async baseRequest(node, path, init) {\n    const fetchConfig = { method: init?.method ?? 'GET', body: init?.body };\n    if (!node.sessionId) throw new RestError({ message: 'no session', path }, fetchConfig);\n    const response = await fetch(node.restURL + path, fetchConfig).catch((error) => {\n      throw new RestError({ message: error.message, path }, fetchConfig);\n    });\n    if (!response.ok) throw new RestError(await response.json(), fetchConfig);\n    return response.json();\n  }\n};\nexports.Rest = Rest;\n",
      errors: [{ messageId: 'missing', line: 11, column: 28 }],
    },
    {
      name: "a socket kept alive (setKeepAlive(true)) whose 'timeout' listener is registered and never armed: an idle bound meant and never set (hap-controller, check 39)",
      filename: 'lib/transport/ip/http-connection.js',
      code: "\"use strict\";\nvar __importDefault = (this && this.__importDefault) || function (mod) {\n    return (mod && mod.__esModule) ? mod : { \"default\": mod };\n};\nObject.defineProperty(exports, \"__esModule\", { value: true });\nconst net_1 = __importDefault(require(\"net\"));\nclass HttpConnection {\n    _open() {\n        return new Promise((resolve, reject) => {\n            this.socket = net_1.default.createConnection(this.port, this.address);\n            this.socket.setKeepAlive(true);\n            this.socket.on('timeout', () => this.socket.end());\n            this.socket.on('error', reject);\n            this.socket.on('connect', () => resolve());\n        });\n    }\n}\nexports.default = HttpConnection;\n",
      errors: [{ messageId: 'missingSocket', line: 10, column: 27 }],
      unsafeOutput: "\"use strict\";\nvar __importDefault = (this && this.__importDefault) || function (mod) {\n    return (mod && mod.__esModule) ? mod : { \"default\": mod };\n};\nObject.defineProperty(exports, \"__esModule\", { value: true });\nconst net_1 = __importDefault(require(\"net\"));\nclass HttpConnection {\n    _open() {\n        return new Promise((resolve, reject) => {\n            this.socket = net_1.default.createConnection(this.port, this.address);\n            this.socket.setTimeout(10_000, () => this.socket.destroy(new Error('Timed out connecting')));\n            this.socket.once('connect', () => this.socket.setTimeout(0));\n            this.socket.setKeepAlive(true);\n            this.socket.on('timeout', () => this.socket.end());\n            this.socket.on('error', reject);\n            this.socket.on('connect', () => resolve());\n        });\n    }\n}\nexports.default = HttpConnection;\n",
    },
    {
      name: "a TCP connect to a configured host that only defaults to localhost (`params.host || 'localhost'`): a remote peer once set (dbus-next, check 36)",
      filename: 'lib/connection.js',
      code: "const net = require('net');\nfunction createStream(busAddress) {\n  const params = parse(busAddress);\n  const host = params.host || 'localhost';\n  const port = params.port;\n  return net.createConnection(port, host);\n}\nfunction parse(address) {\n  const out = {};\n  for (const kv of address.split(',')) out[kv.split('=')[0]] = kv.split('=')[1];\n  return out;\n}\nmodule.exports = createStream;\n",
      errors: [{ messageId: 'missingSocket', line: 6, column: 10 }],
    },
    {
      name: "a socket kept on the object whose connecting method arms only an idle setTimeout(ms), with no 'timeout' listener anywhere: it bounds nothing (fluent-logger, check 36)",
      filename: 'lib/sender.js',
      code: "const net = require('net');\nclass FluentSender {\n  _doConnect(callback) {\n    this._socket = new net.Socket();\n    this._socket.setTimeout(this.timeout);\n    this._socket.on('error', (err) => this._disconnect(err));\n    this._socket.connect(this.port, this.host, () => callback());\n  }\n  _disconnect() {\n    this._socket && this._socket.destroy();\n    this._socket = null;\n  }\n}\nmodule.exports = FluentSender;\n",
      errors: [{ messageId: 'missingSocket', line: 7, column: 5 }],
      unsafeOutput: "const net = require('net');\nclass FluentSender {\n  _doConnect(callback) {\n    this._socket = new net.Socket();\n    this._socket.setTimeout(this.timeout);\n    this._socket.on('error', (err) => this._disconnect(err));\n    this._socket.connect(this.port, this.host, () => callback());\n    this._socket.on('timeout', () => this._socket.destroy(new Error('Socket timed out')));\n  }\n  _disconnect() {\n    this._socket && this._socket.destroy();\n    this._socket = null;\n  }\n}\nmodule.exports = FluentSender;\n",
    },
    {
      name: "a connected socket given only an idle setTimeout(ms), and no 'timeout' listener in the project (fluent-logger, check 36)",
      filename: 'lib/open.js',
      code: "const net = require('net');\nexports.open = function (port, host) {\n  const socket = net.connect(port, host);\n  socket.setTimeout(3000);\n  return socket;\n};\n",
      errors: [{ messageId: 'missingSocket', line: 3, column: 18 }],
      unsafeOutput: "const net = require('net');\nexports.open = function (port, host) {\n  const socket = net.connect(port, host);\n  socket.on('timeout', () => socket.destroy(new Error('Socket timed out')));\n  socket.setTimeout(3000);\n  return socket;\n};\n",
    },
    {
      name: "a ws client kept by a helper: a timer armed in its 'open' listener (a heartbeat) bounds no handshake, and one of two callers arms no watchdog (near-miss of alexa-remote2, check 36)",
      filename: 'feed.js',
      code: "const WebSocket = require('ws');\nclass Feed {\n  connectType1() {\n    this.websocket = new WebSocket(this.url, [], { perMessageDeflate: true });\n  }\n  connect() {\n    this.connectType1();\n    this.websocket.on('open', () => {\n      this.pongTimeout = setTimeout(() => this.websocket.terminate(), 30000);\n    });\n  }\n  reconnect() {\n    this.connectType1();\n    this.initTimeout = setTimeout(() => this.websocket.close(), 30000);\n  }\n}\nmodule.exports = Feed;\n",
      errors: [{ messageId: 'missing', line: 4, column: 22 }],
      unsafeOutput: "const WebSocket = require('ws');\nclass Feed {\n  connectType1() {\n    this.websocket = new WebSocket(this.url, [], { perMessageDeflate: true, handshakeTimeout: 10_000 });\n  }\n  connect() {\n    this.connectType1();\n    this.websocket.on('open', () => {\n      this.pongTimeout = setTimeout(() => this.websocket.terminate(), 30000);\n    });\n  }\n  reconnect() {\n    this.connectType1();\n    this.initTimeout = setTimeout(() => this.websocket.close(), 30000);\n  }\n}\nmodule.exports = Feed;\n",
    },
    {
      name: "a ws client kept by a helper whose caller's timer closes another member: reported (near-miss of alexa-remote2, check 36)",
      filename: 'src/feed.ts',
      code: "import WebSocket from 'ws';\nexport class Feed {\n  ws?: WebSocket;\n  other?: WebSocket;\n  constructor(private url: string) {}\n  open() {\n    this.ws = new WebSocket(this.url, { perMessageDeflate: true });\n  }\n  connect() {\n    this.open();\n    setTimeout(() => this.other?.close(), 30_000);\n  }\n}\n",
      errors: [{ messageId: 'missing', line: 7, column: 15 }],
      unsafeOutput: "import WebSocket from 'ws';\nexport class Feed {\n  ws?: WebSocket;\n  other?: WebSocket;\n  constructor(private url: string) {}\n  open() {\n    this.ws = new WebSocket(this.url, { perMessageDeflate: true, handshakeTimeout: 10_000 });\n  }\n  connect() {\n    this.open();\n    setTimeout(() => this.other?.close(), 30_000);\n  }\n}\n",
    },
    {
      name: "a connect that may be TLS, closed in its connect callback, held through a chained .on('error'): the TLS handshake has no kernel bound, reported (hyperlink's external check, check 32)",
      filename: 'lib/check.js',
      code: "const net = require('net');\nconst tls = require('tls');\nexports.check = (isTls, port, hostname) => (callback) => {\n  const socket = (isTls ? tls : net)\n    .connect(port, hostname, () => {\n      socket.destroy();\n      callback();\n    })\n    .on('error', () => callback());\n};\n",
      errors: [{ messageId: 'missingSocket', line: 4, column: 18 }],
    },
    {
      name: "the same connect when the spread function may set the host: it may go elsewhere, reported",
      filename: 'lib/cluster.js',
      code: "const tls = require('tls');\nconst fs = require('fs');\nexports.connectLocal = (opt) => {\n  const certOpts = () => (opt.insecure ? { rejectUnauthorized: false, host: opt.remote } : { cert: fs.readFileSync(opt.cert), key: fs.readFileSync(opt.key) });\n  return tls.connect({ host: 'localhost', port: opt.port, ...certOpts() });\n};\n",
      errors: [{ messageId: 'missingSocket', line: 5, column: 10 }],
    },
    {
      name: "got options spread from a function of another project module whose every return is a literal without a bound (`{ agent }` or `{}`): no bound (selenium-standalone's compute-download-urls, check 33)",
      filename: "lib/compute-download-urls.js",
      files: {"lib/proxyManager.js": "const { HttpsProxyAgent } = require('https-proxy-agent');\nfunction getProxtAgent(url) {\n  if (url.startsWith('https:') && process.env.HTTPS_PROXY) {\n    return { agent: { https: new HttpsProxyAgent(process.env.HTTPS_PROXY) } };\n  }\n  return {};\n}\nmodule.exports = { getProxtAgent };\n"},
      code: "const got = require('got');\nconst { getProxtAgent } = require('./proxyManager');\nasync function getLatestChromeVersion() {\n  const url = 'https://googlechromelabs.github.io/chrome-for-testing/last-known-good-versions.json';\n  const response = await got({\n    ...getProxtAgent(url),\n    ...{ method: 'get', url: url, headers: { 'Content-Type': 'application/json' } },\n  }).json();\n  return response.channels.Stable.version;\n}\nmodule.exports = { getLatestChromeVersion };\n",
      errors: [{ messageId: 'missing', line: 5, column: 26 }],
      unsafeOutput: "const got = require('got');\nconst { getProxtAgent } = require('./proxyManager');\nasync function getLatestChromeVersion() {\n  const url = 'https://googlechromelabs.github.io/chrome-for-testing/last-known-good-versions.json';\n  const response = await got({\n    ...getProxtAgent(url),\n    ...{ method: 'get', url: url, headers: { 'Content-Type': 'application/json' } },\n    timeout: { request: 10_000 },\n  }).json();\n  return response.channels.Stable.version;\n}\nmodule.exports = { getLatestChromeVersion };\n",
    },
    {
      name: "got options spread from a function of the file whose every return is a literal without a bound",
      filename: "lib/latest.js",
      code: "const got = require('got');\nfunction proxyOptions(url) {\n  return process.env.HTTPS_PROXY ? { agent: { https: makeAgent(process.env.HTTPS_PROXY) } } : {};\n}\nfunction makeAgent(proxy) {\n  return require('./agent')(proxy);\n}\nexports.latest = async function (url) {\n  return got({ ...proxyOptions(url), method: 'get', url }).json();\n};\n",
      errors: [{ messageId: 'missing', line: 9, column: 10 }],
      unsafeOutput: "const got = require('got');\nfunction proxyOptions(url) {\n  return process.env.HTTPS_PROXY ? { agent: { https: makeAgent(process.env.HTTPS_PROXY) } } : {};\n}\nfunction makeAgent(proxy) {\n  return require('./agent')(proxy);\n}\nexports.latest = async function (url) {\n  return got({ ...proxyOptions(url), method: 'get', url, timeout: { request: 10_000 } }).json();\n};\n",
    },
    {
      name: "a request given a URL's parts (`https.get(url.parse(uri), cb)`): no bound among them, and no fix (Node reads no options after a legacy URL object; ccxws's Https.get, check 32)",
      filename: 'src/Https.ts',
      code: "import https from 'https';\nimport url from 'url';\nexport function getResponse(uri: string): Promise<string> {\n  return new Promise((resolve, reject) => {\n    const req = https.get(url.parse(uri), (res) => {\n      const chunks: Buffer[] = [];\n      res.on('data', (d: Buffer) => chunks.push(d));\n      res.on('end', () => resolve(Buffer.concat(chunks).toString()));\n    });\n    req.on('error', reject);\n    req.end();\n  });\n}\n",
      errors: [{ messageId: 'missing', line: 5, column: 17 }],
    },
    {
      name: "a request given urlToHttpOptions of a URL in place, as the options themselves",
      filename: 'src/Https.ts',
      code: "const http = require('http');\nconst { urlToHttpOptions } = require('url');\nexports.ping = (u, cb) => http.request(urlToHttpOptions(new URL(u)), cb).end();\n",
      errors: [{ messageId: 'missing', line: 3, column: 27 }],
    },
    {
      name: "the same request stored through a chained `.on('error', \u2026)` with a timer that only calls back: the request itself stays open",
      filename: 'lib/peer_socket.js',
      code: "var http = require('http');\nfunction PeerSocket() {}\nPeerSocket.prototype.confirmConnection = function (connectionId, callback) {\n  var timeout = setTimeout(function () {\n    callback(new Error('Confirm connection timeout reached.'));\n  }, this._confirmationTimeout);\n  var opts = { agent: this.agent, path: '/_initiate_peer/' + connectionId };\n  var req = http.get(opts, function (res) {\n    clearTimeout(timeout);\n    callback(res.statusCode === 200 ? null : new Error('Unexpected status code'));\n  }).on('error', function (err) {\n    clearTimeout(timeout);\n    callback(err);\n  });\n};\nmodule.exports = PeerSocket;\n",
      errors: [{ messageId: 'missing', line: 8, column: 13 }],
    },
    {
      name: "superagent called through a computed verb (`superagent[method](url)`) with no `.timeout()` on the request (discordie's ApiRequest)",
      filename: 'lib/api.js',
      code: "const superagent = require('superagent');\nexports.send = function (method, url, cb) {\n  const req = superagent[method](url);\n  req.set('User-Agent', 'bot');\n  req.end(cb);\n};\n",
      errors: [{ messageId: 'missing', line: 3, column: 15 }],
      unsafeOutput: "const superagent = require('superagent');\nexports.send = function (method, url, cb) {\n  const req = superagent[method](url).timeout(10_000);\n  req.set('User-Agent', 'bot');\n  req.end(cb);\n};\n",
    },
    {
      name: "form-data's submit makes an http(s) request with no timeout; the form is an upload of any size, so no default bound is written (botgram's callMethod)",
      filename: 'lib/bot.js',
      code: "const FormData = require('form-data');\nexports.callMethod = function (url, params, cb) {\n  const form = new FormData();\n  for (const k of Object.keys(params)) form.append(k, params[k]);\n  form.submit(url, (err, res) => cb(err, res));\n};\n",
      errors: [{ messageId: 'missing', line: 5, column: 3 }],
    },
    {
      name: "a ws client with headers and no handshakeTimeout: a server that never answers the upgrade leaves it connecting forever (poru's node)",
      filename: 'src/node.ts',
      code: "import WebSocket from 'ws';\nexport class Node {\n  ws?: WebSocket;\n  constructor(private url: string, private password: string) {}\n  connect() {\n    this.ws = new WebSocket(this.url, { headers: { Authorization: this.password } });\n    this.ws.on('close', () => setTimeout(() => this.connect(), 5000));\n  }\n}\n",
      errors: [{ messageId: 'missing', line: 6, column: 15 }],
      unsafeOutput: "import WebSocket from 'ws';\nexport class Node {\n  ws?: WebSocket;\n  constructor(private url: string, private password: string) {}\n  connect() {\n    this.ws = new WebSocket(this.url, { headers: { Authorization: this.password }, handshakeTimeout: 10_000 });\n    this.ws.on('close', () => setTimeout(() => this.connect(), 5000));\n  }\n}\n",
    },
    {
      name: "once(child, 'exit') with nothing in the block ending the child, beside a method of the class that ends something else: reported",
      filename: 'src/pool.ts',
      code: "import { once } from 'node:events';\nimport type { ChildProcess } from 'node:child_process';\nexport class Runner {\n  log = { end() {} };\n  _forget(child: ChildProcess): void {\n    this.log.end();\n  }\n  async wait(child: ChildProcess) {\n    const exited = once(child, 'exit');\n    this._forget(child);\n    await exited;\n  }\n}\n",
      errors: [{ messageId: 'missing', line: 9, column: 20 }],
      unsafeOutput: "import { once } from 'node:events';\nimport type { ChildProcess } from 'node:child_process';\nexport class Runner {\n  log = { end() {} };\n  _forget(child: ChildProcess): void {\n    this.log.end();\n  }\n  async wait(child: ChildProcess) {\n    const exited = once(child, 'exit', { signal: AbortSignal.timeout(30_000) });\n    this._forget(child);\n    await exited;\n  }\n}\n",
    },
    {
      name: "a URL built by a function of the file, called through a mixin on this (`this.fileLink(info)` with `this.fileLink = fileLink`), and a callback: no options, no bound (botgram's file download)",
      filename: 'lib/misc.js',
      code: "var https = require('https');\nfunction mixin() {\n  this.fileLink = fileLink;\n  this.fileStream = fileStream;\n}\nfunction fileLink(path) {\n  if (path.path) path = path.path;\n  return 'https://api.telegram.org/file/bot' + this.authToken + '/' + path;\n}\nfunction fileStream(info, cb) {\n  https.get(this.fileLink(info), function (res) {\n    cb(null, res);\n  }).on('error', cb);\n}\nmodule.exports = mixin;\n",
      errors: [{ messageId: 'missing', line: 11, column: 3 }],
      unsafeOutput: "var https = require('https');\nfunction mixin() {\n  this.fileLink = fileLink;\n  this.fileStream = fileStream;\n}\nfunction fileLink(path) {\n  if (path.path) path = path.path;\n  return 'https://api.telegram.org/file/bot' + this.authToken + '/' + path;\n}\nfunction fileStream(info, cb) {\n  https.get(this.fileLink(info), { signal: AbortSignal.timeout(10_000) }, function (res) {\n    cb(null, res);\n  }).on('error', cb);\n}\nmodule.exports = mixin;\n",
    },
    {
      name: "options built in a var a few lines above, with headers added later, and a callback bound to the object (`function (res) { … }.bind(this)`): the bound callback is no options (wemo-client's subscribe)",
      filename: 'client.js',
      code: "var http = require('http');\nfunction Client() {}\nClient.prototype.subscribe = function (type) {\n  var options = { host: this.host, method: 'SUBSCRIBE', headers: { TIMEOUT: 'Second-300' } };\n  if (!this.sid) options.headers.NT = 'upnp:event';\n  var req = http.request(options, function (res) {\n    this.sid = res.headers.sid;\n  }.bind(this));\n  req.end();\n};\nmodule.exports = Client;\n",
      errors: [{ messageId: 'missing', line: 6, column: 13 }],
    },
    {
      name: "the same socket kept as self.socket with no setTimeout on it",
      filename: 'lib/connection.js',
      code: "var net = require('net');\nfunction Connection(options) {\n  this.options = options;\n}\nConnection.prototype.connect = function () {\n  var self = this;\n  return new Promise(function (resolve, reject) {\n    self.socket = net.connect(self.options.port, self.options.host, resolve);\n    self.socket.on('timeout', function () {\n      self.socket.destroy(new Error('Socket timeout'));\n    });\n    self.socket.on('error', reject);\n  });\n};\nmodule.exports = Connection;\n",
      errors: [{ messageId: 'missingSocket', line: 8, column: 19 }],
      unsafeOutput: "var net = require('net');\nfunction Connection(options) {\n  this.options = options;\n}\nConnection.prototype.connect = function () {\n  var self = this;\n  return new Promise(function (resolve, reject) {\n    self.socket = net.connect(self.options.port, self.options.host, resolve);\n    self.socket.setTimeout(10_000, () => self.socket.destroy(new Error('Timed out connecting')));\n    self.socket.once('connect', () => self.socket.setTimeout(0));\n    self.socket.on('timeout', function () {\n      self.socket.destroy(new Error('Socket timeout'));\n    });\n    self.socket.on('error', reject);\n  });\n};\nmodule.exports = Connection;\n",
    },
    {
      name: "hg pull talks to the remote repository: reported",
      filename: 'lib/update.js',
      code: "const { execSync } = require('child_process');\nmodule.exports = (root) => execSync('hg pull -u', { cwd: root }).toString();\n",
      errors: [{ messageId: 'missing', line: 2, column: 28 }],
      unsafeOutput: "const { execSync } = require('child_process');\nmodule.exports = (root) => execSync('hg pull -u', { cwd: root, timeout: 60_000 }).toString();\n",
    },
    {
      name: "a request whose 'socket' listener only tunes the socket (setNoDelay): no bound",
      filename: 'lib/get.js',
      code: "const http = require('http');\nmodule.exports.get = function (url, cb) {\n  const req = http.get(url, (res) => res.pipe(process.stdout));\n  req.on('socket', (socket) => socket.setNoDelay(true));\n  req.on('error', cb);\n};\n",
      errors: [{ messageId: 'missing', line: 3, column: 15 }],
      unsafeOutput: "const http = require('http');\nmodule.exports.get = function (url, cb) {\n  const req = http.get(url, { signal: AbortSignal.timeout(10_000) }, (res) => res.pipe(process.stdout));\n  req.on('socket', (socket) => socket.setNoDelay(true));\n  req.on('error', cb);\n};\n",
    },
    {
      name: "a promisified child_process exec (util.promisify(require('child_process').exec)) with no timeout",
      filename: 'src/tools.js',
      code: "const util = require('util');\nconst exec = util.promisify(require('child_process').exec);\n\nmodule.exports.discover = async function (iface) {\n  const { stdout } = await exec(`pn-tools discovery -i \"${iface}\"`);\n  return stdout;\n};\n",
      errors: [{ messageId: 'missing', line: 5, column: 28 }],
      unsafeOutput: "const util = require('util');\nconst exec = util.promisify(require('child_process').exec);\n\nmodule.exports.discover = async function (iface) {\n  const { stdout } = await exec(`pn-tools discovery -i \"${iface}\"`, { timeout: 60_000 });\n  return stdout;\n};\n",
    },
    {
      name: "global fetch in a #! server that exits only on bad arguments and on SIGTERM: it runs until stopped, so undici's 300 s is no bound",
      filename: 'src/server.js',
      code: "#!/usr/bin/env node\nconst express = require('express');\nconst opts = require('./config.json');\nif (!opts.port) {\n  console.error('no port');\n  process.exit(1);\n}\nasync function addStyle(url) {\n  const res = await fetch(url);\n  return res.json();\n}\nconst app = express();\nconst server = app.listen(opts.port);\nPromise.all(opts.styles.map(addStyle)).then(() => console.log('ready'));\nprocess.on('SIGTERM', () => {\n  server.close();\n  process.exit();\n});\n",
      errors: [{ messageId: 'missing', line: 9, column: 21 }],
      unsafeOutput: "#!/usr/bin/env node\nconst express = require('express');\nconst opts = require('./config.json');\nif (!opts.port) {\n  console.error('no port');\n  process.exit(1);\n}\nasync function addStyle(url) {\n  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });\n  return res.json();\n}\nconst app = express();\nconst server = app.listen(opts.port);\nPromise.all(opts.styles.map(addStyle)).then(() => console.log('ready'));\nprocess.on('SIGTERM', () => {\n  server.close();\n  process.exit();\n});\n",
    },
    {
      name: 'the same fetch through an explicit dispatcher in a module no command-line run is known to load: 300 s is beyond a service\'s budget',
      filename: 'lib/download.js',
      code: "const { Agent, RetryAgent, fetch } = require('undici');\nasync function download(url) {\n  const res = await fetch(url, { dispatcher: new RetryAgent(new Agent(), { maxRetries: 3 }) });\n  return res.text();\n}\nmodule.exports = download;\n",
      errors: [{ messageId: 'missing', line: 3, column: 21 }],
      unsafeOutput: "const { Agent, RetryAgent, fetch } = require('undici');\nasync function download(url) {\n  const res = await fetch(url, { dispatcher: new RetryAgent(new Agent(), { maxRetries: 3 }), signal: AbortSignal.timeout(10_000) });\n  return res.text();\n}\nmodule.exports = download;\n",
    },
    {
      name: 'the same request when the const spread after the timeout sets one of its own: it may override the bound, and the instance stays reported',
      filename: 'lib/wait-on.js',
      code: "const axios = require('axios');\nconst client = axios.create({ adapter: 'http' });\nasync function probe(url, timeout, unix) {\n  const target = unix ? { socketPath: unix, url, timeout: 0 } : { url };\n  return client({ method: 'get', ...(timeout && { timeout }), ...target });\n}\nmodule.exports = { probe };\n",
      errors: [{ messageId: 'missingOnInstance', line: 2, column: 16 }],
      unsafeOutput: "const axios = require('axios');\nconst client = axios.create({ adapter: 'http', timeout: 10_000 });\nasync function probe(url, timeout, unix) {\n  const target = unix ? { socketPath: unix, url, timeout: 0 } : { url };\n  return client({ method: 'get', ...(timeout && { timeout }), ...target });\n}\nmodule.exports = { probe };\n",
    },
    {
      name: 'a connect to a port and a host read off an object: a peer on the network',
      filename: 'lib/main.js',
      code: "var net = require('net');\nvar jsonSocket = require('./json-socket');\nfunction connectToDaemon(port, cbs) {\n  var socket = net.connect(port, cbs.host);\n  jsonSocket.listen(socket, cbs.event);\n  return socket;\n}\nmodule.exports = connectToDaemon;\n",
      errors: [{ messageId: 'missingSocket', line: 4, column: 16 }],
      unsafeOutput: "var net = require('net');\nvar jsonSocket = require('./json-socket');\nfunction connectToDaemon(port, cbs) {\n  var socket = net.connect(port, cbs.host);\n  socket.setTimeout(10_000, () => socket.destroy(new Error('Timed out connecting')));\n  socket.once('connect', () => socket.setTimeout(0));\n  jsonSocket.listen(socket, cbs.event);\n  return socket;\n}\nmodule.exports = connectToDaemon;\n",
    },
    {
      name: 'the same race with nothing destroying the socket when the timeout wins: the connect still waits',
      filename: 'lib/core.js',
      code: "const net = require('net');\nconst Promises = require('./Promises');\nclass Core {\n  async withTcp(fn, port) {\n    let socket, connectionTimeout;\n    try {\n      socket = net.connect(port, this.options.address);\n      socket.on('error', () => {});\n      const connectionPromise = new Promise((resolve, reject) => {\n        socket.on('ready', resolve);\n        socket.on('close', () => reject(new Error('TCP Connection Refused')));\n      });\n      connectionTimeout = Promises.createTimeout(this.options.socketTimeout, 'TCP Opening');\n      await Promise.race([connectionPromise, connectionTimeout, this.abortedPromise]);\n      return await fn(socket);\n    } finally {\n\n      connectionTimeout?.cancel();\n    }\n  }\n}\nmodule.exports = Core;\n",
      errors: [{ messageId: 'missingSocket', line: 7, column: 16 }],
      unsafeOutput: "const net = require('net');\nconst Promises = require('./Promises');\nclass Core {\n  async withTcp(fn, port) {\n    let socket, connectionTimeout;\n    try {\n      socket = net.connect(port, this.options.address);\n      socket.setTimeout(10_000, () => socket.destroy(new Error('Timed out connecting')));\n      socket.once('connect', () => socket.setTimeout(0));\n      socket.on('error', () => {});\n      const connectionPromise = new Promise((resolve, reject) => {\n        socket.on('ready', resolve);\n        socket.on('close', () => reject(new Error('TCP Connection Refused')));\n      });\n      connectionTimeout = Promises.createTimeout(this.options.socketTimeout, 'TCP Opening');\n      await Promise.race([connectionPromise, connectionTimeout, this.abortedPromise]);\n      return await fn(socket);\n    } finally {\n\n      connectionTimeout?.cancel();\n    }\n  }\n}\nmodule.exports = Core;\n",
    },
    {
      name: 'the same promisified request.defaults client with one request passing no timeout: it inherits none from the client',
      filename: 'utils.js',
      code: "\"use strict\";\nvar bluebird = require(\"bluebird\");\nvar request = bluebird.promisify(require(\"request\").defaults({ jar: true }), { multiArgs: true });\nfunction get(url, jar, qs) {\n  var op = { timeout: 60000, qs: qs, url: url, method: \"GET\", jar: jar };\n  return request(op).then(function(res) { return res[0]; });\n}\nfunction post(url, jar, form) {\n  var op = { url: url, method: \"POST\", form: form, jar: jar };\n  return request(op).then(function(res) { return res[0]; });\n}\nfunction retried(data) {\n  return data.request.method === \"GET\" ? get(data.request.uri.href, null, {}) : null;\n}\nmodule.exports = { get: get, post: post, retried: retried, getJar: request.jar };\n",
      errors: [{ messageId: 'missingOnInstance', line: 3, column: 34 }],
      unsafeOutput: "\"use strict\";\nvar bluebird = require(\"bluebird\");\nvar request = bluebird.promisify(require(\"request\").defaults({ jar: true, timeout: 10_000 }), { multiArgs: true });\nfunction get(url, jar, qs) {\n  var op = { timeout: 60000, qs: qs, url: url, method: \"GET\", jar: jar };\n  return request(op).then(function(res) { return res[0]; });\n}\nfunction post(url, jar, form) {\n  var op = { url: url, method: \"POST\", form: form, jar: jar };\n  return request(op).then(function(res) { return res[0]; });\n}\nfunction retried(data) {\n  return data.request.method === \"GET\" ? get(data.request.uri.href, null, {}) : null;\n}\nmodule.exports = { get: get, post: post, retried: retried, getJar: request.jar };\n",
    },
    {
      name: 'the same layering whose defaults set no timeout: the client is still unbounded',
      filename: 'index.js',
      code: "const request = require('request');\nfunction Community(options) {\n  options = options || {};\n  const defaults = { jar: request.jar(), gzip: true };\n  this.request = options.request || request.defaults({ forever: true });\n  this.request = this.request.defaults(defaults);\n}\nCommunity.prototype.get = function (id, cb) {\n  this.request.get({ uri: 'https://example.org/x/' + id, json: true }, (err, res, body) => cb(err, body));\n};\nmodule.exports = Community;\n",
      errors: [{ messageId: 'missingOnInstance', line: 5, column: 37 }],
      unsafeOutput: "const request = require('request');\nfunction Community(options) {\n  options = options || {};\n  const defaults = { jar: request.jar(), gzip: true };\n  this.request = options.request || request.defaults({ forever: true, timeout: 10_000 });\n  this.request = this.request.defaults(defaults);\n}\nCommunity.prototype.get = function (id, cb) {\n  this.request.get({ uri: 'https://example.org/x/' + id, json: true }, (err, res, body) => cb(err, body));\n};\nmodule.exports = Community;\n",
    },
    {
      name: 'the same layering one statement late, after the bare client was copied to another field: that copy has no bound',
      filename: 'index.js',
      code: "const request = require('request');\nfunction Community(options) {\n  options = options || {};\n  const defaults = { jar: request.jar(), timeout: options.timeout || 50000, gzip: true };\n  this.request = options.request || request.defaults({ forever: true });\n  this.plain = this.request;\n  this.request = this.request.defaults(defaults);\n}\nCommunity.prototype.get = function (id, cb) {\n  this.request.get({ uri: 'https://example.org/x/' + id, json: true }, (err, res, body) => cb(err, body));\n};\nmodule.exports = Community;\n",
      errors: [{ messageId: 'missingOnInstance', line: 5, column: 37 }],
      unsafeOutput: "const request = require('request');\nfunction Community(options) {\n  options = options || {};\n  const defaults = { jar: request.jar(), timeout: options.timeout || 50000, gzip: true };\n  this.request = options.request || request.defaults({ forever: true, timeout: 10_000 });\n  this.plain = this.request;\n  this.request = this.request.defaults(defaults);\n}\nCommunity.prototype.get = function (id, cb) {\n  this.request.get({ uri: 'https://example.org/x/' + id, json: true }, (err, res, body) => cb(err, body));\n};\nmodule.exports = Community;\n",
    },
    {
      name: 'got given its options alone with no timeout: the bound goes into them',
      filename: 'lib/core.js',
      code: "const got = require('got');\nasync function load(url) {\n  return got({ url, responseType: 'json' });\n}\nmodule.exports = load;\n",
      errors: [{ messageId: 'missing', line: 3, column: 10 }],
      unsafeOutput: "const got = require('got');\nasync function load(url) {\n  return got({ url, responseType: 'json', timeout: { request: 10_000 } });\n}\nmodule.exports = load;\n",
    },
    {
      name: 'a timeout of 0 written after a spread is got\'s "no limit", whatever the spread held',
      filename: 'lib/core.js',
      code: "const got = require('got');\nasync function load(params) {\n  return got('https://example.org/a', { ...{ retry: { limit: 0 } }, timeout: 0 });\n}\nmodule.exports = load;\n",
      errors: [{ messageId: 'missing', line: 3, column: 10 }],
      unsafeOutput: "const got = require('got');\nasync function load(params) {\n  return got('https://example.org/a', { ...{ retry: { limit: 0 } }, timeout: { request: 10_000 } });\n}\nmodule.exports = load;\n",
    },
    {
      name: "an axios instance held in a field with one request through it that passes no bound, one also read off another object, and one handed through a function we do not know: still reported",
      filename: 'unifi.js',
      code: [
        "const axios = require('axios');",
        "const wrap = require('./wrap');",
        'class Controller {',
        '  async _init() {',
        '    this._instance = axios.create({});',
        '    await this._instance.get(this.url, { timeout: 5000 });',
        '    this._other = axios.create({});',
        '    await this._other.get(this.url, { timeout: 5000 });',
        '    this._wrapped = wrap(axios.create({}));',
        '    await this._wrapped.get(this.url, { timeout: 5000 });',
        '  }',
        '  async logout() { return this._instance.post(this.url); }',
        '}',
        'function peek(c) { return c._other.get(c.url); }',
        'module.exports = { Controller, peek };',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missingOnInstance', line: 5, column: 22 }, { messageId: 'missingOnInstance', line: 7, column: 19 }, { messageId: 'missingOnInstance', line: 9, column: 26 }],
      unsafeOutput: [
        "const axios = require('axios');",
        "const wrap = require('./wrap');",
        'class Controller {',
        '  async _init() {',
        '    this._instance = axios.create({ timeout: 10_000 });',
        '    await this._instance.get(this.url, { timeout: 5000 });',
        '    this._other = axios.create({ timeout: 10_000 });',
        '    await this._other.get(this.url, { timeout: 5000 });',
        '    this._wrapped = wrap(axios.create({ timeout: 10_000 }));',
        '    await this._wrapped.get(this.url, { timeout: 5000 });',
        '  }',
        '  async logout() { return this._instance.post(this.url); }',
        '}',
        'function peek(c) { return c._other.get(c.url); }',
        'module.exports = { Controller, peek };',
        '',
      ].join('\n'),
    },
    {
      name: "a socket kept in a field: an idle timeout turned off (setTimeout(0)) bounds nothing, a setKeepAlive on another class's same-named field keeps nothing open, and a timer that destroys another socket, or one armed in a 'close' listener (a reconnect delay), bounds nothing",
      filename: 'src/transport/raw.ts',
      code: [
        "import { connect, Socket } from 'net';",
        'export class ProtocolRAW {',
        '  private socket: Socket;',
        '  constructor(config: { host: string; port: number }) {',
        '    this.socket = connect({ port: config.port, host: config.host });',
        '    this.socket.setTimeout(0);',
        '  }',
        '}',
        'export class Other {',
        '  private socket: Socket;',
        '  open(s: Socket) { this.socket = s; this.socket.setKeepAlive(true); }',
        '}',
        'export function init(host: string, port: number, other: Socket): Socket {',
        '  const socket = new Socket();',
        '  setTimeout(() => other.destroy(), 5000);',
        '  socket.connect(port, host);',
        '  return socket;',
        '}',
        'export function reconnecting(host: string, port: number): Socket {',
        '  const sock = new Socket();',
        "  sock.on('close', () => { setTimeout(() => { sock.destroy(); reconnecting(host, port); }, 1000); });",
        '  sock.connect(port, host);',
        '  return sock;',
        '}',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missingSocket', line: 5, column: 19 }, { messageId: 'missingSocket', line: 16, column: 3 }, { messageId: 'missingSocket', line: 22, column: 3 }],
      unsafeOutput: "import { connect, Socket } from 'net';\nexport class ProtocolRAW {\n  private socket: Socket;\n  constructor(config: { host: string; port: number }) {\n    this.socket = connect({ port: config.port, host: config.host });\n    this.socket.setTimeout(10_000, () => this.socket.destroy(new Error('Timed out connecting')));\n    this.socket.once('connect', () => this.socket.setTimeout(0));\n    this.socket.setTimeout(0);\n  }\n}\nexport class Other {\n  private socket: Socket;\n  open(s: Socket) { this.socket = s; this.socket.setKeepAlive(true); }\n}\nexport function init(host: string, port: number, other: Socket): Socket {\n  const socket = new Socket();\n  setTimeout(() => other.destroy(), 5000);\n  socket.connect(port, host);\n  socket.setTimeout(10_000, () => socket.destroy(new Error('Timed out connecting')));\n  socket.once('connect', () => socket.setTimeout(0));\n  return socket;\n}\nexport function reconnecting(host: string, port: number): Socket {\n  const sock = new Socket();\n  sock.on('close', () => { setTimeout(() => { sock.destroy(); reconnecting(host, port); }, 1000); });\n  sock.connect(port, host);\n  sock.setTimeout(10_000, () => sock.destroy(new Error('Timed out connecting')));\n  sock.once('connect', () => sock.setTimeout(0));\n  return sock;\n}\n",
    },
    {
      name: "libraries required in place, with no binding first (`require('request').defaults({ encoding: null })`, `require('https').get(url, cb)`): node-red-contrib-chatbot's platform clients",
      filename: 'lib/platforms/slack.js',
      code: "var request = require('request').defaults({ encoding: null });\nexports.send = function (url, cb) {\n  request({ uri: url, method: 'POST' }, cb);\n  require('https').get(url, cb);\n};\n",
      errors: [{ messageId: 'missingOnInstance', line: 1, column: 15 }, { messageId: 'missing', line: 4, column: 3 }],
      output: null,
      unsafeOutput: "var request = require('request').defaults({ encoding: null, timeout: 10_000 });\nexports.send = function (url, cb) {\n  request({ uri: url, method: 'POST' }, cb);\n  require('https').get(url, { signal: AbortSignal.timeout(10_000) }, cb);\n};\n",
    },
    {
      name: "the same shapes with a hook from a config file and a command appended to whose program is curl: waits on a peer, still reported",
      filename: 'app.js',
      code: "const proc = require('child_process');\nconst config = require('./config.json');\nvar FETCH = 'curl -s ';\nif (config.proxy) FETCH += ' -x ' + config.proxy;\nexports.play = function (href) {\n  proc.exec(config['on-listening'] + ' ' + href);\n  proc.exec(FETCH + href);\n};\n",
      errors: [{ messageId: 'missing', line: 6, column: 3 }, { messageId: 'missing', line: 7, column: 3 }],
      output: null,
      unsafeOutput: "const proc = require('child_process');\nconst config = require('./config.json');\nvar FETCH = 'curl -s ';\nif (config.proxy) FETCH += ' -x ' + config.proxy;\nexports.play = function (href) {\n  proc.exec(config['on-listening'] + ' ' + href, { timeout: 60_000 });\n  proc.exec(FETCH + href, { timeout: 60_000 });\n};\n",
    },
    {
      name: 'a module held in a let given http and, on one branch, https (sonos-discovery): a request of either, reported',
      filename: 'lib/helpers/request.js',
      code: "const http = require('http');\nconst https = require('https');\nfunction request(options) {\n  return new Promise((resolve, reject) => {\n    let httpModule = http;\n    if (options.secure) {\n      httpModule = https;\n    }\n    const client = httpModule.request({ host: options.host, path: '/' }, (res) => resolve(res));\n    client.on('error', reject);\n    client.end();\n  });\n}\nmodule.exports = request;\n",
      errors: [{ messageId: 'missing', line: 9, column: 20 }],
      output: null,
      unsafeOutput: "const http = require('http');\nconst https = require('https');\nfunction request(options) {\n  return new Promise((resolve, reject) => {\n    let httpModule = http;\n    if (options.secure) {\n      httpModule = https;\n    }\n    const client = httpModule.request({ host: options.host, path: '/', signal: AbortSignal.timeout(10_000) }, (res) => resolve(res));\n    client.on('error', reject);\n    client.end();\n  });\n}\nmodule.exports = request;\n",
    },
    {
      name: 'a var declared bare and given a choice of http or https on each branch (webpagetest): reported',
      filename: 'lib/webpagetest.js',
      code: "const http = require('http');\nconst https = require('https');\nfunction get(config, pathname, callback) {\n  var protocol, options;\n  if (config.proxy) {\n    protocol = config.proxy.startsWith('https:') ? https : http;\n  } else {\n    protocol = config.protocol === 'https:' ? https : http;\n  }\n  var request = protocol.request({ path: pathname, host: config.hostname }, function (res) { callback(null, res); });\n  request.on('error', callback);\n  request.end();\n}\nmodule.exports = get;\n",
      errors: [{ messageId: 'missing', line: 10, column: 17 }],
      output: null,
      unsafeOutput: "const http = require('http');\nconst https = require('https');\nfunction get(config, pathname, callback) {\n  var protocol, options;\n  if (config.proxy) {\n    protocol = config.proxy.startsWith('https:') ? https : http;\n  } else {\n    protocol = config.protocol === 'https:' ? https : http;\n  }\n  var request = protocol.request({ path: pathname, host: config.hostname, signal: AbortSignal.timeout(10_000) }, function (res) { callback(null, res); });\n  request.on('error', callback);\n  request.end();\n}\nmodule.exports = get;\n",
    },
    {
      name: "a download through either http or https, chosen by the URL, with options spread from the parsed URL (retire's repository fetch): a parsed URL carries no bound",
      filename: 'lib/repo.js',
      code: "const http = require('http');\nconst https = require('https');\nfunction loadJson(url) {\n  return new Promise((resolve, reject) => {\n    const req = (url.startsWith('http:') ? http : https).get({ ...URL.parse(url), method: 'GET' }, (res) => res.on('end', resolve));\n    req.on('error', reject);\n  });\n}\nmodule.exports = { loadJson };\n",
      errors: [{ messageId: 'missing', message: '`(… ? http : https).get()` has no time limit: add `signal: AbortSignal.timeout(10_000)`.\nA server that stops answering (or trickles its body) holds the request, its socket and everything waiting on it forever; in a service such calls pile up until sockets or memory run out. Calling `.setTimeout()` on the result, and destroying it when that fires, also bounds it.', line: 5, column: 17 }],
      output: null,
      unsafeOutput: "const http = require('http');\nconst https = require('https');\nfunction loadJson(url) {\n  return new Promise((resolve, reject) => {\n    const req = (url.startsWith('http:') ? http : https).get({ ...URL.parse(url), method: 'GET', signal: AbortSignal.timeout(10_000) }, (res) => res.on('end', resolve));\n    req.on('error', reject);\n  });\n}\nmodule.exports = { loadJson };\n",
    },
    {
      name: "the same login's once() not raced with the signal: nothing ends the wait (an 'abort' listener elsewhere in the function rejects only the race's deferred)",
      filename: "lib/connection.js",
      code: "const { once } = require('events');\nfunction withResolvers() { let resolve, reject; const promise = new Promise((a, b) => { resolve = a; reject = b; }); return { promise, resolve, reject }; }\nexports.login = async function (parser, readMessage, signal) {\n  const { promise: signalAborted, reject } = withResolvers();\n  signal.addEventListener('abort', () => reject(signal.reason), { once: true });\n  await Promise.race([readMessage(), signalAborted]);\n  await once(parser, 'end');\n};\n",
      errors: [{ messageId: "missing", line: 7, column: 9 }],
      output: null,
      unsafeOutput: "const { once } = require('events');\nfunction withResolvers() { let resolve, reject; const promise = new Promise((a, b) => { resolve = a; reject = b; }); return { promise, resolve, reject }; }\nexports.login = async function (parser, readMessage, signal) {\n  const { promise: signalAborted, reject } = withResolvers();\n  signal.addEventListener('abort', () => reject(signal.reason), { once: true });\n  await Promise.race([readMessage(), signalAborted]);\n  await once(parser, 'end', { signal: AbortSignal.timeout(30_000) });\n};\n",
    },
    {
      name: "once() raced with a deferred that only an 'error' listener rejects: no bound",
      filename: "lib/wait.js",
      code: "const { once } = require('events');\nexports.ready = async function (emitter, other) {\n  const { promise: failed, reject } = Promise.withResolvers();\n  other.on('error', (err) => reject(err));\n  await Promise.race([once(emitter, 'ready'), failed]);\n};\n",
      errors: [{ messageId: "missing", line: 5, column: 23 }],
      output: null,
      unsafeOutput: "const { once } = require('events');\nexports.ready = async function (emitter, other) {\n  const { promise: failed, reject } = Promise.withResolvers();\n  other.on('error', (err) => reject(err));\n  await Promise.race([once(emitter, 'ready', { signal: AbortSignal.timeout(30_000) }), failed]);\n};\n",
    },
    {
      name: "a TLS connect whose 'abort' listener only logs, and one to a new peer (no `socket`): still unbounded",
      filename: "lib/secure.js",
      code: "const tls = require('tls');\nexports.secure = function (host, signal) {\n  return new Promise((resolve, reject) => {\n    const encrypted = tls.connect({ host, port: 443 });\n    encrypted.once('secureConnect', () => resolve(encrypted));\n    encrypted.once('error', reject);\n    signal.addEventListener('abort', () => console.log('aborted'));\n  });\n};\n",
      errors: [{ messageId: "missingSocket", line: 4, column: 23 }],
      output: null,
      unsafeOutput: "const tls = require('tls');\nexports.secure = function (host, signal) {\n  return new Promise((resolve, reject) => {\n    const encrypted = tls.connect({ host, port: 443 });\n    encrypted.setTimeout(10_000, () => encrypted.destroy(new Error('Timed out connecting')));\n    encrypted.once('secureConnect', () => encrypted.setTimeout(0));\n    encrypted.once('secureConnect', () => resolve(encrypted));\n    encrypted.once('error', reject);\n    signal.addEventListener('abort', () => console.log('aborted'));\n  });\n};\n",
    },
    {
      name: "a connect kept on an object whose method after it arms a timer that only logs, or whose class never holds that member",
      filename: "lib/torrent.js",
      files: { "lib/peer.js": "class Peer {\n  constructor() {\n    this.conn = null;\n  }\n  startHandshakeTimer() {\n    this.timer = setTimeout(() => console.log('slow handshake'), 5000);\n  }\n  startConnectTimeout() {\n    this.timer = setTimeout(() => this.destroy(), 5000);\n  }\n  destroy() {\n    if (this.conn) this.conn.destroy();\n  }\n}\nmodule.exports = Peer;\n" },
      code: "const net = require('net');\nexports.drain = function (peer, other, host) {\n  peer.conn = net.connect({ host, port: 6881 });\n  peer.startHandshakeTimer();\n  other.socket = net.connect({ host, port: 6882 });\n  other.startConnectTimeout();\n};\n",
      errors: [{ messageId: "missingSocket", line: 3, column: 15 }, { messageId: "missingSocket", line: 5, column: 18 }],
      output: null,
    },
    {
      name: "page and Node code side by side: the Node class's fetch, a class that only probes `typeof window`, and a class extending a Node base stay reported",
      filename: "lib/server.js",
      code: "import http from 'http';\nimport { EventEmitter } from 'events';\nclass NodeServer {\n  constructor() {\n    this.server = http.createServer();\n    navigator.userAgent;\n    fetch('https://tracker.example.com/announce');\n  }\n}\nclass Client {\n  base() {\n    return typeof window !== 'undefined' ? window.location.origin : 'https://api.example.com';\n  }\n  load() {\n    return fetch(`${this.base()}/items`);\n  }\n}\nclass Poller extends EventEmitter {\n  poll() {\n    return fetch('https://api.example.com/poll');\n  }\n}\nexport { NodeServer, Client, Poller };\n",
      errors: [{ messageId: "missing", line: 7, column: 5 }, { messageId: "missing", line: 15, column: 12 }, { messageId: "missing", line: 20, column: 12 }],
      output: null,
      unsafeOutput: "import http from 'http';\nimport { EventEmitter } from 'events';\nclass NodeServer {\n  constructor() {\n    this.server = http.createServer();\n    navigator.userAgent;\n    fetch('https://tracker.example.com/announce', { signal: AbortSignal.timeout(10_000) });\n  }\n}\nclass Client {\n  base() {\n    return typeof window !== 'undefined' ? window.location.origin : 'https://api.example.com';\n  }\n  load() {\n    return fetch(`${this.base()}/items`, { signal: AbortSignal.timeout(10_000) });\n  }\n}\nclass Poller extends EventEmitter {\n  poll() {\n    return fetch('https://api.example.com/poll', { signal: AbortSignal.timeout(10_000) });\n  }\n}\nexport { NodeServer, Client, Poller };\n",
    },
    {
      name: 'got loaded with a dynamic import, destructured, and kept on a field (`this.got = got`): its calls are got calls',
      filename: 'lib/push.js',
      code: "class PushService {\n  async loadLibraries() {\n    const { default: got } = await import('got');\n    this.got = got;\n  }\n  async register(url, body) {\n    const response = await this.got(url, { method: 'post', json: body });\n    return response.body;\n  }\n}\nmodule.exports = PushService;\n",
      errors: [{ messageId: 'missing', line: 7, column: 28 }],
      output: null,
      unsafeOutput: "class PushService {\n  async loadLibraries() {\n    const { default: got } = await import('got');\n    this.got = got;\n  }\n  async register(url, body) {\n    const response = await this.got(url, { method: 'post', json: body, timeout: { request: 10_000 } });\n    return response.body;\n  }\n}\nmodule.exports = PushService;\n",
    },
    {
      name: "a status command that checks the local service and exits 1 when it does not answer: a wedged service must fail the check, not hang it",
      filename: 'lib/service.js',
      code: "const axios = require('axios');\nclass Service {\n  async checkStatus() {\n    try {\n      const res = await axios.get(`http://localhost:${this.uiPort}/api`);\n      if (res.data !== 'Hello World!') process.exit(1);\n      console.log('UI running.');\n    } catch (e) {\n      console.error('UI not running.');\n      process.exit(1);\n    }\n  }\n}\nmodule.exports = Service;\n",
      errors: [{ messageId: 'missing', line: 5, column: 25 }],
      output: null,
      unsafeOutput: "const axios = require('axios');\nclass Service {\n  async checkStatus() {\n    try {\n      const res = await axios.get(`http://localhost:${this.uiPort}/api`, { timeout: 10_000 });\n      if (res.data !== 'Hello World!') process.exit(1);\n      console.log('UI running.');\n    } catch (e) {\n      console.error('UI not running.');\n      process.exit(1);\n    }\n  }\n}\nmodule.exports = Service;\n",
    },
    {
      name: 'the same fetch handler in a Node module that names a `location` of its own and loads `http`: server code',
      filename: 'lib/sw.js',
      code: "const http = require('http');\nconst location = { port: 8080 };\nexports.relay = (path) => fetch(`https://reports.example.com:${location.port}${path}`);\nexports.agent = new http.Agent();\n",
      errors: [{ messageId: 'missing', line: 3, column: 27 }],
      output: null,
      unsafeOutput: "const http = require('http');\nconst location = { port: 8080 };\nexports.relay = (path) => fetch(`https://reports.example.com:${location.port}${path}`, { signal: AbortSignal.timeout(10_000) });\nexports.agent = new http.Agent();\n",
    },
    {
      name: 'the same calls to a host that only starts with a loopback name, or to a configured host: remote peers',
      filename: 'lib/remote.js',
      code: "const http = require('http');\nconst axios = require('axios');\nexports.stop = function (host, port) {\n  http.get(`http://${host}:${port}/stop`, () => {});\n};\nexports.agent = axios.create({ baseURL: 'http://localhost.example.com/api' });\nexports.tunnels = () => fetch('http://127.0.0.1.nip.io/api/tunnels');\n",
      errors: [
        { messageId: 'missing', line: 4, column: 3 },
        { messageId: 'missingOnInstance', line: 6, column: 17 },
        { messageId: 'missing', line: 7, column: 25 },
      ],
      output: null,
      unsafeOutput: "const http = require('http');\nconst axios = require('axios');\nexports.stop = function (host, port) {\n  http.get(`http://${host}:${port}/stop`, { signal: AbortSignal.timeout(10_000) }, () => {});\n};\nexports.agent = axios.create({ baseURL: 'http://localhost.example.com/api', timeout: 10_000 });\nexports.tunnels = () => fetch('http://127.0.0.1.nip.io/api/tunnels', { signal: AbortSignal.timeout(10_000) });\n",
    },
    {
      name: 'a shell -c line that fetches from a peer, and journalctl following the log: not local answers',
      filename: 'src/fetch.js',
      code: "const { spawnSync, execSync } = require('node:child_process');\nexports.fetch = () => spawnSync('sh', ['-c', 'curl -s https://example.com/latest']);\nexports.follow = () => execSync('journalctl -f -u app');\n",
      errors: [{ messageId: 'missing', line: 2, column: 23 }, { messageId: 'missing', line: 3, column: 24 }],
      output: null,
      unsafeOutput: "const { spawnSync, execSync } = require('node:child_process');\nexports.fetch = () => spawnSync('sh', ['-c', 'curl -s https://example.com/latest'], { timeout: 60_000 });\nexports.follow = () => execSync('journalctl -f -u app', { timeout: 60_000 });\n",
    },
    {
      name: 'an uptime probe: new net.Socket() then connect(port, host) with no time bound',
      filename: 'lib/tcp.js',
      code: "const net = require('net');\nmodule.exports = function (options, callback) {\n  const socket = new net.Socket();\n  socket.connect(options.port, options.address, () => {\n    socket.destroy();\n    callback(null);\n  });\n  socket.on('error', (error) => callback(error));\n};\n",
      errors: [{ messageId: 'missingSocket', line: 4, column: 3 }],
      unsafeOutput: "const net = require('net');\nmodule.exports = function (options, callback) {\n  const socket = new net.Socket();\n  socket.connect(options.port, options.address, () => {\n    socket.destroy();\n    callback(null);\n  });\n  socket.setTimeout(10_000, () => socket.destroy(new Error('Timed out connecting')));\n  socket.once('connect', () => socket.setTimeout(0));\n  socket.on('error', (error) => callback(error));\n};\n",
      output: null,
    },
    {
      name: 'bhttp with no response timeout: a stalled server holds the check forever',
      filename: 'lib/robots.js',
      code: "const bhttp = require('bhttp');\nmodule.exports = (url) => bhttp.get(url, { discardResponse: true });\n",
      errors: [{ messageId: 'missing', line: 2, column: 27 }],
      output: null,
      unsafeOutput: "const bhttp = require('bhttp');\nmodule.exports = (url) => bhttp.get(url, { discardResponse: true, responseTimeout: 10_000 });\n",
    },
    {
      name: "nodemailer's fetch with no timeout: it waits as long as the peer does",
      filename: 'plugins/http-auth.js',
      code: "const fetch = require('nodemailer/lib/fetch');\nmodule.exports = (url, cb) => {\n  const req = fetch(url);\n  req.on('error', cb);\n  return req;\n};\n",
      errors: [{ messageId: 'missing', line: 3, column: 15 }],
      output: null,
      unsafeOutput: "const fetch = require('nodemailer/lib/fetch');\nmodule.exports = (url, cb) => {\n  const req = fetch(url, { timeout: 10_000 });\n  req.on('error', cb);\n  return req;\n};\n",
    },
    {
      name: 'node-fetch called as TypeScript compiles a default import without esModuleInterop',
      filename: 'lib/files.js',
      code: "\"use strict\";\nconst node_fetch_1 = require(\"node-fetch\");\nasync function* fetchFile(url) {\n    const { body } = await (0, node_fetch_1.default)(url);\n    yield* body;\n}\nmodule.exports = { fetchFile };\n",
      errors: [{ messageId: 'missing', line: 4, column: 28 }],
      output: null,
      unsafeOutput: "\"use strict\";\nconst node_fetch_1 = require(\"node-fetch\");\nasync function* fetchFile(url) {\n    const { body } = await (0, node_fetch_1.default)(url, { signal: AbortSignal.timeout(10_000) });\n    yield* body;\n}\nmodule.exports = { fetchFile };\n",
    },
    {
      name: 'once() raced only with another event: nothing stops the wait',
      code: "import { once, EventEmitter } from 'node:events';\nexport class Manager extends EventEmitter {\n  async connect() {\n    await Promise.race([once(this, 'connect'), once(this, 'ready')]);\n  }\n}\n",
      errors: [{ messageId: 'missing', line: 4, column: 25 }, { messageId: 'missing', line: 4, column: 48 }],
      output: null,
      unsafeOutput: "import { once, EventEmitter } from 'node:events';\nexport class Manager extends EventEmitter {\n  async connect() {\n    await Promise.race([once(this, 'connect', { signal: AbortSignal.timeout(30_000) }), once(this, 'ready', { signal: AbortSignal.timeout(30_000) })]);\n  }\n}\n",
    },
    {
      name: 'a forwarded request whose inbound close only logs: the upstream call can hang',
      code: "import http from 'node:http';\nexport function forward(request: http.IncomingMessage, response: http.ServerResponse) {\n  const client = http.request(request.url!, { method: request.method }, (res) => {\n    response.writeHead(res.statusCode ?? 502);\n    res.pipe(response);\n  });\n  request.pipe(client);\n  response.on('close', () => {\n    console.log('client went away');\n  });\n}\n",
      errors: [{ messageId: 'missing', line: 3, column: 18 }],
      output: null,
      unsafeOutput: "import http from 'node:http';\nexport function forward(request: http.IncomingMessage, response: http.ServerResponse) {\n  const client = http.request(request.url!, { method: request.method, signal: AbortSignal.timeout(10_000) }, (res) => {\n    response.writeHead(res.statusCode ?? 502);\n    res.pipe(response);\n  });\n  request.pipe(client);\n  response.on('close', () => {\n    console.log('client went away');\n  });\n}\n",
    },
    {
      name: 'the socket handed to a method that only listens: nothing bounds the connect',
      code: "import net from 'node:net';\nexport class Transport {\n  socket: net.Socket | null = null;\n  connect(options: { host: string; port: number; pingTimeout: number }) {\n    let socket: net.Socket;\n    socket = this.socket = net.connect({ host: options.host, port: options.port });\n    this.onSocketCreate(options, socket);\n  }\n  private onSocketCreate(options: { pingTimeout: number }, socket: net.Socket) {\n    socket.on('data', () => console.log('data', options.pingTimeout));\n  }\n}\n",
      errors: [{ messageId: 'missingSocket', line: 6, column: 28 }],
      output: null,
    },
    {
      name: 'typeAware: an options variable whose type proves the bound absent, reported without a fix',
      code: "import axios from 'axios';\nconst opts = { headers: { accept: 'json' } };\nexport const r = axios.get('https://svc', opts);\n",
      config: { typeAware: true },
      errors: [{ messageId: 'missing', line: 3, column: 18, endLine: 3, endColumn: 48, severity: 'warn' }],
      output: null,
    },
    {
      name: 'a function declared after the return is hoisted: its calls still run',
      code: "export function start() {\n  return poll();\n  async function poll() {\n    return fetch('https://api.example.com/jobs');\n  }\n}\n",
      errors: [{ messageId: 'missing', line: 4, column: 12, endLine: 4, endColumn: 49 }],
      unsafeOutput: "export function start() {\n  return poll();\n  async function poll() {\n    return fetch('https://api.example.com/jobs', { signal: AbortSignal.timeout(10_000) });\n  }\n}\n",
    },
    {
      name: 'fetch in a service method',
      code: [
        'export class WeatherService {',
        '  async forecast(city: string) {',
        '    const res = await fetch(`https://api.weather.example/v1/${city}`);',
        '    return res.json();',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [{
        message: `\`fetch()\` has no time limit: add \`signal: AbortSignal.timeout(10_000)\`.\n${HTTP_WHY}`,
        line: 3, column: 23, endLine: 3, endColumn: 70, severity: 'warn',
      }],
      unsafeOutput: [
        'export class WeatherService {',
        '  async forecast(city: string) {',
        '    const res = await fetch(`https://api.weather.example/v1/${city}`, { signal: AbortSignal.timeout(10_000) });',
        '    return res.json();',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'fetch with multi-line options',
      code: [
        'export async function createOrder(order: object) {',
        "  const res = await fetch('https://orders.internal/orders', {",
        "    method: 'POST',",
        '    body: JSON.stringify(order),',
        '  });',
        '  return res.status;',
        '}',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', line: 2, column: 21, endLine: 5, endColumn: 5 }],
      unsafeOutput: [
        'export async function createOrder(order: object) {',
        "  const res = await fetch('https://orders.internal/orders', {",
        "    method: 'POST',",
        '    body: JSON.stringify(order),',
        '    signal: AbortSignal.timeout(10_000),',
        '  });',
        '  return res.status;',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'a multi-line pg config whose last line has a comment and no trailing comma',
      code: "import { Pool } from 'pg';\n\nexport const pool = new Pool({\n  host: 'db.internal',\n  max: 20 // sized for 4 replicas\n});\n",
      errors: [{ messageId: 'missing', line: 3, column: 21, endLine: 6, endColumn: 3 }],
      unsafeOutput: "import { Pool } from 'pg';\n\nexport const pool = new Pool({\n  host: 'db.internal',\n  max: 20, // sized for 4 replicas\n  connectionTimeoutMillis: 5_000\n});\n",
    },
    {
      name: 'fetch ignoring the caller signal: combined with the timeout',
      code: 'export async function lookup(sku: string, signal: AbortSignal) {\n  const res = await fetch(`https://inventory.internal/${sku}`, { method: "GET" });\n  return res.ok && signal.aborted === false;\n}\n',
      errors: [{ messageId: 'missing', data: { callee: 'fetch()', consequence: HTTP_WHY, bound: 'signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)])', alternative: '' }, line: 2, column: 21 }],
      unsafeOutput: 'export async function lookup(sku: string, signal: AbortSignal) {\n  const res = await fetch(`https://inventory.internal/${sku}`, { method: "GET", signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) });\n  return res.ok && signal.aborted === false;\n}\n',
    },
    {
      name: 'an optional caller signal is not combined (it may be undefined)',
      code: 'export const head = (url: string, signal?: AbortSignal) => fetch(url, { method: "HEAD" }).then((r) => r.ok && !signal?.aborted);\n',
      errors: [{ messageId: 'missing', line: 1, column: 60 }],
      unsafeOutput: 'export const head = (url: string, signal?: AbortSignal) => fetch(url, { method: "HEAD", signal: AbortSignal.timeout(10_000) }).then((r) => r.ok && !signal?.aborted);\n',
    },
    {
      name: "https.get in the same command-line tool's module: no default bound at all, the run hangs until someone kills it",
      filename: 'src/utils/api.js',
      code: "const https = require('https');\nconst download = (url, cb) => https.get(url, (res) => res.pipe(process.stdout).on('finish', cb));\nmodule.exports = { download };\n",
      files: {
        'package.json': '{ "name": "zapier-platform-cli", "description": "The CLI for managing integrations in Zapier Developer Platform.", "bin": { "zapier-platform": "./src/bin/run" } }',
        'src/bin/run': "#!/usr/bin/env node\nrequire('../index.js').run().then(() => process.exit(0));\n",
      },
      errors: [{ messageId: 'missing', line: 2, column: 31 }],
      unsafeOutput: "const https = require('https');\nconst download = (url, cb) => https.get(url, { signal: AbortSignal.timeout(10_000) }, (res) => res.pipe(process.stdout).on('finish', cb));\nmodule.exports = { download };\n",
    },
    {
      name: 'global fetch in a service package that also ships a bin: it serves until stopped',
      filename: 'src/utils/api.js',
      code: "const callAPI = async (route) => (await fetch(`https://api.example.com${route}`)).json();\nmodule.exports = { callAPI };\n",
      files: {
        'package.json': '{ "name": "api-server", "description": "The API server", "bin": { "api": "./src/bin/run" }, "scripts": { "start": "node src/server.js" } }',
        'src/bin/run': "#!/usr/bin/env node\nrequire('../index.js').run().then(() => process.exit(0));\n",
      },
      errors: [{ messageId: 'missing', line: 1, column: 41 }],
      unsafeOutput: "const callAPI = async (route) => (await fetch(`https://api.example.com${route}`, { signal: AbortSignal.timeout(10_000) })).json();\nmodule.exports = { callAPI };\n",
    },
    {
      name: 'globalThis.fetch in plain JavaScript',
      filename: 'src/poll.js',
      code: "export async function poll(url) {\n  return globalThis.fetch(url)\n}\n",
      errors: [{ messageId: 'missing', line: 2, column: 10, endLine: 2, endColumn: 31 }],
      unsafeOutput: "export async function poll(url) {\n  return globalThis.fetch(url, { signal: AbortSignal.timeout(10_000) })\n}\n",
    },
    {
      name: 'fetch taken as a parameter that defaults to undici fetch: called by its name, and kept on the instance',
      filename: 'index.js',
      code: "import { fetch as undiciFetch } from 'undici';\n\nexport class Relay {\n  #fetch;\n  constructor({ target, fetch = undiciFetch }) {\n    this.target = target;\n    this.#fetch = fetch;\n  }\n  async forward(event) {\n    await this.#fetch(this.target, { method: 'POST', body: JSON.stringify(event) });\n  }\n  static async createChannel({ fetch = undiciFetch, newChannelUrl = 'https://relay.example/new' } = {}) {\n    const response = await fetch(newChannelUrl, { method: 'HEAD' });\n    return response.url;\n  }\n}\n",
      errors: [
        { messageId: 'missing', data: { callee: 'this.#fetch()', consequence: HTTP_WHY, bound: 'signal: AbortSignal.timeout(10_000)', alternative: '' }, line: 10, column: 11 },
        { messageId: 'missing', data: { callee: 'fetch()', consequence: HTTP_WHY, bound: 'signal: AbortSignal.timeout(10_000)', alternative: '' }, line: 13, column: 28 },
      ],
      unsafeOutput: "import { fetch as undiciFetch } from 'undici';\n\nexport class Relay {\n  #fetch;\n  constructor({ target, fetch = undiciFetch }) {\n    this.target = target;\n    this.#fetch = fetch;\n  }\n  async forward(event) {\n    await this.#fetch(this.target, { method: 'POST', body: JSON.stringify(event), signal: AbortSignal.timeout(10_000) });\n  }\n  static async createChannel({ fetch = undiciFetch, newChannelUrl = 'https://relay.example/new' } = {}) {\n    const response = await fetch(newChannelUrl, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });\n    return response.url;\n  }\n}\n",
    },
    {
      name: 'undici request under an alias',
      code: "import { request as undiciRequest } from 'undici';\n\nexport async function status(url: string) {\n  const { statusCode } = await undiciRequest(url);\n  return statusCode;\n}\n",
      errors: [{ messageId: 'missing', data: { callee: 'undiciRequest()', consequence: HTTP_WHY, bound: 'signal: AbortSignal.timeout(10_000)', alternative: '' }, line: 4, column: 32, endLine: 4, endColumn: 50 }],
      unsafeOutput: "import { request as undiciRequest } from 'undici';\n\nexport async function status(url: string) {\n  const { statusCode } = await undiciRequest(url, { signal: AbortSignal.timeout(10_000) });\n  return statusCode;\n}\n",
    },
    {
      name: 'node-fetch default import in an .mjs file',
      filename: 'src/hooks.mjs',
      code: "import fetch from 'node-fetch';\nexport const notify = (hook, payload) => fetch(hook, { method: 'POST', body: JSON.stringify(payload) });\n",
      errors: [{ messageId: 'missing', line: 2, column: 42 }],
      unsafeOutput: "import fetch from 'node-fetch';\nexport const notify = (hook, payload) => fetch(hook, { method: 'POST', body: JSON.stringify(payload), signal: AbortSignal.timeout(10_000) });\n",
    },
    {
      name: 'axios default instance get',
      code: "import axios from 'axios';\n\nexport async function fetchRates() {\n  const { data } = await axios.get('https://fx.example/rates');\n  return data;\n}\n",
      errors: [{ messageId: 'missing', line: 4, column: 26, endLine: 4, endColumn: 63, severity: 'warn' }],
      unsafeOutput: "import axios from 'axios';\n\nexport async function fetchRates() {\n  const { data } = await axios.get('https://fx.example/rates', { timeout: 10_000 });\n  return data;\n}\n",
    },
    {
      name: 'axios.create without a timeout: reported once, at the create',
      code: [
        "import axios from 'axios';",
        '',
        "const github = axios.create({ baseURL: 'https://api.github.com' });",
        '',
        'export async function repo(name: string) {',
        '  return (await github.get(`/repos/${name}`)).data;',
        '}',
        'export async function star(name: string) {',
        '  await github.put(`/user/starred/${name}`);',
        '}',
        '',
      ].join('\n'),
      errors: [{
        message: `\`axios.create()\` creates a client with no time limit: add \`timeout: 10_000\`.\nEvery request made through it that passes no bound of its own inherits that. ${HTTP_WHY}`,
        line: 3, column: 16, endLine: 3, endColumn: 67,
      }],
      unsafeOutput: [
        "import axios from 'axios';",
        '',
        "const github = axios.create({ baseURL: 'https://api.github.com', timeout: 10_000 });",
        '',
        'export async function repo(name: string) {',
        '  return (await github.get(`/repos/${name}`)).data;',
        '}',
        'export async function star(name: string) {',
        '  await github.put(`/user/starred/${name}`);',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'axios.create whose requests pass their own timeout but one: still reported at the create',
      filename: 'lib/probe.js',
      code: [
        "const axios = require('axios');",
        "const http = axios.create({ adapter: 'http' });",
        'async function probe(url, timeout) {',
        "  return http.get(url, { ...(timeout && { timeout }) });",
        '}',
        'async function send(url, body) {',
        '  return http.post(url, body);',
        '}',
        'module.exports = { probe, send };',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missingOnInstance', line: 2, column: 14 }],
      unsafeOutput: "const axios = require('axios');\nconst http = axios.create({ adapter: 'http', timeout: 10_000 });\nasync function probe(url, timeout) {\n  return http.get(url, { ...(timeout && { timeout }) });\n}\nasync function send(url, body) {\n  return http.post(url, body);\n}\nmodule.exports = { probe, send };\n",
    },
    {
      name: 'got.extend with defaults but no timeout: every request of the instance waits forever (uppy-companion)',
      code: "import got from 'got';\nexport const zoom = got.extend({ prefixUrl: 'https://zoom.us/v2', headers: { 'user-agent': 'companion' } });\nexport const me = () => zoom.get('users/me').json();\n",
      errors: [{ messageId: 'missingOnInstance', line: 2, column: 21 }],
      unsafeOutput: "import got from 'got';\nexport const zoom = got.extend({ prefixUrl: 'https://zoom.us/v2', headers: { 'user-agent': 'companion' }, timeout: { request: 10_000 } });\nexport const me = () => zoom.get('users/me').json();\n",
    },
    {
      name: 'axios.create with no options at all',
      code: "import axios from 'axios';\nexport const client = axios.create();\n",
      errors: [{ messageId: 'missingOnInstance', line: 2, column: 23 }],
      unsafeOutput: "import axios from 'axios';\nexport const client = axios.create({ timeout: 10_000 });\n",
    },
    {
      name: 'axios.post without a body gets an undefined body before the config',
      code: "import axios from 'axios';\nexport const trigger = (url: string) => axios.post(url);\n",
      errors: [{ messageId: 'missing', line: 2, column: 41 }],
      unsafeOutput: "import axios from 'axios';\nexport const trigger = (url: string) => axios.post(url, undefined, { timeout: 10_000 });\n",
    },
    {
      name: 'axios.post with arguments one per line',
      code: [
        "import axios from 'axios';",
        'export async function report(url: string, payload: object) {',
        '  await axios.post(',
        '    url,',
        '    payload,',
        '  );',
        '}',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', line: 3, column: 9, endLine: 6, endColumn: 4 }],
      unsafeOutput: [
        "import axios from 'axios';",
        'export async function report(url: string, payload: object) {',
        '  await axios.post(',
        '    url,',
        '    payload,',
        '    { timeout: 10_000 },',
        '  );',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'axios timeout: 0 means no timeout',
      code: "import axios from 'axios';\nexport const slow = () => axios.get('https://reports.internal/big', { timeout: 0 });\n",
      errors: [{ messageId: 'missing', line: 2, column: 27 }],
      unsafeOutput: "import axios from 'axios';\nexport const slow = () => axios.get('https://reports.internal/big', { timeout: 10_000 });\n",
    },
    {
      name: 'axios called as a function with a config object (CommonJS)',
      filename: 'src/sync.cjs',
      code: "const axios = require('axios');\n\nmodule.exports = async function sync(url) {\n  return axios({ method: 'get', url });\n};\n",
      errors: [{ messageId: 'missing', line: 4, column: 10 }],
      unsafeOutput: "const axios = require('axios');\n\nmodule.exports = async function sync(url) {\n  return axios({ method: 'get', url, timeout: 10_000 });\n};\n",
    },
    {
      name: 'got as TypeScript compiles it: `(0, got_1.default)(…)` through `__importDefault(require(…))`',
      filename: 'src/changelog.js',
      code: "const got_1 = __importDefault(require('got'));\nasync function releases() {\n  return (0, got_1.default)('https://api.github.com/repos/o/r/releases', { responseType: 'json' });\n}\nexports.releases = releases;\n",
      errors: [{ messageId: 'missing', line: 3, column: 10, data: { callee: 'got_1.default()', bound: 'timeout: { request: 10_000 }', alternative: '', consequence: 'A server that stops answering (or trickles its body) holds the request, its socket and everything waiting on it forever; in a service such calls pile up until sockets or memory run out.' } }],
      unsafeOutput: "const got_1 = __importDefault(require('got'));\nasync function releases() {\n  return (0, got_1.default)('https://api.github.com/repos/o/r/releases', { responseType: 'json', timeout: { request: 10_000 } });\n}\nexports.releases = releases;\n",
    },
    {
      name: 'got without a timeout',
      code: "import got from 'got';\nexport const page = (url: string) => got(url).text();\n",
      errors: [{ messageId: 'missing', line: 2, column: 38, endLine: 2, endColumn: 46 }],
      unsafeOutput: "import got from 'got';\nexport const page = (url: string) => got(url, { timeout: { request: 10_000 } }).text();\n",
    },
    {
      name: 'https.get with only a callback',
      code: "import https from 'node:https';\n\nexport function download(url: string) {\n  https.get(url, (res) => {\n    res.resume();\n  });\n}\n",
      errors: [{
        messageId: 'missing', data: { callee: 'https.get()', consequence: HTTP_WHY, bound: 'signal: AbortSignal.timeout(10_000)', alternative: HTTP_ALTERNATIVE },
        line: 4, column: 3, endLine: 6, endColumn: 5,
      }],
      unsafeOutput: "import https from 'node:https';\n\nexport function download(url: string) {\n  https.get(url, { signal: AbortSignal.timeout(10_000) }, (res) => {\n    res.resume();\n  });\n}\n",
    },
    {
      name: 'http.request kept in a variable and never bounded (CommonJS)',
      filename: 'src/ping.js',
      code: "const http = require('http');\n\nfunction ping(host) {\n  const req = http.request({ host, path: '/health' });\n  req.end();\n  return req;\n}\nmodule.exports = { ping };\n",
      errors: [{ messageId: 'missing', line: 4, column: 15 }],
      unsafeOutput: "const http = require('http');\n\nfunction ping(host) {\n  const req = http.request({ host, path: '/health', signal: AbortSignal.timeout(10_000) });\n  req.end();\n  return req;\n}\nmodule.exports = { ping };\n",
    },
    {
      name: 'child_process.exec with a callback: async, so the event loop keeps running',
      code: "import { exec } from 'child_process';\n\nexport function backup(cb: (err: Error | null) => void) {\n  exec('rsync -a data/ backup.internal:/srv', (err) => cb(err));\n}\n",
      errors: [{ messageId: 'missing', data: { callee: 'exec()', consequence: CHILD_WHY, bound: 'timeout: 60_000', alternative: '' }, line: 4, column: 3, endLine: 4, endColumn: 64 }],
      unsafeOutput: "import { exec } from 'child_process';\n\nexport function backup(cb: (err: Error | null) => void) {\n  exec('rsync -a data/ backup.internal:/srv', { timeout: 60_000 }, (err) => cb(err));\n}\n",
    },
    {
      // Issue 9: a 10 s signal on a tarball upload; a JSON body keeps the default.
      name: 'fetch uploading a stream: reported, no default bound; a JSON body gets one',
      filename: 'src/publish.js',
      code: "const fs = require('node:fs');\n\nasync function publish(url, file, meta) {\n  await fetch(url, { method: 'PUT', body: fs.createReadStream(file), duplex: 'half' });\n  await fetch(url + '/meta', { method: 'POST', body: JSON.stringify(meta) });\n}\nmodule.exports = { publish };\n",
      errors: [
        { messageId: 'missing', line: 4, column: 9, fixes: [] },
        { messageId: 'missing', line: 5, column: 9 },
      ],
      unsafeOutput: "const fs = require('node:fs');\n\nasync function publish(url, file, meta) {\n  await fetch(url, { method: 'PUT', body: fs.createReadStream(file), duplex: 'half' });\n  await fetch(url + '/meta', { method: 'POST', body: JSON.stringify(meta), signal: AbortSignal.timeout(10_000) });\n}\nmodule.exports = { publish };\n"
    },
    {
      name: 'a container run by the local Docker daemon does what its image does: still reported',
      filename: 'lib/probe.js',
      code: "const { exec } = require('child_process');\nfunction probe(cb) {\n  exec('docker run --rm curlimages/curl https://status.example', (err) => cb(err));\n}\nmodule.exports = { probe };\n",
      errors: [{ messageId: 'missing', data: { callee: 'exec()', consequence: CHILD_WHY, bound: 'timeout: 60_000', alternative: '' }, line: 3, column: 3 }],
      unsafeOutput: "const { exec } = require('child_process');\nfunction probe(cb) {\n  exec('docker run --rm curlimages/curl https://status.example', { timeout: 60_000 }, (err) => cb(err));\n}\nmodule.exports = { probe };\n",
    },
    {
      name: 'a command held in a var that is assigned again is not read: still reported',
      filename: 'lib/sync.js',
      code: "const { execSync } = require('child_process');\nfunction sync(remote) {\n  var cmd = 'tar zcf out.tgz data';\n  if (remote) cmd = 'rsync -a data/ ' + remote + ':/srv';\n  execSync(cmd);\n}\nmodule.exports = { sync };\n",
      errors: [{ messageId: 'missing', data: { callee: 'execSync()', consequence: SYNC_CHILD_WHY, bound: 'timeout: 60_000', alternative: '' }, line: 5, column: 3 }],
      unsafeOutput: "const { execSync } = require('child_process');\nfunction sync(remote) {\n  var cmd = 'tar zcf out.tgz data';\n  if (remote) cmd = 'rsync -a data/ ' + remote + ':/srv';\n  execSync(cmd, { timeout: 60_000 });\n}\nmodule.exports = { sync };\n",
    },
    {
      name: 'execSync in a command-line program that ends itself: the message speaks of the program, not of requests and health checks',
      filename: 'bin/release.js',
      code: "#!/usr/bin/env node\nconst { execSync } = require('node:child_process');\nexecSync('git push origin main');\nprocess.exit(0);\n",
      errors: [{ messageId: 'missing', data: { callee: 'execSync()', consequence: SYNC_CHILD_IN_PROGRAM, bound: 'timeout: 60_000', alternative: '' }, line: 3, column: 1 }],
      unsafeOutput: "#!/usr/bin/env node\nconst { execSync } = require('node:child_process');\nexecSync('git push origin main', { timeout: 60_000 });\nprocess.exit(0);\n",
    },
    {
      name: 'stdin piped and only the output inherited: nobody can stop the child from the terminal, still reported',
      filename: 'src/sync.cjs',
      code: "const { execSync } = require('node:child_process');\nexecSync('git ls-remote origin HEAD', { stdio: ['pipe', 1, 2] });\n",
      errors: [{ messageId: 'missing', data: { callee: 'execSync()', consequence: SYNC_CHILD_WHY, bound: 'timeout: 60_000', alternative: '' }, line: 2, column: 1 }],
      unsafeOutput: "const { execSync } = require('node:child_process');\nexecSync('git ls-remote origin HEAD', { stdio: ['pipe', 1, 2], timeout: 60_000 });\n",
    },
    {
      name: 'the same programs without a deadline option (curl -c names a cookie jar): reported',
      filename: 'lib/utils.js',
      code: "const { exec, execSync } = require('child_process');\nexports.ping = function (host, cb) {\n  exec('ping ' + host, (err) => cb(!err));\n};\nexports.fetchStatus = () => execSync('curl -s -c 10 https://status.example.com');\n",
      errors: [
        { messageId: 'missing', line: 3, column: 3 },
        { messageId: 'missing', data: { callee: 'execSync()', consequence: SYNC_CHILD_WHY, bound: 'timeout: 60_000', alternative: '' }, line: 5, column: 29 },
      ],
      unsafeOutput: "const { exec, execSync } = require('child_process');\nexports.ping = function (host, cb) {\n  exec('ping ' + host, { timeout: 60_000 }, (err) => cb(!err));\n};\nexports.fetchStatus = () => execSync('curl -s -c 10 https://status.example.com', { timeout: 60_000 });\n",
    },
    {
      name: 'an imported client kept in a field, or the caller\'s injected one falling back to it (opts.request || request): reported through the field',
      filename: 'src/lib/explorer.ts',
      files: { 'package.json': '{ "name": "wallet-service", "dependencies": { "request-promise-native": "1.0.9" } }' },
      code: "import request from 'request-promise-native';\nexport class V8 {\n  request: any;\n  constructor(opts: { request?: any }) {\n    this.request = opts.request || request;\n  }\n  getTx(id: string) {\n    return this.request.get('https://api.example.com/tx/' + id, { json: true });\n  }\n}\nexport class Server {\n  request: any;\n  constructor() {\n    this.request = request;\n  }\n  getTx(id: string) {\n    return this.request.get('https://api.example.com/tx/' + id, { json: true });\n  }\n}\n",
      errors: [{ messageId: 'missing', line: 8, column: 12 }, { messageId: 'missing', line: 17, column: 12 }],
      output: null,
      unsafeOutput: "import request from 'request-promise-native';\nexport class V8 {\n  request: any;\n  constructor(opts: { request?: any }) {\n    this.request = opts.request || request;\n  }\n  getTx(id: string) {\n    return this.request.get('https://api.example.com/tx/' + id, { json: true, timeout: 10_000 });\n  }\n}\nexport class Server {\n  request: any;\n  constructor() {\n    this.request = request;\n  }\n  getTx(id: string) {\n    return this.request.get('https://api.example.com/tx/' + id, { json: true, timeout: 10_000 });\n  }\n}\n",
    },
    {
      name: '`git remote update` fetches from every remote: reported',
      filename: 'src/update.cjs',
      code: "const { execSync } = require('node:child_process');\nexecSync('git remote update');\n",
      errors: [{ messageId: 'missing', data: { callee: 'execSync()', consequence: SYNC_CHILD_WHY, bound: 'timeout: 60_000', alternative: '' }, line: 2, column: 1 }],
      unsafeOutput: "const { execSync } = require('node:child_process');\nexecSync('git remote update', { timeout: 60_000 });\n",
    },
    {
      name: 'execSync from a destructured node: require, asking a remote',
      filename: 'src/version.cjs',
      code: "const { execSync } = require('node:child_process');\nconst sha = execSync('git ls-remote origin HEAD').toString().trim();\nmodule.exports = { sha };\n",
      errors: [{ messageId: 'missing', data: { callee: 'execSync()', consequence: SYNC_CHILD_WHY, bound: 'timeout: 60_000', alternative: '' }, line: 2, column: 13, endLine: 2, endColumn: 50 }],
      unsafeOutput: "const { execSync } = require('node:child_process');\nconst sha = execSync('git ls-remote origin HEAD', { timeout: 60_000 }).toString().trim();\nmodule.exports = { sha };\n",
    },
    {
      name: 'execFile with arguments and a callback',
      code: "import * as cp from 'node:child_process';\nexport const toJpg = (done) => cp.execFile('convert', ['in.png', 'out.jpg'], (err) => {\n  if (err) console.error(err);\n  done(err);\n});\n",
      errors: [{ messageId: 'missing', line: 2, column: 32 }],
      unsafeOutput: "import * as cp from 'node:child_process';\nexport const toJpg = (done) => cp.execFile('convert', ['in.png', 'out.jpg'], { timeout: 60_000 }, (err) => {\n  if (err) console.error(err);\n  done(err);\n});\n",
    },
    {
      name: "the same wait on the socket's 'close' instead of the signal's 'abort': a wait on the peer",
      filename: 'lib/client.js',
      code: "const { once } = require('node:events');\nclass Client {\n  call(method, params, options = {}) {\n    const pending = { abort: (reason) => this.reject(reason) };\n    if (options.signal) {\n      once(this.socket, 'close').then(() => {\n        pending.abort(options.signal.reason);\n      });\n    }\n    return this.send(method, params, pending);\n  }\n}\nmodule.exports = Client;\n",
      errors: [{ messageId: 'missing', line: 6, column: 7 }],
      unsafeOutput: "const { once } = require('node:events');\nclass Client {\n  call(method, params, options = {}) {\n    const pending = { abort: (reason) => this.reject(reason) };\n    if (options.signal) {\n      once(this.socket, 'close', { signal: AbortSignal.timeout(30_000) }).then(() => {\n        pending.abort(options.signal.reason);\n      });\n    }\n    return this.send(method, params, pending);\n  }\n}\nmodule.exports = Client;\n",
    },
    {
      name: 'events.once without a signal',
      code: "import { once } from 'node:events';\nimport type { Server } from 'node:net';\n\nexport async function listening(server: Server) {\n  await once(server, 'listening');\n}\n",
      errors: [{ messageId: 'missing', data: { callee: 'once()', consequence: EVENT_WHY, bound: 'signal: AbortSignal.timeout(30_000)', alternative: '' }, line: 5, column: 9 }],
      unsafeOutput: "import { once } from 'node:events';\nimport type { Server } from 'node:net';\n\nexport async function listening(server: Server) {\n  await once(server, 'listening', { signal: AbortSignal.timeout(30_000) });\n}\n",
    },
    {
      name: 'pg Pool with an empty config',
      code: "import { Pool } from 'pg';\nexport const pool = new Pool({});\n",
      errors: [{ messageId: 'missing', data: { callee: 'new Pool()', consequence: DB_WHY, bound: 'connectionTimeoutMillis: 5_000', alternative: '' }, line: 2, column: 21, endLine: 2, endColumn: 33 }],
      unsafeOutput: "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionTimeoutMillis: 5_000 });\n",
    },
    {
      name: 'pg Pool through the default import, no arguments',
      code: "import pg from 'pg';\n\nexport class UserRepository {\n  private readonly pool = new pg.Pool();\n  find(id: string) {\n    return this.pool.query('select * from users where id = $1', [id]);\n  }\n}\n",
      errors: [{ messageId: 'missing', line: 4, column: 27, endLine: 4, endColumn: 40 }],
      unsafeOutput: "import pg from 'pg';\n\nexport class UserRepository {\n  private readonly pool = new pg.Pool({ connectionTimeoutMillis: 5_000 });\n  find(id: string) {\n    return this.pool.query('select * from users where id = $1', [id]);\n  }\n}\n",
    },
    {
      name: 'pg query timeout required by option',
      code: "import { Client } from 'pg';\nexport const client = new Client({ connectionTimeoutMillis: 3000 });\n",
      options: { requireQueryTimeout: true },
      errors: [{
        message: '`new Client()` sets no query time limit: add `query_timeout: 30_000`.\nNeither `statement_timeout` nor `query_timeout` is set. A query stuck on a lock or a dead connection holds its client forever; once every client is held, the service stops answering.',
        line: 2, column: 23,
      }],
      unsafeOutput: "import { Client } from 'pg';\nexport const client = new Client({ connectionTimeoutMillis: 3000, query_timeout: 30_000 });\n",
    },
    {
      name: 'pg connect and query bounds both missing',
      code: "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 20 });\n",
      options: { requireQueryTimeout: true },
      errors: [
        { messageId: 'missing', line: 2, column: 21 },
        { messageId: 'missingQueryTimeout', line: 2, column: 21 },
      ],
      unsafeOutput: "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 20, connectionTimeoutMillis: 5_000, query_timeout: 30_000 });\n",
    },
    {
      name: 'configured timeouts are used in the fix',
      code: "export const health = () => fetch('http://api.internal:8080/health');\n",
      config: { timeouts: { http: 2500 } },
      errors: [{ messageId: 'missing', line: 1, column: 29 }],
      unsafeOutput: "export const health = () => fetch('http://api.internal:8080/health', { signal: AbortSignal.timeout(2_500) });\n",
    },
    {
      name: 'a company HTTP client taught through config libraries',
      code: "import { request as acme } from '@acme/http';\n\nexport async function me() {\n  return acme('/me', { retries: 2 });\n}\n",
      config: ACME_LIBRARY,
      errors: [{ messageId: 'missing', data: { callee: 'acme()', consequence: HTTP_WHY, bound: 'timeoutMs: 10_000', alternative: '' }, line: 4, column: 10 }],
      unsafeOutput: "import { request as acme } from '@acme/http';\n\nexport async function me() {\n  return acme('/me', { retries: 2, timeoutMs: 10_000 });\n}\n",
      typecheck: false,
    },
    {
      name: 'a timer beside the connect that only logs: nothing ends the socket',
      code: "import net from 'node:net';\nexport function connectSlowly(host: string, port: number) {\n  const socket = net.createConnection({ host, port });\n  setTimeout(() => console.warn('still connecting to', host), 5000);\n  return socket;\n}\n",
      errors: [{ messageId: 'missingSocket', line: 3, column: 18 }],
      output: null,
      unsafeOutput: "import net from 'node:net';\nexport function connectSlowly(host: string, port: number) {\n  const socket = net.createConnection({ host, port });\n  socket.setTimeout(10_000, () => socket.destroy(new Error('Timed out connecting')));\n  socket.once('connect', () => socket.setTimeout(0));\n  setTimeout(() => console.warn('still connecting to', host), 5000);\n  return socket;\n}\n",
    },
    {
      name: 'net.connect with a port: flagged; the connect bound goes after the statement that names the socket',
      code: "import net from 'node:net';\nexport const socket = net.connect(6379, 'cache.internal');\n",
      errors: [{ messageId: 'missingSocket', data: { callee: 'net.connect()', consequence: SOCKET_WHY, within: '10 s' }, line: 2, column: 23 }],
      output: null,
      unsafeOutput: "import net from 'node:net';\nexport const socket = net.connect(6379, 'cache.internal');\nsocket.setTimeout(10_000, () => socket.destroy(new Error('Timed out connecting')));\nsocket.once('connect', () => socket.setTimeout(0));\n",
    },
    {
      name: 'in an Express handler',
      code: [
        "import express from 'express';",
        "import axios from 'axios';",
        '',
        'const app = express();',
        "app.get('/profile/:id', async (req, res) => {",
        '  const profile = await axios.get(`https://profiles.internal/${req.params.id}`, {',
        "    headers: { authorization: req.headers.authorization ?? '' },",
        '  });',
        '  res.json(profile.data);',
        '});',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', line: 6, column: 25, endLine: 8, endColumn: 5 }],
      unsafeOutput: [
        "import express from 'express';",
        "import axios from 'axios';",
        '',
        'const app = express();',
        "app.get('/profile/:id', async (req, res) => {",
        '  const profile = await axios.get(`https://profiles.internal/${req.params.id}`, {',
        "    headers: { authorization: req.headers.authorization ?? '' },",
        '    timeout: 10_000,',
        '  });',
        '  res.json(profile.data);',
        '});',
        '',
      ].join('\n'),
      typecheck: false,
    },
    {
      name: 'a worker loop: the fix keeps tabs and no semicolons',
      code: "import { request } from 'undici'\n\nexport async function drain(queue: string[]) {\n\tfor (const url of queue) {\n\t\tawait request(url, { method: 'POST' })\n\t}\n}\n",
      errors: [{ messageId: 'missing', line: 5, column: 9 }],
      unsafeOutput: "import { request } from 'undici'\n\nexport async function drain(queue: string[]) {\n\tfor (const url of queue) {\n\t\tawait request(url, { method: 'POST', signal: AbortSignal.timeout(10_000) })\n\t}\n}\n",
    },
    // ---- Child processes that do wait on a peer ----
    {
      name: 'a notification tool run per alert: sync, so the event loop waits too',
      filename: 'src/apprise.js',
      code: "const childProcess = require('child_process');\n\nfunction send(url, body) {\n  return childProcess.spawnSync('apprise', ['-vv', '-b', body, url]);\n}\nmodule.exports = { send };\n",
      errors: [{ messageId: 'missing', data: { callee: 'childProcess.spawnSync()', consequence: SYNC_CHILD_WHY, bound: 'timeout: 60_000', alternative: '' }, line: 4, column: 10 }],
      unsafeOutput: "const childProcess = require('child_process');\n\nfunction send(url, body) {\n  return childProcess.spawnSync('apprise', ['-vv', '-b', body, url], { timeout: 60_000 });\n}\nmodule.exports = { send };\n",
    },
    {
      name: 'a wrapper one of whose callers passes a network command',
      filename: 'lib/remote.js',
      code: [
        "const { exec } = require('child_process');",
        '',
        'function command(cmd) {',
        '  return new Promise((resolve) => exec(cmd, (err, stdout) => resolve(stdout)));',
        '}',
        "const commit = () => command('git rev-parse HEAD');",
        "const remoteHead = () => command('git ls-remote origin HEAD');",
        'module.exports = { commit, remoteHead };',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', line: 4, column: 35 }],
      unsafeOutput: [
        "const { exec } = require('child_process');",
        '',
        'function command(cmd) {',
        '  return new Promise((resolve) => exec(cmd, { timeout: 60_000 }, (err, stdout) => resolve(stdout)));',
        '}',
        "const commit = () => command('git rev-parse HEAD');",
        "const remoteHead = () => command('git ls-remote origin HEAD');",
        'module.exports = { commit, remoteHead };',
        '',
      ].join('\n'),
    },
    {
      name: 'requireLocalCommandTimeout: local queries reported too',
      filename: 'src/version.cjs',
      code: "const { execSync } = require('node:child_process');\nmodule.exports.sha = execSync('git rev-parse HEAD').toString().trim();\n",
      options: { requireLocalCommandTimeout: true },
      errors: [{ messageId: 'missing', line: 2, column: 22 }],
      unsafeOutput: "const { execSync } = require('node:child_process');\nmodule.exports.sha = execSync('git rev-parse HEAD', { timeout: 60_000 }).toString().trim();\n",
    },
    // ---- Sockets to peers ----
    {
      name: 'a socket to a peer with keep-alive turned off, and one with none',
      filename: 'lib/tunnel.js',
      code: [
        "const net = require('net');",
        '',
        'function open(opt) {',
        '  const remote = net.connect({ host: opt.remote_host, port: opt.remote_port });',
        '  remote.setKeepAlive(false);',
        '  const relay = net.connect({ host: opt.relay_host, port: 1935 });',
        '  return [remote, relay];',
        '}',
        'module.exports = { open };',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missingSocket', line: 4, column: 18 }, { messageId: 'missingSocket', line: 6, column: 17 }],
      unsafeOutput: "const net = require('net');\n\nfunction open(opt) {\n  const remote = net.connect({ host: opt.remote_host, port: opt.remote_port });\n  remote.setTimeout(10_000, () => remote.destroy(new Error('Timed out connecting')));\n  remote.once('connect', () => remote.setTimeout(0));\n  remote.setKeepAlive(false);\n  const relay = net.connect({ host: opt.relay_host, port: 1935 });\n  relay.setTimeout(10_000, () => relay.destroy(new Error('Timed out connecting')));\n  relay.once('connect', () => relay.setTimeout(0));\n  return [remote, relay];\n}\nmodule.exports = { open };\n",
    },
    // ---- Events nothing forces ----
    {
      name: 'waiting for sockets to drain with nothing that closes them',
      filename: 'src/drain.js',
      code: [
        "const events = require('events');",
        '',
        'async function drain(sockets, socketsEvents) {',
        '  while (sockets.size > 0) {',
        "    await events.once(socketsEvents, 'updated');",
        '  }',
        '}',
        'module.exports = { drain };',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', data: { callee: 'events.once()', consequence: EVENT_WHY, bound: 'signal: AbortSignal.timeout(30_000)', alternative: '' }, line: 5, column: 11 }],
      unsafeOutput: [
        "const events = require('events');",
        '',
        'async function drain(sockets, socketsEvents) {',
        '  while (sockets.size > 0) {',
        "    await events.once(socketsEvents, 'updated', { signal: AbortSignal.timeout(30_000) });",
        '  }',
        '}',
        'module.exports = { drain };',
        '',
      ].join('\n'),
    },
    // ---- Programs nothing else bounds ----
    {
      name: 'a probe script that no HEALTHCHECK runs',
      filename: 'bin/healthcheck.js',
      code: "#!/usr/bin/env node\nconst http = require('http');\nhttp.get('http://127.0.0.1:8081/healthcheck', (res) => process.exit(res.statusCode === 200 ? 0 : 1));\n",
      files: {
        'package.json': '{ "name": "app", "main": "server.js" }\n',
        Dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
      },
      errors: [{ messageId: 'missing', line: 3, column: 1 }],
      unsafeOutput: "#!/usr/bin/env node\nconst http = require('http');\nhttp.get('http://127.0.0.1:8081/healthcheck', { signal: AbortSignal.timeout(10_000) }, (res) => process.exit(res.statusCode === 200 ? 0 : 1));\n",
    },
    {
      name: 'a worker process a package script runs from a tooling folder is the product',
      filename: 'scripts/worker.js',
      code: "const axios = require('axios');\nsetInterval(() => axios.post('https://hooks.example/ping'), 60_000);\n",
      files: { 'package.json': '{ "name": "app", "scripts": { "start": "node server.js", "worker": "node scripts/worker.js" } }\n' },
      errors: [{ messageId: 'missing', line: 2, column: 19 }],
      unsafeOutput: "const axios = require('axios');\nsetInterval(() => axios.post('https://hooks.example/ping', undefined, { timeout: 10_000 }), 60_000);\n",
    },
    {
      name: 'a program in a (linted) tooling folder that a Procfile runs is the product',
      filename: 'tools/sync.js',
      code: "const axios = require('axios');\nsetInterval(() => axios.post('https://hooks.example/ping'), 60_000);\n",
      files: {
        'package.json': '{ "name": "app", "bin": { "app": "./tools/cli.js" }, "scripts": { "start": "node server.js" } }\n',
        'tools/cli.js': '#!/usr/bin/env node\nconsole.log(1);\n',
        Procfile: 'web: node server.js\nsync: node tools/sync.js\n',
      },
      errors: [{ messageId: 'missing', line: 2, column: 19 }],
      unsafeOutput: "const axios = require('axios');\nsetInterval(() => axios.post('https://hooks.example/ping', undefined, { timeout: 10_000 }), 60_000);\n",
    },
    {
      name: 'a program in a (linted) tooling folder that a pm2 app runs is the product',
      filename: 'tools/sync.js',
      code: "const axios = require('axios');\nsetInterval(() => axios.post('https://hooks.example/ping'), 60_000);\n",
      files: {
        'package.json': '{ "name": "app", "bin": { "app": "./tools/cli.js" }, "scripts": { "start": "node server.js" } }\n',
        'tools/cli.js': '#!/usr/bin/env node\nconsole.log(1);\n',
        'ecosystem.config.json': '{ "apps": [{ "name": "sync", "script": "tools/sync.js" }] }\n',
      },
      errors: [{ messageId: 'missing', line: 2, column: 19 }],
      unsafeOutput: "const axios = require('axios');\nsetInterval(() => axios.post('https://hooks.example/ping', undefined, { timeout: 10_000 }), 60_000);\n",
    },
    {
      name: 'the bin in a tooling folder, and a module it loads, are the product',
      filename: 'extra/lib.js',
      code: "const https = require('https');\nmodule.exports.latest = (cb) => https.get('https://registry.example/app', cb);\n",
      files: {
        'package.json': '{ "name": "app", "bin": { "app": "./extra/cli.js" } }\n',
        'extra/cli.js': "#!/usr/bin/env node\nrequire('./lib.js').latest(() => {});\n",
      },
      errors: [{ messageId: 'missing', line: 2, column: 33 }],
      unsafeOutput: "const https = require('https');\nmodule.exports.latest = (cb) => https.get('https://registry.example/app', { signal: AbortSignal.timeout(10_000) }, cb);\n",
    },
    {
      name: 'a backup step in scripts/ that the runtime loads by a computed path is the product (iobroker.backitup, check 53)',
      filename: 'build/lib/scripts/01-mount.js',
      code: "const cp = require('node:child_process');\nasync function execAsync(cmd) {\n  return new Promise((resolve) => { cp.exec(cmd, (error, stdout) => resolve({ error, stdout })); });\n}\nexports.run = (ctx, options) => execAsync(`mount -t cifs ${options.share} ${ctx.backupDir}`);\n",
      files: {
        'package.json': '{ "name": "iobroker.backitup", "main": "build/main.js" }\n',
        'build/main.js': "require('./lib/execute');\n",
        'build/lib/execute.js': "const fs = require('node:fs');\nconst scripts = {};\nfor (const file of fs.readdirSync(`${__dirname}/scripts`)) scripts[file] = require(`${__dirname}/scripts/${file}`);\nmodule.exports = scripts;\n",
      },
      errors: [{ messageId: 'missing', line: 3, column: 37 }],
      unsafeOutput: "const cp = require('node:child_process');\nasync function execAsync(cmd) {\n  return new Promise((resolve) => { cp.exec(cmd, { timeout: 60_000 }, (error, stdout) => resolve({ error, stdout })); });\n}\nexports.run = (ctx, options) => execAsync(`mount -t cifs ${options.share} ${ctx.backupDir}`);\n",
    },
    // ---- Options bound in view, without a bound ----
    {
      name: 'a function-local options literal: the fix adds the bound to it',
      filename: 'src/webhook.js',
      code: [
        "const axios = require('axios');",
        '',
        'async function send(url, data, extraHeaders) {',
        '  let config = {',
        '    headers: {},',
        '  };',
        '  if (extraHeaders) config.headers = { ...config.headers, ...extraHeaders };',
        '  await axios.post(url, data, config);',
        '}',
        'module.exports = { send };',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', data: { callee: 'axios.post()', consequence: HTTP_WHY, bound: 'timeout: 10_000', alternative: '' }, line: 8, column: 9 }],
      unsafeOutput: [
        "const axios = require('axios');",
        '',
        'async function send(url, data, extraHeaders) {',
        '  let config = {',
        '    headers: {},',
        '    timeout: 10_000,',
        '  };',
        '  if (extraHeaders) config.headers = { ...config.headers, ...extraHeaders };',
        '  await axios.post(url, data, config);',
        '}',
        'module.exports = { send };',
        '',
      ].join('\n'),
    },
    {
      name: 'one options literal shared by several calls: each reported, no fix',
      filename: 'src/alerta.js',
      code: [
        "const axios = require('axios');",
        '',
        'async function send(url, up, payload) {',
        "  const config = { headers: { 'Content-Type': 'application/json' } };",
        '  if (up) await axios.post(url, { ...payload, severity: "ok" }, config);',
        '  else await axios.post(url, { ...payload, severity: "critical" }, config);',
        '}',
        'module.exports = { send };',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', line: 5, column: 17 }, { messageId: 'missing', line: 6, column: 14 }],
      output: null,
    },
    {
      name: 'a module-private constructor every call of which passes a literal with no timeout: the options are in view (hoxy)',
      filename: 'lib/cycle.js',
      code: [
        "var http = require('http');",
        '',
        'function ProvisionableRequest(opts) {',
        '  if (opts.proxy) opts.hostname = opts.proxy;',
        '  this._writable = http.request(opts, this._respProm.resolve);',
        '}',
        'exports.serve = function (req) {',
        "  return new ProvisionableRequest({ hostname: req.hostname, port: req.port, method: req.method, path: req.url });",
        '};',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', line: 5, column: 20 }],
      output: null,
    },
    {
      name: 'a function-local options literal also handed to a function of this file that adds headers and makes the same request: both reported, no fix (npm-proxy-cache)',
      filename: 'lib/proxy.js',
      code: [
        "const request = require('request');",
        '',
        'function bypass(req, res, params) {',
        '  const onEnd = function (params, res) {',
        "    return request(params).on('error', () => {}).pipe(res);",
        '  };',
        "  req.on('end', function () {",
        '    params.method = req.method;',
        "    params.headers = { 'Content-Type': req.headers['content-type'] };",
        '    onEnd(params, res);',
        '  });',
        '}',
        'exports.httpHandler = function (req, res) {',
        '  const params = { headers: {}, rejectUnauthorized: false, url: req.url };',
        "  params.headers['x-cycle'] = 1;",
        "  if (req.method !== 'GET') return bypass(req, res, params);",
        '  cache.meta(req.url, function (err, meta) {',
        '    const r = request(params);',
        "    r.on('response', () => {});",
        '  });',
        '};',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', line: 5, column: 12 }, { messageId: 'missing', line: 18, column: 15 }],
      output: null,
    },
    {
      name: 'a request options literal also handed to an error class of this file that only copies it: reported',
      filename: 'lib/helpers/request.js',
      code: [
        "const https = require('https');",
        '',
        'class RequestFailedError extends Error {',
        '  constructor(options, res) {',
        '    super(`Got status ${res.statusCode} when invoking ${options.path}`);',
        '    Object.assign(this, options);',
        '  }',
        '}',
        'module.exports = function request(options) {',
        '  return new Promise((resolve, reject) => {',
        "    const requestOptions = { method: options.method || 'GET', host: options.host, path: options.path };",
        '    const client = https.request(requestOptions, (res) => {',
        '      if (res.statusCode !== 200) reject(new RequestFailedError(requestOptions, res));',
        '      else resolve(res);',
        '    });',
        "    client.on('error', reject);",
        '    client.end();',
        '  });',
        '};',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', line: 12, column: 20 }],
      output: null,
    },
    {
      name: 'a `var` given an options literal on each branch of an if, none with a bound, then mutated: reported, no fix (webpagetest)',
      filename: 'lib/webpagetest.js',
      code: [
        "var http = require('http');",
        "var https = require('https');",
        '',
        'function get(config, pathname, proxy, agent, callback) {',
        '  var protocol, options;',
        '  if (proxy) {',
        "    protocol = proxy.protocol === 'https:' ? https : http;",
        '    options = { host: proxy.hostname, port: proxy.port, path: pathname, headers: { Host: config.hostname } };',
        '  } else {',
        "    protocol = config.protocol === 'https:' ? https : http;",
        '    options = { path: pathname, host: config.hostname, port: config.port, headers: {} };',
        '  }',
        "  options.headers['X-API-KEY'] = config.key;",
        '  if (agent) options.agent = agent;',
        '  var request = protocol.request(options, function (res) { callback(null, res); });',
        "  request.on('error', callback);",
        '  request.end();',
        '}',
        'module.exports = { get };',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', line: 15, column: 17 }],
      output: null,
    },
    {
      name: 'a module picked from a table of modules (`REQUEST_LIBS = { http, https }`, then `REQUEST_LIBS[config.protocol]`): reported (mixpanel, check 54)',
      filename: 'lib/mixpanel-node.js',
      code: "const http = require('http');\nconst https = require('https');\nfunction Mixpanel(config) {\n  const REQUEST_LIBS = { http, https };\n  return {\n    send(body) {\n      const request_lib = REQUEST_LIBS[config.protocol];\n      const request_options = { host: config.host, method: 'POST' };\n      const request = request_lib.request(request_options, (res) => res.resume());\n      request.end(body);\n    },\n  };\n}\nmodule.exports = { Mixpanel };\n",
      errors: [{ messageId: 'missing', line: 9, column: 23 }],
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'a local name for one of two modules (`var h = secure ? https : http`) calls what both name: reported',
      filename: 'lib/fetch.js',
      code: "var http = require('http');\nvar https = require('https');\nexports.get = function (u, secure, done) {\n  var h = secure ? https : http;\n  return h.request({ hostname: u }, done);\n};\n",
      errors: [{ messageId: 'missing', line: 5, column: 10 }],
      output: null,
      unsafeOutput: "var http = require('http');\nvar https = require('https');\nexports.get = function (u, secure, done) {\n  var h = secure ? https : http;\n  return h.request({ hostname: u, signal: AbortSignal.timeout(10_000) }, done);\n};\n",
    },
    {
      name: "Babel's two-step interop import (`_http2 = _interopRequireDefault(_http)`, then `_http2['default'].get`): reported",
      filename: 'lib/fetch.js',
      code: "'use strict';\nvar _interopRequireDefault = require('babel-runtime/helpers/interop-require-default')['default'];\nvar _http = require('http');\nvar _http2 = _interopRequireDefault(_http);\nexports.get = function (u, done) {\n  return _http2['default'].get({ hostname: u }, done);\n};\n",
      errors: [{ messageId: 'missing', line: 6, column: 10 }],
      output: null,
      unsafeOutput: "'use strict';\nvar _interopRequireDefault = require('babel-runtime/helpers/interop-require-default')['default'];\nvar _http = require('http');\nvar _http2 = _interopRequireDefault(_http);\nexports.get = function (u, done) {\n  return _http2['default'].get({ hostname: u, signal: AbortSignal.timeout(10_000) }, done);\n};\n",
    },
    {
      name: 'https.request with a var literal and a later agent: reported, no fix (a signal must start at the call)',
      filename: 'lib/client.js',
      code: [
        "var https = require('https');",
        '',
        'function request(host, path, agent, callback) {',
        "  var http_options = { hostname: host, port: 443, method: 'GET', path: path };",
        '  if (agent) {',
        '    http_options.agent = agent;',
        '  }',
        '  var req = https.request(http_options, callback);',
        '  req.end();',
        '}',
        'module.exports = { request };',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', line: 8, column: 13 }],
      output: null,
    },
    {
      name: 'options in a closure over the enclosing function\'s literal (a retry loop)',
      filename: 'lib/tunnel.js',
      code: [
        "const axios = require('axios');",
        '',
        'function init(uri, cb) {',
        "  const params = { responseType: 'json' };",
        '  (function getUrl() {',
        '    axios',
        '      .get(uri, params)',
        '      .then((res) => cb(null, res.data))',
        '      .catch(() => setTimeout(getUrl, 1000));',
        '  })();',
        '}',
        'module.exports = { init };',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', data: { callee: 'axios.get()', consequence: HTTP_WHY, bound: 'timeout: 10_000', alternative: '' }, line: 6, column: 5 }],
      unsafeOutput: [
        "const axios = require('axios');",
        '',
        'function init(uri, cb) {',
        "  const params = { responseType: 'json', timeout: 10_000 };",
        '  (function getUrl() {',
        '    axios',
        '      .get(uri, params)',
        '      .then((res) => cb(null, res.data))',
        '      .catch(() => setTimeout(getUrl, 1000));',
        '  })();',
        '}',
        'module.exports = { init };',
        '',
      ].join('\n'),
    },
    {
      name: 'a spread of a conditional literal whose keys are in view carries no bound',
      code: [
        "import { execFileSync } from 'node:child_process';",
        '',
        'export function runGit(args: string[], cwd?: string): string {',
        "  return execFileSync('git', args, { encoding: 'utf8', ...(cwd ? { cwd } : {}) }).trim();",
        '}',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', line: 4, column: 10 }],
      unsafeOutput: [
        "import { execFileSync } from 'node:child_process';",
        '',
        'export function runGit(args: string[], cwd?: string): string {',
        "  return execFileSync('git', args, { encoding: 'utf8', ...(cwd ? { cwd } : {}), timeout: 60_000 }).trim();",
        '}',
        '',
      ].join('\n'),
    },
    // ---- Modules held where the imports do not show them ----
    {
      name: 'the https module kept on a prototype and called through this',
      filename: 'lib/parse.js',
      code: [
        'function Parse() {}',
        'Parse.prototype = {',
        "  _api_protocol: require('https'),",
        "  find: function (path, cb) { parseRequest.call(this, 'GET', path, cb); },",
        '};',
        'function parseRequest(method, path, cb) {',
        "  var options = { host: 'api.parse.com', port: 443, path: path, method: method };",
        '  var req = this._api_protocol.request(options, cb);',
        '  req.end();',
        '}',
        'module.exports = Parse;',
        '',
      ].join('\n'),
      errors: [{ messageId: 'missing', data: { callee: 'this._api_protocol.request()', consequence: HTTP_WHY, bound: 'signal: AbortSignal.timeout(10_000)', alternative: HTTP_ALTERNATIVE }, line: 8, column: 13 }],
      output: null,
    },
    {
      name: 'a module a method of the file hands back, picked by the URL (this.getModule(url))',
      filename: 'lib/http-utils.js',
      code: "module.exports = {\n  getModule(url) {\n    return url.startsWith('https://') ? require('https') : require('http');\n  },\n  send(url, body, cb) {\n    const client = this.getModule(url);\n    const req = client.request(url, { method: 'POST' }, (res) => cb(null, res.statusCode));\n    req.on('error', cb);\n    req.end(JSON.stringify(body));\n  },\n};\n",
      errors: [{ messageId: 'missing', line: 7, column: 17 }],
      output: null,
      unsafeOutput: "module.exports = {\n  getModule(url) {\n    return url.startsWith('https://') ? require('https') : require('http');\n  },\n  send(url, body, cb) {\n    const client = this.getModule(url);\n    const req = client.request(url, { method: 'POST', signal: AbortSignal.timeout(10_000) }, (res) => cb(null, res.statusCode));\n    req.on('error', cb);\n    req.end(JSON.stringify(body));\n  },\n};\n",
    },
    {
      name: 'got loaded lazily into a module variable, through its named export (an ESM-only library from CommonJS)',
      filename: 'lib/telemetry.js',
      code: "let got;\nasync function ping(metrics) {\n  if (!got) {\n    got = (await import('got')).got;\n  }\n  return got.post('https://telemetry.example.org/ping', { json: metrics, responseType: 'json' }).json();\n}\nmodule.exports = { ping };\n",
      errors: [{ messageId: 'missing', line: 6, column: 10 }],
      output: null,
      unsafeOutput: "let got;\nasync function ping(metrics) {\n  if (!got) {\n    got = (await import('got')).got;\n  }\n  return got.post('https://telemetry.example.org/ping', { json: metrics, responseType: 'json', timeout: { request: 10_000 } }).json();\n}\nmodule.exports = { ping };\n",
    },
    {
      name: 'a module picked by a condition, a local require, and got from a dynamic import',
      filename: 'src/clients.mjs',
      code: [
        "import { createRequire } from 'node:module';",
        'const require = createRequire(import.meta.url);',
        '',
        'export function ping(secure, host) {',
        "  const proto = secure ? require('https') : require('http');",
        "  return proto.get({ host, path: '/ping' }, (res) => res.resume());",
        '}',
        'export function rates() {',
        "  const axios = require('axios');",
        "  return axios.get('https://fx.example/rates');",
        '}',
        'export async function submit(url, body) {',
        "  const { default: got } = await import('got');",
        '  return got.post(url, { json: body });',
        '}',
        '',
      ].join('\n'),
      errors: [
        { messageId: 'missing', line: 6, column: 10 },
        { messageId: 'missing', line: 10, column: 10 },
        { messageId: 'missing', line: 14, column: 10 },
      ],
      unsafeOutput: [
        "import { createRequire } from 'node:module';",
        'const require = createRequire(import.meta.url);',
        '',
        'export function ping(secure, host) {',
        "  const proto = secure ? require('https') : require('http');",
        "  return proto.get({ host, path: '/ping', signal: AbortSignal.timeout(10_000) }, (res) => res.resume());",
        '}',
        'export function rates() {',
        "  const axios = require('axios');",
        "  return axios.get('https://fx.example/rates', { timeout: 10_000 });",
        '}',
        'export async function submit(url, body) {',
        "  const { default: got } = await import('got');",
        '  return got.post(url, { json: body, timeout: { request: 10_000 } });',
        '}',
        '',
      ].join('\n'),
    },
  ],
});

const FETCHER = (extra: string): string => [
  'export class Fetcher {',
  '  async fetchResource(url, options = { timeout: 2000 }) {',
  '    return this._wrapWithTimeout(this._fetchWithFetchApi(url), options.timeout);',
  '  }',
  extra,
  '  async _fetchWithFetchApi(url) {',
  '    const response = await fetch(url);',
  '    return { content: await response.text(), status: response.status };',
  '  }',
  '  async _wrapWithTimeout(promise, ms) {',
  '    let timeoutHandle;',
  '    const timeoutPromise = new Promise((_, reject) => {',
  "      timeoutHandle = setTimeout(reject, ms, new Error('Timed out fetching resource'));",
  '    });',
  '    return await Promise.race([promise, timeoutPromise]).finally(() => clearTimeout(timeoutHandle));',
  '  }',
  '}',
  '',
].join('\n');

const DOWNLOADS = (exported: string, caller: string): string => [
  "const axios = require('axios');",
  'const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));',
  `${exported}async function download(url) {`,
  '  const res = await axios.get(url);',
  '  return res.data;',
  '}',
  'function fetchIndex(url) {',
  '  return download(url);',
  '}',
  caller,
  '',
].join('\n');

// Waits bounded by their callers: every call of the waiting function races its promise with a timer.
describe('missing-timeout: waits every caller bounds', () => {
  runRuleTests(rule, {
    valid: [
      {
        name: "a private method's fetch whose only caller hands its promise to the class's timeout helper, a Promise.race with a timer (lighthouse's fetcher)",
        filename: 'core/fetcher.js',
        code: FETCHER(''),
      },
      {
        name: 'a module function whose every caller races its promise with a timer, directly or through a function that returns it',
        filename: 'lib/index.js',
        code: DOWNLOADS('', "exports.index = async (url) => Promise.race([fetchIndex(url), sleep(5000).then(() => { throw new Error('timed out'); })]);\nexports.file = async (url) => Promise.race([download(url), sleep(5000).then(() => { throw new Error('timed out'); })]);"),
      },
    ],
    invalid: [
      {
        name: 'the same private fetch also called by a public method that waits on it unbounded',
        filename: 'core/fetcher.js',
        code: FETCHER('  async fetchDirect(url) {\n    return this._fetchWithFetchApi(url);\n  }'),
        errors: [{ messageId: 'missing', line: 9, column: 28 }],
        unsafeOutput: FETCHER('  async fetchDirect(url) {\n    return this._fetchWithFetchApi(url);\n  }').replace('fetch(url)', 'fetch(url, { signal: AbortSignal.timeout(10_000) })'),
      },
      {
        name: 'the same module function, exported: callers in other files may wait on it unbounded',
        filename: 'lib/index.js',
        code: DOWNLOADS('export ', "export const index = async (url) => Promise.race([fetchIndex(url), sleep(5000).then(() => { throw new Error('timed out'); })]);"),
        errors: [{ messageId: 'missing', line: 4, column: 21 }],
        unsafeOutput: DOWNLOADS('export ', "export const index = async (url) => Promise.race([fetchIndex(url), sleep(5000).then(() => { throw new Error('timed out'); })]);").replace('axios.get(url)', 'axios.get(url, { timeout: 10_000 })'),
      },
      {
        name: 'the same module function, one of whose callers waits without the race',
        filename: 'lib/index.js',
        code: DOWNLOADS('', "exports.index = async (url) => Promise.race([fetchIndex(url), sleep(5000).then(() => { throw new Error('timed out'); })]);\nexports.file = (url) => download(url);"),
        errors: [{ messageId: 'missing', line: 4, column: 21 }],
        unsafeOutput: DOWNLOADS('', "exports.index = async (url) => Promise.race([fetchIndex(url), sleep(5000).then(() => { throw new Error('timed out'); })]);\nexports.file = (url) => download(url);").replace('axios.get(url)', 'axios.get(url, { timeout: 10_000 })'),
      },
    ],
  });
});

const MAP_ASYNC = (made: string, feed: string): string => [
  "import { EventEmitter, once } from 'node:events';",
  'export async function firstResult<A, B>(source: AsyncIterable<A>, mapFn: (a: A) => Promise<B>, stream: NodeJS.EventEmitter): Promise<B> {',
  `  const emitter = ${made};`,
  "  const failed = once(emitter, 'error');",
  feed,
  '  for await (const x of source) {',
  '    const [res] = await Promise.race([mapFn(x).then((r) => [r]), failed]);',
  '    return res as B;',
  '  }',
  "  throw new Error('empty');",
  '}',
  '',
].join('\n');

// events.once on an emitter the function made itself: it waits on this process's own code.
describe('missing-timeout: once() on an in-process emitter', () => {
  runRuleTests(rule, {
    valid: [
      {
        name: "once(emitter, 'error') on a `new EventEmitter()` the function made, emitted only by its own workers (temporalio's mapAsyncIterable)",
        filename: 'src/iterators-utils.ts',
        code: MAP_ASYNC('new EventEmitter()', "  Promise.resolve().then(undefined, (err) => emitter.emit('error', err));"),
      },
      {
        name: 'once() on a `new EventTarget()` the function made',
        filename: 'src/iterators-utils.ts',
        code: MAP_ASYNC('new EventTarget()', '  void stream;'),
      },
    ],
    invalid: [
      {
        name: "the same emitter relaying a stream's 'error' events: the wait is on the stream",
        filename: 'src/iterators-utils.ts',
        code: MAP_ASYNC('new EventEmitter()', "  stream.on('error', (err) => emitter.emit('error', err));"),
        errors: [{ messageId: 'missing', line: 4, column: 18 }],
        unsafeOutput: MAP_ASYNC('new EventEmitter()', "  stream.on('error', (err) => emitter.emit('error', err));").replace("once(emitter, 'error')", "once(emitter, 'error', { signal: AbortSignal.timeout(30_000) })"),
      },
      {
        name: 'the same emitter handed to other code, which may emit on it from a socket or a child process',
        filename: 'src/iterators-utils.ts',
        code: MAP_ASYNC('new EventEmitter()', '  pipeInto(stream, emitter);').replace('export async', 'declare function pipeInto(a: unknown, b: unknown): void;\nexport async'),
        errors: [{ messageId: 'missing', line: 5, column: 18 }],
        unsafeOutput: MAP_ASYNC('new EventEmitter()', '  pipeInto(stream, emitter);').replace('export async', 'declare function pipeInto(a: unknown, b: unknown): void;\nexport async').replace("once(emitter, 'error')", "once(emitter, 'error', { signal: AbortSignal.timeout(30_000) })"),
      },
      {
        name: 'once() on an emitter handed in (a socket, a child process): a wait on the other side',
        filename: 'src/iterators-utils.ts',
        code: MAP_ASYNC('stream', '  void 0;'),
        errors: [{ messageId: 'missing', line: 4, column: 18 }],
        unsafeOutput: MAP_ASYNC('stream', '  void 0;').replace("once(emitter, 'error')", "once(emitter, 'error', { signal: AbortSignal.timeout(30_000) })"),
      },
    ],
  });
});

const FETCH_WRAPPER = (made: string): string => [
  "import { fetch as undiciFetch, Request, type RequestInfo, type RequestInit } from 'undici';",
  'export class FetchFactory {',
  '  async fetch(input: RequestInfo, init?: RequestInit) {',
  '    init = init ?? {};',
  `    const request = ${made};`,
  '    const res = await undiciFetch(request);',
  '    return res;',
  '  }',
  '}',
  '',
].join('\n');

// fetch(request) where the Request is built from the wrapper's own parameters: the caller's signal travels in it.
describe('missing-timeout: fetch of a Request built from the caller\'s init', () => {
  runRuleTests(rule, {
    valid: [
      {
        name: "a fetch-compatible wrapper fetching `new Request(input, init)` of its own parameters: the caller's init.signal travels in the Request (urllib's FetchFactory.fetch)",
        filename: 'src/fetch.ts',
        code: FETCH_WRAPPER('new Request(input, init)'),
      },
      {
        name: 'a Request built with a signal of its own',
        filename: 'src/fetch.ts',
        code: FETCH_WRAPPER("new Request(input, { ...init, signal: AbortSignal.timeout(10_000) })"),
      },
    ],
    invalid: [
      {
        name: "a Request built from a URL and literal options without a signal: nothing bounds it, and the bound belongs where the Request is made",
        filename: 'src/fetch.ts',
        code: FETCH_WRAPPER("new Request(String(input), { method: 'GET' })"),
        errors: [{ messageId: 'missing', line: 6, column: 23 }],
        unsafeOutput: FETCH_WRAPPER("new Request(String(input), { method: 'GET' })").replace('undiciFetch(request)', 'undiciFetch(request, { signal: AbortSignal.timeout(10_000) })'),
      },
    ],
  });
});

it('every message opens with one short line: what is wrong and what to add', async () => {
  const codes = [
    'export async function lookup(sku: string, signal: AbortSignal) {\n  return globalThis.fetch(`https://inventory.internal/${sku}`, { method: "GET" });\n}\n',
    "import axios from 'axios';\nexport const billingServiceClient = axios.create({ baseURL: 'https://billing.internal' });\n",
    "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 20 });\n",
    "import net from 'node:net';\nexport const s = net.createConnection(6379, 'cache.internal');\n",
    "import { execFileSync } from 'node:child_process';\nexport const v = execFileSync('apprise', ['-b', 'x']);\n",
    "import { once } from 'node:events';\nexport const ready = (e: import('node:events').EventEmitter) => once(e, 'ready');\n",
  ];
  let seen = 0;
  for (const code of codes) {
    const { messages } = await lintCase(rule, { code, options: { requireQueryTimeout: true } });
    for (const m of messages) {
      const [first, why] = m.message.split('\n');
      assert.ok(first.length < 100, `first line is ${first.length} characters: ${first}`);
      assert.ok(why && why.length > 20, `no explanation after the first line: ${m.message}`);
      assert.ok(!m.message.includes('{{'), m.message);
      seen++;
    }
  }
  assert.equal(seen, codes.length + 1);
});

describe("missing-timeout: once(server, 'listening') after the code's own listen()", () => {
  const SERVE = (before: string) =>
    "import events from 'node:events';\nimport http from 'node:http';\n" +
    'export class BsyncService {\n  server = http.createServer();\n  async start(port: number): Promise<http.Server> {\n' +
    `${before}` +
    "    await events.once(this.server, 'listening');\n    return this.server;\n  }\n}\n";
  runRuleTests(rule, {
    valid: [
      {
        name: "a server's 'listening' right after the same block told it to listen: a local bind, 'error' rejects the wait (@atproto/bsync)",
        filename: 'src/index.ts',
        code: SERVE('    this.server.listen(port);\n    this.server.keepAliveTimeout = 90000;\n'),
      },
    ],
    invalid: [
      {
        name: "'listening' of a server this block does not start: someone else's listen, or none",
        filename: 'src/index.ts',
        code: SERVE('    this.server.keepAliveTimeout = 90000;\n'),
        errors: [{ messageId: 'missing', line: 7, column: 11 }],
        unsafeOutput: SERVE('    this.server.keepAliveTimeout = 90000;\n').replace("events.once(this.server, 'listening')", "events.once(this.server, 'listening', { signal: AbortSignal.timeout(30_000) })"),
      },
    ],
  });
});

describe('missing-timeout: connect() on a `new net.Socket()` whose `net` is required inside a wrapper function', () => {
  const IO = (bound: string) =>
    "(function() {\n  var net = require('net');\n  var Connection = function(addr) {\n    var sock = new net.Socket();\n" +
    `${bound}` +
    '    function connectPlainSocket(fulfill) {\n      return sock.connect(addr.port, addr.host, fulfill);\n    }\n' +
    '    return {\n      connect: function() {\n        return new Promise(function(fulfill) { sock = connectPlainSocket(fulfill); });\n      },\n    };\n  };\n' +
    '  exports.Connection = Connection;\n}.call(this));\n';
  runRuleTests(rule, {
    valid: [
      {
        name: 'the same socket given a connect bound that destroys it (infinispan, check 57)',
        filename: 'lib/io.js',
        code: IO("    sock.setTimeout(10000, function() { sock.destroy(new Error('connect timed out')); });\n"),
      },
    ],
    invalid: [
      {
        name: "a Hot Rod connection's socket connected with no bound: a black-holed node hangs client.connect() (infinispan, check 57)",
        filename: 'lib/io.js',
        code: IO(''),
        errors: [{ messageId: 'missingSocket', line: 6, column: 14 }],
      },
    ],
  });
});

describe("missing-timeout: @xmpp/events promise(target, event) with no timeout argument", () => {
  const CONNECTION = (wait: string) =>
    "import { EventEmitter, promise } from '@xmpp/events';\n\nclass Connection extends EventEmitter {\n  constructor(options = {}) {\n    super();\n    this.timeout = 2000;\n  }\n" +
    '  async connect(service) {\n    const socket = new this.Socket();\n    socket.connect(this.socketParameters(service));\n' +
    `    return ${wait};\n  }\n}\n\nexport default Connection;\n`;
  runRuleTests(rule, {
    valid: [
      {
        name: "the socket's 'connect' awaited with the class's timeout as the fourth argument (@xmpp/connection, check 59)",
        filename: 'index.js',
        code: CONNECTION("promise(socket, 'connect', 'error', this.timeout)"),
      },
    ],
    invalid: [
      {
        name: "the socket's 'connect' awaited with no timeout: a server that never completes the handshake leaves start() pending (@xmpp/connection, check 59)",
        filename: 'index.js',
        code: CONNECTION("promise(socket, 'connect')"),
        errors: [{ messageId: 'missing', line: 11, column: 12 }],
      },
      {
        name: 'a timeout argument of 0 arms no timer',
        filename: 'index.js',
        code: CONNECTION("promise(socket, 'connect', 'error', 0)"),
        errors: [{ messageId: 'missing', line: 11, column: 12 }],
      },
    ],
  });
});

describe("missing-timeout: http(s) request through a parameter's member that another file fills with the module", () => {
  const REGISTRY = "'use strict';\nconst http = require('http');\nconst https = require('https');\nconst { getSchemaById } = require('./lib/http-calls');\n\n" +
    "module.exports = function schemas(registryUrl) {\n  const parsed = new URL(registryUrl);\n  const registry = {\n    protocol: parsed.protocol.startsWith('https') ? https : http,\n    host: parsed.hostname,\n  };\n  return { decode: (id) => getSchemaById(registry, id) };\n};\n";
  const CALLS = (options: string) =>
    "'use strict';\n\nconst getSchemaById = (registry, schemaId) => new Promise((resolve, reject) => {\n  const { protocol, host } = registry;\n" +
    `  const requestOptions = { host, path: '/schemas/ids/' + schemaId${options} };\n` +
    "  const req = protocol.request(requestOptions, (res) => {\n    let data = '';\n    res.on('data', (d) => { data += d; });\n    res.on('end', () => resolve(JSON.parse(data)));\n  });\n" +
    "  req.on('error', reject);\n  req.end();\n});\n\nmodule.exports = { getSchemaById };\n";
  runRuleTests(rule, {
    valid: [
      {
        name: 'the same registry call with a timeout that destroys it (avro-schema-registry, check 56)',
        filename: 'lib/http-calls.js',
        code: CALLS(', timeout: 5000').replace("req.on('error', reject);", "req.on('timeout', () => req.destroy());\n  req.on('error', reject);"),
        files: { 'registry.js': REGISTRY },
      },
      {
        name: "a parameter's `protocol.request()` when no file of the project gives `protocol` a module",
        filename: 'lib/http-calls.js',
        code: CALLS(''),
        files: { 'registry.js': REGISTRY.replace("parsed.protocol.startsWith('https') ? https : http", 'makeClient(parsed)') },
      },
    ],
    invalid: [
      {
        name: 'the registry picked per URL in registry.js, called with no bound in lib/http-calls.js: a stalled registry freezes decode() (avro-schema-registry, check 56)',
        filename: 'lib/http-calls.js',
        code: CALLS(''),
        files: { 'registry.js': REGISTRY },
        errors: [{ messageId: 'missing', line: 6, column: 15 }],
        unsafeOutput: null,
      },
    ],
  });
});

describe('missing-timeout: install scripts, version probes, defaulted and aliased callees (checks 61, 63)', () => {
  const INSTALL_PKG = (script: string) => `{ "name": "ibm_db", "main": "lib/odbc.js", "scripts": { "install": "${script}" } }`;
  const DRIVER_INSTALL = "var exec = require('child_process').exec;\nvar execSync = require('child_process').execSync;\n" +
    "function buildBinary(isDownloaded) {\n  var buildString = 'node-gyp configure build ';\n  buildString = buildString + ' --IS_DOWNLOADED=' + isDownloaded;\n" +
    "  exec(buildString, function (error) { if (error !== null) installPrebuilt(); });\n}\n" +
    "function copySideDeck(home, dir) {\n  execSync(\"tso \\\"oput '\" + home + \".SDSNMACS(DSNAO64C)' '\" + dir + \"/dsnao64c.x'\\\" | cat\");\n}\n" +
    "function installPrebuilt() { console.log('prebuilt'); }\nbuildBinary(true);\ncopySideDeck(process.env.IBM_DB_HOME, 'build');\n";
  const TRY_EXEC = (commands: string[]) => "const { execSync } = require('node:child_process');\nfunction tryExec(command) {\n" +
    "  try { return execSync(command, { encoding: 'utf-8', stdio: ['pipe', 'pipe', 'pipe'] }).trim(); } catch { return null; }\n}\n" +
    `exports.detect = () => [${commands.map((c) => `tryExec(${JSON.stringify(c)})`).join(', ')}];\n`;
  runRuleTests(rule, {
    valid: [
      {
        name: "builds and a z/OS copy run by the package's install script, a step of `npm install` (ibm_db, check 61)",
        filename: 'installer/driverInstall.js',
        code: DRIVER_INSTALL,
        files: { 'package.json': INSTALL_PKG('node installer/driverInstall.js') },
      },
      {
        name: 'local version probes of docker and its compose plugin, once at CLI start (spotlightjs sidecar, check 63)',
        filename: 'lib/docker-compose.js',
        code: TRY_EXEC(['docker --version', 'docker compose version --short', 'docker-compose version --short']),
      },
    ],
    invalid: [
      {
        name: 'the same builds in a module that is not the install script: still reported',
        filename: 'lib/build.js',
        code: DRIVER_INSTALL,
        files: { 'package.json': INSTALL_PKG('node installer/driverInstall.js') },
        errors: [{ messageId: 'missing', line: 9, column: 3 }],
        // Outside the install script the copy is an ordinary call: the default kill is its unsafe fix.
        unsafeOutput: DRIVER_INSTALL.replace('| cat");', '| cat", { timeout: 60_000 });'),
      },
      {
        name: 'a compose command that is not a version probe: still reported',
        filename: 'lib/docker-compose.js',
        code: TRY_EXEC(['docker compose logs web']),
        errors: [{ messageId: 'missing', line: 3, column: 16 }],
        unsafeOutput: TRY_EXEC(['docker compose logs web']).replace("'pipe'] })", "'pipe'], timeout: 60_000 })"),
      },
      {
        name: "`(options?.fetch ?? fetch)(url, …)`: global fetch when no override is given (huggingface inference, check 61)",
        filename: 'src/lib/getDefaultTask.ts',
        code: "export async function getDefaultTask(model: string, options?: { fetch?: typeof fetch }): Promise<string> {\n" +
          "  const res = await (options?.fetch ?? fetch)(`https://huggingface.co/api/models/${model}`, { headers: {} });\n  return (await res.json()).pipeline_tag;\n}\n",
        errors: [{ messageId: 'missing', line: 2, column: 21 }],
        unsafeOutput: "export async function getDefaultTask(model: string, options?: { fetch?: typeof fetch }): Promise<string> {\n" +
          "  const res = await (options?.fetch ?? fetch)(`https://huggingface.co/api/models/${model}`, { headers: {}, signal: AbortSignal.timeout(10_000) });\n  return (await res.json()).pipeline_tag;\n}\n",
      },
      {
        name: 'a plain fetch in universal code that only probes `typeof navigator` (huggingface inference, check 61)',
        filename: 'src/lib/makeRequestOptions.ts',
        code: "const agent = typeof navigator !== 'undefined' ? navigator.userAgent : undefined;\n" +
          "export async function loadTaskInfo(): Promise<unknown> {\n  const res = await fetch('https://huggingface.co/api/tasks', { headers: { 'x-agent': String(agent) } });\n  return res.json();\n}\n",
        errors: [{ messageId: 'missing', line: 3, column: 21 }],
        unsafeOutput: "const agent = typeof navigator !== 'undefined' ? navigator.userAgent : undefined;\n" +
          "export async function loadTaskInfo(): Promise<unknown> {\n  const res = await fetch('https://huggingface.co/api/tasks', { headers: { 'x-agent': String(agent) }, signal: AbortSignal.timeout(10_000) });\n  return res.json();\n}\n",
      },
      {
        name: "`ws` picked by a conditional alias beside the page's WebSocket (snoowrap LiveThread, check 63)",
        filename: 'lib/LiveThread.js',
        code: "var isBrowser = typeof self === 'object';\nvar WebSocket = isBrowser ? global.WebSocket : require('ws');\n" +
          "class LiveThread {\n  _setupWebSocket() {\n    this._rawStream = new WebSocket(this.websocket_url);\n    this._rawStream.onmessage = () => {};\n  }\n}\nmodule.exports = LiveThread;\n",
        errors: [{ messageId: 'missing', line: 5, column: 23 }],
        unsafeOutput: "var isBrowser = typeof self === 'object';\nvar WebSocket = isBrowser ? global.WebSocket : require('ws');\n" +
          "class LiveThread {\n  _setupWebSocket() {\n    this._rawStream = new WebSocket(this.websocket_url, { handshakeTimeout: 10_000 });\n    this._rawStream.onmessage = () => {};\n  }\n}\nmodule.exports = LiveThread;\n",
      },
    ],
  });
});
