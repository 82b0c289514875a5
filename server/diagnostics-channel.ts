// How diagnostics reach the client: pushed (`textDocument/publishDiagnostics`) or pulled
// (`textDocument/diagnostic`, `workspace/diagnostic`, LSP 3.17), chosen once from the client's
// capabilities, never both. Either way only changed lists travel.
import type {
  CancellationToken, Connection, Diagnostic, DocumentDiagnosticReport, PreviousResultId,
  WorkspaceDocumentDiagnosticReport, WorkspaceDiagnosticReport,
} from 'vscode-languageserver';
import { diagnosticsKey } from './diagnostics';

interface Entry {
  key: string;
  resultId: string;
  diagnostics: Diagnostic[];
}

export interface DiagnosticsChannel {
  readonly mode: 'push' | 'pull';
  /**
   * The current diagnostics of a file. `fromEdit`: the client itself asked for them by editing
   * (a pull client re-pulls on its own); otherwise a pull client is told to refresh.
   */
  set(uri: string, diagnostics: Diagnostic[], version: number | undefined, fromEdit?: boolean): void;
  clear(uri: string): void;
  /** Forget everything (the server is stopping, or a folder left the workspace). */
  clearAll(filter?: (uri: string) => boolean): void;
}

export class PushChannel implements DiagnosticsChannel {
  readonly mode = 'push';
  private readonly sent = new Map<string, string>();

  constructor(private readonly connection: Connection) {}

  set(uri: string, diagnostics: Diagnostic[], version: number | undefined): void {
    // The version is part of the key: a client that drops diagnostics of older versions must
    // hear that the list still holds for the new one.
    const key = `${version ?? ''}:${diagnosticsKey(diagnostics)}`;
    // A file never reported and still clean needs no message (a workspace pass over thousands of clean files).
    if ((this.sent.get(uri) ?? (version === undefined ? ':[]' : undefined)) === key) return;
    if (diagnostics.length || version !== undefined) this.sent.set(uri, key);
    else this.sent.delete(uri); // bounded: clean closed files hold no entry
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  clear(uri: string): void {
    this.set(uri, [], undefined);
  }

  clearAll(filter: (uri: string) => boolean = () => true): void {
    for (const uri of [...this.sent.keys()]) if (filter(uri)) this.clear(uri);
  }
}

export class PullChannel implements DiagnosticsChannel {
  readonly mode = 'pull';
  private readonly entries = new Map<string, Entry>();
  private nextId = 1;
  private refreshTimer: NodeJS.Timeout | undefined;
  private changeWaiters: (() => void)[] = [];

  constructor(private readonly connection: Connection, private readonly canRefresh: boolean) {}

  set(uri: string, diagnostics: Diagnostic[], _version: number | undefined, fromEdit = false): void {
    const key = diagnosticsKey(diagnostics);
    const cur = this.entries.get(uri);
    if (cur ? cur.key === key : !diagnostics.length) return; // unchanged, or clean and never reported
    this.entries.set(uri, { key, resultId: String(this.nextId++), diagnostics });
    this.changed(!fromEdit);
  }

  clear(uri: string): void {
    if (!this.entries.has(uri)) return;
    // Kept as an empty entry: a workspace report must tell the client the file is clean now.
    this.set(uri, [], undefined);
  }

  clearAll(filter: (uri: string) => boolean = () => true): void {
    for (const uri of [...this.entries.keys()]) if (filter(uri)) this.clear(uri);
  }

  /** The `textDocument/diagnostic` answer for a file whose lint is up to date. */
  document(uri: string, previousResultId: string | undefined): DocumentDiagnosticReport {
    const e = this.entries.get(uri);
    if (!e) return { kind: 'full', items: [] };
    if (previousResultId === e.resultId) return { kind: 'unchanged', resultId: e.resultId };
    return { kind: 'full', resultId: e.resultId, items: e.diagnostics };
  }

  /**
   * The `workspace/diagnostic` answer: every file whose result changed since the client's
   * previous ids. When nothing changed it waits for a change (long poll, as the protocol
   * intends) instead of answering at once and being asked again immediately.
   */
  async workspace(
    previous: PreviousResultId[],
    versionOf: (uri: string) => number | null,
    token: CancellationToken,
  ): Promise<WorkspaceDiagnosticReport> {
    const known = new Map(previous.map((p) => [p.uri, p.value]));
    for (;;) {
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      for (const [uri, e] of this.entries) {
        if (known.get(uri) === e.resultId) continue;
        items.push({ kind: 'full', uri, version: versionOf(uri), resultId: e.resultId, items: e.diagnostics });
      }
      if (items.length || token.isCancellationRequested) return { items };
      await new Promise<void>((resolve) => {
        this.changeWaiters.push(resolve);
        token.onCancellationRequested(() => resolve());
      });
    }
  }

  private changed(refresh: boolean): void {
    const waiters = this.changeWaiters;
    this.changeWaiters = [];
    for (const w of waiters) w();
    if (!refresh || !this.canRefresh || this.refreshTimer) return;
    // Coalesced: a background pass or a config change updates many files at once.
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.connection.languages.diagnostics.refresh().catch(() => undefined);
    }, 50);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const w of this.changeWaiters) w();
    this.changeWaiters = [];
  }
}
