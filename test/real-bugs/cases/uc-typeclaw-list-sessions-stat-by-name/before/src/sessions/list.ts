import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface SessionSummary {
  id: string;
  file: string;
  mtimeMs: number;
  title: string;
}

interface SessionEntry {
  file: string;
  mtimeMs: number;
}

async function statEntry(file: string): Promise<SessionEntry> {
  const s = await stat(file);
  return { file, mtimeMs: s.mtimeMs };
}

async function peekSession(entry: SessionEntry): Promise<SessionSummary> {
  const handle = await open(entry.file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const firstLine = buffer.subarray(0, bytesRead).toString('utf8').split('\n', 1)[0];
    const header = JSON.parse(firstLine) as { title?: string };
    return { id: path.basename(entry.file, '.jsonl'), file: entry.file, mtimeMs: entry.mtimeMs, title: header.title ?? '(untitled)' };
  } finally {
    await handle.close();
  }
}

export async function listSessions(dir: string, opts: { limit?: number } = {}): Promise<SessionSummary[]> {
  const names = await readdir(dir);
  const entries = names.filter((n) => n.endsWith('.jsonl')).map((n) => path.join(dir, n));
  const stats = await Promise.all(entries.map(statEntry));
  stats.sort((a, b) => b.mtimeMs - a.mtimeMs);
  const limited = opts.limit ? stats.slice(0, opts.limit) : stats;
  return Promise.all(limited.map(peekSession));
}

export async function resolveSession(dir: string, idOrPrefix: string): Promise<SessionSummary | undefined> {
  const all = await listSessions(dir);
  return all.find((s) => s.id === idOrPrefix) ?? all.find((s) => s.id.startsWith(idOrPrefix));
}
