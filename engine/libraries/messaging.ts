// Messaging and job queues: brokers that hold a connection for as long as a producer or consumer
// lives, and which of their closes can run twice.
import type { InstanceKnowledge, LibraryEntry, ResourceKnowledge } from '../knowledge';
import { TIMEOUT_MS } from './fix-shapes';

const PUBSUB_SUBSCRIPTION: ResourceKnowledge = { kind: 'worker', release: ['close'], releaseIdempotent: true, releaseAwaitable: true,
  noun: 'Pub/Sub subscription', openedBy: { methods: ['on', 'addListener', 'once'], firstArg: 'message' } };
const AMQP_CHANNEL: InstanceKnowledge = { resource: { kind: 'client', release: ['close'], releaseIdempotent: false, secondRelease: 'rejects', releaseAwaitable: true, noun: 'AMQP channel', pilesUp: "each holds a channel on the connection until the broker's channel limit refuses new ones" } };

export const MESSAGING: LibraryEntry[] = [
  // amqplib@2.3.1 lib/connect.js:98,187-193 a connect timer only when socket option `timeout` is
  // given: a broker that accepts TCP but never answers the handshake hangs connect() forever.
  // lib/connection.js:341-370 and lib/channel.js:133-145 a second `close` rejects (IllegalOperationError).
  { module: 'amqplib', call: 'connect', invoke: 'call', types: ['Connection', 'ChannelModel'],
    timeout: { kind: 'connect', optionsArg: 1, boundedBy: ['timeout'], fix: TIMEOUT_MS },
    resource: { kind: 'client', release: ['close'], releaseIdempotent: false, secondRelease: 'rejects', releaseAwaitable: true, noun: 'AMQP connection', pilesUp: 'each holds a connection to the broker until it refuses new clients' },
    returns: { createChannel: AMQP_CHANNEL, createConfirmChannel: AMQP_CHANNEL },
    note: 'amqplib: no connect/handshake timeout unless socketOptions.timeout; close() twice rejects' },
  { module: 'amqplib/callback_api', call: 'connect', invoke: 'call',
    timeout: { kind: 'connect', optionsArg: 1, boundedBy: ['timeout'], fix: TIMEOUT_MS } },

  // kafkajs@2.2.4 src/index.js:43-46 connectionTimeout 1 s, requestTimeout 30 s; src/cluster/brokerPool.js:117-124
  // `disconnect` clears the brokers, so a second one does nothing.
  { module: 'kafkajs', call: 'Kafka', invoke: 'new',
    returns: {
      producer: { resource: { kind: 'client', release: ['disconnect'], releaseIdempotent: true, releaseAwaitable: true, noun: 'Kafka producer', pilesUp: 'each holds connections to the brokers until they or the process run out of them' } },
      consumer: { resource: { kind: 'worker', release: ['disconnect'], releaseIdempotent: true, releaseAwaitable: true, noun: 'Kafka consumer' } },
      admin: { resource: { kind: 'client', release: ['disconnect'], releaseIdempotent: true, releaseAwaitable: true, noun: 'Kafka admin client' } },
    } },

  // bullmq@6.7.6 classes/queue-base.js:104-110 and worker.js:794-797 memoise `close`.
  ...['Queue', 'QueueEvents', 'FlowProducer'].map((call): LibraryEntry => ({ module: 'bullmq', call, invoke: 'new',
    resource: { kind: 'client', release: ['close', 'disconnect'], releaseIdempotent: true, releaseAwaitable: true, noun: 'BullMQ queue' } })),
  { module: 'bullmq', call: 'Worker', invoke: 'new',
    resource: { kind: 'worker', release: ['close'], releaseIdempotent: true, releaseAwaitable: true, noun: 'BullMQ worker' } },
  // bull@4.16.5 lib/queue.js:86 callable without `new`; :615-619 `close` memoised (3.29.3 :545-549 too).
  { module: 'bull', call: '', invoke: 'either', resource: { kind: 'client', release: ['close'], releaseIdempotent: true, releaseAwaitable: true, noun: 'Bull queue' } },

  // nats@2.29.3 protocol.js:415 dial 20 s, nats.js:311 request 1 s; protocol.js:889-893 `close`
  // returns once closed, nats.js:395-401 `drain` rejects when closed or draining.
  { module: 'nats', call: 'connect', invoke: 'call',
    resource: { kind: 'client', release: ['close', 'drain'], releaseIdempotent: false, secondRelease: 'rejects', idempotentReleases: ['close'], releaseAwaitable: true, noun: 'NATS connection', pilesUp: 'each holds a connection to the NATS server until it or the process runs out of them', openState: ['isClosed', 'isDraining'] } },

  // mqtt@5.16.0 build/lib/client.js:68 connectTimeout 30 s; :818-821 `end` while disconnecting calls back.
  ...['connect', 'connectAsync'].map((call): LibraryEntry => ({ module: 'mqtt', call, invoke: 'call',
    resource: { kind: 'client', release: ['end', 'endAsync'], releaseIdempotent: true, releaseAwaitable: call === 'connectAsync', noun: 'MQTT client' } })),

  // @google-cloud/pubsub@5.3.1 build/src/subscription.js:496-506 a 'message' listener opens the
  // streaming pull and keeps it open; subscriber.js:780-783 `close` returns when not open. (Its
  // RPCs are bounded: 60 s per publish, publisher_client_config.json:59-60.)
  { module: '@google-cloud/pubsub', call: 'PubSub', invoke: 'new', types: ['PubSub'],
    returns: {
      subscription: { resource: PUBSUB_SUBSCRIPTION },
      topic: { returns: { subscription: { resource: PUBSUB_SUBSCRIPTION } } },
    } },

  // socket.io@4.8.4 dist/index.js:510-534 `close` closes the sockets and the attached http server,
  // and only logs the second time; dist/index.js:836 the module is callable too. Attached to a
  // server the app made (`new Server(httpServer)`), it lives and ends with that server: only one
  // that listens on its own port is a resource of its own.
  ...[['Server', 'new'], ['', 'either']].map(([call, invoke]): LibraryEntry => ({ module: 'socket.io', call, invoke: invoke as LibraryEntry['invoke'], when: [{ arg: 0, literal: true }],
    resource: { kind: 'server', release: ['close'], releaseIdempotent: true, releaseAwaitable: true, noun: 'Socket.IO server' } })),
];

/** Brokers whose documented defaults bound their waits: not findings. */
export const SANE_MESSAGING_DEFAULTS: { module: string; default: string; source: string }[] = [
  { module: 'kafkajs', default: 'connectionTimeout 1 s, requestTimeout 30 s', source: 'kafkajs@2.2.4 src/index.js:43-46' },
  { module: 'bullmq / bull', default: 'no wait of their own (Redis connection via ioredis, 10 s connect)', source: 'ioredis@5.11.1 built/redis/RedisOptions.js:9' },
  { module: 'nats', default: 'connect 20 s, request 1 s', source: 'nats@2.29.3 lib/nats-base-client/protocol.js:415, nats.js:311' },
  { module: 'mqtt', default: 'connectTimeout 30 s', source: 'mqtt@5.16.0 build/lib/client.js:68' },
  { module: 'socket.io', default: 'a server: nothing to wait on', source: 'socket.io@4.8.4 dist/index.js' },
];

/**
 * Streams a library makes that reconnect with backoff themselves: iterating one (`for await (const
 * evt of sub)`) waits through the library's own reconnects, so a restart around the iteration only
 * sees what that backoff let through. retry-without-backoff reads it.
 */
export const RECONNECTING_STREAMS: readonly { module: string; classes: readonly string[] }[] = [
  // @atproto/xrpc-server@0.10.21 src/stream/subscription.ts:27-36 iterates a WebSocketKeepAlive
  // (@atproto/ws-client), which reconnects with exponential backoff up to `maxReconnectSeconds`.
  { module: '@atproto/xrpc-server', classes: ['Subscription'] },
  { module: '@atproto/ws-client', classes: ['WebSocketKeepAlive'] },
];
