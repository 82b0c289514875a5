// once: the body runs on the first call only; every caller, concurrent or later, gets the
// first call's outcome: the same promise (rejected or not), the same value or the same throw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { once } from '../../runtime/stability-runtime';

describe('once', () => {
  it('runs an async body once under concurrent calls and hands every caller the same promise', async () => {
    let runs = 0;
    const close = once(async () => {
      runs++;
      await sleep(5);
      return 'closed';
    });
    const calls = [close(), close(), close()];
    assert.equal(calls[1], calls[0]);
    assert.equal(calls[2], calls[0]);
    assert.deepEqual(await Promise.all(calls), ['closed', 'closed', 'closed']);
    assert.equal(close(), calls[0]);
    assert.equal(runs, 1);
  });

  it('gives later callers the first call\'s rejected promise instead of running again', async () => {
    let runs = 0;
    const error = new Error('end called on a broken pool');
    const end = once(async () => {
      runs++;
      await sleep(1);
      throw error;
    });
    const first = end();
    const concurrent = end();
    await assert.rejects(first, (e) => e === error);
    const later = end();
    assert.equal(concurrent, first);
    assert.equal(later, first);
    await assert.rejects(later, (e) => e === error);
    assert.equal(runs, 1);
  });

  it('throws the first synchronous error again on every later call without running again', () => {
    let runs = 0;
    const error = new Error('already closed');
    const stop = once((): void => {
      runs++;
      throw error;
    });
    assert.throws(() => stop(), (e) => e === error);
    assert.throws(() => stop(), (e) => e === error);
    assert.equal(runs, 1);
  });

  it('keeps the first call\'s arguments and result and passes `this`', () => {
    const server = {
      name: 'api',
      start: once(function (this: { name: string }, port: number) {
        return `${this.name}:${port}`;
      }),
    };
    assert.equal(server.start(3000), 'api:3000');
    assert.equal(server.start(4000), 'api:3000');
  });
});
