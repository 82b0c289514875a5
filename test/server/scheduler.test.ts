// The scheduler tells the language server when lint runs are waiting or running, and when the
// last one is done: meanwhile the results of the workspace pass wait, so an edit is not queued
// behind them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Scheduler } from '../../server/scheduler';

describe('Scheduler busy notices', () => {
  it('tells when runs start waiting and when the last one has finished, async runs included', async () => {
    const notices: boolean[] = [];
    const scheduler = new Scheduler(() => {}, (busy) => notices.push(busy));
    let finish!: () => void;
    const ran = new Promise<void>((resolve) => (finish = resolve));
    scheduler.schedule('a', 0, async () => {
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(notices, [true], 'still busy while a run awaits');
      finish();
    });
    scheduler.schedule('b', 0, () => {});
    assert.deepEqual(notices, [true]);
    await ran;
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(notices, [true, false]);
    scheduler.dispose();
  });

  it('a run cancelled or replaced before it starts, or one that throws, ends the busy spell too', async () => {
    const notices: boolean[] = [];
    const errors: string[] = [];
    let failed!: () => void;
    const errored = new Promise<void>((resolve) => (failed = resolve));
    const scheduler = new Scheduler((key) => {
      errors.push(key);
      failed();
    }, (busy) => notices.push(busy));
    scheduler.schedule('c', 1000, () => {});
    scheduler.cancel('c');
    assert.deepEqual(notices, [true, false]);
    scheduler.schedule('d', 1000, () => {});
    scheduler.schedule('d', 0, () => {
      throw new Error('boom');
    });
    assert.deepEqual(notices, [true, false, true], 'replacing a waiting run is no new spell');
    await errored;
    assert.deepEqual(notices, [true, false, true, false]);
    assert.deepEqual(errors, ['d']);
    scheduler.dispose();
  });
});
