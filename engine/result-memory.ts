// What a CLI run's main thread keeps of each file's result until the project settles. Results
// cross from worker threads with every string copied: each of the 85,000 facts of the TS corpus
// arrived with its own copies of its rule, kind, file path and name, most of the memory a run
// held per file (a 20,000-file run grew by about 20 KB a file). The strings of what is kept are
// shared through the run's pool (its facts go to ProjectFacts, which numbers them in the same
// pool), and line starts are dropped where no message will need them.
import type { FsFact } from './file-system-facts';
import type { LintedFile } from './lint-file';
import type { StringPool } from './string-pool';
import type { ProjectFact } from './types';

/** What a run needs of results beyond settling and reporting them. */
export interface KeptForRun {
  /** Line starts of every file (fixes re-lint and place messages in changed text). */
  lineStarts?: boolean;
  /** What each result depended on (module resolutions, file-system facts): --cache stores them. */
  dependencies?: boolean;
}

/**
 * Shares the strings of `result` through `pool`, in place, and drops what the run will not read:
 * line starts where nothing places a message, and dependencies unless the run keeps them.
 * Returns `result`.
 */
export function compactResult<T extends LintedFile>(result: T, pool: StringPool, kept: KeptForRun = {}): T {
  const s = (x: string) => pool.get(x);
  if (!kept.dependencies) {
    delete result.fsFacts;
    delete result.resolutions;
  }
  result.file = s(result.file);
  // Facts and exports are not shared here: ProjectFacts keeps them as numbers, and the run drops the result's.
  for (const c of result.candidates) {
    for (const list of [c.unlessAny, c.onlyIfAny, c.onlyIfAll, c.unlessAll, c.unlessAllWithout?.all, c.unlessAllWithout?.without]) for (const f of list ?? []) shareFact(f, s);
    for (const x of c.severityIf ?? []) shareFact(x.fact, s);
  }
  if (result.fsFacts) for (const f of result.fsFacts) shareFsFact(f, s);
  if (result.resolutions) {
    for (const r of result.resolutions) {
      r[0] = s(r[0]);
      r[1] = s(r[1]);
      if (r[2] !== null) r[2] = s(r[2]);
    }
  }
  const placesMessages = result.findings.length > 0 || result.candidates.length > 0 || result.directives.length > 0 || (result.ruleErrors?.length ?? 0) > 0;
  if (!kept.lineStarts && !placesMessages) result.lineStarts = NO_LINES;
  return result;
}

/** The line starts of a result that places no message (never written to). */
const NO_LINES: number[] = [0];

function shareFact(f: ProjectFact, s: (x: string) => string): void {
  f.rule = s(f.rule);
  f.kind = s(f.kind);
  if (typeof f.ref === 'string') f.ref = s(f.ref);
  else if (f.ref && typeof f.ref === 'object') {
    f.ref.file = s(f.ref.file);
    f.ref.name = s(f.ref.name);
  }
  for (const c of f.ifAll ?? []) shareFact(c, s);
}

function shareFsFact(f: FsFact, s: (x: string) => string): void {
  f[0] = s(f[0]);
  f[1] = f[1] === 'file' ? 'file' : 'json';
  if (typeof f[2] === 'string') f[2] = s(f[2]);
}
