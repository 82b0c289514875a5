// A helper that only one guarded entry of its file calls (`init()` checks `this.isInitialized`,
// then awaits `this.loadSocketModule()`): concurrent callers reach the helper only through that
// entry, so its own check-then-act is the entry's. A race there is reported once, at the
// entry's check; a sound entry (a memoized promise, a claimed phase) makes the helper sound too.
import { ts } from 'ts-morph';
import { enclosingFunction, isWithin } from '../shared/ast';
import { parseCheck, regionAfter } from './state-checks';
import { nameOf } from './visible-burst';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Every reference to the function in its file is a call from one other function, behind that function's own state check. */
export function calledOnlyBehindEntryGuard(fn: ts.FunctionLikeDeclaration): boolean {
  const name = nameOf(fn);
  if (!name) return false;
  const calls: ts.CallExpression[] = [];
  let other = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (other) return STOP;
    const ref = name.method
      ? ts.isPropertyAccessExpression(n) && n.name.text === name.text ? n : undefined
      : ts.isIdentifier(n) && n.text === name.text && !isDeclarationName(n) ? n : undefined;
    if (ref) {
      const call = ref.parent;
      const ownCall = ts.isCallExpression(call) && call.expression === ref &&
        (!name.method || (ref as ts.PropertyAccessExpression).expression.kind === ts.SyntaxKind.ThisKeyword);
      if (ownCall) calls.push(call);
      // Passed on, exported, or called on another object: callers we cannot count.
      else if (!isAssignedDefinition(ref, fn)) other = true;
    }
  };
  walkTree(fn.getSourceFile(), visit);
  if (other || !calls.length) return false;
  const entry = enclosingFunction(calls[0], ts.isClassLike);
  if (!entry || entry === fn || isWithin(entry, fn)) return false;
  return calls.every((c) => enclosingFunction(c, ts.isClassLike) === entry && behindStateCheck(c, entry));
}

/** The call runs only when a check of shared state at the entry's top level let it through. */
function behindStateCheck(call: ts.CallExpression, entry: ts.SignatureDeclaration): boolean {
  const body = (entry as ts.FunctionLikeDeclaration).body;
  if (!body || !ts.isBlock(body)) return false;
  for (const s of body.statements) {
    if (s.pos >= call.pos) break;
    if (!ts.isIfStatement(s)) continue;
    const check = parseCheck(s.expression);
    if (check && regionAfter(s, check.absent).some((r) => isWithin(call, r))) return true;
  }
  return false;
}

function isDeclarationName(id: ts.Identifier): boolean {
  const p = id.parent;
  return (ts.isFunctionDeclaration(p) || ts.isVariableDeclaration(p) || ts.isMethodDeclaration(p)) && p.name === id;
}

/** `Cls.prototype.load = async function () {…}`: the reference that defines the function itself. */
function isAssignedDefinition(ref: ts.Node, fn: ts.FunctionLikeDeclaration): boolean {
  const p = ref.parent;
  return ts.isBinaryExpression(p) && p.left === ref && p.right === fn;
}
