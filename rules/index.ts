// Every rule the product ships, by id. Adding a rule: create rules/<id>.ts (or rules/<id>/index.ts
// when it has helpers of its own), its page docs/rules/<id>.md, and list it here. What several
// rules share lives in rules/shared/. A rule that can only report or record facts in a script
// holding certain words declares them in `meta.needs` (engine/prefilter.ts), with a `facts`
// visitor for the facts it records everywhere else.
import type { Rule } from '../engine/types';
// The core rules.
import unboundedLoop from './unbounded-loop';
import missingTimeout from './missing-timeout';
import unreleasedResource from './unreleased-resource';
import doubleClose from './double-close';
import watchModeScript from './watch-mode-script';
// The rules beyond the core.
import unboundedConcurrency from './unbounded-concurrency';
import unboundedCollection from './unbounded-collection';
import doubleStart from './double-start';
import checkThenAct from './check-then-act';
import retryWithoutBackoff from './retry-without-backoff';
import unhandledAsyncCallback from './unhandled-async-callback';
import processManagerLimits from './process-manager-limits';
import missingShutdown from './missing-shutdown';

/** In the spec's order: the core rules first. */
const RULES: Rule<any>[] = [
  unboundedLoop,
  missingTimeout,
  unreleasedResource,
  doubleClose,
  watchModeScript,
  unboundedConcurrency,
  unboundedCollection,
  doubleStart,
  checkThenAct,
  retryWithoutBackoff,
  unhandledAsyncCallback,
  processManagerLimits,
  missingShutdown,
];

export const allRules: ReadonlyMap<string, Rule<any>> = new Map(RULES.map((r) => [r.meta.id, r]));
