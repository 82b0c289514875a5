// Small rules with known behaviour, so CLI tests do not depend on the product's rules (which
// change as they improve). Each flags one identifier name.
import { ts } from 'ts-morph';
import type { Rule, RuleContext, Severity } from '../../engine/types';

interface IdentifierRuleSpec {
  id: string;
  name: string;
  severity: Severity;
  message: string;
  fixable: Rule['meta']['fixable'];
  /** Occurrences the rule leaves alone (already fixed). */
  skip?: (node: ts.Identifier) => boolean;
  /** Builds the finding's fixes, suggestions and related locations for a flagged identifier. */
  extras?: (ctx: RuleContext, node: ts.Identifier) => Pick<Parameters<RuleContext['report']>[0], 'fixes' | 'suggestions' | 'related'>;
}

function identifierRule(spec: IdentifierRuleSpec): Rule {
  return {
    meta: {
      id: spec.id,
      description: `Flags the identifier \`${spec.name}\`.`,
      defaultSeverity: spec.severity,
      fixable: spec.fixable,
      fileKinds: ['script'],
      messages: { found: spec.message },
      options: {},
      defaultOptions: {},
    },
    create(ctx) {
      return {
        [ts.SyntaxKind.Identifier]: (node: ts.Identifier) => {
          if (node.text !== spec.name || spec.skip?.(node)) return;
          ctx.report({ node, messageId: 'found', data: { name: node.text }, ...spec.extras?.(ctx, node) });
        },
      };
    },
  };
}

/** error, safe fix `foo` -> `bar` (one edit). */
export const noFoo = identifierRule({
  id: 'no-foo',
  name: 'foo',
  severity: 'error',
  message: 'Do not use "{{name}}": it blocks the event loop.\nA synchronous call holds every other request until it returns.',
  fixable: { safe: 'renames it to bar' },
  extras: (ctx, node) => ({ fixes: [{ title: 'Rename to bar', safety: 'safe', edits: [ctx.edit(ctx.rangeOf(node), 'bar')] }] }),
});

/** warning, an editor-only suggestion, and a related location at the start of the file. */
export const noTodo = identifierRule({
  id: 'no-todo',
  name: 'todo',
  severity: 'warn',
  message: 'Unfinished: "{{name}}", 100% sure.',
  fixable: { suggestion: 'renames it to done' },
  extras: (ctx, node) => ({
    suggestions: [{ title: 'Rename to done', safety: 'safe', edits: [ctx.edit(ctx.rangeOf(node), 'done')] }],
    related: [{ file: ctx.file, range: { start: 0, end: 5 }, message: 'The file starts here' }],
  }),
});

/** info, no fix. */
export const noteBaz = identifierRule({
  id: 'note-baz',
  name: 'baz',
  severity: 'info',
  message: 'Consider "{{name}}".',
  fixable: {},
});

/** warning, a safe fix of two edits around the identifier (merged into one in ESLint JSON). */
export const wrapQux = identifierRule({
  id: 'wrap-qux',
  name: 'qux',
  severity: 'warn',
  message: 'Wrap "{{name}}".',
  fixable: { safe: 'wraps it in parentheses' },
  skip: (node) => ts.isParenthesizedExpression(node.parent),
  extras: (ctx, node) => {
    const r = ctx.rangeOf(node);
    return {
      fixes: [{
        title: 'Wrap in parentheses',
        safety: 'safe',
        edits: [ctx.edit({ start: r.start, end: r.start }, '('), ctx.edit({ start: r.end, end: r.end }, ')')],
      }],
    };
  },
});

/** warning, an unsafe fix `wait` -> `waitBounded` and, after it, a safe one `wait` -> `waitOnce`. */
export const boundWait = identifierRule({
  id: 'bound-wait',
  name: 'wait',
  severity: 'warn',
  message: 'Bound "{{name}}".',
  fixable: { safe: 'renames it to waitOnce', unsafe: 'renames it to waitBounded' },
  extras: (ctx, node) => ({
    fixes: [
      { title: 'Rename to waitBounded', safety: 'unsafe', edits: [ctx.edit(ctx.rangeOf(node), 'waitBounded')] },
      { title: 'Rename to waitOnce', safety: 'safe', edits: [ctx.edit(ctx.rangeOf(node), 'waitOnce')] },
    ],
  }),
});

/** warning, an unsafe fix only: `slow` -> `fast`. */
export const noSlow = identifierRule({
  id: 'no-slow',
  name: 'slow',
  severity: 'warn',
  message: 'Bound "{{name}}".',
  fixable: { unsafe: 'renames it to fast' },
  extras: (ctx, node) => ({ fixes: [{ title: 'Rename to fast', safety: 'unsafe', edits: [ctx.edit(ctx.rangeOf(node), 'fast')] }] }),
});

export const testRules: ReadonlyMap<string, Rule<any>> = new Map([noFoo, noTodo, noteBaz, wrapQux].map((r) => [r.meta.id, r]));

/** The test rules plus two with unsafe fixes, for the fix-class tests. */
export const rulesWithUnsafe: ReadonlyMap<string, Rule<any>> = new Map([noFoo, noTodo, noteBaz, wrapQux, boundWait, noSlow].map((r) => [r.meta.id, r]));
