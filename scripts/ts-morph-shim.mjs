// Bundled in place of `ts-morph`: esbuild turns `import { ts } from 'ts-morph'` (a CommonJS
// package) into a property getter call on every `ts.X` use in every rule; re-exporting `ts`
// as a module-level constant lets the bundle reference it directly (~10% of lint CPU).
import * as morph from 'ts-morph-original';
export const ts = morph.ts;
export * from 'ts-morph-original';
