// Applies fixes to text: edits in one file, non-overlapping, first fix wins on conflict (the
// next pass picks up the rest), as ESLint does. Fixes compose: names added to one import merge
// into one list, and a fix that would bind a name another fix of the pass binds in an
// overlapping scope waits for the next pass, which sees the first and picks a fresh name.
import * as fs from 'node:fs';
import type { FileCreation, Finding, Fix, FixDeclaration, FixSafety, TextEdit } from './types';

/** Which fixes a run applies: `safe` (--fix, fix-all on save) or `unsafe` (--fix --unsafe: either class). */
export type FixMode = FixSafety;

export interface AppliedFixes {
  /** New text per file path (the linted file and any other file a fix touched). */
  texts: Map<string, string>;
  creates: FileCreation[];
  applied: number;
}

/** The fix a run applies for a finding: its first safe fix; with --unsafe, its first fix of either class. */
export function chosenFix(finding: Pick<Finding, 'fixes'>, mode: FixMode): Fix | undefined {
  return mode === 'unsafe' ? finding.fixes?.[0] : finding.fixes?.find((f) => f.safety === 'safe');
}

/** The files a fix would still add: a shim that exists already is imported, not written again. */
export function pendingCreations(fix: Pick<Fix, 'creates'>): FileCreation[] {
  return (fix.creates ?? []).filter((c) => !fs.existsSync(c.file));
}

/**
 * Applies the chosen fix of each finding. `read` gives the current text of any file a fix
 * edits; a fix whose edits overlap an earlier fix's, or that binds a name an earlier fix binds
 * in an overlapping scope, is left for the next pass.
 */
export function applyFixes(findings: readonly Finding[], read: (file: string) => string | undefined, mode: FixMode = 'safe'): AppliedFixes {
  const editsByFile = new Map<string, TextEdit[]>();
  const declared: FixDeclaration[] = [];
  const creates = new Map<string, FileCreation>();
  let applied = 0;
  for (const f of findings) {
    const fix = chosenFix(f, mode);
    if (!fix || !fitsWith(fix, editsByFile) || clashes(fix.declares ?? [], declared)) continue;
    for (const e of fix.edits) addEdit(editsByFile, e);
    declared.push(...(fix.declares ?? []));
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
  return fix.edits.every((e) => !(taken.get(e.file) ?? []).some((t) => overlaps(t, e) && !mergeable(t, e)));
}

/** Adds an edit, merged into an edit of the same list at the same place when there is one. */
function addEdit(byFile: Map<string, TextEdit[]>, e: TextEdit): void {
  const list = byFile.get(e.file) ?? [];
  const i = list.findIndex((t) => t.list && mergeable(t, e));
  if (i >= 0) list[i] = mergeLists(list[i], e);
  else list.push(e);
  byFile.set(e.file, list);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point conflict too: their order would be arbitrary.
  if (a.start === a.end && b.start === b.end) return a.start === b.start && a.newText !== b.newText;
  return a.start < b.end && b.start < a.end;
}

/** Two edits adding to the same list at the same place: one edit with the items of both. */
function mergeable(a: TextEdit, b: TextEdit): boolean {
  return a.list !== undefined && b.list !== undefined && a.start === b.start && a.end === b.end &&
    a.list.key === b.list.key && a.list.before === b.list.before && a.list.after === b.list.after;
}

function mergeLists(a: TextEdit, b: TextEdit): TextEdit {
  const items = [...a.list!.items, ...b.list!.items.filter((n) => !a.list!.items.includes(n))];
  const list = { ...a.list!, items };
  return { ...a, newText: list.before + items.join(', ') + list.after, list };
}

/** True when a declaration binds a name already bound, in an overlapping scope of the same file, by another binding. */
function clashes(mine: readonly FixDeclaration[], taken: readonly FixDeclaration[]): boolean {
  return mine.some((d) => taken.some((t) => t.name === d.name && t.file === d.file &&
    (t.key === undefined || t.key !== d.key) && t.scope.start < d.scope.end && d.scope.start < t.scope.end));
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
