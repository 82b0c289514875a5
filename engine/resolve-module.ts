// Turns an import specifier into a file of the project, by path and tsconfig `paths`, without
// the type checker and without the project's node_modules. Bare specifiers stay library names.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { FolderListings } from './folder-listings';
import { ownEntry } from './own-keys';
import { speedUp } from './speed-ups';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
// TypeScript ESM code imports './db.js' meaning './db.ts'.
const JS_TO_TS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
  '.jsx': ['.tsx'],
};

interface PathsConfig {
  baseUrl: string;
  paths: [pattern: string, targets: string[]][];
}

/**
 * Probe answers kept before they are dropped and asked again: each is a path, and a thread that
 * lints 20,000 files probed 45,000 of them (10 MiB it held to the end).
 */
const MAX_PROBES_KEPT = 20_000;

/** Resolves specifiers for one lint run; caches file-system probes, which repeat a lot. */
export class ModuleResolver {
  private readonly isFileCache = new Map<string, boolean>();
  /** Probes answered from folder listings (speed-up `folder-listings`). */
  private readonly folders = speedUp('folder-listings') ? new FolderListings() : undefined;
  private readonly pathsByDir = new Map<string, PathsConfig | null>();

  /** The library name for a bare specifier: `node:fs/promises` -> `fs/promises`. */
  static libraryName(specifier: string): string {
    return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  }

  /** Absolute path of the project file `specifier` names from `fromFile`, or undefined. */
  resolve(fromFile: string, specifier: string): string | undefined {
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
      return this.probe(path.resolve(path.dirname(fromFile), specifier));
    }
    const cfg = this.pathsFor(path.dirname(fromFile));
    if (!cfg) return undefined;
    for (const [pattern, targets] of cfg.paths) {
      const star = pattern.indexOf('*');
      let captured: string | undefined;
      if (star < 0) {
        if (pattern === specifier) captured = '';
      } else {
        const prefix = pattern.slice(0, star);
        const suffix = pattern.slice(star + 1);
        if (specifier.startsWith(prefix) && specifier.endsWith(suffix) && specifier.length >= prefix.length + suffix.length) {
          captured = specifier.slice(prefix.length, specifier.length - suffix.length);
        }
      }
      if (captured === undefined) continue;
      for (const target of targets) {
        const found = this.probe(path.resolve(cfg.baseUrl, target.replace('*', captured)));
        if (found) return found;
      }
    }
    return undefined;
  }

  private probe(base: string): string | undefined {
    if (this.isFile(base)) return base;
    const ext = path.extname(base);
    for (const alt of ownEntry(JS_TO_TS, ext) ?? []) {
      const candidate = base.slice(0, -ext.length) + alt;
      if (this.isFile(candidate)) return candidate;
    }
    for (const e of EXTENSIONS) if (this.isFile(base + e)) return base + e;
    for (const e of EXTENSIONS) if (this.isFile(path.join(base, 'index' + e))) return path.join(base, 'index' + e);
    return undefined;
  }

  private isFile(p: string): boolean {
    let known = this.isFileCache.get(p);
    if (known === undefined) {
      if (this.isFileCache.size >= MAX_PROBES_KEPT) {
        // A worker lints a big project's folders one after another: what it probed long ago is rarely asked again.
        this.isFileCache.clear();
        this.folders?.clear();
      }
      if (this.folders) known = this.folders.isFile(p);
      else {
        try {
          // Most probes miss; not throwing for them is most of the cost saved.
          known = fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
        } catch {
          known = false; // ENOTDIR and friends
        }
      }
      this.isFileCache.set(p, known);
    }
    return known;
  }

  /** tsconfig/jsconfig `paths` in force for a directory: the nearest config that has a file. */
  private pathsFor(dir: string): PathsConfig | null {
    const cached = this.pathsByDir.get(dir);
    if (cached !== undefined) return cached;
    let result: PathsConfig | null = null;
    const tsconfig = ['tsconfig.json', 'jsconfig.json'].map((n) => path.join(dir, n)).find((p) => this.isFile(p));
    if (tsconfig) result = readPaths(tsconfig, 0);
    else {
      const parent = path.dirname(dir);
      result = parent === dir ? null : this.pathsFor(parent);
    }
    this.pathsByDir.set(dir, result);
    return result;
  }
}

function readPaths(configFile: string, depth: number): PathsConfig | null {
  let json: any;
  try {
    json = parseJsonc(fs.readFileSync(configFile, 'utf8'));
  } catch {
    return null;
  }
  const dir = path.dirname(configFile);
  const opts = json?.compilerOptions ?? {};
  let inherited: PathsConfig | null = null;
  // Follow only relative `extends`: a package's tsconfig would need node_modules.
  const ext = typeof json?.extends === 'string' ? json.extends : undefined;
  if (ext && ext.startsWith('.') && depth < 5) {
    const target = path.resolve(dir, ext.endsWith('.json') ? ext : ext + '.json');
    inherited = readPaths(target, depth + 1);
  }
  if (opts.paths && typeof opts.paths === 'object') {
    const baseUrl = path.resolve(dir, typeof opts.baseUrl === 'string' ? opts.baseUrl : '.');
    const paths = Object.entries(opts.paths as Record<string, unknown>)
      .filter((e): e is [string, string[]] => Array.isArray(e[1]))
      .map(([k, v]) => [k, v.filter((t) => typeof t === 'string')] as [string, string[]]);
    return { baseUrl, paths };
  }
  return inherited;
}
