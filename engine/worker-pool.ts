// Spreads files over worker threads. Each worker loads the rules and config itself, lints its
// share of files one at a time (parse, lint, drop the tree) and posts back small results.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileResult } from './types';

export interface WorkerJob {
  files: string[];
  configFile?: string;
  ruleIds: string[];
  keepText: boolean;
  /** A module exporting `rules` (a Map of id -> Rule) to use instead of the built-in rules. */
  rulesModule?: string;
}

export async function lintInWorkers(
  files: string[],
  opts: Omit<WorkerJob, 'files'> & { workers: number; onProgress?: (done: number, total: number) => void },
): Promise<FileResult[]> {
  // Interleave files so each worker gets a similar mix of big and small folders.
  const shares: string[][] = Array.from({ length: opts.workers }, () => []);
  files.forEach((f, i) => shares[i % opts.workers].push(f));
  const byFile = new Map<string, FileResult>();
  let done = 0;
  await Promise.all(shares.map((share) => new Promise<void>((resolve, reject) => {
    const job: WorkerJob = { files: share, configFile: opts.configFile, ruleIds: opts.ruleIds, keepText: opts.keepText, rulesModule: opts.rulesModule };
    const entry = workerEntry();
    // From source (tests), the worker needs a TypeScript loader; `--import tsx` hooks do not reach workers on Node 20.
    const execArgv = entry.endsWith('.ts') ? ['--require', 'tsx/cjs'] : [];
    const worker = new Worker(entry, { workerData: job, execArgv });
    worker.on('message', (batch: FileResult[]) => {
      for (const r of batch) byFile.set(r.file, r);
      done += batch.length;
      opts.onProgress?.(done, files.length);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lint worker exited with code ${code}`))));
  })));
  return files.map((f) => byFile.get(f)!);
}

/** The worker script: beside this bundle when built, the TypeScript source under tsx. */
function workerEntry(): string {
  return __filename.endsWith('.ts') ? path.join(__dirname, 'lint-worker.ts') : path.join(__dirname, 'lint-worker.js');
}
