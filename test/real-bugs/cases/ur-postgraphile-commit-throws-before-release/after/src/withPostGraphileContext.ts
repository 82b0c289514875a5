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
  try {
    // Begin our transaction, so the role and claims apply to this request only.
    await pgClient.query('begin');
    try {
      if (options.pgDefaultRole) await pgClient.query('select set_config($1, $2, true)', ['role', options.pgDefaultRole]);
      for (const [claim, value] of Object.entries(options.jwtClaims ?? {})) {
        await pgClient.query('select set_config($1, $2, true)', [`jwt.claims.${claim}`, value]);
      }
      return await callback({ pgClient });
    } finally {
      // End the transaction; the outer finally releases the client whether or not this throws.
      await pgClient.query('commit');
    }
  } finally {
    pgClient.release();
  }
}
