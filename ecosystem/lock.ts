// `npm run ecosystem -- --lock`: records, for each project of projects.json, the tarball the
// registry serves for that exact version and its sha512 (a lockfile in spirit: the install then
// accepts only those bytes). Entries already locked at the pinned version are kept without asking
// the registry, so re-locking after one version bump asks about that one package only.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { compareText } from './order';
import { EcosystemError, LOCK_FILE, type Lock, type LockEntry, type Project } from './projects';

export interface LockChanges {
  added: string[];
  kept: string[];
  removed: string[];
}

export function writeLock(projects: Project[], previous: Lock, log: (line: string) => void): LockChanges {
  const changes: LockChanges = { added: [], kept: [], removed: [] };
  const packages: Record<string, LockEntry> = {};
  for (const project of [...projects].sort((a, b) => compareText(a.name, b.name))) {
    const old = previous.packages[project.name];
    if (old && old.version === project.version) {
      packages[project.name] = old;
      changes.kept.push(project.name);
      continue;
    }
    log(`lock: npm view ${project.name}@${project.version}`);
    packages[project.name] = registryEntry(project);
    changes.added.push(`${project.name}@${project.version}`);
  }
  changes.removed = Object.keys(previous.packages).filter((name) => !packages[name]);
  const lock: Lock = {
    $comment: 'Written by `npm run ecosystem -- --lock` from projects.json: the tarball of each pinned version and its sha512. The install refuses a tarball with other bytes. Do not edit by hand.',
    lockfileVersion: 1,
    packages,
  };
  fs.writeFileSync(LOCK_FILE, `${JSON.stringify(lock, null, 2)}\n`);
  return changes;
}

function registryEntry(project: Project): LockEntry {
  const spec = `${project.name}@${project.version}`;
  let out: string;
  try {
    out = execFileSync('npm', ['view', spec, 'name', 'version', 'dist.tarball', 'dist.integrity', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 2 * 60_000 });
  } catch (error) {
    throw new EcosystemError(`npm view ${spec} failed: ${String((error as { stderr?: string }).stderr ?? error).trim().split('\n')[0]}`);
  }
  const view = JSON.parse(out) as Record<string, string | undefined>;
  const resolved = view['dist.tarball'];
  const integrity = view['dist.integrity'];
  if (view.version !== project.version || !resolved) throw new EcosystemError(`npm view ${spec}: the registry has no such version`);
  // sha1 alone (packages from before 2017) is too weak to pin bytes by.
  if (!integrity?.startsWith('sha512-')) throw new EcosystemError(`npm view ${spec}: the registry records no sha512 integrity`);
  return { name: project.name, version: project.version, resolved, integrity };
}
