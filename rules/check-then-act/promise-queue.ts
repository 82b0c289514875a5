// A method that runs only as a link of the class's promise queue: every call of it sits in a
// reaction of a chain that starts at `this.queue` and is stored back there (`const p =
// this.queue.catch(…).then(async () => { await this.ensureSession() }); this.queue = p;`).
// Each run waits for the one before it, so no two runs interleave (matrix-js-sdk's
// RoomEncryptor, whose encryptEvent chains every encryption on `currentEncryptionPromise`).
import { ts } from 'ts-morph';
import { hasModifier, isFunctionBoundary, skipOuter, thisMemberName, TYPE_ONLY_WRAPPERS } from '../shared/ast';
import { nameOf } from './visible-burst';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

const CHAIN_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** The function is a non-public method whose every reference is a call inside a link of a promise queue on `this`. */
export function runsInPromiseQueue(fn: ts.FunctionLikeDeclaration): boolean {
  const name = nameOf(fn);
  const member: ts.Node = ts.isMethodDeclaration(fn) ? fn : fn.parent;
  if (!name?.method || !ts.isClassLike(member.parent) || !isNonPublic(member as ts.ClassElement, name.text)) return false;
  const refs: ts.PropertyAccessExpression[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isPropertyAccessExpression(n) && n.name.text === name.text && n.expression.kind === ts.SyntaxKind.ThisKeyword) refs.push(n);
  };
  walkTree(member.parent, visit);
  return refs.length > 0 && refs.every((ref) => ts.isCallExpression(ref.parent) && ref.parent.expression === ref && inQueueLink(ref.parent));
}

function isNonPublic(member: ts.ClassElement, name: string): boolean {
  return name.startsWith('#') || hasModifier(member, ts.SyntaxKind.PrivateKeyword) || hasModifier(member, ts.SyntaxKind.ProtectedKeyword);
}

/**
 * Walking out from the call: through callbacks the enclosing code awaits (`await logDuration(…,
 * async () => …)`), to a reaction of a chain on `this.<queue>` that is stored back in it.
 */
function inQueueLink(call: ts.Node): boolean {
  for (let n: ts.Node | undefined = call.parent; n; n = n.parent) {
    if (!isFunctionBoundary(n)) continue;
    const link = chainLinkOf(n);
    if (link) return storedBackOnHead(link);
    if (!awaitedCallback(n)) return false;
  }
  return false;
}

/** `p.then(fn)` (or `catch`, `finally`) for a reaction `fn`: the call it is handed to. */
function chainLinkOf(fn: ts.Node): ts.CallExpression | undefined {
  const p = fn.parent;
  return p && ts.isCallExpression(p) && p.arguments.includes(fn as ts.Expression) && ts.isPropertyAccessExpression(p.expression) &&
    CHAIN_METHODS.has(p.expression.name.text) ? p : undefined;
}

/** `await helper(…, async () => …)`: a callback handed to a call its caller awaits in place. */
function awaitedCallback(fn: ts.Node): boolean {
  const p = fn.parent;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && p !== undefined && ts.isCallExpression(p) &&
    p.arguments.includes(fn) && ts.isAwaitExpression(p.parent);
}

/** The chain the link belongs to starts at `this.<queue>`, and its end is assigned to `this.<queue>` (directly, or through a `const`). */
function storedBackOnHead(link: ts.CallExpression): boolean {
  let head: ts.Expression = link;
  while (ts.isCallExpression(head) && ts.isPropertyAccessExpression(head.expression) && CHAIN_METHODS.has(head.expression.name.text)) {
    head = skipOuter(head.expression.expression, TYPE_ONLY_WRAPPERS);
  }
  const queue = thisMemberName(head);
  if (queue === undefined) return false;
  let top: ts.Node = link;
  while (ts.isPropertyAccessExpression(top.parent) && ts.isCallExpression(top.parent.parent) && CHAIN_METHODS.has(top.parent.name.text)) top = top.parent.parent;
  const p = top.parent;
  if (ts.isBinaryExpression(p) && p.right === top && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return thisMemberName(p.left) === queue;
  if (!ts.isVariableDeclaration(p) || !ts.isIdentifier(p.name)) return false;
  const local = p.name.text;
  const block = p.parent.parent.parent;
  let stored = false;
  const find = (n: ts.Node): void => {
    if (stored || isFunctionBoundary(n)) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && thisMemberName(n.left) === queue) {
      const right = skipOuter(n.right, TYPE_ONLY_WRAPPERS);
      if (ts.isIdentifier(right) && right.text === local) stored = true;
    }
    ts.forEachChild(n, find);
  };
  if (block) ts.forEachChild(block, find);
  return stored;
}
