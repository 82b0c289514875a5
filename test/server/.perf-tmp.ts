import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspTestClient, workspace } from './lsp-client';

const files: Record<string, string> = {};
const unit = (i: number) => `import { helper${i % 7} } from './h';\nexport async function f${i}(u: string) {\n  const r = await fetch(u, { signal: AbortSignal.timeout(1000) });\n  for (const x of [1, 2, 3]) { if (x > 2) break; }\n  return r.status + ${i};\n}\n`;
for (let d = 0; d < 40; d++) for (let i = 0; i < 50; i++) files[`src/m${d}/f${i}.ts`] = Array.from({ length: 12 }, (_, k) => unit(k)).join('\n');
let big = '';
for (let i = 0; i < 500; i++) big += unit(i);
big += 'export async function bad(u: string) { return fetch(u); }\n';
files['src/big.ts'] = big;
files['package.json'] = '{ "name": "perf", "scripts": { "start": "node dist/index.js" } }\n';

async function main() {
  const ws = workspace(files);
  console.log('files', Object.keys(files).length, 'big lines', big.split('\n').length);
  const t0 = Date.now();
  const client = await LspTestClient.start({ folders: [ws] });
  const u = client.open(path.join(ws, 'src/big.ts'));
  await client.waitForPublished(u, () => true);
  console.log('first diagnostics after start (ms):', Date.now() - t0);
  const lat: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t = process.hrtime.bigint();
    const v = client.change(u, [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: i ? 1 : 0 } }, newText: i % 2 ? ' ' : '\t' }]);
    await client.waitForPublished(u, (p) => p.version === v, 'x');
    lat.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (i % 100 === 0) rss.push(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${client.proc.pid}/status`, 'utf8'))![1]) / 1024);
    if (i === 100) console.log('pass ended by edit 100?', client.progress.some((p) => p.value.kind === 'end'));
  }
  await client.waitForPassEnd();
  console.log('pass end at (ms since start):', Date.now() - t0);
  const s = [...lat].sort((a, b) => a - b);
  console.log('edit->diagnostics p50', s[Math.floor(s.length * 0.5)].toFixed(1), 'p95', s[Math.floor(s.length * 0.95)].toFixed(1), 'max', s[s.length - 1].toFixed(1));
  const late = lat.slice(-300).sort((a, b) => a - b);
  console.log('last 300 edits p50', late[150].toFixed(1), 'p95', late[285].toFixed(1));
  console.log('rss MB every 100 edits', rss.map((x) => x.toFixed(0)).join(' '));
  const rssEnd = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${client.proc.pid}/status`, 'utf8'))![1]) / 1024;
  console.log('rss end MB', rssEnd.toFixed(0));
  await client.stop();
  fs.rmSync(ws, { recursive: true, force: true });
}
main();
