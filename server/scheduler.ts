// When lint work runs. Edits are debounced per document and a newer edit replaces the pending
// run, so a burst of keystrokes costs one lint. The background workspace pass runs one file per
// turn of the event loop and only while no edit is waiting, so typing is never queued behind it;
// while runs wait or run (`onBusy`), the results a pass in worker threads posts are held back.

type Job = () => void | Promise<void>;

/**
 * The background pass resumes only after this long without an edit: while someone types, every
 * keystroke's lint starts at once instead of waiting behind a workspace file being linted.
 */
const QUIET_MS = 250;

interface Pending {
  timer: NodeJS.Timeout;
}

export class Scheduler {
  private readonly pending = new Map<string, Pending>();
  private idleWaiters: (() => void)[] = [];
  private disposed = false;
  private lastEdit = 0;
  private quietTimer: NodeJS.Timeout | undefined;
  /** Runs started and not finished (a document's lint awaits before it publishes). */
  private running = 0;
  private busy = false;

  /** `onBusy(true)` once a run is waiting or running, `onBusy(false)` once none is. */
  constructor(private readonly onError: (key: string, error: unknown) => void, private readonly onBusy?: (busy: boolean) => void) {}

  /**
   * Runs `job` for `key` after `delayMs`, replacing any run of the same key not yet started.
   * The job starts after a `setImmediate`, so messages that arrived while the timer waited (a
   * newer edit) are handled first and can still replace it.
   */
  schedule(key: string, delayMs: number, job: Job): void {
    if (this.disposed) return;
    const replaced = this.pending.get(key);
    if (replaced) clearTimeout(replaced.timer);
    const entry: Pending = {
      timer: setTimeout(() => {
        setImmediate(() => {
          if (this.pending.get(key) !== entry) return; // replaced while waiting for its turn
          this.pending.delete(key);
          this.running++;
          void this.run(key, job);
        });
      }, delayMs),
    };
    this.pending.set(key, entry);
    this.noteBusy();
  }

  cancel(key: string): void {
    const p = this.pending.get(key);
    if (p) {
      clearTimeout(p.timer);
      this.pending.delete(key);
      this.noteBusy();
      this.wakeIfIdle();
    }
  }

  /** Records typing: the background pass keeps out of the way until it stops. */
  noteEdit(): void {
    this.lastEdit = Date.now();
  }

  /**
   * Resolves on a later turn of the event loop once no edit-driven run is waiting and no edit
   * came in the last QUIET_MS: the background pass awaits this before each file.
   */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      setImmediate(() => {
        this.idleWaiters.push(resolve);
        this.wakeIfIdle();
      });
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.noteBusy();
    this.wakeIfIdle();
  }

  private async run(key: string, job: Job): Promise<void> {
    try {
      await job();
    } catch (e) {
      this.onError(key, e);
    } finally {
      this.running--;
      this.noteBusy();
      this.wakeIfIdle();
    }
  }

  private noteBusy(): void {
    const busy = !this.disposed && (this.pending.size > 0 || this.running > 0);
    if (busy === this.busy) return;
    this.busy = busy;
    this.onBusy?.(busy);
  }

  private wakeIfIdle(): void {
    if (!this.idleWaiters.length) return;
    if (!this.disposed) {
      if (this.pending.size) return; // the run that empties the queue wakes them
      const quietIn = this.lastEdit + QUIET_MS - Date.now();
      if (quietIn > 0) {
        this.quietTimer ??= setTimeout(() => {
          this.quietTimer = undefined;
          this.wakeIfIdle();
        }, quietIn);
        return;
      }
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) setImmediate(w);
  }
}
