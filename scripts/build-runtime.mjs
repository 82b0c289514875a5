// Builds the JavaScript variants of the runtime shim (ESM and CommonJS) from
// runtime/stability-runtime.ts with the TypeScript compiler, which keeps the comments a reader
// of the shim needs (esbuild drops them). Usage: node scripts/build-runtime.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const RUNTIME_SOURCE = join(ROOT, 'runtime/stability-runtime.ts');
const OUT_DIR = join(ROOT, 'runtime/dist');

// TypeScript's printer drops blank lines; a marker comment on each one survives as a leading
// comment of the next statement and is turned back into a blank line afterwards.
const BLANK = '//__stability_runtime_blank__';

/** The shim as JavaScript: `{ esm, cjs }`, each ending in one newline. */
export function buildRuntimeJs(source = readFileSync(RUNTIME_SOURCE, 'utf8')) {
  const marked = source.replace(/^[ \t]*$/gm, BLANK);
  const transpile = (module) =>
    ts.transpileModule(marked, {
      fileName: 'stability-runtime.ts',
      compilerOptions: { target: ts.ScriptTarget.ES2022, module, removeComments: false, newLine: ts.NewLineKind.LineFeed },
    }).outputText;
  return { esm: tidy(transpile(ts.ModuleKind.ESNext)), cjs: tidy(transpile(ts.ModuleKind.CommonJS)) };
}

// Two-space indentation, as the TypeScript source is written; one blank line at most.
function tidy(js) {
  return js
    .replace(/^(?: {4})+/gm, (indent) => ' '.repeat(indent.length / 2))
    .replace(new RegExp(`^[ \\t]*${BLANK}$`, 'gm'), '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .replace(/\n*$/, '\n');
}

/** Writes runtime/dist/stability-runtime.mjs and .cjs. */
export function writeRuntimeJs() {
  const { esm, cjs } = buildRuntimeJs();
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'stability-runtime.mjs'), esm);
  writeFileSync(join(OUT_DIR, 'stability-runtime.cjs'), cjs);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) writeRuntimeJs();
