// limiter(n): never more than n running, first come first started, and a rejection (or a
// synchronous throw) frees its slot so the queue keeps draining.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { limiter } from '../../runtime/stability-runtime';

// A limiter that loses a slot hangs instead of failing: the timeout turns that into a failure.
describe('limiter', { timeout: 5000 }, () => {
  it('never runs more than n of a burst of 50, fills every slot, and resolves each in order', async () => {
    const limit = limiter(4);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => limit(async () => {
      started.push(i);
      running++;
      peak = Math.max(peak, running);
      assert.ok(limit.activeCount <= 4, `activeCount ${limit.activeCount} over the limit`);
      await sleep(i % 3); // uneven durations so slots free out of order
      running--;
      return i * 2;
    })));
    assert.equal(peak, 4);
    assert.deepEqual(started, Array.from({ length: 50 }, (_, i) => i));
    assert.deepEqual(results, Array.from({ length: 50 }, (_, i) => i * 2));
    assert.equal(limit.activeCount, 0);
    assert.equal(limit.pendingCount, 0);
  });

  it('keeps going after rejections and synchronous throws, freeing their slots', async () => {
    const limit = limiter(2);
    let running = 0;
    let peak = 0;
    const task = (i: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await sleep(1);
      running--;
      if (i % 2 === 0) throw new Error(`task ${i} failed`);
      return i;
    };
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, i) => limit(task(i))),
      limit(() => {
        throw new TypeError('sync throw');
      }),
      limit(() => 'after the failures'),
    ]);
    assert.equal(peak, 2);
    assert.deepEqual(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)), [
      'task 0 failed', 1, 'task 2 failed', 3, 'task 4 failed', 5, 'task 6 failed', 7, 'task 8 failed', 9,
      'sync throw', 'after the failures',
    ]);
    assert.equal(limit.activeCount, 0);
  });

  it('counts running and waiting functions', async () => {
    const limit = limiter(1);
    let release!: () => void;
    const first = limit(() => new Promise<void>((r) => (release = r)));
    const second = limit(() => 'second');
    await sleep(0);
    assert.deepEqual([limit.activeCount, limit.pendingCount], [1, 1]);
    release();
    await first;
    assert.equal(await second, 'second');
    assert.deepEqual([limit.activeCount, limit.pendingCount], [0, 0]);
  });

  it('rejects a concurrency that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity]) {
      assert.throws(() => limiter(bad), { name: 'RangeError', message: `limiter: concurrency must be a positive integer, got ${bad}` });
    }
  });
});
