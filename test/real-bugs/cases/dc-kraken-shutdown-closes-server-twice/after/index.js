'use strict';

var http = require('http');
var express = require('express');
var events = require('./lib/events');
var shutdown = require('./lib/shutdown');

module.exports = function kraken(options) {
  var app = express();
  var server = http.createServer(app);
  app.on('shutdown', events.shutdown);
  shutdown(app, server, options);
  return { app: app, server: server };
};
