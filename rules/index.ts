// Every rule the product ships, by id. Adding a rule: create rules/<id>.ts and list it here.
import type { Rule } from '../engine/types';

const RULES: Rule<any>[] = [
];

export const allRules: ReadonlyMap<string, Rule<any>> = new Map(RULES.map((r) => [r.meta.id, r]));
