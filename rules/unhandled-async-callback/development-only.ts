// Code that only runs in development: a rejection there takes no production work down.
import { ts } from 'ts-morph';
import { DEV_SERVER_LIBRARIES } from '../../engine/knowledge';
import type { RuleContext } from '../../engine/types';
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

/**
 * The file loads a dev-server library its package does not ship to production (not among its
 * `dependencies`): `const vite = await createServer({ server: { middlewareMode: true } })` and the
 * routes that serve its pages run only when a developer starts the app in development mode.
 */
export function servesDevelopmentBuild(ctx: Pick<RuleContext, 'imports' | 'packageDir' | 'packageJson' | 'sourceFile'>): boolean {
  const loaded = [...ctx.imports.values()].filter((b) => b.library && DEV_SERVER_LIBRARIES.has(b.module) && !onlyTypesFrom(ctx.sourceFile, b.module)).map((b) => b.module);
  if (!loaded.length) return false;
  const pkg = ctx.packageDir ? ctx.packageJson(ctx.packageDir) : undefined;
  const deps = pkg?.dependencies && typeof pkg.dependencies === 'object' ? (pkg.dependencies as Record<string, unknown>) : {};
  return loaded.some((m) => !(m in deps));
}

/** Every ESM import of the module is type-only (`import type { ViteDevServer } from 'vite'`): nothing of it is loaded. */
function onlyTypesFrom(sf: ts.SourceFile, module: string): boolean {
  let value = false;
  let any = false;
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== module) continue;
    any = true;
    const clause = st.importClause;
    if (!clause) { value = true; continue; }
    if (clause.isTypeOnly) continue;
    const named = clause.namedBindings;
    if (clause.name || (named && (ts.isNamespaceImport(named) || named.elements.some((e) => !e.isTypeOnly)))) value = true;
  }
  return any && !value;
}
