// Which APIs call a callback and ignore the promise an async callback returns (so its rejection
// is unhandled), and which frameworks await their handlers and route a rejection to an error
// handler. Read by unhandled-async-callback; extend here, not in the rule.

/** EventEmitter registration methods, on any receiver: the emitter calls listeners and drops their return value. */
export const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** Functions (global, or from `timers`) that run a callback later and drop its return value. */
export const TIMER_FUNCTIONS: ReadonlySet<string> = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'process.nextTick']);

/** The modules the timer functions may come from: `timers/promises` takes no callbacks. */
export const TIMER_MODULES: ReadonlySet<string> = new Set(['global', 'timers']);

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
export function handlesRejectionsFact(module: string, packageDir: string): string {
  return `handles-async-rejections:${module}@${packageDir}`;
}
