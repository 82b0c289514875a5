// A helper program: a file another module names by its path (`path.join(__dirname,
// 'authWriter.js')`, handed to a child process or to git as GIT_ASKPASS) and that reads its
// arguments from `process.argv` at its top level. It runs as a process of its own, for one task:
// what it opens at module level is that task, and it ends when the task does.
//
// A forked program: a file another module starts as a child process (`cp.fork(__dirname +
// '/../forward.js')`). The package's SIGTERM handler runs in the parent, not in it: the parent
// stops it with a signal (`proc.kill(signal)`), and with no handler of its own it dies at once,
// whatever it holds open.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { Outer, skipOuter } from '../shared/ast';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

const SCRIPT = /\.[cm]?[jt]s$/;

/**
 * The file a `path.join(__dirname, 'x.js')` / `path.resolve(__dirname, 'sub', 'x.js')` names,
 * when `literal` is its last argument; undefined for anything else.
 */
export function namedProgramPath(literal: ts.StringLiteral, file: string): string | undefined {
  if (!SCRIPT.test(literal.text)) return undefined;
  const call = literal.parent;
  if (!ts.isCallExpression(call) || call.arguments[call.arguments.length - 1] !== literal) return undefined;
  const callee = skipOuter(call.expression, Outer.Parens);
  if (!ts.isPropertyAccessExpression(callee) || !['join', 'resolve'].includes(callee.name.text)) return undefined;
  // `require(path.join(__dirname, 'x.js'))` loads it as a module of this process.
  const outer = call.parent;
  if (ts.isCallExpression(outer) && (outer.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(outer.expression) && outer.expression.text === 'require'))) return undefined;
  const [first, ...rest] = call.arguments;
  if (!ts.isIdentifier(first) || first.text !== '__dirname' || !rest.every(ts.isStringLiteralLike)) return undefined;
  return path.resolve(path.dirname(file), ...rest.map((a) => (a as ts.StringLiteralLike).text));
}

/** `process.argv` read outside any function: the file is a program run with arguments. */
export function readsArgvAtTopLevel(sf: ts.SourceFile): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || ts.isFunctionDeclaration(n) || ts.isClassLike(n) || ts.isMethodDeclaration(n)) return SKIP;
    if (ts.isPropertyAccessExpression(n) && n.name.text === 'argv' && ts.isIdentifier(n.expression) && n.expression.text === 'process') {
      found = true;
      return SKIP;
    }
    // A callback's body runs later, but an argument read in the call itself (`net.connect(process.argv[2], …)`) counts.
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n))) return SKIP;
  };
  walkTree(sf, visit);
  return found;
}

/**
 * The file a `fork(…)` call starts as a child process: `fork(__dirname + '/../forward.js')`,
 * `cp.fork(path.join(__dirname, 'worker.js'))`; undefined for anything else.
 */
export function forkedProgramPath(call: ts.CallExpression, file: string): string | undefined {
  const callee = skipOuter(call.expression, Outer.Parens);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  const first = call.arguments[0] && skipOuter(call.arguments[0], Outer.Parens);
  if (name !== 'fork' || !first) return undefined;
  // `__dirname + '/../forward.js'`
  if (ts.isBinaryExpression(first) && first.operatorToken.kind === ts.SyntaxKind.PlusToken && ts.isIdentifier(first.left) &&
    first.left.text === '__dirname' && ts.isStringLiteralLike(first.right) && SCRIPT.test(first.right.text)) {
    return path.resolve(path.dirname(file), `.${first.right.text.startsWith('/') ? '' : '/'}${first.right.text}`);
  }
  // `path.join(__dirname, 'worker.js')`
  if (ts.isCallExpression(first)) {
    const last = first.arguments[first.arguments.length - 1];
    if (last && ts.isStringLiteral(last)) return namedProgramPath(last, file);
  }
  return undefined;
}

/** The file handles a stop signal itself (`process.on('SIGTERM', …)`): its own shutdown, not the default death. */
export function handlesStopSignal(sf: ts.SourceFile): boolean {
  return /['"`]SIG(TERM|INT|HUP)['"`]/.test(sf.text);
}
