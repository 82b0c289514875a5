import { runRuleTests } from '../rule-tester';
import rule from '../../rules/missing-shutdown';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ name: 'orders-api', version: '1.0.0', ...fields }, null, 2) + '\n';
const startingSrcServer = { 'package.json': pkg({ type: 'module', scripts: { build: 'tsc', start: 'node dist/server.js' } }) };

const pid1Message = (noun: string, call: string, inFlight: string, registration: string) =>
  `Node is PID 1 in the container and handles no SIGTERM: close \`${call}\` on shutdown.\n` +
  `This entry module opens ${noun}, and nothing in the package handles SIGTERM or SIGINT. Node running as PID 1 in a ` +
  'container ignores SIGTERM unless a handler is installed, so every `docker stop`, deploy or scale-down waits out the ' +
  `grace period (10 s for Docker, 30 s in Kubernetes) and ends in SIGKILL, cutting off ${inFlight}. ` +
  `Close it on shutdown: \`${registration}\`.`;
const inFlightMessage = (close: string, noun: string, call: string, { work, lost }: { work: string; lost: string }, registration: string) =>
  `No SIGTERM handler: ${close} \`${call}\` on shutdown so that ${work} can finish.\n` +
  `This entry module opens ${noun}, and nothing in the package handles SIGTERM or SIGINT, so on every deploy, ` +
  `scale-down or \`docker stop\` Node exits at once: ${lost}. Close it on shutdown and let the work finish: \`${registration}\`.`;
const TRANSACTIONS = { work: 'open transactions', lost: 'a transaction in flight is rolled back by the database and its request fails' };
const JOBS = { work: 'jobs in progress', lost: 'a job taken off its queue is cut off half-way, and depending on the queue it is retried later or lost' };
const WRITES = { work: 'file writes', lost: 'a file being written can be left truncated' };
const NODE_DOCKERFILE = 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "dist/server.js"]\n';

const expressServer = `import express from 'express';
import { router } from './routes.js';

const app = express();
app.use(router);
app.listen(Number(process.env.PORT ?? 3000), () => console.log('listening'));
`;

const decapProxy = `#!/usr/bin/env node
const express = require('express');
const app = express();
const { host, port } = { host: process.env.HOST, port: Number(process.env.PORT || 8081) };
(async () => {
  if (host) {
    return app.listen(port, host, () => console.log('listening on ' + host));
  } else {
    return app.listen(port, () => console.log('listening'));
  }
})();
`;
const twoListens = `#!/usr/bin/env node
const express = require('express');
const app = express();
(async () => {
  app.listen(8081);
  app.listen(8082);
})();
`;

runRuleTests(rule, {
  valid: [
    {
      name: 'a module that is not the entry opens a pool: the entry decides shutdown',
      filename: 'src/db.ts',
      code: `import pg from 'pg';\nexport const pool = new pg.Pool({ connectionTimeoutMillis: 5000 });\n`,
      files: startingSrcServer,
    },
    {
      name: 'the entry registers SIGTERM itself',
      filename: 'src/server.ts',
      code: `import http from 'node:http';\nconst server = http.createServer((req, res) => res.end('ok'));\nserver.listen(3000);\nprocess.once('SIGTERM', () => server.close());\n`,
      files: startingSrcServer,
    },
    {
      name: 'signals named in a loop over a list (examples/service style)',
      filename: 'src/server.ts',
      code: `import http from 'node:http';\nconst server = http.createServer();\nserver.listen(3000);\nfor (const signal of ['SIGTERM', 'SIGINT'] as const) {\n  process.once(signal, () => server.close());\n}\n`,
      files: startingSrcServer,
    },
    {
      name: 'SIGTERM handled in another module of the package (./shutdown)',
      filename: 'src/server.ts',
      code: `import express from 'express';\nimport './shutdown.js';\nconst app = express();\napp.listen(3000);\n`,
      files: { ...startingSrcServer, 'src/shutdown.ts': `process.on('SIGTERM', () => {\n  console.log('draining');\n  setTimeout(() => process.exit(0), 5000);\n});\n` },
    },
    {
      name: 'the runtime shim\'s onShutdown installs the handling',
      filename: 'src/server.ts',
      code: `import pg from 'pg';\nimport { onShutdown } from './stability-runtime.js';\nexport const pool = new pg.Pool({ connectionTimeoutMillis: 5000 });\nonShutdown(() => pool.end());\nsetInterval(() => console.log('tick'), 60_000);\n`,
      files: startingSrcServer,
    },
    {
      name: 'close-with-grace handles the signals',
      filename: 'src/server.ts',
      code: `import Fastify from 'fastify';\nimport closeWithGrace from 'close-with-grace';\nconst app = Fastify();\ncloseWithGrace(async () => { await app.close(); });\nawait app.listen({ port: 3000 });\n`,
      files: startingSrcServer,
    },
    {
      name: 'resources opened in callbacks and uncalled functions do not run at start-up',
      filename: 'src/server.ts',
      code: `import http from 'node:http';\nimport pg from 'pg';\nexport function makePool() {\n  return new pg.Pool({ connectionTimeoutMillis: 5000 });\n}\nprocess.nextTick(() => {\n  setInterval(() => console.log('tick'), 1000);\n});\nexport class Api {\n  start() { return http.createServer().listen(3000); }\n}\n`,
      files: startingSrcServer,
    },
    {
      name: 'an unref\'d interval does not hold the process',
      filename: 'src/server.ts',
      code: `setInterval(() => console.log('tick'), 1000).unref();\n`,
      files: startingSrcServer,
    },
    {
      name: 'a #!/usr/bin/env node program that registers SIGINT',
      filename: 'bin/tool.js',
      code: `#!/usr/bin/env node\nconst t = setInterval(() => console.log('.'), 500);\nprocess.on('SIGINT', () => clearInterval(t));\n`,
    },
    {
      name: 'no package.json: nothing says this is an entry',
      filename: 'src/server.ts',
      code: `import http from 'node:http';\nhttp.createServer().listen(3000);\n`,
    },
    // ---- Classes judged on real code (ecosystem): nothing a stop loses. ----
    {
      name: 'a service that only answers requests, with a pool for one-statement queries, no container and no work in flight (deepstream telemetry)',
      filename: 'telemetry-server.ts',
      code: `import express from 'express';\nimport { Pool } from 'pg';\nconst app = express();\nconst pool = new Pool();\napp.post('/api/v1/startup', async (req, res) => {\n  await pool.query('INSERT INTO telemetry (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [req.body.id]);\n  res.json({ success: true });\n});\napp.listen(8080);\n`,
      files: { 'package.json': pkg({ scripts: { start: 'ts-node telemetry-server.ts' } }) },
    },
    {
      name: 'an in-memory websocket server bin: ws with noServer opens nothing, the http server has nothing in flight (y-websocket)',
      filename: 'src/server.js',
      code: `#!/usr/bin/env node\nimport WebSocket from 'ws';\nimport http from 'http';\nconst wss = new WebSocket.Server({ noServer: true });\nconst server = http.createServer((req, res) => {\n  res.writeHead(200);\n  res.end('okay');\n});\nserver.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));\nserver.listen(1234);\n`,
      files: { 'package.json': pkg({ type: 'module', bin: { 'y-websocket': 'src/server.js' }, scripts: { start: 'node ./src/server.js' } }) },
    },
    {
      name: 'a health-check path held in configuration is no route the service serves',
      filename: 'src/server.js',
      code: `const http = require('http');\nconst options = { healthCheckPath: '/health-check' };\nhttp.createServer((req, res) => res.end(JSON.stringify(options))).listen(3000);\n`,
      files: { 'package.json': pkg({ main: 'src/server.js' }) },
    },
    {
      name: 'a Dockerfile with an init in front of Node: SIGTERM is forwarded, and nothing is in flight',
      filename: 'src/server.js',
      code: `const http = require('http');\nhttp.createServer((req, res) => res.end('ok')).listen(3000);\n`,
      files: { 'package.json': pkg({ main: 'src/server.js' }), Dockerfile: 'FROM node:22\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["node", "src/server.js"]\n' },
    },
    {
      name: "the enclosing package's Dockerfile runs that package, not a nested one",
      filename: 'tools/telemetry/server.js',
      code: `const http = require('http');\nhttp.createServer((req, res) => res.end('ok')).listen(3000);\n`,
      files: {
        'package.json': pkg({ main: 'index.js' }),
        Dockerfile: 'FROM node:22\nCMD ["node", "index.js"]\n',
        'tools/telemetry/package.json': pkg({ name: 'telemetry', main: 'server.js' }),
      },
    },
    {
      name: 'a bin that loads two project modules does more than hand over: neither becomes the entry',
      filename: 'lib/server.js',
      code: "const http = require('http');\nconst { handle } = require('./routes');\nhttp.createServer(handle).listen(1883);\n",
      files: {
        'package.json': pkg({ bin: { broker: './bin/broker.js' } }),
        'bin/broker.js': "#!/usr/bin/env node\nconst config = require('../lib/config');\nif (config.enabled) require('../lib/server');\n",
        'lib/config.js': 'exports.enabled = true;\n',
        'lib/routes.js': "exports.handle = (req, res) => res.end('ok');\n",
        Dockerfile: 'FROM node:22\nCOPY . .\nENTRYPOINT ["node", "bin/broker.js"]\n',
      },
    },
    {
      name: 'a module that hands over but is no entry (not a program, not in package.json) makes nothing an entry',
      filename: 'lib/server.js',
      code: "const http = require('http');\nconst { handle } = require('./routes');\nhttp.createServer(handle).listen(1883);\n",
      files: {
        'package.json': pkg({ main: 'index.js' }),
        'index.js': "module.exports = {};\n",
        'tools/run.js': "require('../lib/server');\n",
        'lib/routes.js': "exports.handle = (req, res) => res.end('ok');\n",
        Dockerfile: 'FROM node:22\nCOPY . .\nCMD ["node", "index.js"]\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a bin that only hands over to one project module makes that module the entry: what it opens as it loads is reported',
      filename: 'lib/server.js',
      code: "const http = require('http');\nconst { handle } = require('./routes');\nhttp.createServer(handle).listen(1883);\n",
      files: {
        'package.json': pkg({ bin: { broker: './bin/broker.js' } }),
        'bin/broker.js': "#!/usr/bin/env node\nconsole.log('broker starting');\nrequire('../lib/server');\n",
        'lib/routes.js': "exports.handle = (req, res) => res.end('ok');\n",
        Dockerfile: 'FROM node:22\nCOPY . .\nENTRYPOINT ["node", "bin/broker.js"]\n',
      },
      errors: [{ message: pid1Message('a server', 'http.createServer(…)', 'the requests in flight', 'onShutdown(() => new Promise((resolve) => server.close(resolve)))'), line: 3, column: 1 }],
      output: "const http = require('http');\nconst { handle } = require('./routes');\nconst { onShutdown } = require('../stability-runtime.cjs');\nconst server = http.createServer(handle).listen(1883);\nonShutdown(() => new Promise((resolve) => server.close(resolve)));\n",
    },
    {
      name: 'Express entry named by the start script through dist/ -> src/, run as PID 1 by the Dockerfile: the server handle is kept and closed on shutdown',
      filename: 'src/server.ts',
      code: expressServer,
      files: { ...startingSrcServer, 'src/routes.ts': `import express from 'express';\nexport const router = express.Router();\n`, Dockerfile: NODE_DOCKERFILE },
      typecheck: false,
      errors: [{
        message: pid1Message('a server', 'app.listen(…)', 'the requests in flight', 'onShutdown(() => new Promise((resolve) => server.close(resolve)))'),
        line: 6, column: 1, endLine: 6, endColumn: 77, severity: 'warn',
      }],
      output: expressServer
        .replace("import { router } from './routes.js';\n", "import { router } from './routes.js';\nimport { onShutdown } from './stability-runtime.js';\n")
        .replace("app.listen(", 'const server = app.listen(')
        .replace("'listening'));\n", "'listening'));\nonShutdown(() => new Promise((resolve) => server.close(resolve)));\n"),
      createdFiles: ['src/stability-runtime.ts'],
    },
    {
      name: 'an Express service with a health-check route, in a package with no Dockerfile and no work in flight (artsy/metaphysics)',
      filename: 'src/index.js',
      code: `import express from 'express';\nconst app = express();\napp.get('/health', (req, res) => res.status(200).end());\napp.listen(process.env.PORT || 3000);\n`,
      files: { 'package.json': pkg({ main: 'build/index.js', scripts: { start: 'node build/index.js' } }) },
      typecheck: false,
      errors: [{
        message: 'Health-checked service with no SIGTERM handler: close `app.listen(…)` on shutdown.\n' +
          'This entry module opens a server, and the package serves a health-check route, so an orchestrator or load balancer ' +
          'sends it traffic and stops it with SIGTERM; nothing in the package handles SIGTERM or SIGINT. Node then exits at ' +
          'once, cutting off the requests in flight while new requests are still routed to it, or, as PID 1 in a container, ignores the ' +
          'signal until SIGKILL ends it after the grace period. Close it on shutdown (failing the health check first lets the ' +
          'balancer drain it): `onShutdown(() => new Promise((resolve) => server.close(resolve)))`.',
        line: 4, column: 1,
      }],
      output: `import express from 'express';\nimport { onShutdown } from '../stability-runtime.cjs';\nconst app = express();\napp.get('/health', (req, res) => res.status(200).end());\nconst server = app.listen(process.env.PORT || 3000);\nonShutdown(() => new Promise((resolve) => server.close(resolve)));\n`,
      createdFiles: ['stability-runtime.cjs'],
    },
    {
      name: 'a plain http server whose handler answers a readiness probe (`req.url === \'/readyz\'`)',
      filename: 'server.js',
      code: `const http = require('http');\nhttp.createServer((req, res) => {\n  if (req.url === '/readyz') return res.end('ok');\n  res.end('hello');\n}).listen(8080);\n`,
      files: { 'package.json': pkg({ main: 'server.js' }) },
      errors: [{ messageId: 'healthChecked', data: { close: 'close', noun: 'a server', call: 'http.createServer(…)', inFlight: 'the requests in flight', registration: 'onShutdown(() => new Promise((resolve) => server.close(resolve)))' }, line: 2, column: 1 }],
      output: `const http = require('http');\nconst { onShutdown } = require('./stability-runtime.cjs');\nconst server = http.createServer((req, res) => {\n  if (req.url === '/readyz') return res.end('ok');\n  res.end('hello');\n}).listen(8080);\nonShutdown(() => new Promise((resolve) => server.close(resolve)));\n`,
    },
    {
      name: 'CommonJS main of a package that runs transactions: http server, pg pool and an interval, each reported and registered',
      filename: 'index.js',
      code: `'use strict';
const http = require('http');
const { Pool } = require('pg');

const pool = new Pool({ connectionTimeoutMillis: 5000 });
const server = http.createServer((req, res) => res.end('ok'));
server.listen(8080);
setInterval(() => pool.query('SELECT 1'), 30000);
`,
      files: {
        'package.json': pkg({ main: 'index.js' }),
        'orders.js': "exports.place = async (pool, order) => {\n  const client = await pool.connect();\n  try {\n    await client.query('BEGIN');\n    await client.query('INSERT INTO orders VALUES ($1)', [order]);\n    await client.query('COMMIT');\n  } finally {\n    client.release();\n  }\n};\n",
      },
      errors: [
        { messageId: 'inFlight', data: { close: 'close', noun: 'a database pool', call: 'new Pool(…)', ...TRANSACTIONS, registration: 'onShutdown(() => pool.end())' }, line: 5, column: 14 },
        { messageId: 'inFlight', data: { close: 'close', noun: 'a server', call: 'http.createServer(…)', ...TRANSACTIONS, registration: 'onShutdown(() => new Promise((resolve) => server.close(resolve)))' }, line: 6, column: 16 },
        { messageId: 'inFlight', data: { close: 'clear', noun: 'an interval timer', call: 'setInterval(…)', ...TRANSACTIONS, registration: 'onShutdown(() => clearInterval(timer))' }, line: 8, column: 1 },
      ],
      output: `'use strict';
const http = require('http');
const { Pool } = require('pg');
const { onShutdown } = require('./stability-runtime.cjs');

const pool = new Pool({ connectionTimeoutMillis: 5000 });
onShutdown(() => pool.end());
const server = http.createServer((req, res) => res.end('ok'));
onShutdown(() => new Promise((resolve) => server.close(resolve)));
server.listen(8080);
const timer = setInterval(() => pool.query('SELECT 1'), 30000);
onShutdown(() => clearInterval(timer));
`,
      createdFiles: ['stability-runtime.cjs'],
    },
    {
      name: 'tsx start script, a shell-form CMD (sh is PID 1); Fastify started in an async main() called at top level; the app itself closes',
      filename: 'src/main.ts',
      code: `import Fastify from 'fastify';

async function main(): Promise<void> {
  const app = Fastify({ logger: true });
  await app.listen({ port: 3000 });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
`,
      files: { 'package.json': pkg({ scripts: { start: 'tsx --env-file=.env src/main.ts' } }), Dockerfile: 'FROM node:22\nCMD npx tsx --env-file=.env src/main.ts\n' },
      typecheck: false,
      errors: [{ messageId: 'pid1', data: { close: 'close', noun: 'a server', call: 'app.listen(…)', inFlight: 'the requests in flight', registration: 'onShutdown(() => app.close())' }, line: 5, column: 9 }],
      output: `import Fastify from 'fastify';
import { onShutdown } from './stability-runtime';

async function main(): Promise<void> {
  const app = Fastify({ logger: true });
  await app.listen({ port: 3000 });
  onShutdown(() => app.close());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
`,
    },
    {
      name: 'bin entry in ESM of a package that writes files: a chained createServer().listen() keeps its handle',
      filename: 'bin/serve.mjs',
      code: `#!/usr/bin/env node\nimport http from 'node:http';\n\nhttp.createServer((req, res) => res.end('ok')).listen(4000);\n`,
      files: { 'package.json': pkg({ bin: { serve: './bin/serve.mjs' } }), 'lib/log.mjs': "import { appendFile } from 'node:fs/promises';\nexport const log = (line) => appendFile('access.log', line + '\\n');\n" },
      errors: [{ message: inFlightMessage('close', 'a server', 'http.createServer(…)', WRITES, 'onShutdown(() => new Promise((resolve) => server.close(resolve)))'), line: 4, column: 1 }],
      output: `#!/usr/bin/env node\nimport http from 'node:http';\nimport { onShutdown } from '../stability-runtime.cjs';\n\nconst server = http.createServer((req, res) => res.end('ok')).listen(4000);\nonShutdown(() => new Promise((resolve) => server.close(resolve)));\n`,
    },
    {
      name: 'npm\'s default start (server.js) with no start script; a beforeExit listener does not run on SIGTERM',
      filename: 'server.js',
      code: `const http = require('http');\nconst server = http.createServer();\nserver.listen(3000);\nprocess.on('beforeExit', () => server.close());\n`,
      files: { 'package.json': pkg({ scripts: { test: 'node --test' } }), 'docker/Dockerfile': 'FROM node:22\nCMD ["node", "server.js"]\n' },
      errors: [{ messageId: 'pid1', line: 2, column: 16 }],
      output: `const http = require('http');\nconst { onShutdown } = require('./stability-runtime.cjs');\nconst server = http.createServer();\nonShutdown(() => new Promise((resolve) => server.close(resolve)));\nserver.listen(3000);\nprocess.on('beforeExit', () => server.close());\n`,
    },
    {
      name: 'ws server in an entry that a prod script runs through npm run, in a package with queue workers',
      filename: 'src/realtime.ts',
      code: `import { WebSocketServer } from 'ws';\n\nexport const wss = new WebSocketServer({ port: 8081 });\n`,
      files: { 'package.json': pkg({ scripts: { 'start:prod': 'npm run serve', serve: 'node build/realtime.js' } }), 'src/jobs.ts': "import { Worker } from 'bullmq';\nexport const worker = new Worker('emails', async () => {});\n" },
      typecheck: false,
      errors: [{ messageId: 'inFlight', data: { close: 'close', noun: 'a server', call: 'new WebSocketServer(…)', ...JOBS, registration: 'onShutdown(() => new Promise((resolve) => wss.close(resolve)))' }, line: 3, column: 20 }],
      output: `import { WebSocketServer } from 'ws';\nimport { onShutdown } from './stability-runtime';\n\nexport const wss = new WebSocketServer({ port: 8081 });\nonShutdown(() => new Promise((resolve) => wss.close(resolve)));\n`,
    },
    {
      name: 'one server opened in either branch of `if (host)` gets one finding, not one per branch (decap-server, check 56)',
      filename: 'bin/proxy.js',
      code: decapProxy,
      files: { 'package.json': pkg({ bin: { proxy: './bin/proxy.js' } }), 'lib/save.js': "const fs = require('fs');\nexports.save = (p, d) => fs.promises.writeFile(p, d);\n" },
      errors: [{ messageId: 'inFlight', line: 7, column: 12 }],
      output: null,
    },
    {
      name: 'two listens one after the other are two servers: each reported',
      filename: 'bin/proxy.js',
      code: twoListens,
      files: { 'package.json': pkg({ bin: { proxy: './bin/proxy.js' } }), 'lib/save.js': "const fs = require('fs');\nexports.save = (p, d) => fs.promises.writeFile(p, d);\n" },
      errors: [{ messageId: 'inFlight', line: 5, column: 3 }, { messageId: 'inFlight', line: 6, column: 3 }],
      output: twoListens
        .replace("const app", "const { onShutdown } = require('../stability-runtime.cjs');\nconst app")
        .replace('  app.listen(8081);\n', '  const server = app.listen(8081);\n  onShutdown(() => new Promise((resolve) => server.close(resolve)));\n'),
    },
    {
      name: 'a #!/usr/bin/env node program is an entry without package.json (its folder writes files)',
      filename: 'bin/tool.js',
      code: `#!/usr/bin/env node\nconst os = require('os');\nconst t = setInterval(() => console.log(os.loadavg()), 500);\n`,
      files: { 'bin/report.js': "const fs = require('fs');\nexports.save = (line) => fs.appendFileSync('load.log', line);\n" },
      errors: [{ messageId: 'inFlight', data: { close: 'clear', noun: 'an interval timer', call: 'setInterval(…)', ...WRITES, registration: 'onShutdown(() => clearInterval(t))' }, line: 3, column: 11 }],
      output: `#!/usr/bin/env node\nconst os = require('os');\nconst { onShutdown } = require('../stability-runtime.cjs');\nconst t = setInterval(() => console.log(os.loadavg()), 500);\nonShutdown(() => clearInterval(t));\n`,
    },
  ],
});
