// How much the `prefilter` speed-up skips on a set of folders: per rule, the share of scripts
// whose text lacks what its `meta.needs` names (where only its `facts` visitor runs, or
// nothing), and over all rules the share of rule runs skipped. A scan of the texts only, with
// each folder's config; that findings stay the same is bench/compare-findings.mjs's job.
// Usage: node --import tsx bench/prefilter-reach.ts [--total] <folder>…   (e.g. bench/.cache/work/ts)
// --total: one line for all the folders together (the ecosystem's projects).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigLoader } from '../engine/config';
import { fileKindOf } from '../engine/file-kinds';
import { findFiles } from '../engine/files';
import { LintSession } from '../engine/lint-file';
import { TextPrefilter } from '../engine/prefilter';
import { allRules } from '../rules';

const loader = new ConfigLoader(allRules, undefined, undefined, [...allRules.keys()]);
const session = new LintSession(allRules);
const scriptRules = [...allRules.values()].filter((r) => r.meta.fileKinds.includes('script'));
const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;

const args = process.argv.slice(2);
const total = args[0] === '--total';
const folders = args.filter((a) => a !== '--total').map((f) => path.resolve(f));
for (const group of total ? [folders] : folders.map((f) => [f])) {
  const files = group.flatMap((folder) => findFiles([folder], { cwd: folder, ignoresFor: (d) => loader.forDir(d).ignores, lintSupportFilesFor: () => true }).files);
  const scripts = files.filter((f) => fileKindOf(f) === 'script');
  const notInFull = new Map(scriptRules.map((r) => [r.meta.id, 0]));
  let skipped = 0;
  let factsOnly = 0;
  let noneInFull = 0;
  let scanMs = 0;
  for (const file of scripts) {
    const text = fs.readFileSync(file, 'utf8');
    const start = performance.now();
    const prefilter = new TextPrefilter(text, session.knowledgeFor(loader.forFile(file)));
    let inFull = 0;
    for (const rule of scriptRules) {
      if (!rule.meta.needs || prefilter.meets(rule.meta.needs)) {
        inFull++;
        continue;
      }
      notInFull.set(rule.meta.id, notInFull.get(rule.meta.id)! + 1);
      if (rule.facts) factsOnly++;
      else skipped++;
    }
    scanMs += performance.now() - start;
    if (!inFull) noneInFull++;
  }
  const runs = scripts.length * scriptRules.length;
  const name = group.length === 1 ? path.relative(process.cwd(), group[0]) || '.' : `${group.length} folders`;
  console.log(`${name}: ${scripts.length} scripts, ${runs} rule runs: ` +
    `${pct(skipped, runs)} skipped, ${pct(factsOnly, runs)} facts only; scripts with no rule in full ${pct(noneInFull, scripts.length)}; scan ${scanMs.toFixed(0)} ms`);
  for (const [id, n] of notInFull) if (n) console.log(`  ${id.padEnd(26)} not run in full on ${pct(n, scripts.length)} of the scripts`);
}
