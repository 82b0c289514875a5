// Bounded fix fuzz in `npm test` (`npm run fuzz -- fix` runs it longer): see fix-fuzz.ts.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_CORPUS, fuzzFixes } from './fix-fuzz';
import { seedFromEnv } from './random';

it('every fix and suggestion, alone and all together, keeps the code parsing, typed, in its module system and free of duplicate names; clears its finding; a second --fix changes nothing', { timeout: 600_000 }, async () => {
  const seed = seedFromEnv(2000);
  const iterations = Number(process.env.SL_FIX_FUZZ_ITERATIONS ?? 12);
  const out = await fuzzFixes({ seed, iterations, corpus: DEFAULT_CORPUS });
  assert.equal(out.iterations, iterations);
  assert.ok(out.fixesTried > 0, 'the programs drew no fix');
  assert.deepEqual(out.failures, [], `seed ${seed}: replay with SL_FUZZ_SEED=${seed}`);
});
