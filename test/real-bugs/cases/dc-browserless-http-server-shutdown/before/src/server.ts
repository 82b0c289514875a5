import http from 'node:http';
import { EventEmitter } from 'node:events';
import { Router } from './router.js';

export class HTTPServer extends EventEmitter {
  protected server: http.Server = http.createServer();
  protected port: number;
  protected host?: string;

  constructor(protected router: Router, config: { port: number; host?: string }) {
    super();
    this.port = config.port;
    this.host = config.host;
  }

  public async start(): Promise<void> {
    this.server.on('request', (req, res) => this.router.handle(req, res));
    this.server.timeout = 0;
    this.server.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => this.server.listen(this.port, this.host, resolve));
    this.emit('started');
  }

  public async shutdown(): Promise<void> {
    this.emit('shutting-down');
    await new Promise((resolve) => this.server.close(resolve));
    this.server.removeAllListeners();
    this.emit('shutdown');
  }
}
