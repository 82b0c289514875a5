// Where a name is declared, found syntactically by walking outwards through the scopes that
// enclose a use. Cheap enough to call only for the few identifiers a rule asks about.
import { ts } from 'ts-morph';

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
    const found = declarationIn(node, name);
    if (found) return found;
  }
  return undefined;
}

/** True when `name` is declared nowhere between `from` and the file's top: a global. */
export function isGlobalName(name: string, from: ts.Node): boolean {
  return findDeclaration(name, from) === undefined;
}

function declarationIn(scope: ts.Node, name: string): Declaration | undefined {
  switch (scope.kind) {
    case ts.SyntaxKind.SourceFile:
    case ts.SyntaxKind.Block:
    case ts.SyntaxKind.ModuleBlock:
    case ts.SyntaxKind.CaseClause:
    case ts.SyntaxKind.DefaultClause:
      return inStatements((scope as ts.SourceFile | ts.Block).statements, name);
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.ForOfStatement: {
      const init = (scope as ts.ForStatement).initializer;
      return init && ts.isVariableDeclarationList(init) ? inDeclarationList(init, name) : undefined;
    }
    case ts.SyntaxKind.CatchClause: {
      const v = (scope as ts.CatchClause).variableDeclaration;
      return v && bindsName(v.name, name) ? v : undefined;
    }
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.Constructor:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor: {
      const fn = scope as ts.FunctionLikeDeclaration;
      for (const p of fn.parameters) {
        if (bindsName(p.name, name)) return ts.isIdentifier(p.name) ? p : findBindingElement(p.name, name);
      }
      if (ts.isFunctionExpression(fn) && fn.name?.text === name) return fn;
      return undefined;
    }
    case ts.SyntaxKind.ClassExpression: {
      const c = scope as ts.ClassExpression;
      return c.name?.text === name ? c : undefined;
    }
    default:
      return undefined;
  }
}

function inStatements(statements: ts.NodeArray<ts.Statement>, name: string): Declaration | undefined {
  for (const s of statements) {
    switch (s.kind) {
      case ts.SyntaxKind.VariableStatement: {
        const d = inDeclarationList((s as ts.VariableStatement).declarationList, name);
        if (d) return d;
        break;
      }
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.EnumDeclaration: {
        const decl = s as ts.FunctionDeclaration | ts.ClassDeclaration | ts.EnumDeclaration;
        if (decl.name?.text === name) return decl;
        break;
      }
      case ts.SyntaxKind.ImportDeclaration: {
        const clause = (s as ts.ImportDeclaration).importClause;
        if (!clause) break;
        if (clause.name?.text === name) return clause;
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb) && nb.name.text === name) return nb;
        if (nb && ts.isNamedImports(nb)) {
          for (const el of nb.elements) if (el.name.text === name) return el;
        }
        break;
      }
      case ts.SyntaxKind.ImportEqualsDeclaration:
        if ((s as ts.ImportEqualsDeclaration).name.text === name) return s as ts.ImportEqualsDeclaration;
        break;
    }
  }
  return undefined;
}

function inDeclarationList(list: ts.VariableDeclarationList, name: string): Declaration | undefined {
  for (const d of list.declarations) {
    if (ts.isIdentifier(d.name)) {
      if (d.name.text === name) return d;
    } else {
      const el = findBindingElement(d.name, name);
      if (el) return el;
    }
  }
  return undefined;
}

function findBindingElement(pattern: ts.BindingName, name: string): ts.BindingElement | undefined {
  if (ts.isIdentifier(pattern)) return undefined;
  for (const el of pattern.elements) {
    if (ts.isOmittedExpression(el)) continue;
    if (ts.isIdentifier(el.name)) {
      if (el.name.text === name) return el;
    } else {
      const inner = findBindingElement(el.name, name);
      if (inner) return inner;
    }
  }
  return undefined;
}

function bindsName(pattern: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(pattern)) return pattern.text === name;
  return findBindingElement(pattern, name) !== undefined;
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
