// A library function taken as a parameter whose default is that library (`{ fetch = undiciFetch }`,
// `request = globalThis.fetch`), called by the parameter's name or kept on the instance
// (`this.#fetch = fetch`, then `this.#fetch(url, …)`): the call is that library's unless a caller
// passes another, so it waits as the library does.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import type { ResolvedCallee } from '../../engine/types';
import { unwrap } from '../shared/ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** The library a parameter-held callee defaults to; undefined for anything else. */
export function defaultedParameterCallee(callee: ts.Expression, resolve: (e: ts.Expression) => ResolvedCallee | undefined): ResolvedCallee | undefined {
  const e = unwrap(callee);
  if (ts.isIdentifier(e)) return parameterDefault(e, resolve);
  if (ts.isPropertyAccessExpression(e) && unwrap(e.expression).kind === ts.SyntaxKind.ThisKeyword) return memberDefault(e, resolve);
  return undefined;
}

/** `fetch` declared as `fetch = undiciFetch` in a parameter list (plain or destructured). */
function parameterDefault(id: ts.Identifier, resolve: (e: ts.Expression) => ResolvedCallee | undefined): ResolvedCallee | undefined {
  const decl = findDeclaration(id.text, id);
  if (!decl || !(ts.isParameter(decl) || ts.isBindingElement(decl)) || !decl.initializer || !inParameterList(decl)) return undefined;
  const init = unwrap(decl.initializer);
  // The default must itself be a name or a member path (`undiciFetch`, `globalThis.fetch`), not a call.
  if (!ts.isIdentifier(init) && !ts.isPropertyAccessExpression(init)) return undefined;
  return resolve(init);
}

function inParameterList(decl: ts.ParameterDeclaration | ts.BindingElement): boolean {
  let n: ts.Node = decl;
  while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) n = n.parent;
  return ts.isParameter(n);
}

/** `this.#fetch`, when every assignment to it in its class stores a parameter defaulting to one library. */
function memberDefault(member: ts.PropertyAccessExpression, resolve: (e: ts.Expression) => ResolvedCallee | undefined): ResolvedCallee | undefined {
  let cls: ts.Node | undefined = member.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls) return undefined;
  const stored = storedValues(cls as ts.ClassLikeDeclaration).get(member.name.text);
  if (!stored) return undefined;
  let found: ResolvedCallee | undefined;
  for (const value of stored) {
    const lib = ts.isIdentifier(value) ? parameterDefault(value, resolve) : undefined;
    if (!lib || (found && (found.module !== lib.module || found.call !== lib.call))) return undefined;
    found = lib;
  }
  return found;
}

const storedByClass = new WeakMap<ts.ClassLikeDeclaration, Map<string, ts.Expression[] | null>>();

/**
 * What each `this.<name> = value` in a class stores, read once per class. A field initialised
 * where it is declared (`#fetch = fetch`) is a writer not followed: null, as for any other.
 */
function storedValues(cls: ts.ClassLikeDeclaration): Map<string, ts.Expression[] | null> {
  let map = storedByClass.get(cls);
  if (map) return map;
  const out = new Map<string, ts.Expression[] | null>();
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && m.initializer && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name))) out.set(m.name.text, null);
  }
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrap(n.left);
      if (ts.isPropertyAccessExpression(left) && unwrap(left.expression).kind === ts.SyntaxKind.ThisKeyword) {
        const list = out.get(left.name.text);
        if (list !== null) out.set(left.name.text, [...(list ?? []), unwrap(n.right)]);
      }
    }
  };
  walkTree(cls, visit);
  storedByClass.set(cls, (map = out));
  return map;
}
