'use strict';

const http = require('http');
const express = require('express');
const RouteResolver = require('./lib/RouteResolver');

class MockYeahServer {
  constructor(config = {}, onStart) {
    this.config = { port: 4001, host: 'localhost', ...config };
    this.app = express();
    this.routes = new RouteResolver(this.app);
    this.server = http.createServer(this.app);
    this.server.listen(this.config.port, this.config.host, () => {
      if (onStart) onStart();
    });
  }

  get(path, options) {
    return this.routes.register('get', path, options);
  }

  post(path, options) {
    return this.routes.register('post', path, options);
  }

  reset() {
    this.routes.reset();
  }

  close(done) {
    this.server.close(done);
  }
}

module.exports = MockYeahServer;
