// Rewrites `xs.forEach(async (x) => { … })` as `for (const x of xs) { … }` with the awaits now
// waited for, one element at a time. Safe only where the rewrite keeps the loop's meaning: the
// statement's value is unused, the enclosing function is async, the callback's `return`s become
// `continue`s, and we know what the receiver iterates as (an array's elements, a Map's entries).
import { ts } from 'ts-morph';
import { codeStyle, indentationAt } from '../../engine/fix-text';
import { findDeclaration } from '../../engine/scope';
import type { Fix, RuleContext, TextEdit } from '../../engine/types';
import { enclosingFunction, isAsync, unwrap } from '../shared/ast';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

type Receiver = 'array' | 'map' | 'set' | 'unknown';

const ARRAY_RESULT_METHODS = new Set(['map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'sort', 'toSorted', 'toReversed', 'reverse', 'splice']);

export interface ForOfRewrite {
  fix: Fix;
  /** False when the receiver's kind is a guess: the rewrite is then offered in the editor only. */
  safe: boolean;
}

export function forOfRewrite(ctx: RuleContext, call: ts.CallExpression, callee: ts.PropertyAccessExpression, cb: ts.Expression): ForOfRewrite | undefined {
  const statement = call.parent;
  if (!ts.isExpressionStatement(statement) || call.arguments.length !== 1 || callee.questionDotToken) return undefined;
  if (!(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) || (ts.isFunctionExpression(cb) && (cb.name || usesOwnThis(cb.body)))) return undefined;
  if (!isInAsyncFunction(statement)) return undefined;
  const params = cb.parameters;
  if (params.length < 1 || params.length > 2 || params.some((p) => p.initializer || p.dotDotDotToken)) return undefined;
  const sf = ctx.sourceFile;
  const names = params.map((p) => p.name.getText(sf));
  const receiver = callee.expression;
  const kind = receiverKind(receiver);
  const source = receiver.getText(sf);
  const head = loopHead(kind, names, source);
  if (!head) return undefined;
  const body = loopBody(ctx, cb, statement);
  if (body === undefined) return undefined;
  const binding = assignsAny(cb.body, params) ? 'let' : 'const';
  const text = `for (${binding} ${head.binding} of ${head.iterable}) ${body}`;
  const edit: TextEdit = ctx.edit({ start: statement.getStart(sf), end: statement.end }, text);
  // One element at a time instead of all at once: a changed concurrency, so unsafe either way.
  return { fix: { title: 'Await each element in turn: `for … of` with `await`', safety: 'unsafe', edits: [edit] }, safe: kind !== 'unknown' };
}

/** What `for … of` binds and iterates for a forEach callback's parameters. */
function loopHead(kind: Receiver, names: string[], source: string): { binding: string; iterable: string } | undefined {
  const [value, key] = names;
  if (names.length === 1) {
    if (kind === 'map') return { binding: value, iterable: `${source}.values()` };
    return { binding: value, iterable: source };
  }
  if (kind === 'array') return { binding: `[${key}, ${value}]`, iterable: `${source}.entries()` };
  if (kind === 'map') return { binding: `[${key}, ${value}]`, iterable: source };
  return undefined;
}

/** The callback's body as a loop body: `return;` becomes `continue;`, an expression body is awaited. */
function loopBody(ctx: RuleContext, cb: ts.ArrowFunction | ts.FunctionExpression, statement: ts.Statement): string | undefined {
  const sf = ctx.sourceFile;
  if (!ts.isBlock(cb.body)) {
    const style = codeStyle(sf);
    const indent = indentationAt(ctx.text, statement.getStart(sf));
    const expr = cb.body.getText(sf);
    const awaited = ts.isAwaitExpression(cb.body) ? expr : `await ${expr}`;
    return `{${style.eol}${indent}${style.indentUnit}${awaited};${style.eol}${indent}}`;
  }
  const block = cb.body;
  const returns: ts.ReturnStatement[] = [];
  let rewritable = true;
  const visit = (n: ts.Node, inLoop: boolean): void => {
    if (!rewritable || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) {
      // `return value` has no loop equivalent; `continue` inside an inner loop would go to that loop.
      if (n.expression || inLoop) rewritable = false;
      else returns.push(n);
      return;
    }
    const loop = ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isForStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n);
    ts.forEachChild(n, (c) => visit(c, inLoop || loop));
  };
  visit(block, false);
  if (!rewritable) return undefined;
  const start = block.getStart(sf);
  let text = ctx.text.slice(start, block.end);
  for (const r of returns.sort((a, b) => b.getStart(sf) - a.getStart(sf))) {
    const at = r.getStart(sf) - start;
    text = text.slice(0, at) + 'continue' + text.slice(at + 'return'.length);
  }
  return text;
}

/** Arrays, Maps and Sets we can tell apart syntactically; anything else is unknown. */
function receiverKind(expr: ts.Expression, depth = 0): Receiver {
  const e = unwrap(expr);
  if (ts.isArrayLiteralExpression(e)) return 'array';
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) return collectionName(e.expression.text);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const { name, expression } = e.expression;
    if (ts.isIdentifier(expression) && (expression.text === 'Object' || expression.text === 'Array') && ['keys', 'values', 'entries', 'from'].includes(name.text)) return 'array';
    if (ARRAY_RESULT_METHODS.has(name.text) && depth < 4 && receiverKind(expression, depth + 1) === 'array') return 'array';
    return 'unknown';
  }
  if (!ts.isIdentifier(e) || depth > 4) return 'unknown';
  const decl = findDeclaration(e.text, e);
  if (!decl || !(ts.isVariableDeclaration(decl) || ts.isParameter(decl))) return 'unknown';
  if (decl.type) return typeKind(decl.type);
  return decl.initializer ? receiverKind(decl.initializer, depth + 1) : 'unknown';
}

function typeKind(t: ts.TypeNode): Receiver {
  if (ts.isArrayTypeNode(t) || ts.isTupleTypeNode(t)) return 'array';
  if (ts.isTypeOperatorNode(t) && t.operator === ts.SyntaxKind.ReadonlyKeyword) return typeKind(t.type);
  if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName)) return collectionName(t.typeName.text);
  return 'unknown';
}

function collectionName(name: string): Receiver {
  if (name === 'Array' || name === 'ReadonlyArray') return 'array';
  if (name === 'Map' || name === 'ReadonlyMap') return 'map';
  if (name === 'Set' || name === 'ReadonlySet') return 'set';
  return 'unknown';
}

/** A parameter reassigned in the body needs `let` in the loop head. */
function assignsAny(body: ts.Node, params: ts.NodeArray<ts.ParameterDeclaration>): boolean {
  const names = new Set<string>();
  const collect = (n: ts.BindingName): void => {
    if (ts.isIdentifier(n)) names.add(n.text);
    else for (const el of n.elements) if (!ts.isOmittedExpression(el)) collect(el.name);
  };
  for (const p of params) collect(p.name);
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      ts.isIdentifier(n.left) && names.has(n.left.text)) found = true;
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand) && names.has(n.operand.text) &&
      (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) found = true;
  };
  walkTree(body, visit);
  return found;
}

/** `this` or `arguments` of a function expression would change meaning once it is a loop body. */
function usesOwnThis(body: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found) return STOP;
    if (n.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(n) && n.text === 'arguments')) {
      found = true;
      return SKIP;
    }
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassLike(n)) return SKIP;
  };
  walkTree(body, visit);
  return found;
}

function isInAsyncFunction(node: ts.Node): boolean {
  const fn = enclosingFunction(node, ts.isClassStaticBlockDeclaration);
  return fn !== undefined && isAsync(fn);
}
