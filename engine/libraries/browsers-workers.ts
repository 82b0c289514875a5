// Headless browsers, worker pools and child processes: the classic PDF-rendering leak (a browser
// or page opened per request and closed only on the happy path) and pools spawned per call.
import type { InstanceKnowledge, LibraryEntry } from '../knowledge';

/** puppeteer@24.43.1: a second `close` of a page or context throws a Protocol error (observed). */
const PUPPETEER_PAGE: InstanceKnowledge = { resource: { kind: 'client', release: ['close'], releaseIdempotent: false, secondRelease: 'rejects', releaseAwaitable: true, noun: 'browser page', pilesUp: 'each keeps a renderer process and its memory until the host runs out of memory', closedWithParent: true, openState: ['isClosed'] } };
const PUPPETEER_CONTEXT: InstanceKnowledge = {
  resource: { kind: 'client', release: ['close'], releaseIdempotent: false, secondRelease: 'rejects', releaseAwaitable: true, noun: 'browser context', pilesUp: 'each keeps its pages and their renderer processes until the host runs out of memory', closedWithParent: true },
  returns: { newPage: PUPPETEER_PAGE },
};
/** playwright@1.65.2: page, context and browser closes are all safe twice (observed). */
const PLAYWRIGHT_PAGE: InstanceKnowledge = { resource: { kind: 'client', release: ['close'], releaseIdempotent: true, releaseAwaitable: true, noun: 'browser page', pilesUp: 'each keeps a renderer process and its memory until the host runs out of memory', closedWithParent: true } };
const PLAYWRIGHT_CONTEXT: InstanceKnowledge = {
  resource: { kind: 'client', release: ['close'], releaseIdempotent: true, releaseAwaitable: true, noun: 'browser context', pilesUp: 'each keeps its pages and their renderer processes until the host runs out of memory', closedWithParent: true },
  returns: { newPage: PLAYWRIGHT_PAGE },
};

export const BROWSERS_WORKERS: LibraryEntry[] = [
  // puppeteer@24.43.1 launch 30 s, operations 30 s, protocol 180 s: no missing timeout. `browser.close`
  // twice is fine. launch() closes the browser on SIGTERM/SIGINT itself (@puppeteer/browsers
  // launch.js:190-195), so a browser kept for the process's life is not reported: one per call is.
  ...['puppeteer', 'puppeteer-core'].flatMap((mod) => ['launch', 'connect'].map((call): LibraryEntry => ({
    module: mod, call, invoke: 'call', types: ['Browser'],
    resource: { kind: 'client', release: call === 'launch' ? ['close'] : ['disconnect', 'close'], releaseIdempotent: true, releaseAwaitable: true, scope: 'per-call', noun: 'browser', pilesUp: 'each keeps a whole browser process tree running until the host runs out of memory' },
    returns: { newPage: PUPPETEER_PAGE, createBrowserContext: PUPPETEER_CONTEXT, createIncognitoBrowserContext: PUPPETEER_CONTEXT },
  }))),

  // playwright@1.65.2 lib/coreBundle.js:4971-4972 operations 30 s, launch 3 minutes.
  ...['playwright', 'playwright-core', '@playwright/test'].flatMap((mod) => ['chromium', 'firefox', 'webkit'].flatMap((b): LibraryEntry[] => [
    { module: mod, call: `${b}.launch`, invoke: 'call', types: ['Browser'],
      resource: { kind: 'client', release: ['close'], releaseIdempotent: true, releaseAwaitable: true, scope: 'per-call', noun: 'browser', pilesUp: 'each keeps a whole browser process tree running until the host runs out of memory' },
      returns: { newContext: PLAYWRIGHT_CONTEXT, newPage: PLAYWRIGHT_PAGE } },
    { module: mod, call: `${b}.launchPersistentContext`, invoke: 'call', types: ['BrowserContext'],
      resource: { kind: 'client', release: ['close'], releaseIdempotent: true, releaseAwaitable: true, scope: 'per-call', noun: 'browser context' },
      returns: { newPage: PLAYWRIGHT_PAGE } },
  ])),

  // piscina@5.3.2 dist/index.js:502-520 `destroy` twice finds nothing left; idle workers are
  // unref'd (:203), so a pool for the process's life is fine and only one per call leaks threads.
  // tinypool@2.2.0 dist/index.js:666-680 the same design.
  ...[['piscina', ''], ['piscina', 'Piscina'], ['tinypool', ''], ['tinypool', 'Tinypool']].map(([mod, call]): LibraryEntry => ({
    module: mod, call, invoke: 'new',
    resource: { kind: 'worker', release: ['destroy', 'close'], releaseIdempotent: true, releaseAwaitable: true, scope: 'per-call', noun: 'worker pool' } })),
  // workerpool@10.0.3 src/Pool.js:345-370 a second `terminate` finds no workers and resolves.
  { module: 'workerpool', call: 'pool', invoke: 'call',
    resource: { kind: 'worker', release: ['terminate'], releaseIdempotent: true, releaseAwaitable: true, scope: 'per-call', noun: 'worker pool' } },

  // child_process: a long-lived child kept on a module or an object must be stopped with its
  // parent. `kill()` twice is safe; fork's `disconnect()` twice emits ERR_IPC_DISCONNECTED (observed, Node 20).
  // A forked child is also stopped by a message its holder's close() sends it over IPC, which the
  // child answers by exiting (st-ethernet-ip: `close() { this.child.send({ type: 'closeScanner' }) }`).
  // A child run as a stdio peer is told to stop by ending its stdin: the server exits on EOF
  // (thrift's StdIOConnection: `this.connection = child.stdin; … this.connection.end()`).
  ...['fork', 'spawn'].map((call): LibraryEntry => ({ module: 'child_process', call, invoke: 'call',
    resource: { kind: 'process', release: ['kill', 'disconnect'], releaseIdempotent: false, idempotentReleases: ['kill'], scope: 'service', openState: ['connected', 'killed', 'exitCode'],
      releasedByEnding: ['stdin'],
      ...(call === 'fork' ? { releasedInCloseBy: ['send'] } : {}) } })),
];
