// Which major versions of a library the linted file's package asks for, read from its
// package.json: library behaviour that changed between majors (redis's `quit()` became throwing
// in v4) is judged by the version the project actually installs.
import type { RuleContext } from '../../engine/types';

type PackageReader = Pick<RuleContext, 'packageDir' | 'packageJson'>;

const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'];

/**
 * The majors a package.json's ranges for `module` name (`"2.8.0"` → [2], `"^3.1.2 || ^4.0.0"` →
 * [3, 4], `">=2 <4"` → [2, 4]); undefined when the package does not declare it, or a range says
 * no version (`latest`, `*`, a URL, a tag).
 */
export function declaredMajors(ctx: PackageReader, module: string): number[] | undefined {
  const pkg = ctx.packageDir ? ctx.packageJson(ctx.packageDir) : undefined;
  if (!pkg) return undefined;
  const ranges = DEPENDENCY_FIELDS.flatMap((k) => {
    const deps = pkg[k];
    const range = deps && typeof deps === 'object' ? (deps as Record<string, unknown>)[module] : undefined;
    return typeof range === 'string' ? [range] : [];
  });
  if (!ranges.length) return undefined;
  const majors: number[] = [];
  for (const range of ranges) {
    const found = [...range.matchAll(/(?:^|[\s|^~=<>v])(\d+)(?:\.|\s|$)/g)].map((m) => Number(m[1]));
    if (!found.length) return undefined;
    majors.push(...found);
  }
  return majors;
}

/** Every version the package may install is below `major`. */
export function declaredBelow(ctx: PackageReader, module: string, major: number): boolean {
  const majors = declaredMajors(ctx, module);
  return majors !== undefined && majors.every((m) => m < major);
}
