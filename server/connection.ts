// The protocol loop: reads the client's capabilities once, declares ours, and turns each LSP
// message into a call on the lint service, the diagnostics channel or the code actions. No
// linting decisions live here.
import * as fs from 'node:fs';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType,
  TextDocumentSyncKind, TextDocuments, type ClientCapabilities, type CodeAction, type Connection,
  type InitializeResult, type ServerCapabilities,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Rule } from '../engine/types';
import { version as SERVER_VERSION } from '../package.json';
import { FIX_ALL_KIND, MEMORY_REQUEST, SERVER_COMMANDS, type MemoryResult } from '../shared/protocol';
import { normalizeSettings, type Settings, SETTINGS_SECTION } from '../shared/settings';
import { fixAllEdit, resolveCodeAction, resolvedCodeActions, type ActionData, type CodeActionHost, type DocumentState, type EditCapabilities } from './code-actions';
import { PullChannel, PushChannel, type DiagnosticsChannel } from './diagnostics-channel';
import { LintService } from './lint-service';
import { fileUri, uriToFile } from './paths';

/** Files whose changes on disk matter: sources, manifests, configs, process files, ignore files. */
const WATCHED = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  // Every JSON file: config, package.json, tsconfig, and the files rules ask about (nodemon.json).
  '**/{*.json,.gitignore}',
  '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Procfile}',
];

export function startServer(connection: Connection, rules: ReadonlyMap<string, Rule<any>>, opts: { workerScript?: string; onFirstLint?: () => void } = {}): void {
  const documents = new TextDocuments(TextDocument);
  let caps: ClientCapabilities = {};
  let channel: DiagnosticsChannel;
  let service: LintService;
  let editCaps: EditCapabilities;
  let folderUris: string[] = [];
  /** Settings pushed by clients that cannot answer `workspace/configuration`. */
  let pushedSettings: unknown;
  let ready: Promise<void> = Promise.resolve();

  const settingsFor = async (scopeUri: string | undefined): Promise<Settings> => {
    if (caps.workspace?.configuration) {
      try {
        return normalizeSettings(await connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }));
      } catch {
        // A client that fails the request still gets linted, with defaults.
      }
    }
    return normalizeSettings(pushedSettings);
  };

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    pushedSettings = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    const pull = caps.textDocument?.diagnostic !== undefined;
    channel = pull ? new PullChannel(connection, !!caps.workspace?.diagnostics?.refreshSupport) : new PushChannel(connection);
    const resourceOps = caps.workspace?.workspaceEdit?.resourceOperations ?? [];
    editCaps = {
      documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
      createFiles: resourceOps.includes('create'),
      resolveEdit: !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit'),
    };
    service = new LintService({
      connection, documents, channel, rules, settingsFor, workerScript: opts.workerScript, onFirstLint: opts.onFirstLint,
      importShim: !(editCaps.createFiles && editCaps.documentChanges),
    });
    folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);

    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
      executeCommandProvider: { commands: [SERVER_COMMANDS.applyFixAll, SERVER_COMMANDS.lintWorkspace] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    if (pull) {
      capabilities.diagnosticProvider = { identifier: 'stability-lint', interFileDependencies: true, workspaceDiagnostics: true };
    }
    return { capabilities, serverInfo: { name: 'stability-lint', version: SERVER_VERSION } };
  });

  connection.onInitialized(() => {
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    }
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) })
        .catch(() => undefined);
    }
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) service.removeFolder(f.uri);
        ready = ready.then(async () => {
          await service.addFolders(e.added.map((f) => f.uri));
          await service.startBackgroundPasses();
        });
      });
    }
    ready = (async () => {
      await service.addFolders(folderUris);
      // Not awaited: the background pass must not hold up the open documents' first lint.
      void service.startBackgroundPasses();
    })().catch((e) => service.logError('start-up failed', e));
  });

  // Every document handler waits for start-up (settings fetched, projects created).
  // didOpen also fires a content change, right after: the open handler schedules that lint. (Not
  // told apart by version: a client may send a change with the version it opened with.)
  const justOpened = new Set<string>();
  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    service.documentEdited(e.document.uri);
    void ready.then(() => service.documentOpened(e.document));
  });
  documents.onDidChangeContent((e) => {
    if (justOpened.delete(e.document.uri)) return;
    service.documentEdited(e.document.uri);
    void ready.then(() => service.documentChanged(e.document));
  });
  documents.onDidSave((e) => void ready.then(() => service.documentSaved(e.document)));
  documents.onDidClose((e) => {
    justOpened.delete(e.document.uri);
    void ready.then(() => service.documentClosed(e.document.uri));
  });

  connection.onDidChangeConfiguration((params) => {
    const s = (params.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    if (s !== undefined) pushedSettings = s;
    void ready.then(() => service.settingsChanged()).catch((e) => service.logError('settings update failed', e));
  });

  connection.onDidChangeWatchedFiles((params) => {
    const type = (t: FileChangeType) => (t === FileChangeType.Created ? 'created' : t === FileChangeType.Deleted ? 'deleted' : 'changed');
    void ready.then(() => service.filesChanged(params.changes.map((c) => ({ uri: c.uri, type: type(c.type) }))));
  });

  // ---- pull diagnostics (only registered for clients that declared them) ----
  connection.languages.diagnostics.on(async (params) => {
    await ready;
    await service.whenLinted(params.textDocument.uri);
    return (channel as PullChannel).document(params.textDocument.uri, params.previousResultId);
  });
  connection.languages.diagnostics.onWorkspace(async (params, token) => {
    await ready;
    return (channel as PullChannel).workspace(params.previousResultIds, (uri) => service.resultVersionOf(uri), token);
  });

  // ---- code actions ----
  const host = (file: string): CodeActionHost | undefined => {
    const project = service.projectFor(file);
    if (!project) return undefined;
    return {
      project,
      caps: editCaps,
      versionOf: (other) => documents.get(fileUri(other))?.version ?? null,
      textOf: (other) => documents.get(fileUri(other))?.getText() ?? readText(other),
    };
  };
  /** The open document as last linted, or undefined when its findings are not of its current text. */
  const documentState = (uri: string): { doc: DocumentState; host: CodeActionHost } | undefined => {
    const d = documents.get(uri);
    const file = uriToFile(uri);
    if (!d || !file || !service.isCurrent(uri)) return undefined;
    const h = host(file);
    const lineStarts = h?.project.lineStarts(file);
    if (!h || !lineStarts) return undefined;
    return { doc: { uri, file, version: d.version, text: d.getText(), lineStarts }, host: h };
  };

  connection.onCodeAction(async (params) => {
    await ready;
    await service.whenLinted(params.textDocument.uri);
    const state = documentState(params.textDocument.uri);
    if (!state) return [];
    return resolvedCodeActions(params, state.doc, state.host.project.findings(state.doc.file), state.host);
  });

  connection.onCodeActionResolve(async (action: CodeAction) => {
    await ready;
    const data = action.data as ActionData | undefined;
    if (!data) return action;
    await service.whenLinted(data.uri);
    const state = documentState(data.uri);
    if (!state) return action;
    return resolveCodeAction(action, state.doc, state.host.project.findings(state.doc.file), state.host);
  });

  connection.onExecuteCommand(async (params) => {
    await ready;
    if (params.command === SERVER_COMMANDS.lintWorkspace) {
      service.relintAll();
      await service.passesDone();
      return;
    }
    if (params.command === SERVER_COMMANDS.applyFixAll) {
      const arg = params.arguments?.[0] as { uri?: string; version?: number } | undefined;
      if (!arg?.uri) return;
      await service.whenLinted(arg.uri);
      const state = documentState(arg.uri);
      if (!state || (arg.version !== undefined && arg.version !== state.doc.version)) return;
      const edit = fixAllEdit(state.doc, state.host);
      if (edit) await connection.workspace.applyEdit({ label: 'Fix all stability-lint problems', edit });
    }
  });

  connection.onRequest(MEMORY_REQUEST, (): MemoryResult => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    return { heapUsed: m.heapUsed, rss: m.rss, external: m.external };
  });

  connection.onShutdown(() => {
    service?.stop();
    if (channel instanceof PullChannel) channel.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
