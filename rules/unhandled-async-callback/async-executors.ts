// `new Promise(async (resolve) => { await connection.connect(resolve) })`: an async function
// handed to the Promise constructor, which calls the executor and ignores what it returns. A
// rejection inside never reaches the promise being made (medusa's event-bus-redis loader, check 48).
import { ts } from 'ts-morph';
import { skipOuter } from '../shared/ast';
import { handedAsyncFunction } from './handed-values';
import { SEEN_THROUGH, type FunctionWithBody } from './rejections';

/** Constructors that call an executor `(resolve, reject)` and drop what it returns. */
const PROMISE_CONSTRUCTOR = /^(Promise|Bluebird)$/;

export interface AsyncExecutor {
  fn: FunctionWithBody;
  /** `Promise`, as the code names the constructor. */
  promise: string;
  /** The executor's own names for its resolve and reject, when it declares them. */
  resolve?: string;
  reject?: string;
}

/** The async executor a `new Promise(…)` is handed, if any. */
export function asyncExecutorOf(made: ts.NewExpression): AsyncExecutor | undefined {
  const callee = skipOuter(made.expression, SEEN_THROUGH);
  const promise = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (!PROMISE_CONSTRUCTOR.test(promise)) return undefined;
  const arg = made.arguments?.[0];
  const fn = arg && handedAsyncFunction(arg);
  if (!fn) return undefined;
  const name = (p: ts.ParameterDeclaration | undefined) => (p && ts.isIdentifier(p.name) && !p.dotDotDotToken ? p.name.text : undefined);
  const [first, second] = fn.parameters;
  return { fn, promise, resolve: name(first), reject: name(second) };
}
