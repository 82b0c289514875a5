// double-start: a start-like method (`start`, `listen`, `init`, `connect`, `run`) that creates a
// timer, server, listener or loop on `this` with nothing stopping a second call from creating
// it again: two intervals, EADDRINUSE, every event handled twice, two loops on one queue.
import { ts } from 'ts-morph';
import { createRule } from '../engine/create-rule';
import { findDeclaration } from '../engine/scope';
import type { Fix, TextEdit } from '../engine/types';
import {
  enclosingFunction, hasModifier, isFunctionBoundary, leavesFunction, memberName, thisMemberName, thisOwner, unwrapAwaited,
} from './shared/ast';
import { classFieldEdit, earlyReturnFor, freeMemberName, insertAtBlockEnd, insertAtBlockTop } from './shared/class-member-edits';
import { originOfType } from './shared/resource-origin';
import { CLOSE_METHOD_NAMES, closeFunctionOf, isOnceWrapper } from './shared/second-call-guards';
import { LISTENER_REMOVAL_METHODS, bindingMakesListener, findCreations, isStartName, makesListener, type Creation } from './shared/start-shapes';

type Options = Record<string, never>;

/** What one class shows about its members, collected in the shared walk. */
interface ClassSummary {
  starts: { element: ts.ClassElement; fn: ts.FunctionLikeDeclaration; name: string }[];
  /** Close-like members (`stop`, `close`, …): where a started flag must be reset for a restart to work. */
  closers: ts.ClassElement[];
  /** Members wrapped in `once(…)`, and methods only ever run through a memoized `??=`/`||=`. */
  runOnce: Set<string>;
  /** Members assigned outside the constructor: state a guard can test. */
  changing: Set<string>;
  /** Members somewhere set back to empty (`= undefined`, `= null`, `= false`, `delete`). */
  cleared: Set<string>;
  /** Members given a non-empty value, and where: a field guard must not see a value the start did not put there. */
  filledIn: Map<string, Set<ts.ClassElement>>;
  /** Members holding a server or web app, whose `listen()` opens a port. */
  listenable: Set<string>;
}

const WHY_SECOND_CALL = 'a second call (a retry after a failed boot, a test harness, two code paths that each start the service)';
const WHAT_TO_DO = 'Return early when already started (`if (this.timer) return;`) or wrap the method in `once`.';

type MessageId = 'timer' | 'server' | 'listener' | 'loop' | 'resource';

const rule = createRule<Options, MessageId>({
  meta: {
    id: 'double-start',
    description: 'A start/listen/init/connect/run method that creates a timer, server, listener or loop with no guard against a second call.',
    defaultSeverity: 'warn',
    fixable: { safe: 'an early-return guard that every stop/close method resets' },
    fileKinds: ['script'],
    messages: {
      timer:
        `\`{{method}}()\` starts \`{{what}}\` with no guard against a second call: ${WHY_SECOND_CALL} starts a second timer and ` +
        `overwrites the handle of the first, which can then never be cleared, so the work runs twice as often and the process ` +
        `never exits on shutdown. ${WHAT_TO_DO}`,
      server:
        `\`{{method}}()\` opens a server (\`{{what}}\`) with no guard against a second call: ${WHY_SECOND_CALL} listens again and ` +
        `fails with ERR_SERVER_ALREADY_LISTEN or EADDRINUSE, or leaks the first server, which keeps its port and connections. ${WHAT_TO_DO}`,
      listener:
        `\`{{method}}()\` registers a listener (\`{{what}}\`) with no guard against a second call: ${WHY_SECOND_CALL} registers it ` +
        `again, so every event is handled twice (two replies, two writes) and listeners pile up until ` +
        `MaxListenersExceededWarning. ${WHAT_TO_DO}`,
      loop:
        `\`{{method}}()\` kicks off \`{{what}}\` with no guard against a second call: ${WHY_SECOND_CALL} starts a second loop ` +
        `alongside the first, so each job is picked up twice and the load doubles. ${WHAT_TO_DO}`,
      resource:
        `\`{{method}}()\` creates \`{{what}}\` with no guard against a second call: ${WHY_SECOND_CALL} creates another and ` +
        `overwrites the first, which keeps running with no handle left to close it. ${WHAT_TO_DO}`,
    },
    options: {},
  },

  create(ctx) {
    const classes = new Map<ts.ClassLikeDeclaration, ClassSummary>();
    /** Module-level names assigned inside functions: `if (started) return` tests real state. */
    const changingNames = new Set<string>();

    const summaryOf = (cls: ts.ClassLikeDeclaration): ClassSummary => {
      let f = classes.get(cls);
      if (!f) {
        f = { starts: [], closers: [], runOnce: new Set(), changing: new Set(), cleared: new Set(), filledIn: new Map(), listenable: new Set() };
        classes.set(cls, f);
      }
      return f;
    };

    const noteMember = (cls: ts.ClassLikeDeclaration, element: ts.ClassElement) => {
      const name = memberName(element.name);
      if (name === undefined) return;
      const fn = closeFunctionOf(element);
      if (!fn || hasModifier(element, ts.SyntaxKind.StaticKeyword)) return;
      if (isStartName(name)) summaryOf(cls).starts.push({ element, fn, name });
      if (CLOSE_METHOD_NAMES.has(name)) summaryOf(cls).closers.push(element);
    };

    const noteFilled = (summary: ClassSummary, member: string, where: ts.ClassElement) => {
      let set = summary.filledIn.get(member);
      if (!set) summary.filledIn.set(member, (set = new Set()));
      set.add(where);
    };

    return {
      [ts.SyntaxKind.MethodDeclaration](node: ts.MethodDeclaration) {
        if (ts.isClassLike(node.parent)) noteMember(node.parent, node);
      },

      [ts.SyntaxKind.PropertyDeclaration](node: ts.PropertyDeclaration) {
        if (!ts.isClassLike(node.parent)) return;
        noteMember(node.parent, node);
        const name = memberName(node.name);
        if (name === undefined) return;
        const summary = summaryOf(node.parent);
        if (originOfType(ctx, node.type)?.entry.resource.kind === 'server') summary.listenable.add(name);
        if (!node.initializer) return;
        if (makesListener(ctx, node.initializer)) summary.listenable.add(name);
        if (isOnceWrapper(node.initializer)) summary.runOnce.add(name);
        if (!isEmptyValue(node.initializer)) noteFilled(summary, name, node);
      },

      [ts.SyntaxKind.BinaryExpression](node: ts.BinaryExpression) {
        const op = node.operatorToken.kind;
        if (!isAssignment(op)) return;
        if (ts.isIdentifier(node.left) && enclosingFunction(node)) changingNames.add(node.left.text);
        const owner = thisOwner(node);
        if (!owner) return;
        const summary = summaryOf(owner.cls);
        const member = thisMemberName(node.left);
        if (member !== undefined) {
          if (!ts.isConstructorDeclaration(owner.member)) summary.changing.add(member);
          if (op === ts.SyntaxKind.EqualsToken && isEmptyValue(node.right)) summary.cleared.add(member);
          else noteFilled(summary, member, owner.member);
          if (op === ts.SyntaxKind.EqualsToken && isOnceWrapper(node.right)) summary.runOnce.add(member);
          if (listens(node.right)) summary.listenable.add(member);
        }
        // `return (this.#starting ??= this.#start())`: the memoized method runs once.
        if (op !== ts.SyntaxKind.EqualsToken) for (const m of thisMethodCalls(node.right)) summary.runOnce.add(m);
      },

      [ts.SyntaxKind.Constructor](node: ts.ConstructorDeclaration) {
        if (!ts.isClassLike(node.parent)) return;
        for (const p of node.parameters) {
          // Parameter properties: `constructor(private readonly server: http.Server)`.
          if (ts.isIdentifier(p.name) && ts.getModifiers(p)?.length && originOfType(ctx, p.type)?.entry.resource.kind === 'server') {
            summaryOf(node.parent).listenable.add(p.name.text);
          }
        }
      },

      [ts.SyntaxKind.DeleteExpression](node: ts.DeleteExpression) {
        const owner = thisOwner(node);
        const member = thisMemberName(node.expression);
        if (!owner || member === undefined) return;
        summaryOf(owner.cls).changing.add(member);
        summaryOf(owner.cls).cleared.add(member);
      },

      end() {
        for (const [cls, summary] of classes) {
          for (const start of summary.starts) checkStart(cls, summary, start);
        }
      },
    };

    /** A server or web app: a member the class fills with one, or a binding made as one. */
    function listens(expr: ts.Expression, summary?: ClassSummary): boolean {
      const e = unwrapAwaited(expr);
      const member = thisMemberName(e);
      if (member !== undefined) return summary?.listenable.has(member) ?? false;
      if (ts.isIdentifier(e)) return bindingMakesListener(ctx, e);
      return makesListener(ctx, e);
    }

    function checkStart(cls: ts.ClassLikeDeclaration, summary: ClassSummary, start: ClassSummary['starts'][number]): void {
      if (summary.runOnce.has(start.name)) return;
      const creations = findCreations(ctx, start.fn).filter((c) => !c.listenOn || listens(c.listenOn, summary));
      const unguarded = creations.filter((c) => !isGuarded(c, start.fn, summary));
      const first = unguarded[0];
      if (!first) return;
      // One guard at the top stops the whole method; report once, at its name.
      const fix = guardFix(cls, summary, start, unguarded);
      ctx.report({
        node: start.element.name!,
        messageId: first.kind,
        data: { method: start.name, what: first.display },
        severity: 'warn',
        fixes: fix ? [fix] : undefined,
      });
    }

    /** Control before the creation: an early exit or a condition on changing state, a release first, a removal of listeners first. */
    function isGuarded(c: Creation, fn: ts.FunctionLikeDeclaration, summary: ClassSummary): boolean {
      const body = fn.body!;
      const isState = (expr: ts.Expression) => readsState(expr, fn, summary);
      for (let n: ts.Node = c.node; n.parent && n !== body; n = n.parent) {
        const p = n.parent;
        if (ts.isIfStatement(p) && n !== p.expression && isState(p.expression)) return true;
        if (ts.isConditionalExpression(p) && n !== p.condition && isState(p.condition)) return true;
        if (ts.isBinaryExpression(p) && n === p.right && isShortCircuit(p.operatorToken.kind) && isState(p.left)) return true;
      }
      const pos = c.node.getStart(ctx.sourceFile);
      let guarded = false;
      const visit = (n: ts.Node): void => {
        if (guarded || n.pos >= pos || isFunctionBoundary(n)) return;
        if (ts.isIfStatement(n) && n.end <= pos && isState(n.expression) &&
          (leavesFunction(n.thenStatement) || (n.elseStatement !== undefined && leavesFunction(n.elseStatement)))) guarded = true;
        else if (ts.isCallExpression(n) && n.end <= pos && undoesFirst(n, c)) guarded = true;
        else ts.forEachChild(n, visit);
      };
      visit(body);
      return guarded;
    }

    /**
     * A call that undoes an earlier start before starting again: `this.stop()`, `clearInterval(this.timer)`,
     * `this.server?.close()`, `process.off(…)` / `removeAllListeners` before adding listeners.
     */
    function undoesFirst(call: ts.CallExpression, c: Creation): boolean {
      const callee = call.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (name === undefined) return false;
      if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword && CLOSE_METHOD_NAMES.has(name)) return true;
      if (c.kind === 'listener' && LISTENER_REMOVAL_METHODS.has(name)) return true;
      if (c.field === undefined || !ctx.knowledge.releaseNames().has(name)) return false;
      const target = ts.isPropertyAccessExpression(callee) ? unwrapAwaited(callee.expression) : call.arguments[0] && unwrapAwaited(call.arguments[0]);
      return target !== undefined && thisMemberName(target) === c.field;
    }

    /** The condition reads something that changes: a member assigned outside the constructor, a module variable some function sets, `server.listening`. */
    function readsState(expr: ts.Node, fn: ts.FunctionLikeDeclaration, summary: ClassSummary): boolean {
      if (isFunctionBoundary(expr)) return false;
      if (ts.isPropertyAccessExpression(expr)) {
        if (expr.name.text === 'listening') return true;
        const member = thisMemberName(expr);
        if (member !== undefined && summary.changing.has(member)) return true;
      }
      if (ts.isIdentifier(expr) && changingNames.has(expr.text) && !declaredWithin(expr, fn)) return true;
      return ts.forEachChild(expr, (ch) => readsState(ch, fn, summary) || undefined) ?? false;
    }

    /**
     * `if (this.timer) return;` when the method stores what it creates in a field nothing else
     * fills and that is emptied when stopped (or never stopped); otherwise a `#started` flag that
     * every close-like method resets, so stop-then-start still works.
     */
    function guardFix(cls: ts.ClassLikeDeclaration, summary: ClassSummary, start: ClassSummary['starts'][number], unguarded: Creation[]): Fix | undefined {
      const body = start.fn.body;
      const earlyReturn = earlyReturnFor(start.fn);
      if (!body || !ts.isBlock(body) || !body.statements.length || !earlyReturn) return undefined;
      const field = unguarded.map((c) => c.field).find((f): f is string => f !== undefined && canGuardWith(f, summary, start.element));
      if (field !== undefined) {
        return {
          title: `Return early from ${start.name}() when this.${field} is already set`,
          safety: 'safe',
          edits: [insertAtBlockTop(ctx, body, [`if (this.${field}) ${earlyReturn}`])],
        };
      }
      const flag = freeMemberName(cls, ['#started', '#startCalled']);
      if (flag === undefined) return undefined;
      const resets: TextEdit[] = [];
      for (const closer of summary.closers) {
        const fn = closeFunctionOf(closer);
        const closeBody = fn?.body;
        const edit = closeBody && ts.isBlock(closeBody) ? insertAtBlockEnd(ctx, closeBody, `this.${flag} = false`) : undefined;
        if (!edit) return undefined;
        resets.push(edit);
      }
      return {
        title: `Return early from ${start.name}() when already started`,
        safety: 'safe',
        edits: [
          classFieldEdit(ctx, cls, `${flag} = false`),
          insertAtBlockTop(ctx, body, [`if (this.${flag}) ${earlyReturn}`, `this.${flag} = true`]),
          ...resets,
        ],
      };
    }

    /** A field is a sound guard when only this method fills it, and stopping empties it (or nothing stops). */
    function canGuardWith(field: string, summary: ClassSummary, element: ts.ClassElement): boolean {
      const fillers = summary.filledIn.get(field);
      if (fillers && [...fillers].some((w) => w !== element)) return false;
      return summary.cleared.has(field) || summary.closers.length === 0;
    }
  },
});

function isAssignment(op: ts.SyntaxKind): boolean {
  return op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken ||
    op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken;
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}

/** `undefined`, `null`, `false`, `void 0`: the value of a field that holds nothing started. */
function isEmptyValue(expr: ts.Expression): boolean {
  const e = unwrapAwaited(expr);
  return e.kind === ts.SyntaxKind.NullKeyword || e.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isIdentifier(e) && e.text === 'undefined') || ts.isVoidExpression(e);
}

/** Names of `this` methods called in an expression: `this.#start()` in `this.#starting ??= this.#start()`. */
function thisMethodCalls(expr: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (isFunctionBoundary(n) && !ts.isArrowFunction(n)) return;
    if (ts.isCallExpression(n)) {
      const callee = unwrapAwaited(n.expression);
      const name = thisMemberName(callee);
      if (name !== undefined) out.push(name);
    }
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return out;
}

/** True when `id` is declared inside `fn` (a local or parameter), so testing it says nothing about earlier calls. */
function declaredWithin(id: ts.Identifier, fn: ts.FunctionLikeDeclaration): boolean {
  for (let n: ts.Node | undefined = findDeclaration(id.text, id); n; n = n.parent) if (n === fn) return true;
  return false;
}

export default rule;
