// The editor bench: drives the real language server (dist/server.js) over stdio, as an editor
// does, in the ~2,000-file TypeScript corpus workspace, editing a ~5,000-line file. A first start
// of the build (it writes the V8 code cache, as a user's first start does), then three runs, each
// with a fresh server:
//   idle    cold start to the open file's first diagnostics; the workspace pass (first
//           diagnostics to the server's "workspace linted" status) with nobody typing;
//   typing  the same pass while the user types one keystroke every 150 ms (--typing), each
//           edit's time to its diagnostics meanwhile (p50/p95); a pass that has not finished
//           after --typing-timeout seconds is reported as such;
//   edits   then, after the pass, edit -> diagnostics latency over many edits, each sent once the
//           previous one's diagnostics arrived (p50/p95), and the server's RSS along the way.
// Usage: node bench/editor.mjs [--edits 1000] [--typing 150[,300]] [--typing-timeout 120] [--no-build]
//        node bench/editor.mjs --cold-starts n [--peer other/dist/server.js] [--cpu-prof dir] [--no-build]
//   --cold-starts n   only the cold start to the open file's first diagnostics, n times (median; the
//                     first start of each build writes its code cache);
//                     with --peer, alternated with another build's server, as a ratio to it;
//                     with --cpu-prof, each server writes a V8 CPU profile into dir
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { loadCorpusSpec, prepareCorpus, WORK } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const EDITS = Number(opt('--edits', 1000));
const TYPING_MS = String(opt('--typing', '150')).split(',').map(Number);
const TYPING_TIMEOUT_MS = Number(opt('--typing-timeout', 120)) * 1000;
const TARGET_LINES = 5000;
const STATUS = 'stability-lint/status';
const MARKER = '// edited by the bench';
const log = (s) => process.stderr.write(`${s}\n`);

if (!argv.includes('--no-build')) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
const files = prepareCorpus('ts', loadCorpusSpec().ts, { log });
const workspace = path.join(WORK, 'ts');
const target = closestTo(files, TARGET_LINES);
const original = fs.readFileSync(target.file, 'utf8');
const uri = pathToFileURL(target.file).href;
log(`editor bench: ${files.length}-file workspace, editing ${path.relative(workspace, target.file)} (${target.lines} lines)`);

if (argv.includes('--cold-starts')) {
  await coldStarts(Number(opt('--cold-starts')), opt('--peer'));
  process.exit(0);
}

// ---- the first start of this build: no V8 code cache yet (written after its first lint) ----
const firstStart = await openSession();
log(`  first start of this build (no code cache yet): first diagnostics after ${firstStart.coldStartMs.toFixed(0)} ms`);
await firstStart.close();

// ---- idle: cold start (as every later start: code cache written), and the workspace pass with nobody typing ----
const idle = await openSession();
log(`  first diagnostics after ${idle.coldStartMs.toFixed(0)} ms (${idle.firstDiagnostics.diagnostics.length} diagnostics), server RSS ${idle.rssAtFirstMiB.toFixed(0)} MiB`);
const idleReady = await idle.ready;
const idlePassMs = idleReady - idle.firstAt;
const passFiles = idle.passFiles();
log(`  workspace pass (${passFiles} files), nobody typing: ${(idlePassMs / 1000).toFixed(2)} s`);

// ---- edits: one after another, each once the previous one's diagnostics arrived ----
const latencies = [];
const rss = [{ edits: 0, mib: rssMiB(idle.server.pid) }];
for (let i = 1; i <= EDITS; i++) {
  const t0 = performance.now();
  await idle.diagnosticsOf(idle.keystroke(i));
  latencies.push(performance.now() - t0);
  if (i % 100 === 0) {
    rss.push({ edits: i, mib: rssMiB(idle.server.pid) });
    log(`  ${i} edits: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, RSS ${rss.at(-1).mib.toFixed(0)} MiB`);
  }
}
await idle.close();

// ---- typing: the workspace pass while a keystroke arrives every n ms ----
const typing = [];
for (const intervalMs of TYPING_MS) {
  const session = await openSession();
  const sentAt = new Map();
  const editLatencies = [];
  let finishedAt;
  void session.ready.then((t) => (finishedAt = t));
  const deadline = session.firstAt + TYPING_TIMEOUT_MS;
  let i = 0;
  while (finishedAt === undefined && performance.now() < deadline) {
    const version = session.keystroke(++i);
    sentAt.set(version, performance.now());
    void session.diagnosticsOf(version).then(() => editLatencies.push(performance.now() - sentAt.get(version)));
    await sleep(intervalMs);
  }
  await sleep(200); // the last keystroke's diagnostics
  const passMs = finishedAt === undefined ? null : finishedAt - session.firstAt;
  const row = {
    intervalMs,
    passMs,
    timeoutMs: TYPING_TIMEOUT_MS,
    edits: editLatencies.length,
    editsSent: i,
    editP50Ms: percentile(editLatencies, 50),
    editP95Ms: percentile(editLatencies, 95),
    editMaxMs: Math.max(...editLatencies),
  };
  typing.push(row);
  log(`  workspace pass, typing every ${intervalMs} ms: ${passMs === null ? `not finished after ${TYPING_TIMEOUT_MS / 1000} s` : `${(passMs / 1000).toFixed(2)} s`}; edit -> diagnostics p50 ${row.editP50Ms.toFixed(1)} ms, p95 ${row.editP95Ms.toFixed(1)} ms (${row.edits} of ${i} edits answered)`);
  await session.close();
}

const afterFirst100 = rss.find((r) => r.edits === 100) ?? rss[0];
const result = {
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, loadAverageAtStart: os.loadavg() },
  date: new Date().toISOString(),
  workspaceFiles: files.length,
  file: path.relative(workspace, target.file),
  fileLines: target.lines,
  coldStartToFirstDiagnosticsMs: Math.round(idle.coldStartMs),
  // The very first start of a build compiles the bundle without a code cache.
  firstStartWithoutCodeCacheMs: Math.round(firstStart.coldStartMs),
  // Support code (the tests and scripts packages ship) is skipped by default: fewer files than the workspace has.
  workspacePass: { files: passFiles, idleMs: idlePassMs, typing },
  rssAtFirstDiagnosticsMiB: idle.rssAtFirstMiB,
  edits: EDITS,
  editToDiagnosticsMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies) },
  rssMiB: rss,
  // Growth after warm-up (the first 100 edits fill caches and JIT): flat means within ±10%.
  rssGrowthAfterWarmup: (rss.at(-1).mib - afterFirst100.mib) / afterFirst100.mib,
};
fs.writeFileSync(path.join(here, 'editor-results.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`\neditor: ${files.length}-file workspace, ${result.file} (${target.lines} lines)
| measure | value |
|---|---:|
| cold start to first diagnostics (code cache written by an earlier start) | ${result.coldStartToFirstDiagnosticsMs} ms |
| the first start of this build (no code cache yet) | ${result.firstStartWithoutCodeCacheMs} ms |
| workspace pass (${passFiles} files linted), nobody typing | ${(idlePassMs / 1000).toFixed(2)} s |
${typing.map((t) => `| workspace pass, typing every ${t.intervalMs} ms | ${t.passMs === null ? `not finished in ${t.timeoutMs / 1000} s` : `${(t.passMs / 1000).toFixed(2)} s`} |
| edit -> diagnostics while typing every ${t.intervalMs} ms, p50 / p95 | ${t.editP50Ms.toFixed(1)} / ${t.editP95Ms.toFixed(1)} ms |`).join('\n')}
| edit -> diagnostics after the pass (${EDITS} edits, one at a time), p50 / p95 | ${result.editToDiagnosticsMs.p50.toFixed(1)} / ${result.editToDiagnosticsMs.p95.toFixed(1)} ms |
| server RSS at first diagnostics / after the pass | ${idle.rssAtFirstMiB.toFixed(0)} / ${rss[0].mib.toFixed(0)} MiB |
| server RSS after ${EDITS} edits | ${rss.at(-1).mib.toFixed(0)} MiB (${(result.rssGrowthAfterWarmup * 100).toFixed(1)}% since edit 100) |`);
process.exit(0);

/**
 * Starts a server in the workspace and opens the file (its buffer gets one comment line to
 * edit; the file on disk stays as it is). Resolves at the file's first diagnostics.
 */
async function openSession(serverScript = path.join(root, 'dist/server.js'), env = process.env) {
  const started = performance.now();
  const profile = opt('--cpu-prof') ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(opt('--cpu-prof'))] : [];
  const server = spawn(process.execPath, [...profile, serverScript, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  // Answer what the server may ask an editor: no configuration (defaults), accept registrations.
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => {});
  // The pass reports `Linting N files` as it begins: the files of the workspace it lints.
  let passFiles;
  connection.onNotification('$/progress', (p) => {
    const n = p.value?.kind === 'begin' ? /(\d+) files/.exec(p.value.message ?? '')?.[1] : undefined;
    if (n) passFiles = Number(n);
  });
  let onReady;
  const ready = new Promise((resolve) => (onReady = resolve));
  connection.onNotification(STATUS, (s) => {
    if (s.state === 'ready') onReady(performance.now());
  });
  // Diagnostics of the open file by version. An edit superseded by a newer one before it was
  // linted is answered by the newer version's diagnostics, as the user sees it.
  let waiters = [];
  let latest = -1;
  let first;
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri !== uri || p.version === undefined || p.version < latest) return;
    latest = p.version;
    first ??= p;
    waiters = waiters.filter((w) => (w.version <= latest ? (w.resolve(p), false) : true));
  });
  const diagnosticsOf = (version) => (version <= latest ? Promise.resolve() : new Promise((resolve) => waiters.push({ version, resolve })));
  connection.listen();

  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'corpus' }],
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, window: { workDoneProgress: true } },
  });
  connection.sendNotification('initialized', {});
  const text = `${original}\n${MARKER}\n`;
  const lineCount = text.split('\n').length;
  let version = 1;
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text } });
  await diagnosticsOf(version);
  const firstAt = performance.now();
  return {
    server,
    firstDiagnostics: first,
    rssAtFirstMiB: rssMiB(server.pid),
    firstAt,
    coldStartMs: firstAt - started,
    ready,
    diagnosticsOf,
    passFiles: () => passFiles,
    /** Types a character at the end of the comment line (odd i), or deletes it again; returns the new version. */
    keystroke(i) {
      const line = lineCount - 2;
      const column = MARKER.length;
      const change = i % 2 === 1
        ? { range: { start: { line, character: column }, end: { line, character: column } }, text: 'x' }
        : { range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '' };
      version++;
      connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      return version;
    },
    async close() {
      await connection.sendRequest('shutdown').catch(() => undefined);
      connection.sendNotification('exit');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          server.kill();
          resolve();
        }, 2000);
        server.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      connection.dispose();
    },
  };
}

/** Cold start to first diagnostics, `n` times; alternated with `peer` (another build's server) when given. */
async function coldStarts(n, peer) {
  const servers = [{ name: 'this build', script: path.join(root, 'dist/server.js'), ms: [] }];
  if (peer) servers.unshift({ name: `peer ${peer}`, script: path.resolve(peer), ms: [] });
  // Each build its own temp folder: the launcher keeps one V8 code cache per program and drops
  // other builds' (same file name prefix), so alternated builds would make each other start cold.
  for (const [i, s] of servers.entries()) {
    const tmp = path.join(os.tmpdir(), `sl-editor-bench-${process.pid}-${i}`);
    fs.mkdirSync(tmp, { recursive: true });
    s.env = { ...process.env, TMPDIR: tmp };
  }
  for (let i = 0; i < n; i++) {
    for (const s of servers) {
      const session = await openSession(s.script, s.env);
      s.ms.push(session.coldStartMs);
      await session.close();
    }
  }
  for (const s of servers) fs.rmSync(s.env.TMPDIR, { recursive: true, force: true });
  for (const s of servers) {
    const ratio = peer ? ` (${(percentile(s.ms, 50) / percentile(servers[0].ms, 50)).toFixed(2)}x the peer)` : '';
    console.log(`cold start to first diagnostics, ${s.name}: median ${percentile(s.ms, 50).toFixed(0)} ms${ratio} [${s.ms.map((m) => m.toFixed(0)).join(' ')}]`);
  }
}

function closestTo(list, lines) {
  let best;
  for (const file of list) {
    const n = fs.readFileSync(file, 'utf8').split('\n').length;
    if (!best || Math.abs(n - lines) < Math.abs(best.lines - lines)) best = { file, lines: n };
  }
  return best;
}

function percentile(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resident set size of a process, from /proc (Linux). */
function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}
