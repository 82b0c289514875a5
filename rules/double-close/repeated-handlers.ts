// Handlers that run more than once: a `process.on` listener for a signal (each Ctrl+C, each
// `kill` delivers it again) or for `unhandledRejection`, one function registered for several
// shutdown events (SIGTERM and SIGINT and `exit`), or a listener for an application's own
// `shutdown` event. A release in such a handler runs again unless something guards it.
import { ts } from 'ts-morph';
import { Outer, skipOuter } from '../shared/ast';

/** Events a `.on` listener sees again and again. */
const REPEATING_EVENTS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'unhandledRejection', 'uncaughtException']);

/** Shutdown events: one handler registered on two of them runs twice. */
const SHUTDOWN_EVENTS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'beforeExit', 'exit']);

/** An application's own stop event (`app.on('shutdown', onShutdown)`), emitted from its signal handlers. */
const STOP_EVENT = /^(shutdown|stop|terminate)$/i;

const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const REPEATING_LISTEN_METHODS = new Set(['on', 'addListener', 'prependListener']);

export interface Registration {
  handler: ts.Expression;
  event: string;
  /** `.on` (runs on every emit), not `.once`. */
  repeats: boolean;
  onProcess: boolean;
}

/** `process.on('SIGINT', fn)`, `app.on('shutdown', fn)`: a registration this rule cares about. */
export function registrationOf(call: ts.CallExpression): Registration | undefined {
  const callee = skipOuter(call.expression, Outer.Parens);
  if (!ts.isPropertyAccessExpression(callee) || !LISTEN_METHODS.has(callee.name.text)) return undefined;
  const [event, handler] = call.arguments;
  if (!event || !handler || !ts.isStringLiteralLike(event)) return undefined;
  const onProcess = ts.isIdentifier(callee.expression) && callee.expression.text === 'process';
  if (onProcess ? !REPEATING_EVENTS.has(event.text) && !SHUTDOWN_EVENTS.has(event.text) : !STOP_EVENT.test(event.text)) return undefined;
  return { handler, event: event.text, repeats: REPEATING_LISTEN_METHODS.has(callee.name.text), onProcess };
}

/** The registrations of one handler make it run more than once. */
export function runsRepeatedly(regs: readonly Registration[]): boolean {
  if (regs.some((r) => r.repeats && (!r.onProcess || REPEATING_EVENTS.has(r.event)))) return true;
  return new Set(regs.filter((r) => r.onProcess && SHUTDOWN_EVENTS.has(r.event)).map((r) => r.event)).size >= 2;
}

/** How a message names the events: `SIGINT`, `SIGTERM or SIGINT`, `an unhandled rejection`. */
export function eventsText(regs: readonly Registration[]): string {
  const names = [...new Set(regs.map((r) => r.event))].map((e) =>
    e === 'unhandledRejection' ? 'an unhandled rejection' : e === 'uncaughtException' ? 'an uncaught exception' : e.startsWith('SIG') ? e : `'${e}'`);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * The handler ends the process before a second event can arrive: its own body (not a callback)
 * calls `process.exit()` as a statement.
 */
export function exitsAtOnce(fn: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return false;
  return body.statements.some((s) => ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) &&
    ts.isPropertyAccessExpression(s.expression.expression) && s.expression.expression.name.text === 'exit' &&
    ts.isIdentifier(s.expression.expression.expression) && s.expression.expression.expression.text === 'process');
}
