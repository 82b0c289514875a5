// Which package a file or a command belongs to: the nearest package.json above it, as npm looks
// upwards for the scripts it runs and a service's modules share one process.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The nearest folder from `dir` upwards that holds a package.json; undefined when none does. */
export function packageDirOf(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}
