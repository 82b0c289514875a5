// A client library's request that carries its caller's per-call options: the options are built
// by a helper of the file that copies every key of the caller's object into them
//   request(rurl, data, callback, exheaders, exoptions) {
//     const options = this.buildRequest(rurl, data, exheaders, exoptions);   // for (attr in exoptions) options[attr] = …
//     req = this._request(options);
// or are the caller's object itself, handed through by a method of the client. Whoever calls
// the library sets the bound there (`{ timeout: 5000 }`, as node-soap documents), so the client
// made without one inherits nothing the caller cannot override.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { enclosingFunction, unwrap } from '../shared/ast';
import { functionOf } from '../shared/shutdown-handlers';
import { readOptions } from './call-options';

/** The request's options are its caller's: a method's parameter, or a const a helper builds by copying that parameter's keys. */
export function passesCallerOptions(call: ts.CallExpression, optionsArg: number, boundedBy: readonly string[]): boolean {
  const state = readOptions(call, optionsArg, boundedBy);
  if (state.state !== 'unknown' || !state.node) return false;
  const value = unwrap(state.node);
  if (!ts.isIdentifier(value)) return false;
  const decl = findDeclaration(value.text, value);
  if (!decl) return false;
  if (ts.isParameter(decl)) return isMethodParameter(decl);
  if (!ts.isVariableDeclaration(decl) || !decl.initializer) return false;
  const built = unwrap(decl.initializer);
  if (!ts.isCallExpression(built)) return false;
  const builder = functionOf(built.expression);
  if (!builder?.body) return false;
  return built.arguments.some((arg, i) => {
    const a = unwrap(arg);
    const param = builder.parameters[i];
    if (!ts.isIdentifier(a) || !param || !ts.isIdentifier(param.name)) return false;
    const source = findDeclaration(a.text, a);
    return source !== undefined && ts.isParameter(source) && isMethodParameter(source) && copiesKeys(builder.body!, param.name.text);
  });
}

/** A parameter of a class method (the library's API, called from outside the file). */
function isMethodParameter(p: ts.ParameterDeclaration): boolean {
  const fn = enclosingFunction(p.name);
  return !!fn && ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent);
}

/**
 * The body copies every key of `name` into an object: `for (const k in name)`, `{ ...name }`,
 * `Object.assign(x, name)`, also through a rest of it (`const { attachments, ...rest } = name`).
 */
function copiesKeys(body: ts.Node, name: string): boolean {
  const names = new Set([name]);
  const collectRests = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isIdentifier(unwrap(n.initializer)) && names.has((unwrap(n.initializer) as ts.Identifier).text) &&
      ts.isObjectBindingPattern(n.name)) {
      for (const el of n.name.elements) if (el.dotDotDotToken && ts.isIdentifier(el.name)) names.add(el.name.text);
    }
    ts.forEachChild(n, collectRests);
  };
  collectRests(body);
  const isCopied = (e: ts.Expression): boolean => ts.isIdentifier(unwrap(e)) && names.has((unwrap(e) as ts.Identifier).text);
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isForInStatement(n) && isCopied(n.expression)) found = true;
    else if (ts.isSpreadAssignment(n) && isCopied(n.expression)) found = true;
    else if (ts.isCallExpression(n) && n.getText().startsWith('Object.assign(') && n.arguments.slice(1).some(isCopied)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}
