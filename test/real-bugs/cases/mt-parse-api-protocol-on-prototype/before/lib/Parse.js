var qs = require('querystring');

module.exports = Parse;

function Parse(options_or_application_id, master_key) {
    this._options = {};
    if (master_key) {
        this._options.app_id = options_or_application_id;
        this._options.master_key = master_key;
    } else {
        this._options = options_or_application_id;
    }
}

Parse.prototype = {
    _api_protocol: require('https'),
    _api_host: 'api.parse.com',
    _api_port: 443,

    insert: function (className, object, callback) {
        parseRequest.call(this, 'POST', '/1/classes/' + className, object, callback);
    },

    find: function (className, query, callback) {
        var url = '/1/classes/' + className;
        if (typeof query === 'string') {
            url += '/' + query;
        } else if (query && typeof query === 'object') {
            url += '?' + qs.stringify({ where: JSON.stringify(query) });
        }
        parseRequest.call(this, 'GET', url, null, callback);
    },

    update: function (className, objectId, object, callback) {
        parseRequest.call(this, 'PUT', '/1/classes/' + className + '/' + objectId, object, callback);
    },

    delete: function (className, objectId, callback) {
        parseRequest.call(this, 'DELETE', '/1/classes/' + className + '/' + objectId, null, callback);
    }
};

// Parse.com https api request
function parseRequest(method, path, data, callback) {
    var headers = { Connection: 'Keep-alive' };
    var auth = 'Basic ' + Buffer.from(this._options.app_id + ':' + this._options.master_key).toString('base64');
    headers.Authorization = auth;

    var body = null;
    if (method === 'POST' || method === 'PUT') {
        body = JSON.stringify(data);
        headers['Content-length'] = Buffer.byteLength(body);
        headers['Content-type'] = 'application/json';
    }

    var options = {
        host: this._api_host,
        port: this._api_port,
        headers: headers,
        path: path,
        method: method
    };

    var req = this._api_protocol.request(options, function (res) {
        if (!callback) {
            return;
        }
        var json = '';
        res.setEncoding('utf8');
        res.on('data', function (chunk) {
            json += chunk;
        });
        res.on('end', function () {
            var parsed;
            try {
                parsed = JSON.parse(json);
                if (parsed.code || parsed.error) {
                    throw parsed;
                }
                callback(null, parsed);
            } catch (err) {
                callback(err);
            }
        });
    });

    body && req.write(body);
    req.end();

    req.on('error', function (err) {
        callback && callback(err);
    });
}
