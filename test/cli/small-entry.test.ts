// dist/cli.js answers --help, --version and wrong usage by itself, without loading the bundle that
// holds the compiler (issue 13: `npx stability-lint --version` ≤ 0.3 s): the same output and exit
// codes as before, and no code cache written, since the bundle never ran. Anything else still lints.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { version } from '../../package.json';
import { HELP_TEXT } from '../../cli/help';
import { CLI, ensureBuilt } from '../built-cli';

/** Runs dist/cli.js with a temp folder of its own; `bundleLoaded`: whether a V8 code cache was written (the bundle ran). */
function exec(argv: string[]) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-entry-'));
  try {
    const r = spawnSync(process.execPath, [CLI, ...argv], { cwd: tmp, encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, bundleLoaded: fs.existsSync(path.join(tmp, 'stability-lint-code-cache')) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

describe('dist/cli.js without the bundle', () => {
  before(() => ensureBuilt());

  it('--version and -v print the version, exit 0, and never load the bundle', () => {
    for (const flag of ['--version', '-v']) {
      assert.deepEqual(exec([flag]), { code: 0, stdout: `${version}\n`, stderr: '', bundleLoaded: false });
    }
  });

  it('--help prints the help, exit 0, without the bundle; it wins over --version as in-process', () => {
    assert.deepEqual(exec(['--help']), { code: 0, stdout: HELP_TEXT, stderr: '', bundleLoaded: false });
    assert.deepEqual(exec(['--version', '-h']), { code: 0, stdout: HELP_TEXT, stderr: '', bundleLoaded: false });
  });

  it('wrong usage exits 2 with the message and the hint, without the bundle', () => {
    assert.deepEqual(exec(['--max-warnings', 'many']), {
      code: 2,
      stdout: '',
      stderr: 'stability-lint: Invalid value for --max-warnings: "many" (expected a whole number of warnings, or -1 for no limit)\nRun "stability-lint --help" for usage.\n',
      bundleLoaded: false,
    });
    assert.equal(exec(['--fix', '--fix-dry-run']).code, 2);
  });

  it('an unknown rule needs the rules: the bundle loads and still exits 2', () => {
    const r = exec(['--rule', 'no-such-rule']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown rule "no-such-rule"/);
    assert.equal(r.bundleLoaded, true);
  });
});
