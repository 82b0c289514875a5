// --cache: a file's result is reused while its content, the configuration in force for it, the
// tool version, the rules run, every module resolution it made and every file-system fact it
// read (a package.json above it, a nodemon.json beside it, a JSON file's content) are unchanged. A file whose
// size and modification time are as stored is not read at all (ESLint's default metadata
// strategy); otherwise its content hash decides (ESLint's `content` strategy), so a touched but
// unchanged file is still a hit. Cross-file facts are never cached as
// verdicts: each file's raw result (findings, candidates, facts, exports) is reused and the
// project is settled afresh, so an edit in one file still changes findings in another.
//
// The file is not one JSON document: a header line, a table of the strings entries share (paths,
// rule ids, names), then one line per file. A run parses the lines of the files it looks up and
// writes back the lines of unchanged files as they were read, so a run with one file changed
// re-encodes one entry, not the whole project's facts.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ScannedImports, StoredImportScans } from './build-copies';
import type { ResolvedConfig } from './config';
import { FileSystemFacts, type FsFact } from './file-system-facts';
import type { LintedFile, Resolution } from './lint-file';
import { ModuleResolver } from './resolve-module';
import { StringPool } from './string-pool';
import type { FileResult, ProjectFact, Rule } from './types';

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
/** Bumped when the shape of a cache file changes (4: entries record the file-system facts read; 5: lines, a string table, facts as arrays). */
const FORMAT = 5;

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
  /** The file's relative import specifiers, when discovery read them (engine/build-copies.ts). */
  imports?: string[];
  /**
   * The facts as the file holds them (CompactFact arrays of string numbers, or encoded objects),
   * while `result.facts` is left empty: a run hands them on as numbers (`storedFacts`).
   */
  storedFacts?: unknown[];
}

/** A result's facts as a --cache file holds them, in its string table (the run's pool): `LintCache.factsAsNumbers`. */
export interface StoredFacts {
  written: readonly unknown[];
  strings: StringPool;
}

/** The first line of a cache file. */
interface Header {
  format: number;
  run: string;
  /** The size of the string table when it was last rebuilt; it is rebuilt when it has grown well past that. */
  tableBase: number;
}

export class LintCache implements StoredImportScans {
  /** Entries decoded this run, and entries stored or changed this run (`rewrite`). */
  private readonly entries = new Map<string, Entry>();
  private readonly rewrite = new Set<string>();
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
  /** Entries whose every resolution and file-system fact `lookup` found holding (`save` need not check them again). */
  private readonly checked = new WeakSet<Entry>();
  /** Resolutions made this run, by folder and specifier (all a resolution depends on): files share imports. */
  private readonly resolved = new Map<string, string | null>();
  /** With `checkStoredDependencies`: what fresh results that are not kept depended on, checked with the rest. */
  private readonly unstored: Pick<Entry, 'resolutions' | 'fsFacts'>[] = [];
  /** The imports discovery read this run (`keepImportScans`). */
  private importScans: ReadonlyMap<string, ScannedImports> = new Map();

  private constructor(
    readonly file: string,
    private readonly run: string,
    /** Each file's line as read, not yet decoded. */
    private readonly lines: Map<string, string>,
    private readonly strings: StringTable,
    private readonly tableBase: number,
    private readonly checkStored = false,
  ) {}

  /**
   * Opens the cache for a run of `rules`; a missing, unreadable or foreign cache file starts
   * empty (a cache can always be thrown away).
   */
  static open(opts: CacheOptions, cwd: string, rules: ReadonlyMap<string, Rule<any>>): LintCache {
    const file = cacheFilePath(opts.location, cwd);
    const run = runKey(opts.toolVersion, rules);
    const read = readCacheFile(file, run);
    return read
      ? new LintCache(file, run, read.lines, read.strings, read.tableBase, opts.checkStoredDependencies)
      : new LintCache(file, run, new Map(), new StringTable([]), 0, opts.checkStoredDependencies);
  }

  /** The stored entry of `file`, decoded on first use; a line that does not decode is no entry. */
  private entry(file: string): Entry | undefined {
    let entry = this.entries.get(file);
    if (entry === undefined) {
      const line = this.lines.get(file);
      if (line === undefined) return undefined;
      try {
        entry = decodeEntry(JSON.parse(line), this.strings);
      } catch {
        this.lines.delete(file);
        this.changed = true;
        return undefined;
      }
      this.entries.set(file, entry);
    }
    return entry;
  }

  /** The relative imports discovery read from `file` in an earlier run, while its size and modification time are the same. */
  storedImports(file: string, size: number, mtimeMs: number): string[] | undefined {
    const entry = this.entry(file);
    return entry?.imports !== undefined && entry.size === size && entry.mtimeMs === mtimeMs ? entry.imports : undefined;
  }

  /** The imports this run's discovery read: kept with the entries of the files as they were when read. */
  keepImportScans(scans: ReadonlyMap<string, ScannedImports>): void {
    this.importScans = scans;
  }

  /** The imports read this run from a file of this size and time, when there are any. */
  private scannedImports(file: string, meta: { size: number; mtimeMs: number }): string[] | undefined {
    const scan = this.importScans.get(file);
    return scan && scan.size === meta.size && scan.mtimeMs === meta.mtimeMs ? scan.specifiers : undefined;
  }

  /** The stored result of `file` when it is still valid, else undefined (and the file's hash is noted for `store`). */
  lookup(file: string, config: ResolvedConfig): (FileResult & { storedFacts?: StoredFacts }) | undefined {
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
    const entry = this.entry(file);
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
      if (this.resolve(from, specifier) !== resolved) return undefined;
    }
    if (!entry.fsFacts.every((f) => this.fileSystem.holds(f))) return undefined;
    this.checked.add(entry);
    if (!sameMeta) {
      // Touched but unchanged: remember the new time so the next run need not read it.
      Object.assign(entry, meta);
      this.rewrite.add(file);
      this.changed = true;
    }
    const imports = entry.imports === undefined ? this.scannedImports(file, meta) : undefined;
    if (imports) {
      entry.imports = imports;
      this.rewrite.add(file);
      this.changed = true;
    }
    const hit = { ...entry.result, lineStarts: entry.lineStarts ?? [0] };
    return entry.storedFacts ? { ...hit, facts: [], storedFacts: { written: entry.storedFacts, strings: this.strings } } : hit;
  }

  /** The string table of the cache file: a run numbers strings in it (StringPool), so stored facts need no translating. */
  get pool(): StringPool {
    return this.strings;
  }

  /**
   * A hit's stored facts: the unconditional ones as numbers, four a fact (PlainFacts.setNumbered),
   * in `stored.strings`, and the rest as objects.
   */
  static factsAsNumbers(stored: StoredFacts): { numbers: number[]; others: ProjectFact[] } {
    const numbers: number[] = [];
    const others: ProjectFact[] = [];
    const strings = stored.strings as StringTable;
    for (const f of stored.written) {
      if (Array.isArray(f) && f.length === 3) {
        const ref = f[2] as CompactFact[2];
        if (typeof ref === 'number') numbers.push(f[0], f[1], ref, -1);
        else numbers.push(f[0], f[1], ref[0], ref[1]);
      } else {
        others.push(Array.isArray(f) ? expandFact(f as CompactFact, strings) : (strings.decode(structuredClone(f)) as ProjectFact));
      }
    }
    return { numbers, others };
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
    const imports = this.scannedImports(result.file, meta);
    this.entries.set(result.file, {
      hash, ...meta, config: this.configKey(config), resolutions, fsFacts, result: stored, ...(placesMessages ? { lineStarts } : {}), ...(imports ? { imports } : {}),
    });
    this.rewrite.add(result.file);
    this.changed = true;
  }

  /** Writes the cache when anything changed, dropping entries of files that no longer exist. */
  save(): void {
    const files = new Set([...this.lines.keys(), ...this.entries.keys()]);
    if (this.checkStored) {
      for (const file of files) {
        const entry = this.entry(file);
        if (entry && !this.checked.has(entry)) this.checkDependencies(entry);
      }
      for (const entry of this.unstored) this.checkDependencies(entry);
    }
    for (const file of files) {
      if (!this.hashes.has(file) && !fs.existsSync(file)) {
        files.delete(file);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    // Strings of entries rewritten or dropped stay in the table; past twice its rebuilt size
    // (and a floor, so small projects do not rebuild every run) it is rebuilt from the live entries.
    const rebuild = this.strings.size > 2 * this.tableBase + 4096;
    const strings = rebuild ? new StringTable([]) : this.strings;
    const out: string[] = [];
    for (const file of files) {
      const entry = rebuild || this.rewrite.has(file) || !this.lines.has(file) ? this.entry(file) : undefined;
      const line = entry ? JSON.stringify(encodeEntry(entry, strings, this.strings)) : this.lines.get(file);
      if (line !== undefined) out.push(`${JSON.stringify(file)}\t${line}`);
    }
    const header: Header = { format: FORMAT, run: this.run, tableBase: rebuild ? strings.size : this.tableBase || strings.size };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    // Write then rename: a run killed half-way never leaves a truncated cache behind.
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(header)}\n${JSON.stringify(strings.all())}\n${out.join('\n')}`);
    fs.renameSync(tmp, this.file);
    this.changed = false;
  }

  private checkDependencies(entry: Pick<Entry, 'resolutions' | 'fsFacts'>): void {
    for (const [from, specifier] of entry.resolutions) this.resolve(from, specifier);
    for (const f of entry.fsFacts) this.fileSystem.holds(f);
  }

  /** What `specifier` resolves to from `from` now; the answer depends on `from`'s folder only. */
  private resolve(from: string, specifier: string): string | null {
    const key = `${path.dirname(from)}\0${specifier}`;
    let resolved = this.resolved.get(key);
    if (resolved === undefined) this.resolved.set(key, (resolved = this.resolver.resolve(from, specifier) ?? null));
    return resolved;
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

/** A cache file's lines by file, with its string table; undefined when missing, damaged or of another format or run. */
function readCacheFile(file: string, run: string): { lines: Map<string, string>; strings: StringTable; tableBase: number } | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const first = text.indexOf('\n');
    const second = text.indexOf('\n', first + 1);
    if (first < 0 || second < 0) return undefined;
    const header = JSON.parse(text.slice(0, first)) as Header;
    if (header.format !== FORMAT || header.run !== run) return undefined;
    const strings = new StringTable(JSON.parse(text.slice(first + 1, second)) as string[]);
    const lines = new Map<string, string>();
    for (const line of text.slice(second + 1).split('\n')) {
      const tab = line.indexOf('\t'); // JSON escapes tabs inside strings, so the first one ends the key
      if (tab > 0) lines.set(JSON.parse(line.slice(0, tab)) as string, line.slice(tab + 1));
    }
    return { lines, strings, tableBase: header.tableBase };
  } catch {
    return undefined; // no cache yet, or a damaged one: lint everything
  }
}

/** What a cache file holds, decoded: for tests and for looking into a cache by hand. */
export function readCacheEntries(file: string): Record<string, Entry> {
  const text = fs.readFileSync(file, 'utf8');
  const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as Header;
  const read = readCacheFile(file, header.run);
  if (!read) throw new Error(`${file} is not a cache file of format ${FORMAT}`);
  return Object.fromEntries([...read.lines].map(([f, line]) => {
    const entry = decodeEntry(JSON.parse(line), read.strings);
    entry.result.facts = factsOf(entry, read.strings);
    delete entry.storedFacts;
    return [f, entry];
  }));
}

/**
 * An entry as written: its project facts as arrays of string-table indices, `[rule, kind, ref]`
 * with a module binding as `[file, name]` and conditions last (most of a cache's bytes are facts:
 * 77,000 on the TS corpus, read by every run), the rest with every string through the table. A
 * fact of another shape is written as an object.
 */
function encodeEntry(entry: Entry, strings: StringTable, readWith: StringTable): unknown {
  const { facts: _facts, ...result } = entry.result;
  const { storedFacts, ...rest } = entry;
  const written = strings.encode({ ...rest, result }) as { result: Record<string, unknown> };
  // Facts read from the file go back as read, unless the table is being rebuilt.
  written.result.facts = storedFacts && strings === readWith ? storedFacts : factsOf(entry, readWith).map((f) => compactFact(f, strings) ?? strings.encode(f));
  return written;
}

/** An entry's facts as objects. */
function factsOf(entry: Entry, strings: StringTable): ProjectFact[] {
  if (!entry.storedFacts) return entry.result.facts;
  return entry.storedFacts.map((f) => (Array.isArray(f) ? expandFact(f as CompactFact, strings) : (strings.decode(structuredClone(f)) as ProjectFact)));
}

/** Decodes a line's entry, its facts left as written (`storedFacts`) once checked to name strings of the table. */
function decodeEntry(written: unknown, strings: StringTable): Entry {
  const w = written as Entry;
  const facts = w.result.facts as unknown[];
  w.result.facts = [];
  const entry = strings.decode(w) as Entry;
  for (const f of facts) checkFact(f, strings);
  entry.storedFacts = facts;
  return entry;
}

/** Throws (the line is damaged) when a written fact is neither a CompactFact of the table's strings nor an object. */
function checkFact(f: unknown, strings: StringTable): void {
  if (!Array.isArray(f)) {
    if (f === null || typeof f !== 'object') throw new Error('cache fact of no known shape');
    return;
  }
  const [rule, kind, ref, ifAll] = f as CompactFact;
  strings.at(rule);
  strings.at(kind);
  if (typeof ref === 'number') strings.at(ref);
  else if (Array.isArray(ref) && ref.length === 2) {
    strings.at(ref[0]);
    strings.at(ref[1]);
  } else throw new Error('cache fact of no known shape');
  if (ifAll !== undefined) {
    if (!Array.isArray(ifAll)) throw new Error('cache fact of no known shape');
    for (const c of ifAll) checkFact(c, strings);
  }
}

type CompactFact = [rule: number, kind: number, ref: number | [file: number, name: number], ifAll?: CompactFact[]];

function compactFact(fact: ProjectFact, strings: StringTable): CompactFact | undefined {
  const plain = Object.keys(fact).every((k) => k === 'rule' || k === 'kind' || k === 'ref' || k === 'ifAll');
  const ref = fact.ref;
  const binding = typeof ref === 'object' && ref !== null && Object.keys(ref).length === 2 && typeof ref.file === 'string' && typeof ref.name === 'string';
  if (!plain || typeof fact.rule !== 'string' || typeof fact.kind !== 'string' || (typeof ref !== 'string' && !binding)) return undefined;
  if (fact.ifAll !== undefined && !Array.isArray(fact.ifAll)) return undefined;
  const out: CompactFact = [strings.id(fact.rule), strings.id(fact.kind), typeof ref === 'string' ? strings.id(ref) : [strings.id(ref.file), strings.id(ref.name)]];
  if (fact.ifAll) {
    const conditions = fact.ifAll.map((c) => compactFact(c, strings));
    if (!conditions.every((c) => c !== undefined)) return undefined;
    out.push(conditions as CompactFact[]);
  }
  return out;
}

function expandFact([rule, kind, ref, ifAll]: CompactFact, strings: StringTable): ProjectFact {
  const fact: ProjectFact = { rule: strings.at(rule), kind: strings.at(kind), ref: typeof ref === 'number' ? strings.at(ref) : { file: strings.at(ref[0]), name: strings.at(ref[1]) } };
  if (ifAll) fact.ifAll = ifAll.map((c) => expandFact(c, strings));
  return fact;
}

/**
 * The strings a cache file's entries share (80,000 facts name a few thousand paths and names):
 * a string of four characters or more is stored once and written as a reference, DEL (which JSON
 * leaves unescaped) then its index in base 36. Decoding shares one string among every entry.
 */
class StringTable extends StringPool {
  override at(i: number): string {
    const s = super.at(i);
    if (typeof s !== 'string') throw new Error('cache string reference out of range');
    return s;
  }

  encode(value: unknown): unknown {
    if (typeof value === 'string') {
      if (value.length < 4 && value.charCodeAt(0) !== REF) return value;
      return REF_MARK + this.id(value).toString(36);
    }
    if (Array.isArray(value)) return value.map((v) => this.encode(v));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = Object.create(null); // an export named __proto__ stays a key
      for (const [k, v] of Object.entries(value)) out[k] = this.encode(v);
      return out;
    }
    return value;
  }

  /** Decodes in place (the value is fresh from JSON.parse). */
  decode(value: unknown): unknown {
    if (typeof value === 'string') {
      if (value.charCodeAt(0) !== REF) return value;
      return this.at(parseInt(value.slice(1), 36));
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.decode(value[i]);
    } else if (value !== null && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = this.decode(o[k]);
    }
    return value;
  }
}

const REF = 0x7f;
const REF_MARK = String.fromCharCode(REF);

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
