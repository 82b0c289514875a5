// Code actions: every fix and suggestion of the findings under the cursor as a quick fix (the
// first safe fix preferred; unsafe ones marked in the title and never preferred), "Disable
// <rule> for this line", and a fix-all source action for `editor.codeActionsOnSave` that applies
// safe fixes only, as `--fix` does. Edits are built on `codeAction/resolve` when the client can
// resolve them, so opening the light bulb costs nothing but the list.
import {
  CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextDocumentEdit,
  type TextEdit as LspTextEdit, type WorkspaceEdit, type CreateFile,
} from 'vscode-languageserver';
import { applyFixes, chosenFix, pendingCreations } from '../engine/apply-fixes';
import { fileKindOf } from '../engine/file-kinds';
import { computeLineStarts } from '../engine/text';
import type { FileCreation, Finding, Fix, TextEdit } from '../engine/types';
import { FIX_ALL_KIND } from '../shared/protocol';
import { findingDiagnostic, offsetAt, toLspRange, SOURCE } from './diagnostics';
import { fileUri } from './paths';
import type { WorkspaceProject } from './workspace-project';

/** What the client can do with a workspace edit and with unresolved actions. */
export interface EditCapabilities {
  documentChanges: boolean;
  createFiles: boolean;
  /** The client resolves `edit` lazily through `codeAction/resolve`. */
  resolveEdit: boolean;
}

/** One open document, at the version the request is about. */
export interface DocumentState {
  uri: string;
  file: string;
  version: number;
  text: string;
  lineStarts: readonly number[];
}

export interface CodeActionHost {
  project: WorkspaceProject;
  caps: EditCapabilities;
  /** The version of an open document, null when the file is not open. */
  versionOf(file: string): number | null;
  /** The current text of any file: the open buffer, else the disk. */
  textOf(file: string): string | undefined;
}

/** What an unresolved action carries, to find its finding again on resolve. */
export interface ActionData {
  action: 'fix' | 'suggestion' | 'disable' | 'fixAll';
  uri: string;
  version: number;
  ruleId?: string;
  start?: number;
  end?: number;
  index?: number;
}

const MAX_FIX_ALL_PASSES = 10;

export function codeActions(params: CodeActionParams, doc: DocumentState, findings: readonly Finding[], host: CodeActionHost): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const out: CodeAction[] = [];
  const from = offsetAt(doc.lineStarts, params.range.start);
  const to = offsetAt(doc.lineStarts, params.range.end);

  if (wants(CodeActionKind.QuickFix)) {
    const disabled = new Set<string>();
    for (const f of findings) {
      if (f.range.end < from || f.range.start > to) continue;
      const diagnostic = matchingDiagnostic(params.context.diagnostics, f, doc, host);
      const base = { uri: doc.uri, version: doc.version, ruleId: f.ruleId, start: f.range.start, end: f.range.end };
      const preferred = chosenFix(f, 'safe');
      (f.fixes ?? []).forEach((fix, index) => {
        if (!offerable(fix, host.caps)) return;
        out.push(action(fixTitle(fix), CodeActionKind.QuickFix, diagnostic, fix === preferred, { ...base, action: 'fix', index }, host));
      });
      (f.suggestions ?? []).forEach((fix, index) => {
        if (!offerable(fix, host.caps)) return;
        out.push(action(fixTitle(fix), CodeActionKind.QuickFix, diagnostic, false, { ...base, action: 'suggestion', index }, host));
      });
      const key = `${f.ruleId}:${lineOf(doc, f.range.start)}`;
      if (commentPrefix(doc.file) && !disabled.has(key)) {
        disabled.add(key);
        out.push(action(`Disable ${f.ruleId} for this line`, CodeActionKind.QuickFix, diagnostic, false, { ...base, action: 'disable' }, host));
      }
    }
  }
  if (wants(FIX_ALL_KIND) && findings.some((f) => chosenFix(f, 'safe')?.edits.every((e) => e.file === doc.file))) {
    out.push(action('Fix all stability-lint problems', FIX_ALL_KIND, undefined, false, { action: 'fixAll', uri: doc.uri, version: doc.version }, host));
  }
  return out;
}

/** The light bulb's title: an unsafe fix says so, since it can stop legitimate work. */
export function fixTitle(fix: Fix): string {
  return fix.safety === 'unsafe' ? `${fix.title} (unsafe)` : fix.title;
}

function action(
  title: string,
  kind: string,
  diagnostic: Diagnostic | undefined,
  isPreferred: boolean,
  data: ActionData,
  host: CodeActionHost,
): CodeAction {
  const a: CodeAction = { title, kind, data };
  if (diagnostic) a.diagnostics = [diagnostic];
  if (isPreferred) a.isPreferred = true;
  return a;
}

/**
 * Fills in an action's edit. `doc` is the document now; an action computed for an older
 * version is returned without an edit, which clients treat as nothing to do.
 */
export function resolveCodeAction(a: CodeAction, doc: DocumentState | undefined, findings: readonly Finding[], host: CodeActionHost): CodeAction {
  const data = a.data as ActionData | undefined;
  if (!data || !doc || doc.uri !== data.uri || doc.version !== data.version) return a;
  let edit: WorkspaceEdit | undefined;
  if (data.action === 'fixAll') {
    edit = fixAllEdit(doc, host);
  } else {
    const f = findings.find((x) => x.ruleId === data.ruleId && x.range.start === data.start && x.range.end === data.end);
    if (!f) return a;
    if (data.action === 'disable') edit = disableEdit(doc, f, host);
    else {
      const fix = (data.action === 'fix' ? f.fixes : f.suggestions)?.[data.index ?? 0];
      if (fix) edit = fixEdit(fix, doc, host);
    }
  }
  return edit ? { ...a, edit } : a;
}

/** Every code action of a request with its edit filled in, for clients that cannot resolve. */
export function resolvedCodeActions(params: CodeActionParams, doc: DocumentState, findings: readonly Finding[], host: CodeActionHost): CodeAction[] {
  const list = codeActions(params, doc, findings, host);
  return host.caps.resolveEdit ? list : list.map((a) => resolveCodeAction(a, doc, findings, host));
}

/** One fix as a workspace edit: its edits in every file it touches, and the files it creates. */
export function fixEdit(fix: Fix, doc: DocumentState, host: CodeActionHost): WorkspaceEdit | undefined {
  return workspaceEdit(groupEdits(fix.edits), neededCreations(fix.creates ?? []), doc, host);
}

/**
 * Fix-all: apply the safe fixes that stay inside this file, re-lint the result, repeat until
 * nothing more applies (a fix can reveal or unblock another), as `--fix` does. Unsafe fixes are
 * never applied on save: they are offered one by one as quick fixes.
 */
export function fixAllEdit(doc: DocumentState, host: CodeActionHost): WorkspaceEdit | undefined {
  const { project } = host;
  let text = doc.text;
  const creates = new Map<string, FileCreation>();
  for (let pass = 0; pass < MAX_FIX_ALL_PASSES; pass++) {
    const result = pass === 0 ? project.result(doc.file) : project.lintDetached(doc.file, text);
    if (!result || result.fatal) break;
    const findings = project.settle(result).filter((f) => {
      const fix = chosenFix(f, 'safe');
      return fix && fix.edits.every((e) => e.file === doc.file) && offerable(fix, host.caps);
    });
    const applied = applyFixes(findings, (file) => (file === doc.file ? text : undefined));
    const next = applied.texts.get(doc.file);
    if (!applied.applied || next === undefined || next === text) break;
    text = next;
    for (const c of applied.creates) if (!creates.has(c.file)) creates.set(c.file, c);
  }
  if (text === doc.text) return undefined;
  const change = minimalReplace(doc.text, text);
  const edits = new Map([[doc.file, [{ file: doc.file, ...change }]]]);
  return workspaceEdit(edits, neededCreations([...creates.values()]), doc, host);
}

/** `// stability-lint-disable-next-line <id>` above the finding's line, indented like it. */
export function disableEdit(doc: DocumentState, f: Finding, host: CodeActionHost): WorkspaceEdit | undefined {
  const prefix = commentPrefix(doc.file);
  if (!prefix) return undefined;
  const line = lineOf(doc, f.range.start);
  const lineStart = doc.lineStarts[line];
  const indent = /^[ \t]*/.exec(doc.text.slice(lineStart, lineStart + 400))![0];
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  // A directive already on the line above gets the rule appended, not a second comment.
  if (line > 0) {
    const prevStart = doc.lineStarts[line - 1];
    const prev = doc.text.slice(prevStart, lineStart).replace(/\r?\n$/, '');
    const m = new RegExp(`^([ \\t]*${escape(prefix)}[ \\t]*stability-lint-disable-next-line)([^\\n]*?)([ \\t]+--.*)?$`).exec(prev);
    if (m) {
      const ids = m[2].split(/[\s,]+/).filter(Boolean);
      if (ids.includes(f.ruleId)) return undefined;
      const at = prevStart + m[1].length + m[2].length;
      return single(doc, { file: doc.file, start: at, end: at, newText: ids.length ? `, ${f.ruleId}` : ` ${f.ruleId}` }, host);
    }
  }
  const newText = `${indent}${prefix} stability-lint-disable-next-line ${f.ruleId}${eol}`;
  return single(doc, { file: doc.file, start: lineStart, end: lineStart, newText }, host);
}

function single(doc: DocumentState, e: TextEdit, host: CodeActionHost): WorkspaceEdit | undefined {
  return workspaceEdit(new Map([[doc.file, [e]]]), [], doc, host);
}

function groupEdits(edits: readonly TextEdit[]): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const list = byFile.get(e.file) ?? [];
    list.push(e);
    byFile.set(e.file, list);
  }
  return byFile;
}

function workspaceEdit(
  editsByFile: Map<string, TextEdit[]>,
  creates: FileCreation[],
  doc: DocumentState,
  host: CodeActionHost,
): WorkspaceEdit | undefined {
  const lsp = new Map<string, LspTextEdit[]>();
  for (const [file, edits] of editsByFile) {
    const starts = file === doc.file ? doc.lineStarts : linesOf(host.textOf(file));
    if (!starts) return undefined; // a file the fix edits is gone: offer nothing rather than a broken edit
    lsp.set(file, edits.map((e) => ({ range: toLspRange(starts, e), newText: e.newText })));
  }
  if (!host.caps.documentChanges) {
    if (creates.length) return undefined;
    const changes: Record<string, LspTextEdit[]> = {};
    for (const [file, edits] of lsp) changes[fileUri(file)] = edits;
    return { changes };
  }
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  for (const c of creates) {
    const uri = fileUri(c.file);
    documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.content }] });
  }
  for (const [file, edits] of lsp) {
    const version = file === doc.file ? doc.version : host.versionOf(file);
    documentChanges.push({ textDocument: { uri: fileUri(file), version }, edits });
  }
  return { documentChanges };
}

/** Creations still needed: a shim file that exists already is imported, not written again. */
function neededCreations(creates: readonly FileCreation[]): FileCreation[] {
  return pendingCreations({ creates: [...creates] });
}

/** A fix that must create a file the client cannot create is not offered: its import would dangle. */
function offerable(fix: Fix, caps: EditCapabilities): boolean {
  if (caps.createFiles && caps.documentChanges) return true;
  return neededCreations(fix.creates ?? []).length === 0;
}

function matchingDiagnostic(diagnostics: readonly Diagnostic[], f: Finding, doc: DocumentState, host: CodeActionHost): Diagnostic {
  const own = findingDiagnostic(doc.lineStarts, f, (file) => host.project.lineStarts(file));
  return diagnostics.find((d) => d.source === SOURCE && d.code === f.ruleId &&
    d.range.start.line === own.range.start.line && d.range.start.character === own.range.start.character &&
    d.range.end.line === own.range.end.line && d.range.end.character === own.range.end.character) ?? own;
}

/** The comment that starts a suppression directive in this kind of file; none in JSON. */
function commentPrefix(file: string): string | undefined {
  switch (fileKindOf(file)) {
    case 'script': return '//';
    case 'dockerfile':
    case 'procfile': return '#';
    default: return undefined;
  }
}

function lineOf(doc: DocumentState, offset: number): number {
  let lo = 0;
  let hi = doc.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function linesOf(text: string | undefined): number[] | undefined {
  return text === undefined ? undefined : computeLineStarts(text);
}

/** The smallest single replacement turning `a` into `b`: common prefix and suffix kept. */
function minimalReplace(a: string, b: string): { start: number; end: number; newText: string } {
  let p = 0;
  const max = Math.min(a.length, b.length);
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, end: a.length - s, newText: b.slice(p, b.length - s) };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
