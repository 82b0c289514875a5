import { startPolling } from './PollingLoop';

export class PrivilegeRefresher {
  private privileges = new Set<string>();
  private stopPolling?: () => void;

  constructor(private readonly endpoint: string) {}

  start(): void {
    this.stopPolling ??= startPolling(async () => {
      const res = await fetch(this.endpoint, { signal: AbortSignal.timeout(5_000) });
      this.privileges = new Set((await res.json()) as string[]);
    }, 60_000);
  }

  stop(): void {
    this.stopPolling?.();
    this.stopPolling = undefined;
  }

  has(flag: string): boolean {
    return this.privileges.has(flag);
  }
}
