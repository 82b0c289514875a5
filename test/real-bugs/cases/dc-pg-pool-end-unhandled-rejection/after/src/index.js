const { pool } = require('./db');
const { processBatch } = require('./ledger');

const logger = console;
let endedPool = false;

process.on('unhandledRejection', (error) => {
  logger.error('unhandled rejection, shutting down', error);
  if (!endedPool) {
    endedPool = true;
    pool.end();
  }
  process.exitCode = 1;
});

async function main() {
  let processed;
  do {
    processed = await processBatch(pool, 100);
    logger.info(`processed ${processed} entries`);
  } while (processed > 0);
  if (!endedPool) {
    endedPool = true;
    await pool.end();
  }
}

main();
