// Writing code the way the file already writes it: indentation, quotes, semicolons, line
// endings, and imports merged into an existing import of the same module.
import { ts } from 'ts-morph';
import { declared, freshName } from './fix-names';
import { requiredSpecifier } from './module-symbols';
import { moduleSystemOf } from './module-system';
import type { FixDeclaration, RuleContext, TextEdit } from './types';

export interface CodeStyle {
  /** One level of indentation as the file writes it (two spaces, four, a tab). */
  indentUnit: string;
  quote: "'" | '"';
  semicolons: boolean;
  eol: '\n' | '\r\n';
}

const styleCache = new WeakMap<ts.SourceFile, CodeStyle>();

/** The file's style, read once per file from its text. */
export function codeStyle(sf: ts.SourceFile): CodeStyle {
  let s = styleCache.get(sf);
  if (!s) {
    s = detectStyle(sf);
    styleCache.set(sf, s);
  }
  return s;
}

function detectStyle(sf: ts.SourceFile): CodeStyle {
  const text = sf.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // Smallest non-zero leading indentation of code lines is the unit.
  let unit = '';
  let tabs = 0;
  let spaces = 0;
  for (const m of text.matchAll(/^([ \t]+)\S/gm)) {
    const ws = m[1];
    if (ws[0] === '\t') tabs++;
    else {
      spaces++;
      if (!unit || (ws.length < unit.length && ws.length >= 2)) unit = ws.length >= 2 ? ' '.repeat(ws.length) : unit;
    }
  }
  const indentUnit = tabs > spaces ? '\t' : unit || '  ';
  const single = (text.match(/'/g) ?? []).length;
  const double = (text.match(/"/g) ?? []).length;
  const quote = importQuote(sf) ?? (double > single ? '"' : "'");
  return { indentUnit, quote, semicolons: usesSemicolons(sf), eol };
}

function importQuote(sf: ts.SourceFile): "'" | '"' | undefined {
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s)) return sf.text[s.moduleSpecifier.getStart(sf)] === '"' ? '"' : "'";
  }
  return undefined;
}

function usesSemicolons(sf: ts.SourceFile): boolean {
  let withSemi = 0;
  let without = 0;
  for (const s of sf.statements) {
    if (ts.isExpressionStatement(s) || ts.isVariableStatement(s) || ts.isImportDeclaration(s) || ts.isReturnStatement(s)) {
      if (sf.text[s.end - 1] === ';') withSemi++;
      else without++;
    }
  }
  return withSemi >= without;
}

/** The whitespace that starts the line `pos` is on. */
export function indentationAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const m = /^[ \t]*/.exec(text.slice(lineStart, pos + 200));
  return m ? m[0] : '';
}

/** Offset where the line holding `pos` begins. */
export function lineStartOf(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** A string literal in the file's quote style. */
export function quoted(style: CodeStyle, value: string): string {
  const q = style.quote;
  return q + value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), '\\' + q) + q;
}

/** `;` when the file uses semicolons, else nothing. */
export function semi(style: CodeStyle): string {
  return style.semicolons ? ';' : '';
}

export interface NamedImports {
  edits: TextEdit[];
  /** The name each imported name goes by in this file: itself, or an alias where it is taken (`runtimeOnce`). */
  locals: Record<string, string>;
  /** The bindings the import adds, for Fix.declares. */
  declares: FixDeclaration[];
}

/**
 * Edits that make `names` importable from `specifier` in this file, in its module system (a
 * CommonJS file gets `const { … } = require(…)`, an ES module `import { … } from …`): added to an
 * existing import of `specifier` when there is one, otherwise a new one after the imports at the
 * top of the file (before any code, so a CommonJS binding exists before it is used). A name the
 * file already uses for something else is imported under an alias (`once as runtimeOnce`). The
 * edit is a list edit: fixes importing other names from the same module in the same pass merge
 * into one import. Not for a UMD file (see moduleSystemOf): it can take neither.
 */
export function addNamedImports(ctx: RuleContext, specifier: string, names: readonly string[]): NamedImports {
  const sf = ctx.sourceFile;
  const style = codeStyle(sf);
  const cjs = moduleSystemOf(sf) === 'commonjs';
  const existing = existingImportOf(sf, specifier);
  const locals: Record<string, string> = {};
  const items: string[] = [];
  const declares: FixDeclaration[] = [];
  for (const name of names) {
    const have = existing?.locals.get(name);
    if (have !== undefined) {
      locals[name] = have;
      continue;
    }
    const local = freshName([name, `runtime${name[0].toUpperCase()}${name.slice(1)}`], sf, sf, [...(existing?.locals.values() ?? [])]);
    locals[name] = local;
    items.push(local === name ? name : cjs ? `${name}: ${local}` : `${name} as ${local}`);
    declares.push(declared(ctx, local, sf, `import:${specifier}#${name}`));
  }
  if (!items.length) return { edits: [], locals, declares };
  const key = `import:${specifier}`;
  const listEdit = (at: number, before: string, after: string): TextEdit =>
    ({ ...ctx.edit({ start: at, end: at }, before + items.join(', ') + after), list: { key, items, before, after } });
  if (existing) {
    const { elements, container } = existing;
    if (!elements.length) return { edits: [listEdit(container.getStart(sf) + 1, ' ', ' ')], locals, declares };
    return { edits: [listEdit(elements[elements.length - 1].end, ', ', '')], locals, declares };
  }
  const tail = cjs ? ` } = require(${quoted(style, specifier)})${semi(style)}` : ` } from ${quoted(style, specifier)}${semi(style)}`;
  const head = cjs ? 'const { ' : 'import { ';
  const after = leadingImportsEnd(sf);
  if (after >= 0) return { edits: [listEdit(after, style.eol + head, tail)], locals, declares };
  const at = topInsertionPoint(sf);
  return { edits: [listEdit(at, head, tail + style.eol + (at === 0 && sf.statements.length ? style.eol : ''))], locals, declares };
}

/** An import of `specifier` names can be added to: `import { … } from 'm'` or `const { … } = require('m')`. */
function existingImportOf(sf: ts.SourceFile, specifier: string):
  { elements: ts.NodeArray<ts.ImportSpecifier | ts.BindingElement>; container: ts.Node; locals: Map<string, string> } | undefined {
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === specifier && !s.importClause?.isTypeOnly) {
      const nb = s.importClause?.namedBindings;
      if (nb && ts.isNamedImports(nb)) {
        const locals = new Map(nb.elements.filter((e) => !e.isTypeOnly).map((e) => [(e.propertyName ?? e.name).text, e.name.text]));
        return { elements: nb.elements, container: nb, locals };
      }
    } else if (ts.isVariableStatement(s) && isRequireOf(s, specifier)) {
      const pattern = s.declarationList.declarations[0].name as ts.ObjectBindingPattern;
      const locals = new Map(pattern.elements.map((e) => [((e.propertyName ?? e.name) as ts.Identifier).text, (e.name as ts.Identifier).text]));
      return { elements: pattern.elements, container: pattern, locals };
    }
  }
  return undefined;
}

/** The end of the imports (or requires) at the top of the file, after any directive; -1 when the file starts with code. */
function leadingImportsEnd(sf: ts.SourceFile): number {
  let end = -1;
  for (const s of sf.statements) {
    if (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && end < 0) continue; // 'use strict'
    if ((ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) || ts.isImportEqualsDeclaration(s) ||
      (ts.isVariableStatement(s) && isRequireStatement(s))) {
      end = s.end;
      continue;
    }
    break;
  }
  return end;
}

/** `const x = require('m')`, `const { a } = require('m')`, `const b = require('m').b`. */
function isRequireStatement(s: ts.VariableStatement): boolean {
  return s.declarationList.declarations.every((d) => {
    let init = d.initializer;
    if (init && ts.isPropertyAccessExpression(init)) init = init.expression;
    return init !== undefined && requiredSpecifier(init) !== undefined;
  });
}

function isRequireOf(s: ts.VariableStatement, specifier: string): boolean {
  const d = s.declarationList.declarations[0];
  if (!d || !ts.isObjectBindingPattern(d.name) || !d.initializer || !ts.isCallExpression(d.initializer)) return false;
  const c = d.initializer;
  return ts.isIdentifier(c.expression) && c.expression.text === 'require' && c.arguments.length === 1 &&
    ts.isStringLiteral(c.arguments[0]) && c.arguments[0].text === specifier &&
    d.name.elements.every((e) => ts.isIdentifier(e.name) && !e.dotDotDotToken && (!e.propertyName || ts.isIdentifier(e.propertyName)));
}

/** After a leading shebang, 'use strict' and file header comments. */
function topInsertionPoint(sf: ts.SourceFile): number {
  const first = sf.statements[0];
  if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression)) {
    return lineStartAfter(sf.text, first.end);
  }
  if (sf.text.startsWith('#!')) return lineStartAfter(sf.text, 0);
  return first ? lineStartOf(sf.text, first.getStart(sf)) : 0;
}

function lineStartAfter(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl + 1;
}
