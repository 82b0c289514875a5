// A plain LSP client for protocol tests: starts the built server (`dist/server.js --stdio`) as
// a real process, answers the requests a server sends (configuration, registrations, progress,
// refresh, applyEdit) the way an editor would, and records every notification.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ApplyWorkspaceEditParams, ClientCapabilities, Diagnostic, PublishDiagnosticsParams, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER = path.join(ROOT, 'dist/server.js');

export interface ClientOptions {
  /** Workspace folders (absolute paths). */
  folders: string[];
  pull?: boolean;
  /** The client can create files in workspace edits. Default true. */
  createFiles?: boolean;
  /** The client resolves code action edits lazily. Default true. */
  resolveEdits?: boolean;
  /** `stabilityLint` settings answered to `workspace/configuration`, per scope URI or for all. */
  settings?: (scopeUri: string | undefined) => unknown;
  /** Flags for the server's node (`--expose-gc` for memory sampling). */
  nodeArgs?: string[];
  /** The server's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

export function uri(file: string): string {
  return pathToFileURL(file).href;
}

/** A temporary workspace holding `files` (relative path -> content). */
export function workspace(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sl-lsp-')));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

export class LspTestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly progress: { token: string | number; value: any }[] = [];
  readonly createdTokens: (string | number)[] = [];
  readonly statuses: { state: string; message: string }[] = [];
  readonly registrations: { method: string; registerOptions?: any }[] = [];
  readonly applied: ApplyWorkspaceEditParams[] = [];
  readonly logs: string[] = [];
  refreshes = 0;
  stderr = '';
  readonly versions = new Map<string, number>();
  readonly texts = new Map<string, string>();
  settings: (scopeUri: string | undefined) => unknown;
  private waiters: (() => void)[] = [];
  exitCode: Promise<number | null>;

  private constructor(readonly proc: ChildProcess, readonly conn: MessageConnection, readonly options: ClientOptions) {
    this.settings = options.settings ?? (() => ({}));
    this.exitCode = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.stderr!.on('data', (d) => (this.stderr += d));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.record(() => this.published.push(p)));
    conn.onNotification('$/progress', (p: { token: string; value: any }) => this.record(() => this.progress.push(p)));
    conn.onNotification('stability-lint/status', (p: { state: string; message: string }) => this.record(() => this.statuses.push(p)));
    conn.onNotification('window/logMessage', (p: { message: string }) => this.record(() => this.logs.push(p.message)));
    conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
      p.items.map((i) => this.settings(i.scopeUri)));
    conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: any }[] }) => {
      this.record(() => this.registrations.push(...p.registrations));
      return null;
    });
    conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.record(() => this.createdTokens.push(p.token));
      return null;
    });
    conn.onRequest('workspace/diagnostic/refresh', () => {
      this.record(() => this.refreshes++);
      return null;
    });
    conn.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      this.record(() => this.applied.push(p));
      return { applied: true };
    });
  }

  static async start(options: ClientOptions): Promise<LspTestClient> {
    const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspTestClient(proc, conn, options);
    conn.listen();
    const init = await client.request('initialize', {
      processId: process.pid,
      rootUri: uri(options.folders[0]),
      workspaceFolders: options.folders.map((f) => ({ uri: uri(f), name: path.basename(f) })),
      capabilities: client.capabilities(),
    });
    client.initializeResult = init;
    client.notify('initialized', {});
    return client;
  }

  initializeResult: any;

  capabilities(): ClientCapabilities {
    const o = this.options;
    const caps: ClientCapabilities = {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: {
          documentChanges: true,
          resourceOperations: o.createFiles === false ? [] : ['create', 'rename', 'delete'],
        },
      },
      window: { workDoneProgress: true },
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
          dataSupport: true,
          ...(o.resolveEdits === false ? {} : { resolveSupport: { properties: ['edit'] } }),
        },
      },
    };
    if (o.pull) {
      caps.textDocument!.diagnostic = { dynamicRegistration: false, relatedDocumentSupport: false };
      caps.workspace!.diagnostics = { refreshSupport: true };
    }
    return caps;
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    void this.conn.sendNotification(method, params);
  }

  open(file: string, text = fs.readFileSync(file, 'utf8'), languageId = languageOf(file)): string {
    const u = uri(file);
    this.versions.set(u, 1);
    this.texts.set(u, text);
    this.notify('textDocument/didOpen', { textDocument: { uri: u, languageId, version: 1, text } });
    return u;
  }

  /** Sends incremental changes (LSP ranges against the current text) and returns the new version. */
  change(u: string, edits: TextEdit[]): number {
    const version = (this.versions.get(u) ?? 0) + 1;
    this.versions.set(u, version);
    let text = this.texts.get(u)!;
    for (const e of edits) text = applyTextEdits(text, [e]);
    this.texts.set(u, text);
    this.notify('textDocument/didChange', {
      textDocument: { uri: u, version },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    return version;
  }

  /** Replaces the whole buffer (as one incremental change over the full range). */
  replaceAll(u: string, text: string): number {
    const old = this.texts.get(u)!;
    return this.change(u, [{ range: { start: { line: 0, character: 0 }, end: endPosition(old) }, newText: text }]);
  }

  close(u: string): void {
    this.versions.delete(u);
    this.texts.delete(u);
    this.notify('textDocument/didClose', { textDocument: { uri: u } });
  }

  /** The last diagnostics published for a URI. */
  lastPublished(u: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === u) return this.published[i];
    return undefined;
  }

  async waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}\npublished: ${JSON.stringify(this.published.map((p) => [p.uri, p.version, p.diagnostics.length]))}\nstderr: ${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits until the diagnostics published for `u` satisfy `check`. */
  waitForPublished(u: string, check: (p: PublishDiagnosticsParams) => boolean, what = `diagnostics for ${u}`): Promise<PublishDiagnosticsParams> {
    return this.waitFor(what, () => {
      const p = this.lastPublished(u);
      return p && check(p) ? p : undefined;
    });
  }

  /** How many background workspace passes have reported their end through `$/progress`. */
  passEnds(): number {
    return this.progress.filter((p) => p.value.kind === 'end').length;
  }

  /** Resolves when `count` background workspace passes have reported their end through `$/progress`. */
  waitForPassEnd(count = 1): Promise<true> {
    return this.waitFor('the end of the workspace pass', () => this.passEnds() >= count || undefined);
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode === null) {
      try {
        await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
        this.notify('exit', null);
      } catch {
        // already gone
      }
      await Promise.race([this.exitCode, new Promise((r) => setTimeout(r, 2000))]);
      if (this.proc.exitCode === null) this.proc.kill();
    }
    this.conn.dispose();
  }

  private record(fn: () => void): void {
    fn();
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }
}

function languageOf(file: string): string {
  if (file.endsWith('.json')) return 'json';
  if (/\.[mc]?tsx?$/.test(file)) return 'typescript';
  if (path.basename(file).startsWith('Dockerfile')) return 'dockerfile';
  return 'javascript';
}

/** Line starts as LSP counts lines: `\r\n`, `\n` and a lone `\r` each end one (as editors do). */
function lspLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\r' || c === '\n') starts.push(i + 1);
  }
  return starts;
}

function endPosition(text: string): { line: number; character: number } {
  return positionOf(text, text.length);
}

/** The offset of an LSP position, exactly as the server's text documents place it: clamped to its line, never inside a line break. */
export function offsetOf(text: string, pos: { line: number; character: number }): number {
  const starts = lspLineStarts(text);
  if (pos.line >= starts.length) return text.length;
  if (pos.line < 0) return 0;
  const lineStart = starts[pos.line];
  if (pos.character <= 0) return lineStart;
  const next = pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length;
  let offset = Math.min(lineStart + pos.character, next);
  while (offset > lineStart && (text[offset - 1] === '\r' || text[offset - 1] === '\n')) offset--;
  return offset;
}

/** The LSP position of an offset. */
export function positionOf(text: string, offset: number): { line: number; character: number } {
  const starts = lspLineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** Applies LSP text edits (all against the same original text), as an editor does. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const withOffsets = edits.map((e) => ({ start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end), newText: e.newText }));
  withOffsets.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The text edits a workspace edit makes to one URI (from `changes` or `documentChanges`). */
export function editsFor(edit: WorkspaceEdit, u: string): TextEdit[] {
  if (edit.changes?.[u]) return edit.changes[u];
  const out: TextEdit[] = [];
  for (const c of edit.documentChanges ?? []) if ('textDocument' in c && c.textDocument.uri === u) out.push(...(c.edits as TextEdit[]));
  return out;
}

export type { Diagnostic };
