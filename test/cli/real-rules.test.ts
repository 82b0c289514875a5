// End to end with the product's own rules (no injected rules): the CLI wires discovery,
// config, the real rules, fixes and formats together. Asserts what the rule catalog specifies
// (rule ids, severities, positions, fixed text), not the wording of messages.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ruleDocsUrl } from '../../engine/docs-url';
import { allRules } from '../../rules';
import { cli, read, removeProject, tempProject } from './helpers';

const PACKAGE_JSON = '{\n  "name": "svc",\n  "scripts": {\n    "start": "nodemon server.js"\n  }\n}\n';
const POOL = "import { Pool } from 'pg';\n\nexport const pool = new Pool({ connectionTimeoutMillis: 5000 });\n";
const CLIENT = 'export async function get(url: string) {\n  const res = await fetch(url);\n  return res.json();\n}\n';

describe('with the real rules', () => {
  let dir: string;
  before(() => {
    dir = tempProject({ 'package.json': PACKAGE_JSON, 'src/client.ts': CLIENT });
  });
  after(() => removeProject(dir));

  it('finds a watch-mode start script (error) and a fetch without a timeout (warning)', async () => {
    const r = await cli(['--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    const results = JSON.parse(r.stdout) as { messages: { ruleId: string; severity: number; line: number; column: number; endLine: number; endColumn: number }[] }[];
    assert.deepEqual(
      results.map((x) => x.messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.endLine, m.endColumn])),
      [[['watch-mode-script', 2, 4, 15, 4, 22]], [['missing-timeout', 1, 2, 21, 2, 31]]],
    );
  });

  it('--fix drops the watcher (safe) and leaves the fetch unbounded (a timeout is unsafe)', async () => {
    const d = tempProject({ 'package.json': PACKAGE_JSON, 'src/client.ts': CLIENT });
    try {
      const r = await cli(['--fix', '--format', 'json'], { cwd: d });
      assert.equal(r.code, 0);
      assert.equal(read(d, 'package.json'), PACKAGE_JSON.replace('nodemon server.js', 'node server.js'));
      assert.equal(read(d, 'src/client.ts'), CLIENT);
      assert.deepEqual(JSON.parse(r.stdout).map((x: { messages: { ruleId: string }[] }) => x.messages.map((m) => m.ruleId)), [[], ['missing-timeout']]);
    } finally {
      removeProject(d);
    }
  });

  it('--fix --unsafe also bounds the fetch, then exits 0 and a second run is clean', async () => {
    const d = tempProject({ 'package.json': PACKAGE_JSON, 'src/client.ts': CLIENT });
    try {
      const r = await cli(['--fix', '--unsafe'], { cwd: d });
      assert.deepEqual(r, { code: 0, stdout: '', stderr: '2 files fixed.\n' });
      assert.equal(read(d, 'package.json'), PACKAGE_JSON.replace('nodemon server.js', 'node server.js'));
      assert.equal(read(d, 'src/client.ts'), CLIENT.replace('fetch(url)', 'fetch(url, { signal: AbortSignal.timeout(10_000) })'));
      assert.deepEqual(await cli([], { cwd: d }), { code: 0, stdout: '', stderr: '' });
    } finally {
      removeProject(d);
    }
  });

  it('a fix that creates the runtime shim is visible: JSON lists it under stabilityLint.fixes, --fix-dry-run reports the shim, SARIF adds the file', async () => {
    const d = tempProject({ 'package.json': '{ "name": "svc" }\n', 'src/db.ts': POOL });
    try {
      const shim = path.join(d, 'src/stability-runtime.ts');
      const r = await cli(['--format', 'json'], { cwd: d });
      const message = JSON.parse(r.stdout).find((x: { filePath: string }) => x.filePath.endsWith('db.ts')).messages[0];
      assert.equal(message.fix, undefined, "ESLint's fix cannot create a file");
      assert.deepEqual(message.stabilityLint.fixes.map((f: any) => [f.title, f.safety, f.kind, f.appliedBy, f.creates]), [
        ['Release on shutdown: `onShutdown(() => pool.end())`', 'safe', 'fix', ['--fix', '--fix --unsafe'], [{ filePath: shim }]],
      ]);
      assert.equal(JSON.parse(r.stdout).find((x: { filePath: string }) => x.filePath.endsWith('db.ts')).fixableWarningCount, 1);

      const dry = await cli(['--format', 'json', '--fix-dry-run'], { cwd: d });
      assert.equal(dry.stderr, '1 file would be fixed and 1 created (--fix-dry-run: nothing written).\n');
      const created = JSON.parse(dry.stdout).find((x: { filePath: string }) => x.filePath === shim);
      assert.match(created.output, /^\/\/ Added by stability-lint/);
      assert.equal(fs.existsSync(shim), false);

      const sarif = JSON.parse((await cli(['--format', 'sarif'], { cwd: d })).stdout);
      const changes = sarif.runs[0].results[0].fixes[0].artifactChanges;
      assert.deepEqual(changes.map((c: any) => c.artifactLocation.uri), ['src/stability-runtime.ts', 'src/db.ts']);
      assert.match(changes[0].replacements[0].insertedContent.text, /^\/\/ Added by stability-lint/);
    } finally {
      removeProject(d);
    }
  });

  it('SARIF lists every real rule with its docs link', async () => {
    const r = await cli(['--format', 'sarif'], { cwd: dir });
    const driver = JSON.parse(r.stdout).runs[0].tool.driver as { rules: { id: string; helpUri: string }[] };
    assert.deepEqual(driver.rules.map((x) => [x.id, x.helpUri]), [...allRules.keys()].map((id) => [id, ruleDocsUrl(id)]));
  });

  it('--list-rules lists every real rule', async () => {
    const r = await cli(['--list-rules', '--format', 'json'], { cwd: dir });
    assert.deepEqual(JSON.parse(r.stdout).map((x: { id: string }) => x.id), [...allRules.keys()].sort());
  });

  it('a suppression comment silences a finding, and --report-unused-disable-directives reports a stale one', async () => {
    const d = tempProject({
      'a.ts': '// stability-lint-disable-next-line missing-timeout -- the CDN answers fast\nawait fetch("https://cdn.example");\n// stability-lint-disable-next-line missing-timeout\nconst x = 1;\n',
    });
    try {
      const r = await cli(['--format', 'json', '--report-unused-disable-directives-severity', 'error'], { cwd: d });
      assert.equal(r.code, 1);
      const [result] = JSON.parse(r.stdout);
      assert.deepEqual(result.messages.map((m: { ruleId: string | null; severity: number; line: number }) => [m.ruleId, m.severity, m.line]), [[null, 2, 3]]);
      assert.equal(result.messages[0].message, 'Unused stability-lint-disable-next-line directive (no problems were reported from \'missing-timeout\').');
    } finally {
      removeProject(d);
    }
  });
});
