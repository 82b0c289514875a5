// `--fix`, then `--fix --unsafe`, each run twice on a project folder, with what the spec's "Fix
// safety" promises checked on every file they change: shared by the fix fuzzer and by
// scripts/fix-check.ts (the ecosystem corpus and the bundled example), which prints the figures.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chosenFix, type FixMode } from '../../engine/apply-fixes';
import { lintProject } from '../../engine/lint-project';
import type { Finding } from '../../engine/types';
import { allRules } from '../../rules';
import { typecheckErrors } from '../typecheck';
import { addedLines, fileRegressions, moduleSystem, newErrors, readScripts, UNSAFE_BOUND } from './fix-checks';

export interface ModeFigures {
  /** Findings whose fix this mode applies, before the run. */
  fixable: number;
  /** Script files the run changed, and shim files it created. */
  changed: number;
  created: number;
  parseErrorsAdded: number;
  moduleSystemsChanged: number;
  duplicatesAdded: number;
  /** New type errors in files that type-checked before (must be 0). */
  typeErrorsAdded: number;
  /** New type errors in files that had some already (reported, not held to 0: see fixRuns). */
  typeErrorsAddedToFilesWithErrors: number;
  /** Lines with a timeout, limiter or eviction that a safe run added (must be 0). */
  boundsAdded: number;
  /** Findings still fixable in this mode after the run (must be 0). */
  leftFixable: number;
  /** Files a second run of the same mode wrote (must be 0). */
  secondPass: number;
}

export interface FixRunFigures {
  safe: ModeFigures;
  unsafe: ModeFigures;
  /** Packages holding more than one shim file (must be 0), and shim files in all. */
  packagesWithSeveralShims: number;
  shims: number;
}

export interface FixRunOutcome {
  figures: FixRunFigures;
  failures: string[];
}

interface Message {
  ruleId: string;
  finding?: Finding;
}

export async function lintMessages(dir: string): Promise<{ file: string; messages: Message[] }[]> {
  const run = await lintProject({ cwd: dir, paths: ['.'], rules: allRules, workers: 0 });
  return run.reports.map((r) => ({ file: r.file, messages: r.messages as Message[] }));
}

/**
 * Runs `--fix` then `--fix --unsafe` (each twice) in `dir`, which it changes. `types`: the type
 * errors before; a file that type-checked must still type-check after each run (the spec: a fix
 * type-checks where the input did).
 */
export async function fixRuns(dir: string, types?: { before: string[] }): Promise<FixRunOutcome> {
  const failures: string[] = [];
  const original = readScripts(dir);
  const figures = { safe: emptyFigures(), unsafe: emptyFigures(), packagesWithSeveralShims: 0, shims: 0 };
  let messages = await lintMessages(dir);
  for (const mode of ['safe', 'unsafe'] as FixMode[]) {
    const f = figures[mode];
    const flag = mode === 'unsafe' ? '--fix --unsafe' : '--fix';
    f.fixable = messages.reduce((n, r) => n + r.messages.filter((m) => m.finding && chosenFix(m.finding, mode)).length, 0);
    const before = readScripts(dir);
    const run = await lintProject({ cwd: dir, paths: ['.'], rules: allRules, workers: 0, fix: { write: true, unsafe: mode === 'unsafe' } });
    const after = readScripts(dir);
    f.created = run.written.filter((w) => !before.has(w) && /(^|[\\/])stability-runtime\.[cm]?[jt]s$/.test(w)).length;
    for (const [file, text] of after) {
      const was = before.get(file);
      if (was === undefined || was === text) continue;
      f.changed++;
      const rel = path.relative(dir, file);
      for (const p of fileRegressions(file, was, text)) {
        failures.push(`${flag} ${rel}: ${p}`);
        if (p.startsWith('parse')) f.parseErrorsAdded++;
        else if (p.startsWith('module')) f.moduleSystemsChanged++;
        else f.duplicatesAdded++;
      }
      if (mode === 'safe') {
        const bounds = addedLines(was, text).filter((l) => UNSAFE_BOUND.test(l));
        f.boundsAdded += bounds.length;
        if (bounds.length) failures.push(`${flag} ${rel} added a bound: ${bounds.map((b) => b.trim()).join(' | ')}`);
      }
    }
    if (types) {
      // A file that did not type-check here (its dependencies are not installed, so `req` is an
      // implicit any) is no evidence either way: its new errors are counted apart.
      const hadErrors = (e: string) => types.before.some((b) => b.startsWith(`${e.split(' ')[0]}:`));
      const added = newErrors(types.before, typecheckErrors(dir));
      f.typeErrorsAdded = added.filter((e) => !hadErrors(e)).length;
      f.typeErrorsAddedToFilesWithErrors = added.filter(hadErrors).length;
      for (const e of added) if (!hadErrors(e)) failures.push(`${flag}: new type error ${e}`);
    }
    messages = await lintMessages(dir);
    const left = messages.flatMap((r) => r.messages.filter((m) => m.finding && chosenFix(m.finding, mode))
      .map((m) => `${path.relative(dir, r.file)} ${m.ruleId}/${m.finding!.messageId}`));
    f.leftFixable = left.length;
    if (left.length) failures.push(`${flag} left fixable findings: ${left.join(', ')}`);
    const second = await lintProject({ cwd: dir, paths: ['.'], rules: allRules, workers: 0, fix: { write: true, unsafe: mode === 'unsafe' } });
    f.secondPass = second.written.length;
    if (second.written.length) failures.push(`a second ${flag} changed ${second.written.map((w) => path.relative(dir, w)).join(', ')}`);
  }
  for (const [pkg, shims] of shimsByPackage(dir)) {
    figures.shims += shims.length;
    if (shims.length > 1) {
      figures.packagesWithSeveralShims++;
      failures.push(`${shims.length} shims in package ${path.relative(dir, pkg) || '.'}: ${shims.join(', ')}`);
    }
  }
  for (const [file, text] of readScripts(dir)) {
    const was = original.get(file);
    if (was !== undefined && moduleSystem(file, was) !== moduleSystem(file, text)) failures.push(`${path.relative(dir, file)}: module system changed`);
  }
  return { figures, failures };
}

function emptyFigures(): ModeFigures {
  return { fixable: 0, changed: 0, created: 0, parseErrorsAdded: 0, moduleSystemsChanged: 0, duplicatesAdded: 0, typeErrorsAdded: 0, typeErrorsAddedToFilesWithErrors: 0, boundsAdded: 0, leftFixable: 0, secondPass: 0 };
}

/** Shim files by the package folder (nearest package.json, else the project folder) they lie in. */
export function shimsByPackage(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && e.name !== 'node_modules') walk(p);
      else if (/^stability-runtime\.[cm]?[jt]s$/.test(e.name)) {
        let pkg = path.dirname(p);
        while (pkg !== dir && pkg.startsWith(dir + path.sep) && !fs.existsSync(path.join(pkg, 'package.json'))) pkg = path.dirname(pkg);
        out.set(pkg, [...(out.get(pkg) ?? []), path.relative(dir, p)]);
      }
    }
  };
  walk(dir);
  return out;
}
