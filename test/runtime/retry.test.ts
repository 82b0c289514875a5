// retry: exponential backoff with full jitter under a cap, the last error after `attempts`,
// and an abort that stops both the waiting and the calling.
import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { retry } from '../../runtime/stability-runtime';

// Lets the retry loop reach its next wait; setImmediate is not among the mocked timers.
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('retry', { timeout: 5000 }, () => {
  afterEach(() => mock.timers.reset());

  it('waits random * min(maxMs, baseMs * 2^(n-1)) between attempts', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const calls: number[] = [];
    const draws: number[] = [];
    const result = retry(async (attempt) => {
      calls.push(attempt);
      if (attempt < 5) throw new Error(`attempt ${attempt} failed`);
      return 'connected';
    }, { attempts: 5, baseMs: 100, maxMs: 300, random: () => (draws.push(0.5), 0.5) });
    // Caps 100, 200, 400 -> 300, 800 -> 300; half of each with random() = 0.5.
    for (const wait of [50, 100, 150, 150]) {
      await settle();
      const before = calls.length;
      mock.timers.tick(wait - 1);
      await settle();
      assert.equal(calls.length, before, `attempt ${before + 1} started before ${wait} ms`);
      mock.timers.tick(1);
      await settle();
      assert.equal(calls.length, before + 1, `attempt ${before + 1} did not start after ${wait} ms`);
    }
    assert.equal(await result, 'connected');
    assert.deepEqual(calls, [1, 2, 3, 4, 5]);
    assert.equal(draws.length, 4);
  });

  it('draws from Math.random by default: full jitter reaches from no wait up to the cap', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const draws = [0, 0.25];
    mock.method(Math, 'random', () => draws.shift() ?? 0.999);
    const calls: number[] = [];
    const result = retry(() => {
      calls.push(calls.length + 1);
      if (calls.length < 3) throw new Error('busy');
      return 'done';
    }, { attempts: 3, baseMs: 100 });
    await settle();
    mock.timers.tick(0);
    await settle();
    assert.deepEqual(calls, [1, 2], 'random() = 0: the second attempt follows with no time passing');
    mock.timers.tick(49);
    await settle();
    assert.deepEqual(calls, [1, 2]);
    mock.timers.tick(1); // 0.25 * 200
    assert.equal(await result, 'done');
    mock.restoreAll();
  });

  it('rethrows the last error after `attempts` calls', async () => {
    let calls = 0;
    await assert.rejects(
      retry(() => {
        calls++;
        throw new Error(`failure ${calls}`);
      }, { attempts: 3, baseMs: 1 }),
      { message: 'failure 3' },
    );
    assert.equal(calls, 3);
  });

  it('stops waiting at once on abort and rejects with the reason, calling no more', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const controller = new AbortController();
    let calls = 0;
    let outcome: unknown;
    retry(() => {
      calls++;
      throw new Error('refused');
    }, { attempts: 10, baseMs: 10_000, signal: controller.signal, random: () => 0.99 }).catch((e: unknown) => (outcome = e));
    await settle();
    const reason = new Error('shutting down');
    controller.abort(reason);
    await settle();
    assert.equal(outcome, reason);
    mock.timers.tick(60_000);
    await settle();
    assert.equal(calls, 1);
  });

  it('does not call at all with a signal aborted already', async () => {
    let calls = 0;
    const reason = new Error('aborted before');
    await assert.rejects(retry(() => calls++, { signal: AbortSignal.abort(reason) }), (e) => e === reason);
    assert.equal(calls, 0);
  });

  it('rethrows at once an error shouldRetry rejects', async () => {
    let calls = 0;
    const notFound = Object.assign(new Error('404'), { status: 404 });
    await assert.rejects(retry(() => {
      calls++;
      throw notFound;
    }, { attempts: 5, baseMs: 1, shouldRetry: (e) => (e as { status?: number }).status !== 404 }), (e) => e === notFound);
    assert.equal(calls, 1);
  });

  it('returns the first success without waiting', async () => {
    assert.equal(await retry(async (attempt) => `ok on ${attempt}`), 'ok on 1');
  });

  it('rejects attempts that are not a positive integer', async () => {
    await assert.rejects(retry(() => 1, { attempts: 0 }), { name: 'RangeError', message: 'retry: attempts must be a positive integer, got 0' });
  });
});
