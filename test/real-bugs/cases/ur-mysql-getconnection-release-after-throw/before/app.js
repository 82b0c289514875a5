var express = require('express');
var db = require('./lib/db');

var app = express();

app.get('/items/:sku', function (req, res, next) {
  db.query('SELECT * FROM items WHERE sku = ?', [req.params.sku], function (err, rows) {
    if (err) return next(err);
    res.json(rows[0] || null);
  });
});

var server = app.listen(process.env.PORT || 8080);

process.on('SIGTERM', function () {
  server.close(function () {
    db.close(function () {
      process.exit(0);
    });
  });
});
