// Fixes that need the runtime shim: a client that can create files gets a create operation plus
// the shim's content in the workspace edit; one that cannot gets an import of the shim module.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { ConfigLoader } from '../../engine/config';
import { lintFile, LintSession } from '../../engine/lint-file';
import { allRules } from '../../rules';
import { SAMPLE_FILES } from './expected';
import { LspTestClient, uri, workspace } from './lsp-client';

const LOOP = SAMPLE_FILES['src/loop.ts'];
const TITLE = 'Loop only while the shutdown signal is not aborted';
/** A changed loop condition is an unsafe fix: the light bulb says so and never prefers it. */
const SHOWN = `${TITLE} (unsafe)`;

async function loopActions(client: LspTestClient, file: string): Promise<{ u: string; d: Diagnostic; actions: CodeAction[] }> {
  const u = client.open(file);
  const p = await client.waitForPublished(u, (x) => x.version === 1);
  const d = p.diagnostics.find((x) => x.code === 'unbounded-loop')!;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: u }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] },
  });
  return { u, d, actions };
}

describe('fixes that need the runtime shim', () => {
  it('a client that can create files gets a create operation with the shim, then the import and the loop edit', async () => {
    const ws = workspace({ 'package.json': '{ "name": "svc" }\n', 'src/loop.ts': LOOP });
    const client = await LspTestClient.start({ folders: [ws] });
    try {
      const file = path.join(ws, 'src/loop.ts');
      const { u, d, actions } = await loopActions(client, file);
      assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [[SHOWN, undefined], ['Disable unbounded-loop for this line', undefined]]);
      const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0]);
      // The oracle for the shim's content: what the engine's fix creates.
      const engineFix = lintFile(file, new ConfigLoader(allRules).forFile(file), new LintSession(allRules)).findings[0].fixes![0];
      const shim = engineFix.creates![0];
      assert.equal(shim.file, path.join(ws, 'src/stability-runtime.ts'));
      assert.deepEqual(resolved.edit, {
        documentChanges: [
          { kind: 'create', uri: uri(shim.file), options: { ignoreIfExists: true } },
          { textDocument: { uri: uri(shim.file), version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: shim.content }] },
          {
            textDocument: { uri: u, version: 1 },
            edits: [
              { range: { start: { line: 1, character: 9 }, end: { line: 1, character: 13 } }, newText: '!shutdownSignal().aborted' },
              { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: "import { shutdownSignal } from './stability-runtime';\n\n" },
            ],
          },
        ],
      });
      assert.equal(d.severity, 2);
    } finally {
      await client.stop();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('a client that cannot create files gets the import of the shim module, and no creation', async () => {
    const ws = workspace({ 'package.json': '{ "name": "svc" }\n', 'src/loop.ts': LOOP });
    const client = await LspTestClient.start({ folders: [ws], createFiles: false });
    try {
      const { u, actions } = await loopActions(client, path.join(ws, 'src/loop.ts'));
      assert.equal(actions[0].title, SHOWN);
      const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0]);
      assert.deepEqual(resolved.edit, {
        documentChanges: [{
          textDocument: { uri: u, version: 1 },
          edits: [
            { range: { start: { line: 1, character: 9 }, end: { line: 1, character: 13 } }, newText: '!shutdownSignal().aborted' },
            { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: "import { shutdownSignal } from 'stability-lint/runtime';\n\n" },
          ],
        }],
      });
    } finally {
      await client.stop();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('a client that cannot resolve code actions gets each edit in the list itself', async () => {
    const ws = workspace({ 'package.json': '{ "name": "svc" }\n', 'src/loop.ts': LOOP });
    const client = await LspTestClient.start({ folders: [ws], resolveEdits: false });
    try {
      const { u, actions } = await loopActions(client, path.join(ws, 'src/loop.ts'));
      assert.deepEqual(actions.map((a) => a.title), [SHOWN, 'Disable unbounded-loop for this line']);
      assert.equal((actions[0].edit!.documentChanges![0] as { kind: string }).kind, 'create');
      assert.deepEqual(actions[1].edit, {
        documentChanges: [{
          textDocument: { uri: u, version: 1 },
          edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '  // stability-lint-disable-next-line unbounded-loop\n' }],
        }],
      });
    } finally {
      await client.stop();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('the runtime.import setting wins over creating the shim', async () => {
    const ws = workspace({ 'package.json': '{ "name": "svc" }\n', 'src/loop.ts': LOOP });
    const client = await LspTestClient.start({ folders: [ws], settings: () => ({ runtime: { import: '@acme/runtime' } }) });
    try {
      const { actions } = await loopActions(client, path.join(ws, 'src/loop.ts'));
      const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0]);
      const changes = resolved.edit!.documentChanges!;
      assert.equal(changes.length, 1);
      assert.deepEqual((changes[0] as any).edits[1].newText, "import { shutdownSignal } from '@acme/runtime';\n\n");
    } finally {
      await client.stop();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
