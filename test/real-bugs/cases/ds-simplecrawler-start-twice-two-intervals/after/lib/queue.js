function FetchQueue() {
    this.items = [];
    this.length = 0;
}

FetchQueue.prototype.add = function(url) {
    this.items.push({ url: url, status: 'queued' });
    this.length = this.items.length;
};

FetchQueue.prototype.oldestUnfetchedItem = function() {
    for (var i = 0; i < this.items.length; i++) {
        if (this.items[i].status === 'queued') {
            this.items[i].status = 'spooled';
            return this.items[i];
        }
    }
    return null;
};

module.exports = FetchQueue;
