import { getStorageConfig } from './config';
import { EncryptedStorageProvider } from './encrypted';
import type { StorageProvider } from './types';

let _provider: StorageProvider | null = null;
let _initialized = false;

export async function getStorageProvider(): Promise<StorageProvider> {
  if (_provider && _initialized) {
    return _provider;
  }

  const config = getStorageConfig();
  const { createProvider } = await import('./providers');
  let provider = createProvider(config);
  if (config.encryptionKey) {
    provider = new EncryptedStorageProvider(provider, config.encryptionKey);
  }
  _provider = provider;
  await _provider.initialize();
  _initialized = true;
  return _provider;
}

export async function closeStorageProvider(): Promise<void> {
  const provider = _provider;
  _provider = null;
  _initialized = false;
  await provider?.close();
}
