// What the callers of a file-private function pass it. A function that is neither exported nor
// handed on is called only where its file calls it by name (`withRetry(fn, RETRIES, label)`,
// `withRetry.call(this, fn, RETRIES, label)`): those calls are all the values a parameter takes.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { hasModifier } from './ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

type Named = ts.FunctionDeclaration | ts.VariableDeclaration;

/**
 * The arguments every call of `param`'s function passes for it, or undefined when that is not
 * known: the function is exported, used other than by a direct call or `.call(thisArg, …)`, never
 * called, or some call passes nothing there or spreads its arguments.
 */
export function argumentsForParameter(param: ts.ParameterDeclaration): ts.Expression[] | undefined {
  const fn = param.parent;
  const index = fn.parameters.indexOf(param);
  const named = namedFunction(fn);
  if (!named || !ts.isIdentifier(named.name!)) return undefined;
  const name = named.name.text;
  const out: ts.Expression[] = [];
  let escapes = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (escapes) return SKIP;
    if (ts.isIdentifier(n) && n.text === name && n !== named.name && findDeclaration(name, n) === named) {
      const args = callArguments(n);
      const arg = args?.[index];
      if (!args || !arg || args.slice(0, index + 1).some(ts.isSpreadElement)) escapes = true;
      else out.push(arg);
    }
  };
  walkTree(fn.getSourceFile(), visit);
  return escapes || out.length === 0 ? undefined : out;
}

/** The function declaration, or the `const f = function/arrow` it is the value of; not exported. */
function namedFunction(fn: ts.SignatureDeclaration): (Named & { name: ts.Identifier }) | undefined {
  if (ts.isFunctionDeclaration(fn) && fn.name && !hasModifier(fn, ts.SyntaxKind.ExportKeyword)) return fn as Named & { name: ts.Identifier };
  const holder = fn.parent;
  if ((ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) && ts.isVariableDeclaration(holder) && holder.initializer === fn && ts.isIdentifier(holder.name)) {
    const statement = holder.parent.parent;
    if (ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) return undefined;
    return holder as Named & { name: ts.Identifier };
  }
  return undefined;
}

/** The arguments a reference to the function is called with: `f(…)`, `f.call(thisArg, …)`; undefined for any other use. */
function callArguments(ref: ts.Identifier): readonly ts.Expression[] | undefined {
  let n: ts.Node = ref;
  while (isTypeOnlyWrapper(n.parent)) n = n.parent;
  const parent = n.parent;
  if (ts.isCallExpression(parent) && parent.expression === n) return parent.arguments;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === n && parent.name.text === 'call') {
    const call = parent.parent;
    if (ts.isCallExpression(call) && call.expression === parent) return call.arguments.slice(1);
  }
  return undefined;
}

function isTypeOnlyWrapper(n: ts.Node): boolean {
  return ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n);
}
