// Extension-host API tests without @vscode/test-electron (it downloads VS Code): code-server's
// bundled VS Code server runs with --enable-smoke-test-driver, Chromium opens the workspace
// with an extensionDevelopmentPath (the folder the .vsix installed into) and an
// extensionTestsPath (./suite) payload, and the suite's outcome arrives through the
// `codeAutomationExit` hook the workbench calls when `run()` settles.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cases, copyWorkspace, repoRoot } from '../cases.mjs';
import { freePort, isMain, killGroup, report, start, tail, tools } from '../lib.mjs';
import { codeServerEnv, installVsix, launchChromium, readLog, sessionDirs, waitForHttp } from '../code-server/code-server.mjs';

const SUITE_DIR = path.join(repoRoot, 'test/e2e/extension-host/suite');
const RUN_TIMEOUT_MS = 180_000;

export async function runExtensionHost({ vsix }) {
  const t = tools();
  const { dir, ws } = copyWorkspace('exthost');
  const dirs = sessionDirs(dir);
  const resultsFile = path.join(dir, 'results.jsonl');
  const started = Date.now();
  let server;
  let browser;
  try {
    const extensionPath = await installVsix(t, dirs, vsix);
    // The host loads the extension only as the one under development, from where the .vsix installed.
    const emptyExtensions = path.join(dir, 'no-extensions');
    fs.mkdirSync(emptyExtensions);
    const port = await freePort();
    server = start(t.node, [
      path.join(t.codeServer, 'lib/vscode/out/server-main.js'),
      '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
      '--enable-smoke-test-driver', '--disable-telemetry', '--user-data-dir', dirs.userData,
      '--server-data-dir', path.join(dir, 'server-data'), '--extensions-dir', emptyExtensions,
    ], {
      env: codeServerEnv(t, {
        E2E_WORKSPACE: ws, E2E_CASES: JSON.stringify(cases), E2E_EXTENSION_PATH: extensionPath, E2E_RESULTS: resultsFile,
      }),
      logFile: dirs.log,
    });
    await waitForHttp(port, 'the VS Code server', server, dirs.log);

    browser = await launchChromium(t, dirs);
    const page = browser.pages()[0] ?? (await browser.newPage());
    let settle;
    const exited = new Promise((resolve) => { settle = resolve; });
    await page.exposeFunction('codeAutomationExit', (code) => settle(code));
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(extensionPath)], ['extensionTestsPath', remote(SUITE_DIR)]]);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`);

    let timer;
    const code = await Promise.race([
      exited,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the extension-host suite did not finish within ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));

    const results = readResults(resultsFile);
    const failed = results.filter((r) => !r.ok).length;
    if (results.length !== cases.length + 1 || (code === 0) !== (failed === 0)) {
      results.push({
        name: 'extension host: run',
        ok: false,
        error: `suite exited with ${code} after ${results.length} of ${cases.length + 1} results\nserver log (tail):\n${tail(readLog(dirs.log), 30)}`,
        ms: Date.now() - started,
      });
    }
    return results;
  } catch (e) {
    return [...readResults(resultsFile), {
      name: 'extension host: run', ok: false, error: `${e.stack ?? e}\nserver log (tail):\n${tail(readLog(dirs.log), 30)}`, ms: Date.now() - started,
    }];
  } finally {
    await browser?.close().catch(() => {});
    await killGroup(server?.pid);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function readResults(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
}

if (isMain(import.meta)) {
  const vsix = process.argv[2];
  if (!vsix) throw new Error('usage: node test/e2e/extension-host/run.mjs <extension.vsix>');
  process.exitCode = report(await runExtensionHost({ vsix: path.resolve(vsix) })) ? 1 : 0;
}
