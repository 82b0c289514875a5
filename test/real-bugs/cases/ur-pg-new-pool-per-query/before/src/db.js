const { Pool } = require('pg');

const options = {
  host: process.env.PGHOST,
  database: process.env.PGDATABASE,
  user: process.env.PGUSER,
  password: process.env.PGPASSWORD,
  max: 5,
  connectionTimeoutMillis: 5000,
};

async function query(text, params) {
  const pool = new Pool(options);
  const result = await pool.query(text, params);
  return result.rows;
}

module.exports = { query };
