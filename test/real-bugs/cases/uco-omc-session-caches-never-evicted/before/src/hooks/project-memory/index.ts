import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface ProjectMemoryCache {
  cwd: string;
  notes: string[];
  loadedAt: number;
}

const sessionCaches = new Map<string, ProjectMemoryCache>();

async function loadNotes(cwd: string): Promise<string[]> {
  try {
    const text = await readFile(path.join(cwd, '.omc', 'project-memory.md'), 'utf8');
    return text.split('\n').filter((line) => line.startsWith('- ')).map((line) => line.slice(2));
  } catch {
    return [];
  }
}

export async function onSessionStart(sessionId: string, cwd: string): Promise<ProjectMemoryCache> {
  const cache: ProjectMemoryCache = { cwd, notes: await loadNotes(cwd), loadedAt: Date.now() };
  sessionCaches.set(sessionId, cache);
  return cache;
}

export function getProjectMemory(sessionId: string): ProjectMemoryCache | undefined {
  return sessionCaches.get(sessionId);
}

export function onSessionEnd(sessionId: string): void {
  const cache = sessionCaches.get(sessionId);
  if (cache) console.debug(`project memory for ${cache.cwd}: ${cache.notes.length} notes`);
}
