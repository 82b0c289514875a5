// Shared by the e2e runners: where setup.sh put the tools, bounded child processes that are
// always killed (whole process group), free ports, and the summary line.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const cacheDir = process.env.STABILITY_LINT_E2E_CACHE
  ?? path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'stability-lint-e2e');

/** The tool paths setup.sh wrote; fails with a pointer to setup.sh when it has not run. */
export function tools() {
  const file = path.join(cacheDir, 'env.json');
  if (!fs.existsSync(file)) throw new Error(`${file} not found: run test/e2e/setup.sh first`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// Process groups started here and not yet killed: if the runner itself is stopped (Ctrl+C, a CI
// timeout), they go with it instead of waiting hours for an editor to reconnect.
const liveGroups = new Set();
/** Temp folders the suites remove in `finally`; removed here too when the runner is stopped. */
export const tempDirs = new Set();
process.on('exit', () => {
  for (const pid of liveGroups) try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, () => {
    console.error(`e2e: ${sig}: stopping ${liveGroups.size} process group(s)`);
    process.exit(code);
  });
}

/**
 * Runs a command in its own process group, to completion or until `timeoutMs`, when the whole
 * group is killed and the promise rejects. Output is collected and, with `echo`, streamed
 * with a prefix.
 */
export function run(cmd, args, { timeoutMs, env, cwd, echo, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    if (child.pid) liveGroups.add(child.pid);
    let stdout = '';
    let stderr = '';
    const out = (s) => echo && process.stdout.write(s.replace(/^\s*\n/gm, '').replace(/^(?=.)/gm, `  ${echo}| `));
    child.stdout.on('data', (d) => { stdout += d; out(String(d)); });
    child.stderr.on('data', (d) => { stderr += d; out(String(d)); });
    child.stdin.end(input ?? '');
    const timer = setTimeout(() => {
      killGroup(child.pid);
      reject(new Error(`${path.basename(cmd)} ${args.join(' ').slice(0, 200)}: timed out after ${timeoutMs} ms\n${tail(stdout + stderr)}`));
    }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    // Anything the command left running in its group goes with it (and releases the pipes).
    child.on('exit', () => killGroup(child.pid));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Starts a long-running command in its own process group (as `setsid` does); stop it with killGroup. */
export function start(cmd, args, { env, cwd, logFile } = {}) {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { cwd, env: env ?? process.env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  if (child.pid) liveGroups.add(child.pid);
  child.on('error', () => {});
  return child;
}

/** SIGTERM to the process group, SIGKILL after a grace period; never throws. */
export function killGroup(pid, graceMs = 2000) {
  if (!pid) return Promise.resolve();
  const signal = (sig) => { try { process.kill(-pid, sig); return true; } catch { return false; } };
  const gone = () => { liveGroups.delete(pid); };
  if (!signal('SIGTERM')) return Promise.resolve(gone());
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (!signal(0)) { clearInterval(poll); resolve(gone()); return; }
      if (Date.now() - started > graceMs) { signal('SIGKILL'); clearInterval(poll); resolve(gone()); }
    }, 100);
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `probe` every `intervalMs` until it returns a truthy value; rejects with `what` after `timeoutMs`. */
export async function waitFor(what, probe, { timeoutMs, intervalMs = 250 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function tail(text, lines = 40) {
  return text.split('\n').slice(-lines).join('\n');
}

/** Prints each result and the summary line; returns the number failed. */
export function report(results) {
  for (const r of results) {
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${(r.ms / 1000).toFixed(1)} s)`);
    if (!r.ok) console.log(`     ${String(r.error).replace(/\n/g, '\n     ')}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
  return failed;
}

/** True when this module is the script node was started with. */
export function isMain(meta) {
  return process.argv[1] && path.resolve(process.argv[1]) === new URL(meta.url).pathname;
}
