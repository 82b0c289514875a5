// Where a name is declared, found syntactically by walking outwards through the scopes that
// enclose a use. Cheap enough to call only for the few identifiers a rule asks about.
import { ts } from 'ts-morph';
import { walkTree } from './file-nodes';

export type Declaration =
  | ts.VariableDeclaration
  | ts.ParameterDeclaration
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.ImportClause
  | ts.ImportSpecifier
  | ts.NamespaceImport
  | ts.ImportEqualsDeclaration
  | ts.EnumDeclaration
  | ts.BindingElement
  | ts.FunctionExpression
  | ts.ClassExpression
  | ts.CatchClause;

/** The declaration `name` refers to at `from`, or undefined for a global (or unknown) name. */
export function findDeclaration(name: string, from: ts.Node): Declaration | undefined {
  for (let node: ts.Node | undefined = from; node; node = node.parent) {
    if (!IS_SCOPE_KIND[node.kind]) continue;
    const found = declarationsIn(node)?.get(name);
    if (found) return found;
  }
  return undefined;
}

/** The node kinds that declare names (the cases of collectScope). */
const SCOPE_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.SourceFile, ts.SyntaxKind.Block, ts.SyntaxKind.ModuleBlock, ts.SyntaxKind.CaseClause,
  ts.SyntaxKind.DefaultClause, ts.SyntaxKind.ForStatement, ts.SyntaxKind.ForInStatement, ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.CatchClause, ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.Constructor, ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.ClassExpression,
]);
/** SCOPE_KINDS by kind number: asked of every ancestor of every identifier a rule looks up. */
const IS_SCOPE_KIND: boolean[] = new Array<boolean>(ts.SyntaxKind.Count).fill(false);
for (const kind of SCOPE_KINDS) IS_SCOPE_KIND[kind] = true;

// Each scope's names are collected once, on the first lookup through it: rules ask about many
// identifiers, and rescanning every enclosing statement list per question dominated lint time.
const scopeCache = new WeakMap<ts.Node, Map<string, Declaration> | null>();

function declarationsIn(scope: ts.Node): Map<string, Declaration> | undefined {
  let names = scopeCache.get(scope);
  if (names === undefined) {
    names = collectScope(scope);
    scopeCache.set(scope, names);
  }
  return names ?? undefined;
}

/** The names a scope node declares, first declaration winning; null for nodes that are no scope. */
function collectScope(scope: ts.Node): Map<string, Declaration> | null {
  const names = new Map<string, Declaration>();
  const add = (name: string, decl: Declaration) => {
    if (!names.has(name)) names.set(name, decl);
  };
  switch (scope.kind) {
    case ts.SyntaxKind.SourceFile:
    case ts.SyntaxKind.Block:
    case ts.SyntaxKind.ModuleBlock:
    case ts.SyntaxKind.CaseClause:
    case ts.SyntaxKind.DefaultClause: {
      // A `var` belongs to the function (or file) around it, wherever in its blocks it is written:
      // `if (tls) { var server = … } else { var server = … }` declares one `server`, the first written.
      const hoists = isVarScope(scope);
      for (const st of (scope as ts.SourceFile | ts.Block).statements) {
        if (hoists) addHoistedVars(st, add);
        addStatement(st, add);
      }
      return names;
    }
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.ForOfStatement: {
      const init = (scope as ts.ForStatement).initializer;
      if (init && ts.isVariableDeclarationList(init) && !isVar(init)) addDeclarationList(init, add);
      return names;
    }
    case ts.SyntaxKind.CatchClause: {
      const v = (scope as ts.CatchClause).variableDeclaration;
      if (v) addBinding(v.name, v, add);
      return names;
    }
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.Constructor:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor: {
      const fn = scope as ts.FunctionLikeDeclaration;
      for (const p of fn.parameters) addBinding(p.name, p, add);
      if (ts.isFunctionExpression(fn) && fn.name) add(fn.name.text, fn);
      return names;
    }
    case ts.SyntaxKind.ClassExpression: {
      const c = scope as ts.ClassExpression;
      if (c.name) add(c.name.text, c);
      return names;
    }
    default:
      return null;
  }
}

type Add = (name: string, decl: Declaration) => void;

function addStatement(s: ts.Statement, add: Add): void {
  switch (s.kind) {
    case ts.SyntaxKind.VariableStatement:
      // `var`s are added by the function or file scope around them (addHoistedVars).
      if (!isVar((s as ts.VariableStatement).declarationList)) addDeclarationList((s as ts.VariableStatement).declarationList, add);
      break;
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.ClassDeclaration:
    case ts.SyntaxKind.EnumDeclaration: {
      const decl = s as ts.FunctionDeclaration | ts.ClassDeclaration | ts.EnumDeclaration;
      if (decl.name) add(decl.name.text, decl);
      break;
    }
    case ts.SyntaxKind.ImportDeclaration: {
      const clause = (s as ts.ImportDeclaration).importClause;
      if (!clause) break;
      if (clause.name) add(clause.name.text, clause);
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) add(nb.name.text, nb);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) add(el.name.text, el);
      break;
    }
    case ts.SyntaxKind.ImportEqualsDeclaration:
      add((s as ts.ImportEqualsDeclaration).name.text, s as ts.ImportEqualsDeclaration);
      break;
  }
}

function isVar(list: ts.VariableDeclarationList): boolean {
  return (list.flags & ts.NodeFlags.BlockScoped) === 0;
}

/** The scope a `var` belongs to: a file, a namespace body, or a function's body block. */
function isVarScope(scope: ts.Node): boolean {
  if (!ts.isBlock(scope)) return ts.isSourceFile(scope) || ts.isModuleBlock(scope);
  const p = scope.parent;
  return ts.isFunctionLike(p) || ts.isClassStaticBlockDeclaration(p);
}

/** The `var`s a statement declares, in its nested blocks and loop heads too, not in nested functions or classes. */
function addHoistedVars(st: ts.Node, add: Add): void {
  if (ts.isVariableDeclarationList(st)) {
    if (isVar(st)) addDeclarationList(st, add);
  }
  if (ts.isFunctionLike(st) || ts.isClassLike(st)) return;
  ts.forEachChild(st, (c) => addHoistedVars(c, add));
}

function addDeclarationList(list: ts.VariableDeclarationList, add: Add): void {
  for (const d of list.declarations) addBinding(d.name, d, add);
}

/** A plain name binds to its declaration; names inside a destructuring bind to their element. */
function addBinding(pattern: ts.BindingName, decl: ts.VariableDeclaration | ts.ParameterDeclaration, add: Add): void {
  if (ts.isIdentifier(pattern)) {
    add(pattern.text, decl);
    return;
  }
  for (const el of pattern.elements) {
    if (ts.isOmittedExpression(el)) continue;
    if (ts.isIdentifier(el.name)) add(el.name.text, el);
    else addBinding(el.name, decl, add);
  }
}

/** The variable declaration that holds a binding element, for `const { a } = require('m')`. */
export function rootDeclaration(el: ts.BindingElement): ts.VariableDeclaration | ts.ParameterDeclaration {
  let node: ts.Node = el;
  while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
  return node as ts.VariableDeclaration | ts.ParameterDeclaration;
}

/** True when the declaration sits directly in the file, not inside any function or block. */
export function isTopLevel(decl: ts.Node): boolean {
  let node: ts.Node | undefined = decl.parent;
  while (node && (ts.isVariableDeclarationList(node) || ts.isVariableStatement(node) || ts.isBindingElement(node) ||
    ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node) || ts.isImportClause(node) ||
    ts.isNamedImports(node) || ts.isImportDeclaration(node) || ts.isNamespaceImport(node))) {
    node = node.parent;
  }
  return node !== undefined && ts.isSourceFile(node);
}

/** A `var`/`let` with an initializer that nothing assigns again (`var cmd = \`tar zcf …\``): read as a const. */
export function isNeverReassigned(decl: ts.VariableDeclaration): boolean {
  if (!ts.isIdentifier(decl.name) || !ts.isVariableDeclarationList(decl.parent)) return false;
  const name = decl.name.text;
  const writes = nameWrites(decl.getSourceFile()).get(name);
  if (!writes) return true;
  // Any `++`, `--`, `!`… on the name counts, as the walk this replaced counted it.
  return writes.unary.length === 0 && !writes.assignments.some((a) => findDeclaration(name, a.left) === decl);
}

/** The writes to one plain name in a file, each list in the order of a walk of the file. */
interface NameWrites {
  /** `name = …`, `name += …` and the other assignment operators. */
  assignments: (ts.BinaryExpression & { left: ts.Identifier })[];
  /** A prefix or postfix operator on the name (`++name`, `name--`, also `!name`). */
  unary: ts.Node[];
  /** A destructuring assignment whose pattern mentions the name anywhere (`[name, other] = …`). */
  destructured: ts.Node[];
}

/**
 * Per file, one walk: the writes to each plain name. Rules ask "what values does this `let`
 * get" and "is this `var` reassigned" for many declarations of a file, and each used to walk the whole file.
 */
const writesByFile = new WeakMap<ts.SourceFile, Map<string, NameWrites>>();

function nameWrites(sf: ts.SourceFile): Map<string, NameWrites> {
  let index = writesByFile.get(sf);
  if (index) return index;
  const found = new Map<string, NameWrites>();
  index = found;
  const entry = (name: string): NameWrites => {
    let w = found.get(name);
    if (!w) found.set(name, (w = { assignments: [], unary: [], destructured: [] }));
    return w;
  };
  walkTree(sf, (n) => {
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(n.left)) {
        entry(n.left.text).assignments.push(n as ts.BinaryExpression & { left: ts.Identifier });
      }
    } else if (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) {
      if (ts.isIdentifier(n.operand)) entry(n.operand.text).unary.push(n);
    } else if ((ts.isArrayLiteralExpression(n) || ts.isObjectLiteralExpression(n)) && ts.isBinaryExpression(n.parent) && n.parent.left === n &&
      n.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      for (const name of namesWithin(n)) entry(name).destructured.push(n);
    }
  });
  writesByFile.set(sf, index);
  return index;
}

/** Every identifier's text under a node. */
function namesWithin(n: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (c: ts.Node): void => {
    if (ts.isIdentifier(c)) names.add(c.text);
    else ts.forEachChild(c, visit);
  };
  visit(n);
  return names;
}

/**
 * Every value a `var`/`let` is given: its initializer and the right side of each plain `=` to it
 * (`let mod = http; if (secure) mod = https`). Undefined when something else changes it (`+=`,
 * `++`, a destructuring assignment).
 */
export function assignedValues(decl: ts.VariableDeclaration): ts.Expression[] | undefined {
  if (assignedValuesOf.has(decl)) return assignedValuesOf.get(decl);
  const values = readAssignedValues(decl);
  assignedValuesOf.set(decl, values);
  return values;
}

/** One walk of the file per declaration asked about: rules ask again for every call through the name. */
const assignedValuesOf = new WeakMap<ts.VariableDeclaration, ts.Expression[] | undefined>();

function readAssignedValues(decl: ts.VariableDeclaration): ts.Expression[] | undefined {
  if (!ts.isIdentifier(decl.name) || !ts.isVariableDeclarationList(decl.parent)) return undefined;
  const name = decl.name.text;
  const values: ts.Expression[] = decl.initializer ? [decl.initializer] : [];
  const writes = nameWrites(decl.getSourceFile()).get(name);
  if (!writes) return values;
  if (writes.destructured.length > 0) return undefined;
  if (writes.unary.some((u) => findDeclaration(name, (u as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression).operand) === decl)) return undefined;
  for (const a of writes.assignments) {
    if (findDeclaration(name, a.left) !== decl) continue;
    if (a.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
    values.push(a.right);
  }
  return values;
}

