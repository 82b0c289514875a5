// Bounded language-server fuzz and soak in `npm test` (`npm run fuzz` runs them longer).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fuzzLanguageServer } from './lsp-fuzz';
import { seedFromEnv } from './random';
import { soakLanguageServer } from './soak';

it('the server answers every request, never exits, and converges to a fresh lint', { timeout: 300_000 }, async () => {
  const seed = seedFromEnv(7);
  const { iterations, failures } = await fuzzLanguageServer({ seed, iterations: 200, checkEvery: 100 });
  assert.deepEqual(failures, [], `replay with SL_FUZZ_SEED=${seed}`);
  assert.equal(iterations, 200);
});

it('soak: the heap stays flat over 1,500 edits after a warm-up of 500', { timeout: 300_000 }, async () => {
  const seed = seedFromEnv(11);
  const { iterations, failures, note } = await soakLanguageServer({ seed, iterations: 1500, warmup: 500, samples: 5 });
  assert.deepEqual(failures, [], `${note}; replay with SL_FUZZ_SEED=${seed}`);
  assert.equal(iterations, 1500);
});
