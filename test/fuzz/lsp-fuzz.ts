// Language-server fuzz: a real server process on a real workspace, driven by a seeded random
// client — edits (half-typed code, deep nesting, whole-buffer replacements), opens and closes,
// versions out of order, files changed on disk, code actions, pulls, workspace pulls cancelled
// mid-wait. The server must answer every request, never exit, and converge at each checkpoint
// to exactly what a fresh lint of the final texts reports, for every file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { lintProject } from '../../engine/lint-project';
import { allRules } from '../../rules';
import { applyTextEdits, LspTestClient, positionOf, uri, workspace } from '../server/lsp-client';
import { random, type FuzzBounds, type FuzzOutcome, type Random } from './random';

export const FUZZ_FILES: Record<string, string> = {
  'package.json': '{\n  "name": "svc",\n  "scripts": {\n    "start": "nodemon src/index.ts",\n    "worker": "node worker.js"\n  }\n}\n',
  Dockerfile: 'FROM node:20\nCMD ["npm", "start"]\n',
  'src/index.ts': "import { pool } from './db';\nexport async function load(url: string) {\n  const res = await fetch(url);\n  return res.json();\n}\n",
  'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
  'src/stop.ts': "import { pool } from './db';\nprocess.on('SIGTERM', () => pool.end());\n",
  'src/loop.js': 'async function poll(check) {\n  while (true) {\n    await check();\n  }\n}\nmodule.exports = { poll };\n',
  'src/view.tsx': 'export const View = () => <div>{[1, 2].map((n) => <span key={n}>{n}</span>)}</div>;\n',
};

/** Text an edit inserts: code the rules look at, half-typed code, brackets, odd characters. */
const SNIPPETS = [
  'await fetch(url);\n', 'while (true) {\n', '}\n', '{', '(', ')', '"', '`${', '/*', '*/', '//', '\n', '\r\n', ';',
  "import axios from 'axios';\n", 'axios.get("/x");\n', 'setInterval(() => {}, 1000);\n', 'new Pool();\n', 'pool.end();\n',
  'export async function f() {\n  await ', 'const x = await Promise.all(items.map(async (i) => fetch(i)));\n',
  'for (;;) {}\n', 'if (!client) { client = await connect(); }\n', '<div>', '</div>', 'é', '😀', '\u2028', '\t',
  'process.on("SIGTERM", () => server.close());\n', '"scripts": { "dev": "nodemon x.js" },', 'CMD ["nodemon", "a.js"]\n',
  '// stability-lint-disable-next-line\n', '(((((((((', ')))))))))',
];

const DEEP = 60_000; // deeper than any main thread's stack: the CLI oracle and the server both skip it

/** Editors never split a surrogate pair (the disk could not hold half of one, so neither could the oracle). */
function notInPair(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff && at > 0 ? at - 1 : at;
}

function randomEdit(text: string, r: Random): TextEdit {
  const a = notInPair(text, r.int(text.length + 1));
  const b = notInPair(text, r.chance(0.5) ? a : Math.min(text.length, a + r.int(30)));
  let newText = r.chance(0.15) ? '' : r.pick(SNIPPETS);
  if (r.chance(0.01)) newText = `${'('.repeat(DEEP)}1${')'.repeat(DEEP)}\n`;
  if (r.chance(0.05)) newText = newText.repeat(1 + r.int(20));
  return { range: { start: positionOf(text, a), end: positionOf(text, b) }, newText };
}


/** What a diagnostic must agree on with the oracle. */
function key(d: Pick<Diagnostic, 'range' | 'severity' | 'message'> & { code?: unknown }): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code ?? '-'} ${d.message}`;
}

const SEVERITY = { error: 1, warn: 2, info: 3 } as const;

/** A fresh lint of `files` (relative path -> text) in a folder of its own: rel -> diagnostic keys. */
async function oracle(files: Map<string, string>): Promise<Map<string, string[]>> {
  const root = workspace(Object.fromEntries(files));
  try {
    const run = await lintProject({ cwd: root, paths: [root], rules: allRules, workers: 0 });
    return new Map(run.reports.map((rep) => [path.relative(root, rep.file), rep.messages.map((m) => key({
      range: { start: { line: m.line - 1, character: m.column - 1 }, end: { line: (m.endLine ?? m.line) - 1, character: (m.endColumn ?? m.column) - 1 } },
      severity: SEVERITY[m.severity], code: m.ruleId ?? undefined, message: m.message,
    })).sort()]));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export async function fuzzLanguageServer(bounds: FuzzBounds & { checkEvery?: number }): Promise<FuzzOutcome> {
  const r = random(bounds.seed);
  const ws = workspace(FUZZ_FILES);
  const rels = Object.keys(FUZZ_FILES);
  const failures: string[] = [];
  const fail = (what: string) => {
    failures.push(`lsp fuzz seed ${bounds.seed} ${what}`);
    bounds.log?.(failures[failures.length - 1]);
  };
  const deadline = bounds.seconds ? Date.now() + bounds.seconds * 1000 : Infinity;
  const checkEvery = bounds.checkEvery ?? 50;
  const client = await LspTestClient.start({ folders: [ws], pull: true });
  const pending: Promise<unknown>[] = [];
  const requestTimeoutMs = 60_000;
  /** Sends a request; an answer (result or error) must come. */
  const ask = (i: number, method: string, params: unknown, cancelAfterMs?: number) => {
    const source = new CancellationTokenSource();
    const answered = client.conn.sendRequest(method, params, source.token).then(() => undefined, (e: { code?: number; message?: string }) => {
      if (e?.code !== -32800) fail(`iteration ${i}: ${method} failed: ${e?.message}`); // -32800: cancelled, an answer too
    });
    if (cancelAfterMs !== undefined) setTimeout(() => source.cancel(), cancelAfterMs);
    let timer: NodeJS.Timeout;
    pending.push(Promise.race([answered, new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        fail(`iteration ${i}: no answer to ${method} in ${requestTimeoutMs / 1000} s`);
        resolve();
      }, requestTimeoutMs);
    })]).finally(() => clearTimeout(timer)));
  };
  const fileOf = (rel: string) => path.join(ws, rel);
  const open = () => [...client.texts.keys()];
  const relOf = (u: string) => rels.find((x) => uri(fileOf(x)) === u)!;

  /** The texts a fresh lint sees: open buffers over the files on disk. */
  const finalTexts = () => {
    const texts = new Map<string, string>();
    for (const rel of rels) if (fs.existsSync(fileOf(rel))) texts.set(rel, fs.readFileSync(fileOf(rel), 'utf8'));
    if (fs.existsSync(fileOf('nodemon.json'))) texts.set('nodemon.json', fs.readFileSync(fileOf('nodemon.json'), 'utf8'));
    for (const u of open()) texts.set(relOf(u), client.texts.get(u)!);
    return texts;
  };

  /** Waits for every request, then for the server's diagnostics to equal the oracle's (they may lag a disk change). */
  const check = async (i: number) => {
    await Promise.all(pending.splice(0));
    const want = await oracle(finalTexts());
    let diff = '';
    const until = Date.now() + 20_000;
    do {
      const got = new Map<string, string[]>();
      for (const u of open()) {
        const report = await client.request('textDocument/diagnostic', { textDocument: { uri: u } });
        got.set(relOf(u), (report.items as Diagnostic[]).map(key).sort());
      }
      const source = new CancellationTokenSource();
      setTimeout(() => source.cancel(), 200);
      const all = await client.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] }, source.token).catch(() => ({ items: [] })) as { items: { uri: string; items: Diagnostic[] }[] };
      for (const item of all.items) {
        const rel = rels.find((x) => uri(fileOf(x)) === item.uri);
        if (rel && !got.has(rel)) got.set(rel, item.items.map(key).sort());
      }
      diff = '';
      for (const rel of rels) {
        const a = JSON.stringify(got.get(rel) ?? []);
        const b = JSON.stringify(want.get(rel) ?? []);
        if (a !== b) diff += `\n  ${rel}:\n    server: ${a}\n    fresh:  ${b}`;
      }
      if (!diff) {
        bounds.log?.(`checkpoint ${i}: ${[...got.values()].flat().length} diagnostics in ${got.size} files agree with a fresh lint`);
        break;
      }
      await new Promise((res) => setTimeout(res, 250));
    } while (Date.now() < until);
    if (diff) {
      const texts = [...finalTexts()].map(([rel, t]) => `--- ${rel}${client.texts.has(uri(fileOf(rel))) ? ' (open)' : ''} ---\n${JSON.stringify(t.length > 3000 ? `${t.slice(0, 3000)}…` : t)}`).join('\n');
      fail(`checkpoint after iteration ${i}: results differ from a fresh lint:${diff}\n${texts}`);
    }
    if (client.proc.exitCode !== null) fail(`the server exited (${client.proc.exitCode}) by iteration ${i}: ${client.stderr.slice(-2000)}`);
  };

  let i = 0;
  try {
    await client.waitForPassEnd();
    for (; i < bounds.iterations && Date.now() < deadline && failures.length === 0; i++) {
      const docs = open();
      const action = r.int(100);
      if (action < 10 || docs.length === 0) {
        const rel = r.pick(rels);
        const u = uri(fileOf(rel));
        if (!client.texts.has(u) && fs.existsSync(fileOf(rel))) client.open(fileOf(rel));
      } else if (action < 55) {
        const u = r.pick(docs);
        const edits = Array.from({ length: 1 + r.int(3) }, () => randomEdit(client.texts.get(u)!, r)).slice(0, 1);
        if (r.chance(0.1)) {
          // Out of order: a version that is not the next one (repeated, lower, or far ahead).
          const version = r.pick([client.versions.get(u)!, Math.max(0, client.versions.get(u)! - 3), client.versions.get(u)! + 50]);
          client.texts.set(u, applyTextEdits(client.texts.get(u)!, edits));
          client.versions.set(u, version);
          client.notify('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })) });
        } else {
          client.change(u, edits);
        }
      } else if (action < 58) {
        const u = r.pick(docs);
        client.replaceAll(u, r.chance(0.5) ? FUZZ_FILES[relOf(u)] : r.pick(SNIPPETS).repeat(1 + r.int(5)));
      } else if (action < 63) {
        const u = r.pick(docs);
        // The buffer goes; the disk sometimes gets what it held (a save), else the disk text stands.
        if (r.chance(0.3)) {
          fs.writeFileSync(fileOf(relOf(u)), client.texts.get(u)!);
          client.notify('textDocument/didSave', { textDocument: { uri: u } });
          client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: u, type: 2 }] });
        }
        client.close(u);
      } else if (action < 70) {
        // A file changed on disk: a closed one rewritten, or nodemon.json created or deleted.
        if (r.chance(0.5)) {
          const nodemon = fileOf('nodemon.json');
          const exists = fs.existsSync(nodemon);
          if (exists) fs.rmSync(nodemon);
          else fs.writeFileSync(nodemon, '{ "watch": ["src"] }\n');
          client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(nodemon), type: exists ? 3 : 1 }] });
        } else {
          const closed = rels.filter((x) => !client.texts.has(uri(fileOf(x))));
          if (closed.length) {
            const rel = r.pick(closed);
            const text = r.chance(0.5) ? FUZZ_FILES[rel] : FUZZ_FILES[rel] + r.pick(SNIPPETS);
            fs.writeFileSync(fileOf(rel), text);
            client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(fileOf(rel)), type: 2 }] });
          }
        }
      } else if (action < 82) {
        const u = r.pick(docs);
        const text = client.texts.get(u)!;
        const a = notInPair(text, r.int(text.length + 1));
        const range = { start: positionOf(text, a), end: positionOf(text, notInPair(text, Math.min(text.length, a + r.int(80)))) };
        ask(i, 'textDocument/codeAction', { textDocument: { uri: u }, range, context: { diagnostics: [] } }, r.chance(0.3) ? r.int(20) : undefined);
      } else if (action < 90) {
        ask(i, 'textDocument/diagnostic', { textDocument: { uri: r.chance(0.9) ? r.pick(docs) : uri(fileOf('src/nowhere.ts')) } }, r.chance(0.3) ? r.int(20) : undefined);
      } else if (action < 95) {
        ask(i, 'workspace/diagnostic', { previousResultIds: [] }, r.int(100));
      } else if (action < 98) {
        const u = r.pick(docs);
        ask(i, 'workspace/executeCommand', { command: 'stability-lint.server.applyFixAll', arguments: [{ uri: u, version: client.versions.get(u) }] });
      } else {
        ask(i, 'textDocument/codeAction', { textDocument: { uri: uri(fileOf('missing.ts')) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
      }
      if (r.chance(0.3)) await new Promise((res) => setTimeout(res, r.int(30)));
      if ((i + 1) % checkEvery === 0) await check(i);
    }
    if (!failures.length) await check(i);
  } finally {
    await Promise.all(pending.splice(0));
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
  return { iterations: i, failures };
}
