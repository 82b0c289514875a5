// Neovim (Debian's 0.7) as a second real LSP client: runs init.lua headless against
// dist/server.js --stdio on a temp copy of the workspace and reports one result per case.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cases, copyWorkspace, repoRoot } from '../cases.mjs';
import { isMain, report, run, tools } from '../lib.mjs';

export async function runNeovim({ server = path.join(repoRoot, 'dist/server.js') } = {}) {
  const { nvim } = tools();
  const { dir, ws } = copyWorkspace('neovim');
  const resultsFile = path.join(dir, 'results.jsonl');
  const started = Date.now();
  try {
    if (!fs.existsSync(server)) throw new Error(`${server} not found: build first (npm run build)`);
    const xdg = Object.fromEntries(['CONFIG', 'DATA', 'STATE', 'CACHE'].map((k) => [`XDG_${k}_HOME`, path.join(dir, `xdg-${k.toLowerCase()}`)]));
    const env = {
      ...process.env, ...xdg,
      E2E_NODE: process.execPath, E2E_SERVER: server, E2E_WORKSPACE: ws,
      E2E_CASES: JSON.stringify(cases), E2E_RESULTS: resultsFile,
    };
    const init = path.join(repoRoot, 'test/e2e/neovim/init.lua');
    const res = await run(nvim, ['--headless', '-n', '-i', 'NONE', '-u', init], { env, cwd: ws, timeoutMs: 120_000 });
    const results = fs.existsSync(resultsFile)
      ? fs.readFileSync(resultsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))
      : [];
    const failed = results.filter((r) => !r.ok).length;
    // The exit code must agree with the per-case results, and every case must have run.
    if (results.length !== cases.length || (res.code === 0) !== (failed === 0)) {
      results.push({
        name: 'neovim: run',
        ok: false,
        error: `nvim exited with ${res.code ?? res.signal} after ${results.length} of ${cases.length} cases\n${res.stdout}${res.stderr}`,
        ms: Date.now() - started,
      });
    }
    return results;
  } catch (e) {
    return [{ name: 'neovim: run', ok: false, error: e.stack ?? String(e), ms: Date.now() - started }];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta)) process.exitCode = report(await runNeovim()) ? 1 : 0;
