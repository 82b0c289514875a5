import rule from '../../rules/check-then-act';
import { runRuleTests } from '../rule-tester';

const CONCURRENT = 'concurrent callers all pass the check while the first one is still waiting';
const valueMessage = (check: string, target: string, hint: string) =>
  `\`${check}\` is checked, but \`${target}\` is assigned only after an \`await\`: ${CONCURRENT}, so each of them ` +
  'runs the initialisation — two concurrent requests both create a client and one of them leaks, holding its ' +
  `connections until the process dies. Keep the promise, not the result (\`${hint}\`), so every caller awaits the same one.`;
const flagMessage = (check: string, target: string, hint: string) =>
  `\`${check}\` is checked, but \`${target}\` is set only after an \`await\`: ${CONCURRENT}, so the initialisation runs ` +
  'once per caller — timers and workers started twice, migrations run concurrently. Memoize the promise ' +
  `(\`${hint}\`) so every caller awaits the same run, or claim the state before the first \`await\`.`;
const entryMessage = (check: string, write: string) =>
  `\`${check}\` is checked, but \`${write}\` stores the entry only after an \`await\`: ${CONCURRENT}, so every request ` +
  'for a missing key runs the load — a cold cache sends the same query N times at once, and a slow backend gets ' +
  'the whole burst. Store the promise before awaiting it (`map.set(key, load(key))`, then `await map.get(key)`), ' +
  'so later callers await the same load.';

const CLIENT = `interface Client {
  query(sql: string): Promise<unknown>;
}

declare function connect(): Promise<Client>;
`;

runRuleTests(rule, {
  valid: [
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
  ],
  invalid: [
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
        message: flagMessage('!this.ready', 'this.ready', 'await (this.#readyPromise ??= this.init())'),
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
      name: 'a cache entry set with an awaited load (no fix: the map would hold promises)',
      code: `const cache = new Map<string, string>();

export async function load(key: string) {
  if (!cache.has(key)) {
    cache.set(key, await fetchValue(key));
  }
  return cache.get(key);
}

declare function fetchValue(key: string): Promise<string>;
`,
      errors: [{ message: entryMessage('!cache.has(key)', 'cache.set(key, …)'), line: 4, column: 3, endLine: 4, endColumn: 23 }],
      output: null,
    },
    {
      name: 'early return on a hit, then load and store',
      code: `type User = { id: string };

export class Users {
  private cache = new Map<string, User>();

  async find(id: string) {
    if (this.cache.has(id)) return this.cache.get(id);
    const user = await fetchUser(id);
    this.cache.set(id, user);
    return user;
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
  ],
});
