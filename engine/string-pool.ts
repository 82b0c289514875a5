// One copy of each string a run keeps many times over (paths, rule ids, fact kinds, names), and a
// number for it: results cross from worker threads with every string copied. A --cache run's pool
// is the cache file's string table (engine/lint-cache.ts), so facts read from the cache keep the
// numbers they were written with.
export class StringPool {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[];

  constructor(initial: readonly string[] = []) {
    this.strings = [...initial];
    this.strings.forEach((s, i) => this.ids.set(s, i));
  }

  /** The pool's copy of `s`. */
  get(s: string): string {
    return this.strings[this.id(s)];
  }

  /** The number of `s`, added when new. */
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.push(s) - 1;
      this.ids.set(s, id);
    }
    return id;
  }

  at(id: number): string {
    return this.strings[id];
  }

  get size(): number {
    return this.strings.length;
  }

  all(): readonly string[] {
    return this.strings;
  }
}
