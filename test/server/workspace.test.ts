// Workspace-level behaviour: several roots with their own settings, closed files kept current
// from disk changes, `run: onSave`, `enable: false`, and the lint-workspace command.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { expectedDiagnostics, SAMPLE_FILES } from './expected';
import { LspTestClient, uri, workspace } from './lsp-client';

const FETCH = 'export async function get(u: string) {\n  return fetch(u);\n}\n';

describe('language server, workspace', () => {
  it('lints each root of a multi-root workspace with that root\'s settings', async () => {
    const a = workspace({ 'package.json': '{ "name": "a" }\n', 'src/get.ts': FETCH });
    const b = workspace({ 'package.json': '{ "name": "b" }\n', 'src/get.ts': FETCH });
    const client = await LspTestClient.start({
      folders: [a, b],
      settings: (scope) => (scope === uri(b) ? { rules: { 'missing-timeout': 'error' } } : {}),
    });
    try {
      await client.waitForPassEnd(2);
      const da = client.lastPublished(uri(path.join(a, 'src/get.ts')))!;
      const db = client.lastPublished(uri(path.join(b, 'src/get.ts')))!;
      assert.deepEqual(da.diagnostics, (await expectedDiagnostics(a)).get(path.join(a, 'src/get.ts')));
      assert.deepEqual(db.diagnostics, da.diagnostics.map((d) => ({ ...d, severity: 1 })));
      assert.equal(da.diagnostics[0].severity, 2);
    } finally {
      await client.stop();
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  });

  it('the workspace pass leaves out compiled copies of the sources, also when the compiler rewrites them', async () => {
    const compiled = '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.get = void 0;\nasync function get(u) {\n  return fetch(u);\n}\nexports.get = get;\n';
    const ws = workspace({ 'package.json': '{ "name": "w", "main": "lib/get.js" }\n', 'src/get.ts': FETCH, 'lib/get.js': compiled });
    const client = await LspTestClient.start({ folders: [ws] });
    try {
      await client.waitForPassEnd();
      const src = path.join(ws, 'src/get.ts');
      const lib = path.join(ws, 'lib/get.js');
      assert.deepEqual(client.lastPublished(uri(src))!.diagnostics, (await expectedDiagnostics(ws)).get(src));
      assert.equal(client.lastPublished(uri(src))!.diagnostics.length, 1);
      assert.equal(client.lastPublished(uri(lib))?.diagnostics.length ?? 0, 0);
      // tsc --watch writes the copy again after its source changed: the copy stays out.
      fs.writeFileSync(lib, `${compiled}// rebuilt\n`);
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(lib), type: 2 }] });
      fs.writeFileSync(src, `${FETCH}export const again = (u: string) => fetch(u);\n`);
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(src), type: 2 }] });
      await client.waitForPublished(uri(src), (p) => p.diagnostics.length === 2);
      assert.equal(client.lastPublished(uri(lib))?.diagnostics.length ?? 0, 0);
    } finally {
      await client.stop();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('lints a file opened outside every workspace folder on its own', async () => {
    const ws = workspace({ 'package.json': '{ "name": "w" }\n' });
    const elsewhere = workspace({ 'get.ts': FETCH });
    const client = await LspTestClient.start({ folders: [ws] });
    try {
      const file = path.join(elsewhere, 'get.ts');
      const u = client.open(file);
      const p = await client.waitForPublished(u, (x) => x.version === 1);
      assert.deepEqual(p.diagnostics, (await expectedDiagnostics(elsewhere)).get(file));
    } finally {
      await client.stop();
      fs.rmSync(ws, { recursive: true, force: true });
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('keeps closed files current when they change, appear or vanish on disk', async () => {
    const ws = workspace(SAMPLE_FILES);
    const client = await LspTestClient.start({ folders: [ws] });
    try {
      await client.waitForPassEnd();
      const two = path.join(ws, 'src/two.ts');
      fs.writeFileSync(two, 'export const two = 2;\n');
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(two), type: 2 }] });
      assert.deepEqual(await client.waitForPublished(uri(two), (p) => p.diagnostics.length === 0), { uri: uri(two), diagnostics: [] });

      const added = path.join(ws, 'src/added.ts');
      fs.writeFileSync(added, FETCH);
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(added), type: 1 }] });
      const p = await client.waitForPublished(uri(added), (x) => x.diagnostics.length === 1);
      assert.deepEqual(p.diagnostics, (await expectedDiagnostics(ws)).get(added));

      fs.rmSync(added);
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(added), type: 3 }] });
      assert.deepEqual(await client.waitForPublished(uri(added), (x) => x.diagnostics.length === 0), { uri: uri(added), diagnostics: [] });

      // The lint-workspace command re-reads everything: an unannounced disk change is picked up.
      fs.writeFileSync(two, SAMPLE_FILES['src/two.ts']);
      await client.request('workspace/executeCommand', { command: 'stability-lint.server.lintWorkspace', arguments: [] });
      assert.equal(client.lastPublished(uri(two))!.diagnostics.length, 2);
    } finally {
      await client.stop();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('lints a large workspace in worker threads, editor settings and cross-file facts included', async () => {
    // Over the server's threshold for a pass in worker threads (200 files).
    const files: Record<string, string> = {
      ...SAMPLE_FILES,
      // A pool ended in another file (no finding), and one ended nowhere (a finding once every file is read).
      'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionTimeoutMillis: 5000 });\n",
      'src/shutdown.ts': "import { pool } from './db';\nprocess.on('SIGTERM', () => pool.end());\n",
      'src/cache.ts': "import { Pool } from 'pg';\nexport const cachePool = new Pool({ connectionTimeoutMillis: 5000 });\n",
    };
    for (let i = 0; i < 220; i++) files[`src/clients/get-${i}.ts`] = FETCH;
    const ws = workspace(files);
    const client = await LspTestClient.start({ folders: [ws], settings: () => ({ rules: { 'missing-timeout': 'error' } }) });
    try {
      await client.waitForPassEnd();
      const expected = await expectedDiagnostics(ws);
      for (const rel of Object.keys(files)) {
        const file = path.join(ws, rel);
        // The settings make missing-timeout an error; the oracle lints with the project's config alone.
        const want = (expected.get(file) ?? []).map((d) => (d.code === 'missing-timeout' ? { ...d, severity: 1 } : d));
        assert.deepEqual(client.lastPublished(uri(file))?.diagnostics ?? [], want, rel);
      }
      assert.equal(expected.get(path.join(ws, 'src/db.ts')), undefined);
      assert.ok(expected.get(path.join(ws, 'src/cache.ts'))?.length);
    } finally {
      await client.stop();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('publishes the open file first, before the workspace pass, and writes its code cache after that lint', async () => {
    // Issue 13: first diagnostics for the open file ≤ 500 ms. Nothing workspace-wide comes first;
    // the V8 code cache is written once the first lint ran, so the next start finds its functions compiled.
    const files: Record<string, string> = { ...SAMPLE_FILES };
    for (let i = 0; i < 220; i++) files[`src/clients/get-${i}.ts`] = FETCH;
    const ws = workspace(files);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-lsp-tmp-'));
    const client = await LspTestClient.start({ folders: [ws], env: { ...process.env, TMPDIR: tmp } });
    const cacheDir = path.join(tmp, 'stability-lint-code-cache');
    try {
      const opened = path.join(ws, 'src/clients/get-7.ts');
      const u = client.open(opened);
      await client.waitFor('the open file\'s diagnostics', () => client.lastPublished(u));
      assert.equal(client.published[0].uri, u, 'the first diagnostics published are the open file\'s');
      assert.deepEqual(client.published[0].diagnostics.map((d) => d.code), ['missing-timeout']);
      await client.waitFor('the server\'s code cache', () => fs.existsSync(cacheDir) && fs.readdirSync(cacheDir).some((f) => f.startsWith('bundle.js.server.')));
      await client.waitForPassEnd();
    } finally {
      await client.stop();
      fs.rmSync(ws, { recursive: true, force: true });
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('the workspace pass in worker threads finishes while the user types without a pause', async () => {
    // Issue 13: the pass must end while someone types. Each keystroke here goes out as soon as the
    // last one's diagnostics arrived, so the server never sees the 250 ms without an edit that the
    // pass on its own thread waits for; the pass in workers must not wait for it either.
    const files: Record<string, string> = { ...SAMPLE_FILES };
    for (let i = 0; i < 220; i++) files[`src/clients/get-${i}.ts`] = FETCH;
    const ws = workspace(files);
    const client = await LspTestClient.start({ folders: [ws] });
    try {
      const u = client.open(path.join(ws, 'src/clients/get-7.ts'));
      await client.waitFor("the open file's diagnostics", () => client.lastPublished(u));
      let edits = 0;
      while (client.passEnds() === 0 && edits < 3000) {
        // A space typed at the start of the file, then deleted again.
        const at = { line: 0, character: 0 };
        const v = client.change(u, [edits % 2 === 0 ? { range: { start: at, end: at }, newText: ' ' } : { range: { start: at, end: { line: 0, character: 1 } }, newText: '' }]);
        edits++;
        await client.waitForPublished(u, (p) => (p.version ?? 0) >= v);
      }
      assert.equal(client.passEnds(), 1, `the pass had not ended after ${edits} edits`);
      assert.ok(edits > 1, 'the typing went on during the pass');
    } finally {
      await client.stop();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('with run: onSave an edit is not linted until the file is saved', async () => {
    const ws = workspace({ 'package.json': '{ "name": "s" }\n', 'src/get.ts': FETCH });
    const client = await LspTestClient.start({ folders: [ws], settings: () => ({ run: 'onSave' }) });
    try {
      const u = client.open(path.join(ws, 'src/get.ts'));
      await client.waitForPublished(u, (p) => p.version === 1 && p.diagnostics.length === 1);
      const v = client.change(u, [{ range: { start: { line: 1, character: 16 }, end: { line: 1, character: 16 } }, newText: ', { signal: AbortSignal.timeout(5000) }' }]);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(client.published.filter((p) => p.uri === u && p.version === v).length, 0);
      client.notify('textDocument/didSave', { textDocument: { uri: u } });
      assert.deepEqual(await client.waitForPublished(u, (p) => p.version === v), { uri: u, version: v, diagnostics: [] });
    } finally {
      await client.stop();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('with enable: false nothing is linted, and turning it on lints the folder', async () => {
    const ws = workspace({ 'package.json': '{ "name": "s" }\n', 'src/get.ts': FETCH });
    let enable = false;
    const client = await LspTestClient.start({ folders: [ws], settings: () => ({ enable }) });
    try {
      const u = client.open(path.join(ws, 'src/get.ts'));
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(client.published, []);
      enable = true;
      client.notify('workspace/didChangeConfiguration', { settings: null });
      await client.waitForPublished(u, (p) => p.diagnostics.length === 1);
    } finally {
      await client.stop();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
