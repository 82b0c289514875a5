// One copy of each string a run keeps many times over (paths, rule ids, fact kinds, names), and a
// number for it: results cross from worker threads with every string copied.
export class StringPool {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];

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
}
