// pm2 app settings that bound a crash or a leak, with pm2's documented defaults
// (https://pm2.keymetrics.io/docs/usage/application-declaration/,
// https://pm2.keymetrics.io/docs/usage/restart-strategies/).

/** pm2 restarts a crashed app unless `autorestart: false`. */
export const AUTORESTART = { key: 'autorestart', pm2Default: true } as const;

/** No default: without it pm2 never restarts a leaking app, which grows until the kernel's OOM killer ends it (or the host). */
export const MEMORY_LIMIT_KEY = 'max_memory_restart';

/**
 * Keys any one of which bounds a crash loop: a cap on unstable restarts, or a pause between
 * restarts. By default pm2 restarts at once (`restart_delay: 0`), forever for an app that lives
 * past `min_uptime` (1 s) before crashing.
 */
export const RESTART_BOUND_KEYS: readonly string[] = ['max_restarts', 'restart_delay', 'exp_backoff_restart_delay'];

/** What the fixes write, as pm2's docs show them: a value users tune per app. */
export const SUGGESTED_VALUES = {
  /** A memory ceiling: a string with a unit (`'512M'`, `'1G'`), a number of bytes also works. */
  max_memory_restart: '1G',
  /** The docs' example cap on consecutive unstable restarts. */
  max_restarts: 10,
  /** pm2's exponential backoff: 100 ms, doubling up to 15 s, reset after 30 s of uptime. */
  exp_backoff_restart_delay: 100,
} as const;
