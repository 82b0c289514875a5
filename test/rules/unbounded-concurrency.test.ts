import rule from '../../rules/unbounded-concurrency';
import { runRuleTests } from '../rule-tester';

const SWAMPS = 'A large input opens that many sockets, connections or file handles at the same moment: the pool or upstream is swamped, calls time out, and the process can run out of memory or file descriptors (EMFILE).';
const fanOut = (combinator: string, what: string, array: string, limit = 8) =>
  `\`${combinator}\` starts ${what} for every element of \`${array}\` at once, with no bound on how many run together. ${SWAMPS} ` +
  `Run them through a limiter: \`const limit = limiter(${limit}); await ${combinator}(xs.map((x) => limit(() => …)))\`.`;
const forEachAsync = (array: string) =>
  `\`forEach\` ignores the promises its async callback returns: the callback starts for every element of \`${array}\` at once, nothing waits for them to finish, and a rejection is unhandled, which ends the process. ` +
  'Loop with `for (const x of xs) { await … }` to run them one at a time, or use a limiter with `Promise.all` to run a bounded number at once and wait for all of them.';
const startedInLoop = (call: string, unhandled = true) =>
  `\`${call}\` starts a promise on every iteration of this loop and nothing waits for it: they all run at once, as many as the loop has iterations` +
  `${unhandled ? ', and a rejection is unhandled, which ends the process' : ''}. ${SWAMPS} Await it in the loop, or start each through a limiter ` +
  '(`const limit = limiter(8)`, then `limit(() => …)`) and await them together.';
const collectedInLoop = (call: string, into: string) =>
  `\`${call}\` is started on every iteration of this loop and collected in \`${into}\`: they all run at once, as many as the loop has iterations. ${SWAMPS} ` +
  `Start each through a limiter: \`const limit = limiter(8)\`, then \`${into}.push(limit(() => …))\`.`;

const SHIM = { runtime: { import: '@acme/runtime' } };
const RUNTIME_STUB = {
  'node_modules/@acme/runtime/package.json': '{ "name": "@acme/runtime", "types": "index.d.ts" }',
  'node_modules/@acme/runtime/index.d.ts': 'export declare function limiter(n: number): <T>(fn: () => T | PromiseLike<T>) => Promise<T>;\n',
};
const USERS = 'interface User { id: string; email: string }\ndeclare function sendEmail(u: User): Promise<void>;\n';
const SEND_EMAIL_DECL = 'async function sendEmail(u: { email: string }): Promise<void> {\n  await fetch(`https://mail.internal/send?to=${u.email}`, { signal: AbortSignal.timeout(5000) });\n}\n';

runRuleTests(rule, {
  valid: [
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
  ],
  invalid: [
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
      files: { 'src/db.ts': 'export const db = {\n  async load(id: string) { return { id }; },\n  async index(row: { id: string }) { void row; },\n};\n', ...RUNTIME_STUB },
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
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.allSettled', what: '`fetch(…)`', array: 'skus', limit: 4 }, line: 2, column: 21 }],
      unsafeOutput: "import { limiter } from './stability-runtime';\n\nexport async function prices(skus: string[]) {\n  const limit = limiter(4);\n  const res = await Promise.allSettled(skus.map((s) => limit(() => fetch(`https://prices.internal/${s}`, { signal: AbortSignal.timeout(2000) }))));\n  return res;\n}\n",
      createdFiles: ['src/stability-runtime.ts'],
    },
    {
      name: 'an async function of the same file passed by name',
      code: `${SEND_EMAIL_DECL}export async function notifyAll(users: { email: string }[]) {\n  await Promise.all(users.map(sendEmail));\n}\n`,
      config: SHIM,
      files: RUNTIME_STUB,
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: '`sendEmail`', array: 'users', limit: 8 }, line: 5, column: 9 }],
      unsafeOutput: `import { limiter } from '@acme/runtime';\n\n${SEND_EMAIL_DECL}export async function notifyAll(users: { email: string }[]) {\n  const limit = limiter(8);\n  await Promise.all(users.map((item) => limit(() => sendEmail(item))));\n}\n`,
    },
    {
      name: 'Promise.race: the limiter is a suggestion, since which settles first may change',
      code: "export async function fastest(mirrors: string[]) {\n  return Promise.race(mirrors.map(async (m) => fetch(m)));\n}\n",
      config: SHIM,
      files: RUNTIME_STUB,
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
      errors: [{ messageId: 'fanOut', line: 1, column: 43 }],
      output: null,
    },
    {
      name: 'an async function imported from another project file, in a JS file',
      filename: 'src/jobs.js',
      code: "const { sendEmail } = require('./mailer');\n\nasync function notifyAll(users) {\n  await Promise.all(users.map((u) => sendEmail(u)));\n}\nmodule.exports = { notifyAll };\n",
      files: { 'src/mailer.js': "async function sendEmail(u) {\n  return u;\n}\nmodule.exports = { sendEmail };\n" },
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: '`sendEmail(…)`', array: 'users', limit: 8 }, line: 4, column: 9 }],
      unsafeOutput: "const { sendEmail } = require('./mailer');\nconst { limiter } = require('../stability-runtime.cjs');\n\nasync function notifyAll(users) {\n  const limit = limiter(8);\n  await Promise.all(users.map((u) => limit(() => sendEmail(u))));\n}\nmodule.exports = { notifyAll };\n",
    },
    {
      name: 'an async method of the same class',
      code: 'export class Sync {\n  async pushOne(id: string) {\n    await fetch(`/sync/${id}`, { method: \'POST\' });\n  }\n  async pushAll(ids: string[]) {\n    await Promise.all(ids.map((id) => this.pushOne(id)));\n  }\n}\n',
      config: SHIM,
      files: RUNTIME_STUB,
      errors: [{ messageId: 'fanOut', data: { combinator: 'Promise.all', what: '`this.pushOne(…)`', array: 'ids', limit: 8 }, line: 6, column: 11 }],
      unsafeOutput: "import { limiter } from '@acme/runtime';\n\nexport class Sync {\n  async pushOne(id: string) {\n    await fetch(`/sync/${id}`, { method: 'POST' });\n  }\n  async pushAll(ids: string[]) {\n    const limit = limiter(8);\n    await Promise.all(ids.map((id) => limit(() => this.pushOne(id))));\n  }\n}\n",
    },
    {
      name: 'p-queue without concurrency bounds nothing',
      code: "import PQueue from 'p-queue';\nconst queue = new PQueue({ autoStart: true });\nexport async function load(ids: string[]) {\n  return Promise.all(ids.map(async (id) => queue.add(() => fetch(`/items/${id}`))));\n}\n",
      typecheck: false,
      errors: [{ messageId: 'fanOut', line: 4, column: 10 }],
      unsafeOutput: "import PQueue from 'p-queue';\nimport { limiter } from './stability-runtime';\nconst queue = new PQueue({ autoStart: true });\nexport async function load(ids: string[]) {\n  const limit = limiter(8);\n  return Promise.all(ids.map((id) => limit(async () => queue.add(() => fetch(`/items/${id}`)))));\n}\n",
    },
    {
      name: 'forEach with an async callback over an array: rewritten as for…of with await',
      code: `${USERS}export async function notifyAll(users: User[]) {\n  users.forEach(async (u) => {\n    if (!u.email) return;\n    await sendEmail(u);\n  });\n}\n`,
      errors: [{ message: forEachAsync('users'), line: 4, column: 9, endLine: 4, endColumn: 16 }],
      unsafeOutput: `${USERS}export async function notifyAll(users: User[]) {\n  for (const u of users) {\n    if (!u.email) continue;\n    await sendEmail(u);\n  }\n}\n`,
    },
    {
      name: 'forEach with an index parameter over an array uses entries()',
      code: `${USERS}export async function notifyAll(users: User[]) {\n  users.forEach(async (u, i) => {\n    console.log(i);\n    await sendEmail(u);\n  });\n}\n`,
      errors: [{ messageId: 'forEachAsync', line: 4, column: 9 }],
      unsafeOutput: `${USERS}export async function notifyAll(users: User[]) {\n  for (const [i, u] of users.entries()) {\n    console.log(i);\n    await sendEmail(u);\n  }\n}\n`,
    },
    {
      name: 'Map.forEach(async (value, key)) iterates the entries',
      code: 'declare function save(k: string, v: number): Promise<void>;\nconst pending = new Map<string, number>();\nexport async function flush() {\n  pending.forEach(async (v, k) => save(k, v));\n}\n',
      errors: [{ messageId: 'forEachAsync', line: 4, column: 11 }],
      unsafeOutput: 'declare function save(k: string, v: number): Promise<void>;\nconst pending = new Map<string, number>();\nexport async function flush() {\n  for (const [k, v] of pending) {\n    await save(k, v);\n  }\n}\n',
    },
    {
      name: 'forEach over something we cannot classify: the rewrite is a suggestion',
      code: `${USERS}export async function notifyAll(repo: { all(): Iterable<User> & { forEach(cb: (u: User) => unknown): void } }) {\n  repo.all().forEach(async (u) => {\n    await sendEmail(u);\n  });\n}\n`,
      errors: [{
        messageId: 'forEachAsync', line: 4, column: 14,
        suggestions: [{
          title: 'Await each element in turn: `for … of` with `await`',
          output: `${USERS}export async function notifyAll(repo: { all(): Iterable<User> & { forEach(cb: (u: User) => unknown): void } }) {\n  for (const u of repo.all()) {\n    await sendEmail(u);\n  }\n}\n`,
        }],
      }],
      output: null,
    },
    {
      name: 'forEach in a function that is not async: reported, no rewrite',
      code: `${USERS}export function notifyAll(users: User[]) {\n  users.forEach(async (u) => {\n    await sendEmail(u);\n  });\n}\n`,
      errors: [{ messageId: 'forEachAsync', line: 4, column: 9, suggestions: [] }],
      output: null,
    },
    {
      name: 'forEach whose callback returns a value: no rewrite',
      code: `${USERS}export async function notifyAll(users: User[]) {\n  users.forEach(async (u) => {\n    return sendEmail(u);\n  });\n}\n`,
      errors: [{ messageId: 'forEachAsync', line: 4, column: 9, suggestions: [] }],
      output: null,
    },
    {
      name: 'forEach over a constant tuple is still reported: nothing waits and a rejection ends the process',
      code: "declare function warm(name: string): Promise<void>;\nexport async function boot() {\n  ['users', 'orders'].forEach(async (t) => {\n    await warm(t);\n  });\n}\n",
      errors: [{ messageId: 'forEachAsync', line: 3, column: 23 }],
      unsafeOutput: "declare function warm(name: string): Promise<void>;\nexport async function boot() {\n  for (const t of ['users', 'orders']) {\n    await warm(t);\n  }\n}\n",
    },
    {
      name: 'a promise started in a loop and not awaited: the await is a suggestion',
      code: `${SEND_EMAIL_DECL}export async function notifyAll(users: { email: string }[]) {\n  for (const u of users) {\n    sendEmail(u);\n  }\n}\n`,
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
      name: 'a .then chain on an unknown call proves a promise',
      code: "export function warm(keys: string[], cache: { load(k: string): any }) {\n  for (const k of keys) {\n    cache.load(k).then(() => console.log('warm', k));\n  }\n}\n",
      errors: [{ messageId: 'startedInLoop', data: { call: 'cache.load(…)', unhandled: ', and a rejection is unhandled, which ends the process', limit: 8 }, line: 3, column: 5 }],
      output: null,
    },
    {
      name: 'promises collected in the loop and awaited together',
      code: `${SEND_EMAIL_DECL}export async function notifyAll(users: { email: string }[]) {\n  const sends: Promise<void>[] = [];\n  for (const u of users) {\n    sends.push(sendEmail(u));\n  }\n  await Promise.all(sends);\n}\n`,
      errors: [{ message: collectedInLoop('sendEmail(…)', 'sends'), line: 7, column: 16 }],
      output: null,
    },
    {
      name: 'an imported async function started in a for…in loop',
      code: "import { refresh } from './cache';\nexport function refreshAll(entries: Record<string, number>) {\n  for (const key in entries) {\n    void refresh(key);\n  }\n}\n",
      files: { 'src/cache.ts': 'export async function refresh(key: string): Promise<void> {\n  await fetch(`/cache/${key}`);\n}\n' },
      errors: [{ messageId: 'startedInLoop', data: { call: 'refresh(…)', unhandled: ', and a rejection is unhandled, which ends the process', limit: 8 }, line: 4, column: 10, suggestions: [] }],
      output: null,
    },
    {
      name: 'an axios call in a loop',
      code: "import axios from 'axios';\nexport function ping(hosts: string[]) {\n  for (const h of hosts) axios.get(h, { timeout: 1000 });\n}\n",
      typecheck: false,
      errors: [{ messageId: 'startedInLoop', data: { call: 'axios.get(…)', unhandled: ', and a rejection is unhandled, which ends the process', limit: 8 }, line: 3, column: 26 }],
      output: null,
    },
  ],
});
