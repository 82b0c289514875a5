// A check inside a Node stream hook (`transform(chunk, enc, cb)`, `_write`, `final`, `flush`):
// Node calls the hook again only after its callback has run, so when the callback is reached
// only once the awaited work has settled, no second caller can pass the check meanwhile (clamscan).
import { ts } from 'ts-morph';
import { SERIAL_STREAM_HOOKS } from '../../engine/knowledge';
import { isFunctionBoundary, memberName } from '../shared/ast';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/**
 * `fn` is a serial stream hook and `region` (what runs when the check passes) never calls its
 * callback synchronously before `until` (the first `await`; the region's end for a `.then` chain,
 * whose callback runs after every statement of the region): the next call of the hook waits for the
 * work the region starts.
 */
export function serializedByStreamCallback(fn: ts.FunctionLikeDeclaration, region: ts.Node[], until = Infinity): boolean {
  if (!isSerialStreamHook(fn)) return false;
  const last = fn.parameters[fn.parameters.length - 1];
  if (!last || !ts.isIdentifier(last.name)) return false;
  const callback = last.name.text;
  // Local helpers of the hook that call the callback (clamscan's `doTransform`): calling one calls it.
  const callers = new Set([callback, ...helpersCalling(fn, callback)]);
  return !region.some((n) => callsSynchronously(n, callers, until));
}

/**
 * `new Transform({ transform(chunk, enc, cb) {…} })` (a hook of the options object of a stream
 * class), or `_transform(chunk, enc, cb) {…}` in a class that extends something.
 */
function isSerialStreamHook(fn: ts.FunctionLikeDeclaration): boolean {
  const holder = ts.isMethodDeclaration(fn) ? fn : ts.isPropertyAssignment(fn.parent) ? fn.parent : undefined;
  const name = holder && memberName(holder.name);
  if (!holder || name === undefined) return false;
  const parent = holder.parent;
  if (ts.isObjectLiteralExpression(parent)) {
    if (!SERIAL_STREAM_HOOKS.hooks.has(name)) return false;
    const made = parent.parent;
    if (!ts.isNewExpression(made) || made.arguments?.[0] !== parent) return false;
    const cls = made.expression;
    const className = ts.isIdentifier(cls) ? cls.text : ts.isPropertyAccessExpression(cls) ? cls.name.text : '';
    return SERIAL_STREAM_HOOKS.classes.has(className);
  }
  return ts.isClassLike(parent) && name.startsWith('_') && SERIAL_STREAM_HOOKS.hooks.has(name.slice(1)) &&
    (parent.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword) ?? false);
}

/** `const done = () => { …; cb(null, chunk) }` declared in the hook's own body. */
function helpersCalling(fn: ts.FunctionLikeDeclaration, callback: string): string[] {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return [];
  const names: string[] = [];
  for (const st of body.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.body && mentionsCall(st.body, callback)) names.push(st.name.text);
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      const init = d.initializer;
      if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && mentionsCall(init.body, callback)) names.push(d.name.text);
    }
  }
  return names;
}

/** A call of `name` anywhere in `node`, nested functions included. */
function mentionsCall(node: ts.Node, name: string): boolean {
  let found = false;
  walkTree(node, (n): WalkAnswer => {
    if (found) return STOP;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) found = true;
  });
  return found;
}

/** A call of one of `names` in `node` before `until`, outside any nested function: it runs before the region's work settles. */
function callsSynchronously(node: ts.Node, names: Set<string>, until: number): boolean {
  let found = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (found || (n !== node && isFunctionBoundary(n))) return SKIP;
    if (ts.isCallExpression(n) && n.pos < until && ts.isIdentifier(n.expression) && names.has(n.expression.text)) found = true;
  };
  walkTree(node, visit);
  return found;
}
