// Spreads files over worker threads. Each worker loads the rules (as the front end says) and
// the config itself, then asks
// for small batches of files until none are left (parse, lint, drop the tree) and posts back
// small results. Batches are handed out on demand, so a worker slowed by a big file or a busy
// core takes fewer: the run ends when the last batch does, not the slowest fixed share.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LintedFile } from './lint-file';

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
}

/**
 * How worker threads get the rules, which cannot cross threads: a front end's worker script
 * that serves lint jobs with its rules (`serveLintJobs`), or a module exporting `rules` that the
 * engine's own worker script loads.
 */
export type WorkerRules = { script: string } | { module: string };

/** Files per request: big enough to keep messaging cheap, small enough to balance the end of a run. */
const BATCH = 16;

export async function lintInWorkers(
  files: string[],
  opts: Omit<WorkerJob, 'rulesModule'> & { workers: number; rules: WorkerRules; onProgress?: (done: number, total: number) => void },
): Promise<LintedFile[]> {
  const byFile = new Map<string, LintedFile>();
  let next = 0;
  let done = 0;
  const job: WorkerJob = { configFile: opts.configFile, ruleIds: opts.ruleIds, enable: opts.enable, keepText: opts.keepText, recordResolutions: opts.recordResolutions, workspaceRoot: opts.workspaceRoot };
  if ('module' in opts.rules) job.rulesModule = opts.rules.module;
  const entry = 'script' in opts.rules ? opts.rules.script : rulesModuleWorker();
  const nextBatch = (): string[] | null => {
    if (next >= files.length) return null;
    const batch = files.slice(next, next + BATCH);
    next += batch.length;
    return batch;
  };
  await Promise.all(Array.from({ length: opts.workers }, () => new Promise<void>((resolve, reject) => {
    // From source (tests), the worker needs a TypeScript loader; `--import tsx` hooks do not reach
    // workers on Node 20. Built, workers inherit node's flags, so `node --cpu-prof` profiles them too.
    const execArgv = entry.endsWith('.ts') ? ['--require', 'tsx/cjs'] : undefined;
    const worker = new Worker(entry, { workerData: job, execArgv });
    worker.on('message', (batch: LintedFile[]) => {
      for (const r of batch) byFile.set(r.file, r);
      done += batch.length;
      opts.onProgress?.(done, files.length);
      worker.postMessage(nextBatch());
    });
    worker.postMessage(nextBatch());
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lint worker exited with code ${code}`))));
  })));
  return files.map((f) => byFile.get(f)!);
}

/** The engine's worker script for rules loaded from a module (run from source: tests, embedding). */
function rulesModuleWorker(): string {
  return path.join(__dirname, __filename.endsWith('.ts') ? 'rules-module-worker.ts' : 'rules-module-worker.js');
}
