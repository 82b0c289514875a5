import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule, { lowestMajor } from '../../rules/unhandled-async-callback';
import { runRuleTests, type InvalidCase, type TestCase } from '../rule-tester';

const CRASH = 'so when it rejects the rejection is unhandled, and Node (15 and later) ends the process on an unhandled rejection, taking every in-flight request and job with it.';
const listener = (sink: string, rejects: string) =>
  `\`${sink}\` calls this async listener and ignores the promise it returns (EventEmitters do not await listeners), ${CRASH} Nothing catches \`${rejects}\`. Wrap the body in try/catch and handle the error there (log it, emit 'error', nack the message).`;
const timer = (sink: string, rejects: string) =>
  `\`${sink}\` runs this async callback and ignores the promise it returns, ${CRASH} Nothing catches \`${rejects}\`. Wrap the body in try/catch and handle the error there (log it, count it, stop the timer).`;
const route = (sink: string, rejects: string) =>
  `\`${sink}\`: Express 4 calls this async handler and ignores the promise it returns: when \`${rejects}\` rejects, no response is sent (the request hangs until the client gives up) and, as an unhandled rejection, it ends the Node process (15 and later). Wrap the body in try/catch and pass the error to \`next(err)\` (Express 5 does this itself).`;
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

const valid: (TestCase | string)[] = [
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
];

const invalid: InvalidCase[] = [
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
    name: 'setInterval with an expression-bodied async arrow',
    code: `${EMITTER}export const timerHandle = setInterval(async () => handle(await Promise.resolve('tick')), 1000);
`,
    errors: [{
      message: timer('setInterval(…)', 'await Promise.resolve(…)'), line: 4, column: 40, endColumn: 51,
      suggestions: [{
        title: LOG,
        output: `${EMITTER}export const timerHandle = setInterval(async () => {
  try {
    handle(await Promise.resolve('tick'));
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
    code: `${EMITTER}bus.once('ready', async () => {
  try {
    await handle('ready');
  } catch (err) {
    console.error(err);
    throw err;
  }
});
`,
    errors: [{ messageId: 'listener', data: { sink: "bus.once('ready', …)", rejects: 'throw' }, line: 4, column: 19 }],
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
    name: 'process.on with a named async function expression',
    code: `declare function drain(): Promise<void>;
process.on('SIGTERM', async function onTerm() {
  await drain();
  process.exit(0);
});
`,
    errors: [{ messageId: 'listener', data: { sink: "process.on('SIGTERM', …)", rejects: 'await drain()' }, line: 2, column: 23, endLine: 2, endColumn: 46, severity: 'error' }],
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
