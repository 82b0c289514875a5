import express from 'express';

const app = express();
app.get('/healthcheck', (req, res) => res.sendStatus(200));
const server = app.listen(80);
process.on('SIGTERM', () => server.close());
