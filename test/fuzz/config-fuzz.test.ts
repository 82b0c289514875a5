// Bounded config fuzz in `npm test` (`npm run fuzz` runs it longer): see config-fuzz.ts.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fuzzConfigs } from './config-fuzz';
import { seedFromEnv } from './random';

it('every mutated config loads or is refused with file:line:column, never a stack trace', { timeout: 120_000 }, async () => {
  const seed = seedFromEnv(1000);
  const { iterations, failures } = await fuzzConfigs({ seed, iterations: 300 });
  assert.equal(iterations, 300);
  assert.deepEqual(failures, [], `seed ${seed}: replay with SL_FUZZ_SEED=${seed}`);
});
