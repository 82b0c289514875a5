async function processBatch(pool, size) {
  const { rows } = await pool.query('SELECT id, amount FROM pending_entries ORDER BY id LIMIT $1', [size]);
  for (const row of rows) {
    await pool.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [row.amount, row.id]);
    await pool.query('DELETE FROM pending_entries WHERE id = $1', [row.id]);
  }
  return rows.length;
}

module.exports = { processBatch };
