// unbounded-collection: a Map, Set, array or dictionary object that lives as long as the process
// (module level, a static member, a member of a class instantiated once at module level) and is
// added to but never removed from anywhere in the project: a slow memory leak.
import { clipText } from '../shared/clip-text';
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { importFromRuntime } from '../../engine/runtime-shim';
import { findDeclaration, isTopLevel } from '../../engine/scope';
import type { FactRef, Fix, RuleContext, RuleFact } from '../../engine/types';
import { hasModifier, shortText, unwrap, isConstDeclaration } from '../shared/ast';
import { functionRefs, recordCallArguments, RECORDED_ARGUMENTS, type ArgumentFactKind } from '../shared/call-site-arguments';
import { isCopiedFromAnotherPackage } from '../shared/copied-source';
import { cliPackageFact, isShortLivedProgram, recordCliPackageFacts, type CliPackageFactKind } from '../shared/program-lifetime';
import {
  ADD_METHODS, REMOVE_METHODS, STARTUP_FUNCTION, collectionKind, escapes, grows, isLiteralKey, type CollectionKind,
} from './collection-uses';
import { closureCallersBound } from './closure-callers';
import { isHomeAutomationIntegration, namesTraffic } from './installation-keys';
import { keyDomain, loadsCodeByName, type KeyDomain } from './key-domain';
import { calledOnceAtLoad, isAsyncStepThrough, isCompletionCallback } from './run-once-closures';

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
 * size-checked; what callers pass a function (for keys made of its parameters).
 */
type FactKind = 'removed' | 'escapes' | 'bounded' | ArgumentFactKind | CliPackageFactKind;

/** An add to a tracked collection: how the message shows it, and which keys it can bring. */
interface AddSite {
  shown: string;
  domain: KeyDomain;
  /** The key of a keyed add (`m.set(k, v)`, `s.add(k)`, `o[k] = v`); undefined for `push` and `unshift`. */
  key?: ts.Expression;
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
    /** Add key -> the adds seen, in source order. */
    const adds = new Map<string, AddSite[]>();
    /** Class name -> the module-level variables holding its one instance. */
    const singletons = new Map<string, string[]>();
    const { topLevelNames, classNames, memberNames } = declaredNames(sf);
    const watched = (name: string) => topLevelNames.has(name) || (ctx.imports.get(name)?.library === false);

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
      if (!addRepeats(site)) return;
      const key = keysOf(expr)?.add;
      if (!key) return;
      const list = adds.get(key) ?? [];
      list.push({ shown, domain: keyDomain(site, unwrap(expr).getText(), added), key: keyed ? added : undefined });
      adds.set(key, list);
    };

    const track = (t: Omit<Tracked, 'unlessAny'>, ref: FactRef): void => {
      tracked.push({ ...t, unlessAny: [{ kind: 'removed', ref }, { kind: 'escapes', ref }, { kind: 'bounded', ref }] });
    };

    const onVariable = (d: ts.VariableDeclaration): void => {
      if (!ts.isIdentifier(d.name) || !isTopLevel(d)) return;
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
      recordCallArguments(ctx, call, runsAtModuleLoad(call) || inCodeLoader(call));
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee)) return;
      const method = callee.name.text;
      if (REMOVE_METHODS.has(method)) noteFact('removed', callee.expression);
      else if (ADD_METHODS.has(method) && grows(call, method)) noteAdd(callee.expression, call, `${shortText(callee.expression, ctx.sourceFile)}.${method}(…)`, call.arguments[0], method === 'set' || method === 'add');
    };

    const report = (t: Tracked, add: string, when: { unlessAny?: RuleFact<FactKind>[]; onlyIfAny?: RuleFact<FactKind>[] } = {}): void => {
      const fix = boundedFix(ctx, t);
      ctx.report({
        node: t.at,
        messageId: 'onlyGrows',
        data: { name: t.name, what: t.what, add, remedy: REMEDY[t.kind] },
        fixes: fix ? [fix] : [],
        // A module of a command-line tool's package runs inside one short run: it does not live for days.
        unlessAny: [...t.unlessAny, ...(when.unlessAny ?? []), ...cliPackageFact(ctx)],
        ...(when.onlyIfAny ? { onlyIfAny: when.onlyIfAny } : {}),
      });
    };

    /**
     * Every add keys by the parameters of its function: the collection grows only if some call
     * passes them something other than a constant. Reported twice, settled against the call-site
     * facts so that exactly one stands when it should: once if some call passes a variable, once
     * if no call is seen at all (an exported function called from outside the project).
     */
    const reportByCallers = (t: Tracked, sites: AddSite[]): void => {
      const variable: RuleFact<FactKind>[] = [];
      const seen: RuleFact<FactKind>[] = [];
      let followed = false;
      for (const s of sites) {
        if (s.domain.kind !== 'parameters') continue;
        const refs = functionRefs(ctx, s.domain.fn);
        // A function nested in a closure: all its calls are in this file, followed back to their sources.
        if (!refs.length && closureCallersBound(s.domain.fn, s.domain.indexes)) continue;
        if (!refs.length || s.domain.indexes.some((i) => i >= RECORDED_ARGUMENTS)) return report(t, s.shown);
        followed = true;
        for (const ref of refs) {
          for (const i of s.domain.indexes) {
            variable.push({ kind: `arg-variable-${i}`, ref });
            seen.push({ kind: `arg-variable-${i}`, ref }, { kind: `arg-constant-${i}`, ref });
          }
        }
      }
      if (!followed) return;
      const shown = sites.find((s) => s.domain.kind === 'parameters')!.shown;
      report(t, shown, { onlyIfAny: variable });
      report(t, shown, { unlessAny: seen });
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
          const sites = keys.flatMap((k) => adds.get(k) ?? []);
          // A home-automation integration's dictionary keyed by its devices, not by who sent what: bounded by the installation.
          if (homeAutomation && t.kind !== 'array' && sites.length && sites.every((s) => s.key && !namesTraffic(s.key))) continue;
          const growing = sites.find((a) => a.domain.kind === 'grows');
          if (growing) report(t, growing.shown);
          else if (sites.some((a) => a.domain.kind === 'parameters')) reportByCallers(t, sites);
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
 * True when code at `site` runs more than once: inside a function that is not a constructor
 * (a singleton's runs once) nor named like start-up registration (`registerRoute`).
 */
function addRepeats(site: ts.Node): boolean {
  for (let n = site.parent; n; n = n.parent) {
    if (ts.isClassStaticBlockDeclaration(n) || ts.isConstructorDeclaration(n) || isConstructorFunction(n)) return false;
    // `Object.keys(services).forEach((k) => { … })`: the callback runs while its caller runs, as often as it does;
    // so does a `.then` continuation, once per promise its caller made.
    if (isIterationCallback(n) || isPromiseContinuation(n)) continue;
    // A hand-written async loop over a list of its enclosing function runs once per element, as a `forEach` callback does.
    if (ts.isFunctionLike(n) && isAsyncStepThrough(n)) continue;
    // `server.start((err) => { … })`: a completion callback runs once per call, as code after an `await` does.
    if (isCompletionCallback(n)) continue;
    if (ts.isFunctionLike(n)) return !STARTUP_FUNCTION.test(functionName(n)) && !calledOnceAtLoad(n);
  }
  return false;
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

const ITERATION_METHODS = /^(forEach|map|flatMap|filter|reduce|reduceRight|some|every|find|findIndex)$/;

/** A function written in place as the callback of an array iteration: `xs.forEach((x) => …)`. */
function isIterationCallback(n: ts.Node): boolean {
  if (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) return false;
  const call = n.parent;
  return ts.isCallExpression(call) && call.arguments[0] === n && ts.isPropertyAccessExpression(call.expression) &&
    ITERATION_METHODS.test(call.expression.name.text);
}

/** A function written in place as a callback of `.then`, `.catch` or `.finally`. */
function isPromiseContinuation(n: ts.Node): boolean {
  if (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) return false;
  const call = n.parent;
  return ts.isCallExpression(call) && call.arguments.includes(n) && ts.isPropertyAccessExpression(call.expression) &&
    /^(then|catch|finally)$/.test(call.expression.name.text);
}

/** `function ApiCache() { … }` made with `new ApiCache()` in its file: a constructor, as a class's is. */
function isConstructorFunction(n: ts.Node): boolean {
  if (!ts.isFunctionDeclaration(n) || !n.name || !/^[A-Z]/.test(n.name.text)) return false;
  const name = n.name.text;
  let made = false;
  const visit = (x: ts.Node): void => {
    if (made) return;
    if (ts.isNewExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === name) made = true;
    ts.forEachChild(x, visit);
  };
  visit(n.getSourceFile());
  return made;
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

function functionName(fn: ts.SignatureDeclaration): string {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) return fn.name.text;
  const p = fn.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && ts.isIdentifier(p.name)) return p.name.text;
  // `exports.init = function (…) {…}`, `Store.prototype.setup = …`.
  if (p && ts.isBinaryExpression(p) && p.right === fn && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return '';
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
