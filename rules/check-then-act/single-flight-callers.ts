// A method a class runs only inside a single-flight: its one caller is itself started only as
// `this.#pending = this.#pending || this.#refresh()` (or `||=`, `??=`), which every concurrent
// caller shares. google-auth-library's BaseExternalAccountClient runs `retrieveSubjectToken()`
// only from `#internalRefreshAccessTokenAsync()`, kept in `#pendingAccessToken`; AwsClient's
// override of it checks and fills `awsRequestSigner` with no race (check 61). The subclass often
// lives in another file, so the base class's file records a project fact per such method.
import { ts } from 'ts-morph';
import type { FactRef, ModuleBinding, RuleContext } from '../../engine/types';
import { isWithin, memberName, Outer, skipOuter, thisMemberName } from '../shared/ast';
import { thisMethod } from '../shared/shutdown-handlers';
import { classRefOf } from '../shared/fresh-objects';
import { walkTree } from '../../engine/file-nodes';

export type SingleFlightFactKind = `single-flight:${string}`;

const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;
const checkedClasses = new WeakMap<ts.ClassLikeDeclaration, Set<string>>();

/**
 * For `this.F()` started as a single-flight (`this.p = this.p || this.F()`, `this.p ??= this.F()`),
 * the facts naming each method `F` calls that nothing else in the file references: `single-flight:m`
 * on the class (by its top-level name). Empty for any other call.
 */
export function singleFlightFacts(ctx: RuleContext, call: ts.CallExpression): { kind: SingleFlightFactKind; ref: FactRef }[] {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword || !isSingleFlightStart(call)) return [];
  const fn = thisMethod(callee);
  const cls = fn && classOf(fn);
  if (!fn || !cls?.name || !ts.isSourceFile(cls.parent)) return [];
  let done = checkedClasses.get(cls);
  if (!done) checkedClasses.set(cls, (done = new Set()));
  if (done.has(callee.name.text)) return [];
  done.add(callee.name.text);
  if (!onlyStartedThisWay(cls, callee.name.text)) return [];
  const ref: ModuleBinding = { file: ctx.file, name: cls.name.text };
  const called = new Set<string>();
  if (fn.body) walkTree(fn.body, (n) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.expression.kind === ts.SyntaxKind.ThisKeyword) called.add(n.expression.name.text);
  });
  return [...called].filter((m) => referencedOnlyWithin(cls.getSourceFile(), m, fn)).map((m) => ({ kind: `single-flight:${m}` as SingleFlightFactKind, ref }));
}

/** The facts that would show the method is only run inside a single-flight of its class or of the class it extends. */
export function singleFlightFactsFor(ctx: RuleContext, fn: ts.FunctionLikeDeclaration): { kind: SingleFlightFactKind; ref: FactRef }[] {
  if (!ts.isMethodDeclaration(fn)) return [];
  const name = memberName(fn.name);
  const cls = classOf(fn);
  if (name === undefined || !cls) return [];
  const kind = `single-flight:${name}` as SingleFlightFactKind;
  const refs: FactRef[] = [];
  if (cls.name && ts.isSourceFile(cls.parent)) refs.push({ file: ctx.file, name: cls.name.text });
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  const baseRef = base && classRefOf(ctx, base);
  if (baseRef) refs.push(baseRef);
  return refs.map((ref) => ({ kind, ref }));
}

/** `this.p = this.p || <call>`, `this.p ??= <call>`, `this.p ||= <call>`. */
function isSingleFlightStart(call: ts.CallExpression): boolean {
  let top: ts.Node = call;
  while (ts.isParenthesizedExpression(top.parent)) top = top.parent;
  const p = top.parent;
  if (!ts.isBinaryExpression(p) || p.right !== top) return false;
  const op = p.operatorToken.kind;
  if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) return thisMemberName(p.left) !== undefined;
  if (op !== ts.SyntaxKind.BarBarToken && op !== ts.SyntaxKind.QuestionQuestionToken) return false;
  const member = thisMemberName(p.left);
  let outer: ts.Node = p;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const assign = outer.parent;
  return member !== undefined && ts.isBinaryExpression(assign) && assign.right === outer &&
    assign.operatorToken.kind === ts.SyntaxKind.EqualsToken && thisMemberName(assign.left) === member;
}

/** Every reference to the method in its file is a single-flight start (or its own declaration). */
function onlyStartedThisWay(cls: ts.ClassLikeDeclaration, name: string): boolean {
  let ok = true;
  walkTree(cls.getSourceFile(), (n) => {
    if (!ok || !ts.isPropertyAccessExpression(n) || n.name.text !== name) return;
    if (!(ts.isCallExpression(n.parent) && n.parent.expression === n && isSingleFlightStart(n.parent))) ok = false;
  });
  return ok;
}

/** No `.m` anywhere in the file outside `fn`: the subclass's override runs only from there. */
function referencedOnlyWithin(sf: ts.SourceFile, name: string, fn: ts.Node): boolean {
  let ok = true;
  walkTree(sf, (n) => {
    if (!ok) return;
    if (ts.isPropertyAccessExpression(n) && n.name.text === name && !isWithin(n, fn)) ok = false;
  });
  return ok;
}

function classOf(fn: ts.Node): ts.ClassLikeDeclaration | undefined {
  let n: ts.Node | undefined = fn.parent;
  while (n && !ts.isClassLike(n)) n = n.parent;
  return n;
}
