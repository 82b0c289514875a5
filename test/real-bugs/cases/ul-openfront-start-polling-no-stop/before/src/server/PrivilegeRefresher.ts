import { startPolling } from './PollingLoop';

export class PrivilegeRefresher {
  private privileges = new Set<string>();

  constructor(private readonly endpoint: string) {}

  start(): void {
    startPolling(async () => {
      const res = await fetch(this.endpoint, { signal: AbortSignal.timeout(5_000) });
      this.privileges = new Set((await res.json()) as string[]);
    }, 60_000);
  }

  has(flag: string): boolean {
    return this.privileges.has(flag);
  }
}
