// A question about a whole file, answered once per parsed file: several rules ask it of the
// same tree ("is this browser code", "is this a short-lived program").
import { ts } from 'ts-morph';

/** `decide`, remembered per source file (a new parse is a new answer). */
export function perSourceFile<T>(decide: (sf: ts.SourceFile) => T): (sf: ts.SourceFile) => T {
  const cache = new WeakMap<ts.SourceFile, T>();
  return (sf) => {
    if (cache.has(sf)) return cache.get(sf)!;
    const known = decide(sf);
    cache.set(sf, known);
    return known;
  };
}
