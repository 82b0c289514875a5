// When lint work runs. Edits are debounced per document and a newer edit replaces the pending
// run, so a burst of keystrokes costs one lint. The background workspace pass runs one file per
// turn of the event loop and only while no edit is waiting, so typing is never queued behind it.

type Job = () => void | Promise<void>;

interface Pending {
  timer: NodeJS.Timeout;
}

export class Scheduler {
  private readonly pending = new Map<string, Pending>();
  private idleWaiters: (() => void)[] = [];
  private disposed = false;

  constructor(private readonly onError: (key: string, error: unknown) => void) {}

  /**
   * Runs `job` for `key` after `delayMs`, replacing any run of the same key not yet started.
   * The job starts after a `setImmediate`, so messages that arrived while the timer waited (a
   * newer edit) are handled first and can still replace it.
   */
  schedule(key: string, delayMs: number, job: Job): void {
    if (this.disposed) return;
    this.cancel(key);
    const entry: Pending = {
      timer: setTimeout(() => {
        setImmediate(() => {
          if (this.pending.get(key) !== entry) return; // replaced while waiting for its turn
          this.pending.delete(key);
          void this.run(key, job);
        });
      }, delayMs),
    };
    this.pending.set(key, entry);
  }

  cancel(key: string): void {
    const p = this.pending.get(key);
    if (p) {
      clearTimeout(p.timer);
      this.pending.delete(key);
      this.wakeIfIdle();
    }
  }

  /** True while some edit-driven run is waiting. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Resolves on a later turn of the event loop once no edit-driven run is waiting: the
   * background pass awaits this before each file.
   */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      setImmediate(() => {
        if (this.pending.size === 0 || this.disposed) resolve();
        else this.idleWaiters.push(resolve);
      });
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.wakeIfIdle();
  }

  private async run(key: string, job: Job): Promise<void> {
    try {
      await job();
    } catch (e) {
      this.onError(key, e);
    } finally {
      this.wakeIfIdle();
    }
  }

  private wakeIfIdle(): void {
    if (this.pending.size && !this.disposed) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) setImmediate(w);
  }
}
