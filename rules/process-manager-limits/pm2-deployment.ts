// Whether a pm2 ecosystem file is how the package is deployed. Packages often carry one as a
// convenience beside the deployment they ship and document (a Dockerfile, a compose file, a
// Helm chart): when another deployment is there and nothing in the package runs pm2, the pm2
// file is not what production runs. File-system lookups go through the rule context; whether a
// Dockerfile or Procfile runs pm2 is a project fact that file's lint records.
import * as path from 'node:path';
import type { RuleContext, RuleFact } from '../../engine/types';

/** Files beside package.json that deploy a package some other way than pm2. */
const OTHER_DEPLOYMENTS = [
  'Dockerfile', 'Containerfile', 'Dockerfile.prod', 'Dockerfile.production',
  'docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml',
  'Procfile', 'app.yaml', 'app.yml', 'fly.toml', 'render.yaml',
  'helm/Chart.yaml', 'chart/Chart.yaml', 'charts/Chart.yaml',
];

/** A Dockerfile or Procfile that runs pm2 (`pm2-runtime`, `pm2 start ecosystem.config.js`). */
export const RUNS_PM2 = /\bpm2(-runtime|-docker)?\b|\becosystem\.config\b/i;

export type Pm2DeploymentFactKind = 'runs-pm2';

/** The fact a deployment file of the package in `packageDir` records when it runs pm2. */
export function runsPm2Fact(packageDir: string): RuleFact<Pm2DeploymentFactKind> {
  return { kind: 'runs-pm2', ref: packageDir };
}

/**
 * Whether the pm2 file being linted is the deployment: true, or the facts one of which must be
 * in the project for it to be (another deployment is there and package.json does not run pm2).
 */
export function pm2Deployment(ctx: Pick<RuleContext, 'file' | 'packageDir' | 'fileExists' | 'packageJson'>): true | RuleFact<Pm2DeploymentFactKind>[] {
  const dir = ctx.packageDir ?? path.dirname(ctx.file);
  if (!OTHER_DEPLOYMENTS.some((f) => ctx.fileExists(path.join(dir, f)))) return true;
  if (packageUsesPm2(ctx.packageJson(dir))) return true;
  return [runsPm2Fact(dir)];
}

/** package.json runs pm2 in a script or depends on it. */
function packageUsesPm2(pkg: Record<string, unknown> | undefined): boolean {
  if (!pkg) return false;
  const scripts = pkg.scripts && typeof pkg.scripts === 'object' ? Object.values(pkg.scripts as Record<string, unknown>) : [];
  if (scripts.some((s) => typeof s === 'string' && /\bpm2(-runtime|-docker)?\b/.test(s))) return true;
  return ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].some((k) => {
    const deps = pkg[k];
    return !!deps && typeof deps === 'object' && Object.hasOwn(deps, 'pm2');
  });
}
