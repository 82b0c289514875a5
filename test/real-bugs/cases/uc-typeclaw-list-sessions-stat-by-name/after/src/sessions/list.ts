import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface SessionSummary {
  id: string;
  file: string;
  mtimeMs: number;
  title: string;
}

/** At most this many session files are open at once (a soft `ulimit -n` can be 256). */
const IO_CONCURRENCY = 32;

/** Maps items with at most `limit` calls of `fn` in flight, keeping the order of the input. */
async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
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
  const stats = await mapWithConcurrency(entries, IO_CONCURRENCY, statEntry);
  stats.sort((a, b) => b.mtimeMs - a.mtimeMs);
  const limited = opts.limit ? stats.slice(0, opts.limit) : stats;
  return mapWithConcurrency(limited, IO_CONCURRENCY, peekSession);
}

export async function resolveSession(dir: string, idOrPrefix: string): Promise<SessionSummary | undefined> {
  const all = await listSessions(dir);
  return all.find((s) => s.id === idOrPrefix) ?? all.find((s) => s.id.startsWith(idOrPrefix));
}
