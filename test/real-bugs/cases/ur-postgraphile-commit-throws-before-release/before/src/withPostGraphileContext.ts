import { Pool, type PoolClient } from 'pg';

export interface ContextOptions {
  pgDefaultRole?: string;
  jwtClaims?: Record<string, string>;
}

export async function withPostGraphileContext<T>(
  pgPool: Pool,
  options: ContextOptions,
  callback: (context: { pgClient: PoolClient }) => Promise<T>,
): Promise<T> {
  const pgClient = await pgPool.connect();
  // Begin our transaction, so the role and claims apply to this request only.
  await pgClient.query('begin');
  try {
    if (options.pgDefaultRole) await pgClient.query('select set_config($1, $2, true)', ['role', options.pgDefaultRole]);
    for (const [claim, value] of Object.entries(options.jwtClaims ?? {})) {
      await pgClient.query('select set_config($1, $2, true)', [`jwt.claims.${claim}`, value]);
    }
    return await callback({ pgClient });
  } finally {
    // Cleanup our Postgres client by ending the transaction and releasing the client back to the pool.
    await pgClient.query('commit');
    pgClient.release();
  }
}
