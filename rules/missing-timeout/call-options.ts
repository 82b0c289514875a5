// Reading and extending the options object of a library call (`fetch(url, { … })`,
// `new Pool({ … })`): whether a bound is present, absent or out of sight, and the edit that
// adds one in the file's own layout.
import { ts } from 'ts-morph';
import { codeStyle, indentationAt } from '../../engine/fix-text';
import type { TimeoutKnowledge } from '../../engine/knowledge';
import type { RuleContext, TextEdit } from '../../engine/types';
import { findDeclaration } from '../../engine/scope';
import { isParsedUrl, spreadKeys } from './options-binding';
import { callBuildsString } from './url-calls';

/** What the options argument says about a set of bounding keys. */
export type OptionsState =
  /** A bounding key is present with a real value. */
  | { state: 'bounded' }
  /** The options are a variable, a spread, or a call: we cannot see into them (`node`: the variable, when it is one). */
  | { state: 'unknown'; node?: ts.Expression }
  /** No bound. `insert` adds `key: value` (undefined when no safe place exists for it). */
  | { state: 'missing'; insert?: (ctx: RuleContext, property: string) => TextEdit[] };

/**
 * The argument the options of `call` sit at: the entry's `optionsArg`, or the lone argument of a
 * library that also takes its options alone (`got({ url, timeout })`) when that argument may be
 * options (not a URL string, nor a name that says URL).
 */
export function optionsIndex(call: ts.CallExpression | ts.NewExpression, t: Pick<TimeoutKnowledge, 'optionsArg' | 'optionsAlone'>): number {
  const args = call.arguments ?? [];
  return t.optionsAlone && args.length === 1 && !ts.isSpreadElement(args[0]) && !cannotBeOptions(args[0]) ? 0 : t.optionsArg;
}

/**
 * Where the options of `call` are and whether any of `boundedBy` is set. `optionsArg` -1 means
 * "wherever an options object sits" (`http.get(url?, options?, cb?)`).
 */
export function readOptions(call: ts.CallExpression | ts.NewExpression, optionsArg: number, boundedBy: readonly string[]): OptionsState {
  const args = call.arguments;
  if (args?.some((a) => ts.isSpreadElement(a))) return { state: 'unknown' };
  const list: readonly ts.Expression[] = args ?? [];
  if (optionsArg < 0) {
    const literal = list.find((a): a is ts.ObjectLiteralExpression => ts.isObjectLiteralExpression(a));
    if (literal) return readLiteral(literal, boundedBy);
    const opaque = list.filter((a) => !cannotBeOptions(a) && !isCallbackName(a) && !isParsedUrl(unwrapParens(a)));
    if (opaque.length) return { state: 'unknown', node: opaque.length === 1 ? opaque[0] : undefined };
    // `https.get(url.parse(uri), cb)`: the options are the URL's parts, no bound among them. Node
    // reads an options object after them only after a string or a `URL`, so no fix adds one.
    if (list.some((a) => isLegacyUrlObject(a))) return { state: 'missing' };
    const fn = list.findIndex((a) => isFunction(a) || isCallbackName(a));
    return { state: 'missing', insert: (ctx, property) => [insertArgument(call, fn < 0 ? list.length : fn)(ctx, property)] };
  }
  const arg = list[optionsArg];
  if (arg === undefined || isFunction(arg)) return { state: 'missing', insert: (ctx, property) => [insertArgument(call, optionsArg)(ctx, property)] };
  if (ts.isObjectLiteralExpression(arg)) return readLiteral(arg, boundedBy);
  // A URL or command where the options would go (or a URL's parts: `url.parse(uri)`): no bound, but nowhere to add one safely.
  if (cannotBeOptions(arg) || isParsedUrl(unwrapParens(arg))) return { state: 'missing' };
  return { state: 'unknown', node: arg };
}

/** `emptySpreads`: spreads known to add no key that matters here (a project function's literals without a bound). */
export function readLiteral(literal: ts.ObjectLiteralExpression, boundedBy: readonly string[], emptySpreads?: ReadonlySet<ts.Node>): OptionsState {
  let hidden = false;
  let disabled: ts.PropertyAssignment | undefined;
  // A bound stands only when no spread we cannot see comes after it: a key written later wins,
  // so `{ ...params, timeout }` is bounded, while `{ timeout, ...params }` may have it overridden.
  // Each bounding key's last value since the last such spread: a bound, or the library's "no limit".
  const written = new Map<string, boolean>();
  // A spread of literals whose keys are in view (`...(cwd ? { cwd } : {})`) is read like the rest.
  const properties = literal.properties.flatMap((p) => (ts.isSpreadAssignment(p) ? (emptySpreads?.has(p) ? [] : spreadKeys(p.expression) ?? [p]) : [p]));
  for (const p of properties) {
    if (ts.isSpreadAssignment(p)) {
      hidden = true;
      if (!holdsNoBound(p.expression, boundedBy)) written.clear();
      continue;
    }
    const key = p.name && propertyName(p.name);
    if (key === undefined || !boundedBy.includes(key)) continue;
    // `timeout: 0` and `signal: undefined` are the library's "no limit", written out. One inside a
    // spread is overridden by the bound a fix appends after it.
    const none = ts.isPropertyAssignment(p) && isNoBound(p.initializer);
    if (none && p.parent === literal) disabled ??= p;
    written.set(key, !none);
  }
  if ([...written.values()].some((bound) => bound)) return { state: 'bounded' };
  if (hidden) return { state: 'unknown' };
  if (disabled) {
    const target = disabled;
    return {
      state: 'missing',
      insert: (ctx, property) => [ctx.edit(ctx.rangeOf(target), property)],
    };
  }
  return { state: 'missing', insert: (ctx, property) => insertProperty(ctx, literal, property) };
}

/**
 * A spread of a `const` given object literals whose keys are all in view, none of them a
 * bounding key (wait-on's `...urlSocketOptions` with `const urlSocketOptions = unix ? {
 * socketPath, url } : { url }`): written after a bound, it cannot override it.
 */
function holdsNoBound(e: ts.Expression, boundedBy: readonly string[]): boolean {
  const v = unwrapParens(e);
  if (!ts.isIdentifier(v)) return false;
  const decl = findDeclaration(v.text, v);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const)) return false;
  const keys = spreadKeys(decl.initializer);
  return keys !== undefined && keys.every((k) => !ts.isSpreadAssignment(k) && !(k.name && boundedBy.includes(propertyName(k.name) ?? '')));
}

/** A URL's parts as a plain object (`url.parse(uri)`, `urlToHttpOptions(u)`), which Node reads as the options themselves; a `URL` is not one. */
function isLegacyUrlObject(e: ts.Expression): boolean {
  const v = unwrapParens(e);
  return isParsedUrl(v) && !ts.isNewExpression(v) && !/^URL\.parse$/.test(ts.isCallExpression(v) ? v.expression.getText() : '');
}

function unwrapParens(e: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(e) ? unwrapParens(e.expression) : e;
}

/** The object literal holding the options of `call`, when they are written in place. */
export function optionsLiteral(call: ts.CallExpression | ts.NewExpression, optionsArg: number): ts.ObjectLiteralExpression | undefined {
  const list: readonly ts.Expression[] = call.arguments ?? [];
  const arg = optionsArg < 0 ? list.find((a) => ts.isObjectLiteralExpression(a)) : list[optionsArg];
  return arg !== undefined && ts.isObjectLiteralExpression(arg) ? arg : undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteral(name.expression)) return name.expression.text;
  return undefined;
}

function isNoBound(e: ts.Expression): boolean {
  return (ts.isNumericLiteral(e) && Number(e.text) === 0) ||
    (ts.isIdentifier(e) && e.text === 'undefined') || e.kind === ts.SyntaxKind.NullKeyword;
}

/** A callback written in place: a function, or one bound to its object (`function (res) { … }.bind(this)`). */
function isFunction(e: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(e)) return isFunction(e.expression);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return true;
  return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'bind' && isFunction(e.expression.expression);
}

/**
 * `cb`, `callback`, `done`, `onResponse`, a promise's `resolve` (`this._respProm.resolve`): a
 * trailing callback passed by name, where options may sit anywhere.
 */
export function isCallbackName(e: ts.Expression): boolean {
  const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
  return name !== undefined && /^(cb|callback|done|next|handler|listener|resolve|on[A-Z]\w*)$|(Callback|Handler|Listener)$/.test(name);
}

/** Names that hold a URL, a command or arguments, never an options object. */
const NOT_OPTIONS_NAME = /(url|uri|href|endpoint|connectionstring|dsn|command|cmd|file|path|host|hostname|port|args|argv)$/i;

const ARGS_BUILDER_NAME = /(args|argv|arguments)$/i;

/** The name a call is made by: `build(…)`, `this.build(…)`. */
function calledName(e: ts.Expression): string | undefined {
  const x = unwrapParens(e);
  return ts.isIdentifier(x) ? x.text : ts.isPropertyAccessExpression(x) ? x.name.text : undefined;
}

/** True for an argument that is surely not an options object: a URL, a command, arguments, a callback. */
export function cannotBeOptions(e: ts.Expression): boolean {
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e) || ts.isNumericLiteral(e) || ts.isArrayLiteralExpression(e) || isFunction(e)) return true;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return true;
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'URL') return true;
  // `this.fileLink(info)` of a function in this file that builds a URL string.
  if (ts.isCallExpression(e) && callBuildsString(e)) return true;
  // `self._buildClamArgs(file)`: a call named for the argument list it builds, in execFile's `args` place.
  if (ts.isCallExpression(e) && ARGS_BUILDER_NAME.test(calledName(e.expression) ?? '')) return true;
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return cannotBeOptions(e.expression);
  if (ts.isIdentifier(e)) return NOT_OPTIONS_NAME.test(e.text);
  if (ts.isPropertyAccessExpression(e)) {
    // process.env.DATABASE_URL and friends are strings.
    if (ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression) &&
      e.expression.expression.text === 'process' && e.expression.name.text === 'env') return true;
    return NOT_OPTIONS_NAME.test(e.name.text);
  }
  return false;
}

/** Adds `property` to an object literal, in its layout: one line, or one property per line. */
function insertProperty(ctx: RuleContext, literal: ts.ObjectLiteralExpression, property: string): TextEdit[] {
  const sf = ctx.sourceFile;
  const text = ctx.text;
  const props = literal.properties;
  const open = literal.getStart(sf);
  if (!props.length) return [ctx.edit({ start: open + 1, end: literal.end - 1 }, ` ${property} `)];
  const last = props[props.length - 1];
  const comma = props.hasTrailingComma ? text.indexOf(',', last.end) : -1;
  const multiline = sf.getLineAndCharacterOfPosition(last.end).line !== sf.getLineAndCharacterOfPosition(literal.end).line;
  if (multiline) {
    const indent = indentationAt(text, last.getStart(sf));
    const eol = codeStyle(sf).eol;
    // After a trailing `// comment` on the last property's line, so the comment stays where it was.
    const after = comma >= 0 ? comma + 1 : last.end;
    const lineEnd = text.slice(after).search(/\r?\n/);
    const rest = lineEnd < 0 ? '' : text.slice(after, after + lineEnd);
    const at = /^\s*(\/\/.*|\/\*.*\*\/\s*)?$/.test(rest) ? after + rest.length : after;
    if (comma >= 0) return [ctx.edit({ start: at, end: at }, `${eol}${indent}${property},`)];
    if (at === last.end) return [ctx.edit({ start: at, end: at }, `,${eol}${indent}${property}`)];
    return [ctx.edit({ start: last.end, end: last.end }, ','), ctx.edit({ start: at, end: at }, `${eol}${indent}${property}`)];
  }
  if (comma >= 0) return [ctx.edit({ start: comma + 1, end: comma + 1 }, ` ${property},`)];
  return [ctx.edit({ start: last.end, end: last.end }, `, ${property}`)];
}

/** Adds `{ property }` as argument `index`, before whatever sits there, filling gaps with `undefined`. */
function insertArgument(call: ts.CallExpression | ts.NewExpression, index: number) {
  return (ctx: RuleContext, property: string): TextEdit => {
    const sf = ctx.sourceFile;
    const object = `{ ${property} }`;
    const args = call.arguments;
    if (!args) return ctx.edit({ start: call.end, end: call.end }, `(${object})`);
    if (index < args.length) {
      const at = args[index].getStart(sf);
      const layout = multilineArguments(ctx, args) ? `,${codeStyle(sf).eol}${indentationAt(ctx.text, at)}` : ', ';
      return ctx.edit({ start: at, end: at }, object + layout);
    }
    const filler = Array(index - args.length).fill('undefined');
    if (!args.length) return ctx.edit({ start: args.pos, end: args.pos }, [...filler, object].join(', '));
    const last = args[args.length - 1];
    const separator = multilineArguments(ctx, args) ? `,${codeStyle(sf).eol}${indentationAt(ctx.text, last.getStart(sf))}` : ', ';
    return ctx.edit({ start: last.end, end: last.end }, [...filler, object].map((t) => separator + t).join(''));
  };
}

/** Arguments written one per line (the call's first argument starts on a new line). */
function multilineArguments(ctx: RuleContext, args: ts.NodeArray<ts.Expression>): boolean {
  const between = ctx.text.slice(args.pos, args[0].getStart(ctx.sourceFile));
  return between.includes('\n');
}

/** A millisecond count as a readable literal: 10000 -> `10_000`. */
export function readableNumber(n: number): string {
  const digits = String(Math.round(n));
  return digits.length > 3 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, '_') : digits;
}
