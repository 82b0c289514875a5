// Code that only runs in development: a rejection there takes no production work down.
import { ts } from 'ts-morph';
import { Outer, skipOuter } from '../shared/ast';

/** Names of flags that are true in development only: `devMode`, `isDev`, `devModeReconnectionToken`. */
const DEV_NAME = /dev(elopment)?Mode|^isDev(elopment)?$/i;
const NODE_ENV_DEV = [/NODE_ENV\s*={2,3}\s*['"`]development['"`]/, /NODE_ENV\s*!={1,2}\s*['"`]production['"`]/];

/** `devMode`, `isDevMode && …`, `process.env.NODE_ENV !== 'production'`: a condition true only in development. */
export function isDevelopmentCondition(cond: ts.Expression): boolean {
  const e = skipOuter(cond, Outer.Parens | Outer.NonNull);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return isDevelopmentCondition(e.left) || isDevelopmentCondition(e.right);
    if (op === ts.SyntaxKind.BarBarToken) return isDevelopmentCondition(e.left) && isDevelopmentCondition(e.right);
    const text = e.getText();
    return NODE_ENV_DEV.some((re) => re.test(text));
  }
  if (ts.isIdentifier(e)) return DEV_NAME.test(e.text);
  if (ts.isPropertyAccessExpression(e)) return DEV_NAME.test(e.name.text);
  return false;
}

/** The node sits in the `then` branch of such a condition. */
export function isDevelopmentOnly(node: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && n === p.thenStatement && isDevelopmentCondition(p.expression)) return true;
  }
  return false;
}
