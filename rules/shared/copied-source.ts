// Whether a file is a copy of another package's source, as its own header says: "Copy from
// node_modules/dayjs/plugin/timezone.js", "Copied from https://github.com/…" (another project's
// repository, not a snippet from a Q&A site). Such a file is
// vendored code kept as its upstream wrote it: its maintainers do not own what it does, and a
// finding there is for the upstream project. The header must come before the first statement.
import { ts } from 'ts-morph';
import { perSourceFile } from './per-file';

const COPY_HEADER = /\b(?:cop(?:y|ied)|vendored)\s+(?:as\s+is\s+)?from\s*:?\s*(?:\S*node_modules\/|https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|unpkg\.com|cdn\.jsdelivr\.net)\/)/i;

export const isCopiedFromAnotherPackage: (sf: ts.SourceFile) => boolean = perSourceFile((sf) => {
  const first = sf.statements[0];
  const end = first ? first.getStart(sf) : sf.text.length;
  return COPY_HEADER.test(sf.text.slice(0, end));
});
