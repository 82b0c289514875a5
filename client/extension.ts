// The VS Code extension: starts the language server over Node IPC and stays thin. Every
// decision about code lives in the server; this file only wires commands, the status bar and
// the output channel, sharing the settings shape with the server.
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest, LanguageClient, State, TransportKind,
  type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, SERVER_COMMANDS, STATUS_NOTIFICATION, type StatusParams } from '../shared/protocol';
import { normalizeSettings, SETTINGS_SECTION } from '../shared/settings';

const NAME = 'stability-lint';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // languageclient 11 logs through a LogOutputChannel.
  const output = vscode.window.createOutputChannel(NAME, { log: true });
  const status = vscode.window.createStatusBarItem('stability-lint.status', vscode.StatusBarAlignment.Right, 0);
  status.name = NAME;
  status.command = CLIENT_COMMANDS.showOutput;
  showStatus(status, { state: 'linting', message: 'stability-lint: starting…' });
  status.show();
  context.subscriptions.push(output, status);

  const start = async () => {
    client = createClient(context, output);
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) showStatus(status, { state: 'error', message: 'stability-lint: server stopped (run "Restart Server")' });
      if (e.newState === State.Starting) showStatus(status, { state: 'linting', message: 'stability-lint: starting…' });
    });
    await client.start();
    client.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => showStatus(status, s));
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(CLIENT_COMMANDS.fixAll, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!client || !editor) return;
      const doc = editor.document;
      await client.sendRequest(ExecuteCommandRequest.type, {
        command: SERVER_COMMANDS.applyFixAll,
        arguments: [{ uri: client.code2ProtocolConverter.asUri(doc.uri), version: doc.version }],
      });
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.lintWorkspace, async () => {
      if (!client) return;
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'stability-lint: linting workspace' },
        () => client!.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.lintWorkspace, arguments: [] }),
      );
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.restart, async () => {
      if (client) await client.stop().catch(() => undefined);
      await start();
    }),
    // How diagnostics are pulled depends on `run`, fixed when the client starts: restart on change.
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration(`${SETTINGS_SECTION}.run`) || !client) return;
      await client.stop().catch(() => undefined);
      await start();
    }),
  );

  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const settings = normalizeSettings(vscode.workspace.getConfiguration().get(SETTINGS_SECTION));
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'typescript' },
      { scheme: 'file', language: 'typescriptreact' },
      { scheme: 'file', language: 'javascript' },
      { scheme: 'file', language: 'javascriptreact' },
      { scheme: 'file', pattern: '**/package.json' },
      { scheme: 'file', pattern: '**/stability-lint.config.json' },
      { scheme: 'file', pattern: '**/ecosystem.config.json' },
      { scheme: 'file', pattern: '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Procfile}' },
    ],
    outputChannel: output,
    diagnosticPullOptions: { onChange: settings.run === 'onType', onSave: true },
  };
  return new LanguageClient('stabilityLint', NAME, serverOptions, clientOptions);
}

function showStatus(item: vscode.StatusBarItem, s: StatusParams): void {
  const icon = s.state === 'linting' ? '$(sync~spin)' : s.state === 'error' ? '$(warning)' : '$(check)';
  item.text = `${icon} ${NAME}`;
  item.tooltip = s.message;
  item.backgroundColor = s.state === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
}
