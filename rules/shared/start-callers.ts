// Who calls a class's start method, read in the class: every `this.<name>()` sits in the
// constructor, in another start method (directly, or in a promise executor or reaction of it),
// or in a helper only those reach. double-start counts those callers' facts too; check-then-act
// reads a start method called only so as the application's boot step.
import { ts } from 'ts-morph';
import { isFunctionBoundary, skipOuter, thisMemberName, unwrapAwaited } from './ast';
import { isStartName } from './start-shapes';
import { isInvokedOnce } from './run-once';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/**
 * The start methods whose facts also speak for `name`: when every call of `this.<name>()` in
 * the class sits in another start method (directly, or in a `.then`/`.catch`/`.finally`
 * callback or promise executor of it), a second call of `name` needs a second call of those.
 * A call from a method that is no start method counts when that method is itself reached only
 * so (`init()` → `handshake()` → `startHeartbeat()`), or when the class never calls it: then it
 * is an entry the project calls from outside (`createIdCard()` → `startTemporaryRefresh()`),
 * and its own `fresh-start` facts decide.
 */
export function startCallers(members: ReadonlyMap<string, ts.FunctionLikeDeclaration>, owner: ts.Node, name: string): string[] | undefined {
  const callers = new Set<string>();
  return collectCallers(members, owner, name, callers, new Set([name])) ? [...callers] : undefined;
}

function collectCallers(members: ReadonlyMap<string, ts.FunctionLikeDeclaration>, owner: ts.Node, name: string, callers: Set<string>, seen: Set<string>): boolean {
  let ok = true;
  const visit = (n: ts.Node): WalkAnswer => {
    if (!ok) return STOP;
    if (ts.isCallExpression(n) && thisMemberName(unwrapAwaited(n.expression)) === name) {
      const caller = callingMember(n, members, owner);
      if (caller === undefined || seen.has(caller)) ok = false;
      else if (caller === 'constructor' || isStartName(caller)) callers.add(caller);
      else if (seen.size > 4 || !onlyCalled(owner, caller)) ok = false;
      else {
        // A helper of the start path: followed to its own callers; called nowhere in the class, an entry of its own.
        seen.add(caller);
        const before = callers.size;
        if (!collectCallers(members, owner, caller, callers, seen)) ok = false;
        else if (callers.size === before && !calledInClass(owner, caller)) callers.add(caller);
      }
    }
  };
  walkTree(owner, visit);
  return ok;
}

/**
 * `n` as a use of `this.<name>`: the call it makes (`this.handshake()`, also `(this.handshake)!()`),
 * `'other'` for any other use (handed on as a callback, read), undefined when `n` is no `this.<name>`.
 */
export function thisMemberUse(n: ts.Node, name: string): ts.CallExpression | 'other' | undefined {
  if (!ts.isPropertyAccessExpression(n) || thisMemberName(n) !== name) return undefined;
  let use: ts.Node = n;
  while (ts.isParenthesizedExpression(use.parent) || ts.isNonNullExpression(use.parent)) use = use.parent;
  return ts.isCallExpression(use.parent) && use.parent.expression === use ? use.parent : 'other';
}

/** Every `this.<name>` in the class is a direct call (`this.handshake()`): none hands the method on as a callback. */
function onlyCalled(owner: ts.Node, name: string): boolean {
  let ok = true;
  const visit = (n: ts.Node): WalkAnswer => {
    if (!ok) return STOP;
    if (thisMemberUse(n, name) === 'other') ok = false;
  };
  walkTree(owner, visit);
  return ok;
}

/** The class calls `this.<name>()` (or names `this.<name>` at all) somewhere. */
function calledInClass(owner: ts.Node, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(n) && thisMemberName(n) === name) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(owner);
  return found;
}

/**
 * The member a call runs in once per call of it — `constructor` for the class's own
 * constructor, which runs once per object — or undefined (a listener, a loop, code outside the
 * class's members).
 */
function callingMember(call: ts.Node, members: ReadonlyMap<string, ts.FunctionLikeDeclaration>, owner: ts.Node): string | undefined {
  for (let n: ts.Node = call; n.parent; n = n.parent) {
    if (ts.isIterationStatement(n, false)) return undefined;
    if (!isFunctionBoundary(n)) continue;
    if (isConstructorOf(n, owner)) return 'constructor';
    for (const [name, fn] of members) if (fn === n) return name;
    // A promise's executor or reaction, a one-shot timer's callback (`setTimeout(function () { this.listen() }.bind(this), 0)`).
    if (!(ts.isArrowFunction(n) || ts.isFunctionExpression(n)) || !isInvokedOnce(n)) return undefined;
  }
  return undefined;
}

/** `constructor() {…}` of a class, or the function of a prototype class (`function Crawler() {…}`). */
function isConstructorOf(fn: ts.Node, owner: ts.Node): boolean {
  if (ts.isConstructorDeclaration(fn)) return fn.parent === owner;
  return fn === owner || (ts.isVariableDeclaration(owner) && owner.initializer !== undefined && skipOuter(owner.initializer, 0) === fn);
}

