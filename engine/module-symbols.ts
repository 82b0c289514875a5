// What a file imports and exports, read from its top-level statements only: the syntactic
// module index that cross-file facts stand on (no type checker).
import { ts } from 'ts-morph';
import { ModuleResolver } from './resolve-module';
import type { ExportTarget, ImportBinding, ImportTable, ModuleSummary } from './types';
import { setOwnEntry } from './own-keys';

export type { ImportBinding, ImportTable };


/** local name -> what it was imported as, for ESM imports and top-level `require` forms. */
export function collectImports(sf: ts.SourceFile, resolver: ModuleResolver): ImportTable {
  const table: ImportTable = new Map();
  const target = (spec: string): Pick<ImportBinding, 'module' | 'library'> => {
    const file = resolver.resolve(sf.fileName, spec);
    return file ? { module: file, library: false } : { module: ModuleResolver.libraryName(spec), library: true };
  };
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.importClause) {
      const t = target(s.moduleSpecifier.text);
      const clause = s.importClause;
      if (clause.name) table.set(clause.name.text, { ...t, name: 'default' });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) table.set(nb.name.text, { ...t, name: '*' });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          table.set(el.name.text, { ...t, name: moduleExportName(el.propertyName ?? el.name) });
        }
      }
    } else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference)) {
      const expr = s.moduleReference.expression;
      if (ts.isStringLiteral(expr)) table.set(s.name.text, { ...target(expr.text), name: '*' });
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) collectRequire(d, table, target);
    }
  }
  return table;
}

function collectRequire(
  d: ts.VariableDeclaration,
  table: ImportTable,
  target: (spec: string) => Pick<ImportBinding, 'module' | 'library'>,
): void {
  if (!d.initializer) return;
  let init: ts.Expression = nodeBranch(d.initializer);
  // `require('m').Pool` and `require('m').default`
  let member: string | undefined;
  if (ts.isPropertyAccessExpression(init) && ts.isIdentifier(init.name)) {
    member = init.name.text;
    init = init.expression;
  }
  // `__importDefault(require('m'))`, `_interopRequireWildcard(require('m'))`: compiled imports.
  const unwrapped = !member ? interopArgument(init) : undefined;
  if (unwrapped) init = unwrapped;
  // Babel's two steps: `var _http = require('http'); var _http2 = _interopRequireDefault(_http);`.
  const earlier = unwrapped && ts.isIdentifier(unwrapped) && ts.isIdentifier(d.name) ? table.get(unwrapped.text) : undefined;
  if (earlier && earlier.name === '*' && ts.isIdentifier(d.name)) {
    table.set(d.name.text, { ...earlier, interop: true });
    return;
  }
  const spec = requiredSpecifier(init);
  if (spec === undefined) return;
  const t = target(spec);
  if (ts.isIdentifier(d.name)) {
    table.set(d.name.text, { ...t, name: member && member !== 'default' ? member : '*', ...(unwrapped ? { interop: true } : {}) });
  } else if (ts.isObjectBindingPattern(d.name) && !member) {
    for (const el of d.name.elements) {
      if (!ts.isIdentifier(el.name)) continue;
      const prop = el.propertyName && (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName))
        ? el.propertyName.text
        : el.name.text;
      table.set(el.name.text, { ...t, name: prop });
    }
  }
}

/** Where a page's own object is found: `global.WebSocket`, `window.fetch`, `self.X`. */
const PAGE_GLOBAL_HOLDERS = new Set(['global', 'globalThis', 'window', 'self']);

/**
 * `isBrowser ? global.WebSocket : require('ws')`: the page's global in a browser, the module in
 * Node, which is the process linted (snoowrap's LiveThread, check 63). Anything else as written.
 */
function nodeBranch(init: ts.Expression): ts.Expression {
  let v = init;
  while (ts.isParenthesizedExpression(v)) v = v.expression;
  if (!ts.isConditionalExpression(v)) return init;
  const isPageGlobal = (e: ts.Expression): boolean => ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && PAGE_GLOBAL_HOLDERS.has(e.expression.text);
  if (isPageGlobal(v.whenTrue) && requiredSpecifier(v.whenFalse) !== undefined) return v.whenFalse;
  if (isPageGlobal(v.whenFalse) && requiredSpecifier(v.whenTrue) !== undefined) return v.whenTrue;
  return init;
}

/**
 * The helpers TypeScript (tslib), Babel and esbuild wrap a compiled `require` in; each makes
 * `.default` the module itself (esbuild: `var import_net = __toESM(require("net"), 1)`).
 */
const INTEROP_HELPERS = new Set(['__importDefault', '__importStar', '_interopRequireDefault', '_interopRequireWildcard', '__toESM']);

/**
 * The function a callee names, past parentheses and the `(0, f)` form TypeScript and Babel
 * compile an imported function's call to (so that it runs without a `this`).
 */
export function withoutIndirectCall(callee: ts.Expression): ts.Expression {
  let e = callee;
  for (;;) {
    if (ts.isParenthesizedExpression(e)) e = e.expression;
    else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken && ts.isNumericLiteral(e.left)) e = e.right;
    else return e;
  }
}

/** `x` of `__importDefault(x)`, `tslib_1.__importStar(x)`, `(0, tslib_1.__importDefault)(x)` or `__toESM(x, 1)`. */
function interopArgument(expr: ts.Expression): ts.Expression | undefined {
  if (!ts.isCallExpression(expr) || expr.arguments.length < 1) return undefined;
  const callee = withoutIndirectCall(expr.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name && INTEROP_HELPERS.has(name) ? expr.arguments[0] : undefined;
}

/** The specifier of `require('x')` (or `await import('x')`), else undefined. */
export function requiredSpecifier(expr: ts.Expression): string | undefined {
  if (ts.isAwaitExpression(expr)) expr = expr.expression;
  if (!ts.isCallExpression(expr) || expr.arguments.length !== 1) return undefined;
  const arg = expr.arguments[0];
  if (!ts.isStringLiteralLike(arg)) return undefined;
  const callee = expr.expression;
  if (ts.isIdentifier(callee) && callee.text === 'require') return arg.text;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return arg.text;
  return undefined;
}

function moduleExportName(n: ts.ModuleExportName): string {
  return n.text;
}

/** The exports of a file: for following re-exports and import aliases across files. */
export function collectExports(sf: ts.SourceFile, resolver: ModuleResolver): ModuleSummary {
  // Export names come from the code (`exports.constructor = …`, `exports.__proto__ = …`): set as own entries, read with ownEntry.
  const exports: Record<string, ExportTarget> = {};
  const starExports: string[] = [];
  const isExported = (node: ts.Node): boolean =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (node: ts.Node): boolean =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);

  for (const s of sf.statements) {
    if (ts.isVariableStatement(s) && isExported(s)) {
      for (const d of s.declarationList.declarations) {
        for (const name of boundNames(d.name)) setOwnEntry(exports, name, { local: name });
      }
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && isExported(s)) {
      const name = s.name?.text;
      if (isDefault(s)) exports.default = { local: name ?? 'default' };
      else if (name) setOwnEntry(exports, name, { local: name });
    } else if (ts.isExportAssignment(s) && !s.isExportEquals) {
      if (ts.isIdentifier(s.expression)) exports.default = { local: s.expression.text };
    } else if (ts.isExportDeclaration(s)) {
      const from = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)
        ? resolver.resolve(sf.fileName, s.moduleSpecifier.text)
        : undefined;
      if (s.moduleSpecifier && !from) continue;
      if (!s.exportClause) {
        if (from) starExports.push(from);
      } else if (ts.isNamedExports(s.exportClause)) {
        for (const el of s.exportClause.elements) {
          const local = moduleExportName(el.propertyName ?? el.name);
          setOwnEntry(exports, moduleExportName(el.name), from ? { module: from, name: local } : { local });
        }
      } else if (from) {
        setOwnEntry(exports, s.exportClause.name.text, { module: from, name: '*' });
      }
    } else if (ts.isExpressionStatement(s)) {
      collectCommonJsExport(s.expression, exports, (spec) => resolver.resolve(sf.fileName, spec));
    }
  }
  collectExportedObjectRequires(sf, exports, (spec) => resolver.resolve(sf.fileName, spec));
  return { file: sf.fileName, exports, starExports };
}

// `module.exports = { pool }`, `module.exports = pool`, `exports.pool = pool`, `module.exports.pool = pool`,
// and re-exports: `module.exports = { Runner: require('./src/runner') }`, `module.exports = require('./node')`
function collectCommonJsExport(expr: ts.Expression, exports: Record<string, ExportTarget>, resolve: (spec: string) => string | undefined): void {
  if (!ts.isBinaryExpression(expr) || expr.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const left = expr.left;
  const right = expr.right;
  const isModuleExports = (e: ts.Expression) =>
    ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
  if (isModuleExports(left)) {
    if (ts.isIdentifier(right)) {
      exports.default = { local: right.text };
      setOwnEntry(exports, '*', { local: right.text });
    } else if (ts.isCallExpression(right)) {
      // `module.exports = require('./node')`: a folder's index standing for one of its modules.
      const reexport = requiredExport(right, resolve);
      if (reexport) {
        exports.default = reexport;
        setOwnEntry(exports, '*', reexport);
      }
    } else if (ts.isObjectLiteralExpression(right)) {
      for (const p of right.properties) {
        if (ts.isShorthandPropertyAssignment(p)) setOwnEntry(exports, p.name.text, { local: p.name.text });
        else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
          setOwnEntry(exports, p.name.text, { local: p.initializer.text });
        } else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
          const reexport = requiredExport(p.initializer, resolve);
          if (reexport) setOwnEntry(exports, p.name.text, reexport);
        }
      }
    }
    return;
  }
  if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(right)) {
    const obj = left.expression;
    if ((ts.isIdentifier(obj) && obj.text === 'exports') || isModuleExports(obj)) {
      setOwnEntry(exports, left.name.text, { local: right.text });
    }
  }
}

/**
 * `const s = {}; s.user = require('./user.service'); module.exports = s`: a member of the object
 * the module exports, filled with another module, is a re-export of that module under its name.
 */
function collectExportedObjectRequires(sf: ts.SourceFile, exports: Record<string, ExportTarget>, resolve: (spec: string) => string | undefined): void {
  const whole = exports['*'];
  if (!whole || !('local' in whole)) return;
  for (const s of sf.statements) {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression) || s.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const { left, right } = s.expression;
    if (!ts.isPropertyAccessExpression(left) || !ts.isIdentifier(left.expression) || left.expression.text !== whole.local || left.name.text in exports) continue;
    const reexport = requiredExport(right, resolve);
    if (reexport) setOwnEntry(exports, left.name.text, reexport);
  }
}

/** `require('./runner')` -> the module object of a project file; `require('./errors').NotFound` -> that export of it. */
function requiredExport(e: ts.Expression, resolve: (spec: string) => string | undefined): ExportTarget | undefined {
  let member: string | undefined;
  let x = e;
  if (ts.isPropertyAccessExpression(x) && ts.isIdentifier(x.name)) {
    member = x.name.text;
    x = x.expression;
  }
  const spec = requiredSpecifier(x);
  const file = spec !== undefined ? resolve(spec) : undefined;
  return file ? { module: file, name: member ?? '*' } : undefined;
}

export function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) if (!ts.isOmittedExpression(el)) out.push(...boundNames(el.name));
  return out;
}

/** The written form of a module binding (`mod:<file>#<name>`), as RuleContext.bindingRef gives it. */
export function moduleRef(file: string, name: string): string {
  return `mod:${file}#${name}`;
}
