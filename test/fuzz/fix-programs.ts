// Programs for the fix fuzzer: snippets that each draw a fix (a thrown-away interval, a pool
// never closed, a fetch without a timeout, a loop without a stop, a class closed twice, …)
// composed at random into small packages: several copies in one scope, names the fixes would
// like already taken, every module system (TypeScript, ES modules, CommonJS, UMD), with and
// without semicolons, tabs or CRLF, and the class body starting on the `{` line.
import type { Random } from './random';

export type ModuleFlavor = 'ts' | 'esm-mjs' | 'esm-js' | 'cjs-js' | 'cjs-cjs' | 'cjs-strict' | 'umd';

interface Import {
  module: string;
  /** A default import (`http`), else named ones. */
  default?: string;
  names?: string[];
}

interface Snippet {
  imports: Import[];
  /** Field declarations a TypeScript class needs for the members it assigns (`pool: any;`). */
  fields?: string;
  /** Statements that may sit in a function body as well as at the top of the file. */
  movable: boolean;
  /** Code for copy number `k`; `exported` collects what the file exports. */
  code(k: number, exported: string[]): string;
}

const PG: Import = { module: 'pg', names: ['Pool'] };
const HTTP: Import = { module: 'node:http', default: 'http' };
const EVENTS: Import = { module: 'node:events', names: ['EventEmitter'] };

const fn = (exported: string[], name: string, text: string): string => {
  exported.push(name);
  return text;
};

export const SNIPPETS: Record<string, Snippet> = {
  interval: { imports: [], movable: true, code: (k) => `setInterval(() => console.log('tick ${k}'), 1000);` },
  namedInterval: {
    imports: [], movable: false,
    code: (k) => `function flush${k}() {\n  console.log('flush');\n}\nsetInterval(flush${k}, 1000);`,
  },
  pool: { imports: [PG], movable: false, code: (k, e) => fn(e, `pool${k}`, `const pool${k} = new Pool();`) },
  server: { imports: [HTTP], movable: true, code: () => `http.createServer((req, res) => res.end('ok')).listen(3000);` },
  cache: {
    imports: [], movable: false,
    code: (k, e) => fn(e, `remember${k}`, `const cache${k} = new Map();\nfunction remember${k}(key, value) {\n  cache${k}.set(key, value);\n}`),
  },
  fetch: {
    imports: [], movable: false,
    code: (k, e) => fn(e, `load${k}`, `async function load${k}(url) {\n  const res = await fetch(url);\n  return res.json();\n}`),
  },
  all: {
    imports: [], movable: false,
    code: (k, e) => fn(e, `loadAll${k}`, `async function loadAll${k}(urls) {\n  return Promise.all(urls.map(async (u) => fetch(u)));\n}`),
  },
  poll: {
    imports: [], movable: false,
    code: (k, e) => fn(e, `poll${k}`, `async function poll${k}(queue) {\n  while (true) {\n    const job = await queue.pop();\n    await job.run();\n  }\n}`),
  },
  retry: {
    imports: [], movable: false,
    code: (k, e) => fn(e, `fetchWithRetry${k}`, `async function fetchWithRetry${k}(url) {\n  while (true) {\n    try {\n      return await fetch(url);\n    } catch (err) {\n      await new Promise((r) => setTimeout(r, 1000));\n    }\n  }\n}`),
  },
  closeTwice: {
    imports: [PG], movable: false, fields: 'pool: any;',
    code: (k, e) => fn(e, `Store${k}`, `class Store${k} {\n  constructor() {\n    this.pool = new Pool();\n  }\n  async close() {\n    await this.pool.end();\n  }\n}`),
  },
  // The class body starts on the `{` line: a closed flag goes before `pool`, with its terminator.
  closeTwiceInline: {
    imports: [PG], movable: false,
    code: (k, e) => fn(e, `Db${k}`, `class Db${k} { pool = new Pool();\n  async close() {\n    await this.pool.end();\n  }\n}`),
  },
  startTwice: {
    imports: [], movable: false, fields: 'timer: any;',
    code: (k, e) => fn(e, `Ticker${k}`, `class Ticker${k} {\n  start() {\n    this.timer = setInterval(() => console.log('t'), 1000);\n  }\n  stop() {\n    clearInterval(this.timer);\n  }\n}`),
  },
  // The field is emptied somewhere, but not by destroy(): a guard on it would never let the object restart.
  startAfterDestroy: {
    imports: [], movable: false, fields: '_timer: any;',
    code: (k, e) => fn(e, `Runner${k}`, `class Runner${k} {\n  start() {\n    this._timer = setInterval(() => this.tick(), 1000);\n  }\n  tick() {\n    if (Math.random() > 2) this._timer = null;\n  }\n  destroy() {\n    clearInterval(this._timer);\n  }\n}`),
  },
  memo: {
    imports: [PG], movable: false,
    code: (k, e) => fn(e, `getClient${k}`, `const db${k} = new Pool();\nlet client${k};\nasync function getClient${k}() {\n  if (!client${k}) {\n    client${k} = await db${k}.connect();\n  }\n  return client${k};\n}`),
  },
  checkout: {
    imports: [PG], movable: false,
    code: (k, e) => fn(e, `query${k}`, `const qpool${k} = new Pool();\nasync function query${k}(sql) {\n  const c = await qpool${k}.connect();\n  const r = await c.query(sql);\n  c.release();\n  return r;\n}`),
  },
  listener: {
    imports: [EVENTS], movable: true,
    code: (k) => `const bus${k} = new EventEmitter();\nbus${k}.on('job', async (job) => {\n  await job.run();\n});`,
  },
};

/** Names fixes like to introduce, declared first so a fix must pick another. */
const TAKEN = [
  'const interval = 1;', 'let limit = 8;', 'function onShutdown() {\n  return 0;\n}', 'const retry = () => 0;', 'const limiter = null;',
  'const item = 0;', 'let boundedMap = 0;', 'const shutdownSignal = 0;', 'const server = 1;', 'const flush0Interval = 0;',
  'const client0Promise = 0;',
];

export interface GeneratedFile {
  rel: string;
  text: string;
}

export interface GeneratedProject {
  flavor: ModuleFlavor;
  files: Record<string, string>;
  /** What the generator chose, for a failure's message. */
  summary: string;
}

const EXT: Record<ModuleFlavor, string> = { ts: '.ts', 'esm-mjs': '.mjs', 'esm-js': '.js', 'cjs-js': '.js', 'cjs-cjs': '.cjs', 'cjs-strict': '.js', umd: '.js' };

/** One package (sometimes with a nested second one) of one to three files. */
export function generateProject(rng: Random): GeneratedProject {
  const flavor = rng.pick<ModuleFlavor>(['ts', 'ts', 'esm-mjs', 'esm-js', 'cjs-js', 'cjs-js', 'cjs-cjs', 'cjs-strict', 'umd']);
  const type = flavor === 'esm-js' || (flavor === 'cjs-cjs' && rng.chance(0.5)) ? 'module' : undefined;
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'fuzzed', version: '1.0.0', ...(type ? { type } : {}), main: `src/app0${EXT[flavor]}` }, null, 2) + '\n',
  };
  if (flavor === 'ts') {
    files['tsconfig.json'] = JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', strict: false, noEmit: true }, include: ['src'] }, null, 2) + '\n';
  }
  const parts: string[] = [flavor];
  const count = 1 + rng.int(3);
  for (let f = 0; f < count; f++) {
    const nested = f > 0 && rng.chance(0.25);
    const dir = nested ? 'packages/inner/src' : 'src';
    if (nested && !files['packages/inner/package.json']) {
      files['packages/inner/package.json'] = JSON.stringify({ name: 'inner', version: '1.0.0', ...(type ? { type } : {}) }, null, 2) + '\n';
    }
    const { text, summary } = generateFile(rng, flavor);
    files[`${dir}/app${f}${EXT[flavor]}`] = text;
    parts.push(`${dir}/app${f}: ${summary}`);
  }
  return { flavor, files, summary: parts.join('; ') };
}

/** One file: snippets (some repeated in one scope, some inside a function), taken names, a style. */
export function generateFile(rng: Random, flavor: ModuleFlavor): { text: string; summary: string } {
  const names = Object.keys(SNIPPETS);
  const chosen = Array.from({ length: 1 + rng.int(6) }, () => rng.pick(names));
  if (rng.chance(0.3)) chosen.push(chosen[0], chosen[0]);
  const taken = TAKEN.filter(() => rng.chance(0.2));
  const wrap = rng.chance(0.3);
  return { text: render(rng, flavor, chosen, taken, wrap), summary: `${chosen.join(',')}${taken.length ? ` taken=${taken.length}` : ''}${wrap ? ' wrapped' : ''}` };
}

/** The snippets as statements to add to an existing file of `flavor` (for mutated corpus files). */
export function snippetsFor(rng: Random, flavor: ModuleFlavor): { head: string; body: string } {
  const names = Object.keys(SNIPPETS).filter((n) => SNIPPETS[n].imports.length === 0);
  const chosen = Array.from({ length: 1 + rng.int(3) }, () => rng.pick(names));
  const exported: string[] = [];
  const body = chosen.map((n, k) => SNIPPETS[n].code(k + 100, exported)).join('\n\n');
  return { head: '', body: flavor === 'ts' ? body.replace(/\((url|urls|queue|key, value|sql)\)/g, (m) => m.replace(/(\w+)/g, '$1: any')) : body };
}

function render(rng: Random, flavor: ModuleFlavor, chosen: string[], taken: string[], wrap: boolean): string {
  const cjs = flavor.startsWith('cjs') || flavor === 'umd';
  const exported: string[] = [];
  const top: string[] = [];
  const inner: string[] = [];
  chosen.forEach((name, k) => {
    const s = SNIPPETS[name];
    let code = s.code(k, exported);
    if (flavor === 'ts' && s.fields) code = code.replace(/^(class \w+ \{)\n/, `$1\n  ${s.fields}\n`);
    (wrap && s.movable ? inner : top).push(code);
  });
  const imports = new Map<string, Import>();
  for (const name of chosen) for (const i of SNIPPETS[name].imports) imports.set(i.module, i);
  const importLines = [...imports.values()].map((i) => {
    if (cjs) return i.default ? `const ${i.default} = require('${i.module}');` : `const { ${i.names!.join(', ')} } = require('${i.module}');`;
    return i.default ? `import ${i.default} from '${i.module}';` : `import { ${i.names!.join(', ')} } from '${i.module}';`;
  });
  const body = [...taken, ...top];
  if (inner.length) {
    exported.push('setup');
    body.push(`function setup() {\n${inner.map((c) => indent(c)).join('\n')}\n}`);
  }
  let text: string;
  if (flavor === 'umd') {
    const factory = [...body, `return { ${exported.join(', ')} };`].map((c) => indent(c)).join('\n\n');
    text = `${importLines.join('\n')}\n\n(function (root, factory) {\n  if (typeof define === 'function' && define.amd) define([], factory);\n` +
      `  else if (typeof module === 'object' && module.exports) module.exports = factory();\n  else root.Fuzzed = factory();\n})(this, function () {\n${factory}\n});\n`;
  } else {
    const exports = !exported.length ? '' : cjs ? `module.exports = { ${exported.join(', ')} };` : `export { ${exported.join(', ')} };`;
    text = [importLines.join('\n'), ...body, exports].filter(Boolean).join('\n\n') + '\n';
  }
  if (flavor === 'ts') text = text.replace(/\((url|urls|queue|key, value|sql|job|req, res|u|r)\)/g, (m) => m.replace(/(\w+)/g, '$1: any'));
  if (flavor === 'cjs-strict') text = `'use strict';\n\n${text}`;
  if (cjs && rng.chance(0.2)) text = `#!/usr/bin/env node\n${text}`;
  if (rng.chance(0.2)) text = `// Generated by the fix fuzzer.\n${text}`;
  return style(rng, text);
}

function indent(code: string): string {
  return code.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');
}

/** Semicolons or none, two spaces, four or a tab, LF or CRLF. */
function style(rng: Random, text: string): string {
  let out = text;
  if (rng.chance(0.35)) out = out.replace(/;$/gm, '');
  const unit = rng.pick(['  ', '  ', '    ', '\t']);
  if (unit !== '  ') out = out.replace(/^((?: {2})+)/gm, (m) => unit.repeat(m.length / 2));
  if (rng.chance(0.15)) out = out.replace(/\n/g, '\r\n');
  return out;
}
