// Temporary projects for tests: a fresh folder (its real path, so it compares equal to the
// paths the linter reports) with the given files written in.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Writes files (relative path -> text or bytes) into a fresh temp folder and returns its path. */
export function tempProject(files: Record<string, string | Uint8Array>, prefix = 'sl-project-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}
