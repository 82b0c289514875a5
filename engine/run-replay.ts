// --cache when nothing changed: the last run's output is printed again without loading the
// compiler. A run records every file-system observation its main thread made (each folder listed,
// file read or stat-ed, path tested; the module resolutions and file-system facts of every cached
// file are checked on the main thread to that end) and what it printed. The next run with the
// same arguments, environment and build replays that output when every observation still holds
// (a file's size and modification time as ESLint's metadata strategy, a folder's names, a path's
// existence); anything else runs the whole --cache path. The main thread's work is a function of
// those observations and of the cached files' results, which the observations cover too.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What was observed of a path: read (or opened), stat-ed, lstat-ed, tested for, listed, resolved to its real path. */
type Kind = 'read' | 'stat' | 'lstat' | 'exists' | 'list' | 'real';
export type Observation = [kind: Kind, file: string, fingerprint: string];

export interface Replay {
  key: string;
  /** Files the run writes itself (the cache, this replay, the report): no input, and left out of folder listings. */
  ownFiles: string[];
  observations: Observation[];
  stdout: string;
  stderr: string;
  exitCode: number;
  /** --output-file: where the report went, and the report. */
  outputFile?: string;
  report?: string;
}

/** Bumped when the shape of a replay file changes. */
const FORMAT = 1;

/** The replay file kept beside a --cache file. */
export function replayFilePath(cacheFile: string): string {
  return `${cacheFile}.replay`;
}

export interface ReplayKeyInput {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
  stderrIsTTY: boolean;
  toolVersion: string;
  /** The built bundle (dist/bundle.js) that lints: another build may lint differently under the same version. */
  bundle: string;
}

/** Everything outside the file system a run's output depends on. */
export function replayKey(k: ReplayKeyInput): string {
  const env = Object.entries(k.env).filter(([name]) => /^(STABILITY_LINT_|NO_COLOR$|FORCE_COLOR$|TERM$)/.test(name)).sort(([a], [b]) => a.localeCompare(b));
  let bundle = 'none';
  try {
    const st = fs.statSync(k.bundle);
    bundle = `${st.size}:${st.mtimeMs}`;
  } catch {
    // not built: no replay is ever keyed to it
  }
  const data = { format: FORMAT, argv: k.argv, cwd: k.cwd, env, tty: [k.isTTY, k.stderrIsTTY], version: k.toolVersion, bundle, node: process.version };
  return createHash('sha1').update(JSON.stringify(data)).digest('base64');
}

/** The stored replay when its key matches and every observation still holds; else undefined. */
export function validReplay(file: string, key: string): Replay | undefined {
  let replay: Replay;
  try {
    replay = JSON.parse(fs.readFileSync(file, 'utf8')) as Replay;
  } catch {
    return undefined;
  }
  if (replay.key !== key || !Array.isArray(replay.observations) || !Array.isArray(replay.ownFiles)) return undefined;
  const ignored = ownNames(replay.ownFiles);
  for (const [kind, p, fingerprint] of replay.observations) {
    if (fingerprintOf(kind, p, ignored) !== fingerprint) return undefined;
  }
  return replay;
}

export function saveReplay(file: string, replay: Replay): void {
  try {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ ...replay, observations: newestFirst(replay.observations) }));
    fs.renameSync(tmp, file);
  } catch {
    // a replay is only a shortcut: without it the next run takes the --cache path
  }
}

/**
 * The observations of files, newest first, then the rest as made: a file edited since the last
 * run is most often one edited shortly before it, so the next run finds a stale replay stale
 * after a few checks instead of half of them. Every observation is checked either way.
 */
function newestFirst(observations: Observation[]): Observation[] {
  const mtime = (o: Observation) => (o[2].startsWith('f:') ? Number(o[2].slice(o[2].lastIndexOf(':') + 1)) : -Infinity);
  return observations.map((o, i) => ({ o, i, t: mtime(o) })).sort((a, b) => b.t - a.t || a.i - b.i).map((x) => x.o);
}

/** Drops the replay (a run that cannot be replayed: fixes, type-aware configs, internal errors). */
export function dropReplay(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // an unwritable cache folder: the run reports it when it saves the cache
  }
}

const PATCHED = ['readFileSync', 'openSync', 'statSync', 'lstatSync', 'existsSync', 'readdirSync', 'realpathSync'] as const;
const KIND: Record<(typeof PATCHED)[number], Kind> = {
  readFileSync: 'read', openSync: 'read', statSync: 'stat', lstatSync: 'lstat', existsSync: 'exists', readdirSync: 'list', realpathSync: 'real',
};
/** fs's own functions, taken before any recording patches them: fingerprints are no observations. */
const own = { existsSync: fs.existsSync, readdirSync: fs.readdirSync, realpathSync: fs.realpathSync, statSync: fs.statSync, lstatSync: fs.lstatSync };

/**
 * Records the file-system observations of this thread until `stop()`, which returns them. A stat,
 * an existence test or a real path is recorded as the call answered it; a read or a listing is
 * fingerprinted just before the call (a file changed in between fails the next check rather than
 * passing it). Calls on file descriptors and opens for writing are no input, nor are `ownFiles`,
 * the files the run writes itself (and their temporary files). The first observation of a path wins.
 */
export function recordObservations(ownFiles: readonly string[]): { stop(): Observation[] } {
  // The module object itself: what every `import * as fs` reads its functions from.
  const realFs = require('node:fs') as Record<string, unknown>;
  const originals = new Map<string, unknown>();
  const seen = new Map<string, Observation>();
  const ignored = ownNames(ownFiles);
  const skip = (p: string) => ignored.get(path.dirname(p))?.has(path.basename(p).replace(TMP, '')) === true;
  for (const name of PATCHED) {
    const original = realFs[name] as (...args: unknown[]) => unknown;
    originals.set(name, original);
    const kind = KIND[name];
    const wrapper = function (this: unknown, ...args: unknown[]) {
      const target = args[0];
      if (!(typeof target === 'string' || target instanceof URL) || (name === 'openSync' && /[wa+]/.test(String(args[1] ?? 'r')))) {
        return original.apply(this, args);
      }
      const p = path.resolve(typeof target === 'string' ? target : target.pathname);
      const id = `${kind}\0${p}`;
      if (seen.has(id) || skip(p)) return original.apply(this, args);
      if (kind === 'read' || kind === 'list') {
        seen.set(id, [kind, p, fingerprintOf(kind, p, ignored)]);
        return original.apply(this, args);
      }
      let answer: unknown;
      try {
        answer = original.apply(this, args);
      } catch (e) {
        seen.set(id, [kind, p, failed(e)]);
        throw e;
      }
      seen.set(id, [kind, p, kind === 'exists' ? (answer ? '1' : '0') : kind === 'real' ? String(answer) : answer === undefined ? 'x:ENOENT' : statPrint(answer as fs.Stats)]);
      return answer;
    };
    realFs[name] = Object.assign(wrapper, original); // realpathSync.native and the like
  }
  return {
    stop() {
      for (const [name, original] of originals) realFs[name] = original;
      return [...seen.values()];
    },
  };
}

/** A temporary file written on the way to one of the run's own files (write, then rename). */
const TMP = /\.\d+\.tmp$/;

/** The run's own files, by folder. */
function ownNames(ownFiles: readonly string[]): Map<string, Set<string>> {
  const byDir = new Map<string, Set<string>>();
  for (const f of ownFiles) {
    const dir = path.dirname(f);
    if (!byDir.has(dir)) byDir.set(dir, new Set());
    byDir.get(dir)!.add(path.basename(f));
  }
  return byDir;
}

function fingerprintOf(kind: Kind, p: string, ignored: ReadonlyMap<string, ReadonlySet<string>>): string {
  try {
    switch (kind) {
      case 'exists':
        return own.existsSync(p) ? '1' : '0';
      case 'list': {
        const names = own.readdirSync(p, { withFileTypes: true })
          .filter((e) => !ignored.get(p)?.has(e.name.replace(TMP, '')))
          .map((e) => `${e.name}/${e.isDirectory() ? 'd' : e.isFile() ? 'f' : e.isSymbolicLink() ? 'l' : 'o'}`)
          .sort();
        return createHash('sha1').update(names.join('\0')).digest('base64');
      }
      case 'real':
        return own.realpathSync(p);
      default:
        return statPrint(kind === 'lstat' ? own.lstatSync(p) : own.statSync(p));
    }
  } catch (e) {
    return failed(e);
  }
}

/** A file by size and modification time; a folder only as one (its time moves whenever a file is added; its listing is an observation of its own). */
function statPrint(st: fs.Stats): string {
  return st.isFile() ? `f:${st.size}:${st.mtimeMs}` : st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : 'o';
}

function failed(e: unknown): string {
  return `x:${(e as NodeJS.ErrnoException).code ?? 'error'}`;
}
