// The file-system facts a file's lint depends on beyond its own text: whether a file exists
// (a package.json above it, a nodemon.json beside it) and what a JSON file holds. Rules ask the
// context, never the disk; each answer is recorded with the file's result, as module resolutions
// are, so --cache reuses a result only while every fact still holds and the language server
// re-lints the files that depended on a file created, deleted or changed.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';

/** A fact as recorded: a path is a file or not; a JSON file's content hash (null: missing or unreadable). */
export type FsFact = [file: string, kind: 'file', isFile: boolean] | [file: string, kind: 'json', hash: string | null];

/** JSON files larger than this are read as missing: a package.json is a few KB; 10 MB is an attack or an accident. */
const MAX_JSON_BYTES = 4 * 1024 * 1024;

interface JsonEntry {
  hash: string | null;
  value: Record<string, unknown> | undefined;
}

/** File-system lookups for one run, cached: the same package.json is asked about by every file below it. */
export class FileSystemFacts {
  private readonly files = new Map<string, boolean>();
  private readonly jsons = new Map<string, JsonEntry>();

  isFile(file: string): boolean {
    let known = this.files.get(file);
    if (known === undefined) {
      try {
        known = fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
      } catch {
        known = false; // ENOTDIR, ELOOP, EACCES on a folder above
      }
      this.files.set(file, known);
    }
    return known;
  }

  /** The parsed JSON (comments allowed) of a file that holds an object; the hash of what was read. */
  json(file: string): JsonEntry {
    let entry = this.jsons.get(file);
    if (!entry) {
      entry = readJson(file);
      this.jsons.set(file, entry);
    }
    return entry;
  }

  /** Whether a recorded fact still holds on disk now. */
  holds(fact: FsFact): boolean {
    return fact[1] === 'file' ? this.isFile(fact[0]) === fact[2] : this.json(fact[0]).hash === fact[2];
  }

  /** Forget what is known about one path (it changed on disk). */
  forget(file: string): void {
    this.files.delete(file);
    this.jsons.delete(file);
  }
}

function readJson(file: string): JsonEntry {
  let buf: Buffer;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { hash: null, value: undefined };
    if (stat.size > MAX_JSON_BYTES) return { hash: `size:${stat.size}:${stat.mtimeMs}`, value: undefined };
    buf = fs.readFileSync(file);
  } catch {
    return { hash: null, value: undefined };
  }
  const hash = createHash('sha1').update(buf).digest('base64');
  let value: unknown;
  try {
    value = parseJsonc(buf.toString('utf8'));
  } catch {
    value = undefined;
  }
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  return { hash, value: isObject ? (value as Record<string, unknown>) : undefined };
}

/** The lookups of one file's lint, answered by the run's cache and recorded for the result. */
export class FileFacts {
  private readonly recorded = new Map<string, FsFact>();
  /** Rules ask for the package folder over and over: once per folder, the facts recorded the first time. */
  private readonly packageDirs = new Map<string, string | undefined>();

  constructor(private readonly base: FileSystemFacts) {}

  fileExists(file: string): boolean {
    const abs = path.resolve(file);
    const isFile = this.base.isFile(abs);
    this.recorded.set(`file\0${abs}`, [abs, 'file', isFile]);
    return isFile;
  }

  /** The object a JSON file holds (comments allowed); undefined when it is missing, unreadable, not an object or over 4 MB. */
  readJson(file: string): Record<string, unknown> | undefined {
    const abs = path.resolve(file);
    const { hash, value } = this.base.json(abs);
    this.recorded.set(`json\0${abs}`, [abs, 'json', hash]);
    return value;
  }

  /** The nearest folder from `dir` upwards that holds a package.json, as npm looks for it; undefined when none does. */
  packageDirOf(dir: string): string | undefined {
    if (this.packageDirs.has(dir)) return this.packageDirs.get(dir);
    let found: string | undefined;
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
      if (this.fileExists(path.join(d, 'package.json'))) {
        found = d;
        break;
      }
      if (path.dirname(d) === d) break;
    }
    this.packageDirs.set(dir, found);
    return found;
  }

  /** Every fact looked up so far, in the order first asked. */
  facts(): FsFact[] {
    return [...this.recorded.values()];
  }
}
