// The shapes every part of the product shares: rules, the engine, the CLI and the server.
import type { ts } from 'ts-morph';

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
}

export interface FileCreation {
  /** Absolute path; the creation is skipped when the file exists already. */
  file: string;
  content: string;
}

export interface Fix {
  /** What the fix does, shown in the editor's light bulb. */
  title: string;
  edits: TextEdit[];
  creates?: FileCreation[];
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

/** A finding as a rule reports it, before suppressions and project facts are applied. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  related?: RelatedLocation[];
  /** Safe fixes: applied by --fix and fix-all. */
  fixes?: Fix[];
  /** Unsafe fixes: offered in the editor only, where a human must choose. */
  suggestions?: Fix[];
}

/**
 * A finding that depends on what the rest of the project does, settled once every file's
 * facts are known (a pool created here may be ended in another module).
 */
export interface Candidate {
  finding: Finding;
  /** Any one of these facts, anywhere in the project, silences the finding. */
  unlessAny?: string[];
  /** When given, the finding stands only if one of these facts is in the project (this module is an entry). */
  onlyIfAny?: string[];
  /** The first of these facts present in the project raises the finding to its severity. */
  severityIf?: { fact: string; severity: Severity }[];
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
  facts: string[];
  summary?: ModuleSummary;
  directives: Directive[];
  /** Line starts of the file, to turn offsets into line/column without the text. */
  lineStarts: number[];
  /** The text, kept only when the caller asked for it (fixing, the language server). */
  text?: string;
  /** The parsed tree, kept only when asked (`keepSourceFile`); never crosses threads. */
  sourceFile?: ts.SourceFile;
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
}

export interface FileReport {
  file: string;
  messages: LintMessage[];
  /** Present when --fix rewrote the file. */
  output?: string;
}

export interface MessageMap {
  [messageId: string]: string;
}

export interface RuleOptionSchema {
  [option: string]: { type: 'number' | 'boolean' | 'string' | 'string[]'; description: string; default: unknown };
}

export interface RuleMeta<Options> {
  id: string;
  description: string;
  defaultSeverity: SeveritySetting;
  /** 'fix': safe fixes applied by --fix; 'suggestion': editor-only; 'none'. */
  fixable: 'fix' | 'suggestion' | 'fix-and-suggestion' | 'none';
  fileKinds: FileKind[];
  messages: MessageMap;
  options: RuleOptionSchema;
  defaultOptions: Options;
}

/** Handlers keyed by SyntaxKind, called in one shared walk of the file. */
export type Visitor = {
  [kind: number]: ((node: any) => void) | undefined;
  /** Called once after the walk, for rules that collect first and decide at the end. */
  end?: () => void;
};

export interface Rule<Options = Record<string, unknown>> {
  meta: RuleMeta<Options>;
  create(context: import('./context').RuleContext<Options>): Visitor;
}

export type { ts };
