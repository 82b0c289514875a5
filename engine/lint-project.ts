// A whole lint run for the CLI: discover, lint every file once (streaming, across worker
// threads for big runs), settle cross-file candidates, optionally fix and write.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyFixes, type FixMode } from './apply-fixes';
import { ConfigLoader } from './config';
import { findFiles, UsageError, type DiscoveryOptions } from './files';
import { heapTrimmer, tightenHeapGrowth } from './heap-trim';
import { LintCache, type CacheOptions, type StoredFacts } from './lint-cache';
import { lintFile, LintSession, type LintedFile } from './lint-file';
import { ProjectFacts } from './project-facts';
import { compactResult } from './result-memory';
import { settledFindings, toMessages, type SettleOptions } from './settle';
import { inShard, type Shard } from './shard';
import { speedUp } from './speed-ups';
import { StringPool } from './string-pool';
import type { FileReport, FileResult, Rule } from './types';
import { lintInWorkers, streamInWorkers, type WorkerRules } from './worker-pool';

export interface LintRunOptions extends SettleOptions {
  cwd: string;
  paths: string[];
  /** Every rule the product has (configs are validated against all of them). */
  rules: ReadonlyMap<string, Rule<any>>;
  /** Run only these rules (--rule); the rest are off for this run. */
  only?: string[];
  configFile?: string;
  /**
   * Apply fixes; `write: false` computes them without touching disk (--fix-dry-run). Safe fixes
   * only, unless `unsafe` (--fix --unsafe): then the first fix of each finding, of either class.
   */
  fix?: { write: boolean; unsafe?: boolean };
  /** Worker threads to use; 0 or 1 lints on the main thread. Defaults by file count. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** How worker threads get the same rules (they cannot cross threads); without it the run stays on this thread. */
  workerRules?: WorkerRules;
  /** Heap limit of each worker thread (MB): a file whose lint needs more is reported fatal. Default: Node's. */
  workerHeapMb?: number;
  /** Time limit per file in worker threads (ms): a file over it is reported fatal. Default 120 s. */
  fileTimeoutMs?: number;
  /** Reuse the results of unchanged files from the last run (--cache); not used with `fix`. */
  cache?: CacheOptions;
  /**
   * Report only the files of this shard (--shard k/n). Cross-file facts still come from every
   * file, so all shards together report exactly what one run does.
   */
  shard?: Shard;
}

export interface LintRun {
  reports: FileReport[];
  warnings: string[];
  /** Files written by --fix, and files it created (the shim). */
  written: string[];
  /** --cache: whether the run's output may be replayed while its inputs hold (no fixes, no type-aware config). */
  replayable?: boolean;
}

const MAX_FIX_PASSES = 10;
/** How far the main thread's heap may grow past what it holds while workers lint (heap-trim). */
const MAIN_HEAP_HEADROOM_MB = 32;
/** Below this many files a worker's start-up (loading the compiler) costs more than it saves. */
const FILES_PER_WORKER = 150;

export async function lintProject(opts: LintRunOptions): Promise<LintRun> {
  const configFile = opts.configFile ? path.resolve(opts.cwd, opts.configFile) : undefined;
  if (configFile) {
    if (!fs.existsSync(configFile)) throw new UsageError(`Config file not found: ${opts.configFile}`);
    ConfigLoader.validateFile(configFile, opts.rules);
  }
  const loader = new ConfigLoader(opts.rules, configFile, undefined, opts.only);
  const discovery = {
    ignoresFor: (dir: string) => loader.forDir(dir).ignores,
    lintSupportFilesFor: (dir: string) => loader.forDir(dir).lintSupportFiles,
  };
  const running = opts.only ? new Map([...opts.rules].filter(([id]) => opts.only!.includes(id))) : opts.rules;
  const cache = opts.cache && !opts.fix ? LintCache.open(opts.cache, opts.cwd, running) : undefined;
  const { files, warnings, skipped, importScans } = findFiles(opts.paths, { cwd: opts.cwd, ...discovery, importScans: cache });
  cache?.keepImportScans(importScans);
  const session = new LintSession(running, opts.cwd);
  const keepText = opts.fix !== undefined;
  // With --cache, the run numbers its strings in the cache's table: stored facts go to the project as they are.
  const strings = cache?.pool ?? new StringPool();
  const kept = { lineStarts: keepText, dependencies: opts.cache !== undefined && !opts.fix };
  const keep = (r: LintedFile): LintedFile => (speedUp('compact-results') ? compactResult(r, strings, kept) : r);
  const facts = new ProjectFacts(strings);
  // Each result's facts and exports go to the project as soon as it is known, and (compact-results) the result keeps neither.
  const toProject = (r: LintedFile & { storedFacts?: StoredFacts }): LintedFile => {
    if (r.storedFacts) {
      const { numbers, others } = LintCache.factsAsNumbers(r.storedFacts);
      facts.setNumbered(r.file, numbers, r.storedFacts.strings, others, r.summary);
      delete r.storedFacts;
    } else {
      facts.set(r.file, r.facts, r.summary);
    }
    return speedUp('compact-results') ? reportable(r) : r;
  };

  const lintAll = async (list: string[], onProgress?: LintRunOptions['onProgress']): Promise<LintedFile[]> => {
    const out = new Map<string, LintedFile>();
    const todo: string[] = [];
    for (const f of list) {
      const hit = cache?.lookup(f, loader.forFile(f));
      if (hit) out.set(f, toProject(hit));
      else todo.push(f);
    }
    const progress = onProgress && ((done: number) => onProgress(out.size + done, list.length));
    const workers = opts.workerRules ? opts.workers ?? Math.min(2, Math.floor(todo.length / FILES_PER_WORKER)) : 1;
    const recordResolutions = cache !== undefined;
    let fresh: LintedFile[];
    const poolOptions = { rules: opts.workerRules!, configFile, workspaceRoot: opts.cwd, ruleIds: [...running.keys()], enable: opts.only, keepText, recordResolutions, maxOldGenerationSizeMb: opts.workerHeapMb, fileTimeoutMs: opts.fileTimeoutMs };
    if (workers > 1 && opts.workerRules) {
      if (speedUp('heap-trim')) tightenHeapGrowth();
      // The batches, as they crossed threads, are garbage once kept: collected before they pile up.
      const trimHeap = speedUp('heap-trim') ? heapTrimmer(MAIN_HEAP_HEADROOM_MB, true) : undefined;
      // Each batch is kept as it arrives, so a big run never holds its results as they crossed threads.
      await streamInWorkers(todo, { ...poolOptions, workers, onProgress: progress }, (batch) => {
        for (const r of batch) {
          const result = keep(r);
          cache?.store(result, loader.forFile(result.file));
          out.set(result.file, toProject(result));
        }
        trimHeap?.();
      });
      fresh = [];
    } else {
      fresh = todo.map((f, i) => {
        const r = keep(lintFile(f, loader.forFile(f), session, { keepText, recordResolutions }));
        progress?.(i + 1);
        return r;
      });
      // Nesting too deep for this thread's stack: a worker with a big stack tries again.
      const deep = fresh.filter((r) => r.stackOverflow).map((r) => r.file);
      if (deep.length && opts.workerRules) {
        const retried = new Map((await lintInWorkers(deep, { ...poolOptions, workers: 1 })).map((r) => [r.file, keep(r)]));
        fresh = fresh.map((r) => retried.get(r.file) ?? r);
      }
    }
    for (const r of fresh) {
      cache?.store(r, loader.forFile(r.file));
      out.set(r.file, toProject(r));
    }
    return list.map((f) => out.get(f)!);
  };

  const own = opts.shard ? files.filter((f) => inShard(f, opts.shard!, opts.cwd)) : files;
  const results: FileResult[] = await lintAll(own, opts.onProgress);
  // Files not reported (other shards, the rest of a package of which only some files were
  // named) matter only through the facts and exports that settle candidates.
  if (results.some((r) => r.candidates.length)) {
    const reported = new Set(own);
    const context = new Set(files.filter((f) => !reported.has(f)));
    for (const f of unnamedProjectFiles(opts.paths, files, opts.cwd, discovery)) if (!reported.has(f)) context.add(f);
    await lintAll([...context]);
  }
  cache?.save();
  // Only the reported files' candidates are settled (fixes settle again after any change).
  if (speedUp('askable-facts')) facts.expectQuestionsOf(results.flatMap((r) => r.candidates));

  const written: string[] = [];
  const outputs = new Map<string, string>();
  const created = new Set<string>();
  if (opts.fix) {
    fixAll(results, facts, loader, session, { outputs, written, created }, opts.fix.write, opts.fix.unsafe ? 'unsafe' : 'safe');
  }

  const reports = results.map((r): FileReport => {
    const report: FileReport = { file: r.file, messages: toMessages(r, facts, opts) };
    const out = outputs.get(r.file);
    if (out !== undefined) report.output = out;
    return report;
  });
  // A folder left unread that holds all the code (a package that ships only `dist/`) is a note in
  // the report, shaped as a skipped file's: every format shows it, and it fails no run.
  for (const s of skipped) {
    if (opts.shard && !inShard(s.path, opts.shard, opts.cwd)) continue;
    reports.push({ file: s.path, messages: [{ ruleId: null, severity: 'info', message: s.message, line: 1, column: 1, fatal: true }] });
  }
  // Files a fix created (the runtime shim) are reported too, so a review of --fix-dry-run sees them.
  for (const file of created) reports.push({ file, messages: [], output: outputs.get(file)!, created: true });
  return { reports, warnings, written, replayable: cache !== undefined && !cache.sawTypeAware };
}

// Frozen: a result that is pushed to by mistake throws instead of reporting another file's findings.
const NONE = Object.freeze([]) as unknown as never[];

/**
 * What a run keeps of a result once its facts and exports are the project's: what places its
 * messages, in a small object of its own (the result as it arrived has a dozen fields, some
 * deleted).
 */
function reportable(r: LintedFile): LintedFile {
  const quiet = !r.findings.length && !r.candidates.length && !r.directives.length && !r.fatal && !r.ruleErrors && r.text === undefined && !r.stackOverflow;
  if (quiet) return { file: r.file, findings: NONE, candidates: NONE, facts: NONE, directives: NONE, lineStarts: r.lineStarts };
  const kept: LintedFile = { file: r.file, findings: r.findings, candidates: r.candidates, facts: NONE, directives: r.directives, lineStarts: r.lineStarts };
  if (r.fatal) kept.fatal = r.fatal;
  if (r.ruleErrors) kept.ruleErrors = r.ruleErrors;
  if (r.internalError !== undefined) kept.internalError = r.internalError;
  if (r.text !== undefined) kept.text = r.text;
  if (r.stackOverflow) kept.stackOverflow = r.stackOverflow;
  return kept;
}

/** Folders that make a project: its facts (a release, an export) are read from all of it. */
const PROJECT_MARKERS = ['package.json', 'tsconfig.json'];

/**
 * The files of the projects (nearest package.json or tsconfig.json folder) that the named
 * paths only cover in part — `stability-lint src/db.ts`, a hook passing staged files — so a
 * release in another file is still seen. Empty when every project was named whole.
 */
function unnamedProjectFiles(paths: string[], files: string[], cwd: string, discovery: Omit<DiscoveryOptions, 'cwd'>): string[] {
  const named = (paths.length ? paths : ['.']).map((p) => path.resolve(cwd, p));
  const covered = (root: string) => named.some((p) => p === root || root.startsWith(p + path.sep));
  const roots = new Set<string>();
  const rootOf = new Map<string, string | undefined>();
  for (const f of files) {
    const root = projectRoot(path.dirname(f), rootOf);
    if (root && !covered(root)) roots.add(root);
  }
  if (!roots.size) return [];
  return findFiles([...roots], { cwd, ...discovery }).files;
}

/** The nearest folder holding a project marker; `known` remembers each folder's answer (files share folders). */
function projectRoot(dir: string, known: Map<string, string | undefined>): string | undefined {
  if (known.has(dir)) return known.get(dir);
  const root = PROJECT_MARKERS.some((m) => fs.existsSync(path.join(dir, m))) ? dir : path.dirname(dir) === dir ? undefined : projectRoot(path.dirname(dir), known);
  known.set(dir, root);
  return root;
}

/**
 * Fix passes: apply the fixes `mode` allows, re-lint what changed, until nothing more applies.
 * Fixed text replaces the file's result so the report shows what remains.
 */
function fixAll(
  results: FileResult[],
  facts: ProjectFacts,
  loader: ConfigLoader,
  session: LintSession,
  { outputs, written, created }: { outputs: Map<string, string>; written: string[]; created: Set<string> },
  write: boolean,
  mode: FixMode,
): void {
  const index = new Map(results.map((r, i) => [r.file, i]));
  const original = new Map<string, string>();
  const current = (file: string): string | undefined => {
    const i = index.get(file);
    if (i !== undefined) return results[i].text;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const findings = results.flatMap((r) => (r.fatal ? [] : settledFindings(r, facts).findings));
    const { texts, creates, applied } = applyFixes(findings, current, mode);
    if (!applied) break;
    for (const c of creates) {
      if (fs.existsSync(c.file) || outputs.has(c.file)) continue;
      outputs.set(c.file, c.content);
      created.add(c.file);
      if (write) {
        fs.mkdirSync(path.dirname(c.file), { recursive: true });
        fs.writeFileSync(c.file, c.content);
        written.push(c.file);
      }
    }
    let changed = false;
    for (const [file, text] of texts) {
      const before = current(file);
      if (before === text) continue;
      changed = true;
      if (!original.has(file) && before !== undefined) original.set(file, before);
      outputs.set(file, text);
      const i = index.get(file);
      if (i !== undefined) {
        results[i] = lintFile(file, loader.forFile(file), session, { text, keepText: true });
        facts.set(file, results[i].facts, results[i].summary);
      }
    }
    if (!changed) break;
  }
  if (write) {
    for (const [file, text] of outputs) {
      if (!original.has(file)) continue;
      fs.writeFileSync(file, text);
      written.push(file);
    }
  }
  // Only files whose text changed carry an `output`, as in ESLint's JSON.
  for (const file of [...outputs.keys()]) if (!original.has(file) && index.has(file)) outputs.delete(file);
}
