// Folder listings answer "is this a regular file" exactly as `stat` would (engine/folder-listings.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FolderListings } from '../../engine/folder-listings';
import { tempProject } from '../temp-project';

function statIsFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

describe('FolderListings', () => {
  it('answers as stat does: files, folders, links, missing names and folders, paths under a file, case and accents', () => {
    const dir = tempProject({ 'src/db.ts': '', 'src/Case.ts': '', 'src/café.ts': '', 'src/lib/index.js': '', 'README': '' });
    fs.symlinkSync(path.join(dir, 'src/db.ts'), path.join(dir, 'src/link.ts'));
    fs.symlinkSync(path.join(dir, 'src/lib'), path.join(dir, 'src/linkdir'));
    fs.symlinkSync(path.join(dir, 'src/gone.ts'), path.join(dir, 'src/dangling.ts'));
    const probes = [
      'src/db.ts', 'src/db', 'src/db.tsx', 'src/lib', 'src/lib/index.js', 'src/lib/index.ts', 'src/link.ts', 'src/linkdir',
      'src/linkdir/index.js', 'src/dangling.ts', 'missing/x.ts', 'README/x.ts', 'src/case.ts', 'src/CASE.TS', 'src/Case.ts',
      'src/café.ts', 'src/cafe\u0301.ts', 'src/DB.ts',
    ];
    const listings = new FolderListings();
    for (const p of probes) assert.equal(listings.isFile(path.join(dir, p)), statIsFile(path.join(dir, p)), p);
  });
});
