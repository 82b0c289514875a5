// --list-rules: what the product checks, as an aligned table or, with --format json, as data.
// With --verbose, each rule that reads the knowledge table also lists the libraries it knows.
import { knownModulesLine } from '../engine/knowledge-docs';
import type { FixableKinds, Rule } from '../engine/types';

export interface RuleListing {
  id: string;
  defaultSeverity: string;
  /** The classes of fix the rule offers: `safe`, `unsafe`, `suggestion`, joined by `+`; `none`. */
  fixable: string;
  /** What each class of fix writes. */
  fixes: FixableKinds;
  description: string;
  /** With --verbose: the modules the rule knows from the library table. */
  libraries?: string;
}

const CLASSES = ['safe', 'unsafe', 'suggestion'] as const;

export function ruleListing(rules: ReadonlyMap<string, Rule<any>>, verbose = false): RuleListing[] {
  return [...rules.values()]
    .map((r): RuleListing => {
      const row: RuleListing = {
        id: r.meta.id,
        defaultSeverity: r.meta.defaultSeverity,
        fixable: fixClasses(r.meta.fixable),
        fixes: r.meta.fixable,
        description: r.meta.description,
      };
      const libraries = verbose ? knownModulesLine(r.meta.id) : undefined;
      return libraries ? { ...row, libraries } : row;
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** `safe+unsafe`, `suggestion`, `none`. */
export function fixClasses(kinds: FixableKinds): string {
  return CLASSES.filter((c) => kinds[c] !== undefined).join('+') || 'none';
}

/**
 * The line a rule's docs page opens its "Fixes" section with, from the rule's own metadata (a
 * test holds the page to it): which class each fix is, and what runs it.
 */
export function fixClassesLine(kinds: FixableKinds): string {
  const parts: string[] = [];
  if (kinds.safe !== undefined) parts.push(`**safe** (applied by \`--fix\` and fix-all on save): ${kinds.safe}`);
  if (kinds.unsafe !== undefined) parts.push(`**unsafe** (applied only by \`--fix --unsafe\`; a quick fix marked unsafe in the editor): ${kinds.unsafe}`);
  if (kinds.suggestion !== undefined) parts.push(`**suggestion** (editor only): ${kinds.suggestion}`);
  return parts.length ? `Fix classes — ${parts.join('; ')}.` : 'Fix classes — none: no fix is offered.';
}

type Column = 'id' | 'defaultSeverity' | 'fixable' | 'description';

export function formatRuleTable(listing: readonly RuleListing[]): string {
  const header: Record<Column, string> = { id: 'RULE', defaultSeverity: 'SEVERITY', fixable: 'FIXES', description: 'DESCRIPTION' };
  const rows: (Record<Column, string> & { libraries?: string })[] = [header, ...listing];
  const width = (key: Column) => Math.max(...rows.map((r) => r[key].length));
  const w = { id: width('id'), severity: width('defaultSeverity'), fixable: width('fixable') };
  const indent = ' '.repeat(w.id + w.severity + w.fixable + 6);
  const table = rows
    .map((r) => `${r.id.padEnd(w.id)}  ${r.defaultSeverity.padEnd(w.severity)}  ${r.fixable.padEnd(w.fixable)}  ${r.description}\n` +
      (r.libraries ? `${indent}Knows: ${r.libraries}\n` : ''))
    .join('');
  return `${table}\nFixes: safe ones are applied by --fix; unsafe ones (timeouts, limits, eviction, loop conditions) only by\n--fix --unsafe; suggestions only in the editor. --list-rules --format json says what each writes.\n`;
}
