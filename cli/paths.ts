// Paths as reports show them: relative to the working directory, with forward slashes on every
// platform (SARIF URIs and GitHub annotations need them; terminals accept them).
import * as path from 'node:path';

export function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  // Outside the working directory a relative path full of ../ helps nobody.
  const shown = rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
  return shown.split(path.sep).join('/');
}
