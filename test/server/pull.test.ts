// Protocol tests, pull model (LSP 3.17): a client that declares `textDocument.diagnostic` gets
// `textDocument/diagnostic` and `workspace/diagnostic` answers and refresh requests, and never
// a single `publishDiagnostics`.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { expectedDiagnostics, SAMPLE_FILES } from './expected';
import { editsFor, LspTestClient, uri, workspace } from './lsp-client';

const FETCH_FIX = ', { signal: AbortSignal.timeout(10_000) }';

describe('language server, pull client', () => {
  let ws: string;
  let client: LspTestClient;
  let expected: Map<string, Diagnostic[]>;
  const file = (rel: string) => path.join(ws, rel);
  const pull = (u: string, previousResultId?: string) =>
    client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: u }, previousResultId });
  const pullWorkspace = (previous: { uri: string; value: string }[] = []) =>
    client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: previous });

  before(async () => {
    ws = workspace(SAMPLE_FILES);
    expected = await expectedDiagnostics(ws);
    client = await LspTestClient.start({ folders: [ws], pull: true });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('declares a diagnostic provider with workspace diagnostics', () => {
    assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, {
      identifier: 'stability-lint', interFileDependencies: true, workspaceDiagnostics: true,
    });
  });

  it('answers a document pull for the opened file, and "unchanged" for the same result id', async () => {
    const u = client.open(file('src/index.ts'));
    const report = await pull(u);
    assert.equal(report.kind, 'full');
    assert.deepEqual(report, { kind: 'full', resultId: report.resultId, items: expected.get(file('src/index.ts')) });
    assert.ok(report.resultId);
    assert.deepEqual(await pull(u, report.resultId), { kind: 'unchanged', resultId: report.resultId });
  });

  it('after edits a pull answers for the latest version only', async () => {
    const u = uri(file('src/index.ts'));
    client.change(u, [{ range: { start: { line: 1, character: 29 }, end: { line: 1, character: 29 } }, newText: FETCH_FIX }]);
    assert.deepEqual(await pull(u), { kind: 'full', resultId: (await pull(u) as any).resultId, items: [] });
    for (let i = 0; i < 15; i++) {
      client.change(u, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `// ${i}\n` }]);
    }
    client.replaceAll(u, SAMPLE_FILES['src/index.ts']);
    const report = await pull(u);
    assert.equal(report.kind, 'full');
    assert.deepEqual((report as any).items, expected.get(file('src/index.ts')));
  });

  it('reports closed files through workspace/diagnostic after the background pass', async () => {
    await client.waitForPassEnd();
    const report = await pullWorkspace();
    const byUri = new Map(report.items.map((i) => [i.uri, i]));
    for (const rel of ['package.json', 'src/two.ts', 'src/loop.ts']) {
      const item = byUri.get(uri(file(rel)))!;
      assert.deepEqual(item, { kind: 'full', uri: uri(file(rel)), version: null, resultId: (item as any).resultId, items: expected.get(file(rel)) }, rel);
    }
    assert.equal(byUri.get(uri(file('src/index.ts')))!.version, client.versions.get(uri(file('src/index.ts'))));
    assert.equal(byUri.has(uri(file('src/clean.ts'))), false, 'a clean file never reported costs nothing');
    await client.waitFor('the end of the pass asking the client to pull again', () => client.refreshes >= 1);
  });

  it('asks for a refresh when a cross-file fact changes; the workspace pull then has the new package.json report', async () => {
    const first = await pullWorkspace();
    const previous = first.items.map((i) => ({ uri: i.uri, value: (i as any).resultId as string }));
    const refreshesBefore = client.refreshes;
    const docker = client.open(file('Dockerfile'));
    client.replaceAll(docker, 'FROM node:20\nCMD ["npm", "start"]\n');
    await client.waitFor('a refresh request', () => client.refreshes > refreshesBefore);
    const next = await pullWorkspace(previous);
    fs.writeFileSync(file('Dockerfile'), 'FROM node:20\nCMD ["npm", "start"]\n');
    const now = await expectedDiagnostics(ws);
    fs.writeFileSync(file('Dockerfile'), SAMPLE_FILES.Dockerfile);
    const pkg = next.items.find((i) => i.uri === uri(file('package.json')))!;
    assert.deepEqual((pkg as any).items, now.get(file('package.json')));
    // The edited Dockerfile's own process-manager-limits finding went too; nothing else changed.
    assert.deepEqual(next.items.map((i) => i.uri).sort(), [uri(file('Dockerfile')), uri(file('package.json'))].sort(), 'only what changed is reported');
    assert.deepEqual((next.items.find((i) => i.uri === uri(file('Dockerfile'))) as any).items, now.get(file('Dockerfile')) ?? []);
    client.close(docker);
  });

  it('a quick fix applied clears the finding in the next pull', async () => {
    const u = client.open(file('src/two.ts'));
    const report = await pull(u) as any;
    const [d1, d2] = report.items as Diagnostic[];
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u }, range: d1.range, context: { diagnostics: [d1], only: ['quickfix'] },
    });
    // A timeout is an unsafe fix: marked in its title and never the preferred one.
    assert.equal(actions[0].title, 'Add `signal: AbortSignal.timeout(10_000)` (unsafe)');
    assert.equal(actions[0].isPreferred, undefined);
    const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0]);
    client.change(u, editsFor(resolved.edit!, u));
    assert.deepEqual((await pull(u) as any).items, [d2]);
    client.replaceAll(u, SAMPLE_FILES['src/two.ts']);
    assert.equal((await pull(u) as any).items.length, 2);
  });

  it('a settings change re-lints and asks for a refresh', async () => {
    const u = uri(file('src/two.ts'));
    const before = client.refreshes;
    // Ordered by protocol events, not time: a refresh left over from an earlier edit can arrive
    // before the server has even read the new settings, so the pull waits for the re-lint's
    // workspace pass to end (by then the open file is marked stale, and the pull waits for it).
    const passes = client.passEnds();
    client.settings = () => ({ rules: { 'missing-timeout': 'info' } });
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitForPassEnd(passes + 1);
    await client.waitFor('a refresh after the settings change', () => client.refreshes > before);
    const report = await pull(u) as any;
    assert.deepEqual(report.items, expected.get(file('src/two.ts'))!.map((d) => ({ ...d, severity: 3 })));
    const refreshed = client.refreshes;
    client.settings = () => ({});
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitForPassEnd(passes + 2);
    await client.waitFor('the refresh back to defaults', () => client.refreshes > refreshed);
    assert.deepEqual((await pull(u) as any).items, expected.get(file('src/two.ts')));
  });

  it('never pushes diagnostics to a pull client', () => {
    assert.equal(client.published.length, 0);
  });

  it('honours shutdown and exit', async () => {
    assert.equal(await client.request('shutdown', null), null);
    client.notify('exit', null);
    assert.equal(await client.exitCode, 0);
  });
});
