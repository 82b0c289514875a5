import express from 'express';
import { graphqlRouter } from './graphql';

const { PORT = 3000, NODE_ENV } = process.env;
const app = express();
let isShuttingDown = false;

app.get('/health', (req, res) => {
  // Fail the health check while shutting down so Kubernetes stops routing here.
  res.status(isShuttingDown ? 503 : 200).end();
});

app.use('/v2', graphqlRouter);

const server = app.listen(PORT, () => {
  console.log(`[Metaphysics] Listening on http://localhost:${PORT} (${NODE_ENV})`);
});

process.on('SIGTERM', () => {
  isShuttingDown = true;
  console.log('[Metaphysics] Received SIGTERM, closing the server');
  server.close(() => process.exit(0));
});
