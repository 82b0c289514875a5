import http from 'node:http';
import { EventEmitter } from 'node:events';
import { Router } from './router.js';

export class HTTPServer extends EventEmitter {
  protected server?: http.Server = http.createServer();
  protected port: number;
  protected host?: string;

  constructor(protected router: Router, config: { port: number; host?: string }) {
    super();
    this.port = config.port;
    this.host = config.host;
  }

  public async start(): Promise<void> {
    if (!this.server) throw new Error('server was shut down');
    const server = this.server;
    server.on('request', (req, res) => this.router.handle(req, res));
    server.timeout = 0;
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => server.listen(this.port, this.host, resolve));
    this.emit('started');
  }

  public async shutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.emit('shutting-down');
    await new Promise((resolve) => server.close(resolve));
    server.removeAllListeners();
    this.emit('shutdown');
  }
}
