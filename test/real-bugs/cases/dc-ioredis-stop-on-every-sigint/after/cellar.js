const Redis = require('ioredis');
const logger = require('pino')();

class Cellar {
  constructor({ redisUrl, nodeId }) {
    this.redis_url = redisUrl;
    this.node_id = nodeId;
    this.node_type = 'cellar';
    this.redis = new Redis(this.redis_url);
    this.heartbeat = null;
  }

  start() {
    this.heartbeat = setInterval(() => {
      this.redis.set(`heartbeat:${this.node_id}`, Date.now(), 'EX', 30).catch((err) => logger.warn(err));
    }, 10_000);

    // Handle Ctrl+C
    process.on('SIGINT', () => {
      this.stop();
      logger.info({ node_id: this.node_id, node_type: this.node_type }, 'Cellar Exit thru Ctrl+C pressed.');
      setTimeout(() => {
        process.exit(0);
      }, 1000);
    });
  }

  stop() {
    clearInterval(this.heartbeat);
    const redis = this.redis;
    this.redis = null;
    this.close_redis_safely(redis, this.redis_url);
  }

  close_redis_safely(redis_client, connection_url) {
    try {
      if (redis_client) {
        redis_client.quit();
        logger.info({ node_id: this.node_id, connection_url }, 'redis connection closed');
      }
    } catch (err) {
      logger.error({ err }, 'failed to close redis');
    }
  }
}

module.exports = { Cellar };
