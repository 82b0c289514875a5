// Bundles the CLI, its lint worker and the language server into one bundle, and the VS Code client
// into another, with esbuild. Usage: node scripts/build.mjs [--dev] [--watch]
//   --dev    adds source maps (dist/*.map; never packed: package.json `files`, .vscodeignore)
//   --watch  rebuilds on change (implies --dev)
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writeRuntimeSource } from './gen-runtime-source.mjs';

// The runtime shim's text is embedded in the engine (fixes add it to projects): regenerate first.
writeRuntimeSource();

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');
const shim = fileURLToPath(new URL('./ts-morph-shim.mjs', import.meta.url));
const requireFromHere = createRequire(import.meta.url);
const tsMorphShim = {
  name: 'ts-morph-shim',
  setup(build) {
    // `import { ts } from 'ts-morph'` gets the compiler alone (the shim); `require('ts-morph')`, made
    // only where ts-morph's own API is used (type-aware configs), gets the package, loaded on that call.
    build.onResolve({ filter: /^ts-morph$/ }, (args) => ({ path: args.kind === 'require-call' ? requireFromHere.resolve('ts-morph') : shim }));
    build.onResolve({ filter: /^ts-morph-typescript$/ }, () => ({ path: path.join(path.dirname(requireFromHere.resolve('@ts-morph/common')), 'typescript.js') }));
  },
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: dev ? 'linked' : false,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD `main` requires its modules dynamically, which a bundle cannot follow.
  mainFields: ['module', 'main'],
  plugins: [tsMorphShim],
};
// The CLI, its worker threads and the server share one bundle (dist/bundle.js, entry
// scripts/shared-bundle.ts), so the package holds one copy of the TypeScript compiler; each is a
// small launcher that runs it through V8's code cache (scripts/code-cache-loader.cjs) and starts
// its own program. The VS Code client is small and loads plainly.
const SHARED = { in: 'scripts/shared-bundle.ts', out: 'dist/bundle.js' };
// The CLI's launcher is a small bundle of its own (cli/start.ts): it answers --help, --version and
// wrong usage without loading the compiler, and starts the shared bundle for anything else.
const CLI_ENTRY = { in: 'cli/start.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node', external: ['./code-cache.js'] };
// A lint worker loads the bundle without the code cache: deserializing the cache materialises
// every function it holds up front and keeps its 9 MB buffer, which cost each worker 20–27 MiB of
// peak memory on the TS corpus for no CPU saved (alternated runs: the compile it spares is spent
// deserializing; the main thread has done its start-up by the time workers lint).
const launchers = [
  { program: 'lint-worker', file: 'dist/lint-worker.js', what: 'A lint worker thread of the CLI', codeCache: false },
  { program: 'server', file: 'dist/server.js', shebang: true, what: 'The stability-lint language server' },
];
const entries = [SHARED, CLI_ENTRY, { in: 'client/extension.ts', out: 'dist/extension.js', external: ['vscode'] }].filter((e) => existsSync(e.in));

const builds = entries.map((e) => ({
  ...common,
  entryPoints: [e.in],
  outfile: e.out,
  external: e.external ?? [],
  ...(e.banner ? { banner: { js: e.banner } } : {}),
}));

mkdirSync('dist', { recursive: true });
const written = new Set(['dist/code-cache.js', ...launchers.map((l) => l.file), ...entries.flatMap((e) => (dev ? [e.out, `${e.out}.map`] : [e.out]))]);
copyFileSync(fileURLToPath(new URL('./code-cache-loader.cjs', import.meta.url)), 'dist/code-cache.js');
for (const l of launchers) {
  const text = l.codeCache === false
    ? `${l.shebang ? '#!/usr/bin/env node\n' : ''}'use strict';\n// ${l.what}: starts it in ${path.basename(SHARED.out)} (compiled lazily, without the code cache: see scripts/build.mjs).\nrequire('./${path.basename(SHARED.out)}').start('${l.program}');\n`
    : `${l.shebang ? '#!/usr/bin/env node\n' : ''}'use strict';\n// ${l.what}: starts it in ${path.basename(SHARED.out)} through V8's code cache (see code-cache.js).\nrequire('./code-cache.js').run(require('node:path').join(__dirname, '${path.basename(SHARED.out)}'), module, '${l.program}');\n`;
  writeFileSync(l.file, text, { mode: 0o755 });
}
// Whatever an earlier build left (source maps after a --dev build, bundles since merged) would be
// packed or shipped stale.
for (const f of readdirSync('dist')) {
  if (!written.has(`dist/${f}`)) rmSync(path.join('dist', f), { recursive: true, force: true });
}
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  for (const e of entries) asciiOnly(e.out);
  chmodSync(CLI_ENTRY.out, 0o755);
}

/**
 * esbuild escapes non-ASCII characters in strings but keeps the comments it preserves as they
 * are, and one `…` or `→` in a comment makes V8 hold the whole 15.8 MB bundle as a two-byte
 * string: 31.6 MB in every thread that loads it instead of 15.8 MB. Escaped (`\uXXXX` is
 * valid in strings, regular expressions, template literals and identifiers; in a comment it is
 * only text), the bundle is one byte per character.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(file, ascii);
}
