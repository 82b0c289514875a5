// An append-only audit trail of order changes, in its own database.
import pg from 'pg';

export interface AuditEntry {
  orderId: string;
  action: string;
  at: Date;
}

export class AuditLog {
  private readonly pool: pg.Pool;

  constructor(connectionString: string) {
    this.pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 5_000, max: 2 });
  }

  async record(orderId: string, action: string): Promise<void> {
    await this.pool.query('INSERT INTO audit (order_id, action) VALUES ($1, $2)', [orderId, action]);
  }

  // Antipattern: the client is released in `catch` and again in `finally`. When a query
  // fails, release() runs twice and pg throws "Release called on client which has already
  // been released to the pool", hiding the real error.
  async entriesSince(since: Date): Promise<AuditEntry[]> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ order_id: string; action: string; at: Date }>(
        'SELECT order_id, action, at FROM audit WHERE at >= $1 ORDER BY at',
        [since],
      );
      return rows.map((r) => ({ orderId: r.order_id, action: r.action, at: r.at }));
    } catch (err) {
      client.release();
      throw err;
    } finally {
      client.release();
    }
  }

  // Antipattern: no guard. SIGTERM followed by SIGINT (or a test's afterAll after the
  // shutdown hook) calls close twice, and pg rejects: "Called end on pool more than once".
  async close(): Promise<void> {
    await this.pool.end();
  }
}
