import { logger } from './Logger';

const log = logger.child({ comp: 'polling' });

/**
 * Runs `task` now and then again `intervalMs` after each run finishes, so runs never overlap.
 */
export function startPolling(task: () => Promise<void>, intervalMs: number): void {
  const run = async () => {
    try {
      await task();
    } catch (error) {
      log.error('polling task failed', { error });
    }
    setTimeout(run, intervalMs);
  };
  void run();
}
