// Whether a file is a maintainer's program in a tooling folder (`scripts/`, `tools/`, `extra/`):
// such folders are not linted unless the package runs code from them in production (a `bin` in
// `extra/`, `"start": "node scripts/server.js"`), and then every program beside that entry is
// linted too — release, setup and dev scripts a maintainer runs by hand and watches. A file there
// that is neither an entry of the package nor loaded by another module is one of those.
import * as path from 'node:path';
import { TOOLING_DIRS } from '../../engine/files';
import type { RuleContext } from '../../engine/types';
import { entryModules } from '../missing-shutdown/entry-modules';

/** The file-system lookups these helpers make, through the rule context (recorded with the result). */
type FileLookups = Pick<RuleContext, 'packageDirOf' | 'packageJson' | 'fileExists'>;

/**
 * 'entry': the package runs it (`main`, `bin`, a start script's target); 'tooling': it sits in a
 * tooling folder and is no entry, so it is a program run by hand unless some module loads it or
 * an image runs it (the caller settles that with project facts); 'product': anything else.
 */
export function toolingRole(ctx: FileLookups, file: string): 'entry' | 'tooling' | 'product' {
  const packageDir = ctx.packageDirOf(path.dirname(file));
  if (!packageDir) return 'product';
  const folders = path.relative(packageDir, path.dirname(file)).split(path.sep);
  if (!folders.some((f) => TOOLING_DIRS.has(f))) return 'product';
  const pkg = ctx.packageJson(packageDir) as { main?: unknown; bin?: unknown; scripts?: Record<string, string> } | undefined;
  if (!pkg) return 'product';
  const scripts = pkg.scripts && typeof pkg.scripts === 'object' ? pkg.scripts : {};
  if (entryModules(packageDir, { ...pkg, scripts }).includes(file)) return 'entry';
  // Other processes production runs by name (`worker`, `server`, `start:api`): their targets are entries too.
  for (const name of Object.keys(scripts).filter((n) => RUNTIME_SCRIPT.test(n))) {
    if (entryModules(packageDir, { scripts: { ...scripts, start: scripts[name] } }).includes(file)) return 'entry';
  }
  return 'tooling';
}

/** Script names of processes a deployment runs, beyond `start`: not `start-pr-test`, `start:dev`. */
const RUNTIME_SCRIPT = /^(start|serve|server|worker|prod|production)(:(?!dev|watch|test|debug)[\w:-]+)?$|:prod(uction)?$/;

/**
 * The project file a path inside an image names (`/app/bin/healthcheck.js`, `bin/hc.js`): the
 * longest tail of it that exists below the Dockerfile's folder, the usual build context.
 */
export function projectFileOfImagePath(ctx: FileLookups, contextDir: string, imagePath: string): string | undefined {
  if (!/\.[cm]?[jt]s$/.test(imagePath)) return undefined;
  const parts = imagePath.split('/').filter((p) => p && p !== '.');
  for (let k = 0; k < parts.length; k++) {
    const candidate = path.join(contextDir, ...parts.slice(k));
    if (!path.relative(contextDir, candidate).startsWith('..') && ctx.fileExists(candidate)) return candidate;
  }
  return undefined;
}
