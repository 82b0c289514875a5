// A seeded pseudo-random generator (mulberry32) for the fuzzers: a failure prints its seed, and
// the same seed replays the same inputs.

export interface Random {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function random(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { seed, next, int, pick: (items) => items[int(items.length)], chance: (p) => next() < p };
}

/** Options every fuzzer takes: where to start, and a bound in iterations and in time. */
export interface FuzzBounds {
  seed: number;
  iterations: number;
  /** Stop after this many seconds even if iterations remain. */
  seconds?: number;
  log?: (line: string) => void;
}

export interface FuzzOutcome {
  iterations: number;
  /** One line per failure, each naming the seed and iteration that replays it. */
  failures: string[];
}

/** Seeds from the environment (SL_FUZZ_SEED) for a replay, else fixed so `npm test` is deterministic. */
export function seedFromEnv(fallback: number): number {
  const s = process.env.SL_FUZZ_SEED;
  return s !== undefined && s !== '' ? Number(s) : fallback;
}
