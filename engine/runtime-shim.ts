// Makes the runtime shim's helpers (onShutdown, limiter, once, …) importable where a fix needs
// them: from the configured module (`runtime.import`), or from the one shim file of the file's
// package (see shim-placement.ts), added by the fix (skipped when it exists) and imported
// relatively, in the file's module system.
import { ts } from 'ts-morph';
import { addNamedImports, codeStyle } from './fix-text';
import { moduleSystemOf } from './module-system';
import { RUNTIME_SOURCES, RUNTIME_VERSION } from './runtime-source.generated';
import { placeShim, type ShimFlavor } from './shim-placement';
import type { FileCreation, FixDeclaration, RuleContext, TextEdit } from './types';

/** The helpers of the shim a fix can import. */
export type ShimHelper = 'limiter' | 'withTimeout' | 'once' | 'onShutdown' | 'shutdownSignal' | 'runShutdown' | 'retry' | 'boundedMap' | 'boundedSet';

export interface RuntimeImport {
  edits: TextEdit[];
  creates: FileCreation[];
  /** The name each helper goes by in the file: write these, not the helper's own name, which may be taken. */
  names: Record<ShimHelper, string>;
  /** The bindings the import adds (for Fix.declares). */
  declares: FixDeclaration[];
}

/**
 * Edits (and, without a configured module, the shim file) that make `names` importable in the
 * linted file; undefined when the file cannot import the shim (a UMD file, which must also run
 * with no module system; a file that cannot load its package's shim): a fix that needs the shim
 * is then not offered.
 */
export function importFromRuntime(ctx: RuleContext, names: readonly ShimHelper[]): RuntimeImport | undefined {
  if (moduleSystemOf(ctx.sourceFile) === 'umd') return undefined;
  const sf = ctx.sourceFile;
  const imported = (specifier: string, creates: FileCreation[]): RuntimeImport => {
    const { edits, locals, declares } = addNamedImports(ctx, specifier, names);
    return { edits, creates, names: locals as Record<ShimHelper, string>, declares };
  };
  if (ctx.runtimeImport) return imported(ctx.runtimeImport, []);
  // A file that imports the shim already keeps that import, however its path is written.
  const existing = existingShimSpecifier(sf);
  if (existing) return imported(existing, []);
  const shim = placeShim(ctx.file, sf, ctx.workspaceRoot, ctx);
  if (!shim) return undefined;
  const content = shimContent(shim.flavor).replace(/\n/g, codeStyle(sf).eol);
  return imported(shim.specifier, [ctx.create(shim.file, content)]);
}

/** The created file's text: a header naming its origin, then the shim in the right flavor. */
export function shimContent(flavor: ShimFlavor): string {
  return `// Added by stability-lint ${RUNTIME_VERSION} (runtime shim). Safe to edit; stability-lint never ` +
    `overwrites an existing copy.\n` + RUNTIME_SOURCES[flavor];
}

function existingShimSpecifier(sf: ts.SourceFile): string | undefined {
  const isShim = (text: string) => text.startsWith('.') && /(^|\/)stability-runtime(\.[cm]?[jt]s)?$/.test(text);
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && isShim(s.moduleSpecifier.text)) {
      if (!s.importClause?.isTypeOnly) return s.moduleSpecifier.text;
    }
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer;
        if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' &&
          init.arguments.length === 1 && ts.isStringLiteral(init.arguments[0]) && isShim(init.arguments[0].text)) {
          return init.arguments[0].text;
        }
      }
    }
  }
  return undefined;
}
