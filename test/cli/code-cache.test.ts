// The launchers run the shared bundle through V8's code cache: the first start writes the cache
// (one per program), and a damaged or foreign cache file is rejected and replaced, never a failed start.
// (--list-rules, not --version: the CLI answers --version without loading the bundle.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

it('the first start writes a code cache; a damaged cache is replaced and the CLI still answers', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-code-cache-'));
  const env = { ...process.env, TMPDIR: tmp };
  const listRules = () => execFileSync(process.execPath, [CLI, '--list-rules', '--format', 'json'], { env, encoding: 'utf8' });
  assert.ok(JSON.parse(listRules()).length > 0);
  const dir = path.join(tmp, 'stability-lint-code-cache');
  const [cache] = fs.readdirSync(dir);
  assert.match(cache, /^bundle\.js\.cli\.[0-9a-f]{8}\.[0-9a-f]{16}$/);
  const good = fs.readFileSync(path.join(dir, cache));
  assert.ok(good.length > 100_000, `a real cache, not ${good.length} bytes`);

  fs.writeFileSync(path.join(dir, cache), 'not a V8 code cache');
  assert.ok(JSON.parse(listRules()).length > 0);
  assert.ok(fs.readFileSync(path.join(dir, cache)).length > 100_000, 'the damaged cache was rewritten');
});

it('two installs keep their own caches: a start of one never drops the other\'s', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-code-cache-'));
  const env = { ...process.env, TMPDIR: tmp };
  const installs = ['a', 'b'].map((name) => {
    const dist = path.join(tmp, name, 'dist');
    fs.cpSync(path.dirname(CLI), dist, { recursive: true });
    return path.join(dist, 'cli.js');
  });
  for (const cli of [...installs, ...installs]) execFileSync(process.execPath, [cli, '--list-rules'], { env, encoding: 'utf8' });
  const caches = fs.readdirSync(path.join(tmp, 'stability-lint-code-cache')).filter((f) => f.startsWith('bundle.js.cli.'));
  assert.equal(caches.length, 2, caches.join(', '));
});
