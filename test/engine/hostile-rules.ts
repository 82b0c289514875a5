// Rules that misbehave on purpose, for the isolation tests: one throws, one recurses without
// end, one allocates without bound, each only on files that name it. Worker threads load this
// module by path (`rules` export), as they load any rules module.
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import type { Rule } from '../../engine/types';
import { probeRule } from './helpers';

const marker = (text: string, word: string) => text.includes(`@${word}`);

export const throwingRule = createRule<Record<string, never>, 'never', never>({
  meta: {
    id: 'throws', description: 'throws on a call in files marked @throws', defaultSeverity: 'warn', fixable: {},
    fileKinds: ['script'], messages: { never: 'never' }, options: {},
  },
  create(ctx) {
    if (!marker(ctx.text, 'throws')) return {};
    return {
      [ts.SyntaxKind.CallExpression]() {
        throw new TypeError('cannot read properties of undefined (reading "kind")');
      },
    };
  },
});

/** A rule with its own recursion over the tree, as several real rules have. */
export const recursingRule = createRule<Record<string, never>, 'never', never>({
  meta: {
    id: 'recurses', description: 'walks the tree recursively', defaultSeverity: 'warn', fixable: {},
    fileKinds: ['script'], messages: { never: 'never' }, options: {},
  },
  create(ctx) {
    return {
      end() {
        let count = 0;
        const visit = (n: ts.Node): void => {
          count++;
          ts.forEachChild(n, visit);
        };
        visit(ctx.sourceFile);
        void count;
      },
    };
  },
});

export const hungryRule = createRule<Record<string, never>, 'never', never>({
  meta: {
    id: 'hungry', description: 'allocates without bound in files marked @hungry', defaultSeverity: 'warn', fixable: {},
    fileKinds: ['script'], messages: { never: 'never' }, options: {},
  },
  create(ctx) {
    if (!marker(ctx.text, 'hungry')) return {};
    return {
      end() {
        const hoard: string[][] = [];
        for (;;) hoard.push(Array.from({ length: 10_000 }, (_, i) => `${i}`.repeat(8)));
      },
    };
  },
});

export const endlessRule = createRule<Record<string, never>, 'never', never>({
  meta: {
    id: 'endless', description: 'never ends on files marked @endless', defaultSeverity: 'warn', fixable: {},
    fileKinds: ['script'], messages: { never: 'never' }, options: {},
  },
  create(ctx) {
    if (!marker(ctx.text, 'endless')) return {};
    return {
      end() {
        for (;;) {
          // a rule stuck in a loop
        }
      },
    };
  },
});

/** A rule whose own recursion never ends on files marked @overflows, however shallow the file. */
export const overflowingRule = createRule<Record<string, never>, 'never', never>({
  meta: {
    id: 'overflows', description: 'recurses without end in files marked @overflows', defaultSeverity: 'warn', fixable: {},
    fileKinds: ['script'], messages: { never: 'never' }, options: {},
  },
  create(ctx) {
    if (!marker(ctx.text, 'overflows')) return {};
    const follow = (n: number): number => follow(n + 1) + 1;
    return {
      end() {
        follow(0);
      },
    };
  },
});

export const rules = new Map<string, Rule<any>>([
  ['probe', probeRule], ['throws', throwingRule], ['recurses', recursingRule], ['hungry', hungryRule], ['endless', endlessRule],
  ['overflows', overflowingRule],
]);
export const HOSTILE_MODULE = __filename;
