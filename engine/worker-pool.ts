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
}

export async function lintInWorkers(
  files: string[],
  opts: { workers: number; configFile?: string; ruleIds: string[]; keepText: boolean; onProgress?: (done: number, total: number) => void },
): Promise<FileResult[]> {
  // Interleave files so each worker gets a similar mix of big and small folders.
  const shares: string[][] = Array.from({ length: opts.workers }, () => []);
  files.forEach((f, i) => shares[i % opts.workers].push(f));
  const byFile = new Map<string, FileResult>();
  let done = 0;
  await Promise.all(shares.map((share) => new Promise<void>((resolve, reject) => {
    const job: WorkerJob = { files: share, configFile: opts.configFile, ruleIds: opts.ruleIds, keepText: opts.keepText };
    const worker = new Worker(workerEntry(), { workerData: job, execArgv: process.execArgv });
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
