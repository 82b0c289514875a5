// Soak: thousands of edits to a real server (typing a function out and deleting it again,
// opening and closing files, asking for code actions), the server's heap sampled after a full
// collection. After a warm-up the heap must stay flat: within 10% of its level then.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { MEMORY_REQUEST, type MemoryResult } from '../../shared/protocol';
import { LspTestClient, uri, workspace } from '../server/lsp-client';
import { FUZZ_FILES } from './lsp-fuzz';
import { random, type FuzzBounds, type FuzzOutcome } from './random';

/** What is typed, one character per edit, then deleted the same way. */
const TYPED = "\nexport async function refresh(ids: string[]) {\n  for (const id of ids) {\n    const r = await fetch(`/items/${id}`);\n    if (!r.ok) throw new Error('failed');\n  }\n}\n";

export async function soakLanguageServer(bounds: FuzzBounds & { warmup?: number; samples?: number }): Promise<FuzzOutcome & { note: string }> {
  const r = random(bounds.seed);
  const ws = workspace(FUZZ_FILES);
  const client = await LspTestClient.start({ folders: [ws], nodeArgs: ['--expose-gc'] });
  const failures: string[] = [];
  const deadline = bounds.seconds ? Date.now() + bounds.seconds * 1000 : Infinity;
  const warmup = bounds.warmup ?? Math.min(1000, Math.floor(bounds.iterations / 5));
  const every = Math.max(50, Math.floor((bounds.iterations - warmup) / (bounds.samples ?? 10)));
  const heap: { edit: number; heapUsed: number; rss: number }[] = [];
  const main = uri(path.join(ws, 'src/index.ts'));
  const others = ['src/db.ts', 'src/stop.ts', 'src/loop.js', 'src/view.tsx', 'package.json'].map((rel) => path.join(ws, rel));
  let i = 0;
  try {
    await client.waitForPassEnd();
    client.open(path.join(ws, 'src/index.ts'));
    let typed = 0;
    let direction = 1;
    for (; i < bounds.iterations && Date.now() < deadline; i++) {
      const text = client.texts.get(main)!;
      const end = FUZZ_FILES['src/index.ts'].length;
      if (direction > 0) {
        const at = positionAt(text, end + typed);
        client.change(main, [{ range: { start: at, end: at }, newText: TYPED[typed] }]);
        if (++typed === TYPED.length) direction = -1;
      } else {
        const from = positionAt(text, end + typed - 1);
        const to = positionAt(text, end + typed);
        client.change(main, [{ range: { start: from, end: to }, newText: '' }]);
        if (--typed === 0) direction = 1;
      }
      if (i % 97 === 0) {
        const other = r.pick(others);
        const u = uri(other);
        if (client.texts.has(u)) client.close(u);
        else client.open(other);
      }
      if (i % 10 === 0) {
        // Paced by the server: the diagnostics of this version, then a code action on them.
        const version = client.versions.get(main)!;
        await client.waitForPublished(main, (p: PublishDiagnosticsParams) => p.version === version, `diagnostics of version ${version}`);
        await client.request('textDocument/codeAction', { textDocument: { uri: main }, range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, context: { diagnostics: [] } });
        // The client keeps what it was sent; the test must not be what grows.
        if (client.published.length > 1000) client.published.splice(0, client.published.length - 100);
      }
      if (i >= warmup && (i - warmup) % every === 0) {
        const m = await client.request<MemoryResult>(MEMORY_REQUEST, null);
        heap.push({ edit: i, heapUsed: m.heapUsed, rss: m.rss });
      }
    }
    const m = await client.request<MemoryResult>(MEMORY_REQUEST, null);
    heap.push({ edit: i, heapUsed: m.heapUsed, rss: m.rss });
    if (client.proc.exitCode !== null) failures.push(`soak seed ${bounds.seed}: the server exited: ${client.stderr.slice(-2000)}`);
  } finally {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const base = heap[0]?.heapUsed ?? 0;
  const peak = Math.max(...heap.map((h) => h.heapUsed));
  const note = `heap after warm-up ${mb(base)}, peak ${mb(peak)}, last ${mb(heap[heap.length - 1]?.heapUsed ?? 0)} (${heap.length} samples: ${heap.map((h) => mb(h.heapUsed)).join(', ')})`;
  if (heap.length >= 2 && peak > base * 1.1) failures.push(`soak seed ${bounds.seed}: heap grew more than 10% after warm-up: ${note}`);
  return { iterations: i, failures, note };
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
