// --list-rules: what the product checks, as an aligned table or, with --format json, as data.
// With --verbose, each rule that reads the knowledge table also lists the libraries it knows.
import { knownModulesLine } from '../engine/knowledge-docs';
import type { Rule } from '../engine/types';

export interface RuleListing {
  id: string;
  defaultSeverity: string;
  fixable: string;
  description: string;
  /** With --verbose: the modules the rule knows from the library table. */
  libraries?: string;
}

export function ruleListing(rules: ReadonlyMap<string, Rule<any>>, verbose = false): RuleListing[] {
  return [...rules.values()]
    .map((r): RuleListing => {
      const row: RuleListing = { id: r.meta.id, defaultSeverity: r.meta.defaultSeverity, fixable: r.meta.fixable, description: r.meta.description };
      const libraries = verbose ? knownModulesLine(r.meta.id) : undefined;
      return libraries ? { ...row, libraries } : row;
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function formatRuleTable(listing: readonly RuleListing[]): string {
  const header: RuleListing = { id: 'RULE', defaultSeverity: 'SEVERITY', fixable: 'FIXABLE', description: 'DESCRIPTION' };
  const rows = [header, ...listing];
  const width = (key: 'id' | 'defaultSeverity' | 'fixable') => Math.max(...rows.map((r) => r[key].length));
  const w = { id: width('id'), severity: width('defaultSeverity'), fixable: width('fixable') };
  const indent = ' '.repeat(w.id + w.severity + w.fixable + 6);
  return rows
    .map((r) => `${r.id.padEnd(w.id)}  ${r.defaultSeverity.padEnd(w.severity)}  ${r.fixable.padEnd(w.fixable)}  ${r.description}\n` +
      (r.libraries ? `${indent}Knows: ${r.libraries}\n` : ''))
    .join('');
}
