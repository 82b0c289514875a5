// check-then-act: shared state is checked, then an `await` runs, and only then is the state the
// check protected written. Every caller that arrives during the await passes the check too:
// two clients connected (one leaked), an init run once per caller, N loads for one cache key.
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { declared, identifiersIn } from '../../engine/fix-names';
import { isTopLevel } from '../../engine/scope';
import { codeStyle, semi } from '../../engine/fix-text';
import type { FactRef, Fix, FixDeclaration, TextEdit } from '../../engine/types';
import { enclosingFunction, hasModifier, isFunctionBoundary, leavesFunction, memberName, skipOuter, thisOwner } from '../shared/ast';
import { classFieldEdit } from '../shared/class-member-edits';
import { commentsAbove } from '../shared/comments';
import { freshlyMadeClass, heldOnceClass } from '../shared/fresh-objects';
import { isStartName, shortForm } from '../shared/start-shapes';
import { calledOnlyBehindEntryGuard } from './guarded-callers';
import { runsOnlySequentially } from './sequential-callers';
import { calledOnlyThroughPendingMap } from './pending-callers';
import { inVisibleBurst } from './visible-burst';
import { lazyCallFact, methodKey, startUpMethod, type LazyCallFactKind } from './start-up';
import { isMigrationModule } from '../shared/migration-module';
import { runsInPromiseQueue } from './promise-queue';
import { claimedOnEntry } from './claimed-entry';
import { callsMemoisedLibraryMethod } from './memoised-calls';
import { singleFlightFacts, singleFlightFactsFor, type SingleFlightFactKind } from './single-flight-callers';
import { serializedByStreamCallback } from './stream-hooks';
import { callerFacing, chainRaceIn, returnsTheState } from './promise-chains';
import { cliPackageFact, isShortLivedProgram, recordCliPackageFacts, type CliPackageFactKind } from '../shared/program-lifetime';
import { awaitsModule, awaitsShared, isSerialized, keyedBySequentialLoop, startsSomething, isWriteOf, parseCheck, readsState, regionAfter, type StateRef, STATE_WRAPPERS } from './state-checks';
import { SKIP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

type Options = Record<string, never>;

/** What follows a check: the first write of the checked state, and the awaits that run before it completes. */
interface Race {
  /** The state whose write comes first. */
  state: StateRef;
  write: ts.BinaryExpression | ts.CallExpression;
  awaits: ts.AwaitExpression[];
  /** The promise-chain form: the call whose `.then` callback holds the write (no awaits then). */
  head?: ts.CallExpression | ts.NewExpression;
}

type MessageId = 'value' | 'flag' | 'phase' | 'entry' | 'chain';

/** A comment saying the awaited call already shares one run among concurrent callers. */
const DEDUPED_NOTE = /\bdedup\w*|\bidempotent\b|\bsafe to call (twice|again|more than once|concurrently|repeatedly)\b|\bconcurrent (calls|callers) (share|await|get) (one|the same)\b/i;

/** The project facts this rule records and reads: objects the project makes and uses at once. */
type FactKind = `fresh-call:${string}` | LazyCallFactKind | CliPackageFactKind | SingleFlightFactKind;

const rule = createRule<Options, MessageId, FactKind>({
  meta: {
    id: 'check-then-act',
    description: 'State checked, then an await, then the write the check protected: concurrent callers all pass the check.',
    defaultSeverity: 'warn',
    fixable: { suggestion: 'memoize the promise (`??=`); unsafe: a rejected first call is shared by every later caller' },
    fileKinds: ['script', 'package-json'],
    // A check raced by an `await` of an async function; a `fresh-call` fact needs a `new`, a `lazy-call` fact a start name.
    // A `.then(` callback writing the state is the promise-chain form of the race.
    needs: { anyOf: [['async', 'await'], '.then(', 'new', 'start', 'listen', 'init', 'connect', 'run'] },
    messages: {
      value: 'Concurrent callers all pass this check during the `await`: keep the promise, not the result.\n' +
        '`{{check}}` is checked, but `{{target}}` is assigned only after an `await`, so every caller that arrives ' +
        'meanwhile runs the initialisation too: two concurrent calls both create the value and the first is overwritten: work done twice, ' +
        'and when the value is a client, a browser or a connection, one left running with nothing to close it. Keep the promise (`{{hint}}`), ' +
        'so every caller awaits the same one.',
      flag: 'Concurrent callers all pass this check during the `await`: claim or memoize before awaiting.\n' +
        '`{{check}}` is checked, but `{{target}}` is set only after an `await`, so `{{work}}` runs once per caller ' +
        'that arrives meanwhile, and what it starts or writes is started or written again. Memoize the promise ' +
        '(`{{hint}}`) so every caller awaits the same run, or claim the state before the first `await`.',
      phase: 'Concurrent callers all pass this check during the `await`: claim a phase it turns away first.\n' +
        '`{{check}}` lets every caller through until `{{target}}` is set to {{value}}, which happens only after an ' +
        '`await`, so `{{work}}` and what comes before it run once per caller that arrives meanwhile. Before the first ' +
        '`await`, move `{{target}}` to a phase the check turns away (`if (this.state !== \'idle\') return; ' +
        'this.state = \'starting\'`), or keep the run\'s promise and let every caller await it.',
      entry: 'Concurrent callers for one key all miss this check during the `await`: store the promise.\n' +
        '`{{check}}` is checked, but `{{write}}` stores the entry only after an `await`, so every caller that asks ' +
        'for the same missing key meanwhile does the work again: a cold cache sends the same query N times at once, ' +
        'and a slow backend gets the whole burst. Store the promise before awaiting it (`map.set(key, load(key))`, ' +
        'then `await map.get(key)`), so later callers await the same work.',
      chain: 'Concurrent callers all pass this check while the promise is pending: keep the promise, not the result.\n' +
        '`{{check}}` is checked, but `{{target}}` is written only in a `.then` callback of `{{work}}`, so every caller that ' +
        'arrives before it settles starts `{{work}}` again: two connections or clients made and one left running with nothing ' +
        'to close it, or the same work done once per caller. Keep the promise before the chain settles (`{{hint}}`) and hand ' +
        'every caller that one, or claim the state before starting the work.',
    },
    options: {},
  },

  create(ctx) {
    recordCliPackageFacts(ctx);
    if (ctx.kind === 'package-json') return {};
    return {
      [ts.SyntaxKind.IfStatement](node: ts.IfStatement) {
        const fn = enclosingFunction(node, ts.isClassLike) as ts.FunctionLikeDeclaration | undefined;
        // A constructor runs once per object. Only async functions can await; any function can
        // start a promise chain whose `.then` callback writes the state.
        if (!fn || insideConstructor(fn)) return;
        const isAsync = hasModifier(fn, ts.SyntaxKind.AsyncKeyword);
        if (!isAsync && !ctx.mentions('.then(')) return;
        const check = parseCheck(node.expression);
        if (!check) return;
        const region = regionAfter(node, check.absent);
        if (!region.length) return;
        const race = (isAsync ? raceIn(region, check.states) : undefined) ?? chainRace(region, check.states);
        if (!race || isSerialized(fn, node.getStart(ctx.sourceFile))) return;
        // A stream hook Node calls again only once its callback runs, which waits for the region's work.
        if (serializedByStreamCallback(fn, region, race.head ? Infinity : race.awaits[0]?.pos)) return;
        // The chain form keeps a present-check only when its early exit hands back the state (a
        // get-or-create); `if (this.response) return;` skips a step its own flow already did.
        if (race.head && !check.absent && !node.elseStatement && !returnsTheState(node.thenStatement, check.states)) return;
        // A value or flag set after work that only reads or repeats harmlessly: nothing is made twice.
        // A library call that memoises its own in-flight promise (`GoogleAuth.getClient()`) hands every racing caller the same object.
        if (race.state.kind !== 'entry' && !startsSomething(region, Infinity, (call) => callsMemoisedLibraryMethod(ctx, call))) return;
        // An error latch (`catch (err) { failure = err }`, checked by `if (failure) return`): it records
        // a failure, it initialises nothing, and a second caller passing the check only does its own work.
        if (recordsCaughtError(race.write)) return;
        // A state machine that turns away other phases before its first await (`if (this.phase !==
        // 'stopped') throw …`) rejects the second caller once the first has moved the phase on.
        const firstWork: ts.Node = race.head ?? race.awaits[0];
        // The function's entry guard turns away a second call and the flag it checks is claimed before
        // the first await (`if (this.connecting) return; this.connecting = true;`): calls of it run one at a time.
        if (claimedOnEntry(fn, node, firstWork)) return;
        // In the chain form the check may sit in a promise executor or a `Promise.resolve().then`
        // callback: who calls the function around it is what the exemptions below ask about.
        const caller = race.head ? callerFacing(fn) : fn;
        if (race.state.kind === 'value' && race.state.phase && turnsAwayBeforeAwait(region, race.state, firstWork.pos)) return;
        // A cache entry filled by a read repeats that read once per cold key: a stampede only when
        // the file shows a burst of callers (a fan-out running this code for every element).
        if (race.state.kind === 'entry' && !startsSomething(region, Math.max(lastWriteEnd(region, race.state), race.head ? race.write.end : 0)) && !inVisibleBurst(caller)) return;
        // A start method filling distinct keys one turn of a loop at a time: runs once, races nobody.
        if (race.state.kind === 'entry' && isStartName(methodName(fn) ?? '') && keyedBySequentialLoop(race.state.entryKey, node, fn)) return;
        // The maintainers say at the await that the call dedupes concurrent callers (`// Will dedupe concurrently incoming calls`).
        if (commentsAbove(firstWork, ctx.text).some((c) => DEDUPED_NOTE.test(c))) return;
        // A helper run only from one entry that checks its own state first: the race, if any, is the entry's.
        if (calledOnlyBehindEntryGuard(caller)) return;
        // A method run only as a link of the class's promise queue (`this.queue = this.queue.then(() => this.m())`): one run at a time.
        if (runsInPromiseQueue(caller)) return;
        // A method only its constructor calls, or only one `for await` loop awaits item by item: runs alone.
        if (runsOnlySequentially(caller)) return;
        // A method each caller runs once per key, keeping its promise as pending before awaiting it: the memo is one level up.
        if (calledOnlyThroughPendingMap(caller)) return;
        // A command-line run is one sequential flow: its concurrent callers show in the file as a
        // burst, or not at all (a CLI that lazily loads its config, a launcher's one setup path).
        const burst = inVisibleBurst(caller);
        if (!burst && isShortLivedProgram(ctx.sourceFile)) return;
        // A migration (a module exporting `up` and `down`) runs once, one at a time, under its runner's lock.
        if (!burst && isMigrationModule(ctx.sourceFile)) return;
        // A method the class (or the class it extends) runs only inside a single-flight (`this.#p = this.#p || this.#refresh()`).
        const unlessAny = [...(singleCallFacts(caller, check.states) ?? []), ...(burst ? [] : cliPackageFact(ctx)), ...singleFlightFactsFor(ctx, caller)];
        // A start-up step (`init()` the class runs only from its start path, or not at all) races only
        // when some code of the project calls it lazily, from a request path or a listener.
        const startUp = race.state.kind !== 'entry' && !burst ? startUpMethod(caller) : undefined;
        const onlyIfAny = startUp !== undefined ? [{ kind: `lazy-call:${startUp}` as FactKind, ref: methodKey(startUp) }] : undefined;
        report(node, region, race.state, race, unlessAny.length ? unlessAny : undefined, onlyIfAny);
      },

      [ts.SyntaxKind.CallExpression](node: ts.CallExpression) {
        const callee = skipOuter(node.expression, STATE_WRAPPERS);
        if (!ts.isPropertyAccessExpression(callee)) return;
        const ref = freshlyMadeClass(ctx, node) ?? heldOnceClass(ctx, node);
        if (ref) ctx.addFact({ kind: `fresh-call:${callee.name.text}`, ref });
        const lazy = lazyCallFact(ctx, node);
        if (lazy) ctx.addFact(lazy);
        for (const fact of singleFlightFacts(ctx, node)) ctx.addFact(fact);
      },
    };

    /**
     * For state on `this`: the facts that show each object of the class has this method called
     * once (made and used at once by every caller the project shows), so no two calls interleave.
     */
    function singleCallFacts(fn: ts.FunctionLikeDeclaration, states: StateRef[]): { kind: FactKind; ref: FactRef }[] | undefined {
      if (!states.every((st) => st.key.startsWith('m:'))) return undefined;
      const method = methodOf(fn);
      if (!method) return undefined;
      return method.classRefs.map((ref) => ({ kind: `fresh-call:${method.name}` as FactKind, ref }));
    }

    /** The method a function is, and how other files name its class: `class Runner { async start() {…} }`, `PadDiff.prototype.getHtml = …`. */
    function methodOf(fn: ts.FunctionLikeDeclaration): { name: string; classRefs: FactRef[] } | undefined {
      const file = ctx.file;
      let member: ts.Node = fn;
      if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isPropertyDeclaration(fn.parent)) member = fn.parent;
      if ((ts.isMethodDeclaration(member) || ts.isPropertyDeclaration(member)) && ts.isClassLike(member.parent)) {
        const name = memberName(member.name);
        const cls = member.parent;
        if (name === undefined) return undefined;
        if (ts.isClassDeclaration(cls) && cls.name && ts.isSourceFile(cls.parent)) return { name, classRefs: [{ file, name: cls.name.text }] };
        // `var Storage = class { … }` at the top level, as bundlers write classes.
        if (ts.isClassExpression(cls) && ts.isVariableDeclaration(cls.parent) && ts.isIdentifier(cls.parent.name) && isTopLevel(cls.parent)) {
          return { name, classRefs: [{ file, name: cls.parent.name.text }] };
        }
        if (ts.isClassExpression(cls) && ts.isBinaryExpression(cls.parent) && cls.parent.left.getText() === 'module.exports') {
          return { name, classRefs: [{ file, name: '*' }, { file, name: 'default' }] };
        }
        return undefined;
      }
      // `PadDiff.prototype.getHtml = async function () {…}` at the top level.
      const assign = fn.parent;
      if (ts.isFunctionExpression(fn) && ts.isBinaryExpression(assign) && ts.isPropertyAccessExpression(assign.left) &&
        ts.isExpressionStatement(assign.parent) && ts.isSourceFile(assign.parent.parent)) {
        const proto = assign.left.expression;
        if (ts.isPropertyAccessExpression(proto) && proto.name.text === 'prototype' && ts.isIdentifier(proto.expression)) {
          return { name: assign.left.name.text, classRefs: [{ file, name: proto.expression.text }] };
        }
      }
      return undefined;
    }

    function report(node: ts.IfStatement, region: ts.Node[], state: StateRef, race: Race, unlessAny: { kind: FactKind; ref: FactRef }[] | undefined,
      onlyIfAny: { kind: FactKind; ref: FactRef }[] | undefined): void {
      const sf = ctx.sourceFile;
      const closeParen = ctx.text.indexOf(')', node.expression.end);
      const check = node.expression.getText(sf).replace(/\s+/g, ' ');
      const range = { start: node.getStart(sf), end: closeParen + 1 };
      if (race.head) {
        // The promise-chain form: no `await` to memoize in place, so no suggestion; the message says what to keep.
        const work = shortForm(sf, race.head);
        const target = state.kind === 'entry' ? entryWriteText(race.write) : (race.write as ts.BinaryExpression).left.getText(sf);
        const hint = state.kind === 'entry' ? `${state.collection.getText(sf)}.set(${state.entry}, ${work}.then(…))` : `${target}Promise ??= ${work}.then(…)`;
        ctx.report({ range, messageId: 'chain', data: { check, target, work, hint }, severity: 'warn', unlessAny, onlyIfAny });
        return;
      }
      if (state.kind === 'entry') {
        ctx.report({ range, messageId: 'entry', data: { check, write: entryWriteText(race.write) }, severity: 'warn', unlessAny, onlyIfAny });
        return;
      }
      const write = race.write as ts.BinaryExpression;
      const awaited = race.awaits[0];
      if (state.phase) {
        ctx.report({
          range,
          messageId: 'phase',
          data: { check, target: write.left.getText(sf), value: skipOuter(write.right, STATE_WRAPPERS).getText(sf), work: shortForm(sf, awaited.expression) },
          severity: 'warn',
          unlessAny,
          onlyIfAny,
        });
        return;
      }
      const target = write.left.getText(sf);
      const isValue = !isLiteral(write.right);
      const direct = skipOuter(write.right, STATE_WRAPPERS) === awaited && write.operatorToken.kind === ts.SyntaxKind.EqualsToken;
      const memo = memoName(state);
      const memoText = memo?.access ?? `${target}Promise`;
      const work = shortForm(sf, awaited.expression);
      const hint = !isValue ? `await (${memoText} ??= ${work})` : direct ? `${target} = await (${memoText} ??= ${work})`
        : `${memoText} ??= (async () => { …; return value })()`;
      // Only the two shapes whose rewrite keeps the meaning: `target = await E`, and `await E;` before a flag.
      // Memoizing the await shares only what it awaits: what starts before it would still run once per caller.
      const fixable = race.awaits.length === 1 && (isValue ? direct : ts.isExpressionStatement(awaited.parent)) &&
        !startsSomething(region, awaited.pos);
      const suggestion = memo && fixable ? memoizeFix(state, awaited, isValue, memo) : undefined;
      ctx.report({
        range,
        messageId: isValue ? 'value' : 'flag',
        data: isValue ? { check, target, hint } : { check, target, hint, work },
        severity: 'warn',
        suggestions: suggestion ? [suggestion] : undefined,
        unlessAny,
        onlyIfAny,
      });
    }

    /** `cache.set(key, …)`, `started.add(id)`, `revCache[r] = …`: the write, its key kept, its value elided. */
    function entryWriteText(write: ts.BinaryExpression | ts.CallExpression): string {
      const sf = ctx.sourceFile;
      if (ts.isBinaryExpression(write)) return `${write.left.getText(sf)} = …`;
      const [key, ...rest] = write.arguments;
      return `${write.expression.getText(sf)}(${key.getText(sf)}${rest.length ? ', …' : ''})`;
    }

    /**
     * `await E` becomes `await (<memo> ??= E)`, and the memo is declared next to the state: a
     * private field `#clientPromise` for `this.client`, a module variable `clientPromise` for
     * `client`. A suggestion: a rejected first attempt is then shared by every later caller too.
     */
    function memoizeFix(state: Extract<StateRef, { kind: 'value' }>, awaited: ts.AwaitExpression, isValue: boolean, memo: MemoName): Fix | undefined {
      const sf = ctx.sourceFile;
      const typed = /\.(ts|tsx|mts|cts)$/.test(ctx.file);
      let type: string | undefined;
      if (typed) {
        const declared = isValue ? declaredType(state) : 'unknown';
        if (declared === undefined) return undefined;
        type = `Promise<${declared}> | undefined`;
      }
      const declaration = memo.declare(type);
      if (!declaration) return undefined;
      const operand = awaited.expression;
      const edits: TextEdit[] = [
        declaration,
        ctx.edit({ start: operand.getStart(sf), end: operand.end }, `(${memo.access} ??= ${operand.getText(sf)})`),
      ];
      return { title: `Memoize the promise in ${memo.access} so concurrent callers share one ${isValue ? 'result' : 'run'}`, safety: 'unsafe', edits, declares: [memo.declares] };
    }

    interface MemoName {
      access: string;
      declare(type: string | undefined): TextEdit | undefined;
      /** One memo per state: fixes on the same state share it, a memo of another state with the same name waits for the next pass. */
      declares: FixDeclaration;
    }

    /** Where the promise is kept: `#<name>Promise` beside a member, `<name>Promise` beside a module variable. */
    function memoName(state: Extract<StateRef, { kind: 'value' }>): MemoName | undefined {
      const target = skipOuter(state.target, STATE_WRAPPERS);
      if (ts.isPropertyAccessExpression(target)) {
        const owner = thisOwner(target);
        if (!owner) return undefined;
        const base = target.name.text.replace(/^[#_]+/, '');
        const name = `#${base}Promise`;
        if (owner.cls.members.some((m) => memberName(m.name) === name)) return undefined;
        return {
          access: `this.${name}`,
          declare: (type) => classFieldEdit(ctx, owner.cls, type ? `${name}: ${type}` : name),
          declares: declared(ctx, name, owner.cls, `memo:${target.name.text}`),
        };
      }
      if (!ts.isIdentifier(target)) return undefined;
      const name = `${target.text.replace(/^_+/, '')}Promise`;
      const statement = variableStatementOf(target);
      // A name the file uses anywhere (a local of that name would capture the memo's uses) gets no fix.
      if (!statement || ctx.sourceFile.statements.some((s) => declares(s, name)) || identifiersIn(ctx.sourceFile).has(name)) return undefined;
      return {
        access: name,
        declares: declared(ctx, name, ctx.sourceFile, `memo:${statement.pos}:${target.text}`),
        declare: (type) => {
          const style = codeStyle(ctx.sourceFile);
          return ctx.edit({ start: statement.end, end: statement.end }, `${style.eol}let ${name}${type ? `: ${type}` : ''}${semi(style)}`);
        },
      };
    }

    /** The declared type of the state without `undefined`/`null` (`pg.Client` from `client?: pg.Client | null`). */
    function declaredType(state: Extract<StateRef, { kind: 'value' }>): string | undefined {
      const target = skipOuter(state.target, STATE_WRAPPERS);
      let typeNode: ts.TypeNode | undefined;
      if (ts.isPropertyAccessExpression(target)) {
        const owner = thisOwner(target);
        const prop = owner?.cls.members.find((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && memberName(m.name) === target.name.text);
        typeNode = prop?.type;
      } else if (ts.isIdentifier(target)) {
        const statement = variableStatementOf(target);
        typeNode = statement?.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === target.text)?.type;
      }
      if (!typeNode) return undefined;
      const parts = ts.isUnionTypeNode(typeNode) ? [...typeNode.types] : [typeNode];
      const kept = parts.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword &&
        !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
      return kept.length ? kept.map((t) => t.getText(ctx.sourceFile)).join(' | ') : undefined;
    }
  },
});

/**
 * The first write of a checked state in the region and the awaits that run before it
 * completes, when there are any: a write before every await has claimed the state; a write
 * behind a second check of the state after the await is double-checked; an await of a
 * memoized or existing promise is shared; module loads alone (`await import(…)`) race harmlessly.
 */
function raceIn(region: ts.Node[], states: StateRef[]): Race | undefined {
  const awaits: ts.AwaitExpression[] = [];
  let write: ts.BinaryExpression | ts.CallExpression | undefined;
  let state: StateRef | undefined;
  const visit = (n: ts.Node): WalkAnswer => {
    if (write || isFunctionBoundary(n)) return SKIP;
    const written = states.find((st) => isWriteOf(n, st));
    if (written) {
      write = n as ts.BinaryExpression | ts.CallExpression;
      state = written;
      // Awaits inside the write (`this.client = await connect()`) run before it stores anything.
      collectAwaits(n, awaits);
      return SKIP;
    }
    if (ts.isAwaitExpression(n) && !awaitsShared(n)) awaits.push(n);
  };
  for (const n of region) walkTree(n, visit);
  if (!write || !state || !awaits.length) return undefined;
  const w = write;
  const inWrite = (a: ts.AwaitExpression) => w.pos <= a.pos && a.end <= w.end;
  // For a call (`map.set(k, v)`) only awaits in the arguments count as inside it.
  const before = awaits.filter((a) => a.end <= w.pos || inWrite(a));
  if (!before.length || isRechecked(w, region, state)) return undefined;
  // Loading a module twice is harmless: only when the region also awaits other work does the yield matter.
  if (before.every(awaitsModule) && !awaitsWork(region)) return undefined;
  return { state, write: w, awaits: before };
}

/** The promise-chain form: the write in a `.then` callback of a chain whose head started the work. */
function chainRace(region: ts.Node[], states: StateRef[]): Race | undefined {
  const race = chainRaceIn(region, states);
  return race && { state: race.state, write: race.write, awaits: [], head: race.head };
}

/** The region awaits something besides shared promises and module loads: work a second caller repeats. */
function awaitsWork(region: ts.Node[]): boolean {
  const visit = (n: ts.Node): boolean => {
    if (isFunctionBoundary(n)) return false;
    if (ts.isAwaitExpression(n) && !awaitsShared(n) && !awaitsModule(n)) return true;
    return ts.forEachChild(n, visit) ?? false;
  };
  return region.some(visit);
}

function collectAwaits(n: ts.Node, out: ts.AwaitExpression[]): void {
  if (isFunctionBoundary(n)) return;
  if (ts.isAwaitExpression(n) && !awaitsShared(n)) out.push(n);
  ts.forEachChild(n, (c) => collectAwaits(c, out));
}

/** Another check of the state, before the first await, that leaves the function (`throw`, `return`). */
function turnsAwayBeforeAwait(region: ts.Node[], state: StateRef, firstAwait: number): boolean {
  const visit = (n: ts.Node): boolean => {
    if (n.pos >= firstAwait || isFunctionBoundary(n)) return false;
    if (ts.isIfStatement(n) && readsState(n.expression, state) && leavesFunction(n.thenStatement)) return true;
    return ts.forEachChild(n, visit) ?? false;
  };
  return region.some(visit);
}

/** `failure = err` inside `catch (err)`: the write stores the error the catch caught. */
function recordsCaughtError(write: ts.Node): boolean {
  if (!ts.isBinaryExpression(write)) return false;
  const value = skipOuter(write.right, STATE_WRAPPERS);
  if (!ts.isIdentifier(value)) return false;
  for (let n: ts.Node | undefined = write.parent; n && !isFunctionBoundary(n); n = n.parent) {
    if (ts.isCatchClause(n)) {
      const v = n.variableDeclaration?.name;
      return v !== undefined && ts.isIdentifier(v) && v.text === value.text;
    }
  }
  return false;
}

/** Where the last write of the state in the region ends: what runs before it is what a second caller repeats. */
function lastWriteEnd(region: ts.Node[], state: StateRef): number {
  let end = 0;
  const visit = (n: ts.Node): WalkAnswer => {
    if (isFunctionBoundary(n)) return SKIP;
    if (isWriteOf(n, state)) end = Math.max(end, n.end);
  };
  for (const n of region) walkTree(n, visit);
  return end;
}

/** `if (!this.client) this.client = c` after the await: the write happens only if still missing. */
function isRechecked(write: ts.Node, region: ts.Node[], state: StateRef): boolean {
  for (let n: ts.Node = write; n.parent && !region.includes(n); n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && n !== p.expression && readsState(p.expression, state)) return true;
    if (ts.isConditionalExpression(p) && n !== p.condition && readsState(p.condition, state)) return true;
  }
  return false;
}

/** The name of a method or named function: `start` for `async start() {…}` or `Flow.prototype.start = async function () {…}`. */
function methodName(fn: ts.FunctionLikeDeclaration): string | undefined {
  if (ts.isMethodDeclaration(fn) || ts.isFunctionDeclaration(fn)) return fn.name ? memberName(fn.name) : undefined;
  const p = fn.parent;
  if (ts.isPropertyDeclaration(p) || ts.isPropertyAssignment(p)) return memberName(p.name);
  if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  return undefined;
}

function insideConstructor(fn: ts.Node): boolean {
  for (let n: ts.Node | undefined = fn; n; n = n.parent) if (ts.isConstructorDeclaration(n)) return true;
  return false;
}

function variableStatementOf(id: ts.Identifier): ts.VariableStatement | undefined {
  const sf = id.getSourceFile();
  return sf.statements.find((s): s is ts.VariableStatement => ts.isVariableStatement(s) && declares(s, id.text));
}

function declares(s: ts.Statement, name: string): boolean {
  if (ts.isVariableStatement(s)) return s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name);
  return (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === name;
}

/** `true`, `1`, `'ready'`: a flag value, not something the awaited work produced. */
function isLiteral(expr: ts.Expression): boolean {
  const e = skipOuter(expr, STATE_WRAPPERS);
  return e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || ts.isNumericLiteral(e) || ts.isStringLiteralLike(e);
}

export default rule;
