import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';

export interface CopilotClientOptions {
  cliPath?: string;
  port?: number;
  autoStart?: boolean;
}

export class CopilotClient {
  private state: 'disconnected' | 'connecting' | 'connected' | 'error' = 'disconnected';
  private cliProcess: ChildProcess | null = null;
  private socket: Socket | null = null;
  private startPromise: Promise<void> | null = null;

  constructor(private readonly options: CopilotClientOptions = {}) {}

  start(): Promise<void> {
    if (this.state === 'connected') {
      return Promise.resolve();
    }
    // Concurrent callers share one start: one CLI server process, one connection.
    this.startPromise ??= this.doStart().catch((error) => {
      this.startPromise = null;
      throw error;
    });
    return this.startPromise;
  }

  private async doStart(): Promise<void> {
    this.state = 'connecting';
    try {
      await this.startCLIServer();
      await this.connectToServer();
      this.state = 'connected';
    } catch (error) {
      this.state = 'error';
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.socket?.destroy();
    this.socket = null;
    this.cliProcess?.kill();
    this.cliProcess = null;
    this.state = 'disconnected';
  }

  async createSession(): Promise<{ id: string }> {
    if (this.options.autoStart !== false) await this.start();
    return { id: `session-${Date.now()}` };
  }

  private async startCLIServer(): Promise<void> {
    this.cliProcess = spawn(this.options.cliPath ?? 'copilot', ['--server', '--port', String(this.options.port ?? 0)]);
    await new Promise<void>((resolve, reject) => {
      this.cliProcess!.once('spawn', () => resolve());
      this.cliProcess!.once('error', reject);
    });
  }

  private async connectToServer(): Promise<void> {
    this.socket = connect({ port: this.options.port ?? 4321, timeout: 10_000 });
    await new Promise<void>((resolve, reject) => {
      this.socket!.once('connect', () => resolve());
      this.socket!.once('error', reject);
    });
  }
}
