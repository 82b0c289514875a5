// unhandled-async-callback: an async function handed to an API that ignores the promise it
// returns (an EventEmitter listener, a timer callback, an Express 4 route handler), with an
// `await` or `throw` no try/catch covers. Its rejection is unhandled, and since Node 15 an
// unhandled rejection ends the process. Which APIs ignore the promise, and which frameworks
// handle it, is data in callback-sinks.ts; Express 5 is recognised from package.json.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { createRule } from '../../engine/create-rule';
import { codeStyle, indentationAt, semi } from '../../engine/fix-text';
import { findDeclaration } from '../../engine/scope';
import type { Fix, RuleContext } from '../../engine/types';
import { isAsync, Outer, skipOuter } from '../shared/ast';
import { packageDirOf } from '../shared/package-dir';
import { reindent } from '../shared/reindent';
import {
  CALLBACK_FUNCTION_NAMES, CALLBACK_FUNCTIONS, FRAMEWORKS, LISTENER_METHODS, ROUTE_METHODS, handlesRejectionsFact, type Framework,
} from './callback-sinks';

/** What this rule sees through: parentheses, `!` and `as`. */
const SEEN_THROUGH = Outer.Parens | Outer.NonNull | Outer.As;

type Options = Record<string, never>;

type AsyncFunction = ts.ArrowFunction | ts.FunctionExpression;

/** Where the async function was handed: the message and the fix depend on it. */
type Sink =
  | { kind: 'listener'; call: ts.CallExpression; text: string }
  | { kind: 'timer'; call: ts.CallExpression; text: string }
  | { kind: 'route'; call: ts.CallExpression; text: string; framework: Framework };

const CRASH = 'so when it rejects the rejection is unhandled, and Node (15 and later) ends the process on an unhandled rejection, taking every in-flight request and job with it.';

/** The project facts this rule records and reads. */
type FactKind = 'handles-async-rejections';

type MessageId = 'listener' | 'timer' | 'route';

const rule = createRule<Options, MessageId, FactKind>({
  meta: {
    id: 'unhandled-async-callback',
    description: 'An async function handed to an API that ignores its promise (emitter listener, timer, Express 4 route) with awaits no try/catch covers.',
    defaultSeverity: 'error',
    fixable: { safe: '`try/catch` passing the error to `next(err)` in an Express route', suggestion: '`try/catch` logging the error elsewhere' },
    fileKinds: ['script', 'package-json'],
    messages: {
      listener: `\`{{sink}}\` calls this async listener and ignores the promise it returns (EventEmitters do not await listeners), ${CRASH} Nothing catches \`{{rejects}}\`. Wrap the body in try/catch and handle the error there (log it, emit 'error', nack the message).`,
      timer: `\`{{sink}}\` runs this async callback and ignores the promise it returns, ${CRASH} Nothing catches \`{{rejects}}\`. Wrap the body in try/catch and handle the error there (log it, count it, stop the timer).`,
      route: `\`{{sink}}\`: Express 4 calls this async handler and ignores the promise it returns: when \`{{rejects}}\` rejects, no response is sent (the request hangs until the client gives up) and, as an unhandled rejection, it ends the Node process (15 and later). Wrap the body in try/catch and pass the error to \`next(err)\` (Express 5 does this itself).`,
    },
    options: {},
  },

  create(ctx) {
    if (ctx.kind === 'package-json') {
      return { [ts.SyntaxKind.SourceFile]: (sf: ts.SourceFile) => recordFrameworkVersions(ctx, sf) };
    }
    return {
      [ts.SyntaxKind.CallExpression](call: ts.CallExpression) {
        for (const arg of call.arguments) {
          const fn = skipOuter(arg, SEEN_THROUGH);
          if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !isAsync(fn)) continue;
          const sink = sinkOf(ctx, call, fn);
          if (!sink) continue;
          const rejects = firstUncovered(fn);
          if (!rejects) continue;
          reportUnhandled(ctx, fn, sink, rejects);
        }
      },
    };
  },
});

export default rule;

// ---- Where the async function goes ----

function sinkOf(ctx: RuleContext<Options, MessageId, FactKind>, call: ts.CallExpression, fn: AsyncFunction): Sink | undefined {
  const callee = skipOuter(call.expression, SEEN_THROUGH);
  const sf = ctx.sourceFile;
  const lastName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (lastName !== undefined && CALLBACK_FUNCTION_NAMES.has(lastName)) {
    // Resolving is a scope walk: only for the few names that can be timers or server factories.
    const r = ctx.resolveCallee(callee);
    const called = r?.module === 'timers' ? r.call.replace(/^timers\./, '') : r?.call;
    const known = r && CALLBACK_FUNCTIONS.find((f) => f.module === r.module && f.call === called);
    if (known) {
      const args = call.arguments;
      const handed = known.argument === 'first' ? args[0] : args[args.length - 1];
      if (!handed || skipOuter(handed, SEEN_THROUGH) !== fn) return undefined;
      return { kind: known.kind, call, text: `${callee.getText(sf)}(…)` };
    }
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const isListener = LISTENER_METHODS.has(method);
  const isRoute = ROUTE_METHODS.includes(method);
  if (!isListener && !isRoute && !FRAMEWORKS.some((f) => f.methods.includes(method))) return undefined;
  const origin = originOf(ctx, callee.expression);
  const text = `${callee.getText(sf).replace(/\s+/g, '')}(${firstArgText(ctx, call, fn)}…)`;
  if (origin.kind === 'framework' && origin.framework.methods.includes(method)) {
    if (origin.framework.handlesRejections) return undefined;
    return { kind: 'route', call, text, framework: origin.framework };
  }
  if (isListener) return isEventName(call.arguments[0], fn) ? { kind: 'listener', call, text } : undefined;
  if (isRoute && origin.kind === 'unknown') {
    // A router handed in from elsewhere: Express-style when the file uses Express and no framework that handles rejections.
    const framework = onlyUnhandledFrameworkImported(ctx);
    if (framework && ROUTE_RECEIVER.test(receiverName(callee.expression))) return { kind: 'route', call, text, framework };
  }
  return undefined;
}

/** Names a router or app goes by when we cannot see where it was made. */
const ROUTE_RECEIVER = /^(app|api|server|router|\w*Router|\w*App)$/;

type Origin = { kind: 'framework'; framework: Framework } | { kind: 'other' } | { kind: 'unknown' };

/** What made the receiver: `express()`, `express.Router()`, `new Koa()`, a parameter typed `Router` from express, … */
function originOf(ctx: RuleContext<Options, MessageId, FactKind>, receiver: ts.Expression): Origin {
  let e = skipOuter(receiver, SEEN_THROUGH);
  // `app.route('/orders').get(…)`: the route belongs to the app.
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'route') e = skipOuter(e.expression.expression, SEEN_THROUGH);
  if (!ts.isIdentifier(e)) return { kind: 'unknown' };
  const decl = findDeclaration(e.text, e);
  if (!decl) return { kind: 'unknown' };
  if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.initializer) {
    let init = skipOuter(decl.initializer, SEEN_THROUGH);
    if (ts.isAwaitExpression(init)) init = skipOuter(init.expression, SEEN_THROUGH);
    if (ts.isCallExpression(init) || ts.isNewExpression(init)) {
      const r = ctx.resolveCallee(init.expression);
      if (r?.library) {
        const framework = FRAMEWORKS.find((f) => f.module === r.module);
        return framework ? { kind: 'framework', framework } : { kind: 'other' };
      }
      return r?.module === 'global' ? { kind: 'other' } : { kind: 'unknown' };
    }
    return ts.isObjectLiteralExpression(init) ? { kind: 'other' } : { kind: 'unknown' };
  }
  if (ts.isParameter(decl) && decl.type && ts.isTypeReferenceNode(decl.type)) {
    const typeName = decl.type.typeName;
    const head = ts.isIdentifier(typeName) ? typeName : ts.isIdentifier(typeName.left) ? typeName.left : undefined;
    const imported = head && ctx.imports.get(head.text);
    const framework = imported?.library ? FRAMEWORKS.find((f) => f.module === imported.module) : undefined;
    return framework ? { kind: 'framework', framework } : { kind: 'unknown' };
  }
  return { kind: 'unknown' };
}

/** The one framework this file imports, when it is one that ignores handler promises. */
function onlyUnhandledFrameworkImported(ctx: RuleContext<Options, MessageId, FactKind>): Framework | undefined {
  const imported = new Set<Framework>();
  for (const binding of ctx.imports.values()) {
    const framework = binding.library ? FRAMEWORKS.find((f) => f.module === binding.module) : undefined;
    if (framework) imported.add(framework);
  }
  const [only] = imported;
  return imported.size === 1 && !only.handlesRejections ? only : undefined;
}

function receiverName(e: ts.Expression): string {
  const r = skipOuter(e, SEEN_THROUGH);
  if (ts.isIdentifier(r)) return r.text;
  if (ts.isPropertyAccessExpression(r)) return r.name.text;
  return '';
}

/** A listener registration names its event first: `'message'`, `Events.Ready`, `eventName`. */
function isEventName(first: ts.Expression | undefined, fn: AsyncFunction): boolean {
  return first !== undefined && first !== fn && !ts.isArrowFunction(first) && !ts.isFunctionExpression(first);
}

function firstArgText(ctx: RuleContext<Options, MessageId, FactKind>, call: ts.CallExpression, fn: AsyncFunction): string {
  const first = call.arguments[0];
  if (!first || skipOuter(first, SEEN_THROUGH) === fn) return '';
  const text = first.getText(ctx.sourceFile);
  return text.length <= 40 && !text.includes('\n') ? `${text}, ` : '';
}

// ---- What can reject ----

/**
 * The first `await`, `for await` or `throw` in the function's own body that no try/catch of
 * the function covers (an `await` in a catch or finally block is not covered by its own try).
 * An `await p.catch(…)` has handled its rejection. Undefined when every one is covered.
 */
function firstUncovered(fn: AsyncFunction): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node, covered: boolean): void => {
    if (found) return;
    if (n !== fn.body && (ts.isFunctionLike(n) || ts.isClassLike(n))) return;
    if (ts.isTryStatement(n)) {
      visit(n.tryBlock, covered || n.catchClause !== undefined);
      if (n.catchClause) visit(n.catchClause.block, covered);
      if (n.finallyBlock) visit(n.finallyBlock, covered);
      return;
    }
    if (!covered) {
      if (ts.isAwaitExpression(n) && !handlesOwnRejection(n.expression)) {
        found = n;
        return;
      }
      if (ts.isThrowStatement(n) || (ts.isForOfStatement(n) && n.awaitModifier)) {
        found = n;
        return;
      }
    }
    ts.forEachChild(n, (c) => visit(c, covered));
  };
  visit(fn.body, false);
  return found;
}

/** `await p.catch(…)`, `await p.then(ok, fail)`, `await Promise.allSettled(…)`: cannot reject on the awaited promise's account. */
function handlesOwnRejection(e: ts.Expression): boolean {
  const x = skipOuter(e, SEEN_THROUGH);
  if (!ts.isCallExpression(x) || !ts.isPropertyAccessExpression(x.expression)) return false;
  const name = x.expression.name.text;
  return name === 'catch' || (name === 'then' && x.arguments.length >= 2) || name === 'allSettled';
}

// ---- Report and fix ----

function reportUnhandled(ctx: RuleContext<Options, MessageId, FactKind>, fn: AsyncFunction, sink: Sink, rejects: ts.Node): void {
  const route = sink.kind === 'route' ? routeFix(ctx, fn, sink.framework) : undefined;
  const unless = sink.kind === 'route' && sink.framework.handlesRejectionsFromMajor !== undefined
    ? [handlesRejectionsFact(sink.framework.module, packageDirOf(path.dirname(ctx.file)) ?? path.dirname(ctx.file))] : undefined;
  ctx.report({
    range: headerRange(ctx, fn),
    messageId: sink.kind,
    data: { sink: sink.text, rejects: rejectionText(ctx, rejects) },
    fixes: route ? [route] : undefined,
    suggestions: route ? undefined : [wrapFix(ctx, fn, 'console.error(err)', 'Wrap the body in try/catch and log the error')],
    unlessAny: unless,
  });
}

/** For a route handler: `next(err)` in the catch, with `next` added after `(req, res` when missing. */
function routeFix(ctx: RuleContext<Options, MessageId, FactKind>, fn: AsyncFunction, framework: Framework): Fix | undefined {
  const cb = framework.errorCallback;
  if (!cb) return undefined;
  const params = fn.parameters;
  // Error middleware `(err, req, res, next)` has `next` one place later.
  const at = params.length === cb.position + 2 ? cb.position + 1 : cb.position;
  const existing = params[at];
  if (existing) {
    if (!ts.isIdentifier(existing.name) || existing.dotDotDotToken) return undefined;
    return wrapFix(ctx, fn, `${existing.name.text}(err)`, `Wrap the body in try/catch and pass the error to ${existing.name.text}(err)`);
  }
  if (params.length !== cb.position || params.some((p) => !ts.isIdentifier(p.name) || p.dotDotDotToken) || usesName(fn.body, cb.name)) return undefined;
  const last = params[params.length - 1];
  const addParam = ctx.edit({ start: last.end, end: last.end }, `, ${cb.name}`);
  const wrap = wrapFix(ctx, fn, `${cb.name}(err)`, `Wrap the body in try/catch and pass the error to ${cb.name}(err)`);
  return { ...wrap, edits: [addParam, ...wrap.edits] };
}

/** Replaces the body with `{ try { <body> } catch (err) { <handle>; } }`, indented as the file indents. */
function wrapFix(ctx: RuleContext<Options, MessageId, FactKind>, fn: AsyncFunction, handle: string, title: string): Fix {
  const sf = ctx.sourceFile;
  const style = codeStyle(sf);
  const unit = style.indentUnit;
  const eol = style.eol;
  const s = semi(style);
  const body = fn.body;
  if (ts.isBlock(body)) {
    const open = body.getStart(sf);
    const close = body.end - 1;
    const outer = indentationAt(ctx.text, close);
    const contentStart = skipSpace(ctx.text, open + 1, close);
    const contentEnd = skipSpaceBack(ctx.text, close, contentStart);
    const sameLine = !ctx.text.slice(open, contentStart).includes('\n');
    const inner = sameLine ? outer + unit : indentationAt(ctx.text, contentStart);
    const content = reindent(sf, contentStart, contentEnd, { add: unit });
    const text = `{${eol}${inner}try {${eol}${inner}${unit}${content}${eol}${inner}} catch (err) {${eol}${inner}${unit}${handle}${s}${eol}${inner}}${eol}${outer}}`;
    return { title, safety: 'safe', edits: [ctx.edit({ start: open, end: body.end }, text)] };
  }
  const outer = indentationAt(ctx.text, fn.getStart(sf));
  const inner = outer + unit;
  const expr = reindent(sf, body.getStart(sf), body.end, { add: unit });
  const text = `{${eol}${inner}try {${eol}${inner}${unit}${expr}${s}${eol}${inner}} catch (err) {${eol}${inner}${unit}${handle}${s}${eol}${inner}}${eol}${outer}}`;
  return { title, safety: 'safe', edits: [ctx.edit({ start: body.getStart(sf), end: body.end }, text)] };
}

/** From `async` to the arrow (or to the body): the async function as the reader spots it. */
function headerRange(ctx: RuleContext<Options, MessageId, FactKind>, fn: AsyncFunction): { start: number; end: number } {
  const start = fn.getStart(ctx.sourceFile);
  if (ts.isArrowFunction(fn)) return { start, end: fn.equalsGreaterThanToken.end };
  return { start, end: skipSpaceBack(ctx.text, fn.body.getStart(ctx.sourceFile), start) };
}

function rejectionText(ctx: RuleContext<Options, MessageId, FactKind>, n: ts.Node): string {
  const sf = ctx.sourceFile;
  if (ts.isForOfStatement(n)) return `for await (… of ${n.expression.getText(sf).replace(/\s+/g, ' ')})`;
  if (ts.isThrowStatement(n)) return 'throw';
  const awaited = skipOuter((n as ts.AwaitExpression).expression, SEEN_THROUGH);
  if (ts.isCallExpression(awaited)) {
    const callee = awaited.expression.getText(sf).replace(/\s+/g, '');
    return `await ${callee.length > 40 ? callee.slice(0, 39) + '…' : callee}(${awaited.arguments.length ? '…' : ''})`;
  }
  const text = awaited.getText(sf).replace(/\s+/g, ' ');
  return `await ${text.length > 40 ? text.slice(0, 39) + '…' : text}`;
}

// ---- Express 5 from package.json ----

/** Records, per package folder, the frameworks whose declared version handles async rejections (`express: ^5`). */
function recordFrameworkVersions(ctx: RuleContext<Options, MessageId, FactKind>, sf: ts.SourceFile): void {
  const root = sf.statements[0] && ts.isExpressionStatement(sf.statements[0]) ? sf.statements[0].expression : undefined;
  if (!root || !ts.isObjectLiteralExpression(root)) return;
  const dir = path.dirname(ctx.file);
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const deps = propertyValue(root, key);
    if (!deps || !ts.isObjectLiteralExpression(deps)) continue;
    for (const framework of FRAMEWORKS) {
      if (framework.handlesRejectionsFromMajor === undefined) continue;
      const range = propertyValue(deps, framework.module);
      if (!range || !ts.isStringLiteral(range)) continue;
      const major = lowestMajor(range.text);
      if (major !== undefined && major >= framework.handlesRejectionsFromMajor) ctx.addFact(handlesRejectionsFact(framework.module, dir));
    }
  }
}

/** The lowest major version a semver range admits (`^5.1.0` -> 5, `^4 || ^5` -> 4); undefined for `*`, tags, URLs. */
export function lowestMajor(range: string): number | undefined {
  let lowest: number | undefined;
  for (const part of range.split('||')) {
    const m = /^\s*(?:npm:[^@\s]+@)?[\^~]?(?:>=?\s*)?v?(\d+)(?:[.\s]|$)/.exec(part);
    if (!m) return undefined;
    const major = Number(m[1]);
    lowest = lowest === undefined ? major : Math.min(lowest, major);
  }
  return lowest;
}

function propertyValue(obj: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) && p.name.text === key) return p.initializer;
  }
  return undefined;
}

// ---- Small helpers ----

function usesName(node: ts.Node, name: string): boolean {
  if (ts.isIdentifier(node) && node.text === name) return true;
  return ts.forEachChild(node, (c) => usesName(c, name) || undefined) ?? false;
}

function skipSpace(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && /\s/.test(text[i])) i++;
  return i;
}

function skipSpaceBack(text: string, from: number, limit: number): number {
  let i = from;
  while (i > limit && /\s/.test(text[i - 1])) i--;
  return i;
}
