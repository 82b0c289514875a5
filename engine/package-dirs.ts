// Which package a file belongs to: the nearest folder above it that holds a package.json, as
// npm looks upwards for the scripts it runs. Cached per folder for a run.
import * as fs from 'node:fs';
import * as path from 'node:path';

export class PackageDirs {
  private readonly byDir = new Map<string, string | null>();

  /** The package folder of `file`; undefined when no package.json is above it. */
  of(file: string): string | undefined {
    return this.forDir(path.dirname(file)) ?? undefined;
  }

  private forDir(dir: string): string | null {
    const known = this.byDir.get(dir);
    if (known !== undefined) return known;
    const parent = path.dirname(dir);
    const found = fs.existsSync(path.join(dir, 'package.json')) ? dir : parent === dir ? null : this.forDir(parent);
    this.byDir.set(dir, found);
    return found;
  }
}
