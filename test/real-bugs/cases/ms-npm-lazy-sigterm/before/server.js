var Resource = require('./lib/resource.js');

module.exports = function(req, res) {
  Resource.get(req.url).getReadableStream(function(err, stream) {
    if (err) {
      res.statusCode = 500;
      return res.end();
    }
    stream.pipe(res);
  });
};
