import { execFileSync } from 'node:child_process';

export const CLI_TIMEOUT = 5000;

const cache = new Map<string, { value: string | null; at: number }>();
const CACHE_TTL_MS = 2000;

/** Runs a git command, caching its output for a couple of seconds per cwd and arguments. */
export function runGitCached(args: string[], cwd?: string): string | null {
  const key = `${cwd ?? ''}\0${args.join(' ')}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.value;

  let value: string | null;
  try {
    value = execFileSync('git', args, {
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
      windowsHide: true,
      timeout: CLI_TIMEOUT,
      ...(cwd ? { cwd } : {}),
    }).trim();
  } catch {
    value = null;
  }
  cache.set(key, { value, at: Date.now() });
  return value;
}

export function currentBranch(cwd?: string): string | null {
  return runGitCached(['rev-parse', '--abbrev-ref', 'HEAD'], cwd);
}

export function ghAuthStatus(host: string): boolean {
  try {
    execFileSync('gh', ['auth', 'status', '--hostname', host], { stdio: 'ignore', timeout: CLI_TIMEOUT, windowsHide: true });
    return true;
  } catch {
    return false;
  }
}
