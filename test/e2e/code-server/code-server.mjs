// code-server (VS Code 1.139 for the web, from npm) and Debian Chromium through playwright-core:
// install a .vsix into a fresh extensions dir, start a server in its own process group on a
// free port, open a browser on it. Everything lives in one temp folder the caller removes.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, killGroup, run, start, tail, waitFor } from '../lib.mjs';

/** Node 24 first on PATH: code-server's bin is `#!/usr/bin/env node` and refuses other Nodes. */
export function codeServerEnv(t, extra = {}) {
  const env = { ...process.env, PATH: `${path.dirname(t.node)}:${process.env.PATH}`, ...extra };
  // The runner's own npm/Node settings must not leak into the editor's processes.
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
  delete env.NODE_OPTIONS;
  return env;
}

/** Editor settings for a quiet, deterministic window: no welcome page, tips, AI panels or updates. */
export const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.hover.delay': 300,
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
};

/** Fresh per-run folders: user data (with settings), extensions, config, browser profile. */
export function sessionDirs(dir) {
  const d = {
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    config: path.join(dir, 'config.yaml'),
    profile: path.join(dir, 'chromium-profile'),
    log: path.join(dir, 'server.log'),
  };
  fs.mkdirSync(path.join(d.userData, 'User'), { recursive: true });
  fs.mkdirSync(d.extensions, { recursive: true });
  fs.writeFileSync(path.join(d.userData, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  fs.writeFileSync(d.config, 'auth: none\ncert: false\n');
  return d;
}

/** `code-server --install-extension <vsix>` into the session's extensions dir; returns the installed folder. */
export async function installVsix(t, dirs, vsix) {
  const entry = path.join(t.codeServer, 'out/node/entry.js');
  const res = await run(t.node, [
    entry, '--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--install-extension', vsix,
  ], { env: codeServerEnv(t), timeoutMs: 120_000 });
  const out = res.stdout + res.stderr;
  if (res.code !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${res.code}):\n${tail(out)}`);
  }
  const { publisher, name, version } = vsixManifest(dirs.extensions);
  return path.join(dirs.extensions, `${publisher}.${name}-${version}`.toLowerCase());
}

function vsixManifest(extensionsDir) {
  const folders = fs.readdirSync(extensionsDir).filter((f) => fs.existsSync(path.join(extensionsDir, f, 'package.json')));
  if (folders.length !== 1) throw new Error(`expected one installed extension in ${extensionsDir}, found ${folders.join(', ') || 'none'}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionsDir, folders[0], 'package.json'), 'utf8'));
  return { ...manifest, publisher: manifest.publisher ?? 'undefined_publisher', folder: folders[0] };
}

/** Waits until an HTTP server answers on 127.0.0.1:port (any status). */
export function waitForHttp(port, what, child, logFile, timeoutMs = 60_000) {
  return waitFor(what, async () => {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} before listening:\n${tail(readLog(logFile))}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
      return true;
    } catch {
      return false;
    }
  }, { timeoutMs });
}

export function readLog(file) {
  try { return fs.readFileSync(file, 'utf8'); } catch { return ''; }
}

/** code-server itself (its own CLI), serving the workbench on a free port. */
export async function startCodeServer(t, dirs) {
  const port = await freePort();
  const entry = path.join(t.codeServer, 'out/node/entry.js');
  const child = start(t.node, [
    entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--config', dirs.config,
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
  ], { env: codeServerEnv(t), logFile: dirs.log });
  try {
    await waitForHttp(port, 'code-server', child, dirs.log);
  } catch (e) {
    await killGroup(child.pid);
    throw e;
  }
  return { port, child, stop: () => killGroup(child.pid) };
}

/** Debian Chromium through playwright-core, headless, with a fresh profile. */
export async function launchChromium(t, dirs, { width = 1280, height = 800 } = {}) {
  const require = createRequire(import.meta.url);
  const { chromium } = require(t.playwrightCore);
  const context = await chromium.launchPersistentContext(dirs.profile, {
    executablePath: t.chromium,
    headless: true,
    timeout: 60_000,
    viewport: { width, height },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
  context.setDefaultTimeout(30_000);
  return context;
}
