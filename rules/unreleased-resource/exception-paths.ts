// Whether an exception can skip the release of a per-call resource, beyond `finally`: a release
// at the end of a `try` and another in its `catch` cover both ways out; and nothing can throw
// when the only code between making and releasing is non-awaited calls on the resource itself
// (`const v = browser.version(); await browser.close()`).
import { ts } from 'ts-morph';
import { isFunctionBoundary } from '../shared/ast';
import type { Release } from './resource-uses';

/** A release inside a `catch` whose `try` block releases too: every path out of the `try` releases. */
export function releasedInTryAndCatch(releases: readonly Release[]): boolean {
  return releases.some((r) => {
    const t = tryOfCatch(r.node);
    return t !== undefined && releases.some((o) => o !== r && contains(t.tryBlock, o.node));
  });
}

/**
 * The statements from the one that makes the resource to its first release, in one block, do
 * nothing that can throw: each only declares or calls methods of `name`, unawaited.
 */
export function nothingThrowsBefore(made: ts.Statement | undefined, releases: readonly Release[], name: string): boolean {
  if (!made || !ts.isBlock(made.parent)) return false;
  const statements = made.parent.statements;
  const from = statements.indexOf(made);
  const to = statements.findIndex((s, i) => i > from && releases.some((r) => r.statement === s));
  if (to < 0) return false;
  return statements.slice(from + 1, to).every((s) => (ts.isExpressionStatement(s) || ts.isVariableStatement(s)) && onlyOwnCalls(s, name));
}

function onlyOwnCalls(node: ts.Node, name: string): boolean {
  if (isFunctionBoundary(node)) return true; // a callback runs later, not here
  if (ts.isAwaitExpression(node) || ts.isNewExpression(node) || ts.isThrowStatement(node)) return false;
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== name) return false;
  }
  return !ts.forEachChild(node, (c) => (onlyOwnCalls(c, name) ? undefined : true));
}

function tryOfCatch(node: ts.Node): ts.TryStatement | undefined {
  for (let n = node; n.parent && !isFunctionBoundary(n); n = n.parent) {
    if (ts.isCatchClause(n) && ts.isTryStatement(n.parent)) return n.parent;
  }
  return undefined;
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}
