// Defines a rule: `createRule<Options, MessageId, FactKind>({ meta, create })`. The type
// parameters make a misspelt message id or project fact kind and a handler for the wrong node
// a compile error (as typescript-eslint's createRule does), and the options' defaults, written
// once in `meta.options`, become `meta.defaultOptions`.
import type { Rule, RuleDefinition, RuleOptionSchema } from './types';

export function createRule<Options, MessageId extends string, FactKind extends string = never>(
  definition: RuleDefinition<Options, MessageId, FactKind>,
): Rule<Options, MessageId, FactKind> {
  const specs = Object.entries(definition.meta.options) as [string, { default: unknown }][];
  const defaultOptions = Object.fromEntries(specs.map(([name, spec]) => [name, spec.default])) as Options;
  // The schema typed per option is the runtime schema config validation reads.
  const options = definition.meta.options as RuleOptionSchema;
  return { meta: { ...definition.meta, options, defaultOptions }, create: definition.create, ...(definition.facts ? { facts: definition.facts } : {}) };
}
