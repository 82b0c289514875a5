export interface StorageConfig {
  kind: 'sqlite' | 'postgres';
  url: string;
  encryptionKey?: string;
}

export function getStorageConfig(): StorageConfig {
  return {
    kind: process.env.STORAGE_KIND === 'postgres' ? 'postgres' : 'sqlite',
    url: process.env.STORAGE_URL ?? 'file:./data/studio.db',
    encryptionKey: process.env.STORAGE_ENCRYPTION_KEY,
  };
}
