// Every file's unconditional facts of the usual shape (all but a few in a hundred), as numbers:
// a run holds every file's facts until it settles (146,000 on the two corpora, 730,000 on 20,000
// files), and as objects they were most of the memory a big run held per file. Three numbers a
// fact — its rule and kind as one pair, then a written key and -1, or a module binding's file and
// name — in chunks of fixed size, so growing never copies and never leaves half a chunk unused.
import type { StringPool } from './string-pool';
import type { ModuleBinding, ProjectFact } from './types';

const WIDTH = 3;
/** Numbers per chunk (1 MiB). */
const CHUNK = 1 << 18;

interface Range {
  chunk: Int32Array;
  start: number;
  end: number;
}

export class PlainFacts {
  private readonly byFile = new Map<string, Range>();
  private chunk: Int32Array | undefined;
  private chunkUsed = 0;
  /** Numbers in chunks, and how many of them are still some file's (replaced files leave the rest). */
  private allocated = 0;
  private live = 0;
  private compacting = false;
  /** Each rule and kind as one number, keyed by their string numbers. */
  private readonly pairs = new Map<number, number>();
  private readonly pairRule: string[] = [];
  private readonly pairKind: string[] = [];

  /** `chunkSize`: numbers per chunk (tests make it small). */
  constructor(private readonly strings: StringPool, private readonly chunkSize = CHUNK) {}

  /** Whether a fact is stored here: unconditional, a written key or a module binding. */
  static holds(f: ProjectFact): boolean {
    if (f.ifAll !== undefined || typeof f.rule !== 'string' || typeof f.kind !== 'string') return false;
    const ref = f.ref as unknown;
    return typeof ref === 'string' || (typeof ref === 'object' && ref !== null && typeof (ref as ModuleBinding).file === 'string' && typeof (ref as ModuleBinding).name === 'string');
  }

  /** Records (or replaces) a file's facts, each of which `holds`. */
  set(file: string, facts: readonly ProjectFact[]): void {
    this.delete(file);
    if (!facts.length) return;
    const n = facts.length * WIDTH;
    const range = this.reserve(n);
    const { chunk, start } = range;
    const strings = this.strings;
    facts.forEach((f, i) => {
      const at = start + i * WIDTH;
      chunk[at] = this.pair(strings.id(f.rule), strings.id(f.kind));
      if (typeof f.ref === 'string') {
        chunk[at + 1] = strings.id(f.ref);
        chunk[at + 2] = -1;
      } else {
        chunk[at + 1] = strings.id(f.ref.file);
        chunk[at + 2] = strings.id(f.ref.name);
      }
    });
    this.byFile.set(file, range);
  }

  /**
   * Records (or replaces) a file's facts given as numbers, four a fact: rule, kind, then a written
   * key and -1, or a module binding's file and name, each a string's number in this pool.
   */
  setNumbered(file: string, numbers: readonly number[]): void {
    this.delete(file);
    if (!numbers.length) return;
    const range = this.reserve((numbers.length / 4) * WIDTH);
    const { chunk, start } = range;
    for (let i = 0, at = start; i < numbers.length; i += 4, at += WIDTH) {
      chunk[at] = this.pair(numbers[i], numbers[i + 1]);
      chunk[at + 1] = numbers[i + 2];
      chunk[at + 2] = numbers[i + 3];
    }
    this.byFile.set(file, range);
  }

  delete(file: string): void {
    const range = this.byFile.get(file);
    if (!range) return;
    this.byFile.delete(file);
    this.live -= range.end - range.start;
  }

  /**
   * Hands every fact of a rule and kind that `wanted` accepts (asked once per pair) to `written`
   * or `binding`.
   */
  each(
    wanted: (rule: string, kind: string) => boolean,
    written: (rule: string, kind: string, ref: string) => void,
    binding: (rule: string, kind: string, file: string, name: string) => void,
  ): void {
    const strings = this.strings;
    const accepted = this.pairRule.map((rule, i) => wanted(rule, this.pairKind[i]));
    for (const { chunk, start, end } of this.byFile.values()) {
      for (let at = start; at < end; at += WIDTH) {
        const pair = chunk[at];
        if (!accepted[pair]) continue;
        if (chunk[at + 2] < 0) written(this.pairRule[pair], this.pairKind[pair], strings.at(chunk[at + 1]));
        else binding(this.pairRule[pair], this.pairKind[pair], strings.at(chunk[at + 1]), strings.at(chunk[at + 2]));
      }
    }
  }

  /** The pair number of a rule and kind given as string numbers. */
  private pair(rule: number, kind: number): number {
    const key = rule * 2 ** 26 + kind;
    let id = this.pairs.get(key);
    if (id === undefined) {
      id = this.pairRule.push(this.strings.at(rule)) - 1;
      this.pairKind.push(this.strings.at(kind));
      this.pairs.set(key, id);
    }
    return id;
  }

  /** `n` numbers at the end of the current chunk, or of a new one; mostly stale chunks are compacted first. */
  private reserve(n: number): Range {
    if (!this.chunk || this.chunkUsed + n > this.chunk.length) {
      if (!this.compacting && this.allocated > 4 * this.chunkSize && this.live < this.allocated / 2) this.compact();
      if (!this.chunk || this.chunkUsed + n > this.chunk.length) this.newChunk(n);
    }
    const start = this.chunkUsed;
    this.chunkUsed += n;
    this.live += n;
    return { chunk: this.chunk!, start, end: start + n };
  }

  private newChunk(atLeast: number): void {
    this.chunk = new Int32Array(Math.max(this.chunkSize, atLeast));
    this.chunkUsed = 0;
    this.allocated += this.chunk.length;
  }

  /** Copies every file's range into fresh chunks (the language server, after many edits). */
  private compact(): void {
    const ranges = [...this.byFile.values()];
    const old = ranges.map((r) => r.chunk.slice(r.start, r.end));
    this.chunk = undefined;
    this.allocated = 0;
    this.live = 0;
    this.compacting = true;
    ranges.forEach((range, i) => {
      const r = this.reserve(old[i].length);
      r.chunk.set(old[i], r.start);
      Object.assign(range, r);
    });
    this.compacting = false;
  }
}
