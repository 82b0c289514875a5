// unbounded-collection: a Map, Set, array or dictionary object that lives as long as the process
// (module level, a static member, a member of a class instantiated once at module level) and is
// added to but never removed from anywhere in the project: a slow memory leak.
import { clipText } from '../shared/clip-text';
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { importFromRuntime } from '../../engine/runtime-shim';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import type { FactRef, Fix, RuleContext, RuleFact } from '../../engine/types';
import { hasModifier, isWithin, shortText, unwrap, isConstDeclaration } from '../shared/ast';
import { functionRefs, recordCallArguments, RECORDED_ARGUMENTS, type ArgumentFactKind } from '../shared/call-site-arguments';
import { isCopiedFromAnotherPackage } from '../shared/copied-source';
import { cliPackageFact, isShortLivedProgram, recordCliPackageFacts, type CliPackageFactKind } from '../shared/program-lifetime';
import { ADD_METHODS, REMOVE_METHODS, STARTUP_FUNCTION, collectionKind, escapes, grows, isLiteralKey, type CollectionKind } from './collection-uses';
import { closureCallersBound } from './closure-callers';
import { handlerClosureAdds, type HandlerAdd } from './handler-closures';
import { isHomeAutomationIntegration, namesTraffic } from './installation-keys';
import { keyDomain, loadsCodeByName, type KeyDomain } from './key-domain';
import { calleeKey } from '../shared/run-once';
import { callReachOf, isCommandAction, isIterationCallback, reachOf, recordCallReach, type Reach, type ReachContext } from '../shared/start-up-reach';

interface Options {
  max: number;
  ttlMs: number;
}

/** A long-lived collection declared in this file. */
interface Tracked {
  kind: CollectionKind;
  /** What the finding underlines: the declared name. */
  at: ts.Node;
  init: ts.Expression;
  /** The declaration names a type, so the fix need not spell out type arguments. */
  typed: boolean;
  what: string;
  /** How the first line names it: `userCache`, `this.counts`, `Tokens.revoked`. */
  name: string;
  /** Keys under which adds to it are recorded in this file. */
  addKeys: string[];
  /** Facts, from any file, that show it is bounded or out of our sight. */
  unlessAny: RuleFact<FactKind>[];
  /** For instance members: the class that must be instantiated once at module level. */
  singletonOf?: string;
}

const NOUN: Record<CollectionKind, string> = { Map: 'Map', Set: 'Set', array: 'array', object: 'dictionary object' };

const REMEDY: Record<CollectionKind, string> = {
  Map: 'Bound it: `boundedMap({ max, ttlMs })` from the runtime shim evicts the least recently used entry and expires old ones; or delete entries when they are done.',
  Set: 'Bound it: `boundedSet({ max, ttlMs })` from the runtime shim evicts the oldest value and expires old ones; or delete values when they are done.',
  array: 'Cap it: drop the oldest items (`shift()`, `splice(0, n)`) once it passes a limit, or empty it once its items are handled.',
  object: 'Use `boundedMap({ max, ttlMs })` from the runtime shim instead, or `delete` keys when they are done.',
};

const SHIM_FACTORY: Partial<Record<CollectionKind, 'boundedMap' | 'boundedSet'>> = { Map: 'boundedMap', Set: 'boundedSet' };

const RELATIONAL = new Set([
  ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
]);
const GROWING_ASSIGNMENTS = new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken]);

/**
 * The project facts this rule records and reads: a collection is emptied, passed on, or
 * size-checked; what callers pass a function (for keys made of its parameters); how often a
 * project function is called (`called-once` from start-up code, `called-again` from anywhere else,
 * by function key; conditional on the caller's own callers when the call runs once per call of an
 * exported function).
 */
type FactKind = 'removed' | 'escapes' | 'bounded' | 'called-once' | 'called-again' | 'runs-again' | 'key-varies' | ArgumentFactKind | CliPackageFactKind;

/** A finding's condition: it stands when some fact of `any` is in the project, or none of `seen` is (`any` is part of `seen`). */
interface Condition {
  any: RuleFact<FactKind>[];
  seen: RuleFact<FactKind>[];
}

/** An add to a tracked collection: how the message shows it, and which keys it can bring. */
interface AddSite {
  shown: string;
  domain: KeyDomain;
  /** The key of a keyed add (`m.set(k, v)`, `s.add(k)`, `o[k] = v`); undefined for `push` and `unshift`. */
  key?: ts.Expression;
  /** How often the add runs: again and again, or once per call of exported functions (never `once`: those adds are not kept). */
  reach: Exclude<Reach, { kind: 'once' }>;
}

/** An add as the walk saw it, judged into an AddSite if a tracked collection's keys ask for it. */
interface PendingAdd {
  expr: ts.Expression;
  site: ts.Node;
  shown: string;
  added: ts.Expression | undefined;
  keyed: boolean;
}

type MessageId = 'onlyGrows';

const rule = createRule<Options, MessageId, FactKind>({
  meta: {
    id: 'unbounded-collection',
    description: 'A module-level, static or singleton-held Map, Set, array or object that is added to and never removed from.',
    defaultSeverity: 'warn',
    fixable: { unsafe: 'the shim\'s `boundedMap({ max, ttlMs })` / `boundedSet`, which evict' },
    fileKinds: ['script', 'package-json'],
    messages: {
      onlyGrows: '`{{name}}` only grows, as long as the process lives: bound it or remove entries.\n' +
        '{{what}} gets entries from `{{add}}`, but nothing in the project removes any (no `delete`, `clear`, eviction or reassignment) or checks its size. ' +
        'Every new key stays in memory until the heap is exhausted and the process crashes or is OOM-killed, typically days after a deploy. {{remedy}}',
    },
    options: {
      max: { type: 'number', description: 'The `max` entries the boundedMap/boundedSet suggestion writes.', default: 10_000 },
      ttlMs: { type: 'number', description: 'The `ttlMs` the suggestion writes (0 leaves entries without expiry).', default: 3_600_000 },
    },
  },

  create(ctx) {
    recordCliPackageFacts(ctx);
    if (ctx.kind === 'package-json') return {};
    const sf = ctx.sourceFile;
    const tracked: Tracked[] = [];
    /** Collections held by the closure of a request handler a factory returns, with the handler's adds. */
    const handlerHeld: { t: Tracked; handler: ts.Node; adds: HandlerAdd[] }[] = [];
    /**
     * Add key -> the adds seen, in source order, judged (how often each runs, where its key comes
     * from) only when a tracked collection's keys ask at the end: most adds (to an imported
     * module's object, to a member of a class made per call) are to no collection tracked here.
     */
    const adds = new Map<string, PendingAdd[]>();
    const judgedAdds = new Map<string, AddSite[]>();
    const addsTo = (key: string): AddSite[] => {
      let sites = judgedAdds.get(key);
      if (sites) return sites;
      sites = [];
      for (const p of adds.get(key) ?? []) {
        // Filled only by code that runs once (module load, start-up, a loader start-up code calls): not growing.
        const reach = reachOf(p.site, reachContext);
        if (reach.kind === 'once') continue;
        sites.push({ shown: p.shown, domain: keyDomain(p.site, unwrap(p.expr).getText(), p.added), key: p.keyed ? p.added : undefined, reach });
      }
      judgedAdds.set(key, sites);
      return sites;
    };
    /** Class name -> the module-level variables holding its one instance. */
    const singletons = new Map<string, string[]>();
    const { topLevelNames, classNames, memberNames } = declaredNames(sf);
    const watched = (name: string) => topLevelNames.has(name) || (ctx.imports.get(name)?.library === false);
    const reachContext: ReachContext = { imports: ctx.imports, file: ctx.file, startUpName: STARTUP_FUNCTION };

    /** Where adds to, removals from and escapes of `recv` are keyed. */
    const keysOf = (expr: ts.Expression): { add?: string; facts: FactRef[] } | undefined => {
      const recv = unwrap(expr);
      // `this` in a method of a module-level object literal is that object: `const pads = { set(k, v) { this[k] = v } }`.
      const holder = recv.kind === ts.SyntaxKind.ThisKeyword ? objectLiteralHolder(recv) : undefined;
      if (holder) return keysOf(holder);
      if (ts.isIdentifier(recv)) {
        const ref = ctx.bindingRef(recv);
        return ref && !ref.startsWith('local:') ? { add: ref, facts: [ctx.factRef(recv)!] } : undefined;
      }
      if (!ts.isPropertyAccessExpression(recv)) return undefined;
      const member = recv.name.text;
      const owner = unwrap(recv.expression);
      const facts: FactRef[] = [`member:${member}`];
      if (owner.kind === ts.SyntaxKind.ThisKeyword) {
        // `this.clients` in a method of a module-level object literal: its member, and what the object holds, so that
        // `remove(id) { this.clients.delete(id) }` takes entries out of the wrapper (mqlight's activeClientList).
        const literal = objectLiteralHolder(owner);
        if (literal) return { add: `var:${literal.text}#${member}`, facts: [...facts, ...(keysOf(literal)?.facts ?? [])] };
        const cls = thisClass(recv);
        return { add: cls ? `${cls.isStatic ? 'static ' : ''}${cls.name}#${member}` : undefined, facts };
      }
      if (ts.isIdentifier(owner) && classNames.has(owner.text)) return { add: `static ${owner.text}#${member}`, facts };
      if (ts.isIdentifier(owner)) return { add: `var:${owner.text}#${member}`, facts };
      return { facts };
    };

    const noteFact = (kind: 'removed' | 'escapes' | 'bounded', expr: ts.Expression): void => {
      for (const ref of keysOf(expr)?.facts ?? []) ctx.addFact({ kind, ref });
    };

    const noteAdd = (expr: ts.Expression, site: ts.Node, shown: string, added: ts.Expression | undefined, keyed: boolean): void => {
      const key = keysOf(expr)?.add;
      if (!key) return;
      const list = adds.get(key) ?? [];
      list.push({ expr, site, shown, added, keyed });
      adds.set(key, list);
    };

    const noteProjectCall = (call: ts.CallExpression): void => {
      const called = calleeKey(ctx, call.expression);
      if (called) recordCallReach(ctx, called, callReachOf(call, reachContext));
      // A project function handed on (`app.get('/x', handler)`) runs whenever what it is handed to calls it; a command's action, once.
      for (const a of call.arguments) {
        if (!ts.isIdentifier(a) && !ts.isPropertyAccessExpression(a)) continue;
        const passed = calleeKey(ctx, a);
        if (passed) recordCallReach(ctx, passed, isCommandAction(call) ? callReachOf(call, reachContext) : { kind: 'again' });
      }
    };

    const track = (t: Omit<Tracked, 'unlessAny'>, ref: FactRef): void => {
      tracked.push({ ...t, unlessAny: [{ kind: 'removed', ref }, { kind: 'escapes', ref }, { kind: 'bounded', ref }] });
    };

    const onVariable = (d: ts.VariableDeclaration): void => {
      if (!ts.isIdentifier(d.name)) return;
      if (!isTopLevel(d)) return onLocal(d, d.name);
      const init = d.initializer && unwrap(d.initializer);
      if (init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && classNames.has(init.expression.text)) {
        const list = singletons.get(init.expression.text) ?? [];
        singletons.set(init.expression.text, [...list, d.name.text]);
        return;
      }
      const kind = collectionKind(d.initializer);
      const ref = kind && ctx.bindingRef(d.name);
      if (!kind || !ref) return;
      track({ kind, at: d.name, init: d.initializer!, typed: d.type !== undefined, what: `The module-level ${NOUN[kind]} \`${d.name.text}\``, name: brief(d.name.text), addKeys: [ref] }, ctx.factRef(d.name)!);
    };

    /** A collection local to a middleware factory, kept alive by the request handler it returns. */
    const onLocal = (d: ts.VariableDeclaration, name: ts.Identifier): void => {
      const kind = collectionKind(d.initializer);
      const held = kind && handlerClosureAdds(d, sf);
      if (!kind || !held) return;
      handlerHeld.push({
        t: {
          kind, at: name, init: d.initializer!, typed: d.type !== undefined, name: brief(name.text), addKeys: [], unlessAny: [],
          what: `The ${NOUN[kind]} \`${name.text}\`, kept by the request handler its function returns,`,
        },
        handler: held.handler,
        adds: held.adds,
      });
    };

    const onProperty = (p: ts.PropertyDeclaration): void => {
      const kind = collectionKind(p.initializer);
      const cls = p.parent;
      if (!kind || !ts.isClassDeclaration(cls) || !cls.name || !ts.isIdentifier(p.name) && !ts.isPrivateIdentifier(p.name)) return;
      const member = p.name.text;
      const isStatic = hasModifier(p, ts.SyntaxKind.StaticKeyword);
      const className = cls.name.text;
      track({
        kind, at: p.name, init: p.initializer!, typed: p.type !== undefined,
        what: isStatic ? `The static ${NOUN[kind]} \`${className}.${member}\`` : `The ${NOUN[kind]} \`this.${member}\` of \`${className}\`, instantiated once at module level,`,
        name: brief(isStatic ? `${className}.${member}` : `this.${member}`),
        addKeys: [`${isStatic ? 'static ' : ''}${className}#${member}`],
        singletonOf: isStatic ? undefined : className,
      }, `member:${member}`);
    };

    const onAssignment = (b: ts.BinaryExpression): void => {
      const op = b.operatorToken.kind;
      if (RELATIONAL.has(op)) {
        for (const side of [b.left, b.right]) {
          const s = unwrap(side);
          if (ts.isPropertyAccessExpression(s) && (s.name.text === 'size' || s.name.text === 'length')) noteFact('bounded', s.expression);
        }
        return;
      }
      if (!GROWING_ASSIGNMENTS.has(op)) return;
      const left = unwrap(b.left);
      if (ts.isElementAccessExpression(left)) {
        // `pool[k] = pool[k].filter(…)`: the entry is pruned, not added.
        if (op === ts.SyntaxKind.EqualsToken && prunesEntry(left, b.right)) return noteFact('removed', left.expression);
        if (!isLiteralKey(left.argumentExpression)) noteAdd(left.expression, b, `${shortText(left.expression, ctx.sourceFile)}[…] = …`, left.argumentExpression, true);
        return;
      }
      if (op !== ts.SyntaxKind.EqualsToken) return;
      if (ts.isPropertyAccessExpression(left) && left.name.text === 'length') return noteFact('removed', left.expression);
      if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && inConstructor(b)) {
        return onConstructorMember(b, left);
      }
      // Reassigning the binding or member drops everything it held.
      noteFact('removed', left);
    };

    /** `this.cache = new Map()` in a constructor declares a member, like a field initializer. */
    const onConstructorMember = (b: ts.BinaryExpression, left: ts.PropertyAccessExpression): void => {
      const kind = collectionKind(b.right);
      const cls = thisClass(left);
      const member = left.name.text;
      if (!kind || !cls || cls.isStatic) return;
      const field = findField(left, member);
      // A field initialized too, then assigned here: a reassignment, which bounds it.
      if (field?.initializer) return noteFact('removed', left);
      track({
        kind, at: left, init: b.right, typed: field?.type !== undefined,
        what: `The ${NOUN[kind]} \`this.${member}\` of \`${cls.name}\`, instantiated once at module level,`,
        name: brief(`this.${member}`),
        addKeys: [`${cls.name}#${member}`], singletonOf: cls.name,
      }, `member:${member}`);
    };

    const onCall = (call: ts.CallExpression): void => {
      // A call made once, at module load (`configuration.addListener(setup)` at the top of a module), adds one fixed entry.
      // So is a call made while loading a plugin by name (`loadPackage` calling `addTheme(name, pkg)`): its values are the plugin's.
      recordCallArguments(ctx, call, () => runsAtModuleLoad(call) || inCodeLoader(call));
      noteProjectCall(call);
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee)) return;
      const method = callee.name.text;
      if (REMOVE_METHODS.has(method)) noteFact('removed', callee.expression);
      else if (ADD_METHODS.has(method) && grows(call, method)) noteAdd(callee.expression, call, `${shortText(callee.expression, ctx.sourceFile)}.${method}(…)`, call.arguments[0], method === 'set' || method === 'add');
    };

    const report = (t: Tracked, add: string, when: { unlessAny?: RuleFact<FactKind>[]; onlyIfAny?: RuleFact<FactKind>[]; onlyIfAll?: RuleFact<FactKind>[] } = {}): void => {
      const fix = boundedFix(ctx, t);
      ctx.report({
        node: t.at,
        messageId: 'onlyGrows',
        data: { name: t.name, what: t.what, add, remedy: REMEDY[t.kind] },
        fixes: fix ? [fix] : [],
        // A module of a command-line tool's package runs inside one short run: it does not live for days.
        unlessAny: [...t.unlessAny, ...(when.unlessAny ?? []), ...cliPackageFact(ctx)],
        ...(when.onlyIfAny ? { onlyIfAny: when.onlyIfAny } : {}),
        ...(when.onlyIfAll ? { onlyIfAll: when.onlyIfAll } : {}),
      });
    };

    /**
     * Adds keyed by the parameters of their function: the collection grows only if some call passes
     * them something other than a constant, or no call is seen at all (an exported function called
     * from outside the project). 'always' when the callers cannot be followed; 'never' when every
     * add is in a closure whose calls all pass bounded values.
     */
    const argumentCondition = (sites: AddSite[]): Condition | 'always' | 'never' => {
      const any: RuleFact<FactKind>[] = [];
      const seen: RuleFact<FactKind>[] = [];
      for (const s of sites) {
        if (s.domain.kind !== 'parameters') continue;
        const refs = functionRefs(ctx, s.domain.fn);
        // A function nested in a closure: all its calls are in this file, followed back to their sources.
        if (!refs.length && closureCallersBound(s.domain.fn, s.domain.indexes)) continue;
        if (!refs.length || s.domain.indexes.some((i) => i >= RECORDED_ARGUMENTS)) return 'always';
        for (const ref of refs) {
          for (const i of s.domain.indexes) {
            any.push({ kind: `arg-variable-${i}`, ref });
            seen.push({ kind: `arg-variable-${i}`, ref }, { kind: `arg-constant-${i}`, ref });
          }
        }
      }
      return any.length ? { any, seen } : 'never';
    };

    /**
     * Adds that run once per call of exported functions: they run again only if some project call
     * of one of them does, or no call of them is seen (called from outside the project).
     */
    const rootCondition = (sites: AddSite[]): Condition => {
      const keys = [...new Set(sites.flatMap((s) => (s.reach.kind === 'per-call' ? s.reach.roots : [])))];
      const any = keys.map((ref): RuleFact<FactKind> => ({ kind: 'called-again', ref }));
      return { any, seen: [...any, ...keys.map((ref): RuleFact<FactKind> => ({ kind: 'called-once', ref }))] };
    };

    /**
     * Reports when the condition holds: twice, settled against the project facts so that exactly
     * one stands when it should (some fact of `any` is present, or none of `seen` is).
     */
    const reportWhen = (t: Tracked, shown: string, c: Condition): void => {
      report(t, shown, { onlyIfAny: c.any });
      report(t, shown, { unlessAny: c.seen });
    };

    /**
     * Reports when both conditions hold (the add runs again, and its key varies): four candidates,
     * one per way both can hold, so that at most one stands. "Some fact of each" goes through a
     * fact of this collection derived from each side.
     */
    const reportWhenBoth = (t: Tracked, shown: string, a: Condition, b: Condition): void => {
      const id = `${ctx.file}@${t.at.pos}`;
      for (const f of a.any) ctx.addFact({ kind: 'runs-again', ref: id }, [f]);
      for (const f of b.any) ctx.addFact({ kind: 'key-varies', ref: id }, [f]);
      report(t, shown, { onlyIfAll: [{ kind: 'runs-again', ref: id }, { kind: 'key-varies', ref: id }] });
      report(t, shown, { onlyIfAny: a.any, unlessAny: b.seen });
      report(t, shown, { onlyIfAny: b.any, unlessAny: a.seen });
      report(t, shown, { unlessAny: [...a.seen, ...b.seen] });
    };

    /**
     * A collection grows when one of its adds runs again and again with keys from the program's
     * input. Adds keyed by constants or by a fixed domain were left out; what remains is judged by
     * how often each add runs (again, or once per call of exported functions) and by where its key
     * comes from (anywhere, or the function's parameters, judged by what its callers pass).
     */
    const reportGrowth = (t: Tracked, sites: AddSite[]): void => {
      const judged = sites.filter((s) => s.domain.kind !== 'fixed');
      if (!judged.length) return;
      const always = judged.find((s) => s.reach.kind === 'again' && s.domain.kind === 'grows');
      if (always) return report(t, always.shown);
      const byRoots = judged.filter((s) => s.reach.kind === 'per-call' && s.domain.kind === 'grows');
      const byArguments = judged.filter((s) => s.domain.kind === 'parameters');
      const shown = judged[0].shown;
      // Either kind of add may grow it on its own: one finding says so.
      if (byRoots.length && byArguments.length) return report(t, shown);
      if (byRoots.length) return reportWhen(t, shown, rootCondition(byRoots));
      const args = argumentCondition(byArguments);
      if (args === 'never') return;
      // Adds keyed by parameters in code that runs once per call of exported functions: both must hold.
      if (byArguments.every((s) => s.reach.kind === 'per-call')) {
        const roots = rootCondition(byArguments);
        return args === 'always' ? reportWhen(t, shown, roots) : reportWhenBoth(t, shown, roots, args);
      }
      if (args === 'always') return report(t, shown);
      reportWhen(t, shown, args);
    };

    return {
      [ts.SyntaxKind.VariableDeclaration]: onVariable,
      [ts.SyntaxKind.PropertyDeclaration]: onProperty,
      [ts.SyntaxKind.BinaryExpression]: onAssignment,
      [ts.SyntaxKind.CallExpression]: onCall,
      [ts.SyntaxKind.DeleteExpression](node: ts.DeleteExpression) {
        const target = unwrap(node.expression);
        if (ts.isElementAccessExpression(target) || ts.isPropertyAccessExpression(target)) noteFact('removed', target.expression);
      },
      [ts.SyntaxKind.ExportAssignment](node: ts.ExportAssignment) {
        const e = unwrap(node.expression);
        if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && classNames.has(e.expression.text)) {
          singletons.set(e.expression.text, [...(singletons.get(e.expression.text) ?? []), 'default']);
        }
      },
      [ts.SyntaxKind.Identifier](node: ts.Identifier) {
        if (watched(node.text) && escapes(node)) noteFact('escapes', node);
      },
      [ts.SyntaxKind.PropertyAccessExpression](node: ts.PropertyAccessExpression) {
        if (memberNames.has(node.name.text) && escapes(node)) noteFact('escapes', node);
      },
      end() {
        // A CLI or script whose run ends in process.exit does not live for days: growth does not apply.
        if (isShortLivedProgram(sf)) return;
        // A copy of another package's file, as its header says: the finding belongs upstream.
        if (isCopiedFromAnotherPackage(sf)) return;
        const homeAutomation = isHomeAutomationIntegration(ctx);
        for (const { t, handler, adds: handlerAdds } of handlerHeld) {
          if (documentedAsBounded(t.at, ctx.text)) continue;
          // Keys from the request grow it; keys from a fixed domain, or from the factory's own parameters (its configuration), do not.
          const growing = handlerAdds.find((a) => {
            const domain = keyDomain(a.site, t.at.getText(sf), a.key);
            return domain.kind === 'grows' || (domain.kind === 'parameters' && isWithin(domain.fn, handler));
          });
          if (growing) report(t, growing.shown);
        }
        for (const t of tracked) {
          // A table of named factories (`{ basic() {…}, colored() {…} }`): what is added is code registered by name.
          if (isFunctionTable(t.init)) continue;
          // The maintainers say, where it is declared, that it stays small ("no need for LRU").
          if (documentedAsBounded(t.at, ctx.text)) continue;
          const keys = [...t.addKeys];
          if (t.singletonOf) {
            const holders = singletons.get(t.singletonOf);
            if (!holders) continue; // instances made per call die with their owner
            for (const v of holders) keys.push(`var:${v}#${t.addKeys[0].split('#')[1]}`);
          }
          const sites = keys.flatMap(addsTo);
          // A home-automation integration's dictionary keyed by its devices, not by who sent what: bounded by the installation.
          if (homeAutomation && t.kind !== 'array' && sites.length && sites.every((s) => s.key && !namesTraffic(s.key))) continue;
          reportGrowth(t, sites);
        }
      },
    };
  },
});

export default rule;

/** Comments that say a collection stays small: the maintainers weighed its growth and chose. */
const BOUNDED_NOTE = /\bno need (for|to) (an? )?(LRU|evict\w*|clean\w*|bound\w*|limit\w*|cap\w*|expir\w*)|\bunlikely to (ever )?(have|hold|contain|grow|get) (many|more|large|big)|\bnever (has|holds|contains) (many|more than)|\b(stays|remains) (small|bounded|tiny)|\bbounded by\b|\bonly (a few|a handful) (entries|keys|items|values)/i;

/** A comment right above the declaration (or its statement) that says it stays small. */
function documentedAsBounded(name: ts.Node, text: string): boolean {
  let holder: ts.Node = name.parent;
  while (holder.parent && !ts.isVariableStatement(holder) && !ts.isPropertyDeclaration(holder) && !ts.isSourceFile(holder.parent)) holder = holder.parent;
  const comments = ts.getLeadingCommentRanges(text, holder.pos) ?? [];
  return comments.some((c) => BOUNDED_NOTE.test(text.slice(c.pos, c.end)));
}

/**
 * The suggestion: `new Map<K, V>()` becomes `boundedMap<K, V>({ max, ttlMs })`. A suggestion,
 * not a fix: evicting entries is right for a cache and wrong for state that must stay (sessions,
 * pending requests), and only a human can pick the bounds. boundedMap is a real Map subclass.
 */
function boundedFix(ctx: RuleContext<Options, MessageId, FactKind>, t: Tracked): Fix | undefined {
  const factory = SHIM_FACTORY[t.kind];
  const init = unwrap(t.init);
  if (!factory || !ts.isNewExpression(init) || init.arguments?.length) return undefined;
  const sf = ctx.sourceFile;
  const typeArgs = init.typeArguments?.length
    ? `<${init.typeArguments.map((a) => a.getText(sf)).join(', ')}>`
    // `new Map()` is Map<any, any>: keep that where nothing else types it.
    : t.kind === 'Map' && !t.typed && /\.[cm]?tsx?$/.test(ctx.file) ? '<any, any>' : '';
  const max = Math.max(1, Math.floor(ctx.options.max ?? 10_000));
  const ttlMs = Math.max(0, Math.floor(ctx.options.ttlMs ?? 3_600_000));
  const bounds = ttlMs > 0 ? `{ max: ${numberText(max)}, ttlMs: ${numberText(ttlMs)} }` : `{ max: ${numberText(max)} }`;
  const shim = importFromRuntime(ctx, [factory]);
  if (!shim) return undefined;
  return {
    title: `Bound it with the runtime shim's \`${factory}(${bounds})\``,
    safety: 'unsafe',
    edits: [ctx.edit(ctx.rangeOf(init), `${shim.names[factory]}${typeArgs}(${bounds})`), ...shim.edits],
    creates: shim.creates,
    declares: shim.declares,
  };
}

/** A name cut to fit the message's first line. */
function brief(name: string): string {
  return clipText(name, 24);
}

/** `10_000`, `3_600_000`: digits grouped as people read them. */
function numberText(n: number): string {
  return n >= 10_000 ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(n);
}

/**
 * An object literal whose every member is a function (`{ basic() {…}, json: (c) => … }`): a
 * registry of code by name, which grows only as code registers more names, not with input.
 */
function isFunctionTable(init: ts.Expression): boolean {
  const e = unwrap(init);
  return ts.isObjectLiteralExpression(e) && e.properties.length > 0 && e.properties.every((p) => ts.isMethodDeclaration(p) ||
    (ts.isPropertyAssignment(p) && (ts.isArrowFunction(unwrap(p.initializer)) || ts.isFunctionExpression(unwrap(p.initializer)))));
}

/** Code of the module's top level (or a callback of an array iteration written there): it runs once, at load. */
function runsAtModuleLoad(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (isIterationCallback(n)) continue;
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return false;
  }
  return true;
}

/** The call runs in a function that loads code by a computed name (`require(packagePath)`), or an iteration callback in one. */
function inCodeLoader(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (isIterationCallback(n)) continue;
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)) return loadsCodeByName(n);
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return false;
  }
  return false;
}

/** The module-level variable an object literal is bound to, for `this` in one of its methods. */
function objectLiteralHolder(thisNode: ts.Node): ts.Identifier | undefined {
  for (let n: ts.Node | undefined = thisNode.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if (!ts.isFunctionLike(n)) continue;
    const obj = ts.isMethodDeclaration(n) ? n.parent : ts.isFunctionExpression(n) && ts.isPropertyAssignment(n.parent) ? n.parent.parent : undefined;
    if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
    const decl = obj.parent;
    return ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && isTopLevel(decl) ? decl.name : undefined;
  }
  return undefined;
}

/** `xs[k] = xs[k].filter(…)`, `.slice(…)`, `[]`: the entry shrinks or empties. */
function prunesEntry(left: ts.ElementAccessExpression, right: ts.Expression): boolean {
  const r = localValue(right);
  if (!ts.isCallExpression(r) || !ts.isPropertyAccessExpression(r.expression) || !/^(filter|slice)$/.test(r.expression.name.text)) return false;
  return localValue(r.expression.expression).getText().replace(/\s+/g, '') === left.getText().replace(/\s+/g, '');
}

/** What a `const` of the enclosing function holds (`const kept = entries.filter(…)`), followed a few steps. */
function localValue(expr: ts.Expression, depth = 0): ts.Expression {
  const e = unwrap(expr);
  if (depth > 3 || !ts.isIdentifier(e)) return e;
  const decl = findDeclaration(e.text, e);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || isTopLevel(decl) ||
    !isConstDeclaration(decl)) return e;
  return localValue(decl.initializer, depth + 1);
}

/** The class `this` means at `node`, and whether in a static member; arrows keep the outer `this`. */
function thisClass(node: ts.Node): { name: string; isStatic: boolean } | undefined {
  let isStatic = false;
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isClassDeclaration(n)) return n.name ? { name: n.name.text, isStatic } : undefined;
    if (ts.isClassExpression(n) || ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return undefined;
    if (ts.isMethodDeclaration(n) || ts.isPropertyDeclaration(n) || ts.isGetAccessor(n) || ts.isSetAccessor(n) || ts.isClassStaticBlockDeclaration(n)) {
      isStatic = ts.isClassStaticBlockDeclaration(n) || hasModifier(n, ts.SyntaxKind.StaticKeyword);
    }
  }
  return undefined;
}

function inConstructor(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isConstructorDeclaration(n)) return true;
    if (ts.isFunctionLike(n) && !ts.isArrowFunction(n)) return false;
  }
  return false;
}

function findField(at: ts.Node, member: string): ts.PropertyDeclaration | undefined {
  for (let n = at.parent; n; n = n.parent) {
    if (ts.isClassDeclaration(n)) {
      return n.members.find((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)) && m.name.text === member);
    }
  }
  return undefined;
}

/** Names declared at the top of the file, its classes, and their members: read from top-level statements only. */
function declaredNames(sf: ts.SourceFile): { topLevelNames: Set<string>; classNames: Set<string>; memberNames: Set<string> } {
  const topLevelNames = new Set<string>();
  const classNames = new Set<string>();
  const memberNames = new Set<string>();
  for (const s of sf.statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) topLevelNames.add(d.name.text);
    } else if (ts.isClassDeclaration(s) && s.name) {
      classNames.add(s.name.text);
      for (const m of s.members) {
        if (ts.isPropertyDeclaration(m) && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name))) memberNames.add(m.name.text);
        // Members the constructor creates: `this.cache = new Map()`.
        if (ts.isConstructorDeclaration(m)) {
          for (const st of m.body?.statements ?? []) {
            if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && ts.isPropertyAccessExpression(st.expression.left) &&
              st.expression.left.expression.kind === ts.SyntaxKind.ThisKeyword) memberNames.add(st.expression.left.name.text);
          }
        }
      }
    }
  }
  return { topLevelNames, classNames, memberNames };
}
