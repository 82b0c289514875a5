// unbounded-loop: a loop that can never end and that nothing can stop (`while (true)` with no
// exit and no stop-signal check, or a loop on a flag nothing ever clears), and a function that
// reschedules itself with setTimeout on every run.
import { ts } from 'ts-morph';
import * as path from 'node:path';
import { createRule } from '../../engine/create-rule';
import { codeStyle, semi } from '../../engine/fix-text';
import { importFromRuntime } from '../../engine/runtime-shim';
import { findDeclaration } from '../../engine/scope';
import type { FactRef, Fix, RuleContext, RuleFact, TextEdit } from '../../engine/types';
import { Outer, skipOuter } from '../shared/ast';
import { analyzeLoopBody, isProcessExit, keywordRange, loopHeader, type Loop } from '../shared/loop-exits';
import { isShutdownLibraryImport, signalHandlingOf } from '../shared/shutdown-handlers';
import { signalInScope } from '../shared/signal-in-scope';
import { readsFromConnection } from './connection-reads';
import { repaintsTerminalScreen } from './terminal-screens';
import { endsOnExpectedError } from './error-exits';

/** What this rule sees through: parentheses, `!` and `as`. */
const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;

type Options = Record<string, never>;

/** A loop condition that is a flag: what it reads and the fact that shows some code stops it. */
interface FlagCondition {
  display: string;
  /** The value that ends the loop: `false` for `while (running)`, `true` for `while (!stopped)`. */
  stopValue: 'false' | 'true';
  stopFact: RuleFact<FactKind>;
  /** For `this.x`, the class that must show `x` is a boolean flag. */
  member?: { cls: ts.ClassLikeDeclaration; name: string };
}

const STOP_SIGNAL_HINT = 'Loop on `!signal.aborted` (an AbortSignal aborted on shutdown) or add an exit.';
const NO_EXIT = 'Its body has no break, return or throw that leaves it and checks no stop signal';
const BLOCKS = 'with no `await` inside it never yields, so the process stops answering requests, health checks and SIGTERM until it is killed.';
const HANGS = 'so nothing can stop it: on shutdown it keeps running until the process is killed in the middle of an iteration.';

/**
 * The project facts this rule records and reads: a flag binding set or cleared (`set`, `cleared`), a
 * member of that name set or cleared anywhere (`set-member`, `cleared-member`), a timer handle
 * cleared, a package whose SIGTERM/SIGINT handler ends the process (`signal-exits`, by folder).
 */
type FactKind = 'set' | 'cleared' | 'set-member' | 'cleared-member' | 'timer-cleared' | 'signal-exits';

type MessageId = 'blocking' | 'endless' | 'blockingFlag' | 'endlessFlag' | 'selfReschedule';

const rule = createRule<Options, MessageId, FactKind>({
  meta: {
    id: 'unbounded-loop',
    description: 'A loop that can never end and that nothing can stop, or a function that reschedules itself unconditionally.',
    defaultSeverity: 'warn',
    fixable: { unsafe: 'loop (or reschedule) only while `!signal.aborted`, with an in-scope signal or the shim\'s `shutdownSignal()`' },
    fileKinds: ['script'],
    messages: {
      blocking: `\`{{loop}}\` never ends and blocks the event loop: add an exit or check a stop signal.\n${NO_EXIT}, and ${BLOCKS} ${STOP_SIGNAL_HINT}`,
      endless: `\`{{loop}}\` never ends and nothing can stop it: loop on a stop signal or add an exit.\n${NO_EXIT}, ${HANGS} ${STOP_SIGNAL_HINT}`,
      blockingFlag:
        `\`{{loop}}\` waits for \`{{flag}}\` to be {{stopValue}}, which no code sets, and blocks the event loop.\n` +
        `No code in the project sets \`{{flag}}\` to {{stopValue}} and the body has no exit, and ${BLOCKS} ` +
        'Set `{{flag}}` to {{stopValue}} on shutdown, or also loop on `!signal.aborted`.',
      endlessFlag:
        '`{{loop}}` waits for `{{flag}}` to be {{stopValue}}, but no code sets it: set it when stopping.\n' +
        `No code in the project sets \`{{flag}}\` to {{stopValue}} and the body has no exit, ${HANGS} ` +
        'Set `{{flag}}` to {{stopValue}} on shutdown, or also loop on `!signal.aborted`.',
      selfReschedule:
        '`{{fn}}` reschedules itself with `{{timer}}` on every run, and nothing can stop it: check a stop signal.\n' +
        'No condition guards the reschedule and no handle is kept to clear it, so the chain runs as long as the process: ' +
        'a graceful shutdown waits on the pending timer, or the next run uses resources that are already closed. Check a ' +
        'stop signal before rescheduling (`if (!signal.aborted) {{timer}}(…)`) or keep the handle and clear it on stop.',
    },
    options: {},
  },

  create(ctx) {
    const pkg = ctx.packageDir ?? path.dirname(ctx.file);
    /** `this.x` members a class shows to be boolean flags (a boolean initializer, type or assignment). */
    const booleanMembers = new Map<ts.ClassLikeDeclaration, Set<string>>();
    const flagLoops: { loop: Loop; flag: FlagCondition }[] = [];

    const onLoop = (loop: Loop): void => {
      const cond = ts.isForStatement(loop) ? loop.condition : loop.expression;
      const forever = cond === undefined || isAlwaysTrue(cond);
      const flag = forever ? undefined : flagCondition(ctx, cond!);
      if (!forever && !flag) return;
      const body = analyzeLoopBody(ctx, loop.statement);
      if (body.exits || body.checksSignal || body.yields) return;
      // Left by the error its own calls throw, which the catch around it names (a decoder reading until its buffer runs out).
      if (endsOnExpectedError(loop)) return;
      // A reader loop waits on its peer every iteration: closing the connection ends it.
      if (body.awaits && readsFromConnection(ctx, loop.statement)) return;
      if (flag?.member) flagLoops.push({ loop, flag });
      else reportLoop(loop, body.awaits, flag);
    };

    const reportLoop = (loop: Loop, awaits: boolean, flag: FlagCondition | undefined): void => {
      const loopText = loopHeader(ctx, loop);
      const suggestion = stopLoopSuggestion(ctx, loop, flag);
      ctx.report({
        range: keywordRange(ctx, loop),
        messageId: flag ? (awaits ? 'endlessFlag' : 'blockingFlag') : awaits ? 'endless' : 'blocking',
        data: flag ? { loop: loopText, flag: flag.display, stopValue: flag.stopValue } : { loop: loopText },
        severity: awaits ? 'warn' : 'error',
        fixes: suggestion ? [suggestion] : undefined,
        unlessAny: flag ? [flag.stopFact] : undefined,
      });
    };

    const noteBooleanMember = (cls: ts.ClassLikeDeclaration, name: string): void => {
      let set = booleanMembers.get(cls);
      if (!set) booleanMembers.set(cls, (set = new Set()));
      set.add(name);
    };

    return {
      [ts.SyntaxKind.WhileStatement]: onLoop,
      [ts.SyntaxKind.DoStatement]: onLoop,
      [ts.SyntaxKind.ForStatement]: onLoop,

      [ts.SyntaxKind.PropertyDeclaration](node: ts.PropertyDeclaration) {
        if (ts.isClassLike(node.parent) && (isBooleanLiteral(node.initializer) || node.type?.kind === ts.SyntaxKind.BooleanKeyword) &&
          (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))) {
          noteBooleanMember(node.parent, node.name.text);
        }
      },

      [ts.SyntaxKind.BinaryExpression](node: ts.BinaryExpression) {
        const op = node.operatorToken.kind;
        if (op !== ts.SyntaxKind.EqualsToken && op !== ts.SyntaxKind.AmpersandAmpersandEqualsToken) return;
        const left = node.left;
        // `this.running = false` in a constructor initialises the flag; it does not stop a loop. One
        // in a callback the constructor registers (`worker.on('exit', () => { this.exited = true })`) runs later.
        const initialises = ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && directlyInConstructor(node);
        if (!initialises) recordFlagWrite(left, op === ts.SyntaxKind.EqualsToken ? node.right : undefined);
        if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && isBooleanLiteral(node.right)) {
          const cls = enclosingClass(node);
          if (cls) noteBooleanMember(cls, left.name.text);
        }
      },

      [ts.SyntaxKind.DeleteExpression](node: ts.DeleteExpression) {
        recordFlagWrite(node.expression, undefined);
      },

      [ts.SyntaxKind.StringLiteral](node: ts.StringLiteral) {
        if (isShutdownLibraryImport(node)) ctx.addFact({ kind: 'signal-exits', ref: pkg });
      },

      [ts.SyntaxKind.CallExpression](node: ts.CallExpression) {
        if (signalHandlingOf(node) === 'exits') ctx.addFact({ kind: 'signal-exits', ref: pkg });
        const timer = timerFunction(ctx, node.expression);
        if (timer === 'clear' || clearsThroughHelper(node)) recordTimerCleared(node);
        else if (timer) checkReschedule(node, timer);
      },

      end() {
        for (const { loop, flag } of flagLoops) {
          if (!booleanMembers.get(flag.member!.cls)?.has(flag.member!.name)) continue;
          reportLoop(loop, analyzeLoopBody(ctx, loop.statement).awaits, flag);
        }
      },
    };

    /** A write that can end a flag loop: anything but the value that keeps it going. */
    function recordFlagWrite(target: ts.Expression, value: ts.Expression | undefined): void {
      const clears = value?.kind !== ts.SyntaxKind.TrueKeyword;
      const sets = value?.kind !== ts.SyntaxKind.FalseKeyword;
      if (ts.isPropertyAccessExpression(target)) {
        const name = target.name.text;
        if (clears) ctx.addFact({ kind: 'cleared-member', ref: name });
        if (sets) ctx.addFact({ kind: 'set-member', ref: name });
      } else if (ts.isIdentifier(target)) {
        const ref = ctx.factRef(target);
        if (!ref) return;
        if (clears) ctx.addFact({ kind: 'cleared', ref });
        if (sets) ctx.addFact({ kind: 'set', ref });
      }
    }

    function recordTimerCleared(call: ts.CallExpression): void {
      const key = call.arguments[0] && timerHandleKey(ctx, call.arguments[0]);
      if (key) ctx.addFact({ kind: 'timer-cleared', ref: key });
    }

    function checkReschedule(call: ts.CallExpression, timer: string): void {
      const fn = call.arguments[0] && rescheduledFunction(call.arguments[0], call);
      if (!fn || !isAncestor(fn, call) || isConditional(call, fn) || stopsBefore(fn, call) || isUnrefd(call)) return;
      // The refresh of a terminal screen someone is watching lives as long as they keep it open.
      if (repaintsTerminalScreen(ctx, fn)) return;
      const handle = keptHandleOf(ctx, call);
      // A SIGTERM/SIGINT handler that ends the process ends the chain with it.
      const exits: RuleFact<FactKind> = { kind: 'signal-exits', ref: pkg };
      ctx.report({
        node: call,
        messageId: 'selfReschedule',
        data: { fn: functionName(fn), timer },
        severity: 'warn',
        fixes: guardRescheduleSuggestion(call),
        unlessAny: handle ? [{ kind: 'timer-cleared', ref: handle }, exits] : [exits],
      });
    }

    /** The function a timer callback runs again: `tick`, `() => tick()`, `this.tick`, `() => this.tick()`, `tick.bind(this)`. */
    function rescheduledFunction(arg: ts.Expression, at: ts.Node): ts.FunctionLikeDeclaration | undefined {
      const e = skipOuter(arg, SEEN_THROUGH);
      if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
        const inner = singleCall(e.body);
        return inner ? rescheduledFunction(inner.expression, at) : undefined;
      }
      if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'bind') {
        return rescheduledFunction(e.expression.expression, at);
      }
      if (ts.isIdentifier(e)) {
        const decl = findDeclaration(e.text, e);
        if (!decl) return undefined;
        if (ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl)) return decl;
        if (ts.isVariableDeclaration(decl) && decl.initializer) {
          const init = skipOuter(decl.initializer, SEEN_THROUGH);
          if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
        }
        return undefined;
      }
      if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const cls = enclosingClass(at);
        const member = cls?.members.find((m) => m.name && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)) && m.name.text === e.name.text);
        if (!member) return undefined;
        if (ts.isMethodDeclaration(member)) return member;
        if (ts.isPropertyDeclaration(member) && member.initializer) {
          const init = skipOuter(member.initializer, SEEN_THROUGH);
          if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
        }
      }
      return undefined;
    }

    /**
     * A `return`, `throw`, `process.exit()` or stop-signal check before the reschedule, in the
     * function or in a callback between it and the reschedule (`psTree(pid, (err, pids) => { if
     * (!pids.length) return done(); setTimeout(…) })`): some run ends the chain.
     */
    function stopsBefore(fn: ts.FunctionLikeDeclaration, call: ts.CallExpression): boolean {
      const pos = call.getStart(ctx.sourceFile);
      const stopsIn = (owner: ts.FunctionLikeDeclaration): boolean => {
        const visit = (n: ts.Node): boolean => {
          if (n.pos >= pos || (n !== owner.body && (ts.isFunctionLike(n) || ts.isClassLike(n)))) return false;
          if (ts.isReturnStatement(n) || ts.isThrowStatement(n)) return true;
          if (ts.isPropertyAccessExpression(n) && n.name.text === 'aborted') return true;
          if (ts.isCallExpression(n) && (isProcessExit(ctx, n.expression) ||
            (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'throwIfAborted'))) return true;
          return ts.forEachChild(n, (c) => visit(c) || undefined) ?? false;
        };
        return owner.body !== undefined && visit(owner.body);
      };
      for (let n: ts.Node | undefined = call.parent; n; n = n.parent) {
        if (ts.isFunctionLike(n) && stopsIn(n as ts.FunctionLikeDeclaration)) return true;
        if (n === fn) return false;
      }
      return false;
    }

    function guardRescheduleSuggestion(call: ts.CallExpression): Fix[] | undefined {
      const sf = ctx.sourceFile;
      const style = codeStyle(sf);
      const stop = stopCondition(call);
      if (!stop) return undefined;
      const stmt = ts.isExpressionStatement(call.parent) ? call.parent
        : ts.isBinaryExpression(call.parent) && ts.isExpressionStatement(call.parent.parent) ? call.parent.parent : undefined;
      let edit: TextEdit;
      if (stmt && (ts.isBlock(stmt.parent) || ts.isSourceFile(stmt.parent) || ts.isCaseClause(stmt.parent) || ts.isDefaultClause(stmt.parent))) {
        const at = stmt.getStart(sf);
        edit = ctx.edit({ start: at, end: at }, `if (${stop.test}) `);
      } else if (ts.isArrowFunction(call.parent) && call.parent.body === call) {
        edit = ctx.edit(ctx.rangeOf(call), `{ if (${stop.test}) ${call.getText(sf)}${semi(style)} }`);
      } else {
        return undefined;
      }
      return [{ title: `Reschedule only while ${stop.what} is not aborted`, safety: 'unsafe', edits: [edit, ...stop.edits], creates: stop.creates, declares: stop.declares }];
    }

    /** `!signal.aborted` with an in-scope signal, else `!shutdownSignal().aborted` from the runtime shim (undefined where it cannot be imported). */
    function stopCondition(at: ts.Node): { test: string; what: string; edits: TextEdit[]; creates?: Fix['creates']; declares?: Fix['declares'] } | undefined {
      const found = signalInScope(at);
      if (found) return { test: `!${found.expr}${found.optional ? '?.' : '.'}aborted`, what: `\`${found.expr}\``, edits: [] };
      const r = importFromRuntime(ctx, ['shutdownSignal']);
      if (!r) return undefined;
      return { test: `!${r.names.shutdownSignal}().aborted`, what: 'the shutdown signal', edits: r.edits, creates: r.creates, declares: r.declares };
    }

    function stopLoopSuggestion(c: RuleContext<Options, MessageId, FactKind>, loop: Loop, flag: FlagCondition | undefined): Fix | undefined {
      const sf = c.sourceFile;
      const stop = stopCondition(loop);
      if (!stop) return undefined;
      let edit: TextEdit;
      if (ts.isForStatement(loop)) {
        const open = c.text.indexOf('(', loop.getStart(sf) + 3);
        const close = c.text.lastIndexOf(')', loop.statement.getStart(sf));
        const init = loop.initializer ? loop.initializer.getText(sf) : '';
        const cond = flag ? `${loop.condition!.getText(sf)} && ${stop.test}` : stop.test;
        const incr = loop.incrementor ? ` ${loop.incrementor.getText(sf)}` : '';
        edit = c.edit({ start: open + 1, end: close }, `${init}; ${cond};${incr}`);
      } else {
        const cond = loop.expression;
        edit = c.edit(c.rangeOf(cond), flag ? `${cond.getText(sf)} && ${stop.test}` : stop.test);
      }
      return { title: `Loop only while ${stop.what} is not aborted`, safety: 'unsafe', edits: [edit, ...stop.edits], creates: stop.creates, declares: stop.declares };
    }
  },
});

/** In the constructor's own body, not in a callback it registers. */
function directlyInConstructor(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) return ts.isConstructorDeclaration(n);
  }
  return false;
}

/** `setTimeout(tick, ms).unref()`: the pending timer cannot hold the process. */
function isUnrefd(call: ts.CallExpression): boolean {
  const p = call.parent;
  return ts.isPropertyAccessExpression(p) && p.expression === call && p.name.text === 'unref';
}

/** `p.catch(() => …)`, `p.then(ok, () => …)`: a callback that runs only when something failed. */
function isErrorCallback(fn: ts.Node): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return false;
  const method = call.expression.name.text;
  return (method === 'catch' && call.arguments[0] === fn) || (method === 'then' && call.arguments[1] === fn);
}

/** Events that say a child, socket or stream has ended: a reschedule there respawns or reconnects it. */
const END_EVENTS: ReadonlySet<string> = new Set(['exit', 'close', 'end', 'error', 'disconnect', 'disconnected']);

/**
 * `syncer.on('exit', () => { …; setTimeout(forkSyncer, 1000); })`: a listener that runs when what
 * the function made has ended — a supervisor respawning its child, a client reconnecting — runs
 * the function again only after that ending, not on every run.
 */
function isEndListener(fn: ts.Node): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.arguments[1] !== fn) return false;
  const event = call.arguments[0];
  return ['on', 'once', 'addListener'].includes(call.expression.name.text) && ts.isStringLiteralLike(event) && END_EVENTS.has(event.text);
}

/** `true`, `1`, `!0`: a condition that never becomes false. */
function isAlwaysTrue(cond: ts.Expression): boolean {
  const e = skipOuter(cond, SEEN_THROUGH);
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (ts.isNumericLiteral(e)) return Number(e.text) !== 0;
  return ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken &&
    ts.isNumericLiteral(skipOuter(e.operand, SEEN_THROUGH)) && Number((skipOuter(e.operand, SEEN_THROUGH) as ts.NumericLiteral).text) === 0;
}

/**
 * `running`, `!stopped`, `this.running`, `state.running`: a boolean flag the loop waits on.
 * Only flags we can see are booleans: a variable or object-literal property with a boolean
 * initializer, or a class member the class treats as a boolean.
 */
function flagCondition(ctx: RuleContext, cond: ts.Expression): FlagCondition | undefined {
  let e = skipOuter(cond, SEEN_THROUGH);
  let negated = false;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    negated = true;
    e = skipOuter(e.operand, SEEN_THROUGH);
  }
  const stopValue = negated ? 'true' : 'false';
  const verb = negated ? 'set' : 'cleared';
  const display = e.getText(ctx.sourceFile);
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e.text, e);
    if (!decl || !ts.isVariableDeclaration(decl) || !isBooleanLiteral(decl.initializer)) return undefined;
    const ref = ctx.factRef(e);
    return ref ? { display, stopValue, stopFact: { kind: verb, ref } } : undefined;
  }
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  const name = e.name.text;
  const stopFact: RuleFact<FactKind> = { kind: `${verb}-member`, ref: name };
  if (e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(e);
    return cls ? { display, stopValue, stopFact, member: { cls, name } } : undefined;
  }
  if (!ts.isIdentifier(e.expression)) return undefined;
  const decl = findDeclaration(e.expression.text, e.expression);
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer && skipOuter(decl.initializer, SEEN_THROUGH);
  if (!init || !ts.isObjectLiteralExpression(init)) return undefined;
  const prop = init.properties.find((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name);
  return prop && isBooleanLiteral((prop as ts.PropertyAssignment).initializer) ? { display, stopValue, stopFact } : undefined;
}

const TIMER_NAMES = new Set(['setTimeout', 'setImmediate', 'clearTimeout', 'clearImmediate', 'clearInterval']);

/** The class whose instance `this` is at a node (arrow functions keep it; other functions do not). */
function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if (ts.isClassLike(n)) return n;
    if (ts.isPropertyDeclaration(n) && ts.isClassLike(n.parent)) return n.parent;
    if (ts.isFunctionLike(n)) return (ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isAccessor(n)) && ts.isClassLike(n.parent) ? n.parent : undefined;
  }
  return undefined;
}

/** `setTimeout`/`setImmediate` (global or from `timers`), 'clear' for the functions that cancel them. */
function timerFunction(ctx: RuleContext, callee: ts.Expression): string | 'clear' | undefined {
  // Resolving is a scope walk: only for the few names that can be timers.
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (name === undefined || !TIMER_NAMES.has(name)) return undefined;
  const r = ctx.resolveCallee(callee);
  if (!r || (r.module !== 'global' && r.module !== 'timers')) return undefined;
  const called = r.call.replace(/^timers\./, '');
  if (called === 'setTimeout' || called === 'setImmediate') return called;
  if (called === 'clearTimeout' || called === 'clearImmediate' || called === 'clearInterval') return 'clear';
  return undefined;
}

/** A project's own wrapper that clears the timer it is handed: `this._clearTimeout(this.retry)`, `clearTimer(handle)`. */
const CLEARING_HELPER = /^_*(clear|cancel)(Timeout|Timer|Interval|Immediate)s?$/i;

function clearsThroughHelper(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name !== undefined && CLEARING_HELPER.test(name) && !TIMER_NAMES.has(name) && call.arguments.length >= 1;
}

/** What a kept timer handle is called, shared by the assignment and the `clearTimeout` that clears it. */
function timerHandleKey(ctx: RuleContext, expr: ts.Expression): FactRef | undefined {
  const e = skipOuter(expr, SEEN_THROUGH);
  if (ts.isPropertyAccessExpression(e)) return `member:${e.name.text}`;
  if (ts.isIdentifier(e)) return ctx.factRef(e);
  return undefined;
}

function keptHandleOf(ctx: RuleContext, call: ts.CallExpression): FactRef | undefined {
  const p = call.parent;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === call) return timerHandleKey(ctx, p.left);
  return undefined;
}

function isAncestor(ancestor: ts.Node, node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** True when something between the call and the function decides whether it runs (a branch, a failure callback). */
function isConditional(call: ts.Node, fn: ts.Node): boolean {
  for (let n: ts.Node = call; n.parent && n !== fn; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && n !== p.expression) return true;
    if (ts.isConditionalExpression(p) && n !== p.condition) return true;
    if (ts.isBinaryExpression(p) && n === p.right && (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ||
      p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) return true;
    if (ts.isCaseClause(p) || ts.isDefaultClause(p) || ts.isCatchClause(p)) return true;
    if (ts.isIterationStatement(p, false) && n === p.statement) return true;
    // Rescheduled only from a failure callback: a retry (retry-without-backoff's), not a loop.
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && (isErrorCallback(n) || isEndListener(n))) return true;
    // Rescheduled by a helper of the function that it calls only under a condition
    // (`catch (e) { if (e.code === ERR__QUEUE_FULL) retry(rest); else cb(e); }`): the reschedule is as conditional as those calls.
    if (n !== call && calledOnlyConditionally(n, fn)) return true;
  }
  return false;
}

/**
 * `n` is a named function nested in `fn` (`function retry(rest) {…}`, `const retry = () => …`)
 * that `fn` names only to call it, each call under a condition.
 */
function calledOnlyConditionally(n: ts.Node, fn: ts.Node): boolean {
  const name = ts.isFunctionDeclaration(n) ? n.name
    : (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && n.parent.initializer === n && ts.isIdentifier(n.parent.name) ? n.parent.name
      : undefined;
  if (!name || n === fn) return false;
  const decl = ts.isFunctionDeclaration(n) ? n : n.parent;
  const uses: ts.Identifier[] = [];
  const visit = (x: ts.Node): void => {
    // Its calls of itself run only once it runs.
    if (x === n) return;
    if (ts.isIdentifier(x) && x !== name && x.text === name.text && findDeclaration(x.text, x) === decl) uses.push(x);
    ts.forEachChild(x, visit);
  };
  visit(fn);
  return uses.length > 0 && uses.every((u) => ts.isCallExpression(u.parent) && u.parent.expression === u && isConditional(u.parent, fn));
}

/** The one call a callback body makes: `() => tick()`, `() => { void this.tick(); }`. */
function singleCall(body: ts.ConciseBody): ts.CallExpression | undefined {
  let e: ts.Expression | undefined;
  if (ts.isBlock(body)) {
    const only = body.statements.length === 1 ? body.statements[0] : undefined;
    e = only && ts.isExpressionStatement(only) ? only.expression : undefined;
  } else {
    e = body;
  }
  while (e && (ts.isVoidExpression(e) || ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e))) e = e.expression;
  return e && ts.isCallExpression(e) ? e : undefined;
}

function functionName(fn: ts.FunctionLikeDeclaration): string {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) return fn.name.text;
  const p = fn.parent;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyDeclaration(p)) && (ts.isIdentifier(p.name) || ts.isPrivateIdentifier(p.name))) return p.name.text;
  return 'this function';
}

function isBooleanLiteral(e: ts.Expression | undefined): boolean {
  return e?.kind === ts.SyntaxKind.TrueKeyword || e?.kind === ts.SyntaxKind.FalseKeyword;
}

export default rule;
