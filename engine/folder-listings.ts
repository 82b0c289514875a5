// Whether a path is a regular file, answered from its folder's listing: module resolution probes
// each specifier with up to a dozen names (`./db`, `./db.ts`, `./db.tsx`, … `./db/index.js`) and
// most probes miss. A --cache run re-checks every stored resolution (10,000 probes on the JS
// corpus); one listing per folder answers them instead of one `stat` each. Where the listing
// cannot be sure — a link, a name that differs from an entry only in case (the folder may be on a
// case-insensitive disk) or has characters beyond ASCII (normalised by some disks) — it asks `stat`,
// so every answer is the one `stat` gives.
import * as fs from 'node:fs';
import * as path from 'node:path';

const FILE = 1;
const LINK = 2;
const OTHER = 3;

interface Listing {
  types: Map<string, number>;
  /** Lower-cased names, to tell a miss from a name a case-insensitive disk would match. */
  lower: Set<string>;
}

export class FolderListings {
  /** Each folder's listing; null: it does not exist (or is no folder); undefined in the map: not read yet. */
  private readonly listings = new Map<string, Listing | null | 'unreadable'>();

  /** Forgets every listing (they are read again as needed). */
  clear(): void {
    this.listings.clear();
  }

  isFile(p: string): boolean {
    const name = path.basename(p);
    const listing = this.listing(path.dirname(p));
    if (listing === null) return false;
    if (listing !== 'unreadable') {
      const type = listing.types.get(name);
      if (type === FILE) return true;
      if (type === OTHER) return false;
      if (type === undefined && /^[\x20-\x7e]*$/.test(name) && !listing.lower.has(name.toLowerCase())) return false;
    }
    return statIsFile(p);
  }

  private listing(dir: string): Listing | null | 'unreadable' {
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      try {
        const types = new Map<string, number>();
        const lower = new Set<string>();
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          types.set(e.name, e.isFile() ? FILE : e.isSymbolicLink() ? LINK : OTHER);
          lower.add(e.name.toLowerCase());
        }
        listing = { types, lower };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // Missing, or a file: nothing inside it is a file, as `stat` would say. Unreadable (a folder
        // one may enter but not list): `stat` answers.
        listing = code === 'ENOENT' || code === 'ENOTDIR' ? null : 'unreadable';
      }
      this.listings.set(dir, listing);
    }
    return listing;
  }
}

function statIsFile(p: string): boolean {
  try {
    // Most probes miss; not throwing for them is most of the cost saved.
    return fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // ENOTDIR and friends
  }
}

/**
 * Whether `p` is a folder, asked of the disk directly (shim placement: the rule context records
 * files, not folders, and a folder appearing later moves no shim already placed).
 */
export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
