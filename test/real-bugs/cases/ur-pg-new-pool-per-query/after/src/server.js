const express = require('express');
const db = require('./db');

const app = express();

app.get('/now', async (req, res, next) => {
  try {
    const rows = await db.query('SELECT NOW() AS now');
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});

const server = app.listen(process.env.PORT || 3000);
process.on('SIGTERM', () => {
  server.close(() => db.close());
});
