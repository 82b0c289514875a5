// Whether the object that owns a piece of code can be torn down: a class, a constructor function
// with prototype methods, or an object literal, with a method that stops or closes it (`close`,
// `stop`, `disconnect`, `destroyClient`, `[Symbol.asyncDispose]`). A timer or server made by an
// owner that can be torn down outlives it when that method forgets it; one made by an owner that
// has no such method lives as long as the program by design (a Homebridge platform, a plugin's
// entry, a singleton cache), and a maintainer dismisses a report that it is never released.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { memberName, propertyKey, thisOwner } from './ast';
import { perSourceFile } from './per-file';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** `close`, `stop`, `shutdown`… and their prefixed forms (`stopServer`, `closeAll`, `_close`, `#destroy`). */
const TEARDOWN_NAME = /^[_#]?(close|stop|shutdown|shutDown|destroy|dispose|disconnect|teardown|tearDown|terminate|quit|end|kill|unload|cleanup|cleanUp|deactivate|unregister)(?:[A-Z_]\w*)?$/;

export function isTeardownName(name: string): boolean {
  return TEARDOWN_NAME.test(name) || name === '[Symbol.dispose]' || name === '[Symbol.asyncDispose]';
}

/**
 * What owns the code at `node` and whether it has a teardown method: `'has'` or `'none'` for a
 * class member, a `Ctor.prototype.x = function` (or `Ctor` itself) or an object literal's method;
 * undefined for a plain function, whose owner we cannot name.
 */
export function ownerTeardown(node: ts.Node): 'has' | 'none' | undefined {
  const owned = thisOwner(node);
  if (owned) return classHasTeardown(owned.cls, new Set()) ? 'has' : 'none';
  const fn = thisFunction(node);
  if (!fn) return undefined;
  const ctor = constructorName(fn);
  if (ctor) return prototypeMembers(node.getSourceFile()).get(ctor)?.some(isTeardownName) ? 'has' : 'none';
  const literal = objectLiteralOf(fn);
  if (literal) return literal.properties.some((p) => isTeardownName(propertyKey(p.name) ?? '')) ? 'has' : 'none';
  return undefined;
}

/** A class with a teardown method of its own, or of a base class declared in the same file. */
function classHasTeardown(cls: ts.ClassLikeDeclaration, seen: Set<ts.Node>): boolean {
  if (seen.has(cls)) return false;
  seen.add(cls);
  if (cls.members.some((m) => isTeardownName(memberName(m.name) ?? ''))) return true;
  // Methods mixed in at run time are out of sight, like a base class from elsewhere.
  if (mixesInMembers(cls)) return true;
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (!base || !ts.isIdentifier(base)) return false;
  const decl = findDeclaration(base.text, base);
  if (decl && ts.isClassLike(decl)) return classHasTeardown(decl, seen);
  // A base class from elsewhere (a framework's `Adapter`, a project file): its methods are out of sight.
  return decl !== undefined && !ts.isClassLike(decl) && !isEventEmitterBase(base.text);
}

/**
 * The class gives its instances members we cannot name: `this[key] = method.bind(this)` over a
 * table of methods, or `Object.assign(this, methods)`. node-vk-bot-api binds `stop` from its
 * `methods/` folder this way (check 33); such a class may well have a teardown.
 */
function mixesInMembers(cls: ts.ClassLikeDeclaration): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || ts.isClassLike(n)) return SKIP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(n.left) &&
      n.left.expression.kind === ts.SyntaxKind.ThisKeyword && !ts.isStringLiteralLike(n.left.argumentExpression) && !ts.isNumericLiteral(n.left.argumentExpression) &&
      thisOwner(n)?.cls === cls) found = true;
    else if (ts.isCallExpression(n) && isObjectAssign(n.expression) && n.arguments[0]?.kind === ts.SyntaxKind.ThisKeyword &&
      n.arguments.slice(1).some((a) => !ts.isObjectLiteralExpression(a) || a.properties.some(ts.isSpreadAssignment)) && thisOwner(n)?.cls === cls) found = true;
  };
  for (const m of cls.members) walkTree(m, visit);
  return found;
}

function isObjectAssign(callee: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'assign' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object';
}

function isEventEmitterBase(name: string): boolean {
  return name === 'EventEmitter' || name === 'Emitter' || name === 'EventTarget';
}

/** The function that gives `node` its `this`: the nearest enclosing function that is not an arrow. */
function thisFunction(node: ts.Node): ts.FunctionExpression | ts.FunctionDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if (ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n)) return n;
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return undefined;
  }
  return undefined;
}

/** `Ctor` for `Ctor.prototype.start = function`, `Ctor.prototype = { start: function }` or `function Ctor() {}` with prototype methods. */
function constructorName(fn: ts.FunctionExpression | ts.FunctionDeclaration): string | undefined {
  let p: ts.Node = fn.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(p.left)) {
    const proto = p.left.expression;
    if (ts.isPropertyAccessExpression(proto) && proto.name.text === 'prototype' && ts.isIdentifier(proto.expression)) return proto.expression.text;
  }
  if (ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.parent)) {
    const holder = p.parent.parent;
    if (ts.isBinaryExpression(holder) && ts.isPropertyAccessExpression(holder.left) && holder.left.name.text === 'prototype' && ts.isIdentifier(holder.left.expression)) {
      return holder.left.expression.text;
    }
  }
  // `function Ctor() {}`, `var Ctor = function () {}`, or `Ctor = function () {}` after `var Ctor;`.
  const name = ts.isFunctionDeclaration(fn) ? fn.name?.text
    : ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) ? p.name.text
    : ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(p.left) ? p.left.text : undefined;
  return name !== undefined && prototypeMembers(fn.getSourceFile()).has(name) ? name : undefined;
}

/** The object literal a method belongs to: `{ start() {…}, stop() {…} }`. */
function objectLiteralOf(fn: ts.FunctionExpression | ts.FunctionDeclaration): ts.ObjectLiteralExpression | undefined {
  const p = fn.parent;
  if (ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.parent)) return p.parent;
  return undefined;
}

/** Constructor name -> the names assigned on its prototype anywhere in the file (an IIFE-wrapped class too). */
const prototypeMembers = perSourceFile((sf: ts.SourceFile): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  const add = (ctor: string, name: string | undefined) => {
    if (name !== undefined) out.set(ctor, [...(out.get(ctor) ?? []), name]);
  };
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)) {
      const left = n.left;
      // Ctor.prototype.name = …
      if (ts.isPropertyAccessExpression(left.expression) && left.expression.name.text === 'prototype' && ts.isIdentifier(left.expression.expression)) {
        add(left.expression.expression.text, left.name.text);
      }
      // Ctor.prototype = { name: … }
      if (left.name.text === 'prototype' && ts.isIdentifier(left.expression) && ts.isObjectLiteralExpression(n.right)) {
        for (const p of n.right.properties) add(left.expression.text, propertyKey(p.name));
      }
    }
  };
  walkTree(sf, visit);
  return out;
});
