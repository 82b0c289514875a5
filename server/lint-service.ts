// What gets linted when, and what is published: one live project per workspace folder, the
// open buffers linted first and on every edit, a background pass over each folder that yields
// to edits, cross-file refreshes when a file's facts change, config errors shown on the config
// file. The protocol loop (connection.ts) only translates messages into calls here.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Connection, Diagnostic, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE } from '../engine/config';
import type { FileResult, Rule } from '../engine/types';
import { streamInWorkers } from '../engine/worker-pool';
import { STATUS_NOTIFICATION, type StatusParams } from '../shared/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import { configErrorDiagnostic, toDiagnostics } from './diagnostics';
import type { DiagnosticsChannel } from './diagnostics-channel';
import { DocumentVersions } from './document-versions';
import { fileUri, uriToFile } from './paths';
import { Scheduler } from './scheduler';
import { WorkspaceProject } from './workspace-project';

/**
 * Delay after a keystroke before linting: a burst (paste, multi-cursor, a client flushing queued
 * changes) lands within a few milliseconds and costs one lint; a typist never notices 10 ms.
 */
const EDIT_DEBOUNCE_MS = 10;
/** Files changed on disk arrive in bursts (a branch switch, a formatter run). */
const DISK_DEBOUNCE_MS = 50;
const CONFIG_DEBOUNCE_MS = 100;
const PROGRESS_EVERY_MS = 200;
/**
 * When a pass ends every file's findings go out (settled with the cross-file facts, a few ms a
 * file): this long at most between two looks at waiting edits.
 */
const PUBLISH_SLICE_MS = 8;
/**
 * The first pass waits this long after start: clients send `didOpen` right after `initialized`,
 * and the file on screen must be linted before discovery walks the whole tree.
 */
const STARTUP_GRACE_MS = 50;
/**
 * A pass over at least this many files runs in worker threads (as the CLI's run does from 300):
 * the server's own thread stays free for edits, and the pass goes on while the user types.
 */
const WORKER_PASS_MIN_FILES = 200;
/** Files opened outside every folder each get a small project per directory; the oldest go first. */
const MAX_LOOSE_PROJECTS = 16;

export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

export interface LintServiceOptions {
  connection: Connection;
  documents: OpenDocuments;
  channel: DiagnosticsChannel;
  rules: ReadonlyMap<string, Rule<any>>;
  /** The editor cannot create files: fixes import the shim instead of adding it. */
  importShim: boolean;
  /** Settings for a folder (undefined: settings outside any folder). */
  settingsFor(folderUri: string | undefined): Promise<Settings>;
  /** A lint worker script serving these same rules: large workspace passes then run in worker threads. */
  workerScript?: string;
  /** Called once, after the first open document's diagnostics were published (the code cache is written then). */
  onFirstLint?: () => void;
}

interface FolderState {
  uri: string | undefined;
  project: WorkspaceProject;
  /** Bumped to abandon a running background pass (config change, restart, folder removed). */
  generation: number;
  /** Config files currently shown as broken, to clear them once fixed. */
  shownConfigErrors: Set<string>;
  passDone: Promise<void>;
}

export class LintService {
  private readonly folders = new Map<string, FolderState>();
  /** Projects for files opened outside every workspace folder, keyed by directory. */
  private readonly loose = new Map<string, FolderState>();
  private readonly scheduler: Scheduler;
  /** Which version of each open document is linted; requests for a newer one wait. */
  private readonly versions: DocumentVersions;
  private readonly wanted = new Map<string, boolean>();
  private activePasses = 0;
  /**
   * The passes running in worker threads, each with what it does with results held back: while
   * an edit's lint waits or runs, the results workers post wait, so this thread is the edit's.
   */
  private readonly workerPasses = new Set<{ flush: () => void }>();
  private editorBusy = false;
  private editorFreeWaiters: (() => void)[] = [];
  private stopped = false;
  /** Settings for files outside every folder. */
  private looseSettings: Settings = DEFAULT_SETTINGS;

  /**
   * Per open document, a count of its content changes. Which text a result belongs to is told by
   * this, not by the client's version numbers: a client may repeat or reorder those.
   */
  private readonly edits = new Map<string, number>();

  constructor(private readonly options: LintServiceOptions) {
    this.scheduler = new Scheduler((key, e) => this.logError(`lint of ${key} failed`, e), (busy) => {
      this.editorBusy = busy;
      if (busy) return;
      for (const p of this.workerPasses) setImmediate(p.flush);
      for (const w of this.editorFreeWaiters.splice(0)) setImmediate(w);
    });
    this.versions = new DocumentVersions((uri) => (options.documents.get(uri) ? this.edits.get(uri) ?? 0 : undefined));
  }

  /** The document's text changed (opened or edited): called at once, before start-up is awaited. */
  documentEdited(uri: string): void {
    this.edits.set(uri, (this.edits.get(uri) ?? 0) + 1);
  }

  // ---- folders and settings ----

  async addFolders(uris: string[]): Promise<void> {
    await Promise.all(uris.map(async (uri) => {
      const root = uriToFile(uri);
      if (!root || this.folders.has(uri)) return;
      const settings = await this.options.settingsFor(uri);
      const project = new WorkspaceProject(root, { rules: this.options.rules, settings, importShim: this.options.importShim });
      this.folders.set(uri, { uri, project, generation: 0, shownConfigErrors: new Set(), passDone: Promise.resolve() });
    }));
  }

  removeFolder(uri: string): void {
    const f = this.folders.get(uri);
    if (!f) return;
    f.generation++;
    this.folders.delete(uri);
    this.options.channel.clearAll((u) => {
      const file = uriToFile(u);
      return !!file && f.project.contains(file) && !this.projectFor(file);
    });
  }

  /** Re-reads every folder's settings; folders whose lint settings changed are re-linted. */
  async settingsChanged(): Promise<void> {
    this.looseSettings = await this.options.settingsFor(undefined);
    for (const f of [...this.folders.values(), ...this.loose.values()]) {
      const settings = await this.options.settingsFor(f.uri);
      const before = f.project.settings;
      f.project.reconfigure({ settings });
      if (JSON.stringify(before) === JSON.stringify(settings)) continue;
      this.relintFolder(f);
    }
  }

  /** Lints every folder in the background, after the open documents have had their turn. */
  async startBackgroundPasses(): Promise<void> {
    this.looseSettings = await this.options.settingsFor(undefined);
    await new Promise((r) => setTimeout(r, STARTUP_GRACE_MS));
    for (const f of this.folders.values()) this.startPass(f);
  }

  /** The command "lint workspace": forget caches, read everything again. */
  relintAll(): void {
    for (const f of [...this.folders.values(), ...this.loose.values()]) {
      f.project.forgetFileSystem();
      f.project.reconfigure();
      this.relintFolder(f);
    }
  }

  /** Resolves once every running background pass has finished (tests, and `lint workspace`). */
  async passesDone(): Promise<void> {
    await Promise.all([...this.folders.values()].map((f) => f.passDone));
  }

  // ---- documents ----

  documentOpened(doc: TextDocument): void {
    this.wanted.delete(doc.uri);
    this.scheduleDocument(doc.uri, 0);
  }

  documentChanged(doc: TextDocument): void {
    const f = this.folderOf(doc.uri);
    if (f?.project.settings.run === 'onSave') return;
    this.scheduler.noteEdit();
    this.scheduleDocument(doc.uri, EDIT_DEBOUNCE_MS);
  }

  documentSaved(doc: TextDocument): void {
    const file = uriToFile(doc.uri);
    if (file && isConfigFile(file)) {
      this.configFileChanged(file);
      return;
    }
    if (this.folderOf(doc.uri)?.project.settings.run === 'onSave') this.scheduleDocument(doc.uri, 0);
  }

  documentClosed(uri: string): void {
    this.scheduler.cancel(uri);
    this.wanted.delete(uri);
    this.edits.delete(uri);
    this.versions.closed(uri);
    const file = uriToFile(uri);
    // The buffer may have held unsaved text: what stays in the Problems panel is the disk's.
    if (file) this.scheduleDiskFile(file, 'changed');
  }

  /**
   * Resolves when the open document's current version has been linted (a pull request or a
   * code action must not answer from an older version's offsets). Immediately for closed files
   * and for folders that lint only on save.
   */
  whenLinted(uri: string): Promise<void> {
    if (this.folderOf(uri)?.project.settings.run === 'onSave') return Promise.resolve();
    return this.versions.whenCurrent(uri);
  }

  /** The version of an open document that its recorded findings come from; null for closed files. */
  resultVersionOf(uri: string): number | null {
    return this.versions.resultVersionOf(uri);
  }

  /** True when the document's findings are those of its current text. */
  isCurrent(uri: string): boolean {
    return this.versions.isCurrent(uri);
  }

  projectFor(file: string): WorkspaceProject | undefined {
    return this.folderForFile(file)?.project;
  }

  // ---- files on disk ----

  filesChanged(changes: { uri: string; type: 'created' | 'changed' | 'deleted' }[]): void {
    for (const c of changes) {
      const file = uriToFile(c.uri);
      if (!file) continue;
      this.relintReaders(file);
      const base = path.basename(file);
      if (isConfigFile(file) || base === '.gitignore') {
        this.configFileChanged(file);
        if (base !== 'package.json') continue;
      }
      if (c.type !== 'changed' || base === 'tsconfig.json' || base === 'jsconfig.json') {
        // Module resolution remembers which files exist and the tsconfig paths.
        for (const f of this.allFolders()) if (f.project.contains(file)) f.project.forgetFileSystem();
      }
      if (base === 'tsconfig.json' || base === 'jsconfig.json') continue;
      this.scheduleDiskFile(file, c.type);
    }
  }

  /**
   * Files whose results read `changed` (whether it exists, its JSON) are linted again: a
   * nodemon.json created beside a package.json changes what that package.json's findings offer.
   */
  private relintReaders(changed: string): void {
    for (const f of this.allFolders()) {
      f.project.forgetPath(changed);
      for (const file of f.project.readersOf(changed)) {
        if (file === changed) continue;
        const uri = fileUri(file);
        if (this.options.documents.get(uri)) {
          this.versions.invalidate(uri); // pulls and code actions wait for the re-lint
          this.scheduleDocument(uri, DISK_DEBOUNCE_MS, false);
        } else {
          this.scheduleDiskFile(file, 'changed');
        }
      }
    }
  }

  private configFileChanged(file: string): void {
    for (const f of this.allFolders()) {
      if (!f.project.contains(file) && !f.project.configErrors.has(file)) continue;
      // A package.json without our key changes no config; its own findings are re-linted as a file.
      if (path.basename(file) === 'package.json' && !mentionsConfig(file) && !f.shownConfigErrors.has(file) && !f.project.configErrors.has(file)) {
        continue;
      }
      this.scheduler.schedule(`config:${f.project.root}`, CONFIG_DEBOUNCE_MS, () => {
        f.project.reconfigure();
        this.relintFolder(f);
      });
    }
  }

  private scheduleDiskFile(file: string, type: 'created' | 'changed' | 'deleted'): void {
    const uri = fileUri(file);
    if (this.options.documents.get(uri)) return; // the open buffer, not the disk, is what counts
    const f = this.folderForFile(file);
    if (!f || !f.project.settings.enable) return;
    this.scheduler.schedule(`disk:${file}`, DISK_DEBOUNCE_MS, () => {
      if (this.options.documents.get(uri) || this.stopped) return;
      const project = f.project;
      let factsChanged: boolean;
      if (type === 'deleted' || !project.wants(file)) {
        factsChanged = project.remove(file);
        this.publish(f, file);
      } else {
        factsChanged = project.lint(file).factsChanged;
        this.publish(f, file);
      }
      if (factsChanged) this.refreshDependents(f, file);
    });
  }

  // ---- linting ----

  /** `byClient`: the document's own open/edit/save asked for this lint (a pull client re-pulls by itself then). */
  private scheduleDocument(uri: string, delay: number, byClient = true): void {
    this.scheduler.schedule(uri, delay, () => this.lintDocument(uri, byClient));
  }

  private async lintDocument(uri: string, byClient: boolean): Promise<void> {
    const doc = this.options.documents.get(uri);
    if (!doc || this.stopped) return;
    const version = doc.version;
    const edit = this.edits.get(uri) ?? 0;
    try {
      const file = uriToFile(uri);
      const f = file ? this.folderForFile(file, true) : undefined;
      if (!file || !f || !f.project.settings.enable || !this.wants(f, uri, file)) {
        this.options.channel.clear(uri);
        return;
      }
      const { factsChanged } = f.project.lint(file, doc.getText());
      this.versions.recorded(uri, version);
      // Let messages that arrived during the lint run first: if one was a newer edit, this
      // result is stale and the run that edit scheduled publishes instead.
      await new Promise((r) => setImmediate(r));
      if (this.edits.get(uri) !== edit || !this.options.documents.get(uri) || this.stopped) return;
      this.publish(f, file, byClient);
      const first = this.options.onFirstLint;
      if (first) {
        this.options.onFirstLint = undefined;
        first();
      }
      if (factsChanged) this.refreshDependents(f, file);
      // Linting this file may have been the first to read a broken config above it.
      if ([...f.project.configErrors.keys()].some((c) => !f.shownConfigErrors.has(c))) this.publishConfigErrors(f);
    } finally {
      this.versions.finished(uri, edit);
    }
  }

  private wants(f: FolderState, uri: string, file: string): boolean {
    let w = this.wanted.get(uri);
    if (w === undefined) {
      // A new buffer not saved yet is linted when its kind is one we read.
      w = f.project.wants(file) || (!fileExists(file) && f.project.contains(file));
      this.wanted.set(uri, w);
    }
    return w;
  }

  /** Other files whose cross-file findings may have changed: settled again, never re-parsed. */
  private refreshDependents(f: FolderState, changed: string): void {
    if (!f.project.factsComplete) return;
    for (const file of f.project.filesWithCandidates()) if (file !== changed) this.publish(f, file);
  }

  private relintFolder(f: FolderState): void {
    this.wanted.clear();
    for (const doc of this.options.documents.all()) {
      const file = uriToFile(doc.uri);
      if (file && this.folderForFile(file) === f) {
        this.versions.invalidate(doc.uri); // pulls and code actions wait for the re-lint
        this.scheduleDocument(doc.uri, 0, false);
      }
    }
    if (f.uri !== undefined) this.startPass(f);
    else this.publishConfigErrors(f);
  }

  private startPass(f: FolderState): void {
    const generation = ++f.generation;
    f.passDone = this.backgroundPass(f, generation).catch((e) => this.logError('workspace lint failed', e));
  }

  /**
   * Lints every file of the folder: a large folder in worker threads, a small one here, one file
   * per turn of the event loop, pausing whenever an edit is waiting. Until the first pass ends,
   * cross-file findings are held back (facts incomplete).
   */
  private async backgroundPass(f: FolderState, generation: number): Promise<void> {
    const { project } = f;
    if (!project.settings.enable) {
      this.options.channel.clearAll((u) => this.folderOf(u) === f);
      return;
    }
    // Open documents first: the file on screen must not wait for two thousand others. (Not for a
    // pause in typing: a user who types on from the start would hold the pass back for good.)
    await this.editorFree();
    if (this.abandoned(f, generation)) return;
    this.activePasses++;
    this.status({ state: 'linting', message: `Linting ${path.basename(project.root)}…` });
    let progress: WorkDoneProgressServerReporter | undefined;
    try {
      progress = await this.options.connection.window.createWorkDoneProgress().catch(() => undefined);
      const files = project.discover();
      this.publishConfigErrors(f);
      progress?.begin('stability-lint', 0, `Linting ${files.length} files`, false);
      const seen = new Set(files);
      // In worker threads unless a config is broken (a worker cannot fall back to the defaults
      // file by file as the project does): everything but the open files, which are linted here.
      const inWorkers = this.options.workerScript && files.length >= WORKER_PASS_MIN_FILES && !project.configErrors.size;
      if (!(await (inWorkers ? this.passInWorkers(f, generation, files, progress) : this.passHere(f, generation, files, progress)))) return;
      // Files gone from disk or now ignored since the last pass.
      for (const file of [...project.files()]) {
        if (seen.has(file) || this.options.documents.get(fileUri(file))) continue;
        project.remove(file);
        this.publish(f, file);
      }
      project.factsComplete = true;
      // Every file's findings, now with cross-file ones: in slices, letting edits go first.
      let sliceStart = performance.now();
      for (const file of [...project.files()]) {
        if (performance.now() - sliceStart > PUBLISH_SLICE_MS) {
          await this.editorFree();
          if (this.abandoned(f, generation)) return;
          sliceStart = performance.now();
        }
        this.publish(f, file);
      }
      this.publishConfigErrors(f);
    } finally {
      progress?.done();
      this.activePasses--;
      if (!this.activePasses && !this.stopped) this.status({ state: 'ready', message: 'stability-lint: workspace linted' });
    }
  }

  /** The pass's files on this thread, one per turn of the event loop, yielding to edits. False when abandoned. */
  private async passHere(f: FolderState, generation: number, files: string[], progress: WorkDoneProgressServerReporter | undefined): Promise<boolean> {
    const { project } = f;
    let lastReport = Date.now();
    for (let i = 0; i < files.length; i++) {
      await this.scheduler.idle();
      if (this.abandoned(f, generation)) return false;
      const file = files[i];
      const uri = fileUri(file);
      const doc = this.options.documents.get(uri);
      if (doc) {
        // An open file is linted by its own runs; only one not linted yet is read here.
        if (!project.result(file)) {
          project.lint(file, doc.getText());
          this.versions.recorded(uri, doc.version);
        }
      } else {
        project.lint(file);
      }
      if (project.factsComplete) this.publish(f, file);
      if (Date.now() - lastReport > PROGRESS_EVERY_MS) {
        lastReport = Date.now();
        progress?.report(Math.floor((100 * (i + 1)) / files.length), `${i + 1}/${files.length} files`);
      }
    }
    return true;
  }

  /**
   * The pass's files in worker threads, one core left to the editor; results are recorded as
   * they arrive. Open files are linted here, from their buffers. False when abandoned.
   */
  private async passInWorkers(f: FolderState, generation: number, files: string[], progress: WorkDoneProgressServerReporter | undefined): Promise<boolean> {
    const { project } = f;
    const onDisk: string[] = [];
    for (const file of files) {
      const doc = this.options.documents.get(fileUri(file));
      if (!doc) {
        onDisk.push(file);
        continue;
      }
      // Linted by its own runs already, as nearly always: nothing to wait for. (Waiting for a pause
      // in typing here held the pass back for as long as the user typed.)
      if (project.result(file)) continue;
      await this.editorFree();
      if (this.abandoned(f, generation)) return false;
      if (!project.result(file)) {
        project.lint(file, doc.getText());
        this.versions.recorded(fileUri(file), doc.version);
      }
    }
    const abort = new AbortController();
    let done = files.length - onDisk.length;
    let lastReport = Date.now();
    const apply = (results: FileResult[]): void => {
      if (this.abandoned(f, generation)) {
        abort.abort();
        return;
      }
      for (const result of results) {
        // Opened since the pass began: its buffer, linted by its own runs, is what counts.
        if (this.options.documents.get(fileUri(result.file))) continue;
        project.accept(result);
        if (project.factsComplete) this.publish(f, result.file);
      }
      done += results.length;
      if (Date.now() - lastReport > PROGRESS_EVERY_MS) {
        lastReport = Date.now();
        progress?.report(Math.floor((100 * done) / files.length), `${done}/${files.length} files`);
      }
    };
    const held: FileResult[][] = [];
    const record = (results: FileResult[]): void => {
      if (this.editorBusy) held.push(results);
      else apply(results);
    };
    const running = {
      flush: () => {
        while (held.length && !this.editorBusy) apply(held.shift()!);
      },
    };
    this.workerPasses.add(running);
    try {
      await streamInWorkers(onDisk, {
        rules: { script: this.options.workerScript! },
        workers: Math.max(1, Math.min(2, os.availableParallelism() - 1)),
        ruleIds: [...this.options.rules.keys()],
        keepText: false,
        recordResolutions: false,
        lowPriority: true,
        ...project.workerConfig(),
        signal: abort.signal,
      }, record);
      for (const results of held.splice(0)) apply(results);
    } catch (e) {
      // A worker that cannot start (its script missing, the rules failing to load): lint here.
      this.logError('lint workers failed; linting the workspace on the server thread', e);
      return this.passHere(f, generation, files, progress);
    } finally {
      this.workerPasses.delete(running);
    }
    return !this.abandoned(f, generation);
  }

  /** Resolves on a later turn of the event loop (messages that arrived meanwhile handled) when no edit's lint waits or runs. */
  private editorFree(): Promise<void> {
    return new Promise((resolve) => setImmediate(() => {
      if (this.editorBusy && !this.stopped) this.editorFreeWaiters.push(resolve);
      else resolve();
    }));
  }

  private abandoned(f: FolderState, generation: number): boolean {
    return this.stopped || f.generation !== generation || (f.uri !== undefined && !this.folders.has(f.uri));
  }

  // ---- publishing ----

  private publish(f: FolderState, file: string, fromEdit = false): void {
    const uri = fileUri(file);
    const result = f.project.result(file);
    const diagnostics: Diagnostic[] = result
      ? toDiagnostics(result, f.project.findings(file), (other) => this.lineStartsOf(other))
      : [];
    const configError = f.project.configErrors.get(file);
    if (configError) diagnostics.unshift(configErrorDiagnostic(configError));
    this.options.channel.set(uri, diagnostics, this.versions.resultVersionOf(uri) ?? undefined, fromEdit);
  }

  private publishConfigErrors(f: FolderState): void {
    const now = new Set(f.project.configErrors.keys());
    for (const file of new Set([...now, ...f.shownConfigErrors])) this.publish(f, file);
    f.shownConfigErrors = now;
  }

  private lineStartsOf(file: string): readonly number[] | undefined {
    return this.projectFor(file)?.lineStarts(file);
  }

  private status(s: StatusParams): void {
    if (this.stopped) return;
    void this.options.connection.sendNotification(STATUS_NOTIFICATION, s).catch(() => undefined);
  }

  logError(what: string, e: unknown): void {
    if (this.stopped) return;
    this.options.connection.console.error(`stability-lint: ${what}: ${(e as Error)?.stack ?? e}`);
    this.status({ state: 'error', message: `stability-lint: ${what} (see the output channel)` });
  }

  // ---- routing ----

  private allFolders(): FolderState[] {
    return [...this.folders.values(), ...this.loose.values()];
  }

  private folderOf(uri: string): FolderState | undefined {
    const file = uriToFile(uri);
    return file ? this.folderForFile(file) : undefined;
  }

  /** The innermost workspace folder holding the file; with `create`, a loose project for files outside all. */
  private folderForFile(file: string, create = false): FolderState | undefined {
    let best: FolderState | undefined;
    for (const f of this.folders.values()) {
      if (f.project.contains(file) && (!best || f.project.root.length > best.project.root.length)) best = f;
    }
    if (best) return best;
    const dir = path.dirname(file);
    let loose = this.loose.get(dir);
    if (!loose && create) {
      const project = new WorkspaceProject(dir, { rules: this.options.rules, settings: this.looseSettings, importShim: this.options.importShim });
      // A lone file has no project around it to wait for: its facts are all there is.
      project.factsComplete = true;
      loose = { uri: undefined, project, generation: 0, shownConfigErrors: new Set(), passDone: Promise.resolve() };
      this.loose.set(dir, loose);
      this.evictLooseProjects();
    }
    return loose;
  }

  /** Keeps the loose projects bounded: drops the oldest whose files are all closed. */
  private evictLooseProjects(): void {
    if (this.loose.size <= MAX_LOOSE_PROJECTS) return;
    const openDirs = new Set(this.options.documents.all().map((d) => uriToFile(d.uri)).filter((f): f is string => !!f).map((f) => path.dirname(f)));
    for (const [dir, f] of this.loose) {
      if (this.loose.size <= MAX_LOOSE_PROJECTS) break;
      if (openDirs.has(dir)) continue;
      this.loose.delete(dir);
      f.generation++;
      this.options.channel.clearAll((u) => {
        const file = uriToFile(u);
        return !!file && path.dirname(file) === dir;
      });
    }
  }

  // ---- lifecycle ----

  stop(): void {
    this.stopped = true;
    this.scheduler.dispose();
    for (const w of this.editorFreeWaiters.splice(0)) w();
    for (const f of this.allFolders()) f.generation++;
    this.versions.stop();
  }
}

function isConfigFile(file: string): boolean {
  const base = path.basename(file);
  return base === CONFIG_FILE || base === 'package.json';
}

function mentionsConfig(file: string): boolean {
  try {
    return fs.readFileSync(file, 'utf8').includes('"stabilityLint"');
  } catch {
    return false;
  }
}

function fileExists(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
