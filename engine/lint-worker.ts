// A lint worker thread: lints the files it is given and posts results back in batches.
import { parentPort, workerData } from 'node:worker_threads';
import { allRules } from '../rules';
import { ConfigLoader } from './config';
import { lintFile, LintSession } from './lint-file';
import type { FileResult, Rule } from './types';
import type { WorkerJob } from './worker-pool';

const BATCH = 32;
const job = workerData as WorkerJob;
const known: ReadonlyMap<string, Rule<any>> = job.rulesModule ? require(job.rulesModule).rules : allRules;
const running = new Map([...known].filter(([id]) => job.ruleIds.includes(id)));
const loader = new ConfigLoader(known, job.configFile);
const session = new LintSession(running);
let batch: FileResult[] = [];
for (const file of job.files) {
  batch.push(lintFile(file, loader.forFile(file), session, { keepText: job.keepText }));
  if (batch.length === BATCH) {
    parentPort!.postMessage(batch);
    batch = [];
  }
}
if (batch.length) parentPort!.postMessage(batch);
