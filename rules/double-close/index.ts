// double-close: a release that can run twice and throw or corrupt state the second time — a
// close-like method with no guard against a second call, or one binding released in `catch`
// (or `try`) and again in `finally`.
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { codeStyle, indentationAt, lineStartOf, semi } from '../../engine/fix-text';
import { nonIdempotentReleases } from '../../engine/knowledge';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import type { Fix, ModuleBinding, RuleContext, RuleFact, TextEdit } from '../../engine/types';
import { enclosingFunction, hasModifier, isFunctionBoundary, leavesFunction, memberName, Outer, skipOuter, thisMemberName, thisOwner, unwrapAwaited } from '../shared/ast';
import { classFieldEdit, earlyReturnFor, freeMemberName, insertAtBlockTop } from '../shared/class-member-edits';
import { originOfType, originOfValue, type ResourceOrigin } from '../shared/resource-origin';
import { CLOSE_METHOD_NAMES, closeFunctionOf, isOnceWrapper, mentionsAny, stateKey } from '../shared/second-call-guards';
import { isPublicEntry, reexportedProjectModules } from '../shared/public-modules';
import { calleeKey, functionKeys } from '../shared/run-once';
import { functionOf } from '../shared/shutdown-handlers';
import { eventsText, exitsAtOnce, registrationOf, runsRepeatedly, type Registration } from './repeated-handlers';
import { failsOnlyByReturnedRejection, rejectionFate, rejectsOnlyToCallerOf } from './rejection-fate';
import { receiverMaker } from './receiver-classes';
import { closesOnceThenLeaves } from './one-shot-closers';
import { failingModes, secondReleaseFails, type SecondRelease } from './second-release';
import { declaredBelow } from '../shared/declared-version';
import { clearsATimer, releaseCallback, type ReleaseCallback } from './listener-and-timer';
import { closingEventMember } from './closed-by-event';

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

/**
 * The method whose `this` a node sees: a class member, or a function assigned to
 * `Ctor.prototype.name` (the constructor function `Ctor` itself is its `constructor`). Methods of
 * one class share a summary under `key`.
 */
interface Owner {
  key: ts.ClassLikeDeclaration | string;
  /** The class and element, for a class (a fix can add a field there). */
  cls?: ts.ClassLikeDeclaration;
  element?: ts.ClassElement;
  name: string;
  isConstructor: boolean;
}

/** A release of a member (`this.pool.end()`, `clearInterval(this.timer)`) inside a close-like member. */
interface MemberRelease {
  call: ts.CallExpression;
  member: string;
  method: string;
  owner: Owner;
  fn: ts.FunctionLikeDeclaration;
}

/** A close method's finding before it is merged with the method's other releases. */
interface PendingClose {
  node: ts.CallExpression;
  messageId: 'unguardedClose';
  data: Record<string, string>;
  severity: 'warn';
  fixes?: Fix[];
  onlyIfAny?: RuleFact<FactKind>[];
}

type MessageId = 'unguardedClose' | 'releasedTwice' | 'repeatedRelease' | 'releasedByListenerAndTimer';

/**
 * The project facts this rule records and reads: a module binding whose `<method>()` fails when
 * it runs a second time, and how (`fails-twice:end:rejects`); a project function registered as a
 * handler that runs more than once (`repeat-handler`, by function key); a call of a close-like
 * method (by name) whose rejection nobody handles (`rejection-dropped`), or, when the receiver is
 * known to be an object of a project class, about that class (`rejection-dropped:<method>`); a
 * close-like method called where it may run again on the same object, or handed on uncalled
 * (`closed-again`, by name), or so on an object of a known project class (`closed-again:<method>`),
 * see one-shot-closers.ts; a module the package's users reach (`public-module`).
 */
type FactKind = `fails-twice:${string}` | 'repeat-handler' | 'rejection-dropped' | `rejection-dropped:${string}` | 'public-module' |
  'closed-again' | `closed-again:${string}`;

/** How a message's first line says what the second release does, and how its explanation does. */
const FAILS: Record<SecondRelease, string> = { throws: 'throws', rejects: 'rejects', callback: 'reports an error' };
const FAILS_WHY: Record<SecondRelease, string> = {
  throws: 'throws',
  rejects: 'rejects, and nothing on this path handles the rejection',
  callback: 'passes ERR_SERVER_NOT_RUNNING to its callback, which passes the error on',
};

/**
 * The explanation when the release's rejection is what the close method returns: it is its caller's
 * second call that fails, not a shutdown path of the package (which may have none).
 */
function returnedRejectionWords(method: string): { twice: string; failsWhy: string; during: string } {
  return {
    twice: `Callers can call \`${method}\` twice (an application's SIGTERM then SIGINT handlers, or a shutdown hook and a test's teardown)`,
    failsWhy: `rejects the promise \`${method}\` returns`,
    during: ', which a caller that does not expect a failed close leaves unhandled',
  };
}

/** A release found in a handler's run, with what it is known to be. */
interface HandlerRelease {
  call: ts.CallExpression;
  method: string;
  /** Known here: the table entry. */
  origin?: ResourceOrigin;
  /** Known in another module: the binding, settled through `fails-twice` facts. */
  binding?: { file: string; name: string };
}

/** One function on the way from a handler to a release: the call that led into the next one. */
interface Frame {
  fn: ts.FunctionLikeDeclaration;
  /** What the caller passed for each parameter (`close_safely(this.redis)`). */
  args: Map<ts.ParameterDeclaration, ts.Expression>;
  /** The call in this function that entered the next frame. */
  via?: ts.CallExpression;
}

const rule = createRule<Options, MessageId, FactKind>({
  meta: {
    id: 'double-close',
    description: 'A release that can run twice and throw or corrupt state the second time.',
    defaultSeverity: 'warn',
    fixable: { safe: 'a closed-flag guard; removing the same release from `catch`', suggestion: 'removing a different release (unsafe)' },
    fileKinds: ['script'],
    messages: {
      unguardedClose:
        '`{{method}}` has no guard, and a second `{{call}}` {{fails}}: return early once closed.\n' +
        '{{twice}}, and a second {{library}} {{failsWhy}}{{during}}. Return early once closed ' +
        '(`if (this.#closed) return; this.#closed = true;`) or wrap the method in `once`.',
      releasedTwice:
        '`{{call}}` in `finally` runs after `{{target}}` was already released in `{{where}}`: release it in `finally` only.\n' +
        'On that path it is released twice: the second release throws (and replaces the original error) or returns one ' +
        'connection to its pool twice, handing it to two callers at once.',
      repeatedRelease:
        '`{{call}}` runs again each time {{events}} comes, and a second one {{fails}}: run the shutdown once.\n' +
        'The handler is registered so that it runs more than once (a second Ctrl+C, SIGTERM after SIGINT, one more ' +
        'unhandled rejection), and nothing on its way to `{{call}}` stops a second run: {{library}} a second time ' +
        '{{failsWhy}}, in the middle of the shutdown. Return early once shutting down ' +
        '(`if (stopping) return; stopping = true;`).',
      releasedByListenerAndTimer:
        '`{{call}}` in the timer runs even after the `\'{{event}}\'` listener released `{{target}}`, and a second one {{fails}}: clear the timer there.\n' +
        'When `\'{{event}}\'` comes before the timer fires, its listener releases `{{target}}` and the timer releases it again; ' +
        'a second {{library}} {{failsWhy}}, inside a timer callback, so nothing catches it. Clear the timer in the listener ' +
        '(`clearTimeout(timer)`), or release only once.',
    },
    options: {},
  },

  create(ctx) {
    const classes = new Map<ts.ClassLikeDeclaration | string, ClassSummary>();
    const assignedIn = new Map<ts.Node, Set<string>>();
    const releases: MemberRelease[] = [];
    const tries: ts.TryStatement[] = [];
    /** Release calls already reported, so one release gets one finding. */
    const reported = new Set<ts.Node>();
    /** Handlers of stop signals, unhandled rejections and stop events, with their registrations. */
    const handlers = new Map<ts.FunctionLikeDeclaration, Registration[]>();
    /** Functions that release something and that other modules may register as a handler. */
    const exported = new Set<ts.FunctionLikeDeclaration>();
    const releaseNames = ctx.knowledge.releaseNames();
    /** Member names assigned outside constructors: a flag other code sets is not ours to reuse. */
    const setElsewhere = new Set<string>();
    /** Releases of a local resource inside a listener on it or a timer, by its declaration. */
    const callbackReleases = new Map<ts.VariableDeclaration, { call: ts.CallExpression; callback: ReleaseCallback }[]>();
    /** State set by a member's closing-event listener, by class and member (`m:connectionClosed` for `client`). */
    const closedByEvent = new Map<ts.ClassLikeDeclaration | string, Map<string, Set<string>>>();
    /** Close-method findings waiting to be reported, one per method (a release in each branch is one hazard). */
    const pendingByMethod = new Map<ts.FunctionLikeDeclaration, PendingClose[]>();

    const summaryOf = (cls: ts.ClassLikeDeclaration | string): ClassSummary => {
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

    // Which modules the package's users reach (see handsOnCallersCallback below): what its entry re-exports,
    // and what a module they reach re-exports in turn (`index.js` → `lib/index.js` → `lib/server.js`).
    const entry = isPublicEntry(ctx);
    for (const m of reexportedProjectModules(ctx)) ctx.addFact(publicModuleFact(m), entry ? undefined : [publicModuleFact(ctx.file)]);

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
        const owner = ownerOf(node);
        const closedMember = key && owner ? closingEventMember(node) : undefined;
        if (key && owner && closedMember !== undefined) {
          let byMember = closedByEvent.get(owner.key);
          if (!byMember) closedByEvent.set(owner.key, (byMember = new Map()));
          let keys = byMember.get(closedMember);
          if (!keys) byMember.set(closedMember, (keys = new Set()));
          keys.add(key);
        }
        if (ts.isPropertyAccessExpression(node.left) && !owner?.isConstructor) setElsewhere.add(node.left.name.text);
        // `var self = this; self.socket = dgram.createSocket()` in a constructor function holds it as `this.socket` does.
        const member = thisMemberName(node.left) ?? thisAliasMemberName(node.left);
        if (member === undefined || op !== ts.SyntaxKind.EqualsToken || !owner) return;
        const summary = summaryOf(owner.key);
        const origin = originOfValue(ctx, node.right);
        if (origin) summary.resources.set(member, origin);
        if (isOnceWrapper(node.right)) summary.onceWrapped.add(member);
        if (owner.isConstructor && node.right.kind === ts.SyntaxKind.FalseKeyword && !summary.booleanFields.has(member)) {
          summary.booleanFields.set(member, { isStatic: false, readonly: false });
        }
      },

      [ts.SyntaxKind.DeleteExpression](node: ts.DeleteExpression) {
        const key = stateKey(node.expression);
        if (key) recordAssignment(node, key);
      },

      [ts.SyntaxKind.VariableDeclaration](node: ts.VariableDeclaration) {
        // `const pool = new Pool()` at module level: what a second release of it does, for importers.
        if (!ts.isIdentifier(node.name) || !node.initializer || !ts.isSourceFile(node.parent.parent.parent)) return;
        const origin = originOfValue(ctx, node.initializer);
        const ref = origin && ctx.factRef(node.name);
        if (!origin || !ref) return;
        for (const m of origin.entry.resource.release) {
          if (!isIdempotentRelease(ctx, origin.entry, m)) ctx.addFact({ kind: `fails-twice:${m}:${origin.entry.resource.secondRelease ?? 'throws'}`, ref });
        }
      },

      [ts.SyntaxKind.PropertyAccessExpression](node: ts.PropertyAccessExpression) {
        // `x.closeSocket` handed on uncalled (a listener, a bound shutdown hook): it may run any number of times.
        if (isCloseName(node.name.text) && !(ts.isCallExpression(node.parent) && node.parent.expression === node)) ctx.addFact({ kind: 'closed-again', ref: node.name.text });
      },

      [ts.SyntaxKind.CallExpression](node: ts.CallExpression) {
        noteRegistration(node);
        noteCallbackRelease(node);
        const callee = node.expression;
        if (ts.isPropertyAccessExpression(callee) && isCloseName(callee.name.text) && !closesOnceThenLeaves(node, isCloseName)) {
          const maker = receiverMaker(ctx, callee.expression);
          if (maker === undefined) ctx.addFact({ kind: 'closed-again', ref: callee.name.text });
          else if (maker !== 'library') for (const ref of maker.classes) ctx.addFact({ kind: `closed-again:${callee.name.text}`, ref });
        }
        // A call handed a callback (`server.close((e) => …)`) reports through it and returns no promise to drop.
        if (ts.isPropertyAccessExpression(callee) && isCloseName(callee.name.text) && !takesCallback(node) && rejectionFate(node) === 'dropped') {
          // `this.broker.close()` on a `new EncryptedEventBroker()` drops that class's rejection, not every `close()`'s.
          const maker = receiverMaker(ctx, callee.expression);
          if (maker === undefined) ctx.addFact({ kind: 'rejection-dropped', ref: callee.name.text });
          else if (maker !== 'library') for (const ref of maker.classes) ctx.addFact({ kind: `rejection-dropped:${callee.name.text}`, ref });
        }
        if (ts.isPropertyAccessExpression(callee) && releaseNames.has(callee.name.text)) {
          const fn = enclosingNamedFunction(node);
          if (fn && functionKeys(fn, ctx.file).length) exported.add(fn);
        }
        const found = memberReleaseOf(node);
        if (!found) return;
        const owner = ownerOf(node);
        if (!owner || !isCloseName(owner.name)) return;
        const fn = owner.element ? closeFunctionOf(owner.element) : ownFunction(node);
        if (!fn) return;
        releases.push({ ...found, call: node, owner, fn });
      },

      [ts.SyntaxKind.TryStatement](node: ts.TryStatement) {
        if (node.finallyBlock) tries.push(node);
      },

      end() {
        for (const r of releases) checkCloseMethod(r);
        reportCloseMethods();
        for (const t of tries) checkTryFinally(t);
        for (const [decl, list] of callbackReleases) checkListenerAndTimer(decl, list);
        for (const [fn, regs] of handlers) {
          if (runsRepeatedly(regs) && !exitsAtOnce(fn)) checkRepeatedHandler(fn, eventsText(regs), undefined);
        }
        for (const fn of exported) {
          if (handlers.has(fn)) continue;
          const keys = functionKeys(fn, ctx.file).map((ref): RuleFact<FactKind> => ({ kind: 'repeat-handler', ref }));
          checkRepeatedHandler(fn, 'its shutdown event', keys);
        }
      },
    };

    /** `socket.close()` in a listener on `socket` or a timer, `socket` a local resource whose second release fails. */
    function noteCallbackRelease(call: ts.CallExpression): void {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || callee.questionDotToken || !ts.isIdentifier(callee.expression)) return;
      const decl = findDeclaration(callee.expression.text, callee.expression);
      if (!decl || !ts.isVariableDeclaration(decl) || !bindingReleases(decl)?.includes(callee.name.text)) return;
      const callback = releaseCallback(call, decl);
      if (!callback) return;
      const list = callbackReleases.get(decl);
      if (list) list.push({ call, callback });
      else callbackReleases.set(decl, [{ call, callback }]);
    }

    /** A listener and a timer armed in one function both release the binding, and the listener leaves the timer armed. */
    function checkListenerAndTimer(decl: ts.VariableDeclaration, list: { call: ts.CallExpression; callback: ReleaseCallback }[]): void {
      const origin = decl.initializer && originOfValue(ctx, decl.initializer);
      if (!origin) return;
      const how = origin.entry.resource.secondRelease ?? 'throws';
      for (const timer of list) {
        if (timer.callback.kind !== 'timer' || reported.has(timer.call)) continue;
        const method = (timer.call.expression as ts.PropertyAccessExpression).name.text;
        if (isIdempotentRelease(ctx, origin.entry, method) || !secondReleaseFails(timer.call, how)) continue;
        const first = list.find((l) => l.callback.kind === 'listener' && l.callback.armedIn === timer.callback.armedIn && !clearsATimer(l.callback.fn));
        if (!first || first.callback.kind !== 'listener') continue;
        reported.add(timer.call);
        ctx.report({
          node: timer.call,
          messageId: 'releasedByListenerAndTimer',
          data: { call: callText(timer.call), event: first.callback.event, target: decl.name.getText(ctx.sourceFile), fails: FAILS[how], failsWhy: FAILS_WHY[how], library: describeRelease(origin, method) },
          severity: 'warn',
        });
      }
    }

    /** `process.on('SIGINT', stop)`: remembered by handler; a handler from another module is named by a fact. */
    function noteRegistration(call: ts.CallExpression): void {
      const reg = registrationOf(call);
      if (!reg) return;
      const fn = functionOf(reg.handler);
      if (fn) {
        const list = handlers.get(fn);
        if (list) list.push(reg);
        else handlers.set(fn, [reg]);
        return;
      }
      const key = calleeKey(ctx, reg.handler);
      if (key && runsRepeatedly([reg])) ctx.addFact({ kind: 'repeat-handler', ref: key });
    }

    /**
     * The releases a handler's run reaches (its body, the local functions and methods it calls,
     * a helper's parameter followed to its argument) that fail a second time with nothing on the
     * way to stop a second run. `registeredBy`: the handler is another module's (kraken's
     * `app.on('shutdown', events.shutdown)`), settled through facts.
     */
    function checkRepeatedHandler(root: ts.FunctionLikeDeclaration, events: string, registeredBy: RuleFact<FactKind>[] | undefined): void {
      for (const { release, frames } of releasesInRun(root)) {
        if (reported.has(release.call) || isGuardedOnTheWay(release, frames)) continue;
        const call = callText(release.call);
        let onlyIfAny: RuleFact<FactKind>[] | undefined;
        let fails: string;
        let failsWhy: string;
        let library: string;
        if (release.origin) {
          const how = release.origin.entry.resource.secondRelease ?? 'throws';
          fails = FAILS[how];
          failsWhy = FAILS_WHY[how];
          library = describeRelease(release.origin, release.method);
        } else {
          // Made in another module: what its table entry says a second release does is settled there.
          const modes = failingModes(release.call);
          onlyIfAny = modes.map((m): RuleFact<FactKind> => ({ kind: `fails-twice:${release.method}:${m}`, ref: release.binding! }));
          fails = 'fails';
          failsWhy = 'fails (the library rejects or throws on a second release)';
          library = `\`${call}\``;
        }
        // A handler registered in another module stands only where that registration repeats.
        if (registeredBy) {
          if (onlyIfAny) continue; // two facts from two modules: not followed that far
          onlyIfAny = registeredBy;
        }
        reported.add(release.call);
        ctx.report({ node: release.call, messageId: 'repeatedRelease', data: { call, events, fails, failsWhy, library }, severity: 'warn', onlyIfAny });
      }
    }

    function releasesInRun(root: ts.FunctionLikeDeclaration): { release: HandlerRelease; frames: Frame[] }[] {
      const out: { release: HandlerRelease; frames: Frame[] }[] = [];
      const walk = (frames: Frame[], seen: ReadonlySet<ts.Node>): void => {
        const frame = frames[frames.length - 1];
        const visit = (n: ts.Node): void => {
          if (ts.isClassLike(n)) return;
          if (ts.isCallExpression(n)) {
            const release = releaseAt(n, frames);
            if (release) out.push({ release, frames });
            const target = frames.length < 4 ? localCallee(n) : undefined;
            if (target && !seen.has(target)) {
              const args = new Map<ts.ParameterDeclaration, ts.Expression>();
              target.parameters.forEach((p, i) => { if (n.arguments[i]) args.set(p, n.arguments[i]); });
              walk([...frames.slice(0, -1), { ...frame, via: n }, { fn: target, args }], new Set([...seen, target]));
            }
          }
          ts.forEachChild(n, visit);
        };
        if (frame.fn.body) visit(frame.fn.body);
      };
      walk([{ fn: root, args: new Map() }], new Set([root]));
      return out;
    }

    /** `this.stop()`, `shutdown()`: a function of this file the run goes on into. */
    function localCallee(call: ts.CallExpression): ts.FunctionLikeDeclaration | undefined {
      const callee = skipOuter(call.expression, Outer.Parens);
      if (ts.isIdentifier(callee) && ctx.imports.has(callee.text)) return undefined;
      if (!ts.isIdentifier(callee) && !(ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword)) return undefined;
      return functionOf(callee);
    }

    /** A release the table knows fails a second time: on a member, a binding, an alias, a parameter. */
    function releaseAt(call: ts.CallExpression, frames: Frame[]): HandlerRelease | undefined {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || !releaseNames.has(callee.name.text)) return undefined;
      const method = callee.name.text;
      const target = receiverOf(callee.expression, frames, frames.length - 1);
      if (!target) return undefined;
      if (target.binding) return { call, method, binding: target.binding };
      const resource = target.origin!.entry.resource;
      if (!resource.release.includes(method) || isIdempotentRelease(ctx, target.origin!.entry, method)) return undefined;
      if (!secondReleaseFails(call, resource.secondRelease)) return undefined;
      return { call, method, origin: target.origin };
    }

    /** What a receiver is, following aliases and a helper's parameter back to what its caller passed. */
    function receiverOf(expr: ts.Expression, frames: Frame[], at: number): { origin?: ResourceOrigin; binding?: { file: string; name: string } } | undefined {
      const e = unwrapAwaited(expr);
      const member = thisMemberName(e);
      if (member !== undefined) {
        const owner = ownerOf(e);
        const origin = owner && classes.get(owner.key)?.resources.get(member);
        return origin ? { origin } : undefined;
      }
      if (!ts.isIdentifier(e)) return undefined;
      const decl = findDeclaration(e.text, e);
      if (!decl) return undefined;
      if (ts.isParameter(decl)) {
        const i = frames.slice(0, at + 1).map((f) => f.fn).lastIndexOf(decl.parent as ts.FunctionLikeDeclaration);
        const arg = i >= 0 ? frames[i].args.get(decl) : undefined;
        if (arg) return receiverOf(arg, frames, i - 1);
        // Nothing passed in this file (another module's handler): a server by its name.
        return /server$/i.test(e.text) ? serverByName() : undefined;
      }
      if (ts.isVariableDeclaration(decl) && decl.initializer && !ctx.imports.has(e.text)) {
        const init = unwrapAwaited(decl.initializer);
        if (thisMemberName(init) !== undefined) return receiverOf(init, frames, at);
        const origin = originOfValue(ctx, init);
        return origin ? { origin } : undefined;
      }
      const ref = ctx.imports.get(e.text)?.library === false ? ctx.factRef(e) : undefined;
      return ref && typeof ref !== 'string' ? { binding: ref } : undefined;
    }

    function serverByName(): { origin: ResourceOrigin } | undefined {
      const entry = ctx.knowledge.lookup('http', 'createServer', false);
      return entry?.resource ? { origin: { entry: entry as ResourceOrigin['entry'] } } : undefined;
    }

    /**
     * Something on the way from the handler to the release stops a second run: state one of the
     * functions on the way sets, checked before the call into the next one or the release; a
     * parameter check (`if (client)`) when the caller clears what it passed (`const c = this.c;
     * this.c = null; close(c)`); the resource's own closed state.
     */
    function isGuardedOnTheWay(release: HandlerRelease, frames: Frame[]): boolean {
      const keys = new Set<string>();
      for (const f of frames) for (const k of assignedIn.get(f.fn) ?? []) keys.add(k);
      // A parameter stands for what the caller passed: cleared there, checking it is a guard.
      for (let i = 1; i < frames.length; i++) {
        for (const [param, arg] of frames[i].args) {
          const source = sourceKey(arg);
          if (source && keys.has(source) && ts.isIdentifier(param.name)) keys.add('id:' + param.name.text);
        }
      }
      return frames.some((f, i) => {
        const node = i === frames.length - 1 ? release.call : f.via;
        if (!node || !f.fn.body) return false;
        if (keys.size && guardedWithin(node, f.fn.body, keys)) return true;
        const member = thisMemberName(unwrapAwaited((release.call.expression as ts.PropertyAccessExpression).expression));
        return i === frames.length - 1 && member !== undefined && checksOwnState(release.call, f.fn, member);
      });
    }

    /** `this.redis` -> m:redis; `redis` aliasing `this.redis` -> m:redis; a module flag -> id:flag. */
    function sourceKey(arg: ts.Expression): string | undefined {
      const e = unwrapAwaited(arg);
      const direct = stateKey(e);
      if (ts.isIdentifier(e)) {
        const decl = findDeclaration(e.text, e);
        if (decl && ts.isVariableDeclaration(decl) && decl.initializer) return stateKey(unwrapAwaited(decl.initializer)) ?? direct;
      }
      return direct;
    }

    /** The node runs only behind a check of `keys`, or after an early exit on them, in `body`. */
    function guardedWithin(node: ts.Node, body: ts.Node, keys: ReadonlySet<string>): boolean {
      for (let n: ts.Node = node; n.parent && n !== body; n = n.parent) {
        const p = n.parent;
        if (ts.isIfStatement(p) && n !== p.expression && mentionsAny(p.expression, keys)) return true;
        if (ts.isConditionalExpression(p) && n !== p.condition && mentionsAny(p.condition, keys)) return true;
        if (ts.isBinaryExpression(p) && n === p.right && isShortCircuit(p.operatorToken.kind) && mentionsAny(p.left, keys)) return true;
        if (ts.isPropertyAccessExpression(p) && p.questionDotToken && keys.has(stateKey(p.expression) ?? '')) return true;
      }
      return hasEarlyExitBefore(body, node.getStart(ctx.sourceFile), keys);
    }

    function checkCloseMethod(r: MemberRelease): void {
      const summary = classes.get(r.owner.key);
      const origin = summary?.resources.get(r.member);
      if (!summary || !origin) return;
      const { resource } = origin.entry;
      if (!resource.release.includes(r.method) || isIdempotentRelease(ctx, origin.entry, r.method)) return;
      // `server.close(() => log('closed'))` twice only hands ERR_SERVER_NOT_RUNNING to a callback that drops it.
      if (!secondReleaseFails(r.call, resource.secondRelease)) return;
      const methodName = r.owner.name;
      if (summary.onceWrapped.has(methodName) || isGuarded(r, resource.openState ?? [])) return;
      // An early return would drop the caller's callback (`close(done) { server.close(done) }`): no fix.
      const fix = passesOwnParameter(r.call, r.fn) ? undefined : guardFix(r, summary);
      reported.add(r.call);
      const report = {
        node: r.call,
        messageId: 'unguardedClose' as const,
        data: {
          call: callText(r.call), library: describeRelease(origin, r.method), method: `${methodName}()`,
          fails: FAILS[resource.secondRelease ?? 'throws'], failsWhy: FAILS_WHY[resource.secondRelease ?? 'throws'],
          twice: 'Shutdown paths call close twice (SIGTERM then SIGINT, or `close()` followed by dispose)',
          during: ', in the middle of the shutdown',
          // `disconnect() { return this.redis.quit(); }`: the rejection goes to the caller, who closed twice.
          ...(resource.secondRelease === 'rejects' && rejectsOnlyToCallerOf(r.call, r.fn) ? returnedRejectionWords(`${methodName}()`) : {}),
        },
        severity: 'warn' as const,
        fixes: fix ? [fix] : undefined,
      };
      // The error only rejects the promise the method returns: it hurts where a call of the method drops
      // that rejection. Callers that all catch it or pass it on (`broker.stop().catch(log)`), or no call
      // at all (a library's public method: its caller gets the rejection), make the second close harmless.
      if (resource.secondRelease === 'callback' && failsOnlyByReturnedRejection(r.call, r.fn)) {
        const dropped: RuleFact<FactKind>[] = [
          { kind: 'rejection-dropped', ref: methodName },
          ...ownerRefs(r.owner).map((ref): RuleFact<FactKind> => ({ kind: `rejection-dropped:${methodName}`, ref })),
        ];
        queueClose(r.fn, { ...report, onlyIfAny: dropped });
        return;
      }
      // The error goes to the caller's own callback (`close(done) { this.server.close(done) }`), as Node's
      // `server.close(done)` itself hands it: it surprises a user who closes twice (a test's `after` hook),
      // not the package's own code, which calls an internal module's close from where it can be seen.
      if (resource.secondRelease === 'callback' && handsOnCallersCallback(r.call, r.fn) && !isPublicEntry(ctx)) {
        queueClose(r.fn, { ...report, onlyIfAny: [publicModuleFact(ctx.file)] });
        return;
      }
      // A class of a module the package's users do not reach, closed only where each object is closed once
      // and left (one-shot-closers.ts): nothing runs the method twice on one object.
      const owners = ownerRefs(r.owner);
      if (!isPublicEntry(ctx) && owners.length) {
        queueClose(r.fn, { ...report, onlyIfAny: [publicModuleFact(ctx.file), { kind: 'closed-again', ref: methodName }, ...owners.map((ref): RuleFact<FactKind> => ({ kind: `closed-again:${methodName}`, ref }))] });
        return;
      }
      queueClose(r.fn, report);
    }

    function queueClose(fn: ts.FunctionLikeDeclaration, report: PendingClose): void {
      const list = pendingByMethod.get(fn);
      if (list) list.push(report);
      else pendingByMethod.set(fn, [report]);
    }

    /**
     * One finding per close method, at its first release: `close(cb) { if (cb) sock.close(cb); else
     * return new Promise(… sock.close(…)) }` is one missing guard, and one guard fixes every branch. It
     * stands where any of its releases would have (no condition if one had none), and offers the guard
     * only when every release would (an early return must not drop a caller's callback).
     */
    function reportCloseMethods(): void {
      for (const group of pendingByMethod.values()) {
        group.sort((a, b) => a.node.getStart(ctx.sourceFile) - b.node.getStart(ctx.sourceFile));
        const [first] = group;
        const onlyIfAny = group.some((g) => !g.onlyIfAny) ? undefined : group.flatMap((g) => g.onlyIfAny!);
        const fixes = group.every((g) => g.fixes) ? first.fixes : undefined;
        ctx.report({ ...first, onlyIfAny, fixes });
      }
    }

    /**
     * How other files name the close method's class: a top-level class (`class MediaProxy`, `var
     * X = class`), a constructor function with methods on its prototype (`proto:Server`), or the
     * module itself for `module.exports = class …`.
     */
    function ownerRefs(owner: Owner): ModuleBinding[] {
      const file = ctx.file;
      if (typeof owner.key === 'string') return [{ file, name: owner.key.slice('proto:'.length) }];
      const cls = owner.key;
      if (ts.isClassDeclaration(cls) && cls.name && ts.isSourceFile(cls.parent)) return [{ file, name: cls.name.text }];
      const p = cls.parent;
      if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && isTopLevel(p)) return [{ file, name: p.name.text }];
      if (ts.isBinaryExpression(p) && p.left.getText(ctx.sourceFile) === 'module.exports') return [{ file, name: '*' }, { file, name: 'default' }];
      return [];
    }

    /**
     * A guard: the method sets some state and the release only runs when that state says "open";
     * or it returns early when the resource itself says it is closed (`if (!this.server.listening) return`).
     */
    function isGuarded(r: MemberRelease, openState: readonly string[]): boolean {
      if (checksOwnState(r.call, r.fn, r.member, openState)) return true;
      // State the close method sets, or that the member's own closing event sets (`once('end', () => this.closed = true)`).
      const assigned = new Set([...(assignedIn.get(r.fn) ?? []), ...(closedByEvent.get(r.owner.key)?.get(r.member) ?? [])]);
      if (!assigned.size) return false;
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
      if (body !== undefined && hasEarlyExitBefore(body, r.call.getStart(ctx.sourceFile), assigned)) return true;
      // `return new Promise((resolve) => { if (!this.socket) { resolve(true); return; } this.socket.close(…) })`:
      // the executor runs as the method does, so its early exit guards the release too.
      const executor = promiseExecutorAround(r.call, r.fn);
      return executor !== undefined && hasEarlyExitBefore(executor.body, r.call.getStart(ctx.sourceFile), assigned);
    }

    /** The `new Promise(…)` executor, written in `fn` itself, whose own code makes `call`. */
    function promiseExecutorAround(call: ts.Node, fn: ts.Node): (ts.ArrowFunction | ts.FunctionExpression) | undefined {
      const inner = enclosingFunction(call);
      if (!inner || inner === fn || !(ts.isArrowFunction(inner) || ts.isFunctionExpression(inner))) return undefined;
      const made = inner.parent;
      if (!ts.isNewExpression(made) || made.arguments?.[0] !== inner || !ts.isIdentifier(made.expression) || made.expression.text !== 'Promise') return undefined;
      return enclosingFunction(made) === fn ? inner : undefined;
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
      const cls = r.owner.cls;
      const element = r.owner.element;
      if (!cls || !element) return undefined; // a prototype method: no class body to hold the flag
      const body = r.fn.body;
      if (!body || !ts.isBlock(body) || !body.statements.length) return undefined;
      // A plain method that returns the release's promise (`return this.redis.quit()`): callers chain on it.
      const returnsRelease = !r.fn.type && !hasModifier(r.fn, ts.SyntaxKind.AsyncKeyword) && rejectsOnlyToCallerOf(r.call, r.fn);
      const earlyReturn = returnsRelease ? 'return Promise.resolve()' : earlyReturnFor(r.fn);
      if (!earlyReturn) return undefined;
      const sf = ctx.sourceFile;
      const text = ctx.text;
      const style = codeStyle(sf);
      const isStatic = hasModifier(element, ts.SyntaxKind.StaticKeyword);
      const reuse = [...summary.booleanFields].find(([name, f]) =>
        CLOSED_FLAG.test(name) && f.isStatic === isStatic && !f.readonly && !setElsewhere.has(name))?.[0];
      const fresh = freeMemberName(cls, ['#closed', '#closeCalled', '#released']);
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
      if (reuse === undefined) edits.push(classFieldEdit(ctx, cls, `${isStatic ? 'static ' : ''}${flagName} = false`));
      return { title: `Return early from ${r.owner.name}() when already closed`, safety: 'safe', edits };
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
        const owner = ownerOf(call);
        const origin = owner && classes.get(owner.key)?.resources.get(member);
        releases = origin && nonIdempotentReleases(origin.entry.resource);
        target = 'm:' + member;
      } else if (ts.isIdentifier(obj)) {
        const decl = findDeclaration(obj.text, obj);
        if (!decl) return undefined;
        releases = bindingReleases(decl);
        target = `id:${decl.pos}`;
      } else {
        return undefined;
      }
      return releases?.includes(method) && !idempotentByName.has(method) ? { target, targetText: obj.getText(ctx.sourceFile) } : undefined;
    }

    /** How a declared binding is released, when that release is not idempotent. */
    function bindingReleases(decl: ts.Node): readonly string[] | undefined {
      if (ts.isParameter(decl)) {
        const origin = originOfType(ctx, decl.type);
        return origin && nonIdempotentReleases(origin.entry.resource);
      }
      if (!ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
      const origin = originOfValue(ctx, decl.initializer) ?? originOfType(ctx, decl.type);
      if (origin) return nonIdempotentReleases(origin.entry.resource);
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
        const owner = ownerOf(at);
        return (owner && classes.get(owner.key)?.resources.get(member)) ?? 'unknown';
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

    /** The call as a message shows it, a function argument shortened: `this.server.close((err) => …)`. */
    function callText(call: ts.CallExpression): string {
      const args = call.arguments.map((a) => {
        const e = skipOuter(a, Outer.Parens);
        if (!ts.isArrowFunction(e) && !ts.isFunctionExpression(e)) return a.getText(ctx.sourceFile);
        const params = e.parameters.map((p) => p.name.getText(ctx.sourceFile)).join(', ');
        return ts.isArrowFunction(e) ? `(${params}) => …` : `function (${params}) { … }`;
      });
      return `${call.expression.getText(ctx.sourceFile)}(${args.join(', ')})`.replace(/\s+/g, ' ');
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
  if (entry.invoke === 'new') return entry.call ? `${entry.module} ${entry.call}.${method}()` : `${entry.module} ${method}()`;
  return `${entry.module}${entry.call ? '.' + entry.call : ''}().${method}()`;
}


/** Releases some library marks safe to repeat (ioredis `disconnect`), for bindings known only by their releases. */
const idempotentByName = new Set(['disconnect']);

/** `close`, `stop`, `shutdown`… and their prefixed forms (`stopServer`, `closeAll`, `close_redis`). */
function isCloseName(name: string): boolean {
  return CLOSE_METHOD_NAMES.has(name) || /^#?(close|stop|shutdown|destroy|dispose|disconnect|teardown|terminate)(?:[A-Z_]\w*)$/.test(name);
}

/** The owner of the `this` a node sees: a class member, or a `Ctor.prototype.name = function` (or `Ctor` itself). */
function ownerOf(node: ts.Node): Owner | undefined {
  const t = thisOwner(node);
  if (t) return { key: t.cls, cls: t.cls, element: t.member, name: memberName(t.member.name) ?? '', isConstructor: ts.isConstructorDeclaration(t.member) };
  const fn = ownFunction(node);
  if (!fn) return undefined;
  if (ts.isFunctionDeclaration(fn)) return fn.name && ts.isSourceFile(fn.parent) ? { key: `proto:${fn.name.text}`, name: 'constructor', isConstructor: true } : undefined;
  let p: ts.Node = fn.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  // Ctor.prototype.stop = function () {…}
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(p.left)) {
    const proto = p.left.expression;
    if (ts.isPropertyAccessExpression(proto) && proto.name.text === 'prototype' && ts.isIdentifier(proto.expression)) {
      return { key: `proto:${proto.expression.text}`, name: p.left.name.text, isConstructor: false };
    }
  }
  // Ctor.prototype = { stop: function () {…} }
  if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && ts.isObjectLiteralExpression(p.parent)) {
    const holder = p.parent.parent;
    if (ts.isBinaryExpression(holder) && ts.isPropertyAccessExpression(holder.left) && holder.left.name.text === 'prototype' && ts.isIdentifier(holder.left.expression)) {
      return { key: `proto:${holder.left.expression.text}`, name: p.name.text, isConstructor: false };
    }
  }
  return undefined;
}

/** The release hands one of the method's own parameters on (`close(done) { this.server.close(done) }`). */
/** The call's last argument is a function written in place: a callback-style call. */
function takesCallback(call: ts.CallExpression): boolean {
  const last = call.arguments[call.arguments.length - 1];
  const e = last && skipOuter(last, Outer.Parens);
  return e !== undefined && (ts.isArrowFunction(e) || ts.isFunctionExpression(e));
}

/** The release's callback (its last argument) is a parameter of the close method: `close(done) { this.server.close(done) }`. */
function handsOnCallersCallback(call: ts.CallExpression, fn: ts.FunctionLikeDeclaration): boolean {
  const last = call.arguments.length ? skipOuter(call.arguments[call.arguments.length - 1], Outer.Parens) : undefined;
  if (!last || !ts.isIdentifier(last)) return false;
  const decl = findDeclaration(last.text, last);
  return decl !== undefined && ts.isParameter(decl) && decl.parent === fn;
}

/** The module is the package's entry or one the entry re-exports: its users call into it. */
function publicModuleFact(file: string): RuleFact<FactKind> {
  return { kind: 'public-module', ref: `module:${file}` };
}

function passesOwnParameter(call: ts.CallExpression, fn: ts.FunctionLikeDeclaration): boolean {
  return call.arguments.some((a) => {
    const e = skipOuter(a, Outer.Parens);
    if (!ts.isIdentifier(e)) return false;
    const decl = findDeclaration(e.text, e);
    return decl !== undefined && ts.isParameter(decl) && decl.parent === fn;
  });
}

/** The named function (declaration, or expression/arrow bound to a name) a node sits in. */
function enclosingNamedFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)) {
      const p = n.parent;
      if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isVariableDeclaration(p) || ts.isBinaryExpression(p) || ts.isPropertyAssignment(p)) return n;
    }
  }
  return undefined;
}

/** The function that gives a node its `this`: the nearest enclosing function that is not an arrow. */
function ownFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if (ts.isFunctionLike(n)) return ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n) ? n : undefined;
    if (ts.isClassLike(n)) return undefined;
  }
  return undefined;
}

/** `self.socket` where `self` is a `var self = this` of the same function (arrows keep it): the member `socket`. */
function thisAliasMemberName(expr: ts.Expression): string | undefined {
  const e = skipOuter(expr, Outer.Parens);
  if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
  const decl = findDeclaration(e.expression.text, e.expression);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || skipOuter(decl.initializer, Outer.Parens).kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const fn = ownFunction(e);
  return fn !== undefined && ownFunction(decl) === fn ? e.name.text : undefined;
}

/** Resource state that says it is already closed: `if (!this.server.listening) return`, `if (this.pool.ended) return`. */
const CLOSED_STATE = new Set(['listening', 'closed', 'destroyed', 'ended', 'ending', 'readyState', 'status', 'connected', 'isOpen']);

/**
 * The release runs only when `this.<member>.<state>` says the resource is still open: a common
 * state name, or one the library table gives the resource (`openState`: typeorm `isInitialized`,
 * nats `isClosed()`).
 */
function checksOwnState(call: ts.CallExpression, fn: ts.FunctionLikeDeclaration, member: string, openState: readonly string[] = []): boolean {
  const readsState = (e: ts.Node): boolean => {
    if (ts.isPropertyAccessExpression(e) && (CLOSED_STATE.has(e.name.text) || openState.includes(e.name.text)) && thisMemberName(e.expression) === member) return true;
    return ts.forEachChild(e, (c) => (isFunctionBoundary(c) ? undefined : readsState(c) || undefined)) ?? false;
  };
  const body = fn.body;
  for (let n: ts.Node = call; n.parent && n !== body; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && n !== p.expression && readsState(p.expression)) return true;
  }
  if (!body || !ts.isBlock(body)) return false;
  const pos = call.getStart();
  return body.statements.some((s) => s.end <= pos && ts.isIfStatement(s) && readsState(s.expression) &&
    (leavesFunction(s.thenStatement) || (s.elseStatement !== undefined && leavesFunction(s.elseStatement))));
}

/** A second `method()` on this resource is harmless, in the library versions the package asks for. */
function isIdempotentRelease(ctx: Pick<RuleContext, 'packageDir' | 'packageJson'>, entry: ResourceOrigin['entry'], method: string): boolean {
  const { resource } = entry;
  if (resource.releaseIdempotent || (resource.idempotentReleases?.includes(method) ?? false)) return true;
  return resource.failsTwiceSince !== undefined && declaredBelow(ctx, entry.module, resource.failsTwiceSince);
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
