// Compile-time tests of the rule API, checked by `npm run typecheck` (not run): each
// `@ts-expect-error` must meet an error, or tsc fails on the unused directive.
import { ts } from 'ts-morph';
import { createRule } from '../engine/create-rule';
import type { Visitor } from '../engine/types';

type MessageId = 'unbounded' | 'blocking';

export const typedRule = createRule<{ limit: number }, MessageId>({
  meta: {
    id: 'typed-rule',
    description: 'Exercises the types of createRule.',
    defaultSeverity: 'warn',
    fixable: {},
    fileKinds: ['script'],
    messages: { unbounded: 'Unbounded {{what}}.', blocking: 'Blocks the event loop.' },
    options: { limit: { type: 'number', description: 'A limit.', default: 8 } },
  },
  create(ctx) {
    return {
      [ts.SyntaxKind.CallExpression](node) {
        // The handler's node is typed by its key.
        ctx.report({ node: node.expression, messageId: 'unbounded', data: { what: node.arguments.length } });
        // @ts-expect-error a misspelt message id
        ctx.report({ node, messageId: 'unbouned' });
      },
      [ts.SyntaxKind.NewExpression]: (node: ts.CallExpression | ts.NewExpression) => void node.expression,
      end() {
        const limit: number = ctx.options.limit;
        void limit;
      },
    };
  },
});

export const wrongDefault = createRule<{ limit: number }, MessageId>({
  meta: {
    id: 'wrong-default',
    description: 'An option whose default is not of its type.',
    defaultSeverity: 'warn',
    fixable: {},
    fileKinds: ['script'],
    messages: { unbounded: 'Unbounded.', blocking: 'Blocks.' },
    // @ts-expect-error the default of a number option is a string
    options: { limit: { type: 'number', description: 'A limit.', default: '8' } },
  },
  create: () => ({}),
});

export const missingMessage = createRule<Record<string, never>, MessageId>({
  meta: {
    id: 'missing-message',
    description: 'A message id with no text.',
    defaultSeverity: 'warn',
    fixable: {},
    fileKinds: ['script'],
    // @ts-expect-error `blocking` has no text
    messages: { unbounded: 'Unbounded.' },
    options: {},
  },
  create: () => ({}),
});

export const wrongHandler: Visitor = {
  [ts.SyntaxKind.WhileStatement]: (node: ts.WhileStatement) => void node.statement,
  // @ts-expect-error a handler written for another node type than its key's
  [ts.SyntaxKind.ForStatement]: (node: ts.CallExpression) => void node.arguments,
};

export const ruleWithWrongHandler = createRule<Record<string, never>, MessageId>({
  meta: {
    id: 'wrong-handler',
    description: 'A visitor handler for the wrong node type, inside a rule.',
    defaultSeverity: 'warn',
    fixable: {},
    fileKinds: ['script'],
    messages: { unbounded: 'Unbounded.', blocking: 'Blocks.' },
    options: {},
  },
  // @ts-expect-error create returns a visitor whose WhileStatement handler takes a call
  create: () => ({ [ts.SyntaxKind.WhileStatement]: (node: ts.CallExpression) => void node.arguments }),
});

export const ruleWithFacts = createRule<Record<string, never>, MessageId, 'released'>({
  meta: {
    id: 'with-facts',
    description: 'Project facts are typed by kind.',
    defaultSeverity: 'warn',
    fixable: {},
    fileKinds: ['script'],
    messages: { unbounded: 'Unbounded.', blocking: 'Blocks.' },
    options: {},
  },
  create(ctx) {
    return {
      [ts.SyntaxKind.Identifier](node) {
        const ref = ctx.factRef(node);
        if (!ref) return;
        ctx.addFact({ kind: 'released', ref });
        // @ts-expect-error a misspelt fact kind
        ctx.addFact({ kind: 'relesed', ref });
        ctx.report({ node, messageId: 'unbounded', unlessAny: [{ kind: 'released', ref }] });
      },
    };
  },
});
