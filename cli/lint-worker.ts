// The CLI's lint worker thread: the engine's worker loop with the product's rules, bundled in
// (dist/lint-worker.js), so a worker loads the compiler and the rules once.
import { serveLintJobs } from '../engine/lint-worker';
import { allRules } from '../rules';

serveLintJobs(allRules);
