const pull = require('pull-stream');
const Obv = require('obz');
const debug = require('debug')('ssb:db2:migrate');

const BATCH = 500;

exports.name = 'db2migrate';
exports.version = '1.0.0';
exports.manifest = { start: 'sync', progress: 'sync' };

exports.init = function init(sbot, config) {
  const progress = Obv();
  progress.set(0);
  let migrated = 0;
  let total = 0;
  let started = false;

  const liveProgress = setInterval(function reportProgress() {
    if (!started || total === 0) return;
    const ratio = Math.min(1, migrated / total);
    progress.set(ratio);
    debug('migration progress %d%%', Math.round(ratio * 100));
  }, 1000);

  function start() {
    if (started) return;
    started = true;
    sbot.status.get((err, status) => {
      if (err) return debug('cannot read status: %s', err.message);
      total = status.sync.since;
      pull(
        sbot.createLogStream({ old: true, live: false }),
        pull.asyncMap((msg, cb) => sbot.db.addOOO(msg.value, cb)),
        pull.drain(
          () => { migrated += 1; },
          (err2) => {
            if (err2) debug('migration stopped: %s', err2.message);
            else progress.set(1);
          },
        ),
      );
    });
  }

  if (config.db2 && config.db2.automigrate) start();

  return { start, progress, batchSize: BATCH };
};
