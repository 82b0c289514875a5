// Bundles the CLI, its lint worker, the language server and the VS Code client with esbuild.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writeRuntimeSource } from './gen-runtime-source.mjs';

// The runtime shim's text is embedded in the engine (fixes add it to projects): regenerate first.
writeRuntimeSource();

const watch = process.argv.includes('--watch');
const shim = fileURLToPath(new URL('./ts-morph-shim.mjs', import.meta.url));
const tsMorphShim = {
  name: 'ts-morph-shim',
  setup(build) {
    build.onResolve({ filter: /^ts-morph$/ }, () => ({ path: shim }));
    build.onResolve({ filter: /^ts-morph-original$/ }, () => ({ path: createRequire(import.meta.url).resolve('ts-morph') }));
  },
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD `main` requires its modules dynamically, which a bundle cannot follow.
  mainFields: ['module', 'main'],
  plugins: [tsMorphShim],
};
// The CLI, its worker and the server are bundles loaded by a small launcher through V8's code
// cache (scripts/code-cache-loader.cjs); the VS Code client is small and loads plainly.
const entries = [
  { in: 'cli/main.ts', out: 'dist/cli-bundle.js', launcher: 'dist/cli.js', shebang: true },
  { in: 'cli/lint-worker.ts', out: 'dist/lint-worker-bundle.js', launcher: 'dist/lint-worker.js' },
  { in: 'server/main.ts', out: 'dist/server-bundle.js', launcher: 'dist/server.js', shebang: true },
  { in: 'client/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
].filter((e) => existsSync(e.in));

const builds = entries.map((e) => ({
  ...common,
  entryPoints: [e.in],
  outfile: e.out,
  external: e.external ?? [],
}));

mkdirSync('dist', { recursive: true });
copyFileSync(fileURLToPath(new URL('./code-cache-loader.cjs', import.meta.url)), 'dist/code-cache.js');
for (const e of entries.filter((x) => x.launcher)) {
  const bundle = path.basename(e.out);
  const text = `${e.shebang ? '#!/usr/bin/env node\n' : ''}'use strict';\n// Runs ${bundle} through V8's code cache (see code-cache.js).\nrequire('./code-cache.js').run(require('node:path').join(__dirname, '${bundle}'), module);\n`;
  writeFileSync(e.launcher, text, { mode: 0o755 });
}
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
