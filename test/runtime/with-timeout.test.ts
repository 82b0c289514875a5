// withTimeout: settles like the promise, or rejects with a TimeoutError or the abort reason;
// in every case its timer and abort listener are gone afterwards.
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { afterEach, describe, it, mock } from 'node:test';
import { withTimeout } from '../../runtime/stability-runtime';

const pendingTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const never = () => new Promise<never>(() => {});

describe('withTimeout', () => {
  afterEach(() => mock.timers.reset());

  it('resolves with the value in time and clears its timer', async () => {
    const before = pendingTimers();
    const pending = withTimeout(Promise.resolve('value'), 60_000);
    assert.equal(pendingTimers(), before + 1);
    assert.equal(await pending, 'value');
    assert.equal(pendingTimers(), before);
  });

  it('passes the promise\'s own rejection through and clears its timer', async () => {
    const before = pendingTimers();
    const error = new Error('peer reset');
    await assert.rejects(withTimeout(Promise.reject(error), 60_000), (e) => e === error);
    assert.equal(pendingTimers(), before);
  });

  it('rejects with a TimeoutError after ms, not before', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    let outcome: unknown;
    withTimeout(never(), 500).catch((e: unknown) => (outcome = e));
    mock.timers.tick(499);
    await Promise.resolve();
    assert.equal(outcome, undefined);
    mock.timers.tick(1);
    await Promise.resolve();
    // The cast undoes the narrowing by the assertion above: the callback has assigned it since.
    const error = outcome as unknown;
    assert.ok(error instanceof DOMException);
    assert.equal(error.name, 'TimeoutError');
    assert.equal(error.message, 'Timed out after 500 ms');
  });

  it('rejects with the signal\'s reason on abort, removing its timer and listener', async () => {
    const before = pendingTimers();
    const controller = new AbortController();
    const pending = withTimeout(never(), 60_000, { signal: controller.signal });
    assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
    const reason = new Error('client went away');
    controller.abort(reason);
    await assert.rejects(pending, (e) => e === reason);
    assert.equal(pendingTimers(), before);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  it('rejects at once with the reason of a signal aborted already, starting no timer', async () => {
    const before = pendingTimers();
    const reason = new Error('aborted earlier');
    const pending = withTimeout(never(), 60_000, { signal: AbortSignal.abort(reason) });
    assert.equal(pendingTimers(), before);
    await assert.rejects(pending, (e) => e === reason);
  });

  it('leaves no abort listener behind when the promise settles first', async () => {
    const controller = new AbortController();
    assert.equal(await withTimeout(Promise.resolve(1), 60_000, { signal: controller.signal }), 1);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });
});
