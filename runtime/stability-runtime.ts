// stability-runtime: the few helpers Node.js lacks for services that stay up. Dependency-free.
// The platform covers the rest: AbortSignal.timeout, AbortSignal.any, timers/promises, `using`.
import { setTimeout as sleep } from 'node:timers/promises';

export interface Limit {
  <T>(fn: () => T | PromiseLike<T>): Promise<T>;
  /** Functions running now. */
  readonly activeCount: number;
  /** Functions waiting for a slot. */
  readonly pendingCount: number;
}

// Runs at most `concurrency` of the functions given to it at once; the rest wait in order.
// A rejection frees its slot like a success does, so one failure never stalls the queue.
export function limiter(concurrency: number): Limit {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`limiter: concurrency must be a positive integer, got ${concurrency}`);
  }
  const queue: (() => void)[] = [];
  let active = 0;
  const startNext = (): void => {
    if (active < concurrency) queue.shift()?.();
  };
  const release = (): void => {
    active--;
    startNext();
  };
  const limit = <T>(fn: () => T | PromiseLike<T>): Promise<T> =>
    new Promise<T>((resolve) => {
      queue.push(() => {
        active++;
        // Starting from a resolved promise turns a synchronous throw into a rejection too.
        const running = Promise.resolve().then(fn);
        // The slot is free again before the caller sees the outcome, whichever it is.
        running.then(release, release);
        resolve(running);
      });
      startNext();
    });
  return Object.defineProperties(limit, {
    activeCount: { get: () => active },
    pendingCount: { get: () => queue.length },
  }) as Limit;
}

// Settles like `promise`, or rejects with a TimeoutError after `ms` (or with the signal's
// reason on abort), and clears its timer either way. The work itself is not cancelled.
export function withTimeout<T>(promise: PromiseLike<T>, ms: number, options: { signal?: AbortSignal } = {}): Promise<T> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = (): void => finish(() => reject(signal?.reason));
    const timer = setTimeout(() => finish(() => reject(new DOMException(`Timed out after ${ms} ms`, 'TimeoutError'))), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then((value) => finish(() => resolve(value)), (error: unknown) => finish(() => reject(error)));
  });
}

// Calls `fn` the first time only; every later call returns that first result (for an async
// `fn`, the same promise, rejected or not) or throws the first call's error again.
// Wrap per instance (a class field), not on a prototype, or all instances share one call.
export function once<This, Args extends unknown[], R>(fn: (this: This, ...args: Args) => R): (this: This, ...args: Args) => R {
  let outcome: { value: R } | { error: unknown } | undefined;
  return function (this: This, ...args: Args): R {
    if (!outcome) {
      try {
        outcome = { value: fn.apply(this, args) };
      } catch (error) {
        outcome = { error };
      }
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
}

export interface ShutdownHookOptions {
  /** How long this hook may take before shutdown moves on to the next one. Default 5000. */
  timeoutMs?: number;
}

export interface Shutdown {
  onShutdown(fn: () => unknown, options?: ShutdownHookOptions): () => void;
  shutdownSignal(): AbortSignal;
  runShutdown(reason?: string): Promise<void>;
}

// 128 + the signal's number: the exit code a shell and a container runtime expect.
const EXIT_CODES = { SIGTERM: 143, SIGINT: 130 } as const;

// A shutdown registry: hooks run newest first on SIGTERM/SIGINT, each bounded by its timeout,
// then the process exits. `exit` and `report` are injectable so tests need not end the process.
export function createShutdown(
  options: { exit?: (code: number) => void; report?: (error: unknown) => void } = {},
): Shutdown {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const report = options.report ?? ((error: unknown) => console.error('stability-runtime: shutdown hook failed:', error));
  const hooks: { fn: () => unknown; timeoutMs: number }[] = [];
  const controller = new AbortController();
  let running: Promise<void> | undefined;
  let listening = false;
  let exiting = false;

  const onSignal = (signal: keyof typeof EXIT_CODES): void => {
    // A repeated signal must not start a second exit; the hooks' timeouts bound the first.
    if (exiting) return;
    exiting = true;
    void runShutdown(signal).then(() => exit(EXIT_CODES[signal]));
  };
  const listen = (): void => {
    if (listening) return;
    listening = true;
    process.on('SIGTERM', () => onSignal('SIGTERM'));
    process.on('SIGINT', () => onSignal('SIGINT'));
  };
  const runShutdown = (reason = 'shutdown'): Promise<void> => {
    running ??= (async () => {
      controller.abort(new DOMException(`Shutting down (${reason})`, 'AbortError'));
      // pop() takes the newest hook first, and also hooks registered while shutting down.
      for (let hook = hooks.pop(); hook; hook = hooks.pop()) {
        try {
          await withTimeout(Promise.resolve().then(hook.fn), hook.timeoutMs);
        } catch (error) {
          report(error);
        }
      }
    })();
    return running;
  };
  return {
    onShutdown(fn, { timeoutMs = 5000 } = {}) {
      listen();
      const hook = { fn, timeoutMs };
      hooks.push(hook);
      return () => {
        const at = hooks.indexOf(hook);
        if (at >= 0) hooks.splice(at, 1);
      };
    },
    shutdownSignal() {
      listen();
      return controller.signal;
    },
    runShutdown,
  };
}

// One registry per process, even when two copies of this file are loaded (two packages of a
// monorepo): two registries would each exit the process before the other's hooks ran.
const registryKey = Symbol.for('stability-runtime.shutdown.v1');
const processShutdown: Shutdown = ((globalThis as unknown as Record<symbol, Shutdown | undefined>)[registryKey] ??= createShutdown());

// Registers `fn` to run when the process is asked to stop (SIGTERM, SIGINT); returns a function
// that unregisters it. Hooks run newest first, so what was opened last is closed first.
export function onShutdown(fn: () => unknown, options?: ShutdownHookOptions): () => void {
  return processShutdown.onShutdown(fn, options);
}

// An AbortSignal aborted as soon as shutdown begins: loops and waits check it to stop in time.
// Asking for it installs the SIGTERM/SIGINT handling, as onShutdown does.
export function shutdownSignal(): AbortSignal {
  return processShutdown.shutdownSignal();
}

// Runs the shutdown hooks now without exiting (after a fatal error, from an admin endpoint);
// later calls, and later signals, reuse the same run.
export function runShutdown(reason?: string): Promise<void> {
  return processShutdown.runShutdown(reason);
}

export interface RetryOptions {
  /** Calls in all, the first included. Default 3. */
  attempts?: number;
  /** The first wait's upper bound; it doubles after every failure. Default 100. */
  baseMs?: number;
  /** No wait is longer than this. Default 10000. */
  maxMs?: number;
  /** Stops retrying, and waiting, when aborted. */
  signal?: AbortSignal;
  /** Return false for errors that retrying cannot fix (a 4xx, a validation error). */
  shouldRetry?: (error: unknown) => boolean;
  /** A number in [0, 1); injectable for tests. Default Math.random. */
  random?: () => number;
}

// Calls `fn` until it succeeds, waiting a random time up to baseMs * 2^(n-1), capped at maxMs,
// between failures ("full jitter": retrying clients spread out). Rethrows the last error.
export async function retry<T>(fn: (attempt: number) => T | PromiseLike<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 3, baseMs = 100, maxMs = 10_000, signal, shouldRetry = () => true, random = Math.random } = options;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`retry: attempts must be a positive integer, got ${attempts}`);
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || !shouldRetry(error)) throw error;
      signal?.throwIfAborted();
      const delay = random() * Math.min(maxMs, baseMs * 2 ** (attempt - 1));
      // timers/promises rejects with its own AbortError; the signal's reason says more.
      await sleep(delay, undefined, { signal }).catch(() => signal?.throwIfAborted());
    }
  }
}

export interface BoundedOptions {
  /** Entries kept at most; setting one more evicts the least recently used. */
  max: number;
  /** Entries expire this long after they were last set. Default: never. */
  ttlMs?: number;
}

function checkBounds({ max, ttlMs = Infinity }: BoundedOptions): Required<BoundedOptions> {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`bounded: max must be a positive integer, got ${max}`);
  if (!(ttlMs > 0)) throw new RangeError(`bounded: ttlMs must be positive, got ${ttlMs}`);
  return { max, ttlMs };
}

// A real Map (so it passes wherever a Map is expected) whose iteration order is recency: a read
// or write moves a key to the end, and the first key is the one evicted.
class BoundedMap<K, V> extends Map<K, V> {
  readonly #bounds: Required<BoundedOptions>;
  // Keys in the order they were last set: with one TTL for all, also the order they expire in.
  readonly #setAt = new Map<K, number>();

  constructor(options: BoundedOptions) {
    super();
    this.#bounds = checkBounds(options);
  }

  override get(key: K): V | undefined {
    if (!this.has(key)) return undefined;
    const value = super.get(key) as V;
    super.delete(key);
    super.set(key, value);
    return value;
  }

  override has(key: K): boolean {
    this.#expire();
    return super.has(key);
  }

  override set(key: K, value: V): this {
    this.#expire();
    super.delete(key);
    super.set(key, value);
    this.#setAt.delete(key);
    this.#setAt.set(key, performance.now());
    if (super.size > this.#bounds.max) this.delete(super.keys().next().value as K);
    return this;
  }

  override delete(key: K): boolean {
    this.#setAt.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.#setAt.clear();
    super.clear();
  }

  override get size(): number {
    this.#expire();
    return super.size;
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.#expire();
    super.forEach(callback, thisArg);
  }

  override entries(): ReturnType<Map<K, V>['entries']> {
    this.#expire();
    return super.entries();
  }

  override keys(): ReturnType<Map<K, V>['keys']> {
    this.#expire();
    return super.keys();
  }

  override values(): ReturnType<Map<K, V>['values']> {
    this.#expire();
    return super.values();
  }

  override [Symbol.iterator](): ReturnType<Map<K, V>['entries']> {
    return this.entries();
  }

  // Drops expired keys from the front of #setAt: amortised constant time per call.
  #expire(): void {
    const now = performance.now();
    for (const [key, at] of this.#setAt) {
      if (now - at < this.#bounds.ttlMs) return;
      this.delete(key);
    }
  }
}

// The Set counterpart of BoundedMap: adding a value again makes it the most recent.
class BoundedSet<T> extends Set<T> {
  readonly #bounds: Required<BoundedOptions>;
  readonly #addedAt = new Map<T, number>();

  constructor(options: BoundedOptions) {
    super();
    this.#bounds = checkBounds(options);
  }

  override add(value: T): this {
    this.#expire();
    super.delete(value);
    super.add(value);
    this.#addedAt.delete(value);
    this.#addedAt.set(value, performance.now());
    if (super.size > this.#bounds.max) this.delete(super.values().next().value as T);
    return this;
  }

  override has(value: T): boolean {
    this.#expire();
    return super.has(value);
  }

  override delete(value: T): boolean {
    this.#addedAt.delete(value);
    return super.delete(value);
  }

  override clear(): void {
    this.#addedAt.clear();
    super.clear();
  }

  override get size(): number {
    this.#expire();
    return super.size;
  }

  override forEach(callback: (value: T, same: T, set: Set<T>) => void, thisArg?: unknown): void {
    this.#expire();
    super.forEach(callback, thisArg);
  }

  override entries(): ReturnType<Set<T>['entries']> {
    this.#expire();
    return super.entries();
  }

  override keys(): ReturnType<Set<T>['keys']> {
    return this.values();
  }

  override values(): ReturnType<Set<T>['values']> {
    this.#expire();
    return super.values();
  }

  override [Symbol.iterator](): ReturnType<Set<T>['values']> {
    return this.values();
  }

  #expire(): void {
    const now = performance.now();
    for (const [value, at] of this.#addedAt) {
      if (now - at < this.#bounds.ttlMs) return;
      this.delete(value);
    }
  }
}

// A Map that holds at most `max` entries, evicting the least recently used, and forgets an
// entry `ttlMs` after it was set. Reads (get) count as use; has() does not.
export function boundedMap<K, V>(options: BoundedOptions): Map<K, V> {
  return new BoundedMap<K, V>(options);
}

// A Set that holds at most `max` values, evicting the one added longest ago, and forgets a
// value `ttlMs` after it was added.
export function boundedSet<T>(options: BoundedOptions): Set<T> {
  return new BoundedSet<T>(options);
}
