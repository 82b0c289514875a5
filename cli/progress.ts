// Progress on a terminal for runs that take a while: silent for the first second, so quick
// runs stay clean, then one self-overwriting line, cleared before the report is printed.

export interface Progress {
  onProgress(done: number, total: number): void;
  /** Clears the line if one was drawn. */
  finish(): void;
}

const QUIET_MS = 1000;
const REDRAW_MS = 100;

export function terminalProgress(write: (s: string) => void, now: () => number = Date.now): Progress {
  const started = now();
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    onProgress(done, total) {
      const t = now();
      if (t - started < QUIET_MS || (t - lastDraw < REDRAW_MS && done < total)) return;
      lastDraw = t;
      drawn = true;
      write(`\r\u001b[KLinting… ${done}/${total} files`);
    },
    finish() {
      if (drawn) write('\r\u001b[K');
      drawn = false;
    },
  };
}
