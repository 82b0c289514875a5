// Type-checks a temporary project's TypeScript files against @types/node (and the library
// types this repo has as dev dependencies), reusing parsed lib files across calls for speed.
import * as fs from 'node:fs';
import * as path from 'node:path';
// The repo's own TypeScript (the `typescript` dev dependency) type-checks fixed code; the
// compiler bundled in ts-morph has no lib .d.ts files to check against.
import ts from 'typescript';

const REPO = path.resolve(__dirname, '..');
const libCache = new Map<string, ts.SourceFile>();

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts', 'lib.dom.d.ts'],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
  // Projects that write `./x.ts` imports (Node's type stripping, Deno, Bun) allow them; a fix copies the file's style.
  allowImportingTsExtensions: true,
  allowJs: false,
  types: ['node'],
  typeRoots: [path.join(REPO, 'node_modules/@types')],
};

/** Type errors in the project's .ts files, as `file:line message` strings (empty when it compiles). */
export function typecheckErrors(dir: string, _files?: Record<string, string>): string[] {
  const roots = listTs(dir);
  if (!roots.length) return [];
  const host = ts.createCompilerHost(OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, lang, onError, create) => {
    const cacheable = fileName.includes(`${path.sep}node_modules${path.sep}`) || /lib\.[\w.]+\.d\.ts$/.test(fileName);
    if (!cacheable) return getSourceFile(fileName, lang, onError, create);
    let sf = libCache.get(fileName);
    if (!sf) {
      sf = getSourceFile(fileName, lang, onError, create);
      if (sf) libCache.set(fileName, sf);
    }
    return sf;
  };
  // Library imports resolve from this repo's node_modules (the fixtures have none of their own).
  host.resolveModuleNames = undefined;
  const base = host.fileExists.bind(host);
  host.fileExists = (f) => base(f) || base(f.replace(dir, REPO));
  const options = { ...OPTIONS, paths: { '*': [path.join(REPO, 'node_modules/*'), path.join(REPO, 'node_modules/@types/*')] } };
  const program = ts.createProgram(roots, options, host);
  return ts.getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const where = d.file ? `${path.relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : '';
      return where + ts.flattenDiagnosticMessageText(d.messageText, ' ');
    });
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') out.push(...listTs(p));
    else if (/\.(ts|mts|cts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}
