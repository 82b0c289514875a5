// A host's own database, as its plugin reaches it (HOST_DATABASE_APIS in engine/knowledge.ts):
// ioBroker's js-controller, for an adapter package that depends on @iobroker/adapter-core. The
// adapter keeps one connection to each of the host's databases and sends every call over it; a
// rejection there means the host itself is gone, and the host restarts the adapter.
import { ts } from 'ts-morph';
import { HOST_DATABASE_APIS, type HostDatabaseApi } from '../../engine/knowledge';
import type { RuleContext } from '../../engine/types';
import { TYPE_ONLY_WRAPPERS, skipOuter, thisClass } from './ast';

type PackageReader = Pick<RuleContext, 'packageDir' | 'packageJson'>;

/** The host APIs the linted file's package depends on. */
export function hostApisOf(ctx: PackageReader): HostDatabaseApi[] {
  const pkg = ctx.packageDir ? ctx.packageJson(ctx.packageDir) : undefined;
  if (!pkg) return [];
  const deps = ['dependencies', 'peerDependencies', 'devDependencies'].flatMap((k) => {
    const d = pkg[k];
    return d && typeof d === 'object' ? Object.keys(d) : [];
  });
  return HOST_DATABASE_APIS.filter((api) => deps.includes(api.module));
}

/**
 * `this.setStateAsync(id, v)`, `adapter.setObjectNotExists(id, obj)`: a call of the host's database
 * API by its name, or any method a class extending the host's base class calls on itself and does
 * not declare (`this.objectExists(id)` in `class Hue extends utils.Adapter`), which it inherits
 * from the host. Not a method the file declares itself (`declaresOwn`): its body says what it does.
 */
export function isHostDatabaseCall(ctx: PackageReader, callee: ts.PropertyAccessExpression, declaresOwn: boolean): boolean {
  // A method the file declares (`async createObjectNotExists(…)` of the adapter) is read in its body.
  if (declaresOwn) return false;
  const apis = hostApisOf(ctx);
  if (!apis.length) return false;
  const name = callee.name.text;
  if (apis.some((api) => api.methods.test(name) || api.inListeners?.test(name) === true)) return true;
  if (skipOuter(callee.expression, TYPE_ONLY_WRAPPERS).kind !== ts.SyntaxKind.ThisKeyword) return false;
  const cls = thisClass(callee);
  const base = cls && extendedName(cls);
  return base !== undefined && apis.some((api) => api.baseClass === base);
}

/** The name of the class `cls` extends: `Adapter` for `extends utils.Adapter`. */
export function extendedName(cls: ts.ClassLikeDeclaration): string | undefined {
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return base && (ts.isIdentifier(base) ? base.text : ts.isPropertyAccessExpression(base) ? base.name.text : undefined);
}
