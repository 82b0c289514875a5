// Whether a file a script runs can be the service: a benchmark, an example, a test, a tooling
// script or a file the package does not have is not. (Its `main`, `bin` and start targets are,
// and so is a second process beside them, such as a worker.)
import * as path from 'node:path';
import { SUPPORT_DIRS, TOOLING_DIRS } from '../../engine/files';
import type { RuleContext } from '../../engine/types';

export interface ServiceTargets {
  /** True when `target` (as a script names it, relative to the package) is a file the service runs. */
  isService(target: string): boolean;
}

const EXTENSIONS = ['.js', '.ts', '.mjs', '.mts', '.cjs', '.cts', '.jsx', '.tsx'];

/** Files are looked up through the rule context, so a file created or deleted later re-lints the script. */
export function serviceTargets(ctx: Pick<RuleContext, 'fileExists'>, packageDir: string): ServiceTargets {
  return {
    isService(target: string): boolean {
      const file = existingFile(ctx, path.resolve(packageDir, target));
      if (!file) return false;
      const folders = path.relative(packageDir, path.dirname(file)).split(path.sep);
      return !folders.some((f) => SUPPORT_DIRS.has(f) || TOOLING_DIRS.has(f));
    },
  };
}

/** The file node would load for `target`: itself, with an extension, or its folder's index. */
function existingFile(ctx: Pick<RuleContext, 'fileExists'>, target: string): string | undefined {
  const candidates = [target, ...EXTENSIONS.map((e) => target + e), ...EXTENSIONS.map((e) => path.join(target, 'index' + e))];
  return candidates.find((f) => ctx.fileExists(f));
}
