// Installs each project's own tarball, nothing else (no dependency tree: the linter reads the
// project's code, it never runs it), into the git-ignored cache:
//   ecosystem/.cache/projects/<name>@<version>/package/   the extracted tarball, linted as is
//   ecosystem/.cache/projects/<name>@<version>/integrity  the sha512 it was verified against
// The tarball comes through `npm pack` (the npm client and its cache, so the registry and proxy
// configuration in force apply) and must match the integrity recorded in projects.lock.json.
// A project whose stamp matches the lock is not touched again: a cached run does no network work.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { mapWithConcurrency } from './pool';
import { ECOSYSTEM_DIR, EcosystemError, type Lock, lockedEntry, type Project, projectDirName } from './projects';

const execFileAsync = promisify(execFile);
// Bounds on the processes the install runs: generous for a slow registry, but a hang ends.
const NPM_PACK_MS = 5 * 60_000;
const LOCAL_COMMAND_MS = 2 * 60_000;

export const CACHE_DIR = path.join(ECOSYSTEM_DIR, '.cache');
const PROJECTS_CACHE = path.join(CACHE_DIR, 'projects');
// A config with `root: true` above every extracted package: the linter's upward search for
// configuration stops there, so nothing from this repository (or above it) changes the defaults
// the projects are linted with. Each project's own package.json settings still apply.
const ROOT_CONFIG = path.join(CACHE_DIR, 'stability-lint.config.json');

/** The extracted package: the folder the linter runs in. */
export function packageRoot(project: Pick<Project, 'name' | 'version'>): string {
  return path.join(PROJECTS_CACHE, projectDirName(project), 'package');
}

export interface InstallOutcome {
  project: Project;
  /** False when the cache already held the verified tarball's files. */
  fetched: boolean;
}

export async function installProjects(
  projects: Project[],
  lock: Lock,
  { concurrency = 4, log = (_: string) => {} }: { concurrency?: number; log?: (line: string) => void } = {},
): Promise<InstallOutcome[]> {
  fs.mkdirSync(PROJECTS_CACHE, { recursive: true });
  fs.writeFileSync(ROOT_CONFIG, '{ "root": true }\n');
  // Resolve every lock entry first: a missing one stops the run before any download starts.
  const jobs = projects.map((project) => ({ project, entry: lockedEntry(lock, project) }));
  // A few downloads at once: the registry round trips, not the CPU, are the cold run's cost.
  return mapWithConcurrency(jobs, concurrency, async ({ project, entry }) => ({ project, fetched: await installOne(project, entry.integrity, log) }));
}

async function installOne(project: Project, integrity: string, log: (line: string) => void): Promise<boolean> {
  const dir = path.join(PROJECTS_CACHE, projectDirName(project));
  const stamp = path.join(dir, 'integrity');
  if (readText(stamp) === integrity && fs.existsSync(path.join(dir, 'package', 'package.json'))) return false;

  const spec = `${project.name}@${project.version}`;
  log(`install: npm pack ${spec}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const download = path.join(dir, 'download');
  const extract = path.join(dir, 'extract');
  fs.mkdirSync(download, { recursive: true });
  fs.mkdirSync(extract, { recursive: true });

  let packed: { filename: string }[];
  try {
    const { stdout } = await execFileAsync(
      'npm',
      ['pack', spec, '--pack-destination', download, '--json', '--ignore-scripts', '--prefer-offline', '--loglevel=error'],
      { maxBuffer: 64 * 1024 * 1024, timeout: NPM_PACK_MS },
    );
    packed = JSON.parse(stdout);
  } catch (error) {
    throw new EcosystemError(`npm pack ${spec} failed: ${String((error as { stderr?: string }).stderr ?? error).trim().split('\n')[0]}`);
  }
  const tarball = path.join(download, packed[0].filename);
  const actual = sriSha512(tarball);
  if (actual !== integrity) {
    throw new EcosystemError(`${spec}: the tarball's sha512 is ${actual}, the lock says ${integrity}. Refusing it; if the pin was changed on purpose, run \`npm run ecosystem -- --lock\`.`);
  }

  await execFileAsync('tar', ['-xzf', tarball, '-C', extract], { timeout: LOCAL_COMMAND_MS });
  // npm tarballs hold one top folder, almost always `package/`, but old ones use other names.
  const tops = fs.readdirSync(extract);
  if (tops.length !== 1 || !fs.statSync(path.join(extract, tops[0])).isDirectory()) {
    throw new EcosystemError(`${spec}: the tarball has no single top folder (${tops.join(', ')})`);
  }
  const root = path.join(dir, 'package');
  fs.renameSync(path.join(extract, tops[0]), root);
  // Some tarballs record folders without the owner's execute bit, which would hide their files.
  execFileSync('chmod', ['-R', 'u+rwX', root], { timeout: LOCAL_COMMAND_MS });
  // The linter honours .gitignore files up to the repository root, and this repository ignores
  // ecosystem/.cache: a repository of its own makes each package its own root, as a checkout is.
  execFileSync('git', ['init', '-q', root], { timeout: LOCAL_COMMAND_MS });
  fs.rmSync(download, { recursive: true, force: true });
  fs.rmSync(extract, { recursive: true, force: true });
  fs.writeFileSync(stamp, integrity);
  return true;
}

/** Cached packages no project pins any more (after a version bump or a removal). */
export function removeUnpinned(projects: Project[]): string[] {
  if (!fs.existsSync(PROJECTS_CACHE)) return [];
  const pinned = new Set(projects.map(projectDirName));
  const removed = fs.readdirSync(PROJECTS_CACHE).filter((name) => !pinned.has(name));
  for (const name of removed) fs.rmSync(path.join(PROJECTS_CACHE, name), { recursive: true, force: true });
  return removed;
}

/** Subresource-integrity form of a file's sha512, as npm and the registry write it. */
export function sriSha512(file: string): string {
  return `sha512-${createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
