// Code no run reaches: statements after an unconditional `return`, `throw`, `break` or
// `continue` in the same statement list (a function declared there is hoisted, so it stays
// reachable). A finding there names a harm that never happens; none is reported.
import { ts } from 'ts-morph';

/** True when `node` sits in a statement that follows a jump in its own statement list. */
export function isUnreachable(node: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const list = statementList(n.parent);
    if (!list || ts.isFunctionDeclaration(n)) continue;
    const i = list.indexOf(n as ts.Statement);
    for (let k = 0; k < i; k++) if (isJump(list[k])) return true;
  }
  return false;
}

function statementList(n: ts.Node): readonly ts.Statement[] | undefined {
  if (ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) return n.statements;
  return undefined;
}

function isJump(s: ts.Statement): boolean {
  return ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isBreakStatement(s) || ts.isContinueStatement(s);
}
