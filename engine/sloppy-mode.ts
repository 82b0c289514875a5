import { ts } from 'ts-morph';

/**
 * Errors TypeScript's parser reports that Node accepts in a sloppy-mode script: legacy octal
 * escapes ('\033'), octal literals (0755) and decimals with leading zeros (08). CommonJS
 * files without 'use strict' run them fine, so they must not cost the file its findings.
 */
const SLOPPY_ONLY_ERRORS = new Set([
  1487, // Octal escape sequences are not allowed. Use the syntax '{0}'.
  1121, // Octal literals are not allowed. Use the syntax '{0}'.
  1489, // Decimals with leading zeros are not allowed.
]);

/** Whether `diagnostic` is an error only in strict code and `sf` is a sloppy-mode JavaScript script. */
export function isAcceptedInSloppyScript(sf: ts.SourceFile, diagnostic: ts.Diagnostic): boolean {
  return SLOPPY_ONLY_ERRORS.has(diagnostic.code) && isSloppyScript(sf);
}

function isSloppyScript(sf: ts.SourceFile): boolean {
  const kind = (sf as { scriptKind?: ts.ScriptKind }).scriptKind;
  if ((kind !== ts.ScriptKind.JS && kind !== ts.ScriptKind.JSX) || sf.fileName.endsWith('.mjs')) return false;
  // An ES module (import/export at top level) is strict.
  if ((sf as { externalModuleIndicator?: unknown }).externalModuleIndicator) return false;
  return !hasUseStrictPrologue(sf);
}

function hasUseStrictPrologue(sf: ts.SourceFile): boolean {
  for (const statement of sf.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === 'use strict') return true;
  }
  return false;
}
