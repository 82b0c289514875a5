// `npm run e2e`: the real-editor end-to-end tests. Installs the tools (test/e2e/setup.sh, cached
// outside the repo), builds and packages the .vsix, then runs Neovim as an LSP client, the
// code-server UI in headless Chromium, and the extension-host API suite, one after the other
// (they share two cores). Ends with `e2e: N passed, M failed`; exits 1 on any failure.
//
//   node test/e2e/run.mjs [--screenshots <dir>] [--skip-setup]
//
// Screenshots of the diagnostic and the quick-fix menu go to test/.tmp/e2e/screenshots unless
// --screenshots says otherwise (`--screenshots docs` refreshes the README's images).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './cases.mjs';
import { runUi } from './code-server/ui.mjs';
import { runExtensionHost } from './extension-host/run.mjs';
import { report, run, tail } from './lib.mjs';
import { runNeovim } from './neovim/run.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const screenshots = path.resolve(repoRoot, option('--screenshots') ?? 'test/.tmp/e2e/screenshots');
const vsix = path.join(repoRoot, 'stability-lint.vsix'); // what `npm run package` writes
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const results = [];
const timings = [];
async function phase(name, fn) {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** A step the suites need; its failure is reported as a failed result and ends the run. */
async function step(name, cmd, cmdArgs, timeoutMs) {
  console.log(`e2e: ${name}: ${[path.basename(cmd), ...cmdArgs].join(' ')}`);
  const started = Date.now();
  let error;
  try {
    const res = await run(cmd, cmdArgs, { cwd: repoRoot, timeoutMs, echo: name });
    if (res.code !== 0) error = `exited with ${res.code ?? res.signal}\n${tail(res.stdout + res.stderr)}`;
  } catch (e) {
    error = e.message;
  }
  if (error) results.push({ name: `e2e ${name}`, ok: false, error, ms: Date.now() - started });
  return !error;
}

/**
 * The browser-driven suite, run again once on a fresh code-server and workspace when a case
 * fails: under load a keystroke can land before the workbench listens (seen once in ~15 runs).
 * The first failure is printed, never hidden; a real defect fails both runs.
 */
async function runUiWithOneRetry() {
  const first = await runUi({ vsix, screenshots });
  if (first.every((r) => r.ok)) return first;
  for (const r of first.filter((x) => !x.ok)) console.log(`e2e: retrying the code-server ui suite after: ${r.name}\n${indent(r.error)}`);
  return runUi({ vsix, screenshots });
}

function indent(text) {
  return String(text).split('\n').map((l) => `     ${l}`).join('\n');
}

const started = Date.now();
try {
  let ok = true;
  if (!args.includes('--skip-setup')) {
    ok = await phase('setup', () => step('setup', 'bash', [path.join(repoRoot, 'test/e2e/setup.sh')], 1_200_000));
  }
  if (ok) {
    fs.rmSync(vsix, { force: true }); // never test a stale package
    ok = await phase('build+package', () => step('package', npm, ['run', 'package'], 600_000));
    if (ok && !fs.existsSync(vsix)) {
      results.push({ name: 'e2e package', ok: false, error: `npm run package did not write ${vsix}`, ms: 0 });
      ok = false;
    }
  }
  if (ok) {
    fs.mkdirSync(screenshots, { recursive: true });
    console.log('e2e: Neovim as an LSP client');
    results.push(...(await phase('neovim', () => runNeovim())));
    console.log('e2e: code-server UI in headless Chromium');
    results.push(...(await phase('code-server ui', () => runUiWithOneRetry())));
    console.log('e2e: extension-host API suite');
    results.push(...(await phase('extension host', () => runExtensionHost({ vsix }))));
    console.log(`e2e: screenshots in ${path.relative(repoRoot, screenshots) || '.'}`);
  }
} catch (e) {
  results.push({ name: 'e2e runner', ok: false, error: e.stack ?? String(e), ms: 0 });
}
console.log(`e2e: timings: ${timings.join(', ')}; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = report(results) ? 1 : 0;
