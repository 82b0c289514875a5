import { logger } from './Logger';

const log = logger.child({ comp: 'polling' });

/**
 * Runs `task` now and then again `intervalMs` after each run finishes, so runs never overlap.
 * Returns a function that stops the loop: no run starts after it is called.
 */
export function startPolling(task: () => Promise<void>, intervalMs: number): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    if (stopped) return;
    try {
      await task();
    } catch (error) {
      log.error('polling task failed', { error });
    }
    if (!stopped) timer = setTimeout(run, intervalMs);
  };
  void run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
