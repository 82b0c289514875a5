export type Primitive = string | number | boolean | undefined | null;
export interface Connector<TInstance = unknown> {
  name: string;
  dialect: string;
  getInstance: () => TInstance | Promise<TInstance>;
  exec: (sql: string) => unknown;
  prepare: (sql: string) => unknown;
  dispose?: () => Promise<void>;
}
