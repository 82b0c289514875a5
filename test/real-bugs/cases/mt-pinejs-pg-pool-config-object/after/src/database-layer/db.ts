import * as pg from 'pg';
import * as env from '../config-loader/env';

export interface Database {
  executeSql(sql: string, bindings?: unknown[]): Promise<pg.QueryResult>;
  transaction<T>(fn: (tx: pg.PoolClient) => Promise<T>): Promise<T>;
}

export function createPostgres(connectionString: string): Database {
  const pool = new pg.Pool({
    connectionString,
    max: env.db.poolSize,
    idleTimeoutMillis: env.db.idleTimeoutMillis,
    connectionTimeoutMillis: env.db.connectionTimeoutMillis,
  });
  pool.on('error', (err) => {
    console.error('Pool error', err.message);
  });

  return {
    executeSql: (sql, bindings = []) => pool.query(sql, bindings),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
    },
  };
}
