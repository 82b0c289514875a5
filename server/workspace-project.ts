// The live project of one workspace folder: the last result of every file, the cross-file facts
// they contribute, and the config in force. An edit re-lints one file; other files' candidates
// are re-settled against the new facts without being parsed again.
import * as path from 'node:path';
import { ConfigError, ConfigLoader, type ResolvedConfig } from '../engine/config';
import { fileKindOf } from '../engine/file-kinds';
import { findFiles, type DiscoveryOptions } from '../engine/files';
import { lintFile, LintSession } from '../engine/lint-file';
import type { WorkerJob } from '../engine/worker-pool';
import { factKey, ProjectFacts } from '../engine/project-facts';
import { settledFindings } from '../engine/settle';
import type { FileResult, Finding, Rule, ts } from '../engine/types';
import { FALLBACK_RUNTIME_IMPORT, type Settings } from '../shared/settings';

type Overrides = ConstructorParameters<typeof ConfigLoader>[2];

/** Buffers whose trees are kept for incremental parsing: the files being typed in. */
const MAX_TREES = 16;

export interface ProjectOptions {
  rules: ReadonlyMap<string, Rule<any>>;
  settings: Settings;
  /**
   * The editor cannot create files, so fixes must not add the shim file: they import the shim
   * from a module instead (the configured one, else the published package).
   */
  importShim: boolean;
}

export interface LintOutcome {
  result: FileResult;
  /** The file's facts or exports changed: other files' cross-file findings may change too. */
  factsChanged: boolean;
}

export class WorkspaceProject {
  private readonly results = new Map<string, FileResult>();
  /** Trees of the buffers linted last, reparsed incrementally on the next keystroke (bounded). */
  private readonly trees = new Map<string, ts.SourceFile>();
  private readonly facts = new ProjectFacts();
  /** Path on disk -> files whose results read it (a package.json above them, a nodemon.json beside them). */
  private readonly readers = new Map<string, Set<string>>();
  /** Files the last workspace pass left out as copies of others (a browser build, an ES module twin, compiled output). */
  private copies = new Set<string>();
  private session: LintSession;
  private loader: ConfigLoader;
  /** Config per directory; a broken config resolves to the defaults and is remembered in `configErrors`. */
  private readonly configByDir = new Map<string, ResolvedConfig>();
  private readonly shimConfigs = new WeakMap<ResolvedConfig, ResolvedConfig>();
  /** Broken config files, by path: each shows one diagnostic until fixed. */
  readonly configErrors = new Map<string, ConfigError>();
  /**
   * False until the first whole-workspace pass has recorded every file's facts: until then a
   * cross-file finding (a pool whose release lives in a file not read yet) would be a guess,
   * so only single-file findings are shown.
   */
  factsComplete = false;

  constructor(readonly root: string, private options: ProjectOptions) {
    this.session = new LintSession(options.rules, root);
    this.loader = this.newLoader();
  }

  get settings(): Settings {
    return this.options.settings;
  }

  /** New settings or a changed config file: forget every cached config (results stay until re-linted). */
  reconfigure(options: Partial<ProjectOptions> = {}): void {
    this.options = { ...this.options, ...options };
    this.loader = this.newLoader();
    this.configByDir.clear();
    this.configErrors.clear();
  }

  /** The files whose last result read `changed` (asked whether it exists, or read it as JSON). */
  readersOf(changed: string): string[] {
    return [...(this.readers.get(changed) ?? [])];
  }

  /** A file changed on disk: what the run knows of it (existence, JSON content) is asked again. */
  forgetPath(changed: string): void {
    this.session.fileSystem.forget(changed);
  }

  private noteReads(file: string, before: FileResult | undefined, after: FileResult | undefined): void {
    for (const [p] of before?.fsFacts ?? []) {
      const set = this.readers.get(p);
      set?.delete(file);
      if (set && !set.size) this.readers.delete(p);
    }
    for (const [p] of after?.fsFacts ?? []) {
      let set = this.readers.get(p);
      if (!set) this.readers.set(p, (set = new Set()));
      set.add(file);
    }
  }

  /** Files appeared or disappeared: module resolution must look at the disk again. */
  forgetFileSystem(): void {
    this.session = new LintSession(this.options.rules, this.root);
  }

  contains(file: string): boolean {
    const rel = path.relative(this.root, file);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  }

  /** Every lintable file of the folder, honouring .gitignore and config `ignores`. */
  discover(): string[] {
    try {
      const found = findFiles([this.root], { cwd: this.root, ...this.discovery() });
      this.copies = new Set(found.copies);
      return found.files;
    } catch {
      return []; // the folder vanished or cannot be read: nothing to lint
    }
  }

  /** True when the file is one we lint (right kind, not ignored by config, not a copy the workspace pass left out). */
  wants(file: string): boolean {
    if (!fileKindOf(file) || !this.contains(file) || this.copies.has(file)) return false;
    try {
      return findFiles([file], { cwd: this.root, ...this.discovery() }).files.length === 1;
    } catch {
      return false; // gone from disk: an unsaved buffer of a deleted file is still ours
    }
  }

  configFor(file: string): ResolvedConfig {
    return this.configForDir(path.dirname(file));
  }

  /** What discovery asks of config, per folder: as the CLI does, so editor and CI lint the same files. */
  private discovery(): Pick<DiscoveryOptions, 'ignoresFor' | 'lintSupportFilesFor'> {
    return {
      ignoresFor: (dir) => this.configForDir(dir).ignores,
      lintSupportFilesFor: (dir) => this.configForDir(dir).lintSupportFiles,
    };
  }

  private configForDir(dir: string): ResolvedConfig {
    let config = this.configByDir.get(dir);
    if (!config) {
      try {
        config = this.loader.forDir(dir);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        this.configErrors.set(e.file, e);
        config = this.loader.defaults();
      }
      config = this.withShimImport(config);
      this.configByDir.set(dir, config);
    }
    return config;
  }

  /** Lints one file (from `text` when given, else from disk) and records its result and facts. */
  lint(file: string, text?: string): LintOutcome {
    return this.accept(text === undefined ? lintFile(file, this.configFor(file), this.session) : this.lintBuffer(file, text));
  }

  /** Records a file's result, linted here or in a worker thread, and its facts. */
  accept(result: FileResult): LintOutcome {
    const file = result.file;
    const before = this.results.get(file);
    this.results.set(file, result);
    this.noteReads(file, before, result);
    const factsChanged = !before || !sameFacts(before, result);
    if (factsChanged) this.facts.set(file, result.facts, result.summary);
    return { result, factsChanged };
  }

  /** An editor buffer: parsed incrementally from its previous tree, which is then replaced. */
  private lintBuffer(file: string, text: string): FileResult {
    const previous = this.trees.get(file);
    this.trees.delete(file); // consumed by the incremental parse, and re-added as most recent
    const { sourceFile, ...result } = lintFile(file, this.configFor(file), this.session, { text, previous, keepSourceFile: true });
    if (sourceFile) {
      this.trees.set(file, sourceFile);
      if (this.trees.size > MAX_TREES) this.trees.delete(this.trees.keys().next().value!);
    }
    return result;
  }

  remove(file: string): boolean {
    this.trees.delete(file);
    const before = this.results.get(file);
    this.results.delete(file);
    this.noteReads(file, before, undefined);
    this.facts.delete(file);
    return !!before && (before.facts.length > 0 || !!before.summary);
  }

  result(file: string): FileResult | undefined {
    return this.results.get(file);
  }

  files(): IterableIterator<string> {
    return this.results.keys();
  }

  /** Files whose findings depend on project facts, the ones to refresh when facts change. */
  *filesWithCandidates(): Generator<string> {
    for (const [file, r] of this.results) if (r.candidates.length) yield file;
  }

  /** The findings users see for a file: candidates settled, suppressions applied. */
  findings(file: string): Finding[] {
    const r = this.results.get(file);
    return r ? this.settle(r) : [];
  }

  /** Settles any result of a file of this project, recorded or not. */
  settle(result: FileResult): Finding[] {
    if (result.fatal) return [];
    return settledFindings(this.factsComplete ? result : { ...result, candidates: [] }, this.facts).findings;
  }

  /**
   * Lints a text of a file without recording it: fix-all lints its intermediate texts, which
   * must not replace what the editor shows.
   */
  lintDetached(file: string, text: string): FileResult {
    return lintFile(file, this.configFor(file), this.session, { text });
  }

  lineStarts(file: string): readonly number[] | undefined {
    return this.results.get(file)?.lineStarts;
  }

  /** What a lint worker thread needs to resolve the configs this project does: the settings as overrides, the shim import. */
  workerConfig(): Pick<WorkerJob, 'overrides' | 'runtimeImport'> {
    return {
      overrides: overridesFrom(this.options.settings, this.options.rules),
      ...(this.options.importShim ? { runtimeImport: FALLBACK_RUNTIME_IMPORT } : {}),
    };
  }

  private newLoader(): ConfigLoader {
    return new ConfigLoader(this.options.rules, undefined, overridesFrom(this.options.settings, this.options.rules));
  }

  private withShimImport(config: ResolvedConfig): ResolvedConfig {
    if (!this.options.importShim || config.runtime.import) return config;
    let derived = this.shimConfigs.get(config);
    if (!derived) {
      derived = { ...config, runtime: { import: FALLBACK_RUNTIME_IMPORT } };
      this.shimConfigs.set(config, derived);
    }
    return derived;
  }
}

/** Editor settings as config overrides: per-rule severities and the runtime module. */
function overridesFrom(settings: Settings, rules: ReadonlyMap<string, Rule<any>>): Overrides {
  const ruleOverrides: NonNullable<Overrides>['rules'] = {};
  // A severity for a rule this version does not have is ignored, not an error: settings are
  // shared across machines running different versions.
  for (const [id, severity] of Object.entries(settings.rules)) if (rules.has(id)) ruleOverrides[id] = { severity, options: {} };
  return {
    rules: ruleOverrides,
    ...(settings.runtime.import ? { runtime: { import: settings.runtime.import } } : {}),
  };
}

function sameFacts(a: FileResult, b: FileResult): boolean {
  if (a.facts.length !== b.facts.length || a.facts.some((f, i) => factKey(f) !== factKey(b.facts[i]))) return false;
  return JSON.stringify(a.summary) === JSON.stringify(b.summary);
}
