// Whether a file is its package's install script (`"install": "node installer/driverInstall.js"`):
// npm runs it once, inside `npm install`, which the user watches and which the spec gives no
// default kill. The builds and local tools it starts (node-gyp, msbuild, install_name_tool) are
// part of that install; a network download it makes still waits on a peer, and stays reported.
import * as path from 'node:path';
import type { RuleContext } from '../../engine/types';
import { entryModules } from '../missing-shutdown/entry-modules';

/** The lifecycle scripts npm runs while installing the package. */
const INSTALL_HOOKS = ['preinstall', 'install', 'postinstall'];

export function isInstallScript(ctx: Pick<RuleContext, 'packageDirOf' | 'packageJson'>, file: string): boolean {
  const packageDir = ctx.packageDirOf(path.dirname(file));
  if (!packageDir) return false;
  const pkg = ctx.packageJson(packageDir) as { scripts?: Record<string, unknown> } | undefined;
  const scripts = pkg?.scripts && typeof pkg.scripts === 'object' ? pkg.scripts : {};
  return INSTALL_HOOKS.some((hook) => typeof scripts[hook] === 'string' &&
    entryModules(packageDir, { scripts: { start: scripts[hook] as string } }).includes(file));
}
