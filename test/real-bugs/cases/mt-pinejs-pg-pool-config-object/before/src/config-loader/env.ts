export const cache = {
  permissionsLookup: { max: 5000 },
  apiKeys: { max: 500 },
};

export const db = {
  poolSize: 50,
  idleTimeoutMillis: 30000,
};
