// Postgres pools: the orders database and the read-only reporting replica.
import pg from 'pg';
import { config } from './config.js';

// Antipattern: no connectionTimeoutMillis, so a checkout waits forever when Postgres is
// unreachable or the pool is exhausted; and nothing ever ends this pool.
export const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });

// Correct: a bounded connect, and the pool is ended when the process is asked to stop.
export const reportingPool = new pg.Pool({
  connectionString: config.databaseUrl,
  connectionTimeoutMillis: 5_000,
  max: 4,
});
process.once('SIGTERM', () => {
  reportingPool.end().catch((err: unknown) => console.error('reporting pool did not close', err));
});
