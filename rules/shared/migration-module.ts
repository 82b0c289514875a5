// Whether a file is a database migration: a module that exports `up` and `down` (knex, umzug,
// Sequelize, db-migrate: `export async function up(knex)`, `exports.up = …`,
// `module.exports = { async up(queryInterface) {…}, async down() {…} }`), or a class with `up`
// and `down` methods (TypeORM's `MigrationInterface`). A migration runner runs each migration
// once, one at a time, under its own lock: nothing in the file runs concurrently with itself.
import { ts } from 'ts-morph';
import { hasModifier, isExportsObject, memberName, propertyKey, skipOuter, TYPE_ONLY_WRAPPERS } from './ast';
import { perSourceFile } from './per-file';

const MIGRATION_STEPS = ['up', 'down'] as const;

export const isMigrationModule: (sf: ts.SourceFile) => boolean = perSourceFile((sf) => {
  const names = new Set<string>();
  for (const s of sf.statements) for (const n of stepNames(s)) names.add(n);
  return MIGRATION_STEPS.every((n) => names.has(n));
});

/** The migration steps a top-level statement defines as exports, or as methods of a class. */
function stepNames(s: ts.Statement): string[] {
  if (ts.isFunctionDeclaration(s) && s.name && hasModifier(s, ts.SyntaxKind.ExportKeyword)) return [s.name.text];
  if (ts.isVariableStatement(s) && hasModifier(s, ts.SyntaxKind.ExportKeyword)) {
    return s.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  if (ts.isClassDeclaration(s)) {
    const methods = s.members.filter((m) => ts.isMethodDeclaration(m)).map((m) => memberName(m.name));
    return MIGRATION_STEPS.every((n) => methods.includes(n)) ? [...MIGRATION_STEPS] : [];
  }
  if (!ts.isExpressionStatement(s)) return [];
  const e = skipOuter(s.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return [];
  // `exports.up = …`, `module.exports.up = …`
  if (ts.isPropertyAccessExpression(e.left) && isExportsObject(e.left.expression)) return [e.left.name.text];
  // `module.exports = { up, async down() {…} }`
  const right = skipOuter(e.right, TYPE_ONLY_WRAPPERS);
  if (isExportsObject(e.left) && ts.isObjectLiteralExpression(right)) {
    return right.properties.flatMap((p) => {
      const key = p.name && propertyKey(p.name);
      return key !== undefined ? [key] : [];
    });
  }
  return [];
}
