import type { JetStreamClient, JsMsg } from 'nats';
import type { Agent } from '../agent';

const PURGE_WORKER_RESTART_DELAY_MS = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PurgeWorker {
  private stopped = false;

  constructor(
    private readonly js: JetStreamClient,
    private readonly consumerName: string,
  ) {}

  async run(agent: Agent): Promise<void> {
    while (!this.stopped) {
      try {
        const consumer = await this.js.consumers.get('PURGE', this.consumerName);
        const messages = await consumer.consume({ max_messages: 10 });
        for await (const msg of messages) {
          await this.processMessage(msg, agent);
        }
        agent.config.logger.warn('[Purge] Consume loop ended — restarting', { consumer: this.consumerName });
      } catch (err: any) {
        agent.config.logger.error('[Purge] Consume loop error — restarting after delay', {
          consumer: this.consumerName,
          error: err?.message,
        });
        if (!this.stopped) await sleep(PURGE_WORKER_RESTART_DELAY_MS);
      }
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private async processMessage(msg: JsMsg, agent: Agent): Promise<void> {
    const { connectionId } = msg.json<{ connectionId: string }>();
    await agent.connections.deleteById(connectionId);
    msg.ack();
  }
}
