// Protocol tests, push model: the real server process over stdio, a client that does not
// declare pull diagnostics, so everything arrives as `textDocument/publishDiagnostics`.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { expectedDiagnostics, SAMPLE_FILES } from './expected';
import { applyTextEdits, editsFor, LspTestClient, uri, workspace } from './lsp-client';

const FETCH_FIX = ', { signal: AbortSignal.timeout(10_000) }';
/** A class whose close() ends a pg pool with no guard (a safe fix), closed on SIGTERM, and a fetch with no timeout (an unsafe one). */
const DB = [
  "import { Pool } from 'pg';",
  '',
  'export class Db {',
  '  pool = new Pool({ connectionTimeoutMillis: 5000 });',
  '  async close() {',
  '    await this.pool.end();',
  '  }',
  '  ping(url: string) {',
  '    return fetch(url);',
  '  }',
  '}',
  '',
  'export const db = new Db();',
  "process.on('SIGTERM', () => db.close());",
  '',
].join('\n');
const DB_FIXED = DB
  .replace('export class Db {\n', 'export class Db {\n  #closed = false;\n')
  .replace('  async close() {\n', '  async close() {\n    if (this.#closed) return;\n    this.#closed = true;\n');

describe('language server, push client', () => {
  let ws: string;
  let client: LspTestClient;
  let expected: Map<string, Diagnostic[]>;
  const file = (rel: string) => path.join(ws, rel);

  before(async () => {
    ws = workspace(SAMPLE_FILES);
    expected = await expectedDiagnostics(ws);
    client = await LspTestClient.start({ folders: [ws] });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('declares push diagnostics only, incremental sync, quick fixes with resolve, fix-all and its commands', () => {
    assert.deepEqual(client.initializeResult, {
      capabilities: {
        textDocumentSync: { openClose: true, change: 2, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.stability-lint'], resolveProvider: true },
        executeCommandProvider: { commands: ['stability-lint.server.applyFixAll', 'stability-lint.server.lintWorkspace'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'stability-lint', version: '0.1.0' },
    });
  });

  it('publishes the opened file first, then the whole workspace after a pass reported through $/progress', async () => {
    const u = client.open(file('src/index.ts'));
    const first = await client.waitForPublished(u, () => true);
    assert.deepEqual(first, { uri: u, version: 1, diagnostics: expected.get(file('src/index.ts')) });
    assert.equal(client.published[0].uri, u, 'the open file is published before any other');
    assert.equal(expected.get(file('src/index.ts'))!.length, 1);

    await client.waitForPassEnd();
    for (const rel of ['package.json', 'src/two.ts', 'src/loop.ts']) {
      const p = client.lastPublished(uri(file(rel)));
      assert.deepEqual(p, { uri: uri(file(rel)), diagnostics: expected.get(file(rel)) }, rel);
    }
    // The Dockerfile raises the worker script to an error: a cross-file finding, settled at the end.
    assert.equal(expected.get(file('package.json'))!.map((d) => d.severity).join(), '1,1');
    assert.equal(client.lastPublished(uri(file('src/clean.ts'))), undefined, 'clean files cost no message');
    // The Dockerfile runs that watch script: process-manager-limits reports its CMD line.
    assert.deepEqual(client.lastPublished(uri(file('Dockerfile'))), { uri: uri(file('Dockerfile')), diagnostics: expected.get(file('Dockerfile')) });
    assert.deepEqual(expected.get(file('Dockerfile'))!.map((d) => `${d.range.start.line}:${d.code}`), ['1:process-manager-limits']);

    assert.equal(client.createdTokens.length, 1);
    const token = client.createdTokens[0];
    const kinds = client.progress.filter((p) => p.token === token).map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.deepEqual(client.progress[0].value, { kind: 'begin', title: 'stability-lint', cancellable: false, message: 'Linting 6 files', percentage: 0 });
    assert.deepEqual(client.registrations.map((r) => r.method).sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
    assert.equal(client.statuses[0].state, 'linting');
    await client.waitFor('the ready status', () => client.statuses.at(-1)?.state === 'ready');
    assert.deepEqual(client.statuses.at(-1), { state: 'ready', message: 'stability-lint: workspace linted' });
  });

  it('publishes the new version after an edit', async () => {
    const u = uri(file('src/index.ts'));
    const v = client.change(u, [{ range: { start: { line: 1, character: 29 }, end: { line: 1, character: 29 } }, newText: FETCH_FIX }]);
    assert.equal(v, 2);
    assert.deepEqual(await client.waitForPublished(u, (p) => p.version === 2), { uri: u, version: 2, diagnostics: [] });
    const back = client.change(u, [{ range: { start: { line: 1, character: 29 }, end: { line: 1, character: 29 + FETCH_FIX.length } }, newText: '' }]);
    assert.deepEqual(await client.waitForPublished(u, (p) => p.version === back), { uri: u, version: back, diagnostics: expected.get(file('src/index.ts')) });
  });

  it('after a burst of edits publishes only the latest version', async () => {
    const u = uri(file('src/index.ts'));
    const from = client.published.length;
    let last = 0;
    for (let i = 0; i < 20; i++) {
      last = client.change(u, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `// ${i}\n` }]);
    }
    const p = await client.waitForPublished(u, (x) => x.version === last);
    await new Promise((r) => setTimeout(r, 300));
    const versions = client.published.slice(from).filter((x) => x.uri === u).map((x) => x.version);
    assert.deepEqual(versions, [last]);
    const moved = expected.get(file('src/index.ts'))!.map((d) => ({
      ...d, range: { start: { ...d.range.start, line: d.range.start.line + 20 }, end: { ...d.range.end, line: d.range.end.line + 20 } },
    }));
    assert.deepEqual(p.diagnostics, moved);
    const v = client.replaceAll(u, SAMPLE_FILES['src/index.ts']);
    await client.waitForPublished(u, (x) => x.version === v);
  });

  it('offers an unsafe fix marked and not preferred, and disable-line, as quick fixes; the resolved fix clears the finding', async () => {
    const u = client.open(file('src/two.ts'));
    const pub = await client.waitForPublished(u, (p) => p.version === 1);
    const [d1, d2] = pub.diagnostics;
    assert.deepEqual(pub.diagnostics, expected.get(file('src/two.ts')));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u }, range: d1.range, context: { diagnostics: [d1], only: ['quickfix'] },
    });
    assert.deepEqual(actions.map((a) => ({ title: a.title, kind: a.kind, isPreferred: a.isPreferred, diagnostics: a.diagnostics, edit: a.edit })), [
      { title: 'Add `signal: AbortSignal.timeout(10_000)` (unsafe)', kind: 'quickfix', isPreferred: undefined, diagnostics: [d1], edit: undefined },
      { title: 'Disable missing-timeout for this line', kind: 'quickfix', isPreferred: undefined, diagnostics: [d1], edit: undefined },
    ]);
    const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0]);
    assert.deepEqual(resolved.edit, {
      documentChanges: [{
        textDocument: { uri: u, version: 1 },
        edits: [{ range: { start: { line: 1, character: 25 }, end: { line: 1, character: 25 } }, newText: FETCH_FIX }],
      }],
    });
    const v = client.change(u, editsFor(resolved.edit!, u));
    const after = await client.waitForPublished(u, (p) => p.version === v);
    assert.deepEqual(after.diagnostics, [d2]);
    assert.equal(client.texts.get(u), SAMPLE_FILES['src/two.ts'].replace('fetch(a)', `fetch(a${FETCH_FIX})`));
  });

  it('disable-line inserts the suppression comment with the line\'s indentation', async () => {
    const u = uri(file('src/two.ts'));
    const d2 = client.lastPublished(u)!.diagnostics[0];
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u }, range: d2.range, context: { diagnostics: [d2] },
    });
    const disable = actions.find((a) => a.title === 'Disable missing-timeout for this line')!;
    const resolved = await client.request<CodeAction>('codeAction/resolve', disable);
    assert.deepEqual(editsFor(resolved.edit!, u), [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '  // stability-lint-disable-next-line missing-timeout\n' },
    ]);
    const v = client.change(u, editsFor(resolved.edit!, u));
    assert.deepEqual(await client.waitForPublished(u, (p) => p.version === v), { uri: u, version: v, diagnostics: [] });
    const reset = client.replaceAll(u, SAMPLE_FILES['src/two.ts']);
    await client.waitForPublished(u, (p) => p.version === reset);
  });

  it('fix-all applies safe fixes only: none for a file whose fixes are all unsafe (timeouts)', async () => {
    const u = uri(file('src/two.ts'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.stability-lint'] },
    });
    assert.deepEqual(actions, []);
    // Closing the buffer brings back what the disk says.
    client.close(u);
    assert.deepEqual(await client.waitForPublished(u, (p) => p.version === undefined && p.diagnostics.length === 2), {
      uri: u, diagnostics: expected.get(file('src/two.ts')),
    });
  });

  it('fix-all: a source.fixAll.stability-lint action, resolved lazily, and the fix-all command through workspace/applyEdit; the unsafe fix is left', async () => {
    fs.writeFileSync(file('src/db.ts'), DB);
    const u = client.open(file('src/db.ts'));
    await client.waitForPublished(u, (p) => p.version === 1 && p.diagnostics.length === 2);
    const fixed = DB_FIXED;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.stability-lint'] },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.edit]), [['Fix all stability-lint problems', 'source.fixAll.stability-lint', undefined]]);
    const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0]);
    assert.equal(applyTextEdits(client.texts.get(u)!, editsFor(resolved.edit!, u)), fixed);

    const version = client.versions.get(u)!;
    await client.request('workspace/executeCommand', { command: 'stability-lint.server.applyFixAll', arguments: [{ uri: u, version }] });
    const applied = client.applied.at(-1)!;
    assert.equal(applied.label, 'Fix all stability-lint problems');
    assert.deepEqual(applied.edit, resolved.edit);
    const v = client.change(u, editsFor(applied.edit, u));
    assert.equal(client.texts.get(u), fixed);
    const after = await client.waitForPublished(u, (p) => p.version === v);
    assert.deepEqual(after.diagnostics.map((d) => d.code), ['missing-timeout'], 'the unsafe timeout is not applied on save');
    // Closing the buffer brings back what the disk says.
    client.close(u);
    await client.waitForPublished(u, (p) => p.version === undefined && p.diagnostics.length === 2);
    fs.rmSync(file('src/db.ts'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: u, type: 3 }] });
    await client.waitForPublished(u, (p) => p.diagnostics.length === 0);
  });

  it('a settings change re-lints open and closed files', async () => {
    const index = uri(file('src/index.ts'));
    const two = uri(file('src/two.ts'));
    client.settings = () => ({ rules: { 'missing-timeout': 'off' } });
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitForPublished(index, (p) => p.diagnostics.length === 0);
    await client.waitForPublished(two, (p) => p.diagnostics.length === 0);
    client.settings = () => ({});
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitForPublished(index, (p) => p.diagnostics.length === 1);
    assert.deepEqual(await client.waitForPublished(two, (p) => p.diagnostics.length === 2), { uri: two, diagnostics: expected.get(file('src/two.ts')) });
  });

  it('a config file change re-lints; a broken config shows one diagnostic at its line:column and linting goes on with defaults', async () => {
    const cfg = file('stability-lint.config.json');
    const two = uri(file('src/two.ts'));
    fs.writeFileSync(cfg, '{\n  "rules": { "missing-timeout": "off" }\n}\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(cfg), type: 1 }] });
    await client.waitForPublished(two, (p) => p.diagnostics.length === 0);

    fs.writeFileSync(cfg, '{\n  "rules": { "missing-timeout": "of" }\n}\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(cfg), type: 2 }] });
    const broken = await client.waitForPublished(uri(cfg), (p) => p.diagnostics.length === 1);
    assert.deepEqual(broken, {
      uri: uri(cfg),
      diagnostics: [{
        range: { start: { line: 1, character: 32 }, end: { line: 1, character: 32 } },
        severity: 1,
        source: 'stability-lint',
        message: 'Invalid stability-lint configuration: rule "missing-timeout": invalid severity "of"; use one of off, info, warn, error; ' +
          'did you mean "off"? Files under this folder are linted with the default settings until it is fixed.',
      }],
    });
    assert.deepEqual(await client.waitForPublished(two, (p) => p.diagnostics.length === 2), { uri: two, diagnostics: expected.get(file('src/two.ts')) });

    fs.rmSync(cfg);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(cfg), type: 3 }] });
    assert.deepEqual(await client.waitForPublished(uri(cfg), (p) => p.diagnostics.length === 0), { uri: uri(cfg), diagnostics: [] });
  });

  it('refreshes a closed file whose cross-file finding depends on an edited one', async () => {
    const docker = client.open(file('Dockerfile'));
    const pkg = uri(file('package.json'));
    const before = client.lastPublished(pkg)!;
    client.replaceAll(docker, 'FROM node:20\nCMD ["npm", "start"]\n');
    const refreshed = await client.waitForPublished(pkg, (p) => p !== before && p.diagnostics[1]?.severity === 3);
    // The oracle: the CLI over the same text on disk.
    fs.writeFileSync(file('Dockerfile'), 'FROM node:20\nCMD ["npm", "start"]\n');
    const now = await expectedDiagnostics(ws);
    assert.deepEqual(refreshed, { uri: pkg, diagnostics: now.get(file('package.json')) });
    assert.deepEqual(now.get(file('package.json'))!.map((d) => d.severity), [1, 3]);
    fs.writeFileSync(file('Dockerfile'), SAMPLE_FILES.Dockerfile);
    client.close(docker);
    await client.waitForPublished(pkg, (p) => p.diagnostics[1]?.severity === 1);
  });

  it('package.json findings sit at the exact range inside the JSON, with a fix that drops the watcher', async () => {
    const pkg = client.open(file('package.json'));
    const d = expected.get(file('package.json'))!;
    assert.deepEqual(d[0].range, { start: { line: 3, character: 14 }, end: { line: 3, character: 23 } });
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: pkg }, range: d[0].range, context: { diagnostics: [d[0]], only: ['quickfix'] },
    });
    assert.ok(actions.length >= 1 && actions[0].isPreferred);
    assert.ok(actions.every((a) => !a.title.startsWith('Disable')), 'JSON has no comments to disable with');
    const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0]);
    const v = client.change(pkg, editsFor(resolved.edit!, pkg));
    assert.match(client.texts.get(pkg)!, /"start": "tsx src\/index.ts"/);
    const p = await client.waitForPublished(pkg, (x) => x.version === v);
    assert.deepEqual(p.diagnostics.map((x) => x.range.start.line), [4]);
    client.close(pkg);
  });

  it('survives bad input: syntax errors, binary and huge buffers; keeps answering', async () => {
    const bad = file('src/bad.ts');
    fs.writeFileSync(bad, 'export function (\n');
    const exp = await expectedDiagnostics(ws);
    const u = client.open(bad);
    const p = await client.waitForPublished(u, (x) => x.version === 1);
    assert.equal(p.diagnostics.length, 1);
    assert.deepEqual(p.diagnostics[0], {
      range: { start: exp.get(bad)![0].range.start, end: exp.get(bad)![0].range.start },
      severity: 1, source: 'stability-lint', message: exp.get(bad)![0].message,
    });
    assert.match(String(p.diagnostics[0].message), /^Parsing error: /);

    const v2 = client.replaceAll(u, 'const a = 1;\u0000\u0001\u0002');
    assert.deepEqual((await client.waitForPublished(u, (x) => x.version === v2)).diagnostics.map((d) => [d.message, d.severity]), [['Skipped: binary file', 3]]);

    const huge = 'export const x = 1;\n'.repeat(160_000);
    const v3 = client.replaceAll(u, huge);
    assert.deepEqual((await client.waitForPublished(u, (x) => x.version === v3)).diagnostics.map((d) => [d.message, d.severity]),
      [['Skipped: file is 3.1 MB, over the 2.0 MB limit (maxFileSize)', 3]]);

    const v4 = client.replaceAll(u, 'export async function f(u: string) { return fetch(u); }\n');
    const ok = await client.waitForPublished(u, (x) => x.version === v4);
    assert.deepEqual(ok.diagnostics.map((d) => d.code), ['missing-timeout']);
    client.close(u);
    fs.rmSync(bad);
  });

  it('honours shutdown and exit promptly', async () => {
    const t0 = Date.now();
    assert.equal(await client.request('shutdown', null), null);
    client.notify('exit', null);
    assert.equal(await client.exitCode, 0);
    assert.ok(Date.now() - t0 < 1000, `took ${Date.now() - t0} ms`);
  });
});
