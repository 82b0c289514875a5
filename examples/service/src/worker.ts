// The job queue: fulfil new orders (reserve stock, take payment) and tell the customer.
import { setTimeout as sleep } from 'node:timers/promises';
import { pool } from './db.js';
import { markOrder } from './orders-repo.js';
import { capturePayment, notifyCustomer, reserveStock } from './upstream.js';

interface Job {
  id: number;
  kind: 'fulfil' | 'notify';
  order_id: string;
  payload: { items?: { sku: string; quantity: number }[]; amountCents?: number; status?: string };
}

const IDLE_WAIT_MS = 1_000;

async function claimJob(kind: Job['kind']): Promise<Job | undefined> {
  const { rows } = await pool.query<Job>(
    `UPDATE jobs SET status = 'running', started_at = now()
      WHERE id = (SELECT id FROM jobs WHERE kind = $1 AND status = 'queued'
                   ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING id, kind, order_id, payload`,
    [kind],
  );
  return rows[0];
}

async function finishJob(job: Job, error?: unknown): Promise<void> {
  await pool.query('UPDATE jobs SET status = $2, error = $3, finished_at = now() WHERE id = $1', [
    job.id,
    error ? 'failed' : 'done',
    error ? String(error) : null,
  ]);
}

async function fulfil(job: Job): Promise<void> {
  const reserved = await reserveStock(job.order_id, job.payload.items ?? []);
  if (!reserved) {
    await markOrder(job.order_id, 'cancelled');
    return;
  }
  await capturePayment(job.order_id, job.payload.amountCents ?? 0);
  await markOrder(job.order_id, 'reserved');
}

// Antipattern: nothing can stop this loop. On SIGTERM it keeps claiming jobs while the pool
// is being closed, and the process only ends when the orchestrator kills it mid-job.
export async function runNotificationWorker(): Promise<void> {
  while (true) {
    const job = await claimJob('notify');
    if (!job) {
      await sleep(IDLE_WAIT_MS);
      continue;
    }
    try {
      await notifyCustomer({ orderId: job.order_id, status: job.payload.status ?? 'updated' });
      await finishJob(job);
    } catch (err) {
      await finishJob(job, err);
    }
  }
}

// Correct: the loop ends when shutdown aborts the signal, finishing the job in hand first.
export async function runFulfilmentWorker(signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const job = await claimJob('fulfil');
    if (!job) {
      await sleep(IDLE_WAIT_MS, undefined, { signal }).catch(() => undefined);
      continue;
    }
    try {
      await fulfil(job);
      await finishJob(job);
    } catch (err) {
      await finishJob(job, err);
    }
  }
}
