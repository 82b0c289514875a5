// `npm run fuzz`: the fuzzers and the soak, longer than `npm test` runs them.
//
//   npm run fuzz -- [config|lsp|soak|fix ...] [--iterations N] [--seconds S] [--seed N]
//
// With no names, runs all four. The fix fuzzer also reads the ecosystem corpus (SL_FIX_CORPUS,
// default ecosystem/.cache/projects, filled by `npm run ecosystem`) when it is there. Each prints its iterations and failures; every failure names the
// seed that replays it (SL_FUZZ_SEED=<seed> npm test, or --seed here). Exits 1 on any failure.
import { fuzzConfigs } from '../test/fuzz/config-fuzz';
import { DEFAULT_CORPUS, fuzzFixes } from '../test/fuzz/fix-fuzz';
import { fuzzLanguageServer } from '../test/fuzz/lsp-fuzz';
import { soakLanguageServer } from '../test/fuzz/soak';
import type { FuzzBounds, FuzzOutcome } from '../test/fuzz/random';

const args = process.argv.slice(2);
const option = (name: string): number | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const names = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const chosen = names.length ? names : ['config', 'lsp', 'soak', 'fix'];
const seed = option('--seed') ?? Date.now() % 1_000_000;
const seconds = option('--seconds');

const fuzzers: Record<string, { iterations: number; run: (b: FuzzBounds) => Promise<FuzzOutcome & { note?: string }> }> = {
  config: { iterations: 20_000, run: fuzzConfigs },
  lsp: { iterations: 2_000, run: fuzzLanguageServer },
  soak: { iterations: 10_000, run: soakLanguageServer },
  fix: { iterations: 300, run: (b) => fuzzFixes({ ...b, corpus: DEFAULT_CORPUS }) },
};

async function main(): Promise<number> {
let failed = 0;
for (const name of chosen) {
  const f = fuzzers[name];
  if (!f) {
    console.error(`unknown fuzzer "${name}" (config, lsp, soak, fix)`);
    return 2;
  }
  const started = Date.now();
  const bounds: FuzzBounds = { seed, iterations: option('--iterations') ?? (seconds ? Number.MAX_SAFE_INTEGER : f.iterations), seconds, log: (l) => console.log(l) };
  console.log(`fuzz ${name}: seed ${seed}${seconds ? `, up to ${seconds} s` : ''}, up to ${bounds.iterations === Number.MAX_SAFE_INTEGER ? '∞' : bounds.iterations} iterations`);
  const out = await f.run(bounds);
  failed += out.failures.length;
  for (const f of out.failures) console.log(`  FAIL ${f}`);
  console.log(`fuzz ${name}: ${out.iterations} iterations, ${out.failures.length} failures, ${((Date.now() - started) / 1000).toFixed(1)} s${out.note ? `; ${out.note}` : ''}`);
}
return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(2);
});
