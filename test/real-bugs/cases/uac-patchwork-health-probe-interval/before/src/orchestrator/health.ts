import type { Logger } from '../logger.js';

export interface Worker {
  id: string;
  url: string;
  healthy: boolean;
}

export class HealthMonitor {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly workers: Map<string, Worker>,
    private readonly logger: Logger,
    private readonly intervalMs = 15_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(async () => {
      await this.probeAll();
    }, this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async probeAll(): Promise<void> {
    for (const worker of this.workers.values()) {
      const res = await fetch(`${worker.url}/health`, { signal: AbortSignal.timeout(5_000) });
      const healthy = res.ok;
      if (healthy !== worker.healthy) {
        this.logger.info(`worker ${worker.id} is now ${healthy ? 'healthy' : 'unhealthy'}`);
      }
      worker.healthy = healthy;
    }
  }
}
