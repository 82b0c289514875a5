// Which modules of a package start the service, read from its package.json: `main`, `bin`, the
// file the `start` script (and the scripts production runs) hands to node, tsx or ts-node, and
// npm's default `node server.js`. A built file (`dist/server.js`) also names its source
// (`src/server.ts`), since the source is what gets linted.
import * as path from 'node:path';
import { commandsIn, plainText, programName, scriptRunOf, type CommandOption, type Word } from '../shared/watch-commands';
import { ownEntry } from '../../engine/own-keys';

const opt = (value: boolean, ...names: string[]): CommandOption => ({ names, value });

/** Node's options that take the next word as their value. */
const NODE_VALUE_OPTIONS = opt(true, '-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file',
  '--env-file-if-exists', '--conditions', '-C', '--title', '--input-type', '--inspect-port', '--stack-trace-limit', '--watch-path');

/** Programs that run a module file: their options that take a value, and subcommands before the file. */
export const MODULE_RUNNERS: Record<string, { options: CommandOption[]; subcommands?: string[] }> = {
  node: { options: [NODE_VALUE_OPTIONS] },
  tsx: { options: [NODE_VALUE_OPTIONS, opt(true, '--tsconfig', '--include', '--exclude', '--ignore')], subcommands: ['watch'] },
  'ts-node': { options: [NODE_VALUE_OPTIONS, opt(true, '-P', '--project', '-O', '--compiler-options', '--compiler', '--cwd')] },
  'ts-node-esm': { options: [NODE_VALUE_OPTIONS, opt(true, '-P', '--project', '-O', '--compiler-options')] },
  'ts-node-dev': { options: [NODE_VALUE_OPTIONS, opt(true, '-P', '--project', '--ignore-watch', '--watch', '--interval', '--debounce')] },
  tsnd: { options: [NODE_VALUE_OPTIONS, opt(true, '-P', '--project', '--ignore-watch', '--watch', '--interval', '--debounce')] },
  nodemon: { options: [NODE_VALUE_OPTIONS, opt(true, '-w', '--watch', '-e', '--ext', '-i', '--ignore', '-d', '--delay', '-x', '--exec', '--signal')] },
  'node-dev': { options: [NODE_VALUE_OPTIONS] },
  'babel-node': { options: [NODE_VALUE_OPTIONS, opt(true, '--presets', '--plugins', '--config-file')] },
  bun: { options: [NODE_VALUE_OPTIONS], subcommands: ['run'] },
};

/** Folders a build writes to, mapped back to the source folder. */
const BUILD_DIRS = ['dist', 'build', 'lib', 'out'];
const TO_SOURCE_EXTENSION: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };
const EXTENSIONS = ['.js', '.ts', '.mjs', '.mts', '.cjs', '.cts'];

const isStartLike = (name: string): boolean =>
  name === 'start' || name === 'serve' || /^prod(uction)?(?![a-z0-9])/i.test(name) || /:prod(uction)?$/i.test(name);

/** The package's entry files, absolute; built paths also give their likely sources. */
export function entryModules(packageDir: string, pkg: { main?: unknown; bin?: unknown; scripts?: Record<string, string> }): string[] {
  const targets: string[] = [];
  if (typeof pkg.main === 'string') targets.push(pkg.main);
  if (typeof pkg.bin === 'string') targets.push(pkg.bin);
  else if (pkg.bin && typeof pkg.bin === 'object') for (const v of Object.values(pkg.bin)) if (typeof v === 'string') targets.push(v);
  const scripts = pkg.scripts ?? {};
  // npm runs `node server.js` for `npm start` when there is no start script.
  if (!Object.hasOwn(scripts, 'start')) targets.push('server.js');
  const seen = new Set<string>();
  const queue = Object.keys(scripts).filter(isStartLike);
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name) || typeof scripts[name] !== 'string') continue;
    seen.add(name);
    for (const words of commandsIn(plainText(scripts[name], 0))) {
      const run = scriptRunOf(words);
      if (run && run.dir === undefined) queue.push(...run.scripts.filter((s) => !s.includes('*')));
      const file = moduleFileOf(words);
      if (file) targets.push(file);
    }
  }
  return [...new Set(targets.flatMap((t) => sourceCandidates(path.resolve(packageDir, t), packageDir)))];
}

/** The file a runner command starts: `node --env-file=.env dist/server.js` -> `dist/server.js`. */
export function moduleFileOf(words: Word[]): string | undefined {
  const runner = ownEntry(MODULE_RUNNERS, programName(words[0]?.text));
  if (!runner) return undefined;
  let i = 1;
  if (runner.subcommands?.includes(words[1]?.text)) i = 2;
  for (; i < words.length; i++) {
    const w = words[i].text;
    if (w === '--') return words[i + 1]?.text;
    if (!w.startsWith('-')) return /\.[cm]?[jt]sx?$/.test(w) || !w.includes('.') ? w : undefined;
    const name = w.includes('=') ? w.slice(0, w.indexOf('=')) : w;
    if (!w.includes('=') && runner.options.some((o) => o.value && o.names.includes(name))) i++;
  }
  return undefined;
}

/** The file itself, with the extensions node would try, and the sources a build made it from. */
export function sourceCandidates(file: string, packageDir: string): string[] {
  const ext = path.extname(file);
  const base = ext ? file.slice(0, -ext.length) : file;
  const withExt = ext ? [file] : [...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(file, 'index' + e))];
  const out = new Set<string>();
  for (const f of withExt) {
    out.add(f);
    const e = path.extname(f);
    const sources = ownEntry(TO_SOURCE_EXTENSION, e)?.map((s) => f.slice(0, -e.length) + s) ?? [];
    for (const s of sources) out.add(s);
    const rel = path.relative(packageDir, f).split(path.sep);
    if (rel.length > 1 && BUILD_DIRS.includes(rel[0])) {
      for (const candidate of [f, ...sources]) {
        const inner = path.relative(path.join(packageDir, rel[0]), candidate);
        out.add(path.join(packageDir, 'src', inner));
        out.add(path.join(packageDir, inner));
      }
    }
  }
  return [...out];
}
