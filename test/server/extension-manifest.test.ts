// The VS Code manifest and the shared settings shape must agree: every setting the server reads
// is contributed with the same default and a description, every client command is contributed,
// and the .vsix ships only the bundles, docs, manifest, README and icon.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CLIENT_COMMANDS } from '../../shared/protocol';
import { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_SECTION } from '../../shared/settings';
import { ROOT } from './lsp-client';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** `{ a: { b: 1 }, c: {} }` -> { 'a.b': 1, c: {} }: records with no fixed keys (rules) stay whole. */
function flatten(o: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

describe('VS Code extension manifest', () => {
  it('contributes exactly the shared settings, with their defaults and descriptions', () => {
    const props = manifest.contributes.configuration.properties as Record<string, any>;
    const expected = flatten(DEFAULT_SETTINGS as unknown as Record<string, unknown>);
    assert.deepEqual(Object.keys(props).sort(), Object.keys(expected).map((k) => `${SETTINGS_SECTION}.${k}`).sort());
    for (const [k, v] of Object.entries(expected)) {
      const p = props[`${SETTINGS_SECTION}.${k}`];
      assert.deepEqual(p.default, v, k);
      assert.ok((p.description ?? p.markdownDescription)?.length > 20, `${k} has a description`);
    }
  });

  it('contributes every client command, starts on JS/TS, package.json and the config file, and supports untrusted workspaces', () => {
    assert.deepEqual(manifest.contributes.commands.map((c: { command: string }) => c.command).sort(), Object.values(CLIENT_COMMANDS).sort());
    assert.equal(manifest.main, 'dist/extension.js');
    assert.deepEqual(manifest.activationEvents, [
      'onLanguage:typescript', 'onLanguage:typescriptreact', 'onLanguage:javascript', 'onLanguage:javascriptreact',
      'workspaceContains:**/package.json', 'workspaceContains:**/stability-lint.config.json',
    ]);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.match(manifest.capabilities.untrustedWorkspaces.description, /JSON only/);
  });

  it('settings from the client are validated field by field, falling back to defaults', () => {
    assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings({ enable: 'yes', run: 'sometimes', rules: { a: 'error', b: 'loud', c: 2 }, runtime: { import: ' @acme/rt ' }, trace: { server: 'verbose' } }), {
      enable: true, run: 'onType', rules: { a: 'error' }, runtime: { import: '@acme/rt' }, trace: { server: 'verbose' },
    });
  });

  it('the .vsix holds only the bundles, rule docs, manifest, README and icon', () => {
    const out = execFileSync(path.join(ROOT, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files = out.split('\n').filter(Boolean).sort();
    const docs = fs.readdirSync(path.join(ROOT, 'docs/rules')).filter((f) => f.endsWith('.md')).map((f) => `docs/rules/${f}`);
    const licence = ['LICENSE', 'LICENSE.md', 'CHANGELOG.md'].filter((f) => fs.existsSync(path.join(ROOT, f)));
    assert.deepEqual(files, ['README.md', 'client/icon.png', 'dist/bundle.js', 'dist/code-cache.js', 'dist/extension.js', 'dist/lint-worker.js', 'dist/server.js', 'package.json', ...docs, ...licence].sort());
  });
});
