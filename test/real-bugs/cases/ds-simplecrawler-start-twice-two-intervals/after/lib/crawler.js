var EventEmitter = require('events').EventEmitter;
var util = require('util');
var FetchQueue = require('./queue.js');

var Crawler = function(initialURL) {
    EventEmitter.call(this);
    this.initialURL = initialURL;
    this.interval = 250;
    this.maxConcurrency = 5;
    this.running = false;
    this._openRequests = [];
    this.queue = new FetchQueue();
};

util.inherits(Crawler, EventEmitter);

Crawler.prototype.start = function() {
    var crawler = this;

    if (this.running) {
        return this;
    }

    if (this.queue.length === 0) {
        this.queue.add(this.initialURL);
    }

    this.crawlIntervalID = setInterval(function() {
        crawler.crawl();
    }, crawler.interval);

    this.emit('crawlstart');
    this.running = true;

    process.nextTick(function() {
        crawler.crawl();
    });

    return this;
};

Crawler.prototype.crawl = function() {
    if (this._openRequests.length >= this.maxConcurrency) {
        return this;
    }
    var item = this.queue.oldestUnfetchedItem();
    if (item) {
        this.emit('fetchstart', item);
    }
    return this;
};

Crawler.prototype.stop = function() {
    clearInterval(this.crawlIntervalID);
    this.running = false;
    return this;
};

module.exports = Crawler;
