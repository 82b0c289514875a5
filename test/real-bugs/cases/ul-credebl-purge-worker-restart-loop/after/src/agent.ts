export interface Agent {
  config: { logger: { warn(msg: string, meta?: object): void; error(msg: string, meta?: object): void } };
  connections: { deleteById(id: string): Promise<void> };
}
