// Text edits that add state to a class or a function body in the file's own style: a new field
// before the class's first member, statements at the top or end of a body. The one place the
// fixes of double-close (a closed flag), double-start (a started flag) and check-then-act (a
// memoized promise field) insert class members and guards.
import { ts } from 'ts-morph';
import { codeStyle, indentationAt, lineStartOf, semi } from '../../engine/fix-text';
import type { RuleContext, TextEdit } from '../../engine/types';
import { hasModifier, memberName } from './ast';

/**
 * The early return a function's signature allows without changing its type: `return` for
 * async, void or unannotated functions, `return Promise.resolve()` for a non-async
 * `Promise<void>`; undefined when neither type-checks.
 */
export function earlyReturnFor(fn: ts.FunctionLikeDeclaration): string | undefined {
  const type = fn.type;
  // An unannotated function that hands back `new Promise(…)`: its callers may chain `.then` on the result.
  if (!type && !hasModifier(fn, ts.SyntaxKind.AsyncKeyword) && returnsNewPromise(fn)) return 'return Promise.resolve()';
  // A fluent method (`return this`) keeps its chain on the second call too.
  if (!type && returnsOnlyThis(fn)) return 'return this';
  if (!type || hasModifier(fn, ts.SyntaxKind.AsyncKeyword) || type.kind === ts.SyntaxKind.VoidKeyword) return 'return';
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'Promise' &&
    (type.typeArguments?.[0]?.kind === ts.SyntaxKind.VoidKeyword || type.typeArguments?.[0]?.kind === ts.SyntaxKind.UndefinedKeyword)) {
    return 'return Promise.resolve()';
  }
  return undefined;
}

/** The function's own `return` statements (nested functions aside). */
function ownReturns(fn: ts.FunctionLikeDeclaration): ts.ReturnStatement[] {
  const out: ts.ReturnStatement[] = [];
  const visit = (n: ts.Node): void => {
    if (n !== fn.body && ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n)) out.push(n);
    else ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return out;
}

/** A `return new Promise(…)` among the function's own statements. */
function returnsNewPromise(fn: ts.FunctionLikeDeclaration): boolean {
  return ownReturns(fn).some((r) => r.expression !== undefined && ts.isNewExpression(r.expression) && ts.isIdentifier(r.expression.expression) && r.expression.expression.text === 'Promise');
}

/** Every `return` among the function's own statements hands back `this`, and there is one. */
function returnsOnlyThis(fn: ts.FunctionLikeDeclaration): boolean {
  const returns = ownReturns(fn);
  return returns.length > 0 && returns.every((r) => r.expression?.kind === ts.SyntaxKind.ThisKeyword);
}

/** The first of `candidates` no member of the class is named. */
export function freeMemberName(cls: ts.ClassLikeDeclaration, candidates: readonly string[]): string | undefined {
  const taken = new Set(cls.members.map((m) => memberName(m.name)));
  return candidates.find((n) => !taken.has(n));
}

/** Statements (given without semicolons) in the file's semicolon style; inline code always needs them. */
function statementText(ctx: RuleContext, statements: readonly string[], inline: boolean): string[] {
  const end = inline ? ';' : semi(codeStyle(ctx.sourceFile));
  return statements.map((s) => s + end);
}

/** Inserts statements before the first statement of a non-empty block, each on its own line at that statement's indentation. */
export function insertAtBlockTop(ctx: RuleContext, body: ts.Block, statements: readonly string[]): TextEdit {
  return insertBefore(ctx, body, body.statements[0], statements);
}

/** Inserts statements before `stmt` of `block`: inline when the block is written on one line. */
function insertBefore(ctx: RuleContext, block: ts.Block, stmt: ts.Statement, statements: readonly string[]): TextEdit {
  const sf = ctx.sourceFile;
  const text = ctx.text;
  const start = stmt.getStart(sf);
  if (lineStartOf(text, start) <= block.getStart(sf)) {
    return ctx.edit({ start, end: start }, statementText(ctx, statements, true).map((s) => s + ' ').join(''));
  }
  const eol = codeStyle(sf).eol;
  const indent = indentationAt(text, start);
  const at = lineStartOf(text, start);
  return ctx.edit({ start: at, end: at }, statementText(ctx, statements, false).map((s) => indent + s + eol).join(''));
}

/**
 * Inserts a statement as the last one of a block, before a final `return`, so it runs after
 * everything else the block does; undefined for an empty block whose layout we cannot copy.
 */
export function insertAtBlockEnd(ctx: RuleContext, body: ts.Block, statement: string): TextEdit | undefined {
  const sf = ctx.sourceFile;
  const text = ctx.text;
  const stmts = body.statements;
  if (!stmts.length) return undefined;
  const last = stmts[stmts.length - 1];
  if (ts.isReturnStatement(last) || ts.isThrowStatement(last)) return insertBefore(ctx, body, last, [statement]);
  const inline = lineStartOf(text, last.getStart(sf)) <= body.getStart(sf);
  const [s] = statementText(ctx, [statement], inline);
  if (inline) return ctx.edit({ start: last.end, end: last.end }, ' ' + s);
  return ctx.edit({ start: last.end, end: last.end }, codeStyle(sf).eol + indentationAt(text, last.getStart(sf)) + s);
}

/** Declares a field (`#started = false`, `#clientPromise?: Promise<Client>`) before the class's first member, as the class indents members. */
export function classFieldEdit(ctx: RuleContext, cls: ts.ClassLikeDeclaration, declaration: string): TextEdit {
  const sf = ctx.sourceFile;
  const text = ctx.text;
  const style = codeStyle(sf);
  const first = cls.members[0];
  const comments = ts.getLeadingCommentRanges(text, first.pos);
  const firstStart = comments?.length ? comments[0].pos : first.getStart(sf);
  // Without semicolons, a following `[Symbol.asyncDispose]()` or `*gen()` would continue the declaration.
  const end = style.semicolons || '[(*+-/`'.includes(text[first.getStart(sf)]) ? ';' : '';
  if (lineStartOf(text, firstStart) <= cls.members.pos - 1) {
    return ctx.edit({ start: firstStart, end: firstStart }, `${declaration}${end || ';'} `);
  }
  const at = lineStartOf(text, firstStart);
  return ctx.edit({ start: at, end: at }, `${indentationAt(text, firstStart)}${declaration}${end}${style.eol}`);
}
