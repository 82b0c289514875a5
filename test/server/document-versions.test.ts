// DocumentVersions: when an open document's findings are current, and waiting for them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentVersions } from '../../server/document-versions';

const URI = 'file:///p/a.ts';

function setup() {
  const open = new Map<string, number>([[URI, 1]]);
  const versions = new DocumentVersions((uri) => open.get(uri));
  return { open, versions };
}

/** Whether the promise has settled after the queued callbacks ran. */
async function settled(p: Promise<void>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('DocumentVersions', () => {
  it('is current once the lint of the current version finishes, and carries that version', () => {
    const { versions } = setup();
    assert.equal(versions.isCurrent(URI), false);
    assert.equal(versions.resultVersionOf(URI), null);
    versions.recorded(URI, 1);
    assert.equal(versions.resultVersionOf(URI), 1);
    assert.equal(versions.isCurrent(URI), false, 'recorded is not yet finished');
    versions.finished(URI, 1);
    assert.equal(versions.isCurrent(URI), true);
  });

  it('a lint that finishes after a newer edit arrived is not current', async () => {
    const { open, versions } = setup();
    const waiting = versions.whenCurrent(URI);
    open.set(URI, 2);
    versions.recorded(URI, 1);
    versions.finished(URI, 1);
    assert.equal(versions.isCurrent(URI), false);
    assert.equal(await settled(waiting), false, 'a waiter must not get version 1 findings for version 2');
    versions.recorded(URI, 2);
    versions.finished(URI, 2);
    assert.equal(await settled(waiting), true);
    assert.equal(versions.resultVersionOf(URI), 2);
  });

  it('invalidate makes waiters wait for the coming re-lint', async () => {
    const { versions } = setup();
    versions.finished(URI, 1);
    versions.invalidate(URI);
    assert.equal(versions.isCurrent(URI), false);
    const waiting = versions.whenCurrent(URI);
    assert.equal(await settled(waiting), false);
    versions.finished(URI, 1);
    assert.equal(await settled(waiting), true);
  });

  it('a closed document answers at once, forgets its versions and releases its waiters', async () => {
    const { open, versions } = setup();
    versions.recorded(URI, 1);
    const waiting = versions.whenCurrent(URI);
    open.delete(URI);
    versions.closed(URI);
    assert.equal(await settled(waiting), true);
    assert.equal(versions.resultVersionOf(URI), null);
    assert.equal(await settled(versions.whenCurrent('file:///p/never-opened.ts')), true);
    open.set(URI, 1);
    assert.equal(versions.resultVersionOf(URI), null, 'reopened: the old result version is gone');
  });

  it('stop releases every waiter', async () => {
    const { versions } = setup();
    const waiting = versions.whenCurrent(URI);
    versions.stop();
    assert.equal(await settled(waiting), true);
    assert.equal(await settled(versions.whenCurrent(URI)), true);
  });
});
