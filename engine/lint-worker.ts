// A lint worker thread: lints each batch of files it is sent and posts the results back; a
// null batch means the run is over.
import { parentPort, workerData } from 'node:worker_threads';
import { allRules } from '../rules';
import { ConfigLoader } from './config';
import { lintFile, LintSession } from './lint-file';
import type { Rule } from './types';
import type { WorkerJob } from './worker-pool';

const job = workerData as WorkerJob;
const known: ReadonlyMap<string, Rule<any>> = job.rulesModule ? require(job.rulesModule).rules : allRules;
const running = new Map([...known].filter(([id]) => job.ruleIds.includes(id)));
const loader = new ConfigLoader(known, job.configFile, undefined, job.enable);
const session = new LintSession(running);
const port = parentPort!;
port.on('message', (files: string[] | null) => {
  if (files === null) {
    port.close();
    return;
  }
  port.postMessage(files.map((file) => lintFile(file, loader.forFile(file), session, { keepText: job.keepText, recordResolutions: job.recordResolutions })));
});
