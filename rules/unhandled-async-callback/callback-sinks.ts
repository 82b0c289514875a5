// Which APIs call a callback and ignore the promise an async callback returns (so its rejection
// is unhandled), and which frameworks await their handlers and route a rejection to an error
// handler. Read by unhandled-async-callback; extend here, not in the rule.

/** EventEmitter registration methods, on any receiver: the emitter calls listeners and drops their return value. */
export const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/**
 * Library functions that call a callback and drop its return value: timers (global or from
 * `timers`; `timers/promises` takes no callbacks) and server factories, whose callback is a
 * `request`/`connection` listener. `deferred`: no timer, a callback queued to run once after the
 * current code (`queueMicrotask`, `process.nextTick`), which the finding's wording says.
 */
export const CALLBACK_FUNCTIONS: readonly { module: string; call: string; kind: 'timer' | 'listener'; argument: 'first' | 'last'; deferred?: true }[] = [
  ...['setTimeout', 'setInterval', 'setImmediate'].map((call) => ({ module: 'global', call, kind: 'timer' as const, argument: 'first' as const })),
  ...['queueMicrotask', 'process.nextTick'].map((call) => ({ module: 'global', call, kind: 'timer' as const, argument: 'first' as const, deferred: true as const })),
  ...['setTimeout', 'setInterval', 'setImmediate'].map((call) => ({ module: 'timers', call, kind: 'timer' as const, argument: 'first' as const })),
  ...[['http', 'createServer'], ['https', 'createServer'], ['http2', 'createServer'], ['http2', 'createSecureServer'], ['net', 'createServer'], ['tls', 'createServer']]
    .map(([module, call]) => ({ module, call, kind: 'listener' as const, argument: 'last' as const })),
];

/** The last name of every callback function, to resolve only calls that can match. */
export const CALLBACK_FUNCTION_NAMES: ReadonlySet<string> = new Set(CALLBACK_FUNCTIONS.map((f) => f.call.split('.').pop()!));

/** Express-style route registration: `app.get(path, async (req, res) => …)`. */
export const ROUTE_METHODS: readonly string[] = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'all', 'use'];

export interface Framework {
  /** The module its app or router comes from (`express`, `fastify`). */
  module: string;
  /** Registration methods on what the module creates (`app.get`, `bot.on`). */
  methods: readonly string[];
  /** True when it awaits async handlers and sends a rejection to its error handling. */
  handlesRejections: boolean;
  /** From this major version on it does (Express 5), read from the project's package.json. */
  handlesRejectionsFromMajor?: number;
  /** Where the error goes when it does not: the handler's parameter that takes it (`next`). */
  errorCallback?: { name: string; position: number };
}

export const FRAMEWORKS: readonly Framework[] = [
  // Express 4 calls handlers and ignores their promise; Express 5 catches it and calls next(err).
  { module: 'express', methods: [...ROUTE_METHODS, 'param'], handlesRejections: false, handlesRejectionsFromMajor: 5, errorCallback: { name: 'next', position: 2 } },
  { module: 'fastify', methods: [...ROUTE_METHODS, 'route', 'addHook', 'register', 'setErrorHandler', 'setNotFoundHandler'], handlesRejections: true },
  // Koa's compose awaits middleware and emits 'error' on the app; `app.on` is still a plain EventEmitter.
  { module: 'koa', methods: ['use'], handlesRejections: true },
  { module: '@koa/router', methods: [...ROUTE_METHODS, 'param'], handlesRejections: true },
  { module: 'koa-router', methods: [...ROUTE_METHODS, 'param'], handlesRejections: true },
  { module: 'hono', methods: [...ROUTE_METHODS, 'on', 'route', 'onError', 'notFound'], handlesRejections: true },
  { module: '@nestjs/core', methods: [...ROUTE_METHODS], handlesRejections: true },
  // Bot frameworks whose `bot.on` is middleware they await, not an EventEmitter.
  { module: 'telegraf', methods: ['on', 'use', 'command', 'start', 'help', 'hears', 'action'], handlesRejections: true },
  { module: 'grammy', methods: ['on', 'use', 'command', 'hears', 'callbackQuery'], handlesRejections: true },
];

/** The project fact a package.json records when its dependency on a framework handles async rejections. */
/**
 * Packages that patch a framework to catch its handlers' rejections once loaded:
 * `express-async-errors` makes Express 4 pass a rejected handler's error to `next(err)`.
 */
export const REJECTION_PATCHES: Readonly<Record<string, string>> = { 'express-async-errors': 'express' };

export function handlesRejectionsFact(module: string, packageDir: string): { kind: 'handles-async-rejections'; ref: string } {
  return { kind: 'handles-async-rejections', ref: `${module}@${packageDir}` };
}

// The hosts' own databases (HOST_DATABASE_APIS) are library knowledge several rules read: engine/knowledge.ts.
export { HOST_DATABASE_APIS } from '../../engine/knowledge';
