// double-start: a start-like method (`start`, `listen`, `init`, `connect`, `run`) that creates a
// timer, server, listener or loop on `this` with nothing stopping a second call from creating
// it again: two intervals, EADDRINUSE, every event handled twice, two loops on one queue.
// Class methods, methods on a prototype, and start functions a factory returns (state in the
// closure) are checked; a lifecycle hook a framework calls once, a second call that throws
// first, an unref'd timer and objects the project starts once each are left alone
// (second-calls.ts).
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { ASSERTION_FUNCTIONS, PEER_STATE_FIELDS } from '../../engine/knowledge';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import type { FactRef, Fix, RuleContext, TextEdit } from '../../engine/types';
import {
  enclosingFunction, hasModifier, isEmptyValue, isFunctionBoundary, leavesFunction, memberName, propertyKey, skipOuter, thisMemberName, thisOwner, unwrapAwaited,
} from '../shared/ast';
import { classFieldEdit, earlyReturnFor, freeMemberName, insertAtBlockEnd, insertAtBlockTop } from '../shared/class-member-edits';
import { classRefOf, onlyStartPathCaller } from '../shared/fresh-objects';
import { originOfType } from '../shared/resource-origin';
import { CLOSE_METHOD_NAMES, closeFunctionOf, isOnceWrapper } from '../shared/second-call-guards';
import { LISTENER_REMOVAL_METHODS, bindingMakesListener, findCreations, isStartName, makesListener, type Creation } from '../shared/start-shapes';
import { startCallers } from '../shared/start-callers';
import { closureStarts } from './closure-starts';
import { fillsErasedHook } from './erased-hooks';
import { isNoOpHookBody, prototypeBaseOf } from './inherited-hooks';
import { handedFreshFacts, startsParameterFact, type HandedKind } from './handed-objects';
import { heldListClasses } from './held-lists';
import { addsHeldListenerOnce } from './held-listeners';
import { logsErrorsOnly, replacesItself } from './run-once-shapes';
import { freshBefore, guardedBefore, inClassCalls } from './in-class-callers';
import {
  callsSuperOfSameName, extendsLibraryClass, freshStartFact, isUnrefd, heldServerListen, type FreshStartKind,
} from './second-calls';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

type Options = Record<string, never>;

/** A class, or a constructor function with methods on its prototype (`Crawler.prototype.start = function () {…}`). */
type Owner = ts.ClassLikeDeclaration | ts.FunctionDeclaration | ts.VariableDeclaration;

/** What one class shows about its members, collected in the shared walk. */
interface ClassSummary {
  owner: Owner;
  /** The function-valued members by name, to resolve `this.m()`. */
  members: Map<string, ts.FunctionLikeDeclaration>;
  starts: { element: ts.Node; name: ts.Node; fn: ts.FunctionLikeDeclaration; method: string }[];
  /** Close-like members (`stop`, `close`, …): where a started flag must be reset for a restart to work. */
  closers: ts.FunctionLikeDeclaration[];
  /** Members wrapped in `once(…)`, and methods only ever run through a memoized `??=`/`||=`. */
  runOnce: Set<string>;
  /** Members assigned outside the constructor: state a guard can test. */
  changing: Set<string>;
  /** Members given a non-empty value, and where: a field guard must not see a value the start did not put there. */
  filledIn: Map<string, Set<ts.Node>>;
  /** Members holding a server or web app, whose `listen()` opens a port. */
  listenable: Set<string>;
}

const WHY_SECOND_CALL = 'A second call (a retry after a failed boot, a test harness, two code paths that each start the service)';
/** Accessors that report whether something already runs: `isRunning()`, `getIsStarted()`, `isListening`. */
const STATE_ACCESSOR = /^(get)?(is|has)(Running|Started|Starting|Active|Listening|Connected|Connecting|Open|Opened|Initiali[sz]ed|Ready|Bound)$/i;

const WHAT_TO_DO = 'Return early when already started (`{{guard}}`) or wrap the method in `once`.';

type MessageId = 'timer' | 'server' | 'listener' | 'loop' | 'resource';

/** `hook:<method>`: the class declares the start method empty or abstract, a hook its subclasses fill in and the project's own framework calls. */
type FactKind = FreshStartKind | HandedKind | `hook:${string}`;

const rule = createRule<Options, MessageId, FactKind>({
  meta: {
    id: 'double-start',
    description: 'A start/listen/init/connect/run method that creates a timer, server, listener or loop with no guard against a second call.',
    defaultSeverity: 'warn',
    fixable: { safe: 'an early-return guard that every stop/close method resets' },
    fileKinds: ['script'],
    // Every finding and fact is about a start method (shared/start-shapes.ts START_NAME).
    needs: { anyOf: ['start', 'listen', 'init', 'connect', 'run'] },
    messages: {
      timer: 'A second `{{method}}()` starts a second timer: return early when already started.\n' +
        `\`{{what}}\` runs on every call. ${WHY_SECOND_CALL} starts another timer and overwrites the handle of the first, ` +
        'which can then never be cleared: the work runs twice as often, and the process never exits on shutdown. ' + WHAT_TO_DO,
      server: 'A second `{{method}}()` opens the server again: return early when already started.\n' +
        `\`{{what}}\` runs on every call. ${WHY_SECOND_CALL} listens again and fails with EADDRINUSE, or leaks the first ` +
        'server, which keeps its port and connections. ' + WHAT_TO_DO,
      listener: 'A second `{{method}}()` adds the listener again: return early when already started.\n' +
        `\`{{what}}\` runs on every call. ${WHY_SECOND_CALL} registers it again, so every event is handled twice ` +
        '(two replies, two writes) and listeners pile up until MaxListenersExceededWarning. ' + WHAT_TO_DO,
      loop: 'A second `{{method}}()` starts a second loop: return early when already started.\n' +
        `\`{{what}}\` runs on every call. ${WHY_SECOND_CALL} starts another loop alongside the first, so each job is ` +
        'picked up twice and the load doubles. ' + WHAT_TO_DO,
      resource: 'A second `{{method}}()` leaks what the first one created: return early when already started.\n' +
        `\`{{what}}\` runs on every call. ${WHY_SECOND_CALL} creates another and overwrites the first, which keeps ` +
        'running with no handle left to close it. ' + WHAT_TO_DO,
    },
    options: {},
  },

  create(ctx) {
    const classes = new Map<Owner, ClassSummary>();
    /** Module-level names assigned inside functions: `if (started) return` tests real state. */
    const changingNames = new Set<string>();
    const prototypes = prototypeClasses(ctx.sourceFile);
    const factories = new Set<ts.FunctionLikeDeclaration>();

    const summaryOf = (owner: Owner): ClassSummary => {
      let f = classes.get(owner);
      if (!f) {
        f = { owner, members: new Map(), starts: [], closers: [], runOnce: new Set(), changing: new Set(), filledIn: new Map(), listenable: new Set() };
        classes.set(owner, f);
      }
      return f;
    };

    const noteMember = (owner: Owner, element: ts.Node, nameNode: ts.Node, name: string, fn: ts.FunctionLikeDeclaration, isStatic: boolean) => {
      const summary = summaryOf(owner);
      summary.members.set(name, fn);
      if (isStatic) return;
      if (isStartName(name)) summary.starts.push({ element, name: nameNode, fn, method: name });
      if (CLOSE_METHOD_NAMES.has(name)) summary.closers.push(fn);
    };

    const noteFilled = (summary: ClassSummary, member: string, where: ts.Node) => {
      let set = summary.filledIn.get(member);
      if (!set) summary.filledIn.set(member, (set = new Set()));
      set.add(where);
    };

    for (const [owner, proto] of prototypes) {
      for (const m of proto.methods) {
        noteMember(owner, m.fn, m.name, m.name.text, m.fn, false);
        // `Service.prototype.start = function (done) { setImmediate(done); }`: a hook subclasses fill in.
        if (isStartName(m.name.text) && isNoOpHookBody(m.fn)) for (const ref of classRefs(owner)) ctx.addFact({ kind: `hook:${m.name.text}`, ref });
      }
    }

    return {
      [ts.SyntaxKind.MethodDeclaration](node: ts.MethodDeclaration) {
        if (!ts.isClassLike(node.parent)) return;
        noteClassMember(node.parent, node);
        const name = memberName(node.name);
        if (name !== undefined && isStartName(name) && isEmptyHook(node)) {
          for (const ref of classRefs(node.parent)) ctx.addFact({ kind: `hook:${name}`, ref });
        }
      },

      [ts.SyntaxKind.PropertyDeclaration](node: ts.PropertyDeclaration) {
        if (!ts.isClassLike(node.parent)) return;
        noteClassMember(node.parent, node);
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
        const owner = memberOwner(node);
        if (!owner) return;
        const summary = summaryOf(owner.owner);
        const member = thisMemberName(node.left);
        if (member !== undefined) {
          if (!owner.inConstructor) summary.changing.add(member);
          if (op !== ts.SyntaxKind.EqualsToken || !isEmptyValue(node.right)) noteFilled(summary, member, owner.member);
          if (op === ts.SyntaxKind.EqualsToken && isOnceWrapper(node.right)) summary.runOnce.add(member);
          if (listens(node.right)) summary.listenable.add(member);
        }
        // `return (this.#starting ??= this.#start())`: the memoized method runs once.
        if (op !== ts.SyntaxKind.EqualsToken) for (const m of thisMethodCalls(node.right)) summary.runOnce.add(m);
        // `if (!this.startPromise) { const a = this.start(); this.startPromise = a; }`: the same memo, written out.
        const memo = member !== undefined && op === ts.SyntaxKind.EqualsToken && !isEmptyValue(node.right) ? memoBlock(node, member) : undefined;
        if (memo) for (const m of thisMethodCalls(memo)) summary.runOnce.add(m);
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
        const owner = memberOwner(node);
        const member = thisMemberName(node.expression);
        if (!owner || member === undefined) return;
        summaryOf(owner.owner).changing.add(member);
      },

      [ts.SyntaxKind.CallExpression](node: ts.CallExpression) {
        const fresh = freshStartFact(ctx, node);
        if (fresh) ctx.addFact(fresh);
        // `s.start()` for each object of a list the owner made in its constructor, walked once per start of the owner.
        const callee = skipOuter(node.expression, 0);
        if (ts.isPropertyAccessExpression(callee) && isStartName(callee.name.text)) {
          for (const ref of heldListClasses(ctx, node)) ctx.addFact({ kind: `fresh-start:${callee.name.text}`, ref });
        }
        const param = startsParameterFact(ctx, node);
        if (param) ctx.addFact(param);
      },

      [ts.SyntaxKind.NewExpression]: (node: ts.NewExpression) => recordHanded(ctx, node),

      [ts.SyntaxKind.ReturnStatement](node: ts.ReturnStatement) {
        // A factory returning `{ start, dispose }`: its start function keeps state in the closure.
        const e = node.expression && skipOuter(node.expression, 0);
        if (!e || !ts.isObjectLiteralExpression(e) || !e.properties.some((p) => isStartName(propertyKey(p.name) ?? ''))) return;
        const factory = enclosingFunction(node);
        if (factory && !ts.isClassLike(factory.parent)) factories.add(factory as ts.FunctionLikeDeclaration);
      },

      end() {
        for (const [, summary] of classes) {
          for (const start of summary.starts) checkStart(summary, start);
        }
        for (const factory of factories) {
          for (const c of closureStarts(ctx, factory)) {
            ctx.report({
              node: c.name,
              messageId: c.creation.kind,
              data: { method: c.method, what: c.creation.display, guard: c.creation.field ? `if (${c.creation.field}) return;` : 'if (started) return;' },
              severity: 'warn',
            });
          }
        }
      },
    };

    function noteClassMember(cls: ts.ClassLikeDeclaration, element: ts.ClassElement): void {
      const name = memberName(element.name);
      const fn = closeFunctionOf(element);
      if (name === undefined || !fn) return;
      noteMember(cls, element, element.name!, name, fn, hasModifier(element, ts.SyntaxKind.StaticKeyword));
    }

    /**
     * The class (or prototype class) whose `this` a node sees, the member it sits in, and
     * whether that is the constructor.
     */
    function memberOwner(node: ts.Node): { owner: Owner; member: ts.Node; inConstructor: boolean } | undefined {
      const cls = thisOwner(node);
      if (cls) return { owner: cls.cls, member: cls.member, inConstructor: ts.isConstructorDeclaration(cls.member) };
      for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
        if (ts.isArrowFunction(n)) continue;
        if (!ts.isFunctionLike(n)) continue;
        for (const [owner, proto] of prototypes) {
          if (proto.constructorFn === n) return { owner, member: n, inConstructor: true };
          if (proto.methods.some((m) => m.fn === n)) return { owner, member: n, inConstructor: false };
        }
        return undefined;
      }
      return undefined;
    }

    /** The code of a class: its declaration, or a constructor function and the functions on its prototype. */
    function classBodies(owner: Owner): ts.Node[] {
      const proto = prototypes.get(owner);
      if (!proto) return [owner];
      return [...(proto.constructorFn ? [proto.constructorFn] : []), ...proto.methods.map((m) => m.fn)];
    }

    /** The values a constructor function and its prototype's methods assign to `this.<member>`; undefined for none. */
    function prototypeMemberValues(owner: Owner, member: string): ts.Expression[] | undefined {
      const out: ts.Expression[] = [];
      const visit = (n: ts.Node, top: boolean): void => {
        if (!top && isFunctionBoundary(n) && !ts.isArrowFunction(n)) return;
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && thisMemberName(n.left) === member && !isEmptyValue(n.right)) out.push(n.right);
        ts.forEachChild(n, (ch) => visit(ch, false));
      };
      for (const body of classBodies(owner)) visit(body, true);
      return out.length ? out : undefined;
    }

    /** The functions a call of the class's own code can run in once per call: its methods and its constructor. */
    function memberFunctions(summary: ClassSummary): Set<ts.Node> {
      const out = new Set<ts.Node>(summary.members.values());
      const owner = summary.owner;
      if (ts.isClassLike(owner)) for (const m of owner.members) if (ts.isConstructorDeclaration(m)) out.add(m);
      const ctor = prototypes.get(owner)?.constructorFn;
      if (ctor) out.add(ctor);
      return out;
    }

    function isConstructorFn(fn: ts.Node, owner: Owner): boolean {
      return ts.isConstructorDeclaration(fn) ? fn.parent === owner : prototypes.get(owner)?.constructorFn === fn;
    }

    /**
     * A listener on `this.<member>` that only the method's callers fill, each right before the
     * call: a second call wires a second object, not the first one twice.
     */
    function wiresCallersObject(c: Creation, calls: { call: ts.CallExpression; caller: ts.FunctionLikeDeclaration }[], summary: ClassSummary): boolean {
      if (!ts.isCallExpression(c.node) || !ts.isPropertyAccessExpression(c.node.expression)) return false;
      const member = thisMemberName(unwrapAwaited(c.node.expression.expression));
      if (member === undefined) return false;
      const fillers = summary.filledIn.get(member);
      if (fillers && [...fillers].some((w) => ts.isConstructorDeclaration(w) || ts.isPropertyDeclaration(w) || isConstructorFn(w, summary.owner))) return false;
      return calls.every(({ call, caller }) => freshBefore(call, caller, member));
    }

    /** The creation is what the method returns (`return this.app.listen(port)`, an arrow's body). */
    function handedBack(node: ts.Node, fn: ts.FunctionLikeDeclaration): boolean {
      let e: ts.Node = node;
      while (ts.isParenthesizedExpression(e.parent) || ts.isAwaitExpression(e.parent)) e = e.parent;
      return (ts.isReturnStatement(e.parent) && enclosingFunction(e.parent) === fn) || e.parent === fn;
    }

    /** A server or web app: a member the class fills with one, or a binding made as one. */
    function listens(expr: ts.Expression, summary?: ClassSummary): boolean {
      const e = unwrapAwaited(expr);
      const member = thisMemberName(e);
      if (member !== undefined) return summary?.listenable.has(member) ?? false;
      if (ts.isIdentifier(e)) return bindingMakesListener(ctx, e);
      return makesListener(ctx, e);
    }

    function checkStart(summary: ClassSummary, start: ClassSummary['starts'][number]): void {
      // Wrapped in `once`, memoized, or replacing itself on the object as its first step (`this.init = function () {}`).
      if (summary.runOnce.has(start.method) || replacesItself(start.fn, start.method)) return;
      const owner = summary.owner;
      // A lifecycle hook a framework calls once; a second call that throws before creating anything.
      if (callsSuperOfSameName(start.fn, start.method) || (ts.isClassLike(owner) && extendsLibraryClass(ctx, owner))) return;
      // A hook whose abstract declaration the compiler erased: every sibling subclass defines it, the base does not.
      if (ts.isClassLike(owner) && fillsErasedHook(owner, start.method)) return;
      // A second call throws at `this.server.listen()` on the held server: what comes after it is created once.
      const throwsAt = heldServerListen(ctx, start.fn, prototypes.has(owner) ? (m) => prototypeMemberValues(owner, m) : undefined);
      // A private method called from one place on its class's start path, in a program's main routine (it ends the
      // process on some paths): that routine runs once per process. Called from a public start(), it stays reported.
      if (ts.isClassLike(owner) && isPrivateMember(start.element, start.method) && exitsProcess(onlyStartPathCaller(owner, start.method))) return;
      // Run only by the constructor: once per object, as it is made.
      const callers = startCallers(summary.members, owner, start.method);
      if (callers?.length && callers.every((c) => c === 'constructor')) return;
      // Run only by the constructor, or past a caller's own guard (`if (this.started) throw …` in start() before `this.init()`).
      const calls = inClassCalls(classBodies(owner), memberFunctions(summary), start.method);
      // So is one whose every caller replaces itself on the object first (`init() { this.init = function () {}; …; this.initLocal(); }`).
      if (calls?.every(({ call, caller }) => isConstructorFn(caller, owner) || guardedBefore(call, caller, (e) => readsState(e, caller, summary)) ||
        runsOncePerObject(summary, caller))) return;
      const creations = findCreations(ctx, start.fn)
        .filter((c) => !throwsAt || c.node.getEnd() <= throwsAt.getStart())
        .filter((c) => !c.listenOn || listens(c.listenOn, summary))
        // `listen(port) { return this.app.listen(port) }`: the server goes to the caller, who owns it; nothing stays on `this`.
        .filter((c) => c.field !== undefined || !handedBack(c.node, start.fn))
        .filter((c) => c.kind !== 'timer' || !isUnrefd(start.fn, c.node, c.field))
        // An 'error' listener that only logs: added twice, it logs twice, and guards nothing worth a guard.
        .filter((c) => c.kind !== 'listener' || !logsErrorsOnly(c.node))
        // `addEventListener('x', this.onX)` with the object's own bound method: EventTarget keeps it once.
        .filter((c) => c.kind !== 'listener' || !addsHeldListenerOnce(c.node, summary.changing))
        // Listeners on an object every caller makes anew right before the call (`this.socket = net.connect(…); this.listen()`).
        .filter((c) => c.kind !== 'listener' || !calls || !wiresCallersObject(c, calls, summary));
      const unguarded = creations.filter((c) => !isGuarded(c, start.fn, summary));
      const first = unguarded[0];
      if (!first) return;
      // One guard at the top stops the whole method; report once, at its name.
      const fix = ts.isClassLike(owner) ? guardFix(owner, summary, start, unguarded) : fieldGuardFix(summary, start, unguarded);
      const field = fix ? fix.field : first.field !== undefined && canGuardWith(first.field, summary, start.element) ? first.field : undefined;
      const guard = field !== undefined ? `if (this.${field}) return;` : ts.isClassLike(owner) ? 'if (this.#started) return;' : 'if (this.started) return;';
      ctx.report({
        node: start.name,
        messageId: first.kind,
        data: { method: start.method, what: first.display, guard },
        severity: 'warn',
        fixes: fix ? [fix.fix] : undefined,
        unlessAny: singleCallFacts(summary, start.method),
      });
    }

    /** The member function runs once per object: it replaces itself on the object first. */
    function runsOncePerObject(summary: ClassSummary, fn: ts.FunctionLikeDeclaration): boolean {
      for (const [name, member] of summary.members) if (member === fn) return replacesItself(fn, name);
      return false;
    }

    /**
     * The facts that show the project starts this class's objects once each: made and started
     * at once, for this method or for the start methods that are its only callers.
     */
    function singleCallFacts(summary: ClassSummary, method: string): { kind: FactKind; ref: FactRef }[] | undefined {
      const refs = [...classRefs(summary.owner), ...factoryRefs(summary.owner)];
      if (!refs.length) return baseHookFacts(summary.owner, method);
      // The class calls the method itself from elsewhere (a reconnect listener, a loop): objects started once each still restart.
      const callers = startCallers(summary.members, summary.owner, method);
      if (!callers) return undefined;
      const methods = [method, ...callers.filter((c) => c !== 'constructor')];
      return [
        ...refs.flatMap((ref) => methods.map((m) => ({ kind: `fresh-start:${m}` as FactKind, ref }))),
        ...baseHookFacts(summary.owner, method),
      ];
    }

    /**
     * `class Frontend extends Extension` where the project's `Extension` declares `start() {}`
     * empty (or abstract): a lifecycle hook the project's own framework calls, as for a
     * library's base class.
     */
    function baseHookFacts(owner: Owner, method: string): { kind: FactKind; ref: FactRef }[] {
      const name = ts.isClassLike(owner) ? undefined : ownerName(owner);
      const base = ts.isClassLike(owner)
        ? owner.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression
        : name !== undefined ? prototypeBaseOf(ctx.sourceFile, name) : undefined;
      const ref = base && classRefOf(ctx, base);
      return ref ? [{ kind: `hook:${method}`, ref }] : [];
    }

    /** How other files name the class: its top-level name, or the module itself for `module.exports = class …`. */
    function classRefs(owner: Owner): FactRef[] {
      const file = ctx.file;
      if ((ts.isClassDeclaration(owner) || ts.isFunctionDeclaration(owner)) && owner.name && ts.isSourceFile(owner.parent)) return [{ file, name: owner.name.text }];
      if (ts.isVariableDeclaration(owner) && ts.isIdentifier(owner.name)) return [{ file, name: owner.name.text }];
      // `var Storage = class { … }` at the top level, as bundlers write classes.
      if (ts.isClassExpression(owner) && ts.isVariableDeclaration(owner.parent) && ts.isIdentifier(owner.parent.name) && isTopLevel(owner.parent)) {
        return [{ file, name: owner.parent.name.text }];
      }
      if (ts.isClassExpression(owner) && ts.isBinaryExpression(owner.parent) && owner.parent.left.getText() === 'module.exports') {
        return [{ file, name: '*' }, { file, name: 'default' }, ...(owner.name ? [{ file, name: owner.name.text }] : [])];
      }
      return [];
    }

    /**
     * How other files name the top-level functions of this file that return a new object of the
     * class on every path (`export default function ora(o) { return new Spinner(o); }`), and the
     * methods of its classes that do (`WebWorkerFactory.create`): an object one of them has just
     * returned is as fresh as one made with `new`. Followed one call away, no further.
     */
    function factoryRefs(owner: Owner): FactRef[] {
      const className = ownerName(owner);
      if (className === undefined) return [];
      const out: FactRef[] = [];
      const file = ctx.file;
      for (const s of ctx.sourceFile.statements) {
        const fns: { name: string; fn: ts.FunctionLikeDeclaration; isDefault: boolean }[] = [];
        if (ts.isFunctionDeclaration(s) && s.name && s.body) {
          fns.push({ name: s.name.text, fn: s, isDefault: hasModifier(s, ts.SyntaxKind.DefaultKeyword) });
        } else if (ts.isVariableStatement(s)) {
          for (const d of s.declarationList.declarations) {
            const init = d.initializer && skipOuter(d.initializer, 0);
            if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) fns.push({ name: d.name.text, fn: init, isDefault: false });
          }
        }
        // `class WebWorkerFactory { create(id, o) { return new WebWorker(…) } }`: a factory method, named `WebWorkerFactory.create`.
        if (ts.isClassDeclaration(s) && s.name) {
          for (const m of s.members) {
            const method = ts.isMethodDeclaration(m) && m.body && !hasModifier(m, ts.SyntaxKind.StaticKeyword) ? memberName(m.name) : undefined;
            if (method !== undefined && returnsNewOf(m as ts.MethodDeclaration, className)) out.push({ file, name: `${s.name.text}.${method}` });
          }
        }
        for (const { name, fn, isDefault } of fns) {
          if (!returnsNewOf(fn, className)) continue;
          out.push({ file, name });
          if (isDefault || exportedAsModule(name)) out.push({ file, name: 'default' });
          if (exportedAsModule(name)) out.push({ file, name: '*' });
        }
      }
      return out;
    }

    /** `module.exports = name`: the module itself is the function. */
    function exportedAsModule(name: string): boolean {
      return ctx.sourceFile.statements.some((s) => ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) &&
        s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && s.expression.left.getText(ctx.sourceFile) === 'module.exports' &&
        ts.isIdentifier(s.expression.right) && s.expression.right.text === name);
    }

    /** `invariant(!this.socket, 'already open')`, `assert(!this.started)`: throws unless the state allows the start. */
    function isAssertion(call: ts.CallExpression): boolean {
      const callee = call.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? `${callee.expression.text}.${callee.name.text}` : undefined;
      return name !== undefined && ASSERTION_FUNCTIONS.has(name);
    }

    /** Control before the creation: an early exit or a condition on changing state, a release first, a removal of listeners first. */
    function isGuarded(c: Creation, fn: ts.FunctionLikeDeclaration, summary: ClassSummary): boolean {
      const body = fn.body!;
      // A per-key membership test guards what is made per key, not a timer kept in one field for all keys.
      const isState = (expr: ts.Expression) => readsState(expr, fn, summary, c.field === undefined);
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
        else if (ts.isCallExpression(n) && n.end <= pos && undoesFirst(n, c, summary)) guarded = true;
        else if (ts.isCallExpression(n) && n.end <= pos && isAssertion(n) && n.arguments[0] && isState(n.arguments[0])) guarded = true;
        else ts.forEachChild(n, visit);
      };
      visit(body);
      return guarded;
    }

    /**
     * A call that undoes an earlier start before starting again: `this.stop()`, a sibling that
     * clears the same field (`this.stopHeartbeat()` running `clearInterval(this.heartbeatTimer)`),
     * `clearInterval(this.timer)`, `this.server?.close()`, `process.off(…)` / `removeAllListeners`
     * before adding listeners.
     */
    function undoesFirst(call: ts.CallExpression, c: Creation, summary: ClassSummary): boolean {
      const callee = call.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (name === undefined) return false;
      const onThis = ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword;
      if (onThis && CLOSE_METHOD_NAMES.has(name)) return true;
      if (c.kind === 'listener' && LISTENER_REMOVAL_METHODS.has(name)) return true;
      if (c.field === undefined) return false;
      if (onThis) {
        const sibling = summary.members.get(name);
        return sibling !== undefined && releasesField(sibling, c.field);
      }
      if (!ctx.knowledge.releaseNames().has(name)) return false;
      const target = ts.isPropertyAccessExpression(callee) ? unwrapAwaited(callee.expression) : call.arguments[0] && unwrapAwaited(call.arguments[0]);
      return target !== undefined && thisMemberName(target) === c.field;
    }

    /** The method releases `this.<field>`: `clearInterval(this.f)`, `this.f.close()`, `this.f = null`. */
    function releasesField(fn: ts.FunctionLikeDeclaration, field: string): boolean {
      const releases = ctx.knowledge.releaseNames();
      let found = false;
      const visit = (n: ts.Node): WalkAnswer => {
        if (found || (n !== fn.body && isFunctionBoundary(n) && !ts.isArrowFunction(n))) return SKIP;
        if (ts.isCallExpression(n)) {
          const callee = n.expression;
          const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
          const target = ts.isPropertyAccessExpression(callee) ? unwrapAwaited(callee.expression) : n.arguments[0] && unwrapAwaited(n.arguments[0]);
          if (name !== undefined && releases.has(name) && target !== undefined && thisMemberName(target) === field) found = true;
        }
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && thisMemberName(n.left) === field && isEmptyValue(n.right)) found = true;
      };
      if (fn.body) walkTree(fn.body, visit);
      return found;
    }

    /** The method (or a callback in it) sets `this.<field>` back to empty: `= null`, `= undefined`, `delete`. */
    function emptiesField(fn: ts.FunctionLikeDeclaration, field: string): boolean {
      let found = false;
      const visit = (n: ts.Node): WalkAnswer => {
        if (found || (n !== fn.body && isFunctionBoundary(n) && !ts.isArrowFunction(n))) return SKIP;
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && thisMemberName(n.left) === field && isEmptyValue(n.right)) found = true;
        if (ts.isDeleteExpression(n) && thisMemberName(n.expression) === field) found = true;
      };
      if (fn.body) walkTree(fn.body, visit);
      return found;
    }

    /** The condition reads something that changes: a member assigned outside the constructor, a module variable some function sets, `server.listening`. */
    function readsState(expr: ts.Node, fn: ts.FunctionLikeDeclaration, summary: ClassSummary, membership = false): boolean {
      if (isFunctionBoundary(expr)) return false;
      // `isRunning()`, `deps.getIsRunning()`, `this.isStarted`, `server.listening`: state read through an accessor.
      if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && STATE_ACCESSOR.test(expr.expression.text)) return true;
      // `this.activeClients.has(client)`: membership in the object's own collection, per key.
      if (membership && ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'has' &&
        thisMemberName(expr.expression.expression) !== undefined) return true;
      if (ts.isPropertyAccessExpression(expr)) {
        if (expr.name.text === 'listening' || STATE_ACCESSOR.test(expr.name.text)) return true;
        const member = thisMemberName(expr);
        if (member !== undefined && summary.changing.has(member)) return true;
        // `if (!this.unconnected) throw …` in a subclass: state its base class keeps (a getter over `this.state`).
        if (member !== undefined && expr.expression.kind === ts.SyntaxKind.ThisKeyword && isInheritedMember(summary.owner, member)) return true;
        // `this.peripheral.state`, `this.ws.readyState`: the connection state of a peer the object holds.
        if (PEER_STATE_FIELDS.has(expr.name.text) && thisMemberName(expr.expression) !== undefined) return true;
      }
      if (ts.isIdentifier(expr) && changingNames.has(expr.text) && !declaredWithin(expr, fn)) return true;
      return ts.forEachChild(expr, (ch) => readsState(ch, fn, summary, membership) || undefined) ?? false;
    }

    /** A member a class that extends another neither declares nor assigns: its base class keeps it. */
    function isInheritedMember(owner: Owner, member: string): boolean {
      if (!ts.isClassLike(owner) || !owner.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword)) return false;
      if (owner.members.some((m) => m.name !== undefined && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === member)) return false;
      let assigned = false;
      const visit = (n: ts.Node): void => {
        if (assigned) return;
        if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
          ts.isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === member) assigned = true;
        else ts.forEachChild(n, visit);
      };
      owner.members.forEach(visit);
      return !assigned;
    }

    /**
     * `if (this.timer) return;` when the method stores what it creates in a field nothing else
     * fills and that is emptied when stopped (or never stopped); otherwise a `#started` flag that
     * every close-like method resets, so stop-then-start still works.
     */
    function guardFix(cls: ts.ClassLikeDeclaration, summary: ClassSummary, start: ClassSummary['starts'][number], unguarded: Creation[]): { fix: Fix; field?: string } | undefined {
      const byField = fieldGuardFix(summary, start, unguarded);
      if (byField) return byField;
      const body = start.fn.body;
      const earlyReturn = earlyReturnFor(start.fn);
      if (!body || !ts.isBlock(body) || !body.statements.length || !earlyReturn) return undefined;
      const flag = freeMemberName(cls, ['#started', '#startCalled']);
      if (flag === undefined) return undefined;
      const resets: TextEdit[] = [];
      for (const fn of summary.closers) {
        const closeBody = fn.body;
        const edit = closeBody && ts.isBlock(closeBody) ? insertAtBlockEnd(ctx, closeBody, `this.${flag} = false`) : undefined;
        if (!edit) return undefined;
        resets.push(edit);
      }
      return {
        fix: {
          title: `Return early from ${start.method}() when already started`,
          safety: 'safe',
          edits: [
            classFieldEdit(ctx, cls, `${flag} = false`),
            insertAtBlockTop(ctx, body, [`if (this.${flag}) ${earlyReturn}`, `this.${flag} = true`]),
            ...resets,
          ],
        },
      };
    }

    /** `if (this.<field>) return;` on the field the method fills, when that field is a sound guard. */
    function fieldGuardFix(summary: ClassSummary, start: ClassSummary['starts'][number], unguarded: Creation[]): { fix: Fix; field: string } | undefined {
      const body = start.fn.body;
      const earlyReturn = earlyReturnFor(start.fn);
      if (!body || !ts.isBlock(body) || !body.statements.length || !earlyReturn) return undefined;
      const field = unguarded.map((c) => c.field).find((f): f is string => f !== undefined && canGuardWith(f, summary, start.element));
      if (field === undefined) return undefined;
      return {
        field,
        fix: {
          title: `Return early from ${start.method}() when this.${field} is already set`,
          safety: 'safe',
          edits: [insertAtBlockTop(ctx, body, [`if (this.${field}) ${earlyReturn}`])],
        },
      };
    }

    /**
     * A field is a sound guard when only this method fills it and every stop/close/destroy method
     * empties it (or nothing stops): emptied only elsewhere (an error handler), the guard would
     * refuse a restart after `destroy()`.
     */
    function canGuardWith(field: string, summary: ClassSummary, element: ts.Node): boolean {
      const fillers = summary.filledIn.get(field);
      if (fillers && [...fillers].some((w) => w !== element)) return false;
      return summary.closers.every((fn) => emptiesField(fn, field));
    }
  },

  // A file that names no start method can still make an object and hand it to its owner.
  facts(ctx) {
    return { [ts.SyntaxKind.NewExpression]: (node: ts.NewExpression) => recordHanded(ctx, node) };
  },
});

/** `new Owner(…, roomKeys, …)` with `roomKeys` just made: started once if the owner starts that parameter once. */
function recordHanded(ctx: RuleContext<Options, MessageId, FactKind>, node: ts.NewExpression): void {
  for (const { fact, ifAll } of handedFreshFacts(ctx, node)) ctx.addFact(fact, ifAll);
}

/** A constructor function with methods assigned to its prototype, in one file. */
interface PrototypeClass {
  constructorFn: ts.FunctionLikeDeclaration | undefined;
  methods: { name: ts.Identifier; fn: ts.FunctionExpression }[];
}

/**
 * `function Crawler() {…}` (or `var Crawler = function () {…}`) with
 * `Crawler.prototype.start = function () {…}` at the top level of the file.
 */
function prototypeClasses(sf: ts.SourceFile): Map<Owner, PrototypeClass> {
  const out = new Map<Owner, PrototypeClass>();
  for (const s of sf.statements) {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression) || s.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const left = s.expression.left;
    const fn = skipOuter(s.expression.right, 0);
    if (!ts.isPropertyAccessExpression(left) || !ts.isFunctionExpression(fn)) continue;
    const proto = left.expression;
    if (!ts.isPropertyAccessExpression(proto) || proto.name.text !== 'prototype' || !ts.isIdentifier(proto.expression)) continue;
    const decl = findDeclaration(proto.expression.text, proto.expression);
    let owner: Owner | undefined;
    let constructorFn: ts.FunctionLikeDeclaration | undefined;
    if (decl && ts.isFunctionDeclaration(decl)) {
      owner = decl;
      constructorFn = decl;
    } else if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
      const init = skipOuter(decl.initializer, 0);
      if (ts.isFunctionExpression(init) || ts.isArrowFunction(init)) {
        owner = decl;
        constructorFn = init;
      }
    }
    if (!owner || !ts.isIdentifier(left.name)) continue;
    let entry = out.get(owner);
    if (!entry) out.set(owner, (entry = { constructorFn, methods: [] }));
    entry.methods.push({ name: left.name, fn });
  }
  return out;
}

function isAssignment(op: ts.SyntaxKind): boolean {
  return op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken ||
    op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken;
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}

/** The `then` block of `if (!this.<member>)` (or `== null`) that holds `assignment`, in the same function. */
function memoBlock(assignment: ts.Node, member: string): ts.Statement | undefined {
  for (let n: ts.Node = assignment; n.parent && !isFunctionBoundary(n); n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && p.thenStatement === n && testsEmpty(p.expression, member)) return p.thenStatement;
  }
  return undefined;
}

/** `!this.m`, `this.m == null`, `this.m === undefined`, `this.m === null`. */
function testsEmpty(cond: ts.Expression, member: string): boolean {
  const e = unwrapAwaited(cond);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return thisMemberName(unwrapAwaited(e.operand)) === member;
  if (!ts.isBinaryExpression(e)) return false;
  const op = e.operatorToken.kind;
  if (op !== ts.SyntaxKind.EqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsEqualsToken) return false;
  return thisMemberName(unwrapAwaited(e.left)) === member && isEmptyValue(e.right);
}

/** Names of `this` methods called in an expression: `this.#start()` in `this.#starting ??= this.#start()`. */
function thisMethodCalls(expr: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (isFunctionBoundary(n) && !ts.isArrowFunction(n)) return SKIP;
    if (ts.isCallExpression(n)) {
      const callee = unwrapAwaited(n.expression);
      const name = thisMemberName(callee);
      if (name !== undefined) out.push(name);
    }
  };
  walkTree(expr, visit);
  return out;
}

/** The member calls `process.exit(…)` itself (not in a callback): a program's main routine, run once per process. */
function exitsProcess(member: ts.ClassElement | undefined): boolean {
  const fn = member && closeFunctionOf(member);
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || (n !== fn?.body && isFunctionBoundary(n))) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'exit' &&
      ts.isIdentifier(n.expression.expression) && n.expression.expression.text === 'process') found = true;
    else ts.forEachChild(n, visit);
  };
  if (fn?.body) visit(fn.body);
  return found;
}

/** `start() {}` or `abstract start(): void`: a method declared only for subclasses to fill in. */
function isEmptyHook(node: ts.MethodDeclaration): boolean {
  if (!node.body) return hasModifier(node, ts.SyntaxKind.AbstractKeyword);
  return isNoOpHookBody(node);
}

/** `private start()` or `#start()`: only the class itself can call it, so every call is in sight. */
function isPrivateMember(element: ts.Node, name: string): boolean {
  return name.startsWith('#') || hasModifier(element, ts.SyntaxKind.PrivateKeyword);
}

/** True when `id` is declared inside `fn` (a local or parameter), so testing it says nothing about earlier calls. */
function declaredWithin(id: ts.Identifier, fn: ts.FunctionLikeDeclaration): boolean {
  for (let n: ts.Node | undefined = findDeclaration(id.text, id); n; n = n.parent) if (n === fn) return true;
  return false;
}

/** The name a class (or a constructor function) is declared under in its file. */
function ownerName(owner: Owner): string | undefined {
  if ((ts.isClassDeclaration(owner) || ts.isFunctionDeclaration(owner)) && owner.name) return owner.name.text;
  if (ts.isVariableDeclaration(owner) && ts.isIdentifier(owner.name)) return owner.name.text;
  if (ts.isClassExpression(owner) && ts.isVariableDeclaration(owner.parent) && ts.isIdentifier(owner.parent.name)) return owner.parent.name.text;
  return undefined;
}

/** Every return of the function (or its expression body) is `new <className>(…)`, and there is one at least. */
function returnsNewOf(fn: ts.FunctionLikeDeclaration, className: string): boolean {
  const isNewOf = (e: ts.Expression | undefined) => {
    const x = e && skipOuter(e, 0);
    return x !== undefined && ts.isNewExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === className;
  };
  const body = fn.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return isNewOf(body);
  let count = 0;
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok || isFunctionBoundary(n)) return;
    if (ts.isReturnStatement(n)) {
      if (isNewOf(n.expression)) count++;
      else ok = false;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return ok && count > 0;
}

export default rule;
