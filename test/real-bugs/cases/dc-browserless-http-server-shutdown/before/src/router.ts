import type http from 'node:http';

export class Router {
  handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(req.url === '/health' ? 200 : 404).end();
  }
}
