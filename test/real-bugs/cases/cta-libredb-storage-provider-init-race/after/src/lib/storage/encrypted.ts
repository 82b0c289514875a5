import type { StorageProvider } from './types';

export class EncryptedStorageProvider implements StorageProvider {
  constructor(private readonly inner: StorageProvider, private readonly key: string) {}
  initialize() { return this.inner.initialize(); }
  get(collection: string) { return this.inner.get(collection); }
  put(collection: string, items: unknown[]) { return this.inner.put(collection, items); }
  close() { return this.inner.close(); }
}
