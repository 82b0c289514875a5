// A non-public method whose callers cannot overlap: every call of it in its file is either a
// statement of the class's constructor (which runs once per object: orkid's `constructor() { …;
// this._initialize() }`), or the one call, awaited in place, in the body of a `for await` loop
// (libp2p-gossipsub's `pipe(this.outboundInflightQueue, async (source) => { for await (const {
// peerId, connection } of source) await this.createOutboundStream(peerId, connection) })`): the
// loop takes the next item only once the call before has settled. Either way no second run
// starts while the first awaits, so its check-then-act has no concurrent caller to race.
import { ts } from 'ts-morph';
import { hasModifier, isFunctionBoundary } from '../shared/ast';
import { nameOf } from './visible-burst';
import { walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Every reference to the non-public method in its file is a constructor call, or the single awaited call of one `for await` loop. */
export function runsOnlySequentially(fn: ts.FunctionLikeDeclaration): boolean {
  const name = nameOf(fn);
  const member: ts.Node = ts.isMethodDeclaration(fn) ? fn : fn.parent;
  if (!name?.method || !ts.isClassLike(member.parent) || !isNonPublic(member as ts.ClassElement, name.text)) return false;
  const cls = member.parent;
  const refs: ts.PropertyAccessExpression[] = [];
  let other = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isPropertyAccessExpression(n) && n.name.text === name.text) {
      if (n.expression.kind === ts.SyntaxKind.ThisKeyword && isWithinNode(n, cls)) refs.push(n);
      // Called on another object of the file, or read off `this` elsewhere: callers we cannot count.
      else other = true;
    }
  };
  walkTree(fn.getSourceFile(), visit);
  if (other || !refs.length) return false;
  const calls = refs.map((r) => (ts.isCallExpression(r.parent) && r.parent.expression === r ? r.parent : undefined));
  if (calls.some((c) => c === undefined)) return false;
  const sites = calls as ts.CallExpression[];
  if (sites.every((c) => constructorStatement(c, cls))) return true;
  return sites.length === 1 && awaitedInForAwait(sites[0]);
}

function isNonPublic(member: ts.ClassElement, name: string): boolean {
  return name.startsWith('#') || name.startsWith('_') || hasModifier(member, ts.SyntaxKind.PrivateKeyword) || hasModifier(member, ts.SyntaxKind.ProtectedKeyword);
}

function isWithinNode(n: ts.Node, outer: ts.Node): boolean {
  return n.pos >= outer.pos && n.end <= outer.end;
}

/** The call runs in the class's own constructor, outside any callback or loop there. */
function constructorStatement(call: ts.CallExpression, cls: ts.ClassLikeDeclaration): boolean {
  for (let n: ts.Node = call.parent; n; n = n.parent) {
    if (ts.isConstructorDeclaration(n)) return n.parent === cls;
    if (isFunctionBoundary(n) || ts.isIterationStatement(n, false)) return false;
  }
  return false;
}

/** `for await (const x of source) { await this.m(x) }`: an awaited statement of the loop's own body. */
function awaitedInForAwait(call: ts.CallExpression): boolean {
  const awaited = call.parent;
  if (!ts.isAwaitExpression(awaited) || !ts.isExpressionStatement(awaited.parent)) return false;
  let s: ts.Node = awaited.parent;
  if (ts.isBlock(s.parent)) s = s.parent;
  const loop = s.parent;
  return ts.isForOfStatement(loop) && loop.awaitModifier !== undefined && loop.statement === s;
}
