// Orders and their fulfilment jobs, written in one transaction.
import { pool } from './db.js';

export interface OrderInput {
  customerId: string;
  items: { sku: string; quantity: number }[];
}

export interface Order {
  id: string;
  customerId: string;
  status: 'pending' | 'reserved' | 'shipped' | 'cancelled';
  createdAt: Date;
}

interface OrderRow {
  id: string;
  customer_id: string;
  status: Order['status'];
  created_at: Date;
}

function toOrder(row: OrderRow): Order {
  return { id: row.id, customerId: row.customer_id, status: row.status, createdAt: row.created_at };
}

// Antipattern: the client goes back to the pool only on the happy path. Any failed query
// leaks the connection (and leaves it inside an open transaction); ten of those and every
// request waits for a connection that never comes back.
export async function createOrder(input: OrderInput): Promise<Order> {
  const client = await pool.connect();
  await client.query('BEGIN');
  const { rows } = await client.query<OrderRow>(
    'INSERT INTO orders (customer_id, items, status) VALUES ($1, $2, $3) RETURNING *',
    [input.customerId, JSON.stringify(input.items), 'pending'],
  );
  await client.query("INSERT INTO jobs (kind, order_id) VALUES ('fulfil', $1)", [rows[0].id]);
  await client.query('COMMIT');
  client.release();
  return toOrder(rows[0]);
}

// Correct: rollback on failure, and the client is released in `finally` on every path.
export async function cancelOrder(id: string): Promise<Order | undefined> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<OrderRow>(
      "UPDATE orders SET status = 'cancelled' WHERE id = $1 AND status = 'pending' RETURNING *",
      [id],
    );
    await client.query("DELETE FROM jobs WHERE order_id = $1 AND kind = 'fulfil'", [id]);
    await client.query('COMMIT');
    return rows[0] ? toOrder(rows[0]) : undefined;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

export async function findOrder(id: string): Promise<Order | undefined> {
  const { rows } = await pool.query<OrderRow>('SELECT * FROM orders WHERE id = $1', [id]);
  return rows[0] ? toOrder(rows[0]) : undefined;
}

export async function markOrder(id: string, status: Order['status']): Promise<void> {
  await pool.query('UPDATE orders SET status = $2 WHERE id = $1', [id, status]);
}
