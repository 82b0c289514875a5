var fs = require('fs');
var settings = {};
exports.configure = function(opts) { settings = opts; };
exports.expireOld = function(maxAge) {
  fs.readdirSync(settings.cacheDirectory).forEach(function(name) {
    var file = settings.cacheDirectory + '/' + name;
    if (Date.now() - fs.statSync(file).mtimeMs > maxAge) fs.unlinkSync(file);
  });
};
