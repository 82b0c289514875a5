// An HTTP agent's connect hook (`class X extends Agent { connect(req, opts) {…} }`, or Node's
// `createConnection(opts)`): the socket it opens is handed to the HTTP client, and the request
// owns the time budget (`req.setTimeout`, `signal`, `timeout`), as with Node's own `http.Agent`,
// which arms no connect timer either. A TCP connect and the wait for its 'connect' event there
// end with the kernel's connect timeout; a bound is the caller's to choose, not the agent's.
import { ts } from 'ts-morph';
import { unwrap } from '../shared/ast';

/** The methods through which an HTTP client asks its agent for a socket. */
const AGENT_CONNECT_HOOKS = new Set(['connect', 'createConnection']);
/** The event that ends a connect (not `secureConnect`: a TLS handshake is no kernel's to end). */
const CONNECT_EVENTS = new Set(['connect']);

/** The call sits in the connect hook of a class that extends an `Agent` (`http.Agent`, agent-base's). */
export function inAgentConnectHook(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if (!ts.isFunctionLike(n)) continue;
    if (!ts.isMethodDeclaration(n) || !ts.isIdentifier(n.name) || !AGENT_CONNECT_HOOKS.has(n.name.text)) return false;
    return ts.isClassLike(n.parent) && extendsAgent(n.parent);
  }
  return false;
}

/** `events.once(socket, 'connect')`: a wait that ends when the connect does. */
export function waitsForConnect(call: ts.CallExpression): boolean {
  const name = call.arguments[1] && unwrap(call.arguments[1]);
  return name !== undefined && ts.isStringLiteralLike(name) && CONNECT_EVENTS.has(name.text);
}

function extendsAgent(cls: ts.ClassLikeDeclaration): boolean {
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (!base) return false;
  const e = unwrap(base);
  const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
  return name !== undefined && /Agent$/.test(name);
}
