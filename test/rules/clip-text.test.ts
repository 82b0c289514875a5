// How code quoted in a message's first line is cut: never in the middle of a name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clipText } from '../../rules/shared/clip-text';

describe('clipText', () => {
  it('leaves text that fits alone', () => {
    assert.equal(clipText('this.poll', 20), 'this.poll');
  });
  it("keeps a member chain's head and last names", () => {
    assert.equal(clipText('this.actionEmitter.emitAction', 20), 'this.….emitAction');
    assert.equal(clipText('this.client.actionEmitter.emitAction', 32), 'this.….actionEmitter.emitAction');
  });
  it('shows only the last name when the head does not fit beside it', () => {
    assert.equal(clipText('services.extensionsManager.reloadExtensionsNow', 24), '….reloadExtensionsNow');
  });
  it('ends other text before the token that overflows', () => {
    assert.equal(clipText('Array.from(extensions.values())', 20), 'Array.from(…');
    assert.equal(clipText('Object.keys(flushers)', 20), 'Object.keys(…');
  });
  it('cuts a single long name where it must', () => {
    assert.equal(clipText('averyveryveryverylongidentifiername', 12), 'averyveryve…');
  });
});
