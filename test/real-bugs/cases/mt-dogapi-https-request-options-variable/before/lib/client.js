var https = require('https');
var querystring = require('querystring');
var util = require('util');

/*section: client
 *comment: the client used to talk to the datadog api
 */
var DatadogClient = function(options) {
  options = options || {};
  this.api_key = options.api_key || null;
  this.app_key = options.app_key || null;
  this.api_version = options.api_version || 'v1';
  this.api_host = options.api_host || 'app.datadoghq.com';
  this.proxy_agent = options.proxy_agent || null;
};

DatadogClient.prototype.request = function(method, path, params, callback) {
  if (arguments.length === 3 && typeof arguments[2] === 'function') {
    callback = arguments[2];
    params = {body: ''};
  }
  params = params || {};

  var query = {api_key: this.api_key, application_key: this.app_key};
  if (typeof params.query === 'object') {
    for (var key in params.query) query[key] = params.query[key];
  }

  var body = '';
  if (typeof params.body === 'object') body = JSON.stringify(params.body);

  var http_options = {
    hostname: this.api_host,
    port: 443,
    method: method.toUpperCase(),
    path: util.format('/api/%s%s?%s', this.api_version, path, querystring.stringify(query)),
    headers: {'Content-Type': 'application/json'}
  };
  if (this.proxy_agent) {
    http_options.agent = this.proxy_agent;
  }
  if (['POST', 'PUT'].indexOf(http_options.method) >= 0) {
    http_options.headers['Content-Length'] = Buffer.byteLength(body);
  }

  var req = https.request(http_options, function(res) {
    res.on('error', function(err) {
      if (typeof callback === 'function') callback(err, null, res.statusCode);
    });
    var data = '';
    res.on('data', function(chunk) { data += chunk; });
    res.on('end', function() {
      var error = null;
      try { data = JSON.parse(data); } catch (e) {}
      if (data['errors']) error = data['errors'];
      if (typeof callback === 'function') callback(error, data, res.statusCode);
    });
  });

  req.on('error', function(err) {
    if (typeof callback === 'function') callback(err, null, 0);
  });

  if (['POST', 'PUT'].indexOf(http_options.method) >= 0) {
    req.write(body);
  }
  req.end();
};

module.exports = DatadogClient;
