// --shard k/n: split one lint run over n CI jobs. A file belongs to one shard, chosen by a hash
// of its path relative to the working directory, so every job (on any machine or checkout
// path) agrees on the split without talking to the others, and adding a file moves no other.
import * as path from 'node:path';
import { UsageError } from './usage-error';

export interface Shard {
  /** 1-based, as written: `--shard 2/4` is index 2 of count 4. */
  index: number;
  count: number;
}

export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`Invalid shard "${spec}": write k/n with 1 ≤ k ≤ n, e.g. --shard 1/4`);
  }
  return { index, count };
}

/** True when `file` is one of the files shard `shard` reports. */
export function inShard(file: string, shard: Shard, cwd: string): boolean {
  return shardOf(file, shard.count, cwd) === shard.index;
}

/** The 1-based shard a file falls in among `count`. */
export function shardOf(file: string, count: number, cwd: string): number {
  const rel = path.relative(cwd, file).split(path.sep).join('/');
  return (fnv1a(rel) % count) + 1;
}

/** 32-bit FNV-1a over UTF-16 code units: fast, stable across platforms and Node versions. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
