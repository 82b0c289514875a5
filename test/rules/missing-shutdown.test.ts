import { runRuleTests } from '../rule-tester';
import rule from '../../rules/missing-shutdown';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ name: 'orders-api', version: '1.0.0', ...fields }, null, 2) + '\n';
const startingSrcServer = { 'package.json': pkg({ type: 'module', scripts: { build: 'tsc', start: 'node dist/server.js' } }) };

const message = (noun: string, call: string, harm: string, registration: string) =>
  `This entry module opens ${noun} (\`${call}\`), but nothing in the package handles SIGTERM or SIGINT. On every ` +
  `deploy, scale-down or \`docker stop\` Node then exits at once: ${harm}. Close it on shutdown: \`${registration}\`.`;
const SERVER_HARM = 'requests in flight are cut off and clients see connection resets';
const POOL_HARM = 'queries and transactions in flight are abandoned half-done';
const TIMER_HARM = 'a periodic job can be killed half-way through its work';

const expressServer = `import express from 'express';
import { router } from './routes.js';

const app = express();
app.use(router);
app.listen(Number(process.env.PORT ?? 3000), () => console.log('listening'));
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
  ],
  invalid: [
    {
      name: 'Express entry named by the start script through dist/ -> src/: the server handle is kept and closed on shutdown',
      filename: 'src/server.ts',
      code: expressServer,
      files: { ...startingSrcServer, 'src/routes.ts': `import express from 'express';\nexport const router = express.Router();\n` },
      typecheck: false,
      errors: [{
        message: message('a server', 'app.listen(…)', SERVER_HARM, 'onShutdown(() => new Promise((resolve) => server.close(resolve)))'),
        line: 6, column: 1, endLine: 6, endColumn: 77, severity: 'warn',
      }],
      output: expressServer
        .replace("import { router } from './routes.js';\n", "import { router } from './routes.js';\nimport { onShutdown } from './stability-runtime.js';\n")
        .replace("app.listen(", 'const server = app.listen(')
        .replace("'listening'));\n", "'listening'));\nonShutdown(() => new Promise((resolve) => server.close(resolve)));\n"),
      createdFiles: ['src/stability-runtime.ts'],
    },
    {
      name: 'CommonJS main: http server, pg pool and an interval, each reported and registered',
      filename: 'index.js',
      code: `'use strict';
const http = require('http');
const { Pool } = require('pg');

const pool = new Pool({ connectionTimeoutMillis: 5000 });
const server = http.createServer((req, res) => res.end('ok'));
server.listen(8080);
setInterval(() => pool.query('SELECT 1'), 30000);
`,
      files: { 'package.json': pkg({ main: 'index.js' }) },
      errors: [
        { messageId: 'noShutdown', data: { noun: 'a database pool', call: 'new Pool(…)', harm: POOL_HARM, registration: 'onShutdown(() => pool.end())' }, line: 5, column: 14 },
        { messageId: 'noShutdown', data: { noun: 'a server', call: 'http.createServer(…)', harm: SERVER_HARM, registration: 'onShutdown(() => new Promise((resolve) => server.close(resolve)))' }, line: 6, column: 16 },
        { messageId: 'noShutdown', data: { noun: 'an interval timer', call: 'setInterval(…)', harm: TIMER_HARM, registration: 'onShutdown(() => clearInterval(timer))' }, line: 8, column: 1 },
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
      name: 'tsx start script; Fastify started in an async main() called at top level; the app itself closes',
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
      files: { 'package.json': pkg({ scripts: { start: 'tsx --env-file=.env src/main.ts' } }) },
      typecheck: false,
      errors: [{ messageId: 'noShutdown', data: { noun: 'a server', call: 'app.listen(…)', harm: SERVER_HARM, registration: 'onShutdown(() => app.close())' }, line: 5, column: 9 }],
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
      name: 'bin entry in ESM: a chained createServer().listen() keeps its handle',
      filename: 'bin/serve.mjs',
      code: `#!/usr/bin/env node\nimport http from 'node:http';\n\nhttp.createServer((req, res) => res.end('ok')).listen(4000);\n`,
      files: { 'package.json': pkg({ bin: { serve: './bin/serve.mjs' } }) },
      errors: [{ messageId: 'noShutdown', line: 4, column: 1 }],
      output: `#!/usr/bin/env node\nimport http from 'node:http';\nimport { onShutdown } from '../stability-runtime.cjs';\n\nconst server = http.createServer((req, res) => res.end('ok')).listen(4000);\nonShutdown(() => new Promise((resolve) => server.close(resolve)));\n`,
    },
    {
      name: 'npm\'s default start (server.js) with no start script; a beforeExit listener does not run on SIGTERM',
      filename: 'server.js',
      code: `const http = require('http');\nconst server = http.createServer();\nserver.listen(3000);\nprocess.on('beforeExit', () => server.close());\n`,
      files: { 'package.json': pkg({ scripts: { test: 'node --test' } }) },
      errors: [{ messageId: 'noShutdown', line: 2, column: 16 }],
      output: `const http = require('http');\nconst { onShutdown } = require('./stability-runtime.cjs');\nconst server = http.createServer();\nonShutdown(() => new Promise((resolve) => server.close(resolve)));\nserver.listen(3000);\nprocess.on('beforeExit', () => server.close());\n`,
    },
    {
      name: 'ws server in an entry that a prod script runs through npm run',
      filename: 'src/realtime.ts',
      code: `import { WebSocketServer } from 'ws';\n\nexport const wss = new WebSocketServer({ port: 8081 });\n`,
      files: { 'package.json': pkg({ scripts: { 'start:prod': 'npm run serve', serve: 'node build/realtime.js' } }) },
      typecheck: false,
      errors: [{ messageId: 'noShutdown', data: { noun: 'a server', call: 'new WebSocketServer(…)', harm: SERVER_HARM, registration: 'onShutdown(() => new Promise((resolve) => wss.close(resolve)))' }, line: 3, column: 20 }],
      output: `import { WebSocketServer } from 'ws';\nimport { onShutdown } from './stability-runtime';\n\nexport const wss = new WebSocketServer({ port: 8081 });\nonShutdown(() => new Promise((resolve) => wss.close(resolve)));\n`,
    },
    {
      name: 'a #!/usr/bin/env node program is an entry without package.json',
      filename: 'bin/tool.js',
      code: `#!/usr/bin/env node\nconst os = require('os');\nconst t = setInterval(() => console.log(os.loadavg()), 500);\n`,
      errors: [{ messageId: 'noShutdown', data: { noun: 'an interval timer', call: 'setInterval(…)', harm: TIMER_HARM, registration: 'onShutdown(() => clearInterval(t))' }, line: 3, column: 11 }],
      output: `#!/usr/bin/env node\nconst os = require('os');\nconst { onShutdown } = require('../stability-runtime.cjs');\nconst t = setInterval(() => console.log(os.loadavg()), 500);\nonShutdown(() => clearInterval(t));\n`,
    },
  ],
});
