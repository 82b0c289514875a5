import { fetchSnapshot } from './http';

export enum ErrorStrategy {
  Fail = 'fail',
  Fallback = 'fallback',
}

export interface ClientOptions {
  url: string;
  namespace?: string;
  updateInterval?: number;
  errorStrategy?: ErrorStrategy;
}

export class FliptClient {
  private snapshot: Record<string, unknown> | undefined;
  private refreshTimer?: NodeJS.Timeout;

  private constructor(private readonly options: ClientOptions) {}

  static async init(options: ClientOptions): Promise<FliptClient> {
    const client = new FliptClient(options);
    await client.refresh();
    if (options.updateInterval && options.updateInterval > 0) {
      client.startAutoRefresh(options.updateInterval * 1000);
    }
    return client;
  }

  async refresh(): Promise<boolean> {
    try {
      this.snapshot = await fetchSnapshot(this.options.url, this.options.namespace ?? 'default');
      return true;
    } catch (err) {
      if (this.options.errorStrategy === ErrorStrategy.Fail) throw err;
      return false;
    }
  }

  private startAutoRefresh(interval: number) {
    this.refreshTimer = setInterval(async () => {
      try {
        await this.refresh();
      } catch {
        // the snapshot from the last successful fetch stays in use
      }
    }, interval);
    this.refreshTimer.unref();
  }

  evaluateBoolean(flagKey: string): boolean {
    return Boolean(this.snapshot?.[flagKey]);
  }

  close() {
    clearInterval(this.refreshTimer);
  }
}
