import express from 'express';
import { getCachedTrains, refresh } from './lib/septa.js';

const app = express();
const logger = console;

app.get('/api/trains', (req, res) => {
  res.json(getCachedTrains());
});

async function loop() {
  await refresh(logger);
  setTimeout(loop, 60_000).unref();
}

const server = app.listen(process.env.PORT || 3000, () => loop());
process.on('SIGTERM', () => server.close());
