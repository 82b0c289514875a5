// An abstract hook the compiler erased. `abstract listen(nodes): void` in a TypeScript base class
// leaves nothing in the JavaScript a bundler ships, so the hook shows only as a method that every
// subclass defines and the base does not:
//
//   var Connector = class { set(manager) {…} ready(nodes) {…} };
//   var DiscordJS = class extends Connector { listen(nodes) { this.client.on('raw', …) } };
//   var Eris = class extends Connector { listen(nodes) { this.client.on('rawWS', …) } };
//
// The project's framework calls the hook through the base class (shoukaku's constructor runs
// `this.connector.listen(nodes)` once), as for a hook the base declares empty or abstract.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { memberName, skipOuter, TYPE_ONLY_WRAPPERS } from '../shared/ast';

/**
 * The class's base is a class of this file that does not define `method` (nor do its own bases
 * here), and another subclass of that base in this file does: `method` fills a hook of the base.
 */
export function fillsErasedHook(cls: ts.ClassLikeDeclaration, method: string): boolean {
  const base = baseClassInFile(cls);
  if (!base || definesInChain(base, method, new Set())) return false;
  let sibling = false;
  const visit = (n: ts.Node): void => {
    if (sibling) return;
    if (ts.isClassLike(n) && n !== cls && baseClassInFile(n) === base && defines(n, method)) sibling = true;
    else ts.forEachChild(n, visit);
  };
  visit(cls.getSourceFile());
  return sibling;
}

/** `class X extends Base` with `Base` a class declared in this file (`class Base`, `var Base = class`). */
function baseClassInFile(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined {
  const clause = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  const e = clause && skipOuter(clause, TYPE_ONLY_WRAPPERS);
  if (!e || !ts.isIdentifier(e)) return undefined;
  const decl = findDeclaration(e.text, e);
  if (decl && ts.isClassDeclaration(decl)) return decl;
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS) : undefined;
  return init && ts.isClassExpression(init) ? init : undefined;
}

function definesInChain(cls: ts.ClassLikeDeclaration, method: string, seen: Set<ts.Node>): boolean {
  if (seen.has(cls)) return false;
  seen.add(cls);
  if (defines(cls, method)) return true;
  const base = baseClassInFile(cls);
  // A base from elsewhere (a library's, another file's) may define it: then it is no erased hook.
  if (!base) return cls.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword) ?? false;
  return definesInChain(base, method, seen);
}

function defines(cls: ts.ClassLikeDeclaration, method: string): boolean {
  return cls.members.some((m) => (ts.isMethodDeclaration(m) || ts.isPropertyDeclaration(m)) && memberName(m.name) === method);
}
