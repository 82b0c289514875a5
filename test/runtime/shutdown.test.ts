// onShutdown / shutdownSignal: hooks run newest first, each bounded by its timeout; a throwing or
// hanging hook does not stop the rest; one run however many signals; then the conventional exit.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { RUNTIME_SOURCES } from '../../engine/runtime-source.generated';
import { createShutdown, onShutdown, shutdownSignal } from '../../runtime/stability-runtime';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
let listenersBefore: Record<string, Function[]> = {};

/** A registry whose exit and error reports are recorded instead of ending the test process. */
function registry() {
  const exits: number[] = [];
  const reported: unknown[] = [];
  const shutdown = createShutdown({ exit: (code) => exits.push(code), report: (e) => reported.push(e) });
  return { ...shutdown, exits, reported };
}

describe('onShutdown', { timeout: 5000 }, () => {
  beforeEach(() => {
    listenersBefore = Object.fromEntries(SIGNALS.map((s) => [s, process.listeners(s)]));
  });
  afterEach(() => {
    // Each registry's signal handlers go with its test.
    for (const s of SIGNALS) for (const l of process.listeners(s)) if (!listenersBefore[s].includes(l)) process.off(s, l as () => void);
  });

  it('runs hooks newest first, waiting for each', async () => {
    const r = registry();
    const order: string[] = [];
    r.onShutdown(() => order.push('server'));
    r.onShutdown(async () => {
      await sleep(5);
      order.push('pool');
    });
    r.onShutdown(() => order.push('interval'));
    await r.runShutdown('test');
    assert.deepEqual(order, ['interval', 'pool', 'server']);
    assert.deepEqual(r.reported, []);
  });

  it('bounds each hook by its timeout and moves on past a hanging one', async () => {
    const r = registry();
    const order: string[] = [];
    r.onShutdown(() => order.push('first registered'));
    r.onShutdown(() => new Promise(() => {}), { timeoutMs: 20 });
    r.onShutdown(() => order.push('last registered'));
    const started = performance.now();
    await r.runShutdown('test');
    const took = performance.now() - started;
    assert.deepEqual(order, ['last registered', 'first registered']);
    assert.ok(took >= 19 && took < 1000, `took ${took} ms`);
    assert.equal(r.reported.length, 1);
    assert.equal((r.reported[0] as Error).name, 'TimeoutError');
    assert.equal((r.reported[0] as Error).message, 'Timed out after 20 ms');
  });

  it('survives hooks that throw or reject, reporting each error', async () => {
    const r = registry();
    const order: string[] = [];
    const thrown = new Error('close failed');
    const rejected = new Error('end failed');
    r.onShutdown(() => order.push('ran'));
    r.onShutdown(() => {
      throw thrown;
    });
    r.onShutdown(async () => {
      throw rejected;
    });
    await r.runShutdown('test');
    assert.deepEqual(order, ['ran']);
    assert.deepEqual(r.reported, [rejected, thrown]);
  });

  it('runs once: repeated calls share the run and hooks do not run again', async () => {
    const r = registry();
    let runs = 0;
    r.onShutdown(async () => {
      runs++;
      await sleep(5);
    });
    const first = r.runShutdown('a');
    assert.equal(r.runShutdown('b'), first);
    await first;
    await r.runShutdown('c');
    assert.equal(runs, 1);
  });

  it('on SIGTERM runs the hooks once, however often the signal comes, then exits with 143', async () => {
    const r = registry();
    const order: string[] = [];
    r.onShutdown(() => order.push('a'));
    r.onShutdown(async () => {
      await sleep(5);
      order.push('b');
      assert.deepEqual(r.exits, [], 'exit waits for the hooks');
    });
    process.emit('SIGTERM');
    process.emit('SIGTERM');
    process.emit('SIGINT');
    await r.runShutdown();
    await sleep(0);
    assert.deepEqual(order, ['b', 'a']);
    assert.deepEqual(r.exits, [143]);
  });

  it('on SIGINT exits with 130, also after a manual run finished', async () => {
    const r = registry();
    r.onShutdown(() => {});
    await r.runShutdown('fatal error');
    process.emit('SIGINT');
    await sleep(0);
    assert.deepEqual(r.exits, [130]);
  });

  it('unregisters a hook, leaving the others; unregistering twice is harmless', async () => {
    const r = registry();
    const order: string[] = [];
    r.onShutdown(() => order.push('kept 1'));
    const unregister = r.onShutdown(() => order.push('removed'));
    r.onShutdown(() => order.push('kept 2'));
    unregister();
    unregister();
    await r.runShutdown('test');
    assert.deepEqual(order, ['kept 2', 'kept 1']);
  });

  it('also runs hooks registered while shutting down', async () => {
    const r = registry();
    const order: string[] = [];
    r.onShutdown(() => {
      order.push('first');
      r.onShutdown(() => order.push('late'));
    });
    await r.runShutdown('test');
    assert.deepEqual(order, ['first', 'late']);
  });

  it('installs signal handlers only once something is registered', () => {
    const r = registry();
    assert.equal(process.listenerCount('SIGTERM'), listenersBefore.SIGTERM.length);
    r.onShutdown(() => {});
    r.onShutdown(() => {});
    r.shutdownSignal();
    assert.equal(process.listenerCount('SIGTERM'), listenersBefore.SIGTERM.length + 1);
    assert.equal(process.listenerCount('SIGINT'), listenersBefore.SIGINT.length + 1);
  });
});

describe('shutdownSignal', () => {
  it('aborts when shutdown begins, before the first hook runs', async () => {
    const r = registry();
    const signal = r.shutdownSignal();
    let abortedInHook: boolean | undefined;
    r.onShutdown(() => (abortedInHook = signal.aborted));
    assert.equal(signal.aborted, false);
    await r.runShutdown('SIGTERM');
    assert.equal(abortedInHook, true);
    assert.equal(signal.reason.name, 'AbortError');
    assert.equal(signal.reason.message, 'Shutting down (SIGTERM)');
    assert.throws(() => signal.throwIfAborted(), { name: 'AbortError' });
  });

  it('is one process-wide registry, shared by every copy of the shim', (t) => {
    // The process-wide registry installs handlers that would end the test process: undo that.
    const before = Object.fromEntries(SIGNALS.map((s) => [s, process.listeners(s)]));
    t.after(() => {
      for (const s of SIGNALS) for (const l of process.listeners(s)) if (!before[s].includes(l)) process.off(s, l as () => void);
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-runtime-'));
    const copy = path.join(dir, 'stability-runtime.cjs');
    fs.writeFileSync(copy, RUNTIME_SOURCES.cjs);
    const other = require(copy) as { shutdownSignal(): AbortSignal; onShutdown: unknown };
    assert.notEqual(other.onShutdown, onShutdown);
    assert.equal(other.shutdownSignal(), shutdownSignal());
    assert.equal(process.listenerCount('SIGTERM'), before.SIGTERM.length + 1);
  });
});

describe('a real SIGTERM', { timeout: 10_000 }, () => {
  it('runs the hooks newest first and exits with 143', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-runtime-'));
    fs.writeFileSync(path.join(dir, 'stability-runtime.mjs'), RUNTIME_SOURCES.esm);
    fs.writeFileSync(path.join(dir, 'service.mjs'), [
      "import { onShutdown, shutdownSignal } from './stability-runtime.mjs';",
      "const keepAlive = setInterval(() => {}, 1000);",
      "onShutdown(() => clearInterval(keepAlive));",
      "onShutdown(async () => { await new Promise((r) => setTimeout(r, 10)); console.log('closed server, signal aborted:', shutdownSignal().aborted); });",
      "onShutdown(() => { throw new Error('pool.end failed'); });",
      "console.log('ready');",
    ].join('\n'));
    const child = spawn(process.execPath, [path.join(dir, 'service.mjs')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve) => child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('ready')) resolve();
    }));
    child.kill('SIGTERM');
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    assert.deepEqual({ code, signal }, { code: 143, signal: null });
    assert.equal(stdout, 'ready\nclosed server, signal aborted: true\n');
    assert.match(stderr, /^stability-runtime: shutdown hook failed: Error: pool\.end failed/);
  });
});
