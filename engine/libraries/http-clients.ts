// HTTP and RPC clients beyond fetch, axios and got: which calls wait on a peer with no bound by
// default and what bounds them. Each entry cites the default that makes it dangerous; libraries
// with a sane default are listed at the end with it, so the table never grows one by accident.
import type { LibraryEntry } from '../knowledge';
import { ABORT_SIGNAL, TIMEOUT_MS } from './fix-shapes';

const SUPERAGENT_METHODS = ['', 'get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options'];
const NEEDLE_BOUNDS = ['response_timeout', 'read_timeout', 'signal'];
const REQUEST_MODULES = ['request', 'request-promise', 'request-promise-native'];
const REQUEST_METHODS = ['', 'get', 'head', 'options', 'post', 'put', 'patch', 'del', 'delete'];
/** request@2.88.2 index.js:82-86: `jar()` and `cookie()` make a cookie jar or cookie, and send nothing. */
const REQUEST_SETUP = ['jar', 'cookie'];

/** AWS SDK v3 packages and the aggregated client class each exports (`@aws-sdk/client-sqs` → `SQS`). */
const AWS_AGGREGATED_CLIENTS: readonly (readonly [string, string])[] = [
  ['s3', 'S3'], ['sqs', 'SQS'], ['sns', 'SNS'], ['dynamodb', 'DynamoDB'], ['lambda', 'Lambda'], ['ses', 'SES'], ['sesv2', 'SESv2'],
  ['secrets-manager', 'SecretsManager'], ['ssm', 'SSM'], ['kms', 'KMS'], ['sts', 'STS'], ['kinesis', 'Kinesis'],
  ['firehose', 'Firehose'], ['eventbridge', 'EventBridge'], ['cloudwatch', 'CloudWatch'], ['cloudwatch-logs', 'CloudWatchLogs'],
  ['cognito-identity-provider', 'CognitoIdentityProvider'], ['iam', 'IAM'], ['ec2', 'EC2'], ['ecs', 'ECS'], ['sfn', 'SFN'],
  ['athena', 'Athena'], ['glue', 'Glue'], ['bedrock-runtime', 'BedrockRuntime'], ['textract', 'Textract'], ['rekognition', 'Rekognition'],
];

/**
 * @smithy/types HttpHandlerOptions (`{ abortSignal, requestTimeout }`): the second argument of every
 * AWS SDK v3 client call, `client.send(command, options)` and the aggregated `client.invoke(input,
 * options)` alike, bounds that one request. `destroy`, `config` and `middlewareStack` send nothing.
 */
const AWS_PER_CALL = { optionsArg: 1, boundedBy: ['requestTimeout', 'abortSignal'], setup: ['destroy', 'config', 'middlewareStack'] };

/**
 * Libraries whose verb methods all take the same arguments and bound: a call through a computed
 * name (`superagent[method](url)`, `request[verb](options, cb)`) is read as `as` would be.
 */
export const COMPUTED_VERB_CALLS: readonly { module: string; as: string }[] = [
  { module: 'superagent', as: 'get' },
  ...REQUEST_MODULES.map((module) => ({ module, as: 'get' })),
];

export const HTTP_CLIENTS: LibraryEntry[] = [
  // superagent@10.4.2 lib/request-base.js:101 "Value of 0 or false means no timeout"; nothing sets
  // one by default and there is no AbortSignal support: the bound is a chained `.timeout(ms)`.
  ...SUPERAGENT_METHODS.map((m): LibraryEntry => ({
    module: 'superagent', call: m, invoke: 'call',
    timeout: { kind: 'http', optionsArg: -1, boundedBy: [], boundingMethod: 'timeout', fix: { option: 'timeout', value: 'method' } },
    note: 'superagent: no timeout unless .timeout() is chained',
  })),
  // form-data@4.0.6 lib/form_data.js:426-457 `submit(url | options, cb)` makes an http(s).request
  // from them and sets no timeout; it returns the request, so `.setTimeout()` on it bounds it, and
  // so do `timeout`/`signal` in the options, handed to http.request unchanged. The body is the form:
  // an upload of any size, so no default bound is written.
  { module: 'form-data', call: '', invoke: 'new',
    returns: { submit: { timeout: { kind: 'http', optionsArg: 0, boundedBy: ['timeout', 'signal'], boundingMethod: 'setTimeout', uploads: true, fix: ABORT_SIGNAL } } },
    note: 'form-data: submit() sets no timeout' },
  // ws@8.23.1 lib/websocket.js:668,789 `opts.timeout = opts.handshakeTimeout`, no default: a server
  // that accepts the TCP connection and never answers the upgrade leaves the client connecting
  // forever, and no 'close' comes to drive a reconnect. Options follow the URL and the optional
  // protocols (`new WebSocket(url, [protocols], options)`). A page's `WebSocket` is the browser's, not this.
  // ws@8.23.0 lib/websocket.js:327,517 `close()`/`terminate()` while CONNECTING abort the handshake.
  ...['', 'WebSocket'].map((call): LibraryEntry => ({ module: 'ws', call, invoke: 'new',
    timeout: { kind: 'connect', optionsArg: -1, boundedBy: ['handshakeTimeout'], endedBy: ['close', 'terminate'], fix: { option: 'handshakeTimeout', value: 'ms' } },
    note: 'ws: no opening-handshake timeout unless handshakeTimeout is given' })),
  // lib/agent-base.js:3 an agent replays its `.timeout()` on every request it makes.
  { module: 'superagent', call: 'agent', invoke: 'call',
    timeout: { kind: 'http', optionsArg: -1, boundedBy: [], boundingMethod: 'timeout', createsInstance: true, fix: { option: 'timeout', value: 'method' } } },

  // needle@3.5.0 lib/needle.js:94-96 `open_timeout: 10000, response_timeout: 0, read_timeout: 0`;
  // :776-784 the open timer is cleared at connect, so nothing bounds the wait for headers or body.
  // The bare promise form `needle(method, url, data?, options?)` is left out: its options slide.
  ...['get', 'head'].map((m): LibraryEntry => ({ module: 'needle', call: m, invoke: 'call',
    timeout: { kind: 'http', optionsArg: 1, boundedBy: NEEDLE_BOUNDS, fix: { option: 'response_timeout', value: 'ms' }, projectDefaultCalls: ['defaults'] },
    note: 'needle: response_timeout and read_timeout default to 0 (none); open_timeout ends at connect' })),
  ...['post', 'put', 'patch', 'delete'].map((m): LibraryEntry => ({ module: 'needle', call: m, invoke: 'call',
    timeout: { kind: 'http', optionsArg: 2, boundedBy: NEEDLE_BOUNDS, fix: { option: 'response_timeout', value: 'ms' }, projectDefaultCalls: ['defaults'] } })),
  { module: 'needle', call: 'request', invoke: 'call',
    timeout: { kind: 'http', optionsArg: 3, boundedBy: NEEDLE_BOUNDS, fix: { option: 'response_timeout', value: 'ms' }, projectDefaultCalls: ['defaults'] } },

  // request@2.88.2 request.js:766-771 a timer only when `timeout` is given (README.md:832); no signal.
  // request-promise(-native) pass their options to request unchanged.
  ...REQUEST_MODULES.flatMap((mod) => REQUEST_METHODS.map((m): LibraryEntry => ({
    module: mod, call: m, invoke: 'call', timeout: { kind: 'http', optionsArg: -1, boundedBy: ['timeout'], fix: TIMEOUT_MS }, note: 'request: no default timeout',
  }))),
  ...REQUEST_MODULES.map((mod): LibraryEntry => ({
    module: mod, call: 'defaults', invoke: 'call', timeout: { kind: 'http', optionsArg: 0, boundedBy: ['timeout'], fix: TIMEOUT_MS, createsInstance: true, instanceSetup: REQUEST_SETUP },
  })),

  // AWS SDK v3: defaultsMode "legacy" by default (@smithy/core config/index.js:703) gives the
  // handler no connection, request or socket timeout (@smithy/types httpHandlerInitialization.d.ts:
  // "Defaults to 0, which disables the timeout"). `socketTimeout` aborts an idle socket in both
  // handler majors (3.x maps it to requestTimeout; 4.x's requestTimeout alone only logs a warning).
  { module: '@aws-sdk/client-*', call: '*Client', invoke: 'new',
    timeout: { kind: 'http', optionsArg: 0, boundedBy: ['requestHandler'], fix: { option: 'requestHandler.socketTimeout', value: 'ms' }, perCallOptions: AWS_PER_CALL },
    resource: { kind: 'client', release: ['destroy'], releaseIdempotent: true, scope: 'per-call', noun: 'AWS SDK client' },
    note: 'AWS SDK v3: no connection, request or socket timeout by default (defaultsMode legacy)' },
  // The aggregated client each package also exports (`new SQS(config)`, `new S3()`): the same
  // client with a method per command, and the same handler defaults.
  ...AWS_AGGREGATED_CLIENTS.map(([service, call]): LibraryEntry => ({
    module: `@aws-sdk/client-${service}`, call, invoke: 'new',
    timeout: { kind: 'http', optionsArg: 0, boundedBy: ['requestHandler'], fix: { option: 'requestHandler.socketTimeout', value: 'ms' }, perCallOptions: AWS_PER_CALL },
    resource: { kind: 'client', release: ['destroy'], releaseIdempotent: true, scope: 'per-call', noun: 'AWS SDK client' },
    note: 'AWS SDK v3 aggregated client: no connection, request or socket timeout by default (defaultsMode legacy)',
  })),
  ...['@smithy/node-http-handler', '@aws-sdk/node-http-handler'].map((mod): LibraryEntry => ({
    module: mod, call: 'NodeHttpHandler', invoke: 'new',
    timeout: { kind: 'http', optionsArg: 0, boundedBy: ['connectionTimeout', 'requestTimeout', 'socketTimeout'], fix: { option: 'socketTimeout', value: 'ms' } },
    note: 'NodeHttpHandler: connectionTimeout, requestTimeout and socketTimeout default to 0 (none)',
  })),

  // openai@6.49.0 client.js:163,747 `timeout ?? DEFAULT_TIMEOUT` = 600000 (10 minutes), :173
  // maxRetries 2 (4.x core.js:138 the same); @anthropic-ai/sdk@1.17.0 client.js:157,1094 the same
  // 10 minutes and 2 retries: half an hour before a stuck completion fails.
  ...[['openai', ''], ['openai', 'OpenAI'], ['openai', 'AzureOpenAI'], ['@anthropic-ai/sdk', ''], ['@anthropic-ai/sdk', 'Anthropic']].map(([mod, call]): LibraryEntry => ({
    module: mod, call, invoke: 'new',
    timeout: { kind: 'llm', optionsArg: 0, boundedBy: ['timeout'], fix: TIMEOUT_MS },
    note: `${mod}: default timeout 10 minutes per attempt, 2 retries`,
  })),

  // @elastic/elasticsearch@9.4.3 lib/client.d.ts:50-53 "requestTimeout … @defaultValue No timeout"
  // (the undici connection sets headers/body timeouts to 0); 8.19.2 lib/client.js:143 `requestTimeout: 600000`.
  { module: '@elastic/elasticsearch', call: 'Client', invoke: 'new',
    timeout: { kind: 'http', optionsArg: 0, boundedBy: ['requestTimeout'], fix: { option: 'requestTimeout', value: 'ms' } },
    resource: { kind: 'client', release: ['close'], releaseIdempotent: true, releaseAwaitable: true, scope: 'per-call', noun: 'Elasticsearch client' },
    note: 'elasticsearch: requestTimeout none (v9) / 10 minutes (v8)' },

  // @grpc/grpc-js@1.14.7 client-interceptors.js:252 `options.deadline ?? Infinity`: no deadline by
  // default, but calls go through generated methods the table cannot name (types needed). What it
  // knows is the channel: client.js:69-71 `close()`, safe twice.
  { module: '@grpc/grpc-js', call: 'Client', invoke: 'new', resource: { kind: 'client', release: ['close'], releaseIdempotent: true, noun: 'gRPC client' } },
];

/**
 * Clients whose documented default bounds the wait: not findings. Kept as data so docs list them
 * and tests keep the table from growing an entry for them.
 */
export const SANE_HTTP_DEFAULTS: { module: string; default: string; source: string }[] = [
  { module: 'ky', default: 'timeout 10 s', source: 'ky@1.14.3 distribution/core/Ky.js:153 `timeout: options.timeout ?? 10_000`' },
  { module: 'stripe', default: 'timeout 80 s (socket idle), 2 retries', source: 'stripe@23.2.0 cjs/stripe.core.js:102 `DEFAULT_TIMEOUT = 80000`' },
  { module: '@google-cloud/storage', default: '60 s per request, 600 s total', source: '@google-cloud/storage@7.22.0 build/cjs/src/nodejs-common/util.js:79-80 `timeout: 60000`' },
  { module: '@google-cloud/pubsub', default: '60 s per RPC (gax)', source: '@google-cloud/pubsub@5.3.1 build/src/v1/publisher_client_config.json:59-60 `"timeout_millis": 60000`' },
];
