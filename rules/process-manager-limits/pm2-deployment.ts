// Whether a pm2 ecosystem file is how the package is deployed. Packages often carry one as a
// convenience beside the deployment they ship and document (a Dockerfile, a compose file, a
// Helm chart): when nothing in the package runs pm2 or mentions it, and another deployment is
// there, the pm2 file is not what production runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageDirOf } from '../shared/package-dir';

/** Files and folders that deploy a package some other way than pm2. */
const OTHER_DEPLOYMENTS = /^(Dockerfile(\..+)?|.+\.Dockerfile|(docker-)?compose(\..+)?\.ya?ml|Procfile|app\.ya?ml|fly\.toml|render\.yaml|k8s|kubernetes|helm|charts?|deploy)$/i;
/** Where a package says how it runs. */
const DESCRIBES_RUNNING = /^(README|INSTALL|DEPLOY(MENT)?)(\..+)?$|^(Dockerfile(\..+)?|.+\.Dockerfile|Procfile|(docker-)?compose(\..+)?\.ya?ml)$/i;

export function isPm2Deployment(pm2File: string): boolean {
  const dir = packageDirOf(path.dirname(pm2File)) ?? path.dirname(pm2File);
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return true;
  }
  if (!entries.some((e) => OTHER_DEPLOYMENTS.test(e))) return true;
  if (packageUsesPm2(dir)) return true;
  const mention = new RegExp(`\\bpm2\\b|${escape(path.basename(pm2File))}`, 'i');
  return entries.filter((e) => DESCRIBES_RUNNING.test(e)).some((e) => {
    try {
      return mention.test(fs.readFileSync(path.join(dir, e), 'utf8'));
    } catch {
      return false;
    }
  });
}

/** package.json runs pm2 in a script or depends on it. */
function packageUsesPm2(dir: string): boolean {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    return false;
  }
  if (!pkg || typeof pkg !== 'object') return false;
  const scripts = pkg.scripts && typeof pkg.scripts === 'object' ? Object.values(pkg.scripts as Record<string, unknown>) : [];
  if (scripts.some((s) => typeof s === 'string' && /\bpm2(-runtime|-docker)?\b/.test(s))) return true;
  return ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].some((k) => {
    const deps = pkg[k];
    return !!deps && typeof deps === 'object' && Object.hasOwn(deps, 'pm2');
  });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
