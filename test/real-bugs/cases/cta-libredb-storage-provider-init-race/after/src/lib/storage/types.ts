export interface StorageProvider {
  initialize(): Promise<void>;
  get(collection: string): Promise<unknown[]>;
  put(collection: string, items: unknown[]): Promise<void>;
  close(): Promise<void>;
}
