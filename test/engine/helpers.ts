// A small probe rule that reports what the engine tells rules (callees, cross-file facts) so
// tests can assert on it; temporary projects come from ../temp-project.
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import type { Rule } from '../../engine/types';

export { tempProject } from '../temp-project';


/**
 * Reports every call/new whose callee the engine resolves to a library, as `module:call`, and
 * (cross-file) every `new Pool()` bound to a name that no file ever calls `.end()` on.
 */
export const probeRule = createRule<{ modules: string[] }, 'types' | 'callee' | 'leak' | 'loop', 'ended'>({
  meta: {
    id: 'probe',
    description: 'test probe',
    defaultSeverity: 'warn',
    fixable: { safe: 'stops the loop' },
    fileKinds: ['script'],
    messages: { types: 'props {{names}}', callee: 'callee {{what}}', leak: 'pool {{name}} is never ended', loop: 'while (true)' },
    options: { modules: { type: 'string[]', description: 'modules to report', default: ['pg', 'axios', 'undici', 'global', 'child_process', 'http'] } },
  },
  create(ctx) {
    const modules = ctx.options.modules;
    const callee = (node: ts.CallExpression | ts.NewExpression) => {
      const c = ctx.resolveCallee(node.expression);
      if (c && modules.includes(c.module) && !(c.module === 'global' && c.call !== 'fetch')) {
        ctx.report({ node, messageId: 'callee', data: { what: `${c.module}:${c.call}` } });
      }
    };
    return {
      [ts.SyntaxKind.CallExpression](node: ts.CallExpression) {
        if (ts.isIdentifier(node.expression) && node.expression.text === 'inspectType') {
          const names = ctx.typeProperties(node.arguments[0]);
          ctx.report({ node, messageId: 'types', data: { names: names ? names.join(',') : 'unknown' } });
          return;
        }
        callee(node);
        const e = node.expression;
        if (ts.isPropertyAccessExpression(e) && e.name.text === 'end' && ts.isIdentifier(e.expression)) {
          const ref = ctx.factRef(e.expression);
          if (ref) ctx.addFact({ kind: 'ended', ref });
        }
      },
      [ts.SyntaxKind.NewExpression](node: ts.NewExpression) {
        callee(node);
        const c = ctx.resolveCallee(node.expression);
        if (c?.module === 'pg' && c.call === 'Pool' && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) {
          const ref = ctx.factRef(node.parent.name)!;
          ctx.report({ node, messageId: 'leak', data: { name: node.parent.name.text }, unlessAny: [{ kind: 'ended', ref }] });
        }
      },
      [ts.SyntaxKind.WhileStatement](node: ts.WhileStatement) {
        if (node.expression.kind === ts.SyntaxKind.TrueKeyword) {
          ctx.report({ node, messageId: 'loop', fixes: [{ title: 'stop', safety: 'safe', edits: [ctx.edit(ctx.rangeOf(node.expression), 'false')] }] });
        }
      },
    };
  },
});

export const probeRules = new Map<string, Rule<any>>([['probe', probeRule]]);

/** For worker threads, which load rules by module path. */
export const rules = probeRules;
export const PROBE_MODULE = __filename;
