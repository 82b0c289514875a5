'use strict';

var debug = require('debuglog')('kraken/events');

exports.shutdown = function onshutdown(server, timeout) {
  var stop = function (code) {
    debug('process exiting with code', code);
    process.exit(code || 0);
  };

  debug('server shutting down, waiting at most', timeout, 'ms');
  server.close(stop);
  setTimeout(function () {
    debug('graceful shutdown timed out, forcing exit');
    stop(1);
  }, timeout).unref();
};
