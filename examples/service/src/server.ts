// Entry point: the HTTP API, the workers and an orderly shutdown.
import http from 'node:http';
import { AuditLog } from './audit-log.js';
import { config } from './config.js';
import { createHandler } from './handlers.js';
import { startBacklogGauge, startPoolGauges } from './metrics.js';
import { runFulfilmentWorker, runNotificationWorker } from './worker.js';

const audit = new AuditLog(config.auditDatabaseUrl);
const handle = createHandler(audit);
const server = http.createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    console.error('unhandled request error', err);
    res.destroy();
  });
});
server.requestTimeout = 30_000;
server.headersTimeout = 10_000;

const stopping = new AbortController();
const stopBacklogGauge = startBacklogGauge();
startPoolGauges();

const workers = Promise.allSettled([runFulfilmentWorker(stopping.signal), runNotificationWorker()]);

server.listen(config.port, () => console.log(`orders-service listening on :${config.port}`));

let shuttingDown = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`${signal}: shutting down`);
  stopping.abort();
  stopBacklogGauge();
  server.close();
  await workers;
  await audit.close();
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    shutdown(signal).catch((err: unknown) => {
      console.error('shutdown failed', err);
      process.exitCode = 1;
    });
  });
}
