// A lint worker thread's loop: lints each batch of files it is sent with the rules it is given
// and posts the results back; a null batch means the run is over. The engine has no rules of
// its own: a front end's worker script calls this with its rule set (cli/lint-worker.ts), or
// rules-module-worker.ts loads them from the module the run names.
import * as os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { ConfigLoader, type ResolvedConfig } from './config';
import { heapTrimmer } from './heap-trim';
import { lintFile, LintSession } from './lint-file';
import { speedUp } from './speed-ups';
import type { Rule } from './types';
import type { WorkerJob } from './worker-pool';

export function serveLintJobs(known: ReadonlyMap<string, Rule>): void {
  const job = workerData as WorkerJob;
  if (job.lowPriority) lowerPriority();
  const running = new Map([...known].filter(([id]) => job.ruleIds.includes(id)));
  const loader = new ConfigLoader(known, job.configFile, job.overrides, job.enable);
  // One derived config per config, so the session's per-config knowledge is built once.
  const withImport = new WeakMap<ResolvedConfig, ResolvedConfig>();
  const configFor = (file: string): ResolvedConfig => {
    const config = loader.forFile(file);
    if (!job.runtimeImport || config.runtime.import) return config;
    let derived = withImport.get(config);
    if (!derived) withImport.set(config, (derived = { ...config, runtime: { import: job.runtimeImport } }));
    return derived;
  };
  const session = new LintSession(running, job.workspaceRoot);
  const trimHeap = speedUp('heap-trim') ? heapTrimmer() : undefined;
  const port = parentPort!;
  port.on('message', (files: string[] | null) => {
    if (files === null) {
      port.close();
      return;
    }
    const results = files.map((file, i) => {
      if (job.current) {
        Atomics.store(job.current, 0, i);
        Atomics.add(job.current, 1, 1);
      }
      return lintFile(file, configFor(file), session, { keepText: job.keepText, recordResolutions: job.recordResolutions });
    });
    if (job.current) Atomics.store(job.current, 0, -1);
    port.postMessage(results);
    trimHeap?.();
  });
}

/**
 * This thread only (on Linux a thread is its own scheduling entity; pid 0 is the caller), so
 * the thread that answers edits wins a busy core. Where the platform refuses, it runs as is.
 */
function lowerPriority(): void {
  try {
    os.setPriority(0, os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // not permitted, or not supported: normal priority
  }
}
