// --list-rules: what the product checks, as an aligned table or, with --format json, as data.
import type { Rule } from '../engine/types';

export interface RuleListing {
  id: string;
  defaultSeverity: string;
  fixable: string;
  description: string;
}

export function ruleListing(rules: ReadonlyMap<string, Rule<any>>): RuleListing[] {
  return [...rules.values()]
    .map((r) => ({ id: r.meta.id, defaultSeverity: r.meta.defaultSeverity, fixable: r.meta.fixable, description: r.meta.description }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function formatRuleTable(listing: readonly RuleListing[]): string {
  const header: RuleListing = { id: 'RULE', defaultSeverity: 'SEVERITY', fixable: 'FIXABLE', description: 'DESCRIPTION' };
  const rows = [header, ...listing];
  const width = (key: keyof RuleListing) => Math.max(...rows.map((r) => r[key].length));
  const w = { id: width('id'), severity: width('defaultSeverity'), fixable: width('fixable') };
  return rows
    .map((r) => `${r.id.padEnd(w.id)}  ${r.defaultSeverity.padEnd(w.severity)}  ${r.fixable.padEnd(w.fixable)}  ${r.description}\n`)
    .join('');
}
