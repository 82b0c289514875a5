export const logger = {
  info: (msg: string) => console.log(`[pmxt] ${msg}`),
  error: (msg: string, err?: unknown) => console.error(`[pmxt] ${msg}`, err),
};
