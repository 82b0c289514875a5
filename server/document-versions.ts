// Which version of each open document the server has linted: the one place that answers "is
// this result current?". A pull request or a code action waits for the current version's lint,
// and what is published carries the version its findings were computed from.

/** The version of an open document now; undefined once it is closed. */
export type CurrentVersion = (uri: string) => number | undefined;

export class DocumentVersions {
  /** The version each open document's last finished lint ran on, while that is still its version. */
  private readonly linted = new Map<string, number>();
  /** The version each open document's recorded findings come from (published with them). */
  private readonly resultVersion = new Map<string, number>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private stopped = false;

  constructor(private readonly currentVersion: CurrentVersion) {}

  /** The findings of `version` were recorded; they may still be superseded before they are published. */
  recorded(uri: string, version: number): void {
    this.resultVersion.set(uri, version);
  }

  /** A lint of `version` is over: if the document is still at that version, its result is current. */
  finished(uri: string, version: number): void {
    if (this.currentVersion(uri) === version) this.linted.set(uri, version);
    this.wake(uri);
  }

  /** A re-lint is coming (settings or config changed): until it finishes, nothing is current. */
  invalidate(uri: string): void {
    this.linted.delete(uri);
  }

  closed(uri: string): void {
    this.linted.delete(uri);
    this.resultVersion.delete(uri);
    this.wake(uri);
  }

  /** True when the open document's findings are those of its current text. */
  isCurrent(uri: string): boolean {
    const version = this.currentVersion(uri);
    return version !== undefined && this.linted.get(uri) === version;
  }

  /** The version an open document's recorded findings come from; null for a closed document or none yet. */
  resultVersionOf(uri: string): number | null {
    return this.currentVersion(uri) !== undefined ? this.resultVersion.get(uri) ?? null : null;
  }

  /** Resolves once the open document's current version is linted, at once for a closed one (or after stop). */
  whenCurrent(uri: string): Promise<void> {
    if (this.settled(uri)) return Promise.resolve();
    return new Promise((resolve) => {
      const set = this.waiters.get(uri) ?? new Set();
      const check = () => {
        if (!this.settled(uri)) return;
        set.delete(check);
        resolve();
      };
      set.add(check);
      this.waiters.set(uri, set);
    });
  }

  /** Releases every waiter: a stopped server answers from what it has. */
  stop(): void {
    this.stopped = true;
    for (const uri of [...this.waiters.keys()]) this.wake(uri);
  }

  private settled(uri: string): boolean {
    const version = this.currentVersion(uri);
    return version === undefined || this.linted.get(uri) === version || this.stopped;
  }

  private wake(uri: string): void {
    for (const check of [...(this.waiters.get(uri) ?? [])]) check();
    if (!this.waiters.get(uri)?.size) this.waiters.delete(uri);
  }
}
