// Bundles the CLI, its lint worker, the language server and the VS Code client with esbuild.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
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
const entries = [
  { in: 'cli/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { in: 'engine/lint-worker.ts', out: 'dist/lint-worker.js' },
  { in: 'server/main.ts', out: 'dist/server.js', banner: '#!/usr/bin/env node' },
  { in: 'client/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
].filter((e) => existsSync(e.in));

const builds = entries.map((e) => ({
  ...common,
  entryPoints: [e.in],
  outfile: e.out,
  external: e.external ?? [],
  banner: e.banner ? { js: e.banner } : undefined,
}));
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
