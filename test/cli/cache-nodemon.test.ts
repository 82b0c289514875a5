// Regression (issue 10): with --cache, adding a nodemon.json beside package.json left the stale
// result (a fix offered) in place; an uncached run gives a suggestion only. The rule now asks
// the context whether nodemon.json exists, and the cache re-checks that answer.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { cli, removeProject, tempProject } from './helpers';

const PKG = '{\n  "name": "svc",\n  "scripts": {\n    "start": "nodemon src/index.js"\n  }\n}\n';

interface Json { messages: { ruleId: string; fix?: unknown; suggestions?: unknown[] }[] }

it('--cache: a nodemon.json created (then deleted) beside package.json changes fix to suggestion (and back), as without the cache', async () => {
  const dir = tempProject({ 'package.json': PKG, 'src/index.js': 'console.log(1);\n', 'stability-lint.config.json': '{ "root": true }' });
  try {
    const lint = async (cache: boolean) => {
      const r = await cli(['--format', 'json', '--rule', 'watch-mode-script', ...(cache ? ['--cache'] : []), 'package.json'], { cwd: dir });
      const m = (JSON.parse(r.stdout) as Json[])[0].messages.find((x) => x.ruleId === 'watch-mode-script')!;
      return { fix: m.fix !== undefined, suggestions: m.suggestions?.length ?? 0 };
    };
    assert.deepEqual(await lint(true), { fix: true, suggestions: 0 });
    assert.deepEqual(await lint(true), { fix: true, suggestions: 0 });
    fs.writeFileSync(path.join(dir, 'nodemon.json'), '{ "exec": "node -r dotenv/config" }\n');
    assert.deepEqual(await lint(false), { fix: false, suggestions: 1 });
    assert.deepEqual(await lint(true), { fix: false, suggestions: 1 });
    fs.rmSync(path.join(dir, 'nodemon.json'));
    assert.deepEqual(await lint(true), { fix: true, suggestions: 0 });
  } finally {
    removeProject(dir);
  }
});
