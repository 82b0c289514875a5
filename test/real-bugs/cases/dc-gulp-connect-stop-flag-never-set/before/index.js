var http = require('http');
var connect = require('connect');
var serveStatic = require('serve-static');
var tinyLr = require('tiny-lr');
var util = require('gulp-util');

var apps = [];
var stoped = false;

function ConnectApp(options) {
  this.port = options.port || 8080;
  this.root = options.root || process.cwd();
  this.livereload = options.livereload || false;
  this.server = null;
  this.lr = null;
  this.sockets = [];
  this.run();
}

ConnectApp.prototype.run = function () {
  var app = connect();
  app.use(serveStatic(this.root));
  this.server = http.createServer(app);
  var self = this;
  this.server.on('connection', function (socket) {
    self.sockets.push(socket);
    socket.on('close', function () {
      self.sockets.splice(self.sockets.indexOf(socket), 1);
    });
  });
  this.server.listen(this.port, function () {
    util.log('Server started http://localhost:' + self.port);
  });
  if (this.livereload) {
    this.lr = tinyLr();
    this.lr.listen(35729);
  }
};

ConnectApp.prototype.stopServer = function () {
  if (!stoped) {
    this.sockets.forEach(function (socket) {
      socket.destroy();
    });
    this.server.close();
    if (this.lr) {
      this.lr.close();
    }
    util.log('Server stopped');
  }
};

module.exports = {
  server: function (options) {
    var app = new ConnectApp(options || {});
    apps.push(app);
    return app;
  },
  serverClose: function () {
    apps.forEach(function (app) {
      app.stopServer();
    });
    apps = [];
  }
};
