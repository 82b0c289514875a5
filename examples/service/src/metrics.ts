// Periodic gauges: how busy the pool is and how many orders are waiting.
import { pool } from './db.js';

function logGauge(name: string, value: number): void {
  console.log(JSON.stringify({ metric: name, value, at: new Date().toISOString() }));
}

// Antipattern: the interval handle is thrown away, so nothing can stop it; it keeps the
// process alive after shutdown has closed everything else.
export function startPoolGauges(): void {
  setInterval(() => {
    logGauge('db.pool.total', pool.totalCount);
    logGauge('db.pool.idle', pool.idleCount);
    logGauge('db.pool.waiting', pool.waitingCount);
  }, 15_000);
}

// Correct: the caller gets a way to stop the gauge and calls it on shutdown.
export function startBacklogGauge(): () => void {
  const timer = setInterval(() => {
    pool
      .query<{ n: string }>("SELECT count(*) AS n FROM jobs WHERE status = 'queued'")
      .then(({ rows }) => logGauge('jobs.backlog', Number(rows[0].n)))
      .catch((err: unknown) => console.error('backlog gauge failed', err));
  }, 30_000);
  return () => clearInterval(timer);
}
