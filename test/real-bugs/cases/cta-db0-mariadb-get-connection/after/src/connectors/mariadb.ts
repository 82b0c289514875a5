import mariadb from 'mariadb';
import type { Connector, Primitive } from '../types';
import { BoundableStatement } from './_internal/statement';

export type ConnectorOptions = mariadb.ConnectionConfig;

type InternalQuery = (sql: string, params?: unknown[]) => Promise<any>;

export default function mariadbConnector(opts: ConnectorOptions): Connector<mariadb.Connection> {
  let _connection: mariadb.Connection | undefined;
  let _connectionPromise: Promise<mariadb.Connection> | undefined;

  const getConnection = async () => {
    if (_connection) {
      return _connection;
    }
    if (_connectionPromise) {
      return _connectionPromise;
    }

    _connectionPromise = mariadb.createConnection({ ...opts }).then(
      (connection) => {
        _connection = connection;
        return connection;
      },
      (error) => {
        _connectionPromise = undefined;
        throw error;
      },
    );

    return _connectionPromise;
  };

  const query: InternalQuery = (sql, params) =>
    getConnection().then((c) => c.query(sql, params));

  return {
    name: 'mariadb',
    dialect: 'mysql',
    getInstance: () => getConnection(),
    exec: (sql) => query(sql),
    prepare: (sql) => new StatementWrapper(sql, query),
    dispose: async () => {
      await _connection?.end?.();
      _connection = undefined;
      _connectionPromise = undefined;
    },
  };
}

class StatementWrapper extends BoundableStatement<void> {
  #query: InternalQuery;
  #sql: string;

  constructor(sql: string, query: InternalQuery) {
    super();
    this.#sql = sql;
    this.#query = query;
  }

  async all(...params: Primitive[]) {
    return this.#query(this.#sql, params);
  }

  async run(...params: Primitive[]) {
    const res = await this.#query(this.#sql, params);
    return { success: true, ...res };
  }
}
