const http = require('http');
const express = require('express');
const config = require('./nconf');
const echo = require('./echo');

const app = express();
app.set('json spaces', 2);
app.all('*', (req, res) => echo(req, res, config));

const server = http.createServer(app).listen(config.get('port'), () => {
  console.log(`Listening on port ${config.get('port')}.`);
});

process.on('SIGTERM', () => {
  console.log('SIGTERM received, closing the server');
  server.close(() => process.exit(0));
});
