// The engine's speed-ups, each of which must leave every finding as it was. The environment
// variable STABILITY_LINT_WITHOUT (names, comma-separated) turns one off, so that a run without
// it can be compared with a run with it (bench/compare-findings.mjs, test/engine/speed-ups.test.ts).
// Worker threads inherit the variable. Users never need it.

/**
 * - `skip-jsdoc`: the parser skips JSDoc comments (no rule reads them), about a tenth of the
 *   parse and of the garbage it leaves;
 * - `shared-dispatch`: handlers are called straight from the walk, one try/catch per call,
 *   instead of through a guarding closure made per handler per file;
 * - `heap-trim` (memory, not speed): a lint worker collects its garbage once its heap has grown
 *   64 MiB past what it holds (engine/heap-trim.ts), its young generation is capped
 *   (engine/worker-pool.ts, WORKER_YOUNG_GENERATION_MB), and a CLI run in workers keeps V8's
 *   heap growth at 30% (heap-trim.ts, tightenHeapGrowth);
 * - `prefilter`: a rule runs on a script only when its text has what the rule's `meta.needs`
 *   names (engine/prefilter.ts); elsewhere only its `facts` visitor, or nothing. Nor is a callee
 *   resolved as a library call in a script that names no library the knowledge lists.
 * - `askable-facts`: a CLI run settles its candidates from the facts of the rules and kinds they
 *   (and the conditions of those facts) ask about, not from every fact of the project
 *   (engine/project-facts.ts, expectQuestionsOf).
 * - `compact-results` (memory): a CLI run keeps each fresh result with its strings shared through
 *   one pool and without line starts where it places no message (engine/result-memory.ts).
 * - `folder-listings`: module resolution answers "is this a file" from one listing per folder
 *   instead of a `stat` per probe, falling back to `stat` wherever a listing cannot be sure
 *   (engine/folder-listings.ts).
 */
export const SPEED_UPS = ['skip-jsdoc', 'shared-dispatch', 'heap-trim', 'prefilter', 'askable-facts', 'compact-results', 'folder-listings'] as const;
export type SpeedUp = (typeof SPEED_UPS)[number];

const off = new Set((process.env.STABILITY_LINT_WITHOUT ?? '').split(',').map((s) => s.trim()).filter(Boolean));

/** Whether a speed-up is on (it is unless STABILITY_LINT_WITHOUT names it). */
export function speedUp(name: SpeedUp): boolean {
  return !off.has(name);
}
