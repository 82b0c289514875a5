// Applies fixes to text: edits in one file, non-overlapping, first fix wins on conflict (the
// next pass picks up the rest), as ESLint does.
import type { FileCreation, Finding, Fix, TextEdit } from './types';

export interface AppliedFixes {
  /** New text per file path (the linted file and any other file a fix touched). */
  texts: Map<string, string>;
  creates: FileCreation[];
  applied: number;
}

/**
 * Applies the first safe fix of each finding. `read` gives the current text of any file a fix
 * edits; edits to the same file that overlap an earlier fix's edits are left for the next pass.
 */
export function applyFixes(findings: readonly Finding[], read: (file: string) => string | undefined): AppliedFixes {
  const editsByFile = new Map<string, TextEdit[]>();
  const creates = new Map<string, FileCreation>();
  let applied = 0;
  for (const f of findings) {
    const fix = f.fixes?.[0];
    if (!fix || !fitsWith(fix, editsByFile)) continue;
    for (const e of fix.edits) {
      const list = editsByFile.get(e.file) ?? [];
      list.push(e);
      editsByFile.set(e.file, list);
    }
    for (const c of fix.creates ?? []) if (!creates.has(c.file)) creates.set(c.file, c);
    applied++;
  }
  const texts = new Map<string, string>();
  for (const [file, edits] of editsByFile) {
    const text = read(file);
    if (text === undefined) continue;
    texts.set(file, applyEdits(text, edits));
  }
  return { texts, creates: [...creates.values()], applied };
}

function fitsWith(fix: Fix, taken: Map<string, TextEdit[]>): boolean {
  return fix.edits.every((e) => !(taken.get(e.file) ?? []).some((t) => overlaps(t, e)));
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point conflict too: their order would be arbitrary.
  if (a.start === a.end && b.start === b.end) return a.start === b.start && a.newText !== b.newText;
  return a.start < b.end && b.start < a.end;
}

/** Applies non-overlapping edits to one text; identical duplicate edits apply once. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const unique = dedupe(edits).sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of unique) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function dedupe(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  const out: TextEdit[] = [];
  for (const e of edits) {
    const key = `${e.start}:${e.end}:${e.newText}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}
