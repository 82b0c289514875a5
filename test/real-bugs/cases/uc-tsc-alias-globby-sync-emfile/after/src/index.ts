import { promises as fsp } from 'fs';
import { sync } from 'globby';
import { pLimit } from 'plimit-lit';

export interface ReplaceTscAliasPathsOptions {
  outDir?: string;
  resolveFullPaths?: boolean;
}

async function replaceAlias(file: string, resolveFullPaths?: boolean): Promise<boolean> {
  const code = await fsp.readFile(file, 'utf8');
  const replaced = code.replace(/(from\s+['"])@\/([^'"]+)(['"])/g, resolveFullPaths ? '$1./$2.js$3' : '$1./$2$3');
  if (replaced === code) return false;
  await fsp.writeFile(file, replaced, 'utf8');
  return true;
}

export async function replaceTscAliasPaths(options: ReplaceTscAliasPathsOptions = {}): Promise<number> {
  const files = sync(`${options.outDir ?? 'dist'}/**/*.{js,jsx,ts,tsx}`, { dot: true, onlyFiles: true });
  // At most this many files open at once: a soft `ulimit -n` of 1024 is easy to pass.
  const limit = pLimit(64);
  const replaced = await Promise.all(files.map((file) => limit(() => replaceAlias(file, options.resolveFullPaths))));
  return replaced.filter(Boolean).length;
}
