// Several fixes in one file and one scope, with the real rules (issue 9: three fixes each
// declared `const interval`, a SyntaxError): every name a fix introduces is fresh, the shim's
// helpers come in through one import (under another name where the file uses theirs), and a
// second --fix changes nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli, read, removeProject, tempProject } from './helpers';

describe('fixes that land in one file compose', () => {
  it('ES module: three thrown-away intervals where `interval` and `onShutdown` are taken', async () => {
    const dir = tempProject({
      'package.json': '{ "name": "svc", "version": "1.0.0", "type": "module" }\n',
      'src/ticks.ts': [
        'const interval = 5;',
        'function onShutdown() { return interval; }',
        "setInterval(() => console.log('a'), 1000);",
        "setInterval(() => console.log('b'), 1000);",
        "setInterval(() => console.log('c'), 1000);",
        'export { onShutdown };',
        '',
      ].join('\n'),
    });
    try {
      const r = await cli(['--fix'], { cwd: dir });
      assert.deepEqual(r, { code: 0, stdout: '', stderr: '1 file fixed, 1 file created.\n' });
      assert.equal(read(dir, 'src/ticks.ts'), [
        "import { onShutdown as runtimeOnShutdown } from './stability-runtime';",
        '',
        'const interval = 5;',
        'function onShutdown() { return interval; }',
        "const interval2 = setInterval(() => console.log('a'), 1000);",
        'runtimeOnShutdown(() => clearInterval(interval2));',
        "const interval3 = setInterval(() => console.log('b'), 1000);",
        'runtimeOnShutdown(() => clearInterval(interval3));',
        "const interval4 = setInterval(() => console.log('c'), 1000);",
        'runtimeOnShutdown(() => clearInterval(interval4));',
        'export { onShutdown };',
        '',
      ].join('\n'));
      assert.deepEqual(await cli(['--fix'], { cwd: dir }), { code: 0, stdout: '', stderr: '' });
    } finally {
      removeProject(dir);
    }
  });

  it('CommonJS with --unsafe: two limiters in one function (the second waits a pass for a fresh name), two pools and an interval; one require of the shim', async () => {
    const dir = tempProject({
      'package.json': '{ "name": "jobs", "version": "1.0.0" }\n',
      // The route hands the lists a client sent: outside data, as many as the body holds.
      'src/routes.js': "const jobs = require('./jobs');\nmodule.exports = (req) => jobs.refreshAll(req.body.users, req.body.orders);\n",
      'src/jobs.js': [
        "const { Pool } = require('pg');",
        '',
        'const limit = 2;',
        'const pool = new Pool();',
        'const replica = new Pool();',
        '',
        'async function refreshAll(users, orders) {',
        '  await Promise.all(users.map(async (u) => fetch(`/u/${u}`)));',
        '  await Promise.all(orders.map(async (o) => fetch(`/o/${o}`)));',
        '  return limit;',
        '}',
        '',
        "setInterval(() => console.log('a'), 1000);",
        '',
        'module.exports = { refreshAll, pool, replica };',
        '',
      ].join('\n'),
    });
    try {
      const r = await cli(['--fix', '--unsafe'], { cwd: dir });
      assert.deepEqual(r, { code: 0, stdout: '', stderr: '1 file fixed, 1 file created.\n' });
      assert.equal(read(dir, 'src/jobs.js'), [
        "const { Pool } = require('pg');",
        "const { onShutdown, limiter } = require('../stability-runtime.cjs');",
        '',
        'const limit = 2;',
        'const pool = new Pool({ connectionTimeoutMillis: 5_000 });',
        'onShutdown(() => pool.end());',
        'const replica = new Pool({ connectionTimeoutMillis: 5_000 });',
        'onShutdown(() => replica.end());',
        '',
        'async function refreshAll(users, orders) {',
        '  const limit2 = limiter(8);',
        '  await Promise.all(users.map((u) => limit2(async () => fetch(`/u/${u}`, { signal: AbortSignal.timeout(10_000) }))));',
        '  const limit3 = limiter(8);',
        '  await Promise.all(orders.map((o) => limit3(async () => fetch(`/o/${o}`, { signal: AbortSignal.timeout(10_000) }))));',
        '  return limit;',
        '}',
        '',
        "const interval = setInterval(() => console.log('a'), 1000);",
        'onShutdown(() => clearInterval(interval));',
        '',
        'module.exports = { refreshAll, pool, replica };',
        '',
      ].join('\n'));
      assert.deepEqual(await cli(['--fix', '--unsafe'], { cwd: dir }), { code: 0, stdout: '', stderr: '' });
    } finally {
      removeProject(dir);
    }
  });
});
