// The knowledge table across the Node I/O ecosystem, as missing-shutdown sees it: an entry module
// opening a database pool or a server the table knows (reported) and one opening what lives with
// the process by design (quiet).
import rule from '../../../rules/missing-shutdown';
import { runRuleTests } from '../../rule-tester';

const lines = (...l: string[]) => l.join('\n') + '\n';
// Run as PID 1 by its Dockerfile: SIGTERM from `docker stop` reaches Node itself.
const files = {
  'package.json': JSON.stringify({ name: 'api', version: '1.0.0', type: 'module', scripts: { start: 'node dist/server.js' } }, null, 2) + '\n',
  Dockerfile: 'FROM node:22\nCMD ["node", "dist/server.js"]\n',
};

runRuleTests(rule, {
  valid: [
    { name: 'prisma, an AWS client and a piscina pool live with the process', filename: 'src/server.ts', files, code: lines("import { PrismaClient } from '@prisma/client';", "import { S3Client } from '@aws-sdk/client-s3';", "import Piscina from 'piscina';", 'export const prisma = new PrismaClient();', "export const s3 = new S3Client({ region: 'eu-west-1', requestHandler: { socketTimeout: 10_000 } });", "export const pool = new Piscina({ filename: '/app/w.js' });") },
    { name: 'a knex pool destroyed on SIGTERM', filename: 'src/server.ts', files, code: lines("import knex from 'knex';", "export const db = knex({ client: 'pg' });", "process.on('SIGTERM', () => db.destroy());") },
  ],
  invalid: [
    {
      name: 'knex: an entry module opens a pool and handles no signal',
      filename: 'src/server.ts',
      files,
      code: lines("import knex from 'knex';", "export const db = knex({ client: 'pg' });"),
      errors: [{ messageId: 'pid1', line: 2, column: 19 }],
      output: lines("import knex from 'knex';", "import { onShutdown } from './stability-runtime';", "export const db = knex({ client: 'pg' });", 'onShutdown(() => db.destroy());'),
    },
    {
      name: 'sequelize and socket.io in the entry module',
      filename: 'src/server.ts',
      files,
      code: lines("import { Sequelize } from 'sequelize';", "import { Server } from 'socket.io';", "export const sequelize = new Sequelize('postgres://db');", 'export const io = new Server(3000);'),
      errors: [{ messageId: 'pid1', line: 3, column: 26 }, { messageId: 'pid1', line: 4, column: 19 }],
      output: lines("import { Sequelize } from 'sequelize';", "import { Server } from 'socket.io';", "import { onShutdown } from './stability-runtime';", "export const sequelize = new Sequelize('postgres://db');", 'onShutdown(() => sequelize.close());', 'export const io = new Server(3000);', 'onShutdown(() => io.close());'),
    },
  ],
});
