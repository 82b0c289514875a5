const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const defaults = {
  dir: '.node-persist/storage',
  ttl: false,
  encoding: 'utf8'
};

class LocalStorage {
  constructor(options) {
    this.options = { ...defaults, ...options };
  }

  async init() {
    await fs.promises.mkdir(this.options.dir, { recursive: true });
    return this.options;
  }

  async keys(filter) {
    const data = await this.data();
    return data.filter((d) => !filter || filter(d)).map((d) => d.key);
  }

  async data() {
    const files = await fs.promises.readdir(this.options.dir);
    const datums = await Promise.all(
      files.filter((file) => file[0] !== '.').map((file) => this.readFile(path.join(this.options.dir, file)))
    );
    return datums.filter((datum) => datum && !this.isExpired(datum));
  }

  async setItem(key, value) {
    const datum = { key, value, ttl: this.options.ttl ? Date.now() + this.options.ttl : undefined };
    await fs.promises.writeFile(this.getDatumPath(key), JSON.stringify(datum), this.options.encoding);
    return datum;
  }

  async readFile(file) {
    try {
      const text = await fs.promises.readFile(file, this.options.encoding);
      return JSON.parse(text);
    } catch (err) {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    }
  }

  isExpired(datum) {
    return datum.ttl && datum.ttl < Date.now();
  }

  getDatumPath(key) {
    return path.join(this.options.dir, crypto.createHash('sha256').update(key).digest('hex'));
  }
}

module.exports = LocalStorage;
