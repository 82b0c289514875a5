// The shapes every part of the product shares: rules, the engine, the CLI and the server.
import type { ts } from 'ts-morph';
import type { FsFact } from './file-system-facts';
import type { Knowledge, TimeoutKind } from './knowledge';
import type { NodeByKind } from './node-kinds';
import type { ModuleResolver } from './resolve-module';

export type Severity = 'info' | 'warn' | 'error';
export type SeveritySetting = Severity | 'off';

/** Which kind of file a rule is written for; one file has exactly one kind. */
export type FileKind = 'script' | 'package-json' | 'pm2-json' | 'json' | 'dockerfile' | 'procfile';

/** Zero-based offsets into the file text; end is exclusive. */
export interface Range {
  start: number;
  end: number;
}

export interface TextEdit extends Range {
  /** Absolute path of the file the edit applies to. */
  file: string;
  newText: string;
  /**
   * Set when the edit adds items to a list (names to one import): `newText` is
   * `before + items.join(', ') + after`. Edits of the same list at the same place merge
   * instead of conflicting, so several fixes share one import.
   */
  list?: { key: string; items: string[]; before: string; after: string };
}

export interface FileCreation {
  /** Absolute path; the creation is skipped when the file exists already. */
  file: string;
  content: string;
}

/**
 * How far a fix may change what the program does (the spec's "Fix safety"). `safe` keeps what
 * the program does when nothing fails (a release in `finally`, a guard against a second close,
 * `onShutdown` registration): `--fix` and fix-all on save apply it. `unsafe` adds a bound that
 * can stop legitimate work (a timeout, a concurrency limit, eviction, a changed loop
 * condition): offered in the editor, applied only by `--fix --unsafe`.
 */
export type FixSafety = 'safe' | 'unsafe';

/** A name a fix binds, and the scope it binds it in. */
export interface FixDeclaration {
  name: string;
  file: string;
  /** The scope the name is bound in (the file, a block, a class body): a range of `file`. */
  scope: Range;
  /**
   * The same key means the same binding made by several fixes (one shim import, one class
   * field): they do not clash. Without a key every declaration of a name is its own.
   */
  key?: string;
}

export interface Fix {
  /** What the fix does, shown in the editor's light bulb. */
  title: string;
  /** Required, so no rule can leave a fix unclassified. */
  safety: FixSafety;
  edits: TextEdit[];
  creates?: FileCreation[];
  /**
   * The names the fix binds: fixes applied together never bind one name twice in scopes that
   * overlap (the second waits for the next pass, which picks a fresh name).
   */
  declares?: FixDeclaration[];
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

/** A finding as a rule reports it, before suppressions and project facts are applied. */
export interface Finding {
  ruleId: string;
  /** Which of the rule's messages this is, and the values filled into it: tests check these, so wording can change. */
  messageId: string;
  data?: Record<string, string | number>;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  related?: RelatedLocation[];
  /**
   * Fixes that are right for this finding, each safe or unsafe: `--fix` applies the first safe
   * one, `--fix --unsafe` the first one of either class.
   */
  fixes?: Fix[];
  /**
   * Edits a human must choose between or check (alternatives, a bound only the owner can pick,
   * code we cannot see): offered in the editor only, never applied by the CLI. Each still says
   * its class.
   */
  suggestions?: Fix[];
}

/** A top-level binding of a project module: a fact about it holds however it is imported or re-exported. */
export interface ModuleBinding {
  file: string;
  name: string;
}

/**
 * What a project fact is about: a module binding (compared through re-exports), or a key
 * compared as written (`lib:axios#default`, `local:/abs/a.ts@120`, a script, a folder).
 */
export type FactRef = ModuleBinding | string;

/** A project fact as a rule states it: the context files it under the rule's id. */
export interface RuleFact<Kind extends string = string> {
  kind: Kind;
  ref: FactRef;
}

/**
 * Project facts: what one file tells the whole project (a pool ended, a flag cleared, a
 * script a Dockerfile runs), namespaced by the rule that records and reads them. Plain data:
 * they cross worker threads and are stored in the --cache file.
 */
export interface ProjectFact extends RuleFact {
  rule: string;
  /**
   * When given, the fact holds only if every one of these facts holds too (a function does light
   * work if the one it calls in another file does): settled over the whole project, chains included.
   */
  ifAll?: ProjectFact[];
}

/**
 * A finding that depends on what the rest of the project does, settled once every file's
 * facts are known (a pool created here may be ended in another module).
 */
export interface Candidate {
  finding: Finding;
  /** Any one of these facts, anywhere in the project, silences the finding. */
  unlessAny?: ProjectFact[];
  /** When given, the finding stands only if one of these facts is in the project (this module is an entry). */
  onlyIfAny?: ProjectFact[];
  /** When given, the finding stands only if every one of these facts is in the project. */
  onlyIfAll?: ProjectFact[];
  /** When given, every one of these facts, present together, silences the finding. */
  unlessAll?: ProjectFact[];
  /**
   * When given, the finding is silenced when every fact of `all` is in the project and none of
   * `without` is (an event emitted only through a method that awaits its listeners).
   */
  unlessAllWithout?: { all: ProjectFact[]; without: ProjectFact[] };
  /** The first of these facts present in the project raises the finding to its severity. */
  severityIf?: { fact: ProjectFact; severity: Severity }[];
}

/** What one exported name of a module stands for, for following re-exports across files. */
export type ExportTarget = { local: string } | { module: string; name: string };

export interface ModuleSummary {
  file: string;
  /** exported name -> local binding or re-export */
  exports: Record<string, ExportTarget>;
  /** modules re-exported whole (`export * from`) */
  starExports: string[];
}

/** A suppression directive found in a file. */
export interface Directive {
  kind: 'disable-next-line' | 'disable-line' | 'disable';
  ruleIds: string[];
  /** 1-based line the directive covers; 0 for file-level directives. */
  line: number;
  /** Where the comment itself is, for reporting unused directives. */
  range: Range;
}

/** Everything one file contributes to a lint run; small and structured-cloneable across workers. */
export interface FileResult {
  file: string;
  /** Set when the file could not be linted at all (unreadable, unparsable, binary, too large). */
  fatal?: { message: string; severity: Severity; line?: number; column?: number };
  findings: Finding[];
  candidates: Candidate[];
  facts: ProjectFact[];
  summary?: ModuleSummary;
  directives: Directive[];
  /** Line starts of the file, to turn offsets into line/column without the text. */
  lineStarts: number[];
  /** The text, kept only when the caller asked for it (fixing, the language server). */
  text?: string;
  /** The parsed tree, kept only when asked (`keepSourceFile`); never crosses threads. */
  sourceFile?: ts.SourceFile;
  /** Rules that threw on this file: each is reported on it, the other rules' findings stand. */
  ruleErrors?: RuleError[];
  /** The engine itself failed on this file (its stack); `fatal` says so to the user. */
  internalError?: string;
  /** The file-system facts the result depends on (files that exist or not, JSON read), recorded through the context. */
  fsFacts?: FsFact[];
  /** `fatal` is a stack overflow on this thread: a thread with a bigger stack may lint the file. */
  stackOverflow?: true;
}

/** A rule that threw while linting a file. */
export interface RuleError {
  ruleId: string;
  message: string;
  stack: string;
  /** Offset of the node the rule was visiting, when it threw in a handler. */
  start?: number;
}

/** A finding placed for output: 1-based lines and columns, end exclusive as in ESLint. */
export interface LintMessage {
  ruleId: string | null;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  finding?: Finding;
  /** A rule or the engine failed here (its stack): the CLI exits 2 after the report. */
  internalError?: string;
}

export interface FileReport {
  file: string;
  messages: LintMessage[];
  /** Present when --fix rewrote the file, or created it. */
  output?: string;
  /** True for a file --fix created (the runtime shim): `output` is its whole text. */
  created?: boolean;
}

/** A rule's options as config and the JSON schema see them: a type, a description and the one default. */
export interface RuleOptionSpec<Value = unknown> {
  type: OptionTypeName<Value>;
  description: string;
  default: Value;
}

type OptionTypeName<Value> =
  unknown extends Value ? 'number' | 'boolean' | 'string' | 'string[]'
  : [Value] extends [readonly string[]] ? 'string[]'
  : [Value] extends [number] ? 'number'
  : [Value] extends [boolean] ? 'boolean'
  : [Value] extends [string] ? 'string'
  : never;

/** One spec per option of `Options`, each default typed as the option. */
export type RuleOptionSchema<Options = Record<string, unknown>> = { [K in keyof Options]-?: RuleOptionSpec<Options[K]> };

export interface RuleMeta<Options = unknown, MessageId extends string = string> {
  id: string;
  description: string;
  defaultSeverity: SeveritySetting;
  /** The fixes the rule offers, by class, each saying what it writes (--list-rules, docs); `{}` for none. */
  fixable: FixableKinds;
  fileKinds: FileKind[];
  /** Message text by id; `{{name}}` placeholders are filled from a report's `data`. */
  messages: Record<MessageId, string>;
  options: RuleOptionSchema;
  /** Each option's default, as `options` declares it (filled in by createRule). */
  defaultOptions: Options;
  /** What a script's text must contain for the rule to report or record a fact there; without it, the rule runs on every script. */
  needs?: RuleNeeds;
}

/**
 * A necessary condition on a script's text, read conservatively (speed-up `prefilter`,
 * engine/prefilter.ts): any one entry of `anyOf` (a word, or words that must all appear; as
 * substrings, so `await` matches `awaited` too) or, with `libraries`, a module or global the
 * library knowledge lists, config's `libraries` included. Where the text meets none, the rule's
 * `facts` visitor runs instead, or nothing.
 */
export interface RuleNeeds {
  anyOf?: readonly (string | readonly string[])[];
  libraries?: boolean;
}

/** What a rule's fixes of each class write: `{ safe: 'a closed-flag guard', unsafe: 'once(…)' }`. */
export interface FixableKinds {
  /** Applied by `--fix`. */
  safe?: string;
  /** Applied only by `--fix --unsafe`. */
  unsafe?: string;
  /** Offered in the editor only. */
  suggestion?: string;
}

/**
 * Handlers keyed by SyntaxKind, called in one shared walk of the file; each handler takes the
 * node type of its kind (NodeByKind).
 */
export type Visitor = {
  [K in keyof NodeByKind]?: (node: NodeByKind[K]) => void;
} & {
  /** Called once after the walk, for rules that collect first and decide at the end. */
  end?: () => void;
};

export interface Rule<Options = any, MessageId extends string = string, FactKind extends string = string> {
  meta: RuleMeta<Options, MessageId>;
  create(context: RuleContext<Options, MessageId, FactKind>): Visitor;
  /**
   * For a script that lacks what `meta.needs` names: a visitor that records exactly the facts
   * `create`'s would record there (and reports nothing). Without it the rule skips such scripts.
   */
  facts?(context: RuleContext<Options, MessageId, FactKind>): Visitor;
}

/** A rule as written: metadata (options with their defaults, messages by id), then the visitor. */
export interface RuleDefinition<Options, MessageId extends string, FactKind extends string> {
  meta: Omit<RuleMeta<Options, MessageId>, 'options' | 'defaultOptions'> & { options: RuleOptionSchema<Options> };
  create(context: RuleContext<Options, MessageId, FactKind>): Visitor;
  facts?(context: RuleContext<Options, MessageId, FactKind>): Visitor;
}

/** A callee recognised by where it comes from: `new pg.Pool()` -> { module: 'pg', call: 'Pool' }. */
export interface ResolvedCallee {
  /** Library name, `global`, or an absolute project file path. */
  module: string;
  /** Dotted export path from the module object ('' for the module itself). */
  call: string;
  library: boolean;
}

export interface Report<MessageId extends string = string, FactKind extends string = string> {
  /** The node to underline (from its first token), or an explicit range. */
  node?: ts.Node;
  range?: Range;
  messageId: MessageId;
  data?: Record<string, string | number>;
  /** The finding's own severity when the config leaves the rule at its default. */
  severity?: Severity;
  fixes?: Fix[];
  suggestions?: Fix[];
  related?: RelatedLocation[];
  /** Project facts (this rule's) any one of which silences the finding (settled after every file is read). */
  unlessAny?: RuleFact<FactKind>[];
  /** Project facts one of which must be present for the finding to stand (settled likewise). */
  onlyIfAny?: RuleFact<FactKind>[];
  /** Project facts all of which must be present for the finding to stand (settled likewise). */
  onlyIfAll?: RuleFact<FactKind>[];
  /** Project facts that, all present together, silence the finding (settled likewise). */
  unlessAll?: RuleFact<FactKind>[];
  /** Project facts that, all present while none of `without` is, silence the finding (settled likewise). */
  unlessAllWithout?: { all: RuleFact<FactKind>[]; without: RuleFact<FactKind>[] };
  /** The first of these facts present raises the finding to its severity. */
  severityIf?: { fact: RuleFact<FactKind>; severity: Severity }[];
}

/** What a rule sees of the file it is linting, and how it reports. */
export interface RuleContext<Options = unknown, MessageId extends string = string, FactKind extends string = string> {
  readonly options: Options;
  readonly file: string;
  readonly kind: FileKind;
  readonly text: string;
  /** Whether the file's text contains `word` anywhere; answered once per file and word, so handlers may ask per node. */
  mentions(word: string): boolean;
  /** The parsed file; for JSON files the tree of `ts.parseJsonText`. Undefined for Dockerfile and Procfile. */
  readonly sourceFile: ts.SourceFile;
  readonly knowledge: Knowledge;
  /** Milliseconds fixes use for each kind of time bound. */
  readonly timeouts: Readonly<Record<TimeoutKind, number>>;
  /** Where fixes import the runtime shim from, when configured. */
  readonly runtimeImport: string | undefined;
  /** The folder the run lints from: the runtime shim goes there for files that belong to no package. */
  readonly workspaceRoot: string | undefined;
  /** local name -> what it was imported as. */
  readonly imports: ImportTable;
  readonly resolver: ModuleResolver;
  /**
   * The folder of the nearest package.json above the linted file; undefined when there is none.
   * Rules ask the file system only through the context (this, `packageDirOf`, `fileExists`,
   * `readJson`, `packageJson`): each answer is recorded with the file's result, so --cache and
   * the language server re-lint the file when the answer changes.
   */
  readonly packageDir: string | undefined;
  /** The nearest folder from `dir` (relative to the linted file's folder) upwards that holds a package.json. */
  packageDirOf(dir: string): string | undefined;
  /** Whether a file exists; relative paths are from the linted file's folder. */
  fileExists(file: string): boolean;
  /** The object a JSON file holds (comments allowed); undefined when missing, unreadable, not an object or over 4 MB. */
  readJson(file: string): Record<string, unknown> | undefined;
  /** The package.json of a folder, parsed; undefined when missing or not an object. */
  packageJson(dir: string): Record<string, unknown> | undefined;
  /**
   * Property names of the type of `node` when config `typeAware` is on and the type is known;
   * undefined otherwise. Ask only about nodes a syntactic check already picked.
   */
  typeProperties(node: ts.Node): string[] | undefined;
  /** The range a node covers, from its first token (comments excluded). */
  rangeOf(node: ts.Node): Range;
  report(report: Report<MessageId, FactKind>): void;
  /**
   * Records a project fact (`released` about db.ts's `pool`), filed under this rule, that other
   * files' findings may depend on; with `ifAll`, a fact that holds only when all of those do.
   */
  addFact(fact: RuleFact<FactKind>, ifAll?: RuleFact<FactKind>[]): void;
  /** A text edit in this file. */
  edit(range: Range, newText: string): TextEdit;
  /** A file creation (the shim, a sibling script). */
  create(file: string, content: string): FileCreation;
  /**
   * What an identifier refers to across the project: `mod:<declaring file>#<name>` for a
   * top-level or imported project binding, `lib:<module>#<name>` for a library import,
   * `local:<file>@<offset>` for a binding local to a function, undefined for a global.
   */
  bindingRef(id: ts.Identifier): string | undefined;
  /** The same binding as a fact's ref: a ModuleBinding for a project binding, else the bindingRef string. */
  factRef(id: ts.Identifier): FactRef | undefined;
  /**
   * Where a called (or constructed) expression comes from, following imports, `require`,
   * namespace objects and globals: `axios.get` with `import ax from 'axios'` -> axios / get.
   */
  resolveCallee(expr: ts.Expression): ResolvedCallee | undefined;
}

/** What one local name was imported as, for ESM imports and top-level `require` forms. */
export interface ImportBinding {
  /** Absolute path for a project file, else the library name (`pg`, `fs/promises`). */
  module: string;
  /** True when `module` is a library rather than a project file. */
  library: boolean;
  /** 'default', '*' (namespace or whole CommonJS module) or the exported name. */
  name: string;
  /** Compiled through an interop helper (`__importDefault(require('m'))`): `.default` is the module itself. */
  interop?: boolean;
}

export type ImportTable = Map<string, ImportBinding>;

export type { ts };
