// A key that has passed a `switch` over constant cases whose `default` leaves the function: any
// other value throws (or returns) before the add, so the keys are the cases the code writes.
// confluent-schema-registry's helper cache: `switch (schemaType) { case SchemaType.AVRO: …;
// case SchemaType.JSON: …; case SchemaType.PROTOBUF: …; default: throw … }` and then
// `helperTypeFromSchemaTypeMap[schemaType.toString()] = helper` (check 56).
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { TYPE_ONLY_WRAPPERS, skipOuter, isWithin, leavesFunction } from '../shared/ast';

type Fn = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

/** Methods that only spell a value as a string: `schemaType.toString()` still names one case. */
const RESPELLING: ReadonlySet<string> = new Set(['toString', 'toLowerCase', 'toUpperCase', 'trim', 'valueOf']);

/** The key passed such a switch before `site`, in a block that encloses the add. */
export function switchedOverConstants(fn: Fn, site: ts.Node, key: ts.Expression, isConstant: (e: ts.Expression) => boolean): boolean {
  const names = keySources(fn, key);
  if (!names.size) return false;
  for (let n: ts.Node = site; n.parent && n !== fn; n = n.parent) {
    const block = n.parent;
    if (!ts.isBlock(block) && !ts.isCaseClause(block) && !ts.isDefaultClause(block)) continue;
    for (const s of block.statements) {
      if (s.getStart() >= n.getStart()) break;
      if (ts.isSwitchStatement(s) && names.has(skipOuter(s.expression, TYPE_ONLY_WRAPPERS).getText()) && onlyConstantCases(s, isConstant)) return true;
    }
  }
  return false;
}

/** Every case is a constant, and the default clause leaves the function. */
function onlyConstantCases(s: ts.SwitchStatement, isConstant: (e: ts.Expression) => boolean): boolean {
  let leaves = false;
  for (const clause of s.caseBlock.clauses) {
    if (ts.isCaseClause(clause)) {
      if (!isConstant(skipOuter(clause.expression, TYPE_ONLY_WRAPPERS))) return false;
    } else {
      const last = clause.statements[clause.statements.length - 1];
      leaves = last !== undefined && leavesFunction(last) && !ts.isBreakStatement(last);
    }
  }
  return leaves;
}

/**
 * The texts the key is spelled from: the key, a `const` it was read from (`schemaTypeStr =
 * schemaType.toString()`), and the value such a respelling is of. Only names nothing reassigns.
 */
function keySources(fn: Fn, key: ts.Expression): Set<string> {
  const out = new Set<string>();
  let e: ts.Expression | undefined = skipOuter(key, TYPE_ONLY_WRAPPERS);
  for (let depth = 0; e && depth < 4; depth++) {
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && RESPELLING.has(e.expression.name.text) && e.arguments.length === 0) {
      e = skipOuter(e.expression.expression, TYPE_ONLY_WRAPPERS);
      continue;
    }
    if (!ts.isIdentifier(e)) break;
    const decl = findDeclaration(e.text, e);
    if (!decl || !isWithin(decl, fn) || assignedIn(fn, e.text)) break;
    out.add(e.text);
    e = ts.isVariableDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer, TYPE_ONLY_WRAPPERS) : undefined;
  }
  return out;
}

function assignedIn(fn: Fn, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      ts.isIdentifier(skipOuter(n.left, TYPE_ONLY_WRAPPERS)) && (skipOuter(n.left, TYPE_ONLY_WRAPPERS) as ts.Identifier).text === name) found = true;
    else ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}
