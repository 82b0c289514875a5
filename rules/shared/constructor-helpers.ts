// A method the constructor calls to finish building the instance (`constructor() { this._tokens =
// []; this._parseFormat(); }`): it runs when the constructor does, once per instance, as code
// written in the constructor itself would.
import { ts } from 'ts-morph';
import { walkTree, type WalkAnswer } from '../../engine/file-nodes';

const known = new WeakMap<ts.Node, boolean>();

/**
 * A private instance method (`private`, `#name`, a leading `_`: no other file calls it) whose only
 * uses in its file are `this.name(…)` calls made directly by its class's constructor.
 */
export function isConstructorHelper(n: ts.Node): boolean {
  if (!ts.isMethodDeclaration(n)) return false;
  let answer = known.get(n);
  if (answer === undefined) {
    answer = judge(n);
    known.set(n, answer);
  }
  return answer;
}

function judge(m: ts.MethodDeclaration): boolean {
  const cls = m.parent;
  if (!ts.isClassLike(cls) || (ts.isIdentifier(m.name) === false && ts.isPrivateIdentifier(m.name) === false)) return false;
  if ((ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) return false;
  const ctor = cls.members.find((x): x is ts.ConstructorDeclaration => ts.isConstructorDeclaration(x) && x.body !== undefined);
  if (!ctor) return false;
  const name = (m.name as ts.Identifier | ts.PrivateIdentifier).text;
  if (!isPrivate(m, name)) return false;
  let calls = 0;
  let other = false;
  const visit = (x: ts.Node): WalkAnswer => {
    if (other) return undefined;
    // `this['_parseFormat']`, a name handed around as a string: uses we cannot follow.
    if ((ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) && x.text === name) other = true;
    if (ts.isPropertyAccessExpression(x) && x.name.text === name) {
      if (isConstructorCall(x, ctor)) calls++;
      else other = true;
    }
    return undefined;
  };
  walkTree(m.getSourceFile(), visit);
  return calls > 0 && !other;
}

/** `this.name(…)` as a statement of its own in the constructor's code, not in a callback it hands on. */
function isConstructorCall(access: ts.PropertyAccessExpression, ctor: ts.ConstructorDeclaration): boolean {
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword || !ts.isCallExpression(access.parent) || access.parent.expression !== access) return false;
  for (let p: ts.Node = access.parent; p; p = p.parent) {
    if (p === ctor) return true;
    if (ts.isFunctionLike(p) || ts.isClassLike(p)) return false;
  }
  return false;
}

function isPrivate(m: ts.MethodDeclaration, name: string): boolean {
  return ts.isPrivateIdentifier(m.name) || name.startsWith('_') ||
    (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.PrivateKeyword);
}
