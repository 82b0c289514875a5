// The app objects of a pm2 ecosystem file: `{ "apps": [...] }` in JSON, `module.exports = { apps }`
// or `export default { apps }` in JavaScript (also through a top-level const the export names).
import { ts } from 'ts-morph';
import { propertyKey } from '../ast';

/** The app object literals; apps built at run time (`apps.map(...)`) are not listed. */
export function pm2Apps(sf: ts.SourceFile, json: boolean): ts.ObjectLiteralExpression[] {
  if (json) {
    const first = sf.statements[0];
    return appsOf(first && ts.isExpressionStatement(first) ? first.expression : undefined, sf);
  }
  for (const st of sf.statements) {
    if (ts.isExportAssignment(st) && !st.isExportEquals) return appsOf(st.expression, sf);
    if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = st.expression.left;
      if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression) && left.expression.text === 'module' && left.name.text === 'exports') {
        return appsOf(st.expression.right, sf);
      }
    }
  }
  return [];
}

export function propertyOf(obj: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return obj.properties.find((p) => propertyKey(p.name) === name);
}

/** True when every key of the object can be read: no spread (`...defaults`) and no computed name. */
export function keysAreKnown(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.every((p) => !ts.isSpreadAssignment(p) && propertyKey(p.name) !== undefined);
}

function appsOf(config: ts.Expression | undefined, sf: ts.SourceFile): ts.ObjectLiteralExpression[] {
  const value = resolveConfigValue(config, sf);
  const apps = value && ts.isObjectLiteralExpression(value) ? propertyOf(value, 'apps') : undefined;
  const list = !apps ? undefined
    : ts.isPropertyAssignment(apps) ? resolveConfigValue(apps.initializer, sf)
    : ts.isShorthandPropertyAssignment(apps) ? resolveConfigValue(apps.name, sf) : undefined;
  if (!list || !ts.isArrayLiteralExpression(list)) return [];
  return list.elements.map((e) => resolveConfigValue(e, sf)).filter((e): e is ts.ObjectLiteralExpression => !!e && ts.isObjectLiteralExpression(e));
}

/** Sees through parentheses, `as const`, `satisfies` and a top-level `const` the config names. */
function resolveConfigValue(e: ts.Expression | undefined, sf: ts.SourceFile): ts.Expression | undefined {
  for (let hops = 0; e && hops < 8; hops++) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) {
      e = e.expression;
      continue;
    }
    if (!ts.isIdentifier(e)) return e;
    const name = e.text;
    const decl = sf.statements.flatMap((st) => (ts.isVariableStatement(st) ? [...st.declarationList.declarations] : []))
      .find((d) => ts.isIdentifier(d.name) && d.name.text === name);
    e = decl?.initializer;
  }
  return e;
}
