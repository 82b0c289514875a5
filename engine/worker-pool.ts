// Spreads files over worker threads. Each worker loads the rules (as the front end says) and
// the config itself, then asks
// for small batches of files until none are left (parse, lint, drop the tree) and posts back
// small results. Batches are handed out on demand, so a worker slowed by a big file or a busy
// core takes fewer: the run ends when the last batch does, not the slowest fixed share.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ConfigLoader } from './config';
import type { LintedFile } from './lint-file';
import { speedUp } from './speed-ups';

export interface WorkerJob {
  configFile?: string;
  ruleIds: string[];
  /** Rules named with --rule, on even where config turns them off. */
  enable?: string[];
  keepText: boolean;
  /** Record each file's module resolutions (for --cache validity). */
  recordResolutions: boolean;
  /** The folder the run lints from (see LintSession). */
  workspaceRoot?: string;
  /** For rules-module-worker.ts: the module exporting `rules` (a Map of id -> Rule). */
  rulesModule?: string;
  /** Config overrides applied last (the editor's settings), as ConfigLoader takes them. */
  overrides?: ConstructorParameters<typeof ConfigLoader>[2];
  /** Run below normal priority (the editor's workspace pass: the user's keystrokes come first). */
  lowPriority?: boolean;
  /** Where fixes import the runtime shim from when a file's config names no module (the editor cannot create the shim file). */
  runtimeImport?: string;
  /** Set by the pool: the worker writes there the index in its batch of the file it is linting, and counts the files it started. */
  current?: Int32Array;
}

/**
 * How worker threads get the rules, which cannot cross threads: a front end's worker script
 * that serves lint jobs with its rules (`serveLintJobs`), or a module exporting `rules` that the
 * engine's own worker script loads.
 */
export type WorkerRules = { script: string } | { module: string };

/** Files per request: big enough to keep messaging cheap, small enough to balance the end of a run. */
const BATCH = 16;

/**
 * Each worker's stack. The main thread's (about 1 MB) overflows parsing a few thousand nested
 * parentheses; 64 MB parses and walks 20,000 levels of every construct measured (expressions,
 * types, JSX, templates, blocks, call chains) with room for the rules' own recursion. Only the
 * pages a deep file touches are ever used.
 */
export const WORKER_STACK_MB = 64;

/**
 * Each worker's young generation (MB; V8's default grows it to 48). A file's tree outlives a few
 * scavenges anyway and is collected by the heap trim (engine/heap-trim.ts); what a bigger young
 * generation keeps is pages: TS corpus peak RSS 526 -> 475 MiB with semi-spaces of 2 MiB instead
 * of 16, CPU within the noise (alternated runs). Part of the `heap-trim` speed-up.
 */
export const WORKER_YOUNG_GENERATION_MB = 6;

export interface PoolOptions extends Omit<WorkerJob, 'rulesModule'> {
  workers: number;
  rules: WorkerRules;
  onProgress?: (done: number, total: number) => void;
  /** Heap limit per worker (MB); a file whose lint needs more is reported fatal, the run goes on. */
  maxOldGenerationSizeMb?: number;
  /** A file whose lint takes longer is reported fatal and its worker replaced (default 120 s). */
  fileTimeoutMs?: number;
  /** Stops the run: workers are terminated, no more results are handed on. */
  signal?: AbortSignal;
}

/** Long enough for the slowest real file seen on a loaded machine; short enough that CI does not hang on a rule's endless loop. */
const FILE_TIMEOUT_MS = 120_000;

/**
 * Lints `files` across worker threads. A worker that dies (out of memory, a crash in native
 * code) loses no file: the one it was linting is reported as fatal, the rest of its batch goes
 * back to the queue, and a new worker takes its place.
 */
export async function lintInWorkers(files: string[], opts: PoolOptions): Promise<LintedFile[]> {
  const byFile = new Map<string, LintedFile>();
  await streamInWorkers(files, opts, (results) => {
    for (const r of results) byFile.set(r.file, r);
  });
  return files.map((f) => byFile.get(f)!);
}

/**
 * Lints `files` across worker threads as `lintInWorkers` does, handing each batch of results to
 * `onResults` as it arrives and keeping none. Resolves when every file is done or the run is aborted.
 */
export async function streamInWorkers(files: string[], opts: PoolOptions, onResults: (results: LintedFile[]) => void): Promise<void> {
  const queue: string[] = [];
  let next = 0;
  let done = 0;
  const signal = opts.signal;
  const live = new Set<Worker>();
  const stop = () => {
    for (const w of live) void w.terminate();
  };
  signal?.addEventListener('abort', stop, { once: true });
  const job: WorkerJob = {
    configFile: opts.configFile, ruleIds: opts.ruleIds, enable: opts.enable, keepText: opts.keepText, recordResolutions: opts.recordResolutions, workspaceRoot: opts.workspaceRoot,
    ...(opts.overrides ? { overrides: opts.overrides } : {}),
    ...(opts.runtimeImport ? { runtimeImport: opts.runtimeImport } : {}),
    ...(opts.lowPriority ? { lowPriority: true } : {}),
  };
  if ('module' in opts.rules) job.rulesModule = opts.rules.module;
  const entry = 'script' in opts.rules ? opts.rules.script : rulesModuleWorker();
  const nextBatch = (): string[] | null => {
    if (signal?.aborted) return null;
    if (queue.length) return queue.splice(0, BATCH);
    if (next >= files.length) return null;
    const batch = files.slice(next, next + BATCH);
    next += batch.length;
    return batch;
  };
  const finished = (results: LintedFile[]) => {
    if (signal?.aborted) return;
    onResults(results);
    done += results.length;
    opts.onProgress?.(done, files.length);
  };

  const runWorker = (): Promise<void> => new Promise<void>((resolve, reject) => {
    // From source (tests), the worker needs a TypeScript loader; `--import tsx` hooks do not reach
    // workers on Node 20. Built, workers inherit node's flags, so `node --cpu-prof` profiles them too.
    const execArgv = entry.endsWith('.ts') ? ['--require', 'tsx/cjs'] : undefined;
    // Which file of its batch the worker is on (-1: none), readable after it died, and how many
    // files it has started (progress, for the time limit).
    const current = new Int32Array(new SharedArrayBuffer(8));
    current[0] = -1;
    const limit = opts.fileTimeoutMs ?? FILE_TIMEOUT_MS;
    let started = 0;
    let startedAt = Date.now();
    let timedOut = false;
    const resourceLimits = {
      stackSizeMb: WORKER_STACK_MB,
      ...(speedUp('heap-trim') ? { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } : {}),
      ...(opts.maxOldGenerationSizeMb ? { maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb } : {}),
    };
    const worker = new Worker(entry, { workerData: { ...job, current }, execArgv, resourceLimits });
    live.add(worker);
    let batch: string[] | null = null;
    let served = 0;
    let failure: Error | undefined;
    const send = () => {
      batch = nextBatch();
      worker.postMessage(batch);
    };
    worker.on('message', (results: LintedFile[]) => {
      served++;
      finished(results);
      send();
    });
    send();
    const watchdog = setInterval(() => {
      const now = Atomics.load(current, 1);
      if (now !== started || Atomics.load(current, 0) < 0) {
        started = now;
        startedAt = Date.now();
      } else if (Date.now() - startedAt > limit) {
        timedOut = true;
        void worker.terminate();
      }
    }, Math.min(1000, limit / 4));
    watchdog.unref();
    worker.once('error', (e) => (failure = e));
    worker.once('exit', (code) => {
      clearInterval(watchdog);
      live.delete(worker);
      if (signal?.aborted) return resolve();
      if (code === 0 && !failure && !timedOut) return resolve();
      const at = Atomics.load(current, 0);
      const lost: string[] = batch ?? [];
      if (at >= 0 && at < lost.length) {
        finished([timedOut ? timedOutResult(lost[at], limit) : deadWorkerResult(lost[at], failure, code)]);
        queue.unshift(...lost.filter((_, i) => i !== at));
      } else if (served > 0) {
        queue.unshift(...lost); // died between two files: nothing of this batch was started
      } else {
        // Died before linting anything (loading the rules, say): a new worker would too.
        return reject(failure ?? new Error(`lint worker exited with code ${code}`));
      }
      runWorker().then(resolve, reject);
    });
  });

  if (signal?.aborted) return;
  try {
    await Promise.all(Array.from({ length: opts.workers }, runWorker));
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/** What is reported for a file whose lint did not end in time (a rule looping, or quadratic on huge input). */
function timedOutResult(file: string, limit: number): LintedFile {
  const message = `Skipped: linting this file took over ${Math.round(limit / 1000)} s`;
  return { file, fatal: { message, severity: 'error' }, findings: [], candidates: [], facts: [], directives: [], lineStarts: [0] };
}

/** What is reported for a file whose lint took its worker down. */
function deadWorkerResult(file: string, failure: Error | undefined, code: number): LintedFile {
  const oom = (failure as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
  const message = oom
    ? 'Skipped: linting this file ran out of memory'
    : `Skipped: the lint worker died on this file (${failure?.message ?? `exit code ${code}`})`;
  return { file, fatal: { message, severity: 'error' }, findings: [], candidates: [], facts: [], directives: [], lineStarts: [0] };
}

/** The engine's worker script for rules loaded from a module (run from source: tests, embedding). */
function rulesModuleWorker(): string {
  return path.join(__dirname, __filename.endsWith('.ts') ? 'rules-module-worker.ts' : 'rules-module-worker.js');
}
