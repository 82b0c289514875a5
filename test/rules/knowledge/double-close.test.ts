// The knowledge table across the Node I/O ecosystem, as double-close sees it: a close that throws
// or rejects the second time, unguarded (reported), and one that is safe to repeat (quiet).
import rule from '../../../rules/double-close';
import { runRuleTests } from '../../rule-tester';

const lines = (...l: string[]) => l.join('\n') + '\n';

/** A class holding `field = <made>` whose `close()` runs `<release>`. */
const holder = (imports: string, made: string, release: string) => lines(
  imports,
  'export class Service {',
  `  private readonly res = ${made};`,
  '  async close() {',
  `    await this.res.${release}();`,
  '  }',
  '}',
);

runRuleTests(rule, {
  valid: [
    { name: 'mysql: destroy is safe twice', code: holder("import mysql from 'mysql';", "mysql.createConnection({ host: 'db' })", 'destroy') },
    { name: 'mysql: a pool end is safe twice', code: holder("import mysql from 'mysql';", "mysql.createPool({ host: 'db' })", 'end') },
    { name: 'mssql, knex, sequelize: closes are safe twice', code: lines("import sql from 'mssql';", "import knex from 'knex';", "import { Sequelize } from 'sequelize';", 'export class Db {', "  private readonly a = new sql.ConnectionPool({ server: 'db' });", "  private readonly b = knex({ client: 'pg' });", "  private readonly c = new Sequelize('postgres://db');", '  async close() {', '    await this.a.close();', '    await this.b.destroy();', '    await this.c.close();', '  }', '}') },
    { name: 'redis: destroy is safe twice (v5+)', code: holder("import { createClient } from 'redis';", 'createClient()', 'destroy') },
    { name: 'nats: close is safe twice', code: holder("import { connect } from 'nats';", "connect({ servers: 'nats' })", 'close') },
    { name: 'imapflow: close is safe twice', code: holder("import { ImapFlow } from 'imapflow';", "new ImapFlow({ host: 'imap', socketTimeout: 60_000 })", 'close') },
    { name: 'kafkajs, bullmq, mqtt, socket.io, prisma: closes are safe twice', code: lines("import { Worker } from 'bullmq';", "import mqtt from 'mqtt';", "import { Server } from 'socket.io';", "import { PrismaClient } from '@prisma/client';", 'export class App {', "  private readonly w = new Worker('q', async () => {});", "  private readonly m = mqtt.connect('mqtt://b');", '  private readonly io = new Server(3000);', '  private readonly db = new PrismaClient();', '  async close() {', '    await this.w.close();', '    this.m.end();', '    await this.io.close();', '    await this.db.$disconnect();', '  }', '}') },
    { name: 'playwright: a page closed in catch and finally is safe', code: lines("import { chromium } from 'playwright';", 'const browser = await chromium.launch();', 'export async function shot(url: string) {', '  const page = await browser.newPage();', '  try {', '    await page.goto(url);', '  } catch (err) {', '    await page.close();', '    throw err;', '  } finally {', '    await page.close();', '  }', '}') },
    { name: 'child_process: kill is safe twice', code: holder("import { fork } from 'node:child_process';", "fork('./worker.js')", 'kill') },
    { name: 'typeorm: destroy guarded by isInitialized', code: lines("import { DataSource } from 'typeorm';", 'export class Db {', "  private readonly ds = new DataSource({ type: 'mysql' });", '  async close() {', '    if (!this.ds.isInitialized) return;', '    await this.ds.destroy();', '  }', '}') },
  ],
  invalid: [
    {
      name: 'mysql: a connection end twice errors (PROTOCOL_ENQUEUE_AFTER_QUIT)',
      code: holder("import mysql from 'mysql';", "mysql.createConnection({ host: 'db' })", 'end'),
      errors: [{ messageId: 'unguardedClose', data: { call: 'this.res.end()', library: 'mysql.createConnection().end()', method: 'close()', fails: 'throws', failsWhy: 'throws', twice: 'Shutdown paths call close twice (SIGTERM then SIGINT, or `close()` followed by dispose)', during: ', in the middle of the shutdown' }, line: 5, column: 11 }],
      output: lines("import mysql from 'mysql';", 'export class Service {', '  #closed = false;', "  private readonly res = mysql.createConnection({ host: 'db' });", '  async close() {', '    if (this.#closed) return;', '    this.#closed = true;', '    await this.res.end();', '  }', '}'),
    },
    {
      name: 'typeorm: destroy twice throws CannotExecuteNotConnectedError',
      code: holder("import { DataSource } from 'typeorm';", "new DataSource({ type: 'mysql' })", 'destroy'),
      errors: [{ messageId: 'unguardedClose', data: { call: 'this.res.destroy()', library: 'typeorm DataSource.destroy()', method: 'close()', fails: 'rejects', failsWhy: 'rejects the promise `close()` returns', twice: "Callers can call `close()` twice (an application's SIGTERM then SIGINT handlers, or a shutdown hook and a test's teardown)", during: ', which a caller that does not expect a failed close leaves unhandled' }, line: 5, column: 11 }],
      output: lines("import { DataSource } from 'typeorm';", 'export class Service {', '  #closed = false;', "  private readonly res = new DataSource({ type: 'mysql' });", '  async close() {', '    if (this.#closed) return;', '    this.#closed = true;', '    await this.res.destroy();', '  }', '}'),
    },
    {
      name: 'oracledb: a pool close twice throws NJS-065',
      code: holder("import oracledb from 'oracledb';", 'oracledb.createPool({ user: "u" })', 'close'),
      errors: [{ messageId: 'unguardedClose', line: 5, column: 11 }],
      output: lines("import oracledb from 'oracledb';", 'export class Service {', '  #closed = false;', '  private readonly res = oracledb.createPool({ user: "u" });', '  async close() {', '    if (this.#closed) return;', '    this.#closed = true;', '    await this.res.close();', '  }', '}'),
    },
    {
      name: 'amqplib: a connection close twice rejects',
      code: holder("import amqp from 'amqplib';", "amqp.connect('amqp://rabbit', { timeout: 10_000 })", 'close'),
      errors: [{ messageId: 'unguardedClose', line: 5, column: 11 }],
      output: lines("import amqp from 'amqplib';", 'export class Service {', '  #closed = false;', "  private readonly res = amqp.connect('amqp://rabbit', { timeout: 10_000 });", '  async close() {', '    if (this.#closed) return;', '    this.#closed = true;', '    await this.res.close();', '  }', '}'),
    },
    {
      name: 'amqplib: a channel closed in catch and again in finally',
      code: lines("import amqp from 'amqplib';", 'export async function publish(conn: amqp.Connection, body: Buffer) {', '  const ch = await conn.createChannel();', '  try {', "    ch.sendToQueue('q', body);", '  } catch (err) {', '    await ch.close();', '    throw err;', '  } finally {', '    await ch.close();', '  }', '}'),
      errors: [{ messageId: 'releasedTwice', line: 10, column: 11 }],
      output: lines("import amqp from 'amqplib';", 'export async function publish(conn: amqp.Connection, body: Buffer) {', '  const ch = await conn.createChannel();', '  try {', "    ch.sendToQueue('q', body);", '  } catch (err) {', '    throw err;', '  } finally {', '    await ch.close();', '  }', '}'),
    },
    {
      name: 'nats: drain rejects once closed',
      code: holder("import { connect } from 'nats';", "connect({ servers: 'nats' })", 'drain'),
      errors: [{ messageId: 'unguardedClose', line: 5, column: 11 }],
      output: lines("import { connect } from 'nats';", 'export class Service {', '  #closed = false;', "  private readonly res = connect({ servers: 'nats' });", '  async close() {', '    if (this.#closed) return;', '    this.#closed = true;', '    await this.res.drain();', '  }', '}'),
    },
    {
      name: 'imapflow: logout rejects once the connection is gone',
      code: holder("import { ImapFlow } from 'imapflow';", "new ImapFlow({ host: 'imap', socketTimeout: 60_000 })", 'logout'),
      errors: [{ messageId: 'unguardedClose', line: 5, column: 11 }],
      output: lines("import { ImapFlow } from 'imapflow';", 'export class Service {', '  #closed = false;', "  private readonly res = new ImapFlow({ host: 'imap', socketTimeout: 60_000 });", '  async close() {', '    if (this.#closed) return;', '    this.#closed = true;', '    await this.res.logout();', '  }', '}'),
    },
    {
      name: 'puppeteer: a page closed in catch and again in finally throws a Protocol error',
      code: lines("import puppeteer from 'puppeteer';", 'const browser = await puppeteer.launch();', 'export async function pdf(html: string) {', '  const page = await browser.newPage();', '  try {', '    await page.setContent(html);', '    return await page.pdf();', '  } catch (err) {', '    await page.close();', '    throw err;', '  } finally {', '    await page.close();', '  }', '}'),
      errors: [{ messageId: 'releasedTwice', line: 12, column: 11 }],
      output: lines("import puppeteer from 'puppeteer';", 'const browser = await puppeteer.launch();', 'export async function pdf(html: string) {', '  const page = await browser.newPage();', '  try {', '    await page.setContent(html);', '    return await page.pdf();', '  } catch (err) {', '    throw err;', '  } finally {', '    await page.close();', '  }', '}'),
    },
    {
      name: 'child_process: disconnect twice emits ERR_IPC_DISCONNECTED',
      code: holder("import { fork } from 'node:child_process';", "fork('./worker.js')", 'disconnect'),
      errors: [{ messageId: 'unguardedClose', line: 5, column: 11 }],
      output: lines("import { fork } from 'node:child_process';", 'export class Service {', '  #closed = false;', "  private readonly res = fork('./worker.js');", '  async close() {', '    if (this.#closed) return;', '    this.#closed = true;', '    await this.res.disconnect();', '  }', '}'),
    },
  ],
});
