// Functions of the project that await the function they are handed: fabric-network's
// `addListener(listener, sessions, sessionSupplier)`, whose body runs `await sessionSupplier()`
// (check 61). The call's name says "listener", but its callee is the project's own function, and
// that function waits for the promise: a rejection goes to its caller, not to nobody.
import { ts } from 'ts-morph';
import type { FactRef, RuleContext } from '../../engine/types';
import { withoutIndirectCall } from '../../engine/module-symbols';
import { enclosingFunction, isExportsObject, Outer, skipOuter } from '../shared/ast';

const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;

/** The function's argument at this position is only ever called where its promise is awaited or returned. */
export type AwaitsArgumentKind = `awaits-argument:${number}`;

interface AwaitedArgumentFact {
  fact: { kind: AwaitsArgumentKind; ref: FactRef };
}

type Resolve = Pick<RuleContext, 'factRef' | 'file'>;

/** The facts a file records: for each top-level or exported function, the parameters it only calls under `await` or `return`. */
export function awaitedArgumentFacts(sf: ts.SourceFile): AwaitedArgumentFact[] {
  const out: AwaitedArgumentFact[] = [];
  const file = sf.fileName;
  const add = (fn: ts.FunctionLikeDeclaration, name: string) => {
    for (const i of awaitedParameters(fn)) out.push({ fact: { kind: `awaits-argument:${i}`, ref: { file, name } } });
  };
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.name && s.body) add(s, s.name.text);
    else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer && skipOuter(d.initializer, SEEN_THROUGH);
        if (init && ts.isIdentifier(d.name) && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) add(init, d.name.text);
      }
    } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      // `exports.load = async (supplier) => …`
      const left = s.expression.left;
      const right = skipOuter(s.expression.right, SEEN_THROUGH);
      if (ts.isPropertyAccessExpression(left) && isExportsObject(skipOuter(left.expression, SEEN_THROUGH)) && (ts.isArrowFunction(right) || ts.isFunctionExpression(right))) add(right, left.name.text);
    }
  }
  return out;
}

/**
 * Positions of the parameters whose every use in the body is a call that is awaited or returned
 * (`await supplier()`, `return supplier()`): the function hands each such promise on to its caller.
 * A parameter also stored, passed on or called without waiting is not one.
 */
function awaitedParameters(fn: ts.FunctionLikeDeclaration): number[] {
  if (!fn.body) return [];
  const names = new Map<string, number>();
  fn.parameters.forEach((p, i) => {
    if (ts.isIdentifier(p.name) && !p.dotDotDotToken) names.set(p.name.text, i);
  });
  if (!names.size) return [];
  const awaited = new Set<string>();
  const other = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && names.has(n.text) && !ts.isParameter(n.parent)) {
      // A property name (`x.supplier`) is not the parameter.
      if (ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) return;
      if (isAwaitedCall(n, fn)) awaited.add(n.text);
      else other.add(n.text);
      return;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn.body, visit);
  return [...names].filter(([name]) => awaited.has(name) && !other.has(name)).map(([, i]) => i);
}

/** `await p()` or `return p()` (also as an arrow's body) in the function itself, with `p` the callee. A call in a nested function runs later: another use. */
function isAwaitedCall(id: ts.Identifier, fn: ts.FunctionLikeDeclaration): boolean {
  let callee: ts.Node = id;
  while (ts.isParenthesizedExpression(callee.parent)) callee = callee.parent;
  const call = callee.parent;
  if (!ts.isCallExpression(call) || call.expression !== callee) return false;
  let use: ts.Node = call;
  while (ts.isParenthesizedExpression(use.parent)) use = use.parent;
  const site = use.parent;
  if (site === fn) return ts.isArrowFunction(fn) && fn.body === use;
  return (ts.isAwaitExpression(site) || ts.isReturnStatement(site)) && enclosingFunction(site) === fn;
}

/**
 * The fact that says the call's callee awaits its argument at `index`: the callee is a function of
 * another project file, by name (`addListener(…)`, `(0, listenersession_1.addListener)(…)`) or as a
 * member of a required module object (`listenersession.addListener(…)`).
 */
export function awaitedArgumentFact(call: ts.CallExpression, index: number, ctx: Resolve): { kind: AwaitsArgumentKind; ref: FactRef } | undefined {
  const callee = skipOuter(withoutIndirectCall(skipOuter(call.expression, SEEN_THROUGH)), SEEN_THROUGH);
  const project = (ref: FactRef | undefined) => (ref !== undefined && typeof ref !== 'string' && ref.file !== ctx.file ? ref : undefined);
  if (ts.isIdentifier(callee)) {
    const ref = project(ctx.factRef(callee));
    return ref ? { kind: `awaits-argument:${index}`, ref } : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = skipOuter(callee.expression, SEEN_THROUGH);
  const moduleObject = ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'default' ? skipOuter(receiver.expression, SEEN_THROUGH) : receiver;
  if (!ts.isIdentifier(moduleObject)) return undefined;
  const ref = project(ctx.factRef(moduleObject));
  return ref && (ref.name === '*' || ref.name === 'default') ? { kind: `awaits-argument:${index}`, ref: { file: ref.file, name: callee.name.text } } : undefined;
}
