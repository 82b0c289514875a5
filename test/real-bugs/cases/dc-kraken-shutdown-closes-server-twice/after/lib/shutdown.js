'use strict';

module.exports = function shutdown(app, server, options) {
  var timeout = (options && options.timeout) || 10000;

  function close() {
    app.emit('shutdown', server, timeout);
  }

  process.on('SIGTERM', close);
  process.on('SIGINT', close);
};
