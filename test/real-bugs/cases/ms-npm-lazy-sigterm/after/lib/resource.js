var settings = {};
exports.configure = function(opts) { settings = opts; };
exports.get = function(url) {
  return { getReadableStream: function(cb) { cb(new Error('not cached: ' + url)); } };
};
