import { getStorageConfig } from './config';
import { EncryptedStorageProvider } from './encrypted';
import type { StorageProvider } from './types';

let _provider: StorageProvider | null = null;
/** The one in-flight (or finished) initialization every concurrent first caller awaits. */
let _providerPromise: Promise<StorageProvider> | null = null;

async function buildProvider(): Promise<StorageProvider> {
  const config = getStorageConfig();
  const { createProvider } = await import('./providers');
  let provider = createProvider(config);
  if (config.encryptionKey) {
    provider = new EncryptedStorageProvider(provider, config.encryptionKey);
  }
  await provider.initialize();
  _provider = provider;
  return provider;
}

export function getStorageProvider(): Promise<StorageProvider> {
  if (!_providerPromise) {
    _providerPromise = buildProvider().catch((err) => {
      // A transient outage must not become a permanent one: the next call retries.
      _providerPromise = null;
      throw err;
    });
  }
  return _providerPromise;
}

export async function closeStorageProvider(): Promise<void> {
  const provider = _provider;
  _provider = null;
  _providerPromise = null;
  await provider?.close();
}
