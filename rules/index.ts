// Every rule the product ships, by id. Adding a rule: create rules/<id>.ts and list it here.
import type { Rule } from '../engine/types';
import doubleClose from './double-close';
import doubleStart from './double-start';
import checkThenAct from './check-then-act';
import unboundedLoop from './unbounded-loop';
import missingTimeout from './missing-timeout';
import unreleasedResource from './unreleased-resource';
import watchModeScript from './watch-mode-script';
import unboundedConcurrency from './unbounded-concurrency';
import unboundedCollection from './unbounded-collection';
import retryWithoutBackoff from './retry-without-backoff';
import unhandledAsyncCallback from './unhandled-async-callback';
import processManagerLimits from './process-manager-limits';
import missingShutdown from './missing-shutdown';

const RULES: Rule<any>[] = [
  doubleClose,
  doubleStart,
  checkThenAct,
  unboundedLoop,
  missingTimeout,
  unreleasedResource,
  watchModeScript,
  unboundedConcurrency,
  unboundedCollection,
  retryWithoutBackoff,
  unhandledAsyncCallback,
  processManagerLimits,
  missingShutdown,
];

export const allRules: ReadonlyMap<string, Rule<any>> = new Map(RULES.map((r) => [r.meta.id, r]));
