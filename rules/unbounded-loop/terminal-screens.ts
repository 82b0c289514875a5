// A screen refresh: `const draw = () => { charm.erase('screen'); …; setTimeout(draw, interval) }`
// repaints a terminal UI (cote's monitor, a `top`-like node list). It touches only the terminal,
// so no later run uses a closed connection, and it is meant to run until the person watching
// quits; the rescheduling is the screen's life, not a leak.
import { ts } from 'ts-morph';
import { TERMINAL_SCREEN_LIBRARIES } from '../../engine/knowledge';
import { requiredSpecifier } from '../../engine/module-symbols';
import { findDeclaration } from '../../engine/scope';
import type { RuleContext } from '../../engine/types';
import { isFunctionBoundary } from '../shared/ast';

/** The function's own body (not its callbacks) calls a terminal-screen library: `charm.erase('screen')`, `screen.render()`. */
export function repaintsTerminalScreen(ctx: RuleContext, fn: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (!body) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionBoundary(n)) return;
    if (ts.isCallExpression(n)) {
      const root = rootIdentifier(n.expression);
      const module = root && moduleOf(ctx, root);
      if (module !== undefined && TERMINAL_SCREEN_LIBRARIES.has(module)) found = true;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** `charm` in `charm.position(0, 2).write('Name')`. */
function rootIdentifier(e: ts.Expression): ts.Identifier | undefined {
  let x: ts.Expression = e;
  while (ts.isPropertyAccessExpression(x) || ts.isCallExpression(x) || ts.isParenthesizedExpression(x)) x = x.expression;
  return ts.isIdentifier(x) ? x : undefined;
}

/**
 * The library a binding comes from: an import (`import blessed from 'blessed'`), or a variable
 * made from a library required in place (`const charm = require('charm')()`, `blessed.screen()`
 * on an import).
 */
function moduleOf(ctx: RuleContext, id: ts.Identifier, depth = 0): string | undefined {
  const imported = ctx.imports.get(id.text);
  if (imported) return imported.module.replace(/^node:/, '');
  const decl = findDeclaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || depth > 2) return undefined;
  let x: ts.Expression = decl.initializer;
  for (;;) {
    const required = requiredSpecifier(x);
    if (required !== undefined) return required.replace(/^node:/, '');
    if (ts.isCallExpression(x) || ts.isPropertyAccessExpression(x) || ts.isParenthesizedExpression(x) || ts.isAwaitExpression(x)) x = x.expression;
    else break;
  }
  return ts.isIdentifier(x) ? moduleOf(ctx, x, depth + 1) : undefined;
}
