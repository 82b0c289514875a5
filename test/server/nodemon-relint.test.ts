// Regression (issue 10): the language server re-lints a package.json when a nodemon.json beside
// it is created or deleted: the quick fix that drops the watcher becomes a suggestion (not
// preferred, not part of fix-all) and back. Ordered by the protocol alone: the watched-file
// notification marks the package.json stale, so the next pull and code action wait for its re-lint.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, uri, workspace } from './lsp-client';

const PKG = '{\n  "name": "svc",\n  "scripts": {\n    "start": "nodemon src/index.js"\n  }\n}\n';

it('a nodemon.json created, then deleted, beside an open package.json re-lints it', async () => {
  const ws = workspace({ 'package.json': PKG, 'src/index.js': 'console.log(1);\n' });
  const client = await LspTestClient.start({ folders: [ws], pull: true });
  const nodemon = path.join(ws, 'nodemon.json');
  try {
    await client.waitForPassEnd();
    const u = client.open(path.join(ws, 'package.json'));
    const dropWatcher = async (): Promise<CodeAction | undefined> => {
      const report = await client.request('textDocument/diagnostic', { textDocument: { uri: u } });
      const d = (report.items as Diagnostic[]).find((x) => x.code === 'watch-mode-script')!;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
      return actions.find((a) => a.title.startsWith('Run without the watcher'));
    };
    assert.equal((await dropWatcher())?.isPreferred, true, 'no nodemon.json: a fix, preferred');
    fs.writeFileSync(nodemon, '{ "exec": "node -r dotenv/config" }\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(nodemon), type: 1 }] });
    const suggestion = await dropWatcher();
    assert.ok(suggestion, 'still offered');
    assert.equal(suggestion.isPreferred, undefined, 'nodemon.json may change what runs: a suggestion only');
    fs.rmSync(nodemon);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(nodemon), type: 3 }] });
    assert.equal((await dropWatcher())?.isPreferred, true, 'deleted again: the fix is back');
  } finally {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

it('the server watches every JSON file, so nodemon.json changes reach it', async () => {
  const ws = workspace({ 'package.json': PKG });
  const client = await LspTestClient.start({ folders: [ws] });
  try {
    await client.waitFor('the watcher registration', () => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const globs = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions.watchers.map((w: { globPattern: string }) => w.globPattern);
    assert.ok(globs.includes('**/{*.json,.gitignore}'), globs.join(' '));
  } finally {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
