// The editor bench: drives the real language server (dist/server.js) over stdio, as an editor
// does, in the ~2,000-file TypeScript corpus workspace. Measures cold start to the first
// diagnostics of an opened ~5,000-line file, then edit (didChange) -> publishDiagnostics
// latency over many edits (p50/p95), and the server's RSS along the way (flat or growing).
// Usage: node bench/editor.mjs [--edits 1000] [--no-build]
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
const editsIndex = argv.indexOf('--edits');
const EDITS = editsIndex === -1 ? 1000 : Number(argv[editsIndex + 1]);
const TARGET_LINES = 5000;
const log = (s) => process.stderr.write(`${s}\n`);

if (!argv.includes('--no-build')) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
const files = prepareCorpus('ts', loadCorpusSpec().ts, { log });
const workspace = path.join(WORK, 'ts');
const target = closestTo(files, TARGET_LINES);
const original = fs.readFileSync(target.file, 'utf8');
const uri = pathToFileURL(target.file).href;
log(`editor bench: ${files.length}-file workspace, editing ${path.relative(workspace, target.file)} (${target.lines} lines), ${EDITS} edits`);

const started = performance.now();
const server = spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
// Answer what the server may ask an editor: no configuration (defaults), accept registrations.
connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
connection.onRequest('client/registerCapability', () => null);
connection.onRequest('window/workDoneProgress/create', () => null);
connection.onNotification('window/logMessage', () => {});
let waiting;
connection.onNotification('textDocument/publishDiagnostics', (p) => {
  if (p.uri === uri && waiting) {
    const w = waiting;
    waiting = undefined;
    w(p);
  }
});
connection.listen();
const nextDiagnostics = () => new Promise((resolve) => (waiting = resolve));

await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(workspace).href,
  workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'corpus' }],
  capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
});
connection.sendNotification('initialized', {});
// The buffer gets one comment line to edit; the file on disk stays as it is.
let text = `${original}\n// edited by the bench\n`;
let version = 1;
const first = nextDiagnostics();
connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text } });
const firstDiagnostics = await first;
const coldStartMs = performance.now() - started;
const rss = [{ edits: 0, mib: rssMiB(server.pid) }];
log(`  first diagnostics after ${coldStartMs.toFixed(0)} ms (${firstDiagnostics.diagnostics.length} diagnostics), server RSS ${rss[0].mib.toFixed(0)} MiB`);

const latencies = [];
const lineCount = text.split('\n').length;
for (let i = 1; i <= EDITS; i++) {
  // Type a character at the end of the comment line, or delete it again: a real keystroke each time.
  const line = lineCount - 2;
  const column = '// edited by the bench'.length;
  const insert = i % 2 === 1;
  const change = insert
    ? { range: { start: { line, character: column }, end: { line, character: column } }, text: 'x' }
    : { range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: '' };
  version++;
  const done = nextDiagnostics();
  const t0 = performance.now();
  connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  await done;
  latencies.push(performance.now() - t0);
  if (i % 100 === 0) {
    rss.push({ edits: i, mib: rssMiB(server.pid) });
    log(`  ${i} edits: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, RSS ${rss.at(-1).mib.toFixed(0)} MiB`);
  }
}
text = undefined;

await connection.sendRequest('shutdown');
connection.sendNotification('exit');
server.kill();

const afterFirst100 = rss.find((r) => r.edits === 100) ?? rss[0];
const result = {
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, loadAverageAtStart: os.loadavg() },
  date: new Date().toISOString(),
  workspaceFiles: files.length,
  file: path.relative(workspace, target.file),
  fileLines: target.lines,
  coldStartToFirstDiagnosticsMs: Math.round(coldStartMs),
  edits: EDITS,
  editToDiagnosticsMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies) },
  rssMiB: rss,
  // Growth after warm-up (the first 100 edits fill caches and JIT): flat means within ±10%.
  rssGrowthAfterWarmup: (rss.at(-1).mib - afterFirst100.mib) / afterFirst100.mib,
};
fs.writeFileSync(path.join(here, 'editor-results.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`\neditor: ${files.length}-file workspace, ${result.file} (${target.lines} lines), ${EDITS} edits
| measure | value |
|---|---:|
| cold start to first diagnostics | ${result.coldStartToFirstDiagnosticsMs} ms |
| edit -> diagnostics p50 | ${result.editToDiagnosticsMs.p50.toFixed(1)} ms |
| edit -> diagnostics p95 | ${result.editToDiagnosticsMs.p95.toFixed(1)} ms |
| server RSS after first diagnostics | ${rss[0].mib.toFixed(0)} MiB |
| server RSS after ${EDITS} edits | ${rss.at(-1).mib.toFixed(0)} MiB (${(result.rssGrowthAfterWarmup * 100).toFixed(1)}% since edit 100) |`);
process.exit(0);

function closestTo(list, lines) {
  let best;
  for (const file of list) {
    const n = fs.readFileSync(file, 'utf8').split('\n').length;
    if (!best || Math.abs(n - lines) < Math.abs(best.lines - lines)) best = { file, lines: n };
  }
  return best;
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Resident set size of a process, from /proc (Linux). */
function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}
