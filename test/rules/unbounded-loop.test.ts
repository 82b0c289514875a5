import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits } from '../../engine/apply-fixes';
import rule from '../../rules/unbounded-loop';
import { lintCase, runRuleTests, type InvalidCase, type TestCase } from '../rule-tester';
import { typecheckErrors } from '../typecheck';

const HINT = 'Loop on `!signal.aborted` (an AbortSignal aborted on shutdown) or add an exit.';
const NO_EXIT = 'Its body has no break, return or throw that leaves it and checks no stop signal';
const BLOCKS = 'with no `await` inside it never yields, so the process stops answering requests, health checks and SIGTERM until it is killed.';
const HANGS = 'so nothing can stop it: on shutdown it keeps running until the process is killed in the middle of an iteration.';
const blocking = (loop: string) =>
  `\`${loop}\` never ends and blocks the event loop: add an exit or check a stop signal.\n${NO_EXIT}, and ${BLOCKS} ${HINT}`;
const endless = (loop: string) =>
  `\`${loop}\` never ends and nothing can stop it: loop on a stop signal or add an exit.\n${NO_EXIT}, ${HANGS} ${HINT}`;
const reschedule = (fn: string, timer = 'setTimeout') =>
  `\`${fn}\` reschedules itself with \`${timer}\` on every run, and nothing can stop it: check a stop signal.\n` +
  'No condition guards the reschedule and no handle is kept to clear it, so the chain runs as long as the process: ' +
  'a graceful shutdown waits on the pending timer, or the next run uses resources that are already closed. Check a ' +
  `stop signal before rescheduling (\`if (!signal.aborted) ${timer}(…)\`) or keep the handle and clear it on stop.`;

const SHIM_TITLE = 'Loop only while the shutdown signal is not aborted';

const valid: (TestCase | string)[] = [
  {
    name: "a decoder loop left by the reader's InputBufferUnderrunError, which the catch around it names (thrift's connection.js, check 41)",
    filename: 'lib/thrift/connection.js',
    code: `var InputBufferUnderrunError = require('./input_buffer_underrun_error');
function decodeCallback(client, transportWithData, Protocol) {
  var proto = new Protocol(transportWithData);
  try {
    while (true) {
      var header = proto.readMessageBegin();
      client['recv_' + header.fname](proto, header.mtype, header.rseqid);
    }
  } catch (e) {
    if (e instanceof InputBufferUnderrunError) {
      transportWithData.rollbackPosition();
    } else {
      throw e;
    }
  }
}
module.exports = decodeCallback;
`,
  },
  {
    name: 'a batch write rescheduled by a nested retry() helper that it calls only when the queue is full (the normal path ends with cb)',
    filename: 'lib/producer-stream.js',
    code: `function writev(producer, topic, chunks, cb) {
  function retry(restChunks) {
    producer.poll();
    setTimeout(function () {
      writev(producer, topic, restChunks, cb);
    }, 500);
  }
  for (var i = 0; i < chunks.length; i++) {
    try {
      producer.produce(topic, null, chunks[i], null);
    } catch (e) {
      if (e.code === QUEUE_FULL) {
        retry(chunks.slice(i));
      } else {
        cb(e);
      }
      break;
    }
  }
  cb();
}
module.exports = writev;
`,
  },
  {
    name: "a supervisor respawning its child from the child's 'exit' listener: it runs again only when the child died (cnpmjs.org)",
    filename: 'dispatch.js',
    code: `const childProcess = require('child_process');
function forkSyncer() {
  const syncer = childProcess.fork('./sync.js');
  syncer.on('exit', function (code, signal) {
    console.error('syncer %s died (code: %s, signal: %s)', syncer.pid, code, signal);
    setTimeout(forkSyncer, 1000);
  });
}
forkSyncer();
`,
  },
  {
    name: 'a poller that hands a stop signal, with a per-request timeout, to each call',
    code: `export async function poll(stop: AbortSignal) {
  for (;;) {
    const res = await fetch('https://api.example.com/status', { signal: AbortSignal.any([stop, AbortSignal.timeout(5000)]) });
    console.log(res.status);
  }
}
`,
  },
  {
    name: 'worker loop that breaks when the queue is drained',
    code: `export async function drain(queue: { pop(): Promise<string | undefined> }) {
  while (true) {
    const job = await queue.pop();
    if (job === undefined) break;
    console.log(job);
  }
}
`,
  },
  {
    name: 'labelled break from an inner loop to the outer loop',
    code: `export function firstFailure(batches: { ok: boolean }[][]) {
  let found: { ok: boolean } | undefined;
  outer: while (true) {
    for (const batch of batches) {
      for (const item of batch) {
        if (!item.ok) {
          found = item;
          break outer;
        }
      }
    }
  }
  return found;
}
`,
  },
  {
    name: 'labelled continue to an outer loop leaves the inner loop',
    code: `export async function pump(queues: { next(): Promise<string | null> }[]) {
  next: for (const q of queues) {
    while (true) {
      const m = await q.next();
      if (m === null) continue next;
      console.log(m);
    }
  }
}
`,
  },
  {
    name: 'return inside the loop (poll until ready)',
    code: `export async function waitReady(check: () => Promise<boolean>) {
  for (;;) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
}
`,
  },
  {
    name: 'throw that is not caught inside the loop',
    code: `export async function consume(read: () => Promise<string>) {
  while (true) {
    const line = await read();
    if (line === 'EOF') throw new Error('stream ended');
  }
}
`,
  },
  {
    name: 'rethrow from a catch leaves the loop',
    code: `export async function retryForever(fn: () => Promise<void>) {
  while (true) {
    try {
      await fn();
    } catch (err) {
      if ((err as { fatal?: boolean }).fatal) throw err;
    }
  }
}
`,
  },
  {
    name: 'async generator that yields: the consumer controls it',
    code: `export async function* ticks(next: () => Promise<number>) {
  while (true) {
    yield await next();
  }
}
`,
  },
  {
    name: 'sync generator with while (1)',
    code: `export function* ids() {
  let i = 0;
  while (1) yield i++;
}
`,
  },
  {
    name: 'signal.throwIfAborted() in the body',
    code: `export async function run(signal: AbortSignal, step: () => Promise<void>) {
  while (true) {
    signal.throwIfAborted();
    await step();
  }
}
`,
  },
  {
    name: 'signal.aborted checked in the body',
    code: `export async function run(signal: AbortSignal, step: () => Promise<void>) {
  while (true) {
    if (signal.aborted) {
      console.log('stopping after this step');
    }
    await step();
  }
}
`,
  },
  {
    name: 'loop condition on !signal.aborted',
    code: `export async function run(signal: AbortSignal, step: () => Promise<void>) {
  while (!signal.aborted) {
    await step();
  }
}
`,
  },
  {
    name: 'signal handed to an awaited timer (rejects on abort)',
    code: `import { setTimeout as sleep } from 'node:timers/promises';

export async function heartbeat(signal: AbortSignal, beat: () => Promise<void>) {
  while (true) {
    await beat();
    await sleep(5000, undefined, { signal });
  }
}
`,
  },
  {
    name: 'process.exit inside the loop',
    code: `export function watchdog(alive: () => boolean) {
  for (;;) {
    if (!alive()) process.exit(1);
  }
}
`,
  },
  {
    name: 'stop flag on this cleared in another module (cross-file)',
    code: `export class Consumer {
  running = true;

  async run(next: () => Promise<void>) {
    while (this.running) {
      await next();
    }
  }
}
`,
    files: {
      'src/main.ts': `import { Consumer } from './test-case';

const consumer = new Consumer();
void consumer.run(async () => undefined);
process.on('SIGTERM', () => {
  consumer.running = false;
});
`,
    },
  },
  {
    name: 'stop flag in an exported state object cleared in another module (cross-file)',
    filename: 'src/loop.js',
    code: `export const state = { running: true };

export async function loop(step) {
  while (state.running) {
    await step();
  }
}
`,
    files: {
      'src/shutdown.js': `import { state } from './loop.js';

process.once('SIGINT', () => {
  state.running = false;
});
`,
    },
  },
  {
    name: 'module-level flag cleared by an exported stop()',
    code: `let running = true;

export function stop() {
  running = false;
}

export async function run(step: () => Promise<void>) {
  while (running) {
    await step();
  }
}
`,
  },
  {
    name: 'negated flag set by stop()',
    code: `export class Poller {
  private stopped = false;

  stop() {
    this.stopped = true;
  }

  async run(poll: () => Promise<void>) {
    while (!this.stopped) {
      await poll();
    }
  }
}
`,
  },
  {
    name: 'do-while on a local flag the body itself clears',
    code: `export async function pageAll(fetchPage: (n: number) => Promise<unknown[]>) {
  let more = true;
  let page = 0;
  do {
    const rows = await fetchPage(page++);
    more = rows.length > 0;
  } while (more);
}
`,
  },
  {
    name: 'a getter is not a flag we can see',
    code: `export class Service {
  get running(): boolean {
    return process.uptime() < 60;
  }

  async run(step: () => Promise<void>) {
    while (this.running) {
      await step();
    }
  }
}
`,
  },
  {
    name: 'loop on a method call and an ordinary counted loop',
    code: `export function sum(xs: number[], more: () => boolean) {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i];
  while (more()) total++;
  return total;
}
`,
  },
  {
    name: 'self-rescheduling behind a flag check',
    code: `let stopped = false;

export function stop() {
  stopped = true;
}

function tick() {
  console.log('tick');
  if (!stopped) setTimeout(tick, 1000);
}

tick();
`,
  },
  {
    name: 'self-rescheduling with an early return on the signal',
    code: `export function schedule(signal: AbortSignal, work: () => void) {
  const tick = () => {
    if (signal.aborted) return;
    work();
    setTimeout(tick, 1000);
  };
  tick();
}
`,
  },
  {
    name: 'self-rescheduling that keeps the handle on this and clears it through its own helper (eufy-security-client)',
    code: `export class Session {
  private lookupRetryTimeout?: NodeJS.Timeout;

  private _clearTimeout(timeout?: NodeJS.Timeout) {
    if (timeout !== undefined) clearTimeout(timeout);
  }

  close() {
    this._clearTimeout(this.lookupRetryTimeout);
    this.lookupRetryTimeout = undefined;
  }

  cloudLookup() {
    console.log('looking up');
    this.lookupRetryTimeout = setTimeout(() => this.cloudLookup(), 5_000);
  }
}
`,
  },
  {
    name: 'self-rescheduling that keeps the handle and clears it on stop',
    code: `export class Refresher {
  private timer?: NodeJS.Timeout;

  start() {
    this.refresh();
  }

  stop() {
    clearTimeout(this.timer);
  }

  private refresh() {
    console.log('refreshing');
    this.timer = setTimeout(() => this.refresh(), 30_000);
  }
}
`,
  },
  {
    name: 'setTimeout of another function, and the first call outside the function',
    code: `function flush() {
  console.log('flush');
}

function tick() {
  setTimeout(flush, 10);
}

setTimeout(tick, 0);
`,
  },
  {
    name: 'CommonJS retry loop that returns on success',
    filename: 'src/retry.js',
    code: `const { setTimeout: sleep } = require('timers/promises');

async function untilUp(check) {
  while (true) {
    try {
      return await check();
    } catch (err) {
      await sleep(1000);
    }
  }
}

module.exports = { untilUp };
`,
  },
  // ---- Classes judged on real code (ecosystem): each was reported and is not an endless loop. ----
  {
    name: "a flag set in an 'exit' listener the constructor registers (temporal threaded-vm)",
    code: `import { Worker } from 'node:worker_threads';
import { setTimeout } from 'node:timers/promises';

export class ThreadedVm {
  private workerExited = false;
  private readonly worker: Worker;
  constructor() {
    this.worker = new Worker('./vm.js');
    this.worker.on('exit', () => {
      this.workerExited = true;
    });
  }
  async terminate(): Promise<void> {
    const done = this.worker.terminate();
    while (!this.workerExited) {
      await Promise.race([done, setTimeout(100)]);
    }
  }
}
`,
  },
  {
    name: 'a reschedule after an early return in the callback it sits in (nodemon waitForSubProcesses)',
    filename: 'src/run.js',
    code: `const psTree = require('pstree.remy');
function waitForSubProcesses(pid, callback) {
  psTree(pid, (err, pids) => {
    if (!pids.length) {
      return callback();
    }
    setTimeout(() => waitForSubProcesses(pid, callback), 1000);
  });
}
module.exports = waitForSubProcesses;
`,
  },
  {
    name: 'rescheduled only from .catch: a retry, not a loop (localtunnel getUrl)',
    filename: 'src/tunnel.js',
    code: `const axios = require('axios');
exports.init = function (uri, cb) {
  (function getUrl() {
    axios
      .get(uri, { timeout: 5000 })
      .then((res) => cb(null, res.data))
      .catch(() => setTimeout(getUrl, 1000));
  })();
};
`,
  },
  {
    name: "a daemon's flush chain, in a package whose SIGTERM handler exits (statsd flushMetrics)",
    filename: 'src/stats.js',
    code: `function flushMetrics() {
  console.log('flush');
  setTimeout(flushMetrics, 10000);
}
flushMetrics();
`,
    files: { 'src/process_mgmt.js': "exports.init = function () {\n  process.on('SIGTERM', function () {\n    process.exit();\n  });\n};\n" },
  },
  {
    name: "an unref()'d reschedule cannot hold the process (moleculer rotate)",
    filename: 'src/quantiles.js',
    code: `class TimeWindow {
  constructor(ms) {
    this.ms = ms;
    this.rotate();
  }
  rotate() {
    this.bucket = [];
    setTimeout(() => this.rotate(), this.ms).unref();
  }
}
module.exports = TimeWindow;
`,
  },
  {
    name: 'a reader loop decoding frames from a socket it opened (`while (true) this.handle(await decodeFrame(read))`, `read` made over `net.connect`): closing the connection ends it (rabbitmq-client)',
    filename: 'lib/connection.js',
    code: `const net = require('node:net');
const { createAsyncReader, decodeFrame } = require('./codec');
class Connection {
  connect(port, host) {
    const socket = net.connect({ port, host });
    const readerLoop = async () => {
      try {
        const read = createAsyncReader(socket);
        while (true)
          this.handleChunk(await decodeFrame(read));
      } catch (err) {
        if (err.code !== 'READ_END') socket.destroy(err);
      }
    };
    readerLoop();
    return socket;
  }
  handleChunk(frame) {
    return frame;
  }
}
module.exports = Connection;
`,
  },
  {
    name: "a terminal screen's repaint rescheduling itself (`charm.erase('screen')`, a `top`-like list of nodes): it runs as long as the person watching keeps it open (cote's monitor)",
    filename: 'src/monitor.js',
    code: `const charm = require('charm')();
module.exports = function showNodes(nodes, interval) {
  charm.pipe(process.stdout);
  const draw = () => {
    charm.erase('screen');
    charm.position(0, 2).write('Name');
    for (const node of nodes) charm.write(node.name);
    setTimeout(draw, interval);
  };
  draw();
};
`,
  },
  {
    name: 'a blessed dashboard re-rendering its screen every second',
    code: `import blessed from 'blessed';
declare function sample(): string;
const screen = blessed.screen();
const box = blessed.box({ content: '' });
screen.append(box);
function refresh() {
  box.setContent(sample());
  screen.render();
  setTimeout(refresh, 1000);
}
refresh();
`,
  },
];

const invalid: InvalidCase[] = [
  {
    name: 'the same decoder loop whose catch only logs: nothing says the loop ends on an error',
    filename: 'lib/thrift/connection.js',
    code: `var InputBufferUnderrunError = require('./input_buffer_underrun_error');
function decodeCallback(client, transportWithData, Protocol) {
  var proto = new Protocol(transportWithData);
  try {
    while (true) {
      var header = proto.readMessageBegin();
      client['recv_' + header.fname](proto, header.mtype, header.rseqid);
    }
  } catch (e) {
    console.error('decode failed', e);
  }
}
module.exports = decodeCallback;
`,
    errors: [{ messageId: 'blocking', message: blocking('while (true)'), line: 5, column: 5, endColumn: 10, severity: 'error' }],
    unsafeOutput: `var InputBufferUnderrunError = require('./input_buffer_underrun_error');
const { shutdownSignal } = require('../../stability-runtime.cjs');
function decodeCallback(client, transportWithData, Protocol) {
  var proto = new Protocol(transportWithData);
  try {
    while (!shutdownSignal().aborted) {
      var header = proto.readMessageBegin();
      client['recv_' + header.fname](proto, header.mtype, header.rseqid);
    }
  } catch (e) {
    console.error('decode failed', e);
  }
}
module.exports = decodeCallback;
`,
    output: null,
  },
  {
    name: 'the same nested helper called on every run: the reschedule is unconditional',
    filename: 'lib/producer-stream.js',
    code: `function writev(producer, topic, chunks, cb) {
  function again(restChunks) {
    producer.poll();
    setTimeout(function () {
      writev(producer, topic, restChunks, cb);
    }, 500);
  }
  for (var i = 0; i < chunks.length; i++) {
    producer.produce(topic, null, chunks[i], null);
  }
  again(chunks);
}
module.exports = writev;
`,
    errors: [{ messageId: 'selfReschedule', data: { fn: 'writev', timer: 'setTimeout' }, line: 4, column: 5, severity: 'warn' }],
    unsafeOutput: `const { shutdownSignal } = require('../stability-runtime.cjs');

function writev(producer, topic, chunks, cb) {
  function again(restChunks) {
    producer.poll();
    if (!shutdownSignal().aborted) setTimeout(function () {
      writev(producer, topic, restChunks, cb);
    }, 500);
  }
  for (var i = 0; i < chunks.length; i++) {
    producer.produce(topic, null, chunks[i], null);
  }
  again(chunks);
}
module.exports = writev;
`,
  },
  {
    name: "the same reschedule from the child's 'spawn' listener: it runs on every run, so the chain never ends",
    filename: 'dispatch.js',
    code: `const childProcess = require('child_process');
function forkSyncer() {
  const syncer = childProcess.fork('./sync.js');
  syncer.on('spawn', function (code, signal) {
    console.error('syncer %s died (code: %s, signal: %s)', syncer.pid, code, signal);
    setTimeout(forkSyncer, 1000);
  });
}
forkSyncer();
`,
    errors: [{ messageId: 'selfReschedule', data: { fn: 'forkSyncer', timer: 'setTimeout' }, line: 6, column: 5, severity: 'warn' }],
    // The listener's \`signal\` is the name of the signal that ended the child, not an AbortSignal: the guard uses the shim's.
    unsafeOutput: `const childProcess = require('child_process');
const { shutdownSignal } = require('./stability-runtime.cjs');
function forkSyncer() {
  const syncer = childProcess.fork('./sync.js');
  syncer.on('spawn', function (code, signal) {
    console.error('syncer %s died (code: %s, signal: %s)', syncer.pid, code, signal);
    if (!shutdownSignal().aborted) setTimeout(forkSyncer, 1000);
  });
}
forkSyncer();
`,
  },
  {
    name: 'a poller whose only signal is a fresh per-request timeout: nothing stops the loop',
    code: `export async function poll() {
  for (;;) {
    await new Promise((r) => setTimeout(r, 5000));
    const res = await fetch('https://api.example.com/status', { signal: AbortSignal.timeout(5000) });
    console.log(res.status);
  }
}
`,
    errors: [{ messageId: 'endless', message: endless('for (;;)'), line: 2, column: 3, severity: 'warn' }],
    output: null,
    unsafeOutput: `import { shutdownSignal } from './stability-runtime';

export async function poll() {
  for (; !shutdownSignal().aborted;) {
    await new Promise((r) => setTimeout(r, 5000));
    const res = await fetch('https://api.example.com/status', { signal: AbortSignal.timeout(5000) });
    console.log(res.status);
  }
}
`,
  },
  {
    name: 'queue worker: async while (true) with no exit → warning, suggestion uses the shutdown signal',
    code: `import { Queue } from './queue';

export async function startWorker(queue: Queue) {
  while (true) {
    const job = await queue.pop();
    await job.run();
  }
}
`,
    files: { 'src/queue.ts': 'export interface Queue { pop(): Promise<{ run(): Promise<void> }> }\n' },
    errors: [{
      messageId: 'endless', message: endless('while (true)'), line: 4, column: 3, endLine: 4, endColumn: 8, severity: 'warn',
      fixes: [{
        title: SHIM_TITLE,
        output: `import { Queue } from './queue';
import { shutdownSignal } from './stability-runtime';

export async function startWorker(queue: Queue) {
  while (!shutdownSignal().aborted) {
    const job = await queue.pop();
    await job.run();
  }
}
`,
      }],
    }],
    output: null,
    unsafeOutput: `import { Queue } from './queue';
import { shutdownSignal } from './stability-runtime';

export async function startWorker(queue: Queue) {
  while (!shutdownSignal().aborted) {
    const job = await queue.pop();
    await job.run();
  }
}
`,
  },
  {
    name: 'synchronous loop whose only break leaves a switch → error',
    code: `export function spin(next: () => string) {
  let handled = 0;
  while (true) {
    switch (next()) {
      case 'stop':
        break;
      default:
        handled++;
    }
  }
}
`,
    errors: [{ messageId: 'blocking', message: blocking('while (true)'), line: 3, column: 3, endColumn: 8, severity: 'error' }],
    output: null,
    unsafeOutput: `import { shutdownSignal } from './stability-runtime';

export function spin(next: () => string) {
  let handled = 0;
  while (!shutdownSignal().aborted) {
    switch (next()) {
      case 'stop':
        break;
      default:
        handled++;
    }
  }
}
`,
  },
  {
    // Found by the fix fuzzer: a literal named like a signal was taken for one (\`!shutdownSignal.aborted\` on a number).
    name: 'a constant named shutdownSignal is no signal: the shim\'s is imported under another name',
    code: `const shutdownSignal = 0;
export async function work(next: () => Promise<void>) {
  while (true) {
    await next();
  }
}
export { shutdownSignal };
`,
    errors: [{ messageId: 'endless', line: 3, column: 3 }],
    output: null,
    unsafeOutput: `import { shutdownSignal as runtimeShutdownSignal } from './stability-runtime';

const shutdownSignal = 0;
export async function work(next: () => Promise<void>) {
  while (!runtimeShutdownSignal().aborted) {
    await next();
  }
}
export { shutdownSignal };
`,
  },
  {
    name: 'a break that only leaves the inner loop',
    code: `export async function pollAll(sources: { read(): Promise<string | null> }[]) {
  while (true) {
    for (const s of sources) {
      const v = await s.read();
      if (v === null) break;
    }
  }
}
`,
    errors: [{ messageId: 'endless', line: 2, column: 3, severity: 'warn' }],
    output: null,
    unsafeOutput: `import { shutdownSignal } from './stability-runtime';

export async function pollAll(sources: { read(): Promise<string | null> }[]) {
  while (!shutdownSignal().aborted) {
    for (const s of sources) {
      const v = await s.read();
      if (v === null) break;
    }
  }
}
`,
  },
  {
    name: 'return inside a nested callback does not leave the loop; for (;;) → error',
    code: `export function burn(items: { done: boolean }[]) {
  for (;;) {
    items.forEach((item) => {
      if (item.done) return;
      item.done = Math.random() > 0.5;
    });
  }
}
`,
    errors: [{
      messageId: 'blocking', data: { loop: 'for (;;)' }, line: 2, column: 3, endLine: 2, endColumn: 6, severity: 'error',
      fixes: [{
        title: SHIM_TITLE,
        output: `import { shutdownSignal } from './stability-runtime';

export function burn(items: { done: boolean }[]) {
  for (; !shutdownSignal().aborted;) {
    items.forEach((item) => {
      if (item.done) return;
      item.done = Math.random() > 0.5;
    });
  }
}
`,
      }],
    }],
    output: null,
    unsafeOutput: `import { shutdownSignal } from './stability-runtime';

export function burn(items: { done: boolean }[]) {
  for (; !shutdownSignal().aborted;) {
    items.forEach((item) => {
      if (item.done) return;
      item.done = Math.random() > 0.5;
    });
  }
}
`,
  },
  {
    name: 'a throw caught inside the loop does not leave it',
    code: `export async function supervise(step: () => Promise<boolean>) {
  while (true) {
    try {
      if (!(await step())) throw new Error('step failed');
    } catch (err) {
      console.error(err);
    }
  }
}
`,
    errors: [{ messageId: 'endless', line: 2, column: 3, severity: 'warn' }],
    output: null,
    unsafeOutput: `import { shutdownSignal } from './stability-runtime';

export async function supervise(step: () => Promise<boolean>) {
  while (!shutdownSignal().aborted) {
    try {
      if (!(await step())) throw new Error('step failed');
    } catch (err) {
      console.error(err);
    }
  }
}
`,
  },
  {
    name: 'a labelled break to a block inside the body does not leave the loop',
    code: `export async function run(tick: () => Promise<boolean>) {
  while (true) {
    body: {
      if (await tick()) break body;
      console.log('idle');
    }
  }
}
`,
    errors: [{ messageId: 'endless', line: 2, column: 3, severity: 'warn' }],
    output: null,
    unsafeOutput: `import { shutdownSignal } from './stability-runtime';

export async function run(tick: () => Promise<boolean>) {
  while (!shutdownSignal().aborted) {
    body: {
      if (await tick()) break body;
      console.log('idle');
    }
  }
}
`,
  },
  {
    name: 'nested endless loops: the inner one breaks, the outer one is reported',
    code: `export async function serve(accept: () => Promise<string>) {
  while (true) {
    while (true) {
      const conn = await accept();
      if (conn) break;
    }
  }
}
`,
    errors: [{ messageId: 'endless', line: 2, column: 3, severity: 'warn' }],
    output: null,
    unsafeOutput: `import { shutdownSignal } from './stability-runtime';

export async function serve(accept: () => Promise<string>) {
  while (!shutdownSignal().aborted) {
    while (true) {
      const conn = await accept();
      if (conn) break;
    }
  }
}
`,
  },
  {
    name: 'do … while (true) in CommonJS, with a signal parameter in scope',
    filename: 'src/consumer.js',
    code: `async function consume(queue, signal) {
  do {
    const msg = await queue.receive();
    await queue.ack(msg);
  } while (true);
}

module.exports = { consume };
`,
    errors: [{
      messageId: 'endless', data: { loop: 'do … while (true)' }, line: 2, column: 3, endLine: 2, endColumn: 5, severity: 'warn',
      fixes: [{
        title: 'Loop only while `signal` is not aborted',
        output: `async function consume(queue, signal) {
  do {
    const msg = await queue.receive();
    await queue.ack(msg);
  } while (!signal.aborted);
}

module.exports = { consume };
`,
      }],
    }],
    output: null,
    unsafeOutput: `async function consume(queue, signal) {
  do {
    const msg = await queue.receive();
    await queue.ack(msg);
  } while (!signal.aborted);
}

module.exports = { consume };
`,
  },
  {
    name: 'while (1) in a service method, the class holds an AbortController',
    code: `export class Indexer {
  private readonly controller = new AbortController();

  stop() {
    this.controller.abort();
  }

  run(docs: string[]) {
    let n = 0;
    while (1) {
      n += docs.length;
    }
  }
}
`,
    errors: [{
      messageId: 'blocking', data: { loop: 'while (1)' }, line: 10, column: 5, severity: 'error',
      fixes: [{
        title: 'Loop only while `this.controller.signal` is not aborted',
        output: `export class Indexer {
  private readonly controller = new AbortController();

  stop() {
    this.controller.abort();
  }

  run(docs: string[]) {
    let n = 0;
    while (!this.controller.signal.aborted) {
      n += docs.length;
    }
  }
}
`,
      }],
    }],
    output: null,
    unsafeOutput: `export class Indexer {
  private readonly controller = new AbortController();

  stop() {
    this.controller.abort();
  }

  run(docs: string[]) {
    let n = 0;
    while (!this.controller.signal.aborted) {
      n += docs.length;
    }
  }
}
`,
  },
  {
    name: 'for with an initializer and incrementor but no condition, optional signal parameter',
    code: `export function backoff(signal?: AbortSignal) {
  for (let attempt = 0; ; attempt++) {
    console.log(attempt);
  }
}
`,
    errors: [{
      messageId: 'blocking', data: { loop: 'for (let attempt = 0; ; attempt++)' }, line: 2, column: 3, severity: 'error',
      fixes: [{
        title: 'Loop only while `signal` is not aborted',
        output: `export function backoff(signal?: AbortSignal) {
  for (let attempt = 0; !signal?.aborted; attempt++) {
    console.log(attempt);
  }
}
`,
      }],
    }],
    output: null,
    unsafeOutput: `export function backoff(signal?: AbortSignal) {
  for (let attempt = 0; !signal?.aborted; attempt++) {
    console.log(attempt);
  }
}
`,
  },
  {
    name: 'a module flag that is never set false anywhere',
    code: `let running = true;

export async function run(step: () => Promise<void>) {
  while (running) {
    await step();
  }
}
`,
    errors: [{
      messageId: 'endlessFlag',
      message: '`while (running)` waits for `running` to be false, but no code sets it: set it when stopping.\n' +
        `No code in the project sets \`running\` to false and the body has no exit, ${HANGS} ` +
        'Set `running` to false on shutdown, or also loop on `!signal.aborted`.',
      line: 4, column: 3, severity: 'warn',
      fixes: [{
        title: SHIM_TITLE,
        output: `import { shutdownSignal } from './stability-runtime';

let running = true;

export async function run(step: () => Promise<void>) {
  while (running && !shutdownSignal().aborted) {
    await step();
  }
}
`,
      }],
    }],
    output: null,
    unsafeOutput: `import { shutdownSignal } from './stability-runtime';

let running = true;

export async function run(step: () => Promise<void>) {
  while (running && !shutdownSignal().aborted) {
    await step();
  }
}
`,
  },
  {
    name: 'a member flag that is only ever set true (field starts false)',
    code: `export class Ticker {
  private running = false;

  async start(signal: AbortSignal) {
    this.running = true;
    while (this.running) {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
`,
    errors: [{
      messageId: 'endlessFlag', line: 6, column: 5, severity: 'warn',
      fixes: [{
        title: 'Loop only while `signal` is not aborted',
        output: `export class Ticker {
  private running = false;

  async start(signal: AbortSignal) {
    this.running = true;
    while (this.running && !signal.aborted) {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
`,
      }],
    }],
    output: null,
    unsafeOutput: `export class Ticker {
  private running = false;

  async start(signal: AbortSignal) {
    this.running = true;
    while (this.running && !signal.aborted) {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
`,
  },
  {
    name: 'JavaScript class: a flag the constructor initialises to false is still never cleared',
    filename: 'src/consumer.js',
    code: `export class Consumer {
  constructor(queue) {
    this.queue = queue;
    this.running = false;
  }

  async start() {
    this.running = true;
    while (this.running) {
      await this.queue.process();
    }
  }
}
`,
    errors: [{
      messageId: 'endlessFlag',
      data: { loop: 'while (this.running)', flag: 'this.running', stopValue: 'false' },
      line: 9, column: 5, endLine: 9, endColumn: 10, severity: 'warn',
    }],
    output: null,
    unsafeOutput: `import { shutdownSignal } from '../stability-runtime.cjs';

export class Consumer {
  constructor(queue) {
    this.queue = queue;
    this.running = false;
  }

  async start() {
    this.running = true;
    while (this.running && !shutdownSignal().aborted) {
      await this.queue.process();
    }
  }
}
`,
  },
  {
    name: 'a synchronous loop on a negated flag nothing sets',
    code: `export function crunch(data: number[]) {
  const state = { done: false };
  let acc = 0;
  while (!state.done) {
    acc += data.length;
  }
  return acc;
}
`,
    errors: [{
      messageId: 'blockingFlag',
      message: '`while (!state.done)` waits for `state.done` to be true, which no code sets, and blocks the event loop.\n' +
        `No code in the project sets \`state.done\` to true and the body has no exit, and ${BLOCKS} ` +
        'Set `state.done` to true on shutdown, or also loop on `!signal.aborted`.',
      line: 4, column: 3, severity: 'error',
    }],
    output: null,
    unsafeOutput: `import { shutdownSignal } from './stability-runtime';

export function crunch(data: number[]) {
  const state = { done: false };
  let acc = 0;
  while (!state.done && !shutdownSignal().aborted) {
    acc += data.length;
  }
  return acc;
}
`,
  },
  {
    name: 'self-rescheduling function → warning at the setTimeout call',
    code: `import { refreshCache } from './cache';

function tick() {
  refreshCache();
  setTimeout(tick, 60_000);
}

tick();
`,
    files: { 'src/cache.ts': 'export function refreshCache(): void {}\n' },
    errors: [{
      messageId: 'selfReschedule', message: reschedule('tick'), line: 5, column: 3, endLine: 5, endColumn: 27, severity: 'warn',
      fixes: [{
        title: 'Reschedule only while the shutdown signal is not aborted',
        output: `import { refreshCache } from './cache';
import { shutdownSignal } from './stability-runtime';

function tick() {
  refreshCache();
  if (!shutdownSignal().aborted) setTimeout(tick, 60_000);
}

tick();
`,
      }],
    }],
    output: null,
    unsafeOutput: `import { refreshCache } from './cache';
import { shutdownSignal } from './stability-runtime';

function tick() {
  refreshCache();
  if (!shutdownSignal().aborted) setTimeout(tick, 60_000);
}

tick();
`,
  },
  {
    name: 'method rescheduling itself through an arrow, handle kept but never cleared; constructor signal',
    code: `export class MetricsFlusher {
  private timer?: NodeJS.Timeout;

  constructor(private readonly signal: AbortSignal) {}

  flush() {
    console.log('flushing');
    this.timer = setTimeout(() => this.flush(), 10_000);
  }
}
`,
    errors: [{
      messageId: 'selfReschedule', data: { fn: 'flush', timer: 'setTimeout' }, line: 8, column: 18, severity: 'warn',
      fixes: [{
        title: 'Reschedule only while `this.signal` is not aborted',
        output: `export class MetricsFlusher {
  private timer?: NodeJS.Timeout;

  constructor(private readonly signal: AbortSignal) {}

  flush() {
    console.log('flushing');
    if (!this.signal.aborted) this.timer = setTimeout(() => this.flush(), 10_000);
  }
}
`,
      }],
    }],
    output: null,
    unsafeOutput: `export class MetricsFlusher {
  private timer?: NodeJS.Timeout;

  constructor(private readonly signal: AbortSignal) {}

  flush() {
    console.log('flushing');
    if (!this.signal.aborted) this.timer = setTimeout(() => this.flush(), 10_000);
  }
}
`,
  },
  {
    name: 'async arrow rescheduled from a .finally callback (ESM JavaScript)',
    filename: 'src/poller.mjs',
    code: `import { setTimeout } from 'node:timers';

const poll = async () => {
  const res = await fetch('http://localhost:8080/health', { signal: AbortSignal.timeout(2000) });
  console.log(res.status);
};

const loop = () => {
  poll().finally(() => setTimeout(loop, 5000));
};

loop();
`,
    errors: [{
      messageId: 'selfReschedule', data: { fn: 'loop', timer: 'setTimeout' }, line: 9, column: 24, severity: 'warn',
      fixes: [{
        title: 'Reschedule only while the shutdown signal is not aborted',
        output: `import { setTimeout } from 'node:timers';
import { shutdownSignal } from '../stability-runtime.cjs';

const poll = async () => {
  const res = await fetch('http://localhost:8080/health', { signal: AbortSignal.timeout(2000) });
  console.log(res.status);
};

const loop = () => {
  poll().finally(() => { if (!shutdownSignal().aborted) setTimeout(loop, 5000); });
};

loop();
`,
      }],
    }],
    output: null,
    unsafeOutput: `import { setTimeout } from 'node:timers';
import { shutdownSignal } from '../stability-runtime.cjs';

const poll = async () => {
  const res = await fetch('http://localhost:8080/health', { signal: AbortSignal.timeout(2000) });
  console.log(res.status);
};

const loop = () => {
  poll().finally(() => { if (!shutdownSignal().aborted) setTimeout(loop, 5000); });
};

loop();
`,
  },
  {
    name: 'setImmediate chain in CommonJS with a bound method',
    filename: 'src/drain.js',
    code: `const { EventEmitter } = require('node:events');

class Drainer extends EventEmitter {
  drain() {
    this.count = (this.count || 0) + 1;
    setImmediate(this.drain.bind(this));
  }
}

module.exports = { Drainer };
`,
    errors: [{
      messageId: 'selfReschedule', data: { fn: 'drain', timer: 'setImmediate' }, line: 6, column: 5, severity: 'warn',
      fixes: [{
        title: 'Reschedule only while the shutdown signal is not aborted',
        output: `const { EventEmitter } = require('node:events');
const { shutdownSignal } = require('../stability-runtime.cjs');

class Drainer extends EventEmitter {
  drain() {
    this.count = (this.count || 0) + 1;
    if (!shutdownSignal().aborted) setImmediate(this.drain.bind(this));
  }
}

module.exports = { Drainer };
`,
      }],
    }],
    output: null,
    unsafeOutput: `const { EventEmitter } = require('node:events');
const { shutdownSignal } = require('../stability-runtime.cjs');

class Drainer extends EventEmitter {
  drain() {
    this.count = (this.count || 0) + 1;
    if (!shutdownSignal().aborted) setImmediate(this.drain.bind(this));
  }
}

module.exports = { Drainer };
`,
  },
  // ---- The true shapes next to the classes above: still reported. ----
  {
    name: 'a reschedule inside a callback with no early return',
    filename: 'src/poll.js',
    code: `const psTree = require('pstree.remy');
function watchChildren(pid) {
  psTree(pid, (err, pids) => {
    console.log(pids.length);
    setTimeout(() => watchChildren(pid), 1000);
  });
}
module.exports = watchChildren;
`,
    errors: [{ messageId: 'selfReschedule', data: { fn: 'watchChildren', timer: 'setTimeout' }, line: 5, column: 5 }],
    unsafeOutput: "const psTree = require('pstree.remy');\nconst { shutdownSignal } = require('../stability-runtime.cjs');\nfunction watchChildren(pid) {\n  psTree(pid, (err, pids) => {\n    console.log(pids.length);\n    if (!shutdownSignal().aborted) setTimeout(() => watchChildren(pid), 1000);\n  });\n}\nmodule.exports = watchChildren;\n",
  },
  {
    name: 'rescheduled from .then on success as well: a loop',
    filename: 'src/refresh.js',
    code: `const axios = require('axios');
function refresh(uri) {
  axios.get(uri, { timeout: 5000 }).then(() => setTimeout(() => refresh(uri), 60000));
}
module.exports = refresh;
`,
    errors: [{ messageId: 'selfReschedule', data: { fn: 'refresh', timer: 'setTimeout' }, line: 3, column: 48 }],
    unsafeOutput: "const axios = require('axios');\nconst { shutdownSignal } = require('../stability-runtime.cjs');\nfunction refresh(uri) {\n  axios.get(uri, { timeout: 5000 }).then(() => { if (!shutdownSignal().aborted) setTimeout(() => refresh(uri), 60000); });\n}\nmodule.exports = refresh;\n",
  },
  {
    name: 'a SIGTERM handler that drains (no process.exit) does not end the chain',
    filename: 'src/stats.js',
    code: `function flushMetrics() {
  console.log('flush');
  setTimeout(flushMetrics, 10000);
}
flushMetrics();
process.on('SIGTERM', () => console.log('stopping'));
`,
    errors: [{ messageId: 'selfReschedule', data: { fn: 'flushMetrics', timer: 'setTimeout' }, line: 3, column: 3 }],
    unsafeOutput: "const { shutdownSignal } = require('../stability-runtime.cjs');\n\nfunction flushMetrics() {\n  console.log('flush');\n  if (!shutdownSignal().aborted) setTimeout(flushMetrics, 10000);\n}\nflushMetrics();\nprocess.on('SIGTERM', () => console.log('stopping'));\n",
  },
  {
    name: 'the same reader loop over a source of unknown origin (a parameter): nothing shows a close ends it, still reported',
    filename: 'lib/connection.js',
    code: `const { createAsyncReader, decodeFrame } = require('./codec');
class Connection {
  attach(source) {
    const readerLoop = async () => {
      try {
        const read = createAsyncReader(source);
        while (true)
          this.handleChunk(await decodeFrame(read));
      } catch (err) {
        console.error(err);
      }
    };
    readerLoop();
  }
  handleChunk(frame) {
    return frame;
  }
}
module.exports = Connection;
`,
    errors: [{ messageId: 'endless', line: 7, column: 9, severity: 'warn' }],
    unsafeOutput: `const { createAsyncReader, decodeFrame } = require('./codec');
const { shutdownSignal } = require('../stability-runtime.cjs');
class Connection {
  attach(source) {
    const readerLoop = async () => {
      try {
        const read = createAsyncReader(source);
        while (!shutdownSignal().aborted)
          this.handleChunk(await decodeFrame(read));
      } catch (err) {
        console.error(err);
      }
    };
    readerLoop();
  }
  handleChunk(frame) {
    return frame;
  }
}
module.exports = Connection;
`,
  },
  {
    name: 'a poll loop that sleeps and sends on a socket it opened, inside a try: it waits on the clock, not on the peer, still reported',
    code: `import net from 'node:net';
declare function sleep(ms: number): Promise<void>;
declare function ping(socket: net.Socket): void;
export async function keepAlive(port: number) {
  const socket = net.connect(port);
  try {
    while (true) {
      await sleep(1000);
      ping(socket);
    }
  } catch (err) {
    console.error(err);
  }
}
`,
    errors: [{ messageId: 'endless', line: 7, column: 5, severity: 'warn' }],
    unsafeOutput: `import net from 'node:net';
import { shutdownSignal } from './stability-runtime';
declare function sleep(ms: number): Promise<void>;
declare function ping(socket: net.Socket): void;
export async function keepAlive(port: number) {
  const socket = net.connect(port);
  try {
    while (!shutdownSignal().aborted) {
      await sleep(1000);
      ping(socket);
    }
  } catch (err) {
    console.error(err);
  }
}
`,
  },
  {
    name: 'the same rescheduling function writing its list to a log file instead of a screen: still reported',
    filename: 'src/monitor.js',
    code: `const fs = require('fs');
module.exports = function logNodes(nodes, interval) {
  const draw = () => {
    fs.appendFileSync('nodes.log', nodes.map((n) => n.name).join(','));
    setTimeout(draw, interval);
  };
  draw();
};
`,
    errors: [{ messageId: 'selfReschedule', line: 5, column: 5, severity: 'warn' }],
    unsafeOutput: `const fs = require('fs');
const { shutdownSignal } = require('../stability-runtime.cjs');
module.exports = function logNodes(nodes, interval) {
  const draw = () => {
    fs.appendFileSync('nodes.log', nodes.map((n) => n.name).join(','));
    if (!shutdownSignal().aborted) setTimeout(draw, interval);
  };
  draw();
};
`,
  },
];

runRuleTests(rule, { valid, invalid });

// Each fix applied alone (as from the editor's light bulb, where the tester applies them all
// together): it parses, type-checks where the input did, and clears its own diagnostic.
describe('unbounded-loop fixes, one at a time', () => {
  for (const c of invalid) {
    if (!c.errors.some((e) => e.fixes)) continue;
    it(`fix clears the diagnostic: ${c.name}`, async () => {
      const { messages, file, dir } = await lintCase(rule, c);
      const before = messages.length;
      for (const m of messages) {
        for (const s of m.finding?.fixes ?? []) {
          const fixed = applyEdits(c.code, s.edits.filter((e) => e.file === file));
          const created = Object.fromEntries((s.creates ?? []).map((f) => [path.relative(dir, f.file), f.content]));
          const after = await lintCase(rule, { ...c, code: fixed, files: { ...c.files, ...created } });
          assert.equal(after.messages.filter((x) => x.fatal).length, 0, 'the fix does not parse');
          assert.equal(after.messages.length, before - 1, `the fix leaves the diagnostic:\n${fixed}`);
          const again = await lintCase(rule, { ...c, code: fixed, files: { ...c.files, ...created } });
          assert.deepEqual(again.messages.map((x) => x.message), after.messages.map((x) => x.message));
          if (/\.ts$/.test(file) && typecheckErrors(dir).length === 0) {
            const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-suggested-'));
            for (const [rel, text] of Object.entries({ ...c.files, ...created, [path.relative(dir, file)]: fixed })) {
              fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
              fs.writeFileSync(path.join(tmp, rel), text);
            }
            assert.deepEqual(typecheckErrors(tmp), [], `the fix does not type-check:\n${fixed}`);
          }
        }
      }
    });
  }
});
