// What a rule sees of the file it is linting, and how it reports (the RuleContext interface of
// types.ts). One FileState is shared by every rule on a file so imports are read once; each
// rule gets its own FileRuleContext.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { ResolvedConfig, RuleSetting, Timeouts } from './config';
import type { FileFacts } from './file-system-facts';
import { Knowledge, PAGE_CONTEXT_METHODS } from './knowledge';
import { collectImports, moduleRef, requiredSpecifier, withoutIndirectCall } from './module-symbols';
import { factKey } from './project-facts';
import { ModuleResolver } from './resolve-module';
import { assignedValues, findDeclaration, isNeverReassigned, isTopLevel, rootDeclaration } from './scope';
import type { TypeQueries } from './type-queries';
import { isUnreachable } from './unreachable';
import { nodeAt, runsInPage } from './page-functions';
import type {
  Candidate, FactRef, FileCreation, FileKind, Finding, ImportTable, ProjectFact, Range, Report, ResolvedCallee, Rule, RuleContext,
  RuleFact, Severity, TextEdit,
} from './types';

const PAGE_CALL_TEXT = new RegExp(`\\.(${[...PAGE_CONTEXT_METHODS].map((m) => m.replace(/\$/g, '\\$')).join('|')})\\s*\\(`);

/** Per-file state shared by all rules during the one walk. */
export class FileState {
  private importTable: ImportTable | undefined;
  readonly findings: Finding[] = [];
  readonly candidates: Candidate[] = [];
  /** Project facts by factKey, so each is recorded once. */
  readonly facts = new Map<string, ProjectFact>();

  constructor(
    readonly file: string,
    readonly kind: FileKind,
    readonly text: string,
    readonly sourceFile: ts.SourceFile | undefined,
    readonly config: ResolvedConfig,
    readonly knowledge: Knowledge,
    readonly resolver: ModuleResolver,
    readonly fsFacts: FileFacts,
    readonly types?: TypeQueries,
    readonly workspaceRoot?: string,
  ) {}

  private pageCalls: boolean | undefined;
  private readonly mentioned = new Map<string, boolean>();

  /** A whole-text search asked from per-node handlers would cost O(file) per node: remember each answer. */
  mentions(word: string): boolean {
    let found = this.mentioned.get(word);
    if (found === undefined) this.mentioned.set(word, (found = this.text.includes(word)));
    return found;
  }

  /** The text calls a page-context method (`.evaluate(`): only then can a report sit in page code. */
  get mayRunInPage(): boolean {
    return (this.pageCalls ??= this.sourceFile !== undefined && PAGE_CALL_TEXT.test(this.text));
  }

  get imports(): ImportTable {
    if (!this.importTable) {
      this.importTable = this.sourceFile && this.kind === 'script' ? collectImports(this.sourceFile, this.resolver) : new Map();
    }
    return this.importTable;
  }
}

/** The context one rule gets on one file; rules see it as the RuleContext interface. */
export class FileRuleContext<Options, MessageId extends string, FactKind extends string> implements RuleContext<Options, MessageId, FactKind> {
  readonly options: Options;
  private readonly setting: RuleSetting;

  constructor(private readonly state: FileState, private readonly rule: Rule<Options, MessageId, FactKind>) {
    this.setting = state.config.rules[rule.meta.id];
    this.options = this.setting.options as Options;
  }

  get file(): string { return this.state.file; }
  get kind(): FileKind { return this.state.kind; }
  get text(): string { return this.state.text; }
  mentions(word: string): boolean { return this.state.mentions(word); }
  /** The parsed file; for JSON files the tree of `ts.parseJsonText`. Undefined for Dockerfile and Procfile. */
  get sourceFile(): ts.SourceFile { return this.state.sourceFile!; }
  get knowledge(): Knowledge { return this.state.knowledge; }
  get timeouts(): Timeouts { return this.state.config.timeouts; }
  /** Where fixes import the runtime shim from, when configured. */
  get runtimeImport(): string | undefined { return this.state.config.runtime.import; }
  get imports(): ImportTable { return this.state.imports; }
  get resolver(): ModuleResolver { return this.state.resolver; }
  get workspaceRoot(): string | undefined { return this.state.workspaceRoot; }

  /** The folder of the nearest package.json above the linted file; undefined when there is none. */
  get packageDir(): string | undefined { return this.state.fsFacts.packageDirOf(path.dirname(this.state.file)); }

  /** The nearest folder from `dir` upwards that holds a package.json; undefined when none does. */
  packageDirOf(dir: string): string | undefined {
    return this.state.fsFacts.packageDirOf(path.resolve(path.dirname(this.state.file), dir));
  }

  /** Whether a file exists (relative paths are from the linted file's folder). Recorded: --cache and the editor re-lint when it changes. */
  fileExists(file: string): boolean {
    return this.state.fsFacts.fileExists(path.resolve(path.dirname(this.state.file), file));
  }

  /** The object a JSON file holds (comments allowed); undefined when missing, unreadable or not an object. Recorded likewise. */
  readJson(file: string): Record<string, unknown> | undefined {
    return this.state.fsFacts.readJson(path.resolve(path.dirname(this.state.file), file));
  }

  /** The package.json of a package folder, parsed; undefined when missing or not an object. */
  packageJson(dir: string): Record<string, unknown> | undefined {
    return this.readJson(path.join(path.resolve(path.dirname(this.state.file), dir), 'package.json'));
  }

  /**
   * Property names of the type of `node` when config `typeAware` is on and the type is known;
   * undefined otherwise. Ask only about nodes a syntactic check already picked.
   */
  typeProperties(node: ts.Node): string[] | undefined {
    const s = this.state;
    return s.types && s.sourceFile ? s.types.propertyNames(s.file, s.text, node, s.sourceFile) : undefined;
  }

  /** The range a node covers, from its first token (comments excluded). */
  rangeOf(node: ts.Node): Range {
    return { start: node.getStart(this.state.sourceFile), end: node.end };
  }

  report(r: Report<MessageId, FactKind>): void {
    const meta = this.rule.meta;
    const template = meta.messages[r.messageId];
    if (template === undefined) throw new Error(`rule ${meta.id} has no message "${r.messageId}"`);
    const configured = this.setting.severity;
    if (configured === 'off') return;
    if (r.node && isUnreachable(r.node)) return;
    // Page code (`page.evaluate(() => …)`) runs in the browser: Node harms do not apply there.
    if (this.state.mayRunInPage && this.state.sourceFile) {
      const at = r.node ?? (r.range ? nodeAt(this.state.sourceFile, r.range.start) : undefined);
      if (at && runsInPage(at)) return;
    }
    const severity: Severity = this.setting.explicit ? configured : (r.severity ?? configured);
    const finding: Finding = {
      ruleId: meta.id,
      messageId: r.messageId,
      ...(r.data ? { data: r.data } : {}),
      severity,
      message: formatMessage(template, r.data),
      file: this.state.file,
      range: r.range ?? this.rangeOf(r.node!),
    };
    if (r.related?.length) finding.related = r.related;
    if (r.fixes?.length) finding.fixes = r.fixes;
    if (r.suggestions?.length) finding.suggestions = r.suggestions;
    if (r.unlessAny?.length || r.severityIf?.length || r.onlyIfAny || r.onlyIfAll || r.unlessAll?.length || r.unlessAllWithout?.all.length) {
      const own = (f: RuleFact): ProjectFact => ({ rule: meta.id, kind: f.kind, ref: f.ref });
      const severityIf = this.setting.explicit ? undefined : r.severityIf?.map((s) => ({ fact: own(s.fact), severity: s.severity }));
      this.state.candidates.push({
        finding, unlessAny: r.unlessAny?.map(own), severityIf,
        ...(r.onlyIfAny ? { onlyIfAny: r.onlyIfAny.map(own) } : {}),
        ...(r.onlyIfAll ? { onlyIfAll: r.onlyIfAll.map(own) } : {}),
        ...(r.unlessAll?.length ? { unlessAll: r.unlessAll.map(own) } : {}),
        ...(r.unlessAllWithout?.all.length ? { unlessAllWithout: { all: r.unlessAllWithout.all.map(own), without: r.unlessAllWithout.without.map(own) } } : {}),
      });
    } else {
      this.state.findings.push(finding);
    }
  }

  addFact(fact: RuleFact<FactKind>, ifAll?: RuleFact<FactKind>[]): void {
    const rule = this.rule.meta.id;
    const own: ProjectFact = { rule, kind: fact.kind, ref: fact.ref };
    if (ifAll?.length) own.ifAll = ifAll.map((f) => ({ rule, kind: f.kind, ref: f.ref }));
    this.state.facts.set(factKey(own), own);
  }

  /** A text edit in this file. */
  edit(range: Range, newText: string): TextEdit {
    return { file: this.state.file, start: range.start, end: range.end, newText };
  }

  /** A file creation (the shim, a sibling script). */
  create(file: string, content: string): FileCreation {
    return { file, content };
  }

  /**
   * What an identifier refers to across the project: `mod:<declaring file>#<name>` for a
   * top-level or imported project binding, `lib:<module>#<name>` for a library import,
   * `local:<file>@<offset>` for a binding local to a function, undefined for a global.
   */
  bindingRef(id: ts.Identifier): string | undefined {
    const ref = this.factRef(id);
    return ref === undefined || typeof ref === 'string' ? ref : moduleRef(ref.file, ref.name);
  }

  factRef(id: ts.Identifier): FactRef | undefined {
    const imported = this.state.imports.get(id.text);
    const decl = findDeclaration(id.text, id);
    if (!decl) return undefined;
    if (imported && (ts.isImportClause(decl) || ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) ||
      ts.isImportEqualsDeclaration(decl) || isTopLevelRequire(decl))) {
      return imported.library ? `lib:${imported.module}#${imported.name}` : { file: imported.module, name: imported.name };
    }
    if (isTopLevel(decl)) return { file: this.state.file, name: id.text };
    return `local:${this.state.file}@${decl.pos}`;
  }

  /**
   * Where a called (or constructed) expression comes from, following imports, `require`,
   * namespace objects and globals: `axios.get` with `import ax from 'axios'` -> axios / get.
   */
  resolveCallee(expr: ts.Expression, depth = 0): ResolvedCallee | undefined {
    const path: string[] = [];
    let e = expr;
    while (true) {
      if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
      // `(0, got_1.default)(…)`: how TypeScript and Babel call an import without a `this`.
      else if (withoutIndirectCall(e) !== e) e = withoutIndirectCall(e);
      else if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
        path.unshift(e.name.text);
        e = e.expression;
      } else if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) {
        // `_http2['default']`, as Babel reads an interop-wrapped module.
        path.unshift(e.argumentExpression.text);
        e = e.expression;
      } else break;
    }
    // `(url.startsWith('http:') ? http : https).get(…)`: one call of either library, when it is the same call in both.
    if (ts.isConditionalExpression(e) && depth < 3) return this.sameCallOfEach([e.whenTrue, e.whenFalse], path, depth + 1);
    // `REQUEST_LIBS[protocol].request(…)` with `const REQUEST_LIBS = { http, https }`: one call of whichever module the table holds.
    if (ts.isElementAccessExpression(e) && depth < 3) return this.resolveTablePick(e, path, depth);
    // `require('request').defaults(…)`: a library required in place, no binding first.
    const required = ts.isCallExpression(e) ? requiredSpecifier(e) : undefined;
    if (required !== undefined && !required.startsWith('.') && !required.startsWith('/') && path.length && ts.isCallExpression(e) && ts.isIdentifier(e.expression) && !findDeclaration('require', e)) {
      return { module: required.replace(/^node:/, ''), call: path.join('.'), library: true };
    }
    if (!ts.isIdentifier(e)) return undefined;
    const name = e.text;
    const decl = findDeclaration(name, e);
    if (!decl) {
      // `globalThis.fetch`, `global.setInterval` are globals too.
      if ((name === 'globalThis' || name === 'global' || name === 'window') && path.length) return { module: 'global', call: path.join('.'), library: true };
      return { module: 'global', call: [name, ...path].join('.'), library: true };
    }
    const imported = this.state.imports.get(name);
    if (!imported) return depth < 3 ? this.resolveAlias(decl, path, depth + 1) : undefined;
    if (!(ts.isImportClause(decl) || ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) || ts.isImportEqualsDeclaration(decl) || isTopLevelRequire(decl))) {
      return undefined; // shadowed by a local of the same name
    }
    // Default, namespace and CommonJS module objects are one thing for library calls; so is the
    // `.default` compiled code reads off an interop wrapper (`got_1.default(…)`).
    const head = imported.name === 'default' || imported.name === '*' ? [] : [imported.name];
    // `require('node-fetch').default(url)`, as TypeScript compiles a default import without
    // esModuleInterop: the module's default export, the same call as `import fetch from …`.
    if (imported.library && !head.length && (imported.interop || imported.name === '*') && path[0] === 'default') path.shift();
    return { module: imported.module, call: [...head, ...path].join('.'), library: imported.library };
  }

  /**
   * `{ http, https }[proto]`, or `LIBS[proto]` with `const LIBS = { 'http:': http, 'https:': https }`:
   * a module picked from a table of modules, counted like a ternary's two (mixpanel, discord.io).
   */
  private resolveTablePick(pick: ts.ElementAccessExpression, path: readonly string[], depth: number): ResolvedCallee | undefined {
    let table: ts.Expression = pick.expression;
    while (ts.isParenthesizedExpression(table)) table = table.expression;
    if (ts.isIdentifier(table)) {
      const decl = findDeclaration(table.text, table);
      const isConst = decl && ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
      table = isConst && decl.initializer ? decl.initializer : table;
    }
    if (!ts.isObjectLiteralExpression(table) || table.properties.length < 2) return undefined;
    const values = table.properties.map((p) => (ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined));
    return values.every((v) => v !== undefined) ? this.sameCallOfEach(values as ts.Expression[], path, depth + 1) : undefined;
  }

  /** The one library call `path` makes on each of `values`, when every value is a library and the call is the same. */
  private sameCallOfEach(values: readonly ts.Expression[], path: readonly string[], depth: number): ResolvedCallee | undefined {
    let first: ResolvedCallee | undefined;
    for (const value of values) {
      const r = this.resolveCallee(value, depth);
      if (!r?.library) return undefined;
      const call = [r.call, ...path].filter((part) => part !== '').join('.');
      if (first && first.call !== call) return undefined;
      first ??= { ...r, call };
    }
    return first;
  }

  /**
   * `var h = https` or `var h = /https/.test(p) ? https : http`, never assigned again: a call
   * through `h` is a call of what it names. Two libraries count only when the call is the same
   * in both (`request` of http and https).
   */
  private resolveAlias(decl: ts.Node, path: readonly string[], depth: number): ResolvedCallee | undefined {
    if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return undefined;
    if (!decl.initializer) return this.resolveAssignedAlias(decl, path, depth);
    let init = decl.initializer;
    while (ts.isParenthesizedExpression(init)) init = init.expression;
    const through = (target: ts.Expression): ResolvedCallee | undefined => {
      const r = this.resolveCallee(target, depth);
      return r && { ...r, call: [r.call, ...path].filter((part) => part !== '').join('.') };
    };
    let resolved: ResolvedCallee | undefined;
    if (ts.isConditionalExpression(init)) {
      resolved = this.sameCallOfEach([init.whenTrue, init.whenFalse], path, depth);
    } else if (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init) || ts.isElementAccessExpression(init)) {
      resolved = through(init);
    }
    // The file is searched for a second assignment only when the alias names something, and never for a `const`.
    const isConst = ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
    if (resolved && (isConst || isNeverReassigned(decl))) return resolved;
    return resolved && !isConst ? this.resolveAssignedAlias(decl, path, depth) : undefined;
  }

  /**
   * `let httpModule = http; if (uri.protocol === 'https:') httpModule = https;` (or `var protocol;`
   * given a module on each branch): a call through it is the same call of each library it may
   * hold, when every value it is given is one.
   */
  private resolveAssignedAlias(decl: ts.VariableDeclaration, path: readonly string[], depth: number): ResolvedCallee | undefined {
    const values = assignedValues(decl)?.map((value) => {
      let v = value;
      while (ts.isParenthesizedExpression(v)) v = v.expression;
      return v;
    });
    if (!values?.length || !values.every((v) => ts.isIdentifier(v) || ts.isPropertyAccessExpression(v) || ts.isConditionalExpression(v))) return undefined;
    return this.sameCallOfEach(values, path, depth);
  }
}

function isTopLevelRequire(decl: ts.Node): boolean {
  const v = ts.isBindingElement(decl) ? rootDeclaration(decl) : decl;
  return ts.isVariableDeclaration(v) && isTopLevel(v);
}

export function formatMessage(template: string, data?: Record<string, string | number>): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}
