// A package's package.json as discovery reads it: parsed once per question, nothing thrown.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The package.json object in `dir`, or undefined when there is none or it is not an object. */
export function readPackageJson(dir: string): Record<string, unknown> | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    return pkg && typeof pkg === 'object' && !Array.isArray(pkg) ? pkg : undefined;
  } catch {
    return undefined;
  }
}

/** The files the package runs as its program: `main` and every `bin` (a string or a map of them). */
export function runtimeEntries(pkg: Record<string, unknown>): unknown[] {
  return [pkg.main, ...(typeof pkg.bin === 'object' && pkg.bin ? Object.values(pkg.bin) : [pkg.bin])];
}
