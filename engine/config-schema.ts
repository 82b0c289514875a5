// The JSON schema of `stability-lint.config.json`, derived from the rules' metadata so editors
// complete rule ids and options. `npm run schema` writes it to schema/; a test keeps it current.
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_TIMEOUTS } from './config';
import { LIBRARIES } from './knowledge';
import type { Rule } from './types';

const SEVERITY = { enum: ['off', 'info', 'warn', 'error'], description: 'off, info, warn or error' };

export function configSchema(rules: ReadonlyMap<string, Rule<any>>): object {
  const ruleProps: Record<string, object> = {};
  for (const [id, rule] of [...rules].sort(([a], [b]) => a.localeCompare(b))) {
    const options: Record<string, object> = {};
    for (const [name, spec] of Object.entries(rule.meta.options)) {
      const type = spec.type === 'string[]' ? { type: 'array', items: { type: 'string' } } : { type: spec.type };
      options[name] = { ...type, description: spec.description, default: spec.default };
    }
    ruleProps[id] = {
      description: `${rule.meta.description} (default: ${rule.meta.defaultSeverity})`,
      oneOf: [
        SEVERITY,
        { type: 'array', prefixItems: [SEVERITY, { type: 'object', properties: options, additionalProperties: false }], minItems: 1, maxItems: 2 },
      ],
    };
  }
  const timeouts: Record<string, object> = {};
  for (const [kind, ms] of Object.entries(DEFAULT_TIMEOUTS)) {
    timeouts[kind] = { type: 'number', exclusiveMinimum: 0, default: ms, description: `Milliseconds fixes use for ${kind} bounds.` };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'stability-lint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      root: { type: 'boolean', description: 'Stop looking for configuration in parent folders.' },
      rules: { type: 'object', description: 'Rule id -> severity, or [severity, options].', properties: ruleProps, additionalProperties: false },
      ignores: { type: 'array', items: { type: 'string' }, description: 'Gitignore-style patterns, relative to this file, of files not to lint.' },
      runtime: {
        type: 'object',
        additionalProperties: false,
        properties: { import: { type: 'string', description: 'Module fixes import the runtime shim from (e.g. "@acme/stability-runtime"). Unset: fixes add the shim file to the project once.' } },
      },
      timeouts: { type: 'object', additionalProperties: false, properties: timeouts },
      typeAware: { type: 'boolean', default: false, description: 'Let rules consult the type checker for nodes they picked syntactically (e.g. an options variable). Slower; findings never depend on it being on.' },
      lintSupportFiles: { type: 'boolean', default: false, description: 'Also lint tests, examples, fixtures, benchmarks and tooling scripts (folders such as test/, examples/, scripts/, and *.test.* files), which are skipped by default: what would hurt a service there never runs in one.' },
      maxFileSize: { type: 'number', exclusiveMinimum: 0, default: DEFAULT_MAX_FILE_SIZE, description: 'Files larger than this many bytes are skipped with an info message.' },
      libraries: {
        type: 'array',
        description: `Teach the rules your own libraries: which call waits on a peer and what bounds it, which opens a resource and how it is released. An entry for a module and call replaces the built-in one. Built in (docs/rules/*.md "Known libraries" lists each call): ${builtInModules().join(', ')}.`,
        items: {
          type: 'object',
          required: ['module', 'call'],
          additionalProperties: false,
          properties: {
            module: { type: 'string', description: 'Module as imported ("@acme/http"); "global" for globals; a trailing * matches a family ("@aws-sdk/client-*").' },
            call: { type: 'string', description: 'Export path from the module object, dotted ("request", "Client", "" for the module itself); a leading * matches a suffix ("*Client").' },
            invoke: { enum: ['new', 'call', 'either'], default: 'either' },
            note: { type: 'string' },
            types: { type: 'array', items: { type: 'string' }, description: "The library's type names for what the call makes (\"Browser\" for puppeteer.launch), so parameters and fields of that type are known." },
            when: {
              type: 'array',
              description: 'The entry applies only when every condition holds on the options (typeorm type "postgres", nodemailer pool true).',
              items: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  key: { type: 'string', description: 'An option key.' },
                  arg: { type: 'number', description: 'Or an argument index, read itself.' },
                  equals: { type: 'array', items: { type: ['string', 'number', 'boolean'] }, description: 'The key is one of these literals.' },
                  present: { type: 'boolean', description: 'The key is written (true) or not (false).' },
                  source: { type: 'array', items: { type: 'string' }, description: 'The value is written as one of these ("process.stdin").' },
                  literal: { type: 'boolean', description: 'With arg: the argument is absent or a number or string literal.' },
                },
              },
            },
            timeout: TIMEOUT_SCHEMA,
            resource: RESOURCE_SCHEMA,
            returns: RETURNS_SCHEMA,
          },
        },
      },
    },
  };
}

/** The modules the built-in table knows, for the schema's description. */
function builtInModules(): string[] {
  return [...new Set(LIBRARIES.map((e) => e.module))];
}

const TIMEOUT_SCHEMA = {
  type: 'object',
  required: ['kind', 'boundedBy'],
  additionalProperties: false,
  properties: {
    kind: { enum: Object.keys(DEFAULT_TIMEOUTS) },
    optionsArg: { type: 'number', description: 'Index of the options argument; -1 for the last one.' },
    boundedBy: { type: 'array', items: { type: 'string' }, description: 'Option keys any one of which bounds the call (may be empty with a "method" fix).' },
    fix: {
      type: 'object',
      additionalProperties: false,
      properties: {
        option: { type: 'string' },
        value: { enum: ['abort-signal', 'ms', 'method'], description: '"method" chains `.option(ms)` instead (superagent\'s `.timeout()`).' },
        ms: { type: 'number', exclusiveMinimum: 0, description: 'The value this library needs, whatever the kind\'s default.' },
      },
    },
    boundingMethod: { type: 'string', description: 'A method on the result that also bounds it (e.g. "setTimeout").' },
    createsInstance: { type: 'boolean', description: 'Calls on the returned instance inherit its bound.' },
    noPeerWith: { type: 'array', items: { type: 'string' }, description: 'Option keys with which the call connects to no new peer (tls.connect\'s "socket").' },
    onlyWithOption: { type: 'string', description: 'Report only when this option of missing-timeout is on (e.g. "requireQueryTimeout").' },
    projectDefaults: { type: 'array', items: { type: 'string' }, description: 'Paths whose assignment anywhere bounds every call (e.g. "defaults.timeout").' },
    projectDefaultCalls: { type: 'array', items: { type: 'string' }, description: 'Functions on the module whose options bound every call (e.g. "defaults" for needle.defaults({...})).' },
  },
};

const RESOURCE_SCHEMA = {
  type: 'object',
  required: ['release'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string' },
    release: { type: 'array', items: { type: 'string' }, minItems: 1 },
    releaseIdempotent: { type: 'boolean', default: false, description: 'False when a second release throws or corrupts state.' },
    releaseIsFunction: { type: 'boolean', description: 'The release is a function taking the handle (clearInterval(h)), not a method.' },
    releaseAwaitable: { type: 'boolean', description: 'The release returns a promise worth awaiting.' },
    checkout: { type: 'array', items: { type: 'string' }, description: 'Pool methods that check a member out (connect, getConnection, acquire).' },
    checkoutRelease: { type: 'array', items: { type: 'string' }, description: 'Methods that return a checked-out member to its pool.' },
    checkoutReleasedByPool: { type: 'boolean', description: 'The checkout is returned through the pool (pool.release(x)), not on itself.' },
    idempotentReleases: { type: 'array', items: { type: 'string' }, description: 'Releases safe to repeat when releaseIdempotent is false (nats close, not drain).' },
    scope: { enum: ['per-call', 'service'], description: '"per-call": report only one made per call (a module-level client is fine); "service": only one kept beyond the call.' },
    noun: { type: 'string', description: 'How messages name it ("browser page").' },
    pilesUp: { type: 'string', description: 'What many made per call and never released pile up into ("each keeps a browser process and its memory").' },
    closedWithParent: { type: 'boolean', description: 'Closed with what made it (a page with its browser): not reported when that is made in the same function.' },
    openState: { type: 'array', items: { type: 'string' }, description: 'Properties or methods that say whether it is open (isInitialized): a close under a test of one is guarded.' },
    handles: { type: 'array', items: { type: 'string' }, description: 'Methods returning an object that works through it (client.db()): returning or storing that object hands the resource on.' },
    openedBy: {
      type: 'object',
      additionalProperties: false,
      required: ['methods'],
      description: 'It holds nothing until one of these methods is called on it ({ "methods": ["on"], "firstArg": "message" } for a Pub/Sub subscription).',
      properties: { methods: { type: 'array', items: { type: 'string' } }, firstArg: { type: 'string' } },
    },
  },
};

const RETURNS_SCHEMA = {
  type: 'object',
  description: 'Methods on the returned value that wait or open resources of their own (browser.newPage()), each { timeout, resource, returns }.',
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    properties: { timeout: TIMEOUT_SCHEMA, resource: RESOURCE_SCHEMA, returns: { type: 'object', description: 'Nested, the same shape.' } },
  },
};
