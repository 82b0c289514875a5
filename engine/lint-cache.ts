// --cache: a file's result is reused while its content, the configuration in force for it, the
// tool version, the rules run, every module resolution it made and every file-system fact it
// read (a package.json above it, a nodemon.json beside it, a JSON file's content) are unchanged. A file whose
// size and modification time are as stored is not read at all (ESLint's default metadata
// strategy); otherwise its content hash decides (ESLint's `content` strategy), so a touched but
// unchanged file is still a hit. Cross-file facts are never cached as
// verdicts: each file's raw result (findings, candidates, facts, exports) is reused and the
// project is settled afresh, so an edit in one file still changes findings in another.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedConfig } from './config';
import { FileSystemFacts, type FsFact } from './file-system-facts';
import type { LintedFile, Resolution } from './lint-file';
import { ModuleResolver } from './resolve-module';
import type { FileResult, Rule } from './types';

export interface CacheOptions {
  /** The cache file; a directory (existing, or written with a trailing slash) holds `.stability-lint-cache`. */
  location: string;
  /** The version of the tool: results of another version are never reused. */
  toolVersion: string;
  /**
   * Check every stored result's module resolutions and file-system facts on this thread before
   * saving, so a recording of this thread's file-system reads (run-replay.ts) covers them all.
   */
  checkStoredDependencies?: boolean;
}

export const DEFAULT_CACHE_FILE = '.stability-lint-cache';
/** Bumped when the shape of a cache file changes (4: entries record the file-system facts read). */
const FORMAT = 4;

/** What a file's result is stored as; line starts are kept only where messages will need them. */
type StoredResult = Omit<FileResult, 'text' | 'lineStarts' | 'fsFacts'>;

interface Entry {
  hash: string;
  size: number;
  mtimeMs: number;
  config: string;
  resolutions: Resolution[];
  fsFacts: FsFact[];
  result: StoredResult;
  /** Only for results with findings, candidates or directives: the rest never place a message. */
  lineStarts?: number[];
}

interface CacheFile {
  format: number;
  run: string;
  entries: Record<string, Entry>;
}

export class LintCache {
  private readonly entries: Map<string, Entry>;
  private readonly configKeys = new WeakMap<ResolvedConfig, string>();
  /** Content hashes and stats read this run, so a miss is stored under what was looked up. */
  private readonly hashes = new Map<string, string>();
  private readonly stats = new Map<string, { size: number; mtimeMs: number }>();
  /** A fresh resolver and file-system view: what a result depended on is checked as the disk is now. */
  private readonly resolver = new ModuleResolver();
  private readonly fileSystem = new FileSystemFacts();
  private changed = false;
  /** A type-aware config was in force for some file: its results depend on other files' content. */
  sawTypeAware = false;
  /** With `checkStoredDependencies`: what fresh results that are not kept depended on, checked with the rest. */
  private readonly unstored: Pick<Entry, 'resolutions' | 'fsFacts'>[] = [];

  private constructor(readonly file: string, private readonly run: string, entries: Map<string, Entry>, private readonly checkStored = false) {
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
    return new LintCache(file, run, entries, opts.checkStoredDependencies);
  }

  /** The stored result of `file` when it is still valid, else undefined (and the file's hash is noted for `store`). */
  lookup(file: string, config: ResolvedConfig): FileResult | undefined {
    if (config.typeAware) {
      this.sawTypeAware = true;
      return undefined; // type answers depend on other files' content
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return undefined;
    }
    if (stat.size > config.maxFileSize) return undefined;
    const meta = { size: stat.size, mtimeMs: stat.mtimeMs };
    this.stats.set(file, meta);
    const entry = this.entries.get(file);
    const sameMeta = entry !== undefined && entry.size === meta.size && entry.mtimeMs === meta.mtimeMs;
    if (sameMeta) this.hashes.set(file, entry.hash);
    else {
      let buf: Buffer;
      try {
        buf = fs.readFileSync(file);
      } catch {
        return undefined;
      }
      this.hashes.set(file, createHash('sha1').update(buf).digest('base64'));
    }
    if (!entry || entry.hash !== this.hashes.get(file) || entry.config !== this.configKey(config)) return undefined;
    for (const [from, specifier, resolved] of entry.resolutions) {
      if ((this.resolver.resolve(from, specifier) ?? null) !== resolved) return undefined;
    }
    if (!entry.fsFacts.every((f) => this.fileSystem.holds(f))) return undefined;
    if (!sameMeta) {
      // Touched but unchanged: remember the new time so the next run need not read it.
      Object.assign(entry, meta);
      this.changed = true;
    }
    return { ...entry.result, lineStarts: entry.lineStarts ?? [0] };
  }

  /** Keeps a fresh result for the next run. Results that say the file could not be linted are not kept. */
  store(result: LintedFile, config: ResolvedConfig): void {
    const hash = this.hashes.get(result.file);
    if (hash === undefined || result.fatal || result.ruleErrors || config.typeAware || !result.resolutions) {
      // Not kept (a skipped generated file, a parse error), yet what it read decided its result.
      if (this.checkStored) this.unstored.push({ resolutions: result.resolutions ?? [], fsFacts: result.fsFacts ?? [] });
      return;
    }
    const meta = this.stats.get(result.file);
    if (!meta) return;
    const { text: _text, lineStarts, resolutions, fsFacts = [], sourceFile: _tree, ...stored } = result;
    const placesMessages = stored.findings.length > 0 || stored.candidates.length > 0 || stored.directives.length > 0;
    this.entries.set(result.file, {
      hash, ...meta, config: this.configKey(config), resolutions, fsFacts, result: stored, ...(placesMessages ? { lineStarts } : {}),
    });
    this.changed = true;
  }

  /** Writes the cache when anything changed, dropping entries of files that no longer exist. */
  save(): void {
    if (this.checkStored) {
      for (const entry of [...this.entries.values(), ...this.unstored]) {
        for (const [from, specifier] of entry.resolutions) this.resolver.resolve(from, specifier);
        for (const f of entry.fsFacts) this.fileSystem.holds(f);
      }
    }
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
