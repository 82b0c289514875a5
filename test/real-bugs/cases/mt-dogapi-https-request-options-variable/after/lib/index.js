var DatadogClient = require('./client');
var client = new DatadogClient();

module.exports = {
  initialize: function(options) {
    for (var key in options) client[key] = options[key];
  },
  metric: {
    send: function(metric, points, callback) {
      client.request('POST', '/series', {body: {series: [{metric: metric, points: points}]}}, callback);
    }
  }
};
