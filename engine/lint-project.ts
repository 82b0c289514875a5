// A whole lint run for the CLI: discover, lint every file once (streaming, across worker
// threads for big runs), settle cross-file candidates, optionally fix and write.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyFixes } from './apply-fixes';
import { ConfigLoader } from './config';
import { findFiles, UsageError } from './files';
import { lintFile, LintSession } from './lint-file';
import { ProjectFacts } from './project-facts';
import { settledFindings, toMessages, type SettleOptions } from './settle';
import type { FileReport, FileResult, Rule } from './types';
import { lintInWorkers } from './worker-pool';

export interface LintRunOptions extends SettleOptions {
  cwd: string;
  paths: string[];
  /** Every rule the product has (configs are validated against all of them). */
  rules: ReadonlyMap<string, Rule<any>>;
  /** Run only these rules (--rule); the rest are off for this run. */
  only?: string[];
  configFile?: string;
  /** Apply safe fixes; `write: false` computes them without touching disk (--fix-dry-run). */
  fix?: { write: boolean };
  /** Worker threads to use; 0 or 1 lints on the main thread. Defaults by file count. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** For worker threads: a module exporting `rules` when `rules` is not the built-in set (tests, embedding). */
  rulesModule?: string;
}

export interface LintRun {
  reports: FileReport[];
  warnings: string[];
  /** Files written by --fix, and files it created (the shim). */
  written: string[];
}

const MAX_FIX_PASSES = 10;
/** Below this many files a worker's start-up (loading the compiler) costs more than it saves. */
const FILES_PER_WORKER = 150;

export async function lintProject(opts: LintRunOptions): Promise<LintRun> {
  const configFile = opts.configFile ? path.resolve(opts.cwd, opts.configFile) : undefined;
  if (configFile) {
    if (!fs.existsSync(configFile)) throw new UsageError(`Config file not found: ${opts.configFile}`);
    ConfigLoader.validateFile(configFile, opts.rules);
  }
  const loader = new ConfigLoader(opts.rules, configFile);
  const { files, warnings } = findFiles(opts.paths, { cwd: opts.cwd, ignoresFor: (dir) => loader.forDir(dir).ignores });
  const running = opts.only ? new Map([...opts.rules].filter(([id]) => opts.only!.includes(id))) : opts.rules;
  const session = new LintSession(running);
  const keepText = opts.fix !== undefined;

  const workers = opts.workers ?? Math.min(2, Math.floor(files.length / FILES_PER_WORKER));
  let results: FileResult[];
  if (workers > 1) {
    results = await lintInWorkers(files, { workers, configFile, ruleIds: [...running.keys()], keepText, rulesModule: opts.rulesModule, onProgress: opts.onProgress });
  } else {
    results = [];
    for (let i = 0; i < files.length; i++) {
      results.push(lintFile(files[i], loader.forFile(files[i]), session, { keepText }));
      opts.onProgress?.(i + 1, files.length);
    }
  }

  const facts = new ProjectFacts();
  for (const r of results) facts.set(r.file, r.facts, r.summary);

  const written: string[] = [];
  const outputs = new Map<string, string>();
  if (opts.fix) {
    fixAll(results, facts, loader, session, outputs, written, opts.fix.write);
  }

  const reports = results.map((r): FileReport => {
    const report: FileReport = { file: r.file, messages: toMessages(r, facts, opts) };
    const out = outputs.get(r.file);
    if (out !== undefined) report.output = out;
    return report;
  });
  return { reports, warnings, written };
}

/**
 * Fix passes: apply safe fixes, re-lint what changed, until nothing more applies. Fixed text
 * replaces the file's result so the report shows what remains.
 */
function fixAll(
  results: FileResult[],
  facts: ProjectFacts,
  loader: ConfigLoader,
  session: LintSession,
  outputs: Map<string, string>,
  written: string[],
  write: boolean,
): void {
  const index = new Map(results.map((r, i) => [r.file, i]));
  const original = new Map<string, string>();
  const current = (file: string): string | undefined => {
    const i = index.get(file);
    if (i !== undefined) return results[i].text;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const findings = results.flatMap((r) => (r.fatal ? [] : settledFindings(r, facts).findings));
    const { texts, creates, applied } = applyFixes(findings, current);
    if (!applied) break;
    for (const c of creates) {
      if (fs.existsSync(c.file) || outputs.has(c.file)) continue;
      outputs.set(c.file, c.content);
      if (write) {
        fs.mkdirSync(path.dirname(c.file), { recursive: true });
        fs.writeFileSync(c.file, c.content);
        written.push(c.file);
      }
    }
    let changed = false;
    for (const [file, text] of texts) {
      const before = current(file);
      if (before === text) continue;
      changed = true;
      if (!original.has(file) && before !== undefined) original.set(file, before);
      outputs.set(file, text);
      const i = index.get(file);
      if (i !== undefined) {
        results[i] = lintFile(file, loader.forFile(file), session, { text, keepText: true });
        facts.set(file, results[i].facts, results[i].summary);
      }
    }
    if (!changed) break;
  }
  if (write) {
    for (const [file, text] of outputs) {
      if (!original.has(file)) continue;
      fs.writeFileSync(file, text);
      written.push(file);
    }
  }
  // Only files whose text changed carry an `output`, as in ESLint's JSON.
  for (const file of [...outputs.keys()]) if (!original.has(file) && index.has(file)) outputs.delete(file);
}
