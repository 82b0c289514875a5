import type { EventEmitter } from 'node:events';

type Unlisten = () => void;

export interface AssetSidecarControllerOptions {
  appEvents: EventEmitter;
  subscribeFileChanges(onChange: (paths: string[]) => void): Unlisten;
  runPass(): Promise<void>;
}

export interface AssetSidecarController {
  start(): void;
  dispose(): void;
}

/** Build the controller for one graph session. `dispose()` is terminal. */
export function createAssetSidecarController(options: AssetSidecarControllerOptions): AssetSidecarController {
  let disposed = false;
  let running = false;
  /** A trigger landed mid-pass; run exactly one follow-up after it. */
  let queued = false;
  let unlisten: Unlisten | null = null;
  const disposers: Array<() => void> = [];

  function schedule(): void {
    if (disposed) return;
    if (running) {
      queued = true;
      return;
    }
    running = true;
    options
      .runPass()
      .catch((err) => console.warn('asset sidecar pass failed', err))
      .finally(() => {
        running = false;
        if (queued) {
          queued = false;
          schedule();
        }
      });
  }

  function start(): void {
    if (disposed) {
      return;
    }
    const onWake = (): void => schedule();
    options.appEvents.on('focus', onWake);
    options.appEvents.on('resume', onWake);
    disposers.push(() => {
      options.appEvents.off('focus', onWake);
      options.appEvents.off('resume', onWake);
    });
    unlisten = options.subscribeFileChanges(() => schedule());
    schedule();
  }

  function dispose(): void {
    disposed = true;
    unlisten?.();
    unlisten = null;
    for (const d of disposers.splice(0)) d();
  }

  return { start, dispose };
}
