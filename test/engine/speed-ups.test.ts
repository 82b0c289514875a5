// Findings must not depend on how fast the linter got them: the built CLI lints real code — the
// real-bug cases, every docs example, the example service — as shipped and without each of the
// engine's speed-ups (engine/speed-ups.ts), and every finding must be the same, line for line.
// The bench runs the same comparison on its corpora (bench/compare-findings.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { diffFindings, stableFindings } from '../../bench/compare-findings.mjs';
import { SPEED_UPS } from '../../engine/speed-ups';
import { allRules } from '../../rules';
import { CLI, ROOT, ensureBuilt } from '../built-cli';
import { docExamples } from '../doc-examples';
import { tempProject } from '../temp-project';

/** Every docs example as its own project (a package.json each, so one cannot see another's facts). */
function docsProjects(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const id of allRules.keys()) {
    const md = fs.readFileSync(path.join(ROOT, 'docs/rules', `${id}.md`), 'utf8');
    docExamples(md).forEach((e, i) => {
      const dir = `docs/${id}/${i}`;
      if (e.filename !== 'package.json') files[`${dir}/package.json`] = `{ "name": "example-${i}" }\n`;
      files[`${dir}/${e.filename}`] = e.code;
    });
  }
  return files;
}

describe('speed-ups leave findings unchanged', () => {
  let dir: string;
  let config: string;
  const paths = [path.join(ROOT, 'test/real-bugs/cases'), path.join(ROOT, 'examples/service')];

  before(() => {
    ensureBuilt();
    dir = tempProject({
      ...docsProjects(),
      // Every rule on, support files (tests, scripts) linted too.
      'stability-lint.config.json': JSON.stringify({ root: true, lintSupportFiles: true, rules: Object.fromEntries([...allRules.keys()].map((id) => [id, 'warn'])) }),
    }, 'sl-speed-ups-');
    config = path.join(dir, 'stability-lint.config.json');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lint = (without: string): string[] => {
    const out = path.join(dir, `report-${without || 'shipped'}.json`);
    const r = spawnSync(process.execPath, [CLI, '--config', config, '--format', 'json', '--output-file', out, path.join(dir, 'docs'), ...paths], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, STABILITY_LINT_WITHOUT: without },
    });
    assert.ok(r.status === 0 || r.status === 1, `lint failed (exit ${r.status}):\n${r.stderr}`);
    // Paths relative to the repository, so the temp folder's name does not matter.
    return stableFindings(JSON.parse(fs.readFileSync(out, 'utf8')), ROOT).map((l) => l.replace(/^.*?\/docs\//, 'docs/'));
  };

  let shippedFindings: string[] | undefined;
  const shipped = (): string[] => (shippedFindings ??= lint(''));

  it('the code compared has findings of every rule', () => {
    const rules = new Set(shipped().map((l) => l.split(' ')[2]));
    for (const id of allRules.keys()) assert.ok(rules.has(id), `no finding of ${id} in the code compared`);
  });

  for (const name of [...SPEED_UPS, SPEED_UPS.join(',')]) {
    it(`without ${name.replace(/,/g, ', ')}`, () => {
      assert.deepEqual(diffFindings(shipped(), lint(name)), { identical: true, onlyBaseline: [], onlyVariant: [] });
    });
  }
});
