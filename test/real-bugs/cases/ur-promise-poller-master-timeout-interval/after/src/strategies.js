export default {
  'fixed-interval': { getNextInterval: (count, options) => options.interval ?? 1000 },
  'linear-backoff': { getNextInterval: (count, options) => (options.start ?? 1000) + count * (options.increment ?? 1000) },
};
