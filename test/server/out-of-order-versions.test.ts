// A client's version numbers are not trusted to tell texts apart: a change that repeats the
// version the document was opened with, or goes back, is still linted, and a pull answers for it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, uri, workspace } from './lsp-client';

it('changes with repeated or lower versions are linted, and pulls answer for the latest text', async () => {
  const ws = workspace({ 'package.json': '{ "name": "w" }\n', 'src/a.ts': 'export const ok = 1;\n' });
  const client = await LspTestClient.start({ folders: [ws], pull: true });
  try {
    const u = client.open(path.join(ws, 'src/a.ts'));
    const pull = async () => ((await client.request('textDocument/diagnostic', { textDocument: { uri: u } })).items as Diagnostic[]).map((d) => d.code);
    assert.deepEqual(await pull(), []);
    const send = (version: number, text: string) => {
      client.texts.set(u, text);
      client.notify('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: [{ text }] });
    };
    send(1, 'export async function f() { return fetch("/x"); }\n'); // the version it was opened with
    assert.deepEqual(await pull(), ['missing-timeout']);
    send(0, 'export const ok = 2;\n'); // lower
    assert.deepEqual(await pull(), []);
    send(1, 'export async function g() { return fetch("/y"); }\n'); // a version seen before, another text
    assert.deepEqual(await pull(), ['missing-timeout']);
  } finally {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
