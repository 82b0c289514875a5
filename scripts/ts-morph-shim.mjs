// Bundled in place of `import … from 'ts-morph'`: the rules and the engine use only its `ts`, the
// TypeScript compiler ts-morph ships (@ts-morph/common/dist/typescript.js, the same object
// ts-morph's `ts` reads through). Taken from that module directly, as a module-level constant:
// esbuild would otherwise turn each `ts.X` into a property getter call (~10% of lint CPU), and
// start-up would run ts-morph and its dependencies (globbing, a code writer) for nothing.
// ts-morph itself is bundled for `require('ts-morph')` (engine/type-queries.ts), loaded on that call.
export const ts = require('ts-morph-typescript');
