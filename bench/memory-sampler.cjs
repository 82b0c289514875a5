// Preloaded (`node --require`) by bench/profile.mjs into every thread of a profiled lint run,
// worker threads included: samples this thread's V8 heap every 20 ms (between tasks) and, at
// exit, appends one JSON line to $SL_MEMORY_LOG: the thread, its peak heap and a timeline, with
// a clock pair to line the timeline up with CPU profiles (which count in monotonic µs).
'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');
const { isMainThread, threadId } = require('node:worker_threads');

const file = process.env.SL_MEMORY_LOG;
if (file) {
  const clock = { dateMs: Date.now(), monoUs: Number(process.hrtime.bigint() / 1000n) };
  const timeline = [];
  const peak = { usedMiB: 0, totalMiB: 0, externalMiB: 0 };
  const sample = () => {
    const h = v8.getHeapStatistics();
    const m = process.memoryUsage();
    const row = { monoUs: Number(process.hrtime.bigint() / 1000n), usedMiB: h.used_heap_size / 2 ** 20, totalMiB: h.total_heap_size / 2 ** 20, externalMiB: (m.external + m.arrayBuffers) / 2 ** 20 };
    peak.usedMiB = Math.max(peak.usedMiB, row.usedMiB);
    peak.totalMiB = Math.max(peak.totalMiB, row.totalMiB);
    peak.externalMiB = Math.max(peak.externalMiB, row.externalMiB);
    timeline.push(row);
  };
  sample();
  setInterval(sample, 20).unref();
  process.on('exit', () => {
    sample();
    fs.appendFileSync(file, `${JSON.stringify({ thread: isMainThread ? 'main' : `worker ${threadId}`, clock, peak, timeline })}\n`);
  });
}
