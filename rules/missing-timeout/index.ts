// missing-timeout: a call that waits on a network peer, a database or another process with no
// time bound. Which calls wait, what bounds them and how to add a bound is library knowledge
// (engine/knowledge.ts); this rule only reads the call's options against it.
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import type { LibraryEntry, TimeoutKind, TimeoutKnowledge } from '../../engine/knowledge';
import { findDeclaration } from '../../engine/scope';
import type { Fix, RuleContext, RuleFact } from '../../engine/types';
import { libraryCallee } from '../shared/library-call';
import { readOptions, readableNumber } from './call-options';
import { defaultBoundSuits } from './suited-bound';

export interface MissingTimeoutOptions {
  requireQueryTimeout: boolean;
}

/** What is held while an unbounded wait lasts, per kind: the "why" of the message. */
const CONSEQUENCE: Record<TimeoutKind, string> = {
  http: 'a server that stops answering (or trickles its body) holds the request, its socket and everything waiting on it forever, until the service runs out of sockets or memory',
  socket: 'a peer that never answers holds the socket and its caller forever',
  dbConnect: 'when the database is unreachable or the pool is exhausted, every caller waits forever instead of failing fast, and the service stops answering',
  dbQuery: 'a query stuck on a lock or a dead connection holds its client forever; once every client is held, the service stops answering',
  childProcess: 'a child process that hangs blocks this call forever (the sync forms block the whole event loop)',
  event: 'if the event never fires, the awaiting code hangs forever with everything it holds',
};

/** The project facts this rule records and reads. */
type FactKind = 'assigned';

type MessageId = 'missing' | 'missingOnInstance' | 'missingQueryTimeout';

const rule = createRule<MissingTimeoutOptions, MessageId, FactKind>({
  meta: {
    id: 'missing-timeout',
    description: 'Calls that wait on a network peer, a database or another process with no time bound.',
    defaultSeverity: 'warn',
    fixable: { unsafe: '`signal: AbortSignal.timeout(ms)` or the library\'s own timeout option' },
    fileKinds: ['script'],
    messages: {
      missing: '`{{callee}}` has no time limit: {{consequence}}. Add `{{bound}}`{{alternative}}.',
      missingOnInstance: '`{{callee}}` creates a client with no time limit, and every request made through it inherits that: {{consequence}}. Add `{{bound}}` to its options.',
      missingQueryTimeout: '`{{callee}}` sets no query time limit (`statement_timeout` or `query_timeout`): {{consequence}}. Add `{{bound}}`.',
    },
    options: {
      requireQueryTimeout: {
        type: 'boolean',
        description: 'Also require a query time limit on database clients whose default is none (pg `statement_timeout`/`query_timeout`).',
        default: false,
      },
    },
  },

  create(ctx) {
    const knowledge = ctx.knowledge;
    const boundingMethods = knowledge.boundingMethods();
    /** Reports waiting for the end of the file: bounded later by `req.setTimeout()`. */
    const pending: { ref: string; report: () => void }[] = [];
    /** Bindings on which a bounding method was called somewhere in this file. */
    const boundLater = new Set<string>();

    const check = (node: ts.CallExpression | ts.NewExpression): void => {
      if (ts.isCallExpression(node)) noteBoundingCall(node);
      const callee = libraryCallee(ctx, node.expression);
      if (!callee) return;
      for (const entry of knowledge.lookupAll(callee.module, callee.call, ts.isNewExpression(node))) {
        const t = entry.timeout;
        if (!t || (t.onlyWithOption && !(ctx.options as unknown as Record<string, unknown>)[t.onlyWithOption])) continue;
        checkCall(node, entry, t);
      }
    };

    const noteBoundingCall = (node: ts.CallExpression): void => {
      const e = node.expression;
      if (ts.isPropertyAccessExpression(e) && boundingMethods.has(e.name.text) && ts.isIdentifier(e.expression)) {
        const ref = ctx.bindingRef(e.expression);
        if (ref) boundLater.add(ref);
      }
    };

    const checkCall = (node: ts.CallExpression | ts.NewExpression, entry: LibraryEntry, t: TimeoutKnowledge): void => {
      const options = readOptions(node, t.optionsArg, t.boundedBy);
      if (options.state === 'unknown' && !typesProveUnbounded(ctx, options.node, t.boundedBy)) return;
      if (options.state === 'bounded') return;
      const holder = boundIdentifier(node);
      if (t.boundingMethod && isChainedCall(node, t.boundingMethod)) return;

      const ms = readableNumber(ctx.timeouts[t.kind]);
      const bound = boundText(ctx, node, t, ms);
      // A default bound that would cut off an install, a build or an upload is no fix: the user picks it.
      const fixes: Fix[] = options.state === 'missing' && options.insert && defaultBoundSuits(node, t.kind) ? [{ title: `Add \`${bound}\``, safety: 'unsafe', edits: options.insert(ctx, bound) }] : [];
      const unlessAny = (t.projectDefaults ?? []).map((p) => assigned(`${entry.module}#${p}`));
      if (t.createsInstance && holder) {
        const ref = ctx.bindingRef(holder);
        if (ref) unlessAny.push(...(t.projectDefaults ?? []).map((p) => assigned(`${ref}#${p}`)));
      }
      const messageId = t.kind === 'dbQuery' ? 'missingQueryTimeout' : t.createsInstance ? 'missingOnInstance' : 'missing';
      const alternative = t.boundingMethod ? ` or call \`.${t.boundingMethod}()\` on the result` : '';
      const report = () => ctx.report({
        node,
        messageId,
        data: { callee: calleeText(ctx, node), consequence: CONSEQUENCE[t.kind], bound, alternative },
        fixes,
        unlessAny,
      });
      const ref = t.boundingMethod && holder ? ctx.bindingRef(holder) : undefined;
      if (ref) pending.push({ ref, report });
      else report();
    };

    return {
      [ts.SyntaxKind.CallExpression]: check,
      [ts.SyntaxKind.NewExpression]: check,
      // `axios.defaults.timeout = 5000` bounds every call of the default instance, project-wide.
      [ts.SyntaxKind.BinaryExpression](node: ts.BinaryExpression) {
        if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(node.left)) return;
        const target = assignedProperty(ctx, node.left);
        if (target) ctx.addFact(assigned(target));
      },
      end() {
        for (const p of pending) if (!boundLater.has(p.ref)) p.report();
      },
    };
  },
});

export default rule;

function assigned(property: string): RuleFact<FactKind> {
  return { kind: 'assigned', ref: property };
}

/**
 * With config `typeAware`, an options variable whose type has none of the bounding keys at all
 * (`const opts = { retries: 3 }`) proves the call unbounded; otherwise we cannot tell.
 */
function typesProveUnbounded(ctx: RuleContext<MissingTimeoutOptions, MessageId, FactKind>, node: ts.Expression | undefined, boundedBy: readonly string[]): boolean {
  if (!node || !(ts.isIdentifier(node) || ts.isPropertyAccessExpression(node))) return false;
  const names = ctx.typeProperties(node);
  return names !== undefined && !names.some((n) => boundedBy.includes(n));
}

/** The identifier a call's result is stored in: `const req = http.request(…)`, `const api = axios.create(…)`. */
function boundIdentifier(node: ts.Expression): ts.Identifier | undefined {
  let e: ts.Node = node;
  while (ts.isAwaitExpression(e.parent) || ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (ts.isVariableDeclaration(p) && p.initializer === e && ts.isIdentifier(p.name)) return p.name;
  if (ts.isBinaryExpression(p) && p.right === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(p.left)) return p.left;
  return undefined;
}

/** `http.get(url).setTimeout(5000)`: bounded right where it is made. */
function isChainedCall(node: ts.Expression, method: string): boolean {
  const p = node.parent;
  return ts.isPropertyAccessExpression(p) && p.expression === node && p.name.text === method && ts.isCallExpression(p.parent);
}

/**
 * The property an assignment sets project-wide, as the `assigned` fact names it: `axios#defaults.timeout`,
 * `<binding>#defaults.timeout` for an instance (written as a key: instances are not followed through re-exports).
 */
function assignedProperty(ctx: RuleContext<MissingTimeoutOptions, MessageId, FactKind>, left: ts.PropertyAccessExpression): string | undefined {
  const lib = ctx.resolveCallee(left);
  if (lib?.library) return `${lib.module}#${lib.call}`;
  const path: string[] = [];
  let e: ts.Expression = left;
  while (ts.isPropertyAccessExpression(e)) {
    path.unshift(e.name.text);
    e = e.expression;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const ref = ctx.bindingRef(e);
  return ref ? `${ref}#${path.join('.')}` : undefined;
}

/** The property a fix adds: `signal: AbortSignal.timeout(10_000)`, `timeout: 10_000`, `timeout: { request: 10_000 }`. */
function boundText(ctx: RuleContext<MissingTimeoutOptions, MessageId, FactKind>, node: ts.Node, t: TimeoutKnowledge, ms: string): string {
  const [option, ...nested] = t.fix.option.split('.');
  let value: string;
  if (t.fix.value === 'abort-signal') {
    const signal = signalInScope(ctx, node);
    value = signal ? `AbortSignal.any([${signal}, AbortSignal.timeout(${ms})])` : `AbortSignal.timeout(${ms})`;
  } else {
    value = ms;
  }
  for (const key of nested.reverse()) value = `{ ${key}: ${value} }`;
  return `${option}: ${value}`;
}

/**
 * A caller's `signal` the call ignores: combined with the timeout rather than dropped. Only a
 * binding that is surely an AbortSignal (not optional) can go into `AbortSignal.any`.
 */
function signalInScope(ctx: RuleContext<MissingTimeoutOptions, MessageId, FactKind>, node: ts.Node): string | undefined {
  const decl = findDeclaration('signal', node);
  if (!decl) return undefined;
  if (ts.isParameter(decl) && !decl.questionToken && !decl.initializer && decl.type?.getText(ctx.sourceFile) === 'AbortSignal') return 'signal';
  if (ts.isVariableDeclaration(decl) && decl.initializer && isSurelySignal(decl.initializer)) return 'signal';
  return undefined;
}

/** `controller.signal`, `AbortSignal.timeout(…)`: an expression that is an AbortSignal, never undefined. */
function isSurelySignal(e: ts.Expression): boolean {
  if (ts.isPropertyAccessExpression(e)) return e.name.text === 'signal' && !e.questionDotToken && /controller|^ac$/i.test(e.expression.getText());
  return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) &&
    ts.isIdentifier(e.expression.expression) && e.expression.expression.text === 'AbortSignal';
}

/** How the message names the call, as the code writes it: `undiciRequest()`, `new Pool()`. */
function calleeText(ctx: RuleContext<MissingTimeoutOptions, MessageId, FactKind>, node: ts.CallExpression | ts.NewExpression): string {
  let text = node.expression.getText(ctx.sourceFile);
  if (text.length > 40 || text.includes('\n')) {
    const e = node.expression;
    text = ts.isPropertyAccessExpression(e) ? e.name.text : 'call';
  }
  return `${ts.isNewExpression(node) ? 'new ' : ''}${text}()`;
}
