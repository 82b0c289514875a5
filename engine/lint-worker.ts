// A lint worker thread's loop: lints each batch of files it is sent with the rules it is given
// and posts the results back; a null batch means the run is over. The engine has no rules of
// its own: a front end's worker script calls this with its rule set (cli/lint-worker.ts), or
// rules-module-worker.ts loads them from the module the run names.
import { parentPort, workerData } from 'node:worker_threads';
import { ConfigLoader } from './config';
import { lintFile, LintSession } from './lint-file';
import type { Rule } from './types';
import type { WorkerJob } from './worker-pool';

export function serveLintJobs(known: ReadonlyMap<string, Rule>): void {
  const job = workerData as WorkerJob;
  const running = new Map([...known].filter(([id]) => job.ruleIds.includes(id)));
  const loader = new ConfigLoader(known, job.configFile, undefined, job.enable);
  const session = new LintSession(running, job.workspaceRoot);
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
      return lintFile(file, loader.forFile(file), session, { keepText: job.keepText, recordResolutions: job.recordResolutions });
    });
    if (job.current) Atomics.store(job.current, 0, -1);
    port.postMessage(results);
  });
}
