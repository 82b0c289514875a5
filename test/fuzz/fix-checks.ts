// What every fix must keep (the spec's "Fix safety"), checked on the text before and after: the
// file parses as well as it did, keeps its module system, declares no name twice in one scope,
// and, where the input type-checked, adds no type error. Shared by the fix fuzzer and
// scripts/fix-check.ts (the ecosystem corpus and the bundled example).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { moduleSystemOf } from '../../engine/module-system';

const SCRIPT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

export function isScript(file: string): boolean {
  return SCRIPT.test(file) && !file.endsWith('.d.ts');
}

function parse(file: string, text: string): ts.SourceFile {
  const kind = /\.tsx$/.test(file) ? ts.ScriptKind.TSX : /\.jsx$/.test(file) ? ts.ScriptKind.JSX : undefined;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

/** Syntax errors the parser reports. */
export function parseErrorCount(file: string, text: string): number {
  return (parse(file, text) as unknown as { parseDiagnostics: readonly unknown[] }).parseDiagnostics.length;
}

/** commonjs, esm or umd, as the linter decides it (extension, syntax, package.json `type`). */
export function moduleSystem(file: string, text: string): string {
  return moduleSystemOf(parse(file, text));
}

type Kind = 'lexical' | 'var' | 'function' | 'param' | 'private';

/**
 * `name@line` for each name bound twice in one scope where that is an error: a let, const,
 * class or import beside any other binding of the name; a private class member declared twice
 * (a getter and setter pair aside). `var` and function declarations hoist to their function.
 */
export function duplicateDeclarations(file: string, text: string): string[] {
  const sf = parse(file, text);
  const out: string[] = [];
  const scopes = new Map<ts.Node, Map<string, { kind: Kind; node: ts.Node }[]>>();
  const add = (scope: ts.Node, name: string, kind: Kind, node: ts.Node) => {
    let names = scopes.get(scope);
    if (!names) scopes.set(scope, (names = new Map()));
    const list = names.get(name) ?? [];
    list.push({ kind, node });
    names.set(name, list);
  };
  const functionScope = (n: ts.Node): ts.Node => {
    for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) || ts.isSourceFile(p) || ts.isModuleBlock(p) || ts.isClassStaticBlockDeclaration(p)) return p;
    return sf;
  };
  const blockScope = (n: ts.Node): ts.Node => {
    for (let p = n.parent; p; p = p.parent) {
      if (ts.isBlock(p) && ts.isFunctionLike(p.parent)) return p.parent;
      if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isModuleBlock(p) || ts.isCaseBlock(p) || ts.isForStatement(p) ||
        ts.isForInStatement(p) || ts.isForOfStatement(p) || ts.isCatchClause(p) || ts.isClassStaticBlockDeclaration(p)) return p;
    }
    return sf;
  };
  const names = (b: ts.BindingName, each: (id: ts.Identifier) => void): void => {
    if (ts.isIdentifier(b)) each(b);
    else for (const e of b.elements) if (!ts.isOmittedExpression(e)) names(e.name, each);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isVariableDeclarationList(n.parent)) {
      const lexical = (n.parent.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== 0;
      names(n.name, (id) => add(lexical ? blockScope(n.parent) : functionScope(n), id.text, lexical ? 'lexical' : 'var', id));
    } else if (ts.isParameter(n) && ts.isFunctionLike(n.parent)) {
      names(n.name, (id) => add(n.parent, id.text, 'param', id));
    } else if (ts.isFunctionDeclaration(n) && n.name && n.body) {
      const top = ts.isSourceFile(n.parent) || ts.isModuleBlock(n.parent) || (ts.isBlock(n.parent) && ts.isFunctionLike(n.parent.parent));
      add(top ? functionScope(n) : blockScope(n), n.name.text, 'function', n.name);
    } else if (ts.isClassDeclaration(n) && n.name) {
      add(blockScope(n), n.name.text, 'lexical', n.name);
    } else if ((ts.isImportSpecifier(n) || ts.isNamespaceImport(n) || ts.isImportClause(n)) && n.name && !isTypeOnlyImport(n)) {
      add(sf, n.name.text, 'lexical', n.name);
    } else if (ts.isImportEqualsDeclaration(n)) {
      add(sf, n.name.text, 'lexical', n.name);
    } else if (ts.isClassElement(n) && n.name && ts.isPrivateIdentifier(n.name) && !ts.isGetAccessor(n) && !ts.isSetAccessor(n)) {
      add(n.parent, n.name.text, 'private', n.name);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  for (const names of scopes.values()) {
    for (const [name, list] of names) {
      if (list.length < 2) continue;
      const clash = list.some((d) => d.kind === 'lexical' || d.kind === 'private');
      if (!clash) continue;
      // A parameter and a `var` of the same name are one binding; a lexical one beside them is not.
      const line = sf.getLineAndCharacterOfPosition(list[1].node.getStart(sf)).line + 1;
      out.push(`${name}@${line}`);
    }
  }
  return out.sort();
}

function isTypeOnlyImport(n: ts.ImportSpecifier | ts.NamespaceImport | ts.ImportClause): boolean {
  if (ts.isImportClause(n)) return n.isTypeOnly;
  if (ts.isImportSpecifier(n) && n.isTypeOnly) return true;
  const clause = ts.isImportSpecifier(n) ? n.parent.parent : n.parent;
  return clause.isTypeOnly;
}

/** Lines of `after` that `before` does not have: what the fixes wrote. */
export function addedLines(before: string, after: string): string[] {
  const had = new Map<string, number>();
  for (const l of before.split(/\r?\n/)) had.set(l, (had.get(l) ?? 0) + 1);
  const out: string[] = [];
  for (const l of after.split(/\r?\n/)) {
    const n = had.get(l) ?? 0;
    if (n > 0) had.set(l, n - 1);
    else out.push(l);
  }
  return out;
}

/** A bound that can stop legitimate work (the spec's unsafe class): a timeout or signal, a limiter, eviction, a changed loop condition. */
export const UNSAFE_BOUND = /AbortSignal\.timeout|withTimeout\(|[Tt]imeout(Millis|Ms)?\s*:|limiter\(|bounded(Map|Set)\(|shutdownSignal\(\)|\.aborted\b|max_memory_restart|max_restarts/;

/** What changed about one file between two texts, as failures (empty when the change keeps every promise). */
export function fileRegressions(file: string, before: string, after: string): string[] {
  const out: string[] = [];
  const p0 = parseErrorCount(file, before);
  const p1 = parseErrorCount(file, after);
  if (p1 > p0) out.push(`parse errors ${p0} -> ${p1}`);
  const m0 = moduleSystem(file, before);
  const m1 = moduleSystem(file, after);
  if (m0 !== m1) out.push(`module system ${m0} -> ${m1}`);
  const d0 = duplicateDeclarations(file, before);
  const d1 = duplicateDeclarations(file, after);
  if (d1.length > d0.length) out.push(`duplicate declarations: ${d1.join(', ')}`);
  return out;
}

/** Every script file under `dir` (node_modules aside), by absolute path, with its text. */
export function readScripts(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '.git') walk(p);
      } else if (e.isFile() && isScript(p)) {
        out.set(p, fs.readFileSync(p, 'utf8'));
      }
    }
  };
  walk(dir);
  return out;
}

/** Type errors as `file message` (no line: fixes move lines), counted, so new ones can be told from old. */
export function errorCounts(errors: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of errors) {
    const key = e.replace(/^([^:]+):\d+ /, '$1 ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** Errors in `after` beyond those in `before`. */
export function newErrors(before: readonly string[], after: readonly string[]): string[] {
  const had = errorCounts(before);
  const out: string[] = [];
  for (const [key, n] of errorCounts(after)) if (n > (had.get(key) ?? 0)) out.push(key);
  return out;
}
