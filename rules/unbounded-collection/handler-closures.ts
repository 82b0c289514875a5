// A collection held by a request handler's closure: a middleware factory makes it and returns the
// handler that fills it (`module.exports = (routes) => { const matches = {}; return (req, res, next)
// => { … matches[host] = prefix … } }`). The application installs the handler once and keeps it
// for its whole life, so the collection lives as long as a module-level one, and the handler runs
// per request. The whole story is in the factory's body: every use of the collection is read there.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { isWithin, unwrap } from '../shared/ast';
import { ADD_METHODS, REMOVE_METHODS, escapes, grows, isLiteralKey } from './collection-uses';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

type HandlerFunction = ts.ArrowFunction | ts.FunctionExpression;

/** An add the handler makes: its text for the message, and the key it brings (undefined for `push`). */
export interface HandlerAdd {
  site: ts.Node;
  shown: string;
  key?: ts.Expression;
}

const REQUEST = /^(req|request)$/;
const RESPONSE = /^(res|response|reply)$/;

/**
 * For a variable declared at the top of a function's body that returns a request handler
 * (`(req, res, next) => …`): the adds the handler makes to it, when nothing in the factory removes
 * from it, checks its size, reassigns it or hands it on. Undefined otherwise.
 */
export function handlerClosureAdds(decl: ts.VariableDeclaration, sf: ts.SourceFile): { handler: HandlerFunction; adds: HandlerAdd[] } | undefined {
  if (!ts.isIdentifier(decl.name) || !ts.isVariableDeclarationList(decl.parent) || !ts.isVariableStatement(decl.parent.parent)) return undefined;
  const body = decl.parent.parent.parent;
  const factory = body.parent;
  if (!ts.isBlock(body) || !(ts.isFunctionDeclaration(factory) || ts.isFunctionExpression(factory) || ts.isArrowFunction(factory))) return undefined;
  const handler = returnedHandler(body);
  if (!handler) return undefined;
  const adds: HandlerAdd[] = [];
  let bounded = false;
  const name = decl.name.text;
  const visit = (n: ts.Node): WalkAnswer => {
    if (bounded) return STOP;
    if (ts.isIdentifier(n) && n.text === name && n !== decl.name && findDeclaration(name, n) === decl) {
      const use = useOf(n, sf);
      if (use === 'bounded') bounded = true;
      // What the factory adds itself is set-up, made once per handler.
      else if (use && isWithin(n, handler)) adds.push(use);
    }
  };
  walkTree(body, visit);
  return bounded || !adds.length ? undefined : { handler, adds };
}

/** The handler the factory's body returns: `return (req, res, next) => …`. */
function returnedHandler(body: ts.Block): HandlerFunction | undefined {
  for (const s of body.statements) {
    if (!ts.isReturnStatement(s) || !s.expression) continue;
    const fn = unwrap(s.expression);
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && takesRequest(fn)) return fn;
  }
  return undefined;
}

/** `(req, res, next)`, `(request, reply)`: the parameters of a request handler. */
function takesRequest(fn: HandlerFunction): boolean {
  const [first, second] = fn.parameters;
  return !!first && !!second && ts.isIdentifier(first.name) && ts.isIdentifier(second.name) && REQUEST.test(first.name.text) && RESPONSE.test(second.name.text);
}

/**
 * What a mention of the collection does: adds (`m.set(k, v)`, `o[k] = v`, `xs.push(x)`), or bounds it
 * (removes, checks its size, reassigns it, hands it on). Reads are neither (undefined).
 */
function useOf(id: ts.Identifier, sf: ts.SourceFile): HandlerAdd | 'bounded' | undefined {
  let child: ts.Node = id;
  let p = id.parent;
  while (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p) || ts.isAsExpression(p)) {
    child = p;
    p = p.parent;
  }
  const shown = id.getText(sf);
  if (ts.isPropertyAccessExpression(p) && p.expression === child) {
    const member = p.name.text;
    const call = p.parent;
    if (ts.isCallExpression(call) && call.expression === p) {
      if (REMOVE_METHODS.has(member)) return 'bounded';
      if (ADD_METHODS.has(member) && grows(call, member)) {
        return { site: call, shown: `${shown}.${member}(…)`, key: member === 'set' || member === 'add' ? call.arguments[0] : undefined };
      }
      return undefined;
    }
    if (member === 'size' || member === 'length') return 'bounded';
    return undefined;
  }
  if (ts.isElementAccessExpression(p) && p.expression === child) {
    const assigned = p.parent;
    if (ts.isDeleteExpression(assigned)) return 'bounded';
    if (ts.isBinaryExpression(assigned) && assigned.left === p && assigned.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      return isLiteralKey(p.argumentExpression) ? undefined : { site: assigned, shown: `${shown}[…] = …`, key: p.argumentExpression };
    }
    return undefined;
  }
  if (ts.isBinaryExpression(p) && p.left === child && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return 'bounded';
  if (escapes(id)) return 'bounded';
  return undefined;
}
