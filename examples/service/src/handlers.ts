// HTTP handlers: JSON in, JSON out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditLog } from './audit-log.js';
import { cancelOrder, createOrder, findOrder, type OrderInput } from './orders-repo.js';
import { shippingQuote } from './upstream.js';

const MAX_BODY_BYTES = 64 * 1024;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function isOrderInput(value: unknown): value is OrderInput {
  const v = value as OrderInput;
  return typeof v?.customerId === 'string' && Array.isArray(v.items) &&
    v.items.every((i) => typeof i.sku === 'string' && Number.isInteger(i.quantity) && i.quantity > 0);
}

export function createHandler(audit: AuditLog) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://orders.internal');
    const orderId = /^\/orders\/([\w-]+)$/.exec(url.pathname)?.[1];
    try {
      if (req.method === 'POST' && url.pathname === '/orders') {
        const input = await readJson(req);
        if (!isOrderInput(input)) return send(res, 400, { error: 'customerId and items[] are required' });
        const order = await createOrder(input);
        await audit.record(order.id, 'created');
        return send(res, 201, order);
      }
      if (req.method === 'GET' && orderId) {
        const order = await findOrder(orderId);
        return order ? send(res, 200, order) : send(res, 404, { error: 'No such order' });
      }
      if (req.method === 'DELETE' && orderId) {
        const order = await cancelOrder(orderId);
        if (order) await audit.record(order.id, 'cancelled');
        return order ? send(res, 200, order) : send(res, 409, { error: 'Only pending orders can be cancelled' });
      }
      if (req.method === 'GET' && url.pathname.startsWith('/quotes/')) {
        return send(res, 200, await shippingQuote(url.pathname.slice('/quotes/'.length)));
      }
      if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { ok: true });
      send(res, 404, { error: 'Not found' });
    } catch (err) {
      if (err instanceof HttpError) return send(res, err.status, { error: err.message });
      console.error('request failed', err);
      send(res, 500, { error: 'Internal error' });
    }
  };
}
