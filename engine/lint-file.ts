// Lints one file: read, parse once, one shared walk for every enabled rule, and the small
// structured result the project step settles (findings, candidates, facts, exports).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { ResolvedConfig } from './config';
import { FileRuleContext, FileState } from './context';
import { fileKindOf, fileKindOfText } from './file-kinds';
import { FileFacts, FileSystemFacts } from './file-system-facts';
import { rememberFileNodes } from './file-nodes';
import { generatedCodeReason } from './generated-code';
import { testSuiteReason } from './test-suite';
import { Knowledge } from './knowledge';
import { collectExports } from './module-symbols';
import { ModuleResolver } from './resolve-module';
import { speedUp } from './speed-ups';
import { TextPrefilter } from './prefilter';
import { parseDirectives } from './suppressions';
import { computeLineStarts, lineColumn, looksBinary } from './text';
import { templatePlaceholderAt } from './template-placeholder';
import { TypeQueries } from './type-queries';
import { isAcceptedInSloppyScript } from './sloppy-mode';
import type { FileKind, FileResult, Rule, RuleError, Visitor } from './types';

export interface LintFileOptions {
  /** The text to lint instead of the file on disk (an editor buffer). */
  text?: string;
  /** Keep the text in the result (for fixing and the language server). */
  keepText?: boolean;
  /** List in the result every module specifier resolved while linting (for --cache validity). */
  recordResolutions?: boolean;
  /**
   * The tree of this file's previous text (an editor buffer before a keystroke): parsed
   * incrementally from it, reusing every node outside the edit. The old tree is consumed.
   */
  previous?: ts.SourceFile;
  /** Hand the parsed tree back (as `sourceFile`), to pass as `previous` next time. In-process only. */
  keepSourceFile?: boolean;
}

/** A specifier resolved from a file, and the project file it named then (null: none, a library). */
export type Resolution = [from: string, specifier: string, resolved: string | null];

/** A file's result, with the module resolutions it depended on when they were recorded. */
export interface LintedFile extends FileResult {
  resolutions?: Resolution[];
}

/** Everything shared across the files of one run: the rules, module resolution, knowledge per config. */
export class LintSession {
  readonly resolver = new ModuleResolver();
  /** Existence and JSON lookups, cached for the run; each file's own are recorded with its result. */
  readonly fileSystem = new FileSystemFacts();
  private readonly knowledgeByConfig = new WeakMap<ResolvedConfig, Knowledge>();
  /** Each folder's config is an object of its own; configs that add the same libraries share one Knowledge (and its lazily built tables). */
  private readonly knowledgeByLibraries = new Map<string, Knowledge>();
  private typeQueries: TypeQueries | undefined;

  /** Type queries for configs that turned `typeAware` on; created on first use. */
  typesFor(config: ResolvedConfig): TypeQueries | undefined {
    if (!config.typeAware) return undefined;
    return (this.typeQueries ??= new TypeQueries());
  }

  /** The file kinds of each rule, read once: a rule set whose metadata cannot be read fails the run, not each file. */
  readonly kindsOf: ReadonlyMap<string, readonly FileKind[]>;

  /**
   * `workspaceRoot`: the folder the run lints from (the CLI's working directory, the editor's
   * workspace folder); fixes put the runtime shim there for files that belong to no package.
   */
  constructor(readonly rules: ReadonlyMap<string, Rule<any>>, readonly workspaceRoot?: string) {
    this.kindsOf = new Map([...rules].map(([id, rule]) => [id, [...rule.meta.fileKinds]]));
  }

  knowledgeFor(config: ResolvedConfig): Knowledge {
    let k = this.knowledgeByConfig.get(config);
    if (!k) {
      const key = JSON.stringify(config.libraries);
      k = this.knowledgeByLibraries.get(key);
      if (!k) this.knowledgeByLibraries.set(key, (k = new Knowledge(config.libraries)));
      this.knowledgeByConfig.set(config, k);
    }
    return k;
  }
}

/**
 * Lints one file. Never throws for the file's sake: input the parser or a rule cannot handle
 * (nesting deep enough to overflow the stack) is one fatal message on the file, as a parse error
 * is; a rule that throws is reported on the file naming the rule (`ruleErrors`), the other
 * rules' findings kept; an engine error on the file becomes a fatal message with `internalError`.
 */
export function lintFile(file: string, config: ResolvedConfig, session: LintSession, opts: LintFileOptions = {}): LintedFile {
  // An extensionless file is read first: its #! line says whether it is a Node program.
  let kind = fileKindOf(file) ?? (path.extname(file) === '' ? 'script' : undefined);
  const empty = (fatal: FileResult['fatal'], text?: string): FileResult => ({
    file, fatal, findings: [], candidates: [], facts: [], directives: [], lineStarts: text ? computeLineStarts(text) : [0],
    ...(opts.keepText && text !== undefined ? { text } : {}),
  });
  if (!kind) return empty(undefined);

  let text = opts.text;
  if (text === undefined) {
    const read = readSource(file, config.maxFileSize);
    if (typeof read !== 'string') return empty(read);
    text = read;
  } else if (Buffer.byteLength(text) > config.maxFileSize) {
    return empty(tooLarge(Buffer.byteLength(text), config.maxFileSize));
  } else if (text.includes('\u0000')) {
    return empty({ message: 'Skipped: binary file', severity: 'info' });
  }
  if (!fileKindOf(file)) {
    kind = fileKindOfText(file, text);
    if (!kind) return empty(undefined);
  }
  const parsed: { tree?: ts.SourceFile } = {};
  try {
    return lintText(file, kind, text, config, session, opts, empty, parsed);
  } catch (e) {
    if (isStackOverflow(e)) {
      // Deeper nesting than this thread's stack holds: a caller with a worker of a bigger stack retries.
      const levels = nestingDepth(text, parsed.tree);
      // A file nested a few dozen levels deep overflows no stack: the recursion is a rule's, a bug to report, not the file's.
      const message = levels < SHALLOW_NESTING
        ? `Internal error: a rule overflowed the stack on this file, though it nests only ${levels} levels deep (please report it)`
        : `Skipped: nesting too deep to parse (${levels} levels)`;
      return { ...empty({ message, severity: 'error' }, text), stackOverflow: true };
    }
    const err = e as Error;
    return { ...empty({ message: `Internal error: ${err?.message ?? String(e)}`, severity: 'error' }, text), internalError: err?.stack ?? String(e) };
  }
}

/** Nesting below this overflows no thread's stack: an overflow there comes from a rule's own recursion. */
const SHALLOW_NESTING = 500;

/** The file's text, or why it cannot be linted (not a regular file, unreadable, too large, binary). */
function readSource(file: string, maxFileSize: number): string | FileResult['fatal'] {
  let buf: Buffer;
  try {
    const stat = fs.statSync(file);
    // A FIFO or a device would block the read, or never end.
    if (!stat.isFile()) return { message: 'Skipped: not a regular file', severity: 'info' };
    if (stat.size > maxFileSize) return tooLarge(stat.size, maxFileSize);
    buf = fs.readFileSync(file);
  } catch (e) {
    return { message: `Cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, severity: 'error' };
  }
  // Rewritten while being read: the size checked above no longer holds.
  if (buf.length > maxFileSize) return tooLarge(buf.length, maxFileSize);
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    return { message: 'Skipped: UTF-16 text (stability-lint reads UTF-8 source files)', severity: 'info' };
  }
  if (looksBinary(buf)) return { message: 'Skipped: binary file', severity: 'info' };
  return buf.toString('utf8');
}

function lintText(
  file: string, kind: FileKind, text: string, config: ResolvedConfig, session: LintSession, opts: LintFileOptions,
  empty: (fatal: FileResult['fatal'], text?: string) => FileResult,
  parsed: { tree?: ts.SourceFile },
): LintedFile {
  const fsFacts = new FileFacts(session.fileSystem);
  // Code nobody edits by hand (a bundle, a minified or vendored copy): findings there cannot be acted on.
  const generated = kind === 'script' ? generatedCodeReason(file, text, fsFacts.packageDirOf(path.dirname(file))) : undefined;
  if (generated) return { ...empty({ message: `Skipped: ${generated}`, severity: 'info' }, text), fsFacts: fsFacts.facts() };
  // A test suite named like product code (`regtest/p2p.js`): discovery knows tests only by their names.
  const suite = kind === 'script' && !config.lintSupportFiles ? testSuiteReason(text) : undefined;
  if (suite) return { ...empty({ message: `Skipped: ${suite}; set "lintSupportFiles": true to lint it`, severity: 'info' }, text), fsFacts: fsFacts.facts() };

  const lineStarts = computeLineStarts(text);
  const sourceFile = opts.previous && kind === 'script' ? reparse(opts.previous, text) : parse(file, kind, text, parsed);
  parsed.tree = sourceFile;
  const keptTree = opts.keepSourceFile && sourceFile ? { sourceFile } : {};
  const syntaxError = sourceFile && firstSyntaxError(sourceFile);
  if (syntaxError) {
    const at = lineColumn(lineStarts, syntaxError.start);
    // A template filled in before it runs (a placeholder where parsing stops) is not broken code.
    const placeholder = templatePlaceholderAt(text, syntaxError.start);
    if (placeholder) {
      const note = `Skipped: a template, not code (the placeholder ${placeholder} is filled in before it runs)`;
      return { ...empty({ message: note, severity: 'info', ...at }, text), ...keptTree };
    }
    return { ...empty({ message: `Parsing error: ${syntaxError.message}`, severity: 'error', ...at }, text), ...keptTree };
  }

  const resolutions = opts.recordResolutions ? new Map<string, Resolution>() : undefined;
  const resolver = resolutions ? recordingResolver(session.resolver, resolutions) : session.resolver;
  const state = new FileState(file, kind, text, sourceFile, config, session.knowledgeFor(config), resolver, fsFacts, session.typesFor(config), session.workspaceRoot);
  const errors: RuleError[] = [];
  const table = buildDispatch(session, config, kind, state, errors);
  if (sourceFile && table.handlers.length) walk(sourceFile, table, errors);
  for (const { rule, end } of table.ends) {
    if (table.failed[rule]) continue;
    try {
      end();
    } catch (e) {
      if (isStackOverflow(e)) throw e;
      errors.push(ruleError(table.ids[rule], e));
    }
  }
  const result: LintedFile = {
    file,
    findings: state.findings,
    candidates: state.candidates,
    facts: [...state.facts.values()],
    summary: sourceFile && kind === 'script' ? collectExports(sourceFile, resolver) : undefined,
    directives: parseDirectives(text, kind, lineStarts),
    lineStarts,
    ...keptTree,
  };
  // A rule bug must not hide the other rules' findings: each broken rule is reported on the file.
  if (errors.length) result.ruleErrors = errors;
  if (opts.keepText) result.text = text;
  if (resolutions) result.resolutions = [...resolutions.values()];
  result.fsFacts = fsFacts.facts();
  return result;
}

/** The session's resolver (and its file-system cache), noting each distinct resolution asked for. */
function recordingResolver(base: ModuleResolver, into: Map<string, Resolution>): ModuleResolver {
  const recording = Object.create(base) as ModuleResolver;
  recording.resolve = (from, specifier) => {
    const resolved = base.resolve(from, specifier);
    into.set(`${from}\0${specifier}`, [from, specifier, resolved ?? null]);
    return resolved;
  };
  return recording;
}

function tooLarge(size: number, max: number): FileResult['fatal'] {
  return { message: `Skipped: file is ${formatBytes(size)}, over the ${formatBytes(max)} limit (maxFileSize)`, severity: 'info' };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Incremental parse: only the span between the texts' common prefix and suffix is new. */
function reparse(previous: ts.SourceFile, text: string): ts.SourceFile {
  const old = previous.text;
  if (old === text) return previous;
  const max = Math.min(old.length, text.length);
  let start = 0;
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < max - start && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const change = { span: { start, length: old.length - suffix - start }, newLength: text.length - suffix - start };
  return ts.updateSourceFile(previous, text, change);
}

function parse(file: string, kind: FileKind, text: string, parsed: { tree?: ts.SourceFile }): ts.SourceFile | undefined {
  switch (kind) {
    case 'script': {
      // Parents are set by a plain recursion: the compiler's own setParentNodes pass costs
      // about twice as much (a work queue per node), about a fifth of the whole parse.
      const sf = ts.createSourceFile(file, text, SCRIPT_OPTIONS, false, scriptKind(file));
      parsed.tree = sf;
      setParents(sf);
      return sf;
    }
    case 'package-json':
    case 'pm2-json':
    case 'json': {
      const sf = ts.parseJsonText(file, text);
      parsed.tree = sf;
      // parseJsonText leaves parents unset; rules walk upwards from values.
      setParents(sf);
      return sf;
    }
    default:
      return undefined;
  }
}

/**
 * No rule reads JSDoc: the parser skips it (about a tenth of the parse's time and garbage on
 * code that documents itself). Incremental reparses keep the mode of the tree they start from.
 */
const SCRIPT_OPTIONS: ts.CreateSourceFileOptions | ts.ScriptTarget = speedUp('skip-jsdoc')
  ? { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }
  : ts.ScriptTarget.Latest;

function scriptKind(file: string): ts.ScriptKind {
  switch (path.extname(file)) {
    case '.tsx': return ts.ScriptKind.TSX;
    case '.jsx': return ts.ScriptKind.JSX;
    case '.js': case '.mjs': case '.cjs': case '': return ts.ScriptKind.JS;
    default: return ts.ScriptKind.TS;
  }
}

/** Sets every node's parent, and keeps the nodes in the walk's order for whole-file questions (file-nodes.ts). */
function setParents(root: ts.SourceFile): void {
  let parent: ts.Node = root;
  const nodes: ts.Node[] = [root];
  const ends: number[] = [0];
  const visit = (child: ts.Node): undefined => {
    (child as { parent: ts.Node }).parent = parent;
    const i = nodes.push(child) - 1;
    ends.push(0);
    const outer = parent;
    parent = child;
    ts.forEachChild(child, visit);
    parent = outer;
    ends[i] = nodes.length;
    return undefined;
  };
  ts.forEachChild(root, visit);
  ends[0] = nodes.length;
  rememberFileNodes(root, nodes, ends);
}

function firstSyntaxError(sf: ts.SourceFile): { start: number; message: string } | undefined {
  const diags = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const d = diags?.find((x) => x.category === ts.DiagnosticCategory.Error && !isAcceptedInSloppyScript(sf, x));
  return d ? { start: d.start, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') } : undefined;
}

const PREFILTER = speedUp('prefilter');

interface Dispatch {
  /** handlers[kind] lists the functions to call for nodes of that SyntaxKind; owners[kind][i] is the rule of handlers[kind][i]. */
  handlers: (((node: ts.Node) => void)[] | undefined)[];
  owners: (number[] | undefined)[];
  /** Rule ids by their number in `owners`. */
  ids: string[];
  /** failed[rule]: the rule threw on this file; its other handlers and its `end` are skipped. */
  failed: boolean[];
  ends: { rule: number; end: () => void }[];
}

function buildDispatch(session: LintSession, config: ResolvedConfig, kind: FileKind, state: FileState, errors: RuleError[]): Dispatch {
  const table: Dispatch = { handlers: [], owners: [], ids: [], failed: [], ends: [] };
  const direct = speedUp('shared-dispatch');
  const prefilter = kind === 'script' && PREFILTER ? new TextPrefilter(state.text, state.knowledge) : undefined;
  for (const [id, rule] of session.rules) {
    const setting = config.rules[id];
    if (!setting || setting.severity === 'off' || !session.kindsOf.get(id)!.includes(kind)) continue;
    // Nothing the rule looks for is in the text: at most the facts it records everywhere.
    const create = prefilter && rule.meta.needs && !prefilter.meets(rule.meta.needs) ? rule.facts : rule.create;
    if (!create) continue;
    let visitor: Visitor;
    try {
      visitor = create.call(rule, new FileRuleContext(state, rule));
    } catch (e) {
      if (isStackOverflow(e)) throw e;
      errors.push(ruleError(id, e));
      continue;
    }
    const n = table.ids.push(id) - 1;
    table.failed.push(false);
    // At run time a visitor is handlers keyed by kind number (and `end`).
    const byKind = visitor as Record<string, ((node: ts.Node) => void) | undefined>;
    for (const key of Object.keys(visitor)) {
      if (key === 'end') continue;
      const fn = byKind[key]!;
      (table.handlers[Number(key)] ??= []).push(direct ? fn : guarded(table, n, fn, state, errors));
      (table.owners[Number(key)] ??= []).push(n);
    }
    if (visitor.end) table.ends.push({ rule: n, end: visitor.end });
  }
  return table;
}

/** A handler that catches its own errors (the dispatch before `shared-dispatch`, kept for comparing findings). */
function guarded(table: Dispatch, rule: number, fn: (node: ts.Node) => void, state: FileState, errors: RuleError[]): (node: ts.Node) => void {
  return (node) => {
    if (table.failed[rule]) return;
    try {
      fn(node);
    } catch (e) {
      if (isStackOverflow(e)) throw e;
      table.failed[rule] = true;
      errors.push(ruleError(table.ids[rule], e, node.getStart(state.sourceFile)));
    }
  };
}

/**
 * The one walk: every node once, each rule's handlers for its kind. A handler that throws stops
 * its rule for this file (the other rules go on); too deep for the stack is the input's doing,
 * not the rule's: the whole file is skipped.
 */
function walk(root: ts.SourceFile, table: Dispatch, errors: RuleError[]): void {
  // Read once: in the bundle `ts` is a getter on ts-morph's exports, and this runs per node.
  const forEachChild = ts.forEachChild;
  const { handlers, owners, failed, ids } = table;
  const visit = (node: ts.Node): undefined => {
    const hs = handlers[node.kind];
    if (hs !== undefined) {
      const os = owners[node.kind]!;
      for (let i = 0; i < hs.length; i++) {
        const rule = os[i];
        if (failed[rule]) continue;
        try {
          hs[i](node);
        } catch (e) {
          if (isStackOverflow(e)) throw e;
          failed[rule] = true;
          errors.push(ruleError(ids[rule], e, node.getStart(root)));
        }
      }
    }
    forEachChild(node, visit);
    return undefined;
  };
  visit(root);
}

function ruleError(ruleId: string, e: unknown, start?: number): RuleError {
  const err = e as Error;
  const message = err instanceof Error ? err.message : String(e);
  return { ruleId, message, stack: err instanceof Error ? err.stack ?? message : message, ...(start !== undefined ? { start } : {}) };
}

/** V8's "Maximum call stack size exceeded" (a RangeError: other RangeErrors are ordinary bugs). */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack size/i.test(e.message);
}

/**
 * How deeply a file nests, for the note on a file too deep to lint: the tree's depth, counted
 * without recursion, when the parser got that far; else the nesting of brackets and JSX tags
 * in the text (strings and comments not told apart).
 */
export function nestingDepth(text: string, tree?: ts.Node): number {
  if (tree) {
    let max = 0;
    const stack: [ts.Node, number][] = [[tree, 0]];
    while (stack.length) {
      const [node, depth] = stack.pop()!;
      if (depth > max) max = depth;
      ts.forEachChild(node, (child) => void stack.push([child, depth + 1]));
    }
    return max;
  }
  let brackets = 0;
  let tags = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) brackets++;
    else if ((c === 41 || c === 93 || c === 125) && brackets > 0) brackets--;
    else if (c === 60) {
      const next = text.charCodeAt(i + 1);
      if (next === 47) tags = Math.max(0, tags - 1); // </a>
      else if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122)) tags++; // <a>, Array<T
    } else if (c === 47 && text.charCodeAt(i + 1) === 62) tags = Math.max(0, tags - 1); // <a />
    max = Math.max(max, brackets + tags);
  }
  return max;
}
