// Concurrency knowledge, as data: which calls make a limiter (and how tasks go through it), and
// which library calls return a promise. unbounded-concurrency reads these tables; nothing else
// in the rule names a library.

/** A call that makes a concurrency limiter; tasks handed to it run a bounded number at a time. */
export interface LimiterFactory {
  /** Module as imported (`p-limit`); `runtime` for the stability-lint shim, wherever it lives. */
  module: string;
  /** Export path from the module object; '' for the module (default) export itself. */
  call: string;
  invoke: 'call' | 'new';
  /** How a task goes through the made limiter: calling it (`limit(fn)`) or these methods. */
  runs: 'call' | string[];
  /** The limiter bounds nothing unless this option is set (p-queue's default is Infinity). */
  boundedBy?: { option: string; arg: number };
}

export const LIMITER_FACTORIES: readonly LimiterFactory[] = [
  { module: 'runtime', call: 'limiter', invoke: 'call', runs: 'call' },
  { module: 'p-limit', call: '', invoke: 'call', runs: 'call' },
  { module: 'p-limit', call: 'default', invoke: 'call', runs: 'call' },
  { module: 'p-queue', call: '', invoke: 'new', runs: ['add', 'addAll'], boundedBy: { option: 'concurrency', arg: 0 } },
  { module: 'p-queue', call: 'default', invoke: 'new', runs: ['add', 'addAll'], boundedBy: { option: 'concurrency', arg: 0 } },
  // Bottleneck counts with either bound: maxConcurrent, or minTime pacing the start of each job.
  { module: 'bottleneck', call: '', invoke: 'new', runs: ['schedule', 'wrap', 'submit'] },
  { module: 'async-sema', call: 'Sema', invoke: 'new', runs: ['acquire'] },
  { module: 'async-mutex', call: 'Semaphore', invoke: 'new', runs: ['runExclusive', 'acquire'] },
  { module: 'async-mutex', call: 'Mutex', invoke: 'new', runs: ['runExclusive', 'acquire'] },
];

/**
 * Names that by convention hold a limiter made elsewhere (`import { limit } from './limits'`):
 * a call through one with a function argument (`limit(() => f(x))`) counts as going through a
 * limiter when we cannot see where it was made.
 */
export const LIMITER_NAMES = /^(limit|limiter|queue|sema|semaphore|mutex|bottleneck|[a-z]\w*(Limit|Limiter|Queue|Semaphore|Sema|Mutex))$/;

/** Methods that run a task through a conventionally named limiter (`queue.add(() => …)`). */
export const LIMITER_METHODS: ReadonlySet<string> = new Set(['schedule', 'wrap', 'submit', 'add', 'run', 'runExclusive', 'acquire']);

/**
 * Library calls whose result is a promise: started and not awaited, each one is work running
 * in the background. `*` stands for every export of the module.
 */
export const PROMISE_CALLS: readonly { module: string; call: string }[] = [
  { module: 'global', call: 'fetch' },
  { module: 'undici', call: 'fetch' },
  { module: 'undici', call: 'request' },
  { module: 'node-fetch', call: '' },
  { module: 'axios', call: '*' },
  { module: 'got', call: '*' },
  { module: 'fs/promises', call: '*' },
  { module: 'fs', call: 'promises.*' },
  { module: 'dns/promises', call: '*' },
  { module: 'stream/promises', call: '*' },
  { module: 'timers/promises', call: '*' },
];

/** True when `module`/`call` is listed in a table whose `*` matches any call or the rest of a path. */
export function matchesCall(table: readonly { module: string; call: string }[], module: string, call: string): boolean {
  return table.some((e) => e.module === module && (e.call === call || e.call === '*' ||
    (e.call.endsWith('.*') && call.startsWith(e.call.slice(0, -1)))));
}
