// Objects a caller makes and uses at once: `const session = new Session(socket); session.run();`
// or `this.reverse = new Reverse(opts); this.reverse.start();`. Before the call nothing else can
// reach the object (it is only configured: `s.x = …`, `s.on(…)`; a rule may allow it to be put
// away too: `nodes.set(id, s)`), and the call is the only one of
// that method on it, so that method runs once per object. Also objects an owner holds and uses
// from one place on its own start path: `this.mqtt = new Mqtt()` in the constructor and
// `await this.mqtt.connect()` once in `start()`. double-start and check-then-act record this as
// a fact about the class: its objects are started (or used) once each.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import type { FactRef, ModuleBinding, RuleContext } from '../../engine/types';
import { isEmptyValue, isFunctionBoundary, memberName, skipOuter, thisMemberName, thisOwner, TYPE_ONLY_WRAPPERS, unwrapAwaited } from './ast';
import { isRemovalOf, registrationOf, removesItselfAfter } from './self-removing-listeners';
import { isStartName } from './start-shapes';
import { isCompletionCallback } from './run-once-closures';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Methods on the object that only configure it before it is used. */
const CONFIGURES = /^(on|once|addListener|prependListener|set\w*)$/;

/** Methods that add an entry to the object (`addTrigger`, `addRoute`) before it is started. */
const ADDS = /^add[A-Z]\w*$/;

/**
 * Shapes of "made and used at once" a caller opts into: `unnamed`, the call made on the `new`
 * itself (`new Cluster().init()`); `nested`, the call in a `try` block or an `if` branch after
 * the creation (`this.ezsp = new Ezsp(); try { await this.ezsp.connect() } …`); `stored`, the
 * object put away before the call (`this.nodes.set(id, node); await node.init()`), which calls
 * nothing on it, as putting it away after the call does not.
 */
export interface FreshShapes {
  unnamed?: boolean;
  nested?: boolean;
  stored?: boolean;
  /**
   * `completion`, the call in a Node-style completion callback after the creation
   * (`port.open((err) => { trigger.start() })`), which runs once per call; and the object
   * filled with `add…` calls before it (`trigger.addTrigger('SSID:', ask)`), which hand it nowhere.
   */
  completion?: boolean;
}

/** The receiver of a call, as the code names it: a local (`session`) or a member of `this` (`this.reverse`). */
type Receiver = { local: ts.Identifier } | { member: string };

/**
 * The class of the object a method call is made on, when the object was made with `new C(…)`
 * just before in the same block and the call is the first real use of it and the only call of
 * that method on it; the class as a fact ref (`{ file, name }`), undefined otherwise.
 */
export function freshlyMadeClass(ctx: RuleContext, call: ts.CallExpression, also: FreshShapes = {}): FactRef | undefined {
  const made = freshMaking(call, also);
  if (!made) return undefined;
  return ts.isNewExpression(made) ? classRefOfNew(ctx, made) : factoryCallRef(ctx, made);
}

/** The call is made on an object just made for it with `new`, as `freshlyMadeClass` reads it, whatever its class (a library's too). */
export function freshlyMade(call: ts.CallExpression, also: FreshShapes = {}): boolean {
  const made = freshMaking(call, also);
  return made !== undefined && ts.isNewExpression(made);
}

/**
 * The project function a call makes its object with, as a fact ref: `createWorker(…)` (a function
 * of the project), or `this.webWorkerFactory.create(…)` with the field declared as a project class
 * (`protected webWorkerFactory: WebWorkerFactory`), named `WebWorkerFactory.create`. Whether that
 * function returns a new object of the started class is the class's file's to say (double-start's factoryRefs).
 */
function factoryCallRef(ctx: RuleContext, made: ts.CallExpression): FactRef | undefined {
  const callee = skipOuter(made.expression, TYPE_ONLY_WRAPPERS);
  if (!ts.isPropertyAccessExpression(callee)) return classRefOf(ctx, callee);
  const field = thisMemberName(skipOuter(callee.expression, TYPE_ONLY_WRAPPERS));
  const cls = field !== undefined ? thisOwner(made)?.cls : undefined;
  const type = cls && field !== undefined ? declaredFieldType(cls, field) : undefined;
  const ref = type ? classRefOf(ctx, type) : classRefOf(ctx, callee);
  if (!type || !ref || typeof ref === 'string') return ref;
  return { file: ref.file, name: `${ref.name}.${callee.name.text}` };
}

/** The class named by a field's declared type (`webWorkerFactory: WebWorkerFactory`, as a field or a parameter property). */
function declaredFieldType(cls: ts.ClassLikeDeclaration, field: string): ts.Identifier | undefined {
  const ctor = cls.members.find(ts.isConstructorDeclaration);
  const declared = [
    ...cls.members.filter(ts.isPropertyDeclaration).filter((m) => memberName(m.name) === field),
    ...(ctor?.parameters ?? []).filter((p) => ts.isIdentifier(p.name) && p.name.text === field && (ts.getModifiers(p)?.length ?? 0) > 0),
  ];
  const type = declared.length === 1 ? declared[0].type : undefined;
  return type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && !type.typeArguments ? type.typeName : undefined;
}

/** What made the object a call is made on, when it is fresh (see freshlyMadeClass): a `new`, or a call of a project factory. */
function freshMaking(call: ts.CallExpression, also: FreshShapes): ts.NewExpression | ts.CallExpression | undefined {
  const callee = unwrapAwaited(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  // `await new Cluster().init()`: nothing else can ever reach the object.
  const direct = unwrapAwaited(callee.expression);
  if (also.unnamed && ts.isNewExpression(direct)) return direct;
  const receiver = receiverOf(callee);
  if (!receiver) return undefined;
  const made = creationBefore(receiver, call, also.nested ?? false);
  if (!made) return undefined;
  const { scope, newExpr, creation } = made;
  if (!onlyConfiguredBefore(scope, receiver, creation, call, callee.name.text, also.stored ?? false, also.completion ?? false)) return undefined;
  // A member other methods can reach: none of them may call the method on it again (a `restart()`),
  // unless that call too is made on an object just put there (two branches of a start, each making its own).
  if ('member' in receiver && !otherUsesOnFreshObjects(call, callee, receiver, also.nested ?? false)) return undefined;
  // Used in a loop the object was made outside of, or in a callback that runs again (a listener): used again each time.
  for (let n: ts.Node = call; n !== scope && n.parent; n = n.parent) {
    if (ts.isIterationStatement(n, false) || (isFunctionBoundary(n) && !runsOnceWhenReached(n) && !(also.completion && isCompletionCallback(n)))) return undefined;
  }
  return newExpr;
}

/**
 * The class of an object its owner holds and calls the method on from one place only, once per
 * run of the owner's start path: `this.state = new State(bus)` as the only write of
 * `this.state` (in the constructor or a field), and `this.state.start()` the only use of
 * `this.state.start` in the owner, in `start()` (not in a loop or a listener). A second call
 * needs a second start of the owner, which is the owner's to guard.
 */
export function heldOnceClass(ctx: RuleContext, call: ts.CallExpression): FactRef | undefined {
  const callee = unwrapAwaited(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const field = thisMemberName(unwrapAwaited(callee.expression));
  const owner = thisOwner(call);
  if (field === undefined || !owner) return undefined;
  const uses = classUses(owner.cls);
  const held = uses.fields.get(field);
  if (!held || held.writes !== 1 || !held.made || (uses.memberMethods.get(`${field}.${callee.name.text}`)?.length ?? 0) !== 1) return undefined;
  return onStartPath(call, owner.member, owner.cls, new Set()) ? classRefOfNew(ctx, held.made) : undefined;
}

/**
 * `this.roomKeys.start()` where `this.roomKeys` holds what the constructor was given as its
 * parameter `index` (a parameter property, or `this.roomKeys = roomKeys` in the constructor, the
 * field's only write), and the owner calls that method on it from one place on its start path:
 * the object is started once per start of the owner, whatever it is.
 */
export function heldParameterStart(call: ts.CallExpression): { cls: ts.ClassLikeDeclaration; index: number; method: string } | undefined {
  const callee = unwrapAwaited(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !isStartName(callee.name.text)) return undefined;
  const field = thisMemberName(unwrapAwaited(callee.expression));
  const owner = thisOwner(call);
  if (field === undefined || !owner) return undefined;
  const ctor = owner.cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
  if (!ctor) return undefined;
  const uses = classUses(owner.cls);
  const writes = uses.fields.get(field)?.writes ?? 0;
  let index = ctor.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === field && (ts.getModifiers(p)?.length ?? 0) > 0);
  if (index >= 0 ? writes !== 0 : writes !== 1) return undefined;
  if (index < 0) index = assignedParameter(ctor, field);
  if (index < 0 || (uses.memberMethods.get(`${field}.${callee.name.text}`)?.length ?? 0) !== 1) return undefined;
  return onStartPath(call, owner.member, owner.cls, new Set()) ? { cls: owner.cls, index, method: callee.name.text } : undefined;
}

/** `this.roomKeys = roomKeys;` as a statement of the constructor: the parameter's index, or -1. */
function assignedParameter(ctor: ts.ConstructorDeclaration, field: string): number {
  for (const s of ctor.body?.statements ?? []) {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression) || s.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    if (thisMemberName(s.expression.left) !== field) continue;
    const value = skipOuter(s.expression.right, TYPE_ONLY_WRAPPERS);
    if (!ts.isIdentifier(value)) return -1;
    return ctor.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === value.text);
  }
  return -1;
}

/** What one walk of a class shows about its own members, kept per class: each question is then a look-up. */
interface ClassUses {
  /** Writes of a value to `this.<field>` (fields, assignments; emptying it aside), and the `new` of the only one when it runs once per object. */
  fields: Map<string, { writes: number; made?: ts.NewExpression }>;
  /** `this.<field>.<method>` accesses, keyed `field.method`. */
  memberMethods: Map<string, ts.PropertyAccessExpression[]>;
  /** `this.<name>` accesses by name. */
  thisRefs: Map<string, ts.PropertyAccessExpression[]>;
}

const usesByClass = new WeakMap<ts.ClassLikeDeclaration, ClassUses>();

function classUses(cls: ts.ClassLikeDeclaration): ClassUses {
  const known = usesByClass.get(cls);
  if (known) return known;
  const uses: ClassUses = { fields: new Map(), memberMethods: new Map(), thisRefs: new Map() };
  const write = (field: string, made: ts.NewExpression | undefined, value: ts.Expression) => {
    // Emptying the field (`this.handler = undefined` in `stop()`) puts no second object there to start.
    if (isEmptyValue(value)) return;
    const entry = uses.fields.get(field) ?? { writes: 0 };
    entry.writes++;
    entry.made = made;
    uses.fields.set(field, entry);
  };
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isPropertyDeclaration(n) && n.parent === cls && n.initializer) {
      const name = memberName(n.name);
      if (name !== undefined) write(name, newIn(n.initializer), n.initializer);
    }
    if (ts.isBinaryExpression(n) && isWrite(n.operatorToken.kind)) {
      const field = thisMemberName(n.left);
      const member = field !== undefined ? thisOwner(n) : undefined;
      if (field !== undefined && member?.cls === cls) {
        write(field, ts.isConstructorDeclaration(member.member) && runsOncePer(n, member.member) ? newIn(n.right) : undefined, n.right);
      }
    }
    if (ts.isPropertyAccessExpression(n)) {
      if (n.expression.kind === ts.SyntaxKind.ThisKeyword && sameThis(n, cls)) {
        const list = uses.thisRefs.get(n.name.text) ?? [];
        list.push(n);
        uses.thisRefs.set(n.name.text, list);
      }
      const field = thisMemberName(skipOuter(n.expression, TYPE_ONLY_WRAPPERS));
      if (field !== undefined && sameThis(n, cls)) {
        const key = `${field}.${n.name.text}`;
        uses.memberMethods.set(key, [...(uses.memberMethods.get(key) ?? []), n]);
      }
    }
  };
  walkTree(cls, visit);
  usesByClass.set(cls, uses);
  return uses;
}

/**
 * The class a `new` makes, as a fact ref: `new Runner()`, `new storage_1.default()`,
 * `new lib.Runner()`; undefined for a library's class or one local to a function.
 */
export function classRefOfNew(ctx: RuleContext, newExpr: ts.NewExpression): ModuleBinding | undefined {
  return classRefOf(ctx, newExpr.expression);
}

/** A project class named by an expression (`Runner`, `extension_1.default`), as a fact ref. */
export function classRefOf(ctx: RuleContext, expr: ts.Expression): ModuleBinding | undefined {
  const e = skipOuter(expr, TYPE_ONLY_WRAPPERS);
  if (ts.isIdentifier(e)) {
    const ref = ctx.factRef(e);
    return ref !== undefined && typeof ref !== 'string' ? ref : undefined;
  }
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  const callee = ctx.resolveCallee(e);
  if (!callee || callee.library || !callee.call || callee.call.includes('.')) return undefined;
  return { file: callee.module, name: callee.call };
}

/**
 * True when a node runs once per run of `member` on the owner's start path: no loop and no
 * callback between them (a promise executor or reaction aside), and `member` is the
 * constructor, a start method (`start`, `init`, `connect`, …) or a method the class calls only
 * from such places; a start method the class itself calls from elsewhere (a reconnect listener)
 * is not.
 */
function onStartPath(node: ts.Node, member: ts.ClassElement, cls: ts.ClassLikeDeclaration, seen: Set<ts.Node>): boolean {
  if (!runsOncePer(node, member)) return false;
  if (ts.isConstructorDeclaration(member)) return true;
  if (seen.has(member) || seen.size > 4) return false;
  seen.add(member);
  const name = memberName(member.name);
  if (name === undefined) return false;
  // A listener that removes itself right after `node` runs it once per registration: the registration is its call.
  // Its removals (`this.off(E, this.onSync)` in `stop()`) run none of it.
  const selfRemoving = removesItselfAfter(node, listenerBody(member) ?? member, name);
  const refs = (classUses(cls).thisRefs.get(name) ?? []).filter((ref) => !(selfRemoving && isRemovalOf(ref)));
  const ok = refs.every((ref) => {
    const caller = thisOwner(ref)?.member;
    const call = ts.isCallExpression(ref.parent) && ref.parent.expression === ref ? ref.parent : selfRemoving ? registrationOf(ref) : undefined;
    return call !== undefined && caller !== undefined && onStartPath(call, caller, cls, seen);
  });
  return ok && (refs.length > 0 || isStartName(name));
}

/** `onStartPath` for other modules: the node runs once per run of the owner's start path. */
export function runsOnOwnersStartPath(node: ts.Node, member: ts.ClassElement, cls: ts.ClassLikeDeclaration): boolean {
  return onStartPath(node, member, cls, new Set());
}

/** How many values the class writes to `this.<field>` (emptying it aside). */
export function fieldWrites(cls: ts.ClassLikeDeclaration, field: string): number {
  return classUses(cls).fields.get(field)?.writes ?? 0;
}

/** The body of a method, or of the function a property holds (`onSync = () => { … }`). */
function listenerBody(member: ts.ClassElement): ts.Node | undefined {
  if (ts.isMethodDeclaration(member)) return member.body;
  const init = ts.isPropertyDeclaration(member) && member.initializer ? skipOuter(member.initializer, TYPE_ONLY_WRAPPERS) : undefined;
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init.body : undefined;
}

/**
 * The member from which the class calls `this.<name>()`, when that is its one reference to the
 * method and the call runs once per run of its start path (see onStartPath): for a `private`
 * method, whose every caller is in sight, that member decides how often it runs.
 */
export function onlyStartPathCaller(cls: ts.ClassLikeDeclaration, name: string): ts.ClassElement | undefined {
  const refs = classUses(cls).thisRefs.get(name) ?? [];
  if (refs.length !== 1) return undefined;
  const ref = refs[0];
  const caller = thisOwner(ref)?.member;
  const ok = ts.isCallExpression(ref.parent) && ref.parent.expression === ref && caller !== undefined && memberName(caller.name) !== name &&
    onStartPath(ref.parent, caller, cls, new Set());
  return ok ? caller : undefined;
}

/** No loop and no callback between `node` and the function of `member`, a promise executor or reaction aside. */
function runsOncePer(node: ts.Node, member: ts.ClassElement): boolean {
  const fn = ts.isPropertyDeclaration(member) && member.initializer ? skipOuter(member.initializer, TYPE_ONLY_WRAPPERS) : member;
  for (let n: ts.Node | undefined = node.parent; n && n !== fn && n !== member; n = n.parent) {
    if (ts.isIterationStatement(n, false)) return false;
    if (isFunctionBoundary(n) && !runsOnceWhenReached(n)) return false;
  }
  return true;
}

/** Calls whose callback runs at most once per call: promise reactions and one-shot listeners. */
const RUNS_CALLBACK_ONCE: ReadonlySet<string> = new Set(['then', 'catch', 'finally', 'once', 'prependOnceListener']);

/**
 * `new Promise((resolve) => …)`, `p.then(() => …)`, `client.once('ready', () => …)`: a function
 * that runs at most once each time its code is reached.
 */
export function runsOnceWhenReached(fn: ts.Node): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  const p = fn.parent;
  if (ts.isNewExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 'Promise') return true;
  return ts.isCallExpression(p) && p.arguments.includes(fn) && ts.isPropertyAccessExpression(p.expression) &&
    RUNS_CALLBACK_ONCE.has(p.expression.name.text);
}

/** Every other `this.<member>.<method>` in the class is a call made on an object just put in the member, as this one. */
function otherUsesOnFreshObjects(call: ts.CallExpression, callee: ts.PropertyAccessExpression, receiver: Receiver & { member: string }, nested: boolean): boolean {
  const cls = thisOwner(call)?.cls;
  if (!cls) return false;
  return (classUses(cls).memberMethods.get(`${receiver.member}.${callee.name.text}`) ?? []).every((use) => {
    if (use === callee) return true;
    let at: ts.Node = use;
    while (ts.isParenthesizedExpression(at.parent) || ts.isNonNullExpression(at.parent)) at = at.parent;
    const other = ts.isCallExpression(at.parent) && at.parent.expression === at ? at.parent : undefined;
    return other !== undefined && creationBefore(receiver, other, nested) !== undefined && !inLoopOrCallback(other);
  });
}

/** A loop or a callback that runs again (a listener) lies between the call and its function. */
function inLoopOrCallback(call: ts.Node): boolean {
  for (let n: ts.Node = call; n.parent && !isFunctionBoundary(n.parent); n = n.parent) if (ts.isIterationStatement(n.parent, false)) return true;
  return false;
}

/** The node's `this` is the class's own (not a nested class or a `function` of its own). */
function sameThis(n: ts.Node, cls: ts.ClassLikeDeclaration): boolean {
  return thisOwner(n)?.cls === cls;
}

function isWrite(op: ts.SyntaxKind): boolean {
  return op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken ||
    op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken;
}

function newIn(expr: ts.Expression): ts.NewExpression | undefined {
  const e = unwrapAwaited(expr);
  return ts.isNewExpression(e) ? e : undefined;
}

function receiverOf(callee: ts.PropertyAccessExpression): Receiver | undefined {
  const e = unwrapAwaited(callee.expression);
  if (ts.isIdentifier(e)) return { local: e };
  const member = thisMemberName(e);
  return member !== undefined ? { member } : undefined;
}

/** `n` names the receiver: the local, or `this.<member>`. */
function namesReceiver(n: ts.Node, receiver: Receiver): boolean {
  if ('local' in receiver) return ts.isIdentifier(n) && n.text === receiver.local.text && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n);
  return ts.isPropertyAccessExpression(n) && thisMemberName(n) === receiver.member;
}

/**
 * Where the receiver got its value: `const x = new C(…)`, or a statement `x = new C(…)` /
 * `this.x = new C(…)` earlier in a block that holds the call.
 */
function creationBefore(receiver: Receiver, call: ts.CallExpression, nested: boolean): { scope: ts.Node; newExpr: ts.NewExpression | ts.CallExpression; creation: ts.Node } | undefined {
  // `new C(…)`, or a call that may be a project factory (`this.factory.create(…)`): what the caller asks of it decides.
  const isNew = (e: ts.Expression | undefined): e is ts.NewExpression | ts.CallExpression => {
    const x = e && unwrapAwaited(e);
    return x !== undefined && (ts.isNewExpression(x) || ts.isCallExpression(x)) && (ts.isIdentifier(x.expression) || ts.isPropertyAccessExpression(x.expression));
  };
  if ('local' in receiver) {
    const decl = findDeclaration(receiver.local.text, receiver.local);
    if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return undefined;
    if (decl.initializer && isNew(decl.initializer)) {
      const scope = decl.parent?.parent?.parent;
      return scope && { scope, newExpr: unwrapAwaited(decl.initializer) as ts.NewExpression | ts.CallExpression, creation: decl.name };
    }
  }
  // `runner = new Runner(…)` as a statement of a block that also holds the call.
  for (let n: ts.Node = call; n.parent; n = n.parent) {
    const block = n.parent;
    if (!ts.isBlock(block) && !ts.isSourceFile(block)) continue;
    const index = block.statements.indexOf(n as ts.Statement);
    for (let i = index - 1; i >= 0; i--) {
      const s = block.statements[i];
      // `try { x = new C(…) } catch (e) { throw … }`: made in the try just before.
      const candidates = ts.isTryStatement(s) ? [...s.tryBlock.statements].reverse() : [s];
      for (const c of candidates) {
        if (!ts.isExpressionStatement(c) || !ts.isBinaryExpression(c.expression) || c.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
        const left = c.expression.left;
        if (!namesReceiver(left, receiver)) continue;
        return isNew(c.expression.right) ? { scope: block, newExpr: unwrapAwaited(c.expression.right) as ts.NewExpression | ts.CallExpression, creation: left } : undefined;
      }
    }
    // `this.ezsp = new Ezsp(t); try { await this.ezsp.connect(); } catch …`: a `try` block or a branch
    // of an `if` runs at most once where it stands, so the creation may sit before it.
    if (!nested || !runsOnceWhereItStands(block)) return undefined;
  }
  return undefined;
}

/** A block that runs at most once each time its statement is reached: a `try` block, a branch of an `if`. */
function runsOnceWhereItStands(block: ts.Node): boolean {
  const p = block.parent;
  return p !== undefined && ((ts.isTryStatement(p) && p.tryBlock === block) || ts.isIfStatement(p));
}

/** Every use of the receiver in `scope` between the creation and `call` configures the object; none after calls `method` again. */
function onlyConfiguredBefore(scope: ts.Node, receiver: Receiver, creation: ts.Node, call: ts.CallExpression, method: string, stored: boolean, adds: boolean): boolean {
  const callReceiver = unwrapAwaited((unwrapAwaited(call.expression) as ts.PropertyAccessExpression).expression);
  let ok = true;
  const visit = (n: ts.Node): WalkAnswer => {
    if (!ok) return STOP;
    // A use on a path that excludes the call (`if (cb) return server.start(cb);` before `server.start(…)`) is another run's.
    if (namesReceiver(n, receiver) && n !== creation && n !== callReceiver && n.pos >= creation.pos && !onExclusivePaths(n, call)) {
      const use = n.parent;
      const member = ts.isPropertyAccessExpression(use) && use.expression === n ? use : undefined;
      if (n.pos < call.pos) {
        const configures = member !== undefined && ((ts.isBinaryExpression(member.parent) && member.parent.left === member &&
          member.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) ||
          (ts.isCallExpression(member.parent) && member.parent.expression === member && (CONFIGURES.test(member.name.text) || (adds && ADDS.test(member.name.text)))));
        if (!configures && !(stored && isStored(n))) ok = false;
      } else if (member && member.name.text === method && ts.isCallExpression(member.parent)) {
        ok = false;
      }
    }
  };
  walkTree(scope, visit);
  return ok;
}

/** Methods of a collection that keep a value for later look-up, calling nothing on it. */
const STORES = /^(set|add|push|unshift)$/;

/**
 * The object is only put away where others can find it later, which runs none of its code:
 * `this.remoteNodes.set(id, subscriber)`, `runners.push(runner)`, `app.corrector = corrector;`.
 */
function isStored(use: ts.Node): boolean {
  const p = use.parent;
  if (ts.isCallExpression(p) && p.arguments.includes(use as ts.Expression)) {
    const callee = skipOuter(p.expression, 0);
    return ts.isPropertyAccessExpression(callee) && STORES.test(callee.name.text);
  }
  return ts.isBinaryExpression(p) && p.right === use && p.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    (ts.isPropertyAccessExpression(p.left) || ts.isElementAccessExpression(p.left)) && ts.isExpressionStatement(p.parent);
}

/**
 * Two nodes no single run reaches both of: one sits in a branch of an `if` that leaves the function
 * (`if (callback) { return server.start(callback); }`), and the other comes after that `if`.
 */
function onExclusivePaths(a: ts.Node, b: ts.Node): boolean {
  return leavesBefore(a, b) || leavesBefore(b, a);
}

function leavesBefore(inside: ts.Node, after: ts.Node): boolean {
  for (let n: ts.Node = inside; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isFunctionLike(p)) return false;
    if (ts.isIfStatement(p) && (n === p.thenStatement || n === p.elseStatement) && branchLeaves(n as ts.Statement) && after.pos >= p.end) return true;
  }
  return false;
}

function branchLeaves(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true;
  if (!ts.isBlock(s) || !s.statements.length) return false;
  const last = s.statements[s.statements.length - 1];
  return ts.isReturnStatement(last) || ts.isThrowStatement(last);
}
