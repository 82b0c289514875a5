import { pool } from './db';

export interface OrderItem { sku: string; quantity: number; priceCents: number }
export interface Order { customerId: string; items: OrderItem[] }

export async function recordOrder(order: Order): Promise<string> {
  const client = await pool.connect();
  await client.query('BEGIN');
  const { rows } = await client.query<{ id: string }>(
    'INSERT INTO orders (customer_id, created_at) VALUES ($1, now()) RETURNING id',
    [order.customerId],
  );
  const orderId = rows[0].id;
  for (const item of order.items) {
    await client.query(
      'INSERT INTO order_items (order_id, sku, quantity, price_cents) VALUES ($1, $2, $3, $4)',
      [orderId, item.sku, item.quantity, item.priceCents],
    );
  }
  await client.query('COMMIT');
  client.release();
  return orderId;
}

export async function getOrder(id: string) {
  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [id]);
  return rows[0] ?? null;
}
