// Mail, remote shells, FTP, file watchers and terminal input: connections that sit idle for
// minutes by default, and handles that keep a process from ever exiting.
import type { LibraryEntry } from '../knowledge';

/** Transports that send without an SMTP socket: nothing waits on a mail server. */
const NOT_SMTP = ['jsonTransport', 'streamTransport', 'sendmail', 'SES', 'transport'];

export const MAIL_FILES_SHELLS: LibraryEntry[] = [
  // nodemailer@6.10.1 lib/smtp-connection/index.js:14-17 (10.6.1 dist/cjs/smtp-connection/index.js:51-54):
  // CONNECTION_TIMEOUT 2 minutes, SOCKET_TIMEOUT 10 minutes of inactivity (https://nodemailer.com/smtp/).
  { module: 'nodemailer', call: 'createTransport', invoke: 'call', when: NOT_SMTP.map((key) => ({ key, present: false })),
    timeout: { kind: 'mail', optionsArg: 0, boundedBy: ['socketTimeout'], fix: { option: 'socketTimeout', value: 'ms' } },
    note: 'nodemailer SMTP: socketTimeout defaults to 10 minutes, connectionTimeout to 2 minutes' },
  // smtp-pool/index.js:214-222 `close` on a closed pool returns; only a pool holds connections (idle 4 minutes).
  { module: 'nodemailer', call: 'createTransport', invoke: 'call', when: [{ key: 'pool', equals: [true] }],
    resource: { kind: 'client', release: ['close'], releaseIdempotent: true, noun: 'pooled SMTP transport' } },

  // imapflow@2.10.2 dist/cjs/imap-flow.js:69,260 socketTimeout 5 minutes of inactivity (types.d.ts:124-132);
  // :2501-2504 `close` is idempotent, :3499 `logout` rejects once the connection is gone.
  { module: 'imapflow', call: 'ImapFlow', invoke: 'new',
    timeout: { kind: 'mail', optionsArg: 0, boundedBy: ['socketTimeout'], fix: { option: 'socketTimeout', value: 'ms' } },
    resource: { kind: 'client', release: ['logout', 'close'], releaseIdempotent: false, secondRelease: 'rejects', idempotentReleases: ['close'], releaseAwaitable: true, noun: 'IMAP client', pilesUp: 'each holds a connection until the mail server refuses more from this account', openState: ['usable'] },
    returns: { getMailboxLock: { resource: { kind: 'checkout', release: ['release'], releaseIdempotent: true, noun: 'mailbox lock' } } },
    note: 'imapflow: socketTimeout defaults to 5 minutes of inactivity' },

  // imap@0.8.19 lib/Connection.js:61 `socketTimeout: config.socketTimeout || 0` (none). While IDLE
  // nothing crosses the socket for up to 5 minutes (:14-15), so the bound must sit above that.
  { module: 'imap', call: '', invoke: 'new',
    timeout: { kind: 'mail', optionsArg: 0, boundedBy: ['socketTimeout'], fix: { option: 'socketTimeout', value: 'ms', ms: 360_000 } },
    resource: { kind: 'client', release: ['end', 'destroy'], releaseIdempotent: true, noun: 'IMAP connection' },
    note: 'node-imap: socketTimeout defaults to 0, no timeout at all' },

  // ssh2@1.17.0 lib/client.js:141-144 readyTimeout 20 s; :1179-1190 `end`/`destroy` check the socket first.
  { module: 'ssh2', call: 'Client', invoke: 'new', resource: { kind: 'client', release: ['end', 'destroy'], releaseIdempotent: true, noun: 'SSH connection', pilesUp: 'each holds a connection until the SSH server refuses new sessions' } },

  // basic-ftp@6.2.6 dist/Client.js:41 `timeout = 30000`; dist/FtpContext.js:71-75 `close` returns once closed.
  { module: 'basic-ftp', call: 'Client', invoke: 'new', resource: { kind: 'client', release: ['close'], releaseIdempotent: true, noun: 'FTP client', pilesUp: 'each holds a connection until the FTP server refuses new clients' } },

  // readline over stdin keeps the process alive until `close` (twice is safe, observed on Node 20);
  // over a file it closes itself at the end of the input. One made per question and never closed
  // keeps a program from exiting; one for the process's life is how a prompt-driven tool works.
  ...['readline', 'readline/promises'].map((mod): LibraryEntry => ({ module: mod, call: 'createInterface', invoke: 'call',
    when: [{ key: 'input', source: ['process.stdin'] }],
    resource: { kind: 'client', release: ['close'], releaseIdempotent: true, scope: 'per-call', noun: 'readline interface on stdin', pilesUp: 'each keeps a listener on stdin, and the program can no longer exit on its own' } })),
];

/** Defaults that bound the wait: not findings. */
export const SANE_MAIL_FILES_DEFAULTS: { module: string; default: string; source: string }[] = [
  { module: 'ssh2', default: 'readyTimeout 20 s', source: 'ssh2@1.17.0 lib/client.js:141-144' },
  { module: 'basic-ftp', default: 'timeout 30 s', source: 'basic-ftp@6.2.6 dist/Client.js:41' },
];
