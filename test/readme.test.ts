// The README's configuration example is a configuration the loader accepts, as written.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { ConfigLoader } from '../engine/config';
import { allRules } from '../rules';

it("the README's configuration example loads without an error", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'));
  const example = /```jsonc\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(example, 'no jsonc example under "## Configuration"');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-readme-'));
  fs.writeFileSync(path.join(dir, 'stability-lint.config.json'), example);
  const config = new ConfigLoader(allRules).forFile(path.join(dir, 'src/a.ts'));
  assert.equal(config.rules['unbounded-loop'].severity, 'error');
  assert.deepEqual(config.rules['missing-timeout'].options, { requireQueryTimeout: true, requireLocalCommandTimeout: false });
  assert.equal(config.runtime.import, '@acme/stability-runtime');
  assert.equal(config.libraries[0].module, '@acme/http-client');
});
