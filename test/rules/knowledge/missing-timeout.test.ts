// The knowledge table across the Node I/O ecosystem, as missing-timeout sees it: per library a
// call with the dangerous default (reported, with the fix it writes) and one bounded or with a
// sane default (quiet). Libraries whose defaults are sane have only the quiet case.
import rule from '../../../rules/missing-timeout';
import { runRuleTests } from '../../rule-tester';

const lines = (...l: string[]) => l.join('\n') + '\n';
const HTTP_WHY = 'A server that stops answering (or trickles its body) holds the request, its socket and everything waiting on it forever; in a service such calls pile up until sockets or memory run out.';

runRuleTests(rule, {
  valid: [
    { name: 'cross-fetch: a signal bounds the call', code: lines("import fetch from 'cross-fetch';", 'export const get = (url: string) => fetch(url, { signal: AbortSignal.timeout(5000) });') },
    { name: 'superagent: .timeout() chained after other calls', code: lines("import superagent from 'superagent';", "export const get = (url: string) => superagent.get(url).set('accept', 'json').timeout({ response: 5000, deadline: 30000 });") },
    { name: 'superagent: .timeout() called on the request later', code: lines("import superagent from 'superagent';", 'export async function get(url: string) {', '  const req = superagent.get(url);', '  req.timeout(5000);', '  return req;', '}') },
    { name: 'superagent: an agent given a timeout', code: lines("import superagent from 'superagent';", 'export const agent = superagent.agent().timeout(5000);') },
    { name: 'needle: response_timeout given', code: lines("import needle from 'needle';", 'export const get = (url: string, cb: () => void) => needle.get(url, { response_timeout: 5000 }, cb);') },
    { name: 'needle: defaults set once for every call', code: lines("import needle from 'needle';", 'needle.defaults({ response_timeout: 5000, read_timeout: 30000 });', 'export const get = (url: string, cb: () => void) => needle.get(url, cb);') },
    { name: 'request: timeout given', code: lines("import request from 'request';", 'export const get = (url: string, cb: () => void) => request({ url, timeout: 5000 }, cb);') },
    { name: 'request: a requester made with a timeout', code: lines("import request from 'request';", 'export const api = request.defaults({ timeout: 5000 });') },
    { name: 'AWS SDK: a request handler given', code: lines("import { S3Client } from '@aws-sdk/client-s3';", "export const s3 = new S3Client({ region: 'eu-west-1', requestHandler: { connectionTimeout: 3000, requestTimeout: 10000 } });") },
    { name: 'AWS SDK: an aggregated client given a request handler', code: lines("import { SQS } from '@aws-sdk/client-sqs';", "export const sqs = new SQS({ requestHandler: { requestTimeout: 10000 } });") },
    { name: 'AWS SDK: a command is not a client', code: lines("import { GetObjectCommand } from '@aws-sdk/client-s3';", "export const cmd = new GetObjectCommand({ Bucket: 'b', Key: 'k' });") },
    { name: 'AWS SDK: a handler with a socket timeout', code: lines("import { NodeHttpHandler } from '@smithy/node-http-handler';", 'export const handler = new NodeHttpHandler({ socketTimeout: 10000 });') },
    { name: 'openai: timeout given', code: lines("import OpenAI from 'openai';", 'export const openai = new OpenAI({ timeout: 60_000 });') },
    { name: 'openai: options we cannot see into', code: lines("import OpenAI from 'openai';", 'export const make = (opts: object) => new OpenAI(opts);') },
    { name: 'anthropic: timeout given', code: lines("import Anthropic from '@anthropic-ai/sdk';", 'export const anthropic = new Anthropic({ timeout: 60_000, maxRetries: 1 });') },
    { name: 'elasticsearch: requestTimeout given', code: lines("import { Client } from '@elastic/elasticsearch';", "export const es = new Client({ node: 'http://es:9200', requestTimeout: 30_000 });") },
    { name: 'ky: 10 s by default', code: lines("import ky from 'ky';", 'export const get = (url: string) => ky.get(url).json();') },
    { name: 'stripe: 80 s by default', code: lines("import Stripe from 'stripe';", "export const stripe = new Stripe('sk_test');") },
    { name: 'google cloud storage: 60 s by default', code: lines("import { Storage } from '@google-cloud/storage';", 'export const storage = new Storage();') },
    { name: 'typeorm: connectTimeoutMS given', code: lines("import { DataSource } from 'typeorm';", "export const ds = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, connectTimeoutMS: 5000 });") },
    { name: 'typeorm: mysql connects with a 10 s default', code: lines("import { DataSource } from 'typeorm';", "export const ds = new DataSource({ type: 'mysql', url: process.env.DATABASE_URL });") },
    { name: 'prisma pg adapter: given a pg Pool', code: lines("import { PrismaPg } from '@prisma/adapter-pg';", "import { Pool } from 'pg';", 'const pool = new Pool({ connectionTimeoutMillis: 5000 });', 'export const adapter = new PrismaPg(pool);') },
    { name: 'prisma client: transactions are bounded (2 s / 5 s)', code: lines("import { PrismaClient } from '@prisma/client';", 'export const prisma = new PrismaClient();') },
    { name: 'mysql, knex, sequelize, mssql, oracledb, cassandra: sane connect defaults', code: lines("import mysql from 'mysql';", "import knex from 'knex';", "import { Sequelize } from 'sequelize';", "import sql from 'mssql';", "import cassandra from 'cassandra-driver';", "export const a = mysql.createPool({ host: 'db' });", "export const b = knex({ client: 'pg', connection: process.env.DATABASE_URL });", 'export const c = new Sequelize(process.env.DATABASE_URL!);', "export const d = new sql.ConnectionPool({ server: 'db' });", "export const e = new cassandra.Client({ contactPoints: ['c'], localDataCenter: 'dc1' });") },
    { name: 'amqplib: connect with a socket timeout', code: lines("import amqp from 'amqplib';", "export const open = () => amqp.connect('amqp://rabbit', { timeout: 10_000 });") },
    { name: 'kafkajs, nats, mqtt: sane defaults', code: lines("import { Kafka } from 'kafkajs';", "import { connect } from 'nats';", "import mqtt from 'mqtt';", "export const kafka = new Kafka({ clientId: 'a', brokers: ['k:9092'] });", "export const nc = connect({ servers: 'nats:4222' });", "export const mq = mqtt.connect('mqtt://broker');") },
    { name: 'nodemailer: socketTimeout given', code: lines("import nodemailer from 'nodemailer';", "export const mailer = nodemailer.createTransport({ host: 'smtp', port: 587, socketTimeout: 30_000, connectionTimeout: 10_000 });") },
    { name: 'nodemailer: an example script next to the code is not the product', filename: 'example-sendmail.js', code: lines("const nodemailer = require('nodemailer');", "const transporter = nodemailer.createTransport({ host: '0.0.0.0', port: 8025 });", 'module.exports = transporter;') },
    { name: 'nodemailer: a transport that does not talk SMTP', code: lines("import nodemailer from 'nodemailer';", 'export const mailer = nodemailer.createTransport({ jsonTransport: true });') },
    { name: 'imapflow: socketTimeout given', code: lines("import { ImapFlow } from 'imapflow';", "export const imap = new ImapFlow({ host: 'imap', port: 993, secure: true, socketTimeout: 60_000 });") },
    { name: 'node-imap: socketTimeout given', code: lines("import Imap from 'imap';", "export const imap = new Imap({ user: 'u', password: 'p', host: 'imap', port: 993, tls: true, socketTimeout: 360_000 });") },
    { name: 'ssh2, basic-ftp, puppeteer, playwright: sane defaults', code: lines("import { Client } from 'ssh2';", "import * as ftp from 'basic-ftp';", "import puppeteer from 'puppeteer';", "import { chromium } from 'playwright';", 'export const ssh = new Client();', 'export const ftpClient = new ftp.Client();', 'export const launch = () => puppeteer.launch();', 'export const launchChromium = () => chromium.launch();') },
  ],
  invalid: [
    {
      name: 'cross-fetch: node-fetch v2 underneath, no timeout of its own (hiveio__dhive, check 48 misses #7)',
      filename: 'lib/utils.js',
      code: lines('"use strict";', 'const cross_fetch_1 = require("cross-fetch");', 'async function send(node, body) {', "  const response = await cross_fetch_1.default(node, { method: 'POST', body });", '  return response.json();', '}', 'module.exports = { send };'),
      errors: [{ messageId: 'missing', line: 4, column: 26 }],
    },
    {
      name: 'superagent: no .timeout() anywhere on the chain',
      code: lines("import superagent from 'superagent';", 'export async function get(url: string) {', "  return superagent.get(url).set('accept', 'json');", '}'),
      errors: [{ messageId: 'missing', data: { callee: 'superagent.get()', bound: '.timeout(10_000)', alternative: '', consequence: HTTP_WHY }, line: 3, column: 10 }],
      unsafeOutput: lines("import superagent from 'superagent';", 'export async function get(url: string) {', "  return superagent.get(url).timeout(10_000).set('accept', 'json');", '}'),
    },
    {
      name: 'needle: options with no response or read timeout',
      code: lines("import needle from 'needle';", "export const get = (url: string, cb: () => void) => needle.get(url, { headers: { accept: 'json' } }, cb);"),
      errors: [{ messageId: 'missing', line: 2, column: 53 }],
      unsafeOutput: lines("import needle from 'needle';", "export const get = (url: string, cb: () => void) => needle.get(url, { headers: { accept: 'json' }, response_timeout: 10_000 }, cb);"),
    },
    {
      name: 'request: no timeout',
      code: lines("const request = require('request');", 'exports.get = (url, cb) => request(url, (err, res) => cb(err, res));'),
      filename: 'src/client.js',
      errors: [{ messageId: 'missing', line: 2, column: 28 }],
      unsafeOutput: lines("const request = require('request');", 'exports.get = (url, cb) => request(url, { timeout: 10_000 }, (err, res) => cb(err, res));'),
    },
    {
      name: 'AWS SDK: a client with the legacy defaults (no connection, request or socket timeout)',
      code: lines("import { S3Client } from '@aws-sdk/client-s3';", "export const s3 = new S3Client({ region: 'eu-west-1' });"),
      errors: [{ messageId: 'missing', line: 2, column: 19 }],
      unsafeOutput: lines("import { S3Client } from '@aws-sdk/client-s3';", "export const s3 = new S3Client({ region: 'eu-west-1', requestHandler: { socketTimeout: 10_000 } });"),
    },
    {
      name: 'AWS SDK: the aggregated client (`new SQS(…)`) has the same legacy defaults',
      code: lines("import { SQS } from '@aws-sdk/client-sqs';", "export const sqs = new SQS({ region: 'eu-west-1' });"),
      errors: [{ messageId: 'missing', line: 2, column: 20 }],
      unsafeOutput: lines("import { SQS } from '@aws-sdk/client-sqs';", "export const sqs = new SQS({ region: 'eu-west-1', requestHandler: { socketTimeout: 10_000 } });"),
    },
    {
      name: 'AWS SDK: a NodeHttpHandler with no timeouts',
      code: lines("import { NodeHttpHandler } from '@smithy/node-http-handler';", 'export const handler = new NodeHttpHandler();'),
      errors: [{ messageId: 'missing', line: 2, column: 24 }],
      unsafeOutput: lines("import { NodeHttpHandler } from '@smithy/node-http-handler';", 'export const handler = new NodeHttpHandler({ socketTimeout: 10_000 });'),
    },
    {
      name: 'openai: the 10-minute default, retried twice',
      code: lines("import OpenAI from 'openai';", 'export const openai = new OpenAI();'),
      errors: [{ messageId: 'missing', data: { callee: 'new OpenAI()', bound: 'timeout: 120_000', alternative: '', consequence: 'A stuck completion holds its caller for 10 minutes per attempt, and with the default 2 retries for half an hour: far beyond any request budget.' }, line: 2, column: 23 }],
      unsafeOutput: lines("import OpenAI from 'openai';", 'export const openai = new OpenAI({ timeout: 120_000 });'),
    },
    {
      name: 'anthropic: the 10-minute default',
      code: lines("const { Anthropic } = require('@anthropic-ai/sdk');", 'exports.client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });'),
      filename: 'src/llm.js',
      errors: [{ messageId: 'missing', line: 2, column: 18 }],
      unsafeOutput: lines("const { Anthropic } = require('@anthropic-ai/sdk');", 'exports.client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, timeout: 120_000 });'),
    },
    {
      name: 'elasticsearch: no requestTimeout',
      code: lines("import { Client } from '@elastic/elasticsearch';", "export const es = new Client({ node: 'http://es:9200' });"),
      errors: [{ messageId: 'missing', line: 2, column: 19 }],
      unsafeOutput: lines("import { Client } from '@elastic/elasticsearch';", "export const es = new Client({ node: 'http://es:9200', requestTimeout: 10_000 });"),
    },
    {
      name: 'typeorm: postgres with no connectTimeoutMS waits forever for a connection',
      code: lines("import { DataSource } from 'typeorm';", "export const ds = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });"),
      errors: [{ messageId: 'missing', data: { callee: 'new DataSource()', bound: 'connectTimeoutMS: 5_000', alternative: '', consequence: 'When the database is unreachable or the pool is exhausted, every caller waits forever instead of failing fast, and the service stops answering.' }, line: 2, column: 19 }],
      unsafeOutput: lines("import { DataSource } from 'typeorm';", "export const ds = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, connectTimeoutMS: 5_000 });"),
    },
    {
      name: 'prisma pg adapter: pg defaults (connectionTimeoutMillis 0)',
      code: lines("import { PrismaPg } from '@prisma/adapter-pg';", 'export const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL });'),
      errors: [{ messageId: 'missing', line: 2, column: 24 }],
      unsafeOutput: lines("import { PrismaPg } from '@prisma/adapter-pg';", 'export const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 5_000 });'),
    },
    {
      name: 'amqplib: connect with no socket timeout',
      code: lines("import amqp from 'amqplib';", "export const open = () => amqp.connect('amqp://rabbit');"),
      errors: [{ messageId: 'missing', line: 2, column: 27 }],
      unsafeOutput: lines("import amqp from 'amqplib';", "export const open = () => amqp.connect('amqp://rabbit', { timeout: 10_000 });"),
    },
    {
      name: 'amqplib callback API: the options go before the callback',
      code: lines("const amqp = require('amqplib/callback_api');", "amqp.connect('amqp://rabbit', (err, conn) => conn);"),
      filename: 'src/broker.js',
      errors: [{ messageId: 'missing', line: 2, column: 1 }],
      unsafeOutput: lines("const amqp = require('amqplib/callback_api');", "amqp.connect('amqp://rabbit', { timeout: 10_000 }, (err, conn) => conn);"),
    },
    {
      name: 'nodemailer: SMTP with the 10-minute socket timeout',
      code: lines("import nodemailer from 'nodemailer';", "export const mailer = nodemailer.createTransport({ host: 'smtp', port: 587 });"),
      errors: [{ messageId: 'missing', data: { callee: 'nodemailer.createTransport()', bound: 'socketTimeout: 60_000', alternative: '', consequence: 'A mail server that stops answering holds the connection and its caller until the socket is given up, far beyond any request budget (nodemailer SMTP: socketTimeout defaults to 10 minutes, connectionTimeout to 2 minutes).' }, line: 2, column: 23 }],
      unsafeOutput: lines("import nodemailer from 'nodemailer';", "export const mailer = nodemailer.createTransport({ host: 'smtp', port: 587, socketTimeout: 60_000 });"),
    },
    {
      name: 'nodemailer: an SMTP URL has nowhere to add the option',
      code: lines("import nodemailer from 'nodemailer';", "export const mailer = nodemailer.createTransport('smtps://user:pass@smtp.example.com');"),
      errors: [{ messageId: 'missing', line: 2, column: 23 }],
    },
    {
      name: 'imapflow: the 5-minute socket timeout (the mail-worker post-mortem)',
      code: lines("import { ImapFlow } from 'imapflow';", "export const imap = new ImapFlow({ host: 'imap', port: 993, secure: true });"),
      errors: [{ messageId: 'missing', line: 2, column: 21 }],
      unsafeOutput: lines("import { ImapFlow } from 'imapflow';", "export const imap = new ImapFlow({ host: 'imap', port: 993, secure: true, socketTimeout: 60_000 });"),
    },
    {
      name: 'node-imap: no socket timeout at all; the bound sits above the 5-minute IDLE',
      code: lines("const Imap = require('imap');", "exports.imap = new Imap({ user: 'u', password: 'p', host: 'imap', port: 993, tls: true });"),
      filename: 'src/mail.js',
      errors: [{ messageId: 'missing', data: { callee: 'new Imap()', bound: 'socketTimeout: 360_000', alternative: '', consequence: 'A mail server that stops answering holds the connection and its caller until the socket is given up, far beyond any request budget (node-imap: socketTimeout defaults to 0, no timeout at all).' }, line: 2, column: 16 }],
      unsafeOutput: lines("const Imap = require('imap');", "exports.imap = new Imap({ user: 'u', password: 'p', host: 'imap', port: 993, tls: true, socketTimeout: 360_000 });"),
    },
  ],
});
