// The function an argument hands over, followed through the name it is known by:
// `process.on('SIGTERM', shutdown)`, `watcher.on('add', this.onFileAdded)`.
import { ts } from 'ts-morph';
import { isAsync, skipOuter, thisMemberName } from '../shared/ast';
import { functionNamed, ownMember, SEEN_THROUGH, type FunctionWithBody } from './rejections';

/**
 * The async function an argument hands over, written inline or named: `async () => …`,
 * `shutdown` (a function declaration or `const`), `this.onFileAdded` (a method or a property
 * holding a function), and the same with `.bind(…)`.
 */
export function handedAsyncFunction(arg: ts.Expression): FunctionWithBody | undefined {
  const fn = handedFunction(arg);
  return fn && isAsync(fn) ? fn : undefined;
}

/** The function an argument hands over, async or not, written inline or named. */
export function handedFunction(arg: ts.Expression): FunctionWithBody | undefined {
  let e = skipOuter(arg, SEEN_THROUGH);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'bind') {
    e = skipOuter(e.expression.expression, SEEN_THROUGH);
  }
  let fn: FunctionWithBody | undefined;
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) fn = e;
  else if (ts.isIdentifier(e)) fn = functionNamed(e);
  else {
    const member = thisMemberName(e);
    if (member !== undefined) fn = ownMember(e, member);
  }
  return fn;
}
