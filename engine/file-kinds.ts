// Which files the engine reads, and as what.
import * as path from 'node:path';
import type { FileKind } from './types';

export const SCRIPT_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const PM2_FILES = /^ecosystem\.config\.(js|cjs|mjs|json)$/;

export function fileKindOf(file: string): FileKind | undefined {
  const base = path.basename(file);
  if (base === 'package.json') return 'package-json';
  if (base === 'Dockerfile' || /^Dockerfile\..+$/.test(base) || base.endsWith('.Dockerfile') || base.endsWith('.dockerfile')) return 'dockerfile';
  if (base === 'Procfile') return 'procfile';
  if (PM2_FILES.test(base)) return base.endsWith('.json') ? 'pm2-json' : 'script';
  if (base.endsWith('.d.ts') || base.endsWith('.d.mts') || base.endsWith('.d.cts')) return undefined;
  if (SCRIPT_EXTENSIONS.has(path.extname(base))) return 'script';
  return undefined;
}

/** A `#!` line that runs Node (or a runner of TypeScript for Node): an extensionless program. */
const NODE_SHEBANG = /^#!.*\b(node|nodejs|tsx|ts-node|bun)\b/;

/**
 * The kind of a file whose name says nothing (`bin/server`, no extension): a script when its
 * first line runs Node. Package `bin` entries are often written so.
 */
export function fileKindOfText(file: string, text: string): FileKind | undefined {
  return fileKindOf(file) ?? (path.extname(file) === '' && NODE_SHEBANG.test(text.slice(0, 200)) ? 'script' : undefined);
}

/** True for the pm2 ecosystem files, JS or JSON. */
export function isPm2File(file: string): boolean {
  return PM2_FILES.test(path.basename(file));
}
