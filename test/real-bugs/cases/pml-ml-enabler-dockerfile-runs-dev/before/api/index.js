import express from 'express';

const app = express();
app.get('/api', (req, res) => res.json({ version: '3.0.0' }));
const server = app.listen(2001);
process.on('SIGTERM', () => server.close());
