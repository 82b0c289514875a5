var mysql = require('mysql');

var pool = mysql.createPool({
  connectionLimit: 10,
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'inventory',
  connectTimeout: 10000
});

function query(strSQL, param, callback) {
  pool.getConnection(function (err, connection) {
    if (err) {
      return callback(err);
    }
    connection.query(strSQL, param, function (err, rows, fields) {
      if (err) throw err;

      if (callback) {
        callback(null, rows, fields);
      }
      connection.release();
    });
  });
}

function close(done) {
  pool.end(done);
}

module.exports = { query: query, close: close };
