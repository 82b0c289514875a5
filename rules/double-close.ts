// double-close: a release that can run twice and throw or corrupt state the second time — a
// close-like method with no guard against a second call, or one binding released in `catch`
// (or `try`) and again in `finally`.
import { ts } from 'ts-morph';
import { createRule } from '../engine/create-rule';
import { codeStyle, indentationAt, lineStartOf, semi } from '../engine/fix-text';
import { findDeclaration } from '../engine/scope';
import type { Fix, TextEdit } from '../engine/types';
import { hasModifier, isFunctionBoundary, leavesFunction, memberName, thisMemberName, thisOwner, unwrapAwaited } from './shared/ast';
import { classFieldEdit, earlyReturnFor, freeMemberName, insertAtBlockTop } from './shared/class-member-edits';
import { originOfType, originOfValue, type ResourceOrigin } from './shared/resource-origin';
import { CLOSE_METHOD_NAMES, closeFunctionOf, isOnceWrapper, mentionsAny, stateKey } from './shared/second-call-guards';

type Options = Record<string, never>;

/** Methods that check a connection out of a pool; what they return goes back with the pool's `checkoutRelease`. */
const CHECKOUT_METHODS = new Set(['connect', 'getConnection', 'acquire']);

/**
 * What a checkout from a pool we cannot see (imported from another module) is returned with.
 * Returning a checkout twice is never idempotent: the pool would hand one connection to two callers.
 */
const UNKNOWN_POOL_CHECKOUT_RELEASE = ['release', 'destroy'];

/** What a class shows about its members: resources they hold, fields, methods wrapped in `once`. */
interface ClassSummary {
  resources: Map<string, ResourceOrigin>;
  /** Boolean fields (declared, or set to a boolean in the constructor) that a guard could reuse. */
  booleanFields: Map<string, { isStatic: boolean; readonly: boolean }>;
  onceWrapped: Set<string>;
}

/** A release of a member (`this.pool.end()`, `clearInterval(this.timer)`) inside a close-like member. */
interface MemberRelease {
  call: ts.CallExpression;
  member: string;
  method: string;
  cls: ts.ClassLikeDeclaration;
  element: ts.ClassElement;
  fn: ts.FunctionLikeDeclaration;
}

type MessageId = 'unguardedClose' | 'releasedTwice';

const rule = createRule<Options, MessageId>({
  meta: {
    id: 'double-close',
    description: 'A release that can run twice and throw or corrupt state the second time.',
    defaultSeverity: 'warn',
    fixable: { safe: 'a closed-flag guard; removing the same release from `catch`', suggestion: 'removing a different release (unsafe)' },
    fileKinds: ['script'],
    messages: {
      unguardedClose:
        '`{{call}}` ({{library}}) throws or corrupts state when it runs a second time, and `{{method}}` has no guard against ' +
        'a second call. Shutdown paths call close twice (SIGTERM then SIGINT, or `close()` followed by dispose), and the ' +
        'second call fails in the middle of shutdown. Return early once closed (`if (this.#closed) return; this.#closed = true;`) ' +
        'or wrap the method in `once`.',
      releasedTwice:
        '`{{call}}` in `finally` runs after `{{target}}` was already released in the `{{where}}` block, so on that path it is ' +
        'released twice: the second release throws (and replaces the original error) or returns one connection to its pool ' +
        'twice, handing it to two callers at once. Release it in `finally` only.',
    },
    options: {},
  },

  create(ctx) {
    const classes = new Map<ts.ClassLikeDeclaration, ClassSummary>();
    const assignedIn = new Map<ts.Node, Set<string>>();
    const releases: MemberRelease[] = [];
    const tries: ts.TryStatement[] = [];
    /** Member names assigned outside constructors: a flag other code sets is not ours to reuse. */
    const setElsewhere = new Set<string>();

    const summaryOf = (cls: ts.ClassLikeDeclaration): ClassSummary => {
      let f = classes.get(cls);
      if (!f) {
        f = { resources: new Map(), booleanFields: new Map(), onceWrapped: new Set() };
        classes.set(cls, f);
      }
      return f;
    };

    const recordAssignment = (node: ts.Node, key: string): void => {
      // Attributed to every function up to the first one that rebinds `this`: a guard set in an
      // arrow inside `close()` is set by `close()`.
      for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
        if (!ts.isFunctionLike(n)) continue;
        let keys = assignedIn.get(n);
        if (!keys) assignedIn.set(n, (keys = new Set()));
        keys.add(key);
        if (!ts.isArrowFunction(n)) break;
      }
    };

    return {
      [ts.SyntaxKind.PropertyDeclaration](node: ts.PropertyDeclaration) {
        if (!ts.isClassLike(node.parent)) return;
        const name = memberName(node.name);
        if (name === undefined) return;
        const summary = summaryOf(node.parent);
        const origin = node.initializer ? originOfValue(ctx, node.initializer) : originOfType(ctx, node.type);
        if (origin) summary.resources.set(name, origin);
        if (node.initializer && isOnceWrapper(node.initializer)) summary.onceWrapped.add(name);
        const isBooleanLiteral = node.initializer?.kind === ts.SyntaxKind.FalseKeyword || node.initializer?.kind === ts.SyntaxKind.TrueKeyword;
        if (isBooleanLiteral || node.type?.kind === ts.SyntaxKind.BooleanKeyword) {
          summary.booleanFields.set(name, { isStatic: hasModifier(node, ts.SyntaxKind.StaticKeyword), readonly: hasModifier(node, ts.SyntaxKind.ReadonlyKeyword) });
        }
      },

      [ts.SyntaxKind.Constructor](node: ts.ConstructorDeclaration) {
        if (!ts.isClassLike(node.parent)) return;
        for (const p of node.parameters) {
          // Parameter properties: `constructor(private readonly pool: Pool)`.
          if (!ts.isIdentifier(p.name) || !ts.getModifiers(p)?.length) continue;
          const origin = originOfType(ctx, p.type);
          if (origin) summaryOf(node.parent).resources.set(p.name.text, origin);
        }
      },

      [ts.SyntaxKind.BinaryExpression](node: ts.BinaryExpression) {
        const op = node.operatorToken.kind;
        if (op !== ts.SyntaxKind.EqualsToken && op !== ts.SyntaxKind.QuestionQuestionEqualsToken &&
          op !== ts.SyntaxKind.BarBarEqualsToken && op !== ts.SyntaxKind.AmpersandAmpersandEqualsToken) return;
        const key = stateKey(node.left);
        if (key) recordAssignment(node, key);
        const owner = thisOwner(node);
        if (ts.isPropertyAccessExpression(node.left) && !(owner && ts.isConstructorDeclaration(owner.member))) setElsewhere.add(node.left.name.text);
        const member = thisMemberName(node.left);
        if (member === undefined || op !== ts.SyntaxKind.EqualsToken || !owner) return;
        const summary = summaryOf(owner.cls);
        const origin = originOfValue(ctx, node.right);
        if (origin) summary.resources.set(member, origin);
        if (isOnceWrapper(node.right)) summary.onceWrapped.add(member);
        if (ts.isConstructorDeclaration(owner.member) && node.right.kind === ts.SyntaxKind.FalseKeyword && !summary.booleanFields.has(member)) {
          summary.booleanFields.set(member, { isStatic: false, readonly: false });
        }
      },

      [ts.SyntaxKind.DeleteExpression](node: ts.DeleteExpression) {
        const key = stateKey(node.expression);
        if (key) recordAssignment(node, key);
      },

      [ts.SyntaxKind.CallExpression](node: ts.CallExpression) {
        const found = memberReleaseOf(node);
        if (!found) return;
        const owner = thisOwner(node);
        if (!owner) return;
        const name = memberName(owner.member.name);
        const fn = closeFunctionOf(owner.member);
        if (name === undefined || !CLOSE_METHOD_NAMES.has(name) || !fn) return;
        releases.push({ ...found, call: node, cls: owner.cls, element: owner.member, fn });
      },

      [ts.SyntaxKind.TryStatement](node: ts.TryStatement) {
        if (node.finallyBlock) tries.push(node);
      },

      end() {
        for (const r of releases) checkCloseMethod(r);
        for (const t of tries) checkTryFinally(t);
      },
    };

    function checkCloseMethod(r: MemberRelease): void {
      const summary = classes.get(r.cls);
      const origin = summary?.resources.get(r.member);
      if (!summary || !origin) return;
      const { resource } = origin.entry;
      if (!resource.release.includes(r.method) || resource.releaseIdempotent) return;
      const methodName = memberName(r.element.name)!;
      if (summary.onceWrapped.has(methodName) || isGuarded(r)) return;
      const fix = guardFix(r, summary);
      ctx.report({
        node: r.call,
        messageId: 'unguardedClose',
        data: { call: callText(r.call), library: describeRelease(origin, r.method), method: `${methodName}()` },
        severity: 'warn',
        fixes: fix ? [fix] : undefined,
      });
    }

    /** A guard: the method sets some state and the release only runs when that state says "open". */
    function isGuarded(r: MemberRelease): boolean {
      const assigned = assignedIn.get(r.fn);
      if (!assigned?.size) return false;
      const callee = r.call.expression;
      // `this.pool?.end(); this.pool = undefined;`
      if (ts.isPropertyAccessExpression(callee) && callee.questionDotToken && assigned.has('m:' + r.member)) return true;
      const body = r.fn.body;
      for (let n: ts.Node = r.call; n.parent && n !== body; n = n.parent) {
        const p = n.parent;
        if (ts.isIfStatement(p) && n !== p.expression && mentionsAny(p.expression, assigned)) return true;
        if (ts.isConditionalExpression(p) && n !== p.condition && mentionsAny(p.condition, assigned)) return true;
        if (ts.isBinaryExpression(p) && n === p.right && isShortCircuit(p.operatorToken.kind) && mentionsAny(p.left, assigned)) return true;
      }
      return body !== undefined && hasEarlyExitBefore(body, r.call.getStart(ctx.sourceFile), assigned);
    }

    /** An `if (<state>) return|throw` before `pos` in the function body (nested functions aside). */
    function hasEarlyExitBefore(body: ts.Node, pos: number, keys: ReadonlySet<string>): boolean {
      const visit = (n: ts.Node): boolean => {
        if (n.pos >= pos || isFunctionBoundary(n)) return false;
        if (ts.isIfStatement(n) && n.end <= pos && mentionsAny(n.expression, keys) &&
          (leavesFunction(n.thenStatement) || (n.elseStatement !== undefined && leavesFunction(n.elseStatement)))) return true;
        return ts.forEachChild(n, (c) => visit(c) || undefined) ?? false;
      };
      return visit(body);
    }

    /** `if (this.#closed) return; this.#closed = true;` at the top of the method, reusing a boolean closed flag if the class has one. */
    function guardFix(r: MemberRelease, summary: ClassSummary): Fix | undefined {
      const body = r.fn.body;
      if (!body || !ts.isBlock(body) || !body.statements.length) return undefined;
      const earlyReturn = earlyReturnFor(r.fn);
      if (!earlyReturn) return undefined;
      const sf = ctx.sourceFile;
      const text = ctx.text;
      const style = codeStyle(sf);
      const isStatic = hasModifier(r.element, ts.SyntaxKind.StaticKeyword);
      const reuse = [...summary.booleanFields].find(([name, f]) =>
        CLOSED_FLAG.test(name) && f.isStatic === isStatic && !f.readonly && !setElsewhere.has(name))?.[0];
      const fresh = freeMemberName(r.cls, ['#closed', '#closeCalled', '#released']);
      if (reuse === undefined && fresh === undefined) return undefined;
      const flagName = reuse ?? fresh!;
      const flag = `this.${flagName}`;
      const edits: TextEdit[] = [];

      const checked = reuse === undefined ? undefined : body.statements.find((s) =>
        ts.isIfStatement(s) && stateKey(s.expression) === 'm:' + reuse && leavesFunction(s.thenStatement) && !s.elseStatement);
      if (checked) {
        // The flag is checked but never set: set it right after the check.
        const inline = lineStartOf(text, body.statements[0].getStart(sf)) <= body.getStart(sf);
        const indent = indentationAt(text, checked.getStart(sf));
        edits.push(ctx.edit({ start: checked.end, end: checked.end }, inline ? ` ${flag} = true${semi(style)}` : `${style.eol}${indent}${flag} = true${semi(style)}`));
      } else {
        edits.push(insertAtBlockTop(ctx, body, [`if (${flag}) ${earlyReturn}`, `${flag} = true`]));
      }
      if (reuse === undefined) edits.push(classFieldEdit(ctx, r.cls, `${isStatic ? 'static ' : ''}${flagName} = false`));
      return { title: `Return early from ${memberName(r.element.name)}() when already closed`, safety: 'safe', edits };
    }

    function checkTryFinally(t: ts.TryStatement): void {
      const finallyBlock = t.finallyBlock!;
      const earlier = [
        ...collectReleases(t.tryBlock, false).map((c) => ({ ...c, where: 'try' })),
        ...(t.catchClause ? collectReleases(t.catchClause.block, false).map((c) => ({ ...c, where: 'catch' })) : []),
      ];
      if (!earlier.length) return;
      const reported = new Set<string>();
      for (const second of collectReleases(finallyBlock, true)) {
        if (reported.has(second.target)) continue;
        const firsts = earlier.filter((e) => e.target === second.target);
        if (!firsts.length) continue;
        reported.add(second.target);
        const removable = firsts.every((f) => standaloneStatement(f.call) !== undefined);
        const fix: Fix | undefined = removable ? {
          title: `Remove the release of \`${second.targetText}\` from the ${firsts[0].where} block (finally releases it)`,
          // Removing a different release (`destroy()` before `release()`) changes what runs.
          safety: firsts.every((f) => callText(f.call) === callText(second.call)) ? 'safe' : 'unsafe',
          edits: firsts.map((f) => removeStatement(standaloneStatement(f.call)!)),
        } : undefined;
        // Removing a different release (`destroy()` before `release()`) changes what happens: a human decides.
        const same = firsts.every((f) => callText(f.call) === callText(second.call));
        ctx.report({
          node: second.call,
          messageId: 'releasedTwice',
          data: { call: callText(second.call), target: second.targetText, where: firsts[0].where },
          severity: 'error',
          fixes: fix && same ? [fix] : undefined,
          suggestions: fix && !same ? [fix] : undefined,
        });
      }
    }

    /** Non-idempotent releases in a block (nested functions aside); in `finally`, only unconditional ones. */
    function collectReleases(block: ts.Block, unconditionalOnly: boolean): { call: ts.CallExpression; target: string; targetText: string }[] {
      const out: { call: ts.CallExpression; target: string; targetText: string }[] = [];
      const visit = (n: ts.Node, conditional: boolean): void => {
        if (isFunctionBoundary(n)) return;
        if (ts.isCallExpression(n) && !(unconditionalOnly && conditional)) {
          const r = bindingRelease(n);
          if (r) out.push({ call: n, ...r });
        }
        ts.forEachChild(n, (c) => visit(c, conditional || isConditionalChild(n, c)));
      };
      visit(block, false);
      return out;
    }

    /** `client.release()` where `client` is a checkout or a resource whose release is not idempotent. */
    function bindingRelease(call: ts.CallExpression): { target: string; targetText: string } | undefined {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || callee.questionDotToken) return undefined;
      const method = callee.name.text;
      const obj = unwrapAwaited(callee.expression);
      let releases: readonly string[] | undefined;
      let target: string;
      const member = thisMemberName(obj);
      if (member !== undefined) {
        const owner = thisOwner(call);
        const origin = owner && classes.get(owner.cls)?.resources.get(member);
        releases = origin && !origin.entry.resource.releaseIdempotent ? origin.entry.resource.release : undefined;
        target = 'm:' + member;
      } else if (ts.isIdentifier(obj)) {
        const decl = findDeclaration(obj.text, obj);
        if (!decl) return undefined;
        releases = bindingReleases(decl);
        target = `id:${decl.pos}`;
      } else {
        return undefined;
      }
      return releases?.includes(method) ? { target, targetText: obj.getText(ctx.sourceFile) } : undefined;
    }

    /** How a declared binding is released, when that release is not idempotent. */
    function bindingReleases(decl: ts.Node): readonly string[] | undefined {
      if (ts.isParameter(decl)) {
        const origin = originOfType(ctx, decl.type);
        return origin && !origin.entry.resource.releaseIdempotent ? origin.entry.resource.release : undefined;
      }
      if (!ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
      const origin = originOfValue(ctx, decl.initializer) ?? originOfType(ctx, decl.type);
      if (origin) return origin.entry.resource.releaseIdempotent ? undefined : origin.entry.resource.release;
      // A checkout: `await pool.connect()`, `await pool.getConnection()`, `await pool.acquire()`.
      const init = unwrapAwaited(decl.initializer);
      if (!ts.isCallExpression(init) || !ts.isPropertyAccessExpression(init.expression) || !CHECKOUT_METHODS.has(init.expression.name.text)) return undefined;
      const pool = poolOrigin(unwrapAwaited(init.expression.expression), init);
      if (pool === 'unknown') return UNKNOWN_POOL_CHECKOUT_RELEASE;
      return pool?.entry.resource.checkoutRelease;
    }

    /** What a pool expression is: a known resource, something we cannot see ('unknown'), or not a pool. */
    function poolOrigin(expr: ts.Expression, at: ts.Node): ResourceOrigin | 'unknown' | undefined {
      const member = thisMemberName(expr);
      if (member !== undefined) {
        const owner = thisOwner(at);
        return (owner && classes.get(owner.cls)?.resources.get(member)) ?? 'unknown';
      }
      if (!ts.isIdentifier(expr)) return 'unknown';
      const decl = findDeclaration(expr.text, expr);
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer && !ctx.imports.has(expr.text)) {
        return originOfValue(ctx, decl.initializer) ?? originOfType(ctx, decl.type) ?? 'unknown';
      }
      if (decl && ts.isParameter(decl)) return originOfType(ctx, decl.type) ?? 'unknown';
      return 'unknown';
    }

    function standaloneStatement(call: ts.CallExpression): ts.ExpressionStatement | undefined {
      const p = ts.isAwaitExpression(call.parent) ? call.parent.parent : call.parent;
      // Only a statement in a block can go without leaving `if (x)` with nothing to run.
      return ts.isExpressionStatement(p) && ts.isBlock(p.parent) ? p : undefined;
    }

    /** Deletes a statement, and its whole line when it is alone on it. */
    function removeStatement(stmt: ts.Statement): TextEdit {
      const text = ctx.text;
      const start = stmt.getStart(ctx.sourceFile);
      const lineStart = lineStartOf(text, start);
      let lineEnd = text.indexOf('\n', stmt.end);
      if (lineEnd < 0) lineEnd = text.length;
      const aloneOnLine = /^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t\r]*$/.test(text.slice(stmt.end, lineEnd));
      if (aloneOnLine) return ctx.edit({ start: lineStart, end: Math.min(lineEnd + 1, text.length) }, '');
      let end = stmt.end;
      while (text[end] === ' ' || text[end] === '\t') end++;
      return ctx.edit({ start, end }, '');
    }

    function callText(call: ts.CallExpression): string {
      return call.getText(ctx.sourceFile).replace(/\s+/g, ' ');
    }
  },
});

/**
 * Names of boolean fields a guard can reuse as its "closed" flag: states after closing only
 * (`stopping` is usually set by whoever starts the shutdown, so it cannot double as the guard).
 */
const CLOSED_FLAG = /^#?_?(is)?(closed|Closed|stopped|Stopped|disposed|Disposed|ended|Ended|destroyed|Destroyed)$/;

/** `this.pool.end()` or `clearInterval(this.timer)`: the member released and the release's name. */
function memberReleaseOf(call: ts.CallExpression): { member: string; method: string } | undefined {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) {
    const member = thisMemberName(unwrapAwaited(callee.expression));
    if (member !== undefined) return { member, method: callee.name.text };
  }
  const fnName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  const arg = call.arguments[0];
  const member = arg && thisMemberName(unwrapAwaited(arg));
  return fnName !== undefined && member !== undefined ? { member, method: fnName } : undefined;
}

/** `pg Pool.end()`, `http.createServer().close()`: what the release is, for the message. */
function describeRelease(origin: ResourceOrigin, method: string): string {
  const { entry } = origin;
  if (entry.invoke === 'new') return `${entry.module} ${entry.call || entry.module}.${method}()`;
  return `${entry.module}${entry.call ? '.' + entry.call : ''}().${method}()`;
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
    kind === ts.SyntaxKind.BarBarEqualsToken || kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken;
}

/** True when `child` of `parent` runs only on some paths (a branch, a right operand, an optional call). */
function isConditionalChild(parent: ts.Node, child: ts.Node): boolean {
  if (ts.isIfStatement(parent) || ts.isConditionalExpression(parent)) return child !== (ts.isIfStatement(parent) ? parent.expression : parent.condition);
  if (ts.isBinaryExpression(parent)) return child === parent.right && isShortCircuit(parent.operatorToken.kind);
  if (ts.isCaseClause(parent) || ts.isDefaultClause(parent) || ts.isCatchClause(parent)) return true;
  if (ts.isIterationStatement(parent, false)) return child === parent.statement;
  return false;
}

export default rule;
