// Clients for the services orders depend on: inventory, payments, shipping, and the
// customer's order webhook.
import axios from 'axios';
import { config } from './config.js';

// Antipattern: axios has no default timeout. When inventory hangs, every reservation
// waits forever and holds its job (and its database connection) with it.
export const inventory = axios.create({ baseURL: config.inventoryUrl });

// Correct: every payments call is bounded.
export const payments = axios.create({ baseURL: config.paymentsUrl, timeout: 5_000 });

export async function reserveStock(orderId: string, items: { sku: string; quantity: number }[]): Promise<boolean> {
  const { data } = await inventory.post<{ reserved: boolean }>('/reservations', { orderId, items });
  return data.reserved;
}

export async function capturePayment(orderId: string, amountCents: number): Promise<void> {
  await payments.post('/captures', { orderId, amountCents });
}

// Antipattern: fetch without a signal waits up to 300 s for headers, and a body that
// trickles in never ends.
export async function notifyCustomer(event: { orderId: string; status: string }): Promise<void> {
  if (!config.webhookUrl) return;
  const res = await fetch(config.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
  if (!res.ok) throw new Error(`Order webhook answered ${res.status}`);
}

// Correct: the quote is abandoned after three seconds.
export async function shippingQuote(orderId: string): Promise<{ cents: number; days: number }> {
  const res = await fetch(`${config.shippingUrl}/quotes/${encodeURIComponent(orderId)}`, {
    signal: AbortSignal.timeout(3_000),
  });
  if (!res.ok) throw new Error(`Shipping quote failed with ${res.status}`);
  return (await res.json()) as { cents: number; days: number };
}
