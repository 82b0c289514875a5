// A project class that keeps what it is handed in a collection of its own and releases what it
// takes back out of it: `addInterval(name, ref) { this.intervals.set(name, ref) }` beside
// `deleteInterval(name) { clearInterval(this.getInterval(name)) }` (@nestjs/schedule's
// SchedulerRegistry). A handle passed to such a storing method is released by that class, the
// way a pool releases what is given back to it: the caller does not own it any more.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { Outer, skipOuter, thisClass } from '../shared/ast';

/** How a method stores its argument in a collection: `this.timers.set(k, t)`, `this.timers.push(t)`. */
const STORE_METHODS: ReadonlyMap<string, number> = new Map([['set', 1], ['push', 0], ['unshift', 0], ['add', 0]]);

/** `method#index#release`: the fact ref for "argument `index` of `method` is stored, and its entries released with `release`". */
export function keptForReleaseRef(method: string, index: number, release: string): string {
  return `${method}#${index}#${release}`;
}

/**
 * For a release of `released` (`clearInterval(x)`, `x.close()`) inside a class: when `released`
 * is an entry of one of the class's `this` collections, the fact refs of every method of that
 * class storing a parameter into that collection.
 */
export function keptForReleaseRefs(released: ts.Expression, release: string): string[] {
  const cls = thisClass(released);
  if (!cls) return [];
  const collection = collectionEntryOf(released, cls, 0);
  if (!collection) return [];
  const refs: string[] = [];
  for (const m of cls.members) {
    if (!ts.isMethodDeclaration(m) || !m.body || !ts.isIdentifier(m.name)) continue;
    for (const index of storedParameters(m, collection)) refs.push(keptForReleaseRef(m.name.text, index, release));
  }
  return refs;
}

/** `this.<member>` for `e`, through parentheses. */
function thisMember(e: ts.Expression): string | undefined {
  const x = skipOuter(e, Outer.Parens | Outer.NonNull | Outer.As);
  return ts.isPropertyAccessExpression(x) && x.expression.kind === ts.SyntaxKind.ThisKeyword ? x.name.text : undefined;
}

/**
 * The collection member `e` is an entry of: `this.intervals.get(k)`, `this.intervals[k]`, a local
 * holding one, a loop variable over it, or a call of a class method returning one (`this.getInterval(k)`).
 */
function collectionEntryOf(e: ts.Expression, cls: ts.ClassLikeDeclaration, depth: number): string | undefined {
  const x = skipOuter(e, Outer.Parens | Outer.NonNull | Outer.As | Outer.Await);
  if (ts.isElementAccessExpression(x)) return thisMember(x.expression);
  if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression)) {
    if (x.expression.name.text === 'get') return thisMember(x.expression.expression);
    // `this.getInterval(name)`: a method of the same class handing back an entry.
    if (x.expression.expression.kind === ts.SyntaxKind.ThisKeyword && depth === 0) return returnedEntry(cls, x.expression.name.text);
    return undefined;
  }
  if (!ts.isIdentifier(x)) return undefined;
  const decl = findDeclaration(x.text, x);
  if (!decl) return undefined;
  if (ts.isVariableDeclaration(decl)) {
    // `for (const t of this.timers.values())`
    const list = decl.parent;
    const loop = list?.parent;
    if (loop && ts.isForOfStatement(loop) && loop.initializer === list) return iteratedCollection(loop.expression);
    return decl.initializer ? collectionEntryOf(decl.initializer, cls, depth) : undefined;
  }
  // `this.timers.forEach((t) => clearInterval(t))`
  if (ts.isParameter(decl) && decl.parent.parameters[0] === decl) {
    const fn = decl.parent;
    const call = fn.parent;
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(call) && call.arguments[0] === fn &&
      ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'forEach') return iteratedCollection(call.expression.expression);
  }
  return undefined;
}

/** `this.timers`, `this.timers.values()`, `Object.values(this.timers)`: the collection member iterated. */
function iteratedCollection(e: ts.Expression): string | undefined {
  const x = skipOuter(e, Outer.Parens);
  const own = thisMember(x);
  if (own) return own;
  if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression)) {
    if (x.expression.name.text === 'values' && !x.arguments.length) return thisMember(x.expression.expression);
    if (x.expression.name.text === 'values' && ts.isIdentifier(x.expression.expression) && x.expression.expression.text === 'Object' && x.arguments[0]) {
      return thisMember(x.arguments[0]);
    }
  }
  return undefined;
}

/** The collection whose entry every value-returning `return` of the class's method `name` hands back. */
function returnedEntry(cls: ts.ClassLikeDeclaration, name: string): string | undefined {
  const method = cls.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name);
  if (!method?.body) return undefined;
  const found = new Set<string | undefined>();
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) found.add(collectionEntryOf(n.expression, cls, 1));
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(method.body, visit);
  return found.size === 1 ? [...found][0] : undefined;
}

/** Indexes of the parameters `method` stores into `this.<collection>` (`.set(k, p)`, `.push(p)`, `[k] = p`). */
function storedParameters(method: ts.MethodDeclaration, collection: string): number[] {
  const out = new Set<number>();
  const indexOf = (e: ts.Expression | undefined): number => {
    const x = e && skipOuter(e, Outer.Parens);
    if (!x || !ts.isIdentifier(x)) return -1;
    const decl = findDeclaration(x.text, x);
    return decl && ts.isParameter(decl) && decl.parent === method ? method.parameters.indexOf(decl) : -1;
  };
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && thisMember(n.expression.expression) === collection) {
      const at = STORE_METHODS.get(n.expression.name.text);
      const i = at === undefined ? -1 : indexOf(n.arguments[at]);
      if (i >= 0) out.add(i);
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(n.left) &&
      thisMember(n.left.expression) === collection) {
      const i = indexOf(n.right);
      if (i >= 0) out.add(i);
    }
    ts.forEachChild(n, visit);
  };
  visit(method.body!);
  return [...out];
}
