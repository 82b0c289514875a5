import express from 'express';
import { LockFile } from './lock-file';
import { logger } from './logger';

const PORT = Number(process.env.PMXT_PORT ?? 3847);

export async function startServer() {
  const lockFile = new LockFile();
  await lockFile.acquire(PORT);

  const app = express();
  app.use(express.json());
  app.get('/health', (_req, res) => res.json({ ok: true }));

  const server = app.listen(PORT, () => logger.info(`pmxt listening on ${PORT}`));

  const shutdown = async () => {
    logger.info('Shutting down gracefully...');
    server.close();
    await lockFile.remove();
    process.exit(0);
  };

  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

startServer();
