import { timeout, delay } from './util.js';
import strategies from './strategies.js';

const CANCEL_TOKEN = {};

export default function promisePoller(options = {}) {
  const { taskFn, masterTimeout, taskTimeout, progressCallback, shouldContinue } = options;
  const strategy = strategies[options.strategy || 'fixed-interval'];
  const retries = options.retries ?? 5;

  let polling = true;
  let retriesRemaining = retries;
  const rejections = [];

  return new Promise((resolve, reject) => {
    if (masterTimeout) {
      const timeoutId = setInterval(() => {
        reject(new Error('master timeout'));
        polling = false;
      }, masterTimeout);
    }

    function poll() {
      let taskPromise = Promise.resolve(taskFn());
      if (taskTimeout) {
        taskPromise = timeout(taskPromise, taskTimeout);
      }
      taskPromise.then(
        (result) => {
          if (shouldContinue && shouldContinue(null, result)) {
            delay(strategy.getNextInterval(retries - retriesRemaining, options)).then(poll);
          } else {
            resolve(result);
          }
        },
        (err) => {
          rejections.push(err);
          if (progressCallback) progressCallback(retriesRemaining, err);
          if (err === CANCEL_TOKEN || !polling || --retriesRemaining === 0) {
            reject(rejections);
          } else {
            delay(strategy.getNextInterval(retries - retriesRemaining, options)).then(poll);
          }
        },
      );
    }

    poll();
  });
}

export { CANCEL_TOKEN };
