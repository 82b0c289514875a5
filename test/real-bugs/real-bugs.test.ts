// Recall on real bugs: before/after pairs modelled on public bug-fix threads (each case's
// case.json names its thread). Each side is linted as its own project, with every real rule.
// The before side must report the case's rule at every expected location; the after side (what
// the fix, or its maintainers, settled on) must report nothing of that rule above `info` (an
// `info` finding — a watcher in a `dev` script — is what the spec asks for and is printed).
// Known misses are listed in known-misses.json: each must still fail on its listed side, so
// the list can only shrink; every other case must pass. Recall and quiet figures are printed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { lintProject } from '../../engine/lint-project';
import type { LintMessage } from '../../engine/types';
import { allRules } from '../../rules';

interface Expected {
  file: string;
  line: number;
  column: number;
}
interface Case {
  url: string;
  title: string;
  rule: string;
  summary: string;
  expect: Expected[];
}
type Side = 'before' | 'after';
interface KnownMiss {
  side: Side | 'both';
  why: string;
}
interface Found extends LintMessage {
  file: string;
}

const ROOT = __dirname;
const CASES = path.join(ROOT, 'cases');
const knownMisses = JSON.parse(fs.readFileSync(path.join(ROOT, 'known-misses.json'), 'utf8')) as Record<string, KnownMiss>;
const slugs = fs.readdirSync(CASES).filter((s) => fs.existsSync(path.join(CASES, s, 'case.json'))).sort();

/** Lints one side as a project of its own, in a temporary copy (fixes never run; nothing is written). */
export async function lintSide(slug: string, side: Side): Promise<Found[]> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `sl-real-${side}-`)));
  try {
    fs.cpSync(path.join(CASES, slug, side), dir, { recursive: true });
    const run = await lintProject({ cwd: dir, paths: ['.'], rules: allRules, workers: 0 });
    return run.reports.flatMap((r) => r.messages.map((m) => ({ ...m, file: path.relative(dir, r.file).split(path.sep).join('/') })));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface Outcome {
  flagged: boolean;
  quiet: boolean;
  missing: Expected[];
  beforeOfRule: Found[];
  afterOfRule: Found[];
  afterOthers: Found[];
  fatal: Found[];
}

export async function evaluate(slug: string, c: Case): Promise<Outcome> {
  const [before, afterSide] = [await lintSide(slug, 'before'), await lintSide(slug, 'after')];
  const ofRule = (ms: Found[]) => ms.filter((m) => m.ruleId === c.rule);
  const beforeOfRule = ofRule(before);
  const missing = c.expect.filter((e) => !beforeOfRule.some((m) => m.file === e.file && m.line === e.line && m.column === e.column));
  const afterOfRule = ofRule(afterSide).filter((m) => m.severity !== 'info');
  return {
    flagged: missing.length === 0,
    quiet: afterOfRule.length === 0,
    missing,
    beforeOfRule,
    afterOfRule,
    afterOthers: afterSide.filter((m) => m.ruleId !== c.rule && m.ruleId !== null),
    fatal: [...before, ...afterSide].filter((m) => m.fatal),
  };
}

const show = (m: Found) => `${m.file}:${m.line}:${m.column} ${m.ruleId} (${m.severity}) ${m.message}`;
const results: { slug: string; rule: string; flagged: boolean; quiet: boolean }[] = [];

describe('real-bug suite', () => {
  for (const slug of slugs) {
    const c = JSON.parse(fs.readFileSync(path.join(CASES, slug, 'case.json'), 'utf8')) as Case;
    const miss = knownMisses[slug];
    it(`${slug} (${c.rule})`, async () => {
      assert.ok(allRules.has(c.rule), `unknown rule ${c.rule}`);
      assert.ok(c.expect.length > 0 && /^https:\/\//.test(c.url), 'case.json needs a thread URL and at least one expected location');
      const o = await evaluate(slug, c);
      results.push({ slug, rule: c.rule, flagged: o.flagged, quiet: o.quiet });
      assert.deepEqual(o.fatal.map(show), [], 'a side of the case does not parse');
      for (const m of o.afterOthers) console.log(`  [${slug}] after, other rule: ${show(m)}`);
      const detail = [
        ...o.missing.map((e) => `before: no ${c.rule} at ${e.file}:${e.line}:${e.column}`),
        ...(o.missing.length ? o.beforeOfRule.map((m) => `  before reported: ${show(m)}`) : []),
        ...o.afterOfRule.map((m) => `after reported: ${show(m)}`),
      ].join('\n');
      if (!miss) {
        assert.ok(o.flagged && o.quiet, `${slug}:\n${detail}`);
        return;
      }
      // A known miss must still miss (else remove it from known-misses.json); its other side must pass.
      const beforeFails = miss.side === 'before' || miss.side === 'both';
      const afterFails = miss.side === 'after' || miss.side === 'both';
      assert.equal(!o.flagged, beforeFails, `${slug}: known miss on '${miss.side}', but the before side ${o.flagged ? 'is flagged now' : 'is not flagged'}\n${detail}`);
      assert.equal(!o.quiet, afterFails, `${slug}: known miss on '${miss.side}', but the after side ${o.quiet ? 'is quiet now' : 'is not quiet'}\n${detail}`);
    });
  }

  it('known-misses.json names only cases that exist', () => {
    assert.deepEqual(Object.keys(knownMisses).filter((s) => !slugs.includes(s)), []);
  });

  after(() => {
    if (results.length < slugs.length) return; // a filtered run: no figures
    const n = results.length;
    const flagged = results.filter((r) => r.flagged).length;
    const quiet = results.filter((r) => r.quiet).length;
    const pct = (k: number) => `${((100 * k) / n).toFixed(1)}%`;
    const lines = [`real-bug suite: before-sides flagged ${flagged}/${n} (${pct(flagged)}), after-sides quiet ${quiet}/${n} (${pct(quiet)})`];
    const rules = [...new Set(results.map((r) => r.rule))].sort();
    for (const rule of rules) {
      const rs = results.filter((r) => r.rule === rule);
      lines.push(`  ${rule}: flagged ${rs.filter((r) => r.flagged).length}/${rs.length}, quiet ${rs.filter((r) => r.quiet).length}/${rs.length}`);
    }
    console.log(lines.join('\n'));
  });
});
