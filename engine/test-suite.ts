// Whether a script is a test suite by what it holds, wherever it lives: mocha's, jest's or
// node:test's `describe('…', …)` at the top level of a file that loads a test library
// (bitcore-node's `regtest/p2p.js`), or that calls a runner's globals or hooks (jest's need no
// import). Tests in folders or files named as tests are skipped by discovery; this catches the
// ones named otherwise. What would hurt a service never runs there.

/** `describe('Bitcoind', function () {`, `suite("x", () => {`, `describe.each(table)('…'`: a suite opened at column 0. */
const TOP_LEVEL_SUITE = /^(?:describe|suite|context)(?:\.(?:only|skip|each\([^\n]*?\)))?\(\s*['"`]/m;

/** A test library or runner loaded by the file (the suite functions alone may be globals of anything). */
const TEST_LIBRARY = /\b(?:require\(\s*|from\s*)['"](?:chai(?:-[\w-]+)?|sinon|mocha|jest|@jest\/globals|vitest|ava|tap|should|expect|supertest|node:test|assert|node:assert(?:\/strict)?|power-assert)['"]/;

/**
 * Jest's or vitest's runner globals (`jest.setTimeout(10000)`, `vi.mock(…)`) or a runner hook at
 * the start of a line (`beforeAll(async () => {`): the runner is there without any import
 * (node-ts/bus-rabbitmq's `src/rabbitmq-transport.integration.ts`).
 */
const RUNNER_GLOBALS = /\b(?:jest|vi)\.(?:setTimeout|mock|unmock|fn|spyOn|useFakeTimers|useRealTimers|clearAllMocks|resetAllMocks|restoreAllMocks)\(|^\s*(?:beforeAll|afterAll|beforeEach|afterEach)\(\s*(?:async\s*)?(?:\(|function\b)/m;

/** Why the file is a test suite, or undefined. */
export function testSuiteReason(text: string): string | undefined {
  if (!TOP_LEVEL_SUITE.test(text)) return undefined;
  if (TEST_LIBRARY.test(text)) return 'a test suite (describe(…) at its top level, with a test library loaded)';
  if (RUNNER_GLOBALS.test(text)) return "a test suite (describe(…) at its top level, with a test runner's globals or hooks)";
  return undefined;
}
