// A lint worker thread for a run whose rules come from a module (tests, embedding): rules
// cannot cross threads, so the worker loads the module the run named, which exports `rules`.
import { workerData } from 'node:worker_threads';
import { serveLintJobs } from './lint-worker';
import type { Rule } from './types';
import type { WorkerJob } from './worker-pool';

const { rulesModule } = workerData as WorkerJob;
if (!rulesModule) throw new Error('rules-module-worker needs the rules module of the run');
serveLintJobs((require(rulesModule) as { rules: ReadonlyMap<string, Rule> }).rules);
