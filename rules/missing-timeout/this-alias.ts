// Compiled classes call their own methods and read their own fields through an alias of `this`
// (`var _this = this`, `var self = this`, as TypeScript and Babel write arrow functions for
// ES5): `_this.request.post(…)` and `self.serverRequest(…)` are the object's own, exactly as
// `this.request` and `this.serverRequest` are.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { unwrap } from '../shared/ast';

/** `this`, or a name declared `= this` and so the same object. */
export function isThisOrAlias(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (e.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (!ts.isIdentifier(e)) return false;
  const decl = findDeclaration(e.text, e);
  return decl !== undefined && ts.isVariableDeclaration(decl) && decl.initializer !== undefined && unwrap(decl.initializer).kind === ts.SyntaxKind.ThisKeyword;
}
