// --cache: a file's result is reused while its content, the configuration in force for it, the
// tool version, the rules run and every module resolution it made are unchanged (a content
// hash, as ESLint's `--cache-strategy content`). Cross-file facts are never cached as
// verdicts: each file's raw result (findings, candidates, facts, exports) is reused and the
// project is settled afresh, so an edit in one file still changes findings in another.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedConfig } from './config';
import type { LintedFile, Resolution } from './lint-file';
import { ModuleResolver } from './resolve-module';
import { computeLineStarts } from './text';
import type { FileResult, Rule } from './types';

export interface CacheOptions {
  /** The cache file; a directory (existing, or written with a trailing slash) holds `.stability-lint-cache`. */
  location: string;
  /** The version of the tool: results of another version are never reused. */
  toolVersion: string;
}

export const DEFAULT_CACHE_FILE = '.stability-lint-cache';
/** Bumped when the shape of a cache file changes. */
const FORMAT = 1;

/** What a file's result is stored as: line starts are recomputed from the text the hash reads anyway. */
type StoredResult = Omit<FileResult, 'text' | 'lineStarts'>;

interface Entry {
  hash: string;
  config: string;
  resolutions: Resolution[];
  result: StoredResult;
}

interface CacheFile {
  format: number;
  run: string;
  entries: Record<string, Entry>;
}

export class LintCache {
  private readonly entries: Map<string, Entry>;
  private readonly configKeys = new WeakMap<ResolvedConfig, string>();
  /** Content hashes read this run, so a miss is stored under the hash that was looked up. */
  private readonly hashes = new Map<string, string>();
  /** A fresh resolver: resolutions are checked against the file system as it is now. */
  private readonly resolver = new ModuleResolver();
  private changed = false;

  private constructor(readonly file: string, private readonly run: string, entries: Map<string, Entry>) {
    this.entries = entries;
  }

  /**
   * Opens the cache for a run of `rules`; a missing, unreadable or foreign cache file starts
   * empty (a cache can always be thrown away).
   */
  static open(opts: CacheOptions, cwd: string, rules: ReadonlyMap<string, Rule<any>>): LintCache {
    const file = cacheFilePath(opts.location, cwd);
    const run = runKey(opts.toolVersion, rules);
    let entries = new Map<string, Entry>();
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
      if (data.format === FORMAT && data.run === run) entries = new Map(Object.entries(data.entries));
    } catch {
      // no cache yet, or a damaged one: lint everything
    }
    return new LintCache(file, run, entries);
  }

  /** The stored result of `file` when it is still valid, else undefined (and the file's hash is noted for `store`). */
  lookup(file: string, config: ResolvedConfig): FileResult | undefined {
    if (config.typeAware) return undefined; // type answers depend on other files' content
    let buf: Buffer;
    try {
      const size = fs.statSync(file).size;
      if (size > config.maxFileSize) return undefined;
      buf = fs.readFileSync(file);
    } catch {
      return undefined;
    }
    const hash = createHash('sha1').update(buf).digest('base64');
    this.hashes.set(file, hash);
    const entry = this.entries.get(file);
    if (!entry || entry.hash !== hash || entry.config !== this.configKey(config)) return undefined;
    for (const [from, specifier, resolved] of entry.resolutions) {
      if ((this.resolver.resolve(from, specifier) ?? null) !== resolved) return undefined;
    }
    return { ...entry.result, lineStarts: computeLineStarts(buf.toString('utf8')) };
  }

  /** Keeps a fresh result for the next run. Results that say the file could not be linted are not kept. */
  store(result: LintedFile, config: ResolvedConfig): void {
    const hash = this.hashes.get(result.file);
    if (hash === undefined || result.fatal || config.typeAware || !result.resolutions) return;
    const { text: _text, lineStarts: _lineStarts, resolutions, ...stored } = result;
    this.entries.set(result.file, { hash, config: this.configKey(config), resolutions, result: stored });
    this.changed = true;
  }

  /** Writes the cache when anything changed, dropping entries of files that no longer exist. */
  save(): void {
    for (const file of this.entries.keys()) {
      if (!this.hashes.has(file) && !fs.existsSync(file)) {
        this.entries.delete(file);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    const data: CacheFile = { format: FORMAT, run: this.run, entries: Object.fromEntries(this.entries) };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    // Write then rename: a run killed half-way never leaves a truncated cache behind.
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(data));
    fs.renameSync(tmp, this.file);
    this.changed = false;
  }

  private configKey(config: ResolvedConfig): string {
    let key = this.configKeys.get(config);
    if (key === undefined) {
      key = createHash('sha1').update(JSON.stringify(config)).digest('base64');
      this.configKeys.set(config, key);
    }
    return key;
  }
}

/** The cache file for a `location`: itself, or `.stability-lint-cache` inside it when it is a folder. */
export function cacheFilePath(location: string, cwd: string): string {
  const abs = path.resolve(cwd, location);
  const isDir = /[\\/]$/.test(location) || (fs.existsSync(abs) && fs.statSync(abs).isDirectory());
  return isDir ? path.join(abs, DEFAULT_CACHE_FILE) : abs;
}

/** Everything run-wide a result depends on: tool version and the rules (ids, metadata, defaults). */
function runKey(toolVersion: string, rules: ReadonlyMap<string, Rule<any>>): string {
  const metas = [...rules.values()].map((r) => r.meta).sort((a, b) => a.id.localeCompare(b.id));
  return createHash('sha1').update(JSON.stringify({ toolVersion, format: FORMAT, metas })).digest('base64');
}
