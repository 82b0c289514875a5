// The corpus (projects.json) and its lock (projects.lock.json): reading and validating them.
// A mistake in either stops the check with a message naming the file, never a stack trace.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ECOSYSTEM_DIR = __dirname;
export const PROJECTS_FILE = path.join(ECOSYSTEM_DIR, 'projects.json');
export const LOCK_FILE = path.join(ECOSYSTEM_DIR, 'projects.lock.json');

export const KINDS = ['service', 'worker', 'cli', 'library'] as const;
export const LANGUAGES = ['ts', 'js'] as const;

export interface Project {
  name: string;
  /** Exact: pinned versions keep line:column of every finding stable. */
  version: string;
  kind: (typeof KINDS)[number];
  language: (typeof LANGUAGES)[number];
  why: string;
  /** What to lint, relative to the package root; default: the whole package, as its maintainer would. */
  paths?: string[];
  pathsWhy?: string;
}

export interface LockEntry {
  name: string;
  version: string;
  /** The tarball the registry served when the lock was written (for the record, as package-lock's `resolved`). */
  resolved: string;
  /** sha512 SRI of that tarball: the install refuses any other bytes. */
  integrity: string;
}

export interface Lock {
  $comment?: string;
  lockfileVersion: 1;
  packages: Record<string, LockEntry>;
}

/** A problem with the corpus files or the environment: printed as is, exit 2. */
export class EcosystemError extends Error {
  override name = 'EcosystemError';
}

const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

export function loadProjects(file = PROJECTS_FILE): Project[] {
  const data = readJson(file) as { projects?: unknown };
  if (!Array.isArray(data.projects)) throw new EcosystemError(`${file}: "projects" must be an array`);
  const seen = new Set<string>();
  return data.projects.map((p: Partial<Project>, i) => {
    const where = `${file}: projects[${i}]${p.name ? ` (${p.name})` : ''}`;
    if (typeof p.name !== 'string' || !p.name) throw new EcosystemError(`${where}: "name" is required`);
    if (seen.has(p.name)) throw new EcosystemError(`${where}: listed twice`);
    seen.add(p.name);
    if (typeof p.version !== 'string' || !EXACT_VERSION.test(p.version)) {
      throw new EcosystemError(`${where}: "version" must be an exact version (got ${JSON.stringify(p.version)})`);
    }
    if (!KINDS.includes(p.kind as Project['kind'])) throw new EcosystemError(`${where}: "kind" must be one of ${KINDS.join(', ')}`);
    if (!LANGUAGES.includes(p.language as Project['language'])) throw new EcosystemError(`${where}: "language" must be one of ${LANGUAGES.join(', ')}`);
    if (typeof p.why !== 'string' || !p.why) throw new EcosystemError(`${where}: "why" is required`);
    if (p.paths !== undefined && (!Array.isArray(p.paths) || !p.paths.length || p.paths.some((x) => typeof x !== 'string'))) {
      throw new EcosystemError(`${where}: "paths" must be a non-empty array of paths`);
    }
    return p as Project;
  });
}

export function loadLock(file = LOCK_FILE): Lock {
  if (!fs.existsSync(file)) return { lockfileVersion: 1, packages: {} };
  const lock = readJson(file) as Lock;
  if (lock.lockfileVersion !== 1 || typeof lock.packages !== 'object') throw new EcosystemError(`${file}: not a lock this script writes (lockfileVersion 1)`);
  return lock;
}

/** The lock entry for a project, or an error saying how to make one. */
export function lockedEntry(lock: Lock, project: Project): LockEntry {
  const entry = lock.packages[project.name];
  if (!entry || entry.version !== project.version) {
    throw new EcosystemError(
      `${project.name}@${project.version} is not in ${path.basename(LOCK_FILE)}${entry ? ` (it locks ${entry.version})` : ''}: run \`npm run ecosystem -- --lock\``,
    );
  }
  return entry;
}

/** Folder-safe form of a package spec: `@y/websocket-server@0.1.5` → `@y+websocket-server@0.1.5`. */
export function projectDirName(project: Pick<Project, 'name' | 'version'>): string {
  return `${project.name.replace('/', '+')}@${project.version}`;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new EcosystemError(`${file}: ${(error as Error).message}`);
  }
}
